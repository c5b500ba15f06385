package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
	"safeboard/internal/web"
)

// bigBoard is a large board's period: many agencies, each with many accepted
// review items of realistic length, served in-process on a store that counts
// its queries, with the manager signed in.
type bigBoard struct {
	st      *store.Store
	queries *store.QueryCounter
	handler http.Handler
	cookies []*http.Cookie
	srv     *web.Server
}

func newBigBoard(tb testing.TB, agencies, items int) *bigBoard {
	tb.Helper()
	ctx := context.Background()
	st, queries, err := store.OpenCounting(ctx, testdb.URL(tb))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(st.Close)
	p := domain.PeriodForYear(2009)
	periodID, err := st.CreatePeriod(ctx, domain.CommandLine, store.PeriodFields{Label: p.Label, StartsOn: p.StartsOn, EndsOn: p.EndsOn, IsOpen: true})
	if err != nil {
		tb.Fatal(err)
	}
	managerID, err := st.CreateUser(ctx, domain.CommandLine, store.NewUser{
		Email: "manager@example.org", Name: "Board manager", Role: domain.RoleManager, PasswordHash: testHash,
	})
	if err != nil {
		tb.Fatal(err)
	}
	actor := domain.Actor{UserID: &managerID, Label: "manager@example.org"}
	for a := range agencies {
		group := ""
		switch {
		case a < 4:
			group = "The health economy"
		case a < 7:
			group = "The secure estate"
		}
		agencyID, err := st.CreateAgency(ctx, domain.CommandLine, store.AgencyFields{
			Name: fmt.Sprintf("Partner agency %02d", a+1), Slug: fmt.Sprintf("agency-%02d", a+1), ShortName: "Agency",
			Sector: "Health", GroupName: group, DisplayOrder: 10 * (a + 1), Active: true,
		})
		if err != nil {
			tb.Fatal(err)
		}
		for i := range items {
			f := domain.ReviewItem{
				Title:     fmt.Sprintf("Safeguarding training and audit, strand %d", i+1),
				HowMuch:   realisticPart(a, i, "trained"),
				HowWell:   realisticPart(a, i, "audited"),
				BetterOff: realisticPart(a, i, "supported"),
			}
			if _, err := store.ReviewItemList.Add(ctx, st, actor, store.InReturn(periodID, agencyID), f); err != nil {
				tb.Fatal(err)
			}
		}
		if _, err := store.ObjectiveList.Add(ctx, st, actor, store.InReturn(periodID, agencyID), domain.Objective{
			Intend: realisticPart(a, 0, "planned"), Quantity: "All staff", Quality: "NI59 greater than 74%", Outcomes: realisticPart(a, 1, "helped"),
		}); err != nil {
			tb.Fatal(err)
		}
		for _, action := range []domain.ReturnAction{domain.ActionSubmit, domain.ActionAccept} {
			ret, err := st.ReturnFor(ctx, periodID, agencyID)
			if err != nil {
				tb.Fatal(err)
			}
			if _, err := st.Transition(ctx, actor, ret.ID, ret.Version, action, ""); err != nil {
				tb.Fatal(err)
			}
		}
	}
	srv := web.New(st, slog.New(slog.NewJSONHandler(io.Discard, nil)), web.Config{BoardName: "Test board"})
	bb := &bigBoard{st: st, queries: queries, handler: srv.Handler(), srv: srv}
	form := url.Values{"email": {"manager@example.org"}, "password": {testPassword}}
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	rec := httptest.NewRecorder()
	bb.handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusSeeOther {
		tb.Fatalf("sign in: status %d", rec.Code)
	}
	bb.cookies = rec.Result().Cookies()
	return bb
}

// get serves one request in-process as the signed-in manager.
func (bb *bigBoard) get(path string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for _, c := range bb.cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	bb.handler.ServeHTTP(rec, req)
	return rec
}

// discard is a response writer that keeps the status and counts the bytes, so
// the benchmark measures the server's work rather than a recorder's buffer.
type discard struct {
	header http.Header
	status int
	bytes  int
}

func (d *discard) Header() http.Header { return d.header }

func (d *discard) WriteHeader(status int) { d.status = status }

