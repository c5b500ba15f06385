package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// returnPlace is a return as the place of its lists (review items,
// objectives): its agency's lead changes them while the return may change.
// A change refused because the return was submitted, or its period closed,
// after the page was opened shows what was typed so nothing is lost.
type returnPlace struct{}

func (returnPlace) scope(r *http.Request) listScope {
	sc := currentReturn(r.Context())
	return listScope{period: sc.Period, ret: sc, parent: store.InReturn(sc.Period.ID, sc.Agency.ID), id: sc.Return.ID, base: returnPath(sc, "")}
}

func (returnPlace) mayOpen(s *Server, w http.ResponseWriter, r *http.Request) bool {
	return s.mayOpenEditor(w, r)
}

func (returnPlace) maySave(s *Server, w http.ResponseWriter, r *http.Request) (bool, error) {
	return s.maySave(w, r)
}

func (returnPlace) mayMove(s *Server, w http.ResponseWriter, r *http.Request) bool {
	return s.mayAct(w, r, domain.ActionEdit)
}

// back is the list, or the check page when the form was opened from it.
func (returnPlace) back(r *http.Request, sc listScope, list string) string {
	if formFrom(r) == "check" {
		return returnPath(sc.ret, "/check")
	}
	return list
}

func (returnPlace) saved(s *Server, w http.ResponseWriter, r *http.Request, back, _, msg string) {
	s.flash(w, r, back, msg)
}

func (returnPlace) changed(noun string) string {
	return "Someone else changed this " + noun + " since you opened it. Your text is below: copy what you need, then reload the " + noun + " to see their version."
}

func (returnPlace) removed(noun string) string {
	return "Someone else removed this " + noun + " since you opened it. Your text is below: save it to add it again as a new " + noun + ", or copy what you need."
}

// closed says why the return can no longer change (isClosed).
func (returnPlace) closed(sc listScope, why error, typed bool) (string, bool) {
	keep := ""
	if typed {
		keep = " Your text is below so you can keep a copy."
	}
	if errors.Is(why, domain.ErrPeriodClosed) {
		return templates.ClosedPeriodNote(sc.period.Label) + keep, true
	}
	return "This return has been submitted, so it can no longer be changed." + keep, false
}

func (returnPlace) removal(s *Server, w http.ResponseWriter, r *http.Request, sc listScope, v templates.Removal) {
	view := templates.RemoveView{Removal: v, Ref: returnRef(sc.ret), ReturnVersion: sc.ret.Return.Version}
	s.render(w, r, statusOfRemoval(v), templates.RemoveConfirm(s.formPage(r, "Remove the "+v.Kind, v.Conflict != ""), view))
}

// formFrom is the page a form was opened from: "check" for the check answers page.
func formFrom(r *http.Request) string {
	if r.Method == http.MethodPost {
		return r.PostFormValue("from")
	}
	return r.URL.Query().Get("from")
}

// mayOpenEditor lets the lead open a page that changes the return. Once the
// return is submitted, or its period closed, the lead is sent to its read-only
// page; anyone else gets 403.
func (s *Server) mayOpenEditor(w http.ResponseWriter, r *http.Request) bool {
	sc, user := currentReturn(r.Context()), currentUser(r.Context())
	if CanActOnReturn(user, domain.ActionEdit, sc.Agency.ID, sc.Return.Status, sc.Period.IsOpen) {
		return true
	}
	if IsAgencyLead(user, sc.Agency.ID) {
		http.Redirect(w, r, returnPath(sc, ""), http.StatusSeeOther)
		return false
	}
	s.renderStatus(w, r, http.StatusForbidden)
	return false
}

// maySave lets a content change through when the user may edit the return.
// When the lead's return can no longer be changed, it reports why instead of
// answering, so the handler can show the typed text back: the period has
// closed (domain.ErrPeriodClosed), or a colleague submitted the return after
// this lead opened the form (domain.ErrInvalidTransition). Any other refusal
// is a 403: a change posted without a form opened while the return was
// editable has nothing worth keeping.
func (s *Server) maySave(w http.ResponseWriter, r *http.Request) (ok bool, closed error) {
	sc, user := currentReturn(r.Context()), currentUser(r.Context())
	if CanActOnReturn(user, domain.ActionEdit, sc.Agency.ID, sc.Return.Status, sc.Period.IsOpen) {
		return true, nil
	}
	if IsAgencyLead(user, sc.Agency.ID) {
		if !sc.Period.IsOpen {
			return false, domain.ErrPeriodClosed
		}
		if opened, err := strconv.Atoi(r.PostFormValue("return_version")); err == nil && opened != sc.Return.Version {
			return false, domain.ErrInvalidTransition
		}
	}
	s.renderStatus(w, r, http.StatusForbidden)
	return false, nil
}

