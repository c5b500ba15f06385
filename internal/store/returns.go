package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// ReturnFor finds an agency's return for a period. When none exists yet it
// returns a Return with ID 0 and status not started. Either way it counts
// the objectives of last year the return looks back on (LookBack).
func (s *Store) ReturnFor(ctx context.Context, periodID, agencyID int64) (*domain.Return, error) {
	const q = `WITH last_year AS (
	    SELECT count(*) AS n, count(*) FILTER (WHERE v.status <> '') AS answered
	      FROM periods p
	      JOIN returns pr ON pr.period_id = p.carried_from AND pr.agency_id = $2 AND pr.status <> 'draft'
	      JOIN objectives o ON o.return_id = pr.id
	      LEFT JOIN objective_reviews v ON v.id = o.id
	     WHERE p.id = $1
	)
	SELECT coalesce(r.id, 0), coalesce(r.status, 'not_started'), coalesce(r.version, 0), r.updated_at, r.submitted_at, r.returned_at, r.accepted_at,
	       (SELECT count(*) FROM review_items i WHERE i.return_id = r.id),
	       (SELECT count(*) FROM objectives o WHERE o.return_id = r.id),
	       l.n, l.answered,
	       (SELECT coalesce(jsonb_object_agg(s.task, s.completed), '{}') FROM return_sections s WHERE s.return_id = r.id)
	FROM last_year l LEFT JOIN returns r ON r.period_id = $1 AND r.agency_id = $2`
	ret := domain.Return{PeriodID: periodID, AgencyID: agencyID}
	var status string
	err := s.pool.QueryRow(ctx, q, periodID, agencyID).Scan(&ret.ID, &status, &ret.Version, &ret.UpdatedAt,
		&ret.SubmittedAt, &ret.ReturnedAt, &ret.AcceptedAt, &ret.ItemCount, &ret.ObjCount, &ret.LastYear.Entries, &ret.LastYear.Answered, &ret.Sections)
	if err != nil {
		return nil, fmt.Errorf("return for period %d agency %d: %w", periodID, agencyID, err)
	}
	ret.Status = domain.ReturnStatus(status)
	return &ret, nil
}

