package web

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// The manager's pages for indicators, their breakdowns (dimensions), targets,
// comparators and commentary. The /admin route already requires ActionAdminister.
func (s *Server) mountAdminIndicators(r chi.Router) {
	r.Route("/indicators", func(r chi.Router) {
		r.Get("/", s.adminListIndicators)
		r.Get("/new", s.adminNewIndicatorForm)
		r.Post("/", s.adminCreateIndicator)
		r.Get("/{indicatorID}", s.adminIndicatorPage)
		r.Get("/{indicatorID}/edit", s.adminEditIndicatorForm)
		r.Post("/{indicatorID}", s.adminUpdateIndicator)
		r.Post("/{indicatorID}/targets/{period}", s.adminSetTarget)
		r.Post("/{indicatorID}/targets/{period}/remove", s.adminRemoveTarget)
		r.Post("/{indicatorID}/commentary/{period}", s.adminSetCommentary)
		r.Post("/{indicatorID}/aims/{period}", s.adminSetAims)
		r.Post("/{indicatorID}/comparators", s.adminSetComparator)
	})
	r.Route("/dimensions", func(r chi.Router) {
		r.Get("/", s.adminListDimensions)
		r.Get("/new", s.adminNewDimensionForm)
		r.Post("/", s.adminCreateDimension)
		r.Get("/{dimensionID}", s.adminDimensionPage)
		r.Post("/{dimensionID}", s.adminRenameDimension)
		r.Post("/{dimensionID}/labels", s.adminRenameOptions)
		r.Post("/{dimensionID}/options", s.adminAddOptions)
		r.Post("/{dimensionID}/options/{optionID}/move", s.adminMoveOption)
		r.Post("/{dimensionID}/options/{optionID}/remove", s.adminRemoveOption)
	})
	r.Route("/comparators", func(r chi.Router) {
		r.Get("/", s.adminListComparators)
		r.Post("/", s.adminCreateComparator)
	})
}

// ---------------------------------------------------------------------------
// Indicators
// ---------------------------------------------------------------------------

type adminIndicatorForm struct {
	Code        string `form:"code" label:"the code" missing:"a code, like NI59" validate:"required,max=20"`
	Name        string `form:"name" label:"the name" missing:"the indicator’s name" validate:"required,max=200"`
	Description string `form:"description" label:"the description" validate:"max=2000"`
	Theme       string `form:"theme" label:"the theme" missing:"a theme, like Child protection" validate:"required,max=100"`
	Agency      string `form:"agency" label:"the agency that owns the figures" choice:"true" validate:"required"`
	Unit        string `form:"unit" label:"the unit" choice:"true" validate:"required,oneof=count percentage days rate_per_10000"`
	Polarity    string `form:"polarity" label:"which way is better" choice:"true" validate:"required,oneof=higher lower neither"`
	Frequency   string `form:"frequency" label:"how often the figures are counted" choice:"true" validate:"required,oneof=monthly quarterly yearly snapshot"`
	YTDRule     string `form:"ytd_rule" label:"how the year-to-date figure is formed" choice:"true" validate:"required,oneof=sum latest mean ratio"`
	Position    string `form:"position" label:"the position" missing:"the position, like 10" validate:"required"`
}

// adminIndicatorFieldOrder is the form's order, which the error summary follows.
var adminIndicatorFieldOrder = []string{
	"code", "name", "description", "theme", "agency", "unit", "polarity", "frequency", "ytd_rule",
	"numerator", "denominator", "dimension1", "dimension2", "dimension3", "share_base", "position",
}

var indicatorCodePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$`)

func readAdminIndicatorForm(r *http.Request) templates.AdminIndicatorFormValues {
	v := templates.AdminIndicatorFormValues{
		Code: field(r, "code"), Name: field(r, "name"), Description: field(r, "description"), Theme: field(r, "theme"),
		Unit: field(r, "unit"), Polarity: field(r, "polarity"), Frequency: field(r, "frequency"),
		YTDRule: field(r, "ytd_rule"), Numerator: field(r, "numerator"), Denominator: field(r, "denominator"),
		Agency: field(r, "agency"), Position: field(r, "position"), SuppressSmall: field(r, "suppress_small") == "yes",
		ShareBase: field(r, "share_base"),
	}
	for i := range v.Dimensions {
		v.Dimensions[i] = field(r, fmt.Sprintf("dimension%d", i+1))
	}
	return v
}

func adminIndicatorValues(ind *domain.Indicator) templates.AdminIndicatorFormValues {
	v := templates.AdminIndicatorFormValues{
		Code: ind.Code, Name: ind.Name, Description: ind.Description, Theme: ind.Theme,
		Unit: string(ind.Unit), Polarity: string(ind.Polarity), Frequency: string(ind.Frequency), YTDRule: string(ind.YTDRule),
		Agency: strconv.FormatInt(ind.AgencyID, 10), Position: strconv.Itoa(ind.Position), SuppressSmall: ind.SuppressSmall,
	}
	if ind.NumeratorID != nil {
		v.Numerator = strconv.FormatInt(*ind.NumeratorID, 10)
	}
	if ind.DenominatorID != nil {
		v.Denominator = strconv.FormatInt(*ind.DenominatorID, 10)
	}
	if ind.ShareBaseID != nil {
		v.ShareBase = strconv.FormatInt(*ind.ShareBaseID, 10)
	}
	for i, d := range ind.Dimensions {
		v.Dimensions[i] = strconv.FormatInt(d.ID, 10)
	}
	return v
}

// adminChoices is what the indicator form offers.
type adminChoices struct {
	indicators []domain.Indicator
	agencies   []domain.Agency
	dimensions []domain.Dimension
	themes     []string
}

func (s *Server) adminIndicatorChoices(ctx context.Context) (adminChoices, error) {
	var c adminChoices
	var err error
	if c.indicators, err = s.store.Indicators(ctx); err != nil {
		return c, err
	}
	if c.agencies, err = s.store.Agencies(ctx); err != nil {
		return c, err
	}
	if c.dimensions, err = s.store.Dimensions(ctx); err != nil {
		return c, err
	}
	if c.themes, err = s.store.IndicatorThemes(ctx); err != nil {
		return c, err
	}
	return c, nil
}

// adminIndicatorFields checks an indicator form. current is the indicator
// being changed (nil when adding) and figures how many figures it holds.
func adminIndicatorFields(v templates.AdminIndicatorFormValues, current *domain.Indicator, figures int, c adminChoices) (store.IndicatorFields, domain.FieldErrors) {
	errs := checkForm(adminIndicatorForm{
		Code: v.Code, Name: v.Name, Description: v.Description, Theme: v.Theme, Agency: v.Agency, Unit: v.Unit,
		Polarity: v.Polarity, Frequency: v.Frequency, YTDRule: v.YTDRule, Position: v.Position,
	})
	if errs.For("code") == "" && !indicatorCodePattern.MatchString(v.Code) {
		errs.Add("code", "The code must start with a letter or number and only include letters, numbers, full stops, hyphens and underscores, like NI59")
	}
	f := store.IndicatorFields{
		Code: v.Code, Name: v.Name, Description: v.Description, Theme: v.Theme,
		Unit: domain.Unit(v.Unit), Polarity: domain.Polarity(v.Polarity), Frequency: domain.Frequency(v.Frequency),
		YTDRule: domain.YTDRule(v.YTDRule), SuppressSmall: v.SuppressSmall,
	}
	if errs.For("agency") == "" {
		id, _ := strconv.ParseInt(v.Agency, 10, 64)
		i := slices.IndexFunc(c.agencies, func(a domain.Agency) bool { return a.ID == id })
		if i < 0 || (!c.agencies[i].Active && (current == nil || current.AgencyID != id)) {
			errs.Add("agency", "Select the agency that owns the figures from the list")
		}
		f.AgencyID = id
	}
	if errs.For("position") == "" {
		n, err := strconv.Atoi(v.Position)
		if err != nil || n < -1_000_000 || n > 1_000_000 {
			errs.Add("position", "The position must be a whole number, like 10")
		}
		f.Position = n
	}

	// A ratio counts two other indicators, both counts, and is a percentage.
	byID := map[int64]domain.Indicator{}
	for _, ind := range c.indicators {
		byID[ind.ID] = ind
	}
	ratio := f.YTDRule == domain.YTDRatio
	part := func(name, value, what, where string) *int64 {
		if value == "" {
			if ratio {
				errs.Add(name, "Select the "+what+", the count "+where+" the line, for a ratio")
			}
			return nil
		}
		if !ratio {
			errs.Add(name, "Choose None for the "+what+": only a ratio of two indicators has one")
			return nil
		}
		id, _ := strconv.ParseInt(value, 10, 64)
		ind, ok := byID[id]
		if !ok || (current != nil && id == current.ID) {
			errs.Add(name, "Select the "+what+" from the list of other indicators")
			return nil
		}
		if ind.Unit != domain.UnitCount {
			errs.Add(name, fmt.Sprintf("The %s must be a count: %s is measured in %s", what, ind.Code, strings.ToLower(ind.Unit.Title())))
		}
		return &id
	}
	f.NumeratorID = part("numerator", v.Numerator, "numerator", "above")
	f.DenominatorID = part("denominator", v.Denominator, "denominator", "below")
	if f.NumeratorID != nil && f.DenominatorID != nil && *f.NumeratorID == *f.DenominatorID {
		errs.Add("denominator", "The denominator must be a different indicator from the numerator")
	}
	if ratio && errs.For("unit") == "" && f.Unit != domain.UnitPercentage {
		errs.Add("unit", "A ratio of two indicators is a percentage: select Percentage")
	}

	dims := map[int64]domain.Dimension{}
	for _, d := range c.dimensions {
		dims[d.ID] = d
	}
	seen := map[int64]int{}
	for i, value := range v.Dimensions {
		if value == "" {
			continue
		}
		name := fmt.Sprintf("dimension%d", i+1)
		id, _ := strconv.ParseInt(value, 10, 64)
		d, ok := dims[id]
		switch {
		case !ok:
			errs.Add(name, "Select a breakdown from the list, or None")
		case len(d.Options) == 0:
			errs.Add(name, d.Name+" has no options yet: add its options on the Breakdowns page first")
		default:
			if j, twice := seen[id]; twice {
				errs.Add(name, fmt.Sprintf("%s is already the %s breakdown: choose a different one, or None", d.Name, strings.ToLower(ordinalWord(j))))
				continue
			}
			seen[id] = i
			f.DimensionIDs = append(f.DimensionIDs, id)
		}
	}

	// Shares of another indicator's figure for the year: a different
	// indicator counted as often, such as the conferences held.
	if v.ShareBase != "" {
		id, _ := strconv.ParseInt(v.ShareBase, 10, 64)
		ind, ok := byID[id]
		switch {
		case !ok || (current != nil && id == current.ID):
			errs.Add("share_base", "Select the indicator the shares are a percentage of from the list, or its own total")
		case errs.For("frequency") == "" && ind.Frequency != f.Frequency:
			errs.Add("share_base", fmt.Sprintf("Shares can only be of an indicator counted as often: %s is counted %s, this indicator %s",
				ind.Code, strings.ToLower(ind.Frequency.Title()), strings.ToLower(f.Frequency.Title())))
		default:
			f.ShareBaseID = &id
		}
	}

	if current != nil {
		var before []int64
		for _, d := range current.Dimensions {
			before = append(before, d.ID)
		}
		stored := fmt.Sprintf("%s already has %s", current.Code, countWord(figures, "figure"))
		if figures > 0 && errs.For("dimension1") == "" && !slices.Equal(before, f.DimensionIDs) {
			errs.Add("dimension1", "The breakdowns cannot change: "+stored+" stored against them. Keep them as they were, or add a new indicator")
		}
		if figures > 0 && errs.For("frequency") == "" && f.Frequency != current.Frequency {
			errs.Add("frequency", "The frequency cannot change: "+stored+" counted "+strings.ToLower(current.Frequency.Title())+". Keep it as it was, or add a new indicator")
		}
		if figures > 0 && errs.For("ytd_rule") == "" && ratio && !current.IsRatio() {
			errs.Add("ytd_rule", "This cannot become a ratio: "+stored+" of its own, and a ratio holds none")
		}
		if errs.For("frequency") == "" && f.Frequency != current.Frequency {
			for _, ind := range c.indicators {
				if ind.ShareBaseID != nil && *ind.ShareBaseID == current.ID {
					errs.Add("frequency", fmt.Sprintf("The frequency must stay %s: the shares of %s are a percentage of %s",
						strings.ToLower(current.Frequency.Title()), ind.Code, current.Code))
					break
				}
			}
		}
		if errs.For("unit") == "" && current.Unit == domain.UnitCount && f.Unit != domain.UnitCount {
			for _, ind := range c.indicators {
				if (ind.NumeratorID != nil && *ind.NumeratorID == current.ID) || (ind.DenominatorID != nil && *ind.DenominatorID == current.ID) {
					errs.Add("unit", fmt.Sprintf("The unit must stay Count: the ratio %s counts %s", ind.Code, current.Code))
					break
				}
			}
		}
	}
	return f, sortErrors(errs, adminIndicatorFieldOrder)
}

// sortErrors puts messages in the order of the form's fields, as the error summary lists them.
func sortErrors(errs domain.FieldErrors, order []string) domain.FieldErrors {
	if len(errs) == 0 {
		return nil
	}
	slices.SortStableFunc(errs, func(a, b domain.FieldError) int {
		return slices.Index(order, a.Field) - slices.Index(order, b.Field)
	})
	return errs
}

func ordinalWord(i int) string { return [...]string{"First", "Second", "Third"}[i] }

// countWord writes 1 figure, 24 figures, 1,200 figures.
func countWord(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return readableNumber(strconv.Itoa(n)) + " " + word + "s"
}

func (s *Server) adminListIndicators(w http.ResponseWriter, r *http.Request) {
	list, err := s.store.Indicators(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, templates.AdminIndicatorList(s.page(r, "Indicators", "indicators"), list))
}

func (s *Server) adminNewIndicatorForm(w http.ResponseWriter, r *http.Request) {
	list, err := s.store.Indicators(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	next := 10
	for _, ind := range list {
		next = max(next, ind.Position+10)
	}
	view := templates.AdminIndicatorFormView{Values: templates.AdminIndicatorFormValues{Position: strconv.Itoa(next)}}
	s.renderAdminIndicatorForm(w, r, http.StatusOK, view)
}

func (s *Server) adminCreateIndicator(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	choices, err := s.adminIndicatorChoices(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view := templates.AdminIndicatorFormView{Values: readAdminIndicatorForm(r)}
	fields, errs := adminIndicatorFields(view.Values, nil, 0, choices)
	if errs == nil {
		id, err := s.store.CreateIndicator(r.Context(), domain.UserActor(currentUser(r.Context())), fields)
		if errs = adminIndicatorStoreError(err, fields.Code); errs == nil {
			if err != nil {
				s.renderError(w, r, err)
				return
			}
			s.flash(w, r, adminIndicatorPath(id), fields.Code+" has been added")
			return
		}
	}
	view.Errors = errs
	s.renderAdminIndicatorFormWith(w, r, http.StatusUnprocessableEntity, view, choices)
}

// adminIndicatorStoreError turns the store's refusals into messages beside
// their fields; other errors (and nil) give nil.
func adminIndicatorStoreError(err error, code string) domain.FieldErrors {
	var dup *domain.DuplicateError
	switch {
	case errors.As(err, &dup) && dup.Field == "code":
		return domain.FieldErrors{{Field: "code", Message: "An indicator with the code " + code + " already exists"}}
	case errors.Is(err, store.ErrHasFigures):
		return domain.FieldErrors{{Field: "dimension1", Message: "The breakdowns, frequency and year-to-date rule cannot change: figures have just been stored for " + code}}
	case errors.Is(err, store.ErrIsRatioPart):
		return domain.FieldErrors{{Field: "unit", Message: "The unit must stay Count: a ratio counts " + code}}
	case errors.Is(err, store.ErrIsShareBase):
		return domain.FieldErrors{{Field: "frequency", Message: "The frequency must stay as it was: another indicator’s shares are a percentage of " + code}}
	case errors.Is(err, store.ErrShareBase):
		return domain.FieldErrors{{Field: "share_base", Message: "Select an indicator counted as often as " + code + " for the shares, or its own total"}}
	}
	return nil
}

func (s *Server) adminEditIndicatorForm(w http.ResponseWriter, r *http.Request) {
	ind, err := s.adminIndicatorFromURL(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	view := templates.AdminIndicatorFormView{Indicator: ind, Values: adminIndicatorValues(ind)}
	s.renderAdminIndicatorForm(w, r, http.StatusOK, view)
}

func (s *Server) adminUpdateIndicator(w http.ResponseWriter, r *http.Request) {
	ind, err := s.adminIndicatorFromURL(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	choices, err := s.adminIndicatorChoices(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	figures, err := s.store.IndicatorFigures(r.Context(), ind.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view := templates.AdminIndicatorFormView{Indicator: ind, Values: readAdminIndicatorForm(r), Figures: figures}
	fields, errs := adminIndicatorFields(view.Values, ind, figures, choices)
	if errs == nil {
		err := s.store.UpdateIndicator(r.Context(), domain.UserActor(currentUser(r.Context())), ind.ID, fields)
		if errs = adminIndicatorStoreError(err, fields.Code); errs == nil {
			if err != nil {
				s.renderError(w, r, err)
				return
			}
			s.flash(w, r, adminIndicatorPath(ind.ID), fields.Code+" has been saved")
			return
		}
	}
	view.Errors = errs
	s.renderAdminIndicatorFormWith(w, r, http.StatusUnprocessableEntity, view, choices)
}

func (s *Server) renderAdminIndicatorForm(w http.ResponseWriter, r *http.Request, status int, view templates.AdminIndicatorFormView) {
	choices, err := s.adminIndicatorChoices(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if view.Indicator != nil {
		if view.Figures, err = s.store.IndicatorFigures(r.Context(), view.Indicator.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.renderAdminIndicatorFormWith(w, r, status, view, choices)
}

func (s *Server) renderAdminIndicatorFormWith(w http.ResponseWriter, r *http.Request, status int, view templates.AdminIndicatorFormView, c adminChoices) {
	view.Themes = c.themes
	view.Dimensions = c.dimensions
	for _, ind := range c.indicators {
		if view.Indicator == nil || ind.ID != view.Indicator.ID {
			view.Others = append(view.Others, ind)
		}
	}
	for _, a := range c.agencies {
		if a.Active || (view.Indicator != nil && view.Indicator.AgencyID == a.ID) {
			view.Agencies = append(view.Agencies, a)
		}
	}
	title := "Add an indicator"
	if view.Indicator != nil {
		title = "Change " + view.Indicator.Code
	}
	p := s.page(r, title, "indicators")
	p.HasErrors = len(view.Errors) > 0
	s.render(w, r, status, templates.AdminIndicatorForm(p, view))
}

func adminIndicatorPath(id int64) string { return "/admin/indicators/" + strconv.FormatInt(id, 10) }

func (s *Server) adminIndicatorFromURL(r *http.Request) (*domain.Indicator, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, "indicatorID"), 10, 64)
	if err != nil {
		return nil, domain.ErrNotFound
	}
	return s.store.IndicatorByID(r.Context(), id)
}

// ---------------------------------------------------------------------------
// One indicator's page: targets, commentary, comparators
// ---------------------------------------------------------------------------

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
	if utf8.RuneCountInString(body) > 10000 {
		errs := domain.FieldErrors{{Field: name, Message: "The commentary must be 10,000 characters or fewer"}}
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

func (s *Server) adminSetComparator(w http.ResponseWriter, r *http.Request) {
	ind, err := s.adminIndicatorFromURL(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := parseForm(r); err != nil {
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

// ---------------------------------------------------------------------------
// Dimensions (breakdowns)
// ---------------------------------------------------------------------------

// adminOptionLines reads options typed one per line, checking each against
// the others and those the dimension already has. Messages go to field.
func adminOptionLines(text string, existing []domain.DimensionOption, field string) ([]string, domain.FieldErrors) {
	var errs domain.FieldErrors
	var labels []string
	seen := map[string]bool{}
	for _, o := range existing {
		seen[strings.ToLower(o.Label)] = true
	}
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		label := strings.TrimSpace(line)
		if label == "" {
			continue
		}
		key := strings.ToLower(label)
		switch {
		case utf8.RuneCountInString(label) > 100:
			errs.Add(field, "Each option must be 100 characters or fewer: “"+shorten(label, 30)+"” is longer")
		case seen[key] && slices.ContainsFunc(existing, func(o domain.DimensionOption) bool { return strings.EqualFold(o.Label, label) }):
			errs.Add(field, "“"+label+"” is already an option: each option must be different")
		case seen[key]:
			errs.Add(field, "“"+label+"” is listed twice: each option must be different")
		}
		seen[key] = true
		labels = append(labels, label)
	}
	switch {
	case len(labels) == 0:
		errs.Add(field, "Enter the options, one per line")
	case len(existing)+len(labels) > store.MaxDimensionOptions:
		errs.Add(field, fmt.Sprintf("A breakdown can have up to %d options: this would make %d", store.MaxDimensionOptions, len(existing)+len(labels)))
	}
	return labels, errs
}

func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// adminDimensionName checks a dimension's name.
func adminDimensionName(name string) domain.FieldErrors {
	switch {
	case name == "":
		return domain.FieldErrors{{Field: "name", Message: "Enter the breakdown’s name, like Age band"}}
	case utf8.RuneCountInString(name) > 100:
		return domain.FieldErrors{{Field: "name", Message: "The name must be 100 characters or fewer"}}
	}
	return nil
}

// adminDimensionDuplicate is the message for a name or option already taken.
func adminDimensionDuplicate(err error, optionsField string) domain.FieldErrors {
	var dup *domain.DuplicateError
	if !errors.As(err, &dup) {
		return nil
	}
	if dup.Field == "name" {
		return domain.FieldErrors{{Field: "name", Message: "A breakdown with this name already exists"}}
	}
	return domain.FieldErrors{{Field: optionsField, Message: "Each option must be different from the others"}}
}

func (s *Server) adminListDimensions(w http.ResponseWriter, r *http.Request) {
	dims, err := s.store.Dimensions(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	uses, err := s.store.DimensionUses(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := templates.AdminDimensionListView{Dimensions: dims, Uses: map[int64]templates.AdminDimensionUse{}}
	for id, u := range uses {
		v.Uses[id] = templates.AdminDimensionUse(u)
	}
	s.render(w, r, http.StatusOK, templates.AdminDimensionList(s.page(r, "Breakdowns", "indicators"), v))
}

func (s *Server) adminNewDimensionForm(w http.ResponseWriter, r *http.Request) {
	s.renderAdminDimensionForm(w, r, http.StatusOK, templates.AdminDimensionFormView{})
}

func (s *Server) adminCreateDimension(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	v := templates.AdminDimensionFormView{Values: templates.AdminDimensionFormValues{Name: field(r, "name"), Options: r.PostFormValue("options")}}
	errs := adminDimensionName(v.Values.Name)
	labels, optErrs := adminOptionLines(v.Values.Options, nil, "options")
	errs = append(errs, optErrs...)
	if len(errs) == 0 {
		id, err := s.store.CreateDimension(r.Context(), domain.UserActor(currentUser(r.Context())), v.Values.Name, labels)
		if errs = adminDimensionDuplicate(err, "options"); errs == nil {
			if err != nil {
				s.renderError(w, r, err)
				return
			}
			s.flash(w, r, adminDimensionPath(id), v.Values.Name+" has been added with "+countWord(len(labels), "option"))
			return
		}
	}
	v.Errors = errs
	s.renderAdminDimensionForm(w, r, http.StatusUnprocessableEntity, v)
}

func (s *Server) renderAdminDimensionForm(w http.ResponseWriter, r *http.Request, status int, v templates.AdminDimensionFormView) {
	p := s.page(r, "Add a breakdown", "indicators")
	p.HasErrors = len(v.Errors) > 0
	s.render(w, r, status, templates.AdminDimensionForm(p, v))
}

func adminDimensionPath(id int64) string { return "/admin/dimensions/" + strconv.FormatInt(id, 10) }

func (s *Server) adminDimensionFromURL(r *http.Request) (*domain.Dimension, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, "dimensionID"), 10, 64)
	if err != nil {
		return nil, domain.ErrNotFound
	}
	return s.store.DimensionByID(r.Context(), id)
}

// adminDimensionScope reads the dimension of the address and the posted form.
func (s *Server) adminDimensionScope(w http.ResponseWriter, r *http.Request) (*domain.Dimension, bool) {
	d, err := s.adminDimensionFromURL(r)
	if err != nil {
		s.renderError(w, r, err)
		return nil, false
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return nil, false
	}
	return d, true
}

// adminOptionFromURL finds the address's option among the dimension's.
func adminOptionFromURL(r *http.Request, d *domain.Dimension) (*domain.DimensionOption, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, "optionID"), 10, 64)
	if err != nil {
		return nil, domain.ErrNotFound
	}
	for i := range d.Options {
		if d.Options[i].ID == id {
			return &d.Options[i], nil
		}
	}
	return nil, domain.ErrNotFound
}

func (s *Server) adminDimensionPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.adminDimensionFromURL(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.renderAdminDimensionPage(w, r, http.StatusOK, templates.AdminDimensionView{Dimension: *d, Name: d.Name})
}

func (s *Server) renderAdminDimensionPage(w http.ResponseWriter, r *http.Request, status int, v templates.AdminDimensionView) {
	uses, err := s.store.DimensionUses(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Use = templates.AdminDimensionUse(uses[v.Dimension.ID])
	p := s.page(r, v.Dimension.Name, "indicators")
	p.HasErrors = len(v.Errors) > 0
	s.render(w, r, status, templates.AdminDimensionPage(p, v))
}

func (s *Server) adminRenameDimension(w http.ResponseWriter, r *http.Request) {
	d, ok := s.adminDimensionScope(w, r)
	if !ok {
		return
	}
	name := field(r, "name")
	errs := adminDimensionName(name)
	if errs == nil {
		err := s.store.RenameDimension(r.Context(), domain.UserActor(currentUser(r.Context())), d.ID, name)
		if errs = adminDimensionDuplicate(err, "name"); errs == nil {
			if err != nil {
				s.renderError(w, r, err)
				return
			}
			s.flash(w, r, adminDimensionPath(d.ID), "The breakdown has been renamed "+name)
			return
		}
	}
	s.renderAdminDimensionPage(w, r, http.StatusUnprocessableEntity, templates.AdminDimensionView{Dimension: *d, Name: name, Errors: errs})
}

func (s *Server) adminRenameOptions(w http.ResponseWriter, r *http.Request) {
	d, ok := s.adminDimensionScope(w, r)
	if !ok {
		return
	}
	typed := map[int64]string{}
	changed := map[int64]string{}
	var errs domain.FieldErrors
	seen := map[string]bool{}
	for i, o := range d.Options {
		name := templates.AdminOptionField(o.ID)
		if _, sent := r.PostForm[name]; !sent {
			typed[o.ID] = o.Label
		} else {
			typed[o.ID] = field(r, name)
		}
		label := typed[o.ID]
		switch {
		case label == "":
			errs.Add(name, fmt.Sprintf("Enter a name for option %d", i+1))
		case utf8.RuneCountInString(label) > 100:
			errs.Add(name, fmt.Sprintf("The name of option %d must be 100 characters or fewer", i+1))
		case seen[strings.ToLower(label)]:
			errs.Add(name, "“"+label+"” is the name of another option: each option must be different")
		}
		seen[strings.ToLower(label)] = true
		if label != o.Label {
			changed[o.ID] = label
		}
	}
	if errs == nil {
		err := s.store.RenameDimensionOptions(r.Context(), domain.UserActor(currentUser(r.Context())), d.ID, changed)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		msg := "The option names have been saved"
		if len(changed) == 0 {
			msg = "No option names were changed"
		}
		s.flash(w, r, adminDimensionPath(d.ID), msg)
		return
	}
	s.renderAdminDimensionPage(w, r, http.StatusUnprocessableEntity, templates.AdminDimensionView{Dimension: *d, Name: d.Name, Labels: typed, Errors: errs})
}

func (s *Server) adminAddOptions(w http.ResponseWriter, r *http.Request) {
	d, ok := s.adminDimensionScope(w, r)
	if !ok {
		return
	}
	text := r.PostFormValue("new_options")
	labels, errs := adminOptionLines(text, d.Options, "new_options")
	if errs == nil {
		err := s.store.AddDimensionOptions(r.Context(), domain.UserActor(currentUser(r.Context())), d.ID, labels)
		switch {
		case errors.Is(err, store.ErrTooManyOptions):
			errs = domain.FieldErrors{{Field: "new_options", Message: fmt.Sprintf("A breakdown can have up to %d options", store.MaxDimensionOptions)}}
		default:
			errs = adminDimensionDuplicate(err, "new_options")
		}
		if errs == nil {
			if err != nil {
				s.renderError(w, r, err)
				return
			}
			s.flash(w, r, adminDimensionPath(d.ID), countWord(len(labels), "option")+" added to "+d.Name)
			return
		}
	}
	s.renderAdminDimensionPage(w, r, http.StatusUnprocessableEntity, templates.AdminDimensionView{Dimension: *d, Name: d.Name, NewOptions: text, Errors: errs})
}

func (s *Server) adminMoveOption(w http.ResponseWriter, r *http.Request) {
	d, ok := s.adminDimensionScope(w, r)
	if !ok {
		return
	}
	o, err := adminOptionFromURL(r, d)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	dir := r.PostFormValue("direction")
	if dir != "up" && dir != "down" {
		s.renderError(w, r, fmt.Errorf("%w: direction %q", errBadRequest, dir))
		return
	}
	if err := s.store.MoveDimensionOption(r.Context(), domain.UserActor(currentUser(r.Context())), d.ID, o.ID, dir == "up"); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.flashNear(w, r, adminDimensionPath(d.ID), "option-"+strconv.FormatInt(o.ID, 10), "“"+o.Label+"” has been moved "+dir)
}

func (s *Server) adminRemoveOption(w http.ResponseWriter, r *http.Request) {
	d, ok := s.adminDimensionScope(w, r)
	if !ok {
		return
	}
	o, err := adminOptionFromURL(r, d)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	err = s.store.RemoveDimensionOption(r.Context(), domain.UserActor(currentUser(r.Context())), d.ID, o.ID)
	if errors.Is(err, store.ErrOptionInUse) {
		errs := domain.FieldErrors{{Field: templates.AdminOptionField(o.ID),
			Message: "“" + o.Label + "” cannot be removed: figures are stored against it. Rename it instead, or remove its figures first"}}
		s.renderAdminDimensionPage(w, r, http.StatusUnprocessableEntity, templates.AdminDimensionView{Dimension: *d, Name: d.Name, Errors: errs})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.flash(w, r, adminDimensionPath(d.ID), "“"+o.Label+"” has been removed")
}

// ---------------------------------------------------------------------------
// Comparator series
// ---------------------------------------------------------------------------

func (s *Server) adminListComparators(w http.ResponseWriter, r *http.Request) {
	s.renderAdminComparators(w, r, http.StatusOK, templates.AdminComparatorSeriesView{})
}

func (s *Server) adminCreateComparator(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	name := field(r, "name")
	var errs domain.FieldErrors
	switch {
	case name == "":
		errs.Add("name", "Enter the comparator’s name, like England")
	case utf8.RuneCountInString(name) > 100:
		errs.Add("name", "The name must be 100 characters or fewer")
	}
	if errs == nil {
		_, err := s.store.CreateComparatorSeries(r.Context(), domain.UserActor(currentUser(r.Context())), name)
		var dup *domain.DuplicateError
		if errors.As(err, &dup) {
			errs.Add("name", "A comparator with this name already exists")
		} else if err != nil {
			s.renderError(w, r, err)
			return
		} else {
			s.flash(w, r, "/admin/comparators", name+" has been added")
			return
		}
	}
	s.renderAdminComparators(w, r, http.StatusUnprocessableEntity, templates.AdminComparatorSeriesView{Name: name, Errors: errs})
}

func (s *Server) renderAdminComparators(w http.ResponseWriter, r *http.Request, status int, v templates.AdminComparatorSeriesView) {
	var err error
	if v.Series, err = s.store.ComparatorSeries(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.Figures, err = s.store.ComparatorSeriesUse(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.page(r, "Comparators", "indicators")
	p.HasErrors = len(v.Errors) > 0
	s.render(w, r, status, templates.AdminComparatorSeriesList(p, v))
}
