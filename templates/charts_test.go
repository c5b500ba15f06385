package templates

import (
	"context"
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
	"github.com/a-h/templ"

	"safeboard/internal/domain"
)

func renderString(t *testing.T, c templ.Component) string {
	t.Helper()
	var sb strings.Builder
	if err := c.Render(context.Background(), &sb); err != nil {
		t.Fatal(err)
	}
	return sb.String()
}

var svgElement = regexp.MustCompile(`(?s)<svg\b.*?</svg>`)

// svgFigures parses one SVG as XML and returns its unit and every figure it
// draws (data-value attributes), with any problem found: not well-formed, a
// style attribute, a title and description not wired to role="img".
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
			return unit, figures, append(problems, fmt.Sprintf("the SVG is not well-formed XML: %v", err))
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "style":
				problems = append(problems, "<"+el.Name.Local+"> has a style attribute, which the Content-Security-Policy refuses")
			case "data-unit":
				unit = domain.Unit(a.Value)
			case "data-value":
				f, err := strconv.ParseFloat(a.Value, 64)
				if err != nil {
					problems = append(problems, fmt.Sprintf("data-value %q: %v", a.Value, err))
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
	if role != "img" {
		problems = append(problems, fmt.Sprintf("the SVG's role is %q, want img", role))
	}
	parts := strings.Fields(labelledBy)
	if len(parts) != 2 || ids[parts[0]] != "title" || ids[parts[1]] != "desc" {
		problems = append(problems, fmt.Sprintf("aria-labelledby %q should name the SVG's <title> and <desc>; ids: %v", labelledBy, ids))
	}
	return unit, figures, problems
}

