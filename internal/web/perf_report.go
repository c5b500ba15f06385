package web

import (
	"context"
	"fmt"
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
// breakdowns with their totals (perf_report_breakdowns.go), earlier years and
// comparators, and the manager's commentary. The store computes every figure
// (store.Performance, three queries); these files only lay the figures out
// in tables.

func (s *Server) mountPerformanceReport(r chi.Router) {
	r.Get("/performance", s.performanceSection)
	// The manager's outline of the section (perf_outline.go).
	s.mountPerformanceOutline(r)
}

func (s *Server) performanceSection(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	view, err := s.performanceView(r.Context(), *period, acceptedOnly(r))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view.Switch = figuresSwitch(r, view.Withheld)
	if Can(currentUser(r.Context()), ActionEditReport) {
		view.ComposePath = reportBase(period) + "/performance/outline"
	}
	title := "Section 4: safeguarding activity and performance information, " + period.Label
	s.render(w, r, http.StatusOK, templates.PerformanceSection(s.page(r, title, ""), view))
}

// performanceView is the period's section 4 as the manager composed it,
// with accepted figures only when asked.
func (s *Server) performanceView(ctx context.Context, period domain.Period, acceptedOnly bool) (templates.SectionPerfView, error) {
	perf, err := s.performance(ctx, period, acceptedOnly)
	if err != nil {
		return templates.SectionPerfView{}, err
	}
	comp, err := s.perfComposition(ctx, period)
	if err != nil {
		return templates.SectionPerfView{}, err
	}
	v := perfReportView(perf, comp)
	v.Withheld = withheldCount(perf.Indicators)
	return v, nil
}

type perfBuilder struct {
	ip      store.IndicatorPerformance
	period  domain.Period
	formats map[formatKey]string // figures already written, shared by the section's builders
	// shareBase is the code of the indicator the shares are of, or "".
	shareBase string
	// provisional marks the figures of the table being built (the period's
	// unless a table says otherwise): their return is not yet accepted.
	provisional bool
}

// mean reports whether the indicator's figures are averaged: its totals are
// means of the figures under them, labelled "All", with no shares.
func (b perfBuilder) mean() bool { return b.ip.YTDRule == domain.YTDMean }

type formatKey struct {
	unit   domain.Unit
	places int
	value  float64
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
	switch {
	case ip.Overlaps():
		// No figure adds its options up: no change on last year, no
		// figures by month, only each option's (store.Performance).
		out.Facts = append(out.Facts, domain.NoTotal+": one thing counted can fall under several options, so they are never added up.")
	case ip.Comparison.Change != nil || len(ip.Years) > 1 || ip.PreviousBreakdown != nil:
		out.Facts = append(out.Facts, b.changeFact())
	}
	out.Provisional, out.ProvisionalReason = provisionalNote(b.period, ip), provisionalReason(b.period, ip)
	if !ip.Overlaps() {
		out.Tables = append(out.Tables, b.figuresTable())
	}
	for k, br := range []*store.Breakdown{ip.PreviousBreakdown, ip.Breakdown} {
		if br == nil {
			continue
		}
		b := b
		if k == 0 {
			b.provisional = ip.PreviousProvisional
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

// caption is a table's caption: the indicator's name leads, its code goes
// in small print beside it (SectionPerfTable.Code), and the table's number
// is given once the whole section is laid out (numberPerfTables).
func (b perfBuilder) caption(text string) string { return text }

// changeFact says how the period's figure compares with the previous
// period's over the same months, as domain.LikeForLike words it.
func (b perfBuilder) changeFact() string {
	ip, l := b.ip, b.ip.LikeForLike
	fact := l.Sentence(ip.Indicator, b.provisional, ip.PreviousProvisional)
	if l.Direction == domain.DirectionBetter || l.Direction == domain.DirectionWorse {
		fact += " (" + strings.ToLower(l.Direction.Title()) + ")"
	}
	return fact + "."
}

// ytdLabel names the year-to-date figure by the indicator's rule.
func (b perfBuilder) ytdLabel() string { return b.ip.YTDHeading() }

// format writes a figure in the indicator's unit. A section writes tens of
// thousands of figures, most of them small whole numbers it has written
// before: each is worked out once.
func (b perfBuilder) format(v float64) string { return b.formatIn(b.ip.Unit, b.ip.Places(), v) }

// formatIn writes a figure in a unit to some decimal places: a share is a
// percentage to one.
func (b perfBuilder) formatIn(unit domain.Unit, places int, v float64) string {
	if b.formats == nil {
		return domain.FormatIn(unit, v, places)
	}
	k := formatKey{unit, places, v}
	text, ok := b.formats[k]
	if !ok {
		text = domain.FormatIn(unit, v, places)
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
	c := templates.SectionPerfCell{Numeric: true, Total: total, Text: b.format(*v), Exact: *v, IsFigure: true, Provisional: b.provisional}
	if !total && b.ip.SuppressSmall && b.ip.Unit == domain.UnitCount && *v >= 1 && *v <= 4 {
		c.Text, c.Exact, c.IsFigure = "<5", 0, false
	}
	return c
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
		Code: ip.Code, Caption: b.caption(fmt.Sprintf("%s, %s%s, with the %s figure and the target", ip.Name, b.period.Label, what, strings.ToLower(b.ytdLabel()))),
		TestID: "figures-" + ip.Code,
		Head:   [][]templates.SectionPerfCell{head},
		Body:   [][]templates.SectionPerfCell{row},
	}
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
		Code: ip.Code, Caption: b.caption(fmt.Sprintf("%s by month, %s to %s", ip.Name, first.Label, last.Label)),
		TestID: "years-" + ip.Code,
		Head:   [][]templates.SectionPerfCell{append(head, colHeader(b.ytdLabel(), true))},
	}
	for _, y := range ip.Years {
		b := b
		b.provisional = y.Provisional
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
		Code: ip.Code, Caption: b.caption(fmt.Sprintf("%s against comparators by year", ip.Name)),
		TestID: "comparators-" + ip.Code,
		Head:   [][]templates.SectionPerfCell{head},
	}
	for _, c := range ip.Comparators {
		ours := b
		ours.provisional = c.OursProvisional
		b := b
		b.provisional = false // the comparators' own figures
		row := []templates.SectionPerfCell{rowHeader(c.Label, false), ours.value(c.Ours, true)}
		for _, v := range c.Values {
			row = append(row, b.value(v, true))
		}
		t.Body = append(t.Body, row)
	}
	return t
}

// provisionalNote says, under an indicator in section 4, whose return its
// figures of the period await: the key to the "P" in its tables, or why they
// are left out (accepted figures only). "" when they are accepted.
func provisionalNote(period domain.Period, ip store.IndicatorPerformance) string {
	why := provisionalReason(period, ip)
	switch {
	case why == "":
		return ""
	case len(ip.ProvisionalBy) == 0:
		return templates.ProvisionalKey + ": " + why
	case ip.Withheld:
		return "The figures of " + period.Label + " are left out: " + why
	}
	return templates.ProvisionalKey + ". " + why
}

// provisionalReason says why an indicator's figures are provisional, as a
// clause: whose return for the period is not yet accepted ("Kent Police’s
// return for 2009/10 is not yet accepted."), or, for the previous period's
// figures only, "the figures of 2008/09 come from a return not yet
// accepted."; "" when none is.
func provisionalReason(period domain.Period, ip store.IndicatorPerformance) string {
	if len(ip.ProvisionalBy) == 0 {
		if !ip.PreviousProvisional {
			return ""
		}
		return "the figures of " + ip.PreviousLabel + " come from a return not yet accepted."
	}
	var whose []string
	for _, by := range ip.ProvisionalBy {
		whose = append(whose, domain.Possessive(by.AgencyName))
	}
	returns := " return for " + period.Label + " is"
	if len(whose) > 1 {
		returns = " returns for " + period.Label + " are"
	}
	return domain.JoinAnd(whose) + returns + " not yet accepted."
}
