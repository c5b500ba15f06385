package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// count is a count(*) the test reads straight from the database.
func count(t *testing.T, st *store.Store, q string, args ...any) int {
	t.Helper()
	var n int
	must(t, st.Pool().QueryRow(context.Background(), q, args...).Scan(&n))
	return n
}

func TestStartingAYearCarriesTheOutlineHeadingsAndTargetsAndNothingElse(t *testing.T) {
	t.Parallel()
	f := newPerfFixture(t) // 2008/09 and 2009/10, indicators, figures, targets and comparators in 2009/10
	st, ctx := f.st, context.Background()
	manager := domain.CommandLine
	last := f.period
	// Last year's report: its outline rearranged, with a section of the manager's own.
	outline, err := st.Outline(ctx, last)
	must(t, err)
	perf := outline[3]
	perf.Hidden = true
	must(t, store.SectionList.Update(ctx, st, manager, store.Under(last.ID), perf.ID, perf.Version, perf))
	_, err = st.AddFreeSection(ctx, manager, last, domain.ReportSection{Title: "Looking ahead from 2009/10", Body: "Our own words."})
	must(t, err)
	key, err := store.PlanObjectiveList.Add(ctx, st, manager, store.Under(last.ID), domain.PlanObjective{Title: "Best practice", Intro: "This year's intro"})
	must(t, err)
	_, err = store.PlanItemList.Add(ctx, st, manager, store.Under(key), domain.PlanItem{Title: "Child deaths", WhatWeDid: "Reviewed them"})
	must(t, err)
	aim, err := store.AimList.Add(ctx, st, manager, store.Under(last.ID), domain.StrategicAim{Title: "Learning", Outcomes: "- Staff learn", LaterYears: "Evaluate"})
	must(t, err)
	_, err = store.AimObjectiveList.Add(ctx, st, manager, store.Under(aim), domain.AimObjective{Body: "Write a strategy"})
	must(t, err)
	_, err = store.MemberList.Add(ctx, st, manager, store.Under(last.ID), domain.BoardMember{Role: "Chair", Organisation: "Board"})
	must(t, err)

	// This year: made, its default outline read once, one target of its own.
	this := reportPeriod(t, st, 2010)
	_, err = st.Outline(ctx, this)
	must(t, err)
	must(t, st.SetTarget(ctx, manager, domain.Target{IndicatorID: f.ids["MEAN"], PeriodID: this.ID, Op: "<", Value: 11}))
	indicators, series, comparators, figures := count(t, st, `SELECT count(*) FROM indicators`), count(t, st, `SELECT count(*) FROM comparator_series`),
		count(t, st, `SELECT count(*) FROM comparator_values`), count(t, st, `SELECT count(*) FROM indicator_values`)

	carried, err := st.StartYearFrom(ctx, manager, this.ID)
	must(t, err)
	if carried.From.ID != last.ID || carried.Sections != 10 || carried.PlanObjectives != 1 || carried.Aims != 1 || carried.Targets != 2 || carried.KeptTargets != 1 {
		t.Errorf("carried %+v, want from 2009/10: 10 sections, 1 key objective, 1 aim, 2 targets to confirm and 1 kept", carried)
	}
	got, err := st.PeriodByID(ctx, this.ID)
	must(t, err)
	if got.CarriedFrom == nil || *got.CarriedFrom != last.ID || got.CarriedAt == nil {
		t.Errorf("the year records it was carried from %v at %v", got.CarriedFrom, got.CarriedAt)
	}

	t.Run("the outline, its titles a year on, the free section without its text", func(t *testing.T) {
		sections, err := st.Outline(ctx, *got)
		must(t, err)
		if len(sections) != 10 {
			t.Fatalf("%d sections", len(sections))
		}
		if s := sections[1]; s.Kind != domain.SectionPlan || s.Title != "Review of safeguarding 2010/11: the board’s business plan" {
			t.Errorf("second section %+v", s)
		}
		if !sections[3].Hidden || sections[3].Kind != domain.SectionPerformance {
			t.Errorf("the hidden performance section is %+v", sections[3])
		}
		if free := sections[9]; free.Kind != domain.SectionFree || free.Title != "Looking ahead from 2010/11" || free.Body != "" {
			t.Errorf("the free section is %+v", free)
		}
	})
	t.Run("the headings of the business plan and the aims, without what was written under them", func(t *testing.T) {
		board, err := st.BoardContent(ctx, this.ID)
		must(t, err)
		if len(board.Objectives) != 1 || board.Objectives[0].Title != "Best practice" || board.Objectives[0].Intro != "" || len(board.Objectives[0].Items) != 0 {
			t.Errorf("key objectives %+v", board.Objectives)
		}
		if len(board.Aims) != 1 || board.Aims[0].Title != "Learning" || board.Aims[0].Outcomes != "- Staff learn" || len(board.Aims[0].Objectives) != 0 {
			t.Errorf("aims %+v", board.Aims)
		}
		if len(board.Members) != 0 || len(board.Texts) != 0 {
			t.Errorf("members %v and texts %v were carried", board.Members, board.Texts)
		}
	})
	t.Run("targets to be confirmed where the year had none, its own kept", func(t *testing.T) {
		targets, err := st.Targets(ctx, this.ID)
		must(t, err)
		byID := map[int64]domain.Target{}
		for _, tg := range targets {
			byID[tg.IndicatorID] = tg
		}
		if tg := byID[f.ids["SUM"]]; !tg.ToConfirm || tg.Op != ">=" || tg.Value != 55 {
			t.Errorf("SUM's target %+v, want >=55 to be confirmed", tg)
		}
		if tg := byID[f.ids["MEAN"]]; tg.ToConfirm || tg.Value != 11 {
			t.Errorf("MEAN's own target %+v, want <11 kept", tg)
		}
		if len(targets) != 3 {
			t.Errorf("%d targets", len(targets))
		}
	})
	t.Run("no indicators, comparators, figures or returns", func(t *testing.T) {
		if n := count(t, st, `SELECT count(*) FROM indicators`); n != indicators {
			t.Errorf("%d indicators, were %d", n, indicators)
		}
		if n := count(t, st, `SELECT count(*) FROM comparator_series`); n != series {
			t.Errorf("%d comparator series, were %d", n, series)
		}
		if n := count(t, st, `SELECT count(*) FROM comparator_values`); n != comparators {
			t.Errorf("%d comparator values, were %d", n, comparators)
		}
		if n := count(t, st, `SELECT count(*) FROM indicator_values`); n != figures {
			t.Errorf("%d figures, were %d", n, figures)
		}
		if n := count(t, st, `SELECT count(*) FROM returns WHERE period_id = $1`, this.ID); n != 0 {
			t.Errorf("%d returns", n)
		}
	})
	t.Run("with an audit event", func(t *testing.T) {
		e := latestAudit(t, st, "period")
		if e.Action != "period.carry" || e.EntityID == nil || *e.EntityID != this.ID {
			t.Errorf("latest period event %+v", e)
		}
	})
	t.Run("a second time is refused and changes nothing", func(t *testing.T) {
		events := count(t, st, `SELECT count(*) FROM audit_events`)
		sections := count(t, st, `SELECT count(*) FROM report_sections WHERE period_id = $1`, this.ID)
		if _, err := st.StartYearFrom(ctx, manager, this.ID); !errors.Is(err, domain.ErrAlreadyCarried) {
			t.Fatalf("again: %v, want domain.ErrAlreadyCarried", err)
		}
		if count(t, st, `SELECT count(*) FROM audit_events`) != events || count(t, st, `SELECT count(*) FROM report_sections WHERE period_id = $1`, this.ID) != sections {
			t.Error("the refused start changed something")
		}
	})
	t.Run("a year with returns is refused, whole", func(t *testing.T) {
		next := reportPeriod(t, st, 2011)
		_, err := store.ReviewItemList.Add(ctx, st, manager, store.InReturn(next.ID, f.agency), domain.ReviewItem{Title: "Early", HowMuch: "Some"})
		must(t, err)
		targets := count(t, st, `SELECT count(*) FROM targets`)
		if _, err := st.StartYearFrom(ctx, manager, next.ID); !errors.Is(err, domain.ErrHasReturns) {
			t.Fatalf("a year with returns: %v, want domain.ErrHasReturns", err)
		}
		if n := count(t, st, `SELECT count(*) FROM targets`); n != targets {
			t.Errorf("%d targets after a refused start, were %d", n, targets)
		}
		p, err := st.PeriodByID(ctx, next.ID)
		must(t, err)
		if p.CarriedFrom != nil {
			t.Error("the refused year records a carry")
		}
	})
	t.Run("the first year has none before it", func(t *testing.T) {
		first, err := st.PeriodBySlug(ctx, "2008-09")
		must(t, err)
		if _, err := st.StartYearFrom(ctx, manager, first.ID); !errors.Is(err, domain.ErrNoYearBefore) {
			t.Fatalf("the first year: %v, want domain.ErrNoYearBefore", err)
		}
	})
}

