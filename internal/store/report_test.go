package store_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
)

// reportFixture is two periods and three agencies whose 2009/10 returns are
// accepted, submitted and draft; the accepted agency also has a 2010/11 return.
type reportFixture struct {
	t                            *testing.T
	st                           *store.Store
	queries                      *store.QueryCounter
	lead, manager                domain.Actor
	period, nextPeriod           int64
	accepted, submitted, drafted int64
}

func newReportFixture(t *testing.T) *reportFixture {
	t.Helper()
	ctx := context.Background()
	st, queries, err := store.OpenCounting(ctx, testdb.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	f := &reportFixture{t: t, st: st, queries: queries}
	for _, year := range []int{2009, 2010} {
		p := domain.PeriodForYear(year)
		id, err := st.CreatePeriod(ctx, domain.CommandLine, store.PeriodFields{Label: p.Label, StartsOn: p.StartsOn, EndsOn: p.EndsOn, IsOpen: true})
		if err != nil {
			t.Fatal(err)
		}
		if year == 2009 {
			f.period = id
		} else {
			f.nextPeriod = id
		}
	}
	var ids []int64
	for i, slug := range []string{"accepted", "submitted", "drafted"} {
		id, err := st.CreateAgency(ctx, domain.CommandLine, store.AgencyFields{Name: slug, Slug: slug, ShortName: slug, Sector: "Health", DisplayOrder: 10 - i, Active: true})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	f.accepted, f.submitted, f.drafted = ids[0], ids[1], ids[2]
	userID := func(email string, role domain.Role, agency *int64) domain.Actor {
		id, err := st.CreateUser(ctx, domain.CommandLine, store.NewUser{Email: email, Name: "Test " + role.Title(), Role: role, AgencyID: agency, PasswordHash: "x"})
		if err != nil {
			t.Fatal(err)
		}
		return domain.Actor{UserID: &id, Label: email}
	}
	f.manager = userID("manager@example.org", domain.RoleManager, nil)
	f.lead = userID("lead@example.org", domain.RoleLead, &f.accepted) // the store leaves who may edit what to the web layer
	f.fill(f.period, f.accepted, "accepted 1", "accepted 2", "accepted 3")
	f.fill(f.period, f.submitted, "submitted 1")
	f.fill(f.period, f.drafted, "drafted 1")
	f.fill(f.nextPeriod, f.accepted, "next year 1")
	f.move(f.period, f.accepted, f.lead, domain.ActionSubmit)
	f.move(f.period, f.accepted, f.manager, domain.ActionAccept)
	f.move(f.period, f.submitted, f.lead, domain.ActionSubmit)
	f.move(f.nextPeriod, f.accepted, f.lead, domain.ActionSubmit)
	f.move(f.nextPeriod, f.accepted, f.manager, domain.ActionAccept)
	return f
}

func (f *reportFixture) fill(periodID, agencyID int64, titles ...string) {
	ctx := context.Background()
	for _, title := range titles {
		if _, err := store.ReviewItemList.Add(ctx, f.st, f.lead, store.InReturn(periodID, agencyID), domain.ReviewItem{Title: title, HowMuch: title + " how much"}); err != nil {
			f.t.Fatal(err)
		}
		if _, err := store.ObjectiveList.Add(ctx, f.st, f.lead, store.InReturn(periodID, agencyID), domain.Objective{Intend: "Objective " + title}); err != nil {
			f.t.Fatal(err)
		}
	}
}

func (f *reportFixture) move(periodID, agencyID int64, actor domain.Actor, action domain.ReturnAction) {
	ctx := context.Background()
	ret, err := f.st.ReturnFor(ctx, periodID, agencyID)
	if err != nil {
		f.t.Fatal(err)
	}
	comment := ""
	if action == domain.ActionSendBack {
		comment = "Put the last item first."
	}
	if _, err := f.st.Transition(ctx, actor, ret.ID, ret.Version, action, comment); err != nil {
		f.t.Fatal(err)
	}
}

func TestPeriodItemsAndObjectivesComeByAgencyInOrderForTheStatusesAsked(t *testing.T) {
	t.Parallel()
	f := newReportFixture(t)
	ctx := context.Background()
	// Put the accepted return's last item first, so the order is the lead's and not the order of entry.
	items, err := f.st.ReviewItemsForPeriod(ctx, f.period, []domain.ReturnStatus{domain.StatusAccepted})
	if err != nil {
		t.Fatal(err)
	}
	f.move(f.period, f.accepted, f.manager, domain.ActionReopen)
	f.move(f.period, f.accepted, f.manager, domain.ActionSendBack)
	last := items[f.accepted][2].ID
	for range 2 {
		if err := store.ReviewItemList.Move(ctx, f.st, f.lead, store.InReturn(f.period, f.accepted), last, -1); err != nil {
			t.Fatal(err)
		}
	}
	f.move(f.period, f.accepted, f.lead, domain.ActionSubmit)
	f.move(f.period, f.accepted, f.manager, domain.ActionAccept)

	titles := func(byAgency map[int64][]domain.ReviewItem) map[int64]string {
		out := map[int64]string{}
		for agency, items := range byAgency {
			var ts []string
			for _, i := range items {
				ts = append(ts, i.Title)
			}
			out[agency] = strings.Join(ts, ", ")
		}
		return out
	}
	for _, tc := range []struct {
		name     string
		statuses []domain.ReturnStatus
		want     map[int64]string
	}{
		{"accepted", []domain.ReturnStatus{domain.StatusAccepted}, map[int64]string{f.accepted: "accepted 3, accepted 1, accepted 2"}},
		{"accepted and submitted", []domain.ReturnStatus{domain.StatusAccepted, domain.StatusSubmitted},
			map[int64]string{f.accepted: "accepted 3, accepted 1, accepted 2", f.submitted: "submitted 1"}},
		{"returned, of which there are none", []domain.ReturnStatus{domain.StatusReturned}, map[int64]string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f.queries.Reset()
			items, err := f.st.ReviewItemsForPeriod(ctx, f.period, tc.statuses)
			if err != nil {
				t.Fatal(err)
			}
			if got := titles(items); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("items %v, want %v", got, tc.want)
			}
			if n := f.queries.Count(); n != 1 {
				t.Errorf("%d queries, want 1", n)
			}
			objectives, err := f.st.ObjectivesForPeriod(ctx, f.period, tc.statuses)
			if err != nil {
				t.Fatal(err)
			}
			for agency, want := range tc.want { // one objective per item
				if got := len(objectives[agency]); got != strings.Count(want, ",")+1 {
					t.Errorf("%d objectives for agency %d, want as many as its items: %s", got, agency, want)
				}
			}
			if len(objectives) != len(tc.want) {
				t.Errorf("objectives for %d agencies, want %d", len(objectives), len(tc.want))
			}
		})
	}
	// Objectives keep their own order, which nobody changed.
	objectives, _ := f.st.ObjectivesForPeriod(ctx, f.period, []domain.ReturnStatus{domain.StatusAccepted})
	var intends []string
	for _, o := range objectives[f.accepted] {
		intends = append(intends, o.Intend)
	}
	if want := []string{"Objective accepted 1", "Objective accepted 2", "Objective accepted 3"}; !reflect.DeepEqual(intends, want) {
		t.Errorf("objectives %q, want %q", intends, want)
	}
}

