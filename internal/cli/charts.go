package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"time"

	"catracker/data"
	"catracker/i18n"
)

// runCharts lists the chart families that export --chart takes, one a
// line: the name, a tab and its English title, for scripts such as the
// README's gallery.
func runCharts(_ context.Context, args []string, env Env) error {
	fs := flag.NewFlagSet("charts", flag.ContinueOnError)
	if err := parse(fs, args, env); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	for _, f := range data.Families {
		fmt.Fprintf(env.Stdout, "%s\t%s\n", f, i18n.English.T("family."+string(f)))
	}
	return nil
}

// generatedAt is the time a file's footer gives as its date: now, or the
// time in SOURCE_DATE_EPOCH (seconds since 1970, UTC) when it is set, so
// that the same data always makes the same file (the README's gallery).
func generatedAt() (time.Time, error) {
	s, ok := os.LookupEnv("SOURCE_DATE_EPOCH")
	if !ok || s == "" {
		return time.Now(), nil
	}
	sec, err := strconv.ParseInt(s, 10, 64)
	if err != nil || sec < 0 {
		return time.Time{}, usagef("SOURCE_DATE_EPOCH %q is not a number of seconds since 1970", s)
	}
	return time.Unix(sec, 0).UTC(), nil
}
