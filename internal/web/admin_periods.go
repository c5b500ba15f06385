package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// msgOpenNeedsDeadline asks for the deadline a period needs before it opens.
const msgOpenNeedsDeadline = "Enter the deadline for returns: a period cannot open without one"

type periodForm struct {
	Label string `form:"label" label:"the financial year" validate:"required,period_label"`
	Open  string `form:"open" label:"whether the period is open" choice:"true" validate:"required,oneof=yes no"`
}

func readPeriodForm(r *http.Request) templates.PeriodFormValues {
	return templates.PeriodFormValues{
		Label: field(r, "label"),
		Open:  field(r, "open"),
		Deadline: templates.DateParts{
			Day: field(r, "deadline-day"), Month: field(r, "deadline-month"), Year: field(r, "deadline-year"),
		},
	}
}

// periodFields validates a period form. The financial year fixes the dates: 1 April to 31 March.
func periodFields(v templates.PeriodFormValues) (store.PeriodFields, domain.FieldErrors) {
	errs := checkForm(periodForm{Label: v.Label, Open: v.Open})
	var f store.PeriodFields
	if errs.For("label") == "" {
		year, _ := strconv.Atoi(v.Label[:4])
		p := domain.PeriodForYear(year)
		f = store.PeriodFields{Label: p.Label, StartsOn: p.StartsOn, EndsOn: p.EndsOn}
	}
	f.IsOpen = v.Open == "yes"
	deadline, msg := parseDate(v.Deadline, "The deadline")
	if msg != "" {
		errs.Add("deadline", msg)
	}
	f.Deadline = deadline
	if deadline != nil && !f.StartsOn.IsZero() && deadline.Before(f.StartsOn) {
		errs.Add("deadline", "The deadline must be on or after the start of the year, "+templates.Date(f.StartsOn))
	}
	if msg == "" && f.IsOpen && (domain.Period{Deadline: deadline}).CanOpen() != nil {
		errs.Add("deadline", msgOpenNeedsDeadline)
	}
	return f, errs
}

// parseDate reads a GOV.UK date input. All three parts empty means no date.
func parseDate(d templates.DateParts, what string) (*time.Time, string) {
	if d.Day == "" && d.Month == "" && d.Year == "" {
		return nil, ""
	}
	var missing []string
	for _, part := range []struct{ name, value string }{{"a day", d.Day}, {"a month", d.Month}, {"a year", d.Year}} {
		if part.value == "" {
			missing = append(missing, part.name)
		}
	}
	if len(missing) > 0 {
		return nil, what + " must include " + strings.Join(missing, " and ")
	}
	day, err1 := strconv.Atoi(d.Day)
	month, err2 := strconv.Atoi(d.Month)
	year, err3 := strconv.Atoi(d.Year)
	if err1 != nil || err2 != nil || err3 != nil || len(d.Year) != 4 {
		return nil, what + " must be a real date, like 30 4 2010"
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day || int(t.Month()) != month {
		return nil, what + " must be a real date, like 30 4 2010"
	}
	return &t, ""
}

func dateParts(t *time.Time) templates.DateParts {
	if t == nil {
		return templates.DateParts{}
	}
	return templates.DateParts{Day: strconv.Itoa(t.Day()), Month: strconv.Itoa(int(t.Month())), Year: strconv.Itoa(t.Year())}
}

func (s *Server) listPeriods(w http.ResponseWriter, r *http.Request) {
	periods, err := s.store.Periods(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, templates.PeriodList(s.page(r, "Reporting periods", "periods"), periods))
}

func (s *Server) newPeriodForm(w http.ResponseWriter, r *http.Request) {
	s.renderPeriodForm(w, r, http.StatusOK, templates.PeriodFormView{Values: templates.PeriodFormValues{Open: "no"}})
}

func (s *Server) createPeriod(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	view := templates.PeriodFormView{Values: readPeriodForm(r)}
	fields, errs := periodFields(view.Values)
	if errs == nil {
		_, err := s.store.CreatePeriod(r.Context(), domain.UserActor(currentUser(r.Context())), fields)
		if errs = duplicateMessage(err); errs == nil {
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			s.flash(w, r, "/admin/periods", fields.Label+" has been added")
			return
		}
	}
	view.Errors = errs
	s.renderPeriodForm(w, r, http.StatusUnprocessableEntity, view)
}

func (s *Server) editPeriodForm(w http.ResponseWriter, r *http.Request) {
	p, err := s.periodFromURL(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	view := templates.PeriodFormView{Period: p, Values: templates.PeriodFormValues{
		Label: p.Label, Open: yesNo(p.IsOpen), Deadline: dateParts(p.Deadline),
	}}
	s.renderPeriodForm(w, r, http.StatusOK, view)
}

// updatePeriod changes the deadline and whether the period is open; the year itself stays.
func (s *Server) updatePeriod(w http.ResponseWriter, r *http.Request) {
	p, err := s.periodFromURL(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	view := templates.PeriodFormView{Period: p, Values: readPeriodForm(r)}
	view.Values.Label = p.Label
	fields, errs := periodFields(view.Values)
	if errs == nil {
		if err := s.store.UpdatePeriod(r.Context(), domain.UserActor(currentUser(r.Context())), p.ID, fields); err != nil {
			s.renderError(w, r, err)
			return
		}
		s.flash(w, r, "/admin/periods", p.Label+" has been saved")
		return
	}
	view.Errors = errs
	s.renderPeriodForm(w, r, http.StatusUnprocessableEntity, view)
}

func (s *Server) openPeriod(w http.ResponseWriter, r *http.Request) { s.setPeriodOpen(w, r, true) }

func (s *Server) closePeriod(w http.ResponseWriter, r *http.Request) { s.setPeriodOpen(w, r, false) }

func (s *Server) setPeriodOpen(w http.ResponseWriter, r *http.Request, open bool) {
	p, err := s.periodFromURL(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	err = s.store.SetPeriodOpen(r.Context(), domain.UserActor(currentUser(r.Context())), p.ID, open)
	if errors.Is(err, domain.ErrNoDeadline) {
		// The period's form, ready to open it once a deadline is entered.
		view := templates.PeriodFormView{Period: p, Values: templates.PeriodFormValues{Label: p.Label, Open: "yes"}}
		view.Errors.Add("deadline", msgOpenNeedsDeadline)
		s.renderPeriodForm(w, r, http.StatusUnprocessableEntity, view)
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	word := "closed"
	if open {
		word = "opened"
	}
	s.flash(w, r, "/admin/periods", p.Label+" has been "+word)
}

func (s *Server) renderPeriodForm(w http.ResponseWriter, r *http.Request, status int, view templates.PeriodFormView) {
	title := "Add a reporting period"
	if view.Period != nil {
		title = "Change " + view.Period.Label
		var err error
		if view.Carry, err = s.carryOffer(r.Context(), *view.Period); err != nil {
			s.serverError(w, r, err)
			return
		}
		if view.Unconfirmed, err = s.store.UnconfirmedTargets(r.Context(), view.Period.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	p := s.page(r, title, "periods")
	p.HasErrors = len(view.Errors) > 0
	s.render(w, r, status, templates.PeriodForm(p, view))
}

func (s *Server) periodFromURL(r *http.Request) (*domain.Period, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, "periodID"), 10, 64)
	if err != nil {
		return nil, domain.ErrNotFound
	}
	return s.store.PeriodByID(r.Context(), id)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
