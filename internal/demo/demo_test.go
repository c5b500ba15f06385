package demo

import (
	"context"
	"maps"
	"regexp"
	"strings"
	"testing"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
)

// testPassword is the demo password in these tests.
const testPassword = "a demo test password"

// load loads the demo board into st, failing the test on an error.
func load(t *testing.T, st *store.Store) []Login {
	t.Helper()
	logins, err := Load(context.Background(), st, testPassword)
	if err != nil {
		t.Fatalf("load the demo: %v", err)
	}
	return logins
}

// tables are every table loading the demo returns writes to.
var tables = []string{"returns", "review_items", "objectives", "return_comments", "return_status_changes", "audit_events"}

// tally counts the rows of each of tables.
func tally(t *testing.T, st *store.Store) map[string]int {
	t.Helper()
	n := map[string]int{}
	for _, table := range tables {
		var count int
		// table is one of the constant names above, never input.
		if err := st.Pool().QueryRow(context.Background(), `SELECT count(*) FROM `+table).Scan(&count); err != nil {
			t.Fatalf("count %s: %v", table, err)
		}
		n[table] = count
	}
	return n
}

// returnOf is an agency's 2009/10 demo return; its ID is 0 when it has none.
func returnOf(t *testing.T, st *store.Store, slug string) *domain.Return {
	t.Helper()
	ctx := context.Background()
	p, err := st.PeriodBySlug(ctx, "2009-10")
	if err != nil {
		t.Fatalf("the 2009/10 period: %v", err)
	}
	a, err := st.AgencyBySlug(ctx, slug)
	if err != nil {
		t.Fatalf("agency %s: %v", slug, err)
	}
	r, err := st.ReturnFor(ctx, p.ID, a.ID)
	if err != nil {
		t.Fatalf("return of %s: %v", slug, err)
	}
	return r
}

