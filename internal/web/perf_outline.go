package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// The manager's outline of section 4 (issue 13): sub-headings, text and
// report tables as an ordered list (perfBlockEditor), and every indicator
// with where it appears, hidden from the report or shown again.

func (s *Server) mountPerformanceOutline(r chi.Router) {
	r.Group(func(r chi.Router) {
		r.Use(s.require(ActionEditReport))
		r.Get("/performance/outline", s.perfOutlinePage)
		r.Post("/performance/indicators/{indicator}/hidden", s.setIndicatorHidden)
		perfBlockEditor.mount(s, r)
	})
}

func (s *Server) perfOutlinePage(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	comp, err := s.perfComposition(r.Context(), *period)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	inds, err := s.store.Indicators(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	base := reportBase(period) + "/performance"
	view := templates.PerfOutlineView{Period: period.Label, Base: base, SectionPath: base}
	names := make(map[int64]domain.Indicator, len(inds))
	for _, ind := range inds {
		names[ind.ID] = ind
	}
	numbers := perfBlockNumbers(comp.blocks)
	for _, b := range comp.blocks {
		ob := templates.PerfOutlineBlock{ID: b.ID, Kind: perfKindName(b.Kind), Number: numbers[b.ID], Summary: b.Title}
		switch b.Kind {
		case domain.PerfText:
			ob.Summary = templates.Shorten(b.Body, 120)
		case domain.PerfTable:
			var shown []string
			for _, id := range b.IndicatorIDs {
				if ind, ok := names[id]; ok {
					shown = append(shown, ind.Name)
				}
			}
			if len(shown) > 0 {
				ob.Summary += " (" + strings.Join(shown, "; ") + ")"
			}
		}
		view.Blocks = append(view.Blocks, ob)
	}
	places, _ := domain.PlacePerfIndicators(comp.blocks, inds, comp.hidden)
	for _, ind := range inds {
		p := places[ind.ID]
		oi := templates.PerfOutlineIndicator{ID: ind.ID, Code: ind.Code, Name: ind.Name, Hidden: p.Hidden}
		var where []string
		switch {
		case p.Hidden:
			where = append(where, "Hidden from the report")
		case len(p.Blocks) > 0:
			for _, k := range p.Blocks {
				where = append(where, numbers[comp.blocks[k].ID])
			}
		case len(p.PartOf) > 0:
			var of []string
			for _, id := range p.PartOf {
				of = append(of, names[id].Name)
			}
			where = append(where, "Not shown: feeds "+strings.Join(of, "; "))
		case len(comp.blocks) == 0:
			where = append(where, "Under its theme, "+ind.Theme)
		default:
			where = append(where, "Not placed: at the end of the section, in a table of its own")
		}
		oi.Where = strings.Join(where, ", ")
		view.Indicators = append(view.Indicators, oi)
	}
	s.render(w, r, http.StatusOK, templates.PerfOutlinePage(s.page(r, "Arrange section 4", ""), view))
}

// perfBlockNumbers are the numbers the blocks take: 4.1, 4.2… for
// sub-headings and Table 1, 2… for tables.
func perfBlockNumbers(blocks []domain.PerfBlock) map[int64]string {
	out := make(map[int64]string, len(blocks))
	h, t := 0, 0
	for _, b := range blocks {
		switch b.Kind {
		case domain.PerfHeading:
			h++
			out[b.ID] = "4." + strconv.Itoa(h)
		case domain.PerfTable:
			t++
			out[b.ID] = "Table " + strconv.Itoa(t)
		}
	}
	return out
}

func perfKindName(k domain.PerfBlockKind) string {
	switch k {
	case domain.PerfHeading:
		return "Sub-heading"
	case domain.PerfText:
		return "Text"
	}
	return "Table"
}

func (s *Server) setIndicatorHidden(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	id, err := idParam(r, "indicator")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	hidden := field(r, "hidden") == "yes"
	if err := s.store.SetIndicatorHidden(r.Context(), domain.UserActor(currentUser(r.Context())), period.ID, id, hidden); err != nil {
		s.renderError(w, r, err)
		return
	}
	msg := "The indicator is shown in the report again"
	if hidden {
		msg = "The indicator is hidden from the report; it still feeds the figures"
	}
	s.flashNear(w, r, reportBase(period)+"/performance/outline", templates.PerfIndicatorRowID(id), msg)
}

// perfBlockEditor is section 4's blocks in the one editor flow.
var perfBlockEditor = &listEditor[domain.PerfBlock]{
	place: reportPlace{}, entries: store.PerfBlockList,
	noun: "block", path: "/performance/blocks", list: "/performance/outline",
	name: func(b domain.PerfBlock) string {
		if b.Kind == domain.PerfText {
			return b.Body
		}
		return b.Title
	},
	anchor: templates.PerfBlockID,
	read:   readPerfBlock,
	render: renderPerfBlockForm,
}

// readPerfBlock reads a table's indicators and checks the block by its kind.
func readPerfBlock(r *http.Request, b *domain.PerfBlock) domain.FieldErrors {
	b.IndicatorIDs = nil
	for _, v := range r.PostForm["indicators"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
			b.IndicatorIDs = append(b.IndicatorIDs, id)
		}
	}
	if b.Kind != domain.PerfTable {
		b.Layout, b.Shows, b.IndicatorIDs = "", "", nil
	} else if b.Layout == domain.LayoutIndicators {
		b.Shows = ""
	}
	if b.IndicatorIDs == nil {
		b.IndicatorIDs = []int64{} // never NULL in the table
	}
	if b.Kind != domain.PerfText {
		b.Body = ""
	}
	if b.Kind == domain.PerfText {
		b.Title = ""
	}
	return domain.CheckPerfBlock(*b)
}

