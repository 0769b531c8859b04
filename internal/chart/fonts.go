package chart

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"

	"catracker/assets/fonts"

	"github.com/golang/freetype/truetype"
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
	return &face{font: f, bold: bold, ascent: per(int32(asc)), descent: per(-int32(desc))}, nil
}

// hheaMetrics returns the ascender and descender, in font units, of the
// TrueType font file ttf's hhea table, which truetype.Font keeps to
// itself.
func hheaMetrics(ttf []byte) (ascender, descender int16, err error) {
	be := binary.BigEndian
	if len(ttf) < 12 {
		return 0, 0, errors.New("no table directory")
	}
	n := int(be.Uint16(ttf[4:]))
	for i := range n {
		rec := ttf[min(len(ttf), 12+16*i):]
		if len(rec) < 16 {
			break
		}
		if string(rec[:4]) != "hhea" {
			continue
		}
		off := int64(be.Uint32(rec[8:]))
		if off+8 > int64(len(ttf)) {
			return 0, 0, errors.New("hhea table outside the file")
		}
		return int16(be.Uint16(ttf[off+4:])), int16(be.Uint16(ttf[off+6:])), nil
	}
	return 0, 0, errors.New("no hhea table")
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
