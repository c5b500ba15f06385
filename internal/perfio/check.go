package perfio

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"safeboard/internal/domain"
)

// Source is what checking and exporting read from the database: *store.Store.
type Source interface {
	Indicators(ctx context.Context) ([]domain.Indicator, error)
	Agencies(ctx context.Context) ([]domain.Agency, error)
	Periods(ctx context.Context) ([]domain.Period, error)
	// CellStates lists the figures saved and the cells cleared, each with its version.
	CellStates(ctx context.Context, indicatorIDs []int64, from, to time.Time) ([]domain.CellState, error)
}

// Options limit what a file may change.
type Options struct {
	// Period, when set, is the only period the file's figures may be for.
	Period *domain.Period
	// Permit, when set, says why the importer may not change an agency's
	// figures for a period ("" when they may). It is asked once per pair.
	Permit func(agency *domain.Agency, period *domain.Period) string
}

// Change is one cell a file gives, and what it does to the figure saved.
type Change struct {
	Where     string // where the figure is in the file
	Indicator *domain.Indicator
	Agency    *domain.Agency
	Period    *domain.Period
	Date      string   // as the indicator's dates are written: 2009-04
	Options   []string // the breakdown's option labels, in the indicator's order
	Cell      domain.Cell
	Old, New  *float64
	// Version is the cell's version when the file was checked: applying the
	// change is refused if the cell has been written since.
	Version int64
}

// Breakdown is the change's options joined for reading, or "".
func (c Change) Breakdown() string { return strings.Join(c.Options, " / ") }

// OldText and NewText write the figures in the indicator's unit; blank is "not known".
func (c Change) OldText() string { return valueText(c.Indicator, c.Old) }

// NewText is the figure the file gives.
func (c Change) NewText() string { return valueText(c.Indicator, c.New) }

func valueText(ind *domain.Indicator, v *float64) string {
	if v == nil {
		return "not known"
	}
	return domain.FormatValue(ind.Unit, *v)
}

// Plan is a checked file: what it would change, or why it cannot be applied.
type Plan struct {
	Format    Format
	New       []Change // figures where none was known
	Changed   []Change // figures that replace another
	Cleared   []Change // blanks where a figure was known: it becomes "not known"
	Unchanged []Change // the same figure as saved, or blank where none is known
	Problems  []Problem
}

// OK reports whether the file has no problems and may be applied.
func (p *Plan) OK() bool { return len(p.Problems) == 0 }

// Cells are the figures to save: the new, changed and cleared ones.
func (p *Plan) Cells() []domain.CellValue {
	out := make([]domain.CellValue, 0, len(p.New)+len(p.Changed)+len(p.Cleared))
	for _, list := range [][]Change{p.New, p.Changed, p.Cleared} {
		for _, c := range list {
			out = append(out, domain.CellValue{Cell: c.Cell, Value: c.New})
		}
	}
	return out
}

// Writes are the figures to save, each with the version of the cell checked:
// saved with store.SaveFigures, nothing is written over a figure saved since.
func (p *Plan) Writes() []domain.CellWrite {
	out := make([]domain.CellWrite, 0, p.Changes())
	for _, list := range [][]Change{p.New, p.Changed, p.Cleared} {
		for _, c := range list {
			out = append(out, domain.CellWrite{CellValue: domain.CellValue{Cell: c.Cell, Value: c.New}, Version: c.Version})
		}
	}
	return out
}

// Changes counts the cells applying the plan changes.
func (p *Plan) Changes() int { return len(p.New) + len(p.Changed) + len(p.Cleared) }

// Figures counts every cell the file gives.
func (p *Plan) Figures() int { return p.Changes() + len(p.Unchanged) }

