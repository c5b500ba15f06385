package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// The board's review of a return: accept it, send it back with a comment, reopen
// an accepted one, and comment on it. Accepting and sending back lead to the
// returns overview, where the manager picks the next return; reopening and
// commenting stay on the return.

// reviewPanel builds the board's review controls for the return page.
func (s *Server) reviewPanel(r *http.Request, sc *returnScope) (templates.ReviewPanelView, error) {
	user := currentUser(r.Context())
	ret := sc.Return
	open := sc.Period.IsOpen
	v := templates.ReviewPanelView{
		PeriodSlug:   sc.Period.Slug,
		AgencySlug:   sc.Agency.Slug,
		Status:       ret.Status,
		Version:      ret.Version,
		PeriodClosed: !open,
		CanAccept:    CanActOnReturn(user, domain.ActionAccept, sc.Agency.ID, ret.Status, open),
		CanSendBack:  CanActOnReturn(user, domain.ActionSendBack, sc.Agency.ID, ret.Status, open),
		CanReopen:    CanActOnReturn(user, domain.ActionReopen, sc.Agency.ID, ret.Status, open),
		CanComment:   CanComment(user, sc.Agency.ID, ret.Status),
	}
	if ret.ID == 0 {
		return v, nil
	}
	var err error
	if v.Comments, err = s.store.Comments(r.Context(), ret.ID); err != nil {
		return v, err
	}
	if CanSeeReviewHistory(user) {
		changes, err := s.store.StatusHistory(r.Context(), ret.ID)
		if err != nil {
			return v, err
		}
		for _, c := range changes {
			v.History = append(v.History, templates.ReviewHistoryEntry{From: c.From, To: c.To, ActorName: c.ActorName, ActorRole: c.ActorRole, At: c.At})
		}
	}
	return v, nil
}

func (s *Server) acceptReturn(w http.ResponseWriter, r *http.Request) {
	s.reviewAction(w, r, domain.ActionAccept)
}

func (s *Server) reopenReturn(w http.ResponseWriter, r *http.Request) {
	s.reviewAction(w, r, domain.ActionReopen)
}

