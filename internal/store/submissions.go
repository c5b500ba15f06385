package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// LatestSubmissions are the return's last n submissions, oldest first, each
// with its entries in order as they were submitted (recordSubmission), in
// one query.
func (s *Store) LatestSubmissions(ctx context.Context, returnID int64, n int) ([]domain.Submission, error) {
	const q = `SELECT s.id, s.submitted_at, se.task, se.entry_id, se.version, se.name, se.fields
	FROM (SELECT id, return_id, submitted_at, entries FROM return_submissions WHERE return_id = $1 ORDER BY id DESC LIMIT $2) s
	LEFT JOIN LATERAL jsonb_array_elements(s.entries) WITH ORDINALITY AS e(entry, ord) ON true
	LEFT JOIN submitted_entries se ON se.return_id = s.return_id AND se.task = e.entry->>'task'
	      AND se.entry_id = (e.entry->>'id')::bigint AND se.version = (e.entry->>'version')::integer
	ORDER BY s.id, e.ord`
	rows, err := s.pool.Query(ctx, q, returnID, n)
	if err != nil {
		return nil, fmt.Errorf("submissions of return %d: %w", returnID, err)
	}
	var out []domain.Submission
	var id, last int64
	var at time.Time
	var task, name *string
	var entryID *int64
	var version *int
	var fields [][]string
	_, err = pgx.ForEachRow(rows, []any{&id, &at, &task, &entryID, &version, &name, &fields}, func() error {
		if id != last || len(out) == 0 {
			out = append(out, domain.Submission{At: at})
			last = id
		}
		if task == nil { // a submission with no entries
			return nil
		}
		e := domain.SubmittedEntry{Task: *task, ID: *entryID, Version: *version, Name: *name}
		for _, f := range fields {
			if len(f) == 2 {
				e.Fields = append(e.Fields, domain.Field{Name: f[0], Text: f[1]})
			}
		}
		out[len(out)-1].Entries = append(out[len(out)-1].Entries, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("submissions of return %d: %w", returnID, err)
	}
	return out, nil
}
