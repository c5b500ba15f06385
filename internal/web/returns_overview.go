package web

import (
	"net/http"
	"time"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// returnsOverview is every agency's return for the period, with counts by status.
// The chair sees every row but may only open submitted and accepted returns.
func (s *Server) returnsOverview(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	user := currentUser(r.Context())
	list, err := s.store.ReturnsOverview(r.Context(), period.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	now := time.Now()
	counts := map[domain.ReturnStatus]int{}
	view := templates.ReturnsOverviewView{Period: *period, CanPreview: Can(user, ActionPreviewReport)}
	for _, rs := range list {
		row := templates.OverviewRow{ReturnSummary: rs, Overdue: period.ReturnOverdue(rs.Status, now)}
		if CanSeeReturn(user, rs.Agency.ID, rs.Status) {
			row.Path = "/periods/" + period.Slug + "/returns/" + rs.Agency.Slug
		}
		if row.Overdue {
			view.Overdue++
		}
		counts[rs.Status]++
		view.Rows = append(view.Rows, row)
	}
	view.CanChase = view.Overdue > 0 && period.IsOpen && Can(user, ActionChaseReturns)
	for _, status := range domain.ReturnStatuses {
		view.Counts = append(view.Counts, templates.StatusCount{Status: status, Count: counts[status]})
	}
	s.render(w, r, http.StatusOK, templates.ReturnsOverview(s.page(r, "Agency returns for "+period.Label, ""), view))
}
