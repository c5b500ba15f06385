package domain

// Section 4 as the board publishes it (issue 13): the manager composes the
// section, per period, as an ordered list of sub-headings, free-text blocks
// and report tables. An indicator the manager has neither placed in a table
// nor hidden lands at the end of the section in a table of its own, so
// nothing goes silently missing; a ratio's parts feed their ratio and are
// not given tables of their own unless the manager places them.

// PerfBlockKind is what a block of section 4 is.
type PerfBlockKind string

// The kinds of block.
const (
	PerfHeading PerfBlockKind = "heading" // a sub-heading, numbered 4.1, 4.2…
	PerfText    PerfBlockKind = "text"    // the manager's narrative, in Markdown
	PerfTable   PerfBlockKind = "table"   // a report table, numbered Table 1…N
)

// Valid reports whether k is a known kind.
func (k PerfBlockKind) Valid() bool { return k == PerfHeading || k == PerfText || k == PerfTable }

// Noun names the kind in headings and messages.
func (k PerfBlockKind) Noun() string {
	switch k {
	case PerfHeading:
		return "sub-heading"
	case PerfText:
		return "text"
	}
	return "table"
}

// PerfLayout is how a report table lays out its indicators.
type PerfLayout string

// The two layouts.
const (
	// LayoutIndicator is one indicator by its breakdowns: a cross-table of
	// the months or the year, with totals where the breakdown is exclusive
	// (seed tables 1–4 and 8).
	LayoutIndicator PerfLayout = "indicator"
	// LayoutIndicators is several indicators by month: a row per indicator
	// with its target, year to date and rating (seed table 5).
	LayoutIndicators PerfLayout = "indicators"
)

// PerfShows is what a one-indicator table shows.
type PerfShows string

// What a one-indicator table can show.
const (
	ShowsYear        PerfShows = "year"        // the period: its breakdown, or its figures by month
	ShowsPrevious    PerfShows = "previous"    // the period before's breakdown
	ShowsYears       PerfShows = "years"       // the last years by month
	ShowsComparators PerfShows = "comparators" // against the comparators by year
)

// PerfShowsAll lists what a one-indicator table can show, in the order forms offer it.
var PerfShowsAll = []PerfShows{ShowsYear, ShowsPrevious, ShowsYears, ShowsComparators}

// Title says what a one-indicator table shows.
func (s PerfShows) Title() string {
	switch s {
	case ShowsPrevious:
		return "The year before’s breakdown"
	case ShowsYears:
		return "The last few years by month"
	case ShowsComparators:
		return "Against the comparators by year"
	}
	return "This year: its breakdown, or its figures by month"
}

// PerfBlock is one block of a period's section 4.
type PerfBlock struct {
	Entry
	PeriodID int64
	Kind     PerfBlockKind `form:"kind"`
	// Title is a sub-heading's words or a table's caption.
	Title string `form:"title" label:"the words" validate:"max=300"`
	// Body is a free-text block's Markdown; it may quote figures ({{NI65.ytd}}).
	Body   string     `form:"body" label:"the text" validate:"max=50000"`
	Layout PerfLayout `form:"layout"`
	Shows  PerfShows  `form:"shows"`
	// IndicatorIDs are a table's indicators in row order. A table without
	// any, or whose indicators have no figures in the period, says the
	// figures are not available for the year.
	IndicatorIDs []int64
}

// CheckPerfBlock says what is wrong with a block as typed, field by field.
func CheckPerfBlock(b PerfBlock) FieldErrors {
	var errs FieldErrors
	switch b.Kind {
	case PerfHeading:
		if b.Title == "" {
			errs.Add("title", "Enter the sub-heading, like Children subject to child protection conferences")
		}
	case PerfText:
		if b.Body == "" {
			errs.Add("body", "Enter the text")
		}
	case PerfTable:
		if b.Title == "" {
			errs.Add("title", "Enter the table’s caption, like Children on a child protection plan at 17 March 2010")
		}
		switch b.Layout {
		case LayoutIndicator:
			if len(b.IndicatorIDs) > 1 {
				errs.Add("indicators", "Select one indicator for a table of one indicator by its breakdowns, or choose the layout of several indicators by month")
			}
			valid := false
			for _, s := range PerfShowsAll {
				valid = valid || s == b.Shows
			}
			if !valid {
				errs.Add("shows", "Select what the table shows of the indicator")
			}
		case LayoutIndicators:
		default:
			errs.Add("layout", "Select the table’s layout")
		}
		if len(b.IndicatorIDs) > 50 {
			errs.Add("indicators", "Select at most 50 indicators for one table")
		}
	default:
		errs.Add("kind", "Choose a sub-heading, text or a table")
	}
	return errs
}

// PerfPlace says where an indicator appears in section 4.
type PerfPlace struct {
	// Tables are the positions (in the list of blocks) of the tables that
	// show it, in order.
	Blocks []int
	// Hidden: the manager hid it from the report; it still feeds the figures.
	Hidden bool
	// PartOf are the ratios it is a numerator or denominator of: when it is
	// not placed, it feeds them and has no table of its own.
	PartOf []int64
	// AtEnd: neither placed, hidden nor a ratio's part, it lands at the end
	// of the section in a table of its own.
	AtEnd bool
}

// PlacePerfIndicators says where each indicator appears, given the period's
// blocks and the indicators hidden from its report; and lists the
// indicators that land at the end of the section, in report order.
func PlacePerfIndicators(blocks []PerfBlock, indicators []Indicator, hidden map[int64]bool) (map[int64]PerfPlace, []int64) {
	places := make(map[int64]PerfPlace, len(indicators))
	for _, ind := range indicators {
		places[ind.ID] = PerfPlace{Hidden: hidden[ind.ID]}
	}
	for i, b := range blocks {
		if b.Kind != PerfTable {
			continue
		}
		for _, id := range b.IndicatorIDs {
			if p, ok := places[id]; ok {
				p.Blocks = append(p.Blocks, i)
				places[id] = p
			}
		}
	}
	for _, ind := range indicators {
		if !ind.IsRatio() {
			continue
		}
		for _, part := range []*int64{ind.NumeratorID, ind.DenominatorID} {
			if part == nil {
				continue
			}
			if p, ok := places[*part]; ok {
				p.PartOf = append(p.PartOf, ind.ID)
				places[*part] = p
			}
		}
	}
	var atEnd []int64
	for _, ind := range indicators {
		p := places[ind.ID]
		if len(p.Blocks) == 0 && !p.Hidden && len(p.PartOf) == 0 {
			p.AtEnd = true
			places[ind.ID] = p
			atEnd = append(atEnd, ind.ID)
		}
	}
	return places, atEnd
}

// ShownIn drops from a table's indicators those hidden from the report: a
// hidden indicator is shown nowhere, even where it was placed.
func ShownIn(b PerfBlock, hidden map[int64]bool) []int64 {
	var out []int64
	for _, id := range b.IndicatorIDs {
		if !hidden[id] {
			out = append(out, id)
		}
	}
	return out
}
