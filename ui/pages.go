package ui

import (
	"context"

	"catracker/data"
)

// Paging of the incidents list: pageSize rows per query, at most maxPages
// pages kept, and at most maxWanted pages waiting to be read.
const (
	pageSize  = 200
	maxPages  = 25
	maxWanted = 4
)

// pageCache holds pages of the incidents list and reads the missing ones
// on one background goroutine at a time, the page asked for last first.
// Dragging the scroll bar across a million rows asks for a page at every
// step; only the last few asked for are read. Its methods run on the UI
// goroutine.
type pageCache struct {
	loaded func()      // a page arrived
	failed func(error) // a page could not be read

	gen    uint64 // bumped by reset, so late pages of an old query are dropped
	store  data.Store
	query  data.IncidentQuery
	pages  map[int][]data.Incident
	wanted []int // pages to read, oldest first
	asked  map[int]bool
	busy   bool
}

func newPageCache(loaded func(), failed func(error)) *pageCache {
	return &pageCache{loaded: loaded, failed: failed, pages: map[int][]data.Incident{}, asked: map[int]bool{}}
}

// reset forgets every page: the query or the data changed.
func (c *pageCache) reset(st data.Store, q data.IncidentQuery) {
	c.gen++
	c.store, c.query = st, q
	c.pages, c.asked, c.wanted = map[int][]data.Incident{}, map[int]bool{}, nil
}

// row returns the incident in row, or nil while its page is read.
func (c *pageCache) row(row int) *data.Incident {
	page := row / pageSize
	rows, ok := c.pages[page]
	if !ok {
		c.want(page)
		return nil
	}
	if i := row % pageSize; i < len(rows) {
		return &rows[i]
	}
	return nil
}

// want queues page for reading, dropping the oldest wishes.
func (c *pageCache) want(page int) {
	if c.asked[page] || c.store == nil {
		return
	}
	c.asked[page] = true
	c.wanted = append(c.wanted, page)
	for len(c.wanted) > maxWanted {
		delete(c.asked, c.wanted[0])
		c.wanted = c.wanted[1:]
	}
	c.next()
}

// next reads the newest wanted page unless a read is running.
func (c *pageCache) next() {
	if c.busy || len(c.wanted) == 0 {
		return
	}
	page := c.wanted[len(c.wanted)-1]
	c.wanted = c.wanted[:len(c.wanted)-1]
	c.busy = true
	gen, st, q := c.gen, c.store, c.query
	q.Offset, q.Limit = page*pageSize, pageSize
	background(func() ([]data.Incident, error) { return st.Incidents(context.Background(), q) },
		func(rows []data.Incident, err error) {
			c.busy = false
			defer c.next()
			if gen != c.gen {
				return
			}
			delete(c.asked, page)
			if err != nil {
				c.failed(err)
				return
			}
			c.evict(page)
			c.pages[page] = rows
			c.loaded()
		})
}

// evict drops the cached page furthest from page once the cache is full.
func (c *pageCache) evict(page int) {
	if len(c.pages) < maxPages {
		return
	}
	far, dist := -1, -1
	for p := range c.pages {
		if d := abs(p - page); d > dist {
			far, dist = p, d
		}
	}
	delete(c.pages, far)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
