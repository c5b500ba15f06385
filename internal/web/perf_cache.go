package web

import (
	"context"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// A period's figures as section 4, the whole report and the data appendix read
// them (store.Performance: three queries, the slowest of any page), kept per
// data version, and read once per report build however many parts of the
// report need them: section 4's tables and every figure a text quotes.

// performance is the period's figures with their breakdowns: the ones a
// report build already started reading, or those kept at the request's data
// version, or read now. What it returns is shared: callers must not change it.
// With acceptedOnly (the manager's switch), only figures whose returns are
// accepted (store.PerformanceOptions.AcceptedOnly).
func (s *Server) performance(ctx context.Context, period domain.Period, acceptedOnly bool) (*store.Performance, error) {
	key := perfKey{period: period.ID, acceptedOnly: acceptedOnly}
	if f := futureOf(ctx, key); f != nil {
		return f.perf, f.err
	}
	return s.perfs.get(ctx, key, dataVersion(ctx), s.readPerformance(period, acceptedOnly))
}

// perfKey is what the figures kept are of.
type perfKey struct {
	period       int64
	acceptedOnly bool
}

func (s *Server) readPerformance(period domain.Period, acceptedOnly bool) func(context.Context) (*store.Performance, error) {
	return func(ctx context.Context) (*store.Performance, error) {
		return s.store.PerformanceWith(ctx, period, store.PerformanceOptions{AcceptedOnly: acceptedOnly})
	}
}

// keptPerformance is the period's figures (accepted ones only, or not) if a
// report build is reading them or they are kept at the request's data
// version, without reading them.
func (s *Server) keptPerformance(ctx context.Context, period domain.Period, acceptedOnly bool) (*store.Performance, bool) {
	key := perfKey{period: period.ID, acceptedOnly: acceptedOnly}
	if f := futureOf(ctx, key); f != nil {
		return f.perf, f.err == nil
	}
	return s.perfs.peek(key, dataVersion(ctx))
}

type perfFutureKey struct{}

// futureOf is the read of key's figures that ctx's report build started,
// once it is done, or nil when it started none.
func futureOf(ctx context.Context, key perfKey) *perfFuture {
	f, ok := ctx.Value(perfFutureKey{}).(*perfFuture)
	if !ok || f.key != key {
		return nil
	}
	<-f.done
	return f
}

// perfFuture is a read of a period's figures started ahead of need.
type perfFuture struct {
	key  perfKey
	done chan struct{}
	perf *store.Performance
	err  error
}

// readingPerformance starts reading the period's figures while the caller
// reads the rest of the report, and returns a context whose performance and
// references wait for that read rather than start another.
func (s *Server) readingPerformance(ctx context.Context, period domain.Period, acceptedOnly bool) context.Context {
	f := &perfFuture{key: perfKey{period: period.ID, acceptedOnly: acceptedOnly}, done: make(chan struct{})}
	version := dataVersion(ctx)
	go func() {
		defer close(f.done)
		f.perf, f.err = s.perfs.get(context.WithoutCancel(ctx), f.key, version, s.readPerformance(period, acceptedOnly))
	}()
	return context.WithValue(ctx, perfFutureKey{}, f)
}
