package web

import (
	"errors"
	"net/http"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// move moves an entry one place up or down the list, then leads back to it.
func (e *listEditor[T]) move(s *Server, w http.ResponseWriter, r *http.Request) {
	sc, ok := e.scope(s, w, r)
	if !ok || !e.place.mayMove(s, w, r) {
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	by, word := 0, r.PostFormValue("direction")
	switch word {
	case "up":
		by = -1
	case "down":
		by = 1
	default:
		s.renderError(w, r, errBadRequest)
		return
	}
	id, v, err := e.load(s, r, sc)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	err = e.entries.Move(r.Context(), s.store, domain.UserActor(currentUser(r.Context())), sc.parent, id, by)
	switch {
	case err == nil:
		// Back to the entry just moved, so keyboard users carry on from there.
		s.flashNear(w, r, e.listPath(sc), e.anchor(id), "‘"+templates.Shorten(e.name(v), 80)+"’ has been moved "+word)
	case errors.Is(err, domain.ErrInvalidTransition):
		s.renderStatus(w, r, http.StatusConflict)
	default:
		s.renderError(w, r, err)
	}
}
