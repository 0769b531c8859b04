package sqlite_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"catracker/data/csvio"
	"catracker/data/sqlite"
)

// The kill test runs this test binary again as a child that imports a
// large file and reports its progress; the parent kills it with SIGKILL at
// chosen points.
const childEnv = "CATRACKER_IMPORT_CHILD"

func TestMain(m *testing.M) {
	sqlite.KeepHeap() // as the programs do, so that benchmarks measure what they run
	if spec := os.Getenv(childEnv); spec != "" {
		os.Exit(runImportChild(spec))
	}
	if path := os.Getenv(readOnlyEnv); path != "" {
		os.Exit(runReadOnlyChild(path))
	}
	os.Exit(m.Run())
}

// runImportChild imports the CSV into the database named in spec
// ("db|csv"), printing "rows N" on every progress report and "done" at the
// end.
func runImportChild(spec string) int {
	db, file, _ := strings.Cut(spec, "|")
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db, sqlite.Options{})
	if err != nil {
		fmt.Println("open:", err)
		return 1
	}
	f, err := os.Open(file)
	if err != nil {
		fmt.Println("open csv:", err)
		return 1
	}
	r, err := csvio.NewReader(bufio.NewReader(f), file)
	if err != nil {
		fmt.Println("header:", err)
		return 1
	}
	if _, err := st.Import(ctx, r, func(n int) { fmt.Printf("rows %d\n", n) }); err != nil {
		fmt.Println("import:", err)
		return 1
	}
	fmt.Println("done")
	return 0
}

func writeBigCSV(t *testing.T, path string, rows int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString(header)
	for i := range rows {
		fmt.Fprintf(w, "big-%d,2023-%02d,UZ,death,,1,event,,russia,,Synthetic row %d with a long enough summary to fill pages,Outlet %d,Title %d,2023-06-01,\n",
			i, i%12+1, i, i%7, i%50)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func TestKilledImportLeavesAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	const rows = 60000
	csvPath := filepath.Join(dir, "big.csv")
	writeBigCSV(t, csvPath, rows)
	// Kill after this many rows have been written; -1 kills after the
	// last progress report, while the import commits.
	for _, point := range []int{1000, 20000, 45000, -1} {
		t.Run(fmt.Sprintf("kill at %d", point), func(t *testing.T) {
			db := filepath.Join(dir, fmt.Sprintf("k%d.db", point))
			st, err := sqlite.Open(context.Background(), db, sqlite.Options{Create: true})
			if err != nil {
				t.Fatal(err)
			}
			mustImport(t, st, deaths)
			st.Close()

			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), childEnv+"="+db+"|"+csvPath)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(out)
			killed := false
			for sc.Scan() {
				line := sc.Text()
				n, _ := strconv.Atoi(strings.TrimPrefix(line, "rows "))
				if (point > 0 && n >= point) || (point < 0 && n >= rows-(rows%1000)) {
					cmd.Process.Signal(syscall.SIGKILL)
					killed = true
					break
				}
				if line == "done" || !strings.HasPrefix(line, "rows ") {
					break
				}
			}
			cmd.Wait()
			if !killed {
				t.Fatalf("the child finished before the kill point %d", point)
			}

			st, err = sqlite.Open(context.Background(), db, sqlite.Options{})
			if err != nil {
				t.Fatalf("reopen after kill: %v", err)
			}
			defer st.Close()
			if got := integrity(t, st); got != "ok" {
				t.Fatalf("integrity_check = %q", got)
			}
			stats, err := st.Stats(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if stats.Incidents != 5 && stats.Incidents != 5+rows {
				t.Errorf("after a kill at %d the database holds %d incidents: neither none (5) nor all (%d) of the import",
					point, stats.Incidents, 5+rows)
			}
			t.Logf("kill at %d: %d incidents afterwards", point, stats.Incidents)
		})
	}
}

func integrity(t *testing.T, st *sqlite.Store) string {
	t.Helper()
	res, err := st.IntegrityCheck(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return res
}
