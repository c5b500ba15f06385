package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"

	"safeboard/internal/demo"
	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
)

// result is what one run of the command gave.
type result struct {
	stdout, stderr string
	err            error
}

// run runs the command with only the given environment and an empty, non-terminal stdin.
func run(t *testing.T, vars map[string]string, args ...string) result {
	t.Helper()
	return runIn(context.Background(), vars, args...)
}

func runIn(ctx context.Context, vars map[string]string, args ...string) result {
	var stdout, stderr bytes.Buffer
	getenv := func(k string) string { return vars[k] }
	err := Run(ctx, args, getenv, strings.NewReader(""), &stdout, &stderr)
	return result{stdout.String(), stderr.String(), err}
}

// openTestStore opens a store on url for checking what a command saved.
func openTestStore(t *testing.T, url string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return st
}

// counts is how many agencies, users and periods the database holds.
func counts(t *testing.T, st *store.Store) (agencies, users, periods int) {
	t.Helper()
	ctx := context.Background()
	a, err := st.Agencies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	u, err := st.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p, err := st.Periods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return len(a), len(u), len(p)
}

func TestHelpIsShownWithoutADatabase(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		args     []string
		synopsis string
	}{
		{"the top level explains every command", []string{"--help"}, "safeboard migrate up|down|status"},
		{"serve explains itself", []string{"serve", "--help"}, "Usage: safeboard serve"},
		{"migrate explains itself", []string{"migrate", "--help"}, "Usage: safeboard migrate up|down|status"},
		{"user add explains itself", []string{"user", "add", "--help"}, "Usage: safeboard user add --email"},
		{"demo explains itself", []string{"demo", "--help"}, "Usage: safeboard demo"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, nil, tc.args...) // no DATABASE_URL: touching the database would fail
			if r.err != nil {
				t.Fatalf("error %v", r.err)
			}
			if out := r.stdout + r.stderr; !strings.Contains(out, "Usage") || !strings.Contains(out, tc.synopsis) {
				t.Fatalf("output %q, want Usage and %q", out, tc.synopsis)
			}
		})
	}
}

func TestAMistakenCommandLineExitsWithStatus2(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		args []string
	}{
		{"an unknown command is a usage error", []string{"frobnicate"}},
		{"no command at all is a usage error", nil},
		{"migrate sideways is a usage error", []string{"migrate", "sideways"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, map[string]string{"DATABASE_URL": testdb.URL(t)}, tc.args...)
			if r.err == nil || ExitCode(r.err) != 2 {
				t.Fatalf("error %v, exit code %d: want a usage error with exit code 2", r.err, ExitCode(r.err))
			}
			if !strings.Contains(r.stderr, "Usage") {
				t.Fatalf("stderr %q, want the usage", r.stderr)
			}
		})
	}
}

func TestMigrateReportsAndMovesTheSchemaVersion(t *testing.T) {
	t.Parallel()
	serving, owner := testdb.URLs(t)
	vars := map[string]string{"DATABASE_URL": serving, "SAFEBOARD_MIGRATE_DATABASE_URL": owner}
	vs, err := store.Versions()
	if err != nil {
		t.Fatal(err)
	}
	n, previous := vs[len(vs)-1], vs[len(vs)-2]
	steps := []struct{ command, want string }{
		{"status", fmt.Sprintf("schema version %d of %d: up to date\n", n, n)},
		{"down", fmt.Sprintf("schema version %d of %d: 1 pending\n", previous, n)},
		{"status", fmt.Sprintf("schema version %d of %d: 1 pending\n", previous, n)},
		{"up", fmt.Sprintf("schema version %d of %d: up to date\n", n, n)},
	}
	for i, s := range steps {
		r := run(t, vars, "migrate", s.command)
		if r.err != nil || r.stdout != s.want {
			t.Fatalf("step %d, migrate %s: output %q, error %v; want %q", i+1, s.command, r.stdout, r.err, s.want)
		}
	}
}

