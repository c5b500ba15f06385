package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// YearBefore is the period before the given one: the latest that starts
// earlier. domain.ErrNotFound when there is none.
func (s *Store) YearBefore(ctx context.Context, p domain.Period) (*domain.Period, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+periodColumns+` FROM periods WHERE starts_on < $1 ORDER BY starts_on DESC LIMIT 1`, p.StartsOn)
	if err != nil {
		return nil, fmt.Errorf("the year before %s: %w", p.Label, err)
	}
	before, err := pgx.CollectExactlyOneRow(rows, scanPeriod)
	if err != nil {
		return nil, fmt.Errorf("the year before %s: %w", p.Label, mapError(err))
	}
	return &before, nil
}

// HasReturns reports whether any agency has started a return in the period.
func (s *Store) HasReturns(ctx context.Context, periodID int64) (bool, error) {
	var has bool
	err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM returns WHERE period_id = $1)`, periodID).Scan(&has)
	if err != nil {
		return false, fmt.Errorf("returns of period %d: %w", periodID, err)
	}
	return has, nil
}

// StartYearFrom starts the period from the one before it (YearBefore), all
// or nothing, with an audit event: it records where the period was carried
// from, so its returns look back on that year's objectives and its review of
// the business plan on the board's; and it carries over what the period does
// not have of its own yet: the report's outline (a period that has only the
// untouched default outline takes last year's, its titles moved on a year
// and its free sections without their text), the headings of the business
// plan review (the key objectives' titles), the strategic aims with the
// outcomes they seek and their objectives for later years, and each
// indicator's target as "to be confirmed". Agencies, indicators, breakdowns
// and comparator series are the board's, not a year's, so nothing of them
// is copied; nor are comparator values, figures or returns.
//
// It is refused when the period was started from another already
// (domain.ErrAlreadyCarried), has returns (domain.ErrHasReturns), has no
// period before it (domain.ErrNoYearBefore), or another period was started
// from that one (domain.ErrFromTaken).
func (s *Store) StartYearFrom(ctx context.Context, actor domain.Actor, periodID int64) (domain.Carried, error) {
	var c domain.Carried
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		to, err := lockedPeriod(ctx, tx, periodID)
		if err != nil {
			return err
		}
		if to.CarriedFrom != nil {
			return domain.ErrAlreadyCarried
		}
		var hasReturns bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM returns WHERE period_id = $1)`, to.ID).Scan(&hasReturns); err != nil {
			return err
		}
		if hasReturns {
			return domain.ErrHasReturns
		}
		rows, err := tx.Query(ctx, `SELECT `+periodColumns+` FROM periods WHERE starts_on < $1 ORDER BY starts_on DESC LIMIT 1 FOR SHARE`, to.StartsOn)
		if err != nil {
			return err
		}
		from, err := pgx.CollectExactlyOneRow(rows, scanPeriod)
		if errors.Is(err, pgx.ErrNoRows) {
			return domain.ErrNoYearBefore
		}
		if err != nil {
			return err
		}
		c.From = from
		if c.Sections, err = carryOutline(ctx, tx, actor, from, *to); err != nil {
			return fmt.Errorf("outline: %w", err)
		}
		if c.PlanObjectives, err = carryHeadings(ctx, tx, from.ID, to.ID, `report_plan_objectives`, `title`); err != nil {
			return fmt.Errorf("key objectives: %w", err)
		}
		if c.Aims, err = carryHeadings(ctx, tx, from.ID, to.ID, `report_aims`, `title, outcomes, later_years`); err != nil {
			return fmt.Errorf("strategic aims: %w", err)
		}
		err = tx.QueryRow(ctx, `WITH carried AS (
		    INSERT INTO targets (indicator_id, period_id, op, value, amber, source, confirmed)
		    SELECT indicator_id, $2, op, value, amber, source, false FROM targets WHERE period_id = $1
		    ON CONFLICT (indicator_id, period_id) DO NOTHING
		    RETURNING 1)
		SELECT (SELECT count(*) FROM carried), (SELECT count(*) FROM targets WHERE period_id = $1) - (SELECT count(*) FROM carried)`,
			from.ID, to.ID).Scan(&c.Targets, &c.KeptTargets)
		if err != nil {
			return fmt.Errorf("targets: %w", err)
		}
		if _, err := tx.Exec(ctx, `UPDATE periods SET carried_from = $2, carried_at = now(), updated_at = now() WHERE id = $1`, to.ID, from.ID); err != nil {
			if errors.Is(mapError(err), domain.ErrConflict) { // periods_carried_from_key
				return domain.ErrFromTaken
			}
			return err
		}
		return audit(ctx, tx, actor, "period.carry", "period", to.ID, map[string]any{
			"from": map[string]any{"id": from.ID, "label": from.Label},
			"carried": map[string]any{"sections": c.Sections, "plan_objectives": c.PlanObjectives, "aims": c.Aims,
				"targets_to_confirm": c.Targets, "targets_kept": c.KeptTargets},
		})
	})
	if err != nil {
		return c, fmt.Errorf("start period %d from the year before: %w", periodID, err)
	}
	return c, nil
}

