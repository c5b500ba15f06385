package web

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5/middleware"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// Sessions: the cookie holds a random token; PostgreSQL holds the session
// under the token's hash, with its user's id beside it, so one query reads the
// session, its user and the data version (store.ReadSession) before a page's
// own queries. The session is written back only when its data changed or its
// expiry would move by more than sessionTouchAfter.
const (
	sessionCookie = "safeboard_session"
	// sessionLifetime is how long a session lasts however busy it is.
	sessionLifetime = 12 * time.Hour
	// sessionIdle ends a session no request has written for this long.
	sessionIdle = 30 * time.Minute
	// sessionTouchAfter is how far the expiry must move before an unchanged
	// session is written again: within it, requests read and never write.
	sessionTouchAfter = time.Minute
)

// session is one request's view of the browser's session.
type session struct {
	token     string // the cookie's value; "" until the session is first saved
	data      store.Session
	changed   bool // data changed: save it all
	destroyed bool // its row was deleted: clear the cookie unless saved again
}

type sessionKeyType struct{}

var sessionKey sessionKeyType

// sessionFrom is the request's session. Outside loadSession (which every route
// but the static ones runs) it is a fresh one that is never saved.
func sessionFrom(ctx context.Context) *session {
	if sess, ok := ctx.Value(sessionKey).(*session); ok {
		return sess
	}
	return newSession(time.Now())
}

func newSession(now time.Time) *session {
	return &session{data: store.Session{Deadline: now.Add(sessionLifetime)}}
}

// signIn binds the session to the user who signed in at at (database time).
func (sess *session) signIn(userID int64, at time.Time) {
	sess.data.UserID, sess.data.SignedInAt = userID, at
	sess.changed = true
}

// resetSignedInAt keeps the session standing after its user's sessions were
// ended at at, as when the manager sets their own password.
func (sess *session) resetSignedInAt(at time.Time) {
	sess.data.SignedInAt = at
	sess.changed = true
}

// setFlash keeps a success banner for the next page.
func (sess *session) setFlash(message string, noFocus bool) {
	sess.data.Flash, sess.data.FlashNoFocus = message, noFocus
	sess.changed = true
}

// popFlash takes the banner, if there is one, for this page.
func (sess *session) popFlash() (message string, noFocus bool) {
	message, noFocus = sess.data.Flash, sess.data.FlashNoFocus
	if message != "" || noFocus {
		sess.data.Flash, sess.data.FlashNoFocus = "", false
		sess.changed = true
	}
	return message, noFocus
}

// setReturnTo remembers the page to go back to after signing in.
func (sess *session) setReturnTo(path string) {
	sess.data.ReturnTo = path
	sess.changed = true
}

// popReturnTo takes the page to go back to, if there is one.
func (sess *session) popReturnTo() string {
	to := sess.data.ReturnTo
	if to != "" {
		sess.data.ReturnTo = ""
		sess.changed = true
	}
	return to
}

// renew gives the session a new token, keeping its data: done at sign-in, so
// a token planted before it (session fixation) is worth nothing after.
func (s *Server) renewSession(ctx context.Context, sess *session) error {
	if sess.token != "" {
		if err := s.store.DeleteSession(ctx, tokenHash(sess.token)); err != nil {
			return err
		}
	}
	sess.token = ""
	sess.changed = true
	return nil
}

// destroySession ends the session: its row is deleted now and its data
// forgotten. Anything put in it afterwards starts a new session.
func (s *Server) destroySession(ctx context.Context, sess *session) error {
	if sess.token != "" {
		if err := s.store.DeleteSession(ctx, tokenHash(sess.token)); err != nil {
			return err
		}
	}
	*sess = session{data: store.Session{Deadline: time.Now().Add(sessionLifetime)}, destroyed: true}
	return nil
}

// loadSession reads the session named by the cookie, with its user and the
// data version, in one query, and puts them in the request's context. A
// session whose user is gone, disabled, or signed in before their sessions
// were ended (a new password, disabling) is destroyed. The session is saved,
// if it must be, before the response's first byte.
func (s *Server) loadSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Cookie")
		ctx := r.Context()
		sess := newSession(time.Now())
		var user *domain.User
		if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
			read, err := s.store.ReadSession(ctx, tokenHash(c.Value))
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			if read.Session != nil {
				sess.token, sess.data = c.Value, *read.Session
				user = read.User
			}
			ctx = withDataVersion(ctx, read.DataVersion)
			if sess.data.UserID != 0 && !stillSignedIn(sess.data, user) {
				if err := s.destroySession(ctx, sess); err != nil {
					s.serverError(w, r, err)
					return
				}
				user = nil
			}
		}
		ctx = context.WithValue(ctx, sessionKey, sess)
		if user != nil {
			ctx = withUser(ctx, user)
		}
		r = r.WithContext(ctx)
		sw := &sessionWriter{ResponseWriter: w, s: s, r: r, sess: sess}
		next.ServeHTTP(sw, r)
		sw.commit()
	})
}

