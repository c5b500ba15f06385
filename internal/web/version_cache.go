package web

import (
	"context"
	"fmt"
	"sync"

	"golang.org/x/sync/singleflight"
)

// versioned keeps one value per key, built at a data version, and gives it out
// only at that version. A value built from queries run after reading version
// N is good for as long as the version is still N: any change committed since
// has moved it on, on every server (store.DataVersion). Requests that miss at
// once build the value once. Keys must be few (one per period and kind of
// reader, say): only the newest version of each is kept.
type versioned[K comparable, V any] struct {
	mu      sync.Mutex
	entries map[K]versionedEntry[V]
	builds  singleflight.Group
}

type versionedEntry[V any] struct {
	version int64
	value   V
}

// get is key's value at version, built by build when it is not kept. At
// version 0 (not known) it always builds and keeps nothing. The build runs on
// a context that outlives the request that started it, as others may wait for it.
func (c *versioned[K, V]) get(ctx context.Context, key K, version int64, build func(context.Context) (V, error)) (V, error) {
	if version == 0 {
		return build(ctx)
	}
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && e.version == version {
		return e.value, nil
	}
	v, err, _ := c.builds.Do(fmt.Sprintf("%v@%d", key, version), func() (any, error) {
		value, err := build(context.WithoutCancel(ctx))
		if err != nil {
			return value, err
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.entries == nil {
			c.entries = map[K]versionedEntry[V]{}
		}
		// A request that read an older version may finish last: keep the newest.
		if cur, ok := c.entries[key]; !ok || cur.version < version {
			c.entries[key] = versionedEntry[V]{version: version, value: value}
		}
		return value, nil
	})
	return v.(V), err
}

// peek is key's value if it is kept at version, without building it.
func (c *versioned[K, V]) peek(key K, version int64) (V, bool) {
	var zero V
	if version == 0 {
		return zero, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[key]; ok && e.version == version {
		return e.value, true
	}
	return zero, false
}
