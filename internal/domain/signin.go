package domain

import "time"

// SignInLimits are the throttles on failed sign-ins within Window:
//   - PerPair failures for one email from one address lock that pair out, so
//     one person's typos elsewhere cannot lock the manager out;
//   - PerAddress failures from one address, whatever the emails, lock the address out;
//   - past SlowAfter failures for one email, from any addresses, each further
//     attempt waits a delay that doubles from a second up to MaxDelay, so guesses
//     spread across many addresses gain nothing.
type SignInLimits struct {
	Window     time.Duration
	PerPair    int
	PerAddress int
	SlowAfter  int
	MaxDelay   time.Duration
}

// SignInFailures are the failed sign-ins within the window that bear on one
// attempt: for its email and address, its address and its email.
type SignInFailures struct {
	ByPair, ByAddress, ByEmail int
	OldestPair, OldestAddress  time.Time // the first failure that still counts
	LastEmail                  time.Time // the latest failure for the email
}

// Allow decides whether an attempt may be tried at now, and if not, when it may.
func (l SignInLimits) Allow(f SignInFailures, now time.Time) (ok bool, retryAt time.Time) {
	switch {
	case f.ByPair >= l.PerPair:
		return false, f.OldestPair.Add(l.Window)
	case f.ByAddress >= l.PerAddress:
		return false, f.OldestAddress.Add(l.Window)
	}
	if delay := l.Delay(f.ByEmail); delay > 0 && now.Before(f.LastEmail.Add(delay)) {
		return false, f.LastEmail.Add(delay)
	}
	return true, time.Time{}
}

// Delay is how long after an email's latest failure its next attempt waits,
// given how many failures it has within the window.
func (l SignInLimits) Delay(failures int) time.Duration {
	if failures < l.SlowAfter {
		return 0
	}
	delay := time.Second
	for i := l.SlowAfter; i < failures && delay < l.MaxDelay; i++ {
		delay *= 2
	}
	return min(delay, l.MaxDelay)
}
