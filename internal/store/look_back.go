package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// Last year's objectives, answered: in a period started from the one before
// it (StartYearFrom), each agency's return looks back on the objectives its
// return of that period set, and the board's review of its business plan on
// the objectives its strategic aims set for the coming year. Each answer is
// an entry of an ordered list (ObjectiveReviewList, AimObjectiveReviewList)
// whose id is the objective's, so the answer to an objective is one address
// before and after it is first saved. Nobody adds, removes or moves an
// answer: an answer's row is made, unanswered, when the first answer of its
// list is saved; until then it reads as version 1 with no status.

// ObjectiveReviewList is an agency's answers, in a return, to last year's
// objectives: changing one starts the return when needed and is refused once
// the return can no longer change, as a review item is.
var ObjectiveReviewList = &List[domain.ObjectiveReview]{
	table: "objective_reviews", entity: "objective_review", parent: "return_id",
	entry: func(o *domain.ObjectiveReview) *domain.Entry { return &o.Entry },
	typed: resultColumns(func(o *domain.ObjectiveReview) *domain.ObjectiveResult { return &o.ObjectiveResult }),
	shown: []column[domain.ObjectiveReview]{
		{name: "return_id", of: func(o *domain.ObjectiveReview) any { return &o.ReturnID }},
	},
	open: inReturnLookingBack,
}

// AimObjectiveReviewList is the board's answers, in a period, to the
// objectives its strategic aims set last year for the coming year.
var AimObjectiveReviewList = &List[domain.AimObjectiveReview]{
	table: "report_aim_objective_reviews", entity: "report_aim_objective_review", parent: "period_id",
	entry: func(o *domain.AimObjectiveReview) *domain.Entry { return &o.Entry },
	typed: resultColumns(func(o *domain.AimObjectiveReview) *domain.ObjectiveResult { return &o.ObjectiveResult }),
	open:  inPeriodLookingBack,
}

// resultColumns are the columns of an answer, held by result of T.
func resultColumns[T any](result func(*T) *domain.ObjectiveResult) []column[T] {
	return []column[T]{
		{name: "status", of: func(v *T) any { return &result(v).Status }},
		{name: "how_much", of: func(v *T) any { return &result(v).HowMuch }},
		{name: "how_well", of: func(v *T) any { return &result(v).HowWell }},
		{name: "better_off", of: func(v *T) any { return &result(v).BetterOff }},
	}
}

// inReturnLookingBack is the parent of an agency's answers: the return,
// found or started and refused unless it may change (editableReturn), with
// a row for each objective of last year still to answer.
func inReturnLookingBack(ctx context.Context, tx pgx.Tx, actor domain.Actor, p Parent) (int64, error) {
	id, err := editableReturn(ctx, tx, actor, p.Period, p.Agency)
	if err != nil {
		return 0, err
	}
	// editableReturn locked the return's row, so no one else adds these meanwhile.
	const q = `INSERT INTO objective_reviews (id, return_id, position)
	SELECT o.id, r.id, coalesce((SELECT max(position) FROM objective_reviews WHERE return_id = r.id), 0)
	                   + row_number() OVER (ORDER BY o.position)
	  FROM returns r
	  JOIN periods p ON p.id = r.period_id
	  JOIN returns pr ON pr.period_id = p.carried_from AND pr.agency_id = r.agency_id AND pr.status <> 'draft'
	  JOIN objectives o ON o.return_id = pr.id
	 WHERE r.id = $1 AND NOT EXISTS (SELECT 1 FROM objective_reviews v WHERE v.id = o.id)
	ON CONFLICT (id) DO NOTHING`
	if _, err := tx.Exec(ctx, q, id); err != nil {
		return 0, fmt.Errorf("answers to last year's objectives: %w", err)
	}
	return id, nil
}

