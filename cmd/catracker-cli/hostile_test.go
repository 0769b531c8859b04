package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"

	_ "github.com/mattn/go-sqlite3"
)

// The catalogue of hostile inputs: every CSV file, database file and
// output target here must be refused with exit status 1 or 2 and a plain
// message (naming file, row and column where there is one), never a
// panic, and must leave the database exactly as it was. The test runs the
// real command in its own process: the test binary re-executes itself as
// catracker-cli when hostileMain is set.

const hostileMain = "CATRACKER_HOSTILE_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(hostileMain) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// header is the canonical incident CSV header.
const header = "ref,date,area,kind,stage,count,basis,channel,side,group,person,summary,source_outlet,source_title,source_author,source_date,source_url,cited_as,notes"

// good is a valid row; rows below are written as changes to it.
var good = map[string]string{
	"ref": "kg-test-1", "date": "2023-03-01", "area": "KG", "kind": "death", "count": "2", "basis": "event",
	"summary": "Two men from Osh were buried.", "source_outlet": "Kloop", "source_title": "Burials in Osh",
	"source_date": "2023-03-05",
}

// row returns a CSV row: the good row with the given cells changed. A
// value is written as it is, so it may carry its own quotes.
func row(change map[string]string) string {
	cells := strings.Split(header, ",")
	out := make([]string, len(cells))
	for i, c := range cells {
		v, ok := change[c]
		if !ok {
			v = good[c]
			if strings.ContainsAny(v, ",\"\n") {
				v = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
			}
		}
		out[i] = v
	}
	return strings.Join(out, ",")
}

func goodRow(ref string) string { return row(map[string]string{"ref": ref}) }

// file is a CSV file with the header and the given rows.
func file(rows ...string) string { return header + "\n" + strings.Join(rows, "\n") + "\n" }

// csvCase is a CSV file that must be refused; where names the problem's
// place as "row:column" (row 0: the file as a whole), checked in the
// message as "file.csv:row:column" ("file.csv:row" when column is empty).
type csvCase struct {
	name    string
	content func() []byte
	where   []string
}

func text(s string) func() []byte { return func() []byte { return []byte(s) } }

