package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// The chair's challenge log (issue 16). RaiseChallenge, AnswerChallenge and
// CloseChallenge are the only ways a challenge changes: each runs in one
// transaction with its audit event, and queues the email that tells people of
// the change (issue 17: raised to the agency's leads, answered to the chair and
// the raiser) in the outbox in the same transaction, so no email goes out for
// a change that was rolled back and none is lost for one that was kept.

// TargetInfo is what the store knows of a challenge's target: the words that
// name it, and the agency that owes the answer when the target decides it (a
// return and its items are one agency's), or the agency a form suggests (an
// indicator's owner) when the raiser chooses.
type TargetInfo struct {
	Label     string
	Agency    int64 // the agency the target belongs to; 0 when the raiser chooses
	Suggested int64 // the agency suggested when the raiser chooses
}

// rowQuerier is a pool or a transaction, for a query of one row.
type rowQuerier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// targetFinders find each kind of target in a period. A new kind of target
// is a finder here and a row of challenge_target_kinds.
var targetFinders = map[domain.TargetKind]func(ctx context.Context, q rowQuerier, periodID, id int64) (TargetInfo, error){
	domain.TargetAgency: func(ctx context.Context, q rowQuerier, _, id int64) (TargetInfo, error) {
		info := TargetInfo{Agency: id}
		err := q.QueryRow(ctx, `SELECT name FROM agencies WHERE id = $1`, id).Scan(&info.Label)
		return info, err
	},
	domain.TargetReturn: func(ctx context.Context, q rowQuerier, periodID, id int64) (TargetInfo, error) {
		var info TargetInfo
		err := q.QueryRow(ctx, `SELECT r.agency_id, 'Return for ' || p.label FROM returns r JOIN periods p ON p.id = r.period_id
			WHERE r.id = $1 AND r.period_id = $2`, id, periodID).Scan(&info.Agency, &info.Label)
		return info, err
	},
	domain.TargetReviewItem: func(ctx context.Context, q rowQuerier, periodID, id int64) (TargetInfo, error) {
		var info TargetInfo
		err := q.QueryRow(ctx, `SELECT r.agency_id, 'Review item: ' || i.title FROM review_items i JOIN returns r ON r.id = i.return_id
			WHERE i.id = $1 AND r.period_id = $2`, id, periodID).Scan(&info.Agency, &info.Label)
		return info, err
	},
	domain.TargetObjective: func(ctx context.Context, q rowQuerier, periodID, id int64) (TargetInfo, error) {
		var info TargetInfo
		err := q.QueryRow(ctx, `SELECT r.agency_id, 'Objective: ' || o.intend FROM objectives o JOIN returns r ON r.id = o.return_id
			WHERE o.id = $1 AND r.period_id = $2`, id, periodID).Scan(&info.Agency, &info.Label)
		return info, err
	},
	domain.TargetIndicator: func(ctx context.Context, q rowQuerier, _, id int64) (TargetInfo, error) {
		var info TargetInfo
		err := q.QueryRow(ctx, `SELECT code || ': ' || name, agency_id FROM indicators WHERE id = $1`, id).Scan(&info.Label, &info.Suggested)
		return info, err
	},
}

func findTarget(ctx context.Context, q rowQuerier, periodID int64, t domain.ChallengeTarget) (TargetInfo, error) {
	find, ok := targetFinders[t.Kind]
	if !ok {
		return TargetInfo{}, fmt.Errorf("challenge target %s: %w", t, domain.ErrNotFound)
	}
	info, err := find(ctx, q, periodID, t.ID)
	if err != nil {
		return TargetInfo{}, fmt.Errorf("challenge target %s: %w", t, mapError(err))
	}
	if r := []rune(info.Label); len(r) > 400 {
		info.Label = string(r[:399]) + "…"
	}
	return info, nil
}

// ChallengeTarget finds what a challenge in the period would be about; a
// target of another period, or none, is not found (domain.ErrNotFound).
func (s *Store) ChallengeTarget(ctx context.Context, periodID int64, t domain.ChallengeTarget) (TargetInfo, error) {
	return findTarget(ctx, s.pool, periodID, t)
}

// ErrWrongAgency means a challenge about a return or one of its items was
// addressed to an agency other than the return's.
var ErrWrongAgency = errors.New("a challenge about a return goes to the return's agency")

