package domain_test

import (
	"errors"
	"testing"

	"safeboard/internal/domain"
)

// TestTheStateMachineAnswersEveryStatusAndAction walks every (status, action)
// pair: the pairs listed move the return on; every other pair is refused.
func TestTheStateMachineAnswersEveryStatusAndAction(t *testing.T) {
	type pair struct {
		from   domain.ReturnStatus
		action domain.ReturnAction
	}
	allowed := map[pair]domain.ReturnStatus{
		{domain.StatusNotStarted, domain.ActionEdit}:    domain.StatusDraft,
		{domain.StatusDraft, domain.ActionEdit}:         domain.StatusDraft,
		{domain.StatusReturned, domain.ActionEdit}:      domain.StatusReturned,
		{domain.StatusDraft, domain.ActionSubmit}:       domain.StatusSubmitted,
		{domain.StatusReturned, domain.ActionSubmit}:    domain.StatusSubmitted,
		{domain.StatusSubmitted, domain.ActionAccept}:   domain.StatusAccepted,
		{domain.StatusSubmitted, domain.ActionSendBack}: domain.StatusReturned,
		{domain.StatusAccepted, domain.ActionReopen}:    domain.StatusSubmitted,
	}
	seen := 0
	for _, from := range domain.ReturnStatuses {
		for _, action := range domain.ReturnActions {
			t.Run(string(from)+"/"+string(action), func(t *testing.T) {
				got, err := domain.NextStatus(from, action)
				want, ok := allowed[pair{from, action}]
				if ok {
					seen++
					if err != nil || got != want {
						t.Fatalf("NextStatus(%s, %s) = %s, %v; want %s", from, action, got, err, want)
					}
					return
				}
				if !errors.Is(err, domain.ErrInvalidTransition) {
					t.Fatalf("NextStatus(%s, %s) = %s, %v; want ErrInvalidTransition", from, action, got, err)
				}
				if got != from {
					t.Fatalf("a refused %s moved the return from %s to %s", action, from, got)
				}
			})
		}
	}
	if seen != len(allowed) {
		t.Fatalf("walked %d of the %d allowed pairs: a status or action is missing from ReturnStatuses or ReturnActions", seen, len(allowed))
	}
}

func TestOnlyNotStartedDraftAndSentBackReturnsAreEditable(t *testing.T) {
	for _, s := range domain.ReturnStatuses {
		_, err := domain.NextStatus(s, domain.ActionEdit)
		if s.Editable() != (err == nil) {
			t.Errorf("%s: Editable() = %t but NextStatus(edit) error = %v", s, s.Editable(), err)
		}
	}
}
