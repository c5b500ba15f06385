package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// What sends (issue 17): each change that tells people something queues its
// email here, inside the change's own transaction; the scheduled reminders
// and the manager's chase queue theirs the same way.

// returnAbout reads what an email says of a return: its agency and period.
func returnAbout(ctx context.Context, tx pgx.Tx, returnID int64) (domain.ReturnAbout, int64, error) {
	var r domain.ReturnAbout
	var agencyID int64
	err := tx.QueryRow(ctx, `SELECT a.id, a.name, a.slug, p.label, p.slug, p.deadline
		FROM returns rt JOIN agencies a ON a.id = rt.agency_id JOIN periods p ON p.id = rt.period_id WHERE rt.id = $1`, returnID).
		Scan(&agencyID, &r.Agency, &r.AgencySlug, &r.Period, &r.PeriodSlug, &r.Deadline)
	if err != nil {
		return r, 0, fmt.Errorf("the return's names: %w", mapError(err))
	}
	return r, agencyID, nil
}

// notifyReturn queues the email a change of a return's status sends: to the
// manager when it is submitted, to its agency's leads when it is sent back
// (quoting the comment) or accepted.
func notifyReturn(ctx context.Context, tx pgx.Tx, returnID int64, action domain.ReturnAction, comment string) error {
	if action != domain.ActionSubmit && action != domain.ActionSendBack && action != domain.ActionAccept {
		return nil
	}
	r, agencyID, err := returnAbout(ctx, tx, returnID)
	if err != nil {
		return err
	}
	switch action {
	case domain.ActionSubmit:
		_, err = queue(ctx, tx, domain.ReturnSubmittedEmail(r), ofRole, domain.RoleManager)
	case domain.ActionSendBack:
		_, err = queue(ctx, tx, domain.ReturnSentBackEmail(r, comment), agencyLeads, agencyID)
	case domain.ActionAccept:
		_, err = queue(ctx, tx, domain.ReturnAcceptedEmail(r), agencyLeads, agencyID)
	}
	return err
}

// challengeAbout reads what an email says of a challenge, with the owing agency.
func challengeAbout(ctx context.Context, tx pgx.Tx, id int64) (domain.ChallengeAbout, int64, int64, error) {
	c := domain.ChallengeAbout{ID: id}
	var agencyID, raisedBy int64
	var role domain.Role
	err := tx.QueryRow(ctx, `SELECT c.agency_id, a.name, p.slug, c.target_label, c.question, c.respond_by, c.raised_by, u.role
		FROM challenges c JOIN agencies a ON a.id = c.agency_id JOIN periods p ON p.id = c.period_id JOIN users u ON u.id = c.raised_by
		WHERE c.id = $1`, id).Scan(&agencyID, &c.Agency, &c.PeriodSlug, &c.About, &c.Question, &c.RespondBy, &raisedBy, &role)
	if err != nil {
		return c, 0, 0, fmt.Errorf("the challenge's names: %w", mapError(err))
	}
	c.RaisedBy = "The board's " + role.Title()
	if role == domain.RoleChair {
		c.RaisedBy = "The board's independent chair"
	}
	return c, agencyID, raisedBy, nil
}

// notifyChallengeRaised queues the email to the owing agency's leads.
func notifyChallengeRaised(ctx context.Context, tx pgx.Tx, id int64) error {
	c, agencyID, _, err := challengeAbout(ctx, tx, id)
	if err != nil {
		return err
	}
	_, err = queue(ctx, tx, domain.ChallengeRaisedEmail(c), agencyLeads, agencyID)
	return err
}

// notifyChallengeAnswered queues the email to the chair, and to whoever raised the challenge.
func notifyChallengeAnswered(ctx context.Context, tx pgx.Tx, id int64, answer string) error {
	c, _, raisedBy, err := challengeAbout(ctx, tx, id)
	if err != nil {
		return err
	}
	_, err = queue(ctx, tx, domain.ChallengeAnsweredEmail(c, answer), `u.role = 'chair' OR u.id = $1`, raisedBy)
	return err
}

// notifyPublished queues the email to every user that a version of the report was published.
func notifyPublished(ctx context.Context, tx pgx.Tx, periodID int64, version int) error {
	var label, slug string
	if err := tx.QueryRow(ctx, `SELECT label, slug FROM periods WHERE id = $1`, periodID).Scan(&label, &slug); err != nil {
		return mapError(err)
	}
	_, err := queue(ctx, tx, domain.ReportPublishedEmail(label, slug, version), everyone)
	return err
}

// ChaseResult is what chasing the overdue agencies did.
type ChaseResult struct {
	Chased   []string // the agencies whose leads were sent a message
	NoLeads  []string // overdue agencies with no lead to write to
	Messages int
}

