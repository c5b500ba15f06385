package web

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// mountAdminIndicatorPage adds one indicator's page and its forms: targets,
// commentary and strategic aims by period, and comparator values.
func (s *Server) mountAdminIndicatorPage(r chi.Router) {
	r.Get("/{indicatorID}", s.adminIndicatorPage)
	r.Post("/{indicatorID}/targets/{period}", s.adminSetTarget)
	r.Post("/{indicatorID}/targets/{period}/remove", s.adminRemoveTarget)
	r.Post("/{indicatorID}/commentary/{period}", s.adminSetCommentary)
	r.Post("/{indicatorID}/aims/{period}", s.adminSetAims)
	r.Post("/{indicatorID}/comparators", s.adminSetComparator)
}

func (s *Server) adminIndicatorView(ctx context.Context, ind *domain.Indicator) (*templates.AdminIndicatorView, error) {
	v := &templates.AdminIndicatorView{Indicator: *ind}
	var err error
	if ind.NumeratorID != nil {
		if v.Numerator, err = s.store.IndicatorByID(ctx, *ind.NumeratorID); err != nil {
			return nil, err
		}
	}
	if ind.DenominatorID != nil {
		if v.Denominator, err = s.store.IndicatorByID(ctx, *ind.DenominatorID); err != nil {
			return nil, err
		}
	}
	if ind.ShareBaseID != nil {
		if v.ShareBase, err = s.store.IndicatorByID(ctx, *ind.ShareBaseID); err != nil {
			return nil, err
		}
	}
	if v.Figures, err = s.store.IndicatorFigures(ctx, ind.ID); err != nil {
		return nil, err
	}
	periods, err := s.store.Periods(ctx)
	if err != nil {
		return nil, err
	}
	targets, err := s.store.IndicatorTargets(ctx, ind.ID)
	if err != nil {
		return nil, err
	}
	commentary, err := s.store.IndicatorCommentaries(ctx, ind.ID)
	if err != nil {
		return nil, err
	}
	for _, p := range periods {
		ip := templates.AdminIndicatorPeriod{Period: p, Commentary: commentary[p.ID]}
		// The figures a commentary can quote, listed beside it where it is
		// still being written (each period's are a read of its own) or
		// where it already quotes one.
		if p.IsOpen || strings.Contains(ip.Commentary, "{{") {
			figs, err := s.refFigures(ctx, p, false)
			if err != nil {
				return nil, err
			}
			ip.Quotable = templates.Quotable(figs)
		}
		aims, err := s.store.AimsWithIndicators(ctx, p.ID)
		if err != nil {
			return nil, err
		}
		for _, a := range aims {
			ip.Aims = append(ip.Aims, templates.AdminAimChoice{ID: a.ID, Title: a.Title, Chosen: slices.Contains(a.Indicators, ind.ID)})
		}
		for i := range targets {
			if t := targets[i]; t.PeriodID == p.ID {
				ip.Target = &targets[i]
				ip.Values = templates.AdminTargetValues{Op: t.Op, Value: templates.AdminNumber(t.Value), Source: t.Source}
				if t.Amber != nil {
					ip.Values.Amber = templates.AdminNumber(*t.Amber)
				}
			}
		}
		v.Periods = append(v.Periods, ip)
	}
	if v.Series, err = s.store.ComparatorSeries(ctx); err != nil {
		return nil, err
	}
	if v.Comparators, err = s.store.ComparatorValues(ctx, ind.ID); err != nil {
		return nil, err
	}
	return v, nil
}

