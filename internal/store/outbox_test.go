package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// outbox lists every message of the outbox, oldest first.
func outbox(t *testing.T, st *store.Store) []domain.OutboxMessage {
	t.Helper()
	list, _, err := st.Outbox(context.Background(), store.OutboxQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(list)
	return list
}

// addLead adds a lead of agency.
func (f *reportFixture) addLead(email string, agency int64) domain.Actor {
	f.t.Helper()
	id, err := f.st.CreateUser(context.Background(), domain.CommandLine, store.NewUser{Email: email, Name: "Lead", Role: domain.RoleLead, AgencyID: &agency, PasswordHash: "x"})
	if err != nil {
		f.t.Fatal(err)
	}
	return domain.Actor{UserID: &id, Label: email}
}

// setDeadline gives the fixture's first period a deadline, open.
func (f *reportFixture) setDeadline(deadline time.Time) {
	f.t.Helper()
	p := domain.PeriodForYear(2009)
	if err := f.st.UpdatePeriod(context.Background(), domain.CommandLine, f.period,
		store.PeriodFields{Label: p.Label, StartsOn: p.StartsOn, EndsOn: p.EndsOn, Deadline: &deadline, IsOpen: true}); err != nil {
		f.t.Fatal(err)
	}
}

func TestAChangeOfAReturnsStatusQueuesItsEmailInItsOwnTransaction(t *testing.T) {
	t.Parallel()
	f := newReportFixture(t)
	ctx := context.Background()
	// The fixture submitted three returns (the manager hears of each) and accepted two (their lead hears).
	var got []string
	for _, m := range outbox(t, f.st) {
		got = append(got, string(m.Kind)+" to "+strings.Join(m.Recipients, ","))
	}
	want := []string{
		"return_submitted to manager@example.org", "return_reviewed to lead@example.org",
		"return_submitted to manager@example.org", "return_submitted to manager@example.org", "return_reviewed to lead@example.org",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("outbox %q, want %q", got, want)
	}

	f.addLead("lead@submitted.example.org", f.submitted)
	ret, err := f.st.ReturnFor(ctx, f.period, f.submitted)
	if err != nil {
		t.Fatal(err)
	}
	// A refused change queues nothing.
	if _, err := f.st.Transition(ctx, f.manager, ret.ID, ret.Version+1, domain.ActionSendBack, "stale"); !errors.Is(err, domain.ErrStale) {
		t.Fatalf("stale send-back: %v", err)
	}
	if n := len(outbox(t, f.st)); n != 5 {
		t.Fatalf("a refused send-back queued %d messages", n-5)
	}
	if _, err := f.st.Transition(ctx, f.manager, ret.ID, ret.Version, domain.ActionSendBack, "Add the figures for Q4.\nAnd the audit."); err != nil {
		t.Fatal(err)
	}
	list := outbox(t, f.st)
	last := list[len(list)-1]
	if last.Kind != domain.NotifyReturnReviewed || !slices.Equal(last.Recipients, []string{"lead@submitted.example.org"}) || last.UserID == nil {
		t.Fatalf("send-back queued %+v", last)
	}
	for _, want := range []string{"> Add the figures for Q4.\n> And the audit.", "back to you"} {
		if !strings.Contains(last.Body, want) {
			t.Errorf("the send-back's email lacks %q:\n%s", want, last.Body)
		}
	}
	if last.Path != "/periods/2009-10/returns/submitted" || last.Status != domain.OutboxQueued || !strings.Contains(last.Reason, "lead for submitted") {
		t.Errorf("the send-back's email: path %q status %q reason %q", last.Path, last.Status, last.Reason)
	}
}

func TestAUserWhoTurnedAKindOffIsNotSentItButDeadlineRemindersCannotBeTurnedOff(t *testing.T) {
	t.Parallel()
	f := newReportFixture(t)
	ctx := context.Background()
	if err := f.st.SetNotifications(ctx, f.manager, *f.manager.UserID, []domain.NotificationKind{domain.NotifyReturnSubmitted}); err != nil {
		t.Fatal(err)
	}
	if err := f.st.SetNotifications(ctx, f.lead, *f.lead.UserID, []domain.NotificationKind{domain.NotifyReturnReminder}); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("turning reminders off: %v", err)
	}
	if err := f.st.Unsubscribe(ctx, *f.lead.UserID, domain.NotifyReturnChase); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("unsubscribing from chases: %v", err)
	}
	before := len(outbox(t, f.st))
	f.move(f.period, f.drafted, f.lead, domain.ActionSubmit)
	if n := len(outbox(t, f.st)); n != before {
		t.Fatalf("a manager who turned submissions off was sent %d messages", n-before)
	}
	off, err := f.st.TurnedOff(ctx, *f.manager.UserID)
	if err != nil || !off[domain.NotifyReturnSubmitted] || len(off) != 1 {
		t.Fatalf("turned off %v, %v", off, err)
	}
	// Turned on again by an empty choice.
	if err := f.st.SetNotifications(ctx, f.manager, *f.manager.UserID, nil); err != nil {
		t.Fatal(err)
	}
	if off, _ := f.st.TurnedOff(ctx, *f.manager.UserID); len(off) != 0 {
		t.Fatalf("still turned off: %v", off)
	}
}

