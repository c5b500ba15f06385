package web

import (
	"net/http"
	"slices"
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
	base := "/periods/" + period.Slug + "/returns"
	view := templates.ReturnsOverviewView{Period: *period, CanPreview: Can(user, ActionPreviewReport), AllHref: base, Total: len(list)}
	// A status the address names filters the rows; anything else shows them all.
	if want := domain.ReturnStatus(r.URL.Query().Get("status")); slices.Contains(domain.ReturnStatuses, want) {
		view.Filter = want
	}
	for _, rs := range list {
		counts[rs.Status]++
		if view.Filter != "" && rs.Status != view.Filter {
			continue
		}
		row := templates.OverviewRow{ReturnSummary: rs, Overdue: period.ReturnOverdue(rs.Status, now)}
		if CanSeeReturn(user, rs.Agency.ID, rs.Status) {
			row.Path = "/periods/" + period.Slug + "/returns/" + rs.Agency.Slug
		}
		view.Rows = append(view.Rows, row)
	}
	for _, rs := range list {
		if period.ReturnOverdue(rs.Status, now) {
			view.Overdue++
		}
	}
	view.CanChase = view.Overdue > 0 && period.IsOpen && Can(user, ActionChaseReturns)
	for _, status := range domain.ReturnStatuses {
		c := templates.StatusCount{Status: status, Count: counts[status], Href: base + "?status=" + string(status), Current: status == view.Filter}
		if c.Current {
			c.Href = base
		}
		view.Counts = append(view.Counts, c)
	}
	s.render(w, r, http.StatusOK, templates.ReturnsOverview(s.page(r, "Agency returns for "+period.Label, ""), view))
}
