package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// The challenge log's forms: the chair or the manager raises a challenge
// about a target (a link beside the target carries it as ?about=kind:id), the
// agency's lead answers it and may revise the answer, and the chair closes it
// with an outcome. Each form follows the forms' pattern (forms.go): parse,
// check with the domain type's tags, show the form again with what was typed
// and an error summary, or redirect with a success banner; a change someone
// else's overtook is refused with 409 and the text kept.

// raiseForm is the raise form as typed.
type raiseForm struct {
	about, agency string
	question      string
	respondBy     templates.DateParts
}

// challengeFormView is the raise form for about (a target as ParseTarget
// reads it, or "" for an agency to choose), with its choices. A return, or
// an entry of it, offers the return, its review items and its objectives; a target
// that decides the agency names it; otherwise the agencies are offered, the
// target's owner chosen. An unknown target is not found.
func (s *Server) challengeFormView(ctx context.Context, period domain.Period, about string) (templates.ChallengeFormView, error) {
	view := templates.ChallengeFormView{Period: period, About: about,
		Back: templates.Link{Href: "/periods/" + period.Slug + "/challenges", Text: "Challenge log"}}
	var info store.TargetInfo
	if about != "" {
		target, err := domain.ParseTarget(about)
		if err != nil {
			return view, err
		}
		if info, err = s.store.ChallengeTarget(ctx, period.ID, target); err != nil {
			return view, err
		}
		view.AboutLabel = info.Label
		if _, entry := target.EntryTask(); entry || target.Kind == domain.TargetReturn {
			if view.AboutChoices, err = s.returnTargets(ctx, period, info.Agency); err != nil {
				return view, err
			}
		}
	}
	if info.Agency != 0 {
		agency, err := s.store.AgencyByID(ctx, info.Agency)
		if err != nil {
			return view, err
		}
		view.AgencyName, view.Agency = agency.Name, agency.Slug
		return view, nil
	}
	agencies, err := s.store.Agencies(ctx)
	if err != nil {
		return view, err
	}
	for _, a := range agencies {
		if !a.Active {
			continue
		}
		view.Agencies = append(view.Agencies, templates.Option{Value: a.Slug, Label: a.Name})
		if a.ID == info.Suggested {
			view.Agency = a.Slug
		}
	}
	return view, nil
}

// returnTargets are an agency's return for the period, each of its review
// items and each of its objectives, as targets to choose from.
func (s *Server) returnTargets(ctx context.Context, period domain.Period, agencyID int64) ([]templates.Option, error) {
	ret, err := s.store.ReturnFor(ctx, period.ID, agencyID)
	if err != nil || ret.ID == 0 {
		return nil, err
	}
	items, err := s.store.ReviewItems(ctx, ret.ID)
	if err != nil {
		return nil, err
	}
	ret64 := domain.ChallengeTarget{Kind: domain.TargetReturn, ID: ret.ID}
	options := []templates.Option{{Value: ret64.String(), Label: "The return as a whole"}}
	for i, item := range items {
		t := domain.ChallengeTarget{Kind: domain.TargetReviewItem, ID: item.ID}
		options = append(options, templates.Option{Value: t.String(), Label: "Review item " + strconv.Itoa(i+1) + ": " + item.Title})
	}
	objectives, err := s.store.Objectives(ctx, ret.ID)
	if err != nil {
		return nil, err
	}
	next := domain.PeriodForYear(period.StartsOn.Year() + 1)
	for i, o := range objectives {
		t := domain.ChallengeTarget{Kind: domain.TargetObjective, ID: o.ID}
		options = append(options, templates.Option{Value: t.String(),
			Label: "Objective " + strconv.Itoa(i+1) + " for " + next.Label + ": " + templates.Shorten(o.Intend, 200)})
	}
	return options, nil
}

func (s *Server) newChallengeForm(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	view, err := s.challengeFormView(r.Context(), *period, r.URL.Query().Get("about"))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	view.RespondBy = dateParts(ptr(domain.DefaultRespondBy(time.Now())))
	s.renderChallengeForm(w, r, http.StatusOK, view)
}

func ptr[T any](v T) *T { return &v }

