package sqlite

import (
	"context"
	"fmt"

	"catracker/data"
)

// withEvents returns what adds to a chart with a time axis the policies
// and warnings dated within its periods (see data.Chart.Events), unless
// its filter says NoEvents. It takes a chart and an error as a chart
// query returns them and passes an error through, so that every way out
// of Chart can end in it: return s.withEvents(ctx)(c, err).
func (s *Store) withEvents(ctx context.Context) func(*data.Chart, error) (*data.Chart, error) {
	return func(c *data.Chart, err error) (*data.Chart, error) {
		if err != nil || c == nil || c.Filter.NoEvents || len(c.Periods) == 0 {
			return c, err
		}
		if c.Events, c.TooManyEvents, err = s.events(ctx, c); err != nil {
			return nil, fmt.Errorf("events of chart %s from %s: %w", c.Filter.Family, s.path, err)
		}
		return c, nil
	}
}

// events lists the policies and warnings of the chart's areas, and of CA
// and RU, that fall within its periods, through the partial index of
// migration 006; too many reports true and lists none when there are more
// than data.MaxEvents, counted from the index alone. An event's month is
// that of the end of its date, which is where charts draw it (see
// data.Date.MonthPosition).
func (s *Store) events(ctx context.Context, c *data.Chart) (events []data.ChartEvent, tooMany bool, err error) {
	first, last := c.Periods[0].FirstMonth(), c.Periods[len(c.Periods)-1].LastMonth()
	in, inArgs := inClause("area", data.EventAreas(c.Filter.WithDefaults().Areas))
	where := ` FROM incidents WHERE (kind = 'policy' OR kind = 'warning') AND month BETWEEN ? AND ?` + in
	args := append([]any{first, last}, inArgs...)
	// Counting stops after one event more than a chart marks: a synthetic
	// million incidents hold 231,000 policies and warnings, and counting
	// them all took 14 ms of every filter change.
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1`+where+` LIMIT ?)`,
		append(args, data.MaxEvents+1)...).Scan(&n); err != nil {
		return nil, false, err
	}
	if n > data.MaxEvents {
		return nil, true, nil
	}
	out, err := s.eventRows(ctx, c, `SELECT date, area, kind, headline, ref`+where, args)
	return out, false, err
}

// eventRows runs the query of events and returns them in the order of
// data.SortEvents, keeping only those in the chart's range, as the query
// already does.
func (s *Store) eventRows(ctx context.Context, c *data.Chart, q string, args []any) ([]data.ChartEvent, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.ChartEvent
	for rows.Next() {
		var e data.ChartEvent
		var date, area, kind string
		if err := rows.Scan(&date, &area, &kind, &e.Headline, &e.Ref); err != nil {
			return nil, err
		}
		if e.Date, err = data.ParseDate(date); err != nil {
			return nil, fmt.Errorf("incident %s: stored date %q: %w", e.Ref, date, err)
		}
		e.Area, e.Kind = data.Area(area), data.Kind(kind)
		if c.InRange(e) {
			out = append(out, e)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	data.SortEvents(out)
	return out, nil
}
