package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// importsFixture is the values fixture with two people who save figures, a
// period, and what each cell's state is.
type importsFixture struct {
	*valuesFixture
	ada, bo  domain.Actor // the manager, and a lead of "ours"
	adaID    int64
	periodID int64
}

func newImportsFixture(t *testing.T) *importsFixture {
	t.Helper()
	ctx := context.Background()
	f := &importsFixture{valuesFixture: newValuesFixture(t)}
	var err error
	f.adaID, err = f.st.CreateUser(ctx, domain.CommandLine, store.NewUser{Email: "ada@example.org", Name: "Ada Manager", Role: domain.RoleManager, PasswordHash: "x"})
	must(t, err)
	boID, err := f.st.CreateUser(ctx, domain.CommandLine, store.NewUser{Email: "bo@example.org", Name: "Bo Lead", Role: domain.RoleLead, AgencyID: &f.ours, PasswordHash: "x"})
	must(t, err)
	f.ada = domain.Actor{UserID: &f.adaID, Label: "ada@example.org"}
	f.bo = domain.Actor{UserID: &boID, Label: "bo@example.org"}
	p := domain.PeriodForYear(2009)
	f.periodID, err = f.st.CreatePeriod(ctx, domain.CommandLine, store.PeriodFields{Label: p.Label, StartsOn: p.StartsOn, EndsOn: p.EndsOn, IsOpen: true})
	must(t, err)
	return f
}

// state is a cell as read now: its figure and version.
func (f *importsFixture) state(t *testing.T, c domain.Cell) domain.CellState {
	t.Helper()
	list, err := f.st.CellStates(context.Background(), []int64{c.IndicatorID}, c.On, c.On)
	must(t, err)
	for _, s := range list {
		if s.Cell == c {
			return s
		}
	}
	return domain.CellState{CellValue: domain.CellValue{Cell: c}}
}

func (f *importsFixture) save(t *testing.T, by domain.Actor, c domain.Cell, v *float64) {
	t.Helper()
	_, err := f.st.SaveValues(context.Background(), by, store.ValueScope{}, []domain.CellValue{{Cell: c, Value: v}})
	must(t, err)
}

func TestEverySaveThatChangesACellGivesItANewVersion(t *testing.T) {
	t.Parallel()
	f := newImportsFixture(t)
	cell := domain.Cell{IndicatorID: f.plain, On: f.april}
	if s := f.state(t, cell); s.Version != 0 || s.Value != nil {
		t.Fatalf("a cell never written: %+v", s)
	}
	var seen []int64
	for _, v := range []*float64{num(200), num(200), num(300), nil, nil, num(300)} {
		f.save(t, f.ada, cell, v)
		seen = append(seen, f.state(t, cell).Version)
	}
	// The same figure again, and clearing a cleared cell, change nothing.
	if seen[0] == 0 || seen[1] != seen[0] || seen[2] <= seen[1] || seen[3] <= seen[2] || seen[4] != seen[3] || seen[5] <= seen[4] {
		t.Fatalf("versions after 200, 200, 300, clear, clear, 300: %v", seen)
	}
	if s := f.state(t, cell); s.Value == nil || *s.Value != 300 {
		t.Fatalf("the cell is %+v", s)
	}
}