func csvCases() []csvCase {
	bad := func(name, col, value string) csvCase {
		return csvCase{name, text(file(goodRow("ok-1"), row(map[string]string{col: value}))), []string{"3:" + col}}
	}
	cases := []csvCase{
		{"empty file", text(""), nil},
		{"only a byte-order mark", text("\xef\xbb\xbf"), nil},
		{"only a newline", text("\n"), nil},
		{"xlsx workbook", text("PK\x03\x04\x14\x00\x06\x00rest of a zip"), nil},
		{"xls workbook", text("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"), nil},
		{"PDF file", text("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n"), nil},
		{"PNG image", text("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"), nil},
		{"gzip file", text("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xcb\x48\xcd\xc9\xc9\x07\x00"), nil},
		{"ELF binary", text("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00"), nil},
		{"NUL bytes only", func() []byte { return make([]byte, 1<<20) }, nil},
		{"endless line without newline", func() []byte { return bytes.Repeat([]byte("a"), 4<<20) }, nil},
		{"a 2 MiB cell", func() []byte {
			return []byte(file(row(map[string]string{"summary": strings.Repeat("x", 2<<20)})))
		}, []string{"2"}},
		{"a record of 100000 cells", func() []byte { return []byte(header + "\n" + strings.Repeat("a,", 100000) + "\n") }, []string{"2"}},
		{"header only an unknown column", text("name,age\nx,1\n"), []string{"1"}},
		{"header with a terminal escape", text("ref,date,\x1b[31mred\x1b[0m\n"), []string{"1"}},
		{"header repeats a column", text("ref,date,area,kind,summary,source_outlet,ref\n"), []string{"1:ref"}},
		{"header lacks summary", text("ref,date,area,kind,source_outlet\nx,2023,KG,death,Kloop\n"), []string{"1:summary"}},
		{"header lacks source_outlet", text("ref,date,area,kind,summary\nx,2023,KG,death,s\n"), []string{"1:source_outlet"}},
		{"too few cells", text(file("kg-1,2023,KG")), []string{"2"}},
		{"too many cells", text(file(goodRow("kg-1") + ",extra,cells")), []string{"2"}},
		{"a quote left open", text(file(goodRow("kg-1"), `kg-2,2023,KG,death,,1,event,,,,,"open quote never closed`)), []string{"3"}},
		{"a bare quote", text(file(`kg-"1",2023,KG,death,,1,event,,,,,s,Kloop,,,,,,`)), []string{"2"}},
		{"NUL inside a cell", text(file(row(map[string]string{"summary": "two\x00men"}))), []string{"2:summary"}},
		{"invalid UTF-8 in a short file", text(file(goodRow("kg-1"), row(map[string]string{"ref": "kg-2", "summary": "\xff\xfe\xfd broken"}))), nil},
		{"invalid UTF-8 after 100 KiB of valid rows", func() []byte {
			rows := make([]string, 0, 1000)
			for i := range 1000 {
				rows = append(rows, goodRow(fmt.Sprintf("kg-%d", i)))
			}
			rows = append(rows, row(map[string]string{"ref": "kg-late", "summary": "broken \xff\xfe text"}))
			return []byte(file(rows...))
		}, []string{"1002:summary"}},
		{"Latin-1 accents in a Russian-language tool", text(file(row(map[string]string{"summary": "Caf\xe9 cr\xe8me br\xfbl\xe9e"}))), nil},
		bad("ref missing", "ref", ""),
		bad("ref too long", "ref", strings.Repeat("r", 300)),
		bad("date missing", "date", ""),
		bad("date not a date", "date", "yesterday"),
		bad("date month 13", "date", "2023-13-01"),
		bad("date 30 February", "date", "2023-02-30"),
		bad("date day 0", "date", "2023-03-00"),
		bad("date in the far future", "date", "2099-01-01"),
		bad("date before any record", "date", "1066-10-14"),
		bad("area missing", "area", ""),
		bad("area unknown", "area", "Narnia"),
		bad("area is an injection", "area", "KG'; DROP TABLE incidents; --"),
		bad("kind missing", "kind", ""),
		bad("kind unknown", "kind", "rumour"),
		bad("stage on a death", "stage", "sentence"),
		bad("stage unknown", "stage", "appeal-maybe"),
		bad("count negative", "count", "-3"),
		bad("count a fraction", "count", "2.5"),
		bad("count in exponent form", "count", "1e3"),
		bad("count words", "count", "many"),
		bad("count the largest int64", "count", "9223372036854775807"),
		bad("count beyond int64", "count", "99999999999999999999999"),
		bad("count above the plausible maximum", "count", "10000001"),
		bad("basis unknown", "basis", "guess"),
		bad("channel unknown", "channel", "carrier-pigeon"),
		bad("side unknown", "side", "neutral"),
		bad("group unknown", "group", "tourists"),
		bad("summary missing", "summary", ""),
		bad("summary far too long", "summary", strings.Repeat("long ", 20000)),
		bad("source outlet missing", "source_outlet", ""),
		bad("source date not a date", "source_date", "last week"),
		bad("source published a year before the incident", "source_date", "2022-03-01"),
		bad("source date in the future", "source_date", "2099-05-05"),
		bad("source titles do not match outlets", "source_title", "One | Two"),
		bad("source authors do not match outlets", "source_author", "A | B | C"),
		bad("source dates do not match outlets", "source_date", "2023-03-05 | 2023-03-06"),
		{"a running total with no count", text(file(row(map[string]string{"basis": "total", "count": ""}))), []string{"2:count"}},
		{"a Russia-wide death", text(file(row(map[string]string{"area": "RU"}))), []string{"2:area"}},
		{"a Russia-wide prosecution", text(file(row(map[string]string{"area": "RU", "kind": "prosecution", "stage": "charge"}))), []string{"2:area"}},
		{"a prosecution stage missing its kind", text(file(row(map[string]string{"kind": "prosecution", "stage": "verdict"}))), []string{"2:stage"}},
		{"a source listed twice in one row", text(file(row(map[string]string{
			"source_outlet": "Kloop | Kloop", "source_title": "Burials in Osh | Burials in Osh",
			"source_date": "2023-03-05 | 2023-03-05", "cited_as": "p. 1 | p. 2"}))), []string{"2"}},
		{"an empty source among several", text(file(row(map[string]string{"source_outlet": "Kloop |  | Azattyk",
			"source_title": "", "source_date": ""}))), []string{"2:source_outlet"}},
		{"the same ref twice", text(file(goodRow("kg-1"), goodRow("kg-1"))), []string{"3:ref"}},
		{"the same ref twice beside another bad row", text(file(goodRow("kg-1"), row(map[string]string{"ref": "kg-2", "date": "nope"}), goodRow("kg-1"))),
			[]string{"3:date", "4:ref"}},
		{"a bad date and a bad area in one row", text(file(row(map[string]string{"date": "2023-99", "area": "Atlantis"}))),
			[]string{"2:date", "2:area"}},
		{"a bad row deep in a long file", func() []byte {
			var b strings.Builder
			b.WriteString(header + "\n")
			for i := range 3000 {
				b.WriteString(goodRow(fmt.Sprintf("kg-%d", i)) + "\n")
			}
			b.WriteString(row(map[string]string{"ref": "kg-late", "kind": "gossip"}) + "\n")
			return []byte(b.String())
		}, []string{"3002:kind"}},
		{"semicolons with a bad row", text(strings.ReplaceAll(file(goodRow("kg-1"), row(map[string]string{"ref": "kg-2", "area": "Mordor"})), ",", ";")), []string{"3:area"}},
		{"tabs with a bad row", text(strings.ReplaceAll(file(goodRow("kg-1"), row(map[string]string{"ref": "kg-2", "kind": "??"})), ",", "\t")), []string{"3:kind"}},
		{"CR-only line ends with a bad row", text(strings.ReplaceAll(file(goodRow("kg-1"), row(map[string]string{"ref": "kg-2", "count": "x"})), "\n", "\r")), []string{"3:count"}},
		{"UTF-16 with a bad row", func() []byte {
			s := file(goodRow("kg-1"), row(map[string]string{"ref": "kg-2", "date": "2023-02-31"}))
			b := []byte{0xff, 0xfe}
			for _, u := range utf16.Encode([]rune(s)) {
				b = append(b, byte(u), byte(u>>8))
			}
			return b
		}, []string{"3:date"}},
		{"UTF-16 cut in the middle of a character", text("\xff\xfer\x00e\x00f\x00\n"), nil},
		{"text in no encoding that can be told apart", func() []byte {
			return []byte(file(row(map[string]string{"summary": "\xce\xce\xce"})))
		}, nil},
	}
	return cases
}

