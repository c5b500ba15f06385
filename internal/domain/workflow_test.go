package domain_test

import (
	"testing"

	"safeboard/internal/domain"
)

// selfAssessment is a return-like workflow of another module, declared as a
// later one would declare it: one required task and one optional.
var selfAssessment = domain.ReturnKind{Tasks: []domain.Task{
	{Key: "standards", Noun: "standard", One: "standard", Many: "standards", Required: true},
	{Key: "evidence", Noun: "piece of evidence", One: "piece", Many: "pieces"},
}}

func TestAReturnIsReadyOnceEveryRequiredTaskHoldsAnEntry(t *testing.T) {
	cases := []struct {
		name   string
		kind   domain.ReturnKind
		counts []int
		want   bool
	}{
		{"an empty agency return is not", domain.AgencyReturn, []int{0, 0}, false},
		{"an agency return with items only is not", domain.AgencyReturn, []int{3, 0}, false},
		{"an agency return with objectives only is not", domain.AgencyReturn, []int{0, 1}, false},
		{"an agency return with both is", domain.AgencyReturn, []int{1, 1}, true},
		{"counts missing for a task count as none", domain.AgencyReturn, []int{1}, false},
		{"an optional task may stay empty", selfAssessment, []int{2, 0}, true},
		{"a required task may not", selfAssessment, []int{0, 4}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.kind.Ready(c.counts); got != c.want {
				t.Errorf("Ready(%v) = %v, want %v", c.counts, got, c.want)
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
}

func TestTheTaskListShowsEachTasksProgress(t *testing.T) {
	review := domain.AgencyReturn.Tasks[0]
	cases := []struct {
		name       string
		status     domain.ReturnStatus
		counts     []int
		task       string
		check      string
		cannot     bool
		countsText string
	}{
		{"a return not started", domain.StatusNotStarted, []int{0, 0}, "Not yet started", "Cannot start yet", true, "0 items"},
		{"a draft with one item", domain.StatusDraft, []int{1, 0}, "In progress", "Cannot start yet", true, "1 item"},
		{"a draft ready to check", domain.StatusDraft, []int{2, 1}, "In progress", "Not yet started", false, "2 items"},
		{"a return sent back", domain.StatusReturned, []int{2, 1}, "In progress", "Not yet resubmitted", false, "2 items"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := review.Progress(c.counts[0]); got.Text != c.task || !got.Tag {
				t.Errorf("task status %+v, want %q as a tag", got, c.task)
			}
			if got := review.Count(c.counts[0]); got != c.countsText {
				t.Errorf("task hint %q, want %q", got, c.countsText)
			}
			got := domain.AgencyReturn.CheckProgress(c.status, c.counts)
			if got.Text != c.check || got.CannotStart != c.cannot {
				t.Errorf("check status %+v, want %q (cannot start %v)", got, c.check, c.cannot)
			}
		})
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
