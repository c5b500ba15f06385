package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// The ordered lists (List): a return's review items and objectives, and the
// board's key objectives with their items, strategic aims with their
// objectives for the coming year, members and the report's outline. A new
// list is a table (migrations) and a declaration here. The answers to last
// year's objectives, the agencies' and the board's, are lists too, whose
// entries come from last year (look_back.go).

// ReviewItemList is a return's review items: changing one starts the return
// when needed and is refused once the return can no longer change.
var ReviewItemList = &List[domain.ReviewItem]{
	table: "review_items", entity: "review_item", parent: "return_id",
	entry: func(i *domain.ReviewItem) *domain.Entry { return &i.Entry },
	typed: []column[domain.ReviewItem]{
		{name: "title", of: func(i *domain.ReviewItem) any { return &i.Title }},
		{name: "how_much", of: func(i *domain.ReviewItem) any { return &i.HowMuch }},
		{name: "how_well", of: func(i *domain.ReviewItem) any { return &i.HowWell }},
		{name: "better_off", of: func(i *domain.ReviewItem) any { return &i.BetterOff }},
	},
	shown: []column[domain.ReviewItem]{
		{name: "return_id", of: func(i *domain.ReviewItem) any { return &i.ReturnID }},
		{name: "updated_at", of: func(i *domain.ReviewItem) any { return &i.UpdatedAt }},
	},
	aim:  func(i *domain.ReviewItem) *int64 { return &i.AimID },
	open: inEditableReturn,
}

// ObjectiveList is a return's objectives for the next period, changed as its review items are.
var ObjectiveList = &List[domain.Objective]{
	table: "objectives", entity: "objective", parent: "return_id",
	entry: func(o *domain.Objective) *domain.Entry { return &o.Entry },
	typed: []column[domain.Objective]{
		{name: "intend", of: func(o *domain.Objective) any { return &o.Intend }},
		{name: "quantity", of: func(o *domain.Objective) any { return &o.Quantity }},
		{name: "quality", of: func(o *domain.Objective) any { return &o.Quality }},
		{name: "outcomes", of: func(o *domain.Objective) any { return &o.Outcomes }},
	},
	shown: []column[domain.Objective]{
		{name: "return_id", of: func(o *domain.Objective) any { return &o.ReturnID }},
		{name: "updated_at", of: func(o *domain.Objective) any { return &o.UpdatedAt }},
	},
	aim:  func(o *domain.Objective) *int64 { return &o.AimID },
	open: inEditableReturn,
}

// inEditableReturn is a return's lists' parent: the return, found or started,
// and refused unless its content may change (editableReturn).
func inEditableReturn(ctx context.Context, tx pgx.Tx, actor domain.Actor, p Parent) (int64, error) {
	return editableReturn(ctx, tx, actor, p.Period, p.Agency)
}

// PlanObjectiveList is a period's key objectives of the board's business
// plan; removing one removes its items.
var PlanObjectiveList = &List[domain.PlanObjective]{
	table: "report_plan_objectives", entity: "report_plan_objective", parent: "period_id",
	entry: func(o *domain.PlanObjective) *domain.Entry { return &o.Entry },
	typed: []column[domain.PlanObjective]{
		{name: "title", of: func(o *domain.PlanObjective) any { return &o.Title }},
		{name: "intro", of: func(o *domain.PlanObjective) any { return &o.Intro }},
	},
}

// PlanItemList is a key objective's items.
var PlanItemList = &List[domain.PlanItem]{
	table: "report_plan_items", entity: "report_plan_item", parent: "objective_id",
	entry: func(i *domain.PlanItem) *domain.Entry { return &i.Entry },
	typed: []column[domain.PlanItem]{
		{name: "title", of: func(i *domain.PlanItem) any { return &i.Title }},
		{name: "desired_outcome", of: func(i *domain.PlanItem) any { return &i.DesiredOutcome }},
		{name: "what_we_did", of: func(i *domain.PlanItem) any { return &i.WhatWeDid }},
		{name: "difference", of: func(i *domain.PlanItem) any { return &i.Difference }},
	},
	shown: []column[domain.PlanItem]{
		{name: "objective_id", of: func(i *domain.PlanItem) any { return &i.ObjectiveID }},
	},
}

// AimList is a period's strategic aims; removing one removes its objectives.
var AimList = &List[domain.StrategicAim]{
	table: "report_aims", entity: "report_aim", parent: "period_id",
	entry: func(a *domain.StrategicAim) *domain.Entry { return &a.Entry },
	typed: []column[domain.StrategicAim]{
		{name: "title", of: func(a *domain.StrategicAim) any { return &a.Title }},
		{name: "outcomes", of: func(a *domain.StrategicAim) any { return &a.Outcomes }},
		{name: "later_years", of: func(a *domain.StrategicAim) any { return &a.LaterYears }},
	},
}

