package sqlite_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"catracker/data"
	"catracker/data/csvio"
	"catracker/data/dataset"
	"catracker/data/sqlite"
)

const header = "ref,date,area,kind,stage,count,basis,channel,side,person,summary,source_outlet,source_title,source_date,cited_as\n"

func newStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"), sqlite.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// bundledStore is newStore holding the bundled dataset.
func bundledStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st := newStore(t)
	r, err := csvio.NewReader(dataset.Open(), dataset.Name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import(context.Background(), r, nil); err != nil {
		t.Fatal(err)
	}
	return st
}

func importCSV(t *testing.T, st *sqlite.Store, body string) (data.ImportResult, error) {
	t.Helper()
	r, err := csvio.NewReader(strings.NewReader(body), "test.csv")
	if err != nil {
		t.Fatalf("header: %v", err)
	}
	return st.Import(context.Background(), r, nil)
}

func mustImport(t *testing.T, st *sqlite.Store, body string) data.ImportResult {
	t.Helper()
	res, err := importCSV(t, st, body)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return res
}

func series(t *testing.T, st *sqlite.Store, f data.Filter) map[string]map[string]int {
	t.Helper()
	c, err := st.Chart(context.Background(), f)
	if err != nil {
		t.Fatalf("chart: %v", err)
	}
	out := map[string]map[string]int{}
	for _, s := range c.Series {
		out[s.Code] = map[string]int{}
		for i, p := range c.Periods {
			out[s.Code][p.String()] = s.Values[i]
		}
	}
	return out
}

const deaths = header +
	"tj-burials,2022-03,TJ,death,,4,event,,russia,,Four burials,Outlet A,T1,2022-03-25,\n" +
	"tj-total,2022-05,Tajikistan,death,,10,total,,russia,,Ten in total,Outlet B,T2,2022-05-30,Radio Ozodi\n" +
	"kg-burials,2022-03-10,kg,death,,3,event,,russia,,Three burials,Outlet A,T1,2022-03-25,\n" +
	"kg-more,2022-10,KG,death,,2,,,russia,,Two more,Outlet C,T3,2022-10-30,\n" +
	"ca-35,2023-02,CA,death,,35,at_least,,,,About 35 after a year,Outlet D | Outlet B,T4 | T5,2023-03-01 | 2023-03-02,\n"

func TestDeathsCountingRules(t *testing.T) {
	st := newStore(t)
	mustImport(t, st, deaths)

	cum := series(t, st, data.Filter{Family: data.Deaths, Cumulative: true, Period: data.PerMonth})
	if got := cum["TJ"]["2022-03"]; got != 4 {
		t.Errorf("TJ 2022-03 = %d, want 4", got)
	}
	if got := cum["TJ"]["2022-05"]; got != 10 {
		t.Errorf("TJ 2022-05 = %d, want 10, not 14", got)
	}
	if got := cum["KG"]["2023-02"]; got != 5 {
		t.Errorf("KG 2023-02 = %d, want 5", got)
	}
	if got := cum[data.UnattributedCode]["2023-02"]; got != 20 {
		t.Errorf("unattributed 2023-02 = %d, want 20", got)
	}
	if got := cum[data.RegionCode]["2023-02"]; got != 35 {
		t.Errorf("region 2023-02 = %d, want 35", got)
	}

	q := series(t, st, data.Filter{Family: data.Deaths, Period: data.PerQuarter})
	if got := q["TJ"]["2022-Q1"]; got != 4 {
		t.Errorf("TJ 2022-Q1 new = %d, want 4", got)
	}
	if got := q["TJ"]["2022-Q2"]; got != 6 {
		t.Errorf("TJ 2022-Q2 new = %d, want 6", got)
	}

	// A range that starts after the first records carries them forward.
	late := series(t, st, data.Filter{Family: data.Deaths, Cumulative: true, Period: data.PerMonth,
		From: 2022*12 + 5, To: 2022*12 + 6, Areas: []data.Area{data.TJ}})
	if got := late["TJ"]["2022-06"]; got != 10 {
		t.Errorf("TJ 2022-06 with a late start = %d, want 10", got)
	}
	if _, ok := late["KG"]; ok {
		t.Error("KG shown though not selected")
	}

	side := series(t, st, data.Filter{Family: data.Deaths, Cumulative: true, Side: data.Ukraine})
	for code, vals := range side {
		for p, v := range vals {
			if v != 0 {
				t.Errorf("side ukraine: %s %s = %d, want 0", code, p, v)
			}
		}
	}
}

