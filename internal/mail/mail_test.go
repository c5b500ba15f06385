package mail_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/mail"
	"safeboard/internal/mail/mailtest"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
)

const base = "https://safeboard.example.org"

type fixture struct {
	t       *testing.T
	st      *store.Store
	period  int64
	agency  int64
	manager domain.Actor
	leads   []int64
	secret  []byte
}

// newFixture is a board with an open period whose deadline has passed, and
// an agency with two leads whose return is not in.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	st := testdb.New(t)
	f := &fixture{t: t, st: st}
	p := domain.PeriodForYear(2009)
	deadline := time.Now().AddDate(0, 0, -10)
	var err error
	if f.period, err = st.CreatePeriod(ctx, domain.CommandLine, store.PeriodFields{Label: p.Label, StartsOn: p.StartsOn, EndsOn: p.EndsOn, Deadline: &deadline, IsOpen: true}); err != nil {
		t.Fatal(err)
	}
	if f.agency, err = st.CreateAgency(ctx, domain.CommandLine, store.AgencyFields{Name: "Kent Police", Slug: "kent-police", ShortName: "Police", Sector: "Police", DisplayOrder: 1, Active: true}); err != nil {
		t.Fatal(err)
	}
	id, err := st.CreateUser(ctx, domain.CommandLine, store.NewUser{Email: "manager@example.org", Name: "Manager", Role: domain.RoleManager, PasswordHash: "x"})
	if err != nil {
		t.Fatal(err)
	}
	f.manager = domain.Actor{UserID: &id, Label: "manager@example.org"}
	for _, email := range []string{"one@police.example.org", "two@police.example.org"} {
		id, err := st.CreateUser(ctx, domain.CommandLine, store.NewUser{Email: email, Name: "Lead", Role: domain.RoleLead, AgencyID: &f.agency, PasswordHash: "x"})
		if err != nil {
			t.Fatal(err)
		}
		f.leads = append(f.leads, id)
	}
	if f.secret, err = st.MailSecret(ctx); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) sender(smtpURL string) *mail.Sender {
	f.t.Helper()
	s, err := mail.NewSender(mail.Config{SMTPURL: smtpURL, From: "Safeguarding board <board@example.org>", ReplyTo: "manager@example.org", BaseURL: base}, f.secret)
	if err != nil {
		f.t.Fatal(err)
	}
	return s
}

