package redact

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// folded is a text in the form names are matched in, with a map back to
// the text it came from.
//
// The form is NFKC, then Unicode case folding, then canonical decomposition
// with the accents (non-spacing marks) dropped: "É", "é" and "e" followed
// by a combining acute accent all become "e", "Й" becomes "и", and a
// no-break space a space. The text is normalised one NFKC segment at a time
// (a letter and its combining marks), so every byte of the folded form
// knows the original bytes of its segment: a match is replaced in the
// original text exactly, never leaving half a letter or half a name.
type folded struct {
	s        string
	from, to []int // for each byte of s, its segment's original byte range
}

// newFolder returns the transformation from an NFKC segment to the
// matching form. It keeps state, so each use needs its own.
func newFolder() transform.Transformer {
	return transform.Chain(cases.Fold(), norm.NFKD, runes.Remove(runes.In(unicode.Mn)))
}

// fold returns s in the form names are matched in.
func fold(s string) folded {
	var (
		f   folded
		b   strings.Builder
		it  norm.Iter
		tr  transform.Transformer
		buf []byte
	)
	it.InitString(norm.NFKC, s)
	for !it.Done() {
		start := it.Pos()
		seg := it.Next()
		end := it.Pos()
		buf = buf[:0]
		if ascii(seg) {
			for _, c := range seg {
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf = append(buf, c)
			}
		} else {
			if tr == nil {
				tr = newFolder()
			}
			out, _, err := transform.Bytes(tr, seg)
			if err != nil { // not expected of these transformers; match the segment as it is
				out = seg
			}
			buf = append(buf, out...)
		}
		b.Write(buf)
		for range buf {
			f.from = append(f.from, start)
			f.to = append(f.to, end)
		}
	}
	f.s = b.String()
	return f
}

func ascii(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isWordRune reports whether r belongs to a word: a letter, a digit or a
// mark that the folding kept (a spacing mark of an Indic script, say).
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// word is one word of a folded text, by byte offsets into it.
type word struct{ start, end int }

// words splits a folded text into its words: the runs of letters and
// digits, so a word boundary is anything else.
func words(s string) []word {
	var out []word
	start := -1
	for i, r := range s {
		switch {
		case isWordRune(r) && start < 0:
			start = i
		case !isWordRune(r) && start >= 0:
			out = append(out, word{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, word{start, len(s)})
	}
	return out
}

// wordList returns the words of a folded text as strings.
func wordList(s string) []string {
	var out []string
	for _, w := range words(s) {
		out = append(out, s[w.start:w.end])
	}
	return out
}

// joins tells whether the text between two words of a name keeps them one
// name, as the space in "Ivan Petrov" or the hyphen in "Kubanychbek-uulu".
type joins func(sep string) bool

// textJoins joins words separated by white space (any amount, line breaks
// included) and at most one hyphen, apostrophe or full stop ("A. Petrov").
func textJoins(sep string) bool {
	punct := 0
	for _, r := range sep {
		switch {
		case unicode.IsSpace(r):
		case strings.ContainsRune("-‐'’.", r):
			punct++
		default:
			return false
		}
	}
	return punct <= 1
}

// slugJoins joins words separated by the characters that join words in
// refs and in URL slugs: hyphens, underscores, full stops, plus signs,
// tildes and white space.
func slugJoins(sep string) bool {
	for _, r := range sep {
		if !unicode.IsSpace(r) && !strings.ContainsRune("-_.+~‐", r) {
			return false
		}
	}
	return true
}

// cyrillic reports whether w is written in Cyrillic letters only.
func cyrillic(w string) bool {
	for _, r := range w {
		if !unicode.Is(unicode.Cyrillic, r) {
			return false
		}
	}
	return w != ""
}
