package web

import (
	"errors"
	"net/http"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// mountAdminComparators adds the comparator series' page.
func (s *Server) mountAdminComparators(r chi.Router) {
	r.Get("/", s.adminListComparators)
	r.Post("/", s.adminCreateComparator)
}

func (s *Server) adminListComparators(w http.ResponseWriter, r *http.Request) {
	s.renderAdminComparators(w, r, http.StatusOK, templates.AdminComparatorSeriesView{})
}

func (s *Server) adminCreateComparator(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	name := field(r, "name")
	var errs domain.FieldErrors
	switch {
	case name == "":
		errs.Add("name", "Enter the comparator’s name, like England")
	case utf8.RuneCountInString(name) > 100:
		errs.Add("name", "The name must be 100 characters or fewer")
	}
	if errs == nil {
		_, err := s.store.CreateComparatorSeries(r.Context(), domain.UserActor(currentUser(r.Context())), name)
		var dup *domain.DuplicateError
		if errors.As(err, &dup) {
			errs.Add("name", "A comparator with this name already exists")
		} else if err != nil {
			s.renderError(w, r, err)
			return
		} else {
			s.flash(w, r, "/admin/comparators", name+" has been added")
			return
		}
	}
	s.renderAdminComparators(w, r, http.StatusUnprocessableEntity, templates.AdminComparatorSeriesView{Name: name, Errors: errs})
}

func (s *Server) renderAdminComparators(w http.ResponseWriter, r *http.Request, status int, v templates.AdminComparatorSeriesView) {
	var err error
	if v.Series, err = s.store.ComparatorSeries(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.Figures, err = s.store.ComparatorSeriesUse(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.page(r, "Comparators", "indicators")
	p.HasErrors = len(v.Errors) > 0
	s.render(w, r, status, templates.AdminComparatorSeriesList(p, v))
}
