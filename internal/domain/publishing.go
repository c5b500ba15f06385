package domain

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Publishing the annual report (issue 6): the readiness check's statutory
// checklist, and what changed between two published versions.

// ChecklistItem is one thing statutory guidance expects a board's annual
// report to cover. It is covered once the manager links it to a section.
type ChecklistItem struct {
	Key   string
	Title string
	Hint  string
}

// Checklist is what the annual report is expected to cover, in the order the
// readiness check lists it.
var Checklist = []ChecklistItem{
	{"effectiveness", "An assessment of how effective local safeguarding is", "The board’s own judgement of how well children are safeguarded, with the evidence for it"},
	{"reviews", "Lessons from serious case and other reviews, and what was done about them", "Serious case reviews, lessons learned reviews and child death reviews, and the actions that followed"},
	{"training", "Training and its impact", "Multi-agency training delivered, who came, and what difference it made"},
	{"contributions", "What each partner contributed, including money", "Each agency’s part in the board’s work and budget"},
	{"voice", "The voice of children and families", "What children, young people and families told the board and its partners, and what changed"},
	{"challenge", "Challenge to partners and the children’s trust", "Where the board challenged partner agencies or the children’s trust, and the outcome"},
}

// ChecklistItemByKey finds a checklist item.
func ChecklistItemByKey(key string) (ChecklistItem, bool) {
	for _, c := range Checklist {
		if c.Key == key {
			return c, true
		}
	}
	return ChecklistItem{}, false
}

// SectionHash is one section of a published version with a hash of its
// content, so the next version can say which sections changed.
type SectionHash struct {
	Key   string `json:"key"`   // the section's kind, or "free:" and its id for the board's own sections
	Title string `json:"title"` // the heading as published, such as "3. Review by each partner agency"
	Hash  string `json:"hash"`
}

// PublishFacts are what a published version is compared by: its sections'
// hashes, the agencies whose returns it included, and a hash of each
// indicator's figures for the period.
type PublishFacts struct {
	Sections []SectionHash
	Accepted []string          // agency names
	Figures  map[string]string // indicator code → hash of its figures in the period
}

// ChangesSince says in a few lines what changed between the previous
// published version and this one: sections whose content changed, were added
// or left out; returns included since; indicators whose figures changed.
func ChangesSince(prev, cur PublishFacts) []string {
	var out []string
	before := map[string]SectionHash{}
	for _, s := range prev.Sections {
		before[s.Key] = s
	}
	var changed, added []string
	seen := map[string]bool{}
	for _, s := range cur.Sections {
		seen[s.Key] = true
		old, ok := before[s.Key]
		switch {
		case !ok:
			added = append(added, s.Title)
		case old.Hash != s.Hash:
			changed = append(changed, s.Title)
		}
	}
	var removed []string
	for _, s := range prev.Sections {
		if !seen[s.Key] {
			removed = append(removed, s.Title)
		}
	}
	if len(changed) > 0 {
		out = append(out, "Changed: "+strings.Join(changed, "; "))
	}
	if len(added) > 0 {
		out = append(out, "Added: "+strings.Join(added, "; "))
	}
	if len(removed) > 0 {
		out = append(out, "Left out: "+strings.Join(removed, "; "))
	}
	had := map[string]bool{}
	for _, a := range prev.Accepted {
		had[a] = true
	}
	var since []string
	for _, a := range cur.Accepted {
		if !had[a] {
			since = append(since, a)
		}
	}
	if len(since) > 0 {
		out = append(out, "Returns accepted since: "+strings.Join(since, ", "))
	}
	var figs []string
	for code, h := range cur.Figures {
		if prev.Figures[code] != h {
			figs = append(figs, code)
		}
	}
	for code := range prev.Figures {
		if _, ok := cur.Figures[code]; !ok {
			figs = append(figs, code)
		}
	}
	if len(figs) > 0 {
		sort.Strings(figs)
		noun := "indicators"
		if len(figs) == 1 {
			noun = "indicator"
		}
		out = append(out, fmt.Sprintf("Figures changed for %d %s: %s", len(figs), noun, strings.Join(figs, ", ")))
	}
	if len(out) == 0 {
		out = append(out, "Nothing changed since the last version")
	}
	return out
}

