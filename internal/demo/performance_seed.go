package demo

import (
	"time"

	"safeboard/internal/domain"
)

// The demo board's performance data: seed section 4 (tables 1–14) and the
// national indicators of the council's part of section 3.4, with the targets
// of tables 5 and 3.4 for 2009/10 and of the business plan (section 6.4) for
// 2010/11. Every figure the seed prints is here; tables 6 and 8–12 are titles
// without figures in the seed, except for the repeat referrals that the text
// above table 8 gives. Where the seed needs reading, the comment says how it
// was read.

// childrensServices owns every demo indicator: all the seed's tables are the
// council's children's services' figures.
const childrensServices = "medway-childrens-services"

// blank is a figure the seed does not print: not known, so not stored.
const blank = -1

// The comparator series the seed names.
const (
	seriesNeighbours = "Statistical neighbours"
	seriesEngland    = "England"
)

// The themes the demo's indicators are grouped by, in report order.
const (
	themePlans        = "Child protection plans"
	themeConferences  = "Child protection conferences"
	themeNational     = "National indicators"
	themeReferrals    = "Referrals"
	themeFostering    = "Private fostering"
	themeChildrenView = "Children's views"
)

// The dimensions' names.
const (
	dimCategory  = "Category of abuse"
	dimAge       = "Age band"
	dimGender    = "Gender"
	dimCause     = "Cause for concern"
	dimLength    = "Length of plan"
	dimEnquiry   = "Private fostering enquiry outcome"
	dimPrevious  = "Previous referrals in 12 months"
	optUnknown   = "Unknown"
	optAssessed  = "Assessed"
	optNotAssess = "Not assessed"
)

// seedDimension is a list of options figures are broken down by.
type seedDimension struct {
	Name    string
	Options []string
	// Overlapping: one thing counted falls under several options (a
	// conference records several causes for concern), so no total.
	Overlapping bool
}

// seedDimensions are the demo's dimensions. The categories of abuse are the
// seed's, in the order of tables 1 and 2 (the seed has no "multiple"
// category); the causes for concern are table 3's rows; the lengths of plan
// are table 4's, as the seed writes them. A conference records several
// causes, so the causes overlap: they never get a total.
var seedDimensions = []seedDimension{
	{dimCategory, []string{"Neglect", "Emotional abuse", "Sexual abuse", "Physical abuse"}, false},
	{dimAge, []string{"0-5", "6-10", "11-15", "16+"}, false},
	{dimGender, []string{"F", "M", optUnknown}, false},
	{dimCause, []string{"Alcohol misuse", "Drug misuse", "Learning difficulties", "Mental illness", "Physical disability",
		"Chronic illness", "Lone parent", "Domestic violence", "Unacceptable physical standards", "Other"}, true},
	{dimLength, []string{"00-06 months", "06-12 months", "12-18 months", "18-24 months", "24-36 months", "36-48 months", "48+ months"}, false},
	{dimEnquiry, []string{optAssessed, optNotAssess}, false},
	{dimPrevious, []string{"1 previous referral", "2 previous referrals", "3 previous referrals", "4 or more previous referrals"}, false},
}

// seedValue is one figure: its date, its options (one per dimension of the
// indicator, in order) and its value.
type seedValue struct {
	On      time.Time
	Options []string
	Value   float64
}

// seedTarget is an indicator's target for the period starting in April of Year.
type seedTarget struct {
	Year   int
	Op     string
	Value  float64
	Amber  *float64
	Source string
}

// seedComparator is a comparator series' figure for the year starting in April of Year.
type seedComparator struct {
	Series string
	Year   int
	Value  float64
}

// seedIndicator is an indicator with its figures, targets, comparators and
// commentary.
type seedIndicator struct {
	Code, Name, Description, Theme string
	Unit                           domain.Unit
	Polarity                       domain.Polarity
	Frequency                      domain.Frequency
	YTD                            domain.YTDRule
	Numerator, Denominator         string   // codes, for a ratio
	ShareBase                      string   // the code of the indicator shares are of, or ""
	Dimensions                     []string // names, in order
	Values                         []seedValue
	Targets                        []seedTarget
	Comparators                    []seedComparator
	Commentary                     map[int]string // by the year its period starts
}

