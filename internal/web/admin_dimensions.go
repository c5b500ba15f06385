package web

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// mountAdminDimensions adds the breakdowns' pages: the list, a new one, and
// each with its options.
func (s *Server) mountAdminDimensions(r chi.Router) {
	r.Get("/", s.adminListDimensions)
	r.Get("/new", s.adminNewDimensionForm)
	r.Post("/", s.adminCreateDimension)
	r.Get("/{dimensionID}", s.adminDimensionPage)
	r.Post("/{dimensionID}", s.adminRenameDimension)
	r.Post("/{dimensionID}/labels", s.adminRenameOptions)
	r.Post("/{dimensionID}/options", s.adminAddOptions)
	r.Post("/{dimensionID}/options/{optionID}/move", s.adminMoveOption)
	r.Post("/{dimensionID}/options/{optionID}/remove", s.adminRemoveOption)
}

// adminOptionLines reads options typed one per line, checking each against
// the others and those the dimension already has. Messages go to field.
func adminOptionLines(text string, existing []domain.DimensionOption, field string) ([]string, domain.FieldErrors) {
	var errs domain.FieldErrors
	var labels []string
	seen := map[string]bool{}
	for _, o := range existing {
		seen[strings.ToLower(o.Label)] = true
	}
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		label := strings.TrimSpace(line)
		if label == "" {
			continue
		}
		key := strings.ToLower(label)
		switch {
		case utf8.RuneCountInString(label) > 100:
			errs.Add(field, "Each option must be 100 characters or fewer: “"+shorten(label, 30)+"” is longer")
		case seen[key] && slices.ContainsFunc(existing, func(o domain.DimensionOption) bool { return strings.EqualFold(o.Label, label) }):
			errs.Add(field, "“"+label+"” is already an option: each option must be different")
		case seen[key]:
			errs.Add(field, "“"+label+"” is listed twice: each option must be different")
		}
		seen[key] = true
		labels = append(labels, label)
	}
	switch {
	case len(labels) == 0:
		errs.Add(field, "Enter the options, one per line")
	case len(existing)+len(labels) > store.MaxDimensionOptions:
		errs.Add(field, fmt.Sprintf("A breakdown can have up to %d options: this would make %d", store.MaxDimensionOptions, len(existing)+len(labels)))
	}
	return labels, errs
}

func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// adminDimensionName checks a dimension's name.
func adminDimensionName(name string) domain.FieldErrors {
	switch {
	case name == "":
		return domain.FieldErrors{{Field: "name", Message: "Enter the breakdown’s name, like Age band"}}
	case utf8.RuneCountInString(name) > 100:
		return domain.FieldErrors{{Field: "name", Message: "The name must be 100 characters or fewer"}}
	}
	return nil
}

// adminDimensionKind reads the kind radios: whether the options overlap.
func adminDimensionKind(kind string) (overlapping bool, errs domain.FieldErrors) {
	switch kind {
	case templates.DimensionExclusive:
		return false, nil
	case templates.DimensionOverlapping:
		return true, nil
	}
	return false, domain.FieldErrors{{Field: "kind", Message: "Select whether one thing counted can fall under more than one option"}}
}

// adminDimensionDuplicate is the message for a name or option already taken.
func adminDimensionDuplicate(err error, optionsField string) domain.FieldErrors {
	var dup *domain.DuplicateError
	if !errors.As(err, &dup) {
		return nil
	}
	if dup.Field == "name" {
		return domain.FieldErrors{{Field: "name", Message: "A breakdown with this name already exists"}}
	}
	return domain.FieldErrors{{Field: optionsField, Message: "Each option must be different from the others"}}
}

