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
	// ActionReadReport is reading the draft report's sections built from accepted
	// returns: the manager, the chair and members. A lead sees no other agency's
	// unpublished return, so reads only published reports (not built yet).
	ActionReadReport Action = "read the report"
	// ActionPreviewReport is seeing report sections with submitted returns included: the manager.
	ActionPreviewReport Action = "preview the report"
	// ActionViewDashboard is reading the dashboard of indicators and an
	// indicator's page: the manager, the chair and members.
	ActionViewDashboard Action = "view the dashboard"
	// ActionImportFigures is reaching the import of figures from a file: the
	// manager (for any agency) and leads (for their own: CanEnterFigures).
	ActionImportFigures Action = "import figures"
	// ActionEditReport is writing the board's own report content (cover,
	// business plan, aims, membership) and arranging the outline: the manager.
	ActionEditReport Action = "edit the report"
	// ActionEditOverview is drafting the report's overview: the manager and the chair.
	ActionEditOverview Action = "edit the report's overview"
	// ActionPublishReport is checking the report's readiness and publishing a version: the manager.
	ActionPublishReport Action = "publish the report"
	// ActionReadPublished is reading and downloading published versions of the report: every role.
	ActionReadPublished Action = "read published reports"
	// ActionReadChallenges is reading the challenge log: every role, each
	// reading only the challenges CanSeeChallenge shows them.
	ActionReadChallenges Action = "read the challenge log"
	// ActionRaiseChallenge is raising a challenge to an agency: the chair and the manager.
	ActionRaiseChallenge Action = "raise a challenge"
	// ActionChaseReturns is emailing the leads of every agency whose return is overdue: the manager.
	ActionChaseReturns Action = "chase overdue returns"
	// ActionChooseEmails is choosing the kinds of email one gets: every role.
	ActionChooseEmails Action = "choose one's emails"
)

// Can is the one policy function for actions that concern no particular return.
// A nil or disabled user may do nothing.
func Can(user *domain.User, action Action) bool {
	if user == nil || user.Disabled {
		return false
	}
	switch action {
	case ActionViewHome, ActionReadPublished, ActionReadChallenges, ActionChooseEmails:
		return true
	case ActionAdminister, ActionPreviewReport, ActionEditReport, ActionPublishReport, ActionChaseReturns:
		return user.Role == domain.RoleManager
	case ActionEditOverview, ActionRaiseChallenge:
		return isBoard(user)
	case ActionViewReturnsOverview:
		return isBoard(user)
	case ActionReadReport, ActionViewDashboard:
		return isBoard(user) || user.Role == domain.RoleMember
	case ActionImportFigures:
		return user.Role == domain.RoleManager || user.Role == domain.RoleLead
	}
	return false
}

// CanEnterFigures decides whether user may type or import figures for the
// indicators an agency owns, given the agency's return status in the period
// and whether the period is open: the agency's lead while they may edit the
// return (draft or sent back, period open), and the manager, who keeps the
// board's data, at any time.
func CanEnterFigures(user *domain.User, agencyID int64, status domain.ReturnStatus, periodOpen bool) bool {
	if user == nil || user.Disabled {
		return false
	}
	if user.Role == domain.RoleManager {
		return true
	}
	return CanActOnReturn(user, domain.ActionEdit, agencyID, status, periodOpen)
}

// CanSeeImport decides whether user may see an import of figures that changed
// the given agencies' figures: the manager, and the lead of any of them.
func CanSeeImport(user *domain.User, agencyIDs []int64) bool {
	if user == nil || user.Disabled {
		return false
	}
	if user.Role == domain.RoleManager {
		return true
	}
	for _, id := range agencyIDs {
		if IsAgencyLead(user, id) {
			return true
		}
	}
	return false
}

// CanUndoImport decides whether user may undo an import of figures applied
// by appliedBy: whoever applied it, and the manager. A lead must also be able
// to change the figures now (CanEnterFigures).
func CanUndoImport(user *domain.User, appliedBy int64) bool {
	if user == nil || user.Disabled {
		return false
	}
	return user.Role == domain.RoleManager || (user.Role == domain.RoleLead && user.ID == appliedBy)
}

