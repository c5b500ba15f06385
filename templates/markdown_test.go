package templates

import (
	"strings"
	"testing"
)

func TestMarkdownSubset(t *testing.T) {
	got := MarkdownHTML("# Heading\n\nA *small* **bold** [link](https://example.org/a).\n\n- one\n- two\n\n1. first\n2. second\n")
	for _, want := range []string{
		`<h3 class="govuk-heading-m">Heading</h3>`,
		`<p class="govuk-body">A <em>small</em> <strong>bold</strong> <a href="https://example.org/a" class="govuk-link" rel="noopener">link</a>.</p>`,
		`<ul class="govuk-list govuk-list--bullet">`,
		`<li>one</li>`,
		`<ol class="govuk-list govuk-list--number">`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("MarkdownHTML lacks %q:\n%s", want, got)
		}
	}
}

func TestMarkdownNeutralisesHTMLAndScripts(t *testing.T) {
	cases := map[string]string{
		"script tag":         "Hello <script>alert(1)</script> world",
		"script block":       "<script>\nalert(1)\n</script>",
		"javascript link":    "[click](javascript:alert(1))",
		"JavaScript link":    "[click](JaVaScRiPt:alert(1))",
		"entity link":        "[click](&#106;avascript:alert(1))",
		"autolink":           "<javascript:alert(1)>",
		"raw anchor":         `<a href="javascript:alert(1)">x</a>`,
		"onerror":            `<img src=x onerror="alert(1)">`,
		"data link":          "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
		"style":              `<p style="color:red">hi</p>`,
		"iframe":             `<iframe src="https://evil.example"></iframe>`,
		"class injection":    `<p class="govuk-body evil">x</p>`,
		"relative link":      "[x](/admin/users)",
		"vbscript link":      "[x](vbscript:msgbox(1))",
		"image with js":      "![x](javascript:alert(1))",
		"heading with html":  "# Hi <script>alert(1)</script>",
		"nested emphasis js": "*[x](javascript:alert(1))*",
	}
	for name, src := range cases {
		got := strings.ToLower(MarkdownHTML(src))
		for _, bad := range []string{"<script", "onerror", "<img", "<iframe", "style=", "evil\""} {
			if strings.Contains(got, bad) {
				t.Errorf("%s: %q survived in %q", name, bad, got)
			}
		}
		// Any address left is an http, https or mailto one; refused ones stay as text at most.
		for _, part := range strings.Split(got, `href="`)[1:] {
			if !strings.HasPrefix(part, "http://") && !strings.HasPrefix(part, "https://") && !strings.HasPrefix(part, "mailto:") {
				t.Errorf("%s: a link to %q survived in %q", name, part, got)
			}
		}
	}
	// The text of a link whose address is refused stays, as text.
	if got := MarkdownHTML("[click](javascript:alert(1))"); !strings.Contains(got, "click") {
		t.Errorf("link text lost: %q", got)
	}
	// mailto links are kept.
	if got := MarkdownHTML("[mail](mailto:board@example.org)"); !strings.Contains(got, `href="mailto:board@example.org"`) {
		t.Errorf("mailto link lost: %q", got)
	}
}

func TestMarkdownEmpty(t *testing.T) {
	if got := MarkdownHTML("  \n "); got != "" {
		t.Errorf("blank text gave %q", got)
	}
}
