package domain

import (
	"fmt"
	"strings"
	"time"
)

// NotificationKind is a kind of email Safeboard sends (issue 17). Each user
// may turn off each kind but the deadline reminders and chases.
type NotificationKind string

// The kinds of email, as stored in the outbox and in users' choices.
const (
	// NotifyReturnReminder reminds a return's leads 14 and 3 days before its deadline, then weekly while overdue.
	NotifyReturnReminder NotificationKind = "return_reminder"
	// NotifyReturnChase is the manager's "chase overdue agencies", to each overdue agency's leads.
	NotifyReturnChase NotificationKind = "return_chase"
	// NotifyReturnReviewed tells a return's leads it was sent back (with the comment) or accepted.
	NotifyReturnReviewed NotificationKind = "return_reviewed"
	// NotifyReturnSubmitted tells the manager a return was submitted.
	NotifyReturnSubmitted NotificationKind = "return_submitted"
	// NotifyChallengeRaised tells the owing agency's leads of a new challenge.
	NotifyChallengeRaised NotificationKind = "challenge_raised"
	// NotifyChallengeReminder reminds the owing agency's leads of an unanswered challenge the day after its date, then weekly.
	NotifyChallengeReminder NotificationKind = "challenge_reminder"
	// NotifyChallengeAnswered tells the chair (and whoever raised it) that a challenge was answered.
	NotifyChallengeAnswered NotificationKind = "challenge_answered"
	// NotifyReportPublished tells every user that a version of the annual report was published.
	NotifyReportPublished NotificationKind = "report_published"
)

// KindInfo says what a kind of email is, in words, who gets it and whether it may be turned off.
type KindInfo struct {
	Kind  NotificationKind
	Label string // what the email is about, as a preference's label
	Hint  string
	// Always is true for the deadline reminders and chases, which nobody may turn off.
	Always bool
	// Roles are the roles that get this kind.
	Roles []Role
}

// NotificationKinds lists every kind of email in the order the preferences page shows them.
var NotificationKinds = []KindInfo{
	{NotifyReturnReminder, "Reminders of the deadline for your agency's return", "14 and 3 days before the deadline, then weekly while it is overdue.", true, []Role{RoleLead}},
	{NotifyReturnChase, "The board manager chasing an overdue return", "When the manager chases agencies whose return is overdue.", true, []Role{RoleLead}},
	{NotifyChallengeReminder, "Reminders of an unanswered challenge", "The day after the date to respond by, then weekly until it is answered.", true, []Role{RoleLead}},
	{NotifyReturnReviewed, "Your agency's return sent back or accepted", "With the manager's comment when it is sent back.", false, []Role{RoleLead}},
	{NotifyChallengeRaised, "A challenge raised to your agency", "When the chair or the manager asks your agency a question.", false, []Role{RoleLead}},
	{NotifyReturnSubmitted, "A return submitted", "When an agency submits its return for review.", false, []Role{RoleManager}},
	{NotifyChallengeAnswered, "A challenge answered", "When an agency answers a challenge, or revises its answer.", false, []Role{RoleChair, RoleManager}},
	{NotifyReportPublished, "The annual report published", "When a version of the board's annual report is published.", false, Roles},
}

// Info is the kind's KindInfo; ok is false for an unknown kind.
func (k NotificationKind) Info() (KindInfo, bool) {
	for _, i := range NotificationKinds {
		if i.Kind == k {
			return i, true
		}
	}
	return KindInfo{}, false
}

// CanTurnOff reports whether a user may turn off this kind of email: a known
// kind that is not a deadline reminder or chase.
func (k NotificationKind) CanTurnOff() bool {
	i, ok := k.Info()
	return ok && !i.Always
}

