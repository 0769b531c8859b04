package locale_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	_ "catracker/cmd/catracker/locale"
)

// TestFixRunsBeforeFyne runs this test binary again under LANG=C.UTF-8, as
// CI and many servers have it: Fyne's lang package, which reads the locale
// when it is initialised, must log no "Error parsing user locale", because
// this package's init (catracker/... sorts before fyne.io/..., and the Go
// specification initialises packages in import-path order) has set a
// language it can parse.
func TestFixRunsBeforeFyne(t *testing.T) {
	if os.Getenv("LOCALE_CHILD") == "1" {
		_ = lang.L("OK") // Fyne has been initialised
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run", "^TestFixRunsBeforeFyne$")
	var env []string
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "LANG=") && !strings.HasPrefix(e, "LANGUAGE=") && !strings.HasPrefix(e, "LC_") {
			env = append(env, e)
		}
	}
	cmd.Env = append(env, "LOCALE_CHILD=1", "LANG=C.UTF-8")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "Error parsing user locale") {
		t.Errorf("Fyne could not parse the locale:\n%s", out)
	}
}
