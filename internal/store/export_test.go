package store

import "safeboard/internal/domain"

// Note is an entry of a list that the engine's tests declare the way a new
// list is declared: a title and five more lines, under a period.
type Note struct {
	domain.Entry
	PeriodID                int64
	Title, A, B, C, D, Last string
}

// NoteList is the notes' list, in a table the tests make (test_notes).
var NoteList = &List[Note]{
	table: "test_notes", entity: "test_note", parent: "period_id",
	entry: func(n *Note) *domain.Entry { return &n.Entry },
	typed: []column[Note]{
		{name: "title", of: func(n *Note) any { return &n.Title }},
		{name: "a", of: func(n *Note) any { return &n.A }},
		{name: "b", of: func(n *Note) any { return &n.B }},
		{name: "c", of: func(n *Note) any { return &n.C }},
		{name: "d", of: func(n *Note) any { return &n.D }},
		{name: "last", of: func(n *Note) any { return &n.Last }},
	},
	shown: []column[Note]{{name: "period_id", of: func(n *Note) any { return &n.PeriodID }}},
}