// KindsFor lists the kinds of email a user of role gets.
func KindsFor(role Role) []KindInfo {
	var out []KindInfo
	for _, i := range NotificationKinds {
		for _, r := range i.Roles {
			if r == role {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

// Email is one message as it is queued: what it says, why the person gets it,
// and the page it is about (a path, made a full address when it is sent).
type Email struct {
	Kind    NotificationKind
	Subject string
	Body    string
	Reason  string
	Path    string
	// ScheduleKey makes a scheduled reminder unique (what, kind, date); empty otherwise.
	ScheduleKey string
}

// Reminder is a scheduled reminder's slot: before the deadline (14 or 3 days)
// or the nth week overdue, and the day the slot begins.
type Reminder struct {
	Slot string // "before-14", "before-3" or "overdue-N"
	On   time.Time
}

// ReturnReminderDue is the reminder due on today for a return whose period's
// deadline is deadline, if any: 14 days before (sent on any day from 14 to 4
// days before, so a server down on the day still sends it), 3 days before
// (3 days before to the day itself), then from the day after the deadline,
// each week while overdue, for OverdueReminderWeeks weeks. A return submitted or accepted gets none; the
// caller asks only for returns still to come.
func ReturnReminderDue(deadline, today time.Time) (Reminder, bool) {
	d := civil(deadline)
	t := civil(today)
	days := int(d.Sub(t).Hours() / 24)
	switch {
	case days >= 4 && days <= 14:
		return Reminder{Slot: "before-14", On: d.AddDate(0, 0, -14)}, true
	case days >= 0 && days <= 3:
		return Reminder{Slot: "before-3", On: d.AddDate(0, 0, -3)}, true
	case days < 0:
		return overdueSlot(d, t)
	}
	return Reminder{}, false
}

// ChallengeReminderDue is the reminder due on today for a challenge still
// unanswered whose date to respond by is respondBy: from the day after it,
// each week, for OverdueReminderWeeks weeks.
func ChallengeReminderDue(respondBy, today time.Time) (Reminder, bool) {
	d, t := civil(respondBy), civil(today)
	if !t.After(d) {
		return Reminder{}, false
	}
	return overdueSlot(d, t)
}

// OverdueReminderWeeks is how many weekly reminders an overdue return or
// challenge gets. After them the reminders stop: something that late is for
// the board manager to chase in person (or with "Chase overdue agencies"),
// and a year long past, such as the demo's 2009/10, sends nothing.
const OverdueReminderWeeks = 8

// overdueSlot is the week overdue that today falls in, counted from the day
// after d, while it is one of the first OverdueReminderWeeks.
func overdueSlot(d, t time.Time) (Reminder, bool) {
	late := int(t.Sub(d).Hours()/24) - 1 // 0 on the day after d
	week := late / 7
	if week >= OverdueReminderWeeks {
		return Reminder{}, false
	}
	return Reminder{Slot: fmt.Sprintf("overdue-%d", week+1), On: d.AddDate(0, 0, 1+7*week)}, true
}

// civil is t's calendar day at midnight UTC, so days subtract exactly.
func civil(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// DaysBetween counts the calendar days from a to b.
func DaysBetween(a, b time.Time) int { return int(civil(b).Sub(civil(a)).Hours() / 24) }

// ScheduleKey is a scheduled reminder's unique key: what it is about, its kind and slot, and the slot's day.
func ScheduleKey(about string, kind NotificationKind, r Reminder) string {
	return fmt.Sprintf("%s:%s:%s:%s", about, kind, r.Slot, r.On.Format(time.DateOnly))
}

// emailDate writes a day as the emails do: 31 May 2010.
func emailDate(t time.Time) string { return t.Format("2 January 2006") }

// quote indents text as a quotation in a plain-text email.
func quote(text string) string {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	for i, l := range lines {
		lines[i] = "> " + strings.TrimRight(l, "\r ")
	}
	return strings.Join(lines, "\n")
}

// ReturnAbout names a return in an email and gives its page.
type ReturnAbout struct {
	Agency     string
	AgencySlug string
	Period     string // the label, 2009/10
	PeriodSlug string
	Deadline   *time.Time
}

// Path is the return's page.
func (r ReturnAbout) Path() string { return "/periods/" + r.PeriodSlug + "/returns/" + r.AgencySlug }

func leadReason(r ReturnAbout) string {
	return "You get this email because you are a lead for " + r.Agency + " on the safeguarding children board."
}

// ReturnReminderEmail reminds an agency's leads of the deadline for its return, days away (negative when overdue).
func ReturnReminderEmail(r ReturnAbout, today time.Time) Email {
	e := Email{Kind: NotifyReturnReminder, Reason: leadReason(r) + " Deadline reminders cannot be turned off.", Path: r.Path()}
	deadline := emailDate(*r.Deadline)
	days := DaysBetween(today, *r.Deadline)
	switch {
	case days > 1:
		e.Subject = fmt.Sprintf("%s return for %s: due in %d days", r.Agency, r.Period, days)
		e.Body = fmt.Sprintf("%s return for %s is due by %s, in %d days.\n\nPlease finish the review of the year and the objectives for next year, then check and submit the return.", Possessive(r.Agency), r.Period, deadline, days)
	case days >= 0:
		when := map[int]string{0: "today", 1: "tomorrow"}[days]
		e.Subject = fmt.Sprintf("%s return for %s: due %s", r.Agency, r.Period, when)
		e.Body = fmt.Sprintf("%s return for %s is due by %s, %s.\n\nPlease finish it, then check and submit it.", Possessive(r.Agency), r.Period, deadline, when)
	default:
		e.Subject = fmt.Sprintf("%s return for %s is overdue", r.Agency, r.Period)
		e.Body = fmt.Sprintf("%s return for %s was due by %s and has not been submitted: it is %s overdue.\n\nPlease finish it and submit it as soon as you can, or reply to this email to tell the board manager when it will come.", Possessive(r.Agency), r.Period, deadline, CountOf(-days, "day"))
	}
	return e
}

// ReturnChaseEmail is the manager's chase of an overdue return, sent by who.
func ReturnChaseEmail(r ReturnAbout, who string, today time.Time) Email {
	days := DaysBetween(*r.Deadline, today)
	return Email{Kind: NotifyReturnChase, Path: r.Path(),
		Subject: fmt.Sprintf("Chasing %s overdue return for %s", Possessive(r.Agency), r.Period),
		Body: fmt.Sprintf("The board manager (%s) is chasing %s return for %s.\n\nIt was due by %s and is %s overdue. Please submit it as soon as you can, or reply to this email to say when it will come.",
			who, Possessive(r.Agency), r.Period, emailDate(*r.Deadline), CountOf(days, "day")),
		Reason: leadReason(r) + " The board manager chases overdue returns; this cannot be turned off."}
}

// ReturnSentBackEmail tells a return's leads it was sent back, quoting the manager's comment.
func ReturnSentBackEmail(r ReturnAbout, comment string) Email {
	return Email{Kind: NotifyReturnReviewed, Path: r.Path(),
		Subject: fmt.Sprintf("%s return for %s was sent back", r.Agency, r.Period),
		Body: fmt.Sprintf("The board manager sent %s return for %s back to you with this comment:\n\n%s\n\nPlease make the changes asked for, then check and submit the return again.",
			Possessive(r.Agency), r.Period, quote(comment)),
		Reason: leadReason(r)}
}

// ReturnAcceptedEmail tells a return's leads it was accepted.
func ReturnAcceptedEmail(r ReturnAbout) Email {
	return Email{Kind: NotifyReturnReviewed, Path: r.Path(),
		Subject: fmt.Sprintf("%s return for %s was accepted", r.Agency, r.Period),
		Body:    fmt.Sprintf("The board manager accepted %s return for %s. Thank you: it will be part of the board's annual report.", Possessive(r.Agency), r.Period),
		Reason:  leadReason(r)}
}

// ReturnSubmittedEmail tells the manager a return was submitted.
func ReturnSubmittedEmail(r ReturnAbout) Email {
	return Email{Kind: NotifyReturnSubmitted, Path: r.Path(),
		Subject: fmt.Sprintf("%s submitted its return for %s", r.Agency, r.Period),
		Body:    fmt.Sprintf("%s submitted its return for %s. It is ready for you to review: accept it, or send it back with a comment.", r.Agency, r.Period),
		Reason:  "You get this email because you are the board manager."}
}

// ChallengeAbout names a challenge in an email and gives its page.
type ChallengeAbout struct {
	ID         int64
	Agency     string
	PeriodSlug string
	About      string // the target's label
	Question   string
	RespondBy  time.Time
	RaisedBy   string
}

// Path is the challenge's page.
func (c ChallengeAbout) Path() string {
	return fmt.Sprintf("/periods/%s/challenges/%d", c.PeriodSlug, c.ID)
}

// ChallengeRaisedEmail tells the owing agency's leads of a new challenge.
func ChallengeRaisedEmail(c ChallengeAbout) Email {
	return Email{Kind: NotifyChallengeRaised, Path: c.Path(),
		Subject: fmt.Sprintf("A challenge to %s: please answer by %s", c.Agency, emailDate(c.RespondBy)),
		Body: fmt.Sprintf("%s asked %s a question about %s:\n\n%s\n\nPlease answer it by %s.",
			c.RaisedBy, c.Agency, c.About, quote(c.Question), emailDate(c.RespondBy)),
		Reason: "You get this email because you are a lead for " + c.Agency + " on the safeguarding children board."}
}

// ChallengeReminderEmail reminds the owing agency's leads of an unanswered challenge.
func ChallengeReminderEmail(c ChallengeAbout, today time.Time) Email {
	return Email{Kind: NotifyChallengeReminder, Path: c.Path(),
		Subject: fmt.Sprintf("A challenge to %s is waiting for an answer", c.Agency),
		Body: fmt.Sprintf("%s asked %s a question about %s, to be answered by %s. It has not been answered: it is %s overdue.\n\n%s",
			c.RaisedBy, c.Agency, c.About, emailDate(c.RespondBy), CountOf(DaysBetween(c.RespondBy, today), "day"), quote(c.Question)),
		Reason: "You get this email because you are a lead for " + c.Agency + " on the safeguarding children board. Reminders of an unanswered challenge cannot be turned off."}
}

// ChallengeAnsweredEmail tells the chair that a challenge was answered.
func ChallengeAnsweredEmail(c ChallengeAbout, answer string) Email {
	return Email{Kind: NotifyChallengeAnswered, Path: c.Path(),
		Subject: fmt.Sprintf("%s answered a challenge", c.Agency),
		Body:    fmt.Sprintf("%s answered the challenge about %s:\n\n%s\n\nThe answer:\n\n%s", c.Agency, c.About, quote(c.Question), quote(answer)),
		Reason:  "You get this email because you are the board's chair, or raised the challenge."}
}

// ReportPublishedEmail tells every user that a version of the annual report was published.
func ReportPublishedEmail(period, periodSlug string, version int) Email {
	return Email{Kind: NotifyReportPublished, Path: "/periods/" + periodSlug + "/published",
		Subject: fmt.Sprintf("The board's annual report for %s is published", period),
		Body:    fmt.Sprintf("Version %d of the safeguarding children board's annual report for %s was published. You can read it and download it as a PDF.", version, period),
		Reason:  "You get this email because you have an account on the safeguarding children board's Safeboard."}
}

// OutboxStatus is where a message stands: queued (waiting to be sent, or to
// be tried again), sent, or failed (given up after its last attempt, until
// the manager tries it again).
type OutboxStatus string

// The statuses of a message in the outbox.
const (
	OutboxQueued OutboxStatus = "queued"
	OutboxSent   OutboxStatus = "sent"
	OutboxFailed OutboxStatus = "failed"
)

// OutboxMessage is one email in the outbox.
type OutboxMessage struct {
	ID            int64
	Kind          NotificationKind
	UserID        *int64 // the one user it is for, whose unsubscribe link it carries
	Recipients    []string
	Subject       string
	Body          string
	Reason        string
	Path          string
	ScheduleKey   string
	Status        OutboxStatus
	Attempts      int
	NextAttemptAt time.Time
	LastError     string
	CreatedAt     time.Time
	SentAt        *time.Time
}

// MaxSendAttempts is how many times a message is tried before it is marked failed.
const MaxSendAttempts = 8

// SendBackoff is how long to wait after a message's nth failed attempt: one
// minute, doubling, at most an hour.
func SendBackoff(attempts int) time.Duration {
	d := time.Minute
	for i := 1; i < attempts && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}
