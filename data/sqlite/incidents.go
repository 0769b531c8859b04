package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"

	"catracker/data"
)

const incidentColumns = `id, ref, date, area, kind, stage, count, basis, channel, side, grp, person, summary, notes,
	headline`

// listWhere turns the list query's filter into a WHERE clause. The family
// picks the kind; an empty family lists every kind. The list holds every
// record its family's chart counts: a recruitment chart counts RU's
// measures whatever countries are selected (see recruitAreas) and reports
// of every group of people, so its list does too.
func listWhere(q data.IncidentQuery) (string, []any) {
	f := q.Filter
	var conds []string
	var args []any
	if k, ok := kindOf[f.Family]; ok {
		conds, args = append(conds, "kind = ?"), append(args, string(k))
	}
	recruitment := f.Family == data.RecruitmentReports || f.Family == data.Timeline
	if len(f.Areas) > 0 {
		areas := f.Areas
		if recruitment {
			areas = recruitAreas(f)
		}
		in, inArgs := inClause("area", areas)
		conds, args = append(conds, strings.TrimPrefix(in, " AND ")), append(args, inArgs...)
	}
	if f.From > 0 {
		conds, args = append(conds, "month >= ?"), append(args, f.From)
	}
	if f.To > 0 {
		conds, args = append(conds, "month <= ?"), append(args, f.To)
	}
	if f.Side != data.SideUnknown {
		conds, args = append(conds, "side = ?"), append(args, string(f.Side))
	}
	if f.Group != data.GroupUnstated && !recruitment {
		conds, args = append(conds, "grp = ?"), append(args, string(f.Group))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// orderBy maps a sort column to SQL; unknown columns sort by date.
func orderBy(s data.Sort) string {
	col := map[string]string{
		"date": "eff_date", "area": "area", "kind": "kind", "stage": "stage", "count": "count",
		"basis": "basis", "channel": "channel", "summary": "summary",
	}[s.Column]
	if col == "" {
		col = "eff_date"
	}
	dir := " ASC"
	if s.Desc {
		dir = " DESC"
	}
	return " ORDER BY " + col + dir + ", id" + dir
}

// Incidents returns one page of incidents, without their sources.
func (s *Store) Incidents(ctx context.Context, q data.IncidentQuery) ([]data.Incident, error) {
	where, args := listWhere(q)
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	query := `SELECT ` + incidentColumns + ` FROM incidents` + where + orderBy(q.Sort) + ` LIMIT ? OFFSET ?`
	rows, err := s.db.QueryContext(ctx, query, append(args, limit, q.Offset)...)
	if err != nil {
		return nil, fmt.Errorf("list incidents of %s: %w", s.path, err)
	}
	defer rows.Close()
	var out []data.Incident
	for rows.Next() {
		inc, err := scanIncident(rows)
		if err != nil {
			return nil, fmt.Errorf("list incidents of %s: %w", s.path, err)
		}
		out = append(out, *inc)
	}
	return out, rows.Err()
}

// CountIncidents counts the incidents the query selects. Every column the
// list filters on is a column of the monthly summary, so it adds up the
// summary's counts instead of counting incidents.
func (s *Store) CountIncidents(ctx context.Context, q data.IncidentQuery) (int, error) {
	where, args := listWhere(q)
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(SUM(rows), 0) FROM monthly`+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count incidents of %s: %w", s.path, err)
	}
	return n, nil
}

type scanner interface{ Scan(dest ...any) error }

func scanIncident(r scanner) (*data.Incident, error) {
	var inc data.Incident
	var v rowValues
	if err := r.Scan(&inc.ID, &inc.Ref, &v.date, &v.area, &v.kind, &v.stage, &v.count, &v.basis, &v.channel, &v.side, &v.grp,
		&inc.Person, &inc.Summary, &inc.Notes, &inc.Headline); err != nil {
		return nil, err
	}
	if err := v.into(&inc); err != nil {
		return nil, err
	}
	return &inc, nil
}

// Incident returns one incident with its sources.
func (s *Store) Incident(ctx context.Context, id int64) (*data.Incident, error) {
	inc, err := scanIncident(s.db.QueryRowContext(ctx, `SELECT `+incidentColumns+` FROM incidents WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "incident %d does not exist", id)
	}
	if err != nil {
		return nil, fmt.Errorf("read incident %d of %s: %w", id, s.path, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT s.id, s.outlet, s.title, s.author, s.published, s.url, l.cited_as
		FROM incident_sources l JOIN sources s ON s.id = l.source_id
		WHERE l.incident_id = ? ORDER BY l.position`, id)
	if err != nil {
		return nil, fmt.Errorf("read sources of incident %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var src data.Source
		if err := scanSource(rows, &src, &src.CitedAs); err != nil {
			return nil, fmt.Errorf("read sources of incident %d: %w", id, err)
		}
		inc.Sources = append(inc.Sources, src)
	}
	return inc, rows.Err()
}

// scanSource scans a source's id, outlet, title, author, publication date
// and URL into src, then the columns after them into extra.
func scanSource(r scanner, src *data.Source, extra ...any) error {
	var published string
	dest := append([]any{&src.ID, &src.Outlet, &src.Title, &src.Author, &published, &src.URL}, extra...)
	if err := r.Scan(dest...); err != nil {
		return err
	}
	if published != "" {
		d, err := data.ParseDate(published)
		if err != nil {
			return fmt.Errorf("source %d: stored date %q: %w", src.ID, published, err)
		}
		src.Published = d
	}
	return nil
}

// Sources lists every source with the number of incidents it reports, by
// outlet, publication date and title: the report's list of sources. It
// holds them all in memory; the app pages through ListSources instead.
func (s *Store) Sources(ctx context.Context) ([]data.SourceUse, error) {
	out, err := s.sourceUses(ctx, `ORDER BY s.outlet, s.published, s.title`)
	if err != nil {
		return nil, fmt.Errorf("list sources of %s: %w", s.path, err)
	}
	return out, nil
}

// SaveIncident inserts or updates an incident and replaces its sources, in
// one transaction. On insert it sets inc.ID.
func (s *Store) SaveIncident(ctx context.Context, inc *data.Incident) error {
	if err := inc.Validate(); err != nil {
		return err
	}
	if err := s.writeCheck(); err != nil {
		return err
	}
	s.forgetUndo() // undoing the last import would lose this change
	return s.writeTx(ctx, func(w *writer) error {
		if inc.ID != 0 {
			ok, err := w.exists(inc.ID)
			if err != nil {
				return fmt.Errorf("save incident %s: %w", inc.Ref, err)
			}
			if !ok {
				return data.Errorf(data.ENOTFOUND, "incident %d no longer exists", inc.ID)
			}
		}
		owner, taken, err := w.refOwner(inc.Ref)
		if err != nil {
			return fmt.Errorf("save incident %s: %w", inc.Ref, err)
		}
		if taken && owner != inc.ID {
			return data.ErrorFor(data.ECONFLICT, "ref.taken", "another incident already has the ref %q", inc.Ref)
		}
		former, err := w.linkedSources(inc.ID)
		if err != nil {
			return err
		}
		if _, err := w.put(inc); err != nil {
			return err
		}
		return w.dropIfUnused(former)
	})
}

// DeleteIncident removes an incident and its links to sources. Sources no
// incident cites any more are removed too.
func (s *Store) DeleteIncident(ctx context.Context, id int64) error {
	if err := s.writeCheck(); err != nil {
		return err
	}
	s.forgetUndo() // undoing the last import would lose this change
	return s.writeTx(ctx, func(w *writer) error {
		ok, err := w.exists(id)
		if err != nil {
			return fmt.Errorf("delete incident %d: %w", id, err)
		}
		if !ok {
			return data.Errorf(data.ENOTFOUND, "incident %d does not exist", id)
		}
		former, err := w.linkedSources(id)
		if err != nil {
			return err
		}
		if _, err := w.conn.ExecContext(background, `DELETE FROM incidents WHERE id = ?`,
			[]driver.NamedValue{{Ordinal: 1, Value: id}}); err != nil {
			return fmt.Errorf("delete incident %d: %w", id, err)
		}
		return w.dropIfUnused(former)
	})
}

// Persons lists the person names in the database: every spelling of each
// person, since safe sharing must withhold a name however it is written,
// sorted by person (data.PersonKey), so that the spellings of one person
// come together, and then as written.
func (s *Store) Persons(ctx context.Context) ([]string, error) {
	out, err := s.queryStrings(ctx, `SELECT person FROM incidents WHERE person <> ''
		GROUP BY person ORDER BY MIN(person_key), person`)
	if err != nil {
		return nil, fmt.Errorf("list persons of %s: %w", s.path, err)
	}
	return out, nil
}

// EachIncident calls fn for every incident, with its sources, in date
// order. It streams, so it suits databases of any size.
func (s *Store) EachIncident(ctx context.Context, fn func(*data.Incident) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT i.id, i.ref, i.date, i.area, i.kind, i.stage, i.count, i.basis,
		i.channel, i.side, i.grp, i.person, i.summary, i.notes, i.headline,
		s.id, s.outlet, s.title, s.author, s.published, s.url, l.cited_as
		FROM incidents i JOIN incident_sources l ON l.incident_id = i.id JOIN sources s ON s.id = l.source_id
		ORDER BY i.eff_date, i.id, l.position`)
	if err != nil {
		return fmt.Errorf("read incidents of %s: %w", s.path, err)
	}
	defer rows.Close()
	var cur *data.Incident
	for rows.Next() {
		inc, src, err := scanIncidentSource(rows)
		if err != nil {
			return fmt.Errorf("read incidents of %s: %w", s.path, err)
		}
		if cur != nil && cur.ID != inc.ID {
			if err := fn(cur); err != nil {
				return err
			}
			cur = nil
		}
		if cur == nil {
			cur = inc
		}
		cur.Sources = append(cur.Sources, src)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read incidents of %s: %w", s.path, err)
	}
	if cur != nil {
		return fn(cur)
	}
	return nil
}

// scanIncidentSource scans a row of an incident joined with one source.
func scanIncidentSource(r scanner) (*data.Incident, data.Source, error) {
	var src data.Source
	var published string
	var inc data.Incident
	var v rowValues
	if err := r.Scan(&inc.ID, &inc.Ref, &v.date, &v.area, &v.kind, &v.stage, &v.count, &v.basis, &v.channel, &v.side, &v.grp,
		&inc.Person, &inc.Summary, &inc.Notes, &inc.Headline,
		&src.ID, &src.Outlet, &src.Title, &src.Author, &published, &src.URL, &src.CitedAs); err != nil {
		return nil, src, err
	}
	if err := v.into(&inc); err != nil {
		return nil, src, err
	}
	if published != "" {
		d, err := data.ParseDate(published)
		if err != nil {
			return nil, src, fmt.Errorf("source %d: stored date %q: %w", src.ID, published, err)
		}
		src.Published = d
	}
	return &inc, src, nil
}

// rowValues are the stored columns of an incident that need converting.
type rowValues struct {
	date, area, kind, stage, basis, channel, side, grp string
	count                                              sql.NullInt64
}

func (v rowValues) into(inc *data.Incident) error {
	d, err := data.ParseDate(v.date)
	if err != nil {
		return fmt.Errorf("incident %s: stored date %q: %w", inc.Ref, v.date, err)
	}
	inc.Date, inc.Area, inc.Kind, inc.Stage = d, data.Area(v.area), data.Kind(v.kind), data.Stage(v.stage)
	inc.Basis, inc.Channel, inc.Side = data.Basis(v.basis), data.Channel(v.channel), data.Side(v.side)
	inc.Group = data.Group(v.grp)
	if v.count.Valid {
		n := int(v.count.Int64)
		inc.Count = &n
	}
	return nil
}
