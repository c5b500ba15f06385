package domain

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// DateSums are an indicator's sums on one date, as the database keeps them
// (table indicator_totals): what a like-for-like comparison and a rolling
// figure are formed from, by the indicator's rule.
type DateSums struct {
	On    time.Time
	Total float64 // the sum of the date's figures (its breakdown's cells); for a ratio, its numerator's
	Cells int     // how many figures the sum holds: what a mean divides by
	// Denominator is a ratio's denominator's sum on the date; nil for other
	// rules. A ratio has a figure on a date only where both parts have one
	// and the denominator is not 0.
	Denominator *float64
}

// LikeForLike is a year's figure against the previous year's, over the same
// months of each: what every page says when it says "up 45 (15.6%) on
// Apr–Dec 2008". Comparison judges the change; the rest names what was
// compared.
type LikeForLike struct {
	Comparison
	// This and Last name what was compared: the periods' labels (2009/10)
	// for whole years, the months (Apr–Dec 2009) for part years, the dates
	// (31 Mar 2010) for snapshots. Both "" when nothing could be compared.
	ThisName, LastName string
	// Whole is true when every date of both years was compared.
	Whole bool
	// Percent is the change as a share of last year's figure (15.6 for up
	// 15.6%); nil for percentages (their change is in points), when last
	// year's figure is 0, or when nothing was compared.
	Percent *float64
	// LastPeriod is the previous period's label, to say there is "no
	// like-for-like comparison with 2008/09".
	LastPeriod string
}

// Comparable reports whether any figure could be compared like for like.
func (l LikeForLike) Comparable() bool { return l.This != nil && l.Last != nil }

// CompareLikeForLike compares an indicator's figure in a period with the
// previous period's over the dates both have, by its rule: a sum of the
// same months; the mean of the same months' figures; a ratio of the same
// months' summed parts; the latest month both years have (rule latest).
// A snapshot indicator compares its latest snapshot with the previous
// period's snapshot nearest to a year before it. this and last are the
// periods' sums by date, in any order.
//
// Every page that compares a year with the one before reads this: the
// dashboard's card and direction, the indicator's page, section 4 and the
// data appendix.
func (ind Indicator) CompareLikeForLike(period, previous Period, this, last []DateSums) LikeForLike {
	out := LikeForLike{LastPeriod: previous.Label}
	if ind.Frequency == FrequencySnapshot {
		return ind.compareSnapshots(out, this, last)
	}
	lastOn := make(map[time.Time]DateSums, len(last))
	for _, s := range last {
		if ind.hasFigure(s) {
			lastOn[s.On] = s
		}
	}
	var a, b []DateSums
	for _, s := range sortedSums(this) {
		if !ind.hasFigure(s) || s.On.Before(period.StartsOn) || s.On.After(period.EndsOn) {
			continue
		}
		if p, ok := lastOn[s.On.AddDate(-1, 0, 0)]; ok {
			a, b = append(a, s), append(b, p)
		}
	}
	if len(a) == 0 {
		return out
	}
	out.Comparison = Compare(ind.Polarity, ind.over(a), ind.over(b))
	out.Whole = len(a) == len(ind.Dates(period))
	if out.Whole {
		out.ThisName, out.LastName = period.Label, previous.Label
	} else {
		out.ThisName, out.LastName = ind.monthsName(a), ind.monthsName(b)
	}
	out.Percent = ind.percentChange(out.Comparison)
	return out
}

func (ind Indicator) compareSnapshots(out LikeForLike, this, last []DateSums) LikeForLike {
	var latest *DateSums
	for k := range this {
		if ind.hasFigure(this[k]) && (latest == nil || this[k].On.After(latest.On)) {
			latest = &this[k]
		}
	}
	if latest == nil {
		return out
	}
	want := latest.On.AddDate(-1, 0, 0)
	var nearest *DateSums
	gap := func(d time.Time) time.Duration {
		g := d.Sub(want)
		if g < 0 {
			return -g
		}
		return g
	}
	for k := range last {
		if !ind.hasFigure(last[k]) {
			continue
		}
		if nearest == nil || gap(last[k].On) < gap(nearest.On) ||
			(gap(last[k].On) == gap(nearest.On) && last[k].On.After(nearest.On)) {
			nearest = &last[k]
		}
	}
	if nearest == nil {
		return out
	}
	out.Comparison = Compare(ind.Polarity, ind.over([]DateSums{*latest}), ind.over([]DateSums{*nearest}))
	out.ThisName, out.LastName = latest.On.Format("2 Jan 2006"), nearest.On.Format("2 Jan 2006")
	out.Percent = ind.percentChange(out.Comparison)
	return out
}

