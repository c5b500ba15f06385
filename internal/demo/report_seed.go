package demo

// The board's own sections of the 2009/10 annual report, retold in our own
// words from the Medway Safeguarding Children Board's published annual review
// (seed sections 1, 2 and 5), with its figures. Members are invented and
// named by role only.

const seedCoverSubtitle = "Medway Safeguarding Children Board: a review of safeguarding in Medway and the board’s plans for the year ahead"

const seedOverview = `## What this report is for

This report looks back on 2009/10 and forward to 2010/11. It sets out:

1. what the board itself did to keep children in Medway safe during 2009/10;
2. what each partner agency on the board did over the same year;
3. the board's strategic aims for 2010 to 2013;
4. the board's specific objectives for 2010/11; and
5. each partner agency's own safeguarding objectives for 2010/11.

## From process to outcomes

Safeguarding has rarely had more national attention than since the death of Peter Connolly in Haringey. Lord Laming's progress report and a new edition of *Working Together to Safeguard Children* (March 2010) have followed. Yet our own serious case reviews, like those elsewhere, keep returning to the same basic lessons.

Boards have been most at ease with process: procedures, protocols and training programmes. *Working Together* also asks us to judge how **effective** the work of partners is, alone and together. The question that matters is what difference our work makes to children and families.

Moving to an outcomes-based approach is a journey, not an event. This report is a first step: partners have described their work in terms of how much they did, how well they did it, and whether anyone is better off. Year on year we expect to say more about outcomes.

## Quality assurance

Safeguarding is complex human work with complex families, done by people and organisations with complexities of their own. Knowing how effective it is needs a quality assurance framework that respects that, which is why building one is a strategic aim for the next three years.

## Learning, development and supervision

Professionals manage risk within a web of relationships: with each other, with children and with parents and carers. To think clearly in the midst of that they need good learning, development and supervision, and these are central to our plans.

## Think family, act family

Children live in families. Domestic violence, adult mental ill health, substance misuse and parental learning disability affect the safety of children, so adult and children's services must work together. We want changed thinking to become changed practice and better outcomes.

## Vulnerable groups

Some children are particularly vulnerable. Medway has two secure establishments for young people, and each year the board will look closely at one vulnerable group.

*Independent Chair, Medway Safeguarding Children Board*`

const seedPlanIntro = `The board was set up in April 2006 under the Children Act 2004 to coordinate what its member agencies do to safeguard and promote the welfare of children in Medway, and to make sure that work is effective.

It is supported by four subgroups: policy and procedures; training; quality assurance and case review; and business planning. The board's 2009/10 business plan grouped its work under three key objectives, reviewed in turn below. For each item we say what we wanted to achieve, what we did and how well, and what difference it made.`

type seedPlanObjective struct {
	title, intro string
	items        []seedPlanItem
}

type seedPlanItem struct {
	title, outcome, did, difference string
}

