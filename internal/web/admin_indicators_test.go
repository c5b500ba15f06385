package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// ageBand adds the dimension "Age band" through the admin page and returns its id.
func ageBand(t *testing.T, b *board, c *client) *domain.Dimension {
	t.Helper()
	res := c.post("/admin/dimensions", url.Values{"name": {"Age band"}, "options": {"0-5\r\n6-10\r\n\r\n 11-15 \r\n16+"}})
	if flash := c.followFlash(res); flash != "Age band has been added with 4 options" {
		t.Fatalf("flash %q", flash)
	}
	dims, err := b.st.Dimensions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dims {
		if d.Name == "Age band" {
			return &d
		}
	}
	t.Fatal("no Age band dimension")
	return nil
}

// cpForm is a valid new indicator form, broken down by dimension dim (0 for none).
func cpForm(b *board, dim int64) url.Values {
	f := url.Values{
		"code": {"CP1"}, "name": {"Children on a child protection plan"}, "description": {"At the month's end"},
		"theme": {"Child protection"}, "agency": {itoa(b.agencyID)}, "unit": {"count"}, "polarity": {"neither"},
		"frequency": {"monthly"}, "ytd_rule": {"latest"}, "numerator": {""}, "denominator": {""},
		"dimension1": {""}, "dimension2": {""}, "dimension3": {""}, "position": {"10"}, "suppress_small": {"yes"},
	}
	if dim != 0 {
		f.Set("dimension1", itoa(dim))
	}
	return f
}

func addIndicator(t *testing.T, b *board, c *client, form url.Values) *domain.Indicator {
	t.Helper()
	res := c.post("/admin/indicators", form)
	if flash := c.followFlash(res); flash != form.Get("code")+" has been added" {
		t.Fatalf("flash %q", flash)
	}
	ind, err := b.st.IndicatorByCode(context.Background(), form.Get("code"))
	if err != nil {
		t.Fatal(err)
	}
	return ind
}

func TestTheManagerAddsABreakdownAndAnIndicatorBrokenDownByIt(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.as(domain.RoleManager)
	age := ageBand(t, b, c)
	if len(age.Options) != 4 || age.Options[2].Label != "11-15" || age.Options[3].Label != "16+" {
		t.Fatalf("options %+v", age.Options)
	}
	wantAudit(t, b, "dimension", "dimension.create", age.ID, b.users[domain.RoleManager])
	row := doc(t, c.get("/admin/dimensions")).Find(`[data-testid="dimension-Age band"]`)
	if !strings.Contains(row.Text(), "0-5, 6-10, 11-15, 16+") {
		t.Fatalf("dimension row %q", row.Text())
	}

	ind := addIndicator(t, b, c, cpForm(b, age.ID))
	if ind.Name != "Children on a child protection plan" || ind.Unit != domain.UnitCount || ind.YTDRule != domain.YTDLatest ||
		!ind.SuppressSmall || ind.Position != 10 || ind.AgencyID != b.agencyID || len(ind.Dimensions) != 1 || ind.Dimensions[0].ID != age.ID {
		t.Fatalf("indicator %+v", ind)
	}
	wantAudit(t, b, "indicator", "indicator.create", ind.ID, b.users[domain.RoleManager])
	list := doc(t, c.get("/admin/indicators"))
	row = list.Find(`[data-testid="theme-Child protection"] [data-testid="indicator-CP1"]`)
	for _, want := range []string{"Kent Police", "Count", "Monthly", "Latest figure", "Age band"} {
		if !strings.Contains(row.Text(), want) {
			t.Errorf("the list's row lacks %q: %q", want, row.Text())
		}
	}
	page := doc(t, c.get("/admin/indicators/"+itoa(ind.ID)))
	if h1 := page.Find("h1").Text(); h1 != "CP1: Children on a child protection plan" {
		t.Fatalf("heading %q", h1)
	}
	if !strings.Contains(doc(t, c.get("/admin/dimensions/"+itoa(age.ID))).Find(`[data-testid="used-by"]`).Text(), "CP1") {
		t.Error("the dimension's page does not say CP1 uses it")
	}
}

