package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"catracker/data"
	"catracker/data/csvio"
	"catracker/data/sqlite"
	"catracker/internal/synth"
)

// benchDB opens a database of n synthetic incidents, built once and kept
// between runs.
func benchDB(b *testing.B, n int) *sqlite.Store {
	b.Helper()
	path, err := synth.CachedDB(context.Background(), n, 1)
	if err != nil {
		b.Fatal(err)
	}
	st, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// BenchmarkChart measures query plus counting for each family at three
// sizes: what a filter change costs before rendering.
func BenchmarkChart(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		st := benchDB(b, n)
		for _, f := range []data.Filter{
			{Family: data.Deaths},
			{Family: data.Deaths, Cumulative: true},
			{Family: data.Prosecutions, Period: data.PerQuarter},
			{Family: data.RecruitmentReports},
			{Family: data.Timeline, Areas: []data.Area{data.KG}, From: 2023 * 12, To: 2023*12 + 11},
		} {
			name := fmt.Sprintf("%s/cum=%v/%s/rows=%d", f.Family, f.Cumulative, f.Period, n)
			b.Run(name, func(b *testing.B) {
				for b.Loop() {
					if _, err := st.Chart(context.Background(), f); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkImport measures importing 100,000 generated rows into a new
// database, parsing included.
func BenchmarkImport(b *testing.B) {
	const n = 100_000
	path := filepath.Join(b.TempDir(), "gen.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := synth.Generate(context.Background(), f, n, 1); err != nil {
		b.Fatal(err)
	}
	f.Close()
	for i := 0; b.Loop(); i++ {
		st, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), fmt.Sprintf("i%d.db", i)), sqlite.Options{Create: true})
		if err != nil {
			b.Fatal(err)
		}
		in, _ := os.Open(path)
		r, err := csvio.NewReader(in, path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := st.Import(context.Background(), r, nil); err != nil {
			b.Fatal(err)
		}
		in.Close()
		st.Close()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkSources measures a page of the Sources tab, with and without a
// search, against reading the whole list as the report does.
func BenchmarkSources(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		st := benchDB(b, n)
		b.Run(fmt.Sprintf("full-list/rows=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := st.Sources(context.Background()); err != nil {
					b.Fatal(err)
				}
			}
		})
		for _, q := range []data.SourceQuery{
			{Limit: 200},
			{Offset: 200_000, Limit: 200},
			{Search: "report 12", Limit: 200},
			{Search: "REPORT 12", Offset: 5_000, Limit: 200},
			{Search: "нет такого", Limit: 200},
		} {
			b.Run(fmt.Sprintf("page/search=%q/offset=%d/rows=%d", q.Search, q.Offset, n), func(b *testing.B) {
				for b.Loop() {
					if _, err := st.ListSources(context.Background(), q); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		b.Run(fmt.Sprintf("outlets/rows=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := st.Outlets(context.Background()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
