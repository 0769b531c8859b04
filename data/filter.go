package data

// Family is a kind of chart.
type Family string

// The chart families.
const (
	// Deaths: cumulative lines by country, or new deaths per period as
	// stacked bars.
	Deaths Family = "deaths"
	// Prosecutions: cases per period stacked by country, or cumulative.
	Prosecutions Family = "prosecutions"
	// RecruitmentReports: reports per period stacked by channel.
	RecruitmentReports Family = "recruitment"
	// Timeline: one dot per recruitment report, channel against time.
	Timeline Family = "timeline"
	// Captures: people taken prisoner of war, counted like deaths
	// (cumulative lines by country, or new captures per period as stacked
	// bars). The side is the army the person fought for, so captures on
	// Russia's side are captures by Ukraine's forces.
	Captures Family = "captured"
	// Map: the five countries shaded by one measure (Filter.Measure) over
	// the chosen dates, with the regional and Russia-wide figures apart.
	Map Family = "map"
)

// Families are all chart families.
var Families = []Family{Deaths, Prosecutions, RecruitmentReports, Timeline, Captures, Map}

// Counted reports whether the family's charts count people area by area
// with the counting rules (deaths, prosecutions and captures): their
// series are countries and the part of regional figures no country
// accounts for, or groups of people, and they carry estimates and
// reattributed parts.
func (f Family) Counted() bool { return f == Deaths || f == Prosecutions || f == Captures }

// ParseFamily parses a chart family name in any case.
func ParseFamily(s string) (Family, error) { return parseEnum("chart", s, Families) }

// Filter selects what a chart shows.
type Filter struct {
	Family Family
	// Areas to show. Empty means the five countries and CA. CA adds the
	// unattributed part of regional figures. For recruitment, RU measures
	// concern every country and are always included.
	Areas []Area
	// From and To bound the chart by month index (see Date.MonthIndex),
	// inclusive. Zero means from the first or to the last record.
	From, To   int
	Period     Period
	Cumulative bool
	// Stage dates prosecution cases by this stage instead of their first
	// stage; cases that never reached it are left out.
	Stage Stage
	// Side keeps only incidents on this side; unknown keeps all.
	Side Side
	// By says what the series of a deaths, prosecutions or captures chart are:
	// areas (the default) or groups of people.
	By By
	// Group keeps only the figures about this group of people; unstated
	// keeps every figure.
	Group Group
	// LatestStage shows prosecution cases by the stage each had reached
	// at the end of every period, instead of counting them by the date of
	// one stage. Prosecutions only.
	LatestStage bool
	// NoEvents leaves out the events (policies and warnings) that time
	// charts mark at their dates; the zero value shows them.
	NoEvents bool
	// Measure is what a map shows; blank means deaths. Map only.
	Measure Measure
}

// Measure is what a map counts in each country.
type Measure string

// The measures of a map.
const (
	// MeasureDeaths: deaths, as the deaths chart counts them.
	MeasureDeaths Measure = "deaths"
	// MeasureCases: prosecution cases, as the prosecutions chart counts
	// them.
	MeasureCases Measure = "cases"
	// MeasureRecruitment: recruitment reports, as the recruitment charts
	// count them.
	MeasureRecruitment Measure = "recruitment"
)

// Measures are the measures of a map.
var Measures = []Measure{MeasureDeaths, MeasureCases, MeasureRecruitment}

// ParseMeasure parses deaths, cases or recruitment in any case; blank
// means deaths.
func ParseMeasure(s string) (Measure, error) {
	if s == "" {
		return MeasureDeaths, nil
	}
	return parseEnum("measure", s, Measures)
}

// Family is the chart family that counts the measure.
func (m Measure) Family() Family {
	switch m {
	case MeasureCases:
		return Prosecutions
	case MeasureRecruitment:
		return RecruitmentReports
	}
	return Deaths
}

