package store_test

import (
	"context"
	"errors"
	"reflect"
	"strconv"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

func TestTheOverviewCountsEachReturnsItemsAndObjectivesInThePeriodAskedOnly(t *testing.T) {
	t.Parallel()
	f := newReportFixture(t)
	ctx := context.Background()
	// An inactive agency is listed only for a period in which it has a return.
	gone, err := f.st.CreateAgency(ctx, domain.CommandLine, store.AgencyFields{Name: "gone", Slug: "gone", ShortName: "gone", Sector: "Health", DisplayOrder: 1, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	f.fill(f.nextPeriod, gone, "gone 1", "gone 2")
	if err := f.st.UpdateAgency(ctx, domain.CommandLine, gone, store.AgencyFields{Name: "gone", Slug: "gone", ShortName: "gone", Sector: "Health", DisplayOrder: 1, Active: false}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		period int64
		want   []string // slug status items/objectives, in report order
	}{
		{"2009/10", f.period, []string{"drafted draft 1/1", "submitted submitted 1/1", "accepted accepted 3/3"}},
		{"2010/11", f.nextPeriod, []string{"gone draft 2/2", "drafted not_started 0/0", "submitted not_started 0/0", "accepted accepted 1/1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			list, err := f.st.ReturnsOverview(ctx, tc.period)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, rs := range list {
				got = append(got, rs.Agency.Slug+" "+string(rs.Status)+" "+strconv.Itoa(rs.ItemCount)+"/"+strconv.Itoa(rs.ObjCount))
				if (rs.UpdatedAt == nil) != (rs.Status == domain.StatusNotStarted) {
					t.Errorf("%s: a %s return with last change %v", rs.Agency.Slug, rs.Status, rs.UpdatedAt)
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("overview %q, want %q", got, tc.want)
			}
		})
	}
}

func TestAClosedPeriodStopsTheAgencysWorkButNotTheManagersReview(t *testing.T) {
	t.Parallel()
	f := newReportFixture(t)
	ctx := context.Background()
	p := domain.PeriodForYear(2009)
	closePeriod := store.PeriodFields{Label: p.Label, StartsOn: p.StartsOn, EndsOn: p.EndsOn, IsOpen: false}
	// A return the manager will reopen after the period closes.
	f.move(f.period, f.submitted, f.manager, domain.ActionAccept)
	f.move(f.period, f.submitted, f.manager, domain.ActionReopen)
	f.move(f.period, f.submitted, f.manager, domain.ActionAccept)
	drafted, err := f.st.ReturnFor(ctx, f.period, f.drafted)
	if err != nil {
		t.Fatal(err)
	}
	items, err := f.st.ReviewItems(ctx, drafted.ID)
	if err != nil {
		t.Fatal(err)
	}
	newcomer, err := f.st.CreateAgency(ctx, domain.CommandLine, store.AgencyFields{Name: "newcomer", Slug: "newcomer", ShortName: "newcomer", Sector: "Health", DisplayOrder: 20, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.st.UpdatePeriod(ctx, domain.CommandLine, f.period, closePeriod); err != nil {
		t.Fatal(err)
	}

	item := items[0]
	refused := map[string]func() error{
		"starting a return": func() error {
			_, err := store.ReviewItemList.Add(ctx, f.st, f.lead, store.InReturn(f.period, newcomer), domain.ReviewItem{Title: "Late", HowMuch: "x"})
			return err
		},
		"adding a review item": func() error {
			_, err := store.ReviewItemList.Add(ctx, f.st, f.lead, store.InReturn(f.period, f.drafted), domain.ReviewItem{Title: "Late", HowMuch: "x"})
			return err
		},
		"changing a review item": func() error {
			return store.ReviewItemList.Update(ctx, f.st, f.lead, store.InReturn(f.period, f.drafted), item.ID, item.Version, domain.ReviewItem{Title: "Changed", HowMuch: "x"})
		},
		"removing a review item": func() error {
			return store.ReviewItemList.Remove(ctx, f.st, f.lead, store.InReturn(f.period, f.drafted), item.ID, item.Version)
		},
		"adding an objective": func() error {
			_, err := store.ObjectiveList.Add(ctx, f.st, f.lead, store.InReturn(f.period, f.drafted), domain.Objective{Intend: "Late"})
			return err
		},
		"submitting": func() error {
			_, err := f.st.Transition(ctx, f.lead, drafted.ID, drafted.Version, domain.ActionSubmit, "")
			return err
		},
	}
	for name, do := range refused {
		t.Run(name+" is refused", func(t *testing.T) {
			if err := do(); !errors.Is(err, domain.ErrPeriodClosed) {
				t.Fatalf("error %v, want ErrPeriodClosed", err)
			}
		})
	}
	if after, _ := f.st.ReviewItems(ctx, drafted.ID); !reflect.DeepEqual(after, items) {
		t.Errorf("the draft's items changed: %+v, want %+v", after, items)
	}
	if ret, _ := f.st.ReturnFor(ctx, f.period, f.drafted); ret.Status != domain.StatusDraft || ret.Version != drafted.Version || ret.ObjCount != 1 {
		t.Errorf("the draft changed: %+v", ret)
	}
	if ret, _ := f.st.ReturnFor(ctx, f.period, newcomer); ret.ID != 0 {
		t.Errorf("a return was started in the closed period: %+v", ret)
	}

	// The manager may still accept a submitted return and reopen an accepted
	// one, but not send a return back that its agency could not change.
	f.move(f.period, f.submitted, f.manager, domain.ActionReopen)
	submitted, _ := f.st.ReturnFor(ctx, f.period, f.submitted)
	if _, err := f.st.Transition(ctx, f.manager, submitted.ID, submitted.Version, domain.ActionSendBack, "Too late to change"); !errors.Is(err, domain.ErrPeriodClosed) {
		t.Errorf("sending back in a closed period: error %v, want ErrPeriodClosed", err)
	}
	f.move(f.period, f.submitted, f.manager, domain.ActionAccept)
	if ret, _ := f.st.ReturnFor(ctx, f.period, f.submitted); ret.Status != domain.StatusAccepted {
		t.Errorf("the reopened return is %s after accepting it", ret.Status)
	}
}

func TestReopeningAnAcceptedReturnKeepsWhoSubmittedItAndWhen(t *testing.T) {
	t.Parallel()
	f := newReportFixture(t)
	ctx := context.Background()
	type stamps struct {
		submittedAt, updatedAt time.Time
		submittedBy, updatedBy int64
	}
	read := func() stamps {
		var s stamps
		err := f.st.Pool().QueryRow(ctx, `SELECT submitted_at, submitted_by, updated_at, updated_by FROM returns
			WHERE period_id = $1 AND agency_id = $2`, f.period, f.accepted).Scan(&s.submittedAt, &s.submittedBy, &s.updatedAt, &s.updatedBy)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	before := read()
	if before.submittedBy != *f.lead.UserID {
		t.Fatalf("submitted by %d, want the lead %d", before.submittedBy, *f.lead.UserID)
	}
	f.move(f.period, f.accepted, f.manager, domain.ActionReopen)
	after := read()
	if after.submittedBy != before.submittedBy || !after.submittedAt.Equal(before.submittedAt) {
		t.Errorf("reopening changed the submission from %d at %v to %d at %v",
			before.submittedBy, before.submittedAt, after.submittedBy, after.submittedAt)
	}
	if after.updatedBy != *f.manager.UserID || !after.updatedAt.After(before.updatedAt) {
		t.Errorf("last change by %d at %v, want the manager %d after %v", after.updatedBy, after.updatedAt, *f.manager.UserID, before.updatedAt)
	}
	ret, err := f.st.ReturnFor(ctx, f.period, f.accepted)
	if err != nil {
		t.Fatal(err)
	}
	if ret.Status != domain.StatusSubmitted {
		t.Fatalf("status %s, want submitted", ret.Status)
	}
	history, err := f.st.StatusHistory(ctx, ret.ID)
	if err != nil {
		t.Fatal(err)
	}
	if last := history[len(history)-1]; last.From != domain.StatusAccepted || last.To != domain.StatusSubmitted || last.ActorName != "Test Board manager" {
		t.Errorf("the history's last change %+v is not the manager's reopen", last)
	}
}

func TestASubmitIsRefusedUnlessTheContentIsStillWhatTheLeadChecked(t *testing.T) {
	t.Parallel()
	f := newReportFixture(t)
	ctx := context.Background()
	stamp := func() (string, *domain.Return) {
		ret, err := f.st.ReturnFor(ctx, f.period, f.drafted)
		if err != nil {
			t.Fatal(err)
		}
		items, err := f.st.ReviewItems(ctx, ret.ID)
		if err != nil {
			t.Fatal(err)
		}
		objectives, err := f.st.Objectives(ctx, ret.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The first task, last year's objectives, is empty: 2009/10 was not started from a year before.
		return domain.ContentStamp(nil, domain.Entries(items), domain.Entries(objectives)), ret
	}
	checked, ret := stamp()
	f.fill(f.period, f.drafted, "added by a colleague")
	if err := f.st.SubmitReturn(ctx, f.lead, ret.ID, ret.Version, checked); !errors.Is(err, domain.ErrStale) {
		t.Fatalf("submitting what changed since the check: %v, want domain.ErrStale", err)
	}
	if now, _ := stamp(); now == checked {
		t.Fatal("adding an item left the stamp as it was")
	}
	checked, ret = stamp()
	items, _ := f.st.ReviewItems(ctx, ret.ID)
	if err := store.ReviewItemList.Move(ctx, f.st, f.lead, store.InReturn(f.period, f.drafted), items[1].ID, -1); err != nil {
		t.Fatal(err)
	}
	if err := f.st.SubmitReturn(ctx, f.lead, ret.ID, ret.Version, checked); !errors.Is(err, domain.ErrStale) {
		t.Fatalf("submitting after a move: %v, want domain.ErrStale", err)
	}
	checked, ret = stamp()
	// Issue 15: the lead says each section is completed before it goes.
	if err := f.st.SubmitReturn(ctx, f.lead, ret.ID, ret.Version, checked); !errors.Is(err, domain.ErrIncomplete) {
		t.Fatalf("submitting with no section marked as completed: %v, want domain.ErrIncomplete", err)
	}
	if err := f.st.SetSectionCompleted(ctx, f.lead, f.period, f.drafted, "review", true); err != nil {
		t.Fatal(err)
	}
	if err := f.st.SetSectionCompleted(ctx, f.lead, f.period, f.drafted, "objectives", false); err != nil {
		t.Fatal(err)
	}
	if err := f.st.SubmitReturn(ctx, f.lead, ret.ID, ret.Version, checked); !errors.Is(err, domain.ErrIncomplete) {
		t.Fatalf("submitting with the objectives marked as in progress: %v, want domain.ErrIncomplete", err)
	}
	if err := f.st.SetSectionCompleted(ctx, f.lead, f.period, f.drafted, "objectives", true); err != nil {
		t.Fatal(err)
	}
	if _, ret = stamp(); !reflect.DeepEqual(ret.Sections, map[string]bool{"review": true, "objectives": true}) {
		t.Errorf("the return's sections read %v", ret.Sections)
	}
	if err := f.st.SubmitReturn(ctx, f.lead, ret.ID, ret.Version, checked); err != nil {
		t.Fatalf("submitting what was checked: %v", err)
	}
	if err := f.st.SetSectionCompleted(ctx, f.lead, f.period, f.drafted, "review", false); !errors.Is(err, domain.ErrInvalidTransition) {
		t.Errorf("marking a section of a submitted return: %v, want domain.ErrInvalidTransition", err)
	}
	if _, ret = stamp(); ret.Status != domain.StatusSubmitted {
		t.Fatalf("status %s, want submitted", ret.Status)
	}
}
