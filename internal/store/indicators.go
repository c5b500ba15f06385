package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

func init() {
	constraintFields["dimensions_name_key"] = "name"
	constraintFields["dimension_options_label_key"] = "options"
	constraintFields["indicators_code_key"] = "code"
	constraintFields["comparator_series_name_key"] = "name"
	constraintFields["indicator_dimensions_once"] = "dimensions"
}

// Dimensions lists every dimension with its options in order, by name.
func (s *Store) Dimensions(ctx context.Context) ([]domain.Dimension, error) {
	return dimensions(ctx, s.pool)
}

type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

func dimensions(ctx context.Context, q querier) ([]domain.Dimension, error) {
	const sql = `SELECT d.id, d.name, d.version, d.overlapping,
	                    coalesce(array_agg(o.id ORDER BY o.position) FILTER (WHERE o.id IS NOT NULL), '{}'),
	                    coalesce(array_agg(o.label ORDER BY o.position) FILTER (WHERE o.id IS NOT NULL), '{}')
	             FROM dimensions d LEFT JOIN dimension_options o ON o.dimension_id = d.id
	             GROUP BY d.id ORDER BY lower(d.name)`
	rows, err := q.Query(ctx, sql)
	if err != nil {
		return nil, fmt.Errorf("list dimensions: %w", err)
	}
	dims, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Dimension, error) {
		var d domain.Dimension
		var ids []int64
		var labels []string
		if err := row.Scan(&d.ID, &d.Name, &d.Version, &d.Overlapping, &ids, &labels); err != nil {
			return d, err
		}
		for i := range ids {
			d.Options = append(d.Options, domain.DimensionOption{ID: ids[i], DimensionID: d.ID, Position: i + 1, Label: labels[i]})
		}
		return d, nil
	})
	if err != nil {
		return nil, fmt.Errorf("list dimensions: %w", err)
	}
	return dims, nil
}

// CreateDimension adds a dimension with its options in the order given.
func (s *Store) CreateDimension(ctx context.Context, actor domain.Actor, name string, options []string) (int64, error) {
	return s.AddDimension(ctx, actor, NewDimension{Name: name, Options: options})
}

// NewDimension is a dimension to add: its name, its options in order, and
// whether they overlap (see domain.Dimension).
type NewDimension struct {
	Name        string
	Options     []string
	Overlapping bool
}

// AddDimension adds a dimension with its options, exclusive or overlapping.
func (s *Store) AddDimension(ctx context.Context, actor domain.Actor, d NewDimension) (int64, error) {
	var id int64
	name, options := d.Name, d.Options
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `INSERT INTO dimensions (name, overlapping) VALUES ($1, $2) RETURNING id`, name, d.Overlapping).Scan(&id); err != nil {
			return mapError(err)
		}
		if err := insertOptions(ctx, tx, id, 1, options); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "dimension.create", "dimension", id, map[string]any{"name": name, "options": options, "overlapping": d.Overlapping})
	})
	if err != nil {
		return 0, fmt.Errorf("create dimension %q: %w", name, err)
	}
	return id, nil
}

func insertOptions(ctx context.Context, tx pgx.Tx, dimensionID int64, from int, labels []string) error {
	for i, label := range labels {
		_, err := tx.Exec(ctx, `INSERT INTO dimension_options (dimension_id, position, label) VALUES ($1, $2, $3)`,
			dimensionID, from+i, label)
		if err != nil {
			return mapError(err)
		}
	}
	return nil
}

// IndicatorFields is what a manager sets on an indicator (see domain.IndicatorFields).
type IndicatorFields = domain.IndicatorFields

