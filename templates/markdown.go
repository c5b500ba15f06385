package templates

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"strings"

	"github.com/a-h/templ"
	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The board's longer texts in the annual report accept a small Markdown
// subset: paragraphs, headings, bulleted and numbered lists, emphasis and
// links. goldmark renders them (raw HTML is left out, and it never writes a
// dangerous link's address); bluemonday then keeps only those elements, GOV.UK
// classes, and links to http, https and mailto addresses with rel="noopener".
// No HTML typed by anyone reaches a page.

var markdown = goldmark.New(
	goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(govukClasses{}, 100))),
)

// markdownPolicy is the sanitiser's allow-list.
var markdownPolicy = func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "h3", "h4", "h5", "h6", "ul", "ol", "li", "em", "strong", "a", "br")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^govuk-[a-z0-9!-]+( govuk-[a-z0-9!-]+)*$`)).
		OnElements("p", "h3", "h4", "h5", "h6", "ul", "ol", "a")
	p.AllowAttrs("start").Matching(bluemonday.Integer).OnElements("ol")
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^noopener$`)).OnElements("a")
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowRelativeURLs(false)
	p.RequireParseableURLs(true)
	return p
}()

// govukClasses gives the elements GOV.UK Frontend's classes, moves headings
// down below the section's own (# becomes h3), and marks links rel="noopener".
type govukClasses struct{}

func (govukClasses) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Paragraph:
			n.SetAttributeString("class", []byte("govuk-body"))
		case *ast.Heading:
			n.Level = min(n.Level+2, 6)
			class := "govuk-heading-s"
			if n.Level == 3 {
				class = "govuk-heading-m"
			}
			n.SetAttributeString("class", []byte(class))
		case *ast.List:
			class := "govuk-list govuk-list--bullet"
			if n.IsOrdered() {
				class = "govuk-list govuk-list--number"
			}
			n.SetAttributeString("class", []byte(class))
		case *ast.Link:
			n.SetAttributeString("class", []byte("govuk-link"))
			n.SetAttributeString("rel", []byte("noopener"))
		}
		return ast.WalkContinue, nil
	})
}

// MarkdownHTML renders Markdown to sanitised HTML.
func MarkdownHTML(source string) string {
	if strings.TrimSpace(source) == "" {
		return ""
	}
	var buf bytes.Buffer
	if err := markdown.Convert([]byte(source), &buf); err != nil {
		// goldmark's renderer only fails when writing fails, which a buffer does not.
		return ""
	}
	return markdownPolicy.Sanitize(buf.String())
}

// Markdown shows text written in the Markdown subset as sanitised HTML.
func Markdown(source string) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		_, err := io.WriteString(w, MarkdownHTML(expandFigures(ctx, source)))
		return err
	})
}
