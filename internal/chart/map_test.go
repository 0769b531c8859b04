package chart

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"catracker/assets/geo"
	"catracker/data"
	"catracker/i18n"
)

// sampleMap is a map of measure m with the bundled dataset's figures.
func sampleMap(m data.Measure) *data.Chart {
	c := &data.Chart{Filter: data.Filter{Family: data.Map, Measure: m, From: month(2022, 3), To: month(2023, 6)},
		Outlets: testOutlets[:3], Incidents: 10}
	vals := map[data.Measure][]int{
		data.MeasureDeaths:      {0, 5, 20, 0, 0, 108, 83},
		data.MeasureCases:       {10, 3, 0, 0, 0, 13, 0},
		data.MeasureRecruitment: {1, 1, 0, 4, 0, 0, 8},
	}[m]
	codes := []string{"KZ", "KG", "TJ", "UZ", "TM", data.RegionCode, data.UnattributedCode}
	if m == data.MeasureRecruitment {
		codes[5], codes[6] = "CA", "RU"
	}
	for i, code := range codes {
		c.Values = append(c.Values, data.MapValue{Code: code, Label: code, Value: vals[i]})
	}
	return c
}

// mapPlanFor lays a map out as the PNG renderer does.
func mapPlanFor(t *testing.T, c *data.Chart, o Options) *plan {
	t.Helper()
	fr, err := newFrame(o, false)
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlan(c, o, fr)
	if err != nil {
		t.Fatal(err)
	}
	if p.mp == nil {
		t.Fatal("a map was not laid out as a map")
	}
	return p
}

func TestMapGoldenImages(t *testing.T) {
	for _, tc := range []struct {
		name     string
		m        data.Measure
		w, h     int
		lang     i18n.Language
		patterns bool
	}{
		{"map-deaths", data.MeasureDeaths, 600, 400, i18n.English, false},
		{"map-recruitment-ru-patterns", data.MeasureRecruitment, 1200, 675, i18n.Russian, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := testOptions(tc.w, tc.h)
			o.Lang, o.Patterns = tc.lang, tc.patterns
			img, err := Image(sampleMap(tc.m), o)
			if err != nil {
				t.Fatal(err)
			}
			matchGolden(t, tc.name, img)
		})
	}
}

// At every size, text size, language and measure, each of the five
// countries is labelled with its name and figure, whole; no label overlaps
// another or leaves the map; a label inside a country lies wholly inside
// it; the regional box and the key are not cut.
func TestMapLabelsAreWholeAndApart(t *testing.T) {
	for _, size := range [][2]int{{600, 400}, {1200, 675}, {3200, 1800}, {700, 900}} {
		for _, lang := range []i18n.Language{i18n.English, i18n.Russian} {
			for _, m := range data.Measures {
				for _, ts := range []float64{1, 1.3} {
					name := fmt.Sprintf("%dx%d/%s/%s/%g", size[0], size[1], lang, m, ts)
					t.Run(name, func(t *testing.T) {
						o := testOptions(size[0], size[1])
						o.Lang, o.TextScale = lang, ts
						c := sampleMap(m)
						p := mapPlanFor(t, c, o)
						checkMapLabels(t, p, c, lang)
					})
				}
			}
		}
	}
}

func checkMapLabels(t *testing.T, p *plan, c *data.Chart, l i18n.Language) {
	t.Helper()
	mp := p.mp
	named := map[string]bool{}
	for i, a := range mp.labels {
		if !a.box.within(mp.frame) {
			t.Errorf("label %q leaves the map", a.lines)
		}
		for _, b := range mp.labels[i+1:] {
			if a.box.overlaps(b.box) {
				t.Errorf("labels %q and %q overlap", a.lines, b.lines)
			}
		}
		for _, line := range a.lines {
			if strings.Contains(line, "…") {
				t.Errorf("label %q is cut", a.lines)
			}
		}
		if code := a.code; code != "" {
			named[code] = true
			if a.lines[0] != l.Area(data.Area(code)) {
				t.Errorf("%s is named %q", code, a.lines[0])
			}
			if want := number(l, mp.values[code]); a.lines[1] != want {
				t.Errorf("%s is labelled %s, want %s", code, a.lines[1], want)
			}
			if !a.leader && !boxInside(mp.shape(code).rings, a.box) {
				t.Errorf("the label of %s is not inside it", code)
			}
		}
	}
	for _, a := range data.Countries {
		if !named[string(a)] {
			t.Errorf("%s has no label", a)
		}
	}
	for _, s := range mp.side {
		if strings.Contains(s.lines[0], "…") || !s.box.within(mp.sideBox) {
			t.Errorf("the regional box's line %q is cut", s.lines[0])
		}
	}
	if mp.sideBox.bottom > float64(p.fr.h) || mp.keyBox.bottom > float64(p.fr.h)-p.pad {
		t.Errorf("the box (%v) or the key (%v) runs off the chart", mp.sideBox, mp.keyBox)
	}
	if mp.keyBox.overlaps(mp.frame) || mp.sideBox.overlaps(mp.frame) || mp.keyBox.overlaps(mp.sideBox) {
		t.Error("the box, the key and the map overlap")
	}
	for _, line := range append(p.titleLines, append(p.subtitleLines, mp.keyTitle...)...) {
		if strings.Contains(line, "…") {
			t.Errorf("%q is cut", line)
		}
	}
}

