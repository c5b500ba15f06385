package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// kent is the address of the test agency's 2009/10 return.
const kent = "/periods/2009-10/returns/kent-police"

// journey is a board seen from the agency lead's side: helpers to reach the
// test agency's return in the database and to fill in its forms.
type journey struct {
	*board
	ctx    context.Context
	period *domain.Period
}

func newJourney(t *testing.T) *journey {
	t.Helper()
	b := newBoard(t)
	p, err := b.st.PeriodBySlug(context.Background(), "2009-10")
	if err != nil {
		t.Fatal(err)
	}
	return &journey{board: b, ctx: context.Background(), period: p}
}

// ret is the test agency's return as the database holds it now.
func (j *journey) ret() *domain.Return {
	j.t.Helper()
	r, err := j.st.ReturnFor(j.ctx, j.period.ID, j.agencyID)
	if err != nil {
		j.t.Fatal(err)
	}
	return r
}

func (j *journey) items() []domain.ReviewItem {
	j.t.Helper()
	items, err := j.st.ReviewItems(j.ctx, j.ret().ID)
	if err != nil {
		j.t.Fatal(err)
	}
	return items
}

func (j *journey) objectives() []domain.Objective {
	j.t.Helper()
	objs, err := j.st.Objectives(j.ctx, j.ret().ID)
	if err != nil {
		j.t.Fatal(err)
	}
	return objs
}

func (j *journey) lead() domain.Actor { return domain.UserActor(j.users[domain.RoleLead]) }

// addItem saves a review item through the store, as the lead.
func (j *journey) addItem(title, howMuch string) int64 {
	j.t.Helper()
	id, err := store.ReviewItemList.Add(j.ctx, j.st, j.lead(), store.InReturn(j.period.ID, j.agencyID), domain.ReviewItem{Title: title, HowMuch: howMuch})
	if err != nil {
		j.t.Fatal(err)
	}
	return id
}

func (j *journey) addObjective(intend string) int64 {
	j.t.Helper()
	id, err := store.ObjectiveList.Add(j.ctx, j.st, j.lead(), store.InReturn(j.period.ID, j.agencyID), domain.Objective{Intend: intend})
	if err != nil {
		j.t.Fatal(err)
	}
	return id
}

// transition moves the return along, as actor.
func (j *journey) transition(actor *domain.User, action domain.ReturnAction, comment string) {
	j.t.Helper()
	r := j.ret()
	if _, err := j.st.Transition(j.ctx, domain.UserActor(actor), r.ID, r.Version, action, comment); err != nil {
		j.t.Fatal(err)
	}
}

// completeSections says, as the lead, that every section of the test
// agency's return is completed, as the lead does at the foot of each
// section's page (issue 15).
func (j *journey) completeSections() {
	j.t.Helper()
	completeSections(j.t, j.st, j.users[domain.RoleLead], j.period.ID, j.agencyID)
}

// completeSections says, as lead, that every section of the agency's return
// for the period is completed.
func completeSections(t *testing.T, st *store.Store, lead *domain.User, periodID, agencyID int64) {
	t.Helper()
	for _, key := range []string{"last-year", "review", "objectives"} {
		if err := st.SetSectionCompleted(context.Background(), domain.UserActor(lead), periodID, agencyID, key, true); err != nil {
			t.Fatalf("mark %s as completed: %v", key, err)
		}
	}
}

// secondLead adds another lead for the test agency and signs them in.
func (j *journey) secondLead() *client {
	j.t.Helper()
	nu := store.NewUser{Email: "lead2@example.org", Name: "Second lead", Role: domain.RoleLead, AgencyID: &j.agencyID, PasswordHash: testHash}
	if _, err := j.st.CreateUser(j.ctx, domain.CommandLine, nu); err != nil {
		j.t.Fatal(err)
	}
	c := j.client()
	if res := c.post("/login", url.Values{"email": {nu.Email}, "password": {testPassword}}); res.StatusCode != http.StatusSeeOther {
		j.t.Fatalf("second lead signs in: status %d", res.StatusCode)
	}
	return c
}

// formValues is what a browser would send from the form sel finds: its named
// inputs (checked ones only, for radios) and textareas.
func formValues(d *goquery.Document, sel string) url.Values {
	v := url.Values{}
	d.Find(sel).Find("input[name], textarea[name]").Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		if s.Is("textarea") {
			v.Add(name, s.Text())
			return
		}
		if typ, _ := s.Attr("type"); typ == "radio" || typ == "checkbox" {
			if _, checked := s.Attr("checked"); !checked {
				return
			}
		}
		val, _ := s.Attr("value")
		v.Add(name, val)
	})
	return v
}

// wantStatus fails the test unless res has the status.
func wantStatus(t *testing.T, res *http.Response, status int) {
	t.Helper()
	if res.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d", res.Request.Method, res.Request.URL.Path, res.StatusCode, status)
	}
}

func texts(s *goquery.Selection) []string {
	var out []string
	s.Each(func(_ int, e *goquery.Selection) { out = append(out, strings.Join(strings.Fields(e.Text()), " ")) })
	return out
}

func textOf(s *goquery.Selection) string { return strings.Join(strings.Fields(s.Text()), " ") }

