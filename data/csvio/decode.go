package csvio

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"unicode"
	"unicode/utf8"

	"catracker/data"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Limits on what one row of a file may cost while it is read. They are
// far above any text the app keeps (data.MaxTextLen, 20,000 characters,
// which CSV quoting and the doubled | of the source columns can at most
// double), so real data never meets them; a file that does is damaged,
// has a quote left open, or is not a CSV file, and reading stops there.
const (
	MaxCellBytes = 64 << 10 // one cell, as written in the file
	MaxRowBytes  = 1 << 20  // one row, as written in the file
)

// sampleSize is how much of the start of a file is looked at to tell its
// encoding, separator and line ends.
const sampleSize = 64 << 10

// Format is how a file's bytes were read: its encoding, the separator of
// its columns and its line ends. Files in another encoding than UTF-8 are
// converted to UTF-8 as they are read.
type Format struct {
	Encoding  string // "UTF-8", "UTF-16LE", "UTF-16BE", "Windows-1251", "KOI8-R" or "CP866"
	Separator rune   // ',', ';' or '\t'
	CROnly    bool   // lines end in a carriage return alone (old Mac files)
}

// Plain reports whether the file is comma-separated UTF-8 with ordinary
// line ends, the format the app writes, so that nothing needed saying.
func (f Format) Plain() bool {
	return f.Encoding == "UTF-8" && f.Separator == ',' && !f.CROnly
}

// Describe says in English how the file called name was read, for a note
// to the user, or returns "" for a Plain file: "Read data.csv as
// Windows-1251 with ';' separators, converted to UTF-8".
func (f Format) Describe(name string) string {
	if f.Plain() {
		return ""
	}
	sep := fmt.Sprintf("'%c' separators", f.Separator)
	if f.Separator == '\t' {
		sep = "tab separators"
	}
	s := fmt.Sprintf("Read %s as %s with %s", name, f.Encoding, sep)
	if f.CROnly {
		s += " and lines ending in a carriage return (CR) alone"
	}
	if f.Encoding != "UTF-8" {
		s += ", converted to UTF-8"
	}
	return s
}

// singleByte are the one-byte encodings a Central Asian or Russian file
// not in UTF-8 is likely to be in, in the order they are tried.
var singleByte = []struct {
	name string
	cm   *charmap.Charmap
}{
	{"Windows-1251", charmap.Windows1251},
	{"KOI8-R", charmap.KOI8R},
	{"CP866", charmap.CodePage866},
}

// Messages for files whose encoding is refused.
const (
	msgUndecided = "the file is not UTF-8 and its encoding cannot be told apart: it may be Windows-1251 (Cyrillic), " +
		"KOI8-R, CP866 or Windows-1252 (Western European); save it as CSV UTF-8 (in Excel: Save As, CSV UTF-8)"
	msgLatin = "the file is not UTF-8: its accented letters look like Windows-1252 or Latin-1 (Western European), " +
		"which cannot be told apart from other encodings; save it as CSV UTF-8 (in Excel: Save As, CSV UTF-8)"
	msgBinary = "this is not a text file (it holds binary data such as NUL bytes); choose a CSV file"
)

// refusalCodes are the codes of the problems (see data.RowError) of
// files whose encoding is refused.
var refusalCodes = map[string]string{msgUndecided: "file.encoding", msgLatin: "file.latin", msgBinary: "file.binary"}

// decoder is what sniff found out about a file's bytes: the encoding to
// convert from (nil for UTF-8) and how many bytes of byte-order mark to
// skip.
type decoder struct {
	name string
	enc  encoding.Encoding
	bom  int
}

// reader returns the file's text as UTF-8.
func (d decoder) reader(br *bufio.Reader) io.Reader {
	if d.bom > 0 {
		br.Discard(d.bom)
	}
	if d.enc == nil {
		return br
	}
	return transform.NewReader(br, d.enc.NewDecoder())
}

// sniff tells the encoding of a file from the sample at its start, or
// returns the message that refuses the file.
func sniff(head []byte, whole bool) (decoder, string) {
	if d, ok := byteOrderMark(head); ok {
		return d, ""
	}
	if d, refused, ok := sniffNUL(head); ok {
		return d, refused
	}
	if looksUTF8(head, whole) {
		return decoder{name: "UTF-8"}, ""
	}
	if controls(head)*100 > len(head) {
		return decoder{}, msgBinary
	}
	return guessSingleByte(head)
}