// By is what the series of a deaths, prosecutions or captures chart are.
type By string

// The ways to split a deaths, prosecutions or captures chart into series.
const (
	// ByArea: one series per country, plus the unattributed part of
	// Central Asia figures (and their total, when cumulative).
	ByArea By = "area"
	// ByGroup: one series per group of people, plus the figures whose
	// group is not stated (UnstatedCode).
	ByGroup By = "group"
)

// Bys are the ways to split a chart into series.
var Bys = []By{ByArea, ByGroup}

// ParseBy parses area or group in any case; blank means ByArea.
func ParseBy(s string) (By, error) {
	if s == "" {
		return ByArea, nil
	}
	return parseEnum("series", s, Bys)
}

// WithDefaults returns f with empty fields set to their defaults.
func (f Filter) WithDefaults() Filter {
	if f.Family == "" {
		f.Family = Deaths
	}
	if f.Period == "" {
		f.Period = PerMonth
	}
	if f.By == "" {
		f.By = ByArea
	}
	if f.Family == Map && f.Measure == "" {
		f.Measure = MeasureDeaths
	}
	if len(f.Areas) == 0 {
		f.Areas = append(append([]Area{}, Countries...), CA)
	}
	return f
}

// Has reports whether the filter selects area a.
func (f Filter) Has(a Area) bool { return contains(f.Areas, a) }

// Series is one line or one stack layer of a chart: a value per period.
type Series struct {
	// Code is an area code, UNATTRIBUTED or REGION; a group code or
	// UnstatedCode when the chart is by group; a channel code for
	// recruitment; a stage for prosecutions by latest stage.
	Code   string
	Label  string
	Values []int
}

// Codes of the derived regional series.
const (
	UnattributedCode = "UNATTRIBUTED"
	RegionCode       = "REGION"
	// ReattributedCode names, in CSV files, the part of each period's new
	// figures that an earlier figure had already counted without saying
	// whose it was (see Chart.Reattributed).
	ReattributedCode = "REATTRIBUTED"
	// EstimatePrefix starts the code of an estimate's series in CSV
	// files: EST_ and the code of the series it belongs to, as in EST_CA.
	EstimatePrefix = "EST_"
)

// EstimatedFigure is a figure that a source gives as approximate ("around 35").
// It never enters a confirmed figure; charts show it apart, labelled.
type EstimatedFigure struct {
	Area   Area
	Group  Group
	Code   string // the series it belongs to: the area code, or the group code when by group
	Label  string // its name in files: "Central Asia (not split by country), estimate"
	Period int    // index into Chart.Periods
	Value  int    // the largest estimate of the period
}

// SeriesCode is the estimate's code in CSV files: EST_CA.
func (e EstimatedFigure) SeriesCode() string { return EstimatePrefix + e.Code }

// AreaSeries are the series of one area of a chart split by area.
type AreaSeries struct {
	Area   Area
	Series []Series
}

// Point is one recruitment report on the timeline chart.
type Point struct {
	Month   int // month index of the report's date end
	Date    Date
	Area    Area
	Channel Channel
	Summary string
}

// Cell counts the recruitment reports of one month, channel and area: a
// cell of the timeline, for one country's colour.
type Cell struct {
	Month   int
	Channel Channel
	Area    Area
	Reports int
}

// A timeline draws one dot per report as long as there are at most
// MaxPoints reports and no month holds more than MaxCellPoints of one
// channel. Beyond that the dots would pile up on each other, so it draws
// one dot per month, channel and country instead, sized by its number of
// reports (Chart.Cells), and the chart's memory and time stay the same
// whatever the size of the database.
const (
	MaxPoints     = 5_000
	MaxCellPoints = 24
)

