package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"catracker/data"
)

// monthlyRows reads the summary table, or the same summary computed afresh
// from the incidents, as comparable lines.
func monthlyRows(t *testing.T, st *Store, fresh bool) map[string]bool {
	t.Helper()
	q := `SELECT kind, area, channel, stage, side, named, month, events, cases, most, rows FROM monthly`
	if fresh {
		q = `SELECT kind, area, channel, stage, side, person <> '', month,
			COALESCE(SUM(CASE WHEN basis = 'event' THEN count END), 0),
			COALESCE(SUM(CASE WHEN basis = 'event' THEN COALESCE(count, 1) END), 0),
			COALESCE(MAX(CASE WHEN basis <> 'event' THEN count END), 0), COUNT(*)
			FROM incidents GROUP BY kind, area, channel, stage, side, person <> '', month`
	}
	rows, err := st.db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var k, a, c, s, sd string
		var named, month, events, cases, most, n int
		if err := rows.Scan(&k, &a, &c, &s, &sd, &named, &month, &events, &cases, &most, &n); err != nil {
			t.Fatal(err)
		}
		out[fmt.Sprint(k, a, c, s, sd, named, month, events, cases, most, n)] = true
	}
	return out
}

// TestMonthlySummaryFollowsEveryChange saves, updates and deletes random
// incidents and checks after each step that the trigger-maintained summary
// equals a fresh GROUP BY over the incidents.
func TestMonthlySummaryFollowsEveryChange(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "m.db"), Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rng := rand.New(rand.NewPCG(7, 7))
	var ids []int64
	random := func(ref string) *data.Incident {
		inc := &data.Incident{Ref: ref, Date: data.Date{Year: 2022 + rng.IntN(2), Month: 1 + rng.IntN(3)},
			Area: data.Countries[rng.IntN(2)], Kind: []data.Kind{data.Death, data.Prosecution, data.Recruitment}[rng.IntN(3)],
			Basis: data.Bases[rng.IntN(3)], Summary: "s", Sources: []data.Source{{Outlet: "O"}}}
		if rng.IntN(4) > 0 {
			n := rng.IntN(20)
			inc.Count = &n
		}
		switch inc.Kind {
		case data.Prosecution:
			inc.Stage = data.Stages[rng.IntN(2)]
			if rng.IntN(2) == 0 {
				inc.Person = fmt.Sprint("p", rng.IntN(3))
			}
		case data.Recruitment:
			inc.Channel = data.Channels[rng.IntN(2)].Code
		}
		if rng.IntN(3) == 0 {
			inc.Side = data.Russia
		}
		return inc
	}
	for step := range 300 {
		switch op := rng.IntN(10); {
		case op < 5 || len(ids) == 0:
			inc := random(fmt.Sprint("r", step))
			if err := st.SaveIncident(ctx, inc); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, inc.ID)
		case op < 8:
			i := rng.IntN(len(ids))
			inc := random(fmt.Sprint("u", step))
			inc.ID = ids[i]
			if err := st.SaveIncident(ctx, inc); err != nil {
				t.Fatal(err)
			}
		default:
			i := rng.IntN(len(ids))
			if err := st.DeleteIncident(ctx, ids[i]); err != nil {
				t.Fatal(err)
			}
			ids = append(ids[:i], ids[i+1:]...)
		}
		got, want := monthlyRows(t, st, false), monthlyRows(t, st, true)
		if len(got) != len(want) {
			t.Fatalf("step %d: summary has %d rows, incidents give %d", step, len(got), len(want))
		}
		for k := range want {
			if !got[k] {
				t.Fatalf("step %d: summary lacks %s", step, k)
			}
		}
	}
}
