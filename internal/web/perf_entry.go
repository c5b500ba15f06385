package web

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// mountPerformanceEntry adds the return's "Performance data" task: the list of
// the agency's indicators and a grid of figures for each. It is mounted behind
// loadReturn and mustSeeReturn: whoever may see the return reads the figures;
// CanEnterFigures decides who may change them.
func (s *Server) mountPerformanceEntry(r chi.Router) {
	r.Get("/performance", s.performancePage)
	r.Get("/performance/{code}", s.figuresGrid)
	r.Post("/performance/{code}", s.saveFigures)
}

// mayEnterFigures reports whether the signed-in user may change the return's figures now.
func mayEnterFigures(r *http.Request) bool {
	sc := currentReturn(r.Context())
	return CanEnterFigures(currentUser(r.Context()), sc.Agency.ID, sc.Return.Status, sc.Period.IsOpen)
}

// figuresProgress counts, per indicator the agency owns, the cells of the
// period's grid and how many of them are known. Ratio indicators have none.
func (s *Server) figuresProgress(ctx context.Context, sc *returnScope, inds []domain.Indicator) (map[int64]templates.FiguresProgress, error) {
	var ids []int64
	for _, ind := range inds {
		if !ind.IsRatio() {
			ids = append(ids, ind.ID)
		}
	}
	out := make(map[int64]templates.FiguresProgress, len(inds))
	if len(ids) == 0 {
		return out, nil
	}
	counts, err := s.store.ValueCounts(ctx, ids, sc.Period.StartsOn, sc.Period.EndsOn)
	if err != nil {
		return nil, err
	}
	byIndicator := map[int64]map[string]int{}
	for _, c := range counts {
		if byIndicator[c.IndicatorID] == nil {
			byIndicator[c.IndicatorID] = map[string]int{}
		}
		byIndicator[c.IndicatorID][dateKey(c.On)] = c.Known
	}
	for _, ind := range inds {
		if ind.IsRatio() {
			continue
		}
		var extra []time.Time
		for day := range byIndicator[ind.ID] {
			d, _ := time.Parse(time.DateOnly, day)
			extra = append(extra, d)
		}
		cols := gridDates(ind, *sc.Period, extra)
		rows := 1
		for _, d := range ind.Dimensions {
			rows *= len(d.Options)
		}
		p := templates.FiguresProgress{Total: rows * len(cols)}
		for _, d := range cols {
			p.Known += byIndicator[ind.ID][dateKey(d)]
		}
		p.Known = min(p.Known, p.Total)
		out[ind.ID] = p
	}
	return out, nil
}

// returnFigures is the "Performance data" task's progress for the return
// page: nil when the agency owns no indicators.
func (s *Server) returnFigures(ctx context.Context, sc *returnScope) (*templates.FiguresProgress, error) {
	inds, err := s.store.AgencyIndicators(ctx, sc.Agency.ID)
	if err != nil || len(inds) == 0 {
		return nil, err
	}
	progress, err := s.figuresProgress(ctx, sc, inds)
	if err != nil {
		return nil, err
	}
	var all templates.FiguresProgress
	for _, p := range progress {
		all.Known += p.Known
		all.Total += p.Total
	}
	return &all, nil
}

// performancePage lists the agency's indicators by theme, each with how many
// of its figures for the period are known.
func (s *Server) performancePage(w http.ResponseWriter, r *http.Request) {
	ctx, sc, user := r.Context(), currentReturn(r.Context()), currentUser(r.Context())
	inds, err := s.store.AgencyIndicators(ctx, sc.Agency.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	progress, err := s.figuresProgress(ctx, sc, inds)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	codes := map[int64]string{}
	if hasRatio(inds) {
		all, err := s.store.Indicators(ctx)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, ind := range all {
			codes[ind.ID] = ind.Code
		}
	}
	view := templates.PerformanceView{Ref: returnRef(sc), CanEnter: mayEnterFigures(r)}
	themeAt := map[string]int{}
	for _, ind := range inds {
		row := templates.PerfIndicatorRow{Code: ind.Code, Name: ind.Name, Frequency: ind.Frequency.Title(), Progress: progress[ind.ID]}
		if ind.IsRatio() {
			row.RatioOf = codes[*ind.NumeratorID] + " out of " + codes[*ind.DenominatorID]
		} else {
			row.Path = gridPath(sc, ind.Code)
		}
		at, ok := themeAt[ind.Theme]
		if !ok {
			at = len(view.Themes)
			themeAt[ind.Theme] = at
			view.Themes = append(view.Themes, templates.PerfTheme{Name: ind.Theme})
		}
		view.Themes[at].Indicators = append(view.Themes[at].Indicators, row)
	}
	if len(inds) > 0 {
		files := "/periods/" + sc.Period.Slug + "/figures/"
		agency := url.QueryEscape(sc.Agency.Slug)
		if view.CanEnter && Can(user, ActionImportFigures) {
			view.ImportPath = files + "import?agency=" + agency
		}
		if Can(user, ActionImportFigures) {
			view.ImportsPath = files + "imports"
		}
		if CanExportFigures(user, sc.Agency.ID) {
			view.ExportXLSX = files + "export?agency=" + agency + "&format=xlsx"
			view.ExportCSV = files + "export?agency=" + agency + "&format=csv"
		}
	}
	s.render(w, r, http.StatusOK, templates.PerformancePage(s.page(r, "Performance data", ""), view))
}

func hasRatio(inds []domain.Indicator) bool {
	for _, ind := range inds {
		if ind.IsRatio() {
			return true
		}
	}
	return false
}

func gridPath(sc *returnScope, code string) string {
	return returnPath(sc, "/performance/"+url.PathEscape(code))
}
