package web

import (
	"context"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// lastYearEditor is what became of the objectives an agency's return set
// last year, in a year started from last year (store.LookBack): the lead
// gives each a status and says what happened, in the one editor flow. Only
// the change form is routed: the objectives are last year's.
var lastYearEditor = &listEditor[domain.ObjectiveReview]{
	place: returnPlace{}, entries: store.ObjectiveReviewList,
	noun: "objective from last year", short: "objective", path: "/last-year", param: "objective",
	answers: true,
	get: func(ctx context.Context, st *store.Store, sc listScope, id int64) (domain.ObjectiveReview, error) {
		return st.LookBackAt(ctx, sc.period.ID, sc.ret.Agency.ID, id)
	},
	name:   func(o domain.ObjectiveReview) string { return o.Said.Intend },
	anchor: templates.LastYearCardID,
	render: returnForm("last-year", func(o domain.ObjectiveReview) int64 { return o.ID },
		"Say what happened", "Say what happened", templates.LastYearForm),
}

// lastYearTask is the return's first task in a year started from last year:
// last year's objectives, each to answer.
var lastYearTask = entriesTask(domain.AgencyReturn.Task("last-year"), lastYearEditor,
	func(ref templates.ReturnRef) string { return "What we said we would do" },
	func(ret *domain.Return) domain.Tally { return ret.LastYear },
	func(ctx context.Context, s *Server, sc *returnScope) ([]domain.ObjectiveReview, error) {
		return s.store.LookBack(ctx, sc.Period.ID, sc.Agency.ID)
	},
	templates.LastYearPage)
