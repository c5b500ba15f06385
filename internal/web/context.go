package web

import (
	"context"

	"safeboard/internal/domain"
)

type contextKey int

const (
	userKey contextKey = iota
	requestInfoKey
	dataVersionKey
)

// requestInfo is filled in as a request passes through the middleware, for the request log.
type requestInfo struct {
	userID int64
}

func withUser(ctx context.Context, u *domain.User) context.Context {
	if info, ok := ctx.Value(requestInfoKey).(*requestInfo); ok {
		info.userID = u.ID
	}
	return context.WithValue(ctx, userKey, u)
}

// currentUser is the signed-in user, or nil.
func currentUser(ctx context.Context) *domain.User {
	u, _ := ctx.Value(userKey).(*domain.User)
	return u
}

// withDataVersion keeps the data version read with the session (store.ReadSession).
func withDataVersion(ctx context.Context, v int64) context.Context {
	return context.WithValue(ctx, dataVersionKey, v)
}

// dataVersion is the data version read before the request's own queries, or 0
// when none was read (no session): what a page built now may be cached under.
func dataVersion(ctx context.Context) int64 {
	v, _ := ctx.Value(dataVersionKey).(int64)
	return v
}
