package csvio

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Neutralise returns a cell as every CSV file the program writes holds
// it, so that a spreadsheet opening the file never runs it as a formula
// (the OWASP "CSV injection"). A cell that starts with =, +, -, @, a tab
// or a carriage return, after any apostrophes, gets one more apostrophe
// in front; the reader takes exactly that one off again. A plain number
// such as -5 or +2.5 is no formula and stays as it is, so that it stays a
// number in the spreadsheet.
func Neutralise(cell string) string {
	if triggers(cell) && !isNumber(cell) {
		return "'" + cell
	}
	return cell
}

// restore undoes Neutralise.
func restore(cell string) string {
	if strings.HasPrefix(cell, "'") && triggers(cell) {
		return cell[1:]
	}
	return cell
}

// triggers reports whether a spreadsheet would take cell, less its
// leading apostrophes, for a formula.
func triggers(cell string) bool {
	s := strings.TrimLeft(cell, "'")
	return s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0
}

// isNumber reports whether s is a plain decimal number with an optional
// sign: -5, +12, 2.5.
func isNumber(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	whole, frac, dot := strings.Cut(s, ".")
	digits := func(d string) bool {
		return d != "" && strings.Trim(d, "0123456789") == ""
	}
	return digits(whole) && (!dot || digits(frac))
}

// escapeSource returns one source's part of a source column: a | of the
// text is doubled, so that it cannot be taken for the separator.
func escapeSource(s string) string { return strings.ReplaceAll(s, "|", "||") }

// splitSources splits a source column into its parts, left to right: ||
// is a | of the text and a single | separates two sources. Each part is
// trimmed of white space.
func splitSources(v string) []string {
	var parts []string
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		switch {
		case v[i] != '|':
			b.WriteByte(v[i])
		case i+1 < len(v) && v[i+1] == '|':
			b.WriteByte('|')
			i++
		default:
			parts = append(parts, strings.TrimSpace(b.String()))
			b.Reset()
		}
	}
	return append(parts, strings.TrimSpace(b.String()))
}

// quote returns text from a file, such as a header name, fit to show in a
// message: in quotes, with control characters and terminal escapes
// written as Go escapes, and cut after 60 characters.
func quote(s string) string {
	if utf8.RuneCountInString(s) > 60 {
		s = string([]rune(s)[:60]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

// printable reports whether s may be shown as it is: short, and only
// letters, marks, numbers, punctuation, symbols and spaces.
func printable(s string) bool {
	if len(s) > 60 || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}
