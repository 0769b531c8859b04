package chart

import (
	"bytes"
	"image"
	"image/color"
	"strings"
	"testing"

	"catracker/data"
)

// twoLayers is a bar chart of two stacked series of equal height.
func twoLayers() *data.Chart {
	return seriesChart(data.Deaths, month(2023, 1), month(2023, 3), false, map[string]map[int]int{
		"KZ": {month(2023, 1): 10, month(2023, 2): 10, month(2023, 3): 10},
		"KG": {month(2023, 1): 10, month(2023, 2): 10, month(2023, 3): 10},
	}, []string{"KZ", "KG"})
}

// planOf lays c out as a PNG.
func planOf(t *testing.T, c *data.Chart, o Options) *plan {
	t.Helper()
	fr, err := newFrame(o, false)
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlan(c, o, fr)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// layerBoxes returns the inside of the middle bar's two segments, bottom
// first, from the chart's layout, both of the same size.
func layerBoxes(t *testing.T, c *data.Chart, o Options) [2]image.Rectangle {
	t.Helper()
	p := planOf(t, c, o)
	slot := p.plot.width() / float64(len(p.periods))
	cx := p.plot.left + 1.5*slot
	y := func(v float64) int { return int(p.plot.bottom - v/p.yMax*p.plot.height()) }
	x0, x1 := int(cx-0.3*slot), int(cx+0.3*slot)
	h := min(y(0)-y(10), y(10)-y(20)) - 8
	return [2]image.Rectangle{
		image.Rect(x0, y(0)-4-h, x1, y(0)-4),
		image.Rect(x0, y(10)-4-h, x1, y(10)-4),
	}
}

// mask marks the pixels of box that are not the colour c, from the box's
// top left.
func mask(img image.Image, box image.Rectangle, c color.RGBA) (marks []bool, share float64) {
	n := 0
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			off := uint8(r>>8) != c.R || uint8(g>>8) != c.G || uint8(b>>8) != c.B
			marks = append(marks, off)
			if off {
				n++
			}
		}
	}
	return marks, float64(n) / float64(len(marks))
}

func TestPatternModeHatchesNeighbouringLayersDifferently(t *testing.T) {
	c := twoLayers()
	o := testOptions(600, 400)
	boxes := layerBoxes(t, c, o)
	colours := [2]color.RGBA{ColorOf("KZ"), ColorOf("KG")}

	plain, err := Image(c, o)
	if err != nil {
		t.Fatal(err)
	}
	for i, box := range boxes {
		if box.Dx() < 10 || box.Dy() < 20 {
			t.Fatalf("layer %d's box %v is too small to test", i, box)
		}
		if _, share := mask(plain, box, colours[i]); share != 0 {
			t.Errorf("without patterns, %.0f%% of layer %d is not its plain colour", share*100, i)
		}
	}

	o.Patterns = true
	hatched, err := Image(c, o)
	if err != nil {
		t.Fatal(err)
	}
	var marks [2][]bool
	for i, box := range boxes {
		var share float64
		marks[i], share = mask(hatched, box, colours[i])
		if share < 0.08 || share > 0.7 {
			t.Errorf("layer %d: %.0f%% of its pixels are hatch, want a visible pattern over its colour", i, share*100)
		}
	}
	// The two boxes have the same size; compare their patterns pixel by pixel.
	differ := 0
	for j := range marks[0] {
		if marks[0][j] != marks[1][j] {
			differ++
		}
	}
	if share := float64(differ) / float64(len(marks[0])); share < 0.1 {
		t.Errorf("the two layers' patterns differ in only %.0f%% of pixels", share*100)
	}
}

// The legend's swatch shows the same hatch as the bars: outside the plot,
// the box around the pixels of the first layer's colour holds other
// pixels only in pattern mode.
func TestPatternModeLegendShowsTheHatch(t *testing.T) {
	c := twoLayers()
	o := testOptions(600, 400)
	pl := planOf(t, c, o).plot
	plot := image.Rect(int(pl.left), int(pl.top), int(pl.right), int(pl.bottom))
	for _, patterns := range []bool{false, true} {
		o.Patterns = patterns
		img, err := Image(c, o)
		if err != nil {
			t.Fatal(err)
		}
		kz := ColorOf("KZ")
		var swatch image.Rectangle
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				p := image.Pt(x, y)
				if p.In(plot) {
					continue
				}
				if r, g, bl, _ := img.At(x, y).RGBA(); uint8(r>>8) == kz.R && uint8(g>>8) == kz.G && uint8(bl>>8) == kz.B {
					swatch = swatch.Union(image.Rect(x, y, x+1, y+1))
				}
			}
		}
		if swatch.Empty() {
			t.Fatalf("patterns %v: no legend swatch in Kazakhstan's colour", patterns)
		}
		if _, share := mask(img, swatch, kz); (share > 0) != patterns {
			t.Errorf("patterns %v: %.0f%% of the legend swatch %v is not plain colour", patterns, share*100, swatch)
		}
	}
}

// Every family draws its patterns, markers and dashes in every format.
func TestPatternModeInEveryFormat(t *testing.T) {
	for name, c := range sampleCharts() {
		t.Run(name, func(t *testing.T) {
			o := testOptions(1200, 675)
			var plain, patterned bytes.Buffer
			if err := Render(&plain, SVG, c, o); err != nil {
				t.Fatal(err)
			}
			o.Patterns = true
			if err := Render(&patterned, SVG, c, o); err != nil {
				t.Fatal(err)
			}
			checkXML(t, patterned.Bytes())
			a, b := strings.Count(plain.String(), "<path"), strings.Count(patterned.String(), "<path")
			switch {
			case strings.HasSuffix(name, "-bars") && b <= a:
				t.Errorf("pattern mode draws %d paths, no more than the %d without", b, a)
			case strings.HasSuffix(name, "-cumulative") && !strings.Contains(patterned.String(), `stroke-dasharray="2 3.5"`):
				t.Error("pattern mode has no dotted line")
			case plain.String() == patterned.String():
				t.Error("pattern mode changes nothing")
			}
			var pdf bytes.Buffer
			if err := Render(&pdf, PDF, c, o); err != nil {
				t.Errorf("pdf: %v", err)
			}
		})
	}
}
