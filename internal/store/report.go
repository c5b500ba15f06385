package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// statusTexts turns statuses into the text the returns table stores.
func statusTexts(statuses []domain.ReturnStatus) []string {
	out := make([]string, len(statuses))
	for i, s := range statuses {
		out[i] = string(s)
	}
	return out
}

// ReviewItemsForPeriod lists, in one query, the review items of every return
// of the period whose status is one of statuses, keyed by agency id and in
// each return's order. The report's partner reviews section is built from it.
func (s *Store) ReviewItemsForPeriod(ctx context.Context, periodID int64, statuses []domain.ReturnStatus) (map[int64][]domain.ReviewItem, error) {
	return byAgency(ctx, s, ReviewItemList, periodID, statuses)
}

// ObjectivesForPeriod lists, in one query, the objectives of every return of
// the period whose status is one of statuses, keyed by agency id and in each
// return's order. The report's objectives section is built from it.
func (s *Store) ObjectivesForPeriod(ctx context.Context, periodID int64, statuses []domain.ReturnStatus) (map[int64][]domain.Objective, error) {
	return byAgency(ctx, s, ObjectiveList, periodID, statuses)
}

// byAgency lists the entries of one of a return's lists for every return of
// the period whose status is one of statuses, keyed by agency id and in each
// return's order.
func byAgency[T any](ctx context.Context, s *Store, l *List[T], periodID int64, statuses []domain.ReturnStatus) (map[int64][]T, error) {
	q := `SELECT r.agency_id, ` + l.columns() + ` FROM ` + l.table + ` t JOIN returns r ON r.id = t.return_id
	WHERE r.period_id = $1 AND r.status = ANY($2)
	ORDER BY r.agency_id, t.position`
	rows, err := s.pool.Query(ctx, q, periodID, statusTexts(statuses))
	if err != nil {
		return nil, fmt.Errorf("%s of period %d: %w", l.table, periodID, err)
	}
	out := map[int64][]T{}
	var agencyID int64
	var v T
	_, err = pgx.ForEachRow(rows, append([]any{&agencyID}, l.dest(&v)...), func() error {
		out[agencyID] = append(out[agencyID], v)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s of period %d: %w", l.table, periodID, err)
	}
	return out, nil
}

// StatusHistory lists a return's changes of status, oldest first.
func (s *Store) StatusHistory(ctx context.Context, returnID int64) ([]domain.StatusChange, error) {
	const q = `SELECT coalesce(c.from_status, 'not_started'), c.to_status, coalesce(u.name, ''), coalesce(u.role, ''), c.changed_at
	FROM return_status_changes c LEFT JOIN users u ON u.id = c.actor_id
	WHERE c.return_id = $1 ORDER BY c.changed_at, c.id`
	rows, err := s.pool.Query(ctx, q, returnID)
	if err != nil {
		return nil, fmt.Errorf("status history of return %d: %w", returnID, err)
	}
	changes, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.StatusChange, error) {
		var c domain.StatusChange
		var from, to, role string
		err := row.Scan(&from, &to, &c.ActorName, &role, &c.At)
		c.From, c.To, c.ActorRole = domain.ReturnStatus(from), domain.ReturnStatus(to), domain.Role(role)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("status history of return %d: %w", returnID, err)
	}
	return changes, nil
}
