package domain

import (
	"errors"
	"time"
)

// ReturnStatus is where an agency's return stands.
type ReturnStatus string

// The statuses of a return. NotStarted is never stored: it means no return row exists yet.
const (
	StatusNotStarted ReturnStatus = "not_started"
	StatusDraft      ReturnStatus = "draft"
	StatusSubmitted  ReturnStatus = "submitted"
	StatusReturned   ReturnStatus = "returned"
	StatusAccepted   ReturnStatus = "accepted"
)

// ReturnStatuses lists every status in the order the overview counts them.
var ReturnStatuses = []ReturnStatus{StatusNotStarted, StatusDraft, StatusSubmitted, StatusReturned, StatusAccepted}

// Title is the status as the pages show it.
func (s ReturnStatus) Title() string {
	switch s {
	case StatusNotStarted:
		return "Not started"
	case StatusDraft:
		return "Draft"
	case StatusSubmitted:
		return "Submitted"
	case StatusReturned:
		return "Sent back"
	case StatusAccepted:
		return "Accepted"
	}
	return string(s)
}

// Editable reports whether the agency may change the return's content.
func (s ReturnStatus) Editable() bool {
	return s == StatusNotStarted || s == StatusDraft || s == StatusReturned
}

// ReturnAction is something done to a return.
type ReturnAction string

// The actions of the return's life.
const (
	ActionEdit     ReturnAction = "edit"      // change items or objectives
	ActionSubmit   ReturnAction = "submit"    // the lead sends it to the board
	ActionAccept   ReturnAction = "accept"    // the manager accepts it
	ActionSendBack ReturnAction = "send_back" // the manager returns it with a comment
	ActionReopen   ReturnAction = "reopen"    // the manager takes an accepted return back into review
)

// ReturnActions lists every action, for table tests.
var ReturnActions = []ReturnAction{ActionEdit, ActionSubmit, ActionAccept, ActionSendBack, ActionReopen}

// NeedsOpenPeriod reports whether action may be done only while the return's
// period is open. The agency's work (edit, submit) stops when the period
// closes, and so does sending a return back: the agency could no longer change
// it. The manager may still accept a submitted return, and reopen an accepted
// one for review, after the period has closed.
func (a ReturnAction) NeedsOpenPeriod() bool {
	return a == ActionEdit || a == ActionSubmit || a == ActionSendBack
}

// ErrInvalidTransition means the action does not apply to a return in that status.
var ErrInvalidTransition = errors.New("that cannot be done to a return in its current status")

// ErrPeriodClosed means the action needs the return's period to be open, and it is closed.
var ErrPeriodClosed = errors.New("the reporting period is closed")

// NextStatus is the return's state machine: the status after action, or ErrInvalidTransition.
func NextStatus(from ReturnStatus, action ReturnAction) (ReturnStatus, error) {
	switch action {
	case ActionEdit:
		switch from {
		case StatusNotStarted, StatusDraft:
			return StatusDraft, nil
		case StatusReturned:
			return StatusReturned, nil
		}
	case ActionSubmit:
		if from == StatusDraft || from == StatusReturned {
			return StatusSubmitted, nil
		}
	case ActionAccept:
		if from == StatusSubmitted {
			return StatusAccepted, nil
		}
	case ActionSendBack:
		if from == StatusSubmitted {
			return StatusReturned, nil
		}
	case ActionReopen:
		if from == StatusAccepted {
			return StatusSubmitted, nil
		}
	}
	return from, ErrInvalidTransition
}

// ErrIncomplete means a return cannot be submitted until each of its required
// tasks holds an entry (ReturnKind.Ready).
var ErrIncomplete = errors.New("a return needs an entry in each of its required tasks")

// StatusChange is one move of a return from one status to another, as its history records it.
type StatusChange struct {
	From      ReturnStatus // not started for the return's first change
	To        ReturnStatus
	ActorName string // empty when the actor was not a user, such as the demo loader
	ActorRole Role
	At        time.Time
}

// ErrStale means someone else saved the same thing since the page was opened.
var ErrStale = errors.New("changed by someone else since the page was opened")

