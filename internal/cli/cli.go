// Package cli is the safeboard command: serve, migrate, user add, demo, import and export.
package cli

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver for migrations

	"safeboard/internal/store"
)

const usage = `Safeboard: yearly returns, performance data and the annual report for a safeguarding children board.

Usage:
  safeboard serve                 run the web server (applying pending migrations first
                                  when SAFEBOARD_MIGRATE_DATABASE_URL is set)
  safeboard migrate up|down|status
  safeboard user add --email E --name N --role manager|chair|lead|member [--agency SLUG]
  safeboard demo                  load the demo board (safe to run again) and print its logins
  safeboard import [--check] FILE import performance figures from a CSV or XLSX file, all or nothing
  safeboard export --period P [--agency A] --format csv|xlsx
                                  write a period's figures to standard output

Configuration comes from the environment:
  DATABASE_URL              Postgres connection string, as the serving role (required)
  SAFEBOARD_MIGRATE_DATABASE_URL
                            the same database as the schema's owner, for migrations: 'migrate'
                            uses it (else DATABASE_URL); the other commands apply pending
                            migrations with it first, and without it refuse an older schema
  SAFEBOARD_ADDR            address to listen on (default :8080)
  SAFEBOARD_BASE_URL        the address people use, such as https://safeboard.example.org
  SAFEBOARD_SECURE_COOKIES  false to allow sign-in over plain http (default true)
  SAFEBOARD_TRUSTED_PROXIES address prefixes of the proxies in front, like 10.0.0.0/8 (default: none)
  SAFEBOARD_BOARD_NAME      the board's name in the header (default: the demo board's, when loaded)
  SAFEBOARD_PASSWORD        password for 'user add' instead of asking
  SAFEBOARD_DEMO_PASSWORD   password for the demo accounts (default safeguarding-demo)

Run 'safeboard COMMAND --help' for a command's options.
`

// errUsage marks a mistake in the command line, which exits with status 2.
var errUsage = errors.New("usage")

// ExitCode is the process status for an error from Run.
func ExitCode(err error) int {
	if errors.Is(err, errUsage) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}

// Run is the whole command: it reads args and the environment and writes to the given streams.
func Run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("%w: name a command", errUsage)
	}
	env := environment{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	case "serve":
		return serve(ctx, env, args[1:])
	case "migrate":
		return migrateCommand(ctx, env, args[1:])
	case "user":
		return userCommand(ctx, env, args[1:])
	case "demo":
		return demoCommand(ctx, env, args[1:])
	case "import":
		return importCommand(ctx, env, args[1:])
	case "export":
		return exportCommand(ctx, env, args[1:])
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("%w: unknown command %q", errUsage, args[0])
}

// environment is what a command may use from outside.
type environment struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

func (e environment) databaseURL() (string, error) {
	url := strings.TrimSpace(e.getenv("DATABASE_URL"))
	if url == "" {
		return "", errors.New("DATABASE_URL is not set: set it to your Postgres database, like postgres://user@localhost:5432/safeboard (or use 'make run', which finds or starts one)")
	}
	return url, nil
}

// flags makes a flag set whose --help prints the command's own usage.
func (e environment) flags(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: safeboard %s\n\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags; --help prints usage and ends the command successfully.
func parse(fs *flag.FlagSet, args []string) (helped bool, err error) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return true, nil
		}
		return false, fmt.Errorf("%w: %v", errUsage, err)
	}
	return false, nil
}

// migrateURLVar names the schema owner's address, which migrations run as.
const migrateURLVar = "SAFEBOARD_MIGRATE_DATABASE_URL"