// stillSignedIn says whether a signed-in session still stands for its user.
func stillSignedIn(data store.Session, u *domain.User) bool {
	switch {
	case u == nil || u.Disabled:
		return false
	case u.SessionsValidFrom != nil && data.SignedInAt.Before(*u.SessionsValidFrom):
		return false // signed in before a new password or disabling: the session has ended
	}
	return true
}

// saveSession writes the session if it must be and sets or clears the cookie:
// all of it when its data changed; only its expiry when that would move on by
// more than sessionTouchAfter; nothing otherwise.
func (s *Server) saveSession(ctx context.Context, w http.ResponseWriter, sess *session) error {
	expiry := time.Now().Add(sessionIdle)
	if sess.data.Deadline.Before(expiry) {
		expiry = sess.data.Deadline
	}
	switch {
	case sess.changed:
		if sess.token == "" {
			sess.token = newToken()
		}
		sess.data.Expiry = expiry
		if err := s.store.SaveSession(ctx, tokenHash(sess.token), sess.data); err != nil {
			return err
		}
	case sess.destroyed:
		s.writeSessionCookie(w, "", time.Time{})
		return nil
	case sess.token != "" && expiry.Sub(sess.data.Expiry) > sessionTouchAfter:
		sess.data.Expiry = expiry
		if err := s.store.TouchSession(ctx, tokenHash(sess.token), expiry); err != nil {
			return err
		}
	default:
		return nil
	}
	sess.changed = false
	s.writeSessionCookie(w, sess.token, expiry)
	return nil
}

// writeSessionCookie sets the cookie to token until expiry, or clears it
// when token is empty.
func (s *Server) writeSessionCookie(w http.ResponseWriter, token string, expiry time.Time) {
	c := &http.Cookie{
		Name:     sessionCookie,
		Value:    token,
		Path:     "/",
		HttpOnly: true,
		SameSite: http.SameSiteLaxMode,
		Secure:   s.cfg.SecureCookies,
	}
	if token == "" {
		c.Expires, c.MaxAge = time.Unix(1, 0), -1
	} else {
		c.Expires = time.Unix(expiry.Unix()+1, 0) // rounded up to the second
		c.MaxAge = int(time.Until(expiry).Seconds() + 1)
	}
	w.Header().Add("Set-Cookie", c.String())
}

// sessionWriter saves the session before the response's first byte, while
// the cookie can still be set. A session that cannot be saved turns the
// response into the error page, and what the handler writes after is dropped.
type sessionWriter struct {
	http.ResponseWriter
	s         *Server
	r         *http.Request
	sess      *session
	committed bool
	failed    bool
}

func (sw *sessionWriter) commit() {
	if sw.committed {
		return
	}
	sw.committed = true
	if err := sw.s.saveSession(sw.r.Context(), sw.ResponseWriter, sw.sess); err != nil {
		sw.failed = true
		sw.s.log.Error("save session", "request_id", middleware.GetReqID(sw.r.Context()), "error", err.Error())
		sw.ResponseWriter.Header().Del("Location")
		sw.s.renderStatus(sw.ResponseWriter, sw.r, http.StatusInternalServerError)
	}
}

func (sw *sessionWriter) WriteHeader(status int) {
	sw.commit()
	if !sw.failed {
		sw.ResponseWriter.WriteHeader(status)
	}
}

func (sw *sessionWriter) Write(b []byte) (int, error) {
	sw.commit()
	if sw.failed {
		return len(b), nil
	}
	return sw.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (sw *sessionWriter) Unwrap() http.ResponseWriter { return sw.ResponseWriter }

// newToken is 32 random bytes, as the cookie carries them.
func newToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return base64.RawURLEncoding.EncodeToString(b)
}

// tokenHash is what the store keeps of a token.
func tokenHash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}
