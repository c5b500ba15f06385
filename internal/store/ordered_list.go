package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// List is one ordered list: a table whose rows, entries of type T, belong to
// a parent (a return, a period, a key objective) in position order 1..n, each
// with a version so that a change made from a stale page is refused
// (domain.ErrStale). Every change runs in its own transaction, with its audit
// event, and holds the parent's list locked, so positions stay 1..n when two
// people add or move at once. The lists are declarations (lists.go); table and
// column names are constants, never user input.
type List[T any] struct {
	table  string // such as "review_items"
	entity string // the audit trail's name for an entry, such as "review_item"
	parent string // the column naming the parent, such as "return_id"
	// entry is the part every entry has: its id, position and version.
	entry func(*T) *domain.Entry
	// typed are the columns people type, written when an entry is added or
	// changed and named in its audit events.
	typed []column[T]
	// shown are further columns read with an entry, such as updated_at.
	shown []column[T]
	// aim, when set, is the field that tags the entry with one of the period's
	// strategic aims (setAim), in the table's aim_id.
	aim func(*T) *int64
	// open, when set, finds the parent of an entry about to change, inside the
	// change's transaction, and refuses the change when the parent may not
	// change (a return's lists: editableReturn). Otherwise the parent is p.ID.
	open func(ctx context.Context, tx pgx.Tx, actor domain.Actor, p Parent) (int64, error)
	// revise, when set, adjusts a change to the entry as it was saved.
	revise func(before, after *T)
	// keep, when set, refuses to remove an entry that must stay.
	keep func(before *T) error
}

// column is one column of a list's table with the field of T that holds it.
type column[T any] struct {
	name string
	of   func(*T) any // a pointer to the field
	once bool         // written when the entry is added, never changed
}

// Parent names the row a list's entries belong to when they change: a period
// or a key objective by its id, or a return by its period and agency, since
// adding its first entry starts it.
type Parent struct {
	ID             int64
	Period, Agency int64
}

// Under is the parent with id: a period, or a key objective.
func Under(id int64) Parent { return Parent{ID: id} }

// InReturn is the parent of a return's lists: the agency's return for the
// period, started when its first entry is added.
func InReturn(periodID, agencyID int64) Parent { return Parent{Period: periodID, Agency: agencyID} }

func (l *List[T]) tableName() string { return l.table }

// Entry is v's id, position and version.
func (l *List[T]) Entry(v *T) *domain.Entry { return l.entry(v) }

// columns are every column an entry is read from, over the table named t:
// the entry's id, position and version, what is typed, what is shown.
func (l *List[T]) columns() string {
	cols := []string{"t.id", "t.position", "t.version"}
	for _, c := range l.typed {
		cols = append(cols, "t."+c.name)
	}
	for _, c := range l.shown {
		cols = append(cols, "t."+c.name)
	}
	if l.aim != nil {
		cols = append(cols, "coalesce(t.aim_id, 0)")
	}
	return strings.Join(cols, ", ")
}

// fieldsJSON is SQL that makes the typed columns of the entry named alias a
// JSON array of [column, text] pairs, in the declaration's order: what a
// return's submission keeps of the entry (returnTasks).
func (l *List[T]) fieldsJSON(alias string) string {
	pairs := make([]string, len(l.typed))
	for i, c := range l.typed {
		pairs[i] = "jsonb_build_array('" + c.name + "', " + alias + "." + c.name + "::text)"
	}
	return "jsonb_build_array(" + strings.Join(pairs, ", ") + ")"
}

// dest are the fields of v that columns fill, in their order.
func (l *List[T]) dest(v *T) []any {
	e := l.entry(v)
	out := []any{&e.ID, &e.Position, &e.Version}
	for _, c := range l.typed {
		out = append(out, c.of(v))
	}
	for _, c := range l.shown {
		out = append(out, c.of(v))
	}
	if l.aim != nil {
		out = append(out, l.aim(v))
	}
	return out
}

// texts are what v holds of the typed columns, by column, for the audit
// trail; once columns only when withOnce.
func (l *List[T]) texts(v *T, withOnce bool) map[string]any {
	out := map[string]any{}
	for _, c := range l.typed {
		if withOnce || !c.once {
			out[c.name] = reflect.ValueOf(c.of(v)).Elem().Interface()
		}
	}
	return out
}

// All lists the entries of parents, in parent then position order.
func (l *List[T]) All(ctx context.Context, s *Store, parents ...int64) ([]T, error) {
	return l.query(ctx, s, parents, 0)
}