// Chart is everything a chart needs: the periods on the x axis, the series
// computed by the counting rules, and what the footer cites.
type Chart struct {
	Filter  Filter
	Periods []PeriodKey
	Series  []Series
	// Cells counts the timeline's reports by month, channel and area, in
	// that order; Points lists them one by one, when there are few enough
	// (see MaxPoints). Timeline only.
	Cells  []Cell
	Points []Point
	// Estimates are the approximate figures of the chart's areas in its
	// periods. Deaths and prosecutions only.
	Estimates []EstimatedFigure
	// Reattributed is, for each period, how much of the period's new
	// figures an earlier figure had already counted without saying whose
	// it was (a Central Asia figure, or one whose group was not stated).
	// The bar of the part not attributed never goes below zero, so a
	// period's bars add up to the period's new total plus this. Nil when
	// nothing was reattributed or the chart is cumulative.
	Reattributed []int
	// ReattributedLabel names the reattributed part in files.
	ReattributedLabel string
	// ByArea splits a recruitment chart by area, for charts drawn one
	// panel per area: each shown area's reports per channel, in the order
	// of Areas (RU, whose measures concern every country, last). The sums
	// of its channels over the areas are Series. Recruitment only.
	ByArea  []AreaSeries
	Outlets []string // distinct outlets of the incidents behind the chart
	// Incidents is how many incidents the chart draws on.
	Incidents int
	// Events are the policies and warnings of the chart's areas (and of
	// CA and RU, which concern every country) dated within its periods,
	// in the order of SortEvents; nil when the filter says NoEvents or
	// the chart has no time axis. They are drawn as markers, never
	// counted, and not counted in Incidents.
	Events []ChartEvent
	// TooManyEvents says that more than MaxEvents events fall within the
	// chart's periods, too many to mark, so Events is nil; a shorter date
	// range shows them.
	TooManyEvents bool
	// Values are a map's figures over its dates: one per country, then
	// the regional ones (see MapValues and ReportValues). Map only.
	Values []MapValue
}

// MapValue is one figure of a map: an area's confirmed minimum over the
// map's dates.
type MapValue struct {
	// Code is a country code; RegionCode (all of Central Asia) or
	// UnattributedCode (the part of it no country accounts for) for deaths
	// and cases; CA or RU for recruitment reports.
	Code  string
	Label string // its name in files, like a series'
	Value int
}

// DotPerReport reports whether a timeline whose reports these cells count
// is few enough to draw one dot per report: at most MaxPoints in all and
// MaxCellPoints in one month and channel.
func DotPerReport(cells []Cell) bool {
	type slot struct {
		month   int
		channel Channel
	}
	perSlot := map[slot]int{}
	total := 0
	for _, c := range cells {
		s := slot{c.Month, c.Channel}
		perSlot[s] += c.Reports
		total += c.Reports
		if perSlot[s] > MaxCellPoints {
			return false
		}
	}
	return total <= MaxPoints
}

// ByCells reports whether the timeline is drawn by cell: it counts its
// reports but does not list them one by one.
func (c *Chart) ByCells() bool { return len(c.Points) == 0 && len(c.Cells) > 0 }

// LargestCell is the largest number of reports in one of the timeline's
// cells.
func (c *Chart) LargestCell() int {
	most := 0
	for _, cell := range c.Cells {
		most = max(most, cell.Reports)
	}
	return most
}

// Empty reports whether the chart has nothing to show.
func (c *Chart) Empty() bool {
	if len(c.Points) > 0 || len(c.Cells) > 0 {
		return false
	}
	for _, v := range c.Values {
		if v.Value != 0 {
			return false
		}
	}
	for _, s := range c.Series {
		for _, v := range s.Values {
			if v != 0 {
				return false
			}
		}
	}
	return true
}

// Totals returns the sum of all series for each period.
func (c *Chart) Totals() []int {
	t := make([]int, len(c.Periods))
	for _, s := range c.Series {
		if s.Code == RegionCode {
			continue
		}
		for i, v := range s.Values {
			t[i] += v
		}
	}
	return t
}
