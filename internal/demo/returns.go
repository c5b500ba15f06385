package demo

import (
	"context"
	"fmt"
	"slices"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// returnStatuses is where each agency's 2009/10 demo return stands, so the demo
// shows every state a return can be in. Agencies not named here are accepted,
// among them the ones whose figures the report pages are checked by (Kent
// Police's 1,842 officers trained in DASH and 476 MARAC cases, and children's
// services' 2,675 referrals and "NI59 greater than 74%").
//
//   - CAFCASS has submitted its return, waiting for the manager;
//   - CVS Medway's was sent back by the manager with returnedComment, and
//     returnedOnItem beside its induction training item;
//   - the Youth Offending Team's is a draft its lead has not yet submitted;
//   - HMYOI Cookham Wood has not started: it gets no return at all.
var returnStatuses = map[string]domain.ReturnStatus{
	"cafcass":            domain.StatusSubmitted,
	"cvs-medway":         domain.StatusReturned,
	"medway-yot":         domain.StatusDraft,
	"hmyoi-cookham-wood": domain.StatusNotStarted,
}

// returnedComment is the manager's reason for sending CVS Medway's return
// back; returnedOnItem their comment on its induction training item, the
// first (returnedItem).
const (
	returnedComment = "Thank you, this is nearly ready. Please see my comment on the induction training item, " +
		"then submit the return again."
	returnedItem   = 0
	returnedOnItem = "This item says 80 people from voluntary and community organisations came to the 4 sessions, " +
		"but not how many volunteers went on to complete the core induction standards. Please add that figure, " +
		"and what it was out of, so the board can see how many people are better off."
)

// statusOf is the demo status of an agency's return.
func statusOf(slug string) domain.ReturnStatus {
	if s, ok := returnStatuses[slug]; ok {
		return s
	}
	return domain.StatusAccepted
}

// actorFor finds a demo user by email and makes them the actor of a change.
func actorFor(ctx context.Context, st *store.Store, email string) (domain.Actor, error) {
	u, err := st.UserByEmail(ctx, email)
	if err != nil {
		return domain.Actor{}, fmt.Errorf("demo user %s: %w", email, err)
	}
	return domain.UserActor(u), nil
}

// loadReturns adds each agency's return for the period from seedReturns, written
// by the agency's lead and moved to its demo status by the lead and the manager.
// Each return is added in one transaction, so a load that stops part-way leaves
// every agency with its whole return or none. An agency whose return already
// exists is left exactly as it is, so loading again changes nothing and keeps
// whatever was done in the demo since.
func loadReturns(ctx context.Context, st *store.Store, periodID int64, agencyIDs map[string]int64) error {
	manager, err := actorFor(ctx, st, "manager@"+emailDomain)
	if err != nil {
		return err
	}
	for _, sr := range seedReturns {
		agencyID, ok := agencyIDs[sr.Agency]
		if !ok {
			return fmt.Errorf("demo return for unknown agency %q", sr.Agency)
		}
		if _, err := loadReturn(ctx, st, manager, periodID, agencyID, sr, statusOf(sr.Agency)); err != nil {
			return err
		}
	}
	return nil
}

// loadReturn adds the agency's return from sr, taken to the status wanted,
// unless the agency has one already or is to have none (not started). It
// reports whether it added the return.
func loadReturn(ctx context.Context, st *store.Store, manager domain.Actor, periodID, agencyID int64, sr seedReturn, want domain.ReturnStatus) (bool, error) {
	if want == domain.StatusNotStarted {
		return false, nil
	}
	lead, err := actorFor(ctx, st, "lead@"+sr.Agency+"."+emailDomain)
	if err != nil {
		return false, err
	}
	steps, err := stepsTo(lead, manager, want)
	if err != nil {
		return false, fmt.Errorf("demo return of %s: %w", sr.Agency, err)
	}
	spec := store.DemoReturn{PeriodID: periodID, AgencyID: agencyID, Lead: lead, Steps: steps,
		Items: slices.Clone(sr.Items), Objectives: slices.Clone(sr.Objectives)}
	loaded, err := st.LoadDemoReturn(ctx, spec)
	if err != nil {
		return false, fmt.Errorf("demo return of %s: %w", sr.Agency, err)
	}
	return loaded, nil
}

// stepsTo are the changes that take a new draft return to the status wanted:
// the lead submits it, then the manager accepts it or sends it back with
// returnedComment and returnedOnItem.
func stepsTo(lead, manager domain.Actor, want domain.ReturnStatus) ([]store.DemoStep, error) {
	submit := store.DemoStep{Actor: lead, Action: domain.ActionSubmit}
	switch want {
	case domain.StatusDraft:
		return nil, nil
	case domain.StatusSubmitted:
		return []store.DemoStep{submit}, nil
	case domain.StatusReturned:
		return []store.DemoStep{submit, {Actor: manager, Action: domain.ActionSendBack, Comment: returnedComment,
			OnItems: []store.DemoItemComment{{Item: returnedItem, Body: returnedOnItem}}}}, nil
	case domain.StatusAccepted:
		return []store.DemoStep{submit, {Actor: manager, Action: domain.ActionAccept}}, nil
	}
	return nil, fmt.Errorf("no way to a demo return with status %q", want)
}
