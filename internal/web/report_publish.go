package web

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
	assets "safeboard/web"
)

// Publishing the annual report (issue 6): the manager's readiness check (the
// returns not accepted, the indicators without figures, the empty sections and
// the statutory checklist), the report as PDF and its data appendix as XLSX,
// and publishing: each version is stored in full, HTML and PDF with their
// SHA-256, and served to every role exactly as it was stored.

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

func publishedBase(p *domain.Period) string { return "/periods/" + p.Slug + "/published" }

// --- The readiness check ---

func (s *Server) readinessView(ctx context.Context, period *domain.Period) (templates.ReadinessView, error) {
	rd, err := s.store.Readiness(ctx, *period)
	if err != nil {
		return templates.ReadinessView{}, err
	}
	published, err := s.store.PublishedReports(ctx, period.ID)
	if err != nil {
		return templates.ReadinessView{}, err
	}
	base := reportBase(period)
	v := templates.ReadinessView{Period: *period, Readiness: *rd, Base: base, PublishedPath: publishedBase(period),
		NextVersion: len(published) + 1, OutlinePath: base + "/outline", BoardPath: base + "/board"}
	v.Choices = map[string]string{}
	for _, c := range rd.Checklist {
		v.Choices[c.Key] = strconv.FormatInt(c.SectionID, 10)
	}
	_, v.HasChromium = FindChromium()
	return v, nil
}

func (s *Server) readinessPage(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	v, err := s.readinessView(r.Context(), period)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderReadiness(w, r, http.StatusOK, v)
}

func (s *Server) renderReadiness(w http.ResponseWriter, r *http.Request, status int, v templates.ReadinessView) {
	title := "Is the report ready to publish?"
	p := s.formPage(r, title, len(v.Errors) > 0)
	s.render(w, r, status, templates.ReadinessPage(p.WithBack(reportBase(&v.Period), "Back to the report"), v))
}

