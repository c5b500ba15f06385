package web

import (
	"context"
	"net/http"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// objectiveForm is an objective for next year as typed; only what is intended is required.
type objectiveForm struct {
	Intend   string `form:"intend" label:"what you intend to do" validate:"required,max=10000"`
	Quantity string `form:"quantity" label:"the quantity you intend to achieve" validate:"max=10000"`
	Quality  string `form:"quality" label:"the quality you intend to achieve" validate:"max=10000"`
	Outcomes string `form:"outcomes" label:"the outcomes you intend to achieve" validate:"max=10000"`
}

var objectiveKind = entryKind{
	noun: "objective", short: "objective", list: "/objectives", param: "objective",
	find: func(ctx context.Context, st *store.Store, returnID, id int64) (string, int, error) {
		o, err := st.Objective(ctx, returnID, id)
		if err != nil {
			return "", 0, err
		}
		return o.Intend, o.Version, nil
	},
	remove: (*store.Store).RemoveObjective,
	move:   (*store.Store).MoveObjective,
	cardID: templates.ObjectiveCardID,
}

func readObjective(r *http.Request) templates.ObjectiveValues {
	return templates.ObjectiveValues{
		Intend: textField(r, "intend"), Quantity: textField(r, "quantity"),
		Quality: textField(r, "quality"), Outcomes: textField(r, "outcomes"),
	}
}

// objectiveFields validates an objective; the conversions keep the form, its view and the store in step.
func objectiveFields(v templates.ObjectiveValues) (store.ObjectiveFields, domain.FieldErrors) {
	return store.ObjectiveFields(v), readableLimits(checkForm(objectiveForm(v)))
}

func (s *Server) objectivesPage(w http.ResponseWriter, r *http.Request) {
	if !s.mayOpenEditor(w, r) {
		return
	}
	sc := currentReturn(r.Context())
	view := templates.ObjectivesView{Ref: returnRef(sc)}
	if sc.Return.ID != 0 {
		var err error
		if view.Objectives, err = s.store.Objectives(r.Context(), sc.Return.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, templates.ObjectivesPage(s.page(r, "Objectives for "+view.Ref.NextLabel, ""), view))
}

func (s *Server) newObjectiveForm(w http.ResponseWriter, r *http.Request) {
	if !s.mayOpenEditor(w, r) {
		return
	}
	sc := currentReturn(r.Context())
	s.renderObjectiveForm(w, r, templates.ObjectiveFormView{ItemForm: itemForm(r, sc, "/objectives", returnPath(sc, "/objectives"), false)})
}

func (s *Server) createObjective(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	sc := currentReturn(r.Context())
	view := templates.ObjectiveFormView{
		ItemForm: itemForm(r, sc, "/objectives", returnPath(sc, "/objectives"), false), Values: readObjective(r),
	}
	ok, closed := s.maySave(w, r)
	if !ok && closed == nil {
		return
	}
	fields, errs := objectiveFields(view.Values)
	switch {
	case closed != nil:
		closeForm(&view.ItemForm, closed)
		errs = nil
	case errs == nil:
		_, err := s.store.AddObjective(r.Context(), domain.UserActor(currentUser(r.Context())), sc.Period.ID, sc.Agency.ID, fields)
		if isClosed(err) {
			closeForm(&view.ItemForm, err)
			break
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		s.flash(w, r, view.Back, "The objective ‘"+templates.Shorten(fields.Intend, 80)+"’ has been added")
		return
	}
	view.Errors = errs
	s.renderObjectiveForm(w, r, view)
}

func (s *Server) editObjectiveForm(w http.ResponseWriter, r *http.Request) {
	if !s.mayOpenEditor(w, r) {
		return
	}
	sc := currentReturn(r.Context())
	id, err := idParam(r, "objective")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	o, err := s.store.Objective(r.Context(), sc.Return.ID, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	view := templates.ObjectiveFormView{
		ItemForm: itemForm(r, sc, "/objectives", objectiveKind.path(sc, id, ""), true),
		Values:   templates.ObjectiveValues{Intend: o.Intend, Quantity: o.Quantity, Quality: o.Quality, Outcomes: o.Outcomes},
	}
	view.Version = o.Version
	s.renderObjectiveForm(w, r, view)
}

// updateObjective saves an objective; a refused save shows everything typed again, as updateReviewItem does.
func (s *Server) updateObjective(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "objective")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	sc := currentReturn(r.Context())
	view := templates.ObjectiveFormView{
		ItemForm: itemForm(r, sc, "/objectives", objectiveKind.path(sc, id, ""), true), Values: readObjective(r),
	}
	ok, closed := s.maySave(w, r)
	if !ok && closed == nil {
		return
	}
	fields, errs := objectiveFields(view.Values)
	switch {
	case closed != nil:
		closeForm(&view.ItemForm, closed)
		errs = nil
	case errs == nil:
		version, err := formVersion(r, "version")
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		err = s.store.UpdateObjective(r.Context(), domain.UserActor(currentUser(r.Context())), sc.Period.ID, sc.Agency.ID, id, version, fields)
		if err == nil {
			s.flash(w, r, view.Back, "The objective ‘"+templates.Shorten(fields.Intend, 80)+"’ has been saved")
			return
		}
		if !refusedSave(&view.ItemForm, err, sc, objectiveKind) {
			s.serverError(w, r, err)
			return
		}
	}
	view.Errors = errs
	s.renderObjectiveForm(w, r, view)
}

func (s *Server) renderObjectiveForm(w http.ResponseWriter, r *http.Request, v templates.ObjectiveFormView) {
	title := "Add an objective"
	if v.Editing {
		title = "Change an objective"
	}
	s.render(w, r, statusFor(v.ItemForm), templates.ObjectiveForm(s.formPage(r, title, v.Problem()), v))
}

func (s *Server) removeObjectiveForm(w http.ResponseWriter, r *http.Request) {
	s.confirmRemoval(w, r, objectiveKind)
}

func (s *Server) removeObjective(w http.ResponseWriter, r *http.Request) {
	s.removeEntry(w, r, objectiveKind)
}

func (s *Server) moveObjective(w http.ResponseWriter, r *http.Request) {
	s.moveEntry(w, r, objectiveKind)
}