// returnForm shows a form of one of the return's lists on the list's own
// page, given the form's state, the period's strategic aims to choose from
// and what the board said beside the entry (its task's key and id say which),
// titled adding or changing.
func returnForm[T any](task string, id func(T) int64, adding, changing string, page func(p templates.Page, f templates.ItemForm, v T) templ.Component) func(*Server, http.ResponseWriter, *http.Request, listScope, templates.EntryForm, T) {
	return func(s *Server, w http.ResponseWriter, r *http.Request, sc listScope, f templates.EntryForm, v T) {
		title := adding
		if f.Editing {
			title = changing
		}
		form := templates.ItemForm{EntryForm: f, Ref: returnRef(sc.ret), ReturnVersion: sc.ret.Return.Version, From: formFrom(r), Aims: s.periodAims(r)}
		if r.Method == http.MethodPost {
			form.ReturnVersion, _ = strconv.Atoi(r.PostFormValue("return_version"))
		}
		if f.Editing {
			remarks, err := s.entryRemarks(r.Context(), sc.ret)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			form.Remarks = remarks.For(task, id(v))
		}
		s.render(w, r, statusFor(f), page(s.formPage(r, title, f.Problem()), form, v))
	}
}

// taskPage shows one task's list page from its entries and the board's
// remarks beside them.
type taskPage[T any] func(p templates.Page, ref templates.ReturnRef, entries []T, remarks templates.Remarks, done templates.SectionCompletion) templ.Component

// listTask is a return's task that is one of its lists: the list page, named
// and titled as name says, and its editor, with tally saying how far a
// return's task has got.
func listTask[T any](task domain.Task, e *listEditor[T], name func(templates.ReturnRef) string, tally func(*domain.Return) domain.Tally, page taskPage[T]) returnTask {
	read := func(ctx context.Context, s *Server, sc *returnScope) ([]T, error) {
		if sc.Return.ID == 0 {
			return nil, nil
		}
		return e.entries.All(ctx, s.store, sc.Return.ID)
	}
	return entriesTask(task, e, name, tally, read, page)
}

// entriesTask is a return's task whose entries read reads, shown on their
// list page and changed with e; the page ends asking "Have you completed
// this section?", answered at the list's address + "/completed".
func entriesTask[T any](task domain.Task, e *listEditor[T], name func(templates.ReturnRef) string, tally func(*domain.Return) domain.Tally,
	read func(ctx context.Context, s *Server, sc *returnScope) ([]T, error), page taskPage[T]) returnTask {
	show := func(s *Server, w http.ResponseWriter, r *http.Request, status int, done templates.SectionCompletion) {
		sc := currentReturn(r.Context())
		entries, err := read(r.Context(), s, sc)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		remarks, err := s.entryRemarks(r.Context(), sc)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		ref := returnRef(sc)
		done.Action = ref.To(e.path + "/completed")
		s.render(w, r, status, page(s.formPage(r, name(ref), done.Error != ""), ref, entries, remarks, done))
	}
	get := func(s *Server, w http.ResponseWriter, r *http.Request) {
		if !s.mayOpenEditor(w, r) {
			return
		}
		sc := currentReturn(r.Context())
		var done templates.SectionCompletion
		if said, ok := sc.Return.Sections[task.Key]; ok {
			done.Value = yesNo(said)
		}
		show(s, w, r, http.StatusOK, done)
	}
	// completed keeps the lead's answer, then leads back to the task list;
	// without an answer, or with yes while the section lacks what it needs,
	// the page comes again with the error at the question.
	completed := func(s *Server, w http.ResponseWriter, r *http.Request) {
		if !s.mayOpenEditor(w, r) {
			return
		}
		sc, user := currentReturn(r.Context()), currentUser(r.Context())
		answer := r.PostFormValue("completed")
		if answer != "yes" && answer != "no" {
			show(s, w, r, http.StatusUnprocessableEntity, templates.SectionCompletion{Error: "Select yes if you have completed this section"})
			return
		}
		err := s.store.SetSectionCompleted(r.Context(), domain.UserActor(user), sc.Period.ID, sc.Agency.ID, task.Key, answer == "yes")
		switch {
		case errors.Is(err, domain.ErrIncomplete):
			show(s, w, r, http.StatusUnprocessableEntity, templates.SectionCompletion{Value: answer, Error: notDoneMessage(task, tally(sc.Return))})
			return
		case isClosed(err):
			// Submitted by a colleague, or the period closed, since the page was opened.
			http.Redirect(w, r, returnPath(sc, ""), http.StatusSeeOther)
			return
		case err != nil:
			s.serverError(w, r, err)
			return
		}
		what := "completed"
		if answer == "no" {
			what = "in progress"
		}
		s.flash(w, r, returnPath(sc, ""), "‘"+name(returnRef(sc))+"’ is marked as "+what)
	}
	return returnTask{path: e.path, name: name, tally: tally, anchor: e.anchor, mount: func(s *Server, r chi.Router) {
		r.Get(e.path, func(w http.ResponseWriter, r *http.Request) { get(s, w, r) })
		r.Post(e.path+"/completed", func(w http.ResponseWriter, r *http.Request) { completed(s, w, r) })
		e.mount(s, r)
	}}
}

// notDoneMessage refuses to mark a task at n as completed, saying what it
// still needs.
func notDoneMessage(task domain.Task, n domain.Tally) string {
	needs := task.NotDone(n)
	switch {
	case needs == "": // it changed since the page was read
		return "Check this section again before you mark it as completed"
	case task.Answer != "":
		return "Give " + needs + " before you mark this section as completed"
	}
	return "Add " + needs + " before you mark this section as completed"
}