// RaiseChallenge adds a challenge to the period's log, raised now by actor,
// with an audit event. A target that decides the agency (a return, a review
// item, an agency) must agree with c.AgencyID (ErrWrongAgency).
func (s *Store) RaiseChallenge(ctx context.Context, actor domain.Actor, periodID int64, c domain.NewChallenge) (int64, error) {
	if actor.UserID == nil {
		return 0, fmt.Errorf("raise challenge: %w: only a signed-in user raises a challenge", domain.ErrForbidden)
	}
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) (err error) {
		if id, err = raiseChallenge(ctx, tx, actor, periodID, c, time.Time{}); err != nil {
			return err
		}
		return notifyChallengeRaised(ctx, tx, id)
	})
	if err != nil {
		return 0, fmt.Errorf("raise challenge: %w", err)
	}
	return id, nil
}

// raiseChallenge, answerChallenge and closeChallenge make their change in
// tx, at the time given (for the demo), or now when it is zero.
func raiseChallenge(ctx context.Context, tx pgx.Tx, actor domain.Actor, periodID int64, c domain.NewChallenge, at time.Time) (int64, error) {
	info, err := findTarget(ctx, tx, periodID, c.Target)
	if err != nil {
		return 0, err
	}
	if info.Agency != 0 && info.Agency != c.AgencyID {
		return 0, ErrWrongAgency
	}
	var id int64
	err = tx.QueryRow(ctx, `INSERT INTO challenges (period_id, agency_id, target_kind, target_id, target_label, question, respond_by, raised_by, raised_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9, now())) RETURNING id`,
		periodID, c.AgencyID, c.Target.Kind, c.Target.ID, info.Label, c.Question, c.RespondBy, *actor.UserID, orNow(at)).Scan(&id)
	if err != nil {
		return 0, mapError(err)
	}
	return id, audit(ctx, tx, actor, "challenge.raise", "challenge", id, map[string]any{
		"period_id": periodID, "agency_id": c.AgencyID, "target": c.Target.String(), "about": info.Label,
		"question": c.Question, "respond_by": c.RespondBy.Format(time.DateOnly),
	})
}

// AnswerChallenge adds the agency's answer, or a revision of it, to an open
// or answered challenge, unless it changed since version was read
// (domain.ErrStale) or was closed (domain.ErrChallengeClosed). Every version
// of the answer is kept.
func (s *Store) AnswerChallenge(ctx context.Context, actor domain.Actor, id int64, version int, a domain.ChallengeAnswerText) error {
	if actor.UserID == nil {
		return fmt.Errorf("answer challenge %d: %w", id, domain.ErrForbidden)
	}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if err := lockChallenge(ctx, tx, id, version, domain.ChallengeActionAnswer); err != nil {
			return err
		}
		if err := answerChallenge(ctx, tx, actor, id, a, time.Time{}); err != nil {
			return err
		}
		return notifyChallengeAnswered(ctx, tx, id, a.Body)
	})
	if err != nil {
		return fmt.Errorf("answer challenge %d: %w", id, err)
	}
	return nil
}

func answerChallenge(ctx context.Context, tx pgx.Tx, actor domain.Actor, id int64, a domain.ChallengeAnswerText, at time.Time) error {
	var revision int
	err := tx.QueryRow(ctx, `WITH added AS (INSERT INTO challenge_answers (challenge_id, body, answered_by, answered_at)
			VALUES ($1, $2, $3, coalesce($4, now())) RETURNING challenge_id)
		SELECT count(*) + 1 FROM challenge_answers WHERE challenge_id = $1`, id, a.Body, *actor.UserID, orNow(at)).Scan(&revision)
	if err != nil {
		return mapError(err)
	}
	if _, err := tx.Exec(ctx, `UPDATE challenges SET status = 'answered', answered_at = coalesce(answered_at, $2, now()), version = version + 1
		WHERE id = $1`, id, orNow(at)); err != nil {
		return mapError(err)
	}
	return audit(ctx, tx, actor, "challenge.answer", "challenge", id, map[string]any{"revision": revision, "answer": a.Body})
}

// CloseChallenge closes an open or answered challenge with an outcome and
// what changed as a result, unless it changed since version was read (such
// as an answer revised meanwhile: domain.ErrStale) or was closed already
// (domain.ErrChallengeClosed).
func (s *Store) CloseChallenge(ctx context.Context, actor domain.Actor, id int64, version int, c domain.ChallengeClosing) error {
	if actor.UserID == nil {
		return fmt.Errorf("close challenge %d: %w", id, domain.ErrForbidden)
	}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if err := lockChallenge(ctx, tx, id, version, domain.ChallengeActionClose); err != nil {
			return err
		}
		return closeChallenge(ctx, tx, actor, id, c, time.Time{})
	})
	if err != nil {
		return fmt.Errorf("close challenge %d: %w", id, err)
	}
	return nil
}

