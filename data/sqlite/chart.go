package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"catracker/data"
)

// Stats counts incidents, sources, areas and kinds, from the monthly
// summary.
func (s *Store) Stats(ctx context.Context) (data.Stats, error) {
	st := data.Stats{Areas: map[data.Area]int{}, Kinds: map[data.Kind]int{}}
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM sources),
		COALESCE(MIN(month), 0), COALESCE(MAX(month), 0) FROM monthly`).Scan(&st.Sources, &st.First, &st.Last)
	if err != nil {
		return st, fmt.Errorf("stats of %s: %w", s.path, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT kind, area, SUM(rows) FROM monthly GROUP BY kind, area`)
	if err != nil {
		return st, fmt.Errorf("stats of %s: %w", s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind, area string
		var n int
		if err := rows.Scan(&kind, &area, &n); err != nil {
			return st, fmt.Errorf("stats of %s: %w", s.path, err)
		}
		st.Kinds[data.Kind(kind)] += n
		st.Areas[data.Area(area)] += n
		st.Incidents += n
	}
	return st, rows.Err()
}

// kindOf is the incident kind each chart family counts.
var kindOf = map[data.Family]data.Kind{
	data.Deaths:             data.Death,
	data.Prosecutions:       data.Prosecution,
	data.RecruitmentReports: data.Recruitment,
	data.Timeline:           data.Recruitment,
	data.Captures:           data.Captured,
}

// Chart runs the grouped query of the filter's family and applies the
// counting rules of package data to its small result.
func (s *Store) Chart(ctx context.Context, f data.Filter) (*data.Chart, error) {
	f = f.WithDefaults()
	if f.Family == data.Map {
		return s.mapChart(ctx, f)
	}
	kind, ok := kindOf[f.Family]
	if !ok {
		return nil, data.Errorf(data.EINVALID, "unknown chart %q", f.Family)
	}
	from, to, err := s.monthRange(ctx, kind, f)
	if err != nil {
		return nil, err
	}
	c := &data.Chart{Filter: f}
	if to == 0 { // no incidents of this kind at all
		return c, nil
	}
	f.From, f.To = from, to
	c.Filter = f
	c.Periods = data.PeriodRange(f.Period, from, to)
	if f.Family == data.Prosecutions && f.LatestStage {
		return s.withEvents(ctx)(s.latestStageChart(ctx, c))
	}
	areas := recruitAreas(f)
	var buckets []data.Bucket
	var byArea map[data.Area][]data.Bucket
	switch f.Family {
	case data.Deaths, data.Captures:
		buckets, err = s.areaBuckets(ctx, f, kind)
	case data.Prosecutions:
		buckets, err = s.caseBuckets(ctx, f)
	case data.RecruitmentReports:
		byArea, err = s.channelBuckets(ctx, f, areas)
	case data.Timeline:
		if c.Cells, err = s.cells(ctx, f, areas); err == nil && data.DotPerReport(c.Cells) {
			c.Points, err = s.points(ctx, f, areas)
		}
		for _, cell := range c.Cells {
			c.Incidents += cell.Reports
		}
	}
	if err != nil {
		return nil, fmt.Errorf("chart %s from %s: %w", f.Family, s.path, err)
	}
	switch f.Family {
	case data.Deaths, data.Prosecutions, data.Captures:
		c.CountAreas(buckets)
	case data.RecruitmentReports:
		c.CountChannels(areas, byArea)
	}
	shown := f.Areas
	if f.Family == data.RecruitmentReports || f.Family == data.Timeline {
		shown = areas
	}
	if c.Outlets, err = s.outlets(ctx, kind, shown, f); err != nil {
		return nil, fmt.Errorf("chart sources from %s: %w", s.path, err)
	}
	return s.withEvents(ctx)(c, nil)
}

