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

// The board's meetings in a period, each with which members attended; the
// members themselves are an ordered list (MemberList).

// Meetings lists the period's board meetings by date, each with who attended.
func (s *Store) Meetings(ctx context.Context, periodID int64) ([]domain.Meeting, error) {
	return s.meetings(ctx, periodID, 0)
}

// Meeting finds one of the period's meetings.
func (s *Store) Meeting(ctx context.Context, periodID, id int64) (domain.Meeting, error) {
	ms, err := s.meetings(ctx, periodID, id)
	if err != nil {
		return domain.Meeting{}, err
	}
	if len(ms) == 0 {
		return domain.Meeting{}, fmt.Errorf("meeting %d: %w", id, domain.ErrNotFound)
	}
	return ms[0], nil
}

func (s *Store) meetings(ctx context.Context, periodID, id int64) ([]domain.Meeting, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT m.id, m.held_on, m.version,
		       coalesce(array_agg(a.member_id ORDER BY a.member_id) FILTER (WHERE a.member_id IS NOT NULL), '{}')
		FROM report_meetings m LEFT JOIN report_attendance a ON a.meeting_id = m.id
		WHERE m.period_id = $1 AND ($2 = 0 OR m.id = $2)
		GROUP BY m.id ORDER BY m.held_on`, periodID, id)
	if err != nil {
		return nil, fmt.Errorf("meetings: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Meeting, error) {
		var m domain.Meeting
		return m, row.Scan(&m.ID, &m.HeldOn, &m.Version, &m.Attendees)
	})
	if err != nil {
		return nil, fmt.Errorf("meetings: %w", err)
	}
	return out, nil
}

// meetingError names the date field when the period already has a meeting that day.
func meetingError(err error) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.ConstraintName == "report_meetings_one_a_day" {
		return &domain.DuplicateError{Field: "held_on"}
	}
	return mapError(err)
}

// setAttendance records who attended, keeping only members of the meeting's period.
func setAttendance(ctx context.Context, tx pgx.Tx, periodID, meetingID int64, attendees []int64) error {
	if _, err := tx.Exec(ctx, `DELETE FROM report_attendance WHERE meeting_id = $1`, meetingID); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `INSERT INTO report_attendance (meeting_id, member_id)
		SELECT $1, id FROM report_members WHERE period_id = $2 AND id = ANY($3)`, meetingID, periodID, attendees)
	return err
}

// AddMeeting records a meeting on a day with who attended.
func (s *Store) AddMeeting(ctx context.Context, actor domain.Actor, periodID int64, heldOn time.Time, attendees []int64) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO report_meetings (period_id, held_on, updated_by) VALUES ($1, $2, $3) RETURNING id`,
			periodID, heldOn, actor.UserID).Scan(&id)
		if err != nil {
			return meetingError(err)
		}
		if err := setAttendance(ctx, tx, periodID, id, attendees); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "report_meeting.create", "report_meeting", id, map[string]any{
			"period_id": periodID, "held_on": heldOn.Format(time.DateOnly), "attendees": attendees,
		})
	})
	if err != nil {
		return 0, fmt.Errorf("add meeting: %w", err)
	}
	return id, nil
}

// UpdateMeeting saves a meeting's date and attendance unless it changed since version was read.
func (s *Store) UpdateMeeting(ctx context.Context, actor domain.Actor, periodID, id int64, version int, heldOn time.Time, attendees []int64) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE report_meetings SET held_on = $3, version = version + 1, updated_at = now(), updated_by = $4
			WHERE id = $1 AND period_id = $2 AND version = $5`, id, periodID, heldOn, actor.UserID, version)
		if err != nil {
			return meetingError(err)
		}
		if tag.RowsAffected() == 0 {
			var exists bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM report_meetings WHERE id = $1 AND period_id = $2)`, id, periodID).Scan(&exists); err != nil {
				return err
			}
			if !exists {
				return domain.ErrNotFound
			}
			return domain.ErrStale
		}
		if err := setAttendance(ctx, tx, periodID, id, attendees); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "report_meeting.update", "report_meeting", id, map[string]any{
			"period_id": periodID, "held_on": heldOn.Format(time.DateOnly), "attendees": attendees,
		})
	})
	if err != nil {
		return fmt.Errorf("update meeting %d: %w", id, err)
	}
	return nil
}

// RemoveMeeting deletes a meeting and its attendance unless it changed since version was read.
func (s *Store) RemoveMeeting(ctx context.Context, actor domain.Actor, periodID, id int64, version int) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var current int
		var heldOn time.Time
		err := tx.QueryRow(ctx, `SELECT version, held_on FROM report_meetings WHERE id = $1 AND period_id = $2 FOR UPDATE`, id, periodID).Scan(&current, &heldOn)
		if err != nil {
			return mapError(err)
		}
		if current != version {
			return domain.ErrStale
		}
		if _, err := tx.Exec(ctx, `DELETE FROM report_meetings WHERE id = $1`, id); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "report_meeting.remove", "report_meeting", id, map[string]any{
			"period_id": periodID, "held_on": heldOn.Format(time.DateOnly),
		})
	})
	if err != nil {
		return fmt.Errorf("remove meeting %d: %w", id, err)
	}
	return nil
}
