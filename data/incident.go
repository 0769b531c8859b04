package data

import (
	"strings"
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
// what it cites.
func (s Source) Citation() string {
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
		c += " (citing " + s.CitedAs + ")"
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
}

// Limits on text fields, so that one bad cell cannot bloat the database.
const (
	MaxRefLen  = 200
	MaxTextLen = 20000
)

// FieldError is a validation problem with one field of an incident. Field is
// the CSV column name.
type FieldError struct {
	Field   string
	Message string
}

// Error implements the error interface.
func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

// Validate checks the incident against the rules of the data model and
// returns the first problem as a *FieldError wrapped in an EINVALID *Error.
func (inc *Incident) Validate() error {
	fe := inc.validate()
	if fe == nil {
		return nil
	}
	return &ValidationError{FieldError: *fe}
}

// ValidationError is the EINVALID error returned by Incident.Validate.
type ValidationError struct{ FieldError }

// Error implements the error interface.
func (e *ValidationError) Error() string { return e.FieldError.Error() }

// Unwrap lets errors.As find an *Error with code EINVALID.
func (e *ValidationError) Unwrap() error { return &Error{Code: EINVALID, Message: e.Message} }

func (inc *Incident) validate() *FieldError {
	bad := func(field, msg string) *FieldError { return &FieldError{Field: field, Message: msg} }
	switch {
	case strings.TrimSpace(inc.Ref) == "":
		return bad("ref", "ref is required")
	case len(inc.Ref) > MaxRefLen:
		return bad("ref", "ref is longer than 200 characters")
	case inc.Date.IsZero():
		return bad("date", "date is required")
	case inc.Area == "" || areaNames[inc.Area] == "":
		return bad("area", "area is required")
	case !contains(Kinds, inc.Kind):
		return bad("kind", "kind is required")
	case inc.Count != nil && *inc.Count < 0:
		return bad("count", "count must be 0 or more")
	case !contains(Bases, inc.Basis):
		return bad("basis", "basis must be event, total, at_least or estimate")
	case inc.Group != GroupUnstated && !contains(Groups, inc.Group):
		return bad("group", "group must be "+joinEnum(Groups)+" or blank")
	case inc.Kind == Prosecution && inc.Stage == "":
		return bad("stage", "a prosecution needs a stage ("+joinEnum(Stages)+")")
	case inc.Kind != Prosecution && inc.Stage != "":
		return bad("stage", "stage is only for prosecutions, not for a "+string(inc.Kind))
	case inc.Stage != "" && !contains(Stages, inc.Stage):
		return bad("stage", "unknown stage "+string(inc.Stage))
	case inc.Kind == Recruitment && inc.Channel == "":
		return bad("channel", "a recruitment report needs a channel")
	case inc.Kind != Recruitment && inc.Channel != "":
		return bad("channel", "channel is only for recruitment, not for a "+string(inc.Kind))
	case inc.Side != SideUnknown && !contains(Sides, inc.Side):
		return bad("side", "side must be russia, ukraine or blank")
	case strings.TrimSpace(inc.Summary) == "":
		return bad("summary", "summary is required")
	case len(inc.Sources) == 0:
		return bad("source_outlet", "at least one source is required")
	}
	for field, v := range map[string]string{"summary": inc.Summary, "notes": inc.Notes, "person": inc.Person, "ref": inc.Ref} {
		if !utf8.ValidString(v) {
			return bad(field, "text is not valid UTF-8 (save the file as UTF-8)")
		}
		if len(v) > MaxTextLen {
			return bad(field, "text is longer than 20,000 characters")
		}
		if strings.ContainsRune(v, 0) {
			return bad(field, "text contains a NUL byte")
		}
	}
	for _, s := range inc.Sources {
		if strings.TrimSpace(s.Outlet) == "" {
			return bad("source_outlet", "every source needs an outlet")
		}
		for _, v := range []string{s.Outlet, s.Title, s.Author, s.URL, s.CitedAs} {
			if !utf8.ValidString(v) || strings.ContainsRune(v, 0) || len(v) > MaxTextLen {
				return bad("source_outlet", "source text is not valid UTF-8 or is too long")
			}
		}
	}
	return nil
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
