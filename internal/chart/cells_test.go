package chart

import (
	"bytes"
	"image/png"
	"strings"
	"testing"

	"catracker/data"
	"catracker/i18n"
)

// cellsTimeline is a timeline of many reports, counted by cell as the
// store gives it beyond data.MaxPoints: two channels, two months, KG and RU.
func cellsTimeline() *data.Chart {
	from, to := month(2024, 1), month(2024, 2)
	return &data.Chart{
		Filter:  data.Filter{Family: data.Timeline, Areas: []data.Area{data.KG}, From: from, To: to},
		Periods: data.PeriodRange(data.PerMonth, from, to),
		Cells: []data.Cell{
			{Month: from, Channel: data.Channels[0].Code, Area: data.KG, Reports: 400},
			{Month: from, Channel: data.Channels[0].Code, Area: data.RU, Reports: 100},
			{Month: to, Channel: data.Channels[1].Code, Area: data.KG, Reports: 1},
		},
		Outlets:   testOutlets,
		Incidents: 501,
	}
}

// TestTimelineByCells draws a timeline that lists no points: one dot per
// cell and area, larger for more reports, and says so in the subtitle, the
// alt text and the SVG's tooltips.
func TestTimelineByCells(t *testing.T) {
	c := cellsTimeline()
	l := i18n.English
	if sub := Subtitle(c, l); !strings.Contains(sub, "sized by its reports (largest: 400 reports)") {
		t.Errorf("subtitle = %q", sub)
	}
	if d := Describe(c, l); !strings.Contains(d, "501 reports on 2 channels") {
		t.Errorf("alt text = %q", d)
	}
	var svg bytes.Buffer
	if err := Render(&svg, SVG, c, testOptions(800, 500)); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Kyrgyzstan · 400 reports", "Russia (all countries) · 100 reports", "Kyrgyzstan · 1 report<"} {
		if !strings.Contains(svg.String(), want) {
			t.Errorf("the SVG lacks the tooltip %q", want)
		}
	}
	// In the PNG the 400-report dot is the largest patch of Kyrgyzstan's
	// colour, and the one-report dot is smaller but there.
	var b bytes.Buffer
	if err := Render(&b, PNG, c, testOptions(800, 500)); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	kg := colorOf(string(data.KG))
	var xs []int
	bounds := img.Bounds()
	for x := bounds.Min.X; x < bounds.Max.X; x++ {
		n := 0
		for y := bounds.Min.Y; y < bounds.Max.Y*3/4; y++ { // above the legend
			r, g, bl, _ := img.At(x, y).RGBA()
			if uint8(r>>8) == kg.R && uint8(g>>8) == kg.G && uint8(bl>>8) == kg.B {
				n++
			}
		}
		xs = append(xs, n)
	}
	// Columns of KG pixels form two runs: the big dot's and the small one's.
	var runs []int
	for i, n := range xs {
		if n > 0 && (i == 0 || xs[i-1] == 0) {
			runs = append(runs, 0)
		}
		if n > 0 {
			runs[len(runs)-1]++
		}
	}
	if len(runs) != 2 || runs[0] <= 2*runs[1] {
		t.Errorf("widths of Kyrgyzstan's dots = %v, want a large one and a small one", runs)
	}
}
