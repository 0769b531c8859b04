package report

import (
	"bytes"
	"context"
	"testing"
	"time"

	"catracker/data"
)

// oddSource has an emoji and Chinese characters in a source's title and
// in the charts' outlets, which the report's font lacks.
type oddSource struct{ fakeSource }

func (s oddSource) Chart(ctx context.Context, f data.Filter) (*data.Chart, error) {
	c, err := s.fakeSource.Chart(ctx, f)
	c.Outlets = append(c.Outlets, "Weibo 微博 😀")
	return c, err
}

func (oddSource) Sources(context.Context) ([]data.SourceUse, error) {
	return []data.SourceUse{{Source: data.Source{Outlet: "Радио Азаттык 🇰🇬", Title: "Burials 😀\uFE0F in 中国"}, Incidents: 4}}, nil
}

// TestReportWithCharactersOutsideTheFont: one emoji or Chinese character in
// a source never fails the report.
func TestReportWithCharactersOutsideTheFont(t *testing.T) {
	var pdf bytes.Buffer
	res, err := Write(context.Background(), &pdf, oddSource{}, Options{Width: 800, Height: 450,
		Dataset: "test.db", Generated: time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("report with an emoji in a source: %v", err)
	}
	if !bytes.HasPrefix(pdf.Bytes(), []byte("%PDF")) || res.Charts != len(data.Families) {
		t.Errorf("not a full report: %d charts", res.Charts)
	}
}
