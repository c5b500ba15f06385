package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// ReviewItemFields are what a lead types for a review item.
type ReviewItemFields struct {
	Title, HowMuch, HowWell, BetterOff string
}

func (f ReviewItemFields) audit() map[string]any {
	return map[string]any{"title": f.Title, "how_much": f.HowMuch, "how_well": f.HowWell, "better_off": f.BetterOff}
}

// ObjectiveFields are what a lead types for an objective.
type ObjectiveFields struct {
	Intend, Quantity, Quality, Outcomes string
}

func (f ObjectiveFields) audit() map[string]any {
	return map[string]any{"intend": f.Intend, "quantity": f.Quantity, "quality": f.Quality, "outcomes": f.Outcomes}
}

// list names one of a return's ordered lists; the table names are constants, never user input.
type list struct {
	table  string // review_items or objectives
	entity string // review_item or objective, for the audit trail
}

var (
	reviewItems = list{table: "review_items", entity: "review_item"}
	objectives  = list{table: "objectives", entity: "objective"}
)

const reviewItemColumns = `id, return_id, position, title, how_much, how_well, better_off, version, updated_at`

func scanReviewItem(row pgx.CollectableRow) (domain.ReviewItem, error) {
	var i domain.ReviewItem
	err := row.Scan(&i.ID, &i.ReturnID, &i.Position, &i.Title, &i.HowMuch, &i.HowWell, &i.BetterOff, &i.Version, &i.UpdatedAt)
	return i, err
}

const objectiveColumns = `id, return_id, position, intend, quantity, quality, outcomes, version, updated_at`

func scanObjective(row pgx.CollectableRow) (domain.Objective, error) {
	var o domain.Objective
	err := row.Scan(&o.ID, &o.ReturnID, &o.Position, &o.Intend, &o.Quantity, &o.Quality, &o.Outcomes, &o.Version, &o.UpdatedAt)
	return o, err
}

// ReviewItems lists a return's review items in order.
func (s *Store) ReviewItems(ctx context.Context, returnID int64) ([]domain.ReviewItem, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+reviewItemColumns+` FROM review_items WHERE return_id = $1 ORDER BY position`, returnID)
	if err != nil {
		return nil, fmt.Errorf("review items of return %d: %w", returnID, err)
	}
	items, err := pgx.CollectRows(rows, scanReviewItem)
	if err != nil {
		return nil, fmt.Errorf("review items of return %d: %w", returnID, err)
	}
	return items, nil
}

// ReviewItem finds one review item of a return.
func (s *Store) ReviewItem(ctx context.Context, returnID, itemID int64) (*domain.ReviewItem, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+reviewItemColumns+` FROM review_items WHERE return_id = $1 AND id = $2`, returnID, itemID)
	if err != nil {
		return nil, fmt.Errorf("review item %d: %w", itemID, err)
	}
	item, err := pgx.CollectExactlyOneRow(rows, scanReviewItem)
	if err != nil {
		return nil, fmt.Errorf("review item %d: %w", itemID, mapError(err))
	}
	return &item, nil
}

// Objectives lists a return's objectives in order.
func (s *Store) Objectives(ctx context.Context, returnID int64) ([]domain.Objective, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+objectiveColumns+` FROM objectives WHERE return_id = $1 ORDER BY position`, returnID)
	if err != nil {
		return nil, fmt.Errorf("objectives of return %d: %w", returnID, err)
	}
	objs, err := pgx.CollectRows(rows, scanObjective)
	if err != nil {
		return nil, fmt.Errorf("objectives of return %d: %w", returnID, err)
	}
	return objs, nil
}

// Objective finds one objective of a return.
func (s *Store) Objective(ctx context.Context, returnID, objectiveID int64) (*domain.Objective, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+objectiveColumns+` FROM objectives WHERE return_id = $1 AND id = $2`, returnID, objectiveID)
	if err != nil {
		return nil, fmt.Errorf("objective %d: %w", objectiveID, err)
	}
	o, err := pgx.CollectExactlyOneRow(rows, scanObjective)
	if err != nil {
		return nil, fmt.Errorf("objective %d: %w", objectiveID, mapError(err))
	}
	return &o, nil
}

