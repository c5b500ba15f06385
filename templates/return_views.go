package templates

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"

	"safeboard/internal/domain"
)

// ReturnRef names the return a page belongs to and where its pages are.
type ReturnRef struct {
	AgencyName  string
	PeriodLabel string // 2009/10
	NextLabel   string // the year the objectives are for, 2010/11
	Path        string // the return page's address; its other pages hang below it
}

// To is the address of one of the return's pages, such as To("/review").
func (r ReturnRef) To(suffix string) string { return r.Path + suffix }

// Caption is the line above each page's heading.
func (r ReturnRef) Caption() string { return r.AgencyName + " – " + r.PeriodLabel + " return" }

// NeverSubmitted reports whether the return's period closed before it was
// ever submitted: its page then says so, once, rather than "Not started"
// or "Draft" beside an overdue tag.
func (v ReturnPageView) NeverSubmitted() bool {
	return !v.PeriodOpen && (v.Status == domain.StatusNotStarted || v.Status == domain.StatusDraft)
}

// ReturnPageView is one return's page: the lead's task list while they may
// change it, otherwise the whole return read-only.
type ReturnPageView struct {
	Ref        ReturnRef
	Status     domain.ReturnStatus
	Deadline   *time.Time
	PeriodOpen bool
	Overdue    bool
	TaskList   bool            // the viewer is the agency's lead and may change the return
	OwnReturn  bool            // the viewer is the agency's lead
	Tasks      []TaskLine      // the return's tasks in order, on the task list
	Check      TaskLine        // checking and submitting, last on the task list
	SentBack   *domain.Comment // the manager's latest reason for sending it back, when returned
	// SentBackAbout lead to the entries the manager commented on when sending it back.
	SentBackAbout []SentBackEntry
	SubmittedAt   *time.Time
	Content       templ.Component // the whole return, read-only: when not the task list
	Panel         ReviewPanelView
	Figures       *FiguresProgress // the agency's performance data; nil when it owns no indicators
	Challenges    *ChallengePanel  // the challenges to the agency in the period (challenges.templ)
	// Remarks are what the board says about the whole return beside it (the
	// chair's open challenges, when they come); none yet.
	Remarks []Remark
	// Changes are what changed since the return was last submitted, for the
	// board when it comes back; nil when there is nothing to compare.
	Changes *ChangesView
}

// SentBackEntry is an entry the manager commented on when sending the
// return back, as the sent-back banner leads to it.
type SentBackEntry = Link

// Remark is something the board says about a return, or one of its entries,
// shown beside it: the manager's comment on an entry when sending the return
// back, and a challenge about the entry.
type Remark struct {
	Kind    string // "comment" or "challenge"
	Heading string // who said it and when, such as "Board manager, 3 May 2010 at 10:15am"
	Body    string
	// Challenge is where a challenge stands, for its tags; nil for a comment.
	Challenge *ChallengeLine
	// Link leads on from the remark: to a challenge's page, to answer it.
	Link Link
}

// Remarks are the remarks beside a return's entries, by task and entry.
type Remarks map[RemarkKey][]Remark

// RemarkKey names an entry: its task's key and its id.
type RemarkKey struct {
	Task string
	ID   int64
}

// CommentRemark is a comment of the board's beside the entry it is about.
func CommentRemark(c domain.Comment) Remark {
	return Remark{Kind: "comment", Heading: "Comment from " + commentAuthor(c) + ", " + DateTime(c.CreatedAt), Body: c.Body}
}

