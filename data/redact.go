package data

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// NameWithheld replaces a personal name in shared text.
const NameWithheld = "[name withheld]"

// Redactor leaves personal names out of what users share: the person of
// each incident becomes a stable pseudonym ("Person 1"), so one person's
// prosecution stages still count as one case, and the names found in the
// person fields are withheld wherever else they appear in the text.
type Redactor struct {
	pseudonym map[string]string
	names     *regexp.Regexp // nil when there are no names
}

// NewRedactor returns a Redactor for the given person names. Pseudonyms
// are numbered in alphabetical order of the names, so the same data gives
// the same pseudonyms.
func NewRedactor(persons []string) *Redactor {
	r := &Redactor{pseudonym: map[string]string{}}
	var names []string
	for _, p := range persons {
		p = strings.TrimSpace(p)
		key := strings.ToLower(p)
		if p == "" || r.pseudonym[key] != "" {
			continue
		}
		r.pseudonym[key] = "-"
		names = append(names, p)
	}
	sort.Slice(names, func(i, j int) bool { return strings.ToLower(names[i]) < strings.ToLower(names[j]) })
	for i, n := range names {
		r.pseudonym[strings.ToLower(n)] = fmt.Sprintf("Person %d", i+1)
	}
	if len(names) > 0 {
		// Longest first, so a full name is withheld before a part of it.
		sort.SliceStable(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
		quoted := make([]string, len(names))
		for i, n := range names {
			quoted[i] = regexp.QuoteMeta(n)
		}
		r.names = regexp.MustCompile(`(?i)` + strings.Join(quoted, "|"))
	}
	return r
}

// Text withholds every known name in s. A nil Redactor withholds nothing.
func (r *Redactor) Text(s string) string {
	if r == nil || r.names == nil {
		return s
	}
	return r.names.ReplaceAllString(s, NameWithheld)
}

// Incident returns a copy of inc with its person replaced by a pseudonym
// and names withheld from its summary, notes and source titles. A nil
// Redactor returns inc as it is.
func (r *Redactor) Incident(inc Incident) Incident {
	if r == nil {
		return inc
	}
	if p := strings.TrimSpace(inc.Person); p != "" {
		inc.Person = r.pseudonym[strings.ToLower(p)]
		if inc.Person == "" {
			inc.Person = NameWithheld
		}
	}
	inc.Summary, inc.Notes = r.Text(inc.Summary), r.Text(inc.Notes)
	srcs := make([]Source, len(inc.Sources))
	for i, s := range inc.Sources {
		s.Title = r.Text(s.Title)
		srcs[i] = s
	}
	inc.Sources = srcs
	return inc
}
