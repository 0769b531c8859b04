package chart

import (
	"fmt"
	"image"
	"math"

	gochart "github.com/wcharczuk/go-chart/v2"

	"catracker/data"
)

// Hit is where a chart image draws one number, in the image's pixels: a
// bar segment's rectangle, or the square around a line's point or a
// timeline's dot.
type Hit struct {
	Mark           data.Mark
	X0, Y0, X1, Y1 float64
	// Point says the hit is a point or a dot, which a tap near it finds
	// too; a bar is found only under the tap.
	Point bool
}

// Layout is where a chart image draws its numbers, so that a view can
// tell which number a tap or the pointer is on. It is empty for a map and
// for a chart with nothing to show.
type Layout struct {
	Width, Height int // the image's size in pixels
	Hits          []Hit
}

// At returns the mark of the number drawn at pixel (x, y) of the image:
// the bar segment under it, or else the nearest point or dot whose square
// is within slop pixels. ok is false when there is none.
func (l Layout) At(x, y, slop float64) (m data.Mark, ok bool) {
	best := math.Inf(1)
	for _, h := range l.Hits {
		if !h.Point {
			if x >= h.X0 && x <= h.X1 && y >= h.Y0 && y <= h.Y1 {
				return h.Mark, true
			}
			continue
		}
		dx := max(h.X0-x, 0, x-h.X1)
		dy := max(h.Y0-y, 0, y-h.Y1)
		if d := math.Hypot(dx, dy); d <= slop && d < best {
			best, m, ok = d, h.Mark, true
		}
	}
	return m, ok
}

// ImageLayout renders c as Image does and also returns where the image
// draws each number.
func ImageLayout(c *data.Chart, o Options) (image.Image, Layout, error) {
	fr, err := newFrame(o, false)
	if err != nil {
		return nil, Layout{}, fmt.Errorf("render image: %w", err)
	}
	p, err := newPlan(c, o, fr)
	if err != nil {
		return nil, Layout{}, fmt.Errorf("render image: %w", err)
	}
	rec := &hitRecorder{}
	provider := func(w, h int) (gochart.Renderer, error) {
		r, err := newRasterRenderer(w, h)
		if rr, ok := r.(*rasterRenderer); ok {
			rr.hits = rec
		}
		return r, err
	}
	var sink rgbaSink
	if err := p.render(provider, &sink); err != nil {
		return nil, Layout{}, fmt.Errorf("render image: %w", err)
	}
	return sink.img, Layout{Width: fr.w, Height: fr.h, Hits: rec.hits}, nil
}

// hitRecorder collects the hits of a raster image as its series draw
// them. area is the area of the panel being drawn, for a recruitment
// chart drawn one panel per area.
type hitRecorder struct {
	hits []Hit
	area data.Area
}

// recorderOf returns r's hit recorder, or nil when r records none.
func recorderOf(r gochart.Renderer) *hitRecorder {
	if rr, ok := r.(*rasterRenderer); ok {
		return rr.hits
	}
	return nil
}

// bar records a bar segment of series code at period p.
func (h *hitRecorder) bar(code string, p int, x0, y0, x1, y1 float64) {
	if h != nil {
		h.hits = append(h.hits, Hit{Mark: data.Mark{Series: code, Period: p, Area: h.area}, X0: x0, Y0: y0, X1: x1, Y1: y1})
	}
}

// point records a point or dot of mark m at (x, y) of the radius.
func (h *hitRecorder) point(m data.Mark, x, y, radius float64) {
	if h != nil {
		h.hits = append(h.hits, Hit{Mark: m, X0: x - radius, Y0: y - radius, X1: x + radius, Y1: y + radius, Point: true})
	}
}

// areaOf is the area of the panel h records, blank without one.
func areaOf(h *hitRecorder) data.Area {
	if h == nil {
		return ""
	}
	return h.area
}
