package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// indicatorPage is one indicator in the period: trend, months, breakdowns,
// comparators and commentary.
func (s *Server) indicatorPage(w http.ResponseWriter, r *http.Request) {
	ctx, period := r.Context(), currentPeriod(r.Context())
	code := chi.URLParam(r, "code")
	// This indicator only, its figures of this year and last.
	perf, err := s.store.PerformanceWith(ctx, *period, store.PerformanceOptions{Code: code, ByDateYears: 2, AcceptedOnly: acceptedOnly(r)})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var ip *store.IndicatorPerformance
	for i := range perf.Indicators {
		if strings.EqualFold(perf.Indicators[i].Code, code) {
			ip = &perf.Indicators[i]
			break
		}
	}
	if ip == nil {
		s.renderStatus(w, r, http.StatusNotFound)
		return
	}
	view := buildIndicatorPage(*period, *ip, time.Now())
	if Can(currentUser(r.Context()), ActionAdminister) {
		view.Card.TargetPath = targetPath(*period, *ip, view.Card.Unrated)
	}
	view.Provisional = provisionalSummary(*period, currentUser(ctx), []store.IndicatorPerformance{*ip})
	view.Switch = figuresSwitch(r, withheldCount([]store.IndicatorPerformance{*ip}))
	if view.Challenges, err = s.indicatorChallenges(r, *period, ip.Indicator); err != nil {
		s.serverError(w, r, err)
		return
	}
	title := ip.Code + ": " + ip.Name + ", " + period.Label
	s.render(w, r, http.StatusOK, templates.IndicatorPage(s.page(r, title, "").WithBack(view.DashPath, "Dashboard"), view))
}