func (f *fixture) raise(question string) int64 {
	f.t.Helper()
	id, err := f.st.RaiseChallenge(context.Background(), f.manager, f.period, domain.NewChallenge{
		Target: domain.ChallengeTarget{Kind: domain.TargetAgency, ID: f.agency}, AgencyID: f.agency,
		Question: question, RespondBy: time.Date(2010, 5, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		f.t.Fatal(err)
	}
	return id
}

func TestQueuedEmailsArriveWithTheirRecipientsTextLinksAndUnsubscribeLink(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	server := mailtest.Start(t)
	if _, err := f.st.ChaseOverdue(ctx, f.manager, f.period, time.Now()); err != nil {
		t.Fatal(err)
	}
	challenge := f.raise("Why did referrals fall in Q3?")
	sent, refused, err := mail.SendDue(ctx, f.st, f.sender(server.URL()))
	if err != nil || sent != 3 || refused != 0 {
		t.Fatalf("sent %d, refused %d: %v", sent, refused, err)
	}
	msgs := server.Messages()
	if len(msgs) != 3 {
		t.Fatalf("the server received %d messages", len(msgs))
	}
	chase := msgs[0]
	if !slices.Equal(chase.To, []string{"one@police.example.org", "two@police.example.org"}) || chase.From != "board@example.org" {
		t.Errorf("the chase went from %q to %q", chase.From, chase.To)
	}
	if chase.Subject != "Chasing Kent Police’s overdue return for 2009/10" {
		t.Errorf("the chase's subject %q", chase.Subject)
	}
	for _, want := range []string{"10 days overdue", "Open it in Safeboard: " + base + "/periods/2009-10/returns/kent-police",
		"because you are a lead for Kent Police", "cannot be turned off", base + "/account/notifications"} {
		if !strings.Contains(chase.Text, want) {
			t.Errorf("the chase lacks %q:\n%s", want, chase.Text)
		}
	}
	if chase.Header.Get("List-Unsubscribe") != "" || strings.Contains(chase.Text, "/unsubscribe/") {
		t.Errorf("a chase, which cannot be turned off, offers to unsubscribe")
	}
	if got := chase.Header.Get("Reply-To"); !strings.Contains(got, "manager@example.org") {
		t.Errorf("Reply-To %q", got)
	}
	for i, m := range msgs[1:] {
		if !slices.Equal(m.To, []string{[]string{"one@police.example.org", "two@police.example.org"}[i]}) {
			t.Errorf("challenge email %d went to %q", i, m.To)
		}
		if !strings.Contains(m.Text, "> Why did referrals fall in Q3?") || !strings.Contains(m.Text, base+"/periods/2009-10/challenges/"+itoa(challenge)) {
			t.Errorf("challenge email %d:\n%s", i, m.Text)
		}
		link := m.Header.Get("List-Unsubscribe")
		if !strings.HasPrefix(link, "<"+base+"/unsubscribe/") || m.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
			t.Fatalf("challenge email %d: List-Unsubscribe %q, -Post %q", i, link, m.Header.Get("List-Unsubscribe-Post"))
		}
		token := strings.TrimSuffix(strings.TrimPrefix(link, "<"+base+"/unsubscribe/"), ">")
		if !strings.Contains(m.Text, "Stop these emails: "+base+"/unsubscribe/"+token) {
			t.Errorf("the text lacks the unsubscribe link:\n%s", m.Text)
		}
		user, kind, ok := mail.ReadUnsubscribeToken(f.secret, token)
		if !ok || user != f.leads[i] || kind != domain.NotifyChallengeRaised {
			t.Fatalf("the token names user %d, kind %q, %t", user, kind, ok)
		}
	}
	// The first lead follows the link: the next challenge goes to the second only.
	if err := f.st.Unsubscribe(ctx, f.leads[0], domain.NotifyChallengeRaised); err != nil {
		t.Fatal(err)
	}
	f.raise("And in Q4?")
	if sent, _, err := mail.SendDue(ctx, f.st, f.sender(server.URL())); sent != 1 || err != nil {
		t.Fatalf("sent %d: %v", sent, err)
	}
	if last := server.Messages()[3]; !slices.Equal(last.To, []string{"two@police.example.org"}) {
		t.Fatalf("after unsubscribing, the challenge went to %q", last.To)
	}
}

func TestTheOutboxKeepsMessagesWhileTheMailServerIsDownAndSendsThemWhenItIsBack(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	server := mailtest.Start(t)
	sender := f.sender(server.URL())
	server.Stop()
	if _, err := f.st.ChaseOverdue(ctx, f.manager, f.period, time.Now()); err != nil {
		t.Fatal(err)
	}
	sent, refused, err := mail.SendDue(ctx, f.st, sender)
	if err != nil || sent != 0 || refused != 1 {
		t.Fatalf("with the server down: sent %d, refused %d: %v", sent, refused, err)
	}
	list, counts, err := f.st.Outbox(ctx, store.OutboxQuery{})
	if err != nil || counts[domain.OutboxQueued] != 1 || list[0].Attempts != 1 || list[0].LastError == "" {
		t.Fatalf("after a refusal: %+v %v %v", list, counts, err)
	}
	server.Restart()
	// Not before its time: the backoff holds it.
	if sent, _, _ := mail.SendDue(ctx, f.st, sender); sent != 0 {
		t.Fatal("a refused message was sent again before its backoff ended")
	}
	if _, err := f.st.Pool().Exec(ctx, `UPDATE outbox SET next_attempt_at = now()`); err != nil {
		t.Fatal(err)
	}
	if sent, _, err := mail.SendDue(ctx, f.st, sender); sent != 1 || err != nil {
		t.Fatalf("with the server back: sent %d: %v", sent, err)
	}
	if msgs := server.Messages(); len(msgs) != 1 || !strings.Contains(msgs[0].Subject, "Chasing Kent Police") {
		t.Fatalf("received %+v", msgs)
	}
}

func TestTheWorkerSchedulesAndSendsUntilStopped(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	server := mailtest.Start(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		mail.Work(ctx, f.st, f.sender(server.URL()), slog.New(slog.NewTextHandler(io.Discard, nil)), 20*time.Millisecond, time.Hour)
		close(done)
	}()
	// The deadline passed ten days ago: the second week's overdue reminder, at once.
	msgs := server.WaitFor(1, 10*time.Second)
	if !strings.Contains(msgs[0].Subject, "Kent Police return for 2009/10 is overdue") {
		t.Errorf("the reminder's subject %q", msgs[0].Subject)
	}
	cancel()
	<-done
}

func TestAnUnsubscribeTokenIsRefusedWhenChanged(t *testing.T) {
	t.Parallel()
	secret := []byte("0123456789abcdef0123456789abcdef")
	token := mail.UnsubscribeToken(secret, 42, domain.NotifyReportPublished)
	if id, kind, ok := mail.ReadUnsubscribeToken(secret, token); !ok || id != 42 || kind != domain.NotifyReportPublished {
		t.Fatalf("read %d %q %t", id, kind, ok)
	}
	for _, bad := range []string{
		strings.Replace(token, "42.", "43.", 1),
		strings.Replace(token, "report_published", "return_reviewed", 1),
		token[:len(token)-1],
		"", "42", "42.report_published",
	} {
		if _, _, ok := mail.ReadUnsubscribeToken(secret, bad); ok {
			t.Errorf("%q was accepted", bad)
		}
	}
	if _, _, ok := mail.ReadUnsubscribeToken([]byte("another secret, another database"), token); ok {
		t.Error("a token signed with another secret was accepted")
	}
}

func TestTheMailSettingsAreCheckedWithAMessageNamingTheVariable(t *testing.T) {
	t.Parallel()
	ok := mail.Config{SMTPURL: "smtp://mail.example.org", From: "board@example.org", BaseURL: base}
	cases := []struct {
		name string
		edit func(*mail.Config)
		want string
	}{
		{"a good configuration", func(*mail.Config) {}, ""},
		{"implicit TLS with a password", func(c *mail.Config) { c.SMTPURL = "smtps://user:pw@mail.example.org:465" }, ""},
		{"an unknown scheme", func(c *mail.Config) { c.SMTPURL = "http://mail.example.org" }, "SAFEBOARD_SMTP_URL"},
		{"no host", func(c *mail.Config) { c.SMTPURL = "smtp://" }, "SAFEBOARD_SMTP_URL"},
		{"no From", func(c *mail.Config) { c.From = "" }, "SAFEBOARD_MAIL_FROM"},
		{"a bad From", func(c *mail.Config) { c.From = "not an address" }, "SAFEBOARD_MAIL_FROM"},
		{"a bad Reply-To", func(c *mail.Config) { c.ReplyTo = "nobody" }, "SAFEBOARD_MAIL_REPLY_TO"},
		{"no base address", func(c *mail.Config) { c.BaseURL = "" }, "SAFEBOARD_BASE_URL"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := ok
			c.edit(&cfg)
			_, err := mail.NewSender(cfg, []byte("secret"))
			if (err == nil) != (c.want == "") || (err != nil && !strings.Contains(err.Error(), c.want)) {
				t.Fatalf("got %v, want an error naming %q", err, c.want)
			}
		})
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
