package web

import (
	"net/http"

	"safeboard/templates"
)

// TODO(helper B): the board's review of returns, and the report sections.

func (s *Server) returnsOverview(w http.ResponseWriter, r *http.Request)   { s.notYet(w, r) }
func (s *Server) acceptReturn(w http.ResponseWriter, r *http.Request)      { s.notYet(w, r) }
func (s *Server) sendBackForm(w http.ResponseWriter, r *http.Request)      { s.notYet(w, r) }
func (s *Server) sendBackReturn(w http.ResponseWriter, r *http.Request)    { s.notYet(w, r) }
func (s *Server) reopenReturn(w http.ResponseWriter, r *http.Request)      { s.notYet(w, r) }
func (s *Server) addComment(w http.ResponseWriter, r *http.Request)        { s.notYet(w, r) }
func (s *Server) partnerReviews(w http.ResponseWriter, r *http.Request)    { s.notYet(w, r) }
func (s *Server) objectivesSection(w http.ResponseWriter, r *http.Request) { s.notYet(w, r) }

// reviewPanel builds the board's review controls for the return page. TODO(helper B).
func (s *Server) reviewPanel(r *http.Request, sc *returnScope) (templates.ReviewPanelView, error) {
	return templates.ReviewPanelView{PeriodSlug: sc.Period.Slug, AgencySlug: sc.Agency.Slug, Status: sc.Return.Status, Version: sc.Return.Version}, nil
}
