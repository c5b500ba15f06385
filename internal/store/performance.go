package store

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"safeboard/internal/domain"
)

// The performance calculations: for a period, every indicator's figures by
// date, its year to date by rule, its target and RAG, the change against the
// previous period, its comparators and its breakdown totals. The arithmetic is
// done in SQL (sums by date, by first option, by cell and year and by year
// kept exact by the triggers of migration 0004; years to date by the
// year_to_date function, the rag function, CUBE and ROLLUP over the
// breakdowns, shares of the grand total); Go files the rows into place and
// compares each year to date with the previous one (domain.Compare). No query reads every cell of every
// breakdown, so the cost follows what a page shows, not the size of the
// breakdowns or the years of history.

// YearsByMonths is how many years (the period's included) Performance reads
// for the "years by months" table and the comparator years.
const YearsByMonths = 5

// Figure is an indicator's figure on one date (see domain.Figure).
type Figure = domain.Figure

// YearFigures is one year's figures of an indicator, for the "years by
// months" table: Figures follow Indicator.Dates of the year's period.
type YearFigures struct {
	Year    int // the year the period starts: 2009 is 2009/10
	Label   string
	Figures []Figure
	YTD     *float64 // the year to date by the indicator's rule
	// Provisional: the year's figures are not yet accepted (see
	// IndicatorPerformance.ProvisionalBy).
	Provisional bool
}

// ComparatorYear is our year to date and each comparator series' value in
// one year, the values in the order of IndicatorPerformance.Series.
type ComparatorYear struct {
	Year   int // 2009 is 2009/10
	Label  string
	Ours   *float64
	Values []*float64
	// OursProvisional: our figure of the year is not yet accepted.
	OursProvisional bool
}

// Total is one sum over a breakdown (for the mean rule, the mean of every
// figure under it) and its share (0–100) of the grand total, or of the share
// base's figure for the year when the indicator has one (ShareBaseID); nil
// when that is 0 or not known, and for the mean rule.
type Total struct {
	Value float64
	Share *float64
}

// Breakdown is an indicator's figures in a period by its dimensions, with
// every sub-total. Each cell is formed by the indicator's rule over the
// period: summed, averaged, or (rule latest, snapshots) the figures at the
// latest date known, On. Totals are sums of the cells below them; for the
// mean rule, the mean of every figure below them (never a sum of means).
type Breakdown struct {
	Year       int        // the year the period starts
	Label      string     // the period's label, such as 2009/10
	On         *time.Time // for the latest rule: the date of the figures
	Dimensions []domain.Dimension
	totals     map[[domain.MaxDimensions]int64]Total
	byDate     map[[2]int64]dateSeries // by the first two options (0: every one)
}

// dateSeries are a breakdown's sums by date for some options, in date order.
type dateSeries struct {
	dates  []time.Time
	values []float64
}

// Total is the sum over the cells with the given options; 0 for a dimension
// means every option of it (so Total(0, 0, 0) is the grand total). ok is false
// when no figure falls under it.
func (b *Breakdown) Total(o1, o2, o3 int64) (Total, bool) {
	if b == nil {
		return Total{}, false
	}
	t, ok := b.totals[[domain.MaxDimensions]int64{o1, o2, o3}]
	return t, ok
}

// AtDate is the sum (for the mean rule, the mean) of the figures on a date
// with the given options of the first two dimensions, 0 meaning every option (the options-by-month table of
// a monthly or quarterly indicator); nil when none is known. By date, an
// indicator with three dimensions is summed by its first dimension only
// (o2 must be 0); one with two, by its first two.
func (b *Breakdown) AtDate(on time.Time, o1, o2 int64) *float64 {
	if b == nil {
		return nil
	}
	ds := b.byDate[[2]int64{o1, o2}]
	for k, d := range ds.dates {
		if d.Equal(on) {
			return &ds.values[k]
		}
	}
	return nil
}

// HasDates reports whether the breakdown has figures by date.
func (b *Breakdown) HasDates() bool { return b != nil && len(b.byDate) > 0 }

// IndicatorPerformance is one indicator's performance in a period.
type IndicatorPerformance struct {
	domain.Indicator
	Target  *domain.Target // nil: no target for the period
	Figures []Figure       // one per date of Indicator.Dates(period), in order; a snapshot's known dates
	YTD     *float64       // the year to date by the indicator's rule
	RAG     domain.RAG     // YTD against Target, by the SQL function rag
	Latest  *Figure        // the last known figure of the period and its date

	PreviousLabel string   // the previous period's label, such as 2008/09
	PreviousYTD   *float64 // the previous period's year to date
	// LikeForLike is the period's figure against the previous period's over
	// the same months (domain.Indicator.CompareLikeForLike): what every page
	// says of the change on last year.
	LikeForLike domain.LikeForLike
	// Comparison is LikeForLike's judgement: the change and whether it is
	// better.
	Comparison domain.Comparison
	// Rolling12 is the figure over the twelve months up to the latest
	// known (domain.Indicator.Rolling12); nil for snapshots and the latest
	// rule, or without figures.
	Rolling12 *Rolling

	Series      []domain.ComparatorSeries // the comparator series with values in the years read
	Comparators []ComparatorYear          // by year, oldest first; only years with a comparator value

	Commentary string // the manager's commentary for the period, or ""

	// ProvisionalBy are the agencies whose return for the period
	// exists and is not accepted, among the indicator's owners (its own
	// agency and, for a ratio, its parts'): while there are any, the
	// period's figures are provisional. A period without returns counts as
	// accepted.
	ProvisionalBy []domain.ReturnGap
	// ProvisionalFigures counts the period's figures that are provisional.
	ProvisionalFigures int
	// PreviousProvisional: the previous period's figures are provisional
	// (never with AcceptedOnly, which leaves them out).
	PreviousProvisional bool
	// Withheld: the period's figures are provisional and were left out
	// (PerformanceOptions.AcceptedOnly), so the indicator shows no figure,
	// year to date or rating for the period.
	Withheld bool

	Breakdown         *Breakdown // nil without dimensions or figures
	PreviousBreakdown *Breakdown // the previous period's, nil without figures

	// Years are the last YearsByMonths years (or PerformanceOptions.ByDateYears)
	// with at least one figure, oldest first, the period's year included
	// (monthly and quarterly indicators).
	Years []YearFigures

	comparators []jsonComparator // as read, until filed into Series and Comparators
}

