package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

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
		{"three decimal places", "decimals", "Select how many decimal places are shown: the unit’s default, none, one or two", withValues(cpForm(b, 0), map[string]string{"code": "X", "decimals": "3"})},
		{"a snapshot summed", "ytd_rule", "A snapshot’s figure for the year is its latest", withValues(cpForm(b, 0), map[string]string{"code": "X", "frequency": "snapshot", "ytd_rule": "sum"})},
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
