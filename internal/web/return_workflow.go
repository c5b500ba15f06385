package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

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
	path   string                               // the list page, such as "/review"
	name   func(ref templates.ReturnRef) string // as the task list names it
	tally  func(ret *domain.Return) domain.Tally
	anchor func(id int64) string         // an entry's element on the list page
	mount  func(s *Server, r chi.Router) // the list page and its editor
}

// returnContent is a return's entries as the pages show them.
type returnContent struct {
	readOnly func(templates.Beside) templ.Component // the whole return, read-only, with what is beside its entries
	answers  templ.Component                        // on the check page, with Change links
	stamp    string                                 // domain.ContentStamp of the entries shown
	// entries are every entry, task by task, named as the pages name them
	// ("review item 2: …"), for the manager's comments on them.
	entries []domain.EntryRef
	// unanswered lead to the answers still to give before submitting.
	unanswered []templates.Link
}

// agencyReturn is a partner agency's yearly return: what became of last
// year's objectives (in a year started from last year), the review of the
// year and the objectives for next year, then its performance data when it
// owns indicators.
var agencyReturn = &returnWorkflow{
	kind: domain.AgencyReturn,
	tasks: []returnTask{
		lastYearTask,
		listTask(domain.AgencyReturn.Task("review"), reviewItemEditor, func(ref templates.ReturnRef) string { return "Review of " + ref.PeriodLabel },
			func(ret *domain.Return) domain.Tally { return domain.Tally{Entries: ret.ItemCount} }, templates.ReviewItemsPage),
		listTask(domain.AgencyReturn.Task("objectives"), objectiveEditor, func(ref templates.ReturnRef) string { return "Objectives for " + ref.NextLabel },
			func(ret *domain.Return) domain.Tally { return domain.Tally{Entries: ret.ObjCount} }, templates.ObjectivesPage),
	},
	content: agencyReturnContent,
	figures: func(ctx context.Context, s *Server, sc *returnScope) (*templates.FiguresProgress, error) {
		return s.returnFigures(ctx, sc)
	},
}

// agencyReturnContent is what became of an agency's objectives of last
// year, its review items and its objectives.
func agencyReturnContent(ctx context.Context, s *Server, sc *returnScope) (returnContent, error) {
	var lookBack []domain.ObjectiveReview
	var items []domain.ReviewItem
	var objectives []domain.Objective
	var err error
	if sc.Return.LastYear.Entries > 0 {
		if lookBack, err = s.store.LookBack(ctx, sc.Period.ID, sc.Agency.ID); err != nil {
			return returnContent{}, err
		}
	}
	if sc.Return.ID != 0 {
		if items, err = s.store.ReviewItems(ctx, sc.Return.ID); err != nil {
			return returnContent{}, err
		}
		if objectives, err = s.store.Objectives(ctx, sc.Return.ID); err != nil {
			return returnContent{}, err
		}
	}
	ref := returnRef(sc)
	c := returnContent{
		readOnly: func(b templates.Beside) templ.Component {
			return templates.ReturnContent(ref, lookBack, items, objectives, b)
		},
		answers: templates.AgencyReturnAnswers(ref, lookBack, items, objectives),
		stamp:   domain.ContentStamp(domain.Entries(lookBack), domain.Entries(items), domain.Entries(objectives)),
	}
	for i, o := range lookBack {
		name := "objective " + strconv.Itoa(i+1) + " of last year: " + templates.Shorten(o.Said.Intend, 80)
		c.entries = append(c.entries, domain.EntryRef{Task: "last-year", ID: o.ID, Name: name})
		if !o.Status.Answered() {
			c.unanswered = append(c.unanswered, templates.Link{Href: ref.To("/last-year/" + strconv.FormatInt(o.ID, 10) + "?from=check"),
				Text: "Objective " + strconv.Itoa(i+1) + ": " + templates.Shorten(o.Said.Intend, 80)})
		}
	}
	for i, it := range items {
		c.entries = append(c.entries, domain.EntryRef{Task: "review", ID: it.ID, Name: "review item " + strconv.Itoa(i+1) + ": " + templates.Shorten(it.Title, 80)})
	}
	for i, o := range objectives {
		c.entries = append(c.entries, domain.EntryRef{Task: "objectives", ID: o.ID,
			Name: "objective " + strconv.Itoa(i+1) + " for " + ref.NextLabel + ": " + templates.Shorten(o.Intend, 80)})
	}
	return c, nil
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
	r.Get("/send-back", func(w http.ResponseWriter, r *http.Request) { wf.sendBackForm(s, w, r) })
	r.Post("/send-back", func(w http.ResponseWriter, r *http.Request) { wf.sendBackReturn(s, w, r) })
	r.Post("/reopen", s.reopenReturn)
}

// tallies are how far each task of ret has got, in the tasks' order.
func (wf *returnWorkflow) tallies(ret *domain.Return) []domain.Tally {
	out := make([]domain.Tally, len(wf.tasks))
	for i, t := range wf.tasks {
		out[i] = t.tally(ret)
		out[i].Completed = ret.SectionCompleted(wf.kind.Tasks[i].Key)
	}
	return out
}

// taskList is the task list of ret: each task it shows, then checking and
// submitting, which cannot start until the return holds what it needs.
func (wf *returnWorkflow) taskList(ref templates.ReturnRef, ret *domain.Return) ([]templates.TaskLine, templates.TaskLine) {
	tallies := wf.tallies(ret)
	var lines []templates.TaskLine
	for i, t := range wf.kind.Tasks {
		if !t.Shown(tallies[i]) {
			continue
		}
		lines = append(lines, templates.TaskLine{Key: t.Key, Name: wf.tasks[i].name(ref), Hint: t.Count(tallies[i]),
			Href: ref.To(wf.tasks[i].path), Status: t.Progress(tallies[i])})
	}
	check := templates.TaskLine{Key: "check", Name: "Check and submit", Href: ref.To("/check"),
		Status: wf.kind.CheckProgress(ret.Status, tallies)}
	switch unmarked := wf.unmarked(ref, tallies); {
	case !wf.kind.Ready(tallies):
		check.Hint = "You need " + wf.kind.Missing(tallies)
	case len(unmarked) > 0:
		check.Hint = "Complete each section first: " + linkTexts(unmarked)
	}
	if !wf.kind.CanCheck(tallies) {
		check.Href = ""
	}
	return lines, check
}

// unmarked lead to the sections of a return whose tasks stand at tallies
// still to be marked as completed, each to its question.
func (wf *returnWorkflow) unmarked(ref templates.ReturnRef, tallies []domain.Tally) []templates.Link {
	var out []templates.Link
	for _, i := range wf.kind.Unmarked(tallies) {
		out = append(out, templates.Link{Href: ref.To(wf.tasks[i].path + "#section-completed"), Text: wf.tasks[i].name(ref)})
	}
	return out
}

// linkTexts are the links' texts as a sentence names them: "a, b and c".
func linkTexts(links []templates.Link) string {
	texts := make([]string, len(links))
	for i, l := range links {
		texts[i] = l.Text
	}
	if len(texts) < 2 {
		return strings.Join(texts, "")
	}
	return strings.Join(texts[:len(texts)-1], ", ") + " and " + texts[len(texts)-1]
}
