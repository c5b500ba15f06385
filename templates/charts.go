package templates

// Charts are drawn on the server as inline SVG by the templ components in
// charts.templ, from the layouts worked out here. We chose that over a chart
// script and over a Go chart library: the browser downloads no chart code
// (the strict Content-Security-Policy stays as it is and the charts show with
// JavaScript off and in print), and we keep full control of the markup a
// library would hide — role="img", the <title> and <desc> a screen reader
// reads, data attributes the tests compare with the table of the same figures
// — at a cost of a few hundred lines rather than a dependency.
//
// Every series differs in more than colour: colours come from the Okabe–Ito
// palette, safe for the common kinds of colour blindness, and each line also
// has its own dash pattern and marker shape, each bar its own hatching, so a
// chart printed in greyscale still reads. Colours are SVG presentation
// attributes (fill, stroke), which the Content-Security-Policy allows, not
// style attributes, which it refuses.

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"safeboard/internal/domain"
)

// Okabe–Ito colours dark enough to reach 3:1 against white as lines and markers.
const (
	colourBlue       = "#0072B2"
	colourVermillion = "#D55E00"
	colourGreen      = "#009E73"
	colourPurple     = "#A3478A" // Okabe–Ito reddish purple, darkened to reach 3:1 on white
	colourBlack      = "#0B0C0C"
	colourText       = "#0B0C0C"
	colourSecondary  = "#505A5F"
	colourGrid       = "#D8DADB"
)

// LineStyle is how one series of a line chart is drawn.
type LineStyle struct {
	Colour string
	Dash   string // stroke-dasharray, "" for solid
	Marker string // circle, square, triangle, diamond
	Width  float64
}

// lineStyles are the series' styles in order: distinct in colour, dash and marker.
var lineStyles = []LineStyle{
	{Colour: colourBlue, Dash: "", Marker: "circle", Width: 3},
	{Colour: colourVermillion, Dash: "8 5", Marker: "square", Width: 2.5},
	{Colour: colourGreen, Dash: "2 4", Marker: "triangle", Width: 2.5},
	{Colour: colourPurple, Dash: "12 4 2 4", Marker: "diamond", Width: 2.5},
}

func lineStyle(i int) LineStyle { return lineStyles[i%len(lineStyles)] }

// barFill is one stacked series' fill: an Okabe–Ito colour and a hatching so
// neighbouring segments differ in greyscale too.
type barFill struct {
	Colour  string
	Pattern string // solid, diagonal, dots, cross, horizontal, vertical
	Ink     string // colour of the hatching
}

var barFills = []barFill{
	{Colour: "#0072B2", Pattern: "solid", Ink: ""},
	{Colour: "#E69F00", Pattern: "diagonal", Ink: colourBlack},
	{Colour: "#56B4E9", Pattern: "dots", Ink: colourBlack},
	{Colour: "#009E73", Pattern: "horizontal", Ink: "#FFFFFF"},
	{Colour: "#F0E442", Pattern: "cross", Ink: colourBlack},
	{Colour: "#D55E00", Pattern: "vertical", Ink: "#FFFFFF"},
	{Colour: "#CC79A7", Pattern: "solid", Ink: ""},
	{Colour: "#000000", Pattern: "solid", Ink: ""},
}

func barFillAt(i int) barFill { return barFills[i%len(barFills)] }

// ChartSeries is one named run of figures, one per category; nil is not known.
type ChartSeries struct {
	Name   string
	Values []*float64
}

// ChartMarker is a single figure drawn as a marker beside a line chart, such
// as a comparator's figure for the year.
type ChartMarker struct {
	Name  string
	Value float64
}

// LineChart is a line chart over categories (months or years), with an
// optional target drawn as a dashed line and markers at the right for
// comparators.
type LineChart struct {
	ID          string // unique on the page; prefixes the element ids
	Title       string
	Desc        string // one or two sentences saying what the chart shows
	Unit        domain.Unit
	XHeading    string   // the table's first column: Month, Year
	XLabels     []string // short, for the axis: Apr
	XNames      []string // long, for the table: April 2009 (XLabels when empty)
	Series      []ChartSeries
	Target      *float64
	TargetLabel string // such as "Target <14%"
	// TargetToConfirm marks a target carried from last year and not yet confirmed.
	TargetToConfirm bool
	Markers         []ChartMarker
	MarkerNote      string // what the markers are, such as "Comparators for 2009/10"
	// Narrow draws the chart for half the page's width (small multiples), so
	// its text prints at the same size as a full-width chart's.
	Narrow bool
}