// inPeriodLookingBack is the parent of the board's answers: the period, with
// a row for each objective of last year still to answer.
func inPeriodLookingBack(ctx context.Context, tx pgx.Tx, _ domain.Actor, p Parent) (int64, error) {
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('report_aim_objective_reviews', $1))`, p.ID); err != nil {
		return 0, err
	}
	const q = `INSERT INTO report_aim_objective_reviews (id, period_id, position)
	SELECT o.id, p.id, coalesce((SELECT max(position) FROM report_aim_objective_reviews WHERE period_id = p.id), 0)
	                   + row_number() OVER (ORDER BY a.position, o.position)
	  FROM periods p
	  JOIN report_aims a ON a.period_id = p.carried_from
	  JOIN report_aim_objectives o ON o.aim_id = a.id
	 WHERE p.id = $1 AND NOT EXISTS (SELECT 1 FROM report_aim_objective_reviews v WHERE v.id = o.id)
	ON CONFLICT (id) DO NOTHING`
	if _, err := tx.Exec(ctx, q, p.ID); err != nil {
		return 0, fmt.Errorf("answers to the board's objectives of last year: %w", err)
	}
	return p.ID, nil
}

// lookBackSQL reads the objectives the returns of period $1 look back on,
// with their answers: each objective of the agencies' returns in the period
// it was started from, unless that return was never submitted (a draft). $2
// picks an agency and $3 an objective (0 for all); $4, when not null, keeps
// the agencies whose return in period $1 has one of those statuses.
const lookBackSQL = `
SELECT pr.agency_id, o.id, o.position, coalesce(v.version, 1), coalesce(v.return_id, 0),
       o.intend, o.quantity, o.quality, o.outcomes,
       coalesce(v.status, ''), coalesce(v.how_much, ''), coalesce(v.how_well, ''), coalesce(v.better_off, '')
  FROM periods p
  JOIN returns pr ON pr.period_id = p.carried_from AND pr.status <> 'draft'
  JOIN objectives o ON o.return_id = pr.id
  LEFT JOIN objective_reviews v ON v.id = o.id
 WHERE p.id = $1 AND ($2 = 0 OR pr.agency_id = $2) AND ($3 = 0 OR o.id = $3)
   AND ($4::text[] IS NULL OR EXISTS (SELECT 1 FROM returns r WHERE r.period_id = p.id AND r.agency_id = pr.agency_id AND r.status = ANY ($4)))
 ORDER BY pr.agency_id, o.position`

// lookBack reads lookBackSQL, by agency.
func (s *Store) lookBack(ctx context.Context, periodID, agencyID, objectiveID int64, statuses []string) (map[int64][]domain.ObjectiveReview, error) {
	rows, err := s.pool.Query(ctx, lookBackSQL, periodID, agencyID, objectiveID, statuses)
	if err != nil {
		return nil, fmt.Errorf("last year's objectives in period %d: %w", periodID, err)
	}
	out := map[int64][]domain.ObjectiveReview{}
	var agency int64
	var o domain.ObjectiveReview
	_, err = pgx.ForEachRow(rows, []any{&agency, &o.ID, &o.Position, &o.Version, &o.ReturnID,
		&o.Said.Intend, &o.Said.Quantity, &o.Said.Quality, &o.Said.Outcomes,
		&o.Status, &o.HowMuch, &o.HowWell, &o.BetterOff}, func() error {
		o.Said.ID = o.ID
		out[agency] = append(out[agency], o)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("last year's objectives in period %d: %w", periodID, err)
	}
	return out, nil
}

// LookBack lists the objectives an agency's return in the period looks back
// on, in order, with the answers given so far: none when the period was not
// started from the one before it, or the agency's return there was never
// submitted.
func (s *Store) LookBack(ctx context.Context, periodID, agencyID int64) ([]domain.ObjectiveReview, error) {
	if agencyID == 0 {
		return nil, nil
	}
	all, err := s.lookBack(ctx, periodID, agencyID, 0, nil)
	return all[agencyID], err
}

// LookBackAt is one of the objectives an agency's return in the period looks back on.
func (s *Store) LookBackAt(ctx context.Context, periodID, agencyID, objectiveID int64) (domain.ObjectiveReview, error) {
	if agencyID == 0 || objectiveID == 0 {
		return domain.ObjectiveReview{}, domain.ErrNotFound
	}
	all, err := s.lookBack(ctx, periodID, agencyID, objectiveID, nil)
	if err != nil {
		return domain.ObjectiveReview{}, err
	}
	if len(all[agencyID]) == 0 {
		return domain.ObjectiveReview{}, fmt.Errorf("objective %d of last year: %w", objectiveID, domain.ErrNotFound)
	}
	return all[agencyID][0], nil
}

// LookBackForPeriod is the objectives every agency's return in the period
// looks back on, by agency, for the agencies whose return there has one of
// statuses (the report's section 3).
func (s *Store) LookBackForPeriod(ctx context.Context, periodID int64, statuses []domain.ReturnStatus) (map[int64][]domain.ObjectiveReview, error) {
	names := make([]string, len(statuses))
	for i, st := range statuses {
		names[i] = string(st)
	}
	return s.lookBack(ctx, periodID, 0, 0, names)
}

// boardLookBackSQL reads the objectives the board's strategic aims set in
// the period $1 was started from, for the coming year, with the answers
// given in $1; $2 picks one (0 for all).
const boardLookBackSQL = `
SELECT o.id, row_number() OVER (ORDER BY a.position, o.position)::int, coalesce(v.version, 1),
       o.aim_id, o.body, a.title, a.position,
       coalesce(v.status, ''), coalesce(v.how_much, ''), coalesce(v.how_well, ''), coalesce(v.better_off, '')
  FROM periods p
  JOIN report_aims a ON a.period_id = p.carried_from
  JOIN report_aim_objectives o ON o.aim_id = a.id
  LEFT JOIN report_aim_objective_reviews v ON v.id = o.id
 WHERE p.id = $1 AND ($2 = 0 OR o.id = $2)
 ORDER BY a.position, o.position`

// BoardLookBack lists the objectives the board set last year for this
// period, aim by aim, with the answers given so far; none when the period
// was not started from the one before it.
func (s *Store) BoardLookBack(ctx context.Context, periodID int64) ([]domain.AimObjectiveReview, error) {
	return s.boardLookBack(ctx, periodID, 0)
}

// BoardLookBackAt is one of the objectives the board set last year for this period.
func (s *Store) BoardLookBackAt(ctx context.Context, periodID, objectiveID int64) (domain.AimObjectiveReview, error) {
	if objectiveID == 0 {
		return domain.AimObjectiveReview{}, domain.ErrNotFound
	}
	list, err := s.boardLookBack(ctx, periodID, objectiveID)
	if err != nil {
		return domain.AimObjectiveReview{}, err
	}
	if len(list) == 0 {
		return domain.AimObjectiveReview{}, fmt.Errorf("the board's objective %d of last year: %w", objectiveID, domain.ErrNotFound)
	}
	return list[0], nil
}

func (s *Store) boardLookBack(ctx context.Context, periodID, objectiveID int64) ([]domain.AimObjectiveReview, error) {
	rows, err := s.pool.Query(ctx, boardLookBackSQL, periodID, objectiveID)
	if err != nil {
		return nil, fmt.Errorf("the board's objectives of last year in period %d: %w", periodID, err)
	}
	var out []domain.AimObjectiveReview
	var o domain.AimObjectiveReview
	_, err = pgx.ForEachRow(rows, []any{&o.ID, &o.Position, &o.Version, &o.Said.AimID, &o.Said.Body, &o.AimTitle, &o.AimNumber,
		&o.Status, &o.HowMuch, &o.HowWell, &o.BetterOff}, func() error {
		o.Said.ID = o.ID
		out = append(out, o)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("the board's objectives of last year in period %d: %w", periodID, err)
	}
	return out, nil
}
