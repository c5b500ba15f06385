package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/alexedwards/argon2id"
	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// MinPasswordLength follows NCSC advice: length over complexity (domain.PasswordProblem).
const MinPasswordLength = domain.MinPasswordLength

type userForm struct {
	Name     string `form:"name" label:"the person’s full name" validate:"required,max=200"`
	Email    string `form:"email" label:"an email address" validate:"required,max=254,email"`
	Role     string `form:"role" label:"a role" choice:"true" validate:"required,oneof=manager chair lead member"`
	Agency   string `form:"agency" label:"an agency" choice:"true" validate:"max=60"`
	Password string `form:"password" label:"a password" validate:"omitempty,max=200,password"`
}

// passwordForm is a new password set by the manager: 12 characters or more,
// not only spaces, not on the list of common passwords (domain.PasswordProblem).
type passwordForm struct {
	Password string `form:"password" label:"the password" missing:"a new password" validate:"required,max=200,password"`
}

func readUserForm(r *http.Request) templates.UserFormValues {
	return templates.UserFormValues{
		Name: field(r, "name"), Email: field(r, "email"), Role: field(r, "role"),
		Agency: field(r, "agency"), Password: r.PostFormValue("password"),
	}
}

// userFields validates a user form; agency must be given exactly when the role is lead.
func (s *Server) userFields(ctx context.Context, v templates.UserFormValues, needPassword bool) (store.UserChange, domain.FieldErrors, error) {
	errs := checkForm(userForm(v))
	if needPassword && v.Password == "" {
		errs.Add("password", "Enter a password of at least 12 characters")
	}
	change := store.UserChange{Name: v.Name, Email: v.Email, Role: domain.Role(v.Role)}
	switch {
	case v.Role == string(domain.RoleLead) && v.Agency == "":
		errs.Add("agency", "Select the agency this lead works for")
	case v.Role != string(domain.RoleLead) && v.Agency != "" && errs.For("role") == "":
		errs.Add("agency", "Only agency leads belong to an agency: select ‘No agency’, or choose the agency lead role")
	case v.Agency != "":
		a, err := s.store.AgencyBySlug(ctx, v.Agency)
		if isNotFound(err) {
			errs.Add("agency", "Select an agency from the list")
		} else if err != nil {
			return change, nil, err
		} else {
			change.AgencyID = &a.ID
		}
	}
	return change, errs, nil
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) {
	users, err := s.store.Users(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, templates.UserList(s.page(r, "Users", "users"), users))
}

func (s *Server) newUserForm(w http.ResponseWriter, r *http.Request) {
	s.renderUserForm(w, r, http.StatusOK, templates.UserFormView{})
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	view := templates.UserFormView{Values: readUserForm(r)}
	change, errs, err := s.userFields(r.Context(), view.Values, true)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if errs == nil {
		hash, err := argon2id.CreateHash(view.Values.Password, argon2id.DefaultParams)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		_, err = s.store.CreateUser(r.Context(), domain.UserActor(currentUser(r.Context())), store.NewUser{
			Email: change.Email, Name: change.Name, Role: change.Role, AgencyID: change.AgencyID, PasswordHash: hash,
		})
		if errs = duplicateMessage(err); errs == nil {
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			s.flash(w, r, "/admin/users", change.Name+" has been added")
			return
		}
	}
	// A password is never sent back to the browser; the form says to type it again.
	view.PasswordCleared = view.Values.Password != "" && errs.For("password") == ""
	view.Values.Password = ""
	view.Errors = errs
	s.renderUserForm(w, r, http.StatusUnprocessableEntity, view)
}

