package web

import (
	"context"
	"net/http"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// returnWorkflow is a return-like workflow (domain.ReturnKind) as the web
// runs it: the return's page with the lead's task list, each task's list and
// editor, the check before submitting and the submit, then the board's
// review (accept, send back with a comment, reopen: returns_review.go). The
// states and their rules are the domain's (NextStatus, CanActOnReturn). An
// agency's yearly return is one (agencyReturn); a later module's return
// declares its kind, its tasks and how its content reads, and mounts the
// same way.
type returnWorkflow struct {
	kind  domain.ReturnKind
	tasks []returnTask // the pages of kind.Tasks, in the same order
	// content loads a return's entries (none before it starts): how the
	// read-only return and the check page show them, and their stamp.
	content func(ctx context.Context, s *Server, sc *returnScope) (returnContent, error)
	// figures, when set, is the progress of the agency's performance data,
	// a task of its own after the others; nil when it has none to enter.
	figures func(ctx context.Context, s *Server, sc *returnScope) (*templates.FiguresProgress, error)
}

// returnTask is one task's pages: its list, below the return's address.
type returnTask struct {
	path  string                               // the list page, such as "/review"
	name  func(ref templates.ReturnRef) string // as the task list names it
	count func(ret *domain.Return) int         // the entries the return holds
	mount func(s *Server, r chi.Router)        // the list page and its editor
}

// returnContent is a return's entries as the pages show them.
type returnContent struct {
	readOnly templ.Component // the whole return, read-only
	answers  templ.Component // on the check page, with Change links
	stamp    string          // domain.ContentStamp of the entries shown
}

// agencyReturn is a partner agency's yearly return: the review of the year
// and the objectives for next year, then its performance data when it owns
// indicators.
var agencyReturn = &returnWorkflow{
	kind: domain.AgencyReturn,
	tasks: []returnTask{
		listTask(reviewItemEditor, func(ref templates.ReturnRef) string { return "Review of " + ref.PeriodLabel },
			func(ret *domain.Return) int { return ret.ItemCount }, templates.ReviewItemsPage),
		listTask(objectiveEditor, func(ref templates.ReturnRef) string { return "Objectives for " + ref.NextLabel },
			func(ret *domain.Return) int { return ret.ObjCount }, templates.ObjectivesPage),
	},
	content: agencyReturnContent,
	figures: func(ctx context.Context, s *Server, sc *returnScope) (*templates.FiguresProgress, error) {
		return s.returnFigures(ctx, sc)
	},
}

// agencyReturnContent is an agency's review items and objectives.
func agencyReturnContent(ctx context.Context, s *Server, sc *returnScope) (returnContent, error) {
	var items []domain.ReviewItem
	var objectives []domain.Objective
	if sc.Return.ID != 0 {
		var err error
		if items, err = s.store.ReviewItems(ctx, sc.Return.ID); err != nil {
			return returnContent{}, err
		}
		if objectives, err = s.store.Objectives(ctx, sc.Return.ID); err != nil {
			return returnContent{}, err
		}
	}
	ref := returnRef(sc)
	return returnContent{
		readOnly: templates.ReturnContent(ref, items, objectives),
		answers:  templates.AgencyReturnAnswers(ref, items, objectives),
		stamp:    domain.ContentStamp(domain.Entries(items), domain.Entries(objectives)),
	}, nil
}

// mount routes a return's page, tasks, check and submit, and the board's
// review, below the return's address (behind loadReturn and mustSeeReturn).
func (wf *returnWorkflow) mount(s *Server, r chi.Router) {
	r.Get("/", func(w http.ResponseWriter, r *http.Request) { wf.page(s, w, r) })
	for _, t := range wf.tasks {
		t.mount(s, r)
	}
	r.Get("/check", func(w http.ResponseWriter, r *http.Request) { wf.checkAnswers(s, w, r) })
	r.Post("/submit", func(w http.ResponseWriter, r *http.Request) { wf.submit(s, w, r) })
	r.Get("/submitted", s.returnSubmitted)
	r.Post("/accept", s.acceptReturn)
	r.Get("/send-back", s.sendBackForm)
	r.Post("/send-back", s.sendBackReturn)
	r.Post("/reopen", s.reopenReturn)
}

// counts are the entries each task of ret holds, in the tasks' order.
func (wf *returnWorkflow) counts(ret *domain.Return) []int {
	out := make([]int, len(wf.tasks))
	for i, t := range wf.tasks {
		out[i] = t.count(ret)
	}
	return out
}

// taskList is the task list of ret: each task, then checking and submitting,
// which cannot start until the return holds what it needs.
func (wf *returnWorkflow) taskList(ref templates.ReturnRef, ret *domain.Return) ([]templates.TaskLine, templates.TaskLine) {
	counts := wf.counts(ret)
	lines := make([]templates.TaskLine, len(wf.tasks))
	for i, t := range wf.kind.Tasks {
		lines[i] = templates.TaskLine{Key: t.Key, Name: wf.tasks[i].name(ref), Hint: t.Count(counts[i]),
			Href: ref.To(wf.tasks[i].path), Status: t.Progress(counts[i])}
	}
	check := templates.TaskLine{Key: "check", Name: "Check and submit", Href: ref.To("/check"),
		Status: wf.kind.CheckProgress(ret.Status, counts)}
	if !wf.kind.Ready(counts) {
		check.Href, check.Hint = "", "You need "+wf.kind.Needs()
	}
	return lines, check
}
