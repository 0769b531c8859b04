package data

import (
	"fmt"
	"strings"
)

// Period is the width of the time buckets of a chart.
type Period string

// The chart periods.
const (
	PerMonth   Period = "month"
	PerQuarter Period = "quarter"
	PerYear    Period = "year"
)

// Periods are all periods.
var Periods = []Period{PerMonth, PerQuarter, PerYear}

// ParsePeriod parses a period name in any case.
func ParsePeriod(s string) (Period, error) { return parseEnum("period", s, Periods) }

// Months returns how many months one period spans.
func (p Period) Months() int {
	switch p {
	case PerQuarter:
		return 3
	case PerYear:
		return 12
	}
	return 1
}

// PeriodKey names one bucket of a Period: its ordinal N counts periods since
// year 0 (months, quarters or years), so keys of one Period sort by N.
type PeriodKey struct {
	Unit Period
	N    int
}

// KeyOf returns the period of the given width that holds the month with the
// given month index (see Date.MonthIndex).
func KeyOf(unit Period, monthIndex int) PeriodKey {
	return PeriodKey{Unit: unit, N: floorDiv(monthIndex, unit.Months())}
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// FirstMonth returns the month index of the first month of the period.
func (k PeriodKey) FirstMonth() int { return k.N * k.Unit.Months() }

// LastMonth returns the month index of the last month of the period.
func (k PeriodKey) LastMonth() int { return k.FirstMonth() + k.Unit.Months() - 1 }

// String writes the period as the CSV contract wants it: 2022-05, 2022-Q2 or
// 2022.
func (k PeriodKey) String() string {
	m := k.FirstMonth()
	y, mo := m/12, m%12+1
	switch k.Unit {
	case PerQuarter:
		return fmt.Sprintf("%04d-Q%d", y, (mo-1)/3+1)
	case PerYear:
		return fmt.Sprintf("%04d", y)
	}
	return fmt.Sprintf("%04d-%02d", y, mo)
}

// PeriodRange returns every period of the given width from the one holding
// month index from to the one holding month index to, inclusive.
func PeriodRange(unit Period, from, to int) []PeriodKey {
	a, b := KeyOf(unit, from), KeyOf(unit, to)
	if b.N < a.N {
		return nil
	}
	out := make([]PeriodKey, 0, b.N-a.N+1)
	for n := a.N; n <= b.N; n++ {
		out = append(out, PeriodKey{Unit: unit, N: n})
	}
	return out
}

// ParseMonth parses a YYYY-MM (or YYYY) filter bound. For a bound given as
// a year, start selects January (true) or December (false).
func ParseMonth(s string, start bool) (int, error) {
	d, err := ParseDate(s)
	if err != nil || d.Precision() == Day {
		return 0, Errorf(EINVALID, "%q is not a month (use YYYY-MM)", strings.TrimSpace(s))
	}
	if d.Precision() == Year && start {
		return d.Year * 12, nil
	}
	return d.MonthIndex(), nil
}

// MonthString formats a month index as YYYY-MM.
func MonthString(m int) string { return fmt.Sprintf("%04d-%02d", m/12, m%12+1) }
