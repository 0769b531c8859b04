package chart

import (
	"fmt"
	"math"
	"sync"

	"catracker/assets/fonts"

	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The fonts are package catracker/assets/fonts's Noto Sans, which covers
// the Cyrillic letters of Central Asian names.
var (
	regularTTF = fonts.Regular
	boldTTF    = fonts.Bold
)

// svgFontFamily names Noto Sans first and then fonts that also cover
// Cyrillic, closest in width first, for SVG viewers without Noto Sans.
const svgFontFamily = `'Noto Sans', 'Open Sans', 'Segoe UI', Arial, 'Liberation Sans', Arimo, 'DejaVu Sans', sans-serif`

// face is a parsed font with its vertical metrics per em.
type face struct {
	font            *truetype.Font
	bold            bool
	ascent, descent float64 // per em, both positive
}

// faces holds the embedded regular and bold faces.
type faces struct{ regular, bold *face }

// loadFaces parses the embedded fonts once.
var loadFaces = sync.OnceValues(func() (faces, error) {
	r, err := parseFace(regularTTF, false)
	if err != nil {
		return faces{}, err
	}
	b, err := parseFace(boldTTF, true)
	if err != nil {
		return faces{}, err
	}
	return faces{regular: r, bold: b}, nil
})

// parseFace parses a TrueType font file for drawing, with its ascent and
// descent as the hhea table gives them.
func parseFace(ttf []byte, bold bool) (*face, error) {
	f, err := truetype.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("parse embedded font: %w", err)
	}
	asc, desc, err := hheaMetrics(ttf)
	if err != nil {
		return nil, fmt.Errorf("parse embedded font: %w", err)
	}
	// The ascent and descent that a truetype face at 1000 pixels per em
	// reports, rounded up to its 1/64 pixel, as chart layouts have always
	// used them; that face would allocate a glyph mask of megabytes.
	const size = 1000
	fupe := float64(f.FUnitsPerEm())
	per := func(v int32) float64 { return math.Ceil(size*64*float64(v)/fupe) / 64 / size }
	return &face{font: f, bold: bold, ascent: per(asc), descent: per(desc)}, nil
}

// hheaMetrics returns the ascender and the descender (positive below the
// baseline), in font units, of the hhea table of the font file ttf, which
// truetype.Font keeps to itself.
func hheaMetrics(ttf []byte) (ascender, descender int32, err error) {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return 0, 0, fmt.Errorf("read font tables: %w", err)
	}
	// At one font unit per 1/64 pixel, the metrics are in font units.
	m, err := f.Metrics(nil, fixed.Int26_6(f.UnitsPerEm()), font.HintingNone)
	if err != nil {
		return 0, 0, fmt.Errorf("read font metrics: %w", err)
	}
	return int32(m.Ascent), int32(m.Descent), nil
}

// advance returns the width in pixels of s set at size pixels per em. It
// adds advances and kerning exactly as the raster renderer places glyphs.
func (f *face) advance(size float64, s string) float64 {
	scale := fixed.Int26_6(size * 64)
	var w fixed.Int26_6
	var prev truetype.Index
	for i, r := range s {
		idx := f.font.Index(r)
		if i > 0 {
			w += f.font.Kern(scale, prev, idx)
		}
		w += f.font.HMetric(scale, idx).AdvanceWidth
		prev = idx
	}
	return float64(w) / 64
}
