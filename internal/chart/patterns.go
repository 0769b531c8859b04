package chart

import (
	"math"

	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Pattern mode (Options.Patterns) is for readers who cannot tell the
// colours apart or who print in greyscale: every layer of a stacked bar
// chart gets a hatch drawn over its colour, every line a dash style and a
// marker shape, and every area of the timeline a marker shape; the legend
// shows the same. Patterns follow the series' order in the chart, so
// neighbours always differ.

// hatch is a fill pattern drawn over a bar's colour.
type hatch int

const (
	hatchNone          hatch = iota // plain colour
	hatchDiagonal                   // lines rising to the right
	hatchHorizontal                 // horizontal lines
	hatchDots                       // staggered dots
	hatchCross                      // horizontal and vertical lines
	hatchBackDiagonal               // lines falling to the right
	hatchVertical                   // vertical lines
	hatchDiagonalCross              // both diagonals
)

// hatches are the patterns in the order the layers take them, bottom
// first; the plain colour comes last, after seven that differ in
// direction or kind.
var hatches = []hatch{hatchDiagonal, hatchHorizontal, hatchDots, hatchCross,
	hatchBackDiagonal, hatchVertical, hatchDiagonalCross, hatchNone}

// markerShape is the shape of a line's markers or a timeline dot.
type markerShape int

const (
	shapeCircle markerShape = iota
	shapeSquare
	shapeTriangle
	shapeDiamond
	shapeTriangleDown
	shapePlus
	shapeStar
)

// shapeCount is the number of marker shapes.
const shapeCount = 7

// patternMarker is the radius of line markers in pattern mode, in
// reference pixels.
const patternMarker = 4.2

// lineDashes are the dash patterns of lines in pattern mode, in reference
// pixels: solid, dotted, dash-dot. The regional total keeps its own dashes.
var lineDashes = [][]float64{nil, {2, 3.5}, {10, 3.5, 2, 3.5}}

// Hatch geometry in reference pixels: the distance between lines (or
// dots) and their width (or radius).
const (
	hatchStep  = 7
	hatchWidth = 1.4
	dotStep    = 6
	dotRadius  = 1.3
)

// hatchInk is the colour of the hatch over fill: a darker shade on light
// colours and a lighter one on dark colours, so that the pattern shows in
// greyscale too.
func hatchInk(fill drawing.Color) drawing.Color {
	lum := (0.2126*float64(fill.R) + 0.7152*float64(fill.G) + 0.0722*float64(fill.B)) / 255
	if lum > 0.55 {
		return mix(fill, drawing.Color{A: 255}, 0.6)
	}
	return mix(fill, white, 0.7)
}

// mix returns a blended toward b by t, opaque.
func mix(a, b drawing.Color, t float64) drawing.Color {
	ch := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*(1-t) + float64(y)*t)) }
	return drawing.Color{R: ch(a.R, b.R), G: ch(a.G, b.G), B: ch(a.B, b.B), A: 255}
}

// drawHatch draws pattern h over the rectangle x0..x1, y0..y1 that is
// filled with fill, inset so that its edges stay clean. Lines and dots sit
// on a grid fixed to the canvas, so a layer's pattern runs on from bar to
// bar.
func drawHatch(r gochart.Renderer, h hatch, x0, y0, x1, y1 float64, fill drawing.Color, unit float64) {
	if h == hatchNone {
		return
	}
	in := max(1, unit)
	x0, y0, x1, y1 = x0+in, y0+in, x1-in, y1-in
	if x1-x0 < 2 || y1-y0 < 2 {
		return
	}
	ink := hatchInk(fill)
	step, width := hatchStep*unit, max(1, hatchWidth*unit)
	switch h {
	case hatchDiagonal:
		diagonals(r, x0, y0, x1, y1, step, width, ink, true)
	case hatchBackDiagonal:
		diagonals(r, x0, y0, x1, y1, step, width, ink, false)
	case hatchDiagonalCross:
		diagonals(r, x0, y0, x1, y1, step*1.3, width, ink, true)
		diagonals(r, x0, y0, x1, y1, step*1.3, width, ink, false)
	case hatchHorizontal:
		horizontals(r, x0, y0, x1, y1, step, width, ink)
	case hatchVertical:
		verticals(r, x0, y0, x1, y1, step, width, ink)
	case hatchCross:
		horizontals(r, x0, y0, x1, y1, step, width, ink)
		verticals(r, x0, y0, x1, y1, step, width, ink)
	case hatchDots:
		dots(r, x0, y0, x1, y1, dotStep*unit, max(0.8, dotRadius*unit), ink)
	}
}