// Cities fall inside their country as the map draws it.
func TestMapCitiesInTheirCountry(t *testing.T) {
	p := mapPlanFor(t, sampleMap(data.MeasureDeaths), testOptions(1200, 675))
	for _, c := range []struct {
		lon, lat float64
		code     string
	}{{76.95, 43.24, "KZ"}, {74.59, 42.87, "KG"}, {68.79, 38.56, "TJ"}, {69.24, 41.30, "UZ"}, {58.38, 37.95, "TM"}} {
		at := p.mp.at(geo.Project(geo.Point{X: c.lon, Y: c.lat}))
		for _, s := range p.mp.shapes {
			if in := inside(s.rings, at); in != (s.code == c.code) {
				t.Errorf("%g°E %g°N in %s: %v", c.lon, c.lat, s.code, in)
			}
		}
	}
}

// Steps are round and cover every figure; zero has none.
func TestMapSteps(t *testing.T) {
	for most, want := range map[int]string{1: "1-1", 3: "1-1 2-2 3-3", 20: "1-5 6-10 11-15 16-20", 108: "1-50 51-100 101-150",
		7: "1-2 3-4 5-6 7-8"} {
		var got []string
		for _, s := range mapSteps(most) {
			got = append(got, fmt.Sprintf("%d-%d", s.lo, s.hi))
		}
		if strings.Join(got, " ") != want {
			t.Errorf("steps to %d: %v, want %s", most, got, want)
		}
	}
	if mapSteps(0) != nil || stepOf(mapSteps(20), 0) != -1 || stepOf(mapSteps(20), 20) != 3 {
		t.Error("zero has a step, or 20 is not in the last")
	}
}

// The alt text and SVG description give every country's figure and the
// regional ones; the SVG names each country in a tooltip.
func TestMapDescribed(t *testing.T) {
	c := sampleMap(data.MeasureDeaths)
	d := Describe(c, i18n.English)
	for _, want := range []string{"Kazakhstan 0", "Kyrgyzstan 5", "Tajikistan 20", "All five countries together: 108",
		"not attributed to a country: 83", "Mar 2022 – Jun 2023"} {
		if !strings.Contains(d, want) {
			t.Errorf("the description lacks %q: %s", want, d)
		}
	}
	r := Describe(sampleMap(data.MeasureRecruitment), i18n.Russian)
	if !strings.Contains(r, "Узбекистан 4") || !strings.Contains(r, "Российские меры, касающиеся всех стран: 8") {
		t.Errorf("the Russian description lacks figures: %s", r)
	}
	var b bytes.Buffer
	if err := Render(&b, SVG, c, testOptions(1200, 675)); err != nil {
		t.Fatal(err)
	}
	checkXML(t, b.Bytes())
	if !strings.Contains(b.String(), "<title>Tajikistan: 20</title>") {
		t.Error("the SVG has no tooltip for Tajikistan")
	}
	for _, f := range []Format{PDF, PNG} {
		if err := Render(&bytes.Buffer{}, f, c, testOptions(1200, 675)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// A map with nothing to show says so instead of drawing zeros.
func TestEmptyMap(t *testing.T) {
	c := &data.Chart{Filter: data.Filter{Family: data.Map}}
	p := mapPlanFor(t, c, testOptions(600, 400))
	if !p.empty || len(p.mp.labels) != 0 {
		t.Error("an empty map is drawn with labels")
	}
	if d := Describe(c, i18n.English); !strings.Contains(d, i18n.English.T("chart.empty")) {
		t.Errorf("the description of an empty map: %s", d)
	}
}
