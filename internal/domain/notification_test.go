package domain

import (
	"testing"
	"time"
)

func TestAReturnIsRemindedFourteenAndThreeDaysBeforeItsDeadlineThenWeeklyForEightWeeks(t *testing.T) {
	t.Parallel()
	deadline := time.Date(2010, 6, 30, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		days int
		want string // slot and its day, or "" for none
	}{
		{-15, ""},
		{-14, "before-14 2010-06-16"},
		{-4, "before-14 2010-06-16"},
		{-3, "before-3 2010-06-27"},
		{0, "before-3 2010-06-27"},
		{1, "overdue-1 2010-07-01"},
		{7, "overdue-1 2010-07-01"},
		{8, "overdue-2 2010-07-08"},
		{15, "overdue-3 2010-07-15"},
		{56, "overdue-8 2010-08-19"},
		{57, ""}, // eight weeks of reminders, then none
		{6000, ""},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			today := deadline.AddDate(0, 0, c.days).Add(23 * time.Hour)
			r, ok := ReturnReminderDue(deadline, today)
			got := ""
			if ok {
				got = r.Slot + " " + r.On.Format(time.DateOnly)
			}
			if got != c.want {
				t.Fatalf("%d days from the deadline: %q, want %q", c.days, got, c.want)
			}
		})
	}
}

func TestAnUnansweredChallengeIsRemindedFromTheDayAfterItsDateThenWeeklyForEightWeeks(t *testing.T) {
	t.Parallel()
	by := time.Date(2010, 3, 1, 0, 0, 0, 0, time.UTC)
	for days, want := range map[int]string{-1: "", 0: "", 1: "overdue-1 2010-03-02", 8: "overdue-2 2010-03-09", 56: "overdue-8 2010-04-20", 57: ""} {
		r, ok := ChallengeReminderDue(by, by.AddDate(0, 0, days))
		got := ""
		if ok {
			got = r.Slot + " " + r.On.Format(time.DateOnly)
		}
		if got != want {
			t.Errorf("%d days after: %q, want %q", days, got, want)
		}
	}
}

func TestASendThatFailsWaitsLongerEachTimeUpToAnHour(t *testing.T) {
	t.Parallel()
	want := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute, 16 * time.Minute, 32 * time.Minute, time.Hour, time.Hour}
	for i, w := range want {
		if got := SendBackoff(i + 1); got != w {
			t.Errorf("after attempt %d: %s, want %s", i+1, got, w)
		}
	}
}

func TestOnlyKindsThatAreNotDeadlineRemindersCanBeTurnedOff(t *testing.T) {
	t.Parallel()
	for _, k := range []NotificationKind{NotifyReturnReminder, NotifyReturnChase, NotifyChallengeReminder, "nonsense"} {
		if k.CanTurnOff() {
			t.Errorf("%s can be turned off", k)
		}
	}
	for _, k := range []NotificationKind{NotifyReturnReviewed, NotifyReturnSubmitted, NotifyChallengeRaised, NotifyChallengeAnswered, NotifyReportPublished} {
		if !k.CanTurnOff() {
			t.Errorf("%s cannot be turned off", k)
		}
	}
	if len(KindsFor(RoleMember)) != 1 || len(KindsFor(RoleLead)) != 6 {
		t.Errorf("a member gets %v, a lead %v", KindsFor(RoleMember), KindsFor(RoleLead))
	}
}