// hasFigure reports whether the indicator has a figure on the date.
func (ind Indicator) hasFigure(s DateSums) bool {
	if ind.YTDRule == YTDRatio {
		return s.Denominator != nil && *s.Denominator != 0
	}
	return s.Cells > 0
}

// over forms the indicator's figure over some dates, in date order, by its
// rule; nil when it has none.
func (ind Indicator) over(sums []DateSums) *float64 {
	if len(sums) == 0 {
		return nil
	}
	// summed and divided as decimals (exact.go), so a half stays a half
	totals := make([]float64, 0, len(sums))
	var dens []float64
	cells := 0
	for _, s := range sums {
		totals = append(totals, s.Total)
		cells += s.Cells
		if s.Denominator != nil {
			dens = append(dens, *s.Denominator)
		}
	}
	total, den := exactSum(totals), exactSum(dens)
	var v float64
	switch ind.YTDRule {
	case YTDSum:
		v = total
	case YTDMean:
		if cells == 0 {
			return nil
		}
		v = exactRatio(total, float64(cells), 1)
	case YTDRatio:
		if den == 0 {
			return nil
		}
		v = exactRatio(total, den, 100)
	case YTDLatest:
		// the last date's figure (of a breakdown, its total), as YearToDate
		v = sums[len(sums)-1].Total
	default:
		return nil
	}
	return &v
}

func (ind Indicator) percentChange(c Comparison) *float64 {
	if ind.Unit == UnitPercentage || c.Change == nil || *c.Last == 0 {
		return nil
	}
	p := exactRatio(*c.Change, math.Abs(*c.Last), 100)
	return &p
}

// monthsName names the months some dates cover, in date order: "Apr–Dec
// 2009", "Apr–Jun, Sep 2009", "Apr 2009–Feb 2010". A quarter covers its
// three months.
func (ind Indicator) monthsName(sums []DateSums) string {
	step := 1
	if ind.Frequency == FrequencyQuarterly {
		step = 3
	}
	type span struct{ from, to time.Time }
	var spans []span
	for _, s := range sums {
		end := s.On.AddDate(0, step-1, 0)
		if n := len(spans); n > 0 && spans[n-1].to.AddDate(0, 1, 0).Equal(s.On) {
			spans[n-1].to = end
			continue
		}
		spans = append(spans, span{s.On, end})
	}
	oneYear := spans[0].from.Year() == spans[len(spans)-1].to.Year()
	parts := make([]string, len(spans))
	for k, sp := range spans {
		var p string
		switch {
		case sp.from.Equal(sp.to) && oneYear:
			p = sp.from.Format("Jan")
		case sp.from.Equal(sp.to):
			p = sp.from.Format("Jan 2006")
		case oneYear:
			p = sp.from.Format("Jan") + "–" + sp.to.Format("Jan")
		case sp.from.Year() == sp.to.Year():
			p = sp.from.Format("Jan") + "–" + sp.to.Format("Jan 2006")
		default:
			p = sp.from.Format("Jan 2006") + "–" + sp.to.Format("Jan 2006")
		}
		parts[k] = p
	}
	s := strings.Join(parts, ", ")
	if oneYear {
		s += " " + spans[0].from.Format("2006")
	}
	return s
}

// ChangeWords is the change in words, without the figures: "up 45
// (15.6%)", "down 2.5 percentage points", "no change"; "" when nothing was
// compared.
func (l LikeForLike) ChangeWords(ind Indicator) string {
	if !l.Comparable() {
		return ""
	}
	if l.Moved == MovedLevel {
		return "no change"
	}
	amount := ind.Format(math.Abs(*l.Change))
	if ind.Unit == UnitPercentage {
		n := strings.TrimSuffix(amount, "%")
		amount = n + " percentage " + plural(n, "point")
	}
	w := "up "
	if l.Moved == MovedDown {
		w = "down "
	}
	w += amount
	if l.Percent != nil {
		w += " (" + Round(math.Abs(*l.Percent), 1) + "%)"
	}
	return w
}