// editableReturn finds or creates the return inside tx, locks it, and refuses
// unless its content may be changed: its period must be open
// (domain.ErrPeriodClosed) and its status editable (domain.ErrInvalidTransition).
func editableReturn(ctx context.Context, tx pgx.Tx, actor domain.Actor, periodID, agencyID int64) (int64, error) {
	if err := requireOpenPeriod(ctx, tx, periodID); err != nil {
		return 0, err
	}
	var id int64
	var status string
	err := tx.QueryRow(ctx, `SELECT id, status FROM returns WHERE period_id = $1 AND agency_id = $2 FOR UPDATE`,
		periodID, agencyID).Scan(&id, &status)
	if errors.Is(err, pgx.ErrNoRows) {
		const q = `INSERT INTO returns (period_id, agency_id, created_by, updated_by) VALUES ($1, $2, $3, $3)
		           ON CONFLICT (period_id, agency_id) DO NOTHING RETURNING id`
		err = tx.QueryRow(ctx, q, periodID, agencyID, actor.UserID).Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) { // another lead created it a moment ago
			return editableReturn(ctx, tx, actor, periodID, agencyID)
		}
		if err != nil {
			return 0, mapError(err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO return_status_changes (return_id, from_status, to_status, actor_id)
			VALUES ($1, NULL, 'draft', $2)`, id, actor.UserID); err != nil {
			return 0, err
		}
		return id, audit(ctx, tx, actor, "return.start", "return", id, map[string]any{
			"after": map[string]any{"status": "draft", "period_id": periodID, "agency_id": agencyID},
		})
	}
	if err != nil {
		return 0, err
	}
	if _, err := domain.NextStatus(domain.ReturnStatus(status), domain.ActionEdit); err != nil {
		return 0, err
	}
	_, err = tx.Exec(ctx, `UPDATE returns SET updated_at = now(), updated_by = $2 WHERE id = $1`, id, actor.UserID)
	return id, err
}

// requireOpenPeriod refuses with domain.ErrPeriodClosed unless the period is
// open. It share-locks the period's row, so the period cannot close before the
// change being made in tx commits.
func requireOpenPeriod(ctx context.Context, tx pgx.Tx, periodID int64) error {
	var open bool
	err := tx.QueryRow(ctx, `SELECT is_open FROM periods WHERE id = $1 FOR SHARE`, periodID).Scan(&open)
	if err != nil {
		return mapError(err)
	}
	if !open {
		return domain.ErrPeriodClosed
	}
	return nil
}

// Transition applies a status action to a return, refusing it when the return
// changed since version was read, when the action does not apply, or when the
// action needs an open period (domain.ReturnAction.NeedsOpenPeriod) and the
// return's period is closed. A send-back must carry a comment.
func (s *Store) Transition(ctx context.Context, actor domain.Actor, returnID int64, version int, action domain.ReturnAction, comment string) (domain.ReturnStatus, error) {
	return s.transition(ctx, actor, returnID, version, action, comment, nil)
}

// SubmitReturn sends a return to the board as Transition does, and refuses
// with domain.ErrStale unless its content is still what the lead checked:
// stamp is domain.ContentStamp of the items and objectives the check page
// showed. The return's version changes only with its status, so the content
// is compared too, inside the transaction, after the return's row is locked:
// every change to an item or objective locks the same row (editableReturn), so
// none can slip in between the comparison and the submit.
//
// It also refuses with domain.ErrIncomplete unless the lead has said every
// section the task list shows is completed (SetSectionCompleted). That is
// the lead's own answer, asked for where the lead submits: Transition's
// submit (the command line's, the tests') checks only what the return holds.
func (s *Store) SubmitReturn(ctx context.Context, actor domain.Actor, returnID int64, version int, stamp string) error {
	_, err := s.transition(ctx, actor, returnID, version, domain.ActionSubmit, "", func(tx pgx.Tx) error {
		content, tallies, err := returnContent(ctx, tx, returnID)
		if err != nil {
			return err
		}
		if domain.ContentStamp(content...) != stamp {
			return domain.ErrStale
		}
		if err := markCompleted(ctx, tx, returnID, tallies); err != nil {
			return err
		}
		if len(domain.AgencyReturn.Unmarked(tallies)) > 0 {
			return domain.ErrIncomplete
		}
		return nil
	})
	return err
}

// markCompleted sets Completed in tallies (in returnTasks' order) from the
// lead's answers to "Have you completed this section?" as tx sees them.
func markCompleted(ctx context.Context, tx pgx.Tx, returnID int64, tallies []domain.Tally) error {
	rows, err := tx.Query(ctx, `SELECT task FROM return_sections WHERE return_id = $1 AND completed`, returnID)
	if err != nil {
		return err
	}
	done, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	for i, t := range returnTasks {
		tallies[i].Completed = slices.Contains(done, t.key)
	}
	return nil
}

// SetSectionCompleted keeps the lead's answer to "Have you completed this
// section?" for the task key of the agency's return for the period,
// starting the return if need be. It refuses as any change to the return's
// content does (editableReturn), and refuses a yes with
// domain.ErrIncomplete while the task does not hold what it needs
// (domain.Task.Done).
func (s *Store) SetSectionCompleted(ctx context.Context, actor domain.Actor, periodID, agencyID int64, key string, completed bool) error {
	task := slices.IndexFunc(returnTasks, func(t returnTask) bool { return t.key == key })
	if task < 0 {
		return fmt.Errorf("no task %q in a return", key)
	}
	return s.inTx(ctx, func(tx pgx.Tx) error {
		id, err := editableReturn(ctx, tx, actor, periodID, agencyID)
		if err != nil {
			return err
		}
		if completed {
			_, tallies, err := returnContent(ctx, tx, id)
			if err != nil {
				return err
			}
			if !domain.AgencyReturn.Tasks[task].Done(tallies[task]) {
				return domain.ErrIncomplete
			}
		}
		var before *bool
		err = tx.QueryRow(ctx, `SELECT completed FROM return_sections WHERE return_id = $1 AND task = $2`, id, key).Scan(&before)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO return_sections (return_id, task, completed, updated_by) VALUES ($1, $2, $3, $4)
			ON CONFLICT (return_id, task) DO UPDATE SET completed = EXCLUDED.completed, updated_at = now(), updated_by = EXCLUDED.updated_by`,
			id, key, completed, actor.UserID); err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, actor, "return.section", "return", id, map[string]any{
			"task": key, "changes": map[string]any{"completed": map[string]any{"from": before, "to": completed}},
		})
	})
}

// returnTask is one task of an agency's return as the store reads it: SQL
// selecting, for the return $1, each entry's id, version, position, whether
// it is done (an answer is given; true for an entry of a plain list), its
// name, and its typed fields (List.fieldsJSON).
type returnTask struct {
	key     string
	entries string
}

// listEntries is the returnTask of a return's list, its entries named by the column name.
func listEntries[T any](key string, l *List[T], name string) returnTask {
	return returnTask{key: key, entries: `SELECT t.id, t.version, t.position, true, t.` + name + `, ` + l.fieldsJSON("t") +
		` FROM ` + l.table + ` t WHERE t.return_id = $1`}
}

