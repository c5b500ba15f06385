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
	AimID    int64  `form:"aim" label:"the strategic aim"` // one of the period's aims, checked by the store
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
		Quality: textField(r, "quality"), Outcomes: textField(r, "outcomes"), AimID: aimField(r),
	}
}

// checkObjective validates an objective. The form, its view
// (templates.ObjectiveValues) and the store's fields convert into one another,
// which keeps them in step.
func checkObjective(v templates.ObjectiveValues) domain.FieldErrors {
	return checkForm(objectiveForm(v))
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

// objectiveEditor is the objective's part in the shared add and change flow (saveEntry).
var objectiveEditor = entryEditor[templates.ObjectiveValues]{
	kind:  objectiveKind,
	read:  readObjective,
	check: checkObjective,
	name:  func(v templates.ObjectiveValues) string { return templates.Shorten(v.Intend, 80) },
	add: func(st *store.Store, ctx context.Context, actor domain.Actor, periodID, agencyID int64, v templates.ObjectiveValues) error {
		_, err := st.AddObjective(ctx, actor, periodID, agencyID, store.ObjectiveFields(v))
		return err
	},
	update: func(st *store.Store, ctx context.Context, actor domain.Actor, periodID, agencyID, id int64, version int, v templates.ObjectiveValues) error {
		return st.UpdateObjective(ctx, actor, periodID, agencyID, id, version, store.ObjectiveFields(v))
	},
	render: func(s *Server, w http.ResponseWriter, r *http.Request, f templates.ItemForm, v templates.ObjectiveValues) {
		s.renderObjectiveForm(w, r, templates.ObjectiveFormView{ItemForm: f, Values: v})
	},
}

func (s *Server) createObjective(w http.ResponseWriter, r *http.Request) {
	saveEntry(s, w, r, objectiveEditor, 0)
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
		Values:   templates.ObjectiveValues{Intend: o.Intend, Quantity: o.Quantity, Quality: o.Quality, Outcomes: o.Outcomes, AimID: o.AimID},
	}
	view.Version = o.Version
	s.renderObjectiveForm(w, r, view)
}

// updateObjective saves an objective; a refused save shows everything typed again (saveEntry).
func (s *Server) updateObjective(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "objective")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	saveEntry(s, w, r, objectiveEditor, id)
}

func (s *Server) renderObjectiveForm(w http.ResponseWriter, r *http.Request, v templates.ObjectiveFormView) {
	title := "Add an objective"
	if v.Editing {
		title = "Change an objective"
	}
	v.Aims = s.periodAims(r)
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
