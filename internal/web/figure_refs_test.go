package web_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// Narrative quotes figures by reference: a reference to no indicator is
// refused at its field, naming it; the others render as the tables show
// the figures, with the provisional mark while the return is not accepted,
// in board sections, section 4's text and review items alike.
func TestNarrativeQuotesFiguresByReference(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	seedPerformance(t, b)
	m := b.as(domain.RoleManager)

	d := wantFormError(t, m.post(reportPath+"/board/text/overview", url.Values{"version": {"0"}, "body": {"Re-registrations were {{NI99.ytd}}."}}),
		"body", "{{NI99.ytd}} names no indicator: there is no NI99")
	if got := d.Find(`textarea[name="body"]`).Text(); got != "Re-registrations were {{NI99.ytd}}." {
		t.Errorf("the text typed came back as %q", got)
	}
	wantFormError(t, m.post(perfPath+"/blocks", url.Values{"version": {"0"}, "kind": {"text"}, "body": {"{{REF.num}}"}}),
		"body", "REF is not a ratio, so it has no num")
	if d := doc(t, m.get(reportPath+"/board/text/overview")); !strings.Contains(d.Find(`[data-testid="figure-refs"]`).Text(), "{{NI65.ytd}}") {
		t.Error("the editor does not list the references beside the field")
	}
	// An indicator's commentary too, on its admin page, for the open period.
	ni65, err := b.st.IndicatorByCode(context.Background(), "NI65")
	if err != nil {
		t.Fatal(err)
	}
	admin := "/admin/indicators/" + itoa(ni65.ID)
	if d := doc(t, m.get(admin)); !strings.Contains(d.Find(`#period-2009-10 [data-testid="figure-refs"]`).Text(), "{{REF.ytd}}") {
		t.Error("the indicator's commentary for 2009/10 does not list the references beside it")
	}
	wantFormError(t, m.post(admin+"/commentary/2009-10", url.Values{"commentary-2009-10": {"Up to {{NI99.ytd}}."}}),
		"commentary-2009-10", "{{NI99.ytd}} names no indicator: there is no NI99")

	overview := "Re-registrations were {{NI65.ytd}} ({{NI65.num}} of {{NI65.den}}) against {{NI65.target}}; referrals {{REF.change}}."
	if res := m.post(reportPath+"/board/text/overview", url.Values{"version": {"0"}, "body": {overview}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("overview: %d", res.StatusCode)
	}
	addBlock(t, m, url.Values{"kind": {"text"}, "body": {"In April, {{NI65.month:2009-04}}; latest {{NI65.latest}}."}})
	lead := b.as(domain.RoleLead)
	if res := lead.post(kent+"/review", url.Values{"version": {"0"}, "title": {"Plans"}, "how_much": {"{{REF.ytd}} referrals"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("review item: %d", res.StatusCode)
	}

	want := "Re-registrations were 6% (provisional) (3 (provisional) of 50 (provisional)) against <5%; referrals up 52 (21.1%) on Apr 2008."
	report := doc(t, m.get(reportPath))
	if got := textOf(report.Find(`#section-1`).Parent().Find("p")); !strings.Contains(got, want) {
		t.Errorf("the overview reads %q, want %q", got, want)
	}
	section := doc(t, m.get(perfPath))
	if got := textOf(section.Find(`[data-testid="perf-text"]`)); got != "In April, 20% (provisional); latest 2.5% (provisional) in May 2009." {
		t.Errorf("section 4's text reads %q", got)
	}
	// The manager's switch to accepted figures only leaves them out of the text too.
	if got := textOf(doc(t, m.get(perfPath+"?figures=accepted")).Find(`[data-testid="perf-text"]`)); strings.Contains(got, "20%") || strings.Contains(got, "provisional") {
		t.Errorf("with accepted figures only, section 4's text reads %q", got)
	}
	if got := textOf(doc(t, m.get(kent)).Find("main")); !strings.Contains(got, "509 (provisional) referrals") {
		t.Errorf("the review item does not quote REF: %q", got)
	}

	// Accepted, the mark goes.
	addObjective(t, b)
	accept(t, b)
	report = doc(t, m.get(reportPath))
	if got := textOf(report.Find(`#section-1`).Parent().Find("p")); !strings.Contains(got, "Re-registrations were 6% (3 of 50) against <5%") {
		t.Errorf("accepted, the overview reads %q", got)
	}
}

// A published version keeps the figures its narrative quoted: changing a
// figure later changes the draft, not the published text.
func TestAPublishedVersionFreezesTheQuotedFigures(t *testing.T) {
	t.Parallel()
	needPDFTools(t)
	b := newBoard(t)
	seedPerformance(t, b)
	m := b.as(domain.RoleManager)
	if res := m.post(reportPath+"/board/text/overview", url.Values{"version": {"0"}, "body": {"Referrals this year: {{REF.ytd}}."}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("overview: %d", res.StatusCode)
	}
	if _, err := store.ReviewItemList.Add(context.Background(), b.st, domain.UserActor(b.users[domain.RoleLead]), store.InReturn(mustPeriod(t, b).ID, b.agencyID), domain.ReviewItem{Title: "Plans", HowMuch: "Some"}); err != nil {
		t.Fatal(err)
	}
	addObjective(t, b)
	accept(t, b)
	if msg := m.followFlash(m.post(reportPath+"/publish", url.Values{"confirm": {"yes"}})); !strings.Contains(msg, "has been published") {
		t.Fatalf("flash %q", msg)
	}
	ctx := context.Background()
	inds, err := b.st.Indicators(ctx)
	perfMust(t, err)
	var ref int64
	for _, ind := range inds {
		if ind.Code == "REF" {
			ref = ind.ID
		}
	}
	v := 1000.0
	june := time.Date(2009, 6, 1, 0, 0, 0, 0, time.UTC)
	_, err = b.st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, []domain.CellValue{{Cell: domain.Cell{IndicatorID: ref, On: june}, Value: &v}})
	perfMust(t, err)
	if got := textOf(doc(t, m.get(reportPath)).Find("main")); !strings.Contains(got, "Referrals this year: 1,509.") {
		t.Errorf("the draft does not follow the figure: %q", got)
	}
	published := body(t, m.get("/periods/2009-10/published/1.html"))
	if !bytes.Contains(published, []byte("Referrals this year: 509.")) || bytes.Contains(published, []byte("1,509")) {
		t.Error("the published version changed with the figure")
	}
}

func addObjective(t *testing.T, b *board) {
	t.Helper()
	if _, err := store.ObjectiveList.Add(context.Background(), b.st, domain.UserActor(b.users[domain.RoleLead]), store.InReturn(mustPeriod(t, b).ID, b.agencyID), domain.Objective{Intend: "Train every officer"}); err != nil {
		t.Fatal(err)
	}
}
