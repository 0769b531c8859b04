package atomicfile

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

// noTemp fails if a temporary file is left in dir.
func noTemp(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func problemOf(err error) Problem {
	var te *TargetError
	if errors.As(err, &te) {
		return te.Problem
	}
	return 0
}

// A file named in keep, under any name, is refused.
func TestRefusesAFileToKeep(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	if err := os.WriteFile(db, []byte("database"), 0o644); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.db")
	if err := os.Link(db, hard); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "sub")
	if err := os.Symlink(dir, sub); err != nil {
		t.Fatal(err)
	}
	wal := db + "-wal"
	for _, p := range []string{db, filepath.Join(dir, ".", "t.db"), hard, filepath.Join(sub, "t.db"), wal} {
		err := WriteContext(context.Background(), p, writeString("image"), db, wal)
		if problemOf(err) != InUse {
			t.Errorf("writing %s over the database: %v", p, err)
		}
	}
	if b, _ := os.ReadFile(db); string(b) != "database" {
		t.Errorf("the database now holds %q", b)
	}
	if _, err := os.Stat(wal); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the -wal file was created: %v", err)
	}
	noTemp(t, dir)
}

// The folder is synced after the rename, and only after it.
func TestSyncsTheFolderAfterTheRename(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	var synced []string
	orig := syncDir
	syncDir = func(d string) error {
		if b, err := os.ReadFile(path); err != nil || string(b) != "new" {
			t.Errorf("folder synced before the file was in place (%q, %v)", b, err)
		}
		synced = append(synced, d)
		return orig(d)
	}
	defer func() { syncDir = orig }()
	if err := Write(path, writeString("new")); err != nil {
		t.Fatal(err)
	}
	if len(synced) != 1 || synced[0] != dir {
		t.Errorf("synced folders %v, want [%s]", synced, dir)
	}
}

// A failed fill or a cancelled context leaves the old file and no
// temporary file.
func TestFailureOrCancelKeepsTheOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	if err := Write(path, func(w io.Writer) error {
		io.WriteString(w, "partial")
		return boom
	}); !errors.Is(err, boom) {
		t.Errorf("Write = %v, want the fill's error", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	err := WriteContext(ctx, path, func(w io.Writer) error {
		io.WriteString(w, "partial")
		cancel()
		_, err := io.WriteString(w, "more")
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "was not written") {
		t.Errorf("cancelled write = %v", err)
	}
	// A fill that ignores the context is not moved into place either.
	ctx, cancel = context.WithCancel(context.Background())
	err = WriteContext(ctx, path, func(io.Writer) error { cancel(); return nil })
	if err == nil {
		t.Error("a write cancelled after its fill was moved into place")
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("the file now holds %q", b)
	}
	noTemp(t, dir)
}
