package store_test

import (
	"context"
	"errors"
	"reflect"
	"strconv"
	"testing"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

func TestTheOverviewCountsEachReturnsItemsAndObjectivesInThePeriodAskedOnly(t *testing.T) {
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
			_, err := f.st.AddReviewItem(ctx, f.lead, f.period, newcomer, store.ReviewItemFields{Title: "Late", HowMuch: "x"})
			return err
		},
		"adding a review item": func() error {
			_, err := f.st.AddReviewItem(ctx, f.lead, f.period, f.drafted, store.ReviewItemFields{Title: "Late", HowMuch: "x"})
			return err
		},
		"changing a review item": func() error {
			return f.st.UpdateReviewItem(ctx, f.lead, f.period, f.drafted, item.ID, item.Version, store.ReviewItemFields{Title: "Changed", HowMuch: "x"})
		},
		"removing a review item": func() error {
			return f.st.RemoveReviewItem(ctx, f.lead, f.period, f.drafted, item.ID, item.Version)
		},
		"adding an objective": func() error {
			_, err := f.st.AddObjective(ctx, f.lead, f.period, f.drafted, store.ObjectiveFields{Intend: "Late"})
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
