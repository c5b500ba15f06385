package web

import (
	"context"
	"net/http"
	"strconv"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// Work by aim (issue 6): leads tag each review item and objective with one of
// the period's strategic aims (the aims of the report's strategic aims
// section), and an optional section of the report lists, aim by aim, what
// every agency did and plans. The section is in every outline, hidden until
// the manager shows it.

// aimField reads the "Strategic aim" select: an aim's id, or 0 for none (or
// for anything else, which only a hand-made form could send).
func aimField(r *http.Request) int64 {
	id, err := strconv.ParseInt(r.PostFormValue("aim"), 10, 64)
	if err != nil || id < 0 {
		return 0
	}
	return id
}

// periodAims are the strategic aims of the request's period, for the select
// of a review item or objective form. Without them (none written, or the
// database did not answer, which is logged) the form simply has no select.
func (s *Server) periodAims(r *http.Request) []domain.StrategicAim {
	period := currentPeriod(r.Context())
	if period == nil {
		return nil
	}
	aims, err := s.store.Aims(r.Context(), period.ID)
	if err != nil {
		s.log.ErrorContext(r.Context(), "strategic aims for the form", "error", err)
		return nil
	}
	return aims
}

// workByAimView is the section's content: the aims in order with the tagged
// items and objectives of the returns the report includes.
func (s *Server) workByAimView(ctx context.Context, period domain.Period, statuses []domain.ReturnStatus) (*templates.WorkByAimView, error) {
	work, err := s.store.WorkByAim(ctx, period.ID, statuses)
	if err != nil {
		return nil, err
	}
	v := &templates.WorkByAimView{Period: period}
	entries := func(list []store.AimEntry) []templates.AimEntry {
		out := make([]templates.AimEntry, len(list))
		for i, e := range list {
			out[i] = templates.AimEntry{AgencyName: e.AgencyName, Title: e.Title, Detail: e.Detail}
		}
		return out
	}
	for _, w := range work {
		v.Aims = append(v.Aims, templates.AimWorkView{Aim: w.StrategicAim, Items: entries(w.Items), Objectives: entries(w.Objectives)})
	}
	return v, nil
}