func TestTheIndicatorFormSaysWhatIsWrong(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.as(domain.RoleManager)
	age := ageBand(t, b, c)
	addIndicator(t, b, c, cpForm(b, 0))
	pct := cpForm(b, 0)
	pct.Set("code", "PCT")
	pct.Set("unit", "percentage")
	percentage := addIndicator(t, b, c, pct)
	count := cpForm(b, 0)
	count.Set("code", "ALL")
	all := addIndicator(t, b, c, count)
	cp1, _ := b.st.IndicatorByCode(context.Background(), "CP1")

	ratio := func(pairs map[string]string) url.Values {
		return withValues(cpForm(b, 0), mergePairs(map[string]string{"code": "R1", "unit": "percentage", "ytd_rule": "ratio",
			"numerator": itoa(cp1.ID), "denominator": itoa(all.ID)}, pairs))
	}
	cases := []struct {
		name, field, message string
		form                 url.Values
	}{
		{"an empty form", "code", "Enter a code, like NI59", url.Values{}},
		{"a code with a space", "code", "The code must start with a letter or number and only include letters", withValues(cpForm(b, 0), map[string]string{"code": "NI 59"})},
		{"a code too long", "code", "The code must be 20 characters or fewer", withValues(cpForm(b, 0), map[string]string{"code": strings.Repeat("A", 21)})},
		{"a code in use, in other letters", "code", "An indicator with the code cp1 already exists", withValues(cpForm(b, 0), map[string]string{"code": "cp1"})},
		{"no unit", "unit", "Select the unit", withValues(cpForm(b, 0), map[string]string{"code": "X", "unit": ""})},
		{"a ratio without parts", "numerator", "Select the numerator, the count above the line, for a ratio", ratio(map[string]string{"numerator": "", "denominator": ""})},
		{"a ratio without a denominator", "denominator", "Select the denominator, the count below the line, for a ratio", ratio(map[string]string{"denominator": ""})},
		{"a ratio of one indicator twice", "denominator", "The denominator must be a different indicator from the numerator", ratio(map[string]string{"denominator": itoa(cp1.ID)})},
		{"a ratio of a percentage", "numerator", "The numerator must be a count: PCT is measured in percentage", ratio(map[string]string{"numerator": itoa(percentage.ID)})},
		{"a ratio that is a count", "unit", "A ratio of two indicators is a percentage: select Percentage", ratio(map[string]string{"unit": "count"})},
		{"parts without a ratio", "numerator", "Choose None for the numerator: only a ratio of two indicators has one", ratio(map[string]string{"ytd_rule": "sum"})},
		{"one breakdown twice", "dimension2", "Age band is already the first breakdown: choose a different one, or None", withValues(cpForm(b, age.ID), map[string]string{"code": "X", "dimension2": itoa(age.ID)})},
		{"an unknown breakdown", "dimension3", "Select a breakdown from the list, or None", withValues(cpForm(b, 0), map[string]string{"code": "X", "dimension3": "999999"})},
		{"a position that is not a number", "position", "The position must be a whole number, like 10", withValues(cpForm(b, 0), map[string]string{"code": "X", "position": "first"})},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := c.within(t)
			d := wantFormError(t, c.post("/admin/indicators", tc.form), tc.field, tc.message)
			// What was typed is shown again.
			if code := tc.form.Get("code"); code != "" {
				wantValues(t, d, map[string]string{"#code": code})
			}
		})
	}
	// The ratio's error page keeps the chosen parts selected.
	d := wantFormError(t, c.post("/admin/indicators", ratio(map[string]string{"denominator": ""})), "denominator", "Select the denominator")
	if got, _ := d.Find(`#numerator option[selected]`).Attr("value"); got != itoa(cp1.ID) {
		t.Errorf("the numerator shows %q, want CP1 still chosen", got)
	}
	// A valid ratio is saved.
	r1 := addIndicator(t, b, c, ratio(nil))
	if !r1.IsRatio() || *r1.NumeratorID != cp1.ID || *r1.DenominatorID != all.ID {
		t.Fatalf("ratio %+v", r1)
	}
	// Its parts must stay counts.
	wantFormError(t, c.post("/admin/indicators/"+itoa(cp1.ID), withValues(cpForm(b, 0), map[string]string{"unit": "days"})),
		"unit", "The unit must stay Count: the ratio R1 counts CP1")
	if n := len(auditTrail(b, "indicator")); n != 4 {
		t.Errorf("%d indicator audit events, want one per indicator added", n)
	}
}

