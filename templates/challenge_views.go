package templates

import (
	"strings"
	"time"

	"safeboard/internal/domain"
)

// The chair's challenge log (challenges.templ): the log, a challenge's page
// with its answer and closing forms, the form that raises one, and the panel
// that shows a target's challenges beside it.

// ChallengeLine is one challenge as a list shows it.
type ChallengeLine struct {
	ID          int64
	Path        string // the challenge's page
	Question    string // shortened
	About       string // what it is about, in the words it was raised with
	AgencyName  string // the agency that owes the answer
	PeriodLabel string
	RaisedBy    domain.Role
	Raised      time.Time
	RespondBy   time.Time
	Status      domain.ChallengeStatus
	Overdue     bool
	Outcome     domain.ChallengeOutcome
	ToAnswer    string // how long the first answer took, such as "12 days"; empty until answered
	ToClose     string // how long until it was closed; empty until closed
}

// ChallengeFilters are the log's filters, as in its address.
type ChallengeFilters struct {
	Status  string // a status, or "" for any
	Agency  string // an agency's slug, or "" for any
	Overdue bool
}

// ChallengeLogView is the period's challenge log.
type ChallengeLogView struct {
	Period   domain.Period
	Filters  ChallengeFilters
	Statuses []Option // the statuses the viewer may filter by; none when they read closed challenges only
	Agencies []Option // the agencies to filter by; none when the viewer reads one agency's challenges
	// Scope says what part of the log the viewer reads, when not all of it.
	Scope     string
	Lines     []ChallengeLine
	RaisePath string // the way to raise a challenge: the chair's and the manager's
	// ReportPath is the draft report, for those who read it: its challenge section shows the closed challenges.
	ReportPath string
}

// Filtered reports whether any filter is set.
func (v ChallengeLogView) Filtered() bool { return v.Filters != ChallengeFilters{} }

// ChallengePageView is one challenge's page.
type ChallengePageView struct {
	Period    domain.Period
	C         domain.Challenge
	AboutPath string // the target's page, when the viewer may read it
	LogPath   string
	Answers   []domain.ChallengeAnswer // every version, oldest first
	Path      string                   // the challenge's page, where its forms post below

	// The agency lead's answer form, with what they typed.
	CanAnswer bool
	Answer    string
	// The chair's closing form, with what they chose and typed.
	CanClose    bool
	Outcome     string
	WhatChanged string
	Errors      domain.FieldErrors
	// Conflict says why a change was not made though nothing typed was wrong.
	Conflict string
	// KeptText is what was typed into a form the challenge no longer takes, once closed, to copy.
	KeptText string
}

// Problem reports whether the page shows why a change was not made.
func (v ChallengePageView) Problem() bool { return len(v.Errors) > 0 || v.Conflict != "" }

// EarlierAnswers are the answer's versions before the latest, newest first.
func (v ChallengePageView) EarlierAnswers() []domain.ChallengeAnswer {
	var out []domain.ChallengeAnswer
	for i := len(v.Answers) - 2; i >= 0; i-- {
		out = append(out, v.Answers[i])
	}
	return out
}

// ChallengeFormView is the form that raises a challenge.
type ChallengeFormView struct {
	Period domain.Period
	Back   Link
	// About is the target, as the form carries it, when it is fixed;
	// AboutLabel its words.
	About      string
	AboutLabel string
	// AboutChoices, when set, are the targets to choose from: a return and its review items.
	AboutChoices []Option
	// AgencyName is the agency that owes the answer when the target decides
	// it; otherwise Agencies are the agencies to choose from.
	AgencyName string
	Agencies   []Option
	Agency     string // the slug chosen
	Question   string
	RespondBy  DateParts
	Errors     domain.FieldErrors
}

// ChallengePanel is a target's challenges, shown beside it: on a return,
// an indicator's page, a lead's grid of figures and the home page.
type ChallengePanel struct {
	ID        string // the section's id, for its heading's label
	Heading   string
	Lines     []ChallengeLine
	RaisePath string // the way to raise one about the target: the chair's and the manager's
	RaiseText string
	LogPath   string // the whole log, when the panel shows part of it
	ShowAbout bool   // each line says what it is about (a panel over several targets)
	// ShowPeriod names each line's reporting period (a panel over several periods).
	ShowPeriod bool
}

// Empty reports whether the panel has nothing to show.
func (p *ChallengePanel) Empty() bool {
	return p == nil || (len(p.Lines) == 0 && p.RaisePath == "")
}

// OutcomeOptions are the outcomes as the closing form's radios offer them.
func OutcomeOptions() []Option {
	out := make([]Option, len(domain.ChallengeOutcomes))
	for i, o := range domain.ChallengeOutcomes {
		out[i] = Option{Value: string(o), Label: o.Title(), Hint: o.Hint()}
	}
	return out
}

// ChallengeStatusColour is a status's tag colour.
func ChallengeStatusColour(s domain.ChallengeStatus) string {
	switch s {
	case domain.ChallengeAnswered:
		return "turquoise"
	case domain.ChallengeClosed:
		return "grey"
	}
	return ""
}

