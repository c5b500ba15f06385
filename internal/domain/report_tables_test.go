package domain

import (
	"slices"
	"testing"
)

func TestIndicatorsArePlacedHiddenFedIntoRatiosOrLandAtTheEnd(t *testing.T) {
	t.Parallel()
	num, den := int64(2), int64(3)
	inds := []Indicator{
		{ID: 1, Code: "CPP"},
		{ID: 2, Code: "NI65N"},
		{ID: 3, Code: "NI65D"},
		{ID: 4, Code: "NI65", YTDRule: YTDRatio, NumeratorID: &num, DenominatorID: &den},
		{ID: 5, Code: "NEW"},
		{ID: 6, Code: "HID"},
	}
	blocks := []PerfBlock{
		{Kind: PerfHeading, Title: "1"},
		{Kind: PerfTable, Title: "T1", IndicatorIDs: []int64{1}},
		{Kind: PerfTable, Title: "T2", IndicatorIDs: []int64{4, 3, 99}},
	}
	places, atEnd := PlacePerfIndicators(blocks, inds, map[int64]bool{6: true})
	if !slices.Equal(atEnd, []int64{5}) {
		t.Errorf("at the end: %v, want only the new indicator", atEnd)
	}
	for id, want := range map[int64]PerfPlace{
		1: {Blocks: []int{1}},
		2: {PartOf: []int64{4}},
		3: {Blocks: []int{2}, PartOf: []int64{4}},
		4: {Blocks: []int{2}},
		5: {AtEnd: true},
		6: {Hidden: true},
	} {
		got := places[id]
		if !slices.Equal(got.Blocks, want.Blocks) || !slices.Equal(got.PartOf, want.PartOf) || got.AtEnd != want.AtEnd || got.Hidden != want.Hidden {
			t.Errorf("indicator %d: %+v, want %+v", id, got, want)
		}
	}
	if got := ShownIn(blocks[2], map[int64]bool{3: true}); !slices.Equal(got, []int64{4, 99}) {
		t.Errorf("shown in table 2: %v", got)
	}
	// Without blocks, everything but the ratio's parts and the hidden lands at the end.
	if _, atEnd := PlacePerfIndicators(nil, inds, map[int64]bool{6: true}); !slices.Equal(atEnd, []int64{1, 4, 5}) {
		t.Errorf("without blocks: %v", atEnd)
	}
}

func TestABlockIsCheckedByItsKind(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		block PerfBlock
		field string // "" when fine
	}{
		{"a sub-heading needs words", PerfBlock{Kind: PerfHeading}, "title"},
		{"a sub-heading with words is fine", PerfBlock{Kind: PerfHeading, Title: "1.)"}, ""},
		{"text needs text", PerfBlock{Kind: PerfText}, "body"},
		{"a table needs a caption", PerfBlock{Kind: PerfTable, Layout: LayoutIndicators}, "title"},
		{"a table needs a layout", PerfBlock{Kind: PerfTable, Title: "T"}, "layout"},
		{"one indicator's table takes one", PerfBlock{Kind: PerfTable, Title: "T", Layout: LayoutIndicator, Shows: ShowsYear, IndicatorIDs: []int64{1, 2}}, "indicators"},
		{"one indicator's table says what it shows", PerfBlock{Kind: PerfTable, Title: "T", Layout: LayoutIndicator, IndicatorIDs: []int64{1}}, "shows"},
		{"a table without indicators is fine: not available", PerfBlock{Kind: PerfTable, Title: "T", Layout: LayoutIndicators}, ""},
		{"an unknown kind is refused", PerfBlock{Kind: "chart"}, "kind"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			errs := CheckPerfBlock(tc.block)
			if tc.field == "" && len(errs) > 0 || tc.field != "" && errs.For(tc.field) == "" {
				t.Errorf("errors %v, want one for %q", errs, tc.field)
			}
		})
	}
}
