package chart

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/golang/freetype/truetype"
	gochart "github.com/wcharczuk/go-chart/v2"
	"golang.org/x/image/font"

	"catracker/data"
	"catracker/data/sqlite"
	"catracker/i18n"
	"catracker/internal/library"
)

// textLog is a renderer that draws nothing and records every text (see
// textRecorder).
type textLog struct {
	pen
	texts []textBox
}

func newTextLog() *textLog { return &textLog{pen: pen{dpi: 96}} }

func (l *textLog) recordText(b textBox)                               { l.texts = append(l.texts, b) }
func (l *textLog) MoveTo(int, int)                                    {}
func (l *textLog) LineTo(int, int)                                    {}
func (l *textLog) QuadCurveTo(int, int, int, int)                     {}
func (l *textLog) ArcTo(int, int, float64, float64, float64, float64) {}
func (l *textLog) Close()                                             {}
func (l *textLog) Stroke()                                            {}
func (l *textLog) Fill()                                              {}
func (l *textLog) FillStroke()                                        {}
func (l *textLog) Circle(float64, int, int)                           {}
func (l *textLog) Text(string, int, int)                              {}
func (l *textLog) Save(io.Writer) error                               { return nil }

// laidOutTexts lays c out with o and returns the plan and every text it
// draws.
func laidOutTexts(t testing.TB, c *data.Chart, o Options) (*plan, []textBox) {
	t.Helper()
	fr, err := newFrame(o, false)
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlan(c, o, fr)
	if err != nil {
		t.Fatal(err)
	}
	log := newTextLog()
	provider := func(int, int) (gochart.Renderer, error) { return log, nil }
	if err := p.render(provider, io.Discard); err != nil {
		t.Fatal(err)
	}
	return p, log.texts
}

// inkFaces caches a font face per font and size for measuring ink.
var inkFaces sync.Map // faceKey -> font.Face

// ink is the box that b's glyphs cover, in output pixels.
func (b textBox) ink() rect {
	key := faceKey{b.style.face.font, b.style.size}
	f, ok := inkFaces.Load(key)
	if !ok {
		f, _ = inkFaces.LoadOrStore(key, truetype.NewFace(b.style.face.font, &truetype.Options{Size: b.style.size}))
	}
	bounds, _ := font.BoundString(f.(font.Face), b.text)
	x0, y0 := float64(bounds.Min.X)/64, float64(bounds.Min.Y)/64
	x1, y1 := float64(bounds.Max.X)/64, float64(bounds.Max.Y)/64
	x0, x1 = x0*b.style.slack, x1*b.style.slack
	if b.up { // the text's right is the canvas's up, its down the right
		return rect{b.x + y0, b.y - x1, b.x + y1, b.y - x0}
	}
	return rect{b.x + x0, b.y + y0, b.x + x1, b.y + y1}
}

// textProblems lists what is wrong with the texts of a chart w by h: a
// text cut with an ellipsis, leaving the canvas or overlapping another,
// or a text of whole (the title, the legend's labels, ...) not drawn in
// full.
func textProblems(texts []textBox, w, h int, whole []string) []string {
	var out []string
	canvas := rect{0, 0, float64(w), float64(h)}
	inks := make([]rect, len(texts))
	for i, b := range texts {
		inks[i] = b.ink()
		if strings.Contains(b.text, ellipsisMark) {
			out = append(out, fmt.Sprintf("%q is cut", b.text))
		}
		if !inks[i].within(canvas.grow(0.5)) {
			out = append(out, fmt.Sprintf("%q at %v leaves the %dx%d canvas", b.text, inks[i], w, h))
		}
		for j := range i {
			if inks[i].grow(-0.5).overlaps(inks[j].grow(-0.5)) {
				out = append(out, fmt.Sprintf("%q at %v overlaps %q at %v", b.text, inks[i], texts[j].text, inks[j]))
			}
		}
	}
	var all strings.Builder
	for _, b := range texts {
		all.WriteString(squeeze(b.text))
	}
	for _, s := range whole {
		if !strings.Contains(all.String(), squeeze(s)) {
			out = append(out, fmt.Sprintf("%q is not drawn whole", s))
		}
	}
	return out
}

