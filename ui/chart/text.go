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

// ellipsis ends text cut short to fit.
const ellipsis = "…"

// fit returns s, or its longest prefix followed by an ellipsis, that is at
// most maxW pixels wide.
func (t textStyle) fit(s string, maxW float64) string {
	if t.width(s) <= maxW {
		return s
	}
	runes := []rune(s)
	lo, hi := 0, len(runes) // the answer keeps lo runes
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if t.width(strings.TrimRight(string(runes[:mid]), " ,")+ellipsis) <= maxW {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return ""
	}
	return strings.TrimRight(string(runes[:lo]), " ,") + ellipsis
}

// wrap breaks s into at most maxLines lines of at most maxW pixels,
// breaking at spaces (not no-break spaces, which group digits in Russian)
// and, for words longer than a line, inside words. Text that does not fit
// in maxLines ends in an ellipsis.
func (t textStyle) wrap(s string, maxW float64, maxLines int) []string {
	words := strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f'
	})
	var lines []string
	line := ""
	for len(words) > 0 {
		candidate := words[0]
		if line != "" {
			candidate = line + " " + words[0]
		}
		if t.width(candidate) <= maxW {
			line = candidate
			words = words[1:]
			continue
		}
		if line == "" { // a word wider than a line: break it inside
			line = t.prefix(words[0], maxW)
			words[0] = words[0][len(line):]
		}
		if len(lines) == maxLines-1 {
			rest := strings.Join(append([]string{line}, words...), " ")
			return append(lines, t.fit(rest, maxW))
		}
		lines = append(lines, line)
		line = ""
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
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

// drawText draws s with its baseline at y, aligned on x.
func drawText(r gochart.Renderer, t textStyle, s string, x, y float64, a align) {
	s = t.face.glyphs(printable(s))
	if s == "" {
		return
	}
	setText(r, t)
	if ta, ok := r.(textAnchorer); ok {
		ta.TextAnchored(s, round(x), round(y), a)
		return
	}
	switch a {
	case alignCenter:
		x -= t.width(s) / 2
	case alignRight:
		x -= t.width(s)
	}
	r.Text(s, round(x), round(y))
}

// drawTextUp draws s rotated to read bottom to top, centred on (x, yc),
// with its baseline on the vertical line at x.
func drawTextUp(r gochart.Renderer, t textStyle, s string, x, yc float64) {
	s = t.face.glyphs(printable(s))
	if s == "" {
		return
	}
	setText(r, t)
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
