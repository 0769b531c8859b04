package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"catracker/data"
)

// The sources list is in the order of the sources_unique index (outlet,
// title, published, url), so reading a page walks the index and never
// sorts. The incident counts come from incident_sources_by_source, only
// for the rows of the page.
const sourceUseColumns = `s.id, s.outlet, s.title, s.author, s.published, s.url,
	(SELECT COUNT(*) FROM incident_sources l WHERE l.source_id = s.id)`

// ListSources returns one page of the sources that match q's search, each
// with the number of incidents that cite it, in the order outlet, title,
// published, url; and how many sources match and exist.
//
// SQLite folds case for ASCII letters only, so a search is matched with
// the rule of data.SourceSearch in two steps: one pass over the table in
// rowid order notes the ids that match, then a walk of the index in list
// order picks the page from them. Memory grows with the number of matches
// (an id each), not with the text of the sources.
func (s *Store) ListSources(ctx context.Context, q data.SourceQuery) (data.SourcePage, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	offset := max(q.Offset, 0)
	var page data.SourcePage
	var err error
	if search := data.NewSourceSearch(q.Search); search.All() {
		page, err = s.allSources(ctx, offset, limit)
	} else {
		page, err = s.searchSources(ctx, search, offset, limit)
	}
	if err != nil {
		return data.SourcePage{}, fmt.Errorf("list sources of %s: %w", s.path, err)
	}
	return page, nil
}

// allSources is a page of the unfiltered list.
func (s *Store) allSources(ctx context.Context, offset, limit int) (data.SourcePage, error) {
	var page data.SourcePage
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM sources`).Scan(&page.Total); err != nil {
		return page, err
	}
	page.Matched = page.Total
	var err error
	page.Sources, err = s.sourceUses(ctx, `ORDER BY s.outlet, s.title, s.published, s.url LIMIT ? OFFSET ?`, limit, offset)
	return page, err
}

// searchSources is a page of the sources that match search.
func (s *Store) searchSources(ctx context.Context, search data.SourceSearch, offset, limit int) (data.SourcePage, error) {
	var page data.SourcePage
	matched, err := s.matchingSources(ctx, search, &page.Total)
	if err != nil {
		return page, err
	}
	page.Matched = len(matched)
	if offset >= len(matched) {
		return page, nil
	}
	ids, err := s.pickInOrder(ctx, matched, offset, limit)
	if err != nil {
		return page, err
	}
	page.Sources, err = s.sourcesByID(ctx, ids)
	return page, err
}

// matchingSources returns the ids of the sources that match search, in
// increasing order, and counts every source in total. SQLite's lower()
// folds ASCII letters only, which is all that strings.ToLower does to
// ASCII text; so SQLite itself matches the sources written in ASCII, and
// passes on, to be matched in Go, only those and the sources with other
// characters.
func (s *Store) matchingSources(ctx context.Context, search data.SourceSearch, total *int) ([]int64, error) {
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM sources`).Scan(total); err != nil {
		return nil, err
	}
	words := search.Words()
	args := make([]any, len(words))
	for i, w := range words {
		args[i] = w
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, f FROM (
			SELECT id, outlet || char(10) || title || char(10) || author AS f FROM sources)
		WHERE length(f) <> length(CAST(f AS BLOB)) OR (instr(lower(f), ?) > 0`+
		strings.Repeat(` AND instr(lower(f), ?) > 0`, len(words)-1)+`)
		ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var matched []int64
	var id int64
	var fields string
	for rows.Next() {
		if err := rows.Scan(&id, &fields); err != nil {
			return nil, err
		}
		if search.Match(fields) {
			matched = append(matched, id)
		}
	}
	return matched, rows.Err()
}

// pickInOrder walks the sources in list order and returns the ids, among
// matched (sorted), of the page that skips offset of them and keeps limit.
func (s *Store) pickInOrder(ctx context.Context, matched []int64, offset, limit int) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM sources ORDER BY outlet, title, published, url`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	var id int64
	for len(ids) < limit && rows.Next() {
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		if _, ok := slices.BinarySearch(matched, id); !ok {
			continue
		}
		if offset > 0 {
			offset--
			continue
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// sourcesByID reads the sources with their incident counts, in the order
// of ids.
func (s *Store) sourcesByID(ctx context.Context, ids []int64) ([]data.SourceUse, error) {
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	found, err := s.sourceUses(ctx, `WHERE s.id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]data.SourceUse, len(found))
	for _, u := range found {
		byID[u.ID] = u
	}
	out := make([]data.SourceUse, 0, len(ids))
	for _, id := range ids {
		// A source deleted since the page was picked is left out.
		if u, ok := byID[id]; ok {
			out = append(out, u)
		}
	}
	return out, nil
}

// sourceUses reads the sources that the clause after FROM sources s
// selects, each with the number of incidents that cite it.
func (s *Store) sourceUses(ctx context.Context, clause string, args ...any) ([]data.SourceUse, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+sourceUseColumns+` FROM sources s `+clause, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.SourceUse
	for rows.Next() {
		var u data.SourceUse
		if err := scanSource(rows, &u.Source, &u.Incidents); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// Outlets lists the distinct outlets of the sources, sorted, skipping
// through the sources index from one outlet to the next (everyOutlet).
func (s *Store) Outlets(ctx context.Context) ([]string, error) {
	out, err := s.queryStrings(ctx, everyOutlet+` ORDER BY o.outlet`)
	if err != nil {
		return nil, fmt.Errorf("list outlets of %s: %w", s.path, err)
	}
	return out, nil
}
