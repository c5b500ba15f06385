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
	"safeboard/templates"
)

// The board's review of returns and the report sections built from them.

const (
	periodPath   = "/periods/2009-10"
	overviewPath = periodPath + "/returns"
	reviewsPath  = periodPath + "/report/partner-reviews"
	objectsPath  = periodPath + "/report/objectives"
)

func returnURL(slug string) string { return overviewPath + "/" + slug }

// period is the test board's 2009/10 period.
func (b *board) period() *domain.Period {
	b.t.Helper()
	p, err := b.st.PeriodBySlug(context.Background(), "2009-10")
	if err != nil {
		b.t.Fatal(err)
	}
	return p
}

// addAgency adds an active agency and a lead for it.
func (b *board) addAgency(slug, name, group string, order int) (int64, *domain.User) {
	b.t.Helper()
	ctx := context.Background()
	id, err := b.st.CreateAgency(ctx, domain.CommandLine, store.AgencyFields{
		Name: name, Slug: slug, ShortName: name, Sector: "Health", GroupName: group, DisplayOrder: order, Active: true,
	})
	if err != nil {
		b.t.Fatal(err)
	}
	uid, err := b.st.CreateUser(ctx, domain.CommandLine, store.NewUser{
		Email: "lead@" + slug + ".example.org", Name: "Lead, " + name, Role: domain.RoleLead, AgencyID: &id, PasswordHash: testHash,
	})
	if err != nil {
		b.t.Fatal(err)
	}
	lead, err := b.st.UserByID(ctx, uid)
	if err != nil {
		b.t.Fatal(err)
	}
	return id, lead
}

// signIn returns a browser signed in as u.
func (b *board) signIn(u *domain.User) *client {
	b.t.Helper()
	c := b.client()
	if res := c.post("/login", url.Values{"email": {u.Email}, "password": {testPassword}}); res.StatusCode != http.StatusSeeOther {
		b.t.Fatalf("sign in as %s: status %d", u.Email, res.StatusCode)
	}
	return c
}

// returnOf reads an agency's 2009/10 return from the database.
func (b *board) returnOf(agencyID int64) *domain.Return {
	b.t.Helper()
	ret, err := b.st.ReturnFor(context.Background(), b.period().ID, agencyID)
	if err != nil {
		b.t.Fatal(err)
	}
	return ret
}

// fill gives an agency's return the review items titled, with every part
// written except the outcome of the second item, and one objective.
func (b *board) fill(agencyID int64, lead *domain.User, titles ...string) {
	b.t.Helper()
	ctx := context.Background()
	actor := domain.UserActor(lead)
	for i, title := range titles {
		f := domain.ReviewItem{Title: title, HowMuch: title + ": how much", HowWell: title + ": how well", BetterOff: title + ": better off"}
		if i == 1 {
			f.BetterOff = ""
		}
		if _, err := store.ReviewItemList.Add(ctx, b.st, actor, store.InReturn(b.period().ID, agencyID), f); err != nil {
			b.t.Fatal(err)
		}
	}
	if _, err := store.ObjectiveList.Add(ctx, b.st, actor, store.InReturn(b.period().ID, agencyID), domain.Objective{
		Intend: "Objective of " + titles[0], Quantity: "All staff", Quality: "NI59 greater than 74%", Outcomes: "Children seen sooner",
	}); err != nil {
		b.t.Fatal(err)
	}
}

// move applies one status action to a return through the store, as actor.
func (b *board) move(agencyID int64, actor *domain.User, action domain.ReturnAction) {
	b.t.Helper()
	ret := b.returnOf(agencyID)
	comment := ""
	if action == domain.ActionSendBack {
		comment = "Please add this year's figures."
	}
	if _, err := b.st.Transition(context.Background(), domain.UserActor(actor), ret.ID, ret.Version, action, comment); err != nil {
		b.t.Fatalf("%s: %v", action, err)
	}
}

// putInStatus brings an agency's return to status through the store: its
// lead fills it in and submits it, the manager sends it back or accepts it.
func (b *board) putInStatus(agencyID int64, lead *domain.User, status domain.ReturnStatus, titles ...string) {
	b.t.Helper()
	if status == domain.StatusNotStarted {
		return
	}
	if len(titles) == 0 {
		titles = []string{"Training", "Audits"}
	}
	b.fill(agencyID, lead, titles...)
	completeSections(b.t, b.st, lead, b.period().ID, agencyID)
	if status == domain.StatusDraft {
		return
	}
	b.move(agencyID, lead, domain.ActionSubmit)
	switch status {
	case domain.StatusReturned:
		b.move(agencyID, b.users[domain.RoleManager], domain.ActionSendBack)
	case domain.StatusAccepted:
		b.move(agencyID, b.users[domain.RoleManager], domain.ActionAccept)
	}
}

// formFields are the named fields of the form that posts to action on a page, as a browser would send them.
func formFields(d *goquery.Document, action string) url.Values {
	out := url.Values{}
	d.Find(`form[action="` + action + `"] input[name], form[action="` + action + `"] textarea[name]`).Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		if v, ok := s.Attr("value"); ok {
			out.Add(name, v)
		} else {
			out.Add(name, s.Text())
		}
	})
	return out
}

// TestEveryReviewActionFollowsTheStateMachineAndThePolicy posts each status
// action, as each role, to a return in each status, in an open period and in a
// closed one. The moves listed are allowed and change the status; everything
// else is refused with 403 or 404 (or the lead is sent back to the return) and
// changes nothing. Once the period has closed the manager may still accept and
// reopen, but nobody may submit or send back.
func TestEveryReviewActionFollowsTheStateMachineAndThePolicy(t *testing.T) {
	t.Parallel()
	for _, open := range []bool{true, false} {
		name := map[bool]string{true: "in an open period", false: "in a closed period"}[open]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			checkEveryReviewAction(t, open)
		})
	}
}

