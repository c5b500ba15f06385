package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// Values lists the known figures of the given indicators dated from from to
// to (both included), by indicator, date and options.
func (s *Store) Values(ctx context.Context, indicatorIDs []int64, from, to time.Time) ([]domain.CellValue, error) {
	const q = `SELECT indicator_id, on_date, coalesce(option1_id, 0), coalesce(option2_id, 0), coalesce(option3_id, 0), value::float8
	           FROM indicator_values
	           WHERE indicator_id = ANY($1) AND on_date BETWEEN $2 AND $3
	           ORDER BY indicator_id, on_date, option1_id NULLS FIRST, option2_id NULLS FIRST, option3_id NULLS FIRST`
	rows, err := s.pool.Query(ctx, q, indicatorIDs, from, to)
	if err != nil {
		return nil, fmt.Errorf("list values: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.CellValue, error) {
		var c domain.CellValue
		var v float64
		err := row.Scan(&c.IndicatorID, &c.On, &c.Options[0], &c.Options[1], &c.Options[2], &v)
		c.Value = &v
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("list values: %w", err)
	}
	return list, nil
}

// ValueScope limits whose figures a save may write.
type ValueScope struct {
	// AgencyID, when set, refuses figures of indicators another agency owns.
	AgencyID *int64
	// Expected, when set, holds the figures the caller last saw in cells it
	// is changing (nil Value: not known). If any differs now, nothing is
	// saved and the error wraps domain.ErrStale. Saves of one indicator's
	// figures take turns, so the check and the write see the same figures.
	Expected []domain.CellValue
}

// SaveValues writes figures all or nothing: a value sets the cell, a nil value
// clears it (not known). It refuses, changing nothing, figures for an indicator
// outside the scope (domain.ErrForbidden), for a ratio indicator, or with
// options that are not the indicator's breakdowns (domain.ErrConflict). It
// returns how many cells it changed. Callers validate the figures themselves
// (domain.Indicator.CheckValue); the store checks ownership and shape again.
func (s *Store) SaveValues(ctx context.Context, actor domain.Actor, scope ValueScope, cells []domain.CellValue) (int, error) {
	if len(cells) == 0 {
		return 0, nil
	}
	changed := 0
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `CREATE TEMP TABLE incoming_values (
		        indicator_id bigint NOT NULL, on_date date NOT NULL,
		        option1_id bigint, option2_id bigint, option3_id bigint, value numeric) ON COMMIT DROP`)
		if err != nil {
			return err
		}
		_, err = tx.CopyFrom(ctx, pgx.Identifier{"incoming_values"},
			[]string{"indicator_id", "on_date", "option1_id", "option2_id", "option3_id", "value"},
			pgx.CopyFromSlice(len(cells), func(i int) ([]any, error) {
				c := cells[i]
				opt := func(k int) any {
					if c.Options[k] == 0 {
						return nil
					}
					return c.Options[k]
				}
				var v any
				if c.Value != nil {
					v = *c.Value
				}
				return []any{c.IndicatorID, c.On, opt(0), opt(1), opt(2), v}, nil
			}))
		if err != nil {
			return fmt.Errorf("copy values: %w", err)
		}
		if _, err := tx.Exec(ctx, `ANALYZE incoming_values`); err != nil {
			return err
		}
		if err := lockIndicators(ctx, tx, cells); err != nil {
			return err
		}
		if err := checkExpected(ctx, tx, scope.Expected); err != nil {
			return err
		}
		var outside, ratios, misshapen int
		// The options must be the indicator's breakdowns, in order: one lookup
		// per indicator and option rather than a subquery per figure.
		const check = `
		    WITH dims AS (
		        SELECT indicator_id,
		               max(dimension_id) FILTER (WHERE position = 1) AS d1,
		               max(dimension_id) FILTER (WHERE position = 2) AS d2,
		               max(dimension_id) FILTER (WHERE position = 3) AS d3
		        FROM indicator_dimensions
		        WHERE indicator_id IN (SELECT DISTINCT indicator_id FROM incoming_values)
		        GROUP BY indicator_id)
		    SELECT count(*) FILTER (WHERE ind.id IS NULL OR ($1::bigint IS NOT NULL AND ind.agency_id <> $1)),
		           count(*) FILTER (WHERE ind.ytd_rule = 'ratio'),
		           count(*) FILTER (WHERE ind.id IS NOT NULL AND (
		               o1.dimension_id IS DISTINCT FROM d.d1 OR o2.dimension_id IS DISTINCT FROM d.d2
		               OR o3.dimension_id IS DISTINCT FROM d.d3
		               OR (n.option1_id IS NULL) <> (d.d1 IS NULL) OR (n.option2_id IS NULL) <> (d.d2 IS NULL)
		               OR (n.option3_id IS NULL) <> (d.d3 IS NULL)))
		    FROM incoming_values n
		    LEFT JOIN indicators ind ON ind.id = n.indicator_id
		    LEFT JOIN dims d ON d.indicator_id = n.indicator_id
		    LEFT JOIN dimension_options o1 ON o1.id = n.option1_id
		    LEFT JOIN dimension_options o2 ON o2.id = n.option2_id
		    LEFT JOIN dimension_options o3 ON o3.id = n.option3_id`
		if err := tx.QueryRow(ctx, check, scope.AgencyID).Scan(&outside, &ratios, &misshapen); err != nil {
			return fmt.Errorf("check values: %w", err)
		}
		switch {
		case outside > 0:
			return fmt.Errorf("%d figures belong to another agency's indicators: %w", outside, domain.ErrForbidden)
		case ratios > 0:
			return fmt.Errorf("%d figures for ratio indicators, which are computed: %w", ratios, domain.ErrConflict)
		case misshapen > 0:
			return fmt.Errorf("%d figures whose options are not the indicator's breakdowns: %w", misshapen, domain.ErrConflict)
		}
		tag, err := tx.Exec(ctx, `
		    DELETE FROM indicator_values v USING incoming_values n
		    WHERE n.value IS NULL AND v.indicator_id = n.indicator_id AND v.on_date = n.on_date
		      AND v.option1_id IS NOT DISTINCT FROM n.option1_id
		      AND v.option2_id IS NOT DISTINCT FROM n.option2_id
		      AND v.option3_id IS NOT DISTINCT FROM n.option3_id`)
		if err != nil {
			return fmt.Errorf("clear values: %w", mapError(err))
		}
		changed += int(tag.RowsAffected())
		tag, err = tx.Exec(ctx, `
		    INSERT INTO indicator_values AS v (indicator_id, on_date, option1_id, option2_id, option3_id, value, updated_by)
		    SELECT DISTINCT ON (indicator_id, on_date, option1_id, option2_id, option3_id)
		           indicator_id, on_date, option1_id, option2_id, option3_id, value, $1::bigint
		    FROM incoming_values WHERE value IS NOT NULL
		    ON CONFLICT ON CONSTRAINT indicator_values_cell_key DO UPDATE
		    SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()
		    WHERE v.value IS DISTINCT FROM EXCLUDED.value`, actor.UserID)
		if err != nil {
			return fmt.Errorf("write values: %w", mapError(err))
		}
		changed += int(tag.RowsAffected())
		var indicatorIDs []int64
		if err := tx.QueryRow(ctx, `SELECT array_agg(DISTINCT indicator_id ORDER BY indicator_id) FROM incoming_values`).Scan(&indicatorIDs); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "values.save", "indicator_values", 0, map[string]any{
			"cells": len(cells), "changed": changed, "indicator_ids": indicatorIDs})
	})
	if err != nil {
		return 0, fmt.Errorf("save values: %w", err)
	}
	return changed, nil
}

