package web

import (
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
	render: returnForm("objectives", func(o domain.Objective) int64 { return o.ID }, "Add an objective", "Change an objective", templates.ObjectiveForm),
}
