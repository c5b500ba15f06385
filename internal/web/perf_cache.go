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
func (s *Server) performance(ctx context.Context, period domain.Period) (*store.Performance, error) {
	if f, ok := ctx.Value(perfFutureKey{}).(*perfFuture); ok && f.period == period.ID {
		<-f.done
		return f.perf, f.err
	}
	return s.perfs.get(ctx, period.ID, dataVersion(ctx), func(ctx context.Context) (*store.Performance, error) {
		return s.store.Performance(ctx, period)
	})
}

// keptPerformance is the period's figures if a report build is reading them
// or they are kept at the request's data version, without reading them.
func (s *Server) keptPerformance(ctx context.Context, period domain.Period) (*store.Performance, bool) {
	if f, ok := ctx.Value(perfFutureKey{}).(*perfFuture); ok && f.period == period.ID {
		<-f.done
		return f.perf, f.err == nil
	}
	return s.perfs.peek(period.ID, dataVersion(ctx))
}

type perfFutureKey struct{}

// perfFuture is a read of a period's figures started ahead of need.
type perfFuture struct {
	period int64
	done   chan struct{}
	perf   *store.Performance
	err    error
}

// readingPerformance starts reading the period's figures while the caller
// reads the rest of the report, and returns a context whose performance and
// references wait for that read rather than start another.
func (s *Server) readingPerformance(ctx context.Context, period domain.Period) context.Context {
	f := &perfFuture{period: period.ID, done: make(chan struct{})}
	version := dataVersion(ctx)
	go func() {
		defer close(f.done)
		f.perf, f.err = s.perfs.get(context.WithoutCancel(ctx), period.ID, version, func(ctx context.Context) (*store.Performance, error) {
			return s.store.Performance(ctx, period)
		})
	}()
	return context.WithValue(ctx, perfFutureKey{}, f)
}
