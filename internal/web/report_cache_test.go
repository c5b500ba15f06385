package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"safeboard/internal/demo"
	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
	"safeboard/internal/web"
)

const wholeReport = "/periods/2009-10/report"

// demoServers are two app servers over one database holding the demo board,
// as behind a load balancer; the first counts its queries.
func demoServers(t *testing.T) (st *store.Store, queries *store.QueryCounter, first, second *board) {
	t.Helper()
	url := testdb.URL(t)
	st, queries, err := store.OpenCounting(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	if _, err := demo.Load(context.Background(), st, demo.DefaultPassword); err != nil {
		t.Fatal(err)
	}
	testdb.CheapPasswords(t, st, demo.DefaultPassword)
	other, err := store.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(other.Close)
	serve := func(st *store.Store) *board {
		b := &board{t: t, st: st, srv: web.New(st, slog.New(slog.NewJSONHandler(io.Discard, nil)), web.Config{})}
		b.http = httptest.NewServer(b.srv.Handler())
		t.Cleanup(b.http.Close)
		return b
	}
	return st, queries, serve(st), serve(other)
}

// signInDemo signs in as a demo account.
func (b *board) signInDemo(email string) *client {
	b.t.Helper()
	c := b.client()
	if res := c.post("/login", url.Values{"email": {email}, "password": {demo.DefaultPassword}}); res.StatusCode != http.StatusSeeOther {
		b.t.Fatalf("sign in as %s: status %d", email, res.StatusCode)
	}
	return c
}

func TestTheWholeReportIsBuiltOncePerDataVersion(t *testing.T) {
	t.Parallel()
	_, queries, b, _ := demoServers(t)
	manager := b.signInDemo("manager@demo.test")
	first := readAll(t, manager.get(wholeReport))
	queries.Reset()
	again := readAll(t, manager.get(wholeReport))
	if again != first {
		t.Error("the report read again differs from the first")
	}
	// The session with its user and the data version, and nothing else: the period is kept too (lookups.go).
	if n := len(pageQueries(queries.Queries())); n != 0 {
		t.Errorf("the report read again ran %d queries besides the session's, want none: %q", n, pageQueries(queries.Queries()))
	}

	// Each kind of reader sees their own: the member neither the preview link nor where missing returns stand.
	member := readAll(t, b.signInDemo("member@demo.test").get(wholeReport))
	if strings.Contains(member, `data-testid="preview-link"`) || !strings.Contains(first, `data-testid="preview-link"`) {
		t.Error("the preview link is shown to the member or not to the manager")
	}
	preview := readAll(t, manager.get(wholeReport+"?preview=submitted"))
	if !strings.Contains(preview, `data-testid="preview"`) || strings.Contains(first, `data-testid="preview"`) {
		t.Error("the manager's preview and report are mixed up")
	}
}

func TestACachedReportIsNeverStaleOnAnyServer(t *testing.T) {
	t.Parallel()
	st, _, first, second := demoServers(t)
	ctx := context.Background()
	period, err := st.PeriodBySlug(ctx, "2009-10")
	if err != nil {
		t.Fatal(err)
	}
	readers := []*client{first.signInDemo("manager@demo.test"), second.signInDemo("manager@demo.test"), first.signInDemo("chair@demo.test")}
	read := func() []string {
		var pages []string
		for _, c := range readers {
			pages = append(pages, readAll(t, c.get(wholeReport)))
		}
		return pages
	}
	read() // every server has the report now

	police, err := st.AgencyBySlug(ctx, "kent-police")
	if err != nil {
		t.Fatal(err)
	}
	for _, change := range []struct {
		name string
		make func() error
		want string // shown by every reader after the change
	}{
		{"the cover's title, saved on the second server", func() error {
			cover, err := st.ReportCover(ctx, period.ID)
			if err != nil {
				return err
			}
			res := readers[1].post(wholeReport+"/board/cover", url.Values{"version": {strconv.Itoa(cover.Version)}, "title": {"A year of listening to children"}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("save the cover: status %d", res.StatusCode)
			}
			return nil
		}, "A year of listening to children"},
		{"an agency renamed", func() error {
			return st.UpdateAgency(ctx, domain.CommandLine, police.ID, store.AgencyFields{Name: "Kent Constabulary", Slug: police.Slug,
				ShortName: police.ShortName, Sector: police.Sector, GroupName: police.GroupName, DisplayOrder: police.DisplayOrder, Active: police.Active})
		}, "Kent Constabulary"},
		{"an indicator's commentary changed by any means", func() error {
			_, err := st.Pool().Exec(ctx, `UPDATE indicator_commentary SET body = 'Conferences were quicker this year.'
				WHERE period_id = $1 AND indicator_id = (SELECT id FROM indicators WHERE code = 'CPC-CAUSE')`, period.ID)
			return err
		}, "Conferences were quicker this year."},
		{"a return reopened", func() error {
			r, err := st.ReturnFor(ctx, period.ID, police.ID)
			if err != nil {
				return err
			}
			_, err = st.Transition(ctx, domain.CommandLine, r.ID, r.Version, domain.ActionReopen, "")
			return err
		}, "Kent Constabulary (submitted)"},
	} {
		if err := change.make(); err != nil {
			t.Fatalf("%s: %v", change.name, err)
		}
		for i, page := range read() {
			if !strings.Contains(page, change.want) {
				t.Errorf("after %s, reader %d's report does not show %q", change.name, i+1, change.want)
			}
		}
		// The agency and the period an address names are kept per data version too.
		for i, c := range readers[:2] {
			if page := readAll(t, c.get("/periods/2009-10/returns/kent-police")); !strings.Contains(page, "Kent Constabulary") && change.name != "the cover's title, saved on the second server" {
				t.Errorf("after %s, server %d's return page does not name the agency as it is now", change.name, i+1)
			}
		}
	}
}

// Section 4's figures are read once per data version, by whichever page
// needs them first, and a figure changed by any means shows at once.
func TestSection4FiguresAreReadOncePerDataVersionAndNeverStale(t *testing.T) {
	t.Parallel()
	st, queries, b, _ := demoServers(t)
	ctx := context.Background()
	manager := b.signInDemo("manager@demo.test")
	const section4 = wholeReport + "/performance"
	first := readAll(t, manager.get(section4))
	queries.Reset()
	if again := readAll(t, manager.get(section4)); again != first {
		t.Error("section 4 read again differs from the first")
	}
	for _, q := range pageQueries(queries.Queries()) {
		if strings.Contains(q, "indicator_totals") || strings.Contains(q, "indicator_cell_years") {
			t.Errorf("section 4 read again read the figures again: %.80q", q)
		}
	}
	// The whole report's section 4 uses the same read.
	queries.Reset()
	readAll(t, manager.get(wholeReport))
	n := 0
	for _, q := range pageQueries(queries.Queries()) {
		if strings.Contains(q, "indicator_totals") {
			n++
		}
	}
	if n != 0 {
		t.Errorf("the whole report read the figures %d times at a data version section 4 had read them at", n)
	}

	// One month's conferences for one cause up by 1,000, with plain SQL.
	var now int
	err := st.Pool().QueryRow(ctx, `UPDATE indicator_values SET value = value + 1000
		WHERE ctid = (SELECT v.ctid FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
		              WHERE i.code = 'CPC-CAUSE' AND v.on_date = '2009-06-01' ORDER BY v.value DESC LIMIT 1)
		RETURNING value::int`).Scan(&now)
	if err != nil {
		t.Fatalf("change a figure: %v", err)
	}
	want := strconv.Itoa(now/1000) + "," + fmt.Sprintf("%03d", now%1000)
	if strings.Contains(first, want) {
		t.Fatalf("section 4 showed %s before the change", want)
	}
	if page := readAll(t, manager.get(section4)); !strings.Contains(page, want) {
		t.Errorf("after a figure changed, section 4 does not show its new %s", want)
	}
}