// ChallengeRemark is a challenge beside the entry it is about, leading to
// its page: to answer it, for a lead who may (answer), or to read it.
func ChallengeRemark(c domain.Challenge, answer bool) Remark {
	line := LineOf(c)
	heading := "Challenge from the " + lowerRole(c.RaisedByRole) + ", raised " + Date(c.RaisedAt)
	if c.Status != domain.ChallengeClosed {
		heading += "; respond by " + Date(c.RespondBy)
	}
	link := Link{Href: ChallengePath(c), Text: "Read the challenge"}
	switch {
	case answer && c.Answer == nil:
		link.Text = "Answer this challenge"
	case answer:
		link.Text = "Read or revise your answer"
	case c.Answer != nil:
		link.Text = "Read the challenge and its answer"
	}
	return Remark{Kind: "challenge", Heading: heading, Body: c.Question, Challenge: &line, Link: link}
}

// Beside is what a read-only return shows beside each of its entries: the
// remarks about it and, for those who raise challenges, the way to raise one
// about it.
type Beside struct {
	Remarks Remarks
	// RaisePath is the form that raises a challenge; empty for those who do not.
	RaisePath string
}

// Raise is the way to raise a challenge about an entry; empty when the
// reader does not raise challenges or the entry is not challenged by itself.
func (b Beside) Raise(task string, id int64) string {
	t, ok := domain.EntryTarget(task, id)
	if !ok || b.RaisePath == "" {
		return ""
	}
	return b.RaisePath + "?about=" + url.QueryEscape(t.String())
}

// For is the remarks beside one entry.
func (r Remarks) For(task string, id int64) []Remark { return r[RemarkKey{task, id}] }

// ChangesView is what changed in a return since its previous submission.
type ChangesView struct {
	Since   time.Time // when the previous submission was made
	Changes []domain.EntryChange
}

// TaskLine is one task of a return's task list; a task without an address
// cannot start yet.
type TaskLine struct {
	Key    string // names the task's element ids, such as task-review
	Name   string
	Hint   string // such as "3 items"
	Href   string
	Status TaskStatus
}

// TaskStatus is how the task list shows one task's progress.
type TaskStatus = domain.TaskStatus

// ClosedPeriodNote tells the lead why their return can no longer be changed once its period has closed.
func ClosedPeriodNote(periodLabel string) string {
	return "The " + periodLabel + " period is closed, so this return can no longer be changed."
}

// StatusColour is the tag colour for a return's status, the one place every
// status tag takes its colour from. Draft has none: GOV.UK's default tag is blue.
func StatusColour(s domain.ReturnStatus) string {
	switch s {
	case domain.StatusDraft:
		return ""
	case domain.StatusSubmitted:
		return "turquoise"
	case domain.StatusReturned:
		return "orange"
	case domain.StatusAccepted:
		return "green"
	}
	return "grey"
}

// EntryAnchor is the element id of an entry on its list's page, such as
// "item-12" for prefix "item", so an address can lead straight to it.
func EntryAnchor(prefix string) func(id int64) string {
	return func(id int64) string { return prefix + "-" + strconv.FormatInt(id, 10) }
}

// The element ids of the entries of every ordered list on its page.
var (
	ItemCardID          = EntryAnchor("item")           // a review item's card
	ObjectiveCardID     = EntryAnchor("objective")      // an objective's card
	LastYearCardID      = EntryAnchor("last-year")      // one of last year's objectives' card
	AimObjectiveID      = EntryAnchor("aim-objective")  // a strategic aim's objective for the coming year
	BoardLastYearID     = EntryAnchor("plan-last-year") // one of the board's objectives of last year
	PlanObjectiveCardID = EntryAnchor("plan-objective") // a key objective's card
	PlanItemCardID      = EntryAnchor("plan-item")      // a key objective's item's card
	AimCardID           = EntryAnchor("aim")            // a strategic aim's card
	MemberRowID         = EntryAnchor("member")         // a member's row
	OutlineRowID        = EntryAnchor("outline")        // a section's row on the outline page
)

// ItemPart is one answer of a review item or an objective, as a page shows it.
type ItemPart struct {
	Name     string // the form's field, such as "how_much"
	Question string // what it answers, such as "How much did we do?"
	Optional bool   // the form says so after the question
	Hint     string // the form's hint
	Text     string // what was written
}

