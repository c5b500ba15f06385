package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// Publishing the annual report (issue 6): the manager publishes from the
// readiness check (report_readiness.go); each version is stored in full, the
// self-contained HTML (published_document.go) and the PDF with their SHA-256,
// and served to every role exactly as it was stored (report_published.go).

// mountReportPublish adds the readiness check, publishing, the PDF page and
// the data appendix below /periods/{period}/report (which needs ActionReadReport).
func (s *Server) mountReportPublish(r chi.Router) {
	r.Get("/pdf", s.pdfPage)
	r.Get("/data.xlsx", s.dataAppendix)
	r.Group(func(r chi.Router) {
		r.Use(s.require(ActionPublishReport))
		r.Get("/readiness", s.readinessPage)
		r.Post("/readiness/checklist", s.saveChecklist)
		r.Post("/readiness/figures/{indicator}", s.markFiguresComplete)
		r.Post("/publish", s.publishReport)
	})
}

// mountPublished adds the draft report's PDF and the published versions below
// /periods/{period}: the versions are for every role, leads included.
func (s *Server) mountPublished(r chi.Router) {
	r.With(s.require(ActionReadReport)).Get("/report.pdf", s.reportPDF)
	r.Group(func(r chi.Router) {
		r.Use(s.require(ActionReadPublished))
		r.Get("/published", s.publishedList)
		r.Get("/published/{file}", s.publishedFile)
	})
}

type publishForm struct {
	Confirm string `form:"confirm" label:"that you want to publish a report that is not ready" missing:"that you want to publish although the check found things missing, or put them right first" validate:"required"`
}

func (s *Server) publishReport(w http.ResponseWriter, r *http.Request) {
	period, v, ok := s.readinessForm(w, r)
	if !ok {
		return
	}
	if !v.Readiness.Publishable() {
		// never, whatever is confirmed: the report would print figures not yet accepted
		v.Errors = domain.FieldErrors{{Field: "provisional", Message: "The report cannot be published while it holds provisional figures: accept the returns they come from first"}}
		s.renderReadiness(w, r, http.StatusUnprocessableEntity, v)
		return
	}
	if !v.Readiness.Clean() {
		v.Errors = checkForm(publishForm{Confirm: field(r, "confirm")})
		if len(v.Errors) > 0 {
			s.renderReadiness(w, r, http.StatusUnprocessableEntity, v)
			return
		}
	}
	pub, err := s.Publish(r.Context(), *period, currentUser(r.Context()))
	if errors.Is(err, ErrNoChromium) {
		s.renderNoChromium(w, r, period)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(w, r, publishedBase(period), fmt.Sprintf("Version %d of the %s report has been published", pub.Version, period.Label))
}

// Publish renders the period's report as any reader sees it, makes it
// self-contained, prints it to PDF and stores both as the next version, with
// what changed since the last one and how long it all took.
func (s *Server) Publish(ctx context.Context, period domain.Period, user *domain.User) (*domain.PublishedReport, error) {
	start := time.Now()
	doc, pdf, err := s.printReport(ctx, period)
	if err != nil {
		return nil, err
	}
	facts, err := s.store.PublishFacts(ctx, period)
	if err != nil {
		return nil, err
	}
	facts.Sections = SectionHashes(doc)
	actor := domain.CommandLine
	if user != nil {
		actor = domain.UserActor(user)
	}
	return s.store.Publish(ctx, actor, period.ID, store.Publication{HTML: doc, PDF: pdf.Data, PDFPages: pdf.Pages, Facts: facts, Took: time.Since(start)})
}

// printReport renders the period's report as any reader sees it, makes it
// self-contained and prints it to PDF.
func (s *Server) printReport(ctx context.Context, period domain.Period) (doc []byte, pdf *PDF, err error) {
	page, err := s.RenderReport(ctx, period)
	if err != nil {
		return nil, nil, err
	}
	if doc, err = SelfContained(page); err != nil {
		return nil, nil, err
	}
	board, title, err := s.reportNames(ctx, period)
	if err != nil {
		return nil, nil, err
	}
	pdf, err = MakePDF(ctx, doc, board, title)
	if err != nil {
		return nil, nil, err
	}
	return doc, pdf, nil
}

// reportNames are the board's name and the report's title, for the PDF's footer.
func (s *Server) reportNames(ctx context.Context, period domain.Period) (board, title string, err error) {
	board = s.cfg.BoardName
	if board == "" {
		if board, err = s.store.BoardName(ctx); err != nil {
			return "", "", err
		}
	}
	cover, err := s.store.ReportCover(ctx, period.ID)
	if err != nil {
		return "", "", err
	}
	title = cover.Title
	if title == "" {
		title = domain.DefaultCoverTitle(period)
	}
	// The footer names the year's review, not the plan that follows it.
	if short, _, ok := strings.Cut(title, " and business plan"); ok {
		title = short
	}
	return board, title, nil
}
