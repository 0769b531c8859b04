// Package redact leaves personal names out of what users share. The person
// of each incident becomes a stable pseudonym ("Person 1"), one per person
// as prosecution cases count them (data.PersonKey), so counts do not
// change; the names of those people, and each part of them, are withheld
// wherever else they appear: summaries, notes, refs and every field of the
// sources, URLs included.
//
// What is withheld:
//   - a whole name, whatever its case, its Unicode form (composed or
//     decomposed accents, compatibility characters), accents themselves
//     ("Jose" for "José") and the white space between its parts (several
//     spaces, no-break spaces, line breaks) or a hyphen;
//   - each part of a name of three letters or more on its own ("Petrov",
//     "Kubanychbek"), except the particles listed in particles ("uulu",
//     "kyzy", "ogly", "van", "de" and the like), which are withheld only
//     next to a part that is;
//   - a part of two letters or fewer ("Li" in "Li Na") and the initial of
//     any part ("I." in "I. Petrov") only within the whole name or next to
//     a longer part;
//   - the case forms of Cyrillic parts of four letters or more: the part,
//     or the part without its last one or two vowels, "й" or "ь", followed
//     by up to three Cyrillic letters ("Петрова", "Петровым", "Анну",
//     "Алмаздын", "Кубанычбекке").
//
// Names are matched as whole words only: "Ali" withholds "Ali" and "ALI"
// but not "Mali" or "Alice". Not caught: a name written in another script
// than in the person column (a Latin transliteration of a Cyrillic name),
// a different spelling or a nickname, and Latin-script parts with endings
// of their own ("Petrovs").
package redact

import (
	"cmp"
	"crypto/sha256"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"catracker/data"
)

// NameWithheld replaces a personal name in shared text.
const NameWithheld = "[name withheld]"

// slugWithheld replaces a personal name in a URL, where NameWithheld would
// need escaping.
const slugWithheld = "name-withheld"

// particles are words that are part of many names and identify nobody on
// their own: patronymic and filial particles (Kyrgyz "uulu", "kyzy",
// Turkic "ogly", "uly", Uzbek "ugli", "qizi") and name prepositions and
// articles. They are withheld only next to a name part.
var particles = map[string]bool{
	"uulu": true, "kyzy": true, "kizi": true, "qizi": true, "ogly": true, "oglu": true, "ugli": true,
	"uly": true, "ulu": true, "bin": true, "ibn": true, "bint": true, "binti": true,
	"van": true, "von": true, "der": true, "den": true, "del": true, "della": true, "dos": true, "das": true,
	"уулу": true, "кызы": true, "кизи": true, "оглы": true, "угли": true, "улы": true, "ұлы": true,
	"қызы": true, "ибн": true, "бин": true,
}

// minLetters is the shortest name part withheld on its own.
const minLetters = 3

// Cyrillic case forms: a part of at least cyrMinLen letters, or its stem
// without up to two final soft letters (at least minLetters long),
// followed by at most cyrMaxEnding letters.
const (
	cyrMinLen    = 4
	cyrMaxEnding = 3
	cyrSoft      = "аеиоуыэюяь" // in matching form, where "й" is "и" and "ё" is "е"
)

// role is what a word of a text is to the names being withheld.
type role uint8

const (
	notName role = iota
	initial      // the initial of a name part: a minor part when a full stop follows it
	minorPart
	namePart
)

// part is a known name word: its role and the pseudonym number of the one
// person whose name has it, or 0 when several people share it.
type part struct {
	role   role
	person int
}

// Redactor leaves personal names out of incidents, sources and charts.
// Use one Redactor from one goroutine at a time.
type Redactor struct {
	pseudonym map[string]string // data.PersonKey -> "Person N"
	parts     map[string]part   // name word in matching form -> its role and person
	stems     map[string]int    // Cyrillic stems -> person number, 0 when shared
	whole     map[string]int    // names of short parts only, words joined by a space -> person
	refs      map[string]string // ref -> its planned neutral replacement
}

// New returns a Redactor for the people named in persons (the distinct
// values of the person column) and the incidents' refs.
//
// Pseudonyms are numbered in the order of a hash of each person's key, so
// the same people get the same pseudonyms in every export and the numbers
// say nothing about the alphabetical order of the names.
//
// refs are the refs of every incident that will be redacted: a ref that
// contains a name part gets a neutral replacement with the name replaced
// ("kg-kubanychbek-sentence-2023" becomes "kg-person-1-sentence-2023"),
// unique among them all, with "-2", "-3" added when needed. A ref not
// given here is still stripped of names, without that guarantee.
func New(persons, refs []string) *Redactor {
	r := &Redactor{pseudonym: map[string]string{}, parts: map[string]part{}, stems: map[string]int{},
		whole: map[string]int{}, refs: map[string]string{}}
	var keys []string
	for _, p := range persons {
		if k := data.PersonKey(p); k != "" && r.pseudonym[k] == "" {
			r.pseudonym[k] = "-"
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b string) int {
		ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
		return cmp.Or(slices.Compare(ha[:], hb[:]), strings.Compare(a, b))
	})
	for i, k := range keys {
		r.pseudonym[k] = fmt.Sprintf("Person %d", i+1)
		r.addName(fold(k).s, i+1)
	}
	r.planRefs(refs)
	return r
}

