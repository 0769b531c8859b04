package chart

import (
	"math"
	"strings"
	"unicode"

	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"

	"catracker/i18n"
)

// textStyle is a face at a size in output pixels and a colour.
type textStyle struct {
	face  *face
	size  float64
	color drawing.Color
	// slack widens measured text to leave room for a wider font that a
	// viewer may substitute (SVG); 1 when the font is embedded.
	slack float64
}

// width returns the advance width of s, as drawn (see glyphs), in pixels,
// widened by the slack.
func (t textStyle) width(s string) float64 {
	return t.face.advance(t.size, t.face.glyphs(s)) * t.slack
}

// replacement is what a chart or a report draws for a character that the
// embedded font has no glyph for: U+FFFD REPLACEMENT CHARACTER, in the font.
const replacement = '\uFFFD'

// glyphs returns s as the font f can draw it: a character f lacks, such as
// an emoji or a Chinese character in a source's title, becomes the
// replacement character, and an invisible format character it lacks (an
// emoji's variation selector) is left out. Control characters are kept;
// printable handles them. The renderers never see a character outside the
// font, so one emoji cannot fail a chart or a report.
func (f *face) glyphs(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return f.lacks(r) })
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		switch {
		case !f.lacks(r):
			b.WriteRune(r)
		case !unicode.In(r, unicode.Cf, unicode.Variation_Selector):
			b.WriteRune(replacement)
		}
	}
	return b.String()
}

// lacks reports whether f has no glyph for the visible character r.
func (f *face) lacks(r rune) bool {
	return r >= ' ' && !unicode.IsControl(r) && f.font.Index(r) == 0
}

// Drawable returns s with every character that the embedded font (Noto
// Sans, which charts and reports use) lacks drawn as U+FFFD, as charts draw
// it; for report text set in that font.
func Drawable(s string) string {
	fc, err := loadFaces()
	if err != nil {
		return s
	}
	return fc.regular.glyphs(s)
}

// ascent returns the height above the baseline in pixels.
func (t textStyle) ascent() float64 { return t.face.ascent * t.size }

// lineHeight returns the distance between baselines of wrapped lines.
func (t textStyle) lineHeight() float64 { return (t.face.ascent + t.face.descent) * t.size }

// wrap breaks s into lines of at most maxW pixels, as many as it takes:
// text is never cut. It breaks at spaces (not no-break spaces, which group
// digits in Russian) and after the hyphen of a hyphenated word; a part
// longer than a line breaks inside it.
func (t textStyle) wrap(s string, maxW float64) []string {
	var lines []string
	line := ""
	for _, tok := range tokens(s) {
		for tok.s != "" {
			candidate := tok.s
			if line != "" && tok.space {
				candidate = line + " " + tok.s
			} else if line != "" {
				candidate = line + tok.s
			}
			if t.width(candidate) <= maxW {
				line, tok.s = candidate, ""
				continue
			}
			if line == "" { // a part wider than a line: break it inside
				line = t.prefix(tok.s, maxW)
				tok.s = tok.s[len(line):]
			}
			lines = append(lines, line)
			line = ""
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// token is a part of a text between the places where wrap may break it.
type token struct {
	s     string
	space bool // a space comes before it, rather than a hyphen
}

// tokens splits s where wrap may break it: at spaces, and after the
// hyphens inside words.
func tokens(s string) []token {
	var out []token
	for _, word := range strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f'
	}) {
		space := true
		for {
			i := strings.Index(word[min(1, len(word)):], "-") + 1
			if i <= 0 || i >= len(word)-1 {
				break
			}
			out = append(out, token{word[:i+1], space})
			word, space = word[i+1:], false
		}
		out = append(out, token{word, space})
	}
	return out
}

// widestWord is the width of the widest part of s between the places
// where wrap may break it: wrapped to at least this width, s breaks
// only there.
func (t textStyle) widestWord(s string) float64 {
	w := 0.0
	for _, tok := range tokens(s) {
		w = max(w, t.width(tok.s))
	}
	return w
}

// prefix returns the longest prefix of s, at least one rune, that is at
// most maxW pixels wide.
func (t textStyle) prefix(s string, maxW float64) string {
	runes := []rune(s)
	lo, hi := 1, len(runes) // the answer keeps lo runes
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if t.width(string(runes[:mid])) <= maxW {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	n := 0
	for i := range s {
		if n == lo {
			return s[:i]
		}
		n++
	}
	return s
}

// align is where a text's anchor point lies on its baseline.
type align int

const (
	alignLeft align = iota
	alignCenter
	alignRight
)

// textAnchorer is implemented by renderers that align text themselves, so
// that alignment survives a viewer substituting another font (SVG).
type textAnchorer interface {
	TextAnchored(body string, x, y int, a align)
}

// textBox is a text as drawn: its style, and its baseline's left end in
// output pixels; up says it reads bottom to top, its baseline then
// running up from (x, y).
type textBox struct {
	text  string
	style textStyle
	x, y  float64
	up    bool
}

// textRecorder is implemented by a renderer that wants to know where every
// text goes; the layout tests record with it that no text is cut, leaves
// the canvas or overlaps another.
type textRecorder interface {
	recordText(textBox)
}

// drawText draws s with its baseline at y, aligned on x.
func drawText(r gochart.Renderer, t textStyle, s string, x, y float64, a align) {
	s = t.face.glyphs(printable(s))
	if s == "" {
		return
	}
	setText(r, t)
	left := x
	switch a {
	case alignCenter:
		left -= t.width(s) / 2
	case alignRight:
		left -= t.width(s)
	}
	if rec, ok := r.(textRecorder); ok {
		rec.recordText(textBox{text: s, style: t, x: left, y: y})
	}
	if ta, ok := r.(textAnchorer); ok {
		ta.TextAnchored(s, round(x), round(y), a)
		return
	}
	r.Text(s, round(left), round(y))
}

// drawTextUp draws s rotated to read bottom to top, centred on (x, yc),
// with its baseline on the vertical line at x.
func drawTextUp(r gochart.Renderer, t textStyle, s string, x, yc float64) {
	s = t.face.glyphs(printable(s))
	if s == "" {
		return
	}
	setText(r, t)
	if rec, ok := r.(textRecorder); ok {
		rec.recordText(textBox{text: s, style: t, x: x, y: yc + t.width(s)/2, up: true})
	}
	r.SetTextRotation(-math.Pi / 2)
	if ta, ok := r.(textAnchorer); ok {
		ta.TextAnchored(s, round(x), round(yc), alignCenter)
	} else {
		r.Text(s, round(x), round(yc+t.width(s)/2))
	}
	r.ClearTextRotation()
}

// printable turns line breaks and tabs into spaces and drops other control
// characters, which fonts draw as boxes.
func printable(s string) string {
	if strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}

func setText(r gochart.Renderer, t textStyle) {
	r.SetFont(t.face.font)
	r.SetFontSize(t.size)
	r.SetFontColor(t.color)
}

// number writes v in language l as charts draw it: with l's thousands
// separator, and a minus sign the embedded font has (it has no U+2212, so
// a minus is the ASCII hyphen-minus).
func number(l i18n.Language, v int) string {
	return strings.ReplaceAll(l.Number(v), "\u2212", "-")
}

// round converts a layout coordinate to the renderer's integer pixels.
func round(v float64) int { return int(math.Round(v)) }
