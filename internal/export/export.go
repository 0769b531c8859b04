// Package export turns an export request (chart filters, format, size)
// into a file. The command line parses its flags into a Request and the
// desktop app builds one from its choices; both check it with
// Request.Validate and write it with Write or WriteFile, so the same
// request writes the same bytes from either.
package export

import (
	"context"
	"io"

	"catracker/data"
	"catracker/data/csvio"
	"catracker/i18n"
	"catracker/internal/atomicfile"
	"catracker/internal/chart"
)

// Write renders c in the request's format to w. A CSV names its series
// in the request's language; periods and codes stay as the command-line
// contract writes them.
func Write(w io.Writer, c *data.Chart, req Request) error {
	if req.Format == "csv" {
		return csvio.WriteSeries(w, named(c, req.Options.Lang))
	}
	return chart.Render(w, chart.Format(req.Format), c, req.Options)
}

// named returns c with its series, estimates, reattributed part and map
// figures named in language l, and its events without a headline named as
// the chart names them.
func named(c *data.Chart, l i18n.Language) *data.Chart {
	out := *c
	out.Series = make([]data.Series, len(c.Series))
	for i, s := range c.Series {
		s.Label = l.Series(s)
		out.Series[i] = s
	}
	out.Estimates = make([]data.EstimatedFigure, len(c.Estimates))
	for i, e := range c.Estimates {
		e.Label = l.T("series.estimate", l.Series(data.Series{Code: e.Code, Label: e.Label}))
		out.Estimates[i] = e
	}
	out.ReattributedLabel = l.T("series.reattributed")
	out.Events = make([]data.ChartEvent, len(c.Events))
	for i, e := range c.Events {
		e.Headline = chart.EventLabel(e, l)
		out.Events[i] = e
	}
	out.Values = make([]data.MapValue, len(c.Values))
	for i, v := range c.Values {
		v.Label = l.Series(data.Series{Code: v.Code, Label: v.Label})
		out.Values[i] = v
	}
	return &out
}

// WriteFile writes the export to path through a temporary file, so that
// path holds either its old content or the complete new file. It refuses
// what atomicfile.Check refuses: anything but a regular file, and the
// files in keep (the open database and its journal files).
func WriteFile(path string, c *data.Chart, req Request, keep ...string) error {
	return atomicfile.WriteContext(context.Background(), path, func(w io.Writer) error { return Write(w, c, req) }, keep...)
}
