package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"safeboard/internal/domain"
)

// The performance calculations: for a period, every indicator's figures by
// date, its year to date by rule, its target and RAG, the change against the
// previous period, its comparators and its breakdown totals. The arithmetic is
// done in SQL (aggregates by rule, the rag function of migration 0004, CUBE
// over the breakdowns, shares by window); Go only files the rows into place.

// YearsByMonths is how many years (the period's included) Performance reads
// for the "years by months" table and the comparator years.
const YearsByMonths = 5

// Figure is an indicator's figure on one date: for an indicator with
// breakdowns the total over every option, for a ratio indicator the sum of its
// numerator over the sum of its denominator that date, as a percentage.
type Figure struct {
	On    time.Time
	Value *float64 // nil: not known
}

// Direction says whether a change is an improvement, given the polarity.
type Direction string

// The directions of a change. DirectionNone means no change can be judged: a
// figure is missing, or the indicator's polarity is neither.
const (
	DirectionBetter Direction = "better"
	DirectionWorse  Direction = "worse"
	DirectionSame   Direction = "same"
	DirectionNone   Direction = ""
)

// Title is the direction in words.
func (d Direction) Title() string {
	switch d {
	case DirectionBetter:
		return "Better"
	case DirectionWorse:
		return "Worse"
	case DirectionSame:
		return "No change"
	}
	return ""
}

// YearFigures is one year's figures of an indicator, for the "years by
// months" table: Figures follow Indicator.Dates of the year's period.
type YearFigures struct {
	Year    int // the year the period starts: 2009 is 2009/10
	Label   string
	Figures []Figure
	YTD     *float64 // the year to date by the indicator's rule
}

// ComparatorYear is our year to date and each comparator series' value in
// one year, the values in the order of IndicatorPerformance.Series.
type ComparatorYear struct {
	Year   int // 2009 is 2009/10
	Label  string
	Ours   *float64
	Values []*float64
}

// Total is one sum over a breakdown and its share of the grand total (0–100;
// nil when the grand total is 0).
type Total struct {
	Value float64
	Share *float64
}

// Breakdown is an indicator's figures in a period by its dimensions, with
// every sub-total. Each cell is formed by the indicator's rule over the
// period: summed, averaged, or (rule latest, snapshots) the figures at the
// latest date known, On. Totals are sums of the cells below them.
type Breakdown struct {
	Year       int        // the year the period starts
	Label      string     // the period's label, such as 2009/10
	On         *time.Time // for the latest rule: the date of the figures
	Dimensions []domain.Dimension
	totals     map[[domain.MaxDimensions]int64]Total
	byDate     map[dateKey]float64
}

