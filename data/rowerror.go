package data

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// RowError is a problem with one cell of an input file. Row counts lines of
// records from 1 for the header; Column is the header name. Code is a
// stable key of the problem, such as "ref.duplicate", and Args the values
// that its English Message formats, so that an app can word it in its
// user's language; Code is "" for a problem without one.
type RowError struct {
	File    string
	Row     int
	Column  string
	Message string
	Code    string
	Args    []any
}

// Error formats the problem as file:row:column: message.
func (e *RowError) Error() string {
	loc := e.File
	if e.Row > 0 {
		loc += fmt.Sprintf(":%d", e.Row)
	}
	if e.Column != "" {
		loc += ":" + e.Column
	}
	return loc + ": " + e.Message
}

// Unwrap marks row errors as EINVALID.
func (e *RowError) Unwrap() error { return &Error{Code: EINVALID, Message: e.Message} }

// RowProblems is every problem of one row, in the order of its columns. A
// row source returns it for a row with more than one problem; errors.As
// finds its first *RowError.
type RowProblems []*RowError

// Error lists the problems one per line.
func (p RowProblems) Error() string {
	lines := make([]string, len(p))
	for i, r := range p {
		lines[i] = r.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the problems, so that errors.As and errors.Is see each.
func (p RowProblems) Unwrap() []error {
	out := make([]error, len(p))
	for i, r := range p {
		out[i] = r
	}
	return out
}

// RowErrors is the list of problems found in a file. Import reports it when
// any row is invalid.
type RowErrors struct {
	// List holds the first MaxReported problems by row, whatever order
	// they were found in; the problems of one row keep the order they
	// were added in.
	List  []*RowError
	Total int // how many problems there were in all
}

// MaxReported is how many row errors an import keeps; the rest are counted.
const MaxReported = 200

// Add records a problem. Problems may come in any order of rows: a ref
// used twice is found rows after its first use.
func (e *RowErrors) Add(r *RowError) {
	e.Total++
	at := sort.Search(len(e.List), func(i int) bool { return e.List[i].Row > r.Row })
	if at == MaxReported {
		return
	}
	if len(e.List) == MaxReported {
		e.List = e.List[:MaxReported-1]
	}
	e.List = slices.Insert(e.List, at, r)
}

// Record adds every problem that err holds, a *RowError or the
// RowProblems of a row, and reports whether it held any; an error of any
// other kind, or nil, is not recorded.
func (e *RowErrors) Record(err error) bool {
	var rp RowProblems
	if errors.As(err, &rp) {
		for _, r := range rp {
			e.Add(r)
		}
		return len(rp) > 0
	}
	var re *RowError
	if errors.As(err, &re) {
		e.Add(re)
		return true
	}
	return false
}

// Error lists the problems one per line.
func (e *RowErrors) Error() string {
	lines := make([]string, 0, len(e.List)+1)
	for _, r := range e.List {
		lines = append(lines, r.Error())
	}
	if more := e.Total - len(e.List); more > 0 {
		lines = append(lines, fmt.Sprintf("... and %d more problem(s)", more))
	}
	return strings.Join(lines, "\n")
}

// Unwrap marks the list as EINVALID.
func (e *RowErrors) Unwrap() error {
	return &Error{Code: EINVALID, Message: fmt.Sprintf("%d problem(s) in the file", e.Total)}
}
