package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// challengeFixture is the report fixture with a chair, and an indicator owned by the drafted agency.
type challengeFixture struct {
	*reportFixture
	chair     domain.Actor
	indicator int64
}

func newChallengeFixture(t *testing.T) *challengeFixture {
	t.Helper()
	f := &challengeFixture{reportFixture: newReportFixture(t)}
	ctx := context.Background()
	id, err := f.st.CreateUser(ctx, domain.CommandLine, store.NewUser{Email: "chair@example.org", Name: "Test chair", Role: domain.RoleChair, PasswordHash: "x"})
	if err != nil {
		t.Fatal(err)
	}
	f.chair = domain.Actor{UserID: &id, Label: "chair@example.org"}
	f.indicator, err = f.st.CreateIndicator(ctx, domain.CommandLine, store.IndicatorFields{
		Code: "NI65", Name: "Repeat child protection plans", Theme: "National", Unit: domain.UnitPercentage,
		Polarity: domain.PolarityLower, Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDLatest, AgencyID: f.drafted,
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// today is the board's date now, as a date.
func today() time.Time {
	y, m, d := time.Now().In(domain.London()).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func (f *challengeFixture) raise(target domain.ChallengeTarget, agency int64, respondBy time.Time) int64 {
	f.t.Helper()
	id, err := f.st.RaiseChallenge(context.Background(), f.chair, f.period, domain.NewChallenge{
		Target: target, AgencyID: agency, Question: "Why " + target.String() + "?", RespondBy: respondBy,
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return id
}

func (f *challengeFixture) challenge(id int64) *domain.Challenge {
	f.t.Helper()
	c, err := f.st.Challenge(context.Background(), id)
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

func TestAChallengeIsRaisedAnsweredRevisedAndClosedWithItsHistoryAndAudit(t *testing.T) {
	t.Parallel()
	f := newChallengeFixture(t)
	ctx := context.Background()
	id := f.raise(domain.ChallengeTarget{Kind: domain.TargetIndicator, ID: f.indicator}, f.drafted, today().AddDate(0, 0, 14))
	c := f.challenge(id)
	if c.Status != domain.ChallengeOpen || c.TargetLabel != "NI65: Repeat child protection plans" || c.TargetCode != "NI65" ||
		c.AgencyName != "drafted" || c.RaisedByRole != domain.RoleChair || c.PeriodSlug != "2009-10" || c.Answer != nil || c.Overdue {
		t.Fatalf("raised: %+v", c)
	}

	lead := f.lead
	if err := f.st.AnswerChallenge(ctx, lead, id, c.Version, domain.ChallengeAnswerText{Body: "First answer"}); err != nil {
		t.Fatal(err)
	}
	// An answer from a page opened before that one is refused, with nothing saved.
	if err := f.st.AnswerChallenge(ctx, lead, id, c.Version, domain.ChallengeAnswerText{Body: "Stale"}); !errors.Is(err, domain.ErrStale) {
		t.Fatalf("a stale answer: %v", err)
	}
	c = f.challenge(id)
	if err := f.st.AnswerChallenge(ctx, lead, id, c.Version, domain.ChallengeAnswerText{Body: "Revised answer"}); err != nil {
		t.Fatal(err)
	}
	c = f.challenge(id)
	if c.Status != domain.ChallengeAnswered || c.Answer == nil || c.Answer.Body != "Revised answer" || c.DaysToAnswer == nil || *c.DaysToAnswer != 0 {
		t.Fatalf("answered: %+v", c)
	}
	answers, err := f.st.ChallengeAnswers(ctx, id)
	if err != nil || len(answers) != 2 || answers[0].Body != "First answer" || answers[1].Body != "Revised answer" {
		t.Fatalf("answers %+v, %v", answers, err)
	}
	if _, err := f.st.Pool().Exec(ctx, `UPDATE challenge_answers SET body = 'rewritten' WHERE challenge_id = $1`, id); err == nil {
		t.Error("an answer was rewritten in place")
	}

	// The chair read the first version: closing on it is refused.
	closing := domain.ChallengeClosing{Outcome: domain.OutcomePartlyAssured, WhatChanged: "A repeat-plan audit each quarter."}
	if err := f.st.CloseChallenge(ctx, f.chair, id, c.Version-1, closing); !errors.Is(err, domain.ErrStale) {
		t.Fatalf("closing on a stale answer: %v", err)
	}
	if err := f.st.CloseChallenge(ctx, f.chair, id, c.Version, closing); err != nil {
		t.Fatal(err)
	}
	c = f.challenge(id)
	if c.Status != domain.ChallengeClosed || c.Outcome != domain.OutcomePartlyAssured || c.ClosedByRole != domain.RoleChair ||
		c.WhatChanged != closing.WhatChanged || c.DaysToClose == nil || *c.DaysToClose != 0 {
		t.Fatalf("closed: %+v", c)
	}
	// A closed challenge takes no more answers and is not closed again.
	if err := f.st.AnswerChallenge(ctx, lead, id, c.Version, domain.ChallengeAnswerText{Body: "Late"}); !errors.Is(err, domain.ErrChallengeClosed) {
		t.Errorf("answering a closed challenge: %v", err)
	}
	if err := f.st.CloseChallenge(ctx, f.chair, id, c.Version, closing); !errors.Is(err, domain.ErrChallengeClosed) {
		t.Errorf("closing twice: %v", err)
	}

	events, err := f.st.AuditEvents(ctx, "challenge", 10)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action)
	}
	if want := []string{"challenge.close", "challenge.answer", "challenge.answer", "challenge.raise"}; !equalStrings(actions, want) {
		t.Errorf("audit %v, want %v", actions, want)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestAChallengeIsAboutSomethingOfItsPeriodAndGoesToItsAgency(t *testing.T) {
	t.Parallel()
	f := newChallengeFixture(t)
	ctx := context.Background()
	accepted, err := f.st.ReturnFor(ctx, f.period, f.accepted)
	if err != nil {
		t.Fatal(err)
	}
	items, err := f.st.ReviewItems(ctx, accepted.ID)
	if err != nil {
		t.Fatal(err)
	}
	objectives, err := f.st.Objectives(ctx, accepted.ID)
	if err != nil {
		t.Fatal(err)
	}
	next, err := f.st.ReturnFor(ctx, f.nextPeriod, f.accepted)
	if err != nil {
		t.Fatal(err)
	}
	nextObjectives, err := f.st.Objectives(ctx, next.ID)
	if err != nil {
		t.Fatal(err)
	}
	due := today().AddDate(0, 0, 7)
	cases := []struct {
		name   string
		target domain.ChallengeTarget
		agency int64
		label  string
		err    error
	}{
		{"an agency", domain.ChallengeTarget{Kind: domain.TargetAgency, ID: f.submitted}, f.submitted, "submitted", nil},
		{"a return", domain.ChallengeTarget{Kind: domain.TargetReturn, ID: accepted.ID}, f.accepted, "Return for 2009/10", nil},
		{"a review item", domain.ChallengeTarget{Kind: domain.TargetReviewItem, ID: items[1].ID}, f.accepted, "Review item: accepted 2", nil},
		{"an objective", domain.ChallengeTarget{Kind: domain.TargetObjective, ID: objectives[2].ID}, f.accepted, "Objective: Objective accepted 3", nil},
		{"an objective, to another agency", domain.ChallengeTarget{Kind: domain.TargetObjective, ID: objectives[0].ID}, f.submitted, "", store.ErrWrongAgency},
		{"another period's objective", domain.ChallengeTarget{Kind: domain.TargetObjective, ID: nextObjectives[0].ID}, f.accepted, "", domain.ErrNotFound},
		{"an indicator, to an agency that does not own it", domain.ChallengeTarget{Kind: domain.TargetIndicator, ID: f.indicator}, f.submitted, "NI65: Repeat child protection plans", nil},
		{"a return, to another agency", domain.ChallengeTarget{Kind: domain.TargetReturn, ID: accepted.ID}, f.submitted, "", store.ErrWrongAgency},
		{"another period's return", domain.ChallengeTarget{Kind: domain.TargetReturn, ID: next.ID}, f.accepted, "", domain.ErrNotFound},
		{"an agency that does not exist", domain.ChallengeTarget{Kind: domain.TargetAgency, ID: 999}, 999, "", domain.ErrNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			id, err := f.st.RaiseChallenge(ctx, f.chair, f.period, domain.NewChallenge{Target: c.target, AgencyID: c.agency, Question: "Why?", RespondBy: due})
			if !errors.Is(err, c.err) || (c.err == nil && err != nil) {
				t.Fatalf("got %v, want %v", err, c.err)
			}
			if c.err == nil {
				if got := f.challenge(id); got.TargetLabel != c.label || got.AgencyID != c.agency {
					t.Fatalf("about %q to agency %d", got.TargetLabel, got.AgencyID)
				}
			}
		})
	}
	// The log keeps the words the target had when it was raised.
	if _, err := f.st.Pool().Exec(ctx, `UPDATE indicators SET name = 'Renamed' WHERE id = $1`, f.indicator); err != nil {
		t.Fatal(err)
	}
	list, err := f.st.Challenges(ctx, store.ChallengeQuery{Target: &domain.ChallengeTarget{Kind: domain.TargetIndicator, ID: f.indicator}})
	if err != nil || len(list) != 1 || list[0].TargetLabel != "NI65: Repeat child protection plans" {
		t.Fatalf("by target: %+v, %v", list, err)
	}
}

func TestTheLogIsFilteredByStatusAgencyAndOverdueAndCounted(t *testing.T) {
	t.Parallel()
	f := newChallengeFixture(t)
	ctx := context.Background()
	about := func(agency int64) domain.ChallengeTarget {
		return domain.ChallengeTarget{Kind: domain.TargetAgency, ID: agency}
	}
	yesterday, tomorrow := today().AddDate(0, 0, -1), today().AddDate(0, 0, 1)
	overdue := f.raise(about(f.submitted), f.submitted, yesterday)
	dueToday := f.raise(about(f.submitted), f.submitted, today())
	answeredLate := f.raise(about(f.drafted), f.drafted, yesterday)
	closed := f.raise(about(f.accepted), f.accepted, tomorrow)
	// Raising checks the date only in the web's form: an overdue challenge is made by asking for yesterday.
	if err := f.st.AnswerChallenge(ctx, f.lead, answeredLate, 1, domain.ChallengeAnswerText{Body: "Late, but answered"}); err != nil {
		t.Fatal(err)
	}
	if err := f.st.CloseChallenge(ctx, f.chair, closed, 1, domain.ChallengeClosing{Outcome: domain.OutcomeEscalated, WhatChanged: "Taken to the children's trust board."}); err != nil {
		t.Fatal(err)
	}
	ids := func(q store.ChallengeQuery) []int64 {
		t.Helper()
		list, err := f.st.Challenges(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, c := range list {
			out = append(out, c.ID)
			if c.Overdue != (c.ID == overdue) {
				t.Errorf("challenge %d overdue %t", c.ID, c.Overdue)
			}
		}
		return out
	}
	cases := []struct {
		name string
		q    store.ChallengeQuery
		want []int64
	}{
		{"every challenge, open first", store.ChallengeQuery{PeriodID: f.period}, []int64{overdue, dueToday, answeredLate, closed}},
		{"open ones", store.ChallengeQuery{PeriodID: f.period, Statuses: []domain.ChallengeStatus{domain.ChallengeOpen}}, []int64{overdue, dueToday}},
		{"one agency's", store.ChallengeQuery{AgencyID: f.drafted}, []int64{answeredLate}},
		{"overdue ones: open past the date", store.ChallengeQuery{PeriodID: f.period, Overdue: true}, []int64{overdue}},
		{"closed ones", store.ChallengeQuery{Statuses: []domain.ChallengeStatus{domain.ChallengeClosed}}, []int64{closed}},
		{"another period's", store.ChallengeQuery{PeriodID: f.nextPeriod}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := ids(c.q); !equalIDs(got, c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
		})
	}
	counts, err := f.st.ChallengeCounts(ctx, f.period)
	if err != nil {
		t.Fatal(err)
	}
	if counts.NotClosed != 3 || counts.Closed() != 1 || counts.ByOutcome[domain.OutcomeEscalated] != 1 {
		t.Errorf("counts %+v", counts)
	}
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
