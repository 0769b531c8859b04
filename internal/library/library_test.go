package library_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"catracker/data"
	"catracker/data/sqlite"
	"catracker/internal/library"
)

func TestDefaultDatabaseIsCreatedFromBundledDataset(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	ctx := context.Background()
	st, err := library.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	want, _ := library.DefaultPath()
	if st.Path() != want {
		t.Errorf("path = %s, want %s", st.Path(), want)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Incidents < 30 || stats.Sources < 5 || len(stats.Areas) < 5 {
		t.Errorf("bundled dataset looks incomplete: %+v", stats)
	}
	c, err := st.Chart(ctx, data.Filter{Family: data.Deaths, Cumulative: true, Period: data.PerMonth})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range c.Series {
		if s.Code != "TJ" {
			continue
		}
		for i, p := range c.Periods {
			if p.String() == "2022-05" && s.Values[i] != 10 {
				t.Errorf("TJ cumulative deaths in 2022-05 = %d, want 10", s.Values[i])
			}
		}
	}
	// A second open reuses the file rather than importing again.
	st2, err := library.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	if s2, _ := st2.Stats(ctx); s2.Incidents != stats.Incidents {
		t.Errorf("second open: %d incidents, want %d", s2.Incidents, stats.Incidents)
	}
}

func TestCreateRefusesMissingParentGracefully(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "a", "b", "c.db")
	st, err := library.Create(ctx, p)
	if err != nil {
		t.Fatalf("Create should make the folders: %v", err)
	}
	st.Close()
}

// childEnv makes the test binary, started again by a test, open the
// default database of its environment and print how many incidents it
// holds.
const childEnv = "CATRACKER_LIBRARY_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		st, err := library.Open(context.Background(), "")
		if err != nil {
			fmt.Println("open:", err)
			os.Exit(1)
		}
		stats, err := st.Stats(context.Background())
		st.Close()
		if err != nil {
			fmt.Println("stats:", err)
			os.Exit(1)
		}
		fmt.Printf("incidents=%d\n", stats.Incidents)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// bundledIncidents is the number of incidents of the bundled dataset.
func bundledIncidents(t *testing.T) int {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "ref.db"), sqlite.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := library.Seed(ctx, st); err != nil {
		t.Fatal(err)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return stats.Incidents
}

// freshAccount points the default database at a new, empty data folder
// and returns that folder.
func freshAccount(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("XDG_DATA_HOME", home)
	t.Setenv("HOME", home)
	return filepath.Join(home, library.AppDir)
}

// startTogether opens the default database from several processes and
// goroutines at once, as when the app and scripts start together on a
// fresh account, and checks that every one of them sees the whole bundled
// dataset and that no temporary file is left.
func startTogether(t *testing.T, procs, goroutines int) {
	t.Helper()
	want := bundledIncidents(t)
	dir := freshAccount(t)
	var cmds []*exec.Cmd
	var outs []*strings.Builder
	for range procs {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"=1")
		out := &strings.Builder{}
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, outs = append(cmds, cmd), append(outs, out)
	}
	got := make([]int, goroutines)
	errs := make([]error, goroutines)
	var wg sync.WaitGroup
	for i := range goroutines {
		wg.Go(func() {
			st, err := library.Open(context.Background(), "")
			if err != nil {
				errs[i] = err
				return
			}
			defer st.Close()
			s, err := st.Stats(context.Background())
			got[i], errs[i] = s.Incidents, err
		})
	}
	wg.Wait()
	for i := range goroutines {
		if errs[i] != nil || got[i] != want {
			t.Errorf("goroutine %d: %d incidents, want %d (error: %v)", i, got[i], want, errs[i])
		}
	}
	for i, cmd := range cmds {
		err := cmd.Wait()
		if out := strings.TrimSpace(outs[i].String()); err != nil || out != fmt.Sprintf("incidents=%d", want) {
			t.Errorf("process %d: %q (%v), want incidents=%d", i, out, err, want)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "catracker.db" {
			t.Errorf("left in the data folder after the first start: %s", e.Name())
		}
	}
}

func TestFirstStartsAtOnceAllGetTheBundledDataset(t *testing.T) {
	for round := range 3 {
		t.Run(fmt.Sprint(round), func(t *testing.T) { startTogether(t, 4, 8) })
	}
}

func TestFirstStartsAtOnceWithoutHardLinks(t *testing.T) {
	defer library.WithoutHardLinks()()
	startTogether(t, 0, 8)
}

func TestFailedFirstStartLeavesNothing(t *testing.T) {
	dir := freshAccount(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if st, err := library.Open(ctx, ""); err == nil {
		st.Close()
		t.Fatal("a first start whose import was cancelled succeeded")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("a failed first start left %v", entries)
	}
	// The next start makes the database properly.
	st, err := library.Open(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if s, _ := st.Stats(context.Background()); s.Incidents != bundledIncidents(t) {
		t.Errorf("after a failed first start: %d incidents", s.Incidents)
	}
}

func TestLeftoverOfAKilledFirstStartIsRemoved(t *testing.T) {
	dir := freshAccount(t)
	old := filepath.Join(dir, library.TempPrefix+"killed")
	young := filepath.Join(dir, library.TempPrefix+"running")
	for _, d := range []string{old, young} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "catracker.db"), []byte("half made"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-2 * library.StaleAfter)
	if err := os.Chtimes(old, long, long); err != nil {
		t.Fatal(err)
	}
	st, err := library.Open(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if s, _ := st.Stats(context.Background()); s.Incidents != bundledIncidents(t) {
		t.Errorf("%d incidents, want the bundled dataset", s.Incidents)
	}
	if _, err := os.Stat(old); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the leftover of a killed first start is still there (%v)", err)
	}
	if _, err := os.Stat(young); err != nil {
		t.Errorf("the folder of a first start still running was removed: %v", err)
	}
}

// TestUncheckableDefaultIsReportedNotReplaced: only a default database
// that does not exist is made anew. Here checking it fails (a link that
// points to itself; a disk or permission error does the same), and Open
// says so instead of creating a database in its place.
func TestUncheckableDefaultIsReportedNotReplaced(t *testing.T) {
	dir := freshAccount(t)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	def, _ := library.DefaultPath()
	if err := os.Symlink(def, def); err != nil {
		t.Fatal(err)
	}
	st, err := library.Open(context.Background(), "")
	if err == nil {
		st.Close()
		t.Fatal("Open made a new database over one it could not check")
	}
	if !strings.Contains(err.Error(), "cannot check the database") {
		t.Errorf("error = %v", err)
	}
	if fi, err := os.Lstat(def); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the default database was replaced (%v)", err)
	}
}
