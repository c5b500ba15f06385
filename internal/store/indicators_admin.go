package store

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// MaxDimensionOptions is how many options one dimension may have.
const MaxDimensionOptions = 100

// ErrHasFigures refuses a change that would strand an indicator's figures:
// its breakdowns or frequency, or making it a ratio, while it has figures.
var ErrHasFigures = fmt.Errorf("%w: the indicator already has figures", domain.ErrConflict)

// ErrIsRatioPart refuses a change to an indicator that another, ratio,
// indicator counts as its numerator or denominator, where the ratio needs it
// to stay a count.
var ErrIsRatioPart = fmt.Errorf("%w: the indicator is part of a ratio", domain.ErrConflict)

// ErrIsShareBase refuses a new frequency for an indicator whose figure
// another indicator's shares are of: the two must keep the same frequency.
var ErrIsShareBase = fmt.Errorf("%w: another indicator's shares are of the indicator", domain.ErrConflict)

// ErrShareBase refuses a share base that is the indicator itself, or of
// another frequency.
var ErrShareBase = fmt.Errorf("%w: the share base must be another indicator of the same frequency", domain.ErrConflict)

// checkShareBase refuses (ErrShareBase) a share base that is the indicator
// itself (id, 0 when adding) or of another frequency. It locks the base's row
// so that its frequency cannot change meanwhile.
func checkShareBase(ctx context.Context, tx pgx.Tx, id int64, f IndicatorFields) error {
	if f.ShareBaseID == nil {
		return nil
	}
	if *f.ShareBaseID == id {
		return ErrShareBase
	}
	var freq domain.Frequency
	err := tx.QueryRow(ctx, `SELECT frequency FROM indicators WHERE id = $1 FOR SHARE`, *f.ShareBaseID).Scan(&freq)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && freq != f.Frequency) {
		return ErrShareBase
	}
	return err
}

// ErrOptionInUse refuses removing a dimension option that figures are stored against.
var ErrOptionInUse = fmt.Errorf("%w: figures use the option", domain.ErrConflict)

// ErrTooManyOptions refuses a dimension past MaxDimensionOptions options.
var ErrTooManyOptions = fmt.Errorf("%w: at most %d options", domain.ErrConflict, MaxDimensionOptions)

