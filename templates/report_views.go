package templates

import (
	"strconv"
	"strings"
	"time"

	"safeboard/internal/domain"
)

// ReturnsOverviewView is the board's table of every agency's return for a period.
type ReturnsOverviewView struct {
	Period     domain.Period
	Rows       []OverviewRow
	Counts     []StatusCount // one per status, in domain.ReturnStatuses order
	Overdue    int
	CanPreview bool // the manager: link to the report sections with submitted returns included
	// CanChase offers the manager "Chase overdue agencies" while the period is open and returns are overdue.
	CanChase bool
	// Filter is the status the rows are limited to, from the address; "" for all.
	Filter  domain.ReturnStatus
	Total   int    // every return, however many Rows the filter leaves
	AllHref string // the overview without a filter
}

// OverviewRow is one agency's line in the returns overview.
type OverviewRow struct {
	domain.ReturnSummary
	Path    string // the return's page; empty when the viewer may not open it
	Overdue bool
}

// StatusCount is how many returns are in one status.
type StatusCount struct {
	Status  domain.ReturnStatus
	Count   int
	Href    string // the overview showing only these returns
	Current bool   // the overview shows only these now
}

// ReviewHistoryEntry is one change of a return's status, as the review panel lists it.
type ReviewHistoryEntry struct {
	From      domain.ReturnStatus
	To        domain.ReturnStatus
	ActorName string
	ActorRole domain.Role
	At        time.Time
}

// Verb says what the change did, such as "Submitted" or "Sent back".
func (e ReviewHistoryEntry) Verb() string {
	switch e.To {
	case domain.StatusDraft:
		return "Started"
	case domain.StatusSubmitted:
		if e.From == domain.StatusAccepted {
			return "Reopened for review"
		}
		return "Submitted"
	case domain.StatusReturned:
		return "Sent back"
	case domain.StatusAccepted:
		return "Accepted"
	}
	return e.To.Title()
}

// Who names the person who made the change, with their role.
func (e ReviewHistoryEntry) Who() string {
	if e.ActorName == "" {
		return "the system"
	}
	return personWithRole(e.ActorName, e.ActorRole)
}

// personWithRole names someone with their role, such as "Jo Bloggs (Agency lead)",
// or just "Board manager" when the name is the role, as on the demo board.
func personWithRole(name string, role domain.Role) string {
	if name == role.Title() {
		return name
	}
	return name + " (" + role.Title() + ")"
}

// SendBackView is the page where the manager says why a return goes back to its agency.
type SendBackView struct {
	AgencyName  string
	PeriodLabel string
	ReturnPath  string
	Version     int
	Comment     string
	Errors      domain.FieldErrors
	// Conflict says why the return could not be sent back although nothing typed
	// was wrong: it changed since the page was opened. The comment is kept.
	Conflict    string
	CanSendBack bool // false when the return has left review: the comment can still be added as a comment
	CanComment  bool
	// Entries are the return's entries the manager may comment on one by one.
	Entries []EntryCommentField
}

// EntryCommentField is the manager's optional comment on one entry of a
// return when sending it back.
type EntryCommentField struct {
	Field   string // the form's field, such as comment-review-12
	Label   string // the entry as the page names it, such as "review item 2: Induction training"
	Comment string
}

// Problem reports whether the page shows an error, for the title's "Error:" prefix.
func (v SendBackView) Problem() bool { return len(v.Errors) > 0 || v.Conflict != "" }

// CommentFormView is the page that shows a refused comment again with its error.
type CommentFormView struct {
	AgencyName  string
	PeriodLabel string
	ReturnPath  string
	Comment     string
	Errors      domain.FieldErrors
	// Conflict says why the comment cannot be added although nothing typed was
	// wrong: the return changed status and the writer may no longer see it.
	// The comment is shown for them to keep a copy, without the form, and the
	// way back leads to OverviewPath instead of the return.
	Conflict     string
	OverviewPath string
}

