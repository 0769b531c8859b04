package chart

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"slices"
	"strings"
	"testing"

	"catracker/data"
	"catracker/i18n"
)

// recruitmentByArea is realisticRecruitment with its reports split by
// area, as the store returns it: Kyrgyz, Tajik and Uzbek reports, none
// from Turkmenistan, and the Russian measures (RU) that concern every
// country.
func recruitmentByArea(cumulative bool) *data.Chart {
	perArea := map[data.Area]map[string]map[int]int{
		data.KG: {
			"prison":              {month(2022, 9): 2},
			"summons_citizenship": {month(2022, 10): 1, month(2023, 3): 1},
			"pmc_contract":        {month(2023, 5): 1},
			"social_media_ads":    {month(2023, 9): 1},
		},
		data.TJ: {
			"prison":           {month(2022, 7): 2, month(2022, 9): 1},
			"migration_centre": {month(2023, 1): 1, month(2023, 6): 2},
			"mod_contract":     {month(2023, 8): 1, month(2024, 5): 2},
		},
		data.UZ: {
			"prison":           {month(2022, 11): 1},
			"migration_centre": {month(2023, 10): 1, month(2024, 2): 1},
			"social_media_ads": {month(2023, 4): 1, month(2024, 3): 2, month(2024, 7): 1},
		},
		data.KZ: {
			"street_recruiters": {month(2023, 2): 1, month(2023, 10): 1},
			"social_media_ads":  {month(2023, 9): 1},
		},
		data.RU: {
			"citizenship_law": {month(2022, 9): 1, month(2024, 1): 1},
		},
	}
	all := map[string]map[int]int{}
	var c *data.Chart
	var byArea []data.AreaSeries
	for _, a := range []data.Area{data.KZ, data.KG, data.TJ, data.UZ, data.TM, data.CA, data.RU} {
		for code, vs := range perArea[a] {
			if all[code] == nil {
				all[code] = map[int]int{}
			}
			for m, v := range vs {
				all[code][m] += v
			}
		}
		ac := seriesChart(data.RecruitmentReports, month(2022, 2), month(2024, 10), cumulative, perArea[a], channelOrder)
		var series []data.Series
		for _, s := range ac.Series {
			if slices.ContainsFunc(s.Values, func(v int) bool { return v != 0 }) {
				series = append(series, s)
			}
		}
		byArea = append(byArea, data.AreaSeries{Area: a, Series: series})
	}
	c = seriesChart(data.RecruitmentReports, month(2022, 2), month(2024, 10), cumulative, all, channelOrder)
	c.ByArea = byArea
	return c
}

// panelCases are the charts drawn as panels in the tests, by name.
func panelCases() map[string]*data.Chart {
	return map[string]*data.Chart{
		"deaths-bars":            realisticDeaths(false),
		"deaths-cumulative":      estimateDeaths(true),
		"deaths-reattributed":    reattributedDeaths(),
		"recruitment-cumulative": recruitmentByArea(true),
		"recruitment-bars":       recruitmentByArea(false),
		"prosecutions-bars":      realisticProsecutions(false),
		"deaths-by-group":        groupDeaths(true),
	}
}

func panelOptions(w, h int, l i18n.Language) Options {
	o := testOptions(w, h)
	o.Panels, o.Lang = true, l
	return o
}

// TestPanelsShareOneScale checks that every panel of a chart has the
// same y ticks, up to the largest value of any panel, and that each
// series (each area, for recruitment) has its panel.
func TestPanelsShareOneScale(t *testing.T) {
	for name, c := range panelCases() {
		for _, size := range [][2]int{{1200, 675}, {600, 400}, {3200, 1800}} {
			t.Run(fmt.Sprintf("%s-%dx%d", name, size[0], size[1]), func(t *testing.T) {
				o := panelOptions(size[0], size[1], i18n.English)
				fr, err := newFrame(o, false)
				if err != nil {
					t.Fatal(err)
				}
				p, err := newPlan(c, o, fr)
				if err != nil {
					t.Fatal(err)
				}
				if p.grid == nil {
					t.Fatal("not drawn as panels")
				}
				want := len(c.Series)
				if c.Filter.Family == data.RecruitmentReports {
					want = 6 // KZ, KG, TJ, UZ and TM are selected, and RU has reports (CA has none)
				} else if c.Filter.Cumulative {
					want-- // the regional total has no panel
				}
				if len(p.grid.panels) != want {
					t.Errorf("%d panels, want %d", len(p.grid.panels), want)
				}
				largest := 0
				for _, pn := range p.grid.panels {
					_, hi := pn.sub.dataExtent()
					largest = max(largest, hi)
				}
				ticks := p.grid.panels[0].sub.ticks
				for i, pn := range p.grid.panels {
					if !slices.Equal(pn.sub.ticks, ticks) || pn.sub.yMax != float64(ticks[len(ticks)-1]) || pn.sub.yMin != 0 {
						t.Errorf("panel %d (%s) has ticks %v and y %g..%g, panel 0 has %v", i, pn.title, pn.sub.ticks,
							pn.sub.yMin, pn.sub.yMax, ticks)
					}
					if pn.sub.plot.height() != p.grid.panels[0].sub.plot.height() || pn.sub.plot.width() != p.grid.panels[0].sub.plot.width() {
						t.Errorf("panel %d (%s) is %gx%g, panel 0 %gx%g", i, pn.title, pn.sub.plot.width(), pn.sub.plot.height(),
							p.grid.panels[0].sub.plot.width(), p.grid.panels[0].sub.plot.height())
					}
					if pn.sub.plot.height() < 3*p.st.tick.lineHeight() {
						t.Errorf("panel %d (%s) is only %g pixels high", i, pn.title, pn.sub.plot.height())
					}
				}
				if ticks[len(ticks)-1] < largest {
					t.Errorf("the shared scale ends at %d, below the largest value %d", ticks[len(ticks)-1], largest)
				}
			})
		}
	}
}