func checkEveryReviewAction(t *testing.T, periodOpen bool) {
	b := newBoard(t)
	const (
		lead      = "lead of the agency"
		otherLead = "lead of another agency"
	)
	type move struct {
		status domain.ReturnStatus
		action domain.ReturnAction
		role   string
	}
	allowed := map[move]domain.ReturnStatus{
		{domain.StatusSubmitted, domain.ActionAccept, string(domain.RoleManager)}: domain.StatusAccepted,
		{domain.StatusAccepted, domain.ActionReopen, string(domain.RoleManager)}:  domain.StatusSubmitted,
	}
	// The lead's submit pressed twice, after a colleague submitted, or after the
	// board accepted the return: the lead is sent back to the return, told why,
	// and nothing changes.
	backToReturn := map[move]string{
		{domain.StatusSubmitted, domain.ActionSubmit, lead}: "This return has already been submitted",
		{domain.StatusAccepted, domain.ActionSubmit, lead}:  "This return has already been accepted",
	}
	if periodOpen {
		allowed[move{domain.StatusDraft, domain.ActionSubmit, lead}] = domain.StatusSubmitted
		allowed[move{domain.StatusReturned, domain.ActionSubmit, lead}] = domain.StatusSubmitted
		allowed[move{domain.StatusSubmitted, domain.ActionSendBack, string(domain.RoleManager)}] = domain.StatusReturned
	} else {
		// The return page says the period has closed; there is no banner.
		backToReturn[move{domain.StatusDraft, domain.ActionSubmit, lead}] = ""
		backToReturn[move{domain.StatusReturned, domain.ActionSubmit, lead}] = ""
	}
	// Refused roles go first: at most one role may do each action, and doing it changes the return.
	roles := []string{string(domain.RoleChair), string(domain.RoleMember), otherLead, lead, string(domain.RoleManager)}
	actions := []domain.ReturnAction{domain.ActionSubmit, domain.ActionAccept, domain.ActionSendBack, domain.ActionReopen}
	paths := map[domain.ReturnAction]string{
		domain.ActionSubmit: "/submit", domain.ActionAccept: "/accept", domain.ActionSendBack: "/send-back", domain.ActionReopen: "/reopen",
	}

	clients := map[string]*client{}
	for _, role := range domain.Roles {
		clients[string(role)] = b.as(role) // the harness's lead is the other agency's lead here
	}
	clients[otherLead] = clients[string(domain.RoleLead)]

	// One agency per (status, action), so each move starts from a return in
	// that status, all made while the period is open.
	type target struct {
		move     move
		slug     string
		agencyID int64
		lead     *client
		form     url.Values
	}
	var targets []target
	for i, status := range domain.ReturnStatuses {
		for j, action := range actions {
			slug := "agency-" + strings.ReplaceAll(string(status)+"-"+string(action), "_", "-")
			agencyID, agencyLead := b.addAgency(slug, "Agency "+strconv.Itoa(i)+strconv.Itoa(j), "", 100+10*i+j)
			b.putInStatus(agencyID, agencyLead, status)
			tg := target{move: move{status: status, action: action}, slug: slug, agencyID: agencyID, lead: b.signIn(agencyLead)}
			tg.form = url.Values{"comment": {"Please add the figures for the year."}}
			if action == domain.ActionSubmit {
				// Send what the lead's check-your-answers form sends, if they have one.
				if res := tg.lead.get(returnURL(slug) + "/check"); res.StatusCode == http.StatusOK {
					tg.form = formFields(doc(t, res), returnURL(slug)+"/submit")
				}
			}
			targets = append(targets, tg)
		}
	}
	if !periodOpen {
		p := b.period()
		if err := b.st.UpdatePeriod(context.Background(), domain.CommandLine, p.ID, store.PeriodFields{
			Label: p.Label, StartsOn: p.StartsOn, EndsOn: p.EndsOn, Deadline: p.Deadline, IsOpen: false,
		}); err != nil {
			t.Fatal(err)
		}
	}

	checked := 0
	for _, tg := range targets {
		clients[lead] = tg.lead
		status, action, slug, agencyID := tg.move.status, tg.move.action, tg.slug, tg.agencyID
		for _, role := range roles {
			t.Run(fmt.Sprintf("%s/%s/%s", status, action, role), func(t *testing.T) {
				checked++
				before := b.returnOf(agencyID)
				fields := withValues(tg.form, map[string]string{"version": strconv.Itoa(before.Version)})
				res := clients[role].within(t).post(returnURL(slug)+paths[action], fields)
				after := b.returnOf(agencyID)
				if want, ok := allowed[move{status, action, role}]; ok {
					if res.StatusCode != http.StatusSeeOther || after.Status != want {
						t.Fatalf("status %d and the return is %s; want 303 and %s", res.StatusCode, after.Status, want)
					}
					return
				}
				if msg, ok := backToReturn[move{status, action, role}]; ok {
					if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != returnURL(slug) {
						t.Errorf("status %d to %q, want 303 back to the return", res.StatusCode, res.Header.Get("Location"))
					} else if flash := clients[role].within(t).followFlash(res); flash != msg {
						t.Errorf("the return page says %q, want %q", flash, msg)
					}
				} else if res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound {
					t.Errorf("status %d, want 403 or 404", res.StatusCode)
				}
				if after.Status != before.Status || after.Version != before.Version {
					t.Errorf("the return moved from %s v%d to %s v%d", before.Status, before.Version, after.Status, after.Version)
				}
			})
		}
	}
	if want := len(domain.ReturnStatuses) * len(actions) * len(roles); checked != want {
		t.Fatalf("checked %d moves, want %d", checked, want)
	}
}

// overviewRow is one agency's row of the returns overview as shown.
type overviewRow struct {
	status  string
	overdue bool
	link    bool
	counts  string // review items and objectives
}