// dbCase is a database file given with --db that must be refused.
type dbCase struct {
	name    string
	content func(t *testing.T, dir string) string // returns the path
}

func dbCases(bundled []byte) []dbCase {
	write := func(b []byte) func(*testing.T, string) string {
		return func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "hostile.db")
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		}
	}
	garbage := make([]byte, 64<<10)
	for i := range garbage {
		garbage[i] = byte(i*7 + i/3)
	}
	return []dbCase{
		{"random bytes", write(garbage)},
		{"a text file", write([]byte("this is not a database\n"))},
		{"a CSV file", write([]byte(file(goodRow("kg-1"))))},
		{"a truncated database", write(bundled[:len(bundled)/3])},
		{"only the database header", write(bundled[:100])},
		{"a database with its pages after the first damaged", func(t *testing.T, dir string) string {
			// Every page but the first (the schema) is overwritten, so that
			// whatever a command reads is damaged.
			b := bytes.Clone(bundled)
			for i := 4096; i < len(b); i++ {
				b[i] = 0xA5
			}
			return write(b)(t, dir)
		}},
		{"another program's database", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "other.db")
			db, err := sql.Open("sqlite3", p)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec("CREATE TABLE notes(id INTEGER, body TEXT); INSERT INTO notes VALUES (1, 'x')"); err != nil {
				t.Fatal(err)
			}
			return p
		}},
		{"a database from a newer version", func(t *testing.T, dir string) string {
			p := write(bundled)(t, dir)
			db, err := sql.Open("sqlite3", p)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec("PRAGMA user_version = 999"); err != nil {
				t.Fatal(err)
			}
			return p
		}},
		{"a directory", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "folder.db")
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
			return p
		}},
		{"a missing file in a missing folder", func(t *testing.T, dir string) string {
			return filepath.Join(dir, "no", "such", "folder", "x.db")
		}},
	}
}

// result is what one run of the command gave.
type result struct {
	code           int
	stdout, stderr string
}

