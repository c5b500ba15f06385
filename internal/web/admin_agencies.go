package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

type agencyForm struct {
	Name         string `form:"name" label:"the agency’s name" validate:"required,max=200"`
	ShortName    string `form:"short_name" label:"a short name" validate:"required,max=60"`
	Slug         string `form:"slug" label:"the address name" validate:"required,max=60,slug"`
	Sector       string `form:"sector" label:"a sector" choice:"true" validate:"required,max=100"`
	GroupName    string `form:"group_name" label:"the group" validate:"max=200"`
	DisplayOrder string `form:"display_order" label:"the display order" validate:"required,number,max=6"`
	Active       string `form:"active" label:"whether the agency is active" choice:"true" validate:"required,oneof=yes no"`
}

func readAgencyForm(r *http.Request) templates.AgencyFormValues {
	return templates.AgencyFormValues{
		Name: field(r, "name"), ShortName: field(r, "short_name"), Slug: field(r, "slug"),
		Sector: field(r, "sector"), GroupName: field(r, "group_name"),
		DisplayOrder: field(r, "display_order"), Active: field(r, "active"),
	}
}

// agencyFields validates what was typed; the conversion keeps the form and its view in step.
func agencyFields(v templates.AgencyFormValues) (store.AgencyFields, domain.FieldErrors) {
	f := agencyForm(v)
	errs := checkForm(f)
	order, err := strconv.Atoi(f.DisplayOrder)
	if err != nil && errs.For("display_order") == "" {
		errs.Add("display_order", "The display order must be a whole number, like 10")
	}
	return store.AgencyFields{
		Name: f.Name, ShortName: f.ShortName, Slug: f.Slug, Sector: f.Sector,
		GroupName: f.GroupName, DisplayOrder: order, Active: f.Active == "yes",
	}, errs
}

func (s *Server) listAgencies(w http.ResponseWriter, r *http.Request) {
	agencies, err := s.store.Agencies(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, templates.AgencyList(s.page(r, "Agencies", "agencies"), agencies))
}

func (s *Server) newAgencyForm(w http.ResponseWriter, r *http.Request) {
	view := templates.AgencyFormView{Values: templates.AgencyFormValues{Active: "yes", DisplayOrder: "0"}}
	s.renderAgencyForm(w, r, http.StatusOK, view)
}

func (s *Server) createAgency(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	view := templates.AgencyFormView{Values: readAgencyForm(r)}
	fields, errs := agencyFields(view.Values)
	if errs == nil {
		_, err := s.store.CreateAgency(r.Context(), domain.UserActor(currentUser(r.Context())), fields)
		if errs = duplicateMessage(err); errs == nil {
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			s.flash(w, r, "/admin/agencies", fields.Name+" has been added")
			return
		}
	}
	view.Errors = errs
	s.renderAgencyForm(w, r, http.StatusUnprocessableEntity, view)
}

func (s *Server) editAgencyForm(w http.ResponseWriter, r *http.Request) {
	a, err := s.agencyFromURL(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	active := "no"
	if a.Active {
		active = "yes"
	}
	view := templates.AgencyFormView{ID: a.ID, Values: templates.AgencyFormValues{
		Name: a.Name, ShortName: a.ShortName, Slug: a.Slug, Sector: a.Sector, GroupName: a.GroupName,
		DisplayOrder: strconv.Itoa(a.DisplayOrder), Active: active,
	}}
	s.renderAgencyForm(w, r, http.StatusOK, view)
}

func (s *Server) updateAgency(w http.ResponseWriter, r *http.Request) {
	a, err := s.agencyFromURL(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	view := templates.AgencyFormView{ID: a.ID, Values: readAgencyForm(r)}
	fields, errs := agencyFields(view.Values)
	if errs == nil {
		err := s.store.UpdateAgency(r.Context(), domain.UserActor(currentUser(r.Context())), a.ID, fields)
		if errs = duplicateMessage(err); errs == nil {
			if err != nil {
				s.renderError(w, r, err)
				return
			}
			s.flash(w, r, "/admin/agencies", fields.Name+" has been saved")
			return
		}
	}
	view.Errors = errs
	s.renderAgencyForm(w, r, http.StatusUnprocessableEntity, view)
}

func (s *Server) renderAgencyForm(w http.ResponseWriter, r *http.Request, status int, view templates.AgencyFormView) {
	groups, err := s.store.AgencyGroups(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view.Groups = groups
	title := "Add an agency"
	if view.ID != 0 {
		title = "Change an agency"
	}
	p := s.page(r, title, "agencies")
	p.HasErrors = len(view.Errors) > 0
	s.render(w, r, status, templates.AgencyForm(p, view))
}

func (s *Server) agencyFromURL(r *http.Request) (*domain.Agency, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, "agencyID"), 10, 64)
	if err != nil {
		return nil, domain.ErrNotFound
	}
	return s.store.AgencyByID(r.Context(), id)
}

// duplicateMessages say which value is already taken, per form field.
var duplicateMessages = map[string]string{
	"name":  "An agency with this name already exists",
	"slug":  "Another agency already uses this address name",
	"email": "A user with this email address already exists",
	"label": "This period already exists",
}

// duplicateMessage turns a duplicate error into a message beside its field; other errors give nil.
func duplicateMessage(err error) domain.FieldErrors {
	var dup *domain.DuplicateError
	if errors.As(err, &dup) {
		return domain.FieldErrors{{Field: dup.Field, Message: duplicateMessages[dup.Field]}}
	}
	return nil
}
