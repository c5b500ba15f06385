package web

import (
	"bytes"
	"context"

	"github.com/a-h/templ"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// reportReader is everything about a reader that the whole report
// (reportDocument) looks at: readers who share it see the same report. A new
// way the report differs by reader joins it.
type reportReader struct {
	period          int64
	preview         bool // submitted returns included (the manager's preview)
	canPreview      bool
	missingStatuses bool // where each missing return stands
	acceptedOnly    bool // the manager's switch: provisional figures left out
}

// cachedReport is the whole report as reportDocument builds it, with its
// article (cover, contents, sections) rendered once per data version and
// reader kind (versioned); the layout and the editors' links stay the request's own.
func (s *Server) cachedReport(ctx context.Context, period domain.Period, user *domain.User, preview, acceptedOnly bool) (templates.ReportDocView, error) {
	key := reportReader{
		period:          period.ID,
		preview:         preview && Can(user, ActionPreviewReport),
		canPreview:      Can(user, ActionPreviewReport),
		missingStatuses: Can(user, ActionViewReturnsOverview),
		acceptedOnly:    acceptedOnly && Can(user, ActionAdminister),
	}
	return s.reports.get(ctx, key, dataVersion(ctx), func(ctx context.Context) (templates.ReportDocView, error) {
		ctx = s.readingPerformance(ctx, period, key.acceptedOnly)
		view, err := s.reportDocument(ctx, period, user, preview, key.acceptedOnly)
		if err != nil {
			return view, err
		}
		var buf bytes.Buffer
		if err := templates.ReportArticle(view).Render(ctx, &buf); err != nil {
			return view, err
		}
		view.Article = templ.Raw(buf.String())
		view.Sections = nil // the article shows them
		return view, nil
	})
}
