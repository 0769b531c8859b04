// Package chart renders a data.Chart to PNG, SVG or PDF with the furniture a
// report needs: a title, a subtitle stating the filters, axis titles, round
// integer y ticks from zero, date labels that never overlap, a legend
// outside the plot, one fixed colour-blind-safe colour per country and
// channel, a white background and a footer citing the sources.
//
// Deaths and prosecutions per period, and recruitment reports per period,
// are absolute stacked bars (the counting rules never give a negative
// value; one would stack below a zero line), with each bar's total above
// it when every total fits. Cumulative charts are lines, the regional
// total dashed. The series are countries, groups of people or prosecution
// stages, each with its own fixed colour. The timeline puts channels on
// the y axis and one dot per report, coloured by area, in each month;
// reports in the same month and channel sit side by side or in a small
// stack.
//
// Estimates never enter a bar or a line. A line chart marks each with a
// hollow marker labelled "~35, estimate" inside the plot; a bar chart, or
// a line chart with no room for a label, lists them in a note under the
// chart. Another note says how many of a period's new figures an earlier
// figure had already counted. Every number is drawn in glyphs the
// embedded font has: a minus is the ASCII hyphen-minus, as Noto Sans has
// no U+2212, and "about" is "~", as it has no U+2248.
//
// Layout: text and lines grow with the chart against a 1200x675 reference
// (by the square root of the area), never below 0.8 of it for charts of
// 600x400 and up. No text is ever cut: titles, subtitles, notes, axis
// titles, legend entries and channel labels wrap onto as many lines as they
// need, and the furniture grows. The legend goes in a column right of the
// plot or in rows below the x axis, in as many columns as leave the plot
// at least 30% of the chart's height and half its width without breaking
// a word; where no way of placing it does, all text is made smaller, step
// by step, down to half its normal size. Cumulative lines end in a label
// of their last value right of the plot, labels pushed apart so that none
// overlaps another, and lines that share a value lie side by side. Month axes
// label every month, or every 2nd, 3rd or 6th, with the years in a second
// row, or else every 1st, 2nd, 5th, 10th... year, choosing the densest
// labelling whose measured labels do not overlap.
//
// Every text is in the language of Options.Lang (English or Russian, from
// package i18n). Options.Patterns adds hatches to bars and dashes and
// marker shapes to lines and dots, for readers who cannot tell the colours
// apart.
//
// It lays charts out on go-chart's Chart with its own series (stacked bars,
// lines, timeline dots), axes and elements, and its own renderers for
// raster, SVG and PDF output; no go-chart type appears in its API, so
// go-chart can be replaced. Text is set in the embedded Noto Sans, which
// covers Cyrillic and Central Asian letters. It never imports fyne and is
// safe for concurrent use.
package chart

import (
	"fmt"
	"image"
	"io"
	"math"
	"slices"
	"time"

	gochart "github.com/wcharczuk/go-chart/v2"

	"catracker/data"
	"catracker/i18n"
)

// Format is an export file format.
type Format string

// The export formats.
const (
	PNG Format = "png"
	SVG Format = "svg"
	PDF Format = "pdf"
)

// Options size and label an exported chart.
type Options struct {
	// Width and Height are the size in pixels at scale 1; both zero means
	// the first preset. Text and lines grow with the size (a 3508x2480
	// chart prints on A4 like a 1200x675 one on a slide), with a floor that
	// keeps small charts readable. For SVG they are the size in user
	// units. For PDF they set the page's shape: the page is A4 landscape
	// (297 mm wide) when Width/Height is within 2% of A4's, otherwise 297
	// mm wide and Height/Width as tall; the chart is laid out exactly as
	// the PNG of the same Width and Height.
	Width, Height int
	// Scale multiplies the pixel size of a PNG and every font and line in
	// it, so a 2x PNG looks the same but sharper: usually 1, 2 or 4; 0
	// means 1. SVG and PDF are vector formats and ignore it.
	Scale float64
	// Dataset names the dataset in the footer, such as "catracker.db".
	Dataset string
	// Generated is when the chart was made; the footer shows its date.
	Generated time.Time
	// TextScale multiplies font sizes; 0 means 1.
	TextScale float64
	// Lang is the language of every text in the chart; the zero value is
	// English.
	Lang i18n.Language
	// Patterns draws hatches on bars and marker shapes and dashes on
	// lines and dots, for readers who cannot tell the colours apart or
	// who print in greyscale.
	Patterns bool
	// Panels draws the chart as small multiples, one panel per series on
	// one y scale (per area for recruitment, each stacked by channel),
	// under one title, subtitle, legend and footer. Only the families
	// HasPanels names can be; the others, and a chart with nothing to
	// show, ignore it.
	Panels bool
}

