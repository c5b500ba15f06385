package mail

import (
	"context"
	"log/slog"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// SendDue sends every message due in the outbox, one at a time, each claimed
// so no other server sends it too (store.SendNext). It returns how many were
// sent and how many refused (to be tried again later).
func SendDue(ctx context.Context, st *store.Store, s *Sender) (sent, refused int, err error) {
	for ctx.Err() == nil {
		var failed bool
		found, err := st.SendNext(ctx, func(m domain.OutboxMessage) error {
			sendCtx, cancel := context.WithTimeout(ctx, time.Minute)
			defer cancel()
			err := s.Send(sendCtx, m)
			failed = err != nil
			return err
		})
		if err != nil || !found {
			return sent, refused, err
		}
		if failed {
			refused++
		} else {
			sent++
		}
	}
	return sent, refused, ctx.Err()
}

// Work sends the outbox's messages every interval until ctx ends, and
// schedules the deadline reminders every schedule interval. Every server runs
// it: the outbox's claims and the reminders' keys make them act as one.
// Without a sender (no SAFEBOARD_SMTP_URL) messages stay in the outbox, and
// reminders are still scheduled, for the manager to see at /admin/outbox.
func Work(ctx context.Context, st *store.Store, s *Sender, log *slog.Logger, interval, schedule time.Duration) {
	send := time.NewTicker(interval)
	defer send.Stop()
	plan := time.NewTicker(schedule)
	defer plan.Stop()
	scheduleNow := func() {
		if n, err := st.ScheduleReminders(ctx, time.Now()); err != nil && ctx.Err() == nil {
			log.Warn("schedule reminders", "error", err)
		} else if n > 0 {
			log.Info("reminders queued", "count", n)
		}
	}
	scheduleNow()
	for {
		if s != nil {
			sent, refused, err := SendDue(ctx, st, s)
			if err != nil && ctx.Err() == nil {
				log.Warn("send email", "error", err)
			}
			if sent+refused > 0 {
				log.Info("emails sent", "sent", sent, "refused", refused)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-plan.C:
			scheduleNow()
		case <-send.C:
		}
	}
}
