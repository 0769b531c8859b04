// Package export turns an export request (chart filters, format, size)
// into a file. The command line and the desktop app both use it, so the
// same request writes the same bytes from either.
package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"catracker/data"
	"catracker/data/csvio"
	"catracker/i18n"
	"catracker/internal/atomicfile"
	"catracker/ui/chart"
)

// Request is a fully parsed export: what to chart and how to write it.
type Request struct {
	Filter  data.Filter
	Format  string // png, svg, pdf or csv
	Options chart.Options
}

// MaxPixels is the longest side of an exported image, scale included.
const MaxPixels = 16384

// Formats are the export formats.
var Formats = []string{"png", "svg", "pdf", "csv"}

// Write renders c in the request's format to w. A CSV names its series
// in the request's language; periods and codes stay as the command-line
// contract writes them.
func Write(w io.Writer, c *data.Chart, req Request) error {
	if req.Format == "csv" {
		return csvio.WriteSeries(w, named(c, req.Options.Lang))
	}
	return chart.Render(w, chart.Format(req.Format), c, req.Options)
}

// named returns c with its series, estimates, reattributed part and map
// figures named in language l, and its events without a headline named as
// the chart names them.
func named(c *data.Chart, l i18n.Language) *data.Chart {
	out := *c
	out.Series = make([]data.Series, len(c.Series))
	for i, s := range c.Series {
		s.Label = l.Series(s)
		out.Series[i] = s
	}
	out.Estimates = make([]data.EstimatedFigure, len(c.Estimates))
	for i, e := range c.Estimates {
		e.Label = l.T("series.estimate", l.Series(data.Series{Code: e.Code, Label: e.Label}))
		out.Estimates[i] = e
	}
	out.ReattributedLabel = l.T("series.reattributed")
	out.Events = make([]data.ChartEvent, len(c.Events))
	for i, e := range c.Events {
		e.Headline = chart.EventLabel(e, l)
		out.Events[i] = e
	}
	out.Values = make([]data.MapValue, len(c.Values))
	for i, v := range c.Values {
		v.Label = l.Series(data.Series{Code: v.Code, Label: v.Label})
		out.Values[i] = v
	}
	return &out
}

// WriteFile writes the export to path through a temporary file, so that
// path holds either its old content or the complete new file. It refuses
// what atomicfile.Check refuses: anything but a regular file, and the
// files in keep (the open database and its journal files).
func WriteFile(path string, c *data.Chart, req Request, keep ...string) error {
	return atomicfile.WriteContext(context.Background(), path, func(w io.Writer) error { return Write(w, c, req) }, keep...)
}

// ErrFlag marks a mistake in the flags: the command line reports it as a
// usage error.
var ErrFlag = errors.New("invalid flag")

func flagErr(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrFlag}, args...)...)
}

// Flags are the raw values of the export flags. An empty Lang means
// English; an empty By means area; an empty Group (or "all") means every
// group of people.
type Flags struct {
	Chart, Areas, From, To, Period, Stage, Side, Format, Lang string
	By, Group, Measure                                        string
	Cumulative, Patterns, LatestStage, NoEvents               bool
	// Panels draws one panel per country (see chart.Options.Panels).
	Panels        bool
	Width, Height int
	Scale         float64
}

