// Package csvio reads and writes the incident CSV format and writes the
// plotted series of a chart as CSV. Every problem in a file is reported as
// a *data.RowError naming the file, row and column in plain words.
package csvio

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"catracker/data"
)

// Columns is the incident CSV header in its canonical order. Files may put
// the columns in any order and leave out all but Required. Columns added
// later (headline) come last, so that files and scripts made for the
// earlier columns keep working.
var Columns = []string{"ref", "date", "area", "kind", "stage", "count", "basis", "channel", "side", "group", "person",
	"summary", "source_outlet", "source_title", "source_author", "source_date", "source_url", "cited_as", "notes",
	"headline"}

// Required are the columns every file must have.
var Required = []string{"ref", "date", "area", "kind", "summary", "source_outlet"}

// SourceSeparator separates several sources of one incident inside each
// source column, position by position. A | that belongs to the text of a
// source is written doubled (||), as CSV doubles quotes.
const SourceSeparator = " | "

// Reader reads incidents from a CSV file one row at a time.
type Reader struct {
	name    string
	csv     *csv.Reader
	feed    *feeder
	format  Format
	col     map[string]int
	names   []string // the header's column names in file order
	rec     []string
	row     int      // spreadsheet row of rec: the header is row 1, after any rows of separators
	stopped bool     // a cell or row was too large: the rest is not read
	refs    refIndex // the refs of the rows read, to find one used twice
	dates   DateRewrites
}

// DateRewrites counts the dates of a file written in another form than
// the canonical one (15.03.2023, June 2022, июнь 2022), which the reader
// stores canonically, and keeps the first as an example.
type DateRewrites struct {
	Count    int
	Row      int    // the row of the first
	Column   string // its column
	From, To string // as written, and as stored
}

// Describe says in English what was rewritten, for a note after a
// successful check or import, or returns "" when nothing was.
func (d DateRewrites) Describe() string {
	if d.Count == 0 {
		return ""
	}
	return fmt.Sprintf("%d date(s) written in another form were stored as YYYY-MM-DD, YYYY-MM or YYYY (row %d, %s: %q is %s)",
		d.Count, d.Row, d.Column, d.From, d.To)
}

// DateRewrites returns the dates rewritten so far.
func (r *Reader) DateRewrites() DateRewrites { return r.dates }

// date reads a date cell as people write it (see data.ParseUserDate) and
// records a rewrite.
func (r *Reader) date(column, v string) (data.Date, error) {
	d, err := data.ParseUserDate(v)
	if err == nil && d.String() != v {
		if r.dates.Count == 0 {
			r.dates = DateRewrites{Row: r.row, Column: column, From: v, To: d.String()}
		}
		r.dates.Count++
	}
	return d, err
}

// NewReader reads the header of a CSV file called name (used in messages)
// and returns a Reader for its rows. Problems with the file as a whole are
// returned as a *data.RowError.
//
// The file may be UTF-8 (with or without a byte-order mark), UTF-16
// (either byte order, with or without a mark) or, told apart by its
// letters, Windows-1251, KOI8-R or CP866; it is converted to UTF-8 as it
// is read. Its columns may be separated by commas, semicolons or tabs, as
// the header shows, and its lines may end in LF, CRLF or CR. Empty
// columns at the end of the header and rows of nothing but separators are
// left out. Format says what was found.
func NewReader(r io.Reader, name string) (*Reader, error) {
	br := bufio.NewReaderSize(r, sampleSize)
	head, err := br.Peek(sampleSize)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(head) == 0 {
		return nil, fileErr(name, 0, "", "file.empty", msgEmpty, strings.Join(Required, ","))
	}
	if code, msg := notCSV(head); code != "" {
		return nil, fileProblem(name, 0, "", code, msg)
	}
	dec, refused := sniff(head, err != nil)
	if refused != "" {
		return nil, fileProblem(name, 0, "", refusalCodes[refused], refused)
	}
	rd := newReader(name, dec, br)
	header, err := rd.header()
	if err != nil {
		return nil, err
	}
	if err := rd.columns(header); err != nil {
		return nil, err
	}
	return rd, nil
}

