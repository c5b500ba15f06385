package domain

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// ReturnKind declares a return-like workflow: work an agency fills in task by
// task, each task a list of entries, then submits to the board, which accepts
// it or sends it back with a comment (ReturnStatus, NextStatus). The agency's
// yearly return is one (AgencyReturn); a later module's return, such as a
// Section 11 self-assessment, declares its own tasks and reuses the states,
// their rules, the task list, the check before submitting, the board's review
// and the send-back comment.
type ReturnKind struct {
	Tasks []Task // in the task list's order
}

// Task is one part of a return that its agency fills in: a list of entries.
type Task struct {
	Key       string // names the task in addresses and element ids, such as "review"
	Noun      string // an entry as messages name it, such as "review item"
	One, Many string // one entry and several as the task list counts them: "item", "items"
	Required  bool   // the return cannot be submitted until the task holds an entry
}

// AgencyReturn is a partner agency's yearly return: its review of the year in
// review items, and its objectives for the next year; both are needed.
var AgencyReturn = ReturnKind{Tasks: []Task{
	{Key: "review", Noun: "review item", One: "item", Many: "items", Required: true},
	{Key: "objectives", Noun: "objective", One: "objective", Many: "objectives", Required: true},
}}

// TaskStatus is how a return's task list shows one task's progress.
type TaskStatus struct {
	Text        string
	Tag         bool // a blue tag, for a task still to do; otherwise plain text
	CannotStart bool
}

// Progress is the status of a task holding n entries: an entry list is never
// complete by itself, so once started it stays in progress until the return
// is submitted.
func (t Task) Progress(n int) TaskStatus {
	if n == 0 {
		return TaskStatus{Text: "Not yet started", Tag: true}
	}
	return TaskStatus{Text: "In progress", Tag: true}
}

// Count says how many entries the task holds, such as "1 item" or "3 items".
func (t Task) Count(n int) string {
	if n == 1 {
		return "1 " + t.One
	}
	return fmt.Sprintf("%d %s", n, t.Many)
}

// Ready reports whether a return whose tasks hold counts entries (in the
// tasks' order) may be submitted: every required task holds one.
func (k ReturnKind) Ready(counts []int) bool {
	for i, t := range k.Tasks {
		if t.Required && (i >= len(counts) || counts[i] == 0) {
			return false
		}
	}
	return true
}

// Needs says what a return must hold before it can be submitted, such as
// "at least one review item and one objective".
func (k ReturnKind) Needs() string {
	var parts []string
	for _, t := range k.Tasks {
		if t.Required {
			parts = append(parts, "one "+t.Noun)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	last := parts[len(parts)-1]
	if len(parts) > 1 {
		last = strings.Join(parts[:len(parts)-1], ", ") + " and " + last
	}
	return "at least " + last
}

// CheckProgress is the progress of checking and submitting a return in
// status whose tasks hold counts entries. A return sent back was submitted
// once, so it waits to be submitted again rather than to start.
func (k ReturnKind) CheckProgress(status ReturnStatus, counts []int) TaskStatus {
	switch {
	case !k.Ready(counts):
		return TaskStatus{Text: "Cannot start yet", CannotStart: true}
	case status == StatusReturned:
		return TaskStatus{Text: "Not yet resubmitted", Tag: true}
	}
	return TaskStatus{Text: "Not yet started", Tag: true}
}

// ContentStamp sums up a return's content as the lead checked it: the
// entries of each of its tasks' lists, in the tasks' and the lists' order, by
// id and version. Any change by anyone (an entry added, changed, removed or
// moved) changes it. The check page sends it with the submit, and the store
// compares it with the content as it is when the submit is made.
func ContentStamp(lists ...[]Entry) string {
	h := sha256.New()
	for i, list := range lists {
		for _, e := range list {
			fmt.Fprintf(h, "%d:%d v%d;", i, e.ID, e.Version)
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Entries are the entries of list as ContentStamp reads them.
func Entries[T interface{ entry() Entry }](list []T) []Entry {
	out := make([]Entry, len(list))
	for i, v := range list {
		out[i] = v.entry()
	}
	return out
}