func indicatorAudit(f IndicatorFields) map[string]any {
	return map[string]any{
		"code": f.Code, "name": f.Name, "description": f.Description, "theme": f.Theme, "unit": f.Unit,
		"polarity": f.Polarity, "frequency": f.Frequency, "ytd_rule": f.YTDRule, "numerator_id": idOrNil(f.NumeratorID),
		"denominator_id": idOrNil(f.DenominatorID), "agency_id": f.AgencyID, "suppress_small": f.SuppressSmall,
		"decimals":      intOrNil(f.Decimals),
		"share_base_id": idOrNil(f.ShareBaseID), "position": f.Position, "dimension_ids": f.DimensionIDs,
	}
}

// intOrNil is an optional number as a value, for audit details.
func intOrNil(n *int) any {
	if n == nil {
		return nil
	}
	return *n
}

// idOrNil is an optional id as a value, so audit details compare and print it, not its address.
func idOrNil(id *int64) any {
	if id == nil {
		return nil
	}
	return *id
}

// CreateIndicator adds an indicator with its breakdowns.
func (s *Store) CreateIndicator(ctx context.Context, actor domain.Actor, f IndicatorFields) (int64, error) {
	if len(f.DimensionIDs) > domain.MaxDimensions {
		return 0, fmt.Errorf("create indicator %q: at most %d dimensions: %w", f.Code, domain.MaxDimensions, domain.ErrConflict)
	}
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		const q = `INSERT INTO indicators (code, name, description, theme, unit, polarity, frequency, ytd_rule,
		               numerator_id, denominator_id, agency_id, suppress_small, position, share_base_id, decimals)
		           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`
		if err := checkShareBase(ctx, tx, 0, f); err != nil {
			return err
		}
		err := tx.QueryRow(ctx, q, f.Code, f.Name, f.Description, f.Theme, f.Unit, f.Polarity, f.Frequency, f.YTDRule,
			f.NumeratorID, f.DenominatorID, f.AgencyID, f.SuppressSmall, f.Position, f.ShareBaseID, f.Decimals).Scan(&id)
		if err != nil {
			return mapError(err)
		}
		for i, d := range f.DimensionIDs {
			_, err := tx.Exec(ctx, `INSERT INTO indicator_dimensions (indicator_id, position, dimension_id) VALUES ($1, $2, $3)`, id, i+1, d)
			if err != nil {
				return mapError(err)
			}
		}
		return audit(ctx, tx, actor, "indicator.create", "indicator", id, map[string]any{"after": indicatorAudit(f)})
	})
	if err != nil {
		return 0, fmt.Errorf("create indicator %q: %w", f.Code, err)
	}
	return id, nil
}

// Indicators lists every indicator with its agency and breakdowns (options
// included), in report order: position, then code. Two queries.
func (s *Store) Indicators(ctx context.Context) ([]domain.Indicator, error) {
	return indicators(ctx, s.pool, "", nil)
}

// IndicatorByCode finds one indicator by its code, case-insensitively.
func (s *Store) IndicatorByCode(ctx context.Context, code string) (*domain.Indicator, error) {
	list, err := indicators(ctx, s.pool, `WHERE lower(i.code) = lower($1)`, []any{code})
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, fmt.Errorf("indicator %q: %w", code, domain.ErrNotFound)
	}
	return &list[0], nil
}

// IndicatorByID finds one indicator.
func (s *Store) IndicatorByID(ctx context.Context, id int64) (*domain.Indicator, error) {
	list, err := indicators(ctx, s.pool, `WHERE i.id = $1`, []any{id})
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, fmt.Errorf("indicator %d: %w", id, domain.ErrNotFound)
	}
	return &list[0], nil
}

// AgencyIndicators lists the indicators an agency owns, in report order.
func (s *Store) AgencyIndicators(ctx context.Context, agencyID int64) ([]domain.Indicator, error) {
	return indicators(ctx, s.pool, `WHERE i.agency_id = $1`, []any{agencyID})
}