// Get finds one entry of parent.
func (l *List[T]) Get(ctx context.Context, s *Store, parent, id int64) (T, error) {
	out, err := l.query(ctx, s, []int64{parent}, id)
	if err != nil {
		var zero T
		return zero, err
	}
	if len(out) == 0 {
		var zero T
		return zero, fmt.Errorf("%s %d: %w", l.entity, id, domain.ErrNotFound)
	}
	return out[0], nil
}

// query lists the entries of parents; id, when not 0, picks one.
func (l *List[T]) query(ctx context.Context, s *Store, parents []int64, id int64) ([]T, error) {
	q := `SELECT ` + l.columns() + ` FROM ` + l.table + ` t
	      WHERE t.` + l.parent + ` = ANY($1) AND ($2 = 0 OR t.id = $2) ORDER BY t.` + l.parent + `, t.position`
	rows, err := s.pool.Query(ctx, q, parents, id)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", l.entity, err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (T, error) {
		var v T
		return v, row.Scan(l.dest(&v)...)
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", l.entity, err)
	}
	return out, nil
}

// change runs fn in a transaction once the parent is found and its list
// locked, wrapping any error with what was being done.
func (l *List[T]) change(ctx context.Context, s *Store, actor domain.Actor, p Parent, what string, fn func(tx pgx.Tx, parent int64) error) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		parent := p.ID
		if l.open != nil {
			var err error
			if parent, err = l.open(ctx, tx, actor, p); err != nil {
				return err
			}
		}
		if err := l.lock(ctx, tx, parent); err != nil {
			return err
		}
		return fn(tx, parent)
	})
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// lock serialises changes to one parent's list until tx ends.
func (l *List[T]) lock(ctx context.Context, tx pgx.Tx, parent int64) error {
	_, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, $2))`, l.table, parent)
	return err
}

// locked reads an entry of parent and locks its row inside tx, with the row
// as JSON for the audit trail of its removal.
func (l *List[T]) locked(ctx context.Context, tx pgx.Tx, parent, id int64) (T, map[string]any, error) {
	var v T
	var row map[string]any
	q := `SELECT ` + l.columns() + `, to_jsonb(t) - '` + l.parent + `' - 'updated_by' FROM ` + l.table + ` t
	      WHERE t.id = $1 AND t.` + l.parent + ` = $2 FOR UPDATE`
	err := tx.QueryRow(ctx, q, id, parent).Scan(append(l.dest(&v), &row)...)
	return v, row, mapError(err)
}

// Add appends v to the end of the parent's list and reports its id.
func (l *List[T]) Add(ctx context.Context, s *Store, actor domain.Actor, p Parent, v T) (int64, error) {
	var id int64
	err := l.change(ctx, s, actor, p, "add "+l.entity, func(tx pgx.Tx, parent int64) error {
		var err error
		if id, err = l.insert(ctx, tx, actor, parent, &v); err != nil {
			return err
		}
		return l.setAim(ctx, tx, actor, p, id, &v)
	})
	return id, err
}

// insert appends v to the end of the parent's list inside tx, with its audit event.
func (l *List[T]) insert(ctx context.Context, tx pgx.Tx, actor domain.Actor, parent int64, v *T) (int64, error) {
	cols, params := []string{l.parent, "position", "updated_by"}, []string{"$1", "(SELECT coalesce(max(position), 0) + 1 FROM " + l.table + " WHERE " + l.parent + " = $1)", "$2"}
	args := []any{parent, actor.UserID}
	for _, c := range l.typed {
		args = append(args, c.of(v))
		cols, params = append(cols, c.name), append(params, fmt.Sprintf("$%d", len(args)))
	}
	q := `INSERT INTO ` + l.table + ` (` + strings.Join(cols, ", ") + `) VALUES (` + strings.Join(params, ", ") + `) RETURNING id`
	var id int64
	if err := tx.QueryRow(ctx, q, args...).Scan(&id); err != nil {
		return 0, mapError(err)
	}
	return id, audit(ctx, tx, actor, l.entity+".create", l.entity, id, map[string]any{l.parent: parent, "after": l.texts(v, true)})
}

// Update saves v over entry id unless someone else saved the entry since
// version was read.
func (l *List[T]) Update(ctx context.Context, s *Store, actor domain.Actor, p Parent, id int64, version int, v T) error {
	return l.change(ctx, s, actor, p, fmt.Sprintf("update %s %d", l.entity, id), func(tx pgx.Tx, parent int64) error {
		before, _, err := l.locked(ctx, tx, parent, id)
		if err != nil {
			return err
		}
		if l.entry(&before).Version != version {
			return domain.ErrStale
		}
		if l.revise != nil {
			l.revise(&before, &v)
		}
		sets, args := []string{"version = version + 1", "updated_at = now()", "updated_by = $2"}, []any{id, actor.UserID}
		for _, c := range l.typed {
			if !c.once {
				args = append(args, c.of(&v))
				sets = append(sets, fmt.Sprintf("%s = $%d", c.name, len(args)))
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE `+l.table+` SET `+strings.Join(sets, ", ")+` WHERE id = $1`, args...); err != nil {
			return mapError(err)
		}
		if err := audit(ctx, tx, actor, l.entity+".update", l.entity, id, map[string]any{
			l.parent: parent, "changes": changes(l.texts(&before, false), l.texts(&v, false)),
		}); err != nil {
			return err
		}
		return l.setAim(ctx, tx, actor, p, id, &v)
	})
}

