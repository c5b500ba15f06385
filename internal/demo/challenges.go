package demo

import (
	"context"
	"fmt"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// The demo's challenge log: what the independent chair and the board manager
// asked partner agencies during the cycle, in our own words, a few in each
// state. Times are counted back from when the demo is loaded, as the demo's
// returns are, so some open challenges are overdue and some are not yet.

// seedChallenge is one challenge of the demo log.
type seedChallenge struct {
	raiser   string // "chair" or "manager"
	agency   string // the slug of the agency that owes the answer
	about    seedAbout
	question string
	raised   int // days before loading
	due      int // days after raising
	answers  []seedAnswer
	outcome  domain.ChallengeOutcome // empty while open or answered
	changed  string
	closed   int // days after raising
}

// seedAbout names what a demo challenge is about: the agency itself, its
// return, one of its review items by title, or an indicator by code.
type seedAbout struct {
	kind  domain.TargetKind
	title string // a review item's title, or what an objective intends
	code  string // an indicator's code
}

// seedAnswer is one version of an answer, given days after raising.
type seedAnswer struct {
	after int
	body  string
}

var seedChallenges = []seedChallenge{
	{
		raiser: "chair", agency: "kent-police", about: seedAbout{kind: domain.TargetIndicator, code: "CPC-QUORATE"},
		question: "Only 84% of child protection conferences were quorate this year, and the conference chairs report that the " +
			"police were the agency most often missing. How many initial conferences did an officer attend in each quarter, " +
			"and what happens when nobody from the public protection unit can go?",
		raised: 120, due: 28,
		answers: []seedAnswer{{18, "Officers attended 71% of initial conferences in the first quarter and 93% in the third. " +
			"Since October each conference has a named officer from the public protection unit, with a deputy, and when " +
			"neither can attend the unit sends a written report the day before. No conference since October has gone " +
			"ahead without police information."}},
		outcome: domain.OutcomeAssured,
		changed: "Police attendance at conferences is now reported to the quality assurance subgroup every quarter.",
		closed:  35,
	},
	{
		raiser: "chair", agency: "medway-community-healthcare", about: seedAbout{kind: domain.TargetAgency},
		question: "The training subgroup's figures show that fewer health visitors completed level 2 safeguarding " +
			"training than the plan expected. How many are trained now, and when will the rest be?",
		raised: 100, due: 28,
		answers: []seedAnswer{{21, "41 of our 58 health visitors (71%) had completed level 2 training by the end of " +
			"January. The other 17 are booked on courses before the end of June, and new health visitors now do the " +
			"training within three months of starting."}},
		outcome: domain.OutcomePartlyAssured,
		changed: "The service reports its training figures to the board every quarter until every health visitor is " +
			"trained. The board will look at the figures again in the summer.",
		closed: 40,
	},
	{
		raiser: "chair", agency: "medway-nhs-ft", about: seedAbout{kind: domain.TargetAgency},
		question: "The section 11 audit found that the emergency department does not always check whether a child who " +
			"attends is subject to a child protection plan. What has the trust done about it?",
		raised: 150, due: 28,
		answers: []seedAnswer{{30, "A flag on the patient administration system is being designed. Until it is in " +
			"place, staff telephone children's social care about every child under two who attends, and about older " +
			"children when they have concerns."}},
		outcome: domain.OutcomeEscalated,
		changed: "The chair took the delay to the trust's chief executive and to the Children's Trust board, which asked " +
			"for the electronic flag to be working by September 2010.",
		closed: 60,
	},
	{
		raiser: "chair", agency: "kent-police", about: seedAbout{kind: domain.TargetReviewItem, title: "Home visits to registered sex offenders"},
		question: "The return reports 114% compliance with the target for home visits. What was counted, and how many " +
			"of the visits were to offenders living in households with children?",
		raised: 25, due: 21,
		answers: []seedAnswer{{14, "The figure counts visits made against visits planned: officers made more visits " +
			"than the plan required because some offenders were visited again after a change of address. 38 of the " +
			"visits were to offenders living in a household with children, and each of those was shared with " +
			"children's social care."}},
	},
	{
		raiser: "chair", agency: "medway-nhs-ft", about: seedAbout{kind: domain.TargetReviewItem, title: "Midwifery attendance at child protection conferences"},
		question: "Now that attendance is monitored, how often did a midwife attend conferences about an unborn baby, " +
			"and is attendance rising?",
		raised: 35, due: 21,
		answers: []seedAnswer{
			{20, "A midwife attended 24 of the 31 pre-birth conferences since monitoring began."},
			{24, "A midwife attended 24 of the 31 pre-birth conferences since monitoring began (77%), up from about half " +
				"before the named midwife was appointed. For the other 7 the community midwife sent a report."},
		},
	},
	{
		raiser: "chair", agency: "medway-nhs-ft", about: seedAbout{kind: domain.TargetObjective, title: "Improve pre-birth assessment and planning."},
		question: "How will you know that pre-birth assessment and planning have improved: which measure will the " +
			"board see, and by when?",
		raised: 12, due: 28,
	},
	{
		raiser: "chair", agency: "medway-childrens-services", about: seedAbout{kind: domain.TargetIndicator, code: "NI60"},
		question: "Core assessments completed within 35 working days stayed short of the local area agreement target. " +
			"The commentary says the average rose to 82% after the teams were strengthened: how many months has it " +
			"stayed above the target, and what will keep it there?",
		raised: 40, due: 28,
	},
	{
		raiser: "chair", agency: "cvs-medway", about: seedAbout{kind: domain.TargetAgency},
		question: "How many of the voluntary organisations you support have now had safer recruitment training, and " +
			"how do you know that they check volunteers before they work with children?",
		raised: 5, due: 28,
	},
	{
		raiser: "manager", agency: "hmyoi-cookham-wood", about: seedAbout{kind: domain.TargetAgency},
		question: "Your return for the year has not been started. When will it be submitted, and can you send the " +
			"figures for the use of restraint and for the young people referred to the local authority designated " +
			"officer before then?",
		raised: 3, due: 14,
	},
}

// loadChallenges adds the demo's challenges to the period's log, unless it
// has challenges already.
func loadChallenges(ctx context.Context, st *store.Store, periodID int64, agencyIDs map[string]int64) error {
	if have, err := st.Challenges(ctx, store.ChallengeQuery{PeriodID: periodID}); err != nil || len(have) > 0 {
		return err // loaded already: the targets may have changed since, as the demo's users worked
	}
	actors := map[string]domain.Actor{}
	for _, who := range []string{"chair", "manager"} {
		a, err := actorFor(ctx, st, who+"@"+emailDomain)
		if err != nil {
			return err
		}
		actors[who] = a
	}
	now := time.Now()
	daysAgo := func(n int) time.Time { return now.AddDate(0, 0, -n) }
	var list []store.DemoChallenge
	for _, sc := range seedChallenges {
		agencyID, ok := agencyIDs[sc.agency]
		if !ok {
			return fmt.Errorf("demo challenge to unknown agency %q", sc.agency)
		}
		target, err := seedTargetOf(ctx, st, periodID, agencyID, sc.about)
		if err != nil {
			return fmt.Errorf("demo challenge to %s: %w", sc.agency, err)
		}
		raised := daysAgo(sc.raised)
		y, m, d := raised.In(domain.London()).Date()
		dc := store.DemoChallenge{
			Raiser: actors[sc.raiser], RaisedAt: raised,
			Challenge: domain.NewChallenge{Target: target, AgencyID: agencyID, Question: sc.question,
				RespondBy: time.Date(y, m, d+sc.due, 0, 0, 0, 0, time.UTC)},
		}
		if len(sc.answers) > 0 {
			lead, err := actorFor(ctx, st, "lead@"+sc.agency+"."+emailDomain)
			if err != nil {
				return err
			}
			for _, a := range sc.answers {
				dc.Answers = append(dc.Answers, store.DemoAnswer{Lead: lead, Body: a.body, At: daysAgo(sc.raised - a.after)})
			}
		}
		if sc.outcome != "" {
			dc.Closing = &store.DemoClosing{Chair: actors["chair"], At: daysAgo(sc.raised - sc.closed),
				ChallengeClosing: domain.ChallengeClosing{Outcome: sc.outcome, WhatChanged: sc.changed}}
		}
		list = append(list, dc)
	}
	_, err := st.LoadDemoChallenges(ctx, periodID, list)
	return err
}

// seedTargetOf finds what a demo challenge is about in the period.
func seedTargetOf(ctx context.Context, st *store.Store, periodID, agencyID int64, t seedAbout) (domain.ChallengeTarget, error) {
	switch t.kind {
	case domain.TargetIndicator:
		ind, err := st.IndicatorByCode(ctx, t.code)
		if err != nil {
			return domain.ChallengeTarget{}, err
		}
		return domain.ChallengeTarget{Kind: t.kind, ID: ind.ID}, nil
	case domain.TargetReviewItem, domain.TargetReturn:
		ret, err := st.ReturnFor(ctx, periodID, agencyID)
		if err != nil {
			return domain.ChallengeTarget{}, err
		}
		if t.kind == domain.TargetReturn {
			return domain.ChallengeTarget{Kind: t.kind, ID: ret.ID}, nil
		}
		items, err := st.ReviewItems(ctx, ret.ID)
		if err != nil {
			return domain.ChallengeTarget{}, err
		}
		for _, item := range items {
			if item.Title == t.title {
				return domain.ChallengeTarget{Kind: t.kind, ID: item.ID}, nil
			}
		}
		return domain.ChallengeTarget{}, fmt.Errorf("review item %q: %w", t.title, domain.ErrNotFound)
	case domain.TargetObjective:
		ret, err := st.ReturnFor(ctx, periodID, agencyID)
		if err != nil {
			return domain.ChallengeTarget{}, err
		}
		objectives, err := st.Objectives(ctx, ret.ID)
		if err != nil {
			return domain.ChallengeTarget{}, err
		}
		for _, o := range objectives {
			if o.Intend == t.title {
				return domain.ChallengeTarget{Kind: t.kind, ID: o.ID}, nil
			}
		}
		return domain.ChallengeTarget{}, fmt.Errorf("objective %q: %w", t.title, domain.ErrNotFound)
	}
	return domain.ChallengeTarget{Kind: domain.TargetAgency, ID: agencyID}, nil
}