// addName records the words of one person's name in matching form.
func (r *Redactor) addName(name string, person int) {
	ws := wordList(name)
	short := true
	for _, w := range ws {
		ro := namePart
		if particles[w] || utf8.RuneCountInString(w) < minLetters {
			ro = minorPart
		} else {
			short = false
		}
		r.parts[w] = merge(r.parts[w], part{ro, person})
		first, _ := utf8.DecodeRuneInString(w)
		r.parts[string(first)] = merge(r.parts[string(first)], part{initial, person})
		if ro == namePart && cyrillic(w) && utf8.RuneCountInString(w) >= cyrMinLen {
			r.addStem(w, person)
			stem := []rune(w)
			for i := 0; i < 2 && strings.ContainsRune(cyrSoft, stem[len(stem)-1]); i++ {
				stem = stem[:len(stem)-1]
				if len(stem) >= minLetters {
					r.addStem(string(stem), person)
				}
			}
		}
	}
	if short && len(ws) > 0 {
		key := strings.Join(ws, " ")
		if p, ok := r.whole[key]; ok && p != person {
			person = 0
		}
		r.whole[key] = person
	}
}

func (r *Redactor) addStem(stem string, person int) {
	if p, ok := r.stems[stem]; ok && p != person {
		person = 0
	}
	r.stems[stem] = person
}

// merge combines two people's use of one word: the stronger role, and no
// single person when they differ.
func merge(old, p part) part {
	if old.role == notName {
		return p
	}
	if old.person != p.person {
		p.person = 0
	}
	p.role = max(p.role, old.role)
	return p
}

// classify returns what word w, in matching form, is to the names.
func (r *Redactor) classify(w string) part {
	if p, ok := r.parts[w]; ok {
		return p
	}
	if !cyrillic(w) {
		return part{}
	}
	rs := []rune(w)
	for k := 1; k <= cyrMaxEnding && len(rs)-k >= minLetters; k++ {
		if p, ok := r.stems[string(rs[:len(rs)-k])]; ok {
			return part{namePart, p}
		}
	}
	return part{}
}

// span is a name found in a folded text: its byte range there and the
// pseudonym number of its person, 0 when not known to be one person.
type span struct {
	start, end int
	person     int
}

// find returns the names in folded text s: runs of name words joined as
// j says that contain a part withheld on its own or a whole name.
func (r *Redactor) find(s string, j joins) []span {
	ws := words(s)
	classify := func(w word) part {
		p := r.classify(s[w.start:w.end])
		if p.role == initial {
			if !strings.HasPrefix(s[w.end:], ".") {
				return part{}
			}
			p.role = minorPart
		}
		return p
	}
	var out []span
	for i := 0; i < len(ws); i++ {
		first := classify(ws[i])
		if first.role == notName {
			continue
		}
		run := []part{first}
		k := i
		for k+1 < len(ws) && j(s[ws[k].end:ws[k+1].start]) {
			p := classify(ws[k+1])
			if p.role == notName {
				break
			}
			run = append(run, p)
			k++
		}
		if person, ok := r.withheld(s, ws[i:k+1], run); ok {
			out = append(out, span{ws[i].start, ws[k].end, person})
		}
		i = k
	}
	return out
}

// withheld reports whether a run of name words is withheld, and whose
// name it is: one with a part withheld on its own, or a whole name made
// of short parts.
func (r *Redactor) withheld(s string, ws []word, run []part) (person int, ok bool) {
	person = -1
	for _, p := range run {
		if p.role != namePart {
			continue
		}
		if person >= 0 && person != p.person {
			p.person = 0
		}
		person, ok = p.person, true
	}
	if ok {
		return person, true
	}
	for a := range ws {
		for b := a; b < len(ws) && b < a+8; b++ {
			words := make([]string, 0, b-a+1)
			for _, w := range ws[a : b+1] {
				words = append(words, s[w.start:w.end])
			}
			if p, found := r.whole[strings.Join(words, " ")]; found {
				return p, true
			}
		}
	}
	return 0, false
}

// replace withholds the names in s, as j joins their words, with what
// with returns for each name's person.
func (r *Redactor) replace(s string, j joins, with func(person int) string) string {
	if r == nil || len(r.parts) == 0 || s == "" {
		return s
	}
	f := fold(s)
	spans := r.find(f.s, j)
	if len(spans) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		start, end := f.from[sp.start], f.to[sp.end-1]
		if start < last { // two names in one segment: already withheld
			start = last
		}
		b.WriteString(s[last:start])
		b.WriteString(with(sp.person))
		last = end
	}
	b.WriteString(s[last:])
	return b.String()
}

// Text withholds every known name in s. A nil Redactor withholds nothing.
func (r *Redactor) Text(s string) string {
	return r.replace(s, textJoins, func(int) string { return NameWithheld })
}

