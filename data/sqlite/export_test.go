package sqlite

import (
	"errors"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// FailRollbacks makes every ROLLBACK of a write transaction fail without
// ending the transaction, until the returned function is called.
func FailRollbacks() (restore func()) {
	old := rollback
	rollback = func(*sqlite3.SQLiteConn) error { return errors.New("rollback failed (test)") }
	return func() { rollback = old }
}

// SetFewOutletIncidents makes a chart read the outlets of its incidents'
// sources directly when it holds at most n incidents, and ask every
// outlet otherwise, until the returned function is called.
func SetFewOutletIncidents(n int) (restore func()) {
	old := fewOutletIncidents
	fewOutletIncidents = n
	return func() { fewOutletIncidents = old }
}
