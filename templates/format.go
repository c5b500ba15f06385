package templates

import (
	"strconv"
	"time"

	"safeboard/internal/domain"
)

func itoa(i int) string { return strconv.Itoa(i) }

// thousands writes a whole number the way people read it: 10,000.
func thousands(n int) string {
	if n < 0 {
		return "-" + thousands(-n)
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Date formats a date the GOV.UK way: 5 January 2010.
func Date(t time.Time) string { return t.Format("2 January 2006") }

// DateOrDash formats an optional date, or shows "Not set".
func DateOrDash(t *time.Time) string {
	if t == nil {
		return "Not set"
	}
	return Date(*t)
}

// DateTime formats a moment the GOV.UK way, in the board's time: 5 January 2010 at 2:15pm.
func DateTime(t time.Time) string {
	return t.In(domain.London()).Format("2 January 2006 at 3:04pm")
}

// returnsDue introduces a period's deadline: "Returns are due by", or once
// the period has closed, "Returns were due by".
func returnsDue(open bool) string {
	if open {
		return "Returns are due by"
	}
	return "Returns were due by"
}
