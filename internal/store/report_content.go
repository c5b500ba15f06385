package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"safeboard/internal/domain"
)

// The annual report's board content (issue 6): the cover, the board's texts,
// the business plan's key objectives and their items, the strategic aims, the
// members, meetings and attendance, and the outline of sections. Every change
// writes an audit event in its transaction and is refused with
// domain.ErrStale when the row changed since its version was read.

// boardList is one of the board's ordered lists: a table whose rows belong to
// a parent (a period, or a key objective) in position order. Table and
// column names are constants, never user input.
type boardList struct {
	table  string
	entity string   // for the audit trail
	parent string   // the parent's column: period_id or objective_id
	texts  []string // the columns the manager types, in the order of the fields' texts
}

var (
	planObjectives = boardList{"report_plan_objectives", "report_plan_objective", "period_id", []string{"title", "intro"}}
	planItems      = boardList{"report_plan_items", "report_plan_item", "objective_id", []string{"title", "desired_outcome", "what_we_did", "difference"}}
	aims           = boardList{"report_aims", "report_aim", "period_id", []string{"title", "outcomes", "coming_year", "later_years"}}
	members        = boardList{"report_members", "report_member", "period_id", []string{"role", "organisation", "name"}}
	// The outline shares the list's remove and move; its other columns are handled below.
	sectionList = boardList{"report_sections", "report_section", "period_id", []string{"title"}}
)

func (l boardList) columns() string { return strings.Join(l.texts, ", ") }

func (l boardList) audit(values []string) map[string]any {
	out := map[string]any{}
	for i, col := range l.texts {
		out[col] = values[i]
	}
	return out
}

// boardRow is one row of a board list.
type boardRow struct {
	ID, Parent        int64
	Position, Version int
	Texts             []string
}

