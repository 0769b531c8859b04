package chart

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/golang/freetype/truetype"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"

	"catracker/data"
)

func renderSVG(w io.Writer, c *data.Chart, o Options) error {
	fr, err := newFrame(o, true)
	if err != nil {
		return err
	}
	// DejaVu Sans, the usual fallback on Linux, is up to 14% wider
	fr.slack = 1.12
	p, err := newPlan(c, o, fr)
	if err != nil {
		return err
	}
	fc, err := loadFaces()
	if err != nil {
		return err
	}
	provider := func(width, height int) (gochart.Renderer, error) {
		return newSVGRenderer(width, height, Title(c, o.Lang), DescribeWith(c, o), fc.bold.font), nil
	}
	return p.render(provider, w)
}

// svgRenderer writes SVG itself rather than through go-chart, whose SVG
// does not escape text: every text is XML-escaped (characters XML cannot
// hold become U+FFFD), fonts fall back to families that cover Cyrillic,
// and text is anchored and given its length in Noto Sans so that layout
// survives font substitution. Font sizes are in pixels; colours are opaque.
type svgRenderer struct {
	buf  bytes.Buffer
	path []byte
	bold *truetype.Font

	pen     // the current style
	tooltip string
}

// newSVGRenderer starts an SVG document of w by h with an accessible title
// and description; bold is the font to write as bold.
func newSVGRenderer(w, h int, title, desc string, bold *truetype.Font) *svgRenderer {
	s := &svgRenderer{bold: bold, pen: pen{dpi: gochart.DefaultDPI}}
	fmt.Fprintf(&s.buf, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
		`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="%s" role="img">`+"\n",
		w, h, w, h, svgFontFamily)
	s.element("title", title)
	s.element("desc", desc)
	return s
}

// element writes <name>text</name> with text escaped.
func (s *svgRenderer) element(name, text string) {
	fmt.Fprintf(&s.buf, "<%s>", name)
	s.escape(text)
	fmt.Fprintf(&s.buf, "</%s>\n", name)
}

func (s *svgRenderer) escape(text string) {
	// writing to a bytes.Buffer cannot fail
	_ = xml.EscapeText(&s.buf, []byte(text))
}

// SetTooltip attaches text to the next shape drawn.
func (s *svgRenderer) SetTooltip(text string) { s.tooltip = text }

// MoveTo implements gochart.Renderer.
func (s *svgRenderer) MoveTo(x, y int) { s.path = fmt.Appendf(s.path, "M%d %d", x, y) }

// LineTo implements gochart.Renderer.
func (s *svgRenderer) LineTo(x, y int) { s.path = fmt.Appendf(s.path, "L%d %d", x, y) }

// QuadCurveTo implements gochart.Renderer.
func (s *svgRenderer) QuadCurveTo(cx, cy, x, y int) {
	s.path = fmt.Appendf(s.path, "Q%d %d %d %d", cx, cy, x, y)
}

// ArcTo implements gochart.Renderer: an arc of the ellipse centred on cx,
// cy from startAngle through delta radians, clockwise on screen when delta
// is positive.
func (s *svgRenderer) ArcTo(cx, cy int, rx, ry, startAngle, delta float64) {
	x0, y0 := float64(cx)+rx*math.Cos(startAngle), float64(cy)+ry*math.Sin(startAngle)
	end := startAngle + delta
	x1, y1 := float64(cx)+rx*math.Cos(end), float64(cy)+ry*math.Sin(end)
	cmd := "L"
	if len(s.path) == 0 {
		cmd = "M"
	}
	large, sweep := 0, 0
	if math.Abs(delta) > math.Pi {
		large = 1
	}
	if delta > 0 {
		sweep = 1
	}
	s.path = fmt.Appendf(s.path, "%s%s %sA%s %s 0 %d %d %s %s", cmd, num(x0), num(y0),
		num(rx), num(ry), large, sweep, num(x1), num(y1))
}

// Close implements gochart.Renderer.
func (s *svgRenderer) Close() { s.path = append(s.path, 'Z') }

// Circle implements gochart.Renderer.
func (s *svgRenderer) Circle(radius float64, x, y int) {
	r := num(radius)
	s.path = fmt.Appendf(s.path, "M%s %dA%s %s 0 1 0 %s %dA%s %s 0 1 0 %s %dZ",
		num(float64(x)-radius), y, r, r, num(float64(x)+radius), y, r, r, num(float64(x)-radius), y)
}

// Stroke implements gochart.Renderer.
func (s *svgRenderer) Stroke() { s.drawPath(false, true) }

// Fill implements gochart.Renderer.
func (s *svgRenderer) Fill() { s.drawPath(true, false) }

// FillStroke implements gochart.Renderer.
func (s *svgRenderer) FillStroke() { s.drawPath(true, s.strokeWidth > 0) }

func (s *svgRenderer) drawPath(fill, stroke bool) {
	if len(s.path) == 0 {
		return
	}
	fmt.Fprintf(&s.buf, `<path d="%s"`, s.path)
	if fill {
		fmt.Fprintf(&s.buf, ` fill="%s"`, hexColor(s.fill))
	} else {
		s.buf.WriteString(` fill="none"`)
	}
	if stroke {
		fmt.Fprintf(&s.buf, ` stroke="%s" stroke-width="%s" stroke-linecap="round" stroke-linejoin="round"`,
			hexColor(s.stroke), num(s.strokeWidth))
		if len(s.dash) > 0 {
			s.buf.WriteString(` stroke-dasharray="`)
			for i, d := range s.dash {
				if i > 0 {
					s.buf.WriteByte(' ')
				}
				s.buf.WriteString(num(d))
			}
			s.buf.WriteByte('"')
		}
	}
	if s.tooltip != "" {
		s.buf.WriteByte('>')
		s.element("title", s.tooltip)
		s.buf.WriteString("</path>\n")
		s.tooltip = ""
	} else {
		s.buf.WriteString("/>\n")
	}
	s.path = s.path[:0]
}

// Text implements gochart.Renderer.
func (s *svgRenderer) Text(body string, x, y int) { s.TextAnchored(body, x, y, alignLeft) }

// TextAnchored writes body with its baseline at y, aligned a on x.
func (s *svgRenderer) TextAnchored(body string, x, y int, a align) {
	fmt.Fprintf(&s.buf, `<text x="%d" y="%d" font-size="%s" fill="%s"`, x, y, num(s.fontSize), hexColor(s.fontColor))
	if s.font != nil { // viewers that honour it keep the measured width
		w := (&face{font: s.font}).advance(s.fontSize, body)
		fmt.Fprintf(&s.buf, ` textLength="%s" lengthAdjust="spacingAndGlyphs"`, num(w))
	}
	if s.font == s.bold {
		s.buf.WriteString(` font-weight="bold"`)
	}
	switch a {
	case alignCenter:
		s.buf.WriteString(` text-anchor="middle"`)
	case alignRight:
		s.buf.WriteString(` text-anchor="end"`)
	}
	if s.rotation != nil {
		fmt.Fprintf(&s.buf, ` transform="rotate(%s %d %d)"`, num(*s.rotation*180/math.Pi), x, y)
	}
	s.buf.WriteByte('>')
	s.escape(body)
	s.buf.WriteString("</text>\n")
}

// Save implements gochart.Renderer: it writes the document to w.
func (s *svgRenderer) Save(w io.Writer) error {
	s.buf.WriteString("</svg>\n")
	_, err := w.Write(s.buf.Bytes())
	return err
}

// num writes a length with at most two decimals.
func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

func hexColor(c drawing.Color) string {
	return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
}