func (s *Server) adminIndicatorPage(w http.ResponseWriter, r *http.Request) {
	ind, err := s.adminIndicatorFromURL(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v, err := s.adminIndicatorView(r.Context(), ind)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderAdminIndicatorPage(w, r, http.StatusOK, v)
}

func (s *Server) renderAdminIndicatorPage(w http.ResponseWriter, r *http.Request, status int, v *templates.AdminIndicatorView) {
	p := s.page(r, v.Indicator.Code+": "+v.Indicator.Name, "indicators")
	p.HasErrors = len(v.Errors) > 0
	s.render(w, r, status, templates.AdminIndicatorPage(p, *v))
}

// renderAdminIndicatorRefused shows the indicator's page again with a refused
// form's messages; keep puts back what was typed.
func (s *Server) renderAdminIndicatorRefused(w http.ResponseWriter, r *http.Request, ind *domain.Indicator, errs domain.FieldErrors, keep func(*templates.AdminIndicatorView)) {
	v, err := s.adminIndicatorView(r.Context(), ind)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	keep(v)
	v.Errors = errs
	s.renderAdminIndicatorPage(w, r, http.StatusUnprocessableEntity, v)
}

// adminPeriodScope reads the indicator and the period a form on its page is for.
func (s *Server) adminPeriodScope(w http.ResponseWriter, r *http.Request) (*domain.Indicator, *domain.Period, bool) {
	ind, err := s.adminIndicatorFromURL(r)
	if err != nil {
		s.renderError(w, r, err)
		return nil, nil, false
	}
	p, err := s.store.PeriodBySlug(r.Context(), chi.URLParam(r, "period"))
	if err != nil {
		s.renderError(w, r, err)
		return nil, nil, false
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return nil, nil, false
	}
	return ind, p, true
}

// adminTarget checks a target form for an indicator and period.
func adminTarget(ind *domain.Indicator, p *domain.Period, v templates.AdminTargetValues) (domain.Target, domain.FieldErrors) {
	var errs domain.FieldErrors
	t := domain.Target{IndicatorID: ind.ID, PeriodID: p.ID, Op: v.Op, Source: v.Source}
	opField := templates.AdminPeriodField("op", *p)
	switch {
	case !slices.Contains(domain.TargetOps, v.Op):
		errs.Add(opField, "Select whether figures should be less than, at most, more than or at least the target")
	case ind.Polarity == domain.PolarityHigher && strings.HasPrefix(v.Op, "<"):
		errs.Add(opField, "Higher is better for "+ind.Code+", so the target must be “More than” or “At least”")
	case ind.Polarity == domain.PolarityLower && strings.HasPrefix(v.Op, ">"):
		errs.Add(opField, "Lower is better for "+ind.Code+", so the target must be “Less than” or “At most”")
	}
	valueField := templates.AdminPeriodField("target", *p)
	if v.Value == "" {
		errs.Add(valueField, "Enter the target value, like 14")
	} else if n, msg := ind.ParseValue(v.Value); msg != "" {
		errs.Add(valueField, msg)
	} else {
		t.Value = *n
	}
	if v.Amber != "" {
		a, err := strconv.ParseFloat(strings.TrimSuffix(strings.ReplaceAll(v.Amber, ",", ""), "%"), 64)
		if err != nil || a < 0 || math.IsNaN(a) || math.IsInf(a, 0) {
			errs.Add(templates.AdminPeriodField("amber", *p), "The amber margin must be a number, 0 or more, like 2")
		} else {
			t.Amber = &a
		}
	}
	if utf8.RuneCountInString(v.Source) > 100 {
		errs.Add(templates.AdminPeriodField("source", *p), "The source must be 100 characters or fewer")
	}
	return t, errs
}

func (s *Server) adminSetTarget(w http.ResponseWriter, r *http.Request) {
	ind, p, ok := s.adminPeriodScope(w, r)
	if !ok {
		return
	}
	values := templates.AdminTargetValues{
		Op: field(r, templates.AdminPeriodField("op", *p)), Value: field(r, templates.AdminPeriodField("target", *p)),
		Amber: field(r, templates.AdminPeriodField("amber", *p)), Source: field(r, templates.AdminPeriodField("source", *p)),
	}
	t, errs := adminTarget(ind, p, values)
	if errs == nil {
		if err := s.store.SetTarget(r.Context(), domain.UserActor(currentUser(r.Context())), t); err != nil {
			s.renderError(w, r, err)
			return
		}
		s.flashNear(w, r, adminIndicatorPath(ind.ID), templates.AdminPeriodSection(*p),
			"The target for "+p.Label+" has been saved: "+t.String(ind.Unit))
		return
	}
	s.renderAdminIndicatorRefused(w, r, ind, errs, func(v *templates.AdminIndicatorView) {
		for i := range v.Periods {
			if v.Periods[i].Period.ID == p.ID {
				v.Periods[i].Values = values
			}
		}
	})
}

func (s *Server) adminRemoveTarget(w http.ResponseWriter, r *http.Request) {
	ind, p, ok := s.adminPeriodScope(w, r)
	if !ok {
		return
	}
	if err := s.store.RemoveTarget(r.Context(), domain.UserActor(currentUser(r.Context())), ind.ID, p.ID); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.flashNear(w, r, adminIndicatorPath(ind.ID), templates.AdminPeriodSection(*p), "The target for "+p.Label+" has been removed")
}

func (s *Server) adminSetCommentary(w http.ResponseWriter, r *http.Request) {
	ind, p, ok := s.adminPeriodScope(w, r)
	if !ok {
		return
	}
	name := templates.AdminPeriodField("commentary", *p)
	body := field(r, name)
	var problem string
	if utf8.RuneCountInString(body) > 10000 {
		problem = "The commentary must be 10,000 characters or fewer"
	} else if strings.Contains(body, "{{") {
		// Its references name the period's figures.
		figs, err := s.refFigures(r.Context(), *p, false)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		inds := map[string]domain.RefIndicator{}
		for k, f := range figs {
			inds[k] = domain.RefIndicator{Code: f.Code, IsRatio: f.IsRatio()}
		}
		problem = strings.Join(domain.CheckRefs(body, inds), "; ")
	}
	if problem != "" {
		errs := domain.FieldErrors{{Field: name, Message: problem}}
		s.renderAdminIndicatorRefused(w, r, ind, errs, func(v *templates.AdminIndicatorView) {
			for i := range v.Periods {
				if v.Periods[i].Period.ID == p.ID {
					v.Periods[i].Commentary = body
				}
			}
		})
		return
	}
	if err := s.store.SetCommentary(r.Context(), domain.UserActor(currentUser(r.Context())), ind.ID, p.ID, body); err != nil {
		s.renderError(w, r, err)
		return
	}
	msg := "The commentary for " + p.Label + " has been saved"
	if body == "" {
		msg = "The commentary for " + p.Label + " has been removed"
	}
	s.flashNear(w, r, adminIndicatorPath(ind.ID), templates.AdminPeriodSection(*p), msg)
}

// adminSetAims sets which of a period's strategic aims the indicator measures.
func (s *Server) adminSetAims(w http.ResponseWriter, r *http.Request) {
	ind, p, ok := s.adminPeriodScope(w, r)
	if !ok {
		return
	}
	var ids []int64
	for _, raw := range r.PostForm["aim"] {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			s.renderStatus(w, r, http.StatusBadRequest)
			return
		}
		ids = append(ids, id)
	}
	if err := s.store.SetIndicatorAims(r.Context(), domain.UserActor(currentUser(r.Context())), ind.ID, p.ID, ids); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.flashNear(w, r, adminIndicatorPath(ind.ID), templates.AdminPeriodSection(*p), "The strategic aims for "+p.Label+" have been saved")
}