// openStore connects to the database as the serving role (DATABASE_URL). With
// the owner's address it first applies pending migrations as the owner,
// closing that connection; without it, it refuses a schema older or newer
// than this binary's, saying what to run.
func openStore(ctx context.Context, env environment) (*store.Store, error) {
	url, err := env.databaseURL()
	if err != nil {
		return nil, err
	}
	if ownerURL := strings.TrimSpace(env.getenv(migrateURLVar)); ownerURL != "" {
		if err := migrateUp(ownerURL); err != nil {
			return nil, err
		}
	}
	st, err := store.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	if err := checkSchema(ctx, st); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// runMigrations is what to run to bring the schema up to date.
const runMigrations = "run 'safeboard migrate up' with " + migrateURLVar + " set to the database's address as the schema owner (or set it for this command, which then applies them first)"

// checkSchema refuses a database whose schema is not the one this binary's
// migrations end at.
func checkSchema(ctx context.Context, st *store.Store) error {
	latest, err := store.LatestVersion()
	if err != nil {
		return err
	}
	current, dirty, err := st.SchemaVersion(ctx)
	switch {
	case errors.Is(err, store.ErrSchemaUnreadable):
		return fmt.Errorf("%v. Either the schema is older than this server's (version %d), from before the serving role's grants: %s; "+
			"or DATABASE_URL's role is not %s nor a member of it", err, latest, runMigrations, store.ServingRole)
	case err != nil:
		return err
	case dirty:
		return fmt.Errorf("the database's schema is at version %d, DIRTY: a migration failed part way; fix the database, then force the version", current)
	case current < latest:
		return fmt.Errorf("the database's schema is at version %d and this server needs version %d: %s", current, latest, runMigrations)
	case current > latest:
		return fmt.Errorf("the database's schema is at version %d, newer than this server's %d: run the Safeboard that migrated it, or a newer one", current, latest)
	}
	return nil
}

func openMigrator(url string) (*store.Migrator, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	m, err := store.NewMigrator(db)
	if err != nil {
		db.Close()
		return nil, err
	}
	return m, nil
}

// migrateUp applies pending migrations as the role of url, then closes its connection.
func migrateUp(url string) error {
	m, err := openMigrator(url)
	if err != nil {
		return err
	}
	defer m.Close()
	return m.Up()
}

// migrateURL is the owner's address for the migrate command:
// SAFEBOARD_MIGRATE_DATABASE_URL, or DATABASE_URL when the same role owns the
// schema and serves.
func (e environment) migrateURL() (string, error) {
	if url := strings.TrimSpace(e.getenv(migrateURLVar)); url != "" {
		return url, nil
	}
	if strings.TrimSpace(e.getenv("DATABASE_URL")) == "" {
		return "", errors.New(migrateURLVar + " is not set: set it to your Postgres database as the schema owner, like postgres://safeboard_owner@localhost:5432/safeboard")
	}
	return e.databaseURL()
}

func migrateCommand(ctx context.Context, env environment, args []string) error {
	fs := env.flags("migrate", "migrate up|down|status\n\n  up      apply every pending migration\n  down    revert the latest migration\n  status  show the applied and the newest version\n\n"+
		"Connects as the schema owner, from "+migrateURLVar+" (or DATABASE_URL when that is not set).")
	if helped, err := parse(fs, args); helped || err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("%w: migrate needs one of up, down, status", errUsage)
	}
	url, err := env.migrateURL()
	if err != nil {
		return err
	}
	m, err := openMigrator(url)
	if err != nil {
		return err
	}
	defer m.Close()
	switch fs.Arg(0) {
	case "up":
		if err := m.Up(); err != nil {
			return err
		}
	case "down":
		if err := m.Down(); err != nil {
			return err
		}
	case "status":
	default:
		fs.Usage()
		return fmt.Errorf("%w: migrate needs one of up, down, status, not %q", errUsage, fs.Arg(0))
	}
	current, dirty, latest, err := m.Status()
	if err != nil {
		return err
	}
	state := "up to date"
	switch {
	case dirty:
		state = "DIRTY: a migration failed part-way; fix the database, then force the version"
	case current < latest:
		pending, err := store.Pending(current)
		if err != nil {
			return err
		}
		state = fmt.Sprintf("%d pending", pending)
	}
	fmt.Fprintf(env.stdout, "schema version %d of %d: %s\n", current, latest, state)
	return nil
}
