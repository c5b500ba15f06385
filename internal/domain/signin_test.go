package domain

import (
	"testing"
	"time"
)

func TestSignInLimitsAllow(t *testing.T) {
	l := SignInLimits{Window: 15 * time.Minute, PerPair: 5, PerAddress: 20, SlowAfter: 5, MaxDelay: 2 * time.Minute}
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	ago := func(d time.Duration) time.Time { return now.Add(-d) }
	cases := []struct {
		name    string
		f       SignInFailures
		ok      bool
		retryAt time.Time
	}{
		{"a first attempt goes ahead", SignInFailures{}, true, time.Time{}},
		{"five failures of one email from one address lock that pair",
			SignInFailures{ByPair: 5, ByAddress: 5, ByEmail: 5, OldestPair: ago(10 * time.Minute), LastEmail: ago(time.Hour)}, false, now.Add(5 * time.Minute)},
		{"five failures of one email from elsewhere only slow it, a second after the last",
			SignInFailures{ByPair: 0, ByAddress: 0, ByEmail: 5, LastEmail: ago(500 * time.Millisecond)}, false, now.Add(500 * time.Millisecond)},
		{"and once the delay has passed, it goes ahead",
			SignInFailures{ByEmail: 5, LastEmail: ago(2 * time.Second)}, true, time.Time{}},
		{"the delay doubles with each failure",
			SignInFailures{ByEmail: 8, LastEmail: ago(7 * time.Second)}, false, now.Add(time.Second)},
		{"up to its most",
			SignInFailures{ByEmail: 40, LastEmail: ago(time.Minute)}, false, now.Add(time.Minute)},
		{"twenty failures from one address lock it, whatever the emails",
			SignInFailures{ByAddress: 20, OldestAddress: ago(14 * time.Minute)}, false, now.Add(time.Minute)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ok, retryAt := l.Allow(c.f, now)
			if ok != c.ok || !retryAt.Equal(c.retryAt) {
				t.Errorf("Allow = %t, %v; want %t, %v", ok, retryAt, c.ok, c.retryAt)
			}
		})
	}
}
