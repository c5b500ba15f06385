package web

import (
	"fmt"
	"strings"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// A section 4 indicator's breakdowns as tables: cross-tables with their
// totals, and the options by month, with shares.

// totalLabel names a total: "Total", or "All" for a mean.
func (b perfBuilder) totalLabel() string {
	if b.mean() {
		return "All"
	}
	return "Total"
}

// subTotalLabel names a sub-total of an option, like "Neglect total", or
// "Neglect, all" for a mean.
func (b perfBuilder) subTotalLabel(label string) string {
	if b.mean() {
		return label + ", all"
	}
	return label + " total"
}

// shareHeader heads the share column: the share of the breakdown's total,
// or of the share base.
func (b perfBuilder) shareHeader() templates.SectionPerfCell {
	if b.shareBase != "" {
		return colHeader("Share of "+b.shareBase, true)
	}
	return colHeader("Share", true)
}

// adds reports whether the figure over the options (0: every option of a
// breakdown) may be shown: it adds up no overlapping breakdown's options.
func (b perfBuilder) adds(o1, o2, o3 int64) bool {
	return domain.AddsUpOver(b.ip.Dimensions, [domain.MaxDimensions]int64{o1, o2, o3})
}

func (b perfBuilder) total(br *store.Breakdown, o1, o2, o3 int64, isTotal bool) templates.SectionPerfCell {
	t, ok := br.Total(o1, o2, o3)
	if !ok {
		return b.value(nil, isTotal)
	}
	return b.value(&t.Value, isTotal)
}

func (b perfBuilder) share(br *store.Breakdown, o1, o2, o3 int64) templates.SectionPerfCell {
	if b.shareBase != "" && o1 == 0 && o2 == 0 && o3 == 0 {
		// The options may overlap (a conference can have several causes), so
		// their total's share of another indicator means nothing: left blank.
		return templates.SectionPerfCell{Numeric: true}
	}
	t, ok := br.Total(o1, o2, o3)
	if !ok || t.Share == nil {
		return templates.SectionPerfCell{Numeric: true, Missing: true}
	}
	return templates.SectionPerfCell{Numeric: true, Text: b.formatIn(domain.UnitPercentage, 1, *t.Share), Exact: *t.Share, IsFigure: true}
}

// when says what a breakdown's figures are: a period's total or average, or
// a snapshot at a date.
func (b perfBuilder) when(br *store.Breakdown) string {
	if br.On != nil {
		return "at " + templates.Date(*br.On)
	}
	if b.ip.YTDRule == domain.YTDMean {
		return br.Label + ", average"
	}
	return br.Label
}

func dimensionNames(dims []domain.Dimension) string {
	var names []string
	for _, d := range dims {
		names = append(names, strings.ToLower(d.Name))
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// crossTable is a breakdown as a cross-table with its totals (seed tables
// 1–2): rows are the options of the first dimension; columns the options of
// the second, each split by the third with a sub-total, and a grand total.
func (b perfBuilder) crossTable(br *store.Breakdown) templates.SectionPerfTable {
	ip := b.ip
	dims := br.Dimensions
	t := templates.SectionPerfTable{
		Code: ip.Code, Caption: b.caption(fmt.Sprintf("%s %s, by %s", ip.Name, b.when(br), dimensionNames(dims))),
		TestID: fmt.Sprintf("breakdown-%s-%d", ip.Code, br.Year),
	}
	first := dims[0]
	switch len(dims) {
	case 1:
		if b.mean() {
			// A mean has no shares: each option's average and the average of all.
			t.Head = [][]templates.SectionPerfCell{{colHeader(first.Name, false), colHeader("Average", true)}}
			for _, o := range first.Options {
				t.Body = append(t.Body, []templates.SectionPerfCell{rowHeader(o.Label, false), b.total(br, o.ID, 0, 0, false)})
			}
			if b.adds(0, 0, 0) {
				t.Body = append(t.Body, []templates.SectionPerfCell{rowHeader(b.totalLabel(), true), b.total(br, 0, 0, 0, true)})
			}
			break
		}
		t.Head = [][]templates.SectionPerfCell{{colHeader(first.Name, false), colHeader("Number", true), b.shareHeader()}}
		for _, o := range first.Options {
			t.Body = append(t.Body, []templates.SectionPerfCell{rowHeader(o.Label, false), b.total(br, o.ID, 0, 0, false), b.share(br, o.ID, 0, 0)})
		}
		if b.adds(0, 0, 0) {
			t.Body = append(t.Body, []templates.SectionPerfCell{rowHeader("Total", true), b.total(br, 0, 0, 0, true), b.share(br, 0, 0, 0)})
		}
	case 2:
		head := []templates.SectionPerfCell{colHeader(first.Name, false)}
		for _, o2 := range dims[1].Options {
			head = append(head, colHeader(o2.Label, true))
		}
		totalColumn := b.adds(1, 0, 0) // the second breakdown's options add up
		if totalColumn {
			head = append(head, colHeader(b.totalLabel(), true))
		}
		t.Head = [][]templates.SectionPerfCell{head}
		rows := first.Options
		if b.adds(0, 1, 0) { // the first breakdown's options add up
			rows = append(rows[:len(rows):len(rows)], domain.DimensionOption{Label: b.totalLabel()})
		}
		for _, o1 := range rows {
			isTotal := o1.ID == 0
			row := []templates.SectionPerfCell{rowHeader(o1.Label, isTotal)}
			for _, o2 := range dims[1].Options {
				row = append(row, b.total(br, o1.ID, o2.ID, 0, isTotal))
			}
			if totalColumn && b.adds(o1.ID, 0, 0) {
				row = append(row, b.total(br, o1.ID, 0, 0, true))
			}
			t.Body = append(t.Body, row)
		}
	default:
		// The third dimension's options shown in each group of the second:
		// those with a figure (like the seed, which shows U/K only for 0-5).
		// Sub-totals over the third breakdown, and the grand column over the
		// second and third, only where those options add up.
		subTotals, grandColumn := b.adds(1, 1, 0), b.adds(1, 0, 0)
		shown := make([][]domain.DimensionOption, len(dims[1].Options))
		top := []templates.SectionPerfCell{{Text: first.Name, Header: true, Scope: "col", RowSpan: 2}}
		var second []templates.SectionPerfCell
		for k, o2 := range dims[1].Options {
			for _, o3 := range dims[2].Options {
				if _, ok := br.Total(0, o2.ID, o3.ID); ok {
					shown[k] = append(shown[k], o3)
				}
			}
			span := len(shown[k])
			for _, o3 := range shown[k] {
				second = append(second, colHeader(o3.Label, true))
			}
			if subTotals {
				second = append(second, colHeader(b.subTotalLabel(o2.Label), true))
				span++
			}
			top = append(top, templates.SectionPerfCell{Text: o2.Label, Header: true, Scope: "colgroup", ColSpan: span})
		}
		grand := "Grand total"
		if b.mean() {
			grand = "All"
		}
		if grandColumn {
			top = append(top, templates.SectionPerfCell{Text: grand, Header: true, Scope: "col", RowSpan: 2, Numeric: true})
		}
		t.Head = [][]templates.SectionPerfCell{top, second}
		rows := first.Options
		if b.adds(0, 1, 1) { // the first breakdown's options add up
			rows = append(rows[:len(rows):len(rows)], domain.DimensionOption{Label: grand})
		}
		for _, o1 := range rows {
			isTotal := o1.ID == 0
			row := append(make([]templates.SectionPerfCell, 0, len(second)+2), rowHeader(o1.Label, isTotal))
			for k, o2 := range dims[1].Options {
				for _, o3 := range shown[k] {
					row = append(row, b.total(br, o1.ID, o2.ID, o3.ID, isTotal))
				}
				if subTotals {
					row = append(row, b.total(br, o1.ID, o2.ID, 0, true))
				}
			}
			if grandColumn {
				row = append(row, b.total(br, o1.ID, 0, 0, true))
			}
			t.Body = append(t.Body, row)
		}
	}
	return t
}

// byDateTable is a monthly (or quarterly) breakdown by date: the options of
// the first dimension (and, for two dimensions, of the second within each,
// with a sub-total) by month, with the period's figure and share (seed
// tables 3 and 4). Three dimensions are crossed in crossTable.
func (b perfBuilder) byDateTable(br *store.Breakdown) templates.SectionPerfTable {
	ip := b.ip
	p := periodAt(b.period, br.Year)
	dates := ip.Dates(p)
	dims := br.Dimensions
	names := dims[0].Name
	if len(dims) == 2 {
		names += " and " + strings.ToLower(dims[1].Name)
	}
	t := templates.SectionPerfTable{
		Code: ip.Code, Caption: b.caption(fmt.Sprintf("%s by %s and month, %s", ip.Name, strings.ToLower(names), br.Label)),
		TestID: fmt.Sprintf("by-date-%s-%d", ip.Code, br.Year),
	}
	head := []templates.SectionPerfCell{colHeader(names, false)}
	for _, d := range dates {
		head = append(head, colHeader(b.dateLabel(d, p), true))
	}
	periodLabel := "Total"
	switch {
	case br.On != nil:
		periodLabel = "At " + templates.Date(*br.On)
	case ip.YTDRule == domain.YTDMean:
		periodLabel = "Average"
	}
	head = append(head, colHeader(periodLabel, true))
	if !b.mean() {
		head = append(head, b.shareHeader())
	}
	t.Head = [][]templates.SectionPerfCell{head}
	line := func(label string, o1, o2 int64, isTotal bool) []templates.SectionPerfCell {
		row := append(make([]templates.SectionPerfCell, 0, len(dates)+3), rowHeader(label, isTotal))
		for _, d := range dates {
			row = append(row, b.value(br.AtDate(d, o1, o2), isTotal))
		}
		row = append(row, b.total(br, o1, o2, 0, true))
		if b.mean() {
			return row // a mean has no shares
		}
		return append(row, b.share(br, o1, o2, 0))
	}
	for _, o1 := range dims[0].Options {
		if len(dims) != 2 {
			t.Body = append(t.Body, line(o1.Label, o1.ID, 0, false))
			continue
		}
		for _, o2 := range dims[1].Options {
			if _, ok := br.Total(o1.ID, o2.ID, 0); ok {
				t.Body = append(t.Body, line(o1.Label+", "+o2.Label, o1.ID, o2.ID, false))
			}
		}
		if b.adds(o1.ID, 0, 0) { // no sub-total over overlapping options
			t.Body = append(t.Body, line(b.subTotalLabel(o1.Label), o1.ID, 0, true))
		}
	}
	if b.adds(0, 0, 0) { // nor a total
		t.Body = append(t.Body, line(b.totalLabel(), 0, 0, true))
	}
	return t
}

// periodAt is the period of the given year as long as p (2008 for 2008/09).
func periodAt(p domain.Period, year int) domain.Period {
	k := year - p.StartsOn.Year()
	if k == 0 {
		return p
	}
	q := domain.PeriodForYear(year)
	q.StartsOn, q.EndsOn = p.StartsOn.AddDate(k, 0, 0), p.EndsOn.AddDate(k, 0, 0)
	return q
}
