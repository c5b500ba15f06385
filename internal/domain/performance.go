package domain

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Unit is what an indicator's figures measure.
type Unit string

// The units an indicator may have.
const (
	UnitCount      Unit = "count"
	UnitPercentage Unit = "percentage"
	UnitDays       Unit = "days"
	UnitRate       Unit = "rate_per_10000"
)

// Units lists every unit in the order forms offer them.
var Units = []Unit{UnitCount, UnitPercentage, UnitDays, UnitRate}

// Title is the unit as people say it.
func (u Unit) Title() string {
	switch u {
	case UnitCount:
		return "Count"
	case UnitPercentage:
		return "Percentage"
	case UnitDays:
		return "Days"
	case UnitRate:
		return "Rate per 10,000"
	}
	return string(u)
}

// Polarity says which way is better for an indicator.
type Polarity string

// The polarities an indicator may have.
const (
	PolarityHigher  Polarity = "higher"
	PolarityLower   Polarity = "lower"
	PolarityNeither Polarity = "neither"
)

// Polarities lists every polarity in the order forms offer them.
var Polarities = []Polarity{PolarityHigher, PolarityLower, PolarityNeither}

// Title is the polarity as people say it.
func (p Polarity) Title() string {
	switch p {
	case PolarityHigher:
		return "Higher is better"
	case PolarityLower:
		return "Lower is better"
	case PolarityNeither:
		return "Neither"
	}
	return string(p)
}

// Frequency is how often an indicator's figures are counted.
type Frequency string

// The frequencies an indicator may have.
const (
	FrequencyMonthly   Frequency = "monthly"
	FrequencyQuarterly Frequency = "quarterly"
	FrequencyYearly    Frequency = "yearly"
	FrequencySnapshot  Frequency = "snapshot"
)

// Frequencies lists every frequency in the order forms offer them.
var Frequencies = []Frequency{FrequencyMonthly, FrequencyQuarterly, FrequencyYearly, FrequencySnapshot}

// Title is the frequency as people say it.
func (f Frequency) Title() string {
	switch f {
	case FrequencyMonthly:
		return "Monthly"
	case FrequencyQuarterly:
		return "Quarterly"
	case FrequencyYearly:
		return "Yearly"
	case FrequencySnapshot:
		return "Snapshot on a date"
	}
	return string(f)
}

// YTDRule is how the year-to-date figure is formed from the period's figures.
type YTDRule string

// The year-to-date rules.
const (
	YTDSum    YTDRule = "sum"
	YTDLatest YTDRule = "latest"
	YTDMean   YTDRule = "mean"
	// YTDRatio is the sum of a numerator indicator over the sum of a denominator
	// indicator, as a percentage. A ratio indicator holds no figures of its own.
	YTDRatio YTDRule = "ratio"
)

// YTDRules lists every rule in the order forms offer them.
var YTDRules = []YTDRule{YTDSum, YTDLatest, YTDMean, YTDRatio}

// Title is the rule as people say it.
func (r YTDRule) Title() string {
	switch r {
	case YTDSum:
		return "Sum of the period"
	case YTDLatest:
		return "Latest figure"
	case YTDMean:
		return "Mean of the period"
	case YTDRatio:
		return "Ratio of two indicators"
	}
	return string(r)
}

// TargetOps are the operators a target may use.
var TargetOps = []string{"<", "<=", ">", ">="}

// OpSymbol shows an operator as people write it.
func OpSymbol(op string) string {
	switch op {
	case "<=":
		return "≤"
	case ">=":
		return "≥"
	}
	return op
}

// MaxDimensions is how many breakdowns an indicator may have.
const MaxDimensions = 3

// Dimension is a reusable, ordered list of options an indicator's figures can
// be broken down by: category of abuse, age band, gender, staff member.
type Dimension struct {
	ID      int64
	Name    string
	Options []DimensionOption
	Version int
	// Overlapping: one thing counted may fall under several options (a
	// conference records several causes for concern), so its options never
	// get a total. Otherwise exclusive: each falls under one (a child is in
	// one age band), and options add up.
	Overlapping bool
}

// Option returns the option with the given label (case-insensitive), or nil.
func (d Dimension) Option(label string) *DimensionOption {
	for i := range d.Options {
		if strings.EqualFold(strings.TrimSpace(label), d.Options[i].Label) {
			return &d.Options[i]
		}
	}
	return nil
}

// DimensionOption is one entry of a dimension, such as "0-5" of "Age band".
type DimensionOption struct {
	ID          int64
	DimensionID int64
	Position    int
	Label       string
}

