package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// DemoChallenge is one challenge of the demo's log: raised, then answered
// and closed as far as the demo shows it, each step at a time of its own.
type DemoChallenge struct {
	Raiser    domain.Actor
	Challenge domain.NewChallenge
	RaisedAt  time.Time
	Answers   []DemoAnswer // in order; a later one revises the one before
	Closing   *DemoClosing // nil while the challenge is open or answered
}

// DemoAnswer is one version of a demo challenge's answer.
type DemoAnswer struct {
	Lead domain.Actor
	Body string
	At   time.Time
}

// DemoClosing is how a demo challenge was closed.
type DemoClosing struct {
	Chair domain.Actor
	domain.ChallengeClosing
	At time.Time
}

// LoadDemoChallenges adds the demo's challenges to a period's log, all in one
// transaction, writing the rows and audit events that RaiseChallenge,
// AnswerChallenge and CloseChallenge write, then dating each step. When the
// period has challenges already it changes nothing and reports false, so
// loading the demo again keeps what was done in it since.
func (s *Store) LoadDemoChallenges(ctx context.Context, periodID int64, list []DemoChallenge) (bool, error) {
	loaded := false
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		// Two loaders at once wait here; the second then finds the first's challenges.
		if _, err := tx.Exec(ctx, `SELECT id FROM periods WHERE id = $1 FOR UPDATE`, periodID); err != nil {
			return err
		}
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM challenges WHERE period_id = $1)`, periodID).Scan(&exists); err != nil || exists {
			return err
		}
		for i, dc := range list {
			if err := loadDemoChallenge(ctx, tx, periodID, dc); err != nil {
				return fmt.Errorf("challenge %d: %w", i+1, err)
			}
		}
		loaded = true
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("load demo challenges: %w", err)
	}
	return loaded, nil
}

func loadDemoChallenge(ctx context.Context, tx pgx.Tx, periodID int64, dc DemoChallenge) error {
	id, err := raiseChallenge(ctx, tx, dc.Raiser, periodID, dc.Challenge, dc.RaisedAt)
	if err != nil {
		return err
	}
	for _, a := range dc.Answers {
		if err := answerChallenge(ctx, tx, a.Lead, id, domain.ChallengeAnswerText{Body: a.Body}, a.At); err != nil {
			return err
		}
	}
	if dc.Closing != nil {
		return closeChallenge(ctx, tx, dc.Closing.Chair, id, dc.Closing.ChallengeClosing, dc.Closing.At)
	}
	return nil
}