// Label is the form's label: the question, marked optional when it is.
func (p ItemPart) Label() string {
	if p.Optional {
		return p.Question + " (optional)"
	}
	return p.Question
}

// TestID names the answer in the read-only return, such as "how-much".
func (p ItemPart) TestID() string { return strings.ReplaceAll(p.Name, "_", "-") }

// EntryForm is what every add or change form of an ordered list shares,
// whichever page shows it: a return's review items and objectives, and the
// board's lists.
type EntryForm struct {
	Action  string // where the form posts
	Back    string // the page before the form, for the back link and Cancel
	Editing bool   // changing an existing entry rather than adding one
	Version int    // the entry's version when the form was opened
	Errors  domain.FieldErrors
	// Conflict says why the save was refused although nothing typed was wrong;
	// the typed text is shown again below it.
	Conflict string
	// Current links to the entry as now saved, when someone else changed it.
	Current string
	// Closed means the entry's return can no longer be changed, so there is no save button.
	Closed bool
	// PeriodClosed means it can no longer be changed because its period has closed.
	PeriodClosed bool
}

// Problem reports whether the page shows an error, for the title's "Error:" prefix.
func (f EntryForm) Problem() bool { return len(f.Errors) > 0 || f.Conflict != "" }

// ItemForm is what every add or change form of a return shares.
type ItemForm struct {
	EntryForm
	Ref           ReturnRef
	ReturnVersion int    // the return's version when the form was opened
	From          string // "check" when opened from the check answers page, to go back there
	// Aims are the period's strategic aims, for the optional "Strategic aim" select.
	Aims []domain.StrategicAim
	// Remarks are what the board said beside the entry, such as the manager's comment on it.
	Remarks []Remark
}

// Removal asks before an entry of an ordered list is removed.
type Removal struct {
	Kind     string // "review item", "key objective"
	Name     string // the entry's name, shortened
	Action   string
	Cancel   string
	Version  int    // the entry's version as the page shows it
	Conflict string // why the removal was refused; empty on first showing
	Current  string // links to the entry as now saved, when someone else changed it
	// Closed means the entry's return can no longer be changed: no remove button.
	Closed       bool
	PeriodClosed bool // it can no longer be changed because its period has closed
}

// RemoveView asks the lead to confirm removing a review item or an objective.
type RemoveView struct {
	Removal
	Ref           ReturnRef
	ReturnVersion int // the return's version when the page was opened
}

// CheckAnswersView is the lead's last look before submitting.
type CheckAnswersView struct {
	Ref     ReturnRef
	Answers templ.Component // the return's content with Change links
	Ready   bool            // the return holds enough to be submitted
	Needs   string          // what it must hold, such as "at least one review item and one objective"
	Version int             // the return's version
	Content string          // a fingerprint of the content shown (domain.ContentStamp)
	Problem string          // why submitting was refused
	// Unanswered lead to the answers still to give before submitting, such as
	// a status for one of last year's objectives.
	Unanswered []Link
	// Incomplete lead to the sections not yet marked as completed, when the
	// return holds what it needs: it is submitted once there are none.
	Incomplete []Link
}

// SubmittedView is the confirmation after submitting.
type SubmittedView struct {
	Ref ReturnRef
}

// PeriodHomeView is a reporting period's page for the board.
type PeriodHomeView struct {
	Period      domain.Period
	SeeOverview bool // manager and chair: every agency's return status
	SeeReport   bool // manager, chair and members: the report's sections
	// SeeDashboard links to the performance dashboard: manager, chair and members.
	SeeDashboard bool
	// WriteBoardSections links to the board's own sections: the manager, and the
	// chair for the overview.
	WriteBoardSections bool
	// Publish links to the outline and the readiness check before publishing: the manager.
	Publish bool
	// SeeChallenges links to the challenge log.
	SeeChallenges bool
}

