package web

import (
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// The report's section 4, the performance information: every indicator by
// theme with its figures by month, year to date, target and RAG, its
// breakdowns with their totals, earlier years and comparators, and the
// manager's commentary. The store computes every figure (store.Performance,
// three queries); this file only lays the figures out in tables.

func (s *Server) mountPerformanceReport(r chi.Router) {
	r.Get("/performance", s.performanceSection)
}

func (s *Server) performanceSection(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	perf, err := s.store.Performance(r.Context(), *period)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view := perfReportView(perf)
	title := "Section 4: safeguarding activity and performance information, " + period.Label
	s.render(w, r, http.StatusOK, templates.PerformanceSection(s.page(r, title, ""), view))
}

// perfReportView numbers the themes (4.1), indicators (4.1.1) and tables
// (Table 1, 2, …) and builds each indicator's tables.
func perfReportView(perf *store.Performance) templates.SectionPerfView {
	v := templates.SectionPerfView{Period: perf.Period}
	tables := 0
	formats := map[formatKey]string{}
	codes := make(map[int64]string, len(perf.Indicators))
	for _, ip := range perf.Indicators {
		codes[ip.ID] = ip.Code
	}
	for t, theme := range perf.Themes() {
		pt := templates.SectionPerfTheme{Number: fmt.Sprintf("4.%d", t+1), ID: fmt.Sprintf("theme-%d", t+1), Name: theme.Name}
		for k, ip := range theme.Indicators {
			b := perfBuilder{ip: ip, period: perf.Period, tables: &tables, formats: formats}
			if ip.ShareBaseID != nil {
				b.shareBase = codes[*ip.ShareBaseID]
			}
			pt.Indicators = append(pt.Indicators, b.indicator(fmt.Sprintf("%s.%d", pt.Number, k+1)))
		}
		v.Themes = append(v.Themes, pt)
	}
	return v
}

type perfBuilder struct {
	ip      store.IndicatorPerformance
	period  domain.Period
	tables  *int
	formats map[formatKey]string // figures already written, shared by the section's builders
	// shareBase is the code of the indicator the shares are of, or "".
	shareBase string
}

// mean reports whether the indicator's figures are averaged: its totals are
// means of the figures under them, labelled "All", with no shares.
func (b perfBuilder) mean() bool { return b.ip.YTDRule == domain.YTDMean }

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

type formatKey struct {
	unit  domain.Unit
	value float64
}

func (b perfBuilder) indicator(number string) templates.SectionPerfIndicator {
	ip := b.ip
	out := templates.SectionPerfIndicator{Number: number, Code: ip.Code, Name: ip.Name, AgencyName: ip.AgencyName, Commentary: ip.Commentary}
	if ip.Target != nil {
		fact := "Target for " + b.period.Label + ": " + ip.Target.String(ip.Unit)
		if ip.Target.Source != "" {
			fact += " (" + ip.Target.Source + ")"
		}
		out.Facts = append(out.Facts, fact+".")
	}
	if ip.YTD != nil && ip.PreviousYTD != nil && ip.Change != nil {
		out.Facts = append(out.Facts, b.changeFact())
	}
	out.Tables = append(out.Tables, b.figuresTable())
	for _, br := range []*store.Breakdown{ip.PreviousBreakdown, ip.Breakdown} {
		if br == nil {
			continue
		}
		byDate := br.HasDates() && (ip.Frequency == domain.FrequencyMonthly || ip.Frequency == domain.FrequencyQuarterly)
		if byDate {
			out.Tables = append(out.Tables, b.byDateTable(br))
		}
		if !byDate || len(ip.Dimensions) > 1 {
			out.Tables = append(out.Tables, b.crossTable(br))
		}
	}
	if len(ip.Years) > 1 {
		out.Tables = append(out.Tables, b.yearsTable())
	}
	if len(ip.Comparators) > 0 {
		out.Tables = append(out.Tables, b.comparatorsTable())
	}
	return out
}

func (b perfBuilder) caption(text string) string {
	*b.tables++
	return fmt.Sprintf("Table %d: %s", *b.tables, text)
}

func (b perfBuilder) changeFact() string {
	ip := b.ip
	change := *ip.Change
	words := "no change"
	amount := domain.FormatValue(ip.Unit, math.Abs(change))
	if ip.Unit == domain.UnitPercentage {
		amount = strings.TrimSuffix(amount, "%") + " percentage points"
	}
	switch {
	case change > 0:
		words = "up " + amount
	case change < 0:
		words = "down " + amount
	}
	fact := fmt.Sprintf("%s: %s, against %s in %s: %s", b.ytdLabel(), b.format(*ip.YTD), b.format(*ip.PreviousYTD), ip.PreviousLabel, words)
	if ip.Direction == store.DirectionBetter || ip.Direction == store.DirectionWorse {
		fact += " (" + strings.ToLower(ip.Direction.Title()) + ")"
	}
	return fact + "."
}

// ytdLabel names the year-to-date figure by the indicator's rule.
func (b perfBuilder) ytdLabel() string {
	switch b.ip.YTDRule {
	case domain.YTDLatest:
		return "Latest"
	case domain.YTDMean:
		return "Average"
	}
	return "Year to date"
}

// format writes a figure in the indicator's unit. A section writes tens of
// thousands of figures, most of them small whole numbers it has written
// before: each is worked out once.
func (b perfBuilder) format(v float64) string { return b.formatIn(b.ip.Unit, v) }

func (b perfBuilder) formatIn(unit domain.Unit, v float64) string {
	if b.formats == nil {
		return domain.FormatValue(unit, v)
	}
	k := formatKey{unit, v}
	text, ok := b.formats[k]
	if !ok {
		text = domain.FormatValue(unit, v)
		b.formats[k] = text
	}
	return text
}

// value is a figure's cell. A figure that is not a total is shown as "<5"
// from 1 to 4 when the indicator suppresses small counts.
func (b perfBuilder) value(v *float64, total bool) templates.SectionPerfCell {
	if v == nil {
		return templates.SectionPerfCell{Numeric: true, Missing: true}
	}
	c := templates.SectionPerfCell{Numeric: true, Total: total, Text: b.format(*v)}
	if !total && b.ip.SuppressSmall && b.ip.Unit == domain.UnitCount && *v >= 1 && *v <= 4 {
		c.Text = "<5"
	}
	return c
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
	return templates.SectionPerfCell{Numeric: true, Text: b.formatIn(domain.UnitPercentage, *t.Share)}
}

func colHeader(text string, numeric bool) templates.SectionPerfCell {
	return templates.SectionPerfCell{Text: text, Header: true, Scope: "col", Numeric: numeric}
}

func rowHeader(text string, total bool) templates.SectionPerfCell {
	return templates.SectionPerfCell{Text: text, Header: true, Scope: "row", Total: total}
}

// dateLabel names a figure's date in a table's header.
func (b perfBuilder) dateLabel(d time.Time, p domain.Period) string {
	switch b.ip.Frequency {
	case domain.FrequencyMonthly:
		return d.Format("Jan")
	case domain.FrequencyQuarterly:
		return d.Format("Jan") + "–" + d.AddDate(0, 2, 0).Format("Jan")
	case domain.FrequencyYearly:
		return p.Label
	}
	return d.Format("2 Jan 2006")
}

// figuresTable is the period's figures by date with the year to date, the
// target and the RAG (seed table 5).
func (b perfBuilder) figuresTable() templates.SectionPerfTable {
	ip := b.ip
	head := append(make([]templates.SectionPerfCell, 0, len(ip.Figures)+4), colHeader("Year", false))
	row := append(make([]templates.SectionPerfCell, 0, len(ip.Figures)+4), rowHeader(b.period.Label, false))
	breakdownTotals := len(ip.Dimensions) > 0
	for _, f := range ip.Figures {
		head = append(head, colHeader(b.dateLabel(f.On, b.period), true))
		row = append(row, b.value(f.Value, breakdownTotals))
	}
	head = append(head, colHeader(b.ytdLabel(), true), colHeader("Target", true), colHeader("Status", false))
	row = append(row, b.value(ip.YTD, true))
	if ip.Target != nil {
		row = append(row, templates.SectionPerfCell{Numeric: true, Text: ip.Target.String(ip.Unit)})
	} else {
		row = append(row, templates.SectionPerfCell{Numeric: true, Text: "None"})
	}
	rag := ip.RAG
	row = append(row, templates.SectionPerfCell{RAG: &rag})
	what := ""
	switch ip.Frequency {
	case domain.FrequencyMonthly:
		what = " by month"
	case domain.FrequencyQuarterly:
		what = " by quarter"
	case domain.FrequencySnapshot:
		what = " by snapshot date"
	}
	return templates.SectionPerfTable{
		Caption: b.caption(fmt.Sprintf("%s %s, %s%s, with the %s figure and the target", ip.Code, ip.Name, b.period.Label, what, strings.ToLower(b.ytdLabel()))),
		TestID:  "figures-" + ip.Code,
		Head:    [][]templates.SectionPerfCell{head},
		Body:    [][]templates.SectionPerfCell{row},
	}
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
		Caption: b.caption(fmt.Sprintf("%s %s %s, by %s", ip.Code, ip.Name, b.when(br), dimensionNames(dims))),
		TestID:  fmt.Sprintf("breakdown-%s-%d", ip.Code, br.Year),
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
			t.Body = append(t.Body, []templates.SectionPerfCell{rowHeader(b.totalLabel(), true), b.total(br, 0, 0, 0, true)})
			break
		}
		t.Head = [][]templates.SectionPerfCell{{colHeader(first.Name, false), colHeader("Number", true), b.shareHeader()}}
		for _, o := range first.Options {
			t.Body = append(t.Body, []templates.SectionPerfCell{rowHeader(o.Label, false), b.total(br, o.ID, 0, 0, false), b.share(br, o.ID, 0, 0)})
		}
		t.Body = append(t.Body, []templates.SectionPerfCell{rowHeader("Total", true), b.total(br, 0, 0, 0, true), b.share(br, 0, 0, 0)})
	case 2:
		head := []templates.SectionPerfCell{colHeader(first.Name, false)}
		for _, o2 := range dims[1].Options {
			head = append(head, colHeader(o2.Label, true))
		}
		t.Head = [][]templates.SectionPerfCell{append(head, colHeader(b.totalLabel(), true))}
		for _, o1 := range append(first.Options, domain.DimensionOption{Label: b.totalLabel()}) {
			isTotal := o1.ID == 0
			row := []templates.SectionPerfCell{rowHeader(o1.Label, isTotal)}
			for _, o2 := range dims[1].Options {
				row = append(row, b.total(br, o1.ID, o2.ID, 0, isTotal))
			}
			t.Body = append(t.Body, append(row, b.total(br, o1.ID, 0, 0, true)))
		}
	default:
		// The third dimension's options shown in each group of the second:
		// those with a figure (like the seed, which shows U/K only for 0-5).
		shown := make([][]domain.DimensionOption, len(dims[1].Options))
		top := []templates.SectionPerfCell{{Text: first.Name, Header: true, Scope: "col", RowSpan: 2}}
		var second []templates.SectionPerfCell
		for k, o2 := range dims[1].Options {
			for _, o3 := range dims[2].Options {
				if _, ok := br.Total(0, o2.ID, o3.ID); ok {
					shown[k] = append(shown[k], o3)
				}
			}
			top = append(top, templates.SectionPerfCell{Text: o2.Label, Header: true, Scope: "colgroup", ColSpan: len(shown[k]) + 1})
			for _, o3 := range shown[k] {
				second = append(second, colHeader(o3.Label, true))
			}
			second = append(second, colHeader(b.subTotalLabel(o2.Label), true))
		}
		grand := "Grand total"
		if b.mean() {
			grand = "All"
		}
		top = append(top, templates.SectionPerfCell{Text: grand, Header: true, Scope: "col", RowSpan: 2, Numeric: true})
		t.Head = [][]templates.SectionPerfCell{top, second}
		for _, o1 := range append(first.Options, domain.DimensionOption{Label: grand}) {
			isTotal := o1.ID == 0
			row := append(make([]templates.SectionPerfCell, 0, len(second)+2), rowHeader(o1.Label, isTotal))
			for k, o2 := range dims[1].Options {
				for _, o3 := range shown[k] {
					row = append(row, b.total(br, o1.ID, o2.ID, o3.ID, isTotal))
				}
				row = append(row, b.total(br, o1.ID, o2.ID, 0, true))
			}
			t.Body = append(t.Body, append(row, b.total(br, o1.ID, 0, 0, true)))
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
		Caption: b.caption(fmt.Sprintf("%s %s by %s and month, %s", ip.Code, ip.Name, strings.ToLower(names), br.Label)),
		TestID:  fmt.Sprintf("by-date-%s-%d", ip.Code, br.Year),
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
		t.Body = append(t.Body, line(b.subTotalLabel(o1.Label), o1.ID, 0, true))
	}
	t.Body = append(t.Body, line(b.totalLabel(), 0, 0, true))
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

// yearsTable is the figures by month of the last few years (seed tables 6–7).
func (b perfBuilder) yearsTable() templates.SectionPerfTable {
	ip := b.ip
	first, last := ip.Years[0], ip.Years[len(ip.Years)-1]
	head := []templates.SectionPerfCell{colHeader("Year", false)}
	for _, f := range last.Figures {
		head = append(head, colHeader(b.dateLabel(f.On, b.period), true))
	}
	t := templates.SectionPerfTable{
		Caption: b.caption(fmt.Sprintf("%s %s by month, %s to %s", ip.Code, ip.Name, first.Label, last.Label)),
		TestID:  "years-" + ip.Code,
		Head:    [][]templates.SectionPerfCell{append(head, colHeader(b.ytdLabel(), true))},
	}
	for _, y := range ip.Years {
		row := append(make([]templates.SectionPerfCell, 0, len(y.Figures)+2), rowHeader(y.Label, false))
		for _, f := range y.Figures {
			row = append(row, b.value(f.Value, len(ip.Dimensions) > 0))
		}
		t.Body = append(t.Body, append(row, b.value(y.YTD, true)))
	}
	return t
}

// comparatorsTable is our year to date against each comparator by year
// (the seed's "Medway / SN / England" rows).
func (b perfBuilder) comparatorsTable() templates.SectionPerfTable {
	ip := b.ip
	head := []templates.SectionPerfCell{colHeader("Year", false), colHeader("Our figure", true)}
	for _, s := range ip.Series {
		head = append(head, colHeader(s.Name, true))
	}
	t := templates.SectionPerfTable{
		Caption: b.caption(fmt.Sprintf("%s %s against comparators by year", ip.Code, ip.Name)),
		TestID:  "comparators-" + ip.Code,
		Head:    [][]templates.SectionPerfCell{head},
	}
	for _, c := range ip.Comparators {
		row := []templates.SectionPerfCell{rowHeader(c.Label, false), b.value(c.Ours, true)}
		for _, v := range c.Values {
			row = append(row, b.value(v, true))
		}
		t.Body = append(t.Body, row)
	}
	return t
}
