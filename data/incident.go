package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Source is one published report of an incident.
type Source struct {
	ID        int64
	Outlet    string // publication, e.g. "The Diplomat"; required
	Title     string
	Author    string
	Published Date // zero when unknown
	URL       string
	CitedAs   string // the outlet the article itself cites, e.g. "Radio Azattyk, 2022-06-15"
}

// Citation formats the source for a reader: outlet, author, title, date and
// what it cites, in English.
func (s Source) Citation() string { return s.CitationCiting(" (citing %s)") }

// CitationCiting formats the source as Citation does, saying what it cites
// with citing, a format with one %s (" (citing %s)" in English), so that
// the presentation layer can give it in the reader's language.
func (s Source) CitationCiting(citing string) string {
	parts := []string{s.Outlet}
	if s.Author != "" {
		parts = append(parts, s.Author)
	}
	if s.Title != "" {
		parts = append(parts, "“"+s.Title+"”")
	}
	if !s.Published.IsZero() {
		parts = append(parts, s.Published.String())
	}
	c := strings.Join(parts, ", ")
	if s.CitedAs != "" {
		c += fmt.Sprintf(citing, s.CitedAs)
	}
	if s.URL != "" {
		c += ". " + s.URL
	}
	return c
}

// Incident is one real-world event. Several sources may report it; it stays
// one incident so that it is counted once.
type Incident struct {
	ID      int64
	Ref     string // stable unique id; importing the same ref updates the incident
	Date    Date
	Area    Area
	Kind    Kind
	Stage   Stage // prosecutions only
	Count   *int  // nil when unknown
	Basis   Basis
	Channel Channel // recruitment only
	Side    Side
	Group   Group  // whom the count is about; blank when the source does not say
	Person  string // optional; one person's prosecution stages are one case
	Summary string
	Notes   string
	Sources []Source
	// Headline is an optional short label, one line of at most
	// MaxHeadlineLen characters (about 40 reads best), that time charts
	// draw at the date of a policy or warning: "Partial mobilisation in
	// Russia".
	Headline string
}

// Limits on text fields, so that one bad cell cannot bloat the database.
const (
	MaxRefLen  = 200
	MaxTextLen = 20000
	// MaxHeadlineLen is the most characters a headline may have. About
	// 40 is what a label on a chart can hold without crowding; the limit
	// leaves room for a language whose words are longer.
	MaxHeadlineLen = 60
)

// MaxCount is the largest count of people an incident may give: ten
// million, about the population of Tajikistan and far beyond any figure
// the sources report, so that it refuses only mistakes and hostile files.
// Bounding every count is what keeps the sums of the charts from
// overflowing. The chart queries read every stored count as at most
// MaxCount (a database written by an older version or by another tool may
// hold larger ones), so a sum over n incidents is at most n × 10^7: even
// 10^11 incidents sum to 10^18, below the 9.2 × 10^18 of a 64-bit integer.
const MaxCount = 10_000_000

// Clock gives the current time. Validation refuses dates after the day it
// falls on; tests replace it to fix that day.
var Clock = time.Now

// FieldError is a validation problem with one field of an incident. Field is
// the CSV column name. Code is a stable key of the problem, such as
// "ref.required" or "date.future", and Args the values that its English
// Message formats, so that an app can word it in its user's language.
type FieldError struct {
	Field   string
	Message string
	Code    string
	Args    []any
}

// Error implements the error interface.
func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

// Validate checks the incident against the rules of the data model and
// returns its first problem (see Problems) as a *ValidationError, whose
// code is EINVALID.
func (inc *Incident) Validate() error {
	p := inc.Problems()
	if len(p) == 0 {
		return nil
	}
	return &ValidationError{FieldError: p[0]}
}

// ValidationError is the EINVALID error returned by Incident.Validate.
type ValidationError struct{ FieldError }

// Error implements the error interface.
func (e *ValidationError) Error() string { return e.FieldError.Error() }

// Unwrap lets errors.As find an *Error with code EINVALID.
func (e *ValidationError) Unwrap() error { return &Error{Code: EINVALID, Message: e.Message} }

// Problems checks the incident against the rules of the data model and
// returns every problem, in the order of the CSV columns (see
// csvio.Columns) and, within a column, always in the same order. It
// returns nil for a valid incident. A rule that relates two fields is
// checked only when the field it depends on is valid, so that one mistake
// gives one message.
func (inc *Incident) Problems() []FieldError {
	v := &validation{inc: inc, today: Clock(), kindOK: contains(Kinds, inc.Kind),
		areaOK: inc.Area != "" && areaNames[inc.Area] != ""}
	for _, check := range columnChecks {
		check(v)
	}
	return v.problems
}

// validation is one run of Problems: the incident, what its checks share
// and the problems found so far.
type validation struct {
	inc            *Incident
	today          time.Time
	kindOK, areaOK bool // the kind and area are known ones
	problems       []FieldError
}

// bad records a problem of a field: its code, and its English message
// that format and args make.
func (v *validation) bad(field, code, format string, args ...any) {
	v.problems = append(v.problems, FieldError{Field: field, Message: fmt.Sprintf(format, args...), Code: code, Args: args})
}

