package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
)

// unwatched are the tables whose writes leave the data version alone: no page
// shows them. Every other table must move it (migration 0009, watch_data_version).
var unwatched = map[string]string{
	"sessions":             "browsers' sessions",
	"failed_sign_ins":      "sign-in attempts",
	"audit_events":         "the audit log, written beside changes that move the version themselves",
	"schema_migrations":    "golang-migrate's own",
	"data_version":         "the counter itself",
	"data_version_pending": "the counter's own",
	"report_pdf_cache":     "the draft report's PDF, kept per data version: writing it must not move the version it is kept for",
	// Issue 17's email: /admin/outbox and /account/notifications read these
	// fresh, never from a cache kept by data version, and the mail worker's
	// writes must not empty the report's cache every time it sends.
	"outbox":                "read fresh by /admin/outbox; the worker writes it all day",
	"notification_opt_outs": "read fresh by /account/notifications and when a message is queued",
	"mail_secret":           "written once by its migration",
}

func TestEveryTableMovesTheDataVersionOrIsNamedAsUnwatched(t *testing.T) {
	t.Parallel()
	st := testdb.New(t)
	owner := testdb.OwnerPool(t, st.Pool())
	ctx := context.Background()
	rows, err := st.Pool().Query(ctx, `SELECT c.relname, EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = 'data_version_changed')
		FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') ORDER BY c.relname`)
	if err != nil {
		t.Fatal(err)
	}
	type table struct {
		Name    string
		Watched bool
	}
	tables, err := pgx.CollectRows(rows, pgx.RowToStructByPos[table])
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) < 30 {
		t.Fatalf("found %d tables, want them all", len(tables))
	}
	for _, tb := range tables {
		t.Run(tb.Name, func(t *testing.T) {
			if why, ok := unwatched[tb.Name]; ok {
				if tb.Watched {
					t.Errorf("%s is named as unwatched (%s) but moves the data version", tb.Name, why)
				}
				return
			}
			if !tb.Watched {
				t.Fatalf("%s leaves the data version alone: a migration that adds a table calls watch_data_version('%s'), or names it in unwatched with the reason", tb.Name, tb.Name)
			}
			// Any statement that writes to the table moves the version on at commit, even one that changes no row.
			// As the owner: the server may not delete from some tables (published_reports).
			before := version(t, st)
			err := pgx.BeginFunc(ctx, owner, func(tx pgx.Tx) error {
				_, err := tx.Exec(ctx, `DELETE FROM `+pgx.Identifier{tb.Name}.Sanitize()+` WHERE false`)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if after := version(t, st); after != before+1 {
				t.Errorf("a delete from %s moved the version from %d to %d, want %d", tb.Name, before, after, before+1)
			}
		})
	}
}

func TestTheDataVersionMovesOnOnceForEachTransactionThatCommitsAChange(t *testing.T) {
	t.Parallel()
	st := testdb.New(t)
	ctx := context.Background()
	pool := st.Pool()
	agency := func(tx pgx.Tx, slug string) error {
		_, err := tx.Exec(ctx, `INSERT INTO agencies (name, slug, short_name, sector) VALUES ($1, $1, $1, 'Police')`, slug)
		return err
	}

	start := version(t, st)
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := agency(tx, "kent-police"); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `UPDATE board SET name = 'Medway'`); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO periods (label, slug, starts_on, ends_on) VALUES ('2009/10', '2009-10', '2009-04-01', '2010-03-31')`); err != nil {
		t.Fatal(err)
	}
	var inside int64
	if err := tx.QueryRow(ctx, `SELECT version FROM data_version`).Scan(&inside); err != nil {
		t.Fatal(err)
	}
	if inside != start || version(t, st) != start {
		t.Errorf("before commit the version is %d inside and %d outside, want %d: it moves only as the change commits", inside, version(t, st), start)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if got := version(t, st); got != start+1 {
		t.Errorf("three statements in one transaction moved the version from %d to %d, want one step", start, got)
	}

	// A rolled-back change leaves it; so does a savepoint rolled back before a commit.
	errRollBack := errors.New("roll back")
	if err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if err := agency(tx, "cafcass"); err != nil {
			return err
		}
		return errRollBack
	}); !errors.Is(err, errRollBack) {
		t.Fatal(err)
	}
	if got := version(t, st); got != start+1 {
		t.Errorf("a rolled-back change moved the version to %d", got)
	}
	if err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		sp, err := tx.Begin(ctx)
		if err != nil {
			return err
		}
		if err := agency(sp, "cafcass"); err != nil {
			return err
		}
		if err := sp.Rollback(ctx); err != nil {
			return err
		}
		return agency(tx, "probation")
	}); err != nil {
		t.Fatal(err)
	}
	if got := version(t, st); got != start+2 {
		t.Errorf("a change committed after a rolled-back savepoint moved the version to %d, want %d", got, start+2)
	}
	if n := countRows(t, pool, `SELECT count(*) FROM data_version_pending`); n != 0 {
		t.Errorf("%d transactions left pending after commit, want none", n)
	}

	// What pages show of a user moves it; a sign-in or a new password does not.
	id, err := st.CreateUser(ctx, domain.CommandLine, store.NewUser{Email: "chair@example.org", Name: "Chair", Role: domain.RoleChair, PasswordHash: "x"})
	if err != nil {
		t.Fatal(err)
	}
	v := version(t, st)
	if _, err := st.RecordSignIn(ctx, id, "chair@example.org"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SetPassword(ctx, domain.CommandLine, id, "y"); err != nil {
		t.Fatal(err)
	}
	if got := version(t, st); got != v {
		t.Errorf("a sign-in and a new password moved the version from %d to %d", v, got)
	}
	if err := st.UpdateUser(ctx, domain.CommandLine, id, store.UserChange{Name: "The chair", Email: "chair@example.org", Role: domain.RoleChair}); err != nil {
		t.Fatal(err)
	}
	if got := version(t, st); got != v+1 {
		t.Errorf("renaming a user moved the version from %d to %d, want one step", v, got)
	}

	// TRUNCATE too (which only the owner may).
	v = version(t, st)
	if _, err := testdb.OwnerPool(t, pool).Exec(ctx, `TRUNCATE indicator_aims`); err != nil {
		t.Fatal(err)
	}
	if got := version(t, st); got != v+1 {
		t.Errorf("TRUNCATE moved the version from %d to %d, want one step", v, got)
	}
}

// The counter's row is locked only as a transaction commits, so writers do
// not queue behind each other for whole transactions, nor deadlock over it.
func TestWritersSideBySideDoNotWaitForEachOtherOverTheDataVersion(t *testing.T) {
	t.Parallel()
	st := testdb.New(t)
	ctx := context.Background()
	pool := st.Pool()
	if _, err := pool.Exec(ctx, `INSERT INTO periods (label, slug, starts_on, ends_on) VALUES ('2009/10', '2009-10', '2009-04-01', '2010-03-31')`); err != nil {
		t.Fatal(err)
	}
	start := version(t, st)

	first, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Rollback(ctx) //nolint:errcheck // after Commit it does nothing
	second, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Rollback(ctx) //nolint:errcheck // after Commit it does nothing
	quick, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	// The first changes a watched table and stays open.
	if _, err := first.Exec(quick, `UPDATE board SET name = 'Medway'`); err != nil {
		t.Fatal(err)
	}
	// The second changes another, then takes a row lock the first will want.
	if _, err := second.Exec(quick, `UPDATE periods SET deadline = '2010-05-31'`); err != nil {
		t.Fatalf("the second writer waited for the first: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := first.Exec(quick, `UPDATE periods SET is_open = true`)
		done <- err
	}()
	// The second commits while the first waits for its row: neither waits for the other's counter lock.
	if err := second.Commit(quick); err != nil {
		t.Fatalf("the second writer could not commit: %v", err)
	}
	if err := <-done; err != nil {
		t.Fatalf("the first writer's update: %v", err)
	}
	if err := first.Commit(quick); err != nil {
		t.Fatalf("the first writer could not commit: %v", err)
	}
	if got := version(t, st); got != start+2 {
		t.Errorf("two transactions moved the version from %d to %d, want two steps", start, got)
	}
}

func version(t *testing.T, st *store.Store) int64 {
	t.Helper()
	v, err := st.DataVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func countRows(t *testing.T, pool *pgxpool.Pool, q string) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