// Preset is a named export size in pixels at scale 1.
type Preset struct {
	Name          string
	Width, Height int
}

// Presets are the export sizes offered to users.
var Presets = []Preset{
	{"Slide (1200×675)", 1200, 675},
	{"Large (1600×900)", 1600, 900},
	{"A4 landscape, 300 dpi", 3508, 2480},
}

// MaxSide is the longest side, in pixels after scaling, of an image the
// renderer draws: the most that fits in memory.
const MaxSide = 16384

// Limits on option values.
const (
	maxScale     = 8
	maxTextScale = 4
)

// Render writes c to w in format f as a complete file.
func Render(w io.Writer, f Format, c *data.Chart, o Options) error {
	switch f {
	case PNG:
		if err := renderRaster(w, c, o); err != nil {
			return fmt.Errorf("render png: %w", err)
		}
	case SVG:
		if err := renderSVG(w, c, o); err != nil {
			return fmt.Errorf("render svg: %w", err)
		}
	case PDF:
		if err := renderPDF(w, c, o); err != nil {
			return fmt.Errorf("render pdf: %w", err)
		}
	default:
		return fmt.Errorf("render: unknown format %q (use png, svg or pdf)", f)
	}
	return nil
}

// Image renders c to the raster image that Render encodes as PNG, of
// Width*Scale by Height*Scale pixels.
func Image(c *data.Chart, o Options) (image.Image, error) {
	var sink rgbaSink
	if err := renderRaster(&sink, c, o); err != nil {
		return nil, fmt.Errorf("render image: %w", err)
	}
	return sink.img, nil
}

// rgbaSink receives the raster renderer's image instead of a PNG file (it
// is a go-chart RGBACollector).
type rgbaSink struct{ img *image.RGBA }

// SetRGBA implements gochart.RGBACollector.
func (s *rgbaSink) SetRGBA(img *image.RGBA) { s.img = img }

// Write implements io.Writer; the raster renderer never calls it on a sink.
func (s *rgbaSink) Write(p []byte) (int, error) {
	return 0, fmt.Errorf("image sink takes an image, not %d bytes", len(p))
}

func renderRaster(w io.Writer, c *data.Chart, o Options) error {
	fr, err := newFrame(o, false)
	if err != nil {
		return err
	}
	p, err := newPlan(c, o, fr)
	if err != nil {
		return err
	}
	return p.render(newRasterRenderer, w)
}

// frame is the output size and how much to grow text and lines.
type frame struct {
	w, h int
	// unit is output pixels per reference pixel for lines and spacing, and
	// text the same for fonts; a 1200x675 chart at scale 1 has both 1.
	unit, text float64
	// slack widens measured text for viewers that substitute fonts.
	slack float64
}

// newFrame checks o and sizes the output; vector output ignores Scale.
func newFrame(o Options, vector bool) (frame, error) {
	w, h := o.Width, o.Height
	if w == 0 && h == 0 {
		w, h = Presets[0].Width, Presets[0].Height
	}
	if w <= 0 || h <= 0 {
		return frame{}, fmt.Errorf("chart size %dx%d: width and height must be positive", w, h)
	}
	scale := o.Scale
	if scale == 0 || vector {
		scale = 1
	}
	if scale < 0 || scale > maxScale {
		return frame{}, fmt.Errorf("scale %g must be between 0 and %d", o.Scale, maxScale)
	}
	textScale := o.TextScale
	if textScale == 0 {
		textScale = 1
	}
	if textScale < 0 || textScale > maxTextScale {
		return frame{}, fmt.Errorf("text scale %g must be between 0 and %d", o.TextScale, maxTextScale)
	}
	fr := frame{w: int(math.Round(float64(w) * scale)), h: int(math.Round(float64(h) * scale))}
	if fr.w > MaxSide || fr.h > MaxSide || fr.w < 1 || fr.h < 1 {
		return frame{}, fmt.Errorf("chart size %dx%d pixels is outside 1..%d", fr.w, fr.h, MaxSide)
	}
	fr.unit = sizeFactor(float64(w), float64(h)) * scale
	fr.text = fr.unit * textScale
	fr.slack = 1
	return fr, nil
}

