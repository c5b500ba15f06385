package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// ReviewItemFields are what a lead types for a review item.
type ReviewItemFields struct {
	Title, HowMuch, HowWell, BetterOff string
	AimID                              int64 // one of the period's strategic aims; 0 for none
}

// texts are the fields in the order of reviewItems.texts.
func (f ReviewItemFields) texts() [4]string {
	return [4]string{f.Title, f.HowMuch, f.HowWell, f.BetterOff}
}

// ObjectiveFields are what a lead types for an objective.
type ObjectiveFields struct {
	Intend, Quantity, Quality, Outcomes string
	AimID                               int64 // one of the period's strategic aims; 0 for none
}

// texts are the fields in the order of objectives.texts.
func (f ObjectiveFields) texts() [4]string {
	return [4]string{f.Intend, f.Quantity, f.Quality, f.Outcomes}
}

// list names one of a return's ordered lists; the table and column names are constants, never user input.
type list struct {
	table  string // review_items or objectives
	entity string // review_item or objective, for the audit trail
	texts  string // the columns a lead types, in the order of the fields' texts()
}

var (
	reviewItems = list{table: "review_items", entity: "review_item", texts: "title, how_much, how_well, better_off"}
	objectives  = list{table: "objectives", entity: "objective", texts: "intend, quantity, quality, outcomes"}
)

// audit names values, given in the order of l.texts, by their columns for the audit trail.
func (l list) audit(values [4]string) map[string]any {
	out := map[string]any{}
	for i, col := range strings.Split(l.texts, ", ") {
		out[col] = values[i]
	}
	return out
}

const reviewItemColumns = `id, return_id, position, title, how_much, how_well, better_off, coalesce(aim_id, 0), version, updated_at`

func scanReviewItem(row pgx.CollectableRow) (domain.ReviewItem, error) {
	var i domain.ReviewItem
	err := row.Scan(&i.ID, &i.ReturnID, &i.Position, &i.Title, &i.HowMuch, &i.HowWell, &i.BetterOff, &i.AimID, &i.Version, &i.UpdatedAt)
	return i, err
}

const objectiveColumns = `id, return_id, position, intend, quantity, quality, outcomes, coalesce(aim_id, 0), version, updated_at`

func scanObjective(row pgx.CollectableRow) (domain.Objective, error) {
	var o domain.Objective
	err := row.Scan(&o.ID, &o.ReturnID, &o.Position, &o.Intend, &o.Quantity, &o.Quality, &o.Outcomes, &o.AimID, &o.Version, &o.UpdatedAt)
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
	return s.add(ctx, actor, reviewItems, periodID, agencyID, f.texts(), f.AimID)
}

// UpdateReviewItem saves a review item unless someone else saved it since version was read.
func (s *Store) UpdateReviewItem(ctx context.Context, actor domain.Actor, periodID, agencyID, itemID int64, version int, f ReviewItemFields) error {
	return s.update(ctx, actor, reviewItems, periodID, agencyID, itemID, version, f.texts(), f.AimID)
}

// AddObjective appends an objective, starting the return if needed.
func (s *Store) AddObjective(ctx context.Context, actor domain.Actor, periodID, agencyID int64, f ObjectiveFields) (int64, error) {
	return s.add(ctx, actor, objectives, periodID, agencyID, f.texts(), f.AimID)
}

// UpdateObjective saves an objective unless someone else saved it since version was read.
func (s *Store) UpdateObjective(ctx context.Context, actor domain.Actor, periodID, agencyID, objectiveID int64, version int, f ObjectiveFields) error {
	return s.update(ctx, actor, objectives, periodID, agencyID, objectiveID, version, f.texts(), f.AimID)
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

// add appends an entry with texts, in the order of l.texts, to the end of the list, tagged with aim (0: none).
func (s *Store) add(ctx context.Context, actor domain.Actor, l list, periodID, agencyID int64, texts [4]string, aim int64) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		returnID, err := editableReturn(ctx, tx, actor, periodID, agencyID)
		if err != nil {
			return err
		}
		if id, err = appendEntry(ctx, tx, actor, l, returnID, texts); err != nil {
			return err
		}
		return setAim(ctx, tx, actor, l, periodID, id, aim)
	})
	if err != nil {
		return 0, fmt.Errorf("add %s: %w", l.entity, err)
	}
	return id, nil
}