// OutcomeColour is an outcome's tag colour; the tag's words say the outcome too.
func OutcomeColour(o domain.ChallengeOutcome) string {
	switch o {
	case domain.OutcomeAssured:
		return "green"
	case domain.OutcomePartlyAssured:
		return "yellow"
	case domain.OutcomeEscalated:
		return "red"
	}
	return ""
}

// ChallengeReportView is the report's section "Challenge and scrutiny": the
// period's challenges counted by outcome, and the closed ones in words.
type ChallengeReportView struct {
	Period domain.Period
	Counts domain.ChallengeCounts
	Closed []domain.Challenge
}

// OutcomeCount is one row of the section's table of outcomes.
type OutcomeCount struct {
	Outcome domain.ChallengeOutcome
	Count   int
}

// OutcomeCounts are the closed challenges counted by outcome, every outcome in order.
func (v *ChallengeReportView) OutcomeCounts() []OutcomeCount {
	out := make([]OutcomeCount, len(domain.ChallengeOutcomes))
	for i, o := range domain.ChallengeOutcomes {
		out[i] = OutcomeCount{Outcome: o, Count: v.Counts.ByOutcome[o]}
	}
	return out
}

// ChallengePath is a challenge's page.
func ChallengePath(c domain.Challenge) string {
	return "/periods/" + c.PeriodSlug + "/challenges/" + idString(c.ID)
}

// LineOf is a challenge as a list shows it.
func LineOf(c domain.Challenge) ChallengeLine {
	l := ChallengeLine{
		ID: c.ID, Path: ChallengePath(c), Question: Shorten(c.Question, 140), About: c.TargetLabel,
		AgencyName: c.AgencyName, PeriodLabel: c.PeriodLabel, RaisedBy: c.RaisedByRole, Raised: c.RaisedAt,
		RespondBy: c.RespondBy, Status: c.Status, Overdue: c.Overdue, Outcome: c.Outcome,
	}
	if c.Target.Kind == domain.TargetAgency {
		l.About = "its work as a whole"
	}
	if c.DaysToAnswer != nil {
		l.ToAnswer = domain.Days(*c.DaysToAnswer)
	}
	if c.DaysToClose != nil {
		l.ToClose = domain.Days(*c.DaysToClose)
	}
	return l
}

func lineOf(c domain.Challenge) ChallengeLine { return LineOf(c) }

// challengeCount says how many challenges a list shows: "No challenges", "1 challenge", "3 challenges".
func challengeCount(n int) string {
	switch n {
	case 0:
		return "No challenges"
	case 1:
		return "1 challenge"
	}
	return itoa(n) + " challenges"
}

// lowerRole is a role as a sentence says it: "independent chair".
func lowerRole(r domain.Role) string { return domain.LowerFirst(r.Title()) }

func orNotYet(s string) string {
	if s == "" {
		return "Not yet"
	}
	return s
}

// answeredIn is afterDays at the start of a sentence: "12 days after it was raised", "The same day it was raised".
func answeredIn(days int) string {
	s := afterDays(days)
	return strings.ToUpper(s[:1]) + s[1:]
}

// challengeHeading names a closed challenge in the report: the agency, and what it was about when not the agency itself.
func challengeHeading(c domain.Challenge) string {
	if c.Target.Kind == domain.TargetAgency {
		return c.AgencyName
	}
	return c.AgencyName + " – " + c.TargetLabel
}

// challengeTimes says in the report how long a closed challenge took.
func challengeTimes(c domain.Challenge) string {
	s := "Not answered"
	if c.DaysToAnswer != nil {
		s = "First answered " + afterDays(*c.DaysToAnswer)
	}
	if c.DaysToClose != nil {
		s += "; closed " + afterDays(*c.DaysToClose)
	}
	return s + "."
}

// afterDays says how long after raising: "the same day it was raised", "12 days after it was raised".
func afterDays(n int) string {
	if n == 0 {
		return "the same day it was raised"
	}
	return domain.Days(n) + " after it was raised"
}

// challengeSummary says in a sentence how many challenges the board raised in the period and how they ended.
func challengeSummary(v *ChallengeReportView) string {
	total := v.Counts.Closed() + v.Counts.NotClosed
	s := "In " + v.Period.Label + " the board raised " + challengeCountLower(total) + " to partner agencies."
	if closed := v.Counts.Closed(); closed > 0 {
		var parts []string
		for _, oc := range v.OutcomeCounts() {
			if oc.Count > 0 {
				parts = append(parts, itoa(oc.Count)+" "+strings.ToLower(oc.Outcome.Title()))
			}
		}
		s += " " + itoa(closed) + " " + wasWere(closed) + " closed: " + joinAnd(parts) + "."
	}
	if v.Counts.NotClosed > 0 {
		s += " " + itoa(v.Counts.NotClosed) + " " + wasWere(v.Counts.NotClosed) + " still open when this report was compiled."
	}
	return s
}

func challengeCountLower(n int) string {
	if n == 1 {
		return "1 challenge"
	}
	return itoa(n) + " challenges"
}

func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// joinAnd joins words as a sentence lists them: "a, b and c".
func joinAnd(parts []string) string {
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
