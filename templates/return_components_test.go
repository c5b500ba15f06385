package templates

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"

	"safeboard/internal/domain"
)

// render renders a component into a document for goquery.
func render(t *testing.T, c templ.Component) *goquery.Document {
	t.Helper()
	var sb strings.Builder
	if err := c.Render(context.Background(), &sb); err != nil {
		t.Fatal(err)
	}
	d, err := goquery.NewDocumentFromReader(strings.NewReader(sb.String()))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestEveryStatusTagHasAColourTheStylesheetDefines(t *testing.T) {
	css, err := os.ReadFile("../web/static/css/safeboard.css")
	if err != nil {
		t.Fatal(err)
	}
	defined := map[string]bool{}
	for _, m := range regexp.MustCompile(`\.(govuk-tag--[a-z-]+)`).FindAllSubmatch(css, -1) {
		defined[string(m[1])] = true
	}
	want := map[domain.ReturnStatus]string{
		domain.StatusNotStarted: "govuk-tag govuk-tag--grey",
		domain.StatusDraft:      "govuk-tag", // GOV.UK's default tag is blue
		domain.StatusSubmitted:  "govuk-tag govuk-tag--turquoise",
		domain.StatusReturned:   "govuk-tag govuk-tag--orange",
		domain.StatusAccepted:   "govuk-tag govuk-tag--green",
	}
	for _, s := range domain.ReturnStatuses {
		t.Run(string(s), func(t *testing.T) {
			tag := render(t, ReturnStatusTag(s)).Find("strong")
			class, _ := tag.Attr("class")
			if class != want[s] || strings.TrimSpace(tag.Text()) != s.Title() {
				t.Fatalf("tag %q with class %q, want %q with class %q", tag.Text(), class, s.Title(), want[s])
			}
			for _, c := range strings.Fields(class) {
				if c != "govuk-tag" && !defined[c] {
					t.Errorf("the stylesheet has no %s", c)
				}
			}
		})
	}
}

func TestNothingEnteredLinesUpWithItsLabel(t *testing.T) {
	p := render(t, PartText("  ")).Find(`[data-testid="nothing-entered"]`)
	if !p.HasClass("govuk-!-margin-top-0") {
		t.Fatalf("“Nothing entered” keeps the paragraph's top margin: class %q", p.AttrOr("class", ""))
	}
}

func TestATextareaCountsCharactersOnlyWhenItHasALimit(t *testing.T) {
	plain := render(t, Textarea(TextArea{Name: "how_much", Label: "How much did we do?", Hint: "The quantity"}))
	if plain.Find(".govuk-character-count, [data-module], #how_much-info").Length() != 0 {
		t.Error("a textarea without a limit has a character count")
	}
	if got := plain.Find("textarea").AttrOr("aria-describedby", ""); got != "how_much-hint" {
		t.Errorf("aria-describedby %q", got)
	}

	counted := render(t, Textarea(TextArea{Name: "comment", Label: "Your comment", Error: "Enter a comment", MaxLength: 10000}))
	group := counted.Find(".govuk-form-group")
	if !group.HasClass("govuk-character-count") || group.AttrOr("data-module", "") != "govuk-character-count" || group.AttrOr("data-maxlength", "") != "10000" {
		t.Errorf("the form group is not a character count: %s", group.AttrOr("class", ""))
	}
	area := counted.Find("textarea")
	if !area.HasClass("govuk-js-character-count") || !area.HasClass("govuk-textarea--error") {
		t.Errorf("textarea classes %q", area.AttrOr("class", ""))
	}
	if got := area.AttrOr("aria-describedby", ""); got != "comment-error comment-info" {
		t.Errorf("aria-describedby %q", got)
	}
	if got := strings.TrimSpace(counted.Find("#comment-info").Text()); got != "You can enter up to 10,000 characters" {
		t.Errorf("count message %q", got)
	}
}
