package web

import (
	"context"
	"errors"
	"net/http"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// reviewItemForm is a review item as typed. Each part is optional, but at least one is needed.
type reviewItemForm struct {
	Title     string `form:"title" label:"the title" validate:"required,max=200"`
	HowMuch   string `form:"how_much" label:"your answer to ‘How much did we do?’" validate:"max=10000"`
	HowWell   string `form:"how_well" label:"your answer to ‘How well did we do it?’" validate:"max=10000"`
	BetterOff string `form:"better_off" label:"your answer to ‘Is anyone better off?’" validate:"max=10000"`
	AimID     int64  `form:"aim" label:"the strategic aim"` // one of the period's aims, checked by the store
}

var reviewItemKind = entryKind{
	noun: "review item", short: "item", list: "/review", param: "item",
	find: func(ctx context.Context, st *store.Store, returnID, id int64) (string, int, error) {
		item, err := st.ReviewItem(ctx, returnID, id)
		if err != nil {
			return "", 0, err
		}
		return item.Title, item.Version, nil
	},
	remove: (*store.Store).RemoveReviewItem,
	move:   (*store.Store).MoveReviewItem,
	cardID: templates.ItemCardID,
}

func readReviewItem(r *http.Request) templates.ReviewItemValues {
	return templates.ReviewItemValues{
		Title: field(r, "title"), HowMuch: textField(r, "how_much"),
		HowWell: textField(r, "how_well"), BetterOff: textField(r, "better_off"), AimID: aimField(r),
	}
}

// checkReviewItem validates a review item. The form, its view
// (templates.ReviewItemValues) and the store's fields convert into one
// another, which keeps them in step.
func checkReviewItem(v templates.ReviewItemValues) domain.FieldErrors {
	errs := checkForm(reviewItemForm(v))
	if v.HowMuch == "" && v.HowWell == "" && v.BetterOff == "" {
		errs.Add("how_much", "Enter at least one of how much you did, how well you did it, or whether anyone is better off")
	}
	return errs
}

func (s *Server) reviewItemsPage(w http.ResponseWriter, r *http.Request) {
	if !s.mayOpenEditor(w, r) {
		return
	}
	sc := currentReturn(r.Context())
	view := templates.ReviewItemsView{Ref: returnRef(sc)}
	if sc.Return.ID != 0 {
		var err error
		if view.Items, err = s.store.ReviewItems(r.Context(), sc.Return.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, templates.ReviewItemsPage(s.page(r, "Review of "+sc.Period.Label, ""), view))
}

func (s *Server) newReviewItemForm(w http.ResponseWriter, r *http.Request) {
	if !s.mayOpenEditor(w, r) {
		return
	}
	sc := currentReturn(r.Context())
	s.renderReviewItemForm(w, r, templates.ReviewItemFormView{ItemForm: itemForm(r, sc, "/review", returnPath(sc, "/review"), false)})
}

// reviewItemEditor is the review item's part in the shared add and change flow (saveEntry).
var reviewItemEditor = entryEditor[templates.ReviewItemValues]{
	kind:  reviewItemKind,
	read:  readReviewItem,
	check: checkReviewItem,
	name:  func(v templates.ReviewItemValues) string { return v.Title },
	add: func(st *store.Store, ctx context.Context, actor domain.Actor, periodID, agencyID int64, v templates.ReviewItemValues) error {
		_, err := st.AddReviewItem(ctx, actor, periodID, agencyID, store.ReviewItemFields(v))
		return err
	},
	update: func(st *store.Store, ctx context.Context, actor domain.Actor, periodID, agencyID, id int64, version int, v templates.ReviewItemValues) error {
		return st.UpdateReviewItem(ctx, actor, periodID, agencyID, id, version, store.ReviewItemFields(v))
	},
	render: func(s *Server, w http.ResponseWriter, r *http.Request, f templates.ItemForm, v templates.ReviewItemValues) {
		s.renderReviewItemForm(w, r, templates.ReviewItemFormView{ItemForm: f, Values: v})
	},
}

func (s *Server) createReviewItem(w http.ResponseWriter, r *http.Request) {
	saveEntry(s, w, r, reviewItemEditor, 0)
}

func (s *Server) editReviewItemForm(w http.ResponseWriter, r *http.Request) {
	if !s.mayOpenEditor(w, r) {
		return
	}
	sc := currentReturn(r.Context())
	id, err := idParam(r, "item")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	item, err := s.store.ReviewItem(r.Context(), sc.Return.ID, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	view := templates.ReviewItemFormView{
		ItemForm: itemForm(r, sc, "/review", reviewItemKind.path(sc, id, ""), true),
		Values:   templates.ReviewItemValues{Title: item.Title, HowMuch: item.HowMuch, HowWell: item.HowWell, BetterOff: item.BetterOff, AimID: item.AimID},
	}
	view.Version = item.Version
	s.renderReviewItemForm(w, r, view)
}

// updateReviewItem saves a review item; a refused save shows everything typed again (saveEntry).
func (s *Server) updateReviewItem(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "item")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	saveEntry(s, w, r, reviewItemEditor, id)
}

// refusedSave explains a change the store refused and reports whether it could.
// An entry removed meanwhile is offered to be added again.
func refusedSave(f *templates.ItemForm, err error, sc *returnScope, k entryKind) bool {
	switch {
	case errors.Is(err, domain.ErrStale):
		f.Conflict = "Someone else changed this " + k.short + " since you opened it. Your text is below: copy what you need, then reload the " + k.short + " to see their version."
		f.Current = f.Action
	case isClosed(err):
		closeForm(f, err)
	case isNotFound(err):
		f.Conflict = "Someone else removed this " + k.short + " since you opened it. Your text is below: save it to add it again as a new " + k.short + ", or copy what you need."
		f.Editing, f.Action = false, returnPath(sc, k.list)
	default:
		return false
	}
	return true
}

func (s *Server) renderReviewItemForm(w http.ResponseWriter, r *http.Request, v templates.ReviewItemFormView) {
	title := "Add a review item"
	if v.Editing {
		title = "Change a review item"
	}
	v.Aims = s.periodAims(r)
	s.render(w, r, statusFor(v.ItemForm), templates.ReviewItemForm(s.formPage(r, title, v.Problem()), v))
}

func (s *Server) removeReviewItemForm(w http.ResponseWriter, r *http.Request) {
	s.confirmRemoval(w, r, reviewItemKind)
}

func (s *Server) removeReviewItem(w http.ResponseWriter, r *http.Request) {
	s.removeEntry(w, r, reviewItemKind)
}

func (s *Server) moveReviewItem(w http.ResponseWriter, r *http.Request) {
	s.moveEntry(w, r, reviewItemKind)
}