func (s *Server) adminListDimensions(w http.ResponseWriter, r *http.Request) {
	dims, err := s.store.Dimensions(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	uses, err := s.store.DimensionUses(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := templates.AdminDimensionListView{Dimensions: dims, Uses: map[int64]templates.AdminDimensionUse{}}
	for id, u := range uses {
		v.Uses[id] = templates.AdminDimensionUse(u)
	}
	s.render(w, r, http.StatusOK, templates.AdminDimensionList(s.page(r, "Breakdowns", "indicators"), v))
}

func (s *Server) adminNewDimensionForm(w http.ResponseWriter, r *http.Request) {
	s.renderAdminDimensionForm(w, r, http.StatusOK, templates.AdminDimensionFormView{Values: templates.AdminDimensionFormValues{Kind: templates.DimensionExclusive}})
}

func (s *Server) adminCreateDimension(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	v := templates.AdminDimensionFormView{Values: templates.AdminDimensionFormValues{Name: field(r, "name"), Options: r.PostFormValue("options"), Kind: templates.DimensionExclusive}}
	if _, sent := r.PostForm["kind"]; sent { // the form starts at exclusive, as the database does
		v.Values.Kind = field(r, "kind")
	}
	errs := adminDimensionName(v.Values.Name)
	labels, optErrs := adminOptionLines(v.Values.Options, nil, "options")
	errs = append(errs, optErrs...)
	overlapping, kindErrs := adminDimensionKind(v.Values.Kind)
	errs = append(errs, kindErrs...)
	if len(errs) == 0 {
		id, err := s.store.AddDimension(r.Context(), domain.UserActor(currentUser(r.Context())),
			store.NewDimension{Name: v.Values.Name, Options: labels, Overlapping: overlapping})
		if errs = adminDimensionDuplicate(err, "options"); errs == nil {
			if err != nil {
				s.renderError(w, r, err)
				return
			}
			s.flash(w, r, adminDimensionPath(id), v.Values.Name+" has been added with "+countWord(len(labels), "option"))
			return
		}
	}
	v.Errors = errs
	s.renderAdminDimensionForm(w, r, http.StatusUnprocessableEntity, v)
}

func (s *Server) renderAdminDimensionForm(w http.ResponseWriter, r *http.Request, status int, v templates.AdminDimensionFormView) {
	p := s.page(r, "Add a breakdown", "indicators")
	p.HasErrors = len(v.Errors) > 0
	s.render(w, r, status, templates.AdminDimensionForm(p, v))
}

func adminDimensionPath(id int64) string { return "/admin/dimensions/" + strconv.FormatInt(id, 10) }

func (s *Server) adminDimensionFromURL(r *http.Request) (*domain.Dimension, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, "dimensionID"), 10, 64)
	if err != nil {
		return nil, domain.ErrNotFound
	}
	return s.store.DimensionByID(r.Context(), id)
}

// adminDimensionScope reads the dimension of the address and the posted form.
func (s *Server) adminDimensionScope(w http.ResponseWriter, r *http.Request) (*domain.Dimension, bool) {
	d, err := s.adminDimensionFromURL(r)
	if err != nil {
		s.renderError(w, r, err)
		return nil, false
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return nil, false
	}
	return d, true
}

// adminOptionScope reads the dimension and the option of the address, and
// the posted form.
func (s *Server) adminOptionScope(w http.ResponseWriter, r *http.Request) (*domain.Dimension, *domain.DimensionOption, bool) {
	d, ok := s.adminDimensionScope(w, r)
	if !ok {
		return nil, nil, false
	}
	id, err := strconv.ParseInt(chi.URLParam(r, "optionID"), 10, 64)
	if err == nil {
		for i := range d.Options {
			if d.Options[i].ID == id {
				return d, &d.Options[i], true
			}
		}
	}
	s.renderError(w, r, domain.ErrNotFound)
	return nil, nil, false
}

func (s *Server) adminDimensionPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.adminDimensionFromURL(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.renderAdminDimensionPage(w, r, http.StatusOK, templates.AdminDimensionView{Dimension: *d, Name: d.Name, Kind: templates.DimensionKind(*d)})
}