// Indicator is a measure the board follows.
type Indicator struct {
	ID            int64
	Code          string // unique, such as NI59
	Name          string
	Description   string
	Theme         string // groups indicators in the report and on the dashboard
	Unit          Unit
	Polarity      Polarity
	Frequency     Frequency
	YTDRule       YTDRule
	NumeratorID   *int64 // only for YTDRatio
	DenominatorID *int64 // only for YTDRatio
	AgencyID      int64  // the agency that owns and enters the figures
	AgencySlug    string // filled when listing
	AgencyName    string // filled when listing
	// SuppressSmall shows counts from 1 to 4 as "<5" in the published report.
	SuppressSmall bool
	// Decimals is how many decimal places its figures are shown to (0–2);
	// nil: the unit's default (DefaultDecimals). See Places.
	Decimals   *int
	Position   int // order in the report within the board's list
	Dimensions []Dimension
	Version    int
	// ShareBaseID is the indicator (of the same frequency) whose figure for
	// the year the breakdown's shares are of, such as the conferences held
	// for their causes for concern; nil: of the breakdown's own total.
	ShareBaseID *int64
}

// Overlaps reports whether one of the indicator's breakdowns is overlapping
// (Dimension.Overlapping): its figures are then never added up across that
// breakdown's options, so the indicator has no figure for all of them (no
// year to date, latest total, comparison, rolling 12 months or rating) and
// no total row or column, on any page, chart or file.
func (ind Indicator) Overlaps() bool {
	for _, d := range ind.Dimensions {
		if d.Overlapping {
			return true
		}
	}
	return false
}

// AddsUpOver reports whether a figure over the options (one per breakdown,
// in order; 0 meaning every option of that breakdown, or a breakdown the
// indicator lacks) may be shown: it is not a total across an overlapping
// breakdown's options.
func AddsUpOver(dims []Dimension, options [MaxDimensions]int64) bool {
	for k, d := range dims {
		if k < MaxDimensions && d.Overlapping && options[k] == 0 {
			return false
		}
	}
	return true
}

// IsRatio reports whether the indicator is computed from two others.
func (ind Indicator) IsRatio() bool { return ind.YTDRule == YTDRatio }

// Dates lists the dates an indicator's figures fall on in a period: the first
// day of each month (monthly), of each quarter (quarterly), of the period
// (yearly), or the period's last day (a snapshot; other snapshot dates within
// the period are allowed too).
func (ind Indicator) Dates(p Period) []time.Time {
	start := time.Date(p.StartsOn.Year(), p.StartsOn.Month(), 1, 0, 0, 0, 0, time.UTC)
	var out []time.Time
	switch ind.Frequency {
	case FrequencyMonthly:
		for m := start; !m.After(p.EndsOn); m = m.AddDate(0, 1, 0) {
			out = append(out, m)
		}
	case FrequencyQuarterly:
		for m := start; !m.After(p.EndsOn); m = m.AddDate(0, 3, 0) {
			out = append(out, m)
		}
	case FrequencyYearly:
		out = append(out, start)
	case FrequencySnapshot:
		e := p.EndsOn
		out = append(out, time.Date(e.Year(), e.Month(), e.Day(), 0, 0, 0, 0, time.UTC))
	}
	return out
}

// DateLabel writes a figure's date the way files and grids name it: YYYY-MM
// for monthly, quarterly and yearly figures, YYYY-MM-DD for snapshots.
func (ind Indicator) DateLabel(d time.Time) string {
	if ind.Frequency == FrequencySnapshot {
		return d.Format(time.DateOnly)
	}
	return d.Format("2006-01")
}

// ParseDate reads a date written as DateLabel writes it and checks that it is
// one of the indicator's dates in the period (any day of the period for a
// snapshot). The message is plain English for the person who typed it.
func (ind Indicator) ParseDate(p Period, s string) (time.Time, string) {
	s = strings.TrimSpace(s)
	if ind.Frequency == FrequencySnapshot {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return time.Time{}, fmt.Sprintf("Enter the snapshot date as YYYY-MM-DD, such as %s", p.EndsOn.Format(time.DateOnly))
		}
		if d.Before(p.StartsOn) || d.After(p.EndsOn) {
			return time.Time{}, fmt.Sprintf("The date %s is not in %s (%s to %s)", s, p.Label, p.StartsOn.Format("2 January 2006"), p.EndsOn.Format("2 January 2006"))
		}
		return d, ""
	}
	d, err := time.Parse("2006-01", s)
	if err != nil {
		return time.Time{}, "Enter the month as YYYY-MM, such as " + p.StartsOn.Format("2006-01")
	}
	for _, want := range ind.Dates(p) {
		if want.Equal(d) {
			return d, ""
		}
	}
	if ind.Frequency == FrequencyQuarterly {
		return time.Time{}, fmt.Sprintf("%s is not the first month of a quarter of %s: use April, July, October or January", s, p.Label)
	}
	if ind.Frequency == FrequencyYearly {
		return time.Time{}, fmt.Sprintf("A yearly figure for %s goes in %s", p.Label, p.StartsOn.Format("2006-01"))
	}
	return time.Time{}, fmt.Sprintf("The month %s is not in %s", s, p.Label)
}

