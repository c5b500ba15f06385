package demo

import (
	"context"
	"fmt"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// loadSection4 composes the 2009/10 report's section 4 as the seed publishes
// it (issue 13): its four sub-headings 1.) to 4.), its narrative in our own
// words, and tables 1–14 in the seed's numbering. Tables 6 and 9–12 are
// captions without figures in the seed, so they have no indicators and say
// the figures are not available for the year. The ratios' numerators and
// denominators feed NI64 and NI65 and have no tables of their own. The
// indicators of the council's review (section 3.4) are hidden from section
// 4, except NI66: not placed, it lands at the end of the section in a table
// of its own until the manager places it (such as in table 5) or hides it.
// The section is composed once: a period that has blocks is left as it is.
func loadSection4(ctx context.Context, st *store.Store, periodID int64) error {
	blocks, err := st.PerfBlocks(ctx, periodID)
	if err != nil || len(blocks) > 0 {
		return err
	}
	manager, err := actorFor(ctx, st, "manager@"+emailDomain)
	if err != nil {
		return err
	}
	inds, err := st.Indicators(ctx)
	if err != nil {
		return err
	}
	ids := map[string]int64{}
	for _, ind := range inds {
		ids[ind.Code] = ind.ID
	}
	table := func(caption string, layout domain.PerfLayout, shows domain.PerfShows, codes ...string) domain.PerfBlock {
		b := domain.PerfBlock{Kind: domain.PerfTable, Title: caption, Layout: layout, Shows: shows, IndicatorIDs: []int64{}}
		for _, c := range codes {
			b.IndicatorIDs = append(b.IndicatorIDs, ids[c])
		}
		return b
	}
	one := func(caption string, shows domain.PerfShows, code string) domain.PerfBlock {
		return table(caption, domain.LayoutIndicator, shows, code)
	}
	several := func(caption string, codes ...string) domain.PerfBlock {
		return table(caption, domain.LayoutIndicators, "", codes...)
	}
	heading := func(words string) domain.PerfBlock {
		return domain.PerfBlock{Kind: domain.PerfHeading, Title: words, IndicatorIDs: []int64{}}
	}
	text := func(body string) domain.PerfBlock {
		return domain.PerfBlock{Kind: domain.PerfText, Body: body, IndicatorIDs: []int64{}}
	}
	for _, b := range []domain.PerfBlock{
		text(section4Intro),
		heading("Children subject to child protection conferences"),
		one("Children on the child protection list at 31 March 2009, by category of abuse, age and gender", domain.ShowsPrevious, "CPP"), // table 1
		one("Children on the child protection list at 17 March 2010, by category of abuse, age and gender", domain.ShowsYear, "CPP"),     // table 2
		// Table 3: the seed's caption says 2008/09, but its figures run on to
		// December 2009; the table shows the year being reviewed.
		one("Primary causes for concern at child protection conferences, by month", domain.ShowsYear, "CPC-CAUSE"),
		one("Children on a child protection plan by category of abuse and length of plan, excluding other authorities’ children", domain.ShowsYear, "CPP-LENGTH"), // table 4
		several("Child protection plans lasting 2 years or more, plans for a second or later time, and reviews held on time", "NI64", "NI65", "NI67"),             // table 5
		several("Initial child protection conferences, 2006 to 2010"),                                                                                             // table 6: no figures in the seed
		heading("Referrals made to children’s social care"),
		one("Referrals to children’s social care by month", domain.ShowsYears, "REF"),                                                                   // table 7
		one("Children referred again within 12 months, April to December 2009, by how many earlier referrals they had", domain.ShowsYear, "REF-REPEAT"), // table 8
		several("Referrals by duty team in children’s services"),                                                                                        // table 9: no figures in the seed
		text(section4DutyTeams),
		heading("Children subject to child protection investigations"),
		several("Section 47 child protection investigations started, by month"), // table 10: no figures in the seed
		text(section4Investigations),
		heading("Children subject to care proceedings, the Public Law Outline and private fostering arrangements"),
		several("Children in care proceedings"), // table 11: no figures in the seed
		text(section4CareProceedings),
		several("Children in the Public Law Outline"), // table 12: no figures in the seed
		text(section4PublicLawOutline),
		one("Private fostering enquiries to children’s social care, by whether they were assessed", domain.ShowsYear, "PF-ENQ"), // table 13
		several("Children with a private fostering arrangement", "PF-CASES", "PF-NEW", "PF-CLOSED"),                             // table 14
	} {
		if _, err := store.PerfBlockList.Add(ctx, st, manager, store.Under(periodID), b); err != nil {
			return fmt.Errorf("demo section 4: %w", err)
		}
	}
	for _, code := range []string{"NI59", "NI60", "CPC", "CPC-QUORATE", "REF-IA", "TELLUS-UNSAFE"} {
		if id, ok := ids[code]; ok {
			if err := st.SetIndicatorHidden(ctx, manager, periodID, id, true); err != nil {
				return fmt.Errorf("demo section 4: hide %s: %w", code, err)
			}
		}
	}
	return nil
}

// The seed's narrative in section 4, in our own words.
const (
	section4Intro = "Most children subject to a child protection plan in Medway are aged 0 to 5, as they were two years ago, " +
		"and most plans are made under the category of neglect. Tables 1 and 2 show the children on plans by age, gender and " +
		"category of abuse at the end of each of the last two years."

	section4DutyTeams = "The boundaries between the duty teams changed in November 2009, to support the Chatham integrated " +
		"area team with its high number of referrals and the greater deprivation of the community it serves."

	section4Investigations = "Table 10 is to show how many section 47 child protection investigations began each month, to be " +
		"read beside the initial child protection conferences of table 6. What happens after an investigation that does " +
		"not lead to a conference is not yet mapped or analysed."

	section4CareProceedings = "The reasons children come into care are not yet readily available for analysis, and the numbers " +
		"of looked after children were still awaited. So far in 2009/10, initial reviews of looked after children are up by " +
		"a quarter on the same months of the year before, a sign that more children continue to come into care; all " +
		"reviews of looked after children are up by about a tenth."

	section4PublicLawOutline = "More children are subject to the Public Law Outline, but there is little data yet on how long " +
		"they stay subject to it or on what follows. Many children are subject to both the Public Law Outline and child " +
		"protection conferences, which is not yet reported on either."
)
