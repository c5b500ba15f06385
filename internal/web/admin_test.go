package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// within is the same browser reporting to a subtest's t.
func (c *client) within(t *testing.T) *client {
	b := *c.b
	b.t = t
	return &client{b: &b, http: c.http}
}

// withValues copies a form and sets the given name, value pairs.
func withValues(form url.Values, pairs map[string]string) url.Values {
	out := url.Values{}
	for k, v := range form {
		out[k] = append([]string(nil), v...)
	}
	for k, v := range pairs {
		out.Set(k, v)
	}
	return out
}

// wantFormError checks a refused form: 422, an "Error:" title, a summary link to
// the field and the message beside it. It returns the page for further checks.
func wantFormError(t *testing.T, res *http.Response, field, message string) *goquery.Document {
	t.Helper()
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", res.StatusCode)
	}
	d := doc(t, res)
	if title := d.Find("title").Text(); !strings.HasPrefix(title, "Error:") {
		t.Errorf("title %q does not start with Error:", title)
	}
	link := d.Find(`[data-testid="error-summary"] a[href="#` + field + `"]`)
	if !strings.Contains(link.Text(), message) {
		t.Errorf("error summary link to #%s says %q, want %q", field, link.Text(), message)
	}
	if inline := d.Find("#" + field + "-error").Text(); !strings.Contains(inline, message) {
		t.Errorf("message beside %s is %q, want %q", field, inline, message)
	}
	return d
}

// wantValues checks that each selector finds one element with that value attribute.
func wantValues(t *testing.T, d *goquery.Document, want map[string]string) {
	t.Helper()
	for sel, v := range want {
		s := d.Find(sel)
		if s.Length() != 1 {
			t.Errorf("%s: found %d elements, want 1", sel, s.Length())
			continue
		}
		if got, _ := s.Attr("value"); got != v {
			t.Errorf("%s shows %q, want %q", sel, got, v)
		}
	}
}

// auditTrail is the newest audit events for one entity type, newest first.
func auditTrail(b *board, entity string) []domain.AuditEvent {
	b.t.Helper()
	events, err := b.st.AuditEvents(context.Background(), entity, 100)
	if err != nil {
		b.t.Fatal(err)
	}
	return events
}

// wantAudit checks the newest event for entity: its action, entity and actor.
func wantAudit(t *testing.T, b *board, entity, action string, entityID int64, actor *domain.User) domain.AuditEvent {
	t.Helper()
	events := auditTrail(b, entity)
	if len(events) == 0 {
		t.Fatalf("no %s audit events", entity)
	}
	e := events[0]
	if e.Action != action || e.EntityID == nil || *e.EntityID != entityID || e.ActorID == nil || *e.ActorID != actor.ID {
		t.Fatalf("newest %s audit event: %+v, want %s of %d by user %d", entity, e, action, entityID, actor.ID)
	}
	return e
}

// signInStatus is the status of a fresh browser's sign-in.
func signInStatus(b *board, email, password string) int {
	b.t.Helper()
	return b.client().post("/login", url.Values{"email": {email}, "password": {password}}).StatusCode
}

var newAgency = url.Values{
	"name": {"Medway Youth Offending Team"}, "short_name": {"YOT"}, "slug": {"medway-yot"}, "sector": {"Youth justice"},
	"group_name": {"Community justice"}, "display_order": {"120"}, "active": {"no"},
}

func TestTheManagerAddsAnAgency(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.as(domain.RoleManager)
	if flash := c.followFlash(c.post("/admin/agencies", newAgency)); flash != "Medway Youth Offending Team has been added" {
		t.Fatalf("flash %q", flash)
	}
	row := doc(t, c.get("/admin/agencies")).Find(`[data-testid="agency-medway-yot"]`)
	if !strings.Contains(row.Find("th").Text(), "Medway Youth Offending Team") || !strings.Contains(row.Text(), "Community justice") ||
		strings.TrimSpace(row.Find(".govuk-tag").Text()) != "Inactive" {
		t.Fatalf("agency row: %q", row.Text())
	}
	a, err := b.st.AgencyBySlug(context.Background(), "medway-yot")
	if err != nil || a.DisplayOrder != 120 || a.Sector != "Youth justice" || a.Active {
		t.Fatalf("saved agency %+v, %v", a, err)
	}
	e := wantAudit(t, b, "agency", "agency.create", a.ID, b.users[domain.RoleManager])
	if after, _ := e.Details["after"].(map[string]any); after["slug"] != "medway-yot" {
		t.Fatalf("audit details %v", e.Details)
	}
}

