package perfio

import (
	"fmt"
	"strings"
)

// Record is one figure as a file gives it, before it is checked: the words
// and numbers as written, and where each was found.
type Record struct {
	Indicator, Agency, Period, Date, Value string
	// dims are the lower-cased names of the file's dimension columns, shared
	// by the records of one sheet or file; labels are this record's options.
	dims   []string
	labels []string
	loc    locator
}

// Option is the option this record gives for a dimension (by name, any case)
// and whether the file has a column for that dimension at all.
func (r Record) Option(name string) (label string, present bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	for i, d := range r.dims {
		if d == name {
			if i < len(r.labels) {
				return strings.TrimSpace(r.labels[i]), true
			}
			return "", true
		}
	}
	return "", false
}

// Where names the place in the file of one of the record's fields: indicator,
// agency, period, month, value, or a dimension's name.
func (r Record) Where(field string) string {
	if r.loc == nil {
		return ""
	}
	return r.loc.where(field)
}

type locator interface {
	where(field string) string
}

// csvPlace is a row of a CSV file; columns are named by their headings.
type csvPlace struct {
	row      int
	headings map[string]string // field (lower case) -> heading as written
}

func (p csvPlace) where(field string) string {
	h := p.headings[strings.ToLower(field)]
	if h == "" {
		return fmt.Sprintf("Row %d", p.row)
	}
	return fmt.Sprintf("Row %d, column %s", p.row, h)
}

// Problem is one thing wrong with a file, and where.
type Problem struct {
	Where   string // such as "Row 12, column value" or "Sheet NI59, cell D7"; "" for the whole file
	Message string
}

// String is the problem as one line: "Sheet NI59, cell D7: Enter a percentage from 0 to 100".
func (p Problem) String() string {
	if p.Where == "" {
		return p.Message
	}
	return p.Where + ": " + p.Message
}

// problems collects problems once each, in the order found.
type problems struct {
	list []Problem
	seen map[Problem]bool
}

func (ps *problems) add(where, message string) {
	p := Problem{Where: where, Message: message}
	if ps.seen == nil {
		ps.seen = map[Problem]bool{}
	}
	if ps.seen[p] {
		return
	}
	ps.seen[p] = true
	ps.list = append(ps.list, p)
}
