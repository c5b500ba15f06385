package web_test

import (
	"fmt"
	"testing"

	"safeboard/internal/domain"
	"safeboard/internal/web"
)

// policyUsers is one user of each role, the lead bound to agency 1, plus the
// cases every policy function must refuse.
func policyUsers() map[string]*domain.User {
	own := int64(1)
	return map[string]*domain.User{
		"manager":          {Role: domain.RoleManager},
		"chair":            {Role: domain.RoleChair},
		"member":           {Role: domain.RoleMember},
		"lead":             {Role: domain.RoleLead, AgencyID: &own},
		"disabled manager": {Role: domain.RoleManager, Disabled: true},
		"disabled lead":    {Role: domain.RoleLead, AgencyID: &own, Disabled: true},
		"nobody":           nil,
	}
}

func TestThePolicyShowsTheReviewHistoryAndCommentsToTheManagerAndChairOnly(t *testing.T) {
	t.Parallel()
	want := map[string]bool{"manager": true, "chair": true}
	for name, u := range policyUsers() {
		t.Run(fmt.Sprintf("a %s sees the history and comments on returns: %t", name, want[name]), func(t *testing.T) {
			if got := web.CanSeeReviewHistory(u); got != want[name] {
				t.Errorf("CanSeeReviewHistory: %t", got)
			}
			if got := web.CommentsOnReturns(u); got != want[name] {
				t.Errorf("CommentsOnReturns: %t", got)
			}
		})
	}
}

func TestThePolicyKnowsALeadByTheirAgency(t *testing.T) {
	t.Parallel()
	for name, u := range policyUsers() {
		for _, agency := range []int64{1, 2} {
			want := name == "lead" && agency == 1
			t.Run(fmt.Sprintf("a %s is the lead of agency %d: %t", name, agency, want), func(t *testing.T) {
				if got := web.IsAgencyLead(u, agency); got != want {
					t.Fatalf("got %t", got)
				}
			})
		}
		t.Run("a "+name+" enters a period through their own return only if a lead", func(t *testing.T) {
			id, ok := web.LeadAgency(u)
			if ok != (name == "lead") || (ok && id != 1) {
				t.Fatalf("got %d, %t", id, ok)
			}
		})
	}
}

func TestThePolicyShowsAnImportToTheManagerAndItsAgenciesLeadsAndLetsWhoeverAppliedItUndoIt(t *testing.T) {
	t.Parallel()
	users := policyUsers()
	users["lead"].ID, users["manager"].ID = 7, 9
	cases := []struct {
		user      string
		agencies  []int64
		appliedBy int64
		see, undo bool
	}{
		{"manager", []int64{2}, 7, true, true},
		{"manager", []int64{1}, 9, true, true},
		{"lead", []int64{1}, 7, true, true},
		{"lead", []int64{1, 2}, 9, true, false},
		{"lead", []int64{2}, 9, false, false},
		{"chair", []int64{1}, 7, false, false},
		{"member", []int64{1}, 7, false, false},
		{"disabled manager", []int64{1}, 7, false, false},
		{"disabled lead", []int64{1}, 7, false, false},
		{"nobody", []int64{1}, 7, false, false},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("a %s sees an import of agencies %v: %t, and undoes one user %d applied: %t", c.user, c.agencies, c.see, c.appliedBy, c.undo), func(t *testing.T) {
			if got := web.CanSeeImport(users[c.user], c.agencies); got != c.see {
				t.Errorf("CanSeeImport: %t", got)
			}
			if got := web.CanSeeImport(users[c.user], c.agencies) && web.CanUndoImport(users[c.user], c.appliedBy); got != c.undo {
				t.Errorf("CanUndoImport: %t", got)
			}
		})
	}
}