// AimObjectiveList is a strategic aim's specific objectives for the coming year.
var AimObjectiveList = &List[domain.AimObjective]{
	table: "report_aim_objectives", entity: "report_aim_objective", parent: "aim_id",
	entry: func(o *domain.AimObjective) *domain.Entry { return &o.Entry },
	typed: []column[domain.AimObjective]{
		{name: "body", of: func(o *domain.AimObjective) any { return &o.Body }},
	},
	shown: []column[domain.AimObjective]{
		{name: "aim_id", of: func(o *domain.AimObjective) any { return &o.AimID }},
	},
}

// MemberList is a period's board members; removing one removes their attendance.
var MemberList = &List[domain.BoardMember]{
	table: "report_members", entity: "report_member", parent: "period_id",
	entry: func(m *domain.BoardMember) *domain.Entry { return &m.Entry },
	typed: []column[domain.BoardMember]{
		{name: "role", of: func(m *domain.BoardMember) any { return &m.Role }},
		{name: "organisation", of: func(m *domain.BoardMember) any { return &m.Organisation }},
		{name: "name", of: func(m *domain.BoardMember) any { return &m.Name }},
	},
}

// SectionList is a period's outline of the report (Outline): the built-in
// sections keep their kind and can be hidden but not removed, and only a
// free section has text of its own.
var SectionList = &List[domain.ReportSection]{
	table: "report_sections", entity: "report_section", parent: "period_id",
	entry: func(s *domain.ReportSection) *domain.Entry { return &s.Entry },
	typed: []column[domain.ReportSection]{
		{name: "kind", of: func(s *domain.ReportSection) any { return &s.Kind }, once: true},
		{name: "title", of: func(s *domain.ReportSection) any { return &s.Title }},
		{name: "hidden", of: func(s *domain.ReportSection) any { return &s.Hidden }},
		{name: "appendix", of: func(s *domain.ReportSection) any { return &s.Appendix }},
		{name: "body", of: func(s *domain.ReportSection) any { return &s.Body }},
	},
	shown: []column[domain.ReportSection]{
		{name: "period_id", of: func(s *domain.ReportSection) any { return &s.PeriodID }},
	},
	revise: func(before, after *domain.ReportSection) {
		if before.Kind != domain.SectionFree {
			after.Body = ""
		}
	},
	keep: func(before *domain.ReportSection) error {
		if before.Kind != domain.SectionFree {
			return fmt.Errorf("%w: only the board's own sections can be removed; hide the others", domain.ErrConflict)
		}
		return nil
	},
}

// ReviewItems lists a return's review items in order.
func (s *Store) ReviewItems(ctx context.Context, returnID int64) ([]domain.ReviewItem, error) {
	return ReviewItemList.All(ctx, s, returnID)
}

// Objectives lists a return's objectives in order.
func (s *Store) Objectives(ctx context.Context, returnID int64) ([]domain.Objective, error) {
	return ObjectiveList.All(ctx, s, returnID)
}

// Aims lists the period's strategic aims in order, each with its objectives
// for the coming year, in two queries.
func (s *Store) Aims(ctx context.Context, periodID int64) ([]domain.StrategicAim, error) {
	out, err := AimList.All(ctx, s, periodID)
	if err != nil || len(out) == 0 {
		return out, err
	}
	ids := make([]int64, len(out))
	at := map[int64]int{}
	for i, a := range out {
		ids[i], at[a.ID] = a.ID, i
	}
	objectives, err := AimObjectiveList.All(ctx, s, ids...)
	if err != nil {
		return nil, err
	}
	for _, o := range objectives {
		a := &out[at[o.AimID]]
		a.Objectives = append(a.Objectives, o)
	}
	return out, nil
}

// Members lists the period's board members in order.
func (s *Store) Members(ctx context.Context, periodID int64) ([]domain.BoardMember, error) {
	return MemberList.All(ctx, s, periodID)
}

// PlanObjectives lists the period's key objectives in order, each with its items, in two queries.
func (s *Store) PlanObjectives(ctx context.Context, periodID int64) ([]domain.PlanObjective, error) {
	out, err := PlanObjectiveList.All(ctx, s, periodID)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(out))
	at := map[int64]int{}
	for i, o := range out {
		ids[i], at[o.ID] = o.ID, i
	}
	items, err := PlanItemList.All(ctx, s, ids...)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		o := &out[at[it.ObjectiveID]]
		o.Items = append(o.Items, it)
	}
	return out, nil
}