// ParseValue reads a typed figure. Blank means not known yet (ok, nil). The
// message is plain English and names what is allowed.
func (ind Indicator) ParseValue(s string) (v *float64, msg string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, ""
	}
	clean := strings.TrimSuffix(strings.ReplaceAll(s, ",", ""), "%")
	f, err := strconv.ParseFloat(strings.TrimSpace(clean), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, fmt.Sprintf("Enter a number, not %q", s)
	}
	if msg := ind.CheckValue(f); msg != "" {
		return nil, msg
	}
	return &f, ""
}

// CheckValue says what is wrong with a figure for this indicator, or "".
func (ind Indicator) CheckValue(f float64) string {
	switch ind.Unit {
	case UnitPercentage:
		if f < 0 || f > 100 {
			return "Enter a percentage from 0 to 100"
		}
	case UnitCount:
		if f < 0 || f != math.Trunc(f) {
			return "Enter a whole number, 0 or more"
		}
		if f > 1e12 {
			return "Enter a count under 1,000,000,000,000"
		}
	default:
		if f < 0 {
			return "Enter a number, 0 or more"
		}
		if f > 1e12 {
			return "Enter a number under 1,000,000,000,000"
		}
	}
	return ""
}

// Cell names one figure: an indicator, a date and up to three breakdown
// options (0 where the indicator has fewer dimensions).
type Cell struct {
	IndicatorID int64
	On          time.Time
	Options     [MaxDimensions]int64
}

// CellValue is a figure; nil Value means not known (blank).
type CellValue struct {
	Cell
	Value *float64
}

// Figure is an indicator's figure on one date: for an indicator with
// breakdowns the total over every option (for the mean rule, the mean of the
// options known), for a ratio indicator the sum of its numerator over the sum
// of its denominator that date, as a percentage.
type Figure struct {
	On    time.Time
	Value *float64 // nil: not known
}

// Target is what an indicator should reach in a period.
type Target struct {
	IndicatorID int64
	PeriodID    int64
	Op          string   // <, <=, >, >=
	Value       float64  // in the indicator's unit
	Amber       *float64 // how far past the threshold is still amber; nil for none
	Source      string   // such as LAA
	// ToConfirm marks a target carried from last year that the manager has
	// not yet confirmed: it is shown as such and nothing is rated against it.
	ToConfirm bool
}

// String writes the target as the seed does: <14%, or <14% (to be
// confirmed) until the manager confirms a target carried from last year.
func (t Target) String(u Unit) string {
	if t.ToConfirm {
		return OpSymbol(t.Op) + FormatValue(u, t.Value) + " (to be confirmed)"
	}
	return OpSymbol(t.Op) + FormatValue(u, t.Value)
}

// ComparatorSeries is a named comparator: statistical neighbours, England.
type ComparatorSeries struct {
	ID   int64
	Name string
}

// ComparatorValue is a comparator's figure for an indicator in the year that
// starts in April of Year (2009 is 2009/10).
type ComparatorValue struct {
	IndicatorID int64
	SeriesID    int64
	Year        int
	Value       float64
}

// RAG is a red, amber or green rating against a target.
type RAG string

// The ratings. RAGNone means no target or no figure.
const (
	RAGGreen RAG = "green"
	RAGAmber RAG = "amber"
	RAGRed   RAG = "red"
	RAGNone  RAG = ""
)

// Title is the rating in words, so it never rests on colour alone.
func (r RAG) Title() string {
	switch r {
	case RAGGreen:
		return "On target"
	case RAGAmber:
		return "Near target"
	case RAGRed:
		return "Off target"
	}
	return "Not rated"
}

// LowerFirst lowers the first letter of a phrase to put it inside a sentence
// ("Comparators for 2009/10" → "comparators for 2009/10"); an acronym such as
// CP or NI65 stays as it is.
func LowerFirst(s string) string {
	if s == "" || (len(s) > 1 && strings.ToUpper(s[:2]) == s[:2]) {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// FormatValue writes a figure in its unit to the unit's default decimal
// places (DefaultDecimals): 1,842; 17%; 12.5 days. Where the indicator is
// known, Indicator.Format writes it to the indicator's own.
func FormatValue(u Unit, v float64) string { return FormatIn(u, v, DefaultDecimals(u)) }

func formatNumber(v float64) string { return Round(v, 1) }