// PeriodPath is the address of one of a period's pages, such as PeriodPath(p, "/returns").
func PeriodPath(p domain.Period, suffix string) string { return "/periods/" + p.Slug + suffix }

// HomePageView is the signed-in user's home page.
type HomePageView struct {
	HomeView
	Returns []HomeReturn // an agency lead's return for each open period
	// Challenges are those waiting on the user: to a lead's agency, or for the chair and the manager.
	Challenges *ChallengePanel
	// Glances are where each open period stands, for those who read the dashboard.
	Glances []PeriodGlance
}

// HomeReturn is a lead's return for one open period, as their home page shows it.
type HomeReturn struct {
	PeriodLabel string
	Status      domain.ReturnStatus
	Deadline    *time.Time
	Overdue     bool
	Path        string
}

// Shorten cuts text to at most n characters on a word boundary, for headings and messages.
func Shorten(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	r := []rune(text)
	if len(r) <= n {
		return text
	}
	cut := n
	for cut > n/2 && r[cut] != ' ' {
		cut--
	}
	if r[cut] != ' ' {
		cut = n
	}
	return string(r[:cut]) + "…"
}

// AimChoice is the optional "Strategic aim" select of a review item or an
// objective form: the period's aims, or none; nothing when the board has
// written no aims for the period.
func AimChoice(aims []domain.StrategicAim, chosen int64, what string) Choice {
	c := Choice{Name: "aim", Legend: "Strategic aim (optional)",
		Hint:  "Which of the board’s strategic aims " + what + " serves. The board’s report can list every agency’s work aim by aim.",
		Value: strconv.FormatInt(chosen, 10), Options: []Option{{Value: "0", Label: "None"}}}
	for i, a := range aims {
		c.Options = append(c.Options, Option{Value: strconv.FormatInt(a.ID, 10), Label: strconv.Itoa(i+1) + ". " + a.Title})
	}
	return c
}

// ChangeTitle says what happened to an entry between two submissions, such as
// "Review item added: Helpline" or "Objective changed: Train staff".
func ChangeTitle(c domain.EntryChange) string {
	verb := map[domain.ChangeKind]string{domain.EntryAdded: " added", domain.EntryRemoved: " removed", domain.EntryChanged: " changed"}[c.Kind]
	title := ChangeNoun(c.Task) + verb + ": " + Shorten(c.Name, 120)
	if c.Before != "" {
		title += " (was " + Shorten(c.Before, 80) + ")"
	}
	return title
}

// ChangeNoun is an entry of a return's task as a heading names it, such as "Review item".
func ChangeNoun(task string) string { return capitalFirst(TaskNoun(task)) }

// TaskNoun is an entry of a return's task as pages name it, such as "review item".
func TaskNoun(task string) string {
	for _, t := range domain.AgencyReturn.Tasks {
		if t.Key == task {
			return t.Noun
		}
	}
	return "entry"
}

// FieldName is the question a field of a return's entry answers, as its
// form asks it, such as "How much did we do?"; a status is "Status".
func FieldName(task, field string) string {
	var parts []ItemPart
	switch task {
	case "review":
		parts = append([]ItemPart{{Name: "title", Question: "Title"}}, ReviewItemParts(domain.ReviewItem{})...)
	case "objectives":
		parts = ObjectiveParts(domain.Objective{})
	case "last-year":
		parts = append([]ItemPart{{Name: "status", Question: "Status"}}, ResultParts(domain.ObjectiveResult{})...)
	}
	for _, p := range parts {
		if p.Name == field {
			return p.Question
		}
	}
	return strings.ReplaceAll(field, "_", " ")
}

// FieldText is a field's text as pages show it: a status in words.
func FieldText(field, text string) string {
	if field == "status" && text != "" {
		return domain.ObjectiveStatus(text).Title()
	}
	return text
}

func capitalFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
