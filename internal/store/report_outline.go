package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// The report's outline: its sections in order (SectionList), which a period
// gets by default (domain.DefaultOutline) and the manager reorders, hides,
// renames and adds to.

// Outline lists the period's report sections in order, first giving the
// period the default outline (domain.DefaultOutline) if it has none.
func (s *Store) Outline(ctx context.Context, period domain.Period) ([]domain.ReportSection, error) {
	list, err := SectionList.All(ctx, s, period.ID)
	if err != nil || len(list) > 0 {
		return list, err
	}
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		if err := SectionList.lock(ctx, tx, period.ID); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM report_sections WHERE period_id = $1`, period.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil // someone else made it meanwhile
		}
		for i, d := range domain.DefaultOutline(period) {
			_, err := tx.Exec(ctx, `INSERT INTO report_sections (period_id, position, kind, title, appendix, hidden) VALUES ($1, $2, $3, $4, $5, $6)`,
				period.ID, i+1, d.Kind, d.Title, d.Appendix, d.Hidden)
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("default outline: %w", err)
	}
	return SectionList.All(ctx, s, period.ID)
}

// AddFreeSection appends a section of the manager's own text to the outline,
// after the built-in sections.
func (s *Store) AddFreeSection(ctx context.Context, actor domain.Actor, period domain.Period, sec domain.ReportSection) (int64, error) {
	if _, err := s.Outline(ctx, period); err != nil { // the built-in sections come first
		return 0, err
	}
	sec.Kind = domain.SectionFree
	return SectionList.Add(ctx, s, actor, Under(period.ID), sec)
}
