package web

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// The annual report's board content, outline and compiled report (issue 6).
// The manager writes the board's own sections (cover, business plan review,
// strategic aims, membership and attendance) and arranges the outline; the
// chair may draft the overview; every reader of the report reads the
// compiled report at /periods/{period}/report.

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
		for _, k := range []*boardKind{planObjectiveKind, planItemKind, aimKind, memberKind, sectionKind} {
			s.mountBoardKind(r, k)
		}
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

// --- The compiled report ---

func (s *Server) compiledReport(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	user := currentUser(r.Context())
	preview := Can(user, ActionPreviewReport) && r.URL.Query().Get("preview") == "submitted"
	view, err := s.cachedReport(r.Context(), *period, user, preview)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if Can(user, ActionEditOverview) {
		view.EditPath = reportBase(period) + "/board"
	}
	if Can(user, ActionEditReport) {
		view.OutlinePath = reportBase(period) + "/outline"
	}
	s.render(w, r, http.StatusOK, templates.ReportDocument(s.page(r, view.Title+", "+period.Label, ""), view))
}

// RenderReport writes the whole report for a period as one HTML document, as
// any reader sees it (accepted returns only) and without the editors' links:
// what publishing a version and the PDF start from.
func (s *Server) RenderReport(ctx context.Context, period domain.Period) ([]byte, error) {
	view, err := s.reportDocument(ctx, period, nil, false)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	p := templates.Page{Title: view.Title + ", " + period.Label, BoardName: view.BoardName}
	if err := templates.ReportDocument(p, view).Render(ctx, &buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// reportDocument gathers every visible section of the period's report in the
// outline's order, numbered. The sections built from returns and figures use
// the same loaders as their own pages.
func (s *Server) reportDocument(ctx context.Context, period domain.Period, user *domain.User, preview bool) (templates.ReportDocView, error) {
	view := templates.ReportDocView{Period: period, BoardName: s.cfg.BoardName, Preview: preview,
		CanPreview: Can(user, ActionPreviewReport), Path: reportBase(&period)}
	if view.BoardName == "" {
		name, err := s.store.BoardName(ctx)
		if err != nil {
			return view, err
		}
		view.BoardName = name
	}
	outline, err := s.store.Outline(ctx, period)
	if err != nil {
		return view, err
	}
	board, err := s.store.BoardContent(ctx, period.ID)
	if err != nil {
		return view, err
	}
	view.Title, view.Subtitle = board.Cover.Title, board.Cover.Subtitle
	if view.Title == "" {
		view.Title = domain.DefaultCoverTitle(period)
	}
	if board.Cover.Date != nil {
		view.Date = templates.Date(*board.Cover.Date)
	}
	statuses := includedStatuses(preview && Can(user, ActionPreviewReport))
	for _, ns := range domain.NumberSections(outline) {
		sec := templates.ReportDocSection{NumberedSection: ns, Period: period, Board: board}
		switch ns.Kind {
		case domain.SectionPartnerReviews, domain.SectionObjectives:
			rv, err := s.returnsReportView(ctx, period, user, 0, "/report", preview)
			if err != nil {
				return view, err
			}
			renumberReturns(&rv, ns.Number)
			if len(rv.Missing) > 0 {
				view.Missing = rv.MissingNote()
			}
			if ns.Kind == domain.SectionPartnerReviews {
				items, err := s.store.ReviewItemsForPeriod(ctx, period.ID, statuses)
				if err != nil {
					return view, err
				}
				eachAgency(&rv, func(a *templates.ReportAgency) { a.Items = items[a.Agency.ID] })
			} else {
				objectives, err := s.store.ObjectivesForPeriod(ctx, period.ID, statuses)
				if err != nil {
					return view, err
				}
				eachAgency(&rv, func(a *templates.ReportAgency) { a.Objectives = objectives[a.Agency.ID] })
			}
			sec.Returns = &rv
		case domain.SectionPerformance:
			perf, err := s.store.Performance(ctx, period)
			if err != nil {
				return view, err
			}
			pv := perfReportView(perf)
			for i := range pv.Themes {
				t := &pv.Themes[i]
				t.Number = renumber(t.Number, "4", ns.Number)
				for j := range t.Indicators {
					t.Indicators[j].Number = renumber(t.Indicators[j].Number, "4", ns.Number)
				}
			}
			sec.Perf = &pv
		case domain.SectionMembership:
			sec.Attendance = domain.Attendance(board.Members, board.Meetings)
		case domain.SectionWorkByAim:
			if sec.ByAim, err = s.workByAimView(ctx, period, statuses); err != nil {
				return view, err
			}
		}
		view.Sections = append(view.Sections, sec)
	}
	return view, nil
}

// renumber swaps the leading section number of a sub-section's number, so
// "4.2.1" becomes "3.2.1" when the section is third.
func renumber(number, from, to string) string {
	if rest, ok := strings.CutPrefix(number, from+"."); ok {
		return to + "." + rest
	}
	return number
}

func renumberReturns(v *templates.ReportView, number string) {
	eachSection := func(fn func(s *templates.ReportSection)) {
		for i := range v.Sections {
			fn(&v.Sections[i])
		}
	}
	eachSection(func(s *templates.ReportSection) {
		s.Number = renumber(s.Number, "0", number)
		for j := range s.Agencies {
			s.Agencies[j].Number = renumber(s.Agencies[j].Number, "0", number)
		}
	})
}

func eachAgency(v *templates.ReportView, fn func(a *templates.ReportAgency)) {
	for i := range v.Sections {
		for j := range v.Sections[i].Agencies {
			fn(&v.Sections[i].Agencies[j])
		}
	}
}

// --- The board's sections ---

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
			templates.BoardLink{Href: base + "/plan", Text: "Review of the board’s business plan", Status: count(len(board.Objectives), "key objective"),
				Hint: "Each key objective with its desired outcomes, what was done and what difference it made"},
			templates.BoardLink{Href: base + "/aims", Text: "Strategic aims and specific objectives", Status: count(len(board.Aims), "aim")},
			templates.BoardLink{Href: base + "/membership", Text: "Membership and attendance", Status: count(len(board.Members), "member"),
				Hint: "Members by role and agency, meetings and who attended"},
			templates.BoardLink{Href: reportBase(period) + "/outline", Text: "Arrange the sections", Status: "",
				Hint: "Reorder, hide, rename and add sections"},
		)
	}
	s.render(w, r, http.StatusOK, templates.BoardHub(s.page(r, "The board’s sections", ""), view))
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

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
	view := templates.BoardFormView{Caption: reportCaption(period), Heading: tk.heading, Action: base + "/text/" + slug, Back: back, Save: "Save"}
	field := templates.BoardField{Name: "body", Label: "Text", Kind: "textarea", Rows: 20, Markdown: true}
	if save {
		if err := parseForm(r); err != nil {
			s.renderError(w, r, err)
			return
		}
		version, err := formVersion(r, "version")
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		field.Value = textField(r, "body")
		view.Version = version
		view.Errors = checkForm(textForm{Body: field.Value})
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

func (s *Server) renderBoardForm(w http.ResponseWriter, r *http.Request, v templates.BoardFormView) {
	status := http.StatusOK
	switch {
	case v.Conflict != "":
		status = http.StatusConflict
	case len(v.Errors) > 0:
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, templates.BoardForm(s.formPage(r, v.Heading, v.Problem()), v))
}

// --- The cover ---

type coverForm struct {
	Title    string `form:"title" label:"the title" missing:"the report’s title, like Annual review 2009/10 and business plan 2010/11" validate:"required,max=200"`
	Subtitle string `form:"subtitle" label:"the subtitle" validate:"max=200"`
}

func coverFields(title, subtitle string, date templates.DateParts, errs domain.FieldErrors) []templates.BoardField {
	return []templates.BoardField{
		{Name: "title", Label: "Title", Hint: "Such as “Annual review 2009/10 and business plan 2010/11”", Value: title, Error: errs.For("title")},
		{Name: "subtitle", Label: "Subtitle (optional)", Hint: "Such as “Medway Safeguarding Children Board”", Value: subtitle, Error: errs.For("subtitle")},
		{Name: "cover_date", Label: "Date on the cover (optional)", Hint: "For example, 27 4 2010", Kind: "date", Date: date, Error: errs.For("cover_date")},
	}
}

func (s *Server) coverView(period *domain.Period) templates.BoardFormView {
	base := reportBase(period) + "/board"
	return templates.BoardFormView{Caption: reportCaption(period), Heading: "Cover", Action: base + "/cover", Back: base, Save: "Save the cover"}
}

func (s *Server) coverPage(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	c, err := s.store.ReportCover(r.Context(), period.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if c.Version == 0 {
		c.Title = domain.DefaultCoverTitle(*period)
	}
	view := s.coverView(period)
	view.Version = c.Version
	view.Fields = coverFields(c.Title, c.Subtitle, dateParts(c.Date), nil)
	s.renderBoardForm(w, r, view)
}

func (s *Server) saveCover(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	version, err := formVersion(r, "version")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	title, subtitle := field(r, "title"), field(r, "subtitle")
	date := templates.DateParts{Day: field(r, "cover_date-day"), Month: field(r, "cover_date-month"), Year: field(r, "cover_date-year")}
	view := s.coverView(period)
	view.Version = version
	view.Errors = checkForm(coverForm{Title: title, Subtitle: subtitle})
	when, msg := parseDate(date, "The date on the cover")
	if msg != "" {
		view.Errors.Add("cover_date", msg)
	}
	if len(view.Errors) == 0 {
		err := s.store.SaveReportCover(r.Context(), domain.UserActor(currentUser(r.Context())), period.ID, version,
			domain.ReportCover{Title: title, Subtitle: subtitle, Date: when})
		switch {
		case err == nil:
			s.flash(w, r, reportBase(period)+"/board", "The cover has been saved")
			return
		case errors.Is(err, domain.ErrStale):
			view.Conflict = "Someone else saved the cover since you opened it. What you typed is below: reload the page to see theirs."
			view.Current = view.Action
		default:
			s.serverError(w, r, err)
			return
		}
	}
	view.Fields = coverFields(title, subtitle, date, view.Errors)
	s.renderBoardForm(w, r, view)
}

// --- List pages ---

func (s *Server) planPage(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	objectives, err := s.store.PlanObjectives(r.Context(), period.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	intro, err := s.store.ReportText(r.Context(), period.ID, domain.TextPlanIntro)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	base := reportBase(period) + "/board"
	view := templates.PlanPageView{Period: *period, Base: base, IntroPath: base + "/text/plan-intro", Intro: intro.Body, Objectives: objectives}
	s.render(w, r, http.StatusOK, templates.PlanPage(s.page(r, "Review of the board’s business plan", ""), view))
}

func (s *Server) aimsPage(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	aims, err := s.store.Aims(r.Context(), period.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	intro, err := s.store.ReportText(r.Context(), period.ID, domain.TextAimsIntro)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	base := reportBase(period) + "/board"
	view := templates.AimsPageView{Period: *period, Base: base, IntroPath: base + "/text/aims-intro", Intro: intro.Body, Aims: aims}
	s.render(w, r, http.StatusOK, templates.AimsPage(s.page(r, "Strategic aims and specific objectives", ""), view))
}

func (s *Server) membershipPage(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	board, err := s.store.BoardContent(r.Context(), period.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	base := reportBase(period) + "/board"
	view := templates.MembershipPageView{Period: *period, Base: base, IntroPath: base + "/text/membership-intro",
		Intro: board.Text(domain.TextMembership), Members: board.Members, Meetings: board.Meetings,
		Attendance: domain.Attendance(board.Members, board.Meetings)}
	s.render(w, r, http.StatusOK, templates.MembershipPage(s.page(r, "Membership and attendance", ""), view))
}

func (s *Server) outlinePage(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	outline, err := s.store.Outline(r.Context(), *period)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	numbers := map[int64]string{}
	for _, ns := range domain.NumberSections(outline) {
		numbers[ns.ID] = ns.Label
	}
	view := templates.OutlinePageView{Period: *period, Base: reportBase(period), ReportPath: reportBase(period)}
	for _, sec := range outline {
		view.Sections = append(view.Sections, templates.OutlineRow{ReportSection: sec, Number: numbers[sec.ID]})
	}
	s.render(w, r, http.StatusOK, templates.OutlinePage(s.page(r, "Arrange the report’s sections", ""), view))
}

// --- Ordered entries: key objectives, their items, aims, members, sections ---

// values are an entry's fields as typed, by their form names.
type values map[string]string

// boardKind is what the shared add, change, remove and move handlers need
// to know about one of the board's ordered lists.
type boardKind struct {
	noun   string // "key objective"
	path   string // below the report's address, such as "/board/aims"; {objective} for items
	list   string // the list page below the report's address
	param  string // the parent's address parameter, for items
	fields func(v values) []templates.BoardField
	check  func(v values) domain.FieldErrors
	name   func(v values) string
	anchor func(id int64) string
	load   func(ctx context.Context, st *store.Store, parent, id int64) (values, int, error)
	add    func(ctx context.Context, st *store.Store, actor domain.Actor, period domain.Period, parent int64, v values) (int64, error)
	update func(ctx context.Context, st *store.Store, actor domain.Actor, parent, id int64, version int, v values) error
	remove func(st *store.Store, ctx context.Context, actor domain.Actor, parent, id int64, version int) error
	move   func(st *store.Store, ctx context.Context, actor domain.Actor, parent, id int64, by int) error
}

func (s *Server) mountBoardKind(r chi.Router, k *boardKind) {
	r.Get(k.path+"/new", func(w http.ResponseWriter, r *http.Request) { s.newEntryForm(w, r, k) })
	r.Post(k.path, func(w http.ResponseWriter, r *http.Request) { s.saveBoardEntry(w, r, k, false) })
	r.Get(k.path+"/{id}", func(w http.ResponseWriter, r *http.Request) { s.editEntryForm(w, r, k) })
	r.Post(k.path+"/{id}", func(w http.ResponseWriter, r *http.Request) { s.saveBoardEntry(w, r, k, true) })
	r.Get(k.path+"/{id}/remove", func(w http.ResponseWriter, r *http.Request) { s.removeEntryForm(w, r, k) })
	r.Post(k.path+"/{id}/remove", func(w http.ResponseWriter, r *http.Request) { s.removeBoardEntry(w, r, k) })
	r.Post(k.path+"/{id}/move", func(w http.ResponseWriter, r *http.Request) { s.moveBoardEntry(w, r, k) })
}

// entryScope is where an entry lives: its parent's id, its list's address and the list page.
type entryScope struct {
	period *domain.Period
	parent int64
	base   string // the entries' address
	list   string // the list page
}

// scope finds an entry's parent: the period, or for an item its key objective, which must be the period's.
func (s *Server) scope(w http.ResponseWriter, r *http.Request, k *boardKind) (entryScope, bool) {
	period := currentPeriod(r.Context())
	sc := entryScope{period: period, parent: period.ID, base: reportBase(period) + k.path, list: reportBase(period) + k.list}
	if k.param != "" {
		id, err := idParam(r, k.param)
		if err != nil {
			s.renderError(w, r, err)
			return sc, false
		}
		if _, err := s.store.PlanObjective(r.Context(), period.ID, id); err != nil {
			s.renderError(w, r, err)
			return sc, false
		}
		sc.parent = id
		sc.base = strings.Replace(sc.base, "{"+k.param+"}", strconv.FormatInt(id, 10), 1)
	}
	return sc, true
}

func (sc entryScope) entry(id int64, suffix string) string {
	return sc.base + "/" + strconv.FormatInt(id, 10) + suffix
}

func (k *boardKind) form(sc entryScope, v values, errs domain.FieldErrors, editing bool) templates.BoardFormView {
	view := templates.BoardFormView{Caption: reportCaption(sc.period), Heading: "Add a " + k.noun, Action: sc.base, Back: sc.list,
		Save: "Save the " + k.noun, Errors: errs}
	if editing {
		view.Heading = "Change the " + k.noun
	}
	for _, f := range k.fields(v) {
		f.Error = errs.For(f.Name)
		view.Fields = append(view.Fields, f)
	}
	return view
}

func (s *Server) newEntryForm(w http.ResponseWriter, r *http.Request, k *boardKind) {
	sc, ok := s.scope(w, r, k)
	if !ok {
		return
	}
	s.renderBoardForm(w, r, k.form(sc, values{}, nil, false))
}

func (s *Server) editEntryForm(w http.ResponseWriter, r *http.Request, k *boardKind) {
	sc, ok := s.scope(w, r, k)
	if !ok {
		return
	}
	id, err := idParam(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v, version, err := k.load(r.Context(), s.store, sc.parent, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	view := k.form(sc, v, nil, true)
	view.Action, view.Version = sc.entry(id, ""), version
	s.renderBoardForm(w, r, view)
}

// readValues reads the fields a kind shows for v from the posted form.
func readValues(r *http.Request, fields []templates.BoardField, v values) values {
	for _, f := range fields {
		if f.Kind == "textarea" {
			v[f.Name] = textField(r, f.Name)
		} else {
			v[f.Name] = field(r, f.Name)
		}
	}
	return v
}

// saveBoardEntry adds an entry, or saves a change to one; a refused save shows everything typed again.
func (s *Server) saveBoardEntry(w http.ResponseWriter, r *http.Request, k *boardKind, editing bool) {
	sc, ok := s.scope(w, r, k)
	if !ok {
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	var id int64
	v := values{}
	if editing {
		var err error
		if id, err = idParam(r, "id"); err != nil {
			s.renderError(w, r, err)
			return
		}
		// What the entry is decides its fields (a built-in section has no text of its own).
		current, _, err := k.load(r.Context(), s.store, sc.parent, id)
		switch {
		case isNotFound(err):
			editing = false
		case err != nil:
			s.serverError(w, r, err)
			return
		default:
			v = current
		}
	}
	v = readValues(r, k.fields(v), v)
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	errs := k.check(v)
	view := k.form(sc, v, errs, editing)
	if editing {
		view.Action, view.Version = sc.entry(id, ""), version
	} else if id != 0 {
		view.Conflict = "Someone else removed this " + k.noun + " since you opened it. What you typed is below: save it to add it again, or copy what you need."
	}
	if len(errs) > 0 || view.Conflict != "" {
		s.renderBoardForm(w, r, view)
		return
	}
	actor := domain.UserActor(currentUser(r.Context()))
	var err error
	if editing {
		err = k.update(r.Context(), s.store, actor, sc.parent, id, version, v)
	} else {
		id, err = k.add(r.Context(), s.store, actor, *sc.period, sc.parent, v)
	}
	switch {
	case err == nil:
		verb := "added"
		if editing {
			verb = "saved"
		}
		s.flashNear(w, r, sc.list, k.anchor(id), "The "+k.noun+" ‘"+templates.Shorten(k.name(v), 80)+"’ has been "+verb)
	case errors.Is(err, domain.ErrStale):
		view.Conflict = "Someone else changed this " + k.noun + " since you opened it. What you typed is below: copy what you need, then reload the page to see their version."
		view.Current = view.Action
		s.renderBoardForm(w, r, view)
	case isNotFound(err):
		view.Conflict = "Someone else removed this " + k.noun + " since you opened it. What you typed is below: save it to add it again, or copy what you need."
		view.Action, view.Version = sc.base, 0
		s.renderBoardForm(w, r, view)
	default:
		s.serverError(w, r, err)
	}
}

func (s *Server) removeEntryForm(w http.ResponseWriter, r *http.Request, k *boardKind) {
	sc, ok := s.scope(w, r, k)
	if !ok {
		return
	}
	id, err := idParam(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v, version, err := k.load(r.Context(), s.store, sc.parent, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.renderBoardRemove(w, r, templates.BoardRemoveView{Caption: reportCaption(sc.period), Kind: k.noun, Name: templates.Shorten(k.name(v), 80),
		Action: sc.entry(id, "/remove"), Cancel: sc.list, Version: version})
}

func (s *Server) renderBoardRemove(w http.ResponseWriter, r *http.Request, v templates.BoardRemoveView) {
	status := http.StatusOK
	if v.Conflict != "" {
		status = http.StatusConflict
	}
	s.render(w, r, status, templates.BoardRemove(s.formPage(r, "Remove the "+v.Kind, v.Conflict != ""), v))
}

func (s *Server) removeBoardEntry(w http.ResponseWriter, r *http.Request, k *boardKind) {
	sc, ok := s.scope(w, r, k)
	if !ok {
		return
	}
	id, err := idParam(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	version, err := formVersion(r, "version")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v, current, err := k.load(r.Context(), s.store, sc.parent, id)
	if isNotFound(err) {
		s.flash(w, r, sc.list, "That "+k.noun+" had already been removed")
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	err = k.remove(s.store, r.Context(), domain.UserActor(currentUser(r.Context())), sc.parent, id, version)
	switch {
	case err == nil:
		s.flash(w, r, sc.list, "The "+k.noun+" ‘"+templates.Shorten(k.name(v), 80)+"’ has been removed")
	case isNotFound(err):
		s.flash(w, r, sc.list, "That "+k.noun+" had already been removed")
	case errors.Is(err, domain.ErrStale):
		s.renderBoardRemove(w, r, templates.BoardRemoveView{Caption: reportCaption(sc.period), Kind: k.noun, Name: templates.Shorten(k.name(v), 80),
			Action: sc.entry(id, "/remove"), Cancel: sc.list, Version: current,
			Conflict: "Someone else changed this " + k.noun + " since you opened this page. Check it is still the one you want to remove."})
	default:
		s.renderError(w, r, err)
	}
}

func (s *Server) moveBoardEntry(w http.ResponseWriter, r *http.Request, k *boardKind) {
	sc, ok := s.scope(w, r, k)
	if !ok {
		return
	}
	id, err := idParam(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	by, word := 0, r.PostFormValue("direction")
	switch word {
	case "up":
		by = -1
	case "down":
		by = 1
	default:
		s.renderError(w, r, errBadRequest)
		return
	}
	v, _, err := k.load(r.Context(), s.store, sc.parent, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := k.move(s.store, r.Context(), domain.UserActor(currentUser(r.Context())), sc.parent, id, by); err != nil {
		s.renderError(w, r, err)
		return
	}
	// Back to the entry just moved, so keyboard users carry on from there.
	s.flashNear(w, r, sc.list, k.anchor(id), "‘"+templates.Shorten(k.name(v), 80)+"’ has been moved "+word)
}

// --- The kinds ---

type planObjectiveForm struct {
	Title string `form:"title" label:"the key objective" missing:"the key objective, like Improving and promoting best safeguarding practice" validate:"required,max=300"`
	Intro string `form:"intro" label:"the introduction" validate:"max=20000"`
}

var planObjectiveKind = &boardKind{
	noun: "key objective", path: "/board/plan/objectives", list: "/board/plan",
	fields: func(v values) []templates.BoardField {
		return []templates.BoardField{
			{Name: "title", Label: "Key objective", Value: v["title"]},
			{Name: "intro", Label: "Introduction (optional)", Hint: "What the objective covers, shown before its items.", Kind: "textarea", Rows: 5, Markdown: true, Value: v["intro"]},
		}
	},
	check: func(v values) domain.FieldErrors {
		return checkForm(planObjectiveForm{Title: v["title"], Intro: v["intro"]})
	},
	name:   func(v values) string { return v["title"] },
	anchor: templates.PlanObjectiveCardID,
	load: func(ctx context.Context, st *store.Store, parent, id int64) (values, int, error) {
		o, err := st.PlanObjective(ctx, parent, id)
		return values{"title": o.Title, "intro": o.Intro}, o.Version, err
	},
	add: func(ctx context.Context, st *store.Store, actor domain.Actor, _ domain.Period, parent int64, v values) (int64, error) {
		return st.AddPlanObjective(ctx, actor, parent, store.PlanObjectiveFields{Title: v["title"], Intro: v["intro"]})
	},
	update: func(ctx context.Context, st *store.Store, actor domain.Actor, parent, id int64, version int, v values) error {
		return st.UpdatePlanObjective(ctx, actor, parent, id, version, store.PlanObjectiveFields{Title: v["title"], Intro: v["intro"]})
	},
	remove: (*store.Store).RemovePlanObjective,
	move:   (*store.Store).MovePlanObjective,
}

type planItemForm struct {
	Title          string `form:"title" label:"the title" missing:"the title, like Child death review processes" validate:"required,max=300"`
	DesiredOutcome string `form:"desired_outcome" label:"the desired outcome" validate:"max=5000"`
	WhatWeDid      string `form:"what_we_did" label:"what the board did and how well" validate:"max=30000"`
	Difference     string `form:"difference" label:"what difference the board made" validate:"max=30000"`
}

func planItemFields(v values) store.PlanItemFields {
	return store.PlanItemFields{Title: v["title"], DesiredOutcome: v["desired_outcome"], WhatWeDid: v["what_we_did"], Difference: v["difference"]}
}

var planItemKind = &boardKind{
	noun: "item", path: "/board/plan/objectives/{objective}/items", list: "/board/plan", param: "objective",
	fields: func(v values) []templates.BoardField {
		return []templates.BoardField{
			{Name: "title", Label: "Title", Hint: "Such as “Child death review processes”", Value: v["title"]},
			{Name: "desired_outcome", Label: "Desired outcome", Hint: "What the board wanted to achieve.", Kind: "textarea", Rows: 3, Value: v["desired_outcome"]},
			{Name: "what_we_did", Label: "What did we do? How well did we do it?", Kind: "textarea", Rows: 10, Markdown: true, Value: v["what_we_did"]},
			{Name: "difference", Label: "What difference did we make?", Kind: "textarea", Rows: 8, Markdown: true, Value: v["difference"]},
		}
	},
	check: func(v values) domain.FieldErrors {
		errs := checkForm(planItemForm(planItemFields(v)))
		if v["what_we_did"] == "" && v["difference"] == "" {
			errs.Add("what_we_did", "Enter what the board did and how well, or what difference it made")
		}
		return errs
	},
	name:   func(v values) string { return v["title"] },
	anchor: templates.PlanItemCardID,
	load: func(ctx context.Context, st *store.Store, parent, id int64) (values, int, error) {
		i, err := st.PlanItem(ctx, parent, id)
		return values{"title": i.Title, "desired_outcome": i.DesiredOutcome, "what_we_did": i.WhatWeDid, "difference": i.Difference}, i.Version, err
	},
	add: func(ctx context.Context, st *store.Store, actor domain.Actor, _ domain.Period, parent int64, v values) (int64, error) {
		return st.AddPlanItem(ctx, actor, parent, planItemFields(v))
	},
	update: func(ctx context.Context, st *store.Store, actor domain.Actor, parent, id int64, version int, v values) error {
		return st.UpdatePlanItem(ctx, actor, parent, id, version, planItemFields(v))
	},
	remove: (*store.Store).RemovePlanItem,
	move:   (*store.Store).MovePlanItem,
}

type aimForm struct {
	Title      string `form:"title" label:"the strategic aim" missing:"the strategic aim, like To promote continuous learning and development" validate:"required,max=300"`
	Outcomes   string `form:"outcomes" label:"the outcomes sought" validate:"max=20000"`
	ComingYear string `form:"coming_year" label:"the objectives for the coming year" validate:"max=20000"`
	LaterYears string `form:"later_years" label:"the objectives for later years" validate:"max=20000"`
}

func aimFields(v values) store.AimFields {
	return store.AimFields{Title: v["title"], Outcomes: v["outcomes"], ComingYear: v["coming_year"], LaterYears: v["later_years"]}
}

var aimKind = &boardKind{
	noun: "strategic aim", path: "/board/aims", list: "/board/aims",
	fields: func(v values) []templates.BoardField {
		return []templates.BoardField{
			{Name: "title", Label: "Strategic aim", Value: v["title"]},
			{Name: "outcomes", Label: "Outcomes sought", Kind: "textarea", Rows: 5, Markdown: true, Value: v["outcomes"]},
			{Name: "coming_year", Label: "Specific objectives for the coming year", Kind: "textarea", Rows: 8, Markdown: true, Value: v["coming_year"]},
			{Name: "later_years", Label: "Specific objectives for later years", Kind: "textarea", Rows: 6, Markdown: true, Value: v["later_years"]},
		}
	},
	check: func(v values) domain.FieldErrors {
		errs := checkForm(aimForm(aimFields(v)))
		if v["coming_year"] == "" && v["later_years"] == "" {
			errs.Add("coming_year", "Enter the specific objectives for the coming year or for later years")
		}
		return errs
	},
	name:   func(v values) string { return v["title"] },
	anchor: templates.AimCardID,
	load: func(ctx context.Context, st *store.Store, parent, id int64) (values, int, error) {
		a, err := st.Aim(ctx, parent, id)
		return values{"title": a.Title, "outcomes": a.Outcomes, "coming_year": a.ComingYear, "later_years": a.LaterYears}, a.Version, err
	},
	add: func(ctx context.Context, st *store.Store, actor domain.Actor, _ domain.Period, parent int64, v values) (int64, error) {
		return st.AddAim(ctx, actor, parent, aimFields(v))
	},
	update: func(ctx context.Context, st *store.Store, actor domain.Actor, parent, id int64, version int, v values) error {
		return st.UpdateAim(ctx, actor, parent, id, version, aimFields(v))
	},
	remove: (*store.Store).RemoveAim,
	move:   (*store.Store).MoveAim,
}

type memberForm struct {
	Role         string `form:"role" label:"the role" missing:"the member’s role, like Director of Children’s Services" validate:"required,max=200"`
	Organisation string `form:"organisation" label:"the agency or organisation" missing:"the agency or organisation they represent" validate:"required,max=200"`
	Name         string `form:"name" label:"the name" validate:"max=200"`
}

func memberFields(v values) store.MemberFields {
	return store.MemberFields{Role: v["role"], Organisation: v["organisation"], Name: v["name"]}
}

var memberKind = &boardKind{
	noun: "member", path: "/board/members", list: "/board/membership",
	fields: func(v values) []templates.BoardField {
		return []templates.BoardField{
			{Name: "role", Label: "Role", Hint: "Such as “Director of Children’s Services” or “Lay member”", Value: v["role"]},
			{Name: "organisation", Label: "Agency or organisation", Hint: "Such as “Kent Police”", Value: v["organisation"]},
			{Name: "name", Label: "Name (optional)", Hint: "Leave blank to name the member by their role only.", Value: v["name"]},
		}
	},
	check:  func(v values) domain.FieldErrors { return checkForm(memberForm(memberFields(v))) },
	name:   func(v values) string { return v["role"] },
	anchor: templates.MemberRowID,
	load: func(ctx context.Context, st *store.Store, parent, id int64) (values, int, error) {
		m, err := st.Member(ctx, parent, id)
		return values{"role": m.Role, "organisation": m.Organisation, "name": m.Name}, m.Version, err
	},
	add: func(ctx context.Context, st *store.Store, actor domain.Actor, _ domain.Period, parent int64, v values) (int64, error) {
		return st.AddMember(ctx, actor, parent, memberFields(v))
	},
	update: func(ctx context.Context, st *store.Store, actor domain.Actor, parent, id int64, version int, v values) error {
		return st.UpdateMember(ctx, actor, parent, id, version, memberFields(v))
	},
	remove: (*store.Store).RemoveMember,
	move:   (*store.Store).MoveMember,
}

type sectionForm struct {
	Title     string `form:"title" label:"the title" missing:"the section’s title" validate:"required,max=200"`
	Visible   string `form:"visible" label:"whether the report shows this section" choice:"true" validate:"required,oneof=yes no"`
	Numbering string `form:"numbering" label:"whether this is a numbered section or an appendix" choice:"true" validate:"required,oneof=section appendix"`
	Body      string `form:"body" label:"the text" validate:"max=50000"`
}

func sectionFields(v values) store.SectionFields {
	return store.SectionFields{Title: v["title"], Hidden: v["visible"] == "no", Appendix: v["numbering"] == "appendix", Body: v["body"]}
}

var sectionKind = &boardKind{
	noun: "section", path: "/outline", list: "/outline",
	fields: func(v values) []templates.BoardField {
		fields := []templates.BoardField{
			{Name: "title", Label: "Title", Value: v["title"]},
			{Name: "visible", Label: "Does the report show this section?", Kind: "radios", Value: v["visible"], Options: []templates.Option{
				{Value: "yes", Label: "Yes, show it"}, {Value: "no", Label: "No, hide it", Hint: "It keeps its place and its content, without a number"}}},
			{Name: "numbering", Label: "Is it a numbered section or an appendix?", Kind: "radios", Value: v["numbering"], Options: []templates.Option{
				{Value: "section", Label: "A numbered section"}, {Value: "appendix", Label: "An appendix", Hint: "Lettered A, B, C"}}},
		}
		if kind := v["kind"]; kind == "" || kind == string(domain.SectionFree) {
			fields = append(fields, templates.BoardField{Name: "body", Label: "Text", Kind: "textarea", Rows: 15, Markdown: true, Value: v["body"]})
		}
		return fields
	},
	check: func(v values) domain.FieldErrors {
		return checkForm(sectionForm{Title: v["title"], Visible: v["visible"], Numbering: v["numbering"], Body: v["body"]})
	},
	name:   func(v values) string { return v["title"] },
	anchor: templates.OutlineRowID,
	load: func(ctx context.Context, st *store.Store, parent, id int64) (values, int, error) {
		sec, err := st.ReportSectionByID(ctx, parent, id)
		v := values{"kind": string(sec.Kind), "title": sec.Title, "visible": "yes", "numbering": "section", "body": sec.Body}
		if sec.Hidden {
			v["visible"] = "no"
		}
		if sec.Appendix {
			v["numbering"] = "appendix"
		}
		return v, sec.Version, err
	},
	add: func(ctx context.Context, st *store.Store, actor domain.Actor, period domain.Period, _ int64, v values) (int64, error) {
		return st.AddFreeSection(ctx, actor, period, sectionFields(v))
	},
	update: func(ctx context.Context, st *store.Store, actor domain.Actor, parent, id int64, version int, v values) error {
		return st.UpdateSection(ctx, actor, parent, id, version, sectionFields(v))
	},
	remove: (*store.Store).RemoveSection,
	move:   (*store.Store).MoveSection,
}

// --- Meetings ---

func meetingView(period *domain.Period, members []domain.BoardMember, date templates.DateParts, attendees []string, errs domain.FieldErrors) templates.BoardFormView {
	base := reportBase(period) + "/board"
	options := make([]templates.Option, len(members))
	for i, m := range members {
		label := m.Role + ", " + m.Organisation
		if m.Name != "" {
			label = m.Name + ", " + label
		}
		options[i] = templates.Option{Value: strconv.FormatInt(m.ID, 10), Label: label}
	}
	return templates.BoardFormView{Caption: reportCaption(period), Heading: "Add a meeting", Action: base + "/meetings",
		Back: base + "/membership", Save: "Save the meeting", Errors: errs,
		Fields: []templates.BoardField{
			{Name: "held_on", Label: "Date of the meeting", Hint: "For example, 14 4 2009", Kind: "date", Date: date, Error: errs.For("held_on")},
			{Name: "attendees", Label: "Who attended?", Hint: "Select everyone who was there.", Kind: "checkboxes", Options: options, Values: attendees, Error: errs.For("attendees")},
		}}
}

func (s *Server) newMeetingForm(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	members, err := s.store.Members(r.Context(), period.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderBoardForm(w, r, meetingView(period, members, templates.DateParts{}, nil, nil))
}

func (s *Server) editMeetingForm(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	id, err := idParam(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	m, err := s.store.Meeting(r.Context(), period.ID, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	members, err := s.store.Members(r.Context(), period.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	attendees := make([]string, len(m.Attendees))
	for i, a := range m.Attendees {
		attendees[i] = strconv.FormatInt(a, 10)
	}
	view := meetingView(period, members, dateParts(&m.HeldOn), attendees, nil)
	view.Heading, view.Action, view.Version = "Change the meeting", view.Action+"/"+strconv.FormatInt(id, 10), m.Version
	s.renderBoardForm(w, r, view)
}

func (s *Server) createMeeting(w http.ResponseWriter, r *http.Request) { s.saveMeeting(w, r, 0) }

func (s *Server) updateMeeting(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.saveMeeting(w, r, id)
}

func (s *Server) saveMeeting(w http.ResponseWriter, r *http.Request, id int64) {
	period := currentPeriod(r.Context())
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	members, err := s.store.Members(r.Context(), period.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	date := templates.DateParts{Day: field(r, "held_on-day"), Month: field(r, "held_on-month"), Year: field(r, "held_on-year")}
	attendees := r.PostForm["attendees"]
	var ids []int64
	for _, a := range attendees {
		n, err := strconv.ParseInt(a, 10, 64)
		if err != nil {
			s.renderError(w, r, errBadRequest)
			return
		}
		ids = append(ids, n)
	}
	var errs domain.FieldErrors
	when, msg := parseDate(date, "The date of the meeting")
	switch {
	case msg != "":
		errs.Add("held_on", msg)
	case when == nil:
		errs.Add("held_on", "Enter the date of the meeting")
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	view := meetingView(period, members, date, attendees, errs)
	if id != 0 {
		view.Heading, view.Action, view.Version = "Change the meeting", view.Action+"/"+strconv.FormatInt(id, 10), version
	}
	if len(errs) == 0 {
		actor := domain.UserActor(currentUser(r.Context()))
		if id == 0 {
			id, err = s.store.AddMeeting(r.Context(), actor, period.ID, *when, ids)
		} else {
			err = s.store.UpdateMeeting(r.Context(), actor, period.ID, id, version, *when, ids)
		}
		var dup *domain.DuplicateError
		switch {
		case err == nil:
			s.flash(w, r, reportBase(period)+"/board/membership", "The meeting of "+templates.Date(*when)+" has been saved")
			return
		case errors.As(err, &dup):
			view.Errors.Add("held_on", "There is already a meeting on "+templates.Date(*when)+": change that one instead")
			view.Fields[0].Error = view.Errors.For("held_on")
		case errors.Is(err, domain.ErrStale):
			view.Conflict = "Someone else changed this meeting since you opened it. What you chose is below: reload the page to see their version."
			view.Current = view.Action
		case isNotFound(err):
			view.Conflict = "Someone else removed this meeting since you opened it. Save to add it again."
			view.Action, view.Version = reportBase(period)+"/board/meetings", 0
		default:
			s.serverError(w, r, err)
			return
		}
	}
	s.renderBoardForm(w, r, view)
}

func (s *Server) removeMeetingForm(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	id, err := idParam(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	m, err := s.store.Meeting(r.Context(), period.ID, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	base := reportBase(period) + "/board"
	s.renderBoardRemove(w, r, templates.BoardRemoveView{Caption: reportCaption(period), Kind: "meeting", Name: templates.Date(m.HeldOn),
		Action: base + "/meetings/" + strconv.FormatInt(id, 10) + "/remove", Cancel: base + "/membership", Version: m.Version})
}

func (s *Server) removeMeeting(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	id, err := idParam(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	version, err := formVersion(r, "version")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	list := reportBase(period) + "/board/membership"
	err = s.store.RemoveMeeting(r.Context(), domain.UserActor(currentUser(r.Context())), period.ID, id, version)
	switch {
	case err == nil:
		s.flash(w, r, list, "The meeting has been removed")
	case isNotFound(err):
		s.flash(w, r, list, "That meeting had already been removed")
	case errors.Is(err, domain.ErrStale):
		s.renderStatus(w, r, http.StatusConflict)
	default:
		s.renderError(w, r, err)
	}
}
