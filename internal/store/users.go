package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

const userColumns = `u.id, u.email, u.name, u.role, u.agency_id, coalesce(a.name, ''), u.password_hash,
	u.disabled, u.last_sign_in_at, u.sessions_valid_from, u.created_at, u.updated_at`

const userFrom = ` FROM users u LEFT JOIN agencies a ON a.id = u.agency_id `

func scanUser(row pgx.CollectableRow) (domain.User, error) {
	var u domain.User
	var role string
	err := row.Scan(&u.ID, &u.Email, &u.Name, &role, &u.AgencyID, &u.AgencyName, &u.PasswordHash,
		&u.Disabled, &u.LastSignInAt, &u.SessionsValidFrom, &u.CreatedAt, &u.UpdatedAt)
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

// SetPassword replaces a user's password hash and ends every session signed in
// before now. It returns that moment, so the manager changing their own password
// can keep the session they are using.
func (s *Store) SetPassword(ctx context.Context, actor domain.Actor, id int64, hash string) (time.Time, error) {
	var validFrom time.Time
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `UPDATE users SET password_hash = $2, sessions_valid_from = now(), updated_at = now()
			WHERE id = $1 RETURNING sessions_valid_from`, id, hash).Scan(&validFrom)
		if err != nil {
			return mapError(err)
		}
		// The hash itself never goes into the audit trail.
		return audit(ctx, tx, actor, "user.set_password", "user", id, nil)
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("set password for user %d: %w", id, err)
	}
	return validFrom, nil
}

// SetUserDisabled disables or enables a user.
func (s *Store) SetUserDisabled(ctx context.Context, actor domain.Actor, id int64, disabled bool) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var before bool
		if err := tx.QueryRow(ctx, `SELECT disabled FROM users WHERE id = $1 FOR UPDATE`, id).Scan(&before); err != nil {
			return mapError(err)
		}
		// Disabling also ends every session the user has.
		const q = `UPDATE users SET disabled = $2, updated_at = now(),
		           sessions_valid_from = CASE WHEN $2 THEN now() ELSE sessions_valid_from END WHERE id = $1`
		if _, err := tx.Exec(ctx, q, id, disabled); err != nil {
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

// RecordSignIn notes a successful sign-in, clears the failed attempts for that
// email and returns the database's time of the sign-in, which the session keeps.
func (s *Store) RecordSignIn(ctx context.Context, id int64, email string) (time.Time, error) {
	var at time.Time
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `UPDATE users SET last_sign_in_at = now() WHERE id = $1 RETURNING last_sign_in_at`, id).Scan(&at); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `DELETE FROM failed_sign_ins WHERE lower(email) = lower($1)`, email)
		return err
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("record sign-in for user %d: %w", id, err)
	}
	return at, nil
}

// ReserveSignIn decides whether a sign-in for email from address may be
// tried (domain.SignInLimits.Allow), counting the failures in PostgreSQL so
// every app server sees the same counts. It counts under a lock per address
// and then per email, and records this attempt as failed before the password
// is checked, so parallel guesses cannot all slip under the limits; a
// successful sign-in clears the email's count (RecordSignIn). When refused,
// it says when the attempt may be tried.
func (s *Store) ReserveSignIn(ctx context.Context, email, address string, limits domain.SignInLimits) (ok bool, retryAt time.Time, err error) {
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		const lock = `SELECT pg_advisory_xact_lock(hashtextextended('sign-in address ' || $1, 0)),
		                     pg_advisory_xact_lock(hashtextextended(lower($2), 0))`
		if _, err := tx.Exec(ctx, lock, address, email); err != nil {
			return err
		}
		var f domain.SignInFailures
		var now time.Time
		const q = `SELECT count(*) FILTER (WHERE lower(email) = lower($1) AND address = $2),
		                  count(*) FILTER (WHERE address = $2),
		                  count(*) FILTER (WHERE lower(email) = lower($1)),
		                  coalesce(min(attempted_at) FILTER (WHERE lower(email) = lower($1) AND address = $2), now()),
		                  coalesce(min(attempted_at) FILTER (WHERE address = $2), now()),
		                  coalesce(max(attempted_at) FILTER (WHERE lower(email) = lower($1)), now()),
		                  now()
		             FROM failed_sign_ins
		            WHERE (lower(email) = lower($1) OR address = $2) AND attempted_at > now() - make_interval(secs => $3)`
		if err := tx.QueryRow(ctx, q, email, address, limits.Window.Seconds()).Scan(
			&f.ByPair, &f.ByAddress, &f.ByEmail, &f.OldestPair, &f.OldestAddress, &f.LastEmail, &now); err != nil {
			return err
		}
		if ok, retryAt = limits.Allow(f, now); !ok {
			return nil
		}
		_, err := tx.Exec(ctx, `INSERT INTO failed_sign_ins (email, address) VALUES ($1, $2)`, email, address)
		return err
	})
	if err != nil {
		return false, time.Time{}, fmt.Errorf("reserve sign-in: %w", err)
	}
	return ok, retryAt, nil
}

// PruneFailedSignIns removes attempts older than the window, so the table stays small.
func (s *Store) PruneFailedSignIns(ctx context.Context, window time.Duration) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM failed_sign_ins WHERE attempted_at < now() - make_interval(secs => $1)`, window.Seconds())
	if err != nil {
		return fmt.Errorf("prune failed sign-ins: %w", err)
	}
	return nil
}
