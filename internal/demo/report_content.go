package demo

import (
	"context"
	"fmt"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// loadReport adds the board's own sections of the period's annual report
// from report_seed.go, through the store functions the editors use: the chair
// writes the overview, the manager everything else. Each part is added only
// when the period has none of it, so loading again adds nothing and keeps
// whatever was changed in the demo.
func loadReport(ctx context.Context, st *store.Store, periodID int64) error {
	manager, err := actorFor(ctx, st, "manager@"+emailDomain)
	if err != nil {
		return err
	}
	chair, err := actorFor(ctx, st, "chair@"+emailDomain)
	if err != nil {
		return err
	}
	period, err := st.PeriodByID(ctx, periodID)
	if err != nil {
		return err
	}
	if _, err := st.Outline(ctx, *period); err != nil {
		return err
	}
	cover, err := st.ReportCover(ctx, periodID)
	if err != nil {
		return err
	}
	if cover.Version == 0 {
		date := time.Date(2010, time.April, 27, 0, 0, 0, 0, time.UTC)
		err := st.SaveReportCover(ctx, manager, periodID, 0, domain.ReportCover{
			Title: domain.DefaultCoverTitle(*period), Subtitle: seedCoverSubtitle, Date: &date,
		})
		if err != nil {
			return fmt.Errorf("demo report cover: %w", err)
		}
	}
	for _, t := range []struct {
		kind  domain.TextKind
		body  string
		actor domain.Actor
	}{
		{domain.TextOverview, seedOverview, chair},
		{domain.TextPlanIntro, seedPlanIntro, manager},
		{domain.TextAimsIntro, seedAimsIntro, manager},
	} {
		existing, err := st.ReportText(ctx, periodID, t.kind)
		if err != nil {
			return err
		}
		if existing.Version > 0 {
			continue
		}
		if err := st.SaveReportText(ctx, t.actor, periodID, t.kind, 0, t.body); err != nil {
			return fmt.Errorf("demo report text %s: %w", t.kind, err)
		}
	}
	if err := loadPlan(ctx, st, manager, periodID); err != nil {
		return err
	}
	if err := loadAims(ctx, st, manager, periodID); err != nil {
		return err
	}
	return loadMembership(ctx, st, manager, period)
}

func loadPlan(ctx context.Context, st *store.Store, actor domain.Actor, periodID int64) error {
	existing, err := st.PlanObjectives(ctx, periodID)
	if err != nil || len(existing) > 0 {
		return err
	}
	for _, o := range seedPlan {
		id, err := store.PlanObjectiveList.Add(ctx, st, actor, store.Under(periodID), domain.PlanObjective{Title: o.title, Intro: o.intro})
		if err != nil {
			return fmt.Errorf("demo key objective %q: %w", o.title, err)
		}
		for _, i := range o.items {
			_, err := store.PlanItemList.Add(ctx, st, actor, store.Under(id), domain.PlanItem{Title: i.title, DesiredOutcome: i.outcome, WhatWeDid: i.did, Difference: i.difference})
			if err != nil {
				return fmt.Errorf("demo plan item %q: %w", i.title, err)
			}
		}
	}
	return nil
}

func loadAims(ctx context.Context, st *store.Store, actor domain.Actor, periodID int64) error {
	existing, err := st.Aims(ctx, periodID)
	if err != nil || len(existing) > 0 {
		return err
	}
	// The aims each indicator measures, set once per indicator after the aims exist.
	aimsOf := map[string][]int64{}
	var codes []string
	for _, a := range seedAims {
		id, err := store.AimList.Add(ctx, st, actor, store.Under(periodID), domain.StrategicAim{Title: a.title, Outcomes: a.outcomes, LaterYears: a.later})
		if err != nil {
			return fmt.Errorf("demo aim %q: %w", a.title, err)
		}
		for _, body := range a.coming {
			if _, err := store.AimObjectiveList.Add(ctx, st, actor, store.Under(id), domain.AimObjective{Body: body}); err != nil {
				return fmt.Errorf("demo objective of aim %q: %w", a.title, err)
			}
		}
		for _, code := range a.indicators {
			if aimsOf[code] == nil {
				codes = append(codes, code)
			}
			aimsOf[code] = append(aimsOf[code], id)
		}
	}
	for _, code := range codes {
		ind, err := st.IndicatorByCode(ctx, code)
		if err != nil {
			return fmt.Errorf("demo aims of indicator %s: %w", code, err)
		}
		if err := st.SetIndicatorAims(ctx, actor, ind.ID, periodID, aimsOf[code]); err != nil {
			return fmt.Errorf("demo aims of indicator %s: %w", code, err)
		}
	}
	return nil
}

func loadMembership(ctx context.Context, st *store.Store, actor domain.Actor, period *domain.Period) error {
	existing, err := st.Members(ctx, period.ID)
	if err != nil || len(existing) > 0 {
		return err
	}
	ids := make([]int64, len(seedMembers))
	for i, m := range seedMembers {
		if ids[i], err = store.MemberList.Add(ctx, st, actor, store.Under(period.ID), domain.BoardMember{Role: m.role, Organisation: m.organisation}); err != nil {
			return fmt.Errorf("demo member %q: %w", m.role, err)
		}
	}
	for j, md := range seedMeetings {
		year := period.StartsOn.Year()
		if md[0] < int(period.StartsOn.Month()) {
			year++
		}
		var attended []int64
		for i, id := range ids {
			if seedAttended(i, j) {
				attended = append(attended, id)
			}
		}
		if _, err := st.AddMeeting(ctx, actor, period.ID, time.Date(year, time.Month(md[0]), md[1], 0, 0, 0, 0, time.UTC), attended); err != nil {
			return fmt.Errorf("demo meeting %d: %w", j+1, err)
		}
	}
	return nil
}