// ChaseOverdue sends one message to the leads of each agency whose return for
// the period is overdue at now (domain.Period.ReturnOverdue), recording that
// it did with an audit event. A closed period is not chased
// (domain.ErrPeriodClosed).
func (s *Store) ChaseOverdue(ctx context.Context, actor domain.Actor, periodID int64, now time.Time) (ChaseResult, error) {
	var res ChaseResult
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		period, err := periodIn(ctx, tx, periodID)
		if err != nil {
			return err
		}
		if !period.IsOpen {
			return domain.ErrPeriodClosed
		}
		candidates, err := returnsStillToCome(ctx, tx, period)
		if err != nil {
			return err
		}
		who := actor.Label
		for _, c := range candidates {
			if !period.ReturnOverdue(c.status, now) {
				continue
			}
			n, err := queue(ctx, tx, domain.ReturnChaseEmail(c.about, who, londonToday(now)), agencyLeads, c.agencyID)
			if err != nil {
				return err
			}
			if n == 0 {
				res.NoLeads = append(res.NoLeads, c.about.Agency)
				continue
			}
			res.Chased = append(res.Chased, c.about.Agency)
			res.Messages += n
		}
		return audit(ctx, tx, actor, "period.chase", "period", periodID, map[string]any{"chased": res.Chased, "no_leads": res.NoLeads})
	})
	if err != nil {
		return res, fmt.Errorf("chase overdue agencies: %w", err)
	}
	return res, nil
}

// periodIn reads a period inside tx.
func periodIn(ctx context.Context, tx pgx.Tx, id int64) (domain.Period, error) {
	var p domain.Period
	err := tx.QueryRow(ctx, `SELECT id, label, slug, deadline, is_open FROM periods WHERE id = $1`, id).
		Scan(&p.ID, &p.Label, &p.Slug, &p.Deadline, &p.IsOpen)
	return p, mapError(err)
}

type returnToCome struct {
	agencyID int64
	status   domain.ReturnStatus
	about    domain.ReturnAbout
}

// returnsStillToCome lists each active agency whose return for the period is
// neither submitted nor accepted, started or not.
func returnsStillToCome(ctx context.Context, tx pgx.Tx, p domain.Period) ([]returnToCome, error) {
	rows, err := tx.Query(ctx, `SELECT a.id, a.name, a.slug, coalesce(r.status, 'not_started')
		FROM agencies a LEFT JOIN returns r ON r.agency_id = a.id AND r.period_id = $1
		WHERE a.active AND coalesce(r.status, 'not_started') NOT IN ('submitted', 'accepted')
		ORDER BY a.display_order, lower(a.name)`, p.ID)
	if err != nil {
		return nil, fmt.Errorf("returns still to come: %w", err)
	}
	var out []returnToCome
	var c returnToCome
	_, err = pgx.ForEachRow(rows, []any{&c.agencyID, &c.about.Agency, &c.about.AgencySlug, &c.status}, func() error {
		c.about.Period, c.about.PeriodSlug, c.about.Deadline = p.Label, p.Slug, p.Deadline
		out = append(out, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("returns still to come: %w", err)
	}
	return out, nil
}

// ScheduleReminders queues the reminders due at now: for each open period
// with a deadline, to the leads of each agency whose return is still to come
// (domain.ReturnReminderDue), and for each challenge not yet answered, to the
// owing agency's leads (domain.ChallengeReminderDue). Each reminder has a
// unique key (what, kind, slot's day), so however many servers run this, and
// however often, it is queued once. It returns how many it queued.
func (s *Store) ScheduleReminders(ctx context.Context, now time.Time) (int, error) {
	today := londonToday(now)
	queued := 0
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT id FROM periods WHERE is_open AND deadline IS NOT NULL ORDER BY id`)
		if err != nil {
			return err
		}
		periods, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return err
		}
		for _, id := range periods {
			p, err := periodIn(ctx, tx, id)
			if err != nil {
				return err
			}
			due, ok := domain.ReturnReminderDue(*p.Deadline, today)
			if !ok {
				continue
			}
			candidates, err := returnsStillToCome(ctx, tx, p)
			if err != nil {
				return err
			}
			for _, c := range candidates {
				e := domain.ReturnReminderEmail(c.about, today)
				e.ScheduleKey = domain.ScheduleKey(fmt.Sprintf("return:%d:%d", p.ID, c.agencyID), e.Kind, due)
				n, err := queue(ctx, tx, e, agencyLeads, c.agencyID)
				if err != nil {
					return err
				}
				queued += n
			}
		}
		rows, err = tx.Query(ctx, `SELECT id FROM challenges WHERE status = 'open' AND respond_by < $1::date ORDER BY id`, today.Format(time.DateOnly))
		if err != nil {
			return err
		}
		open, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return err
		}
		for _, id := range open {
			c, agencyID, _, err := challengeAbout(ctx, tx, id)
			if err != nil {
				return err
			}
			due, ok := domain.ChallengeReminderDue(c.RespondBy, today)
			if !ok {
				continue
			}
			e := domain.ChallengeReminderEmail(c, today)
			e.ScheduleKey = domain.ScheduleKey(fmt.Sprintf("challenge:%d", id), e.Kind, due)
			n, err := queue(ctx, tx, e, agencyLeads, agencyID)
			if err != nil {
				return err
			}
			queued += n
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("schedule reminders: %w", err)
	}
	return queued, nil
}