func indicators(ctx context.Context, q querier, where string, args []any) ([]domain.Indicator, error) {
	sql := `SELECT i.id, i.code, i.name, i.description, i.theme, i.unit, i.polarity, i.frequency, i.ytd_rule,
	               i.numerator_id, i.denominator_id, i.agency_id, a.slug, a.name, i.suppress_small, i.share_base_id, i.position, i.version, i.decimals,
	               coalesce((SELECT array_agg(x.dimension_id ORDER BY x.position) FROM indicator_dimensions x
	                         WHERE x.indicator_id = i.id), '{}')
	        FROM indicators i JOIN agencies a ON a.id = i.agency_id ` + where + `
	        ORDER BY i.position, lower(i.code)`
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("list indicators: %w", err)
	}
	var dimIDs [][]int64
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Indicator, error) {
		var i domain.Indicator
		var ids []int64
		err := row.Scan(&i.ID, &i.Code, &i.Name, &i.Description, &i.Theme, &i.Unit, &i.Polarity, &i.Frequency, &i.YTDRule,
			&i.NumeratorID, &i.DenominatorID, &i.AgencyID, &i.AgencySlug, &i.AgencyName, &i.SuppressSmall, &i.ShareBaseID, &i.Position,
			&i.Version, &i.Decimals, &ids)
		dimIDs = append(dimIDs, ids)
		return i, err
	})
	if err != nil {
		return nil, fmt.Errorf("list indicators: %w", err)
	}
	needDims := false
	for _, ids := range dimIDs {
		needDims = needDims || len(ids) > 0
	}
	if !needDims {
		return list, nil
	}
	dims, err := dimensions(ctx, q)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]domain.Dimension, len(dims))
	for _, d := range dims {
		byID[d.ID] = d
	}
	for k, ids := range dimIDs {
		for _, id := range ids {
			list[k].Dimensions = append(list[k].Dimensions, byID[id])
		}
	}
	return list, nil
}

// SetTarget sets (or replaces) an indicator's target for a period; a target
// carried from last year to be confirmed is confirmed.
func (s *Store) SetTarget(ctx context.Context, actor domain.Actor, t domain.Target) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		const q = `INSERT INTO targets (indicator_id, period_id, op, value, amber, source) VALUES ($1, $2, $3, $4, $5, $6)
		           ON CONFLICT (indicator_id, period_id) DO UPDATE
		           SET op = EXCLUDED.op, value = EXCLUDED.value, amber = EXCLUDED.amber, source = EXCLUDED.source, confirmed = true, updated_at = now()`
		if _, err := tx.Exec(ctx, q, t.IndicatorID, t.PeriodID, t.Op, t.Value, t.Amber, t.Source); err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, actor, "target.set", "indicator", t.IndicatorID, map[string]any{
			"period_id": t.PeriodID, "op": t.Op, "value": t.Value, "amber": t.Amber, "source": t.Source})
	})
	if err != nil {
		return fmt.Errorf("set target of indicator %d: %w", t.IndicatorID, err)
	}
	return nil
}

// scanTarget reads a target's columns, ending with whether it is still to be confirmed.
func scanTarget(row pgx.CollectableRow) (domain.Target, error) {
	var t domain.Target
	err := row.Scan(&t.IndicatorID, &t.PeriodID, &t.Op, &t.Value, &t.Amber, &t.Source, &t.ToConfirm)
	return t, err
}

// Targets lists every indicator's target for a period.
func (s *Store) Targets(ctx context.Context, periodID int64) ([]domain.Target, error) {
	rows, err := s.pool.Query(ctx, `SELECT indicator_id, period_id, op, value::float8, amber::float8, source, NOT confirmed
	                                FROM targets WHERE period_id = $1`, periodID)
	if err != nil {
		return nil, fmt.Errorf("list targets: %w", err)
	}
	list, err := pgx.CollectRows(rows, scanTarget)
	if err != nil {
		return nil, fmt.Errorf("list targets: %w", err)
	}
	return list, nil
}

// ComparatorSeries lists the comparator series by name.
func (s *Store) ComparatorSeries(ctx context.Context) ([]domain.ComparatorSeries, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, name FROM comparator_series ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list comparator series: %w", err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[domain.ComparatorSeries])
	if err != nil {
		return nil, fmt.Errorf("list comparator series: %w", err)
	}
	return list, nil
}

