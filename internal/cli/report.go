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

func runReport(ctx context.Context, args []string, env Env) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fl := export.Flags{Format: "pdf", Scale: 1}
	db := fs.String("db", "", "database file (default: the one in your data folder)")
	charts := fs.String("charts", "deaths,prosecutions,recruitment,timeline,captured", "the charts, in order: deaths, prosecutions, recruitment, timeline, captured or map")
	filterFlags(fs, &fl)
	perCountry := fs.Bool("per-country", false, "add the charts of each selected country")
	images := fs.String("images", "", "also write every chart as a PNG file into this folder")
	fs.IntVar(&fl.Width, "width", 1600, "chart width in pixels, 300 to 8192")
	fs.IntVar(&fl.Height, "height", 900, "chart height in pixels, 200 to 8192")
	noNames := fs.Bool("no-names", false, "leave personal names out of the text, the sources and the charts")
	styleFlags(fs, &fl)
	out := fs.String("out", "", "the PDF file to write, or - for standard output")
	if err := parse(fs, args, env); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 {
		return usagef("report needs --out FILE.pdf and takes no other arguments")
	}
	var families []data.Family
	for _, c := range strings.Split(*charts, ",") {
		f, err := data.ParseFamily(c)
		if err != nil {
			return usagef("--charts: %v", err)
		}
		families = append(families, f)
	}
	chartName, err := reportChart(fl, families)
	if err != nil {
		return err
	}
	// --measure is the map's; the other filters are checked against chartName
	measure, err := data.ParseMeasure(strings.TrimSpace(fl.Measure))
	switch {
	case err != nil:
		return usagef("--measure must be deaths, cases or recruitment, not %q", fl.Measure)
	case fl.Measure != "" && !slices.Contains(families, data.Map):
		return usagef("--measure needs the map in --charts")
	}
	fl.Chart, fl.Measure = chartName, ""
	req, err := parseRequest(fl)
	if err != nil {
		return err
	}
	req.Filter.Measure = measure
	if err := checkReportSize(fl.Width, fl.Height); err != nil {
		return err
	}
	if err := checkOut(*out, binaryFormat("pdf"), env, *db); err != nil {
		return err
	}
	if *images != "" {
		if info, err := os.Stat(*images); err != nil || !info.IsDir() {
			return data.Errorf(data.EINVALID, "the folder %s does not exist", *images)
		}
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	o := report.Options{Families: families, Filter: req.Filter, PerCountry: *perCountry, ImagesDir: *images,
		Width: fl.Width, Height: fl.Height, NoNames: *noNames, Dataset: datasetName(st.Path()), Generated: time.Now(),
		Lang: req.Options.Lang, Patterns: fl.Patterns}
	if *noNames {
		if o.Persons, err = st.Persons(ctx); err != nil {
			return err
		}
	}
	var res report.Result
	if err := writeOut(ctx, *out, env, st.Path(), func(w io.Writer) error {
		res, err = report.Write(ctx, w, st, o)
		return err
	}); err != nil {
		return err
	}
	say := env.Stdout
	if *out == "-" { // the PDF is on standard output
		say = env.Stderr
	}
	fmt.Fprintf(say, "Wrote %s: %d charts", *out, res.Charts)
	if len(res.Images) > 0 {
		fmt.Fprintf(say, ", %d images in %s", len(res.Images), *images)
	}
	fmt.Fprintln(say)
	return nil
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
func reportChart(fl export.Flags, families []data.Family) (string, error) {
	has := func(f data.Family) bool { return slices.Contains(families, f) }
	switch {
	case fl.LatestStage && !has(data.Prosecutions):
		return "", usagef("--latest-stage needs the prosecutions chart in --charts")
	case fl.LatestStage:
		return string(data.Prosecutions), nil
	case has(data.Deaths):
		return string(data.Deaths), nil
	case has(data.Prosecutions):
		return string(data.Prosecutions), nil
	case has(data.Captures):
		return string(data.Captures), nil
	}
	byGroup := strings.TrimSpace(fl.By) != "" && !strings.EqualFold(strings.TrimSpace(fl.By), string(data.ByArea))
	group := strings.TrimSpace(fl.Group) != "" && !strings.EqualFold(strings.TrimSpace(fl.Group), export.AllGroups)
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
