//go:build ignore

// Pngcheck checks a screenshot for the smoke test: it must be a PNG of the
// given size that is not blank (many colours, none covering nearly all of
// it). Usage: go run scripts/pngcheck.go FILE WIDTH HEIGHT
package main

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"strconv"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: go run scripts/pngcheck.go FILE WIDTH HEIGHT")
		os.Exit(2)
	}
	if err := check(os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintln(os.Stderr, "pngcheck:", err)
		os.Exit(1)
	}
}

func check(path, width, height string) error {
	w, err := strconv.Atoi(width)
	if err != nil {
		return fmt.Errorf("width %q: %w", width, err)
	}
	h, err := strconv.Atoi(height)
	if err != nil {
		return fmt.Errorf("height %q: %w", height, err)
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return fmt.Errorf("%s is not a PNG image: %w", path, err)
	}
	b := img.Bounds()
	if b.Dx() != w || b.Dy() != h {
		return fmt.Errorf("%s is %dx%d, want the window's %dx%d", path, b.Dx(), b.Dy(), w, h)
	}
	colours, top := histogram(img)
	share := float64(top) / float64(b.Dx()*b.Dy())
	if colours < 64 || share > 0.9 {
		return fmt.Errorf("%s looks blank: %d colours, the commonest covers %.0f%%", path, colours, share*100)
	}
	fmt.Printf("pngcheck: %s is %dx%d with %d colours; the commonest covers %.0f%%\n",
		path, w, h, colours, share*100)
	return nil
}

// histogram counts the distinct colours and the pixels of the commonest.
func histogram(img image.Image) (colours, top int) {
	counts := map[[4]uint32]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			k := [4]uint32{r, g, bl, a}
			counts[k]++
			top = max(top, counts[k])
		}
	}
	return len(counts), top
}