// buildIndicatorPage is an indicator's page for a period.
func buildIndicatorPage(period domain.Period, ip store.IndicatorPerformance, now time.Time) templates.IndicatorPageView {
	card := indicatorCard(period, ip)
	v := templates.IndicatorPageView{
		Period: period, Card: card, Description: ip.Description,
		Unit: ip.Unit.Title(), Polarity: ip.Polarity.Title(), Frequency: ip.Frequency.Title(),
		DateHeading: dateHeading(ip.Indicator), ThisLabel: period.Label, Commentary: ip.Commentary,
		Attention: attentionReasons(ip, ip.NeedsAttention(period, ip.RAG, ip.Figures, now)),
		DashPath:  "/periods/" + period.Slug + "/dashboard",
	}
	if ip.Target != nil && ip.Target.Source != "" {
		v.TargetNote = ip.Target.String(ip.Unit) + " (" + ip.Target.Source + ")"
	}
	prevYear := domain.PeriodForYear(period.StartsOn.Year() - 1)
	v.LastLabel = prevYear.Label
	var last *store.YearFigures
	for i := range ip.Years {
		if ip.Years[i].Year == period.StartsOn.Year()-1 {
			last = &ip.Years[i]
		}
	}
	if last == nil && ip.PreviousLabel != "" {
		v.LastLabel = ip.PreviousLabel
	}
	v.LastYTD = formatPtr(ip.Indicator, ip.PreviousYTD)
	thisProv := len(ip.ProvisionalBy) > 0 && !ip.Withheld
	v.LastProvisional = ip.PreviousProvisional && ip.PreviousYTD != nil
	v.LikeForLike = ip.LikeForLike.Sentence(ip.Indicator, thisProv, ip.PreviousProvisional)
	if r := ip.Rolling12; r != nil {
		v.Rolling, v.RollingName = ip.Format(r.Value), domain.RollingName(r.From, r.To)
		v.RollingProvisional = thisProv || (ip.PreviousProvisional && r.From.Before(period.StartsOn))
	}

	trend := templates.LineChart{
		ID: "trend-" + chartID(ip.Code), Title: ip.Code + " by " + strings.ToLower(v.DateHeading) + ": " + period.Label + " and " + v.LastLabel,
		Unit: ip.Unit, Places: places(ip.Indicator), XHeading: v.DateHeading,
	}
	this := templates.ChartSeries{Name: period.Label}
	prev := templates.ChartSeries{Name: v.LastLabel}
	for i, f := range ip.Figures {
		trend.XLabels = append(trend.XLabels, dateShort(ip.Indicator, f.On))
		trend.XNames = append(trend.XNames, dateName(ip.Indicator, f.On))
		this.Values = append(this.Values, f.Value)
		var lv *float64
		if last != nil && i < len(last.Figures) {
			lv = last.Figures[i].Value
		}
		prev.Values = append(prev.Values, lv)
		v.Months = append(v.Months, templates.MonthRow{
			Label: dateName(ip.Indicator, f.On), This: templates.OrDash(formatPtr(ip.Indicator, f.Value)), Last: templates.OrDash(formatPtr(ip.Indicator, lv)),
			ThisProvisional: thisProv && f.Value != nil, LastProvisional: ip.PreviousProvisional && lv != nil,
		})
	}
	trend.Series = []templates.ChartSeries{this}
	if known(prev.Values) {
		trend.Series = append(trend.Series, prev)
	} else {
		trend.Title = ip.Code + " by " + strings.ToLower(v.DateHeading) + ", " + period.Label
	}
	if ip.Target != nil {
		trend.Target, trend.TargetToConfirm = &ip.Target.Value, ip.Target.ToConfirm
		trend.TargetLabel = "Target " + ip.Target.String(ip.Unit)
	}
	for _, y := range ip.Comparators {
		if y.Year != period.StartsOn.Year() {
			continue
		}
		for k, s := range ip.Series {
			if k < len(y.Values) && y.Values[k] != nil {
				trend.Markers = append(trend.Markers, templates.ChartMarker{Name: s.Name, Value: *y.Values[k]})
			}
		}
		trend.MarkerNote = "Comparators for " + period.Label
	}
	lastLabel := v.LastLabel
	if len(trend.Series) == 1 {
		lastLabel = ""
	}
	trend.Desc = trendDesc(ip, period, lastLabel, len(trend.Markers) > 0)
	v.Trend = trend
	if ip.Overlaps() {
		// No figure adds its options up: none of the above is shown.
		v.NoTotal, v.Trend, v.Months, v.LikeForLike, v.Rolling, v.LastYTD = true, templates.LineChart{}, nil, "", "", ""
	}
	if noTotals(ip.Indicator) {
		v.BreakdownLines = breakdownLines(period, ip)
	}
	if len(v.BreakdownLines) == 0 {
		v.Breakdowns = breakdownCharts(period, ip)
	}
	v.Comparison = comparisonChart(period, ip, "cmp-"+chartID(ip.Code))
	return v
}

func trendDesc(ip store.IndicatorPerformance, period domain.Period, lastLabel string, markers bool) string {
	var b strings.Builder
	b.WriteString("A line for " + period.Label)
	if lastLabel != "" {
		b.WriteString(" and a dashed line for " + lastLabel)
	}
	b.WriteString(", by " + strings.ToLower(dateHeading(ip.Indicator)))
	if ip.Target != nil {
		b.WriteString(", with the target " + ip.Target.String(ip.Unit) + " as a black dashed line")
	}
	if markers {
		b.WriteString(", and the comparators' figures for the year as markers at the right")
	}
	b.WriteString(".")
	if ip.YTD != nil {
		b.WriteString(" The year to date is " + ip.Format(*ip.YTD))
		if ip.RAG != domain.RAGNone {
			b.WriteString(": " + strings.ToLower(ip.RAG.Title()))
		}
		b.WriteString(".")
	}
	b.WriteString(" The figures are in the table under Show data.")
	return b.String()
}

// noTotals reports whether the options of the indicator's first breakdown
// must not be added up: its figures are averaged (a mean), or the breakdown
// is overlapping (one conference, several causes).
func noTotals(ind domain.Indicator) bool {
	return ind.YTDRule == domain.YTDMean || ind.Overlaps()
}

