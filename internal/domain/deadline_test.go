package domain_test

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the test needs Europe/London even where the system has no time zone database

	"safeboard/internal/domain"
)

func TestAReturnIsOverdueOnceTheDeadlineDayHasEndedInLondonUntilItIsSubmitted(t *testing.T) {
	summer := time.Date(2010, time.April, 16, 0, 0, 0, 0, time.UTC)   // British Summer Time: London is UTC+1
	winter := time.Date(2010, time.January, 15, 0, 0, 0, 0, time.UTC) // Greenwich Mean Time: London is UTC
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name     string
		deadline *time.Time
		status   domain.ReturnStatus
		now      time.Time
		want     bool
	}{
		{"a period without a deadline has nothing overdue", nil, domain.StatusDraft, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{"a draft on the deadline day is not overdue", &summer, domain.StatusDraft, time.Date(2010, time.April, 16, 12, 0, 0, 0, time.UTC), false},
		{"a draft a second before midnight in London is not overdue", &summer, domain.StatusDraft, time.Date(2010, time.April, 16, 22, 59, 59, 0, time.UTC), false},
		{"a draft at midnight in London, 11pm in UTC, is overdue", &summer, domain.StatusDraft, time.Date(2010, time.April, 16, 23, 0, 0, 0, time.UTC), true},
		{"in winter the day ends at midnight UTC", &winter, domain.StatusDraft, time.Date(2010, time.January, 15, 23, 59, 59, 0, time.UTC), false},
		{"in winter a draft the next day is overdue", &winter, domain.StatusDraft, time.Date(2010, time.January, 16, 0, 0, 0, 0, time.UTC), true},
		{"7pm in New York is midnight in London", &summer, domain.StatusDraft, time.Date(2010, time.April, 16, 19, 0, 0, 0, newYork), true},
		{"a return not started after the deadline is overdue", &summer, domain.StatusNotStarted, time.Date(2010, time.May, 1, 0, 0, 0, 0, time.UTC), true},
		{"a return sent back after the deadline is overdue", &summer, domain.StatusReturned, time.Date(2010, time.May, 1, 0, 0, 0, 0, time.UTC), true},
		{"a submitted return is never overdue", &summer, domain.StatusSubmitted, time.Date(2010, time.May, 1, 0, 0, 0, 0, time.UTC), false},
		{"an accepted return is never overdue", &summer, domain.StatusAccepted, time.Date(2010, time.May, 1, 0, 0, 0, 0, time.UTC), false},
		{"a closed period has nothing overdue", &summer, domain.StatusDraft, time.Date(2010, time.May, 1, 0, 0, 0, 0, time.UTC), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := domain.Period{Deadline: c.deadline, IsOpen: !strings.HasPrefix(c.name, "a closed period")}
			if got := p.ReturnOverdue(c.status, c.now); got != c.want {
				t.Fatalf("ReturnOverdue(%s, %s) = %t, want %t", c.status, c.now, got, c.want)
			}
		})
	}
}
