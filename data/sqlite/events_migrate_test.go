package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"catracker/data"
)

// TestUpgradeToHeadlines opens a database of schema 5 with the newest
// build: its incidents get an empty headline, the partial index of events
// exists, and its policies are charted as events, named by kind and area.
func TestUpgradeToHeadlines(t *testing.T) {
	ctx := context.Background()
	old := map[string]string{}
	for _, name := range []string{"001_init.sql", "002_monthly.sql", "003_cases.sql", "004_groups.sql", "005_person_key.sql"} {
		b, err := embedded.ReadFile("migrations/" + name)
		if err != nil {
			t.Fatal(err)
		}
		old[name] = string(b)
	}
	withMigrations(t, old)
	path := filepath.Join(t.TempDir(), "v5.db")
	st, err := Open(ctx, path, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	insertOld(t, st, oldIncident{ref: "d", date: "2022-03", area: "KG", kind: "death", count: 3, basis: "event"}, "O")
	insertOld(t, st, oldIncident{ref: "d2", date: "2022-12", area: "KG", kind: "death", count: 1, basis: "event"}, "O")
	insertOld(t, st, oldIncident{ref: "mob", date: "2022-09-21", area: "RU", kind: "policy", count: -1, basis: "event"}, "O")
	st.Close()

	migrations = embedded
	st, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer st.Close()
	if v := userVersion(t, st); v != SchemaVersion() || v < 6 {
		t.Errorf("user_version = %d, want %d", v, SchemaVersion())
	}
	var headline string
	if err := st.db.QueryRow(`SELECT headline FROM incidents WHERE ref = 'mob'`).Scan(&headline); err != nil || headline != "" {
		t.Errorf("headline after the upgrade = %q (%v), want empty", headline, err)
	}
	rows, err := st.db.Query(`EXPLAIN QUERY PLAN SELECT date FROM incidents
		WHERE (kind = 'policy' OR kind = 'warning') AND month BETWEEN 1 AND 2 AND area IN ('RU', 'KG')`)
	if err != nil {
		t.Fatal(err)
	}
	var plan string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan += detail + "; "
	}
	rows.Close()
	if want := "incidents_events"; !strings.Contains(plan, want) {
		t.Errorf("the events query does not use the index %s: %s", want, plan)
	}
	c, err := st.Chart(ctx, data.Filter{Family: data.Deaths})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Events) != 1 || c.Events[0].Ref != "mob" || c.Events[0].Kind != data.Policy || c.Events[0].Headline != "" {
		t.Errorf("events after the upgrade: %+v", c.Events)
	}
	inc := data.Incident{Ref: "new", Date: data.Date{Year: 2022, Month: 10}, Area: data.KZ, Kind: data.Warning,
		Basis: data.Event, Summary: "A warning", Headline: "Kazakhstan warns", Sources: []data.Source{{Outlet: "O"}}}
	if err := st.SaveIncident(ctx, &inc); err != nil {
		t.Fatal(err)
	}
	got, err := st.Incident(ctx, inc.ID)
	if err != nil || got.Headline != "Kazakhstan warns" {
		t.Errorf("saved headline read back as %q (%v)", got.Headline, err)
	}
}
