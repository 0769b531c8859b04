package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"catracker/data"
	"catracker/data/csvio"
	"catracker/data/redact"
	"catracker/data/sqlite"
	"catracker/internal/export"
	"catracker/internal/report"
)

// reportFlags are the report's flags: the export flags it shares, and
// its own.
type reportFlags struct {
	exportFlags
	db, charts, images, out string
	perCountry, noNames     bool
}

func runReport(ctx context.Context, args []string, env Env) error {
	rf, err := parseReportFlags(args, env)
	if err != nil {
		return err
	}
	o, err := rf.options()
	if err != nil {
		return err
	}
	if err := checkOut(rf.out, binaryFormat("pdf"), env, rf.db); err != nil {
		return err
	}
	if rf.images != "" {
		if info, err := os.Stat(rf.images); err != nil || !info.IsDir() {
			return data.Errorf(data.EINVALID, "the folder %s does not exist", rf.images)
		}
	}
	st, err := openStore(ctx, rf.db)
	if err != nil {
		return err
	}
	defer st.Close()
	o.Dataset = datasetName(st.Path())
	if o.NoNames {
		if o.Persons, err = st.Persons(ctx); err != nil {
			return err
		}
	}
	var res report.Result
	if err := writeOut(ctx, rf.out, env, st.Path(), func(w io.Writer) error {
		res, err = report.Write(ctx, w, st, o)
		return err
	}); err != nil {
		return err
	}
	rf.sayWritten(env, res)
	return nil
}

// parseReportFlags reads the report's command line.
func parseReportFlags(args []string, env Env) (*reportFlags, error) {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	rf := &reportFlags{exportFlags: exportFlags{format: "pdf", scale: 1}}
	fs.StringVar(&rf.db, "db", "", "database file (default: the one in your data folder)")
	fs.StringVar(&rf.charts, "charts", "deaths,prosecutions,recruitment,timeline,captured",
		"the charts, in order: deaths, prosecutions, recruitment, timeline, captured or map")
	rf.bindFilter(fs)
	fs.BoolVar(&rf.perCountry, "per-country", false, "add the charts of each selected country")
	fs.StringVar(&rf.images, "images", "", "also write every chart as a PNG file into this folder")
	limit := export.MaxPixels / report.Scale
	fs.IntVar(&rf.width, "width", 1600, fmt.Sprintf("chart width in pixels, %d to %d", export.MinWidth, limit))
	fs.IntVar(&rf.height, "height", 900, fmt.Sprintf("chart height in pixels, %d to %d", export.MinHeight, limit))
	fs.BoolVar(&rf.noNames, "no-names", false, "leave personal names out of the text, the sources and the charts")
	rf.bindStyle(fs)
	fs.StringVar(&rf.out, "out", "", "the PDF file to write, or - for standard output")
	if err := parse(fs, args, env); err != nil {
		return nil, err
	}
	if rf.out == "" || fs.NArg() > 0 {
		return nil, usagef("report needs --out FILE.pdf and takes no other arguments")
	}
	return rf, nil
}

// options checks the flags and makes the report's options, all but those
// read from the database (Dataset and Persons). The filter flags are
// checked as an export of the chart reportChart picks; the report then
// applies each filter only to the charts it suits.
func (rf *reportFlags) options() (report.Options, error) {
	families, err := parseFamilies(rf.charts)
	if err != nil {
		return report.Options{}, err
	}
	chartName, err := reportChart(rf.exportFlags, families)
	if err != nil {
		return report.Options{}, err
	}
	measure, err := reportMeasure(rf.measure, families)
	if err != nil {
		return report.Options{}, err
	}
	fl := rf.exportFlags
	fl.chart, fl.measure = chartName, ""
	req, err := fl.request()
	if err != nil {
		return report.Options{}, err
	}
	req.Filter.Measure = measure
	if err := checkReportSize(fl.width, fl.height); err != nil {
		return report.Options{}, err
	}
	return report.Options{Families: families, Filter: req.Filter, PerCountry: rf.perCountry, ImagesDir: rf.images,
		Width: fl.width, Height: fl.height, NoNames: rf.noNames, Generated: time.Now(),
		Lang: req.Options.Lang, Patterns: fl.patterns}, nil
}

// parseFamilies parses --charts, the comma-separated chart families.
func parseFamilies(s string) ([]data.Family, error) {
	var families []data.Family
	for _, c := range strings.Split(s, ",") {
		f, err := data.ParseFamily(c)
		if err != nil {
			return nil, usagef("--charts: %v", err)
		}
		families = append(families, f)
	}
	return families, nil
}

