package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"catracker/internal/export"
)

// filterFlags binds the flags that choose what a chart shows, shared by
// export and report, to the fields of fl.
func filterFlags(fs *flag.FlagSet, fl *export.Flags) {
	fs.StringVar(&fl.Areas, "areas", "", "comma-separated area codes or country names (default: all)")
	fs.StringVar(&fl.From, "from", "", "first month, YYYY-MM")
	fs.StringVar(&fl.To, "to", "", "last month, YYYY-MM")
	fs.StringVar(&fl.Period, "period", "month", "month, quarter or year")
	fs.BoolVar(&fl.Cumulative, "cumulative", false, "running totals instead of new per period")
	fs.StringVar(&fl.Stage, "stage", "", "date prosecution cases by this stage")
	fs.StringVar(&fl.Side, "side", "", "russia or ukraine (default: both and unknown)")
	fs.StringVar(&fl.By, "by", "area", "series by area (country) or by group of people; deaths, prosecutions and captured")
	fs.StringVar(&fl.Group, "group", export.AllGroups,
		"only figures about prisoners, migrants, mobilised or volunteers; deaths, prosecutions and captured")
	fs.BoolVar(&fl.LatestStage, "latest-stage", false, "prosecution cases by the latest stage each has reached")
	fs.BoolVar(&fl.NoEvents, "no-events", false, "leave out the policies and warnings marked at their dates on time charts")
	fs.StringVar(&fl.Measure, "measure", "", "what the map shows: deaths (the default), cases or recruitment")
}

// styleFlags binds the flags that choose how a chart reads, shared by
// export and report, to the fields of fl.
func styleFlags(fs *flag.FlagSet, fl *export.Flags) {
	fs.StringVar(&fl.Lang, "lang", "en", "language of every text: en or ru")
	fs.BoolVar(&fl.Patterns, "patterns", false, "hatch bars and mark lines, for colour-blind or greyscale readers")
}

// parseRequest checks the flags; mistakes are usage errors.
func parseRequest(fl export.Flags) (export.Request, error) {
	req, err := export.Parse(fl)
	if err != nil {
		return req, &usageError{strings.TrimPrefix(err.Error(), export.ErrFlag.Error()+": ")}
	}
	return req, nil
}

func runExport(ctx context.Context, args []string, env Env) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	var fl export.Flags
	db := fs.String("db", "", "database file (default: the one in your data folder)")
	fs.StringVar(&fl.Chart, "chart", "", "deaths, prosecutions, recruitment, timeline, captured or map")
	filterFlags(fs, &fl)
	fs.StringVar(&fl.Format, "format", "png", "png, svg, pdf or csv")
	fs.IntVar(&fl.Width, "width", 1200, "width in pixels")
	fs.IntVar(&fl.Height, "height", 675, "height in pixels")
	fs.Float64Var(&fl.Scale, "scale", 1, "1, 2 or 4")
	fs.BoolVar(&fl.Panels, "panels", false, "one panel per country on one scale; deaths, prosecutions, recruitment and captured")
	styleFlags(fs, &fl)
	out := fs.String("out", "", "output file, or - for standard output")
	if err := parse(fs, args, env); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if fl.Chart == "" {
		return usagef("--chart is required")
	}
	if *out == "" {
		return usagef("--out is required (a file name, or - for standard output)")
	}
	req, err := parseRequest(fl)
	if err != nil {
		return err
	}
	if req.Options.Generated, err = generatedAt(); err != nil {
		return err
	}
	if err := checkOut(*out, binaryFormat(req.Format), env, *db); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	c, err := st.Chart(ctx, req.Filter)
	if err != nil {
		return err
	}
	req.Options.Dataset = datasetName(st.Path())
	if c.Empty() {
		fmt.Fprintln(env.Stderr, "No incidents match these filters; the chart says so.")
	}
	return writeOut(ctx, *out, env, st.Path(), func(w io.Writer) error { return export.Write(w, c, req) })
}