// fileErr is a problem with the file called name, at a row and column
// when it has them: its code (see data.RowError) and the message that
// format and args make.
func fileErr(name string, row int, col, code, format string, args ...any) error {
	return &data.RowError{File: name, Row: row, Column: col, Message: fmt.Sprintf(format, args...), Code: code, Args: args}
}

// The columns of problems that name no column of the header: a cell
// counted from 1, and where in the text a quote goes wrong.
const (
	cellColumn   = "column %d"
	textPosition = "line %d, character %d"
)

// CellNumber reads the column of a problem (see data.RowError) that names
// a cell by its number, "column 3", and reports whether it does.
func CellNumber(column string) (int, bool) {
	var n int
	_, err := fmt.Sscanf(column, cellColumn, &n)
	return n, err == nil && fmt.Sprintf(cellColumn, n) == column
}

// TextPosition reads the column of a problem (see data.RowError) that
// names a line of the file and a character of it, "line 6, character
// 35", and reports whether it does.
func TextPosition(column string) (line, char int, ok bool) {
	_, err := fmt.Sscanf(column, textPosition, &line, &char)
	return line, char, err == nil && fmt.Sprintf(textPosition, line, char) == column
}

// fileProblem is a problem with the file called name whose message takes
// no arguments.
func fileProblem(name string, row int, col, code, msg string) error {
	return &data.RowError{File: name, Row: row, Column: col, Message: msg, Code: code}
}

// msgEmpty is the problem of an empty file.
const msgEmpty = "the file is empty; it needs a header row (%s)"

// notCSV gives the code and message of what a file is when its first
// bytes show it is something other than CSV, or returns "" twice.
func notCSV(head []byte) (code, msg string) {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "file.xlsx", "this is a spreadsheet workbook (.xlsx or .ods), not a CSV file; in your spreadsheet choose Save As and the CSV format"
	case bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0")):
		return "file.xls", "this is an old Excel workbook (.xls), not a CSV file; in your spreadsheet choose Save As and the CSV format"
	case bytes.HasPrefix(head, []byte("SQLite format 3\x00")):
		return "file.database", "this is a database, not a CSV file; open it with Open database instead"
	}
	return "", ""
}

// newReader returns a Reader of the text that dec makes of br, with the
// separator and line ends its first sampleSize bytes show.
func newReader(name string, dec decoder, br *bufio.Reader) *Reader {
	text := bufio.NewReaderSize(dec.reader(br), sampleSize)
	sample, _ := text.Peek(sampleSize)
	rd := &Reader{name: name, col: map[string]int{}, row: 1}
	rd.feed = &feeder{r: text, sep: separator(sample),
		crOnly: bytes.IndexByte(sample, '\r') >= 0 && bytes.IndexByte(sample, '\n') < 0}
	rd.format = Format{Encoding: dec.name, Separator: rune(rd.feed.sep), CROnly: rd.feed.crOnly}
	c := csv.NewReader(rd.feed)
	c.Comma = rd.format.Separator
	c.FieldsPerRecord = -1
	c.ReuseRecord = true
	rd.csv = c
	return rd
}

// header reads the header row, skipping rows of nothing but separators
// above it, without the empty columns spreadsheets write at its end.
func (r *Reader) header() ([]string, error) {
	var header []string
	var err error
	for {
		header, err = r.csv.Read()
		if err != nil || !blank(header) {
			break
		}
		r.row++ // a row of nothing but separators above the header
	}
	if err != nil && r.feed.err != nil {
		p := r.feed.err.problem()
		return nil, &data.RowError{File: r.name, Row: r.row, Column: fmt.Sprintf(cellColumn, r.feed.err.field+1),
			Message: p.Message, Code: p.Reason, Args: p.Args}
	}
	if errors.Is(err, io.EOF) {
		return nil, fileErr(r.name, 0, "", "file.empty", msgEmpty, strings.Join(Required, ","))
	}
	if err != nil {
		return nil, r.parseError(err)
	}
	for len(header) > 0 && strings.TrimSpace(header[len(header)-1]) == "" {
		header = header[:len(header)-1] // empty columns at the end, as spreadsheets write
	}
	return header, nil
}

