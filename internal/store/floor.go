package store

import (
	"context"
	"fmt"
)

// Floor runs the cheapest real query there is, SELECT 1, through the same pool
// as every page: the load test's floor, against which page timings are compared.
func (s *Store) Floor(ctx context.Context) error {
	var one int
	if err := s.pool.QueryRow(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("floor query: %w", err)
	}
	return nil
}