// monthRange resolves open filter bounds to the first and last month of
// the family's incidents.
func (s *Store) monthRange(ctx context.Context, kind data.Kind, f data.Filter) (from, to int, err error) {
	var lo, hi sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT MIN(month), MAX(month) FROM monthly WHERE kind = ?`,
		string(kind)).Scan(&lo, &hi); err != nil {
		return 0, 0, fmt.Errorf("date range of %s: %w", s.path, err)
	}
	if !hi.Valid {
		return 0, 0, nil
	}
	from, to = f.From, f.To
	if from == 0 {
		from = int(lo.Int64)
	}
	if to == 0 {
		to = int(hi.Int64)
	}
	if to < from {
		if f.From > 0 && f.To > 0 {
			return 0, 0, data.Errorf(data.EINVALID, "the date range ends (%s) before it starts (%s)",
				data.MonthString(to), data.MonthString(from))
		}
		// One open bound fell on the other side of the given one: the
		// range holds no incidents, which the chart shows as empty.
		if f.From > 0 {
			to = from
		} else {
			from = to
		}
	}
	return from, to, nil
}

// recruitAreas are the areas whose recruitment reports a chart shows: the
// selected ones plus RU, whose measures concern every country.
func recruitAreas(f data.Filter) []data.Area {
	out := append([]data.Area{}, f.Areas...)
	if !f.Has(data.RU) {
		out = append(out, data.RU)
	}
	return out
}

func sideClause(f data.Filter) (string, []any) {
	if f.Side == data.SideUnknown {
		return "", nil
	}
	return " AND side = ?", []any{string(f.Side)}
}

// sideGroupClause is sideClause and, when the filter keeps one group of
// people, that group: for queries of prosecutions and deaths, the kinds
// whose figures say whom they are about.
func sideGroupClause(f data.Filter) (string, []any) {
	q, args := sideClause(f)
	if f.Group != data.GroupUnstated {
		q, args = q+" AND grp = ?", append(args, string(f.Group))
	}
	return q, args
}

func inClause(col string, areas []data.Area) (string, []any) {
	if len(areas) == 0 {
		return " AND 0", nil
	}
	args := make([]any, len(areas))
	for i, a := range areas {
		args[i] = string(a)
	}
	return " AND " + col + " IN (?" + strings.Repeat(",?", len(areas)-1) + ")", args
}

// areaBuckets groups every country's and CA's records by area, group of
// people and period, from the monthly summary.
func (s *Store) areaBuckets(ctx context.Context, f data.Filter, kind data.Kind) ([]data.Bucket, error) {
	side, sideArgs := sideClause(f)
	q := `SELECT area, grp, month / ? AS p, SUM(` + clampedSum("events") + `), MAX(` + clampedMax("most") + `),
		MAX(` + clampedMax("est") + `), SUM(rows)
		FROM monthly WHERE kind = ? AND area <> 'RU' AND month <= ?` + side + ` GROUP BY area, grp, p`
	args := append([]any{f.Period.Months(), string(kind), f.To}, sideArgs...)
	return s.buckets(ctx, q, args)
}

// The monthly summary adds up counts as they are stored, and a database
// written by an older version or by another tool may hold counts above
// data.MaxCount, whose sums overflow: SQLite then keeps a float, which
// does not scan into an int, or fails the query. So the chart queries
// read every cell of the summary bounded as if each count were at most
// data.MaxCount, which changes nothing for valid data: a sum over a
// cell's incidents is at most rows × MaxCount, and its largest count at
// most MaxCount. The sums of a chart over n incidents then stay below
// n × 10^7, which a 64-bit integer holds up to n = 9 × 10^11, in SQL and
// in package data alike.
var maxCount = strconv.Itoa(data.MaxCount)

// clampedSum is an SQL expression for a summed column of the monthly
// summary, bounded as above.
func clampedSum(col string) string {
	return "CAST(MIN(MAX(" + col + ", 0), rows * " + maxCount + ") AS INTEGER)"
}

// clampedMax is an SQL expression for a column of the monthly summary
// that holds a largest count, bounded as above.
func clampedMax(col string) string {
	return "CAST(MIN(MAX(" + col + ", 0), " + maxCount + ") AS INTEGER)"
}

// caseBuckets counts prosecution cases: all stages of one person about
// one group in one area are one case, dated by its first stage or by
// f.Stage. Named cases come from case_months, the summary of each
// person's first month per side and stage (migrations 003 and 004);
// records with no person count as their count of cases (one when
// unknown) and come from the monthly summary.
func (s *Store) caseBuckets(ctx context.Context, f data.Filter) ([]data.Bucket, error) {
	side, stage := "*", "*"
	if f.Side != data.SideUnknown {
		side = string(f.Side)
	}
	if f.Stage != "" {
		stage = string(f.Stage)
	}
	unnamed, unnamedArgs := sideClause(f)
	if f.Stage != "" {
		unnamed, unnamedArgs = unnamed+" AND stage = ?", append(unnamedArgs, string(f.Stage))
	}
	q := `SELECT area, grp, month / ? AS p, SUM(events), MAX(most), MAX(est), SUM(records) FROM (
			SELECT area, grp, month, cases AS events, 0 AS most, 0 AS est, rows AS records FROM case_months
			WHERE side = ? AND stage = ? AND area <> 'RU' AND month <= ?
		UNION ALL
			SELECT area, grp, month, ` + clampedSum("cases") + `, ` + clampedMax("most") + `, ` + clampedMax("est") + `, rows
			FROM monthly
			WHERE kind = 'prosecution' AND named = 0 AND area <> 'RU' AND month <= ?` + unnamed + `
		) GROUP BY area, grp, p`
	args := append([]any{f.Period.Months(), side, stage, f.To, f.To}, unnamedArgs...)
	return s.buckets(ctx, q, args)
}

// channelBuckets counts recruitment reports per area, channel and period.
// The query returns the area in the group's column, which recruitment
// does not use; the buckets come back keyed by area, with no group.
func (s *Store) channelBuckets(ctx context.Context, f data.Filter, areas []data.Area) (map[data.Area][]data.Bucket, error) {
	side, sideArgs := sideClause(f)
	in, inArgs := inClause("area", areas)
	q := `SELECT channel, area, month / ? AS p, SUM(rows), 0, 0, SUM(rows) FROM monthly
		WHERE kind = 'recruitment' AND month <= ?` + in + side + ` GROUP BY area, channel, p`
	args := append(append([]any{f.Period.Months(), f.To}, inArgs...), sideArgs...)
	buckets, err := s.buckets(ctx, q, args)
	if err != nil {
		return nil, err
	}
	byArea := map[data.Area][]data.Bucket{}
	for _, b := range buckets {
		area := data.Area(b.Group)
		b.Group = data.GroupUnstated
		byArea[area] = append(byArea[area], b)
	}
	return byArea, nil
}

// buckets runs a grouped query whose columns are a bucket's code, group,
// period, events, largest total, largest estimate and rows.
func (s *Store) buckets(ctx context.Context, q string, args []any) ([]data.Bucket, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Bucket
	for rows.Next() {
		var b data.Bucket
		var group string
		if err := rows.Scan(&b.Code, &group, &b.Period, &b.Events, &b.Max, &b.Est, &b.Rows); err != nil {
			return nil, err
		}
		b.Group = data.Group(group)
		out = append(out, b)
	}
	return out, rows.Err()
}

// cells counts the recruitment reports in range for the timeline by month,
// channel and area, from the monthly summary.
func (s *Store) cells(ctx context.Context, f data.Filter, areas []data.Area) ([]data.Cell, error) {
	side, sideArgs := sideClause(f)
	in, inArgs := inClause("area", areas)
	q := `SELECT month, channel, area, SUM(rows) FROM monthly
		WHERE kind = 'recruitment' AND month BETWEEN ? AND ?` + in + side + `
		GROUP BY month, channel, area ORDER BY month, channel, area`
	args := append(append([]any{f.From, f.To}, inArgs...), sideArgs...)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Cell
	var channel, area sql.RawBytes
	for rows.Next() {
		var c data.Cell
		if err := rows.Scan(&c.Month, &channel, &area, &c.Reports); err != nil {
			return nil, err
		}
		c.Channel, c.Area = knownChannel(channel), known(area, data.Areas)
		out = append(out, c)
	}
	return out, rows.Err()
}

// points lists the recruitment reports in range for the timeline, at most
// data.MaxPoints of them. They come in the order of the incidents_timeline
// index, unsorted: the timeline orders its dots itself. The text of the
// area, channel and date is read without copying it where it names a
// known code.
func (s *Store) points(ctx context.Context, f data.Filter, areas []data.Area) ([]data.Point, error) {
	side, sideArgs := sideClause(f)
	in, inArgs := inClause("area", areas)
	q := `SELECT month, date, area, channel, summary FROM incidents
		WHERE kind = 'recruitment' AND month BETWEEN ? AND ?` + in + side
	args := append(append([]any{f.From, f.To}, inArgs...), sideArgs...)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Point
	var date, area, channel sql.RawBytes
	for rows.Next() {
		var p data.Point
		if err := rows.Scan(&p.Month, &date, &area, &channel, &p.Summary); err != nil {
			return nil, err
		}
		if p.Date, err = data.ParseDate(string(date)); err != nil {
			return nil, fmt.Errorf("stored date %q: %w", date, err)
		}
		p.Area, p.Channel = known(area, data.Areas), knownChannel(channel)
		out = append(out, p)
	}
	return out, rows.Err()
}

// known returns the value of all named b, sharing the text of its
// constant when it is one of them, so that reading a known code copies
// nothing; other text is returned as written.
func known[T ~string](b []byte, all []T) T {
	for _, v := range all {
		if string(v) == string(b) {
			return v
		}
	}
	return T(b)
}

// everyOutlet selects o.outlet, each distinct outlet of the sources once,
// unsorted; a query adds its own conditions with AND. There are few
// outlets and many sources, so it hops from one outlet to the next along
// the sources_unique index (a recursive MIN) instead of reading every
// source.
const everyOutlet = `WITH RECURSIVE o(outlet) AS (
		SELECT MIN(outlet) FROM sources
		UNION ALL
		SELECT (SELECT MIN(outlet) FROM sources WHERE outlet > o.outlet) FROM o WHERE o.outlet IS NOT NULL)
	SELECT o.outlet FROM o WHERE o.outlet IS NOT NULL`

// outlets lists the distinct outlets that report the incidents of the
// chart, for its footer. Where many incidents are in the chart it takes
// every outlet (everyOutlet) and asks of each whether any of its reports
// is in the chart, walking from the outlet's sources to their incidents
// and stopping at the first; CROSS JOIN keeps SQLite from starting at the
// incidents instead. That walk reads every report of an outlet none of
// whose reports is in the chart, though: prosecutions on Russia's side
// only took 4.7 s at a million synthetic incidents. So where at most
// fewOutletIncidents incidents are in the chart, it reads their sources
// instead.
func (s *Store) outlets(ctx context.Context, kind data.Kind, areas []data.Area, f data.Filter) ([]string, error) {
	side, sideArgs := sideClause(f)
	in, inArgs := inClause("i.area", areas)
	inChart := `i.kind = ? AND i.month <= ?` + strings.ReplaceAll(in+side, " side ", " i.side ")
	args := append(append([]any{string(kind), f.To}, inArgs...), sideArgs...)
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM incidents i WHERE `+inChart+` LIMIT ?)`,
		append(slices.Clip(args), fewOutletIncidents+1)...).Scan(&n); err != nil {
		return nil, err
	}
	if n <= fewOutletIncidents {
		return s.queryStrings(ctx, `SELECT DISTINCT s.outlet FROM incidents i
			CROSS JOIN incident_sources l CROSS JOIN sources s
			WHERE `+inChart+` AND l.incident_id = i.id AND s.id = l.source_id ORDER BY s.outlet`, args...)
	}
	q := everyOutlet + ` AND EXISTS (
		SELECT 1 FROM sources s CROSS JOIN incident_sources l CROSS JOIN incidents i
		WHERE s.outlet = o.outlet AND l.source_id = s.id AND i.id = l.incident_id
		AND ` + inChart + `) ORDER BY o.outlet`
	return s.queryStrings(ctx, q, args...)
}

// fewOutletIncidents is how many incidents a chart may hold for outlets
// to read their sources rather than ask every outlet. A variable so that
// tests can take either way.
var fewOutletIncidents = 1000

// queryStrings runs a query of one text column and returns its values.
func (s *Store) queryStrings(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// knownChannel is known for recruitment channels.
func knownChannel(b []byte) data.Channel {
	for _, ci := range data.Channels {
		if string(ci.Code) == string(b) {
			return ci.Code
		}
	}
	return data.Channel(b)
}