func TestAnAgencyFormWithMistakesIsShownAgainWithEverythingTyped(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.as(domain.RoleManager)
	ctx := context.Background()
	cases := []struct {
		name, field, message string
		set                  map[string]string
	}{
		{"an empty name is refused", "name", "Enter the agency’s name", map[string]string{"name": ""}},
		{"an address name with capitals and a space is refused", "slug", "must only include lower-case letters, numbers and hyphens",
			map[string]string{"slug": "Kent Police"}},
		{"a display order in words is refused", "display_order", "must be a whole number", map[string]string{"display_order": "ten"}},
		{"an address name another agency uses is refused", "slug", "Another agency already uses this address name",
			map[string]string{"slug": "kent-police"}},
		{"a name another agency has, in other case, is refused", "name", "An agency with this name already exists",
			map[string]string{"name": "KENT POLICE"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			agencies, _ := b.st.Agencies(ctx)
			events := auditTrail(b, "agency")
			form := withValues(newAgency, tc.set)
			d := wantFormError(t, c.within(t).post("/admin/agencies", form), tc.field, tc.message)
			wantValues(t, d, map[string]string{
				"input#name": form.Get("name"), "input#short_name": form.Get("short_name"), "input#slug": form.Get("slug"),
				"select#sector option[selected]": form.Get("sector"), "input#group_name": form.Get("group_name"),
				"input#display_order": form.Get("display_order"), `input[name="active"][checked]`: form.Get("active"),
			})
			after, _ := b.st.Agencies(ctx)
			if len(after) != len(agencies) || len(auditTrail(b, "agency")) != len(events) {
				t.Fatalf("agencies %d → %d, audit events %d → %d: want nothing saved",
					len(agencies), len(after), len(events), len(auditTrail(b, "agency")))
			}
		})
	}
}

func TestTheManagerRenamesAndDeactivatesAnAgency(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.as(domain.RoleManager)
	edit := doc(t, c.get(fmt.Sprintf("/admin/agencies/%d/edit", b.agencyID)))
	wantValues(t, edit, map[string]string{"input#short_name": "Police", `input[name="active"][checked]`: "yes"})

	form := url.Values{"name": {"Kent Police"}, "short_name": {"Kent Police"}, "slug": {"kent-police"}, "sector": {"Police"},
		"group_name": {""}, "display_order": {"10"}, "active": {"no"}}
	if flash := c.followFlash(c.post(fmt.Sprintf("/admin/agencies/%d", b.agencyID), form)); flash != "Kent Police has been saved" {
		t.Fatalf("flash %q", flash)
	}
	row := doc(t, c.get("/admin/agencies")).Find(`[data-testid="agency-kent-police"]`)
	if tag := strings.TrimSpace(row.Find(".govuk-tag").Text()); tag != "Inactive" {
		t.Fatalf("status tag %q, want Inactive", tag)
	}
	e := wantAudit(t, b, "agency", "agency.update", b.agencyID, b.users[domain.RoleManager])
	want := map[string]any{
		"short_name": map[string]any{"from": "Police", "to": "Kent Police"},
		"active":     map[string]any{"from": true, "to": false},
	}
	if !reflect.DeepEqual(e.Details["changes"], want) {
		t.Fatalf("audit changes %v, want %v", e.Details["changes"], want)
	}
}

var newLead = url.Values{
	"name": {"Priya Shah"}, "email": {"priya.shah@kent.police.uk"}, "role": {"lead"}, "agency": {"kent-police"},
	"password": {"twelve-plus-secret"},
}

func TestTheManagerAddsALeadWhoCanThenSignIn(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.as(domain.RoleManager)
	if flash := c.followFlash(c.post("/admin/users", newLead)); flash != "Priya Shah has been added" {
		t.Fatalf("flash %q", flash)
	}
	row := doc(t, c.get("/admin/users")).Find(`[data-testid="user-priya.shah@kent.police.uk"]`)
	if !strings.Contains(row.Text(), "Agency lead") || !strings.Contains(row.Text(), "Kent Police") {
		t.Fatalf("user row: %q", row.Text())
	}
	u, err := b.st.UserByEmail(context.Background(), "priya.shah@kent.police.uk")
	if err != nil || u.Role != domain.RoleLead || u.AgencyID == nil || *u.AgencyID != b.agencyID {
		t.Fatalf("saved user %+v, %v", u, err)
	}
	e := wantAudit(t, b, "user", "user.create", u.ID, b.users[domain.RoleManager])
	details, _ := json.Marshal(e.Details)
	for _, secret := range []string{"twelve-plus-secret", u.PasswordHash, "argon2id", "password"} {
		if strings.Contains(string(details), secret) {
			t.Errorf("audit details %s contain %q", details, secret)
		}
	}
	if status := signInStatus(b, "priya.shah@kent.police.uk", "twelve-plus-secret"); status != http.StatusSeeOther {
		t.Fatalf("new user signs in: status %d, want 303", status)
	}
}

