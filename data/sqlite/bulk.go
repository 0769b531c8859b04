package sqlite

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strconv"

	"catracker/data"
)

// bulkState is what a bulk load keeps while it runs. It takes away the
// secondary indexes and the triggers that keep the summaries, and puts
// them back at its end; meanwhile it adds up the monthly summary of the
// incidents it inserts and queues new sources for batched inserts.
type bulkState struct {
	indexes, triggers []string // definitions to run again at the end

	// monthly sums the monthly summary of the incidents inserted since
	// the bulk load began. An update cannot be subtracted from it (the
	// largest total of a month may have gone), so after one, stale says
	// to compute the summary afresh instead.
	monthly map[monthlyKey]monthlySums
	stale   bool

	// allSources says the writer's table of sources holds every source in
	// the database, so that one it has not seen is new. nextSource is the
	// id the next new source gets, and queued holds the values of new
	// sources not inserted yet: id, outlet, title, author, published, url.
	// While the table knows every source, nothing needs the unique index of
	// sources, which is dropped; sourceIndex is its definition.
	allSources  bool
	nextSource  int64
	queued      []any
	sourceIndex string

	// seen, once the table that held every source has been emptied, has
	// every source stored since the bulk load began (see forgetSources):
	// a source it has not seen is new, and is queued as before.
	seen *sourceFilter
}

// sourceFilter is a Bloom filter of the keys of the sources in the
// database: it may take a source it has not seen for one it has, but
// never the other way round, so a source it calls new is new. It lets a
// bulk load keep inserting new sources in batches once its table of
// sources is full: only a source the filter may have seen is looked up
// through the unique index, row by row. Each key sets filterHashes of its
// bits, drawn from its two words; with 32 bits for each source the table
// holds (4 MB for maxCachedSources) it takes a new source for a known
// one about once in a thousand at that many sources, about once in a
// hundred at three times as many, and more often beyond: a larger file is
// slower, never wrong.
type sourceFilter struct {
	bits []uint64
	mask uint64 // the number of bits less one, a power of two less one
}

const (
	filterBitsPerSource = 32
	filterHashes        = 3
)

// newSourceFilter makes a filter sized for n sources.
func newSourceFilter(n int) *sourceFilter {
	size := uint64(64)
	for size < uint64(n)*filterBitsPerSource {
		size *= 2
	}
	return &sourceFilter{bits: make([]uint64, size/64), mask: size - 1}
}

// add records a source's key; a nil filter records nothing.
func (f *sourceFilter) add(key sourceKey) {
	if f == nil {
		return
	}
	for i := range uint64(filterHashes) {
		bit := (key.a + i*(uint64(key.b)|1)) & f.mask
		f.bits[bit/64] |= 1 << (bit % 64)
	}
}

// surelyNew reports whether the filter has certainly not seen key; a nil
// filter is sure of nothing.
func (f *sourceFilter) surelyNew(key sourceKey) bool {
	if f == nil {
		return false
	}
	for i := range uint64(filterHashes) {
		bit := (key.a + i*(uint64(key.b)|1)) & f.mask
		if f.bits[bit/64]&(1<<(bit%64)) == 0 {
			return true
		}
	}
	return false
}

// monthlyKey and monthlySums are a row of the monthly summary (migration 002).
type monthlyKey struct {
	kind, area, channel, stage, side, grp string
	named                                 bool
	month                                 int
}

type monthlySums struct{ events, cases, most, est, rows int }

// count adds an incident to the monthly sums, as the trigger
// monthly_insert would; an update makes the sums stale.
func (b *bulkState) count(inc *data.Incident, added bool) {
	if !added {
		b.stale = true
		return
	}
	k := monthlyKey{string(inc.Kind), string(inc.Area), string(inc.Channel), string(inc.Stage), string(inc.Side),
		string(inc.Group), inc.Person != "", inc.Date.MonthIndex()}
	s := b.monthly[k]
	n := -1 // unknown
	if inc.Count != nil {
		n = *inc.Count
	}
	switch inc.Basis {
	case data.Event:
		s.events += max(n, 0)
		if n < 0 {
			s.cases++
		} else {
			s.cases += n
		}
	case data.Estimate:
		s.est = max(s.est, n)
	default:
		s.most = max(s.most, n)
	}
	s.rows++
	b.monthly[k] = s
}

