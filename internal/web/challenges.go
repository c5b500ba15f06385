package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// The chair's challenge log (issue 16) at /periods/{period}/challenges: the
// log, filtered by status, agency and overdue in its address; a challenge's
// page with the lead's answer and the chair's closing (challenge_forms.go);
// and the panels that show a target's challenges beside it. Who reads what is
// CanSeeChallenge's: the board everything, a lead their agency's, a member
// the closed challenges.

const challengeKey contextKey = iota + 200

// mountChallenges adds the challenge log to a period's routes.
func (s *Server) mountChallenges(r chi.Router) {
	r.Route("/challenges", func(r chi.Router) {
		r.Use(s.require(ActionReadChallenges))
		r.Get("/", s.challengeLog)
		r.With(s.require(ActionRaiseChallenge)).Get("/new", s.newChallengeForm)
		r.With(s.require(ActionRaiseChallenge)).Post("/", s.raiseChallenge)
		r.Route("/{challenge}", func(r chi.Router) {
			r.Use(s.loadChallenge)
			r.Get("/", s.challengePage)
			r.Post("/answer", s.answerChallenge)
			r.Post("/close", s.closeChallenge)
		})
	})
}

// loadChallenge finds the {challenge} of the period, refusing those who may not read it.
func (s *Server) loadChallenge(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.ParseInt(chi.URLParam(r, "challenge"), 10, 64)
		if err != nil {
			s.renderStatus(w, r, http.StatusNotFound)
			return
		}
		c, err := s.store.Challenge(r.Context(), id)
		if err == nil && c.PeriodID != currentPeriod(r.Context()).ID {
			err = domain.ErrNotFound
		}
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		if !CanSeeChallenge(currentUser(r.Context()), c.AgencyID, c.Status) {
			s.renderStatus(w, r, http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), challengeKey, c)))
	})
}

func currentChallenge(ctx context.Context) *domain.Challenge {
	c, _ := ctx.Value(challengeKey).(*domain.Challenge)
	return c
}

// visibleChallenges narrows q to what user may read (a lead's agency, a
// member's closed challenges), runs it, and keeps only what CanSeeChallenge
// allows: the query saves reading what would be dropped, the policy decides.
func (s *Server) visibleChallenges(ctx context.Context, user *domain.User, q store.ChallengeQuery) ([]domain.Challenge, error) {
	if agency, ok := LeadAgency(user); ok {
		q.AgencyID = agency
	}
	if user != nil && user.Role == domain.RoleMember {
		if len(q.Statuses) > 0 && !slices.Contains(q.Statuses, domain.ChallengeClosed) {
			return nil, nil // asked for challenges not yet closed, which members do not read
		}
		q.Statuses = []domain.ChallengeStatus{domain.ChallengeClosed}
	}
	list, err := s.store.Challenges(ctx, q)
	if err != nil {
		return nil, err
	}
	out := list[:0]
	for _, c := range list {
		if CanSeeChallenge(user, c.AgencyID, c.Status) {
			out = append(out, c)
		}
	}
	return out, nil
}

// challengeLog lists the period's challenges the user may read, filtered by
// the address's status, agency and overdue.
func (s *Server) challengeLog(w http.ResponseWriter, r *http.Request) {
	ctx, period, user := r.Context(), currentPeriod(r.Context()), currentUser(r.Context())
	q := r.URL.Query()
	filters := templates.ChallengeFilters{Status: q.Get("status"), Agency: q.Get("agency"), Overdue: q.Get("overdue") == "yes"}
	// The filters' form sends every field: keep the address short by dropping the empty ones.
	if clean := challengeFilterQuery(filters); clean != r.URL.RawQuery && r.URL.RawQuery != "" {
		to := "/periods/" + period.Slug + "/challenges"
		if clean != "" {
			to += "?" + clean
		}
		http.Redirect(w, r, to, http.StatusSeeOther)
		return
	}
	view := templates.ChallengeLogView{Period: *period, Filters: filters}
	query := store.ChallengeQuery{PeriodID: period.ID, Overdue: filters.Overdue}
	if st := domain.ChallengeStatus(filters.Status); st.Valid() {
		query.Statuses = []domain.ChallengeStatus{st}
	} else {
		view.Filters.Status = ""
	}
	_, lead := LeadAgency(user)
	if !lead {
		agencies, err := s.store.Agencies(ctx)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, a := range agencies {
			view.Agencies = append(view.Agencies, templates.Option{Value: a.Slug, Label: a.Name})
			if a.Slug == filters.Agency {
				query.AgencyID = a.ID
			}
		}
		if filters.Agency != "" && query.AgencyID == 0 {
			query.AgencyID = -1 // an agency that is not there has no challenges
		}
	}
	switch {
	case lead:
		view.Scope = "These are the challenges to " + user.AgencyName + "."
	case user.Role == domain.RoleMember:
		view.Scope = "Board members read the challenges once the chair has closed them."
	}
	if user.Role != domain.RoleMember {
		for _, st := range domain.ChallengeStatuses {
			view.Statuses = append(view.Statuses, templates.Option{Value: string(st), Label: st.Title()})
		}
	}
	if Can(user, ActionRaiseChallenge) {
		view.RaisePath = "/periods/" + period.Slug + "/challenges/new"
	}
	if Can(user, ActionReadReport) {
		view.ReportPath = reportBase(period)
	}
	list, err := s.visibleChallenges(ctx, user, query)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, c := range list {
		view.Lines = append(view.Lines, templates.LineOf(c))
	}
	s.render(w, r, http.StatusOK, templates.ChallengeLog(s.page(r, "Challenge log "+period.Label, ""), view))
}

