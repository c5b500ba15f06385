package web

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// The annual report's board content, outline and compiled report (issue 6).
// The manager writes the board's own sections (the cover, report_cover.go;
// the business plan review, report_plan.go; the strategic aims,
// report_aims.go; membership and meetings, report_members.go and
// report_meetings.go) and arranges the outline (report_outline.go); the chair
// may draft the overview (report_texts.go); every reader of the report reads
// the compiled report (report_document.go) at /periods/{period}/report.

func (s *Server) mountReportBoard(r chi.Router) {
	r.Get("/", s.compiledReport)
	r.Group(func(r chi.Router) {
		// The manager and the chair; textPage and saveText check the kind of text.
		r.Use(s.require(ActionEditOverview))
		r.Get("/board", s.boardHub)
		r.Get("/board/text/{kind}", s.textPage)
		r.Post("/board/text/{kind}", s.saveText)
	})
	r.Group(func(r chi.Router) {
		r.Use(s.require(ActionEditReport))
		r.Get("/board/cover", s.coverPage)
		r.Post("/board/cover", s.saveCover)
		r.Get("/board/plan", s.planPage)
		r.Get("/board/aims", s.aimsPage)
		r.Get("/board/membership", s.membershipPage)
		r.Get("/outline", s.outlinePage)
		planObjectiveEditor.mount(s, r)
		planItemEditor.mount(s, r)
		aimEditor.mount(s, r)
		aimObjectiveEditor.mount(s, r)
		boardLookBackEditor.mount(s, r)
		memberEditor.mount(s, r)
		sectionEditor.mount(s, r)
		r.Get("/board/meetings/new", s.newMeetingForm)
		r.Post("/board/meetings", s.createMeeting)
		r.Get("/board/meetings/{id}", s.editMeetingForm)
		r.Post("/board/meetings/{id}", s.updateMeeting)
		r.Get("/board/meetings/{id}/remove", s.removeMeetingForm)
		r.Post("/board/meetings/{id}/remove", s.removeMeeting)
	})
}

// reportBase is the period's report address.
func reportBase(p *domain.Period) string { return "/periods/" + p.Slug + "/report" }

func reportCaption(p *domain.Period) string { return "Annual report " + p.Label }

func (s *Server) boardHub(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	user := currentUser(r.Context())
	board, err := s.store.BoardContent(r.Context(), period.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	base := reportBase(period) + "/board"
	written := func(done bool) string {
		if done {
			return "Written"
		}
		return "Not started"
	}
	view := templates.BoardHubView{Period: *period, ReportPath: reportBase(period), CanEdit: Can(user, ActionEditReport)}
	if view.CanEdit {
		view.Links = append(view.Links, templates.BoardLink{Href: base + "/cover", Text: "Cover", Status: written(board.Cover.Version > 0),
			Hint: "The report’s title, subtitle and date"})
	}
	view.Links = append(view.Links, templates.BoardLink{Href: base + "/text/overview", Text: "Overview by the independent chair",
		Status: written(board.Text(domain.TextOverview) != "")})
	if view.CanEdit {
		view.Links = append(view.Links,
			templates.BoardLink{Href: base + "/plan", Text: "Review of the board’s business plan", Status: domain.CountOf(len(board.Objectives), "key objective"),
				Hint: "Each key objective with its desired outcomes, what was done and what difference it made"},
			templates.BoardLink{Href: base + "/aims", Text: "Strategic aims and specific objectives", Status: domain.CountOf(len(board.Aims), "aim")},
			templates.BoardLink{Href: base + "/membership", Text: "Membership and attendance", Status: domain.CountOf(len(board.Members), "member"),
				Hint: "Members by role and agency, meetings and who attended"},
			templates.BoardLink{Href: reportBase(period) + "/outline", Text: "Arrange the sections", Status: "",
				Hint: "Reorder, hide, rename and add sections"},
		)
	}
	s.render(w, r, http.StatusOK, templates.BoardHub(s.page(r, "The board’s sections", ""), view))
}

// reportPlace is the period's report as the place of the board's lists (key
// objectives and their items, aims, members, the outline): the routes let
// only the manager reach them.
type reportPlace struct{}

func (reportPlace) scope(r *http.Request) listScope {
	period := currentPeriod(r.Context())
	return listScope{period: period, parent: store.Under(period.ID), id: period.ID, base: reportBase(period)}
}

func (reportPlace) mayOpen(*Server, http.ResponseWriter, *http.Request) bool { return true }

func (reportPlace) maySave(*Server, http.ResponseWriter, *http.Request) (bool, error) {
	return true, nil
}

func (reportPlace) mayMove(*Server, http.ResponseWriter, *http.Request) bool { return true }

func (reportPlace) back(_ *http.Request, _ listScope, list string) string { return list }

// saved leads back to the entry on its list.
func (reportPlace) saved(s *Server, w http.ResponseWriter, r *http.Request, back, anchor, msg string) {
	s.flashNear(w, r, back, anchor, msg)
}

func (reportPlace) changed(noun string) string {
	return "Someone else changed this " + noun + " since you opened it. What you typed is below: copy what you need, then reload the page to see their version."
}

func (reportPlace) removed(noun string) string {
	return "Someone else removed this " + noun + " since you opened it. What you typed is below: save it to add it again, or copy what you need."
}

// closed never happens: the report can always change.
func (reportPlace) closed(listScope, error, bool) (string, bool) { return "", false }

func (reportPlace) removal(s *Server, w http.ResponseWriter, r *http.Request, sc listScope, v templates.Removal) {
	s.renderBoardRemove(w, r, templates.BoardRemoveView{Removal: v, Caption: reportCaption(sc.period)})
}

// renderBoardForm shows one of the board's forms, with a status that says how it went (statusFor).
func (s *Server) renderBoardForm(w http.ResponseWriter, r *http.Request, v templates.BoardFormView) {
	if isPreview(r) {
		for i := range v.Fields {
			v.Fields[i].Preview = v.Fields[i].Markdown
		}
	}
	s.render(w, r, statusFor(v.EntryForm), templates.BoardForm(s.formPage(r, v.Heading, v.Problem()), v))
}

func (s *Server) renderBoardRemove(w http.ResponseWriter, r *http.Request, v templates.BoardRemoveView) {
	s.render(w, r, statusOfRemoval(v.Removal), templates.BoardRemove(s.formPage(r, "Remove the "+v.Kind, v.Conflict != ""), v))
}

// isPreview reports whether a form was posted by its Preview button, which
// asks to see its Markdown rendered and saves nothing: the handler shows the
// form again with what was typed, and renderBoardForm shows each Markdown
// field rendered above it.
func isPreview(r *http.Request) bool {
	return r.Method == http.MethodPost && r.PostFormValue("action") == "preview"
}