// columns learns the columns from the header and checks that they are
// known, each named once, and that the required ones are there.
func (r *Reader) columns(header []string) error {
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if err := r.column(i, h, len(header)); err != nil {
			return err
		}
		r.col[h] = i
		r.names = append(r.names, h)
	}
	for _, req := range Required {
		if _, ok := r.col[req]; !ok {
			return fileErr(r.name, r.row, req, "header.missing", "the required column %q is missing from the header (the first row must name the columns: %s)",
				req, strings.Join(Required, ","))
		}
	}
	return nil
}

// column checks the name h of column i of a header of n columns.
func (r *Reader) column(i int, h string, n int) error {
	if !utf8.ValidString(h) || strings.ContainsRune(h, 0) {
		return fileErr(r.name, r.row, fmt.Sprintf(cellColumn, i+1), "header.notUTF8", "the header is not UTF-8 text; save the file as CSV UTF-8")
	}
	if n == 1 && strings.Contains(h, "|") {
		return fileErr(r.name, r.row, "", "header.pipes", "the columns are separated by %q, not commas; save the file as comma-separated CSV", "|")
	}
	if !contains(Columns, h) {
		col := h
		if !printable(h) {
			col = fmt.Sprintf(cellColumn, i+1)
		}
		return fileErr(r.name, r.row, col, "header.unknown", "unknown column %s; the columns are %s", quote(h), strings.Join(Columns, ","))
	}
	if _, dup := r.col[h]; dup {
		return fileErr(r.name, r.row, h, "header.twice", "the column %q appears twice in the header", h)
	}
	return nil
}

// Format is how the file's bytes were read and converted.
func (r *Reader) Format() Format { return r.format }

// read returns the next row of the file as cells, with the apostrophe
// that Neutralise adds taken off and empty cells beyond the header left
// out. It skips rows of nothing but separators, counting them, and ends
// the file at a cell or row too large to read.
func (r *Reader) read() ([]string, error) {
	for {
		if r.stopped {
			return nil, io.EOF
		}
		rec, err := r.csv.Read()
		if err != nil && r.feed.err != nil {
			r.stopped = true
			return nil, &csv.ParseError{Err: r.feed.err}
		}
		if err != nil {
			return rec, err
		}
		if len(rec) > 1 && blank(rec) {
			r.row++
			continue
		}
		if len(rec) > len(r.names) && blank(rec[len(r.names):]) {
			rec = rec[:len(r.names)]
		}
		for i, v := range rec {
			rec[i] = restore(v)
		}
		return rec, nil
	}
}

// blank reports whether every cell is empty or white space.
func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// parseError turns an encoding/csv error at the current row into a row
// error.
func (r *Reader) parseError(err error) *data.RowError {
	var pe *csv.ParseError
	var le *limitError
	if errors.As(err, &le) {
		col := fmt.Sprintf(cellColumn, le.field+1)
		if le.field < len(r.names) {
			col = r.names[le.field]
		}
		if le.row {
			col = ""
		}
		p := le.problem()
		return &data.RowError{File: r.name, Row: r.row, Column: col, Message: p.Message, Code: p.Reason, Args: p.Args}
	}
	if errors.As(err, &pe) {
		msg, code := pe.Err.Error(), ""
		switch {
		case errors.Is(pe.Err, csv.ErrQuote):
			msg, code = "a quote (\") is left open or stray; put quotes around the whole cell and double any quote inside it", "csv.quote"
		case errors.Is(pe.Err, csv.ErrBareQuote):
			msg, code = "a quote (\") appears inside a cell without quotes around the cell; double it and quote the cell", "csv.bareQuote"
		}
		return &data.RowError{File: r.name, Row: r.row, Column: fmt.Sprintf(textPosition, pe.Line, pe.Column),
			Message: msg, Code: code}
	}
	return &data.RowError{File: r.name, Row: r.row, Message: err.Error()}
}

