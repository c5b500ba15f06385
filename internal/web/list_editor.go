package web

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// listEditor declares one ordered list (store.List) to the one editor flow
// every list uses: the add and change form, the check of what was typed (the
// entry type's validate tags), the save and its conflicts, the removal after
// a confirmation, and moving an entry up or down. Where the list hangs, a
// return or the period's report, is its place (listPlace). A new list is a
// declaration like reviewItemEditor (review_items.go) or aimEditor
// (report_aims_editor.go), mounted among its place's routes.
type listEditor[T any] struct {
	place   listPlace
	entries *store.List[T]
	noun    string // an entry in headings and messages: "review item", "key objective"
	short   string // an entry once a refusal has named it, where the place says so: "item"; noun when empty
	path    string // the entries' address below the place's: "/review", "/board/plan/objectives/{objective}/items"
	list    string // the list page below the place's address; path when empty
	param   string // the address parameter of an entry's id; "id" when empty
	// within, for a list under another entry (a key objective's items), is the
	// address parameter of that entry, which under checks belongs to the place.
	within string
	under  func(ctx context.Context, st *store.Store, placeID, id int64) error
	name   func(v T) string      // names the entry in messages
	anchor func(id int64) string // the element id of the entry on the list page
	// read reads what the form's tags cannot say, such as radios that set a
	// flag, and says what is wrong with it; optional.
	read func(r *http.Request, v *T) domain.FieldErrors
	// add saves a new entry; entries.Add when nil.
	add func(ctx context.Context, st *store.Store, actor domain.Actor, sc listScope, v T) (int64, error)
	// The form: either the board's (fields, shown by templates.BoardForm),
	// or a page of the entry's own (render).
	fields func(r *http.Request, v T) []templates.BoardField
	render func(s *Server, w http.ResponseWriter, r *http.Request, sc listScope, f templates.EntryForm, v T)
}

// listPlace is where lists hang: a return (returnPlace) or the period's
// report (reportPlace). It decides who may open and change the lists, where
// a form leads back to, and how a refusal is put.
type listPlace interface {
	// scope is where the request's lists hang.
	scope(r *http.Request) listScope
	// mayOpen lets a form or a confirmation page open, or answers and reports false.
	mayOpen(s *Server, w http.ResponseWriter, r *http.Request) bool
	// maySave lets a change through, or says why the place can no longer
	// change (closed) so the page can keep what was typed, or answers and
	// reports false.
	maySave(s *Server, w http.ResponseWriter, r *http.Request) (ok bool, closed error)
	// mayMove lets a move through, or answers and reports false.
	mayMove(s *Server, w http.ResponseWriter, r *http.Request) bool
	// back is where a form leads back to: the list page, or where it came from.
	back(r *http.Request, sc listScope, list string) string
	// saved leads back after a save, saying msg; anchor is the entry's element on the list.
	saved(s *Server, w http.ResponseWriter, r *http.Request, back, anchor, msg string)
	// changed and removed explain a save refused because someone else changed
	// or removed the entry meanwhile.
	changed(noun string) string
	removed(noun string) string
	// closed says why the place can no longer change (why), for a page showing
	// what was typed (typed) or a confirmation; and whether it is because the
	// period has closed.
	closed(sc listScope, why error, typed bool) (note string, periodClosed bool)
	// removal shows the confirmation before a removal.
	removal(s *Server, w http.ResponseWriter, r *http.Request, sc listScope, v templates.Removal)
}

// listScope is where the request's entries hang.
type listScope struct {
	period *domain.Period
	ret    *returnScope // a return's lists only
	parent store.Parent // the parent of changes
	id     int64        // the parent the entries are read under: the return (0 until started), period or key objective
	base   string       // the place's address
}

func (e *listEditor[T]) idParam() string {
	if e.param == "" {
		return "id"
	}
	return e.param
}

func (e *listEditor[T]) shortNoun() string {
	if e.short == "" {
		return e.noun
	}
	return e.short
}

// mount routes the list's forms, removal and moves below the place's address.
func (e *listEditor[T]) mount(s *Server, r chi.Router) {
	entry := e.path + "/{" + e.idParam() + "}"
	r.Get(e.path+"/new", func(w http.ResponseWriter, r *http.Request) { e.newForm(s, w, r) })
	r.Post(e.path, func(w http.ResponseWriter, r *http.Request) { e.save(s, w, r, false) })
	r.Get(entry, func(w http.ResponseWriter, r *http.Request) { e.editForm(s, w, r) })
	r.Post(entry, func(w http.ResponseWriter, r *http.Request) { e.save(s, w, r, true) })
	r.Get(entry+"/remove", func(w http.ResponseWriter, r *http.Request) { e.confirmRemoval(s, w, r) })
	r.Post(entry+"/remove", func(w http.ResponseWriter, r *http.Request) { e.remove(s, w, r) })
	r.Post(entry+"/move", func(w http.ResponseWriter, r *http.Request) { e.move(s, w, r) })
}

