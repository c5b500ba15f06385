package web

import (
	"net/http"

	"github.com/a-h/templ"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// reviewItemEditor is the return's review of the year in the one editor
// flow: items in the Results-Based Accountability format, whose fields and
// rules are domain.ReviewItem's.
var reviewItemEditor = &listEditor[domain.ReviewItem]{
	place: returnPlace{}, entries: store.ReviewItemList,
	noun: "review item", short: "item", path: "/review", param: "item",
	name:   func(i domain.ReviewItem) string { return i.Title },
	anchor: templates.ItemCardID,
	render: func(s *Server, w http.ResponseWriter, r *http.Request, sc listScope, f templates.EntryForm, v domain.ReviewItem) {
		s.renderReturnForm(w, r, sc, f, "a", "review item", func(p templates.Page, f templates.ItemForm) templ.Component {
			return templates.ReviewItemForm(p, templates.ReviewItemFormView{ItemForm: f, Values: v})
		})
	},
}

// reviewItemsPage lists the lead's review items.
func (s *Server) reviewItemsPage(w http.ResponseWriter, r *http.Request) {
	returnListPage(s, w, r, reviewItemEditor, func(ref templates.ReturnRef) string { return "Review of " + ref.PeriodLabel },
		func(p templates.Page, ref templates.ReturnRef, items []domain.ReviewItem) templ.Component {
			return templates.ReviewItemsPage(p, templates.ReviewItemsView{Ref: ref, Items: items})
		})
}
