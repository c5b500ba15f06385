package web

import (
	"context"
	"net/http"
	"strconv"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// The readiness check: the returns not accepted, the indicators without
// figures, the empty sections and the statutory checklist, before publishing.

func (s *Server) readinessView(ctx context.Context, period *domain.Period) (templates.ReadinessView, error) {
	rd, err := s.store.Readiness(ctx, *period)
	if err != nil {
		return templates.ReadinessView{}, err
	}
	published, err := s.store.PublishedReports(ctx, period.ID)
	if err != nil {
		return templates.ReadinessView{}, err
	}
	base := reportBase(period)
	v := templates.ReadinessView{Period: *period, Readiness: *rd, Base: base, PublishedPath: publishedBase(period),
		NextVersion: len(published) + 1, OutlinePath: base + "/outline", BoardPath: base + "/board"}
	v.Choices = map[string]string{}
	for _, c := range rd.Checklist {
		v.Choices[c.Key] = strconv.FormatInt(c.SectionID, 10)
	}
	_, v.HasChromium = FindChromium()
	return v, nil
}

func (s *Server) readinessPage(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	v, err := s.readinessView(r.Context(), period)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderReadiness(w, r, http.StatusOK, v)
}

func (s *Server) renderReadiness(w http.ResponseWriter, r *http.Request, status int, v templates.ReadinessView) {
	title := "Is the report ready to publish?"
	p := s.formPage(r, title, len(v.Errors) > 0)
	s.render(w, r, status, templates.ReadinessPage(p.WithBack(reportBase(&v.Period), "Back to the report"), v))
}

// readinessForm reads a form posted from the readiness page, and the page's
// view to show again if the form is refused.
func (s *Server) readinessForm(w http.ResponseWriter, r *http.Request) (*domain.Period, templates.ReadinessView, bool) {
	period := currentPeriod(r.Context())
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return nil, templates.ReadinessView{}, false
	}
	v, err := s.readinessView(r.Context(), period)
	if err != nil {
		s.serverError(w, r, err)
		return nil, templates.ReadinessView{}, false
	}
	return period, v, true
}

// saveChecklist links each checklist item to the section chosen for it ("0": none).
func (s *Server) saveChecklist(w http.ResponseWriter, r *http.Request) {
	period, v, ok := s.readinessForm(w, r)
	if !ok {
		return
	}
	visible := map[int64]bool{}
	for _, ns := range v.Readiness.Sections {
		visible[ns.ID] = true
	}
	chosen := map[string]int64{}
	for _, item := range domain.Checklist {
		name := "checklist-" + item.Key
		raw := field(r, name)
		v.Choices[item.Key] = raw
		id, err := strconv.ParseInt(raw, 10, 64)
		switch {
		case err != nil || id < 0:
			v.Errors.Add(name, "Choose the section that covers "+domain.LowerFirst(item.Title)+", or ‘Not covered yet’")
		case id != 0 && !visible[id]:
			v.Errors.Add(name, "The section chosen for "+domain.LowerFirst(item.Title)+" is no longer in the report: choose another")
		default:
			chosen[item.Key] = id
		}
	}
	if len(v.Errors) > 0 {
		s.renderReadiness(w, r, http.StatusUnprocessableEntity, v)
		return
	}
	actor := domain.UserActor(currentUser(r.Context()))
	for _, item := range domain.Checklist {
		if err := s.store.LinkChecklistItem(r.Context(), actor, period.ID, item.Key, chosen[item.Key]); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	s.flashNear(w, r, reportBase(period)+"/readiness", "checklist", "The checklist has been saved")
}

// markFiguresComplete says an indicator's missing figures will not come
// (complete=yes), or takes that back (complete=no).
func (s *Server) markFiguresComplete(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	id, err := idParam(r, "indicator")
	if err == nil {
		err = parseForm(r)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	complete := r.PostFormValue("complete") == "yes"
	if !complete && r.PostFormValue("complete") != "no" {
		s.renderError(w, r, errBadRequest)
		return
	}
	ind, err := s.store.IndicatorByID(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.store.SetFiguresComplete(r.Context(), domain.UserActor(currentUser(r.Context())), id, period.ID, complete); err != nil {
		s.renderError(w, r, err)
		return
	}
	msg := domain.Possessive(ind.Code) + " missing figures for " + period.Label + " are marked as not available"
	if !complete {
		msg = domain.Possessive(ind.Code) + " missing figures for " + period.Label + " are listed as missing again"
	}
	s.flashNear(w, r, reportBase(period)+"/readiness", "figures", msg)
}
