package domain

import (
	"regexp"
	"strings"
	"time"
)

// Live figures in narrative (issue 13): any text a person writes can quote a
// figure by reference, written {{CODE.field}}, so that it cannot contradict a
// table. The reference is checked when the text is saved and rendered, with
// the indicator's unit, precision and provisional mark, wherever the text is
// shown; a published version keeps the text as it was rendered.

// RefFields are the fields a reference may quote, as the editors list them.
var RefFields = []struct{ Name, Says string }{
	{"ytd", "the year to date (the latest figure for a snapshot)"},
	{"latest", "the latest month’s figure and its month"},
	{"target", "the target, such as <14%"},
	{"change", "the change on the same months of the year before, in words"},
	{"month:YYYY-MM", "one month’s figure, such as month:2009-04"},
	{"num", "a ratio’s numerator over the year to date"},
	{"den", "a ratio’s denominator over the year to date"},
}

// refPattern finds anything written as a reference; refShape is a
// well-formed one: a code, a field, and for month a year and month.
var (
	refPattern = regexp.MustCompile(`\{\{([^{}]*)\}\}`)
	refShape   = regexp.MustCompile(`^([A-Za-z0-9][A-Za-z0-9_-]*)\.([a-z]+)(?::([0-9]{4})-([0-9]{2}))?$`)
)

// Ref is one reference in a text.
type Ref struct {
	Text  string // as written, with its braces
	Code  string // as written
	Field string
	Month time.Time // month: only
}

// RefIndicator is what checking a reference needs to know of an indicator.
type RefIndicator struct {
	Code    string
	IsRatio bool
}

// ParseRef reads one reference's inside ("NI65.ytd"), or says what is wrong with it.
func ParseRef(inside string) (Ref, string) {
	text := "{{" + inside + "}}"
	m := refShape.FindStringSubmatch(strings.TrimSpace(inside))
	if m == nil {
		return Ref{Text: text}, text + " is not a reference: write an indicator’s code, a full stop and a field, such as {{NI65.ytd}}"
	}
	r := Ref{Text: text, Code: m[1], Field: m[2]}
	switch r.Field {
	case "ytd", "latest", "target", "change", "num", "den":
		if m[3] != "" {
			return r, text + ": only month takes a month after a colon"
		}
	case "month":
		if m[3] == "" {
			return r, text + ": write the month after a colon, such as {{" + r.Code + ".month:2009-04}}"
		}
		on, err := time.Parse("2006-01", m[3]+"-"+m[4])
		if err != nil {
			return r, text + ": " + m[3] + "-" + m[4] + " is not a month"
		}
		r.Month = on
	default:
		return r, text + ": " + r.Field + " is not a field; use ytd, latest, target, change, month:YYYY-MM, num or den"
	}
	return r, ""
}

// CheckRefs says what is wrong with each reference of a text, naming it:
// one that is not well formed, names no indicator, or asks a part of an
// indicator that is not a ratio.
func CheckRefs(text string, indicators map[string]RefIndicator) []string {
	if !strings.Contains(text, "{{") {
		return nil
	}
	var out []string
	for _, m := range refPattern.FindAllStringSubmatch(text, -1) {
		r, problem := ParseRef(m[1])
		if problem == "" {
			ind, ok := indicators[strings.ToUpper(r.Code)]
			switch {
			case !ok:
				problem = r.Text + " names no indicator: there is no " + r.Code
			case (r.Field == "num" || r.Field == "den") && !ind.IsRatio:
				problem = r.Text + ": " + ind.Code + " is not a ratio, so it has no " + r.Field
			}
		}
		if problem != "" {
			out = append(out, problem)
		}
	}
	return out
}

// YearMonth is a month of a year, as figures by month are kept.
type YearMonth struct {
	Year  int
	Month time.Month
}

// MonthOf is the month t falls in.
func MonthOf(t time.Time) YearMonth { return YearMonth{Year: t.Year(), Month: t.Month()} }

// RefFigures are one indicator's figures in a period, as references quote them.
type RefFigures struct {
	Indicator
	YTD         *float64
	Target      *Target
	Latest      *Figure
	Months      map[YearMonth]*float64 // figures by month: the period's and earlier years'
	Num, Den    *float64               // a ratio's parts over the year to date
	NumInd      Indicator              // how the parts are written
	DenInd      Indicator
	Change      LikeForLike
	Provisional bool // the owning agency's return is not yet accepted
}

// RefNotKnown stands where a figure a reference quotes is not known.
const RefNotKnown = "not known"

// Render writes what a well-formed reference quotes.
func (f RefFigures) Render(r Ref) string {
	figure := func(ind Indicator, v *float64) string {
		if v == nil {
			return RefNotKnown
		}
		return ind.FormatMarked(*v, f.Provisional)
	}
	switch r.Field {
	case "ytd":
		return figure(f.Indicator, f.YTD)
	case "latest":
		if f.Latest == nil || f.Latest.Value == nil {
			return RefNotKnown
		}
		when := "in " + f.Latest.On.Format("January 2006")
		switch f.Frequency {
		case FrequencySnapshot:
			when = "at " + f.Latest.On.Format("2 January 2006")
		case FrequencyQuarterly:
			when = "in " + f.Latest.On.Format("Jan") + "–" + f.Latest.On.AddDate(0, 2, 0).Format("Jan 2006")
		case FrequencyYearly:
			when = "in the year"
		}
		return figure(f.Indicator, f.Latest.Value) + " " + when
	case "target":
		if f.Target == nil {
			return "no target"
		}
		return f.Target.String(f.Unit)
	case "change":
		return f.Change.Short(f.Indicator)
	case "month":
		return figure(f.Indicator, f.Months[MonthOf(r.Month)])
	case "num":
		return figure(f.NumInd, f.Num)
	case "den":
		return figure(f.DenInd, f.Den)
	}
	return RefNotKnown
}

// ExpandRefs writes the text with each reference replaced by the figure it
// quotes. A reference that no longer names an indicator (one removed since
// the text was saved) or is not well formed is left as written.
func ExpandRefs(text string, figures map[string]RefFigures) string {
	if !strings.Contains(text, "{{") {
		return text
	}
	return refPattern.ReplaceAllStringFunc(text, func(s string) string {
		r, problem := ParseRef(s[2 : len(s)-2])
		if problem != "" {
			return s
		}
		f, ok := figures[strings.ToUpper(r.Code)]
		if !ok {
			return s
		}
		return f.Render(r)
	})
}
