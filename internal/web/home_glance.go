package web

import (
	"net/http"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// periodGlances is where each open period stands, for the home page of those
// who read the dashboard (the chair, members and the manager): its returns by
// status, its indicators by rating and what needs attention, built by the
// dashboard's own buildDashboard so the two pages never disagree. Few
// periods are open at once; each costs the dashboard's queries but the aims.
func (s *Server) periodGlances(r *http.Request, periods []domain.Period) ([]templates.PeriodGlance, error) {
	user := currentUser(r.Context())
	if !Can(user, ActionViewDashboard) {
		return nil, nil
	}
	now := time.Now()
	var out []templates.PeriodGlance
	for _, p := range periods {
		if !p.IsOpen {
			continue
		}
		returns, err := s.store.ReturnsOverview(r.Context(), p.ID)
		if err != nil {
			return nil, err
		}
		perf, err := s.store.PerformanceWith(r.Context(), p, store.PerformanceOptions{ByDateYears: 1, NoBreakdowns: true})
		if err != nil {
			return nil, err
		}
		dash := buildDashboard(p, returns, perf, nil, templates.DashboardFilters{}, now, false)
		g := templates.PeriodGlance{
			Period: p, DashboardPath: "/periods/" + p.Slug + "/dashboard",
			Progress: dash.Progress, RAGCounts: dash.RAGCounts, Indicators: dash.Shown(),
			Attention: dash.Attention, DueLabel: dash.DueLabel,
		}
		for _, m := range dash.Missing {
			g.Missing += len(m.Items)
		}
		if Can(user, ActionViewReturnsOverview) {
			g.Progress.OverviewPath = "/periods/" + p.Slug + "/returns"
		}
		out = append(out, g)
	}
	return out, nil
}
