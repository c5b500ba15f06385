package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// ValueImport is an uploaded file of figures, read and checked once: what its
// preview shows and how many cells it would change, then whether it was
// applied and undone. The file itself is not kept.
type ValueImport struct {
	ID        int64
	UserID    int64 // who uploaded it, and applied it if anyone did
	UserName  string
	PeriodID  int64
	Filename  string
	Format    string // csv or xlsx
	Preview   []byte // what the preview page shows, as the web layer wrote it (JSON)
	Problems  int    // problems found in the file: it cannot be applied
	AgencyIDs []int64
	Changes   int // cells it changes
	CreatedAt time.Time
	AppliedAt *time.Time
	UndoneAt  *time.Time
	UndoneBy  string
}

// NewImport is a checked upload to keep until it is applied.
type NewImport struct {
	UserID, PeriodID int64
	Filename         string
	Format           string
	Preview          []byte
	Problems         int
	AgencyIDs        []int64 // the agencies whose figures it changes
	// Writes are the cells it changes, each with the version read when checked.
	Writes []domain.CellWrite
}

// importLifetime is how long an uploaded file waits to be applied.
const importLifetime = "1 day"

// CreateImport keeps a checked upload for its uploader, removing uploads left
// unapplied for over a day.
func (s *Store) CreateImport(ctx context.Context, im NewImport) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `
		    WITH gone AS (DELETE FROM value_imports WHERE applied_at IS NULL AND created_at < now() - $1::interval RETURNING id)
		    DELETE FROM value_import_cells WHERE import_id IN (SELECT id FROM gone)`, importLifetime); err != nil {
			return fmt.Errorf("remove old imports: %w", err)
		}
		agencies := im.AgencyIDs
		if agencies == nil {
			agencies = []int64{}
		}
		err := tx.QueryRow(ctx, `
		    INSERT INTO value_imports (user_id, period_id, filename, format, preview, problems, agency_ids, changes)
		    VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			im.UserID, im.PeriodID, im.Filename, im.Format, string(im.Preview), im.Problems, agencies, len(im.Writes)).Scan(&id)
		if err != nil {
			return mapError(err)
		}
		_, err = tx.CopyFrom(ctx, pgx.Identifier{"value_import_cells"},
			[]string{"import_id", "position", "indicator_id", "on_date", "option1_id", "option2_id", "option3_id", "value", "seen_version"},
			pgx.CopyFromSlice(len(im.Writes), func(i int) ([]any, error) {
				c := im.Writes[i]
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
				return []any{id, i, c.IndicatorID, c.On, opt(0), opt(1), opt(2), v, c.Version}, nil
			}))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("keep import %q: %w", im.Filename, err)
	}
	return id, nil
}

const importColumns = `i.id, i.user_id, u.name, i.period_id, i.filename, i.format, i.preview::text, i.problems, i.agency_ids,
	i.changes, i.created_at, i.applied_at, i.undone_at, coalesce(b.name, '')`

const importFrom = `value_imports i JOIN users u ON u.id = i.user_id LEFT JOIN users b ON b.id = i.undone_by`

func scanImport(row pgx.Row) (*ValueImport, error) {
	var im ValueImport
	var preview string
	if err := row.Scan(&im.ID, &im.UserID, &im.UserName, &im.PeriodID, &im.Filename, &im.Format, &preview, &im.Problems,
		&im.AgencyIDs, &im.Changes, &im.CreatedAt, &im.AppliedAt, &im.UndoneAt, &im.UndoneBy); err != nil {
		return nil, err
	}
	im.Preview = []byte(preview)
	return &im, nil
}

// Import finds an upload waiting to be applied, only for the user who
// uploaded it: anyone else, an upload over a day old and one already applied
// are domain.ErrNotFound.
func (s *Store) Import(ctx context.Context, id, userID int64) (*ValueImport, error) {
	im, err := scanImport(s.pool.QueryRow(ctx, `SELECT `+importColumns+` FROM `+importFrom+`
	    WHERE i.id = $1 AND i.user_id = $2 AND i.applied_at IS NULL AND i.created_at >= now() - $3::interval`, id, userID, importLifetime))
	if err != nil {
		return nil, fmt.Errorf("import %d: %w", id, mapError(err))
	}
	return im, nil
}

// ApplyImport saves an upload's figures all or nothing, as its user. It
// refuses with a *domain.FiguresChangedError, saving nothing, when any cell it
// changes has been written since the file was checked; with
// domain.ErrConflict a file that has problems; with domain.ErrNotFound one
// that is not the user's upload waiting to be applied. It records each cell's
// figure before, for undoing, and reports how many cells changed.
func (s *Store) ApplyImport(ctx context.Context, actor domain.Actor, scope ValueScope, importID, userID int64) (int, error) {
	changed := 0
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var filename string
		var problems int
		err := tx.QueryRow(ctx, `SELECT filename, problems FROM value_imports
		    WHERE id = $1 AND user_id = $2 AND applied_at IS NULL AND created_at >= now() - $3::interval FOR UPDATE`,
			importID, userID, importLifetime).Scan(&filename, &problems)
		if err != nil {
			return mapError(err)
		}
		if problems > 0 {
			return fmt.Errorf("%s in the file: %w", domain.CountOf(problems, "problem"), domain.ErrConflict)
		}
		if err := createIncoming(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO incoming_values
		    SELECT indicator_id, on_date, option1_id, option2_id, option3_id, value, seen_version
		    FROM value_import_cells WHERE import_id = $1`, importID); err != nil {
			return fmt.Errorf("read the import's cells: %w", err)
		}
		w, err := prepareIncoming(ctx, tx, scope, true)
		if err != nil {
			return err
		}
		// The figures before, exactly as saved (numeric, not as read into Go),
		// so undoing restores them; a cell not known keeps NULL.
		err = withHashJoins(ctx, tx, func() error {
			_, err := tx.Exec(ctx, `UPDATE value_imports SET old_values = (
			        SELECT array_agg(v.value ORDER BY c.position)
			        FROM value_import_cells c
			        LEFT JOIN indicator_values v ON v.indicator_id = c.indicator_id AND v.on_date = c.on_date
			         AND coalesce(v.option1_id, 0) = coalesce(c.option1_id, 0)
			         AND coalesce(v.option2_id, 0) = coalesce(c.option2_id, 0)
			         AND coalesce(v.option3_id, 0) = coalesce(c.option3_id, 0)
			        WHERE c.import_id = $1)
			    WHERE id = $1`, importID)
			return err
		})
		if err != nil {
			return fmt.Errorf("record the figures before: %w", err)
		}
		if changed, err = w.write(ctx, tx, actor); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE value_imports SET applied_at = now(), version = $2 WHERE id = $1`, importID, w.version); err != nil {
			return fmt.Errorf("mark applied: %w", err)
		}
		return audit(ctx, tx, actor, "values.import", "value_imports", importID, map[string]any{
			"filename": filename, "changed": changed, "indicator_ids": w.indicatorIDs, "version": w.version})
	})
	if err != nil {
		return 0, fmt.Errorf("apply import %d: %w", importID, err)
	}
	return changed, nil
}

// appliedImports lists applied imports. Whether a figure of each has been
// saved since is not worked out here: that is a join of every cell, and the
// undo finds and names them.
const appliedImports = `SELECT ` + importColumns + ` FROM ` + importFrom + `
	WHERE i.applied_at IS NOT NULL AND i.period_id = $1`

// AppliedImports lists the imports applied to a period's figures, newest
// first: every one, or those that changed an agency's figures.
func (s *Store) AppliedImports(ctx context.Context, periodID int64, agencyID *int64) ([]ValueImport, error) {
	rows, err := s.pool.Query(ctx, appliedImports+` AND ($2::bigint IS NULL OR $2 = ANY(i.agency_ids))
	    ORDER BY i.applied_at DESC, i.id DESC`, periodID, agencyID)
	if err != nil {
		return nil, fmt.Errorf("list imports: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (ValueImport, error) {
		im, err := scanImport(row)
		if err != nil {
			return ValueImport{}, err
		}
		return *im, nil
	})
	if err != nil {
		return nil, fmt.Errorf("list imports: %w", err)
	}
	return list, nil
}

// AppliedImport finds an import applied to a period's figures.
func (s *Store) AppliedImport(ctx context.Context, periodID, id int64) (*ValueImport, error) {
	im, err := scanImport(s.pool.QueryRow(ctx, appliedImports+` AND i.id = $2`, periodID, id))
	if err != nil {
		return nil, fmt.Errorf("import %d: %w", id, mapError(err))
	}
	return im, nil
}

// UndoImport puts back the figures an applied import replaced, exactly as
// they were (a cell not known before is cleared again), and audits it. It
// refuses with a *domain.FiguresChangedError, changing nothing, when any of
// the import's cells has been written since it was applied; with
// domain.ErrConflict an import already undone. It reports how many cells
// changed.
func (s *Store) UndoImport(ctx context.Context, actor domain.Actor, scope ValueScope, periodID, importID int64) (int, error) {
	changed := 0
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var filename string
		var version int64
		var undone *time.Time
		err := tx.QueryRow(ctx, `SELECT filename, version, undone_at FROM value_imports
		    WHERE id = $1 AND period_id = $2 AND applied_at IS NOT NULL FOR UPDATE`, importID, periodID).Scan(&filename, &version, &undone)
		if err != nil {
			return mapError(err)
		}
		if undone != nil {
			return fmt.Errorf("undone already: %w", domain.ErrConflict)
		}
		if err := createIncoming(ctx, tx); err != nil {
			return err
		}
		// Each cell back to its figure before, if it still has the import's version.
		if _, err := tx.Exec(ctx, `INSERT INTO incoming_values
		    SELECT c.indicator_id, c.on_date, c.option1_id, c.option2_id, c.option3_id, o.value, $2
		    FROM value_import_cells c
		    JOIN value_imports i ON i.id = c.import_id
		    JOIN unnest(i.old_values) WITH ORDINALITY AS o(value, n) ON o.n = c.position + 1
		    WHERE c.import_id = $1`, importID, version); err != nil {
			return fmt.Errorf("read the import's cells: %w", err)
		}
		w, err := prepareIncoming(ctx, tx, scope, true)
		if err != nil {
			return err
		}
		if changed, err = w.write(ctx, tx, actor); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE value_imports SET undone_at = now(), undone_by = $2 WHERE id = $1`, importID, actor.UserID); err != nil {
			return fmt.Errorf("mark undone: %w", err)
		}
		return audit(ctx, tx, actor, "values.import.undo", "value_imports", importID, map[string]any{
			"filename": filename, "changed": changed, "indicator_ids": w.indicatorIDs, "version": w.version})
	})
	if err != nil {
		return 0, fmt.Errorf("undo import %d: %w", importID, err)
	}
	return changed, nil
}