// badFunc records a problem of a field (see validation.bad).
type badFunc func(field, code, format string, args ...any)

// columnChecks are the checks of Problems, one a column in the order of
// the CSV columns, each giving its column's problems in a fixed order.
var columnChecks = []func(v *validation){
	(*validation).ref, (*validation).date, (*validation).area, (*validation).kind, (*validation).stage,
	(*validation).count, (*validation).basis, (*validation).channel, (*validation).side, (*validation).group,
	(*validation).person, (*validation).summary, (*validation).sources, (*validation).notes, (*validation).headline,
}

func (v *validation) ref() {
	switch ref := v.inc.Ref; {
	case strings.TrimSpace(ref) == "":
		v.bad("ref", "ref.required", "ref is required")
	case len(ref) > MaxRefLen:
		v.bad("ref", "ref.tooLong", "ref is longer than %d characters", MaxRefLen)
	default:
		checkText(v.bad, "ref", ref)
	}
}

func (v *validation) date() {
	switch d := v.inc.Date; {
	case d.IsZero():
		v.bad("date", "date.required", "date is required")
	case d.after(v.today):
		v.bad("date", "date.future", "date %s is in the future (today is %s); give the date the incident happened",
			d.String(), v.today.Format(time.DateOnly))
	}
}

func (v *validation) area() {
	switch inc := v.inc; {
	case !v.areaOK:
		v.bad("area", "area.required", "area is required")
	case inc.Area == RU && v.kindOK && countsPeople(inc.Kind):
		v.bad("area", "area.ruPeople", "RU is for Russian measures that concern every country (laws, decrees, recruitment), "+
			"not for a %s: put figures about Central Asians in Russia under their country, or under CA when the "+
			"source does not say which country", string(inc.Kind))
	}
}

func (v *validation) kind() {
	if !v.kindOK {
		v.bad("kind", "kind.required", "kind is required")
	}
}

func (v *validation) stage() {
	switch inc := v.inc; {
	case v.kindOK && inc.Kind == Prosecution && inc.Stage == "":
		v.bad("stage", "stage.required", "a prosecution needs a stage (%s)", joinEnum(Stages))
	case v.kindOK && inc.Kind != Prosecution && inc.Stage != "":
		v.bad("stage", "stage.notProsecution", "stage is only for prosecutions, not for a %s", string(inc.Kind))
	case inc.Stage != "" && !contains(Stages, inc.Stage):
		v.bad("stage", "stage.unknown", "unknown stage %s", string(inc.Stage))
	}
}

func (v *validation) count() {
	switch inc := v.inc; {
	case inc.Count != nil && *inc.Count < 0:
		v.bad("count", "count.negative", "count must be 0 or more")
	case inc.Count != nil && *inc.Count > MaxCount:
		e := CountTooLarge(strconv.Itoa(*inc.Count))
		v.bad("count", e.Reason, countTooLarge, e.Args...)
	case inc.Count == nil && inc.Basis != Event && contains(Bases, inc.Basis):
		v.bad("count", "count.needed", "basis %s needs a count: a running total, a lower bound or an estimate is a number; "+
			"for a report without one, use basis event and leave count blank", string(inc.Basis))
	}
}

func (v *validation) basis() {
	if !contains(Bases, v.inc.Basis) {
		v.bad("basis", "basis.unknown", "basis must be event, total, at_least or estimate")
	}
}

func (v *validation) channel() {
	switch inc := v.inc; {
	case v.kindOK && inc.Kind == Recruitment && inc.Channel == "":
		v.bad("channel", "channel.required", "a recruitment report needs a channel")
	case v.kindOK && inc.Kind != Recruitment && inc.Channel != "":
		v.bad("channel", "channel.notRecruitment", "channel is only for recruitment, not for a %s", string(inc.Kind))
	}
}

func (v *validation) side() {
	if s := v.inc.Side; s != SideUnknown && !contains(Sides, s) {
		v.bad("side", "side.unknown", "side must be russia, ukraine or blank")
	}
}

func (v *validation) group() {
	if g := v.inc.Group; g != GroupUnstated && !contains(Groups, g) {
		v.bad("group", "group.unknown", "group must be %s or blank", joinEnum(Groups))
	}
}

func (v *validation) person() { checkText(v.bad, "person", v.inc.Person) }

func (v *validation) summary() {
	if strings.TrimSpace(v.inc.Summary) == "" {
		v.bad("summary", "summary.required", "summary is required")
	}
	checkText(v.bad, "summary", v.inc.Summary)
}

func (v *validation) sources() { v.inc.sourceProblems(v.bad, v.today) }

func (v *validation) notes() { checkText(v.bad, "notes", v.inc.Notes) }

