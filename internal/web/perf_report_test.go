package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// seedPerformance gives the test board the seed's table 2 (children on CP
// plans at 17 March 2010 by category, age band and gender), a ratio
// indicator against a target and a monthly count with last year's figures,
// comparators and commentary.
func seedPerformance(t *testing.T, b *board) {
	t.Helper()
	ctx := context.Background()
	st := b.st
	period, err := st.PeriodBySlug(ctx, "2009-10")
	perfMust(t, err)
	opts := map[string]map[string]int64{}
	dimIDs := map[string]int64{}
	for _, d := range []struct {
		name    string
		options []string
	}{
		{"Category of abuse", []string{"Neglect", "Emotional Abuse", "Sexual Abuse", "Physical Abuse"}},
		{"Age band", []string{"0-5", "6-10", "11-15", "16+"}},
		{"Gender", []string{"F", "M", "U/K"}},
	} {
		id, err := st.CreateDimension(ctx, domain.CommandLine, d.name, d.options)
		perfMust(t, err)
		dimIDs[d.name] = id
	}
	dims, err := st.Dimensions(ctx)
	perfMust(t, err)
	for _, d := range dims {
		opts[d.Name] = map[string]int64{}
		for _, o := range d.Options {
			opts[d.Name][o.Label] = o.ID
		}
	}
	add := func(f store.IndicatorFields) int64 {
		f.AgencyID = b.agencyID
		id, err := st.CreateIndicator(ctx, domain.CommandLine, f)
		perfMust(t, err)
		return id
	}
	cp := add(store.IndicatorFields{Code: "CPP", Name: "Children on child protection plans", Theme: "Child protection",
		Unit: domain.UnitCount, Polarity: domain.PolarityNeither, Frequency: domain.FrequencySnapshot, YTDRule: domain.YTDLatest,
		SuppressSmall: true, Position: 1,
		DimensionIDs: []int64{dimIDs["Category of abuse"], dimIDs["Age band"], dimIDs["Gender"]}})
	became := add(store.IndicatorFields{Code: "BECAME", Name: "Children who became subject to a plan", Theme: "Child protection",
		Unit: domain.UnitCount, Polarity: domain.PolarityNeither, Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDSum, Position: 2})
	again := add(store.IndicatorFields{Code: "AGAIN", Name: "Of whom had a plan before", Theme: "Child protection",
		Unit: domain.UnitCount, Polarity: domain.PolarityNeither, Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDSum, Position: 3})
	ni65 := add(store.IndicatorFields{Code: "NI65", Name: "CP re-registrations", Theme: "Child protection",
		Unit: domain.UnitPercentage, Polarity: domain.PolarityLower, Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDRatio,
		NumeratorID: &again, DenominatorID: &became, Position: 4})
	cause := add(store.IndicatorFields{Code: "CAUSE", Name: "Primary cause for concern", Theme: "Child protection",
		Unit: domain.UnitCount, Polarity: domain.PolarityNeither, Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDSum, Position: 6,
		DimensionIDs: []int64{dimIDs["Category of abuse"]}})
	referrals := add(store.IndicatorFields{Code: "REF", Name: "Referrals to children's care", Theme: "Referrals",
		Unit: domain.UnitCount, Polarity: domain.PolarityNeither, Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDSum, Position: 5})

	var cells []domain.CellValue
	set := func(ind int64, on time.Time, v float64, options ...int64) {
		c := domain.CellValue{Cell: domain.Cell{IndicatorID: ind, On: on}, Value: &v}
		copy(c.Options[:], options)
		cells = append(cells, c)
	}
	// Seed table 2: per category, 0-5 F M U/K, 6-10 F M, 11-15 F M, 16+ F M (-1: blank).
	snap := time.Date(2010, 3, 17, 0, 0, 0, 0, time.UTC)
	cols := [][2]string{{"0-5", "F"}, {"0-5", "M"}, {"0-5", "U/K"}, {"6-10", "F"}, {"6-10", "M"}, {"11-15", "F"}, {"11-15", "M"}, {"16+", "F"}, {"16+", "M"}}
	for cat, row := range map[string][]float64{
		"Neglect":         {38, 29, 1, 8, 16, 7, 10, 1, 3},
		"Emotional Abuse": {14, 17, 0, 10, 9, 6, 8, 0, 0},
		"Sexual Abuse":    {8, 5, 0, 5, 3, 8, 3, 0, 0},
		"Physical Abuse":  {7, 6, 0, 3, 4, 1, 1, 1, -1},
	} {
		for k, v := range row {
			if v >= 0 {
				set(cp, snap, v, opts["Category of abuse"][cat], opts["Age band"][cols[k][0]], opts["Gender"][cols[k][1]])
			}
		}
	}
	// NI65: 2 of 10 in April (20%), 1 of 40 in May (2.5%): 3 of 50 is 6%, not the mean 11.25%.
	april, may := time.Date(2009, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2009, 5, 1, 0, 0, 0, 0, time.UTC)
	set(became, april, 10)
	set(again, april, 2)
	set(became, may, 40)
	set(again, may, 1)
	// CAUSE (seed table 3): by category by month.
	set(cause, april, 30, opts["Category of abuse"]["Neglect"])
	set(cause, april, 10, opts["Category of abuse"]["Emotional Abuse"])
	set(cause, may, 40, opts["Category of abuse"]["Neglect"])
	// Referrals: two months this year, one last year.
	set(referrals, april, 298)
	set(referrals, may, 211)
	set(referrals, time.Date(2008, 4, 1, 0, 0, 0, 0, time.UTC), 246)
	_, err = st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, cells)
	perfMust(t, err)
	perfMust(t, st.SetTarget(ctx, domain.CommandLine, domain.Target{IndicatorID: ni65, PeriodID: period.ID, Op: "<", Value: 5, Amber: perfPtr(2.0), Source: "LAA"}))
	england, err := st.CreateComparatorSeries(ctx, domain.CommandLine, "England")
	perfMust(t, err)
	perfMust(t, st.SetComparatorValue(ctx, domain.CommandLine, referrals, england, 2009, perfPtr(480.0)))
	perfMust(t, st.SetCommentary(ctx, domain.CommandLine, referrals, period.ID, "Referrals rose in April.\n\n- more schools referred"))
}

