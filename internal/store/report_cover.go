package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"safeboard/internal/domain"
)

// The board's single pieces of the annual report: its cover and its texts
// (the chair's overview and the introductions). Every save writes an audit
// event in its transaction and is refused with domain.ErrStale when the row
// changed since its version was read (0: none saved yet).

// ReportCover is the period's cover; Version 0 and an empty title when none is saved.
func (s *Store) ReportCover(ctx context.Context, periodID int64) (domain.ReportCover, error) {
	var c domain.ReportCover
	err := s.pool.QueryRow(ctx, `SELECT title, subtitle, cover_date, version FROM report_covers WHERE period_id = $1`, periodID).
		Scan(&c.Title, &c.Subtitle, &c.Date, &c.Version)
	if errors.Is(err, pgx.ErrNoRows) {
		return domain.ReportCover{}, nil
	}
	if err != nil {
		return c, fmt.Errorf("report cover: %w", err)
	}
	return c, nil
}

// SaveReportCover saves the cover unless it changed since version was read (0: none saved).
func (s *Store) SaveReportCover(ctx context.Context, actor domain.Actor, periodID int64, version int, c domain.ReportCover) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var tag pgconn.CommandTag
		var err error
		if version == 0 {
			tag, err = tx.Exec(ctx, `INSERT INTO report_covers (period_id, title, subtitle, cover_date, updated_by)
				VALUES ($1, $2, $3, $4, $5) ON CONFLICT (period_id) DO NOTHING`, periodID, c.Title, c.Subtitle, c.Date, actor.UserID)
		} else {
			tag, err = tx.Exec(ctx, `UPDATE report_covers SET title = $2, subtitle = $3, cover_date = $4, updated_by = $5,
				version = version + 1, updated_at = now() WHERE period_id = $1 AND version = $6`,
				periodID, c.Title, c.Subtitle, c.Date, actor.UserID, version)
		}
		if err != nil {
			return mapError(err)
		}
		if tag.RowsAffected() == 0 {
			return domain.ErrStale
		}
		date := ""
		if c.Date != nil {
			date = c.Date.Format(time.DateOnly)
		}
		return audit(ctx, tx, actor, "report_cover.save", "period", periodID, map[string]any{
			"after": map[string]any{"title": c.Title, "subtitle": c.Subtitle, "cover_date": date},
		})
	})
	if err != nil {
		return fmt.Errorf("save report cover: %w", err)
	}
	return nil
}

// ReportText is one of the period's texts; Version 0 and an empty body when none is saved.
func (s *Store) ReportText(ctx context.Context, periodID int64, kind domain.TextKind) (domain.ReportText, error) {
	t := domain.ReportText{Kind: kind}
	err := s.pool.QueryRow(ctx, `SELECT body, version FROM report_texts WHERE period_id = $1 AND kind = $2`, periodID, kind).Scan(&t.Body, &t.Version)
	if errors.Is(err, pgx.ErrNoRows) {
		return t, nil
	}
	if err != nil {
		return t, fmt.Errorf("report text %s: %w", kind, err)
	}
	return t, nil
}

// SaveReportText saves one of the period's texts unless it changed since version was read (0: none saved).
func (s *Store) SaveReportText(ctx context.Context, actor domain.Actor, periodID int64, kind domain.TextKind, version int, body string) error {
	if !kind.Valid() {
		return fmt.Errorf("save report text %q: %w", kind, domain.ErrNotFound)
	}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var before string
		err := tx.QueryRow(ctx, `SELECT body FROM report_texts WHERE period_id = $1 AND kind = $2 FOR UPDATE`, periodID, kind).Scan(&before)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		var tag pgconn.CommandTag
		if version == 0 {
			tag, err = tx.Exec(ctx, `INSERT INTO report_texts (period_id, kind, body, updated_by) VALUES ($1, $2, $3, $4)
				ON CONFLICT (period_id, kind) DO NOTHING`, periodID, kind, body, actor.UserID)
		} else {
			tag, err = tx.Exec(ctx, `UPDATE report_texts SET body = $3, updated_by = $4, version = version + 1, updated_at = now()
				WHERE period_id = $1 AND kind = $2 AND version = $5`, periodID, kind, body, actor.UserID, version)
		}
		if err != nil {
			return mapError(err)
		}
		if tag.RowsAffected() == 0 {
			return domain.ErrStale
		}
		return audit(ctx, tx, actor, "report_text.save", "period", periodID, map[string]any{
			"kind": string(kind), "changes": changes(map[string]any{"body": before}, map[string]any{"body": body}),
		})
	})
	if err != nil {
		return fmt.Errorf("save report text %s: %w", kind, err)
	}
	return nil
}
