package web

import (
	"errors"
	"net/http"
	"strconv"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// The board's meetings in the period, each with who attended; they are kept
// in date order, not as an ordered list.

func meetingView(period *domain.Period, members []domain.BoardMember, date templates.DateParts, attendees []string, errs domain.FieldErrors) templates.BoardFormView {
	base := reportBase(period) + "/board"
	options := make([]templates.Option, len(members))
	for i, m := range members {
		label := m.Role + ", " + m.Organisation
		if m.Name != "" {
			label = m.Name + ", " + label
		}
		options[i] = templates.Option{Value: strconv.FormatInt(m.ID, 10), Label: label}
	}
	return templates.BoardFormView{Caption: reportCaption(period), Heading: "Add a meeting", Save: "Save the meeting",
		EntryForm: templates.EntryForm{Action: base + "/meetings", Back: base + "/membership", Errors: errs},
		Fields: []templates.BoardField{
			{Name: "held_on", Label: "Date of the meeting", Hint: "For example, 14 4 2009", Kind: "date", Date: date, Error: errs.For("held_on")},
			{Name: "attendees", Label: "Who attended?", Hint: "Select everyone who was there.", Kind: "checkboxes", Options: options, Values: attendees, Error: errs.For("attendees")},
		}}
}

func (s *Server) newMeetingForm(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	members, err := s.store.Members(r.Context(), period.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderBoardForm(w, r, meetingView(period, members, templates.DateParts{}, nil, nil))
}

// requestedMeeting is the meeting the address names; it answers and reports
// false when there is none.
func (s *Server) requestedMeeting(w http.ResponseWriter, r *http.Request) (domain.Meeting, bool) {
	id, err := idParam(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return domain.Meeting{}, false
	}
	m, err := s.store.Meeting(r.Context(), currentPeriod(r.Context()).ID, id)
	if err != nil {
		s.renderError(w, r, err)
		return m, false
	}
	return m, true
}

func (s *Server) editMeetingForm(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	m, ok := s.requestedMeeting(w, r)
	if !ok {
		return
	}
	id := m.ID
	members, err := s.store.Members(r.Context(), period.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	attendees := make([]string, len(m.Attendees))
	for i, a := range m.Attendees {
		attendees[i] = strconv.FormatInt(a, 10)
	}
	view := meetingView(period, members, dateParts(&m.HeldOn), attendees, nil)
	view.Heading, view.Action, view.Version = "Change the meeting", view.Action+"/"+strconv.FormatInt(id, 10), m.Version
	s.renderBoardForm(w, r, view)
}

func (s *Server) createMeeting(w http.ResponseWriter, r *http.Request) { s.saveMeeting(w, r, 0) }

func (s *Server) updateMeeting(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.saveMeeting(w, r, id)
}

func (s *Server) saveMeeting(w http.ResponseWriter, r *http.Request, id int64) {
	period := currentPeriod(r.Context())
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	members, err := s.store.Members(r.Context(), period.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	date := templates.DateParts{Day: field(r, "held_on-day"), Month: field(r, "held_on-month"), Year: field(r, "held_on-year")}
	attendees := r.PostForm["attendees"]
	var ids []int64
	for _, a := range attendees {
		n, err := strconv.ParseInt(a, 10, 64)
		if err != nil {
			s.renderError(w, r, errBadRequest)
			return
		}
		ids = append(ids, n)
	}
	var errs domain.FieldErrors
	when, msg := parseDate(date, "The date of the meeting")
	switch {
	case msg != "":
		errs.Add("held_on", msg)
	case when == nil:
		errs.Add("held_on", "Enter the date of the meeting")
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	view := meetingView(period, members, date, attendees, errs)
	if id != 0 {
		view.Heading, view.Action, view.Version = "Change the meeting", view.Action+"/"+strconv.FormatInt(id, 10), version
	}
	if len(errs) == 0 {
		actor := domain.UserActor(currentUser(r.Context()))
		if id == 0 {
			id, err = s.store.AddMeeting(r.Context(), actor, period.ID, *when, ids)
		} else {
			err = s.store.UpdateMeeting(r.Context(), actor, period.ID, id, version, *when, ids)
		}
		var dup *domain.DuplicateError
		switch {
		case err == nil:
			s.flash(w, r, reportBase(period)+"/board/membership", "The meeting of "+templates.Date(*when)+" has been saved")
			return
		case errors.As(err, &dup):
			view.Errors.Add("held_on", "There is already a meeting on "+templates.Date(*when)+": change that one instead")
			view.Fields[0].Error = view.Errors.For("held_on")
		case errors.Is(err, domain.ErrStale):
			view.Conflict = "Someone else changed this meeting since you opened it. What you chose is below: reload the page to see their version."
			view.Current = view.Action
		case isNotFound(err):
			view.Conflict = "Someone else removed this meeting since you opened it. Save to add it again."
			view.Action, view.Version = reportBase(period)+"/board/meetings", 0
		default:
			s.serverError(w, r, err)
			return
		}
	}
	s.renderBoardForm(w, r, view)
}

func (s *Server) removeMeetingForm(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	m, ok := s.requestedMeeting(w, r)
	if !ok {
		return
	}
	id := m.ID
	base := reportBase(period) + "/board"
	s.renderBoardRemove(w, r, templates.BoardRemoveView{Caption: reportCaption(period), Removal: templates.Removal{Kind: "meeting",
		Name: templates.Date(m.HeldOn), Action: base + "/meetings/" + strconv.FormatInt(id, 10) + "/remove", Cancel: base + "/membership", Version: m.Version}})
}

func (s *Server) removeMeeting(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	id, err := idParam(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	version, err := postedVersion(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	list := reportBase(period) + "/board/membership"
	err = s.store.RemoveMeeting(r.Context(), domain.UserActor(currentUser(r.Context())), period.ID, id, version)
	switch {
	case err == nil:
		s.flash(w, r, list, "The meeting has been removed")
	case isNotFound(err):
		s.flash(w, r, list, "That meeting had already been removed")
	case errors.Is(err, domain.ErrStale):
		s.renderStatus(w, r, http.StatusConflict)
	default:
		s.renderError(w, r, err)
	}
}
