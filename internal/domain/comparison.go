package domain

// Direction says whether a change is an improvement, given the polarity.
type Direction string

// The directions of a change. DirectionNone means no change can be judged: a
// figure is missing, or neither direction is better for the indicator.
const (
	DirectionBetter Direction = "better"
	DirectionWorse  Direction = "worse"
	DirectionSame   Direction = "same"
	DirectionNone   Direction = ""
)

// Title is the direction in words.
func (d Direction) Title() string {
	switch d {
	case DirectionBetter:
		return "Better"
	case DirectionWorse:
		return "Worse"
	case DirectionSame:
		return "No change"
	}
	return ""
}

// Movement is which way a figure moved, whatever is better.
type Movement string

// The movements of a figure. MovedUnknown: a figure is missing.
const (
	MovedUp      Movement = "up"
	MovedDown    Movement = "down"
	MovedLevel   Movement = "level"
	MovedUnknown Movement = ""
)

// Comparison is a figure against the one it is compared with, a year
// earlier: what the dashboard's cards, the indicator's page and the report's
// section 4 say when they say "better than 2008/09, up from 380". Every page
// reads it from here, so the rule of what is compared with what, and what
// counts as better, is written once.
type Comparison struct {
	This, Last *float64 // nil: not known
	Change     *float64 // This − Last; nil unless both are known
	Moved      Movement
	Direction  Direction
}

// Compare compares this year's figure with last year's for an indicator
// where polarity says which way is better.
func Compare(polarity Polarity, this, last *float64) Comparison {
	c := Comparison{This: this, Last: last}
	if this == nil || last == nil {
		return c
	}
	change := exactSub(*this, *last) // as decimals: 4.35 − 0.1 is 4.25, a half (exact.go)
	c.Change = &change
	switch {
	case *this > *last:
		c.Moved = MovedUp
	case *this < *last:
		c.Moved = MovedDown
	default:
		c.Moved = MovedLevel
	}
	switch {
	case polarity != PolarityHigher && polarity != PolarityLower:
		c.Direction = DirectionNone
	case c.Moved == MovedLevel:
		c.Direction = DirectionSame
	case (c.Moved == MovedUp) == (polarity == PolarityHigher):
		c.Direction = DirectionBetter
	default:
		c.Direction = DirectionWorse
	}
	return c
}
