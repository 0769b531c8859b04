//go:build linux

package atomicfile

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Writing to a device, a named pipe, a socket, a folder or a symbolic
// link is refused, and none of them is replaced by a regular file.
func TestRefusesTargetsThatAreNotRegularFiles(t *testing.T) {
	dir := t.TempDir()
	devNull, devFull := devices(t, dir)
	real := filepath.Join(dir, "real.csv")
	if err := os.WriteFile(real, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "s.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	cases := []struct {
		path string
		want Problem
		msg  string
	}{
		{devNull, Device, "is a device"},
		{devFull, Device, "is a device"},
		{link, SymbolicLink, "is a symbolic link; give the real file's path"},
		{dir, Folder, "is a folder"},
		{fifo, NamedPipe, "is a named pipe"},
		{sock, Socket, "is a socket"},
	}
	for _, c := range cases {
		before, err := os.Lstat(c.path)
		if err != nil {
			t.Fatal(err)
		}
		err = Write(c.path, writeString("new"))
		if got := problemOf(err); got != c.want || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("Write(%s) = %v, want problem %d saying %q", c.path, err, c.want, c.msg)
		}
		after, err := os.Lstat(c.path)
		if err != nil || after.Mode() != before.Mode() {
			t.Errorf("%s changed from %v to %v (%v)", c.path, before.Mode(), after.Mode(), err)
		}
	}
	if b, _ := os.ReadFile(real); string(b) != "old" {
		t.Errorf("the file behind the link now holds %q", b)
	}
	noTemp(t, dir)
}

// A new file follows the umask; a replaced file keeps its mode.
func TestModeFollowsUmaskAndTheReplacedFile(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	dir := t.TempDir()
	fresh := filepath.Join(dir, "new.csv")
	if err := Write(fresh, writeString("x")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(fresh); fi.Mode().Perm() != 0o640 {
		t.Errorf("new file under umask 027 has mode %v, want 0640", fi.Mode().Perm())
	}
	private := filepath.Join(dir, "private.csv")
	if err := os.WriteFile(private, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(private, writeString("new")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(private); fi.Mode().Perm() != 0o600 {
		t.Errorf("replaced 0600 file has mode %v", fi.Mode().Perm())
	}
	shared := filepath.Join(dir, "shared.csv")
	if err := os.WriteFile(shared, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(shared, 0o664); err != nil {
		t.Fatal(err)
	}
	if err := Write(shared, writeString("new")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(shared); fi.Mode().Perm() != 0o664 {
		t.Errorf("replaced 0664 file has mode %v, want 0664 whatever the umask", fi.Mode().Perm())
	}
}

// devices returns /dev/null and /dev/full, or, for root, who could replace
// them if a write were not refused, new device nodes in dir that are the
// same devices (Linux numbers them 1,3 and 1,7).
func devices(t *testing.T, dir string) (null, full string) {
	t.Helper()
	if os.Geteuid() != 0 {
		return os.DevNull, "/dev/full"
	}
	null, full = filepath.Join(dir, "null"), filepath.Join(dir, "full")
	for _, d := range []struct {
		path  string
		minor int
	}{{null, 3}, {full, 7}} {
		if err := syscall.Mknod(d.path, syscall.S_IFCHR|0o666, 1<<8|d.minor); err != nil {
			t.Fatalf("make the device %s: %v", d.path, err)
		}
	}
	return null, full
}
