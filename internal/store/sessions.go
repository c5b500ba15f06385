package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// Session is what a browser's session keeps between requests. Its token is
// the browser's; the store keeps only the token's SHA-256 hash.
type Session struct {
	UserID       int64     // 0 when no one has signed in
	SignedInAt   time.Time // database time of the sign-in; zero when no one has
	Flash        string    // the success banner for the next page
	FlashNoFocus bool      // the banner leaves focus where the page's address sends it
	ReturnTo     string    // the page to go to after signing in
	Deadline     time.Time // the session ends then, however busy
	Expiry       time.Time // the session ends then unless written again first
}

// SessionRead is what every page needs before its own queries, read in one round trip.
type SessionRead struct {
	// Session is nil when no unexpired session has the token.
	Session *Session
	// User is the session's user, nil when no one has signed in or the user is gone.
	// Whether the session still stands for them (disabled, a new password) is the caller's to judge.
	User *domain.User
	// DataVersion is the data version when the session was read (DataVersion).
	DataVersion int64
}

// ReadSession reads the unexpired session whose token hashes to tokenHash, its
// user and the data version, in one query.
func (s *Store) ReadSession(ctx context.Context, tokenHash []byte) (SessionRead, error) {
	const q = `SELECT (SELECT version FROM data_version),
		s.user_id, s.signed_in_at, s.flash, s.flash_no_focus, s.return_to, s.deadline, s.expiry,
		u.email, u.name, u.role, u.agency_id, coalesce(a.name, ''), u.password_hash,
		u.disabled, u.last_sign_in_at, u.sessions_valid_from, u.created_at, u.updated_at
		FROM sessions s LEFT JOIN users u ON u.id = s.user_id LEFT JOIN agencies a ON a.id = u.agency_id
		WHERE s.token_hash = $1 AND s.expiry > now()`
	var (
		read                    SessionRead
		sess                    Session
		userID                  *int64
		signedInAt              *time.Time
		email, name, role, hash *string
		disabled                *bool
		createdAt, updatedAt    *time.Time
		u                       domain.User
	)
	err := s.pool.QueryRow(ctx, q, tokenHash).Scan(&read.DataVersion,
		&userID, &signedInAt, &sess.Flash, &sess.FlashNoFocus, &sess.ReturnTo, &sess.Deadline, &sess.Expiry,
		&email, &name, &role, &u.AgencyID, &u.AgencyName, &hash,
		&disabled, &u.LastSignInAt, &u.SessionsValidFrom, &createdAt, &updatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return SessionRead{}, nil
	}
	if err != nil {
		return SessionRead{}, fmt.Errorf("read session: %w", err)
	}
	if userID != nil && signedInAt != nil {
		sess.UserID, sess.SignedInAt = *userID, *signedInAt
	}
	read.Session = &sess
	if email != nil { // the user exists: every NOT NULL column is there
		u.ID, u.Email, u.Name, u.Role, u.PasswordHash = *userID, *email, *name, domain.Role(*role), *hash
		u.Disabled, u.CreatedAt, u.UpdatedAt = *disabled, *createdAt, *updatedAt
		read.User = &u
	}
	return read, nil
}

// SaveSession writes a session under tokenHash, new or changed.
func (s *Store) SaveSession(ctx context.Context, tokenHash []byte, sess Session) error {
	const q = `INSERT INTO sessions (token_hash, user_id, signed_in_at, flash, flash_no_focus, return_to, deadline, expiry)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (token_hash) DO UPDATE SET user_id = EXCLUDED.user_id, signed_in_at = EXCLUDED.signed_in_at,
			flash = EXCLUDED.flash, flash_no_focus = EXCLUDED.flash_no_focus, return_to = EXCLUDED.return_to,
			deadline = EXCLUDED.deadline, expiry = EXCLUDED.expiry`
	var userID *int64
	var signedInAt *time.Time
	if sess.UserID != 0 {
		userID, signedInAt = &sess.UserID, &sess.SignedInAt
	}
	_, err := s.pool.Exec(ctx, q, tokenHash, userID, signedInAt, sess.Flash, sess.FlashNoFocus, sess.ReturnTo, sess.Deadline, sess.Expiry)
	if err != nil {
		return fmt.Errorf("save session: %w", err)
	}
	return nil
}

// TouchSession moves an unchanged session's expiry on.
func (s *Store) TouchSession(ctx context.Context, tokenHash []byte, expiry time.Time) error {
	if _, err := s.pool.Exec(ctx, `UPDATE sessions SET expiry = $2 WHERE token_hash = $1`, tokenHash, expiry); err != nil {
		return fmt.Errorf("touch session: %w", err)
	}
	return nil
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, tokenHash []byte) error {
	if _, err := s.pool.Exec(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// PruneSessions deletes expired sessions, so the table stays small.
func (s *Store) PruneSessions(ctx context.Context) error {
	if _, err := s.pool.Exec(ctx, `DELETE FROM sessions WHERE expiry <= now()`); err != nil {
		return fmt.Errorf("prune sessions: %w", err)
	}
	return nil
}

// DataVersion is the data version: a number that moves on whenever a
// transaction that changed what pages show commits (migration 0009). Something
// built from queries run after reading version N may be served for as long as
// the version is still N, by any server.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := s.pool.QueryRow(ctx, `SELECT version FROM data_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("data version: %w", err)
	}
	return v, nil
}
