package chart

import (
	"image"
	"image/draw"
	"io"
	"math"

	"github.com/golang/freetype/raster"
	"github.com/golang/freetype/truetype"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// rasterRenderer draws on an RGBA image with go-chart's antialiasing
// rasterizer. Font sizes are in pixels per em. Three shortcuts give the
// same pixels as rasterizing every shape in place, much faster: filled
// axis-aligned rectangles with whole-pixel corners (the background, bars,
// grid lines) are copied straight into the image; a filled circle on its
// own (a timeline dot) is rasterized once per size and colour and then
// composited wherever it is drawn; and unrotated text is drawn from cached
// glyph masks. Colours are opaque.
type rasterRenderer struct {
	img *image.RGBA
	gc  *drawing.RasterGraphicContext

	pen // the current style

	// path is the current path's points while it is still a polygon of
	// straight lines; curved is set once it holds a curve.
	path   []image.Point
	curved bool
	// circle is a circle that is the whole path so far and is not yet
	// added to the rasterizer's path, if hasCircle.
	circle    circle
	hasCircle bool

	// dots holds each look of dot drawn so far, and lastDot the last,
	// whose look is lastDotKey.
	dots       map[dotKey]*image.RGBA
	lastDot    *image.RGBA
	lastDotKey dotKey
	faces      map[faceKey]font.Face // fonts by size, with their glyph caches
	// hits records where the numbers are drawn, when not nil (see
	// ImageLayout).
	hits *hitRecorder
}

// faceKey identifies a font at a size.
type faceKey struct {
	font *truetype.Font
	size float64
}

// circle is a circle path.
type circle struct {
	x, y   int
	radius float64
}

// dotKey identifies the look of a filled, stroked circle.
type dotKey struct {
	radius, strokeWidth float64
	fill, stroke        drawing.Color
}

// newRasterRenderer is a gochart.RendererProvider.
func newRasterRenderer(w, h int) (gochart.Renderer, error) {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	gc, err := drawing.NewRasterGraphicContext(img)
	if err != nil {
		return nil, err
	}
	// drawing sets glyphs at FontSizePoints*DPI/64 pixels per em
	gc.SetDPI(64)
	return &rasterRenderer{img: img, gc: gc, pen: pen{dpi: gochart.DefaultDPI}, dots: map[dotKey]*image.RGBA{}, faces: map[faceKey]font.Face{}}, nil
}

// MoveTo implements gochart.Renderer.
func (rr *rasterRenderer) MoveTo(x, y int) {
	rr.addCircle()
	rr.gc.MoveTo(float64(x), float64(y))
	rr.path = append(rr.path, image.Pt(x, y))
}

// LineTo implements gochart.Renderer.
func (rr *rasterRenderer) LineTo(x, y int) {
	rr.addCircle()
	rr.gc.LineTo(float64(x), float64(y))
	rr.path = append(rr.path, image.Pt(x, y))
}

// QuadCurveTo implements gochart.Renderer.
func (rr *rasterRenderer) QuadCurveTo(cx, cy, x, y int) {
	rr.addCircle()
	rr.gc.QuadCurveTo(float64(cx), float64(cy), float64(x), float64(y))
	rr.curved = true
}

// ArcTo implements gochart.Renderer.
func (rr *rasterRenderer) ArcTo(cx, cy int, rx, ry, startAngle, delta float64) {
	rr.addCircle()
	rr.gc.ArcTo(float64(cx), float64(cy), rx, ry, startAngle, delta)
	rr.curved = true
}

// Close implements gochart.Renderer.
func (rr *rasterRenderer) Close() {
	rr.addCircle()
	rr.gc.Close()
}

// Circle implements gochart.Renderer: a true circle, unlike go-chart's
// four quadratic curves.
func (rr *rasterRenderer) Circle(radius float64, x, y int) {
	rr.addCircle()
	if len(rr.path) == 0 && !rr.curved {
		rr.circle, rr.hasCircle = circle{x: x, y: y, radius: radius}, true
		return
	}
	circlePath(rr.gc, float64(x), float64(y), radius)
	rr.curved = true
}

// addCircle adds a pending circle to the rasterizer's path.
func (rr *rasterRenderer) addCircle() {
	if rr.hasCircle {
		rr.hasCircle = false
		c := rr.circle
		circlePath(rr.gc, float64(c.x), float64(c.y), c.radius)
		rr.curved = true
	}
}

func circlePath(gc *drawing.RasterGraphicContext, x, y, radius float64) {
	gc.ArcTo(x, y, radius, radius, 0, 2*math.Pi)
	gc.Close()
}

// drawDot composites the pending circle, filled and stroked in the current
// style, from a cached image of it.
func (rr *rasterRenderer) drawDot(stroke bool) {
	c := rr.circle
	rr.hasCircle = false
	key := dotKey{radius: c.radius, fill: rr.fill}
	if stroke {
		key.strokeWidth, key.stroke = rr.strokeWidth, rr.stroke
	}
	half := int(math.Ceil(c.radius+key.strokeWidth/2)) + 1
	dot := rr.lastDot
	if dot == nil || key != rr.lastDotKey {
		dot = rr.dots[key]
		rr.lastDot, rr.lastDotKey = dot, key
	}
	if dot == nil {
		dot = image.NewRGBA(image.Rect(0, 0, 2*half+1, 2*half+1))
		gc := drawing.NewRasterGraphicContextWithPainter(dot, raster.NewRGBAPainter(dot))
		circlePath(gc, float64(half), float64(half), c.radius)
		gc.SetFillColor(key.fill)
		if stroke {
			gc.SetStrokeColor(key.stroke)
			gc.SetLineWidth(key.strokeWidth)
			gc.FillStroke()
		} else {
			gc.Fill()
		}
		rr.dots[key], rr.lastDot = dot, dot
	}
	draw.Draw(rr.img, dot.Bounds().Add(image.Pt(c.x-half, c.y-half)), dot, image.Point{}, draw.Over)
	rr.endPath()
}

// Stroke implements gochart.Renderer.
func (rr *rasterRenderer) Stroke() {
	rr.addCircle()
	rr.setStroke()
	rr.gc.Stroke()
	rr.endPath()
}

// Fill implements gochart.Renderer.
func (rr *rasterRenderer) Fill() {
	if rr.hasCircle {
		rr.drawDot(false)
		return
	}
	if r, ok := rr.rect(); ok {
		draw.Draw(rr.img, r, image.NewUniform(rr.fill), image.Point{}, draw.Src)
		rr.gc.BeginPath()
	} else {
		rr.gc.SetFillColor(rr.fill)
		rr.gc.Fill()
	}
	rr.endPath()
}

// FillStroke implements gochart.Renderer.
func (rr *rasterRenderer) FillStroke() {
	if rr.strokeWidth <= 0 {
		rr.Fill()
		return
	}
	if rr.hasCircle {
		rr.drawDot(true)
		return
	}
	rr.gc.SetFillColor(rr.fill)
	rr.setStroke()
	rr.gc.FillStroke()
	rr.endPath()
}

func (rr *rasterRenderer) setStroke() {
	rr.gc.SetStrokeColor(rr.stroke)
	rr.gc.SetLineWidth(rr.strokeWidth)
	rr.gc.SetLineDash(rr.dash, 0)
}

func (rr *rasterRenderer) endPath() {
	rr.path, rr.curved = rr.path[:0], false
}

// rect reports whether the current path is an axis-aligned rectangle and
// returns it.
func (rr *rasterRenderer) rect() (image.Rectangle, bool) {
	p := rr.path
	if rr.curved || len(p) < 4 || len(p) > 5 || (len(p) == 5 && p[4] != p[0]) ||
		p[0].X == p[2].X || p[0].Y == p[2].Y || p[1] == p[3] {
		return image.Rectangle{}, false
	}
	for i := range 4 {
		a, b := p[i], p[(i+1)%4]
		if a.X != b.X && a.Y != b.Y {
			return image.Rectangle{}, false
		}
	}
	return image.Rect(p[0].X, p[0].Y, p[2].X, p[2].Y), true
}

// Text implements gochart.Renderer: body with its baseline starting at x, y.
func (rr *rasterRenderer) Text(body string, x, y int) {
	if rr.font == nil {
		return
	}
	if rr.rotation == nil {
		d := font.Drawer{Dst: rr.img, Src: image.NewUniform(rr.fontColor), Face: rr.face(), Dot: fixed.P(x, y)}
		d.DrawString(body)
		return
	}
	rr.gc.SetFont(rr.font)
	rr.gc.SetFontSize(rr.fontSize)
	rr.gc.SetFillColor(rr.fontColor)
	rr.gc.Translate(float64(x), float64(y))
	rr.gc.Rotate(*rr.rotation)
	// an error here is a glyph the font cannot load; the rest is drawn
	_, _ = rr.gc.CreateStringPath(body, 0, 0)
	rr.gc.Fill()
	rr.gc.SetMatrixTransform(drawing.NewIdentityMatrix())
}

// face returns the current font at the current size, with its cache of
// glyph masks.
func (rr *rasterRenderer) face() font.Face {
	key := faceKey{rr.font, rr.fontSize}
	f, ok := rr.faces[key]
	if !ok {
		f = truetype.NewFace(rr.font, &truetype.Options{Size: rr.fontSize, DPI: 72, Hinting: font.HintingNone, GlyphCacheEntries: 128})
		rr.faces[key] = f
	}
	return f
}

// Save implements gochart.Renderer: it hands the image to a
// gochart.RGBACollector, or writes it to w as PNG.
func (rr *rasterRenderer) Save(w io.Writer) error {
	if c, ok := w.(gochart.RGBACollector); ok {
		c.SetRGBA(rr.img)
		return nil
	}
	return encodePNG(w, rr.img)
}

// measureText measures body in font f at size pixels per em, as a box
// from the baseline's start, turned by rotation if not nil.
func measureText(f *truetype.Font, size float64, body string, rotation *float64) gochart.Box {
	if f == nil {
		return gochart.Box{}
	}
	fc := face{font: f}
	b := gochart.Box{Right: int(math.Ceil(fc.advance(size, body))), Bottom: int(math.Ceil(size))}
	if rotation != nil {
		b = b.Corners().Rotate(gochart.RadiansToDegrees(*rotation)).Box()
	}
	return b
}