func (s *Server) raiseChallenge(w http.ResponseWriter, r *http.Request) {
	ctx, period, user := r.Context(), currentPeriod(r.Context()), currentUser(r.Context())
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	typed := raiseForm{about: field(r, "about"), agency: field(r, "agency"), question: textField(r, "question"),
		respondBy: templates.DateParts{Day: field(r, "respond_by-day"), Month: field(r, "respond_by-month"), Year: field(r, "respond_by-year")}}
	view, err := s.challengeFormView(ctx, *period, typed.about)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	view.Question, view.RespondBy = typed.question, typed.respondBy
	c, errs := s.readChallenge(ctx, &view, typed)
	if errs == nil {
		id, err := s.store.RaiseChallenge(ctx, domain.UserActor(user), period.ID, c)
		switch {
		case errors.Is(err, store.ErrWrongAgency):
			errs.Add("agency", "A challenge about a return goes to the return’s agency")
		case err != nil:
			s.serverError(w, r, err)
			return
		default:
			s.flash(w, r, "/periods/"+period.Slug+"/challenges/"+strconv.FormatInt(id, 10), "Your challenge has been sent to "+agencyNameOf(view, typed.agency))
			return
		}
	}
	view.Errors = errs
	s.renderChallengeForm(w, r, http.StatusUnprocessableEntity, view)
}

// readChallenge checks a raise form as typed, in the form's order, and
// makes it the challenge to raise.
func (s *Server) readChallenge(ctx context.Context, view *templates.ChallengeFormView, typed raiseForm) (domain.NewChallenge, domain.FieldErrors) {
	var errs domain.FieldErrors
	c := domain.NewChallenge{Question: typed.question}
	if view.AgencyName == "" {
		view.Agency = typed.agency
		agency, err := s.store.AgencyBySlug(ctx, typed.agency)
		if err != nil || !agency.Active {
			errs.Add("agency", "Select the agency that owes the answer")
		} else {
			c.AgencyID = agency.ID
		}
	} else {
		agency, err := s.store.AgencyBySlug(ctx, view.Agency)
		if err == nil {
			c.AgencyID = agency.ID
		}
	}
	if typed.about == "" {
		c.Target = domain.ChallengeTarget{Kind: domain.TargetAgency, ID: c.AgencyID}
	} else {
		c.Target, _ = domain.ParseTarget(typed.about) // challengeFormView has found it
	}
	for _, fe := range checkForm(c) {
		errs.Add(fe.Field, fe.Message)
	}
	day, msg := parseDate(typed.respondBy, "The date to respond by")
	switch {
	case msg != "":
		errs.Add("respond_by", msg)
	case day == nil:
		errs.Add("respond_by", "Enter the date to respond by")
	case !domain.RespondByAllowed(*day, time.Now()):
		errs.Add("respond_by", "The date to respond by must be today or in the future")
	default:
		c.RespondBy = *day
	}
	return c, errs
}

// agencyNameOf is the name of the agency a raise form chose.
func agencyNameOf(view templates.ChallengeFormView, slug string) string {
	if view.AgencyName != "" {
		return view.AgencyName
	}
	for _, a := range view.Agencies {
		if a.Value == slug {
			return a.Label
		}
	}
	return slug
}

func (s *Server) renderChallengeForm(w http.ResponseWriter, r *http.Request, status int, view templates.ChallengeFormView) {
	s.render(w, r, status, templates.ChallengeForm(s.formPage(r, "Raise a challenge", len(view.Errors) > 0), view))
}

