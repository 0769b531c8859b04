package chart

import (
	"bytes"
	"image"
	"image/color"
	"slices"
	"testing"

	"catracker/data"
)

// TestImageLayoutFindsEveryNumber: the image ImageLayout draws is the
// one Image draws, each of its bar segments and points has a hit where
// it is painted, and a tap there finds its mark.
func TestImageLayoutFindsEveryNumber(t *testing.T) {
	charts := map[string]*data.Chart{
		"bars": realisticDeaths(false), "lines": realisticDeaths(true),
		"recruitment": realisticRecruitment(false), "timeline": realisticTimeline(),
	}
	for name, c := range charts {
		t.Run(name, func(t *testing.T) {
			o := testOptions(900, 500)
			img, layout, err := ImageLayout(c, o)
			if err != nil {
				t.Fatal(err)
			}
			plain, err := Image(c, o)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(img.(*image.RGBA).Pix, plain.(*image.RGBA).Pix) {
				t.Fatal("ImageLayout draws another image than Image")
			}
			if layout.Width != img.Bounds().Dx() || layout.Height != img.Bounds().Dy() {
				t.Errorf("layout %dx%d for an image of %v", layout.Width, layout.Height, img.Bounds())
			}
			if want := numbers(c); len(layout.Hits) != want {
				t.Errorf("%d hits, want %d", len(layout.Hits), want)
			}
			for _, h := range layout.Hits {
				x, y := (h.X0+h.X1)/2, (h.Y0+h.Y1)/2
				if got := img.At(int(x), int(y)); sameColor(got, white) {
					t.Errorf("nothing is painted at the middle of %+v", h.Mark)
				}
				if m, ok := layout.At(x, y, 0); !ok || (!h.Point && m != h.Mark) {
					t.Errorf("At(%g, %g) = %+v, %v, want %+v", x, y, m, ok, h.Mark)
				}
			}
		})
	}
}

// numbers counts the marks a chart draws: its non-zero bar segments, the
// points of its lines (a line of zeros is not drawn) or its timeline's
// dots.
func numbers(c *data.Chart) int {
	if c.Filter.Family == data.Timeline {
		return len(c.Points)
	}
	n := 0
	for _, s := range c.Series {
		if slices.Max(s.Values) == 0 {
			continue
		}
		for _, v := range s.Values {
			if v != 0 || c.Filter.Cumulative {
				n++
			}
		}
	}
	return n
}

func sameColor(a, b color.Color) bool {
	r1, g1, b1, _ := a.RGBA()
	r2, g2, b2, _ := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2
}

// TestLayoutAtMissesEmptyPlaces: a tap far from every mark finds none.
func TestLayoutAtMissesEmptyPlaces(t *testing.T) {
	l := Layout{Hits: []Hit{{Mark: data.Mark{Series: "KG"}, X0: 10, Y0: 10, X1: 20, Y1: 50},
		{Mark: data.Mark{Series: "TJ"}, X0: 40, Y0: 40, X1: 46, Y1: 46, Point: true}}}
	if _, ok := l.At(100, 100, 8); ok {
		t.Error("a tap far from every mark found one")
	}
	if m, ok := l.At(50, 43, 8); !ok || m.Series != "TJ" {
		t.Errorf("a tap beside a point found %+v, %v", m, ok)
	}
	if m, ok := l.At(15, 30, 8); !ok || m.Series != "KG" {
		t.Errorf("a tap on a bar found %+v, %v", m, ok)
	}
	if _, ok := l.At(25, 30, 8); ok {
		t.Error("a tap beside a bar found it")
	}
}

// TestPanelHitsNameTheirArea: the bars of a recruitment chart drawn one
// panel per area say whose panel they are in, so that each leads to that
// area's reports.
func TestPanelHitsNameTheirArea(t *testing.T) {
	c := realisticRecruitment(false)
	c.Filter.Areas = []data.Area{data.KG, data.TJ}
	c.ByArea = []data.AreaSeries{{Area: data.KG, Series: c.Series[:3]}, {Area: data.TJ, Series: c.Series[3:]}}
	o := testOptions(900, 600)
	o.Panels = true
	_, layout, err := ImageLayout(c, o)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, as := range c.ByArea {
		want += numbers(&data.Chart{Filter: c.Filter, Series: as.Series})
	}
	if len(layout.Hits) != want {
		t.Errorf("%d hits, want %d", len(layout.Hits), want)
	}
	for _, h := range layout.Hits {
		if h.Mark.Area != data.KG && h.Mark.Area != data.TJ || c.Value(h.Mark) == 0 {
			t.Errorf("hit %+v: area %q, value %d", h.Mark, h.Mark.Area, c.Value(h.Mark))
		}
	}
}
