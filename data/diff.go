package data

import (
	"strconv"
	"strings"
)

// FieldChange is one column of an incident that an import would change,
// with the stored value and the new one as the CSV format writes them.
type FieldChange struct {
	Column   string // the CSV column, e.g. "count" or "source_url"
	Old, New string
}

// Changes compares a stored incident with the one an import would write
// in its place and returns the columns that differ, in the order of the
// CSV format. Sources are compared column by column, several sources
// joined by " | ". A source author left blank in the new incident keeps
// the recorded one (as an import does), so it is no change.
func Changes(stored, next *Incident) []FieldChange {
	var out []FieldChange
	add := func(column, old, new string) {
		if old != new {
			out = append(out, FieldChange{Column: column, Old: old, New: new})
		}
	}
	add("date", stored.Date.String(), next.Date.String())
	add("area", string(stored.Area), string(next.Area))
	add("kind", string(stored.Kind), string(next.Kind))
	add("stage", string(stored.Stage), string(next.Stage))
	add("count", countText(stored.Count), countText(next.Count))
	add("basis", string(stored.Basis), string(next.Basis))
	add("channel", string(stored.Channel), string(next.Channel))
	add("side", string(stored.Side), string(next.Side))
	add("group", string(stored.Group), string(next.Group))
	add("person", stored.Person, next.Person)
	add("summary", stored.Summary, next.Summary)
	sources := func(column string, get func(Source) string) {
		add(column, joinSources(stored.Sources, get), joinSources(next.Sources, get))
	}
	sources("source_outlet", func(s Source) string { return s.Outlet })
	sources("source_title", func(s Source) string { return s.Title })
	authors := make([]Source, len(next.Sources))
	for i, s := range next.Sources {
		if s.Author == "" && i < len(stored.Sources) {
			s.Author = stored.Sources[i].Author
		}
		authors[i] = s
	}
	add("source_author", joinSources(stored.Sources, sourceAuthor), joinSources(authors, sourceAuthor))
	sources("source_date", func(s Source) string {
		if s.Published.IsZero() {
			return ""
		}
		return s.Published.String()
	})
	sources("source_url", func(s Source) string { return s.URL })
	sources("cited_as", func(s Source) string { return s.CitedAs })
	add("notes", stored.Notes, next.Notes)
	add("headline", stored.Headline, next.Headline)
	return out
}

func sourceAuthor(s Source) string { return s.Author }

// countText writes a count as the CSV format does: blank when unknown.
func countText(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

// joinSources joins one column of several sources with " | ", or returns
// "" when that column is blank in all of them.
func joinSources(sources []Source, get func(Source) string) string {
	parts := make([]string, len(sources))
	empty := true
	for i, s := range sources {
		parts[i] = get(s)
		empty = empty && parts[i] == ""
	}
	if empty {
		return ""
	}
	return strings.Join(parts, " | ")
}