// UpdateIndicator changes an indicator and its breakdowns. It refuses, changing
// nothing, new breakdowns or a new frequency while the indicator has figures,
// and making an indicator with figures a ratio (ErrHasFigures); and a unit
// other than count for an indicator a ratio counts (ErrIsRatioPart). The audit
// event lists what changed, from and to.
func (s *Store) UpdateIndicator(ctx context.Context, actor domain.Actor, id int64, f IndicatorFields) error {
	if len(f.DimensionIDs) > domain.MaxDimensions {
		return fmt.Errorf("update indicator %d: at most %d dimensions: %w", id, domain.MaxDimensions, domain.ErrConflict)
	}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var b IndicatorFields
		err := tx.QueryRow(ctx, `SELECT code, name, description, theme, unit, polarity, frequency, ytd_rule,
		        numerator_id, denominator_id, agency_id, suppress_small, share_base_id, position, decimals,
		        coalesce((SELECT array_agg(x.dimension_id ORDER BY x.position) FROM indicator_dimensions x
		                  WHERE x.indicator_id = i.id), '{}')
		        FROM indicators i WHERE id = $1 FOR UPDATE`, id).
			Scan(&b.Code, &b.Name, &b.Description, &b.Theme, &b.Unit, &b.Polarity, &b.Frequency, &b.YTDRule,
				&b.NumeratorID, &b.DenominatorID, &b.AgencyID, &b.SuppressSmall, &b.ShareBaseID, &b.Position, &b.Decimals, &b.DimensionIDs)
		if err != nil {
			return mapError(err)
		}
		dimsChanged := !slices.Equal(b.DimensionIDs, f.DimensionIDs)
		if dimsChanged || b.Frequency != f.Frequency || (f.YTDRule == domain.YTDRatio && b.YTDRule != domain.YTDRatio) {
			// A figure being saved meanwhile holds a key-share lock on this row
			// (its foreign key), so the FOR UPDATE above waited for it to commit.
			var has bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM indicator_values WHERE indicator_id = $1)`, id).Scan(&has); err != nil {
				return err
			}
			if has {
				return ErrHasFigures
			}
		}
		if f.Unit != domain.UnitCount && b.Unit == domain.UnitCount {
			var part bool
			err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM indicators WHERE numerator_id = $1 OR denominator_id = $1)`, id).Scan(&part)
			if err != nil {
				return err
			}
			if part {
				return ErrIsRatioPart
			}
		}
		if b.Frequency != f.Frequency {
			var base bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM indicators WHERE share_base_id = $1)`, id).Scan(&base); err != nil {
				return err
			}
			if base {
				return ErrIsShareBase
			}
		}
		if err := checkShareBase(ctx, tx, id, f); err != nil {
			return err
		}
		const q = `UPDATE indicators SET code = $2, name = $3, description = $4, theme = $5, unit = $6, polarity = $7,
		               frequency = $8, ytd_rule = $9, numerator_id = $10, denominator_id = $11, agency_id = $12,
		               suppress_small = $13, position = $14, share_base_id = $15, decimals = $16, version = version + 1, updated_at = now()
		           WHERE id = $1`
		_, err = tx.Exec(ctx, q, id, f.Code, f.Name, f.Description, f.Theme, f.Unit, f.Polarity, f.Frequency, f.YTDRule,
			f.NumeratorID, f.DenominatorID, f.AgencyID, f.SuppressSmall, f.Position, f.ShareBaseID, f.Decimals)
		if err != nil {
			return mapError(err)
		}
		if dimsChanged {
			if _, err := tx.Exec(ctx, `DELETE FROM indicator_dimensions WHERE indicator_id = $1`, id); err != nil {
				return err
			}
			for i, d := range f.DimensionIDs {
				_, err := tx.Exec(ctx, `INSERT INTO indicator_dimensions (indicator_id, position, dimension_id) VALUES ($1, $2, $3)`, id, i+1, d)
				if err != nil {
					return mapError(err)
				}
			}
		}
		return audit(ctx, tx, actor, "indicator.update", "indicator", id, map[string]any{"changes": changes(indicatorAudit(b), indicatorAudit(f))})
	})
	if err != nil {
		return fmt.Errorf("update indicator %d: %w", id, err)
	}
	return nil
}

// IndicatorFigures counts an indicator's stored figures.
func (s *Store) IndicatorFigures(ctx context.Context, id int64) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM indicator_values WHERE indicator_id = $1`, id).Scan(&n); err != nil {
		return 0, fmt.Errorf("count figures of indicator %d: %w", id, err)
	}
	return n, nil
}

// IndicatorThemes lists the themes in use, for the form's hint.
func (s *Store) IndicatorThemes(ctx context.Context) ([]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT theme FROM indicators GROUP BY theme ORDER BY min(position), lower(theme)`)
	if err != nil {
		return nil, fmt.Errorf("list indicator themes: %w", err)
	}
	themes, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("list indicator themes: %w", err)
	}
	return themes, nil
}

// IndicatorTargets lists an indicator's targets, one per period that has one.
func (s *Store) IndicatorTargets(ctx context.Context, indicatorID int64) ([]domain.Target, error) {
	rows, err := s.pool.Query(ctx, `SELECT indicator_id, period_id, op, value::float8, amber::float8, source, NOT confirmed
	                                FROM targets WHERE indicator_id = $1 ORDER BY period_id`, indicatorID)
	if err != nil {
		return nil, fmt.Errorf("list targets of indicator %d: %w", indicatorID, err)
	}
	list, err := pgx.CollectRows(rows, scanTarget)
	if err != nil {
		return nil, fmt.Errorf("list targets of indicator %d: %w", indicatorID, err)
	}
	return list, nil
}

// RemoveTarget removes an indicator's target for a period; removing one that
// is not there changes nothing and writes no event.
func (s *Store) RemoveTarget(ctx context.Context, actor domain.Actor, indicatorID, periodID int64) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var t domain.Target
		err := tx.QueryRow(ctx, `DELETE FROM targets WHERE indicator_id = $1 AND period_id = $2
		                         RETURNING op, value::float8, amber::float8, source`, indicatorID, periodID).
			Scan(&t.Op, &t.Value, &t.Amber, &t.Source)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		return audit(ctx, tx, actor, "target.remove", "indicator", indicatorID, map[string]any{
			"period_id": periodID, "before": map[string]any{"op": t.Op, "value": t.Value, "amber": t.Amber, "source": t.Source}})
	})
	if err != nil {
		return fmt.Errorf("remove target of indicator %d: %w", indicatorID, err)
	}
	return nil
}

// IndicatorCommentaries is an indicator's commentary by period id.
func (s *Store) IndicatorCommentaries(ctx context.Context, indicatorID int64) (map[int64]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT period_id, body FROM indicator_commentary WHERE indicator_id = $1`, indicatorID)
	if err != nil {
		return nil, fmt.Errorf("list commentary of indicator %d: %w", indicatorID, err)
	}
	out := map[int64]string{}
	var periodID int64
	var body string
	_, err = pgx.ForEachRow(rows, []any{&periodID, &body}, func() error {
		out[periodID] = body
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list commentary of indicator %d: %w", indicatorID, err)
	}
	return out, nil
}

