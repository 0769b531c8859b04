// Package report writes the report pack: one PDF with the chosen charts,
// each with its caption and filters, followed by every source with its
// citation and the counting method; optionally the same charts for each
// selected country, and every chart as a PNG file with a consistent name.
package report

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"catracker/assets/fonts"
	"catracker/data"
	"catracker/data/redact"
	"catracker/i18n"
	"catracker/internal/atomicfile"
	"catracker/internal/chart"

	"github.com/go-pdf/fpdf"
)

// Source is what a report reads: charts, sources and statistics.
type Source interface {
	Chart(ctx context.Context, f data.Filter) (*data.Chart, error)
	Sources(ctx context.Context) ([]data.SourceUse, error)
	Stats(ctx context.Context) (data.Stats, error)
}

// redacted is a Source whose charts and sources have personal names
// withheld, so that every part of the report (the sources list, the
// charts' footers and whatever else they draw) gets redacted data.
type redacted struct {
	Source
	r *redact.Redactor
}

// Chart implements Source.
func (s redacted) Chart(ctx context.Context, f data.Filter) (*data.Chart, error) {
	c, err := s.Source.Chart(ctx, f)
	return s.r.Chart(c), err
}

// Sources implements Source.
func (s redacted) Sources(ctx context.Context) ([]data.SourceUse, error) {
	list, err := s.Source.Sources(ctx)
	out := make([]data.SourceUse, len(list))
	for i, u := range list {
		out[i] = data.SourceUse{Source: s.r.Source(u.Source), Incidents: u.Incidents}
	}
	return out, err
}

// Options choose the contents of a report pack.
type Options struct {
	Families []data.Family // the charts, in order; empty means every family (data.Families)
	// Filter applies to every chart: areas, dates, period, cumulative,
	// stage and side; series by group, the group of people and cases by
	// latest stage apply to the charts they suit. Its family is ignored.
	Filter data.Filter
	// PerCountry adds each selected country's charts after the main ones.
	PerCountry bool
	// ImagesDir, when set, also receives every chart as a PNG file named
	// as FileName says: family[-by-group][-GROUP][-latest-stage][-cumulative]-AREA-WxH.png.
	ImagesDir string
	// Width and Height are the size of the PNG files and the shape of the
	// charts in the PDF; zero means 1600x900.
	Width, Height int
	// Persons are the names to withhold when NoNames is set.
	Persons []string
	NoNames bool
	// Dataset names the database in footers; Generated dates the report.
	Dataset   string
	Generated time.Time
	// Lang is the language of the report and its charts; the zero value is
	// English. Patterns draws the charts in pattern mode (see
	// chart.Options).
	Lang     i18n.Language
	Patterns bool
}

// Scale is how many times its size in pixels the report draws each
// chart, so that the PDF prints sharply; the images folder gets the same
// pixels. Options.Width and Height times Scale must fit the renderer's
// largest side (export.MaxPixels).
const Scale = 2

// Result says what a report contains.
type Result struct {
	Charts int      // charts in the PDF
	Images []string // PNG files written
}

// figure is one chart in the report.
type figure struct {
	chart *data.Chart
	area  string // the area code for file names, or "all"
}

// Write renders the report pack as a PDF to w and, when o.ImagesDir is set,
// writes the PNG files.
func Write(ctx context.Context, w io.Writer, src Source, o Options) (Result, error) {
	var res Result
	if o.Width == 0 || o.Height == 0 {
		o.Width, o.Height = 1600, 900
	}
	if len(o.Families) == 0 {
		o.Families = data.Families
	}
	if o.NoNames {
		r := redact.New(o.Persons, nil)
		src, o.Dataset = redacted{src, r}, r.Text(o.Dataset)
	}
	figs, err := collect(ctx, src, o)
	if err != nil {
		return res, err
	}
	stats, err := src.Stats(ctx)
	if err != nil {
		return res, err
	}
	sources, err := src.Sources(ctx)
	if err != nil {
		return res, err
	}
	opts := chart.Options{Width: o.Width, Height: o.Height, Scale: Scale, Dataset: o.Dataset, Generated: o.Generated,
		Lang: o.Lang, Patterns: o.Patterns}
	d := newDoc(o.Lang)
	d.cover(o, figs, stats)
	for i, f := range figs {
		img, err := pngBytes(f.chart, opts)
		if err != nil {
			return res, err
		}
		d.figure(i+1, f.chart, img, float64(o.Height)/float64(o.Width))
		if o.ImagesDir != "" {
			name := filepath.Join(o.ImagesDir, FileName(f.chart, f.area, o.Width, o.Height))
			if err := atomicfile.Write(name, func(w io.Writer) error {
				_, err := w.Write(img.Bytes())
				return err
			}); err != nil {
				return res, err
			}
			res.Images = append(res.Images, name)
		}
	}
	d.sources(sources)
	d.method()
	if err := d.pdf.Output(w); err != nil {
		return res, fmt.Errorf("write report: %w", err)
	}
	res.Charts = len(figs)
	return res, nil
}