func closeChallenge(ctx context.Context, tx pgx.Tx, actor domain.Actor, id int64, c domain.ChallengeClosing, at time.Time) error {
	if _, err := tx.Exec(ctx, `UPDATE challenges SET status = 'closed', outcome = $2, what_changed = $3, closed_by = $4,
		closed_at = coalesce($5, now()), version = version + 1 WHERE id = $1`, id, c.Outcome, c.WhatChanged, *actor.UserID, orNow(at)); err != nil {
		return mapError(err)
	}
	return audit(ctx, tx, actor, "challenge.close", "challenge", id, map[string]any{"outcome": c.Outcome, "what_changed": c.WhatChanged})
}

// orNow is a time for a query that reads NULL as now.
func orNow(at time.Time) *time.Time {
	if at.IsZero() {
		return nil
	}
	return &at
}

// lockChallenge locks the challenge's row for a change, refusing it when the
// row moved on since version (domain.ErrStale) or the challenge's state
// refuses action (domain.NextChallengeStatus).
func lockChallenge(ctx context.Context, tx pgx.Tx, id int64, version int, action domain.ChallengeAction) error {
	var status domain.ChallengeStatus
	var current int
	if err := tx.QueryRow(ctx, `SELECT status, version FROM challenges WHERE id = $1 FOR UPDATE`, id).Scan(&status, &current); err != nil {
		return mapError(err)
	}
	if _, err := domain.NextChallengeStatus(status, action); err != nil {
		return err
	}
	if current != version {
		return domain.ErrStale
	}
	return nil
}

// londonDay is a moment's calendar day in the board's time zone, in SQL.
func londonDay(moment string) string { return `(` + moment + ` AT TIME ZONE 'Europe/London')::date` }

// challengeOverdue is the one rule for an overdue challenge: open (not yet
// answered) after its date to respond by has ended in London.
var challengeOverdue = `(c.status = 'open' AND c.respond_by < ` + londonDay("now()") + `)`

var challengeSelect = `SELECT c.id, c.period_id, p.slug, p.label, c.agency_id, a.name, a.slug, c.target_kind, c.target_id, c.target_label,
	coalesce(ind.code, ''), c.question, c.respond_by, c.raised_by, ru.name, ru.role, c.raised_at, c.status, c.answered_at,
	coalesce(c.outcome, ''), c.what_changed, coalesce(cu.name, ''), coalesce(cu.role, ''), c.closed_at, c.version,
	` + challengeOverdue + `,
	` + londonDay("c.answered_at") + ` - ` + londonDay("c.raised_at") + `,
	` + londonDay("c.closed_at") + ` - ` + londonDay("c.raised_at") + `,
	la.id, coalesce(la.body, ''), coalesce(la.name, ''), coalesce(la.role, ''), la.answered_at
	FROM challenges c
	JOIN periods p ON p.id = c.period_id
	JOIN agencies a ON a.id = c.agency_id
	JOIN users ru ON ru.id = c.raised_by
	LEFT JOIN users cu ON cu.id = c.closed_by
	LEFT JOIN indicators ind ON c.target_kind = 'indicator' AND ind.id = c.target_id
	LEFT JOIN LATERAL (SELECT ans.id, ans.body, au.name, au.role, ans.answered_at
		FROM challenge_answers ans JOIN users au ON au.id = ans.answered_by
		WHERE ans.challenge_id = c.id ORDER BY ans.id DESC LIMIT 1) la ON true`

func scanChallenge(row pgx.CollectableRow) (domain.Challenge, error) {
	var c domain.Challenge
	var raisedRole, closedRole, answerRole, outcome string
	var answerID *int64
	var answerAt *time.Time
	var answer domain.ChallengeAnswer
	err := row.Scan(&c.ID, &c.PeriodID, &c.PeriodSlug, &c.PeriodLabel, &c.AgencyID, &c.AgencyName, &c.AgencySlug,
		&c.Target.Kind, &c.Target.ID, &c.TargetLabel, &c.TargetCode, &c.Question, &c.RespondBy,
		&c.RaisedBy, &c.RaisedByName, &raisedRole, &c.RaisedAt, &c.Status, &c.AnsweredAt,
		&outcome, &c.WhatChanged, &c.ClosedByName, &closedRole, &c.ClosedAt, &c.Version,
		&c.Overdue, &c.DaysToAnswer, &c.DaysToClose,
		&answerID, &answer.Body, &answer.ByName, &answerRole, &answerAt)
	c.RaisedByRole, c.ClosedByRole, c.Outcome = domain.Role(raisedRole), domain.Role(closedRole), domain.ChallengeOutcome(outcome)
	if answerID != nil && answerAt != nil {
		answer.ID, answer.ByRole, answer.Answered = *answerID, domain.Role(answerRole), *answerAt
		c.Answer = &answer
	}
	return c, err
}

