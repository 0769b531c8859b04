package chart

import (
	"fmt"
	"sync"

	"catracker/assets/fonts"

	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font"
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

func parseFace(ttf []byte, bold bool) (*face, error) {
	f, err := truetype.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("parse embedded font: %w", err)
	}
	const size = 1000
	m := truetype.NewFace(f, &truetype.Options{Size: size, DPI: 72, Hinting: font.HintingNone, GlyphCacheEntries: 1}).Metrics()
	return &face{
		font:    f,
		bold:    bold,
		ascent:  float64(m.Ascent) / 64 / size,
		descent: float64(m.Descent) / 64 / size,
	}, nil
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
