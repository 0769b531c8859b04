package library

import (
	"errors"
	"os"
)

// WithoutHardLinks makes Create act as on a file system that refuses hard
// links, until the returned function is called.
func WithoutHardLinks() (restore func()) {
	link = func(oldname, newname string) error {
		return &os.LinkError{Op: "link", Old: oldname, New: newname, Err: errors.ErrUnsupported}
	}
	return func() { link = os.Link }
}

// TempPrefix and StaleAfter are tempPrefix and staleAfter, for tests.
const (
	TempPrefix = tempPrefix
	StaleAfter = staleAfter
)
