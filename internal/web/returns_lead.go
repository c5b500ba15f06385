package web

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// msgReturnSubmitted is shown with the typed text when the return was submitted while the lead was typing.
const msgReturnSubmitted = "This return has been submitted, so it can no longer be changed. Your text is below so you can keep a copy."

// periodHome sends a lead to their own return; the board gets links to the
// returns overview and the report sections, as far as each may read them.
func (s *Server) periodHome(w http.ResponseWriter, r *http.Request) {
	user, period := currentUser(r.Context()), currentPeriod(r.Context())
	if agencyID, ok := LeadAgency(user); ok {
		agency, err := s.store.AgencyByID(r.Context(), agencyID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		http.Redirect(w, r, "/periods/"+period.Slug+"/returns/"+agency.Slug, http.StatusSeeOther)
		return
	}
	view := templates.PeriodHomeView{
		Period: *period, SeeOverview: Can(user, ActionViewReturnsOverview), SeeReport: Can(user, ActionReadReport),
		SeeDashboard: Can(user, ActionViewDashboard), WriteBoardSections: Can(user, ActionEditOverview),
		Publish: Can(user, ActionPublishReport),
	}
	s.render(w, r, http.StatusOK, templates.PeriodHome(s.page(r, period.Label+" reporting period", ""), view))
}

// returnPage is the lead's task list while they may change the return, and
// the whole return read-only otherwise; the board's review panel follows.
func (s *Server) returnPage(w http.ResponseWriter, r *http.Request) {
	ctx, sc, user := r.Context(), currentReturn(r.Context()), currentUser(r.Context())
	ret := sc.Return
	panel, err := s.reviewPanel(r, sc)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view := templates.ReturnPageView{
		Ref: returnRef(sc), Status: ret.Status, Deadline: sc.Period.Deadline, PeriodOpen: sc.Period.IsOpen,
		Overdue:   sc.Period.ReturnOverdue(ret.Status, time.Now()),
		TaskList:  CanActOnReturn(user, domain.ActionEdit, sc.Agency.ID, ret.Status, sc.Period.IsOpen),
		OwnReturn: IsAgencyLead(user, sc.Agency.ID), ItemCount: ret.ItemCount, ObjCount: ret.ObjCount,
		SubmittedAt: ret.SubmittedAt, Panel: panel,
	}
	if view.Figures, err = s.returnFigures(ctx, sc); err != nil {
		s.serverError(w, r, err)
		return
	}
	if view.TaskList && ret.Status == domain.StatusReturned {
		// The banner shows why the return was sent back; the panel's comments need not show it again.
		view.SentBack, view.Panel.Comments = takeLatestSendBack(panel.Comments)
	}
	if !view.TaskList && ret.ID != 0 {
		if view.Items, err = s.store.ReviewItems(ctx, ret.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
		if view.Objectives, err = s.store.Objectives(ctx, ret.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, templates.ReturnPage(s.page(r, sc.Agency.Name+" – "+sc.Period.Label+" return", ""), view))
}

// takeLatestSendBack separates the manager's most recent reason for sending
// the return back, or nil, from the other comments, which keep their order.
func takeLatestSendBack(comments []domain.Comment) (*domain.Comment, []domain.Comment) {
	for i := len(comments) - 1; i >= 0; i-- {
		if comments[i].SendBack {
			latest := comments[i]
			return &latest, slices.Delete(slices.Clone(comments), i, i+1)
		}
	}
	return nil, comments
}

// returnRef names the current return for headings and links.
func returnRef(sc *returnScope) templates.ReturnRef {
	next := domain.PeriodForYear(sc.Period.StartsOn.Year() + 1)
	return templates.ReturnRef{
		AgencyName: sc.Agency.Name, PeriodLabel: sc.Period.Label, NextLabel: next.Label, Path: returnPath(sc, ""),
	}
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

// formVersion reads a hidden version field; a missing or garbled one is a bad request.
func formVersion(r *http.Request, name string) (int, error) {
	v, err := strconv.Atoi(r.PostFormValue(name))
	if err != nil {
		return 0, errBadRequest
	}
	return v, nil
}

// textField reads a textarea. Browsers send CRLF line ends; LF keeps the
// character limits counting what people see.
func textField(r *http.Request, name string) string {
	return strings.TrimSpace(strings.ReplaceAll(r.PostFormValue(name), "\r\n", "\n"))
}

// itemForm is the shared part of an add or change form's view.
func itemForm(r *http.Request, sc *returnScope, list, action string, editing bool) templates.ItemForm {
	f := templates.ItemForm{Ref: returnRef(sc), Action: action, Editing: editing, ReturnVersion: sc.Return.Version}
	from := r.URL.Query().Get("from")
	if r.Method == http.MethodPost {
		from = r.PostFormValue("from")
		f.ReturnVersion, _ = strconv.Atoi(r.PostFormValue("return_version"))
		f.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	}
	f.Back = returnPath(sc, list)
	if from == "check" {
		f.From, f.Back = from, returnPath(sc, "/check")
	}
	return f
}

// closeForm turns a form into the page for a return that can no longer be
// changed, saying why (isClosed): the text stays, the save button goes.
func closeForm(f *templates.ItemForm, why error) {
	f.Closed = true
	if errors.Is(why, domain.ErrPeriodClosed) {
		f.Conflict, f.PeriodClosed = templates.ClosedPeriodNote(f.Ref.PeriodLabel)+" Your text is below so you can keep a copy.", true
		return
	}
	f.Conflict = msgReturnSubmitted
}

// formPage is the layout model of a form page, its title prefixed "Error:" when it shows a problem.
func (s *Server) formPage(r *http.Request, title string, problem bool) templates.Page {
	p := s.page(r, title, "")
	p.HasErrors = problem
	return p
}

// statusFor is the HTTP status of a re-shown form: 403 once the period has
// closed, 409 for another refused save, 422 for mistakes.
func statusFor(f templates.ItemForm) int {
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

// entryKind is what the shared remove and move handlers need to know about
// review items or objectives, the two ordered lists of a return.
type entryKind struct {
	noun  string // "review item" or "objective"
	short string // "item" or "objective", for messages that have just named it
	list  string // the list page's address below the return: "/review" or "/objectives"
	param string // the address parameter holding the entry's id
	// find loads an entry's name, as the confirmation page shows it, and its version.
	find   func(ctx context.Context, st *store.Store, returnID, id int64) (string, int, error)
	remove func(st *store.Store, ctx context.Context, actor domain.Actor, periodID, agencyID, id int64, version int) error
	move   func(st *store.Store, ctx context.Context, actor domain.Actor, periodID, agencyID, id int64, by int) error
	// cardID is the element id of an entry's card on the list page.
	cardID func(id int64) string
}

func (k entryKind) path(sc *returnScope, id int64, suffix string) string {
	return returnPath(sc, k.list+"/"+strconv.FormatInt(id, 10)+suffix)
}

// confirmRemoval asks the lead whether to remove an entry.
func (s *Server) confirmRemoval(w http.ResponseWriter, r *http.Request, k entryKind) {
	if !s.mayOpenEditor(w, r) {
		return
	}
	sc := currentReturn(r.Context())
	id, err := idParam(r, k.param)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	name, version, err := k.find(r.Context(), s.store, sc.Return.ID, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.renderRemoval(w, r, removeView(sc, k, id, name, version))
}

// removeEntry removes an entry unless it changed since the confirmation page was opened.
func (s *Server) removeEntry(w http.ResponseWriter, r *http.Request, k entryKind) {
	sc := currentReturn(r.Context())
	id, err := idParam(r, k.param)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	ok, closed := s.maySave(w, r)
	if !ok && closed == nil {
		return
	}
	gone := func() { s.flash(w, r, returnPath(sc, k.list), "That "+k.noun+" had already been removed") }
	name, current, err := k.find(r.Context(), s.store, sc.Return.ID, id)
	if isNotFound(err) {
		gone()
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view := removeView(sc, k, id, name, current)
	if closed == nil {
		version, err := formVersion(r, "version")
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		err = k.remove(s.store, r.Context(), domain.UserActor(currentUser(r.Context())), sc.Period.ID, sc.Agency.ID, id, version)
		switch {
		case err == nil:
			s.flash(w, r, returnPath(sc, k.list), "The "+k.noun+" ‘"+name+"’ has been removed")
			return
		case isNotFound(err):
			gone()
			return
		case errors.Is(err, domain.ErrStale):
			view.Conflict = "Someone else changed this " + k.noun + " since you opened this page. Check it is still the one you want to remove."
			view.Current = k.path(sc, id, "")
		case isClosed(err):
			closed = err
		default:
			s.serverError(w, r, err)
			return
		}
	}
	if closed != nil {
		view.Conflict, view.Closed = "This return has been submitted, so it can no longer be changed.", true
		if errors.Is(closed, domain.ErrPeriodClosed) {
			view.Conflict, view.PeriodClosed = templates.ClosedPeriodNote(sc.Period.Label), true
		}
	}
	s.renderRemoval(w, r, view)
}

func removeView(sc *returnScope, k entryKind, id int64, name string, version int) templates.RemoveView {
	return templates.RemoveView{
		Ref: returnRef(sc), Kind: k.noun, Name: templates.Shorten(name, 80),
		Action: k.path(sc, id, "/remove"), Cancel: returnPath(sc, k.list),
		Version: version, ReturnVersion: sc.Return.Version,
	}
}

func (s *Server) renderRemoval(w http.ResponseWriter, r *http.Request, v templates.RemoveView) {
	status := http.StatusOK
	switch {
	case v.PeriodClosed:
		status = http.StatusForbidden
	case v.Conflict != "":
		status = http.StatusConflict
	}
	s.render(w, r, status, templates.RemoveConfirm(s.formPage(r, "Remove the "+v.Kind, v.Conflict != ""), v))
}

// moveEntry moves an entry one place up or down the list.
func (s *Server) moveEntry(w http.ResponseWriter, r *http.Request, k entryKind) {
	if !s.mayAct(w, r, domain.ActionEdit) {
		return
	}
	sc := currentReturn(r.Context())
	id, err := idParam(r, k.param)
	if err != nil {
		s.renderError(w, r, err)
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
	name, _, err := k.find(r.Context(), s.store, sc.Return.ID, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	err = k.move(s.store, r.Context(), domain.UserActor(currentUser(r.Context())), sc.Period.ID, sc.Agency.ID, id, by)
	switch {
	case err == nil:
		// Back to the entry just moved, so keyboard users carry on from there.
		s.flashNear(w, r, returnPath(sc, k.list), k.cardID(id), "‘"+templates.Shorten(name, 80)+"’ has been moved "+word)
	case errors.Is(err, domain.ErrInvalidTransition):
		s.renderStatus(w, r, http.StatusConflict)
	default:
		s.renderError(w, r, err)
	}
}