func (v *validation) headline() {
	switch h := v.inc.Headline; {
	case !utf8.ValidString(h):
		v.bad("headline", "text.utf8", msgNotUTF8)
	case strings.IndexFunc(h, unicode.IsControl) >= 0:
		v.bad("headline", "headline.oneLine", "a headline is one line: take out the line breaks, tabs and other control characters")
	case utf8.RuneCountInString(h) > MaxHeadlineLen:
		v.bad("headline", "headline.tooLong", "a headline is a short label of at most %d characters (about 40 reads best); "+
			"this one has %d: shorten it and keep the detail in the summary", MaxHeadlineLen, utf8.RuneCountInString(h))
	}
}

// msgNotUTF8 is the problem of a text that is not UTF-8.
const msgNotUTF8 = "text is not valid UTF-8 (save the file as UTF-8)"

// sourceProblems checks the sources, in the order of the source columns.
func (inc *Incident) sourceProblems(bad badFunc, today time.Time) {
	if len(inc.Sources) == 0 {
		bad("source_outlet", "source.required", "at least one source is required")
	}
	for _, s := range inc.Sources {
		if strings.TrimSpace(s.Outlet) == "" {
			bad("source_outlet", "source.noOutlet", "every source needs an outlet")
			break
		}
	}
	for i, s := range inc.Sources {
		// The store knows a source by its outlet, title, date and web
		// address: a second one alike would be stored once, and its
		// citation lost.
		for j, t := range inc.Sources[:i] {
			if s.Outlet == t.Outlet && s.Title == t.Title && s.Published == t.Published && s.URL == t.URL {
				bad("source_outlet", "source.repeated", "source %d repeats source %d; list it once and put both citations in cited_as",
					i+1, j+1)
				break
			}
		}
	}
	for _, s := range inc.Sources {
		if code, _ := textProblem(s.Outlet, s.Title, s.Author, s.URL, s.CitedAs); code != "" {
			bad("source_outlet", "source.text", "source text is not valid UTF-8 or is too long")
			break
		}
	}
	for i, s := range inc.Sources {
		inc.sourceDate(bad, i, s.Published, today)
	}
}

// sourceDate checks the date of source i, which the problem names as
// "the source" when it is the only one.
func (inc *Incident) sourceDate(bad badFunc, i int, published Date, today time.Time) {
	one := len(inc.Sources) == 1
	switch {
	case published.IsZero():
	case published.after(today) && one:
		bad("source_date", "source.future", "the source is dated %s, in the future (today is %s)", published.String(),
			today.Format(time.DateOnly))
	case published.after(today):
		bad("source_date", "source.futureN", "source %d is dated %s, in the future (today is %s)", i+1,
			published.String(), today.Format(time.DateOnly))
	case inc.Date.IsZero() || !published.End().Before(inc.Date.start()):
	case one:
		bad("source_date", "source.beforeIncident", "the source was published %s, before the incident (%s); check both dates",
			published.String(), inc.Date.String())
	default:
		bad("source_date", "source.beforeIncidentN", "source %d was published %s, before the incident (%s); check both dates",
			i+1, published.String(), inc.Date.String())
	}
}

// countsPeople reports whether incidents of kind k count Central Asians
// affected (deaths, prosecutions, captures), which RU, the area of
// Russian measures, cannot hold: no chart would show them.
func countsPeople(k Kind) bool { return k == Death || k == Prosecution || k == Captured }

// checkText reports a text field that is not UTF-8, too long or holds a
// NUL byte.
func checkText(bad badFunc, field, v string) {
	if code, msg := textProblem(v); code != "" {
		bad(field, code, msg)
	}
}

// textProblem gives the code and message of what is wrong with the first
// bad text of vs, or returns "" twice.
func textProblem(vs ...string) (code, msg string) {
	for _, v := range vs {
		switch {
		case !utf8.ValidString(v):
			return "text.utf8", msgNotUTF8
		case len(v) > MaxTextLen:
			return "text.tooLong", "text is longer than 20,000 characters"
		case strings.ContainsRune(v, 0):
			return "text.nul", "text contains a NUL byte"
		}
	}
	return "", ""
}

// start is the first day d can mean.
func (d Date) start() time.Time {
	return time.Date(d.Year, time.Month(max(d.Month, 1)), max(d.Day, 1), 0, 0, 0, 0, time.UTC)
}

// after reports whether d begins after the day of now, in now's time
// zone: a date known to a month or a year may be the current one.
func (d Date) after(now time.Time) bool {
	y, m, day := now.Date()
	return d.start().After(time.Date(y, m, day, 0, 0, 0, 0, time.UTC))
}

// countTooLarge is the English problem of a count above MaxCount.
const countTooLarge = "count %s is more than %s, the largest number of people an incident may give; check the figure"

// CountTooLarge is the problem of a count above MaxCount, written as
// given: a file may hold one too large even to read as a number. Its
// reason is "count.tooLarge".
func CountTooLarge(count string) *Error {
	return Invalid("count.tooLarge", countTooLarge, count, groupThousands(MaxCount))
}

// groupThousands writes n with commas between groups of three digits.
func groupThousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func contains[T comparable](all []T, v T) bool {
	for _, x := range all {
		if x == v {
			return true
		}
	}
	return false
}

func joinEnum[T ~string](all []T) string {
	s := make([]string, len(all))
	for i, v := range all {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}
