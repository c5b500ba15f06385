// Package store holds every SQL statement Safeboard runs, each beside the Go
// method that runs it. Public methods own their transaction.
package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"safeboard/internal/domain"
)

// Store reads and writes Safeboard's data in Postgres.
type Store struct {
	pool *pgxpool.Pool
}

// Open connects to the database at url and checks that it answers.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("parse DATABASE_URL: %w", err)
	}
	sizePool(cfg, url)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	return &Store{pool: pool}, nil
}

// MinPoolConns is the fewest connections the pool may open when the address
// does not say (pool_max_conns). pgx's default is 4 on a machine of up to 4
// cores, and a page of performance figures runs its queries side by side on 3
// of them (Performance), besides the session's: two such pages at once would
// wait for each other. PostgreSQL allows 100 connections by default.
const MinPoolConns = 12

// sizePool raises the pool's size to MinPoolConns unless the address sets it.
func sizePool(cfg *pgxpool.Config, url string) {
	if !strings.Contains(url, "pool_max_conns") && cfg.MaxConns < MinPoolConns {
		cfg.MaxConns = MinPoolConns
	}
}

// New wraps an existing pool.
func New(pool *pgxpool.Pool) *Store { return &Store{pool: pool} }

// Pool exposes the pool for the session store and pool metrics.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Close closes every connection.
func (s *Store) Close() { s.pool.Close() }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.pool.Ping(ctx) }

// inTx runs fn in a transaction, committing when it returns nil.
func (s *Store) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, s.pool, fn)
}

// constraintFields maps unique constraints to the form field they concern.
var constraintFields = map[string]string{
	"agencies_slug_key": "slug",
	"agencies_name_key": "name",
	"users_email_key":   "email",
	"periods_label_key": "label",
	"periods_slug_key":  "label",
}

// mapError turns Postgres constraint violations into domain errors, in one place.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return domain.ErrNotFound
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505": // unique_violation
			if field, ok := constraintFields[pgErr.ConstraintName]; ok {
				return &domain.DuplicateError{Field: field}
			}
			return fmt.Errorf("%w: %s", domain.ErrConflict, pgErr.ConstraintName)
		case "23503", "23514": // foreign_key_violation, check_violation
			return fmt.Errorf("%w: %s", domain.ErrConflict, pgErr.ConstraintName)
		}
	}
	return err
}

// audit writes one audit event inside tx.
func audit(ctx context.Context, tx pgx.Tx, actor domain.Actor, action, entity string, entityID int64, details map[string]any) error {
	if details == nil {
		details = map[string]any{}
	}
	raw, err := json.Marshal(details)
	if err != nil {
		return fmt.Errorf("audit %s %s: %w", action, entity, err)
	}
	const q = `INSERT INTO audit_events (actor_id, actor_label, action, entity, entity_id, details)
	           VALUES ($1, $2, $3, $4, $5, $6)`
	if _, err := tx.Exec(ctx, q, actor.UserID, actor.Label, action, entity, entityID, raw); err != nil {
		return fmt.Errorf("audit %s %s: %w", action, entity, err)
	}
	return nil
}

// AuditEvents lists the audit events for one entity type, newest first.
func (s *Store) AuditEvents(ctx context.Context, entity string, limit int) ([]domain.AuditEvent, error) {
	const q = `SELECT id, actor_id, actor_label, occurred_at, action, entity, entity_id, details
	           FROM audit_events WHERE entity = $1 OR $1 = '' ORDER BY id DESC LIMIT $2`
	rows, err := s.pool.Query(ctx, q, entity, limit)
	if err != nil {
		return nil, fmt.Errorf("list audit events: %w", err)
	}
	events, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.AuditEvent, error) {
		var e domain.AuditEvent
		err := row.Scan(&e.ID, &e.ActorID, &e.ActorLabel, &e.OccurredAt, &e.Action, &e.Entity, &e.EntityID, &e.Details)
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("list audit events: %w", err)
	}
	return events, nil
}

// changes lists the fields whose values differ between before and after, for audit details.
func changes(before, after map[string]any) map[string]any {
	diff := map[string]any{}
	for k, a := range after {
		if b := before[k]; fmt.Sprint(b) != fmt.Sprint(a) {
			diff[k] = map[string]any{"from": b, "to": a}
		}
	}
	return diff
}

// BoardName is the board's name, or "" when none has been set.
func (s *Store) BoardName(ctx context.Context) (string, error) {
	var name string
	err := s.pool.QueryRow(ctx, `SELECT name FROM board WHERE id = 1`).Scan(&name)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("board name: %w", err)
	}
	return name, nil
}

// SetBoardName names the board.
func (s *Store) SetBoardName(ctx context.Context, actor domain.Actor, name string) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var before string
		_ = tx.QueryRow(ctx, `SELECT name FROM board WHERE id = 1`).Scan(&before)
		if before == name {
			return nil
		}
		if _, err := tx.Exec(ctx, `INSERT INTO board (id, name) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET name = excluded.name`, name); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "board.rename", "board", 1, map[string]any{"changes": changes(map[string]any{"name": before}, map[string]any{"name": name})})
	})
	if err != nil {
		return fmt.Errorf("set board name: %w", err)
	}
	return nil
}
