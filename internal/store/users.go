package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

const userColumns = `u.id, u.email, u.name, u.role, u.agency_id, coalesce(a.name, ''), u.password_hash,
	u.disabled, u.last_sign_in_at, u.created_at, u.updated_at`

const userFrom = ` FROM users u LEFT JOIN agencies a ON a.id = u.agency_id `

func scanUser(row pgx.CollectableRow) (domain.User, error) {
	var u domain.User
	var role string
	err := row.Scan(&u.ID, &u.Email, &u.Name, &role, &u.AgencyID, &u.AgencyName, &u.PasswordHash,
		&u.Disabled, &u.LastSignInAt, &u.CreatedAt, &u.UpdatedAt)
	u.Role = domain.Role(role)
	return u, err
}

func (s *Store) oneUser(ctx context.Context, where string, arg any) (*domain.User, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+userColumns+userFrom+where, arg)
	if err != nil {
		return nil, err
	}
	u, err := pgx.CollectExactlyOneRow(rows, scanUser)
	if err != nil {
		return nil, mapError(err)
	}
	return &u, nil
}

// UserByID finds a user by id.
func (s *Store) UserByID(ctx context.Context, id int64) (*domain.User, error) {
	u, err := s.oneUser(ctx, `WHERE u.id = $1`, id)
	if err != nil {
		return nil, fmt.Errorf("user %d: %w", id, err)
	}
	return u, nil
}

// UserByEmail finds a user by email address, ignoring case.
func (s *Store) UserByEmail(ctx context.Context, email string) (*domain.User, error) {
	u, err := s.oneUser(ctx, `WHERE lower(u.email) = lower($1)`, email)
	if err != nil {
		return nil, fmt.Errorf("user by email: %w", err)
	}
	return u, nil
}

// Users lists every user, managers first, then by name.
func (s *Store) Users(ctx context.Context) ([]domain.User, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+userColumns+userFrom+`
		ORDER BY array_position(ARRAY['manager','chair','member','lead'], u.role), coalesce(a.display_order, 0), lower(u.name)`)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	users, err := pgx.CollectRows(rows, scanUser)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return users, nil
}

// NewUser is what it takes to add a user.
type NewUser struct {
	Email        string
	Name         string
	Role         domain.Role
	AgencyID     *int64
	PasswordHash string
}

// CreateUser adds a user and records who added them.
func (s *Store) CreateUser(ctx context.Context, actor domain.Actor, nu NewUser) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		const q = `INSERT INTO users (email, name, role, agency_id, password_hash)
		           VALUES ($1, $2, $3, $4, $5) RETURNING id`
		if err := tx.QueryRow(ctx, q, nu.Email, nu.Name, nu.Role, nu.AgencyID, nu.PasswordHash).Scan(&id); err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, actor, "user.create", "user", id, map[string]any{
			"after": map[string]any{"email": nu.Email, "name": nu.Name, "role": nu.Role, "agency_id": nu.AgencyID},
		})
	})
	if err != nil {
		return 0, fmt.Errorf("create user %s: %w", nu.Email, err)
	}
	return id, nil
}

// UserChange is what the manager may change about a user.
type UserChange struct {
	Name     string
	Email    string
	Role     domain.Role
	AgencyID *int64
}

// UpdateUser changes a user's name, email, role and agency.
func (s *Store) UpdateUser(ctx context.Context, actor domain.Actor, id int64, c UserChange) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var before UserChange
		var role string
		err := tx.QueryRow(ctx, `SELECT name, email, role, agency_id FROM users WHERE id = $1 FOR UPDATE`, id).
			Scan(&before.Name, &before.Email, &role, &before.AgencyID)
		if err != nil {
			return mapError(err)
		}
		before.Role = domain.Role(role)
		const q = `UPDATE users SET name = $2, email = $3, role = $4, agency_id = $5, updated_at = now() WHERE id = $1`
		if _, err := tx.Exec(ctx, q, id, c.Name, c.Email, c.Role, c.AgencyID); err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, actor, "user.update", "user", id, map[string]any{
			"changes": changes(userFields(before), userFields(c)),
		})
	})
	if err != nil {
		return fmt.Errorf("update user %d: %w", id, err)
	}
	return nil
}

