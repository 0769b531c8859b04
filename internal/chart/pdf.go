package chart

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/golang/freetype/truetype"
	gochart "github.com/wcharczuk/go-chart/v2"

	"catracker/data"
)

// A4 landscape in points.
const (
	a4Long  = 841.89
	a4Short = 595.28
)

// pdfFamily is the name the embedded Noto Sans is registered under.
const pdfFamily = "noto"

func renderPDF(w io.Writer, c *data.Chart, o Options) (err error) {
	defer func() { // fpdf panics on some input instead of failing
		if r := recover(); r != nil {
			err = fmt.Errorf("pdf library: %v", r)
		}
	}()
	fr, err := newFrame(o, true)
	if err != nil {
		return err
	}
	p, err := newPlan(c, o, fr)
	if err != nil {
		return err
	}
	fc, err := loadFaces()
	if err != nil {
		return err
	}
	pageW, pageH := pageSize(fr.w, fr.h)
	provider := func(width, height int) (gochart.Renderer, error) {
		return newPDFRenderer(width, height, pageW, pageH, fc.bold.font, pdfInfo{
			title: Title(c, o.Lang), subject: DescribeWith(c, o), generated: o.Generated,
		})
	}
	return p.render(provider, w)
}

// pageSize returns the PDF page for a chart of w by h: A4 landscape when
// the chart has A4's shape (within 2%), else A4's width and the chart's
// shape.
func pageSize(w, h int) (pageW, pageH float64) {
	pageH = a4Long * float64(h) / float64(w)
	if math.Abs(pageH/a4Short-1) < 0.02 {
		pageH = a4Short
	}
	return a4Long, pageH
}

// pdfInfo is the document's metadata.
type pdfInfo struct {
	title, subject string
	generated      time.Time
}

// pdfRenderer draws the chart as vectors and real, selectable text in the
// embedded Noto Sans on one PDF page, scaled from the layout's pixels to
// fit the page and centred on it. Font sizes are in pixels per em; colours
// are opaque.
type pdfRenderer struct {
	pdf    *fpdf.Fpdf
	k      float64 // points per layout pixel
	ox, oy float64 // offset of the layout on the page, in points
	bold   *truetype.Font

	pen // the current style
}

func newPDFRenderer(w, h int, pageW, pageH float64, bold *truetype.Font, info pdfInfo) (*pdfRenderer, error) {
	pdf := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P", // the size is given as is, without turning it
		UnitStr:        "pt",
		Size:           fpdf.SizeType{Wd: pageW, Ht: pageH},
	})
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCreator("Central Asia War Tracker", true)
	pdf.SetTitle(info.title, true)
	pdf.SetSubject(info.subject, true)
	pdf.SetCatalogSort(true)
	if !info.generated.IsZero() {
		pdf.SetCreationDate(info.generated)
		pdf.SetModificationDate(info.generated)
	}
	pdf.AddUTF8FontFromBytes(pdfFamily, "", regularTTF)
	pdf.AddUTF8FontFromBytes(pdfFamily, "B", boldTTF)
	pdf.AddPage()
	pdf.SetLineCapStyle("round")
	pdf.SetLineJoinStyle("round")
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("start pdf: %w", err)
	}
	k := min(pageW/float64(w), pageH/float64(h))
	return &pdfRenderer{
		pdf: pdf, k: k, bold: bold, pen: pen{dpi: gochart.DefaultDPI},
		ox: (pageW - k*float64(w)) / 2, oy: (pageH - k*float64(h)) / 2,
	}, nil
}

func (pr *pdfRenderer) x(v float64) float64 { return pr.ox + v*pr.k }
func (pr *pdfRenderer) y(v float64) float64 { return pr.oy + v*pr.k }

// MoveTo implements gochart.Renderer.
func (pr *pdfRenderer) MoveTo(x, y int) { pr.pdf.MoveTo(pr.x(float64(x)), pr.y(float64(y))) }

// LineTo implements gochart.Renderer.
func (pr *pdfRenderer) LineTo(x, y int) { pr.pdf.LineTo(pr.x(float64(x)), pr.y(float64(y))) }

// QuadCurveTo implements gochart.Renderer.
func (pr *pdfRenderer) QuadCurveTo(cx, cy, x, y int) {
	pr.pdf.CurveTo(pr.x(float64(cx)), pr.y(float64(cy)), pr.x(float64(x)), pr.y(float64(y)))
}

