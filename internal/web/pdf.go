package web

import (
	"context"
	"errors"
	"fmt"
	"html"
	"os"
	"os/exec"
	"regexp"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The annual report as PDF (issue 6): a headless Chromium, started for each
// PDF with a profile of its own, prints the report's self-contained HTML on
// A4 with the print styles, backgrounds, and a running footer with page
// numbers, within pdfTimeout. A draft PDF is made one at a time across every
// server and kept per data version (report_pdf.go); publishing does not wait
// for draft PDFs.

// ErrNoChromium is returned when no Chromium is installed to make PDFs with.
var ErrNoChromium = errors.New("Chromium is not installed")

// ChromiumInstallHint says how to get the browser the PDFs are made with.
const ChromiumInstallHint = "apt-get install chromium fonts-liberation"

// pdfTimeout bounds the wait for a turn and the making of one PDF.
const pdfTimeout = 90 * time.Second

// chromiumNames are the names Chromium goes by on the PATH.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// FindChromium finds a Chromium to make PDFs with.
func FindChromium() (string, bool) {
	for _, name := range chromiumNames {
		if path, err := exec.LookPath(name); err == nil {
			return path, true
		}
	}
	return "", false
}

// PDF is a PDF file and how many pages it has.
type PDF struct {
	Data  []byte
	Pages int
}

// footerTemplate is Chromium's running footer: the board, the report's
// title and the page number. Chromium fills the pageNumber and totalPages
// spans; the footer is drawn outside the page's CSS, so it carries its own styles.
func footerTemplate(board, title string) string {
	return `<div style="width:100%;margin:0 16mm;font-family:Arial,'Liberation Sans',sans-serif;font-size:8pt;color:#505a5f;display:flex;justify-content:space-between">` +
		`<span>` + html.EscapeString(board) + ` — ` + html.EscapeString(title) + `</span>` +
		`<span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`
}

// MakePDF prints a self-contained HTML document (selfContained) to PDF.
func MakePDF(ctx context.Context, doc []byte, board, title string) (*PDF, error) {
	path, ok := FindChromium()
	if !ok {
		return nil, ErrNoChromium
	}
	ctx, cancel := context.WithTimeout(ctx, pdfTimeout)
	defer cancel()
	profile, err := os.MkdirTemp("", "safeboard-pdf-")
	if err != nil {
		return nil, err
	}
	defer func() { _ = os.RemoveAll(profile) }()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(profile),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc() // waits for Chromium to exit, before its profile is removed
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	if err := chromedp.Do(browserCtx, chromedp.Navigate("about:blank")); err != nil {
		return nil, fmt.Errorf("start Chromium: %w", err)
	}
	tree, err := chromedp.Call(browserCtx, page.GetFrameTree, cdp.Empty{})
	if err != nil {
		return nil, fmt.Errorf("open a page in Chromium: %w", err)
	}
	if _, err := chromedp.Call(browserCtx, page.SetDocumentContent, page.SetDocumentContentParams{FrameID: tree.FrameTree.Frame.ID, HTML: string(doc)}); err != nil {
		return nil, fmt.Errorf("load the report into Chromium: %w", err)
	}
	if err := chromedp.Do(browserCtx, chromedp.WaitReady("body")); err != nil {
		return nil, fmt.Errorf("load the report into Chromium: %w", err)
	}
	out, err := chromedp.Run(browserCtx, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4), // should the CSS not say
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground(),
		chromedp.PDFOutlineAndTagged(), // bookmarks from the headings, and a tagged PDF for screen readers
		chromedp.PDFHeaderTemplate(`<span></span>`),
		chromedp.PDFFooterTemplate(footerTemplate(board, title)),
	))
	if err != nil {
		return nil, fmt.Errorf("print the report with Chromium: %w", err)
	}
	return &PDF{Data: out, Pages: countPages(out)}, nil
}

var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// countPages counts a PDF's page objects, which Chromium writes uncompressed.
func countPages(pdf []byte) int { return len(pdfPage.FindAll(pdf, -1)) }