// ellipsisMark is the character that cut text would end in.
const ellipsisMark = "…"

// squeeze drops the spaces where text may wrap.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f' {
			return -1
		}
		return r
	}, printable(s))
}

// wholeTexts are the texts of p that must be drawn in full: the title,
// subtitle, axis titles, every legend label, the footer's note and the
// timeline's channels.
func wholeTexts(p *plan) []string {
	out := []string{Title(p.c, p.o.Lang), Subtitle(p.c, p.o.Lang), footerNote(p.c, p.o), p.xTitle, p.yTitle}
	for _, it := range p.items {
		out = append(out, it.label)
	}
	if p.tl != nil {
		for _, ch := range p.tl.channels {
			out = append(out, p.o.Lang.Channel(ch))
		}
	}
	return out
}

// openBundled opens a temporary database holding the bundled dataset.
func openBundled(t testing.TB) *sqlite.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "bundled.db"), sqlite.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := library.Seed(ctx, st); err != nil {
		t.Fatal(err)
	}
	return st
}

// bundledChart is the chart of f from st.
func bundledChart(t testing.TB, st *sqlite.Store, f data.Filter) *data.Chart {
	t.Helper()
	c, err := st.Chart(context.Background(), f)
	if err != nil {
		t.Fatalf("chart %+v: %v", f, err)
	}
	return c
}

// TestTextIsNeverCut renders every chart family of the bundled dataset,
// per period and cumulative, by area and by group, with and without
// patterns, at 600x400 and 3200x1800, in normal and the app's largest
// text, in English and Russian, and checks that every text is drawn whole
// (never cut with "…"), inside the canvas and clear of every other text.
func TestTextIsNeverCut(t *testing.T) {
	st := openBundled(t)
	for _, family := range data.Families {
		for _, cumulative := range []bool{false, true} {
			for _, by := range data.Bys {
				f := data.Filter{Family: family, Cumulative: cumulative, By: by}
				c := bundledChart(t, st, f)
				for _, size := range [][2]int{{600, 400}, {3200, 1800}} {
					for _, text := range []float64{1, 1.5} {
						for _, lang := range []i18n.Language{i18n.English, i18n.Russian} {
							for _, patterns := range []bool{false, true} {
								name := fmt.Sprintf("%s/cumulative=%v/%s/%dx%d/text=%g/%s/patterns=%v",
									family, cumulative, by, size[0], size[1], text, lang, patterns)
								t.Run(name, func(t *testing.T) {
									o := testOptions(size[0], size[1])
									o.TextScale, o.Lang, o.Patterns = text, lang, patterns
									p, texts := laidOutTexts(t, c, o)
									for _, problem := range textProblems(texts, size[0], size[1], wholeTexts(p)) {
										t.Error(problem)
									}
								})
							}
						}
					}
				}
			}
		}
	}
}

// TestSampleChartsTextIsNeverCut does the same for the package's sample
// charts (every series, stages, estimates and notes), and at the smallest
// size the app draws a chart on screen, 320x220.
func TestSampleChartsTextIsNeverCut(t *testing.T) {
	for name, c := range sampleCharts() {
		for _, size := range [][2]int{{320, 220}, {600, 400}, {1200, 675}, {3200, 1800}} {
			for _, text := range []float64{1, 1.25, 1.5} {
				for _, lang := range []i18n.Language{i18n.English, i18n.Russian} {
					for _, patterns := range []bool{false, true} {
						t.Run(fmt.Sprintf("%s/%dx%d/text=%g/%s/patterns=%v", name, size[0], size[1], text, lang, patterns), func(t *testing.T) {
							o := testOptions(size[0], size[1])
							o.TextScale, o.Lang, o.Patterns = text, lang, patterns
							p, texts := laidOutTexts(t, c, o)
							for _, problem := range textProblems(texts, size[0], size[1], wholeTexts(p)) {
								t.Error(problem)
							}
						})
					}
				}
			}
		}
	}
}