var seedPlan = []seedPlanObjective{
	{
		title: "Improving and promoting best safeguarding practice and procedures",
		intro: "This covers the board's statutory work on policies and procedures, agencies' part in planning and commissioning services, child deaths and serious case reviews.",
		items: []seedPlanItem{
			{
				title:   "Safer employment and professional standards",
				outcome: "Children are at less risk from the people who work with them.",
				did: `The board ran two more *train the trainer* events in safer recruitment, so that every partner has at least one person able to train colleagues who recruit staff. A September audit found that every school in Medway, in every sector, and every statutory partner had at least one recruiter trained in safer recruitment.

After the Independent Safeguarding Authority and the new vetting and barring scheme began on 12 October 2009, the board and the Local Safeguarding Adults Board ran 6 joint workshops for about 200 staff from the children's and adults' workforces on the duties coming into force in 2010.`,
				difference: `Twice-yearly reports from the Local Authority Designated Officer show that agencies refer allegations against staff properly and promptly, and that investigations finish on time.

Measuring the effect of training on practice is still a challenge: from 2010 the training subgroup will follow up delegates and their managers by telephone.`,
			},
			{
				title:   "Child death review processes",
				outcome: "The board meets its statutory duties, and agencies working together reduce preventable child deaths in Medway.",
				did: `The Child Death Overview Panel, chaired by the Director of Public Health, reviews the death of every child normally resident in Medway. It published its first annual report in May 2009. Notifications arrive promptly and with the right information, so bereaved families receive a swift and coordinated response.

- Since April 2009, **21** Medway children have died: **16** deaths were expected and **5** unexpected.
- One unexpected death became a serious case review.
- The panel, meeting quarterly, has fully reviewed 7 expected deaths (2 carried over from the year before) and all 5 unexpected deaths, and asked for more information on 6.

With parents supported by Demelza House Hospice, the board wrote a leaflet explaining the review process to bereaved families and the support open to them.`,
				difference: "The numbers are too small to show local trends, but the panel's information feeds regional and national data, from which firmer conclusions can be drawn.",
			},
			{
				title:   "Child protection process",
				outcome: "Child protection processes are fit for purpose and promote good outcomes for vulnerable children.",
				did: `After Lord Laming's report the board asked the council, the police and NHS Medway to audit themselves against its recommendations, and the quality assurance subgroup audited every partner's compliance with section 11 of the Children Act 2004. Both found similar areas to develop:

1. consistent use of the Common Assessment Framework (CAF);
2. information sharing, management oversight and supervision;
3. clear, consistently applied thresholds;
4. involving children and families in planning services;
5. attendance at child protection conferences;
6. multi-agency training that meets workforce needs;
7. consistent safer recruitment.

The recommendations of the independent Ingson review of child protection for children under five have been carried through the 2009/10 business plan, and a review of the RAISE case record system is making its documents more outcome-focused.`,
				difference: `Better-run child protection conferences mean the professionals closest to a family share what they know and decisions are better informed. Health visitors and midwives now attend pre-birth strategy meetings and conferences more often, and every social work report to a conference must now give the child's views, wishes and feelings.`,
			},
			{
				title:      "Serious case reviews and lessons learned reviews",
				outcome:    "Recommendations are carried out and improve children's safety; reviews are completed on time and judged good.",
				did:        `The board completed its first serious case review in July, chaired and written independently; Ofsted judged it **good**. A lessons learned session for the board, the panel and the authors of agency reviews was planned for March 2010. A second review began with an independent chair and author, to be finished in July 2010.`,
				difference: "The board and its quality assurance subgroup track every agency's action plan. One result: child and adolescent mental health services have shortened their waiting lists, and the Child and Adolescent Support Team sees children within 10 days of referral.",
			},
			{
				title:   "Multi-agency training and workforce development",
				outcome: "The children's workforce is knowledgeable and gives high quality services across every sector.",
				did: `In 2009/10, **617** staff from local agencies attended a multi-agency course run by the board, against **375** the year before. Courses covered basic and advanced child protection, domestic abuse, sexual offending, neglect, and communicating with children.

Delegates came from every statutory partner, the voluntary sector and local organisations such as Home Start Medway, Kent Fire and Rescue Service and the NSPCC. The board also approved the e-learning child protection course being rolled out across the Children's Trust.`,
				difference: "Demand has risen with the board's profile. The training subgroup is now interviewing delegates and their managers to find out how the training has changed practice and confidence.",
			},
			{
				title:   "Communication and engagement",
				outcome: "Children's voices inform the board's decisions, and every partner's staff know the board.",
				did: `The Kent and Medway safeguarding procedures were downloaded **26,969** times between 1 April 2009 and 4 March 2010, against **11,974** the year before. A children's version of the procedures, designed by children and young people, went to every year 6 pupil in Medway.

New child protection posters went to schools, libraries and GP surgeries, and in November 2009 a panel of young people helped appoint the new independent chair: the person appointed was their first choice.`,
				difference: "In 2010/11 the board will ask children, young people and families how well it engages with them.",
			},
		},
	},
	{
		title: "Quality assurance and scrutiny",
		intro: "This covers the board's statutory duty to monitor and evaluate how effective its partners are, alone and together.",
		items: []seedPlanItem{
			{
				title:   "Monitoring the effectiveness of safeguarding policy and practice",
				outcome: "The board drives improvements in practice that make Medway's most vulnerable children safer.",
				did: `A quality assurance framework was scoped with an officer seconded from Kent Police. It will draw on needs, outcomes, the views of children, families and staff, feedback from other agencies, audits, performance data and research.

The monthly case file audit group asked that reports to child protection conferences include family composition, chronologies and genograms. The board also scrutinised the improvement plans of CAFCASS and HMYOI Cookham Wood after their inspections; CAFCASS has since been judged adequate.`,
				difference: "Records of supervision are now monitored across services, so managers oversee every child protection case. Both Ofsted reports praised the board's scrutiny of safeguarding data.",
			},
			{
				title:      "Section 11 audits",
				outcome:    "Every partner shows it meets the requirements of section 11.",
				did:        "Every partner's return showed compliance, with common areas to develop: a clear statement of safeguarding duties running through every department; asking children and families for their views when planning services; safer recruitment reaching beyond those trained; and confidence in the CAF.",
				difference: "These findings shape the board's business plan for 2010/11.",
			},
			{
				title:      "Safe people and safe places",
				outcome:    "Children in Medway are resilient, confident and know what to do if they feel unsafe.",
				did:        `The board considered **37** licensing applications, all within time. Its e-safety work reached 25 parents and school staff in two workshops and 45 council staff in September, alongside guidance booklets, question-and-answer sheets for parents, and training for looked after children given laptops through the Home Access scheme.`,
				difference: "A mother who had been to a workshop found her child was being groomed online, and foster carers who had attended one found a looked after child sharing details that let a violent parent trace him.",
			},
			{
				title:      "Private fostering",
				outcome:    "Private fostering arrangements are stronger through coordination and statutory guidance.",
				did:        "The quality assurance subgroup received twice-yearly reports from the council. Up to 31 January 2010 there were **22** enquiries; **16** led to assessments and 6 were found not to be private fostering.",
				difference: "The service responds to referrals in time, though the true number of arrangements depends on people knowing to report them.",
			},
			{
				title:      "Governance",
				outcome:    "The board is accountable, representative and improves outcomes for children.",
				did:        "In December 2009 the board appointed a new independent chair, shared with the Kent board. The Lead Member joined the board and the chair joined the Children's Trust Board. The board met monthly and reported twice to the council's overview and scrutiny committee. Membership and attendance are in the appendix.",
				difference: "The board has an accurate picture of safeguarding in Medway, agency by agency and as a whole. Next it must measure what partners contribute, not just whether they attend.",
			},
		},
	},
	{
		title: "Local safeguarding priorities",
		intro: "Priorities found through case file audits and audits of children subject to child protection plans.",
		items: []seedPlanItem{
			{
				title:      "Domestic abuse and violence",
				outcome:    "Children affected by domestic abuse are identified early and protected.",
				did:        "Awareness of domestic abuse is being raised through the education representatives on the board, with training for staff across agencies through the Kent and Medway Domestic Violence Strategy Group and the board's own programme.",
				difference: "This work needs further development, and is a specific objective for 2010/11.",
			},
			{
				title:      "Neglect",
				outcome:    "Neglect is recognised earlier and its long-term effects on children prevented.",
				did:        "Neglect accounts for more than 60% of child protection plans in Medway. The board joined regional research with Government Office South East and commissioned multi-agency training on neglect, attended by 25 practitioners, managers and strategic leads and very well evaluated.",
				difference: "The board will find out whether staff feel more confident working with neglect and whether families found the help useful.",
			},
		},
	},
}

