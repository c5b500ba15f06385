package web

import (
	"bytes"
	"context"
	"net/http"
	"strings"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// The compiled report at /periods/{period}/report: every visible section of
// the outline in order, numbered, as every reader of the report reads it.

func (s *Server) compiledReport(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	user := currentUser(r.Context())
	preview := Can(user, ActionPreviewReport) && r.URL.Query().Get("preview") == "submitted"
	accepted := acceptedOnly(r)
	view, err := s.cachedReport(r.Context(), *period, user, preview, accepted)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view.Switch = figuresSwitch(r, view.Withheld)
	if Can(user, ActionEditOverview) {
		view.EditPath = reportBase(period) + "/board"
	}
	if Can(user, ActionEditReport) {
		view.OutlinePath = reportBase(period) + "/outline"
	}
	s.render(w, r, http.StatusOK, templates.ReportDocument(s.page(r, view.Title+", "+period.Label, ""), view))
}

// RenderReport writes the whole report for a period as one HTML document, as
// any reader sees it (accepted returns only) and without the editors' links:
// what publishing a version and the PDF start from.
func (s *Server) RenderReport(ctx context.Context, period domain.Period) ([]byte, error) {
	ctx = s.readingPerformance(ctx, period, false)
	if templates.FiguresFrom(ctx) == nil {
		ctx = s.withFigures(ctx, period, false)
	}
	view, err := s.reportDocument(ctx, period, nil, false, false)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	p := templates.Page{Title: view.Title + ", " + period.Label, BoardName: view.BoardName}
	if err := templates.ReportDocument(p, view).Render(ctx, &buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// reportDocument gathers every visible section of the period's report in the
// outline's order, numbered. The sections built from returns and figures use
// the same loaders as their own pages.
//
// With acceptedOnly (the manager's switch), section 4 leaves out the
// provisional figures.
func (s *Server) reportDocument(ctx context.Context, period domain.Period, user *domain.User, preview, acceptedOnly bool) (templates.ReportDocView, error) {
	view := templates.ReportDocView{Period: period, BoardName: s.cfg.BoardName, Preview: preview,
		CanPreview: Can(user, ActionPreviewReport), Path: reportBase(&period)}
	if view.BoardName == "" {
		name, err := s.store.BoardName(ctx)
		if err != nil {
			return view, err
		}
		view.BoardName = name
	}
	outline, err := s.store.Outline(ctx, period)
	if err != nil {
		return view, err
	}
	board, err := s.store.BoardContent(ctx, period.ID)
	if err != nil {
		return view, err
	}
	view.Title, view.Subtitle = board.Cover.Title, board.Cover.Subtitle
	if view.Title == "" {
		view.Title = domain.DefaultCoverTitle(period)
	}
	if board.Cover.Date != nil {
		view.Date = templates.Date(*board.Cover.Date)
	}
	statuses := includedStatuses(preview && Can(user, ActionPreviewReport))
	for _, ns := range domain.NumberSections(outline) {
		sec := templates.ReportDocSection{NumberedSection: ns, Period: period, Board: board}
		switch ns.Kind {
		case domain.SectionPartnerReviews, domain.SectionObjectives:
			rv, err := s.returnsReportView(ctx, period, user, 0, "/report", preview)
			if err != nil {
				return view, err
			}
			renumberReturns(&rv, ns.Number)
			if len(rv.Missing) > 0 {
				view.Missing = rv.MissingNote()
			}
			if err := s.fillReturns(ctx, &rv, ns.Kind, statuses); err != nil {
				return view, err
			}
			sec.Returns = &rv
		case domain.SectionPerformance:
			pv, err := s.performanceView(ctx, period, acceptedOnly)
			if err != nil {
				return view, err
			}
			view.Withheld = pv.Withheld
			for i := range pv.Themes {
				t := &pv.Themes[i]
				t.Number = renumber(t.Number, "4", ns.Number)
				for j := range t.Indicators {
					t.Indicators[j].Number = renumber(t.Indicators[j].Number, "4", ns.Number)
				}
			}
			sec.Perf = &pv
		case domain.SectionPlan:
			if !period.WasCarried() {
				break
			}
			if sec.BoardLookBack, err = s.store.BoardLookBack(ctx, period.ID); err != nil {
				return view, err
			}
		case domain.SectionMembership:
			sec.Attendance = domain.Attendance(board.Members, board.Meetings)
		case domain.SectionWorkByAim:
			if sec.ByAim, err = s.workByAimView(ctx, period, statuses); err != nil {
				return view, err
			}
		case domain.SectionChallenge:
			if sec.Challenges, err = s.challengeReportView(ctx, period); err != nil {
				return view, err
			}
		}
		view.Sections = append(view.Sections, sec)
	}
	return view, nil
}

// renumber swaps the leading section number of a sub-section's number, so
// "4.2.1" becomes "3.2.1" when the section is third.
func renumber(number, from, to string) string {
	if rest, ok := strings.CutPrefix(number, from+"."); ok {
		return to + "." + rest
	}
	return number
}

func renumberReturns(v *templates.ReportView, number string) {
	eachSection := func(fn func(s *templates.ReportSection)) {
		for i := range v.Sections {
			fn(&v.Sections[i])
		}
	}
	eachSection(func(s *templates.ReportSection) {
		s.Number = renumber(s.Number, "0", number)
		for j := range s.Agencies {
			s.Agencies[j].Number = renumber(s.Agencies[j].Number, "0", number)
		}
	})
}

func eachAgency(v *templates.ReportView, fn func(a *templates.ReportAgency)) {
	for i := range v.Sections {
		for j := range v.Sections[i].Agencies {
			fn(&v.Sections[i].Agencies[j])
		}
	}
}