// day is a date.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// monthly lists figures one a month from the month of from, with the given
// options; a blank month is skipped.
func monthly(from time.Time, options []string, values ...float64) []seedValue {
	var out []seedValue
	for i, v := range values {
		if v == blank {
			continue
		}
		out = append(out, seedValue{On: from.AddDate(0, i, 0), Options: options, Value: v})
	}
	return out
}

// quarterly lists figures one a quarter from the quarter starting at from.
func quarterly(from time.Time, values ...float64) []seedValue {
	var out []seedValue
	for i, v := range values {
		if v != blank {
			out = append(out, seedValue{On: from.AddDate(0, 3*i, 0), Value: v})
		}
	}
	return out
}

// yearly is the figure of the year starting in April of year.
func yearly(year int, v float64, options ...string) seedValue {
	return seedValue{On: day(year, time.April, 1), Options: options, Value: v}
}

// amber is an amber margin.
func amber(v float64) *float64 { return &v }

// The amber margins are the demo's own: the seed gives red/amber/green
// nowhere. Timeliness indicators (higher is better) are near target within 5
// percentage points, the rates of plans (lower is better) within 2.
var (
	amberTimeliness = amber(5)
	amberRates      = amber(2)
)

// cpBands is one category's row of tables 1 and 2: for each age band the
// figures for F, M and U/K. The seed prints a U/K column for 0-5 only, so
// the others are blank (not known); a cell printed empty under a total that
// shows it is zero is 0.
type cpBands struct {
	Category string
	Bands    [4][3]float64
}

// The dates of tables 1 and 2. Table 2's list is "as at 17.03.10" in the
// seed, so it is stored on that date, not on 31 March 2010.
var (
	cpListDate2009 = day(2009, time.March, 31)
	cpListDate2010 = day(2010, time.March, 17)
)

// table1 is the child protection list at 31 March 2009 (grand total 171).
var table1 = []cpBands{
	{"Neglect", [4][3]float64{{21, 30, 2}, {6, 15, blank}, {6, 18, blank}, {0, 2, blank}}},
	{"Emotional abuse", [4][3]float64{{9, 4, 0}, {2, 6, blank}, {2, 2, blank}, {1, 0, blank}}},
	{"Sexual abuse", [4][3]float64{{7, 4, 0}, {5, 3, blank}, {2, 8, blank}, {0, 0, blank}}},
	{"Physical abuse", [4][3]float64{{6, 7, 1}, {0, 0, blank}, {0, 2, blank}, {0, 0, blank}}},
}

// table2 is the child protection list at 17 March 2010 (grand total 232).
// Physical abuse, 16+, M is printed empty with the band's total 1 = F: 0.
var table2 = []cpBands{
	{"Neglect", [4][3]float64{{38, 29, 1}, {8, 16, blank}, {7, 10, blank}, {1, 3, blank}}},
	{"Emotional abuse", [4][3]float64{{14, 17, 0}, {10, 9, blank}, {6, 8, blank}, {0, 0, blank}}},
	{"Sexual abuse", [4][3]float64{{8, 5, 0}, {5, 3, blank}, {8, 3, blank}, {0, 0, blank}}},
	{"Physical abuse", [4][3]float64{{7, 6, 0}, {3, 4, blank}, {1, 1, blank}, {1, 0, blank}}},
}

// cpListValues are a child protection list's figures on a date.
func cpListValues(on time.Time, rows []cpBands) []seedValue {
	ages := []string{"0-5", "6-10", "11-15", "16+"}
	genders := []string{"F", "M", optUnknown}
	var out []seedValue
	for _, r := range rows {
		for a, band := range r.Bands {
			for g, v := range band {
				if v != blank {
					out = append(out, seedValue{On: on, Options: []string{r.Category, ages[a], genders[g]}, Value: v})
				}
			}
		}
	}
	return out
}

// causeRow is a row of table 3: a cause for concern and its monthly counts.
type causeRow struct {
	Cause  string
	Counts []float64
}

// table3Conferences are the conferences held each month from April 2008
// ("No Conferences", 380 in 2008/09) and from April 2009 ("Number of
// Conferences", 333 from April to December 2009).
var (
	table3Conferences2008 = []float64{37, 30, 34, 38, 22, 36, 26, 40, 25, 27, 34, 31}
	table3Conferences2009 = []float64{38, 29, 37, 48, 24, 40, 43, 47, 27}
)

