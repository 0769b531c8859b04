package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"catracker/data"
	"catracker/data/sqlite"
)

// readOnlyEnv makes the test binary open a database it may not write, as
// an unprivileged user, and report what it could do.
const readOnlyEnv = "CATRACKER_READONLY_CHILD"

func runReadOnlyChild(path string) int {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		fmt.Println("open:", err)
		return 1
	}
	defer st.Close()
	stats, err := st.Stats(ctx)
	if err != nil {
		fmt.Println("stats:", err)
		return 1
	}
	one := 1
	err = st.SaveIncident(ctx, &data.Incident{Ref: "new", Date: data.Date{Year: 2024}, Area: data.KG, Kind: data.Death,
		Basis: data.Event, Count: &one, Summary: "s", Sources: []data.Source{{Outlet: "O"}}})
	fmt.Printf("readonly=%v incidents=%d save=%v\n", st.ReadOnly(), stats.Incidents, err)
	return 0
}

// TestReadOnlyDatabase opens a database in a folder and file the user may
// not write: the data shows, changes are refused in plain words, and the
// file is untouched. Root may write anything, so as root the check runs in
// a child process as the unprivileged user nobody.
func TestReadOnlyDatabase(t *testing.T) {
	got, before, after, entries := openAsUnprivileged(t, 0o444)
	if !strings.Contains(got, "readonly=true incidents=5 save=") || !strings.Contains(got, "is read-only; nothing was changed") {
		t.Errorf("read-only open reported %q", got)
	}
	if after != before {
		t.Error("the read-only database was modified")
	}
	if len(entries) != 2 {
		t.Errorf("files appeared beside the read-only database: %v", entries)
	}
}

// TestWritableDatabaseInReadOnlyFolder: the file may be written but its
// folder not, where SQLite cannot make the files it keeps beside a
// database it writes. The database must still open and show its data,
// read-only, with changes refused in plain words. As root the check runs
// as the user nobody, for whom the folder's permissions hold.
func TestWritableDatabaseInReadOnlyFolder(t *testing.T) {
	got, before, after, entries := openAsUnprivileged(t, 0o666)
	if !strings.Contains(got, "readonly=true incidents=5 save=") ||
		!strings.Contains(got, "is in a folder you cannot write to, so it is open read-only; nothing was changed") {
		t.Errorf("open in a read-only folder reported %q", got)
	}
	if after != before {
		t.Error("the database was modified")
	}
	if len(entries) != 2 {
		t.Errorf("files appeared beside the database: %v", entries)
	}
}

// openAsUnprivileged makes a database of five incidents with the given
// file mode in a folder nobody may write, opens it in a child process as
// an unprivileged user, and returns what the child printed, the file's
// checksums before and after, and the entries of the folder.
func openAsUnprivileged(t *testing.T, mode os.FileMode) (out string, before, after [32]byte, entries []os.DirEntry) {
	t.Helper()
	dir, err := os.MkdirTemp("", "catracker-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755); os.RemoveAll(dir) })
	os.Chmod(dir, 0o755)
	path := filepath.Join(dir, "shared.db")
	st, err := sqlite.Open(context.Background(), path, sqlite.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	mustImport(t, st, deaths)
	st.Close()
	// The unprivileged child cannot reach the go tool's build folder, so it
	// runs a copy of this test binary.
	self, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "child.test")
	if err := os.WriteFile(bin, self, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	before = checksum(t, path)

	cmd := exec.Command(bin, "-test.run=^$")
	cmd.Env = append(os.Environ(), readOnlyEnv+"="+path)
	if os.Getuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, b)
	}
	entries, _ = os.ReadDir(dir)
	return string(b), before, checksum(t, path), entries
}
