package store_test

import (
	"context"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
)

// totalsDiffer counts the sums kept by the triggers of migration 0004 that
// differ from the cells in indicator_values: the dates on which
// indicator_totals does (a total missing, left over, or with another sum or
// number of cells), the financial years in which indicator_years does, and
// the rows of indicator_option_totals and indicator_cell_years that do.
func totalsDiffer(t *testing.T, f *perfFixture) int {
	t.Helper()
	var n, rows, years int
	// A ratio's year: its numerator's and denominator's sums over the dates
	// both have (the denominator not 0), and its last ratio.
	err := f.st.Pool().QueryRow(context.Background(), `
	    WITH raw AS (SELECT indicator_id, on_date, sum(value) AS value, count(*) AS cells FROM indicator_values GROUP BY indicator_id, on_date),
	    dated AS (SELECT indicator_id, on_date, value, NULL::numeric AS den, value AS last, cells FROM raw
	              UNION ALL
	              SELECT r.id, n.on_date, n.value, d.value, n.value / d.value * 100, 1
	              FROM indicators r JOIN raw n ON n.indicator_id = r.numerator_id
	              JOIN raw d ON d.indicator_id = r.denominator_id AND d.on_date = n.on_date AND d.value <> 0
	              WHERE r.ytd_rule = 'ratio'),
	    yearly AS (SELECT indicator_id, CASE WHEN extract(month FROM on_date) < 4 THEN extract(year FROM on_date) - 1
	                                         ELSE extract(year FROM on_date) END AS year,
	                      sum(value) AS total, sum(den) AS den, count(*) AS dates, max(on_date) AS last_on,
	                      (array_agg(last ORDER BY on_date DESC))[1] AS last_value, sum(cells) AS cells,
	                      (array_agg(cells ORDER BY on_date DESC))[1] AS last_cells
	               FROM dated GROUP BY 1, 2)
	    SELECT count(*) FILTER (WHERE r.indicator_id IS NULL OR y.indicator_id IS NULL OR r.total <> y.total
	                            OR r.den IS DISTINCT FROM y.denominator
	                            OR r.dates <> y.dates OR r.last_on <> y.last_on OR r.last_value <> y.last_value
	                            OR r.cells <> y.cells OR r.last_cells IS DISTINCT FROM y.last_cells)
	    FROM yearly r FULL JOIN indicator_years y ON y.indicator_id = r.indicator_id AND y.year = r.year`).Scan(&years)
	must(t, err)
	err = f.st.Pool().QueryRow(context.Background(), `
	    WITH raw AS (SELECT indicator_id, on_date, sum(value) AS value, count(*) AS cells
	                 FROM indicator_values GROUP BY indicator_id, on_date)
	    SELECT count(*) FILTER (WHERE r.indicator_id IS NULL OR t.indicator_id IS NULL
	                            OR r.value <> t.value OR r.cells <> t.cells),
	           count(*)
	    FROM raw r FULL JOIN indicator_totals t ON t.indicator_id = r.indicator_id AND t.on_date = r.on_date`).Scan(&n, &rows)
	must(t, err)
	if rows == 0 {
		t.Fatal("no figures at all: the check would prove nothing")
	}
	if years > 0 {
		t.Logf("%d financial years differ from the sums of their totals", years)
	}
	var options, cells int
	err = f.st.Pool().QueryRow(context.Background(), `
	    WITH raw AS (SELECT indicator_id, on_date, option1_id, sum(value) AS value, count(*) AS cells
	                 FROM indicator_values WHERE option1_id IS NOT NULL GROUP BY 1, 2, 3)
	    SELECT count(*) FILTER (WHERE r.indicator_id IS NULL OR t.indicator_id IS NULL OR r.value <> t.value OR r.cells <> t.cells)
	    FROM raw r FULL JOIN indicator_option_totals t
	         ON t.indicator_id = r.indicator_id AND t.on_date = r.on_date AND t.option1_id = r.option1_id`).Scan(&options)
	must(t, err)
	err = f.st.Pool().QueryRow(context.Background(), `
	    WITH raw AS (SELECT indicator_id, CASE WHEN extract(month FROM on_date) < 4 THEN extract(year FROM on_date) - 1
	                                           ELSE extract(year FROM on_date) END AS year,
	                        coalesce(option1_id, 0) AS o1, coalesce(option2_id, 0) AS o2, coalesce(option3_id, 0) AS o3,
	                        sum(value) AS value, count(*) AS dates
	                 FROM indicator_values GROUP BY 1, 2, 3, 4, 5)
	    SELECT count(*) FILTER (WHERE r.indicator_id IS NULL OR t.indicator_id IS NULL OR r.value <> t.value OR r.dates <> t.dates)
	    FROM raw r FULL JOIN indicator_cell_years t
	         ON t.indicator_id = r.indicator_id AND t.year = r.year AND t.option1_id = r.o1
	            AND t.option2_id = r.o2 AND t.option3_id = r.o3`).Scan(&cells)
	must(t, err)
	if options+cells > 0 {
		t.Logf("%d sums by date and first option and %d cells' sums by year differ from their cells", options, cells)
	}
	return n + years + options + cells
}

