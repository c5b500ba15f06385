package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
)

const (
	periodKey contextKey = iota + 100
	returnScopeKey
)

// returnScope is what every page of one return needs, loaded once per request.
type returnScope struct {
	Period *domain.Period
	Agency *domain.Agency
	Return *domain.Return // ID 0 when not started
}

// loadPeriod finds the {period} in the address, such as 2009-10.
func (s *Server) loadPeriod(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, err := s.periodBySlug(r.Context(), chi.URLParam(r, "period"))
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		ctx := context.WithValue(r.Context(), periodKey, p)
		next.ServeHTTP(w, r.WithContext(s.withFigures(ctx, *p, acceptedOnly(r))))
	})
}

func currentPeriod(ctx context.Context) *domain.Period {
	p, _ := ctx.Value(periodKey).(*domain.Period)
	return p
}

// loadReturn finds the {agency}'s return for the period. Handlers behind it
// must refuse users who may not see the return: mustSeeReturn does, for all
// but the comment form, which keeps a comment typed while the return moved
// out of its writer's sight.
func (s *Server) loadReturn(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		period := currentPeriod(r.Context())
		agency, err := s.agencyBySlug(r.Context(), chi.URLParam(r, "agency"))
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		ret, err := s.store.ReturnFor(r.Context(), period.ID, agency.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		scope := &returnScope{Period: period, Agency: agency, Return: ret}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), returnScopeKey, scope)))
	})
}

// mustSeeReturn refuses, with 403, users who may not see the loaded return.
func (s *Server) mustSeeReturn(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sc := currentReturn(r.Context())
		if !CanSeeReturn(currentUser(r.Context()), sc.Agency.ID, sc.Return.Status) {
			s.renderStatus(w, r, http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func currentReturn(ctx context.Context) *returnScope {
	sc, _ := ctx.Value(returnScopeKey).(*returnScope)
	return sc
}

// returnPath is the address of a return's page, with an optional suffix such as "/review".
func returnPath(sc *returnScope, suffix string) string {
	return "/periods/" + sc.Period.Slug + "/returns/" + sc.Agency.Slug + suffix
}

// mayAct answers 403 and reports false unless the user may do action to this return.
func (s *Server) mayAct(w http.ResponseWriter, r *http.Request, action domain.ReturnAction) bool {
	sc := currentReturn(r.Context())
	if !CanActOnReturn(currentUser(r.Context()), action, sc.Agency.ID, sc.Return.Status, sc.Period.IsOpen) {
		s.renderStatus(w, r, http.StatusForbidden)
		return false
	}
	return true
}

// idParam reads a numeric id from the address; a bad one is simply not found.
func idParam(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, name), 10, 64)
	if err != nil {
		return 0, domain.ErrNotFound
	}
	return id, nil
}

// isStale reports whether a save was refused because someone else saved first,
// or because the return left an editable status meanwhile.
func isStale(err error) bool {
	return errors.Is(err, domain.ErrStale) || errors.Is(err, domain.ErrInvalidTransition)
}

// isClosed reports whether a change to the return's content was refused
// because the return can no longer be changed: it left an editable status, or
// its period closed, after the request began.
func isClosed(err error) bool {
	return errors.Is(err, domain.ErrInvalidTransition) || errors.Is(err, domain.ErrPeriodClosed)
}
