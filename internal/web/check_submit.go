package web

import (
	"context"
	"errors"
	"net/http"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// msgReturnStale refuses a submit when the return changed since the lead checked it.
const msgReturnStale = "This return changed since you opened this page: check it again, then submit"

// checkAnswers shows the whole return with Change links, then the submit button.
func (wf *returnWorkflow) checkAnswers(s *Server, w http.ResponseWriter, r *http.Request) {
	if !s.mayOpenEditor(w, r) {
		return
	}
	view, err := wf.checkView(r.Context(), s, currentReturn(r.Context()))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderCheck(w, r, http.StatusOK, view)
}

// submit sends the return to the board, unless it changed since the lead checked it.
func (wf *returnWorkflow) submit(s *Server, w http.ResponseWriter, r *http.Request) {
	sc, user := currentReturn(r.Context()), currentUser(r.Context())
	if IsAgencyLead(user, sc.Agency.ID) {
		switch {
		case !sc.Return.Status.Editable():
			// A colleague submitted it first, the button was pressed twice, or the board has accepted it since.
			s.flash(w, r, returnPath(sc, ""), msgAlready(sc.Return.Status))
			return
		case !sc.Period.IsOpen && CanActOnReturn(user, domain.ActionSubmit, sc.Agency.ID, sc.Return.Status, true):
			// The period closed after the check page was opened; the return's page says so.
			http.Redirect(w, r, returnPath(sc, ""), http.StatusSeeOther)
			return
		}
	}
	if !s.mayAct(w, r, domain.ActionSubmit) {
		return
	}
	version, err := postedVersion(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	err = s.store.SubmitReturn(r.Context(), domain.UserActor(user), sc.Return.ID, version, r.PostFormValue("content"))
	switch {
	case err == nil:
		http.Redirect(w, r, returnPath(sc, "/submitted"), http.StatusSeeOther)
	case errors.Is(err, domain.ErrIncomplete):
		fresh, err := s.freshScope(r)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		tallies := wf.tallies(fresh.Return)
		problem := "Add " + wf.kind.Missing(tallies) + " before you submit your return"
		if wf.kind.Ready(tallies) {
			problem = "Complete each section before you submit your return: " + linkTexts(wf.unmarked(returnRef(fresh), tallies))
		}
		wf.checkAgain(s, w, r, fresh, http.StatusUnprocessableEntity, problem)
	case errors.Is(err, domain.ErrStale):
		// The return, or its content, changed since the check page was opened.
		wf.checkAgain(s, w, r, sc, http.StatusConflict, msgReturnStale)
	case errors.Is(err, domain.ErrInvalidTransition):
		fresh, err := s.freshScope(r)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		s.flash(w, r, returnPath(sc, ""), msgAlready(fresh.Return.Status))
	case errors.Is(err, domain.ErrPeriodClosed):
		http.Redirect(w, r, returnPath(sc, ""), http.StatusSeeOther)
	default:
		s.serverError(w, r, err)
	}
}

// checkAgain shows the check page again, as the return is now, saying why the submit was refused.
func (wf *returnWorkflow) checkAgain(s *Server, w http.ResponseWriter, r *http.Request, sc *returnScope, status int, problem string) {
	view, err := wf.checkView(r.Context(), s, sc)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view.Problem = problem
	s.renderCheck(w, r, status, view)
}

// msgAlready tells the lead that their submit did nothing because the return in status is past it.
func msgAlready(status domain.ReturnStatus) string {
	if status == domain.StatusAccepted {
		return "This return has already been accepted"
	}
	return "This return has already been submitted"
}

// returnSubmitted is the confirmation panel after submitting.
func (s *Server) returnSubmitted(w http.ResponseWriter, r *http.Request) {
	sc := currentReturn(r.Context())
	if sc.Return.Status != domain.StatusSubmitted {
		http.Redirect(w, r, returnPath(sc, ""), http.StatusSeeOther)
		return
	}
	view := templates.SubmittedView{Ref: returnRef(sc)}
	s.render(w, r, http.StatusOK, templates.ReturnSubmitted(s.page(r, "Return submitted", ""), view))
}

// checkView loads everything the check answers page shows.
func (wf *returnWorkflow) checkView(ctx context.Context, s *Server, sc *returnScope) (templates.CheckAnswersView, error) {
	content, err := wf.content(ctx, s, sc)
	if err != nil {
		return templates.CheckAnswersView{}, err
	}
	tallies, ref := wf.tallies(sc.Return), returnRef(sc)
	v := templates.CheckAnswersView{Ref: ref, Answers: content.answers, Ready: wf.kind.Ready(tallies),
		Needs: wf.kind.Missing(tallies), Version: sc.Return.Version, Content: content.stamp, Unanswered: content.unanswered}
	if v.Ready {
		// It holds what it needs: each section must still be marked as completed.
		v.Incomplete = wf.unmarked(ref, tallies)
		v.Ready = len(v.Incomplete) == 0
	}
	return v, nil
}

func (s *Server) renderCheck(w http.ResponseWriter, r *http.Request, status int, v templates.CheckAnswersView) {
	p := s.formPage(r, "Check your answers before submitting your return", v.Problem != "")
	s.render(w, r, status, templates.CheckAnswers(p, v))
}