// challengeFilterQuery is the filters as an address's query, the empty ones left out.
func challengeFilterQuery(f templates.ChallengeFilters) string {
	q := url.Values{}
	if f.Status != "" {
		q.Set("status", f.Status)
	}
	if f.Agency != "" {
		q.Set("agency", f.Agency)
	}
	if f.Overdue {
		q.Set("overdue", "yes")
	}
	return q.Encode()
}

// challengePage is one challenge, with the forms its reader may use.
func (s *Server) challengePage(w http.ResponseWriter, r *http.Request) {
	c := currentChallenge(r.Context())
	view, err := s.challengeView(r, c)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if view.CanAnswer && c.Answer != nil {
		view.Answer = c.Answer.Body // revising starts from the answer as it stands
	}
	s.renderChallenge(w, r, http.StatusOK, view)
}

// challengeView is a challenge's page for the request's user, forms empty.
func (s *Server) challengeView(r *http.Request, c *domain.Challenge) (templates.ChallengePageView, error) {
	ctx, period, user := r.Context(), currentPeriod(r.Context()), currentUser(r.Context())
	view := templates.ChallengePageView{
		Period: *period, C: *c, LogPath: "/periods/" + period.Slug + "/challenges", Path: templates.ChallengePath(*c),
		CanAnswer: CanAnswerChallenge(user, c.AgencyID, c.Status),
		CanClose:  CanCloseChallenge(user, c.RaisedByRole, c.Status),
	}
	var err error
	if view.Answers, err = s.store.ChallengeAnswers(ctx, c.ID); err != nil {
		return view, err
	}
	view.AboutPath, err = s.targetPath(ctx, user, *period, *c)
	return view, err
}

func (s *Server) renderChallenge(w http.ResponseWriter, r *http.Request, status int, view templates.ChallengePageView) {
	title := "Challenge to " + view.C.AgencyName
	s.render(w, r, status, templates.ChallengePage(s.formPage(r, title, view.Problem()), view))
}

// targetPath is the page of what a challenge is about, when user may read
// it: a return, or a review item on it; an indicator's page for those who
// read the dashboard, or its figures for the lead of the agency that owns it.
func (s *Server) targetPath(ctx context.Context, user *domain.User, period domain.Period, c domain.Challenge) (string, error) {
	base := "/periods/" + period.Slug
	switch c.Target.Kind {
	case domain.TargetReturn, domain.TargetReviewItem, domain.TargetObjective:
		ret, err := s.store.ReturnFor(ctx, period.ID, c.AgencyID)
		if err != nil || !CanSeeReturn(user, c.AgencyID, ret.Status) {
			return "", err
		}
		path := base + "/returns/" + c.AgencySlug
		editing := CanActOnReturn(user, domain.ActionEdit, c.AgencyID, ret.Status, period.IsOpen)
		id := strconv.FormatInt(c.Target.ID, 10)
		switch {
		case c.Target.Kind == domain.TargetReviewItem && editing:
			return path + "/review#" + templates.ItemCardID(c.Target.ID), nil
		case c.Target.Kind == domain.TargetReviewItem:
			return path + "#item-" + id, nil
		case c.Target.Kind == domain.TargetObjective && editing:
			return path + "/objectives#" + templates.ObjectiveCardID(c.Target.ID), nil
		case c.Target.Kind == domain.TargetObjective:
			return path + "#objective-" + id, nil
		}
		return path, nil
	case domain.TargetIndicator:
		if c.TargetCode == "" {
			return "", nil
		}
		if Can(user, ActionViewDashboard) {
			return indicatorPath(period, c.TargetCode), nil
		}
		ind, err := s.store.IndicatorByCode(ctx, c.TargetCode)
		if isNotFound(err) || (err == nil && !IsAgencyLead(user, ind.AgencyID)) {
			return "", nil
		}
		if err != nil {
			return "", err
		}
		owner, err := s.store.AgencyByID(ctx, ind.AgencyID)
		if err != nil {
			return "", err
		}
		figures := base + "/returns/" + owner.Slug + "/performance"
		if ind.IsRatio() {
			return figures, nil // a ratio's figures are worked out from two others: it has no grid
		}
		return figures + "/" + url.PathEscape(c.TargetCode), nil
	}
	return "", nil
}

