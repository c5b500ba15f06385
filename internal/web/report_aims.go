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
			{Name: "outcomes", Label: "Outcomes sought (optional)", Kind: "textarea", Rows: 5, Markdown: true, Value: a.Outcomes},
			{Name: "later_years", Label: "Specific objectives for later years (optional)", Hint: "The objectives for the coming year are a list of their own, on the aims page.",
				Kind: "textarea", Rows: 6, Markdown: true, Value: a.LaterYears},
		}
	},
}

// aimObjectiveEditor is a strategic aim's specific objectives for the coming
// year, one by one, in the one editor flow: next year's review of the
// business plan looks back on each (report_plan.go).
var aimObjectiveEditor = &listEditor[domain.AimObjective]{
	place: reportPlace{}, entries: store.AimObjectiveList,
	noun: "specific objective", path: "/board/aims/{aim}/objectives", list: "/board/aims",
	within: "aim",
	under: func(ctx context.Context, st *store.Store, periodID, id int64) error {
		_, err := store.AimList.Get(ctx, st, periodID, id)
		return err
	},
	name:   func(o domain.AimObjective) string { return o.Body },
	anchor: templates.AimObjectiveID,
	fields: func(r *http.Request, o domain.AimObjective) []templates.BoardField {
		next := domain.PeriodForYear(currentPeriod(r.Context()).StartsOn.Year() + 1).Label
		return []templates.BoardField{
			{Name: "body", Label: "Specific objective for " + next, Hint: "One objective, such as “Review how well information is shared”.", Kind: "textarea", Rows: 4, Value: o.Body},
		}
	},
}
