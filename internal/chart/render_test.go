package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"catracker/data"
	"catracker/i18n"
)

// families are one chart of each family and mode.
func families() []struct {
	name string
	c    *data.Chart
} {
	return []struct {
		name string
		c    *data.Chart
	}{
		{"deaths-bars", realisticDeaths(false)},
		{"deaths-cumulative", realisticDeaths(true)},
		{"prosecutions-bars", realisticProsecutions(false)},
		{"prosecutions-cumulative", realisticProsecutions(true)},
		{"recruitment-bars", realisticRecruitment(false)},
		{"recruitment-cumulative", realisticRecruitment(true)},
		{"timeline", realisticTimeline()},
	}
}

func isWhite(c interface{ RGBA() (r, g, b, a uint32) }) bool {
	r, g, b, a := c.RGBA()
	return r == 0xffff && g == 0xffff && b == 0xffff && a == 0xffff
}

func TestRenderPNGEveryFamily(t *testing.T) {
	sizes := []struct{ w, h, scale int }{{1200, 675, 1}, {600, 400, 1}, {1200, 675, 2}}
	for _, f := range families() {
		for _, s := range sizes {
			t.Run(fmt.Sprintf("%s/%dx%d@%d", f.name, s.w, s.h, s.scale), func(t *testing.T) {
				o := testOptions(s.w, s.h)
				o.Scale = float64(s.scale)
				var buf bytes.Buffer
				if err := Render(&buf, PNG, f.c, o); err != nil {
					t.Fatal(err)
				}
				img, err := png.Decode(&buf)
				if err != nil {
					t.Fatal(err)
				}
				b := img.Bounds()
				if b.Dx() != s.w*s.scale || b.Dy() != s.h*s.scale {
					t.Fatalf("size %dx%d, want %dx%d", b.Dx(), b.Dy(), s.w*s.scale, s.h*s.scale)
				}
				for _, p := range []image.Point{{0, 0}, {b.Dx() - 1, 0}, {0, b.Dy() - 1}, {b.Dx() - 1, b.Dy() - 1}} {
					if c := img.At(p.X, p.Y); !isWhite(c) {
						t.Errorf("corner %v is %v, want opaque white", p, c)
					}
				}
				// the middle of the chart holds the data
				inked := 0
				for y := b.Dy() / 5; y < b.Dy()*3/4; y++ {
					for x := b.Dx() / 4; x < b.Dx()*3/4; x++ {
						if !isWhite(img.At(x, y)) {
							inked++
						}
					}
				}
				if area := b.Dx() * b.Dy() / 4; inked < area/200 {
					t.Errorf("only %d of %d pixels in the plot region are not white", inked, area)
				}
			})
		}
	}
}

func TestImageMatchesOptions(t *testing.T) {
	o := testOptions(800, 500)
	o.Scale = 1.5
	o.TextScale = 1.3
	img, err := Image(realisticDeaths(false), o)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 750 {
		t.Errorf("Image is %v, want 1200x750", b)
	}
}

func TestOptionsAreChecked(t *testing.T) {
	c := realisticDeaths(false)
	for _, o := range []Options{
		{Width: -5, Height: 100},
		{Width: 100, Height: 0},
		{Width: 1200, Height: 675, Scale: -1},
		{Width: 1200, Height: 675, Scale: 9},
		{Width: 1200, Height: 675, TextScale: 5},
		{Width: 20000, Height: 100},
	} {
		if err := Render(io.Discard, PNG, c, o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
	if err := Render(io.Discard, Format("gif"), c, Options{}); err == nil {
		t.Error("gif: no error")
	}
	if err := Render(io.Discard, PNG, nil, Options{}); err == nil {
		t.Error("nil chart: no error")
	}
	img, err := Image(c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != Presets[0].Width || b.Dy() != Presets[0].Height {
		t.Errorf("default size %v, want the first preset", b)
	}
}

// hostile is text that breaks naive XML and layout.
const hostile = `Tom & Jerry <script>alert("x")</script> 'quoted' ` + "\u200f\u202eRTL\u202c 🙂 \x01bell Қазақстан oʻzbek ҷ ө ү ң"

func hostileChart(family data.Family, cumulative bool) *data.Chart {
	var c *data.Chart
	if family == data.Timeline {
		c = realisticTimeline()
		c.Points[0].Summary = strings.Repeat("long summary & <more> ", 250)[:5000]
		c.Points[1].Channel = "custom_channel_with_a_code_that_is_very_long"
		c.Points[2].Summary = hostile
	} else {
		c = seriesChart(family, month(2022, 2), month(2024, 10), cumulative, map[string]map[int]int{
			"KZ": {month(2022, 5): 3}, "weird": {month(2023, 1): 2},
		}, []string{"KZ", "weird"})
		c.Series[1].Label = hostile + strings.Repeat(" very long label", 30)
	}
	c.Outlets = append([]string{hostile, "A&B <news>"}, testOutlets...)
	return c
}

func TestSVGIsValidXMLWhateverTheLabels(t *testing.T) {
	for _, family := range data.Families {
		for _, cumulative := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/%v", family, cumulative), func(t *testing.T) {
				c := hostileChart(family, cumulative)
				o := testOptions(600, 400)
				o.Dataset = `my "data" & <things>.db`
				var buf bytes.Buffer
				if err := Render(&buf, SVG, c, o); err != nil {
					t.Fatal(err)
				}
				checkXML(t, buf.Bytes())
				s := buf.String()
				if !strings.Contains(s, "&amp;") || strings.Contains(s, "<script>") {
					t.Error("labels are not escaped")
				}
				if !strings.Contains(s, "'Noto Sans'") {
					t.Error("no Noto Sans font-family")
				}
				if !strings.Contains(s, "Қазақстан") {
					t.Error("Cyrillic text is missing")
				}
			})
		}
	}
}