// reportMeasure parses --measure, what the report's map shows, which
// needs the map among the charts.
func reportMeasure(s string, families []data.Family) (data.Measure, error) {
	measure, err := data.ParseMeasure(strings.TrimSpace(s))
	switch {
	case err != nil:
		return "", usagef("--measure must be deaths, cases or recruitment, not %q", s)
	case s != "" && !slices.Contains(families, data.Map):
		return "", usagef("--measure needs the map in --charts")
	}
	return measure, nil
}

// sayWritten tells what the report holds: on standard output, or on
// standard error when the PDF itself goes to standard output.
func (rf *reportFlags) sayWritten(env Env, res report.Result) {
	say := env.Stdout
	if rf.out == "-" {
		say = env.Stderr
	}
	fmt.Fprintf(say, "Wrote %s: %d charts", rf.out, res.Charts)
	if len(res.Images) > 0 {
		fmt.Fprintf(say, ", %d images in %s", len(res.Images), rf.images)
	}
	fmt.Fprintln(say)
}

// checkReportSize refuses, as a usage error, a chart size the report
// cannot draw: it draws each chart at report.Scale times its size, and no
// side may exceed export.MaxPixels.
func checkReportSize(width, height int) error {
	if limit := export.MaxPixels / report.Scale; max(width, height) > limit {
		return usagef("--width and --height of a report must be at most %d pixels: "+
			"the report draws its charts at %d times that size, and at most %d pixels fit in memory", limit, report.Scale, export.MaxPixels)
	}
	return nil
}

// reportChart is the chart whose flags the report's filter flags are
// checked against: prosecutions for --latest-stage, deaths, prosecutions
// or captures for --by group and --group, and deaths otherwise. The
// report then applies each filter only to the charts it suits.
func reportChart(fl exportFlags, families []data.Family) (string, error) {
	has := func(f data.Family) bool { return slices.Contains(families, f) }
	switch {
	case fl.latestStage && !has(data.Prosecutions):
		return "", usagef("--latest-stage needs the prosecutions chart in --charts")
	case fl.latestStage:
		return string(data.Prosecutions), nil
	case has(data.Deaths):
		return string(data.Deaths), nil
	case has(data.Prosecutions):
		return string(data.Prosecutions), nil
	case has(data.Captures):
		return string(data.Captures), nil
	}
	byGroup := strings.TrimSpace(fl.by) != "" && !strings.EqualFold(strings.TrimSpace(fl.by), string(data.ByArea))
	group := strings.TrimSpace(fl.group) != "" && !strings.EqualFold(strings.TrimSpace(fl.group), allGroups)
	if byGroup || group {
		return "", usagef("--by and --group need the deaths, prosecutions or captured chart in --charts")
	}
	return string(data.Deaths), nil
}

func runExportIncidents(ctx context.Context, args []string, env Env) error {
	fs := flag.NewFlagSet("export-incidents", flag.ContinueOnError)
	db := fs.String("db", "", "database file (default: the one in your data folder)")
	noNames := fs.Bool("no-names", false, "replace personal names by pseudonyms and withhold them in every column, refs and URLs included")
	out := fs.String("out", "", "the CSV file to write, or - for standard output")
	if err := parse(fs, args, env); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 {
		return usagef("export-incidents needs --out FILE.csv and takes no other arguments")
	}
	if err := checkOut(*out, "", env, *db); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	var redactor *redact.Redactor
	if *noNames {
		if redactor, err = newRedactor(ctx, st); err != nil {
			return err
		}
	}
	write := func(w io.Writer) error {
		cw := csvio.NewIncidentWriter(w)
		if err := st.EachIncident(ctx, func(inc *data.Incident) error {
			return cw.Write(redactor.Incident(*inc))
		}); err != nil {
			return err
		}
		return cw.Close()
	}
	return writeOut(ctx, *out, env, st.Path(), write)
}

// newRedactor reads the people and refs of every incident in st, for a
// Redactor whose neutral refs stay unique.
func newRedactor(ctx context.Context, st *sqlite.Store) (*redact.Redactor, error) {
	persons, err := st.Persons(ctx)
	if err != nil {
		return nil, err
	}
	var refs []string
	if err := st.EachIncident(ctx, func(inc *data.Incident) error {
		refs = append(refs, inc.Ref)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("read the refs to withhold names from: %w", err)
	}
	return redact.New(persons, refs), nil
}
