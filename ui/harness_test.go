package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"catracker/data"
	"catracker/internal/library"
)

// uiMu stands for the UI goroutine in tests. Fyne's test driver runs
// fyne.Do callbacks on the calling goroutine, so the tests serialise those
// callbacks and their own UI actions with this lock, as the real driver
// serialises everything on one goroutine.
var uiMu sync.Mutex

func TestMain(m *testing.M) {
	os.Setenv("LANG", "en_US.UTF-8")
	os.Setenv("LANGUAGE", "en_US") // the system language the app follows
	onUI = func(f func()) { do(f) }
	os.Exit(m.Run())
}

// do runs a test's UI action as the UI goroutine would.
func do(f func()) {
	uiMu.Lock()
	defer uiMu.Unlock()
	f()
}

// waitTime bounds every wait of the tests. It only ends a test that
// would otherwise hang: waits return as soon as what they wait for has
// happened, and under the race detector on a busy machine drawing a map
// has taken 15 seconds.
const waitTime = 60 * time.Second

// generated is the clock of the test apps.
var generated = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// harness is the app with a real SQLite database made from the bundled
// dataset in a temporary folder.
type harness struct {
	t     *testing.T
	u     *App
	path  string
	drawn chan *data.Chart
}

// newHarness starts the app on a fresh database and waits for the first
// chart. a is the Fyne app, so a test can start a second window on the
// same preferences; nil makes a new one.
func newHarness(t *testing.T, a fyne.App) *harness {
	t.Helper()
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	if a == nil {
		a = test.NewTempApp(t)
	}
	path := filepath.Join(t.TempDir(), "t.db")
	st, err := library.Create(context.Background(), path)
	if err != nil {
		t.Fatalf("create the test database: %v", err)
	}
	st.Close()
	h := &harness{t: t, path: path, drawn: make(chan *data.Chart, 256)}
	ready := make(chan error, 1)
	opts := Options{Open: openTest, Path: path,
		Ready: func(_ fyne.Window, err error) { ready <- err },
		Drawn: func(c *data.Chart) { h.drawn <- c },
	}
	do(func() {
		h.u = newApp(a, opts)
		h.u.now = func() time.Time { return generated }
		h.u.win.Resize(fyne.NewSize(1200, 760))
		h.u.openFirst()
	})
	select {
	case err := <-ready:
		if err != nil {
			t.Fatalf("the first chart failed: %v", err)
		}
	case <-time.After(waitTime):
		t.Fatal("no chart was drawn")
	}
	t.Cleanup(func() {
		do(func() {
			if h.u.store != nil {
				h.u.store.Close()
			}
		})
	})
	return h
}

// openTest opens test databases and refuses to touch the user's default
// one.
func openTest(ctx context.Context, path string) (data.Store, error) {
	if path == "" {
		return nil, errors.New("tests never open the default database")
	}
	st, err := library.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	return st, nil
}

// store is the app's open database.
func (h *harness) store() data.Store {
	var st data.Store
	do(func() { st = h.u.store })
	return st
}

// waitChart waits until a chart that satisfies ok is on screen.
func (h *harness) waitChart(what string, ok func(*data.Chart) bool) *data.Chart {
	h.t.Helper()
	deadline := time.After(waitTime)
	for {
		select {
		case c := <-h.drawn:
			if ok(c) {
				return c
			}
		case <-deadline:
			h.t.Fatalf("no chart with %s was drawn", what)
		}
	}
}

// waitFor polls cond, run as a UI action, until it holds. Between polls
// it sleeps at least as long as the last poll took: a poll such as
// screenText lays out the whole window, which under the race detector
// takes tens of milliseconds, and polling without rest would hold the UI
// lock and a core that the work waited for needs.
func (h *harness) waitFor(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(waitTime)
	for {
		var ok bool
		start := time.Now()
		do(func() { ok = cond() })
		if ok {
			return
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(max(10*time.Millisecond, time.Since(start)))
	}
}

// waitText waits until the window, dialogs included, shows text.
func (h *harness) waitText(text string) {
	h.t.Helper()
	h.waitFor("the text "+text, func() bool { return strings.Contains(h.screenText(), text) })
}

// screenText is every text in the window and its dialogs, one per line.
func (h *harness) screenText() string {
	c := h.u.win.Canvas()
	objs := test.LaidOutObjects(c.Content())
	for _, o := range c.Overlays().List() {
		objs = append(objs, test.LaidOutObjects(o)...)
	}
	var b strings.Builder
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text)
		case *widget.RichText:
			b.WriteString(w.String())
		case *widget.Button:
			b.WriteString(w.Text)
		case *canvas.Text:
			b.WriteString(w.Text)
		default:
			continue
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// stats reads the database's statistics.
func (h *harness) stats() data.Stats {
	h.t.Helper()
	s, err := h.store().Stats(context.Background())
	if err != nil {
		h.t.Fatalf("stats: %v", err)
	}
	return s
}