type dateKey struct {
	on     time.Time
	o1, o2 int64
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

// AtDate is the sum of the figures on a date with the given options of the
// first two dimensions, 0 meaning every option (the options-by-month table of
// a monthly or quarterly indicator); nil when none is known. By date, an
// indicator with three dimensions is summed by its first dimension only
// (o2 must be 0); one with two, by its first two.
func (b *Breakdown) AtDate(on time.Time, o1, o2 int64) *float64 {
	if b == nil {
		return nil
	}
	v, ok := b.byDate[dateKey{on, o1, o2}]
	if !ok {
		return nil
	}
	return &v
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
	Change        *float64 // YTD − PreviousYTD
	Direction     Direction

	Series      []domain.ComparatorSeries // the comparator series with values in the years read
	Comparators []ComparatorYear          // by year, oldest first; only years with a comparator value

	Commentary string // the manager's commentary for the period, or ""

	Breakdown         *Breakdown // nil without dimensions or figures
	PreviousBreakdown *Breakdown // the previous period's, nil without figures

	// Years are the last YearsByMonths years with at least one figure, oldest
	// first, the period's year included (monthly and quarterly indicators).
	Years []YearFigures

	comparators []jsonComparator // as read, until filed into Series and Comparators
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

// Performance reads every indicator's performance in the period (see the
// types above) with three queries, run side by side on their own
// connections: the indicators with their targets, commentary, breakdowns and
// comparators; the figures by date with the years to date, RAG and change;
// the breakdowns' totals. The period must have its ID, label and dates.
func (s *Store) Performance(ctx context.Context, period domain.Period) (*Performance, error) {
	y := period.StartsOn.Year()
	var (
		wg               sync.WaitGroup
		inds             []IndicatorPerformance
		figs             []figureRow
		totals           []breakdownRow
		err1, err2, err3 error
	)
	wg.Add(3)
	go func() {
		defer wg.Done()
		inds, err1 = performanceIndicators(ctx, s.pool, period.ID, y-(YearsByMonths-1), y)
	}()
	go func() {
		defer wg.Done()
		figs, err2 = performanceFigures(ctx, s.pool, period)
	}()
	go func() {
		defer wg.Done()
		totals, err3 = performanceBreakdowns(ctx, s.pool, period)
	}()
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
	fileFigures(period, figs, at)
	fileBreakdowns(period, totals, at)
	return &Performance{Period: period, Indicators: inds}, nil
}

// yearOf is the SQL for the year of the period a figure's date falls in (2009
// for a date in 2009/10), for periods a year long that start on the first of
// the month $offset months after January.
const yearOf = `date_part('year', %s - make_interval(months => $offset))::int`

func yearSQL(column string) string { return fmt.Sprintf(yearOf, column) }

// startMonths is $offset of yearOf for the period.
func startMonths(p domain.Period) int { return int(p.StartsOn.Month()) - 1 }

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
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Options []struct {
		ID    int64  `json:"id"`
		Label string `json:"label"`
	} `json:"options"`
}

type jsonComparator struct {
	Series int64   `json:"s"`
	Name   string  `json:"n"`
	Year   int     `json:"y"`
	Value  float64 `json:"v"`
}

func performanceIndicators(ctx context.Context, q querier, periodID int64, firstYear, year int) ([]IndicatorPerformance, error) {
	const sql = `
SELECT i.id, i.code, i.name, i.description, i.theme, i.unit, i.polarity, i.frequency, i.ytd_rule,
       i.numerator_id, i.denominator_id, i.agency_id, a.slug, a.name, i.suppress_small, i.position, i.version,
       t.op, t.value::float8, t.amber::float8, t.source, coalesce(c.body, ''),
       coalesce((SELECT json_agg(json_build_object('id', d.id, 'name', d.name, 'options',
                        (SELECT coalesce(json_agg(json_build_object('id', o.id, 'label', o.label) ORDER BY o.position), '[]')
                         FROM dimension_options o WHERE o.dimension_id = d.id)) ORDER BY x.position)
                 FROM indicator_dimensions x JOIN dimensions d ON d.id = x.dimension_id
                 WHERE x.indicator_id = i.id), '[]'),
       coalesce((SELECT json_agg(json_build_object('s', s.id, 'n', s.name, 'y', cv.year, 'v', cv.value::float8)
                                 ORDER BY s.id, cv.year)
                 FROM comparator_values cv JOIN comparator_series s ON s.id = cv.series_id
                 WHERE cv.indicator_id = i.id AND cv.year BETWEEN $2 AND $3), '[]')
FROM indicators i
JOIN agencies a ON a.id = i.agency_id
LEFT JOIN targets t ON t.indicator_id = i.id AND t.period_id = $1
LEFT JOIN indicator_commentary c ON c.indicator_id = i.id AND c.period_id = $1
ORDER BY i.position, lower(i.code)`
	rows, err := q.Query(ctx, sql, periodID, firstYear, year)
	if err != nil {
		return nil, fmt.Errorf("performance indicators: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (IndicatorPerformance, error) {
		var ip IndicatorPerformance
		i := &ip.Indicator
		var op, source *string
		var target, amber *float64
		var dims []jsonDimension
		var comps []jsonComparator
		err := row.Scan(&i.ID, &i.Code, &i.Name, &i.Description, &i.Theme, &i.Unit, &i.Polarity, &i.Frequency, &i.YTDRule,
			&i.NumeratorID, &i.DenominatorID, &i.AgencyID, &i.AgencySlug, &i.AgencyName, &i.SuppressSmall, &i.Position,
			&i.Version, &op, &target, &amber, &source, &ip.Commentary, &dims, &comps)
		if err != nil {
			return ip, err
		}
		if op != nil && target != nil {
			ip.Target = &domain.Target{IndicatorID: i.ID, PeriodID: periodID, Op: *op, Value: *target, Amber: amber}
			if source != nil {
				ip.Target.Source = *source
			}
		}
		for _, d := range dims {
			dim := domain.Dimension{ID: d.ID, Name: d.Name}
			for k, o := range d.Options {
				dim.Options = append(dim.Options, domain.DimensionOption{ID: o.ID, DimensionID: d.ID, Position: k + 1, Label: o.Label})
			}
			i.Dimensions = append(i.Dimensions, dim)
		}
		ip.comparators = comps
		return ip, nil
	})
	if err != nil {
		return nil, fmt.Errorf("performance indicators: %w", err)
	}
	return list, nil
}

// figureRow is a row of performanceFigures: a total by date, or (ytd) a
// year's year to date with, for the period, its RAG and change.
type figureRow struct {
	ytd            bool
	id             int64
	year           int
	on             *time.Time // the date, or for a year to date the last known date
	value, latest  *float64
	change         *float64
	rag, direction *string
}

// performanceFigures reads every indicator's total by date in the
// YearsByMonths years up to the period's end, and each year's year to date by
// rule; for the period, the RAG against its target and the change against the
// year before. Sums are in float8: figures are at most 10^12, so counts stay exact.
func performanceFigures(ctx context.Context, q querier, period domain.Period) ([]figureRow, error) {
	sql := strings.ReplaceAll(`
WITH raw AS (
    -- the total over the breakdown options of each stored figure's date
    SELECT v.indicator_id, v.on_date, sum(v.value::float8) AS value
    FROM indicator_values v
    WHERE v.indicator_id = ANY (ARRAY(SELECT id FROM indicators)) AND v.on_date BETWEEN $1 AND $2
    GROUP BY v.indicator_id, v.on_date
), dated AS (
    SELECT r.indicator_id, r.on_date, r.value, NULL::float8 AS num, NULL::float8 AS den
    FROM raw r
    UNION ALL
    -- a ratio indicator's figure on a date: its numerator over its denominator
    SELECT i.id, n.on_date, n.value / d.value * 100, n.value, d.value
    FROM indicators i
    JOIN raw n ON n.indicator_id = i.numerator_id
    JOIN raw d ON d.indicator_id = i.denominator_id AND d.on_date = n.on_date AND d.value <> 0
    WHERE i.ytd_rule = 'ratio'
), yearly AS (
    SELECT d.*, `+yearSQL("d.on_date")+` AS yr FROM dated d
), ytd AS (
    SELECT y.indicator_id, y.yr,
           CASE i.ytd_rule
               WHEN 'sum' THEN sum(y.value)
               WHEN 'mean' THEN avg(y.value)
               WHEN 'latest' THEN (array_agg(y.value ORDER BY y.on_date DESC))[1]
               -- the sum of the numerator over the sum of the denominator, not a mean of percentages
               WHEN 'ratio' THEN sum(y.num) / nullif(sum(y.den), 0) * 100
           END AS value,
           max(y.on_date) AS latest_on,
           (array_agg(y.value ORDER BY y.on_date DESC))[1] AS latest_value
    FROM yearly y JOIN indicators i ON i.id = y.indicator_id
    GROUP BY y.indicator_id, y.yr, i.ytd_rule
)
SELECT true, y.indicator_id, y.yr, y.latest_on, y.value, y.latest_value,
       y.value - p.value,
       rag(y.value::numeric, t.op, t.value, t.amber, i.polarity),
       CASE WHEN y.value IS NULL OR p.value IS NULL OR i.polarity = 'neither' THEN ''
            WHEN y.value = p.value THEN 'same'
            WHEN (y.value > p.value) = (i.polarity = 'higher') THEN 'better'
            ELSE 'worse' END
FROM ytd y
JOIN indicators i ON i.id = y.indicator_id
LEFT JOIN ytd p ON p.indicator_id = y.indicator_id AND p.yr = y.yr - 1
LEFT JOIN targets t ON t.indicator_id = y.indicator_id AND t.period_id = $4 AND y.yr = $5
UNION ALL
SELECT false, indicator_id, yr, on_date, value, NULL, NULL, NULL, NULL FROM yearly`, "$offset", "$3")
	from := period.StartsOn.AddDate(-(YearsByMonths - 1), 0, 0)
	rows, err := q.Query(ctx, sql, from, period.EndsOn, startMonths(period), period.ID, period.StartsOn.Year())
	if err != nil {
		return nil, fmt.Errorf("performance figures: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (figureRow, error) {
		var f figureRow
		err := row.Scan(&f.ytd, &f.id, &f.year, &f.on, &f.value, &f.latest, &f.change, &f.rag, &f.direction)
		return f, err
	})
	if err != nil {
		return nil, fmt.Errorf("performance figures: %w", err)
	}
	return list, nil
}

// fileFigures files the rows of performanceFigures into the indicators.
func fileFigures(period domain.Period, rows []figureRow, at map[int64]*IndicatorPerformance) {
	y := period.StartsOn.Year()
	byDate := make(map[int64]map[yearDate]float64, len(at))
	ytds := make(map[int64]map[int]*float64, len(at))
	for _, f := range rows {
		ip := at[f.id]
		if ip == nil {
			continue
		}
		if !f.ytd {
			if byDate[f.id] == nil {
				byDate[f.id] = map[yearDate]float64{}
			}
			if f.value != nil && f.on != nil {
				byDate[f.id][yearDate{f.year, *f.on}] = *f.value
			}
			continue
		}
		if ytds[f.id] == nil {
			ytds[f.id] = map[int]*float64{}
		}
		ytds[f.id][f.year] = f.value
		switch f.year {
		case y:
			ip.YTD, ip.Change = f.value, f.change
			if f.latest != nil && f.on != nil {
				ip.Latest = &Figure{On: *f.on, Value: f.latest}
			}
			if f.rag != nil {
				ip.RAG = domain.RAG(*f.rag)
			}
			if f.direction != nil {
				ip.Direction = Direction(*f.direction)
			}
		case y - 1:
			ip.PreviousYTD = f.value
		}
	}
	for id, ip := range at {
		ip.PreviousLabel = periodOf(period, y-1).Label
		if ip.Change == nil || ip.PreviousYTD == nil {
			ip.Change, ip.Direction = nil, DirectionNone
		}
		dates := byDate[id]
		for yr := y - (YearsByMonths - 1); yr <= y; yr++ {
			p := periodOf(period, yr)
			var figs []Figure
			known := false
			for _, d := range figureDates(ip.Indicator, p, dates, yr) {
				f := Figure{On: d}
				if v, ok := dates[yearDate{yr, d}]; ok {
					f.Value, known = &v, true
				}
				figs = append(figs, f)
			}
			if yr == y {
				ip.Figures = figs
			}
			if known && (ip.Frequency == domain.FrequencyMonthly || ip.Frequency == domain.FrequencyQuarterly) {
				ip.Years = append(ip.Years, YearFigures{Year: yr, Label: p.Label, Figures: figs, YTD: ytds[id][yr]})
			}
		}
		ip.fileComparators(period, ytds[id])
	}
}

// figureDates are the dates of an indicator's figures in a period: its dates
// (Indicator.Dates), except that a snapshot shows the dates it has figures on
// (the period's last day when it has none).
func figureDates(ind domain.Indicator, p domain.Period, known map[yearDate]float64, year int) []time.Time {
	if ind.Frequency != domain.FrequencySnapshot {
		return ind.Dates(p)
	}
	var out []time.Time
	for k := range known {
		if k.year == year {
			out = append(out, k.on)
		}
	}
	if len(out) == 0 {
		return ind.Dates(p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

type yearDate struct {
	year int
	on   time.Time
}

// fileComparators sets Series and Comparators from the comparator values read
// with the indicator and our years to date.
func (ip *IndicatorPerformance) fileComparators(period domain.Period, ours map[int]*float64) {
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
		ip.Comparators = append(ip.Comparators, ComparatorYear{
			Year: yr, Label: periodOf(period, yr).Label, Ours: ours[yr], Values: make([]*float64, len(ip.Series)),
		})
	}
	for _, c := range ip.comparators {
		v := c.Value
		ip.Comparators[row[c.Year]].Values[col[c.Series]] = &v
	}
	ip.comparators = nil
}

// breakdownRow is a row of performanceBreakdowns: a total over the cells
// with the given options (0: every option), or (byDate) a sum on a date.
type breakdownRow struct {
	total    bool
	id       int64
	year     int
	on       time.Time // zero when none
	key      [domain.MaxDimensions]int64
	value    float64
	share    float64
	hasShare bool
}

// performanceBreakdowns reads the totals over the breakdowns of the period and
// the previous period: every cell by the indicator's rule, summed over CUBE
// (every option, pair and the grand total) with each total's share of the
// grand total; and, for monthly and quarterly indicators, by date with ROLLUP
// over the first dimension (and the second when there are two, not three).
func performanceBreakdowns(ctx context.Context, q querier, period domain.Period) ([]breakdownRow, error) {
	const sql = `
WITH cells AS (
    SELECT v.indicator_id, v.on_date, v.option1_id AS o1, v.option2_id AS o2, v.option3_id AS o3, v.value::float8 AS value,
           CASE WHEN v.on_date >= $3 THEN $4::int ELSE $4::int - 1 END AS yr,
           i.ytd_rule IN ('sum', 'mean') AS over_period, i.ytd_rule = 'mean' AS mean,
           i.frequency IN ('monthly', 'quarterly') AS by_date,
           -- by date, the second dimension only when there is no third
           CASE WHEN x.n = 2 THEN v.option2_id END AS o2_by_date
    FROM indicators i
    JOIN (SELECT indicator_id, count(*) AS n FROM indicator_dimensions GROUP BY indicator_id) x ON x.indicator_id = i.id
    JOIN indicator_values v ON v.indicator_id = i.id AND v.on_date BETWEEN $1 AND $2
), latest AS (
    -- the date of the figures of an indicator rated at its latest date
    SELECT indicator_id, yr, max(on_date) AS on_date FROM cells WHERE NOT over_period GROUP BY indicator_id, yr
), per_cell AS (
    -- each cell over the period by the indicator's rule: summed or averaged
    -- over its dates, or its figure on the indicator's latest date
    SELECT indicator_id, yr, o1, o2, o3, CASE WHEN bool_or(mean) THEN avg(value) ELSE sum(value) END AS value
    FROM cells WHERE over_period
    GROUP BY indicator_id, yr, o1, o2, o3
    UNION ALL
    SELECT c.indicator_id, c.yr, c.o1, c.o2, c.o3, c.value
    FROM cells c JOIN latest l ON l.indicator_id = c.indicator_id AND l.yr = c.yr AND l.on_date = c.on_date
), totals AS (
    SELECT indicator_id, yr, o1, o2, o3, GROUPING(o1, o2, o3) AS g, sum(value) AS value
    FROM per_cell
    GROUP BY indicator_id, yr, CUBE (o1, o2, o3)
), by_date AS (
    -- by date, first summed over the options not shown by date
    SELECT indicator_id, yr, on_date, o1, o2_by_date AS o2, sum(value) AS value
    FROM cells WHERE by_date
    GROUP BY indicator_id, yr, on_date, o1, o2_by_date
)
SELECT true, t.indicator_id, t.yr, l.on_date,
       CASE WHEN t.g & 4 = 0 THEN coalesce(t.o1, 0) ELSE 0 END,
       CASE WHEN t.g & 2 = 0 THEN coalesce(t.o2, 0) ELSE 0 END,
       CASE WHEN t.g & 1 = 0 THEN coalesce(t.o3, 0) ELSE 0 END,
       t.value,
       t.value / nullif(max(t.value) FILTER (WHERE t.g = 7) OVER (PARTITION BY t.indicator_id, t.yr), 0) * 100
FROM totals t
LEFT JOIN latest l ON l.indicator_id = t.indicator_id AND l.yr = t.yr
UNION ALL
SELECT false, indicator_id, yr, on_date,
       CASE WHEN GROUPING(o1) = 0 THEN coalesce(o1, 0) ELSE 0 END,
       CASE WHEN GROUPING(o2) = 0 THEN coalesce(o2, 0) ELSE 0 END,
       0, sum(value), NULL
FROM by_date
GROUP BY indicator_id, yr, on_date, ROLLUP (o1, o2)
HAVING GROUPING(o2) = 1 OR o2 IS NOT NULL`
	from := period.StartsOn.AddDate(-1, 0, 0)
	rows, err := q.Query(ctx, sql, from, period.EndsOn, period.StartsOn, period.StartsOn.Year())
	if err != nil {
		return nil, fmt.Errorf("performance breakdowns: %w", err)
	}
	defer rows.Close()
	list := make([]breakdownRow, 0, 1024)
	for rows.Next() {
		var b breakdownRow
		var on pgtype.Date
		var share pgtype.Float8
		if err := rows.Scan(&b.total, &b.id, &b.year, &on, &b.key[0], &b.key[1], &b.key[2], &b.value, &share); err != nil {
			return nil, fmt.Errorf("performance breakdowns: %w", err)
		}
		if on.Valid {
			b.on = on.Time
		}
		if share.Valid {
			b.share, b.hasShare = share.Float64, true
		}
		list = append(list, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("performance breakdowns: %w", err)
	}
	return list, nil
}

// fileBreakdowns files the rows of performanceBreakdowns into the indicators.
func fileBreakdowns(period domain.Period, rows []breakdownRow, at map[int64]*IndicatorPerformance) {
	y := period.StartsOn.Year()
	for _, r := range rows {
		ip := at[r.id]
		if ip == nil || len(ip.Dimensions) == 0 {
			continue
		}
		b := &ip.Breakdown
		if r.year != y {
			b = &ip.PreviousBreakdown
		}
		if *b == nil {
			*b = &Breakdown{Year: r.year, Label: periodOf(period, r.year).Label, Dimensions: ip.Dimensions,
				totals: map[[domain.MaxDimensions]int64]Total{}, byDate: map[dateKey]float64{}}
		}
		switch {
		case r.total:
			t := Total{Value: r.value}
			if r.hasShare {
				share := r.share
				t.Share = &share
			}
			if !r.on.IsZero() && (*b).On == nil {
				on := r.on
				(*b).On = &on
			}
			(*b).totals[r.key] = t
		case !r.on.IsZero():
			(*b).byDate[dateKey{r.on, r.key[0], r.key[1]}] = r.value
		}
	}
}