func readOverview(t *testing.T, d *goquery.Document, slug string) overviewRow {
	t.Helper()
	row := d.Find(`[data-testid="return-` + slug + `"]`)
	if row.Length() != 1 {
		t.Fatalf("%d rows for %s", row.Length(), slug)
	}
	cells := row.Find("td")
	return overviewRow{
		status:  strings.TrimSpace(row.Find(".govuk-tag").First().Text()),
		overdue: row.Find(`[data-testid="overdue"]`).Length() == 1,
		link:    row.Find(`th a[href="`+returnURL(slug)+`"]`).Length() == 1,
		counts:  strings.TrimSpace(cells.Eq(2).Text()) + "/" + strings.TrimSpace(cells.Eq(3).Text()),
	}
}

// reviewBoard has one agency in each status, and a deadline that has passed.
func reviewBoard(t *testing.T) (*board, map[domain.ReturnStatus]string) {
	b := newBoard(t)
	p := b.period()
	deadline := time.Date(2010, time.April, 16, 0, 0, 0, 0, time.UTC)
	if err := b.st.UpdatePeriod(context.Background(), domain.CommandLine, p.ID, store.PeriodFields{
		Label: p.Label, StartsOn: p.StartsOn, EndsOn: p.EndsOn, Deadline: &deadline, IsOpen: true,
	}); err != nil {
		t.Fatal(err)
	}
	slugs := map[domain.ReturnStatus]string{domain.StatusNotStarted: "kent-police"}
	for i, status := range domain.ReturnStatuses[1:] {
		slug := "agency-" + string(status)
		id, lead := b.addAgency(slug, "Agency "+status.Title(), "", 20+i)
		b.putInStatus(id, lead, status, "Training", "Audits", "Supervision")
		slugs[status] = slug
	}
	return b, slugs
}

func TestTheOverviewShowsEveryReturnWithCountsAndOverdueTags(t *testing.T) {
	t.Parallel()
	b, slugs := reviewBoard(t)
	res := b.as(domain.RoleManager).get(overviewPath)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	d := doc(t, res)
	for _, status := range domain.ReturnStatuses {
		if got := strings.TrimSpace(d.Find(`[data-testid="count-` + string(status) + `"]`).Text()); got != "1" {
			t.Errorf("count of %s: %q, want 1", status, got)
		}
	}
	// Each count filters the overview to its returns.
	href, _ := d.Find(`[data-testid="filter-draft"]`).Attr("href")
	filtered := doc(t, b.as(domain.RoleManager).get(href))
	if n := filtered.Find(`[data-testid="returns"] tbody tr`).Length(); n != 1 || href != overviewPath+"?status=draft" {
		t.Errorf("the draft count leads to %q, showing %d rows, want 1", href, n)
	}
	if got := d.Find(`[data-testid="deadline"]`).Text(); !strings.Contains(got, "16 April 2010") || !strings.Contains(got, "3 returns are overdue") {
		t.Errorf("deadline: %q", got)
	}
	want := map[domain.ReturnStatus]overviewRow{
		domain.StatusNotStarted: {"Not started", true, true, "0/0"},
		domain.StatusDraft:      {"Draft", true, true, "3/1"},
		domain.StatusSubmitted:  {"Submitted", false, true, "3/1"},
		domain.StatusReturned:   {"Sent back", true, true, "3/1"},
		domain.StatusAccepted:   {"Accepted", false, true, "3/1"},
	}
	for status, w := range want {
		if got := readOverview(t, d, slugs[status]); got != w {
			t.Errorf("%s row: %+v, want %+v", status, got, w)
		}
	}
	if got := d.Find(`[data-testid="return-kent-police"] td`).Eq(1).Text(); strings.TrimSpace(got) != "–" {
		t.Errorf("a return not started shows its last change as %q", got)
	}
	// The chair sees every row, but may only open submitted and accepted returns.
	d = doc(t, b.as(domain.RoleChair).get(overviewPath))
	for status, slug := range slugs {
		wantLink := status == domain.StatusSubmitted || status == domain.StatusAccepted
		if got := readOverview(t, d, slug).link; got != wantLink {
			t.Errorf("the chair's %s row links to the return: %t, want %t", status, got, wantLink)
		}
	}
	for _, role := range []domain.Role{domain.RoleLead, domain.RoleMember} {
		if res := b.as(role).get(overviewPath); res.StatusCode != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", role, res.StatusCode)
		}
	}
	// A closed period's returns are final: none is overdue or chased.
	if err := b.st.SetPeriodOpen(context.Background(), domain.CommandLine, b.period().ID, false); err != nil {
		t.Fatal(err)
	}
	d = doc(t, b.as(domain.RoleManager).get(overviewPath))
	for status, slug := range slugs {
		if readOverview(t, d, slug).overdue {
			t.Errorf("the closed period's %s return is tagged overdue", status)
		}
	}
	if got := textOf(d.Find(`[data-testid="deadline"]`)); got != "Returns were due by 16 April 2010. The period is closed: its returns are final." {
		t.Errorf("the closed period's deadline line: %q", got)
	}
	if d.Find(`[data-testid="chase"]`).Length() != 0 {
		t.Error("the closed period offers to chase overdue agencies")
	}
}

