package domain

import (
	"errors"
	"strings"
)

// The board's year-round cycle (issue 16): a year is started from the one
// before it, and looks back on the objectives that year set, the agencies'
// and the board's own.

// ObjectiveStatus is how far an objective set a year ago was met; empty
// until someone says.
type ObjectiveStatus string

// The statuses of last year's objectives.
const (
	ObjectiveUnanswered       ObjectiveStatus = ""
	ObjectiveAchieved         ObjectiveStatus = "achieved"
	ObjectivePartlyAchieved   ObjectiveStatus = "partly_achieved"
	ObjectiveNotAchieved      ObjectiveStatus = "not_achieved"
	ObjectiveNoLongerRelevant ObjectiveStatus = "no_longer_relevant"
)

// ObjectiveStatuses are the statuses that answer, in the order forms offer them.
var ObjectiveStatuses = []ObjectiveStatus{ObjectiveAchieved, ObjectivePartlyAchieved, ObjectiveNotAchieved, ObjectiveNoLongerRelevant}

// Title is the status in words, as the pages and the report show it.
func (s ObjectiveStatus) Title() string {
	switch s {
	case ObjectiveAchieved:
		return "Achieved"
	case ObjectivePartlyAchieved:
		return "Partly achieved"
	case ObjectiveNotAchieved:
		return "Not achieved"
	case ObjectiveNoLongerRelevant:
		return "No longer relevant"
	case ObjectiveUnanswered:
		return "No status yet"
	}
	return string(s)
}

// Answered reports whether the status says how the objective went.
func (s ObjectiveStatus) Answered() bool { return s != ObjectiveUnanswered }

// ObjectiveResult is what became of an objective set a year ago: its status
// and what happened, in the three Results-Based Accountability parts. Each
// part may stay empty; the status is needed before the return is submitted
// (an answer may be saved without one, to finish later).
type ObjectiveResult struct {
	Status    ObjectiveStatus `form:"status" label:"whether it was achieved" choice:"true" validate:"omitempty,oneof=achieved partly_achieved not_achieved no_longer_relevant"`
	HowMuch   string          `form:"how_much" label:"your answer to ‘How much did we do?’" validate:"max=10000"`
	HowWell   string          `form:"how_well" label:"your answer to ‘How well did we do it?’" validate:"max=10000"`
	BetterOff string          `form:"better_off" label:"your answer to ‘Is anyone better off?’" validate:"max=10000"`
}

// ObjectiveReview is an agency's answer, in this year's return, to one of
// the objectives its return set last year: the objective as it was set
// (Said, read only) and what became of it. Its id is the objective's; its
// version is 1 until the answer is first saved.
type ObjectiveReview struct {
	Entry
	ReturnID int64
	Said     Objective
	ObjectiveResult
}

// AimObjective is one of the board's specific objectives for the coming year
// under a strategic aim.
type AimObjective struct {
	Entry
	AimID int64
	Body  string `form:"body" label:"the objective" missing:"the objective, like Review how well information is shared" validate:"required,max=20000"`
}

// AimObjectiveReview is the board's answer, in this year's review of its
// business plan, to one of the objectives it set last year for this year:
// the objective as it was set (Said, under its aim AimTitle, the aim's
// number in last year's list AimNumber) and what became of it. Its id is the
// objective's.
type AimObjectiveReview struct {
	Entry
	Said      AimObjective
	AimTitle  string
	AimNumber int
	ObjectiveResult
}

// Carried is what starting a year from the one before it carried over.
type Carried struct {
	From           Period
	Sections       int // the report's outline; 0 when the year kept its own
	PlanObjectives int // the key objectives' headings of the business plan review
	Aims           int // the strategic aims' headings and outcomes
	Targets        int // targets to be confirmed
	KeptTargets    int // targets the year already had, kept as they were
}

// Why starting a year from the one before it is refused.
var (
	// ErrAlreadyCarried means the year was started from another already.
	ErrAlreadyCarried = errors.New("the year has already been started from the year before")
	// ErrHasReturns means agencies have started returns in the year.
	ErrHasReturns = errors.New("the year already has returns")
	// ErrNoYearBefore means the board has no period before this one.
	ErrNoYearBefore = errors.New("there is no year before this one")
	// ErrFromTaken means another year was started from the year before already.
	ErrFromTaken = errors.New("another year was started from the year before")
)

// CarryTitle is a section's title of last year's report as this year's
// report calls it: each year it names moves on a year, so "Review of
// safeguarding 2009/10" becomes "Review of safeguarding 2010/11" and
// "objectives 2010/11" becomes "objectives 2011/12", when last year was from.
func CarryTitle(title string, from Period) string {
	y := from.StartsOn.Year()
	this, next, after := PeriodForYear(y).Label, PeriodForYear(y+1).Label, PeriodForYear(y+2).Label
	// Later years first, so a label is moved on once.
	title = strings.ReplaceAll(title, next, "\x00")
	title = strings.ReplaceAll(title, this, next)
	return strings.ReplaceAll(title, "\x00", after)
}

// ErrNoDeadline means a period cannot open without a deadline for returns.
var ErrNoDeadline = errors.New("a period needs a deadline for returns before it opens")

// CanOpen says why a period may not open, or nil: agencies need to know when
// their returns are due.
func (p Period) CanOpen() error {
	if p.Deadline == nil {
		return ErrNoDeadline
	}
	return nil
}

// WasCarried reports whether the period was started from the one before it.
func (p Period) WasCarried() bool { return p.CarriedFrom != nil }
