package cli_test

import (
	"bytes"
	"compress/zlib"
	"encoding/csv"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"

	"golang.org/x/text/unicode/norm"
)

// foldWords returns the words of s as a reader would compare them:
// percent-decoded, compatibility forms unified, lower case, accents left
// out.
func foldWords(s string) []string {
	if d, err := url.PathUnescape(s); err == nil {
		s = d
	}
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return strings.FieldsFunc(b.String(), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// named returns the first word of s that is one of names, or starts with
// one of stems (Cyrillic case forms).
func named(s string, names, stems []string) string {
	for _, w := range foldWords(s) {
		if slices.Contains(names, w) {
			return w
		}
		for _, st := range stems {
			if strings.HasPrefix(w, st) {
				return w
			}
		}
	}
	return ""
}

// exportRecords runs export-incidents with args and returns its rows with
// the header as the first.
func exportRecords(t *testing.T, args ...string) [][]string {
	t.Helper()
	r := run(t, append([]string{"export-incidents", "--out", "-"}, args...)...)
	if r.code != 0 {
		t.Fatalf("export-incidents %v: exit %d: %s", args, r.code, r.stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// checkNoNames fails for every cell of recs that names someone.
func checkNoNames(t *testing.T, recs [][]string, names, stems []string) {
	t.Helper()
	for i, rec := range recs[1:] {
		for j, cell := range rec {
			if w := named(cell, names, stems); w != "" {
				t.Errorf("row %d, column %s names someone (%q): %q", i+2, recs[0][j], w, cell)
			}
		}
	}
}

// sameCharts fails unless every chart of the databases a and b (blank for
// the default) has the same numbers.
func sameCharts(t *testing.T, a, b string, charts ...string) {
	t.Helper()
	for _, chart := range charts {
		args := func(db string) []string {
			out := []string{"export", "--chart", chart, "--format", "csv", "--out", "-"}
			if db != "" {
				out = append(out, "--db", db)
			}
			return out
		}
		ra, rb := run(t, args(a)...), run(t, args(b)...)
		if ra.code != 0 || rb.code != 0 || ra.stdout != rb.stdout {
			t.Errorf("%s chart differs after redaction:\n%s%s\n%s%s", chart, ra.stdout, ra.stderr, rb.stdout, rb.stderr)
		}
	}
}

// reimport imports the CSV text into a new database and returns its path.
func reimport(t *testing.T, recs [][]string) string {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, "safe.csv")
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(recs)
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "copy.db")
	if r := run(t, "import", "--db", db, p); r.code != 0 {
		t.Fatalf("importing the redacted file: %+v", r)
	}
	return db
}

// TestExportIncidentsNoNamesBundled: no column of the bundled data's safe
// export names the two people prosecuted, refs included, and the file
// imports again with the same numbers.
func TestExportIncidentsNoNamesBundled(t *testing.T) {
	freshHome(t)
	plain := exportRecords(t)
	person := slices.Index(plain[0], "person")
	var names []string
	for _, rec := range plain[1:] {
		for _, w := range foldWords(rec[person]) {
			if len([]rune(w)) >= 3 && w != "uulu" && !slices.Contains(names, w) {
				names = append(names, w)
			}
		}
	}
	if !slices.Contains(names, "kubanychbek") || !slices.Contains(names, "almaz") {
		t.Fatalf("the bundled dataset should name its two people: %v", names)
	}
	safe := exportRecords(t, "--no-names")
	checkNoNames(t, safe, names, nil)
	if len(safe) != len(plain) {
		t.Fatalf("%d rows, want %d", len(safe), len(plain))
	}
	refs := map[string]bool{}
	for _, rec := range safe[1:] {
		if refs[rec[0]] {
			t.Errorf("ref %s is not unique", rec[0])
		}
		refs[rec[0]] = true
		if p := rec[person]; p != "" && !regexp.MustCompile(`^Person \d+$`).MatchString(p) {
			t.Errorf("person %q is not a pseudonym", p)
		}
	}
	sameCharts(t, "", reimport(t, safe), "deaths", "prosecutions", "recruitment", "timeline")
}

// synthetic names people in every column, in many ways.
const synthetic = `ref,date,area,kind,stage,count,basis,side,person,summary,source_outlet,source_title,source_author,source_date,source_url,cited_as,notes
kg-ivan-petrov-detention-2023,2023-01,KG,prosecution,detention,1,event,russia,Ivan Petrov,"Police detained Ivan  Petrov (IVAN PETROV) in Bishkek; Mali is far.",Petrov Watch,"Ivan` + "\u00a0" + `Petrov detained",Petrov's friend,2023-01-05,https://kloop.kg/blog/2023/ivan-petrov-detained/,"Ivan Petrov's channel, 2023-01-04",Petrov alone; Ali spoke.
kg-petrov-sentence-2023,2023-06,KG,prosecution,sentence,1,event,russia,IVAN PETROV,"A court sentenced Ivan
Petrov.",Kloop,Sentence for petrov,,2023-06-02,https://kloop.kg/?p=ivan_petrov,,
kz-смирнова-charge-2023,2023-03,KZ,prosecution,charge,1,event,russia,Анна Смирнова,"Суд над Анной Смирновой; СМИРНОВА молчит.",Азаттык,Дело Смирновой,Анна Смирнова,2023-03-03,https://rus.azattyq.org/a/%D0%B0%D0%BD%D0%BD%D0%B0-%D1%81%D0%BC%D0%B8%D1%80%D0%BD%D0%BE%D0%B2%D0%BE%D0%B9/1.html,"Блог Смирновой, 2023-03-01",
tj-perez-investigation-2023,2023-04,TJ,prosecution,investigation,1,event,ukraine,José Pérez,"Jose` + "\u0301" + ` Pe` + "\u0301" + `rez was questioned; PÉREZ denies it.",Asia-Plus,Case of Jose Perez,,2023-04-09,https://asiaplus.tj/news/jose-perez,,
uz-ali-karimov-charge-2023,2023-05,UZ,prosecution,charge,1,event,russia,Ali Karimov,Ali Karimov left Mali for Russia.,Gazeta.uz,Karimov charged,,2023-05-10,https://www.gazeta.uz/ru/2023/05/10/karimov/,,"Mali, Somalia and Alice are not names here."
tj-deaths-2023,2023-05,TJ,death,,3,event,russia,,Three men died; one was a cousin of Karimov.,Asia-Plus,Three killed,,2023-05-12,,,Petrov's lawyer spoke.
`

// TestExportIncidentsNoNamesEveryColumn: a dataset that names its people
// in every column, in both scripts, in any case, a surname alone, with
// double and no-break spaces, line breaks, decomposed accents and URL
// slugs, exports without a name and keeps "Mali" while "Ali" is a name;
// "Ivan Petrov" and "IVAN PETROV" are one person, as cases count them.
func TestExportIncidentsNoNamesEveryColumn(t *testing.T) {
	home := freshHome(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "named.csv")
	if err := os.WriteFile(src, []byte(synthetic), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(home, "named.db")
	if r := run(t, "import", "--db", db, src); r.code != 0 {
		t.Fatalf("import: %+v", r)
	}
	safe := exportRecords(t, "--db", db, "--no-names")
	checkNoNames(t, safe, []string{"ivan", "petrov", "анна", "анной", "jose", "perez", "ali", "karimov"}, []string{"смирнов"})
	h := safe[0]
	col := func(name string) int { return slices.Index(h, name) }
	persons := map[string]int{}
	var text strings.Builder
	for _, rec := range safe[1:] {
		if p := rec[col("person")]; p != "" {
			persons[p]++
		}
		text.WriteString(strings.Join(rec, "\n"))
	}
	if len(persons) != 4 {
		t.Errorf("pseudonyms %v: want 4 people, Ivan Petrov and IVAN PETROV being one", persons)
	}
	for _, kept := range []string{"Mali is far", "left Mali for Russia", "Mali, Somalia and Alice", "https://kloop.kg/blog/2023/name-withheld-detained/"} {
		if !strings.Contains(text.String(), kept) {
			t.Errorf("the export lacks %q", kept)
		}
	}
	copyDB := reimport(t, safe)
	// Cases count by data.PersonKey in the store as in the pseudonyms:
	// Ivan Petrov's detention in January and IVAN PETROV's sentence in
	// June are one case in the data and in the redacted copy.
	sameCharts(t, db, copyDB, "deaths", "prosecutions", "recruitment", "timeline")
	r := run(t, "export", "--db", copyDB, "--chart", "prosecutions", "--format", "csv", "--out", "-")
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	s := readSeries(t, r.stdout)
	if s["KG"]["2023-01"] != 1 || s["KG"]["2023-06"] != 0 || s["KZ"]["2023-03"] != 1 || s["TJ"]["2023-04"] != 1 || s["UZ"]["2023-05"] != 1 {
		t.Errorf("prosecutions of the redacted copy: %v", s)
	}
}

// pdfText returns the text that the PDF b shows, as the report writes it:
// UTF-16 strings in Flate-compressed content streams.
func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	var out strings.Builder
	for _, m := range regexp.MustCompile(`(?s)stream\r?\n(.*?)endstream`).FindAllSubmatch(b, -1) {
		z, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		raw, _ := io.ReadAll(z)
		// fpdf shows a string as UTF-16BE, escaping parentheses,
		// backslashes and carriage returns.
		for _, s := range regexp.MustCompile(`(?s)\(((?:\\.|[^\\)])*)\)Tj`).FindAllSubmatch(raw, -1) {
			u := regexp.MustCompile(`(?s)\\(.)`).ReplaceAllFunc(s[1], func(e []byte) []byte {
				if e[1] == 'r' {
					return []byte{'\r'}
				}
				return e[1:]
			})
			units := make([]uint16, len(u)/2)
			for i := range units {
				units[i] = uint16(u[2*i])<<8 | uint16(u[2*i+1])
			}
			out.WriteString(string(utf16.Decode(units)) + "\n")
		}
	}
	return out.String()
}

// TestReportNoNamesWithholdsNamesInItsText: the whole text of a safe
// report (cover, figure captions and descriptions, the sources list)
// names nobody, while the same report without --no-names does, so the
// check can see names.
func TestReportNoNamesWithholdsNamesInItsText(t *testing.T) {
	home := freshHome(t)
	src := filepath.Join(t.TempDir(), "named.csv")
	if err := os.WriteFile(src, []byte(synthetic), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(home, "named.db")
	if r := run(t, "import", "--db", db, src); r.code != 0 {
		t.Fatalf("import: %+v", r)
	}
	names := []string{"ivan", "petrov", "анна", "jose", "perez", "ali", "karimov"}
	stems := []string{"смирнов"}
	for _, safe := range []bool{false, true} {
		out := filepath.Join(t.TempDir(), "report.pdf")
		args := []string{"report", "--db", db, "--out", out}
		if safe {
			args = append(args, "--no-names")
		}
		if r := run(t, args...); r.code != 0 {
			t.Fatalf("report: %+v", r)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, b)
		if !strings.Contains(text, "Gazeta.uz") {
			t.Fatalf("could not read the report's text:\n%s", text)
		}
		found := named(text, names, stems)
		if safe && found != "" {
			t.Errorf("the safe report names someone (%q):\n%s", found, text)
		}
		if !safe && found == "" {
			t.Errorf("the report without --no-names names nobody, so the check sees nothing:\n%s", text)
		}
	}
}
