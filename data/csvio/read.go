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
	"strconv"
	"strings"
	"unicode/utf8"

	"catracker/data"
)

// Columns is the incident CSV header in its canonical order. Files may put
// the columns in any order and leave out all but Required.
var Columns = []string{"ref", "date", "area", "kind", "stage", "count", "basis", "channel", "side", "group", "person",
	"summary", "source_outlet", "source_title", "source_author", "source_date", "source_url", "cited_as", "notes"}

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
	row     int  // spreadsheet row of rec: the header is row 1, after any rows of separators
	stopped bool // a cell or row was too large: the rest is not read
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
	fileErr := func(row int, col, format string, args ...any) error {
		return &data.RowError{File: name, Row: row, Column: col, Message: fmt.Sprintf(format, args...)}
	}
	switch {
	case len(head) == 0:
		return nil, fileErr(0, "", "the file is empty; it needs a header row (%s)", strings.Join(Required, ","))
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return nil, fileErr(0, "", "this is a spreadsheet workbook (.xlsx or .ods), not a CSV file; in your spreadsheet choose Save As and the CSV format")
	case bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0")):
		return nil, fileErr(0, "", "this is an old Excel workbook (.xls), not a CSV file; in your spreadsheet choose Save As and the CSV format")
	case bytes.HasPrefix(head, []byte("SQLite format 3\x00")):
		return nil, fileErr(0, "", "this is a database, not a CSV file; open it with Open database instead")
	}
	dec, refused := sniff(head, err != nil)
	if refused != "" {
		return nil, fileErr(0, "", "%s", refused)
	}
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
	var header []string
	for {
		header, err = c.Read()
		if err != nil || !blank(header) {
			break
		}
		rd.row++ // a row of nothing but separators above the header
	}
	if err != nil && rd.feed.err != nil {
		return nil, fileErr(rd.row, fmt.Sprintf("column %d", rd.feed.err.field+1), "%s", rd.feed.err.Error())
	}
	if errors.Is(err, io.EOF) {
		return nil, fileErr(0, "", "the file is empty; it needs a header row (%s)", strings.Join(Required, ","))
	}
	if err != nil {
		return nil, rd.parseError(err)
	}
	for len(header) > 0 && strings.TrimSpace(header[len(header)-1]) == "" {
		header = header[:len(header)-1] // empty columns at the end, as spreadsheets write
	}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if !utf8.ValidString(h) || strings.ContainsRune(h, 0) {
			return nil, fileErr(rd.row, fmt.Sprintf("column %d", i+1), "the header is not UTF-8 text; save the file as CSV UTF-8")
		}
		if len(header) == 1 && strings.Contains(h, "|") {
			return nil, fileErr(rd.row, "", "the columns are separated by %q, not commas; save the file as comma-separated CSV", "|")
		}
		if !contains(Columns, h) {
			col := h
			if !printable(h) {
				col = fmt.Sprintf("column %d", i+1)
			}
			return nil, fileErr(rd.row, col, "unknown column %s; the columns are %s", quote(h), strings.Join(Columns, ","))
		}
		if _, dup := rd.col[h]; dup {
			return nil, fileErr(rd.row, h, "the column %q appears twice in the header", h)
		}
		rd.col[h] = i
		rd.names = append(rd.names, h)
	}
	for _, req := range Required {
		if _, ok := rd.col[req]; !ok {
			return nil, fileErr(rd.row, req, "the required column %q is missing from the header (the first row must name the columns: %s)",
				req, strings.Join(Required, ","))
		}
	}
	return rd, nil
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
		col := fmt.Sprintf("column %d", le.field+1)
		if le.field < len(r.names) {
			col = r.names[le.field]
		}
		if le.row {
			col = ""
		}
		return &data.RowError{File: r.name, Row: r.row, Column: col, Message: le.Error()}
	}
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		switch {
		case errors.Is(pe.Err, csv.ErrQuote):
			msg = "a quote (\") is left open or stray; put quotes around the whole cell and double any quote inside it"
		case errors.Is(pe.Err, csv.ErrBareQuote):
			msg = "a quote (\") appears inside a cell without quotes around the cell; double it and quote the cell"
		}
		return &data.RowError{File: r.name, Row: r.row, Column: fmt.Sprintf("line %d, character %d", pe.Line, pe.Column), Message: msg}
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