// sizeFactor grows text and lines with the chart's size at scale 1 against
// the 1200x675 reference, with a floor of 0.8 for charts of 600x400 and
// up, lower only for smaller ones.
func sizeFactor(w, h float64) float64 {
	f := min(math.Sqrt(w*h)/900, h/500, w/700)
	floor := 0.8 * min(1, w/600, h/400)
	return max(f, floor)
}

// render lays the plan out on a go-chart Chart and renders it with rp.
func (p *plan) render(rp gochart.RendererProvider, w io.Writer) error {
	if p.mp != nil {
		return p.renderMap(rp, w)
	}
	fc, err := loadFaces()
	if err != nil {
		return err
	}
	series, elements := p.series(), p.elements()
	if p.grid != nil {
		series, elements = p.grid.drawables(p)
	}
	n := max(1, len(p.periods))
	ch := gochart.Chart{
		Width:  p.fr.w,
		Height: p.fr.h,
		Font:   fc.regular.font,
		Background: gochart.Style{
			FillColor: white,
			Padding: gochart.Box{
				IsSet:  true,
				Top:    int(p.plot.top),
				Left:   int(p.plot.left),
				Right:  p.fr.w - int(p.plot.right),
				Bottom: p.fr.h - int(p.plot.bottom),
			},
		},
		Canvas:         gochart.Style{FillColor: white},
		XAxis:          gochart.XAxis{Style: gochart.Hidden(), Range: &gochart.ContinuousRange{Min: -0.5, Max: float64(n) - 0.5}},
		YAxis:          gochart.YAxis{Style: gochart.Hidden(), Range: &gochart.ContinuousRange{Min: p.yMin, Max: p.yMax}},
		YAxisSecondary: gochart.YAxis{Style: gochart.Hidden()},
		Series:         series,
		Elements:       elements,
	}
	return ch.Render(rp, w)
}

// series are what the plan draws inside its plot: the grid, then the
// bars, lines or dots.
func (p *plan) series() []gochart.Series {
	series := []gochart.Series{&gridSeries{seriesBase{"grid"}, p}, &eventSeries{seriesBase{"events"}, p}}
	if p.empty {
		return series
	}
	u := p.fr.unit
	switch p.kind {
	case kindBars:
		bars := &barSeries{seriesBase: seriesBase{"bars"}, layers: p.layers, segs: p.segs, totals: p.barTotals(),
			unit: u, lang: p.o.Lang}
		if p.showTotals {
			bars.totalStyle = &p.st.total
		}
		series = append(series, bars, &lineSeries{seriesBase{"totals"}, p.totals, u, p.o.Patterns})
	case kindLines:
		series = append(series, &lineSeries{seriesBase{"lines"}, slices.Concat(p.layers, p.totals), u, p.o.Patterns})
	case kindDots:
		series = append(series, &dotSeries{seriesBase{"reports"}, p.tl, u, p.o.Patterns, p.o.Lang})
	}
	return series
}

// elements are what the plan draws around its plot: the axes, the
// furniture, the events' markers and list, the estimates' labels and the
// legend.
func (p *plan) elements() []gochart.Renderable {
	elements := []gochart.Renderable{p.drawAxes, p.drawFurniture, p.drawEvents}
	if len(p.marks) > 0 {
		elements = append(elements, p.drawEstimates)
	}
	if p.legend != nil {
		elements = append(elements, p.legend.render)
	}
	return elements
}