const seedAimsIntro = `The strategic aims below cover 2010 to 2013. They came from a workshop of board members and were refined at a board meeting. Each has specific objectives for 2010/11 and for the years after.`

type seedAim struct {
	title, outcomes, later string
	coming                 []string // the specific objectives for the coming year, one by one
	indicators             []string // the codes of the indicators that measure progress on the aim
}

var seedAims = []seedAim{
	{
		title:      "To ensure the effectiveness of the work of local partners to safeguard and promote the welfare of children",
		indicators: []string{"NI59", "NI60", "NI64", "NI65", "NI66", "NI67", "CPC-QUORATE"},
		outcomes: `- A robust framework evaluates how well single-agency and multi-agency safeguarding works, and its effect on outcomes for children and families.
- Using the framework makes children safer and better off.`,
		coming: []string{
			"Partner agencies adopt an agreed quality assurance framework.",
			"In 2010/11 partners will: measure the well-being outcomes of two areas of their work; start to build a picture of safeguarding need in Medway; collect the views of children, families, front-line staff and partners consistently; and identify the figures that matter.",
			"Partners use what the framework tells them to improve outcomes.",
		},
		later: `1. Partners have direct quality assurance in place, including audit programmes and case record audits.
2. Partners can show that it improves services, practice and outcomes.`,
	},
	{
		title:      "To ensure the co-ordination of local work to safeguard and promote the welfare of children",
		indicators: []string{"CPC", "CPC-CAUSE", "REF", "REF-REPEAT", "REF-IA"},
		outcomes: `- Partners' safeguarding work is well coordinated and takes account of the whole family (*Think Family*).
- Coordination leads to good outcomes for children's safety and well-being.`,
		coming: []string{
			"Review how well partners work together on domestic violence, including its links with adult mental ill health, learning disability and substance misuse, from a locality perspective and with the adult safeguarding board.",
			"Challenge and support the Children's Trust so that the CAF improves outcomes for children.",
			"Review how well information is shared.",
		},
		later: `1. Review partnership working on parental mental ill health, substance misuse or parental learning disability.
2. Review how well the agreed thresholds for services work.`,
	},
	{
		title: "To promote continuous learning and development",
		outcomes: `- Staff in partner agencies, and board and subgroup members, keep learning and developing their safeguarding skills and knowledge.
- Their learning shows in better outcomes for children and families.`,
		coming: []string{
			"Develop a safeguarding learning and development strategy with clear standards and competences, in step with the adult safeguarding board's strategy.",
			"Every partner has a supervision framework fit for purpose.",
		},
		later: `1. Evaluate the strategy by its effect on practice and on children's and families' well-being.
2. Evaluate the supervision frameworks in the same way.`,
	},
	{
		title:      "To promote the well-being of vulnerable groups of children",
		indicators: []string{"CPP", "CPP-LENGTH", "PF-ENQ", "PF-CASES", "PF-NEW", "PF-CLOSED", "TELLUS-UNSAFE"},
		outcomes:   "- The safeguarding needs of particularly vulnerable children in Medway are understood and met in ways that make them safer and better off.",
		coming: []string{
			"Understand and meet the safeguarding needs of children and young people in secure settings.",
			"Identify other vulnerable groups to focus on in future years, such as children educated at home or in pupil referral units.",
		},
	},
}

