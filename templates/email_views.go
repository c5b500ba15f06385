package templates

import (
	"strconv"

	"safeboard/internal/domain"
)

// OutboxView is the manager's outbox: every email queued or sent, newest first.
type OutboxView struct {
	Messages []domain.OutboxMessage
	Counts   map[domain.OutboxStatus]int
	Status   domain.OutboxStatus // the status shown; all when empty
	// MailConfigured is false when no mail server is set: messages stay queued.
	MailConfigured bool
	Limit          int
}

// OutboxStatuses are the outbox's statuses in the order the filter offers them.
var OutboxStatuses = []domain.OutboxStatus{domain.OutboxQueued, domain.OutboxSent, domain.OutboxFailed}

// Total is the number of messages of every status.
func (v OutboxView) Total() int {
	n := 0
	for _, c := range v.Counts {
		n += c
	}
	return n
}

// OutboxStatusWords is a message status in words.
func OutboxStatusWords(s domain.OutboxStatus) string {
	switch s {
	case domain.OutboxQueued:
		return "Queued"
	case domain.OutboxSent:
		return "Sent"
	case domain.OutboxFailed:
		return "Failed"
	}
	return "All"
}

func outboxStatusColour(s domain.OutboxStatus) string {
	switch s {
	case domain.OutboxSent:
		return "green"
	case domain.OutboxFailed:
		return "red"
	}
	return "blue"
}

// KindWords is a kind of email in words.
func KindWords(k domain.NotificationKind) string {
	if i, ok := k.Info(); ok {
		return i.Label
	}
	return string(k)
}

func outboxFilterPath(s domain.OutboxStatus) string {
	if s == "" {
		return "/admin/outbox"
	}
	return "/admin/outbox?status=" + string(s)
}

func outboxRetryPath(id int64) string { return "/admin/outbox/" + strconv.FormatInt(id, 10) + "/retry" }

// NotificationsView is a user's choice of the emails they get.
type NotificationsView struct {
	Email string
	Kinds []NotificationChoice
}

// NotificationChoice is one kind of email a user gets, and whether it is on.
type NotificationChoice struct {
	domain.KindInfo
	On bool
}

// UnsubscribeView is the page an unsubscribe link opens.
type UnsubscribeView struct {
	Token string
	Kind  domain.KindInfo
	Done  bool // the kind is now off
	Valid bool // false for a link that was changed or has no such user
}
