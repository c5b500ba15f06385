package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// The annual report's board content (issue 6) is the cover and texts
// (report_cover.go), the business plan, aims and members (lists.go), the
// meetings (report_meetings.go) and the outline (report_outline.go).

// BoardContent loads everything the board writes for the period's report.
func (s *Store) BoardContent(ctx context.Context, periodID int64) (*domain.BoardContent, error) {
	c := &domain.BoardContent{Texts: map[domain.TextKind]domain.ReportText{}}
	var err error
	if c.Cover, err = s.ReportCover(ctx, periodID); err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `SELECT kind, body, version FROM report_texts WHERE period_id = $1`, periodID)
	if err != nil {
		return nil, fmt.Errorf("report texts: %w", err)
	}
	texts, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.ReportText, error) {
		var t domain.ReportText
		return t, row.Scan(&t.Kind, &t.Body, &t.Version)
	})
	if err != nil {
		return nil, fmt.Errorf("report texts: %w", err)
	}
	for _, t := range texts {
		c.Texts[t.Kind] = t
	}
	if c.Objectives, err = s.PlanObjectives(ctx, periodID); err != nil {
		return nil, err
	}
	if c.Aims, err = s.Aims(ctx, periodID); err != nil {
		return nil, err
	}
	if c.Members, err = s.Members(ctx, periodID); err != nil {
		return nil, err
	}
	if c.Meetings, err = s.Meetings(ctx, periodID); err != nil {
		return nil, err
	}
	return c, nil
}
