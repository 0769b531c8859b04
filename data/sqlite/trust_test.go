package sqlite_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"catracker/data"
	"catracker/data/sqlite"
)

// TestFailedRollbackDiscardsTheConnection: a write transaction fails and
// so does its ROLLBACK. The connection must not go back to the pool still
// inside the transaction, where the next write could not begin (or would
// wait for its lock) and reads would see the failed import's rows.
func TestFailedRollbackDiscardsTheConnection(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	mustImport(t, st, deaths)
	restore := sqlite.FailRollbacks()
	_, err := importCSV(t, st, header+
		"a,2022-03,TJ,death,,1,event,,,,One,O,T,2022-03-05,\n"+
		"a,2022-04,TJ,death,,2,event,,,,Two,O,T,2022-04-05,\n")
	restore()
	var re *data.RowErrors
	if !errors.As(err, &re) {
		t.Fatalf("error = %v, want the duplicate ref reported", err)
	}
	for i := range 3 {
		one := 1
		inc := &data.Incident{Ref: "after-" + string(rune('a'+i)), Date: data.Date{Year: 2024}, Area: data.KG,
			Kind: data.Death, Basis: data.Event, Count: &one, Summary: "s", Sources: []data.Source{{Outlet: "O"}}}
		if err := st.SaveIncident(ctx, inc); err != nil {
			t.Fatalf("write %d after the failed rollback: %v", i, err)
		}
		stats, err := st.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := 5 + i + 1; stats.Incidents != want {
			t.Errorf("%d incidents after write %d, want %d (the failed import's rows must not show)", stats.Incidents, i, want)
		}
	}
}

// TestImportIntoDamagedDatabaseIsRefused: two pages a third of the way
// into the file are overwritten with garbage, where a small import does
// not read (without the check it reported success). An import must
// refuse in plain words and write nothing.
func TestImportIntoDamagedDatabaseIsRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "damaged.db")
	st, err := sqlite.Open(ctx, path, sqlite.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString(header)
	for i := range 3000 {
		fmt.Fprintf(&b, "r%05d,2022-03,TJ,death,,1,event,,,,A summary long enough to fill some pages %d,Outlet %d,Title %d,2022-03-05,\n", i, i, i%50, i)
	}
	mustImport(t, st, b.String())
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := f.Stat()
	const page = 4096
	garbage := bytes.Repeat([]byte{0xAB}, 2*page)
	if _, err := f.WriteAt(garbage, info.Size()/3/page*page); err != nil {
		t.Fatal(err)
	}
	f.Close()
	before := checksum(t, path)

	st, err = sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatalf("the damaged file no longer opens at all, so the test proves nothing: %v", err)
	}
	defer st.Close()
	_, err = importCSV(t, st, header+"zz-new,2024-01,KG,death,,1,event,,,,New,Outlet 1,Title 1,2022-03-05,\n")
	if err == nil || !strings.Contains(err.Error(), "is damaged") || !strings.Contains(err.Error(), "nothing was written") {
		t.Fatalf("import into a damaged file: %v, want a plain refusal", err)
	}
	st.Close()
	if checksum(t, path) != before {
		t.Error("the refused import changed the damaged file")
	}
}

// TestRecruitmentListHoldsWhatTheChartCounts: a recruitment chart of
// Kyrgyzstan counts RU's measures, which concern every country, and
// reports about any group of people; its list of incidents must hold the
// same reports, and count as many as the chart's footer.
func TestRecruitmentListHoldsWhatTheChartCounts(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	mustImport(t, st, "ref,date,area,kind,channel,group,summary,source_outlet\n"+
		"ru-office,2022-09-20,RU,recruitment,migration_centre,,Office opened,A\n"+
		"kg-ads,2022-10,KG,recruitment,social_media_ads,,Ads,A\n"+
		"kg-prison,2022-11,KG,recruitment,prison,prisoners,Prison visits,A\n"+
		"uz-ads,2022-10,UZ,recruitment,social_media_ads,,Ads,A\n")
	for _, f := range []data.Filter{
		{Family: data.RecruitmentReports, Areas: []data.Area{data.KG}, Cumulative: true},
		{Family: data.RecruitmentReports, Areas: []data.Area{data.KG}, Cumulative: true, Group: data.Migrants},
		{Family: data.Timeline, Areas: []data.Area{data.KG}},
	} {
		c, err := st.Chart(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		list, err := st.Incidents(ctx, data.IncidentQuery{Filter: f})
		if err != nil {
			t.Fatal(err)
		}
		var refs []string
		for _, inc := range list {
			refs = append(refs, inc.Ref)
		}
		if got := strings.Join(refs, " "); got != "ru-office kg-ads kg-prison" {
			t.Errorf("%s %v group %q: list %q, want ru-office kg-ads kg-prison", f.Family, f.Areas, f.Group, got)
		}
		n, err := st.CountIncidents(ctx, data.IncidentQuery{Filter: f})
		if err != nil {
			t.Fatal(err)
		}
		if n != c.Incidents || n != 3 {
			t.Errorf("%s %v group %q: list counts %d, chart %d, want 3", f.Family, f.Areas, f.Group, n, c.Incidents)
		}
	}
}
