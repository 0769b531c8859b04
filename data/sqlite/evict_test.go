package sqlite

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"catracker/data"
)

// smallSourceCache makes the writer's map of sources hold n sources, for
// one test.
func smallSourceCache(t *testing.T, n int) {
	old := maxCachedSources
	maxCachedSources = n
	t.Cleanup(func() { maxCachedSources = old })
}

// TestSourceCacheEviction imports files that cite more distinct sources
// than the writer's map holds, so that it is emptied again and again:
// a source cited again after that must be found in the database, by the
// same id, and never stored twice. In a bulk load the map first holds
// every source, new ones are inserted in batches and the unique index of
// sources is dropped; the first emptying must insert the sources still
// queued, build the index again and end the batches.
func TestSourceCacheEviction(t *testing.T) {
	for _, c := range []struct {
		name  string
		rows  int
		cache int
		title func(i int) int
	}{
		// 40 sources, each cited again every 40 rows, after the map
		// has been emptied several times.
		{"row-by-row", 300, 8, func(i int) int { return i % 40 }},
		// 100 sources before the bulk load begins, which the map then
		// holds; 600 after, 100 of them the same.
		{"bulk", bulkRows + 2000, 256, func(i int) int {
			if i < bulkRows {
				return i % 100
			}
			return i % 600
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			smallSourceCache(t, c.cache)
			st, err := Open(context.Background(), filepath.Join(t.TempDir(), "evict.db"), Options{Create: true})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			objects := schemaObjects(t, st)
			var b strings.Builder
			b.WriteString("ref,date,area,kind,summary,source_outlet,source_title\n")
			want := map[string]string{} // ref: title
			titles := map[string]bool{}
			for i := range c.rows {
				ref, title := fmt.Sprint("g", i), fmt.Sprint("Report ", c.title(i))
				fmt.Fprintf(&b, "%s,2023-01-05,KG,warning,Incident %d,Outlet,%s\n", ref, i, title)
				want[ref], titles[title] = title, true
			}
			res, err := importBody(t, st, b.String())
			if err != nil {
				t.Fatal(err)
			}
			if res.Added != c.rows {
				t.Errorf("import = %+v, want %d added", res, c.rows)
			}
			checkSound(t, st, objects)
			if got := scalarInt(t, st, "SELECT COUNT(*) FROM sources"); got != len(titles) {
				t.Errorf("%d sources, want %d: each stored once", got, len(titles))
			}
			// Every incident links to its own source, and only to it.
			rows, err := st.db.Query(`SELECT i.ref, group_concat(s.title) FROM incidents i
				JOIN incident_sources l ON l.incident_id = i.id JOIN sources s ON s.id = l.source_id GROUP BY i.id`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			linked := 0
			for rows.Next() {
				var ref, title string
				if err := rows.Scan(&ref, &title); err != nil {
					t.Fatal(err)
				}
				if linked++; want[ref] != title {
					t.Errorf("%s cites %q, want %q", ref, title, want[ref])
				}
			}
			if err := rows.Err(); err != nil || linked != c.rows {
				t.Errorf("%d incidents cite sources (%v), want %d", linked, err, c.rows)
			}
		})
	}
}

// TestEvictedSourceKeepsItsAuthor gives a source an author, cites enough
// other sources for the writer's map to forget it, and cites it again:
// with the same author the import goes in, with another the row is a
// problem, as when the map still held it.
func TestEvictedSourceKeepsItsAuthor(t *testing.T) {
	smallSourceCache(t, 4)
	for _, later := range []string{"Ann", "Bob"} {
		t.Run(later, func(t *testing.T) {
			st, err := Open(context.Background(), filepath.Join(t.TempDir(), "author.db"), Options{Create: true})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			var b strings.Builder
			b.WriteString("ref,date,area,kind,summary,source_outlet,source_title,source_author\n")
			b.WriteString("a1,2023-01-05,KG,warning,first,Outlet,Cited twice,Ann\n")
			for i := range 10 {
				fmt.Fprintf(&b, "f%d,2023-01-05,KG,warning,filler,Outlet,Other %d,\n", i, i)
			}
			fmt.Fprintf(&b, "a2,2023-01-05,KG,warning,again,Outlet,Cited twice,%s\n", later)
			_, err = importBody(t, st, b.String())
			if later == "Ann" {
				if err != nil {
					t.Fatal(err)
				}
				if got := scalarInt(t, st, `SELECT COUNT(DISTINCT l.source_id) FROM incident_sources l
					JOIN incidents i ON i.id = l.incident_id WHERE i.ref IN ('a1', 'a2')`); got != 1 {
					t.Errorf("a1 and a2 cite %d sources, want the same one", got)
				}
				if got := scalarInt(t, st, `SELECT COUNT(*) FROM sources WHERE title = 'Cited twice' AND author = 'Ann'`); got != 1 {
					t.Errorf("%d sources 'Cited twice' by Ann, want 1", got)
				}
				return
			}
			var re *data.RowErrors
			if !errors.As(err, &re) || re.Total != 1 || re.List[0].Row != 13 || re.List[0].Column != "source_author" ||
				!strings.Contains(re.List[0].Message, `"Ann"`) {
				t.Fatalf("import error = %v, want row 13, column source_author, naming Ann", err)
			}
			if got := scalarInt(t, st, "SELECT COUNT(*) FROM sources"); got != 0 {
				t.Errorf("%d sources written by a failed import", got)
			}
		})
	}
}

// TestNewSourcesStayBatched fills the writer's map of sources in a bulk
// load, so that it is emptied, then stores new sources: they must still
// wait in the queue of the batched insert, not be inserted one by one,
// while a source stored before is found again by its id, and given the
// author a row names when it had none. A new source that the filter
// takes for a known one is looked up, not found, and queued with an id
// of its own.
func TestNewSourcesStayBatched(t *testing.T) {
	smallSourceCache(t, 64)
	st, err := Open(context.Background(), filepath.Join(t.TempDir(), "batched.db"), Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	source := func(i int) *data.Source { return &data.Source{Outlet: "Outlet", Title: fmt.Sprint("Report ", i)} }
	err = st.importTx(context.Background(), func(w *writer) error {
		if err := w.startBulk(); err != nil {
			return err
		}
		w.problem = func(row int, column, code, format string, args ...any) {
			t.Errorf("problem in %s: %s", column, fmt.Sprintf(format, args...))
		}
		ids := map[int]int64{}
		for i := range 120 { // the map is emptied at the 65th
			id, err := w.storeSource(source(i))
			if err != nil {
				return err
			}
			ids[i] = id
		}
		if queued := len(w.bulk.queued) / sourceColumnCount; queued < 50 {
			t.Errorf("%d of the 55 new sources since the map was emptied wait in the batch, want nearly all", queued)
		}
		for _, i := range []int{0, 30, 64, 100} {
			if id, err := w.storeSource(source(i)); err != nil || id != ids[i] {
				t.Errorf("source %d stored again as %d (%v), want %d", i, id, err, ids[i])
			}
		}
		// One stored without an author, forgotten, gets the author a
		// row gives it.
		authored := source(1)
		authored.Author = "Ann"
		if id, err := w.storeSource(authored); err != nil || id != ids[1] {
			t.Errorf("source 1 with an author stored as %d (%v), want %d", id, err, ids[1])
		}
		// A new source the filter takes for one it has seen is inserted
		// on its own, with an id that no queued source has.
		unlucky := &data.Source{Outlet: "Outlet", Title: "Unlucky"}
		w.bulk.seen.add(w.sourceKey(unlucky.Outlet, unlucky.Title, "", ""))
		for _, src := range []*data.Source{unlucky, source(120)} {
			id, err := w.storeSource(src)
			if err != nil {
				return err
			}
			ids[len(ids)] = id
		}
		return w.flush()
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := scalarInt(t, st, "SELECT COUNT(DISTINCT id) FROM sources"); got != 122 {
		t.Errorf("%d sources, want 122", got)
	}
	if got := scalarInt(t, st, "SELECT COUNT(*) FROM sources WHERE title = 'Report 1' AND author = 'Ann'"); got != 1 {
		t.Errorf("%d sources Report 1 by Ann, want 1", got)
	}
	if got := scalarInt(t, st, "SELECT COUNT(*) FROM sources WHERE title = 'Unlucky'"); got != 1 {
		t.Errorf("%d sources Unlucky, want 1", got)
	}
}

// TestBulkLoadHoldsEverySource stores, in a bulk load with the writer's
// own limit, 600,000 new sources: more than a million-row file brings
// when most of its rows cite a new one (592,962 in the benchmark file of
// scripts/bench.sh). The writer's table must hold them all, in at most
// 24 MiB, so that every one waits in the batched insert with an id of its
// own, the unique index of sources stays dropped until the end and none
// is looked up through it; one stored again is found in the table.
func TestBulkLoadHoldsEverySource(t *testing.T) {
	const n = 600_000
	st, err := Open(context.Background(), filepath.Join(t.TempDir(), "many.db"), Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	errDone := errors.New("done")
	err = st.importTx(context.Background(), func(w *writer) error {
		if err := w.startBulk(); err != nil {
			return err
		}
		src := data.Source{Outlet: "Outlet"}
		for i := range n {
			src.Title = "Report " + strconv.Itoa(i)
			if id, err := w.storeSource(&src); err != nil || id != int64(i+1) {
				t.Fatalf("source %d stored as %d (%v), want %d", i, id, err, i+1)
			}
		}
		if !w.bulk.allSources || w.bulk.seen != nil || w.bulk.sourceIndex == "" || w.findSourceRow != nil {
			t.Errorf("after %d sources: the table holds all %v, filter %v, index dropped %v, looked up %v; "+
				"want every source held and none looked up", n, w.bulk.allSources, w.bulk.seen != nil,
				w.bulk.sourceIndex != "", w.findSourceRow != nil)
		}
		if size := uintptr(len(w.sources.slots)) * unsafe.Sizeof(sourceSlot{}); size > 24<<20 {
			t.Errorf("the table of %d sources takes %d bytes, want at most 24 MiB", n, size)
		}
		src.Title = "Report 12345"
		if id, err := w.storeSource(&src); err != nil || id != 12346 {
			t.Errorf("source 12345 stored again as %d (%v), want 12346", id, err)
		}
		if err := w.flush(); err != nil {
			return err
		}
		if got, err := w.scalar("SELECT COUNT(*) FROM sources"); err != nil || got != n {
			t.Errorf("%d sources inserted (%v), want %d", got, err, n)
		}
		return errDone
	})
	if !errors.Is(err, errDone) {
		t.Fatal(err)
	}
}
