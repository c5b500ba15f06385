package web

import (
	"context"
	"net/http"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// entryEditor is what the shared add and change flow needs to know about one
// kind of entry (review items or objectives), whose typed values are a V.
type entryEditor[V any] struct {
	kind  entryKind
	read  func(r *http.Request) V      // the values as typed
	check func(v V) domain.FieldErrors // validates them
	name  func(v V) string             // names the entry in the success message
	add   func(st *store.Store, ctx context.Context, actor domain.Actor, periodID, agencyID int64, v V) error
	// update saves a change unless the entry changed since version was read.
	update func(st *store.Store, ctx context.Context, actor domain.Actor, periodID, agencyID, id int64, version int, v V) error
	// render shows the form again: with mistakes, or a save the store refused.
	render func(s *Server, w http.ResponseWriter, r *http.Request, f templates.ItemForm, v V)
}

// saveEntry adds an entry (id 0) or saves a change to entry id, then goes
// back to the list, or to the check page the form was opened from. Nothing
// typed is lost: mistakes show the form again with 422; a save refused because
// someone else changed or removed the entry, or the return can no longer be
// changed, shows it again with 409 (403 once the period has closed), the
// text kept for the lead to copy or save again.
func saveEntry[V any](s *Server, w http.ResponseWriter, r *http.Request, e entryEditor[V], id int64) {
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	sc := currentReturn(r.Context())
	editing, action := id != 0, returnPath(sc, e.kind.list)
	if editing {
		action = e.kind.path(sc, id, "")
	}
	form, values := itemForm(r, sc, e.kind.list, action, editing), e.read(r)
	ok, closed := s.maySave(w, r)
	if !ok && closed == nil {
		return
	}
	errs := e.check(values)
	switch {
	case closed != nil:
		closeForm(&form, closed)
		errs = nil
	case errs == nil:
		actor, verb := domain.UserActor(currentUser(r.Context())), "added"
		var err error
		if editing {
			version, verr := formVersion(r, "version")
			if verr != nil {
				s.renderError(w, r, verr)
				return
			}
			err, verb = e.update(s.store, r.Context(), actor, sc.Period.ID, sc.Agency.ID, id, version, values), "saved"
		} else {
			err = e.add(s.store, r.Context(), actor, sc.Period.ID, sc.Agency.ID, values)
		}
		switch {
		case err == nil:
			s.flash(w, r, form.Back, "The "+e.kind.noun+" ‘"+e.name(values)+"’ has been "+verb)
			return
		case editing && refusedSave(&form, err, sc, e.kind):
		case !editing && isClosed(err):
			closeForm(&form, err)
		default:
			s.serverError(w, r, err)
			return
		}
	}
	form.Errors = errs
	e.render(s, w, r, form, values)
}