type seedMember struct{ role, organisation string }

var seedMembers = []seedMember{
	{"Independent Chair", "Medway Safeguarding Children Board"},
	{"Director of Children’s Services", "Medway Council"},
	{"Lead Member for Children’s Services", "Medway Council"},
	{"Assistant Director, Children’s Care", "Medway Council"},
	{"Head of Education Welfare", "Medway Council"},
	{"Director of Public Health", "NHS Medway"},
	{"Designated Nurse for Safeguarding Children", "NHS Medway"},
	{"Named Doctor for Safeguarding Children", "Medway NHS Foundation Trust"},
	{"Head of Safeguarding", "Medway Community Healthcare"},
	{"Detective Superintendent, Public Protection", "Kent Police"},
	{"Assistant Chief Officer", "Kent Probation"},
	{"Head of Service", "Medway Youth Offending Team"},
	{"Service Manager", "CAFCASS"},
	{"Governor", "HMYOI Cookham Wood"},
	{"Director", "Medway Secure Training Centre"},
	{"Chief Executive", "CVS Medway"},
	{"Head Teacher Representative", "Medway schools"},
	{"Board Manager (adviser)", "Medway Safeguarding Children Board"},
}

// seedMeetings are the board's monthly meetings in 2009/10, as month and day (no meeting in August).
var seedMeetings = [][2]int{{4, 21}, {5, 19}, {6, 16}, {7, 21}, {9, 15}, {10, 20}, {11, 17}, {12, 15}, {1, 19}, {2, 16}, {3, 16}}

// seedAttended decides, the same way every load, whether member i attended meeting j:
// most members attend most meetings, a few miss one or two more.
func seedAttended(i, j int) bool {
	return (i*7+j*5)%11 != 3 && (i%5 != 2 || j%4 != 1)
}