// Problem reports whether the page shows an error, for the title's "Error:" prefix.
func (v CommentFormView) Problem() bool { return len(v.Errors) > 0 || v.Conflict != "" }

// ReviewConflictView explains that a review action was refused because the
// return changed since the page was opened, and offers what can be done now.
type ReviewConflictView struct {
	AgencyName  string
	PeriodLabel string
	ReturnPath  string
	Message     string
	Panel       ReviewPanelView
}

// ReportView is one report section built from the agencies' returns.
type ReportView struct {
	Period     domain.Period
	NextLabel  string // the year the objectives are for, such as 2010/11
	Path       string // the section's own address
	Preview    bool   // submitted returns are included
	CanPreview bool
	// MissingStatuses shows where each missing agency's return stands, which
	// is the returns overview's information: the manager and the chair only.
	MissingStatuses bool
	Sections        []ReportSection
	Missing         []ReportMissing
}

// ReportMissing is an agency whose return is not in the section yet.
type ReportMissing struct {
	Name   string
	Status domain.ReturnStatus
}

// ReportSection is one numbered section: a group of agencies such as "3.1 The
// Medway health economy", or a single agency standing alone such as "3.2 HMYOI Cookham Wood".
type ReportSection struct {
	Number   string
	Title    string
	Grouped  bool
	Agencies []ReportAgency
}

// ReportAgency is one agency's part of a report section.
type ReportAgency struct {
	Number     string // 3.1.1 inside a group; the section's number when it stands alone
	Agency     domain.Agency
	Status     domain.ReturnStatus
	Items      []domain.ReviewItem
	Objectives []domain.Objective
	// LookBack are the objectives the agency set last year for this year,
	// with what became of them, when the year was started from last year.
	LookBack []domain.ObjectiveReview
}

// Outline numbers a report section's agencies the way the seed does. Agencies
// next to each other that share a non-empty group form one section ("3.1 The
// Medway health economy") with a sub-section each (3.1.1, 3.1.2); any other
// agency is a section of its own (3.2, 3.3). The agencies stay in their order.
func Outline(section int, agencies []ReportAgency) []ReportSection {
	var out []ReportSection
	prefix := strconv.Itoa(section) + "."
	for _, a := range agencies {
		group := strings.TrimSpace(a.Agency.GroupName)
		if group != "" && len(out) > 0 {
			last := &out[len(out)-1]
			if last.Grouped && last.Title == group {
				a.Number = last.Number + "." + strconv.Itoa(len(last.Agencies)+1)
				last.Agencies = append(last.Agencies, a)
				continue
			}
		}
		number := prefix + strconv.Itoa(len(out)+1)
		if group == "" {
			a.Number = number
			out = append(out, ReportSection{Number: number, Title: a.Agency.Name, Agencies: []ReportAgency{a}})
			continue
		}
		a.Number = number + ".1"
		out = append(out, ReportSection{Number: number, Title: group, Grouped: true, Agencies: []ReportAgency{a}})
	}
	return out
}

// MissingNote lists the agencies not yet included, such as "CVS Medway
// (draft), Kent Police (not started)", or only their names when the viewer
// may not see statuses (MissingStatuses).
func (v ReportView) MissingNote() string {
	parts := make([]string, len(v.Missing))
	for i, m := range v.Missing {
		parts[i] = m.Name
		if v.MissingStatuses {
			parts[i] += " (" + strings.ToLower(m.Status.Title()) + ")"
		}
	}
	return strings.Join(parts, ", ")
}

// anchor is the id of a numbered heading, such as "section-3-1-2".
func anchor(number string) string { return "section-" + strings.ReplaceAll(number, ".", "-") }

// commentArea is the field for a comment on a return, with a character count.
func commentArea(label, labelClass, hint, value, errMsg string) TextArea {
	return TextArea{
		Name: "comment", Label: label, LabelClass: labelClass, Hint: hint, Value: value, Error: errMsg,
		Rows: 6, MaxLength: domain.MaxCommentLength,
	}
}
