package web

import (
	"context"
	"net/http"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// The report's outline: its sections in order, which the manager reorders,
// hides, renames, letters as appendices and adds to (an ordered list).

func (s *Server) outlinePage(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	outline, err := s.store.Outline(r.Context(), *period)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	numbers := map[int64]string{}
	for _, ns := range domain.NumberSections(outline) {
		numbers[ns.ID] = ns.Label
	}
	view := templates.OutlinePageView{Period: *period, Base: reportBase(period), ReportPath: reportBase(period)}
	for _, sec := range outline {
		view.Sections = append(view.Sections, templates.OutlineRow{ReportSection: sec, Number: numbers[sec.ID]})
	}
	s.render(w, r, http.StatusOK, templates.OutlinePage(s.page(r, "Arrange the report’s sections", ""), view))
}

var sectionEditor = &listEditor[domain.ReportSection]{
	place: reportPlace{}, entries: store.SectionList,
	noun: "section", path: "/outline",
	name:   func(sec domain.ReportSection) string { return sec.Title },
	anchor: templates.OutlineRowID,
	read:   readSectionChoices,
	add: func(ctx context.Context, st *store.Store, actor domain.Actor, sc listScope, sec domain.ReportSection) (int64, error) {
		return st.AddFreeSection(ctx, actor, *sc.period, sec)
	},
	fields: func(r *http.Request, sec domain.ReportSection) []templates.BoardField {
		visible, numbering := sectionChoices(r, sec)
		fields := []templates.BoardField{
			{Name: "title", Label: "Title", Value: sec.Title},
			{Name: "visible", Label: "Does the report show this section?", Kind: "radios", Value: visible, Options: []templates.Option{
				{Value: "yes", Label: "Yes, show it"}, {Value: "no", Label: "No, hide it", Hint: "It keeps its place and its content, without a number"}}},
			{Name: "numbering", Label: "Is it a numbered section or an appendix?", Kind: "radios", Value: numbering, Options: []templates.Option{
				{Value: "section", Label: "A numbered section"}, {Value: "appendix", Label: "An appendix", Hint: "Lettered A, B, C"}}},
		}
		if sec.Kind == "" || sec.Kind == domain.SectionFree {
			fields = append(fields, templates.BoardField{Name: "body", Label: "Text", Kind: "textarea", Rows: 15, Markdown: true, Value: sec.Body})
		}
		return fields
	},
}

// sectionChoices are the section's radios as the form shows them: as posted,
// as saved, or none chosen for a new section.
func sectionChoices(r *http.Request, sec domain.ReportSection) (visible, numbering string) {
	switch {
	case r.Method == http.MethodPost:
		return field(r, "visible"), field(r, "numbering")
	case sec.ID == 0:
		return "", ""
	}
	visible, numbering = "yes", "section"
	if sec.Hidden {
		visible = "no"
	}
	if sec.Appendix {
		numbering = "appendix"
	}
	return visible, numbering
}

// readSectionChoices sets whether the section is hidden and lettered as an
// appendix from the form's radios, which must each be chosen.
func readSectionChoices(r *http.Request, sec *domain.ReportSection) domain.FieldErrors {
	var errs domain.FieldErrors
	switch field(r, "visible") {
	case "yes", "no":
		sec.Hidden = field(r, "visible") == "no"
	default:
		errs.Add("visible", "Select whether the report shows this section")
	}
	switch field(r, "numbering") {
	case "section", "appendix":
		sec.Appendix = field(r, "numbering") == "appendix"
	default:
		errs.Add("numbering", "Select whether this is a numbered section or an appendix")
	}
	return errs
}
