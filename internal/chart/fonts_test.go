package chart

import (
	"testing"

	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font"
)

// TestFaceMetricsMatchTruetype checks that the ascent and descent read
// from the hhea table are exactly those of a truetype face at 1000 pixels
// per em, which layouts were made with.
func TestFaceMetricsMatchTruetype(t *testing.T) {
	for _, ttf := range [][]byte{regularTTF, boldTTF} {
		fc, err := parseFace(ttf, false)
		if err != nil {
			t.Fatal(err)
		}
		const size = 1000
		m := truetype.NewFace(fc.font, &truetype.Options{Size: size, DPI: 72, Hinting: font.HintingNone, GlyphCacheEntries: 1}).Metrics()
		asc, desc := float64(m.Ascent)/64/size, float64(m.Descent)/64/size
		if fc.ascent != asc || fc.descent != desc {
			t.Errorf("ascent, descent = %v, %v; truetype says %v, %v", fc.ascent, fc.descent, asc, desc)
		}
		if fc.ascent < 0.5 || fc.descent < 0.1 {
			t.Errorf("ascent, descent = %v, %v: implausible for Noto Sans", fc.ascent, fc.descent)
		}
	}
}

func TestHheaMetricsRejectsBrokenFiles(t *testing.T) {
	for name, ttf := range map[string][]byte{
		"empty":          nil,
		"no tables":      regularTTF[:12:12],
		"cut directory":  regularTTF[:20:20],
		"table past end": regularTTF[:400:400],
	} {
		if _, _, err := hheaMetrics(ttf); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