func TestChartFooterFacts(t *testing.T) {
	st := newStore(t)
	mustImport(t, st, deaths)
	c, err := st.Chart(context.Background(), data.Filter{Family: data.Deaths, Areas: []data.Area{data.TJ}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Incidents != 2 {
		t.Errorf("incidents behind a TJ chart = %d, want 2", c.Incidents)
	}
	if strings.Join(c.Outlets, ",") != "Outlet A,Outlet B" {
		t.Errorf("outlets = %v, want Outlet A and Outlet B", c.Outlets)
	}
}

const prosecutions = header +
	"kg-a-detention,2023-01,KG,prosecution,detention,,,,russia,Askar K,Detained,Kloop,T,2023-01-20,\n" +
	"kg-a-sentence,2023-05,KG,prosecution,sentence,,,,russia,Askar K,Sentenced,Kloop,T,2023-05-20,\n" +
	"kg-a-retrial,2023-08-30,KG,prosecution,retrial,,,,russia,Askar K,Retrial,Kloop,T,2023-08-30,\n" +
	"kz-ten,2023-05,KZ,prosecution,investigation,10,event,,,,Ten cases,Nikkei,T,2023-08-15,\n" +
	"kg-b-detention,2023-08,KG,prosecution,detention,,,,,Other Person,Detained,Nikkei,T,2023-08-15,\n"

func TestProsecutionCases(t *testing.T) {
	st := newStore(t)
	mustImport(t, st, prosecutions)

	byFirst := series(t, st, data.Filter{Family: data.Prosecutions, Period: data.PerMonth})
	if got := byFirst["KG"]["2023-01"]; got != 1 {
		t.Errorf("KG cases 2023-01 = %d, want 1 (dated by first stage)", got)
	}
	if got := byFirst["KG"]["2023-05"]; got != 0 {
		t.Errorf("KG cases 2023-05 = %d, want 0: the sentence is the same case", got)
	}
	if got := byFirst["KG"]["2023-08"]; got != 1 {
		t.Errorf("KG cases 2023-08 = %d, want 1 (the other person; the retrial is not a new case)", got)
	}
	if got := byFirst["KZ"]["2023-05"]; got != 10 {
		t.Errorf("KZ cases 2023-05 = %d, want 10", got)
	}

	bySentence := series(t, st, data.Filter{Family: data.Prosecutions, Period: data.PerMonth, Stage: data.Sentence,
		From: 2023*12 + 0, To: 2023*12 + 7})
	if got := bySentence["KG"]["2023-05"]; got != 1 {
		t.Errorf("KG sentences 2023-05 = %d, want 1", got)
	}
	if got := bySentence["KG"]["2023-01"] + bySentence["KG"]["2023-08"] + bySentence["KZ"]["2023-05"]; got != 0 {
		t.Errorf("cases without a sentence counted: %d", got)
	}

	cum := series(t, st, data.Filter{Family: data.Prosecutions, Period: data.PerYear, Cumulative: true})
	if got := cum["KG"]["2023"]; got != 2 {
		t.Errorf("KG cases in 2023 = %d, want 2 people", got)
	}
}

func TestRecruitmentIncludesRussianMeasures(t *testing.T) {
	st := newStore(t)
	mustImport(t, st, header+
		"ru-office,2022-09-20,RU,recruitment,,,,migration_centre,,,Office opened,A,T,2022-09-21,\n"+
		"kg-ads,2022-10,KG,recruitment,,,,social_media_ads,,,Ads,A,T,2022-10-30,\n"+
		"uz-ads,2022-10,UZ,recruitment,,,,social_media_ads,,,Ads,A,T,2022-10-30,\n")
	s := series(t, st, data.Filter{Family: data.RecruitmentReports, Areas: []data.Area{data.KG}, Period: data.PerMonth})
	if got := s["migration_centre"]["2022-09"]; got != 1 {
		t.Errorf("RU migration centre report = %d, want 1", got)
	}
	if got := s["social_media_ads"]["2022-10"]; got != 1 {
		t.Errorf("KG social media reports = %d, want 1 (UZ not selected)", got)
	}
	c, err := st.Chart(context.Background(), data.Filter{Family: data.Timeline, Areas: []data.Area{data.UZ}})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Points) != 2 {
		t.Errorf("timeline points = %d, want 2 (RU and UZ)", len(c.Points))
	}
}

func checksum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestImportIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "t.db")
	st, err := sqlite.Open(context.Background(), path, sqlite.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	mustImport(t, st, deaths)
	st.Close()
	before := checksum(t, path)

	var b bytes.Buffer
	b.WriteString(header)
	for i := range 1000 {
		count := "1"
		if i == 617 {
			count = "-3"
		}
		fmt.Fprintf(&b, "gen-%d,2023-04,UZ,death,,%s,event,,,,Row %d,Outlet,T,2023-05-01,\n", i, count, i)
	}
	st, err = sqlite.Open(context.Background(), path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = importCSV(t, st, b.String())
	st.Close()
	var re *data.RowErrors
	if !errors.As(err, &re) || re.Total != 1 {
		t.Fatalf("import error = %v, want one row error", err)
	}
	// Row 619: the header is row 1 and gen-617 is the 618th record.
	if got := re.List[0]; got.Row != 619 || got.Column != "count" || !strings.Contains(got.Error(), "test.csv:619:count") {
		t.Errorf("error = %q, want row 619, column count", got.Error())
	}
	if checksum(t, path) != before {
		t.Error("the database file changed although the import failed")
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		if info, _ := os.Stat(path + "-wal"); info.Size() > 0 {
			t.Error("a WAL with content was left behind")
		}
	}
}

func TestReimportIsIdempotent(t *testing.T) {
	st := newStore(t)
	first := mustImport(t, st, deaths)
	if first.Added != 5 || first.Updated != 0 {
		t.Errorf("first import = %+v, want 5 added", first)
	}
	second := mustImport(t, st, deaths)
	if second.Added != 0 || second.Updated != 5 {
		t.Errorf("second import = %+v, want 5 updated", second)
	}
	stats, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if stats.Incidents != 5 || stats.Sources != 5 {
		t.Errorf("after two imports: %d incidents, %d sources; want 5 and 5", stats.Incidents, stats.Sources)
	}
	// An updated count replaces the old one.
	mustImport(t, st, header+"tj-total,2022-05,TJ,death,,12,total,,russia,,Twelve in total,Outlet B,T2,2022-05-30,\n")
	cum := series(t, st, data.Filter{Family: data.Deaths, Cumulative: true})
	if got := cum["TJ"]["2022-05"]; got != 12 {
		t.Errorf("TJ after update = %d, want 12", got)
	}
}

func TestDuplicateRefInFileIsRejected(t *testing.T) {
	st := newStore(t)
	_, err := importCSV(t, st, header+
		"a,2022-03,TJ,death,,1,event,,,,One,O,T,2022-03-05,\n"+
		"a,2022-04,TJ,death,,2,event,,,,Two,O,T,2022-04-05,\n")
	var re *data.RowErrors
	if !errors.As(err, &re) || re.List[0].Row != 3 || re.List[0].Column != "ref" {
		t.Fatalf("error = %v, want a ref error at row 3", err)
	}
	stats, _ := st.Stats(context.Background())
	if stats.Incidents != 0 {
		t.Errorf("%d incidents written by a failed import", stats.Incidents)
	}
}

func TestSaveAndDeleteIncident(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	two := 2
	inc := &data.Incident{Ref: "new", Date: data.Date{Year: 2024, Month: 1}, Area: data.UZ, Kind: data.Death,
		Basis: data.Event, Count: &two, Summary: "Two deaths", Sources: []data.Source{{Outlet: "Gazeta.uz", CitedAs: "RFE/RL"}}}
	if err := st.SaveIncident(ctx, inc); err != nil {
		t.Fatal(err)
	}
	got, err := st.Incident(ctx, inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Ref != "new" || *got.Count != 2 || len(got.Sources) != 1 || got.Sources[0].CitedAs != "RFE/RL" {
		t.Errorf("stored incident = %+v", got)
	}
	dup := *inc
	dup.ID = 0
	if err := st.SaveIncident(ctx, &dup); data.ErrorCode(err) != data.ECONFLICT {
		t.Errorf("saving a second incident with the same ref: %v, want a conflict", err)
	}
	bad := *inc
	bad.Channel = "prison"
	if err := st.SaveIncident(ctx, &bad); data.ErrorCode(err) != data.EINVALID {
		t.Errorf("saving a death with a channel: %v, want invalid", err)
	}
	if err := st.DeleteIncident(ctx, inc.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Incident(ctx, inc.ID); data.ErrorCode(err) != data.ENOTFOUND {
		t.Errorf("deleted incident: %v, want not found", err)
	}
	stats, _ := st.Stats(ctx)
	if stats.Sources != 0 {
		t.Errorf("%d sources left after deleting the only incident", stats.Sources)
	}
}

func TestIncidentsPaging(t *testing.T) {
	st := newStore(t)
	mustImport(t, st, deaths)
	ctx := context.Background()
	q := data.IncidentQuery{Sort: data.Sort{Column: "count", Desc: true}, Limit: 2}
	page, err := st.Incidents(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != 2 || *page[0].Count != 35 || *page[1].Count != 10 {
		t.Errorf("first page by count = %v", page)
	}
	q.Offset = 4
	page, _ = st.Incidents(ctx, q)
	if len(page) != 1 {
		t.Errorf("last page has %d rows, want 1", len(page))
	}
	n, _ := st.CountIncidents(ctx, data.IncidentQuery{Filter: data.Filter{Areas: []data.Area{data.TJ}}})
	if n != 2 {
		t.Errorf("TJ incidents = %d, want 2", n)
	}
}

func TestOpenRejectsOtherFiles(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A real database of ours, to cut short.
	good := filepath.Join(dir, "good.db")
	st, err := sqlite.Open(ctx, good, sqlite.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	mustImport(t, st, deaths)
	st.Close()
	whole, _ := os.ReadFile(good)
	// A SQLite file of another program.
	other := filepath.Join(dir, "other.db")
	{
		db, err := sql.Open("sqlite3", other)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("CREATE TABLE contacts (name TEXT)"); err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0}, 600)...)
	tests := []struct {
		name, path, want string
	}{
		{"random bytes", write("random.db", bytes.Repeat([]byte("not a database "), 300)), "not a Central Asia War Tracker database"},
		{"a PNG image", write("image.db", png), "not a Central Asia War Tracker database"},
		{"empty file", write("empty.db", nil), "is empty, not a database"},
		{"truncated database", write("cut.db", whole[:len(whole)/3]), "damaged"},
		{"another program's database", other, "database of another program"},
		{"missing file", filepath.Join(dir, "missing.db"), "there is no database"},
		{"missing folder", filepath.Join(dir, "nope", "x.db"), "there is no database"},
		{"a folder", dir, "is a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before [32]byte
			info, statErr := os.Stat(tt.path)
			if statErr == nil && !info.IsDir() {
				before = checksum(t, tt.path)
			}
			st, err := sqlite.Open(ctx, tt.path, sqlite.Options{})
			if err == nil {
				st.Close()
				t.Fatal("opened")
			}
			if !strings.Contains(err.Error(), tt.want) || data.ErrorCode(err) == data.EINTERNAL {
				t.Errorf("error = %q (%s), want a plain message containing %q", err, data.ErrorCode(err), tt.want)
			}
			if statErr == nil && !info.IsDir() && checksum(t, tt.path) != before {
				t.Error("the file was modified")
			}
			// The app stays usable: another database still opens.
			ok, err := sqlite.Open(ctx, good, sqlite.Options{})
			if err != nil {
				t.Fatalf("opening a good database afterwards: %v", err)
			}
			ok.Close()
		})
	}
}

func TestLockedDatabaseGivesPlainMessage(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	st, err := sqlite.Open(ctx, path, sqlite.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// Another program holds the write lock.
	other, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	_, err = importCSV(t, st, deaths)
	if err == nil || !strings.Contains(err.Error(), "in use by another program") || data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("import while locked: %v (%s), want a plain 'in use' message", err, data.ErrorCode(err))
	}
	conn.ExecContext(ctx, "ROLLBACK")
	if _, err := importCSV(t, st, deaths); err != nil {
		t.Fatalf("import after the lock is released: %v", err)
	}
}

func TestRangeWithoutIncidentsIsAnEmptyChart(t *testing.T) {
	st := newStore(t)
	mustImport(t, st, deaths)
	c, err := st.Chart(context.Background(), data.Filter{Family: data.Deaths, From: 2030 * 12})
	if err != nil {
		t.Fatalf("a range after the last incident: %v, want an empty chart", err)
	}
	if !c.Empty() || len(c.Periods) != 1 || c.Periods[0].String() != "2030-01" {
		t.Errorf("chart = %+v, want one empty period 2030-01", c)
	}
	if _, err := st.Chart(context.Background(), data.Filter{Family: data.Deaths, From: 2023 * 12, To: 2022 * 12}); data.ErrorCode(err) != data.EINVALID {
		t.Errorf("a range that ends before it starts: %v, want invalid", err)
	}
	// Per period, the footer counts only incidents inside the range.
	in, err := st.Chart(context.Background(), data.Filter{Family: data.Deaths, From: 2022*12 + 4, Areas: []data.Area{data.TJ}})
	if err != nil {
		t.Fatal(err)
	}
	if in.Incidents != 1 {
		t.Errorf("TJ deaths from May 2022 count %d incidents, want 1 (the March burials are before the range)", in.Incidents)
	}
}