func TestATargetToBeConfirmedRatesNothingUntilConfirmed(t *testing.T) {
	t.Parallel()
	f := newPerfFixture(t)
	ctx := context.Background()
	_, err := f.st.Pool().Exec(ctx, `UPDATE targets SET confirmed = false WHERE indicator_id = $1`, f.ids["SUM"])
	must(t, err)
	sum := f.read(t)["SUM"]
	if sum.Target == nil || !sum.Target.ToConfirm || sum.RAG != domain.RAGNone {
		t.Fatalf("SUM with a target to confirm: target %+v, RAG %q; want the target shown to confirm, not rated", sum.Target, sum.RAG)
	}
	must(t, f.st.SetTarget(ctx, domain.CommandLine, domain.Target{IndicatorID: f.ids["SUM"], PeriodID: f.period.ID, Op: ">=", Value: 55}))
	sum = f.read(t)["SUM"]
	if sum.Target == nil || sum.Target.ToConfirm || sum.RAG != domain.RAGGreen {
		t.Fatalf("SUM once confirmed: target %+v, RAG %q; want green", sum.Target, sum.RAG)
	}
}

// lookBackFixture is the report fixture with 2011/12 started from 2010/11,
// where "submitted" submitted two objectives and "drafted" left one in a
// draft.
type lookBackFixture struct {
	*reportFixture
	this domain.Period
}