// rebuildMonthly computes the monthly summary afresh from the incidents,
// as migration 004 fills it, but for sums of counts bounded by
// data.MaxCount: a database written by an older version or another tool
// may hold counts whose sum overflows, which would fail the statement
// (see clampedSum).
var rebuildMonthly = []string{
	`DELETE FROM monthly`,
	`INSERT INTO monthly (kind, area, channel, stage, side, grp, named, month, events, cases, most, est, rows)
	SELECT kind, area, channel, stage, side, grp, person <> '', month,
	       COALESCE(SUM(CASE WHEN basis = 'event' THEN MIN(count, ` + maxCount + `) END), 0),
	       COALESCE(SUM(CASE WHEN basis = 'event' THEN MIN(COALESCE(count, 1), ` + maxCount + `) END), 0),
	       COALESCE(MAX(CASE WHEN basis = 'total' OR basis = 'at_least' THEN count END), 0),
	       COALESCE(MAX(CASE WHEN basis = 'estimate' THEN count END), 0),
	       COUNT(*)
	FROM incidents GROUP BY kind, area, channel, stage, side, grp, person <> '', month`,
}

// mergeMonthly adds one row of sums to the monthly summary, as the
// trigger monthly_insert does for one incident.
const mergeMonthly = `INSERT INTO monthly (kind, area, channel, stage, side, grp, named, month, events, cases, most, est, rows)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT DO UPDATE SET events = events + excluded.events, cases = cases + excluded.cases,
	    most = max(most, excluded.most), est = max(est, excluded.est), rows = rows + excluded.rows`

// rebuildCases computes the case summaries afresh from the incidents, as
// migration 005 fills them. They hold a row per person, which the
// writer does not keep in memory.
var rebuildCases = []string{
	`DELETE FROM person_cases`,
	`DELETE FROM case_months`,
	`INSERT INTO person_cases (area, person_key, grp, side, stage, first, rows)
	SELECT area, person_key, grp, '*', '*', MIN(month), COUNT(*) FROM incidents
	    WHERE kind = 'prosecution' AND person_key <> '' GROUP BY area, person_key, grp
	UNION ALL
	SELECT area, person_key, grp, '*', stage, MIN(month), COUNT(*) FROM incidents
	    WHERE kind = 'prosecution' AND person_key <> '' GROUP BY area, person_key, grp, stage
	UNION ALL
	SELECT area, person_key, grp, side, '*', MIN(month), COUNT(*) FROM incidents
	    WHERE kind = 'prosecution' AND person_key <> '' AND side <> '' GROUP BY area, person_key, grp, side
	UNION ALL
	SELECT area, person_key, grp, side, stage, MIN(month), COUNT(*) FROM incidents
	    WHERE kind = 'prosecution' AND person_key <> '' AND side <> '' GROUP BY area, person_key, grp, side, stage`,
	`INSERT INTO case_months (side, stage, area, grp, month, cases, rows)
	SELECT side, stage, area, grp, first, COUNT(*), SUM(rows) FROM person_cases GROUP BY side, stage, area, grp, first`,
}