// collect runs the chart queries: every family for the filter, then, with
// PerCountry, every family for each selected country.
func collect(ctx context.Context, src Source, o Options) ([]figure, error) {
	base := o.Filter.WithDefaults()
	var figs []figure
	add := func(f data.Filter, area string) error {
		for _, fam := range o.Families {
			if fam == data.Map && area != "all" {
				continue // a map always shows every country
			}
			c, err := src.Chart(ctx, forFamily(f, fam))
			if err != nil {
				return fmt.Errorf("chart %s: %w", fam, err)
			}
			figs = append(figs, figure{chart: c, area: area})
		}
		return nil
	}
	if err := add(base, "all"); err != nil {
		return nil, err
	}
	if o.PerCountry {
		for _, a := range base.Areas {
			if !a.IsCountry() {
				continue
			}
			f := base
			f.Areas = []data.Area{a}
			if err := add(f, string(a)); err != nil {
				return nil, err
			}
		}
	}
	return figs, nil
}

// forFamily is the report's filter for one chart: the series by group of
// people and the choice of one group apply to deaths, prosecutions and
// captures only, and cases by latest stage to prosecutions only.
func forFamily(f data.Filter, fam data.Family) data.Filter {
	f.Family = fam
	if !fam.Counted() {
		f.By, f.Group = data.ByArea, data.GroupUnstated
	}
	if fam != data.Prosecutions {
		f.LatestStage = false
	}
	return f
}

// FileName is the consistent name of a chart's image file, such as
// deaths-cumulative-KG-1600x900.png, deaths-by-group-prisoners-all-1600x900.png
// or prosecutions-latest-stage-all-1600x900.png.
func FileName(c *data.Chart, area string, width, height int) string {
	f := c.Filter
	name := string(f.Family)
	if f.Family == data.Map {
		name += "-" + string(f.WithDefaults().Measure)
	}
	if f.By == data.ByGroup {
		name += "-by-group"
	}
	if f.Group != data.GroupUnstated {
		name += "-" + string(f.Group)
	}
	if f.LatestStage {
		name += "-latest-stage"
	}
	if f.Cumulative {
		name += "-cumulative"
	}
	return fmt.Sprintf("%s-%s-%dx%d.png", name, area, width, height)
}

// pngBytes renders c as a PNG file in memory, for the PDF and the images
// folder alike.
func pngBytes(c *data.Chart, o chart.Options) (*bytes.Buffer, error) {
	var buf bytes.Buffer
	if err := chart.Render(&buf, chart.PNG, c, o); err != nil {
		return nil, err
	}
	return &buf, nil
}

// doc is the PDF being written in language l: A4 landscape, Noto Sans,
// page numbers. Its text goes through chart.Drawable, so a character the
// font lacks (an emoji in a source's title) draws as U+FFFD instead of
// failing the report.
type doc struct {
	pdf *fpdf.Fpdf
	l   i18n.Language
}

const (
	margin    = 15.0
	pageW     = 297.0
	textWidth = pageW - 2*margin
)

