// Package library finds, creates and opens the user's database: the default
// file in the user's data folder, made from the bundled dataset on first use.
// The CLI and the desktop app share it so both see the same data.
package library

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"catracker/data"
	"catracker/data/csvio"
	"catracker/data/dataset"
	"catracker/data/sqlite"
)

// AppDir is the folder name under the user's data folder.
const AppDir = "catracker"

// DefaultPath returns the default database file: catracker.db in the
// user's data folder ($XDG_DATA_HOME or ~/.local/share on Linux, the
// roaming AppData folder on Windows, Application Support on macOS).
func DefaultPath() (string, error) {
	var base string
	switch runtime.GOOS {
	case "windows", "darwin":
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("find the user's data folder: %w", err)
		}
		base = dir
	default:
		if dir := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(dir) {
			base = dir
		} else {
			home, err := os.UserHomeDir()
			if err != nil {
				return "", fmt.Errorf("find the user's data folder: %w", err)
			}
			base = filepath.Join(home, ".local", "share")
		}
	}
	return filepath.Join(base, AppDir, "catracker.db"), nil
}

// Open opens the database at path. An empty path means the default
// database, which is created from the bundled dataset if it does not exist
// yet. Only a default database that genuinely does not exist counts as
// missing: when it cannot be checked (no permission, a disk error), Open
// reports that rather than risk making a new database over it.
func Open(ctx context.Context, path string) (*sqlite.Store, error) {
	if path != "" {
		return sqlite.Open(ctx, path, sqlite.Options{})
	}
	def, err := DefaultPath()
	if err != nil {
		return nil, err
	}
	_, err = os.Stat(def)
	switch {
	case err == nil:
		return sqlite.Open(ctx, def, sqlite.Options{})
	case errors.Is(err, fs.ErrNotExist):
		return Create(ctx, def)
	default:
		return nil, data.Errorf(data.EINVALID, "cannot check the database %s: %v", def, err)
	}
}

// tempPrefix starts the name of the folder in which Create builds a
// database before publishing it; staleAfter is the age after which such
// a folder is taken to be left over from a start that crashed.
const (
	tempPrefix = ".catracker-creating-"
	staleAfter = 10 * time.Minute
)

// Create makes the database at path from the bundled dataset, unless it
// exists already, and returns it open. Several processes may call it at
// once (the app and a script starting together on a fresh account): each
// builds a complete database in a folder of its own beside path, then
// publishes it with a step that fails when path exists (a hard link, or a
// rename under an exclusive lock file where the file system has no hard
// links). The first to publish wins; the others delete their copies and
// open the winner's. A half-made database is never at path, and the
// temporary folder goes on every error; one left by a process that was
// killed is deleted by a later Create once it is old.
func Create(ctx context.Context, path string) (*sqlite.Store, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create the data folder: %w", err)
	}
	removeStale(dir)
	if _, err := os.Stat(path); err == nil {
		return sqlite.Open(ctx, path, sqlite.Options{})
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, data.Errorf(data.EINVALID, "cannot check the database %s: %v", path, err)
	}
	tmpDir, err := os.MkdirTemp(dir, tempPrefix)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	defer os.RemoveAll(tmpDir)
	tmp := filepath.Join(tmpDir, filepath.Base(path))
	if err := build(ctx, tmp); err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	if err := publish(ctx, tmp, path); err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	return sqlite.Open(ctx, path, sqlite.Options{})
}

// build makes a complete database at tmp from the bundled dataset and
// makes sure it is on the disk.
func build(ctx context.Context, tmp string) error {
	// Built in WAL mode, which the file's header keeps after the last
	// connection has closed (leaving the one file): the processes that
	// open it together once it is published then find it in the mode
	// they use, and none has to switch its journal while others read it,
	// which SQLite refuses as busy or fails with an I/O error.
	st, err := sqlite.Open(ctx, tmp, sqlite.Options{Create: true})
	if err != nil {
		return err
	}
	if err := Seed(ctx, st); err != nil {
		st.Close()
		return err
	}
	if err := st.Close(); err != nil {
		return err
	}
	// Only the file is published: everything must be in it.
	if _, err := os.Stat(tmp + "-wal"); err == nil {
		return fmt.Errorf("write %s: its changes are still in the write-ahead log", tmp)
	}
	f, err := os.Open(tmp)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("write %s to the disk: %w", tmp, err)
	}
	return nil
}

// link makes a new name for a file; tests replace it to act as a file
// system without hard links.
var link = os.Link

// publish puts the finished database tmp at path unless a file is there
// already, in which case another process has won and tmp is not used.
func publish(ctx context.Context, tmp, path string) error {
	err := link(tmp, path)
	switch {
	case err == nil:
		syncDir(filepath.Dir(path))
		return nil
	case errors.Is(err, fs.ErrExist):
		return nil
	}
	// No hard links on this file system (as on FAT and some shared
	// ones): a rename under a lock does the same. Should the link have
	// failed for another reason, the rename meets it too and reports it.
	return publishLocked(ctx, tmp, path)
}

// publishLocked is publish for file systems without hard links: an
// exclusive lock file beside path makes checking that path is free and
// renaming tmp to it one step. The lock is held for no longer than that,
// so one older than staleAfter was left by a process that was killed.
func publishLocked(ctx context.Context, tmp, path string) error {
	lock := path + ".lock"
	for {
		f, err := os.OpenFile(lock, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err == nil {
			f.Close()
			defer os.Remove(lock)
			if _, err := os.Stat(path); err == nil {
				return nil
			} else if !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			if err := os.Rename(tmp, path); err != nil {
				return err
			}
			syncDir(filepath.Dir(path))
			return nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("lock %s: %w", path, err)
		}
		if info, err := os.Stat(lock); err == nil && time.Since(info.ModTime()) > staleAfter {
			os.Remove(lock)
			continue
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// syncDir makes a new name in dir durable where the system allows it.
// It is best effort: some systems cannot sync a folder, and the database
// file itself is already on the disk.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// removeStale deletes the temporary folders of Create calls that were
// killed before they could clean up. Folders of Create calls still
// running are young and left alone.
func removeStale(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), tempPrefix) {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > staleAfter {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}

// Seed imports the bundled dataset into st.
func Seed(ctx context.Context, st data.Store) error {
	r, err := csvio.NewReader(dataset.Open(), dataset.Name)
	if err != nil {
		return fmt.Errorf("bundled dataset: %w", err)
	}
	if _, err := st.Import(ctx, r, nil); err != nil {
		var re *data.RowErrors
		if errors.As(err, &re) {
			return fmt.Errorf("the bundled dataset is invalid (a bug in this build): %w", err)
		}
		return fmt.Errorf("load the bundled dataset: %w", err)
	}
	return nil
}