// lockIndicators makes saves of the same indicators' figures take turns, in
// id order so two saves cannot wait on each other.
func lockIndicators(ctx context.Context, tx pgx.Tx, cells []domain.CellValue) error {
	seen := map[int64]bool{}
	var ids []int64
	for _, c := range cells {
		if !seen[c.IndicatorID] {
			seen[c.IndicatorID] = true
			ids = append(ids, c.IndicatorID)
		}
	}
	_, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('indicator_values', id))
	                        FROM unnest($1::bigint[]) AS id ORDER BY id`, ids)
	if err != nil {
		return fmt.Errorf("lock indicators: %w", err)
	}
	// A change to an indicator's breakdowns waits for this save, and then sees its figures.
	if _, err := tx.Exec(ctx, `SELECT 1 FROM indicators WHERE id = ANY($1) ORDER BY id FOR SHARE`, ids); err != nil {
		return fmt.Errorf("lock indicators: %w", err)
	}
	return nil
}

// checkExpected refuses with domain.ErrStale when a cell's figure is no
// longer what the caller saw.
func checkExpected(ctx context.Context, tx pgx.Tx, expected []domain.CellValue) error {
	if len(expected) == 0 {
		return nil
	}
	n := len(expected)
	ind, opt1, opt2, opt3 := make([]int64, n), make([]int64, n), make([]int64, n), make([]int64, n)
	dates, vals := make([]time.Time, n), make([]*float64, n)
	for i, e := range expected {
		ind[i], dates[i], vals[i] = e.IndicatorID, e.On, e.Value
		opt1[i], opt2[i], opt3[i] = e.Options[0], e.Options[1], e.Options[2]
	}
	var stale int
	err := tx.QueryRow(ctx, `
	    SELECT count(*) FROM unnest($1::bigint[], $2::date[], $3::bigint[], $4::bigint[], $5::bigint[], $6::float8[])
	                         AS e(indicator_id, on_date, o1, o2, o3, value)
	    LEFT JOIN indicator_values v ON v.indicator_id = e.indicator_id AND v.on_date = e.on_date
	         AND v.option1_id IS NOT DISTINCT FROM nullif(e.o1, 0)
	         AND v.option2_id IS NOT DISTINCT FROM nullif(e.o2, 0)
	         AND v.option3_id IS NOT DISTINCT FROM nullif(e.o3, 0)
	    WHERE v.value::float8 IS DISTINCT FROM e.value`, ind, dates, opt1, opt2, opt3, vals).Scan(&stale)
	if err != nil {
		return fmt.Errorf("check figures seen: %w", err)
	}
	if stale > 0 {
		return fmt.Errorf("%d figures changed since they were read: %w", stale, domain.ErrStale)
	}
	return nil
}
