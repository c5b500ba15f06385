package web

import (
	"context"
	"net/http"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// The strategic aims: the board's aims and specific objectives (an ordered
// list), and work by aim (issue 6): leads tag each review item and objective with one of
// the period's strategic aims (the aims of the report's strategic aims
// section), and an optional section of the report lists, aim by aim, what
// every agency did and plans. The section is in every outline, hidden until
// the manager shows it.

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

func (s *Server) aimsPage(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	aims, err := s.store.Aims(r.Context(), period.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	intro, ok := s.boardIntro(w, r, domain.TextAimsIntro)
	if !ok {
		return
	}
	base := reportBase(period) + "/board"
	view := templates.AimsPageView{Period: *period, Base: base, IntroPath: base + "/text/aims-intro", Intro: intro, Aims: aims}
	s.render(w, r, http.StatusOK, templates.AimsPage(s.page(r, "Strategic aims and specific objectives", ""), view))
}

var aimEditor = &listEditor[domain.StrategicAim]{
	place: reportPlace{}, entries: store.AimList,
	noun: "strategic aim", path: "/board/aims",
	name:   func(a domain.StrategicAim) string { return a.Title },
	anchor: templates.AimCardID,
	fields: func(_ *http.Request, a domain.StrategicAim) []templates.BoardField {
		return []templates.BoardField{
			{Name: "title", Label: "Strategic aim", Value: a.Title},
			{Name: "outcomes", Label: "Outcomes sought", Kind: "textarea", Rows: 5, Markdown: true, Value: a.Outcomes},
			{Name: "coming_year", Label: "Specific objectives for the coming year", Kind: "textarea", Rows: 8, Markdown: true, Value: a.ComingYear},
			{Name: "later_years", Label: "Specific objectives for later years", Kind: "textarea", Rows: 6, Markdown: true, Value: a.LaterYears},
		}
	},
}