// Return is one agency's return for one period. A zero ID means not started.
type Return struct {
	ID          int64
	PeriodID    int64
	AgencyID    int64
	Status      ReturnStatus
	Version     int
	UpdatedAt   *time.Time
	SubmittedAt *time.Time
	ReturnedAt  *time.Time
	AcceptedAt  *time.Time
	ItemCount   int
	ObjCount    int
	// LastYear is how many of last year's objectives the return looks back
	// on, and how many have a status; none unless the period was started
	// from the one before it.
	LastYear Tally
	// Sections are the lead's answers to "Have you completed this
	// section?", by task key: true for yes, false for no; a section not
	// answered is absent.
	Sections map[string]bool
}

// SectionCompleted reports whether the return's task key counts as
// completed: the lead said so, or the return is submitted or accepted.
func (r *Return) SectionCompleted(key string) bool {
	return r.Status == StatusSubmitted || r.Status == StatusAccepted || r.Sections[key]
}

// ReviewItem is one item of work in the Results-Based Accountability format:
// a title and the answers to How much did we do?, How well did we do it? and
// Is anyone better off?. Its tags say what the lead types: the form's names,
// the rules a save must meet and how messages name each field. Every answer is
// optional, but at least one is needed.
type ReviewItem struct {
	Entry
	ReturnID  int64
	Title     string `form:"title" label:"the title" validate:"required,max=200"`
	HowMuch   string `form:"how_much" label:"your answer to ‘How much did we do?’" missing:"at least one of how much you did, how well you did it, or whether anyone is better off" validate:"required_without_all=HowWell BetterOff,max=10000"`
	HowWell   string `form:"how_well" label:"your answer to ‘How well did we do it?’" validate:"max=10000"`
	BetterOff string `form:"better_off" label:"your answer to ‘Is anyone better off?’" validate:"max=10000"`
	// AimID is the board's strategic aim the work serves; 0 when not tagged.
	// The store keeps only an aim of the return's period.
	AimID     int64 `form:"aim" label:"the strategic aim"`
	UpdatedAt time.Time
}

// Objective is one objective for the next period: what the agency intends to
// do (required), and the quantity, quality and outcomes it intends to achieve.
type Objective struct {
	Entry
	ReturnID  int64
	Intend    string `form:"intend" label:"what you intend to do" validate:"required,max=10000"`
	Quantity  string `form:"quantity" label:"the quantity you intend to achieve" validate:"max=10000"`
	Quality   string `form:"quality" label:"the quality you intend to achieve" validate:"max=10000"`
	Outcomes  string `form:"outcomes" label:"the outcomes you intend to achieve" validate:"max=10000"`
	AimID     int64  `form:"aim" label:"the strategic aim"` // as a review item's
	UpdatedAt time.Time
}

// MaxCommentLength is the longest comment on a return, in characters; the database holds the same limit.
const MaxCommentLength = 10000

// Comment is a remark on a return by the manager or the chair.
type Comment struct {
	ID         int64
	ReturnID   int64
	AuthorID   int64
	AuthorName string
	AuthorRole Role
	CreatedAt  time.Time
	SendBack   bool // the reason the return was sent back
	Body       string
	// About names the entry the comment is about, such as a review item; the
	// zero value for a comment on the whole return.
	About EntryRef
}

// EntryRef names one entry of a return: its task's key and its id, with its
// name as it was when referred to.
type EntryRef struct {
	Task string
	ID   int64
	Name string
}

// IsSet reports whether the reference names an entry.
func (e EntryRef) IsSet() bool { return e.Task != "" }

// SendBackRound is the manager's latest send-back: its comment on the whole
// return (nil when the return was never sent back) and its comments on
// entries, from comments in the order they were made. The comments of one
// send-back are made at one moment.
func SendBackRound(comments []Comment) (*Comment, []Comment) {
	var whole *Comment
	for i := len(comments) - 1; i >= 0; i-- {
		if comments[i].SendBack && !comments[i].About.IsSet() {
			whole = &comments[i]
			break
		}
	}
	if whole == nil {
		return nil, nil
	}
	var entries []Comment
	for _, c := range comments {
		if c.SendBack && c.About.IsSet() && c.CreatedAt.Equal(whole.CreatedAt) {
			entries = append(entries, c)
		}
	}
	return whole, entries
}

// ReturnSummary is one row of the returns overview.
type ReturnSummary struct {
	Agency    Agency
	Status    ReturnStatus
	UpdatedAt *time.Time
	ItemCount int
	ObjCount  int
}