// StackedBarChart stacks one series per option of a breakdown in each category.
type StackedBarChart struct {
	ID       string
	Title    string
	Desc     string
	Unit     domain.Unit
	XHeading string
	XLabels  []string
	XNames   []string
	Series   []ChartSeries // one per option, stacked bottom to top
}

// Sparkline is a small line of an indicator's months for a card.
type Sparkline struct {
	ID      string
	Title   string
	Desc    string
	Unit    domain.Unit
	XNames  []string
	Values  []*float64
	Target  *float64
	XHeader string
	// TargetToConfirm marks a target carried from last year and not yet confirmed.
	TargetToConfirm bool
}

// Chart drawing area, in SVG user units.
const (
	chartW      = 720.0
	chartH      = 300.0
	chartLeft   = 64.0
	chartRight  = 24.0
	chartTop    = 16.0
	chartBottom = 40.0
	markerGut   = 120.0 // room at the right for comparator markers
	legendRow   = 26.0
)

type point struct {
	X, Y  float64
	Value float64
	Label string // "April 2009: 17%"
}

type tick struct {
	Pos   float64
	Label string
}

type linePath struct {
	Style  LineStyle
	Name   string
	D      string // path data, broken where a figure is not known
	Points []point
}

type legendItem struct {
	X, Y   float64
	Name   string
	Style  LineStyle
	Fill   *barFill
	FillID string
	Line   bool // a line sample (false: a swatch)
}

type markerMark struct {
	X, Y   float64
	LabelY float64 // the label's baseline, moved apart from its neighbours'
	Name   string
	Value  float64
	Text   string
	Style  LineStyle
}

// lineLayout is a LineChart worked out in SVG coordinates.
type lineLayout struct {
	W, H          float64
	Left, Right   float64 // plot area's x range
	Top, Bottom   float64 // plot area's y range
	YTicks        []tick
	XTicks        []tick
	Paths         []linePath
	HasTarget     bool
	TargetY       float64
	TargetText    string
	Markers       []markerMark
	MarkerLineX   float64
	Legend        []legendItem
	LegendTop     float64
	MarkerHeading string
}

func (c LineChart) xName(i int) string {
	if i < len(c.XNames) && c.XNames[i] != "" {
		return c.XNames[i]
	}
	if i < len(c.XLabels) {
		return c.XLabels[i]
	}
	return ""
}

