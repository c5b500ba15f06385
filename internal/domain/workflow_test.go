package domain_test

import (
	"slices"
	"testing"

	"safeboard/internal/domain"
)

// selfAssessment is a return-like workflow of another module, declared as a
// later one would declare it: one required task and one optional.
var selfAssessment = domain.ReturnKind{Tasks: []domain.Task{
	{Key: "standards", Noun: "standard", One: "standard", Many: "standards", Required: true},
	{Key: "evidence", Noun: "piece of evidence", One: "piece", Many: "pieces"},
}}

// agency is an agency return's tallies: last year's objectives (of which
// answered), then review items and objectives.
func agency(lastYear, answered, items, objectives int) []domain.Tally {
	return []domain.Tally{{Entries: lastYear, Answered: answered}, {Entries: items}, {Entries: objectives}}
}

// entries are tallies of tasks without answers.
func entries(ns ...int) []domain.Tally {
	out := make([]domain.Tally, len(ns))
	for i, n := range ns {
		out[i] = domain.Tally{Entries: n}
	}
	return out
}

func TestAReturnIsReadyOnceEveryRequiredTaskHoldsAnEntryAndEveryAnswerIsGiven(t *testing.T) {
	cases := []struct {
		name    string
		kind    domain.ReturnKind
		tallies []domain.Tally
		want    bool
	}{
		{"an empty agency return is not", domain.AgencyReturn, agency(0, 0, 0, 0), false},
		{"an agency return with items only is not", domain.AgencyReturn, agency(0, 0, 3, 0), false},
		{"an agency return with objectives only is not", domain.AgencyReturn, agency(0, 0, 0, 1), false},
		{"an agency return with both is", domain.AgencyReturn, agency(0, 0, 1, 1), true},
		{"one with both but last year's objectives unanswered is not", domain.AgencyReturn, agency(3, 0, 1, 1), false},
		{"one with both and two of three answered is not", domain.AgencyReturn, agency(3, 2, 1, 1), false},
		{"one with both and every answer given is", domain.AgencyReturn, agency(3, 3, 1, 1), true},
		{"every answer given is not enough without items", domain.AgencyReturn, agency(3, 3, 0, 1), false},
		{"tallies missing for a task count as none", domain.AgencyReturn, agency(0, 0, 1, 0)[:2], false},
		{"an optional task may stay empty", selfAssessment, entries(2, 0), true},
		{"a required task may not", selfAssessment, entries(0, 4), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.kind.Ready(c.tallies); got != c.want {
				t.Errorf("Ready(%v) = %v, want %v", c.tallies, got, c.want)
			}
		})
	}
}

func TestAKindSaysWhatItNeedsBeforeItIsSubmitted(t *testing.T) {
	if got, want := domain.AgencyReturn.Needs(), "at least one review item and one objective"; got != want {
		t.Errorf("agency return needs %q, want %q", got, want)
	}
	if got, want := selfAssessment.Needs(), "at least one standard"; got != want {
		t.Errorf("self-assessment needs %q, want %q", got, want)
	}
	three := domain.ReturnKind{Tasks: []domain.Task{{Noun: "a", Required: true}, {Noun: "b", Required: true}, {Noun: "c", Required: true}}}
	if got, want := three.Needs(), "at least one a, one b and one c"; got != want {
		t.Errorf("three tasks need %q, want %q", got, want)
	}
	for _, c := range []struct {
		tallies []domain.Tally
		want    string
	}{
		{agency(0, 0, 0, 0), "at least one review item and one objective"},
		{agency(2, 1, 1, 1), "a status for each objective from last year"},
		{agency(2, 0, 0, 1), "a status for each objective from last year and at least one review item and one objective"},
		{agency(2, 2, 1, 1), ""},
	} {
		if got := domain.AgencyReturn.Missing(c.tallies); got != c.want {
			t.Errorf("a return at %v misses %q, want %q", c.tallies, got, c.want)
		}
	}
}