func newLookBackFixture(t *testing.T) *lookBackFixture {
	f := newReportFixture(t)
	ctx := context.Background()
	this := reportPeriod(t, f.st, 2011)
	f.fill(f.nextPeriod, f.submitted, "one", "two")
	f.move(f.nextPeriod, f.submitted, f.lead, domain.ActionSubmit)
	f.fill(f.nextPeriod, f.drafted, "never submitted")
	_, err := f.st.StartYearFrom(ctx, f.manager, this.ID)
	must(t, err)
	p, err := f.st.PeriodByID(ctx, this.ID)
	must(t, err)
	return &lookBackFixture{reportFixture: f, this: *p}
}

func TestLastYearsObjectivesAreAnsweredBeforeTheReturnIsSubmitted(t *testing.T) {
	t.Parallel()
	f := newLookBackFixture(t)
	st, ctx := f.st, context.Background()
	said, err := st.LookBack(ctx, f.this.ID, f.submitted)
	must(t, err)
	if len(said) != 2 || said[0].Said.Intend != "Objective one" || said[1].Said.Intend != "Objective two" {
		t.Fatalf("the agency looks back on %+v", said)
	}
	if said[0].Version != 1 || said[0].Status.Answered() || said[0].ReturnID != 0 {
		t.Errorf("an objective not yet answered reads %+v", said[0])
	}
	if none, err := st.LookBack(ctx, f.this.ID, f.drafted); err != nil || len(none) != 0 {
		t.Errorf("a draft's objectives are looked back on: %+v, %v", none, err)
	}
	ret, err := st.ReturnFor(ctx, f.this.ID, f.submitted)
	must(t, err)
	if ret.ID != 0 || ret.LastYear != (domain.Tally{Entries: 2}) {
		t.Errorf("before starting, the return is %+v", ret)
	}

	// Answering the first starts the return.
	in := store.InReturn(f.this.ID, f.submitted)
	first := said[0]
	first.ObjectiveResult = domain.ObjectiveResult{Status: domain.ObjectivePartlyAchieved, HowMuch: "Half of it"}
	must(t, store.ObjectiveReviewList.Update(ctx, st, f.lead, in, first.ID, 1, first))
	if err := store.ObjectiveReviewList.Update(ctx, st, f.lead, in, first.ID, 1, first); !errors.Is(err, domain.ErrStale) {
		t.Errorf("saving over a newer answer: %v, want domain.ErrStale", err)
	}
	f.fill(f.this.ID, f.submitted, "this year")
	ret, err = st.ReturnFor(ctx, f.this.ID, f.submitted)
	must(t, err)
	if ret.LastYear != (domain.Tally{Entries: 2, Answered: 1}) {
		t.Errorf("after one answer, last year stands at %+v", ret.LastYear)
	}
	stamp := func() string {
		said, err := st.LookBack(ctx, f.this.ID, f.submitted)
		must(t, err)
		items, err := st.ReviewItems(ctx, ret.ID)
		must(t, err)
		objectives, err := st.Objectives(ctx, ret.ID)
		must(t, err)
		return domain.ContentStamp(domain.Entries(said), domain.Entries(items), domain.Entries(objectives))
	}
	if err := st.SubmitReturn(ctx, f.lead, ret.ID, ret.Version, stamp()); !errors.Is(err, domain.ErrIncomplete) {
		t.Fatalf("submitting with an objective unanswered: %v, want domain.ErrIncomplete", err)
	}
	// Nor may the section be marked as completed (issue 15).
	if err := st.SetSectionCompleted(ctx, f.lead, f.this.ID, f.submitted, "last-year", true); !errors.Is(err, domain.ErrIncomplete) {
		t.Fatalf("marking last year's objectives as completed with one unanswered: %v, want domain.ErrIncomplete", err)
	}
	second := said[1]
	second.Status = domain.ObjectiveNoLongerRelevant
	must(t, store.ObjectiveReviewList.Update(ctx, st, f.lead, in, second.ID, 1, second))
	for _, key := range []string{"last-year", "review", "objectives"} {
		must(t, st.SetSectionCompleted(ctx, f.lead, f.this.ID, f.submitted, key, true))
	}
	must(t, st.SubmitReturn(ctx, f.lead, ret.ID, ret.Version, stamp()))

	answers, err := st.LookBackForPeriod(ctx, f.this.ID, []domain.ReturnStatus{domain.StatusSubmitted})
	must(t, err)
	got := answers[f.submitted]
	if len(got) != 2 || got[0].Status != domain.ObjectivePartlyAchieved || got[0].HowMuch != "Half of it" || got[1].Status != domain.ObjectiveNoLongerRelevant {
		t.Errorf("the section's answers %+v", got)
	}
	if accepted, err := st.LookBackForPeriod(ctx, f.this.ID, []domain.ReturnStatus{domain.StatusAccepted}); err != nil || len(accepted) != 0 {
		t.Errorf("answers of accepted returns only: %v, %v", accepted, err)
	}
}

