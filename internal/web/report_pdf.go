package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// pdfPage offers the draft report as a PDF (and its data appendix), or says
// how to install Chromium where the server has none.
func (s *Server) pdfPage(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	_, ok := FindChromium()
	v := templates.PDFPageView{Period: *period, PDFPath: "/periods/" + period.Slug + "/report.pdf", ReportPath: reportBase(period),
		FileName: pdfName(period, 0), HasChromium: ok, InstallHint: ChromiumInstallHint, DataPath: reportBase(period) + "/data.xlsx"}
	s.render(w, r, http.StatusOK, templates.PDFPage(s.page(r, "Download the report as PDF", "").WithBack(reportBase(period), "Back to the report"), v))
}

// pdfName is the file name of the report as PDF: the draft (version 0) or a
// published version.
func pdfName(p *domain.Period, version int) string {
	name := "annual-report-" + strings.ReplaceAll(p.Label, "/", "-")
	if version > 0 {
		name += "-version-" + strconv.Itoa(version)
	}
	return name + ".pdf"
}

// reportPDF sends the draft report's PDF: the copy kept for the data version
// the request read, or one made now; the request waits while it is made (the
// PDF page shows progress with JavaScript).
func (s *Server) reportPDF(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	pdf, err := s.draftPDF(r.Context(), *period, currentUser(r.Context()).ID)
	switch {
	case errors.Is(err, ErrNoChromium):
		s.renderNoChromium(w, r, period)
		return
	case errors.Is(err, store.ErrSlotTaken):
		// This user is already waiting for a PDF: one at a time each.
		w.Header().Set("Retry-After", "30")
		s.renderStatus(w, r, http.StatusTooManyRequests)
		return
	case errors.Is(err, errPDFQueueFull):
		w.Header().Set("Retry-After", "30")
		s.renderStatus(w, r, http.StatusServiceUnavailable)
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+pdfName(period, 0)+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(pdf.Data)))
	_, _ = w.Write(pdf.Data)
}

// pdfWaiters is how many requests for a draft PDF one server lets wait for
// the board's slot at once, each holding a database connection; the rest get 503.
const pdfWaiters = 4

// pdfPoll is how often a waiting request tries the board's slot again.
const pdfPoll = 250 * time.Millisecond

var errPDFQueueFull = errors.New("too many PDFs waiting on this server")

// draftPDF is the draft report's PDF for the data version the request read:
// kept in PostgreSQL, or made now by one server at a time, each user waiting
// for at most one PDF of their own (store.PDFSlot). Publishing makes its PDF
// without these slots, so it never waits behind members.
func (s *Server) draftPDF(ctx context.Context, period domain.Period, userID int64) (*PDF, error) {
	version := dataVersion(ctx)
	if version > 0 {
		if kept, ok, err := s.store.CachedReportPDF(ctx, period.ID, version); err != nil || ok {
			return keptPDF(kept), err
		}
	}
	if _, ok := FindChromium(); !ok {
		return nil, ErrNoChromium
	}
	select {
	case s.pdfWaiting <- struct{}{}:
		defer func() { <-s.pdfWaiting }()
	default:
		return nil, errPDFQueueFull
	}
	ctx, cancel := context.WithTimeout(ctx, pdfTimeout)
	defer cancel()
	slot, err := s.store.TakeUserPDFSlot(ctx, userID)
	if err != nil {
		return nil, err
	}
	defer slot.Release()
	if err := slot.WaitForDraftSlot(ctx, pdfPoll); err != nil {
		return nil, err
	}
	if version > 0 {
		// Made by another request while this one waited?
		if kept, ok, err := s.store.CachedReportPDF(ctx, period.ID, version); err != nil || ok {
			return keptPDF(kept), err
		}
	}
	_, pdf, err := s.printReport(ctx, period)
	if err != nil {
		return nil, err
	}
	if version > 0 {
		if err := s.store.KeepReportPDF(ctx, period.ID, version, store.ReportPDF{Data: pdf.Data, Pages: pdf.Pages}); err != nil {
			return nil, err
		}
	}
	return pdf, nil
}

func keptPDF(p *store.ReportPDF) *PDF {
	if p == nil {
		return nil
	}
	return &PDF{Data: p.Data, Pages: p.Pages}
}

// renderNoChromium says, with 503, that PDFs need Chromium and how to install it.
func (s *Server) renderNoChromium(w http.ResponseWriter, r *http.Request, period *domain.Period) {
	v := templates.PDFPageView{Period: *period, ReportPath: reportBase(period), InstallHint: ChromiumInstallHint, DataPath: reportBase(period) + "/data.xlsx"}
	s.render(w, r, http.StatusServiceUnavailable, templates.PDFPage(s.page(r, "The PDF cannot be made on this server", "").WithBack(reportBase(period), "Back to the report"), v))
}