func perfPtr[T any](v T) *T { return &v }

func perfMust(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// cells are the texts of a table row's cells (headers included), trimmed.
func cells(s *goquery.Selection) []string {
	var out []string
	s.Find("th, td").Each(func(_ int, c *goquery.Selection) {
		out = append(out, strings.Join(strings.Fields(c.Text()), " "))
	})
	return out
}

func rowNamed(t *testing.T, table *goquery.Selection, name string) []string {
	t.Helper()
	var found []string
	table.Find("tbody tr").Each(func(_ int, r *goquery.Selection) {
		if strings.TrimSpace(r.Find("th").First().Text()) == name {
			found = cells(r)
		}
	})
	if found == nil {
		t.Fatalf("no row %q in table %q", name, table.Find("caption").Text())
	}
	return found
}

func TestPerformanceSectionShowsFiguresTotalsAndRatings(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	seedPerformance(t, b)
	res := b.as(domain.RoleChair).get("/periods/2009-10/report/performance")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	d := doc(t, res)
	if h := d.Find("h1").Text(); !strings.Contains(h, "Section 4") {
		t.Errorf("heading %q", h)
	}
	themes := d.Find(`[data-testid="perf-theme"] h2`)
	if themes.Length() != 2 || strings.TrimSpace(themes.First().Text()) != "4.1 Child protection" || strings.TrimSpace(themes.Eq(1).Text()) != "4.2 Referrals" {
		t.Errorf("themes: %q", themes.Text())
	}
	if h := strings.Join(strings.Fields(d.Find(`[data-testid="indicator-NI65"] h3`).Text()), " "); h != "4.1.2 CP re-registrations NI65" {
		t.Errorf("NI65 heading %q", h)
	}

	// Seed table 2 with its totals; U/K only under 0-5, where it has figures.
	cp := d.Find(`[data-testid="breakdown-CPP-2009"]`)
	if cp.Length() != 1 {
		t.Fatal("no CP breakdown table")
	}
	if caption := cp.Find("caption").Text(); !strings.Contains(caption, "at 17 March 2010") {
		t.Errorf("caption %q", caption)
	}
	head := cells(cp.Find("thead tr").Eq(1))
	want := []string{"F", "M", "U/K", "0-5 total", "F", "M", "6-10 total", "F", "M", "11-15 total", "F", "M", "16+ total"}
	if strings.Join(head, "|") != strings.Join(want, "|") {
		t.Errorf("second header row %v, want %v", head, want)
	}
	// Small counts (1 to 4) are shown as <5 in cells; totals as computed.
	if got, want := rowNamed(t, cp, "Neglect"), []string{"Neglect", "38", "29", "<5", "68", "8", "16", "24", "7", "10", "17", "<5", "<5", "4", "113"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Neglect row %v, want %v", got, want)
	}
	// The seed prints 33 and 59 for 6-10 M and 6-10, but its own cells add up to 32 and 58.
	if got, want := rowNamed(t, cp, "Grand total"), []string{"Grand total", "67", "57", "1", "125", "26", "32", "58", "22", "22", "44", "2", "3", "5", "232"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("grand total row %v, want %v", got, want)
	}
	if got := rowNamed(t, cp, "Physical Abuse"); got[12] != "–not known" || got[len(got)-1] != "23" {
		t.Errorf("Physical Abuse row %v: 16+ M not known, total 23", got)
	}
	for _, th := range []string{"thead th", "tbody th"} {
		cp.Find(th).Each(func(_ int, s *goquery.Selection) {
			if _, ok := s.Attr("scope"); !ok {
				t.Errorf("header %q has no scope", s.Text())
			}
		})
	}

	// NI65: the ratio of the sums, by month, against its target, rated in words.
	ni65 := d.Find(`[data-testid="figures-NI65"]`)
	row := rowNamed(t, ni65, "2009/10")
	if row[1] != "20%" || row[2] != "2.5%" || row[3] != "–not known" {
		t.Errorf("NI65 months %v", row[1:4])
	}
	if n := len(row); row[n-3] != "6%" || row[n-2] != "<5%" || row[n-1] != "▲ Near target" {
		t.Errorf("NI65 year to date, target, status: %v, want 6%%, <5%%, Near target", row[n-3:])
	}
	if tag := ni65.Find(`[data-rag="amber"]`); tag.Length() != 1 || !strings.Contains(tag.Text(), "▲") {
		t.Errorf("amber tag %q: want a shape beside the words", tag.Text())
	}
	if facts := d.Find(`[data-testid="indicator-NI65"] [data-testid="fact"]`).Text(); !strings.Contains(facts, "Target for 2009/10: <5% (LAA)") {
		t.Errorf("NI65 facts %q", facts)
	}
	if d.Find(`[data-testid="figures-NI65"] .app-table--numeric`).Length() == 0 {
		t.Error("figures are not right-aligned")
	}

	// CAUSE: categories by month with the total and share (seed table 3).
	byDate := d.Find(`[data-testid="by-date-CAUSE-2009"]`)
	if got := rowNamed(t, byDate, "Neglect"); strings.Join(got[:3], "|") != "Neglect|30|40" || strings.Join(got[len(got)-2:], "|") != "70|87.5%" {
		t.Errorf("CAUSE neglect row %v", got)
	}
	if got := rowNamed(t, byDate, "Total"); strings.Join(got[:3], "|") != "Total|40|40" || strings.Join(got[len(got)-2:], "|") != "80|100%" {
		t.Errorf("CAUSE total row %v", got)
	}

	// Referrals: years by months, the change, comparators and commentary.
	years := d.Find(`[data-testid="years-REF"]`)
	if got := rowNamed(t, years, "2008/09"); got[1] != "246" || got[len(got)-1] != "246" {
		t.Errorf("2008/09 row %v", got)
	}
	if got := rowNamed(t, years, "2009/10"); got[1] != "298" || got[2] != "211" || got[len(got)-1] != "509" {
		t.Errorf("2009/10 row %v", got)
	}
	if facts := d.Find(`[data-testid="indicator-REF"] [data-testid="fact"]`).Text(); !strings.Contains(facts, "Apr 2009: 298, against 246 in Apr 2008: up 52 (21.1%).") {
		// like for like: 2008/09 has April only, so April against April, not
		// the year to date (509) against it
		t.Errorf("REF change %q", facts)
	}
	comp := d.Find(`[data-testid="comparators-REF"]`)
	if got := cells(comp.Find("thead tr")); strings.Join(got, "|") != "Year|Our figure|England" {
		t.Errorf("comparator header %v", got)
	}
	if got := rowNamed(t, comp, "2009/10"); got[1] != "509" || got[2] != "480" {
		t.Errorf("comparator row %v", got)
	}
	commentary := d.Find(`[data-testid="indicator-REF"] [data-testid="commentary"]`)
	if !strings.Contains(commentary.Find("p").Text(), "Referrals rose in April.") || commentary.Find("li").Text() != "more schools referred" {
		t.Errorf("commentary %q", commentary.Text())
	}
}

func TestPerformanceSectionWithoutIndicatorsSaysSo(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	for _, role := range []domain.Role{domain.RoleManager, domain.RoleMember} {
		res := b.as(role).get("/periods/2009-10/report/performance")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", role, res.StatusCode)
		}
		if msg := doc(t, res).Find(`[data-testid="no-indicators"]`).Text(); !strings.Contains(msg, "no performance indicators") {
			t.Errorf("%s: empty state %q", role, msg)
		}
	}
	if res := b.as(domain.RoleLead).get("/periods/2009-10/report/performance"); res.StatusCode == http.StatusOK {
		t.Error("an agency lead read the draft performance section")
	}
}
