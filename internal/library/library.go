// Package library finds, creates and opens the user's database: the default
// file in the user's data folder, made from the bundled dataset on first use.
// The CLI and the desktop app share it so both see the same data.
package library

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

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
// yet.
func Open(ctx context.Context, path string) (*sqlite.Store, error) {
	if path != "" {
		return sqlite.Open(ctx, path, sqlite.Options{})
	}
	def, err := DefaultPath()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(def); err == nil {
		return sqlite.Open(ctx, def, sqlite.Options{})
	}
	return Create(ctx, def)
}

// Create makes a new database at path holding the bundled dataset. It
// builds the file under a temporary name and renames it into place, so a
// failure never leaves a half-made database behind.
func Create(ctx context.Context, path string) (*sqlite.Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create the data folder: %w", err)
	}
	tmp := path + ".new"
	os.Remove(tmp)
	st, err := sqlite.Open(ctx, tmp, sqlite.Options{Create: true})
	if err != nil {
		return nil, err
	}
	if err := Seed(ctx, st); err != nil {
		st.Close()
		os.Remove(tmp)
		return nil, err
	}
	if err := st.Close(); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp, path); err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	return sqlite.Open(ctx, path, sqlite.Options{})
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
