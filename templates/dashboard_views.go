package templates

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/a-h/templ"

	"safeboard/internal/domain"
)

// DashboardView is the chair's dashboard for a period.
type DashboardView struct {
	// Aims are the period's strategic aims, to filter by.
	Aims    []Option
	Period  domain.Period
	Filters DashboardFilters
	// The filters' choices: every theme and every agency owning an indicator.
	Themes   []Option
	Agencies []Option
	RAGs     []Option

	Progress ReturnsProgress

	Total     int        // indicators before filtering
	RAGCounts []RAGCount // of the indicators shown
	Groups    []CardGroup
	// Attention lists the shown indicators that need attention for being off
	// target or getting worse (with a missing figure too, if so).
	Attention []AttentionItem
	// Missing groups by agency the shown indicators that need attention only
	// for a missing figure.
	Missing []MissingGroup
	// DueLabel names the month whose figure is due: "March 2010"; empty before any has ended.
	DueLabel string
	// Comparisons are the shown indicators with comparator values: ours against each series by year.
	Comparisons []ComparisonView
	// Provisional says how many figures are provisional and whose; Switch
	// is the manager's switch to accepted figures only.
	Provisional ProvisionalSummary
	Switch      FiguresSwitch
}

// MaxComparisonCharts is how many comparison charts the dashboard draws; past
// it (a board with hundreds of indicators, unfiltered) the same figures show
// as one table by year, each indicator's chart being on its own page.
const MaxComparisonCharts = 12

// ComparisonYears are the years of every comparison, in order: the table's columns.
func (v DashboardView) ComparisonYears() []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range v.Comparisons {
		for _, y := range c.Chart.XLabels {
			if !seen[y] {
				seen[y] = true
				out = append(out, y)
			}
		}
	}
	sort.Strings(out)
	return out
}

// ByYear is a series' figures in the given years: "–" where none is known.
func (c ComparisonView) ByYear(series int, years []string) []string {
	out := make([]string, len(years))
	for k, y := range years {
		out[k] = "–"
		for i, label := range c.Chart.XLabels {
			if label == y && series < len(c.Chart.Series) {
				out[k] = cellValue(c.Chart.Unit, c.Chart.Places, at(c.Chart.Series[series].Values, i))
			}
		}
	}
	return out
}

// Shown counts the indicators on cards.
func (v DashboardView) Shown() int {
	n := 0
	for _, g := range v.Groups {
		n += len(g.Cards)
	}
	return n
}

// Filtered reports whether any filter is set.
func (v DashboardView) Filtered() bool { return v.Filters != DashboardFilters{} }

// PeriodGlance is where an open period stands, on the home page of those who
// read its dashboard: the dashboard's own counts, without the cards.
type PeriodGlance struct {
	Period        domain.Period
	DashboardPath string
	Progress      ReturnsProgress
	RAGCounts     []RAGCount
	Indicators    int // how many indicators the dashboard shows
	// Attention are the indicators off target or worse three months running.
	Attention []AttentionItem
	// Missing counts the indicators that need attention only for a figure not yet in.
	Missing  int
	DueLabel string // the month whose figure is due: "March 2010"
}

// MaxGlanceAttention is how many indicators needing attention the home page
// names; the dashboard has the rest.
const MaxGlanceAttention = 5

// FirstAttention is the indicators needing attention the home page names.
func (g PeriodGlance) FirstAttention() []AttentionItem {
	return g.Attention[:min(len(g.Attention), MaxGlanceAttention)]
}

// RatingPath is the dashboard filtered to one rating.
func (g PeriodGlance) RatingPath(r domain.RAG) string {
	return g.DashboardPath + "?rag=" + ragKey(r) + "#indicators"
}

// DashboardFilters are the dashboard's filters, as in its address.
type DashboardFilters struct {
	Theme  string // a theme's name
	Agency string // an agency's slug
	Aim    string // a strategic aim's id
	RAG    string // red, amber, green or none
}

// ReturnsProgress is where the period's returns stand.
type ReturnsProgress struct {
	Counts       []StatusCount
	Overdue      []domain.Agency
	Total        int
	OverviewPath string // the returns overview, for those who may open it
	Deadline     string // "30 April 2010", or ""
	PeriodOpen   bool   // the deadline is still to come or is being chased
}

// RAGCount is how many shown indicators have a rating.
type RAGCount struct {
	RAG   domain.RAG
	Count int
}

// CardGroup is a theme's cards.
type CardGroup struct {
	Theme string
	Cards []IndicatorCard
}

// IndicatorCard is one indicator on the dashboard.
type IndicatorCard struct {
	Code, Name string
	Path       string // the indicator's page
	Agency     string
	Latest     string // "17%", or "" when no figure is known
	LatestOn   string // "March 2010"
	YTD        string
	YTDHeading string // "Year to date", "Latest" (snapshots), "Average"
	YTDRule    string // "Sum of the period"
	Target     string // "<14%", or ""
	RAG        domain.RAG
	// Unrated says why the indicator is not rated ("" when it is).
	Unrated domain.Unrated
	// TargetPath leads the manager to set the period's target, when that
	// is what would rate the indicator; "" for everyone else.
	TargetPath string
	Direction  DirectionView
	Spark      Sparkline
	// Provisional: the period's figures (Latest, YTD) come from a return
	// not yet accepted, and are marked so.
	Provisional bool
	// Withheld: they are provisional and left out (accepted figures only).
	Withheld bool
}