// startBulk begins a bulk load: it drops the secondary indexes of the
// incidents and their links to sources, and the triggers that keep the
// summaries, keeping their definitions for finishBulk. Building an index
// by sorting writes each page once, while keeping it up to date row by
// row rewrites the same pages many times over; likewise summing in memory
// costs next to nothing beside a trigger on every row. The unique index
// on ref stays: imports look refs up in it. All of it happens inside the
// import's transaction, so a failed import puts everything back.
//
// It also loads every source into the writer's table of sources, when
// they fit, so that new sources can be inserted in batches.
func (w *writer) startBulk() error {
	b := &bulkState{monthly: map[monthlyKey]monthlySums{}}
	var err error
	if b.indexes, err = w.dropAll("index", `type = 'index' AND sql IS NOT NULL
		AND tbl_name IN ('incidents', 'incident_sources')`); err != nil {
		return err
	}
	if b.triggers, err = w.dropAll("trigger", `type = 'trigger'`); err != nil {
		return err
	}
	if b.allSources, b.nextSource, err = w.loadSources(); err != nil {
		return err
	}
	if b.allSources {
		idx, err := w.dropAll("index", `type = 'index' AND name = 'sources_unique'`)
		if err != nil {
			return err
		}
		if len(idx) == 1 {
			b.sourceIndex = idx[0]
		}
	}
	w.bulk = b
	return nil
}

// restoreSourceIndex builds the unique index of sources again, if a bulk
// load dropped it.
func (w *writer) restoreSourceIndex() error {
	if w.bulk == nil || w.bulk.sourceIndex == "" {
		return nil
	}
	if err := w.flushSources(); err != nil {
		return err
	}
	if _, err := w.conn.ExecContext(background, w.bulk.sourceIndex, nil); err != nil {
		return fmt.Errorf("rebuild index of sources: %w", err)
	}
	w.bulk.sourceIndex = ""
	return nil
}

// loadSources fills the writer's table of sources with every source in
// the database, and returns the id after the largest; all is false when
// there are too many to hold with room for as many new ones.
func (w *writer) loadSources() (all bool, next int64, err error) {
	n, err := w.scalar(`SELECT COUNT(*) FROM sources`)
	if err != nil {
		return false, 0, fmt.Errorf("count sources: %w", err)
	}
	if n > int64(maxCachedSources/2) {
		return false, 0, nil
	}
	rows, err := w.conn.QueryContext(background, `SELECT id, outlet, title, published, url, author FROM sources`, nil)
	if err != nil {
		return false, 0, fmt.Errorf("read sources: %w", err)
	}
	defer rows.Close()
	w.sources.reset()
	w.sources.reserve(int(n))
	clear(w.authorRows)
	dest := make([]driver.Value, 6)
	next = 1
	for {
		if err := rows.Next(dest); errors.Is(err, io.EOF) {
			return true, next, nil
		} else if err != nil {
			return false, 0, fmt.Errorf("read sources: %w", err)
		}
		id, _ := dest[0].(int64)
		key := w.sourceKey(string(asText(dest[1])), string(asText(dest[2])), string(asText(dest[3])), string(asText(dest[4])))
		w.sources.put(key, storedSource{id: id, author: w.authorHash(string(asText(dest[5])))})
		next = max(next, id+1)
	}
}

// queueSource gives a new source its id and queues it for insertion.
func (w *writer) queueSource(outlet, title, author, published, url string) (int64, error) {
	if err := w.prepareBatches(); err != nil {
		return 0, err
	}
	b := w.bulk
	id := b.nextSource
	b.nextSource++
	b.queued = append(b.queued, id, outlet, title, author, published, url)
	if len(b.queued) == sourceColumnCount*batchRows {
		if _, err := w.exec(w.sourceBatch, b.queued...); err != nil {
			return 0, fmt.Errorf("insert sources: %w", err)
		}
		b.queued = b.queued[:0]
	}
	return id, nil
}

// flushSources inserts the queued new sources.
func (w *writer) flushSources() error {
	if w.bulk == nil {
		return nil
	}
	for q := w.bulk.queued; len(q) > 0; q = q[sourceColumnCount:] {
		if _, err := w.exec(w.sourceRow, q[:sourceColumnCount]...); err != nil {
			return fmt.Errorf("insert source %q: %w", q[1], err)
		}
	}
	w.bulk.queued = w.bulk.queued[:0]
	return nil
}

