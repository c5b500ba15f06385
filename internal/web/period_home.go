package web

import (
	"net/http"

	"safeboard/templates"
)

// periodHome sends a lead to their own return; the board gets links to the
// returns overview and the report sections, as far as each may read them.
func (s *Server) periodHome(w http.ResponseWriter, r *http.Request) {
	user, period := currentUser(r.Context()), currentPeriod(r.Context())
	if agencyID, ok := LeadAgency(user); ok {
		agency, err := s.store.AgencyByID(r.Context(), agencyID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		http.Redirect(w, r, "/periods/"+period.Slug+"/returns/"+agency.Slug, http.StatusSeeOther)
		return
	}
	view := templates.PeriodHomeView{
		Period: *period, SeeOverview: Can(user, ActionViewReturnsOverview), SeeReport: Can(user, ActionReadReport),
		SeeDashboard: Can(user, ActionViewDashboard), WriteBoardSections: Can(user, ActionEditOverview),
		Publish: Can(user, ActionPublishReport), SeeChallenges: Can(user, ActionReadChallenges),
	}
	s.render(w, r, http.StatusOK, templates.PeriodHome(s.page(r, period.Label+" reporting period", ""), view))
}
