package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
)

func reportPeriod(t *testing.T, st *store.Store, year int) domain.Period {
	t.Helper()
	p := domain.PeriodForYear(year)
	id, err := st.CreatePeriod(context.Background(), domain.CommandLine, store.PeriodFields{Label: p.Label, StartsOn: p.StartsOn, EndsOn: p.EndsOn, IsOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := st.PeriodByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return *got
}

func kinds(list []domain.ReportSection) []domain.SectionKind {
	out := make([]domain.SectionKind, len(list))
	for i, s := range list {
		out[i] = s.Kind
	}
	return out
}

func TestOutlineDefaultsMovesHidesRenamesAndAdds(t *testing.T) {
	t.Parallel()
	st := testdb.New(t)
	ctx := context.Background()
	p := reportPeriod(t, st, 2009)
	list, err := st.Outline(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	want := []domain.SectionKind{domain.SectionOverview, domain.SectionPlan, domain.SectionPartnerReviews,
		domain.SectionPerformance, domain.SectionAims, domain.SectionWorkByAim, domain.SectionObjectives, domain.SectionChallenge, domain.SectionMembership}
	if got := kinds(list); !equalKinds(got, want) {
		t.Fatalf("default outline = %v, want %v", got, want)
	}
	if list[6].Title != "Single agency safeguarding objectives 2010/11" || !list[8].Appendix || !list[5].Hidden || !list[7].Hidden {
		t.Errorf("default titles: %q, appendix %v, work by aim hidden %v, challenge hidden %v", list[6].Title, list[8].Appendix, list[5].Hidden, list[7].Hidden)
	}
	// Reading again does not add another outline.
	if again, _ := st.Outline(ctx, p); len(again) != len(list) {
		t.Fatalf("outline grew to %d sections", len(again))
	}
	// Move performance (4th) up above partner reviews.
	if err := store.SectionList.Move(ctx, st, domain.CommandLine, store.Under(p.ID), list[3].ID, -1); err != nil {
		t.Fatal(err)
	}
	// Hide the plan and rename the overview.
	plan := list[1]
	if err := store.SectionList.Update(ctx, st, domain.CommandLine, store.Under(p.ID), plan.ID, plan.Version, domain.ReportSection{Title: plan.Title, Hidden: true, Body: "ignored"}); err != nil {
		t.Fatal(err)
	}
	ov := list[0]
	if err := store.SectionList.Update(ctx, st, domain.CommandLine, store.Under(p.ID), ov.ID, ov.Version, domain.ReportSection{Title: "The chair’s foreword"}); err != nil {
		t.Fatal(err)
	}
	// A stale save is refused.
	if err := store.SectionList.Update(ctx, st, domain.CommandLine, store.Under(p.ID), ov.ID, ov.Version, domain.ReportSection{Title: "Again"}); !errors.Is(err, domain.ErrStale) {
		t.Fatalf("stale update: %v", err)
	}
	free, err := st.AddFreeSection(ctx, domain.CommandLine, p, domain.ReportSection{Title: "Voice of the child", Body: "Children told us…"})
	if err != nil {
		t.Fatal(err)
	}
	list, _ = st.Outline(ctx, p)
	want = []domain.SectionKind{domain.SectionOverview, domain.SectionPlan, domain.SectionPerformance, domain.SectionPartnerReviews,
		domain.SectionAims, domain.SectionWorkByAim, domain.SectionObjectives, domain.SectionChallenge, domain.SectionMembership, domain.SectionFree}
	if got := kinds(list); !equalKinds(got, want) {
		t.Fatalf("outline after changes = %v, want %v", got, want)
	}
	if list[0].Title != "The chair’s foreword" || !list[1].Hidden || list[1].Body != "" || list[9].Body != "Children told us…" {
		t.Errorf("after changes: %q, hidden %v, body %q, free body %q", list[0].Title, list[1].Hidden, list[1].Body, list[9].Body)
	}
	numbered := domain.NumberSections(list)
	var labels []string
	for _, n := range numbered {
		labels = append(labels, n.Label)
	}
	if got := labels; len(got) != 7 || got[0] != "Section 1" || got[1] != "Section 2" || got[5] != "Appendix A" || got[6] != "Section 6" {
		t.Errorf("numbers = %v", got)
	}
	// Built-in sections can be hidden, not removed; free ones can be removed.
	if err := store.SectionList.Remove(ctx, st, domain.CommandLine, store.Under(p.ID), list[2].ID, list[2].Version); !errors.Is(err, domain.ErrConflict) {
		t.Errorf("removing a built-in section: %v", err)
	}
	if err := store.SectionList.Remove(ctx, st, domain.CommandLine, store.Under(p.ID), free, 1); err != nil {
		t.Fatal(err)
	}
	if list, _ = st.Outline(ctx, p); len(list) != 9 {
		t.Errorf("after removing the free section: %d sections", len(list))
	}
	// Another period's section is not found from this period.
	other := reportPeriod(t, st, 2010)
	otherList, _ := st.Outline(ctx, other)
	if _, err := store.SectionList.Get(ctx, st, p.ID, otherList[0].ID); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("another period's section: %v", err)
	}
}

func equalKinds(a, b []domain.SectionKind) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestBoardContentListsTextsAndMeetings(t *testing.T) {
	t.Parallel()
	st := testdb.New(t)
	ctx := context.Background()
	p := reportPeriod(t, st, 2009)
	a := domain.CommandLine
	// Texts and the cover start empty, then save with versions.
	if err := st.SaveReportText(ctx, a, p.ID, domain.TextOverview, 0, "First"); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveReportText(ctx, a, p.ID, domain.TextOverview, 0, "Clash"); !errors.Is(err, domain.ErrStale) {
		t.Fatalf("second first save: %v", err)
	}
	if err := st.SaveReportText(ctx, a, p.ID, domain.TextOverview, 1, "Second"); err != nil {
		t.Fatal(err)
	}
	date := time.Date(2010, 4, 27, 0, 0, 0, 0, time.UTC)
	if err := st.SaveReportCover(ctx, a, p.ID, 0, domain.ReportCover{Title: "T", Date: &date}); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveReportCover(ctx, a, p.ID, 0, domain.ReportCover{Title: "T2"}); !errors.Is(err, domain.ErrStale) {
		t.Fatalf("stale cover: %v", err)
	}
	// Key objectives with items, moved and removed.
	o1, _ := store.PlanObjectiveList.Add(ctx, st, a, store.Under(p.ID), domain.PlanObjective{Title: "One"})
	o2, _ := store.PlanObjectiveList.Add(ctx, st, a, store.Under(p.ID), domain.PlanObjective{Title: "Two"})
	i1, _ := store.PlanItemList.Add(ctx, st, a, store.Under(o1), domain.PlanItem{Title: "a", WhatWeDid: "did a"})
	i2, _ := store.PlanItemList.Add(ctx, st, a, store.Under(o1), domain.PlanItem{Title: "b", Difference: "diff b"})
	if _, err := store.PlanItemList.Add(ctx, st, a, store.Under(o2), domain.PlanItem{Title: "c", WhatWeDid: "x"}); err != nil {
		t.Fatal(err)
	}
	if err := store.PlanItemList.Move(ctx, st, a, store.Under(o1), i2, -1); err != nil {
		t.Fatal(err)
	}
	if err := store.PlanObjectiveList.Move(ctx, st, a, store.Under(p.ID), o2, -1); err != nil {
		t.Fatal(err)
	}
	if _, err := store.PlanItemList.Get(ctx, st, o2, i1); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("an item found under another objective: %v", err)
	}
	// Members and meetings; attendance keeps only the period's own members.
	m1, _ := store.MemberList.Add(ctx, st, a, store.Under(p.ID), domain.BoardMember{Role: "Chair", Organisation: "Board"})
	m2, _ := store.MemberList.Add(ctx, st, a, store.Under(p.ID), domain.BoardMember{Role: "Director", Organisation: "Council"})
	other := reportPeriod(t, st, 2010)
	stranger, _ := store.MemberList.Add(ctx, st, a, store.Under(other.ID), domain.BoardMember{Role: "Elsewhere", Organisation: "X"})
	day := time.Date(2009, 5, 19, 0, 0, 0, 0, time.UTC)
	mt, err := st.AddMeeting(ctx, a, p.ID, day, []int64{m1, m2, stranger})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddMeeting(ctx, a, p.ID, day, nil); err == nil {
		t.Error("two meetings on one day were accepted")
	} else {
		var dup *domain.DuplicateError
		if !errors.As(err, &dup) || dup.Field != "held_on" {
			t.Errorf("duplicate meeting: %v", err)
		}
	}
	if _, err := st.AddMeeting(ctx, a, p.ID, day.AddDate(0, 1, 0), []int64{m1}); err != nil {
		t.Fatal(err)
	}
	if err := st.UpdateMeeting(ctx, a, p.ID, mt, 1, day, []int64{m2}); err != nil {
		t.Fatal(err)
	}
	c, err := st.BoardContent(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Text(domain.TextOverview) != "Second" || c.Cover.Title != "T" || c.Cover.Date == nil || !c.Cover.Date.Equal(date) {
		t.Errorf("texts and cover: %q, %+v", c.Text(domain.TextOverview), c.Cover)
	}
	if len(c.Objectives) != 2 || c.Objectives[0].Title != "Two" || c.Objectives[1].Items[0].Title != "b" || c.Objectives[1].Items[1].Title != "a" {
		t.Errorf("objectives: %+v", c.Objectives)
	}
	if len(c.Meetings) != 2 || len(c.Meetings[0].Attendees) != 1 || c.Meetings[0].Attendees[0] != m2 {
		t.Errorf("meetings: %+v", c.Meetings)
	}
	rows := domain.Attendance(c.Members, c.Meetings)
	if rows[0].Rate != 50 || rows[1].Rate != 50 || rows[0].Attended[0] || !rows[0].Attended[1] {
		t.Errorf("attendance: %+v", rows)
	}
	// Removing an objective removes its items; positions close up.
	if err := store.PlanObjectiveList.Remove(ctx, st, a, store.Under(p.ID), o2, 1); err != nil {
		t.Fatal(err)
	}
	objs, _ := st.PlanObjectives(ctx, p.ID)
	if len(objs) != 1 || objs[0].Position != 1 || len(objs[0].Items) != 2 {
		t.Errorf("after removing: %+v", objs)
	}
}