func TestChasingSendsOneMessagePerOverdueAgencyToItsLeads(t *testing.T) {
	t.Parallel()
	f := newReportFixture(t)
	ctx := context.Background()
	now := time.Date(2010, 6, 10, 12, 0, 0, 0, time.UTC)
	f.addLead("one@drafted.example.org", f.drafted)
	f.addLead("two@drafted.example.org", f.drafted)
	if _, err := f.st.CreateAgency(ctx, domain.CommandLine, store.AgencyFields{Name: "leaderless", Slug: "leaderless", ShortName: "l", Sector: "Health", DisplayOrder: 30, Active: true}); err != nil {
		t.Fatal(err)
	}
	f.setDeadline(time.Date(2010, 6, 9, 0, 0, 0, 0, time.UTC))
	before := len(outbox(t, f.st))
	// On the deadline day itself nothing is overdue.
	res, err := f.st.ChaseOverdue(ctx, f.manager, f.period, time.Date(2010, 6, 9, 22, 0, 0, 0, time.UTC))
	if err != nil || len(res.Chased) != 0 {
		t.Fatalf("chased on the deadline day: %+v, %v", res, err)
	}
	res, err = f.st.ChaseOverdue(ctx, f.manager, f.period, now)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Chased, []string{"drafted"}) || !slices.Equal(res.NoLeads, []string{"leaderless"}) || res.Messages != 1 {
		t.Fatalf("chase %+v", res)
	}
	list := outbox(t, f.st)[before:]
	if len(list) != 1 || list[0].Kind != domain.NotifyReturnChase || !slices.Equal(list[0].Recipients, []string{"one@drafted.example.org", "two@drafted.example.org"}) {
		t.Fatalf("chase queued %+v", list)
	}
	if !strings.Contains(list[0].Body, "1 day overdue") || list[0].UserID != nil {
		t.Errorf("chase body %q", list[0].Body)
	}
	events, err := f.st.AuditEvents(ctx, "period", 10)
	if err != nil || events[0].Action != "period.chase" {
		t.Fatalf("no chase recorded: %+v %v", events, err)
	}
}

func TestRemindersAreScheduledOnceHoweverManyServersScheduleThem(t *testing.T) {
	t.Parallel()
	f := newReportFixture(t)
	ctx := context.Background()
	f.addLead("lead@drafted.example.org", f.drafted)
	f.addLead("lead@submitted.example.org", f.submitted)
	deadline := time.Date(2010, 6, 30, 0, 0, 0, 0, time.UTC)
	f.setDeadline(deadline)
	// The other period is open without a deadline: no reminders.
	before := len(outbox(t, f.st))
	day := func(d int) time.Time { return deadline.AddDate(0, 0, d).Add(10 * time.Hour) }
	schedule := func(at time.Time) int {
		t.Helper()
		var wg sync.WaitGroup
		counts := make([]int, 4)
		for i := range counts {
			wg.Go(func() {
				n, err := f.st.ScheduleReminders(ctx, at)
				if err != nil {
					t.Error(err)
				}
				counts[i] = n
			})
		}
		wg.Wait()
		total := 0
		for _, n := range counts {
			total += n
		}
		return total
	}
	steps := []struct {
		day  int
		want int
	}{
		{-20, 0}, // too early
		{-14, 1}, // 14 days before: the drafted agency (the submitted one's return is in)
		{-10, 0}, // the same slot
		{-3, 1},
		{0, 0},
		{1, 1}, // the first week overdue
		{7, 0},
		{8, 1},  // the second
		{56, 1}, // the eighth and last
		{63, 0}, // none after eight weeks
	}
	for _, s := range steps {
		if got := schedule(day(s.day)); got != s.want {
			t.Errorf("day %d: %d reminders queued, want %d", s.day, got, s.want)
		}
	}
	list := outbox(t, f.st)[before:]
	var subjects []string
	for _, m := range list {
		if m.Kind != domain.NotifyReturnReminder || !slices.Equal(m.Recipients, []string{"lead@drafted.example.org"}) {
			t.Errorf("reminder %+v", m)
		}
		subjects = append(subjects, m.Subject)
	}
	want := []string{"drafted return for 2009/10: due in 14 days", "drafted return for 2009/10: due in 3 days",
		"drafted return for 2009/10 is overdue", "drafted return for 2009/10 is overdue", "drafted return for 2009/10 is overdue"}
	if !slices.Equal(subjects, want) {
		t.Fatalf("reminders %q, want %q", subjects, want)
	}
}

func TestTwoWorkersNeverSendOneMessageTwiceAndAFailureIsTriedAgainLater(t *testing.T) {
	t.Parallel()
	f := newReportFixture(t)
	ctx := context.Background()
	for range 4 {
		f.move(f.period, f.accepted, f.manager, domain.ActionReopen)
		f.move(f.period, f.accepted, f.manager, domain.ActionAccept)
	}
	total := len(outbox(t, f.st))
	var mu sync.Mutex
	sent := map[int64]int{}
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			for {
				found, err := f.st.SendNext(ctx, func(m domain.OutboxMessage) error {
					time.Sleep(5 * time.Millisecond)
					mu.Lock()
					sent[m.ID]++
					mu.Unlock()
					return nil
				})
				if err != nil {
					t.Error(err)
					return
				}
				if !found {
					return
				}
			}
		})
	}
	wg.Wait()
	if len(sent) != total {
		t.Fatalf("%d of %d messages sent", len(sent), total)
	}
	for id, n := range sent {
		if n != 1 {
			t.Errorf("message %d sent %d times", id, n)
		}
	}
	for _, m := range outbox(t, f.st) {
		if m.Status != domain.OutboxSent || m.SentAt == nil || m.Attempts != 1 {
			t.Errorf("message %d: %s after %d attempts", m.ID, m.Status, m.Attempts)
		}
	}

	// A message the mail server refuses waits, then is tried again; after the last attempt it fails until retried.
	f.move(f.period, f.drafted, f.lead, domain.ActionSubmit)
	refuse := func(domain.OutboxMessage) error { return errors.New("451 try again later") }
	if found, err := f.st.SendNext(ctx, refuse); !found || err != nil {
		t.Fatalf("send: %t %v", found, err)
	}
	if found, _ := f.st.SendNext(ctx, refuse); found {
		t.Fatal("a refused message was tried again at once")
	}
	list := outbox(t, f.st)
	m := list[len(list)-1]
	if m.Status != domain.OutboxQueued || m.Attempts != 1 || m.LastError != "451 try again later" || time.Until(m.NextAttemptAt) < 50*time.Second {
		t.Fatalf("after a refusal: %+v", m)
	}
	if err := f.st.RetryMessage(ctx, f.manager, m.ID); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("retrying a queued message: %v", err)
	}
	for range domain.MaxSendAttempts - 1 {
		if _, err := f.st.Pool().Exec(ctx, `UPDATE outbox SET next_attempt_at = now() WHERE id = $1`, m.ID); err != nil {
			t.Fatal(err)
		}
		if found, err := f.st.SendNext(ctx, refuse); !found || err != nil {
			t.Fatalf("send: %t %v", found, err)
		}
	}
	if got, _ := f.st.OutboxMessage(ctx, m.ID); got.Status != domain.OutboxFailed || got.Attempts != domain.MaxSendAttempts {
		t.Fatalf("after %d refusals: %+v", domain.MaxSendAttempts, got)
	}
	if err := f.st.RetryMessage(ctx, f.manager, m.ID); err != nil {
		t.Fatal(err)
	}
	ok := func(domain.OutboxMessage) error { return nil }
	if found, err := f.st.SendNext(ctx, ok); !found || err != nil {
		t.Fatalf("send after retry: %t %v", found, err)
	}
	if got, _ := f.st.OutboxMessage(ctx, m.ID); got.Status != domain.OutboxSent {
		t.Fatalf("after the retry: %+v", got)
	}
}

func TestPublishingAReportTellsEveryUserButTheDisabledAndThoseWhoTurnedItOff(t *testing.T) {
	t.Parallel()
	f := newReportFixture(t)
	ctx := context.Background()
	gone := f.addLead("gone@example.org", f.drafted)
	if err := f.st.SetUserDisabled(ctx, f.manager, *gone.UserID, true); err != nil {
		t.Fatal(err)
	}
	quiet := f.addLead("quiet@example.org", f.drafted)
	if err := f.st.Unsubscribe(ctx, *quiet.UserID, domain.NotifyReportPublished); err != nil {
		t.Fatal(err)
	}
	before := len(outbox(t, f.st))
	if _, err := f.st.Publish(ctx, f.manager, f.period, store.Publication{HTML: []byte("report"), PDF: []byte("%PDF-1")}); err != nil {
		t.Fatal(err)
	}
	var to []string
	for _, m := range outbox(t, f.st)[before:] {
		if m.Kind != domain.NotifyReportPublished || m.UserID == nil || m.Path != "/periods/2009-10/published" {
			t.Errorf("published: %+v", m)
		}
		to = append(to, m.Recipients...)
	}
	slices.Sort(to)
	if want := []string{"lead@example.org", "manager@example.org"}; !slices.Equal(to, want) {
		t.Fatalf("the published report's email went to %q, want %q", to, want)
	}
}