func (c LineChart) layout() lineLayout {
	w := chartW
	if c.Narrow {
		w = chartW * 0.6
	}
	l := lineLayout{W: w, Left: chartLeft, Top: chartTop}
	right := w - chartRight
	if len(c.Markers) > 0 {
		right -= markerGut
	}
	l.Right = right
	l.Bottom = chartH - chartBottom
	var all []float64
	for _, s := range c.Series {
		for _, v := range s.Values {
			if v != nil {
				all = append(all, *v)
			}
		}
	}
	if c.Target != nil {
		all = append(all, *c.Target)
	}
	for _, m := range c.Markers {
		all = append(all, m.Value)
	}
	lo, hi, step := niceScale(all, c.Unit)
	y := func(v float64) float64 { return l.Bottom - (v-lo)/(hi-lo)*(l.Bottom-l.Top) }
	for v := lo; v <= hi+step/2; v += step {
		l.YTicks = append(l.YTicks, tick{Pos: round1(y(v)), Label: axisLabel(c.Unit, v)})
	}
	n := len(c.XLabels)
	x := func(i int) float64 {
		if n <= 1 {
			return (l.Left + l.Right) / 2
		}
		pad := (l.Right - l.Left) / float64(2*n)
		return l.Left + pad + float64(i)*(l.Right-l.Left-2*pad)/float64(n-1)
	}
	for i, lab := range c.XLabels {
		l.XTicks = append(l.XTicks, tick{Pos: round1(x(i)), Label: lab})
	}
	for k, s := range c.Series {
		p := linePath{Style: lineStyle(k), Name: s.Name}
		var d strings.Builder
		pen := false
		for i, v := range s.Values {
			if i >= n {
				break
			}
			if v == nil {
				pen = false
				continue
			}
			px, py := round1(x(i)), round1(y(*v))
			if pen {
				d.WriteString(" L")
			} else {
				if d.Len() > 0 {
					d.WriteString(" ")
				}
				d.WriteString("M")
			}
			d.WriteString(num(px) + " " + num(py))
			pen = true
			p.Points = append(p.Points, point{X: px, Y: py, Value: *v, Label: c.xName(i) + ": " + domain.FormatValue(c.Unit, *v)})
		}
		p.D = d.String()
		l.Paths = append(l.Paths, p)
	}
	if c.Target != nil {
		l.HasTarget = true
		l.TargetY = round1(y(*c.Target))
		l.TargetText = c.TargetLabel
		if l.TargetText == "" {
			l.TargetText = "Target " + domain.FormatValue(c.Unit, *c.Target)
		}
	}
	if len(c.Markers) > 0 {
		l.MarkerLineX = l.Right + 16
		l.MarkerHeading = c.MarkerNote
		for k, m := range c.Markers {
			st := lineStyle(len(c.Series) + k)
			l.Markers = append(l.Markers, markerMark{
				X: l.MarkerLineX + 10, Y: round1(y(m.Value)), Name: m.Name, Value: m.Value,
				Text: m.Name + " " + domain.FormatValue(c.Unit, m.Value), Style: st,
			})
		}
		spreadLabels(l.Markers, l.Top, l.Bottom)
	}
	// The legend: one row per item, under the plot.
	l.LegendTop = chartH + 8
	row := 0
	add := func(it legendItem) {
		it.X = chartLeft
		it.Y = l.LegendTop + float64(row)*legendRow + legendRow/2
		l.Legend = append(l.Legend, it)
		row++
	}
	for _, p := range l.Paths {
		add(legendItem{Name: p.Name, Style: p.Style, Line: true})
	}
	if l.HasTarget {
		add(legendItem{Name: l.TargetText, Style: targetStyle, Line: true})
	}
	for _, m := range l.Markers {
		add(legendItem{Name: m.Name, Style: m.Style})
	}
	l.H = l.LegendTop + float64(row)*legendRow + 8
	return l
}

// targetStyle is the target's line: black, long dashes, no marker.
var targetStyle = LineStyle{Colour: colourBlack, Dash: "10 6", Width: 2}

// spreadLabels places marker labels beside their markers, moved apart so
// they do not overlap; the markers keep their places.
func spreadLabels(ms []markerMark, top, bottom float64) {
	const gap = 16.0
	idx := make([]int, len(ms))
	for i := range idx {
		idx[i] = i
		ms[i].LabelY = ms[i].Y + 5
	}
	sort.SliceStable(idx, func(a, b int) bool { return ms[idx[a]].Y < ms[idx[b]].Y })
	for k := 1; k < len(idx); k++ {
		prev, cur := &ms[idx[k-1]], &ms[idx[k]]
		if cur.LabelY-prev.LabelY < gap {
			cur.LabelY = prev.LabelY + gap
		}
	}
	// Pushed below the plot: shift the whole run up.
	if len(idx) > 0 {
		if over := ms[idx[len(idx)-1]].LabelY - (bottom + 5); over > 0 {
			for _, i := range idx {
				ms[i].LabelY = math.Max(top+5, ms[i].LabelY-over)
			}
		}
	}
	for i := range ms {
		ms[i].LabelY = round1(ms[i].LabelY)
	}
}

// barSeg is one segment of a stacked bar.
type barSeg struct {
	X, Y, W, H float64
	Value      float64
	Label      string
	FillID     string
	Fill       barFill
}

type barLayout struct {
	W, H        float64
	Left, Right float64
	Top, Bottom float64
	YTicks      []tick
	XTicks      []tick
	Segments    []barSeg
	Totals      []point
	Fills       []fillDef
	Legend      []legendItem
	LegendTop   float64
}

type fillDef struct {
	ID   string
	Fill barFill
}

func (c StackedBarChart) xName(i int) string {
	if i < len(c.XNames) && c.XNames[i] != "" {
		return c.XNames[i]
	}
	if i < len(c.XLabels) {
		return c.XLabels[i]
	}
	return ""
}

