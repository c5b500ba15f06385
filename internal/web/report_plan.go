package web

import (
	"context"
	"net/http"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// The review of the board's business plan: key objectives, each with its
// items (what the board wanted, what it did and how well, what difference it
// made), both ordered lists in the one editor flow.

func (s *Server) planPage(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	objectives, err := s.store.PlanObjectives(r.Context(), period.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	intro, ok := s.boardIntro(w, r, domain.TextPlanIntro)
	if !ok {
		return
	}
	lookBack, err := s.store.BoardLookBack(r.Context(), period.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	base := reportBase(period) + "/board"
	view := templates.PlanPageView{Period: *period, Base: base, IntroPath: base + "/text/plan-intro", Intro: intro, Objectives: objectives, LookBack: lookBack}
	s.render(w, r, http.StatusOK, templates.PlanPage(s.page(r, "Review of the board’s business plan", ""), view))
}

// boardIntro is the period's introduction of kind to one of the board's list
// pages; it answers and reports false when it cannot be read.
func (s *Server) boardIntro(w http.ResponseWriter, r *http.Request, kind domain.TextKind) (string, bool) {
	intro, err := s.store.ReportText(r.Context(), currentPeriod(r.Context()).ID, kind)
	if err != nil {
		s.serverError(w, r, err)
		return "", false
	}
	return intro.Body, true
}

var planObjectiveEditor = &listEditor[domain.PlanObjective]{
	place: reportPlace{}, entries: store.PlanObjectiveList,
	noun: "key objective", path: "/board/plan/objectives", list: "/board/plan",
	name:   func(o domain.PlanObjective) string { return o.Title },
	anchor: templates.PlanObjectiveCardID,
	fields: func(_ *http.Request, o domain.PlanObjective) []templates.BoardField {
		return []templates.BoardField{
			{Name: "title", Label: "Key objective", Value: o.Title},
			{Name: "intro", Label: "Introduction (optional)", Hint: "What the objective covers, shown before its items.", Kind: "textarea", Rows: 5, Markdown: true, Value: o.Intro},
		}
	},
}

var planItemEditor = &listEditor[domain.PlanItem]{
	place: reportPlace{}, entries: store.PlanItemList,
	noun: "item", path: "/board/plan/objectives/{objective}/items", list: "/board/plan",
	within: "objective",
	under: func(ctx context.Context, st *store.Store, periodID, id int64) error {
		_, err := store.PlanObjectiveList.Get(ctx, st, periodID, id)
		return err
	},
	name:   func(i domain.PlanItem) string { return i.Title },
	anchor: templates.PlanItemCardID,
	fields: func(_ *http.Request, i domain.PlanItem) []templates.BoardField {
		return []templates.BoardField{
			{Name: "title", Label: "Title", Hint: "Such as “Child death review processes”", Value: i.Title},
			{Name: "desired_outcome", Label: "Desired outcome", Hint: "What the board wanted to achieve.", Kind: "textarea", Rows: 3, Value: i.DesiredOutcome},
			{Name: "what_we_did", Label: "What did we do? How well did we do it?", Kind: "textarea", Rows: 10, Markdown: true, Value: i.WhatWeDid},
			{Name: "difference", Label: "What difference did we make?", Kind: "textarea", Rows: 8, Markdown: true, Value: i.Difference},
		}
	},
}

// boardLookBackEditor is what became of the objectives the board's strategic
// aims set last year for this year, in a year started from last year
// (store.BoardLookBack): the manager gives each a status and says what
// happened. Only the change form is routed: the objectives are last year's.
var boardLookBackEditor = &listEditor[domain.AimObjectiveReview]{
	place: reportPlace{}, entries: store.AimObjectiveReviewList,
	noun: "objective from last year", path: "/board/plan/last-year", list: "/board/plan",
	answers: true,
	get: func(ctx context.Context, st *store.Store, sc listScope, id int64) (domain.AimObjectiveReview, error) {
		return st.BoardLookBackAt(ctx, sc.period.ID, id)
	},
	name:   func(o domain.AimObjectiveReview) string { return o.Said.Body },
	anchor: templates.BoardLastYearID,
	render: func(s *Server, w http.ResponseWriter, r *http.Request, sc listScope, f templates.EntryForm, o domain.AimObjectiveReview) {
		view := templates.BoardFormView{EntryForm: f, Caption: reportCaption(sc.period), Heading: "Say what happened", Save: "Save",
			Intro: "Last year, under the strategic aim “" + o.AimTitle + "”, the board said it would: " + o.Said.Body}
		status := templates.StatusChoice(o.Status, f.Errors.For("status"))
		view.Fields = append(view.Fields, templates.BoardField{Name: "status", Label: status.Legend, Hint: status.Hint, Kind: "radios",
			Value: string(o.Status), Options: status.Options, Error: status.Error})
		for _, part := range templates.ResultParts(o.ObjectiveResult) {
			view.Fields = append(view.Fields, templates.BoardField{Name: part.Name, Label: "What happened: " + domain.LowerFirst(part.Label()),
				Hint: part.Hint, Kind: "textarea", Rows: 6, Value: part.Text, Error: f.Errors.For(part.Name)})
		}
		s.renderBoardForm(w, r, view)
	},
}
