package chart

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"catracker/i18n"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata/golden")

// TestGoldenImages compares charts with the images in testdata/golden,
// allowing for small antialiasing differences between platforms. Run
// with -update after a deliberate change and look at the new images.
func TestGoldenImages(t *testing.T) {
	for _, tc := range []struct {
		name string
		w, h int
		lang i18n.Language
	}{
		{"deaths-bars", 600, 400, i18n.English},
		{"deaths-cumulative", 600, 400, i18n.English},
		{"recruitment-bars", 800, 450, i18n.English},
		{"timeline", 800, 450, i18n.English},
		{"deaths-estimates", 600, 400, i18n.English},
		{"deaths-reattributed", 600, 400, i18n.English},
		{"deaths-by-group", 600, 400, i18n.English},
		{"deaths-estimates", 1600, 900, i18n.Russian},
	} {
		file := tc.name
		if tc.lang != i18n.English {
			file += fmt.Sprintf("-%s-%dx%d", tc.lang, tc.w, tc.h)
		}
		t.Run(file, func(t *testing.T) {
			o := testOptions(tc.w, tc.h)
			o.Lang = tc.lang
			img, err := Image(sampleCharts()[tc.name], o)
			if err != nil {
				t.Fatal(err)
			}
			matchGolden(t, file, img)
		})
	}
}

// matchGolden compares img with testdata/golden/name.png, or writes that
// file when the tests run with -update: at most 0.2% of the pixels may
// differ.
func matchGolden(t *testing.T, name string, img image.Image) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".png")
	if *update {
		writePNG(t, path, img)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/chart -update to create it)", err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if diff := differing(img, want); diff > 0.002 {
		t.Errorf("%.2f%% of pixels differ from %s (more than 0.2%%); if the change is deliberate, run with -update and look at the image", diff*100, path)
	}
}

// differing returns the share of pixels of a and b whose colour differs by
// more than a little in any channel, or 1 if their sizes differ.
func differing(a, b image.Image) float64 {
	if a.Bounds() != b.Bounds() {
		return 1
	}
	n := 0
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if far(r1, r2) || far(g1, g2) || far(b1, b2) {
				n++
			}
		}
	}
	return float64(n) / float64(r.Dx()*r.Dy())
}

func far(a, b uint32) bool {
	const tolerance = 48 << 8
	return a > b+tolerance || b > a+tolerance
}
