package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"safeboard/internal/domain"
)

// FuzzFormDecoding posts any bytes as a form body and holds the decoding
// to what nothing-typed-is-lost needs: checkForm flags exactly the fields
// PostgreSQL could not store, and what is shown back is always valid UTF-8
// without NUL bytes, keeping every storable character.
func FuzzFormDecoding(f *testing.F) {
	for _, seed := range []string{
		"title=Training&how_much=1%2C842+officers",
		"title=Train%00ing&how_much=ok",
		"title=%FF%FE&how_well=%C3%28",
		"title=%3D1%2B1&how_much=%40SUM(A1)",
		"body=" + strings.Repeat("a", 1000),
		"title=%E2%82&how_much=%ED%A0%80",
		"%00=%00&title=x",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if err := parseForm(r); err != nil {
			return
		}
		item := domain.ReviewItem{Title: field(r, "title"), HowMuch: textField(r, "how_much"), HowWell: textField(r, "how_well"), BetterOff: textField(r, "better_off")}
		errs := checkForm(item)
		for name, value := range map[string]string{"title": item.Title, "how_much": item.HowMuch, "how_well": item.HowWell, "better_off": item.BetterOff} {
			flagged := strings.Contains(errs.For(name), "cannot be saved")
			if flagged == storable(value) {
				t.Fatalf("%s %q: flagged %t, storable %t", name, value, flagged, storable(value))
			}
		}
		for _, p := range postedFields(r) {
			for _, s := range []string{p.Name, p.Label, p.Value} {
				if !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 {
					t.Fatalf("shown back as %q", s)
				}
			}
		}
		values, _ := url.ParseQuery(body)
		for _, vs := range values {
			for _, v := range vs {
				if storable(v) && shownBack(v) != v {
					t.Fatalf("storable %q shown back as %q", v, shownBack(v))
				}
			}
		}
	})
}
