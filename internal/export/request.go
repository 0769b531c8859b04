package export

import (
	"fmt"
	"slices"

	"catracker/data"
	"catracker/internal/chart"
)

// Request is one export: what to chart and how to write it. Options
// carries the size, scale, language, patterns and panels; Dataset and
// Generated are the footer's, which the caller fills in.
type Request struct {
	Filter  data.Filter
	Format  string // one of Formats
	Options chart.Options
}

// Formats are the export formats.
var Formats = []string{"png", "svg", "pdf", "csv"}

// Scales are the scales a PNG can be written at.
var Scales = []float64{1, 2, 4}

// The size limits of an export, in pixels, which the command line, the
// report and the app's export dialog all check. One minimum height
// serves both surfaces: a chart 200 pixels tall still holds its title,
// plot and footer.
const (
	MinWidth  = 300
	MinHeight = 200
	// MaxSide is the longest side before scaling.
	MaxSide = 10000
	// MaxPixels is the longest side of an image, scale included: the
	// most the renderer draws.
	MaxPixels = chart.MaxSide
)

// Invalid is why a request cannot be written. Its reason names the
// settings as the command line's flags do (--group, --latest-stage),
// their documented names; the app's choices never make such a request.
type Invalid struct{ Reason string }

// Error returns the reason.
func (e *Invalid) Error() string { return e.Reason }

func invalid(format string, args ...any) error {
	return &Invalid{fmt.Sprintf(format, args...)}
}

// Validate reports the first reason, an *Invalid, why the request cannot
// be written: dates in the wrong order, a setting its chart family does
// not take (see familyRules), an unknown format, or a size out of range.
// It trusts the filter's values to be known ones, as data's Parse
// functions and the app's choices make them.
func (r Request) Validate() error {
	for _, check := range []func(Request) error{checkDates, checkFamily, checkFormat, checkSize} {
		if err := check(r); err != nil {
			return err
		}
	}
	return nil
}

// checkDates refuses a range that ends before it starts.
func checkDates(r Request) error {
	if f := r.Filter; f.From > 0 && f.To > 0 && f.To < f.From {
		return invalid("--to %s is before --from %s", data.MonthString(f.To), data.MonthString(f.From))
	}
	return nil
}

// familyRule is one setting that only some chart families, or only
// some combinations, take: when the request uses it (set) and its
// chart does not take it (!allowed), the request is refused with reason,
// followed by ", not <family>" if naming the family helps.
type familyRule struct {
	set, allowed func(Request) bool
	reason       string
	nameFamily   bool
}

// familyRules are the settings that depend on the chart family.
var familyRules = []familyRule{
	{set: func(r Request) bool { return r.Filter.Measure != "" }, allowed: isMap,
		reason: "--measure is for the map only", nameFamily: true},
	{set: func(r Request) bool { return len(r.Filter.Areas) > 0 }, allowed: not(isMap),
		reason: "--areas does not apply to the map: it always shows the five countries, and Central Asia and Russia apart"},
	{set: func(r Request) bool { return r.Filter.Cumulative }, allowed: not(isMap),
		reason: "--cumulative does not apply to the map: it shows each country's figure over the whole of --from to --to"},
	{set: func(r Request) bool { return r.Filter.By == data.ByGroup }, allowed: counted,
		reason: "--by group is for the deaths, prosecutions and captured charts", nameFamily: true},
	{set: func(r Request) bool { return r.Filter.Group != data.GroupUnstated }, allowed: hasGroups,
		reason: "--group is for the deaths, prosecutions and captured charts and maps of deaths or cases", nameFamily: true},
	{set: latestStage, allowed: func(r Request) bool { return r.Filter.Family == data.Prosecutions },
		reason: "--latest-stage is for the prosecutions chart only", nameFamily: true},
	{set: latestStage, allowed: func(r Request) bool { return r.Filter.Stage == "" },
		reason: "--latest-stage shows every case by the stage it has reached, so it cannot be used with --stage"},
	{set: latestStage, allowed: func(r Request) bool { return r.Filter.By != data.ByGroup },
		reason: "--latest-stage draws one series per stage, so it cannot be used with --by group"},
	{set: func(r Request) bool { return r.Options.Panels }, allowed: func(r Request) bool { return chart.HasPanels(r.Filter.Family) },
		reason: "--panels is for the deaths, prosecutions, recruitment and captured charts", nameFamily: true},
}

func isMap(r Request) bool       { return r.Filter.Family == data.Map }
func counted(r Request) bool     { return r.Filter.Family.Counted() }
func latestStage(r Request) bool { return r.Filter.LatestStage }

// hasGroups reports whether the chart can keep one group of people: the
// families counted by the rules, and maps of deaths or cases.
func hasGroups(r Request) bool {
	return counted(r) || isMap(r) && r.Filter.Measure != data.MeasureRecruitment
}

func not(p func(Request) bool) func(Request) bool { return func(r Request) bool { return !p(r) } }

// checkFamily applies familyRules in order.
func checkFamily(r Request) error {
	for _, rule := range familyRules {
		if !rule.set(r) || rule.allowed(r) {
			continue
		}
		if rule.nameFamily {
			return invalid("%s, not %s", rule.reason, r.Filter.Family)
		}
		return invalid("%s", rule.reason)
	}
	return nil
}

// checkFormat refuses a format not in Formats.
func checkFormat(r Request) error {
	if !slices.Contains(Formats, r.Format) {
		return invalid("--format must be png, svg, pdf or csv, not %q", r.Format)
	}
	return nil
}

// checkSize refuses a size or scale out of range, and an image whose
// longest side, scale included, the renderer cannot draw. A CSV is
// checked too, so that a request is valid or not whatever its format.
func checkSize(r Request) error {
	o := r.Options
	if o.Width < MinWidth || o.Height < MinHeight || o.Width > MaxSide || o.Height > MaxSide {
		return invalid("--width and --height must be between %dx%d and %dx%d pixels", MinWidth, MinHeight, MaxSide, MaxSide)
	}
	if !slices.Contains(Scales, o.Scale) {
		return invalid("--scale must be 1, 2 or 4")
	}
	if side := float64(max(o.Width, o.Height)) * o.Scale; side > MaxPixels {
		return invalid("the image would be %.0f pixels wide; at most %d fit in memory, so use a smaller size or scale",
			side, MaxPixels)
	}
	return nil
}