// adminYear reads a financial year written 2009/10 (or just 2009), the year it starts.
func adminYear(s string) (int, bool) {
	if validPeriodLabel(s) {
		y, _ := strconv.Atoi(s[:4])
		return y, y <= 2100
	}
	y, err := strconv.Atoi(s)
	return y, err == nil && len(s) == 4 && y >= 1990 && y <= 2100
}

// adminSetComparator sets (or, left blank, removes) a comparator's figure for
// the indicator in a year.
func (s *Server) adminSetComparator(w http.ResponseWriter, r *http.Request) {
	ind, err := s.adminIndicatorFromURL(r)
	if err == nil {
		err = parseForm(r)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	series, err := s.store.ComparatorSeries(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	typed := templates.AdminComparatorValues{Series: field(r, "series"), Year: field(r, "year"), Value: field(r, "comparator_value")}
	var errs domain.FieldErrors
	seriesID, _ := strconv.ParseInt(typed.Series, 10, 64)
	i := slices.IndexFunc(series, func(cs domain.ComparatorSeries) bool { return cs.ID == seriesID })
	if i < 0 {
		errs.Add("series", "Select the comparator")
	}
	year, ok := adminYear(typed.Year)
	if !ok {
		errs.Add("year", "Enter the year like 2009/10")
	}
	var value *float64
	if typed.Value != "" {
		f, err := strconv.ParseFloat(strings.TrimSuffix(strings.ReplaceAll(typed.Value, ",", ""), "%"), 64)
		switch {
		case err != nil || math.IsNaN(f) || math.IsInf(f, 0):
			errs.Add("comparator_value", "Enter the figure as a number, like 12.5, or leave it blank to remove it")
		case ind.Unit == domain.UnitPercentage && (f < 0 || f > 100):
			errs.Add("comparator_value", "Enter a percentage from 0 to 100")
		case f < 0 || f > 1e12:
			errs.Add("comparator_value", "Enter a number, 0 or more")
		default:
			value = &f
		}
	}
	if errs != nil {
		s.renderAdminIndicatorRefused(w, r, ind, errs, func(v *templates.AdminIndicatorView) { v.Comparator = typed })
		return
	}
	if err := s.store.SetComparatorValue(r.Context(), domain.UserActor(currentUser(r.Context())), ind.ID, seriesID, year, value); err != nil {
		s.renderError(w, r, err)
		return
	}
	msg := fmt.Sprintf("The %s figure for %s has been saved: %s", series[i].Name, templates.AdminYearLabel(year), domain.FormatValue(ind.Unit, derefOr(value)))
	if value == nil {
		msg = fmt.Sprintf("The %s figure for %s has been removed", series[i].Name, templates.AdminYearLabel(year))
	}
	s.flashNear(w, r, adminIndicatorPath(ind.ID), "comparators", msg)
}

func derefOr(v *float64) float64 {
	if v == nil {
		return 0
	}
	return *v
}