// AddReviewItem appends a review item, starting the return if needed.
func (s *Store) AddReviewItem(ctx context.Context, actor domain.Actor, periodID, agencyID int64, f ReviewItemFields) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		returnID, err := editableReturn(ctx, tx, actor, periodID, agencyID)
		if err != nil {
			return err
		}
		const q = `INSERT INTO review_items (return_id, position, title, how_much, how_well, better_off, updated_by)
		           VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM review_items WHERE return_id = $1), $2, $3, $4, $5, $6)
		           RETURNING id`
		if err := tx.QueryRow(ctx, q, returnID, f.Title, f.HowMuch, f.HowWell, f.BetterOff, actor.UserID).Scan(&id); err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, actor, "review_item.create", "review_item", id, map[string]any{"return_id": returnID, "after": f.audit()})
	})
	if err != nil {
		return 0, fmt.Errorf("add review item: %w", err)
	}
	return id, nil
}

// UpdateReviewItem saves a review item unless someone else saved it since version was read.
func (s *Store) UpdateReviewItem(ctx context.Context, actor domain.Actor, periodID, agencyID, itemID int64, version int, f ReviewItemFields) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		returnID, err := editableReturn(ctx, tx, actor, periodID, agencyID)
		if err != nil {
			return err
		}
		var before ReviewItemFields
		var current int
		err = tx.QueryRow(ctx, `SELECT title, how_much, how_well, better_off, version FROM review_items
			WHERE id = $1 AND return_id = $2 FOR UPDATE`, itemID, returnID).
			Scan(&before.Title, &before.HowMuch, &before.HowWell, &before.BetterOff, &current)
		if err != nil {
			return mapError(err)
		}
		if current != version {
			return domain.ErrStale
		}
		const q = `UPDATE review_items SET title = $2, how_much = $3, how_well = $4, better_off = $5,
		           version = version + 1, updated_at = now(), updated_by = $6 WHERE id = $1`
		if _, err := tx.Exec(ctx, q, itemID, f.Title, f.HowMuch, f.HowWell, f.BetterOff, actor.UserID); err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, actor, "review_item.update", "review_item", itemID, map[string]any{
			"return_id": returnID, "changes": changes(before.audit(), f.audit()),
		})
	})
	if err != nil {
		return fmt.Errorf("update review item %d: %w", itemID, err)
	}
	return nil
}

// AddObjective appends an objective, starting the return if needed.
func (s *Store) AddObjective(ctx context.Context, actor domain.Actor, periodID, agencyID int64, f ObjectiveFields) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		returnID, err := editableReturn(ctx, tx, actor, periodID, agencyID)
		if err != nil {
			return err
		}
		const q = `INSERT INTO objectives (return_id, position, intend, quantity, quality, outcomes, updated_by)
		           VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM objectives WHERE return_id = $1), $2, $3, $4, $5, $6)
		           RETURNING id`
		if err := tx.QueryRow(ctx, q, returnID, f.Intend, f.Quantity, f.Quality, f.Outcomes, actor.UserID).Scan(&id); err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, actor, "objective.create", "objective", id, map[string]any{"return_id": returnID, "after": f.audit()})
	})
	if err != nil {
		return 0, fmt.Errorf("add objective: %w", err)
	}
	return id, nil
}

// UpdateObjective saves an objective unless someone else saved it since version was read.
func (s *Store) UpdateObjective(ctx context.Context, actor domain.Actor, periodID, agencyID, objectiveID int64, version int, f ObjectiveFields) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		returnID, err := editableReturn(ctx, tx, actor, periodID, agencyID)
		if err != nil {
			return err
		}
		var before ObjectiveFields
		var current int
		err = tx.QueryRow(ctx, `SELECT intend, quantity, quality, outcomes, version FROM objectives
			WHERE id = $1 AND return_id = $2 FOR UPDATE`, objectiveID, returnID).
			Scan(&before.Intend, &before.Quantity, &before.Quality, &before.Outcomes, &current)
		if err != nil {
			return mapError(err)
		}
		if current != version {
			return domain.ErrStale
		}
		const q = `UPDATE objectives SET intend = $2, quantity = $3, quality = $4, outcomes = $5,
		           version = version + 1, updated_at = now(), updated_by = $6 WHERE id = $1`
		if _, err := tx.Exec(ctx, q, objectiveID, f.Intend, f.Quantity, f.Quality, f.Outcomes, actor.UserID); err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, actor, "objective.update", "objective", objectiveID, map[string]any{
			"return_id": returnID, "changes": changes(before.audit(), f.audit()),
		})
	})
	if err != nil {
		return fmt.Errorf("update objective %d: %w", objectiveID, err)
	}
	return nil
}