func TestALeadWritesChecksAndSubmitsTheirReturn(t *testing.T) {
	t.Parallel()
	j := newJourney(t)
	lead := j.users[domain.RoleLead]
	c := j.as(domain.RoleLead)

	// Home shows the open period's return, and the period page leads to it.
	card := doc(t, c.get("/")).Find(`[data-testid="own-return"]`)
	if got := textOf(card.Find(`[data-testid="own-return-status"]`)); got != "Not started" {
		t.Fatalf("home shows status %q, want Not started", got)
	}
	if href, _ := card.Find(`[data-testid="go-to-return"]`).Attr("href"); href != kent {
		t.Fatalf("home links to %q, want %q", href, kent)
	}
	if res := c.get("/periods/2009-10"); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != kent {
		t.Fatalf("period page: status %d location %q, want a redirect to the lead's return", res.StatusCode, res.Header.Get("Location"))
	}

	// The task list, before anything is written.
	page := doc(t, c.get(kent))
	if got := textOf(page.Find(`[data-testid="task-review"] a`)); got != "Review of 2009/10" {
		t.Fatalf("first task %q", got)
	}
	if got := textOf(page.Find(`[data-testid="task-objectives"] a`)); got != "Objectives for 2010/11" {
		t.Fatalf("second task %q", got)
	}
	check := page.Find(`[data-testid="task-check"]`)
	if check.Find("a").Length() != 0 || textOf(check.Find(`[data-testid="task-status"]`)) != "Cannot start yet" {
		t.Fatalf("check and submit before anything is written: %q, want no link and Cannot start yet", textOf(check))
	}

	// Add a review item.
	form := doc(t, c.get(kent+"/review/new"))
	values := formValues(form, `[data-testid="item-form"]`)
	values.Set("title", "Training in domestic abuse risk assessment")
	values.Set("how_much", "1,842 officers trained in DASH risk assessment.")
	if flash := c.followFlash(c.post(kent+"/review", values)); flash != "The review item ‘Training in domestic abuse risk assessment’ has been added" {
		t.Fatalf("flash %q", flash)
	}
	items := j.items()
	if len(items) != 1 || items[0].HowMuch != "1,842 officers trained in DASH risk assessment." {
		t.Fatalf("saved items %+v", items)
	}
	wantAudit(t, j.board, "review_item", "review_item.create", items[0].ID, lead)
	list := doc(t, c.get(kent+"/review"))
	if got := texts(list.Find(`[data-testid="item-title"]`)); len(got) != 1 || got[0] != "1. Training in domestic abuse risk assessment" {
		t.Fatalf("review list shows %q", got)
	}

	t.Run("a missing title is asked for and everything typed is kept", func(t *testing.T) {
		typed := url.Values{"title": {""}, "how_much": {"Typed\n\nwith care"}, "how_well": {"92% within 24 hours"}, "return_version": {"1"}}
		d := wantFormError(t, c.within(t).post(kent+"/review", typed), "title", "Enter the title")
		if got := d.Find("textarea#how_much").Text(); got != "Typed\n\nwith care" {
			t.Errorf("how much re-shown as %q", got)
		}
		if got := d.Find("textarea#how_well").Text(); got != "92% within 24 hours" {
			t.Errorf("how well re-shown as %q", got)
		}
	})
	t.Run("an item with none of the three parts is refused, linked to the first", func(t *testing.T) {
		typed := url.Values{"title": {"Only a title"}, "how_much": {" "}, "how_well": {""}, "better_off": {""}}
		d := wantFormError(t, c.within(t).post(kent+"/review", typed), "how_much",
			"Enter at least one of how much you did, how well you did it, or whether anyone is better off")
		wantValues(t, d, map[string]string{"input#title": "Only a title"})
	})
	t.Run("a part over 10,000 characters is refused", func(t *testing.T) {
		typed := url.Values{"title": {"Long"}, "better_off": {strings.Repeat("é", 10001)}}
		d := wantFormError(t, c.within(t).post(kent+"/review", typed), "better_off", "must be 10,000 characters or fewer")
		if got := d.Find("textarea#better_off").Text(); got != strings.Repeat("é", 10001) {
			t.Errorf("the long text was not re-shown whole (%d characters)", len([]rune(got)))
		}
	})
	if n := len(j.items()); n != 1 {
		t.Fatalf("refused forms saved something: %d items", n)
	}

	// A second item, then move it above the first.
	c.post(kent+"/review", url.Values{"title": {"Missing children"}, "how_well": {"All returned children interviewed"}})
	second := j.items()[1].ID
	if flash := c.followFlash(c.post(fmt.Sprintf("%s/review/%d/move", kent, second), url.Values{"direction": {"up"}})); flash != "‘Missing children’ has been moved up" {
		t.Fatalf("move flash %q", flash)
	}
	list = doc(t, c.get(kent+"/review"))
	if got := texts(list.Find(`[data-testid="item-title"]`)); len(got) != 2 || got[0] != "1. Missing children" || got[1] != "2. Training in domestic abuse risk assessment" {
		t.Fatalf("after moving up the order is %q", got)
	}
	if list.Find(`[data-testid="review-item"]`).First().Find(`[data-testid="move-up"]`).Length() != 0 ||
		list.Find(`[data-testid="review-item"]`).Last().Find(`[data-testid="move-down"]`).Length() != 0 {
		t.Fatal("the first item offers Move up or the last offers Move down")
	}
	c.post(fmt.Sprintf("%s/review/%d/move", kent, second), url.Values{"direction": {"down"}})
	if got := j.items(); got[0].Title != "Training in domestic abuse risk assessment" {
		t.Fatalf("after moving down the first item is %q", got[0].Title)
	}

	// Change the first item through its form, keeping the hidden version.
	first := j.items()[0]
	edit := doc(t, c.get(fmt.Sprintf("%s/review/%d", kent, first.ID)))
	values = formValues(edit, `[data-testid="item-form"]`)
	if values.Get("version") != "1" || values.Get("how_much") != first.HowMuch {
		t.Fatalf("edit form sends %v", values)
	}
	values.Set("title", "DASH risk assessment training")
	if flash := c.followFlash(c.post(fmt.Sprintf("%s/review/%d", kent, first.ID), values)); flash != "The review item ‘DASH risk assessment training’ has been saved" {
		t.Fatalf("change flash %q", flash)
	}
	wantAudit(t, j.board, "review_item", "review_item.update", first.ID, lead)

	// Remove the second item after confirming.
	confirm := doc(t, c.get(fmt.Sprintf("%s/review/%d/remove", kent, second)))
	if q := textOf(confirm.Find(`[data-testid="remove-question"]`)); q != "Are you sure you want to remove the review item “Missing children”?" {
		t.Fatalf("confirmation asks %q", q)
	}
	if href, _ := confirm.Find(`[data-testid="keep"]`).Attr("href"); href != kent+"/review" {
		t.Fatalf("No, keep it goes to %q", href)
	}
	if n := len(j.items()); n != 2 {
		t.Fatalf("opening the confirmation removed something: %d items", n)
	}
	c.post(fmt.Sprintf("%s/review/%d/remove", kent, second), formValues(confirm, "main form"))
	if got := j.items(); len(got) != 1 || got[0].ID != first.ID {
		t.Fatalf("after removal the items are %+v", got)
	}
	wantAudit(t, j.board, "review_item", "review_item.remove", second, lead)

	// An objective: what is intended is required.
	wantFormError(t, c.post(kent+"/objectives", url.Values{"intend": {""}, "quality": {"NI59 greater than 74%"}}), "intend", "Enter what you intend to do")
	objForm := doc(t, c.get(kent+"/objectives/new"))
	values = formValues(objForm, `[data-testid="objective-form"]`)
	values.Set("intend", "Train every front-line officer in DASH")
	values.Set("quality", "NI59 greater than 74%")
	c.followFlash(c.post(kent+"/objectives", values))
	objs := j.objectives()
	if len(objs) != 1 || objs[0].Quality != "NI59 greater than 74%" {
		t.Fatalf("saved objectives %+v", objs)
	}
	wantAudit(t, j.board, "objective", "objective.create", objs[0].ID, lead)

	// The task list now counts them and lets the lead check and submit.
	page = doc(t, c.get(kent))
	if hint := textOf(page.Find(`[data-testid="task-review"] [data-testid="task-hint"]`)); hint != "1 item" {
		t.Fatalf("review task hint %q", hint)
	}
	if href, _ := page.Find(`[data-testid="task-check"] a`).Attr("href"); href != kent+"/check" {
		t.Fatalf("check task links to %q", href)
	}

	// Check answers shows everything with Change links, then submit.
	j.completeSections()
	checkPage := doc(t, c.get(kent+"/check"))
	if h := textOf(checkPage.Find("h1")); h != "Check your answers before submitting your return" {
		t.Fatalf("check page heading %q", h)
	}
	cards := checkPage.Find(`[data-testid="check-item"]`)
	if cards.Length() != 1 || !strings.Contains(cards.Text(), "DASH risk assessment training") || !strings.Contains(cards.Text(), "1,842 officers") {
		t.Fatalf("check page items: %q", textOf(cards))
	}
	if href, _ := cards.Find(`[data-testid="change"]`).Attr("href"); href != fmt.Sprintf("%s/review/%d?from=check", kent, first.ID) {
		t.Fatalf("Change link goes to %q", href)
	}
	if o := checkPage.Find(`[data-testid="check-objective"]`); o.Length() != 1 || !strings.Contains(o.Text(), "NI59 greater than 74%") {
		t.Fatalf("check page objectives: %q", textOf(o))
	}
	res := c.post(kent+"/submit", formValues(checkPage, `form[action="`+kent+`/submit"]`))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != kent+"/submitted" {
		t.Fatalf("submit: status %d location %q", res.StatusCode, res.Header.Get("Location"))
	}
	panel := doc(t, c.get(kent+"/submitted")).Find(`[data-testid="confirmation"]`)
	if !strings.Contains(panel.Text(), "Return submitted") || !strings.Contains(panel.Text(), "Kent Police") || !strings.Contains(panel.Text(), "2009/10") {
		t.Fatalf("confirmation panel %q", textOf(panel))
	}
	if got := j.ret().Status; got != domain.StatusSubmitted {
		t.Fatalf("status after submitting: %s", got)
	}
	wantAudit(t, j.board, "return", "return.submit", j.ret().ID, lead)

	// Now the return is read-only for the lead.
	page = doc(t, c.get(kent))
	if page.Find(`[data-testid="task-list"]`).Length() != 0 {
		t.Fatal("a submitted return still shows the task list")
	}
	if n := page.Find(`main a[href^="` + kent + `/review"], main a[href^="` + kent + `/objectives"]`).Length(); n != 0 {
		t.Fatalf("a submitted return still has %d edit links", n)
	}
	if got := textOf(page.Find(`[data-testid="return-status"]`)); got != "Submitted" {
		t.Fatalf("status shown %q", got)
	}
	if got := texts(page.Find(`[data-testid="item"] h3`)); len(got) != 1 || got[0] != "1. DASH risk assessment training" {
		t.Fatalf("read-only items %q", got)
	}
	wantStatus(t, c.post(kent+"/review", url.Values{"title": {"Too late"}, "how_much": {"After submitting"}}), http.StatusForbidden)
	wantStatus(t, c.post(fmt.Sprintf("%s/review/%d", kent, first.ID), url.Values{"title": {"Too late"}, "how_much": {"x"}, "version": {"2"}}), http.StatusForbidden)
	wantStatus(t, c.post(fmt.Sprintf("%s/review/%d/remove", kent, first.ID), url.Values{"version": {"2"}}), http.StatusForbidden)
	wantStatus(t, c.post(fmt.Sprintf("%s/objectives/%d/move", kent, objs[0].ID), url.Values{"direction": {"up"}}), http.StatusForbidden)
	if got := j.items(); len(got) != 1 || got[0].Title != "DASH risk assessment training" || got[0].Version != 2 {
		t.Fatalf("posts after submitting changed the items: %+v", got)
	}
	if res := c.get(kent + "/review/new"); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != kent {
		t.Fatalf("the add form after submitting: status %d location %q, want a redirect to the return", res.StatusCode, res.Header.Get("Location"))
	}
	if got := textOf(doc(t, c.get("/")).Find(`[data-testid="own-return-status"]`)); got != "Submitted" {
		t.Fatalf("home shows status %q after submitting", got)
	}
}

