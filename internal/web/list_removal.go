package web

import (
	"errors"
	"net/http"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// The editor flow's removal of an entry (listEditor), after a confirmation.

// removal is the confirmation page's model for entry id as it is.
func (e *listEditor[T]) removal(sc listScope, id int64, v T) templates.Removal {
	return templates.Removal{Kind: e.noun, Name: templates.Shorten(e.name(v), 80), Action: e.entryPath(sc, id, "/remove"),
		Cancel: e.listPath(sc), Version: e.entries.Entry(&v).Version}
}

// confirmRemoval asks whether to remove an entry.
func (e *listEditor[T]) confirmRemoval(s *Server, w http.ResponseWriter, r *http.Request) {
	if sc, id, v, ok := e.opened(s, w, r); ok {
		e.place.removal(s, w, r, sc, e.removal(sc, id, v))
	}
}

// remove removes an entry unless it changed since the confirmation page was opened.
func (e *listEditor[T]) remove(s *Server, w http.ResponseWriter, r *http.Request) {
	p, ok := e.posted(s, w, r, true)
	if !ok {
		return
	}
	sc, id, v, closed := p.sc, p.id, p.v, p.closed
	list := e.listPath(sc)
	gone := func() { s.flash(w, r, list, "That "+e.noun+" had already been removed") }
	if p.gone {
		gone()
		return
	}
	view := e.removal(sc, id, v)
	if closed == nil {
		version, err := formVersion(r, "version")
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		err = e.entries.Remove(r.Context(), s.store, domain.UserActor(currentUser(r.Context())), sc.parent, id, version)
		switch {
		case err == nil:
			s.flash(w, r, list, "The "+e.noun+" ‘"+view.Name+"’ has been removed")
			return
		case isNotFound(err):
			gone()
			return
		case errors.Is(err, domain.ErrStale):
			view.Conflict = "Someone else changed this " + e.noun + " since you opened this page. Check it is still the one you want to remove."
			view.Current = e.entryPath(sc, id, "")
		case isClosed(err):
			closed = err
		default:
			s.renderError(w, r, err)
			return
		}
	}
	if closed != nil {
		view.Closed = true
		view.Conflict, view.PeriodClosed = e.place.closed(sc, closed, false)
	}
	e.place.removal(s, w, r, sc, view)
}

// statusOfRemoval is the HTTP status of a confirmation page: 403 once the
// period has closed, 409 when the removal was refused.
func statusOfRemoval(v templates.Removal) int {
	switch {
	case v.PeriodClosed:
		return http.StatusForbidden
	case v.Conflict != "":
		return http.StatusConflict
	}
	return http.StatusOK
}
