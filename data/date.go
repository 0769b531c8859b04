package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precision is how exactly a date is known.
type Precision string

// The date precisions.
const (
	Day   Precision = "day"
	Month Precision = "month"
	Year  Precision = "year"
)

// Date is a calendar date known to a day, a month or a year. The zero value
// is not a valid date.
type Date struct {
	Year, Month, Day int // Month and Day are 0 when unknown
}

// DateProblem is why a date was refused, so that an app can say it in its
// user's language.
type DateProblem int

// The reasons a date is refused.
const (
	DateNotRead        DateProblem = iota // written in no accepted form, or with no such month
	DateAmbiguous                         // day and month with slashes: 03/04/2023
	DateYearOutOfRange                    // a year before 1900 or after 2100
	DateNoSuchDay                         // a day that its month does not have
)

// DateError is a refused date: its reason, and its message in English.
// It unwraps to an *Error with the code EINVALID.
type DateError struct {
	Err     *Error
	Problem DateProblem
	Days    int // for DateNoSuchDay, the days of the month
}

// Error implements the error interface.
func (e *DateError) Error() string { return e.Err.Message }

// Unwrap returns the *Error.
func (e *DateError) Unwrap() error { return e.Err }

// dateError is a refused date with problem p.
// Its reason (see Error) is "date." and reason.
func dateError(p DateProblem, reason, format string, args ...any) *DateError {
	return &DateError{Err: Invalid("date."+reason, format, args...), Problem: p}
}

// ParseDate accepts YYYY-MM-DD, YYYY-MM or YYYY. It refuses other text
// with a *DateError.
func ParseDate(s string) (Date, error) {
	t := strings.TrimSpace(s)
	// The message is made only for a bad date: ParseDate runs for every row
	// of an import and every dot of a timeline.
	bad := func() error {
		return dateError(DateNotRead, "notDate", "date %q is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)", s)
	}
	var parts [3]string
	k := 0
	for p := range strings.SplitSeq(t, "-") {
		if k == len(parts) {
			return Date{}, bad()
		}
		parts[k] = p
		k++
	}
	if len(parts[0]) != 4 {
		return Date{}, bad()
	}
	var n [3]int
	for i, p := range parts[:k] {
		if (i > 0 && len(p) != 2) || !allDigits(p) {
			return Date{}, bad()
		}
		n[i], _ = strconv.Atoi(p)
	}
	d := Date{Year: n[0], Month: n[1], Day: n[2]}
	if d.Year < 1900 || d.Year > 2100 {
		return Date{}, dateError(DateYearOutOfRange, "year", "date %q has a year outside 1900-2100", s)
	}
	if k >= 2 && (d.Month < 1 || d.Month > 12) {
		return Date{}, dateError(DateNotRead, "noMonth", "date %q has no month %d", s, d.Month)
	}
	if k == 3 {
		if d.Day < 1 || d.Day > daysIn(d.Year, d.Month) {
			// The days come first among the numbers: a translation
			// chooses its plural form by them.
			e := dateError(DateNoSuchDay, "noSuchDay", "date %[1]q is not a date: %[4]s %[3]d has %[2]d days", s,
				daysIn(d.Year, d.Month), d.Year, time.Month(d.Month))
			e.Days = daysIn(d.Year, d.Month)
			return Date{}, e
		}
	}
	return d, nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Precision returns how exactly d is known.
func (d Date) Precision() Precision {
	switch {
	case d.Day != 0:
		return Day
	case d.Month != 0:
		return Month
	}
	return Year
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d.Year == 0 }

// String formats d at its precision: 2022-05-14, 2022-05 or 2022.
//
// An import writes a date or two for every row, so the usual dates are
// put together digit by digit: fmt.Sprintf took a twentieth of a large
// import's time. Years outside 0-9999 and impossible months or days are
// written by fmt, as before.
func (d Date) String() string {
	if d.Year < 0 || d.Year > 9999 || d.Month < 0 || d.Month > 99 || d.Day < 0 || d.Day > 99 {
		return d.format()
	}
	b := make([]byte, 0, len("2006-01-02"))
	b = append(b, byte('0'+d.Year/1000), byte('0'+d.Year/100%10), byte('0'+d.Year/10%10), byte('0'+d.Year%10))
	switch d.Precision() {
	case Day:
		b = append(b, '-', byte('0'+d.Month/10), byte('0'+d.Month%10), '-', byte('0'+d.Day/10), byte('0'+d.Day%10))
	case Month:
		b = append(b, '-', byte('0'+d.Month/10), byte('0'+d.Month%10))
	}
	return string(b)
}

// format is String through fmt, for any date.
func (d Date) format() string {
	switch d.Precision() {
	case Day:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	case Month:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d", d.Year)
}

// End returns the last day d can mean: a record dated to a month or a year
// counts from the end of that month or year.
func (d Date) End() time.Time {
	switch d.Precision() {
	case Day:
		return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
	case Month:
		return time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(d.Year, 12, 31, 0, 0, 0, 0, time.UTC)
}

// MonthIndex returns the month of End as a count of months since year 0, the
// unit every period is built from.
func (d Date) MonthIndex() int {
	e := d.End()
	return e.Year()*12 + int(e.Month()) - 1
}