func mergePairs(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

func TestAnIndicatorHasAtMostThreeBreakdowns(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.as(domain.RoleManager)
	ctx := context.Background()
	var ids []string
	for _, name := range []string{"A", "B", "C", "D"} {
		id, err := b.st.CreateDimension(ctx, domain.CommandLine, name, []string{"x", "y"})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, itoa(id))
	}
	d := doc(t, c.get("/admin/indicators/new"))
	if n := d.Find(`select[name^="dimension"]`).Length(); n != 3 {
		t.Fatalf("the form offers %d breakdowns, want 3", n)
	}
	// A fourth sent anyway is not read.
	form := withValues(cpForm(b, 0), map[string]string{"dimension1": ids[0], "dimension2": ids[1], "dimension3": ids[2], "dimension4": ids[3]})
	ind := addIndicator(t, b, c, form)
	if len(ind.Dimensions) != 3 || ind.Dimensions[2].Name != "C" {
		t.Fatalf("dimensions %+v", ind.Dimensions)
	}
	// The store refuses four whatever sends them.
	f := store.IndicatorFields{Code: "FOUR", Name: "Four", Theme: "T", Unit: domain.UnitCount, Polarity: domain.PolarityNeither,
		Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDSum, AgencyID: b.agencyID}
	for _, id := range ids {
		n, _ := strconv.ParseInt(id, 10, 64)
		f.DimensionIDs = append(f.DimensionIDs, n)
	}
	if _, err := b.st.CreateIndicator(ctx, domain.CommandLine, f); err == nil {
		t.Fatal("the store took four breakdowns")
	}
}

func TestTheBreakdownsOfAnIndicatorWithFiguresCannotChange(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.as(domain.RoleManager)
	ctx := context.Background()
	age := ageBand(t, b, c)
	gender, err := b.st.CreateDimension(ctx, domain.CommandLine, "Gender", []string{"F", "M"})
	if err != nil {
		t.Fatal(err)
	}
	ind := addIndicator(t, b, c, cpForm(b, age.ID))
	april := time.Date(2009, 4, 1, 0, 0, 0, 0, time.UTC)
	v := 12.0
	if _, err := b.st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, []domain.CellValue{
		{Cell: domain.Cell{IndicatorID: ind.ID, On: april, Options: [3]int64{age.Options[0].ID}}, Value: &v}}); err != nil {
		t.Fatal(err)
	}
	events := len(auditTrail(b, "indicator"))
	path := "/admin/indicators/" + itoa(ind.ID)
	if hint := doc(t, c.get(path+"/edit")).Find("#breakdowns-hint").Text(); !strings.Contains(hint, "cannot change while the indicator has figures: it has 1 figure") {
		t.Errorf("the breakdowns' hint %q does not warn", hint)
	}
	d := wantFormError(t, c.post(path, withValues(cpForm(b, age.ID), map[string]string{"name": "Renamed", "dimension2": itoa(gender)})),
		"dimension1", "The breakdowns cannot change: CP1 already has 1 figure stored against them")
	wantValues(t, d, map[string]string{"#name": "Renamed"})
	wantFormError(t, c.post(path, withValues(cpForm(b, 0), nil)), "dimension1", "The breakdowns cannot change")
	wantFormError(t, c.post(path, withValues(cpForm(b, age.ID), map[string]string{"frequency": "quarterly"})),
		"frequency", "The frequency cannot change: CP1 already has 1 figure counted monthly")
	wantFormError(t, c.post(path, withValues(cpForm(b, age.ID), map[string]string{"unit": "percentage", "ytd_rule": "ratio"})),
		"ytd_rule", "This cannot become a ratio: CP1 already has 1 figure of its own")
	after, err := b.st.IndicatorByID(ctx, ind.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Name != ind.Name || after.Frequency != domain.FrequencyMonthly || len(after.Dimensions) != 1 || after.Dimensions[0].ID != age.ID || after.Version != ind.Version {
		t.Fatalf("the refused changes changed the indicator: %+v", after)
	}
	if n := len(auditTrail(b, "indicator")); n != events {
		t.Fatalf("refused changes wrote %d audit events", n-events)
	}
	// Other fields may change, and the event says from what to what.
	if flash := c.followFlash(c.post(path, withValues(cpForm(b, age.ID), map[string]string{"name": "Children on a plan"}))); flash != "CP1 has been saved" {
		t.Fatalf("flash %q", flash)
	}
	e := wantAudit(t, b, "indicator", "indicator.update", ind.ID, b.users[domain.RoleManager])
	changes, _ := e.Details["changes"].(map[string]any)
	if len(changes) != 1 || changes["name"] == nil {
		t.Fatalf("audit changes %v, want only the name", e.Details)
	}
}