func newDoc(l i18n.Language) *doc {
	p := fpdf.New("L", "mm", "A4", "")
	p.AddUTF8FontFromBytes("Noto", "", fonts.Regular)
	p.AddUTF8FontFromBytes("Noto", "B", fonts.Bold)
	p.SetMargins(margin, margin, margin)
	p.SetAutoPageBreak(true, margin+5)
	p.SetTitle(l.T("report.title"), true)
	p.SetCreator("Central Asia War Tracker", true)
	p.AliasNbPages("{pages}")
	p.SetFooterFunc(func() {
		p.SetY(-margin)
		p.SetFont("Noto", "", 8)
		p.SetTextColor(110, 110, 110)
		p.CellFormat(0, 5, l.T("report.page", p.PageNo()), "", 0, "R", false, 0, "")
	})
	return &doc{pdf: p, l: l}
}

func (d *doc) heading(text string, size float64) {
	d.pdf.SetFont("Noto", "B", size)
	d.pdf.SetTextColor(20, 20, 20)
	d.pdf.MultiCell(textWidth, size*0.5, chart.Drawable(text), "", "L", false)
	d.pdf.Ln(2)
}

func (d *doc) para(text string, size float64) {
	d.pdf.SetFont("Noto", "", size)
	d.pdf.SetTextColor(40, 40, 40)
	d.pdf.MultiCell(textWidth, size*0.45, chart.Drawable(text), "", "L", false)
	d.pdf.Ln(1.5)
}

func (d *doc) cover(o Options, figs []figure, stats data.Stats) {
	l := d.l
	d.pdf.AddPage()
	d.heading(l.T("report.heading"), 24)
	d.para(l.T("report.generated", o.Generated.Format("2006-01-02"), o.Dataset,
		l.N("count.incidents", stats.Incidents, l.Number(stats.Incidents)),
		l.N("count.sources", stats.Sources, l.Number(stats.Sources))), 11)
	d.para(l.T("report.minimums"), 11)
	if o.NoNames {
		d.para(l.T("report.noNames"), 11)
	}
	d.pdf.Ln(4)
	d.heading(l.T("report.figures"), 14)
	for i, f := range figs {
		d.para(l.T("report.figureEntry", i+1, chart.Title(f.chart, l), chart.Subtitle(f.chart, l)), 10)
	}
}

// figure adds a page with chart c as the PNG img, its number and title,
// and its description, which names the estimates shown apart and the new
// figures an earlier figure had already counted.
func (d *doc) figure(n int, c *data.Chart, img *bytes.Buffer, aspect float64) {
	d.pdf.AddPage()
	name := fmt.Sprintf("figure-%d", n)
	d.pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(img.Bytes()))
	w := textWidth
	h := w * aspect
	if maxH := 210 - 2*margin - 40; h > maxH {
		h = maxH
		w = h / aspect
	}
	d.pdf.ImageOptions(name, margin, margin, w, h, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	d.pdf.SetY(margin + h + 4)
	d.pdf.SetFont("Noto", "B", 10)
	d.pdf.SetTextColor(20, 20, 20)
	d.pdf.CellFormat(0, 5, chart.Drawable(d.l.T("report.figure", n, chart.Title(c, d.l))), "", 1, "L", false, 0, "")
	// The image lists the chart's events under it; the caption leaves
	// them out so that it stays on the figure's page.
	plain := *c
	plain.Events, plain.TooManyEvents = nil, false
	d.para(chart.Describe(&plain, d.l), 9)
}

func (d *doc) sources(list []data.SourceUse) {
	l := d.l
	d.pdf.AddPage()
	d.heading(l.T("report.sources"), 16)
	d.para(l.T("report.sourcesIntro"), 10)
	for i, s := range list {
		d.para(l.T("report.source", i+1, strings.TrimSpace(l.Citation(s.Source)),
			l.N("count.incidents", s.Incidents, l.Number(s.Incidents))), 9.5)
	}
}

func (d *doc) method() {
	d.pdf.AddPage()
	d.heading(d.l.T("method.heading"), 16)
	for _, r := range d.l.Method() {
		d.pdf.SetFont("Noto", "B", 10)
		d.pdf.SetTextColor(20, 20, 20)
		d.pdf.MultiCell(textWidth, 5, chart.Drawable(r.Head), "", "L", false)
		d.para(r.Text, 10)
	}
}
