package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// Section 4 as the manager composes it (issue 13, migration 0018): the
// period's blocks (sub-headings, text, report tables) as an ordered list, and
// the indicators hidden from its report.

// PerfBlockList is a period's section 4, block by block. A block's kind is
// chosen when it is added and never changes.
var PerfBlockList = &List[domain.PerfBlock]{
	table: "report_perf_blocks", entity: "report_perf_block", parent: "period_id",
	entry: func(b *domain.PerfBlock) *domain.Entry { return &b.Entry },
	typed: []column[domain.PerfBlock]{
		{name: "kind", of: func(b *domain.PerfBlock) any { return &b.Kind }, once: true},
		{name: "title", of: func(b *domain.PerfBlock) any { return &b.Title }},
		{name: "body", of: func(b *domain.PerfBlock) any { return &b.Body }},
		{name: "layout", of: func(b *domain.PerfBlock) any { return &b.Layout }},
		{name: "shows", of: func(b *domain.PerfBlock) any { return &b.Shows }},
		{name: "indicator_ids", of: func(b *domain.PerfBlock) any { return &b.IndicatorIDs }},
	},
	shown: []column[domain.PerfBlock]{
		{name: "period_id", of: func(b *domain.PerfBlock) any { return &b.PeriodID }},
	},
}

// PerfBlocks lists the period's blocks of section 4 in order.
func (s *Store) PerfBlocks(ctx context.Context, periodID int64) ([]domain.PerfBlock, error) {
	return PerfBlockList.All(ctx, s, periodID)
}

// PerfLayout reads, in one query, the period's blocks of section 4 in order
// and the indicators hidden from its report.
func (s *Store) PerfLayout(ctx context.Context, periodID int64) ([]domain.PerfBlock, map[int64]bool, error) {
	rows, err := s.pool.Query(ctx, `WITH h AS (SELECT coalesce(array_agg(indicator_id), '{}') AS ids FROM report_perf_hidden WHERE period_id = $1)
		SELECT h.ids, b.id, b.position, b.version, b.kind, b.title, b.body, b.layout, b.shows, b.indicator_ids
		FROM h LEFT JOIN report_perf_blocks b ON b.period_id = $1 ORDER BY b.position`, periodID)
	if err != nil {
		return nil, nil, fmt.Errorf("section 4's layout: %w", err)
	}
	defer rows.Close()
	var blocks []domain.PerfBlock
	hidden := map[int64]bool{}
	for rows.Next() {
		var ids []int64
		var id, position, version *int64
		var kind, title, body, layout, shows *string
		var inds []int64
		if err := rows.Scan(&ids, &id, &position, &version, &kind, &title, &body, &layout, &shows, &inds); err != nil {
			return nil, nil, fmt.Errorf("section 4's layout: %w", err)
		}
		for _, h := range ids {
			hidden[h] = true
		}
		if id == nil {
			continue
		}
		blocks = append(blocks, domain.PerfBlock{Entry: domain.Entry{ID: *id, Position: int(*position), Version: int(*version)},
			PeriodID: periodID, Kind: domain.PerfBlockKind(*kind), Title: *title, Body: *body,
			Layout: domain.PerfLayout(*layout), Shows: domain.PerfShows(*shows), IndicatorIDs: inds})
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("section 4's layout: %w", err)
	}
	return blocks, hidden, nil
}

// HiddenIndicators are the indicators hidden from the period's report.
func (s *Store) HiddenIndicators(ctx context.Context, periodID int64) (map[int64]bool, error) {
	rows, err := s.pool.Query(ctx, `SELECT indicator_id FROM report_perf_hidden WHERE period_id = $1`, periodID)
	if err != nil {
		return nil, fmt.Errorf("hidden indicators: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("hidden indicators: %w", err)
	}
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// SetIndicatorHidden hides an indicator from the period's report, or shows
// it again, with an audit event when that changes. Its figures still feed
// every ratio and total.
func (s *Store) SetIndicatorHidden(ctx context.Context, actor domain.Actor, periodID, indicatorID int64, hidden bool) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var n int64
		var err error
		if hidden {
			tag, e := tx.Exec(ctx, `INSERT INTO report_perf_hidden (period_id, indicator_id, hidden_by)
				SELECT $1, i.id, $3 FROM indicators i WHERE i.id = $2 ON CONFLICT DO NOTHING`, periodID, indicatorID, actor.UserID)
			n, err = tag.RowsAffected(), e
		} else {
			tag, e := tx.Exec(ctx, `DELETE FROM report_perf_hidden WHERE period_id = $1 AND indicator_id = $2`, periodID, indicatorID)
			n, err = tag.RowsAffected(), e
		}
		if err != nil {
			return mapError(err)
		}
		if n == 0 {
			return nil
		}
		action := "indicator.report_shown"
		if hidden {
			action = "indicator.report_hidden"
		}
		return audit(ctx, tx, actor, action, "indicator", indicatorID, map[string]any{"period_id": periodID})
	})
	if err != nil {
		return fmt.Errorf("hide indicator %d in period %d: %w", indicatorID, periodID, err)
	}
	return nil
}

// AcceptedAgencies are the agencies whose return for the period is accepted:
// their figures are no longer provisional.
func (s *Store) AcceptedAgencies(ctx context.Context, periodID int64) (map[int64]bool, error) {
	rows, err := s.pool.Query(ctx, `SELECT agency_id FROM returns WHERE period_id = $1 AND status = 'accepted'`, periodID)
	if err != nil {
		return nil, fmt.Errorf("accepted returns: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("accepted returns: %w", err)
	}
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}
