// Package testdb gives each test a fresh, migrated Postgres database, cloned
// from a template so it takes milliseconds. It needs DATABASE_URL (make test sets it).
package testdb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"io/fs"
	"os"
	"strconv"
	"testing"

	"github.com/alexedwards/argon2id"
	"github.com/jackc/pgx/v5"
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

// Config is the server pgtestdb creates databases on, from DATABASE_URL.
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
		// Sessions' cleanup and test servers may still hold a connection at the end.
		ForceTerminateConnections: true,
	}
}

// URL creates a fresh migrated database for this test and returns its address.
func URL(t testing.TB) string {
	t.Helper()
	return pgtestdb.Custom(t, Config(t), migrator{}).URL()
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
