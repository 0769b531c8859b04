package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"golang.org/x/term"

	"catracker/data"
	"catracker/internal/atomicfile"
)

// Every command that takes --out goes through checkOut before it starts
// and writeOut to write: "-" is standard output, anything else a regular
// file replaced atomically (see package atomicfile), never the database
// the command reads.

// checkOut refuses an --out the command must not write, before any work
// is done: for "-", binary output when standard output is a terminal;
// for a file, anything atomicfile.Check refuses, and the database named
// by --db (db, which may be empty for the default database) or one of
// its journal files. writeOut checks again against the open database.
func checkOut(out string, binary string, env Env, db string) error {
	if out == "-" {
		if binary != "" && isTerminal(env.Stdout) {
			return data.Errorf(data.EINVALID,
				"standard output is a terminal, and %s is binary; redirect it to a file (> FILE) or give --out FILE", binary)
		}
		return nil
	}
	return explainOut(atomicfile.Check(out, databaseFiles(db)...), db)
}

// writeOut calls fill with standard output for "-", or writes the file
// out atomically, leaving it as it was if fill fails or ctx is cancelled
// (a signal). db is the database the command reads, which out must not
// be.
func writeOut(ctx context.Context, out string, env Env, db string, fill func(io.Writer) error) error {
	if out == "-" {
		return fill(env.Stdout)
	}
	return explainOut(atomicfile.WriteContext(ctx, out, fill, databaseFiles(db)...), db)
}

// databaseFiles are the files of the SQLite database at path: the
// database and its journal files. None for an empty path.
func databaseFiles(path string) []string {
	if path == "" {
		return nil
	}
	return []string{path, path + "-wal", path + "-shm", path + "-journal"}
}

// explainOut says which database an --out in use belongs to.
func explainOut(err error, db string) error {
	var te *atomicfile.TargetError
	if errors.As(err, &te) && te.Problem == atomicfile.InUse {
		return fmt.Errorf("--out %s is the database %s or one of its journal files; choose another file", te.Path, db)
	}
	return err
}

// isTerminal reports whether w is a terminal. A file that is not one (a
// regular file, a pipe, /dev/null) is not; neither is a writer that is no
// file at all.
func isTerminal(w io.Writer) bool {
	f, ok := w.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(int(f.Fd()))
}

// binaryFormat names an export format that is not text, such as "a PNG
// image", or is empty for text formats.
func binaryFormat(format string) string {
	switch format {
	case "png":
		return "a PNG image"
	case "pdf":
		return "a PDF document"
	}
	return ""
}