// appendEntry adds an entry with texts, in the order of l.texts, to the end of
// the return's list inside tx, with its audit event.
func appendEntry(ctx context.Context, tx pgx.Tx, actor domain.Actor, l list, returnID int64, texts [4]string) (int64, error) {
	q := `INSERT INTO ` + l.table + ` (return_id, position, ` + l.texts + `, updated_by)
	      VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM ` + l.table + ` WHERE return_id = $1), $2, $3, $4, $5, $6)
	      RETURNING id`
	var id int64
	if err := tx.QueryRow(ctx, q, returnID, texts[0], texts[1], texts[2], texts[3], actor.UserID).Scan(&id); err != nil {
		return 0, mapError(err)
	}
	return id, audit(ctx, tx, actor, l.entity+".create", l.entity, id, map[string]any{"return_id": returnID, "after": l.audit(texts)})
}

// update saves an entry's texts, in the order of l.texts, and its aim unless someone else saved it since version was read.
func (s *Store) update(ctx context.Context, actor domain.Actor, l list, periodID, agencyID, id int64, version int, texts [4]string, aim int64) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		returnID, err := editableReturn(ctx, tx, actor, periodID, agencyID)
		if err != nil {
			return err
		}
		var before [4]string
		var current int
		err = tx.QueryRow(ctx, `SELECT `+l.texts+`, version FROM `+l.table+` WHERE id = $1 AND return_id = $2 FOR UPDATE`, id, returnID).
			Scan(&before[0], &before[1], &before[2], &before[3], &current)
		if err != nil {
			return mapError(err)
		}
		if current != version {
			return domain.ErrStale
		}
		q := `UPDATE ` + l.table + ` SET (` + l.texts + `) = ($2, $3, $4, $5),
		      version = version + 1, updated_at = now(), updated_by = $6 WHERE id = $1`
		if _, err := tx.Exec(ctx, q, id, texts[0], texts[1], texts[2], texts[3], actor.UserID); err != nil {
			return mapError(err)
		}
		if err := audit(ctx, tx, actor, l.entity+".update", l.entity, id, map[string]any{
			"return_id": returnID, "changes": changes(l.audit(before), l.audit(texts)),
		}); err != nil {
			return err
		}
		return setAim(ctx, tx, actor, l, periodID, id, aim)
	})
	if err != nil {
		return fmt.Errorf("update %s %d: %w", l.entity, id, err)
	}
	return nil
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

// setAim tags an entry with one of the period's strategic aims (aim 0, or an
// aim not of the period, such as one removed meanwhile, leaves it untagged),
// with an audit event when the tag changes.
func setAim(ctx context.Context, tx pgx.Tx, actor domain.Actor, l list, periodID, id, aim int64) error {
	var from, to *int64
	err := tx.QueryRow(ctx, `WITH old AS (SELECT aim_id FROM `+l.table+` WHERE id = $1)
		UPDATE `+l.table+` SET aim_id = (SELECT a.id FROM report_aims a WHERE a.id = $2 AND a.period_id = $3)
		WHERE id = $1 RETURNING (SELECT aim_id FROM old), aim_id`, id, aim, periodID).Scan(&from, &to)
	if err != nil {
		return mapError(err)
	}
	if (from == nil) == (to == nil) && (from == nil || *from == *to) {
		return nil
	}
	return audit(ctx, tx, actor, l.entity+".aim", l.entity, id, map[string]any{"changes": map[string]any{"aim_id": map[string]any{"from": from, "to": to}}})
}