// RowError returns a problem at the current row and the named column.
func (r *Reader) RowError(column, message string) *data.RowError {
	return r.ErrorAt(r.row, column, message)
}

// ErrorAt returns a problem at the given row and the named column: an
// importer that reads ahead finds some problems rows after reading them.
func (r *Reader) ErrorAt(row int, column, message string) *data.RowError {
	return &data.RowError{File: r.name, Row: row, Column: column, Message: message}
}

// Next returns the next incident. It returns io.EOF after the last row;
// for a row with problems, a *data.RowError when it has one and
// data.RowProblems listing them all, in the order of Columns, when it has
// several (the next call goes on with the following row); and any other
// error for a failure to read the file. The problems of a row are those
// of its cells and every rule of data.Incident.Problems, and a ref that
// an earlier row uses already, whatever else is wrong with either row.
func (r *Reader) Next() (*data.Incident, error) {
	rec, err := r.read()
	if errors.Is(err, io.EOF) {
		return nil, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			r.row++
			r.refs.add(r.row, "")
			return nil, r.parseError(err)
		}
		return nil, fmt.Errorf("read %s: %w", r.name, err)
	}
	r.row++
	r.rec = rec
	if len(rec) != len(r.col) {
		r.refs.add(r.row, "")
		if len(rec) == 1 && rec[0] == "" {
			return nil, r.problem(data.FieldError{Message: "the row is empty", Code: "row.empty"})
		}
		return nil, r.problem(fieldError("", "row.cells", "the row has %d cells but the header has %d columns", len(rec), len(r.col)))
	}
	var problems []data.FieldError
	ref := r.get("ref")
	if first := r.refs.add(r.row, ref); first > 0 {
		problems = append(problems, fieldError("ref", "ref.duplicate",
			"ref %q is also used in row %d; each incident needs its own ref", ref, first))
	}
	inc, parsed := r.incident()
	problems = append(problems, parsed...)
	for _, p := range inc.Problems() {
		if !reported(parsed, p.Field) {
			problems = append(problems, p)
		}
	}
	switch len(problems) {
	case 0:
		return inc, nil
	case 1:
		return nil, r.problem(problems[0])
	}
	slices.SortStableFunc(problems, func(a, b data.FieldError) int {
		return slices.Index(Columns, a.Field) - slices.Index(Columns, b.Field)
	})
	out := make(data.RowProblems, len(problems))
	for i, p := range problems {
		out[i] = r.problem(p)
	}
	return nil, out
}

// problem is a problem of a field at the current row.
func (r *Reader) problem(p data.FieldError) *data.RowError {
	return &data.RowError{File: r.name, Row: r.row, Column: p.Field, Message: p.Message, Code: p.Code, Args: p.Args}
}

// fieldError is a problem of a field: its code, and the message that
// format and args make.
func fieldError(field, code, format string, args ...any) data.FieldError {
	return data.FieldError{Field: field, Message: fmt.Sprintf(format, args...), Code: code, Args: args}
}

// reported reports whether a rule's problem with field would repeat a
// problem of reading the cells: a field whose cell could not be read is
// zero, which the rules would report again, and the sources are compared
// with each other and with the incident only when every source column
// could be read.
func reported(parsed []data.FieldError, field string) bool {
	source := func(f string) bool { return strings.HasPrefix(f, "source_") || f == "cited_as" }
	return slices.ContainsFunc(parsed, func(q data.FieldError) bool {
		return q.Field == field || (source(field) && source(q.Field))
	})
}

// Row is the spreadsheet row number of the last row read; the header is 1.
func (r *Reader) Row() int { return r.row }

func (r *Reader) get(col string) string {
	if i, ok := r.col[col]; ok {
		return strings.TrimSpace(r.rec[i])
	}
	return ""
}

