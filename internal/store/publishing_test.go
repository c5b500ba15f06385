package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
)

// Published versions are numbered per period, keep their files byte for
// byte, say what changed since the last version, and cannot be changed or
// removed, even in SQL.
func TestPublishedVersionsAreNumberedFrozenAndSayWhatChanged(t *testing.T) {
	t.Parallel()
	f := newReportFixture(t)
	ctx := context.Background()
	st := f.st
	p := f.period2009(t)
	monthly(t, st, "L1", f.accepted, firstOf(2009, time.April), firstOf(2010, time.March))
	facts, err := st.PublishFacts(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(facts.Accepted, ",") != "accepted" || facts.Figures["L1"] == "" {
		t.Fatalf("facts = %+v", facts)
	}
	facts.Sections = []domain.SectionHash{{Key: "overview", Title: "1. Overview", Hash: "a"}, {Key: "plan", Title: "2. Plan", Hash: "b"}}
	html1 := []byte("<!DOCTYPE html><p>Version one</p>")
	v1, err := st.Publish(ctx, f.manager, p.ID, store.Publication{HTML: html1, PDF: []byte("%PDF-1 one"), PDFPages: 1, Facts: facts, Took: 1500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if v1.Version != 1 || v1.HTMLSHA256 != store.SHA256(html1) || v1.Publisher != "Test Board manager" || len(v1.Changes) != 0 {
		t.Fatalf("version 1 = %+v", v1)
	}

	// Since: a return accepted, a figure changed, a section's text changed.
	f.move(f.period, f.submitted, f.manager, domain.ActionAccept)
	v := 99.0
	if _, err := st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, []domain.CellValue{{Cell: domain.Cell{IndicatorID: mustIndicator(t, st, "L1"), On: firstOf(2009, time.May)}, Value: &v}}); err != nil {
		t.Fatal(err)
	}
	facts2, err := st.PublishFacts(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	facts2.Sections = []domain.SectionHash{{Key: "overview", Title: "1. Overview", Hash: "a"}, {Key: "plan", Title: "2. Plan", Hash: "changed"}}
	v2, err := st.Publish(ctx, f.manager, p.ID, store.Publication{HTML: []byte("two"), PDF: []byte("%PDF-1 two"), Facts: facts2})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Changed: 2. Plan", "Returns accepted since: submitted", "Figures changed for 1 indicator: L1"}
	if v2.Version != 2 || strings.Join(v2.Changes, "|") != strings.Join(want, "|") {
		t.Fatalf("version 2 = %d, changes %q, want %q", v2.Version, v2.Changes, want)
	}
	list, err := st.PublishedReports(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Version != 2 || list[1].Took != 1500*time.Millisecond || strings.Join(list[0].Changes, "|") != strings.Join(want, "|") {
		t.Fatalf("list = %+v", list)
	}
	got, sha, err := st.PublishedFile(ctx, p.ID, 1, "html")
	if err != nil || string(got) != string(html1) || sha != store.SHA256(got) {
		t.Fatalf("version 1's HTML: %q %s %v", got, sha, err)
	}
	if _, _, err := st.PublishedFile(ctx, p.ID, 3, "pdf"); err == nil {
		t.Error("a version never published was found")
	}
	// The server's role may not change or remove a version, nor get round
	// that: it is no superuser and owns no table (issue 14, item 4).
	for _, q := range []string{
		`UPDATE published_reports SET html = 'tampered' WHERE version = 1`,
		`DELETE FROM published_reports WHERE version = 1`,
		`TRUNCATE published_reports`,
		`SET session_replication_role = replica`,
		`ALTER TABLE published_reports DISABLE TRIGGER published_reports_frozen`,
		`ALTER TABLE published_reports OWNER TO ` + store.ServingRole,
	} {
		if _, err := st.Pool().Exec(ctx, q); !refused(err) {
			t.Errorf("the server's role ran %s: %v", q, err)
		}
	}
	// A grant to itself is no grant (PostgreSQL only warns).
	if _, err := st.Pool().Exec(ctx, `GRANT UPDATE ON published_reports TO `+store.ServingRole); err != nil {
		t.Fatal(err)
	}
	var may bool
	if err := st.Pool().QueryRow(ctx, `SELECT has_table_privilege('published_reports', 'UPDATE') OR has_table_privilege('published_reports', 'DELETE')`).Scan(&may); err != nil || may {
		t.Errorf("the server's role may change published versions (%v)", err)
	}
	// Nor in one transaction, the way a tampering attempt would.
	err = pgx.BeginFunc(ctx, st.Pool(), func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET LOCAL session_replication_role = replica`); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE published_reports SET html = 'tampered', html_sha256 = encode(sha256('tampered'), 'hex') WHERE version = 1`)
		return err
	})
	if !refused(err) {
		t.Errorf("a tampering transaction: %v", err)
	}
	// Its owner may not either: the trigger refuses.
	owner := testdb.OwnerPool(t, st.Pool())
	for _, q := range []string{
		`UPDATE published_reports SET html = 'tampered' WHERE version = 1`,
		`DELETE FROM published_reports WHERE version = 1`,
	} {
		if _, err := owner.Exec(ctx, q); err == nil || !strings.Contains(err.Error(), "never changed") {
			t.Errorf("the owner: %s: %v", q, err)
		}
	}
	if got, _, _ := st.PublishedFile(ctx, p.ID, 1, "html"); string(got) != string(html1) {
		t.Errorf("version 1 changed: %q", got)
	}
}

// refused says whether PostgreSQL refused a statement for want of a
// privilege (42501) or ownership (must be owner: 42501 too).
func refused(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "42501"
}

func mustIndicator(t *testing.T, st *store.Store, code string) int64 {
	t.Helper()
	ind, err := st.IndicatorByCode(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	return ind.ID
}

// Review items and objectives keep the aim they are tagged with, only an aim
// of their period, and the work by aim lists accepted returns' entries aim by aim.
func TestWorkByAimListsTaggedEntriesOfIncludedReturns(t *testing.T) {
	t.Parallel()
	f := newReportFixture(t)
	ctx := context.Background()
	st := f.st
	p := f.period2009(t)
	a1, err := store.AimList.Add(ctx, st, f.manager, store.Under(p.ID), domain.StrategicAim{Title: "Effectiveness"})
	if err != nil {
		t.Fatal(err)
	}
	a2, err := store.AimList.Add(ctx, st, f.manager, store.Under(p.ID), domain.StrategicAim{Title: "Learning"})
	if err != nil {
		t.Fatal(err)
	}
	otherAim, err := store.AimList.Add(ctx, st, f.manager, store.Under(f.nextPeriod), domain.StrategicAim{Title: "Next year's aim"})
	if err != nil {
		t.Fatal(err)
	}
	// The drafted agency's lead tags a new item; it is not in the report until accepted.
	lead := f.lead
	item, err := store.ReviewItemList.Add(ctx, st, lead, store.InReturn(p.ID, f.drafted), domain.ReviewItem{Title: "Training", HowMuch: "617 trained", AimID: a2})
	if err != nil {
		t.Fatal(err)
	}
	got, err := store.ReviewItemList.Get(ctx, st, mustReturn(t, st, p.ID, f.drafted), item)
	if err != nil || got.AimID != a2 {
		t.Fatalf("tagged item: %+v %v", got, err)
	}
	// An aim of another period leaves it untagged.
	if err := store.ReviewItemList.Update(ctx, st, lead, store.InReturn(p.ID, f.drafted), item, got.Version, domain.ReviewItem{Title: "Training", HowMuch: "617 trained", AimID: otherAim}); err != nil {
		t.Fatal(err)
	}
	if got, _ = store.ReviewItemList.Get(ctx, st, mustReturn(t, st, p.ID, f.drafted), item); got.AimID != 0 {
		t.Errorf("tagged with another period's aim: %d", got.AimID)
	}
	if err := store.ReviewItemList.Update(ctx, st, lead, store.InReturn(p.ID, f.drafted), item, got.Version, domain.ReviewItem{Title: "Training", HowMuch: "617 trained", AimID: a2}); err != nil {
		t.Fatal(err)
	}
	obj, err := store.ObjectiveList.Add(ctx, st, lead, store.InReturn(p.ID, f.drafted), domain.Objective{Intend: "Audit case files", Outcomes: "Better plans", AimID: a1})
	if err != nil {
		t.Fatal(err)
	}
	_ = obj
	accepted := []domain.ReturnStatus{domain.StatusAccepted}
	work, err := st.WorkByAim(ctx, p.ID, accepted)
	if err != nil {
		t.Fatal(err)
	}
	if len(work) != 2 || len(work[0].Items)+len(work[0].Objectives)+len(work[1].Items)+len(work[1].Objectives) != 0 {
		t.Fatalf("before the return is accepted: %+v", work)
	}
	f.move(p.ID, f.drafted, f.lead, domain.ActionSubmit)
	f.move(p.ID, f.drafted, f.manager, domain.ActionAccept)
	work, err = st.WorkByAim(ctx, p.ID, accepted)
	if err != nil {
		t.Fatal(err)
	}
	if len(work[0].Objectives) != 1 || work[0].Objectives[0].Title != "Audit case files" || work[0].Objectives[0].AgencyName != "drafted" ||
		len(work[1].Items) != 1 || work[1].Items[0].Detail != "617 trained" || len(work[0].Items) != 0 {
		t.Fatalf("work by aim: %+v", work)
	}
	// Removing an aim untags its entries.
	aim, _ := store.AimList.Get(ctx, st, p.ID, a2)
	if err := store.AimList.Remove(ctx, st, f.manager, store.Under(p.ID), a2, aim.Version); err != nil {
		t.Fatal(err)
	}
	if work, _ = st.WorkByAim(ctx, p.ID, accepted); len(work) != 1 {
		t.Errorf("after removing an aim: %+v", work)
	}
}

func mustReturn(t *testing.T, st *store.Store, periodID, agencyID int64) int64 {
	t.Helper()
	r, err := st.ReturnFor(context.Background(), periodID, agencyID)
	if err != nil {
		t.Fatal(err)
	}
	return r.ID
}
