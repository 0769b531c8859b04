package data

import (
	"strings"
	"unicode/utf8"
)

// SourceSearch is the rule of SourceQuery.Search: a source matches if the
// lower-case form of its outlet, title and author, one per line, contains
// the lower-case form of the trimmed search text. Cyrillic and every other
// script fold as strings.ToLower folds them.
type SourceSearch struct {
	folded string
}

// NewSourceSearch prepares the search text of a SourceQuery.
func NewSourceSearch(text string) SourceSearch {
	return SourceSearch{folded: strings.ToLower(strings.TrimSpace(text))}
}

// Folded is the search text as it is matched: trimmed and in lower case.
func (s SourceSearch) Folded() string { return s.folded }

// All reports whether the search keeps every source.
func (s SourceSearch) All() bool { return s.folded == "" }

// Match reports whether a source's fields, given as outlet, title and
// author joined by newlines, match the search. Text in ASCII, the common
// case, is compared in place; other text is folded with strings.ToLower.
func (s SourceSearch) Match(fields string) bool {
	if !isASCII(fields) {
		return strings.Contains(strings.ToLower(fields), s.folded)
	}
	q := s.folded
	for i := 0; i+len(q) <= len(fields); i++ {
		if hasFoldedPrefix(fields[i:], q) {
			return true
		}
	}
	return false
}

// hasFoldedPrefix reports whether ASCII text, in lower case, starts with q.
func hasFoldedPrefix(text, q string) bool {
	for j := 0; j < len(q); j++ {
		c := text[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != q[j] {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