// lockList serialises changes to one parent's list, so positions stay 1..n
// when two people add or move at once.
func lockList(ctx context.Context, tx pgx.Tx, l boardList, parentID int64) error {
	_, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, $2))`, l.table, parentID)
	return err
}

// rows lists the rows of parents in parent then position order; id, when not 0, picks one.
func (s *Store) rows(ctx context.Context, l boardList, parents []int64, id int64) ([]boardRow, error) {
	q := `SELECT id, ` + l.parent + `, position, version, ` + l.columns() + ` FROM ` + l.table +
		` WHERE ` + l.parent + ` = ANY($1) AND ($2 = 0 OR id = $2) ORDER BY ` + l.parent + `, position`
	rs, err := s.pool.Query(ctx, q, parents, id)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", l.entity, err)
	}
	out, err := pgx.CollectRows(rs, func(row pgx.CollectableRow) (boardRow, error) {
		r := boardRow{Texts: make([]string, len(l.texts))}
		dest := []any{&r.ID, &r.Parent, &r.Position, &r.Version}
		for i := range r.Texts {
			dest = append(dest, &r.Texts[i])
		}
		return r, row.Scan(dest...)
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", l.entity, err)
	}
	return out, nil
}

func (s *Store) row(ctx context.Context, l boardList, parentID, id int64) (boardRow, error) {
	rs, err := s.rows(ctx, l, []int64{parentID}, id)
	if err != nil {
		return boardRow{}, err
	}
	if len(rs) == 0 {
		return boardRow{}, fmt.Errorf("%s %d: %w", l.entity, id, domain.ErrNotFound)
	}
	return rs[0], nil
}

// addRow appends a row to the end of the parent's list.
func (s *Store) addRow(ctx context.Context, actor domain.Actor, l boardList, parentID int64, texts []string) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if err := lockList(ctx, tx, l, parentID); err != nil {
			return err
		}
		params := make([]string, len(texts))
		args := []any{parentID, actor.UserID}
		for i, t := range texts {
			params[i] = fmt.Sprintf("$%d", i+3)
			args = append(args, t)
		}
		q := `INSERT INTO ` + l.table + ` (` + l.parent + `, position, updated_by, ` + l.columns() + `)
		      VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM ` + l.table + ` WHERE ` + l.parent + ` = $1), $2, ` +
			strings.Join(params, ", ") + `) RETURNING id`
		if err := tx.QueryRow(ctx, q, args...).Scan(&id); err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, actor, l.entity+".create", l.entity, id, map[string]any{l.parent: parentID, "after": l.audit(texts)})
	})
	if err != nil {
		return 0, fmt.Errorf("add %s: %w", l.entity, err)
	}
	return id, nil
}

// updateRow saves a row's texts unless someone else saved it since version was read.
func (s *Store) updateRow(ctx context.Context, actor domain.Actor, l boardList, parentID, id int64, version int, texts []string) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		before := make([]string, len(l.texts))
		var current int
		dest := []any{&current}
		for i := range before {
			dest = append(dest, &before[i])
		}
		err := tx.QueryRow(ctx, `SELECT version, `+l.columns()+` FROM `+l.table+` WHERE id = $1 AND `+l.parent+` = $2 FOR UPDATE`, id, parentID).Scan(dest...)
		if err != nil {
			return mapError(err)
		}
		if current != version {
			return domain.ErrStale
		}
		sets := make([]string, len(texts))
		args := []any{id, actor.UserID}
		for i, t := range texts {
			sets[i] = fmt.Sprintf("%s = $%d", l.texts[i], i+3)
			args = append(args, t)
		}
		q := `UPDATE ` + l.table + ` SET ` + strings.Join(sets, ", ") + `, version = version + 1, updated_at = now(), updated_by = $2 WHERE id = $1`
		if _, err := tx.Exec(ctx, q, args...); err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, actor, l.entity+".update", l.entity, id, map[string]any{
			l.parent: parentID, "changes": changes(l.audit(before), l.audit(texts)),
		})
	})
	if err != nil {
		return fmt.Errorf("update %s %d: %w", l.entity, id, err)
	}
	return nil
}

// removeRow deletes a row unless it changed since version was read, closing the gap in positions.
func (s *Store) removeRow(ctx context.Context, actor domain.Actor, l boardList, parentID, id int64, version int, check func(pgx.Tx) error) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if err := lockList(ctx, tx, l, parentID); err != nil {
			return err
		}
		if check != nil {
			if err := check(tx); err != nil {
				return err
			}
		}
		var before map[string]any
		var current, position int
		err := tx.QueryRow(ctx, `SELECT to_jsonb(t) - 'updated_by', version, position FROM `+l.table+` t
			WHERE id = $1 AND `+l.parent+` = $2 FOR UPDATE`, id, parentID).Scan(&before, &current, &position)
		if err != nil {
			return mapError(err)
		}
		if current != version {
			return domain.ErrStale
		}
		if _, err := tx.Exec(ctx, `DELETE FROM `+l.table+` WHERE id = $1`, id); err != nil {
			return mapError(err)
		}
		if _, err := tx.Exec(ctx, `UPDATE `+l.table+` SET position = position - 1 WHERE `+l.parent+` = $1 AND position > $2`, parentID, position); err != nil {
			return err
		}
		return audit(ctx, tx, actor, l.entity+".remove", l.entity, id, map[string]any{"before": before})
	})
	if err != nil {
		return fmt.Errorf("remove %s %d: %w", l.entity, id, err)
	}
	return nil
}

// moveRow moves a row one place up (-1) or down (+1); at either end it does nothing.
func (s *Store) moveRow(ctx context.Context, actor domain.Actor, l boardList, parentID, id int64, by int) error {
	if by != -1 && by != 1 {
		return fmt.Errorf("move %s %d by %d: %w", l.entity, id, by, errors.New("moves are one place at a time"))
	}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if err := lockList(ctx, tx, l, parentID); err != nil {
			return err
		}
		var from int
		err := tx.QueryRow(ctx, `SELECT position FROM `+l.table+` WHERE id = $1 AND `+l.parent+` = $2 FOR UPDATE`, id, parentID).Scan(&from)
		if err != nil {
			return mapError(err)
		}
		to := from + by
		// The unique position constraint is deferred, so the two rows can swap within the transaction.
		tag, err := tx.Exec(ctx, `UPDATE `+l.table+` SET position = $3 WHERE `+l.parent+` = $1 AND position = $2`, parentID, to, from)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return nil
		}
		if _, err := tx.Exec(ctx, `UPDATE `+l.table+` SET position = $2 WHERE id = $1`, id, to); err != nil {
			return err
		}
		return audit(ctx, tx, actor, l.entity+".move", l.entity, id, map[string]any{
			l.parent: parentID, "changes": map[string]any{"position": map[string]any{"from": from, "to": to}},
		})
	})
	if err != nil {
		return fmt.Errorf("move %s %d: %w", l.entity, id, err)
	}
	return nil
}

// --- The cover ---

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

// --- The board's texts ---

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

// --- The business plan: key objectives and their items ---

// PlanObjectiveFields are what the manager types for a key objective.
type PlanObjectiveFields struct{ Title, Intro string }

func (f PlanObjectiveFields) texts() []string { return []string{f.Title, f.Intro} }

// PlanItemFields are what the manager types for an item under a key objective.
type PlanItemFields struct{ Title, DesiredOutcome, WhatWeDid, Difference string }

func (f PlanItemFields) texts() []string {
	return []string{f.Title, f.DesiredOutcome, f.WhatWeDid, f.Difference}
}

func planObjective(r boardRow) domain.PlanObjective {
	return domain.PlanObjective{ID: r.ID, Position: r.Position, Version: r.Version, Title: r.Texts[0], Intro: r.Texts[1]}
}

func planItem(r boardRow) domain.PlanItem {
	return domain.PlanItem{ID: r.ID, ObjectiveID: r.Parent, Position: r.Position, Version: r.Version,
		Title: r.Texts[0], DesiredOutcome: r.Texts[1], WhatWeDid: r.Texts[2], Difference: r.Texts[3]}
}

// PlanObjectives lists the period's key objectives in order, each with its items, in two queries.
func (s *Store) PlanObjectives(ctx context.Context, periodID int64) ([]domain.PlanObjective, error) {
	rs, err := s.rows(ctx, planObjectives, []int64{periodID}, 0)
	if err != nil {
		return nil, err
	}
	out := make([]domain.PlanObjective, len(rs))
	ids := make([]int64, len(rs))
	at := map[int64]int{}
	for i, r := range rs {
		out[i], ids[i], at[r.ID] = planObjective(r), r.ID, i
	}
	items, err := s.rows(ctx, planItems, ids, 0)
	if err != nil {
		return nil, err
	}
	for _, r := range items {
		o := &out[at[r.Parent]]
		o.Items = append(o.Items, planItem(r))
	}
	return out, nil
}

// PlanObjective finds one of the period's key objectives, without its items.
func (s *Store) PlanObjective(ctx context.Context, periodID, id int64) (domain.PlanObjective, error) {
	r, err := s.row(ctx, planObjectives, periodID, id)
	if err != nil {
		return domain.PlanObjective{}, err
	}
	return planObjective(r), nil
}

// AddPlanObjective appends a key objective to the period's business plan.
func (s *Store) AddPlanObjective(ctx context.Context, actor domain.Actor, periodID int64, f PlanObjectiveFields) (int64, error) {
	return s.addRow(ctx, actor, planObjectives, periodID, f.texts())
}

// UpdatePlanObjective saves a key objective unless it changed since version was read.
func (s *Store) UpdatePlanObjective(ctx context.Context, actor domain.Actor, periodID, id int64, version int, f PlanObjectiveFields) error {
	return s.updateRow(ctx, actor, planObjectives, periodID, id, version, f.texts())
}

// RemovePlanObjective deletes a key objective with its items unless it changed since version was read.
func (s *Store) RemovePlanObjective(ctx context.Context, actor domain.Actor, periodID, id int64, version int) error {
	return s.removeRow(ctx, actor, planObjectives, periodID, id, version, nil)
}

// MovePlanObjective moves a key objective one place up (-1) or down (+1).
func (s *Store) MovePlanObjective(ctx context.Context, actor domain.Actor, periodID, id int64, by int) error {
	return s.moveRow(ctx, actor, planObjectives, periodID, id, by)
}

// PlanItem finds one item of a key objective.
func (s *Store) PlanItem(ctx context.Context, objectiveID, id int64) (domain.PlanItem, error) {
	r, err := s.row(ctx, planItems, objectiveID, id)
	if err != nil {
		return domain.PlanItem{}, err
	}
	return planItem(r), nil
}

// AddPlanItem appends an item to a key objective.
func (s *Store) AddPlanItem(ctx context.Context, actor domain.Actor, objectiveID int64, f PlanItemFields) (int64, error) {
	return s.addRow(ctx, actor, planItems, objectiveID, f.texts())
}

// UpdatePlanItem saves an item unless it changed since version was read.
func (s *Store) UpdatePlanItem(ctx context.Context, actor domain.Actor, objectiveID, id int64, version int, f PlanItemFields) error {
	return s.updateRow(ctx, actor, planItems, objectiveID, id, version, f.texts())
}

// RemovePlanItem deletes an item unless it changed since version was read.
func (s *Store) RemovePlanItem(ctx context.Context, actor domain.Actor, objectiveID, id int64, version int) error {
	return s.removeRow(ctx, actor, planItems, objectiveID, id, version, nil)
}

// MovePlanItem moves an item one place up (-1) or down (+1) under its key objective.
func (s *Store) MovePlanItem(ctx context.Context, actor domain.Actor, objectiveID, id int64, by int) error {
	return s.moveRow(ctx, actor, planItems, objectiveID, id, by)
}

// --- Strategic aims ---

// AimFields are what the manager types for a strategic aim.
type AimFields struct{ Title, Outcomes, ComingYear, LaterYears string }

func (f AimFields) texts() []string { return []string{f.Title, f.Outcomes, f.ComingYear, f.LaterYears} }

func aim(r boardRow) domain.StrategicAim {
	return domain.StrategicAim{ID: r.ID, Position: r.Position, Version: r.Version,
		Title: r.Texts[0], Outcomes: r.Texts[1], ComingYear: r.Texts[2], LaterYears: r.Texts[3]}
}

// Aims lists the period's strategic aims in order.
func (s *Store) Aims(ctx context.Context, periodID int64) ([]domain.StrategicAim, error) {
	rs, err := s.rows(ctx, aims, []int64{periodID}, 0)
	if err != nil {
		return nil, err
	}
	out := make([]domain.StrategicAim, len(rs))
	for i, r := range rs {
		out[i] = aim(r)
	}
	return out, nil
}

// Aim finds one of the period's strategic aims.
func (s *Store) Aim(ctx context.Context, periodID, id int64) (domain.StrategicAim, error) {
	r, err := s.row(ctx, aims, periodID, id)
	if err != nil {
		return domain.StrategicAim{}, err
	}
	return aim(r), nil
}

// AddAim appends a strategic aim.
func (s *Store) AddAim(ctx context.Context, actor domain.Actor, periodID int64, f AimFields) (int64, error) {
	return s.addRow(ctx, actor, aims, periodID, f.texts())
}

// UpdateAim saves a strategic aim unless it changed since version was read.
func (s *Store) UpdateAim(ctx context.Context, actor domain.Actor, periodID, id int64, version int, f AimFields) error {
	return s.updateRow(ctx, actor, aims, periodID, id, version, f.texts())
}

// RemoveAim deletes a strategic aim unless it changed since version was read.
func (s *Store) RemoveAim(ctx context.Context, actor domain.Actor, periodID, id int64, version int) error {
	return s.removeRow(ctx, actor, aims, periodID, id, version, nil)
}

// MoveAim moves a strategic aim one place up (-1) or down (+1).
func (s *Store) MoveAim(ctx context.Context, actor domain.Actor, periodID, id int64, by int) error {
	return s.moveRow(ctx, actor, aims, periodID, id, by)
}

// --- Members, meetings and attendance ---

// MemberFields are what the manager types for a board member.
type MemberFields struct{ Role, Organisation, Name string }

func (f MemberFields) texts() []string { return []string{f.Role, f.Organisation, f.Name} }

func member(r boardRow) domain.BoardMember {
	return domain.BoardMember{ID: r.ID, Position: r.Position, Version: r.Version,
		Role: r.Texts[0], Organisation: r.Texts[1], Name: r.Texts[2]}
}

// Members lists the period's board members in order.
func (s *Store) Members(ctx context.Context, periodID int64) ([]domain.BoardMember, error) {
	rs, err := s.rows(ctx, members, []int64{periodID}, 0)
	if err != nil {
		return nil, err
	}
	out := make([]domain.BoardMember, len(rs))
	for i, r := range rs {
		out[i] = member(r)
	}
	return out, nil
}

// Member finds one of the period's board members.
func (s *Store) Member(ctx context.Context, periodID, id int64) (domain.BoardMember, error) {
	r, err := s.row(ctx, members, periodID, id)
	if err != nil {
		return domain.BoardMember{}, err
	}
	return member(r), nil
}

// AddMember appends a board member.
func (s *Store) AddMember(ctx context.Context, actor domain.Actor, periodID int64, f MemberFields) (int64, error) {
	return s.addRow(ctx, actor, members, periodID, f.texts())
}

// UpdateMember saves a board member unless they changed since version was read.
func (s *Store) UpdateMember(ctx context.Context, actor domain.Actor, periodID, id int64, version int, f MemberFields) error {
	return s.updateRow(ctx, actor, members, periodID, id, version, f.texts())
}

// RemoveMember deletes a board member, with their attendance, unless they changed since version was read.
func (s *Store) RemoveMember(ctx context.Context, actor domain.Actor, periodID, id int64, version int) error {
	return s.removeRow(ctx, actor, members, periodID, id, version, nil)
}

// MoveMember moves a board member one place up (-1) or down (+1).
func (s *Store) MoveMember(ctx context.Context, actor domain.Actor, periodID, id int64, by int) error {
	return s.moveRow(ctx, actor, members, periodID, id, by)
}

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

// --- The outline ---

const sectionColumns = `id, period_id, position, kind, title, hidden, appendix, body, version`

func scanSection(row pgx.CollectableRow) (domain.ReportSection, error) {
	var s domain.ReportSection
	err := row.Scan(&s.ID, &s.PeriodID, &s.Position, &s.Kind, &s.Title, &s.Hidden, &s.Appendix, &s.Body, &s.Version)
	return s, err
}

// Outline lists the period's report sections in order, first giving the
// period the default outline (domain.DefaultOutline) if it has none.
func (s *Store) Outline(ctx context.Context, period domain.Period) ([]domain.ReportSection, error) {
	list, err := s.outline(ctx, period.ID)
	if err != nil || len(list) > 0 {
		return list, err
	}
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		if err := lockList(ctx, tx, sectionList, period.ID); err != nil {
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
	return s.outline(ctx, period.ID)
}

func (s *Store) outline(ctx context.Context, periodID int64) ([]domain.ReportSection, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+sectionColumns+` FROM report_sections WHERE period_id = $1 ORDER BY position`, periodID)
	if err != nil {
		return nil, fmt.Errorf("outline: %w", err)
	}
	list, err := pgx.CollectRows(rows, scanSection)
	if err != nil {
		return nil, fmt.Errorf("outline: %w", err)
	}
	return list, nil
}

// ReportSectionByID finds one section of the period's outline.
func (s *Store) ReportSectionByID(ctx context.Context, periodID, id int64) (domain.ReportSection, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+sectionColumns+` FROM report_sections WHERE period_id = $1 AND id = $2`, periodID, id)
	if err != nil {
		return domain.ReportSection{}, fmt.Errorf("report section %d: %w", id, err)
	}
	sec, err := pgx.CollectExactlyOneRow(rows, scanSection)
	if err != nil {
		return domain.ReportSection{}, fmt.Errorf("report section %d: %w", id, mapError(err))
	}
	return sec, nil
}

// SectionFields are what the manager sets for a section: its title, whether
// it is shown and lettered as an appendix, and a free section's text.
type SectionFields struct {
	Title    string
	Hidden   bool
	Appendix bool
	Body     string // kept only for free sections
}

func (f SectionFields) audit() map[string]any {
	return map[string]any{"title": f.Title, "hidden": f.Hidden, "appendix": f.Appendix, "body": f.Body}
}

// AddFreeSection appends a section of the manager's own text to the outline.
func (s *Store) AddFreeSection(ctx context.Context, actor domain.Actor, period domain.Period, f SectionFields) (int64, error) {
	if _, err := s.Outline(ctx, period); err != nil { // the built-in sections come first
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if err := lockList(ctx, tx, sectionList, period.ID); err != nil {
			return err
		}
		err := tx.QueryRow(ctx, `INSERT INTO report_sections (period_id, position, kind, title, hidden, appendix, body, updated_by)
			VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM report_sections WHERE period_id = $1), 'free', $2, $3, $4, $5, $6)
			RETURNING id`, period.ID, f.Title, f.Hidden, f.Appendix, f.Body, actor.UserID).Scan(&id)
		if err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, actor, "report_section.create", "report_section", id, map[string]any{"period_id": period.ID, "after": f.audit()})
	})
	if err != nil {
		return 0, fmt.Errorf("add report section: %w", err)
	}
	return id, nil
}

// UpdateSection saves a section's title, visibility, lettering and (for a
// free section) text unless it changed since version was read.
func (s *Store) UpdateSection(ctx context.Context, actor domain.Actor, periodID, id int64, version int, f SectionFields) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT `+sectionColumns+` FROM report_sections WHERE id = $1 AND period_id = $2 FOR UPDATE`, id, periodID)
		if err != nil {
			return err
		}
		before, err := pgx.CollectExactlyOneRow(rows, scanSection)
		if err != nil {
			return mapError(err)
		}
		if before.Version != version {
			return domain.ErrStale
		}
		if before.Kind != domain.SectionFree {
			f.Body = ""
		}
		_, err = tx.Exec(ctx, `UPDATE report_sections SET title = $2, hidden = $3, appendix = $4, body = $5,
			version = version + 1, updated_at = now(), updated_by = $6 WHERE id = $1`, id, f.Title, f.Hidden, f.Appendix, f.Body, actor.UserID)
		if err != nil {
			return mapError(err)
		}
		was := SectionFields{Title: before.Title, Hidden: before.Hidden, Appendix: before.Appendix, Body: before.Body}
		return audit(ctx, tx, actor, "report_section.update", "report_section", id, map[string]any{
			"period_id": periodID, "changes": changes(was.audit(), f.audit()),
		})
	})
	if err != nil {
		return fmt.Errorf("update report section %d: %w", id, err)
	}
	return nil
}

// RemoveSection deletes one of the manager's free sections unless it changed
// since version was read; a built-in section can be hidden but not removed
// (domain.ErrConflict).
func (s *Store) RemoveSection(ctx context.Context, actor domain.Actor, periodID, id int64, version int) error {
	return s.removeRow(ctx, actor, sectionList, periodID, id, version, func(tx pgx.Tx) error {
		var kind domain.SectionKind
		if err := tx.QueryRow(ctx, `SELECT kind FROM report_sections WHERE id = $1 AND period_id = $2`, id, periodID).Scan(&kind); err != nil {
			return mapError(err)
		}
		if kind != domain.SectionFree {
			return fmt.Errorf("%w: only the board's own sections can be removed; hide the others", domain.ErrConflict)
		}
		return nil
	})
}

// MoveSection moves a section one place up (-1) or down (+1) in the outline.
func (s *Store) MoveSection(ctx context.Context, actor domain.Actor, periodID, id int64, by int) error {
	return s.moveRow(ctx, actor, sectionList, periodID, id, by)
}

// --- Everything at once, for the compiled report ---

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
