package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// mountAdminIndicators adds the manager's pages for indicators, their
// breakdowns (dimensions) and comparators. The /admin route already requires
// ActionAdminister.
func (s *Server) mountAdminIndicators(r chi.Router) {
	r.Route("/indicators", func(r chi.Router) {
		r.Get("/", s.adminListIndicators)
		r.Get("/new", s.adminNewIndicatorForm)
		r.Post("/", s.adminCreateIndicator)
		r.Get("/{indicatorID}/edit", s.adminEditIndicatorForm)
		r.Post("/{indicatorID}", s.adminUpdateIndicator)
		s.mountAdminIndicatorPage(r)
	})
	r.Route("/dimensions", s.mountAdminDimensions)
	r.Route("/comparators", s.mountAdminComparators)
}

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
	"code", "name", "description", "theme", "agency", "unit", "polarity", "frequency", "ytd_rule", "decimals",
	"numerator", "denominator", "dimension1", "dimension2", "dimension3", "share_base", "position",
}

var indicatorCodePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$`)

func readAdminIndicatorForm(r *http.Request) templates.AdminIndicatorFormValues {
	v := templates.AdminIndicatorFormValues{
		Code: field(r, "code"), Name: field(r, "name"), Description: field(r, "description"), Theme: field(r, "theme"),
		Unit: field(r, "unit"), Polarity: field(r, "polarity"), Frequency: field(r, "frequency"),
		YTDRule: field(r, "ytd_rule"), Numerator: field(r, "numerator"), Denominator: field(r, "denominator"),
		Agency: field(r, "agency"), Position: field(r, "position"), SuppressSmall: field(r, "suppress_small") == "yes",
		ShareBase: field(r, "share_base"), Decimals: field(r, "decimals"),
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
	if ind.Decimals != nil {
		v.Decimals = strconv.Itoa(*ind.Decimals)
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
// being changed (nil when adding) and figures how many figures it holds. The
// form's own fields are checked here; how they fit the other indicators
// (ratios, shares, what figures hold in place) by domain.CheckIndicatorLinks.
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
		NumeratorID: chosenID(v.Numerator), DenominatorID: chosenID(v.Denominator), ShareBaseID: chosenID(v.ShareBase),
	}
	if errs.For("agency") == "" {
		id, _ := strconv.ParseInt(v.Agency, 10, 64)
		i := slices.IndexFunc(c.agencies, func(a domain.Agency) bool { return a.ID == id })
		if i < 0 || (!c.agencies[i].Active && (current == nil || current.AgencyID != id)) {
			errs.Add("agency", "Select the agency that owns the figures from the list")
		}
		f.AgencyID = id
	}
	if v.Decimals != "" {
		n, err := strconv.Atoi(v.Decimals)
		if err != nil || n < 0 || n > domain.MaxDecimals {
			errs.Add("decimals", "Select how many decimal places are shown: the unit’s default, none, one or two")
		}
		f.Decimals = &n
	}
	if errs.For("position") == "" {
		n, err := strconv.Atoi(v.Position)
		if err != nil || n < -1_000_000 || n > 1_000_000 {
			errs.Add("position", "The position must be a whole number, like 10")
		}
		f.Position = n
	}
	f.DimensionIDs, errs = adminDimensionChoices(v.Dimensions, c.dimensions, errs)
	errs = domain.CheckIndicatorLinks(errs, f, current, figures, c.indicators)
	return f, sortErrors(errs, adminIndicatorFieldOrder)
}

// chosenID reads an indicator chosen from a list: nil for None (""), 0 for
// anything that is not an id, which no indicator has.
func chosenID(value string) *int64 {
	if value == "" {
		return nil
	}
	id, _ := strconv.ParseInt(value, 10, 64)
	return &id
}

// adminDimensionChoices checks the breakdowns chosen in the form's three
// lists, in order, and gives their ids.
func adminDimensionChoices(values [domain.MaxDimensions]string, all []domain.Dimension, errs domain.FieldErrors) ([]int64, domain.FieldErrors) {
	dims := map[int64]domain.Dimension{}
	for _, d := range all {
		dims[d.ID] = d
	}
	var ids []int64
	seen := map[int64]int{}
	for i, value := range values {
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
			ids = append(ids, id)
		}
	}
	return ids, errs
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
func countWord(n int, word string) string { return domain.CountOf(n, word) }

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