// Migrations run as the schema's owner only; the other commands, serve among
// them, apply them first when given the owner's address, and otherwise refuse
// an older schema, saying what to run (issue 14, item 4).
func TestCommandsMigrateOnlyAsTheOwnerAndRefuseAnOlderSchema(t *testing.T) {
	t.Parallel()
	serving, owner := testdb.URLs(t)
	servingOnly := map[string]string{"DATABASE_URL": serving, "SAFEBOARD_PASSWORD": "a long enough password", "SAFEBOARD_ADDR": "127.0.0.1:0"}
	both := map[string]string{"DATABASE_URL": serving, "SAFEBOARD_MIGRATE_DATABASE_URL": owner, "SAFEBOARD_PASSWORD": "a long enough password"}
	vs, err := store.Versions()
	if err != nil {
		t.Fatal(err)
	}
	n, previous := vs[len(vs)-1], vs[len(vs)-2]

	// The serving role may not migrate, and trying leaves the schema clean.
	for _, command := range []string{"down", "up"} {
		r := run(t, servingOnly, "migrate", command)
		if r.err == nil || !strings.Contains(r.err.Error(), "does not own the schema") || !strings.Contains(r.err.Error(), "SAFEBOARD_MIGRATE_DATABASE_URL") {
			t.Fatalf("migrate %s as the serving role: %v; want it refused, naming SAFEBOARD_MIGRATE_DATABASE_URL", command, r.err)
		}
	}
	if r := run(t, both, "migrate", "down"); r.err != nil || r.stdout != fmt.Sprintf("schema version %d of %d: 1 pending\n", previous, n) {
		t.Fatalf("migrate down as the owner: %q, %v", r.stdout, r.err)
	}

	// One step behind, without the owner's address: refused, saying what to run.
	for _, args := range [][]string{{"serve"}, {"user", "add", "--email", "ada@example.org", "--name", "Ada", "--role", "manager"}} {
		// A server that started after all stops here, without an error.
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		r := runIn(ctx, servingOnly, args...)
		cancel()
		if r.err == nil || !strings.Contains(r.err.Error(), "run 'safeboard migrate up' with SAFEBOARD_MIGRATE_DATABASE_URL") {
			t.Fatalf("%s on an older schema: %v; want it refused, saying what to run", args[0], r.err)
		}
	}
	// With it, the command migrates first, as the owner, then works as the serving role.
	if r := run(t, both, "user", "add", "--email", "ada@example.org", "--name", "Ada", "--role", "manager"); r.err != nil {
		t.Fatalf("user add with the owner's address: %v", r.err)
	}
	if r := run(t, both, "migrate", "status"); r.stdout != fmt.Sprintf("schema version %d of %d: up to date\n", n, n) {
		t.Fatalf("after user add: %q, %v", r.stdout, r.err)
	}
	if _, users, _ := counts(t, openTestStore(t, serving)); users != 1 {
		t.Fatalf("%d users, want the one added", users)
	}
}