// run runs catracker-cli with args in the environment of home.
func run(t *testing.T, home string, stdin io.Reader, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(os.Environ(), hostileMain+"=1", "HOME="+home, "XDG_DATA_HOME="+filepath.Join(home, "data"),
		"LANG=C.UTF-8", "LC_ALL=C.UTF-8")
	cmd.Stdin = stdin
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %v: %v", args, err)
	}
	return result{code, out.String(), errb.String()}
}

// refused checks that r is a refusal: exit 1 or 2, a message, no panic.
func refused(t *testing.T, r result) {
	t.Helper()
	if r.code != 1 && r.code != 2 {
		t.Errorf("exit status %d, want 1 or 2; stdout %q, stderr %.300q", r.code, r.stdout, r.stderr)
	}
	if strings.TrimSpace(r.stderr) == "" {
		t.Errorf("no message on stderr")
	}
	for _, bad := range []string{"panic:", "goroutine ", "runtime error", "fatal error", ".go:"} {
		if strings.Contains(r.stderr, bad) {
			t.Errorf("stderr shows a crash or internal detail (%q): %.500s", bad, r.stderr)
		}
	}
	if strings.ContainsAny(r.stderr, "\x1b\x00") {
		t.Errorf("stderr carries control characters from the input: %q", r.stderr)
	}
}

// fileState is the content of a database file and its journal files.
func fileState(t *testing.T, path string) string {
	t.Helper()
	h := sha256.New()
	for _, p := range []string{path, path + "-wal", path + "-journal"} {
		b, err := os.ReadFile(p)
		if err == nil {
			h.Write(b)
		}
		fmt.Fprintf(h, "|%d|", len(b))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// newDB makes a database holding the bundled dataset and returns its path.
func newDB(t *testing.T, home, dir string) string {
	t.Helper()
	db := filepath.Join(dir, "my.db")
	bundled := filepath.Join("..", "..", "data", "dataset", "incidents.csv")
	if r := run(t, home, nil, "import", "--db", db, bundled); r.code != 0 {
		t.Fatalf("import the bundled dataset: %+v", r)
	}
	// The first open after an import turns on write-ahead logging, which
	// changes two bytes of the file's header; settle that before the
	// catalogue compares the file.
	if r := run(t, home, nil, "stats", "--db", db); r.code != 0 {
		t.Fatalf("stats: %+v", r)
	}
	return db
}

func TestHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the command a few hundred times")
	}
	home := t.TempDir()
	dir := t.TempDir()
	db := newDB(t, home, dir)
	bundled, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	total := 0

	for _, c := range csvCases() {
		total++
		t.Run("csv/"+c.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "hostile.csv")
			if err := os.WriteFile(p, c.content(), 0o644); err != nil {
				t.Fatal(err)
			}
			before := fileState(t, db)
			for _, cmd := range [][]string{{"validate", p}, {"import", "--db", db, p}, {"import", "--dry-run", "--db", db, p}} {
				r := run(t, home, nil, cmd...)
				refused(t, r)
				if !strings.Contains(r.stderr, "hostile.csv") {
					t.Errorf("%s: the message does not name the file: %.300q", cmd[0], r.stderr)
				}
				for _, w := range c.where {
					if !strings.Contains(r.stderr, "hostile.csv:"+w) {
						t.Errorf("%s: the message does not name %q: %.400q", cmd[0], "hostile.csv:"+w, r.stderr)
					}
				}
			}
			if fileState(t, db) != before {
				t.Errorf("the database changed")
			}
		})
	}

	for _, c := range dbCases(bundled) {
		total++
		t.Run("db/"+c.name, func(t *testing.T) {
			d := t.TempDir()
			p := c.content(t, d)
			before := fileState(t, p)
			csv := filepath.Join(d, "ok.csv")
			if err := os.WriteFile(csv, []byte(file(goodRow("kg-new-1"))), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, cmd := range [][]string{{"stats", "--db", p}, {"import", "--db", p, csv},
				{"export", "--db", p, "--chart", "deaths", "--format", "csv", "--out", "-"}} {
				r := run(t, home, nil, cmd...)
				refused(t, r)
			}
			if fileState(t, p) != before {
				t.Errorf("the file changed")
			}
		})
	}

	for _, c := range targetCases(t, db) {
		total++
		t.Run("out/"+c.name, func(t *testing.T) {
			target := c.target(t)
			var before string
			if !c.noCompare {
				before = lstate(t, target)
			}
			dbBefore := fileState(t, db)
			args := append([]string{}, c.args...)
			args = append(args, "--db", db, "--out", target)
			r := run(t, home, nil, args...)
			refused(t, r)
			if !c.noCompare && lstate(t, target) != before {
				t.Errorf("the target %s changed", target)
			}
			if fileState(t, db) != dbBefore {
				t.Errorf("the database changed")
			}
			leftovers(t, filepath.Dir(target))
		})
	}

	for _, c := range flagCases() {
		total++
		t.Run("flags/"+strings.Join(c, " "), func(t *testing.T) {
			dbBefore := fileState(t, db)
			args := append([]string{}, c...)
			args = append(args, "--db", db, "--out", filepath.Join(t.TempDir(), "out.png"))
			if c[0] == "validate" || c[0] == "bogus" {
				args = c
			}
			r := run(t, home, nil, args...)
			refused(t, r)
			if fileState(t, db) != dbBefore {
				t.Errorf("the database changed")
			}
		})
	}
	if total < 100 {
		t.Errorf("the catalogue holds %d hostile inputs, want at least 100", total)
	}
	t.Logf("%d hostile inputs", total)
}

