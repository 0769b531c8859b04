//go:build samples

// The sample charts, written for people to look at by `make samples`
// (go test -tags samples -run Samples ./internal/chart/ -args -samples
// DIR) rather than checked: every family in realistic data, the layout's
// edge cases and the panel charts.

package chart

import (
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"testing"

	"catracker/i18n"
)

var samplesDir = flag.String("samples", "", "write the sample charts into this folder")

// samplesFolder makes the folder -samples names and returns it.
func samplesFolder(t *testing.T) string {
	t.Helper()
	if *samplesDir == "" {
		t.Fatal("name the folder to write the sample charts into: -samples DIR")
	}
	if err := os.MkdirAll(*samplesDir, 0o755); err != nil {
		t.Fatal(err)
	}
	return *samplesDir
}

// TestWriteSamples writes the sample and edge charts, at two sizes,
// as PNG, and the samples as SVG and PDF too.
func TestWriteSamples(t *testing.T) {
	dir := samplesFolder(t)
	formats := map[string][]Format{}
	for name := range sampleCharts() {
		formats[name] = []Format{PNG, SVG, PDF}
	}
	for name := range edgeCharts() {
		formats[name] = []Format{PNG}
	}
	charts := sampleCharts()
	maps.Copy(charts, edgeCharts())
	for name, c := range charts {
		for _, size := range [][2]int{{1200, 675}, {600, 400}} {
			for _, f := range formats[name] {
				path := filepath.Join(dir, fmt.Sprintf("%s-%dx%d.%s", name, size[0], size[1], f))
				out, err := os.Create(path)
				if err != nil {
					t.Fatal(err)
				}
				if err := Render(out, f, c, testOptions(size[0], size[1])); err != nil {
					t.Errorf("%s: %v", path, err)
				}
				if err := out.Close(); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

// TestWritePanelSamples writes the panel charts at three sizes, in every
// language, with and without patterns, as PNG.
func TestWritePanelSamples(t *testing.T) {
	dir := samplesFolder(t)
	for name, c := range panelCases() {
		for _, size := range [][2]int{{1200, 675}, {600, 400}, {3200, 1800}} {
			for _, l := range i18n.Languages {
				for _, patterns := range []bool{false, true} {
					o := panelOptions(size[0], size[1], l)
					o.Patterns = patterns
					img, err := Image(c, o)
					if err != nil {
						t.Fatal(err)
					}
					file := fmt.Sprintf("panels-%s-%dx%d-%s", name, size[0], size[1], l)
					if patterns {
						file += "-patterns"
					}
					writePNG(t, filepath.Join(dir, file+".png"), img)
				}
			}
		}
	}
}