// Remove deletes entry id unless it changed since version was read, closing
// the gap in positions.
func (l *List[T]) Remove(ctx context.Context, s *Store, actor domain.Actor, p Parent, id int64, version int) error {
	return l.change(ctx, s, actor, p, fmt.Sprintf("remove %s %d", l.entity, id), func(tx pgx.Tx, parent int64) error {
		before, row, err := l.locked(ctx, tx, parent, id)
		if err != nil {
			return err
		}
		if l.keep != nil {
			if err := l.keep(&before); err != nil {
				return err
			}
		}
		if l.entry(&before).Version != version {
			return domain.ErrStale
		}
		if _, err := tx.Exec(ctx, `DELETE FROM `+l.table+` WHERE id = $1`, id); err != nil {
			return mapError(err)
		}
		if _, err := tx.Exec(ctx, `UPDATE `+l.table+` SET position = position - 1 WHERE `+l.parent+` = $1 AND position > $2`,
			parent, l.entry(&before).Position); err != nil {
			return err
		}
		return audit(ctx, tx, actor, l.entity+".remove", l.entity, id, map[string]any{l.parent: parent, "before": row})
	})
}

// errOnePlace refuses a move of more than one place.
var errOnePlace = errors.New("moves are one place at a time")

// Move moves entry id one place up (-1) or down (+1); at either end it does nothing.
func (l *List[T]) Move(ctx context.Context, s *Store, actor domain.Actor, p Parent, id int64, by int) error {
	what := fmt.Sprintf("move %s %d", l.entity, id)
	if by != -1 && by != 1 {
		return fmt.Errorf("%s by %d: %w", what, by, errOnePlace)
	}
	return l.change(ctx, s, actor, p, what, func(tx pgx.Tx, parent int64) error {
		var from int
		err := tx.QueryRow(ctx, `SELECT position FROM `+l.table+` WHERE id = $1 AND `+l.parent+` = $2 FOR UPDATE`, id, parent).Scan(&from)
		if err != nil {
			return mapError(err)
		}
		to := from + by
		// The unique position constraint is deferred, so the two rows can swap within the transaction.
		tag, err := tx.Exec(ctx, `UPDATE `+l.table+` SET position = $3 WHERE `+l.parent+` = $1 AND position = $2`, parent, to, from)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return nil // already first or last
		}
		if _, err := tx.Exec(ctx, `UPDATE `+l.table+` SET position = $2 WHERE id = $1`, id, to); err != nil {
			return err
		}
		return audit(ctx, tx, actor, l.entity+".move", l.entity, id, map[string]any{
			l.parent: parent, "changes": map[string]any{"position": map[string]any{"from": from, "to": to}},
		})
	})
}

// setAim tags an entry with one of the period's strategic aims (aim 0, or an
// aim not of the period, such as one removed meanwhile, leaves it untagged),
// with an audit event when the tag changes. Lists without an aim have nothing to do.
func (l *List[T]) setAim(ctx context.Context, tx pgx.Tx, actor domain.Actor, p Parent, id int64, v *T) error {
	if l.aim == nil {
		return nil
	}
	var from, to *int64
	err := tx.QueryRow(ctx, `WITH old AS (SELECT aim_id FROM `+l.table+` WHERE id = $1)
		UPDATE `+l.table+` SET aim_id = (SELECT a.id FROM report_aims a WHERE a.id = $2 AND a.period_id = $3)
		WHERE id = $1 RETURNING (SELECT aim_id FROM old), aim_id`, id, *l.aim(v), p.Period).Scan(&from, &to)
	if err != nil {
		return mapError(err)
	}
	if (from == nil) == (to == nil) && (from == nil || *from == *to) {
		return nil
	}
	return audit(ctx, tx, actor, l.entity+".aim", l.entity, id, map[string]any{"changes": map[string]any{"aim_id": map[string]any{"from": from, "to": to}}})
}
