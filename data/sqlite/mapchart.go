package sqlite

import (
	"context"
	"fmt"

	"catracker/data"
)

// mapChart answers a map: deaths and cases from the cumulative chart of
// their family by area, per month from the first record, which
// data.MapValues reads at the map's two dates; recruitment reports from
// the timeline's count of reports by month, channel and area in the
// map's dates, which data.ReportValues adds up by area. A map always
// shows the five countries and the regional figures (CA, and RU for
// recruitment), whatever areas the filter names.
func (s *Store) mapChart(ctx context.Context, f data.Filter) (*data.Chart, error) {
	f.Areas = append(append([]data.Area{}, data.Countries...), data.CA)
	f.Cumulative, f.By, f.LatestStage = false, data.ByArea, false
	switch f.Measure {
	case data.MeasureDeaths, data.MeasureCases:
	case data.MeasureRecruitment:
		f.Group, f.Stage = data.GroupUnstated, ""
		return s.reportMap(ctx, f)
	default:
		return nil, data.Errorf(data.EINVALID, "unknown map measure %q", f.Measure)
	}
	if f.Measure == data.MeasureDeaths {
		f.Stage = ""
	}
	cf := f
	cf.Family, cf.Cumulative, cf.Period, cf.From = f.Measure.Family(), true, data.PerMonth, 0
	cum, err := s.Chart(ctx, cf)
	if err != nil {
		return nil, fmt.Errorf("map of %s: %w", f.Measure, err)
	}
	c := &data.Chart{Filter: f, Outlets: cum.Outlets, Incidents: cum.Incidents}
	if len(cum.Periods) == 0 {
		return c, nil
	}
	from := f.From
	if from == 0 {
		from = cum.Filter.From
	}
	c.Filter.From, c.Filter.To = from, max(from, cum.Filter.To)
	c.Values = data.MapValues(cum, from)
	return c, nil
}

// reportMap counts recruitment reports per area in the map's dates.
func (s *Store) reportMap(ctx context.Context, f data.Filter) (*data.Chart, error) {
	from, to, err := s.monthRange(ctx, data.Recruitment, f)
	if err != nil {
		return nil, err
	}
	c := &data.Chart{Filter: f}
	if to == 0 {
		return c, nil
	}
	f.From, f.To = from, to
	c.Filter = f
	areas := recruitAreas(f)
	cells, err := s.cells(ctx, f, areas)
	if err != nil {
		return nil, fmt.Errorf("map of recruitment reports from %s: %w", s.path, err)
	}
	c.Values = data.ReportValues(cells)
	for _, cell := range cells {
		c.Incidents += cell.Reports
	}
	if c.Outlets, err = s.outlets(ctx, data.Recruitment, areas, f); err != nil {
		return nil, fmt.Errorf("map sources from %s: %w", s.path, err)
	}
	return c, nil
}