// reviewAction accepts or reopens a return, unless it changed since the manager's page was opened.
func (s *Server) reviewAction(w http.ResponseWriter, r *http.Request, action domain.ReturnAction) {
	sc := currentReturn(r.Context())
	version, ok := s.reviewVersion(w, r, action)
	if !ok {
		return
	}
	if version != sc.Return.Version {
		s.reviewConflict(w, r, action)
		return
	}
	if !s.mayAct(w, r, action) {
		return
	}
	_, err := s.store.Transition(r.Context(), domain.UserActor(currentUser(r.Context())), sc.Return.ID, version, action, "")
	if isStale(err) {
		s.reviewConflict(w, r, action)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if action == domain.ActionAccept {
		s.flash(w, r, "/periods/"+sc.Period.Slug+"/returns", sc.Agency.Name+"’s return has been accepted")
		return
	}
	s.flash(w, r, returnPath(sc, ""), "The return has been reopened for review")
}

// reviewVersion refuses users whose role can never do action to this return
// (403), then reads the return version the form was opened with (400 when missing).
func (s *Server) reviewVersion(w http.ResponseWriter, r *http.Request, action domain.ReturnAction) (int, bool) {
	sc := currentReturn(r.Context())
	if !MightActOnReturn(currentUser(r.Context()), action, sc.Agency.ID, sc.Period.IsOpen) {
		s.renderStatus(w, r, http.StatusForbidden)
		return 0, false
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return 0, false
	}
	version, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil {
		s.renderStatus(w, r, http.StatusBadRequest)
		return 0, false
	}
	return version, true
}

// reviewConflict explains, with 409, that the return changed since the page
// was opened and nothing was done, and shows what can be done to it now.
func (s *Server) reviewConflict(w http.ResponseWriter, r *http.Request, action domain.ReturnAction) {
	sc, err := s.freshScope(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	panel, err := s.reviewPanel(r, sc)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view := templates.ReviewConflictView{
		AgencyName:  sc.Agency.Name,
		PeriodLabel: sc.Period.Label,
		ReturnPath:  returnPath(sc, ""),
		Message:     changedMessage(sc, action),
		Panel:       panel,
	}
	s.render(w, r, http.StatusConflict, templates.ReviewConflict(s.page(r, "The return has changed", ""), view))
}

// freshScope reads the return again, as it is now rather than as the request began.
func (s *Server) freshScope(r *http.Request) (*returnScope, error) {
	sc := currentReturn(r.Context())
	ret, err := s.store.ReturnFor(r.Context(), sc.Period.ID, sc.Agency.ID)
	if err != nil {
		return nil, err
	}
	return &returnScope{Period: sc.Period, Agency: sc.Agency, Return: ret}, nil
}

// changedMessage says that the return changed and the action was not done.
func changedMessage(sc *returnScope, action domain.ReturnAction) string {
	what := map[domain.ReturnAction]string{
		domain.ActionAccept:   "accept it",
		domain.ActionSendBack: "send it back",
		domain.ActionReopen:   "reopen it",
	}[action]
	return domain.Possessive(sc.Agency.Name) + " return changed after you opened the page and is now " +
		strings.ToLower(sc.Return.Status.Title()) + ", so it was not possible to " + what + "."
}

func (wf *returnWorkflow) sendBackForm(s *Server, w http.ResponseWriter, r *http.Request) {
	sc := currentReturn(r.Context())
	user := currentUser(r.Context())
	if !MightActOnReturn(user, domain.ActionSendBack, sc.Agency.ID, sc.Period.IsOpen) {
		s.renderStatus(w, r, http.StatusForbidden)
		return
	}
	if !CanActOnReturn(user, domain.ActionSendBack, sc.Agency.ID, sc.Return.Status, sc.Period.IsOpen) {
		// The manager followed a link from a page that is out of date.
		s.reviewConflict(w, r, domain.ActionSendBack)
		return
	}
	view, _, err := wf.sendBackView(r, s, sc)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderSendBack(w, r, http.StatusOK, view)
}

// sendBackView is the send-back form for the return: its comment and, for
// each of the return's entries, the manager's optional comment on it, as
// posted when the request is a post; with the comments on entries to save.
func (wf *returnWorkflow) sendBackView(r *http.Request, s *Server, sc *returnScope) (templates.SendBackView, []store.EntryComment, error) {
	v := templates.SendBackView{
		AgencyName:  sc.Agency.Name,
		PeriodLabel: sc.Period.Label,
		ReturnPath:  returnPath(sc, ""),
		Version:     sc.Return.Version,
		CanSendBack: true,
	}
	content, err := wf.content(r.Context(), s, sc)
	if err != nil {
		return v, nil, err
	}
	var about []store.EntryComment
	for _, e := range content.entries {
		f := templates.EntryCommentField{Field: "comment-" + e.Task + "-" + strconv.FormatInt(e.ID, 10), Label: e.Name}
		if r.Method == http.MethodPost {
			f.Comment = commentNamed(r, f.Field)
			if f.Comment != "" {
				about = append(about, store.EntryComment{About: domain.EntryRef{Task: e.Task, ID: e.ID}, Body: f.Comment})
			}
			if utf8.RuneCountInString(f.Comment) > domain.MaxCommentLength {
				v.Errors.Add(f.Field, "Your comment on "+e.Name+" must be 10,000 characters or fewer")
			}
		}
		v.Entries = append(v.Entries, f)
	}
	return v, about, nil
}

func (wf *returnWorkflow) sendBackReturn(s *Server, w http.ResponseWriter, r *http.Request) {
	sc := currentReturn(r.Context())
	user := currentUser(r.Context())
	version, ok := s.reviewVersion(w, r, domain.ActionSendBack)
	if !ok {
		return
	}
	if version != sc.Return.Version {
		wf.sendBackConflict(s, w, r)
		return
	}
	if !s.mayAct(w, r, domain.ActionSendBack) {
		return
	}
	view, about, err := wf.sendBackView(r, s, sc)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view.Comment = commentField(r)
	errs := checkForm(sendBackForm{Comment: view.Comment})
	view.Errors = append(errs, view.Errors...)
	if len(view.Errors) > 0 {
		s.renderSendBack(w, r, http.StatusUnprocessableEntity, view)
		return
	}
	err = s.store.SendBack(r.Context(), domain.UserActor(user), sc.Return.ID, version, view.Comment, about)
	if isStale(err) || errors.Is(err, domain.ErrConflict) {
		// The return changed meanwhile, or an entry commented on was removed.
		wf.sendBackConflict(s, w, r)
		return
	}
	if err != nil { // such as domain.ErrPeriodClosed, when the period closed a moment ago
		s.renderError(w, r, err)
		return
	}
	s.flash(w, r, "/periods/"+sc.Period.Slug+"/returns", "The return has been sent back to "+sc.Agency.Name)
}

// sendBackConflict shows the send-back form again, with 409, when the return
// changed since it was opened: the comments typed are kept, and they can be
// sent again if the return is still waiting for review, or the comment on
// the whole return added as a comment.
func (wf *returnWorkflow) sendBackConflict(s *Server, w http.ResponseWriter, r *http.Request) {
	sc, err := s.freshScope(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	user := currentUser(r.Context())
	view, _, err := wf.sendBackView(r, s, sc)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view.Comment = commentField(r)
	view.Errors = nil
	view.CanSendBack = CanActOnReturn(user, domain.ActionSendBack, sc.Agency.ID, sc.Return.Status, sc.Period.IsOpen)
	view.CanComment = CanComment(user, sc.Agency.ID, sc.Return.Status)
	view.Conflict = changedMessage(sc, domain.ActionSendBack) + " Your comment is shown below."
	s.renderSendBack(w, r, http.StatusConflict, view)
}

func (s *Server) renderSendBack(w http.ResponseWriter, r *http.Request, status int, view templates.SendBackView) {
	p := s.page(r, "Send the return back", "")
	p.HasErrors = view.Problem()
	s.render(w, r, status, templates.SendBackForm(p, view))
}

// addComment adds a comment to the return. The route does not refuse those
// who may not see the return (server.go), so that a comment typed by the
// chair while the manager sent the return back is shown to them to keep
// rather than lost with a plain 403.
func (s *Server) addComment(w http.ResponseWriter, r *http.Request) {
	sc := currentReturn(r.Context())
	user := currentUser(r.Context())
	if !CanSeeReturn(user, sc.Agency.ID, sc.Return.Status) && !CommentsOnReturns(user) {
		s.renderStatus(w, r, http.StatusForbidden)
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	view := templates.CommentFormView{
		AgencyName: sc.Agency.Name, PeriodLabel: sc.Period.Label, ReturnPath: returnPath(sc, ""),
		Comment: commentField(r),
	}
	if !CanSeeReturn(user, sc.Agency.ID, sc.Return.Status) {
		view.Conflict, view.OverviewPath = commentTooLate(sc.Return.Status), "/periods/"+sc.Period.Slug+"/returns"
		s.renderCommentForm(w, r, http.StatusConflict, view)
		return
	}
	if !CanComment(user, sc.Agency.ID, sc.Return.Status) {
		s.renderStatus(w, r, http.StatusForbidden)
		return
	}
	if view.Errors = checkForm(commentForm{Comment: view.Comment}); view.Errors != nil {
		s.renderCommentForm(w, r, http.StatusUnprocessableEntity, view)
		return
	}
	if err := s.store.AddComment(r.Context(), domain.UserActor(user), sc.Return.ID, view.Comment); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(w, r, returnPath(sc, ""), "Your comment has been added")
}

// commentTooLate tells someone who comments on returns why their comment on
// one now in status, which they may no longer see, was not added.
func commentTooLate(status domain.ReturnStatus) string {
	const keep = " Your comment is below so you can keep a copy."
	if status == domain.StatusReturned {
		return "This return was sent back to the agency while you were writing, so you can no longer comment on it." + keep
	}
	return "This return is now " + strings.ToLower(status.Title()) + ", so you can no longer comment on it." + keep
}

func (s *Server) renderCommentForm(w http.ResponseWriter, r *http.Request, status int, view templates.CommentFormView) {
	title := "Add a comment"
	if view.Conflict != "" {
		title = "Your comment was not added"
	}
	s.render(w, r, status, templates.CommentForm(s.formPage(r, title, view.Problem()), view))
}

// commentField reads a comment with its line breaks as the database counts them.
func commentField(r *http.Request) string { return commentNamed(r, "comment") }

// commentNamed reads the comment in the form's field name.
func commentNamed(r *http.Request, name string) string {
	return strings.ReplaceAll(field(r, name), "\r\n", "\n")
}

// commentForm is a comment on a return as typed. Its maximum is domain.MaxCommentLength, as in the database.
type commentForm struct {
	Comment string `form:"comment" label:"the comment" missing:"a comment" validate:"required,max=10000"`
}

// sendBackForm is the manager's reason for sending a return back; it asks for more than a plain comment.
type sendBackForm struct {
	Comment string `form:"comment" label:"the comment" missing:"a comment saying what the agency needs to change" validate:"required,max=10000"`
}
