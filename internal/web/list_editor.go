package web

import (
	"context"
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
// a confirmation, and moving an entry up or down (list_forms.go,
// list_removal.go, list_moves.go). Where the list hangs, a return or the
// period's report, is its place (listPlace). A new list is a declaration like
// reviewItemEditor (review_items.go) or aimEditor (report_aims.go), mounted
// among its place's routes. A list of answers to entries that come from
// elsewhere, such as last year's objectives, sets answers and get
// (last_year.go): it has the change form only.
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
	// answers marks a list whose entries come from elsewhere, such as answers
	// to last year's objectives: they are changed, never added, removed or
	// moved, so only the change form is routed.
	answers bool
	// get reads one entry, where entries.Get under the place cannot, such as
	// an answer not yet saved; optional.
	get func(ctx context.Context, st *store.Store, sc listScope, id int64) (T, error)
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

// mount routes the list's forms, removal and moves below the place's
// address; a list of answers, its change form only.
func (e *listEditor[T]) mount(s *Server, r chi.Router) {
	entry := e.path + "/{" + e.idParam() + "}"
	if e.answers {
		r.Get(entry, func(w http.ResponseWriter, r *http.Request) { e.editForm(s, w, r) })
		r.Post(entry, func(w http.ResponseWriter, r *http.Request) { e.save(s, w, r, true) })
		return
	}
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
	if e.get != nil {
		v, err := e.get(r.Context(), s.store, sc, id)
		return id, v, err
	}
	v, err := e.entries.Get(r.Context(), s.store, sc.id, id)
	return id, v, err
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
	for _, fe := range checkRefs(r, v) {
		errs.Add(fe.Field, fe.Message)
	}
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
		sf := rv.Type().Field(i)
		if sf.Anonymous && sf.Type.Kind() == reflect.Struct {
			// The fields of an embedded part, such as an answer's domain.ObjectiveResult.
			readTagged(r, rv.Field(i).Addr().Interface())
			continue
		}
		name := sf.Tag.Get("form")
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
