package demo

import (
	"context"
	"fmt"

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
//   - CVS Medway's was sent back by the manager with returnedComment;
//   - the Youth Offending Team's is a draft its lead has not yet submitted;
//   - HMYOI Cookham Wood has not started: it gets no return at all.
var returnStatuses = map[string]domain.ReturnStatus{
	"cafcass":            domain.StatusSubmitted,
	"cvs-medway":         domain.StatusReturned,
	"medway-yot":         domain.StatusDraft,
	"hmyoi-cookham-wood": domain.StatusNotStarted,
}

// returnedComment is the manager's reason for sending CVS Medway's return back.
const returnedComment = "Thank you, this is nearly ready. The induction training item says 80 people from " +
	"voluntary and community organisations came to the 4 sessions, but not how many volunteers went on to " +
	"complete the core induction standards. Please add that figure, and what it was out of, so the board can " +
	"see how many people are better off, then submit the return again."

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
// An agency whose return already exists is left exactly as it is, so loading
// again changes nothing and keeps whatever was done in the demo since.
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
		want := statusOf(sr.Agency)
		if want == domain.StatusNotStarted {
			continue
		}
		ret, err := st.ReturnFor(ctx, periodID, agencyID)
		if err != nil {
			return err
		}
		if ret.ID != 0 {
			continue
		}
		lead, err := actorFor(ctx, st, "lead@"+sr.Agency+"."+emailDomain)
		if err != nil {
			return err
		}
		if err := addContent(ctx, st, lead, periodID, agencyID, sr); err != nil {
			return fmt.Errorf("demo return of %s: %w", sr.Agency, err)
		}
		if err := moveTo(ctx, st, lead, manager, periodID, agencyID, want); err != nil {
			return fmt.Errorf("demo return of %s: %w", sr.Agency, err)
		}
	}
	return nil
}

// addContent adds the seed's review items and objectives in order, as the lead.
func addContent(ctx context.Context, st *store.Store, lead domain.Actor, periodID, agencyID int64, sr seedReturn) error {
	for _, it := range sr.Items {
		f := store.ReviewItemFields{Title: it.Title, HowMuch: it.HowMuch, HowWell: it.HowWell, BetterOff: it.BetterOff}
		if _, err := st.AddReviewItem(ctx, lead, periodID, agencyID, f); err != nil {
			return fmt.Errorf("item %q: %w", it.Title, err)
		}
	}
	for _, o := range sr.Objectives {
		f := store.ObjectiveFields{Intend: o.Intend, Quantity: o.Quantity, Quality: o.Quality, Outcomes: o.Outcomes}
		if _, err := st.AddObjective(ctx, lead, periodID, agencyID, f); err != nil {
			return fmt.Errorf("objective %q: %w", o.Intend, err)
		}
	}
	return nil
}

// step is one change of a demo return's status.
type step struct {
	actor   domain.Actor
	action  domain.ReturnAction
	comment string
}

// moveTo takes a draft return to the status wanted: the lead submits it, then
// the manager accepts it or sends it back with returnedComment.
func moveTo(ctx context.Context, st *store.Store, lead, manager domain.Actor, periodID, agencyID int64, want domain.ReturnStatus) error {
	submit := step{lead, domain.ActionSubmit, ""}
	var steps []step
	switch want {
	case domain.StatusDraft:
	case domain.StatusSubmitted:
		steps = []step{submit}
	case domain.StatusReturned:
		steps = []step{submit, {manager, domain.ActionSendBack, returnedComment}}
	case domain.StatusAccepted:
		steps = []step{submit, {manager, domain.ActionAccept, ""}}
	default:
		return fmt.Errorf("no way to a demo return with status %q", want)
	}
	for _, s := range steps {
		// Each transition needs the version the return has now.
		ret, err := st.ReturnFor(ctx, periodID, agencyID)
		if err != nil {
			return err
		}
		if _, err := st.Transition(ctx, s.actor, ret.ID, ret.Version, s.action, s.comment); err != nil {
			return err
		}
	}
	return nil
}
