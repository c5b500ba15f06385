package templates

import (
	"strconv"
	"time"
)

func itoa(i int) string { return strconv.Itoa(i) }

// Date formats a date the GOV.UK way: 5 January 2010.
func Date(t time.Time) string { return t.Format("2 January 2006") }

// DateOrDash formats an optional date, or shows "Not set".
func DateOrDash(t *time.Time) string {
	if t == nil {
		return "Not set"
	}
	return Date(*t)
}

// DateTime formats a moment the GOV.UK way: 5 January 2010 at 2:15pm.
func DateTime(t time.Time) string {
	return t.In(london()).Format("2 January 2006 at 3:04pm")
}

func london() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.UTC
	}
	return loc
}
