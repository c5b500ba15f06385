package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// Starting a year from the one before it (store.StartYearFrom): the
// period's page offers it while the period has no returns; a page says what
// comes over and what does not, then starts it. Opening the period, and
// closing the year before, stay steps of their own.

// carryOffer is what the period's page says about starting it from the year
// before: nil when there is none before it.
func (s *Server) carryOffer(ctx context.Context, p domain.Period) (*templates.CarryOffer, error) {
	from, err := s.carriedFrom(ctx, p)
	if err != nil || from == nil {
		return nil, err
	}
	offer := &templates.CarryOffer{From: *from}
	if p.WasCarried() {
		return offer, nil
	}
	has, err := s.store.HasReturns(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	if has {
		offer.Reason = p.Label + " already has returns, so it can no longer be started from " + from.Label + "."
		return offer, nil
	}
	offer.Path = "/admin/periods/" + strconv.FormatInt(p.ID, 10) + "/start"
	return offer, nil
}

// carriedFrom is the year p was started from, or the year it would be
// started from: the one before it. nil when there is none.
func (s *Server) carriedFrom(ctx context.Context, p domain.Period) (*domain.Period, error) {
	if p.CarriedFrom != nil {
		return s.store.PeriodByID(ctx, *p.CarriedFrom)
	}
	from, err := s.store.YearBefore(ctx, p)
	if isNotFound(err) {
		return nil, nil
	}
	return from, err
}

// startYearPage says what starting the period from the year before carries
// over, with the button that starts it.
func (s *Server) startYearPage(w http.ResponseWriter, r *http.Request) {
	view, ok := s.startYearView(w, r)
	if !ok {
		return
	}
	s.renderStartYear(w, r, http.StatusOK, view)
}

// startYear starts the period from the year before, all or nothing, then
// leads back to the period's page to set the deadline and open it.
func (s *Server) startYear(w http.ResponseWriter, r *http.Request) {
	view, ok := s.startYearView(w, r)
	if !ok {
		return
	}
	if view.Problem == "" {
		carried, err := s.store.StartYearFrom(r.Context(), domain.UserActor(currentUser(r.Context())), view.Period.ID)
		if err == nil {
			s.flash(w, r, "/admin/periods/"+strconv.FormatInt(view.Period.ID, 10)+"/edit", carriedMessage(view.Period, carried))
			return
		}
		if view.Problem = startRefused(view.Period, view.From, err); view.Problem == "" {
			s.serverError(w, r, err)
			return
		}
		fresh, ferr := s.store.PeriodByID(r.Context(), view.Period.ID)
		if ferr != nil {
			s.serverError(w, r, ferr)
			return
		}
		view.Period, view.Started = *fresh, true
	}
	s.renderStartYear(w, r, http.StatusConflict, view)
}

// startYearView is the page about starting the period in the address from
// the year before, saying why it cannot be started when it cannot; it
// answers and reports false when there is no such period or none before it.
func (s *Server) startYearView(w http.ResponseWriter, r *http.Request) (templates.CarryView, bool) {
	p, err := s.periodFromURL(r)
	if err != nil {
		s.renderError(w, r, err)
		return templates.CarryView{}, false
	}
	from, err := s.carriedFrom(r.Context(), *p)
	if err != nil {
		s.serverError(w, r, err)
		return templates.CarryView{}, false
	}
	if from == nil {
		s.renderError(w, r, fmt.Errorf("the year before %s: %w", p.Label, domain.ErrNotFound))
		return templates.CarryView{}, false
	}
	view := templates.CarryView{Period: *p, From: *from}
	if p.WasCarried() {
		view.Problem, view.Started = startRefused(*p, *from, domain.ErrAlreadyCarried), true
		return view, true
	}
	has, err := s.store.HasReturns(r.Context(), p.ID)
	if err != nil {
		s.serverError(w, r, err)
		return view, false
	}
	if has {
		view.Problem, view.Started = startRefused(*p, *from, domain.ErrHasReturns), true
	}
	return view, true
}

// startRefused says why the period was not started from the year before;
// "" for an error that is not a refusal.
func startRefused(p, from domain.Period, err error) string {
	switch {
	case errors.Is(err, domain.ErrAlreadyCarried):
		when := ""
		if p.CarriedAt != nil {
			when = " on " + templates.DateTime(*p.CarriedAt)
		}
		return p.Label + " was already started from " + from.Label + when + ", and a year is started once only: nothing has changed."
	case errors.Is(err, domain.ErrHasReturns):
		return p.Label + " already has returns, so it can no longer be started from " + from.Label + ": nothing has changed."
	case errors.Is(err, domain.ErrFromTaken):
		return "Another year was already started from " + from.Label + ": nothing has changed."
	case errors.Is(err, domain.ErrNoYearBefore):
		return p.Label + " has no year before it: nothing has changed."
	}
	return ""
}

// carriedMessage says what starting the year carried over.
func carriedMessage(p domain.Period, c domain.Carried) string {
	msg := p.Label + " has been started from " + c.From.Label + ": "
	var parts []string
	if c.Sections > 0 {
		parts = append(parts, "the report’s outline")
	}
	if c.PlanObjectives > 0 {
		parts = append(parts, domain.CountOf(c.PlanObjectives, "key objective"))
	}
	if c.Aims > 0 {
		parts = append(parts, domain.CountOf(c.Aims, "strategic aim"))
	}
	parts = append(parts, domain.CountOf(c.Targets, "target")+" to be confirmed")
	msg += joinWords(parts) + " came over"
	if c.KeptTargets > 0 {
		msg += ", and " + domain.CountOf(c.KeptTargets, "target") + " it had were kept"
	}
	return msg + ". Set its deadline and open it when agencies should start their returns."
}

// joinWords joins phrases as a sentence does: "a, b and c".
func joinWords(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	out := parts[0]
	for _, p := range parts[1 : len(parts)-1] {
		out += ", " + p
	}
	return out + " and " + parts[len(parts)-1]
}

func (s *Server) renderStartYear(w http.ResponseWriter, r *http.Request, status int, view templates.CarryView) {
	p := s.formPage(r, "Start "+view.Period.Label+" from "+view.From.Label, view.Problem != "")
	p.Section = "periods"
	s.render(w, r, status, templates.CarryConfirm(p, view))
}