// table3Causes2008 are the primary causes for concern at conferences by
// month, April 2008 to March 2009. A conference can record more than one
// cause; the seed's % column is each cause's share of the conferences.
var table3Causes2008 = []causeRow{
	{"Alcohol misuse", []float64{2, 5, 5, 3, 2, 9, 4, 6, 7, 9, 2, 6}},
	{"Drug misuse", []float64{4, 6, 6, 11, 6, 8, 11, 8, 5, 6, 8, 12}},
	{"Learning difficulties", []float64{3, 7, 8, 11, 7, 9, 3, 9, 3, 1, 3, 4}},
	{"Mental illness", []float64{2, 6, 5, 5, 6, 4, 2, 7, 2, 4, 5, 4}},
	{"Physical disability", []float64{1, 0, 0, 0, 0, 2, 1, 1, 0, 0, 0, 1}},
	{"Chronic illness", []float64{0, 1, 0, 2, 1, 0, 0, 1, 2, 0, 0, 1}},
	{"Lone parent", []float64{2, 10, 10, 11, 6, 9, 6, 0, 0, 0, 0, 2}},
	{"Domestic violence", []float64{8, 9, 12, 7, 6, 13, 10, 11, 9, 9, 10, 11}},
	{"Unacceptable physical standards", []float64{0, 0, 0, 0, 0, 0, 0, 8, 6, 12, 6, 8}},
	{"Other", []float64{0, 0, 9, 9, 5, 13, 5, 0, 0, 0, 0, 0}},
}

// table3Causes2009 are the same from April to December 2009; the seed has no
// rows for unacceptable physical standards and other that year, so those are
// not known.
var table3Causes2009 = []causeRow{
	{"Alcohol misuse", []float64{13, 6, 12, 7, 10, 7, 6, 19, 8}},
	{"Drug misuse", []float64{5, 4, 12, 10, 3, 8, 12, 10, 9}},
	{"Learning difficulties", []float64{6, 3, 4, 8, 2, 6, 3, 6, 3}},
	{"Mental illness", []float64{5, 6, 5, 7, 4, 7, 5, 10, 4}},
	{"Physical disability", []float64{3, 0, 2, 0, 1, 0, 0, 2, 0}},
	{"Chronic illness", []float64{2, 1, 1, 3, 1, 0, 0, 0, 0}},
	{"Lone parent", []float64{0, 0, 0, 0, 0, 0, 1, 0, 0}},
	{"Domestic violence", []float64{16, 14, 13, 16, 9, 15, 14, 24, 12}},
}

// causeValues are table 3's cause rows from the month of from.
func causeValues(from time.Time, rows []causeRow) []seedValue {
	var out []seedValue
	for _, r := range rows {
		out = append(out, monthly(from, []string{r.Cause}, r.Counts...)...)
	}
	return out
}

// lengthRows is a category's part of table 4: for each length of plan, the
// children on a plan at each month from April 2009 to February 2010. Cells
// the seed prints empty in those months are 0 (each month's printed total is
// the sum of the others); March is empty throughout, so not known.
type lengthRows struct {
	Category string
	Months   [7][11]float64
}

