package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"catracker/data"
	"catracker/data/redact"
	"catracker/internal/chart"
)

// namedSource names Ivan Petrov in its charts' outlets and timeline
// reports and in its sources.
type namedSource struct{ fakeSource }

func (s namedSource) Chart(ctx context.Context, f data.Filter) (*data.Chart, error) {
	c, err := s.fakeSource.Chart(ctx, f)
	c.Outlets = []string{"Radio Azattyk", "Ivan Petrov's blog", "IVAN  PETROV's blog"}
	for i := range c.Points {
		c.Points[i].Summary = "Petrov signed a contract"
	}
	return c, err
}

func (namedSource) Sources(context.Context) ([]data.SourceUse, error) {
	return []data.SourceUse{{Source: data.Source{Outlet: "Petrov Daily", Title: "Ivan Petrov detained", Author: "Ivan Petrov",
		URL: "https://kloop.kg/ivan-petrov", CitedAs: "Ivan Petrov's blog"}, Incidents: 1}}, nil
}

// TestNoNamesRedactsWhatChartsDraw: with NoNames, every chart of the report
// is drawn from redacted data, so its footer names no outlet or database
// file after a person, and the sources list is redacted too.
func TestNoNamesRedactsWhatChartsDraw(t *testing.T) {
	dir := t.TempDir()
	persons := []string{"Ivan Petrov"}
	o := Options{Families: []data.Family{data.Deaths, data.Timeline}, ImagesDir: dir, Width: 800, Height: 450,
		NoNames: true, Persons: persons, Dataset: "ivan-petrov.db", Generated: time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC)}
	var pdf bytes.Buffer
	res, err := Write(context.Background(), &pdf, namedSource{}, o)
	if err != nil {
		t.Fatal(err)
	}
	src := redacted{namedSource{}, redact.New(persons, nil)}
	// The footers name the database without the name in its file name.
	opts := chart.Options{Width: o.Width, Height: o.Height, Scale: 2, Dataset: "[name withheld].db", Generated: o.Generated}
	for _, fam := range o.Families {
		c, err := src.Chart(context.Background(), forFamily(o.Filter.WithDefaults(), fam))
		if err != nil {
			t.Fatal(err)
		}
		var svg bytes.Buffer
		if err := chart.Render(&svg, chart.SVG, c, opts); err != nil {
			t.Fatal(err)
		}
		if s := strings.ToLower(svg.String()); strings.Contains(s, "petrov") || !strings.Contains(s, "radio azattyk") {
			t.Errorf("%s chart drawn from the redacted data names someone, or no outlet at all:\n%s", fam, svg.String())
		}
		// The report's image is the chart drawn from the redacted data.
		png, err := pngBytes(c, opts)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, FileName(c, "all", o.Width, o.Height))
		if got, err := os.ReadFile(name); err != nil || !bytes.Equal(got, png.Bytes()) {
			t.Errorf("%s: the report's chart is not drawn from the redacted data (%v)", filepath.Base(name), err)
		}
	}
	if res.Charts != 2 {
		t.Errorf("%d charts, want 2", res.Charts)
	}
	list, err := src.Sources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if c := strings.ToLower(list[0].Citation()); strings.Contains(c, "petrov") || strings.Contains(c, "ivan") {
		t.Errorf("the sources list names someone: %s", list[0].Citation())
	}
}