// dropAll drops the schema objects of one type that match where and
// returns their definitions.
func (w *writer) dropAll(typ, where string) ([]string, error) {
	rows, err := w.conn.QueryContext(background, `SELECT name, sql FROM sqlite_master WHERE `+where, nil)
	if err != nil {
		return nil, fmt.Errorf("list %ss: %w", typ, err)
	}
	var names, defs []string
	dest := make([]driver.Value, 2)
	for {
		if err := rows.Next(dest); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			rows.Close()
			return nil, fmt.Errorf("list %ss: %w", typ, err)
		}
		names = append(names, string(asText(dest[0])))
		defs = append(defs, string(asText(dest[1])))
	}
	rows.Close()
	for _, n := range names {
		if _, err := w.conn.ExecContext(background, `DROP `+typ+` "`+n+`"`, nil); err != nil {
			return nil, fmt.Errorf("drop %s %s: %w", typ, n, err)
		}
	}
	return defs, nil
}

func asText(v driver.Value) []byte {
	switch t := v.(type) {
	case string:
		return []byte(t)
	case []byte:
		return t
	}
	return nil
}

// finishBulk ends a bulk load, if one is running: it builds the indexes
// again, brings the summaries up to date and puts the triggers back.
// SQLite sorts each index in memory chunks as large as the page cache, so
// the cache is made smaller for the rebuild (the caller restores it), and
// the sorts use every core.
func (w *writer) finishBulk() error {
	b := w.bulk
	if b == nil {
		return nil
	}
	if err := w.setCacheSize(-indexCacheKiB); err != nil {
		return err
	}
	if err := w.restoreSourceIndex(); err != nil {
		return err
	}
	w.bulk = nil
	// The table of sources is not needed any more: its memory goes back
	// before the sorts that rebuild the indexes take theirs.
	w.sources, w.authorRows = nil, nil
	debug.FreeOSMemory()
	threads := strconv.Itoa(min(runtime.NumCPU(), 4) - 1)
	if _, err := w.conn.ExecContext(background, "PRAGMA threads = "+threads, nil); err != nil {
		return fmt.Errorf("set sort threads: %w", err)
	}
	// Back to one thread, the default. Should this fail, later sorts on
	// this connection merely use more cores.
	defer w.conn.ExecContext(background, "PRAGMA threads = 0", nil)
	for _, d := range b.indexes {
		if _, err := w.conn.ExecContext(background, d, nil); err != nil {
			return fmt.Errorf("rebuild index: %w", err)
		}
	}
	if err := w.finishMonthly(b); err != nil {
		return err
	}
	for _, q := range rebuildCases {
		if _, err := w.conn.ExecContext(background, q, nil); err != nil {
			return fmt.Errorf("rebuild case summaries: %w", err)
		}
	}
	for _, d := range b.triggers {
		if _, err := w.conn.ExecContext(background, d, nil); err != nil {
			return fmt.Errorf("restore trigger: %w", err)
		}
	}
	return nil
}

// finishMonthly adds the bulk load's sums to the monthly summary, or
// computes it afresh when they are stale.
func (w *writer) finishMonthly(b *bulkState) error {
	if b.stale {
		for _, q := range rebuildMonthly {
			if _, err := w.conn.ExecContext(background, q, nil); err != nil {
				return fmt.Errorf("rebuild monthly summary: %w", err)
			}
		}
		return nil
	}
	st, err := w.conn.Prepare(mergeMonthly)
	if err != nil {
		return fmt.Errorf("prepare statement: %w", err)
	}
	defer st.Close()
	for k, s := range b.monthly {
		named := 0
		if k.named {
			named = 1
		}
		if _, err := w.exec(st, k.kind, k.area, k.channel, k.stage, k.side, k.grp, named, k.month,
			s.events, s.cases, s.most, s.est, s.rows); err != nil {
			return fmt.Errorf("update monthly summary: %w", err)
		}
	}
	return nil
}