// scope is where the request's entries hang. For a list under another entry
// it checks that the entry belongs to the place, and answers and reports
// false when it does not.
func (e *listEditor[T]) scope(s *Server, w http.ResponseWriter, r *http.Request) (listScope, bool) {
	sc := e.place.scope(r)
	if e.within == "" {
		return sc, true
	}
	id, err := idParam(r, e.within)
	if err == nil {
		err = e.under(r.Context(), s.store, sc.id, id)
	}
	if err != nil {
		s.renderError(w, r, err)
		return sc, false
	}
	sc.parent, sc.id = store.Under(id), id
	return sc, true
}

// entriesPath is the entries' address, plus a suffix such as "/12/remove".
func (e *listEditor[T]) entriesPath(sc listScope, suffix string) string {
	path := e.path
	if e.within != "" {
		path = strings.Replace(path, "{"+e.within+"}", strconv.FormatInt(sc.id, 10), 1)
	}
	return sc.base + path + suffix
}

func (e *listEditor[T]) entryPath(sc listScope, id int64, suffix string) string {
	return e.entriesPath(sc, "/"+strconv.FormatInt(id, 10)+suffix)
}

// listPath is the list page's address.
func (e *listEditor[T]) listPath(sc listScope) string {
	if e.list == "" {
		return e.entriesPath(sc, "")
	}
	return sc.base + e.list
}

// load finds the request's entry; id is 0 when the address holds none.
func (e *listEditor[T]) load(s *Server, r *http.Request, sc listScope) (int64, T, error) {
	id, err := idParam(r, e.idParam())
	if err != nil {
		var zero T
		return 0, zero, err
	}
	v, err := e.entries.Get(r.Context(), s.store, sc.id, id)
	return id, v, err
}

func (e *listEditor[T]) newForm(s *Server, w http.ResponseWriter, r *http.Request) {
	sc, ok := e.scope(s, w, r)
	if !ok || !e.place.mayOpen(s, w, r) {
		return
	}
	var v T
	e.renderForm(s, w, r, sc, e.form(r, sc, 0, 0), v)
}

