package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"

	"safeboard/internal/domain"
	"safeboard/internal/store"
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
	if ownsReturn(user, sc) {
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
	view, err := s.checkView(r.Context(), sc)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// The return's version changes only with its status, so the content a
	// colleague added or changed since the page was opened is compared too.
	if view.Content != r.PostFormValue("content") {
		view.Problem = msgReturnStale
		s.renderCheck(w, r, http.StatusConflict, view)
		return
	}
	_, err = s.store.Transition(r.Context(), domain.UserActor(user), sc.Return.ID, version, domain.ActionSubmit, "")
	switch {
	case err == nil:
		http.Redirect(w, r, returnPath(sc, "/submitted"), http.StatusSeeOther)
	case errors.Is(err, store.ErrIncomplete):
		view.Problem = msgIncomplete
		s.renderCheck(w, r, http.StatusUnprocessableEntity, view)
	case errors.Is(err, domain.ErrStale):
		view.Problem = msgReturnStale
		s.renderCheck(w, r, http.StatusConflict, view)
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
	view.Content = contentStamp(view.Items, view.Objectives)
	return view, nil
}

// contentStamp sums up the items and objectives as shown: any change by anyone changes it.
func contentStamp(items []domain.ReviewItem, objectives []domain.Objective) string {
	h := sha256.New()
	for _, i := range items {
		fmt.Fprintf(h, "item %d v%d;", i.ID, i.Version)
	}
	for _, o := range objectives {
		fmt.Fprintf(h, "objective %d v%d;", o.ID, o.Version)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func (s *Server) renderCheck(w http.ResponseWriter, r *http.Request, status int, v templates.CheckAnswersView) {
	p := s.formPage(r, "Check your answers before submitting your return", v.Problem != "")
	s.render(w, r, status, templates.CheckAnswers(p, v))
}