func TestTheManagerSendsAReturnBackWithACommentThenAcceptsAndReopensIt(t *testing.T) {
	t.Parallel()
	b, slugs := reviewBoard(t)
	slug := slugs[domain.StatusSubmitted]
	agency, err := b.st.AgencyBySlug(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	m := b.as(domain.RoleManager)

	page := doc(t, m.get(returnURL(slug)))
	panel := page.Find(`[data-testid="review-panel"]`)
	if panel.Find(`[data-testid="accept"]`).Length() != 1 || panel.Find(`a[data-testid="send-back"]`).AttrOr("href", "") != returnURL(slug)+"/send-back" {
		t.Fatalf("the manager's panel on a submitted return: %q", panel.Text())
	}
	if !strings.Contains(panel.Find(`[data-testid="history"]`).Text(), "Submitted by Lead, Agency Submitted (Agency lead)") {
		t.Errorf("history: %q", panel.Find(`[data-testid="history"]`).Text())
	}

	// Without a comment the form comes back with the message, and nothing changes.
	form := formFields(doc(t, m.get(returnURL(slug)+"/send-back")), returnURL(slug)+"/send-back")
	before := b.returnOf(agency.ID)
	if form.Get("version") != strconv.Itoa(before.Version) {
		t.Fatalf("send-back form fields: %v", form)
	}
	wantFormError(t, m.post(returnURL(slug)+"/send-back", withValues(form, map[string]string{"comment": "  "})),
		"comment", "Enter a comment saying what the agency needs to change")
	if after := b.returnOf(agency.ID); after.Status != domain.StatusSubmitted || after.Version != before.Version {
		t.Fatalf("a send-back without a comment changed the return: %+v", after)
	}
	tooLong := strings.Repeat("x", 10001)
	d := wantFormError(t, m.post(returnURL(slug)+"/send-back", withValues(form, map[string]string{"comment": tooLong})),
		"comment", "The comment must be 10,000 characters or fewer")
	if d.Find("textarea#comment").Text() != tooLong {
		t.Error("the comment typed is not shown again")
	}

	comment := "Item 2 needs this year's figures.\n\n- how many staff were trained\n- how many audits"
	flash := m.followFlash(m.post(returnURL(slug)+"/send-back", withValues(form, map[string]string{"comment": comment})))
	if flash != "The return has been sent back to Agency Submitted" {
		t.Errorf("flash %q", flash)
	}
	if got := b.returnOf(agency.ID); got.Status != domain.StatusReturned {
		t.Fatalf("after sending back the return is %s", got.Status)
	}
	comments, err := b.st.Comments(context.Background(), b.returnOf(agency.ID).ID)
	if err != nil || len(comments) != 1 || !comments[0].SendBack || comments[0].Body != comment || comments[0].AuthorID != b.users[domain.RoleManager].ID {
		t.Fatalf("comments %+v, %v", comments, err)
	}
	wantAudit(t, b, "return", "return.send_back", b.returnOf(agency.ID).ID, b.users[domain.RoleManager])
	page = doc(t, m.get(returnURL(slug)))
	shown := page.Find(`[data-testid="review-panel"] [data-testid="comment"]`)
	if shown.Length() != 1 || shown.Find(`[data-testid="send-back-comment"]`).Length() != 1 || shown.Find("li").Length() != 2 {
		t.Errorf("the send-back comment as shown: %q", shown.Text())
	}

	// The lead resubmits; the manager accepts, lands on the overview, then reopens it.
	b.move(agency.ID, leadOf(t, b, agency.ID), domain.ActionSubmit)
	page = doc(t, m.get(returnURL(slug)))
	res := m.post(returnURL(slug)+"/accept", formFields(page, returnURL(slug)+"/accept"))
	if res.Header.Get("Location") != overviewPath {
		t.Errorf("accept leads to %q, want the overview", res.Header.Get("Location"))
	}
	if flash := m.followFlash(res); flash != "Agency Submitted’s return has been accepted" {
		t.Errorf("flash %q", flash)
	}
	if got := b.returnOf(agency.ID).Status; got != domain.StatusAccepted {
		t.Fatalf("after accepting the return is %s", got)
	}
	wantAudit(t, b, "return", "return.accept", b.returnOf(agency.ID).ID, b.users[domain.RoleManager])
	page = doc(t, m.get(returnURL(slug)))
	if page.Find(`[data-testid="accept"]`).Length() != 0 || page.Find(`[data-testid="reopen"]`).Length() != 1 {
		t.Fatalf("an accepted return offers accept %d times and reopen %d times",
			page.Find(`[data-testid="accept"]`).Length(), page.Find(`[data-testid="reopen"]`).Length())
	}
	if flash := m.followFlash(m.post(returnURL(slug)+"/reopen", formFields(page, returnURL(slug)+"/reopen"))); flash != "The return has been reopened for review" {
		t.Errorf("flash %q", flash)
	}
	if got := b.returnOf(agency.ID).Status; got != domain.StatusSubmitted {
		t.Fatalf("after reopening the return is %s", got)
	}
	history := doc(t, m.get(returnURL(slug))).Find(`[data-testid="history"] li`)
	if got := history.Last().Text(); !strings.HasPrefix(got, "Reopened for review by Test Board manager (Board manager), ") || history.Length() != 6 {
		t.Errorf("%d changes in the history, the last %q", history.Length(), got)
	}
}

// leadOf finds the lead addAgency made for an agency.
func leadOf(t *testing.T, b *board, agencyID int64) *domain.User {
	t.Helper()
	a, err := b.st.AgencyByID(context.Background(), agencyID)
	if err != nil {
		t.Fatal(err)
	}
	u, err := b.st.UserByEmail(context.Background(), "lead@"+a.Slug+".example.org")
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestAReviewActionOnAReturnThatChangedMeanwhileIsRefused(t *testing.T) {
	t.Parallel()
	b, slugs := reviewBoard(t)
	slug := slugs[domain.StatusSubmitted]
	agency, _ := b.st.AgencyBySlug(context.Background(), slug)
	m := b.as(domain.RoleManager)
	// The version the manager's page was opened with.
	accept := url.Values{"version": {strconv.Itoa(b.returnOf(agency.ID).Version)}}
	sendBack := formFields(doc(t, m.get(returnURL(slug)+"/send-back")), returnURL(slug)+"/send-back")

	// Meanwhile another manager sends it back and the lead submits it again.
	b.move(agency.ID, b.users[domain.RoleManager], domain.ActionSendBack)
	b.move(agency.ID, leadOf(t, b, agency.ID), domain.ActionSubmit)
	before := b.returnOf(agency.ID)

	res := m.post(returnURL(slug)+"/accept", accept)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("a stale accept: status %d, want 409", res.StatusCode)
	}
	d := doc(t, res)
	if msg := d.Find(`[data-testid="conflict"]`).Text(); !strings.Contains(msg, "changed after you opened the page") || !strings.Contains(msg, "it was not possible to accept it") {
		t.Errorf("conflict message %q", msg)
	}
	if after := b.returnOf(agency.ID); after.Status != before.Status || after.Version != before.Version {
		t.Fatalf("a stale accept changed the return: %+v", after)
	}
	// The page offers to accept the return as it is now.
	if fresh := formFields(d, returnURL(slug)+"/accept"); fresh.Get("version") != strconv.Itoa(before.Version) {
		t.Errorf("the conflict page's accept form: %v", fresh)
	}

	typed := "Please say how many staff were trained."
	res = m.post(returnURL(slug)+"/send-back", withValues(sendBack, map[string]string{"comment": typed}))
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("a stale send-back: status %d, want 409", res.StatusCode)
	}
	d = doc(t, res)
	if got := d.Find("textarea#comment").Text(); got != typed {
		t.Errorf("the comment typed is shown as %q", got)
	}
	if !strings.HasPrefix(d.Find("title").Text(), "Error:") || d.Find(`[data-testid="conflict"]`).Length() != 1 {
		t.Error("the stale send-back page does not say what went wrong")
	}
	if fresh := formFields(d, returnURL(slug)+"/send-back"); fresh.Get("version") != strconv.Itoa(before.Version) {
		t.Errorf("the return is still waiting for review, so the form can be sent again: %v", fresh)
	}
	if after := b.returnOf(agency.ID); after.Status != before.Status || after.Version != before.Version {
		t.Fatalf("a stale send-back changed the return: %+v", after)
	}
	if comments, _ := b.st.Comments(context.Background(), before.ID); len(comments) != 1 {
		t.Fatalf("%d comments: the stale send-back stored one", len(comments))
	}

	// Two managers accept at once: the second is told, not refused as if they had no right to.
	accept = url.Values{"version": {strconv.Itoa(before.Version)}}
	b.move(agency.ID, b.users[domain.RoleManager], domain.ActionAccept)
	res = m.post(returnURL(slug)+"/accept", accept)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("accepting an accepted return from an old page: status %d, want 409", res.StatusCode)
	}
	if msg := doc(t, res).Find(`[data-testid="conflict"]`).Text(); !strings.Contains(msg, "is now accepted") {
		t.Errorf("conflict message %q", msg)
	}
	// And an old page's send-back keeps the comment, offering to add it as a comment instead.
	res = m.post(returnURL(slug)+"/send-back", withValues(sendBack, map[string]string{"comment": typed}))
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("sending back an accepted return from an old page: status %d, want 409", res.StatusCode)
	}
	d = doc(t, res)
	if kept := formFields(d, returnURL(slug)+"/comments"); kept.Get("comment") != typed || d.Find(`form[action$="/send-back"]`).Length() != 0 {
		t.Errorf("the old send-back page offers %v", kept)
	}
	if after := b.returnOf(agency.ID); after.Status != domain.StatusAccepted {
		t.Fatalf("the return is %s", after.Status)
	}
}

