package web

import (
	"context"
	"fmt"
	"strings"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// Section 4 laid out as the manager composed it (issue 13): sub-headings,
// free text and report tables in the manager's order, then the indicators
// not yet placed, each at the end in a table of its own. A period with no
// blocks at all is laid out by theme, as the dashboard groups indicators.

// perfComposition is what the manager chose for a period's section 4.
type perfComposition struct {
	blocks []domain.PerfBlock
	hidden map[int64]bool
	// every lays out every indicator by theme with all its tables, ratio
	// parts and hidden ones too: the data appendix.
	every bool
	// text renders a text a person wrote, its references to figures
	// resolved; nil leaves it as written.
	text func(string) string
}

func (s *Server) perfComposition(ctx context.Context, period domain.Period) (perfComposition, error) {
	blocks, hidden, err := s.store.PerfLayout(ctx, period.ID)
	if err != nil {
		return perfComposition{}, err
	}
	return perfComposition{blocks: blocks, hidden: hidden}, nil
}

func (c perfComposition) render(text string) string {
	if c.text == nil {
		return text
	}
	return c.text(text)
}

// perfReportView lays out section 4: the manager's blocks in order, the
// sub-headings numbered 4.1, 4.2…, then each indicator not yet placed (or,
// without blocks, every indicator by theme) with its tables; and numbers
// every table Table 1…N in order.
func perfReportView(perf *store.Performance, c perfComposition) templates.SectionPerfView {
	v := templates.SectionPerfView{Period: perf.Period}
	formats := map[formatKey]string{}
	at := make(map[int64]int, len(perf.Indicators))
	codes := make(map[int64]string, len(perf.Indicators))
	inds := make([]domain.Indicator, len(perf.Indicators))
	for i, ip := range perf.Indicators {
		at[ip.ID], codes[ip.ID], inds[i] = i, ip.Code, ip.Indicator
	}
	builder := func(ip store.IndicatorPerformance) perfBuilder {
		b := perfBuilder{ip: ip, period: perf.Period, formats: formats, provisional: len(ip.ProvisionalBy) > 0 && !ip.Withheld}
		if ip.ShareBaseID != nil {
			b.shareBase = codes[*ip.ShareBaseID]
		}
		return b
	}
	indicator := func(ip store.IndicatorPerformance, number string) templates.SectionPerfIndicator {
		out := builder(ip).indicator(number)
		out.Commentary = c.render(out.Commentary)
		return out
	}
	if c.every || len(c.blocks) == 0 {
		_, atEnd := domain.PlacePerfIndicators(nil, inds, c.hidden)
		shown := map[int64]bool{}
		for _, id := range atEnd {
			shown[id] = true
		}
		for _, theme := range perf.Themes() {
			pt := templates.SectionPerfTheme{Name: theme.Name}
			for _, ip := range theme.Indicators {
				if c.every || shown[ip.ID] {
					pt.Indicators = append(pt.Indicators, indicator(ip, ""))
				}
			}
			if len(pt.Indicators) > 0 {
				v.Themes = append(v.Themes, pt)
			}
		}
		numberPerfView(&v)
		return v
	}

	_, atEnd := domain.PlacePerfIndicators(c.blocks, inds, c.hidden)
	commented := map[int64]bool{} // indicators whose commentary is already shown
	group := templates.SectionPerfTheme{}
	for _, blk := range c.blocks {
		switch blk.Kind {
		case domain.PerfHeading:
			if len(group.Blocks) > 0 || group.Name != "" {
				v.Themes = append(v.Themes, group)
			}
			group = templates.SectionPerfTheme{Name: blk.Title}
		case domain.PerfText:
			group.Blocks = append(group.Blocks, templates.SectionPerfBlock{Markdown: c.render(blk.Body)})
		case domain.PerfTable:
			var ips []store.IndicatorPerformance
			for _, id := range domain.ShownIn(blk, c.hidden) {
				if k, ok := at[id]; ok {
					ips = append(ips, perf.Indicators[k])
				}
			}
			out := templates.SectionPerfBlock{Table: reportTable(blk, ips, builder, perf.Period)}
			for _, ip := range ips {
				if ip.Commentary != "" && !commented[ip.ID] {
					commented[ip.ID] = true
					out.Commentary = append(out.Commentary, c.render(ip.Commentary))
				}
			}
			group.Blocks = append(group.Blocks, out)
		}
	}
	for _, id := range atEnd {
		group.Indicators = append(group.Indicators, indicator(perf.Indicators[at[id]], ""))
	}
	if len(group.Blocks) > 0 || group.Name != "" || len(group.Indicators) > 0 {
		v.Themes = append(v.Themes, group)
	}
	numberPerfView(&v)
	return v
}

// numberPerfView numbers the sub-headings 4.1, 4.2…, the indicators under
// them 4.1.1…, and every table Table 1…N in the order they come.
func numberPerfView(v *templates.SectionPerfView) {
	n, tables := 0, 0
	number := func(t *templates.SectionPerfTable) {
		tables++
		t.Caption = fmt.Sprintf("Table %d: %s", tables, t.Caption)
	}
	for i := range v.Themes {
		t := &v.Themes[i]
		prefix := "4"
		if t.Name != "" {
			n++
			t.Number, t.ID = fmt.Sprintf("4.%d", n), fmt.Sprintf("theme-%d", n)
			prefix = t.Number
		}
		for j := range t.Blocks {
			if tbl := t.Blocks[j].Table; tbl != nil {
				number(tbl)
			}
		}
		for j := range t.Indicators {
			ind := &t.Indicators[j]
			ind.Number = fmt.Sprintf("%s.%d", prefix, j+1)
			for k := range ind.Tables {
				number(&ind.Tables[k])
			}
		}
	}
}

// reportTable is one of the manager's report tables. A table whose
// indicators have no figures for what it shows says the figures are not
// available for the year, under its caption.
func reportTable(blk domain.PerfBlock, ips []store.IndicatorPerformance, builder func(store.IndicatorPerformance) perfBuilder, p domain.Period) *templates.SectionPerfTable {
	unavailable := &templates.SectionPerfTable{Caption: blk.Title, TestID: fmt.Sprintf("report-table-%d", blk.ID),
		Unavailable: "The figures are not available for " + p.Label + "."}
	var codes []string
	for _, ip := range ips {
		codes = append(codes, ip.Code)
	}
	unavailable.Code = strings.Join(codes, ", ")
	if len(ips) == 0 {
		return unavailable
	}
	var t templates.SectionPerfTable
	if blk.Layout == domain.LayoutIndicators {
		if !anyFigures(ips) {
			return unavailable
		}
		t = byMonthTable(ips, builder, p)
	} else {
		var ok bool
		if t, ok = oneIndicatorTable(builder(ips[0]), blk.Shows); !ok {
			return unavailable
		}
	}
	t.Caption, t.Code = blk.Title, unavailable.Code
	return &t
}

func anyFigures(ips []store.IndicatorPerformance) bool {
	for _, ip := range ips {
		if ip.YTD != nil {
			return true
		}
		for _, f := range ip.Figures {
			if f.Value != nil {
				return true
			}
		}
	}
	return false
}

// oneIndicatorTable is the table of one indicator that shows asks for, and
// false when the indicator has no figures for it.
func oneIndicatorTable(b perfBuilder, shows domain.PerfShows) (templates.SectionPerfTable, bool) {
	ip := b.ip
	breakdown := func(br *store.Breakdown) (templates.SectionPerfTable, bool) {
		if br == nil {
			return templates.SectionPerfTable{}, false
		}
		if br.HasDates() && (ip.Frequency == domain.FrequencyMonthly || ip.Frequency == domain.FrequencyQuarterly) {
			return b.byDateTable(br), true
		}
		return b.crossTable(br), true
	}
	switch shows {
	case domain.ShowsPrevious:
		return breakdown(ip.PreviousBreakdown)
	case domain.ShowsYears:
		if len(ip.Years) == 0 {
			return templates.SectionPerfTable{}, false
		}
		return b.yearsTable(), true
	case domain.ShowsComparators:
		if len(ip.Comparators) == 0 {
			return templates.SectionPerfTable{}, false
		}
		return b.comparatorsTable(), true
	}
	if len(ip.Dimensions) > 0 {
		return breakdown(ip.Breakdown)
	}
	if !anyFigures([]store.IndicatorPerformance{ip}) {
		return templates.SectionPerfTable{}, false
	}
	return b.figuresTable(), true
}

// byMonthTable is several indicators by month (seed table 5): a row per
// indicator with its target, its figure in each month of the period, its
// year to date and its rating. A quarter's figure stands under the quarter's
// last month, a snapshot's under its month; a yearly figure has only its
// year to date.
func byMonthTable(ips []store.IndicatorPerformance, builder func(store.IndicatorPerformance) perfBuilder, p domain.Period) templates.SectionPerfTable {
	head := []templates.SectionPerfCell{colHeader("Indicator", false), colHeader("Target", true)}
	months := make([]time.Time, 0, 12)
	for m := p.StartsOn; !m.After(p.EndsOn); m = m.AddDate(0, 1, 0) {
		months = append(months, m)
		head = append(head, colHeader(m.Format("Jan"), true))
	}
	head = append(head, colHeader("Year to date", true), colHeader("Status", false))
	t := templates.SectionPerfTable{TestID: "by-month-" + ips[0].Code, Head: [][]templates.SectionPerfCell{head}}
	for _, ip := range ips {
		b := builder(ip)
		row := []templates.SectionPerfCell{rowHeader(ip.Name, false)}
		if ip.Target != nil {
			row = append(row, templates.SectionPerfCell{Numeric: true, Text: ip.Target.String(ip.Unit)})
		} else {
			row = append(row, templates.SectionPerfCell{Numeric: true, Text: "None"})
		}
		byMonth := make([]*float64, len(months))
		// an overlapping breakdown's sums by month are no figures
		if ip.Frequency != domain.FrequencyYearly && !ip.Overlaps() {
			for _, f := range ip.Figures {
				on := f.On
				if ip.Frequency == domain.FrequencyQuarterly {
					on = on.AddDate(0, 2, 0)
				}
				k := (on.Year()-p.StartsOn.Year())*12 + int(on.Month()) - int(p.StartsOn.Month())
				if k >= 0 && k < len(months) && f.Value != nil {
					byMonth[k] = f.Value
				}
			}
		}
		for _, v := range byMonth {
			row = append(row, b.value(v, false))
		}
		rag := ip.RAG
		ytd := b.value(ip.YTD, true)
		if ip.YTD != nil && ip.YTDRule != domain.YTDSum && ip.YTDRule != domain.YTDRatio {
			// Not a year to date: the latest figure, or the average, says so.
			ytd.Text += " (" + strings.ToLower(b.ytdLabel()) + ")"
		}
		if ip.Overlaps() {
			ytd = templates.SectionPerfCell{Numeric: true, Text: "No total"}
		}
		row = append(row, ytd, templates.SectionPerfCell{RAG: &rag})
		t.Body = append(t.Body, row)
	}
	return t
}