// RemoveReviewItem deletes a review item unless it changed since version was read.
func (s *Store) RemoveReviewItem(ctx context.Context, actor domain.Actor, periodID, agencyID, itemID int64, version int) error {
	return s.remove(ctx, actor, reviewItems, periodID, agencyID, itemID, version)
}

// RemoveObjective deletes an objective unless it changed since version was read.
func (s *Store) RemoveObjective(ctx context.Context, actor domain.Actor, periodID, agencyID, objectiveID int64, version int) error {
	return s.remove(ctx, actor, objectives, periodID, agencyID, objectiveID, version)
}

// MoveReviewItem moves a review item one place up (-1) or down (+1).
func (s *Store) MoveReviewItem(ctx context.Context, actor domain.Actor, periodID, agencyID, itemID int64, by int) error {
	return s.move(ctx, actor, reviewItems, periodID, agencyID, itemID, by)
}

// MoveObjective moves an objective one place up (-1) or down (+1).
func (s *Store) MoveObjective(ctx context.Context, actor domain.Actor, periodID, agencyID, objectiveID int64, by int) error {
	return s.move(ctx, actor, objectives, periodID, agencyID, objectiveID, by)
}

func (s *Store) remove(ctx context.Context, actor domain.Actor, l list, periodID, agencyID, id int64, version int) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		returnID, err := editableReturn(ctx, tx, actor, periodID, agencyID)
		if err != nil {
			return err
		}
		var before map[string]any
		var current int
		err = tx.QueryRow(ctx, `SELECT to_jsonb(t) - 'return_id' - 'updated_by', version FROM `+l.table+` t
			WHERE id = $1 AND return_id = $2 FOR UPDATE`, id, returnID).Scan(&before, &current)
		if err != nil {
			return mapError(err)
		}
		if current != version {
			return domain.ErrStale
		}
		if _, err := tx.Exec(ctx, `DELETE FROM `+l.table+` WHERE id = $1`, id); err != nil {
			return err
		}
		// Close the gap so positions stay 1..n.
		if _, err := tx.Exec(ctx, `UPDATE `+l.table+` SET position = position - 1
			WHERE return_id = $1 AND position > $2`, returnID, before["position"]); err != nil {
			return err
		}
		return audit(ctx, tx, actor, l.entity+".remove", l.entity, id, map[string]any{"return_id": returnID, "before": before})
	})
	if err != nil {
		return fmt.Errorf("remove %s %d: %w", l.entity, id, err)
	}
	return nil
}

func (s *Store) move(ctx context.Context, actor domain.Actor, l list, periodID, agencyID, id int64, by int) error {
	if by != -1 && by != 1 {
		return fmt.Errorf("move %s %d by %d: %w", l.entity, id, by, errors.New("moves are one place at a time"))
	}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		returnID, err := editableReturn(ctx, tx, actor, periodID, agencyID)
		if err != nil {
			return err
		}
		var from int
		err = tx.QueryRow(ctx, `SELECT position FROM `+l.table+` WHERE id = $1 AND return_id = $2 FOR UPDATE`, id, returnID).Scan(&from)
		if err != nil {
			return mapError(err)
		}
		to := from + by
		// The unique position constraint is deferred, so the two rows can swap within the transaction.
		tag, err := tx.Exec(ctx, `UPDATE `+l.table+` SET position = $3 WHERE return_id = $1 AND position = $2`, returnID, to, from)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return nil // already first or last: nothing to do
		}
		if _, err := tx.Exec(ctx, `UPDATE `+l.table+` SET position = $2 WHERE id = $1`, id, to); err != nil {
			return err
		}
		return audit(ctx, tx, actor, l.entity+".move", l.entity, id, map[string]any{
			"return_id": returnID, "changes": map[string]any{"position": map[string]any{"from": from, "to": to}},
		})
	})
	if err != nil {
		return fmt.Errorf("move %s %d: %w", l.entity, id, err)
	}
	return nil
}
