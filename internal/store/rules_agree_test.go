package store_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
)

// A rule that the queries apply in SQL and Go code applies in domain is one
// rule: these tests put a table of cases to both, against the real
// PostgreSQL, and to what the rule should give.

func TestRateAgreesWithItsSQLFunction(t *testing.T) {
	t.Parallel()
	st, err := store.Open(context.Background(), testdb.URL(t))
	must(t, err)
	t.Cleanup(st.Close)
	tenth := 0.1 // a variable, so that 0.1 + 0.2 is added in float64 (0.30000000000000004), not as a constant
	for _, tc := range []struct {
		name     string
		v        *float64
		op       string
		target   float64
		amber    *float64
		polarity domain.Polarity
		want     domain.RAG
	}{
		{"below a less-than target is green", num(13), "<", 14, nil, domain.PolarityLower, domain.RAGGreen},
		{"on a less-than threshold is not below it", num(14), "<", 14, nil, domain.PolarityLower, domain.RAGRed},
		{"on an at-most threshold is green", num(14), "<=", 14, nil, domain.PolarityLower, domain.RAGGreen},
		{"within the amber margin is amber", num(15), "<", 14, num(1), domain.PolarityLower, domain.RAGAmber},
		{"past the amber margin is red", num(15.5), "<", 14, num(1), domain.PolarityLower, domain.RAGRed},
		{"above a more-than target is green", num(80), ">", 74, nil, domain.PolarityHigher, domain.RAGGreen},
		{"on an at-least threshold is green", num(74), ">=", 74, nil, domain.PolarityHigher, domain.RAGGreen},
		{"at the edge of the amber margin is amber", num(72), ">", 74, num(2), domain.PolarityHigher, domain.RAGAmber},
		{"past the amber margin above is red", num(71), ">", 74, num(2), domain.PolarityHigher, domain.RAGRed},
		{"a zero amber margin makes only the threshold amber", num(74), ">", 74, num(0), domain.PolarityHigher, domain.RAGAmber},
		{"neither direction better is not rated", num(71), ">", 74, num(2), domain.PolarityNeither, domain.RAGNone},
		{"no figure is not rated", nil, "<", 14, nil, domain.PolarityLower, domain.RAGNone},
		// Decimals that float arithmetic gets wrong and numeric gets right.
		{"a decimal gap equal to the margin is amber", num(14.3), "<", 14.2, num(0.1), domain.PolarityLower, domain.RAGAmber},
		{"a sum of tenths on the threshold meets it", num(tenth + 0.2), "<=", 0.3, nil, domain.PolarityLower, domain.RAGGreen},
		{"a ratio's third against a percentage target", num(100.0 / 3), ">=", 33.3, nil, domain.PolarityHigher, domain.RAGGreen},
		{"a large count against its target", num(1e12), "<", 1e12, num(0.5), domain.PolarityLower, domain.RAGAmber},
	} {
		t.Run(tc.name, func(t *testing.T) {
			target := &domain.Target{Op: tc.op, Value: tc.target, Amber: tc.amber}
			got := domain.Rate(tc.v, target, tc.polarity)
			var sql string
			// As the figures query calls it: the year to date read as float8,
			// the target and margin as the numeric they are stored as.
			err := st.Pool().QueryRow(context.Background(), `SELECT rag($1::float8::numeric, $2, $3::numeric, $4::numeric, $5)`,
				tc.v, tc.op, decimalText(tc.target), decimalPtrText(tc.amber), string(tc.polarity)).Scan(&sql)
			must(t, err)
			if got != tc.want || domain.RAG(sql) != tc.want {
				t.Errorf("Go rates %q and SQL %q, want %q", got, sql, tc.want)
			}
		})
	}
	// No target is not rated, in Go as the query's LEFT JOIN leaves it in SQL.
	if got := domain.Rate(num(1), nil, domain.PolarityHigher); got != domain.RAGNone {
		t.Errorf("rated %q without a target", got)
	}
}

func TestYearToDateAgreesWithItsSQLFunction(t *testing.T) {
	t.Parallel()
	st, err := store.Open(context.Background(), testdb.URL(t))
	must(t, err)
	t.Cleanup(st.Close)
	for _, tc := range []struct {
		name string
		rule domain.YTDRule
		sums domain.YearSums
		want *float64
	}{
		{"a sum is the year's total", domain.YTDSum, domain.YearSums{Total: 333, Cells: 9, Last: num(40)}, num(333)},
		{"a sum of nothing yet is zero", domain.YTDSum, domain.YearSums{}, num(0)},
		{"a mean is the total over every figure", domain.YTDMean, domain.YearSums{Total: 94, Cells: 4, Last: num(30)}, num(23.5)},
		{"a mean of thirds", domain.YTDMean, domain.YearSums{Total: 10, Cells: 3}, num(10.0 / 3)},
		{"a mean without figures is not known", domain.YTDMean, domain.YearSums{Total: 0, Cells: 0}, nil},
		{"latest is the last date's figure", domain.YTDLatest, domain.YearSums{Total: 900, Cells: 12, Last: num(412)}, num(412)},
		{"latest without a last figure is not known", domain.YTDLatest, domain.YearSums{Total: 900, Cells: 12}, nil},
		{"a ratio is its numerator sum over its denominator sum", domain.YTDRatio, domain.YearSums{Total: 27, Denominator: num(200)}, num(13.5)},
		{"a ratio of thirds", domain.YTDRatio, domain.YearSums{Total: 1, Denominator: num(3)}, num(100.0 / 3)},
		{"a ratio over zero is not known", domain.YTDRatio, domain.YearSums{Total: 5, Denominator: num(0)}, nil},
		{"a ratio without a denominator is not known", domain.YTDRatio, domain.YearSums{Total: 5}, nil},
		{"an unknown rule forms nothing", "median", domain.YearSums{Total: 5, Cells: 1, Last: num(5)}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.rule.YearToDate(tc.sums)
			var sql *float64
			// As the queries call it on indicator_years' numeric columns.
			err := st.Pool().QueryRow(context.Background(),
				`SELECT year_to_date($1, $2::numeric, $3, $4::numeric, $5::numeric)::float8`,
				string(tc.rule), decimalText(tc.sums.Total), tc.sums.Cells, decimalPtrText(tc.sums.Last), decimalPtrText(tc.sums.Denominator)).Scan(&sql)
			must(t, err)
			// SQL divides in numeric, Go in float64: the same to the last digit
			// or two of a float64.
			if !sameFigure(got, tc.want) || !sameFigure(sql, got) {
				t.Errorf("Go forms %v and SQL %v, want %v", show(got), show(sql), show(tc.want))
			}
		})
	}
}

// decimalText writes a float as the decimal it was stored as, for a numeric column.
func decimalText(v float64) string { return fmt.Sprint(v) }

func decimalPtrText(v *float64) *string {
	if v == nil {
		return nil
	}
	s := decimalText(*v)
	return &s
}

func sameFigure(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return math.Abs(*a-*b) <= 1e-12*math.Max(1, math.Abs(*b))
}
