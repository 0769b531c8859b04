// Command catracker-cli is the headless command line of Central Asia War
// Tracker: import and validate CSV files, print statistics and export
// charts, for scripts and for people who prefer a terminal.
package main

import (
	"context"
	"os"
	"os/signal"

	"catracker/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, os.Args[1:], cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr})
	stop()
	os.Exit(code)
}