// incident parses the current record and lists the problems of its
// cells, in no particular order. A cell with a problem leaves its field
// of the incident zero.
func (r *Reader) incident() (*data.Incident, []data.FieldError) {
	c := r.cells()
	inc := &data.Incident{Basis: data.Event}
	inc.Ref, _ = c.cell("ref")
	inc.Person, _ = c.cell("person")
	inc.Summary, _ = c.cell("summary")
	inc.Notes, _ = c.cell("notes")
	inc.Headline, _ = c.cell("headline")
	for _, f := range fieldCells {
		v, ok := c.cell(f.col)
		switch {
		case !ok:
		case v == "" && f.required != "":
			c.bad(f.col, &data.Error{Code: data.EINVALID, Message: f.required, Reason: f.col + ".requiredForms"})
		case v == "" && !f.blank:
		default:
			if err := f.parse(r, inc, v); err != nil {
				c.bad(f.col, err)
			}
		}
	}
	inc.Sources = r.sources(c.cell, c.bad)
	return inc, c.problems
}

// rowCells are the cells of the current record and the problems found in
// them.
type rowCells struct {
	r        *Reader
	notText  map[string]bool // columns whose cell is not text
	problems []data.FieldError
}

// cells checks that every cell of the current record is text.
func (r *Reader) cells() *rowCells {
	c := &rowCells{r: r}
	for col, i := range r.col {
		v := r.rec[i]
		switch {
		case !utf8.ValidString(v):
			c.bad(col, data.Invalid("cell.notUTF8", "the text is not UTF-8 (part of the file may have been saved as Windows-1251 or another encoding); save the whole file as CSV UTF-8"))
		case strings.ContainsRune(v, 0):
			c.bad(col, data.Invalid("cell.nul", "the cell contains a NUL byte; the file may not be a text file"))
		default:
			continue
		}
		if c.notText == nil {
			c.notText = map[string]bool{}
		}
		c.notText[col] = true
	}
	return c
}

// bad records a problem of a column's cell, with the reason and
// arguments of the *data.Error that err holds (see data.Invalid).
func (c *rowCells) bad(col string, err error) {
	p := data.FieldError{Field: col, Message: err.Error()}
	var e *data.Error
	if errors.As(err, &e) && e.Reason != "" {
		p.Code, p.Args = e.Reason, e.Args
	}
	c.problems = append(c.problems, p)
}

// cell returns the text of a column that has one.
func (c *rowCells) cell(col string) (string, bool) {
	if c.notText[col] {
		return "", false
	}
	return c.r.get(col), true
}

// fieldCell is how incident reads the cell of one column into a field:
// a blank cell is the problem required when that is set, is parsed when
// blank is set (the parser gives blank its meaning), and otherwise
// leaves the field as it is.
type fieldCell struct {
	col      string
	required string
	blank    bool
	parse    func(r *Reader, inc *data.Incident, v string) error
}

// fieldCells are the columns incident parses, in the order of Columns.
var fieldCells = []fieldCell{
	{col: "date", required: "date is required (YYYY-MM-DD, YYYY-MM or YYYY)",
		parse: func(r *Reader, inc *data.Incident, v string) (err error) {
			inc.Date, err = r.date("date", v)
			return err
		}},
	{col: "area", required: "area is required (KZ, KG, TJ, UZ, TM, CA, RU or a country name)",
		parse: func(_ *Reader, inc *data.Incident, v string) (err error) {
			inc.Area, err = data.ParseArea(v)
			return err
		}},
	{col: "kind", required: "kind is required (death, prosecution, recruitment, captured, warning or policy)",
		parse: func(_ *Reader, inc *data.Incident, v string) (err error) {
			inc.Kind, err = data.ParseKind(v)
			return err
		}},
	{col: "stage",
		parse: func(_ *Reader, inc *data.Incident, v string) (err error) {
			inc.Stage, err = data.ParseStage(v)
			return err
		}},
	{col: "count",
		parse: func(_ *Reader, inc *data.Incident, v string) (err error) {
			inc.Count, err = parseCount(v)
			return err
		}},
	{col: "basis", blank: true,
		parse: func(_ *Reader, inc *data.Incident, v string) (err error) {
			inc.Basis, err = data.ParseBasis(v)
			return err
		}},
	{col: "channel",
		parse: func(_ *Reader, inc *data.Incident, v string) (err error) {
			inc.Channel, err = data.ParseChannel(v)
			return err
		}},
	{col: "side", blank: true,
		parse: func(_ *Reader, inc *data.Incident, v string) (err error) {
			inc.Side, err = data.ParseSide(v)
			return err
		}},
	{col: "group", blank: true,
		parse: func(_ *Reader, inc *data.Incident, v string) (err error) {
			inc.Group, err = data.ParseGroup(v)
			return err
		}},
}

