package chart

import (
	"image"
	"image/png"
	"io"
	"testing"

	"catracker/data"
)

func benchmarkRender(b *testing.B, c *data.Chart) {
	o := testOptions(1200, 675)
	for b.Loop() {
		if err := Render(io.Discard, PNG, c, o); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderDeaths(b *testing.B) { benchmarkRender(b, syntheticChart(data.Deaths, false)) }

func BenchmarkRenderDeathsCumulative(b *testing.B) {
	benchmarkRender(b, syntheticChart(data.Deaths, true))
}

func BenchmarkRenderProsecutions(b *testing.B) {
	benchmarkRender(b, syntheticChart(data.Prosecutions, false))
}

func BenchmarkRenderRecruitment(b *testing.B) {
	benchmarkRender(b, syntheticChart(data.RecruitmentReports, false))
}

func BenchmarkRenderTimeline(b *testing.B) { benchmarkRender(b, syntheticTimeline(2000)) }

// BenchmarkRenderCrowdedTimeline draws 19,000 reports in a year, as many
// as Kyrgyzstan's 2023 holds in the million-incident benchmark dataset,
// most of them dots half hidden under the next.
func BenchmarkRenderCrowdedTimeline(b *testing.B) { benchmarkRender(b, crowdedTimeline(19_000)) }

// crowdedTimeline is n reports from Kyrgyzstan and Russia in the twelve
// months of 2023, spread over every channel.
func crowdedTimeline(n int) *data.Chart {
	return randomTimeline(n, month(2023, 1), month(2023, 12), []data.Area{data.KG, data.RU}, []data.Area{data.KG},
		[2]uint64{7, 8}, "Report %d from a crowded year")
}

func BenchmarkRenderSVG(b *testing.B) {
	c := syntheticTimeline(2000)
	o := testOptions(1200, 675)
	for b.Loop() {
		if err := Render(io.Discard, SVG, c, o); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderPDF(b *testing.B) {
	c := syntheticChart(data.Deaths, false)
	o := testOptions(1200, 675)
	for b.Loop() {
		if err := Render(io.Discard, PDF, c, o); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderLarge(b *testing.B) {
	c := syntheticChart(data.Deaths, false)
	o := testOptions(1600, 900)
	for b.Loop() {
		if err := Render(io.Discard, PNG, c, o); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewTimeline orders the dots of a timeline of 19,000 reports,
// about as many as Kyrgyzstan's 2023 holds in the million-incident
// benchmark dataset.
func BenchmarkNewTimeline(b *testing.B) {
	c := syntheticTimeline(19_000)
	for b.Loop() {
		newTimeline(c)
	}
}

// BenchmarkParseFaces parses the embedded regular and bold fonts, which
// every process does once before its first chart.
func BenchmarkParseFaces(b *testing.B) {
	for b.Loop() {
		if _, err := parseFace(regularTTF, false); err != nil {
			b.Fatal(err)
		}
		if _, err := parseFace(boldTTF, true); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodePNG encodes an already rendered 1600x900 chart of each
// family, the work of the PNG encoder alone; the family/image-png runs
// are image/png at BestSpeed for comparison. The size of each file is
// reported as B/file.
func BenchmarkEncodePNG(b *testing.B) {
	for _, f := range []struct {
		name string
		c    *data.Chart
	}{
		{"deaths", realisticDeaths(false)},
		{"prosecutions", realisticProsecutions(false)},
		{"recruitment", realisticRecruitment(false)},
		{"timeline", realisticTimeline()},
	} {
		img, err := Image(f.c, testOptions(1600, 900))
		if err != nil {
			b.Fatal(err)
		}
		rgba := img.(*image.RGBA)
		b.Run(f.name, func(b *testing.B) {
			benchmarkEncode(b, func(w io.Writer) error { return encodePNG(w, rgba) })
		})
		b.Run(f.name+"/image-png", func(b *testing.B) {
			enc := png.Encoder{CompressionLevel: png.BestSpeed}
			benchmarkEncode(b, func(w io.Writer) error { return enc.Encode(w, rgba) })
		})
	}
}

func benchmarkEncode(b *testing.B, encode func(io.Writer) error) {
	var n countingWriter
	if err := encode(&n); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := encode(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n), "B/file")
}

// countingWriter counts the bytes written to it.
type countingWriter int

func (n *countingWriter) Write(p []byte) (int, error) {
	*n += countingWriter(len(p))
	return len(p), nil
}
