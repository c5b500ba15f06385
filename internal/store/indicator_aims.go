package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// IndicatorAims maps each indicator to the ids of the period's strategic aims
// it measures progress on. One query.
func (s *Store) IndicatorAims(ctx context.Context, periodID int64) (map[int64][]int64, error) {
	rows, err := s.pool.Query(ctx, `SELECT x.indicator_id, x.aim_id FROM indicator_aims x
	                                JOIN report_aims a ON a.id = x.aim_id
	                                WHERE a.period_id = $1 ORDER BY x.indicator_id, a.position`, periodID)
	if err != nil {
		return nil, fmt.Errorf("indicator aims: %w", err)
	}
	out := map[int64][]int64{}
	var ind, aim int64
	_, err = pgx.ForEachRow(rows, []any{&ind, &aim}, func() error {
		out[ind] = append(out[ind], aim)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("indicator aims: %w", err)
	}
	return out, nil
}

// SetIndicatorAims sets which of a period's strategic aims an indicator
// measures progress on; aims of other periods are refused (domain.ErrConflict).
func (s *Store) SetIndicatorAims(ctx context.Context, actor domain.Actor, indicatorID, periodID int64, aimIDs []int64) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var foreign int
		err := tx.QueryRow(ctx, `SELECT count(*) FROM unnest($1::bigint[]) AS x(id)
		                         LEFT JOIN report_aims a ON a.id = x.id AND a.period_id = $2
		                         WHERE a.id IS NULL`, aimIDs, periodID).Scan(&foreign)
		if err != nil {
			return err
		}
		if foreign > 0 {
			return fmt.Errorf("%d aims are not %d's: %w", foreign, periodID, domain.ErrConflict)
		}
		_, err = tx.Exec(ctx, `DELETE FROM indicator_aims x USING report_aims a
		                       WHERE x.aim_id = a.id AND a.period_id = $2 AND x.indicator_id = $1`, indicatorID, periodID)
		if err != nil {
			return mapError(err)
		}
		_, err = tx.Exec(ctx, `INSERT INTO indicator_aims (indicator_id, aim_id) SELECT $1, unnest($2::bigint[])`, indicatorID, aimIDs)
		if err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, actor, "indicator.aims", "indicator", indicatorID, map[string]any{"period_id": periodID, "aim_ids": aimIDs})
	})
	if err != nil {
		return fmt.Errorf("set aims of indicator %d: %w", indicatorID, err)
	}
	return nil
}

// AimIndicators is one of a period's strategic aims with the indicators that
// measure progress on it.
type AimIndicators struct {
	ID         int64
	Title      string
	Indicators []int64
}

// AimsWithIndicators lists a period's strategic aims in order, each with its
// indicators. One query.
func (s *Store) AimsWithIndicators(ctx context.Context, periodID int64) ([]AimIndicators, error) {
	rows, err := s.pool.Query(ctx, `
	    SELECT a.id, a.title, coalesce(array_agg(x.indicator_id ORDER BY x.indicator_id) FILTER (WHERE x.indicator_id IS NOT NULL), '{}')
	    FROM report_aims a LEFT JOIN indicator_aims x ON x.aim_id = a.id
	    WHERE a.period_id = $1 GROUP BY a.id ORDER BY a.position`, periodID)
	if err != nil {
		return nil, fmt.Errorf("aims with indicators: %w", err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[AimIndicators])
	if err != nil {
		return nil, fmt.Errorf("aims with indicators: %w", err)
	}
	return list, nil
}
