package web

import (
	"errors"
	"net/http"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// The report's cover: its title, subtitle and date.

type coverForm struct {
	Title    string `form:"title" label:"the title" missing:"the report’s title, like Annual review 2009/10 and business plan 2010/11" validate:"required,max=200"`
	Subtitle string `form:"subtitle" label:"the subtitle" validate:"max=200"`
}

func coverFields(title, subtitle string, date templates.DateParts, errs domain.FieldErrors) []templates.BoardField {
	return []templates.BoardField{
		{Name: "title", Label: "Title", Hint: "Such as “Annual review 2009/10 and business plan 2010/11”", Value: title, Error: errs.For("title")},
		{Name: "subtitle", Label: "Subtitle (optional)", Hint: "Such as “Medway Safeguarding Children Board”", Value: subtitle, Error: errs.For("subtitle")},
		{Name: "cover_date", Label: "Date on the cover (optional)", Hint: "For example, 27 4 2010", Kind: "date", Date: date, Error: errs.For("cover_date")},
	}
}

func (s *Server) coverView(period *domain.Period) templates.BoardFormView {
	base := reportBase(period) + "/board"
	return templates.BoardFormView{Caption: reportCaption(period), Heading: "Cover", Save: "Save the cover",
		EntryForm: templates.EntryForm{Action: base + "/cover", Back: base}}
}

func (s *Server) coverPage(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	c, err := s.store.ReportCover(r.Context(), period.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if c.Version == 0 {
		c.Title = domain.DefaultCoverTitle(*period)
	}
	view := s.coverView(period)
	view.Version = c.Version
	view.Fields = coverFields(c.Title, c.Subtitle, dateParts(c.Date), nil)
	s.renderBoardForm(w, r, view)
}

func (s *Server) saveCover(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	version, err := postedVersion(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	title, subtitle := field(r, "title"), field(r, "subtitle")
	date := templates.DateParts{Day: field(r, "cover_date-day"), Month: field(r, "cover_date-month"), Year: field(r, "cover_date-year")}
	view := s.coverView(period)
	view.Version = version
	view.Errors = checkForm(coverForm{Title: title, Subtitle: subtitle})
	when, msg := parseDate(date, "The date on the cover")
	if msg != "" {
		view.Errors.Add("cover_date", msg)
	}
	if len(view.Errors) == 0 {
		err := s.store.SaveReportCover(r.Context(), domain.UserActor(currentUser(r.Context())), period.ID, version,
			domain.ReportCover{Title: title, Subtitle: subtitle, Date: when})
		switch {
		case err == nil:
			s.flash(w, r, reportBase(period)+"/board", "The cover has been saved")
			return
		case errors.Is(err, domain.ErrStale):
			view.Conflict = "Someone else saved the cover since you opened it. What you typed is below: reload the page to see theirs."
			view.Current = view.Action
		default:
			s.serverError(w, r, err)
			return
		}
	}
	view.Fields = coverFields(title, subtitle, date, view.Errors)
	s.renderBoardForm(w, r, view)
}
