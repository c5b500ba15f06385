package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// figures is the test agency's performance data: a monthly count without
// breakdowns (REF), a monthly percentage (PCT), a snapshot count broken down
// by category and gender (CPP), and a ratio (RAT) of two monthly counts (NUM
// out of DEN).
type figures struct {
	*journey
	ref, pct, cpp, num, den, rat int64
	neglect, physical, f, m      int64 // options
}

const performance = kent + "/performance"

var april, may = time.Date(2009, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2009, 5, 1, 0, 0, 0, 0, time.UTC)
var snapshot = time.Date(2010, 3, 31, 0, 0, 0, 0, time.UTC)

func newFigures(t *testing.T) *figures {
	t.Helper()
	f := &figures{journey: newJourney(t)}
	ctx, st := f.ctx, f.st
	category, err := st.CreateDimension(ctx, domain.CommandLine, "Category of abuse", []string{"Neglect", "Physical"})
	mustNot(t, err)
	gender, err := st.CreateDimension(ctx, domain.CommandLine, "Gender", []string{"F", "M"})
	mustNot(t, err)
	dims, err := st.Dimensions(ctx)
	mustNot(t, err)
	for _, d := range dims {
		switch d.ID {
		case category:
			f.neglect, f.physical = d.Options[0].ID, d.Options[1].ID
		case gender:
			f.f, f.m = d.Options[0].ID, d.Options[1].ID
		}
	}
	add := func(code, theme string, unit domain.Unit, freq domain.Frequency, rule domain.YTDRule, dims ...int64) int64 {
		id, err := st.CreateIndicator(ctx, domain.CommandLine, store.IndicatorFields{
			Code: code, Name: "Indicator " + code, Theme: theme, Unit: unit, Polarity: domain.PolarityNeither,
			Frequency: freq, YTDRule: rule, AgencyID: f.agencyID, DimensionIDs: dims,
		})
		mustNot(t, err)
		return id
	}
	f.ref = add("REF", "Referrals", domain.UnitCount, domain.FrequencyMonthly, domain.YTDSum)
	f.pct = add("PCT", "Referrals", domain.UnitPercentage, domain.FrequencyMonthly, domain.YTDMean)
	f.cpp = add("CPP", "Child protection", domain.UnitCount, domain.FrequencySnapshot, domain.YTDLatest, category, gender)
	f.num = add("NUM", "Assessments", domain.UnitCount, domain.FrequencyMonthly, domain.YTDSum)
	f.den = add("DEN", "Assessments", domain.UnitCount, domain.FrequencyMonthly, domain.YTDSum)
	f.rat, err = st.CreateIndicator(ctx, domain.CommandLine, store.IndicatorFields{
		Code: "RAT", Name: "Assessments on time", Theme: "Assessments", Unit: domain.UnitPercentage, Polarity: domain.PolarityHigher,
		Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDRatio, NumeratorID: &f.num, DenominatorID: &f.den, AgencyID: f.agencyID,
	})
	mustNot(t, err)
	return f
}