// URL withholds the names in the host and the path, query and fragment
// segments of u, percent-decoded and with words joined as in slugs:
// "https://kloop.kg/2023/askar-kubanychbek-uulu-freed" becomes
// "https://kloop.kg/2023/name-withheld-freed". A segment without names is
// kept as it was.
func (r *Redactor) URL(u string) string {
	if r == nil || len(r.parts) == 0 {
		return u
	}
	var b strings.Builder
	for u != "" {
		i := strings.IndexAny(u, "/?#&=;:@")
		if i < 0 {
			i = len(u)
		}
		seg := u[:i]
		dec, err := url.PathUnescape(seg)
		if err != nil {
			dec = seg
		}
		if out := r.replace(dec, slugJoins, func(int) string { return slugWithheld }); out != dec {
			seg = url.PathEscape(out)
		}
		b.WriteString(seg)
		if i < len(u) {
			b.WriteByte(u[i])
			i++
		}
		u = u[i:]
	}
	return b.String()
}

// Person returns the pseudonym of the person named p, blank for a blank
// p, and NameWithheld for a person the Redactor was not told about.
func (r *Redactor) Person(p string) string {
	k := data.PersonKey(p)
	if r == nil || k == "" {
		return p
	}
	if ps := r.pseudonym[k]; ps != "" {
		return ps
	}
	return NameWithheld
}

// ref returns ref with the names in it replaced by "person-N", or
// "person" when the name part is shared by several people.
func (r *Redactor) ref(ref string) string {
	if planned, ok := r.refs[ref]; ok {
		return planned
	}
	return r.replace(ref, slugJoins, refPerson)
}

func refPerson(person int) string {
	if person == 0 {
		return "person"
	}
	return fmt.Sprintf("person-%d", person)
}

// planRefs decides the neutral replacements of the refs that name
// someone, unique among all refs: in the order of the original refs,
// each takes its replacement, or the replacement followed by "-2", "-3"
// and so on when that is taken.
func (r *Redactor) planRefs(refs []string) {
	taken := map[string]bool{}
	var named []string
	for _, ref := range refs {
		if r.replace(ref, slugJoins, refPerson) == ref {
			taken[ref] = true
		} else {
			named = append(named, ref)
		}
	}
	slices.Sort(named)
	for _, ref := range slices.Compact(named) {
		base := r.replace(ref, slugJoins, refPerson)
		if len(base) > data.MaxRefLen-8 {
			base = "person-case"
		}
		c := base
		for n := 2; taken[c]; n++ {
			c = fmt.Sprintf("%s-%d", base, n)
		}
		taken[c] = true
		r.refs[ref] = c
	}
}

// Incident returns a copy of inc with its person replaced by a pseudonym
// and names withheld from its ref, summary, notes, headline and every
// field of its sources. A nil Redactor returns inc as it is.
func (r *Redactor) Incident(inc data.Incident) data.Incident {
	if r == nil {
		return inc
	}
	inc.Ref = r.ref(inc.Ref)
	inc.Person = r.Person(inc.Person)
	inc.Summary, inc.Notes = r.Text(inc.Summary), r.Text(inc.Notes)
	inc.Headline = r.Text(inc.Headline)
	srcs := make([]data.Source, len(inc.Sources))
	for i, s := range inc.Sources {
		srcs[i] = r.Source(s)
	}
	inc.Sources = srcs
	return inc
}

// Source returns s with names withheld from its outlet, title, author,
// URL and what it cites.
func (r *Redactor) Source(s data.Source) data.Source {
	s.Outlet, s.Title, s.Author, s.CitedAs = r.Text(s.Outlet), r.Text(s.Title), r.Text(s.Author), r.Text(s.CitedAs)
	s.URL = r.URL(s.URL)
	return s
}

// Chart returns a copy of c with names withheld from the texts it draws:
// the outlets of its footer, the summaries of its timeline reports, the
// labels of its series and estimates, and the headlines and refs of its
// events. A nil Redactor returns c.
func (r *Redactor) Chart(c *data.Chart) *data.Chart {
	if r == nil || c == nil {
		return c
	}
	out := *c
	out.Outlets = nil
	for _, o := range c.Outlets {
		if o = r.Text(o); !slices.Contains(out.Outlets, o) {
			out.Outlets = append(out.Outlets, o)
		}
	}
	out.Points = slices.Clone(c.Points)
	for i := range out.Points {
		out.Points[i].Summary = r.Text(out.Points[i].Summary)
	}
	out.Series = slices.Clone(c.Series)
	for i := range out.Series {
		out.Series[i].Label = r.Text(out.Series[i].Label)
	}
	out.Estimates = slices.Clone(c.Estimates)
	for i := range out.Estimates {
		out.Estimates[i].Label = r.Text(out.Estimates[i].Label)
	}
	out.Events = slices.Clone(c.Events)
	for i := range out.Events {
		out.Events[i].Headline = r.Text(out.Events[i].Headline)
		out.Events[i].Ref = r.ref(out.Events[i].Ref)
	}
	return &out
}