// checkXML parses doc to the end and checks that its root is svg.
func checkXML(t *testing.T, doc []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	root := ""
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("invalid XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && root == "" {
			root = se.Name.Local
		}
	}
	if root != "svg" {
		t.Errorf("root element %q, want svg", root)
	}
}

var pdfPage = regexp.MustCompile(`/Type\s*/Page\b[^s]`)

func TestPDFHasOnePage(t *testing.T) {
	for _, f := range families() {
		t.Run(f.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Render(&buf, PDF, f.c, testOptions(1200, 675)); err != nil {
				t.Fatal(err)
			}
			b := buf.Bytes()
			if !bytes.HasPrefix(b, []byte("%PDF")) {
				t.Fatalf("starts with %q", b[:min(8, len(b))])
			}
			if n := len(pdfPage.FindAll(b, -1)); n != 1 {
				t.Errorf("%d pages, want 1", n)
			}
		})
	}
	var buf bytes.Buffer
	if err := Render(&buf, PDF, hostileChart(data.Timeline, false), testOptions(3508, 2480)); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF")) {
		t.Error("hostile labels: not a PDF")
	}
}

func TestPDFPageSize(t *testing.T) {
	for _, tc := range []struct {
		w, h         int
		pageW, pageH float64
	}{
		{3508, 2480, a4Long, a4Short},
		{1200, 675, a4Long, a4Long * 675 / 1200},
		{800, 800, a4Long, a4Long},
	} {
		w, h := pageSize(tc.w, tc.h)
		if w != tc.pageW || h < tc.pageH-0.01 || h > tc.pageH+0.01 {
			t.Errorf("pageSize(%d, %d) = %.2f x %.2f, want %.2f x %.2f", tc.w, tc.h, w, h, tc.pageW, tc.pageH)
		}
	}
}

func emptyCharts() map[string]*data.Chart {
	deaths := realisticDeaths(false)
	for i := range deaths.Series {
		deaths.Series[i].Values = make([]int, len(deaths.Periods))
	}
	deaths.Outlets, deaths.Incidents = nil, 0
	timeline := realisticTimeline()
	timeline.Points = nil
	return map[string]*data.Chart{
		"zero series": deaths,
		"no periods":  {Filter: data.Filter{Family: data.Prosecutions}},
		"timeline":    timeline,
		"no timeline": {Filter: data.Filter{Family: data.Timeline, Cumulative: true}},
	}
}

func TestEmptyChartShowsMessage(t *testing.T) {
	emptyMessage := i18n.English.T("chart.empty")
	for name, c := range emptyCharts() {
		t.Run(name, func(t *testing.T) {
			var svg bytes.Buffer
			if err := Render(&svg, SVG, c, testOptions(1200, 675)); err != nil {
				t.Fatal(err)
			}
			checkXML(t, svg.Bytes())
			for _, want := range []string{emptyMessage, "Counts are confirmed minimums", xmlEscape(Title(c, i18n.English))} {
				if !strings.Contains(svg.String(), want) {
					t.Errorf("SVG lacks %q", want)
				}
			}
			for _, f := range []Format{PNG, PDF} {
				if err := Render(io.Discard, f, c, testOptions(600, 400)); err != nil {
					t.Errorf("%s: %v", f, err)
				}
			}
			if d := Describe(c, i18n.English); !strings.Contains(d, emptyMessage) {
				t.Errorf("Describe = %q, lacks the empty message", d)
			}
		})
	}
}

func xmlEscape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func TestLongLabelsAndTinySizesRender(t *testing.T) {
	for _, family := range data.Families {
		c := hostileChart(family, false)
		for _, size := range [][2]int{{600, 400}, {320, 200}, {120, 80}, {4000, 300}, {300, 1500}} {
			if _, err := Image(c, testOptions(size[0], size[1])); err != nil {
				t.Errorf("%s at %v: %v", family, size, err)
			}
		}
	}
}

