// Package sqlite implements data.Store on a SQLite file through
// database/sql and mattn/go-sqlite3. It owns the schema and its migrations,
// the chart queries (SQL does the grouping, package data the counting) and
// the all-or-nothing import. It is the only package that uses the driver.
package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"catracker/data"

	sqlite3 "github.com/mattn/go-sqlite3"
)

//go:embed migrations/*.sql
var embedded embed.FS

// sqliteDriver is mattn/go-sqlite3 with the functions the schema needs:
// its migration 005 computes person keys (see personKey). The store opens
// its connections through it directly (see connector) rather than
// registering it with database/sql, so importing this package changes
// nothing in the process.
var sqliteDriver = &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
	return c.RegisterFunc("catracker_person_key", personKey, true)
}}

// connector opens connections to one database through sqliteDriver.
type connector struct{ dsn string }

// Connect implements driver.Connector.
func (c connector) Connect(context.Context) (driver.Conn, error) { return sqliteDriver.Open(c.dsn) }

// Driver implements driver.Connector.
func (c connector) Driver() driver.Driver { return sqliteDriver }

// personKey is the form in which the store compares person names,
// data.PersonKey, kept in the person_key column. A name that folds to
// nothing (only invisible characters) keys as written, so that every
// record that names a person has a key.
//
// Most names are ASCII, for which NFKC changes nothing and case folding is
// lowering the letters, so they take a shorter way to the same key: an
// import computes a key for every row that names someone.
func personKey(name string) string {
	if name == "" {
		return ""
	}
	var k string
	if isASCII(name) {
		k = strings.Join(strings.Fields(strings.ToLower(name)), " ")
	} else {
		k = data.PersonKey(name)
	}
	if k == "" {
		return name
	}
	return k
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// migrations holds the schema migrations, migrations/NNN_name.sql, applied
// in order. Tests replace it to exercise upgrades.
var migrations fs.FS = embedded

// Store is a data.Store backed by one SQLite file.
type Store struct {
	db       *sql.DB
	path     string
	readOnly bool
	// lockedFolder says the file is writable but its folder is not, which
	// is why it is read-only.
	lockedFolder bool
}

var _ data.Store = (*Store)(nil)

// Options control how Open treats the file.
type Options struct {
	// Create allows Open to create a new, empty database when path does
	// not exist. Without it a missing file is an error.
	Create bool
	// SingleUser says the caller is the only user of the database until
	// Close, as the command line's import into a new file is. A database
	// Open creates then keeps SQLite's rollback journal instead of
	// switching to WAL: a large first import writes each page once, not
	// twice (to the WAL, then into the file), about a second less for a
	// million rows. The next Open switches it to WAL.
	SingleUser bool
}

// SchemaVersion is the newest schema this build knows.
func SchemaVersion() int {
	names, _ := fs.Glob(migrations, "migrations/*.sql")
	return len(names)
}

// Open opens (or, with Create, creates) the database at path, checks that
// it is a Central Asia War Tracker database and brings its schema up to
// date. Before migrating an existing database it writes a backup copy
// beside it. Errors are *data.Error values written for users.
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	st, statErr := os.Stat(abs)
	if err := checkPath(abs, st, statErr, opt.Create); err != nil {
		return nil, err
	}
	// SQLite writes beside the database (its WAL and lock files, or the
	// rollback journal), so a database in a folder the user cannot write
	// to is opened read-only too, as a read-only file is: it can be read,
	// and changes are refused in plain words.
	readOnly := statErr == nil && !writable(abs)
	lockedFolder := statErr == nil && !readOnly && !folderWritable(filepath.Dir(abs))
	readOnly = readOnly || lockedFolder
	db := sql.OpenDB(connector{dsn(abs, readOnly)})
	s := &Store{db: db, path: abs, readOnly: readOnly, lockedFolder: lockedFolder}
	if err := s.check(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if created := errors.Is(statErr, os.ErrNotExist); !readOnly && !(created && opt.SingleUser) {
		// Only now that the file is known to be ours: switching to WAL
		// rewrites the file header.
		if _, err := db.ExecContext(ctx, "PRAGMA journal_mode = WAL"); err != nil {
			db.Close()
			return nil, friendly(abs, err)
		}
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// checkPath refuses, in plain words, a path that cannot be a database:
// a folder, an empty file, a file that cannot be read, or a missing file
// or folder when it is not to be created. st and err are what os.Stat
// said of it.
func checkPath(abs string, st fs.FileInfo, err error, create bool) error {
	switch {
	case err == nil && st.IsDir():
		return data.Errorf(data.EINVALID, "%s is a folder, not a database file", abs)
	case errors.Is(err, os.ErrNotExist) && !create:
		return data.Errorf(data.ENOTFOUND, "there is no database at %s", abs)
	case errors.Is(err, os.ErrNotExist):
		if _, err := os.Stat(filepath.Dir(abs)); err != nil {
			return data.Errorf(data.ENOTFOUND, "the folder %s does not exist", filepath.Dir(abs))
		}
	case err != nil:
		return data.Errorf(data.EINVALID, "cannot read %s: %v", abs, err)
	case st.Size() == 0:
		return data.Errorf(data.EINVALID, "%s is empty, not a database", abs)
	}
	return nil
}

func writable(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	f.Close()
	return true
}

// folderWritable reports whether files can be made in dir, by making one.
func folderWritable(dir string) bool {
	f, err := os.CreateTemp(dir, ".catracker-probe-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

// dsn builds a file: URI for the driver; characters that URIs reserve are
// escaped so any file name works.
func dsn(path string, readOnly bool) string {
	// An 8 MB page cache per connection: charts read small summary tables,
	// and a larger cache only filled up with the pages of one scan (such as
	// a search of the sources), which took the app with a million
	// incidents past 250 MB.
	q := "_foreign_keys=on&_busy_timeout=5000&_txlock=immediate&_synchronous=NORMAL&_cache_size=-8000"
	if readOnly {
		// immutable: the folder may be read-only too, so SQLite must not
		// try to create its lock files beside the database.
		q += "&mode=ro&immutable=1"
	}
	return fileURI(path) + "?" + q
}

// fileURI is the file: URI of path, without parameters.
func fileURI(path string) string {
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows drive letters
	}
	return "file://" + r.Replace(p)
}

// check makes sure the file is a SQLite database that is either new, ours,
// or ours at an older schema version.
func (s *Store) check(ctx context.Context) error {
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return friendly(s.path, err)
	}
	var tables []string
	rows, err := s.db.QueryContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'table'")
	if err != nil {
		return friendly(s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return friendly(s.path, err)
		}
		tables = append(tables, n)
	}
	if err := rows.Err(); err != nil {
		return friendly(s.path, err)
	}
	if latest := SchemaVersion(); version > latest {
		return data.Errorf(data.EINVALID, "%s was made by a newer version of Central Asia War Tracker "+
			"(database version %d, this app knows up to %d). Update the app to open it.", s.path, version, latest)
	}
	if len(tables) > 0 && version == 0 {
		return data.Errorf(data.EINVALID, "%s is a SQLite database of another program, not a Central Asia War Tracker database", s.path)
	}
	if version > 0 {
		sort.Strings(tables)
		if i := sort.SearchStrings(tables, "incidents"); i == len(tables) || tables[i] != "incidents" {
			return data.Errorf(data.EINVALID, "%s is damaged: it has no incidents table", s.path)
		}
	}
	return nil
}

// friendly turns driver errors about the file into plain messages.
func friendly(path string, err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrNotADB:
			return data.Errorf(data.EINVALID, "%s is not a Central Asia War Tracker database (not a SQLite file)", path)
		case sqlite3.ErrCorrupt:
			return data.Errorf(data.EINVALID, "%s is damaged (the SQLite file is corrupt or cut short)", path)
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return data.Errorf(data.ECONFLICT, "%s is in use by another program; close it and try again", path)
		case sqlite3.ErrReadonly:
			return data.Errorf(data.EINVALID, "%s is read-only; copy it to a folder you can write to", path)
		case sqlite3.ErrCantOpen:
			return data.Errorf(data.ENOTFOUND, "cannot open %s", path)
		}
	}
	return fmt.Errorf("database %s: %w", path, err)
}

// migrate applies the embedded migrations above the file's user_version,
// each in its own transaction, after backing up an existing database.
func (s *Store) migrate(ctx context.Context) error {
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return friendly(s.path, err)
	}
	latest := SchemaVersion()
	if version == latest {
		return nil
	}
	if s.readOnly {
		return data.Errorf(data.EINVALID, "%s is read-only and needs an upgrade to this version; copy it to a folder you can write to", s.path)
	}
	if version > 0 {
		backup := fmt.Sprintf("%s.v%d.bak", s.path, version)
		os.Remove(backup)
		if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", backup); err != nil {
			return fmt.Errorf("back up %s before upgrading it: %w", s.path, err)
		}
	}
	// A migration may build a table again (create, copy, drop, rename),
	// which must not delete the rows that refer to the old table, so
	// migrations run with foreign keys off, on one connection, and each
	// checks them before it commits.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return friendly(s.path, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return friendly(s.path, err)
	}
	// Back on for the pool; should this fail, every write transaction
	// sets the mode it needs anyway (see transact).
	defer conn.ExecContext(ctx, "PRAGMA foreign_keys = ON")
	for v := version + 1; v <= latest; v++ {
		names, _ := fs.Glob(migrations, fmt.Sprintf("migrations/%03d_*.sql", v))
		if len(names) != 1 {
			return fmt.Errorf("migration %d is missing from this build", v)
		}
		body, err := fs.ReadFile(migrations, names[0])
		if err != nil {
			return fmt.Errorf("read migration %s: %w", names[0], err)
		}
		if err := migrateTo(ctx, conn, v, names[0], string(body)); err != nil {
			return friendly(s.path, err)
		}
	}
	return nil
}

