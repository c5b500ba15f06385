package web

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// mountDashboard adds the chair's dashboard and an indicator's page to a
// period's routes, for the manager, the chair and members. Both read the
// figures straight from PostgreSQL at each load: there is no batch job, so a
// figure an agency saves shows at the next page load.
func (s *Server) mountDashboard(r chi.Router) {
	r.Group(func(r chi.Router) {
		r.Use(s.require(ActionViewDashboard))
		r.Get("/dashboard", s.dashboard)
		r.Get("/indicators/{code}", s.indicatorPage)
	})
}

// dashboard is the period's dashboard: returns progress, a card per indicator
// (filtered by the address's theme, agency and rating), the indicators that
// need attention, and how we compare. Three queries besides the period's:
// the returns overview and store.PerformanceWith's two (no breakdowns).
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) {
	ctx, period, user := r.Context(), currentPeriod(r.Context()), currentUser(r.Context())
	q := r.URL.Query()
	filters := templates.DashboardFilters{Theme: q.Get("theme"), Agency: q.Get("agency"), Aim: q.Get("aim"), RAG: q.Get("rag")}
	// The filters' form sends every field, chosen or not: keep the address to
	// share short by dropping the empty ones.
	if clean := filterQuery(filters); clean != r.URL.RawQuery && r.URL.RawQuery != "" {
		to := "/periods/" + period.Slug + "/dashboard"
		if clean != "" {
			to += "?" + clean
		}
		http.Redirect(w, r, to+"#indicators", http.StatusSeeOther)
		return
	}
	returns, err := s.store.ReturnsOverview(ctx, period.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// The cards show the period's figures, years to date and change; the
	// comparisons the years to date by year: no breakdowns, no earlier months.
	perf, err := s.store.PerformanceWith(ctx, *period, store.PerformanceOptions{ByDateYears: 1, NoBreakdowns: true})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	aims, err := s.store.AimsWithIndicators(ctx, period.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view := buildDashboard(*period, returns, perf, aims, filters, time.Now())
	if Can(user, ActionViewReturnsOverview) {
		view.Progress.OverviewPath = "/periods/" + period.Slug + "/returns"
	}
	s.render(w, r, http.StatusOK, templates.Dashboard(s.page(r, "Performance dashboard for "+period.Label, ""), view))
}

// indicatorPage is one indicator in the period: trend, months, breakdowns,
// comparators and commentary.
func (s *Server) indicatorPage(w http.ResponseWriter, r *http.Request) {
	ctx, period := r.Context(), currentPeriod(r.Context())
	code := chi.URLParam(r, "code")
	// This indicator only, its figures of this year and last.
	perf, err := s.store.PerformanceWith(ctx, *period, store.PerformanceOptions{Code: code, ByDateYears: 2})
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
	title := ip.Code + ": " + ip.Name + ", " + period.Label
	s.render(w, r, http.StatusOK, templates.IndicatorPage(s.page(r, title, "").WithBack(view.DashPath, "Dashboard"), view))
}

// buildDashboard files the period's returns and performance into the
// dashboard's view. It does no arithmetic on figures beyond comparing them:
// year to date, RAG and direction come from store.Performance.
func buildDashboard(period domain.Period, returns []domain.ReturnSummary, perf *store.Performance, aims []store.AimIndicators, f templates.DashboardFilters, now time.Time) templates.DashboardView {
	v := templates.DashboardView{Period: period, Filters: f, Total: len(perf.Indicators)}
	v.Progress = returnsProgress(period, returns, now)
	v.RAGs = []templates.Option{
		{Value: "red", Label: domain.RAGRed.Title()},
		{Value: "amber", Label: domain.RAGAmber.Title()},
		{Value: "green", Label: domain.RAGGreen.Title()},
		{Value: "none", Label: domain.RAGNone.Title()},
	}
	// The counts that only make up a ratio (NI65's numerator and denominator)
	// are read through their ratio: they get no card of their own.
	parts := map[int64]bool{}
	for _, ip := range perf.Indicators {
		if ip.IsRatio() {
			parts[*ip.NumeratorID], parts[*ip.DenominatorID] = true, true
		}
	}
	shown := make([]store.IndicatorPerformance, 0, len(perf.Indicators))
	for _, ip := range perf.Indicators {
		if !parts[ip.ID] {
			shown = append(shown, ip)
		}
	}
	v.Total = len(shown)
	seenTheme, seenAgency := map[string]bool{}, map[string]bool{}
	for _, ip := range shown {
		if !seenTheme[ip.Theme] {
			seenTheme[ip.Theme] = true
			v.Themes = append(v.Themes, templates.Option{Value: ip.Theme, Label: ip.Theme})
		}
		if !seenAgency[ip.AgencySlug] {
			seenAgency[ip.AgencySlug] = true
			v.Agencies = append(v.Agencies, templates.Option{Value: ip.AgencySlug, Label: ip.AgencyName})
		}
	}
	sortOptions(v.Agencies)
	// The strategic aims of the period, and the indicators of the one chosen.
	var inAim map[int64]bool
	for _, a := range aims {
		id := strconv.FormatInt(a.ID, 10)
		v.Aims = append(v.Aims, templates.Option{Value: id, Label: a.Title})
		if id == f.Aim {
			inAim = map[int64]bool{}
			for _, ind := range a.Indicators {
				inAim[ind] = true
			}
		}
	}
	if f.Aim != "" && inAim == nil {
		inAim = map[int64]bool{} // an aim not of this period matches nothing
	}
	if due, ok := dueMonth(period, now); ok {
		v.DueLabel = due.Format("January 2006")
	}
	counts := map[domain.RAG]int{}
	groupAt := map[string]int{}
	for _, ip := range shown {
		if !filterMatches(f, ip) || (inAim != nil && !inAim[ip.ID]) {
			continue
		}
		card := indicatorCard(period, ip)
		counts[ip.RAG]++
		k, ok := groupAt[ip.Theme]
		if !ok {
			k = len(v.Groups)
			groupAt[ip.Theme] = k
			v.Groups = append(v.Groups, templates.CardGroup{Theme: ip.Theme})
		}
		v.Groups[k].Cards = append(v.Groups[k].Cards, card)
		if reasons := attentionReasons(period, ip, now); len(reasons) > 0 {
			v.Attention = append(v.Attention, templates.AttentionItem{
				Code: ip.Code, Name: ip.Name, Path: card.Path, Agency: ip.AgencyName, RAG: ip.RAG, Reasons: reasons,
			})
		}
		if ch := comparisonChart(period, ip, "cmp-"+chartID(ip.Code)); ch != nil {
			ch.Narrow = true
			v.Comparisons = append(v.Comparisons, templates.ComparisonView{Code: ip.Code, Name: ip.Name, Path: card.Path, Chart: *ch})
		}
	}
	// Off target first, then worsening, then only missing a figure; report order within each.
	weight := func(a templates.AttentionItem) int {
		switch {
		case a.RAG == domain.RAGRed:
			return 0
		case strings.HasPrefix(a.Reasons[0], "Worse"):
			return 1
		}
		return 2
	}
	sort.SliceStable(v.Attention, func(i, j int) bool { return weight(v.Attention[i]) < weight(v.Attention[j]) })
	// Those only missing a figure go to one line per agency.
	var kept []templates.AttentionItem
	groupOf := map[string]int{}
	for _, a := range v.Attention {
		if weight(a) < 2 {
			kept = append(kept, a)
			continue
		}
		k, ok := groupOf[a.Agency]
		if !ok {
			k = len(v.Missing)
			groupOf[a.Agency] = k
			v.Missing = append(v.Missing, templates.MissingGroup{Agency: a.Agency})
		}
		v.Missing[k].Items = append(v.Missing[k].Items, a)
	}
	v.Attention = kept
	for _, rag := range []domain.RAG{domain.RAGRed, domain.RAGAmber, domain.RAGGreen, domain.RAGNone} {
		v.RAGCounts = append(v.RAGCounts, templates.RAGCount{RAG: rag, Count: counts[rag]})
	}
	return v
}

// filterMatches reports whether an indicator passes the filters. An unknown
// value matches nothing, so a stale shared address shows "no indicator
// matches" rather than quietly showing everything.
func filterMatches(f templates.DashboardFilters, ip store.IndicatorPerformance) bool {
	if f.Theme != "" && f.Theme != ip.Theme {
		return false
	}
	if f.Agency != "" && f.Agency != ip.AgencySlug {
		return false
	}
	switch f.RAG {
	case "":
		return true
	case "none":
		return ip.RAG == domain.RAGNone
	}
	return ip.RAG != domain.RAGNone && string(ip.RAG) == f.RAG
}

func returnsProgress(period domain.Period, returns []domain.ReturnSummary, now time.Time) templates.ReturnsProgress {
	rp := templates.ReturnsProgress{}
	if period.Deadline != nil {
		rp.Deadline = templates.Date(*period.Deadline)
	}
	counts := map[domain.ReturnStatus]int{}
	for _, rs := range returns {
		if !rs.Agency.Active && rs.Status == domain.StatusNotStarted {
			continue
		}
		rp.Total++
		counts[rs.Status]++
		if period.ReturnOverdue(rs.Status, now) {
			rp.Overdue = append(rp.Overdue, rs.Agency)
		}
	}
	for _, status := range domain.ReturnStatuses {
		rp.Counts = append(rp.Counts, templates.StatusCount{Status: status, Count: counts[status]})
	}
	return rp
}

// filterQuery is the filters as an address's query, the empty ones left out.
func filterQuery(f templates.DashboardFilters) string {
	q := url.Values{}
	for k, v := range map[string]string{"theme": f.Theme, "agency": f.Agency, "aim": f.Aim, "rag": f.RAG} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q.Encode()
}

// indicatorPath is the address of an indicator's page in a period.
func indicatorPath(period domain.Period, code string) string {
	return "/periods/" + period.Slug + "/indicators/" + url.PathEscape(code)
}

// chartID makes an indicator's code safe as part of an element id.
func chartID(code string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(code) {
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
			b.WriteRune(c)
		} else {
			b.WriteByte('-')
		}
	}
	return b.String()
}

// dateName is a figure's date as people say it: April 2009, Q1 (April 2009), 31 March 2010.
func dateName(ind domain.Indicator, d time.Time) string {
	switch ind.Frequency {
	case domain.FrequencySnapshot:
		return d.Format("2 January 2006")
	case domain.FrequencyYearly:
		return domain.PeriodForYear(d.Year()).Label
	}
	return d.Format("January 2006")
}

// dateShort is a figure's date on a chart's axis: Apr, or Apr 09 for yearly.
func dateShort(ind domain.Indicator, d time.Time) string {
	switch ind.Frequency {
	case domain.FrequencySnapshot:
		return d.Format("2 Jan")
	case domain.FrequencyYearly:
		return domain.PeriodForYear(d.Year()).Label
	}
	return d.Format("Jan")
}

func dateHeading(ind domain.Indicator) string {
	switch ind.Frequency {
	case domain.FrequencyQuarterly:
		return "Quarter"
	case domain.FrequencySnapshot, domain.FrequencyYearly:
		return "Date"
	}
	return "Month"
}

func formatPtr(u domain.Unit, v *float64) string {
	if v == nil {
		return ""
	}
	return domain.FormatValue(u, *v)
}

// indicatorCard is an indicator's card: its figures in words, its rating, its
// direction against the previous period, and a sparkline of the months.
func indicatorCard(period domain.Period, ip store.IndicatorPerformance) templates.IndicatorCard {
	c := templates.IndicatorCard{
		Code: ip.Code, Name: ip.Name, Path: indicatorPath(period, ip.Code), Agency: ip.AgencyName,
		YTD: formatPtr(ip.Unit, ip.YTD), YTDRule: ip.YTDRule.Title(), RAG: ip.RAG,
		Direction: directionView(ip),
	}
	if ip.Latest != nil && ip.Latest.Value != nil {
		c.Latest = domain.FormatValue(ip.Unit, *ip.Latest.Value)
		c.LatestOn = dateName(ip.Indicator, ip.Latest.On)
	}
	if ip.Target != nil {
		c.Target = ip.Target.String(ip.Unit)
	}
	spark := templates.Sparkline{
		ID: "spark-" + chartID(ip.Code), Title: ip.Code + " by " + strings.ToLower(dateHeading(ip.Indicator)) + ", " + period.Label,
		Unit: ip.Unit, XHeader: dateHeading(ip.Indicator),
	}
	known := 0
	for _, fig := range ip.Figures {
		spark.XNames = append(spark.XNames, dateName(ip.Indicator, fig.On))
		spark.Values = append(spark.Values, fig.Value)
		if fig.Value != nil {
			known++
		}
	}
	if ip.Target != nil {
		spark.Target, spark.TargetToConfirm = &ip.Target.Value, ip.Target.ToConfirm
	}
	spark.Desc = sparkDesc(ip, known)
	c.Spark = spark
	return c
}

func sparkDesc(ip store.IndicatorPerformance, known int) string {
	if known == 0 {
		return "No figures are known yet."
	}
	var b strings.Builder
	b.WriteString(itoa(known) + " of " + itoa(len(ip.Figures)) + " figures known")
	if ip.Latest != nil && ip.Latest.Value != nil {
		b.WriteString("; the latest, " + dateName(ip.Indicator, ip.Latest.On) + ", is " + domain.FormatValue(ip.Unit, *ip.Latest.Value))
	}
	if ip.Target != nil {
		b.WriteString("; the target is " + ip.Target.String(ip.Unit))
	}
	b.WriteString(". The figures are in the table under Show data.")
	return b.String()
}

// directionView puts the change against the previous period into words, with
// an arrow for which way the figure moved.
func directionView(ip store.IndicatorPerformance) templates.DirectionView {
	prev := ip.PreviousLabel
	if prev == "" {
		prev = "last year"
	}
	if ip.YTD == nil || ip.PreviousYTD == nil {
		return templates.DirectionView{Words: "No figure to compare with " + prev}
	}
	d := templates.DirectionView{Kind: string(ip.Direction)}
	was := domain.FormatValue(ip.Unit, *ip.PreviousYTD)
	switch {
	case *ip.YTD > *ip.PreviousYTD:
		d.Glyph, d.Detail = "↑", "Up from "+was
	case *ip.YTD < *ip.PreviousYTD:
		d.Glyph, d.Detail = "↓", "Down from "+was
	default:
		d.Glyph, d.Detail = "→", "Also "+was
	}
	switch ip.Direction {
	case store.DirectionBetter:
		d.Words = "Better than " + prev
	case store.DirectionWorse:
		d.Words = "Worse than " + prev
	case store.DirectionSame:
		d.Words = "The same as " + prev
	default:
		// Neither direction is better: say which way it moved.
		switch d.Glyph {
		case "↑":
			d.Words = "Higher than " + prev
		case "↓":
			d.Words = "Lower than " + prev
		default:
			d.Words = "The same as " + prev
		}
	}
	return d
}

// dueMonth is the latest month of the period that has ended by now (in
// London), or the period's last month once the period is over; false before
// the period's first month has ended.
func dueMonth(period domain.Period, now time.Time) (time.Time, bool) {
	y, m, _ := now.In(domain.London()).Date()
	thisMonth := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(period.EndsOn.Year(), period.EndsOn.Month(), 1, 0, 0, 0, 0, time.UTC)
	due := thisMonth.AddDate(0, -1, 0)
	if due.After(last) {
		due = last
	}
	first := time.Date(period.StartsOn.Year(), period.StartsOn.Month(), 1, 0, 0, 0, 0, time.UTC)
	if due.Before(first) {
		return time.Time{}, false
	}
	return due, true
}

// dueDate is the indicator's date whose figure should be in by now: the
// latest of its dates in the period whose month, quarter or year has ended.
func dueDate(ind domain.Indicator, period domain.Period, now time.Time) (time.Time, bool) {
	y, m, d := now.In(domain.London()).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	var due time.Time
	found := false
	for _, on := range ind.Dates(period) {
		var ends time.Time // the first day after the figure's time
		switch ind.Frequency {
		case domain.FrequencyMonthly:
			ends = on.AddDate(0, 1, 0)
		case domain.FrequencyQuarterly:
			ends = on.AddDate(0, 3, 0)
		case domain.FrequencyYearly:
			ends = period.EndsOn.AddDate(0, 0, 1)
		default:
			ends = on.AddDate(0, 0, 1)
		}
		if !ends.After(today) {
			due, found = on, true
		}
	}
	return due, found
}

// attentionReasons says why an indicator needs attention, or nothing: it is
// off target; it got worse in each of the last three months (by its
// polarity); or the figure due by now is missing.
func attentionReasons(period domain.Period, ip store.IndicatorPerformance, now time.Time) []string {
	var out []string
	if ip.RAG == domain.RAGRed {
		msg := "Off target"
		if ip.YTD != nil && ip.Target != nil {
			msg += ": " + domain.FormatValue(ip.Unit, *ip.YTD) + " against a target of " + ip.Target.String(ip.Unit)
		}
		out = append(out, msg)
	}
	if run := worseningRun(ip, period, now); len(run) == 4 {
		var figs []string
		for _, f := range run {
			figs = append(figs, domain.FormatValue(ip.Unit, *f.Value))
		}
		out = append(out, "Worse in each of the last three months: "+strings.Join(figs, ", ")+
			" ("+run[0].On.Format("January 2006")+" to "+run[3].On.Format("January 2006")+")")
	}
	if due, ok := dueDate(ip.Indicator, period, now); ok {
		for _, f := range ip.Figures {
			if f.On.Equal(due) && f.Value == nil {
				out = append(out, "No figure for "+dateName(ip.Indicator, due))
			}
		}
	}
	return out
}

// worseningRun is the last four monthly figures up to the one due by now,
// when each of the last three changes was for the worse; otherwise nil. Only
// monthly indicators with a better direction are judged, and the four months
// must follow each other with a figure in each.
func worseningRun(ip store.IndicatorPerformance, period domain.Period, now time.Time) []store.Figure {
	if ip.Frequency != domain.FrequencyMonthly || ip.Polarity == domain.PolarityNeither {
		return nil
	}
	due, ok := dueDate(ip.Indicator, period, now)
	if !ok {
		return nil
	}
	end := -1
	for i, f := range ip.Figures {
		if f.On.After(due) {
			break
		}
		if f.Value != nil {
			end = i
		}
	}
	if end < 3 {
		return nil
	}
	run := ip.Figures[end-3 : end+1]
	for i := 1; i < len(run); i++ {
		if run[i].Value == nil || run[i-1].Value == nil {
			return nil
		}
		prev, cur := *run[i-1].Value, *run[i].Value
		worse := cur > prev
		if ip.Polarity == domain.PolarityHigher {
			worse = cur < prev
		}
		if !worse {
			return nil
		}
	}
	return run
}

// comparisonChart is our year to date against each comparator series by
// year; nil when the indicator has no comparator values.
func comparisonChart(period domain.Period, ip store.IndicatorPerformance, id string) *templates.LineChart {
	if len(ip.Comparators) == 0 || len(ip.Series) == 0 {
		return nil
	}
	ch := &templates.LineChart{
		ID: id, Title: ip.Code + " against comparators by year", Unit: ip.Unit, XHeading: "Year",
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

// buildIndicatorPage is an indicator's page for a period.
func buildIndicatorPage(period domain.Period, ip store.IndicatorPerformance, now time.Time) templates.IndicatorPageView {
	card := indicatorCard(period, ip)
	v := templates.IndicatorPageView{
		Period: period, Card: card, Description: ip.Description,
		Unit: ip.Unit.Title(), Polarity: ip.Polarity.Title(), Frequency: ip.Frequency.Title(),
		DateHeading: dateHeading(ip.Indicator), ThisLabel: period.Label, Commentary: ip.Commentary,
		Attention: attentionReasons(period, ip, now),
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
	v.LastYTD = formatPtr(ip.Unit, ip.PreviousYTD)

	trend := templates.LineChart{
		ID: "trend-" + chartID(ip.Code), Title: ip.Code + " by " + strings.ToLower(v.DateHeading) + ": " + period.Label + " and " + v.LastLabel,
		Unit: ip.Unit, XHeading: v.DateHeading,
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
			Label: dateName(ip.Indicator, f.On), This: templates.OrDash(formatPtr(ip.Unit, f.Value)), Last: templates.OrDash(formatPtr(ip.Unit, lv)),
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
	v.Breakdowns = breakdownCharts(period, ip)
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
		b.WriteString(" The year to date is " + domain.FormatValue(ip.Unit, *ip.YTD))
		if ip.RAG != domain.RAGNone {
			b.WriteString(": " + strings.ToLower(ip.RAG.Title()))
		}
		b.WriteString(".")
	}
	b.WriteString(" The figures are in the table under Show data.")
	return b.String()
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
				Unit:  ip.Unit, XHeading: dateHeading(ip.Indicator),
			}
			for _, f := range ip.Figures {
				ch.XLabels = append(ch.XLabels, dateShort(ip.Indicator, f.On))
				ch.XNames = append(ch.XNames, dateName(ip.Indicator, f.On))
			}
			for _, o := range dim.Options {
				s := templates.ChartSeries{Name: o.Label}
				for _, f := range ip.Figures {
					if k == 0 {
						s.Values = append(s.Values, b.AtDate(f.On, o.ID, 0))
					} else {
						s.Values = append(s.Values, b.AtDate(f.On, 0, o.ID))
					}
				}
				ch.Series = append(ch.Series, s)
			}
			ch.Desc = "Bars for each " + strings.ToLower(dateHeading(ip.Indicator)) + ", stacked by " + strings.ToLower(dim.Name) +
				", with the total above each bar. The figures are in the table under Show data."
			out = append(out, ch)
		}
		return out
	}
	first := dims[0]
	ch := templates.StackedBarChart{ID: "breakdown-" + chartID(ip.Code) + "-1", Unit: ip.Unit}
	on := ""
	if b.On != nil {
		on = " on " + b.On.Format("2 January 2006")
	}
	if len(dims) == 1 {
		ch.Title = ip.Code + " by " + strings.ToLower(first.Name) + on
		ch.XHeading = first.Name
		s := templates.ChartSeries{Name: "Total"}
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

// known reports whether any figure is known.
func known(values []*float64) bool {
	for _, v := range values {
		if v != nil {
			return true
		}
	}
	return false
}

func sortOptions(list []templates.Option) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && strings.ToLower(list[j].Label) < strings.ToLower(list[j-1].Label); j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}
