package web

import (
	"errors"
	"net/http"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5/middleware"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// page builds the layout's view model for a request.
func (s *Server) page(r *http.Request, title, section string) templates.Page {
	flash, noFocus := sessionFrom(r.Context()).popFlash()
	return templates.Page{
		Title:        title,
		User:         currentUser(r.Context()),
		Flash:        flash,
		FlashNoFocus: noFocus,
		BoardName:    s.cfg.BoardName,
		Section:      section,
		Administers:  Can(currentUser(r.Context()), ActionAdminister),
	}
}

// render writes a component with the given status.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if err := c.Render(r.Context(), w); err != nil {
		s.log.Error("render", "request_id", middleware.GetReqID(r.Context()), "error", err)
	}
}

// flash stores a success message for the next page and redirects there (Post/Redirect/Get).
func (s *Server) flash(w http.ResponseWriter, r *http.Request, to, message string) {
	sessionFrom(r.Context()).setFlash(message, false)
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// flashNear is flash for a change to one part of a long page: the browser goes
// to the element with id fragment, and the banner leaves focus there rather
// than taking it back to the top of the page.
func (s *Server) flashNear(w http.ResponseWriter, r *http.Request, to, fragment, message string) {
	sessionFrom(r.Context()).setFlash(message, true)
	http.Redirect(w, r, to+"#"+fragment, http.StatusSeeOther)
}

// renderError is the one place domain errors become HTTP responses.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, domain.ErrNotFound):
		s.renderStatus(w, r, http.StatusNotFound)
	case errors.Is(err, domain.ErrForbidden), errors.Is(err, domain.ErrPeriodClosed):
		s.renderStatus(w, r, http.StatusForbidden)
	case errors.Is(err, errBadRequest):
		s.renderStatus(w, r, http.StatusBadRequest)
	case errors.Is(err, domain.ErrConflict):
		s.renderStatus(w, r, http.StatusConflict)
	default:
		s.serverError(w, r, err)
	}
}

// serverError logs err with the request id and shows a plain page without its text.
// A database that cannot be reached is 503, and text it cannot store is 422,
// each with a posted form's fields shown back (posted.go).
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case store.Unavailable(err):
		s.renderUnavailable(w, r, err)
		return
	case store.BadText(err):
		s.renderBadText(w, r, err)
		return
	}
	s.log.Error("internal error", "request_id", middleware.GetReqID(r.Context()), "error", err.Error())
	s.renderStatus(w, r, http.StatusInternalServerError)
}

// renderStatus shows the plain page for an HTTP error status.
func (s *Server) renderStatus(w http.ResponseWriter, r *http.Request, status int) {
	view := templates.ErrorView{Status: status, RequestID: middleware.GetReqID(r.Context())}
	user := currentUser(r.Context())
	p := templates.Page{Title: view.Title(), User: user, BoardName: s.cfg.BoardName, Administers: Can(user, ActionAdminister)}
	s.render(w, r, status, templates.ErrorPage(p, view))
}

func isNotFound(err error) bool { return errors.Is(err, domain.ErrNotFound) }
