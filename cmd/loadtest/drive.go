package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// measurement is what one target's users saw inside the measured window.
type measurement struct {
	latencies []time.Duration // of successful requests
	errors    map[string]int  // failed requests by kind
}

// results are the measurements by target, and the window's real length.
type results struct {
	byTarget map[*target]*measurement
	window   time.Duration
}

// drive runs every user in a closed loop (request, read the whole page, request
// again) for warmup plus d. A request counts when it starts and ends inside the
// measured window; ones that straddle the window's edges are left out.
func drive(ctx context.Context, base string, users []*user, warmup, d time.Duration) results {
	start := time.Now().Add(warmup)
	end := start.Add(d)
	runCtx, cancel := context.WithDeadline(ctx, end)
	defer cancel()

	perUser := make([]measurement, len(users))
	var wg sync.WaitGroup
	for i, u := range users {
		wg.Go(func() {
			m := &perUser[i]
			m.errors = map[string]int{}
			for runCtx.Err() == nil {
				began := time.Now()
				status, err := get(runCtx, u.client, base, u.target.path)
				took := time.Since(began)
				if runCtx.Err() != nil || began.Before(start) {
					continue
				}
				switch {
				case err != nil:
					m.errors[err.Error()]++
				case status != 200:
					m.errors[fmt.Sprintf("status %d", status)]++
				default:
					m.latencies = append(m.latencies, took)
				}
			}
		})
	}
	wg.Wait()

	r := results{byTarget: map[*target]*measurement{}, window: d}
	for i, u := range users {
		m := r.byTarget[u.target]
		if m == nil {
			m = &measurement{errors: map[string]int{}}
			r.byTarget[u.target] = m
		}
		m.latencies = append(m.latencies, perUser[i].latencies...)
		for k, n := range perUser[i].errors {
			m.errors[k] += n
		}
	}
	return r
}
