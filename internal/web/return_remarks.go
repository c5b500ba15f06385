package web

import (
	"context"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// What the board says beside a return's entries (templates.Remarks): the
// manager's comments on entries when sending the return back, shown to the
// lead beside each entry while the return is back with them; and the
// challenges about its review items and objectives, beside each for whoever
// reads them (CanSeeChallenge), the lead's leading to the answer.

// entryRemarks are the remarks beside the entries of the return for the
// request's user: the comments on entries of its latest send-back while it
// is sent back, then the challenges about its entries.
func (s *Server) entryRemarks(ctx context.Context, sc *returnScope) (templates.Remarks, error) {
	out := templates.Remarks{}
	if sc.Return.ID == 0 {
		return out, nil
	}
	if sc.Return.Status == domain.StatusReturned {
		comments, err := s.store.Comments(ctx, sc.Return.ID)
		if err != nil {
			return nil, err
		}
		_, about := domain.SendBackRound(comments)
		for _, c := range about {
			k := templates.RemarkKey{Task: c.About.Task, ID: c.About.ID}
			out[k] = append(out[k], templates.CommentRemark(c))
		}
	}
	user := currentUser(ctx)
	challenges, err := s.visibleChallenges(ctx, user, store.ChallengeQuery{PeriodID: sc.Period.ID, AgencyID: sc.Agency.ID})
	if err != nil {
		return nil, err
	}
	for _, c := range challenges {
		if task, ok := c.Target.EntryTask(); ok {
			k := templates.RemarkKey{Task: task, ID: c.Target.ID}
			out[k] = append(out[k], templates.ChallengeRemark(c, CanAnswerChallenge(user, c.AgencyID, c.Status)))
		}
	}
	return out, nil
}

// besideEntries is what the read-only return shows beside its entries for
// the request's user: the remarks, and the way to raise a challenge about
// each entry for those who raise challenges.
func (s *Server) besideEntries(ctx context.Context, sc *returnScope) (templates.Beside, error) {
	remarks, err := s.entryRemarks(ctx, sc)
	if err != nil {
		return templates.Beside{}, err
	}
	beside := templates.Beside{Remarks: remarks}
	if Can(currentUser(ctx), ActionRaiseChallenge) {
		beside.RaisePath = "/periods/" + sc.Period.Slug + "/challenges/new"
	}
	return beside, nil
}

// sentBackAbout leads from the sent-back banner to each entry the manager
// commented on, on its task's list page.
func sentBackAbout(sc *returnScope, wf *returnWorkflow, about []domain.Comment) []templates.SentBackEntry {
	var out []templates.SentBackEntry
	for _, c := range about {
		for i, t := range wf.kind.Tasks {
			if t.Key == c.About.Task {
				out = append(out, templates.SentBackEntry{
					Href: returnPath(sc, wf.tasks[i].path) + "#" + wf.tasks[i].anchor(c.About.ID),
					Text: templates.ChangeNoun(c.About.Task) + ": " + templates.Shorten(c.About.Name, 100),
				})
			}
		}
	}
	return out
}

// changesSinceLastSubmission is what changed in the return since it was
// submitted before, for the board while it waits for review again; nil when
// it was submitted once only, or is not waiting.
func (s *Server) changesSinceLastSubmission(ctx context.Context, sc *returnScope, user *domain.User) (*templates.ChangesView, error) {
	if sc.Return.ID == 0 || sc.Return.Status != domain.StatusSubmitted || !CanSeeReviewHistory(user) {
		return nil, nil
	}
	subs, err := s.store.LatestSubmissions(ctx, sc.Return.ID, 2)
	if err != nil || len(subs) < 2 {
		return nil, err
	}
	return &templates.ChangesView{Since: subs[0].At, Changes: domain.ChangesBetween(subs[0], subs[1])}, nil
}