func TestAUserFormWithMistakesIsShownAgainWithoutThePassword(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.as(domain.RoleManager)
	ctx := context.Background()
	cases := []struct {
		name, field, message string
		set                  map[string]string
	}{
		{"a lead without an agency is refused", "agency", "Select the agency this lead works for", map[string]string{"agency": ""}},
		{"a chair with an agency is refused", "agency", "Only agency leads belong to an agency", map[string]string{"role": "chair"}},
		{"an email address without an @ is refused", "email", "Enter an email address in the correct format",
			map[string]string{"email": "priya.shah.kent.police.uk"}},
		{"a password under 12 characters is refused", "password", "12 characters or more", map[string]string{"password": "short-pass"}},
		{"a common password is refused", "password", "The password is too common", map[string]string{"password": "password1234"}},
		{"an email address another user has, in other case, is refused", "email", "A user with this email address already exists",
			map[string]string{"email": "LEAD@Example.org"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			users, _ := b.st.Users(ctx)
			events := auditTrail(b, "user")
			form := withValues(newLead, tc.set)
			d := wantFormError(t, c.within(t).post("/admin/users", form), tc.field, tc.message)
			wantValues(t, d, map[string]string{
				"input#name": form.Get("name"), "input#email": form.Get("email"),
				`input[name="role"][checked]`: form.Get("role"), "select#agency option[selected]": form.Get("agency"),
				"input#password": "",
			})
			// The password typed is not sent back; unless it was the problem, the form asks for it again.
			if again := d.Find(`[data-testid="password-again"]`).Length() == 1; again != (tc.field != "password") {
				t.Errorf("asks to type the password again: %t, want %t", again, tc.field != "password")
			}
			if html, _ := d.Html(); strings.Contains(html, form.Get("password")) {
				t.Errorf("the page contains the password %q", form.Get("password"))
			}
			after, _ := b.st.Users(ctx)
			if len(after) != len(users) || len(auditTrail(b, "user")) != len(events) {
				t.Fatalf("users %d → %d, audit events %d → %d: want nothing saved",
					len(users), len(after), len(events), len(auditTrail(b, "user")))
			}
		})
	}
}

func TestTheManagerSetsANewPassword(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	leadBrowser := b.as(domain.RoleLead)
	c := b.as(domain.RoleManager)
	lead := b.users[domain.RoleLead]
	path := fmt.Sprintf("/admin/users/%d/password", lead.ID)

	wantFormError(t, c.post(path, url.Values{"password": {""}}), "password", "Enter a new password")
	wantFormError(t, c.post(path, url.Values{"password": {"too-short"}}), "password", "The password must be 12 characters or more")
	// Both limits count characters: 11 two-byte characters are too few, 201 too many, 150 (300 bytes) fine.
	wantFormError(t, c.post(path, url.Values{"password": {strings.Repeat("é", 11)}}), "password", "The password must be 12 characters or more")
	wantFormError(t, c.post(path, url.Values{"password": {strings.Repeat("é", 201)}}), "password", "The password must be 200 characters or fewer")
	wantFormError(t, c.post(path, url.Values{"password": {strings.Repeat(" ", 12)}}), "password", "The password must not be only spaces")
	wantFormError(t, c.post(path, url.Values{"password": {"password1234"}}), "password", "The password is too common")
	wantFormError(t, c.post(path, url.Values{"password": {"Qwerty123456"}}), "password", "The password is too common")
	if flash := c.followFlash(c.post(path, url.Values{"password": {strings.Repeat("é", 150)}})); !strings.HasPrefix(flash, "A new password has been set") {
		t.Fatalf("a 150-character password of 300 bytes: flash %q", flash)
	}

	flash := c.followFlash(c.post(path, url.Values{"password": {"a brand new passphrase"}}))
	if flash != "A new password has been set for Test Agency lead, and they have been signed out" {
		t.Fatalf("flash %q", flash)
	}
	if res := leadBrowser.get("/"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the lead's session signed in with the old password: status %d, want a redirect to sign in", res.StatusCode)
	}
	wantAudit(t, b, "user", "user.set_password", lead.ID, b.users[domain.RoleManager])
	if status := signInStatus(b, lead.Email, testPassword); status != http.StatusUnauthorized {
		t.Errorf("old password: status %d, want 401", status)
	}
	if status := signInStatus(b, lead.Email, "a brand new passphrase"); status != http.StatusSeeOther {
		t.Errorf("new password: status %d, want 303", status)
	}
}

