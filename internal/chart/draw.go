package chart

import (
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// fillRect fills the rectangle x0..x1, y0..y1 snapped to whole pixels, so
// that edges, rules and grid lines stay crisp.
func fillRect(r gochart.Renderer, x0, y0, x1, y1 float64, c drawing.Color) {
	fillRectPx(r, round(x0), round(y0), round(x1), round(y1), c)
}

func fillRectPx(r gochart.Renderer, x0, y0, x1, y1 int, c drawing.Color) {
	if x1 <= x0 || y1 <= y0 {
		return
	}
	r.SetFillColor(c)
	r.SetStrokeWidth(0)
	r.MoveTo(x0, y0)
	r.LineTo(x1, y0)
	r.LineTo(x1, y1)
	r.LineTo(x0, y1)
	r.Close()
	r.Fill()
}

// hRule draws a horizontal line of the given width centred on y.
func hRule(r gochart.Renderer, x0, x1, y, width float64, c drawing.Color) {
	w := max(1, round(width))
	top := round(y - float64(w)/2)
	fillRectPx(r, round(x0), top, round(x1), top+w, c)
}

// vRule draws a vertical line of the given width centred on x.
func vRule(r gochart.Renderer, x, y0, y1, width float64, c drawing.Color) {
	w := max(1, round(width))
	left := round(x - float64(w)/2)
	fillRectPx(r, left, round(y0), left+w, round(y1), c)
}

// polyline strokes a line through the points xs, ys; dash, if not nil, is
// the dash pattern in pixels.
func polyline(r gochart.Renderer, xs, ys []float64, width float64, c drawing.Color, dash []float64) {
	if len(xs) < 2 {
		return
	}
	r.SetStrokeColor(c)
	r.SetStrokeWidth(width)
	r.SetStrokeDashArray(dash)
	r.MoveTo(round(xs[0]), round(ys[0]))
	for i := 1; i < len(xs); i++ {
		r.LineTo(round(xs[i]), round(ys[i]))
	}
	r.Stroke()
	r.SetStrokeDashArray(nil)
}

// dot draws a filled circle with an outline, so overlapping dots stay
// distinct.
func dot(r gochart.Renderer, x, y, radius float64, fill, outline drawing.Color, outlineWidth float64) {
	r.SetFillColor(fill)
	r.SetStrokeColor(outline)
	r.SetStrokeWidth(outlineWidth)
	r.Circle(radius, round(x), round(y))
	r.FillStroke()
}
