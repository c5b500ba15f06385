package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"safeboard/internal/domain"
	"safeboard/internal/mail"
	"safeboard/internal/store"
)

// overdue gives the board's period a deadline ten days ago.
func (b *board) overdue() {
	b.t.Helper()
	p := domain.PeriodForYear(2009)
	deadline := time.Now().AddDate(0, 0, -10)
	if err := b.st.UpdatePeriod(context.Background(), domain.CommandLine, 1,
		store.PeriodFields{Label: p.Label, StartsOn: p.StartsOn, EndsOn: p.EndsOn, Deadline: &deadline, IsOpen: true}); err != nil {
		b.t.Fatal(err)
	}
}

func TestTheManagerChasesOverdueAgenciesAndSeesTheMessagesInTheOutbox(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	manager := b.as(domain.RoleManager)
	// No deadline yet: nothing is overdue, no button.
	if n := doc(t, manager.get("/periods/2009-10/returns")).Find(`[data-testid="chase-overdue"]`).Length(); n != 0 {
		t.Fatal("the chase is offered with nothing overdue")
	}
	b.overdue()
	page := doc(t, manager.get("/periods/2009-10/returns"))
	if page.Find(`[data-testid="chase-overdue"]`).Length() != 1 {
		t.Fatal("no chase button with a return overdue")
	}
	if n := doc(t, b.as(domain.RoleChair).get("/periods/2009-10/returns")).Find(`[data-testid="chase-overdue"]`).Length(); n != 0 {
		t.Fatal("the chair is offered the chase")
	}
	for _, role := range []domain.Role{domain.RoleChair, domain.RoleLead, domain.RoleMember} {
		if res := b.as(role).post("/periods/2009-10/returns/chase", nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("a %s chasing: status %d", role, res.StatusCode)
		}
	}
	if flash := manager.followFlash(manager.post("/periods/2009-10/returns/chase", nil)); flash != "Chased 1 overdue agency: Kent Police" {
		t.Fatalf("flash %q", flash)
	}
	outbox := doc(t, manager.get("/admin/outbox"))
	if outbox.Find(`[data-testid="no-mail-server"]`).Length() != 1 {
		t.Error("the outbox does not say that no mail server is set")
	}
	rows := outbox.Find(`[data-testid="outbox"] tbody tr`)
	if rows.Length() != 1 {
		t.Fatalf("%d messages in the outbox", rows.Length())
	}
	for testid, want := range map[string]string{
		"subject": "Chasing Kent Police’s overdue return for 2009/10", "to": "lead@example.org", "status": "Queued",
		"kind": "The board manager chasing an overdue return",
	} {
		if got := strings.TrimSpace(rows.Find(`[data-testid="` + testid + `"]`).Text()); got != want {
			t.Errorf("%s: %q, want %q", testid, got, want)
		}
	}
	if body := rows.Find(`[data-testid="body"]`).Text(); !strings.Contains(body, "10 days overdue") {
		t.Errorf("body %q", body)
	}
	if got := strings.TrimSpace(doc(t, manager.get("/admin/outbox?status=sent")).Find(`[data-testid="empty"]`).Text()); got != "No emails here." {
		t.Errorf("the sent messages: %q", got)
	}
}