// Parse checks the export flags and builds the request. Mistakes wrap
// ErrFlag.
func Parse(fl Flags) (Request, error) {
	var req Request
	var err error
	f := &req.Filter
	if f.Family, err = data.ParseFamily(fl.Chart); err != nil {
		return req, flagErr("--chart: %v", err)
	}
	if strings.TrimSpace(fl.Areas) != "" {
		for _, a := range strings.Split(fl.Areas, ",") {
			area, err := data.ParseArea(a)
			if err != nil {
				return req, flagErr("--areas: %v", err)
			}
			f.Areas = append(f.Areas, area)
		}
	}
	if fl.From != "" {
		if f.From, err = data.ParseMonth(fl.From, true); err != nil {
			return req, flagErr("--from: %v", err)
		}
	}
	if fl.To != "" {
		if f.To, err = data.ParseMonth(fl.To, false); err != nil {
			return req, flagErr("--to: %v", err)
		}
	}
	if f.From > 0 && f.To > 0 && f.To < f.From {
		return req, flagErr("--to %s is before --from %s", fl.To, fl.From)
	}
	if f.Period, err = data.ParsePeriod(fl.Period); err != nil {
		return req, flagErr("--period: %v", err)
	}
	f.Cumulative = fl.Cumulative
	f.NoEvents = fl.NoEvents
	if fl.Stage != "" {
		if f.Stage, err = data.ParseStage(fl.Stage); err != nil {
			return req, flagErr("--stage: %v", err)
		}
	}
	if f.Side, err = data.ParseSide(fl.Side); err != nil {
		return req, flagErr("--side: %v", err)
	}
	if err := parseMeasure(fl, f); err != nil {
		return req, err
	}
	if err := parseGroups(fl, f); err != nil {
		return req, err
	}
	switch fl.Format {
	case "png", "svg", "pdf", "csv":
		req.Format = fl.Format
	default:
		return req, flagErr("--format must be png, svg, pdf or csv, not %q", fl.Format)
	}
	if fl.Width < 300 || fl.Height < 200 || fl.Width > 10000 || fl.Height > 10000 {
		return req, flagErr("--width and --height must be between 300x200 and 10000x10000 pixels")
	}
	if fl.Scale != 1 && fl.Scale != 2 && fl.Scale != 4 {
		return req, flagErr("--scale must be 1, 2 or 4")
	}
	if float64(max(fl.Width, fl.Height))*fl.Scale > MaxPixels {
		return req, flagErr("the image would be %.0f pixels wide; at most %d fit in memory, so use a smaller size or scale",
			float64(max(fl.Width, fl.Height))*fl.Scale, MaxPixels)
	}
	if fl.Panels && !chart.HasPanels(f.Family) {
		return req, flagErr("--panels is for the deaths, prosecutions, recruitment and captured charts, not %s", f.Family)
	}
	lang := i18n.English
	if fl.Lang != "" {
		if lang, err = i18n.Parse(fl.Lang); err != nil {
			return req, flagErr("--lang: %v", err)
		}
	}
	req.Options = chart.Options{Width: fl.Width, Height: fl.Height, Scale: fl.Scale, Generated: time.Now(),
		Lang: lang, Patterns: fl.Patterns, Panels: fl.Panels}
	return req, nil
}

// parseMeasure reads what a map shows (--measure: deaths, cases or
// recruitment; deaths by default), refusing it for other charts, and the
// flags a map cannot follow: it always shows the five countries, over the
// whole of its dates.
func parseMeasure(fl Flags, f *data.Filter) error {
	m := strings.TrimSpace(fl.Measure)
	if f.Family != data.Map {
		if m != "" {
			return flagErr("--measure is for the map only, not %s", f.Family)
		}
		return nil
	}
	var err error
	if f.Measure, err = data.ParseMeasure(m); err != nil {
		return flagErr("--measure must be deaths, cases or recruitment, not %q", fl.Measure)
	}
	switch {
	case len(f.Areas) > 0:
		return flagErr("--areas does not apply to the map: it always shows the five countries, and Central Asia and Russia apart")
	case f.Cumulative:
		return flagErr("--cumulative does not apply to the map: it shows each country's figure over the whole of --from to --to")
	}
	return nil
}

// AllGroups is how the --group flag names every group of people, its
// default.
const AllGroups = "all"

// parseGroups fills in what the series are (--by), the group of people
// (--group) and whether cases are shown by their latest stage
// (--latest-stage), refusing choices that do not apply to the chart.
func parseGroups(fl Flags, f *data.Filter) error {
	var err error
	if f.By, err = data.ParseBy(strings.ToLower(strings.TrimSpace(fl.By))); err != nil {
		return flagErr("--by must be area or group, not %q", fl.By)
	}
	byGroups := f.Family.Counted()
	groups := byGroups || f.Family == data.Map && f.Measure != data.MeasureRecruitment
	if f.By == data.ByGroup && !byGroups {
		return flagErr("--by group is for the deaths, prosecutions and captured charts, not %s", f.Family)
	}
	switch g := strings.ToLower(strings.TrimSpace(fl.Group)); g {
	case "", AllGroups:
	case data.UnstatedCode:
		return flagErr("--group %s is not a choice: leave --group out to count every group, "+
			"or use --by group to see the figures whose group is not stated apart", data.UnstatedCode)
	default:
		if f.Group, err = data.ParseGroup(g); err != nil {
			return flagErr("--group must be %s, or all", groupCodes())
		}
		if !groups {
			return flagErr("--group is for the deaths, prosecutions and captured charts and maps of deaths or cases, not %s", f.Family)
		}
	}
	if !fl.LatestStage {
		return nil
	}
	switch {
	case f.Family != data.Prosecutions:
		return flagErr("--latest-stage is for the prosecutions chart only, not %s", f.Family)
	case f.Stage != "":
		return flagErr("--latest-stage shows every case by the stage it has reached, so it cannot be used with --stage")
	case f.By == data.ByGroup:
		return flagErr("--latest-stage draws one series per stage, so it cannot be used with --by group")
	}
	f.LatestStage = true
	return nil
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
