package templates

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

func TestProseMakesParagraphsAndBulletedLists(t *testing.T) {
	cases := []struct {
		name string
		text string
		want []Block
	}{
		{"empty text makes nothing", "  \n\n ", nil},
		{"one line is one paragraph", "1,842 officers trained.", []Block{{Lines: []string{"1,842 officers trained."}}}},
		{"a blank line starts a new paragraph", "First.\n\nSecond.\r\nStill second.",
			[]Block{{Lines: []string{"First."}}, {Lines: []string{"Second.", "Still second."}}}},
		{"dashes, stars and middle dots make one list", "Audits:\n- Section 11\n* CQC review\n· SHA self-assessment\nAfter.",
			[]Block{{Lines: []string{"Audits:"}}, {Bullets: []string{"Section 11", "CQC review", "SHA self-assessment"}}, {Lines: []string{"After."}}}},
		{"a lone dash is not a bullet", "-\nText", []Block{{Lines: []string{"-", "Text"}}}},
		{"a negative figure keeps its minus sign", "-12% on last year\n-3 referrals", []Block{{Lines: []string{"-12% on last year", "-3 referrals"}}}},
		{"a footnote star is not a bullet", "*Provisional figures\n**Revised", []Block{{Lines: []string{"*Provisional figures", "**Revised"}}}},
		{"a mark without a space is text, with a space a bullet", "·5 of 7\n• Five of seven\n-\tTabbed",
			[]Block{{Lines: []string{"·5 of 7"}}, {Bullets: []string{"Five of seven", "Tabbed"}}}},
		{"a negative figure inside a list ends the list", "- Fewer referrals\n-12% on last year",
			[]Block{{Bullets: []string{"Fewer referrals"}}, {Lines: []string{"-12% on last year"}}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := ParseProse(c.text); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got %#v, want %#v", got, c.want)
			}
		})
	}
}

func TestProseEscapesEverything(t *testing.T) {
	var sb strings.Builder
	if err := Prose("<script>alert(1)</script>\n- <b>bold</b>").Render(context.Background(), &sb); err != nil {
		t.Fatal(err)
	}
	html := sb.String()
	if strings.Contains(html, "<script>") || strings.Contains(html, "<b>") {
		t.Fatalf("markup was not escaped: %s", html)
	}
	if !strings.Contains(html, "&lt;script&gt;") || !strings.Contains(html, "<li>&lt;b&gt;bold&lt;/b&gt;</li>") {
		t.Fatalf("unexpected output: %s", html)
	}
}
