package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/golang-migrate/migrate/v4"
	migratepgx "github.com/golang-migrate/migrate/v4/database/pgx/v5"
	"github.com/golang-migrate/migrate/v4/source/iofs"

	"safeboard/migrations"
)

// Migrator applies the embedded migrations to one database.
type Migrator struct {
	m  *migrate.Migrate
	db *sql.DB
}

// NewMigrator prepares migrations for the database behind db.
func NewMigrator(db *sql.DB) (*Migrator, error) {
	src, err := iofs.New(migrations.Files, ".")
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	driver, err := migratepgx.WithInstance(db, &migratepgx.Config{})
	if err != nil && strings.Contains(err.Error(), "SQLSTATE 42501") { // insufficient_privilege, for golang-migrate's own table
		return nil, fmt.Errorf("%w: it may not create the table of schema versions. %s (%v)", ErrNotOwner, runAsOwner, err)
	}
	if err != nil {
		return nil, fmt.Errorf("prepare migrations: %w", err)
	}
	m, err := migrate.NewWithInstance("iofs", src, "pgx5", driver)
	if err != nil {
		return nil, fmt.Errorf("prepare migrations: %w", err)
	}
	return &Migrator{m: m, db: db}, nil
}

// Up applies every pending migration.
func (mg *Migrator) Up() error {
	if err := mg.preflight(); err != nil {
		return err
	}
	if err := mg.m.Up(); err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return fmt.Errorf("migrate up: %w", err)
	}
	return nil
}

// Down reverts the latest migration.
func (mg *Migrator) Down() error {
	if err := mg.preflight(); err != nil {
		return err
	}
	if err := mg.m.Steps(-1); err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return fmt.Errorf("migrate down: %w", err)
	}
	return nil
}

// DownAll reverts every migration.
func (mg *Migrator) DownAll() error {
	if err := mg.preflight(); err != nil {
		return err
	}
	if err := mg.m.Down(); err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return fmt.Errorf("migrate down: %w", err)
	}
	return nil
}

// Status reports the applied version (0 when none), whether it is dirty,
// and the newest version available.
func (mg *Migrator) Status() (current uint, dirty bool, latest uint, err error) {
	current, dirty, err = mg.m.Version()
	if errors.Is(err, migrate.ErrNilVersion) {
		current, err = 0, nil
	}
	if err != nil {
		return 0, false, 0, fmt.Errorf("migration status: %w", err)
	}
	latest, err = LatestVersion()
	return current, dirty, latest, err
}

// LatestVersion is the newest embedded migration.
func LatestVersion() (uint, error) {
	vs, err := Versions()
	if err != nil {
		return 0, err
	}
	return vs[len(vs)-1], nil
}

// Versions are the embedded migrations' versions, oldest first. They may skip
// numbers (work on several branches takes its numbers ahead).
func Versions() ([]uint, error) {
	src, err := iofs.New(migrations.Files, ".")
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	v, err := src.First()
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	vs := []uint{v}
	for {
		if v, err = src.Next(v); err != nil {
			return vs, nil
		}
		vs = append(vs, v)
	}
}

// Pending is how many embedded migrations are newer than version current.
func Pending(current uint) (int, error) {
	vs, err := Versions()
	if err != nil {
		return 0, err
	}
	n := 0
	for _, v := range vs {
		if v > current {
			n++
		}
	}
	return n, nil
}

// Close releases the migration lock connection and closes the database handle.
func (mg *Migrator) Close() error {
	srcErr, dbErr := mg.m.Close()
	return errors.Join(srcErr, dbErr)
}
