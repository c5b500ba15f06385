package templates

import (
	"context"
	"html"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/a-h/templ"
)

// Block is one paragraph or one bulleted list of plain text as people write it.
type Block struct {
	Lines   []string // a paragraph's lines, shown with line breaks between them
	Bullets []string // a list's items; empty for a paragraph
}

// ParseProse splits multi-line plain text into blocks: blank lines separate
// paragraphs, and lines starting with "-", "*", "·" or "•" and a space make
// bulleted lists.
// Nothing is interpreted as markup; Prose escapes every line.
func ParseProse(text string) []Block {
	var blocks []Block
	var cur *Block
	flush := func() {
		if cur != nil {
			blocks = append(blocks, *cur)
			cur = nil
		}
	}
	for _, raw := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line := strings.TrimSpace(raw)
		if line == "" {
			flush()
			continue
		}
		if item, ok := bullet(line); ok {
			if cur == nil || len(cur.Bullets) == 0 {
				flush()
				cur = &Block{}
			}
			cur.Bullets = append(cur.Bullets, item)
			continue
		}
		if cur == nil || len(cur.Bullets) > 0 {
			flush()
			cur = &Block{}
		}
		cur.Lines = append(cur.Lines, line)
	}
	flush()
	return blocks
}

// bullet reads a line that starts with a bullet mark followed by white space,
// such as "- Section 11 audit". The space is what makes it a bullet: "-12% on
// last year" is a negative figure and "*Provisional" a footnote mark.
func bullet(line string) (string, bool) {
	for _, mark := range []string{"-", "*", "·", "•"} {
		rest, ok := strings.CutPrefix(line, mark)
		if !ok {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(rest); !unicode.IsSpace(r) {
			return "", false
		}
		item := strings.TrimSpace(rest)
		return item, item != ""
	}
	return "", false
}

// Prose shows plain text as paragraphs and bulleted lists, every line escaped.
// It is plain Go rather than templ because report pages show thousands of
// lines: each is escaped and written straight to w, where templ's
// interpolation would copy it through fmt first. The HTML is the same as the
// templ version wrote, down to the space before each line of a paragraph.
func Prose(text string) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		pw := proseWriter{w: w}
		for _, b := range ParseProse(expandFigures(ctx, text)) {
			if len(b.Bullets) > 0 {
				pw.write(`<ul class="govuk-list govuk-list--bullet">`)
				for _, item := range b.Bullets {
					pw.write("<li>")
					pw.write(html.EscapeString(item))
					pw.write("</li>")
				}
				pw.write("</ul>")
				continue
			}
			pw.write(`<p class="govuk-body">`)
			for i, line := range b.Lines {
				if i > 0 {
					pw.write("<br>")
				}
				pw.write(" ")
				pw.write(html.EscapeString(line))
			}
			pw.write("</p>")
		}
		return pw.err
	})
}

// proseWriter writes strings to w until the first error, which it keeps.
type proseWriter struct {
	w   io.Writer
	err error
}

func (p *proseWriter) write(s string) {
	if p.err == nil {
		_, p.err = io.WriteString(p.w, s)
	}
}