// TestPanelsStayInsideTheirCells checks that no panel's plot overlaps
// another's, the shared furniture or the legend, and that every panel
// stays inside the chart.
func TestPanelsStayInsideTheirCells(t *testing.T) {
	for name, c := range panelCases() {
		for _, size := range [][2]int{{1200, 675}, {600, 400}, {3200, 1800}} {
			for _, l := range i18n.Languages {
				t.Run(fmt.Sprintf("%s-%dx%d-%s", name, size[0], size[1], l), func(t *testing.T) {
					o := panelOptions(size[0], size[1], l)
					o.TextScale = 1.25
					fr, _ := newFrame(o, false)
					p, err := newPlan(c, o, fr)
					if err != nil {
						t.Fatal(err)
					}
					var boxes []rect
					for _, pn := range p.grid.panels {
						b := pn.sub.plot
						b.top -= p.grid.titleH
						boxes = append(boxes, b)
						if b.left < 0 || b.top < p.pad || b.right > float64(fr.w) || b.bottom > float64(fr.h) {
							t.Errorf("panel %s at %+v leaves the %dx%d chart", pn.title, b, fr.w, fr.h)
						}
					}
					if lg := p.legend; lg != nil {
						boxes = append(boxes, rect{lg.x, lg.y, lg.x + lg.w, lg.y + lg.h})
					}
					footerTop := float64(fr.h) - p.pad - float64(len(p.footerLines))*p.st.footer.lineHeight()
					for i, a := range boxes {
						if a.bottom > footerTop {
							t.Errorf("box %d at %+v reaches the footer at %g", i, a, footerTop)
						}
						for j, b := range boxes[i+1:] {
							if a.overlaps(b) {
								t.Errorf("boxes %d %+v and %d %+v overlap", i, a, i+1+j, b)
							}
						}
					}
					for _, pn := range p.grid.panels {
						for _, line := range pn.titleLines {
							if strings.HasSuffix(line, "…") {
								t.Errorf("panel title cut: %q", line)
							}
						}
					}
				})
			}
		}
	}
}

// TestPanelsInEveryFormat renders panels as PNG, SVG and PDF in English
// and Russian, with patterns, and checks that the alt text says how the
// chart is drawn.
func TestPanelsInEveryFormat(t *testing.T) {
	for _, l := range i18n.Languages {
		for _, f := range []Format{PNG, SVG, PDF} {
			o := panelOptions(1200, 675, l)
			o.Patterns = true
			var buf bytes.Buffer
			if err := Render(&buf, f, recruitmentByArea(false), o); err != nil {
				t.Fatalf("%s %s: %v", l, f, err)
			}
			if buf.Len() < 1000 {
				t.Errorf("%s %s: only %d bytes", l, f, buf.Len())
			}
			if f == SVG && !strings.Contains(buf.String(), l.T("describe.panels")) {
				t.Errorf("%s svg: the description does not say the chart is drawn as panels", l)
			}
		}
	}
}

// TestPanelsIgnoredWhereTheyDoNotApply checks that a timeline, an empty
// chart and a chart without Panels are drawn as one chart.
func TestPanelsIgnoredWhereTheyDoNotApply(t *testing.T) {
	o := panelOptions(1200, 675, i18n.English)
	for name, c := range map[string]*data.Chart{
		"timeline":                  realisticTimeline(),
		"empty":                     {Filter: data.Filter{Family: data.Deaths}},
		"recruitment without areas": realisticRecruitment(false),
	} {
		fr, _ := newFrame(o, false)
		p, err := newPlan(c, o, fr)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if p.grid != nil {
			t.Errorf("%s is drawn as panels", name)
		}
	}
	single := testOptions(1200, 675)
	a, _ := Image(realisticDeaths(false), single)
	single.Panels = true
	b, _ := Image(realisticDeaths(false), single)
	if differing(a, b) == 0 {
		t.Error("Panels draws the same image as one chart")
	}
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPanelGoldenImages compares charts drawn as panels with the images
// in testdata/golden (see TestGoldenImages): deaths per month, and
// recruitment reports cumulative by area in Russian with patterns.
func TestPanelGoldenImages(t *testing.T) {
	for _, tc := range []struct {
		name, chart string
		w, h        int
		lang        i18n.Language
		patterns    bool
	}{
		{"panels-deaths-bars", "deaths-bars", 1200, 675, i18n.English, false},
		{"panels-recruitment-cumulative", "recruitment-cumulative", 1200, 675, i18n.English, false},
		{"panels-recruitment-cumulative-ru-patterns-600x400", "recruitment-cumulative", 600, 400, i18n.Russian, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := panelOptions(tc.w, tc.h, tc.lang)
			o.Patterns = tc.patterns
			img, err := Image(panelCases()[tc.chart], o)
			if err != nil {
				t.Fatal(err)
			}
			matchGolden(t, tc.name, img)
		})
	}
}
