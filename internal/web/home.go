package web

import (
	"net/http"
	"strconv"
	"time"

	"safeboard/internal/domain"
	"safeboard/templates"
)

func itoa(i int) string { return strconv.Itoa(i) }

// home lists the reporting periods; an agency lead also sees their return for each open period.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	periods, err := s.store.Periods(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	published, err := s.store.PublishedCounts(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view := templates.HomePageView{HomeView: templates.HomeView{Periods: periods, Published: published}}
	if agencyID, ok := LeadAgency(currentUser(r.Context())); ok {
		if view.Returns, err = s.leadReturns(r, agencyID, periods); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if view.Glances, err = s.periodGlances(r, periods); err != nil {
		s.serverError(w, r, err)
		return
	}
	if view.Challenges, err = s.homeChallenges(r); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, templates.Home(s.page(r, "Home", "home"), view))
}

// leadReturns is an agency's return for each open period. Few periods are open at once.
func (s *Server) leadReturns(r *http.Request, agencyID int64, periods []domain.Period) ([]templates.HomeReturn, error) {
	agency, err := s.store.AgencyByID(r.Context(), agencyID)
	if err != nil {
		return nil, err
	}
	var list []templates.HomeReturn
	for i := range periods {
		p := &periods[i]
		if !p.IsOpen {
			continue
		}
		ret, err := s.store.ReturnFor(r.Context(), p.ID, agencyID)
		if err != nil {
			return nil, err
		}
		list = append(list, templates.HomeReturn{
			PeriodLabel: p.Label, Status: ret.Status, Deadline: p.Deadline,
			Overdue: p.ReturnOverdue(ret.Status, time.Now()),
			Path:    "/periods/" + p.Slug + "/returns/" + agency.Slug,
		})
	}
	return list, nil
}

func (s *Server) adminIndex(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/admin/agencies", http.StatusSeeOther)
}

func (s *Server) accessibility(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, templates.Accessibility(s.page(r, "Accessibility statement", "")))
}
