package domain

import (
	"math"
	"strconv"
	"time"
)

// The annual report's board content (issue 6): what the board writes itself,
// beside the sections built from the agencies' returns and figures.

// SectionKind is what a section of the report's outline holds.
type SectionKind string

// The kinds of section. Each built-in kind appears once in a period's outline;
// free sections are the manager's own text, as many as they like.
const (
	SectionOverview       SectionKind = "overview"        // the independent chair's overview
	SectionPlan           SectionKind = "plan"            // the review of the board's business plan
	SectionPartnerReviews SectionKind = "partner_reviews" // each agency's review of the year
	SectionPerformance    SectionKind = "performance"     // safeguarding activity and performance information
	SectionAims           SectionKind = "aims"            // strategic aims and specific objectives
	SectionWorkByAim      SectionKind = "work_by_aim"     // what every agency did and plans, aim by aim (hidden by default)
	SectionObjectives     SectionKind = "objectives"      // single agency objectives for next year
	SectionChallenge      SectionKind = "challenge"       // the closed challenges of the chair's log, in words (hidden by default)
	SectionMembership     SectionKind = "membership"      // board membership and attendance
	SectionFree           SectionKind = "free"            // the manager's own text
)

// DefaultSection is one section of the outline a period starts with.
type DefaultSection struct {
	Kind     SectionKind
	Title    string
	Appendix bool
	Hidden   bool // in the outline but left out of the report until the manager shows it
}

// DefaultOutline is the seed report's order of sections for a period: the
// chair's overview, the board's business plan, the partner agencies'
// reviews, the performance information, the strategic aims, the single
// agency objectives, and the membership appendix; the work by strategic aim
// and the challenge and scrutiny section are there too, hidden until the
// manager shows them.
func DefaultOutline(p Period) []DefaultSection {
	next := PeriodForYear(p.StartsOn.Year() + 1).Label
	return []DefaultSection{
		{SectionOverview, "Overview by the independent chair", false, false},
		{SectionPlan, "Review of safeguarding " + p.Label + ": the board’s business plan", false, false},
		{SectionPartnerReviews, "Review of safeguarding " + p.Label + ": partner agencies", false, false},
		{SectionPerformance, "Safeguarding activity and performance information", false, false},
		{SectionAims, "Strategic aims and specific objectives", false, false},
		{SectionWorkByAim, "Work by strategic aim", false, true},
		{SectionObjectives, "Single agency safeguarding objectives " + next, false, false},
		{SectionChallenge, "Challenge and scrutiny", false, true},
		{SectionMembership, "Board membership and attendance", true, false},
	}
}

// ReportSection is one section of a period's outline. The manager types its
// title and, for a free section, its text; whether it is shown and lettered
// as an appendix are chosen with radios (the web's section editor).
type ReportSection struct {
	Entry
	PeriodID int64
	Kind     SectionKind
	Title    string `form:"title" label:"the title" missing:"the section’s title" validate:"required,max=200"`
	Hidden   bool
	Appendix bool
	Body     string `form:"body" label:"the text" validate:"max=50000"` // a free section's Markdown; empty for the built-in kinds
}

// NumberedSection is a visible section with the number the report gives it.
type NumberedSection struct {
	ReportSection
	Number string // "3", or "A" for an appendix
	Label  string // "Section 3" or "Appendix A"
	Anchor string // the heading's id in the compiled report, such as "section-3" or "appendix-a"
}

// NumberSections numbers the visible sections in outline order: sections 1,
// 2, 3…, appendices A, B, C…. Hidden sections are left out and take no number.
func NumberSections(sections []ReportSection) []NumberedSection {
	var out []NumberedSection
	n, a := 0, 0
	for _, s := range sections {
		if s.Hidden {
			continue
		}
		ns := NumberedSection{ReportSection: s}
		if s.Appendix {
			letter := appendixLetter(a)
			a++
			ns.Number, ns.Label, ns.Anchor = letter, "Appendix "+letter, "appendix-"+lower(letter)
		} else {
			n++
			ns.Number = strconv.Itoa(n)
			ns.Label, ns.Anchor = "Section "+ns.Number, "section-"+ns.Number
		}
		out = append(out, ns)
	}
	return out
}

