package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"catracker/data"
	"catracker/i18n"
	"catracker/internal/chart"
	"catracker/internal/export"
)

// allGroups is how the --group flag names every group of people, its
// default.
const allGroups = "all"

// exportFlags are the raw values of the flags that make an export
// request, shared by export and report. An empty lang means English; an
// empty by means area; an empty group (or "all") means every group of
// people.
type exportFlags struct {
	chart, areas, from, to, period, stage, side, format, lang string
	by, group, measure                                        string
	cumulative, patterns, latestStage, noEvents               bool
	// panels draws one panel per country (see chart.Options.Panels).
	panels        bool
	width, height int
	scale         float64
}

// bindFilter binds the flags that choose what a chart shows, shared by
// export and report.
func (fl *exportFlags) bindFilter(fs *flag.FlagSet) {
	fs.StringVar(&fl.areas, "areas", "", "comma-separated area codes or country names (default: all)")
	fs.StringVar(&fl.from, "from", "", "first month, YYYY-MM")
	fs.StringVar(&fl.to, "to", "", "last month, YYYY-MM")
	fs.StringVar(&fl.period, "period", "month", "month, quarter or year")
	fs.BoolVar(&fl.cumulative, "cumulative", false, "running totals instead of new per period")
	fs.StringVar(&fl.stage, "stage", "", "date prosecution cases by this stage")
	fs.StringVar(&fl.side, "side", "", "russia or ukraine (default: both and unknown)")
	fs.StringVar(&fl.by, "by", "area", "series by area (country) or by group of people; deaths, prosecutions and captured")
	fs.StringVar(&fl.group, "group", allGroups,
		"only figures about prisoners, migrants, mobilised or volunteers; deaths, prosecutions and captured")
	fs.BoolVar(&fl.latestStage, "latest-stage", false, "prosecution cases by the latest stage each has reached")
	fs.BoolVar(&fl.noEvents, "no-events", false, "leave out the policies and warnings marked at their dates on time charts")
	fs.StringVar(&fl.measure, "measure", "", "what the map shows: deaths (the default), cases or recruitment")
}

// bindStyle binds the flags that choose how a chart reads, shared by
// export and report.
func (fl *exportFlags) bindStyle(fs *flag.FlagSet) {
	fs.StringVar(&fl.lang, "lang", "en", "language of every text: en or ru")
	fs.BoolVar(&fl.patterns, "patterns", false, "hatch bars and mark lines, for colour-blind or greyscale readers")
}

// request parses the flags into an export request and checks it with
// export.Request.Validate; every mistake is a usage error.
func (fl *exportFlags) request() (export.Request, error) {
	f, err := fl.filter()
	if err != nil {
		return export.Request{}, err
	}
	lang := i18n.English
	if fl.lang != "" {
		if lang, err = i18n.Parse(fl.lang); err != nil {
			return export.Request{}, usagef("--lang: %v", err)
		}
	}
	req := export.Request{Filter: f, Format: fl.format, Options: chart.Options{Width: fl.width, Height: fl.height,
		Scale: fl.scale, Lang: lang, Patterns: fl.patterns, Panels: fl.panels}}
	var inv *export.Invalid
	if err := req.Validate(); errors.As(err, &inv) {
		return req, usagef("%s", inv.Reason)
	} else if err != nil {
		return req, err
	}
	return req, nil
}

// filter parses the filter flags one by one, each mistake a usage error
// naming its flag; export.Request.Validate then checks how they combine.
func (fl *exportFlags) filter() (data.Filter, error) {
	f := data.Filter{Cumulative: fl.cumulative, NoEvents: fl.noEvents, LatestStage: fl.latestStage}
	steps := []struct {
		flag  string
		parse func() error
	}{
		{"chart", func() (err error) { f.Family, err = data.ParseFamily(fl.chart); return err }},
		{"areas", func() (err error) { f.Areas, err = parseAreas(fl.areas); return err }},
		{"from", func() (err error) { f.From, err = parseMonth(fl.from, true); return err }},
		{"to", func() (err error) { f.To, err = parseMonth(fl.to, false); return err }},
		{"period", func() (err error) { f.Period, err = data.ParsePeriod(fl.period); return err }},
		{"stage", func() (err error) { f.Stage, err = parseStage(fl.stage); return err }},
		{"side", func() (err error) { f.Side, err = data.ParseSide(fl.side); return err }},
		{"measure", func() (err error) { f.Measure, err = parseMeasure(fl.measure, f.Family); return err }},
		{"by", func() (err error) { f.By, err = parseBy(fl.by); return err }},
		{"group", func() (err error) { f.Group, err = parseGroup(fl.group); return err }},
	}
	for _, s := range steps {
		err := s.parse()
		var ue *usageError
		switch {
		case errors.As(err, &ue):
			return f, err
		case err != nil:
			return f, usagef("--%s: %v", s.flag, err)
		}
	}
	return f, nil
}