func TestStatusHistoryNamesWhoMovedTheReturnAndWhen(t *testing.T) {
	t.Parallel()
	f := newReportFixture(t)
	ctx := context.Background()
	ret, err := f.st.ReturnFor(ctx, f.period, f.accepted)
	if err != nil {
		t.Fatal(err)
	}
	history, err := f.st.StatusHistory(ctx, ret.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, c := range history {
		got = append(got, string(c.From)+">"+string(c.To)+" by "+c.ActorName+" ("+string(c.ActorRole)+")")
		if i > 0 && c.At.Before(history[i-1].At) {
			t.Errorf("change %d is older than the one before it", i)
		}
	}
	want := []string{
		"not_started>draft by Test Agency lead (lead)",
		"draft>submitted by Test Agency lead (lead)",
		"submitted>accepted by Test Board manager (manager)",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("history %q, want %q", got, want)
	}
}

func TestTheQueryCounterCountsEveryStatementUntilReset(t *testing.T) {
	t.Parallel()
	f := newReportFixture(t)
	ctx := context.Background()
	f.queries.Reset()
	if _, err := f.st.ReturnsOverview(ctx, f.period); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.PeriodBySlug(ctx, "2009-10"); err != nil {
		t.Fatal(err)
	}
	if got := f.queries.Queries(); len(got) != 2 || !strings.Contains(got[1], "FROM periods") {
		t.Fatalf("queries %q", got)
	}
	f.queries.Reset()
	if n := f.queries.Count(); n != 0 {
		t.Fatalf("%d queries after Reset", n)
	}
}