func (e *listEditor[T]) editForm(s *Server, w http.ResponseWriter, r *http.Request) {
	sc, ok := e.scope(s, w, r)
	if !ok || !e.place.mayOpen(s, w, r) {
		return
	}
	id, v, err := e.load(s, r, sc)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	e.renderForm(s, w, r, sc, e.form(r, sc, id, e.entries.Entry(&v).Version), v)
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
	sc, ok := e.scope(s, w, r)
	if !ok {
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	ok, closed := e.place.maySave(s, w, r)
	if !ok && closed == nil {
		return
	}
	var id int64
	var v T
	removed := false
	if editing {
		// The entry as saved: what it is decides some of its fields (a built-in section has no text).
		var err error
		id, v, err = e.load(s, r, sc)
		switch {
		case isNotFound(err) && id != 0:
			removed = true
		case err != nil:
			s.renderError(w, r, err)
			return
		}
	}
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
	case len(errs) > 0:
		f.Errors = errs
	default:
		if e.store(s, w, r, sc, &f, id, v) {
			return
		}
	}
	e.renderForm(s, w, r, sc, f, v)
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

// readForm reads v from the posted form and says what is wrong with it, in
// the order the form shows its fields.
func (e *listEditor[T]) readForm(r *http.Request, v *T) domain.FieldErrors {
	readTagged(r, v)
	var errs domain.FieldErrors
	if e.read != nil {
		errs = e.read(r, v)
	}
	errs = append(errs, checkForm(v)...)
	if e.fields != nil {
		var order []string
		for _, f := range e.fields(r, *v) {
			order = append(order, f.Name)
		}
		slices.SortStableFunc(errs, func(a, b domain.FieldError) int {
			return slices.Index(order, a.Field) - slices.Index(order, b.Field)
		})
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// readTagged fills each field of v with a form tag from the posted form:
// text as textField reads it, and a whole number as a choice of id (0 for
// none, or for anything but an id, which only a hand-made form could send).
func readTagged(r *http.Request, v any) {
	rv := reflect.ValueOf(v).Elem()
	for i := range rv.NumField() {
		name := rv.Type().Field(i).Tag.Get("form")
		if name == "" {
			continue
		}
		switch f := rv.Field(i); f.Kind() {
		case reflect.String:
			f.SetString(textField(r, name))
		case reflect.Int64:
			id, err := strconv.ParseInt(r.PostFormValue(name), 10, 64)
			if err != nil || id < 0 {
				id = 0
			}
			f.SetInt(id)
		}
	}
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

// removal is the confirmation page's model for entry id as it is.
func (e *listEditor[T]) removal(sc listScope, id int64, v T) templates.Removal {
	return templates.Removal{Kind: e.noun, Name: templates.Shorten(e.name(v), 80), Action: e.entryPath(sc, id, "/remove"),
		Cancel: e.listPath(sc), Version: e.entries.Entry(&v).Version}
}

// confirmRemoval asks whether to remove an entry.
func (e *listEditor[T]) confirmRemoval(s *Server, w http.ResponseWriter, r *http.Request) {
	sc, ok := e.scope(s, w, r)
	if !ok || !e.place.mayOpen(s, w, r) {
		return
	}
	id, v, err := e.load(s, r, sc)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	e.place.removal(s, w, r, sc, e.removal(sc, id, v))
}

// remove removes an entry unless it changed since the confirmation page was opened.
func (e *listEditor[T]) remove(s *Server, w http.ResponseWriter, r *http.Request) {
	sc, ok := e.scope(s, w, r)
	if !ok {
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	ok, closed := e.place.maySave(s, w, r)
	if !ok && closed == nil {
		return
	}
	list := e.listPath(sc)
	gone := func() { s.flash(w, r, list, "That "+e.noun+" had already been removed") }
	id, v, err := e.load(s, r, sc)
	switch {
	case isNotFound(err) && id != 0:
		gone()
		return
	case err != nil:
		s.renderError(w, r, err)
		return
	}
	view := e.removal(sc, id, v)
	if closed == nil {
		version, err := formVersion(r, "version")
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		err = e.entries.Remove(r.Context(), s.store, domain.UserActor(currentUser(r.Context())), sc.parent, id, version)
		switch {
		case err == nil:
			s.flash(w, r, list, "The "+e.noun+" ‘"+view.Name+"’ has been removed")
			return
		case isNotFound(err):
			gone()
			return
		case errors.Is(err, domain.ErrStale):
			view.Conflict = "Someone else changed this " + e.noun + " since you opened this page. Check it is still the one you want to remove."
			view.Current = e.entryPath(sc, id, "")
		case isClosed(err):
			closed = err
		default:
			s.renderError(w, r, err)
			return
		}
	}
	if closed != nil {
		view.Closed = true
		view.Conflict, view.PeriodClosed = e.place.closed(sc, closed, false)
	}
	e.place.removal(s, w, r, sc, view)
}

// statusOfRemoval is the HTTP status of a confirmation page: 403 once the
// period has closed, 409 when the removal was refused.
func statusOfRemoval(v templates.Removal) int {
	switch {
	case v.PeriodClosed:
		return http.StatusForbidden
	case v.Conflict != "":
		return http.StatusConflict
	}
	return http.StatusOK
}

// move moves an entry one place up or down the list, then leads back to it.
func (e *listEditor[T]) move(s *Server, w http.ResponseWriter, r *http.Request) {
	sc, ok := e.scope(s, w, r)
	if !ok || !e.place.mayMove(s, w, r) {
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	by, word := 0, r.PostFormValue("direction")
	switch word {
	case "up":
		by = -1
	case "down":
		by = 1
	default:
		s.renderError(w, r, errBadRequest)
		return
	}
	id, v, err := e.load(s, r, sc)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	err = e.entries.Move(r.Context(), s.store, domain.UserActor(currentUser(r.Context())), sc.parent, id, by)
	switch {
	case err == nil:
		// Back to the entry just moved, so keyboard users carry on from there.
		s.flashNear(w, r, e.listPath(sc), e.anchor(id), "‘"+templates.Shorten(e.name(v), 80)+"’ has been moved "+word)
	case errors.Is(err, domain.ErrInvalidTransition):
		s.renderStatus(w, r, http.StatusConflict)
	default:
		s.renderError(w, r, err)
	}
}
