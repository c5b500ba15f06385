package web

import (
	"context"
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
// periods are open at once; each costs the dashboard's queries but the aims,
// once per data version: the glance itself is built on every request, as what
// is overdue moves with the day.
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
		data, err := s.glances.get(r.Context(), p.ID, dataVersion(r.Context()), func(ctx context.Context) (glanceData, error) {
			returns, err := s.store.ReturnsOverview(ctx, p.ID)
			if err != nil {
				return glanceData{}, err
			}
			perf, err := s.store.PerformanceWith(ctx, p, store.PerformanceOptions{ByDateYears: 1, NoBreakdowns: true})
			return glanceData{returns, perf}, err
		})
		if err != nil {
			return nil, err
		}
		dash := buildDashboard(p, data.returns, data.perf, nil, templates.DashboardFilters{}, now, false)
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

// glanceData is what a period's glance reads from the database, kept per
// data version and read only: buildDashboard derives the rest.
type glanceData struct {
	returns []domain.ReturnSummary
	perf    *store.Performance
}