// table4 is table 4, children on a plan (excluding other local authorities'
// children) by category and length of plan, in the seed's order.
var table4 = []lengthRows{
	{"Emotional abuse", [7][11]float64{
		{41, 48, 47, 53, 52, 54, 32, 25, 27, 23, 20}, // 00-06 months
		{5, 6, 7, 6, 8, 15, 32, 27, 26, 28, 32},      // 06-12 months
		{3, 3, 5, 4, 3, 2, 2, 3, 4, 5, 5},            // 12-18 months
		{1, 0, 0, 1, 2, 2, 2, 2, 3, 0, 0},            // 18-24 months
		{0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0},            // 24-36 months
		{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},            // 36-48 months
		{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},            // 48+ months
	}},
	{"Neglect", [7][11]float64{
		{52, 47, 50, 62, 66, 54, 50, 60, 58, 55, 51},
		{31, 32, 26, 23, 25, 34, 34, 32, 36, 51, 54},
		{16, 17, 18, 14, 16, 14, 17, 16, 15, 14, 14},
		{6, 4, 2, 1, 1, 5, 6, 6, 7, 7, 7},
		{1, 5, 4, 4, 4, 3, 3, 4, 4, 4, 2},
		{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
		{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	}},
	{"Physical abuse", [7][11]float64{
		{7, 7, 6, 8, 9, 16, 15, 17, 20, 19, 19},
		{4, 4, 5, 4, 4, 5, 4, 4, 3, 5, 7},
		{1, 1, 1, 1, 0, 1, 1, 1, 2, 1, 1},
		{0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0},
		{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
		{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
		{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
	}},
	{"Sexual abuse", [7][11]float64{
		{14, 6, 4, 6, 7, 14, 19, 20, 23, 21, 18},
		{7, 16, 12, 12, 10, 8, 8, 4, 3, 0, 4},
		{0, 0, 0, 0, 0, 2, 2, 6, 7, 6, 6},
		{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
		{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
		{1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0},
		{0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1},
	}},
}

// table4Values are table 4's figures.
func table4Values() []seedValue {
	lengths := seedDimensions[4].Options
	var out []seedValue
	for _, c := range table4 {
		for l, months := range c.Months {
			out = append(out, monthly(day(2009, time.April, 1), []string{c.Category, lengths[l]}, months[:]...)...)
		}
	}
	return out
}

// table7 is table 7, referrals to children's social care by month: the
// chart's 2007 line has nine points, April to December 2007, and its 2010
// line one, January 2010. April 2009 to January 2010 add up to the 2,675
// referrals of section 3.4.
var table7 = []float64{
	190, 289, 294, 287, 230, 201, 259, 212, 168, // April to December 2007
	246, 270, 238, 204, 182, 249, 236, 188, 256, 259, 240, 264, // 2008
	298, 211, 262, 205, 252, 292, 297, 244, 299, 295, 299, 235, // 2009
	257, // January 2010
}

// Table 5's NI64 and NI65 are percentages the seed prints by month, with the
// year to date; the demo stores the counts behind them so the year to date is
// their ratio. The seed gives the totals only: the month's counts are the
// demo's, chosen so each month's percentage rounds to table 5's.
//
// NI64: 7 of the 160 children whose plan ended had been on it 2 years or more
// (section 3.4: 4.4%, table 5: 4%).
var (
	ni64Ceased   = []float64{20, 13, 16, 14, 12, 17, 15, 13, 12, 13, 15, blank}
	ni64TwoYears = []float64{2, 0, 1, 0, 0, 2, 0, 0, 0, 0, 2, blank}
)

// NI65: the seed is inconsistent. Section 3.4 says 231 children became
// subject to a plan since April 2009, then "of these 239 CYP, 39 (16.8%)" had
// been on one before (39 of 239 is 16.3%), and the note under table 5 says
// "17.8% … 38 children"; table 5's year to date is 17%. The demo takes 39 of
// 229 (17.0%), so the year to date reads as table 5's 17% to one decimal
// place too; 39 of the 231 would read 16.9%.
var (
	ni65Started = []float64{22, 21, 23, 15, 20, 25, 28, 21, 26, 13, 15, blank}
	ni65Repeat  = []float64{4, 4, 3, 6, 4, 2, 5, 3, 8, 0, 0, blank}
)

// The private fostering tables 13 and 14, April 2009 to January 2010.
var (
	// Table 13: potential enquiries, and those that were assessed. The
	// enquiries not assessed are the difference, so the breakdown's total is
	// the seed's row of potential enquiries.
	pfEnquiries = []float64{5, 1, 4, 1, 0, 3, 3, 2, 3, 1}
	pfAssessed  = []float64{4, 1, 4, 1, 0, 2, 2, 0, 2, 0}
	// Table 14: cases at month end, new cases and cases closed.
	pfCases  = []float64{13, 14, 16, 16, 12, 14, 14, 14, 16, 12}
	pfNew    = []float64{4, 1, 4, 1, 0, 2, 2, 0, 2, 0}
	pfClosed = []float64{0, 0, 2, 1, 4, 0, 2, 0, 0, 4}
)

// enquiryValues are table 13's enquiries, assessed or not.
func enquiryValues() []seedValue {
	notAssessed := make([]float64, len(pfEnquiries))
	for i := range pfEnquiries {
		notAssessed[i] = pfEnquiries[i] - pfAssessed[i]
	}
	from := day(2009, time.April, 1)
	return append(monthly(from, []string{optAssessed}, pfAssessed...), monthly(from, []string{optNotAssess}, notAssessed...)...)
}

// seedIndicators are the demo's indicators in report order.
func seedIndicators() []seedIndicator {
	apr2008, apr2009 := day(2008, time.April, 1), day(2009, time.April, 1)
	count := func(s seedIndicator) seedIndicator {
		s.Unit = domain.UnitCount
		if s.Polarity == "" {
			s.Polarity = domain.PolarityNeither
		}
		return s
	}
	return []seedIndicator{
		// Tables 1 and 2.
		count(seedIndicator{
			Code: "CPP", Name: "Children subject to a child protection plan",
			Description: "Children on the child protection list on the date, by category of abuse, age band and gender.",
			Theme:       themePlans, Frequency: domain.FrequencySnapshot, YTD: domain.YTDLatest,
			Dimensions: []string{dimCategory, dimAge, dimGender},
			Values:     append(cpListValues(cpListDate2009, table1), cpListValues(cpListDate2010, table2)...),
			Commentary: map[int]string{2009: "Most children on a plan are aged 0 to 5, as they were a year earlier. " +
				"Neglect remains by far the most common category. Physical abuse came second in 2008/09, but plans " +
				"for emotional abuse rose sharply in 2009/10, from 26 children to 64. Plans for sexual abuse are " +
				"somewhat more common in Medway than elsewhere, which may show that professionals across the agencies " +
				"recognise and assess it better, helped by the board's training."},
		}),
		// Table 4.
		count(seedIndicator{
			Code: "CPP-LENGTH", Name: "Children on a child protection plan by length of plan",
			Description: "Children on a plan at the end of each month, excluding children of other local authorities, by category of abuse and how long the plan has lasted.",
			Theme:       themePlans, Frequency: domain.FrequencyMonthly, YTD: domain.YTDLatest,
			Dimensions: []string{dimCategory, dimLength},
			Values:     table4Values(),
			Commentary: map[int]string{2009: "This shows how many children now on a plan have had it for 2 years or " +
				"more, which the review of NI64 asked for: at the end of February 2010, 3 children (2 under neglect, " +
				"1 under sexual abuse). March's figures were not available when the review was written."},
		}),
		// Table 3.
		count(seedIndicator{
			Code: "CPC", Name: "Child protection conferences",
			Description: "Child protection conferences held in the month.",
			Theme:       themeConferences, Frequency: domain.FrequencyMonthly, YTD: domain.YTDSum,
			Values: append(monthly(apr2008, nil, table3Conferences2008...), monthly(apr2009, nil, table3Conferences2009...)...),
		}),
		count(seedIndicator{
			Code: "CPC-CAUSE", Name: "Primary causes for concern at child protection conferences",
			Description: "How many conferences in the month recorded each primary cause for concern. A conference " +
				"can record more than one cause, so the causes add up to more than the conferences: each cause's share is of the " +
				"conferences held. Other generally means a vulnerable care leaver, sexual behaviour or abuse, or poor hygiene in the home.",
			Theme: themeConferences, Frequency: domain.FrequencyMonthly, YTD: domain.YTDSum,
			Dimensions: []string{dimCause},
			ShareBase:  "CPC", // each cause's share is of the conferences held
			Values:     append(causeValues(apr2008, table3Causes2008), causeValues(apr2009, table3Causes2009)...),
			Commentary: map[int]string{2009: "Quality assurance by the council's independent safeguarding and review " +
				"service shows parental alcohol and drug misuse and domestic violence as the main reasons children " +
				"became subject to plans over 2008 to 2010: from April to December 2009 domestic violence was a " +
				"concern at 4 conferences in 10. These causes help explain plans for neglect and emotional abuse, " +
				"but not how children come to be on plans for sexual abuse."},
		}),
		{
			Code: "CPC-QUORATE", Name: "Child protection conferences that were quorate",
			Description: "Percentage of child protection conferences in the year that were quorate.",
			Theme:       themeConferences, Unit: domain.UnitPercentage, Polarity: domain.PolarityHigher,
			Frequency: domain.FrequencyYearly, YTD: domain.YTDLatest,
			Values: []seedValue{yearly(2009, 84)},
		},
		// Section 3.4 and table 5.
		{
			Code: "NI59", Name: "Initial assessments carried out within 7 working days of referral",
			Description: "Percentage of initial assessments for children's social care carried out within 7 working days of referral.",
			Theme:       themeNational, Unit: domain.UnitPercentage, Polarity: domain.PolarityHigher,
			Frequency: domain.FrequencyYearly, YTD: domain.YTDLatest,
			Values:  []seedValue{yearly(2008, 73), yearly(2009, 78)},
			Targets: []seedTarget{{Year: 2010, Op: ">", Value: 74, Amber: amberTimeliness, Source: "Business plan 2010/11"}},
			Commentary: map[int]string{2009: "78% of initial assessments were carried out within 7 working days, up " +
				"from 73% the year before. More referrals led to an initial assessment (59%, from 55%), and fewer " +
				"than 30 referrals were waiting to be allocated at any time in the year."},
		},
		{
			Code: "NI60", Name: "Core assessments carried out within 35 working days",
			Description: "Percentage of core assessments for children's social care carried out within 35 working days of their start.",
			Theme:       themeNational, Unit: domain.UnitPercentage, Polarity: domain.PolarityHigher,
			Frequency: domain.FrequencyYearly, YTD: domain.YTDLatest,
			Values: []seedValue{yearly(2009, 70)},
			Targets: []seedTarget{
				{Year: 2009, Op: ">=", Value: 79, Amber: amberTimeliness, Source: "LAA"},
				{Year: 2010, Op: ">", Value: 80, Amber: amberTimeliness, Source: "Business plan 2010/11"},
			},
			Commentary: map[int]string{2009: "70% of core assessments were completed within 35 working days, short " +
				"of the local area agreement target of 79%. After the social care teams were strengthened during the " +
				"year with more senior practitioners, reviewing officers, family workers and support staff, the " +
				"average rose from 65% before the change to 82% after it."},
		},
		count(seedIndicator{
			Code: "NI64D", Name: "Children ceasing to be the subject of a child protection plan",
			Description: "Children whose child protection plan ended in the month: the denominator of NI64.",
			Theme:       themeNational, Frequency: domain.FrequencyMonthly, YTD: domain.YTDSum,
			Values: monthly(apr2009, nil, ni64Ceased...),
		}),
		count(seedIndicator{
			Code: "NI64N", Name: "Children ceasing a child protection plan who had been on it for 2 years or more",
			Description: "Children whose plan ended in the month after lasting 2 years or more: the numerator of NI64.",
			Theme:       themeNational, Frequency: domain.FrequencyMonthly, YTD: domain.YTDSum,
			Values: monthly(apr2009, nil, ni64TwoYears...),
		}),
		{
			Code: "NI64", Name: "Child protection plans lasting 2 years or more",
			Description: "Percentage of children ceasing to be the subject of a child protection plan who had been the subject of a plan continuously for 2 years or longer.",
			Theme:       themeNational, Unit: domain.UnitPercentage, Polarity: domain.PolarityLower,
			Frequency: domain.FrequencyMonthly, YTD: domain.YTDRatio, Numerator: "NI64N", Denominator: "NI64D",
			Targets:     []seedTarget{{Year: 2009, Op: "<", Value: 10, Amber: amberRates}},
			Comparators: []seedComparator{{seriesEngland, 2009, 6}},
			Commentary: map[int]string{2009: "Of the {{NI64.den}} children whose plans ended since April 2009, {{NI64.num}} ({{NI64.ytd}}) had " +
				"been on a plan for longer than the 2 years it should ideally take to resolve the concerns: well " +
				"within the target and below the England average of 6%. Support continues for these children as " +
				"children in need through the family and school support teams."},
		},
		count(seedIndicator{
			Code: "NI65D", Name: "Children becoming the subject of a child protection plan",
			Description: "Children who became the subject of a child protection plan in the month: the denominator of NI65.",
			Theme:       themeNational, Frequency: domain.FrequencyMonthly, YTD: domain.YTDSum,
			Values: monthly(apr2009, nil, ni65Started...),
		}),
		count(seedIndicator{
			Code: "NI65N", Name: "Children becoming the subject of a child protection plan for a second or later time",
			Description: "Children who became the subject of a plan in the month and had been on a plan or on the register before: the numerator of NI65.",
			Theme:       themeNational, Frequency: domain.FrequencyMonthly, YTD: domain.YTDSum,
			Values: monthly(apr2009, nil, ni65Repeat...),
		}),
		{
			Code: "NI65", Name: "Children becoming the subject of a child protection plan for a second or later time",
			Description: "Percentage of children who became the subject of a child protection plan during the year who had previously been the subject of a plan, or on the register, however long ago.",
			Theme:       themeNational, Unit: domain.UnitPercentage, Polarity: domain.PolarityLower,
			Frequency: domain.FrequencyMonthly, YTD: domain.YTDRatio, Numerator: "NI65N", Denominator: "NI65D",
			Targets: []seedTarget{
				{Year: 2009, Op: "<", Value: 14, Amber: amberRates, Source: "LAA"},
				{Year: 2010, Op: "<", Value: 12, Amber: amberRates, Source: "Business plan 2010/11"},
			},
			Commentary: map[int]string{2009: "{{NI65.num}} of the {{NI65.den}} children who became subject to a plan from April 2009 to February 2010 had " +
				"been on a plan before ({{NI65.ytd}}), above the local area agreement target of {{NI65.target}}; over the last two " +
				"financial years together the rate is 13.8%, within the target. A review by children's social care " +
				"found no sign that plans were ended too soon or that decisions to end them were flawed. An audit of " +
				"cases closed in the third quarter of 2009 found the children were still supported as children in " +
				"need for 8 months on average after their plan ended; the time between plans ranged from 12 months " +
				"to 4 years, 23 months on average. New plans usually followed a change around the family, such as " +
				"someone's release from prison, a new partner, or mental health problems starting or returning. " +
				"Other authorities' results show how much this indicator varies from year to year."},
		},
		{
			Code: "NI66", Name: "Looked after children's reviews held on time",
			Description: "Percentage of looked after children's cases reviewed within the required timescales.",
			Theme:       themeNational, Unit: domain.UnitPercentage, Polarity: domain.PolarityHigher,
			Frequency: domain.FrequencyYearly, YTD: domain.YTDLatest,
			Values: []seedValue{yearly(2009, 94.7)},
			Commentary: map[int]string{2009: "{{NI66.ytd}} of looked after children's reviews were held on time. Children " +
				"asked by a local charity said they were largely happy with the way their reviews are chaired, and " +
				"suggested changes to the process that are being carried into service planning for 2010."},
		},
		{
			// Table 5's NI67 row has a target and four figures before the
			// year to date: the quarters, the last not yet known.
			Code: "NI67", Name: "Child protection reviews held on time",
			Description: "Percentage of child protection cases reviewed within the required timescales, year to date at the end of each quarter.",
			Theme:       themeNational, Unit: domain.UnitPercentage, Polarity: domain.PolarityHigher,
			Frequency: domain.FrequencyQuarterly, YTD: domain.YTDLatest,
			Values:  quarterly(apr2009, 94, 95, 96, blank),
			Targets: []seedTarget{{Year: 2009, Op: ">=", Value: 100, Amber: amberTimeliness}},
			Commentary: map[int]string{2009: "{{NI67.ytd}} of child protection reviews were held on time in the year to " +
				"date, and {{CPC-QUORATE.ytd}} of conferences were quorate."},
		},
		// Table 7, the text above table 8, and section 3.4.
		count(seedIndicator{
			Code: "REF", Name: "Referrals to children's social care",
			Description: "Referrals received by children's social care in the month.",
			Theme:       themeReferrals, Frequency: domain.FrequencyMonthly, YTD: domain.YTDSum,
			Values: monthly(day(2007, time.April, 1), nil, table7...),
			Commentary: map[int]string{2009: "{{REF.ytd}} children were referred from April 2009 to January 2010, " +
				"{{REF.change}}, against a background of rising demand across the " +
				"country. The reasons for referral are not yet analysed: the database offers a long list of poorly " +
				"targeted options. The primary reason for each referral and the agency making it will be recorded " +
				"in future."},
		}),
		count(seedIndicator{
			Code: "REF-REPEAT", Name: "Children referred again within 12 months",
			Description: "Children referred from 1 April to 31 December 2009 who had been referred in the 12 months before, by how many earlier referrals they had.",
			Theme:       themeReferrals, Frequency: domain.FrequencyYearly, YTD: domain.YTDSum,
			Dimensions: []string{dimPrevious},
			Values: []seedValue{
				yearly(2009, 222, "1 previous referral"), yearly(2009, 41, "2 previous referrals"),
				yearly(2009, 9, "3 previous referrals"), yearly(2009, 0, "4 or more previous referrals"),
			},
			Commentary: map[int]string{2009: "From April to December 2009, 272 of the children referred (17.5%) had " +
				"been referred in the 12 months before: 222 once (14.3%), 41 twice (2.6%) and 9 three times (0.6%). " +
				"None had been referred 4 or more times."},
		}),
		{
			Code: "REF-IA", Name: "Referrals leading to an initial assessment",
			Description: "Percentage of referrals to children's social care that led to an initial assessment.",
			Theme:       themeReferrals, Unit: domain.UnitPercentage, Polarity: domain.PolarityNeither,
			Frequency: domain.FrequencyYearly, YTD: domain.YTDLatest,
			Values: []seedValue{yearly(2008, 55), yearly(2009, 59)},
		},
		// Tables 13 and 14.
		count(seedIndicator{
			Code: "PF-ENQ", Name: "Private fostering enquiries",
			Description: "Potential private fostering enquiries to children's social care in the month, by whether they were assessed.",
			Theme:       themeFostering, Frequency: domain.FrequencyMonthly, YTD: domain.YTDSum,
			Dimensions: []string{dimEnquiry},
			Values:     enquiryValues(),
			Commentary: map[int]string{2009: "Enquiries, assessments and outcomes are reported every six months to the " +
				"board's quality assurance and case review subgroup. They are not yet analysed, and there is no " +
				"reliable measure yet of how well private fostering arrangements work."},
		}),
		count(seedIndicator{
			Code: "PF-CASES", Name: "Children in a private fostering arrangement",
			Description: "Children with a private fostering arrangement at the end of the month.",
			Theme:       themeFostering, Frequency: domain.FrequencyMonthly, YTD: domain.YTDLatest,
			Values: monthly(apr2009, nil, pfCases...),
		}),
		count(seedIndicator{
			Code: "PF-NEW", Name: "New private fostering cases",
			Description: "Private fostering arrangements that began in the month.",
			Theme:       themeFostering, Frequency: domain.FrequencyMonthly, YTD: domain.YTDSum,
			Values: monthly(apr2009, nil, pfNew...),
		}),
		count(seedIndicator{
			Code: "PF-CLOSED", Name: "Private fostering cases closed",
			Description: "Private fostering arrangements that ended in the month.",
			Theme:       themeFostering, Frequency: domain.FrequencyMonthly, YTD: domain.YTDSum,
			Values: monthly(apr2009, nil, pfClosed...),
		}),
		// Section 3.4, the Tellus survey.
		{
			Code: "TELLUS-UNSAFE", Name: "Children who feel a bit unsafe in the area where they live",
			Description: "Percentage of children and young people answering the Tellus survey who feel a bit unsafe in the area where they live.",
			Theme:       themeChildrenView, Unit: domain.UnitPercentage, Polarity: domain.PolarityLower,
			Frequency: domain.FrequencyYearly, YTD: domain.YTDLatest,
			Values:      []seedValue{yearly(2009, 17)},
			Comparators: []seedComparator{{seriesEngland, 2009, 14}, {seriesNeighbours, 2009, 15}},
			Commentary: map[int]string{2009: "More children in Medway feel a bit unsafe in their area (17%) than " +
				"nationally (14%) or in similar authorities (15%), but once Medway's circumstances are taken into " +
				"account (16%) the difference is not statistically significant. It is too early to see whether " +
				"bullying has fallen."},
		},
	}
}