func TestATargetMustSuitWhichWayIsBetter(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.as(domain.RoleManager)
	ind := addIndicator(t, b, c, withValues(cpForm(b, 0), map[string]string{"code": "NI65", "unit": "percentage", "polarity": "lower", "ytd_rule": "mean"}))
	path := "/admin/indicators/" + itoa(ind.ID)
	target := func(op, value, amber string) url.Values {
		return url.Values{"op-2009-10": {op}, "target-2009-10": {value}, "amber-2009-10": {amber}, "source-2009-10": {"LAA"}}
	}
	d := wantFormError(t, c.post(path+"/targets/2009-10", target(">=", "14", "")), "op-2009-10",
		"Lower is better for NI65, so the target must be “Less than” or “At most”")
	wantValues(t, d, map[string]string{"#target-2009-10": "14", "#source-2009-10": "LAA"})
	wantFormError(t, c.post(path+"/targets/2009-10", target("", "14", "")), "op-2009-10", "Select whether figures should be less than")
	wantFormError(t, c.post(path+"/targets/2009-10", target("<", "", "")), "target-2009-10", "Enter the target value, like 14")
	wantFormError(t, c.post(path+"/targets/2009-10", target("<", "140", "")), "target-2009-10", "Enter a percentage from 0 to 100")
	wantFormError(t, c.post(path+"/targets/2009-10", target("<", "14", "-1")), "amber-2009-10", "The amber margin must be a number, 0 or more")
	if n := len(auditTrail(b, "indicator")); n != 1 {
		t.Fatalf("refused targets wrote events: %d indicator events", n)
	}

	if flash := c.followFlash(c.post(path+"/targets/2009-10", target("<", "14%", "2"))); flash != "The target for 2009/10 has been saved: <14%" {
		t.Fatalf("flash %q", flash)
	}
	if got := doc(t, c.get(path)).Find(`[data-testid="period-2009-10"] [data-testid="target"]`).Text(); got != "Target: <14%, amber within 2% (LAA)" {
		t.Fatalf("target shown as %q", got)
	}
	wantAudit(t, b, "indicator", "target.set", ind.ID, b.users[domain.RoleManager])
	if flash := c.followFlash(c.post(path+"/targets/2009-10/remove", nil)); flash != "The target for 2009/10 has been removed" {
		t.Fatalf("flash %q", flash)
	}
	if got := doc(t, c.get(path)).Find(`[data-testid="period-2009-10"] [data-testid="target"]`).Text(); got != "No target set" {
		t.Fatalf("after removing: %q", got)
	}
	wantAudit(t, b, "indicator", "target.remove", ind.ID, b.users[domain.RoleManager])

	// Higher is better allows only more than or at least.
	higher := addIndicator(t, b, c, withValues(cpForm(b, 0), map[string]string{"code": "NI59", "unit": "percentage", "polarity": "higher", "ytd_rule": "mean"}))
	wantFormError(t, c.post("/admin/indicators/"+itoa(higher.ID)+"/targets/2009-10", target("<=", "74", "")), "op-2009-10",
		"Higher is better for NI59, so the target must be “More than” or “At least”")
	c.followFlash(c.post("/admin/indicators/"+itoa(higher.ID)+"/targets/2009-10", target(">", "74", "")))
}

