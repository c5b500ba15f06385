package domain

import "time"

// DueMonth is the latest month of the period that has ended by now (in
// London), or the period's last month once the period is over; false before
// the period's first month has ended.
func DueMonth(period Period, now time.Time) (time.Time, bool) {
	y, m, _ := now.In(London()).Date()
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

// DueDate is the indicator's date whose figure should be in by now: the
// latest of its dates in the period whose month, quarter or year has ended
// (in London); false while none has.
func (ind Indicator) DueDate(period Period, now time.Time) (time.Time, bool) {
	y, m, d := now.In(London()).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	var due time.Time
	found := false
	for _, on := range ind.Dates(period) {
		var ends time.Time // the first day after the figure's time
		switch ind.Frequency {
		case FrequencyMonthly:
			ends = on.AddDate(0, 1, 0)
		case FrequencyQuarterly:
			ends = on.AddDate(0, 3, 0)
		case FrequencyYearly:
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

// WorseningRun is the last four monthly figures up to the one due, when each
// of the last three changes was for the worse; otherwise nil. Only monthly
// indicators where one direction is better are judged, and the four months
// must follow each other with a figure in each. figures are the period's, in
// date order.
func (ind Indicator) WorseningRun(figures []Figure, due time.Time) []Figure {
	if ind.Frequency != FrequencyMonthly || (ind.Polarity != PolarityHigher && ind.Polarity != PolarityLower) {
		return nil
	}
	end := -1
	for i, f := range figures {
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
	run := figures[end-3 : end+1]
	for i := 1; i < len(run); i++ {
		if run[i].Value == nil || run[i-1].Value == nil {
			return nil
		}
		if Compare(ind.Polarity, run[i].Value, run[i-1].Value).Direction != DirectionWorse {
			return nil
		}
	}
	return run
}

// Attention is why an indicator needs the board's attention in a period.
// The zero value: it does not.
type Attention struct {
	OffTarget bool       // its year to date is rated red
	Worsening []Figure   // worse in each of the last three months: the four figures
	Missing   *time.Time // the date whose figure is due by now and not known
}

// NeedsAttention says why an indicator needs attention: it is off target; it
// got worse in each of the last three months (by its polarity); or the figure
// due by now is missing. rag is its year to date's rating and figures are the
// period's, in date order.
func (ind Indicator) NeedsAttention(period Period, rag RAG, figures []Figure, now time.Time) Attention {
	a := Attention{OffTarget: rag == RAGRed}
	due, ok := ind.DueDate(period, now)
	if !ok {
		return a
	}
	if !ind.Overlaps() { // its figures by date are sums across overlapping options: no trend
		a.Worsening = ind.WorseningRun(figures, due)
	}
	for _, f := range figures {
		if f.On.Equal(due) && f.Value == nil {
			on := f.On
			a.Missing = &on
		}
	}
	return a
}

// Needed reports whether there is any reason for attention.
func (a Attention) Needed() bool { return a.OffTarget || a.Worsening != nil || a.Missing != nil }

// Rank orders indicators needing attention, most pressing first: 0 off
// target, 1 worsening, 2 only missing a figure.
func (a Attention) Rank() int {
	switch {
	case a.OffTarget:
		return 0
	case a.Worsening != nil:
		return 1
	}
	return 2
}
