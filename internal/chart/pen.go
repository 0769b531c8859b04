package chart

import (
	"github.com/golang/freetype/truetype"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// pen is the drawing style the PNG, SVG and PDF renderers share: colours,
// line, font and text rotation. Each renderer embeds it, so the style half
// of go-chart's Renderer interface is written once.
type pen struct {
	dpi                     float64
	fill, stroke, fontColor drawing.Color
	strokeWidth             float64
	dash                    []float64
	font                    *truetype.Font
	fontSize                float64
	rotation                *float64
}

// ResetStyle implements gochart.Renderer.
func (p *pen) ResetStyle() {
	p.fill, p.stroke, p.fontColor = drawing.Color{}, drawing.Color{}, drawing.Color{}
	p.strokeWidth, p.dash = 0, nil
	p.ClearTextRotation()
}

// GetDPI implements gochart.Renderer.
func (p *pen) GetDPI() float64 { return p.dpi }

// SetDPI implements gochart.Renderer; sizes stay in pixels whatever the DPI.
func (p *pen) SetDPI(dpi float64) { p.dpi = dpi }

// SetClassName implements gochart.Renderer; styles are written inline.
func (p *pen) SetClassName(string) {}

// SetStrokeColor implements gochart.Renderer.
func (p *pen) SetStrokeColor(c drawing.Color) { p.stroke = c }

// SetFillColor implements gochart.Renderer.
func (p *pen) SetFillColor(c drawing.Color) { p.fill = c }

// SetStrokeWidth implements gochart.Renderer.
func (p *pen) SetStrokeWidth(w float64) { p.strokeWidth = w }

// SetStrokeDashArray implements gochart.Renderer.
func (p *pen) SetStrokeDashArray(d []float64) { p.dash = d }

// SetFont implements gochart.Renderer.
func (p *pen) SetFont(f *truetype.Font) { p.font = f }

// SetFontColor implements gochart.Renderer.
func (p *pen) SetFontColor(c drawing.Color) { p.fontColor = c }

// SetFontSize implements gochart.Renderer; size is in pixels.
func (p *pen) SetFontSize(size float64) { p.fontSize = size }

// MeasureText implements gochart.Renderer.
func (p *pen) MeasureText(body string) gochart.Box {
	return measureText(p.font, p.fontSize, body, p.rotation)
}

// SetTextRotation implements gochart.Renderer.
func (p *pen) SetTextRotation(radians float64) { p.rotation = &radians }

// ClearTextRotation implements gochart.Renderer.
func (p *pen) ClearTextRotation() { p.rotation = nil }
