package web

import (
	"net/http"
	"strconv"

	"safeboard/templates"
)

func itoa(i int) string { return strconv.Itoa(i) }

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	periods, err := s.store.Periods(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, templates.Home(s.page(r, "Home", "home"), templates.HomeView{Periods: periods}))
}

func (s *Server) adminIndex(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/admin/agencies", http.StatusSeeOther)
}

func (s *Server) accessibility(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, templates.Accessibility(s.page(r, "Accessibility statement", "")))
}
