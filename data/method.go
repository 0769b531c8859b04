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
	{"A total about one group of people covers only that group.", `Figures about different groups (prisoners, migrants, mobilised, volunteers) add up: Tajikistan's 10 deaths of migrants by May 2022 and at least 10 prisoners killed by March 2023 give at least 20. A total that does not say whom it is about may cover every group, so the larger of it and the groups' sum counts.`},
	{"Estimates are shown apart.", `A figure that a source gives only as approximate ("around 35") is marked as an estimate on the chart or listed under it. It is never part of a confirmed figure.`},
	{"A bar never goes below zero.", "When a country's new figure was already inside an earlier Central Asia figure (or a group's new figure inside an earlier one whose group was not stated), the part not attributed stays at zero instead of falling. A note under the chart gives how many such figures each period had; that period's bars add up to the rise in the total plus that number."},
	{"Captures count people taken prisoner of war.", "They are counted like deaths, by country and over time. The side is the army the person fought for, so a capture on Russia's side is a capture by Ukraine's forces."},
}
