package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// The readiness check before the annual report is published (issue 6): the
// agencies without an accepted return, the indicators without figures for
// dates of the period, the targets still to be confirmed, the visible
// sections with nothing in them, and the statutory checklist with the
// section each item is covered in.

// Readiness checks the period's report. The period must have its ID, label and dates.
func (s *Store) Readiness(ctx context.Context, period domain.Period) (*domain.Readiness, error) {
	r := &domain.Readiness{}
	var err error
	if r.Returns, err = s.returnGaps(ctx, period.ID); err != nil {
		return nil, err
	}
	if r.Indicators, err = s.indicatorGaps(ctx, period); err != nil {
		return nil, err
	}
	if r.Unconfirmed, err = s.UnconfirmedTargets(ctx, period.ID); err != nil {
		return nil, err
	}
	outline, err := s.Outline(ctx, period)
	if err != nil {
		return nil, err
	}
	r.Sections = domain.NumberSections(outline)
	empty, err := s.emptySections(ctx, period.ID)
	if err != nil {
		return nil, err
	}
	label := map[int64]string{}
	for _, ns := range r.Sections {
		label[ns.ID] = ns.Label + ": " + ns.Title
		if empty[ns.ID] {
			r.EmptySections = append(r.EmptySections, ns)
		}
	}
	links, err := s.checklistLinks(ctx, period.ID)
	if err != nil {
		return nil, err
	}
	for _, item := range domain.Checklist {
		e := domain.ChecklistEntry{ChecklistItem: item}
		// A link to a section since hidden no longer covers the item.
		if id := links[item.Key]; label[id] != "" {
			e.SectionID, e.Section = id, label[id]
		}
		r.Checklist = append(r.Checklist, e)
	}
	return r, nil
}

// UnconfirmedTargets lists the indicators whose target for the period came
// over from the year before (StartYearFrom) and is still to be confirmed, in
// the indicators' order.
func (s *Store) UnconfirmedTargets(ctx context.Context, periodID int64) ([]domain.UnconfirmedTarget, error) {
	rows, err := s.pool.Query(ctx, `SELECT i.id, i.code, i.name FROM targets t JOIN indicators i ON i.id = t.indicator_id
		WHERE t.period_id = $1 AND NOT t.confirmed ORDER BY i.position, i.code`, periodID)
	if err != nil {
		return nil, fmt.Errorf("targets to be confirmed: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.UnconfirmedTarget, error) {
		var u domain.UnconfirmedTarget
		return u, row.Scan(&u.IndicatorID, &u.Code, &u.Name)
	})
	if err != nil {
		return nil, fmt.Errorf("targets to be confirmed: %w", err)
	}
	return out, nil
}

func (s *Store) returnGaps(ctx context.Context, periodID int64) ([]domain.ReturnGap, error) {
	rows, err := s.pool.Query(ctx, `SELECT a.id, a.slug, a.name, coalesce(r.status, 'not_started')
		FROM agencies a LEFT JOIN returns r ON r.agency_id = a.id AND r.period_id = $1
		WHERE a.active AND coalesce(r.status, 'not_started') <> 'accepted'
		ORDER BY a.display_order, a.name`, periodID)
	if err != nil {
		return nil, fmt.Errorf("returns not accepted: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.ReturnGap, error) {
		var g domain.ReturnGap
		var status string
		err := row.Scan(&g.AgencyID, &g.AgencySlug, &g.AgencyName, &status)
		g.Status = domain.ReturnStatus(status)
		return g, err
	})
	if err != nil {
		return nil, fmt.Errorf("returns not accepted: %w", err)
	}
	return out, nil
}