// Cards are the shown indicators' cards in report order: the scorecard's rows.
func (v DashboardView) Cards() []IndicatorCard {
	var out []IndicatorCard
	for _, g := range v.Groups {
		out = append(out, g.Cards...)
	}
	return out
}

// Renamed is the sparkline with another id, to draw it twice on a page.
func (s Sparkline) Renamed(id string) Sparkline {
	s.ID = id
	return s
}

// DirectionView is the change against the previous period in words and an arrow.
type DirectionView struct {
	Glyph  string // ↑ ↓ → , or "" when not known
	Words  string // "Worse than 2008/09"
	Detail string // "up from 14.2%"
	Kind   string // better, worse, same, or "" (no judgement)
}

// Short is the direction in a word for the scorecard ("Worse", "Higher"),
// or a dash when there is nothing to compare with: Words in full stays
// beside it for screen readers.
func (d DirectionView) Short() string {
	if d.Glyph == "" {
		return "–"
	}
	word, _, _ := strings.Cut(d.Words, " ")
	if word == "The" { // "The same as 2008/09"
		return "Same"
	}
	return word
}

// MissingGroup is an agency's indicators whose only need of attention is a
// missing figure: one line per agency, so a chair sees whom to ask.
type MissingGroup struct {
	Agency string
	Items  []AttentionItem
}

// AttentionItem is an indicator that needs attention, with why.
type AttentionItem struct {
	Code, Name, Path, Agency string
	RAG                      domain.RAG
	Reasons                  []string
}

// ComparisonView is an indicator's figure against its comparators by year.
type ComparisonView struct {
	Code, Name, Path string
	Chart            LineChart
}

// IndicatorPageView is one indicator's page for a period.
type IndicatorPageView struct {
	Period      domain.Period
	Card        IndicatorCard
	Description string
	Unit        string
	Polarity    string
	Frequency   string
	TargetNote  string // "<14% (LAA)"
	Trend       LineChart
	Months      []MonthRow
	DateHeading string // Month, Quarter, Date
	ThisLabel   string // 2009/10
	LastLabel   string // 2008/09
	LastYTD     string
	// LikeForLike is the change on the same months of the year before, in
	// words: "Apr–Dec 2009: 333, against 288 in Apr–Dec 2008: up 45 (15.6%)".
	LikeForLike string
	// Rolling is the figure over the last twelve months, or "" (snapshots).
	Rolling, RollingName string
	// RollingProvisional, LastProvisional: the rolling figure and last
	// year's are provisional (the period's are marked on Card).
	RollingProvisional, LastProvisional bool
	// Provisional says whose returns the figures await; Switch is the
	// manager's switch to accepted figures only.
	Provisional ProvisionalSummary
	Switch      FiguresSwitch
	Commentary  string
	// NoTotal: the indicator's options overlap (domain.Indicator.Overlaps),
	// so the page shows no figure adding them up: no trend, no figures by
	// month, no comparison; only each option's.
	NoTotal    bool
	Breakdowns []StackedBarChart
	// BreakdownLines draw a line per option where options must not be
	// stacked into a total: a mean's, an overlapping breakdown's.
	BreakdownLines []LineChart
	Comparison     *LineChart
	Attention      []string
	DashPath       string
	Challenges     *ChallengePanel // the challenges about the indicator (challenges.templ)
}

// MonthRow is one row of an indicator's monthly table.
type MonthRow struct {
	Label string
	This  string
	Last  string
	// ThisProvisional, LastProvisional: the figure is provisional.
	ThisProvisional, LastProvisional bool
}

// RAGShape is the shape drawn beside a rating, so it never rests on colour:
// a circle on target, a triangle near it, a square off it, a dashed ring when not rated.
func RAGShape(r domain.RAG) string {
	switch r {
	case domain.RAGGreen:
		return "circle"
	case domain.RAGAmber:
		return "triangle"
	case domain.RAGRed:
		return "square"
	}
	return "ring"
}

// ragTagColour is the GOV.UK tag colour for a rating.
func ragTagColour(r domain.RAG) string {
	switch r {
	case domain.RAGGreen:
		return "green"
	case domain.RAGAmber:
		return "yellow"
	case domain.RAGRed:
		return "red"
	}
	return "grey"
}

// ragKey is a rating as it appears in the address: none for not rated.
func ragKey(r domain.RAG) string {
	if r == domain.RAGNone {
		return "none"
	}
	return string(r)
}

// OrDash is s, or a dash for a figure not known.
func OrDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// missingNote is what to say beside an indicator missing a figure other than
// the one for the month due ("January 2010" for a quarter), or "".
func missingNote(due string, reasons []string) string {
	for _, r := range reasons {
		if when, ok := strings.CutPrefix(r, "No figure for "); ok && when != due {
			return when
		}
	}
	return ""
}

// missingLinks writes an agency's indicators missing a figure as links
// separated by commas ("CPC, NI67 (January 2010), REF"), without the spaces
// a template puts between elements on separate lines.
func missingLinks(due string, items []AttentionItem) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		var b strings.Builder
		for i, a := range items {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, `<a class="govuk-link" href="%s" data-testid="missing-item" data-code="%s" title="%s">%s</a>`,
				templ.EscapeString(string(templ.URL(a.Path))), templ.EscapeString(a.Code), templ.EscapeString(a.Name), templ.EscapeString(a.Code))
			if note := missingNote(due, a.Reasons); note != "" {
				b.WriteString(" (" + templ.EscapeString(note) + ")")
			}
		}
		_, err := io.WriteString(w, b.String())
		return err
	})
}