func TestTheChairReadsSubmittedReturnsAndComments(t *testing.T) {
	t.Parallel()
	b, slugs := reviewBoard(t)
	chair := b.as(domain.RoleChair)
	for status, slug := range slugs {
		res := chair.get(returnURL(slug))
		visible := status == domain.StatusSubmitted || status == domain.StatusAccepted
		if visible != (res.StatusCode == http.StatusOK) || !visible && res.StatusCode != http.StatusForbidden {
			t.Errorf("the chair reading a %s return: status %d", status, res.StatusCode)
		}
	}
	slug := slugs[domain.StatusSubmitted]
	agency, _ := b.st.AgencyBySlug(context.Background(), slug)
	page := doc(t, chair.get(returnURL(slug)))
	for _, control := range []string{"accept", "send-back", "reopen"} {
		if page.Find(`[data-testid="`+control+`"]`).Length() != 0 {
			t.Errorf("the chair is offered %s", control)
		}
	}
	if page.Find(`[data-testid="history"]`).Length() != 1 {
		t.Error("the chair does not see the return's history")
	}
	version := strconv.Itoa(b.returnOf(agency.ID).Version)
	if res := chair.post(returnURL(slug)+"/accept", url.Values{"version": {version}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("the chair accepting: status %d", res.StatusCode)
	}
	if res := chair.get(returnURL(slug) + "/send-back"); res.StatusCode != http.StatusForbidden {
		t.Errorf("the chair's send-back form: status %d", res.StatusCode)
	}

	fields := formFields(page, returnURL(slug)+"/comments")
	if _, ok := fields["comment"]; !ok {
		t.Fatalf("no comment form for the chair: %v", fields)
	}
	wantFormError(t, chair.post(returnURL(slug)+"/comments", url.Values{"comment": {""}}), "comment", "Enter a comment")
	if flash := chair.followFlash(chair.post(returnURL(slug)+"/comments", url.Values{"comment": {"What does 'trained' cover?"}})); flash != "Your comment has been added" {
		t.Errorf("flash %q", flash)
	}
	ret := b.returnOf(agency.ID)
	comments, err := b.st.Comments(context.Background(), ret.ID)
	if err != nil || len(comments) != 1 || comments[0].SendBack || comments[0].AuthorRole != domain.RoleChair {
		t.Fatalf("comments %+v, %v", comments, err)
	}
	if ret.Status != domain.StatusSubmitted {
		t.Errorf("commenting moved the return to %s", ret.Status)
	}
	// The lead of the agency sees the comment, without the board's controls.
	lead := doc(t, b.signIn(leadOf(t, b, agency.ID)).get(returnURL(slug)))
	if got := lead.Find(`[data-testid="comment"]`).Text(); !strings.Contains(got, "What does 'trained' cover?") {
		t.Errorf("the lead sees comments %q", got)
	}
	if lead.Find(`form[action$="/comments"]`).Length() != 0 || lead.Find(`[data-testid="history"]`).Length() != 0 {
		t.Error("the lead is offered the board's comment form or history")
	}
}

func TestAChairsCommentOnAReturnSentBackMeanwhileIsShownBackToThem(t *testing.T) {
	t.Parallel()
	b, slugs := reviewBoard(t)
	slug := slugs[domain.StatusSubmitted]
	agency, _ := b.st.AgencyBySlug(context.Background(), slug)
	chair := b.as(domain.RoleChair)
	fields := formFields(doc(t, chair.get(returnURL(slug))), returnURL(slug)+"/comments")
	typed := "Line one of a long remark\nLine two, & <more>"
	fields.Set("comment", typed)
	// While the chair writes, the manager sends the return back: the chair may no longer see it.
	b.move(agency.ID, b.users[domain.RoleManager], domain.ActionSendBack)

	res := chair.post(returnURL(slug)+"/comments", fields)
	wantStatus(t, res, http.StatusConflict)
	d := doc(t, res)
	if msg := textOf(d.Find(`[data-testid="conflict"] .govuk-notification-banner__content`)); msg != "This return was sent back to the agency while you were writing, so you can no longer comment on it. Your comment is below so you can keep a copy." {
		t.Errorf("message %q", msg)
	}
	if got := d.Find("textarea#comment").Text(); got != typed {
		t.Errorf("the comment shown back is %q, want %q", got, typed)
	}
	if d.Find(`form[action$="/comments"]`).Length() != 0 {
		t.Error("the page offers to add the comment to a return the chair may not see")
	}
	if href, _ := d.Find(`[data-testid="overview-link"]`).Attr("href"); href != overviewPath {
		t.Errorf("the way on leads to %q, want the overview", href)
	}
	if !strings.HasPrefix(d.Find("title").Text(), "Error:") {
		t.Errorf("title %q lacks the Error: prefix", d.Find("title").Text())
	}
	comments, err := b.st.Comments(context.Background(), b.returnOf(agency.ID).ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range comments {
		if !c.SendBack {
			t.Errorf("the chair's comment was added: %+v", c)
		}
	}

	// Those who never comment on returns still get a plain 403.
	for _, c := range []*client{b.as(domain.RoleMember), b.as(domain.RoleLead)} {
		if res := c.post(returnURL(slug)+"/comments", url.Values{"comment": {"Hello"}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("commenting on a return one may not see: status %d, want 403", res.StatusCode)
		}
	}
}

func TestMembersReadOnlyAcceptedReturns(t *testing.T) {
	t.Parallel()
	b, slugs := reviewBoard(t)
	member := b.as(domain.RoleMember)
	for status, slug := range slugs {
		res := member.get(returnURL(slug))
		if want := map[bool]int{true: http.StatusOK, false: http.StatusForbidden}[status == domain.StatusAccepted]; res.StatusCode != want {
			t.Errorf("the member reading a %s return: status %d, want %d", status, res.StatusCode, want)
		}
	}
	slug := slugs[domain.StatusAccepted]
	page := doc(t, member.get(returnURL(slug)))
	if page.Find(`form[action$="/comments"]`).Length() != 0 || page.Find(`[data-testid="reopen"]`).Length() != 0 {
		t.Error("the member is offered a comment form or reopen")
	}
	if res := member.post(returnURL(slug)+"/comments", url.Values{"comment": {"Hello"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("the member commenting: status %d", res.StatusCode)
	}
}

// reportBoard has a group of three health agencies, two accepted and one
// submitted, then an accepted agency of its own, a draft and Kent Police not started.
func reportBoard(t *testing.T) *board {
	b := newBoard(t)
	// Made first so its id is the lowest, though it comes after the group in the report.
	cookham, cookhamLead := b.addAgency("cookham-wood", "HMYOI Cookham Wood", "", 50)
	b.putInStatus(cookham, cookhamLead, domain.StatusDraft, "Cookham two", "Cookham three")
	one, err := store.ReviewItemList.Add(context.Background(), b.st, domain.UserActor(cookhamLead), store.InReturn(b.period().ID, cookham), domain.ReviewItem{Title: "Cookham one", HowWell: "Well"})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // from third to first
		if err := store.ReviewItemList.Move(context.Background(), b.st, domain.UserActor(cookhamLead), store.InReturn(b.period().ID, cookham), one, -1); err != nil {
			t.Fatal(err)
		}
	}
	b.move(cookham, cookhamLead, domain.ActionSubmit)
	b.move(cookham, b.users[domain.RoleManager], domain.ActionAccept)

	for _, a := range []struct {
		slug, name string
		order      int
		status     domain.ReturnStatus
		titles     []string
	}{
		{"nhs-a", "NHS A", 20, domain.StatusAccepted, []string{"A one", "A two"}},
		{"nhs-b", "NHS B", 30, domain.StatusAccepted, []string{"B one"}},
		{"nhs-c", "NHS C", 40, domain.StatusSubmitted, []string{"C one"}},
	} {
		id, lead := b.addAgency(a.slug, a.name, "The health economy", a.order)
		b.putInStatus(id, lead, a.status, a.titles...)
	}
	cvs, cvsLead := b.addAgency("cvs-medway", "CVS Medway", "", 60)
	b.putInStatus(cvs, cvsLead, domain.StatusDraft, "CVS one")
	return b
}

// sectionShown is a report section page reduced to its headings and item titles in order.
func sectionShown(d *goquery.Document) []string {
	var out []string
	d.Find(`[data-testid="section-heading"], [data-testid="agency-heading"], [data-testid="item-title"], [data-testid="objective"] td:first-child`).Each(func(_ int, s *goquery.Selection) {
		out = append(out, strings.Join(strings.Fields(s.Text()), " "))
	})
	return out
}

func TestPartnerReviewsHoldExactlyTheAcceptedItemsNumberedLikeTheSeed(t *testing.T) {
	t.Parallel()
	b := reportBoard(t)
	accepted := []string{
		"3.1 The health economy",
		"3.1.1 NHS A", "1. A one", "2. A two",
		"3.1.2 NHS B", "1. B one",
		"3.2 HMYOI Cookham Wood", "1. Cookham one", "2. Cookham two", "3. Cookham three",
	}
	for _, role := range []domain.Role{domain.RoleMember, domain.RoleChair, domain.RoleManager} {
		c := b.as(role)
		for _, path := range []string{reviewsPath, reviewsPath + "?preview=submitted"} {
			if role == domain.RoleManager && strings.Contains(path, "preview") {
				continue
			}
			res := c.get(path)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%s %s: status %d", role, path, res.StatusCode)
			}
			d := doc(t, res)
			if got := sectionShown(d); !reflect.DeepEqual(got, accepted) {
				t.Errorf("%s %s shows\n%q\nwant\n%q", role, path, got, accepted)
			}
			if d.Find(`[data-testid="preview"]`).Length() != 0 {
				t.Errorf("%s %s is marked as a preview", role, path)
			}
			// Where each return stands is the overview's information: the manager's and the chair's.
			want := "Not yet included: Kent Police (not started), NHS C (submitted), CVS Medway (draft)."
			if role == domain.RoleMember {
				want = "Not yet included: Kent Police, NHS C, CVS Medway."
			}
			if got := strings.TrimSpace(d.Find(`[data-testid="missing"]`).Text()); got != want {
				t.Errorf("%s: missing note %q, want %q", role, got, want)
			}
		}
	}

	d := doc(t, b.as(domain.RoleManager).get(reviewsPath+"?preview=submitted"))
	preview := append(append([]string{}, accepted[:6]...), "3.1.3 NHS C", "1. C one")
	preview = append(preview, accepted[6:]...)
	if got := sectionShown(d); !reflect.DeepEqual(got, preview) {
		t.Errorf("the manager's preview shows\n%q\nwant\n%q", got, preview)
	}
	if got := d.Find(`[data-testid="preview"]`).Text(); !strings.Contains(got, "Preview: includes submitted returns not yet accepted") {
		t.Errorf("preview warning %q", got)
	}
	if got := strings.TrimSpace(d.Find(`[data-testid="missing"]`).Text()); got != "Not yet included: Kent Police (not started), CVS Medway (draft)." {
		t.Errorf("the preview's missing note %q", got)
	}

	// Each item has the three questions, with its text or a note that nothing was recorded.
	item := d.Find(`[data-testid="report-agency-nhs-a"] [data-testid="review-item"]`).Eq(1)
	var questions []string
	item.Find("h5").Each(func(_ int, s *goquery.Selection) { questions = append(questions, strings.TrimSpace(s.Text())) })
	if !reflect.DeepEqual(questions, []string{"How much did we do?", "How well did we do it?", "Is anyone better off?"}) {
		t.Errorf("questions of a grouped agency's item: %q", questions)
	}
	if !strings.Contains(item.Text(), "A two: how well") || item.Find(`[data-testid="nothing-recorded"]`).Length() != 1 {
		t.Errorf("the second item, whose outcome is empty: %q", item.Text())
	}
	if d.Find(`[data-testid="report-agency-cookham-wood"] h4`).Length() != 9 {
		t.Errorf("an agency of its own has %d question headings at level 4, want 9", d.Find(`[data-testid="report-agency-cookham-wood"] h4`).Length())
	}
}

func TestALeadMayNotReadTheReportSectionsBuiltFromOtherAgenciesReturns(t *testing.T) {
	t.Parallel()
	b := reportBoard(t)
	for _, lead := range []*client{b.as(domain.RoleLead), b.signIn(leadOf(t, b, agencyIDOf(t, b, "nhs-a")))} {
		for _, path := range []string{reviewsPath, reviewsPath + "?preview=submitted", objectsPath} {
			if res := lead.get(path); res.StatusCode != http.StatusForbidden {
				t.Errorf("a lead reading %s: status %d, want 403", path, res.StatusCode)
			}
		}
	}
}

func agencyIDOf(t *testing.T, b *board, slug string) int64 {
	t.Helper()
	a, err := b.st.AgencyBySlug(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	return a.ID
}

func TestTheObjectivesSectionHasAFourColumnTablePerAgency(t *testing.T) {
	t.Parallel()
	b := reportBoard(t)
	d := doc(t, b.as(domain.RoleMember).get(objectsPath))
	got := sectionShown(d)
	want := []string{
		"6.1 The health economy",
		"6.1.1 NHS A", "Objective of A one",
		"6.1.2 NHS B", "Objective of B one",
		"6.2 HMYOI Cookham Wood", "Objective of Cookham two",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("objectives section shows\n%q\nwant\n%q", got, want)
	}
	table := d.Find(`[data-testid="objectives-nhs-a"]`)
	if caption := table.Find("caption").Text(); !strings.Contains(caption, "NHS A") || !strings.Contains(caption, "2010/11") {
		t.Errorf("caption %q", caption)
	}
	var headers []string
	table.Find(`thead th[scope="col"]`).Each(func(_ int, s *goquery.Selection) { headers = append(headers, s.Text()) })
	if !reflect.DeepEqual(headers, []string{"What you intend to do", "The quantity you intend to achieve", "The quality you intend to achieve", "The outcomes you intend to achieve"}) {
		t.Errorf("column headers with scope=col: %q", headers)
	}
	if row := table.Find("tbody tr td"); row.Length() != 4 || !strings.Contains(row.Eq(2).Text(), "NI59 greater than 74%") {
		t.Errorf("objective row: %q", row.Text())
	}
	if h1 := d.Find("h1").Text(); !strings.Contains(h1, "2010/11") {
		t.Errorf("heading %q does not name the year the objectives are for", h1)
	}
}

func TestSectionsAreNumberedLikeTheSeed(t *testing.T) {
	t.Parallel()
	agency := func(name, group string) templates.ReportAgency {
		return templates.ReportAgency{Agency: domain.Agency{Name: name, GroupName: group}}
	}
	for _, tc := range []struct {
		name     string
		section  int
		agencies []templates.ReportAgency
		want     []string // "section title: agency numbers"
	}{
		{"nothing", 3, nil, nil},
		{"every agency on its own", 3,
			[]templates.ReportAgency{agency("Police", ""), agency("CAFCASS", "")},
			[]string{"3.1 Police: 3.1", "3.2 CAFCASS: 3.2"}},
		{"a group first, as in the seed", 3,
			[]templates.ReportAgency{agency("NHS Medway", "Health"), agency("MCH", "Health"), agency("KMPT", "Health"), agency("Cookham Wood", ""), agency("STC", "")},
			[]string{"3.1 Health: 3.1.1 3.1.2 3.1.3", "3.2 Cookham Wood: 3.2", "3.3 STC: 3.3"}},
		{"a group after single agencies, in section 6", 6,
			[]templates.ReportAgency{agency("Police", ""), agency("NHS Medway", "Health"), agency("MCH", "Health")},
			[]string{"6.1 Police: 6.1", "6.2 Health: 6.2.1 6.2.2"}},
		{"a group of one is still a group", 3,
			[]templates.ReportAgency{agency("NHS Medway", "Health"), agency("Police", "")},
			[]string{"3.1 Health: 3.1.1", "3.2 Police: 3.2"}},
		{"a group split by another agency makes two sections", 3,
			[]templates.ReportAgency{agency("NHS Medway", "Health"), agency("Police", ""), agency("MCH", "Health")},
			[]string{"3.1 Health: 3.1.1", "3.2 Police: 3.2", "3.3 Health: 3.3.1"}},
		{"two groups next to each other", 3,
			[]templates.ReportAgency{agency("NHS Medway", "Health"), agency("YOT", "Justice"), agency("Probation", "Justice")},
			[]string{"3.1 Health: 3.1.1", "3.2 Justice: 3.2.1 3.2.2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range templates.Outline(tc.section, tc.agencies) {
				var numbers []string
				for _, a := range s.Agencies {
					numbers = append(numbers, a.Number)
				}
				got = append(got, s.Number+" "+s.Title+": "+strings.Join(numbers, " "))
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestTheManagerMayStillAcceptAndReopenOnceThePeriodHasClosedButNotSendBack(t *testing.T) {
	t.Parallel()
	b, slugs := reviewBoard(t)
	p := b.period()
	if err := b.st.UpdatePeriod(context.Background(), domain.CommandLine, p.ID, store.PeriodFields{
		Label: p.Label, StartsOn: p.StartsOn, EndsOn: p.EndsOn, Deadline: p.Deadline, IsOpen: false,
	}); err != nil {
		t.Fatal(err)
	}
	m := b.as(domain.RoleManager)
	slug := slugs[domain.StatusSubmitted]
	page := doc(t, m.get(returnURL(slug)))
	panel := page.Find(`[data-testid="review-panel"]`)
	if panel.Find(`[data-testid="accept"]`).Length() != 1 || panel.Find(`[data-testid="send-back"]`).Length() != 0 {
		t.Fatalf("the panel offers accept %d times and send back %d times, want 1 and 0",
			panel.Find(`[data-testid="accept"]`).Length(), panel.Find(`[data-testid="send-back"]`).Length())
	}
	if !strings.Contains(textOf(panel), "The period is closed, so the return can no longer be sent back to the agency.") {
		t.Errorf("the panel does not say why the return cannot be sent back: %q", textOf(panel))
	}
	if res := m.get(returnURL(slug) + "/send-back"); res.StatusCode != http.StatusForbidden {
		t.Errorf("the send-back form: status %d, want 403", res.StatusCode)
	}
	if flash := m.followFlash(m.post(returnURL(slug)+"/accept", formFields(page, returnURL(slug)+"/accept"))); flash != "Agency Submitted’s return has been accepted" {
		t.Errorf("accept flash %q", flash)
	}
	page = doc(t, m.get(returnURL(slug)))
	if flash := m.followFlash(m.post(returnURL(slug)+"/reopen", formFields(page, returnURL(slug)+"/reopen"))); flash != "The return has been reopened for review" {
		t.Errorf("reopen flash %q", flash)
	}

	// The lead of the return sent back before the period closed reads the
	// manager's comment in the board's review: no banner asks for changes they cannot make.
	returned, _ := b.st.AgencyBySlug(context.Background(), slugs[domain.StatusReturned])
	lead := doc(t, b.signIn(leadOf(t, b, returned.ID)).get(returnURL(returned.Slug)))
	if lead.Find(`[data-testid="sent-back"]`).Length() != 0 || lead.Find(`[data-testid="task-list"]`).Length() != 0 {
		t.Error("a return sent back in a closed period asks its lead for changes")
	}
	if note := textOf(lead.Find(`[data-testid="closed-note"]`)); note != "The 2009/10 period is closed, so this return can no longer be changed." {
		t.Errorf("closed note %q", note)
	}
	if got := lead.Find(`[data-testid="review-panel"] [data-testid="send-back-comment"]`).Length(); got != 1 {
		t.Errorf("the review shows %d send-back comments, want 1", got)
	}
}
