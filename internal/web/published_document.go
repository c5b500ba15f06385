package web

import (
	"bytes"
	"encoding/base64"
	"io/fs"
	"regexp"
	"strings"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	assets "safeboard/web"
)

// What the published document leaves out of the report's page, and the
// stylesheet's files it inlines.
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

// How SectionHashes finds the report's sections and their titles.
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