// targetCase is an --out target that must be refused.
type targetCase struct {
	name      string
	args      []string
	target    func(t *testing.T) string
	noCompare bool // the target's state cannot be compared (a device)
}

func targetCases(t *testing.T, db string) []targetCase {
	exportPNG := []string{"export", "--chart", "deaths", "--format", "png"}
	exportCSV := []string{"export-incidents"}
	reportPDF := []string{"report"}
	symlink := func(t *testing.T) string {
		d := t.TempDir()
		real := filepath.Join(d, "real.png")
		if err := os.WriteFile(real, []byte("keep me"), 0o644); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(d, "link.png")
		if err := os.Symlink(real, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	dangling := func(t *testing.T) string {
		d := t.TempDir()
		p := filepath.Join(d, "dangling.png")
		if err := os.Symlink(filepath.Join(d, "nowhere.png"), p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	folder := func(t *testing.T) string { return t.TempDir() }
	fifo := func(t *testing.T) string {
		p := filepath.Join(t.TempDir(), "pipe.png")
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// device is a character device. As root, a command that wrongly
	// replaced its target would replace the device itself, so root gets a
	// private copy of the device node to spoil instead of /dev's.
	device := func(name string, major, minor uint32) func(*testing.T) string {
		return func(t *testing.T) string {
			if os.Geteuid() != 0 {
				return "/dev/" + name
			}
			p := filepath.Join(t.TempDir(), name)
			if err := syscall.Mknod(p, syscall.S_IFCHR|0o666, int(major<<8|minor)); err != nil {
				t.Fatalf("make a %s device: %v", name, err)
			}
			return p
		}
	}
	fixed := func(p string) func(*testing.T) string { return func(*testing.T) string { return p } }
	missing := func(t *testing.T) string { return filepath.Join(t.TempDir(), "no", "such", "folder", "out.png") }
	var cases []targetCase
	for _, cmd := range [][]string{exportPNG, exportCSV, reportPDF} {
		n := cmd[0]
		cases = append(cases,
			targetCase{n + " to the null device", cmd, device("null", 1, 3), true},
			targetCase{n + " to the full device", cmd, device("full", 1, 7), true},
			targetCase{n + " to a symbolic link", cmd, symlink, false},
			targetCase{n + " to a dangling symbolic link", cmd, dangling, false},
			targetCase{n + " to a folder", cmd, folder, false},
			targetCase{n + " to a named pipe", cmd, fifo, false},
			targetCase{n + " to the open database", cmd, fixed(db), false},
			targetCase{n + " into a missing folder", cmd, missing, false},
		)
	}
	return cases
}

// flagCases are command lines that must be refused before anything runs.
func flagCases() [][]string {
	return [][]string{
		{"bogus"},
		{"validate"},
		{"validate", "a.csv", "b.csv"},
		{"export", "--chart", "bogus"},
		{"export", "--chart", "deaths", "--format", "gif"},
		{"export", "--chart", "deaths", "--width", "0"},
		{"export", "--chart", "deaths", "--width", "-5"},
		{"export", "--chart", "deaths", "--width", "100000"},
		{"export", "--chart", "deaths", "--height", "1"},
		{"export", "--chart", "deaths", "--scale", "0"},
		{"export", "--chart", "deaths", "--scale", "NaN"},
		{"export", "--chart", "deaths", "--areas", "KG,Narnia"},
		{"export", "--chart", "deaths", "--from", "2024-01", "--to", "2022-01"},
		{"export", "--chart", "deaths", "--from", "2023-13"},
		{"export", "--chart", "deaths", "--period", "fortnight"},
		{"export", "--chart", "deaths", "--lang", "xx"},
		{"export", "--chart", "deaths", "--side", "neutral"},
		{"export", "--chart", "deaths", "--group", "tourists"},
		{"export", "--chart", "deaths", "--by", "colour"},
		{"export", "--chart", "prosecutions", "--stage", "appeal", "--latest-stage"},
		{"report", "--width", "100000"},
		{"report", "--charts", "deaths,bogus"},
	}
}

// lstate describes a path without following links: its kind, and the
// content of a regular file or the target of a link.
func lstate(t *testing.T, p string) string {
	t.Helper()
	fi, err := os.Lstat(p)
	if err != nil {
		return "absent"
	}
	s := fi.Mode().Type().String()
	switch {
	case fi.Mode().IsRegular():
		b, _ := os.ReadFile(p)
		sum := sha256.Sum256(b)
		s += hex.EncodeToString(sum[:])
	case fi.Mode()&os.ModeSymlink != 0:
		l, _ := os.Readlink(p)
		s += l
		if b, err := os.ReadFile(p); err == nil {
			s += string(b)
		}
	}
	return s
}

// leftovers fails if a temporary file of a refused write is left in dir.
func leftovers(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if regexp.MustCompile(`(?i)tmp|temp|\.part`).MatchString(e.Name()) {
			t.Errorf("a temporary file was left behind: %s", e.Name())
		}
	}
}

// TestConcurrentFirstStarts starts several commands at once on a fresh
// account: every one must see the whole bundled dataset, and no half-made
// or temporary file may be left in the data folder.
func TestConcurrentFirstStarts(t *testing.T) {
	if testing.Short() {
		t.Skip("starts many processes")
	}
	for trial := range 3 {
		home := t.TempDir()
		const n = 6
		results := make([]result, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i] = run(t, home, nil, "stats")
			}()
		}
		wg.Wait()
		want := ""
		for i, r := range results {
			if r.code != 0 {
				t.Fatalf("trial %d, process %d: exit %d: %s", trial, i, r.code, r.stderr)
			}
			m := regexp.MustCompile(`(?m)^Incidents:\s*(\d+)`).FindStringSubmatch(r.stdout)
			if m == nil {
				t.Fatalf("trial %d: stats printed no incident count: %q", trial, r.stdout)
			}
			if m[1] == "0" {
				t.Errorf("trial %d, process %d: the default database is empty", trial, i)
			}
			if want == "" {
				want = m[1]
			} else if m[1] != want {
				t.Errorf("trial %d: process %d saw %s incidents, another %s", trial, i, m[1], want)
			}
		}
		entries, _ := os.ReadDir(filepath.Join(home, "data", "catracker"))
		for _, e := range entries {
			if e.Name() != "catracker.db" && !strings.HasPrefix(e.Name(), "catracker.db-") {
				t.Errorf("trial %d: %s left in the data folder", trial, e.Name())
			}
		}
	}
}

// TestSignalRemovesTemporaryFile stops a long export with SIGTERM: the
// command must end with a failure, create no target and leave no
// temporary copy behind.
func TestSignalRemovesTemporaryFile(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and imports a large file")
	}
	home, dir := t.TempDir(), t.TempDir()
	big := filepath.Join(dir, "big.csv")
	if r := run(t, home, nil, "generate", "--rows", "300000", "--out", big); r.code != 0 {
		t.Fatalf("generate: %+v", r)
	}
	db := filepath.Join(dir, "big.db")
	if r := run(t, home, nil, "import", "--db", db, big); r.code != 0 {
		t.Fatalf("import: %+v", r)
	}
	outDir := t.TempDir()
	out := filepath.Join(outDir, "shared.csv")
	cmd := exec.Command(os.Args[0], "export-incidents", "--no-names", "--db", db, "--out", out)
	cmd.Env = append(os.Environ(), hostileMain+"=1", "HOME="+home, "LANG=C.UTF-8")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the temporary file exists, then stop the command.
	deadline := time.Now().Add(time.Minute)
	for {
		entries, _ := os.ReadDir(outDir)
		if len(entries) > 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	if err == nil {
		t.Fatalf("the stopped export reported success")
	}
	if errb.Len() == 0 {
		t.Errorf("the stopped export printed no message")
	}
	entries, _ := os.ReadDir(outDir)
	for _, e := range entries {
		t.Errorf("left behind after SIGTERM: %s", e.Name())
	}
}

// TestRoundTripThroughCommands exports incidents whose text holds the
// source separator, quotes, line breaks, spreadsheet formulas and every
// script the app's font covers, imports the file into a new database and
// exports again: the two files must be byte-identical.
func TestRoundTripThroughCommands(t *testing.T) {
	home, dir := t.TempDir(), t.TempDir()
	texts := []string{
		"Title | Kloop.kg", "AC|DC", "a||b", "|leading", "trailing|",
		`He said "we were tricked", then left`, "two\nlines", "cr\r\nlf",
		"=HYPERLINK(\"http://x\",\"click\")", "+1 555", "-minus first", "@SUM(A1)", "'=already quoted", "''+twice",
		"Қазақстан, Қырғызстан: ә ғ қ ң ө ұ ү һ і", "Тоҷикистон: ӣ ӯ ҳ ҷ", "Oʻzbekiston: ў қ ғ ҳ, Türkmenistan: ä ç ň ö ş ü ý ž",
		"Ελληνικά", "Français: œ é è ê", "Polski: ą ę ł ż", "Tiếng Việt: ư ơ ạ",
	}
	var b strings.Builder
	b.WriteString(header + "\n")
	for i, txt := range texts {
		q := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
		esc := strings.ReplaceAll(txt, "|", "||") // a | inside a source column is written doubled
		if strings.HasPrefix(txt, "=") || strings.HasPrefix(txt, "+") || strings.HasPrefix(txt, "-") || strings.HasPrefix(txt, "@") ||
			strings.HasPrefix(strings.TrimLeft(txt, "'"), "=") || strings.HasPrefix(strings.TrimLeft(txt, "'"), "+") {
			// Let the program write formulas itself; the file here holds
			// them in the form the program reads back.
			esc = "'" + esc
		}
		b.WriteString(row(map[string]string{
			"ref": fmt.Sprintf("rt-%d", i), "summary": q("Summary: " + txt), "notes": q(txt),
			"source_title": q(esc), "source_author": q("Author " + esc), "cited_as": q(esc),
			"source_url": q("https://example.org/a?q=" + strings.ReplaceAll(esc, "\n", "")),
		}) + "\n")
	}
	in := filepath.Join(dir, "in.csv")
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	db1, db2 := filepath.Join(dir, "one.db"), filepath.Join(dir, "two.db")
	out1, out2 := filepath.Join(dir, "out1.csv"), filepath.Join(dir, "out2.csv")
	for _, step := range [][]string{
		{"import", "--db", db1, in},
		{"export-incidents", "--db", db1, "--out", out1},
		{"import", "--db", db2, out1},
		{"export-incidents", "--db", db2, "--out", out2},
	} {
		if r := run(t, home, nil, step...); r.code != 0 {
			t.Fatalf("%v: exit %d: %s", step, r.code, r.stderr)
		}
	}
	one, _ := os.ReadFile(out1)
	two, _ := os.ReadFile(out2)
	if !bytes.Equal(one, two) {
		t.Errorf("export, import and export again changed the file:\n%s\n----\n%s", one, two)
	}
	for _, txt := range texts {
		if strings.ContainsAny(txt, "\r") {
			continue
		}
		if !bytes.Contains(one, []byte(strings.ReplaceAll(strings.TrimLeft(txt, "=+-@'"), `"`, `""`))) {
			t.Errorf("the export lost %q", txt)
		}
	}
	for _, line := range strings.Split(string(one), "\n") {
		for _, cell := range strings.Split(line, ",") {
			cell = strings.TrimPrefix(cell, `"`)
			if cell != "" && strings.ContainsRune("=+@", rune(cell[0])) {
				t.Errorf("a cell of the export starts with a live formula: %q", cell)
			}
		}
	}
}