// byteOrderMark tells the encoding of a file that starts with a
// byte-order mark.
func byteOrderMark(head []byte) (decoder, bool) {
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		return decoder{name: "UTF-8", bom: 3}, true
	case bytes.HasPrefix(head, []byte("\xff\xfe")):
		return decoder{name: "UTF-16LE", enc: xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM)}, true
	case bytes.HasPrefix(head, []byte("\xfe\xff")):
		return decoder{name: "UTF-16BE", enc: xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM)}, true
	}
	return decoder{}, false
}

// sniffNUL tells a sample with NUL bytes apart: UTF-16 without a mark
// when they fall on every other byte on one side, binary when there are
// many or the first byte is one. ok is false when it cannot tell.
func sniffNUL(head []byte) (d decoder, refused string, ok bool) {
	nul := bytes.Count(head, []byte{0})
	if nul == 0 {
		return decoder{}, "", false
	}
	var at [2]int // NUL bytes at even and at odd offsets
	for i, b := range head {
		if b == 0 {
			at[i%2]++
		}
	}
	pairs := len(head) / 2
	switch {
	case at[1]*8 >= pairs && at[0]*16 <= at[1]:
		return decoder{name: "UTF-16LE", enc: xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM)}, "", true
	case at[0]*8 >= pairs && at[1]*16 <= at[0]:
		return decoder{name: "UTF-16BE", enc: xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM)}, "", true
	case head[0] == 0 || nul > 8 && nul*100 > len(head):
		return decoder{}, msgBinary, true
	}
	return decoder{}, "", false
}

// controls counts the control bytes of a sample that text files do not
// hold: all below 0x20 but tab, line ends, form feed, vertical tab, and
// the SUB and ESC that some old files carry.
func controls(head []byte) int {
	n := 0
	for _, b := range head {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v' && b != 0x1a && b != 0x1b {
			n++
		}
	}
	return n
}

// looksUTF8 reports whether the sample is UTF-8: valid, except perhaps for
// a few stray bytes in a text that also has real UTF-8 letters beyond
// ASCII (those stray bytes are then reported cell by cell). A sample cut
// from a longer file may end inside a letter.
func looksUTF8(head []byte, whole bool) bool {
	if !whole {
		for i := 1; i < utf8.UTFMax && i <= len(head); i++ {
			if utf8.RuneStart(head[len(head)-i]) {
				if !utf8.FullRune(head[len(head)-i:]) {
					head = head[:len(head)-i]
				}
				break
			}
		}
	}
	if utf8.Valid(head) {
		return true
	}
	letters, invalid := 0, 0
	for len(head) > 0 {
		r, n := utf8.DecodeRune(head)
		switch {
		case r == utf8.RuneError && n == 1:
			invalid++
		case n > 1:
			letters++
		}
		head = head[n:]
	}
	return letters > invalid
}

// guessSingleByte tells which one-byte encoding a sample is in. Cyrillic
// text in such encodings is written in whole words of bytes above 0x7F; a
// high byte next to an ASCII letter is an accented Latin letter instead.
// Each candidate encoding is scored by how much its letters look like
// Russian text: letter frequencies, and words that go from lower to upper
// case. The best must win by a clear margin, which a short or all-capital
// sample may not give; then the file is refused.
func guessSingleByte(head []byte) (decoder, string) {
	high, latin := 0, 0
	isLetter := func(i int) bool {
		if i < 0 || i >= len(head) {
			return false
		}
		b := head[i] | 0x20
		return b >= 'a' && b <= 'z'
	}
	for i, b := range head {
		if b >= 0x80 {
			high++
			if isLetter(i-1) || isLetter(i+1) {
				latin++
			}
		}
	}
	if latin*2 > high {
		return decoder{}, msgLatin
	}
	best, second, which := math.Inf(-1), math.Inf(-1), -1
	for k, c := range singleByte {
		score, prev := 0.0, rune(0)
		for _, b := range head {
			if b < 0x80 {
				prev = 0
				continue
			}
			r := c.cm.DecodeByte(b)
			score += runeScore(r)
			if unicode.IsLower(prev) && unicode.IsUpper(r) {
				score += math.Log(1e-3)
			}
			prev = r
		}
		switch {
		case score > best:
			best, second, which = score, best, k
		case score > second:
			second = score
		}
	}
	// A clear winner: letters about as likely as in Russian text, and ten
	// nats (a likelihood 20,000 times higher) ahead of the next encoding.
	if best/float64(high) < math.Log(0.01) || best-second < 10 {
		return decoder{}, msgUndecided
	}
	c := singleByte[which]
	return decoder{name: c.name, enc: c.cm}, ""
}

