package chart

import (
	"image"
	"image/color"
	"slices"
	"testing"

	"catracker/data"
	"catracker/i18n"
)

// TestCumulativeLinesLabelTheirLastValues: every last value of the lines
// of a cumulative chart, the regional total's too, is written right of the
// plot (once for the lines that share it), next to its lines' ends unless
// another label is in the way, and no two labels overlap, at the sizes,
// text sizes and languages users choose.
func TestCumulativeLinesLabelTheirLastValues(t *testing.T) {
	for _, size := range [][2]int{{600, 400}, {1200, 675}, {3200, 1800}} {
		for _, text := range []float64{1, 1.5} {
			for _, lang := range []i18n.Language{i18n.English, i18n.Russian} {
				c := groupDeaths(true)
				o := testOptions(size[0], size[1])
				o.TextScale, o.Lang = text, lang
				p, texts := laidOutTexts(t, c, o)
				var want, got []string
				for _, s := range c.Series {
					if v := lastValue(s.Values); v > 0 && !slices.Contains(want, number(lang, v)) {
						want = append(want, number(lang, v))
					}
				}
				var boxes []rect
				for _, l := range p.ends {
					got = append(got, l.text)
					if l.y < p.plot.top-1 || l.y > p.plot.bottom {
						t.Errorf("%v: label %q at y %.0f is beside no part of the plot %v", size, l.text, l.y, p.plot)
					}
					for _, b := range texts {
						if b.text == l.text && b.x > p.plot.right {
							boxes = append(boxes, b.ink())
						}
					}
				}
				slices.Sort(want)
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Fatalf("%v text %g %s: end labels %q, want the last values %q", size, text, lang, got, want)
				}
				if len(boxes) < len(want) {
					t.Errorf("%v: %d end labels drawn right of the plot, want %d", size, len(boxes), len(want))
				}
				for i := range boxes {
					for j := range i {
						if boxes[i].overlaps(boxes[j]) {
							t.Errorf("%v text %g %s: end labels at %v and %v overlap", size, text, lang, boxes[i], boxes[j])
						}
					}
				}
			}
		}
	}
	// a label is as near its lines' ends as the others allow: alone, level
	// with them; lines that end at one value share its label
	c := seriesChart(data.Deaths, month(2022, 1), month(2022, 12), true, map[string]map[int]int{
		"KG": {month(2022, 3): 5},
	}, []string{"KG"})
	p := planOf(t, c, testOptions(1200, 675))
	if len(p.ends) != 1 || p.ends[0].text != "5" || len(p.ends[0].ends) != 2 || p.ends[0].y != p.ends[0].y0 {
		t.Errorf("end labels %+v, want one 5, for Kyrgyzstan and the total, level with their ends", p.ends)
	}
}

// TestLinesSharingAValueStayVisible: two countries with the same figures
// draw two lines side by side, so that the one drawn first still shows.
func TestLinesSharingAValueStayVisible(t *testing.T) {
	same := map[int]int{month(2022, 3): 4, month(2022, 8): 3}
	c := seriesChart(data.Deaths, month(2022, 1), month(2022, 12), true, map[string]map[int]int{
		"KG": same, "TJ": same,
	}, []string{"KG", "TJ"})
	o := testOptions(1200, 675)
	img, err := Image(c, o)
	if err != nil {
		t.Fatal(err)
	}
	p := planOf(t, c, o)
	plot := image.Rect(int(p.plot.left), int(p.plot.top), int(p.plot.right), int(p.plot.bottom))
	for _, code := range []string{"KG", "TJ", data.RegionCode} {
		if n := countColour(img, plot, ColorOf(code)); n < 200 {
			t.Errorf("%s: %d pixels of its colour in the plot, want its whole line visible", code, n)
		}
	}
}

// countColour counts the pixels of box in img that are colour c.
func countColour(img image.Image, box image.Rectangle, c color.RGBA) int {
	n := 0
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if uint8(r>>8) == c.R && uint8(g>>8) == c.G && uint8(b>>8) == c.B {
				n++
			}
		}
	}
	return n
}