func TestTheBoardLooksBackOnTheObjectivesItsAimsSet(t *testing.T) {
	t.Parallel()
	f := newReportFixture(t)
	st, ctx := f.st, context.Background()
	aim, err := store.AimList.Add(ctx, st, f.manager, store.Under(f.nextPeriod), domain.StrategicAim{Title: "Learning"})
	must(t, err)
	var ids []int64
	for _, body := range []string{"Write a strategy", "Audit supervision"} {
		id, err := store.AimObjectiveList.Add(ctx, st, f.manager, store.Under(aim), domain.AimObjective{Body: body})
		must(t, err)
		ids = append(ids, id)
	}
	aims, err := st.Aims(ctx, f.nextPeriod)
	must(t, err)
	if len(aims) != 1 || len(aims[0].Objectives) != 2 || aims[0].Objectives[1].Body != "Audit supervision" {
		t.Fatalf("aims %+v", aims)
	}
	this := reportPeriod(t, st, 2011)
	_, err = st.StartYearFrom(ctx, f.manager, this.ID)
	must(t, err)
	said, err := st.BoardLookBack(ctx, this.ID)
	must(t, err)
	if len(said) != 2 || said[0].ID != ids[0] || said[0].AimTitle != "Learning" || said[0].Version != 1 {
		t.Fatalf("the board looks back on %+v", said)
	}
	answer := said[1]
	answer.ObjectiveResult = domain.ObjectiveResult{Status: domain.ObjectiveAchieved, HowWell: "Every partner audited"}
	must(t, store.AimObjectiveReviewList.Update(ctx, st, f.manager, store.Under(this.ID), answer.ID, 1, answer))
	got, err := st.BoardLookBackAt(ctx, this.ID, answer.ID)
	must(t, err)
	if got.Status != domain.ObjectiveAchieved || got.HowWell != "Every partner audited" || got.Version != 2 {
		t.Errorf("the answer reads %+v", got)
	}
	if _, err := st.BoardLookBackAt(ctx, f.nextPeriod, answer.ID); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("a year not carried looks back: %v", err)
	}
}