// returnTasks are the tasks of an agency's return, in the order of
// domain.AgencyReturn's: the answers to last year's objectives (each
// objective of the agency's return of the year the period was started from,
// answered or not: LookBack), the review items and the objectives.
var returnTasks = []returnTask{
	{key: "last-year", entries: `SELECT o.id, coalesce(v.version, 1), o.position, coalesce(v.status, '') <> '', o.intend, ` +
		ObjectiveReviewList.fieldsJSON("v") + `
	  FROM returns r
	  JOIN periods p ON p.id = r.period_id
	  JOIN returns pr ON pr.period_id = p.carried_from AND pr.agency_id = r.agency_id AND pr.status <> 'draft'
	  JOIN objectives o ON o.return_id = pr.id
	  LEFT JOIN objective_reviews v ON v.id = o.id
	 WHERE r.id = $1`},
	listEntries("review", ReviewItemList, "title"),
	listEntries("objectives", ObjectiveList, "intend"),
}

// returnTaskKeys are the keys of returnTasks, in order.
func returnTaskKeys() []string {
	keys := make([]string, len(returnTasks))
	for i, t := range returnTasks {
		keys[i] = t.key
	}
	return keys
}

// contentSQL reads every entry of the return $1, task by task
// (returnTasks), as content: the task's number and key, then the task's
// columns.
func contentSQL() string {
	parts := make([]string, len(returnTasks))
	for i, t := range returnTasks {
		parts[i] = fmt.Sprintf("SELECT %d AS t, '%s' AS task, e.* FROM (%s) e(id, version, position, done, name, fields)", i, t.key, t.entries)
	}
	return strings.Join(parts, " UNION ALL ")
}

// returnContent is the entries of each of the return's tasks (returnTasks)
// as tx sees them, in order, with how far each task has got.
func returnContent(ctx context.Context, tx pgx.Tx, returnID int64) ([][]domain.Entry, []domain.Tally, error) {
	rows, err := tx.Query(ctx, `SELECT t, id, version, done FROM (`+contentSQL()+`) content ORDER BY t, position`, returnID)
	if err != nil {
		return nil, nil, err
	}
	content := make([][]domain.Entry, len(returnTasks))
	tallies := make([]domain.Tally, len(returnTasks))
	var task int
	var done bool
	var e domain.Entry
	_, err = pgx.ForEachRow(rows, []any{&task, &e.ID, &e.Version, &done}, func() error {
		content[task] = append(content[task], e)
		tallies[task].Entries++
		if done {
			tallies[task].Answered++
		}
		return nil
	})
	return content, tallies, err
}

// recordSubmission keeps what the return holds as it is submitted: a
// submission listing its entries in order, and the text of each entry
// version not already kept (submitted_entries).
func recordSubmission(ctx context.Context, tx pgx.Tx, actor domain.Actor, returnID int64) error {
	q := `WITH content AS (` + contentSQL() + `),
	kept AS (
	    INSERT INTO submitted_entries (return_id, task, entry_id, version, name, fields)
	    SELECT $1, task, id, version, left(name, 300), fields FROM content
	    ON CONFLICT DO NOTHING
	)
	INSERT INTO return_submissions (return_id, submitted_by, entries)
	SELECT $1, $2, coalesce(jsonb_agg(jsonb_build_object('task', task, 'id', id, 'version', version) ORDER BY t, position), '[]')
	  FROM content`
	if _, err := tx.Exec(ctx, q, returnID, actor.UserID); err != nil {
		return fmt.Errorf("record the submission: %w", err)
	}
	return nil
}

// transition is Transition with check, when not nil, run inside the
// transaction once the return's row is locked and the action is allowed.
func (s *Store) transition(ctx context.Context, actor domain.Actor, returnID int64, version int, action domain.ReturnAction, comment string, check func(pgx.Tx) error) (domain.ReturnStatus, error) {
	var next domain.ReturnStatus
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var status string
		var current int
		var periodID int64
		err := tx.QueryRow(ctx, `SELECT status, version, period_id FROM returns WHERE id = $1 FOR UPDATE`, returnID).
			Scan(&status, &current, &periodID)
		if err != nil {
			return mapError(err)
		}
		if current != version {
			return domain.ErrStale
		}
		next, err = moveStatus(ctx, tx, actor, returnID, periodID, domain.ReturnStatus(status), action, comment, check)
		if err != nil {
			return err
		}
		// The email the change sends, in its transaction (issue 17). The
		// demo's history moves returns with moveStatus alone, sending none.
		return notifyReturn(ctx, tx, returnID, action, comment)
	})
	if err != nil {
		return "", fmt.Errorf("%s return %d: %w", action, returnID, err)
	}
	return next, nil
}

