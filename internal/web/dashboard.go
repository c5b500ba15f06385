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
	accepted := acceptedOnly(r)
	if clean := filterQuery(filters, accepted); clean != r.URL.RawQuery && r.URL.RawQuery != "" {
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
	perf, err := s.store.PerformanceWith(ctx, *period, store.PerformanceOptions{ByDateYears: 1, NoBreakdowns: true, AcceptedOnly: accepted})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	aims, err := s.store.AimsWithIndicators(ctx, period.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view := buildDashboard(*period, returns, perf, aims, filters, time.Now(), Can(user, ActionAdminister))
	if Can(user, ActionViewReturnsOverview) {
		view.Progress.OverviewPath = "/periods/" + period.Slug + "/returns"
	}
	shown := withoutRatioParts(perf.Indicators)
	view.Provisional = provisionalSummary(*period, user, shown)
	view.Switch = figuresSwitch(r, withheldCount(shown))
	s.render(w, r, http.StatusOK, templates.Dashboard(s.page(r, "Performance dashboard for "+period.Label, "").WithFullWidth(), view))
}

// buildDashboard files the period's returns and performance into the
// dashboard's view. It does no arithmetic on figures: year to date and RAG
// come from store.Performance, the comparison with last year and what needs
// attention from the domain's rules.
//
// A manager (manages) is led from an indicator not rated for want of a
// target to the page that sets it.
func buildDashboard(period domain.Period, returns []domain.ReturnSummary, perf *store.Performance, aims []store.AimIndicators, f templates.DashboardFilters, now time.Time, manages bool) templates.DashboardView {
	v := templates.DashboardView{Period: period, Filters: f}
	v.Progress = returnsProgress(period, returns, now)
	v.RAGs = []templates.Option{
		{Value: "red", Label: domain.RAGRed.Title()},
		{Value: "amber", Label: domain.RAGAmber.Title()},
		{Value: "green", Label: domain.RAGGreen.Title()},
		{Value: "none", Label: domain.RAGNone.Title()},
	}
	shown := withoutRatioParts(perf.Indicators)
	v.Total = len(shown)
	v.Themes, v.Agencies = filterOptions(shown)
	var inAim map[int64]bool
	v.Aims, inAim = aimOptions(aims, f.Aim)
	if due, ok := domain.DueMonth(period, now); ok {
		v.DueLabel = due.Format("January 2006")
	}
	counts := map[domain.RAG]int{}
	groupAt := map[string]int{}
	var attention []rankedAttention
	for _, ip := range shown {
		if !filterMatches(f, ip) || (inAim != nil && !inAim[ip.ID]) {
			continue
		}
		card := indicatorCard(period, ip)
		if manages {
			card.TargetPath = targetPath(period, ip, card.Unrated)
		}
		counts[ip.RAG]++
		k, ok := groupAt[ip.Theme]
		if !ok {
			k = len(v.Groups)
			groupAt[ip.Theme] = k
			v.Groups = append(v.Groups, templates.CardGroup{Theme: ip.Theme})
		}
		v.Groups[k].Cards = append(v.Groups[k].Cards, card)
		if a := ip.NeedsAttention(period, ip.RAG, ip.Figures, now); a.Needed() {
			attention = append(attention, rankedAttention{rank: a.Rank(), item: templates.AttentionItem{
				Code: ip.Code, Name: ip.Name, Path: card.Path, Agency: ip.AgencyName, RAG: ip.RAG, Reasons: attentionReasons(ip, a),
			}})
		}
		if ch := comparisonChart(period, ip, "cmp-"+chartID(ip.Code)); ch != nil {
			ch.Narrow = true
			v.Comparisons = append(v.Comparisons, templates.ComparisonView{Code: ip.Code, Name: ip.Name, Path: card.Path, Chart: *ch})
		}
	}
	v.Attention, v.Missing = fileAttention(attention)
	for _, rag := range []domain.RAG{domain.RAGRed, domain.RAGAmber, domain.RAGGreen, domain.RAGNone} {
		v.RAGCounts = append(v.RAGCounts, templates.RAGCount{RAG: rag, Count: counts[rag]})
	}
	return v
}

// withoutRatioParts leaves out the counts that only make up a ratio (NI65's
// numerator and denominator): they are read through their ratio and get no
// card of their own.
func withoutRatioParts(list []store.IndicatorPerformance) []store.IndicatorPerformance {
	parts := map[int64]bool{}
	for _, ip := range list {
		if ip.IsRatio() {
			parts[*ip.NumeratorID], parts[*ip.DenominatorID] = true, true
		}
	}
	shown := make([]store.IndicatorPerformance, 0, len(list))
	for _, ip := range list {
		if !parts[ip.ID] {
			shown = append(shown, ip)
		}
	}
	return shown
}

// filterOptions are the themes, in report order, and the agencies, by name,
// that the filters offer.
func filterOptions(shown []store.IndicatorPerformance) (themes, agencies []templates.Option) {
	seenTheme, seenAgency := map[string]bool{}, map[string]bool{}
	for _, ip := range shown {
		if !seenTheme[ip.Theme] {
			seenTheme[ip.Theme] = true
			themes = append(themes, templates.Option{Value: ip.Theme, Label: ip.Theme})
		}
		if !seenAgency[ip.AgencySlug] {
			seenAgency[ip.AgencySlug] = true
			agencies = append(agencies, templates.Option{Value: ip.AgencySlug, Label: ip.AgencyName})
		}
	}
	sortOptions(agencies)
	return themes, agencies
}

// aimOptions are the period's strategic aims for the filter, and the
// indicators of the one chosen (nil when none is chosen; an aim not of this
// period matches nothing).
func aimOptions(aims []store.AimIndicators, chosen string) ([]templates.Option, map[int64]bool) {
	var options []templates.Option
	var inAim map[int64]bool
	for _, a := range aims {
		id := strconv.FormatInt(a.ID, 10)
		options = append(options, templates.Option{Value: id, Label: a.Title})
		if id == chosen {
			inAim = map[int64]bool{}
			for _, ind := range a.Indicators {
				inAim[ind] = true
			}
		}
	}
	if chosen != "" && inAim == nil {
		inAim = map[int64]bool{}
	}
	return options, inAim
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
		rp.Deadline, rp.PeriodOpen = templates.Date(*period.Deadline), period.IsOpen
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

// filterQuery is the filters as an address's query, the empty ones left
// out, with the manager's switch to accepted figures only.
func filterQuery(f templates.DashboardFilters, acceptedOnly bool) string {
	q := url.Values{}
	if acceptedOnly {
		q.Set(figuresParam, "accepted")
	}
	for k, v := range map[string]string{"theme": f.Theme, "agency": f.Agency, "aim": f.Aim, "rag": f.RAG} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q.Encode()
}

// indicatorCard is an indicator's card: its figures in words, its rating, its
// direction against the previous period, and a sparkline of the months.
func indicatorCard(period domain.Period, ip store.IndicatorPerformance) templates.IndicatorCard {
	c := templates.IndicatorCard{
		Code: ip.Code, Name: ip.Name, Path: indicatorPath(period, ip.Code), Agency: ip.AgencyName,
		YTD: formatPtr(ip.Indicator, ip.YTD), YTDHeading: ip.YTDHeading(), YTDRule: ip.YTDRule.Title(), RAG: ip.RAG,
		Direction: directionView(ip), Provisional: len(ip.ProvisionalBy) > 0 && !ip.Withheld, Withheld: ip.Withheld,
	}
	if ip.RAG == domain.RAGNone {
		c.Unrated = domain.WhyNotRated(ip.Polarity, ip.Target, ip.YTD)
	}
	overlaps := ip.Overlaps()
	if overlaps {
		// Its options overlap: no figure adds them up (store.Performance
		// leaves those out; its figures by date stay off the sparkline).
		c.YTD, c.Unrated = domain.NoTotal, domain.UnratedOverlapping
	}
	if ip.Latest != nil && ip.Latest.Value != nil {
		c.Latest = ip.Format(*ip.Latest.Value)
		c.LatestOn = dateName(ip.Indicator, ip.Latest.On)
	}
	if ip.Target != nil {
		c.Target = ip.Target.String(ip.Unit)
	}
	spark := templates.Sparkline{
		ID: "spark-" + chartID(ip.Code), Title: ip.Code + " by " + strings.ToLower(dateHeading(ip.Indicator)) + ", " + period.Label,
		Unit: ip.Unit, Places: places(ip.Indicator), XHeader: dateHeading(ip.Indicator),
	}
	known := 0
	for _, fig := range ip.Figures {
		spark.XNames = append(spark.XNames, dateName(ip.Indicator, fig.On))
		if overlaps {
			spark.Values = append(spark.Values, nil)
			continue
		}
		spark.Values = append(spark.Values, fig.Value)
		if fig.Value != nil {
			known++
		}
	}
	if ip.Target != nil {
		spark.Target, spark.TargetToConfirm = &ip.Target.Value, ip.Target.ToConfirm
	}
	spark.Desc = sparkDesc(ip, known)
	if overlaps {
		spark.Desc = domain.NoTotal + ", so there is no line: the indicator's page shows each option."
	}
	c.Spark = spark
	return c
}

// targetPath is where the manager sets the indicator's target for the
// period, when a target is what it lacks to be rated; "" otherwise.
func targetPath(period domain.Period, ip store.IndicatorPerformance, why domain.Unrated) string {
	if !why.TargetCanFix() {
		return ""
	}
	return "/admin/indicators/" + strconv.FormatInt(ip.ID, 10) + "#" + templates.AdminPeriodSection(period)
}

func sparkDesc(ip store.IndicatorPerformance, known int) string {
	if known == 0 {
		return "No figures are known yet."
	}
	var b strings.Builder
	b.WriteString(itoa(known) + " of " + domain.CountOf(len(ip.Figures), "figure") + " known")
	if ip.Latest != nil && ip.Latest.Value != nil {
		b.WriteString("; the latest, " + dateName(ip.Indicator, ip.Latest.On) + ", is " + ip.Format(*ip.Latest.Value))
	}
	if ip.Target != nil {
		b.WriteString("; the target is " + ip.Target.String(ip.Unit))
	}
	b.WriteString(". The figures are in the table under Show data.")
	return b.String()
}

// directionView puts the like-for-like change against the previous period
// into words (domain.LikeForLike), with an arrow for which way the figure
// moved: a part year is compared with the same months of the year before.
func directionView(ip store.IndicatorPerformance) templates.DirectionView {
	l := ip.LikeForLike
	if ip.Overlaps() {
		return templates.DirectionView{Words: "No comparison: the options overlap"}
	}
	if !l.Comparable() {
		return templates.DirectionView{Words: domain.UpperFirst(l.Short(ip.Indicator))}
	}
	than := l.LastName
	d := templates.DirectionView{Kind: string(l.Direction)}
	was := ip.Format(*l.Last)
	switch l.Moved {
	case domain.MovedUp:
		d.Glyph, d.Detail = "↑", domain.UpperFirst(l.ChangeWords(ip.Indicator))+" from "+was
	case domain.MovedDown:
		d.Glyph, d.Detail = "↓", domain.UpperFirst(l.ChangeWords(ip.Indicator))+" from "+was
	default:
		d.Glyph, d.Detail = "→", "Also "+was
	}
	switch l.Direction {
	case domain.DirectionBetter:
		d.Words = "Better than " + than
	case domain.DirectionWorse:
		d.Words = "Worse than " + than
	case domain.DirectionSame:
		d.Words = "The same as " + than
	default:
		// Neither direction is better: say which way it moved.
		switch l.Moved {
		case domain.MovedUp:
			d.Words = "Higher than " + than
		case domain.MovedDown:
			d.Words = "Lower than " + than
		default:
			d.Words = "The same as " + than
		}
	}
	return d
}

// rankedAttention is an indicator needing attention, with its domain.Attention rank.
type rankedAttention struct {
	rank int
	item templates.AttentionItem
}

// fileAttention lists the indicators needing attention off target first,
// then worsening, in report order within each; those only missing a figure
// go to one line per agency, so the chair sees whom to ask.
func fileAttention(list []rankedAttention) (pressing []templates.AttentionItem, missing []templates.MissingGroup) {
	sort.SliceStable(list, func(i, j int) bool { return list[i].rank < list[j].rank })
	groupOf := map[string]int{}
	for _, a := range list {
		if a.rank < 2 {
			pressing = append(pressing, a.item)
			continue
		}
		k, ok := groupOf[a.item.Agency]
		if !ok {
			k = len(missing)
			groupOf[a.item.Agency] = k
			missing = append(missing, templates.MissingGroup{Agency: a.item.Agency})
		}
		missing[k].Items = append(missing[k].Items, a.item)
	}
	return pressing, missing
}

// attentionReasons puts why an indicator needs attention into words.
func attentionReasons(ip store.IndicatorPerformance, a domain.Attention) []string {
	var out []string
	if a.OffTarget {
		msg := "Off target"
		if ip.YTD != nil && ip.Target != nil {
			msg += ": " + ip.Format(*ip.YTD) + " against a target of " + ip.Target.String(ip.Unit)
		}
		out = append(out, msg)
	}
	if run := a.Worsening; len(run) > 0 {
		var figs []string
		for _, f := range run {
			figs = append(figs, ip.Format(*f.Value))
		}
		out = append(out, "Worse in each of the last three months: "+strings.Join(figs, ", ")+
			" ("+run[0].On.Format("January 2006")+" to "+run[len(run)-1].On.Format("January 2006")+")")
	}
	if a.Missing != nil {
		out = append(out, "No figure for "+dateName(ip.Indicator, *a.Missing))
	}
	return out
}

func sortOptions(list []templates.Option) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && strings.ToLower(list[j].Label) < strings.ToLower(list[j-1].Label); j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}
