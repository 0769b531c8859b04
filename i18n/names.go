package i18n

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"catracker/data"
)

// Area names an area: "Kazakhstan", "Казахстан". Unknown codes are shown
// as written.
func (l Language) Area(a data.Area) string { return l.name("area.", string(a)) }

// Channel names a recruitment channel. Channels that users added are shown
// by their code.
func (l Language) Channel(c data.Channel) string { return l.name("channel.", string(c)) }

// Kind names a kind of incident: "Prosecution".
func (l Language) Kind(k data.Kind) string { return l.name("kind.", string(k)) }

// Stage names a prosecution stage: "Sentence".
func (l Language) Stage(s data.Stage) string { return l.name("stage.", string(s)) }

// Group names a group of people: "Prisoners", "Заключённые"; the blank
// group is "Group not stated".
func (l Language) Group(g data.Group) string { return l.name("group.", g.Code()) }

// name returns the text of prefix+code, or code if there is none.
func (l Language) name(prefix, code string) string {
	if code == "" || !l.has(prefix+code) {
		return code
	}
	return l.T(prefix + code)
}

// Series names a chart series by its code: a country, a channel, a group
// of people (or the figures whose group is not stated), a prosecution
// stage, the unattributed part or the regional total; other series keep
// their label.
func (l Language) Series(s data.Series) string {
	switch {
	case s.Code == data.UnattributedCode:
		return l.T("series.unattributed")
	case s.Code == data.RegionCode:
		return l.T("series.region")
	}
	for _, prefix := range []string{"area.", "channel.", "group.", "stage."} {
		if l.has(prefix + s.Code) {
			return l.T(prefix + s.Code)
		}
	}
	return s.Label
}

// MonthAbbr is the short name of month 0 (January) to 11: "Jan", "янв".
func (l Language) MonthAbbr(m int) string {
	return l.T(fmt.Sprintf("month.%d", (m%12+12)%12+1))
}

// Month writes a month index (see data.Date.MonthIndex) as "May 2022".
func (l Language) Month(index int) string {
	return l.Period(data.PeriodKey{Unit: data.PerMonth, N: index})
}

// Quarter is the short name of quarter q, 1 to 4: "Q2", "2 кв.".
func (l Language) Quarter(q int) string { return l.T("quarter", q) }

// Period is the short label of a period: "May 2022", "Q2 2022", "2022".
func (l Language) Period(k data.PeriodKey) string {
	m := k.FirstMonth()
	y, mo := m/12, m%12
	switch k.Unit {
	case data.PerQuarter:
		return l.T("period.quarter", l.Quarter(mo/3+1), y)
	case data.PerYear:
		return fmt.Sprint(y)
	}
	return l.T("period.month", l.MonthAbbr(mo), y)
}

// Method is the counting rules in l, as data.Method has them in English.
func (l Language) Method() []data.Rule {
	rules := make([]data.Rule, len(data.Method))
	for i := range rules {
		rules[i] = data.Rule{
			Head: l.T(fmt.Sprintf("method.%d.head", i+1)),
			Text: l.T(fmt.Sprintf("method.%d.text", i+1)),
		}
	}
	return rules
}

// UpperFirst upper-cases the first letter of s, for a name that starts a
// sentence: "мар 2023" becomes "Мар 2023".
func UpperFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// LowerFirst lower-cases the first letter of s, for a name used inside a
// sentence: "Sentence" becomes "sentence".
func LowerFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// Citation formats a source for a reader in language l: outlet, author,
// title, date, what it cites and its web address.
func (l Language) Citation(s data.Source) string { return s.CitationCiting(l.T("source.citing")) }
