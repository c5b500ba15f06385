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
	// Answer, when set, makes the task one of answers: its entries come from
	// elsewhere (last year's objectives), none is added or removed, and each
	// needs its Answer (such as "a status") before the return is submitted.
	// The task is left out of a return that has no such entries.
	Answer string
}

// Tally is how far one task of a return has got: the entries it holds and,
// for a task of answers, how many are answered.
type Tally struct {
	Entries, Answered int
	// Completed: the lead answered "Yes" to "Have you completed this
	// section?" (Return.SectionCompleted).
	Completed bool
}

// Done reports whether the task of t is finished enough to submit the
// return: a required task holds an entry, a task of answers has every entry
// answered.
func (t Task) Done(n Tally) bool {
	if t.Required && n.Entries == 0 {
		return false
	}
	return t.Answer == "" || n.Answered >= n.Entries
}

// Shown reports whether the task list shows the task: a task of answers only
// when it has entries to answer.
func (t Task) Shown(n Tally) bool { return t.Answer == "" || n.Entries > 0 }

// AgencyReturn is a partner agency's yearly return: what became of the
// objectives of its return last year, when the year was started from last
// year; its review of the year in review items; and its objectives for the
// next year. The review and the objectives are needed, and a status for each
// of last year's objectives.
var AgencyReturn = ReturnKind{Tasks: []Task{
	{Key: "last-year", Noun: "objective from last year", One: "objective", Many: "objectives", Answer: "a status"},
	{Key: "review", Noun: "review item", One: "item", Many: "items", Required: true},
	{Key: "objectives", Noun: "objective", One: "objective", Many: "objectives", Required: true},
}}

// TaskStatus is how a return's task list shows one task's progress.
type TaskStatus struct {
	Text        string
	Tag         bool // a blue tag, for a task still to do; otherwise plain text
	CannotStart bool
}

// Progress is the status of a task at n: completed once the lead has said
// so and it holds what it needs (Done), not yet started while it holds
// nothing (a task of answers: none answered), otherwise in progress.
func (t Task) Progress(n Tally) TaskStatus {
	switch {
	case n.Completed && t.Done(n):
		return TaskStatus{Text: "Completed"}
	case t.Answer != "" && n.Answered == 0, t.Answer == "" && n.Entries == 0:
		return TaskStatus{Text: "Not yet started", Tag: true}
	}
	return TaskStatus{Text: "In progress", Tag: true}
}

// Count says how many entries the task holds, such as "1 item" or "3
// items", and for a task of answers how many are answered: "2 of 3
// objectives answered".
func (t Task) Count(n Tally) string {
	many := t.Many
	if n.Entries == 1 {
		many = t.One
	}
	if t.Answer != "" {
		return fmt.Sprintf("%d of %d %s answered", n.Answered, n.Entries, many)
	}
	return fmt.Sprintf("%d %s", n.Entries, many)
}

// Ready reports whether a return whose tasks stand at tallies (in the tasks'
// order) may be submitted: every task is done.
func (k ReturnKind) Ready(tallies []Tally) bool {
	for i, t := range k.Tasks {
		var n Tally
		if i < len(tallies) {
			n = tallies[i]
		}
		if !t.Done(n) {
			return false
		}
	}
	return true
}

// Unmarked are the indexes of the tasks of a return whose tasks stand at
// tallies that the task list shows but the lead has not said are completed
// (or that no longer hold what they need): each must be before the return
// is submitted.
func (k ReturnKind) Unmarked(tallies []Tally) []int {
	var out []int
	for i, t := range k.Tasks {
		var n Tally
		if i < len(tallies) {
			n = tallies[i]
		}
		if t.Shown(n) && !(n.Completed && t.Done(n)) {
			out = append(out, i)
		}
	}
	return out
}

// Task is the task whose key is key; the zero Task when there is none.
func (k ReturnKind) Task(key string) Task {
	for _, t := range k.Tasks {
		if t.Key == key {
			return t
		}
	}
	return Task{}
}

// NotDone says what the task at n still needs before it can be marked as
// completed, such as "at least one review item"; "" when it is Done.
func (t Task) NotDone(n Tally) string {
	switch {
	case t.Done(n):
		return ""
	case t.Required && n.Entries == 0:
		return "at least one " + t.Noun
	}
	return t.Answer + " for each " + t.Noun
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
	return "at least " + JoinAnd(parts)
}

// Missing says what a return whose tasks stand at tallies still needs before
// it can be submitted: what Needs says, after the answers still to give,
// such as "a status for each objective from last year and at least one
// review item and one objective"; "" when it is ready.
func (k ReturnKind) Missing(tallies []Tally) string {
	var answers []string
	required := false
	for i, t := range k.Tasks {
		var n Tally
		if i < len(tallies) {
			n = tallies[i]
		}
		if t.Done(n) {
			continue
		}
		if t.Required && n.Entries == 0 {
			required = true
		}
		if t.Answer != "" {
			answers = append(answers, t.Answer+" for each "+t.Noun)
		}
	}
	if required {
		answers = append(answers, k.Needs())
	}
	return JoinAnd(answers)
}

// JoinAnd joins phrases as a sentence does: "a, b and c".
func JoinAnd(parts []string) string {
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// CanCheck reports whether the lead may check a return whose tasks stand at
// tallies: every required task holds an entry. The check page then names any
// answer still to give, and leads to it.
func (k ReturnKind) CanCheck(tallies []Tally) bool {
	for i, t := range k.Tasks {
		if t.Required && (i >= len(tallies) || tallies[i].Entries == 0) {
			return false
		}
	}
	return true
}

// CheckProgress is the progress of checking and submitting a return in
// status whose tasks stand at tallies. A return sent back was submitted
// once, so it waits to be submitted again rather than to start.
func (k ReturnKind) CheckProgress(status ReturnStatus, tallies []Tally) TaskStatus {
	switch {
	case !k.CanCheck(tallies):
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
