package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// The outbox (issue 17). Every email is a row written by queue in the
// transaction of the change that causes it, so no email goes out for a change
// that was rolled back and none is lost for one that was kept. SendNext is
// the worker's side.

// queue writes e to the outbox in tx, for the users that where (SQL over
// users u, with args) chooses, leaving out disabled users and those who
// turned e's kind off. A kind nobody may turn off goes as one message to all
// of them; any other as one message to each, carrying its own unsubscribe
// link. A scheduled reminder already queued (its ScheduleKey) is not queued
// again. It returns how many messages it queued.
func queue(ctx context.Context, tx pgx.Tx, e domain.Email, where string, args ...any) (int, error) {
	info, ok := e.Kind.Info()
	if !ok {
		return 0, fmt.Errorf("queue email: unknown kind %q", e.Kind)
	}
	kindArg := fmt.Sprintf("$%d", len(args)+1)
	rows, err := tx.Query(ctx, `SELECT u.id, u.email FROM users u WHERE NOT u.disabled AND (`+where+`)
		AND NOT EXISTS (SELECT 1 FROM notification_opt_outs o WHERE o.user_id = u.id AND o.kind = `+kindArg+`)
		ORDER BY u.id`, append(args, e.Kind)...)
	if err != nil {
		return 0, fmt.Errorf("queue %s email: %w", e.Kind, err)
	}
	type person struct {
		id    int64
		email string
	}
	var people []person
	var p person
	if _, err := pgx.ForEachRow(rows, []any{&p.id, &p.email}, func() error { people = append(people, p); return nil }); err != nil {
		return 0, fmt.Errorf("queue %s email: %w", e.Kind, err)
	}
	if len(people) == 0 {
		return 0, nil
	}
	var key *string
	if e.ScheduleKey != "" {
		key = &e.ScheduleKey
	}
	if info.Always {
		to := make([]string, len(people))
		for i, p := range people {
			to[i] = p.email
		}
		tag, err := tx.Exec(ctx, `INSERT INTO outbox (kind, recipients, subject, body, reason, path, schedule_key)
			VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (schedule_key) DO NOTHING`, e.Kind, to, e.Subject, e.Body, e.Reason, e.Path, key)
		if err != nil {
			return 0, fmt.Errorf("queue %s email: %w", e.Kind, mapError(err))
		}
		return int(tag.RowsAffected()), nil
	}
	// One message to each, in one statement however many people (a published report goes to everyone).
	ids := make([]int64, len(people))
	emails := make([]string, len(people))
	for i, p := range people {
		ids[i], emails[i] = p.id, p.email
	}
	tag, err := tx.Exec(ctx, `INSERT INTO outbox (kind, user_id, recipients, subject, body, reason, path, schedule_key)
		SELECT $1, t.id, ARRAY[t.email], $4, $5, $6, $7, $8 FROM unnest($2::bigint[], $3::text[]) AS t(id, email)
		ON CONFLICT (schedule_key) DO NOTHING`, e.Kind, ids, emails, e.Subject, e.Body, e.Reason, e.Path, key)
	if err != nil {
		return 0, fmt.Errorf("queue %s email: %w", e.Kind, mapError(err))
	}
	return int(tag.RowsAffected()), nil
}

// The audiences of queue.
const (
	agencyLeads = `u.role = 'lead' AND u.agency_id = $1`
	ofRole      = `u.role = $1`
	everyone    = `true`
)

const outboxColumns = `id, kind, user_id, recipients, subject, body, reason, path, coalesce(schedule_key, ''), status,
	attempts, next_attempt_at, last_error, created_at, sent_at`

func scanOutbox(row pgx.CollectableRow) (domain.OutboxMessage, error) {
	var m domain.OutboxMessage
	err := row.Scan(&m.ID, &m.Kind, &m.UserID, &m.Recipients, &m.Subject, &m.Body, &m.Reason, &m.Path, &m.ScheduleKey,
		&m.Status, &m.Attempts, &m.NextAttemptAt, &m.LastError, &m.CreatedAt, &m.SentAt)
	return m, err
}

