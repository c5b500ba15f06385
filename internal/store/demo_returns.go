package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// DemoReturn is one agency's demo return: the content its lead writes, in
// order, and the changes of status that take it where the demo shows it.
type DemoReturn struct {
	PeriodID, AgencyID int64
	Lead               domain.Actor // writes the items and objectives and starts the return
	Items              []domain.ReviewItem
	Objectives         []domain.Objective
	Steps              []DemoStep // applied in order once the content is in
}

// DemoStep is one change of a demo return's status, as Transition makes it,
// or SendBack with comments on the return's review items.
type DemoStep struct {
	Actor   domain.Actor
	Action  domain.ReturnAction
	Comment string // the manager's reason, for a send-back
	// OnItems are the manager's comments on review items, for a send-back.
	OnItems []DemoItemComment
}

// DemoItemComment is a comment on one of a demo return's review items: its
// place in DemoReturn.Items, counting from 0, and the text.
type DemoItemComment struct {
	Item int
	Body string
}

// LoadDemoReturn adds the agency's return for the period as spec describes it,
// all in one transaction, writing the rows the regular paths write (the
// return, its status changes, items, objectives, comments and audit events, as
// AddReviewItem, AddObjective and Transition do), so an interrupted load leaves
// no half-built return. When the agency already has a return for the period it
// changes nothing and reports false.
func (s *Store) LoadDemoReturn(ctx context.Context, spec DemoReturn) (bool, error) {
	loaded := false
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		// Locking the agency's row keeps two loaders, or a lead starting the
		// return, from creating it between the check and the insert: creating
		// a return key-share-locks the agency's row, which this lock excludes.
		var agencyID int64
		if err := tx.QueryRow(ctx, `SELECT id FROM agencies WHERE id = $1 FOR UPDATE`, spec.AgencyID).Scan(&agencyID); err != nil {
			return mapError(err)
		}
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM returns WHERE period_id = $1 AND agency_id = $2)`,
			spec.PeriodID, spec.AgencyID).Scan(&exists); err != nil {
			return err
		}
		if exists {
			return nil
		}
		returnID, err := editableReturn(ctx, tx, spec.Lead, spec.PeriodID, spec.AgencyID)
		if err != nil {
			return err
		}
		items := make([]int64, len(spec.Items))
		for i := range spec.Items {
			if items[i], err = ReviewItemList.insert(ctx, tx, spec.Lead, returnID, &spec.Items[i]); err != nil {
				return fmt.Errorf("item %d %q: %w", i+1, spec.Items[i].Title, err)
			}
		}
		for i := range spec.Objectives {
			if _, err := ObjectiveList.insert(ctx, tx, spec.Lead, returnID, &spec.Objectives[i]); err != nil {
				return fmt.Errorf("objective %d %q: %w", i+1, spec.Objectives[i].Intend, err)
			}
		}
		for _, st := range spec.Steps {
			if err := applyDemoStep(ctx, tx, returnID, items, st); err != nil {
				return fmt.Errorf("%s: %w", st.Action, err)
			}
		}
		loaded = true
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("load demo return of agency %d for period %d: %w", spec.AgencyID, spec.PeriodID, err)
	}
	return loaded, nil
}

// applyDemoStep changes the status of a demo return that tx created, with the
// rules and rows of every change of status (moveStatus), and the comments on
// its items (items are their ids, in order) as SendBack adds them.
func applyDemoStep(ctx context.Context, tx pgx.Tx, returnID int64, items []int64, st DemoStep) error {
	var status string
	var periodID int64
	err := tx.QueryRow(ctx, `SELECT status, period_id FROM returns WHERE id = $1 FOR UPDATE`, returnID).Scan(&status, &periodID)
	if err != nil {
		return mapError(err)
	}
	about := make([]EntryComment, len(st.OnItems))
	for i, c := range st.OnItems {
		if c.Item < 0 || c.Item >= len(items) {
			return fmt.Errorf("a comment on item %d of %d", c.Item+1, len(items))
		}
		about[i] = EntryComment{About: domain.EntryRef{Task: "review", ID: items[c.Item]}, Body: c.Body}
	}
	_, err = moveStatus(ctx, tx, st.Actor, returnID, periodID, domain.ReturnStatus(status), st.Action, st.Comment, func(tx pgx.Tx) error {
		if st.Action == domain.ActionSubmit {
			// Its lead said each section was completed before submitting, as SubmitReturn asks.
			if _, err := tx.Exec(ctx, `INSERT INTO return_sections (return_id, task, completed, updated_by)
				SELECT $1, t.task, true, $2 FROM unnest($3::text[]) AS t (task)
				ON CONFLICT (return_id, task) DO UPDATE SET completed = true`, returnID, st.Actor.UserID, returnTaskKeys()); err != nil {
				return err
			}
		}
		return commentOnEntries(ctx, tx, st.Actor, returnID, about)
	})
	return err
}