// Totals are the sums of the known figures in each category; nil where none is known.
func (c StackedBarChart) Totals() []*float64 {
	out := make([]*float64, len(c.XLabels))
	for i := range c.XLabels {
		for _, s := range c.Series {
			if i < len(s.Values) && s.Values[i] != nil {
				if out[i] == nil {
					out[i] = new(float64)
				}
				*out[i] += *s.Values[i]
			}
		}
	}
	return out
}

func (c StackedBarChart) layout() barLayout {
	l := barLayout{W: chartW, Left: chartLeft, Right: chartW - chartRight, Top: chartTop, Bottom: chartH - chartBottom}
	totals := c.Totals()
	var all []float64
	for _, t := range totals {
		if t != nil {
			all = append(all, *t)
		}
	}
	lo, hi, step := niceScale(all, c.Unit)
	y := func(v float64) float64 { return l.Bottom - (v-lo)/(hi-lo)*(l.Bottom-l.Top) }
	for v := lo; v <= hi+step/2; v += step {
		l.YTicks = append(l.YTicks, tick{Pos: round1(y(v)), Label: axisLabel(c.Unit, v)})
	}
	for k := range c.Series {
		l.Fills = append(l.Fills, fillDef{ID: c.ID + "-fill-" + strconv.Itoa(k+1), Fill: barFillAt(k)})
	}
	n := len(c.XLabels)
	if n == 0 {
		n = 1
	}
	band := (l.Right - l.Left) / float64(n)
	bw := math.Min(band*0.7, 56)
	for i, lab := range c.XLabels {
		cx := l.Left + band*(float64(i)+0.5)
		l.XTicks = append(l.XTicks, tick{Pos: round1(cx), Label: lab})
		base := 0.0
		for k, s := range c.Series {
			if i >= len(s.Values) || s.Values[i] == nil {
				continue
			}
			v := *s.Values[i]
			y0, y1 := y(base), y(base+v)
			l.Segments = append(l.Segments, barSeg{
				X: round1(cx - bw/2), Y: round1(y1), W: round1(bw), H: round1(y0 - y1), Value: v,
				Label:  c.xName(i) + ", " + s.Name + ": " + domain.FormatValue(c.Unit, v),
				FillID: l.Fills[k].ID, Fill: l.Fills[k].Fill,
			})
			base += v
		}
		if totals[i] != nil {
			l.Totals = append(l.Totals, point{X: round1(cx), Y: round1(y(*totals[i]) - 6), Value: *totals[i],
				Label: domain.FormatValue(c.Unit, *totals[i])})
		}
	}
	l.LegendTop = chartH + 8
	// Swatches in rows of up to four.
	const perRow = 4
	colW := (chartW - chartLeft) / perRow
	for k, s := range c.Series {
		f := l.Fills[k]
		l.Legend = append(l.Legend, legendItem{
			X: chartLeft + float64(k%perRow)*colW, Y: l.LegendTop + float64(k/perRow)*legendRow + legendRow/2,
			Name: s.Name, Fill: &f.Fill, FillID: f.ID,
		})
	}
	rows := (len(c.Series) + perRow - 1) / perRow
	l.H = l.LegendTop + float64(rows)*legendRow + 8
	return l
}

type sparkLayout struct {
	W, H      float64
	D         string
	Points    []point
	Last      *point
	HasTarget bool
	TargetY   float64
	// Mini draws the line thin, marking only its last figure (a scorecard row).
	Mini bool
	// Bar is set when the line has a single figure (a yearly indicator, a
	// snapshot, or a month alone): a lone dot says little, so the figure is
	// drawn as a bar from zero, labelled with its value, against the target.
	Bar *sparkBar
}

// sparkBar is a single figure drawn as a labelled horizontal bar.
type sparkBar struct {
	Y, Height  float64 // the bar's top and height
	Width      float64 // from x = 0
	Value      float64
	Label      string  // the figure as written: 83%
	LabelX     float64 // the label's start, after the bar
	LabelY     float64 // the label's baseline
	FontSize   float64
	HasTarget  bool
	TargetX    float64
	TargetTop  float64
	TargetBase float64
}

// Sparkline sizes, in pixels: a card's, and a scorecard row's.
const (
	sparkW     = 320.0
	sparkH     = 56.0
	miniSparkW = 96.0
	miniSparkH = 24.0
)

