package domain

import (
	"strconv"
	"strings"
)

// MaxDecimals is the most decimal places an indicator's figures are shown to.
const MaxDecimals = 2

// DefaultDecimals is how many decimal places an indicator of the unit shows
// unless its admin page says otherwise: none for counts, one for the rest
// (what every page showed before indicators had their own).
func DefaultDecimals(u Unit) int {
	if u == UnitCount {
		return 0
	}
	return 1
}

// Places is how many decimal places the indicator's figures are shown to:
// its own setting (Decimals, 0–2), or its unit's default when it has none.
func (ind Indicator) Places() int {
	if ind.Decimals != nil && *ind.Decimals >= 0 && *ind.Decimals <= MaxDecimals {
		return *ind.Decimals
	}
	return DefaultDecimals(ind.Unit)
}

// Format writes one of the indicator's figures in its unit to its decimal
// places: 1,842; 17%; 22.08 days; 1 day.
func (ind Indicator) Format(v float64) string { return FormatIn(ind.Unit, v, ind.Places()) }

// FormatMarked is Format with the provisional mark after a figure not yet
// accepted: "333 (provisional)". The mark is words, never colour alone.
func (ind Indicator) FormatMarked(v float64, provisional bool) string {
	s := ind.Format(v)
	if provisional {
		s += " " + ProvisionalMark
	}
	return s
}

// ProvisionalMark follows a figure whose return is not yet accepted.
const ProvisionalMark = "(provisional)"

// FormatIn writes a figure in a unit to a number of decimal places (0–2),
// rounded once, half away from zero, with thousands separated by commas and
// trailing zeros of the fraction left off: 1,842; 17%; 22.08 days; 1 day.
func FormatIn(u Unit, v float64, places int) string {
	s := Round(v, places)
	switch u {
	case UnitPercentage:
		return s + "%"
	case UnitDays:
		if s == "1" || s == "-1" {
			return s + " day"
		}
		return s + " days"
	}
	return s
}

// Round writes v rounded to places decimal places, half away from zero,
// with thousands separated by commas and the fraction's trailing zeros left
// off (22.10 is 22.1; 22.00 is 22).
//
// The rounding is done on v's decimal digits (the shortest that read back as
// v: what PostgreSQL's numeric value, read as float8, was), not on the
// binary float, so 22.085 is 22.09 and 4.25 is 4.3, as they are in SQL's
// round(numeric): multiplying a float and rounding gives 22.08.
func Round(v float64, places int) string {
	if places < 0 {
		places = 0
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > places {
		digits := []byte(whole + frac[:places])
		up := frac[places] >= '5'
		for i := len(digits) - 1; up && i >= 0; i-- {
			if digits[i] == '9' {
				digits[i] = '0'
				continue
			}
			digits[i]++
			up = false
		}
		if up {
			digits = append([]byte{'1'}, digits...)
		}
		whole, frac = string(digits[:len(digits)-places]), string(digits[len(digits)-places:])
	}
	w, f := whole, strings.TrimRight(frac, "0")
	var b strings.Builder
	if neg && strings.Trim(w+f, "0") != "" {
		b.WriteByte('-')
	}
	for i, c := range w {
		if i > 0 && (len(w)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if f != "" {
		b.WriteByte('.')
		b.WriteString(f)
	}
	return b.String()
}