func TestTheManagerTriesAFailedMessageAgain(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	b.overdue()
	ctx := context.Background()
	if _, err := b.st.ChaseOverdue(ctx, domain.UserActor(b.users[domain.RoleManager]), 1, time.Now()); err != nil {
		t.Fatal(err)
	}
	list, _, _ := b.st.Outbox(ctx, store.OutboxQuery{})
	id := list[0].ID
	manager := b.as(domain.RoleManager)
	if res := manager.post("/admin/outbox/"+itoa(id)+"/retry", nil); res.StatusCode != http.StatusConflict {
		t.Fatalf("retrying a queued message: status %d", res.StatusCode)
	}
	if _, err := b.st.Pool().Exec(ctx, `UPDATE outbox SET status = 'failed', attempts = 8, last_error = '550 no such mailbox' WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	row := doc(t, manager.get("/admin/outbox?status=failed")).Find(`[data-testid="message-` + itoa(id) + `"]`)
	if got := strings.TrimSpace(row.Find(`[data-testid="error"]`).Text()); got != "550 no such mailbox" || row.Find(`[data-testid="retry"]`).Length() != 1 {
		t.Fatalf("the failed message shows %q and %d retry buttons", got, row.Find(`[data-testid="retry"]`).Length())
	}
	if flash := manager.followFlash(manager.post("/admin/outbox/"+itoa(id)+"/retry", nil)); flash != "The email will be sent again shortly" {
		t.Fatalf("flash %q", flash)
	}
	if m, _ := b.st.OutboxMessage(ctx, id); m.Status != domain.OutboxQueued || m.Attempts != 0 {
		t.Fatalf("after the retry: %+v", m)
	}
}

func TestEachUserChoosesTheEmailsTheyGetButNotTheDeadlineReminders(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	lead := b.as(domain.RoleLead)
	page := doc(t, lead.get("/account/notifications"))
	if n := page.Find(`input[name="on"]:checked`).Length(); n != 3 {
		t.Fatalf("a lead has %d kinds ticked, want 3", n)
	}
	if page.Find(`[data-testid="kind-return_reminder"]`).Length() != 0 || page.Find(`[data-testid="always"] li`).Length() != 3 {
		t.Fatal("deadline reminders are offered to be turned off, or not listed as always sent")
	}
	// Unticks all but the published report; tries to turn reminders off too.
	res := lead.post("/account/notifications", url.Values{"on": {"report_published", "return_reminder"}})
	if flash := lead.followFlash(res); flash != "Your choice of emails is saved" {
		t.Fatalf("flash %q", flash)
	}
	off, err := b.st.TurnedOff(context.Background(), b.users[domain.RoleLead].ID)
	if err != nil || len(off) != 2 || !off[domain.NotifyReturnReviewed] || !off[domain.NotifyChallengeRaised] {
		t.Fatalf("turned off %v, %v", off, err)
	}
	page = doc(t, lead.get("/account/notifications"))
	if page.Find(`[data-testid="kind-report_published"]:checked`).Length() != 1 || page.Find(`[data-testid="kind-return_reviewed"]:checked`).Length() != 0 {
		t.Fatal("the page does not show the saved choice")
	}
	// A member gets only the published report.
	if n := doc(t, b.as(domain.RoleMember).get("/account/notifications")).Find(`input[name="on"]`).Length(); n != 1 {
		t.Errorf("a member is offered %d kinds", n)
	}
}

func TestAnUnsubscribeLinkWorksWithoutSigningInAndOnlyAsSigned(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	ctx := context.Background()
	secret, err := b.st.MailSecret(ctx)
	if err != nil {
		t.Fatal(err)
	}
	member := b.users[domain.RoleMember].ID
	token := mail.UnsubscribeToken(secret, member, domain.NotifyReportPublished)
	anonymous := b.client()
	page := doc(t, anonymous.get("/unsubscribe/"+token))
	if !strings.Contains(page.Find(`[data-testid="kind"]`).Text(), "The annual report published") {
		t.Fatalf("the page: %q", page.Find("main").Text())
	}
	if off, _ := b.st.TurnedOff(ctx, member); len(off) != 0 {
		t.Fatal("opening the link unsubscribed the user")
	}
	// A mail program's one-click POST: no browser headers, no cookie.
	req, _ := http.NewRequest(http.MethodPost, b.http.URL+"/unsubscribe/"+token, strings.NewReader("List-Unsubscribe=One-Click"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res := anonymous.do(req)
	if res.StatusCode != http.StatusOK || doc(t, res).Find(`[data-testid="done"]`).Length() != 1 {
		t.Fatalf("one-click: status %d", res.StatusCode)
	}
	if off, _ := b.st.TurnedOff(ctx, member); !off[domain.NotifyReportPublished] {
		t.Fatal("the one-click POST did not unsubscribe")
	}
	for name, bad := range map[string]string{
		"a changed user":     strings.Replace(token, itoa(member)+".", itoa(member+1)+".", 1),
		"a kind always sent": mail.UnsubscribeToken(secret, member, domain.NotifyReturnReminder),
		"another secret":     mail.UnsubscribeToken([]byte("not the database's secret at all"), member, domain.NotifyReportPublished),
		"a user who is not":  mail.UnsubscribeToken(secret, 999999, domain.NotifyReportPublished),
		"nonsense":           "nonsense",
	} {
		t.Run(name, func(t *testing.T) {
			if name != "a user who is not" {
				if res := anonymous.get("/unsubscribe/" + url.PathEscape(bad)); res.StatusCode != http.StatusNotFound {
					t.Errorf("GET: status %d", res.StatusCode)
				}
			}
			if res := anonymous.post("/unsubscribe/"+url.PathEscape(bad), nil); res.StatusCode != http.StatusNotFound {
				t.Errorf("POST: status %d", res.StatusCode)
			}
		})
	}
}

func TestTheOutboxListsEveryMessagePageByPage(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	if _, err := b.st.Pool().Exec(context.Background(), `INSERT INTO outbox (kind, recipients, subject, body, reason, path)
		SELECT 'return_chase', ARRAY['lead@example.org'], 'Chase ' || n, 'Body', 'Reason', '/' FROM generate_series(1, 450) n`); err != nil {
		t.Fatal(err)
	}
	manager := b.as(domain.RoleManager)
	var subjects []string
	path, pages := "/admin/outbox", 0
	for path != "" {
		page := doc(t, manager.get(path))
		page.Find(`[data-testid="subject"]`).Each(func(_ int, s *goquery.Selection) { subjects = append(subjects, s.Text()) })
		path, _ = page.Find(`[data-testid="older"]`).Attr("href")
		if pages++; pages > 5 {
			t.Fatal("the pages of older emails never end")
		}
	}
	if len(subjects) != 450 || subjects[0] != "Chase 450" || subjects[449] != "Chase 1" || pages != 3 {
		t.Fatalf("%d emails on %d pages, from %q to %q", len(subjects), pages, subjects[0], subjects[len(subjects)-1])
	}
}