// Rolling is an indicator's figure over the twelve months up to its latest.
type Rolling struct {
	Value    float64
	From, To time.Time // the first and last dates it holds
}

// Performance is the performance of every indicator in a period, in report
// order, read with a bounded number of queries (three) that look only at the
// period, the previous period and the YearsByMonths years up to the period:
// its cost does not grow with older history.
type Performance struct {
	Period     domain.Period
	Indicators []IndicatorPerformance
}

// Themes groups the indicators by theme, in the order their first indicator
// comes.
func (p *Performance) Themes() []Theme {
	var out []Theme
	at := map[string]int{}
	for _, ind := range p.Indicators {
		k, ok := at[ind.Theme]
		if !ok {
			k = len(out)
			at[ind.Theme] = k
			out = append(out, Theme{Name: ind.Theme})
		}
		out[k].Indicators = append(out[k].Indicators, ind)
	}
	return out
}

// Theme is a group of indicators in the report.
type Theme struct {
	Name       string
	Indicators []IndicatorPerformance
}

// PerformanceOptions say what a page reads of the performance, so that each
// reads only what it shows. The zero value reads everything, as Performance does.
type PerformanceOptions struct {
	// ByDateYears is how many years of figures by date to read (Figures and
	// Years), the period's included: 1 for the period's figures only. 0 or
	// more than YearsByMonths means YearsByMonths. The years to date are read
	// for every year of the comparators all the same.
	ByDateYears int
	// NoBreakdowns leaves out the breakdowns' totals (Breakdown and
	// PreviousBreakdown stay nil), and their query.
	NoBreakdowns bool
	// Code, when set, reads that indicator only (matched ignoring case).
	Code string
	// AcceptedOnly leaves out the provisional figures: an indicator's
	// figures of a year whose owner's return is not accepted count as
	// unknown, in its figures, years to date, latest, rating, change and
	// breakdowns alike.
	AcceptedOnly bool
}

func (o PerformanceOptions) byDateYears() int {
	if o.ByDateYears <= 0 || o.ByDateYears > YearsByMonths {
		return YearsByMonths
	}
	return o.ByDateYears
}

// Performance reads every indicator's performance in the period (see the
// types above) with three queries, run side by side on their own
// connections: the indicators with their targets, commentary, breakdowns and
// comparators; the figures by date with the years to date and RAG;
// the breakdowns' totals. The period must have its ID, label and dates.
func (s *Store) Performance(ctx context.Context, period domain.Period) (*Performance, error) {
	return s.PerformanceWith(ctx, period, PerformanceOptions{})
}

// PerformanceWith is Performance reading only what opts ask for: with
// NoBreakdowns, two queries.
func (s *Store) PerformanceWith(ctx context.Context, period domain.Period, opts PerformanceOptions) (*Performance, error) {
	y := period.StartsOn.Year()
	var (
		wg               sync.WaitGroup
		inds             []IndicatorPerformance
		figs             []figureRow
		totals           []breakdownRow
		err1, err2, err3 error
	)
	wg.Add(2)
	go func() {
		defer wg.Done()
		inds, err1 = performanceIndicators(ctx, s.pool, period.ID, y-(YearsByMonths-1), y, opts.Code)
	}()
	go func() {
		defer wg.Done()
		figs, err2 = performanceFigures(ctx, s.pool, period, opts)
	}()
	if !opts.NoBreakdowns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// summed here, while the figures are still being read
			if totals, err3 = performanceBreakdowns(ctx, s.pool, period, opts.Code); err3 == nil {
				sumBreakdowns(totals)
			}
		}()
	}
	wg.Wait()
	for _, err := range []error{err1, err2, err3} {
		if err != nil {
			return nil, err
		}
	}
	at := make(map[int64]*IndicatorPerformance, len(inds))
	for k := range inds {
		at[inds[k].ID] = &inds[k]
	}
	withheld := fileFigures(period, figs, at, opts.byDateYears(), opts.AcceptedOnly)
	fileBreakdowns(period, totals, at, withheld)
	return &Performance{Period: period, Indicators: inds}, nil
}

// customPlan runs a query as an unnamed statement (its description cached),
// so that PostgreSQL plans it for the figures asked for at every run. A
// prepared statement switches to a generic plan after five runs; for these
// queries, planned without the code filter's and the dates' values, that
// plan guesses a handful of rows where there are thousands and joins them in
// nested loops: 100 ms instead of 25.
const customPlan = pgx.QueryExecModeCacheDescribe

// periodOf is the period year (2009 for 2009/10) of the same length as p.
func periodOf(p domain.Period, year int) domain.Period {
	k := year - p.StartsOn.Year()
	q := domain.PeriodForYear(year)
	q.StartsOn, q.EndsOn = p.StartsOn.AddDate(k, 0, 0), p.EndsOn.AddDate(k, 0, 0)
	if k == 0 {
		q = p
	}
	return q
}

type jsonDimension struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Overlapping bool   `json:"overlapping"`
	Options     []struct {
		ID    int64  `json:"id"`
		Label string `json:"label"`
	} `json:"options"`
}

// jsonComparator is a comparator's value as read with its indicator.
type jsonComparator struct {
	Series int64
	Name   string
	Year   int
	Value  float64
}