// CanExportFigures decides whether user may download an agency's figures: the
// manager and the chair for any agency, a lead for their own.
func CanExportFigures(user *domain.User, agencyID int64) bool {
	return isBoard(user) || IsAgencyLead(user, agencyID)
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
		return IsAgencyLead(user, agencyID)
	case domain.RoleChair:
		return status == domain.StatusSubmitted || status == domain.StatusAccepted
	case domain.RoleMember:
		return status == domain.StatusAccepted
	}
	return false
}

// CanSeeChallenge decides whether user may read a challenge to an agency in
// its status: the manager and the chair every challenge; a lead their own
// agency's, in any status; a member the closed ones, as the report shows them.
func CanSeeChallenge(user *domain.User, agencyID int64, status domain.ChallengeStatus) bool {
	if user == nil || user.Disabled {
		return false
	}
	switch user.Role {
	case domain.RoleManager, domain.RoleChair:
		return true
	case domain.RoleLead:
		return IsAgencyLead(user, agencyID)
	case domain.RoleMember:
		return status == domain.ChallengeClosed
	}
	return false
}

// CanAnswerChallenge decides whether user may answer a challenge, or revise
// the answer: a lead of the agency that owes it, until it is closed.
func CanAnswerChallenge(user *domain.User, agencyID int64, status domain.ChallengeStatus) bool {
	_, err := domain.NextChallengeStatus(status, domain.ChallengeActionAnswer)
	return err == nil && IsAgencyLead(user, agencyID)
}

// CanCloseChallenge decides whether user may close a challenge raised by
// someone in raisedBy's role: the chair any challenge, since judging the
// answer is the independent chair's scrutiny; the manager only a challenge a
// manager raised, such as one about late or doubtful figures.
func CanCloseChallenge(user *domain.User, raisedBy domain.Role, status domain.ChallengeStatus) bool {
	if _, err := domain.NextChallengeStatus(status, domain.ChallengeActionClose); err != nil || user == nil || user.Disabled {
		return false
	}
	return user.Role == domain.RoleChair || (user.Role == domain.RoleManager && raisedBy == domain.RoleManager)
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
	return CanSeeReturn(user, agencyID, status) && CommentsOnReturns(user) && status != domain.StatusNotStarted
}

// CommentsOnReturns reports whether user's role comments on returns at all,
// whichever return and status: the manager and the chair. A comment posted by
// such a user on a return they can no longer see is shown back to them rather
// than lost (CanComment decides whether it is saved).
func CommentsOnReturns(user *domain.User) bool {
	return isBoard(user)
}

// CanSeeReviewHistory decides whether user may read a return's history of
// status changes (who submitted, sent back, accepted it and when): the manager
// and the chair, who run and oversee the review. Leads and members see the
// comments only.
func CanSeeReviewHistory(user *domain.User) bool {
	return isBoard(user)
}

// IsAgencyLead reports whether user is a lead of the agency: the one role that
// works on that agency's return, and is sent back to it, rather than refused,
// when a change can no longer be made.
func IsAgencyLead(user *domain.User, agencyID int64) bool {
	agency, ok := LeadAgency(user)
	return ok && agency == agencyID
}

// LeadAgency is the agency whose return is user's way into a reporting
// period: a lead's own agency. It reports false for everyone else, who reach
// a period through its page of links.
func LeadAgency(user *domain.User) (int64, bool) {
	if user == nil || user.Disabled || user.Role != domain.RoleLead || user.AgencyID == nil {
		return 0, false
	}
	return *user.AgencyID, true
}

// MightActOnReturn reports whether user's role lets them do action to the
// agency's return in some status, whatever its status now, in a period that is
// open or not as periodOpen says. It tells a manager whose page is out of date
// (told that the return changed) from anyone who may never do action here
// (refused), such as a send-back once the period has closed.
func MightActOnReturn(user *domain.User, action domain.ReturnAction, agencyID int64, periodOpen bool) bool {
	for _, status := range domain.ReturnStatuses {
		if CanActOnReturn(user, action, agencyID, status, periodOpen) {
			return true
		}
	}
	return false
}

// isBoard reports whether user runs or oversees the review of returns: the manager or the chair.
func isBoard(user *domain.User) bool {
	return user != nil && !user.Disabled && (user.Role == domain.RoleManager || user.Role == domain.RoleChair)
}