func TestAFigureSavedSinceItWasReadIsNamedWithWhoSavedItAndWhenAndNothingIsSaved(t *testing.T) {
	t.Parallel()
	f := newImportsFixture(t)
	ctx := context.Background()
	plain := domain.Cell{IndicatorID: f.plain, On: f.april}
	female := domain.Cell{IndicatorID: f.byGender, On: f.april.AddDate(0, 1, 0), Options: [3]int64{f.female}}
	male := domain.Cell{IndicatorID: f.byGender, On: f.april.AddDate(0, 1, 0), Options: [3]int64{f.male}}
	f.save(t, f.ada, plain, num(200))
	f.save(t, f.ada, female, num(7))
	// A file is checked: 200 → 300, 7 → 8, and male (blank) → 1.
	read := []domain.CellState{f.state(t, plain), f.state(t, female), f.state(t, male)}
	// Then a colleague saves 400, and saves a figure for male then clears it.
	before := time.Now()
	f.save(t, f.bo, plain, num(400))
	f.save(t, f.bo, male, num(2))
	f.save(t, f.bo, male, nil)
	writes := []domain.CellWrite{
		{CellValue: domain.CellValue{Cell: plain, Value: num(300)}, Version: read[0].Version},
		{CellValue: domain.CellValue{Cell: female, Value: num(8)}, Version: read[1].Version},
		{CellValue: domain.CellValue{Cell: male, Value: num(1)}, Version: read[2].Version},
	}
	_, err := f.st.SaveFigures(ctx, f.ada, store.ValueScope{}, writes)
	var changed *domain.FiguresChangedError
	if !errors.As(err, &changed) || !errors.Is(err, domain.ErrStale) {
		t.Fatalf("saving over figures changed since: %v, want a FiguresChangedError", err)
	}
	if changed.Count != 2 || len(changed.Figures) != 2 {
		t.Fatalf("named %d of %d: %+v", len(changed.Figures), changed.Count, changed.Figures)
	}
	for i, want := range []string{"REF, 2009-04", "REFG, 2009-05, M"} {
		got := changed.Figures[i]
		if got.Figure() != want || got.By != "Bo Lead" || got.At.Before(before.Add(-time.Minute)) || got.At.After(time.Now().Add(time.Minute)) {
			t.Errorf("changed figure %d: %s by %s at %v, want %s by Bo Lead just now", i, got.Figure(), got.By, got.At, want)
		}
	}
	if got := f.values(t); got[plain] != 400 || got[female] != 7 || len(got) != 2 {
		t.Fatalf("a refused save changed figures: %v", got)
	}
	// Read again, the same file saves.
	for i, c := range []domain.Cell{plain, female, male} {
		writes[i].Version = f.state(t, c).Version
	}
	n, err := f.st.SaveFigures(ctx, f.ada, store.ValueScope{}, writes)
	if err != nil || n != 3 {
		t.Fatalf("saving after reading again: %d changed, %v", n, err)
	}
}

// newImport keeps a checked upload of the given writes, as Ada's.
func (f *importsFixture) newImport(t *testing.T, name string, writes ...domain.CellWrite) int64 {
	t.Helper()
	id, err := f.st.CreateImport(context.Background(), store.NewImport{UserID: f.adaID, PeriodID: f.periodID, Filename: name,
		Format: "csv", Preview: []byte(`{"Format":"CSV"}`), AgencyIDs: []int64{f.ours}, Writes: writes})
	must(t, err)
	return id
}

func (f *importsFixture) write(t *testing.T, c domain.Cell, v *float64) domain.CellWrite {
	t.Helper()
	return domain.CellWrite{CellValue: domain.CellValue{Cell: c, Value: v}, Version: f.state(t, c).Version}
}

func TestAnAppliedImportIsUndoneToTheFiguresBeforeExactly(t *testing.T) {
	t.Parallel()
	f := newImportsFixture(t)
	ctx := context.Background()
	changedCell := domain.Cell{IndicatorID: f.plain, On: f.april}
	newCell := domain.Cell{IndicatorID: f.byGender, On: f.april, Options: [3]int64{f.female}}
	clearedCell := domain.Cell{IndicatorID: f.byGender, On: f.april, Options: [3]int64{f.male}}
	f.save(t, f.bo, changedCell, num(16.96))
	f.save(t, f.bo, clearedCell, num(0.1))
	var exact string
	must(t, f.st.Pool().QueryRow(ctx, `SELECT string_agg(value::text, ',' ORDER BY option1_id NULLS FIRST) FROM indicator_values`).Scan(&exact))

	id := f.newImport(t, "march.csv", f.write(t, changedCell, num(17)), f.write(t, newCell, num(3)), f.write(t, clearedCell, nil))
	n, err := f.st.ApplyImport(ctx, f.ada, store.ValueScope{}, id, f.adaID)
	if err != nil || n != 3 {
		t.Fatalf("apply: %d changed, %v", n, err)
	}
	if got := f.values(t); got[changedCell] != 17 || got[newCell] != 3 || len(got) != 2 {
		t.Fatalf("after applying: %v", got)
	}
	if _, err := f.st.ApplyImport(ctx, f.ada, store.ValueScope{}, id, f.adaID); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("applying it again: %v, want ErrNotFound", err)
	}
	list, err := f.st.AppliedImports(ctx, f.periodID, &f.ours)
	must(t, err)
	if len(list) != 1 || list[0].Filename != "march.csv" || list[0].UserName != "Ada Manager" || list[0].Changes != 3 ||
		list[0].AppliedAt == nil || list[0].UndoneAt != nil {
		t.Fatalf("applied imports: %+v", list)
	}
	if other, err := f.st.AppliedImports(ctx, f.periodID, &f.theirs); err != nil || len(other) != 0 {
		t.Fatalf("another agency's imports: %+v, %v", other, err)
	}

	n, err = f.st.UndoImport(ctx, f.ada, store.ValueScope{}, f.periodID, id)
	if err != nil || n != 3 {
		t.Fatalf("undo: %d changed, %v", n, err)
	}
	var after string
	must(t, f.st.Pool().QueryRow(ctx, `SELECT string_agg(value::text, ',' ORDER BY option1_id NULLS FIRST) FROM indicator_values`).Scan(&after))
	if after != exact || after != "16.96,0.1" {
		t.Fatalf("after undoing: %q, want %q as before (and the new figure blank again)", after, exact)
	}
	im, err := f.st.AppliedImport(ctx, f.periodID, id)
	must(t, err)
	if im.UndoneAt == nil || im.UndoneBy != "Ada Manager" {
		t.Fatalf("the import after undoing: %+v", im)
	}
	if _, err := f.st.UndoImport(ctx, f.ada, store.ValueScope{}, f.periodID, id); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("undoing it again: %v, want ErrConflict", err)
	}
	events, err := f.st.AuditEvents(ctx, "value_imports", 10)
	must(t, err)
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action+" by "+e.ActorLabel)
	}
	if got := strings.Join(actions, "; "); got != "values.import.undo by ada@example.org; values.import by ada@example.org" {
		t.Fatalf("audit: %s", got)
	}
}

