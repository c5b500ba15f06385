package web

import (
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
	render: returnForm("review", func(i domain.ReviewItem) int64 { return i.ID }, "Add a review item", "Change a review item", templates.ReviewItemForm),
}
