// Package cli implements catracker-cli, the headless command line used by
// scripts: import, validate, stats, export and generate. Exit status is 0 on
// success, 1 for bad input and 2 for usage errors.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"catracker/data"
	"catracker/data/csvio"
	"catracker/data/sqlite"
	"catracker/internal/library"
)

// Exit statuses of the command line contract.
const (
	ExitOK    = 0
	ExitInput = 1
	ExitUsage = 2
)

const usage = `Usage:
  catracker-cli import   [--db FILE] [--dry-run] FILE.csv
  catracker-cli validate FILE.csv
  catracker-cli stats    [--db FILE]
  catracker-cli export   [--db FILE] --chart deaths|prosecutions|recruitment|timeline|captured|map
                         [--measure deaths|cases|recruitment]
                         [--areas KG,TJ] [--from YYYY-MM] [--to YYYY-MM] [--period month|quarter|year]
                         [--cumulative] [--stage STAGE | --latest-stage] [--side russia|ukraine]
                         [--by area|group] [--group prisoners|migrants|mobilised|volunteers] [--no-events]
                         [--format png|svg|pdf|csv] [--width W --height H --scale S] [--panels]
                         [--lang en|ru] [--patterns] --out FILE|-
  catracker-cli report   [--db FILE] [--charts deaths,prosecutions,recruitment,timeline,captured,map] [filters as for export]
                         [--per-country] [--images DIR --width W --height H] [--no-names]
                         [--lang en|ru] [--patterns] --out FILE.pdf|-
  catracker-cli export-incidents [--db FILE] [--no-names] --out FILE.csv|-
  catracker-cli charts   (lists the chart families --chart takes, with their titles)
  catracker-cli generate --rows N --out FILE.csv [--seed S]

--by group (deaths, prosecutions and captured) draws one series per group of people,
plus "unstated" for figures whose group the source does not give. --group
keeps only the figures about one group (default: all). --latest-stage
(prosecutions) shows the cases by the latest stage each has reached.
--chart captured counts prisoners of war like deaths; --side russia keeps
those who fought for Russia, that is, captured by Ukraine. --panels draws
one small chart per country (per group with --by group), all on one scale;
a CSV holds the same numbers with or without it.
Time charts mark policies and warnings at their dates (numbered, with their
headlines listed under the chart; in CSV, EVENT rows after the series);
--no-events leaves them out.
--chart map shades the five countries by one measure over the dates (deaths
by default, --measure cases or recruitment), with the figures for Central
Asia as a whole and for Russia in a box beside the map.

Without --db the default database in your data folder is used; it is created
from the bundled dataset the first time.
`

// usageError is a mistake in the command line itself (exit status 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// Env is what a command reads and writes besides its arguments.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

// Run executes one command line and returns its exit status.
func Run(ctx context.Context, args []string, env Env) int {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, usage)
		return ExitUsage
	}
	cmds := map[string]func(context.Context, []string, Env) error{
		"import": runImport, "validate": runValidate, "stats": runStats, "export": runExport, "generate": runGenerate,
		"report": runReport, "export-incidents": runExportIncidents, "charts": runCharts,
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" {
		fmt.Fprint(env.Stdout, usage)
		return ExitOK
	}
	cmd, ok := cmds[name]
	if !ok {
		fmt.Fprintf(env.Stderr, "catracker-cli: unknown command %q\n\n%s", name, usage)
		return ExitUsage
	}
	err := cmd(ctx, args[1:], env)
	var ue *usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.As(err, &ue):
		fmt.Fprintf(env.Stderr, "catracker-cli %s: %s\n\n%s", name, ue.msg, usage)
		return ExitUsage
	default:
		fmt.Fprintf(env.Stderr, "catracker-cli %s: %s\n", name, err)
		return ExitInput
	}
}

// parse parses flags, turning flag errors into usage errors. The flag set
// prints nothing itself.
func parse(fs *flag.FlagSet, args []string, env Env) error {
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(env.Stdout, usage)
			return err
		}
		return usagef("%v", err)
	}
	return nil
}

// openCSVArg opens the one CSV file named on the command line and reads
// its header.
func openCSVArg(fs *flag.FlagSet) (path string, r *csvio.Reader, c io.Closer, err error) {
	if fs.NArg() != 1 {
		return "", nil, nil, usagef("expected one CSV file, got %d arguments", fs.NArg())
	}
	path = fs.Arg(0)
	f, err := os.Open(path)
	if err != nil {
		return "", nil, nil, data.Errorf(data.EINVALID, "cannot open %s: %v", path, unwrapPathError(err))
	}
	if r, err = csvio.NewReader(f, path); err != nil {
		f.Close()
		return "", nil, nil, err
	}
	return path, r, f, nil
}

