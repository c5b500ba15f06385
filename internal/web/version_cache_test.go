package web

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestAVersionedValueIsBuiltOnceAndServedOnlyAtItsVersion(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var c versioned[string, int]
	var builds atomic.Int32
	build := func(v int) func(context.Context) (int, error) {
		return func(context.Context) (int, error) {
			builds.Add(1)
			return v, nil
		}
	}

	// Requests that miss together build once: the build waits until all have asked.
	release := make(chan struct{})
	slow := func(context.Context) (int, error) {
		<-release
		builds.Add(1)
		return 70, nil
	}
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if got, err := c.get(ctx, "2009-10", 7, slow); err != nil || got != 70 {
				t.Errorf("got %d, %v; want 70", got, err)
			}
		})
	}
	time.Sleep(100 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := builds.Load(); n != 1 {
		t.Errorf("%d builds for 20 requests at one version, want 1", n)
	}
	builds.Store(0)
	if got, _ := c.get(ctx, "2009-10", 7, build(0)); got != 70 || builds.Load() != 0 {
		t.Errorf("at the same version: %d after %d builds, want the kept 70 and none", got, builds.Load())
	}
	if got, _ := c.get(ctx, "2009-10", 8, build(80)); got != 80 {
		t.Errorf("at a newer version: %d, want a new build", got)
	}
	// A request that read an older version builds for itself and keeps nothing.
	if got, _ := c.get(ctx, "2009-10", 7, build(71)); got != 71 {
		t.Errorf("at an older version: %d, want its own build", got)
	}
	builds.Store(0)
	if got, _ := c.get(ctx, "2009-10", 8, build(0)); got != 80 || builds.Load() != 0 {
		t.Errorf("the newer value was not kept: %d after %d builds", got, builds.Load())
	}
	// Nothing is kept at version 0 (unknown), nor after a failed build.
	builds.Store(0)
	c.get(ctx, "2010-11", 0, build(1))
	c.get(ctx, "2010-11", 0, build(2))
	if builds.Load() != 2 {
		t.Errorf("%d builds at version 0, want one each time", builds.Load())
	}
	failed := errors.New("no database")
	if _, err := c.get(ctx, "2010-11", 9, func(context.Context) (int, error) { return 0, failed }); !errors.Is(err, failed) {
		t.Errorf("a failed build: %v", err)
	}
	if got, _ := c.get(ctx, "2010-11", 9, build(90)); got != 90 {
		t.Errorf("after a failed build: %d, want 90", got)
	}
}
