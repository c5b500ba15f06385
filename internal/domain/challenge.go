package domain

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The chair's challenge log (issue 16): the independent chair, or the board
// manager, asks a partner agency a question about its work by a date; the
// agency's leads answer it, and may revise the answer until the challenge is
// closed; the chair closes it with an outcome and what changed as a result.

// ChallengeStatus is where a challenge stands.
type ChallengeStatus string

// The statuses of a challenge, in the order it moves through them.
const (
	ChallengeOpen     ChallengeStatus = "open"     // raised, not yet answered
	ChallengeAnswered ChallengeStatus = "answered" // answered, waiting for the chair
	ChallengeClosed   ChallengeStatus = "closed"   // closed with an outcome
)

// ChallengeStatuses lists every status in the order the log's filter offers them.
var ChallengeStatuses = []ChallengeStatus{ChallengeOpen, ChallengeAnswered, ChallengeClosed}

// Title is the status as the pages show it.
func (s ChallengeStatus) Title() string {
	switch s {
	case ChallengeOpen:
		return "Open"
	case ChallengeAnswered:
		return "Answered"
	case ChallengeClosed:
		return "Closed"
	}
	return string(s)
}

// Valid reports whether s is one of the statuses.
func (s ChallengeStatus) Valid() bool {
	for _, known := range ChallengeStatuses {
		if s == known {
			return true
		}
	}
	return false
}

// ChallengeOutcome is the chair's judgement when closing a challenge.
type ChallengeOutcome string

// The outcomes a challenge is closed with.
const (
	OutcomeAssured       ChallengeOutcome = "assured"
	OutcomePartlyAssured ChallengeOutcome = "partly_assured"
	OutcomeEscalated     ChallengeOutcome = "escalated"
)

// ChallengeOutcomes lists every outcome, from the best to the worst.
var ChallengeOutcomes = []ChallengeOutcome{OutcomeAssured, OutcomePartlyAssured, OutcomeEscalated}

// Title is the outcome in words.
func (o ChallengeOutcome) Title() string {
	switch o {
	case OutcomeAssured:
		return "Assured"
	case OutcomePartlyAssured:
		return "Partly assured"
	case OutcomeEscalated:
		return "Escalated"
	}
	return string(o)
}

// Hint says what choosing the outcome means, for the form that closes a challenge.
func (o ChallengeOutcome) Hint() string {
	switch o {
	case OutcomeAssured:
		return "The answer and its evidence satisfy the board"
	case OutcomePartlyAssured:
		return "Some of the concern is answered; the board will keep watching the rest"
	case OutcomeEscalated:
		return "The answer does not satisfy the board, which takes the concern further"
	}
	return ""
}

// TargetKind is the kind of thing a challenge is about. A new kind (a
// Section 11 statement, a practice review action) is a constant here, a row
// of challenge_target_kinds and the store's way to find one; the challenges
// table does not change.
type TargetKind string

// The kinds of target built so far.
const (
	TargetAgency     TargetKind = "agency"      // the agency's work in general
	TargetReturn     TargetKind = "return"      // the agency's return for the period
	TargetReviewItem TargetKind = "review_item" // one item of the return's review of the year
	TargetIndicator  TargetKind = "indicator"   // a performance indicator
	TargetObjective  TargetKind = "objective"   // one of the return's objectives for the coming year
)

// TargetKinds lists every kind of target.
var TargetKinds = []TargetKind{TargetAgency, TargetReturn, TargetReviewItem, TargetIndicator, TargetObjective}

// entryTargets are the kinds of target that are entries of a return, by the
// key of the return's task that holds them (ReturnKind.Tasks).
var entryTargets = map[string]TargetKind{"review": TargetReviewItem, "objectives": TargetObjective}

// EntryTarget is the target of a challenge about one entry of a return,
// named by its task's key and its id; false for a task whose entries are not
// challenged one by one.
func EntryTarget(task string, id int64) (ChallengeTarget, bool) {
	k, ok := entryTargets[task]
	return ChallengeTarget{Kind: k, ID: id}, ok
}

// EntryTask is the key of the return's task that holds the target, when it
// is an entry of a return (EntryTarget); false otherwise.
func (t ChallengeTarget) EntryTask() (string, bool) {
	for task, k := range entryTargets {
		if k == t.Kind {
			return task, true
		}
	}
	return "", false
}

// Valid reports whether k is a known kind.
func (k TargetKind) Valid() bool {
	for _, known := range TargetKinds {
		if k == known {
			return true
		}
	}
	return false
}

// ChallengeTarget is what a challenge is about: a kind and the id of the
// thing of that kind (an agency, a return, a review item, an indicator).
type ChallengeTarget struct {
	Kind TargetKind
	ID   int64
}

// String writes the target as addresses and forms carry it: "indicator:12".
func (t ChallengeTarget) String() string {
	return string(t.Kind) + ":" + strconv.FormatInt(t.ID, 10)
}

// ParseTarget reads a target written by ChallengeTarget.String.
func ParseTarget(s string) (ChallengeTarget, error) {
	kind, id, ok := strings.Cut(s, ":")
	n, err := strconv.ParseInt(id, 10, 64)
	if !ok || err != nil || n <= 0 || !TargetKind(kind).Valid() {
		return ChallengeTarget{}, fmt.Errorf("challenge target %q: %w", s, ErrNotFound)
	}
	return ChallengeTarget{Kind: TargetKind(kind), ID: n}, nil
}

