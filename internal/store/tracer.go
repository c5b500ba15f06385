package store

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// QueryCounter is a pgx query tracer that records every SQL statement a Store
// runs, so tests can hold a page to a number of queries instead of timing it.
type QueryCounter struct {
	mu    sync.Mutex
	sql   []string
	took  []time.Duration
	start map[*pgx.Conn]queryStart
}

type queryStart struct {
	at time.Time
	n  int
}

// TraceQueryStart records the statement; pgx calls it for every Query, QueryRow and Exec.
func (c *QueryCounter) TraceQueryStart(ctx context.Context, conn *pgx.Conn, data pgx.TraceQueryStartData) context.Context {
	c.mu.Lock()
	if c.start == nil {
		c.start = map[*pgx.Conn]queryStart{}
	}
	c.start[conn] = queryStart{at: time.Now(), n: len(c.sql)}
	c.sql = append(c.sql, data.SQL)
	c.took = append(c.took, 0)
	c.mu.Unlock()
	return ctx
}

// TraceQueryEnd notes how long the statement took, for a benchmark that
// wants to know where a page's time goes.
func (c *QueryCounter) TraceQueryEnd(_ context.Context, conn *pgx.Conn, _ pgx.TraceQueryEndData) {
	c.mu.Lock()
	if st, ok := c.start[conn]; ok && st.n < len(c.took) {
		c.took[st.n] = time.Since(st.at)
		delete(c.start, conn)
	}
	c.mu.Unlock()
}

// Took is how long each statement since the last Reset took, in the order
// of Queries (0 for one still running).
func (c *QueryCounter) Took() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.took...)
}

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
	c.sql, c.took = nil, nil
	c.start = nil
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