func TestTheTaskListShowsEachTasksProgress(t *testing.T) {
	lastYear, review := domain.AgencyReturn.Tasks[0], domain.AgencyReturn.Tasks[1]
	cases := []struct {
		name       string
		status     domain.ReturnStatus
		tallies    []domain.Tally
		task       string
		check      string
		cannot     bool
		countsText string
	}{
		{"a return not started", domain.StatusNotStarted, agency(0, 0, 0, 0), "Not yet started", "Cannot start yet", true, "0 items"},
		{"a draft with one item", domain.StatusDraft, agency(0, 0, 1, 0), "In progress", "Cannot start yet", true, "1 item"},
		{"a draft ready to check", domain.StatusDraft, agency(0, 0, 2, 1), "In progress", "Not yet started", false, "2 items"},
		{"a return sent back", domain.StatusReturned, agency(0, 0, 2, 1), "In progress", "Not yet resubmitted", false, "2 items"},
		{"a draft with last year's objectives to answer can be checked", domain.StatusDraft, agency(3, 1, 2, 1), "In progress", "Not yet started", false, "2 items"},
		{"a draft with them answered and no items cannot", domain.StatusDraft, agency(3, 3, 0, 1), "Not yet started", "Cannot start yet", true, "0 items"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := review.Progress(c.tallies[1]); got.Text != c.task || !got.Tag {
				t.Errorf("task status %+v, want %q as a tag", got, c.task)
			}
			if got := review.Count(c.tallies[1]); got != c.countsText {
				t.Errorf("task hint %q, want %q", got, c.countsText)
			}
			got := domain.AgencyReturn.CheckProgress(c.status, c.tallies)
			if got.Text != c.check || got.CannotStart != c.cannot {
				t.Errorf("check status %+v, want %q (cannot start %v)", got, c.check, c.cannot)
			}
		})
	}
	for _, c := range []struct {
		tally       domain.Tally
		shown       bool
		text, count string
		tag         bool
	}{
		{domain.Tally{}, false, "Not yet started", "0 of 0 objectives answered", true},
		{domain.Tally{Entries: 3}, true, "Not yet started", "0 of 3 objectives answered", true},
		{domain.Tally{Entries: 3, Answered: 1}, true, "In progress", "1 of 3 objectives answered", true},
		{domain.Tally{Entries: 1, Answered: 1}, true, "In progress", "1 of 1 objective answered", true},
		{domain.Tally{Entries: 1, Answered: 1, Completed: true}, true, "Completed", "1 of 1 objective answered", false},
		{domain.Tally{Entries: 2, Answered: 1, Completed: true}, true, "In progress", "1 of 2 objectives answered", true},
	} {
		if got := lastYear.Shown(c.tally); got != c.shown {
			t.Errorf("last year's objectives at %+v shown %v, want %v", c.tally, got, c.shown)
		}
		if got := lastYear.Progress(c.tally); got.Text != c.text || got.Tag != c.tag {
			t.Errorf("last year's objectives at %+v: status %+v, want %q (tag %v)", c.tally, got, c.text, c.tag)
		}
		if got := lastYear.Count(c.tally); got != c.count {
			t.Errorf("last year's objectives at %+v: hint %q, want %q", c.tally, got, c.count)
		}
	}
}

func TestTheContentStampChangesWithAnyEntry(t *testing.T) {
	items := []domain.Entry{{ID: 1, Version: 1}, {ID: 2, Version: 1}}
	objectives := []domain.Entry{{ID: 7, Version: 3}}
	stamp := domain.ContentStamp(items, objectives)
	for name, changed := range map[string][][]domain.Entry{
		"an entry changed":           {{{ID: 1, Version: 2}, {ID: 2, Version: 1}}, objectives},
		"two entries swapped":        {{{ID: 2, Version: 1}, {ID: 1, Version: 1}}, objectives},
		"an entry removed":           {{{ID: 1, Version: 1}}, objectives},
		"an entry moved to the next": {{{ID: 1, Version: 1}}, {{ID: 2, Version: 1}, {ID: 7, Version: 3}}},
	} {
		if domain.ContentStamp(changed...) == stamp {
			t.Errorf("%s: the stamp is unchanged", name)
		}
	}
	if domain.ContentStamp(items, objectives) != stamp {
		t.Error("the same content stamps differently")
	}
}

// TestEverySectionShownMustBeMarkedCompleted is issue 15's "Have you
// completed this section?": a return is submitted only once every section
// its task list shows is marked completed and holds what it needs.
func TestEverySectionShownMustBeMarkedCompleted(t *testing.T) {
	done := func(ts ...domain.Tally) []domain.Tally {
		for i := range ts {
			ts[i].Completed = true
		}
		return ts
	}
	cases := []struct {
		name    string
		tallies []domain.Tally
		want    []int
	}{
		{"nothing marked", agency(0, 0, 2, 1), []int{1, 2}},
		{"last year's objectives shown and unmarked", agency(3, 3, 2, 1), []int{0, 1, 2}},
		{"every section marked", done(agency(0, 0, 2, 1)...), nil},
		{"every section marked, last year's too", done(agency(3, 3, 2, 1)...), nil},
		{"marked, but an objective of last year is unanswered", done(agency(3, 2, 2, 1)...), []int{0}},
		{"marked, but the review items are gone", done(agency(0, 0, 0, 1)...), []int{1}},
	}
	for _, c := range cases {
		if got := domain.AgencyReturn.Unmarked(c.tallies); !slices.Equal(got, c.want) {
			t.Errorf("%s: unmarked %v, want %v", c.name, got, c.want)
		}
	}
	review := domain.AgencyReturn.Task("review")
	if got := review.NotDone(domain.Tally{}); got != "at least one review item" {
		t.Errorf("an empty review needs %q", got)
	}
	if got := domain.AgencyReturn.Task("last-year").NotDone(domain.Tally{Entries: 2, Answered: 1}); got != "a status for each objective from last year" {
		t.Errorf("last year's objectives need %q", got)
	}
	if got := review.NotDone(domain.Tally{Entries: 1}); got != "" {
		t.Errorf("a review with an item needs %q", got)
	}
	for _, st := range []domain.ReturnStatus{domain.StatusSubmitted, domain.StatusAccepted} {
		if r := (domain.Return{Status: st}); !r.SectionCompleted("review") {
			t.Errorf("a %s return's review is not counted as completed", st)
		}
	}
	r := domain.Return{Status: domain.StatusReturned, Sections: map[string]bool{"review": true, "objectives": false}}
	if !r.SectionCompleted("review") || r.SectionCompleted("objectives") || r.SectionCompleted("last-year") {
		t.Error("a return sent back does not count its sections as its lead marked them")
	}
}
