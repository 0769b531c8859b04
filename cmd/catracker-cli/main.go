// Command catracker-cli is the headless command line of Central Asia War
// Tracker: import and validate CSV files, print statistics and export
// charts, for scripts and for people who prefer a terminal.
//
// Ctrl-C (SIGINT), SIGTERM and SIGHUP stop the command cleanly: a file
// being written is removed and the target is left as it was, and the exit
// status is 1. A second signal ends the process at once.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"catracker/data/sqlite"
	"catracker/internal/cli"
)

func main() {
	sqlite.KeepHeap()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		<-ctx.Done()
		stop() // the next signal is not caught: it ends the process
	}()
	code := cli.Run(ctx, os.Args[1:], cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr})
	stop()
	os.Exit(code)
}
