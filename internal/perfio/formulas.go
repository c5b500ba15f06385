package perfio

import (
	"regexp"
	"strings"
)

// formulaStarts are the first characters that make a spreadsheet read a CSV
// cell as a formula, in OWASP's rule against CSV injection.
const formulaStarts = "=+-@\t\r"

// plainNumber is a number as a spreadsheet reads one: -12, +3.5, 1e6.
var plainNumber = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$`)

// Neutralise makes a cell safe to open in a spreadsheet, by OWASP's rule: a
// cell that starts with =, +, -, @, a tab or a carriage return gets a single
// quote in front, so it is read as text, not run as a formula. A number stays
// a number (-12). A cell that is such a cell behind quotes already ('=A1)
// gets one more, so Unneutralise gives every cell back exactly.
func Neutralise(s string) string {
	if needsQuote(s) {
		return "'" + s
	}
	return s
}

// Unneutralise reads a cell Neutralise wrote back to what it was: '=1+1 is
// =1+1; '-12 months is -12 months; anything else is as written.
func Unneutralise(s string) string {
	if strings.HasPrefix(s, "'") && needsQuote(s[1:]) {
		return s[1:]
	}
	return s
}

func needsQuote(s string) bool {
	t := strings.TrimLeft(s, "'")
	if t == "" || !strings.ContainsRune(formulaStarts, rune(t[0])) {
		return false
	}
	return len(t) != len(s) || !plainNumber.MatchString(s)
}