// ArcTo implements gochart.Renderer: angles grow clockwise on screen, so
// they are negated for PDF's counter-clockwise degrees.
func (pr *pdfRenderer) ArcTo(cx, cy int, rx, ry, startAngle, delta float64) {
	deg := 180 / math.Pi
	pr.pdf.ArcTo(pr.x(float64(cx)), pr.y(float64(cy)), rx*pr.k, ry*pr.k, 0, -startAngle*deg, -(startAngle+delta)*deg)
}

// Close implements gochart.Renderer.
func (pr *pdfRenderer) Close() { pr.pdf.ClosePath() }

// Circle implements gochart.Renderer with four cubic Bézier quarters.
func (pr *pdfRenderer) Circle(radius float64, x, y int) {
	cx, cy, r := pr.x(float64(x)), pr.y(float64(y)), radius*pr.k
	c := r * 0.5523 // control point distance for a quarter circle
	pr.pdf.MoveTo(cx+r, cy)
	pr.pdf.CurveBezierCubicTo(cx+r, cy+c, cx+c, cy+r, cx, cy+r)
	pr.pdf.CurveBezierCubicTo(cx-c, cy+r, cx-r, cy+c, cx-r, cy)
	pr.pdf.CurveBezierCubicTo(cx-r, cy-c, cx-c, cy-r, cx, cy-r)
	pr.pdf.CurveBezierCubicTo(cx+c, cy-r, cx+r, cy-c, cx+r, cy)
	pr.pdf.ClosePath()
}

// Stroke implements gochart.Renderer.
func (pr *pdfRenderer) Stroke() {
	pr.setStroke()
	pr.pdf.DrawPath("D")
	pr.pdf.SetDashPattern(nil, 0)
}

// Fill implements gochart.Renderer.
func (pr *pdfRenderer) Fill() {
	pr.pdf.SetFillColor(int(pr.fill.R), int(pr.fill.G), int(pr.fill.B))
	pr.pdf.DrawPath("F")
}

// FillStroke implements gochart.Renderer.
func (pr *pdfRenderer) FillStroke() {
	if pr.strokeWidth <= 0 {
		pr.Fill()
		return
	}
	pr.pdf.SetFillColor(int(pr.fill.R), int(pr.fill.G), int(pr.fill.B))
	pr.setStroke()
	pr.pdf.DrawPath("FD")
	pr.pdf.SetDashPattern(nil, 0)
}

func (pr *pdfRenderer) setStroke() {
	pr.pdf.SetDrawColor(int(pr.stroke.R), int(pr.stroke.G), int(pr.stroke.B))
	pr.pdf.SetLineWidth(pr.strokeWidth * pr.k)
	dash := make([]float64, len(pr.dash))
	for i, d := range pr.dash {
		dash[i] = d * pr.k
	}
	pr.pdf.SetDashPattern(dash, 0)
}

// Text implements gochart.Renderer: body with its baseline starting at x, y.
func (pr *pdfRenderer) Text(body string, x, y int) {
	if pr.font == nil {
		return
	}
	style := ""
	if pr.font == pr.bold {
		style = "B"
	}
	pr.pdf.SetFont(pdfFamily, style, pr.fontSize*pr.k)
	pr.pdf.SetTextColor(int(pr.fontColor.R), int(pr.fontColor.G), int(pr.fontColor.B))
	px, py := pr.x(float64(x)), pr.y(float64(y))
	body = pdfSafe(pr.font, body)
	if pr.rotation != nil {
		pr.pdf.TransformBegin()
		pr.pdf.TransformRotate(-*pr.rotation*180/math.Pi, px, py)
		pr.pdf.Text(px, py, body)
		pr.pdf.TransformEnd()
		return
	}
	pr.pdf.Text(px, py, body)
}

// pdfSafe replaces the characters font has no glyph for with U+FFFD: fpdf
// fails on characters it cannot map, such as emoji.
func pdfSafe(font *truetype.Font, s string) string {
	return strings.Map(func(r rune) rune {
		if font.Index(r) == 0 {
			return '\uFFFD'
		}
		return r
	}, s)
}

// Save implements gochart.Renderer: it writes the document to w.
func (pr *pdfRenderer) Save(w io.Writer) error {
	if err := pr.pdf.Output(w); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}