// parseAreas parses comma-separated area codes or country names; blank
// means every area.
func parseAreas(s string) ([]data.Area, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var areas []data.Area
	for _, a := range strings.Split(s, ",") {
		area, err := data.ParseArea(a)
		if err != nil {
			return nil, err
		}
		areas = append(areas, area)
	}
	return areas, nil
}

// parseMonth parses YYYY-MM (or YYYY) as the first month of a range if
// start, else as its last; blank means no bound.
func parseMonth(s string, start bool) (int, error) {
	if s == "" {
		return 0, nil
	}
	return data.ParseMonth(s, start)
}

// parseStage parses a prosecution stage; blank means none.
func parseStage(s string) (data.Stage, error) {
	if s == "" {
		return "", nil
	}
	return data.ParseStage(s)
}

// parseMeasure parses what a map shows (deaths by default). Another chart
// takes no measure: one given for it stays for Validate to refuse.
func parseMeasure(s string, family data.Family) (data.Measure, error) {
	m := strings.TrimSpace(s)
	if m == "" && family != data.Map {
		return "", nil
	}
	measure, err := data.ParseMeasure(m)
	if err != nil {
		return "", usagef("--measure must be deaths, cases or recruitment, not %q", s)
	}
	return measure, nil
}

// parseBy parses what the series are: area (the default) or group.
func parseBy(s string) (data.By, error) {
	by, err := data.ParseBy(strings.ToLower(strings.TrimSpace(s)))
	if err != nil {
		return "", usagef("--by must be area or group, not %q", s)
	}
	return by, nil
}

// parseGroup parses one group of people; blank or "all" means every
// group. Unstated is not a group to keep: --by group shows it apart.
func parseGroup(s string) (data.Group, error) {
	switch g := strings.ToLower(strings.TrimSpace(s)); g {
	case "", allGroups:
		return data.GroupUnstated, nil
	case data.UnstatedCode:
		return "", usagef("--group %s is not a choice: leave --group out to count every group, "+
			"or use --by group to see the figures whose group is not stated apart", data.UnstatedCode)
	default:
		group, err := data.ParseGroup(g)
		if err != nil {
			return "", usagef("--group must be %s, or all", groupCodes())
		}
		return group, nil
	}
}

// groupCodes lists the codes of the groups of people: "prisoners,
// migrants, mobilised or volunteers".
func groupCodes() string {
	codes := make([]string, len(data.Groups))
	for i, g := range data.Groups {
		codes[i] = string(g)
	}
	return strings.Join(codes[:len(codes)-1], ", ") + " or " + codes[len(codes)-1]
}

func runExport(ctx context.Context, args []string, env Env) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	var fl exportFlags
	db := fs.String("db", "", "database file (default: the one in your data folder)")
	fs.StringVar(&fl.chart, "chart", "", "deaths, prosecutions, recruitment, timeline, captured or map")
	fl.bindFilter(fs)
	fs.StringVar(&fl.format, "format", "png", "png, svg, pdf or csv")
	fs.IntVar(&fl.width, "width", 1200, fmt.Sprintf("width in pixels, %d to %d", export.MinWidth, export.MaxSide))
	fs.IntVar(&fl.height, "height", 675, fmt.Sprintf("height in pixels, %d to %d", export.MinHeight, export.MaxSide))
	fs.Float64Var(&fl.scale, "scale", 1, "1, 2 or 4")
	fs.BoolVar(&fl.panels, "panels", false, "one panel per country on one scale; deaths, prosecutions, recruitment and captured")
	fl.bindStyle(fs)
	out := fs.String("out", "", "output file, or - for standard output")
	if err := parse(fs, args, env); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if fl.chart == "" {
		return usagef("--chart is required")
	}
	if *out == "" {
		return usagef("--out is required (a file name, or - for standard output)")
	}
	req, err := fl.request()
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