func (s Sparkline) layout() sparkLayout { return s.layoutAt(sparkW, sparkH, 7) }

// miniLayout is the sparkline drawn small enough for a scorecard row.
func (s Sparkline) miniLayout() sparkLayout {
	l := s.layoutAt(miniSparkW, miniSparkH, 3)
	l.Mini = true
	return l
}

func (s Sparkline) layoutAt(w, h, pad float64) sparkLayout {
	l := sparkLayout{W: w, H: h}
	var all []float64
	for _, v := range s.Values {
		if v != nil {
			all = append(all, *v)
		}
	}
	if len(all) == 1 {
		l.Bar = s.barAt(all[0], w, h, pad)
		return l
	}
	if s.Target != nil {
		all = append(all, *s.Target)
	}
	lo, hi := 0.0, 1.0
	if len(all) > 0 {
		lo, hi = all[0], all[0]
		for _, v := range all {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
		if lo > 0 {
			lo = 0
		}
		if hi == lo {
			hi = lo + 1
		}
	}
	y := func(v float64) float64 { return round1(h - pad - (v-lo)/(hi-lo)*(h-2*pad)) }
	n := len(s.Values)
	x := func(i int) float64 {
		if n <= 1 {
			return w / 2
		}
		return round1(pad + float64(i)*(w-2*pad)/float64(n-1))
	}
	var d strings.Builder
	pen := false
	for i, v := range s.Values {
		if v == nil {
			pen = false
			continue
		}
		if pen {
			d.WriteString(" L")
		} else {
			if d.Len() > 0 {
				d.WriteString(" ")
			}
			d.WriteString("M")
		}
		d.WriteString(num(x(i)) + " " + num(y(*v)))
		pen = true
		name := ""
		if i < len(s.XNames) {
			name = s.XNames[i]
		}
		l.Points = append(l.Points, point{X: x(i), Y: y(*v), Value: *v, Label: name + ": " + domain.FormatValue(s.Unit, *v)})
	}
	l.D = d.String()
	if len(l.Points) > 0 {
		last := l.Points[len(l.Points)-1]
		l.Last = &last
	}
	if s.Target != nil {
		l.HasTarget = true
		l.TargetY = y(*s.Target)
	}
	return l
}

// barAt lays out a single figure as a bar from zero across at most three
// fifths of the width (the label takes the rest), scaled with the target so
// the two can be compared; a percentage is scaled to 100.
func (s Sparkline) barAt(v, w, h, pad float64) *sparkBar {
	top := 0.0
	if v > top {
		top = v
	}
	if s.Target != nil && *s.Target > top {
		top = *s.Target
	}
	if s.Unit == domain.UnitPercentage && top < 100 {
		top = 100
	}
	// The label takes what the bar leaves: at least 44 pixels.
	span := math.Min(w*0.6, w-44)
	scale := func(f float64) float64 {
		if top <= 0 || f <= 0 {
			return 0
		}
		return round1(f / top * span)
	}
	b := &sparkBar{Value: v, Label: domain.FormatValue(s.Unit, v)}
	b.Height = round1((h - 2*pad) * 0.6)
	b.Y = round1((h - b.Height) / 2)
	b.Width = math.Max(scale(v), 1)
	b.FontSize = math.Min(math.Round((h-2*pad)*0.67), 16)
	b.LabelY = round1(h/2 + b.FontSize*0.35)
	end := b.Width
	if s.Target != nil {
		b.HasTarget = true
		b.TargetX = math.Max(scale(*s.Target), 1)
		b.TargetTop, b.TargetBase = round1(pad/2), round1(h-pad/2)
		end = math.Max(end, b.TargetX)
	}
	// The label starts clear of the bar and the target's mark.
	b.LabelX = round1(end + 4)
	return b
}

// niceScale picks a y axis from 0 (or below, for negative figures) to a round
// number above every figure, with 4 or 5 steps.
func niceScale(values []float64, unit domain.Unit) (lo, hi, step float64) {
	lo, hi = 0, 0
	for _, v := range values {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if hi == lo {
		hi = lo + 1
		if unit == domain.UnitPercentage {
			hi = lo + 10
		}
	}
	// The smallest round step that spans the figures in at most five steps.
	step = niceStep((hi - lo) / 5)
	for math.Ceil(hi/step)-math.Floor(lo/step) > 5 {
		step = niceStep(step * 1.01)
	}
	if unit == domain.UnitCount && step < 1 {
		step = 1
	}
	lo = math.Floor(lo/step) * step
	hi = math.Ceil(hi/step) * step
	if unit == domain.UnitPercentage && hi > 100 && lo >= 0 {
		hi = math.Ceil(100/step) * step
	}
	return lo, hi, step
}

// niceStep rounds a raw step up to 1, 2, 2.5 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	if raw <= 0 {
		return 1
	}
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if raw <= m*mag {
			return m * mag
		}
	}
	return 10 * mag
}

