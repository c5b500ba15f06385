package web

import (
	"net/http"
	"slices"
	"time"

	"safeboard/internal/domain"
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
		Publish: Can(user, ActionPublishReport),
	}
	s.render(w, r, http.StatusOK, templates.PeriodHome(s.page(r, period.Label+" reporting period", ""), view))
}

// returnPage is the lead's task list while they may change the return, and
// the whole return read-only otherwise; the board's review panel follows.
func (s *Server) returnPage(w http.ResponseWriter, r *http.Request) {
	ctx, sc, user := r.Context(), currentReturn(r.Context()), currentUser(r.Context())
	ret := sc.Return
	panel, err := s.reviewPanel(r, sc)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view := templates.ReturnPageView{
		Ref: returnRef(sc), Status: ret.Status, Deadline: sc.Period.Deadline, PeriodOpen: sc.Period.IsOpen,
		Overdue:   sc.Period.ReturnOverdue(ret.Status, time.Now()),
		TaskList:  CanActOnReturn(user, domain.ActionEdit, sc.Agency.ID, ret.Status, sc.Period.IsOpen),
		OwnReturn: IsAgencyLead(user, sc.Agency.ID), ItemCount: ret.ItemCount, ObjCount: ret.ObjCount,
		SubmittedAt: ret.SubmittedAt, Panel: panel,
	}
	if view.Figures, err = s.returnFigures(ctx, sc); err != nil {
		s.serverError(w, r, err)
		return
	}
	if view.TaskList && ret.Status == domain.StatusReturned {
		// The banner shows why the return was sent back; the panel's comments need not show it again.
		view.SentBack, view.Panel.Comments = takeLatestSendBack(panel.Comments)
	}
	if !view.TaskList && ret.ID != 0 {
		if view.Items, err = s.store.ReviewItems(ctx, ret.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
		if view.Objectives, err = s.store.Objectives(ctx, ret.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, templates.ReturnPage(s.page(r, sc.Agency.Name+" – "+sc.Period.Label+" return", ""), view))
}

// takeLatestSendBack separates the manager's most recent reason for sending
// the return back, or nil, from the other comments, which keep their order.
func takeLatestSendBack(comments []domain.Comment) (*domain.Comment, []domain.Comment) {
	for i := len(comments) - 1; i >= 0; i-- {
		if comments[i].SendBack {
			latest := comments[i]
			return &latest, slices.Delete(slices.Clone(comments), i, i+1)
		}
	}
	return nil, comments
}

// returnRef names the current return for headings and links.
func returnRef(sc *returnScope) templates.ReturnRef {
	next := domain.PeriodForYear(sc.Period.StartsOn.Year() + 1)
	return templates.ReturnRef{
		AgencyName: sc.Agency.Name, PeriodLabel: sc.Period.Label, NextLabel: next.Label, Path: returnPath(sc, ""),
	}
}