func TestComparatorsAndCommentary(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.as(domain.RoleManager)
	ind := addIndicator(t, b, c, withValues(cpForm(b, 0), map[string]string{"code": "NI65", "unit": "percentage", "polarity": "lower", "ytd_rule": "mean"}))
	path := "/admin/indicators/" + itoa(ind.ID)

	if flash := c.followFlash(c.post("/admin/comparators", url.Values{"name": {"England"}})); flash != "England has been added" {
		t.Fatalf("flash %q", flash)
	}
	wantFormError(t, c.post("/admin/comparators", url.Values{"name": {"england"}}), "name", "A comparator with this name already exists")
	wantFormError(t, c.post("/admin/comparators", url.Values{"name": {""}}), "name", "Enter the comparator’s name, like England")
	series, err := b.st.ComparatorSeries(context.Background())
	if err != nil || len(series) != 1 {
		t.Fatalf("series %v, %v", series, err)
	}
	england := itoa(series[0].ID)

	wantFormError(t, c.post(path+"/comparators", url.Values{"series": {england}, "year": {"2009/11"}, "comparator_value": {"13"}}), "year", "Enter the year like 2009/10")
	wantFormError(t, c.post(path+"/comparators", url.Values{"series": {""}, "year": {"2009/10"}, "comparator_value": {"13"}}), "series", "Select the comparator")
	d := wantFormError(t, c.post(path+"/comparators", url.Values{"series": {england}, "year": {"2008/09"}, "comparator_value": {"130"}}), "comparator_value", "Enter a percentage from 0 to 100")
	wantValues(t, d, map[string]string{"#year": "2008/09", "#comparator_value": "130"})

	if flash := c.followFlash(c.post(path+"/comparators", url.Values{"series": {england}, "year": {"2008/09"}, "comparator_value": {"13.4"}})); flash != "The England figure for 2008/09 has been saved: 13.4%" {
		t.Fatalf("flash %q", flash)
	}
	wantAudit(t, b, "indicator", "comparator.set", ind.ID, b.users[domain.RoleManager])
	table := doc(t, c.get(path)).Find(`[data-testid="comparator-table"]`)
	row := func(year string) string {
		var cells []string
		table.Find(`[data-testid="year-` + year + `"]`).Children().Each(func(_ int, s *goquery.Selection) {
			cells = append(cells, strings.TrimSpace(s.Text()))
		})
		return strings.Join(cells, " | ")
	}
	if got := row("2008"); got != "2008/09 | 13.4%" {
		t.Fatalf("2008/09 row %q", got)
	}
	if got := row("2009"); got != "2009/10 | Not known" {
		t.Fatalf("2009/10 row %q", got)
	}
	if flash := c.followFlash(c.post(path+"/comparators", url.Values{"series": {england}, "year": {"2008"}, "comparator_value": {""}})); flash != "The England figure for 2008/09 has been removed" {
		t.Fatalf("flash %q", flash)
	}
	if vals, _ := b.st.ComparatorValues(context.Background(), ind.ID); len(vals) != 0 {
		t.Fatalf("values after clearing: %v", vals)
	}

	if flash := c.followFlash(c.post(path+"/commentary/2009-10", url.Values{"commentary-2009-10": {"Fewer plans lasted two years."}})); flash != "The commentary for 2009/10 has been saved" {
		t.Fatalf("flash %q", flash)
	}
	if got := doc(t, c.get(path)).Find("#commentary-2009-10").Text(); got != "Fewer plans lasted two years." {
		t.Fatalf("commentary shown %q", got)
	}
	wantAudit(t, b, "indicator", "commentary.set", ind.ID, b.users[domain.RoleManager])
	long := strings.Repeat("a", 10001)
	d = wantFormError(t, c.post(path+"/commentary/2009-10", url.Values{"commentary-2009-10": {long}}), "commentary-2009-10", "The commentary must be 10,000 characters or fewer")
	if d.Find("#commentary-2009-10").Text() != long {
		t.Error("the refused commentary is not shown again")
	}
	c.followFlash(c.post(path+"/commentary/2009-10", url.Values{"commentary-2009-10": {"  "}}))
	if body, _ := b.st.Commentary(context.Background(), ind.ID, 1); body != "" {
		t.Fatalf("commentary after blanking: %q", body)
	}
	if res := c.post(path+"/commentary/2031-32", url.Values{}); res.StatusCode != http.StatusNotFound {
		t.Fatalf("commentary for a period that does not exist: %d", res.StatusCode)
	}
}

