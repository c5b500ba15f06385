package web

import (
	"net/http"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// The board's membership in the period (an ordered list), with the meetings
// (report_meetings.go) and the attendance table they make.

func (s *Server) membershipPage(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	board, err := s.store.BoardContent(r.Context(), period.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	base := reportBase(period) + "/board"
	view := templates.MembershipPageView{Period: *period, Base: base, IntroPath: base + "/text/membership-intro",
		Intro: board.Text(domain.TextMembership), Members: board.Members, Meetings: board.Meetings,
		Attendance: domain.Attendance(board.Members, board.Meetings)}
	s.render(w, r, http.StatusOK, templates.MembershipPage(s.page(r, "Membership and attendance", ""), view))
}

var memberEditor = &listEditor[domain.BoardMember]{
	place: reportPlace{}, entries: store.MemberList,
	noun: "member", path: "/board/members", list: "/board/membership",
	name:   func(m domain.BoardMember) string { return m.Role },
	anchor: templates.MemberRowID,
	fields: func(_ *http.Request, m domain.BoardMember) []templates.BoardField {
		return []templates.BoardField{
			{Name: "role", Label: "Role", Hint: "Such as “Director of Children’s Services” or “Lay member”", Value: m.Role},
			{Name: "organisation", Label: "Agency or organisation", Hint: "Such as “Kent Police”", Value: m.Organisation},
			{Name: "name", Label: "Name (optional)", Hint: "Leave blank to name the member by their role only.", Value: m.Name},
		}
	},
}