// indicatorGaps lists the indicators that hold figures (a ratio indicator is
// counted by its parts, which are indicators themselves) without a figure for
// some date of the period: a month, quarter or year with no figure at all, or
// a snapshot indicator with no figure on any date of the period.
func (s *Store) indicatorGaps(ctx context.Context, period domain.Period) ([]domain.IndicatorGap, error) {
	rows, err := s.pool.Query(ctx, `SELECT i.id, i.code, i.name, a.name, i.frequency,
			(SELECT coalesce(array_agg(DISTINCT v.on_date), '{}') FROM indicator_values v
			  WHERE v.indicator_id = i.id AND v.on_date BETWEEN $2 AND $3),
			EXISTS (SELECT 1 FROM figures_complete c WHERE c.indicator_id = i.id AND c.period_id = $1)
		FROM indicators i JOIN agencies a ON a.id = i.agency_id
		WHERE i.ytd_rule <> 'ratio'
		ORDER BY i.position, i.code`, period.ID, period.StartsOn, period.EndsOn)
	if err != nil {
		return nil, fmt.Errorf("indicators without figures: %w", err)
	}
	var out []domain.IndicatorGap
	var g domain.IndicatorGap
	var freq string
	var dates []time.Time
	_, err = pgx.ForEachRow(rows, []any{&g.ID, &g.Code, &g.Name, &g.AgencyName, &freq, &dates, &g.Complete}, func() error {
		g.Frequency = domain.Frequency(freq)
		have := map[time.Time]bool{}
		for _, d := range dates {
			have[d.UTC()] = true
		}
		ind := domain.Indicator{Frequency: g.Frequency}
		var missing []time.Time
		if g.Frequency == domain.FrequencySnapshot {
			if len(dates) == 0 {
				missing = ind.Dates(period)
			}
		} else {
			for _, d := range ind.Dates(period) {
				if !have[d] {
					missing = append(missing, d)
				}
			}
		}
		if len(missing) > 0 {
			gap := g
			gap.Missing = missing
			out = append(out, gap)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("indicators without figures: %w", err)
	}
	return out, nil
}

// emptySections finds the period's sections with nothing in them, by id: a
// board text not written, no accepted return for the sections built from
// returns, no indicator, no aim, no member, nothing tagged with an aim, no
// closed challenge, a free section without text.
func (s *Store) emptySections(ctx context.Context, periodID int64) (map[int64]bool, error) {
	rows, err := s.pool.Query(ctx, `SELECT s.id FROM report_sections s WHERE s.period_id = $1 AND NOT CASE s.kind
		WHEN 'overview' THEN EXISTS (SELECT 1 FROM report_texts t WHERE t.period_id = $1 AND t.kind = 'overview' AND btrim(t.body) <> '')
		WHEN 'plan' THEN EXISTS (SELECT 1 FROM report_plan_objectives o WHERE o.period_id = $1)
			OR EXISTS (SELECT 1 FROM report_texts t WHERE t.period_id = $1 AND t.kind = 'plan_intro' AND btrim(t.body) <> '')
		WHEN 'partner_reviews' THEN EXISTS (SELECT 1 FROM returns r WHERE r.period_id = $1 AND r.status = 'accepted')
		WHEN 'objectives' THEN EXISTS (SELECT 1 FROM returns r WHERE r.period_id = $1 AND r.status = 'accepted')
		WHEN 'performance' THEN EXISTS (SELECT 1 FROM indicators)
		WHEN 'aims' THEN EXISTS (SELECT 1 FROM report_aims a WHERE a.period_id = $1)
		WHEN 'work_by_aim' THEN EXISTS (SELECT 1 FROM review_items i JOIN returns r ON r.id = i.return_id
				WHERE r.period_id = $1 AND r.status = 'accepted' AND i.aim_id IS NOT NULL)
			OR EXISTS (SELECT 1 FROM objectives o JOIN returns r ON r.id = o.return_id
				WHERE r.period_id = $1 AND r.status = 'accepted' AND o.aim_id IS NOT NULL)
		WHEN 'membership' THEN EXISTS (SELECT 1 FROM report_members m WHERE m.period_id = $1)
		WHEN 'challenge' THEN EXISTS (SELECT 1 FROM challenges c WHERE c.period_id = $1 AND c.status = 'closed')
		ELSE btrim(s.body) <> ''
		END`, periodID)
	if err != nil {
		return nil, fmt.Errorf("empty sections: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("empty sections: %w", err)
	}
	out := map[int64]bool{}
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

func (s *Store) checklistLinks(ctx context.Context, periodID int64) (map[string]int64, error) {
	rows, err := s.pool.Query(ctx, `SELECT item, section_id FROM report_checklist WHERE period_id = $1`, periodID)
	if err != nil {
		return nil, fmt.Errorf("checklist: %w", err)
	}
	out := map[string]int64{}
	var item string
	var id int64
	_, err = pgx.ForEachRow(rows, []any{&item, &id}, func() error {
		out[item] = id
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("checklist: %w", err)
	}
	return out, nil
}

// LinkChecklistItem marks a checklist item covered by one of the period's
// sections, or (sectionID 0) not covered, with an audit event. A section of
// another period is not found (domain.ErrNotFound).
func (s *Store) LinkChecklistItem(ctx context.Context, actor domain.Actor, periodID int64, item string, sectionID int64) error {
	if _, ok := domain.ChecklistItemByKey(item); !ok {
		return fmt.Errorf("checklist item %q: %w", item, domain.ErrNotFound)
	}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var before *int64
		err := tx.QueryRow(ctx, `SELECT section_id FROM report_checklist WHERE period_id = $1 AND item = $2 FOR UPDATE`, periodID, item).Scan(&before)
		if err != nil && err != pgx.ErrNoRows {
			return err
		}
		if sectionID == 0 {
			if _, err := tx.Exec(ctx, `DELETE FROM report_checklist WHERE period_id = $1 AND item = $2`, periodID, item); err != nil {
				return err
			}
		} else {
			var ok bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM report_sections WHERE id = $1 AND period_id = $2)`, sectionID, periodID).Scan(&ok); err != nil {
				return err
			}
			if !ok {
				return fmt.Errorf("report section %d: %w", sectionID, domain.ErrNotFound)
			}
			_, err := tx.Exec(ctx, `INSERT INTO report_checklist (period_id, item, section_id, updated_by) VALUES ($1, $2, $3, $4)
				ON CONFLICT (period_id, item) DO UPDATE SET section_id = EXCLUDED.section_id, updated_at = now(), updated_by = EXCLUDED.updated_by`,
				periodID, item, sectionID, actor.UserID)
			if err != nil {
				return mapError(err)
			}
		}
		var after *int64
		if sectionID != 0 {
			after = &sectionID
		}
		return audit(ctx, tx, actor, "report_checklist.link", "period", periodID, map[string]any{
			"item": item, "changes": map[string]any{"section_id": map[string]any{"from": before, "to": after}},
		})
	})
	if err != nil {
		return fmt.Errorf("link checklist item %s: %w", item, err)
	}
	return nil
}

// SetFiguresComplete says whether an indicator's figures for the period are
// complete as they are (its missing dates will not come), with an audit event.
func (s *Store) SetFiguresComplete(ctx context.Context, actor domain.Actor, indicatorID, periodID int64, complete bool) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var tag interface{ RowsAffected() int64 }
		var err error
		if complete {
			tag, err = tx.Exec(ctx, `INSERT INTO figures_complete (indicator_id, period_id, marked_by) VALUES ($1, $2, $3)
				ON CONFLICT DO NOTHING`, indicatorID, periodID, actor.UserID)
		} else {
			tag, err = tx.Exec(ctx, `DELETE FROM figures_complete WHERE indicator_id = $1 AND period_id = $2`, indicatorID, periodID)
		}
		if err != nil {
			return mapError(err)
		}
		if tag.RowsAffected() == 0 {
			return nil
		}
		return audit(ctx, tx, actor, "indicator.figures_complete", "indicator", indicatorID, map[string]any{
			"period_id": periodID, "changes": map[string]any{"figures_complete": map[string]any{"from": !complete, "to": complete}},
		})
	})
	if err != nil {
		return fmt.Errorf("figures complete for indicator %d: %w", indicatorID, err)
	}
	return nil
}
