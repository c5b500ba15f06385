package web

import (
	"context"

	"safeboard/internal/domain"
)

type contextKey int

const (
	userKey contextKey = iota
	requestInfoKey
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