// diagonals strokes the lines x+y = k*step (rising to the right on
// screen) or x-y = k*step (falling) clipped to the rectangle, as one path.
func diagonals(r gochart.Renderer, x0, y0, x1, y1, step, width float64, c drawing.Color, rising bool) {
	sign := 1.0
	lo, hi := x0+y0, x1+y1
	if !rising {
		sign = -1
		lo, hi = x0-y1, x1-y0
	}
	drawn := false
	for k := math.Ceil(lo/step) * step; k <= hi; k += step {
		// y = sign*(k - x): clip x so that y stays within y0..y1
		xa, xb := max(x0, k-y1), min(x1, k-y0)
		if !rising {
			xa, xb = max(x0, k+y0), min(x1, k+y1)
		}
		if xb-xa < 1 {
			continue
		}
		r.MoveTo(round(xa), round(sign*(k-xa)))
		r.LineTo(round(xb), round(sign*(k-xb)))
		drawn = true
	}
	if !drawn {
		return
	}
	r.SetStrokeColor(c)
	r.SetStrokeWidth(width)
	r.SetStrokeDashArray(nil)
	r.Stroke()
}

func horizontals(r gochart.Renderer, x0, y0, x1, y1, step, width float64, c drawing.Color) {
	for y := math.Ceil(y0/step) * step; y <= y1; y += step {
		hRule(r, x0, x1, y, width, c)
	}
}

func verticals(r gochart.Renderer, x0, y0, x1, y1, step, width float64, c drawing.Color) {
	for x := math.Ceil(x0/step) * step; x <= x1; x += step {
		vRule(r, x, y0, y1, width, c)
	}
}

// dots fills staggered dots that lie wholly inside the rectangle.
func dots(r gochart.Renderer, x0, y0, x1, y1, step, radius float64, c drawing.Color) {
	r.SetFillColor(c)
	r.SetStrokeWidth(0)
	for row := math.Ceil(y0 / step); row*step <= y1; row++ {
		y := row * step
		if y-radius < y0 || y+radius > y1 {
			continue
		}
		shift := 0.0
		if int(row)%2 != 0 {
			shift = step / 2
		}
		for x := math.Ceil((x0-shift)/step)*step + shift; x+radius <= x1; x += step {
			if x-radius >= x0 {
				r.Circle(radius, round(x), round(y))
				r.Fill()
			}
		}
	}
}

// marker draws shape centred on x, y with about the area of a circle of
// the given radius, filled and outlined.
func marker(r gochart.Renderer, shape markerShape, x, y, radius float64, fill, outline drawing.Color, outlineWidth float64) {
	if shape == shapeCircle {
		dot(r, x, y, radius, fill, outline, outlineWidth)
		return
	}
	pts := shapePoints(shape, radius)
	r.SetFillColor(fill)
	r.SetStrokeColor(outline)
	r.SetStrokeWidth(outlineWidth)
	r.SetStrokeDashArray(nil)
	r.MoveTo(round(x+pts[0][0]), round(y+pts[0][1]))
	for _, p := range pts[1:] {
		r.LineTo(round(x+p[0]), round(y+p[1]))
	}
	r.Close()
	r.FillStroke()
}

// shapePoints returns the corners of a shape around the origin, screen y
// down.
func shapePoints(shape markerShape, radius float64) [][2]float64 {
	polar := func(n int, rad func(i int) float64, turn float64) [][2]float64 {
		pts := make([][2]float64, n)
		for i := range pts {
			a := turn + 2*math.Pi*float64(i)/float64(n)
			pts[i] = [2]float64{rad(i) * math.Sin(a), -rad(i) * math.Cos(a)}
		}
		return pts
	}
	const sq = 0.886 // half side of a square with a circle's area
	switch shape {
	case shapeSquare:
		s := sq * radius
		return [][2]float64{{-s, -s}, {s, -s}, {s, s}, {-s, s}}
	case shapeTriangle:
		return polar(3, func(int) float64 { return 1.3 * radius }, 0)
	case shapeTriangleDown:
		return polar(3, func(int) float64 { return 1.3 * radius }, math.Pi)
	case shapeDiamond:
		return polar(4, func(int) float64 { return 1.2 * radius }, 0)
	case shapeStar:
		return polar(10, func(i int) float64 { return radius * []float64{1.45, 0.62}[i%2] }, 0)
	}
	a, b := 0.42*radius, 1.25*radius // shapePlus: arms of half-width a, reach b
	return [][2]float64{{-a, -b}, {a, -b}, {a, -a}, {b, -a}, {b, a}, {a, a}, {a, b}, {-a, b}, {-a, a}, {-b, a}, {-b, -a}, {-a, -a}}
}
