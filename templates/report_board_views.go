package templates

import (
	"strconv"
	"strings"

	"github.com/a-h/templ"

	"safeboard/internal/domain"
)

// The views of the annual report's board content, its outline and the
// compiled report (issue 6).

// BoardField is one field of a board content form.
type BoardField struct {
	Name     string
	Label    string
	Hint     string
	Kind     string // "input" (the default), "textarea", "date", "radios", "checkboxes" or "hidden"
	Rows     int
	Markdown bool // the hint says which Markdown is understood, and the form offers a preview
	Preview  bool // a preview was asked for: the text is shown rendered above the field
	Value    string
	Values   []string // the checked boxes
	Date     DateParts
	Options  []Option
	Error    string
	Width    string
}

// BoardFormView is a form for one piece of the board's content.
type BoardFormView struct {
	EntryForm
	Caption string // such as "Annual report 2009/10"
	Heading string
	Intro   string
	Save    string
	Fields  []BoardField
}

// BoardRemoveView asks before something of the board's is removed.
type BoardRemoveView struct {
	Removal
	Caption string
}

// BoardLink is an address and what it leads to, with a short status.
type BoardLink struct {
	Href, Text, Status, Hint string
}

// BoardHubView is the page listing the board's own parts of the report.
type BoardHubView struct {
	Period      domain.Period
	ReportPath  string
	OutlinePath string
	Links       []BoardLink
	CanEdit     bool // the manager: everything, not just the overview
}

// PlanPageView lists the business plan's key objectives and their items.
type PlanPageView struct {
	Period     domain.Period
	Base       string // the board pages' address, /periods/{p}/report/board
	IntroPath  string
	Intro      string
	Objectives []domain.PlanObjective
	// LookBack are the objectives the board set last year for this year,
	// when the year was started from last year.
	LookBack []domain.AimObjectiveReview
}

// ObjectivePath is a key objective's address plus suffix.
func (v PlanPageView) ObjectivePath(id int64, suffix string) string {
	return v.Base + "/plan/objectives/" + strconv.FormatInt(id, 10) + suffix
}

// ItemPath is an item's address plus suffix.
func (v PlanPageView) ItemPath(objectiveID, id int64, suffix string) string {
	return v.ObjectivePath(objectiveID, "/items/"+strconv.FormatInt(id, 10)+suffix)
}

// AimsPageView lists the strategic aims.
type AimsPageView struct {
	Period    domain.Period
	Base      string
	IntroPath string
	Intro     string
	Aims      []domain.StrategicAim
}

// ObjectivePath is the address of an aim's objective for the coming year
// plus suffix; id 0 with suffix "new" is the address that adds one.
func (v AimsPageView) ObjectivePath(aimID, id int64, suffix string) string {
	base := v.Base + "/aims/" + strconv.FormatInt(aimID, 10) + "/objectives/"
	if id == 0 {
		return base + suffix
	}
	return base + strconv.FormatInt(id, 10) + suffix
}

// MembershipPageView lists the members and meetings with the attendance table.
type MembershipPageView struct {
	Period     domain.Period
	Base       string
	IntroPath  string
	Intro      string
	Members    []domain.BoardMember
	Meetings   []domain.Meeting
	Attendance []domain.AttendanceRow
}

// OutlinePageView is the report's sections in order, numbered.
type OutlinePageView struct {
	Period     domain.Period
	Base       string // /periods/{p}/report
	Sections   []OutlineRow
	ReportPath string
}

// OutlineRow is one section of the outline page.
type OutlineRow struct {
	domain.ReportSection
	Number string // "Section 3", "Appendix A", or "" when hidden
}

// ReportDocView is the compiled report.
type ReportDocView struct {
	Period     domain.Period
	BoardName  string
	Title      string
	Subtitle   string
	Date       string
	Sections   []ReportDocSection
	Preview    bool
	CanPreview bool
	Path       string
	// The manager's and the chair's ways to the editors; empty for other readers and in published copies.
	EditPath    string
	OutlinePath string
	Missing     string // agencies whose returns are not yet included
	// Article is ReportArticle already rendered, when the server kept it; nil renders it from Sections.
	Article templ.Component
	// Switch is the manager's switch to accepted figures only; Withheld
	// counts the indicators whose figures it leaves out of section 4.
	Switch   FiguresSwitch
	Withheld int
}