// russianFreq is how often each letter appears in Russian text, in
// percent.
var russianFreq = map[rune]float64{
	'о': 10.97, 'е': 8.45, 'а': 8.01, 'и': 7.35, 'н': 6.70, 'т': 6.26, 'с': 5.47, 'р': 4.73, 'в': 4.54,
	'л': 4.40, 'к': 3.49, 'м': 3.21, 'д': 2.98, 'п': 2.81, 'у': 2.62, 'я': 2.01, 'ы': 1.90, 'ь': 1.74,
	'г': 1.70, 'з': 1.65, 'б': 1.59, 'ч': 1.44, 'й': 1.21, 'х': 0.97, 'ж': 0.94, 'ш': 0.73, 'ю': 0.64,
	'ц': 0.48, 'щ': 0.36, 'э': 0.32, 'ф': 0.26, 'ъ': 0.04, 'ё': 0.04,
}

// runeScore is the log-likelihood of a character above ASCII in Russian
// or Central Asian Cyrillic text.
func runeScore(r rune) float64 {
	switch {
	case unicode.Is(unicode.Cyrillic, r) && unicode.IsLetter(r):
		if f, ok := russianFreq[unicode.ToLower(r)]; ok {
			return math.Log(f / 100)
		}
		return math.Log(0.003) // the letters of the Central Asian languages, such as ў and і
	case r == '«' || r == '»' || r == '–' || r == '—' || r == '…' || r == '№' || r == '\u00a0' ||
		r == '„' || r == '“' || r == '”' || r == '‘' || r == '’' || r == '°':
		return math.Log(0.01)
	}
	return math.Log(1e-4)
}

// separator tells the column separator from the first line of the text:
// the most frequent of comma, semicolon and tab, and comma for a file of
// one column.
func separator(text []byte) byte {
	line := text
	if i := bytes.IndexAny(text, "\r\n"); i >= 0 {
		line = text[:i]
	}
	best, n := byte(','), bytes.Count(line, []byte{','})
	for _, c := range []byte{';', '\t'} {
		if k := bytes.Count(line, []byte{c}); k > n {
			best, n = c, k
		}
	}
	return best
}

// limitError is a cell or row too large to read; reading stops there.
type limitError struct {
	field int  // the cell's column, from 0
	row   bool // the whole row is too large, not the one cell
}

func (e *limitError) Error() string { return e.problem().Message }

// problem is the error as a problem with a reason (see data.Error).
func (e *limitError) problem() *data.Error {
	if e.row {
		return data.Invalid("file.rowTooLong", "the row is longer than %d MiB; a quote (\") may be left open, or the file may not be a CSV file; "+
			"reading stopped here", MaxRowBytes>>20)
	}
	return data.Invalid("file.cellTooLong", "the cell is longer than %d KiB, far longer than any text the app keeps (20,000 characters); "+
		"a quote (\") may be left open, or the file may not be a CSV file; reading stopped here", MaxCellBytes>>10)
}

// feeder hands the text of a file to encoding/csv, which holds a whole
// row in memory, and stops with a *limitError at a cell or row larger
// than the limits. It follows the quotes of CSV to know where rows and
// cells end. In a file whose lines end in a carriage return alone it
// turns those into line feeds.
type feeder struct {
	r      io.Reader
	sep    byte
	crOnly bool
	state  int // one of the lex states below
	field  int // the current cell's column, from 0
	cell   int // bytes of the current cell so far
	row    int // bytes of the current row so far
	err    *limitError
}

// States of the feeder's lexer.
const (
	atFieldStart = iota
	inUnquoted
	inQuoted
	quoteInQuoted // a quote inside a quoted cell: doubled, or the end of the quotes
)

// Read implements io.Reader.
func (f *feeder) Read(p []byte) (int, error) {
	if f.err != nil {
		return 0, f.err
	}
	n, err := f.r.Read(p)
	for i := range n {
		c := p[i]
		if c == '\r' && f.crOnly {
			c, p[i] = '\n', '\n'
		}
		f.cell++
		f.row++
		switch {
		case f.state == inQuoted:
			if c == '"' {
				f.state = quoteInQuoted
			}
		case f.state == quoteInQuoted && c == '"':
			f.state = inQuoted
		case f.state == atFieldStart && c == '"':
			f.state = inQuoted
		case c == f.sep:
			f.state, f.cell = atFieldStart, 0
			f.field++
		case c == '\n':
			f.state, f.cell, f.row, f.field = atFieldStart, 0, 0, 0
		default:
			f.state = inUnquoted
		}
		switch {
		case f.row > MaxRowBytes:
			f.err = &limitError{field: f.field, row: true}
		case f.cell > MaxCellBytes:
			f.err = &limitError{field: f.field}
		}
		if f.err != nil {
			if i == 0 {
				return 0, f.err
			}
			return i, nil
		}
	}
	return n, err
}
