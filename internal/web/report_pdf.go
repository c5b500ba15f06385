package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"safeboard/internal/domain"
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

// reportPDF makes the draft report's PDF and sends it; the request waits
// while it is made (the PDF page shows progress with JavaScript).
func (s *Server) reportPDF(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	_, pdf, err := s.printReport(r.Context(), *period)
	switch {
	case errors.Is(err, ErrNoChromium):
		s.renderNoChromium(w, r, period)
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

// renderNoChromium says, with 503, that PDFs need Chromium and how to install it.
func (s *Server) renderNoChromium(w http.ResponseWriter, r *http.Request, period *domain.Period) {
	v := templates.PDFPageView{Period: *period, ReportPath: reportBase(period), InstallHint: ChromiumInstallHint, DataPath: reportBase(period) + "/data.xlsx"}
	s.render(w, r, http.StatusServiceUnavailable, templates.PDFPage(s.page(r, "The PDF cannot be made on this server", "").WithBack(reportBase(period), "Back to the report"), v))
}