// breakdownLines are an indicator's figures by date as a line per option of
// each of its first two breakdowns, for figures that must not be stacked into
// a total (noTotals); nil when its figures have no dates within the period.
func breakdownLines(period domain.Period, ip store.IndicatorPerformance) []templates.LineChart {
	b := ip.Breakdown
	if b == nil || !b.HasDates() || len(ip.Figures) < 2 {
		return nil
	}
	var out []templates.LineChart
	for k, dim := range ip.Dimensions {
		if k > 1 {
			break
		}
		ch := templates.LineChart{
			ID:    "breakdown-" + chartID(ip.Code) + "-" + itoa(k+1),
			Title: ip.Code + " by " + strings.ToLower(dim.Name) + " and " + strings.ToLower(dateHeading(ip.Indicator)) + ", " + period.Label,
			Unit:  ip.Unit, Places: places(ip.Indicator), XHeading: dateHeading(ip.Indicator),
		}
		ch.XLabels, ch.XNames, ch.Series = seriesByDate(ip, k, dim)
		what := "averaged, never added up"
		if ip.YTDRule != domain.YTDMean {
			what = "overlapping, so never added up"
		}
		ch.Desc = "A line for each " + strings.ToLower(dim.Name) + " by " + strings.ToLower(dateHeading(ip.Indicator)) +
			": the figures are " + what + ". The figures are in the table under Show data."
		out = append(out, ch)
	}
	return out
}

// seriesByDate is a chart's dates (short and full names) and a series per
// option of the indicator's k-th dimension (the first or the second), with
// its figure at each date.
func seriesByDate(ip store.IndicatorPerformance, k int, dim domain.Dimension) (labels, names []string, series []templates.ChartSeries) {
	for _, f := range ip.Figures {
		labels = append(labels, dateShort(ip.Indicator, f.On))
		names = append(names, dateName(ip.Indicator, f.On))
	}
	for _, o := range dim.Options {
		s := templates.ChartSeries{Name: o.Label}
		for _, f := range ip.Figures {
			if k == 0 {
				s.Values = append(s.Values, ip.Breakdown.AtDate(f.On, o.ID, 0))
			} else {
				s.Values = append(s.Values, ip.Breakdown.AtDate(f.On, 0, o.ID))
			}
		}
		series = append(series, s)
	}
	return labels, names, series
}

