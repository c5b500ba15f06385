package web_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// TestAClosedPeriodsReturnShowsOneStatusAndTheHomePageLinksOnlyToPublishedYears
// is issue 15's closed period: the lead's return of a year that closed
// before it was submitted says "Not submitted" once, with no "Overdue"
// beside it, and the home page offers "Published versions" only for a year
// that has some.
func TestAClosedPeriodsReturnShowsOneStatusAndTheHomePageLinksOnlyToPublishedYears(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	ctx := context.Background()
	deadline := time.Date(2009, 4, 17, 0, 0, 0, 0, time.UTC)
	closedID, err := b.st.CreatePeriod(ctx, domain.CommandLine, store.PeriodFields{
		Label: "2008/09", StartsOn: domain.PeriodForYear(2008).StartsOn, EndsOn: domain.PeriodForYear(2008).EndsOn, Deadline: &deadline,
	})
	if err != nil {
		t.Fatal(err)
	}
	lead := b.as(domain.RoleLead)

	d := doc(t, lead.get("/periods/2008-09/returns/kent-police"))
	if got := textOf(d.Find(`[data-testid="return-status"]`)); got != "Not submitted" {
		t.Errorf("the closed year's return says its status is %q, want Not submitted", got)
	}
	if got := textOf(d.Find(`[data-testid="return-facts"] .govuk-tag`)); got != "Not submitted" {
		t.Errorf("the closed year's return shows the tags %q, want Not submitted alone", got)
	}
	if d.Find(`[data-testid="closed-note"]`).Length() != 1 {
		t.Error("the closed year's return does not say why it cannot change")
	}
	if got := textOf(d.Find(`[data-testid="deadline"]`)); got != "Returns were due by 17 April 2009" {
		t.Errorf("the closed year's return gives its deadline as %q", got)
	}

	// The open year, overdue, keeps its own status and the overdue tag.
	open, err := b.st.PeriodBySlug(ctx, "2009-10")
	if err != nil {
		t.Fatal(err)
	}
	if err := b.st.UpdatePeriod(ctx, domain.CommandLine, open.ID, store.PeriodFields{Label: open.Label, StartsOn: open.StartsOn,
		EndsOn: open.EndsOn, Deadline: &deadline, IsOpen: true}); err != nil {
		t.Fatal(err)
	}
	d = doc(t, lead.get(kent))
	if got := textOf(d.Find(`[data-testid="return-facts"] .govuk-tag`)); got != "Not startedOverdue" {
		t.Errorf("the open year's overdue return shows the tags %q, want Not started and Overdue", got)
	}

	// Neither year has a published version: no link to an empty list.
	d = doc(t, lead.get("/"))
	if n := d.Find(`[data-testid="periods"] a[href$="/published"]`).Length(); n != 0 {
		t.Errorf("the home page links to %d years' published versions, none published", n)
	}
	if d.Find(`[data-testid="unpublished-2008-09"]`).Length() != 1 || d.Find(`[data-testid="unpublished-2009-10"]`).Length() != 1 {
		t.Error("the home page does not say each year is not published yet")
	}
	if _, err := b.st.Publish(ctx, domain.CommandLine, closedID, store.Publication{HTML: []byte("<html></html>"), PDF: []byte("%PDF-1.4"), PDFPages: 1}); err != nil {
		t.Fatal(err)
	}
	d = doc(t, lead.get("/"))
	links := d.Find(`[data-testid="periods"] a[href$="/published"]`)
	if links.Length() != 1 || links.AttrOr("href", "") != "/periods/2008-09/published" {
		t.Errorf("the home page links to %d years' published versions, want 2008/09's alone", links.Length())
	}
	// Every link left leads somewhere.
	d.Find(`[data-testid="periods"] a`).Each(func(_ int, a *goquery.Selection) {
		href := a.AttrOr("href", "")
		if res := lead.get(href); res.StatusCode != http.StatusOK && res.StatusCode != http.StatusSeeOther {
			t.Errorf("the home page's link %s answers %d", href, res.StatusCode)
		}
	})
}