func totalOf(t *testing.T, f *perfFixture, code string, on time.Time) (value float64, cells int, ok bool) {
	t.Helper()
	err := f.st.Pool().QueryRow(context.Background(),
		`SELECT value::float8, cells FROM indicator_totals WHERE indicator_id = $1 AND on_date = $2`, f.ids[code], on).Scan(&value, &cells)
	if err != nil {
		return 0, 0, false
	}
	return value, cells, true
}

func TestIndicatorTotalsStayEqualToTheSumsOfTheCells(t *testing.T) {
	t.Parallel()
	f := newPerfFixture(t)
	ctx := context.Background()
	pool := f.st.Pool()
	check := func(step string) {
		t.Helper()
		if n := totalsDiffer(t, f); n != 0 {
			t.Fatalf("after %s: %d totals differ from the sums of their cells", step, n)
		}
	}
	check("saving the fixture")
	if v, cells, ok := totalOf(t, f, "CAUSE", month(2009, time.April)); !ok || v != 4 || cells != 2 {
		t.Fatalf("CAUSE April 2009: total %v of %d cells (found %v), want 4 of 2", v, cells, ok)
	}

	// A save that changes, adds and clears cells, one of them the only cell of its date.
	cell := func(code string, on time.Time, v *float64, options ...string) domain.CellValue {
		c := domain.CellValue{Cell: domain.Cell{IndicatorID: f.ids[code], On: on}, Value: v}
		for k, o := range options {
			c.Options[k] = f.options[o]
		}
		return c
	}
	_, err := f.st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, []domain.CellValue{
		cell("CAUSE", month(2009, time.April), num(8), "Neglect"),    // 3 → 8
		cell("CAUSE", month(2009, time.April), nil, "Emotional"),     // 1 → not known
		cell("CAUSE", month(2009, time.June), num(2), "Emotional"),   // new date
		cell("CAUSE", month(2008, time.May), nil, "Emotional"),       // the date's only cell
		cell("SUM", month(2009, time.April), num(11)),                // 10 → 11
		cell("LEN", month(2009, time.May), num(0), "Neglect", "0-5"), // 6 → 0: known, zero
	})
	must(t, err)
	check("a save")
	if v, cells, ok := totalOf(t, f, "CAUSE", month(2009, time.April)); !ok || v != 8 || cells != 1 {
		t.Errorf("CAUSE April 2009: total %v of %d cells (found %v), want 8 of 1", v, cells, ok)
	}
	if _, _, ok := totalOf(t, f, "CAUSE", month(2008, time.May)); ok {
		t.Error("CAUSE May 2008 has a total, though its only cell was cleared")
	}

	// Statements that are not saves: an update of many rows, one moving cells
	// to another date, a delete, and decimals.
	for _, sql := range []string{
		`UPDATE indicator_values SET value = value * 2 + 0.25`,
		`UPDATE indicator_values SET on_date = on_date + 1 WHERE on_date = '2010-03-17'`,
		`DELETE FROM indicator_values WHERE value > 40`,
		`UPDATE indicator_values SET value = value WHERE on_date < '2009-06-01'`,
	} {
		if _, err := pool.Exec(ctx, sql); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		check(sql)
	}

	// A ratio's parts swapped, and a new ratio of existing figures, have
	// their years worked out again.
	if _, err := pool.Exec(ctx, `UPDATE indicators SET numerator_id = denominator_id, denominator_id = numerator_id WHERE ytd_rule = 'ratio'`); err != nil {
		t.Fatal(err)
	}
	check("swapping a ratio's parts")
	if _, err := pool.Exec(ctx, `INSERT INTO indicators (code, name, theme, unit, polarity, frequency, ytd_rule, numerator_id, denominator_id, agency_id)
	    SELECT 'RATIO2', 'r', 't', 'percentage', 'lower', 'monthly', 'ratio', $1, $2, agency_id FROM indicators WHERE id = $1`,
		f.ids["SUM"], f.ids["MEAN"]); err != nil {
		t.Fatal(err)
	}
	check("a new ratio")
	var ratioYears int
	must(t, pool.QueryRow(ctx, `SELECT count(*) FROM indicator_years y JOIN indicators i ON i.id = y.indicator_id AND i.code = 'RATIO2'`).Scan(&ratioYears))
	if ratioYears == 0 {
		t.Error("the new ratio has no years")
	}
	_, err = f.st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, []domain.CellValue{
		cell("MEAN", month(2009, time.May), num(4)), // a date the numerator has, now the denominator too
		cell("SUM", month(2009, time.June), nil),
	})
	must(t, err)
	check("a save of a ratio's parts")

	// Deleting whole indicators removes their cells and totals (ON DELETE CASCADE).
	if _, err := pool.Exec(ctx, `DELETE FROM indicators WHERE id = ANY($1)`, []int64{f.ids["CAUSE"], f.ids["LEN"], f.ids["CP"]}); err != nil {
		t.Fatal(err)
	}
	check("deleting indicators")
	var left int
	must(t, pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM indicator_totals WHERE indicator_id = ANY($1))
	    + (SELECT count(*) FROM indicator_years WHERE indicator_id = ANY($1))`,
		[]int64{f.ids["CAUSE"], f.ids["LEN"], f.ids["CP"]}).Scan(&left))
	if left != 0 {
		t.Errorf("%d totals left of deleted indicators", left)
	}
}

// Two saves of cells of the same date side by side each add their own part:
// the second waits for the first's total and adds to it, rather than writing
// a sum it worked out without the first's cell.
func TestIndicatorTotalsAddUpSavesSideBySide(t *testing.T) {
	t.Parallel()
	f := newPerfFixture(t)
	ctx := context.Background()
	pool := f.st.Pool()
	on := month(2009, time.September)
	first, err := pool.Begin(ctx)
	must(t, err)
	defer first.Rollback(ctx)
	second, err := pool.Begin(ctx)
	must(t, err)
	defer second.Rollback(ctx)
	const insert = `INSERT INTO indicator_values (indicator_id, on_date, option1_id, value) VALUES ($1, $2, $3, $4)`
	_, err = first.Exec(ctx, insert, f.ids["CAUSE"], on, f.options["Neglect"], 5)
	must(t, err)
	done := make(chan error, 1)
	go func() {
		_, err := second.Exec(ctx, insert, f.ids["CAUSE"], on, f.options["Emotional"], 7)
		if err == nil {
			err = second.Commit(ctx)
		}
		done <- err
	}()
	time.Sleep(200 * time.Millisecond) // the second is waiting for the first's total
	must(t, first.Commit(ctx))
	must(t, <-done)
	if v, cells, ok := totalOf(t, f, "CAUSE", on); !ok || v != 12 || cells != 2 {
		t.Errorf("total %v of %d cells (found %v), want 12 of 2", v, cells, ok)
	}
	if n := totalsDiffer(t, f); n != 0 {
		t.Errorf("%d totals differ from the sums of their cells", n)
	}
	if _, err := testdb.OwnerPool(t, pool).Exec(ctx, `TRUNCATE indicator_values`); err != nil { // only the owner may
		t.Fatal(err)
	}
	var left int
	must(t, pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM indicator_totals) + (SELECT count(*) FROM indicator_option_totals)
	    + (SELECT count(*) FROM indicator_cell_years) + (SELECT count(*) FROM indicator_years)`).Scan(&left))
	if left != 0 {
		t.Errorf("%d sums left after the figures were truncated", left)
	}
}
