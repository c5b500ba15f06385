package web

import "net/http"

// TODO(helper B): the board's review of returns, and the report sections.

func (s *Server) returnsOverview(w http.ResponseWriter, r *http.Request)   { s.notYet(w, r) }
func (s *Server) acceptReturn(w http.ResponseWriter, r *http.Request)      { s.notYet(w, r) }
func (s *Server) sendBackForm(w http.ResponseWriter, r *http.Request)      { s.notYet(w, r) }
func (s *Server) sendBackReturn(w http.ResponseWriter, r *http.Request)    { s.notYet(w, r) }
func (s *Server) reopenReturn(w http.ResponseWriter, r *http.Request)      { s.notYet(w, r) }
func (s *Server) addComment(w http.ResponseWriter, r *http.Request)        { s.notYet(w, r) }
func (s *Server) partnerReviews(w http.ResponseWriter, r *http.Request)    { s.notYet(w, r) }
func (s *Server) objectivesSection(w http.ResponseWriter, r *http.Request) { s.notYet(w, r) }
