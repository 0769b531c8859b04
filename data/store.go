package data

import (
	"context"
	"time"
)

// Stats summarises a database.
type Stats struct {
	Incidents int
	Sources   int
	Areas     map[Area]int // incidents per area
	Kinds     map[Kind]int // incidents per kind
	// First and Last are the month indexes of the earliest and latest
	// incidents; both are 0 in an empty database.
	First, Last int
}

// Sort orders the incidents list.
type Sort struct {
	Column string // one of the IncidentColumns
	Desc   bool
}

// IncidentColumns are the columns the incidents list can be sorted by.
var IncidentColumns = []string{"date", "area", "kind", "stage", "count", "basis", "channel", "summary"}

// IncidentQuery selects a page of incidents.
type IncidentQuery struct {
	Filter Filter // Areas, From, To and Side apply; the family picks the kinds
	Sort   Sort
	Offset int
	Limit  int
}

// ImportResult says what an import changed.
type ImportResult struct {
	Added, Updated int
}

// ImportPreview says what an import would change, without changing
// anything (see Store.Preview).
type ImportPreview struct {
	Added int // incidents with a new ref
	// Changed counts the existing incidents whose row differs from what is
	// stored; Unchanged those whose row repeats it exactly.
	Changed, Unchanged int
	// Changes lists the first MaxPreviewChanges changed incidents in file
	// order, so that a preview of a file of any size stays small.
	Changes []IncidentChange
}

// Rows is the number of rows the import would write.
func (p ImportPreview) Rows() int { return p.Added + p.Changed + p.Unchanged }

// MaxPreviewChanges bounds ImportPreview.Changes.
const MaxPreviewChanges = 200

// IncidentChange is an existing incident that an import would change: its
// ref, the file's row and the columns that differ.
type IncidentChange struct {
	Ref    string
	Row    int // 0 when the source has no row numbers
	Fields []FieldChange
}

// LastImport is the import that Store.UndoImport can take back: the file
// it read, what it changed and when.
type LastImport struct {
	File           string
	Added, Updated int
	At             time.Time
}

// Progress reports how many rows of an import have been handled.
type Progress func(rows int)

// RowSource yields incidents to import one at a time. It returns io.EOF
// after the last one. A *RowError, or the RowProblems of a row, is
// recorded and the rest of the rows are still checked (see
// RowErrors.Record); an error of any other type stops the import.
type RowSource interface {
	Next() (*Incident, error)
}

// Store keeps incidents and answers the chart queries. The SQLite adapter
// implements it; the UI depends only on this interface.
type Store interface {
	// Path is the database file.
	Path() string
	Stats(ctx context.Context) (Stats, error)
	// Chart runs the filter's query and applies the counting rules.
	Chart(ctx context.Context, f Filter) (*Chart, error)
	Incidents(ctx context.Context, q IncidentQuery) ([]Incident, error)
	// Trace returns the incidents that q selects (see Chart.Behind), each
	// with its sources, ordered by month, date and id. When more than
	// MaxTrace match, it returns at most MaxTrace of those dated from
	// q.Own and partial is true.
	Trace(ctx context.Context, q TraceQuery) (incs []Incident, partial bool, err error)
	// Citing returns the incidents that cite the source with id, with
	// their sources, in the order of Trace: at most MaxTrace of them.
	Citing(ctx context.Context, source int64) ([]Incident, error)
	CountIncidents(ctx context.Context, q IncidentQuery) (int, error)
	// Incident returns one incident with its sources.
	Incident(ctx context.Context, id int64) (*Incident, error)
	// ListSources returns one page of the sources that match q's search,
	// each with the number of incidents that cite it, in the order outlet,
	// title, publication date, web address; and how many sources match and
	// exist. It reads only what the page and the counts need, so that it
	// suits databases of any size.
	ListSources(ctx context.Context, q SourceQuery) (SourcePage, error)
	// Outlets lists the distinct outlets of the sources, sorted.
	Outlets(ctx context.Context) ([]string, error)
	// SaveIncident inserts (ID 0) or updates an incident and its sources in
	// one transaction.
	SaveIncident(ctx context.Context, inc *Incident) error
	DeleteIncident(ctx context.Context, id int64) error
	// Import writes every incident of src in one transaction, updating
	// those whose ref exists. If any row is invalid, nothing is written and
	// the error lists the rows.
	Import(ctx context.Context, src RowSource, progress Progress) (ImportResult, error)
	// Preview checks src exactly as Import does and says what it would
	// add and change, field by field, without changing the database.
	Preview(ctx context.Context, src RowSource, progress Progress) (ImportPreview, error)
	// ImportUndoable is Import that first keeps a copy of the database as
	// it was, replacing the copy kept by the import before, so that
	// UndoImport can put it back. file names what is imported.
	ImportUndoable(ctx context.Context, file string, src RowSource, progress Progress) (ImportResult, error)
	// LastImport returns the import that UndoImport would take back, or
	// nil when there is none: no import kept a copy, or the database has
	// changed since.
	LastImport(ctx context.Context) (*LastImport, error)
	// UndoImport puts back the database as it was before the last
	// import, in one step, and discards the copy.
	UndoImport(ctx context.Context) error
	Close() error
}

// SourceUse is a source and the number of incidents that cite it.
type SourceUse struct {
	Source
	Incidents int
}

// SourceQuery selects a page of the sources list.
type SourceQuery struct {
	// Search keeps the sources whose outlet, title or author contains it,
	// ignoring case in every script (see SourceSearch); blank keeps them
	// all.
	Search string
	Offset int
	Limit  int // at most this many sources; 0 means 100
}

// SourcePage is one page of the sources list and the size of the list.
type SourcePage struct {
	Sources []SourceUse // the page, in list order
	Matched int         // sources that match the search, on every page
	Total   int         // sources in the database
}
