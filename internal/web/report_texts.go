package web

import (
	"errors"
	"net/http"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// The board's texts: the chair's overview and the introductions the manager
// may give the business plan, the aims and the membership appendix.

// textKinds are the board's texts by their address, with who may write them.
var textKinds = map[string]struct {
	kind    domain.TextKind
	heading string
	label   string
	action  Action
	back    string // below the board pages
}{
	"overview":         {domain.TextOverview, "Overview by the independent chair", "the overview", ActionEditOverview, ""},
	"plan-intro":       {domain.TextPlanIntro, "Introduction to the review of the business plan", "the introduction", ActionEditReport, "/plan"},
	"aims-intro":       {domain.TextAimsIntro, "Introduction to the strategic aims", "the introduction", ActionEditReport, "/aims"},
	"membership-intro": {domain.TextMembership, "Introduction to the membership appendix", "the introduction", ActionEditReport, "/membership"},
}

type textForm struct {
	Body string `form:"body" label:"the text" validate:"max=50000"`
}

func (s *Server) textPage(w http.ResponseWriter, r *http.Request) {
	s.textForm(w, r, false)
}

func (s *Server) saveText(w http.ResponseWriter, r *http.Request) {
	s.textForm(w, r, true)
}

func (s *Server) textForm(w http.ResponseWriter, r *http.Request, save bool) {
	period := currentPeriod(r.Context())
	slug := chi.URLParam(r, "kind")
	tk, ok := textKinds[slug]
	if !ok {
		s.renderStatus(w, r, http.StatusNotFound)
		return
	}
	if !Can(currentUser(r.Context()), tk.action) {
		s.renderStatus(w, r, http.StatusForbidden)
		return
	}
	base := reportBase(period) + "/board"
	back := base + tk.back
	if tk.kind == domain.TextOverview {
		back = base
	}
	view := templates.BoardFormView{Caption: reportCaption(period), Heading: tk.heading, Save: "Save",
		EntryForm: templates.EntryForm{Action: base + "/text/" + slug, Back: back}}
	field := templates.BoardField{Name: "body", Label: "Text", Kind: "textarea", Rows: 20, Markdown: true}
	if save {
		version, err := postedVersion(r)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		field.Value = textField(r, "body")
		view.Version = version
		if isPreview(r) {
			// Nothing is saved: the form again, as typed, the text rendered
			// above it, with any reference Save would refuse named.
			view.Errors = checkRefs(r, textForm{Body: field.Value})
			field.Error = view.Errors.For("body")
			view.Fields = []templates.BoardField{field}
			s.renderBoardForm(w, r, view)
			return
		}
		view.Errors = checkForm(textForm{Body: field.Value})
		for _, fe := range checkRefs(r, textForm{Body: field.Value}) {
			view.Errors.Add(fe.Field, fe.Message)
		}
		if len(view.Errors) == 0 {
			err := s.store.SaveReportText(r.Context(), domain.UserActor(currentUser(r.Context())), period.ID, tk.kind, version, field.Value)
			switch {
			case err == nil:
				s.flash(w, r, back, capitalise(tk.heading)+" has been saved")
				return
			case errors.Is(err, domain.ErrStale):
				view.Conflict = "Someone else saved this text since you opened it. Your text is below: copy what you need, then reload the page to see theirs."
				view.Current = view.Action
			default:
				s.serverError(w, r, err)
				return
			}
		}
	} else {
		t, err := s.store.ReportText(r.Context(), period.ID, tk.kind)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		field.Value, view.Version = t.Body, t.Version
	}
	field.Error = view.Errors.For("body")
	view.Fields = []templates.BoardField{field}
	s.renderBoardForm(w, r, view)
}
