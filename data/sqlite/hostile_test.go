package sqlite

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"catracker/data"
)

// TestHugeCountsStillChart writes counts far above data.MaxCount straight
// into the incidents table, as an older version or another tool could
// have: two of the largest 64-bit integers in one month, which overflow
// the monthly summary, and others whose sums overflow across months. Every
// chart must still draw, with no value below zero or above what the
// clamped counts can add up to.
func TestHugeCountsStillChart(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "hostile.db"), Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const huge = math.MaxInt64
	rows := []struct {
		date, area, kind, stage, basis, grp, person string
		count                                       int64
	}{
		{"2023-03-10", "TJ", "death", "", "event", "", "", huge},
		{"2023-03-20", "TJ", "death", "", "event", "", "", huge},
		{"2023-01-05", "KG", "death", "", "event", "migrants", "", 5_000_000_000_000_000_000},
		{"2023-02-05", "KG", "death", "", "event", "migrants", "", 5_000_000_000_000_000_000},
		{"2023-04-01", "UZ", "death", "", "total", "", "", huge},
		{"2023-05-01", "UZ", "death", "", "event", "", "", 5},
		{"2023-06-01", "CA", "death", "", "at_least", "prisoners", "", huge},
		{"2023-06-02", "CA", "death", "", "estimate", "", "", huge},
		{"2023-03-01", "KZ", "prosecution", "charge", "event", "", "", huge},
		{"2023-03-02", "KZ", "prosecution", "sentence", "event", "", "", huge},
		{"2023-04-01", "KZ", "prosecution", "sentence", "total", "", "", huge},
		{"2023-05-01", "KZ", "prosecution", "charge", "event", "", "Named Person", huge},
	}
	for i, r := range rows {
		d, err := data.ParseDate(r.date)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.db.ExecContext(ctx, `INSERT INTO incidents (ref, date, eff_date, month, area, kind, stage, count,
			basis, grp, person, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'hostile')`,
			fmt.Sprint("h", i), r.date, d.End().Format("2006-01-02"), d.MonthIndex(), r.area, r.kind, r.stage, r.count,
			r.basis, r.grp, r.person); err != nil {
			t.Fatalf("insert row %d: %v", i, err)
		}
	}
	// A bulk load that updates an incident computes the monthly summary
	// afresh from every incident, the hostile ones too.
	var b strings.Builder
	b.WriteString(importHeader)
	for i := range bulkRows {
		b.WriteString(genRow(fmt.Sprint("g", i), i, "s"))
	}
	b.WriteString(genRow("h5", 1, "now valid"))
	if _, err := importBody(t, st, b.String()); err != nil {
		t.Fatalf("bulk load into a database with huge counts: %v", err)
	}
	if _, err := st.db.ExecContext(ctx, `DELETE FROM incidents WHERE ref LIKE 'g%'`); err != nil {
		t.Fatal(err)
	}
	rows = slices.Delete(rows, 5, 6)

	// Every count clamped to MaxCount: the figures add them up so.
	c, err := st.Chart(ctx, data.Filter{Family: data.Deaths, Areas: data.Areas, Period: data.PerYear, Cumulative: true})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, s := range c.Series {
		got[s.Code] = s.Values[len(s.Values)-1]
	}
	if want := map[string]int{"TJ": 2 * data.MaxCount, "KG": 2 * data.MaxCount, "UZ": data.MaxCount}; got["TJ"] != want["TJ"] ||
		got["KG"] != want["KG"] || got["UZ"] != want["UZ"] {
		t.Errorf("cumulative deaths = %v, want %v", got, want)
	}

	// No figure can be larger than all the clamped counts added up.
	bound := len(rows) * data.MaxCount
	for _, family := range []data.Family{data.Deaths, data.Prosecutions} {
		for _, period := range []data.Period{data.PerMonth, data.PerYear} {
			for _, cumulative := range []bool{false, true} {
				for _, by := range []data.By{data.ByArea, data.ByGroup} {
					for _, latest := range []bool{false, true} {
						if latest && family != data.Prosecutions {
							continue
						}
						f := data.Filter{Family: family, Areas: data.Areas, Period: period, Cumulative: cumulative,
							By: by, LatestStage: latest}
						name := fmt.Sprintf("%s by %s per %s, cumulative %v, latest stage %v", family, by, period,
							cumulative, latest)
						c, err := st.Chart(ctx, f)
						if err != nil {
							t.Fatalf("%s: %v", name, err)
						}
						if len(c.Series) == 0 {
							t.Errorf("%s: no series", name)
						}
						for _, s := range c.Series {
							for i, v := range s.Values {
								if v < 0 || v > bound {
									t.Errorf("%s: %s[%d] = %d, want 0 to %d", name, s.Code, i, v, bound)
								}
							}
						}
						for _, e := range c.Estimates {
							if e.Value < 0 || e.Value > data.MaxCount {
								t.Errorf("%s: estimate %d, want 0 to %d", name, e.Value, data.MaxCount)
							}
						}
					}
				}
			}
		}
	}
}