func TestNegativeValuesGetAZeroLine(t *testing.T) {
	c := realisticDeaths(false)
	for i, s := range c.Series {
		if s.Code == data.UnattributedCode {
			c.Series[i].Values[20] = -3
		}
	}
	fr, err := newFrame(testOptions(1200, 675), false)
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlan(c, testOptions(1200, 675), fr)
	if err != nil {
		t.Fatal(err)
	}
	if p.yMin >= 0 || !containsInt(p.ticks, 0) {
		t.Fatalf("y axis %v..%v with ticks %v does not extend below zero", p.yMin, p.yMax, p.ticks)
	}
	img, err := Image(c, testOptions(1200, 675))
	if err != nil {
		t.Fatal(err)
	}
	zero := int(p.plot.bottom - (0-p.yMin)/(p.yMax-p.yMin)*p.plot.height())
	dark := func(y int) bool {
		r, g, b, _ := img.At(int(p.plot.left)+3, y).RGBA()
		return r < 0x8000 && g < 0x8000 && b < 0x8000
	}
	if !dark(zero) && !dark(zero-1) && !dark(zero+1) {
		t.Errorf("no dark zero line at y=%d", zero)
	}
}

func TestColoursAreFixedByCode(t *testing.T) {
	orders := [][]string{
		{"KZ", "KG", "TJ", "UZ", "TM", data.UnattributedCode},
		{"TM", "UZ"},
		{data.UnattributedCode, "TJ", "KZ"},
	}
	for _, order := range orders {
		values := map[string]map[int]int{}
		for _, code := range order {
			values[code] = map[int]int{month(2023, 1): 1}
		}
		for _, cumulative := range []bool{false, true} {
			c := seriesChart(data.Deaths, month(2022, 1), month(2023, 12), cumulative, values, order)
			fr, err := newFrame(testOptions(1200, 675), false)
			if err != nil {
				t.Fatal(err)
			}
			p, err := newPlan(c, testOptions(1200, 675), fr)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range append(p.layers, p.totals...) {
				if l.color != toDrawing(ColorOf(l.code)) {
					t.Errorf("%v: %s drawn in %v, want %v", order, l.code, l.color, ColorOf(l.code))
				}
			}
		}
	}
	want := map[string]string{"KZ": "0072b2", "KG": "d55e00", "TJ": "009e73", "UZ": "cc79a7", "TM": "e69f00", "UNATTRIBUTED": "bbbbbb", "REGION": "000000"}
	for code, hex := range want {
		c := ColorOf(code)
		if got := fmt.Sprintf("%02x%02x%02x", c.R, c.G, c.B); got != hex {
			t.Errorf("ColorOf(%s) = %s, want %s", code, got, hex)
		}
	}
	if ColorOf("kz") != ColorOf("KZ") || ColorOf("PRISON") != ColorOf("prison") {
		t.Error("codes are not matched in any case")
	}
	if !slices.Contains(extraColors, ColorOf("new_channel")) {
		t.Errorf("an unknown code gets %v, not a colour of the extra palette", ColorOf("new_channel"))
	}
}

func TestPaletteColoursAreDistinct(t *testing.T) {
	seen := map[[3]uint8]string{}
	check := func(name string, r, g, b uint8) {
		k := [3]uint8{r, g, b}
		if other, ok := seen[k]; ok {
			t.Errorf("%s and %s share colour %v", name, other, k)
		}
		seen[k] = name
	}
	for code, c := range fixedColors {
		check(code, c.R, c.G, c.B)
	}
	for i, c := range extraColors {
		check(fmt.Sprintf("extra %d", i), c.R, c.G, c.B)
	}
	for _, ci := range data.Channels {
		if _, ok := fixedColors[string(ci.Code)]; !ok {
			t.Errorf("channel %s has no fixed colour", ci.Code)
		}
	}
	for _, a := range data.Areas {
		if _, ok := fixedColors[string(a)]; !ok {
			t.Errorf("area %s has no fixed colour", a)
		}
	}
	for _, g := range append([]data.Group{data.GroupUnstated}, data.Groups...) {
		if _, ok := fixedColors[g.Code()]; !ok {
			t.Errorf("group %s has no fixed colour", g.Code())
		}
	}
	for _, s := range data.Stages {
		if _, ok := fixedColors[string(s)]; !ok {
			t.Errorf("stage %s has no fixed colour", s)
		}
	}
}

func TestRenderIsSafeForConcurrentUse(t *testing.T) {
	done := make(chan error)
	for i, f := range families() {
		go func() {
			format := []Format{PNG, SVG, PDF}[i%3]
			done <- Render(io.Discard, format, f.c, testOptions(600, 400))
		}()
	}
	for range families() {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