// noteFormat tells on standard error how a file not in the app's own
// format (comma-separated UTF-8) was read and converted, and which dates
// written in another form were stored canonically; standard output keeps
// only the lines that scripts read.
func noteFormat(env Env, path string, r *csvio.Reader) {
	if note := r.Format().Describe(path); note != "" {
		fmt.Fprintln(env.Stderr, note)
	}
	if note := r.DateRewrites().Describe(); note != "" {
		fmt.Fprintf(env.Stderr, "%s: %s\n", path, note)
	}
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// runValidate checks a file as import does, without a database: import
// reads its rows with the same csvio reader, whose rows carry every
// problem, a ref used twice included, so that validate refuses exactly
// what import refuses (see csvio.Check).
func runValidate(ctx context.Context, args []string, env Env) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	if err := parse(fs, args, env); err != nil {
		return err
	}
	path, r, c, err := openCSVArg(fs)
	if err != nil {
		return err
	}
	defer c.Close()
	rows, err := csvio.Check(ctx, r, nil)
	if err != nil {
		return err
	}
	noteFormat(env, path, r)
	fmt.Fprintf(env.Stdout, "%s: %d valid incidents\n", path, rows)
	return nil
}

func runImport(ctx context.Context, args []string, env Env) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	db := fs.String("db", "", "database file (default: the one in your data folder)")
	dry := fs.Bool("dry-run", false, "check the file and report what would change, without writing")
	if err := parse(fs, args, env); err != nil {
		return err
	}
	path, r, c, err := openCSVArg(fs)
	if err != nil {
		return err
	}
	defer c.Close()
	st, created, err := openForImport(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	run, verb := st.Import, "Imported"
	if *dry {
		run, verb = st.DryRun, "Dry run, nothing written:"
	}
	res, err := run(ctx, r, nil)
	if err != nil {
		if created {
			st.Close()
			removeDB(st.Path())
		}
		return err
	}
	noteFormat(env, path, r)
	fmt.Fprintf(env.Stdout, "%s %s: %d added, %d updated (database %s)\n", verb, path, res.Added, res.Updated, st.Path())
	return nil
}

func runStats(ctx context.Context, args []string, env Env) error {
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	db := fs.String("db", "", "database file (default: the one in your data folder)")
	if err := parse(fs, args, env); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("stats takes no arguments")
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	printStats(env.Stdout, st, s)
	return nil
}

func printStats(w io.Writer, st *sqlite.Store, s data.Stats) {
	fmt.Fprintf(w, "Database:  %s\n", st.Path())
	fmt.Fprintf(w, "Incidents: %d\n", s.Incidents)
	fmt.Fprintf(w, "Sources:   %d\n", s.Sources)
	var areas []string
	for _, a := range data.Areas {
		if n := s.Areas[a]; n > 0 {
			areas = append(areas, fmt.Sprintf("%s %d", a, n))
		}
	}
	fmt.Fprintf(w, "Areas:     %d (%s)\n", len(areas), strings.Join(areas, ", "))
	var kinds []string
	for _, k := range data.Kinds {
		if n := s.Kinds[k]; n > 0 {
			kinds = append(kinds, fmt.Sprintf("%s %d", k, n))
		}
	}
	fmt.Fprintf(w, "Kinds:     %s\n", strings.Join(kinds, ", "))
	if s.Incidents > 0 {
		fmt.Fprintf(w, "Dates:     %s to %s\n", data.MonthString(s.First), data.MonthString(s.Last))
	}
}

// openStore opens the --db file, or the default database when it is empty.
func openStore(ctx context.Context, path string) (*sqlite.Store, error) {
	return library.Open(ctx, path)
}

// datasetName is how a footer names a database.
func datasetName(path string) string { return filepath.Base(path) }

// openForImport opens the --db file, creating an empty database if it does
// not exist yet; created says so, so that a failed import can remove it.
func openForImport(ctx context.Context, path string) (st *sqlite.Store, created bool, err error) {
	if path == "" {
		st, err = library.Open(ctx, "")
		return st, false, err
	}
	if _, statErr := os.Stat(path); errors.Is(statErr, os.ErrNotExist) {
		st, err = sqlite.Open(ctx, path, sqlite.Options{Create: true, SingleUser: true})
		return st, err == nil, err
	}
	st, err = sqlite.Open(ctx, path, sqlite.Options{})
	return st, false, err
}

// removeDB deletes a database file and its journal files.
func removeDB(path string) {
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		os.Remove(p)
	}
}
