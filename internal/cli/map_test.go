package cli_test

import (
	"bytes"
	"encoding/csv"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// export --chart map writes every format for every measure, and its CSV
// gives each country's figure over the dates: for deaths, the last values
// of the cumulative deaths chart.
func TestExportMap(t *testing.T) {
	freshHome(t)
	dir := t.TempDir()
	for _, measure := range []string{"deaths", "cases", "recruitment"} {
		for _, format := range []string{"png", "svg", "pdf", "csv"} {
			out := filepath.Join(dir, measure+"."+format)
			r := run(t, "export", "--chart", "map", "--measure", measure, "--format", format, "--width", "600", "--height", "400",
				"--lang", "ru", "--patterns", "--out", out)
			if r.code != 0 {
				t.Errorf("%s %s: exit %d: %s", measure, format, r.code, r.stderr)
				continue
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			switch format {
			case "png":
				if img, err := png.Decode(bytes.NewReader(b)); err != nil || img.Bounds().Dx() != 600 || img.Bounds().Dy() != 400 {
					t.Errorf("%s png: %v", measure, err)
				}
			case "pdf":
				if !bytes.HasPrefix(b, []byte("%PDF")) {
					t.Errorf("%s pdf does not start with %%PDF", measure)
				}
			case "svg":
				if !bytes.Contains(b, []byte("<svg")) || !bytes.Contains(b, []byte("Таджикистан")) {
					t.Errorf("%s svg has no map in Russian", measure)
				}
			case "csv":
				if !bytes.HasPrefix(b, []byte("period,series_code,series,value\n")) || !bytes.Contains(b, []byte(",KG,Кыргызстан,")) {
					t.Errorf("%s csv:\n%s", measure, b)
				}
			}
		}
	}
	r := run(t, "export", "--chart", "map", "--format", "csv", "--out", "-")
	recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || r.code != 0 {
		t.Fatalf("map csv: %v %s", err, r.stderr)
	}
	got := map[string]string{}
	for _, rec := range recs[1:] {
		got[rec[1]] = rec[3]
		if !strings.Contains(rec[0], "/") {
			t.Errorf("the period of %v is not a range of months", rec)
		}
	}
	cum := readSeries(t, run(t, "export", "--chart", "deaths", "--cumulative", "--format", "csv", "--out", "-").stdout)
	for _, code := range []string{"KG", "TJ", "REGION", "UNATTRIBUTED"} {
		last, lastPeriod := 0, ""
		for p, v := range cum[code] {
			if p > lastPeriod {
				last, lastPeriod = v, p
			}
		}
		if got[code] != strconv.Itoa(last) {
			t.Errorf("map %s = %s, the cumulative chart ends at %d", code, got[code], last)
		}
	}
}

func TestMapFlags(t *testing.T) {
	freshHome(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "--chart", "deaths", "--measure", "cases", "--out", "-"}, "--measure is for the map only"},
		{[]string{"export", "--chart", "map", "--measure", "births", "--out", "-"}, "--measure must be deaths, cases or recruitment"},
		{[]string{"export", "--chart", "map", "--areas", "KG", "--out", "-"}, "--areas does not apply to the map"},
		{[]string{"export", "--chart", "map", "--cumulative", "--out", "-"}, "--cumulative does not apply to the map"},
		{[]string{"export", "--chart", "map", "--measure", "recruitment", "--group", "prisoners", "--out", "-"}, "--group is for"},
		{[]string{"report", "--charts", "deaths", "--measure", "cases", "--out", "r.pdf"}, "--measure needs the map in --charts"},
	} {
		if r := run(t, tc.args...); r.code != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: exit %d, %q; want usage error %q", tc.args, r.code, r.stderr, tc.want)
		}
	}
	if r := run(t, "export", "--chart", "map", "--measure", "cases", "--group", "prisoners", "--format", "csv", "--out", "-"); r.code != 0 {
		t.Errorf("a map of one group's cases: exit %d: %s", r.code, r.stderr)
	}
	if r := run(t, "help"); !strings.Contains(r.stdout, "|captured|map") || !strings.Contains(r.stdout, "--measure deaths|cases|recruitment") {
		t.Errorf("the usage does not name the map:\n%s", r.stdout)
	}
}

// report --charts takes the map, once, with its measure.
func TestReportWithMap(t *testing.T) {
	freshHome(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "r.pdf")
	r := run(t, "report", "--charts", "deaths,map", "--measure", "recruitment", "--per-country", "--areas", "KG",
		"--images", dir, "--width", "600", "--height", "400", "--out", out)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "3 charts") {
		t.Errorf("the report should hold deaths, the map, and deaths for KG: %s", r.stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "map-recruitment-all-600x400.png")); err != nil {
		t.Error(err)
	}
}