func TestDisablingAUserEndsTheirSessionsUntilEnabled(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	lead, manager := b.users[domain.RoleLead], b.users[domain.RoleManager]
	leadBrowser := b.as(domain.RoleLead)
	if res := leadBrowser.get("/"); res.StatusCode != http.StatusOK {
		t.Fatalf("lead's home page before: status %d", res.StatusCode)
	}
	c := b.as(domain.RoleManager)
	if n := sessionRows(b); n != 2 {
		t.Fatalf("%d sessions before, want the lead's and the manager's", n)
	}
	flash := c.followFlash(c.post(fmt.Sprintf("/admin/users/%d/disable", lead.ID), nil))
	if flash != "Test Agency lead has been disabled and signed out" {
		t.Fatalf("flash %q", flash)
	}
	if res := leadBrowser.get("/"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Fatalf("lead's home page after: status %d to %q, want 303 to /login", res.StatusCode, res.Header.Get("Location"))
	}
	if status := signInStatus(b, lead.Email, testPassword); status != http.StatusForbidden {
		t.Fatalf("disabled lead signs in: status %d, want 403", status)
	}
	wantAudit(t, b, "user", "user.disable", lead.ID, manager)

	if flash := c.followFlash(c.post(fmt.Sprintf("/admin/users/%d/enable", lead.ID), nil)); flash != "Test Agency lead has been enabled" {
		t.Fatalf("flash %q", flash)
	}
	wantAudit(t, b, "user", "user.enable", lead.ID, manager)
	// The session that was open when the lead was disabled stays ended after enabling.
	if res := leadBrowser.get("/"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the lead's old session after enabling: status %d, want a redirect to sign in", res.StatusCode)
	}
	if status := signInStatus(b, lead.Email, testPassword); status != http.StatusSeeOther {
		t.Fatalf("enabled lead signs in: status %d, want 303", status)
	}
}

func sessionRows(b *board) int {
	b.t.Helper()
	var n int
	if err := b.st.Pool().QueryRow(context.Background(), `SELECT count(*) FROM sessions`).Scan(&n); err != nil {
		b.t.Fatal(err)
	}
	return n
}

func TestTheManagerCannotLockThemselvesOut(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.as(domain.RoleManager)
	me := b.users[domain.RoleManager]
	ctx := context.Background()

	if res := c.post(fmt.Sprintf("/admin/users/%d/disable", me.ID), nil); res.StatusCode != http.StatusConflict {
		t.Fatalf("disable myself: status %d, want 409", res.StatusCode)
	}
	form := url.Values{"name": {me.Name}, "email": {me.Email}, "role": {"chair"}, "agency": {""}}
	d := wantFormError(t, c.post(fmt.Sprintf("/admin/users/%d", me.ID), form), "role", "You cannot take the manager role from yourself")
	wantValues(t, d, map[string]string{`input[name="role"][checked]`: "chair"})

	u, err := b.st.UserByID(ctx, me.ID)
	if err != nil || u.Disabled || u.Role != domain.RoleManager {
		t.Fatalf("manager afterwards: %+v, %v", u, err)
	}
	if res := c.get("/admin/users"); res.StatusCode != http.StatusOK {
		t.Fatalf("manager still signed in: status %d", res.StatusCode)
	}
}

var newPeriod = url.Values{
	"label": {"2011/12"}, "deadline-day": {"30"}, "deadline-month": {"4"}, "deadline-year": {"2012"}, "open": {"no"},
}

