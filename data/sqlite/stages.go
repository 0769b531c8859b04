package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"catracker/data"
)

// latestStageChart fills chart c, whose filter and periods are set, with
// prosecution cases by the stage each had reached at the end of every
// period (data.Filter.LatestStage). Every named record in range is read,
// in the order of the incidents_persons index, so that each case's records
// come together; the records that name no one come from the monthly
// summary. data.Chart.CountLatestStages does the counting.
func (s *Store) latestStageChart(ctx context.Context, c *data.Chart) (*data.Chart, error) {
	f := c.Filter
	areas := stageAreas(f)
	named, err := s.stageRecords(ctx, f, areas)
	if err != nil {
		return nil, fmt.Errorf("chart of cases by latest stage from %s: %w", s.path, err)
	}
	unnamed, err := s.stageBuckets(ctx, f, areas)
	if err != nil {
		return nil, fmt.Errorf("chart of cases by latest stage from %s: %w", s.path, err)
	}
	c.CountLatestStages(named, unnamed)
	if c.Outlets, err = s.outlets(ctx, data.Prosecution, f.Areas, f); err != nil {
		return nil, fmt.Errorf("chart sources from %s: %w", s.path, err)
	}
	return c, nil
}

// stageAreas are the areas whose prosecutions a chart by latest stage
// reads: the selected ones but RU, and every country when CA is selected,
// since CA's part that no country accounts for is measured against all
// five.
func stageAreas(f data.Filter) []data.Area {
	var out []data.Area
	for _, a := range data.Countries {
		if f.Has(a) || f.Has(data.CA) {
			out = append(out, a)
		}
	}
	if f.Has(data.CA) {
		out = append(out, data.CA)
	}
	return out
}

