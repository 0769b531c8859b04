package chart

import (
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"catracker/data"
)

var samplesDir = flag.String("samples", "", "write sample charts of every family into this directory")

// sampleCharts are realistic charts of every family, by name.
func sampleCharts() map[string]*data.Chart {
	return map[string]*data.Chart{
		"deaths-bars":             realisticDeaths(false),
		"deaths-cumulative":       realisticDeaths(true),
		"prosecutions-bars":       realisticProsecutions(false),
		"prosecutions-cumulative": realisticProsecutions(true),
		"recruitment-bars":        realisticRecruitment(false),
		"recruitment-cumulative":  realisticRecruitment(true),
		"timeline":                realisticTimeline(),
	}
}

// edgeCharts are charts that stress the layout, by name.
func edgeCharts() map[string]*data.Chart {
	negative := realisticDeaths(false)
	negative.Series[5].Values[24] = -4 // unattributed deaths later attributed
	quarters := regroup(realisticDeaths(false), data.PerQuarter)
	years := regroup(realisticProsecutions(true), data.PerYear)
	long := syntheticChart(data.Deaths, false)
	long.Periods = data.PeriodRange(data.PerMonth, month(1991, 1), month(2024, 4))
	for i := range long.Series {
		long.Series[i].Values = make([]int, len(long.Periods))
		for p := range long.Periods {
			long.Series[i].Values[p] = (p * (i + 3)) % 7
		}
	}
	many := append([]string(nil), testOutlets...)
	for i := range 40 {
		many = append(many, fmt.Sprintf("Regional outlet number %d", i+1))
	}
	manyOutlets := realisticRecruitment(true)
	manyOutlets.Outlets = many
	out := map[string]*data.Chart{
		"edge-negative":         negative,
		"edge-quarters":         quarters,
		"edge-years":            years,
		"edge-400-months":       long,
		"edge-many-outlets":     manyOutlets,
		"edge-timeline-2000":    syntheticTimeline(2000),
		"edge-hostile-labels":   hostileChart(data.RecruitmentReports, false),
		"edge-hostile-timeline": hostileChart(data.Timeline, false),
	}
	for name, c := range emptyCharts() {
		out["edge-empty-"+strings.ReplaceAll(name, " ", "-")] = c
	}
	return out
}

// regroup turns a monthly chart into one of wider periods: it sums new
// counts and keeps the last cumulative count of each period.
func regroup(c *data.Chart, unit data.Period) *data.Chart {
	out := *c
	out.Filter.Period = unit
	first, last := c.Periods[0].FirstMonth(), c.Periods[len(c.Periods)-1].LastMonth()
	out.Periods = data.PeriodRange(unit, first, last)
	out.Series = nil
	for _, s := range c.Series {
		vals := make([]int, len(out.Periods))
		for i, p := range c.Periods {
			j := data.KeyOf(unit, p.FirstMonth()).N - out.Periods[0].N
			if c.Filter.Cumulative {
				vals[j] = s.Values[i]
			} else {
				vals[j] += s.Values[i]
			}
		}
		out.Series = append(out.Series, data.Series{Code: s.Code, Label: s.Label, Values: vals})
	}
	return &out
}

// TestWriteSamples writes sample charts for people to look at when run
// with -samples DIR.
func TestWriteSamples(t *testing.T) {
	if *samplesDir == "" {
		t.Skip("run with -samples DIR to write sample charts")
	}
	if err := os.MkdirAll(*samplesDir, 0o755); err != nil {
		t.Fatal(err)
	}
	formats := map[string][]Format{}
	for name := range sampleCharts() {
		formats[name] = []Format{PNG, SVG, PDF}
	}
	for name := range edgeCharts() {
		formats[name] = []Format{PNG}
	}
	charts := sampleCharts()
	maps.Copy(charts, edgeCharts())
	for name, c := range charts {
		for _, size := range [][2]int{{1200, 675}, {600, 400}} {
			for _, f := range formats[name] {
				path := filepath.Join(*samplesDir, fmt.Sprintf("%s-%dx%d.%s", name, size[0], size[1], f))
				out, err := os.Create(path)
				if err != nil {
					t.Fatal(err)
				}
				if err := Render(out, f, c, testOptions(size[0], size[1])); err != nil {
					t.Errorf("%s: %v", path, err)
				}
				if err := out.Close(); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}
