package web

import (
	"context"
	"errors"
	"net/http"

	"safeboard/internal/domain"
	"safeboard/templates"
)

const (
	msgIncomplete  = "Add at least one review item and one objective before you submit your return"
	msgReturnStale = "This return changed since you opened this page: check it again, then submit"
)

// checkAnswers shows the whole return with Change links, then the submit button.
func (s *Server) checkAnswers(w http.ResponseWriter, r *http.Request) {
	if !s.mayOpenEditor(w, r) {
		return
	}
	view, err := s.checkView(r.Context(), currentReturn(r.Context()))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderCheck(w, r, http.StatusOK, view)
}

// submitReturn sends the return to the board, unless it changed since the lead checked it.
func (s *Server) submitReturn(w http.ResponseWriter, r *http.Request) {
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
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	version, err := formVersion(r, "version")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	err = s.store.SubmitReturn(r.Context(), domain.UserActor(user), sc.Return.ID, version, r.PostFormValue("content"))
	switch {
	case err == nil:
		http.Redirect(w, r, returnPath(sc, "/submitted"), http.StatusSeeOther)
	case errors.Is(err, domain.ErrIncomplete):
		s.checkAgain(w, r, sc, http.StatusUnprocessableEntity, msgIncomplete)
	case errors.Is(err, domain.ErrStale):
		// The return, or its content, changed since the check page was opened.
		s.checkAgain(w, r, sc, http.StatusConflict, msgReturnStale)
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
func (s *Server) checkAgain(w http.ResponseWriter, r *http.Request, sc *returnScope, status int, problem string) {
	view, err := s.checkView(r.Context(), sc)
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
func (s *Server) checkView(ctx context.Context, sc *returnScope) (templates.CheckAnswersView, error) {
	view := templates.CheckAnswersView{Ref: returnRef(sc), Version: sc.Return.Version}
	if sc.Return.ID != 0 {
		var err error
		if view.Items, err = s.store.ReviewItems(ctx, sc.Return.ID); err != nil {
			return view, err
		}
		if view.Objectives, err = s.store.Objectives(ctx, sc.Return.ID); err != nil {
			return view, err
		}
	}
	view.Content = domain.ContentStamp(domain.Entries(view.Items), domain.Entries(view.Objectives))
	return view, nil
}

func (s *Server) renderCheck(w http.ResponseWriter, r *http.Request, status int, v templates.CheckAnswersView) {
	p := s.formPage(r, "Check your answers before submitting your return", v.Problem != "")
	s.render(w, r, status, templates.CheckAnswers(p, v))
}
