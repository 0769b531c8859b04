package data

import (
	"strings"
	"unicode/utf8"
)

// SourceSearch is the rule of SourceQuery.Search: a source matches if the
// lower-case form of its outlet, title and author, one per line, contains
// every word of the lower-case search text, wherever they stand ("kloop
// report 77" finds the title "Kloop.kg report 77"). Cyrillic and every
// other script fold as strings.ToLower folds them.
type SourceSearch struct {
	words []string
}

// NewSourceSearch prepares the search text of a SourceQuery.
func NewSourceSearch(text string) SourceSearch {
	return SourceSearch{words: strings.Fields(strings.ToLower(text))}
}

// Words are the words of the search as they are matched, in lower case.
func (s SourceSearch) Words() []string { return s.words }

// All reports whether the search keeps every source.
func (s SourceSearch) All() bool { return len(s.words) == 0 }

// Match reports whether a source's fields, given as outlet, title and
// author joined by newlines, match the search. Text in ASCII, the common
// case, is compared in place; other text is folded with strings.ToLower.
func (s SourceSearch) Match(fields string) bool {
	if !isASCII(fields) {
		folded := strings.ToLower(fields)
		for _, w := range s.words {
			if !strings.Contains(folded, w) {
				return false
			}
		}
		return true
	}
	for _, w := range s.words {
		if !containsFolded(fields, w) {
			return false
		}
	}
	return true
}

// containsFolded reports whether ASCII text, in lower case, contains q.
func containsFolded(text, q string) bool {
	for i := 0; i+len(q) <= len(text); i++ {
		if hasFoldedPrefix(text[i:], q) {
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