// OutboxQuery chooses messages of the outbox: of one status (all when
// empty), newest first, at most Limit.
type OutboxQuery struct {
	Status domain.OutboxStatus
	Limit  int
}

// Outbox lists the outbox's messages, newest first, with the count of each status.
func (s *Store) Outbox(ctx context.Context, q OutboxQuery) ([]domain.OutboxMessage, map[domain.OutboxStatus]int, error) {
	if q.Limit <= 0 {
		q.Limit = 200
	}
	rows, err := s.pool.Query(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE status = $1 OR $1 = ''
		ORDER BY created_at DESC, id DESC LIMIT $2`, q.Status, q.Limit)
	if err != nil {
		return nil, nil, fmt.Errorf("outbox: %w", err)
	}
	list, err := pgx.CollectRows(rows, scanOutbox)
	if err != nil {
		return nil, nil, fmt.Errorf("outbox: %w", err)
	}
	counts := map[domain.OutboxStatus]int{}
	rows, err = s.pool.Query(ctx, `SELECT status, count(*) FROM outbox GROUP BY status`)
	if err != nil {
		return nil, nil, fmt.Errorf("outbox counts: %w", err)
	}
	var status domain.OutboxStatus
	var n int
	if _, err := pgx.ForEachRow(rows, []any{&status, &n}, func() error { counts[status] = n; return nil }); err != nil {
		return nil, nil, fmt.Errorf("outbox counts: %w", err)
	}
	return list, counts, nil
}

// OutboxMessage reads one message of the outbox.
func (s *Store) OutboxMessage(ctx context.Context, id int64) (*domain.OutboxMessage, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE id = $1`, id)
	if err != nil {
		return nil, fmt.Errorf("outbox message %d: %w", id, err)
	}
	m, err := pgx.CollectExactlyOneRow(rows, scanOutbox)
	if err != nil {
		return nil, fmt.Errorf("outbox message %d: %w", id, mapError(err))
	}
	return &m, nil
}

// SendNext claims the oldest message due to be sent, skipping any that
// another worker holds (FOR UPDATE SKIP LOCKED, so two servers never send one
// message twice), and sends it with send while holding it. A message sent is
// marked sent; one refused is tried again after domain.SendBackoff, and
// marked failed after domain.MaxSendAttempts. It reports whether there was a
// message to send.
func (s *Store) SendNext(ctx context.Context, send func(domain.OutboxMessage) error) (bool, error) {
	found := false
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT `+outboxColumns+` FROM outbox
			WHERE status = 'queued' AND next_attempt_at <= now()
			ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`)
		if err != nil {
			return err
		}
		m, err := pgx.CollectExactlyOneRow(rows, scanOutbox)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		found = true
		attempts := m.Attempts + 1
		if sendErr := send(m); sendErr != nil {
			status := domain.OutboxQueued
			if attempts >= domain.MaxSendAttempts {
				status = domain.OutboxFailed
			}
			msg := []rune(sendErr.Error())
			if len(msg) > 1000 {
				msg = msg[:1000]
			}
			_, err = tx.Exec(ctx, `UPDATE outbox SET attempts = $2, status = $3, last_error = $4,
				next_attempt_at = now() + $5::interval WHERE id = $1`,
				m.ID, attempts, status, string(msg), domain.SendBackoff(attempts))
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE outbox SET attempts = $2, status = 'sent', sent_at = now(), last_error = '' WHERE id = $1`, m.ID, attempts)
		return err
	})
	if err != nil {
		return found, fmt.Errorf("send the next email: %w", err)
	}
	return found, nil
}