func TestUserAddAddsOnlyValidUsers(t *testing.T) {
	t.Parallel()
	url := testdb.URL(t)
	st := openTestStore(t, url)
	if _, err := st.CreateAgency(context.Background(), domain.CommandLine, store.AgencyFields{
		Name: "Kent Police", Slug: "kent-police", ShortName: "Police", Sector: "Police", Active: true,
	}); err != nil {
		t.Fatal(err)
	}
	const password = "a long enough password"
	withPassword := map[string]string{"DATABASE_URL": url, "SAFEBOARD_PASSWORD": password}
	// Spaces around the email, as pasted, are trimmed so the address can sign in.
	manager := []string{"user", "add", "--email", " ada@example.org ", "--name", "Ada Lovelace ", "--role", "manager"}
	lead := []string{"user", "add", "--email", "priya@example.org", "--name", "Priya Shah", "--role", "lead"}
	steps := []struct {
		name    string
		vars    map[string]string
		args    []string
		wantErr string // "" for success
		code    int
		users   int // users in the database afterwards
	}{
		{"a manager is added", withPassword, manager, "", 0, 1},
		{"the same email again is refused", withPassword, manager, "already exists", 1, 1},
		{"a lead without --agency is a usage error", withPassword, lead, "--agency is required for a lead", 2, 1},
		{"a lead of an unknown agency is refused", withPassword, append(lead, "--agency", "nowhere"), `no agency has the address name "nowhere"`, 1, 1},
		{"an email with a display name is refused", withPassword, []string{"user", "add", "--email", "Ada <ada2@example.org>", "--name", "Ada", "--role", "chair"}, "--email must be an email address", 2, 1},
		{"a password under 12 characters is refused", map[string]string{"DATABASE_URL": url, "SAFEBOARD_PASSWORD": "too-short"},
			append(lead, "--agency", "kent-police"), "12 characters or more", 1, 1},
		{"no password and no terminal is refused", map[string]string{"DATABASE_URL": url},
			append(lead, "--agency", "kent-police"), "no password: set SAFEBOARD_PASSWORD", 1, 1},
		{"a lead of a known agency is added", withPassword, append(lead, "--agency", "kent-police"), "", 0, 2},
	}
	for _, s := range steps {
		r := run(t, s.vars, s.args...)
		switch {
		case s.wantErr == "" && r.err != nil:
			t.Fatalf("%s: error %v", s.name, r.err)
		case s.wantErr != "" && (r.err == nil || !strings.Contains(r.err.Error(), s.wantErr) || ExitCode(r.err) != s.code):
			t.Fatalf("%s: error %v, want exit code %d and an error containing %q", s.name, r.err, s.code, s.wantErr)
		}
		if _, users, _ := counts(t, st); users != s.users {
			t.Fatalf("%s: %d users afterwards, want %d", s.name, users, s.users)
		}
	}
	u, err := st.UserByEmail(context.Background(), "ada@example.org")
	if err != nil || u.Name != "Ada Lovelace" || u.Role != domain.RoleManager || u.AgencyID != nil {
		t.Fatalf("added manager %+v, %v", u, err)
	}
	if ok, err := argon2id.ComparePasswordAndHash(password, u.PasswordHash); !ok || err != nil {
		t.Fatalf("the manager's hash does not match SAFEBOARD_PASSWORD: %t, %v", ok, err)
	}
}

func TestTheDemoCanBeLoadedTwice(t *testing.T) {
	t.Parallel()
	url := testdb.URL(t)
	st := openTestStore(t, url)
	for i := 1; i <= 2; i++ {
		r := run(t, map[string]string{"DATABASE_URL": url}, "demo")
		if r.err != nil {
			t.Fatalf("run %d: %v", i, r.err)
		}
		if !strings.Contains(r.stdout, "manager@demo.test") || !strings.Contains(r.stdout, "lead@kent-police.demo.test") {
			t.Fatalf("run %d: output lists no demo logins: %q", i, r.stdout)
		}
		if !regexp.MustCompile(`lead@kent-police\.demo\.test +Agency lead, Kent Police\n`).MatchString(r.stdout) ||
			!regexp.MustCompile(`manager@demo\.test +Board manager\n`).MatchString(r.stdout) {
			t.Fatalf("run %d: the logins do not say whom they sign in as, with the lead's agency: %q", i, r.stdout)
		}
		if agencies, users, periods := counts(t, st); agencies != 12 || users != 15 || periods != 3 {
			t.Fatalf("run %d: %d agencies, %d users, %d periods; want 12, 15 and 3 (2008/09 holds last year's figures)", i, agencies, users, periods)
		}
		// Every agency's 2009/10 return but the one left not started, and none twice.
		var returns int
		if err := st.Pool().QueryRow(context.Background(), `SELECT count(*) FROM returns`).Scan(&returns); err != nil {
			t.Fatal(err)
		}
		if returns != 11 {
			t.Fatalf("run %d: %d returns, want 11", i, returns)
		}
	}
}

func TestTheDemoRefusesADatabaseWithRealAccounts(t *testing.T) {
	t.Parallel()
	url := testdb.URL(t)
	vars := map[string]string{"DATABASE_URL": url, "SAFEBOARD_PASSWORD": "a long enough password"}
	if r := run(t, vars, "user", "add", "--email", "ada@example.org", "--name", "Ada Lovelace", "--role", "manager"); r.err != nil {
		t.Fatal(r.err)
	}
	r := run(t, vars, "demo")
	if !errors.Is(r.err, demo.ErrRealAccounts) {
		t.Fatalf("error %v, want the demo to refuse", r.err)
	}
	if agencies, users, periods := counts(t, openTestStore(t, url)); agencies != 0 || users != 1 || periods != 0 {
		t.Fatalf("%d agencies, %d users, %d periods after refusing; want only the one user", agencies, users, periods)
	}
}
