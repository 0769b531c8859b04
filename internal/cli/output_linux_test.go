package cli_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"catracker/internal/cli"
)

// devices returns /dev/null and /dev/full or, for root, who could turn
// them into regular files if a write were not refused, new device nodes
// in dir that are the same devices.
func devices(t *testing.T, dir string) (null, full string) {
	t.Helper()
	if os.Geteuid() != 0 {
		return os.DevNull, "/dev/full"
	}
	null, full = filepath.Join(dir, "null"), filepath.Join(dir, "full")
	if err := unix.Mknod(null, unix.S_IFCHR|0o666, int(unix.Mkdev(1, 3))); err != nil {
		t.Fatal(err)
	}
	if err := unix.Mknod(full, unix.S_IFCHR|0o666, int(unix.Mkdev(1, 7))); err != nil {
		t.Fatal(err)
	}
	return null, full
}

// Every command that takes --out refuses a device, a symbolic link, a
// folder, a named pipe and a socket, with exit status 1 and a message
// that says what the target is, and leaves the target as it was.
func TestOutRefusesTargetsThatAreNotRegularFiles(t *testing.T) {
	freshHome(t)
	dir := t.TempDir()
	null, full := devices(t, dir)
	real := filepath.Join(dir, "real.csv")
	if err := os.WriteFile(real, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := unix.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	targets := []struct{ path, says string }{
		{null, "is a device"},
		{full, "is a device"},
		{link, "is a symbolic link; give the real file's path"},
		{dir, "is a folder"},
		{fifo, "is a named pipe"},
	}
	commands := [][]string{
		{"export", "--chart", "deaths", "--format", "csv"},
		{"export", "--chart", "deaths", "--format", "png"},
		{"export-incidents"},
		{"report", "--charts", "deaths"},
		{"generate", "--rows", "10"},
	}
	for _, cmd := range commands {
		for _, tg := range targets {
			before, err := os.Lstat(tg.path)
			if err != nil {
				t.Fatal(err)
			}
			r := run(t, append(cmd, "--out", tg.path)...)
			if r.code != 1 || !strings.Contains(r.stderr, tg.path+" "+tg.says) {
				t.Errorf("%s --out %s: exit %d, %q; want 1 saying %q", strings.Join(cmd, " "), tg.path, r.code, r.stderr, tg.says)
			}
			if after, err := os.Lstat(tg.path); err != nil || after.Mode() != before.Mode() {
				t.Errorf("%s --out %s: the target changed from %v to %v (%v)", cmd[0], tg.path, before.Mode(), after.Mode(), err)
			}
		}
	}
	if b, _ := os.ReadFile(real); string(b) != "old" {
		t.Errorf("the file behind the link now holds %q", b)
	}
}

// --out naming the database the command reads, or one of its journal
// files, is refused; with --db and with the default database alike.
func TestOutRefusesTheDatabase(t *testing.T) {
	home := freshHome(t)
	if r := run(t, "stats"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	def := filepath.Join(home, "catracker", "catracker.db")
	sum := fileSum(t, def)
	other := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(other, mustRead(t, def), 0o644); err != nil {
		t.Fatal(err)
	}
	otherSum := fileSum(t, other)
	for _, args := range [][]string{
		{"export", "--chart", "deaths", "--out", def},
		{"export", "--chart", "deaths", "--out", def + "-wal"},
		{"export", "--chart", "deaths", "--format", "pdf", "--db", def, "--out", def},
		{"export-incidents", "--out", def},
		{"export-incidents", "--db", other, "--out", other},
		{"export-incidents", "--db", other, "--out", other + "-wal"},
		{"export-incidents", "--db", other, "--out", filepath.Join(filepath.Dir(other), ".", "copy.db-shm")},
		{"report", "--charts", "deaths", "--out", def},
	} {
		r := run(t, args...)
		if r.code != 1 || !strings.Contains(r.stderr, "is the database") {
			t.Errorf("%s: exit %d, %q; want 1 saying it is the database", strings.Join(args, " "), r.code, r.stderr)
		}
	}
	if fileSum(t, def) != sum || fileSum(t, other) != otherSum {
		t.Error("a database was overwritten")
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// openPTY opens a new pseudo-terminal and returns its terminal side;
// whatever is written to it is read and dropped.
func openPTY(t *testing.T) *os.File {
	t.Helper()
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Fatalf("open a pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { ptmx.Close() })
	if err := unix.IoctlSetPointerInt(int(ptmx.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(ptmx.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	tty, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tty.Close() })
	go io.Copy(io.Discard, ptmx) // what reaches the terminal is read, so a write never blocks
	return tty
}

// PNG and PDF are not written to a terminal; text is, and binary output
// goes to standard output when it is not a terminal (/dev/null, a file).
func TestBinaryOutputToATerminalIsRefused(t *testing.T) {
	freshHome(t)
	tty := openPTY(t)
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	file, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	for _, c := range []struct {
		stdout *os.File
		args   []string
		code   int
	}{
		{tty, []string{"export", "--chart", "deaths", "--format", "png"}, 1},
		{tty, []string{"export", "--chart", "deaths", "--format", "pdf"}, 1},
		{tty, []string{"report", "--charts", "deaths"}, 1},
		{tty, []string{"export", "--chart", "deaths", "--format", "csv"}, 0},
		{tty, []string{"generate", "--rows", "2"}, 0},
		{null, []string{"export", "--chart", "deaths", "--format", "png"}, 0},
		{file, []string{"export", "--chart", "deaths", "--format", "png"}, 0},
	} {
		var errb bytes.Buffer
		code := cli.Run(context.Background(), append(c.args, "--out", "-"),
			cli.Env{Stdin: strings.NewReader(""), Stdout: c.stdout, Stderr: &errb})
		if code != c.code || c.code == 1 && !strings.Contains(errb.String(), "standard output is a terminal") {
			t.Errorf("%s --out - to %s: exit %d, %q; want %d", strings.Join(c.args, " "), c.stdout.Name(), code, errb.String(), c.code)
		}
	}
	if fi, _ := file.Stat(); fi.Size() == 0 {
		t.Error("a PNG to standard output that is a file was not written")
	}
}

// buildCLI builds catracker-cli into a temporary folder.
func buildCLI(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "catracker-cli")
	cmd := exec.Command("go", "build", "-o", bin, "catracker/cmd/catracker-cli")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// stopWhileWriting starts the command, sends sig as soon as its temporary
// file for target appears, and returns its exit status and messages.
func stopWhileWriting(t *testing.T, cmd *exec.Cmd, target string, sig os.Signal) (int, string) {
	t.Helper()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	pattern := filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp")
	for {
		select {
		case err := <-done:
			t.Fatalf("%s ended before its temporary file was seen (%v): %s", cmd.Args[1], err, stderr.String())
		default:
		}
		if m, _ := filepath.Glob(pattern); len(m) > 0 {
			break
		}
		time.Sleep(time.Millisecond) // poll, without hogging a core
	}
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	<-done
	return cmd.ProcessState.ExitCode(), stderr.String()
}

// A real catracker-cli stopped by SIGTERM (or SIGINT, SIGHUP) while it
// writes exits with status 1 and a message, removes its temporary file
// and leaves the target as it was: the old file, or none.
func TestSignalWhileWritingLeavesNoTemporaryFile(t *testing.T) {
	bin := buildCLI(t)
	dir := t.TempDir()
	csvPath, db := filepath.Join(dir, "big.csv"), filepath.Join(dir, "big.db")
	if r := run(t, "generate", "--rows", "100000", "--out", csvPath); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r := run(t, "import", "--db", db, csvPath); r.code != 0 {
		t.Fatal(r.stderr)
	}
	out := filepath.Join(dir, "incidents.csv")
	if err := os.WriteFile(out, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		sig    os.Signal
		args   []string
		target string
	}{
		{syscall.SIGTERM, []string{"export-incidents", "--db", db, "--out", out}, out},
		{syscall.SIGINT, []string{"export-incidents", "--db", db, "--out", out}, out},
		{syscall.SIGHUP, []string{"export-incidents", "--db", db, "--out", out}, out},
		{syscall.SIGTERM, []string{"generate", "--rows", "100000000", "--out", filepath.Join(dir, "new.csv")},
			filepath.Join(dir, "new.csv")},
	} {
		code, stderr := stopWhileWriting(t, exec.Command(bin, c.args...), c.target, c.sig)
		if code != 1 || !strings.Contains(stderr, "was not written") {
			t.Errorf("%s stopped by %v: exit %d, %q; want 1 saying the file was not written", c.args[0], c.sig, code, stderr)
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".tmp") {
				t.Errorf("%s stopped by %v left %s", c.args[0], c.sig, e.Name())
			}
		}
	}
	if b := mustRead(t, out); string(b) != "old" {
		t.Errorf("the target now holds %d bytes", len(b))
	}
	if _, err := os.Stat(filepath.Join(dir, "new.csv")); err == nil {
		t.Error("generate stopped by SIGTERM created its target")
	}
}