// CreateComparatorSeries adds a named comparator series, such as England.
func (s *Store) CreateComparatorSeries(ctx context.Context, actor domain.Actor, name string) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `INSERT INTO comparator_series (name) VALUES ($1) RETURNING id`, strings.TrimSpace(name)).Scan(&id); err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, actor, "comparator_series.create", "comparator_series", id, map[string]any{"name": name})
	})
	if err != nil {
		return 0, fmt.Errorf("create comparator series %q: %w", name, err)
	}
	return id, nil
}

// SetComparatorValue sets a comparator's figure for an indicator and year; a
// nil value removes it.
func (s *Store) SetComparatorValue(ctx context.Context, actor domain.Actor, indicatorID, seriesID int64, year int, value *float64) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		if value == nil {
			_, err = tx.Exec(ctx, `DELETE FROM comparator_values WHERE indicator_id = $1 AND series_id = $2 AND year = $3`,
				indicatorID, seriesID, year)
		} else {
			_, err = tx.Exec(ctx, `INSERT INTO comparator_values (indicator_id, series_id, year, value) VALUES ($1, $2, $3, $4)
			                       ON CONFLICT (indicator_id, series_id, year) DO UPDATE SET value = EXCLUDED.value`,
				indicatorID, seriesID, year, *value)
		}
		if err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, actor, "comparator.set", "indicator", indicatorID, map[string]any{
			"series_id": seriesID, "year": year, "value": value})
	})
	if err != nil {
		return fmt.Errorf("set comparator of indicator %d: %w", indicatorID, err)
	}
	return nil
}

// ComparatorValues lists an indicator's comparator figures by series and year.
func (s *Store) ComparatorValues(ctx context.Context, indicatorID int64) ([]domain.ComparatorValue, error) {
	rows, err := s.pool.Query(ctx, `SELECT indicator_id, series_id, year, value::float8 FROM comparator_values
	                                WHERE indicator_id = $1 ORDER BY series_id, year`, indicatorID)
	if err != nil {
		return nil, fmt.Errorf("list comparator values: %w", err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[domain.ComparatorValue])
	if err != nil {
		return nil, fmt.Errorf("list comparator values: %w", err)
	}
	return list, nil
}

// SetCommentary sets the manager's commentary on an indicator for a period;
// an empty body removes it.
func (s *Store) SetCommentary(ctx context.Context, actor domain.Actor, indicatorID, periodID int64, body string) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		if strings.TrimSpace(body) == "" {
			_, err = tx.Exec(ctx, `DELETE FROM indicator_commentary WHERE indicator_id = $1 AND period_id = $2`, indicatorID, periodID)
		} else {
			_, err = tx.Exec(ctx, `INSERT INTO indicator_commentary (indicator_id, period_id, body, updated_by) VALUES ($1, $2, $3, $4)
			                       ON CONFLICT (indicator_id, period_id) DO UPDATE
			                       SET body = EXCLUDED.body, updated_by = EXCLUDED.updated_by, updated_at = now()`,
				indicatorID, periodID, body, actor.UserID)
		}
		if err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, actor, "commentary.set", "indicator", indicatorID, map[string]any{"period_id": periodID, "length": len(body)})
	})
	if err != nil {
		return fmt.Errorf("set commentary of indicator %d: %w", indicatorID, err)
	}
	return nil
}

// Commentary is the commentary on an indicator for a period, or "".
func (s *Store) Commentary(ctx context.Context, indicatorID, periodID int64) (string, error) {
	var body string
	err := s.pool.QueryRow(ctx, `SELECT body FROM indicator_commentary WHERE indicator_id = $1 AND period_id = $2`,
		indicatorID, periodID).Scan(&body)
	if err != nil && err != pgx.ErrNoRows {
		return "", fmt.Errorf("commentary of indicator %d: %w", indicatorID, err)
	}
	return body, nil
}
