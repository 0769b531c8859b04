package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// groupsCSV holds figures about different groups of people: Tajik
// migrants, Tajik prisoners and Kyrgyz deaths whose group is not stated.
const groupsCSV = "ref,date,area,kind,count,basis,group,summary,source_outlet\n" +
	"tj-migrants,2022-05,TJ,death,10,total,migrants,Ten Tajik migrants killed in total,Outlet\n" +
	"tj-prisoners,2023-03,TJ,death,10,at_least,prisoners,At least ten Tajik prisoners killed,Outlet\n" +
	"kg-burials,2023-04,KG,death,3,event,,Three Kyrgyz burials,Outlet\n"

// groupsDB imports groupsCSV into a new database file and returns its path.
func groupsDB(t *testing.T) string {
	t.Helper()
	freshHome(t)
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "groups.csv")
	if err := os.WriteFile(csvPath, []byte(groupsCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "groups.db")
	if r := run(t, "import", "--db", db, csvPath); r.code != 0 {
		t.Fatalf("import: exit %d: %s", r.code, r.stderr)
	}
	return db
}

func TestExportByGroupCSV(t *testing.T) {
	db := groupsDB(t)
	r := run(t, "export", "--db", db, "--chart", "deaths", "--by", "group", "--cumulative", "--format", "csv", "--out", "-")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	s := readSeries(t, r.stdout)
	for code, want := range map[string]map[string]int{
		"migrants":  {"2022-05": 10, "2023-04": 10},
		"prisoners": {"2023-02": 0, "2023-03": 10},
		"unstated":  {"2023-03": 0, "2023-04": 3},
	} {
		if s[code] == nil {
			t.Errorf("no series %q in:\n%s", code, r.stdout)
			continue
		}
		for period, v := range want {
			if got := s[code][period]; got != v {
				t.Errorf("%s in %s = %d, want %d", code, period, got, v)
			}
		}
	}
	for code := range s {
		switch code {
		case "migrants", "prisoners", "unstated", "REGION":
		default:
			t.Errorf("unexpected series %q in a chart by group", code)
		}
	}

	// One group, by country: only the Tajik prisoners.
	r = run(t, "export", "--db", db, "--chart", "deaths", "--group", "Prisoners", "--cumulative", "--format", "csv", "--out", "-")
	if r.code != 0 {
		t.Fatalf("--group prisoners: exit %d: %s", r.code, r.stderr)
	}
	s = readSeries(t, r.stdout)
	if got := s["TJ"]["2023-04"]; got != 10 {
		t.Errorf("TJ prisoners in 2023-04 = %d, want 10 (the migrants are another group)", got)
	}
	if got := s["KG"]["2023-04"]; got != 0 {
		t.Errorf("KG prisoners in 2023-04 = %d, want 0 (the Kyrgyz figure states no group)", got)
	}
}

func TestGroupFlagsMisusedAreUsageErrors(t *testing.T) {
	freshHome(t)
	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"export", "--chart", "recruitment", "--by", "group", "--out", "-"}, "--by group is for the deaths, prosecutions and captured charts"},
		{[]string{"export", "--chart", "deaths", "--by", "country", "--out", "-"}, "--by must be area or group"},
		{[]string{"export", "--chart", "deaths", "--group", "soldiers", "--out", "-"}, "--group must be prisoners, migrants, mobilised or volunteers"},
		{[]string{"export", "--chart", "deaths", "--group", "unstated", "--out", "-"}, "--group unstated is not a choice"},
		{[]string{"export", "--chart", "timeline", "--group", "prisoners", "--out", "-"}, "--group is for the deaths, prosecutions and captured charts"},
		{[]string{"export", "--chart", "deaths", "--latest-stage", "--out", "-"}, "--latest-stage is for the prosecutions chart only"},
		{[]string{"export", "--chart", "prosecutions", "--latest-stage", "--stage", "sentence", "--out", "-"}, "cannot be used with --stage"},
		{[]string{"export", "--chart", "prosecutions", "--latest-stage", "--by", "group", "--out", "-"}, "cannot be used with --by group"},
		{[]string{"report", "--charts", "deaths,recruitment", "--latest-stage", "--out", "r.pdf"}, "--latest-stage needs the prosecutions chart"},
		{[]string{"report", "--charts", "recruitment,timeline", "--by", "group", "--out", "r.pdf"}, "--by and --group need the deaths, prosecutions or captured chart"},
	} {
		r := run(t, tt.args...)
		if r.code != 2 {
			t.Errorf("%v: exit %d, want 2; stderr %q", tt.args, r.code, r.stderr)
			continue
		}
		first, _, _ := strings.Cut(r.stderr, "\n")
		if !strings.Contains(first, tt.msg) || strings.Contains(first, "invalid flag") {
			t.Errorf("%v: message %q, want a plain one containing %q", tt.args, first, tt.msg)
		}
	}
	if r := run(t, "help"); !strings.Contains(r.stdout, "[--by area|group]") || !strings.Contains(r.stdout, "--latest-stage") {
		t.Errorf("the usage text lacks the group flags:\n%s", r.stdout)
	}
}

func TestReportWithGroupFlagsNamesItsImages(t *testing.T) {
	db := groupsDB(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "report.pdf")
	r := run(t, "report", "--db", db, "--charts", "deaths,prosecutions,recruitment", "--by", "group", "--group", "prisoners",
		"--images", dir, "--width", "600", "--height", "400", "--out", out)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, name := range []string{"deaths-by-group-prisoners-all-600x400.png", "prosecutions-by-group-prisoners-all-600x400.png",
		"recruitment-all-600x400.png"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("no image %s: %v", name, err)
		}
	}
}
