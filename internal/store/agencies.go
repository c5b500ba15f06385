package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

const agencyColumns = `id, name, slug, short_name, sector, group_name, display_order, active, created_at, updated_at`

func scanAgency(row pgx.CollectableRow) (domain.Agency, error) {
	var a domain.Agency
	err := row.Scan(&a.ID, &a.Name, &a.Slug, &a.ShortName, &a.Sector, &a.GroupName, &a.DisplayOrder,
		&a.Active, &a.CreatedAt, &a.UpdatedAt)
	return a, err
}

// Agencies lists every agency in display order, active ones first.
func (s *Store) Agencies(ctx context.Context) ([]domain.Agency, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+agencyColumns+` FROM agencies
		ORDER BY active DESC, display_order, lower(name)`)
	if err != nil {
		return nil, fmt.Errorf("list agencies: %w", err)
	}
	agencies, err := pgx.CollectRows(rows, scanAgency)
	if err != nil {
		return nil, fmt.Errorf("list agencies: %w", err)
	}
	return agencies, nil
}

// AgencyByID finds one agency.
func (s *Store) AgencyByID(ctx context.Context, id int64) (*domain.Agency, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+agencyColumns+` FROM agencies WHERE id = $1`, id)
	if err != nil {
		return nil, fmt.Errorf("agency %d: %w", id, err)
	}
	a, err := pgx.CollectExactlyOneRow(rows, scanAgency)
	if err != nil {
		return nil, fmt.Errorf("agency %d: %w", id, mapError(err))
	}
	return &a, nil
}

// AgencyBySlug finds one agency by its address form.
func (s *Store) AgencyBySlug(ctx context.Context, slug string) (*domain.Agency, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+agencyColumns+` FROM agencies WHERE slug = $1`, slug)
	if err != nil {
		return nil, fmt.Errorf("agency %q: %w", slug, err)
	}
	a, err := pgx.CollectExactlyOneRow(rows, scanAgency)
	if err != nil {
		return nil, fmt.Errorf("agency %q: %w", slug, mapError(err))
	}
	return &a, nil
}

// AgencyFields are the editable fields of an agency.
type AgencyFields struct {
	Name         string
	Slug         string
	ShortName    string
	Sector       string
	GroupName    string
	DisplayOrder int
	Active       bool
}

func (f AgencyFields) audit() map[string]any {
	return map[string]any{
		"name": f.Name, "slug": f.Slug, "short_name": f.ShortName, "sector": f.Sector,
		"group_name": f.GroupName, "display_order": f.DisplayOrder, "active": f.Active,
	}
}

// CreateAgency adds an agency.
func (s *Store) CreateAgency(ctx context.Context, actor domain.Actor, f AgencyFields) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		const q = `INSERT INTO agencies (name, slug, short_name, sector, group_name, display_order, active)
		           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`
		err := tx.QueryRow(ctx, q, f.Name, f.Slug, f.ShortName, f.Sector, f.GroupName, f.DisplayOrder, f.Active).Scan(&id)
		if err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, actor, "agency.create", "agency", id, map[string]any{"after": f.audit()})
	})
	if err != nil {
		return 0, fmt.Errorf("create agency %q: %w", f.Slug, err)
	}
	return id, nil
}

// UpdateAgency changes an agency, including deactivating it.
func (s *Store) UpdateAgency(ctx context.Context, actor domain.Actor, id int64, f AgencyFields) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var b AgencyFields
		err := tx.QueryRow(ctx, `SELECT name, slug, short_name, sector, group_name, display_order, active
			FROM agencies WHERE id = $1 FOR UPDATE`, id).
			Scan(&b.Name, &b.Slug, &b.ShortName, &b.Sector, &b.GroupName, &b.DisplayOrder, &b.Active)
		if err != nil {
			return mapError(err)
		}
		const q = `UPDATE agencies SET name = $2, slug = $3, short_name = $4, sector = $5, group_name = $6,
		           display_order = $7, active = $8, updated_at = now() WHERE id = $1`
		if _, err := tx.Exec(ctx, q, id, f.Name, f.Slug, f.ShortName, f.Sector, f.GroupName, f.DisplayOrder, f.Active); err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, actor, "agency.update", "agency", id, map[string]any{"changes": changes(b.audit(), f.audit())})
	})
	if err != nil {
		return fmt.Errorf("update agency %d: %w", id, err)
	}
	return nil
}

// AgencyGroups lists the group names in use, for the form's suggestions.
func (s *Store) AgencyGroups(ctx context.Context) ([]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT DISTINCT group_name FROM agencies WHERE group_name <> '' ORDER BY 1`)
	if err != nil {
		return nil, fmt.Errorf("list agency groups: %w", err)
	}
	groups, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("list agency groups: %w", err)
	}
	return groups, nil
}
