package web

// The annual report's board sections accept a small Markdown subset, rendered
// by goldmark and sanitised by bluemonday (issue 6).
import (
	_ "github.com/microcosm-cc/bluemonday"
	_ "github.com/yuin/goldmark"
)
