package e2e_test

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"safeboard/internal/domain"
	"safeboard/internal/mail"
)

// Email that chases (issue 17), on the demo board with no mail server, as a
// new user would try it: the manager chases the overdue agencies from the
// returns overview and finds one message per agency in the outbox; Kent
// Police's lead turns off one kind of email at "Emails"; and a member follows
// the unsubscribe link of an email without signing in. Every page is
// audited, and each new page is checked at 320 pixels wide.
func TestEmailThatChasesWithAMouse(t *testing.T) { emailThatChases(t, withMouse) }

func TestEmailThatChasesWithTheKeyboardAlone(t *testing.T) {
	t.Parallel()
	emailThatChases(t, withKeyboard)
}

func TestEmailThatChasesWithoutJavaScript(t *testing.T) {
	t.Parallel()
	emailThatChases(t, withoutJavaScript)
}

func emailThatChases(t *testing.T, w way) {
	b := newBoard(t)
	br := newBrowser(t, b.URL)
	var wg sync.WaitGroup
	wg.Go(func() {
		t.Run("the manager chases the overdue agencies and reads the outbox", func(t *testing.T) {
			managerChases(t, tabWay(t, br, "manager", w), w)
		})
	})
	wg.Go(func() {
		t.Run("Kent Police's lead turns off the emails about its return's review", func(t *testing.T) {
			leadChoosesEmails(t, tabWay(t, br, "lead", w), w)
		})
	})
	wg.Go(func() {
		t.Run("a member unsubscribes from the published report's emails without signing in", func(t *testing.T) {
			memberUnsubscribes(t, tabWay(t, br, "member", w), w, b)
		})
	})
	wg.Wait()
}

var chasedCount = regexp.MustCompile(`^Chased (\d+) overdue agenc`)

func managerChases(t *testing.T, m *tab, w way) {
	m.signInWay(w, "manager@demo.test")
	m.activate(w, `[data-testid="period-2009-10"]`, "the 2009/10 period", http.StatusOK)
	m.activate(w, `[data-testid="returns-overview"]`, "every agency's return", http.StatusOK)
	overdue := m.count(`[data-testid="overdue"]`)
	if overdue == 0 {
		t.Fatal("the demo board has no overdue return to chase")
	}
	m.activate(w, `[data-testid="chase-overdue"]`, "overdue agencies chased", http.StatusOK)
	banner := m.text(successBanner)
	match := chasedCount.FindStringSubmatch(banner)
	if match == nil {
		t.Fatalf("the banner after chasing says %q", banner)
	}
	chased, _ := strconv.Atoi(match[1])
	if chased == 0 || chased > overdue {
		t.Errorf("%d agencies chased of %d overdue", chased, overdue)
	}
	// The link beside the chase button: the banner above has focus, after the navigation.
	m.activate(w, `[data-testid="chase"] a[href="/admin/outbox"]`, "the outbox", http.StatusOK)
	m.fitsNarrow(w, "the outbox")
	if m.count(`[data-testid="no-mail-server"]`) != 1 {
		t.Error("the outbox does not say that no mail server is set")
	}
	subjects := m.count(`[data-testid="outbox"] tbody tr [data-testid="subject"]`)
	chases := 0
	for i := 1; i <= subjects; i++ {
		if strings.HasPrefix(m.text(`[data-testid="outbox"] tbody tr:nth-child(`+strconv.Itoa(i)+`) [data-testid="subject"]`), "Chasing ") {
			chases++
		}
	}
	if chases != chased {
		t.Errorf("the outbox holds %d chases, want one per agency chased: %d", chases, chased)
	}
	m.activate(w, `[data-testid="filter-queued"]`, "the queued emails", http.StatusOK)
	if got := m.text(`[data-testid="outbox"] tbody tr:first-child [data-testid="status"]`); got != "Queued" {
		t.Errorf("the newest queued email is %q", got)
	}
}

func leadChoosesEmails(t *testing.T, l *tab, w way) {
	l.signInWay(w, kentLead)
	l.activate(w, navLink("/account/notifications"), "the emails Kent Police's lead gets", http.StatusOK)
	l.fitsNarrow(w, "the emails a user gets")
	if got := l.count(`[data-testid="always"] li`); got != 3 {
		t.Errorf("%d kinds of email always sent, want 3", got)
	}
	l.untick(w, `[data-testid="kind-return_reviewed"]`)
	l.activate(w, saveButton, "the choice of emails saved", http.StatusOK)
	if got := l.text(successBanner); got != "Your choice of emails is saved" {
		t.Errorf("the banner says %q", got)
	}
	if l.checked(`[data-testid="kind-return_reviewed"]`) || !l.checked(`[data-testid="kind-challenge_raised"]`) {
		t.Error("the page does not show the choice saved")
	}
}

func memberUnsubscribes(t *testing.T, u *tab, w way, b *board) {
	ctx := context.Background()
	secret, err := b.Store.MailSecret(ctx)
	if err != nil {
		t.Fatal(err)
	}
	member, err := b.Store.UserByEmail(ctx, "member@demo.test")
	if err != nil {
		t.Fatal(err)
	}
	// The link as the email carries it, opened by a browser that is not signed in.
	u.visit("/unsubscribe/"+mail.UnsubscribeToken(secret, member.ID, domain.NotifyReportPublished), "an email's unsubscribe link")
	u.fitsNarrow(w, "the unsubscribe page")
	if got := u.text(`[data-testid="kind"]`); !strings.HasPrefix(got, "The annual report published") {
		t.Errorf("the page offers to stop %q", got)
	}
	u.activate(w, `[data-testid="unsubscribe"]`, "unsubscribed", http.StatusOK)
	u.fitsNarrow(w, "the page after unsubscribing")
	if u.count(`[data-testid="done"]`) != 1 {
		t.Error("the page does not say the member is unsubscribed")
	}
	off, err := b.Store.TurnedOff(ctx, member.ID)
	if err != nil || !off[domain.NotifyReportPublished] {
		t.Errorf("the member's emails turned off: %v, %v", off, err)
	}
}

// untick clears a checkbox: a click, or with the keyboard Tab to it and Space.
func (tb *tab) untick(w way, sel string) {
	tb.t.Helper()
	if w != withKeyboard {
		tb.do("click "+sel, chromedp.Click(chromedp.CSS(sel)))
	} else {
		tb.tabUntil(sel, "the checkbox "+sel, maxTabs)
		tb.press(keySpace)
	}
	if tb.checked(sel) {
		tb.t.Fatalf("%s is still checked after unticking it", sel)
	}
}
