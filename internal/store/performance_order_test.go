package store

import (
	"slices"
	"testing"
	"time"
)

// TestFiguresByDateAreFiledInDateOrderHoweverTheyCome: the figures query
// sorts its rows once before aggregating them, which PostgreSQL keeps in
// practice but does not promise; a row out of order is sorted, every array
// alike.
func TestFiguresByDateAreFiledInDateOrderHoweverTheyCome(t *testing.T) {
	day := func(m time.Month) time.Time { return time.Date(2009, m, 1, 0, 0, 0, 0, time.UTC) }
	den := 7.0
	f := figureRow{
		dates:   []time.Time{day(time.June), day(time.April), day(time.May)},
		figures: []float64{6, 4, 5},
		totals:  []float64{60, 40, 50},
		cells:   []int32{3, 1, 2},
		dens:    []*float64{nil, &den, nil},
	}
	f.inDateOrder()
	if !slices.Equal(f.dates, []time.Time{day(time.April), day(time.May), day(time.June)}) ||
		!slices.Equal(f.figures, []float64{4, 5, 6}) || !slices.Equal(f.totals, []float64{40, 50, 60}) ||
		!slices.Equal(f.cells, []int32{1, 2, 3}) || f.dens[0] != &den || f.dens[1] != nil || f.dens[2] != nil {
		t.Errorf("sorted %+v", f)
	}
}