func (s *Server) editUserForm(w http.ResponseWriter, r *http.Request) {
	u, err := s.userFromURL(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	view := templates.UserFormView{User: u, Values: templates.UserFormValues{
		Name: u.Name, Email: u.Email, Role: string(u.Role), Agency: s.agencySlug(r.Context(), u.AgencyID),
	}}
	s.renderUserForm(w, r, http.StatusOK, view)
}

func (s *Server) updateUser(w http.ResponseWriter, r *http.Request) {
	u, err := s.userFromURL(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	view := templates.UserFormView{User: u, Values: readUserForm(r)}
	view.Values.Password = ""
	change, errs, err := s.userFields(r.Context(), view.Values, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	me := currentUser(r.Context())
	if u.ID == me.ID && change.Role != domain.RoleManager && errs.For("role") == "" {
		errs.Add("role", "You cannot take the manager role from yourself: ask another manager to do it")
	}
	if errs == nil {
		err := s.store.UpdateUser(r.Context(), domain.UserActor(me), u.ID, change)
		if errs = duplicateMessage(err); errs == nil {
			if err != nil {
				s.renderError(w, r, err)
				return
			}
			s.flash(w, r, "/admin/users", change.Name+" has been saved")
			return
		}
	}
	view.Errors = errs
	s.renderUserForm(w, r, http.StatusUnprocessableEntity, view)
}

func (s *Server) renderUserForm(w http.ResponseWriter, r *http.Request, status int, view templates.UserFormView) {
	agencies, err := s.store.Agencies(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view.Agencies = agencies
	title := "Add a user"
	if view.User != nil {
		title = "Change a user"
	}
	p := s.page(r, title, "users")
	p.HasErrors = len(view.Errors) > 0
	s.render(w, r, status, templates.UserForm(p, view))
}

func (s *Server) passwordForm(w http.ResponseWriter, r *http.Request) {
	u, err := s.userFromURL(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, templates.PasswordForm(s.page(r, "Set a new password", "users"), u, nil))
}

func (s *Server) setPassword(w http.ResponseWriter, r *http.Request) {
	u, err := s.userFromURL(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	password := r.PostFormValue("password")
	if errs := checkForm(passwordForm{Password: password}); errs != nil {
		p := s.page(r, "Set a new password", "users")
		p.HasErrors = true
		s.render(w, r, http.StatusUnprocessableEntity, templates.PasswordForm(p, u, errs))
		return
	}
	hash, err := argon2id.CreateHash(password, argon2id.DefaultParams)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	me := currentUser(r.Context())
	validFrom, err := s.store.SetPassword(r.Context(), domain.UserActor(me), u.ID, hash)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	// A new password is often set because the old one may be known to someone else:
	// every session signed in before it ends, but the manager's own, here and now.
	if u.ID == me.ID {
		sessionFrom(r.Context()).resetSignedInAt(validFrom)
		s.flash(w, r, "/admin/users", "Your password has been changed")
		return
	}
	s.flash(w, r, "/admin/users", "A new password has been set for "+u.Name+", and they have been signed out")
}

func (s *Server) disableUser(w http.ResponseWriter, r *http.Request) { s.setDisabled(w, r, true) }

func (s *Server) enableUser(w http.ResponseWriter, r *http.Request) { s.setDisabled(w, r, false) }

// setDisabled disables or enables a user; disabling also ends every session they have.
func (s *Server) setDisabled(w http.ResponseWriter, r *http.Request, disabled bool) {
	u, err := s.userFromURL(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	me := currentUser(r.Context())
	if disabled && u.ID == me.ID {
		// The page offers no such button; refusing keeps a board from locking out its only manager.
		s.renderError(w, r, domain.ErrConflict)
		return
	}
	if err := s.store.SetUserDisabled(r.Context(), domain.UserActor(me), u.ID, disabled); err != nil {
		s.renderError(w, r, err)
		return
	}
	if !disabled {
		s.flash(w, r, "/admin/users", u.Name+" has been enabled")
		return
	}
	s.flash(w, r, "/admin/users", u.Name+" has been disabled and signed out")
}

func (s *Server) userFromURL(r *http.Request) (*domain.User, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, "userID"), 10, 64)
	if err != nil {
		return nil, domain.ErrNotFound
	}
	return s.store.UserByID(r.Context(), id)
}

func (s *Server) agencySlug(ctx context.Context, id *int64) string {
	if id == nil {
		return ""
	}
	a, err := s.store.AgencyByID(ctx, *id)
	if err != nil {
		return ""
	}
	return a.Slug
}
