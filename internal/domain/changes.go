package domain

import "time"

// What changed in a return between two of its submissions, entry by entry.

// Submission is what a return held when it was submitted: its entries, task
// by task, in order.
type Submission struct {
	At      time.Time
	Entries []SubmittedEntry
}

// SubmittedEntry is one entry of a return as it was submitted.
type SubmittedEntry struct {
	Task    string // the task's key, such as "review"
	ID      int64
	Version int
	Name    string  // the entry's name, such as a review item's title
	Fields  []Field // what was typed, in the form's order
}

// Field is one typed field of an entry: its form name and its text.
type Field struct {
	Name string
	Text string
}

// ChangeKind is how an entry changed between two submissions.
type ChangeKind string

// The kinds of change.
const (
	EntryAdded   ChangeKind = "added"
	EntryRemoved ChangeKind = "removed"
	EntryChanged ChangeKind = "changed"
)

// EntryChange is how one entry changed: added or removed whole, or changed
// in some of its fields.
type EntryChange struct {
	Task   string
	Kind   ChangeKind
	Name   string        // as submitted last, or before it was removed
	Before string        // its name before, when it changed
	Fields []FieldChange // the fields that changed, for a change
}

// FieldChange is one field that changed, from Before to After.
type FieldChange struct {
	Name          string
	Before, After string
}

// ChangesBetween lists how the entries of a return changed from one
// submission to the next, in the order of the tasks and of the later
// submission (tasks only the earlier one holds come last), with entries
// removed after the task's others. An entry whose
// version is the same is unchanged; one whose version moved on may still
// read the same (saved without a change), and then is not listed.
func ChangesBetween(before, after Submission) []EntryChange {
	type key struct {
		task string
		id   int64
	}
	old := map[key]SubmittedEntry{}
	var tasks []string
	seen := map[string]bool{}
	addTask := func(t string) {
		if !seen[t] {
			seen[t] = true
			tasks = append(tasks, t)
		}
	}
	for _, e := range after.Entries {
		addTask(e.Task)
	}
	for _, e := range before.Entries {
		old[key{e.Task, e.ID}] = e
		addTask(e.Task)
	}
	now := map[key]bool{}
	byTask := map[string][]EntryChange{}
	for _, e := range after.Entries {
		now[key{e.Task, e.ID}] = true
		was, ok := old[key{e.Task, e.ID}]
		switch {
		case !ok:
			byTask[e.Task] = append(byTask[e.Task], EntryChange{Task: e.Task, Kind: EntryAdded, Name: e.Name, Fields: fieldsAdded(e.Fields)})
		case was.Version != e.Version:
			if fields := fieldChanges(was.Fields, e.Fields); len(fields) > 0 {
				c := EntryChange{Task: e.Task, Kind: EntryChanged, Name: e.Name, Fields: fields}
				if was.Name != e.Name {
					c.Before = was.Name
				}
				byTask[e.Task] = append(byTask[e.Task], c)
			}
		}
	}
	for _, e := range before.Entries {
		if !now[key{e.Task, e.ID}] {
			byTask[e.Task] = append(byTask[e.Task], EntryChange{Task: e.Task, Kind: EntryRemoved, Name: e.Name})
		}
	}
	var out []EntryChange
	for _, t := range tasks {
		out = append(out, byTask[t]...)
	}
	return out
}

// fieldsAdded are an added entry's fields that say something, as changes from nothing.
func fieldsAdded(fields []Field) []FieldChange {
	var out []FieldChange
	for _, f := range fields {
		if f.Text != "" {
			out = append(out, FieldChange{Name: f.Name, After: f.Text})
		}
	}
	return out
}

// fieldChanges are the fields whose text differs, in the later order; a
// field only one side has counts as empty on the other.
func fieldChanges(before, after []Field) []FieldChange {
	was := map[string]string{}
	for _, f := range before {
		was[f.Name] = f.Text
	}
	var out []FieldChange
	names := map[string]bool{}
	for _, f := range after {
		names[f.Name] = true
		if was[f.Name] != f.Text {
			out = append(out, FieldChange{Name: f.Name, Before: was[f.Name], After: f.Text})
		}
	}
	for _, f := range before {
		if !names[f.Name] && f.Text != "" {
			out = append(out, FieldChange{Name: f.Name, Before: f.Text})
		}
	}
	return out
}