// ReportDocSection is one visible section of the compiled report with what it shows.
type ReportDocSection struct {
	domain.NumberedSection
	Period     domain.Period
	Board      *domain.BoardContent
	Returns    *ReportView      // sections built from returns: partner reviews and objectives
	Perf       *SectionPerfView // the performance section
	Attendance []domain.AttendanceRow
	ByAim      *WorkByAimView       // the work by strategic aim (report_aims.templ)
	Challenges *ChallengeReportView // challenge and scrutiny (challenges.templ)
	// BoardLookBack are the objectives the board set last year for this year
	// with what became of them, for the business plan review.
	BoardLookBack []domain.AimObjectiveReview
}

// Heading is the section's heading, such as "3. Review by each partner agency" or "Appendix A: Membership".
func (s ReportDocSection) Heading() string {
	if s.Appendix {
		return s.Label + ": " + s.Title
	}
	return s.Number + ". " + s.Title
}

// attendanceMark says whether a member attended a meeting, in words.
func attendanceMark(b bool) string {
	if b {
		return "Attended"
	}
	return "Absent"
}

// memberLabel names a member by role, with their name when given.
func memberLabel(m domain.BoardMember) string {
	if strings.TrimSpace(m.Name) == "" {
		return m.Role
	}
	return m.Name + ", " + m.Role
}

// shortDate is a meeting's date for a narrow table column, such as "14 Apr 2009".
func shortDate(m domain.Meeting) string { return m.HeldOn.Format("2 Jan 2006") }

// previewAction is where the form posts to preview its Markdown: its own
// address, opening at the first preview.
func (v BoardFormView) previewAction() string {
	for _, f := range v.Fields {
		if f.Markdown {
			return v.Action + "#" + f.Name + "-preview"
		}
	}
	return ""
}

// previewProblemsAnchor is, when a preview comes with problems to name, the
// id the Preview button's address leads to (previewAction), for the error
// summary to carry in place of the preview: "" otherwise.
func (v BoardFormView) previewProblemsAnchor() string {
	if len(v.Errors) == 0 && v.Conflict == "" {
		return ""
	}
	for _, f := range v.Fields {
		if f.Markdown && f.Preview {
			if action := v.previewAction(); action != "" {
				_, anchor, _ := strings.Cut(action, "#")
				return anchor
			}
		}
	}
	return ""
}

// boardFieldHint is a field's hint with the Markdown help when it takes Markdown.
func boardFieldHint(f BoardField) string {
	if !f.Markdown {
		return f.Hint
	}
	help := "Leave a blank line between paragraphs. Start a line with - and a space for a bullet, or 1. for a numbered list. Use *asterisks* for emphasis, ## for a heading, and [words](https://example.org) for a link."
	if f.Hint == "" {
		return help
	}
	return f.Hint + " " + help
}

// checked reports whether value is among the checked boxes.
func checked(values []string, value string) bool {
	for _, v := range values {
		if v == value {
			return true
		}
	}
	return false
}

// SectionKindName says what a built-in section shows, for the outline page.
func SectionKindName(k domain.SectionKind) string {
	switch k {
	case domain.SectionOverview:
		return "The chair’s overview"
	case domain.SectionPlan:
		return "The board’s business plan review"
	case domain.SectionPartnerReviews:
		return "Built from the agencies’ reviews"
	case domain.SectionPerformance:
		return "Built from the performance figures"
	case domain.SectionAims:
		return "The strategic aims"
	case domain.SectionWorkByAim:
		return "Built from the agencies’ work tagged with an aim"
	case domain.SectionObjectives:
		return "Built from the agencies’ objectives"
	case domain.SectionChallenge:
		return "Built from the challenge log’s closed challenges"
	case domain.SectionMembership:
		return "Membership and attendance"
	}
	return "The board’s own text"
}

func idString(id int64) string { return strconv.FormatInt(id, 10) }

// slugOf is the last part of an address, for element ids.
func slugOf(href string) string { return href[strings.LastIndex(href, "/")+1:] }

// itemLetter is a), b), c)… for the items under a key objective.
func itemLetter(i int) string {
	if i < 26 {
		return string(rune('a' + i))
	}
	return itoa(i + 1)
}

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return "not given"
	}
	return s
}

// nextYear is the year after the period, such as 2010/11.
func nextYear(p domain.Period) string { return domain.PeriodForYear(p.StartsOn.Year() + 1).Label }

// laterYears is the start of the years after next, such as 2011/12.
func laterYears(p domain.Period) string { return domain.PeriodForYear(p.StartsOn.Year() + 2).Label }