// contentOf lists a return's review items and objectives in order.
func contentOf(t *testing.T, st *store.Store, r *domain.Return) ([]domain.ReviewItem, []domain.Objective) {
	t.Helper()
	if r.ID == 0 {
		return nil, nil
	}
	items, err := st.ReviewItems(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	objs, err := st.Objectives(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	return items, objs
}

// actorOf is the demo user with that email, as the actor of a change.
func actorOf(t *testing.T, st *store.Store, email string) domain.Actor {
	t.Helper()
	u, err := st.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatalf("user %s: %v", email, err)
	}
	return domain.UserActor(u)
}

func TestTheDemoLoadsTwiceWithoutDuplicates(t *testing.T) {
	t.Parallel()
	st := testdb.New(t)
	load(t, st)
	first := tally(t, st)
	if first["returns"] != len(seedReturns)-1 {
		t.Fatalf("%d returns after the first load, want %d: one for every seeded agency but the one not started", first["returns"], len(seedReturns)-1)
	}
	load(t, st)
	if second := tally(t, st); !maps.Equal(first, second) {
		t.Fatalf("the second load changed the row counts: %v before, %v after", first, second)
	}
	for _, sr := range seedReturns {
		r := returnOf(t, st, sr.Agency)
		items, objs := contentOf(t, st, r)
		wantItems, wantObjs := len(sr.Items), len(sr.Objectives)
		if statusOf(sr.Agency) == domain.StatusNotStarted {
			wantItems, wantObjs = 0, 0
		}
		if len(items) != wantItems || len(objs) != wantObjs {
			t.Errorf("%s: %d items and %d objectives, want %d and %d", sr.Agency, len(items), len(objs), wantItems, wantObjs)
			continue
		}
		// In the seed's order, numbered from 1.
		for i, it := range items {
			if it.Position != i+1 || it.Title != sr.Items[i].Title || it.BetterOff != sr.Items[i].BetterOff {
				t.Errorf("%s: item %d is %q at position %d, want %q", sr.Agency, i+1, it.Title, it.Position, sr.Items[i].Title)
			}
		}
		for i, o := range objs {
			if o.Position != i+1 || o.Intend != sr.Objectives[i].Intend || o.Outcomes != sr.Objectives[i].Outcomes {
				t.Errorf("%s: objective %d is %q at position %d, want %q", sr.Agency, i+1, o.Intend, o.Position, sr.Objectives[i].Intend)
			}
		}
	}
}

func TestTheDemoShowsEveryStatus(t *testing.T) {
	t.Parallel()
	st := testdb.New(t)
	ctx := context.Background()
	load(t, st)
	p, err := st.PeriodBySlug(ctx, "2009-10")
	if err != nil {
		t.Fatal(err)
	}
	overview, err := st.ReturnsOverview(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(overview) != len(agencies) {
		t.Fatalf("the overview lists %d agencies, want %d", len(overview), len(agencies))
	}
	count := map[domain.ReturnStatus]int{}
	returned := ""
	for _, rs := range overview {
		count[rs.Status]++
		if rs.Status == domain.StatusReturned {
			returned = rs.Agency.Slug
		}
		if want := statusOf(rs.Agency.Slug); rs.Status != want {
			t.Errorf("%s's return is %s, designed to be %s", rs.Agency.Slug, rs.Status, want)
		}
	}
	want := map[domain.ReturnStatus]int{
		domain.StatusNotStarted: 1, domain.StatusDraft: 1, domain.StatusSubmitted: 1, domain.StatusReturned: 1,
		domain.StatusAccepted: len(agencies) - 4,
	}
	if !maps.Equal(count, want) {
		t.Fatalf("returns by status %v, want %v", count, want)
	}

	comments, err := st.Comments(ctx, returnOf(t, st, returned).ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(comments) != 1 || !comments[0].SendBack || comments[0].AuthorRole != domain.RoleManager ||
		!strings.Contains(comments[0].Body, "volunteers") {
		t.Fatalf("%s's return was sent back with comments %+v, want one send-back comment by the manager asking about volunteers", returned, comments)
	}
}

func TestTheAcceptedReturnsHoldTheSeedsFigures(t *testing.T) {
	t.Parallel()
	st := testdb.New(t)
	load(t, st)
	cases := []struct {
		agency, figure string
		inObjectives   bool
	}{
		{"kent-police", "1,842 officers were trained in DASH", false},
		{"kent-police", "476 cases were heard", false},
		{"medway-childrens-services", "2,675 children have been referred", false},
		{"medway-childrens-services", "NI59 greater than 74%", true},
	}
	for _, c := range cases {
		r := returnOf(t, st, c.agency)
		if r.Status != domain.StatusAccepted {
			t.Errorf("%s's return is %s, want accepted so %q shows in the report", c.agency, r.Status, c.figure)
			continue
		}
		items, objs := contentOf(t, st, r)
		var text strings.Builder
		for _, it := range items {
			if !c.inObjectives {
				text.WriteString(strings.Join([]string{it.Title, it.HowMuch, it.HowWell, it.BetterOff}, "\n"))
			}
		}
		for _, o := range objs {
			if c.inObjectives {
				text.WriteString(strings.Join([]string{o.Intend, o.Quantity, o.Quality, o.Outcomes}, "\n"))
			}
		}
		if !strings.Contains(text.String(), c.figure) {
			t.Errorf("%s's return does not say %q", c.agency, c.figure)
		}
	}
}

// honorific followed by a capital is how a personal name usually shows in a report.
var honorific = regexp.MustCompile(`\b(Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Cllr|Councillor)\.? [A-Z]`)

func TestTheDemoNamesNoOne(t *testing.T) {
	t.Parallel()
	st := testdb.New(t)
	logins := load(t, st)
	users, err := st.Users(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != len(logins) || len(users) != 3+len(agencies) {
		t.Fatalf("%d users and %d logins, want %d of each", len(users), len(logins), 3+len(agencies))
	}
	for _, u := range users {
		if !strings.HasPrefix(u.Name, "Board ") && !strings.HasPrefix(u.Name, "Independent ") &&
			!strings.HasPrefix(u.Name, "Safeguarding lead, ") {
			t.Errorf("user %s is called %q, want a role title", u.Email, u.Name)
		}
	}
	// Nor do the returns' texts or the manager's comment name anyone.
	texts := []string{returnedComment}
	for _, sr := range seedReturns {
		for _, it := range sr.Items {
			texts = append(texts, it.Title, it.HowMuch, it.HowWell, it.BetterOff)
		}
		for _, o := range sr.Objectives {
			texts = append(texts, o.Intend, o.Quantity, o.Quality, o.Outcomes)
		}
	}
	for _, s := range texts {
		if m := honorific.FindString(s); m != "" {
			t.Errorf("%q names someone in %q", m, s)
		}
	}
}

func TestChangesMadeInTheDemoSurviveASecondLoad(t *testing.T) {
	t.Parallel()
	st := testdb.New(t)
	ctx := context.Background()
	load(t, st)
	p, err := st.PeriodBySlug(ctx, "2009-10")
	if err != nil {
		t.Fatal(err)
	}
	slugOf := func(want domain.ReturnStatus) string {
		for slug, s := range returnStatuses {
			if s == want {
				return slug
			}
		}
		t.Fatalf("no demo return is %s", want)
		return ""
	}
	agencyID := func(slug string) int64 {
		a, err := st.AgencyBySlug(ctx, slug)
		if err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	manager := actorOf(t, st, "manager@demo.test")
	draft, submitted, notStarted := slugOf(domain.StatusDraft), slugOf(domain.StatusSubmitted), slugOf(domain.StatusNotStarted)

	// The draft's lead renames its first item.
	items, _ := contentOf(t, st, returnOf(t, st, draft))
	const renamed = "Renamed in the demo"
	if err := st.UpdateReviewItem(ctx, actorOf(t, st, "lead@"+draft+".demo.test"), p.ID, agencyID(draft), items[0].ID, items[0].Version,
		store.ReviewItemFields{Title: renamed, HowMuch: items[0].HowMuch, HowWell: items[0].HowWell, BetterOff: items[0].BetterOff}); err != nil {
		t.Fatal(err)
	}
	// The manager accepts the submitted return and reopens Kent Police's.
	for slug, action := range map[string]domain.ReturnAction{submitted: domain.ActionAccept, "kent-police": domain.ActionReopen} {
		r := returnOf(t, st, slug)
		if _, err := st.Transition(ctx, manager, r.ID, r.Version, action, ""); err != nil {
			t.Fatal(err)
		}
	}
	// The lead of the agency that had not started begins its return with one item.
	if _, err := st.AddReviewItem(ctx, actorOf(t, st, "lead@"+notStarted+".demo.test"), p.ID, agencyID(notStarted),
		store.ReviewItemFields{Title: "Our first item", HowMuch: "Written in the demo."}); err != nil {
		t.Fatal(err)
	}

	before := tally(t, st)
	load(t, st)
	if after := tally(t, st); !maps.Equal(before, after) {
		t.Fatalf("the second load changed the row counts: %v before, %v after", before, after)
	}
	if items, _ := contentOf(t, st, returnOf(t, st, draft)); items[0].Title != renamed {
		t.Errorf("%s's first item is %q after loading again, want %q", draft, items[0].Title, renamed)
	}
	for slug, want := range map[string]domain.ReturnStatus{submitted: domain.StatusAccepted, "kent-police": domain.StatusSubmitted, notStarted: domain.StatusDraft} {
		if r := returnOf(t, st, slug); r.Status != want {
			t.Errorf("%s's return is %s after loading again, want %s as left in the demo", slug, r.Status, want)
		}
	}
	if items, objs := contentOf(t, st, returnOf(t, st, notStarted)); len(items) != 1 || len(objs) != 0 {
		t.Errorf("%s's return has %d items and %d objectives after loading again, want only the lead's 1 item", notStarted, len(items), len(objs))
	}
}