// migrateTo applies one migration in a transaction on conn and commits it
// only if it leaves every foreign key satisfied.
func migrateTo(ctx context.Context, conn *sql.Conn, version int, name, body string) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, body); err != nil {
		return fmt.Errorf("apply %s: %w", name, err)
	}
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return fmt.Errorf("check %s: %w", name, err)
	}
	broken := rows.Next()
	rows.Close()
	if broken {
		return fmt.Errorf("apply %s: it leaves references to missing rows", name)
	}
	if _, err := tx.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(version)); err != nil {
		return fmt.Errorf("apply %s: %w", name, err)
	}
	return tx.Commit()
}

// Path returns the database file.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the file was opened read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// Close closes the database.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close %s: %w", s.path, err)
	}
	return nil
}

func (s *Store) writeCheck() error {
	if s.lockedFolder {
		return data.Errorf(data.EINVALID, "%s is in a folder you cannot write to, so it is open read-only; "+
			"nothing was changed. Copy it to a folder you can write to", s.path)
	}
	if s.readOnly {
		return data.Errorf(data.EINVALID, "%s is read-only; nothing was changed", s.path)
	}
	return nil
}

// IntegrityCheck runs SQLite's integrity check and returns its verdict:
// "ok" for a sound file.
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	var res string
	if err := s.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return "", fmt.Errorf("check %s: %w", s.path, err)
	}
	return res, nil
}
