package templates

import (
	"context"
	"strings"
	"testing"
)

func TestAMissingFigureOtherThanTheMonthDueIsNamed(t *testing.T) {
	cases := []struct {
		due     string
		reasons []string
		want    string
	}{
		{"March 2010", []string{"No figure for March 2010"}, ""},
		{"March 2010", []string{"No figure for January 2010"}, "January 2010"},
		{"March 2010", []string{"Off target: 17% against a target of <14%"}, ""},
	}
	for _, c := range cases {
		if got := missingNote(c.due, c.reasons); got != c.want {
			t.Errorf("missingNote(%q, %q) = %q, want %q", c.due, c.reasons, got, c.want)
		}
	}
}

func TestMissingFiguresAreLinksSeparatedByCommas(t *testing.T) {
	items := []AttentionItem{
		{Code: "CPC", Name: "Conferences", Path: "/periods/2009-10/indicators/CPC", Reasons: []string{"No figure for March 2010"}},
		{Code: "NI67", Name: "Reviews <on time>", Path: "/periods/2009-10/indicators/NI67", Reasons: []string{"No figure for January 2010"}},
	}
	var b strings.Builder
	if err := missingLinks("March 2010", items).Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	want := `<a class="govuk-link" href="/periods/2009-10/indicators/CPC" data-testid="missing-item" data-code="CPC" title="Conferences">CPC</a>, ` +
		`<a class="govuk-link" href="/periods/2009-10/indicators/NI67" data-testid="missing-item" data-code="NI67" title="Reviews &lt;on time&gt;">NI67</a> (January 2010)`
	if b.String() != want {
		t.Errorf("got  %s\nwant %s", b.String(), want)
	}
}
