package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

func (f *reportFixture) period2009(t *testing.T) domain.Period {
	t.Helper()
	p, err := f.st.PeriodByID(context.Background(), f.period)
	if err != nil {
		t.Fatal(err)
	}
	return *p
}

func monthly(t *testing.T, st *store.Store, code string, agencyID int64, from, to time.Time) int64 {
	t.Helper()
	ctx := context.Background()
	id, err := st.CreateIndicator(ctx, domain.CommandLine, store.IndicatorFields{Code: code, Name: code + " referrals", Theme: "Referrals",
		Unit: domain.UnitCount, Polarity: domain.PolarityNeither, Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDSum, AgencyID: agencyID})
	if err != nil {
		t.Fatal(err)
	}
	var cells []domain.CellValue
	for m := from; !m.After(to); m = m.AddDate(0, 1, 0) {
		v := float64(m.Month())
		cells = append(cells, domain.CellValue{Cell: domain.Cell{IndicatorID: id, On: m}, Value: &v})
	}
	if _, err := st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, cells); err != nil {
		t.Fatal(err)
	}
	return id
}

// The readiness check names the returns not accepted, the months an
// indicator has no figure for and the empty sections, and is clean once
// they are put right (or the figures marked not available) and the checklist
// is covered.
func TestReadinessFlagsWhatIsMissingAndIsCleanOnceFixed(t *testing.T) {
	t.Parallel()
	f := newReportFixture(t)
	ctx := context.Background()
	st := f.st
	p := f.period2009(t)
	// April 2009 to February 2010: March is missing.
	ni := monthly(t, st, "L1", f.accepted, firstOf(2009, time.April), firstOf(2010, time.February))
	// A snapshot with one figure on a date of the period counts as complete.
	snap, err := st.CreateIndicator(ctx, domain.CommandLine, store.IndicatorFields{Code: "S1", Name: "Children on plans", Theme: "Referrals",
		Unit: domain.UnitCount, Polarity: domain.PolarityNeither, Frequency: domain.FrequencySnapshot, YTDRule: domain.YTDLatest, AgencyID: f.accepted})
	if err != nil {
		t.Fatal(err)
	}
	// A quarterly indicator with no figure at all.
	q, err := st.CreateIndicator(ctx, domain.CommandLine, store.IndicatorFields{Code: "Q1", Name: "Audits", Theme: "Referrals",
		Unit: domain.UnitCount, Polarity: domain.PolarityNeither, Frequency: domain.FrequencyQuarterly, YTDRule: domain.YTDSum, AgencyID: f.accepted})
	if err != nil {
		t.Fatal(err)
	}

	rd, err := st.Readiness(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	var returns []string
	for _, g := range rd.Returns {
		returns = append(returns, g.AgencySlug+" "+string(g.Status))
	}
	if strings.Join(returns, ",") != "drafted draft,submitted submitted" {
		t.Errorf("returns not accepted = %v", returns)
	}
	gaps := map[string]domain.IndicatorGap{}
	for _, g := range rd.Indicators {
		gaps[g.Code] = g
	}
	if g := gaps["L1"]; len(g.Missing) != 1 || !g.Missing[0].Equal(firstOf(2010, time.March)) {
		t.Errorf("L1 missing %v, want March 2010 only", g.Missing)
	}
	if g, ok := gaps["S1"]; !ok || len(g.Missing) != 1 {
		t.Errorf("snapshot without figures: %+v", g)
	}
	if g := gaps["Q1"]; len(g.Missing) != 4 {
		t.Errorf("quarterly without figures: missing %v", g.Missing)
	}
	var empty []string
	for _, s := range rd.EmptySections {
		empty = append(empty, string(s.Kind))
	}
	if strings.Join(empty, ",") != "overview,plan,aims,membership" {
		t.Errorf("empty sections = %v", empty)
	}
	if rd.Uncovered() != len(domain.Checklist) || rd.Clean() {
		t.Errorf("uncovered %d, clean %v", rd.Uncovered(), rd.Clean())
	}

	// Put it right: the returns accepted, March's figure in, a snapshot
	// figure, Q1 marked not available, the board's texts written or hidden,
	// every checklist item linked.
	f.move(f.period, f.drafted, f.lead, domain.ActionSubmit)
	f.move(f.period, f.drafted, f.manager, domain.ActionAccept)
	f.move(f.period, f.submitted, f.manager, domain.ActionAccept)
	v := 7.0
	on := time.Date(2009, time.December, 31, 0, 0, 0, 0, time.UTC)
	if _, err := st.SaveValues(ctx, domain.CommandLine, store.ValueScope{}, []domain.CellValue{
		{Cell: domain.Cell{IndicatorID: ni, On: firstOf(2010, time.March)}, Value: &v},
		{Cell: domain.Cell{IndicatorID: snap, On: on}, Value: &v},
	}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetFiguresComplete(ctx, f.manager, q, p.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveReportText(ctx, f.manager, p.ID, domain.TextOverview, 0, "The chair’s words."); err != nil {
		t.Fatal(err)
	}
	if _, err := store.PlanObjectiveList.Add(ctx, st, f.manager, store.Under(p.ID), domain.PlanObjective{Title: "Best practice"}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.AimList.Add(ctx, st, f.manager, store.Under(p.ID), domain.StrategicAim{Title: "Effectiveness"}); err != nil {
		t.Fatal(err)
	}
	outline, err := st.Outline(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range outline {
		if s.Kind == domain.SectionMembership {
			if err := store.SectionList.Update(ctx, st, f.manager, store.Under(p.ID), s.ID, s.Version, domain.ReportSection{Title: s.Title, Hidden: true, Appendix: true}); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, item := range domain.Checklist {
		if err := st.LinkChecklistItem(ctx, f.manager, p.ID, item.Key, outline[0].ID); err != nil {
			t.Fatal(err)
		}
	}
	rd, err = st.Readiness(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if !rd.Clean() {
		t.Fatalf("not clean: returns %v, open indicators %v, empty %v, uncovered %d", rd.Returns, rd.OpenIndicators(), rd.EmptySections, rd.Uncovered())
	}
	if len(rd.Indicators) != 1 || !rd.Indicators[0].Complete {
		t.Errorf("the indicator marked not available is still listed, as complete: %+v", rd.Indicators)
	}
	// A checklist link to a section of another period is refused; hiding
	// the linked section uncovers the item.
	other, err := st.PeriodByID(ctx, f.nextPeriod)
	if err != nil {
		t.Fatal(err)
	}
	otherOutline, _ := st.Outline(ctx, *other)
	if err := st.LinkChecklistItem(ctx, f.manager, p.ID, "voice", otherOutline[0].ID); err == nil {
		t.Error("linked a section of another period")
	}
	ov := outline[0]
	if err := store.SectionList.Update(ctx, st, f.manager, store.Under(p.ID), ov.ID, ov.Version, domain.ReportSection{Title: ov.Title, Hidden: true}); err != nil {
		t.Fatal(err)
	}
	if rd, _ = st.Readiness(ctx, p); rd.Uncovered() != len(domain.Checklist) {
		t.Errorf("after hiding the linked section: %d uncovered", rd.Uncovered())
	}
}

func firstOf(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }
