package chart

import (
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
