package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportInRussian(t *testing.T) {
	freshHome(t)
	ru := run(t, "export", "--chart", "deaths", "--format", "svg", "--lang", "ru", "--out", "-")
	if ru.code != 0 {
		t.Fatalf("exit %d: %s", ru.code, ru.stderr)
	}
	for _, want := range []string{"Гибель граждан стран Центральной Азии по месяцам", "Погибшие (подтверждённый минимум)",
		"Таджикистан", ">янв<", "Цифры — подтверждённый минимум."} {
		if !strings.Contains(ru.stdout, want) {
			t.Errorf("the Russian SVG lacks %q", want)
		}
	}
	en := run(t, "export", "--chart", "deaths", "--format", "svg", "--out", "-")
	if en.code != 0 || !strings.Contains(en.stdout, "Deaths of Central Asian nationals per month") || strings.Contains(en.stdout, "Гибель") {
		t.Errorf("without --lang the chart is not in English: exit %d", en.code)
	}
	csv := run(t, "export", "--chart", "deaths", "--format", "csv", "--lang", "ru", "--out", "-")
	if csv.code != 0 || !strings.Contains(csv.stdout, ",TJ,Таджикистан,") || !strings.HasPrefix(csv.stdout, "period,series_code,series,value\n") {
		t.Errorf("the Russian CSV should keep its columns and codes and name the series in Russian: %q", csv.stdout)
	}
	if r := run(t, "export", "--chart", "deaths", "--lang", "fr", "--out", "-"); r.code != 2 || !strings.Contains(r.stderr, "--lang") {
		t.Errorf("--lang fr: exit %d, stderr %q; want a usage error", r.code, r.stderr)
	}
}

func TestExportWithPatterns(t *testing.T) {
	freshHome(t)
	plain := run(t, "export", "--chart", "deaths", "--format", "svg", "--out", "-")
	hatched := run(t, "export", "--chart", "deaths", "--format", "svg", "--patterns", "--out", "-")
	if plain.code != 0 || hatched.code != 0 {
		t.Fatalf("exit %d and %d: %s %s", plain.code, hatched.code, plain.stderr, hatched.stderr)
	}
	if strings.Count(hatched.stdout, "<path") <= strings.Count(plain.stdout, "<path") {
		t.Error("--patterns draws no hatches")
	}
}

func TestReportInRussian(t *testing.T) {
	freshHome(t)
	out := filepath.Join(t.TempDir(), "report.pdf")
	if r := run(t, "report", "--lang", "ru", "--patterns", "--charts", "deaths", "--out", out); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if b, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Errorf("no PDF: %v", err)
	}
	if r := run(t, "report", "--lang", "xx", "--out", out); r.code != 2 {
		t.Errorf("report --lang xx: exit %d, want 2", r.code)
	}
}