func TestTheBreakdownFormsSayWhatIsWrong(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.as(domain.RoleManager)
	wantFormError(t, c.post("/admin/dimensions", url.Values{"name": {"Gender"}, "options": {"F\nM\nf"}}), "options", "“f” is listed twice: each option must be different")
	wantFormError(t, c.post("/admin/dimensions", url.Values{"name": {"Gender"}, "options": {"\n \n"}}), "options", "Enter the options, one per line")
	wantFormError(t, c.post("/admin/dimensions", url.Values{"name": {""}, "options": {"F"}}), "name", "Enter the breakdown’s name, like Age band")
	many := ""
	for i := range 101 {
		many += "Option " + itoa(int64(i)) + "\n"
	}
	wantFormError(t, c.post("/admin/dimensions", url.Values{"name": {"Many"}, "options": {many}}), "options", "A breakdown can have up to 100 options: this would make 101")
	d := wantFormError(t, c.post("/admin/dimensions", url.Values{"name": {"Gender"}, "options": {strings.Repeat("a", 101)}}), "options", "Each option must be 100 characters or fewer")
	wantValues(t, d, map[string]string{"#name": "Gender"})

	age := ageBand(t, b, c)
	wantFormError(t, c.post("/admin/dimensions", url.Values{"name": {"AGE BAND"}, "options": {"1"}}), "name", "A breakdown with this name already exists")
	path := "/admin/dimensions/" + itoa(age.ID)
	wantFormError(t, c.post(path+"/options", url.Values{"new_options": {"17+\n16+"}}), "new_options", "“16+” is already an option: each option must be different")
	if flash := c.followFlash(c.post(path+"/options", url.Values{"new_options": {"Unborn\nNot known"}})); flash != "2 options added to Age band" {
		t.Fatalf("flash %q", flash)
	}
	if flash := c.followFlash(c.post(path, url.Values{"name": {"Age group"}})); flash != "The breakdown has been renamed Age group" {
		t.Fatalf("flash %q", flash)
	}
	wantAudit(t, b, "dimension", "dimension.rename", age.ID, b.users[domain.RoleManager])

	// Option names: one form for all, each checked against the others.
	o := age.Options
	labels := url.Values{}
	for _, opt := range o {
		labels.Set("label-"+itoa(opt.ID), opt.Label)
	}
	dup := withValues(labels, map[string]string{"label-" + itoa(o[1].ID): "0-5"})
	d = wantFormError(t, c.post(path+"/labels", dup), "label-"+itoa(o[1].ID), "“0-5” is the name of another option: each option must be different")
	wantValues(t, d, map[string]string{"#label-" + itoa(o[1].ID): "0-5"})
	wantFormError(t, c.post(path+"/labels", withValues(labels, map[string]string{"label-" + itoa(o[0].ID): ""})), "label-"+itoa(o[0].ID), "Enter a name for option 1")
	if flash := c.followFlash(c.post(path+"/labels", withValues(labels, map[string]string{"label-" + itoa(o[0].ID): "6-10", "label-" + itoa(o[1].ID): "0-5"}))); flash != "The option names have been saved" {
		t.Fatalf("flash %q", flash)
	}
	// Move "0-5" (now the second) back up, then remove "Not known".
	res := c.post(path+"/options/"+itoa(o[1].ID)+"/move", url.Values{"direction": {"up"}})
	if loc := res.Header.Get("Location"); loc != path+"#option-"+itoa(o[1].ID) {
		t.Fatalf("after moving, location %q", loc)
	}
	dim, _ := b.st.DimensionByID(context.Background(), age.ID)
	last := dim.Options[len(dim.Options)-1]
	if flash := c.followFlash(c.post(path+"/options/"+itoa(last.ID)+"/remove", nil)); flash != "“Not known” has been removed" {
		t.Fatalf("flash %q", flash)
	}
	dim, _ = b.st.DimensionByID(context.Background(), age.ID)
	var got []string
	for _, opt := range dim.Options {
		got = append(got, opt.Label)
	}
	if strings.Join(got, ",") != "0-5,6-10,11-15,16+,Unborn" {
		t.Fatalf("options %v", got)
	}

	// An option with figures stays, and the page says why.
	ind := addIndicator(t, b, c, cpForm(b, age.ID))
	v := 4.0
	if _, err := b.st.SaveValues(context.Background(), domain.CommandLine, store.ValueScope{}, []domain.CellValue{
		{Cell: domain.Cell{IndicatorID: ind.ID, On: time.Date(2009, 4, 1, 0, 0, 0, 0, time.UTC), Options: [3]int64{o[2].ID}}, Value: &v}}); err != nil {
		t.Fatal(err)
	}
	page := doc(t, c.get(path))
	if page.Find(`[data-testid="option-11-15"] [data-testid="remove"]`).Length() != 0 || page.Find(`[data-testid="option-16+"] [data-testid="remove"]`).Length() != 1 {
		t.Error("the page offers to remove an option with figures, or not one without")
	}
	wantFormError(t, c.post(path+"/options/"+itoa(o[2].ID)+"/remove", nil), "label-"+itoa(o[2].ID),
		"“11-15” cannot be removed: figures are stored against it")
	if dim, _ := b.st.DimensionByID(context.Background(), age.ID); len(dim.Options) != 5 {
		t.Fatalf("%d options after the refused removal", len(dim.Options))
	}
}

