package web

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/internal/mail"
	"safeboard/internal/store"
	"safeboard/templates"
)

// Email that chases (issue 17): the manager's outbox and chase, each user's
// choice of emails, and the unsubscribe links, which work without signing in.

// outboxLimit is how many messages the outbox page lists at most.
const outboxLimit = 200

// mountEmail adds the pages of email outside /admin and /periods.
func (s *Server) mountEmail(r chi.Router) {
	r.Route("/account/notifications", func(r chi.Router) {
		r.Use(s.require(ActionChooseEmails))
		r.Get("/", s.notificationsPage)
		r.Post("/", s.saveNotifications)
	})
	// Public: the link in an email is signed, and works without signing in.
	r.Get("/unsubscribe/{token}", s.unsubscribePage)
	r.Post("/unsubscribe/{token}", s.unsubscribe)
}

// mountOutbox adds the manager's outbox below /admin.
func (s *Server) mountOutbox(r chi.Router) {
	r.Get("/outbox", s.outboxPage)
	r.Post("/outbox/{message}/retry", s.retryMessage)
}

func (s *Server) outboxPage(w http.ResponseWriter, r *http.Request) {
	status := domain.OutboxStatus(r.URL.Query().Get("status"))
	switch status {
	case "", domain.OutboxQueued, domain.OutboxSent, domain.OutboxFailed:
	default:
		status = ""
	}
	list, counts, err := s.store.Outbox(r.Context(), store.OutboxQuery{Status: status, Limit: outboxLimit})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view := templates.OutboxView{Messages: list, Counts: counts, Status: status, MailConfigured: s.cfg.MailConfigured, Limit: outboxLimit}
	s.render(w, r, http.StatusOK, templates.Outbox(s.page(r, "Outbox", "outbox"), view))
}

func (s *Server) retryMessage(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "message")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.store.RetryMessage(r.Context(), domain.UserActor(currentUser(r.Context())), id); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.flash(w, r, "/admin/outbox", "The email will be sent again shortly")
}

// chaseOverdue emails the leads of each agency whose return for the period is overdue.
func (s *Server) chaseOverdue(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	res, err := s.store.ChaseOverdue(r.Context(), domain.UserActor(currentUser(r.Context())), period.ID, time.Now())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var msg string
	switch len(res.Chased) {
	case 0:
		msg = "No agency was chased: none has an overdue return with a lead to write to"
	case 1:
		msg = "Chased 1 overdue agency: " + res.Chased[0]
	default:
		msg = "Chased " + itoa(len(res.Chased)) + " overdue agencies: " + strings.Join(res.Chased, ", ")
	}
	if len(res.NoLeads) > 0 {
		msg += ". No lead to write to at " + strings.Join(res.NoLeads, ", ")
	}
	s.flash(w, r, "/periods/"+period.Slug+"/returns", msg)
}

func (s *Server) notificationsPage(w http.ResponseWriter, r *http.Request) {
	user := currentUser(r.Context())
	off, err := s.store.TurnedOff(r.Context(), user.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view := templates.NotificationsView{Email: user.Email}
	for _, k := range domain.KindsFor(user.Role) {
		view.Kinds = append(view.Kinds, templates.NotificationChoice{KindInfo: k, On: !off[k.Kind]})
	}
	s.render(w, r, http.StatusOK, templates.Notifications(s.page(r, "Emails you get", "emails"), view))
}

// saveNotifications turns off every kind the user's role gets and may turn
// off that is not ticked. A kind not offered to the role is left as it was.
func (s *Server) saveNotifications(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	user := currentUser(r.Context())
	on := map[string]bool{}
	for _, k := range r.PostForm["on"] {
		on[k] = true
	}
	off := []domain.NotificationKind{}
	for _, k := range domain.KindsFor(user.Role) {
		if !k.Always && !on[string(k.Kind)] {
			off = append(off, k.Kind)
		}
	}
	if err := s.store.SetNotifications(r.Context(), domain.UserActor(user), user.ID, off); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.flash(w, r, "/account/notifications", "Your choice of emails is saved")
}

// mailSecret is the key of the unsubscribe links, read from the database once.
func (s *Server) mailSecret(ctx context.Context) ([]byte, error) {
	s.secretMu.Lock()
	defer s.secretMu.Unlock()
	if s.secret == nil {
		secret, err := s.store.MailSecret(ctx)
		if err != nil {
			return nil, err
		}
		s.secret = secret
	}
	return s.secret, nil
}

// unsubscribeView reads the address's token.
func (s *Server) unsubscribeView(r *http.Request) (templates.UnsubscribeView, int64, error) {
	token := chi.URLParam(r, "token")
	view := templates.UnsubscribeView{Token: token}
	secret, err := s.mailSecret(r.Context())
	if err != nil {
		return view, 0, err
	}
	userID, kind, ok := mail.ReadUnsubscribeToken(secret, token)
	info, known := kind.Info()
	view.Valid, view.Kind = ok && known && kind.CanTurnOff(), info
	return view, userID, nil
}

func (s *Server) unsubscribePage(w http.ResponseWriter, r *http.Request) {
	view, _, err := s.unsubscribeView(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	status := http.StatusOK
	if !view.Valid {
		status = http.StatusNotFound
	}
	s.render(w, r, status, templates.Unsubscribe(s.page(r, "Unsubscribe", ""), view))
}

// unsubscribe turns the link's kind of email off for its user: the form on
// the page, or a mail program's one-click POST (RFC 8058).
func (s *Server) unsubscribe(w http.ResponseWriter, r *http.Request) {
	view, userID, err := s.unsubscribeView(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !view.Valid {
		s.render(w, r, http.StatusNotFound, templates.Unsubscribe(s.page(r, "Unsubscribe", ""), view))
		return
	}
	if err := s.store.Unsubscribe(r.Context(), userID, view.Kind.Kind); err != nil {
		if isNotFound(err) {
			view.Valid = false
			s.render(w, r, http.StatusNotFound, templates.Unsubscribe(s.page(r, "Unsubscribe", ""), view))
			return
		}
		s.renderError(w, r, err)
		return
	}
	view.Done = true
	s.render(w, r, http.StatusOK, templates.Unsubscribe(s.page(r, "You are unsubscribed", ""), view))
}
