package web

import (
	"context"
	"net/http"
	"reflect"
	"strings"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// Live figures in narrative (issue 13): the period's figures as references
// quote them ({{NI65.ytd}}), kept per data version, put in the context of
// every page of a period (loadPeriod) for Markdown and Prose to expand, and
// the check that refuses a text quoting a figure that does not exist.

// refFigures are the period's figures by upper-case code: each indicator's
// year to date, target, latest figure, figures by month (the period's and
// earlier years'), a ratio's parts, the like-for-like change and whether its
// figures are provisional (its agency's return not yet accepted).
// With acceptedOnly (the manager's switch), the figures of returns not yet
// accepted are left out, as the tables leave them out.
func (s *Server) refFigures(ctx context.Context, period domain.Period, acceptedOnly bool) (map[string]domain.RefFigures, error) {
	key := perfKey{period: period.ID, acceptedOnly: acceptedOnly}
	return s.figures.get(ctx, key, dataVersion(ctx), func(ctx context.Context) (map[string]domain.RefFigures, error) {
		// the report's own read of the figures, when a report is being built
		perf, ok := s.keptPerformance(ctx, period, acceptedOnly)
		if !ok {
			var err error
			if perf, err = s.store.PerformanceWith(ctx, period, store.PerformanceOptions{NoBreakdowns: true, AcceptedOnly: acceptedOnly}); err != nil {
				return nil, err
			}
		}
		accepted, err := s.store.AcceptedAgencies(ctx, period.ID)
		if err != nil {
			return nil, err
		}
		return refFiguresOf(perf, accepted), nil
	})
}

func refFiguresOf(perf *store.Performance, accepted map[int64]bool) map[string]domain.RefFigures {
	byID := make(map[int64]*store.IndicatorPerformance, len(perf.Indicators))
	for i := range perf.Indicators {
		byID[perf.Indicators[i].ID] = &perf.Indicators[i]
	}
	out := make(map[string]domain.RefFigures, len(perf.Indicators))
	for _, ip := range perf.Indicators {
		n := len(ip.Figures)
		for _, y := range ip.Years {
			n += len(y.Figures)
		}
		f := domain.RefFigures{Indicator: ip.Indicator, YTD: ip.YTD, Target: ip.Target, Latest: ip.Latest,
			Change: ip.LikeForLike, Provisional: !accepted[ip.AgencyID], Months: make(map[domain.YearMonth]*float64, n)}
		for _, y := range ip.Years {
			for _, fig := range y.Figures {
				f.Months[domain.MonthOf(fig.On)] = fig.Value
			}
		}
		overlaps := ip.Overlaps()
		for _, fig := range ip.Figures {
			if overlaps { // sums across overlapping options: no figure
				f.Months[domain.MonthOf(fig.On)] = nil
				continue
			}
			f.Months[domain.MonthOf(fig.On)] = fig.Value
		}
		if ip.IsRatio() && ip.NumeratorID != nil && ip.DenominatorID != nil {
			if n, ok := byID[*ip.NumeratorID]; ok {
				f.Num, f.NumInd = n.YTD, n.Indicator
			}
			if d, ok := byID[*ip.DenominatorID]; ok {
				f.Den, f.DenInd = d.YTD, d.Indicator
			}
		}
		out[strings.ToUpper(ip.Code)] = f
	}
	return out
}

// withFigures puts the period's figures in the context, read only when a
// text quotes one. An agency lead, who reads no dashboard, quotes only their
// own agency's figures. With acceptedOnly (the manager's switch), texts
// quote accepted figures only.
func (s *Server) withFigures(ctx context.Context, period domain.Period, acceptedOnly bool) context.Context {
	agency, lead := LeadAgency(currentUser(ctx))
	return templates.WithFigures(ctx, templates.NewFigures(func() (map[string]domain.RefFigures, error) {
		figs, err := s.refFigures(ctx, period, acceptedOnly)
		if err != nil {
			s.log.ErrorContext(ctx, "figures for references", "error", err)
			return nil, err
		}
		if !lead {
			return figs, nil
		}
		own := map[string]domain.RefFigures{}
		for k, f := range figs {
			if f.AgencyID == agency {
				own[k] = f
			}
		}
		return own, nil
	}))
}

// checkRefs says what is wrong with the references of each text field of v
// (a struct with form tags, or a pointer to one), naming each reference, by
// field. Without figures in the context it checks nothing.
func checkRefs(r *http.Request, v any) domain.FieldErrors {
	figs := templates.FiguresFrom(r.Context())
	if figs == nil {
		return nil
	}
	var errs domain.FieldErrors
	var inds map[string]domain.RefIndicator
	var walk func(rv reflect.Value)
	walk = func(rv reflect.Value) {
		for i := range rv.NumField() {
			sf := rv.Type().Field(i)
			if sf.Anonymous && sf.Type.Kind() == reflect.Struct {
				walk(rv.Field(i))
				continue
			}
			name := sf.Tag.Get("form")
			if name == "" || rv.Field(i).Kind() != reflect.String {
				continue
			}
			text := rv.Field(i).String()
			if !strings.Contains(text, "{{") {
				continue
			}
			if inds == nil {
				var err error
				if inds, err = figs.Indicators(); err != nil {
					return
				}
			}
			if problems := domain.CheckRefs(text, inds); len(problems) > 0 {
				errs.Add(name, strings.Join(problems, "; "))
			}
		}
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		rv = rv.Elem()
	}
	if rv.Kind() == reflect.Struct {
		walk(rv)
	}
	return errs
}
