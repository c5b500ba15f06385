package web_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

func TestTextWithANULByteOrBadUTF8ComesBackIn422AtItsField(t *testing.T) {
	t.Parallel()
	j := newJourney(t)
	c := j.as(domain.RoleLead)

	typed := url.Values{
		"title":    {"Training\x00 in DASH"},
		"how_much": {"1,842 officers\nand \xff\xfe staff trained"},
		"how_well": {"92% within 24 hours"},
	}
	d := wantFormError(t, c.post(kent+"/review", typed), "title",
		"The title contains characters that cannot be saved, shown as \uFFFD: remove them and save again")
	if msg := d.Find("#how_much-error").Text(); !strings.Contains(msg, "contains characters that cannot be saved") {
		t.Errorf("how much: message %q, want one about characters that cannot be saved", msg)
	}
	if got, _ := d.Find("input#title").Attr("value"); !strings.HasPrefix(got, "Training") || !strings.HasSuffix(got, " in DASH") {
		t.Errorf("title shown back as %q", got)
	}
	if got := d.Find("textarea#how_much").Text(); !strings.HasPrefix(got, "1,842 officers\nand ") || !strings.HasSuffix(got, " staff trained") {
		t.Errorf("how much shown back as %q", got)
	}
	if got := d.Find("textarea#how_well").Text(); got != "92% within 24 hours" {
		t.Errorf("how well shown back as %q", got)
	}
	if items := j.items(); len(items) != 0 {
		t.Errorf("saved %d items, want none", len(items))
	}
}

func TestTextTheDatabaseRefusesComesBackIn422WithEveryField(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.as(domain.RoleManager)
	// The breakdown form checks its own fields: the database is what refuses the NUL.
	res := c.post("/admin/dimensions", url.Values{"name": {"Age\x00 band"}, "options": {"Under 5\n5 to 9"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", res.StatusCode)
	}
	d := doc(t, res)
	if got := textOf(d.Find(`[data-testid="posted-name"]`)); got != "Age\uFFFD band" {
		t.Errorf("name shown back as %q", got)
	}
	if got := textOf(d.Find(`[data-testid="posted-options"]`)); got != "Under 5 5 to 9" {
		t.Errorf("options shown back as %q", got)
	}
}

func TestWhileTheDatabaseIsDownPagesAnswer503AndAPostedFormComesBack(t *testing.T) {
	t.Parallel()
	j := newJourney(t)
	c := j.as(domain.RoleLead)
	if res := c.get(kent); res.StatusCode != http.StatusOK {
		t.Fatalf("before the outage: status %d", res.StatusCode)
	}

	// The outage: the database refuses new connections and ends those it has.
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	name := j.st.Pool().Config().ConnConfig.Database
	if _, err := admin.Exec(ctx, `ALTER DATABASE `+pgx.Identifier{name}.Sanitize()+` ALLOW_CONNECTIONS false`); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, name); err != nil {
		t.Fatal(err)
	}

	res := c.get(kent)
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
		t.Fatalf("a page during the outage: status %d, Retry-After %q; want 503 with Retry-After", res.StatusCode, res.Header.Get("Retry-After"))
	}
	if got := textOf(doc(t, res).Find(`[data-testid="error-title"]`)); got != "Sorry, the service is unavailable" {
		t.Errorf("title %q", got)
	}

	typed := url.Values{"title": {"Training in DASH"}, "how_much": {"1,842 officers\ntrained"}, "return_version": {"1"}}
	res = c.post(kent+"/review", typed)
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("a save during the outage: status %d, want 503", res.StatusCode)
	}
	d := doc(t, res)
	rows := d.Find(`[data-testid="posted-fields"] .govuk-summary-list__row`)
	want := map[string][2]string{
		"title":    {"The title", "Training in DASH"},
		"how_much": {"Your answer to ‘How much did we do?’", "1,842 officers trained"},
	}
	for name, w := range want {
		value := d.Find(`[data-testid="posted-` + name + `"]`)
		if got := textOf(value); got != w[1] {
			t.Errorf("%s shown as %q, want %q", name, got, w[1])
		}
		if got := textOf(value.Parent().Find("dt")); got != w[0] {
			t.Errorf("%s labelled %q, want %q", name, got, w[0])
		}
	}
	if rows.Length() != 3 {
		t.Errorf("%d fields listed, want 3 (with the return's version)", rows.Length())
	}
}
