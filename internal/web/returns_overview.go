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
		row := templates.OverviewRow{ReturnSummary: rs, Overdue: overdueAt(period.Deadline, rs.Status, now)}
		if CanSeeReturn(user, rs.Agency.ID, rs.Status) {
			row.Path = "/periods/" + period.Slug + "/returns/" + rs.Agency.Slug
		}
		if row.Overdue {
			view.Overdue++
		}
		counts[rs.Status]++
		view.Rows = append(view.Rows, row)
	}
	for _, status := range domain.ReturnStatuses {
		view.Counts = append(view.Counts, templates.StatusCount{Status: status, Count: counts[status]})
	}
	s.render(w, r, http.StatusOK, templates.ReturnsOverview(s.page(r, "Agency returns for "+period.Label, ""), view))
}

// boardTime is the board's local time, in which deadlines fall.
var boardTime = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.UTC
	}
	return loc
}()

// overdueAt reports whether a return in status is overdue at now: the deadline
// day has ended in the board's local time and the return is neither submitted nor accepted.
func overdueAt(deadline *time.Time, status domain.ReturnStatus, now time.Time) bool {
	if deadline == nil || status == domain.StatusSubmitted || status == domain.StatusAccepted {
		return false
	}
	y, m, d := now.In(boardTime).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	due := time.Date(deadline.Year(), deadline.Month(), deadline.Day(), 0, 0, 0, 0, time.UTC)
	return today.After(due)
}
