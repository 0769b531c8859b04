package data

import (
	"strconv"
	"strings"
	"unicode"
)

// DateForms lists, for messages, the ways of writing a date that
// ParseUserDate accepts.
const DateForms = `2023-03-15, 15.03.2023, 15 March 2023, June 2022, июнь 2022 or 2023`

// monthNames maps the lower-case names of months, in English (full and
// three-letter) and in Russian (nominative, genitive and the usual
// abbreviations), to their numbers.
var monthNames = func() map[string]int {
	m := map[string]int{}
	lists := [][]string{
		{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"},
		{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"},
		{"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"},
		{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
		{"янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"},
	}
	for _, l := range lists {
		for i, n := range l {
			m[n] = i + 1
		}
	}
	m["sept"], m["сент"], m["февр"] = 9, 9, 2
	return m
}()

// ParseUserDate reads a date as people write it and returns it in its
// canonical form (String gives 2023-03-15, 2023-03 or 2023):
//   - the canonical forms, and ISO dates without leading zeros (2023-3-5);
//   - day, month and year with dots, as in Russian and most of Europe
//     (15.03.2023, 5.3.2023), or month and year (03.2023);
//   - month names in English or Russian: "15 March 2023", "March 15, 2023",
//     "March 2023", "Mar 2023", "15 марта 2023", "март 2023", "2023 г.".
//
// Day and month with slashes (03/04/2023) are refused: Europe reads them
// day first and the United States month first, so the date is ambiguous.
// Every refusal is a *DateError that names the forms that are accepted.
func ParseUserDate(s string) (Date, error) {
	if d, err := ParseDate(s); err == nil {
		return d, nil
	}
	t := strings.ToLower(strings.TrimSpace(s))
	t = strings.TrimSuffix(strings.TrimSuffix(t, "года"), "г.")
	t = strings.TrimSuffix(strings.TrimSpace(t), "г")
	t = strings.TrimSpace(t)
	if t == "" {
		return Date{}, dateError(DateNotRead, "empty", "date %q is empty; write it as "+DateForms, s)
	}
	if d, err := ParseDate(t); err == nil {
		return d, nil // "2023 г."
	}
	switch {
	case strings.Contains(t, "/"):
		return Date{}, dateError(DateAmbiguous, "ambiguous",
			"date %q is ambiguous: with slashes the day and the month can be read either way; write it as "+DateForms, s)
	case strings.Count(t, "-") > 0 && !strings.ContainsFunc(t, unicode.IsLetter):
		return numericDate(s, strings.Split(t, "-"), false)
	case strings.Count(t, ".") > 0 && !strings.ContainsFunc(t, unicode.IsLetter):
		parts := strings.Split(t, ".")
		if len(parts[0]) != 4 { // day first, as written in Russia and most of Europe
			for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
				parts[i], parts[j] = parts[j], parts[i]
			}
		}
		return numericDate(s, parts, true)
	}
	return namedDate(s, t)
}

// numericDate reads year, month and day given in that order.
func numericDate(orig string, parts []string, dotted bool) (Date, error) {
	if len(parts) < 2 || len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, dateError(DateNotRead, "unread", "date %q is not a date; write it as "+DateForms, orig)
	}
	for i, p := range parts[1:] {
		if !allDigits(p) || len(p) > 2 {
			return Date{}, dateError(DateNotRead, "unread", "date %q is not a date; write it as "+DateForms, orig)
		}
		if len(p) == 1 {
			parts[i+1] = "0" + p
		}
	}
	d, err := ParseDate(strings.Join(parts, "-"))
	if err != nil && dotted {
		return Date{}, dateError(DateNotRead, "dotted", "date %q is not a date (read as day.month.year); write it as "+DateForms, orig)
	}
	return d, err
}

// namedDate reads a date whose month is a name: "15 March 2023", "March 15,
// 2023", "March 2023", "15 марта 2023".
func namedDate(orig, t string) (Date, error) {
	words := strings.FieldsFunc(t, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == '.' })
	var day, month, year int
	for _, w := range words {
		if m, ok := monthNames[w]; ok && month == 0 {
			month = m
			continue
		}
		if !allDigits(w) {
			return Date{}, dateError(DateNotRead, "word", "date %q is not a date: %q is not a month or a number; write it as "+DateForms, orig, w)
		}
		n, _ := strconv.Atoi(w)
		switch {
		case len(w) == 4 && year == 0:
			year = n
		case len(w) <= 2 && day == 0:
			day = n
		default:
			return Date{}, dateError(DateNotRead, "unread", "date %q is not a date; write it as "+DateForms, orig)
		}
	}
	if year == 0 || month == 0 {
		return Date{}, dateError(DateNotRead, "noMonthYear", "date %q is not a date: it needs a month and a year; write it as "+DateForms, orig)
	}
	canon := strconv.Itoa(year) + "-" + twoDigits(month)
	if day != 0 {
		canon += "-" + twoDigits(day)
	}
	return ParseDate(canon)
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