// breakdownCharts are an indicator's stacked bar charts by dimension: by date
// for each of its first two dimensions when its figures have dates within the
// period, otherwise (snapshots) the first dimension's options stacked by the
// second's.
func breakdownCharts(period domain.Period, ip store.IndicatorPerformance) []templates.StackedBarChart {
	b := ip.Breakdown
	if b == nil || len(ip.Dimensions) == 0 {
		return nil
	}
	var out []templates.StackedBarChart
	dims := ip.Dimensions
	if b.HasDates() && len(ip.Figures) > 1 {
		for k, dim := range dims {
			if k > 1 {
				break
			}
			ch := templates.StackedBarChart{
				ID:    "breakdown-" + chartID(ip.Code) + "-" + itoa(k+1),
				Title: ip.Code + " by " + strings.ToLower(dim.Name) + " and " + strings.ToLower(dateHeading(ip.Indicator)) + ", " + period.Label,
				Unit:  ip.Unit, Places: places(ip.Indicator), XHeading: dateHeading(ip.Indicator),
			}
			ch.XLabels, ch.XNames, ch.Series = seriesByDate(ip, k, dim)
			ch.Desc = "Bars for each " + strings.ToLower(dateHeading(ip.Indicator)) + ", stacked by " + strings.ToLower(dim.Name) +
				", with the total above each bar. The figures are in the table under Show data."
			out = append(out, ch)
		}
		return out
	}
	first := dims[0]
	ch := templates.StackedBarChart{ID: "breakdown-" + chartID(ip.Code) + "-1", Unit: ip.Unit, Places: places(ip.Indicator)}
	on := ""
	if b.On != nil {
		on = " on " + b.On.Format("2 January 2006")
	}
	if len(dims) > 1 && noTotals(ip.Indicator) {
		return nil // stacking options that must not be added up would add them up
	}
	if len(dims) == 1 {
		ch.Title = ip.Code + " by " + strings.ToLower(first.Name) + on
		ch.XHeading = first.Name
		s := templates.ChartSeries{Name: "Total"}
		if noTotals(ip.Indicator) {
			s.Name = ip.YTDHeading()
		}
		for _, o := range first.Options {
			ch.XLabels = append(ch.XLabels, o.Label)
			var v *float64
			if t, ok := b.Total(o.ID, 0, 0); ok {
				v = &t.Value
			}
			s.Values = append(s.Values, v)
		}
		ch.Series = []templates.ChartSeries{s}
		ch.Desc = "A bar for each " + strings.ToLower(first.Name) + ". The figures are in the table under Show data."
		return []templates.StackedBarChart{ch}
	}
	second := dims[1]
	ch.Title = ip.Code + " by " + strings.ToLower(second.Name) + " and " + strings.ToLower(first.Name) + on
	ch.XHeading = second.Name
	for _, o2 := range second.Options {
		ch.XLabels = append(ch.XLabels, o2.Label)
	}
	for _, o1 := range first.Options {
		s := templates.ChartSeries{Name: o1.Label}
		for _, o2 := range second.Options {
			var v *float64
			if t, ok := b.Total(o1.ID, o2.ID, 0); ok {
				v = &t.Value
			}
			s.Values = append(s.Values, v)
		}
		ch.Series = append(ch.Series, s)
	}
	ch.Desc = "A bar for each " + strings.ToLower(second.Name) + ", stacked by " + strings.ToLower(first.Name) +
		", with the total above each bar. The figures are in the table under Show data."
	return []templates.StackedBarChart{ch}
}

// comparisonChart is our year to date against each comparator series by
// year; nil when the indicator has no comparator values.
func comparisonChart(period domain.Period, ip store.IndicatorPerformance, id string) *templates.LineChart {
	if len(ip.Comparators) == 0 || len(ip.Series) == 0 {
		return nil
	}
	ch := &templates.LineChart{
		ID: id, Title: ip.Code + " against comparators by year", Unit: ip.Unit, Places: places(ip.Indicator), XHeading: "Year",
	}
	ours := templates.ChartSeries{Name: "Our figure"}
	series := make([]templates.ChartSeries, len(ip.Series))
	for k, s := range ip.Series {
		series[k].Name = s.Name
	}
	for _, y := range ip.Comparators {
		ch.XLabels = append(ch.XLabels, y.Label)
		ours.Values = append(ours.Values, y.Ours)
		for k := range series {
			var v *float64
			if k < len(y.Values) {
				v = y.Values[k]
			}
			series[k].Values = append(series[k].Values, v)
		}
	}
	ch.Series = append([]templates.ChartSeries{ours}, series...)
	if ip.Target != nil {
		ch.Target, ch.TargetToConfirm = &ip.Target.Value, ip.Target.ToConfirm
		ch.TargetLabel = "Target for " + period.Label + " " + ip.Target.String(ip.Unit)
	}
	names := make([]string, 0, len(ip.Series))
	for _, s := range ip.Series {
		names = append(names, s.Name)
	}
	ch.Desc = "Our year-to-date figure and " + strings.Join(names, ", ") + " for " + itoa(len(ch.XLabels)) +
		" years from " + ch.XLabels[0] + " to " + ch.XLabels[len(ch.XLabels)-1] + ". The figures are in the table under Show data."
	return ch
}

// known reports whether any figure is known.
func known(values []*float64) bool {
	for _, v := range values {
		if v != nil {
			return true
		}
	}
	return false
}