func TestAnImportIsNeitherAppliedNorUndoneOverFiguresSavedSince(t *testing.T) {
	t.Parallel()
	f := newImportsFixture(t)
	ctx := context.Background()
	a := domain.Cell{IndicatorID: f.plain, On: f.april}
	b := domain.Cell{IndicatorID: f.plain, On: f.april.AddDate(0, 1, 0)}
	f.save(t, f.bo, a, num(200))
	stale := f.newImport(t, "stale.csv", f.write(t, a, num(300)), f.write(t, b, num(1)))
	f.save(t, f.bo, a, num(400))
	_, err := f.st.ApplyImport(ctx, f.ada, store.ValueScope{}, stale, f.adaID)
	var changed *domain.FiguresChangedError
	if !errors.As(err, &changed) || changed.Count != 1 || changed.Figures[0].Figure() != "REF, 2009-04" || changed.Figures[0].By != "Bo Lead" {
		t.Fatalf("applying a stale import: %v", err)
	}
	if got := f.values(t); got[a] != 400 || len(got) != 1 {
		t.Fatalf("a refused import changed figures: %v", got)
	}
	if _, err := f.st.Import(ctx, stale, f.adaID); err != nil {
		t.Fatalf("the refused import is not waiting any more: %v", err)
	}

	id := f.newImport(t, "fresh.csv", f.write(t, a, num(500)), f.write(t, b, num(1)))
	_, err = f.st.ApplyImport(ctx, f.ada, store.ValueScope{}, id, f.adaID)
	must(t, err)
	f.save(t, f.bo, b, nil) // Bo clears one of its figures
	_, err = f.st.UndoImport(ctx, f.ada, store.ValueScope{}, f.periodID, id)
	if !errors.As(err, &changed) || changed.Count != 1 || changed.Figures[0].Figure() != "REF, 2009-05" || changed.Figures[0].By != "Bo Lead" {
		t.Fatalf("undoing over a figure cleared since: %v", err)
	}
	if got := f.values(t); got[a] != 500 || len(got) != 1 {
		t.Fatalf("a refused undo changed figures: %v", got)
	}
}

func TestALeadsUndoIsHeldToTheirAgency(t *testing.T) {
	t.Parallel()
	f := newImportsFixture(t)
	ctx := context.Background()
	theirs := domain.Cell{IndicatorID: f.byGender, On: f.april, Options: [3]int64{f.male}}
	id := f.newImport(t, "theirs.csv", f.write(t, theirs, num(4)))
	_, err := f.st.ApplyImport(ctx, f.ada, store.ValueScope{}, id, f.adaID)
	must(t, err)
	if _, err := f.st.UndoImport(ctx, f.bo, store.ValueScope{AgencyID: &f.ours}, f.periodID, id); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("a lead undoing another agency's figures: %v, want ErrForbidden", err)
	}
}
