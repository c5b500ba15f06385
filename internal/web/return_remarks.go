package web

import (
	"context"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// What the board says beside a return's entries (templates.Remarks): the
// manager's comments on entries when sending the return back, shown to the
// lead beside each entry while the return is back with them. Later kinds of
// remark, such as the chair's open challenges, join them here.

// entryRemarks are the remarks beside the entries of the return: the
// comments on entries of its latest send-back while it is sent back; none
// otherwise.
func (s *Server) entryRemarks(ctx context.Context, sc *returnScope) (templates.Remarks, error) {
	if sc.Return.ID == 0 || sc.Return.Status != domain.StatusReturned {
		return nil, nil
	}
	comments, err := s.store.Comments(ctx, sc.Return.ID)
	if err != nil {
		return nil, err
	}
	_, about := domain.SendBackRound(comments)
	return commentRemarks(about), nil
}

// commentRemarks puts comments on entries beside their entries.
func commentRemarks(about []domain.Comment) templates.Remarks {
	out := templates.Remarks{}
	for _, c := range about {
		k := templates.RemarkKey{Task: c.About.Task, ID: c.About.ID}
		out[k] = append(out[k], templates.CommentRemark(c))
	}
	return out
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
