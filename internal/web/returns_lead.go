package web

import "net/http"

// TODO(helper A): the agency lead's journey.

func (s *Server) periodHome(w http.ResponseWriter, r *http.Request)           { s.notYet(w, r) }
func (s *Server) returnPage(w http.ResponseWriter, r *http.Request)           { s.notYet(w, r) }
func (s *Server) reviewItemsPage(w http.ResponseWriter, r *http.Request)      { s.notYet(w, r) }
func (s *Server) newReviewItemForm(w http.ResponseWriter, r *http.Request)    { s.notYet(w, r) }
func (s *Server) createReviewItem(w http.ResponseWriter, r *http.Request)     { s.notYet(w, r) }
func (s *Server) editReviewItemForm(w http.ResponseWriter, r *http.Request)   { s.notYet(w, r) }
func (s *Server) updateReviewItem(w http.ResponseWriter, r *http.Request)     { s.notYet(w, r) }
func (s *Server) removeReviewItemForm(w http.ResponseWriter, r *http.Request) { s.notYet(w, r) }
func (s *Server) removeReviewItem(w http.ResponseWriter, r *http.Request)     { s.notYet(w, r) }
func (s *Server) moveReviewItem(w http.ResponseWriter, r *http.Request)       { s.notYet(w, r) }
func (s *Server) objectivesPage(w http.ResponseWriter, r *http.Request)       { s.notYet(w, r) }
func (s *Server) newObjectiveForm(w http.ResponseWriter, r *http.Request)     { s.notYet(w, r) }
func (s *Server) createObjective(w http.ResponseWriter, r *http.Request)      { s.notYet(w, r) }
func (s *Server) editObjectiveForm(w http.ResponseWriter, r *http.Request)    { s.notYet(w, r) }
func (s *Server) updateObjective(w http.ResponseWriter, r *http.Request)      { s.notYet(w, r) }
func (s *Server) removeObjectiveForm(w http.ResponseWriter, r *http.Request)  { s.notYet(w, r) }
func (s *Server) removeObjective(w http.ResponseWriter, r *http.Request)      { s.notYet(w, r) }
func (s *Server) moveObjective(w http.ResponseWriter, r *http.Request)        { s.notYet(w, r) }
func (s *Server) checkAnswers(w http.ResponseWriter, r *http.Request)         { s.notYet(w, r) }
func (s *Server) submitReturn(w http.ResponseWriter, r *http.Request)         { s.notYet(w, r) }
func (s *Server) returnSubmitted(w http.ResponseWriter, r *http.Request)      { s.notYet(w, r) }

func (s *Server) notYet(w http.ResponseWriter, r *http.Request) {
	s.renderStatus(w, r, http.StatusNotImplemented)
}
