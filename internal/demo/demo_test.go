package demo

import (
	"context"
	"errors"
	"maps"
	"regexp"
	"slices"
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
		// Quoted by reference: the report shows 2,675, as section 4 does.
		{"medway-childrens-services", "{{REF.ytd}} children have been referred", false},
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
	// Nor do the returns' texts, the manager's comment or the challenges name anyone.
	texts := []string{returnedComment}
	for _, sr := range seedReturns {
		for _, it := range sr.Items {
			texts = append(texts, it.Title, it.HowMuch, it.HowWell, it.BetterOff)
		}
		for _, o := range sr.Objectives {
			texts = append(texts, o.Intend, o.Quantity, o.Quality, o.Outcomes)
		}
	}
	for _, sc := range seedChallenges {
		texts = append(texts, sc.question, sc.changed)
		for _, a := range sc.answers {
			texts = append(texts, a.body)
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
	if err := store.ReviewItemList.Update(ctx, st, actorOf(t, st, "lead@"+draft+".demo.test"), store.InReturn(p.ID, agencyID(draft)), items[0].ID, items[0].Version, domain.ReviewItem{Title: renamed, HowMuch: items[0].HowMuch, HowWell: items[0].HowWell, BetterOff: items[0].BetterOff}); err != nil {
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
	if _, err := store.ReviewItemList.Add(ctx, st, actorOf(t, st, "lead@"+notStarted+".demo.test"), store.InReturn(p.ID, agencyID(notStarted)), domain.ReviewItem{Title: "Our first item", HowMuch: "Written in the demo."}); err != nil {
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

// notStartedSeed is the seed of the agency the demo leaves without a return,
// with copies of its lists, so a test may change them.
func notStartedSeed(t *testing.T) seedReturn {
	t.Helper()
	for _, sr := range seedReturns {
		if statusOf(sr.Agency) == domain.StatusNotStarted {
			sr.Items = slices.Clone(sr.Items)
			sr.Objectives = slices.Clone(sr.Objectives)
			if len(sr.Items) < 3 {
				t.Fatalf("%s's seed has %d items, want 3 or more", sr.Agency, len(sr.Items))
			}
			return sr
		}
	}
	t.Fatal("no demo agency is left not started")
	return seedReturn{}
}

// demoIDs are the 2009/10 period's id and the agency's.
func demoIDs(t *testing.T, st *store.Store, slug string) (periodID, agencyID int64) {
	t.Helper()
	ctx := context.Background()
	p, err := st.PeriodBySlug(ctx, "2009-10")
	if err != nil {
		t.Fatal(err)
	}
	a, err := st.AgencyBySlug(ctx, slug)
	if err != nil {
		t.Fatal(err)
	}
	return p.ID, a.ID
}

func TestAReturnThatFailsPartWayIsNotLoadedAtAll(t *testing.T) {
	t.Parallel()
	st := testdb.New(t)
	ctx := context.Background()
	load(t, st)
	sr := notStartedSeed(t)
	periodID, agencyID := demoIDs(t, st, sr.Agency)
	manager := actorOf(t, st, "manager@demo.test")
	before := tally(t, st)

	untitled := sr
	untitled.Items = slices.Clone(sr.Items)
	untitled.Items[2].Title = "" // review_items' title must be 1 to 200 characters
	tooLong := sr
	tooLong.Items = slices.Clone(sr.Items)
	tooLong.Items[2].HowMuch = strings.Repeat("x", 10001) // and each answer at most 10,000
	noObjectives := sr
	noObjectives.Objectives = nil // every item goes in, then the submit is refused
	for _, c := range []struct {
		name string
		sr   seedReturn
		want error
	}{
		{"the third item has no title", untitled, domain.ErrConflict},
		{"the third item has 10,001 characters in an answer", tooLong, domain.ErrConflict},
		{"the return has no objectives to submit", noObjectives, domain.ErrIncomplete},
	} {
		loaded, err := loadReturn(ctx, st, manager, periodID, agencyID, c.sr, domain.StatusReturned)
		if !errors.Is(err, c.want) || loaded {
			t.Fatalf("%s: loading it reported %v, %v; want false and %v", c.name, loaded, err, c.want)
		}
		if r := returnOf(t, st, sr.Agency); r.ID != 0 {
			t.Fatalf("%s: %s has a %s return with %d items after the load failed, want none", c.name, sr.Agency, r.Status, r.ItemCount)
		}
		if after := tally(t, st); !maps.Equal(before, after) {
			t.Fatalf("%s: the failed load left rows behind: %v before, %v after", c.name, before, after)
		}
	}

	// Loading the correct seed then adds the whole return, sent back.
	loaded, err := loadReturn(ctx, st, manager, periodID, agencyID, sr, domain.StatusReturned)
	if err != nil || !loaded {
		t.Fatalf("loading the correct seed reported %v, %v; want true and no error", loaded, err)
	}
	r := returnOf(t, st, sr.Agency)
	items, objs := contentOf(t, st, r)
	if r.Status != domain.StatusReturned || r.Version != 3 || len(items) != len(sr.Items) || len(objs) != len(sr.Objectives) {
		t.Fatalf("%s's return is %s version %d with %d items and %d objectives, want returned version 3 with %d and %d",
			sr.Agency, r.Status, r.Version, len(items), len(objs), len(sr.Items), len(sr.Objectives))
	}
	for i, it := range items {
		if it.Position != i+1 || it.Title != sr.Items[i].Title || it.HowMuch != sr.Items[i].HowMuch {
			t.Errorf("item %d is %q at position %d, want %q", i+1, it.Title, it.Position, sr.Items[i].Title)
		}
	}
	for i, o := range objs {
		if o.Position != i+1 || o.Intend != sr.Objectives[i].Intend {
			t.Errorf("objective %d is %q at position %d, want %q", i+1, o.Intend, o.Position, sr.Objectives[i].Intend)
		}
	}
	history, err := st.StatusHistory(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var walk []string
	for _, c := range history {
		walk = append(walk, string(c.From)+">"+string(c.To)+" by "+string(c.ActorRole))
	}
	if got, want := strings.Join(walk, ", "), "not_started>draft by lead, draft>submitted by lead, submitted>returned by manager"; got != want {
		t.Errorf("status history %q, want %q", got, want)
	}
	comments, err := st.Comments(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(comments) != 1 || !comments[0].SendBack || comments[0].Body != returnedComment {
		t.Errorf("comments %+v, want the manager's send-back comment", comments)
	}

	// Once there, it is left alone.
	full := tally(t, st)
	if loaded, err := loadReturn(ctx, st, manager, periodID, agencyID, sr, domain.StatusAccepted); err != nil || loaded {
		t.Fatalf("loading it again reported %v, %v; want false and no error", loaded, err)
	}
	if again := tally(t, st); !maps.Equal(full, again) {
		t.Fatalf("loading it again changed the row counts: %v before, %v after", full, again)
	}
}

// snapshot is every row a return's loading wrote, without the times, as JSON:
// the return, its items, objectives, status changes and comments, and the
// audit events after the one numbered sinceEvent.
func snapshot(t *testing.T, st *store.Store, returnID, sinceEvent int64) string {
	t.Helper()
	const q = `SELECT jsonb_build_object(
	  'return', (SELECT to_jsonb(r) - 'created_at' - 'updated_at' - 'submitted_at' - 'returned_at' - 'accepted_at'
	             || jsonb_build_object('stamped', jsonb_build_array(r.submitted_at IS NOT NULL, r.returned_at IS NOT NULL, r.accepted_at IS NOT NULL))
	             FROM returns r WHERE r.id = $1),
	  'items', (SELECT jsonb_agg(to_jsonb(i) - 'updated_at' ORDER BY i.position) FROM review_items i WHERE i.return_id = $1),
	  'objectives', (SELECT jsonb_agg(to_jsonb(o) - 'updated_at' ORDER BY o.position) FROM objectives o WHERE o.return_id = $1),
	  'changes', (SELECT jsonb_agg(to_jsonb(c) - 'changed_at' ORDER BY c.id) FROM return_status_changes c WHERE c.return_id = $1),
	  'comments', (SELECT jsonb_agg(to_jsonb(c) - 'created_at' ORDER BY c.id) FROM return_comments c WHERE c.return_id = $1),
	  'audit', (SELECT jsonb_agg(to_jsonb(e) - 'occurred_at' ORDER BY e.id) FROM audit_events e WHERE e.id > $2))::text`
	var s string
	if err := st.Pool().QueryRow(context.Background(), q, returnID, sinceEvent).Scan(&s); err != nil {
		t.Fatalf("snapshot of return %d: %v", returnID, err)
	}
	return s
}

// lastEvent is the number of the latest audit event.
func lastEvent(t *testing.T, st *store.Store) int64 {
	t.Helper()
	var id int64
	if err := st.Pool().QueryRow(context.Background(), `SELECT coalesce(max(id), 0) FROM audit_events`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestTheDemoReturnIsWrittenAsRegularUseWritesIt(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sr := notStartedSeed(t)
	for _, want := range []domain.ReturnStatus{domain.StatusReturned, domain.StatusAccepted} {
		// By hand: the lead adds each item and objective, then the lead and the manager change its status.
		byHand := testdb.New(t)
		load(t, byHand)
		periodID, agencyID := demoIDs(t, byHand, sr.Agency)
		lead, manager := actorOf(t, byHand, "lead@"+sr.Agency+".demo.test"), actorOf(t, byHand, "manager@demo.test")
		since := lastEvent(t, byHand)
		for _, it := range sr.Items {
			if _, err := store.ReviewItemList.Add(ctx, byHand, lead, store.InReturn(periodID, agencyID), domain.ReviewItem{Title: it.Title, HowMuch: it.HowMuch, HowWell: it.HowWell, BetterOff: it.BetterOff}); err != nil {
				t.Fatal(err)
			}
		}
		for _, o := range sr.Objectives {
			if _, err := store.ObjectiveList.Add(ctx, byHand, lead, store.InReturn(periodID, agencyID), domain.Objective{Intend: o.Intend, Quantity: o.Quantity, Quality: o.Quality, Outcomes: o.Outcomes}); err != nil {
				t.Fatal(err)
			}
		}
		steps, err := stepsTo(lead, manager, want)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range steps {
			r := returnOf(t, byHand, sr.Agency)
			if _, err := byHand.Transition(ctx, s.Actor, r.ID, r.Version, s.Action, s.Comment); err != nil {
				t.Fatal(err)
			}
		}
		wantRows := snapshot(t, byHand, returnOf(t, byHand, sr.Agency).ID, since)

		// By the demo loader, in a database loaded the same way.
		loader := testdb.New(t)
		load(t, loader)
		periodID, agencyID = demoIDs(t, loader, sr.Agency)
		since = lastEvent(t, loader)
		if loaded, err := loadReturn(ctx, loader, actorOf(t, loader, "manager@demo.test"), periodID, agencyID, sr, want); err != nil || !loaded {
			t.Fatalf("load %s: %v, %v", want, loaded, err)
		}
		if got := snapshot(t, loader, returnOf(t, loader, sr.Agency).ID, since); got != wantRows {
			t.Errorf("the loader's %s return wrote\n%s\nwhere regular use writes\n%s", want, got, wantRows)
		}
	}
}
