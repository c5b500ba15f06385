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
	// ActionViewReturnsOverview is the table of every agency's return status: manager and chair.
	ActionViewReturnsOverview Action = "view the returns overview"
	// ActionReadReport is reading the report's sections built from accepted returns: everyone signed in.
	ActionReadReport Action = "read the report"
	// ActionPreviewReport is seeing report sections with submitted returns included: the manager.
	ActionPreviewReport Action = "preview the report"
)

// Can is the one policy function for actions that concern no particular return.
// A nil or disabled user may do nothing.
func Can(user *domain.User, action Action) bool {
	if user == nil || user.Disabled {
		return false
	}
	switch action {
	case ActionViewHome, ActionReadReport:
		return true
	case ActionAdminister, ActionPreviewReport:
		return user.Role == domain.RoleManager
	case ActionViewReturnsOverview:
		return user.Role == domain.RoleManager || user.Role == domain.RoleChair
	}
	return false
}

// CanSeeReturn decides whether user may read one agency's return in its status.
// Leads see their own agency's return in any status and no other; the chair sees
// submitted and accepted returns; members see accepted ones; the manager sees all.
func CanSeeReturn(user *domain.User, agencyID int64, status domain.ReturnStatus) bool {
	if user == nil || user.Disabled {
		return false
	}
	switch user.Role {
	case domain.RoleManager:
		return true
	case domain.RoleLead:
		return user.AgencyID != nil && *user.AgencyID == agencyID
	case domain.RoleChair:
		return status == domain.StatusSubmitted || status == domain.StatusAccepted
	case domain.RoleMember:
		return status == domain.StatusAccepted
	}
	return false
}

// CanActOnReturn decides whether user may do action to one agency's return in
// its status, in a period that is open or closed: the role must allow it, the
// state machine must accept it, and an action that needs an open period
// (editing, submitting, sending back: domain.ReturnAction.NeedsOpenPeriod) is
// refused once the period has closed.
func CanActOnReturn(user *domain.User, action domain.ReturnAction, agencyID int64, status domain.ReturnStatus, periodOpen bool) bool {
	if !CanSeeReturn(user, agencyID, status) {
		return false
	}
	if _, err := domain.NextStatus(status, action); err != nil {
		return false
	}
	if action.NeedsOpenPeriod() && !periodOpen {
		return false
	}
	switch action {
	case domain.ActionEdit, domain.ActionSubmit:
		return user.Role == domain.RoleLead
	case domain.ActionAccept, domain.ActionSendBack, domain.ActionReopen:
		return user.Role == domain.RoleManager
	}
	return false
}

// CanComment decides whether user may comment on a return they can see: the manager and the chair.
func CanComment(user *domain.User, agencyID int64, status domain.ReturnStatus) bool {
	return CanSeeReturn(user, agencyID, status) &&
		(user.Role == domain.RoleManager || user.Role == domain.RoleChair) &&
		status != domain.StatusNotStarted
}
