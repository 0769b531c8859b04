package chart

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"slices"
	"testing"
)

// colourType is the colour type in the IHDR chunk of a PNG file.
func colourType(t *testing.T, b []byte) byte {
	t.Helper()
	if len(b) < 33 || string(b[12:16]) != "IHDR" {
		t.Fatalf("no IHDR chunk first")
	}
	return b[25]
}

// checkRoundTrip encodes img, decodes it with image/png and fails unless
// every pixel is the same; it returns the file.
func checkRoundTrip(t *testing.T, img *image.RGBA) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := encodePNG(&buf, img); err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("image/png cannot decode it: %v", err)
	}
	if got.Bounds().Size() != img.Bounds().Size() {
		t.Fatalf("decoded size %v, want %v", got.Bounds().Size(), img.Bounds().Size())
	}
	d := got.Bounds().Min.Sub(img.Bounds().Min)
	n := 0
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		for x := img.Rect.Min.X; x < img.Rect.Max.X; x++ {
			r1, g1, b1, a1 := img.At(x, y).RGBA()
			r2, g2, b2, a2 := got.At(x+d.X, y+d.Y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				if n++; n <= 3 {
					t.Errorf("pixel %d,%d is %v, want %v", x, y, got.At(x+d.X, y+d.Y), img.At(x, y))
				}
			}
		}
	}
	if n > 0 {
		t.Fatalf("%d pixels differ", n)
	}
	return buf.Bytes()
}

// colourful returns a w by h opaque image of n colours in random places,
// or of random colours if n is 0.
func colourful(w, h, n int) *image.RGBA {
	rng := rand.New(rand.NewPCG(uint64(w), uint64(h*1000+n)))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		v := rng.Uint32()
		if n > 0 {
			k := uint32(rng.IntN(n))
			v = k*0x9e3779b1 ^ k // n distinct colours
		}
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = byte(v), byte(v>>8), byte(v>>16), 0xff
	}
	// every colour at least once, in the first pixels
	for k := range min(n, w*h) {
		v := uint32(k)*0x9e3779b1 ^ uint32(k)
		img.Pix[4*k], img.Pix[4*k+1], img.Pix[4*k+2] = byte(v), byte(v>>8), byte(v>>16)
	}
	return img
}

// repeatRows copies row y0 of img over rows y0+1 to y1, for each pair y0,
// y1 of ys, and returns img.
func repeatRows(img *image.RGBA, ys ...int) *image.RGBA {
	for i := 0; i+1 < len(ys); i += 2 {
		for y := ys[i] + 1; y <= ys[i+1]; y++ {
			copy(pixRow(img, y), pixRow(img, ys[i]))
		}
	}
	return img
}

func TestEncodePNGKeepsEveryPixel(t *testing.T) {
	for _, tc := range []struct {
		name    string
		img     *image.RGBA
		palette bool
	}{
		{"1x1", colourful(1, 1, 1), true},
		{"odd sizes, few colours", colourful(17, 5, 3), true},
		{"one column", colourful(1, 31, 7), true},
		{"one row", colourful(33, 1, 7), true},
		{"256 colours", colourful(101, 99, 256), true},
		{"257 colours", colourful(101, 99, 257), false},
		{"random colours, odd sizes", colourful(37, 23, 0), false},
		{"colour 257 on the last row", func() *image.RGBA {
			img := colourful(64, 9, 256)
			img.SetRGBA(63, 8, color.RGBA{1, 2, 3, 255})
			return img
		}(), false},
		{"sub-image", colourful(50, 40, 12).SubImage(image.Rect(3, 5, 42, 36)).(*image.RGBA), true},
		{"repeated rows, few colours", repeatRows(colourful(23, 9, 20), 0, 1, 2, 5, 6, 8), true},
		{"repeated rows, many colours", repeatRows(colourful(121, 9, 0), 0, 1, 2, 5, 6, 8), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := checkRoundTrip(t, tc.img)
			want := byte(2) // RGB
			if tc.palette {
				want = 3
			}
			if ct := colourType(t, b); ct != want {
				t.Errorf("colour type %d, want %d", ct, want)
			}
			if tc.palette {
				distinct := map[color.Color]bool{}
				r := tc.img.Bounds()
				for y := r.Min.Y; y < r.Max.Y; y++ {
					for x := r.Min.X; x < r.Max.X; x++ {
						distinct[tc.img.At(x, y)] = true
					}
				}
				// PLTE follows the 8-byte signature and the 25-byte IHDR chunk
				if n := int(binary.BigEndian.Uint32(b[33:])) / 3; string(b[37:41]) != "PLTE" || n != len(distinct) {
					t.Errorf("palette of %d colours, want %d", n, len(distinct))
				}
			}
		})
	}
}