// saveChecklist links each checklist item to the section chosen for it ("0": none).
func (s *Server) saveChecklist(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	v, err := s.readinessView(r.Context(), period)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	visible := map[int64]bool{}
	for _, ns := range v.Readiness.Sections {
		visible[ns.ID] = true
	}
	chosen := map[string]int64{}
	for _, item := range domain.Checklist {
		name := "checklist-" + item.Key
		raw := field(r, name)
		v.Choices[item.Key] = raw
		id, err := strconv.ParseInt(raw, 10, 64)
		switch {
		case err != nil || id < 0:
			v.Errors.Add(name, "Choose the section that covers "+domain.LowerFirst(item.Title)+", or ‘Not covered yet’")
		case id != 0 && !visible[id]:
			v.Errors.Add(name, "The section chosen for "+domain.LowerFirst(item.Title)+" is no longer in the report: choose another")
		default:
			chosen[item.Key] = id
		}
	}
	if len(v.Errors) > 0 {
		s.renderReadiness(w, r, http.StatusUnprocessableEntity, v)
		return
	}
	actor := domain.UserActor(currentUser(r.Context()))
	for _, item := range domain.Checklist {
		if err := s.store.LinkChecklistItem(r.Context(), actor, period.ID, item.Key, chosen[item.Key]); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	s.flashNear(w, r, reportBase(period)+"/readiness", "checklist", "The checklist has been saved")
}

// markFiguresComplete says an indicator's missing figures will not come
// (complete=yes), or takes that back (complete=no).
func (s *Server) markFiguresComplete(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	id, err := idParam(r, "indicator")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	complete := r.PostFormValue("complete") == "yes"
	if !complete && r.PostFormValue("complete") != "no" {
		s.renderError(w, r, errBadRequest)
		return
	}
	ind, err := s.store.IndicatorByID(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.store.SetFiguresComplete(r.Context(), domain.UserActor(currentUser(r.Context())), id, period.ID, complete); err != nil {
		s.renderError(w, r, err)
		return
	}
	msg := ind.Code + "’s missing figures for " + period.Label + " are marked as not available"
	if !complete {
		msg = ind.Code + "’s missing figures for " + period.Label + " are listed as missing again"
	}
	s.flashNear(w, r, reportBase(period)+"/readiness", "figures", msg)
}

// --- Publishing ---

type publishForm struct {
	Confirm string `form:"confirm" label:"that you want to publish a report that is not ready" missing:"that you want to publish although the check found things missing, or put them right first" validate:"required"`
}

func (s *Server) publishReport(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	v, err := s.readinessView(r.Context(), period)
	if err != nil {
		s.serverError(w, r, err)
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
	page, err := s.RenderReport(ctx, period)
	if err != nil {
		return nil, err
	}
	doc, err := SelfContained(page)
	if err != nil {
		return nil, err
	}
	board, title, err := s.reportNames(ctx, period)
	if err != nil {
		return nil, err
	}
	pdf, err := MakePDF(ctx, doc, board, title)
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

var (
	stylesheetLink = regexp.MustCompile(`<link rel="stylesheet" href="[^"]*"\s*/?>`)
	iconLink       = regexp.MustCompile(`<link rel="icon"[^>]*>`)
	scriptTag      = regexp.MustCompile(`(?s)<script\b[^>]*>.*?</script>`)
	siteHeader     = regexp.MustCompile(`(?s)<header class="govuk-template__header">.*?</header>`)
	siteFooter     = regexp.MustCompile(`(?s)<footer class="govuk-template__footer">.*?</footer>`)
	cssURL         = regexp.MustCompile(`url\("?/static/([^")?]+)(\?[^")]*)?"?\)`)
)

// SelfContained turns the report's page into a document that needs nothing
// else: the stylesheet inlined with its images as data URLs, no scripts, and
// without the site's header and footer. A published version is this
// document, so it never changes when the site's CSS does.
func SelfContained(page []byte) ([]byte, error) {
	css, err := inlineCSS()
	if err != nil {
		return nil, err
	}
	out := stylesheetLink.ReplaceAllLiteral(page, []byte("<style>"+css+printExtras+"</style>"))
	out = iconLink.ReplaceAll(out, nil)
	out = scriptTag.ReplaceAll(out, nil)
	out = siteHeader.ReplaceAll(out, nil)
	out = siteFooter.ReplaceAll(out, nil)
	return out, nil
}

// printExtras finish the printed report: a table (with its caption and
// header) starts on a new page rather than leave its header alone at the
// foot of one, and the cover's title stands out.
const printExtras = `
@media print {
  .app-report .app-table-wrapper, .app-report table { break-inside: avoid; }
  .app-report h3 + p, .app-report h3 + p + p { break-after: avoid; }
  .app-report__cover .govuk-heading-xl { font-size: 32pt; line-height: 1.15; }
  .app-report__cover .govuk-caption-xl { font-size: 16pt; color: #1d70b8; }
}
`

// inlineCSS is the site's stylesheet with the files it refers to as data URLs.
func inlineCSS() (string, error) {
	static := assets.Static()
	css, err := fs.ReadFile(static, "css/safeboard.css")
	if err != nil {
		return "", err
	}
	var firstErr error
	out := cssURL.ReplaceAllStringFunc(string(css), func(m string) string {
		path := cssURL.FindStringSubmatch(m)[1]
		b, err := fs.ReadFile(static, path)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			return m
		}
		return `url("data:` + mediaType(path) + `;base64,` + base64.StdEncoding.EncodeToString(b) + `")`
	})
	return strings.ReplaceAll(out, "</style", `<\/style`), firstErr
}

func mediaType(path string) string {
	switch {
	case strings.HasSuffix(path, ".svg"):
		return "image/svg+xml"
	case strings.HasSuffix(path, ".png"):
		return "image/png"
	case strings.HasSuffix(path, ".woff2"):
		return "font/woff2"
	case strings.HasSuffix(path, ".woff"):
		return "font/woff"
	}
	return "application/octet-stream"
}

var (
	sectionStart   = regexp.MustCompile(`<section class="app-report__section"[^>]*data-kind="([^"]*)"[^>]*>`)
	sectionHeading = regexp.MustCompile(`(?s)<h2[^>]*data-testid="report-section-heading"[^>]*>(.*?)</h2>`)
	numberPrefix   = regexp.MustCompile(`^(\d+|Appendix [A-Z]+:)\.?\s*`)
)

// SectionHashes cuts the report into its cover and contents and each
// section, and hashes each part, so the next version can say which changed.
// A built-in section is known by its kind, the board's own by their title.
func SectionHashes(doc []byte) []domain.SectionHash {
	locs := sectionStart.FindAllSubmatchIndex(doc, -1)
	var out []domain.SectionHash
	start := bytes.Index(doc, []byte(`<article`))
	if start < 0 {
		start = 0
	}
	if len(locs) > 0 {
		out = append(out, domain.SectionHash{Key: "cover", Title: "Cover and contents", Hash: store.SHA256(doc[start:locs[0][0]])})
	}
	for i, loc := range locs {
		end := bytes.LastIndex(doc, []byte(`</article>`))
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		if end < loc[0] {
			end = len(doc)
		}
		chunk := doc[loc[0]:end]
		kind := string(doc[loc[2]:loc[3]])
		title := kind
		if m := sectionHeading.FindSubmatch(chunk); m != nil {
			title = htmlText(string(m[1]))
		}
		key := kind
		if kind == string(domain.SectionFree) {
			key = "free:" + numberPrefix.ReplaceAllString(title, "")
		}
		out = append(out, domain.SectionHash{Key: key, Title: title, Hash: store.SHA256(chunk)})
	}
	return out
}

var tags = regexp.MustCompile(`<[^>]*>`)

// htmlText is the text of an HTML fragment, its entities decoded as templ writes them.
func htmlText(s string) string {
	s = tags.ReplaceAllString(s, "")
	r := strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", "&quot;", `"`)
	return strings.TrimSpace(r.Replace(s))
}

// --- The PDF ---

func (s *Server) pdfPage(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	_, ok := FindChromium()
	v := templates.PDFPageView{Period: *period, PDFPath: "/periods/" + period.Slug + "/report.pdf", ReportPath: reportBase(period),
		FileName: pdfName(period, 0), HasChromium: ok, InstallHint: ChromiumInstallHint, DataPath: reportBase(period) + "/data.xlsx"}
	s.render(w, r, http.StatusOK, templates.PDFPage(s.page(r, "Download the report as PDF", "").WithBack(reportBase(period), "Back to the report"), v))
}

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
	page, err := s.RenderReport(r.Context(), *period)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	doc, err := SelfContained(page)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	board, title, err := s.reportNames(r.Context(), *period)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	pdf, err := MakePDF(r.Context(), doc, board, title)
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

// --- Published versions ---

func (s *Server) publishedList(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	list, err := s.store.PublishedReports(r.Context(), period.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	user := currentUser(r.Context())
	v := templates.PublishedView{Period: *period, Versions: list, Base: publishedBase(period)}
	if Can(user, ActionPublishReport) {
		v.ReadinessPath = reportBase(period) + "/readiness"
	}
	p := s.page(r, "Published annual reports", "")
	if Can(user, ActionReadReport) {
		v.DraftPDFPath = reportBase(period) + "/pdf"
		p = p.WithBack(reportBase(period), "Back to the report")
	} else {
		p = p.WithBack("/", "Back to your home page")
	}
	s.render(w, r, http.StatusOK, templates.PublishedPage(p, v))
}

// publishedCSP lets a published HTML version's own inline CSS and data-URL
// images work, and nothing else: no scripts, no requests.
const publishedCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'none'; form-action 'none'; base-uri 'none'"

// publishedFile serves one version's HTML or PDF exactly as stored, such as 1.html or 2.pdf.
func (s *Server) publishedFile(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	name := chi.URLParam(r, "file")
	num, kind, ok := strings.Cut(name, ".")
	version, err := strconv.Atoi(num)
	if !ok || err != nil || version < 1 || (kind != "html" && kind != "pdf") {
		s.renderStatus(w, r, http.StatusNotFound)
		return
	}
	content, sha, err := s.store.PublishedFile(r.Context(), period.ID, version, kind)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	h := w.Header()
	if sum, err := hex.DecodeString(sha); err == nil {
		h.Set("Repr-Digest", "sha-256=:"+base64.StdEncoding.EncodeToString(sum)+":")
	}
	h.Set("Content-Length", strconv.Itoa(len(content)))
	if kind == "html" {
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Security-Policy", publishedCSP)
		h.Set("Content-Disposition", `inline; filename="`+strings.TrimSuffix(pdfName(period, version), ".pdf")+`.html"`)
	} else {
		h.Set("Content-Type", "application/pdf")
		h.Set("Content-Disposition", `attachment; filename="`+pdfName(period, version)+`"`)
	}
	_, _ = w.Write(content)
}
