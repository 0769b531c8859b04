package data

import (
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// fold is the Unicode case folding that person names are compared with.
var fold = cases.Fold()

// PersonKey returns the form in which two spellings of one person's name
// compare equal: Unicode NFKC normalisation (so "e" with a combining accent
// equals the precomposed letter, and a no-break space a space), full case
// folding (so "IVAN PETROV", "Ivan Petrov" and "ИВАН" / "Иван" match), and
// any run of white space, line breaks included, as one space. Prosecution
// cases are counted by this key, and safe sharing withholds names by it.
func PersonKey(name string) string {
	s := norm.NFKC.String(fold.String(norm.NFKC.String(name)))
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}