// moveStatus applies action to a return whose row tx has locked, in status
// from: the state machine's and the period's rules, then the rows every change
// of status writes (the return's status and who/when, the status history, a
// comment when there is one, and the audit event).
func moveStatus(ctx context.Context, tx pgx.Tx, actor domain.Actor, returnID, periodID int64, from domain.ReturnStatus,
	action domain.ReturnAction, comment string, check func(pgx.Tx) error) (domain.ReturnStatus, error) {
	next, err := domain.NextStatus(from, action)
	if err != nil {
		return "", err
	}
	if action.NeedsOpenPeriod() {
		if err := requireOpenPeriod(ctx, tx, periodID); err != nil {
			return "", err
		}
	}
	if action == domain.ActionSendBack && comment == "" {
		return "", errors.New("a send-back needs a comment")
	}
	if check != nil {
		if err := check(tx); err != nil {
			return "", err
		}
	}
	if action == domain.ActionSubmit {
		_, tallies, err := returnContent(ctx, tx, returnID)
		if err != nil {
			return "", err
		}
		if !domain.AgencyReturn.Ready(tallies) {
			return "", domain.ErrIncomplete
		}
		if err := recordSubmission(ctx, tx, actor, returnID); err != nil {
			return "", err
		}
	}
	q := `UPDATE returns SET status = $2, version = version + 1, updated_at = now(), updated_by = $3` +
		stampedBy(action) + ` WHERE id = $1`
	if _, err := tx.Exec(ctx, q, returnID, next, actor.UserID); err != nil {
		return "", err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO return_status_changes (return_id, from_status, to_status, actor_id)
		VALUES ($1, $2, $3, $4)`, returnID, from, next, actor.UserID); err != nil {
		return "", err
	}
	details := map[string]any{"changes": map[string]any{"status": map[string]any{"from": from, "to": next}}}
	if comment != "" {
		kind := "comment"
		if action == domain.ActionSendBack {
			kind = "send_back"
		}
		if _, err := tx.Exec(ctx, `INSERT INTO return_comments (return_id, author_id, kind, body) VALUES ($1, $2, $3, $4)`,
			returnID, actor.UserID, kind, comment); err != nil {
			return "", mapError(err)
		}
		details["comment"] = comment
	}
	return next, audit(ctx, tx, actor, "return."+string(action), "return", returnID, details)
}

// stampedBy is the SET clause recording who did action and when, in the
// columns of the status it moves the return into. A reopen moves the return
// back to submitted but leaves who submitted it, and when, as they were: the
// status history records the reopen.
func stampedBy(action domain.ReturnAction) string {
	switch action {
	case domain.ActionSubmit:
		return `, submitted_at = now(), submitted_by = $3`
	case domain.ActionSendBack:
		return `, returned_at = now(), returned_by = $3`
	case domain.ActionAccept:
		return `, accepted_at = now(), accepted_by = $3`
	}
	return ""
}

// EntryComment is a comment on one entry of a return: the entry's task and
// id (domain.EntryRef, whose name the store fills in) and the text.
type EntryComment struct {
	About domain.EntryRef
	Body  string
}

// SendBack sends a submitted return back to its agency as Transition does,
// with the manager's comment on the whole return and their comments on
// entries of it, all made at one moment. An entry the return does not hold
// refuses the lot (domain.ErrConflict).
func (s *Store) SendBack(ctx context.Context, actor domain.Actor, returnID int64, version int, comment string, about []EntryComment) error {
	_, err := s.transition(ctx, actor, returnID, version, domain.ActionSendBack, comment, func(tx pgx.Tx) error {
		return commentOnEntries(ctx, tx, actor, returnID, about)
	})
	return err
}

// commentOnEntries adds the send-back's comments on entries of the return,
// each with its audit event, in tx. An entry the return does not hold
// refuses the lot (domain.ErrConflict).
func commentOnEntries(ctx context.Context, tx pgx.Tx, actor domain.Actor, returnID int64, about []EntryComment) error {
	for _, c := range about {
		// The entry's name as the return holds it now, for the comment to keep.
		var name string
		q := `SELECT name FROM (` + contentSQL() + `) content WHERE task = $2 AND id = $3`
		err := tx.QueryRow(ctx, q, returnID, c.About.Task, c.About.ID).Scan(&name)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("%w: the return holds no %s entry %d", domain.ErrConflict, c.About.Task, c.About.ID)
		}
		if err != nil {
			return err
		}
		var id int64
		err = tx.QueryRow(ctx, `INSERT INTO return_comments (return_id, author_id, kind, body, task, entry_id, entry_name)
			VALUES ($1, $2, 'send_back', $3, $4, $5, left($6, 300)) RETURNING id`,
			returnID, actor.UserID, c.Body, c.About.Task, c.About.ID, name).Scan(&id)
		if err != nil {
			return mapError(err)
		}
		if err := audit(ctx, tx, actor, "return.comment", "return", returnID, map[string]any{
			"comment_id": id, "task": c.About.Task, "entry_id": c.About.ID, "after": c.Body}); err != nil {
			return err
		}
	}
	return nil
}

// AddComment records a remark on a return.
func (s *Store) AddComment(ctx context.Context, actor domain.Actor, returnID int64, body string) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var id int64
		err := tx.QueryRow(ctx, `INSERT INTO return_comments (return_id, author_id, body) VALUES ($1, $2, $3) RETURNING id`,
			returnID, actor.UserID, body).Scan(&id)
		if err != nil {
			return mapError(err)
		}
		return audit(ctx, tx, actor, "return.comment", "return", returnID, map[string]any{"comment_id": id, "after": body})
	})
	if err != nil {
		return fmt.Errorf("comment on return %d: %w", returnID, err)
	}
	return nil
}

// Comments lists a return's comments, oldest first.
func (s *Store) Comments(ctx context.Context, returnID int64) ([]domain.Comment, error) {
	const q = `SELECT c.id, c.return_id, c.author_id, u.name, u.role, c.created_at, c.kind = 'send_back', c.body,
	       coalesce(c.task, ''), coalesce(c.entry_id, 0), c.entry_name
	FROM return_comments c JOIN users u ON u.id = c.author_id WHERE c.return_id = $1 ORDER BY c.created_at, c.id`
	rows, err := s.pool.Query(ctx, q, returnID)
	if err != nil {
		return nil, fmt.Errorf("comments on return %d: %w", returnID, err)
	}
	comments, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Comment, error) {
		var c domain.Comment
		var role string
		err := row.Scan(&c.ID, &c.ReturnID, &c.AuthorID, &c.AuthorName, &role, &c.CreatedAt, &c.SendBack, &c.Body,
			&c.About.Task, &c.About.ID, &c.About.Name)
		c.AuthorRole = domain.Role(role)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("comments on return %d: %w", returnID, err)
	}
	return comments, nil
}

// ReturnsOverview lists every active agency with its return's status for a period, in report order.
func (s *Store) ReturnsOverview(ctx context.Context, periodID int64) ([]domain.ReturnSummary, error) {
	// The items and objectives are counted for this period's returns only, not
	// for every return of every year.
	const q = `WITH r AS (SELECT id, agency_id, status, updated_at FROM returns WHERE period_id = $1),
	i AS (SELECT return_id, count(*) AS n FROM review_items WHERE return_id IN (SELECT id FROM r) GROUP BY return_id),
	o AS (SELECT return_id, count(*) AS n FROM objectives WHERE return_id IN (SELECT id FROM r) GROUP BY return_id)
	SELECT ` + agencyColumnsA + `, coalesce(r.status, 'not_started'), r.updated_at,
	       coalesce(i.n, 0), coalesce(o.n, 0)
	FROM agencies a
	LEFT JOIN r ON r.agency_id = a.id
	LEFT JOIN i ON i.return_id = r.id
	LEFT JOIN o ON o.return_id = r.id
	WHERE a.active OR r.id IS NOT NULL
	ORDER BY a.display_order, lower(a.name)`
	rows, err := s.pool.Query(ctx, q, periodID)
	if err != nil {
		return nil, fmt.Errorf("returns overview: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.ReturnSummary, error) {
		var rs domain.ReturnSummary
		var status string
		a := &rs.Agency
		err := row.Scan(&a.ID, &a.Name, &a.Slug, &a.ShortName, &a.Sector, &a.GroupName, &a.DisplayOrder,
			&a.Active, &a.CreatedAt, &a.UpdatedAt, &status, &rs.UpdatedAt, &rs.ItemCount, &rs.ObjCount)
		rs.Status = domain.ReturnStatus(status)
		return rs, err
	})
	if err != nil {
		return nil, fmt.Errorf("returns overview: %w", err)
	}
	return list, nil
}

// agencyColumnsA is agencyColumns for a query that names the agencies table "a".
const agencyColumnsA = `a.id, a.name, a.slug, a.short_name, a.sector, a.group_name, a.display_order, a.active, a.created_at, a.updated_at`
