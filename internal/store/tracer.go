package store

import (
	"context"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// QueryCounter is a pgx query tracer that records every SQL statement a Store
// runs, so tests can hold a page to a number of queries instead of timing it.
type QueryCounter struct {
	mu  sync.Mutex
	sql []string
}

// TraceQueryStart records the statement; pgx calls it for every Query, QueryRow and Exec.
func (c *QueryCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, data pgx.TraceQueryStartData) context.Context {
	c.mu.Lock()
	c.sql = append(c.sql, data.SQL)
	c.mu.Unlock()
	return ctx
}

// TraceQueryEnd does nothing: only the number of statements matters.
func (c *QueryCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// Count is the number of statements run since the last Reset.
func (c *QueryCounter) Count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.sql)
}

// Queries are the statements run since the last Reset, in order.
func (c *QueryCounter) Queries() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.sql...)
}

// Reset starts counting again from zero.
func (c *QueryCounter) Reset() {
	c.mu.Lock()
	c.sql = nil
	c.mu.Unlock()
}

// OpenCounting is Open with a QueryCounter watching every statement.
func OpenCounting(ctx context.Context, url string) (*Store, *QueryCounter, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, nil, fmt.Errorf("parse DATABASE_URL: %w", err)
	}
	sizePool(cfg, url)
	counter := &QueryCounter{}
	cfg.ConnConfig.Tracer = counter
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("connect to database: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, nil, fmt.Errorf("connect to database: %w", err)
	}
	return &Store{pool: pool}, counter, nil
}