func TestEncodePNGOfCharts(t *testing.T) {
	for _, f := range families() {
		for _, size := range [][2]int{{600, 400}, {1201, 677}} {
			img, err := Image(f.c, testOptions(size[0], size[1]))
			if err != nil {
				t.Fatal(err)
			}
			checkRoundTrip(t, img.(*image.RGBA))
		}
	}
}

// TestEncodePNGChunks walks the file's chunks: the signature, IHDR first,
// PLTE (if any) before the IDATs, IEND last and nothing after it.
func TestEncodePNGChunks(t *testing.T) {
	for _, img := range []*image.RGBA{colourful(300, 200, 40), colourful(300, 200, 0)} {
		var buf bytes.Buffer
		if err := encodePNG(&buf, img); err != nil {
			t.Fatal(err)
		}
		b := buf.Bytes()
		if string(b[:8]) != "\x89PNG\r\n\x1a\n" {
			t.Fatalf("signature %q", b[:8])
		}
		var types []string
		for b = b[8:]; len(b) >= 12; {
			n := int(binary.BigEndian.Uint32(b))
			types = append(types, string(b[4:8]))
			b = b[12+n:]
		}
		if len(b) != 0 {
			t.Errorf("%d bytes after the last chunk", len(b))
		}
		want := []string{"IHDR"}
		if colourType(t, buf.Bytes()) == 3 {
			want = append(want, "PLTE")
		}
		for len(want) < len(types)-1 {
			want = append(want, "IDAT")
		}
		want = append(want, "IEND")
		if len(types) < 3 || !slices.Equal(types, want) {
			t.Errorf("chunks %v, want %v", types, want)
		}
	}
}

// TestEncodePNGTranslucent checks that an image that is not opaque is
// written by image/png, which keeps its alpha.
func TestEncodePNGTranslucent(t *testing.T) {
	for _, at := range []image.Point{{0, 0}, {30, 20}, {39, 29}} {
		img := colourful(40, 30, 5)
		img.SetRGBA(at.X, at.Y, color.RGBA{10, 20, 30, 128})
		var got, want bytes.Buffer
		if err := encodePNG(&got, img); err != nil {
			t.Fatal(err)
		}
		if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&want, img); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("translucent pixel at %v: not written by image/png", at)
		}
	}
}

func TestEncodePNGErrors(t *testing.T) {
	if err := encodePNG(&bytes.Buffer{}, image.NewRGBA(image.Rect(0, 0, 0, 5))); err == nil {
		t.Error("empty image: no error")
	}
	broken := errors.New("disk full")
	for _, limit := range []int{0, 10, 60, 5000} {
		w := &failingWriter{limit: limit, err: broken}
		if err := encodePNG(w, colourful(200, 100, 0)); !errors.Is(err, broken) {
			t.Errorf("writer failing after %d bytes: error %v, want one wrapping %v", limit, err, broken)
		}
	}
}

// failingWriter takes limit bytes and then fails with err.
type failingWriter struct {
	limit int
	err   error
}

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.limit {
		n := w.limit
		w.limit = 0
		return n, w.err
	}
	w.limit -= len(p)
	return len(p), nil
}
