package data

// Rule is one counting rule in plain words: a short head and its
// explanation.
type Rule struct {
	Head, Text string
}

// Method lists the counting rules as readers of charts and reports need
// them. The app's About window and the report pack show the same text.
var Method = []Rule{
	{"Every number is a confirmed minimum.", "It is the smallest count that the cited reports support. The real numbers are likely higher."},
	{"One event is one row.", "When several outlets report the same event, it is stored once with all of its sources, so it is counted once."},
	{"Overlapping reports are not added up.", `New cases and reported running totals are combined by taking the larger: 4 burials reported in March and "10 deaths in total" reported in May give 10 by May, not 14.`},
	{"Figures for Central Asia as a whole are never split between countries.", `The part that no country's figures account for is shown as "Central Asia, not attributed to a country", and it is never added on top of the regional figure.`},
	{"Prosecutions count cases.", "One person's investigation, charge and sentence are one case, dated by its first stage unless a chart names a stage."},
	{"Recruitment charts count reports", "per channel, not people, because sources rarely count people there. Russian measures that concern every country appear with each country."},
	{"Dates known only to a month or a year", "count from the end of that month or year."},
}
