// Command catracker is the desktop app of Central Asia War Tracker. It opens
// the user's database (or the one named by --db), shows the chart window and
// runs until the window is closed. With --screenshot it draws the first
// chart, saves the window as a PNG image and quits, for smoke tests.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	_ "catracker/cmd/catracker/locale" // its init runs before Fyne's, which reads the locale (see the package; tested)
	"catracker/data"
	"catracker/data/sqlite"
	"catracker/internal/library"
	"catracker/ui"
)

// screenshotTimeout bounds how long --screenshot waits for the first chart.
const screenshotTimeout = 60 * time.Second

func main() {
	sqlite.KeepHeap()
	db := flag.String("db", "", "database file to open (default: the last one used, or the one in your data folder)")
	shot := flag.String("screenshot", "", "draw the first chart, save the window as this PNG file and quit")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "catracker: unexpected argument %q\n", flag.Arg(0))
		os.Exit(2)
	}
	if err := run(*db, *shot); err != nil {
		fmt.Fprintln(os.Stderr, "catracker:", err)
		os.Exit(1)
	}
}

// run starts the app and blocks until the window closes. It returns an
// error only in screenshot mode.
func run(db, shotPath string) error {
	start := time.Now()
	a := app.NewWithID(ui.AppID)
	opts := ui.Options{Open: open, Path: db}
	// Without a default path the app still opens the default database; it
	// only cannot name it "My database".
	opts.DefaultPath, _ = library.DefaultPath()
	var shot *screenshot
	if shotPath != "" {
		shot = &screenshot{path: shotPath, err: errors.New("the window closed before a chart was drawn"), start: start}
		opts.Ready = shot.ready
	}
	w := ui.New(a, opts).Window()
	if shot != nil {
		shot.win = w
		timer := time.AfterFunc(screenshotTimeout, func() {
			fyne.Do(func() { shot.finish(fmt.Errorf("no chart was drawn within %s", screenshotTimeout)) })
		})
		defer timer.Stop()
	}
	w.ShowAndRun()
	if shot != nil {
		return shot.err
	}
	return nil
}

// open opens a database through the library, which creates the default
// database from the bundled dataset on first use.
func open(ctx context.Context, path string) (data.Store, error) {
	st, err := library.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	return st, nil
}
