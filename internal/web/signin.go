package web

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/alexedwards/argon2id"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// badSignIn is the one message for an unknown email and a wrong password alike.
const badSignIn = "Enter a correct email address and password"

// dummyHash is compared against when the email is unknown, so both failures take as long.
var dummyHash = func() string {
	h, err := argon2id.CreateHash("safeboard-timing-equaliser", argon2id.DefaultParams)
	if err != nil {
		panic(err)
	}
	return h
}()

type signInForm struct {
	Email    string `form:"email" label:"your email address" validate:"required,max=254"`
	Password string `form:"password" label:"your password" validate:"required,max=200"`
}

func (s *Server) signInForm(w http.ResponseWriter, r *http.Request) {
	if currentUser(r.Context()) != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, templates.SignIn(s.page(r, "Sign in", ""), templates.SignInView{}))
}

func (s *Server) signIn(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	form := signInForm{Email: field(r, "email"), Password: r.PostFormValue("password")}
	view := templates.SignInView{Email: form.Email}
	if errs := checkForm(form); errs != nil {
		view.Errors = errs
		s.renderSignIn(w, r, http.StatusUnprocessableEntity, view)
		return
	}

	// The limits count an attempt before the password is checked, so parallel
	// guesses cannot all slip under them; a successful sign-in takes it back.
	allowed, retryAt, err := s.store.ReserveSignIn(r.Context(), form.Email, clientAddress(r), signInLimits)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !allowed {
		s.tooManyAttempts(w, r, retryAt)
		return
	}

	user, ok, err := s.checkPassword(r, form)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !ok {
		view.Errors = domain.FieldErrors{{Field: "email", Message: badSignIn}}
		s.renderSignIn(w, r, http.StatusUnauthorized, view)
		return
	}
	if user.Disabled {
		view.Errors = domain.FieldErrors{{Field: "email", Message: "Your account has been disabled. Ask your board manager to enable it"}}
		s.renderSignIn(w, r, http.StatusForbidden, view)
		return
	}

	// A new token at sign-in stops session fixation.
	sess := sessionFrom(r.Context())
	if err := s.renewSession(r.Context(), sess); err != nil {
		s.serverError(w, r, err)
		return
	}
	signedInAt, err := s.store.RecordSignIn(r.Context(), user.ID, user.Email)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	sess.signIn(user.ID, signedInAt)
	http.Redirect(w, r, safeReturnTo(sess.popReturnTo()), http.StatusSeeOther)
}

// checkPassword finds the user and compares the password, spending the same
// time whether or not the email is known.
func (s *Server) checkPassword(r *http.Request, form signInForm) (*domain.User, bool, error) {
	user, err := s.store.UserByEmail(r.Context(), form.Email)
	if errors.Is(err, domain.ErrNotFound) {
		_, _ = argon2id.ComparePasswordAndHash(form.Password, dummyHash)
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	match, err := argon2id.ComparePasswordAndHash(form.Password, user.PasswordHash)
	if err != nil {
		return nil, false, err
	}
	return user, match, nil
}

func (s *Server) renderSignIn(w http.ResponseWriter, r *http.Request, status int, view templates.SignInView) {
	p := s.page(r, "Sign in", "")
	p.HasErrors = len(view.Errors) > 0
	s.render(w, r, status, templates.SignIn(p, view))
}

func (s *Server) tooManyAttempts(w http.ResponseWriter, r *http.Request, until time.Time) {
	w.Header().Set("Retry-After", retryAfterSeconds(until))
	s.render(w, r, http.StatusTooManyRequests, templates.SignInLocked(s.page(r, "Too many attempts to sign in", ""), until))
}

func (s *Server) signOut(w http.ResponseWriter, r *http.Request) {
	if err := s.destroySession(r.Context(), sessionFrom(r.Context())); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(w, r, "/login", "You have signed out")
}

// safeReturnTo only follows addresses on this site.
func safeReturnTo(to string) string {
	if to == "" || !strings.HasPrefix(to, "/") || strings.HasPrefix(to, "//") || strings.HasPrefix(to, "/\\") {
		return "/"
	}
	return to
}

func retryAfterSeconds(until time.Time) string {
	secs := int(time.Until(until).Seconds()) + 1
	if secs < 1 {
		secs = 1
	}
	return itoa(secs)
}
