package demo

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// loadPerformance adds the demo's performance data from seedIndicators
// through the store functions regular use writes with: the manager defines
// the dimensions, indicators, targets, comparators and commentary, and
// children's services' lead enters the figures, limited to the agency's own
// indicators as in the entry grid. An indicator whose code exists already is
// left exactly as it is (with its figures, targets and commentary), so
// loading again adds nothing and keeps whatever was changed in the demo.
func loadPerformance(ctx context.Context, st *store.Store, agencyIDs map[string]int64) error {
	manager, err := actorFor(ctx, st, "manager@"+emailDomain)
	if err != nil {
		return err
	}
	lead, err := actorFor(ctx, st, "lead@"+childrensServices+"."+emailDomain)
	if err != nil {
		return err
	}
	agencyID, ok := agencyIDs[childrensServices]
	if !ok {
		return fmt.Errorf("demo performance data: no agency %q", childrensServices)
	}
	l := perfLoader{st: st, manager: manager, lead: lead, agencyID: agencyID,
		periods: map[int]int64{}, ids: map[string]int64{}}
	for i, si := range seedIndicators() {
		if err := l.indicator(ctx, si, (i+1)*10); err != nil {
			return fmt.Errorf("demo indicator %s: %w", si.Code, err)
		}
	}
	return nil
}

// perfLoader holds what loading the indicators looks up once.
type perfLoader struct {
	st            *store.Store
	manager, lead domain.Actor
	agencyID      int64
	periods       map[int]int64    // period ids by the year they start
	ids           map[string]int64 // indicator ids by code
	dims          []domain.Dimension
	series        []domain.ComparatorSeries
}

// indicator adds si at the position given, unless its code exists.
func (l *perfLoader) indicator(ctx context.Context, si seedIndicator, position int) error {
	existing, err := l.st.IndicatorByCode(ctx, si.Code)
	if err == nil {
		l.ids[si.Code] = existing.ID
		return nil
	}
	if !errors.Is(err, domain.ErrNotFound) {
		return err
	}
	f := store.IndicatorFields{
		Code: si.Code, Name: si.Name, Description: si.Description, Theme: si.Theme,
		Unit: si.Unit, Polarity: si.Polarity, Frequency: si.Frequency, YTDRule: si.YTD,
		AgencyID: l.agencyID, Position: position,
	}
	if si.YTD == domain.YTDRatio {
		num, den := l.indicatorID(ctx, si.Numerator), l.indicatorID(ctx, si.Denominator)
		if num == 0 || den == 0 {
			return fmt.Errorf("its numerator %s and denominator %s must come before it", si.Numerator, si.Denominator)
		}
		f.NumeratorID, f.DenominatorID = &num, &den
	}
	if si.ShareBase != "" {
		base := l.indicatorID(ctx, si.ShareBase)
		if base == 0 {
			return fmt.Errorf("%s, which its shares are of, must come before it", si.ShareBase)
		}
		f.ShareBaseID = &base
	}
	var dims []domain.Dimension
	for _, name := range si.Dimensions {
		d, err := l.dimension(ctx, name)
		if err != nil {
			return err
		}
		dims = append(dims, d)
		f.DimensionIDs = append(f.DimensionIDs, d.ID)
	}
	id, err := l.st.CreateIndicator(ctx, l.manager, f)
	if err != nil {
		return err
	}
	l.ids[si.Code] = id
	ind := domain.Indicator{ID: id, Code: si.Code, Unit: si.Unit, YTDRule: si.YTD, Frequency: si.Frequency, Dimensions: dims}
	if err := l.values(ctx, ind, si.Values); err != nil {
		return err
	}
	for _, t := range si.Targets {
		periodID, err := l.period(ctx, t.Year)
		if err != nil {
			return err
		}
		target := domain.Target{IndicatorID: id, PeriodID: periodID, Op: t.Op, Value: t.Value, Amber: t.Amber, Source: t.Source}
		if err := l.st.SetTarget(ctx, l.manager, target); err != nil {
			return err
		}
	}
	for _, c := range si.Comparators {
		seriesID, err := l.seriesID(ctx, c.Series)
		if err != nil {
			return err
		}
		v := c.Value
		if err := l.st.SetComparatorValue(ctx, l.manager, id, seriesID, c.Year, &v); err != nil {
			return err
		}
	}
	for year, body := range si.Commentary {
		periodID, err := l.period(ctx, year)
		if err != nil {
			return err
		}
		if err := l.st.SetCommentary(ctx, l.manager, id, periodID, body); err != nil {
			return err
		}
	}
	return nil
}

