package web

import (
	"context"
	"net/http"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// The report's sections built from the agencies' returns: section 3, each
// agency's review of the year, and section 6, each agency's objectives for the
// next year. Only accepted returns are included; the manager may preview with
// submitted ones too (?preview=submitted). Each page reads its data with two
// queries, whatever the number of agencies and items: the returns overview and
// every included item (or objective) of the period at once.

func (s *Server) partnerReviews(w http.ResponseWriter, r *http.Request) {
	view, ok := s.reportView(w, r, 3, "/report/partner-reviews")
	if !ok {
		return
	}
	items, err := s.store.ReviewItemsForPeriod(r.Context(), view.Period.ID, includedStatuses(view.Preview))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for i := range view.Sections {
		for j := range view.Sections[i].Agencies {
			a := &view.Sections[i].Agencies[j]
			a.Items = items[a.Agency.ID]
		}
	}
	title := "Section 3: review by each partner agency, " + view.Period.Label
	s.render(w, r, http.StatusOK, templates.PartnerReviews(s.page(r, title, ""), view))
}

func (s *Server) objectivesSection(w http.ResponseWriter, r *http.Request) {
	view, ok := s.reportView(w, r, 6, "/report/objectives")
	if !ok {
		return
	}
	objectives, err := s.store.ObjectivesForPeriod(r.Context(), view.Period.ID, includedStatuses(view.Preview))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for i := range view.Sections {
		for j := range view.Sections[i].Agencies {
			a := &view.Sections[i].Agencies[j]
			a.Objectives = objectives[a.Agency.ID]
		}
	}
	title := "Section 6: single agency objectives for " + view.NextLabel
	s.render(w, r, http.StatusOK, templates.ObjectivesSection(s.page(r, title, ""), view))
}

// reportView outlines report section number, found at the period's address
// plus suffix: the agencies whose returns it includes, numbered, and the
// active agencies it still misses. A preview asked for by someone who may not
// preview is ignored: they see the accepted returns only.
func (s *Server) reportView(w http.ResponseWriter, r *http.Request, number int, suffix string) (templates.ReportView, bool) {
	view, err := s.returnsReportView(r.Context(), *currentPeriod(r.Context()), currentUser(r.Context()), number, suffix,
		r.URL.Query().Get("preview") == "submitted")
	if err != nil {
		s.serverError(w, r, err)
		return view, false
	}
	return view, true
}

// returnsReportView is reportView for a period and reader, also used by the
// compiled report (report_board.go); preview asks for submitted returns too.
func (s *Server) returnsReportView(ctx context.Context, period domain.Period, user *domain.User, number int, suffix string, preview bool) (templates.ReportView, error) {
	view := templates.ReportView{
		Period:     period,
		NextLabel:  domain.PeriodForYear(period.StartsOn.Year() + 1).Label,
		Path:       "/periods/" + period.Slug + suffix,
		CanPreview: Can(user, ActionPreviewReport),
		// Where each missing return stands is the overview's information.
		MissingStatuses: Can(user, ActionViewReturnsOverview),
	}
	view.Preview = view.CanPreview && preview
	list, err := s.store.ReturnsOverview(ctx, period.ID)
	if err != nil {
		return view, err
	}
	included := includedStatuses(view.Preview)
	var agencies []templates.ReportAgency
	for _, rs := range list {
		switch {
		case hasStatus(included, rs.Status):
			agencies = append(agencies, templates.ReportAgency{Agency: rs.Agency, Status: rs.Status})
		case rs.Agency.Active:
			view.Missing = append(view.Missing, templates.ReportMissing{Name: rs.Agency.Name, Status: rs.Status})
		}
	}
	view.Sections = templates.Outline(number, agencies)
	return view, nil
}

// includedStatuses are the statuses of the returns a section shows.
func includedStatuses(preview bool) []domain.ReturnStatus {
	if preview {
		return []domain.ReturnStatus{domain.StatusAccepted, domain.StatusSubmitted}
	}
	return []domain.ReturnStatus{domain.StatusAccepted}
}

func hasStatus(list []domain.ReturnStatus, s domain.ReturnStatus) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
