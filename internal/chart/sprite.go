package chart

import (
	"image"
	"sync"
)

// sprite is a small premultiplied RGBA image, such as a rasterized dot,
// prepared for compositing over an *image.RGBA many times. Each row is cut
// into runs: fully transparent pixels are left out, opaque runs are copied
// and only the pixels in between (a shape's antialiased edge) are blended.
type sprite struct {
	img  *image.RGBA
	runs []spriteRun // row by row, left to right
}

// spriteRun is the pixels x0 to x1-1 of row y of a sprite, all opaque or
// all in need of blending.
type spriteRun struct {
	y, x0, x1 int
	opaque    bool
}

// newSprite cuts img into runs. img's bounds must start at the origin.
func newSprite(img *image.RGBA) *sprite {
	s := &sprite{img: img}
	b := img.Bounds()
	for y := range b.Dy() {
		row := img.Pix[y*img.Stride : y*img.Stride+4*b.Dx()]
		for x := 0; x < b.Dx(); {
			kind := kindOf(row[4*x:])
			end := x + 1
			for end < b.Dx() && kindOf(row[4*end:]) == kind {
				end++
			}
			if kind != clearPixel {
				s.runs = append(s.runs, spriteRun{y: y, x0: x, x1: end, opaque: kind == solidPixel})
			}
			x = end
		}
	}
	return s
}

// pixelKind is how compositing Over treats a source pixel.
type pixelKind uint8

const (
	clearPixel pixelKind = iota // all zero: leaves the destination as it is
	solidPixel                  // alpha 255: replaces the destination
	blendPixel                  // anything else: blended with it
)

// kindOf classifies the premultiplied RGBA pixel that p starts with.
func kindOf(p []byte) pixelKind {
	switch {
	case p[3] == 0xff:
		return solidPixel
	case p[0]|p[1]|p[2]|p[3] == 0:
		return clearPixel
	}
	return blendPixel
}

// drawOver composites the sprite over dst with its origin at pt, clipped
// to dst's bounds: the bytes come out exactly as from
// draw.Draw(dst, s.img.Bounds().Add(pt), s.img, image.Point{}, draw.Over).
func (s *sprite) drawOver(dst *image.RGBA, pt image.Point) {
	clip := dst.Bounds().Sub(pt).Intersect(s.img.Bounds())
	if clip.Empty() {
		return
	}
	t := overTable()
	pix, stride := s.img.Pix, s.img.Stride
	// where the sprite's origin is in dst.Pix, before it if pt is outside
	origin := dst.PixOffset(pt.X, pt.Y)
	for _, r := range s.runs {
		if r.y < clip.Min.Y {
			continue
		}
		if r.y >= clip.Max.Y {
			break
		}
		x0, x1 := max(r.x0, clip.Min.X), min(r.x1, clip.Max.X)
		if x0 >= x1 {
			continue
		}
		src := pix[r.y*stride+4*x0 : r.y*stride+4*x1]
		d := dst.Pix[origin+r.y*dst.Stride+4*x0:][:len(src)]
		if r.opaque {
			copy(d, src)
		} else {
			blendOver(t, d, src)
		}
	}
}

// blendOver composites the premultiplied RGBA pixels src over dst, of the
// same length, with the arithmetic of image/draw's Over for *image.RGBA
// onto *image.RGBA, so that the bytes come out the same: each byte d of
// dst becomes (d*a/m + s*0x101) >> 8, where s is the source's byte, m is
// 0xffff and a is (m - sa*0x101) * 0x101 for the source's alpha sa. The
// first term comes from t, which is overTable().
func blendOver(t *[256][256]uint16, dst, src []byte) {
	for i := 0; i < len(src); i += 4 {
		s := src[i : i+4 : i+4]
		d := dst[i : i+4 : i+4]
		q := &t[s[3]]
		d[0] = uint8((uint32(q[d[0]]) + uint32(s[0])*0x101) >> 8)
		d[1] = uint8((uint32(q[d[1]]) + uint32(s[1])*0x101) >> 8)
		d[2] = uint8((uint32(q[d[2]]) + uint32(s[2])*0x101) >> 8)
		d[3] = uint8((uint32(q[d[3]]) + uint32(s[3])*0x101) >> 8)
	}
}

// overTable returns, for each source alpha sa and destination byte d,
// d*a/m with a and m as in blendOver: the part of the destination that
// draw.Over keeps, which costs a multiplication and a division to work out.
var overTable = sync.OnceValue(func() *[256][256]uint16 {
	const m = 1<<16 - 1
	t := new([256][256]uint16)
	for sa := range t {
		a := (m - uint32(sa)*0x101) * 0x101
		for d := range t[sa] {
			t[sa][d] = uint16(uint32(d) * a / m)
		}
	}
	return t
})
