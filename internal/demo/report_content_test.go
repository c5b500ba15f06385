package demo

import (
	"context"
	"strings"
	"testing"

	"safeboard/internal/domain"
	"safeboard/internal/testdb"
)

// The demo board's own report sections carry the seed's figures, name members
// by role only, and loading again adds nothing.
func TestDemoReportContent(t *testing.T) {
	t.Parallel()
	st := testdb.New(t)
	ctx := context.Background()
	load(t, st)
	p, err := st.PeriodBySlug(ctx, "2009-10")
	if err != nil {
		t.Fatal(err)
	}
	first, err := st.BoardContent(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	load(t, st)
	again, err := st.BoardContent(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Objectives) != 3 || len(again.Objectives) != 3 || len(again.Aims) != 4 ||
		len(again.Members) != len(seedMembers) || len(again.Meetings) != len(seedMeetings) {
		t.Fatalf("after loading twice: %d key objectives, %d aims, %d members, %d meetings",
			len(again.Objectives), len(again.Aims), len(again.Members), len(again.Meetings))
	}
	if again.Cover.Title != "Annual review 2009/10 and business plan 2010/11" || again.Cover.Version != 1 {
		t.Errorf("cover = %+v", again.Cover)
	}
	var text strings.Builder
	text.WriteString(again.Text(domain.TextOverview))
	for _, o := range again.Objectives {
		for _, i := range o.Items {
			text.WriteString(i.WhatWeDid + "\n" + i.Difference + "\n")
		}
	}
	for _, figure := range []string{"**617**", "**375**", "**21**", "**16**", "**5**", "26,969", "11,974", "**37**", "**22**"} {
		if !strings.Contains(text.String(), figure) {
			t.Errorf("the board's sections lack the seed's figure %s", figure)
		}
	}
	for _, m := range again.Members {
		if m.Name != "" {
			t.Errorf("member %q has a name %q: demo members are named by role only", m.Role, m.Name)
		}
	}
	rows := domain.Attendance(again.Members, again.Meetings)
	total := 0
	for _, r := range rows {
		total += r.Count
		if r.Rate < 50 {
			t.Errorf("%s attended %d%%: the demo board's members attend most meetings", r.Member.Role, r.Rate)
		}
	}
	if total == len(rows)*len(again.Meetings) {
		t.Error("every member attended every meeting: the appendix shows no absences")
	}
}
