package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"safeboard/internal/domain"
)

// TestThePreviewButtonShowsMarkdownRenderedKeepsTheTextAndSavesNothing is
// issue 15's preview: a Markdown field's form has a second submit button,
// action=preview, which shows the form again with the typed text kept in
// the field and rendered above it, and saves nothing; on the chair's
// overview (a text of its own) and on a section of the outline (a list).
func TestThePreviewButtonShowsMarkdownRenderedKeepsTheTextAndSavesNothing(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	ctx := context.Background()
	period := mustPeriod(t, b)
	typed := "## Our year\n\nThe board met *six* times.\n\n- Audits\n- Training\n"

	chair := b.as(domain.RoleChair)
	overview := reportPath + "/board/text/overview"
	form := doc(t, chair.get(overview))
	preview := form.Find(`[data-testid="board-form"] button[name="action"][value="preview"]`)
	if preview.Length() != 1 {
		t.Fatalf("the overview's form has %d Preview buttons, want 1", preview.Length())
	}
	if got := preview.AttrOr("formaction", ""); got != overview+"#body-preview" {
		t.Errorf("Preview posts to %q, want the form's own address opening at the preview", got)
	}
	if form.Find(`[data-testid="markdown-preview"]`).Length() != 0 {
		t.Error("the form shows a preview before one is asked for")
	}
	values := formValues(form, `[data-testid="board-form"]`)
	values.Set("body", typed)
	values.Set("action", "preview")
	res := chair.post(overview, values)
	wantStatus(t, res, http.StatusOK)
	d := doc(t, res)
	shown := d.Find(`[data-testid="markdown-preview"]`)
	if shown.Length() != 1 || shown.AttrOr("id", "") != "body-preview" {
		t.Fatalf("%d previews after asking for one, want 1 with the id body-preview", shown.Length())
	}
	if got := textOf(shown.Find("h2")); got != "Preview: Text" {
		t.Errorf("the preview is labelled %q", got)
	}
	if got := textOf(shown.Find(`[data-testid="preview-text"] h4`)); got != "Our year" {
		t.Errorf("the preview's heading is %q, want the rendered ## line", got)
	}
	if got := textOf(shown.Find(`em`)); got != "six" {
		t.Errorf("the preview's emphasis is %q", got)
	}
	if got := shown.Find(`li`).Length(); got != 2 {
		t.Errorf("the preview shows %d bullets, want 2", got)
	}
	if shown.Next().Find(`textarea#body`).Length() != 1 {
		t.Error("the preview is not right above the field")
	}
	if got := d.Find(`textarea#body`).Text(); strings.TrimSpace(got) != strings.TrimSpace(typed) {
		t.Errorf("the field holds %q after the preview, want what was typed", got)
	}
	if d.Find(`[data-testid="error-summary"]`).Length() != 0 {
		t.Error("the preview shows an error summary")
	}
	saved, err := b.st.ReportText(ctx, period.ID, domain.TextOverview)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Body != "" || saved.Version != 0 {
		t.Errorf("the preview saved the overview: %q, version %d", saved.Body, saved.Version)
	}
	// Saving the previewed form saves the text as typed.
	values = formValues(d, `[data-testid="board-form"]`)
	if msg := chair.followFlash(chair.post(overview, values)); !strings.Contains(msg, "has been saved") {
		t.Fatalf("saving after the preview: %q", msg)
	}
	if saved, _ = b.st.ReportText(ctx, period.ID, domain.TextOverview); strings.TrimSpace(saved.Body) != strings.TrimSpace(typed) {
		t.Errorf("saved %q after the preview, want %q", saved.Body, typed)
	}

	// A new section of the outline: previewing adds nothing.
	m := b.as(domain.RoleManager)
	before, err := b.st.Outline(ctx, *period)
	if err != nil {
		t.Fatal(err)
	}
	res = m.post(reportPath+"/outline", url.Values{"version": {"0"}, "title": {"Voice of the child"}, "visible": {"yes"},
		"numbering": {"section"}, "body": {"What *children* told us"}, "action": {"preview"}})
	wantStatus(t, res, http.StatusOK)
	d = doc(t, res)
	if got := textOf(d.Find(`#body-preview em`)); got != "children" {
		t.Errorf("the section's preview shows %q in emphasis", got)
	}
	if got := d.Find(`input#title`).AttrOr("value", ""); got != "Voice of the child" {
		t.Errorf("the title field holds %q after the preview", got)
	}
	after, err := b.st.Outline(ctx, *period)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Errorf("the outline has %d sections after a preview, %d before", len(after), len(before))
	}
}

// TestAPreviewNamesAReferenceSaveWouldRefuse: previewing a text that quotes
// an indicator the board does not have shows the text with the reference as
// written and names it beside the field, as Save would, saving nothing; on
// the chair's overview and on a section of the outline.
func TestAPreviewNamesAReferenceSaveWouldRefuse(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	ctx := context.Background()
	period := mustPeriod(t, b)
	typed := "Referrals rose to {{NI99.ytd}} this year."

	chair := b.as(domain.RoleChair)
	overview := reportPath + "/board/text/overview"
	values := formValues(doc(t, chair.get(overview)), `[data-testid="board-form"]`)
	values.Set("body", typed)
	values.Set("action", "preview")
	res := chair.post(overview, values)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	d := doc(t, res)
	if got := textOf(d.Find(`[data-testid="markdown-preview"] [data-testid="preview-text"]`)); !strings.Contains(got, "{{NI99.ytd}}") {
		t.Errorf("the preview shows %q, want the reference as written", got)
	}
	// The Preview button's address ends in #body-preview: with a problem, the
	// error summary carries that id, so the page opens at the problem.
	if got := textOf(d.Find(`#body-preview[data-testid="error-summary"]`)); !strings.Contains(got, "NI99") {
		t.Errorf("the error summary at #body-preview says %q, want the reference named", got)
	}
	if n := d.Find(`#body-preview`).Length(); n != 1 {
		t.Errorf("%d elements have the id body-preview", n)
	}
	if got := textOf(d.Find(`#body-error`)); !strings.Contains(got, "NI99") {
		t.Errorf("the field's error says %q, want the reference named", got)
	}
	if got := d.Find(`textarea#body`).Text(); strings.TrimSpace(got) != typed {
		t.Errorf("the field holds %q after the preview, want what was typed", got)
	}
	if saved, err := b.st.ReportText(ctx, period.ID, domain.TextOverview); err != nil || saved.Body != "" {
		t.Errorf("the preview saved the overview: %q (%v)", saved.Body, err)
	}

	m := b.as(domain.RoleManager)
	before, err := b.st.Outline(ctx, *period)
	if err != nil {
		t.Fatal(err)
	}
	res = m.post(reportPath+"/outline", url.Values{"version": {"0"}, "title": {"Voice of the child"}, "visible": {"yes"},
		"numbering": {"section"}, "body": {typed}, "action": {"preview"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	d = doc(t, res)
	if got := textOf(d.Find(`#body-error`)); !strings.Contains(got, "NI99") {
		t.Errorf("the section's field error says %q, want the reference named", got)
	}
	if got := textOf(d.Find(`[data-testid="markdown-preview"]`)); !strings.Contains(got, "{{NI99.ytd}}") {
		t.Errorf("the section's preview shows %q", got)
	}
	if after, err := b.st.Outline(ctx, *period); err != nil || len(after) != len(before) {
		t.Errorf("the outline has %d sections after a preview, %d before (%v)", len(after), len(before), err)
	}
}
