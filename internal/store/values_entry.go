package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// DateCount is how many figures an indicator holds for one date.
type DateCount struct {
	IndicatorID int64
	On          time.Time
	Known       int
}

// ValueCounts counts the known figures of the given indicators by indicator
// and date, for dates from from to to (both included): one row per indicator
// and date that has any, so a task list can say how far along a return's
// figures are without loading them.
func (s *Store) ValueCounts(ctx context.Context, indicatorIDs []int64, from, to time.Time) ([]DateCount, error) {
	const q = `SELECT indicator_id, on_date, count(*) FROM indicator_values
	           WHERE indicator_id = ANY($1) AND on_date BETWEEN $2 AND $3
	           GROUP BY indicator_id, on_date ORDER BY indicator_id, on_date`
	rows, err := s.pool.Query(ctx, q, indicatorIDs, from, to)
	if err != nil {
		return nil, fmt.Errorf("count values: %w", err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[DateCount])
	if err != nil {
		return nil, fmt.Errorf("count values: %w", err)
	}
	return list, nil
}

// RatioPart is one ratio indicator an indicator is the numerator or the
// denominator of, with the other part.
type RatioPart struct {
	RatioCode     string
	IsNumerator   bool  // the indicator asked about is the ratio's numerator
	CounterpartID int64 // the denominator when IsNumerator, else the numerator
}

// RatioParts lists the ratio indicators the indicator is a part of, so its
// figures can be checked against the other part's (numerator ≤ denominator).
func (s *Store) RatioParts(ctx context.Context, indicatorID int64) ([]RatioPart, error) {
	const q = `SELECT code, numerator_id = $1, CASE WHEN numerator_id = $1 THEN denominator_id ELSE numerator_id END
	           FROM indicators WHERE ytd_rule = 'ratio' AND (numerator_id = $1 OR denominator_id = $1)
	           ORDER BY position, lower(code)`
	rows, err := s.pool.Query(ctx, q, indicatorID)
	if err != nil {
		return nil, fmt.Errorf("ratio parts of indicator %d: %w", indicatorID, err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[RatioPart])
	if err != nil {
		return nil, fmt.Errorf("ratio parts of indicator %d: %w", indicatorID, err)
	}
	return list, nil
}
