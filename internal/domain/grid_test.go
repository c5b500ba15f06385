package domain

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestASavedGridChangesOnlyWhatWasTypedAndKeepsOthersChanges(t *testing.T) {
	april, may := time.Date(2009, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2009, 5, 1, 0, 0, 0, 0, time.UTC)
	n := func(v float64) *float64 { return &v }
	ind := Indicator{ID: 1, Code: "NUM", Unit: UnitCount, Dimensions: []Dimension{{ID: 7}}}
	cell := func(id int64, on time.Time, option int64) Cell {
		return Cell{IndicatorID: id, On: on, Options: [MaxDimensions]int64{option}}
	}
	edit := func(on time.Time, option int64, shown, typed *float64) GridEdit {
		return GridEdit{Cell: cell(1, on, option), Shown: shown, Typed: typed}
	}
	saved := func(id int64, on time.Time, option int64, v float64) CellValue {
		return CellValue{Cell: cell(id, on, option), Value: n(v)}
	}
	// The denominator, broken down alike, holds 10 in April for option 70.
	denominator := RatioPart{RatioCode: "PCT", IsNumerator: true,
		Other: Indicator{ID: 2, Code: "DEN", Dimensions: []Dimension{{ID: 7}}}, OtherSaved: []CellValue{saved(2, april, 70, 10)}}
	unlike := denominator
	unlike.Other.Dimensions = []Dimension{{ID: 8}}
	// The numerator holds 3 in April for option 70, against which this indicator is the denominator.
	numerator := RatioPart{RatioCode: "PCT", IsNumerator: false,
		Other: Indicator{ID: 3, Code: "NUM2", Dimensions: []Dimension{{ID: 7}}}, OtherSaved: []CellValue{saved(3, april, 70, 3)}}
	for _, tc := range []struct {
		name      string
		edits     []GridEdit
		saved     []CellValue
		parts     []RatioPart
		changes   string // date:option=value, in order
		clashes   string
		conflicts string
	}{
		{"a figure typed as it was shown is no change",
			[]GridEdit{edit(april, 70, n(5), n(5)), edit(may, 70, nil, nil)}, []CellValue{saved(1, april, 70, 5)}, nil, "", "", ""},
		{"a new figure, a changed one and a cleared one are changes",
			[]GridEdit{edit(april, 70, nil, n(0)), edit(may, 70, n(4), n(6)), edit(may, 71, n(2), nil)},
			[]CellValue{saved(1, may, 70, 4), saved(1, may, 71, 2)}, nil, "04:70=0 05:70=6 05:71=blank", "", ""},
		{"a cell someone else changed since the page was read conflicts",
			[]GridEdit{edit(april, 70, n(5), n(6)), edit(may, 70, n(4), n(7))},
			[]CellValue{saved(1, april, 70, 9), saved(1, may, 70, 4)}, nil, "04:70=6 05:70=7", "", "04:70 saved 9, typed 6"},
		{"a cell someone else filled since it was shown blank conflicts",
			[]GridEdit{edit(april, 70, nil, n(6))}, []CellValue{saved(1, april, 70, 2)}, nil, "04:70=6", "", "04:70 saved 2, typed 6"},
		{"a cell someone else cleared since it was shown conflicts",
			[]GridEdit{edit(april, 70, n(5), n(6))}, nil, nil, "04:70=6", "", "04:70 saved blank, typed 6"},
		{"someone else's change to a cell not changed here is kept, no conflict",
			[]GridEdit{edit(april, 70, n(5), n(5)), edit(may, 70, nil, n(1))}, []CellValue{saved(1, april, 70, 8)}, nil, "05:70=1", "", ""},
		{"a numerator over its denominator clashes",
			[]GridEdit{edit(april, 70, nil, n(11)), edit(april, 71, nil, n(11))}, nil, []RatioPart{denominator}, "04:70=11 04:71=11", "04:70 PCT limit 10", ""},
		{"a numerator equal to its denominator is allowed",
			[]GridEdit{edit(april, 70, nil, n(10))}, nil, []RatioPart{denominator}, "04:70=10", "", ""},
		{"a denominator under its numerator clashes",
			[]GridEdit{edit(april, 70, nil, n(2))}, nil, []RatioPart{numerator}, "04:70=2", "04:70 PCT limit 3", ""},
		{"a cleared part never clashes",
			[]GridEdit{edit(april, 70, n(4), nil)}, []CellValue{saved(1, april, 70, 4)}, []RatioPart{numerator}, "04:70=blank", "", ""},
		{"parts broken down differently are not compared cell by cell",
			[]GridEdit{edit(april, 70, nil, n(11))}, nil, []RatioPart{unlike}, "04:70=11", "", ""},
		{"a clash is named once, not as a conflict too",
			[]GridEdit{edit(april, 70, n(1), n(11))}, []CellValue{saved(1, april, 70, 2)}, []RatioPart{denominator, denominator}, "04:70=11", "04:70 PCT limit 10", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := CheckGridSave(ind, tc.edits, tc.saved, tc.parts)
			if got := describeCells(g.Changes); got != tc.changes {
				t.Errorf("changes %q, want %q", got, tc.changes)
			}
			var clashes, conflicts []string
			for _, c := range g.Clashes {
				clashes = append(clashes, fmt.Sprintf("%s %s limit %g", place(c.Cell), c.Part.RatioCode, c.Limit))
			}
			for _, c := range g.Conflicts {
				conflicts = append(conflicts, fmt.Sprintf("%s saved %s, typed %s", place(c.Cell), figure(c.Saved), figure(c.Typed)))
			}
			if got := strings.Join(clashes, "; "); got != tc.clashes {
				t.Errorf("clashes %q, want %q", got, tc.clashes)
			}
			if got := strings.Join(conflicts, "; "); got != tc.conflicts {
				t.Errorf("conflicts %q, want %q", got, tc.conflicts)
			}
			if g.Refused() != (tc.clashes != "" || tc.conflicts != "") {
				t.Errorf("refused %t", g.Refused())
			}
			// The store must find what the page showed for each change.
			for i, ch := range g.Changes {
				for _, e := range tc.edits {
					if e.Cell == ch.Cell && !sameFigure(e.Shown, g.Expected[i].Value) {
						t.Errorf("expected %s for %s, want %s as shown", figure(g.Expected[i].Value), place(ch.Cell), figure(e.Shown))
					}
				}
			}
		})
	}
}

func place(c Cell) string { return fmt.Sprintf("%s:%d", c.On.Format("01"), c.Options[0]) }

func figure(v *float64) string {
	if v == nil {
		return "blank"
	}
	return fmt.Sprintf("%g", *v)
}

func describeCells(list []CellValue) string {
	var out []string
	for _, c := range list {
		out = append(out, place(c.Cell)+"="+figure(c.Value))
	}
	return strings.Join(out, " ")
}
