package web

import (
	"errors"
	"net/http"
	"strconv"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// The editor flow's add and change forms (listEditor): open, check, save,
// and the conflicts a save can meet.

func (e *listEditor[T]) newForm(s *Server, w http.ResponseWriter, r *http.Request) {
	sc, ok := e.scope(s, w, r)
	if !ok || !e.place.mayOpen(s, w, r) {
		return
	}
	var v T
	e.renderForm(s, w, r, sc, e.form(r, sc, 0, 0), v)
}

func (e *listEditor[T]) editForm(s *Server, w http.ResponseWriter, r *http.Request) {
	if sc, id, v, ok := e.opened(s, w, r); ok {
		e.renderForm(s, w, r, sc, e.form(r, sc, id, e.entries.Entry(&v).Version), v)
	}
}

// opened is the entry a page about it opens on; it answers and reports false
// when the page may not open or there is no such entry.
func (e *listEditor[T]) opened(s *Server, w http.ResponseWriter, r *http.Request) (listScope, int64, T, bool) {
	sc, ok := e.scope(s, w, r)
	if !ok || !e.place.mayOpen(s, w, r) {
		var zero T
		return sc, 0, zero, false
	}
	id, v, err := e.load(s, r, sc)
	if err != nil {
		s.renderError(w, r, err)
		return sc, 0, v, false
	}
	return sc, id, v, true
}

// form is a form's state: adding (id 0), or changing entry id as it was at version.
func (e *listEditor[T]) form(r *http.Request, sc listScope, id int64, version int) templates.EntryForm {
	f := templates.EntryForm{Action: e.entriesPath(sc, ""), Back: e.place.back(r, sc, e.listPath(sc))}
	if id != 0 {
		f.Action, f.Editing, f.Version = e.entryPath(sc, id, ""), true, version
	}
	return f
}

// save adds an entry, or saves a change to one, then leads back to the list
// or where the form came from. Nothing typed is lost: mistakes show the form
// again with 422; a save refused because someone else changed or removed the
// entry shows it again with 409, the text kept to copy or save again, and so
// does one refused because the place can no longer change (403 once the
// period has closed).
func (e *listEditor[T]) save(s *Server, w http.ResponseWriter, r *http.Request, editing bool) {
	// The entry as saved: what it is decides some of its fields (a built-in section has no text).
	p, ok := e.posted(s, w, r, editing)
	if !ok {
		return
	}
	sc, id, v, closed, removed := p.sc, p.id, p.v, p.closed, p.gone
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	errs := e.readForm(r, &v)
	f := e.form(r, sc, id, version)
	switch {
	case closed != nil:
		f.Closed = true
		f.Conflict, f.PeriodClosed = e.place.closed(sc, closed, true)
	case removed:
		f.Errors = errs
		e.removedMeanwhile(&f, sc)
	case isPreview(r):
		// Nothing is saved: the form again, as typed, its Markdown rendered,
		// with any reference Save would refuse named.
		f.Errors = checkRefs(r, &v)
	case len(errs) > 0:
		f.Errors = errs
	default:
		if e.store(s, w, r, sc, &f, id, v) {
			return
		}
	}
	e.renderForm(s, w, r, sc, f, v)
}

// posted is what a change posted to the list starts from.
type posted[T any] struct {
	sc     listScope
	id     int64 // the entry's, when the address names one
	v      T     // the entry as saved
	gone   bool  // someone else removed it meanwhile
	closed error // why the place can no longer change, when it cannot
}

// posted reads a change posted to the list and, when entry, the entry it is
// about; it answers and reports false when the change goes no further.
func (e *listEditor[T]) posted(s *Server, w http.ResponseWriter, r *http.Request, entry bool) (posted[T], bool) {
	var p posted[T]
	var ok bool
	if p.sc, ok = e.scope(s, w, r); !ok {
		return p, false
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return p, false
	}
	if ok, p.closed = e.place.maySave(s, w, r); !ok && p.closed == nil {
		return p, false
	}
	if !entry {
		return p, true
	}
	var err error
	p.id, p.v, err = e.load(s, r, p.sc)
	switch {
	case isNotFound(err) && p.id != 0:
		p.gone = true
	case err != nil:
		s.renderError(w, r, err)
		return p, false
	}
	return p, true
}

// store saves v, as a new entry (id 0) or over entry id, and leads back; when
// the save is refused it puts why in f and reports false for the form to be
// shown again, unless it has answered itself.
func (e *listEditor[T]) store(s *Server, w http.ResponseWriter, r *http.Request, sc listScope, f *templates.EntryForm, id int64, v T) bool {
	actor, verb := domain.UserActor(currentUser(r.Context())), "added"
	var err error
	if f.Editing {
		version, verr := formVersion(r, "version")
		if verr != nil {
			s.renderError(w, r, verr)
			return true
		}
		err, verb = e.entries.Update(r.Context(), s.store, actor, sc.parent, id, version, v), "saved"
	} else if e.add != nil {
		id, err = e.add(r.Context(), s.store, actor, sc, v)
	} else {
		id, err = e.entries.Add(r.Context(), s.store, actor, sc.parent, v)
	}
	switch {
	case err == nil:
		e.place.saved(s, w, r, f.Back, e.anchor(id), "The "+e.noun+" ‘"+templates.Shorten(e.name(v), 80)+"’ has been "+verb)
		return true
	case f.Editing && errors.Is(err, domain.ErrStale):
		f.Conflict, f.Current = e.place.changed(e.shortNoun()), f.Action
	case f.Editing && isNotFound(err):
		e.removedMeanwhile(f, sc)
	case isClosed(err):
		f.Closed = true
		f.Conflict, f.PeriodClosed = e.place.closed(sc, err, true)
	default:
		s.serverError(w, r, err)
		return true
	}
	return false
}

// removedMeanwhile turns a change to an entry someone else removed into a
// form that adds it again.
func (e *listEditor[T]) removedMeanwhile(f *templates.EntryForm, sc listScope) {
	f.Conflict = e.place.removed(e.shortNoun())
	f.Editing, f.Action, f.Version = false, e.entriesPath(sc, ""), 0
}

// renderForm shows the add or change form, with a status that says how it went.
func (e *listEditor[T]) renderForm(s *Server, w http.ResponseWriter, r *http.Request, sc listScope, f templates.EntryForm, v T) {
	if e.render != nil {
		e.render(s, w, r, sc, f, v)
		return
	}
	view := templates.BoardFormView{EntryForm: f, Caption: reportCaption(sc.period), Heading: "Add a " + e.noun, Save: "Save the " + e.noun}
	if f.Editing {
		view.Heading = "Change the " + e.noun
	}
	for _, field := range e.fields(r, v) {
		field.Error = f.Errors.For(field.Name)
		view.Fields = append(view.Fields, field)
	}
	s.renderBoardForm(w, r, view)
}

// statusFor is the HTTP status of a form shown again: 403 once the period
// has closed, 409 for another refused save, 422 for mistakes.
func statusFor(f templates.EntryForm) int {
	switch {
	case f.PeriodClosed:
		return http.StatusForbidden
	case f.Conflict != "":
		return http.StatusConflict
	case len(f.Errors) > 0:
		return http.StatusUnprocessableEntity
	}
	return http.StatusOK
}