// AgencyIDs lists the agencies whose figures the file gives.
func (p *Plan) AgencyIDs() []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, list := range [][]Change{p.New, p.Changed, p.Cleared, p.Unchanged} {
		for _, c := range list {
			if !seen[c.Agency.ID] {
				seen[c.Agency.ID] = true
				out = append(out, c.Agency.ID)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Summary is one line per indicator the file changes, then the totals.
func (p *Plan) Summary() []string {
	type counts struct{ n, c, x, u int }
	by := map[string]*counts{}
	var order []string
	add := func(list []Change, f func(*counts)) {
		for _, ch := range list {
			k := ch.Indicator.Code + " (" + ch.Agency.Name + ", " + ch.Period.Label + ")"
			if by[k] == nil {
				by[k] = &counts{}
				order = append(order, k)
			}
			f(by[k])
		}
	}
	add(p.New, func(c *counts) { c.n++ })
	add(p.Changed, func(c *counts) { c.c++ })
	add(p.Cleared, func(c *counts) { c.x++ })
	add(p.Unchanged, func(c *counts) { c.u++ })
	sort.Strings(order)
	var out []string
	for _, k := range order {
		c := by[k]
		out = append(out, fmt.Sprintf("%s: %d new, %d changed, %d cleared, %d unchanged", k, c.n, c.c, c.x, c.u))
	}
	out = append(out, fmt.Sprintf("In all: %d new, %d changed, %d cleared, %d unchanged", len(p.New), len(p.Changed), len(p.Cleared), len(p.Unchanged)))
	return out
}

// Read finds the file's format from its content and reads its records.
func Read(content []byte) (Format, []Record, []Problem, error) {
	format, err := Detect(content)
	if err != nil {
		return "", nil, nil, err
	}
	var recs []Record
	var ps []Problem
	if format == XLSX {
		recs, ps = ReadXLSX(content)
	} else {
		recs, ps = ReadCSV(content)
	}
	return format, recs, ps, nil
}

// cellKey names a cell in maps: an indicator, a day and options.
type cellKey struct {
	indicator int64
	day       int64
	options   [domain.MaxDimensions]int64
}

func keyOf(c domain.Cell) cellKey {
	return cellKey{c.IndicatorID, c.On.Unix() / 86400, c.Options}
}

// Check reads a file and checks every figure in it against the board's
// indicators, agencies and periods, the options and the figures saved. It
// returns an error only when the file is not CSV or XLSX (ErrNotAFigureFile,
// ErrNotUTF8, ErrTooBig) or the database fails; everything wrong inside the
// file is in Plan.Problems, a file over one of the limits (MaxRows and the
// others) with that one problem alone. Each change carries the version of its
// cell, read with its figure (Plan.Writes).
func Check(ctx context.Context, src Source, content []byte, opts Options) (*Plan, error) {
	format, recs, fileProblems, err := Read(content)
	if err != nil {
		return nil, err
	}
	plan := &Plan{Format: format}
	var ps problems
	for _, p := range fileProblems {
		ps.add(p.Where, p.Message)
	}
	if len(recs) == 0 {
		if len(fileProblems) == 0 {
			ps.add("", "The file has no figures in it")
		}
		plan.Problems = ps.list
		return plan, nil
	}
	cat, err := loadCatalog(ctx, src)
	if err != nil {
		return nil, err
	}

	type pending struct {
		Change
		rec Record
	}
	var cells []pending
	first := map[cellKey]string{}
	permits := map[[2]int64]string{}
	for _, rec := range recs {
		c, ok := cat.resolve(rec, opts, &ps)
		if !ok {
			continue
		}
		if opts.Permit != nil {
			k := [2]int64{c.Agency.ID, c.Period.ID}
			msg, seen := permits[k]
			if !seen {
				msg = opts.Permit(c.Agency, c.Period)
				permits[k] = msg
			}
			if msg != "" {
				ps.add(rec.Where("agency"), msg)
				continue
			}
		}
		k := keyOf(c.Cell)
		if where, dup := first[k]; dup {
			ps.add(rec.Where("value"), "The same figure is also given at "+domain.LowerFirst(where)+": give each figure once")
			continue
		}
		first[k] = rec.Where("value")
		cells = append(cells, pending{c, rec})
	}

	// The figures saved, for every indicator the file gives and the parts of
	// any ratio one of them is a part of, over the periods the file covers.
	ids := map[int64]bool{}
	var from, to time.Time
	for _, c := range cells {
		ids[c.Indicator.ID] = true
		for _, other := range cat.partners[c.Indicator.ID] {
			ids[other] = true
		}
		if from.IsZero() || c.Period.StartsOn.Before(from) {
			from = c.Period.StartsOn
		}
		if c.Period.EndsOn.After(to) {
			to = c.Period.EndsOn
		}
	}
	saved := map[cellKey]float64{}
	versions := map[cellKey]int64{}
	if len(ids) > 0 {
		list := make([]int64, 0, len(ids))
		for id := range ids {
			list = append(list, id)
		}
		sort.Slice(list, func(i, j int) bool { return list[i] < list[j] })
		states, err := src.CellStates(ctx, list, from, to)
		if err != nil {
			return nil, err
		}
		for _, v := range states {
			k := keyOf(v.Cell)
			versions[k] = v.Version
			if v.Value != nil {
				saved[k] = *v.Value
			}
		}
	}
	after := make(map[cellKey]*float64, len(saved)+len(cells))
	for k, v := range saved {
		after[k] = &v
	}
	for i := range cells {
		c := &cells[i]
		k := keyOf(c.Cell)
		if old, ok := saved[k]; ok {
			c.Old = &old
		}
		c.Version = versions[k]
		after[k] = c.New
		switch {
		case c.Old == nil && c.New == nil, c.Old != nil && c.New != nil && *c.Old == *c.New:
			plan.Unchanged = append(plan.Unchanged, c.Change)
		case c.Old == nil:
			plan.New = append(plan.New, c.Change)
		case c.New == nil:
			plan.Cleared = append(plan.Cleared, c.Change)
		default:
			plan.Changed = append(plan.Changed, c.Change)
		}
	}

	// A numerator may not be more than its denominator, whether either figure
	// comes from the file or was saved before.
	for _, c := range cells {
		for _, r := range cat.ratiosOf[c.Indicator.ID] {
			numK, denK := keyOf(c.Cell), keyOf(c.Cell)
			numK.indicator, denK.indicator = *r.NumeratorID, *r.DenominatorID
			num, den := after[numK], after[denK]
			if num == nil || den == nil || *num <= *den {
				continue
			}
			numInd, denInd := cat.byID[*r.NumeratorID], cat.byID[*r.DenominatorID]
			ps.add(c.rec.Where("value"), fmt.Sprintf("%s for %s is %s, more than %s %s: %s (%s) is %s divided by %s, so the first cannot be more than the second",
				numInd.Code, labelFor(c.Change), strconv.FormatFloat(*num, 'f', -1, 64), domain.Possessive(denInd.Code), strconv.FormatFloat(*den, 'f', -1, 64),
				r.Code, r.Name, numInd.Code, denInd.Code))
		}
	}
	plan.Problems = ps.list
	return plan, nil
}

func labelFor(c Change) string {
	if len(c.Options) == 0 {
		return c.Date
	}
	return c.Date + " (" + c.Breakdown() + ")"
}

// catalog is the board's indicators, agencies and periods, looked up by name.
type catalog struct {
	byCode   map[string]*domain.Indicator
	byID     map[int64]*domain.Indicator
	agencies map[string]*domain.Agency // by lower-case slug and name
	periods  map[string]*domain.Period // by label and slug
	// ratiosOf lists the ratio indicators an indicator is a part of;
	// partners the other parts of those ratios.
	ratiosOf map[int64][]*domain.Indicator
	partners map[int64][]int64
	dates    map[dateKey]parsedDate
}

func loadCatalog(ctx context.Context, src Source) (*catalog, error) {
	inds, err := src.Indicators(ctx)
	if err != nil {
		return nil, err
	}
	agencies, err := src.Agencies(ctx)
	if err != nil {
		return nil, err
	}
	periods, err := src.Periods(ctx)
	if err != nil {
		return nil, err
	}
	c := &catalog{byCode: map[string]*domain.Indicator{}, byID: map[int64]*domain.Indicator{},
		agencies: map[string]*domain.Agency{}, periods: map[string]*domain.Period{},
		ratiosOf: map[int64][]*domain.Indicator{}, partners: map[int64][]int64{}, dates: map[dateKey]parsedDate{}}
	for i := range inds {
		ind := &inds[i]
		c.byCode[strings.ToLower(ind.Code)] = ind
		c.byID[ind.ID] = ind
	}
	for i := range inds {
		ind := &inds[i]
		if ind.IsRatio() && ind.NumeratorID != nil && ind.DenominatorID != nil {
			n, d := *ind.NumeratorID, *ind.DenominatorID
			c.ratiosOf[n] = append(c.ratiosOf[n], ind)
			c.ratiosOf[d] = append(c.ratiosOf[d], ind)
			c.partners[n] = append(c.partners[n], d)
			c.partners[d] = append(c.partners[d], n)
		}
	}
	for i := range agencies {
		a := &agencies[i]
		c.agencies[strings.ToLower(a.Name)] = a
		c.agencies[strings.ToLower(a.ShortName)] = a
	}
	for i := range agencies { // a slug wins over another agency's short name
		c.agencies[agencies[i].Slug] = &agencies[i]
	}
	for i := range periods {
		p := &periods[i]
		c.periods[p.Label] = p
		c.periods[p.Slug] = p
	}
	return c, nil
}

// resolve checks one record and turns it into a change; problems go to ps.
func (cat *catalog) resolve(rec Record, opts Options, ps *problems) (Change, bool) {
	c := Change{Where: rec.Where("value")}
	ok := true
	fail := func(field, msg string) {
		ps.add(rec.Where(field), msg)
		ok = false
	}
	code := strings.TrimSpace(rec.Indicator)
	if code == "" {
		fail("indicator", "Enter the indicator's code, such as NI59")
	} else if c.Indicator = cat.byCode[strings.ToLower(code)]; c.Indicator == nil {
		fail("indicator", fmt.Sprintf("There is no indicator with the code %q: check the code on the indicators page", code))
	} else if c.Indicator.IsRatio() {
		fail("indicator", fmt.Sprintf("%s is worked out from two other indicators, so it takes no figures: give the figures of its numerator and denominator instead", c.Indicator.Code))
	}
	if a := strings.TrimSpace(rec.Agency); a == "" {
		fail("agency", "Enter the agency, by its address name (such as kent-police) or its name")
	} else if c.Agency = cat.agencies[strings.ToLower(a)]; c.Agency == nil {
		fail("agency", fmt.Sprintf("There is no agency called %q: use its address name, such as kent-police, or its full name", a))
	} else if c.Indicator != nil && c.Indicator.AgencyID != c.Agency.ID {
		fail("agency", fmt.Sprintf("%s figures are given by %s, not %s", domain.Possessive(c.Indicator.Code), c.Indicator.AgencyName, c.Agency.Name))
	}
	if p := strings.TrimSpace(rec.Period); p == "" {
		fail("period", "Enter the period, such as 2009/10")
	} else if c.Period = cat.periods[p]; c.Period == nil {
		fail("period", fmt.Sprintf("There is no reporting period %q: write it like 2009/10", p))
	} else if opts.Period != nil && c.Period.ID != opts.Period.ID {
		fail("period", fmt.Sprintf("This figure is for %s, but this import is for %s: import it from the %s pages", c.Period.Label, opts.Period.Label, c.Period.Label))
	}
	if !ok {
		return c, false
	}
	ind := c.Indicator
	on, msg := cat.parseDate(ind, c.Period, rec.Date)
	if msg != "" {
		fail("month", msg)
	} else {
		c.Date = ind.DateLabel(on)
	}
	c.Cell = domain.Cell{IndicatorID: ind.ID, On: on}
	for i, d := range ind.Dimensions {
		label, present := rec.Option(d.Name)
		if !present {
			fail("indicator", fmt.Sprintf("%s is broken down by %s, but the file has no %s column", ind.Code, d.Name, d.Name))
			continue
		}
		if label == "" {
			fail(d.Name, fmt.Sprintf("Enter the %s: %s", domain.LowerFirst(d.Name), optionList(d)))
			continue
		}
		opt := d.Option(label)
		if opt == nil {
			fail(d.Name, fmt.Sprintf("%q is not an option for %s: use %s", label, domain.LowerFirst(d.Name), optionList(d)))
			continue
		}
		c.Cell.Options[i] = opt.ID
		c.Options = append(c.Options, opt.Label)
	}
	for k, name := range rec.dims {
		if k < len(rec.labels) && strings.TrimSpace(rec.labels[k]) != "" && !hasDimension(ind, name) {
			fail(name, fmt.Sprintf("%s is not broken down by %s: leave this blank", ind.Code, name))
		}
	}
	v, msg := ind.ParseValue(rec.Value)
	if msg != "" {
		// Say which figure, and what the file holds, so it can be found in any spreadsheet.
		which := append([]string{ind.Code}, c.Options...)
		if c.Date != "" {
			which = append([]string{ind.Code, c.Date}, c.Options...)
		}
		typed := fmt.Sprintf("%q", strings.TrimSpace(rec.Value))
		if !strings.Contains(msg, typed) {
			msg += ", not " + typed
		}
		fail("value", msg+" ("+strings.Join(which, ", ")+")")
	}
	c.New = v
	return c, ok
}

func hasDimension(ind *domain.Indicator, name string) bool {
	for _, d := range ind.Dimensions {
		if strings.EqualFold(d.Name, name) {
			return true
		}
	}
	return false
}

// parseDate is Indicator.ParseDate, remembered: a file gives the same few dates many times.
func (cat *catalog) parseDate(ind *domain.Indicator, p *domain.Period, s string) (time.Time, string) {
	k := dateKey{ind.ID, p.ID, s}
	if d, ok := cat.dates[k]; ok {
		return d.on, d.msg
	}
	on, msg := ind.ParseDate(*p, s)
	cat.dates[k] = parsedDate{on, msg}
	return on, msg
}

type dateKey struct {
	indicator, period int64
	text              string
}

type parsedDate struct {
	on  time.Time
	msg string
}

// optionList names a dimension's options for a message: "one of 0-5, 6-10,
// 11-15 or 16+", every one of them however many, so that a misspelled
// option can be put right from the message alone.
func optionList(d domain.Dimension) string {
	labels := make([]string, len(d.Options))
	for i, o := range d.Options {
		labels[i] = o.Label
	}
	switch len(labels) {
	case 0:
		return "it has no options yet: add them on the dimensions page"
	case 1:
		return labels[0]
	}
	return "one of " + strings.Join(labels[:len(labels)-1], ", ") + " or " + labels[len(labels)-1]
}
