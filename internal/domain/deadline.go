package domain

import (
	"sync"
	"time"
)

// London is the board's time zone, in which deadlines fall and times are shown.
// It is loaded once; where the system has no time zone database it is UTC.
var London = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.UTC
	}
	return loc
})

// ReturnOverdue reports whether a return in status is overdue at now: the
// period's deadline day has ended in London and the return is neither
// submitted nor accepted. A period without a deadline has no overdue returns,
// nor has a closed one: its returns are final, and one never submitted is
// shown as it stands, not chased.
func (p Period) ReturnOverdue(status ReturnStatus, now time.Time) bool {
	if p.Deadline == nil || !p.IsOpen || status == StatusSubmitted || status == StatusAccepted {
		return false
	}
	y, m, d := p.Deadline.Date()
	return !now.Before(time.Date(y, m, d+1, 0, 0, 0, 0, London()))
}