// Next returns the next incident. It returns io.EOF after the last row, a
// *data.RowError for a row with a problem (the next call goes on with the
// following row), and any other error for a failure to read the file.
func (r *Reader) Next() (*data.Incident, error) {
	rec, err := r.read()
	if errors.Is(err, io.EOF) {
		return nil, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			r.row++
			return nil, r.parseError(err)
		}
		return nil, fmt.Errorf("read %s: %w", r.name, err)
	}
	r.row++
	r.rec = rec
	if len(rec) != len(r.col) {
		if len(rec) == 1 && rec[0] == "" {
			return nil, r.RowError("", "the row is empty")
		}
		return nil, r.RowError("", fmt.Sprintf("the row has %d cells but the header has %d columns", len(rec), len(r.col)))
	}
	inc, field, err := r.incident()
	if err != nil {
		return nil, r.RowError(field, err.Error())
	}
	if err := inc.Validate(); err != nil {
		var ve *data.ValidationError
		if errors.As(err, &ve) {
			return nil, r.RowError(ve.Field, ve.Message)
		}
		return nil, r.RowError("", err.Error())
	}
	return inc, nil
}

// Row is the spreadsheet row number of the last row read; the header is 1.
func (r *Reader) Row() int { return r.row }

func (r *Reader) get(col string) string {
	if i, ok := r.col[col]; ok {
		return strings.TrimSpace(r.rec[i])
	}
	return ""
}

// incident parses the current record; on error it names the column.
func (r *Reader) incident() (*data.Incident, string, error) {
	for col, i := range r.col {
		v := r.rec[i]
		if !utf8.ValidString(v) {
			return nil, col, errors.New("the text is not UTF-8 (it may be Latin-1 or Windows-1252); save the file as CSV UTF-8")
		}
		if strings.ContainsRune(v, 0) {
			return nil, col, errors.New("the cell contains a NUL byte; the file may not be a text file")
		}
	}
	inc := &data.Incident{Ref: r.get("ref"), Person: r.get("person"), Summary: r.get("summary"), Notes: r.get("notes")}
	var err error
	if inc.Date, err = data.ParseDate(r.get("date")); err != nil {
		if r.get("date") == "" {
			return nil, "date", errors.New("date is required (YYYY-MM-DD, YYYY-MM or YYYY)")
		}
		return nil, "date", err
	}
	if r.get("area") == "" {
		return nil, "area", errors.New("area is required (KZ, KG, TJ, UZ, TM, CA, RU or a country name)")
	}
	if inc.Area, err = data.ParseArea(r.get("area")); err != nil {
		return nil, "area", err
	}
	if r.get("kind") == "" {
		return nil, "kind", errors.New("kind is required (death, prosecution, recruitment, captured, warning or policy)")
	}
	if inc.Kind, err = data.ParseKind(r.get("kind")); err != nil {
		return nil, "kind", err
	}
	if v := r.get("stage"); v != "" {
		if inc.Stage, err = data.ParseStage(v); err != nil {
			return nil, "stage", err
		}
	}
	if v := r.get("count"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return nil, "count", fmt.Errorf("count %q must be a whole number of people, 0 or more, or blank if unknown", v)
		}
		inc.Count = &n
	}
	if inc.Basis, err = data.ParseBasis(r.get("basis")); err != nil {
		return nil, "basis", err
	}
	if v := r.get("channel"); v != "" {
		if inc.Channel, err = data.ParseChannel(v); err != nil {
			return nil, "channel", err
		}
	}
	if inc.Side, err = data.ParseSide(r.get("side")); err != nil {
		return nil, "side", err
	}
	if inc.Group, err = data.ParseGroup(r.get("group")); err != nil {
		return nil, "group", err
	}
	var col string
	if inc.Sources, col, err = r.sources(); err != nil {
		return nil, col, err
	}
	return inc, "", nil
}

// sources splits the source columns position by position.
func (r *Reader) sources() ([]data.Source, string, error) {
	outlets := split(r.get("source_outlet"))
	if len(outlets) == 0 {
		return nil, "source_outlet", errors.New("source_outlet is required: name the outlet that reported the incident")
	}
	cols := map[string][]string{}
	for _, c := range []string{"source_title", "source_author", "source_date", "source_url", "cited_as"} {
		parts := split(r.get(c))
		if len(parts) != 0 && len(parts) != len(outlets) {
			return nil, c, fmt.Errorf("%s has %d parts separated by %q but source_outlet has %d; give one per source",
				c, len(parts), strings.TrimSpace(SourceSeparator), len(outlets))
		}
		cols[c] = parts
	}
	part := func(c string, i int) string {
		if p := cols[c]; len(p) > 0 {
			return p[i]
		}
		return ""
	}
	out := make([]data.Source, len(outlets))
	for i, o := range outlets {
		if o == "" {
			return nil, "source_outlet", fmt.Errorf("source %d has no outlet", i+1)
		}
		s := data.Source{Outlet: o, Title: part("source_title", i), Author: part("source_author", i),
			URL: part("source_url", i), CitedAs: part("cited_as", i)}
		if d := part("source_date", i); d != "" {
			pd, err := data.ParseDate(d)
			if err != nil {
				return nil, "source_date", err
			}
			s.Published = pd
		}
		out[i] = s
	}
	return out, "", nil
}

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
// any other error stops the check.
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
		var re *data.RowError
		if errors.As(err, &re) {
			problems.Add(re)
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
