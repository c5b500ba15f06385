package domain

import (
	"testing"
	"time"
)

func TestNumberSectionsSkipsHiddenAndLettersAppendices(t *testing.T) {
	got := NumberSections([]ReportSection{
		{Entry: Entry{ID: 1}, Title: "a"}, {Entry: Entry{ID: 2}, Hidden: true}, {Entry: Entry{ID: 3}, Appendix: true}, {Entry: Entry{ID: 4}}, {Entry: Entry{ID: 5}, Appendix: true},
	})
	want := []struct {
		id            int64
		label, anchor string
	}{
		{1, "Section 1", "section-1"}, {3, "Appendix A", "appendix-a"}, {4, "Section 2", "section-2"}, {5, "Appendix B", "appendix-b"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d sections", len(got))
	}
	for i, w := range want {
		if got[i].ID != w.id || got[i].Label != w.label || got[i].Anchor != w.anchor {
			t.Errorf("%d: %+v, want %+v", i, got[i], w)
		}
	}
	if appendixLetter(26) != "AA" {
		t.Errorf("27th appendix = %s", appendixLetter(26))
	}
}

func TestAttendanceRates(t *testing.T) {
	members := []BoardMember{{Entry: Entry{ID: 1}}, {Entry: Entry{ID: 2}}}
	day := time.Date(2009, 4, 1, 0, 0, 0, 0, time.UTC)
	meetings := []Meeting{{HeldOn: day, Attendees: []int64{1, 2}}, {HeldOn: day, Attendees: []int64{1}}, {HeldOn: day, Attendees: []int64{1}}}
	rows := Attendance(members, meetings)
	if rows[0].Rate != 100 || rows[1].Rate != 33 || rows[1].Count != 1 || !rows[1].Attended[0] || rows[1].Attended[1] {
		t.Errorf("rows = %+v", rows)
	}
	if r := Attendance(members, nil); r[0].Rate != 0 {
		t.Errorf("no meetings: %+v", r)
	}
	if DefaultCoverTitle(PeriodForYear(2009)) != "Annual review 2009/10 and business plan 2010/11" {
		t.Error(DefaultCoverTitle(PeriodForYear(2009)))
	}
}
