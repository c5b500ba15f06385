package demo

import (
	"context"
	"testing"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
)

func TestTheDemoLogHasChallengesInEachStateAndLoadsOnce(t *testing.T) {
	t.Parallel()
	st := testdb.New(t)
	ctx := context.Background()
	load(t, st)
	period, err := st.PeriodBySlug(ctx, "2009-10")
	if err != nil {
		t.Fatal(err)
	}
	list, err := st.Challenges(ctx, store.ChallengeQuery{PeriodID: period.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != len(seedChallenges) {
		t.Fatalf("%d challenges, want %d", len(list), len(seedChallenges))
	}
	byStatus := map[domain.ChallengeStatus]int{}
	kinds := map[domain.TargetKind]bool{}
	overdue, outcomes := 0, map[domain.ChallengeOutcome]bool{}
	for _, c := range list {
		byStatus[c.Status]++
		kinds[c.Target.Kind] = true
		outcomes[c.Outcome] = true
		if c.Overdue {
			overdue++
		}
		if c.Status == domain.ChallengeClosed && (c.DaysToAnswer == nil || c.DaysToClose == nil || *c.DaysToClose <= *c.DaysToAnswer) {
			t.Errorf("closed challenge to %s took %v days to answer and %v to close", c.AgencyName, c.DaysToAnswer, c.DaysToClose)
		}
	}
	for _, st := range domain.ChallengeStatuses {
		if byStatus[st] < 2 {
			t.Errorf("%d %s challenges, want a few", byStatus[st], st)
		}
	}
	for _, k := range domain.TargetKinds {
		if k != domain.TargetReturn && !kinds[k] {
			t.Errorf("no challenge about a %s", k)
		}
	}
	for _, o := range domain.ChallengeOutcomes {
		if !outcomes[o] {
			t.Errorf("no challenge closed as %s", o)
		}
	}
	if overdue == 0 || overdue == byStatus[domain.ChallengeOpen] {
		t.Errorf("%d of %d open challenges overdue, want some but not all", overdue, byStatus[domain.ChallengeOpen])
	}
	// The outline shows the section, and the checklist's challenge item is covered by it.
	rd, err := st.Readiness(ctx, *period)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range rd.Checklist {
		if e.Key == "challenge" && e.Section != "Section 7: Challenge and scrutiny" {
			t.Errorf("the checklist's challenge item is covered by %q", e.Section)
		}
	}

	load(t, st)
	again, err := st.Challenges(ctx, store.ChallengeQuery{})
	if err != nil || len(again) != len(list) {
		t.Fatalf("after loading again: %d challenges, %v", len(again), err)
	}
}