// Challenge is one challenge of the log.
type Challenge struct {
	ID          int64
	PeriodID    int64
	PeriodSlug  string
	PeriodLabel string
	AgencyID    int64 // the agency that owes the answer
	AgencyName  string
	AgencySlug  string
	Target      ChallengeTarget
	// TargetLabel names the target as it was when the challenge was raised,
	// such as "NI65: Children becoming the subject of a child protection plan…".
	TargetLabel string
	// TargetCode is an indicator target's code as it is now, for links; empty for other kinds.
	TargetCode   string
	Question     string
	RespondBy    time.Time // a date
	RaisedBy     int64
	RaisedByName string
	RaisedByRole Role
	RaisedAt     time.Time
	Status       ChallengeStatus
	AnsweredAt   *time.Time // the first answer
	Outcome      ChallengeOutcome
	WhatChanged  string
	ClosedByName string
	ClosedByRole Role
	ClosedAt     *time.Time
	Version      int
	// Overdue is true while the challenge is open and its date to respond by
	// has passed in London (the store works it out, in SQL).
	Overdue bool
	// DaysToAnswer and DaysToClose are the calendar days from raising to the
	// first answer and to closing, in London; nil until then.
	DaysToAnswer, DaysToClose *int
	// Answer is the latest answer, when the query asked for it.
	Answer *ChallengeAnswer
}

// ChallengeAnswer is one version of an agency's answer.
type ChallengeAnswer struct {
	ID       int64
	Body     string
	ByName   string
	ByRole   Role
	Answered time.Time
}

// NewChallenge is a challenge as the chair or the manager raises it. The
// question's tags say how the form names it and what it must meet.
type NewChallenge struct {
	Target    ChallengeTarget
	AgencyID  int64  // the agency that owes the answer
	Question  string `form:"question" label:"the question" missing:"the question you are asking the agency" validate:"required,max=5000"`
	RespondBy time.Time
}

// ChallengeCounts are a period's challenges counted: the closed ones by
// outcome, and those not yet closed.
type ChallengeCounts struct {
	ByOutcome map[ChallengeOutcome]int
	NotClosed int
}

// Closed is how many challenges were closed, whatever their outcome.
func (c ChallengeCounts) Closed() int {
	n := 0
	for _, v := range c.ByOutcome {
		n += v
	}
	return n
}

// ChallengeAnswerText is an agency's answer as its lead types it.
type ChallengeAnswerText struct {
	Body string `form:"answer" label:"your answer" missing:"your answer to the challenge" validate:"required,max=10000"`
}

// ChallengeClosing is the chair's outcome and what changed as a result.
type ChallengeClosing struct {
	Outcome     ChallengeOutcome `form:"outcome" label:"the outcome" choice:"true" validate:"required,oneof=assured partly_assured escalated"`
	WhatChanged string           `form:"what_changed" label:"what changed" missing:"what changed as a result of the challenge" validate:"required,max=5000"`
}

// ChallengeAction is something done to a challenge once raised.
type ChallengeAction string

// The actions on a raised challenge.
const (
	ChallengeActionAnswer ChallengeAction = "answer" // the agency answers, or revises its answer
	ChallengeActionClose  ChallengeAction = "close"  // the chair closes it with an outcome
)

// ErrChallengeClosed means the challenge was closed, so it can no longer be answered or closed again.
var ErrChallengeClosed = errors.New("the challenge has been closed")

// NextChallengeStatus is the challenge's state machine: an open or answered
// challenge may be answered (again) and closed; a closed one takes nothing.
// A challenge may be closed unanswered, such as escalated when no answer came.
func NextChallengeStatus(from ChallengeStatus, action ChallengeAction) (ChallengeStatus, error) {
	if from != ChallengeOpen && from != ChallengeAnswered {
		return from, ErrChallengeClosed
	}
	switch action {
	case ChallengeActionAnswer:
		return ChallengeAnswered, nil
	case ChallengeActionClose:
		return ChallengeClosed, nil
	}
	return from, fmt.Errorf("challenge action %q: %w", action, ErrInvalidTransition)
}

// RespondByAllowed reports whether a challenge raised at now may ask for an
// answer by day: today, in London, or later.
func RespondByAllowed(day, now time.Time) bool {
	y, m, d := now.In(London()).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	dy, dm, dd := day.Date()
	return !time.Date(dy, dm, dd, 0, 0, 0, 0, time.UTC).Before(today)
}

// DefaultRespondBy is the date a new challenge's form suggests: four weeks from now, in London.
func DefaultRespondBy(now time.Time) time.Time {
	y, m, d := now.In(London()).Date()
	return time.Date(y, m, d+28, 0, 0, 0, 0, time.UTC)
}

// Days says a number of days as people say it: "the same day", "1 day", "12 days".
func Days(n int) string {
	switch n {
	case 0:
		return "the same day"
	case 1:
		return "1 day"
	}
	return strconv.Itoa(n) + " days"
}