// parseCount reads a count of people: a whole number, 0 or more.
func parseCount(v string) (*int, error) {
	n, err := strconv.Atoi(v)
	switch {
	case errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(v, "-"):
		return nil, data.CountTooLarge(v)
	case err != nil || n < 0:
		return nil, data.Invalid("count.notNumber", "count %q must be a whole number of people, 0 or more, or blank if unknown", v)
	}
	return &n, nil
}

// sources splits the source columns position by position. A column whose
// parts do not match the outlets is left out of the sources, and a date
// that is not one is left blank.
func (r *Reader) sources(cell func(col string) (string, bool), bad func(col string, err error)) []data.Source {
	v, ok := cell("source_outlet")
	if !ok {
		return nil
	}
	outlets := split(v)
	if len(outlets) == 0 {
		bad("source_outlet", data.Invalid("source.outletRequired", "source_outlet is required: name the outlet that reported the incident"))
		return nil
	}
	var cols [len(sourceColumns)][]string
	for i, c := range sourceColumns {
		v, ok := cell(c)
		if !ok {
			continue
		}
		parts := split(v)
		if len(parts) != 0 && len(parts) != len(outlets) {
			// The parts come first among the numbers: a translation
			// chooses its plural form by them.
			bad(c, data.Invalid("source.parts", "%[3]s has %[1]d parts separated by %[4]q but source_outlet has %[2]d; give one per source",
				len(parts), len(outlets), c, strings.TrimSpace(SourceSeparator)))
			continue
		}
		cols[i] = parts
	}
	part := func(c, i int) string {
		if p := cols[c]; len(p) > 0 {
			return p[i]
		}
		return ""
	}
	out := make([]data.Source, len(outlets))
	for i, o := range outlets {
		if o == "" {
			bad("source_outlet", data.Invalid("source.outletMissing", "source %d has no outlet", i+1))
		}
		out[i] = data.Source{Outlet: o, Title: part(0, i), Author: part(1, i), URL: part(3, i), CitedAs: part(4, i)}
		if d := part(2, i); d != "" {
			pd, err := r.date("source_date", d)
			if err != nil {
				bad("source_date", err)
			}
			out[i].Published = pd
		}
	}
	return out
}

// sourceColumns are the columns of a source besides its outlet, in the
// order of Columns.
var sourceColumns = [...]string{"source_title", "source_author", "source_date", "source_url", "cited_as"}

// split splits a source column into its parts; see splitSources.
func split(v string) []string {
	if strings.TrimSpace(v) == "" {
		return nil
	}
	return splitSources(v)
}

// Check reads every row of r and returns how many are valid, calling
// progress (when not nil) with the number of rows read every 1000 rows. If
// any row has a problem it also returns a *data.RowErrors listing them;
// any other error stops the check. It finds every problem an import of
// the file would find: an import reads its rows with Next too, and Next
// reports a ref used twice (see data.Store.Import).
func Check(ctx context.Context, r *Reader, progress data.Progress) (valid int, err error) {
	var problems data.RowErrors
	for n := 1; ; n++ {
		if n%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return valid, err
			}
			if progress != nil {
				progress(n)
			}
		}
		_, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if problems.Record(err) {
			continue
		}
		if err != nil {
			return valid, err
		}
		valid++
	}
	if problems.Total > 0 {
		return valid, &problems
	}
	return valid, nil
}