// stageRecords reads the named prosecution records of the areas up to the
// end of the filter's range, sorted by area and person.
//
// Every record is read, 165,000 of the million synthetic incidents of the
// benchmarks, so the reading is made cheap (the figures are theirs):
//   - a record's date is a lookup in the table, where everything else comes
//     from the incidents_persons index; reading it for every record made
//     the query five times slower (480 ms instead of 90). So records come
//     dated to their month, and only the cases whose counts could depend
//     on more than that (data.NeedsExactDates) get their exact dates, by a
//     second query (2,418 records, 11 ms);
//   - each column read costs about 10 ms, so the area is not read (each
//     area has a query of its own) and the month, stage and id travel in
//     one integer. The query keeps only the filter's side, so that is
//     every record's side;
//   - the areas are read in parallel, each on a connection of its own
//     (about 130 ms one after the other, 90 ms in parallel on two cores),
//     into slices made to the size the monthly summary gives: growing them
//     record by record cost a quarter of the time.
func (s *Store) stageRecords(ctx context.Context, f data.Filter, areas []data.Area) ([]data.StageRecord, error) {
	sizes, err := s.namedRecords(ctx, f, areas)
	if err != nil {
		return nil, err
	}
	areas = slices.Sorted(slices.Values(areas))
	parts := make([][]data.StageRecord, len(areas))
	errs := make([]error, len(areas))
	var wg sync.WaitGroup
	for i, a := range areas {
		wg.Go(func() { parts[i], errs[i] = s.areaStageRecords(ctx, f, a, sizes[a]) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return slices.Concat(parts...), nil
}

// namedRecords counts the named prosecution records of each area up to the
// end of the filter's range, from the monthly summary.
func (s *Store) namedRecords(ctx context.Context, f data.Filter, areas []data.Area) (map[data.Area]int, error) {
	onSide, sideArgs := sideGroupClause(f)
	in, inArgs := inClause("area", areas)
	rows, err := s.db.QueryContext(ctx, `SELECT area, SUM(rows) FROM monthly
		WHERE kind = 'prosecution' AND named = 1 AND month <= ?`+in+onSide+` GROUP BY area`,
		append(append([]any{f.To}, inArgs...), sideArgs...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[data.Area]int{}
	var area sql.RawBytes
	for rows.Next() {
		var n int
		if err := rows.Scan(&area, &n); err != nil {
			return nil, err
		}
		out[known(area, data.Areas)] = n
	}
	return out, rows.Err()
}

// areaStageRecords reads the records of area a as stageRecords describes,
// about size of them.
func (s *Store) areaStageRecords(ctx context.Context, f data.Filter, a data.Area, size int) ([]data.StageRecord, error) {
	onSide, sideArgs := sideGroupClause(f)
	q := `SELECT person_key, (id << 18) | (month << 3) | ` + stageCode + ` FROM incidents
		WHERE kind = 'prosecution' AND person_key <> '' AND area = ? AND month <= ?` + onSide + `
		ORDER BY person_key`
	rows, err := s.db.QueryContext(ctx, q, append([]any{string(a), f.To}, sideArgs...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]data.StageRecord, 0, size)
	exact := map[int64]int{} // ids of the records whose exact date is needed, to their index in out
	var ids []int64          // of the records of the case being read, from out[first] on
	first := 0
	var person string
	var packed int64
	for rows.Next() {
		if err := rows.Scan(&person, &packed); err != nil {
			return nil, err
		}
		if len(out) > first && out[first].Person != person {
			needExact(out, first, ids, exact)
			ids, first = ids[:0], len(out)
		}
		// id << 18 | month << 3 | stage: a month index fits in 15 bits up
		// to the year 2730, a stage in 3.
		month := int(packed>>3) & (1<<15 - 1)
		out = append(out, data.StageRecord{Area: a, Person: person, Stage: data.Stages[packed&7], Side: f.Side,
			Date: data.Date{Year: month / 12, Month: month%12 + 1}})
		ids = append(ids, packed>>18)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	needExact(out, first, ids, exact)
	return out, s.exactDates(ctx, out, exact)
}

// needExact adds to exact the ids of the records of the case that starts
// at out[first], to their index in out, if the case needs their exact
// dates.
func needExact(out []data.StageRecord, first int, ids []int64, exact map[int64]int) {
	if data.NeedsExactDates(out[first:]) {
		for i, id := range ids {
			exact[id] = first + i
		}
	}
}

// stageCode is an SQL expression for the index of a record's stage in
// data.Stages.
var stageCode = func() string {
	var b strings.Builder
	b.WriteString("CASE stage")
	for i, st := range data.Stages {
		fmt.Fprintf(&b, " WHEN '%s' THEN %d", st, i)
	}
	return b.String() + " END"
}()

// exactDates sets the dates of the records of out whose ids are the keys
// of exact to the dates stored with them.
func (s *Store) exactDates(ctx context.Context, out []data.StageRecord, exact map[int64]int) error {
	if len(exact) == 0 {
		return nil
	}
	ids := make([]string, 0, len(exact))
	for id := range exact {
		ids = append(ids, strconv.FormatInt(id, 10))
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, date FROM incidents
		WHERE id IN (SELECT value FROM json_each(?))`, "["+strings.Join(ids, ",")+"]")
	if err != nil {
		return err
	}
	defer rows.Close()
	var date sql.RawBytes
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id, &date); err != nil {
			return err
		}
		d, err := data.ParseDate(string(date))
		if err != nil {
			return fmt.Errorf("stored date %q: %w", date, err)
		}
		out[exact[id]].Date = d
	}
	return rows.Err()
}

// stageBuckets sums the prosecution records that name no one, by area,
// stage, side, group and period, from the monthly summary, its counts
// bounded as the other charts bound them (see clampedSum).
func (s *Store) stageBuckets(ctx context.Context, f data.Filter, areas []data.Area) ([]data.StageBucket, error) {
	onSide, sideArgs := sideGroupClause(f)
	in, inArgs := inClause("area", areas)
	q := `SELECT area, stage, side, grp, month / ? AS p, SUM(` + clampedSum("cases") + `), MAX(` + clampedMax("most") + `),
		SUM(rows) FROM monthly
		WHERE kind = 'prosecution' AND named = 0 AND month <= ?` + in + onSide + `
		GROUP BY area, stage, side, grp, p`
	args := append(append([]any{f.Period.Months(), f.To}, inArgs...), sideArgs...)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.StageBucket
	var area, stage, side sql.RawBytes
	for rows.Next() {
		var b data.StageBucket
		var group string
		if err := rows.Scan(&area, &stage, &side, &group, &b.Period, &b.Cases, &b.Max, &b.Rows); err != nil {
			return nil, err
		}
		b.Area, b.Stage, b.Side, b.Group = known(area, data.Areas), known(stage, data.Stages), known(side, data.Sides), data.Group(group)
		out = append(out, b)
	}
	return out, rows.Err()
}
