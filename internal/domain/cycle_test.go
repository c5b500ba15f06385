package domain_test

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"safeboard/internal/domain"
)

func TestASectionsTitleMovesOnAYearWhenTheYearIsCarried(t *testing.T) {
	from := domain.PeriodForYear(2009)
	cases := map[string]string{
		"Review of safeguarding 2009/10: the board’s business plan": "Review of safeguarding 2010/11: the board’s business plan",
		"Single agency safeguarding objectives 2010/11":             "Single agency safeguarding objectives 2011/12",
		"From 2009/10 to 2010/11":                                   "From 2010/11 to 2011/12",
		"Board membership and attendance":                           "Board membership and attendance",
		"Looking back to 2008/09":                                   "Looking back to 2008/09",
	}
	for title, want := range cases {
		if got := domain.CarryTitle(title, from); got != want {
			t.Errorf("CarryTitle(%q) = %q, want %q", title, got, want)
		}
	}
}

func TestAPeriodOpensOnlyWithADeadline(t *testing.T) {
	p := domain.PeriodForYear(2010)
	if err := p.CanOpen(); !errors.Is(err, domain.ErrNoDeadline) {
		t.Errorf("a period without a deadline may open: %v", err)
	}
	d := time.Date(2011, time.April, 15, 0, 0, 0, 0, time.UTC)
	p.Deadline = &d
	if err := p.CanOpen(); err != nil {
		t.Errorf("a period with a deadline may not open: %v", err)
	}
}

func TestAnObjectiveStatusReadsInWords(t *testing.T) {
	want := map[domain.ObjectiveStatus]string{
		domain.ObjectiveAchieved: "Achieved", domain.ObjectivePartlyAchieved: "Partly achieved",
		domain.ObjectiveNotAchieved: "Not achieved", domain.ObjectiveNoLongerRelevant: "No longer relevant",
		domain.ObjectiveUnanswered: "No status yet",
	}
	for s, w := range want {
		if got := s.Title(); got != w {
			t.Errorf("%q reads %q, want %q", s, got, w)
		}
		if s.Answered() != (s != domain.ObjectiveUnanswered) {
			t.Errorf("%q answered: %v", s, s.Answered())
		}
	}
	if len(domain.ObjectiveStatuses) != 4 {
		t.Errorf("%d statuses answer, want 4", len(domain.ObjectiveStatuses))
	}
}

func TestATargetToConfirmSaysSo(t *testing.T) {
	target := domain.Target{Op: "<", Value: 14}
	if got := target.String(domain.UnitPercentage); got != "<14%" {
		t.Errorf("a confirmed target reads %q", got)
	}
	target.ToConfirm = true
	if got := target.String(domain.UnitPercentage); got != "<14% (to be confirmed)" {
		t.Errorf("a target to confirm reads %q", got)
	}
}

func TestChangesBetweenSubmissionsAreListedEntryByEntry(t *testing.T) {
	at := time.Date(2010, time.April, 1, 9, 0, 0, 0, time.UTC)
	item := func(id int64, version int, title, howMuch string) domain.SubmittedEntry {
		return domain.SubmittedEntry{Task: "review", ID: id, Version: version, Name: title,
			Fields: []domain.Field{{Name: "title", Text: title}, {Name: "how_much", Text: howMuch}, {Name: "how_well"}}}
	}
	objective := func(id int64, version int, intend string) domain.SubmittedEntry {
		return domain.SubmittedEntry{Task: "objectives", ID: id, Version: version, Name: intend,
			Fields: []domain.Field{{Name: "intend", Text: intend}}}
	}
	before := domain.Submission{At: at, Entries: []domain.SubmittedEntry{
		item(1, 1, "Induction training", "80 people came"),
		item(2, 1, "Audit", "Two audits"),
		item(3, 2, "Saved unchanged", "Same text"),
		objective(7, 1, "Train staff"),
	}}
	after := domain.Submission{At: at.Add(48 * time.Hour), Entries: []domain.SubmittedEntry{
		item(1, 2, "Induction training for volunteers", "80 people came; 64 completed the standards"),
		item(3, 3, "Saved unchanged", "Same text"),
		item(4, 1, "Helpline", "212 calls"),
		objective(7, 1, "Train staff"),
	}}
	want := []domain.EntryChange{
		{Task: "review", Kind: domain.EntryChanged, Name: "Induction training for volunteers", Before: "Induction training", Fields: []domain.FieldChange{
			{Name: "title", Before: "Induction training", After: "Induction training for volunteers"},
			{Name: "how_much", Before: "80 people came", After: "80 people came; 64 completed the standards"},
		}},
		{Task: "review", Kind: domain.EntryAdded, Name: "Helpline", Fields: []domain.FieldChange{
			{Name: "title", After: "Helpline"}, {Name: "how_much", After: "212 calls"},
		}},
		{Task: "review", Kind: domain.EntryRemoved, Name: "Audit"},
	}
	if got := domain.ChangesBetween(before, after); !reflect.DeepEqual(got, want) {
		t.Errorf("changes:\n got %+v\nwant %+v", got, want)
	}
	if got := domain.ChangesBetween(after, after); len(got) != 0 {
		t.Errorf("a submission differs from itself: %+v", got)
	}
}
