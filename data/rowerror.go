package data

import (
	"fmt"
	"strings"
)

// RowError is a problem with one cell of an input file. Row counts lines of
// records from 1 for the header; Column is the header name.
type RowError struct {
	File    string
	Row     int
	Column  string
	Message string
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

// RowErrors is the list of problems found in a file. Import reports it when
// any row is invalid.
type RowErrors struct {
	List  []*RowError // the first MaxReported problems
	Total int         // how many problems there were in all
}

// MaxReported is how many row errors an import keeps; the rest are counted.
const MaxReported = 200

// Add records a problem.
func (e *RowErrors) Add(r *RowError) {
	e.Total++
	if len(e.List) < MaxReported {
		e.List = append(e.List, r)
	}
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