// lockedPeriod reads a period and locks its row until tx ends.
func lockedPeriod(ctx context.Context, tx pgx.Tx, id int64) (*domain.Period, error) {
	rows, err := tx.Query(ctx, `SELECT `+periodColumns+` FROM periods WHERE id = $1 FOR UPDATE`, id)
	if err != nil {
		return nil, err
	}
	p, err := pgx.CollectExactlyOneRow(rows, scanPeriod)
	if err != nil {
		return nil, mapError(err)
	}
	return &p, nil
}

// carryOutline gives the period to last year's outline, unless to has an
// outline of its own: any but the default it was given, untouched. It
// reports how many sections it carried.
func carryOutline(ctx context.Context, tx pgx.Tx, actor domain.Actor, from, to domain.Period) (int, error) {
	if err := SectionList.lock(ctx, tx, to.ID); err != nil {
		return 0, err
	}
	rows, err := tx.Query(ctx, `SELECT kind, title, hidden, appendix, version FROM report_sections WHERE period_id = $1 ORDER BY position`, to.ID)
	if err != nil {
		return 0, err
	}
	type row struct {
		kind            domain.SectionKind
		title           string
		hidden, appendx bool
		version         int
	}
	own, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (row, error) {
		var x row
		return x, r.Scan(&x.kind, &x.title, &x.hidden, &x.appendx, &x.version)
	})
	if err != nil {
		return 0, err
	}
	if len(own) > 0 {
		def := domain.DefaultOutline(to)
		if len(own) != len(def) {
			return 0, nil
		}
		for i, d := range def {
			if o := own[i]; o.kind != d.Kind || o.title != d.Title || o.hidden != d.Hidden || o.appendx != d.Appendix || o.version != 1 {
				return 0, nil
			}
		}
	}
	rows, err = tx.Query(ctx, `SELECT kind, title, hidden, appendix FROM report_sections WHERE period_id = $1 ORDER BY position`, from.ID)
	if err != nil {
		return 0, err
	}
	last, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (row, error) {
		var x row
		return x, r.Scan(&x.kind, &x.title, &x.hidden, &x.appendx)
	})
	if err != nil || len(last) == 0 {
		return 0, err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM report_sections WHERE period_id = $1`, to.ID); err != nil {
		return 0, err
	}
	for i, x := range last {
		_, err := tx.Exec(ctx, `INSERT INTO report_sections (period_id, position, kind, title, hidden, appendix, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			to.ID, i+1, x.kind, domain.CarryTitle(x.title, from), x.hidden, x.appendx, actor.UserID)
		if err != nil {
			return 0, mapError(err)
		}
	}
	return len(last), nil
}

// carryHeadings copies the columns of last year's rows of one of the
// board's lists into the period to, in order, unless to has rows of its
// own; it reports how many it copied. table and columns are constants.
func carryHeadings(ctx context.Context, tx pgx.Tx, fromID, toID int64, table, columns string) (int, error) {
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, $2))`, table, toID); err != nil {
		return 0, err
	}
	tag, err := tx.Exec(ctx, `INSERT INTO `+table+` (period_id, position, `+columns+`)
	    SELECT $2, position, `+columns+` FROM `+table+` WHERE period_id = $1
	     AND NOT EXISTS (SELECT 1 FROM `+table+` WHERE period_id = $2)`, fromID, toID)
	if err != nil {
		return 0, mapError(err)
	}
	return int(tag.RowsAffected()), nil
}
