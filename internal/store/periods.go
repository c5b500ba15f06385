package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

const periodColumns = `id, label, slug, starts_on, ends_on, deadline, is_open, carried_from, carried_at, created_at, updated_at`

func scanPeriod(row pgx.CollectableRow) (domain.Period, error) {
	var p domain.Period
	err := row.Scan(&p.ID, &p.Label, &p.Slug, &p.StartsOn, &p.EndsOn, &p.Deadline, &p.IsOpen, &p.CarriedFrom, &p.CarriedAt, &p.CreatedAt, &p.UpdatedAt)
	return p, err
}

// Periods lists every reporting period, newest first.
func (s *Store) Periods(ctx context.Context) ([]domain.Period, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+periodColumns+` FROM periods ORDER BY starts_on DESC`)
	if err != nil {
		return nil, fmt.Errorf("list periods: %w", err)
	}
	periods, err := pgx.CollectRows(rows, scanPeriod)
	if err != nil {
		return nil, fmt.Errorf("list periods: %w", err)
	}
	return periods, nil
}

// PeriodBySlug finds a period by its address form, such as 2009-10.
func (s *Store) PeriodBySlug(ctx context.Context, slug string) (*domain.Period, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+periodColumns+` FROM periods WHERE slug = $1`, slug)
	if err != nil {
		return nil, fmt.Errorf("period %q: %w", slug, err)
	}
	p, err := pgx.CollectExactlyOneRow(rows, scanPeriod)
	if err != nil {
		return nil, fmt.Errorf("period %q: %w", slug, mapError(err))
	}
	return &p, nil
}

// PeriodFields are the editable fields of a period.
type PeriodFields struct {
	Label    string
	StartsOn time.Time
	EndsOn   time.Time
	Deadline *time.Time
	IsOpen   bool
}

func (f PeriodFields) audit() map[string]any {
	var deadline any
	if f.Deadline != nil {
		deadline = f.Deadline.Format(time.DateOnly)
	}
	return map[string]any{
		"label": f.Label, "starts_on": f.StartsOn.Format(time.DateOnly), "ends_on": f.EndsOn.Format(time.DateOnly),
		"deadline": deadline, "is_open": f.IsOpen,
	}
}

// CreatePeriod adds a reporting period.
func (s *Store) CreatePeriod(ctx context.Context, actor domain.Actor, f PeriodFields) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		const q = `INSERT INTO periods (label, slug, starts_on, ends_on, deadline, is_open)
		           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`
		err := tx.QueryRow(ctx, q, f.Label, domain.PeriodSlug(f.Label), f.StartsOn, f.EndsOn, f.Deadline, f.IsOpen).Scan(&id)
		if err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, actor, "period.create", "period", id, map[string]any{"after": f.audit()})
	})
	if err != nil {
		return 0, fmt.Errorf("create period %q: %w", f.Label, err)
	}
	return id, nil
}

// UpdatePeriod changes a period's dates, deadline and whether it is open.
func (s *Store) UpdatePeriod(ctx context.Context, actor domain.Actor, id int64, f PeriodFields) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var b PeriodFields
		err := tx.QueryRow(ctx, `SELECT label, starts_on, ends_on, deadline, is_open FROM periods WHERE id = $1 FOR UPDATE`, id).
			Scan(&b.Label, &b.StartsOn, &b.EndsOn, &b.Deadline, &b.IsOpen)
		if err != nil {
			return mapError(err)
		}
		const q = `UPDATE periods SET label = $2, slug = $3, starts_on = $4, ends_on = $5, deadline = $6, is_open = $7,
		           updated_at = now() WHERE id = $1`
		if _, err := tx.Exec(ctx, q, id, f.Label, domain.PeriodSlug(f.Label), f.StartsOn, f.EndsOn, f.Deadline, f.IsOpen); err != nil {
			return mapError(err)
		}
		action := "period.update"
		if b.IsOpen != f.IsOpen {
			action = map[bool]string{true: "period.open", false: "period.close"}[f.IsOpen]
		}
		return audit(ctx, tx, actor, action, "period", id, map[string]any{"changes": changes(b.audit(), f.audit())})
	})
	if err != nil {
		return fmt.Errorf("update period %d: %w", id, err)
	}
	return nil
}

// PeriodByID finds one period.
func (s *Store) PeriodByID(ctx context.Context, id int64) (*domain.Period, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+periodColumns+` FROM periods WHERE id = $1`, id)
	if err != nil {
		return nil, fmt.Errorf("period %d: %w", id, err)
	}
	p, err := pgx.CollectExactlyOneRow(rows, scanPeriod)
	if err != nil {
		return nil, fmt.Errorf("period %d: %w", id, mapError(err))
	}
	return &p, nil
}

// SetPeriodOpen opens or closes a period, changing nothing else about it.
// A period opens only with a deadline for returns (domain.ErrNoDeadline).
func (s *Store) SetPeriodOpen(ctx context.Context, actor domain.Actor, id int64, open bool) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var before bool
		var p domain.Period
		if err := tx.QueryRow(ctx, `SELECT is_open, deadline FROM periods WHERE id = $1 FOR UPDATE`, id).Scan(&before, &p.Deadline); err != nil {
			return mapError(err)
		}
		if before == open {
			return nil // already so: nothing changes, nothing to audit
		}
		if open {
			if err := p.CanOpen(); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE periods SET is_open = $2, updated_at = now() WHERE id = $1`, id, open); err != nil {
			return err
		}
		action := map[bool]string{true: "period.open", false: "period.close"}[open]
		return audit(ctx, tx, actor, action, "period", id, map[string]any{
			"changes": map[string]any{"is_open": map[string]any{"from": before, "to": open}},
		})
	})
	if err != nil {
		return fmt.Errorf("set period %d open=%t: %w", id, open, err)
	}
	return nil
}