// PublishedReport is one published version of a period's report, without
// its files.
type PublishedReport struct {
	PeriodID    int64
	Version     int
	HTMLSHA256  string
	PDFSHA256   string
	HTMLSize    int
	PDFSize     int
	PDFPages    int
	Publisher   string
	PublishedAt time.Time
	Took        time.Duration
	Changes     []string // what changed since the previous version; empty for the first
	// Damaged is true when the stored HTML or PDF no longer matches the
	// SHA-256 recorded at publishing: it is not served.
	Damaged bool
}

// The readiness check (store.Readiness).

// ReturnGap is an active agency whose return for the period is not accepted.
type ReturnGap struct {
	AgencyID   int64
	AgencySlug string
	AgencyName string
	Status     ReturnStatus
}

// IndicatorGap is an indicator without figures for some of the period's dates.
type IndicatorGap struct {
	ID         int64
	Code       string
	Name       string
	AgencyName string
	Frequency  Frequency
	Missing    []time.Time // the dates without a figure; for a snapshot, the period's last day
	// Complete is set when the manager said the figures are complete as they
	// are: the missing dates will not come and no longer hold up publishing.
	Complete bool
}

// UnconfirmedTarget is an indicator whose target for the period came over
// from the year before and is still to be confirmed: nothing is rated
// against it until the manager saves it.
type UnconfirmedTarget struct {
	IndicatorID int64
	Code        string
	Name        string
}

// ChecklistEntry is one item of the statutory checklist and the section it
// is covered in, if any.
type ChecklistEntry struct {
	ChecklistItem
	SectionID int64 // 0: not yet covered
	Section   string
}

// Readiness is what stands between the period's report and publishing.
type Readiness struct {
	Returns []ReturnGap
	// Provisional are the indicators whose figures for the period are not
	// yet accepted: publishing is refused while there is one.
	Provisional   []ProvisionalIndicator
	Indicators    []IndicatorGap // those with missing figures, the ones marked complete included
	Unconfirmed   []UnconfirmedTarget
	EmptySections []NumberedSection
	Checklist     []ChecklistEntry
	Sections      []NumberedSection // the visible sections, for the checklist's choices
}

// OpenIndicators are the indicators with missing figures not marked complete.
func (r Readiness) OpenIndicators() []IndicatorGap {
	var out []IndicatorGap
	for _, g := range r.Indicators {
		if !g.Complete {
			out = append(out, g)
		}
	}
	return out
}

// Uncovered counts the checklist items not linked to a section.
func (r Readiness) Uncovered() int {
	n := 0
	for _, c := range r.Checklist {
		if c.SectionID == 0 {
			n++
		}
	}
	return n
}

// ProvisionalIndicator is an indicator holding figures for the period whose
// owning agency's return (or, for a ratio, a part's) exists and is not
// accepted: its figures are provisional.
type ProvisionalIndicator struct {
	Code, Name string
	AgencySlug string // the agency whose return is not accepted
	AgencyName string
	Status     ReturnStatus
}

// Publishable reports whether the report may be published at all: not while
// it holds a provisional figure. What else is missing only asks the manager
// to confirm (Clean).
func (r Readiness) Publishable() bool { return len(r.Provisional) == 0 }

// Clean reports whether nothing stands in the way of publishing.
func (r Readiness) Clean() bool {
	return len(r.Returns) == 0 && len(r.Provisional) == 0 && len(r.OpenIndicators()) == 0 && len(r.Unconfirmed) == 0 && len(r.EmptySections) == 0 && r.Uncovered() == 0
}
