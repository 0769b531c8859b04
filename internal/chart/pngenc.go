package chart

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"io"

	"github.com/klauspost/compress/zlib"
)

// encodePNG writes img to w as a PNG file, several times faster than
// image/png, which tries five row filters on every row even at BestSpeed.
// A chart is mostly large flat areas, which deflate compresses well with
// no filter at all, so every row here is written unfiltered, through
// klauspost/compress's zlib at BestSpeed: as 8-bit palette indices when
// img has at most 256 colours (about half the size of image/png's file),
// otherwise as 8-bit RGB (about the same size). Both decode to exactly
// img's pixels. An image that is not opaque, which the renderers never
// draw, is handed to image/png.
func encodePNG(w io.Writer, img *image.RGBA) error {
	if img.Rect.Empty() {
		return fmt.Errorf("encode png: image of %dx%d pixels", img.Rect.Dx(), img.Rect.Dy())
	}
	pal, rows, opaque := paletteRows(img)
	if !opaque {
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		if err := enc.Encode(w, img); err != nil {
			return fmt.Errorf("encode translucent png: %w", err)
		}
		return nil
	}
	e := &pngWriter{w: bufio.NewWriterSize(w, 1<<16)}
	e.header(img.Rect.Dx(), img.Rect.Dy(), pal)
	z := zlibWriter{e: e}
	z.w = bufio.NewWriterSize(&z, 1<<16)
	zw, err := zlib.NewWriterLevel(z.w, zlib.BestSpeed)
	if err != nil {
		return fmt.Errorf("encode png: %w", err)
	}
	if rows != nil {
		_, _ = zw.Write(rows)
	} else {
		writeRGBRows(zw, img)
	}
	// zw and z.w fail only when e.w does, which e.err records
	_ = zw.Close()
	_ = z.w.Flush()
	e.chunk("IEND", nil)
	if e.err == nil {
		e.err = e.w.Flush()
	}
	if e.err != nil {
		return fmt.Errorf("encode png: %w", e.err)
	}
	return nil
}

// pngWriter writes PNG chunks, keeping the first error.
type pngWriter struct {
	w   *bufio.Writer
	err error
}

// header writes the PNG signature and the IHDR chunk of an 8-bit image
// of w by h pixels, paletted with the PLTE chunk pal if pal is not nil,
// else RGB.
func (e *pngWriter) header(w, h int, pal []byte) {
	_, e.err = e.w.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:4], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:8], uint32(h))
	ihdr[8] = 8 // bits per sample; bytes 10-12 stay 0: deflate, adaptive filtering, no interlace
	if pal != nil {
		ihdr[9] = 3 // colour type: palette indices
		e.chunk("IHDR", ihdr[:])
		e.chunk("PLTE", pal)
	} else {
		ihdr[9] = 2 // colour type: RGB
		e.chunk("IHDR", ihdr[:])
	}
}

// chunk writes a chunk of type typ holding b.
func (e *pngWriter) chunk(typ string, b []byte) {
	if e.err != nil {
		return
	}
	var buf [8]byte
	binary.BigEndian.PutUint32(buf[:4], uint32(len(b)))
	copy(buf[4:], typ)
	crc := crc32.Update(crc32.ChecksumIEEE(buf[4:8]), crc32.IEEETable, b)
	_, _ = e.w.Write(buf[:8])
	_, _ = e.w.Write(b)
	binary.BigEndian.PutUint32(buf[:4], crc)
	_, e.err = e.w.Write(buf[:4])
}

// zlibWriter turns each write of the zlib stream, buffered by w, into an
// IDAT chunk.
type zlibWriter struct {
	e *pngWriter
	w *bufio.Writer
}

// Write implements io.Writer.
func (z *zlibWriter) Write(p []byte) (int, error) {
	z.e.chunk("IDAT", p)
	if z.e.err != nil {
		return 0, z.e.err
	}
	return len(p), nil
}

// writeRGBRows writes img's rows to w as unfiltered 8-bit RGB scanlines.
func writeRGBRows(w io.Writer, img *image.RGBA) {
	width := img.Rect.Dx()
	line := make([]byte, 1+3*width) // line[0] = 0: filter None
	for y := range img.Rect.Dy() {
		src := pixRow(img, y)
		// line still holds the row above, which charts often repeat
		if y == 0 || !bytes.Equal(src, pixRow(img, y-1)) {
			dst := line[1:]
			for x := range width {
				d, s := dst[3*x:3*x+3:3*x+3], src[4*x:4*x+3:4*x+3]
				d[0], d[1], d[2] = s[0], s[1], s[2]
			}
		}
		if _, err := w.Write(line); err != nil {
			return
		}
	}
}

// paletteRows reports whether img is opaque and, if it is and has at most
// 256 colours, returns its palette as a PNG PLTE chunk's data and its
// unfiltered scanlines of palette indices, ready to compress. A row equal
// to the one above is copied; in other rows colours are looked up only
// where they change, in a small open-addressing hash table.
func paletteRows(img *image.RGBA) (pal, rows []byte, opaque bool) {
	const (
		bits  = 10 // table of 1024 slots for at most 256 colours
		empty = 0  // a slot's key: opaque colours have a non-zero alpha byte
	)
	var keys [1 << bits]uint32
	var index [1 << bits]byte
	width, height := img.Rect.Dx(), img.Rect.Dy()
	rows = make([]byte, height*(1+width))
	pal = make([]byte, 0, 3*256)
	last := ^binary.LittleEndian.Uint32(img.Pix[img.PixOffset(img.Rect.Min.X, img.Rect.Min.Y):]) // not the first pixel
	var li byte
	for y := range height {
		src := pixRow(img, y)
		dst := rows[y*(1+width)+1 : (y+1)*(1+width)] // the filter byte stays 0: None
		if y > 0 && bytes.Equal(src, pixRow(img, y-1)) {
			copy(dst, rows[(y-1)*(1+width)+1:y*(1+width)])
			continue
		}
		for x := range dst {
			c := binary.LittleEndian.Uint32(src[4*x:])
			if c != last {
				if c>>24 != 0xff {
					return nil, nil, false
				}
				h := (c * 0x9e3779b1) >> (32 - bits)
				for keys[h] != c && keys[h] != empty {
					h = (h + 1) & (1<<bits - 1)
				}
				if keys[h] == empty {
					if len(pal) == cap(pal) {
						return nil, nil, opaqueFrom(img, y)
					}
					keys[h], index[h] = c, byte(len(pal)/3)
					pal = append(pal, byte(c), byte(c>>8), byte(c>>16))
				}
				last, li = c, index[h]
			}
			dst[x] = li
		}
	}
	return pal, rows, true
}

// opaqueFrom reports whether every pixel of img from row y on is opaque.
func opaqueFrom(img *image.RGBA, y int) bool {
	for ; y < img.Rect.Dy(); y++ {
		src := pixRow(img, y)
		for x := 3; x < len(src); x += 4 {
			if src[x] != 0xff {
				return false
			}
		}
	}
	return true
}

// pixRow returns the pixels of img's row y, counted from its top.
func pixRow(img *image.RGBA, y int) []byte {
	o := img.PixOffset(img.Rect.Min.X, img.Rect.Min.Y+y)
	return img.Pix[o : o+4*img.Rect.Dx()]
}