// challengeReportView is the report's "Challenge and scrutiny": the period's
// challenges counted, and the closed ones with their latest answers. Closed
// challenges are what every reader of the report may read (CanSeeChallenge).
func (s *Server) challengeReportView(ctx context.Context, period domain.Period) (*templates.ChallengeReportView, error) {
	counts, err := s.store.ChallengeCounts(ctx, period.ID)
	if err != nil {
		return nil, err
	}
	closed, err := s.store.Challenges(ctx, store.ChallengeQuery{PeriodID: period.ID,
		Statuses: []domain.ChallengeStatus{domain.ChallengeClosed}, ByAgency: true})
	if err != nil {
		return nil, err
	}
	return &templates.ChallengeReportView{Period: period, Counts: counts, Closed: closed}, nil
}

// challengePanel fills panel with the challenges q chooses that user may
// read, and, for those who raise challenges, the way to raise one about
// raise (none when nil).
func (s *Server) challengePanel(ctx context.Context, user *domain.User, period domain.Period, q store.ChallengeQuery,
	panel templates.ChallengePanel, raise *domain.ChallengeTarget) (*templates.ChallengePanel, error) {
	list, err := s.visibleChallenges(ctx, user, q)
	if err != nil {
		return nil, err
	}
	for _, c := range list {
		panel.Lines = append(panel.Lines, templates.LineOf(c))
	}
	if raise != nil && Can(user, ActionRaiseChallenge) {
		panel.RaisePath = "/periods/" + period.Slug + "/challenges/new?about=" + url.QueryEscape(raise.String())
	}
	if len(panel.Lines) > 0 || panel.RaisePath != "" {
		panel.LogPath = "/periods/" + period.Slug + "/challenges"
	}
	return &panel, nil
}

// returnChallenges are the challenges to a return's agency in its period,
// beside the return, with the way to raise one about the return (or the
// agency, before the return has started).
func (s *Server) returnChallenges(r *http.Request, sc *returnScope) (*templates.ChallengePanel, error) {
	raise := domain.ChallengeTarget{Kind: domain.TargetAgency, ID: sc.Agency.ID}
	text := "Raise a challenge to " + sc.Agency.Name
	if sc.Return.ID != 0 {
		raise, text = domain.ChallengeTarget{Kind: domain.TargetReturn, ID: sc.Return.ID}, "Raise a challenge about this return, one of its review items or one of its objectives"
	}
	return s.challengePanel(r.Context(), currentUser(r.Context()), *sc.Period,
		store.ChallengeQuery{PeriodID: sc.Period.ID, AgencyID: sc.Agency.ID},
		templates.ChallengePanel{ID: "challenges", Heading: "Challenges to " + sc.Agency.Name, RaiseText: text, ShowAbout: true}, &raise)
}

// indicatorChallenges are the challenges about an indicator in the period,
// to whichever agency, with the way to raise one.
func (s *Server) indicatorChallenges(r *http.Request, period domain.Period, ind domain.Indicator) (*templates.ChallengePanel, error) {
	target := domain.ChallengeTarget{Kind: domain.TargetIndicator, ID: ind.ID}
	return s.challengePanel(r.Context(), currentUser(r.Context()), period,
		store.ChallengeQuery{PeriodID: period.ID, Target: &target},
		templates.ChallengePanel{ID: "challenges", Heading: "Challenges about " + ind.Code, RaiseText: "Raise a challenge about " + ind.Code}, &target)
}

// homeChallenges are the challenges waiting on user, across periods: a
// lead's agency's not yet closed; for the chair and the manager, every
// challenge not yet closed. Members have none waiting on them.
func (s *Server) homeChallenges(r *http.Request) (*templates.ChallengePanel, error) {
	user := currentUser(r.Context())
	panel := templates.ChallengePanel{ID: "challenges", Heading: "Open challenges", ShowAbout: true, ShowPeriod: true}
	switch {
	case user.Role == domain.RoleLead:
		panel.Heading = "Challenges to your agency"
	case !Can(user, ActionRaiseChallenge):
		return nil, nil
	}
	list, err := s.visibleChallenges(r.Context(), user, store.ChallengeQuery{
		Statuses: []domain.ChallengeStatus{domain.ChallengeOpen, domain.ChallengeAnswered}})
	if err != nil {
		return nil, err
	}
	for _, c := range list {
		panel.Lines = append(panel.Lines, templates.LineOf(c))
	}
	return &panel, nil
}
