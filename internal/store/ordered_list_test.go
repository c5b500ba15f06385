package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
)

// notesTable is a new list's table, the shape every ordered list has.
const notesTable = `CREATE TABLE test_notes (
    id         bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id  bigint  NOT NULL REFERENCES periods (id) ON DELETE CASCADE,
    position   integer NOT NULL,
    title      text    NOT NULL CHECK (length(title) BETWEEN 1 AND 20),
    a text NOT NULL DEFAULT '', b text NOT NULL DEFAULT '', c text NOT NULL DEFAULT '',
    d text NOT NULL DEFAULT '', last text NOT NULL DEFAULT '',
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by bigint REFERENCES users (id),
    CONSTRAINT test_notes_position_key UNIQUE (period_id, position) DEFERRABLE INITIALLY DEFERRED
)`

func titles(t *testing.T, st *store.Store, parent int64) string {
	t.Helper()
	notes, err := store.NoteList.All(context.Background(), st, parent)
	if err != nil {
		t.Fatal(err)
	}
	out := ""
	for i, n := range notes {
		if n.Position != i+1 || n.PeriodID != parent {
			t.Fatalf("note %q at position %d of period %d, want %d of %d", n.Title, n.Position, n.PeriodID, i+1, parent)
		}
		out += n.Title + " "
	}
	return out
}

// TestANewListIsADeclaration runs a list declared in a few lines (NoteList,
// with six typed fields) through everything the engine does.
func TestANewListIsADeclaration(t *testing.T) {
	t.Parallel()
	st := testdb.New(t)
	ctx := context.Background()
	// A migration, as the owner, makes the table; the default privileges of
	// migration 0023 let the server's role use it.
	if _, err := testdb.OwnerPool(t, st.Pool()).Exec(ctx, notesTable); err != nil {
		t.Fatal(err)
	}
	p, other := reportPeriod(t, st, 2009), reportPeriod(t, st, 2010)
	a := domain.CommandLine
	var ids []int64
	for _, title := range []string{"one", "two", "three"} {
		id, err := store.NoteList.Add(ctx, st, a, store.Under(p.ID), store.Note{Title: title, A: title + " a", Last: title + " last"})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if _, err := store.NoteList.Add(ctx, st, a, store.Under(other.ID), store.Note{Title: "elsewhere"}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.NoteList.Add(ctx, st, a, store.Under(p.ID), store.Note{Title: "far too long for the check"}); !errors.Is(err, domain.ErrConflict) {
		t.Errorf("a note the table refuses: %v, want domain.ErrConflict", err)
	}
	if got := titles(t, st, p.ID); got != "one two three " {
		t.Fatalf("notes in order: %q", got)
	}
	steps := []struct {
		name string
		do   func() error
		want string
	}{
		{"the last moves up", func() error { return store.NoteList.Move(ctx, st, a, store.Under(p.ID), ids[2], -1) }, "one three two "},
		{"the first cannot move up", func() error { return store.NoteList.Move(ctx, st, a, store.Under(p.ID), ids[0], -1) }, "one three two "},
		{"the last cannot move down", func() error { return store.NoteList.Move(ctx, st, a, store.Under(p.ID), ids[1], 1) }, "one three two "},
		{"the middle one goes, closing the gap", func() error { return store.NoteList.Remove(ctx, st, a, store.Under(p.ID), ids[2], 1) }, "one two "},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got := titles(t, st, p.ID); got != s.want {
			t.Fatalf("%s: %q, want %q", s.name, got, s.want)
		}
	}
	if err := store.NoteList.Move(ctx, st, a, store.Under(p.ID), ids[0], 2); err == nil {
		t.Error("a move of two places was made")
	}
	// A change is refused when the note changed, or is not the parent's.
	if err := store.NoteList.Update(ctx, st, a, store.Under(p.ID), ids[1], 1, store.Note{Title: "two", D: "changed"}); err != nil {
		t.Fatal(err)
	}
	if err := store.NoteList.Update(ctx, st, a, store.Under(p.ID), ids[1], 1, store.Note{Title: "stale"}); !errors.Is(err, domain.ErrStale) {
		t.Errorf("a stale change: %v, want domain.ErrStale", err)
	}
	if err := store.NoteList.Remove(ctx, st, a, store.Under(p.ID), ids[1], 1); !errors.Is(err, domain.ErrStale) {
		t.Errorf("a stale removal: %v, want domain.ErrStale", err)
	}
	if _, err := store.NoteList.Get(ctx, st, other.ID, ids[1]); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("another period's note: %v, want domain.ErrNotFound", err)
	}
	got, err := store.NoteList.Get(ctx, st, p.ID, ids[1])
	if err != nil || got.Version != 2 || got.D != "changed" || got.A != "" || got.Last != "" {
		t.Errorf("the changed note: %+v, %v", got, err)
	}
	// Each change wrote its audit event, naming what changed.
	events, err := st.AuditEvents(ctx, "test_note", 20)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action)
	}
	if want := "[test_note.update test_note.remove test_note.move test_note.create test_note.create test_note.create test_note.create]"; fmt.Sprint(actions) != want {
		t.Errorf("audit trail %v, want %s", actions, want)
	}
	changes, _ := events[0].Details["changes"].(map[string]any)
	if len(changes) != 3 || changes["a"] == nil || changes["d"] == nil || changes["last"] == nil {
		t.Errorf("the update's changes %v, want a, d and last only", changes)
	}
}