func TestThePolicyTellsAnOutOfDatePageFromAnActionTheUserMayNeverDo(t *testing.T) {
	t.Parallel()
	cases := []struct {
		user       string
		action     domain.ReturnAction
		agency     int64
		periodOpen bool
		want       bool
	}{
		{"manager", domain.ActionAccept, 1, true, true},
		{"manager", domain.ActionAccept, 1, false, true},
		{"manager", domain.ActionReopen, 2, false, true},
		{"manager", domain.ActionSendBack, 1, true, true},
		{"manager", domain.ActionSendBack, 1, false, false},
		{"chair", domain.ActionAccept, 1, true, false},
		{"chair", domain.ActionSendBack, 1, true, false},
		{"member", domain.ActionReopen, 1, true, false},
		{"lead", domain.ActionAccept, 1, true, false},
		{"lead", domain.ActionSubmit, 1, true, true},
		{"lead", domain.ActionSubmit, 2, true, false},
		{"lead", domain.ActionSubmit, 1, false, false},
		{"disabled manager", domain.ActionAccept, 1, true, false},
		{"nobody", domain.ActionAccept, 1, true, false},
	}
	users := policyUsers()
	for _, c := range cases {
		t.Run(fmt.Sprintf("a %s might %s agency %d's return with the period open %t: %t", c.user, c.action, c.agency, c.periodOpen, c.want), func(t *testing.T) {
			if got := web.MightActOnReturn(users[c.user], c.action, c.agency, c.periodOpen); got != c.want {
				t.Fatalf("got %t", got)
			}
		})
	}
}

// TestThePolicyDecidesWhoReadsAnswersAndClosesAChallenge is the challenge
// log's matrix: each user against a challenge to agency 1 or 2 in each
// status, raised by the chair or by the manager.
func TestThePolicyDecidesWhoReadsAnswersAndClosesAChallenge(t *testing.T) {
	t.Parallel()
	type rights struct{ see, answer, close bool }
	open, answered, closed := domain.ChallengeOpen, domain.ChallengeAnswered, domain.ChallengeClosed
	cases := []struct {
		user     string
		agency   int64
		status   domain.ChallengeStatus
		raisedBy domain.Role
		want     rights
	}{
		{"manager", 2, open, domain.RoleChair, rights{see: true}},
		{"manager", 2, answered, domain.RoleManager, rights{see: true, close: true}},
		{"manager", 2, closed, domain.RoleManager, rights{see: true}},
		{"chair", 2, open, domain.RoleChair, rights{see: true, close: true}},
		{"chair", 2, answered, domain.RoleManager, rights{see: true, close: true}},
		{"chair", 2, closed, domain.RoleChair, rights{see: true}},
		{"lead", 1, open, domain.RoleChair, rights{see: true, answer: true}},
		{"lead", 1, answered, domain.RoleChair, rights{see: true, answer: true}},
		{"lead", 1, closed, domain.RoleChair, rights{see: true}},
		{"lead", 2, open, domain.RoleChair, rights{}},
		{"lead", 2, closed, domain.RoleChair, rights{}},
		{"member", 1, open, domain.RoleChair, rights{}},
		{"member", 1, answered, domain.RoleChair, rights{}},
		{"member", 1, closed, domain.RoleChair, rights{see: true}},
		{"disabled manager", 1, answered, domain.RoleManager, rights{}},
		{"disabled lead", 1, open, domain.RoleChair, rights{}},
		{"nobody", 1, closed, domain.RoleChair, rights{}},
	}
	users := policyUsers()
	for _, c := range cases {
		t.Run(fmt.Sprintf("a %s and a %s challenge to agency %d raised by the %s: %+v", c.user, c.status, c.agency, c.raisedBy, c.want), func(t *testing.T) {
			u := users[c.user]
			got := rights{
				see:    web.CanSeeChallenge(u, c.agency, c.status),
				answer: web.CanAnswerChallenge(u, c.agency, c.status),
				close:  web.CanCloseChallenge(u, c.raisedBy, c.status),
			}
			if got != c.want {
				t.Fatalf("got %+v", got)
			}
		})
	}
}
