package domain

// Entry is what every entry of an ordered list has besides what people type:
// its id, its place in the list (1, 2, 3…) and its version, which every change
// bumps so that a change made from a stale page is refused (ErrStale). Review
// items, objectives and the board's lists embed it.
type Entry struct {
	ID       int64
	Position int
	Version  int
}

func (e Entry) entry() Entry { return e }