// RetryMessage queues a failed message to be sent again now, with its
// attempts counted afresh; a message not failed is refused (domain.ErrConflict).
func (s *Store) RetryMessage(ctx context.Context, actor domain.Actor, id int64) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE outbox SET status = 'queued', attempts = 0, next_attempt_at = now()
			WHERE id = $1 AND status = 'failed'`, id)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			var status string
			if err := tx.QueryRow(ctx, `SELECT status FROM outbox WHERE id = $1`, id).Scan(&status); err != nil {
				return mapError(err)
			}
			return fmt.Errorf("%w: the message is %s, not failed", domain.ErrConflict, status)
		}
		return audit(ctx, tx, actor, "outbox.retry", "outbox", id, nil)
	})
	if err != nil {
		return fmt.Errorf("retry email %d: %w", id, err)
	}
	return nil
}

// MailSecret is the key that signs unsubscribe links, the same for every server.
func (s *Store) MailSecret(ctx context.Context) ([]byte, error) {
	var secret []byte
	if err := s.pool.QueryRow(ctx, `SELECT secret FROM mail_secret`).Scan(&secret); err != nil {
		return nil, fmt.Errorf("mail secret: %w", err)
	}
	return secret, nil
}

// TurnedOff lists the kinds of email the user has turned off.
func (s *Store) TurnedOff(ctx context.Context, userID int64) (map[domain.NotificationKind]bool, error) {
	rows, err := s.pool.Query(ctx, `SELECT kind FROM notification_opt_outs WHERE user_id = $1`, userID)
	if err != nil {
		return nil, fmt.Errorf("notification choices of user %d: %w", userID, err)
	}
	off := map[domain.NotificationKind]bool{}
	var kind domain.NotificationKind
	if _, err := pgx.ForEachRow(rows, []any{&kind}, func() error { off[kind] = true; return nil }); err != nil {
		return nil, fmt.Errorf("notification choices of user %d: %w", userID, err)
	}
	return off, nil
}

// SetNotifications records which kinds of email the user gets: every kind
// that may be turned off is on unless it is in off. A kind that may not be
// turned off is refused (domain.ErrConflict).
func (s *Store) SetNotifications(ctx context.Context, actor domain.Actor, userID int64, off []domain.NotificationKind) error {
	for _, k := range off {
		if !k.CanTurnOff() {
			return fmt.Errorf("notification choices: %w: %q cannot be turned off", domain.ErrConflict, k)
		}
	}
	if off == nil {
		off = []domain.NotificationKind{} // nil would be NULL, which = ANY never matches
	}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM notification_opt_outs WHERE user_id = $1 AND NOT (kind = ANY($2))`, userID, off); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO notification_opt_outs (user_id, kind) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, userID, off); err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, actor, "user.notifications", "user", userID, map[string]any{"off": off})
	})
	if err != nil {
		return fmt.Errorf("notification choices of user %d: %w", userID, err)
	}
	return nil
}

// Unsubscribe turns one kind of email off for a user who followed the
// unsubscribe link of a message (signed, so no sign-in is needed).
func (s *Store) Unsubscribe(ctx context.Context, userID int64, kind domain.NotificationKind) error {
	if !kind.CanTurnOff() {
		return fmt.Errorf("unsubscribe: %w: %q cannot be turned off", domain.ErrConflict, kind)
	}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var email string
		if err := tx.QueryRow(ctx, `SELECT email FROM users WHERE id = $1`, userID).Scan(&email); err != nil {
			return mapError(err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO notification_opt_outs (user_id, kind) VALUES ($1, $2) ON CONFLICT DO NOTHING`, userID, kind); err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, domain.Actor{Label: email + " (unsubscribe link)"}, "user.unsubscribe", "user", userID, map[string]any{"kind": kind})
	})
	if err != nil {
		return fmt.Errorf("unsubscribe user %d from %s: %w", userID, kind, err)
	}
	return nil
}

// londonToday is now's calendar day in London.
func londonToday(now time.Time) time.Time { return now.In(domain.London()) }
