package web

import (
	"net/http"
	"slices"
	"time"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// page is a return's page: the lead's task list while they may change the
// return, and the whole return read-only otherwise; the board's review panel
// follows.
func (wf *returnWorkflow) page(s *Server, w http.ResponseWriter, r *http.Request) {
	ctx, sc, user := r.Context(), currentReturn(r.Context()), currentUser(r.Context())
	ret := sc.Return
	panel, err := s.reviewPanel(r, sc)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	ref := returnRef(sc)
	view := templates.ReturnPageView{
		Ref: ref, Status: ret.Status, Deadline: sc.Period.Deadline, PeriodOpen: sc.Period.IsOpen,
		// Once the period has closed the return can no longer come in: its
		// status says so, without an overdue tag beside it.
		Overdue:   sc.Period.IsOpen && sc.Period.ReturnOverdue(ret.Status, time.Now()),
		TaskList:  CanActOnReturn(user, domain.ActionEdit, sc.Agency.ID, ret.Status, sc.Period.IsOpen),
		OwnReturn: IsAgencyLead(user, sc.Agency.ID), SubmittedAt: ret.SubmittedAt, Panel: panel,
	}
	view.Tasks, view.Check = wf.taskList(ref, ret)
	if view.Challenges, err = s.returnChallenges(r, sc); err != nil {
		s.serverError(w, r, err)
		return
	}
	if wf.figures != nil {
		if view.Figures, err = wf.figures(ctx, s, sc); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if view.TaskList && ret.Status == domain.StatusReturned {
		// The banner shows why the return was sent back; the panel's comments need not show it again.
		_, about := domain.SendBackRound(panel.Comments)
		view.SentBack, view.Panel.Comments = takeLatestSendBack(panel.Comments)
		view.SentBackAbout = sentBackAbout(sc, wf, about)
	}
	if view.Changes, err = s.changesSinceLastSubmission(ctx, sc, user); err != nil {
		s.serverError(w, r, err)
		return
	}
	if !view.TaskList {
		content, err := wf.content(ctx, s, sc)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		beside, err := s.besideEntries(ctx, sc)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		view.Content = content.readOnly(beside)
	}
	s.render(w, r, http.StatusOK, templates.ReturnPage(s.page(r, sc.Agency.Name+" – "+sc.Period.Label+" return", ""), view))
}

// takeLatestSendBack separates the manager's most recent reason for sending
// the return back, or nil, from the other comments, which keep their order.
func takeLatestSendBack(comments []domain.Comment) (*domain.Comment, []domain.Comment) {
	for i := len(comments) - 1; i >= 0; i-- {
		if comments[i].SendBack && !comments[i].About.IsSet() {
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
