package domain

import (
	"strings"
	"testing"
	"time"
)

// Words (issue 12): one thing is singular ("1 day", "1 figure changed"),
// and a name ending in s takes an apostrophe alone, never "’s's".
func TestWordsAreSingularForOneAndPossessivesNeverDoubleTheS(t *testing.T) {
	t.Parallel()
	deadline := time.Date(2010, 6, 30, 0, 0, 0, 0, time.UTC)
	r := ReturnAbout{Agency: "Medway Council Children and Adults’ Services", AgencySlug: "mcas", Period: "2009/10", PeriodSlug: "2009-10", Deadline: &deadline}
	dayAfter := deadline.AddDate(0, 0, 1)
	emails := map[string]Email{
		"reminder, due in 14 days": ReturnReminderEmail(r, deadline.AddDate(0, 0, -14)),
		"reminder, due tomorrow":   ReturnReminderEmail(r, deadline.AddDate(0, 0, -1)),
		"reminder, overdue":        ReturnReminderEmail(r, dayAfter),
		"chase":                    ReturnChaseEmail(r, "Anne Manager", dayAfter),
		"sent back":                ReturnSentBackEmail(r, "Please add the figures."),
		"accepted":                 ReturnAcceptedEmail(r),
		"challenge reminder": ChallengeReminderEmail(ChallengeAbout{ID: 1, Agency: r.Agency, PeriodSlug: "2009-10", About: "CPC",
			Question: "Why?", RespondBy: deadline, RaisedBy: "The chair"}, dayAfter),
	}
	for name, e := range emails {
		text := e.Subject + "\n" + e.Body
		for _, wrong := range []string{"s's", "s’s", "’s's", "1 days"} {
			if strings.Contains(text, wrong) {
				t.Errorf("%s: %q in %q", name, wrong, text)
			}
		}
	}
	if body := emails["reminder, overdue"].Body; !strings.Contains(body, "Services’ return") || !strings.Contains(body, "it is 1 day overdue") {
		t.Errorf("the overdue reminder reads %q", body)
	}
	for _, c := range []struct{ got, want string }{
		{Possessive("PF-CASES"), "PF-CASES’"},
		{Possessive("Kent Police"), "Kent Police’s"},
		{(&FiguresChangedError{Count: 1}).Error(), "1 figure changed since it was read"},
		{(&FiguresChangedError{Count: 2}).Error(), "2 figures changed since they were read"},
		{FormatIn(UnitDays, 1, 0), "1 day"},
		{FormatIn(UnitDays, 2, 0), "2 days"},
		{Days(1), "1 day"},
		{CountOf(1, "problem"), "1 problem"},
	} {
		if c.got != c.want {
			t.Errorf("%q, want %q", c.got, c.want)
		}
	}
}
