package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

const logPath = "/periods/2009-10/challenges"

// challengeBoard is the test board with a second agency, Kent Probation, and its lead.
type challengeBoard struct {
	*board
	other     int64
	otherLead *client
}

func newChallengeBoard(t *testing.T) *challengeBoard {
	t.Helper()
	b := &challengeBoard{board: newBoard(t)}
	ctx := context.Background()
	var err error
	b.other, err = b.st.CreateAgency(ctx, domain.CommandLine, store.AgencyFields{
		Name: "Kent Probation", Slug: "kent-probation", ShortName: "Probation", Sector: "Probation", DisplayOrder: 20, Active: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.st.CreateUser(ctx, domain.CommandLine, store.NewUser{Email: "probation@example.org", Name: "Probation lead",
		Role: domain.RoleLead, AgencyID: &b.other, PasswordHash: testHash}); err != nil {
		t.Fatal(err)
	}
	b.otherLead = b.client()
	if res := b.otherLead.post("/login", url.Values{"email": {"probation@example.org"}, "password": {testPassword}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in as probation's lead: %d", res.StatusCode)
	}
	return b
}

// dateIn is the date n days from today in London, as the raise form's three fields.
func dateIn(n int) url.Values {
	y, m, d := time.Now().In(domain.London()).Date()
	day := time.Date(y, m, d+n, 0, 0, 0, 0, time.UTC)
	return url.Values{"respond_by-day": {strconv.Itoa(day.Day())}, "respond_by-month": {strconv.Itoa(int(day.Month()))},
		"respond_by-year": {strconv.Itoa(day.Year())}}
}

func form(pairs ...url.Values) url.Values {
	out := url.Values{}
	for _, p := range pairs {
		for k, v := range p {
			out[k] = v
		}
	}
	return out
}

// raise adds a challenge as role, through the store, to agency, due in days.
func (b *challengeBoard) raise(role domain.Role, agency int64, question string, days int) int64 {
	b.t.Helper()
	y, m, d := time.Now().In(domain.London()).Date()
	id, err := b.st.RaiseChallenge(context.Background(), domain.UserActor(b.users[role]), mustPeriod(b.t, b.board).ID, domain.NewChallenge{
		Target: domain.ChallengeTarget{Kind: domain.TargetAgency, ID: agency}, AgencyID: agency, Question: question,
		RespondBy: time.Date(y, m, d+days, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		b.t.Fatal(err)
	}
	return id
}

func challengePath(id int64) string { return logPath + "/" + strconv.FormatInt(id, 10) }

func errorLinks(d *goquery.Document) []string {
	var out []string
	d.Find(`[data-testid="error-summary"] a`).Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Attr("href")
		out = append(out, href)
	})
	return out
}

// TestAChallengeGoesThroughEveryRole is the log's whole journey over HTTP:
// the chair raises a challenge to Kent Police, its lead answers and revises
// the answer, the chair closes it, a member reads it; every refusal on the
// way keeps what was typed.
func TestAChallengeGoesThroughEveryRole(t *testing.T) {
	t.Parallel()
	b := newChallengeBoard(t)
	chair, lead, manager, member := b.as(domain.RoleChair), b.as(domain.RoleLead), b.as(domain.RoleManager), b.as(domain.RoleMember)
	agency := "agency:" + strconv.FormatInt(b.agencyID, 10)

	// Raising: the form, a refused raise that keeps what was typed, then the raise.
	d := doc(t, chair.get(logPath+"/new?about="+url.QueryEscape(agency)))
	if got := strings.TrimSpace(d.Find(`[data-testid="agency"]`).Text()); got != "Kent Police" {
		t.Fatalf("the form addresses %q", got)
	}
	res := chair.post(logPath, form(url.Values{"about": {agency}, "question": {""}}, dateIn(-1)))
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("raising without a question: %d", res.StatusCode)
	}
	if got := errorLinks(doc(t, res)); strings.Join(got, " ") != "#question #respond_by" {
		t.Errorf("the error summary links to %v", got)
	}
	question := "How many officers attended initial conferences this quarter?"
	if msg := chair.followFlash(chair.post(logPath, form(url.Values{"about": {agency}, "question": {question}}, dateIn(14)))); msg != "Your challenge has been sent to Kent Police" {
		t.Fatalf("after raising: %q", msg)
	}
	list, err := b.st.Challenges(context.Background(), store.ChallengeQuery{})
	if err != nil || len(list) != 1 {
		t.Fatalf("challenges: %v, %v", list, err)
	}
	c := list[0]
	page := challengePath(c.ID)

	// Who reads it while open: the board and the agency's lead.
	for _, who := range []struct {
		name string
		c    *client
		want int
	}{{"the chair", chair, 200}, {"the manager", manager, 200}, {"the lead", lead, 200}, {"a member", member, 403}, {"another agency's lead", b.otherLead, 403}} {
		if res := who.c.get(page); res.StatusCode != who.want {
			t.Errorf("%s opening the open challenge: %d, want %d", who.name, res.StatusCode, who.want)
		}
	}
	for _, home := range []struct {
		name string
		c    *client
		want int
	}{{"lead", lead, 1}, {"chair", chair, 1}, {"manager", manager, 1}, {"member", member, 0}, {"other lead", b.otherLead, 0}} {
		if got := doc(t, home.c.get("/")).Find(`[data-testid="challenge-line"]`).Length(); got != home.want {
			t.Errorf("the %s's home page lists %d challenges, want %d", home.name, got, home.want)
		}
	}

	// Answering: only the lead; an empty answer is refused; then answered and revised.
	if res := chair.post(page+"/answer", url.Values{"version": {"1"}, "answer": {"The chair answers"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("the chair answering: %d", res.StatusCode)
	}
	res = lead.post(page+"/answer", url.Values{"version": {"1"}, "answer": {"  "}})
	if res.StatusCode != http.StatusUnprocessableEntity || strings.Join(errorLinks(doc(t, res)), " ") != "#answer" {
		t.Fatalf("an empty answer: %d", res.StatusCode)
	}
	if msg := lead.followFlash(lead.post(page+"/answer", url.Values{"version": {"1"}, "answer": {"71% in the first quarter."}})); msg != "Your answer has been sent to the board" {
		t.Fatalf("after answering: %q", msg)
	}
	d = doc(t, lead.get(page))
	if got := d.Find(`#answer`).Text(); got != "71% in the first quarter." {
		t.Errorf("the revision starts from %q", got)
	}
	// A colleague's page, opened before the answer, is refused with its text kept.
	res = lead.post(page+"/answer", url.Values{"version": {"1"}, "answer": {"My colleague's answer"}})
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("a stale answer: %d", res.StatusCode)
	}
	if d := doc(t, res); d.Find(`[data-testid="conflict"]`).Length() != 1 || d.Find(`#answer`).Text() != "My colleague's answer" {
		t.Error("the stale answer's page does not say why or lost the text")
	}
	if msg := lead.followFlash(lead.post(page+"/answer", url.Values{"version": {"2"}, "answer": {"71% in the first quarter, 93% in the third."}})); msg != "Your revised answer has been sent to the board" {
		t.Fatalf("after revising: %q", msg)
	}

	// Closing: not the manager (the chair raised it); the chair, once the form is right.
	closing := url.Values{"version": {"3"}, "outcome": {"partly_assured"}, "what_changed": {"Attendance is reported every quarter."}}
	if res := manager.post(page+"/close", closing); res.StatusCode != http.StatusForbidden {
		t.Errorf("the manager closing the chair's challenge: %d", res.StatusCode)
	}
	if res := lead.post(page+"/close", closing); res.StatusCode != http.StatusForbidden {
		t.Errorf("the lead closing: %d", res.StatusCode)
	}
	d = doc(t, chair.get(page))
	if d.Find(`[data-testid="answer-form"]`).Length() != 0 || d.Find(`[data-testid="close-form"]`).Length() != 1 {
		t.Error("the chair's page shows the wrong forms")
	}
	if got := d.Find(`[data-testid="earlier-answers"] .govuk-details__text`).Text(); !strings.Contains(got, "71% in the first quarter.") {
		t.Errorf("the earlier answers: %q", got)
	}
	res = chair.post(page+"/close", url.Values{"version": {"2"}, "outcome": {"assured"}, "what_changed": {"Read on the old answer"}})
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("closing on the answer as it was: %d", res.StatusCode)
	}
	if d := doc(t, res); d.Find(`#what_changed`).Text() != "Read on the old answer" || d.Find(`#outcome[checked]`).Length() != 1 {
		t.Error("the refused close lost what was chosen and typed")
	}
	res = chair.post(page+"/close", url.Values{"version": {"3"}, "what_changed": {"Something"}})
	if res.StatusCode != http.StatusUnprocessableEntity || strings.Join(errorLinks(doc(t, res)), " ") != "#outcome" {
		t.Fatalf("closing without an outcome: %d", res.StatusCode)
	}
	if msg := chair.followFlash(chair.post(page+"/close", closing)); msg != "The challenge has been closed as partly assured" {
		t.Fatalf("after closing: %q", msg)
	}

	// Once closed: a late answer is kept for its writer; a member reads it.
	res = lead.post(page+"/answer", url.Values{"version": {"4"}, "answer": {"A late thought"}})
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("answering a closed challenge: %d", res.StatusCode)
	}
	if d := doc(t, res); d.Find(`#kept`).Text() != "A late thought" || d.Find(`[data-testid="answer-form"]`).Length() != 0 {
		t.Error("the late answer was not kept to copy")
	}
	d = doc(t, member.get(page))
	if got := strings.TrimSpace(d.Find(`[data-testid="outcome"]`).Text()); got != "Partly assured" {
		t.Errorf("the member reads the outcome %q", got)
	}
	if got := strings.TrimSpace(d.Find(`[data-testid="answer"]`).Text()); got != "71% in the first quarter, 93% in the third." {
		t.Errorf("the member reads the answer %q", got)
	}
	events, err := b.st.AuditEvents(context.Background(), "challenge", 10)
	if err != nil || len(events) != 4 || *events[0].ActorID != b.users[domain.RoleChair].ID || *events[3].ActorID != b.users[domain.RoleChair].ID {
		t.Errorf("the audit trail: %d events, %v", len(events), err)
	}
}

func TestTheManagerClosesTheChallengesAManagerRaised(t *testing.T) {
	t.Parallel()
	b := newChallengeBoard(t)
	manager := b.as(domain.RoleManager)
	id := b.raise(domain.RoleManager, b.other, "When will the return be submitted?", 7)
	closing := url.Values{"version": {"1"}, "outcome": {"escalated"}, "what_changed": {"Taken to the board meeting."}}
	if msg := manager.followFlash(manager.post(challengePath(id)+"/close", closing)); msg != "The challenge has been closed as escalated" {
		t.Fatalf("after closing: %q", msg)
	}
	d := doc(t, b.otherLead.get(challengePath(id)))
	if got := strings.TrimSpace(d.Find(`[data-testid="no-answer"]`).Text()); got != "Kent Probation did not answer before the challenge was closed." {
		t.Errorf("the lead reads %q", got)
	}
}

// TestTheLogIsFilteredInItsAddressAndByWhoReadsIt asks the log as each role
// with each filter.
func TestTheLogIsFilteredInItsAddressAndByWhoReadsIt(t *testing.T) {
	t.Parallel()
	b := newChallengeBoard(t)
	ctx := context.Background()
	overdue := b.raise(domain.RoleChair, b.agencyID, "Overdue to police", -2)
	b.raise(domain.RoleChair, b.other, "Open to probation", 10)
	closed := b.raise(domain.RoleChair, b.other, "Closed to probation", 10)
	if err := b.st.CloseChallenge(ctx, domain.UserActor(b.users[domain.RoleChair]), closed, 1,
		domain.ChallengeClosing{Outcome: domain.OutcomeAssured, WhatChanged: "Nothing needed."}); err != nil {
		t.Fatal(err)
	}
	questions := func(c *client, query string) string {
		t.Helper()
		res := c.get(logPath + query)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", query, res.StatusCode)
		}
		var out []string
		doc(t, res).Find(`[data-testid="challenge-link"]`).Each(func(_ int, s *goquery.Selection) { out = append(out, s.Text()) })
		return strings.Join(out, "|")
	}
	chair, lead, member := b.as(domain.RoleChair), b.as(domain.RoleLead), b.as(domain.RoleMember)
	cases := []struct {
		name  string
		c     *client
		query string
		want  string
	}{
		{"the chair reads every challenge", chair, "", "Overdue to police|Open to probation|Closed to probation"},
		{"open ones", chair, "?status=open", "Overdue to police|Open to probation"},
		{"one agency's", chair, "?agency=kent-probation", "Open to probation|Closed to probation"},
		{"overdue ones", chair, "?overdue=yes", "Overdue to police"},
		{"an unknown agency's: none", chair, "?agency=nobody", ""},
		{"a lead reads their agency's only", lead, "", "Overdue to police"},
		{"a lead's agency filter is theirs", lead, "?agency=kent-probation", "Overdue to police"},
		{"a member reads closed ones only", member, "", "Closed to probation"},
		{"a member asking for open ones reads none", member, "?status=open", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := questions(c.c, c.query); got != c.want {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
	// The filters' form sends its empty fields too: the address keeps only those chosen.
	res := chair.get(logPath + "?status=open&agency=&overdue=")
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != logPath+"?status=open" {
		t.Errorf("the filters' address: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	d := doc(t, chair.get(logPath+"?overdue=yes"))
	if d.Find(`#overdue[checked]`).Length() != 1 || d.Find(`[data-testid="clear-filters"]`).Length() != 1 {
		t.Error("the filtered log does not show its filters")
	}
	row := d.Find(`[data-testid="challenge"]`)
	if got := row.Find(`[data-testid="challenge-status"]`).Text(); !strings.Contains(got, "Overdue") || !strings.Contains(got, "Open") {
		t.Errorf("the overdue challenge's status: %q", got)
	}
	d = doc(t, chair.get(logPath+"?status=closed"))
	if got := d.Find(`[data-testid="to-close"]`).Text(); got != "the same day" {
		t.Errorf("the closed challenge took %q", got)
	}
	if d := doc(t, member.get(logPath)); d.Find(`#status`).Length() != 0 || d.Find(`[data-testid="raise-challenge"]`).Length() != 0 {
		t.Error("a member is offered the status filter or raising")
	}
	_ = overdue
}

// TestTheChallengeRoutesRefuseWhoMayNotUseThem walks every route of the log
// and asks it as each role.
func TestTheChallengeRoutesRefuseWhoMayNotUseThem(t *testing.T) {
	t.Parallel()
	b := newChallengeBoard(t)
	id := b.raise(domain.RoleChair, b.agencyID, "Open to police", 10)
	page := challengePath(id)
	type want map[domain.Role]int
	allowed := map[string]want{
		"GET " + logPath:                              {domain.RoleManager: 200, domain.RoleChair: 200, domain.RoleLead: 200, domain.RoleMember: 200},
		"GET " + logPath + "/new":                     {domain.RoleManager: 200, domain.RoleChair: 200, domain.RoleLead: 403, domain.RoleMember: 403},
		"POST " + logPath:                             {domain.RoleManager: 422, domain.RoleChair: 422, domain.RoleLead: 403, domain.RoleMember: 403},
		"GET " + page:                                 {domain.RoleManager: 200, domain.RoleChair: 200, domain.RoleLead: 200, domain.RoleMember: 403},
		"POST " + page + "/answer":                    {domain.RoleManager: 403, domain.RoleChair: 403, domain.RoleLead: 400, domain.RoleMember: 403},
		"POST " + page + "/close":                     {domain.RoleManager: 403, domain.RoleChair: 400, domain.RoleLead: 403, domain.RoleMember: 403},
		"GET " + logPath + "/999":                     {domain.RoleManager: 404, domain.RoleChair: 404, domain.RoleLead: 404, domain.RoleMember: 404},
		"GET " + logPath + "/new?about=indicator:999": {domain.RoleManager: 404, domain.RoleChair: 404, domain.RoleLead: 403, domain.RoleMember: 403},
	}
	// Every route of the log is asked.
	var walked int
	for _, route := range routes(t, b.board) {
		if strings.Contains(route, "/challenges") {
			walked++
		}
	}
	if walked != 6 {
		t.Errorf("the router has %d challenge routes; this test asks 6", walked)
	}
	for route, codes := range allowed {
		method, path, _ := strings.Cut(route, " ")
		for role, code := range codes {
			t.Run(string(role)+" "+route, func(t *testing.T) {
				c := b.as(role)
				var res *http.Response
				if method == http.MethodGet {
					res = c.get(path)
				} else {
					res = c.post(path, url.Values{})
				}
				if res.StatusCode != code {
					t.Fatalf("status %d, want %d", res.StatusCode, code)
				}
			})
		}
	}
}

// TestChallengesShowBesideTheirTargets: the return page lists the agency's
// challenges with the way to raise one; the indicator page its own.
func TestChallengesShowBesideTheirTargets(t *testing.T) {
	t.Parallel()
	b := newChallengeBoard(t)
	ctx := context.Background()
	b.raise(domain.RoleChair, b.agencyID, "Open to police", 10)
	ind, err := b.st.CreateIndicator(ctx, domain.CommandLine, store.IndicatorFields{Code: "CPC", Name: "Conferences", Theme: "Conferences",
		Unit: domain.UnitCount, Polarity: domain.PolarityNeither, Frequency: domain.FrequencyMonthly, YTDRule: domain.YTDSum, AgencyID: b.agencyID})
	if err != nil {
		t.Fatal(err)
	}
	y, m, d := time.Now().In(domain.London()).Date()
	if _, err := b.st.RaiseChallenge(ctx, domain.UserActor(b.users[domain.RoleChair]), mustPeriod(t, b.board).ID, domain.NewChallenge{
		Target: domain.ChallengeTarget{Kind: domain.TargetIndicator, ID: ind}, AgencyID: b.other, Question: "Why do probation officers miss conferences?",
		RespondBy: time.Date(y, m, d+10, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	lead := b.as(domain.RoleLead)
	panel := doc(t, lead.get("/periods/2009-10/returns/kent-police")).Find(`[data-testid="challenges-beside"]`)
	if got := panel.Find(`[data-testid="challenge-link"]`).Text(); got != "Open to police" || panel.Find(`[data-testid="raise-beside"]`).Length() != 0 {
		t.Errorf("the lead's return page shows %q, and a way to raise: %d", got, panel.Find(`[data-testid="raise-beside"]`).Length())
	}
	// The lead's grid of the indicator shows no other agency's challenge about it.
	if got := doc(t, lead.get("/periods/2009-10/returns/kent-police/performance/CPC")).Find(`[data-testid="challenge-line"]`).Length(); got != 0 {
		t.Errorf("the lead's grid shows %d challenges", got)
	}
	if got := doc(t, b.otherLead.get(challengePath(2))).Find(`[data-testid="about"] a`).Length(); got != 0 {
		t.Error("probation's lead is linked to an indicator page it may not read")
	}
	chair := b.as(domain.RoleChair)
	d2 := doc(t, chair.get("/periods/2009-10/indicators/CPC"))
	if got := d2.Find(`[data-testid="challenge-link"]`).Text(); got != "Why do probation officers miss conferences?" {
		t.Errorf("the indicator page shows %q", got)
	}
	raise, _ := d2.Find(`[data-testid="raise-beside"]`).Attr("href")
	if raise != logPath+"/new?about=indicator%3A"+strconv.FormatInt(ind, 10) {
		t.Errorf("the way to raise one: %q", raise)
	}
	// The form offers the agencies, the indicator's owner chosen.
	if v, _ := doc(t, chair.get(raise)).Find(`#agency option[selected]`).Attr("value"); v != "kent-police" {
		t.Errorf("the form chooses %q", v)
	}
	if doc(t, b.as(domain.RoleMember).get("/periods/2009-10/indicators/CPC")).Find(`[data-testid="challenges-beside"]`).Length() != 0 {
		t.Error("a member sees open challenges, or a way to raise one, beside the indicator")
	}
}

// TestTheReportSaysHowChallengesEndedNamingAgenciesNotPeople shows the
// section, reads it as a member, and publishes it: the published version
// keeps it as it was.
func TestTheReportSaysHowChallengesEndedNamingAgenciesNotPeople(t *testing.T) {
	t.Parallel()
	needPDFTools(t)
	b := newChallengeBoard(t)
	ctx := context.Background()
	chair := domain.UserActor(b.users[domain.RoleChair])
	first := b.raise(domain.RoleChair, b.agencyID, "How many officers attended conferences?", 10)
	if err := b.st.AnswerChallenge(ctx, domain.UserActor(b.users[domain.RoleLead]), first, 1, domain.ChallengeAnswerText{Body: "93% in the third quarter."}); err != nil {
		t.Fatal(err)
	}
	if err := b.st.CloseChallenge(ctx, chair, first, 2, domain.ChallengeClosing{Outcome: domain.OutcomePartlyAssured, WhatChanged: "Quarterly reports to the board."}); err != nil {
		t.Fatal(err)
	}
	second := b.raise(domain.RoleChair, b.other, "Why was the return late?", 10)
	b.raise(domain.RoleChair, b.other, "Still open", 10)

	p := mustPeriod(t, b.board)
	outline, err := b.st.Outline(ctx, *p)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range outline {
		if s.Kind == domain.SectionChallenge {
			if !s.Hidden {
				t.Error("the challenge section is shown by default")
			}
			if err := store.SectionList.Update(ctx, b.st, domain.UserActor(b.users[domain.RoleManager]), store.Under(p.ID), s.ID, s.Version, domain.ReportSection{Title: s.Title}); err != nil {
				t.Fatal(err)
			}
		}
	}
	section := doc(t, b.as(domain.RoleMember).get(reportPath)).Find(`[data-kind="challenge"]`)
	if got := section.Find(`[data-testid="report-section-heading"]`).Text(); got != "7. Challenge and scrutiny" {
		t.Errorf("the section's heading: %q", got)
	}
	if got := section.Find(`[data-testid="challenge-summary"]`).Text(); got != "In 2009/10 the board raised 3 challenges to partner agencies. 1 was closed: 1 partly assured. 2 were still open when this report was compiled." {
		t.Errorf("the summary: %q", got)
	}
	if got := section.Find(`[data-testid="count-partly_assured"] td`).Text(); got != "1" {
		t.Errorf("partly assured: %q", got)
	}
	text := section.Text()
	for _, want := range []string{"7.1 Kent Police", "How many officers attended conferences?", "93% in the third quarter.", "Quarterly reports to the board."} {
		if !strings.Contains(text, want) {
			t.Errorf("the section lacks %q", want)
		}
	}
	for _, person := range []string{b.users[domain.RoleChair].Name, b.users[domain.RoleLead].Name, "Still open"} {
		if strings.Contains(text, person) {
			t.Errorf("the section names %q", person)
		}
	}

	m := b.as(domain.RoleManager)
	if msg := m.followFlash(m.post(reportPath+"/publish", url.Values{"confirm": {"yes"}})); msg != "Version 1 of the 2009/10 report has been published" {
		t.Fatalf("flash %q", msg)
	}
	v1 := string(body(t, m.get("/periods/2009-10/published/1.html")))
	if !strings.Contains(v1, "Quarterly reports to the board.") {
		t.Fatal("the published version lacks the closed challenge")
	}
	if err := b.st.CloseChallenge(ctx, chair, second, 1, domain.ChallengeClosing{Outcome: domain.OutcomeEscalated, WhatChanged: "Taken to the children's trust."}); err != nil {
		t.Fatal(err)
	}
	if again := string(body(t, m.get("/periods/2009-10/published/1.html"))); again != v1 {
		t.Error("closing another challenge changed the published version")
	}
	if draft := string(body(t, m.get(reportPath))); !strings.Contains(draft, "Taken to the children") {
		t.Error("the draft report lacks the challenge closed since")
	}
}

// TestAChallengeAboutAReviewItemIsChosenFromItsReturn: the way to raise a
// challenge beside a return offers the return, each of its review items and
// each of its objectives.
func TestAChallengeAboutAReviewItemIsChosenFromItsReturn(t *testing.T) {
	t.Parallel()
	b := newChallengeBoard(t)
	ctx := context.Background()
	p := mustPeriod(t, b.board)
	leadActor := domain.UserActor(b.users[domain.RoleLead])
	item, err := store.ReviewItemList.Add(ctx, b.st, leadActor, store.InReturn(p.ID, b.agencyID), domain.ReviewItem{Title: "Officers trained in DASH", HowMuch: "1,842 officers"})
	if err != nil {
		t.Fatal(err)
	}
	objective, err := store.ObjectiveList.Add(ctx, b.st, leadActor, store.InReturn(p.ID, b.agencyID), domain.Objective{Intend: "Train every officer"})
	if err != nil {
		t.Fatal(err)
	}
	accept(t, b.board)
	chair := b.as(domain.RoleChair)
	raise, _ := doc(t, chair.get("/periods/2009-10/returns/kent-police")).Find(`[data-testid="raise-beside"]`).Attr("href")
	d := doc(t, chair.get(raise))
	var choices []string
	d.Find(`input[name="about"]`).Each(func(_ int, s *goquery.Selection) {
		v, _ := s.Attr("value")
		choices = append(choices, v)
	})
	ret, err := b.st.ReturnFor(ctx, p.ID, b.agencyID)
	if err != nil {
		t.Fatal(err)
	}
	itemTarget := "review_item:" + strconv.FormatInt(item, 10)
	if want := "return:" + strconv.FormatInt(ret.ID, 10) + " " + itemTarget + " objective:" + strconv.FormatInt(objective, 10); strings.Join(choices, " ") != want {
		t.Fatalf("the form offers %v, want %s", choices, want)
	}
	if _, checked := d.Find(`input[name="about"]`).First().Attr("checked"); !checked {
		t.Error("the return as a whole is not chosen to start with")
	}
	res := chair.post(logPath, form(url.Values{"about": {itemTarget}, "question": {"How many officers have used DASH on a case?"}}, dateIn(7)))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("raising about the item: %d", res.StatusCode)
	}
	page := res.Header.Get("Location")
	for _, c := range []*client{chair, b.as(domain.RoleLead)} {
		href, _ := doc(t, c.get(page)).Find(`[data-testid="about"] a`).Attr("href")
		if want := "/periods/2009-10/returns/kent-police#item-" + strconv.FormatInt(item, 10); href != want {
			t.Errorf("the challenge's page links to %q, want %q", href, want)
		}
	}
	// An agency posted with the item is not heeded: the challenge goes to the item's agency.
	res = chair.post(logPath, form(url.Values{"about": {itemTarget}, "agency": {"kent-probation"}, "question": {"Why?"}}, dateIn(7)))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("raising again: %d", res.StatusCode)
	}
	if got := doc(t, chair.get(res.Header.Get("Location"))).Find(`h1`).Text(); got != "Challenge to Kent Police" {
		t.Errorf("the second challenge is %q", got)
	}
}

// TestAChallengeShowsBesideTheItemOrObjectiveItIsAbout: the chair raises a
// challenge from beside a review item and beside an objective of the return
// they review; each shows beside its entry, to the chair and to the lead,
// whose way leads to the answer, on the read-only return and on the lead's
// lists while the return is back with them; members read closed ones only.
func TestAChallengeShowsBesideTheItemOrObjectiveItIsAbout(t *testing.T) {
	t.Parallel()
	b := newChallengeBoard(t)
	ctx := context.Background()
	p := mustPeriod(t, b.board)
	leadActor := domain.UserActor(b.users[domain.RoleLead])
	var items []int64
	for _, title := range []string{"Officers trained in DASH", "MARAC cases"} {
		id, err := store.ReviewItemList.Add(ctx, b.st, leadActor, store.InReturn(p.ID, b.agencyID), domain.ReviewItem{Title: title, HowMuch: "Some"})
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, id)
	}
	objective, err := store.ObjectiveList.Add(ctx, b.st, leadActor, store.InReturn(p.ID, b.agencyID), domain.Objective{Intend: "Train every officer"})
	if err != nil {
		t.Fatal(err)
	}
	transition(t, b.board, domain.RoleLead, domain.ActionSubmit)
	const returnPath = "/periods/2009-10/returns/kent-police"
	item := func(d *goquery.Document, id int64) *goquery.Selection {
		return d.Find("#item-" + strconv.FormatInt(id, 10))
	}
	// The objective's row, and the row beside it below.
	objectiveRows := func(d *goquery.Document) *goquery.Selection {
		return d.Find("#objective-" + strconv.FormatInt(objective, 10)).Next()
	}

	// The chair raises one challenge from beside the second item, one from beside the objective.
	chair := b.as(domain.RoleChair)
	d := doc(t, chair.get(returnPath))
	raiseItem, _ := item(d, items[1]).Find(`[data-testid="raise-about-entry"]`).Attr("href")
	raiseObjective, _ := objectiveRows(d).Find(`[data-testid="raise-about-entry"]`).Attr("href")
	if raiseItem != logPath+"/new?about=review_item%3A"+strconv.FormatInt(items[1], 10) ||
		raiseObjective != logPath+"/new?about=objective%3A"+strconv.FormatInt(objective, 10) {
		t.Fatalf("the ways to raise beside the item and the objective: %q, %q", raiseItem, raiseObjective)
	}
	for _, tc := range []struct{ raise, question string }{{raiseItem, "How many cases went to MARAC twice?"}, {raiseObjective, "By when will every officer be trained?"}} {
		fd := doc(t, chair.get(tc.raise))
		about, _ := fd.Find(`input[name="about"][checked]`).Attr("value")
		res := chair.post(logPath, form(url.Values{"about": {about}, "question": {tc.question}}, dateIn(7)))
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("raising %q: %d", tc.question, res.StatusCode)
		}
	}

	d = doc(t, chair.get(returnPath))
	if got := item(d, items[1]).Find(`[data-testid="remark-challenge"]`).Text(); !strings.Contains(got, "How many cases went to MARAC twice?") || !strings.Contains(got, "Open") {
		t.Errorf("beside the item the chair reads %q", got)
	}
	if n := item(d, items[0]).Find(`[data-testid="remark-challenge"]`).Length(); n != 0 {
		t.Errorf("the other item shows %d challenges", n)
	}
	if got := objectiveRows(d).Find(`[data-testid="remark-challenge"]`).Text(); !strings.Contains(got, "By when will every officer be trained?") {
		t.Errorf("beside the objective the chair reads %q", got)
	}

	// The lead reads them beside the item and the objective, and the way leads to the answer.
	lead := b.as(domain.RoleLead)
	d = doc(t, lead.get(returnPath))
	if n := d.Find(`[data-testid="raise-about-entry"]`).Length(); n != 0 {
		t.Errorf("the lead is offered %d ways to raise a challenge", n)
	}
	link := item(d, items[1]).Find(`[data-testid="remark-challenge"] [data-testid="remark-link"]`)
	href, _ := link.Attr("href")
	if link.Text() != "Answer this challenge" || !strings.HasPrefix(href, logPath+"/") {
		t.Fatalf("beside the item the lead is led by %q to %q", link.Text(), href)
	}
	res := lead.post(href+"/answer", url.Values{"version": {"1"}, "answer": {"Twelve, all reviewed."}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("answering: %d", res.StatusCode)
	}
	d = doc(t, lead.get(returnPath))
	if got := item(d, items[1]).Find(`[data-testid="remark-status"]`).Text(); !strings.Contains(got, "Answered") {
		t.Errorf("once answered, the status beside the item reads %q", got)
	}
	if got := objectiveRows(d).Find(`[data-testid="remark-link"]`).Text(); got != "Answer this challenge" {
		t.Errorf("beside the objective the lead is led by %q", got)
	}

	// Sent back, the lead's own lists show them beside the item and the objective.
	transition(t, b.board, domain.RoleManager, domain.ActionSendBack)
	d = doc(t, lead.get(returnPath+"/review"))
	if got := d.Find("#" + templates.ItemCardID(items[1]) + ` [data-testid="remark-challenge"]`).Text(); !strings.Contains(got, "How many cases went to MARAC twice?") {
		t.Errorf("the lead's review items show %q beside the item", got)
	}
	d = doc(t, lead.get(returnPath+"/objectives"))
	if got := d.Find("#" + templates.ObjectiveCardID(objective) + ` [data-testid="remark-challenge"]`).Text(); !strings.Contains(got, "By when will every officer be trained?") {
		t.Errorf("the lead's objectives show %q beside the objective", got)
	}

	// A member reads the accepted return without the challenges not yet closed.
	transition(t, b.board, domain.RoleLead, domain.ActionSubmit)
	transition(t, b.board, domain.RoleManager, domain.ActionAccept)
	d = doc(t, b.as(domain.RoleMember).get(returnPath))
	if n := d.Find(`[data-testid="remark-challenge"], [data-testid="raise-about-entry"]`).Length(); n != 0 {
		t.Errorf("a member reads %d open challenges or ways to raise one", n)
	}
}
