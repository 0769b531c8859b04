package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A report size the report cannot draw is a usage error before any work,
// not a late failure with exit status 1.
func TestReportSizeBeyondWhatItCanDrawIsAUsageError(t *testing.T) {
	freshHome(t)
	out := filepath.Join(t.TempDir(), "report.pdf")
	for _, size := range [][]string{{"--width", "10000"}, {"--width", "8193"}, {"--height", "8193"}} {
		r := run(t, append([]string{"report", "--out", out}, size...)...)
		if r.code != 2 || !strings.Contains(r.stderr, "at most 8192 pixels") {
			t.Errorf("report %s: exit %d, %q; want 2 saying at most 8192 pixels", strings.Join(size, " "), r.code, r.stderr)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a report was written")
	}
}