// indicatorID is the id of an indicator loaded (or found) before, or 0.
func (l *perfLoader) indicatorID(ctx context.Context, code string) int64 {
	if id, ok := l.ids[code]; ok {
		return id
	}
	if ind, err := l.st.IndicatorByCode(ctx, code); err == nil {
		return ind.ID
	}
	return 0
}

// values saves an indicator's figures as the agency's lead, checked as the
// entry grid checks them.
func (l *perfLoader) values(ctx context.Context, ind domain.Indicator, values []seedValue) error {
	if len(values) == 0 {
		return nil
	}
	cells := make([]domain.CellValue, 0, len(values))
	for _, v := range values {
		if msg := ind.CheckValue(v.Value); msg != "" {
			return fmt.Errorf("figure %v on %s: %s", v.Value, ind.DateLabel(v.On), msg)
		}
		if len(v.Options) != len(ind.Dimensions) {
			return fmt.Errorf("figure on %s has %d options for %d dimensions", ind.DateLabel(v.On), len(v.Options), len(ind.Dimensions))
		}
		c := domain.CellValue{Cell: domain.Cell{IndicatorID: ind.ID, On: v.On}}
		for k, label := range v.Options {
			o := ind.Dimensions[k].Option(label)
			if o == nil {
				return fmt.Errorf("%q is not an option of %q", label, ind.Dimensions[k].Name)
			}
			c.Options[k] = o.ID
		}
		value := v.Value
		c.Value = &value
		cells = append(cells, c)
	}
	_, err := l.st.SaveValues(ctx, l.lead, store.ValueScope{AgencyID: &l.agencyID}, cells)
	return err
}

// dimension finds the dimension of seedDimensions with the given name, adding
// it when it does not exist. One that exists must have every seed option.
func (l *perfLoader) dimension(ctx context.Context, name string) (domain.Dimension, error) {
	var want *seedDimension
	for i := range seedDimensions {
		if seedDimensions[i].Name == name {
			want = &seedDimensions[i]
		}
	}
	if want == nil {
		return domain.Dimension{}, fmt.Errorf("no demo dimension %q", name)
	}
	find := func() *domain.Dimension {
		for i := range l.dims {
			if strings.EqualFold(l.dims[i].Name, name) {
				return &l.dims[i]
			}
		}
		return nil
	}
	if l.dims == nil {
		dims, err := l.st.Dimensions(ctx)
		if err != nil {
			return domain.Dimension{}, err
		}
		l.dims = dims
	}
	if d := find(); d != nil {
		for _, o := range want.Options {
			if d.Option(o) == nil {
				return domain.Dimension{}, fmt.Errorf("the dimension %q has no option %q: give it back its option or rename the dimension", d.Name, o)
			}
		}
		return *d, nil
	}
	if _, err := l.st.AddDimension(ctx, l.manager, store.NewDimension{Name: want.Name, Options: want.Options, Overlapping: want.Overlapping}); err != nil {
		return domain.Dimension{}, err
	}
	dims, err := l.st.Dimensions(ctx)
	if err != nil {
		return domain.Dimension{}, err
	}
	l.dims = dims
	if d := find(); d != nil {
		return *d, nil
	}
	return domain.Dimension{}, fmt.Errorf("dimension %q not found after adding it", name)
}

// seriesID finds a comparator series by name, adding it when it does not exist.
func (l *perfLoader) seriesID(ctx context.Context, name string) (int64, error) {
	if l.series == nil {
		list, err := l.st.ComparatorSeries(ctx)
		if err != nil {
			return 0, err
		}
		l.series = list
	}
	for _, s := range l.series {
		if strings.EqualFold(s.Name, name) {
			return s.ID, nil
		}
	}
	id, err := l.st.CreateComparatorSeries(ctx, l.manager, name)
	if err != nil {
		return 0, err
	}
	l.series = append(l.series, domain.ComparatorSeries{ID: id, Name: name})
	return id, nil
}

// period is the id of the demo period starting in April of year.
func (l *perfLoader) period(ctx context.Context, year int) (int64, error) {
	if id, ok := l.periods[year]; ok {
		return id, nil
	}
	p, err := l.st.PeriodBySlug(ctx, domain.PeriodForYear(year).Slug)
	if err != nil {
		return 0, err
	}
	l.periods[year] = p.ID
	return p.ID, nil
}
