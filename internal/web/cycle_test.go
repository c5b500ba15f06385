package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// The board's year-round cycle (issue 16): a year started from the one
// before it, last year's objectives answered, the board's objectives, and
// comments on a return's entries with what changed since the last submission.

// lastYear gives the test board a 2008/09 before its 2009/10, where Kent
// Police's accepted return set two objectives and the board's aim one for
// the coming year; it returns the 2008/09 period's id and the objectives'.
func lastYear(t *testing.T, b *board) (int64, []int64) {
	t.Helper()
	ctx := context.Background()
	p := domain.PeriodForYear(2008)
	deadline := time.Date(2009, time.April, 17, 0, 0, 0, 0, time.UTC)
	id, err := b.st.CreatePeriod(ctx, domain.CommandLine, store.PeriodFields{Label: p.Label, StartsOn: p.StartsOn, EndsOn: p.EndsOn, Deadline: &deadline, IsOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	lead := domain.UserActor(b.users[domain.RoleLead])
	in := store.InReturn(id, b.agencyID)
	if _, err := store.ReviewItemList.Add(ctx, b.st, lead, in, domain.ReviewItem{Title: "Training", HowMuch: "Some"}); err != nil {
		t.Fatal(err)
	}
	var objectives []int64
	for _, intend := range []string{"Introduce a standard risk matrix", "Comply with the ACPO standards"} {
		oid, err := store.ObjectiveList.Add(ctx, b.st, lead, in, domain.Objective{Intend: intend, Quantity: "Every case"})
		if err != nil {
			t.Fatal(err)
		}
		objectives = append(objectives, oid)
	}
	ret, err := b.st.ReturnFor(ctx, id, b.agencyID)
	if err != nil {
		t.Fatal(err)
	}
	manager := domain.UserActor(b.users[domain.RoleManager])
	if _, err := b.st.Transition(ctx, lead, ret.ID, ret.Version, domain.ActionSubmit, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := b.st.Transition(ctx, manager, ret.ID, ret.Version+1, domain.ActionAccept, ""); err != nil {
		t.Fatal(err)
	}
	aim, err := store.AimList.Add(ctx, b.st, manager, store.Under(id), domain.StrategicAim{Title: "Learning"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.AimObjectiveList.Add(ctx, b.st, manager, store.Under(aim), domain.AimObjective{Body: "Write a learning strategy"}); err != nil {
		t.Fatal(err)
	}
	return id, objectives
}

func TestTheManagerStartsAYearFromTheOneBeforeOnce(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	lastYear(t, b)
	m := b.as(domain.RoleManager)
	edit, start := "/admin/periods/1/edit", "/admin/periods/1/start"
	offer := doc(t, m.get(edit)).Find(`[data-testid="carry"]`)
	if href, _ := offer.Find(`[data-testid="start-from"]`).Attr("href"); href != start {
		t.Fatalf("the period's page leads to %q to start it from 2008/09, want %s", href, start)
	}
	page := doc(t, m.get(start))
	if got := textOf(page.Find("h1")); got != "Start 2009/10 from 2008/09" {
		t.Errorf("heading %q", got)
	}
	if page.Find(`[data-testid="carried-over"] li`).Length() != 3 || page.Find(`[data-testid="confirm-start"]`).Length() != 1 {
		t.Error("the page does not say what comes over, or has no button")
	}
	for _, role := range []domain.Role{domain.RoleChair, domain.RoleLead, domain.RoleMember} {
		if res := b.as(role).post(start, nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("a %s starting the year: %d, want 403", role, res.StatusCode)
		}
	}
	if msg := m.followFlash(m.post(start, nil)); !strings.HasPrefix(msg, "2009/10 has been started from 2008/09: ") {
		t.Errorf("flash %q", msg)
	}
	p, err := b.st.PeriodByID(context.Background(), 1)
	if err != nil || p.CarriedFrom == nil {
		t.Fatalf("the year records no carry: %+v, %v", p, err)
	}
	wantAudit(t, b, "period", "period.carry", 1, b.users[domain.RoleManager])
	if doc(t, m.get(edit)).Find(`[data-testid="carried"]`).Length() != 1 {
		t.Error("the period's page does not say it was started from 2008/09")
	}
	res := m.post(start, nil)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("starting it again: status %d, want 409", res.StatusCode)
	}
	if msg := textOf(doc(t, res).Find(`[data-testid="conflict"]`)); !strings.Contains(msg, "was already started from 2008/09") || !strings.Contains(msg, "nothing has changed") {
		t.Errorf("starting it again says %q", msg)
	}
}

func TestAYearWithReturnsCannotBeStartedFromTheOneBefore(t *testing.T) {
	t.Parallel()
	j := newJourney(t)
	lastYear(t, j.board)
	j.addItem("Early work", "Begun before the year was started")
	m := j.as(domain.RoleManager)
	if got := textOf(doc(t, m.get("/admin/periods/1/edit")).Find(`[data-testid="cannot-carry"]`)); !strings.Contains(got, "already has returns") {
		t.Errorf("the period's page says %q", got)
	}
	res := m.post("/admin/periods/1/start", nil)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("status %d, want 409", res.StatusCode)
	}
	if p, _ := j.st.PeriodByID(j.ctx, 1); p.CarriedFrom != nil {
		t.Error("the year was started all the same")
	}
}

func TestAPeriodOpensOnlyWithADeadline(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	m := b.as(domain.RoleManager)
	ctx := context.Background()
	p := domain.PeriodForYear(2010)
	id, err := b.st.CreatePeriod(ctx, domain.CommandLine, store.PeriodFields{Label: p.Label, StartsOn: p.StartsOn, EndsOn: p.EndsOn})
	if err != nil {
		t.Fatal(err)
	}
	path := "/admin/periods/" + strconv.FormatInt(id, 10)
	wantFormError(t, m.post(path, url.Values{"open": {"yes"}}), "deadline", "Enter the deadline for returns: a period cannot open without one")
	d := wantFormError(t, m.post(path+"/open", nil), "deadline", "Enter the deadline for returns")
	if _, checked := d.Find(`input[name="open"][value="yes"]`).Attr("checked"); !checked {
		t.Error("the form shown to add the deadline is not set to open the period")
	}
	wantFormError(t, m.post("/admin/periods", url.Values{"label": {"2011/12"}, "open": {"yes"}}), "deadline", "a period cannot open without one")
	if got, _ := b.st.PeriodByID(ctx, id); got.IsOpen {
		t.Fatal("the period opened without a deadline")
	}
	if flash := m.followFlash(m.post(path, url.Values{"open": {"yes"}, "deadline-day": {"15"}, "deadline-month": {"4"}, "deadline-year": {"2011"}})); flash != "2010/11 has been saved" {
		t.Errorf("flash %q", flash)
	}
	if got, _ := b.st.PeriodByID(ctx, id); !got.IsOpen {
		t.Fatal("the period did not open with a deadline")
	}
}

// carried is a test board whose 2009/10 was started from 2008/09.
func carried(t *testing.T) (*journey, []int64) {
	t.Helper()
	j := newJourney(t)
	_, objectives := lastYear(t, j.board)
	if _, err := j.st.StartYearFrom(j.ctx, domain.CommandLine, j.period.ID); err != nil {
		t.Fatal(err)
	}
	p, err := j.st.PeriodByID(j.ctx, j.period.ID)
	if err != nil {
		t.Fatal(err)
	}
	j.period = p
	return j, objectives
}

func TestALeadSaysWhatBecameOfLastYearsObjectivesBeforeSubmitting(t *testing.T) {
	t.Parallel()
	j, said := carried(t)
	lead := j.as(domain.RoleLead)
	task := doc(t, lead.get(kent)).Find(`[data-testid="task-last-year"]`)
	if got := textOf(task.Find("a")); got != "What we said we would do" {
		t.Fatalf("the first task is %q", got)
	}
	if got := textOf(task.Find(`[data-testid="task-hint"]`)); got != "0 of 2 objectives answered" {
		t.Errorf("task hint %q", got)
	}
	list := doc(t, lead.get(kent+"/last-year"))
	if got := texts(list.Find(`[data-testid="last-year-objective"] [data-testid="objective-status"]`)); strings.Join(got, ", ") != "No status yet, No status yet" {
		t.Errorf("statuses %q", got)
	}
	first := fmt.Sprintf("%s/last-year/%d", kent, said[0])
	form := doc(t, lead.get(first))
	if got := textOf(form.Find(`[data-testid="said"]`)); !strings.Contains(got, "Introduce a standard risk matrix") {
		t.Errorf("the form shows what was said as %q", got)
	}
	// A made-up status is refused and what was typed kept.
	values := formValues(form, `[data-testid="last-year-form"]`)
	values.Set("status", "done-ish")
	values.Set("how_much", "Every case went through the matrix.")
	d := wantFormError(t, lead.post(first, values), "status", "Select whether it was achieved")
	if got := d.Find("#how_much").Text(); got != "Every case went through the matrix." {
		t.Errorf("what was typed was lost: %q", got)
	}
	// Saved without a status, to finish later: the return starts, and cannot be submitted yet.
	values.Del("status")
	lead.followFlash(lead.post(first, values))
	j.addItem("This year's work", "Done")
	j.addObjective("Next year's plan")
	check := doc(t, lead.get(kent+"/check"))
	links := check.Find(`[data-testid="unanswered-link"]`)
	if links.Length() != 2 || !strings.HasPrefix(links.First().AttrOr("href", ""), first) {
		t.Errorf("the check page leads to %d answers to give, first %q", links.Length(), links.First().AttrOr("href", ""))
	}
	if check.Find(`[data-testid="submit"]`).Length() != 0 {
		t.Error("the check page offers to submit with statuses missing")
	}
	res := lead.post(kent+"/submit", url.Values{"version": {strconv.Itoa(j.ret().Version)}, "content": {"anything"}})
	if res.StatusCode != http.StatusConflict && res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("submitting with statuses missing: %d", res.StatusCode)
	}
	if j.ret().Status != domain.StatusDraft {
		t.Fatal("the return was submitted with statuses missing")
	}
	for i, status := range []string{"achieved", "partly_achieved"} {
		path := fmt.Sprintf("%s/last-year/%d", kent, said[i])
		v := formValues(doc(t, lead.get(path)), `[data-testid="last-year-form"]`)
		v.Set("status", status)
		lead.followFlash(lead.post(path, v))
	}
	if got := textOf(doc(t, lead.get(kent)).Find(`[data-testid="task-last-year"] [data-testid="task-status"]`)); got != "In progress" {
		t.Errorf("the task's status %q once every objective is answered, before the lead says it is completed", got)
	}
	// The lead says the section is completed at the foot of its page (issue 15).
	if msg := lead.followFlash(lead.post(kent+"/last-year/completed", url.Values{"completed": {"yes"}})); msg != "‘What we said we would do’ is marked as completed" {
		t.Errorf("marking the section as completed: %q", msg)
	}
	if got := textOf(doc(t, lead.get(kent)).Find(`[data-testid="task-last-year"] [data-testid="task-status"]`)); got != "Completed" {
		t.Errorf("the task's status %q once the lead says it is completed", got)
	}
	j.completeSections()
	check = doc(t, lead.get(kent+"/check"))
	submit := formValues(check, `form[action="`+kent+`/submit"]`)
	if res := lead.post(kent+"/submit", submit); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submitting: %d", res.StatusCode)
	}
	// The report's section 3 shows the statuses in words.
	section := doc(t, j.as(domain.RoleManager).get("/periods/2009-10/report/partner-reviews?preview=submitted"))
	if got := texts(section.Find(`[data-testid="report-objective-status"]`)); strings.Join(got, ", ") != "Achieved, Partly achieved" {
		t.Errorf("section 3 shows statuses %q", got)
	}
	if got := textOf(section.Find(`[data-testid="report-look-back"]`)); !strings.Contains(got, "Every case went through the matrix.") {
		t.Errorf("section 3 shows %q", got)
	}
}

func TestOnlyTheLeadAnswersLastYearsObjectives(t *testing.T) {
	t.Parallel()
	j, said := carried(t)
	path := fmt.Sprintf("%s/last-year/%d", kent, said[0])
	for _, role := range []domain.Role{domain.RoleManager, domain.RoleChair, domain.RoleMember} {
		c := j.as(role)
		for _, p := range []string{kent + "/last-year", path} {
			if res := c.get(p); res.StatusCode != http.StatusForbidden {
				t.Errorf("a %s opening %s: %d, want 403", role, p, res.StatusCode)
			}
		}
		if res := c.post(path, url.Values{"version": {"1"}, "status": {"achieved"}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("a %s answering: %d, want 403", role, res.StatusCode)
		}
	}
	// An objective not of this return's year before is not found.
	if res := j.as(domain.RoleLead).get(kent + "/last-year/999999"); res.StatusCode != http.StatusNotFound {
		t.Errorf("a made-up objective: %d", res.StatusCode)
	}
}

func TestTheManagerCommentsOnAnItemAndSeesWhatChangedWhenItComesBack(t *testing.T) {
	t.Parallel()
	j := newJourney(t)
	item := j.addItem("Induction training", "80 people came to 4 sessions")
	j.addItem("Audit", "Two audits")
	j.addObjective("Train every volunteer")
	j.transition(j.users[domain.RoleLead], domain.ActionSubmit, "")
	m := j.as(domain.RoleManager)
	form := doc(t, m.get(kent+"/send-back"))
	field := "comment-review-" + strconv.FormatInt(item, 10)
	if form.Find("#"+field).Length() != 1 || form.Find(`[data-testid="entry-comment"]`).Length() != 3 {
		t.Fatalf("the send-back form has %d entries to comment on, none named %s", form.Find(`[data-testid="entry-comment"]`).Length(), field)
	}
	values := url.Values{"version": {strconv.Itoa(j.ret().Version)}, "comment": {"See the comment on the induction training."},
		field: {strings.Repeat("x", domain.MaxCommentLength+1)}}
	d := wantFormError(t, m.post(kent+"/send-back", values), field, "must be 10,000 characters or fewer")
	if got := d.Find("#comment").Text(); got != values.Get("comment") {
		t.Errorf("the comment on the return was lost: %q", got)
	}
	values.Set(field, "How many completed the core induction standards, out of how many?")
	if msg := m.followFlash(m.post(kent+"/send-back", values)); msg != "The return has been sent back to Kent Police" {
		t.Fatalf("flash %q", msg)
	}

	lead := j.as(domain.RoleLead)
	page := doc(t, lead.get(kent))
	if got := page.Find(`[data-testid="sent-back-entries"] a`).AttrOr("href", ""); got != kent+"/review#item-"+strconv.FormatInt(item, 10) {
		t.Errorf("the banner leads to %q", got)
	}
	beside := func(d *goquery.Document, sel string) string {
		return textOf(d.Find(sel + ` [data-testid="remark-comment"]`))
	}
	list := doc(t, lead.get(kent+"/review"))
	if got := beside(list, "#item-"+strconv.FormatInt(item, 10)); !strings.Contains(got, "How many completed the core induction standards") {
		t.Errorf("beside the item on the list: %q", got)
	}
	if list.Find(`[data-testid="remark-comment"]`).Length() != 1 {
		t.Error("the comment shows beside more than its item")
	}
	itemForm := doc(t, lead.get(fmt.Sprintf("%s/review/%d", kent, item)))
	if got := beside(itemForm, "main"); !strings.Contains(got, "How many completed the core induction standards") {
		t.Errorf("beside the item's form: %q", got)
	}

	// The lead changes the item and submits again; the board sees what changed.
	v := formValues(itemForm, `[data-testid="item-form"]`)
	v.Set("how_much", "80 people came to 4 sessions; 64 of them completed the core induction standards.")
	lead.followFlash(lead.post(fmt.Sprintf("%s/review/%d", kent, item), v))
	j.completeSections()
	if res := lead.post(kent+"/submit", formValues(doc(t, lead.get(kent+"/check")), `form[action="`+kent+`/submit"]`)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("resubmitting: %d", res.StatusCode)
	}
	for _, role := range []domain.Role{domain.RoleManager, domain.RoleChair} {
		changes := doc(t, j.as(role).get(kent)).Find(`[data-testid="changes"]`)
		if got := textOf(changes.Find(`[data-testid="change"] h3`)); got != "Review item changed: Induction training" {
			t.Errorf("%s: the change reads %q", role, got)
		}
		if got := textOf(changes.Find(`[data-testid="after"]`)); !strings.Contains(got, "64 of them completed") {
			t.Errorf("%s: after reads %q", role, got)
		}
		if got := textOf(changes.Find(`[data-testid="before"]`)); got != "80 people came to 4 sessions" {
			t.Errorf("%s: before reads %q", role, got)
		}
	}
	if doc(t, lead.get(kent)).Find(`[data-testid="changes"]`).Length() != 0 {
		t.Error("the lead is shown the board's view of what changed")
	}
}

func TestTheManagerSaysWhatBecameOfTheBoardsObjectivesAndWritesNextYears(t *testing.T) {
	t.Parallel()
	j, _ := carried(t)
	m := j.as(domain.RoleManager)
	plan := doc(t, m.get(reportPath+"/board/plan"))
	answer := plan.Find(`[data-testid="plan-last-year-objective"] [data-testid="answer"]`)
	if answer.Length() != 1 {
		t.Fatalf("%d of the board's objectives of last year on the plan page", answer.Length())
	}
	href := answer.AttrOr("href", "")
	form := doc(t, m.get(href))
	if !strings.Contains(textOf(form.Find("main")), "Write a learning strategy") {
		t.Error("the form does not show the objective")
	}
	if msg := m.followFlash(m.post(href, url.Values{"version": {"1"}, "status": {"not_achieved"}, "how_well": {"Delayed to next year."}})); !strings.Contains(msg, "has been saved") {
		t.Errorf("flash %q", msg)
	}
	for _, role := range []domain.Role{domain.RoleChair, domain.RoleLead, domain.RoleMember} {
		if res := j.as(role).post(href, url.Values{"version": {"2"}, "status": {"achieved"}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("a %s answering the board's objective: %d", role, res.StatusCode)
		}
	}
	report := doc(t, m.get(reportPath))
	if got := textOf(report.Find(`[data-testid="report-plan-last-year"] [data-testid="report-objective-status"]`)); got != "Not achieved" {
		t.Errorf("the report's business plan review shows the status %q", got)
	}
	// The aims carried over take this year's objectives for the coming year, one by one.
	aims := doc(t, m.get(reportPath+"/board/aims"))
	add := aims.Find(`[data-testid="add-aim-objective"]`).AttrOr("href", "")
	if !strings.HasSuffix(add, "/objectives/new") {
		t.Fatalf("the aims page leads to %q to add an objective", add)
	}
	if doc(t, m.get(add)).Find("#body").Length() != 1 {
		t.Error("the form to add an aim's objective has no field")
	}
	post := strings.TrimSuffix(add, "/new")
	if msg := m.followFlash(m.post(post, url.Values{"version": {"0"}, "body": {"Evaluate the strategy"}})); !strings.Contains(msg, "has been added") {
		t.Errorf("flash %q", msg)
	}
	if got := texts(doc(t, m.get(reportPath+"/board/aims")).Find(`[data-testid="aim-objective-text"]`)); strings.Join(got, "|") != "Evaluate the strategy" {
		t.Errorf("the aim's objectives %q", got)
	}
}

func TestATargetToConfirmIsShownAsSuchAndRatesNothing(t *testing.T) {
	t.Parallel()
	d := newDashBoard(t)
	if _, err := d.st.Pool().Exec(context.Background(), `UPDATE targets SET confirmed = false WHERE indicator_id = $1`, d.ids["NI65"]); err != nil {
		t.Fatal(err)
	}
	chair := d.as(domain.RoleChair)
	card := d.page(t, chair, "/periods/2009-10/dashboard").Find(`[data-testid="card"][data-code="NI65"]`)
	if got := textOf(card.Find(`[data-testid="target"]`)); got != "<14% (to be confirmed)" {
		t.Errorf("the card's target %q", got)
	}
	if rag, _ := card.Attr("data-rag"); rag != "none" {
		t.Errorf("the card is rated %q against a target to confirm", rag)
	}
	for _, page := range []string{"/periods/2009-10/indicators/NI65", "/periods/2009-10/report/performance"} {
		if body := textOf(d.page(t, chair, page).Find("main")); !strings.Contains(body, "<14% (to be confirmed)") {
			t.Errorf("%s does not say the target is to be confirmed", page)
		}
	}
	admin := "/admin/indicators/" + strconv.FormatInt(d.ids["NI65"], 10)
	m := d.as(domain.RoleManager)
	if body := textOf(doc(t, m.get(admin)).Find("main")); !strings.Contains(body, "<14% (to be confirmed)") {
		t.Error("the indicator's admin page does not say the target is to be confirmed")
	}
}

// TestTheChecksBeforeOpeningAndPublishingNameTargetsToConfirm: a target
// still to be confirmed is named on the period's page, before it is opened
// or closed, and by the report's readiness check, which it keeps from
// reading clean; once confirmed, neither names it.
func TestTheChecksBeforeOpeningAndPublishingNameTargetsToConfirm(t *testing.T) {
	t.Parallel()
	d := newDashBoard(t)
	ctx := context.Background()
	if _, err := d.st.Pool().Exec(ctx, `UPDATE targets SET confirmed = false WHERE indicator_id = $1`, d.ids["NI65"]); err != nil {
		t.Fatal(err)
	}
	p, err := d.st.PeriodBySlug(ctx, "2009-10")
	if err != nil {
		t.Fatal(err)
	}
	m := d.as(domain.RoleManager)
	edit := "/admin/periods/" + strconv.FormatInt(p.ID, 10) + "/edit"
	const readiness = "/periods/2009-10/report/readiness"
	page := doc(t, m.get(edit))
	if got := textOf(page.Find(`[data-testid="unconfirmed-warning"]`)); !strings.Contains(got, "1 target for 2009/10 is still to be confirmed") {
		t.Errorf("the period's page warns %q", got)
	}
	if href, _ := page.Find(`[data-testid="unconfirmed-link"]`).Attr("href"); href != readiness+"#targets" {
		t.Errorf("the warning leads to %q", href)
	}
	check := doc(t, m.get(readiness))
	if check.Find(`[data-testid="readiness-clean"]`).Length() != 0 || !strings.Contains(textOf(check.Find(`[data-testid="readiness-todo"]`)), "1 target is still to be confirmed") {
		t.Errorf("the readiness check's list reads %q", textOf(check.Find(`[data-testid="readiness-todo"]`)))
	}
	target := check.Find(`[data-testid="unconfirmed-target"][data-code="NI65"] a`)
	if href, _ := target.Attr("href"); href != "/admin/indicators/"+strconv.FormatInt(d.ids["NI65"], 10) {
		t.Errorf("the check leads to %q to confirm NI65's target", href)
	}

	if err := d.st.SetTarget(ctx, domain.UserActor(d.users[domain.RoleManager]), domain.Target{IndicatorID: d.ids["NI65"], PeriodID: p.ID, Op: "<", Value: 14}); err != nil {
		t.Fatal(err)
	}
	if doc(t, m.get(edit)).Find(`[data-testid="unconfirmed-warning"]`).Length() != 0 {
		t.Error("the period's page still warns once the target is confirmed")
	}
	if doc(t, m.get(readiness)).Find(`[data-testid="targets-ready"]`).Length() != 1 {
		t.Error("the readiness check does not say every target is confirmed")
	}
}