// appendixLetter is A for 0, B for 1, …, Z, then AA, AB.
func appendixLetter(i int) string {
	if i < 26 {
		return string(rune('A' + i))
	}
	return appendixLetter(i/26-1) + appendixLetter(i%26)
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// ReportCover is the report's cover.
type ReportCover struct {
	Title    string
	Subtitle string
	Date     *time.Time // the date shown on the cover, if set
	Version  int        // 0 when nothing has been saved yet
}

// DefaultCoverTitle is a period's report title until the manager changes it,
// such as "Annual review 2009/10 and business plan 2010/11".
func DefaultCoverTitle(p Period) string {
	return "Annual review " + p.Label + " and business plan " + PeriodForYear(p.StartsOn.Year()+1).Label
}

// TextKind names one of the board's longer texts.
type TextKind string

// The board's texts: the chair's overview and the introductions the manager
// may give the business plan, the aims and the membership appendix.
const (
	TextOverview   TextKind = "overview"
	TextPlanIntro  TextKind = "plan_intro"
	TextAimsIntro  TextKind = "aims_intro"
	TextMembership TextKind = "membership_intro"
)

// TextKinds are every kind of text, in the order the editors list them.
var TextKinds = []TextKind{TextOverview, TextPlanIntro, TextAimsIntro, TextMembership}

// Valid reports whether k is a known kind.
func (k TextKind) Valid() bool {
	for _, x := range TextKinds {
		if x == k {
			return true
		}
	}
	return false
}

// ReportText is one of the board's texts in Markdown.
type ReportText struct {
	Kind    TextKind
	Body    string
	Version int // 0 when nothing has been saved yet
}

// PlanObjective is a key objective of the board's business plan with its items.
type PlanObjective struct {
	Entry
	Title string `form:"title" label:"the key objective" missing:"the key objective, like Improving and promoting best safeguarding practice" validate:"required,max=300"`
	Intro string `form:"intro" label:"the introduction" validate:"max=20000"`
	Items []PlanItem
}

// PlanItem is one item under a key objective, such as "Child death review
// processes": what the board did and how well, or what difference it made, is
// needed.
type PlanItem struct {
	Entry
	ObjectiveID    int64
	Title          string `form:"title" label:"the title" missing:"the title, like Child death review processes" validate:"required,max=300"`
	DesiredOutcome string `form:"desired_outcome" label:"the desired outcome" validate:"max=5000"`
	WhatWeDid      string `form:"what_we_did" label:"what the board did and how well" missing:"what the board did and how well, or what difference it made" validate:"required_without=Difference,max=30000"`
	Difference     string `form:"difference" label:"what difference the board made" validate:"max=30000"`
}

// StrategicAim is one of the board's strategic aims, in Markdown: the
// outcomes it seeks and its specific objectives for later years, with its
// specific objectives for the coming year as a list of their own.
type StrategicAim struct {
	Entry
	Title      string `form:"title" label:"the strategic aim" missing:"the strategic aim, like To promote continuous learning and development" validate:"required,max=300"`
	Outcomes   string `form:"outcomes" label:"the outcomes sought" validate:"max=20000"`
	LaterYears string `form:"later_years" label:"the objectives for later years" validate:"max=20000"`
	// Objectives are its specific objectives for the coming year, in order.
	Objectives []AimObjective
}

// BoardMember is a member of the board in the period, named by role; the
// name is optional.
type BoardMember struct {
	Entry
	Role         string `form:"role" label:"the role" missing:"the member’s role, like Director of Children’s Services" validate:"required,max=200"`
	Organisation string `form:"organisation" label:"the agency or organisation" missing:"the agency or organisation they represent" validate:"required,max=200"`
	Name         string `form:"name" label:"the name" validate:"max=200"`
}

// Meeting is one board meeting with who attended.
type Meeting struct {
	ID        int64
	HeldOn    time.Time
	Version   int
	Attendees []int64 // member ids
}

// Attended reports whether the member was at the meeting.
func (m Meeting) Attended(memberID int64) bool {
	for _, id := range m.Attendees {
		if id == memberID {
			return true
		}
	}
	return false
}

// AttendanceRow is one member's line of the attendance table.
type AttendanceRow struct {
	Member   BoardMember
	Attended []bool // one per meeting, in date order
	Count    int
	Rate     int // whole per cent of the meetings held; 0 when none were held
}

// Attendance is each member's attendance at the period's meetings, in
// member order, with rates rounded to whole per cent.
func Attendance(members []BoardMember, meetings []Meeting) []AttendanceRow {
	rows := make([]AttendanceRow, len(members))
	for i, m := range members {
		row := AttendanceRow{Member: m, Attended: make([]bool, len(meetings))}
		for j, mt := range meetings {
			if mt.Attended(m.ID) {
				row.Attended[j] = true
				row.Count++
			}
		}
		if len(meetings) > 0 {
			row.Rate = int(math.Round(float64(row.Count) * 100 / float64(len(meetings))))
		}
		rows[i] = row
	}
	return rows
}

// BoardContent is everything the board writes for a period's report.
type BoardContent struct {
	Cover      ReportCover
	Texts      map[TextKind]ReportText
	Objectives []PlanObjective
	Aims       []StrategicAim
	Members    []BoardMember
	Meetings   []Meeting
}

// Text is the body of one of the board's texts, or "" when none is written.
func (c BoardContent) Text(k TextKind) string { return c.Texts[k].Body }
