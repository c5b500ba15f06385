package store

import (
	"context"
	"fmt"
	"time"

	"safeboard/internal/domain"
)

// ValueImport is an uploaded file of figures waiting for its preview and "apply".
type ValueImport struct {
	ID        int64
	UserID    int64
	Filename  string
	Content   []byte
	CreatedAt time.Time
}

// importLifetime is how long an uploaded file waits to be applied.
const importLifetime = "1 day"

// CreateImport keeps an uploaded file for its uploader, removing files left
// unapplied for over a day.
func (s *Store) CreateImport(ctx context.Context, userID int64, filename string, content []byte) (int64, error) {
	if _, err := s.pool.Exec(ctx, `DELETE FROM value_imports WHERE created_at < now() - $1::interval`, importLifetime); err != nil {
		return 0, fmt.Errorf("remove old imports: %w", err)
	}
	var id int64
	err := s.pool.QueryRow(ctx, `INSERT INTO value_imports (user_id, filename, content) VALUES ($1, $2, $3) RETURNING id`,
		userID, filename, content).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("keep import %q: %w", filename, mapError(err))
	}
	return id, nil
}

// Import finds an uploaded file, only for the user who uploaded it: anyone
// else, and a file over a day old, is domain.ErrNotFound.
func (s *Store) Import(ctx context.Context, id, userID int64) (*ValueImport, error) {
	var im ValueImport
	err := s.pool.QueryRow(ctx, `SELECT id, user_id, filename, content, created_at FROM value_imports
	                             WHERE id = $1 AND user_id = $2 AND created_at >= now() - $3::interval`, id, userID, importLifetime).
		Scan(&im.ID, &im.UserID, &im.Filename, &im.Content, &im.CreatedAt)
	if err != nil {
		return nil, fmt.Errorf("import %d: %w", id, mapError(err))
	}
	return &im, nil
}

// DeleteImport removes an uploaded file once it has been applied.
func (s *Store) DeleteImport(ctx context.Context, id, userID int64) error {
	if _, err := s.pool.Exec(ctx, `DELETE FROM value_imports WHERE id = $1 AND user_id = $2`, id, userID); err != nil {
		return fmt.Errorf("remove import %d: %w", id, err)
	}
	return nil
}

// ApplyImport saves an import's figures all or nothing (SaveValues) and
// removes the file, reporting how many cells changed.
func (s *Store) ApplyImport(ctx context.Context, actor domain.Actor, scope ValueScope, importID, userID int64, cells []domain.CellValue) (int, error) {
	n, err := s.SaveValues(ctx, actor, scope, cells)
	if err != nil {
		return 0, err
	}
	return n, s.DeleteImport(ctx, importID, userID)
}
