package chart

import (
	"bytes"
	"image"
	"image/draw"
	"math/rand/v2"
	"testing"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

// noise returns a w by h image of random bytes, premultiplied or not:
// compositing must treat every destination byte as image/draw does.
func noise(rng *rand.Rand, w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = uint8(rng.Uint32())
	}
	return img
}

// TestDotsMatchDrawOver draws thousands of dots through the renderer, in
// many looks (filled or outlined, opaque or translucent, several sizes),
// overlapping and partly or wholly off the image, and checks every byte
// against compositing the same cached dot images with draw.Draw.
func TestDotsMatchDrawOver(t *testing.T) {
	const w, h = 300, 200
	rng := rand.New(rand.NewPCG(1, 2))
	gr, err := newRasterRenderer(w, h)
	if err != nil {
		t.Fatal(err)
	}
	rr := gr.(*rasterRenderer)
	copy(rr.img.Pix, noise(rng, w, h).Pix)
	want := image.NewRGBA(rr.img.Bounds())
	copy(want.Pix, rr.img.Pix)

	colors := []drawing.Color{
		colorOf("KG"), colorOf("TJ"), white, ink,
		{R: 200, G: 30, B: 60, A: 128}, {R: 0, G: 90, B: 255, A: 1}, {A: 200}, {R: 255, G: 255, B: 255, A: 77}, {},
	}
	for range 5000 {
		radius := []float64{1.2, 2.5, 3.3, 5.5, 11, 0.4}[rng.IntN(6)]
		fill := colors[rng.IntN(len(colors))]
		stroke := colors[rng.IntN(len(colors))]
		width := []float64{0, 0.8, 1, 1.6, 3}[rng.IntN(5)]
		x, y := rng.IntN(w+60)-30, rng.IntN(h+60)-30
		if rng.IntN(20) == 0 {
			x += 1000 // wholly outside
		}
		rr.SetFillColor(fill)
		rr.SetStrokeColor(stroke)
		rr.SetStrokeWidth(width)
		rr.Circle(radius, x, y)
		key := dotKey{radius: radius, fill: fill}
		if rng.IntN(3) == 0 {
			rr.Fill()
		} else {
			rr.FillStroke()
			if width > 0 {
				key.strokeWidth, key.stroke = width, stroke
			}
		}
		dot, ok := rr.dots[key]
		if !ok {
			t.Fatalf("no cached dot for %+v", key)
		}
		half := (dot.img.Bounds().Dx() - 1) / 2
		r := dot.img.Bounds().Add(image.Pt(x-half, y-half))
		draw.Draw(want, r, dot.img, image.Point{}, draw.Over)
	}
	if len(rr.dots) < 100 {
		t.Errorf("only %d looks of dot drawn", len(rr.dots))
	}
	comparePix(t, rr.img, want)
}

// TestSpriteMatchesDrawOver composites sprites of random pixels (clear,
// opaque, translucent and invalid premultiplied ones with colour but no
// alpha, in runs and alone) at random places over random bytes, and
// compares every byte with draw.Draw. The destination is a sub-image, so
// the bytes around it must stay as they are.
func TestSpriteMatchesDrawOver(t *testing.T) {
	const w, h = 64, 48
	rng := rand.New(rand.NewPCG(3, 4))
	gotAll := noise(rng, w, h)
	wantAll := image.NewRGBA(gotAll.Bounds())
	copy(wantAll.Pix, gotAll.Pix)
	inner := image.Rect(5, 3, w-4, h-2)
	got, want := gotAll.SubImage(inner).(*image.RGBA), wantAll.SubImage(inner).(*image.RGBA)
	for range 300 {
		img := image.NewRGBA(image.Rect(0, 0, 1+rng.IntN(20), 1+rng.IntN(20)))
		kind := 0
		for i := 0; i < len(img.Pix); i += 4 {
			if rng.IntN(3) == 0 {
				kind = rng.IntN(4)
			}
			p := img.Pix[i : i+4]
			switch kind {
			case 1: // opaque
				p[0], p[1], p[2], p[3] = uint8(rng.Uint32()), uint8(rng.Uint32()), uint8(rng.Uint32()), 0xff
			case 2: // translucent
				a := uint8(1 + rng.IntN(254))
				p[0], p[1], p[2], p[3] = uint8(rng.IntN(int(a)+1)), uint8(rng.IntN(int(a)+1)), uint8(rng.IntN(int(a)+1)), a
			case 3: // colour without alpha
				p[0], p[1], p[2] = uint8(rng.Uint32()), uint8(rng.Uint32()), uint8(rng.Uint32())
			}
		}
		s := newSprite(img)
		pt := image.Pt(rng.IntN(w+40)-20, rng.IntN(h+40)-20)
		s.drawOver(got, pt)
		draw.Draw(want, img.Bounds().Add(pt), img, image.Point{}, draw.Over)
	}
	comparePix(t, gotAll, wantAll)
}

// comparePix fails t unless got and want have the same pixels, naming the
// first that differs.
func comparePix(t *testing.T, got, want *image.RGBA) {
	t.Helper()
	if bytes.Equal(got.Pix, want.Pix) {
		return
	}
	for i := range got.Pix {
		if got.Pix[i] != want.Pix[i] {
			i -= i % 4
			x, y := i%got.Stride/4, i/got.Stride
			t.Fatalf("pixel (%d, %d) is %v, want %v", x, y, got.Pix[i:i+4], want.Pix[i:i+4])
		}
	}
}

// TestBlendOverEveryValue blends every source alpha over every
// destination byte, with source colours up to and beyond the alpha, and
// compares the bytes with draw.Draw's.
func TestBlendOverEveryValue(t *testing.T) {
	dst := image.NewRGBA(image.Rect(0, 0, 256, 256))
	for y := range 256 {
		for x := range 256 {
			copy(dst.Pix[dst.PixOffset(x, y):], []byte{uint8(x), uint8(255 - x), uint8(x ^ 0x5a), uint8(x)})
		}
	}
	src := image.NewRGBA(dst.Bounds())
	for sa := range 256 {
		for y := range 256 {
			for x := range 256 {
				copy(src.Pix[src.PixOffset(x, y):], []byte{uint8(y), uint8(255 - y), uint8(y + x), uint8(sa)})
			}
		}
		want := image.NewRGBA(dst.Bounds())
		draw.Draw(want, want.Bounds(), dst, image.Point{}, draw.Src)
		draw.Draw(want, want.Bounds(), src, image.Point{}, draw.Over)
		got := image.NewRGBA(dst.Bounds())
		copy(got.Pix, dst.Pix)
		blendOver(overTable(), got.Pix, src.Pix)
		comparePix(t, got, want)
	}
}