func renderPerfBlockForm(s *Server, w http.ResponseWriter, r *http.Request, sc listScope, f templates.EntryForm, b domain.PerfBlock) {
	if b.Kind == "" {
		b.Kind = domain.PerfBlockKind(r.URL.Query().Get("kind"))
	}
	if !b.Kind.Valid() {
		b.Kind = domain.PerfTable
	}
	view := templates.BoardFormView{EntryForm: f, Caption: reportCaption(sc.period) + ", section 4",
		Heading: "Add a " + b.Kind.Noun(), Save: "Save the " + b.Kind.Noun()}
	if b.Kind == domain.PerfText {
		view.Heading, view.Save = "Add text", "Save the text"
	}
	if f.Editing {
		view.Heading = "Change the " + b.Kind.Noun()
	}
	fields := []templates.BoardField{{Name: "kind", Kind: "hidden", Value: string(b.Kind)}}
	switch b.Kind {
	case domain.PerfHeading:
		fields = append(fields, templates.BoardField{Name: "title", Label: "Sub-heading", Hint: "Such as Children subject to child protection conferences. It is numbered 4.1, 4.2 as it comes.", Value: b.Title})
	case domain.PerfText:
		fields = append(fields, templates.BoardField{Name: "body", Label: "Text", Kind: "textarea", Rows: 12, Markdown: true, Value: b.Body})
	case domain.PerfTable:
		inds, err := s.store.Indicators(r.Context())
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		var options []templates.Option
		for _, ind := range inds {
			options = append(options, templates.Option{Value: strconv.FormatInt(ind.ID, 10), Label: ind.Name + " (" + ind.Code + ")"})
		}
		var checked []string
		for _, id := range b.IndicatorIDs {
			checked = append(checked, strconv.FormatInt(id, 10))
		}
		var shows []templates.Option
		for _, sh := range domain.PerfShowsAll {
			shows = append(shows, templates.Option{Value: string(sh), Label: sh.Title()})
		}
		fields = append(fields,
			templates.BoardField{Name: "title", Label: "Caption", Hint: "Such as Children on a child protection plan at 17 March 2010. The table is numbered Table 1, 2, 3 as it comes.", Value: b.Title},
			templates.BoardField{Name: "layout", Label: "Layout", Kind: "radios", Value: string(b.Layout), Options: []templates.Option{
				{Value: string(domain.LayoutIndicator), Label: "One indicator by its breakdowns", Hint: "The months or the year by each option, with totals"},
				{Value: string(domain.LayoutIndicators), Label: "Several indicators by month", Hint: "A row for each indicator with its target, year to date and rating"},
			}},
			templates.BoardField{Name: "shows", Label: "For one indicator, what the table shows", Kind: "radios", Value: string(b.Shows), Options: shows},
			templates.BoardField{Name: "indicators", Label: "Indicators", Kind: "checkboxes",
				Hint: "A table with none, or whose indicators have no figures for the year, says the figures are not available.", Values: checked, Options: options},
		)
	}
	for i := range fields {
		fields[i].Error = f.Errors.For(fields[i].Name)
	}
	view.Fields = fields
	s.renderBoardForm(w, r, view)
}
