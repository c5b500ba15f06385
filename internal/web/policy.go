package web

import "safeboard/internal/domain"

// Action is something a user may try to do. Every route names the action it needs.
type Action string

// The actions of PRODUCT.md's roles table, as far as the product has built them.
const (
	// ActionViewHome is reading one's own home page; any signed-in user may.
	ActionViewHome Action = "view home"
	// ActionAdminister is managing agencies, users and periods: the manager only.
	ActionAdminister Action = "administer the board"
)

// Can is the one policy function: whether user may do action. A nil user may do nothing.
func Can(user *domain.User, action Action) bool {
	if user == nil || user.Disabled {
		return false
	}
	switch action {
	case ActionViewHome:
		return true
	case ActionAdminister:
		return user.Role == domain.RoleManager
	}
	return false
}
