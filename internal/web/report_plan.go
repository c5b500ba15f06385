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
	base := reportBase(period) + "/board"
	view := templates.PlanPageView{Period: *period, Base: base, IntroPath: base + "/text/plan-intro", Intro: intro, Objectives: objectives}
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
