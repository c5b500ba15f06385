package domain_test

import (
	"errors"
	"testing"
	"time"

	"safeboard/internal/domain"
)

func TestAChallengeIsAnsweredAndClosedUntilItIsClosed(t *testing.T) {
	cases := []struct {
		from   domain.ChallengeStatus
		action domain.ChallengeAction
		want   domain.ChallengeStatus
		err    error
	}{
		{domain.ChallengeOpen, domain.ChallengeActionAnswer, domain.ChallengeAnswered, nil},
		{domain.ChallengeAnswered, domain.ChallengeActionAnswer, domain.ChallengeAnswered, nil},
		{domain.ChallengeOpen, domain.ChallengeActionClose, domain.ChallengeClosed, nil},
		{domain.ChallengeAnswered, domain.ChallengeActionClose, domain.ChallengeClosed, nil},
		{domain.ChallengeClosed, domain.ChallengeActionAnswer, domain.ChallengeClosed, domain.ErrChallengeClosed},
		{domain.ChallengeClosed, domain.ChallengeActionClose, domain.ChallengeClosed, domain.ErrChallengeClosed},
		{domain.ChallengeOpen, "withdraw", domain.ChallengeOpen, domain.ErrInvalidTransition},
	}
	for _, c := range cases {
		t.Run(string(c.from)+" then "+string(c.action), func(t *testing.T) {
			got, err := domain.NextChallengeStatus(c.from, c.action)
			if got != c.want || !errors.Is(err, c.err) || (c.err == nil && err != nil) {
				t.Fatalf("got %s, %v; want %s, %v", got, err, c.want, c.err)
			}
		})
	}
}

func TestATargetIsWrittenAndReadBack(t *testing.T) {
	for _, kind := range domain.TargetKinds {
		want := domain.ChallengeTarget{Kind: kind, ID: 42}
		got, err := domain.ParseTarget(want.String())
		if err != nil || got != want {
			t.Errorf("%s: got %v, %v", want, got, err)
		}
	}
	for _, bad := range []string{"", "indicator", "indicator:", "indicator:x", "indicator:0", "indicator:-3", "section11:4", ":4"} {
		t.Run("refuses "+bad, func(t *testing.T) {
			if _, err := domain.ParseTarget(bad); !errors.Is(err, domain.ErrNotFound) {
				t.Fatalf("got %v, want not found", err)
			}
		})
	}
}

func TestAChallengeAsksForAnAnswerTodayOrLater(t *testing.T) {
	london := domain.London()
	// 00:30 on 1 July in London is still 30 June in UTC: the day is London's.
	now := time.Date(2010, time.July, 1, 0, 30, 0, 0, london)
	day := func(m time.Month, d int) time.Time { return time.Date(2010, m, d, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		name string
		day  time.Time
		want bool
	}{
		{"yesterday is refused", day(time.June, 30), false},
		{"today is allowed", day(time.July, 1), true},
		{"next month is allowed", day(time.August, 2), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := domain.RespondByAllowed(c.day, now); got != c.want {
				t.Fatalf("got %t", got)
			}
		})
	}
	if got := domain.DefaultRespondBy(now); !got.Equal(day(time.July, 29)) {
		t.Errorf("the suggested date is %s, want 29 July", got)
	}
}

func TestDaysAreSaidInWords(t *testing.T) {
	for n, want := range map[int]string{0: "the same day", 1: "1 day", 12: "12 days"} {
		if got := domain.Days(n); got != want {
			t.Errorf("Days(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestAReturnsReviewItemsAndObjectivesAreChallengedOneByOne(t *testing.T) {
	for _, tc := range []struct {
		task string
		want domain.TargetKind
	}{{"review", domain.TargetReviewItem}, {"objectives", domain.TargetObjective}} {
		got, ok := domain.EntryTarget(tc.task, 7)
		if !ok || got != (domain.ChallengeTarget{Kind: tc.want, ID: 7}) {
			t.Errorf("%s: got %v, %v", tc.task, got, ok)
		}
		if task, ok := got.EntryTask(); !ok || task != tc.task {
			t.Errorf("%s: back to task %q, %v", tc.task, task, ok)
		}
	}
	if _, ok := domain.EntryTarget("last-year", 7); ok {
		t.Error("answers to last year's objectives are not challenged one by one")
	}
	for _, k := range []domain.TargetKind{domain.TargetAgency, domain.TargetReturn, domain.TargetIndicator} {
		if _, ok := (domain.ChallengeTarget{Kind: k, ID: 1}).EntryTask(); ok {
			t.Errorf("%s is not an entry of a return", k)
		}
	}
}
