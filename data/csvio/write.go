package csvio

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"catracker/data"
)

// WriteIncidents writes incidents in the import format, so that the file
// reads back into the same incidents.
func WriteIncidents(w io.Writer, incidents []data.Incident) error {
	iw := NewIncidentWriter(w)
	for _, inc := range incidents {
		if err := iw.Write(inc); err != nil {
			return err
		}
	}
	return iw.Close()
}

// IncidentWriter writes incidents in the import format one at a time, for
// databases too large to hold in memory.
type IncidentWriter struct {
	cw     *csv.Writer
	header bool
}

// NewIncidentWriter returns a writer that starts with the header.
func NewIncidentWriter(w io.Writer) *IncidentWriter { return &IncidentWriter{cw: csv.NewWriter(w)} }

// Write writes one incident.
func (iw *IncidentWriter) Write(inc data.Incident) error {
	if !iw.header {
		if err := iw.cw.Write(Columns); err != nil {
			return fmt.Errorf("write csv header: %w", err)
		}
		iw.header = true
	}
	if err := iw.cw.Write(Record(&inc)); err != nil {
		return fmt.Errorf("write incident %s: %w", inc.Ref, err)
	}
	return nil
}

// Close writes the header if nothing else was written and flushes.
func (iw *IncidentWriter) Close() error {
	if !iw.header {
		if err := iw.cw.Write(Columns); err != nil {
			return fmt.Errorf("write csv header: %w", err)
		}
		iw.header = true
	}
	iw.cw.Flush()
	if err := iw.cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// Record returns the CSV cells of one incident in the order of Columns, as
// the file holds them: in the source columns a | of the text is doubled and
// the sources are separated by SourceSeparator, and every cell goes through
// Neutralise.
func Record(inc *data.Incident) []string {
	count := ""
	if inc.Count != nil {
		count = strconv.Itoa(*inc.Count)
	}
	join := func(get func(s data.Source) string) string {
		parts := make([]string, len(inc.Sources))
		empty := true
		for i, s := range inc.Sources {
			parts[i] = escapeSource(get(s))
			empty = empty && parts[i] == ""
		}
		if empty {
			return ""
		}
		return strings.Join(parts, SourceSeparator)
	}
	return neutralise([]string{inc.Ref, inc.Date.String(), string(inc.Area), string(inc.Kind), string(inc.Stage), count,
		string(inc.Basis), string(inc.Channel), string(inc.Side), string(inc.Group), inc.Person, inc.Summary,
		join(func(s data.Source) string { return s.Outlet }),
		join(func(s data.Source) string { return s.Title }),
		join(func(s data.Source) string { return s.Author }),
		join(func(s data.Source) string {
			if s.Published.IsZero() {
				return ""
			}
			return s.Published.String()
		}),
		join(func(s data.Source) string { return s.URL }),
		join(func(s data.Source) string { return s.CitedAs }),
		inc.Notes, inc.Headline})
}

// neutralise puts every cell of a row through Neutralise, in place.
func neutralise(row []string) []string {
	for i, c := range row {
		row[i] = Neutralise(c)
	}
	return row
}

// SeriesHeader is the header of a chart's CSV export.
var SeriesHeader = []string{"period", "series_code", "series", "value"}

// WriteSeries writes the plotted series of a chart: one row per period and
// series, periods written 2022-05, 2022-Q2 or 2022. After a period's
// series come the part of its new figures that an earlier figure already
// counted (REATTRIBUTED: subtract it from the period's sum to get its
// rise), and its estimates (EST_ and the series code), which are never
// part of a confirmed figure. For the timeline it writes the number of
// reports per month, channel and area; for a map, one row per area whose
// period is the map's dates, 2022-02/2024-10. The chart's events come last
// (see writeEvents).
func WriteSeries(w io.Writer, c *data.Chart) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(SeriesHeader); err != nil {
		return fmt.Errorf("write csv header: %w", err)
	}
	if c.Filter.Family == data.Timeline {
		writeTimeline(cw, c)
	}
	if c.Filter.Family == data.Map {
		writeMap(cw, c)
	}
	for i, p := range c.Periods {
		for _, s := range c.Series {
			if err := cw.Write(neutralise([]string{p.String(), s.Code, s.Label, strconv.Itoa(s.Values[i])})); err != nil {
				return fmt.Errorf("write csv: %w", err)
			}
		}
		if c.Reattributed != nil && c.Reattributed[i] != 0 {
			row := []string{p.String(), data.ReattributedCode, c.ReattributedLabel, strconv.Itoa(c.Reattributed[i])}
			if err := cw.Write(neutralise(row)); err != nil {
				return fmt.Errorf("write csv: %w", err)
			}
		}
		for _, e := range c.Estimates {
			if e.Period != i {
				continue
			}
			if err := cw.Write(neutralise([]string{p.String(), e.SeriesCode(), e.Label, strconv.Itoa(e.Value)})); err != nil {
				return fmt.Errorf("write csv: %w", err)
			}
		}
	}
	writeEvents(cw, c.Events)
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// writeTimeline writes one row per month, channel and area with the number
// of reports; the series code is CHANNEL:AREA. Rows go by month, then
// channel code, then area in the order of data.Areas.
func writeTimeline(cw *csv.Writer, c *data.Chart) {
	cells := slices.Clone(c.Cells)
	slices.SortFunc(cells, func(a, b data.Cell) int {
		return cmp.Or(cmp.Compare(a.Month, b.Month), cmp.Compare(a.Channel, b.Channel),
			cmp.Compare(slices.Index(data.Areas, a.Area), slices.Index(data.Areas, b.Area)))
	})
	for _, k := range cells {
		cw.Write(neutralise([]string{data.MonthString(k.Month), string(k.Channel) + ":" + string(k.Area),
			k.Channel.Label() + " (" + k.Area.Name() + ")", strconv.Itoa(k.Reports)}))
	}
}

// EventPrefix starts the series code of an event's row in a chart's CSV
// file: EVENT:policy:RU.
const EventPrefix = "EVENT:"

// writeEvents writes one row per event after the series, in the four
// columns of SeriesHeader: the event's date as recorded (2022-09-21,
// 2022-09 or 2022) for the period; EVENT:, its kind and its area for the
// series code (EVENT:policy:RU); its headline, or when it has none its
// kind and area in words, for the series; and 0 for the value, since an
// event counts nobody, so that a script adding up the value column gets
// the same sums as before events were written. The rows come in the
// order of the chart's numbers: the first event row is number 1.
func writeEvents(cw *csv.Writer, events []data.ChartEvent) {
	for _, e := range events {
		label := e.Headline
		if label == "" {
			kind := []rune(cmp.Or(string(e.Kind), "event"))
			label = strings.ToUpper(string(kind[:1])) + string(kind[1:]) + ": " + e.Area.Name()
		}
		cw.Write(neutralise([]string{e.Date.String(), EventPrefix + string(e.Kind) + ":" + string(e.Area), label, "0"}))
	}
}

// writeMap writes a map's figures, one row per area in the map's order;
// the period is the map's first and last month, as 2022-02/2024-10.
func writeMap(cw *csv.Writer, c *data.Chart) {
	f := c.Filter
	period := ""
	if f.From > 0 && f.To > 0 {
		period = data.MonthString(f.From) + "/" + data.MonthString(f.To)
	}
	for _, v := range c.Values {
		cw.Write(neutralise([]string{period, v.Code, v.Label, strconv.Itoa(v.Value)}))
	}
}
