package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// The database roles (issue 14, item 4). The schema owner runs the migrations
// and owns every table; the server connects as ServingRole, or as a login role
// that is a member of it, which migration 0023 lets only read and write rows
// and use sequences (with default privileges, so later migrations' tables
// follow). It owns nothing and is no superuser, so it cannot alter a table,
// disable a trigger or set session_replication_role, and it may not change a
// published version, the audit log or the schema's version at all.

// ServingRole is the role the migrations grant the server's privileges to.
const ServingRole = "safeboard_app"

// ErrNotOwner is a migration refused before it starts because the role
// running it may not change the schema.
var ErrNotOwner = errors.New("this role may not change the schema")

const runAsOwner = "Migrations run as the schema owner: set SAFEBOARD_MIGRATE_DATABASE_URL to the database's address as the owner (DATABASE_URL is the serving role's)"

// preflight checks, before golang-migrate marks a version dirty, that the
// migrations can run as this role: the serving role exists for them to grant
// to, and this role owns the schema (or may create it, on an empty database).
func (mg *Migrator) preflight() error {
	ctx := context.Background()
	var user string
	var servingExists, versionTable, owns, canCreate bool
	err := mg.db.QueryRowContext(ctx, `SELECT current_user,
			EXISTS (SELECT FROM pg_roles WHERE rolname = $1),
			to_regclass('schema_migrations') IS NOT NULL,
			coalesce((SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c WHERE c.oid = to_regclass('schema_migrations')), false),
			has_schema_privilege(current_schema(), 'CREATE')`, ServingRole).
		Scan(&user, &servingExists, &versionTable, &owns, &canCreate)
	if err != nil {
		return fmt.Errorf("check the database before migrating: %w", err)
	}
	if !servingExists {
		return fmt.Errorf("the role %s does not exist: create it before migrating, as a superuser "+
			"(CREATE ROLE %s LOGIN PASSWORD '…'), and serve with DATABASE_URL connecting as it; "+
			"the migrations grant it what the server may do (see the README's Deploying)", ServingRole, ServingRole)
	}
	if (versionTable && !owns) || (!versionTable && !canCreate) {
		return fmt.Errorf("%w: role %s does not own the schema. %s", ErrNotOwner, user, runAsOwner)
	}
	return nil
}

// ErrSchemaUnreadable is a schema version the serving role may not read:
// the schema is older than migration 0023, or the role is not ServingRole
// nor a member of it.
var ErrSchemaUnreadable = errors.New("cannot read the schema's version")

// SchemaVersion is the migration version the database is at (0 before any),
// and whether a migration failed part way, read through the store's own
// connections.
func (s *Store) SchemaVersion(ctx context.Context) (version uint, dirty bool, err error) {
	var v int64
	err = s.pool.QueryRow(ctx, `SELECT version, dirty FROM schema_migrations LIMIT 1`).Scan(&v, &dirty)
	var pgErr *pgconn.PgError
	switch {
	case err == nil:
		return uint(v), dirty, nil
	case errors.As(err, &pgErr) && pgErr.Code == "42P01": // undefined_table: never migrated
		return 0, false, nil
	case errors.As(err, &pgErr) && pgErr.Code == "42501": // insufficient_privilege
		return 0, false, fmt.Errorf("%w: %s", ErrSchemaUnreadable, pgErr.Message)
	case errors.Is(err, pgx.ErrNoRows):
		return 0, false, nil
	}
	return 0, false, fmt.Errorf("schema version: %w", err)
}

// Role is what the server's own role may do beyond reading and writing rows.
type Role struct {
	Name      string
	Superuser bool // it could set session_replication_role and get round any trigger
	Owner     bool // it owns the schema's tables, or is a member of their owner
}

// ConnectedRole is the role the store's connections log in as.
func (s *Store) ConnectedRole(ctx context.Context) (Role, error) {
	var r Role
	err := s.pool.QueryRow(ctx, `SELECT current_user, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user),
		EXISTS (SELECT FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
			AND pg_has_role(current_user, c.relowner, 'USAGE'))`).Scan(&r.Name, &r.Superuser, &r.Owner)
	if err != nil {
		return r, fmt.Errorf("the server's database role: %w", err)
	}
	return r, nil
}