// answerChallenge saves the lead's answer, or its revision.
func (s *Server) answerChallenge(w http.ResponseWriter, r *http.Request) {
	ctx, c, user := r.Context(), currentChallenge(r.Context()), currentUser(r.Context())
	if !IsAgencyLead(user, c.AgencyID) {
		s.renderStatus(w, r, http.StatusForbidden)
		return
	}
	version, err := postedVersion(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	answer := domain.ChallengeAnswerText{Body: textField(r, "answer")}
	errs := checkForm(answer)
	if errs == nil {
		err = s.store.AnswerChallenge(ctx, domain.UserActor(user), c.ID, version, answer)
		if err == nil {
			msg := "Your answer has been sent to the board"
			if c.Answer != nil {
				msg = "Your revised answer has been sent to the board"
			}
			s.flash(w, r, templates.ChallengePath(*c), msg)
			return
		}
		if !errors.Is(err, domain.ErrStale) && !errors.Is(err, domain.ErrChallengeClosed) {
			s.serverError(w, r, err)
			return
		}
	} else if c.Status == domain.ChallengeClosed {
		err = domain.ErrChallengeClosed
	}
	s.challengeRefused(w, r, err, errs, func(v *templates.ChallengePageView) {
		v.Answer = answer.Body
		switch {
		case errors.Is(err, domain.ErrChallengeClosed):
			v.Conflict = "The chair closed this challenge while you were writing, so your answer was not sent. It is below so you can keep a copy."
		case errors.Is(err, domain.ErrStale):
			v.Conflict = "A colleague answered this challenge while you were writing, so your answer was not sent. Read their answer above; yours is below to send again if it still says what you mean."
		}
	})
}

// closeChallenge closes the challenge with the chair's outcome.
func (s *Server) closeChallenge(w http.ResponseWriter, r *http.Request) {
	ctx, c, user := r.Context(), currentChallenge(r.Context()), currentUser(r.Context())
	if !CanCloseChallenge(user, c.RaisedByRole, domain.ChallengeOpen) {
		s.renderStatus(w, r, http.StatusForbidden) // the role may never close this challenge
		return
	}
	version, err := postedVersion(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	closing := domain.ChallengeClosing{Outcome: domain.ChallengeOutcome(field(r, "outcome")), WhatChanged: textField(r, "what_changed")}
	errs := checkForm(closing)
	if errs == nil {
		err = s.store.CloseChallenge(ctx, domain.UserActor(user), c.ID, version, closing)
		if err == nil {
			s.flash(w, r, templates.ChallengePath(*c), "The challenge has been closed as "+lowerFirst(closing.Outcome.Title()))
			return
		}
		if !errors.Is(err, domain.ErrStale) && !errors.Is(err, domain.ErrChallengeClosed) {
			s.serverError(w, r, err)
			return
		}
	} else if c.Status == domain.ChallengeClosed {
		err = domain.ErrChallengeClosed
	}
	s.challengeRefused(w, r, err, errs, func(v *templates.ChallengePageView) {
		v.Outcome, v.WhatChanged = string(closing.Outcome), closing.WhatChanged
		switch {
		case errors.Is(err, domain.ErrChallengeClosed):
			v.Conflict = "Someone closed this challenge while you were writing, so it was not closed again. What you wrote is below so you can keep a copy."
		case errors.Is(err, domain.ErrStale):
			v.Conflict = v.C.AgencyName + " changed its answer after you opened the page, so the challenge was not closed. Read the answer as it is now; your outcome and text are below."
		}
	})
}

// challengeRefused shows the challenge's page again, as it is now, with what
// was typed: 422 with the form's errors, or 409 when the challenge changed
// (err: domain.ErrStale, domain.ErrChallengeClosed). A closed challenge
// keeps the typed text on the page in a plain box, its form gone.
func (s *Server) challengeRefused(w http.ResponseWriter, r *http.Request, err error, errs domain.FieldErrors, keep func(*templates.ChallengePageView)) {
	c := currentChallenge(r.Context())
	status := http.StatusUnprocessableEntity
	if err != nil {
		status, errs = http.StatusConflict, nil
		fresh, ferr := s.store.Challenge(r.Context(), c.ID)
		if ferr != nil {
			s.serverError(w, r, ferr)
			return
		}
		c = fresh
	}
	view, verr := s.challengeView(r, c)
	if verr != nil {
		s.serverError(w, r, verr)
		return
	}
	view.Errors = errs
	keep(&view)
	if c.Status == domain.ChallengeClosed {
		view.KeptText = view.Answer + view.WhatChanged
	}
	s.renderChallenge(w, r, status, view)
}

func lowerFirst(s string) string { return domain.LowerFirst(s) }
