package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"catracker/data"
)

// TestTimelineCellsAndPoints checks the timeline's counts per month,
// channel and area against counting the incidents, that the points are
// listed one by one only when there are few enough (data.MaxPoints and
// data.MaxCellPoints), and that they then add up to the cells.
func TestTimelineCellsAndPoints(t *testing.T) {
	ctx := context.Background()
	// Every sixth row is a recruitment report, all of them in 2024, in
	// two months and two channels.
	stores := map[int]*Store{}
	storeOf := func(n int) *Store {
		if st := stores[n]; st != nil {
			return st
		}
		st, err := Open(ctx, filepath.Join(t.TempDir(), fmt.Sprint("tl", n, ".db")), Options{Create: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		var b strings.Builder
		b.WriteString(importHeader)
		for i := range n {
			b.WriteString(genRow(fmt.Sprint("t", i), i, "s"))
		}
		if _, err := importBody(t, st, b.String()); err != nil {
			t.Fatal(err)
		}
		stores[n] = st
		return st
	}
	for _, tc := range []struct {
		name   string
		rows   int
		filter data.Filter
		points bool
	}{
		{"more than MaxPoints", 6 * (data.MaxPoints + 600), data.Filter{Family: data.Timeline}, false},
		{"more than MaxCellPoints in a month", 6 * (data.MaxPoints + 600), data.Filter{Family: data.Timeline,
			Areas: []data.Area{data.KG}, From: 2024 * 12, To: 2024*12 + 11}, false},
		{"few", 240, data.Filter{Family: data.Timeline}, true},
		{"few of one side", 600, data.Filter{Family: data.Timeline, Side: data.Ukraine, Areas: []data.Area{data.TJ}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := storeOf(tc.rows)
			c, err := st.Chart(ctx, tc.filter)
			if err != nil {
				t.Fatal(err)
			}
			f := c.Filter
			where := `kind = 'recruitment' AND month BETWEEN ? AND ? AND area IN ('RU'`
			args := []any{f.From, f.To}
			for _, a := range f.Areas {
				where += ",?"
				args = append(args, string(a))
			}
			where += ")"
			if f.Side != data.SideUnknown {
				where, args = where+" AND side = ?", append(args, string(f.Side))
			}
			rows, err := st.db.Query(`SELECT month, channel, area, COUNT(*) FROM incidents WHERE `+where+`
				GROUP BY month, channel, area ORDER BY month, channel, area`, args...)
			if err != nil {
				t.Fatal(err)
			}
			var want []data.Cell
			total := 0
			for rows.Next() {
				var cell data.Cell
				if err := rows.Scan(&cell.Month, &cell.Channel, &cell.Area, &cell.Reports); err != nil {
					t.Fatal(err)
				}
				want = append(want, cell)
				total += cell.Reports
			}
			rows.Close()
			if !slices.Equal(c.Cells, want) {
				t.Errorf("cells differ from counting the incidents:\n got  %v\n want %v", c.Cells, want)
			}
			if c.Incidents != total {
				t.Errorf("incidents = %d, want %d", c.Incidents, total)
			}
			type slot struct {
				month   int
				channel data.Channel
			}
			perSlot, busiest := map[slot]int{}, 0
			for _, cell := range want {
				perSlot[slot{cell.Month, cell.Channel}] += cell.Reports
				busiest = max(busiest, perSlot[slot{cell.Month, cell.Channel}])
			}
			if total == 0 {
				t.Fatal("test data: no reports")
			}
			if few := total <= data.MaxPoints && busiest <= data.MaxCellPoints; few != tc.points {
				t.Fatalf("test data: %d reports, at most %d in a month and channel; expected points: %v",
					total, busiest, tc.points)
			}
			if !tc.points {
				if c.Points != nil {
					t.Errorf("%d points listed for %d reports, more than %d", len(c.Points), total, data.MaxPoints)
				}
				return
			}
			counted := map[data.Cell]int{}
			for _, p := range c.Points {
				counted[data.Cell{Month: p.Month, Channel: p.Channel, Area: p.Area}]++
			}
			for _, cell := range want {
				k := cell
				k.Reports = 0
				if counted[k] != cell.Reports {
					t.Errorf("cell %v: %d points, want %d", k, counted[k], cell.Reports)
				}
			}
			if len(c.Points) != total {
				t.Errorf("%d points, want %d", len(c.Points), total)
			}
		})
	}
}