func mustNot(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// cell is a grid input's id: the date, then the options' ids (0 for none).
func cell(on time.Time, opts ...int64) string {
	var o [3]int64
	copy(o[:], opts)
	return fmt.Sprintf("v-%s-%d-%d-%d", on.Format(time.DateOnly), o[0], o[1], o[2])
}

// saved is an indicator's figures for 2009/10 by cell id.
func (f *figures) saved(indicatorID int64) map[string]float64 {
	f.t.Helper()
	list, err := f.st.Values(f.ctx, []int64{indicatorID}, f.period.StartsOn, f.period.EndsOn)
	mustNot(f.t, err)
	out := map[string]float64{}
	for _, c := range list {
		out[cell(c.On, c.Options[:]...)] = *c.Value
	}
	return out
}

// put saves figures through the store, as the manager: someone else's change.
func (f *figures) put(indicatorID int64, on time.Time, v float64, opts ...int64) {
	f.t.Helper()
	c := domain.CellValue{Cell: domain.Cell{IndicatorID: indicatorID, On: on}, Value: &v}
	copy(c.Options[:], opts)
	_, err := f.st.SaveValues(f.ctx, domain.UserActor(f.users[domain.RoleManager]), store.ValueScope{}, []domain.CellValue{c})
	mustNot(f.t, err)
}

// openGrid gets a grid and returns the page with the form as a browser would send it.
func openGrid(t *testing.T, c *client, code string) (*goquery.Document, url.Values) {
	t.Helper()
	res := c.get(performance + "/" + code)
	wantStatus(t, res, http.StatusOK)
	d := doc(t, res)
	return d, formValues(d, `[data-testid="grid-form"]`)
}

func TestALeadEntersFiguresInTheGridBlankStaysUnknownAndZeroIsSaved(t *testing.T) {
	t.Parallel()
	f := newFigures(t)
	lead := f.as(domain.RoleLead)

	task := doc(t, lead.get(kent)).Find(`[data-testid="task-performance"]`)
	// 12 months of REF, PCT, NUM and DEN, and 2 × 2 cells of the CPP snapshot: 52 figures.
	if got := textOf(task.Find(`[data-testid="task-hint"]`)); got != "0 of 52 figures" {
		t.Errorf("the task's hint says %q", got)
	}
	if got := textOf(task.Find(`[data-testid="task-status"]`)); got != "Not yet started" {
		t.Errorf("the task's status is %q", got)
	}
	if href, _ := task.Find("a").Attr("href"); href != performance {
		t.Fatalf("the task links to %q", href)
	}

	// Themes follow the indicators' report order: position, then code.
	list := doc(t, lead.get(performance))
	if got := texts(list.Find(`[data-testid="theme"] caption`)); strings.Join(got, "|") != "Child protection|Assessments|Referrals" {
		t.Errorf("themes %v", got)
	}
	if got := textOf(list.Find(`[data-testid="indicator-RAT"] [data-testid="known"]`)); got != "Worked out from NUM out of DEN" {
		t.Errorf("the ratio's row says %q", got)
	}
	if list.Find(`[data-testid="indicator-RAT"] a`).Length() != 0 {
		t.Error("the ratio indicator links to a grid")
	}
	if href, _ := list.Find(`[data-testid="import-figures"]`).Attr("href"); href != "/periods/2009-10/figures/import?agency=kent-police" {
		t.Errorf("the import link goes to %q", href)
	}
	if href, _ := list.Find(`[data-testid="export-csv"]`).Attr("href"); href != "/periods/2009-10/figures/export?agency=kent-police&format=csv" {
		t.Errorf("the CSV download goes to %q", href)
	}
	if href, _ := list.Find(`[data-testid="indicator-REF"] a`).Attr("href"); href != performance+"/REF" {
		t.Fatalf("REF links to %q", href)
	}

	d, form := openGrid(t, lead, "REF")
	inputs := d.Find(`[data-testid="grid"] input.govuk-input`)
	if inputs.Length() != 12 {
		t.Fatalf("%d inputs in a monthly grid, want 12", inputs.Length())
	}
	if mode, _ := inputs.First().Attr("inputmode"); mode != "decimal" {
		t.Errorf("inputmode %q", mode)
	}
	if got := textOf(d.Find(`label[for="` + cell(april) + `"]`)); got != "REF, April 2009" {
		t.Errorf("April's label is %q", got)
	}
	if got := texts(d.Find(`[data-testid="grid"] thead th`)); got[0] != "Apr 2009" || got[11] != "Mar 2010" {
		t.Errorf("columns %v", got)
	}
	form.Set(cell(april), "0")
	form.Set(cell(may), " 1,204 ")
	if got := lead.followFlash(lead.post(performance+"/REF", form)); got != "Figures saved for REF" {
		t.Fatalf("the banner says %q", got)
	}
	if got := f.saved(f.ref); len(got) != 2 || got[cell(april)] != 0 || got[cell(may)] != 1204 {
		t.Fatalf("saved %v, want April 0 and May 1204 only", got)
	}
	d, _ = openGrid(t, lead, "REF")
	wantValues(t, d, map[string]string{"#" + cell(april): "0", "#" + cell(may): "1204", "#" + cell(time.Date(2009, 6, 1, 0, 0, 0, 0, time.UTC)): ""})

	// The snapshot grid, broken down two ways: one date at a time, a row per
	// category and a column per gender.
	d, form = openGrid(t, lead, "CPP")
	if got := texts(d.Find(`[data-testid="grid"] tbody th`)); strings.Join(got, "|") != "Neglect|Physical" {
		t.Errorf("row headers %v", got)
	}
	if got := texts(d.Find(`[data-testid="grid"] thead th`)); strings.Join(got, "|") != "Category of abuse|F|M" {
		t.Errorf("column headers %v", got)
	}
	if got := textOf(d.Find(`[data-testid="grid-date"]`)); got != "31 March 2010" {
		t.Errorf("the heading names the date %q", got)
	}
	if got := textOf(d.Find(`label[for="` + cell(snapshot, f.neglect, f.m) + `"]`)); got != "Neglect, M, 31 March 2010" {
		t.Errorf("a breakdown cell's label is %q", got)
	}
	form.Set(cell(snapshot, f.neglect, f.m), "7")
	if got := lead.followFlash(lead.post(performance+"/CPP", form)); got != "Figures saved for CPP, 31 March 2010" {
		t.Fatalf("the banner says %q", got)
	}
	if got := f.saved(f.cpp); len(got) != 1 || got[cell(snapshot, f.neglect, f.m)] != 7 {
		t.Fatalf("saved %v", got)
	}

	task = doc(t, lead.get(kent)).Find(`[data-testid="task-performance"]`)
	if got := textOf(task.Find(`[data-testid="task-hint"]`)); got != "3 of 52 figures" {
		t.Errorf("after saving, the task's hint says %q", got)
	}
	if got := textOf(task.Find(`[data-testid="task-status"]`)); got != "In progress" {
		t.Errorf("after saving, the task's status is %q", got)
	}
	// Clearing a figure makes it unknown again.
	_, form = openGrid(t, lead, "REF")
	form.Set(cell(may), "")
	lead.followFlash(lead.post(performance+"/REF", form))
	if got := f.saved(f.ref); len(got) != 1 || got[cell(april)] != 0 {
		t.Fatalf("after clearing May: %v", got)
	}
}

func TestTheTaskIsCompletedWhenEveryFigureIsKnownAndAbsentWithoutIndicators(t *testing.T) {
	t.Parallel()
	j := newJourney(t)
	lead := j.as(domain.RoleLead)
	if n := doc(t, lead.get(kent)).Find(`[data-testid="task-performance"]`).Length(); n != 0 {
		t.Fatal("an agency without indicators has a performance data task")
	}
	id, err := j.st.CreateIndicator(j.ctx, domain.CommandLine, store.IndicatorFields{
		Code: "YR", Name: "Yearly", Theme: "T", Unit: domain.UnitDays, Polarity: domain.PolarityLower,
		Frequency: domain.FrequencyYearly, YTDRule: domain.YTDLatest, AgencyID: j.agencyID,
	})
	mustNot(t, err)
	v := 12.5
	_, err = j.st.SaveValues(j.ctx, j.lead(), store.ValueScope{}, []domain.CellValue{{Cell: domain.Cell{IndicatorID: id, On: april}, Value: &v}})
	mustNot(t, err)
	task := doc(t, lead.get(kent)).Find(`[data-testid="task-performance"]`)
	if got := textOf(task.Find(`[data-testid="task-status"]`)); got != "Completed" {
		t.Errorf("the task's status is %q", got)
	}
	if got := textOf(task.Find(`[data-testid="task-hint"]`)); got != "1 of 1 figure" {
		t.Errorf("the task's hint is %q", got)
	}
}

func TestBadFiguresAreNamedByTheirCellsAndNothingIsSaved(t *testing.T) {
	t.Parallel()
	f := newFigures(t)
	lead := f.as(domain.RoleLead)

	_, form := openGrid(t, lead, "PCT")
	form.Set(cell(april), "101")
	form.Set(cell(may), "50")
	form.Set(cell(time.Date(2009, 6, 1, 0, 0, 0, 0, time.UTC)), "lots")
	d := wantCellError(t, lead.post(performance+"/PCT", form), cell(april), "PCT, April 2009: Enter a percentage from 0 to 100")
	if got := textOf(d.Find(`[data-testid="error-summary"] a[href="#` + cell(time.Date(2009, 6, 1, 0, 0, 0, 0, time.UTC)) + `"]`)); got != `PCT, June 2009: Enter a number, not "lots"` {
		t.Errorf("the summary's second link says %q", got)
	}
	if desc, _ := d.Find("#" + cell(april)).Attr("aria-describedby"); desc != cell(april)+"-error" {
		t.Errorf("the bad cell is described by %q", desc)
	}
	wantValues(t, d, map[string]string{"#" + cell(april): "101", "#" + cell(may): "50"})
	if got := f.saved(f.pct); len(got) != 0 {
		t.Fatalf("a refused grid saved %v", got)
	}

	_, form = openGrid(t, lead, "CPP")
	form.Set(cell(snapshot, f.physical, f.f), "2.5")
	form.Set(cell(snapshot, f.neglect, f.f), "3")
	d = wantCellError(t, lead.post(performance+"/CPP", form), cell(snapshot, f.physical, f.f), "Physical, F, 31 March 2010: Enter a whole number, 0 or more")
	wantValues(t, d, map[string]string{"#" + cell(snapshot, f.physical, f.f): "2.5", "#" + cell(snapshot, f.neglect, f.f): "3"})
	if got := f.saved(f.cpp); len(got) != 0 {
		t.Fatalf("a refused grid saved %v", got)
	}
}

func TestANumeratorMayNotExceedItsDenominator(t *testing.T) {
	t.Parallel()
	f := newFigures(t)
	lead := f.as(domain.RoleLead)
	f.put(f.den, april, 10)

	_, form := openGrid(t, lead, "NUM")
	form.Set(cell(april), "11")
	form.Set(cell(may), "40") // no denominator for May yet: nothing to compare
	wantCellError(t, lead.post(performance+"/NUM", form), cell(april), "NUM, April 2009: Enter 10 or less, the DEN figure for April 2009 (RAT is NUM out of DEN)")
	if got := f.saved(f.num); len(got) != 0 {
		t.Fatalf("a refused grid saved %v", got)
	}
	form.Set(cell(april), "10")
	lead.followFlash(lead.post(performance+"/NUM", form))
	if got := f.saved(f.num); got[cell(april)] != 10 || got[cell(may)] != 40 {
		t.Fatalf("saved %v", got)
	}

	_, form = openGrid(t, lead, "DEN")
	form.Set(cell(april), "9")
	wantCellError(t, lead.post(performance+"/DEN", form), cell(april), "DEN, April 2009: Enter 10 or more, the NUM figure for April 2009 (RAT is NUM out of DEN)")
	if got := f.saved(f.den); got[cell(april)] != 10 {
		t.Fatalf("the denominator changed: %v", got)
	}
}

func TestALeadOfAnotherAgencyCannotReachTheFigures(t *testing.T) {
	t.Parallel()
	f := newFigures(t)
	_, otherLead := f.addAgency("medway-council", "Medway Council", "", 1)
	other := f.signIn(otherLead)
	for _, path := range []string{performance, performance + "/REF"} {
		wantStatus(t, other.get(path), http.StatusForbidden)
	}
	form := url.Values{cell(april): {"5"}, "was-" + cell(april): {""}}
	wantStatus(t, other.post(performance+"/REF", form), http.StatusForbidden)
	// Through their own return, another agency's indicator has no grid.
	wantStatus(t, other.get("/periods/2009-10/returns/medway-council/performance/REF"), http.StatusNotFound)
	wantStatus(t, other.post("/periods/2009-10/returns/medway-council/performance/REF", form), http.StatusNotFound)
	// A ratio has no grid either.
	wantStatus(t, f.as(domain.RoleLead).get(performance+"/RAT"), http.StatusNotFound)
	if got := f.saved(f.ref); len(got) != 0 {
		t.Fatalf("figures saved: %v", got)
	}
}

func TestASubmittedReturnsFiguresAreReadOnlyForTheLeadButTheManagerMaySave(t *testing.T) {
	t.Parallel()
	f := newFigures(t)
	f.put(f.ref, april, 4)
	lead := f.as(domain.RoleLead)
	_, form := openGrid(t, lead, "REF") // opened while the return is a draft
	f.putInStatus(f.agencyID, f.users[domain.RoleLead], domain.StatusSubmitted)

	d := doc(t, lead.get(performance+"/REF"))
	if n := d.Find("main input, main button").Length(); n != 0 {
		t.Errorf("the submitted return's grid has %d inputs and buttons", n)
	}
	figures := texts(d.Find(`[data-testid="figure"]`))
	if len(figures) != 12 || figures[0] != "4" || figures[1] != "–Not known" {
		t.Errorf("read-only figures %v", figures)
	}
	if d.Find(`[data-testid="import-figures"]`).Length() != 0 {
		t.Error("the read-only grid offers an import")
	}
	if doc(t, lead.get(performance)).Find(`[data-testid="import-figures"]`).Length() != 0 {
		t.Error("a submitted return's performance page offers an import")
	}

	form.Set(cell(may), "8")
	res := lead.post(performance+"/REF", form)
	wantStatus(t, res, http.StatusConflict)
	d = doc(t, res)
	if !strings.Contains(textOf(d.Find(`[data-testid="conflict"]`)), "submitted") || d.Find(`[data-testid="save"]`).Length() != 0 {
		t.Error("the lead's late save does not say the return was submitted, or still offers to save")
	}
	wantValues(t, d, map[string]string{"#" + cell(may): "8"})
	if got := f.saved(f.ref); len(got) != 1 {
		t.Fatalf("the lead's save of a submitted return saved %v", got)
	}

	// The chair reads the submitted figures and may not save them.
	chair := f.as(domain.RoleChair)
	if n := doc(t, chair.get(performance+"/REF")).Find("input").Length(); n != 0 {
		t.Errorf("the chair's grid has %d inputs", n)
	}
	wantStatus(t, chair.post(performance+"/REF", form), http.StatusForbidden)

	manager := f.as(domain.RoleManager)
	_, form = openGrid(t, manager, "REF")
	form.Set(cell(may), "8")
	if got := manager.followFlash(manager.post(performance+"/REF", form)); got != "Figures saved for REF" {
		t.Fatalf("the manager's save: %q", got)
	}
	if got := f.saved(f.ref); got[cell(may)] != 8 || got[cell(april)] != 4 {
		t.Fatalf("after the manager's save: %v", got)
	}
}

func TestAFigureSomeoneElseChangedIsNotOverwritten(t *testing.T) {
	t.Parallel()
	f := newFigures(t)
	f.put(f.ref, april, 4)
	lead := f.as(domain.RoleLead)
	_, form := openGrid(t, lead, "REF")
	june := time.Date(2009, 6, 1, 0, 0, 0, 0, time.UTC)
	// Meanwhile someone else changes April and adds May.
	f.put(f.ref, april, 5)
	f.put(f.ref, may, 3)

	form.Set(cell(april), "7")
	form.Set(cell(june), "9")
	res := lead.post(performance+"/REF", form)
	wantStatus(t, res, http.StatusConflict)
	d := doc(t, res)
	link := textOf(d.Find(`[data-testid="error-summary"] a[href="#` + cell(april) + `"]`))
	if !strings.Contains(link, "changed this figure to 5") || !strings.Contains(link, "you entered 7") {
		t.Errorf("the conflict says %q", link)
	}
	if !strings.Contains(textOf(d.Find("#"+cell(april)+"-error")), "to 5") {
		t.Error("the cell does not show the other figure")
	}
	wantValues(t, d, map[string]string{"#" + cell(april): "7", "#" + cell(june): "9"})
	if got := f.saved(f.ref); len(got) != 2 || got[cell(april)] != 5 || got[cell(may)] != 3 {
		t.Fatalf("after the refused save: %v", got)
	}

	// Saving the page again keeps the lead's figures; May, which they did not
	// change, keeps the other figure rather than going blank.
	lead.followFlash(lead.post(performance+"/REF", formValues(d, `[data-testid="grid-form"]`)))
	if got := f.saved(f.ref); len(got) != 3 || got[cell(april)] != 7 || got[cell(may)] != 3 || got[cell(june)] != 9 {
		t.Fatalf("after saving again: %v", got)
	}
}

// wantCellError checks a refused grid: wantFormError's checks, the message
// beside the cell, and the summary's link naming the cell's row and column.
func wantCellError(t *testing.T, res *http.Response, id, named string) *goquery.Document {
	t.Helper()
	label, message, _ := strings.Cut(named, ": ")
	d := wantFormError(t, res, id, message)
	if got := textOf(d.Find(`[data-testid="error-summary"] a[href="#` + id + `"]`)); got != named {
		t.Errorf("the error summary's link to the cell says %q, want %q", got, label+": "+message)
	}
	return d
}