func (s *Server) renderAdminDimensionPage(w http.ResponseWriter, r *http.Request, status int, v templates.AdminDimensionView) {
	uses, err := s.store.DimensionUses(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Use = templates.AdminDimensionUse(uses[v.Dimension.ID])
	p := s.page(r, v.Dimension.Name, "indicators")
	p.HasErrors = len(v.Errors) > 0
	s.render(w, r, status, templates.AdminDimensionPage(p, v))
}

func (s *Server) adminRenameDimension(w http.ResponseWriter, r *http.Request) {
	d, ok := s.adminDimensionScope(w, r)
	if !ok {
		return
	}
	name := field(r, "name")
	errs := adminDimensionName(name)
	// A form without the kind radios (an older page) leaves the kind as it is.
	kind := templates.DimensionKind(*d)
	if _, sent := r.PostForm["kind"]; sent {
		kind = field(r, "kind")
	}
	overlapping, kindErrs := adminDimensionKind(kind)
	errs = append(errs, kindErrs...)
	if errs == nil {
		actor := domain.UserActor(currentUser(r.Context()))
		var msgs []string
		var err error
		if name != d.Name {
			err = s.store.RenameDimension(r.Context(), actor, d.ID, name)
			msgs = append(msgs, "The breakdown has been renamed "+name)
		}
		if errs = adminDimensionDuplicate(err, "name"); errs == nil {
			if err == nil && overlapping != d.Overlapping {
				err = s.store.SetDimensionOverlapping(r.Context(), actor, d.ID, overlapping)
				if overlapping {
					msgs = append(msgs, domain.Possessive(name)+" options now overlap: they are never added up")
				} else {
					msgs = append(msgs, domain.Possessive(name)+" options now add up to a total")
				}
			}
			if err != nil {
				s.renderError(w, r, err)
				return
			}
			if len(msgs) == 0 {
				msgs = append(msgs, "Nothing was changed")
			}
			s.flash(w, r, adminDimensionPath(d.ID), strings.Join(msgs, ". "))
			return
		}
	}
	s.renderAdminDimensionPage(w, r, http.StatusUnprocessableEntity, templates.AdminDimensionView{Dimension: *d, Name: name, Kind: kind, Errors: errs})
}

func (s *Server) adminRenameOptions(w http.ResponseWriter, r *http.Request) {
	d, ok := s.adminDimensionScope(w, r)
	if !ok {
		return
	}
	typed := map[int64]string{}
	changed := map[int64]string{}
	var errs domain.FieldErrors
	seen := map[string]bool{}
	for i, o := range d.Options {
		name := templates.AdminOptionField(o.ID)
		if _, sent := r.PostForm[name]; !sent {
			typed[o.ID] = o.Label
		} else {
			typed[o.ID] = field(r, name)
		}
		label := typed[o.ID]
		switch {
		case label == "":
			errs.Add(name, fmt.Sprintf("Enter a name for option %d", i+1))
		case utf8.RuneCountInString(label) > 100:
			errs.Add(name, fmt.Sprintf("The name of option %d must be 100 characters or fewer", i+1))
		case seen[strings.ToLower(label)]:
			errs.Add(name, "“"+label+"” is the name of another option: each option must be different")
		}
		seen[strings.ToLower(label)] = true
		if label != o.Label {
			changed[o.ID] = label
		}
	}
	if errs == nil {
		err := s.store.RenameDimensionOptions(r.Context(), domain.UserActor(currentUser(r.Context())), d.ID, changed)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		msg := "The option names have been saved"
		if len(changed) == 0 {
			msg = "No option names were changed"
		}
		s.flash(w, r, adminDimensionPath(d.ID), msg)
		return
	}
	s.renderAdminDimensionPage(w, r, http.StatusUnprocessableEntity, templates.AdminDimensionView{Dimension: *d, Name: d.Name, Kind: templates.DimensionKind(*d), Labels: typed, Errors: errs})
}

func (s *Server) adminAddOptions(w http.ResponseWriter, r *http.Request) {
	d, ok := s.adminDimensionScope(w, r)
	if !ok {
		return
	}
	text := r.PostFormValue("new_options")
	labels, errs := adminOptionLines(text, d.Options, "new_options")
	if errs == nil {
		err := s.store.AddDimensionOptions(r.Context(), domain.UserActor(currentUser(r.Context())), d.ID, labels)
		switch {
		case errors.Is(err, store.ErrTooManyOptions):
			errs = domain.FieldErrors{{Field: "new_options", Message: fmt.Sprintf("A breakdown can have up to %d options", store.MaxDimensionOptions)}}
		default:
			errs = adminDimensionDuplicate(err, "new_options")
		}
		if errs == nil {
			if err != nil {
				s.renderError(w, r, err)
				return
			}
			s.flash(w, r, adminDimensionPath(d.ID), countWord(len(labels), "option")+" added to "+d.Name)
			return
		}
	}
	s.renderAdminDimensionPage(w, r, http.StatusUnprocessableEntity, templates.AdminDimensionView{Dimension: *d, Name: d.Name, Kind: templates.DimensionKind(*d), NewOptions: text, Errors: errs})
}

func (s *Server) adminMoveOption(w http.ResponseWriter, r *http.Request) {
	d, o, ok := s.adminOptionScope(w, r)
	if !ok {
		return
	}
	dir := r.PostFormValue("direction")
	if dir != "up" && dir != "down" {
		s.renderError(w, r, fmt.Errorf("%w: direction %q", errBadRequest, dir))
		return
	}
	if err := s.store.MoveDimensionOption(r.Context(), domain.UserActor(currentUser(r.Context())), d.ID, o.ID, dir == "up"); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.flashNear(w, r, adminDimensionPath(d.ID), "option-"+strconv.FormatInt(o.ID, 10), "“"+o.Label+"” has been moved "+dir)
}

func (s *Server) adminRemoveOption(w http.ResponseWriter, r *http.Request) {
	d, o, ok := s.adminOptionScope(w, r)
	if !ok {
		return
	}
	err := s.store.RemoveDimensionOption(r.Context(), domain.UserActor(currentUser(r.Context())), d.ID, o.ID)
	if errors.Is(err, store.ErrOptionInUse) {
		errs := domain.FieldErrors{{Field: templates.AdminOptionField(o.ID),
			Message: "“" + o.Label + "” cannot be removed: figures are stored against it. Rename it instead, or remove its figures first"}}
		s.renderAdminDimensionPage(w, r, http.StatusUnprocessableEntity, templates.AdminDimensionView{Dimension: *d, Name: d.Name, Kind: templates.DimensionKind(*d), Errors: errs})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.flash(w, r, adminDimensionPath(d.ID), "“"+o.Label+"” has been removed")
}