func TestTheManagerAddsAPeriod(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.as(domain.RoleManager)
	if flash := c.followFlash(c.post("/admin/periods", newPeriod)); flash != "2011/12 has been added" {
		t.Fatalf("flash %q", flash)
	}
	row := doc(t, c.get("/admin/periods")).Find(`[data-testid="period-2011-12"]`)
	cells := row.Find("td")
	if got := strings.TrimSpace(cells.Eq(0).Text()); got != "1 April 2011 to 31 March 2012" {
		t.Errorf("dates %q", got)
	}
	if got := strings.TrimSpace(cells.Eq(1).Text()); got != "30 April 2012" {
		t.Errorf("deadline %q", got)
	}
	if got := strings.TrimSpace(row.Find(".govuk-tag").Text()); got != "Closed" {
		t.Errorf("status %q", got)
	}
	p, err := b.st.PeriodBySlug(context.Background(), "2011-12")
	if err != nil || p.IsOpen || p.Deadline == nil || p.Deadline.Format("2006-01-02") != "2012-04-30" {
		t.Fatalf("saved period %+v, %v", p, err)
	}
	wantAudit(t, b, "period", "period.create", p.ID, b.users[domain.RoleManager])
}

func TestAPeriodFormWithMistakesIsShownAgainWithEverythingTyped(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.as(domain.RoleManager)
	ctx := context.Background()
	cases := []struct {
		name, field, message string
		set                  map[string]string
	}{
		{"a second year that does not follow the first is refused", "label", "financial year must be written like 2011/12",
			map[string]string{"label": "2011/13"}},
		{"a year in words is refused", "label", "financial year must be written like 2011/12", map[string]string{"label": "next year"}},
		{"a deadline without a year is refused", "deadline", "must include a year", map[string]string{"deadline-year": ""}},
		{"a deadline of 31 February is refused", "deadline", "must be a real date",
			map[string]string{"deadline-day": "31", "deadline-month": "2"}},
		{"a year the board already has is refused", "label", "This period already exists", map[string]string{"label": "2009/10"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			periods, _ := b.st.Periods(ctx)
			events := auditTrail(b, "period")
			form := withValues(newPeriod, tc.set)
			form.Set("open", "yes") // the new form's default is closed, so a checked Open radio was re-shown
			d := wantFormError(t, c.within(t).post("/admin/periods", form), tc.field, tc.message)
			wantValues(t, d, map[string]string{
				"input#label": form.Get("label"), "input#deadline": form.Get("deadline-day"),
				"input#deadline-month": form.Get("deadline-month"), "input#deadline-year": form.Get("deadline-year"),
				`input[name="open"][checked]`: "yes",
			})
			after, _ := b.st.Periods(ctx)
			if len(after) != len(periods) || len(auditTrail(b, "period")) != len(events) {
				t.Fatalf("periods %d → %d, audit events %d → %d: want nothing saved",
					len(periods), len(after), len(events), len(auditTrail(b, "period")))
			}
		})
	}
}

func TestTheManagerClosesAndReopensAPeriod(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.as(domain.RoleManager)
	ctx := context.Background()
	p, err := b.st.PeriodBySlug(ctx, "2009-10")
	if err != nil || !p.IsOpen {
		t.Fatalf("the board's period %+v, %v: want it open", p, err)
	}
	// A period opens only with a deadline.
	deadline := time.Date(2010, time.April, 30, 0, 0, 0, 0, time.UTC)
	if err := b.st.UpdatePeriod(ctx, domain.CommandLine, p.ID, store.PeriodFields{Label: p.Label, StartsOn: p.StartsOn, EndsOn: p.EndsOn, Deadline: &deadline, IsOpen: true}); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name, verb, flash, action, button string
		open                              bool
	}{
		{"closing it", "close", "2009/10 has been closed", "period.close", "open-2009-10", false},
		{"opening it again", "open", "2009/10 has been opened", "period.open", "close-2009-10", true},
	}
	for _, s := range steps {
		if flash := c.followFlash(c.post(fmt.Sprintf("/admin/periods/%d/%s", p.ID, s.verb), nil)); flash != s.flash {
			t.Fatalf("%s: flash %q", s.name, flash)
		}
		got, err := b.st.PeriodByID(ctx, p.ID)
		if err != nil || got.IsOpen != s.open || got.Label != "2009/10" {
			t.Fatalf("%s: period %+v, %v", s.name, got, err)
		}
		wantAudit(t, b, "period", s.action, p.ID, b.users[domain.RoleManager])
		if doc(t, c.get("/admin/periods")).Find(`[data-testid="`+s.button+`"]`).Length() != 1 {
			t.Fatalf("%s: the list has no %s button", s.name, s.button)
		}
	}
}
