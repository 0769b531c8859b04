package sqlite

import (
	"context"
	"fmt"
	"strconv"

	"catracker/data"
)

// Trace returns the incidents behind one number of a chart, with their
// sources (see data.Store).
func (s *Store) Trace(ctx context.Context, q data.TraceQuery) ([]data.Incident, bool, error) {
	where, args := traceWhere(q, q.From)
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM incidents WHERE `+where+
		` LIMIT `+strconv.Itoa(data.MaxTrace+1)+`)`, args...).Scan(&n); err != nil {
		return nil, false, fmt.Errorf("count the incidents behind a number in %s: %w", s.path, err)
	}
	partial := n > data.MaxTrace
	if partial {
		where, args = traceWhere(q, max(q.From, q.Own))
	}
	incs, err := s.incidentsWithSources(ctx, where+` ORDER BY month, eff_date, id LIMIT `+
		strconv.Itoa(data.MaxTrace), args)
	if err != nil {
		return nil, false, fmt.Errorf("read the incidents behind a number in %s: %w", s.path, err)
	}
	return incs, partial, nil
}

// Citing returns the incidents that cite the source with id, with their
// sources, ordered by month, date and id: at most data.MaxTrace of them.
func (s *Store) Citing(ctx context.Context, source int64) ([]data.Incident, error) {
	incs, err := s.incidentsWithSources(ctx, `id IN (SELECT incident_id FROM incident_sources WHERE source_id = ?)
		ORDER BY month, eff_date, id LIMIT `+strconv.Itoa(data.MaxTrace), []any{source})
	if err != nil {
		return nil, fmt.Errorf("read the incidents citing source %d in %s: %w", source, s.path, err)
	}
	return incs, nil
}

// traceWhere is the WHERE clause of q's incidents dated from month from.
func traceWhere(q data.TraceQuery, from int) (string, []any) {
	where := `kind = ? AND month >= ? AND month <= ?`
	args := []any{string(q.Kind), from, q.To}
	in, inArgs := inClause("area", q.Areas)
	where, args = where+in, append(args, inArgs...)
	side, sideArgs := sideClause(data.Filter{Side: q.Side})
	where, args = where+side, append(args, sideArgs...)
	if q.Channel != "" {
		where, args = where+` AND channel = ?`, append(args, string(q.Channel))
	}
	if q.Stage != "" {
		where, args = where+` AND stage = ?`, append(args, string(q.Stage))
	}
	return where, args
}

// incidentsWithSources reads the incidents that the clause (a WHERE
// condition with its ORDER BY and LIMIT) selects, then their sources in
// one query.
func (s *Store) incidentsWithSources(ctx context.Context, clause string, args []any) ([]data.Incident, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+incidentColumns+` FROM incidents WHERE `+clause, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Incident
	at := map[int64]int{}
	for rows.Next() {
		inc, err := scanIncident(rows)
		if err != nil {
			return nil, err
		}
		at[inc.ID] = len(out)
		out = append(out, *inc)
	}
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	srows, err := s.db.QueryContext(ctx, `SELECT s.id, s.outlet, s.title, s.author, s.published, s.url,
		l.cited_as, l.incident_id FROM incident_sources l JOIN sources s ON s.id = l.source_id
		WHERE l.incident_id IN (SELECT id FROM incidents WHERE `+clause+`) ORDER BY l.incident_id, l.position`,
		args...)
	if err != nil {
		return nil, err
	}
	defer srows.Close()
	for srows.Next() {
		var id int64
		var src data.Source
		if err := scanSource(srows, &src, &src.CitedAs, &id); err != nil {
			return nil, err
		}
		if i, ok := at[id]; ok {
			out[i].Sources = append(out[i].Sources, src)
		}
	}
	return out, srows.Err()
}
