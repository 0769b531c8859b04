package data

import (
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// PersonKey returns the form in which two spellings of one person's name
// compare equal: Unicode NFKC normalisation (so "e" with a combining accent
// equals the precomposed letter, and a no-break space a space), full case
// folding (so "IVAN PETROV", "Ivan Petrov" and "ИВАН" / "Иван" match), and
// any run of white space, line breaks included, as one space. Prosecution
// cases are counted by this key, and safe sharing withholds names by it.
func PersonKey(name string) string {
	// A Caser keeps state, so each call makes its own: PersonKey is called
	// from several goroutines at once.
	s := norm.NFKC.String(cases.Fold().String(norm.NFKC.String(name)))
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}