func userFields(c UserChange) map[string]any {
	var agency any
	if c.AgencyID != nil {
		agency = *c.AgencyID
	}
	return map[string]any{"name": c.Name, "email": c.Email, "role": string(c.Role), "agency_id": agency}
}

// SetPassword replaces a user's password hash.
func (s *Store) SetPassword(ctx context.Context, actor domain.Actor, id int64, hash string) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, id, hash)
		if err != nil {
			return mapError(err)
		}
		if tag.RowsAffected() == 0 {
			return domain.ErrNotFound
		}
		// The hash itself never goes into the audit trail.
		return audit(ctx, tx, actor, "user.set_password", "user", id, nil)
	})
	if err != nil {
		return fmt.Errorf("set password for user %d: %w", id, err)
	}
	return nil
}

// SetUserDisabled disables or enables a user.
func (s *Store) SetUserDisabled(ctx context.Context, actor domain.Actor, id int64, disabled bool) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var before bool
		if err := tx.QueryRow(ctx, `SELECT disabled FROM users WHERE id = $1 FOR UPDATE`, id).Scan(&before); err != nil {
			return mapError(err)
		}
		if _, err := tx.Exec(ctx, `UPDATE users SET disabled = $2, updated_at = now() WHERE id = $1`, id, disabled); err != nil {
			return mapError(err)
		}
		action := "user.enable"
		if disabled {
			action = "user.disable"
		}
		return audit(ctx, tx, actor, action, "user", id, map[string]any{
			"changes": changes(map[string]any{"disabled": before}, map[string]any{"disabled": disabled}),
		})
	})
	if err != nil {
		return fmt.Errorf("set user %d disabled=%t: %w", id, disabled, err)
	}
	return nil
}

// RecordSignIn notes a successful sign-in and clears the failed attempts for that email.
func (s *Store) RecordSignIn(ctx context.Context, id int64, email string) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE users SET last_sign_in_at = now() WHERE id = $1`, id); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `DELETE FROM failed_sign_ins WHERE lower(email) = lower($1)`, email)
		return err
	})
	if err != nil {
		return fmt.Errorf("record sign-in for user %d: %w", id, err)
	}
	return nil
}

// RecordFailedSignIn notes a failed sign-in for an email address, known or not.
func (s *Store) RecordFailedSignIn(ctx context.Context, email string) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO failed_sign_ins (email) VALUES ($1)`, email)
	if err != nil {
		return fmt.Errorf("record failed sign-in: %w", err)
	}
	return nil
}

// FailedSignIns counts the failed sign-ins for an email within the window, and
// says when the oldest of them leaves the window.
func (s *Store) FailedSignIns(ctx context.Context, email string, window time.Duration) (count int, oldest time.Time, err error) {
	const q = `SELECT count(*), coalesce(min(attempted_at), now())
	           FROM failed_sign_ins WHERE lower(email) = lower($1) AND attempted_at > now() - make_interval(secs => $2)`
	var when time.Time
	if err := s.pool.QueryRow(ctx, q, email, window.Seconds()).Scan(&count, &when); err != nil {
		return 0, time.Time{}, fmt.Errorf("count failed sign-ins: %w", err)
	}
	return count, when, nil
}

// PruneFailedSignIns removes attempts older than the window, so the table stays small.
func (s *Store) PruneFailedSignIns(ctx context.Context, window time.Duration) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM failed_sign_ins WHERE attempted_at < now() - make_interval(secs => $1)`, window.Seconds())
	if err != nil {
		return fmt.Errorf("prune failed sign-ins: %w", err)
	}
	return nil
}