func TestASubmissionIsKeptAndTheNextShowsWhatChangedWithCommentsOnItems(t *testing.T) {
	t.Parallel()
	f := newReportFixture(t)
	st, ctx := f.st, context.Background()
	ret, err := st.ReturnFor(ctx, f.period, f.submitted)
	must(t, err)
	items, err := st.ReviewItems(ctx, ret.ID)
	must(t, err)
	subs, err := st.LatestSubmissions(ctx, ret.ID, 2)
	must(t, err)
	if len(subs) != 1 || len(subs[0].Entries) != 2 || subs[0].Entries[0].Task != "review" || subs[0].Entries[0].Name != "submitted 1" {
		t.Fatalf("the first submission %+v", subs)
	}

	// The manager sends it back, commenting on the item.
	about := []store.EntryComment{{About: domain.EntryRef{Task: "review", ID: items[0].ID}, Body: "Say how many."}}
	if err := st.SendBack(ctx, f.manager, ret.ID, ret.Version, "See the item.", []store.EntryComment{{About: domain.EntryRef{Task: "review", ID: 999999}, Body: "x"}}); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("a comment on an entry the return lacks: %v, want domain.ErrConflict", err)
	}
	must(t, st.SendBack(ctx, f.manager, ret.ID, ret.Version, "See the item.", about))
	comments, err := st.Comments(ctx, ret.ID)
	must(t, err)
	whole, onItems := domain.SendBackRound(comments)
	if whole == nil || whole.Body != "See the item." || len(onItems) != 1 || onItems[0].About != (domain.EntryRef{Task: "review", ID: items[0].ID, Name: "submitted 1"}) {
		t.Fatalf("the send-back's comments: %+v and %+v", whole, onItems)
	}

	// The lead changes the item, adds one and resubmits.
	in := store.InReturn(f.period, f.submitted)
	item := items[0]
	item.HowMuch = "Twelve"
	must(t, store.ReviewItemList.Update(ctx, st, f.lead, in, item.ID, item.Version, item))
	_, err = store.ReviewItemList.Add(ctx, st, f.lead, in, domain.ReviewItem{Title: "new", HowWell: "Well"})
	must(t, err)
	ret, err = st.ReturnFor(ctx, f.period, f.submitted)
	must(t, err)
	f.move(f.period, f.submitted, f.lead, domain.ActionSubmit)
	subs, err = st.LatestSubmissions(ctx, ret.ID, 2)
	must(t, err)
	if len(subs) != 2 {
		t.Fatalf("%d submissions", len(subs))
	}
	want := []domain.EntryChange{
		{Task: "review", Kind: domain.EntryChanged, Name: "submitted 1", Fields: []domain.FieldChange{{Name: "how_much", Before: "submitted 1 how much", After: "Twelve"}}},
		{Task: "review", Kind: domain.EntryAdded, Name: "new", Fields: []domain.FieldChange{{Name: "title", After: "new"}, {Name: "how_well", After: "Well"}}},
	}
	if got := domain.ChangesBetween(subs[0], subs[1]); !reflect.DeepEqual(got, want) {
		t.Errorf("changes\n got %+v\nwant %+v", got, want)
	}
	// The objective, unchanged, is kept once for both submissions.
	if n := count(t, st, `SELECT count(*) FROM submitted_entries WHERE return_id = $1 AND task = 'objectives'`, ret.ID); n != 1 {
		t.Errorf("the unchanged objective is kept %d times", n)
	}
}
