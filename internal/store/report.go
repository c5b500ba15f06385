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
	const q = `SELECT r.agency_id, i.id, i.return_id, i.position, i.title, i.how_much, i.how_well, i.better_off, i.version, i.updated_at
	FROM review_items i JOIN returns r ON r.id = i.return_id
	WHERE r.period_id = $1 AND r.status = ANY($2)
	ORDER BY r.agency_id, i.position`
	rows, err := s.pool.Query(ctx, q, periodID, statusTexts(statuses))
	if err != nil {
		return nil, fmt.Errorf("review items of period %d: %w", periodID, err)
	}
	byAgency := map[int64][]domain.ReviewItem{}
	var agencyID int64
	var i domain.ReviewItem
	_, err = pgx.ForEachRow(rows, []any{&agencyID, &i.ID, &i.ReturnID, &i.Position, &i.Title, &i.HowMuch, &i.HowWell,
		&i.BetterOff, &i.Version, &i.UpdatedAt}, func() error {
		byAgency[agencyID] = append(byAgency[agencyID], i)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("review items of period %d: %w", periodID, err)
	}
	return byAgency, nil
}

// ObjectivesForPeriod lists, in one query, the objectives of every return of
// the period whose status is one of statuses, keyed by agency id and in each
// return's order. The report's objectives section is built from it.
func (s *Store) ObjectivesForPeriod(ctx context.Context, periodID int64, statuses []domain.ReturnStatus) (map[int64][]domain.Objective, error) {
	const q = `SELECT r.agency_id, o.id, o.return_id, o.position, o.intend, o.quantity, o.quality, o.outcomes, o.version, o.updated_at
	FROM objectives o JOIN returns r ON r.id = o.return_id
	WHERE r.period_id = $1 AND r.status = ANY($2)
	ORDER BY r.agency_id, o.position`
	rows, err := s.pool.Query(ctx, q, periodID, statusTexts(statuses))
	if err != nil {
		return nil, fmt.Errorf("objectives of period %d: %w", periodID, err)
	}
	byAgency := map[int64][]domain.Objective{}
	var agencyID int64
	var o domain.Objective
	_, err = pgx.ForEachRow(rows, []any{&agencyID, &o.ID, &o.ReturnID, &o.Position, &o.Intend, &o.Quantity, &o.Quality,
		&o.Outcomes, &o.Version, &o.UpdatedAt}, func() error {
		byAgency[agencyID] = append(byAgency[agencyID], o)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("objectives of period %d: %w", periodID, err)
	}
	return byAgency, nil
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
