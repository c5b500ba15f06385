package demo

import (
	"context"
	"fmt"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// aimWords tag the demo returns' review items and objectives with the four
// strategic aims, as their leads would have: the first aim whose words an
// entry mentions. Entries that mention none stay untagged.
var aimWords = [][]string{
	// 1. The effectiveness of the work of local partners.
	{"audit", "quality assurance", "section 11", "performance", "inspection", "monitor"},
	// 2. The co-ordination of local work.
	{"multi-agency", "partnership", "information sharing", "MARAC", "referral", "procedure", "CAF", "protocol"},
	// 3. Continuous learning and development.
	{"training", "trained", "learning", "lessons", "serious case review", "induction", "workforce", "supervision"},
	// 4. The well-being of vulnerable groups of children.
	{"domestic", "looked after", "custody", "offend", "missing", "neglect", "disab", "exploitation", "young people", "health"},
}

// checklistSections link each item of the readiness check's statutory
// checklist to the demo report's section that covers it.
var checklistSections = map[string]domain.SectionKind{
	"effectiveness": domain.SectionOverview,       // the chair's assessment
	"reviews":       domain.SectionPlan,           // serious case, lessons learned and child death reviews
	"training":      domain.SectionPlan,           // multi-agency training: 617 staff trained
	"contributions": domain.SectionPartnerReviews, // each partner agency's review of its year
	"voice":         domain.SectionPlan,           // communication and engagement: children's voices
	"challenge":     domain.SectionChallenge,      // the chair's challenge log, closed challenges in words
}

// loadPublishing tags the demo's work with the strategic aims, shows the
// challenge and scrutiny section and links the statutory checklist to
// sections, each only when nothing of it is there yet, so loading again
// keeps what was changed in the demo.
func loadPublishing(ctx context.Context, st *store.Store, periodID int64) error {
	manager, err := actorFor(ctx, st, "manager@"+emailDomain)
	if err != nil {
		return err
	}
	period, err := st.PeriodByID(ctx, periodID)
	if err != nil {
		return err
	}
	if _, err := st.TagAimsByWords(ctx, periodID, aimWords); err != nil {
		return err
	}
	rd, err := st.Readiness(ctx, *period)
	if err != nil {
		return err
	}
	for _, c := range rd.Checklist {
		if c.SectionID != 0 {
			return nil // linked already
		}
	}
	outline, err := st.Outline(ctx, *period)
	if err != nil {
		return err
	}
	byKind := map[domain.SectionKind]int64{}
	for _, s := range outline {
		byKind[s.Kind] = s.ID
		if s.Kind == domain.SectionChallenge && s.Hidden {
			// The demo board reports its challenge log: the section is shown.
			shown := domain.ReportSection{Title: s.Title, Appendix: s.Appendix}
			if err := store.SectionList.Update(ctx, st, manager, store.Under(periodID), s.ID, s.Version, shown); err != nil {
				return fmt.Errorf("demo outline: %w", err)
			}
		}
	}
	for _, item := range domain.Checklist {
		if err := st.LinkChecklistItem(ctx, manager, periodID, item.Key, byKind[checklistSections[item.Key]]); err != nil {
			return fmt.Errorf("demo checklist %s: %w", item.Key, err)
		}
	}
	return nil
}
