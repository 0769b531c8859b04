package sqlite

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"catracker/data"
)

// monthlyRows reads the summary table, or the same summary computed afresh
// from the incidents, as comparable lines.
func monthlyRows(t *testing.T, st *Store, fresh bool) map[string]bool {
	t.Helper()
	q := `SELECT kind, area, channel, stage, side || '/' || grp, named, month, events, cases, most, est, rows FROM monthly`
	if fresh {
		q = `SELECT kind, area, channel, stage, side || '/' || grp, person <> '', month,
			COALESCE(SUM(CASE WHEN basis = 'event' THEN count END), 0),
			COALESCE(SUM(CASE WHEN basis = 'event' THEN COALESCE(count, 1) END), 0),
			COALESCE(MAX(CASE WHEN basis = 'total' OR basis = 'at_least' THEN count END), 0),
			COALESCE(MAX(CASE WHEN basis = 'estimate' THEN count END), 0), COUNT(*)
			FROM incidents GROUP BY kind, area, channel, stage, side, grp, person <> '', month`
	}
	rows, err := st.db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var k, a, c, s, sd string
		var named, month, events, cases, most, est, n int
		if err := rows.Scan(&k, &a, &c, &s, &sd, &named, &month, &events, &cases, &most, &est, &n); err != nil {
			t.Fatal(err)
		}
		out[fmt.Sprint(k, a, c, s, sd, named, month, events, cases, most, est, n)] = true
	}
	return out
}

// TestMonthlySummaryFollowsEveryChange saves, updates and deletes random
// incidents and checks after each step that the trigger-maintained
// summaries (monthly, person_cases, case_months) equal a fresh GROUP BY
// over the incidents, and that prosecution cases counted from them equal
// cases counted straight from the incidents under every filter.
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
			Basis: data.Bases[rng.IntN(len(data.Bases))], Summary: "s", Sources: []data.Source{{Outlet: "O"}}}
		if rng.IntN(2) == 0 {
			inc.Group = data.Groups[rng.IntN(2)]
		}
		if rng.IntN(4) > 0 || inc.Basis != data.Event { // only an event may have no count
			n := rng.IntN(20)
			inc.Count = &n
		}
		switch inc.Kind {
		case data.Prosecution:
			inc.Stage = data.Stages[rng.IntN(3)]
			if rng.IntN(2) == 0 {
				inc.Person = fmt.Sprint("p", rng.IntN(3))
			}
		case data.Recruitment:
			inc.Channel = data.Channels[rng.IntN(2)].Code
		}
		inc.Side = []data.Side{data.SideUnknown, data.Russia, data.Ukraine}[rng.IntN(3)]
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
		sameRows(t, fmt.Sprintf("step %d: monthly", step), monthlyRows(t, st, false), monthlyRows(t, st, true))
		sameRows(t, fmt.Sprintf("step %d: person_cases", step), summaryRows(t, st, personCasesQuery),
			summaryRows(t, st, freshPersonCasesQuery))
		sameRows(t, fmt.Sprintf("step %d: case_months", step), summaryRows(t, st, caseMonthsQuery),
			summaryRows(t, st, freshCaseMonthsQuery))
		sameCaseBuckets(t, st, fmt.Sprintf("step %d", step))
	}
}

func sameRows(t *testing.T, what string, got, want map[string]bool) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: summary has %d rows, incidents give %d", what, len(got), len(want))
	}
	for k := range want {
		if !got[k] {
			t.Fatalf("%s: summary lacks %s", what, k)
		}
	}
}

