package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"catracker/internal/export"
)

func runExport(ctx context.Context, args []string, env Env) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	db := fs.String("db", "", "database file (default: the one in your data folder)")
	family := fs.String("chart", "", "deaths, prosecutions, recruitment or timeline")
	areas := fs.String("areas", "", "comma-separated area codes or country names (default: all)")
	from := fs.String("from", "", "first month, YYYY-MM")
	to := fs.String("to", "", "last month, YYYY-MM")
	period := fs.String("period", "month", "month, quarter or year")
	cumulative := fs.Bool("cumulative", false, "running totals instead of new per period")
	stage := fs.String("stage", "", "date prosecution cases by this stage")
	side := fs.String("side", "", "russia or ukraine (default: both and unknown)")
	format := fs.String("format", "png", "png, svg, pdf or csv")
	width := fs.Int("width", 1200, "width in pixels")
	height := fs.Int("height", 675, "height in pixels")
	scale := fs.Float64("scale", 1, "1, 2 or 4")
	out := fs.String("out", "", "output file, or - for standard output")
	if err := parse(fs, args, env); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if *family == "" {
		return usagef("--chart is required")
	}
	if *out == "" {
		return usagef("--out is required (a file name, or - for standard output)")
	}
	req, err := export.Parse(export.Flags{Chart: *family, Areas: *areas, From: *from, To: *to, Period: *period,
		Cumulative: *cumulative, Stage: *stage, Side: *side, Format: *format, Width: *width, Height: *height, Scale: *scale})
	if err != nil {
		return &usageError{strings.TrimPrefix(err.Error(), export.ErrFlag.Error()+": ")}
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
	if *out == "-" {
		return export.Write(env.Stdout, c, req)
	}
	return export.WriteFile(*out, c, req)
}