// chartProblems holds every chart in html to its table: each SVG parses as
// XML, and the figures it draws are exactly the figures in the tables of the
// same [data-chart] block, formatted as people read them. It returns how many
// charts it checked and what is wrong.
func chartProblems(html string) (int, []string) {
	d, err := goquery.NewDocumentFromReader(strings.NewReader(html))
	if err != nil {
		return 0, []string{err.Error()}
	}
	svgs := map[string]string{}
	for _, svg := range svgElement.FindAllString(html, -1) {
		m := regexp.MustCompile(`aria-labelledby="([^" ]+)-title `).FindStringSubmatch(svg)
		if m == nil {
			continue // an icon, such as a rating's shape
		}
		svgs[m[1]] = svg
	}
	n := 0
	var problems []string
	d.Find("[data-chart]").Each(func(_ int, fig *goquery.Selection) {
		id, _ := fig.Attr("data-chart")
		svg, ok := svgs[id]
		if !ok {
			problems = append(problems, "chart "+id+" has no SVG")
			return
		}
		n++
		unit, figures, p := svgFigures(svg)
		for _, msg := range p {
			problems = append(problems, "chart "+id+": "+msg)
		}
		var drawn []string
		for _, f := range figures {
			drawn = append(drawn, domain.FormatValue(unit, f))
		}
		var cells []string
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

func checkFigures(t *testing.T, html string) int {
	t.Helper()
	n, problems := chartProblems(html)
	for _, p := range problems {
		t.Error(p)
	}
	return n
}

func f(v float64) *float64 { return &v }

func TestLineChartParsesAndItsTableHoldsTheSameFigures(t *testing.T) {
	c := LineChart{
		ID: "trend-ni65", Title: "NI65 by month", Desc: "A line for each year.", Unit: domain.UnitPercentage,
		XHeading: "Month", XLabels: []string{"Apr", "May", "Jun", "Jul"},
		XNames: []string{"April 2009", "May 2009", "June 2009", "July 2009"},
		Series: []ChartSeries{
			{Name: "2009/10", Values: []*float64{f(17), nil, f(16.5), f(18)}},
			{Name: "2008/09", Values: []*float64{f(12), f(13), nil, nil}},
		},
		Target: f(14), TargetLabel: "Target <14%",
		Markers:    []ChartMarker{{Name: "Statistical neighbours", Value: 13.2}, {Name: "England", Value: 13.4}},
		MarkerNote: "Comparators for 2009/10",
	}
	html := renderString(t, LineChartFigure(c))
	if n := checkFigures(t, html); n != 1 {
		t.Fatalf("%d charts checked, want 1", n)
	}
	// A gap where a figure is not known: the 2009/10 line is two pieces.
	if !strings.Contains(html, `d="M`) || strings.Count(html, " M") < 1 {
		t.Errorf("the line should break where a figure is missing:\n%s", html)
	}
	for _, want := range []string{"Statistical neighbours 13.2%", "England 13.4%", "Target &lt;14%", "<title id=\"trend-ni65-title\">NI65 by month</title>"} {
		if !strings.Contains(html, want) {
			t.Errorf("the chart lacks %q", want)
		}
	}
}

func TestSeriesDifferInMoreThanColour(t *testing.T) {
	seen := map[string]bool{}
	for i := range lineStyles {
		st := lineStyle(i)
		key := st.Dash + "/" + st.Marker
		if seen[key] {
			t.Errorf("style %d repeats dash and marker %q: in greyscale two series would look alike", i, key)
		}
		seen[key] = true
	}
	if targetStyle.Dash == "" || targetStyle.Dash == lineStyle(0).Dash || targetStyle.Dash == lineStyle(1).Dash {
		t.Errorf("the target's dash %q must differ from the years' lines", targetStyle.Dash)
	}
	for i := 1; i < len(barFills); i++ {
		if barFills[i].Pattern == barFills[i-1].Pattern && barFills[i].Pattern != "solid" {
			t.Errorf("neighbouring bar fills %d and %d share the hatching %q", i-1, i, barFills[i].Pattern)
		}
	}
}

func TestStackedBarsParseAndTotalsAddUp(t *testing.T) {
	c := StackedBarChart{
		ID: "breakdown-cp-1", Title: "Children on plans by category", Desc: "Stacked bars.", Unit: domain.UnitCount,
		XHeading: "Age band", XLabels: []string{"0–5", "6–10", "11–15", "16+"},
		Series: []ChartSeries{
			{Name: "Neglect", Values: []*float64{f(40), f(25), f(12), nil}},
			{Name: "Physical", Values: []*float64{f(5), f(0), f(7), f(1)}},
			{Name: "Emotional", Values: []*float64{f(30), f(20), nil, f(2)}},
		},
	}
	html := renderString(t, StackedBarFigure(c))
	if n := checkFigures(t, html); n != 1 {
		t.Fatalf("%d charts checked, want 1", n)
	}
	totals := c.Totals()
	want := []float64{75, 45, 19, 3}
	for i, w := range want {
		if totals[i] == nil || *totals[i] != w {
			t.Errorf("total %d = %v, want %v", i, totals[i], w)
		}
	}
	if strings.Count(html, "<pattern ") != 3 {
		t.Errorf("want a fill pattern per series")
	}
}

func TestSparklineParsesAndItsTableHoldsTheSameFigures(t *testing.T) {
	s := Sparkline{
		ID: "spark-ni64", Title: "NI64 by month", Desc: "Monthly figures.", Unit: domain.UnitPercentage, XHeader: "Month",
		XNames: []string{"April 2009", "May 2009", "June 2009"},
		Values: []*float64{f(4), nil, f(3.5)},
		Target: f(10),
	}
	html := renderString(t, SparklineFigure(s))
	if n := checkFigures(t, html); n != 1 {
		t.Fatalf("%d charts checked, want 1", n)
	}
	// No figures at all still draws a valid, empty sparkline.
	empty := renderString(t, SparklineFigure(Sparkline{ID: "spark-x", Title: "X", Desc: "None yet.", Unit: domain.UnitCount,
		XNames: []string{"April 2009"}, Values: []*float64{nil}}))
	checkFigures(t, empty)
}

// TestALoneFigureIsALabelledBarNotADot: a yearly or snapshot indicator has
// one figure in a year, which a line would draw as a lone dot; it is drawn as
// a bar labelled with its value, against the target's mark, on the card and
// on the scorecard alike.
func TestALoneFigureIsALabelledBarNotADot(t *testing.T) {
	s := Sparkline{
		ID: "spark-ni59", Title: "NI59 in 2009/10", Desc: "One figure.", Unit: domain.UnitPercentage, XHeader: "Year",
		XNames: []string{"2009/10"}, Values: []*float64{f(78)}, Target: f(80),
	}
	card := renderString(t, SparklineFigure(s))
	if n := checkFigures(t, card); n != 1 {
		t.Fatalf("%d charts checked, want 1", n)
	}
	mini := renderString(t, MiniSparkline(s.Renamed("score-spark-ni59")))
	for name, html := range map[string]string{"card": card, "scorecard": mini} {
		if strings.Contains(html, "<circle") {
			t.Errorf("the %s's sparkline draws a lone dot:\n%s", name, html)
		}
		if !strings.Contains(html, `data-role="bar" data-value="78"`) || !strings.Contains(html, `>78%</text>`) {
			t.Errorf("the %s's sparkline has no bar labelled 78%%:\n%s", name, html)
		}
		if !strings.Contains(html, `data-role="target" data-value="80"`) {
			t.Errorf("the %s's sparkline does not mark the target:\n%s", name, html)
		}
	}
	// Two figures or more are a line again.
	s.Values, s.XNames = []*float64{f(70), f(78)}, []string{"2008/09", "2009/10"}
	if html := renderString(t, MiniSparkline(s)); strings.Contains(html, `data-role="bar"`) || !strings.Contains(html, "<path") {
		t.Errorf("two figures should draw a line:\n%s", html)
	}
}

func TestTheCheckCatchesATableThatDisagrees(t *testing.T) {
	c := LineChart{ID: "c", Title: "T", Desc: "D", Unit: domain.UnitCount, XHeading: "Year", XLabels: []string{"2008/09", "2009/10"},
		Series: []ChartSeries{{Name: "Ours", Values: []*float64{f(3), f(4)}}}}
	html := renderString(t, LineChartFigure(c))
	broken := strings.Replace(html, `>4</td>`, `>5</td>`, 1)
	if broken == html {
		t.Fatal("the table cell was not found")
	}
	if _, problems := chartProblems(broken); len(problems) == 0 {
		t.Error("the check passed a table whose figure differs from the chart's")
	}
	if _, problems := chartProblems(strings.Replace(html, "</title>", "", 1)); len(problems) == 0 {
		t.Error("the check passed an SVG that is not well-formed")
	}
}

func TestNiceScale(t *testing.T) {
	for _, tc := range []struct {
		values        []float64
		unit          domain.Unit
		lo, hi, step  float64
		wantLabelling string
	}{
		{[]float64{17, 12, 14}, domain.UnitPercentage, 0, 20, 5, "20%"},
		{[]float64{171, 232}, domain.UnitCount, 0, 250, 50, "250"},
		{[]float64{0, 0}, domain.UnitCount, 0, 1, 1, "1"},
		{[]float64{99.5}, domain.UnitPercentage, 0, 100, 20, "100%"},
		{nil, domain.UnitPercentage, 0, 10, 2, "10%"},
	} {
		lo, hi, step := niceScale(tc.values, tc.unit)
		if lo != tc.lo || hi != tc.hi || step != tc.step {
			t.Errorf("niceScale(%v) = %v, %v, %v; want %v, %v, %v", tc.values, lo, hi, step, tc.lo, tc.hi, tc.step)
		}
		if got := axisLabel(tc.unit, hi); got != tc.wantLabelling {
			t.Errorf("axis label %q, want %q", got, tc.wantLabelling)
		}
	}
}