// The case summaries, and the same computed afresh from the incidents.
const (
	personCasesQuery      = `SELECT area, person_key || '/' || grp, side, stage, first, rows FROM person_cases`
	freshPersonCasesQuery = `SELECT area, person_key || '/' || grp AS pg, '*' AS side, '*' AS stage, MIN(month) AS first,
			COUNT(*) AS rows FROM incidents WHERE kind = 'prosecution' AND person_key <> '' GROUP BY area, person_key, grp
		UNION ALL SELECT area, person_key || '/' || grp, '*', stage, MIN(month), COUNT(*) FROM incidents
			WHERE kind = 'prosecution' AND person_key <> '' GROUP BY area, person_key, grp, stage
		UNION ALL SELECT area, person_key || '/' || grp, side, '*', MIN(month), COUNT(*) FROM incidents
			WHERE kind = 'prosecution' AND person_key <> '' AND side <> '' GROUP BY area, person_key, grp, side
		UNION ALL SELECT area, person_key || '/' || grp, side, stage, MIN(month), COUNT(*) FROM incidents
			WHERE kind = 'prosecution' AND person_key <> '' AND side <> '' GROUP BY area, person_key, grp, side, stage`
	caseMonthsQuery      = `SELECT side, stage, area || '/' || grp, month, cases, rows FROM case_months`
	freshCaseMonthsQuery = `SELECT side, stage, area || '/' || substr(pg, instr(pg, '/') + 1), first, COUNT(*), SUM(rows)
		FROM (` + freshPersonCasesQuery + `) GROUP BY side, stage, area, substr(pg, instr(pg, '/') + 1), first`
)

// summaryRows reads a query of six columns as comparable lines.
func summaryRows(t *testing.T, st *Store, q string) map[string]bool {
	t.Helper()
	rows, err := st.db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var a, b, c, d, e, f any
		if err := rows.Scan(&a, &b, &c, &d, &e, &f); err != nil {
			t.Fatal(err)
		}
		out[fmt.Sprintf("%s|%s|%s|%v|%v|%v", a, b, c, d, e, f)] = true
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// sameCaseBuckets compares caseBuckets, which reads the summaries, with
// cases counted straight from the incidents by grouping every prosecution
// record by person, for every side and stage filter and two periods.
func sameCaseBuckets(t *testing.T, st *Store, what string) {
	t.Helper()
	ctx := context.Background()
	for _, side := range []data.Side{data.SideUnknown, data.Russia, data.Ukraine} {
		for _, stage := range append([]data.Stage{""}, data.Stages[:3]...) {
			for _, period := range []data.Period{data.PerMonth, data.PerYear} {
				f := data.Filter{Family: data.Prosecutions, Side: side, Stage: stage, Period: period, To: 2023*12 + 1}
				got, err := st.caseBuckets(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				where := `kind = 'prosecution' AND area <> 'RU'`
				var args []any
				if side != data.SideUnknown {
					where, args = where+" AND side = ?", append(args, string(side))
				}
				if stage != "" {
					where, args = where+" AND stage = ?", append(args, string(stage))
				}
				q := `SELECT area, grp, first / ? AS p, SUM(events), MAX(most), MAX(est), SUM(records) FROM (
						SELECT area, grp, MIN(month) AS first, 1 AS events, 0 AS most, 0 AS est, COUNT(*) AS records
						FROM incidents WHERE ` + where + ` AND person <> '' GROUP BY area, person, grp
					UNION ALL
						SELECT area, grp, month, CASE WHEN basis = 'event' THEN COALESCE(count, 1) ELSE 0 END,
							CASE WHEN basis = 'total' OR basis = 'at_least' THEN COALESCE(count, 0) ELSE 0 END,
							CASE WHEN basis = 'estimate' THEN COALESCE(count, 0) ELSE 0 END, 1
						FROM incidents WHERE ` + where + ` AND person = ''
					) WHERE first <= ? GROUP BY area, grp, p ORDER BY area, grp, p`
				all := append([]any{period.Months()}, args...)
				all = append(append(all, args...), f.To)
				want, err := st.buckets(ctx, q, all)
				if err != nil {
					t.Fatal(err)
				}
				if fmt.Sprint(sortedBuckets(got)) != fmt.Sprint(want) {
					t.Fatalf("%s: side %q stage %q period %s:\n summary %v\n fresh   %v", what, side, stage, period,
						sortedBuckets(got), want)
				}
			}
		}
	}
}

func sortedBuckets(b []data.Bucket) []data.Bucket {
	out := slices.Clone(b)
	slices.SortFunc(out, func(x, y data.Bucket) int {
		return cmp.Or(cmp.Compare(x.Code, y.Code), cmp.Compare(x.Group, y.Group), cmp.Compare(x.Period, y.Period))
	})
	return out
}