// DimensionByID finds one dimension with its options in order.
func (s *Store) DimensionByID(ctx context.Context, id int64) (*domain.Dimension, error) {
	return dimensionByID(ctx, s.pool, id)
}

func dimensionByID(ctx context.Context, q querier, id int64) (*domain.Dimension, error) {
	rows, err := q.Query(ctx, `SELECT d.id, d.name, d.version, d.overlapping, o.id, o.position, o.label
	                           FROM dimensions d LEFT JOIN dimension_options o ON o.dimension_id = d.id
	                           WHERE d.id = $1 ORDER BY o.position`, id)
	if err != nil {
		return nil, fmt.Errorf("dimension %d: %w", id, err)
	}
	var d *domain.Dimension
	var optID *int64
	var pos *int
	var label *string
	var dim domain.Dimension
	_, err = pgx.ForEachRow(rows, []any{&dim.ID, &dim.Name, &dim.Version, &dim.Overlapping, &optID, &pos, &label}, func() error {
		if d == nil {
			d = &domain.Dimension{ID: dim.ID, Name: dim.Name, Version: dim.Version, Overlapping: dim.Overlapping}
		}
		if optID != nil {
			d.Options = append(d.Options, domain.DimensionOption{ID: *optID, DimensionID: d.ID, Position: *pos, Label: *label})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("dimension %d: %w", id, err)
	}
	if d == nil {
		return nil, fmt.Errorf("dimension %d: %w", id, domain.ErrNotFound)
	}
	return d, nil
}

// DimensionUse says where a dimension is used: the codes of the indicators
// broken down by it, and how many figures each of its options holds.
type DimensionUse struct {
	Indicators []string      // codes, in report order
	Figures    map[int64]int // by option id; options without figures are absent
}

// DimensionUses is every dimension's use, by dimension id.
func (s *Store) DimensionUses(ctx context.Context) (map[int64]DimensionUse, error) {
	out := map[int64]DimensionUse{}
	rows, err := s.pool.Query(ctx, `SELECT x.dimension_id, i.code FROM indicator_dimensions x
	                                JOIN indicators i ON i.id = x.indicator_id ORDER BY i.position, lower(i.code)`)
	if err != nil {
		return nil, fmt.Errorf("list dimension uses: %w", err)
	}
	var dimID int64
	var code string
	_, err = pgx.ForEachRow(rows, []any{&dimID, &code}, func() error {
		u := out[dimID]
		u.Indicators = append(u.Indicators, code)
		out[dimID] = u
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list dimension uses: %w", err)
	}
	// Each figure names an option in one of three columns; the option's
	// dimension is the option's own, whichever column holds it.
	rows, err = s.pool.Query(ctx, `SELECT o.dimension_id, o.id, count(*)
	        FROM indicator_values v
	        CROSS JOIN LATERAL (VALUES (v.option1_id), (v.option2_id), (v.option3_id)) AS c (option_id)
	        JOIN dimension_options o ON o.id = c.option_id
	        GROUP BY o.dimension_id, o.id`)
	if err != nil {
		return nil, fmt.Errorf("count figures by option: %w", err)
	}
	var optID int64
	var n int
	_, err = pgx.ForEachRow(rows, []any{&dimID, &optID, &n}, func() error {
		u := out[dimID]
		if u.Figures == nil {
			u.Figures = map[int64]int{}
		}
		u.Figures[optID] = n
		out[dimID] = u
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("count figures by option: %w", err)
	}
	return out, nil
}

// lockDimension locks a dimension's row, so changes to its options queue up.
func lockDimension(ctx context.Context, tx pgx.Tx, id int64) (string, error) {
	var name string
	err := tx.QueryRow(ctx, `UPDATE dimensions SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING name`, id).Scan(&name)
	return name, mapError(err)
}

// RenameDimension changes a dimension's name.
func (s *Store) RenameDimension(ctx context.Context, actor domain.Actor, id int64, name string) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		before, err := lockDimension(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE dimensions SET name = $2 WHERE id = $1`, id, name); err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, actor, "dimension.rename", "dimension", id, map[string]any{
			"changes": changes(map[string]any{"name": before}, map[string]any{"name": name})})
	})
	if err != nil {
		return fmt.Errorf("rename dimension %d: %w", id, err)
	}
	return nil
}

// SetDimensionOverlapping says whether a dimension's options overlap (one
// thing counted under several, so no total) or are exclusive.
func (s *Store) SetDimensionOverlapping(ctx context.Context, actor domain.Actor, id int64, overlapping bool) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := lockDimension(ctx, tx, id); err != nil {
			return err
		}
		var before bool
		err := tx.QueryRow(ctx, `UPDATE dimensions n SET overlapping = $2 FROM dimensions o
		                         WHERE n.id = $1 AND o.id = n.id RETURNING o.overlapping`, id, overlapping).Scan(&before)
		if err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, actor, "dimension.overlapping", "dimension", id, map[string]any{
			"changes": changes(map[string]any{"overlapping": before}, map[string]any{"overlapping": overlapping})})
	})
	if err != nil {
		return fmt.Errorf("set dimension %d overlapping: %w", id, err)
	}
	return nil
}

// AddDimensionOptions adds options after a dimension's last one, in the order
// given. It refuses going past MaxDimensionOptions (ErrTooManyOptions) and a
// label the dimension already has (a DuplicateError on "options").
func (s *Store) AddDimensionOptions(ctx context.Context, actor domain.Actor, id int64, labels []string) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := lockDimension(ctx, tx, id); err != nil {
			return err
		}
		var n, last int
		err := tx.QueryRow(ctx, `SELECT count(*), coalesce(max(position), 0) FROM dimension_options WHERE dimension_id = $1`, id).Scan(&n, &last)
		if err != nil {
			return err
		}
		if n+len(labels) > MaxDimensionOptions {
			return ErrTooManyOptions
		}
		if err := insertOptions(ctx, tx, id, last+1, labels); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "dimension.options_add", "dimension", id, map[string]any{"options": labels})
	})
	if err != nil {
		return fmt.Errorf("add options to dimension %d: %w", id, err)
	}
	return nil
}

// RenameDimensionOptions gives options of a dimension new labels, by option
// id, all or nothing; figures keep their options. Two options may swap labels.
// A label another option keeps is refused (a DuplicateError on "options").
func (s *Store) RenameDimensionOptions(ctx context.Context, actor domain.Actor, dimensionID int64, labels map[int64]string) error {
	if len(labels) == 0 {
		return nil
	}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := lockDimension(ctx, tx, dimensionID); err != nil {
			return err
		}
		ids := make([]int64, 0, len(labels))
		for id := range labels {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		rows, err := tx.Query(ctx, `SELECT id, label FROM dimension_options WHERE dimension_id = $1 AND id = ANY($2) ORDER BY id`, dimensionID, ids)
		if err != nil {
			return err
		}
		before := map[int64]string{}
		var id int64
		var label string
		if _, err := pgx.ForEachRow(rows, []any{&id, &label}, func() error { before[id] = label; return nil }); err != nil {
			return err
		}
		if len(before) != len(ids) {
			return domain.ErrNotFound
		}
		// Labels are unique as they are written, so each first takes a label no
		// one can type (it starts with a control character), then its new one.
		if _, err := tx.Exec(ctx, `UPDATE dimension_options SET label = chr(1) || id WHERE id = ANY($1)`, ids); err != nil {
			return err
		}
		var diff []map[string]any
		for _, id := range ids {
			if _, err := tx.Exec(ctx, `UPDATE dimension_options SET label = $2 WHERE id = $1`, id, labels[id]); err != nil {
				return mapError(err)
			}
			if before[id] != labels[id] {
				diff = append(diff, map[string]any{"option_id": id, "from": before[id], "to": labels[id]})
			}
		}
		return audit(ctx, tx, actor, "dimension.options_rename", "dimension", dimensionID, map[string]any{"changes": diff})
	})
	if err != nil {
		return fmt.Errorf("rename options of dimension %d: %w", dimensionID, err)
	}
	return nil
}

// MoveDimensionOption swaps an option with the one before it (up) or after it.
// Moving the first option up, or the last down, changes nothing.
func (s *Store) MoveDimensionOption(ctx context.Context, actor domain.Actor, dimensionID, optionID int64, up bool) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := lockDimension(ctx, tx, dimensionID); err != nil {
			return err
		}
		var pos int
		err := tx.QueryRow(ctx, `SELECT position FROM dimension_options WHERE id = $1 AND dimension_id = $2`, optionID, dimensionID).Scan(&pos)
		if err != nil {
			return mapError(err)
		}
		neighbour := `SELECT id, position FROM dimension_options WHERE dimension_id = $1 AND position > $2 ORDER BY position LIMIT 1`
		if up {
			neighbour = `SELECT id, position FROM dimension_options WHERE dimension_id = $1 AND position < $2 ORDER BY position DESC LIMIT 1`
		}
		var otherID int64
		var otherPos int
		err = tx.QueryRow(ctx, neighbour, dimensionID, pos).Scan(&otherID, &otherPos)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		// The position's uniqueness is checked at commit, so the two may swap.
		_, err = tx.Exec(ctx, `UPDATE dimension_options SET position = CASE id WHEN $1 THEN $2::int ELSE $3::int END
		                       WHERE id IN ($1, $4)`, optionID, otherPos, pos, otherID)
		if err != nil {
			return err
		}
		return audit(ctx, tx, actor, "dimension.option_move", "dimension", dimensionID, map[string]any{
			"option_id": optionID, "changes": changes(map[string]any{"position": pos}, map[string]any{"position": otherPos})})
	})
	if err != nil {
		return fmt.Errorf("move option %d of dimension %d: %w", optionID, dimensionID, err)
	}
	return nil
}

// RemoveDimensionOption removes an option no figure uses; the options after it
// move up. It refuses an option figures are stored against (ErrOptionInUse).
func (s *Store) RemoveDimensionOption(ctx context.Context, actor domain.Actor, dimensionID, optionID int64) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := lockDimension(ctx, tx, dimensionID); err != nil {
			return err
		}
		var label string
		var pos int
		err := tx.QueryRow(ctx, `SELECT label, position FROM dimension_options WHERE id = $1 AND dimension_id = $2`, optionID, dimensionID).Scan(&label, &pos)
		if err != nil {
			return mapError(err)
		}
		var used bool
		err = tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM indicator_values
		                        WHERE option1_id = $1 OR option2_id = $1 OR option3_id = $1)`, optionID).Scan(&used)
		if err != nil {
			return err
		}
		if used {
			return ErrOptionInUse
		}
		// A figure saved meanwhile would fail this delete on its foreign key.
		if _, err := tx.Exec(ctx, `DELETE FROM dimension_options WHERE id = $1`, optionID); err != nil {
			if errors.Is(mapError(err), domain.ErrConflict) {
				return ErrOptionInUse
			}
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE dimension_options SET position = position - 1 WHERE dimension_id = $1 AND position > $2`, dimensionID, pos); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "dimension.option_remove", "dimension", dimensionID, map[string]any{
			"option_id": optionID, "before": map[string]any{"label": label, "position": pos}})
	})
	if err != nil {
		return fmt.Errorf("remove option %d of dimension %d: %w", optionID, dimensionID, err)
	}
	return nil
}

// ComparatorSeriesUse counts each comparator series' figures, by series id.
func (s *Store) ComparatorSeriesUse(ctx context.Context) (map[int64]int, error) {
	return s.countsByID(ctx, "count comparator figures", `SELECT series_id, count(*) FROM comparator_values GROUP BY series_id`)
}

// countsByID runs a query of (id, count) rows and gives the counts by id.
func (s *Store) countsByID(ctx context.Context, what, sql string) (map[int64]int, error) {
	rows, err := s.pool.Query(ctx, sql)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	out := map[int64]int{}
	var id int64
	var n int
	_, err = pgx.ForEachRow(rows, []any{&id, &n}, func() error {
		out[id] = n
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}