// ChallengeQuery chooses challenges from the log. Its zero value is every challenge.
type ChallengeQuery struct {
	PeriodID int64                    // 0 for every period
	AgencyID int64                    // 0 for every agency
	Statuses []domain.ChallengeStatus // none for every status
	Overdue  bool                     // only the overdue ones
	Target   *domain.ChallengeTarget  // only those about this target
	// ByAgency lists them in the agencies' order, each agency's as raised,
	// as the report does; otherwise by status and the date to respond by.
	ByAgency bool
}

// Challenges lists the challenges q chooses, each with its latest answer:
// the open ones first, then the answered, then the closed, each by the date
// to respond by.
func (s *Store) Challenges(ctx context.Context, q ChallengeQuery) ([]domain.Challenge, error) {
	statuses := make([]string, len(q.Statuses))
	for i, st := range q.Statuses {
		statuses[i] = string(st)
	}
	var kind string
	var target int64
	if q.Target != nil {
		kind, target = string(q.Target.Kind), q.Target.ID
	}
	rows, err := s.pool.Query(ctx, challengeSelect+`
		WHERE ($1 = 0 OR c.period_id = $1) AND ($2 = 0 OR c.agency_id = $2)
		  AND (cardinality($3::text[]) = 0 OR c.status = ANY ($3::text[]))
		  AND (NOT $4 OR `+challengeOverdue+`)
		  AND ($5 = '' OR (c.target_kind = $5 AND c.target_id = $6))
		ORDER BY CASE WHEN $7 THEN a.display_order END, CASE WHEN $7 THEN c.raised_at END,
			array_position(ARRAY['open', 'answered', 'closed'], c.status), c.respond_by, c.id`,
		q.PeriodID, q.AgencyID, statuses, q.Overdue, kind, target, q.ByAgency)
	if err != nil {
		return nil, fmt.Errorf("challenges: %w", err)
	}
	list, err := pgx.CollectRows(rows, scanChallenge)
	if err != nil {
		return nil, fmt.Errorf("challenges: %w", err)
	}
	return list, nil
}

// Challenge finds one challenge with its latest answer.
func (s *Store) Challenge(ctx context.Context, id int64) (*domain.Challenge, error) {
	rows, err := s.pool.Query(ctx, challengeSelect+` WHERE c.id = $1`, id)
	if err != nil {
		return nil, fmt.Errorf("challenge %d: %w", id, err)
	}
	c, err := pgx.CollectExactlyOneRow(rows, scanChallenge)
	if err != nil {
		return nil, fmt.Errorf("challenge %d: %w", id, mapError(err))
	}
	return &c, nil
}

// ChallengeAnswers lists every version of a challenge's answer, oldest first.
func (s *Store) ChallengeAnswers(ctx context.Context, id int64) ([]domain.ChallengeAnswer, error) {
	rows, err := s.pool.Query(ctx, `SELECT ans.id, ans.body, u.name, u.role, ans.answered_at
		FROM challenge_answers ans JOIN users u ON u.id = ans.answered_by WHERE ans.challenge_id = $1 ORDER BY ans.id`, id)
	if err != nil {
		return nil, fmt.Errorf("answers to challenge %d: %w", id, err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.ChallengeAnswer, error) {
		var a domain.ChallengeAnswer
		var role string
		err := row.Scan(&a.ID, &a.Body, &a.ByName, &role, &a.Answered)
		a.ByRole = domain.Role(role)
		return a, err
	})
	if err != nil {
		return nil, fmt.Errorf("answers to challenge %d: %w", id, err)
	}
	return list, nil
}

// ChallengeCounts counts the period's challenges: the closed ones by outcome, and those not yet closed.
func (s *Store) ChallengeCounts(ctx context.Context, periodID int64) (domain.ChallengeCounts, error) {
	counts := domain.ChallengeCounts{ByOutcome: map[domain.ChallengeOutcome]int{}}
	rows, err := s.pool.Query(ctx, `SELECT coalesce(outcome, ''), count(*) FROM challenges WHERE period_id = $1 GROUP BY outcome`, periodID)
	if err != nil {
		return counts, fmt.Errorf("challenge counts: %w", err)
	}
	var outcome string
	var n int
	_, err = pgx.ForEachRow(rows, []any{&outcome, &n}, func() error {
		if outcome == "" {
			counts.NotClosed = n
		} else {
			counts.ByOutcome[domain.ChallengeOutcome(outcome)] = n
		}
		return nil
	})
	if err != nil {
		return counts, fmt.Errorf("challenge counts: %w", err)
	}
	return counts, nil
}
