package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"catracker/data"
)

// TestChartsListsEveryFamily: charts prints every chart family that
// export --chart takes, with its title, so that scripts (the README's
// gallery) pick up new families.
func TestChartsListsEveryFamily(t *testing.T) {
	r := run(t, "charts")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != len(data.Families) {
		t.Fatalf("charts printed %q, want one line per family %v", r.stdout, data.Families)
	}
	for i, f := range data.Families {
		code, title, ok := strings.Cut(lines[i], "\t")
		if !ok || code != string(f) || title == "" || title == "family."+code {
			t.Errorf("line %q, want %s, a tab and its title", lines[i], f)
		}
	}
	if r := run(t, "charts", "extra"); r.code != 2 {
		t.Errorf("charts extra: exit %d, want a usage error", r.code)
	}
}

// TestSourceDateEpochFixesTheFooterDate: with SOURCE_DATE_EPOCH set, an
// export says it was generated then, so the same data makes the same file.
func TestSourceDateEpochFixesTheFooterDate(t *testing.T) {
	freshHome(t)
	dir := t.TempDir()
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000") // 2023-11-14
	var files [2][]byte
	for i := range files {
		out := filepath.Join(dir, "deaths.svg")
		if r := run(t, "export", "--chart", "deaths", "--format", "svg", "--out", out); r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		files[i] = b
	}
	if !bytes.Contains(files[0], []byte("2023-11-14")) || !bytes.Equal(files[0], files[1]) {
		t.Error("two exports with SOURCE_DATE_EPOCH set differ or lack its date")
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if r := run(t, "export", "--chart", "deaths", "--out", filepath.Join(dir, "x.png")); r.code != 2 || !strings.Contains(r.stderr, "SOURCE_DATE_EPOCH") {
		t.Errorf("SOURCE_DATE_EPOCH=yesterday: exit %d, stderr %q; want a usage error naming it", r.code, r.stderr)
	}
}