func TestALeadCannotReadOrChangeAnotherAgencysReturn(t *testing.T) {
	t.Parallel()
	j := newJourney(t)
	otherID, err := j.st.CreateAgency(j.ctx, domain.CommandLine, store.AgencyFields{
		Name: "Medway Council", Slug: "medway-council", ShortName: "Council", Sector: "Local authority", DisplayOrder: 1, Active: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	itemID, err := store.ReviewItemList.Add(j.ctx, j.st, domain.CommandLine, store.InReturn(j.period.ID, otherID), domain.ReviewItem{Title: "Theirs", HowMuch: "Private draft"})
	if err != nil {
		t.Fatal(err)
	}
	objID, err := store.ObjectiveList.Add(j.ctx, j.st, domain.CommandLine, store.InReturn(j.period.ID, otherID), domain.Objective{Intend: "Their plan"})
	if err != nil {
		t.Fatal(err)
	}
	events := len(auditTrail(j.board, ""))
	c := j.as(domain.RoleLead)
	other := "/periods/2009-10/returns/medway-council"
	item, obj := fmt.Sprintf("%s/review/%d", other, itemID), fmt.Sprintf("%s/objectives/%d", other, objID)
	attempts := []struct {
		method, path string
		form         url.Values
	}{
		{"GET", other, nil},
		{"GET", other + "/review", nil},
		{"GET", item, nil},
		{"GET", item + "/remove", nil},
		{"GET", other + "/check", nil},
		{"GET", other + "/last-year", nil},
		{"GET", other + "/last-year/1", nil},
		{"POST", other + "/last-year/1", url.Values{"status": {"achieved"}, "version": {"1"}, "return_version": {"0"}}},
		{"POST", other + "/review", url.Values{"title": {"Planted"}, "how_much": {"x"}}},
		{"POST", item, url.Values{"title": {"Overwritten"}, "how_much": {"x"}, "version": {"1"}, "return_version": {"0"}}},
		{"POST", item + "/remove", url.Values{"version": {"1"}, "return_version": {"0"}}},
		{"POST", item + "/move", url.Values{"direction": {"down"}}},
		{"POST", other + "/objectives", url.Values{"intend": {"Planted"}}},
		{"POST", obj, url.Values{"intend": {"Overwritten"}, "version": {"1"}}},
		{"POST", obj + "/remove", url.Values{"version": {"1"}}},
		{"POST", other + "/submit", url.Values{"version": {"1"}}},
		{"POST", other + "/review/completed", url.Values{"completed": {"no"}}},
		{"POST", other + "/objectives/completed", url.Values{"completed": {"no"}}},
		{"POST", other + "/last-year/completed", url.Values{"completed": {"no"}}},
	}
	for _, a := range attempts {
		t.Run(a.method+" "+a.path, func(t *testing.T) {
			var res *http.Response
			if a.method == "GET" {
				res = c.within(t).get(a.path)
			} else {
				res = c.within(t).post(a.path, a.form)
			}
			wantStatus(t, res, http.StatusForbidden)
			if strings.Contains(readAll(t, res), "Private draft") {
				t.Fatal("the refusal shows the other agency's text")
			}
		})
	}
	ret, _ := j.st.ReturnFor(j.ctx, j.period.ID, otherID)
	items, _ := j.st.ReviewItems(j.ctx, ret.ID)
	objs, _ := j.st.Objectives(j.ctx, ret.ID)
	if ret.Status != domain.StatusDraft || len(items) != 1 || items[0].Title != "Theirs" || items[0].Version != 1 ||
		len(objs) != 1 || objs[0].Intend != "Their plan" {
		t.Fatalf("the other agency's return changed: %+v %+v %+v", ret, items, objs)
	}
	if after := len(auditTrail(j.board, "")); after != events {
		t.Fatalf("audit events %d → %d: something was written", events, after)
	}
}

func TestAStaleSaveIsRefusedAndNothingIsLost(t *testing.T) {
	t.Parallel()
	j := newJourney(t)
	itemID := j.addItem("Missing children", "The original text")
	otherID := j.addItem("Private fostering", "Untouched")
	first, second := j.as(domain.RoleLead), j.secondLead()
	path := fmt.Sprintf("%s/review/%d", kent, itemID)

	// Both leads open the same item.
	mine := formValues(doc(t, first.get(path)), `[data-testid="item-form"]`)
	theirs := formValues(doc(t, second.get(path)), `[data-testid="item-form"]`)
	if mine.Get("version") != "1" || theirs.Get("version") != "1" {
		t.Fatalf("versions in the forms: %q and %q", mine.Get("version"), theirs.Get("version"))
	}

	mine.Set("how_much", "The first save")
	first.followFlash(first.post(path, mine))

	theirs.Set("how_much", "The second lead's\n\ncareful paragraphs")
	theirs.Set("better_off", "- a bullet they typed")
	res := second.post(path, theirs)
	wantStatus(t, res, http.StatusConflict)
	d := doc(t, res)
	if title := d.Find("title").Text(); !strings.HasPrefix(title, "Error:") {
		t.Errorf("title %q does not start with Error:", title)
	}
	if msg := textOf(d.Find(`[data-testid="conflict"]`)); msg != "Someone else changed this item since you opened it. Your text is below: copy what you need, then reload the item to see their version." {
		t.Fatalf("conflict message %q", msg)
	}
	if got := d.Find("textarea#how_much").Text(); got != "The second lead's\n\ncareful paragraphs" {
		t.Fatalf("their how much came back as %q", got)
	}
	if got := d.Find("textarea#better_off").Text(); got != "- a bullet they typed" {
		t.Fatalf("their better off came back as %q", got)
	}
	if href, _ := d.Find(`[data-testid="current-version"]`).Attr("href"); href != path {
		t.Fatalf("link to the saved version %q", href)
	}
	items := j.items()
	if items[0].HowMuch != "The first save" || items[0].Version != 2 {
		t.Fatalf("the database holds %+v, want the first save", items[0])
	}

	t.Run("two leads changing different items both succeed", func(t *testing.T) {
		a := formValues(doc(t, first.within(t).get(path)), `[data-testid="item-form"]`)
		other := fmt.Sprintf("%s/review/%d", kent, otherID)
		b := formValues(doc(t, second.within(t).get(other)), `[data-testid="item-form"]`)
		a.Set("how_well", "Saved by the first lead")
		b.Set("how_well", "Saved by the second lead")
		wantStatus(t, first.within(t).post(path, a), http.StatusSeeOther)
		wantStatus(t, second.within(t).post(other, b), http.StatusSeeOther)
		got := j.items()
		if got[0].HowWell != "Saved by the first lead" || got[1].HowWell != "Saved by the second lead" {
			t.Fatalf("items %+v", got)
		}
	})

	t.Run("an item removed meanwhile keeps the typed text and offers to add it again", func(t *testing.T) {
		other := fmt.Sprintf("%s/review/%d", kent, otherID)
		typed := formValues(doc(t, first.within(t).get(other)), `[data-testid="item-form"]`)
		confirm := formValues(doc(t, second.within(t).get(other+"/remove")), "main form")
		wantStatus(t, second.within(t).post(other+"/remove", confirm), http.StatusSeeOther)
		typed.Set("title", "Private fostering, rewritten")
		res := first.within(t).post(other, typed)
		wantStatus(t, res, http.StatusConflict)
		d := doc(t, res)
		if !strings.Contains(d.Find(`[data-testid="conflict"]`).Text(), "Someone else removed this item") {
			t.Fatalf("message %q", textOf(d.Find(`[data-testid="conflict"]`)))
		}
		if action, _ := d.Find(`[data-testid="item-form"]`).Attr("action"); action != kent+"/review" {
			t.Fatalf("the form now posts to %q, want the add address", action)
		}
		wantValues(t, d, map[string]string{"input#title": "Private fostering, rewritten"})
	})

	t.Run("a return submitted while the lead was typing keeps their text", func(t *testing.T) {
		j.addObjective("An objective")
		typed := formValues(doc(t, second.within(t).get(path)), `[data-testid="item-form"]`)
		j.transition(j.users[domain.RoleLead], domain.ActionSubmit, "")
		typed.Set("how_much", "Typed while a colleague submitted")
		res := second.within(t).post(path, typed)
		wantStatus(t, res, http.StatusConflict)
		d := doc(t, res)
		if msg := textOf(d.Find(`[data-testid="conflict"]`)); msg != "This return has been submitted, so it can no longer be changed. Your text is below so you can keep a copy." {
			t.Fatalf("message %q", msg)
		}
		if d.Find(`[data-testid="save"]`).Length() != 0 {
			t.Fatal("the closed form still offers to save")
		}
		if got := d.Find("textarea#how_much").Text(); got != "Typed while a colleague submitted" {
			t.Fatalf("text re-shown as %q", got)
		}
		if got := j.items()[0].HowMuch; got != "The first save" {
			t.Fatalf("the database holds %q", got)
		}
	})
}

func TestASentBackReturnShowsTheCommentAndCanBeChangedAndResubmitted(t *testing.T) {
	t.Parallel()
	j := newJourney(t)
	itemID := j.addItem("Missing children", "12 children went missing")
	j.addObjective("Interview every returned child")
	j.transition(j.users[domain.RoleLead], domain.ActionSubmit, "")
	j.transition(j.users[domain.RoleManager], domain.ActionSendBack, "Please add how well you did.\n\n- timeliness\n- quality")
	c := j.as(domain.RoleLead)

	page := doc(t, c.get(kent))
	banner := page.Find(`[data-testid="sent-back"]`)
	if banner.Length() != 1 {
		t.Fatal("no sent-back banner")
	}
	if got := texts(banner.Find(`[data-testid="sent-back-comment"] li`)); len(got) != 2 || got[0] != "timeliness" {
		t.Fatalf("comment bullets %q", got)
	}
	if !strings.Contains(banner.Find(`[data-testid="sent-back-comment"] p`).Text(), "Please add how well you did.") {
		t.Fatalf("comment %q", textOf(banner))
	}
	if by := textOf(banner.Find(`[data-testid="sent-back-by"]`)); !strings.Contains(by, "Test Board manager") {
		t.Fatalf("comment author %q", by)
	}
	if got := textOf(page.Find(`[data-testid="return-status"]`)); got != "Sent back" {
		t.Fatalf("status %q", got)
	}
	if page.Find(`[data-testid="task-list"]`).Length() != 1 {
		t.Fatal("a sent-back return shows no task list")
	}

	path := fmt.Sprintf("%s/review/%d", kent, itemID)
	values := formValues(doc(t, c.get(path)), `[data-testid="item-form"]`)
	values.Set("how_well", "All interviewed within 72 hours")
	c.followFlash(c.post(path, values))
	if got := j.items()[0].HowWell; got != "All interviewed within 72 hours" {
		t.Fatalf("how well saved as %q", got)
	}

	j.completeSections()
	checkPage := doc(t, c.get(kent+"/check"))
	wantStatus(t, c.post(kent+"/submit", formValues(checkPage, `form[action="`+kent+`/submit"]`)), http.StatusSeeOther)
	if got := j.ret().Status; got != domain.StatusSubmitted {
		t.Fatalf("status after resubmitting %s", got)
	}
	if doc(t, c.get(kent)).Find(`[data-testid="sent-back"]`).Length() != 0 {
		t.Fatal("the sent-back banner is still shown after resubmitting")
	}
}

func TestSubmittingAReturnThatChangedSinceTheCheckIsRefused(t *testing.T) {
	t.Parallel()
	j := newJourney(t)
	j.addItem("Missing children", "12 children went missing")
	j.addObjective("Interview every returned child")
	j.completeSections()
	c := j.as(domain.RoleLead)
	checked := formValues(doc(t, c.get(kent+"/check")), `form[action="`+kent+`/submit"]`)
	j.addItem("Added by a colleague", "After the check page was opened")

	res := c.post(kent+"/submit", checked)
	wantStatus(t, res, http.StatusConflict)
	d := doc(t, res)
	if msg := textOf(d.Find(`[data-testid="conflict"]`)); msg != "This return changed since you opened this page: check it again, then submit" {
		t.Fatalf("message %q", msg)
	}
	if n := d.Find(`[data-testid="check-item"]`).Length(); n != 2 {
		t.Fatalf("the page shown again has %d items, want the colleague's too", n)
	}
	if got := j.ret().Status; got != domain.StatusDraft {
		t.Fatalf("status %s, want still draft", got)
	}
	wantStatus(t, c.post(kent+"/submit", formValues(d, `form[action="`+kent+`/submit"]`)), http.StatusSeeOther)
}

func TestTextIsShownAsParagraphsAndListsAndEscaped(t *testing.T) {
	t.Parallel()
	j := newJourney(t)
	j.addItem("Audits <b>bold</b>", "First paragraph\nsame paragraph\n\n- one <script>alert(1)</script>\n- two\n\nLast paragraph")
	j.addObjective("Keep children safe")
	j.transition(j.users[domain.RoleLead], domain.ActionSubmit, "")

	for _, role := range []domain.Role{domain.RoleLead, domain.RoleManager, domain.RoleChair} {
		t.Run("as "+string(role), func(t *testing.T) {
			page := doc(t, j.as(role).within(t).get(kent))
			part := page.Find(`[data-testid="item"] [data-testid="how-much"]`)
			if got := texts(part.Find("p")); len(got) != 2 || got[0] != "First paragraph same paragraph" || got[1] != "Last paragraph" {
				t.Fatalf("paragraphs %q", got)
			}
			if part.Find("p").First().Find("br").Length() != 1 {
				t.Error("the line break inside the first paragraph is lost")
			}
			if got := texts(part.Find("ul li")); len(got) != 2 || got[0] != "one <script>alert(1)</script>" || got[1] != "two" {
				t.Fatalf("bullets %q", got)
			}
			if page.Find("main script").Length() != 0 || page.Find(`[data-testid="item"] h3 b`).Length() != 0 {
				t.Fatal("typed markup became HTML")
			}
			if got := textOf(page.Find(`[data-testid="item"] [data-testid="how-well"]`)); got != "Nothing entered" {
				t.Fatalf("an empty part shows %q", got)
			}
			table := page.Find(`table[data-testid="objectives"]`)
			if table.Find("caption").Length() != 1 || table.Find(`th[scope="col"]`).Length() != 4 ||
				!strings.Contains(table.Find("tbody").Text(), "Keep children safe") {
				t.Fatalf("objectives table %q", textOf(table))
			}
		})
	}
}

func TestThePeriodPageLeadsEachRoleToWhatTheyMaySee(t *testing.T) {
	t.Parallel()
	j := newJourney(t)
	for _, role := range []domain.Role{domain.RoleManager, domain.RoleChair, domain.RoleMember} {
		t.Run(string(role), func(t *testing.T) {
			res := j.as(role).within(t).get("/periods/2009-10")
			wantStatus(t, res, http.StatusOK)
			d := doc(t, res)
			overview := d.Find(`a[href="/periods/2009-10/returns"]`).Length() == 1
			if want := role != domain.RoleMember; overview != want {
				t.Errorf("link to the returns overview: %t, want %t", overview, want)
			}
			for _, section := range []string{"/report/partner-reviews", "/report/objectives", "/report", "/report/performance", "/report/pdf", "/report/data.xlsx", "/dashboard", "/published"} {
				if d.Find(`a[href="/periods/2009-10`+section+`"]`).Length() != 1 {
					t.Errorf("no link to %s", section)
				}
			}
			// The board's sections: the manager, and the chair for the overview; the
			// outline and readiness check before publishing: the manager.
			links := map[string]bool{"/report/board": role != domain.RoleMember, "/report/outline": role == domain.RoleManager,
				"/report/readiness": role == domain.RoleManager}
			for section, want := range links {
				if got := d.Find(`a[href="/periods/2009-10`+section+`"]`).Length() == 1; got != want {
					t.Errorf("link to %s: %t, want %t", section, got, want)
				}
			}
		})
	}
	if href, _ := doc(t, j.as(domain.RoleMember).get("/")).Find(`[data-testid="period-2009-10"]`).Attr("href"); href != "/periods/2009-10" {
		t.Fatalf("home links the period to %q", href)
	}
}

func TestAnOverdueReturnIsFlaggedOnTheLeadsHome(t *testing.T) {
	t.Parallel()
	j := newJourney(t)
	c := j.as(domain.RoleLead)
	setDeadline := func(d time.Time) {
		f := store.PeriodFields{Label: j.period.Label, StartsOn: j.period.StartsOn, EndsOn: j.period.EndsOn, Deadline: &d, IsOpen: true}
		if err := j.st.UpdatePeriod(j.ctx, domain.CommandLine, j.period.ID, f); err != nil {
			t.Fatal(err)
		}
	}
	overdue := func() bool {
		return strings.Contains(doc(t, c.get("/")).Find(`[data-testid="own-return-status"]`).Text(), "Overdue")
	}
	setDeadline(time.Date(2010, time.April, 16, 0, 0, 0, 0, time.UTC))
	if !overdue() {
		t.Fatal("a return not started after its deadline is not flagged overdue")
	}
	if got := textOf(doc(t, c.get(kent)).Find(`[data-testid="deadline"]`)); !strings.HasPrefix(got, "Returns are due by 16 April 2010") {
		t.Fatalf("return page deadline %q", got)
	}
	j.addItem("Item", "Text")
	j.addObjective("Objective")
	j.transition(j.users[domain.RoleLead], domain.ActionSubmit, "")
	if overdue() {
		t.Fatal("a submitted return is flagged overdue")
	}
	setDeadline(time.Now().AddDate(0, 1, 0))
	j.transition(j.users[domain.RoleManager], domain.ActionSendBack, "More please")
	if overdue() {
		t.Fatal("a return due next month is flagged overdue")
	}
}

func TestALeadReordersChangesAndRemovesObjectives(t *testing.T) {
	t.Parallel()
	j := newJourney(t)
	first := j.addObjective("Train every officer")
	second := j.addObjective("Audit every referral")
	c := j.as(domain.RoleLead)
	lead := j.users[domain.RoleLead]

	c.followFlash(c.post(fmt.Sprintf("%s/objectives/%d/move", kent, second), url.Values{"direction": {"up"}}))
	list := doc(t, c.get(kent+"/objectives"))
	var intents []string
	list.Find(`[data-testid="objective"]`).Each(func(_ int, card *goquery.Selection) {
		intents = append(intents, textOf(card.Find(".govuk-summary-list__value").First()))
	})
	if got := intents; len(got) != 2 || got[0] != "Audit every referral" {
		t.Fatalf("after moving up the objectives read %q", got)
	}
	wantAudit(t, j.board, "objective", "objective.move", second, lead)

	path := fmt.Sprintf("%s/objectives/%d", kent, first)
	values := formValues(doc(t, c.get(path)), `[data-testid="objective-form"]`)
	values.Set("outcomes", "Children at risk are spotted sooner")
	if flash := c.followFlash(c.post(path, values)); flash != "The objective ‘Train every officer’ has been saved" {
		t.Fatalf("flash %q", flash)
	}
	stale := withValues(values, map[string]string{"outcomes": "A stale rewrite"})
	res := c.post(path, stale)
	wantStatus(t, res, http.StatusConflict)
	if got := doc(t, res).Find("textarea#outcomes").Text(); got != "A stale rewrite" {
		t.Fatalf("the stale text came back as %q", got)
	}

	confirm := doc(t, c.get(path+"/remove"))
	if q := textOf(confirm.Find(`[data-testid="remove-question"]`)); q != "Are you sure you want to remove the objective “Train every officer”?" {
		t.Fatalf("confirmation asks %q", q)
	}
	old := formValues(confirm, "main form")
	if err := store.ObjectiveList.Update(j.ctx, j.st, j.lead(), store.InReturn(j.period.ID, j.agencyID), first, 2, domain.Objective{Intend: "Train every officer, changed"}); err != nil {
		t.Fatal(err)
	}
	res = c.post(path+"/remove", old)
	wantStatus(t, res, http.StatusConflict)
	again := doc(t, res)
	if len(j.objectives()) != 2 || !strings.Contains(again.Find(`[data-testid="conflict"]`).Text(), "Someone else changed this objective") {
		t.Fatalf("a removal after someone's change was not refused: %q", textOf(again.Find(`[data-testid="conflict"]`)))
	}
	c.followFlash(c.post(path+"/remove", formValues(again, "main form")))
	if got := j.objectives(); len(got) != 1 || got[0].ID != second {
		t.Fatalf("after removal the objectives are %+v", got)
	}
	wantAudit(t, j.board, "objective", "objective.remove", first, lead)
}

// closePeriod closes the test board's 2009/10 period, as the manager does on the periods page.
func (j *journey) closePeriod() {
	j.t.Helper()
	f := store.PeriodFields{Label: j.period.Label, StartsOn: j.period.StartsOn, EndsOn: j.period.EndsOn, Deadline: j.period.Deadline, IsOpen: false}
	if err := j.st.UpdatePeriod(j.ctx, domain.CommandLine, j.period.ID, f); err != nil {
		j.t.Fatal(err)
	}
}

func TestAReturnInAClosedPeriodCanNoLongerBeChangedByItsLead(t *testing.T) {
	t.Parallel()
	j := newJourney(t)
	itemID := j.addItem("Missing children", "12 children went missing")
	objID := j.addObjective("Interview every returned child")
	c := j.as(domain.RoleLead)
	item := fmt.Sprintf("%s/review/%d", kent, itemID)
	// The lead has the forms open when the manager closes the period.
	added := formValues(doc(t, c.get(kent+"/review/new")), `[data-testid="item-form"]`)
	changed := formValues(doc(t, c.get(item)), `[data-testid="item-form"]`)
	removal := formValues(doc(t, c.get(item+"/remove")), "main form")
	j.completeSections()
	checked := formValues(doc(t, c.get(kent+"/check")), `form[action="`+kent+`/submit"]`)
	j.closePeriod()
	before, events := j.ret(), len(auditTrail(j.board, ""))

	t.Run("adding an item is refused, and what was typed is shown back", func(t *testing.T) {
		typed := withValues(added, map[string]string{"title": "Typed too late", "how_much": "Typed\n\nafter the period closed"})
		res := c.within(t).post(kent+"/review", typed)
		wantStatus(t, res, http.StatusForbidden)
		d := doc(t, res)
		if msg := textOf(d.Find(`[data-testid="conflict"]`)); msg != "The 2009/10 period is closed, so this return can no longer be changed. Your text is below so you can keep a copy." {
			t.Errorf("message %q", msg)
		}
		if got := d.Find("textarea#how_much").Text(); got != "Typed\n\nafter the period closed" {
			t.Errorf("the typed text came back as %q", got)
		}
		if d.Find(`[data-testid="save"]`).Length() != 0 {
			t.Error("the refused form still offers to save")
		}
	})
	for _, post := range []struct {
		name, path string
		form       url.Values
	}{
		{"changing an item", item, withValues(changed, map[string]string{"title": "Changed too late"})},
		{"removing an item", item + "/remove", removal},
		{"moving an item", item + "/move", url.Values{"direction": {"up"}}},
		{"adding an objective", kent + "/objectives", url.Values{"intend": {"Too late"}, "return_version": {strconv.Itoa(before.Version)}}},
		{"moving an objective", fmt.Sprintf("%s/objectives/%d/move", kent, objID), url.Values{"direction": {"down"}}},
	} {
		t.Run(post.name+" is refused", func(t *testing.T) {
			wantStatus(t, c.within(t).post(post.path, post.form), http.StatusForbidden)
		})
	}
	t.Run("the pages that change the return lead back to it", func(t *testing.T) {
		for _, path := range []string{kent + "/review", kent + "/review/new", item, item + "/remove", kent + "/objectives/new", kent + "/check"} {
			if res := c.within(t).get(path); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != kent {
				t.Errorf("GET %s: status %d location %q, want a redirect to the return", path, res.StatusCode, res.Header.Get("Location"))
			}
		}
	})
	t.Run("submitting from a check page opened before the period closed leads back to the return", func(t *testing.T) {
		res := c.within(t).post(kent+"/submit", checked)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != kent {
			t.Fatalf("status %d location %q, want a redirect to the return", res.StatusCode, res.Header.Get("Location"))
		}
	})

	after := j.ret()
	if after.Status != domain.StatusDraft || after.Version != before.Version || after.ItemCount != 1 || after.ObjCount != 1 {
		t.Fatalf("the return changed: %+v, was %+v", after, before)
	}
	if got := j.items(); got[0].Title != "Missing children" || got[0].Version != 1 {
		t.Fatalf("the item changed: %+v", got[0])
	}
	if n := len(auditTrail(j.board, "")); n != events {
		t.Fatalf("audit events %d → %d: something was written", events, n)
	}

	// The return's page shows it read-only and says why.
	page := doc(t, c.get(kent))
	if page.Find(`[data-testid="task-list"]`).Length() != 0 {
		t.Fatal("a return in a closed period still shows the task list")
	}
	if note := textOf(page.Find(`[data-testid="closed-note"]`)); note != "The 2009/10 period is closed, so this return can no longer be changed." {
		t.Fatalf("closed note %q", note)
	}
	if got := texts(page.Find(`[data-testid="item"] h3`)); len(got) != 1 || got[0] != "1. Missing children" {
		t.Fatalf("read-only items %q", got)
	}
	if n := page.Find(`main a[href^="` + kent + `/review"], main a[href^="` + kent + `/objectives"], main form`).Length(); n != 0 {
		t.Fatalf("the closed return still has %d edit links or forms", n)
	}
}

func TestASentBackReturnShowsTheReasonOnceAndWaitsToBeResubmitted(t *testing.T) {
	t.Parallel()
	j := newJourney(t)
	j.addItem("Missing children", "12 children went missing")
	j.addObjective("Interview every returned child")
	c := j.as(domain.RoleLead)
	taskStatus := func(d *goquery.Document, task string) (text string, tag bool) {
		status := d.Find(`[data-testid="task-` + task + `"] [data-testid="task-status"]`)
		return textOf(status), status.Find("strong.govuk-tag").Length() == 1
	}
	if got, tag := taskStatus(doc(t, c.get(kent)), "check"); got != "Not yet started" || !tag {
		t.Fatalf("a draft's check and submit task is %q (tag %t), want a Not yet started tag", got, tag)
	}

	j.transition(j.users[domain.RoleLead], domain.ActionSubmit, "")
	ret := j.ret()
	if err := j.st.AddComment(j.ctx, domain.UserActor(j.users[domain.RoleChair]), ret.ID, "What does 'went missing' cover?"); err != nil {
		t.Fatal(err)
	}
	j.transition(j.users[domain.RoleManager], domain.ActionSendBack, "The first reason.")
	j.transition(j.users[domain.RoleLead], domain.ActionSubmit, "")
	j.transition(j.users[domain.RoleManager], domain.ActionSendBack, "The second reason.")

	page := doc(t, c.get(kent))
	if got := textOf(page.Find(`[data-testid="sent-back-comment"]`)); got != "The second reason." {
		t.Fatalf("the banner shows %q, want the latest reason", got)
	}
	comments := texts(page.Find(`[data-testid="review-panel"] [data-testid="comment"] .govuk-inset-text`))
	if want := []string{"What does 'went missing' cover?", "The first reason."}; !reflect.DeepEqual(comments, want) {
		t.Fatalf("the review panel shows the comments %q, want the older ones %q", comments, want)
	}
	manager := doc(t, j.as(domain.RoleManager).get(kent))
	if n := manager.Find(`[data-testid="review-panel"] [data-testid="comment"]`).Length(); n != 3 {
		t.Fatalf("the manager sees %d comments, want all 3", n)
	}

	for task, want := range map[string]string{"review": "In progress", "objectives": "In progress", "check": "Not yet resubmitted"} {
		if got, tag := taskStatus(page, task); got != want || !tag {
			t.Errorf("task %s is %q (tag %t), want a %q tag", task, got, tag, want)
		}
	}
}

func TestMovingAnEntryLeadsBackToItWithoutTheBannerTakingFocus(t *testing.T) {
	t.Parallel()
	j := newJourney(t)
	j.addItem("Training", "1,842 officers trained")
	item := j.addItem("Missing children", "12 children went missing")
	j.addObjective("Train every officer")
	objective := j.addObjective("Audit every referral")
	c := j.as(domain.RoleLead)
	for _, m := range []struct {
		name, path, list, id, card string
	}{
		{"a review item", fmt.Sprintf("%s/review/%d/move", kent, item), kent + "/review", fmt.Sprintf("item-%d", item), `[data-testid="review-item"]`},
		{"an objective", fmt.Sprintf("%s/objectives/%d/move", kent, objective), kent + "/objectives", fmt.Sprintf("objective-%d", objective), `[data-testid="objective"]`},
	} {
		t.Run(m.name, func(t *testing.T) {
			res := c.within(t).post(m.path, url.Values{"direction": {"up"}})
			if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != m.list+"#"+m.id {
				t.Fatalf("status %d location %q, want 303 to %s#%s", res.StatusCode, res.Header.Get("Location"), m.list, m.id)
			}
			d := doc(t, c.within(t).get(res.Header.Get("Location")))
			if id, _ := d.Find(m.card).First().Attr("id"); id != m.id {
				t.Errorf("the first card's id is %q, want the moved entry's %q", id, m.id)
			}
			banner := d.Find(`[data-testid="flash"]`)
			if v, _ := banner.Attr("data-disable-auto-focus"); banner.Length() != 1 || v != "true" {
				t.Errorf("the banner after a move takes focus (%d banners, data-disable-auto-focus=%q)", banner.Length(), v)
			}
		})
	}
	// Other changes' banners still take focus, so screen readers announce them.
	res := c.post(kent+"/review", url.Values{"title": {"Audits"}, "how_much": {"Six audits"}, "return_version": {strconv.Itoa(j.ret().Version)}})
	banner := doc(t, c.get(res.Header.Get("Location"))).Find(`[data-testid="flash"]`)
	if _, set := banner.Attr("data-disable-auto-focus"); banner.Length() != 1 || set {
		t.Errorf("the banner after adding an item does not take focus")
	}
}
