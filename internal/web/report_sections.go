package web

import (
	"context"
	"net/http"

	"github.com/a-h/templ"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// The report's sections built from the agencies' returns: section 3, each
// agency's review of the year, and section 6, each agency's objectives for the
// next year. Only accepted returns are included; the manager may preview with
// submitted ones too (?preview=submitted). Each page reads its data with two
// queries, whatever the number of agencies and items: the returns overview and
// every included item (or objective) of the period at once.

// returnsSectionPage is one of the report's sections built from returns, as
// a page of its own.
type returnsSectionPage struct {
	kind   domain.SectionKind
	number int    // its number in the seed report
	path   string // below the period's address
	title  func(v templates.ReportView) string
	page   func(p templates.Page, v templates.ReportView) templ.Component
}

var (
	partnerReviewsPage = returnsSectionPage{domain.SectionPartnerReviews, 3, "/report/partner-reviews",
		func(v templates.ReportView) string {
			return "Section 3: review by each partner agency, " + v.Period.Label
		},
		templates.PartnerReviews}
	objectivesSectionPage = returnsSectionPage{domain.SectionObjectives, 6, "/report/objectives",
		func(v templates.ReportView) string { return "Section 6: single agency objectives for " + v.NextLabel },
		templates.ObjectivesSection}
)

func (s *Server) partnerReviews(w http.ResponseWriter, r *http.Request) {
	s.returnsSection(w, r, partnerReviewsPage)
}

func (s *Server) objectivesSection(w http.ResponseWriter, r *http.Request) {
	s.returnsSection(w, r, objectivesSectionPage)
}

// returnsSection shows a section built from returns: the agencies whose
// returns it includes, numbered, each with its entries, and the active
// agencies it still misses. A preview asked for by someone who may not
// preview is ignored: they see the accepted returns only.
func (s *Server) returnsSection(w http.ResponseWriter, r *http.Request, sp returnsSectionPage) {
	view, err := s.returnsReportView(r.Context(), *currentPeriod(r.Context()), currentUser(r.Context()), sp.number, sp.path,
		r.URL.Query().Get("preview") == "submitted")
	if err == nil {
		err = s.fillReturns(r.Context(), &view, sp.kind, includedStatuses(view.Preview))
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, sp.page(s.page(r, sp.title(view), ""), view))
}

// fillReturns gives each agency of a section built from returns its entries
// from the returns with statuses: what became of its objectives of last year
// and its review items for the partner reviews, its objectives otherwise.
func (s *Server) fillReturns(ctx context.Context, v *templates.ReportView, kind domain.SectionKind, statuses []domain.ReturnStatus) error {
	if kind == domain.SectionPartnerReviews {
		items, err := s.store.ReviewItemsForPeriod(ctx, v.Period.ID, statuses)
		if err != nil {
			return err
		}
		var lookBack map[int64][]domain.ObjectiveReview
		if v.Period.WasCarried() { // otherwise there is nothing to look back on
			if lookBack, err = s.store.LookBackForPeriod(ctx, v.Period.ID, statuses); err != nil {
				return err
			}
		}
		eachAgency(v, func(a *templates.ReportAgency) { a.Items, a.LookBack = items[a.Agency.ID], lookBack[a.Agency.ID] })
		return nil
	}
	objectives, err := s.store.ObjectivesForPeriod(ctx, v.Period.ID, statuses)
	eachAgency(v, func(a *templates.ReportAgency) { a.Objectives = objectives[a.Agency.ID] })
	return err
}

// returnsReportView outlines a section built from returns for a period and
// reader, here and in the compiled report (report_document.go); preview asks
// for submitted returns too.
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