func TestOnlyTheManagerMaySeeOrChangeIndicatorSettings(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	m := b.as(domain.RoleManager)
	age := ageBand(t, b, m)
	ind := addIndicator(t, b, m, cpForm(b, age.ID))
	id, dim, opt := itoa(ind.ID), itoa(age.ID), itoa(age.Options[1].ID)
	routes := []string{
		"GET /admin/indicators", "GET /admin/indicators/new", "POST /admin/indicators",
		"GET /admin/indicators/" + id, "GET /admin/indicators/" + id + "/edit", "POST /admin/indicators/" + id,
		"POST /admin/indicators/" + id + "/targets/2009-10", "POST /admin/indicators/" + id + "/targets/2009-10/remove",
		"POST /admin/indicators/" + id + "/commentary/2009-10", "POST /admin/indicators/" + id + "/comparators",
		"GET /admin/dimensions", "GET /admin/dimensions/new", "POST /admin/dimensions", "GET /admin/dimensions/" + dim,
		"POST /admin/dimensions/" + dim, "POST /admin/dimensions/" + dim + "/labels", "POST /admin/dimensions/" + dim + "/options",
		"POST /admin/dimensions/" + dim + "/options/" + opt + "/move", "POST /admin/dimensions/" + dim + "/options/" + opt + "/remove",
		"GET /admin/comparators", "POST /admin/comparators",
	}
	others := []domain.Role{domain.RoleChair, domain.RoleMember, domain.RoleLead}
	clients := map[domain.Role]*client{}
	for _, role := range others {
		clients[role] = b.as(role)
	}
	events := len(auditTrail(b, ""))
	form := url.Values{"direction": {"up"}, "name": {"Hijacked"}, "new_options": {"x"}, "code": {"X"}}
	for _, role := range others {
		c := clients[role]
		for _, route := range routes {
			t.Run(string(role)+" "+route, func(t *testing.T) {
				c := c.within(t)
				method, path, _ := strings.Cut(route, " ")
				var res *http.Response
				if method == http.MethodGet {
					res = c.get(path)
				} else {
					res = c.post(path, form)
				}
				if res.StatusCode != http.StatusForbidden {
					t.Fatalf("status %d, want 403", res.StatusCode)
				}
			})
		}
	}
	if n := len(auditTrail(b, "")); n != events {
		t.Fatalf("refused requests wrote %d audit events", n-events)
	}
	for _, route := range routes {
		method, path, _ := strings.Cut(route, " ")
		if method == http.MethodGet {
			if res := m.get(path); res.StatusCode != http.StatusOK {
				t.Errorf("the manager gets %d from %s", res.StatusCode, path)
			}
		}
	}
}
