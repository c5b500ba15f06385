package web_test

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"safeboard/internal/domain"
)

func TestIndicatorPageShowsTrendMonthsBreakdownAndCommentary(t *testing.T) {
	t.Parallel()
	d := newDashBoard(t)
	c := d.as(domain.RoleChair)
	dash := d.page(t, c, "/periods/2009-10/dashboard")
	href, _ := card(dash, "NI65").Find("h4 a").Attr("href")
	if href != "/periods/2009-10/indicators/NI65" {
		t.Fatalf("the card links to %q", href)
	}
	page := d.page(t, c, href)
	if got := squash(page.Find("h1").Text()); got != "Name of NI65" {
		t.Errorf("heading %q", got)
	}
	rows := page.Find(`[data-testid="months"] tbody tr`)
	if rows.Length() != 13 {
		t.Fatalf("%d rows in the monthly table, want 12 months and the year to date", rows.Length())
	}
	if got := rowText(rows.Eq(11)); got != "March 2010 17% 14.2%" {
		t.Errorf("March's row %q", got)
	}
	// NI65's figure for the year is its latest, and says so.
	if got := rowText(rows.Eq(12)); got != "Latest 17% 14.2%" {
		t.Errorf("the year's figure's row %q", got)
	}
	if got := squash(page.Find(`[data-testid="like-for-like-words"]`).Text()); got != "2009/10: 17%, against 14.2% in 2008/09: up 2.8 percentage points" {
		t.Errorf("like for like: %q", got)
	}
	if page.Find(`[data-testid="rolling"]`).Length() != 0 {
		t.Error("an indicator whose figure is its latest shows a rolling 12 months")
	}
	if got := squash(page.Find(`[data-testid="commentary"]`).Text()); !strings.Contains(got, "sibling groups") {
		t.Errorf("commentary %q", got)
	}
	if !strings.Contains(page.Text(), "Medway Council") || !strings.Contains(page.Text(), "<14% (LAA)") {
		t.Error("the page does not name the owning agency and the target's source")
	}
	trend := page.Find(`[data-chart="trend-ni65"]`)
	if trend.Length() != 1 {
		t.Fatal("no trend chart")
	}
	svg, _ := trend.Find("svg").Html()
	for _, want := range []string{`data-series="2009/10"`, `data-series="2008/09"`, `data-role="target"`, `data-role="comparator"`} {
		if !strings.Contains(svg, want) {
			t.Errorf("the trend chart lacks %s", want)
		}
	}
	if page.Find(`[data-chart="cmp-ni65"]`).Length() != 1 {
		t.Error("no chart against comparators by year")
	}
	// A breakdown: a stacked bar chart by category, its totals the sums of the parts.
	cause := d.page(t, c, "/periods/2009-10/indicators/CAUSE")
	bars := cause.Find(`[data-chart="breakdown-cause-1"]`)
	if bars.Length() != 1 {
		t.Fatal("no stacked bar chart for a breakdown")
	}
	if got := bars.Find(`text[data-role="total"]`).Length(); got != 12 {
		t.Errorf("%d totals, want one per month", got)
	}
	if got := rowText(bars.Find(`table tbody tr`).First()); got != "April 2009 2 1 – 3" {
		t.Errorf("April's row of the breakdown %q", got)
	}
}

func TestEveryChartParsesAndItsTableHoldsTheSameFigures(t *testing.T) {
	t.Parallel()
	d := newDashBoard(t)
	c := d.as(domain.RoleChair)
	for _, path := range []string{
		"/periods/2009-10/dashboard", "/periods/2009-10/indicators/NI65", "/periods/2009-10/indicators/CAUSE",
		"/periods/2009-10/indicators/GAP",
	} {
		t.Run(path, func(t *testing.T) {
			res := c.get(path)
			body, err := io.ReadAll(res.Body)
			if err != nil {
				t.Fatal(err)
			}
			n, problems := chartProblems(string(body))
			for _, p := range problems {
				t.Error(p)
			}
			if n == 0 {
				t.Error("no chart checked")
			}
			t.Logf("%d charts checked", n)
		})
	}
}

var (
	svgElement   = regexp.MustCompile(`(?s)<svg\b.*?</svg>`)
	svgLabelled  = regexp.MustCompile(`aria-labelledby="([^" ]+)-title `)
	errNotParsed = errors.New("the SVG is not well-formed XML")
)

// chartProblems holds every chart on a page to its table: each SVG parses as
// XML with its title and description wired to role="img", and the figures it
// draws (data-value) are exactly the figures in the tables of the same
// [data-chart] block, formatted as the page writes them.
func chartProblems(html string) (int, []string) {
	d, err := goquery.NewDocumentFromReader(strings.NewReader(html))
	if err != nil {
		return 0, []string{err.Error()}
	}
	svgs := map[string]string{}
	var problems []string
	for _, svg := range svgElement.FindAllString(html, -1) {
		if err := wellFormed(svg); err != nil {
			problems = append(problems, err.Error())
		}
		if m := svgLabelled.FindStringSubmatch(svg); m != nil {
			svgs[m[1]] = svg
		}
	}
	n := 0
	d.Find("[data-chart]").Each(func(_ int, fig *goquery.Selection) {
		id, _ := fig.Attr("data-chart")
		svg, ok := svgs[id]
		if !ok {
			problems = append(problems, "chart "+id+" has no labelled SVG")
			return
		}
		n++
		unit, figures, p := svgFigures(svg)
		for _, msg := range p {
			problems = append(problems, "chart "+id+": "+msg)
		}
		var drawn, cells []string
		for _, f := range figures {
			drawn = append(drawn, domain.FormatValue(unit, f))
		}
		fig.Find(`table[data-testid="chart-data"] td`).Each(func(_ int, td *goquery.Selection) {
			if s := strings.TrimSpace(td.Text()); s != "–" {
				cells = append(cells, s)
			}
		})
		sort.Strings(drawn)
		sort.Strings(cells)
		if strings.Join(drawn, "|") != strings.Join(cells, "|") {
			problems = append(problems, fmt.Sprintf("chart %s draws %v but its table holds %v", id, drawn, cells))
		}
	})
	return n, problems
}

func wellFormed(svg string) error {
	dec := xml.NewDecoder(strings.NewReader(svg))
	dec.Strict = true
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: %v", errNotParsed, err)
		}
	}
}

func svgFigures(svg string) (domain.Unit, []float64, []string) {
	dec := xml.NewDecoder(strings.NewReader(svg))
	dec.Strict = true
	var unit domain.Unit
	var figures []float64
	var problems []string
	ids := map[string]string{}
	var labelledBy, role string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return unit, figures, append(problems, err.Error())
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "style":
				problems = append(problems, "a style attribute, which the Content-Security-Policy refuses")
			case "data-unit":
				unit = domain.Unit(a.Value)
			case "data-value":
				f, err := strconv.ParseFloat(a.Value, 64)
				if err != nil {
					problems = append(problems, err.Error())
				}
				figures = append(figures, f)
			case "aria-labelledby":
				labelledBy = a.Value
			case "role":
				role = a.Value
			case "id":
				ids[a.Value] = el.Name.Local
			}
		}
	}
	parts := strings.Fields(labelledBy)
	if role != "img" || len(parts) != 2 || ids[parts[0]] != "title" || ids[parts[1]] != "desc" {
		problems = append(problems, fmt.Sprintf("role %q and aria-labelledby %q should name the SVG's <title> and <desc>", role, labelledBy))
	}
	return unit, figures, problems
}