func performanceIndicators(ctx context.Context, q querier, periodID int64, firstYear, year int, code string) ([]IndicatorPerformance, error) {
	// Each dimension's options and each indicator's comparators are gathered
	// once, by hash joins, rather than by a subquery per indicator.
	const sql = `
WITH dim AS (
    SELECT d.id, json_build_object('id', d.id, 'name', d.name, 'overlapping', d.overlapping, 'options',
               coalesce(json_agg(json_build_object('id', o.id, 'label', o.label) ORDER BY o.position)
                        FILTER (WHERE o.id IS NOT NULL), '[]')) AS j
    FROM dimensions d LEFT JOIN dimension_options o ON o.dimension_id = d.id
    GROUP BY d.id
), dims AS (
    SELECT x.indicator_id, json_agg(dim.j ORDER BY x.position) AS j
    FROM indicator_dimensions x JOIN dim ON dim.id = x.dimension_id
    GROUP BY x.indicator_id
), comps AS (
    -- in any order: Go sorts them by series and year (an aggregate's own
    -- ORDER BY would sort each of the four arrays apart)
    SELECT cv.indicator_id, array_agg(s.id) AS series, array_agg(s.name) AS names,
           array_agg(cv.year::integer) AS years, array_agg(cv.value::float8) AS figures
    FROM comparator_values cv JOIN comparator_series s ON s.id = cv.series_id
    WHERE cv.year BETWEEN $2 AND $3
    GROUP BY cv.indicator_id
)
SELECT i.id, i.code, i.name, i.description, i.theme, i.unit, i.polarity, i.frequency, i.ytd_rule,
       i.numerator_id, i.denominator_id, i.agency_id, a.slug, a.name, i.suppress_small, i.share_base_id, i.position, i.version, i.decimals,
       t.op, t.value::float8, t.amber::float8, t.source, NOT t.confirmed, coalesce(c.body, ''),
       coalesce(dims.j, '[]'), comps.series, comps.names, comps.years, comps.figures
FROM indicators i
JOIN agencies a ON a.id = i.agency_id
LEFT JOIN targets t ON t.indicator_id = i.id AND t.period_id = $1
LEFT JOIN indicator_commentary c ON c.indicator_id = i.id AND c.period_id = $1
LEFT JOIN dims ON dims.indicator_id = i.id
LEFT JOIN comps ON comps.indicator_id = i.id
WHERE $4 = '' OR lower(i.code) = lower($4)
ORDER BY i.position, lower(i.code)`
	rows, err := q.Query(ctx, sql, customPlan, periodID, firstYear, year, code)
	if err != nil {
		return nil, fmt.Errorf("performance indicators: %w", err)
	}
	defer rows.Close()
	// Indicators broken down the same way share their dimensions, decoded once.
	decoded := map[string][]domain.Dimension{}
	list := make([]IndicatorPerformance, 0, 256)
	for rows.Next() {
		list = append(list, IndicatorPerformance{})
		ip := &list[len(list)-1]
		i := &ip.Indicator
		var op, source pgtype.Text
		var target, amber pgtype.Float8
		var toConfirm pgtype.Bool
		var dims []byte
		var series []int64
		var names []string
		var years []int32
		var figures []float64
		err := rows.Scan(&i.ID, &i.Code, &i.Name, &i.Description, &i.Theme, &i.Unit, &i.Polarity, &i.Frequency, &i.YTDRule,
			&i.NumeratorID, &i.DenominatorID, &i.AgencyID, &i.AgencySlug, &i.AgencyName, &i.SuppressSmall, &i.ShareBaseID, &i.Position,
			&i.Version, &i.Decimals, &op, &target, &amber, &source, &toConfirm, &ip.Commentary, &dims, &series, &names, &years, &figures)
		if err != nil {
			return nil, fmt.Errorf("performance indicators: %w", err)
		}
		if op.Valid && target.Valid {
			ip.Target = &domain.Target{IndicatorID: i.ID, PeriodID: periodID, Op: op.String, Value: target.Float64, Source: source.String, ToConfirm: toConfirm.Bool}
			if amber.Valid {
				ip.Target.Amber = &amber.Float64
			}
		}
		if d, ok := decoded[string(dims)]; ok {
			i.Dimensions = d
		} else {
			var js []jsonDimension
			if err := json.Unmarshal(dims, &js); err != nil {
				return nil, fmt.Errorf("performance indicators: %w", err)
			}
			for _, d := range js {
				dim := domain.Dimension{ID: d.ID, Name: d.Name, Overlapping: d.Overlapping}
				for k, o := range d.Options {
					dim.Options = append(dim.Options, domain.DimensionOption{ID: o.ID, DimensionID: d.ID, Position: k + 1, Label: o.Label})
				}
				// Shared: an append by a reader must copy.
				dim.Options = slices.Clip(dim.Options)
				i.Dimensions = append(i.Dimensions, dim)
			}
			i.Dimensions = slices.Clip(i.Dimensions)
			decoded[string(dims)] = i.Dimensions
		}
		if len(series) == len(names) && len(series) == len(years) && len(series) == len(figures) {
			ip.comparators = make([]jsonComparator, len(series))
			for k := range series {
				ip.comparators[k] = jsonComparator{Series: series[k], Name: names[k], Year: int(years[k]), Value: figures[k]}
			}
			// the series in order, each by year
			slices.SortStableFunc(ip.comparators, func(a, b jsonComparator) int {
				return cmp.Or(cmp.Compare(a.Series, b.Series), cmp.Compare(a.Year, b.Year))
			})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("performance indicators: %w", err)
	}
	return list, nil
}

// figureRow is a row of performanceFigures: an indicator's year with its
// year to date and last known figure, for the period its RAG, and
// for the years shown by date its figures, in date order. Its fields are
// values rather than pointers, so that reading it allocates little.
type figureRow struct {
	id            int64
	year          int
	on            pgtype.Date // the last known figure's date
	value, latest pgtype.Float8
	rag           pgtype.Text
	dates         []time.Time
	figures       []float64
	// the sums on those dates (domain.DateSums)
	totals []float64
	cells  []int32
	dens   []*float64
	// the agencies whose return for the year is not yet accepted: the
	// year's figures are provisional while there are any
	provIDs                            []int64
	provSlugs, provNames, provStatuses []string
}

// inDateOrder sorts the row's figures by date, should they come otherwise.
func (f *figureRow) inDateOrder() {
	n := len(f.dates)
	if slices.IsSortedFunc(f.dates, time.Time.Compare) || len(f.figures) != n || len(f.totals) != n || len(f.cells) != n || len(f.dens) != n {
		return
	}
	order := dateOrder(f.dates)
	dates, figures, totals := make([]time.Time, n), make([]float64, n), make([]float64, n)
	cells, dens := make([]int32, n), make([]*float64, n)
	for k, i := range order {
		dates[k], figures[k], totals[k], cells[k], dens[k] = f.dates[i], f.figures[i], f.totals[i], f.cells[i], f.dens[i]
	}
	f.dates, f.figures, f.totals, f.cells, f.dens = dates, figures, totals, cells, dens
}

// provisionalBy are the agencies whose return for the row's year is not yet accepted.
func (f *figureRow) provisionalBy() []domain.ReturnGap {
	n := len(f.provIDs)
	if len(f.provSlugs) != n || len(f.provNames) != n || len(f.provStatuses) != n {
		return nil
	}
	out := make([]domain.ReturnGap, n)
	for k := range out {
		out[k] = domain.ReturnGap{AgencyID: f.provIDs[k], AgencySlug: f.provSlugs[k], AgencyName: f.provNames[k], Status: domain.ReturnStatus(f.provStatuses[k])}
	}
	return out
}

// performanceFigures reads, for each indicator and each of the YearsByMonths
// years up to the period: its year to date by rule and its last known figure;
// for the period, the RAG against its target; and for the years opts shows by
// date, its figures by date.
//
// Nothing here reads the breakdowns' cells. The years to date come from
// indicator_years and the figures by date from indicator_totals (both kept by
// triggers, migration 0004): one row per indicator and year, and one per
// indicator and date shown, so the cost does not grow with the years of
// history or the size of the breakdowns. A ratio indicator stores nothing: its
// figures are its numerator's totals over its denominator's on the dates both
// have, and its year to date the sum of the one over the sum of the other on
// those dates (kept in indicator_years too).
// Years are financial years, as every period is (1 April to 31 March). Sums
// are numeric, read as float8: figures are at most 10^12, so counts stay
// exact.
func performanceFigures(ctx context.Context, q querier, period domain.Period, opts PerformanceOptions) ([]figureRow, error) {
	const sql = `
WITH shown AS (
    SELECT id, numerator_id, denominator_id, ytd_rule, polarity FROM indicators WHERE $6 = '' OR lower(code) = lower($6)
), parts AS (
    -- the numerators and denominators of the ratios shown
    SELECT numerator_id AS id FROM shown WHERE ytd_rule = 'ratio'
    UNION
    SELECT denominator_id FROM shown WHERE ytd_rule = 'ratio'
), raw AS (
    -- totals by date in the years shown by date: the shown indicators' and
    -- their ratios' parts'
    SELECT t.indicator_id, t.on_date, financial_year(t.on_date) AS yr, t.figure AS value, t.cells
    FROM indicator_totals t
    WHERE t.indicator_id = ANY (ARRAY(SELECT id FROM shown UNION SELECT id FROM parts)) AND t.on_date BETWEEN $1 AND $2
), ratios AS (
    -- a ratio indicator's figure on a date: its numerator over its denominator
    SELECT i.id AS indicator_id, n.on_date, n.yr, n.value / d.value * 100 AS value, n.value AS total, n.cells, d.value AS den
    FROM shown i
    JOIN raw n ON n.indicator_id = i.numerator_id
    JOIN raw d ON d.indicator_id = i.denominator_id AND d.on_date = n.on_date AND d.value <> 0
    WHERE i.ytd_rule = 'ratio'
), dated AS (
    -- a mean indicator's figure on a date is the mean of its cells (of the
    -- breakdown's options known that date), not their sum
    -- (its sums too, for the like-for-like comparison, domain.DateSums)
    SELECT r.indicator_id, r.yr, r.on_date, CASE WHEN i.ytd_rule = 'mean' THEN r.value / r.cells ELSE r.value END AS value,
           r.value AS total, r.cells, NULL::numeric AS den
    FROM raw r JOIN shown i ON i.id = r.indicator_id
    UNION ALL
    SELECT indicator_id, yr, on_date, value, total, cells, den FROM ratios
), by_date AS (
    -- in date order from a sorted subquery, sorted once: an aggregate's own
    -- ORDER BY sorts each of the five arrays apart (a fifth of the query's
    -- time). Go checks the order all the same (figureRow.inDateOrder).
    SELECT indicator_id, yr, array_agg(on_date) AS dates, array_agg(value) AS figures,
           array_agg(total::float8) AS totals, array_agg(cells) AS cells, array_agg(den::float8) AS dens
    FROM (SELECT * FROM dated ORDER BY indicator_id, yr, on_date) d
    GROUP BY indicator_id, yr
), prov AS (
    -- the agencies whose return for a year exists and is not accepted, among
    -- each shown indicator's owners (provisionalOwners): its figures of that
    -- year are provisional (a year without returns counts as accepted)
    SELECT o.indicator_id, financial_year(p.starts_on) AS yr,
           array_agg(a.id ORDER BY a.display_order, a.name) AS ids, array_agg(a.slug ORDER BY a.display_order, a.name) AS slugs,
           array_agg(a.name ORDER BY a.display_order, a.name) AS names, array_agg(r.status ORDER BY a.display_order, a.name) AS statuses
    FROM (` + provisionalOwners + `) o
    JOIN returns r ON r.agency_id = o.agency_id AND r.status <> 'accepted'
    JOIN periods p ON p.id = r.period_id
    JOIN agencies a ON a.id = r.agency_id
    WHERE o.indicator_id = ANY (ARRAY(SELECT id FROM shown)) AND financial_year(p.starts_on) BETWEEN $5 AND $4
    GROUP BY 1, 2
), ytd AS MATERIALIZED (
    -- the year to date by rule (year_to_date, migration 0008). A mean's last
    -- figure is the mean of its last date. Materialized: folded into the
    -- query below, it is joined to the figures' arrays by hashing the arrays,
    -- which took a fifth longer.
    SELECT y.indicator_id, y.year AS yr,
           year_to_date(i.ytd_rule, y.total, y.cells, y.last_value, y.denominator)::float8 AS value,
           y.last_on,
           (CASE WHEN i.ytd_rule = 'mean' THEN y.last_value / nullif(y.last_cells, 0) ELSE y.last_value END)::float8 AS last_value
    FROM shown i
    JOIN indicator_years y ON y.indicator_id = i.id
    -- by the key, whatever the years of history
    WHERE y.indicator_id = ANY (ARRAY(SELECT id FROM shown)) AND y.year BETWEEN $5 AND $4
)
SELECT y.indicator_id, y.yr, y.last_on, y.value, y.last_value,
       rag(y.value::numeric, t.op, t.value, t.amber, i.polarity),
       b.dates, b.figures, b.totals, b.cells, b.dens, pv.ids, pv.slugs, pv.names, pv.statuses
FROM ytd y
JOIN shown i ON i.id = y.indicator_id
LEFT JOIN prov pv ON pv.indicator_id = y.indicator_id AND pv.yr = y.yr
-- a target carried from last year rates nothing until it is confirmed
LEFT JOIN targets t ON t.indicator_id = y.indicator_id AND t.period_id = $3 AND y.yr = $4 AND t.confirmed
LEFT JOIN by_date b ON b.indicator_id = y.indicator_id AND b.yr = y.yr`
	y := period.StartsOn.Year()
	first := y - (YearsByMonths - 1)
	// the previous year by date too, for the like-for-like comparison
	shownFrom := period.StartsOn.AddDate(-max(opts.byDateYears()-1, 1), 0, 0)
	rows, err := q.Query(ctx, sql, customPlan, shownFrom, period.EndsOn, period.ID, y, first, opts.Code)
	if err != nil {
		return nil, fmt.Errorf("performance figures: %w", err)
	}
	defer rows.Close()
	list := make([]figureRow, 0, 1024)
	for rows.Next() {
		list = append(list, figureRow{})
		f := &list[len(list)-1]
		if err := rows.Scan(&f.id, &f.year, &f.on, &f.value, &f.latest, &f.rag, &f.dates, &f.figures, &f.totals, &f.cells, &f.dens, &f.provIDs, &f.provSlugs, &f.provNames, &f.provStatuses); err != nil {
			return nil, fmt.Errorf("performance figures: %w", err)
		}
		f.inDateOrder()
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("performance figures: %w", err)
	}
	return list, nil
}

// fileFigures files the rows of performanceFigures into the indicators.
// With acceptedOnly, a provisional year's row is left out, as if the year
// had no figure; the years left out are returned, by indicator and year.
func fileFigures(period domain.Period, rows []figureRow, at map[int64]*IndicatorPerformance, byDateYears int, acceptedOnly bool) map[[2]int64]bool {
	y := period.StartsOn.Year()
	first := y - (YearsByMonths - 1)
	type filing struct { // by year, from first
		dates   [YearsByMonths][]time.Time // in order
		figures [YearsByMonths][]float64   // on those dates
		ytd     [YearsByMonths]*float64
		sums    [2][]domain.DateSums // the previous year's and the period's
		prov    [YearsByMonths]bool
	}
	withheld := map[[2]int64]bool{}
	files := make(map[int64]*filing, len(at))
	for k := range rows {
		f := &rows[k]
		ip := at[f.id]
		if ip == nil || f.year < first || f.year > y {
			continue
		}
		file := files[f.id]
		if file == nil {
			file = &filing{}
			files[f.id] = file
		}
		if len(f.provIDs) > 0 {
			if f.year == y {
				ip.ProvisionalBy, ip.ProvisionalFigures = f.provisionalBy(), len(f.dates)
				ip.Withheld = acceptedOnly
			}
			// what is left out is not shown, so not marked
			file.prov[f.year-first] = !acceptedOnly
			ip.PreviousProvisional = ip.PreviousProvisional || (f.year == y-1 && !acceptedOnly)
			if acceptedOnly {
				withheld[[2]int64{f.id, int64(f.year)}] = true
				continue
			}
		}
		if len(f.dates) == len(f.figures) {
			file.dates[f.year-first], file.figures[f.year-first] = f.dates, f.figures
		}
		if k := f.year - (y - 1); k >= 0 && k < 2 && len(f.totals) == len(f.dates) && len(f.cells) == len(f.dates) && len(f.dens) == len(f.dates) {
			sums := make([]domain.DateSums, len(f.dates))
			for i := range sums {
				sums[i] = domain.DateSums{On: f.dates[i], Total: f.totals[i], Cells: int(f.cells[i]), Denominator: f.dens[i]}
			}
			file.sums[k] = sums
		}
		var value *float64
		if f.value.Valid {
			value = &f.value.Float64
		}
		file.ytd[f.year-first] = value
		switch f.year {
		case y:
			ip.YTD = value
			if f.latest.Valid && f.on.Valid {
				ip.Latest = &Figure{On: f.on.Time, Value: &f.latest.Float64}
			}
			if f.rag.Valid {
				ip.RAG = domain.RAG(f.rag.String)
			}
		case y - 1:
			ip.PreviousYTD = value
		}
	}
	prevPeriod := periodOf(period, y-1)
	previous := prevPeriod.Label
	periods := make([]domain.Period, byDateYears)
	for k := range periods {
		periods[k] = periodOf(period, y-(byDateYears-1)+k)
	}
	var none filing
	for id, ip := range at {
		ip.PreviousLabel = previous
		file := files[id]
		if file == nil {
			file = &none
		}
		ip.LikeForLike = ip.CompareLikeForLike(period, prevPeriod, file.sums[1], file.sums[0])
		ip.Comparison = ip.LikeForLike.Comparison
		if v, from, to, ok := ip.Indicator.Rolling12(append(append([]domain.DateSums(nil), file.sums[0]...), file.sums[1]...)); ok && len(file.sums[1]) > 0 {
			ip.Rolling12 = &Rolling{Value: v, From: from, To: to}
		}
		for _, p := range periods {
			yr := p.StartsOn.Year()
			var on []time.Time
			var values []float64
			if yr >= first {
				on, values = file.dates[yr-first], file.figures[yr-first]
			}
			dates := figureDates(ip.Indicator, p, on)
			figs := make([]Figure, len(dates))
			known, k := false, 0
			for i, d := range dates {
				figs[i].On = d
				for k < len(on) && on[k].Before(d) {
					k++
				}
				if k < len(on) && on[k].Equal(d) {
					figs[i].Value, known = &values[k], true
				}
			}
			if yr == y {
				ip.Figures = figs
			}
			if known && (ip.Frequency == domain.FrequencyMonthly || ip.Frequency == domain.FrequencyQuarterly) {
				var ytd *float64
				if yr >= first {
					ytd = file.ytd[yr-first]
				}
				ip.Years = append(ip.Years, YearFigures{Year: yr, Label: p.Label, Figures: figs, YTD: ytd, Provisional: file.prov[yr-first]})
			}
		}
		ytd, prov := file.ytd, file.prov
		ip.fileComparators(period, func(yr int) (*float64, bool) {
			if yr < first || yr > y || ip.Overlaps() {
				return nil, false
			}
			return ytd[yr-first], prov[yr-first]
		})
		if ip.Overlaps() {
			ip.withoutTotals()
		}
	}
	return withheld
}

// withoutTotals leaves out every figure of an indicator with an overlapping
// breakdown that adds its options up (domain.Indicator.Overlaps): its year
// to date, latest, rating, comparison and rolling 12 months, and its years
// by date. Its Figures keep their dates, and their values only so that a
// missing month can be told (domain.Indicator.NeedsAttention): no page shows
// them.
func (ip *IndicatorPerformance) withoutTotals() {
	ip.YTD, ip.PreviousYTD, ip.Latest, ip.Rolling12, ip.Years = nil, nil, nil, nil, nil
	ip.RAG = domain.RAGNone
	ip.LikeForLike = domain.LikeForLike{}
	ip.Comparison = domain.Comparison{}
}

// figureDates are the dates of an indicator's figures in a period: its dates
// (Indicator.Dates), except that a snapshot shows the dates it has figures on
// (the period's last day when it has none). known are the dates of the
// period's figures, in order.
func figureDates(ind domain.Indicator, p domain.Period, known []time.Time) []time.Time {
	if ind.Frequency != domain.FrequencySnapshot || len(known) == 0 {
		return ind.Dates(p)
	}
	return known
}

// fileComparators sets Series and Comparators from the comparator values read
// with the indicator and our years to date.
func (ip *IndicatorPerformance) fileComparators(period domain.Period, ours func(year int) (*float64, bool)) {
	if len(ip.comparators) == 0 {
		return
	}
	col := map[int64]int{}
	row := map[int]int{}
	years := []int{}
	for _, c := range ip.comparators {
		if _, ok := col[c.Series]; !ok {
			col[c.Series] = len(ip.Series)
			ip.Series = append(ip.Series, domain.ComparatorSeries{ID: c.Series, Name: c.Name})
		}
		if _, ok := row[c.Year]; !ok {
			row[c.Year] = 0
			years = append(years, c.Year)
		}
	}
	sort.Ints(years)
	for k, yr := range years {
		row[yr] = k
		v, prov := ours(yr)
		ip.Comparators = append(ip.Comparators, ComparatorYear{
			Year: yr, Label: periodOf(period, yr).Label, Ours: v, OursProvisional: prov, Values: make([]*float64, len(ip.Series)),
		})
	}
	for _, c := range ip.comparators {
		v := c.Value
		ip.Comparators[row[c.Year]].Values[col[c.Series]] = &v
	}
	ip.comparators = nil
}

// breakdownRow is a row of performanceBreakdowns: the cells of an
// indicator's breakdown in a year (total), each with the options at the same
// place of o1, o2 and o3 (0: a dimension it lacks), its value by the
// indicator's rule and how many figures that value holds; or (not total) its
// sums by date and option in the years shown by date, dates giving each one's
// date.
type breakdownRow struct {
	total      bool
	id         int64
	year       int         // of the cells; none by date
	on         pgtype.Date // for the latest rule, the date of the figures
	o1, o2, o3 []int64
	values     []float64
	counts     []float64
	dates      []time.Time
	base       *float64 // the share base's figure for the year
	// summed over the options (sumBreakdowns): the cells' over every
	// combination (total), or the figures by date by year (not total)
	sums   map[[domain.MaxDimensions]int64]optionSum
	byYear map[int]map[[2]int64]*dateSums
}

// optionSum is a sum of figures and how many figures it holds.
type optionSum struct{ value, count float64 }

// dateSums are sums of figures by date, in date order, and how many figures
// each holds.
type dateSums struct {
	dates          []time.Time
	values, counts []float64
}

// sumBreakdowns sums each row of performanceBreakdowns over its options
// (cubeSums, rollupByDate).
func sumBreakdowns(rows []breakdownRow) {
	for k := range rows {
		if r := &rows[k]; r.total {
			r.sums = cubeSums(r)
		} else {
			r.byYear = rollupByDate(r)
		}
	}
}

// performanceBreakdowns reads what the totals over the breakdowns of the
// period and the previous period are worked out from (cubeSums,
// rollupByDate): every cell by the indicator's rule (its sum and how many
// figures it holds over the year, or its figure on the indicator's last date
// in the year) with the share base's figure for the year; and, for monthly
// and quarterly indicators, the sums by date and first option, or for those
// with two breakdowns every figure by date. It reads the cells' sums by year
// and the sums by date and first option that the triggers of migration 0004
// keep, rather than every cell, and sends each indicator's as arrays: a few
// hundred rows. Summing them over every option and pair is done in Go: as
// CUBE and ROLLUP in this query it took three times as long, and it runs
// side by side with the other figures queries on a server's few cores.
func performanceBreakdowns(ctx context.Context, q querier, period domain.Period, code string) ([]breakdownRow, error) {
	const sql = `
WITH ind AS (
    SELECT i.id, i.ytd_rule, i.share_base_id, i.frequency IN ('monthly', 'quarterly') AS by_date, x.n
    FROM indicators i
    JOIN (SELECT indicator_id, count(*) AS n FROM indicator_dimensions GROUP BY indicator_id) x ON x.indicator_id = i.id
    WHERE $4 = '' OR lower(i.code) = lower($4)
), per_cell AS (
    -- each cell's sum over the year and how many figures it holds
    SELECT c.indicator_id, c.year AS yr, c.option1_id AS o1, c.option2_id AS o2, c.option3_id AS o3,
           c.figure AS value, c.dates::float8 AS n, NULL::date AS on_date
    FROM ind i
    JOIN indicator_cell_years c ON c.indicator_id = i.id AND c.year BETWEEN $3 - 1 AND $3
    WHERE i.ytd_rule IN ('sum', 'mean')
    UNION ALL
    SELECT v.indicator_id, y.year, coalesce(v.option1_id, 0), coalesce(v.option2_id, 0), coalesce(v.option3_id, 0),
           v.value::float8, 1, v.on_date
    FROM ind i
    JOIN indicator_years y ON y.indicator_id = i.id AND y.year BETWEEN $3 - 1 AND $3
    JOIN indicator_values v ON v.indicator_id = i.id AND v.on_date = y.last_on
    WHERE i.ytd_rule NOT IN ('sum', 'mean')
), cells AS (
    SELECT indicator_id, yr, max(on_date) AS on_date, array_agg(o1) AS o1, array_agg(o2) AS o2, array_agg(o3) AS o3,
           array_agg(value) AS vals, array_agg(n) AS counts
    FROM per_cell
    GROUP BY indicator_id, yr
), base AS (
    -- the year's figure of the indicator a breakdown's shares are of, by its rule
    SELECT i.id, y.year AS yr,
           year_to_date(b.ytd_rule, y.total, y.cells, y.last_value, y.denominator)::float8 AS value
    FROM ind i
    JOIN indicators b ON b.id = i.share_base_id
    JOIN indicator_years y ON y.indicator_id = b.id AND y.year BETWEEN $3 - 1 AND $3
), by_date AS (
    SELECT t.indicator_id, t.on_date, t.option1_id AS o1, 0::bigint AS o2, t.figure AS value, t.cells::float8 AS n
    FROM ind i
    JOIN indicator_option_totals t ON t.indicator_id = i.id AND t.on_date BETWEEN $1 AND $2
    WHERE i.by_date AND i.n <> 2
    UNION ALL
    SELECT v.indicator_id, v.on_date, v.option1_id, coalesce(v.option2_id, 0), v.value::float8, 1
    FROM ind i
    JOIN indicator_values v ON v.indicator_id = i.id AND v.on_date BETWEEN $1 AND $2
    WHERE i.by_date AND i.n = 2
)
SELECT true, c.indicator_id, c.yr, c.on_date, c.o1, c.o2, c.o3, c.vals, c.counts, NULL::date[], b.value
FROM cells c
LEFT JOIN base b ON b.id = c.indicator_id AND b.yr = c.yr
UNION ALL
SELECT false, indicator_id, NULL, NULL, array_agg(o1), array_agg(o2), NULL, array_agg(value), array_agg(n), array_agg(on_date), NULL
FROM by_date
GROUP BY indicator_id`
	from := period.StartsOn.AddDate(-1, 0, 0)
	rows, err := q.Query(ctx, sql, customPlan, from, period.EndsOn, period.StartsOn.Year(), code)
	if err != nil {
		return nil, fmt.Errorf("performance breakdowns: %w", err)
	}
	defer rows.Close()
	list := make([]breakdownRow, 0, 512)
	for rows.Next() {
		list = append(list, breakdownRow{})
		b := &list[len(list)-1]
		var year pgtype.Int4
		if err := rows.Scan(&b.total, &b.id, &year, &b.on, &b.o1, &b.o2, &b.o3, &b.values, &b.counts, &b.dates, &b.base); err != nil {
			return nil, fmt.Errorf("performance breakdowns: %w", err)
		}
		b.year = int(year.Int32)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("performance breakdowns: %w", err)
	}
	return list, nil
}

// fileBreakdowns works out the totals from the rows of performanceBreakdowns
// and files them into the indicators. The years withheld (fileFigures) are
// left out.
func fileBreakdowns(period domain.Period, rows []breakdownRow, at map[int64]*IndicatorPerformance, withheld map[[2]int64]bool) {
	y := period.StartsOn.Year()
	breakdown := func(ip *IndicatorPerformance, year int) *Breakdown {
		b := &ip.Breakdown
		if year != y {
			b = &ip.PreviousBreakdown
		}
		if *b == nil {
			*b = &Breakdown{Year: year, Label: periodOf(period, year).Label, Dimensions: ip.Dimensions}
		}
		return *b
	}
	for k := range rows {
		r := &rows[k]
		ip := at[r.id]
		if ip == nil || len(ip.Dimensions) == 0 {
			continue
		}
		mean := ip.YTDRule == domain.YTDMean
		if !r.total {
			for year, series := range r.byYear {
				if withheld[[2]int64{r.id, int64(year)}] || (year != y && year != y-1) {
					continue
				}
				br := breakdown(ip, year)
				for key, s := range series {
					// a sum across an overlapping breakdown's options is no figure
					if domain.AddsUpOver(ip.Dimensions, [domain.MaxDimensions]int64{key[0], key[1]}) {
						if br.byDate == nil {
							br.byDate = make(map[[2]int64]dateSeries, len(series))
						}
						br.byDate[key] = s.series(mean)
					}
				}
			}
			continue
		}
		if withheld[[2]int64{r.id, int64(r.year)}] {
			continue
		}
		br := breakdown(ip, r.year)
		if r.on.Valid {
			on := r.on.Time
			br.On = &on
		}
		// An overlapping breakdown's options get no total, and their shares
		// are only of the share base (conferences held), never of a total.
		withShares := !mean && (!ip.Overlaps() || ip.ShareBaseID != nil)
		var of *float64 // what the shares are of
		if ip.ShareBaseID != nil {
			of = r.base
		}
		br.totals = totalsOf(r.sums, mean, of, withShares, ip.Dimensions)
	}
}

// cubeSums sums a year's cells (a total row of performanceBreakdowns) over
// every option, pair of options and all of them (CUBE), the key's 0 meaning
// every option of that dimension; a dimension the indicator lacks is 0 in
// every cell and is only summed over.
func cubeSums(r *breakdownRow) map[[domain.MaxDimensions]int64]optionSum {
	n := len(r.values)
	if len(r.o1) != n || len(r.o2) != n || len(r.o3) != n || len(r.counts) != n {
		return nil
	}
	sums := make(map[[domain.MaxDimensions]int64]optionSum, 2*n)
	for i := range n {
		cell := [domain.MaxDimensions]int64{r.o1[i], r.o2[i], r.o3[i]}
	combinations: // each bit of kept keeps a dimension's option; the rest are summed over
		for kept := range 1 << domain.MaxDimensions {
			var key [domain.MaxDimensions]int64
			for d := range domain.MaxDimensions {
				if kept&(1<<d) != 0 {
					if cell[d] == 0 {
						continue combinations
					}
					key[d] = cell[d]
				}
			}
			s := sums[key]
			s.value += r.values[i]
			s.count += r.counts[i]
			sums[key] = s
		}
	}
	return sums
}

// totalsOf are the totals of a year's sums (cubeSums): for the mean rule the
// mean of every figure under each, the sum over the count, never a sum of
// means. With withShares, each total has its share of of (nil: of the grand
// total); none where that is 0 or not known. Sums across an overlapping
// breakdown's options are left out.
func totalsOf(sums map[[domain.MaxDimensions]int64]optionSum, mean bool, of *float64, withShares bool, dims []domain.Dimension) map[[domain.MaxDimensions]int64]Total {
	value := func(s optionSum) float64 {
		if mean {
			return s.value / s.count
		}
		return s.value
	}
	if of == nil {
		if grand, ok := sums[[domain.MaxDimensions]int64{}]; ok {
			g := value(grand)
			of = &g
		}
	}
	totals := make(map[[domain.MaxDimensions]int64]Total, len(sums))
	for key, s := range sums {
		if !domain.AddsUpOver(dims, key) {
			continue
		}
		t := Total{Value: value(s)}
		if withShares && of != nil && *of != 0 {
			share := t.Value / *of * 100
			t.Share = &share
		}
		totals[key] = t
	}
	return totals
}

// rollupByDate sums a by-date row of performanceBreakdowns, by financial
// year, for each pair of options (o2 given only for indicators with two
// breakdowns), for each first option, and over every option (ROLLUP), in
// date order.
func rollupByDate(r *breakdownRow) map[int]map[[2]int64]*dateSums {
	n := len(r.values)
	if len(r.o1) != n || len(r.o2) != n || len(r.counts) != n || len(r.dates) != n {
		return nil
	}
	order := dateOrder(r.dates)
	years := map[int]map[[2]int64]*dateSums{}
	for _, i := range order {
		on := r.dates[i]
		year := financialYear(on)
		keys := years[year]
		if keys == nil {
			keys = map[[2]int64]*dateSums{}
			years[year] = keys
		}
		for level, key := range [3][2]int64{{r.o1[i], r.o2[i]}, {r.o1[i], 0}, {0, 0}} {
			if level == 0 && r.o2[i] == 0 {
				continue // one breakdown by date: its first option is the pair
			}
			s := keys[key]
			if s == nil {
				s = &dateSums{}
				keys[key] = s
			}
			if last := len(s.dates) - 1; last >= 0 && s.dates[last].Equal(on) {
				s.values[last] += r.values[i]
				s.counts[last] += r.counts[i]
				continue
			}
			s.dates = append(s.dates, on)
			s.values = append(s.values, r.values[i])
			s.counts = append(s.counts, r.counts[i])
		}
	}
	return years
}

// series are the sums as figures by date: for the mean rule, each the mean of
// every figure under it.
func (s *dateSums) series(mean bool) dateSeries {
	if !mean {
		return dateSeries{dates: s.dates, values: s.values}
	}
	values := make([]float64, len(s.values))
	for k := range values {
		values[k] = s.values[k] / s.counts[k]
	}
	return dateSeries{dates: s.dates, values: values}
}

// dateOrder is the indexes of dates in date order (those on the same date in
// the order they come).
func dateOrder(dates []time.Time) []int {
	order := make([]int, len(dates))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return dates[a].Compare(dates[b]) })
	return order
}

// financialYear is the year a financial year starting in April starts, as
// the database's financial_year.
func financialYear(d time.Time) int {
	if d.Month() < time.April {
		return d.Year() - 1
	}
	return d.Year()
}
