package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// EnsureAgency adds the agency unless one with its slug exists; it reports the id either way.
func (s *Store) EnsureAgency(ctx context.Context, actor domain.Actor, f AgencyFields) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `SELECT id FROM agencies WHERE slug = $1`, f.Slug).Scan(&id)
		if err == nil {
			return nil
		}
		if err != pgx.ErrNoRows {
			return err
		}
		const q = `INSERT INTO agencies (name, slug, short_name, sector, group_name, display_order, active)
		           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`
		if err := tx.QueryRow(ctx, q, f.Name, f.Slug, f.ShortName, f.Sector, f.GroupName, f.DisplayOrder, f.Active).Scan(&id); err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, actor, "agency.create", "agency", id, map[string]any{"after": f.audit()})
	})
	if err != nil {
		return 0, fmt.Errorf("ensure agency %q: %w", f.Slug, err)
	}
	return id, nil
}

// EnsurePeriod adds the period unless one with its label exists.
func (s *Store) EnsurePeriod(ctx context.Context, actor domain.Actor, f PeriodFields) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `SELECT id FROM periods WHERE label = $1`, f.Label).Scan(&id)
		if err == nil {
			return nil
		}
		if err != pgx.ErrNoRows {
			return err
		}
		const q = `INSERT INTO periods (label, slug, starts_on, ends_on, deadline, is_open)
		           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`
		if err := tx.QueryRow(ctx, q, f.Label, domain.PeriodSlug(f.Label), f.StartsOn, f.EndsOn, f.Deadline, f.IsOpen).Scan(&id); err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, actor, "period.create", "period", id, map[string]any{"after": f.audit()})
	})
	if err != nil {
		return 0, fmt.Errorf("ensure period %q: %w", f.Label, err)
	}
	return id, nil
}

// EnsureUser adds the user unless their email exists, and in either case sets the
// password hash, so the demo logins always work with the demo password.
func (s *Store) EnsureUser(ctx context.Context, actor domain.Actor, nu NewUser) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `SELECT id FROM users WHERE lower(email) = lower($1)`, nu.Email).Scan(&id)
		if err == pgx.ErrNoRows {
			const q = `INSERT INTO users (email, name, role, agency_id, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`
			if err := tx.QueryRow(ctx, q, nu.Email, nu.Name, nu.Role, nu.AgencyID, nu.PasswordHash).Scan(&id); err != nil {
				return mapError(err)
			}
			return audit(ctx, tx, actor, "user.create", "user", id, map[string]any{
				"after": map[string]any{"email": nu.Email, "name": nu.Name, "role": nu.Role, "agency_id": nu.AgencyID},
			})
		}
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE users SET password_hash = $2 WHERE id = $1`, id, nu.PasswordHash)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("ensure user %s: %w", nu.Email, err)
	}
	return id, nil
}

// UsersOutsideDomain counts users whose email is not at domain or one of its
// subdomains; the demo loader refuses to touch a database that holds real accounts.
func (s *Store) UsersOutsideDomain(ctx context.Context, domain string) (int, error) {
	var n int
	const q = `SELECT count(*) FROM users
	           WHERE NOT (lower(split_part(email, '@', 2)) = lower($1) OR lower(split_part(email, '@', 2)) LIKE '%.' || lower($1))`
	err := s.pool.QueryRow(ctx, q, domain).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count users: %w", err)
	}
	return n, nil
}
