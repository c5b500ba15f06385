package demo

import "safeboard/internal/domain"

// Demo agency returns for the 2009/10 reporting cycle, summarised from the
// published Medway Safeguarding Children Board annual review 2009/10
// (sections 3.1 to 3.9 for the reviews, 6.1 to 6.9 for next year's
// objectives). Figures are kept as published; narrative is shortened and
// reworded, and people are referred to by role only.

// seedReturn is one partner agency's 2009/10 return as the demo board shows it.
type seedReturn struct {
	Agency     string              // agency slug
	Items      []domain.ReviewItem // each with a title under 80 characters
	Objectives []domain.Objective
}

var seedReturns = []seedReturn{
	// 3.1.1 / 6.1.1
	{
		Agency: "nhs-medway",
		Items: []domain.ReviewItem{
			{
				Title: "Safeguarding audits across the health economy",
				HowMuch: "Several audits were carried out across the local health economy during 2009:\n\n" +
					"- Section 11 audit\n" +
					"- Care Quality Commission review of safeguarding\n" +
					"- Strategic Health Authority self-assessment\n" +
					"- Independent audit against the national child protection progress report recommendations",
				HowWell: "The findings from all audits at the three main providers (Medway Community Healthcare, Medway Foundation Trust and Kent & Medway Partnership Trust) feed a single action plan, which the NHS Medway health economy committee checks every month for compliance.\n\n" +
					"The audits mainly raised issues about shared processes, multi-agency working, information sharing and the workforce.\n\n" +
					"Across the health economy 90% of eligible staff have level 1 training, and there has been a 100% increase in the ability of systems to evidence work on allegations against staff.",
				BetterOff: "The health economy action plan is being delivered, and systems to safeguard children are in place across the health economy.",
			},
			{
				Title:     "Named GP for safeguarding children",
				HowMuch:   "A named GP for safeguarding children was recruited.",
				HowWell:   "The named GP is in post and works one session a week.",
				BetterOff: "GPs should be better supported from within their own profession. The named GP has only just started, so it is too early to evidence this.",
			},
			{
				Title:   "Review of the Child and Adolescent Mental Health Service",
				HowMuch: "The Child and Adolescent Mental Health Service (CAMHS) was reviewed.",
				HowWell: "CAMHS and the Child and Adolescent Support Service (CAST) now share one point of entry. Professionals have a simple way to refer and to consult, so children and young people are seen by the right service.",
				BetterOff: "Contact from professionals has doubled since referral was simplified, with 140 referrals since October 2009. Parents hear the result of a referral sooner.\n\n" +
					"- 90 children were seen by CAST for support\n" +
					"- 20 children were referred on to CAMHS, which currently has no waiting list\n" +
					"- the rest were signposted to other suitable services",
			},
			{
				Title:   "Safeguarding training for GPs, dentists and independent practitioners",
				HowMuch: "Safeguarding and child protection training was offered to independent practitioners, GPs and dentists. A database was set up to track GPs' attendance at safeguarding training.",
				HowWell: "Following a serious case review, training on young people's mental health and safeguarding reached 98 out of 175 GPs and their practice staff. 6 of the 67 practices had training in their own surgery, and GPs continue to attend single and multi-agency courses. Training figures from the new database will be available later in the year.\n\n" +
					"Of approximately 350 independent dental staff, 120 attended a single training event. Dental staff now ask for advice on safeguarding children.",
				BetterOff: "The aim is earlier identification of safeguarding issues and referral where needed. Evidence is not available yet.",
			},
		},
		Objectives: []domain.Objective{
			{
				Intend:   "Audit how GPs use NICE guidance on mental health issues in young people.",
				Quantity: "All GPs in Medway.",
				Quality:  "Greater awareness of mental health issues and how they affect children.",
				Outcomes: "Young people are identified earlier and referred to the right service. CAMHS and CAST collate information on referrals and outcomes.",
			},
			{
				Intend:   "Audit how GPs use the RCGP safeguarding toolkit.",
				Quantity: "All GPs in Medway.",
				Quality:  "Gaps are identified to inform practice. Each general practice has a safeguarding lead to help staff spot issues earlier.",
				Outcomes: "100% of GPs use the toolkit to identify safeguarding issues.\n\n100% of practices have a lead in place.",
			},
			{
				Intend:   "Re-establish a safeguarding network across NHS Medway.",
				Quantity: "All named professionals in NHS provider services.",
				Quality:  "Good practice is shared, gaps in practice are found, and named professionals are supported.",
				Outcomes: "Bimonthly meetings are running and information is passed on.",
			},
			{
				Intend:   "Run safeguarding children awareness sessions for NHS Medway commissioners as part of induction.",
				Quantity: "All new commissioning staff.",
				Quality:  "All staff keep safeguarding in mind when commissioning services, so that children and young people are safe.",
				Outcomes: "Induction sessions held every three months.",
			},
			{
				Intend:   "Meet regularly with the MSCB representatives of all the main NHS providers.",
				Quantity: "Leads from Medway Community Healthcare, Medway Foundation Trust and Kent and Medway Partnership Trust.",
				Quality: "- Working Together to Safeguard Children guidance is followed in its widest sense\n" +
					"- the objectives in the attached plans are implemented\n" +
					"- serious case review action plans progress within timescales",
				Outcomes: "Monitor:\n\n" +
					"- uptake of supervision within providers\n" +
					"- training levels remaining at 100% for eligible staff\n" +
					"- action plans completed and lessons learned",
			},
		},
	},

	// 3.1.2 / 6.1.2
	{
		Agency: "medway-community-healthcare",
		Items: []domain.ReviewItem{
			{
				Title:   "Family Nurse Partnership",
				HowMuch: "The Family Nurse Partnership (FNP), part of a national programme, was set up. It is actively offered to every first-time young parent who meets the criteria, that is aged 19 and under.",
				HowWell: "A team of family nurses was recruited, and 64 young mothers are enrolled and receiving the service. Young parents sat on the interview panels for family nurses and supervisors.\n\n" +
					"The team can show that mothers were offered the programme early in pregnancy, and that it continues once enrolled until the child's second birthday, giving earlier help to vulnerable families.",
			},
			{
				Title:   "Solihull Approach training",
				HowMuch: "Health staff in children's services teams were trained in the Solihull Approach, which gives professionals working with families and young people a shared language.",
				HowWell: "51 staff were trained to recognise a lack of reciprocity, to intervene early and to refer to specialist services sooner when needed. The number of children referred to CAST shows staff are picking up issues at an early stage.",
			},
			{
				Title:   "Postnatal mental health of mothers",
				HowMuch: "Health visitors assess mothers' postnatal mental health at two core contacts, at 6-8 weeks and at 3 months. A postnatal depression support group was piloted in a Sure Start area.",
				HowWell: "8 mothers attended the pilot group in the Sure Start area.",
				BetterOff: "The professionals running the group can show that 87% of mothers who attended felt supported and their depression improved.\n\n" +
					"Parents say, and workers see, that the children seem more settled and show better emotional well-being.",
			},
			{
				Title:   "Domestic violence and MARAC",
				HowMuch: "Domestic violence is asked about at every initial assessment of a new family. Training on the Multi Agency Risk Assessment Conference (MARAC) process was given to children's services.",
				HowWell: "Medway Community Healthcare is represented at MARAC to raise domestic violence cases. The share of cases referred by health has risen from 0 to 6.3%.",
			},
			{
				Title:     "Supervision for staff with children on a CP plan",
				HowMuch:   "Supervision arrangements were strengthened in children's services where staff have children on a child protection plan.",
				HowWell:   "97-100% of staff with a child on a child protection plan have supervision every two months.",
				BetterOff: "100% of staff receiving supervision said they felt well supported.",
			},
			{
				Title:   "Safeguarding supervision for the children's therapy team",
				HowMuch: "Safeguarding supervision was introduced for the children's therapy team (formerly CDC).",
				HowWell: "100% of staff in the children's therapy team attended supervision.",
			},
			{
				Title:   "Safeguarding professional links across services",
				HowMuch: "Professional links for safeguarding children and adults were recruited across the 42 services of Medway Community Healthcare, to help the safeguarding team protect vulnerable adults and children from harm.",
				HowWell: "Links are in place for 40 services, supported by quarterly meetings with the safeguarding children and adults leads.",
			},
		},
		Objectives: []domain.Objective{
			{
				Intend:   "Recruit and appoint a specialist nurse for domestic violence.",
				Quantity: "The post will advise and support practitioners across Medway Community Healthcare.",
				Quality:  "Greater awareness of domestic violence and its effect on children, and better partnership working. Staff in children's and adult services are trained and supported to recognise domestic violence.",
				Outcomes: "Once the nurse is in post, referrals will be recorded and their outcomes monitored.",
			},
			{
				Intend:   "Audit maternal mental health contacts.",
				Quantity: "All health visitors audited.",
				Quality:  "Gaps are identified to inform practice.",
				Outcomes: "100% of all mothers have a mental health assessment.",
			},
			{
				Intend:   "Run a quarterly patient survey that includes children's services.",
				Quantity: "Sample size still to be set.",
				Quality:  "Shows how satisfied parents are and what children need, and whether the service is fit for purpose with clear pathways.",
				Outcomes: "Responses are analysed and used to improve the service.",
			},
		},
	},

	// 3.1.3 / 6.1.3
	{
		Agency: "kmpt",
		Items: []domain.ReviewItem{
			{
				Title:     "Executive and operational safeguarding structure",
				HowMuch:   "An executive and operational safeguarding structure was set up, with a head of safeguarding and named professionals.",
				HowWell:   "Trust staff now represent the Trust and attend the MSCB and its subgroups more reliably.",
				BetterOff: "A 75% increase in board-level and external assurance and governance for the safeguarding agenda.",
			},
			{
				Title:     "Records of staff safeguarding training",
				HowMuch:   "Records of the training staff have received were improved.",
				HowWell:   "Centralising and standardising the training database gave an 80% increase in the Trust's ability to monitor mandatory training uptake each quarter and act on it, across the widest range of staff groups.",
				BetterOff: "Trust practitioners are contacting the Trust's named professionals and children's social services more often (statistics awaited).",
			},
			{
				Title:     "Safer recruitment and allegations against staff",
				HowMuch:   "Safer recruitment structures and policies were developed ahead of the new CQC and ISA requirements.",
				HowWell:   "Managers and the HR team now have a clear structure for handling allegations against staff under the new regulatory processes for health services. There is a 100% increase in the ability of Trust systems to evidence work on allegations against staff.",
				BetterOff: "Fully in effect from January 2010; the first quarter's monitoring will be available from April 2010.",
			},
			{
				Title:     "Child welfare in adult mental health assessments (CPA 4)",
				HowMuch:   "Recording of child welfare and protection needs was built into adult mental health assessments for adults who care for children (the CPA 4 document).",
				HowWell:   "In October 2009 all clinicians and practitioners were told that the CPA 4 child welfare and protection assessment must be completed and acted on.",
				BetterOff: "A full audit is still to be done to show better direct safeguarding of individual service users.",
			},
		},
		Objectives: []domain.Objective{
			{
				Intend: "Work with partner agencies (especially children's social services) and commissioners to develop better services for adults and families with mental health needs, and find new ways of delivering them within resources.",
				Quantity: "- keep strengthening how all adult mental health practitioners and clinicians recognise child welfare needs\n" +
					"- set up joint training and operational networks on mental health and the needs of children and young people",
				Quality: "Evidence that when adult mental health staff assess child welfare better, the right agencies help adults and children sooner, which reduces child protection cases.\n\n" +
					"A shared language and shared understanding of thresholds and criteria between partner agencies.",
				Outcomes: "All child protection and welfare needs are recognised and acted on in adult mental health assessments, evidenced by an annual audit.\n\n" +
					"Front-line services keep improving how well they contribute to multi-agency working.",
			},
			{
				Intend: "Embed safeguarding supervision in existing policies and processes.",
				Quantity: "All named professionals have suitable supervision at least every quarter.\n\n" +
					"All front-line staff have a safeguarding element in their standard clinical or practice supervision.",
				Quality: "Evidence that named professionals get support with their own cases and with helping other Trust practitioners, and that front-line staff are supported in safeguarding work.\n\n" +
					"Evidence that practitioners, named professionals and supervisors escalate service, process or individual shortfalls and follow them up.",
				Outcomes: "Named professionals have individual and peer supervision at least quarterly and whenever needed.\n\n" +
					"Safeguarding is a standing item in all front-line staff supervision.",
			},
			{
				Intend:   "Involve service users in reviewing assurance of the Trust's safeguarding work.",
				Quantity: "Work with the CAMHS users' forum to find out how users can and want to be involved.",
				Quality:  "Evidence of what worked and what must change so that children and young people feel safer and better supported by the Trust.",
				Outcomes: "Post-abuse assurance checks developed for completion with or by children and young people.",
			},
			{
				Intend:   "Keep refreshing and updating mandatory awareness training so it stays fit for purpose.",
				Quantity: "Level one and two training and refresher workshops.",
				Quality:  "All front-line staff are updated to the level their role requires.",
				Outcomes: "Current and changing developments, directives and legal requirements are met.",
			},
			{
				Intend:   "Keep developing specialist training for child-based services, and access to it, so it stays fit for purpose.",
				Quantity: "Prioritised for staff in CAMHS, A&E liaison psychiatry, early intervention and MIMHS.",
				Quality:  "All staff in these services are updated to the level their role requires.",
				Outcomes: "Current and changing developments, directives and legal requirements are met.",
			},
		},
	},

	// 3.1.4 / 6.1.4
	{
		Agency: "medway-nhs-ft",
		Items: []domain.ReviewItem{
			{
				Title: "Safeguarding audits and assurance against national standards",
				HowMuch: "Audit was a major focus this year, carried out between February and November 2009 at the request of:\n\n" +
					"- South East Coast Strategic Health Authority\n" +
					"- the Healthcare Commission (now the Care Quality Commission)\n" +
					"- Kent Safeguarding Children Board (Section 11 audit)\n" +
					"- NHS Medway (local health economy audit)\n" +
					"- MSCB (Section 11 audit including a staff survey)\n\n" +
					"In July 2009 CQC inspectors reviewed the Trust's evidence for Core Standard 2: Safeguarding Children and judged it inadequate to show compliance. That month the CQC also reported on safeguarding across the NHS, and the NHS Chief Executive asked every NHS board to assure itself that a minimum set of standards was met and to declare this on its website.",
				HowWell: "All audits were completed as asked, and their results shaped the Trust's strategy and structure for improving safeguarding. A strategic steering group with led work-streams has been in place since summer 2009.\n\n" +
					"The six standards in the NHS Chief Executive's letter covered:\n\n" +
					"- CRB checks\n" +
					"- child protection policies and systems\n" +
					"- training\n" +
					"- designated and named professionals\n" +
					"- executive leadership\n" +
					"- board assurance and overview\n\n" +
					"This work is complete and the declaration was published on the website on 1 March 2010. CQC standards are now more widely understood and owned across the organisation.",
				BetterOff: "Safeguarding is now seen as everyone's responsibility in the Trust, not just the Children's Directorate's. The board pays more attention to safeguarding and better understands its complexity within the NHS.\n\n" +
					"Next year's audits should collect further case examples of good outcomes to support learning across the organisation.",
			},
			{
				Title: "Safeguarding team capacity and staff training",
				HowMuch: "The Trust's safeguarding capacity grew measurably:\n\n" +
					"- a full-time Band 7 trainer appointed\n" +
					"- a full-time Band 7 named midwife appointed\n" +
					"- 2 x 4hour sessions per week protected for the named doctor\n" +
					"- >10 additional supervisors prepared\n" +
					"- 2 named professionals on a regional leadership programme\n" +
					"- a Looked After Children (LAC) nurses team appointed",
				HowWell: "The external inspection found evidence of training numbers inadequate. Training needs have since been reviewed, a training strategy written and a database built covering staff in every department where children use services. By March 31 2010 >90% of eligible staff will have completed training at minimum of level 1.\n\n" +
					"The named doctor now has protected time and a clear role definition, which was another gap in evidence.\n\n" +
					"An awareness event at Medway Maritime Hospital on 19 March 2009 was planned to complete this year's awareness programme.",
				BetterOff: "More training has made staff outside children's areas more likely to seek advice: contacts to the Trust's named professionals have doubled in the past 6 months, from the day unit, outpatients, vision screening and some adult areas. Adult areas have asked for advice on domestic violence and, in one case, on helping an acutely ill single mother care for her child at home.\n\n" +
					"In one case a man of 25 admitted after self-harm disclosed feelings towards children and said he was employed at a school. Staff knew whom to contact; a multi-agency meeting found the school and the mental health team already had concerns, and he was removed from working with children.\n\n" +
					"A serious case review by Kent SCB, about an incident in 2007, also showed theatre staff identifying a child protection risk and following it up, evidence of good risk assessment outside the paediatric department.",
			},
			{
				Title:     "Midwifery attendance at child protection conferences",
				HowMuch:   "After the named midwife was appointed, a system was started to monitor attendance of midwifery representatives at case conferences.",
				HowWell:   "Overall attendance at initial conferences rose to 74% in 2009 from 51% in 2008, and at review conferences to 60% from 56% in 2008. Local authority partners have praised the quality of reports, particularly from the Paediatric Ward.",
				BetterOff: "The right agency representation at conference leads to a better outcome for the child.",
			},
			{
				Title:   "Health assessments and plans for looked after children",
				HowMuch: "The extra capacity in the LAC health team was used to complete individual health plans for looked after children, an area where Medway had failed a previous local authority inspection.",
				HowWell: "Completion of health plans has improved significantly. The Trust is meeting the target of 84% of assessments completed and plans returned to the local authority within 6 weeks.",
			},
			{
				Title:     "Video evidence for medical examinations after sexual abuse",
				HowMuch:   "The Trust bought a colposcope.",
				BetterOff: "Every sexually abused child who needs a medical examination now has it recorded on video. This is the gold standard advised by the Royal College of Paediatrics and Child Health and spares children a second examination if the courts ask for a second opinion.",
			},
			{
				Title:   "Emergency department safeguarding standards audit",
				HowMuch: "The A&E department was audited between the 1st September 2009 and the 30th November 2009 against the College of Emergency Medicine's standards for emergency departments, two of which concern safeguarding children.",
				HowWell: "- standard: 95% of children who attended more than 3 times in the past year with different conditions are notified to the community health visiting team or social work team within 5 days; the Trust average score was 99%\n" +
					"- standard: 95% of patients < 16years of age attending ED are notified to the GP and the community health visiting or school nursing team within 5 days; the Trust average score was 94% for health visitors and 90% for school nurses",
			},
		},
		Objectives: []domain.Objective{
			{
				Intend:   "Introduce regular supervision for all professional staff with child protection cases on their caseload.",
				Quantity: "63 staff have supervision at least every 2 months.",
				Quality:  "The supervision model follows evidence-based guidance, with reflective practice, learning outcomes and decisions well documented.",
				Outcomes: "Better risk assessment, information sharing, risk sharing and planning with partners, evidenced through case audit and shared for wider learning.",
			},
			{
				Intend:   "Increase the number of CAFs started by health professionals.",
				Quantity: "Increase by at least 20% during 2010/11.",
				Quality:  "Staff are confident and competent to start a CAF and understand the lead professional role.",
				Outcomes: "Difficulties identified early, with early planning and help that improves the lives of children, young people and families, measured through service user feedback and case audit.",
			},
			{
				Intend:   "Make sure front-line staff understand the Trust's internal child protection policy and procedure.",
				Quantity: "Staff, especially in the A/E department, know the essential parts of the policy well.",
				Quality:  "Staff can identify risks to children, find out whether a child has a child protection plan, and know whom to tell about concerns in and out of normal working hours.",
				Outcomes: "An audit during 2010 gives assurance that staff understand and follow the correct procedure.\n\nChildren at risk are less likely to slip through the net because staff can clearly explain the process.",
			},
			{
				Intend:   "Improve pre-birth assessment and planning.",
				Quantity: "Every antenatal assessment identifies social risk factors that might otherwise go unnoticed.",
				Quality:  "Information held by GPs is reviewed for every pregnant woman.\n\nThe antenatal booking questions are reviewed.",
				Outcomes: "No hidden risks, and better joint care planning where risks are found. Improvements evidenced through a user survey, group sessions and case file audit.",
			},
		},
	},

	// 3.2 / 6.2
	{
		Agency: "hmyoi-cookham-wood",
		Items: []domain.ReviewItem{
			{
				Title: "HMIP inspection action plan",
				HowMuch: "The HMIP inspection ran from 2-6 February 2009. Inspectors found local policies and procedures not yet embedded and weak relationships between staff and young people; young people felt unsafe, anti-bullying measures fell short and safeguarding data was neither analysed nor shared. Against the healthy prisons test, safety scored 2 (not performing sufficiently well). Of the 211 recommendations, 39 concerned safeguarding specifically.\n\n" +
					"Main safeguarding findings:\n\n" +
					"- policy documents too complicated\n" +
					"- too little management oversight of safeguarding\n" +
					"- weak, complicated procedures that were not embedded\n" +
					"- no structure for collating and analysing safeguarding data to spot trends\n" +
					"- poor attendance at safeguarding meetings and little involvement of young people\n" +
					"- poor relationships between staff and young people\n" +
					"- good child protection referral processes, mostly timely and acted on quickly\n" +
					"- internal investigations carried out where appropriate\n\n" +
					"Implementation of the action plan recommendations has been achieved and continues.",
				HowWell: "The action plan was shared out among functional leads, with agreed, time-bound actions.",
				BetterOff: "The figures show significant falls across the main areas of safeguarding concern and risk (self harm, child protection and violence reduction), and real progress towards a safer place for young people, staff and visitors.\n\n" +
					"Quarterly totals (inclusive months):\n\n" +
					"- Feb – Apr 09: 75 acts of self harm, 60 assaults, 35 fights, 167 uses of force, 17 child protection referrals\n" +
					"- May – Jul 09: 34 acts of self harm, 29 assaults, 44 fights, 95 uses of force, 8 child protection referrals\n" +
					"- Aug – Oct 09: 28 acts of self harm, 49 assaults, 61 fights, 89 uses of force, 6 child protection referrals\n" +
					"- Nov09 – Jan 10: 16 acts of self harm, 16 assaults, 29 fights, 88 uses of force, 2 child protection referrals",
			},
			{
				Title:     "Safeguarding data recording and trend analysis",
				HowMuch:   "Data recording and analysis were introduced to identify risks and threats to young people's safety through trend analysis.",
				HowWell:   "The safeguarding manager set up Excel spreadsheets collating data across the safeguarding agenda, allowing comparison and highlighting risk factors and groups. Practitioners share the results to inform practice and strategy, which has supported the other achievements in this return.",
				BetterOff: "The trend analysis shows that violence and self harm move together: when violence rises so does self harm, and when violence falls self harm falls too.",
			},
			{
				Title:   "Challenging and changing anti-social behaviour",
				HowMuch: "We improved how we challenge, manage and change young people's anti-social behaviour.",
				HowWell: "Anti-social behaviour is now identified differently and assessed more consistently, and individual young people have structured care plans to help them change their behaviour.",
				BetterOff: "Violence and bullying have clearly fallen, so young people feel safer and have growing confidence in the processes.\n\n" +
					"Quarterly totals (inclusive months):\n\n" +
					"- Feb – Apr 09: 60 assaults, 35 fights, 167 uses of force\n" +
					"- May – Jul 09: 29 assaults, 44 fights, 95 uses of force\n" +
					"- Aug – Oct 09: 49 assaults, 61 fights, 89 uses of force\n" +
					"- Nov09 – Jan 10: 16 assaults, 29 fights, 88 uses of force",
			},
			{
				Title:   "Identifying and managing risk of self harm",
				HowMuch: "The identification and management of young people at risk of self harm, or who have self-harmed, were improved.",
				HowWell: "The suicide and self harm prevention coordinator introduced processes so every child identified as at risk is assessed and supported early. An individual multi-agency care plan, agreed with the young person, is closely monitored and reviewed, and support continues after the risk has reduced.",
				BetterOff: "Acts of self harm have clearly fallen and more young people at risk are identified and managed, so young people feel safer.\n\n" +
					"Quarterly acts of self harm (inclusive months):\n\n" +
					"- Feb – Apr 09: 75\n" +
					"- May – Jul 09: 34\n" +
					"- Aug – Oct 09: 28\n" +
					"- Nov09 – Jan 10: 16",
			},
			{
				Title:   "Reducing the use of force",
				HowMuch: "Work to reduce the number of incidents resolved by using force.",
				HowWell: "A weekly use of force meeting reviews every use of force. Feedback and training are adjusted to local issues and trends, and good practice and areas for development are agreed and acted on.",
				BetterOff: "Fewer incidents involve force, which has cut injuries to young people and staff. More de-escalation and better relationships between staff and young people have benefited both.\n\n" +
					"Quarterly uses of force (inclusive months):\n\n" +
					"- Feb – Apr 09: 167\n" +
					"- May – Jul 09: 95\n" +
					"- Aug – Oct 09: 89\n" +
					"- Nov09 – Jan 10: 88",
			},
		},
		Objectives: []domain.Objective{
			{
				Intend:   "Introduce better quality assurance processes to measure how well we recognise the risks, vulnerabilities and protective factors of young people, individually and as groups.",
				Quantity: "Implement 19 sets of quality assurance processes based on data collation and a further 12 based on evidence-based practice during the coming year.",
				Quality:  "The QA processes are measured against our legal duties and national and local policies.",
				Outcomes: "The QA processes show where we fall short and help develop practice to meet our responsibilities to young people.",
			},
			{
				Intend:   "Improve the skills of staff working with young people by using training available in the community.",
				Quantity: "A Children's Workforce Development Manager, who will sit on the MSCB training subgroup, will be appointed and will set a realistic level of achievement for the year.",
				Quality:  "The workforce development manager's job description includes our commitment to deliver and take part in high-quality training, internally and externally.",
				Outcomes: "Staff are better equipped to manage and support young people, with:\n\n" +
					"- greater understanding of the Children Act, especially section 11 duties\n" +
					"- greater understanding of child protection issues, procedures and disclosure of abuse\n" +
					"- greater awareness of how to support children who have had traumatic experiences, such as bereavement",
			},
			{
				Intend:   "Involve the community and, where appropriate, families more in decisions that help young people progress in custody and after release.",
				Quantity: "A multi-disciplinary, multi-agency approach so the best outcomes for each young person are considered and acted on at the earliest suitable stage.",
				Quality:  "High-quality, joined-up working that meets the young person's needs.",
				Outcomes: "Better outcomes for young people in custody and when preparing for release. With community and family involvement, the move from custody back into the community is better supported, better planned and less traumatic.",
			},
			{
				Intend:   "Raise awareness and understanding of Section 11 among staff and young people, stressing our corporate, legal and individual duties to keep young people in our care safe.",
				Quantity: "Deliver during the next year the development areas found by our Section 11 audit and self-assessment.",
				Quality:  "Greater awareness among all staff, young people and visitors.",
				Outcomes: "Better understanding of our duties under section 11 and the Children Act as a whole, so we work more effectively with partners as a youth justice provider. This should give better outcomes through effective planning meetings, delivery of plans, work on offending behaviour and preparation for release.",
			},
		},
	},

	// 3.3 / 6.3
	{
		Agency: "medway-stc",
		Items: []domain.ReviewItem{
			{
				Title:     "Safeguarding training for all staff",
				HowMuch:   "All staff (240) have had safeguarding training at the Centre, whether initial, second-level refresher or introductory. This includes care staff, teachers and nurses as well as youth offending services, facilities and catering staff.",
				HowWell:   "Non-custodial staff who had never had safeguarding training now know more.",
				BetterOff: "Staff, especially non-custody staff, are better informed about safeguarding issues and practice.",
			},
			{
				Title:     "Assessing and managing self harm",
				HowMuch:   "Every incident of self harm is assessed and a risk management plan considered.",
				HowWell:   "Self harm incidents have fallen and stay low, though this varies with individual young people's needs and behaviour.",
				BetterOff: "Fewer episodes of self harm. Serious concerns are discussed with mental health professionals.",
			},
			{
				Title:     "Tracking assaults and fights for bullying",
				HowMuch:   "Every young person involved in an assault or fight is tracked for possible bullying before a management programme is decided.",
				HowWell:   "Only 13% of tracking logs needed a full anti-bullying programme in 2009.",
				BetterOff: "Bullying is dealt with quickly, with support from the independent advocacy service.",
			},
			{
				Title:     "Referral of allegations against staff",
				HowMuch:   "Every allegation against staff is referred to Medway Children's Services.",
				HowWell:   "None of the 34 allegations made in 2009 led to further action by the police or Children's Services.",
				BetterOff: "Open reporting of allegations gives young people and their families reassurance about safeguarding at the Centre, and outside feedback and scrutiny.",
			},
			{
				Title:     "Monthly staff supervision",
				HowMuch:   "All staff have monthly formal supervision, which covers safeguarding.",
				HowWell:   "98% of planned supervisions took place within timescales.",
				BetterOff: "Better supervision improves practice and staff retention, making the environment more stable.",
			},
			{
				Title:     "Senior scrutiny of restraint",
				HowMuch:   "A senior manager reviews every restraint incident the next day, including the CCTV.",
				HowWell:   "Practice issues were taken up through reflective practice and, where needed, shared with Children's Services for transparency.",
				BetterOff: "Restraint followed a falling trend throughout 2009, helped by close senior management oversight.",
			},
		},
		Objectives: []domain.Objective{
			{
				Intend:   "Reduce the number of incidents involving restraint.",
				Quantity: "Improve how the most challenging behaviour is managed, through closer scrutiny of what leads up to incidents and more proactive practice.",
				Quality:  "Reduce restraints by 20% for the year.",
				Outcomes: "Fewer restraints mean fewer potential injuries to young people and staff, fewer allegations and a more positive culture.",
			},
			{
				Intend:   "Review the incentive scheme and the use of sanctions.",
				Quantity: "Set KPIs for the use of sanctions and monitor it more closely.",
				Quality:  "Reduce the use of sanctions by 20% and bring in an incentive scheme consistent with other STCs.",
				Outcomes: "Sanctions are used more effectively and young people and staff interact better.\n\nThe incentive scheme is consistent across the 3 Rebound STCs.",
			},
			{
				Intend:   "Refresh safeguarding training for all staff according to their role.",
				Quantity: "Every member of staff receives safeguarding training.",
				Quality:  "Training is tailored to each person's role and experience.",
				Outcomes: "Greater awareness of safeguarding and staff better skilled to meet young people's safeguarding needs.",
			},
		},
	},

	// 3.4 / 6.4
	{
		Agency: "medway-childrens-services",
		Items: []domain.ReviewItem{
			{
				Title: "Safeguarding services under rising demand",
				HowMuch: "Safeguarding services were delivered while demand rose nationally:\n\n" +
					"- since 1 April 2009, {{REF.ytd}} children have been referred to children's care, {{REF.change}}\n" +
					"- section 47 investigations rose 24% in the last 6 months compared with a year earlier, but only 2% over the full year\n" +
					"- since 1 April 2009, 231 children and young people have been placed on child protection plans, 39% more than the same period last year\n" +
					"- a 12% increase in the number of looked after children",
				// The figures are quoted by reference, so they match section 4's
				// tables. Where the seed disagrees with its own tables the figures
				// win: it says "these 239 children and young people, 39 (16.8%)"
				// where table 5 and its note give 39 of 229 (17%), and it labels
				// the looked after children's reviews NI67 and the child
				// protection reviews NI66, the other way round from section 4.
				HowWell: "Initial assessments within 7 days (NI59) rose to {{NI59.ytd}}, against 73% last year. Referrals leading to an initial assessment rose to {{REF-IA.ytd}}, against 55% for the same period last year. Unallocated referrals stayed below 30 at all times.\n\n" +
					"Of the {{NI65.den}} children and young people who became subject to a plan, {{NI65.num}} ({{NI65.ytd}}) had been on a plan before (NI65). This is above our LAA target of {{NI65.target}} repeat plans, but other authorities' results show how volatile this indicator is; our combined result over the last 2 financial years is 13.8%, below this year's target.\n\n" +
					"- {{NI66.ytd}} of LAC reviews held on time (NI66)\n" +
					"- {{NI67.ytd}} of child protection reviews held on time (NI67), and {{CPC-QUORATE.ytd}} of conferences were quorate",
			},
			{
				Title: "Review of safeguarding practice against statutory requirements",
				HowMuch: "- audited child protection practice in response to the national child protection progress report, and added capacity\n" +
					"- commissioned two external reviews: front-line multi-agency practice, and FASST (family and school support team)\n" +
					"- a 'deep dive' into CAF led to a CAF co-ordinator post and CAF training: awareness 121 delegates, assessor 100 delegates, lead professional 77 delegates; elected members trained to awareness level\n" +
					"- a 'deep dive' into SEN in mainstream schools found issues with identification, roles and responsibilities, transition, and communication with parents, carers and children, all tracked in the SEN strategy action plan\n" +
					"- changed the boundaries between integrated area teams to balance demand\n" +
					"- commissioned the Young Lives Foundation to review satisfaction with LAC reviews",
				HowWell: "Children's social care teams grew by 3 senior practitioner, 3 IRO, 16 family worker, 1 senior support officer and 5 administrative posts. Since then core assessments within 35 working days (NI 60) rose from a pre-change average of 65% to a post-change average of 82%, though the NI 60 result for the year so far is 70% against our LAA target of 79%.\n\n" +
					"Social workers in the integrated area teams rose by 7.2% after the establishment changes and regrading of social workers.\n\n" +
					"201 CAFs have been received since Jan 2009, and there are 18 CAF champions across agencies. Balanced caseloads mean every integrated area team now offers an equal assessment service.\n\n" +
					"An unannounced inspection in January 2010 found no priority areas for development; we already knew of the areas it raised and have action plans for them.",
				BetterOff: "Since 1 April 2009 our work with children and families reduced concerns enough for 160 children and young people to come off their child protection plan, with support continuing at child in need level through the FASST teams. Only 7 (4.4%) of these 160 plans lasted longer than the ideal 2 years (NI 64), well below the England average of 6%.\n\n" +
					"Medway remains among the best results nationally for placement stability (NI61 and NI62).\n\n" +
					"Young people consulted by the Young Lives Foundation are mostly happy with how LAC reviews are chaired, and suggested process improvements that will go into 2010 service planning.",
			},
			{
				Title: "Safeguarding practice in schools",
				HowMuch: "Worked with schools to develop safeguarding practice that meets statutory requirements:\n\n" +
					"- monitored the results of Ofsted inspections\n" +
					"- commissioned child protection and safer recruitment training: 520 staff attended safeguarding training events, of whom 40 had safer recruitment training; 213 designated child protection staff were trained; 212 staff attended child protection awareness training; 14 staff had specialist domestic abuse training; 41 staff took other multi-agency MSCB courses\n" +
					"- completed an internal audit of safer recruitment in Medway schools against Risk 1 (the local authority not doing enough to stop unsuitable people being employed in schools) and Risk 2 (schools not doing enough to stop unsuitable people reaching children)\n" +
					"- a system for stranger danger is in place",
				HowWell: "Ofsted inspected 23 schools and 72 early years settings and childminders. One school has been given a notice to improve on the safeguarding outcome, as has one setting that is still open.\n\n" +
					"Risk 1 was judged satisfactory: HR has given schools full guidance so headteachers and governors can carry out the right checks on new staff and make sure everyone with access to children is vetted.\n\n" +
					"Risk 2 was judged insufficient: standards varied across the sample of 11 schools visited, mainly in pre-employment checks, single central record checks on supply teachers and contractors, and retention of CRB disclosures. Each school needs follow-up.",
			},
			{
				Title:     "Responding to children's views from the Tell Us survey",
				HowMuch:   "- worked with the police to deliver Operation Staysafe\n- appointed an anti-bullying co-ordinator",
				HowWell:   "Operation Staysafe was a successful partnership with the police, YOT, DAAT and Connexions, and 40 young people were returned home.\n\n14 out of 19 secondary school bullying policies were reviewed. More children and young people in Medway (17%) feel 'a bit unsafe' where they live than nationally (14%) or in statistical neighbours (15%), but there is no real statistical difference once Medway's context is taken into account (16%).",
				BetterOff: "Too early to measure a fall in bullying, although TellUs data is now closer to the national picture.",
			},
			{
				Title: "Improving CAMHS with health partners",
				HowMuch: "- a single point of access for all Tier 2 and Tier 3 referrals\n" +
					"- Solihull training rolled out to 115 staff across health, social care and education\n" +
					"- the TaMHS project started at the beginning of the new school year, offering therapeutic interventions in Strood and Hoo primary and junior settings",
				HowWell: "NI51 (effectiveness of CAMHS services) increased to 12.\n\n" +
					"The average number of referrals to the Tier 3 team fell from 71 to 31 after the single point of entry began, suggesting a more focused and appropriate route to the specialist service. Health and education professionals report better access to CAMHS.",
				BetterOff: "Shorter waiting times for Tier 3 assessments for children and young people.\n\n" +
					"Further measures will be developed once the board agrees a comprehensive quality assurance framework.",
			},
		},
		Objectives: []domain.Objective{
			{
				Intend: "Improve safeguarding arrangements in schools.",
				Quantity: "All schools have robust policies and procedures.\n\n" +
					"Run a further course in the autumn/winter for governors on their policy duties for child protection, aimed at governors new to child protection and new chairs of governors.",
				Quality: "- school staff know when and how to raise safeguarding concerns\n" +
					"- all schools and settings get at least adequate grades for the safeguarding outcome\n" +
					"- safeguarding leads are properly trained\n" +
					"- governors feel confident to implement their school's child protection policy",
				Outcomes: "A safe workforce and fewer upheld allegations.\n\nSafeguarding concerns are acted on properly.",
			},
			{
				Intend:   "Work in partnership to use CAF as the assessment tool for all children with additional needs.",
				Quantity: "More CAFs completed.",
				Quality: "Agreed thresholds for using CAFs.\n\n" +
					"Assessments analyse well, plans have clear and suitable objectives, and risk and protective factors for children's safety and welfare are well identified.\n\n" +
					"Clear, agreed thresholds for children in need services are embedded, understood and used across the partnership, which reviews them regularly.",
				Outcomes: "Children's safeguarding and child protection needs are identified and met effectively and in good time.\n\n" +
					"Services are in place to stop children's needs escalating and to provide a 'step down' service that keeps needs at a lower level.",
			},
			{
				Intend: "Make sure all safeguarding practice meets or exceeds national requirements by:\n\n" +
					"- improving the quality and timeliness of assessment and planning for children's care needs\n" +
					"- strengthening quality assurance through independent review, case file audit, supervision and user feedback\n" +
					"- reviewing and developing services for children in care so they are well prepared for an independent, positive adult life\n" +
					"- making sure all child in need, child protection and care plans set targeted interventions that limit risk and support lasting family resilience",
				Quantity: "- NI59 greater than 74%\n" +
					"- NI60 greater than 80%\n" +
					"- NI65 (repeat CP) less than 12%\n" +
					"- commission research on the position of our current 15 year old LAC compared with our current 19 year olds, to identify what they need\n" +
					"- every care leaver assessed as needing our support has a personal advisor\n" +
					"- better results for pathway plans in place, care leavers contacted within the last 4 months and care leavers in suitable accommodation\n" +
					"- better education, training and employment (ETE) for care leavers of all ages\n" +
					"- a higher % of professionals attending CP conferences give positive feedback on the review process and chairing\n" +
					"- a higher % of children report satisfaction with the CP conference process\n" +
					"- a higher % of children report satisfaction with the LAC review process",
				Quality: "- case file audits show good analysis and evidence of the child's and family's contribution\n" +
					"- outcomes from regular file audits are collated\n" +
					"- staged housing options are in place for care leavers\n" +
					"- case file audits show a smooth handover from child protection plan work to post-plan support by FASST\n" +
					"- case file audits show SMART targets in plans",
				Outcomes: "Targeted interventions that limit risk are identified.\n\n" +
					"Greater assurance that our services follow our policies and procedures and aim at the best possible ECM outcomes for children and young people.\n\n" +
					"Care leavers are well placed for an independent, positive adult life.\n\n" +
					"Lasting family resilience achieved with minimal intervention.",
			},
			{
				Intend:   "Set up an effective multi-agency prevention strategy, using the Think Family approach, to steer what the Children's Trust commissions and delivers.",
				Quality:  "An effective multi-agency preventative strategy is developed.",
				Outcomes: "Children with additional needs are spotted and helped sooner, before their needs become more serious.",
			},
		},
	},

	// 3.5 / 6.5
	{
		Agency: "cvs-medway",
		Items: []domain.ReviewItem{
			{
				Title:     "CWDC core induction standards training",
				HowMuch:   "Under the CWDC Workforce Strategy Partners Programme contract, we delivered CWDC core induction standards training to voluntary and community organisations (VCOs).",
				HowWell:   "80 participants from VCOs attended the 4 sessions held in the year.",
				BetterOff: "The immediate evaluation by those attending was positive.",
			},
			{
				Title:   "Safeguarding and child protection conference for the voluntary sector",
				HowMuch: "Under the same contract we delivered a safeguarding and child protection conference for the voluntary and community sector in Medway on 25/3/2010.",
				HowWell: "Previous years' conferences were attended by 120 representatives from VCOs. This year's programme had workshops on:\n\n" +
					"- e-safety\n" +
					"- tackling bullying\n" +
					"- an introduction to ContactPoint\n" +
					"- safeguarding and child protection risk assessments\n" +
					"- what to do if you are worried about a child or young person\n" +
					"- families and young people in conflict\n\n" +
					"There were also talks on vetting and barring and on the role of the MSCB.",
				BetterOff: "The conference will be evaluated in the same way as the induction training. The board's proposals for evaluating impact are set out in its own review.",
			},
			{
				Title:   "Safeguarding and child protection web pages",
				HowMuch: "Under the same contract we updated our safeguarding and child protection web pages.",
			},
		},
		Objectives: []domain.Objective{
			{
				Intend:   "Evaluate the impact of the 3 year CWDC WSPP (2007/10) on the voluntary and community sector in Medway.",
				Quantity: "As many people who took part in the interventions as possible.",
				Quality:  "To be defined.",
				Outcomes: "Report to the MSCB.",
			},
			{
				Intend: "Secure further funding for the CWDC WSPP.",
			},
			{
				Intend: "Define how the voluntary and community sector engages with the MSCB from an agency perspective.",
			},
			{
				Intend: "Help the voluntary and community sector take a bigger part in the MSCB subgroups.",
			},
			{
				Intend: "Find, learn from and benchmark against best practice in how the voluntary and community sector engages with safeguarding children boards.",
			},
		},
	},

	// 3.6 / 6.6
	{
		Agency: "kent-probation",
		Items: []domain.ReviewItem{
			{
				Title:     "Integrated Domestic Abuse Programme (IDAP)",
				HowMuch:   "With the St Giles Trust, Kent Probation delivered 12 Integrated Domestic Abuse Programmes (IDAP) across Kent and Medway, and the programme continues. Victims of the perpetrators on the programme are offered contact with Kent Probation's women's safety workers.",
				HowWell:   "56 domestic abuse perpetrators (including 13 from Medway) completed the IDAP programme in the business year April09 to March10.",
				BetterOff: "At least 56 direct victims and their children are safer because the perpetrators completed the programme, as a court sentence or a licence condition.",
			},
			{
				Title: "Children and Families Project (CAFÉ)",
				HowMuch: "With the St Giles Trust, Kent Probation runs the Children and Families Project (CAFÉ), an intensive floating support service for vulnerable and marginalised offenders and their families. It aims:\n\n" +
					"- to support offenders who are parents in their parenting role\n" +
					"- to help offenders build and keep relationships within the family\n" +
					"- to prevent offending passing from one generation to the next",
				HowWell: "The project had 130 open cases across Kent and Medway. Kent County Council funds 80% of the project costs, and Kent Probation funds 100% of the Medway element.",
				BetterOff: "159 children across Kent and Medway were helped by the project this year.\n\n" +
					"Case example: a mother was referred by a domestic violence project with serious parenting difficulties, alcohol misuse and an ongoing relationship with a violent ex-partner; her 3 youngest children were on an interim care order and living with their grandmother. Her CAFÉ worker went with her to a family group conference for support, helped her apply for an injunction, found local support networks and dealt with the council about repairs after a domestic incident. She says being shown options rather than given advice was empowering, and that the worker's reliability made her stronger. She has attended core groups and a group for victims of domestic violence, and has stopped drinking.",
			},
		},
		Objectives: []domain.Objective{
			{
				Intend:   "Introduce an updated Kent Probation Safeguarding Children Policy and Guidance from 1.4.2010, reviewed every year in line with the Quality Manual.",
				Quantity: "100% of Kent Probation staff know the safeguarding policy and their responsibilities under it.\n\nThe senior management team will consider naming a business-wide lead manager as safeguarding children champion.",
				Quality: "The policy will reach all staff through:\n\n" +
					"- meetings with managers\n" +
					"- a notice on the Kent Probation intranet\n" +
					"- inclusion in the Quality Manual now being developed",
				Outcomes: "- staff understand safeguarding children issues better, as shown in their OASys assessments, risk management plans and sentence plans\n" +
					"- during 2010/11 a representative audit of case records will check that safeguarding issues were identified and dealt with to protect children and adults",
			},
			{
				Intend:   "Raise the profile of safeguarding children training for staff.",
				Quantity: "Improve attendance at Kent and Medway Safeguarding Children Board training for staff working with offenders, with a yearly report on numbers attending.",
				Quality: "Use continuing professional development and supervision to make sure 90% of front-line staff complete the right level of training.\n\n" +
					"The yearly personal performance development appraisal for every member of staff will reflect individual performance.\n\n" +
					"The senior management team will decide whether to name a lead person or middle manager to champion safeguarding children, with the training department and the lead ACO.",
				Outcomes: "- all offender managers show better knowledge of protecting offenders' children in their risk assessments and reviews\n" +
					"- 90% of Kent Probation staff complete EDUCARE online child protection training by 31.3.2011, and show their learning in risk assessments and line management supervision",
			},
			{
				Intend:   "Audit how well domestic abuse cases address the safety of children. Kent Probation works with adult offenders convicted of domestic abuse against partners; as the abuse mostly happens at home, children are probably living there too. The audited case files will cover both safeguarding children areas, Kent and Medway.",
				Quantity: "Offender managers complete the Spousal Abuse Risk Assessment (SARA) where they know of domestic abuse. During 2010/11, audit a random sample of offender cases (10% dependant on overall numbers) where SARA was completed, and compare them with a similar number of cases without SARA.",
				Quality: "- an open and transparent audit involving partner safeguarding children agencies from across Kent and Medway during September to December 2010\n" +
					"- an audit report on how effective child-focused interventions are",
				Outcomes: "The audit shows staff getting better at identifying safeguarding children issues (including hidden harm), benefiting the children and families of offenders we work with.",
			},
			{
				Intend:   "Find out whether the Integrated Case Management System (ICMS) can be adapted to record family members' names, especially children's. The senior management team will decide on any changes.",
				Quantity: "Report to the safeguarding boards.",
				Quality:  "None at present.",
				Outcomes: "ICMS records the names of family members, especially the children, of offenders we work with.",
			},
		},
	},

	// 3.7 / 6.7
	{
		Agency: "cafcass",
		Items: []domain.ReviewItem{
			{
				Title:     "Family court advisers appointed",
				HowMuch:   "Four family court advisers were appointed in 2009.",
				HowWell:   "The backlog of children waiting for a service has gone. 100% of children now get a service in line with the President's Interim Guidance and Cafcass operating priorities.",
				BetterOff: "30% of children say they feel safer because of their Cafcass allocation.",
			},
			{
				Title:     "Family support workers recruited",
				HowMuch:   "Four family support workers were recruited in 2009.",
				HowWell:   "80% of family assistance orders were allocated within 2 days of the court order, and 40 children were allocated to family support workers with shared case plans.",
				BetterOff: "20% of children say contact with their non-resident parent improved after a family assistance order and a family support worker.",
			},
			{
				Title:     "Intake and safeguarding service for public and private law",
				HowMuch:   "An intake and safeguarding service was set up for public and private law.",
				HowWell:   "100% risk assessment of court applications: every application is risk-assessed and prioritised according to safeguarding concerns.",
				BetterOff: "A 20% increase in children whose safeguarding concerns are identified and referred to the local authority.",
			},
			{
				Title:     "Computer links to police for safeguarding checks",
				HowMuch:   "Computer links to the police were set up for safeguarding checks.",
				HowWell:   "A 70% increase in completed police checks returned within two days.",
				BetterOff: "70% of children have safeguarding concerns identified within two days of the application.",
			},
			{
				Title:     "Parenting Information Programme",
				HowMuch:   "The Parenting Information Programme (PIP) was introduced.",
				HowWell:   "All Kent courts now use PIP as a contact direction.",
				BetterOff: "30% of children say their parents' attendance at the Parenting Information Programme has improved contact handovers.",
			},
		},
		Objectives: []domain.Objective{
			{
				Intend:   "An evidence-based assessment of every member of staff, supervision at least every six weeks and an annual appraisal.",
				Quantity: "100%",
				Quality:  "All staff graded at least satisfactory on diversity.",
				Outcomes: "A measurable improvement in how diversity issues are addressed for children and their parents.",
			},
			{
				Intend:   "Share case plans with service users in private and public law.",
				Quantity: "80%",
				Quality:  "Case plans rated good because of the service user's contribution.",
				Outcomes: "Measurable involvement of younger and older service users in case planning.",
			},
			{
				Intend:   "Listen to service users, learn from them and involve them.",
				Quantity: "65%",
				Quality:  "Overall satisfaction with our services, as measured through Hear Now.",
				Outcomes: "Services improved by listening to service users.",
			},
		},
	},

	// 3.8 / 6.8
	{
		Agency: "kent-police",
		Items: []domain.ReviewItem{
			{
				Title:     "DASH risk assessment tool",
				HowMuch:   "The DASH (Domestic Abuse, Stalking, Harassment and HBV) risk assessment tool was introduced.",
				HowWell:   "1,842 officers were trained in DASH, and implementation across all areas by the 31st March 2010 is on schedule.",
				BetterOff: "An evaluation in North Kent shows greater awareness of police protection: from October to date 11 children have been taken into police protection, compared with 2 children in the same period before the training.",
			},
			{
				Title:     "New child protection policy",
				HowMuch:   "A new child protection policy was introduced.",
				HowWell:   "The policy was completely rewritten to follow ACPO guidance.",
				BetterOff: "Kent Police investigates child abuse in line with national best practice as identified by HMIC.",
			},
			{
				Title:     "MARAC rolled out to all BCUs",
				HowMuch:   "MARAC (Multi Agency Risk Assessment Conference) was rolled out to all BCUs.",
				HowWell:   "Co-ordinators were found for every MARAC, and all were running before September 2009, ahead of the Force Policing Plan target of March 2010.",
				BetterOff: "476 cases were heard to the end of Jan 2010, involving 697 children. The repeat victim rate was 6.83%, and there were no domestic homicides in any case assessed.",
			},
			{
				Title:     "ACPO minimum standards for Protecting Vulnerable People",
				HowMuch:   "The ACPO minimum standards for Protecting Vulnerable People (PVP) were introduced as part of protective services.",
				HowWell:   "84.5% compliance against a Force Policing Plan target of 80%.",
				BetterOff: "More capability, capacity and flexibility to deal with child abuse incidents.",
			},
			{
				Title:     "Detecting online child exploitation",
				HowMuch:   "More cases involving online child exploitation offences were detected.",
				HowWell:   "36 cases detected to end of Jan 2010 against a target of 25 in the Specialist Operations Policing Plan.",
				BetterOff: "45 children were referred to Social Services as a direct result of this proactive policing.",
			},
			{
				Title:     "Home visits to registered sex offenders",
				HowMuch:   "Home visits to registered sex offenders followed MAPPA guidance.",
				HowWell:   "The target of 85% compliance was exceeded, with 114% compliance to date.",
				BetterOff: "Registered sex offenders have been recalled to prison for breaching their conditions.",
			},
			{
				Title:     "Risk management plans for registered sex offenders",
				HowMuch:   "Risk management plans for registered sex offenders are to be published within 24 hours.",
				HowWell:   "99.6% of all plans were published within 24hrs.",
				BetterOff: "All partner agencies know the plan to protect the public from registered sex offenders managed at Level II and III of MAPPA.",
			},
		},
		Objectives: []domain.Objective{
			{
				Intend:   "Introduce a standard risk matrix for referring domestic abuse cases involving children to Children's Social Services.",
				Quantity: "Every case considered against the matrix.",
				Quality:  "90% compliance against the matrix.",
				Outcomes: "A child-focused process giving children the same level of service everywhere in Kent & Medway.",
			},
			{
				Intend:   "Comply with the ACPO minimum standards for PVP.",
				Quantity: "Exceed the Force Policing Plan target of 90% compliance by March 2011.",
				Quality:  "Go beyond the minimum standards, placing Kent among the top forces for PVP protective services.",
				Outcomes: "Better able to handle PVP incidents.",
			},
			{
				Intend:   "Develop a risk assessment tool for online child exploitation.",
				Quantity: "Every online child exploitation case risk-assessed.",
				Quality:  "The tool flags children at risk of contact offences.",
				Outcomes: "A risk assessment tool recognised nationally as best practice.",
			},
		},
	},

	// 3.9 / 6.9
	{
		Agency: "medway-yot",
		Items: []domain.ReviewItem{
			{
				Title:   "Triple P parenting programmes",
				HowMuch: "Five parenting programmes were delivered using the Triple P model.",
				HowWell: "85% completion on the courses run, which successfully mixed compulsory parenting orders with voluntary participation.",
				BetterOff: "Parents feel better supported with difficult young people and have made new supportive friendships in the group. Re-offending by children of the target group has fallen.\n\n" +
					"This is shown by the parenting officer's follow-up visits and post-course evaluation; re-offending is recorded through NI 19 monitoring in the Local Area Agreement.",
			},
			{
				Title:     "Fewer first time entrants to the youth justice system",
				HowMuch:   "First time entrants to the youth justice system were reduced.",
				HowWell:   "We beat the GOSE target with a 9.4% reduction on the previous year, i.e. 150 less children in the system, through the YOT prevention officer, YISP and active diversion.",
				BetterOff: "Fewer young people in the system, so fewer exposed to its risks and vulnerabilities. The target was 514 new entrants to the youth justice system; the estimated year-end total is 480.",
			},
			{
				Title:     "Temporary YOT worker",
				HowMuch:   "A temporary YOT worker was appointed.",
				HowWell:   "Caseloads for all practitioners were reduced while two senior staff were on long-term sick leave.",
				BetterOff: "The breathing space let practitioners focus on getting assessments right and matching young people to the right level of intervention, reducing risk and vulnerability.",
			},
			{
				Title:     "Screening for substance misuse",
				HowMuch:   "100% screening for addictions use.",
				HowWell:   "The ASSET YOT screening tool and the DUST screening tool were used to find young people who would benefit from an intervention.",
				BetterOff: "This year around forty young people were referred for addictions treatment after thorough assessment, and harm and vulnerability have fallen for those who engaged. Outcomes are recorded by Kent Council for Addictions, which reports to the Medway DAT.",
			},
			{
				Title:     "Smart Thinking group work programmes",
				HowMuch:   "Five group work programmes were delivered using the Smart Thinking programme.",
				HowWell:   "High completion rates (75%) and strong engagement by high-risk and vulnerable young people, who gained an understanding of consequential thinking.",
				BetterOff: "A significant number of participants are offending less often and less seriously, with more confidence and self-esteem. The facilitators measure this by assessment at the end of the ten-week course.",
			},
			{
				Title:     "Specialist resettlement worker",
				HowMuch:   "A specialist resettlement worker was appointed.",
				HowWell:   "Six young people were supported on returning to the community from custody, reducing their risk of going back into custody.",
				BetterOff: "At least one very high-risk young person has been supported in the community who previously would have been returned to custody.",
			},
			{
				Title:     "Speech and language therapy",
				HowMuch:   "Speech and language therapy was bought in from the PCT.",
				HowWell:   "To date six young people have been assessed for speech and language difficulties.",
				BetterOff: "Two young people were diverted away from the youth justice system to more suitable services as a result.",
			},
		},
		Objectives: []domain.Objective{
			{
				Intend:   "Complete a safeguarding audit.",
				Quantity: "All safeguarding-related activities.",
				Quality:  "Measured against HMIP criteria to find gaps in practice.",
				Outcomes: "Vulnerability factors are spotted and acted on earlier, reducing potential harm to young people.",
			},
			{
				Intend:   "Review the scope of multi-agency meetings.",
				Quantity: "All meetings over a six month period.",
				Quality:  "Measured against established benchmarks, with greater multi-agency commitment.",
				Outcomes: "With all agencies informed and engaged, vulnerable young people's needs and risks are less likely to be missed.",
			},
			{
				Intend:   "Roll out a training programme for staff.",
				Quantity: "All staff within 12 months.",
				Quality:  "Training matched to each role's contact with young people and level of risk, motivating and informing practitioners.",
				Outcomes: "More aware and motivated practitioners are more confident to intervene or refer, reducing the risk of harm to young people.",
			},
			{
				Intend:   "Measure how effective safeguarding assessments are through supervision and the QA process.",
				Quantity: "All supervision and reviews over a 6 month period.",
				Quality:  "Using YJB QA processes to raise standards and performance in safeguarding.",
				Outcomes: "Checks let supervisors spot shortfalls in practice; the lessons learned raise the standard of practice and lower the risk to young people.",
			},
		},
	},
}
