// Package testdb gives each test a fresh, migrated Postgres database, cloned
// from a template so it takes milliseconds. It needs DATABASE_URL (make test
// sets it), a role that may create databases and roles.
//
// The databases are set up as a deployment's is (issue 14, item 4): the role
// OwnerRole owns each database and ran its migrations, and tests connect as
// store.ServingRole, which may only read and write rows. A test that needs a
// privilege the server lacks fails; one that means to alter the schema
// connects as the owner (OwnerPool, URLs).
package testdb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"sync"
	"testing"

	"github.com/alexedwards/argon2id"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver pgtestdb connects with
	"github.com/peterldowns/pgtestdb"

	"safeboard/internal/store"
	"safeboard/migrations"
)

// migrator applies Safeboard's migrations to pgtestdb's template database.
type migrator struct{}

// Hash changes whenever a migration file does, so a new template is made.
func (migrator) Hash() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(migrations.Files, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := migrations.Files.ReadFile(path)
		if err != nil {
			return err
		}
		h.Write([]byte(path))
		h.Write(b)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)), err
}

// Migrate runs every up migration.
func (migrator) Migrate(_ context.Context, db *sql.DB, _ pgtestdb.Config) error {
	m, err := store.NewMigrator(db)
	if err != nil {
		return err
	}
	defer m.Close() // releases the migration lock's connection so the template can be cloned
	return m.Up()
}

// The development roles that scripts/pg-env.sh creates too, with the same
// passwords (which a server trusting local connections does not ask for).
const (
	OwnerRole     = "safeboard_owner"
	OwnerPassword = "safeboard_owner"
	AppPassword   = "safeboard_app" // store.ServingRole's
)

// Config is the server pgtestdb creates databases on, from DATABASE_URL, as
// OwnerRole.
func Config(t testing.TB) pgtestdb.Config {
	t.Helper()
	url := os.Getenv("DATABASE_URL")
	if url == "" {
		t.Fatal("DATABASE_URL is not set: run the tests with 'make test', which finds or starts Postgres")
	}
	pc, err := pgx.ParseConfig(url)
	if err != nil {
		t.Fatalf("parse DATABASE_URL: %v", err)
	}
	return pgtestdb.Config{
		DriverName: "pgx",
		Host:       pc.Host,
		Port:       strconv.Itoa(int(pc.Port)),
		User:       pc.User,
		Password:   pc.Password,
		Database:   pc.Database,
		Options:    "sslmode=disable",
		// The databases' owner, who runs the migrations: no superuser, as in production.
		TestRole: &pgtestdb.Role{Username: OwnerRole, Password: OwnerPassword, Capabilities: "NOSUPERUSER NOCREATEDB NOCREATEROLE"},
		// Sessions' cleanup and test servers may still hold a connection at the end.
		ForceTerminateConnections: true,
	}
}

// servingRole is created once per test binary (and once on the server, under
// an advisory lock, however many test binaries start together).
var servingRole = sync.OnceValue(func() error {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(hashtext('safeboard testdb roles'))`); err != nil {
		return err
	}
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = $1)`, store.ServingRole).Scan(&exists); err != nil || exists {
		return err
	}
	_, err = conn.Exec(ctx, fmt.Sprintf(`CREATE ROLE %s LOGIN PASSWORD '%s' NOSUPERUSER NOCREATEDB NOCREATEROLE`,
		pgx.Identifier{store.ServingRole}.Sanitize(), AppPassword))
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "42710" { // duplicate_object: made meanwhile by a script
		return nil
	}
	return err
})

// URLs creates a fresh migrated database for this test and returns its
// address as the serving role, which tests use, and as its owner.
func URLs(t testing.TB) (serving, owner string) {
	t.Helper()
	conf := Config(t)
	if err := servingRole(); err != nil {
		t.Fatalf("create the serving role %s through DATABASE_URL (it needs CREATEROLE): %v", store.ServingRole, err)
	}
	db := pgtestdb.Custom(t, conf, migrator{})
	app := *db
	app.User, app.Password = store.ServingRole, AppPassword
	return app.URL(), db.URL()
}

// URL creates a fresh migrated database for this test and returns its address
// as the serving role.
func URL(t testing.TB) string {
	t.Helper()
	serving, _ := URLs(t)
	return serving
}

// OwnerPool connects to the database of pool as its owner, who may alter the
// schema: for a test that means to do what the server may not.
func OwnerPool(t testing.TB, pool *pgxpool.Pool) *pgxpool.Pool {
	t.Helper()
	cfg := pool.Config().Copy()
	cfg.ConnConfig.User, cfg.ConnConfig.Password = OwnerRole, OwnerPassword
	owner, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatalf("connect as the owner: %v", err)
	}
	t.Cleanup(owner.Close)
	return owner
}

// New creates a fresh migrated database for this test and opens a store on it.
func New(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), URL(t))
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(st.Close)
	return st
}

// PasswordHash is an argon2id hash of password made with parameters cheap
// enough for tests. Signing in compares with the parameters a hash carries, and
// the server's own (argon2id.DefaultParams: 64 MiB) cost tens of milliseconds
// of CPU each time, hundreds of times over in a test run.
func PasswordHash(password string) string {
	h, err := argon2id.CreateHash(password, &argon2id.Params{Memory: 64, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32})
	if err != nil {
		panic(err)
	}
	return h
}

// CheapPasswords gives every user of st password, hashed by PasswordHash: for
// a test that loaded the demo board, whose loader hashes as the server does.
func CheapPasswords(t testing.TB, st *store.Store, password string) {
	t.Helper()
	if _, err := st.Pool().Exec(context.Background(), `UPDATE users SET password_hash = $1`, PasswordHash(password)); err != nil {
		t.Fatalf("cheap passwords: %v", err)
	}
}