// axisLabel writes an axis figure briefly: 20%, 1,500, 12.5.
func axisLabel(u domain.Unit, v float64) string {
	if u == domain.UnitPercentage {
		return domain.FormatValue(u, v)
	}
	return domain.FormatValue(domain.UnitCount, v)
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// num writes an SVG coordinate.
func num(f float64) string { return shortFloat(f) }

// dataValue writes a figure for a data-value attribute: exact, for tests.
func dataValue(f float64) string { return shortFloat(f) }

// shortFloat is strconv.FormatFloat(f, 'f', -1, 64): the shortest decimal
// that reads back as f. Coordinates are rounded to tenths and most figures
// are whole, so those are written from the integer of tenths, several times
// faster than the general case; every other number goes the general way.
func shortFloat(f float64) string {
	n := math.Round(f * 10)
	if math.Abs(n) >= 1e15 || n/10 != f || (n == 0 && math.Signbit(f)) {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	tenths := int64(n)
	if tenths%10 == 0 {
		return strconv.FormatInt(tenths/10, 10)
	}
	var b [24]byte
	out := b[:0]
	if tenths < 0 {
		out = append(out, '-')
		tenths = -tenths
	}
	out = strconv.AppendInt(out, tenths/10, 10)
	out = append(out, '.', byte('0'+tenths%10))
	return string(out)
}

// markerPath is the path of a marker shape centred on x, y.
func markerPath(shape string, x, y, r float64) string {
	switch shape {
	case "square":
		s := r * 0.9
		return "M" + num(round1(x-s)) + " " + num(round1(y-s)) + " h" + num(round1(2*s)) + " v" + num(round1(2*s)) + " h" + num(round1(-2*s)) + " Z"
	case "triangle":
		return "M" + num(round1(x)) + " " + num(round1(y-r*1.15)) + " L" + num(round1(x+r*1.1)) + " " + num(round1(y+r*0.85)) +
			" L" + num(round1(x-r*1.1)) + " " + num(round1(y+r*0.85)) + " Z"
	case "diamond":
		s := r * 1.25
		return "M" + num(round1(x)) + " " + num(round1(y-s)) + " L" + num(round1(x+s)) + " " + num(round1(y)) +
			" L" + num(round1(x)) + " " + num(round1(y+s)) + " L" + num(round1(x-s)) + " " + num(round1(y)) + " Z"
	}
	// circle, as a path so every marker is one element type
	return "M" + num(round1(x-r)) + " " + num(round1(y)) + " a" + num(r) + " " + num(r) + " 0 1 0 " + num(2*r) + " 0 a" + num(r) + " " + num(r) + " 0 1 0 " + num(-2*r) + " 0 Z"
}

// viewBox writes an SVG viewBox for a width and height.
func viewBox(w, h float64) string { return "0 0 " + num(w) + " " + num(h) }

// cellValue writes a table cell's figure, or a dash when not known.
func cellValue(u domain.Unit, v *float64) string {
	if v == nil {
		return "–"
	}
	return domain.FormatValue(u, *v)
}

// Float is a pointer to f, for building chart series.
func Float(f float64) *float64 { return &f }

// at is the i-th element, or the zero value past the end.
func at[T any](list []T, i int) T {
	var zero T
	if i < 0 || i >= len(list) {
		return zero
	}
	return list[i]
}

// targetHeader heads a chart's table row of its target, saying when it is
// still to be confirmed.
func targetHeader(toConfirm bool) string {
	if toConfirm {
		return "Target (to be confirmed)"
	}
	return "Target"
}