func (d *discard) Write(p []byte) (int, error) {
	if d.status == 0 {
		d.status = http.StatusOK
	}
	d.bytes += len(p)
	return len(p), nil
}

// serve answers one request in-process as the signed-in manager, discarding the body.
func (bb *bigBoard) serve(req *http.Request) *discard {
	for _, c := range bb.cookies {
		req.AddCookie(c)
	}
	w := &discard{header: http.Header{}}
	bb.handler.ServeHTTP(w, req)
	return w
}

// realisticPart is about 600 characters of the kind of text agencies write:
// figures, a second paragraph and a short bulleted list.
func realisticPart(agency, item int, verb string) string {
	return fmt.Sprintf("During the year %d members of staff were %s in line with the board's multi-agency "+
		"safeguarding procedures, against a target of %d. Attendance was recorded on the training database "+
		"and followed up by line managers each quarter.\n\n"+
		"Of the %d cases reviewed, %d%% met the required standard for timeliness and %d%% for the quality "+
		"of recording; the remainder have individual action plans.\n\n"+
		"- %d referrals made to children's social care\n"+
		"- %d cases discussed at MARAC\n"+
		"- %d families offered early help through a common assessment",
		120+agency*7+item, verb, 150+item, 40+item, 70+agency%30, 60+item%40, 30+item, 10+agency, 200+agency*item)
}

// pageQueries are the statements of a request other than the one every
// signed-in page runs first: reading the session with its user and the data
// version (store.ReadSession). Writing the session (rare: only when it changed
// or its expiry moves by more than a minute) is left out too.
func pageQueries(all []string) []string {
	var out []string
	for _, q := range all {
		if strings.Contains(q, "FROM sessions") || strings.Contains(q, "INTO sessions") || strings.Contains(q, "UPDATE sessions") {
			continue
		}
		out = append(out, q)
	}
	return out
}

func TestReportSectionsAreBuiltFromAFewQueriesAtAnySize(t *testing.T) {
	t.Parallel()
	bb := newBigBoard(t, 30, 15)
	for _, tc := range []struct {
		path    string
		testid  string
		entries int
	}{
		{"/periods/2009-10/report/partner-reviews", `data-testid="review-item"`, 30 * 15},
		{"/periods/2009-10/report/partner-reviews?preview=submitted", `data-testid="review-item"`, 30 * 15},
		{"/periods/2009-10/report/objectives", `data-testid="objective"`, 30},
	} {
		t.Run(tc.path, func(t *testing.T) {
			bb.queries.Reset()
			rec := bb.get(tc.path)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d", rec.Code)
			}
			all := bb.queries.Queries()
			page := pageQueries(all)
			for i, q := range all {
				t.Logf("query %d: %s", i+1, strings.Join(strings.Fields(q), " "))
			}
			// The period (read by the middleware), the agencies with their returns' statuses, and every included entry.
			if len(page) > 3 {
				t.Errorf("the page ran %d queries besides the session's and the user's, want at most 3", len(page))
			}
			if len(all) > len(page)+1 {
				t.Errorf("%d queries in all: more than the session's and the user's 1 besides the page's %d", len(all), len(page))
			}
			if got := strings.Count(rec.Body.String(), tc.testid); got != tc.entries {
				t.Errorf("%d entries shown, want %d", got, tc.entries)
			}
		})
	}
}

// BenchmarkPartnerReviews measures the server time of the partner reviews
// section for 30 agencies with 15 accepted items each, about 600 characters
// per part: go test -run '^$' -bench PartnerReviews -benchmem ./internal/web/
func BenchmarkPartnerReviews(b *testing.B) {
	bb := newBigBoard(b, 30, 15)
	size := bb.get("/periods/2009-10/report/partner-reviews").Body.Len()
	b.SetBytes(int64(size))
	bb.queries.Reset()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		w := bb.serve(httptest.NewRequest(http.MethodGet, "/periods/2009-10/report/partner-reviews", nil))
		if w.status != http.StatusOK || w.bytes != size {
			b.Fatalf("status %d, %d bytes; want 200 and %d bytes", w.status, w.bytes, size)
		}
	}
	b.ReportMetric(float64(bb.queries.Count())/float64(b.N), "queries/op")
}
