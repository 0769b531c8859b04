package cli_test

import (
	"bytes"
	"encoding/csv"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestReportPack(t *testing.T) {
	freshHome(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "report.pdf")
	r := run(t, "report", "--areas", "KG,KZ", "--per-country", "--images", dir, "--width", "1200", "--height", "675", "--out", out)
	if r.code != 0 {
		t.Fatalf("report: exit %d: %s", r.code, r.stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("report.pdf: %v", err)
	}
	// Cover, 5 charts for KG+KZ and 5 for each country, sources, method.
	pages := len(regexp.MustCompile(`/Type /Page\b`).FindAll(b, -1))
	if pages != 1+15+1+1 {
		t.Errorf("%d pages, want 18", pages)
	}
	for _, name := range []string{"deaths-all-1200x675.png", "timeline-KG-1200x675.png", "prosecutions-KZ-1200x675.png",
		"captured-all-1200x675.png"} {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("image %s: %v", name, err)
			continue
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil || cfg.Width != 2400 || cfg.Height != 1350 {
			t.Errorf("image %s: %v %dx%d, want 2400x1350 (2x)", name, err, cfg.Width, cfg.Height)
		}
	}
	if !strings.Contains(r.stdout, "15 charts, 15 images") {
		t.Errorf("summary: %s", r.stdout)
	}
	if r := run(t, "report", "--images", filepath.Join(dir, "missing"), "--out", out); r.code != 1 {
		t.Errorf("report into a missing images folder: %+v", r)
	}
}

func TestExportIncidentsRoundTripsAndWithholdsNames(t *testing.T) {
	home := freshHome(t)
	plain := run(t, "export-incidents", "--out", "-")
	if plain.code != 0 {
		t.Fatal(plain.stderr)
	}
	if !strings.Contains(plain.stdout, "Kubanychbek-uulu") {
		t.Fatal("the bundled dataset should name Askar Kubanychbek-uulu")
	}
	safe := run(t, "export-incidents", "--no-names", "--out", "-")
	if strings.Contains(safe.stdout, "Kubanychbek") || !strings.Contains(safe.stdout, "[name withheld]") {
		t.Errorf("--no-names output still names people or withholds nothing")
	}
	recs, err := csv.NewReader(strings.NewReader(safe.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	person := slices.Index(recs[0], "person")
	for _, rec := range recs[1:] {
		if p := rec[person]; p != "" && !strings.HasPrefix(p, "Person ") {
			t.Errorf("person %q is not a pseudonym", p)
		}
	}
	// The redacted file imports into a new database with the same counts.
	p := filepath.Join(t.TempDir(), "safe.csv")
	os.WriteFile(p, []byte(safe.stdout), 0o644)
	db := filepath.Join(home, "copy.db")
	if r := run(t, "import", "--db", db, p); r.code != 0 {
		t.Fatalf("re-import: %+v", r)
	}
	a := run(t, "export", "--chart", "prosecutions", "--cumulative", "--format", "csv", "--out", "-")
	b := run(t, "export", "--db", db, "--chart", "prosecutions", "--cumulative", "--format", "csv", "--out", "-")
	if a.stdout != b.stdout {
		t.Errorf("prosecution counts changed after pseudonymising:\n%s\n%s", a.stdout, b.stdout)
	}
}
