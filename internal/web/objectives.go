package web

import (
	"net/http"

	"github.com/a-h/templ"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// objectiveEditor is the return's objectives for next year in the one
// editor flow; their fields and rules are domain.Objective's.
var objectiveEditor = &listEditor[domain.Objective]{
	place: returnPlace{}, entries: store.ObjectiveList,
	noun: "objective", path: "/objectives", param: "objective",
	name:   func(o domain.Objective) string { return o.Intend },
	anchor: templates.ObjectiveCardID,
	render: func(s *Server, w http.ResponseWriter, r *http.Request, sc listScope, f templates.EntryForm, v domain.Objective) {
		s.renderReturnForm(w, r, sc, f, "an", "objective", func(p templates.Page, f templates.ItemForm) templ.Component {
			return templates.ObjectiveForm(p, templates.ObjectiveFormView{ItemForm: f, Values: v})
		})
	},
}

// objectivesPage lists the lead's objectives for next year.
func (s *Server) objectivesPage(w http.ResponseWriter, r *http.Request) {
	returnListPage(s, w, r, objectiveEditor, func(ref templates.ReturnRef) string { return "Objectives for " + ref.NextLabel },
		func(p templates.Page, ref templates.ReturnRef, objectives []domain.Objective) templ.Component {
			return templates.ObjectivesPage(p, templates.ObjectivesView{Ref: ref, Objectives: objectives})
		})
}
