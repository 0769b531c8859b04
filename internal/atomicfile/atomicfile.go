// Package atomicfile writes files so that a reader never sees a partial one:
// the content goes to a temporary file in the same folder, which is synced
// and then renamed over the target, and the folder is synced after the
// rename. If anything fails, the context is cancelled (Ctrl-C, SIGTERM) or
// the process dies, the target keeps its old content; on every path but
// a hard kill the temporary file is removed.
//
// Only regular files are written: a symbolic link, a folder, a device, a
// named pipe or a socket at the target is refused (see Check), so that
// "--out /dev/null" run as root cannot turn the device into a file.
//
// The new file gets the mode of the file it replaces, or, for a new file,
// 0666 less the user's umask, as any other program's files would. The
// temporary file is created with that mode from the start (os.OpenFile
// with 0666 lets the kernel apply the umask, so no process-wide umask
// call is needed), so a private file is never readable by others while
// it is being written.
package atomicfile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
)

// Problem is why a target cannot be written.
type Problem int

// The problems Check finds.
const (
	SymbolicLink Problem = iota + 1 // the target is a symbolic link
	Folder                          // the target is a folder
	Device                          // the target is a device, such as /dev/null
	NamedPipe                       // the target is a named pipe (FIFO)
	Socket                          // the target is a socket
	Irregular                       // the target is some other file that is not a regular file
	InUse                           // the target is one of the files the caller must keep
)

// TargetError is a target that must not be written. The app turns Problem
// into a message in the user's language; Error is the English one.
type TargetError struct {
	Path    string
	Problem Problem
	// Kept is the file the target is the same as, for InUse.
	Kept string
}

func (e *TargetError) Error() string {
	switch e.Problem {
	case SymbolicLink:
		return fmt.Sprintf("%s is a symbolic link; give the real file's path", e.Path)
	case Folder:
		return fmt.Sprintf("%s is a folder; give the name of a file to write", e.Path)
	case Device:
		return fmt.Sprintf("%s is a device, not a file; give the name of a file to write", e.Path)
	case NamedPipe:
		return fmt.Sprintf("%s is a named pipe, not a file; give the name of a file to write (or - for standard output)", e.Path)
	case Socket:
		return fmt.Sprintf("%s is a socket, not a file; give the name of a file to write", e.Path)
	case InUse:
		if filepath.Clean(e.Kept) == filepath.Clean(e.Path) {
			return fmt.Sprintf("%s is in use by this command and must not be overwritten; choose another file", e.Path)
		}
		return fmt.Sprintf("%s is the same file as %s, which is in use by this command and must not be overwritten; choose another file",
			e.Path, e.Kept)
	default:
		return fmt.Sprintf("%s is not a regular file; give the name of a file to write", e.Path)
	}
}

// Check refuses a target that Write would not write: anything but a
// regular file or a name that does not exist yet, and any of the files in
// keep (such as an open database and its journal files), compared by
// SameFile. A symbolic link is refused even when it points to a regular
// file: renaming over it would replace the link, not the file it names.
// The error is a *TargetError, or the error of Lstat.
func Check(path string, keep ...string) error {
	_, err := inspect(path, keep)
	return err
}

// inspect checks path as Check does and returns its file information, or
// nil if it does not exist.
func inspect(path string, keep []string) (fs.FileInfo, error) {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fi = nil
	case err != nil:
		return nil, fmt.Errorf("cannot write %s: %w", path, err)
	default:
		if p := problem(fi.Mode()); p != 0 {
			return nil, &TargetError{Path: path, Problem: p}
		}
	}
	for _, k := range keep {
		if k != "" && SameFile(path, k) {
			return nil, &TargetError{Path: path, Problem: InUse, Kept: k}
		}
	}
	return fi, nil
}

// problem is why a file of mode m cannot be written, or 0 for a regular
// file.
func problem(m fs.FileMode) Problem {
	switch {
	case m.IsRegular():
		return 0
	case m&fs.ModeSymlink != 0:
		return SymbolicLink
	case m.IsDir():
		return Folder
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return Device
	case m&fs.ModeNamedPipe != 0:
		return NamedPipe
	case m&fs.ModeSocket != 0:
		return Socket
	}
	return Irregular
}

// SameFile reports whether a and b name the same file: the same cleaned
// absolute path, or, when both exist, the same file on disk (a hard link,
// or a path through a symbolically linked folder).
func SameFile(a, b string) bool {
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	if errA == nil && errB == nil && absA == absB {
		return true
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}

// Write calls fill with a writer for path and moves the result into place
// only if fill and every file operation succeed.
func Write(path string, fill func(w io.Writer) error) error {
	return WriteContext(context.Background(), path, fill)
}

// WriteContext is Write that stops when ctx is done: fill's writes fail
// from then on, the temporary file is removed and the target is left as
// it was. It refuses the targets Check refuses, with keep passed on, both
// before it starts and again just before the rename.
func WriteContext(ctx context.Context, path string, fill func(w io.Writer) error, keep ...string) (err error) {
	old, err := inspect(path, keep)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := createTemp(dir, filepath.Base(path), old)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	stopped := func() error {
		return fmt.Errorf("stopped (%v); %s was not written", context.Cause(ctx), path)
	}
	if err := fill(ctxWriter{ctx, tmp}); err != nil {
		if ctx.Err() != nil {
			return stopped()
		}
		return err
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := inspect(path, keep); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return stopped()
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("move %s into place: %w", path, err)
	}
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("%s is written, but its folder could not be synced to disk: %w", path, err)
	}
	return nil
}

// createTemp creates a new, unique temporary file for base in dir. Its
// mode is that of old, the file it will replace, or 0666 less the umask
// for a new file.
func createTemp(dir, base string, old fs.FileInfo) (*os.File, error) {
	perm := fs.FileMode(0o666)
	if old != nil {
		perm = old.Mode().Perm()
	}
	for range 1000 {
		name := filepath.Join(dir, "."+base+"."+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if old != nil {
			// The umask may have taken bits away; the replaced file's mode wins.
			if err := f.Chmod(perm); err != nil {
				f.Close()
				os.Remove(name)
				return nil, err
			}
		}
		return f, nil
	}
	return nil, fmt.Errorf("no unique temporary file name in %s", dir)
}

// syncDir makes a rename in dir durable. It is a variable so that tests
// can see that it is called. Windows cannot sync a folder and needs not:
// there it does nothing; a file system that cannot sync folders (EINVAL)
// is not an error either.
var syncDir = func(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return err
	}
	return nil
}

// ctxWriter fails every write once ctx is done, so that a long fill stops
// at its next write.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
