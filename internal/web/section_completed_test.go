package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"safeboard/internal/domain"
)

// TestEachSectionIsMarkedCompletedBeforeTheReturnIsSubmitted is issue 15's
// "Have you completed this section?": asked at the foot of each section's
// page, without JavaScript (a plain form), shown on the task list, and
// waited for by the check page and the submit, which name and link to each
// section left.
func TestEachSectionIsMarkedCompletedBeforeTheReturnIsSubmitted(t *testing.T) {
	t.Parallel()
	j := newJourney(t)
	c := j.as(domain.RoleLead)
	status := func(task string) string {
		t.Helper()
		return textOf(doc(t, c.get(kent)).Find(`[data-testid="task-` + task + `"] [data-testid="task-status"]`))
	}

	page := doc(t, c.get(kent+"/review"))
	form := page.Find(`form[data-testid="section-completed"]`)
	if form.AttrOr("action", "") != kent+"/review/completed" || form.Find(`input[name="completed"]`).Length() != 2 {
		t.Fatalf("the review's page asks no question: %q", textOf(form))
	}
	if got := textOf(form.Find("legend")); got != "Have you completed this section?" {
		t.Errorf("the question reads %q", got)
	}
	// No answer, then yes while the section holds nothing: the page again with the error.
	d := wantFormError(t, c.post(kent+"/review/completed", url.Values{}), "completed", "Select yes if you have completed this section")
	if d.Find(`form[data-testid="section-completed"]`).Length() != 1 {
		t.Error("the refused answer does not show the question again")
	}
	wantFormError(t, c.post(kent+"/review/completed", url.Values{"completed": {"yes"}}), "completed",
		"Add at least one review item before you mark this section as completed")
	if got := status("review"); got != "Not yet started" {
		t.Errorf("the review's status is %q after a refused answer", got)
	}

	j.addItem("Missing children", "12 children went missing")
	j.addObjective("Interview every returned child")
	if got := status("review"); got != "In progress" {
		t.Errorf("the review's status is %q with an item, unmarked", got)
	}
	if msg := c.followFlash(c.post(kent+"/review/completed", url.Values{"completed": {"yes"}})); msg != "‘Review of 2009/10’ is marked as completed" {
		t.Errorf("marking the review: %q", msg)
	}
	if msg := c.followFlash(c.post(kent+"/objectives/completed", url.Values{"completed": {"no"}})); msg != "‘Objectives for 2010/11’ is marked as in progress" {
		t.Errorf("marking the objectives: %q", msg)
	}
	if got, want := status("review")+" / "+status("objectives"), "Completed / In progress"; got != want {
		t.Errorf("the task list shows %q, want %q", got, want)
	}
	if got := doc(t, c.get(kent+"/review")).Find(`#completed`).AttrOr("checked", "none"); got == "none" {
		t.Error("the review's page does not show the yes given")
	}
	wantAudit(t, j.board, "return", "return.section", j.ret().ID, j.users[domain.RoleLead])

	// The check page and the submit wait for the objectives, and lead to them.
	check := doc(t, c.get(kent+"/check"))
	if check.Find(`[data-testid="submit"]`).Length() != 0 {
		t.Error("the check page offers to submit with a section in progress")
	}
	links := check.Find(`[data-testid="incomplete-link"]`)
	if links.Length() != 1 || links.AttrOr("href", "") != kent+"/objectives#section-completed" || textOf(links) != "Objectives for 2010/11" {
		t.Fatalf("the check page leads to %d sections, first %q", links.Length(), links.AttrOr("href", ""))
	}
	if got := textOf(doc(t, c.get(kent)).Find(`[data-testid="task-check"] [data-testid="task-hint"]`)); got != "Complete each section first: Objectives for 2010/11" {
		t.Errorf("the task list's check line says %q", got)
	}
	ret := j.ret()
	content := domain.ContentStamp(nil, domain.Entries(j.items()), domain.Entries(j.objectives()))
	res := c.post(kent+"/submit", url.Values{"version": {itoa(int64(ret.Version))}, "content": {content}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	refused := doc(t, res)
	if msg := textOf(refused.Find(`[data-testid="conflict"]`)); msg != "Complete each section before you submit your return: Objectives for 2010/11" {
		t.Errorf("the refused submit says %q", msg)
	}
	if refused.Find(`[data-testid="incomplete-link"][href="`+kent+`/objectives#section-completed"]`).Length() != 1 {
		t.Error("the refused submit does not link to the section left")
	}
	if j.ret().Status != domain.StatusDraft {
		t.Fatal("the return was submitted with a section in progress")
	}

	if msg := c.followFlash(c.post(kent+"/objectives/completed", url.Values{"completed": {"yes"}})); !strings.HasSuffix(msg, "is marked as completed") {
		t.Errorf("marking the objectives: %q", msg)
	}
	check = doc(t, c.get(kent+"/check"))
	wantStatus(t, c.post(kent+"/submit", formValues(check, `form[action="`+kent+`/submit"]`)), http.StatusSeeOther)
	if j.ret().Status != domain.StatusSubmitted {
		t.Fatal("the return was not submitted with every section completed")
	}
	// Submitted, the sections are the board's to read: no question, no answer taken.
	if res := c.post(kent+"/review/completed", url.Values{"completed": {"no"}}); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != kent {
		t.Errorf("answering on a submitted return: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	if got := j.ret().Sections["review"]; !got {
		t.Error("answering on a submitted return changed its section")
	}
	for _, role := range []domain.Role{domain.RoleManager, domain.RoleChair, domain.RoleMember} {
		wantStatus(t, j.as(role).post(kent+"/objectives/completed", url.Values{"completed": {"no"}}), http.StatusForbidden)
	}
}
