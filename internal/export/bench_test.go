package export_test

import (
	"context"
	"fmt"
	"io"
	"testing"

	"catracker/data"
	"catracker/data/sqlite"
	"catracker/internal/chart"
	"catracker/internal/export"
	"catracker/internal/synth"
)

// benchSizes are the database sizes, in incidents, of the interactive
// benchmarks. The databases are generated with seed 1 and cached between
// runs by synth.CachedDB; the first run builds the 1M one, which takes
// about a minute.
var benchSizes = []int{10_000, 100_000, 1_000_000}

// benchFilters are one filter change per chart family, named as in
// scripts/bench.sh. The timeline shows one country over one year: at 10k
// and 100k incidents one dot per report (190 and 1,900 reports), at a
// million by cell (18,882 reports, about 130 in each month and channel;
// see data.MaxPoints).
var benchFilters = []struct {
	name string
	f    data.Filter
}{
	{"deaths", data.Filter{Family: data.Deaths}},
	{"deaths-cumulative", data.Filter{Family: data.Deaths, Cumulative: true}},
	{"prosecutions", data.Filter{Family: data.Prosecutions, Period: data.PerQuarter}},
	{"recruitment", data.Filter{Family: data.RecruitmentReports}},
	{"timeline", data.Filter{Family: data.Timeline, Areas: []data.Area{data.KG}, From: 2023 * 12, To: 2023*12 + 11}},
}

// BenchmarkInteractive measures what a filter change costs in the app:
// the grouped query, the counting rules and rendering a 1200x700 PNG, for
// each chart family at 10k, 100k and 1M incidents. The target is 100 ms at
// 1M (see docs/PERFORMANCE.md). The PNG is encoded to io.Discard, so the
// figure includes compression, which the app's on-screen path skips. The
// size comes first in the name (rows=N/family) so that a -bench pattern
// for one size opens only that database.
func BenchmarkInteractive(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			st := openBenchDB(b, n)
			for _, bf := range benchFilters {
				b.Run(bf.name, func(b *testing.B) { benchmarkFilterChange(b, st, bf.f) })
			}
		})
	}
}

// openBenchDB opens the cached synthetic database of n incidents and
// closes it when the benchmark ends.
func openBenchDB(b *testing.B, n int) *sqlite.Store {
	b.Helper()
	ctx := context.Background()
	path, err := synth.CachedDB(ctx, n, 1)
	if err != nil {
		b.Fatalf("benchmark database of %d incidents: %v", n, err)
	}
	st, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		b.Fatalf("open benchmark database %s: %v", path, err)
	}
	b.Cleanup(func() {
		if err := st.Close(); err != nil {
			b.Errorf("close benchmark database: %v", err)
		}
	})
	return st
}

// benchmarkFilterChange charts f from st and renders it as a 1200x700
// PNG, over and over.
func benchmarkFilterChange(b *testing.B, st *sqlite.Store, f data.Filter) {
	ctx := context.Background()
	if f.Period == "" {
		f.Period = data.PerMonth
	}
	req := export.Request{Filter: f, Format: "png",
		Options: chart.Options{Width: 1200, Height: 700, Scale: 1, Dataset: "bench.db"}}
	if err := req.Validate(); err != nil {
		b.Fatalf("request %+v: %v", f, err)
	}
	change := func() {
		c, err := st.Chart(ctx, req.Filter)
		if err != nil {
			b.Fatalf("chart %s: %v", f.Family, err)
		}
		if err := export.Write(io.Discard, c, req); err != nil {
			b.Fatalf("render %s: %v", f.Family, err)
		}
	}
	// Once before timing: the running app has parsed its fonts and warmed
	// SQLite's cache long before the user changes a filter.
	change()
	for b.Loop() {
		change()
	}
}