// Short is the change against what it was compared with, in a few words
// for a card or a table cell: "up 45 (15.6%) on Apr–Dec 2008", "no change
// on 2008/09", "no like-for-like comparison with 2008/09".
func (l LikeForLike) Short(ind Indicator) string {
	if !l.Comparable() {
		return l.none()
	}
	return l.ChangeWords(ind) + " on " + l.LastName
}

// Sentence is the comparison in full: "Apr–Dec 2009: 333, against 288 in
// Apr–Dec 2008: up 45 (15.6%)"; "No like-for-like comparison with 2008/09"
// when no date is in both years. Figures marked provisional say so.
func (l LikeForLike) Sentence(ind Indicator, thisProvisional, lastProvisional bool) string {
	if !l.Comparable() {
		return UpperFirst(l.none())
	}
	return fmt.Sprintf("%s: %s, against %s %s %s: %s", l.ThisName, ind.FormatMarked(*l.This, thisProvisional),
		ind.FormatMarked(*l.Last, lastProvisional), l.preposition(ind), l.LastName, l.ChangeWords(ind))
}

func (l LikeForLike) preposition(ind Indicator) string {
	if ind.Frequency == FrequencySnapshot {
		return "at"
	}
	return "in"
}

func (l LikeForLike) none() string {
	if l.LastPeriod == "" {
		return "no like-for-like comparison"
	}
	return "no like-for-like comparison with " + l.LastPeriod
}

// UpperFirst raises the first letter of a phrase to start a sentence.
func UpperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// plural is word, or its plural when the number written is not 1.
func plural(number, word string) string {
	if number == "1" {
		return word
	}
	return word + "s"
}

// sortedSums are the sums in date order (a copy when they are not).
func sortedSums(s []DateSums) []DateSums {
	for k := 1; k < len(s); k++ {
		if s[k].On.Before(s[k-1].On) {
			c := append([]DateSums(nil), s...)
			for i := 1; i < len(c); i++ {
				for j := i; j > 0 && c[j].On.Before(c[j-1].On); j-- {
					c[j], c[j-1] = c[j-1], c[j]
				}
			}
			return c
		}
	}
	return s
}

// Rolling12 is the indicator's figure over the twelve months up to its
// latest date with a figure, across the periods' boundary: the sum of the
// twelve months, the mean of their figures, or the ratio of their summed
// parts. sums are its sums by date, of this period and the one before; ok
// is false for snapshots and the latest rule (a rolling figure means
// nothing for them) and when there is no figure.
func (ind Indicator) Rolling12(sums []DateSums) (v float64, from, to time.Time, ok bool) {
	if ind.Frequency == FrequencySnapshot || ind.YTDRule == YTDLatest || ind.YTDRule == "" {
		return 0, from, to, false
	}
	var known []DateSums
	for _, s := range sortedSums(sums) {
		if ind.hasFigure(s) {
			known = append(known, s)
		}
	}
	if len(known) == 0 {
		return 0, from, to, false
	}
	to = known[len(known)-1].On
	from = to.AddDate(-1, 0, 0)
	var in []DateSums
	for _, s := range known {
		if s.On.After(from) {
			in = append(in, s)
		}
	}
	r := ind.over(in)
	if r == nil {
		return 0, from, to, false
	}
	return *r, in[0].On, to, true
}

// YTDHeading names the indicator's figure for the year by its rule: "Latest"
// for a snapshot (never a sum of snapshots) and the latest rule, "Average"
// for a mean, otherwise "Year to date".
func (ind Indicator) YTDHeading() string {
	switch {
	case ind.Frequency == FrequencySnapshot, ind.YTDRule == YTDLatest:
		return "Latest"
	case ind.YTDRule == YTDMean:
		return "Average"
	}
	return "Year to date"
}

// RollingName names the twelve months a rolling figure holds: "Rolling 12
// months, Jan 2009–Dec 2009" ("to Dec 2009" while it holds fewer dates).
func RollingName(from, to time.Time) string {
	return "Rolling 12 months, " + from.Format("Jan 2006") + "–" + to.Format("Jan 2006")
}

// Possessive writes a name's possessive: "Kent Police’s", but "Medway
// Council children’s services’" (never "services’s").
func Possessive(name string) string {
	if strings.HasSuffix(name, "s") || strings.HasSuffix(name, "S") {
		return name + "’"
	}
	return name + "’s"
}
