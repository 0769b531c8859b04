package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"catracker/data"
	"catracker/i18n"
)

// fakeSource answers every chart with the same few figures: deaths with
// an estimate and a figure already inside an earlier Central Asia figure,
// or prosecutions by latest stage.
type fakeSource struct{}

func (fakeSource) Chart(_ context.Context, f data.Filter) (*data.Chart, error) {
	from := 2023 * 12
	c := &data.Chart{Filter: f, Periods: data.PeriodRange(data.PerMonth, from, from+5),
		Outlets: []string{"Radio Azattyk"}, Incidents: 4}
	switch f.Family {
	case data.Prosecutions:
		c.Series = []data.Series{
			{Code: string(data.Charge), Values: []int{1, 1, 0, 0, 0, 0}},
			{Code: string(data.Sentence), Values: []int{0, 0, 1, 1, 2, 2}},
		}
	case data.Timeline:
		c.Points = []data.Point{{Month: from + 1, Date: data.Date{Year: 2023, Month: 2}, Area: data.KG, Channel: "prison", Summary: "A report"}}
	default:
		c.Series = []data.Series{
			{Code: string(data.TJ), Values: []int{4, 0, 2, 0, 0, 1}},
			{Code: data.UnattributedCode, Values: []int{0, 20, 0, 0, 0, 0}},
		}
		c.Estimates = []data.EstimatedFigure{{Area: data.CA, Code: string(data.CA), Period: 3, Value: 35}}
		c.Reattributed = []int{0, 0, 2, 0, 0, 0}
	}
	return c, nil
}

func (fakeSource) Sources(context.Context) ([]data.SourceUse, error) {
	return []data.SourceUse{{Source: data.Source{Outlet: "Radio Azattyk", Title: "Burials"}, Incidents: 4}}, nil
}

func (fakeSource) Stats(context.Context) (data.Stats, error) {
	return data.Stats{Incidents: 4, Sources: 1}, nil
}

// TestWriteReportWithEstimatesAndNotes writes a report pack, in both
// languages, whose figures have estimates, reattributed figures and cases
// by latest stage.
func TestWriteReportWithEstimatesAndNotes(t *testing.T) {
	for _, l := range i18n.Languages {
		t.Run(string(l), func(t *testing.T) {
			dir := t.TempDir()
			var pdf bytes.Buffer
			res, err := Write(context.Background(), &pdf, fakeSource{}, Options{
				Filter:    data.Filter{LatestStage: true},
				ImagesDir: dir, Width: 800, Height: 450,
				Dataset: "test.db", Generated: time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC), Lang: l,
			})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(pdf.Bytes(), []byte("%PDF")) {
				t.Fatal("not a PDF")
			}
			if res.Charts != len(data.Families) || len(res.Images) != len(data.Families) {
				t.Errorf("%d charts and %d images, want %d of each", res.Charts, len(res.Images), len(data.Families))
			}
			for _, name := range res.Images {
				if b, err := os.ReadFile(name); err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
					t.Errorf("%s is not a PNG file (%v)", filepath.Base(name), err)
				}
			}
		})
	}
}
