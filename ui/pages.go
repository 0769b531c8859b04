package ui

import "context"

// Paging of the long lists (incidents and sources): pageSize rows per
// query, at most maxPages pages kept, and at most maxWanted pages waiting
// to be read.
const (
	pageSize  = 200
	maxPages  = 25
	maxWanted = 4
)

// pageFetch reads limit rows of a list from offset on. It runs off the UI
// goroutine and should stop early when ctx is cancelled.
type pageFetch[T any] func(ctx context.Context, offset, limit int) ([]T, error)

// pageCache holds pages of a list of rows of type T and reads the missing
// ones on one background goroutine at a time, the page asked for last
// first. Dragging the scroll bar across a million rows asks for a page at
// every step; only the last few asked for are read. Its methods run on the
// UI goroutine.
type pageCache[T any] struct {
	loaded func()      // a page arrived
	failed func(error) // a page could not be read

	gen    uint64 // bumped by reset, so late pages of an old list are dropped
	fetch  pageFetch[T]
	pages  map[int][]T
	wanted []int // pages to read, oldest first
	asked  map[int]bool
	busy   bool
	cancel context.CancelFunc // stops the read running, if any
}

func newPageCache[T any](loaded func(), failed func(error)) *pageCache[T] {
	return &pageCache[T]{loaded: loaded, failed: failed, pages: map[int][]T{}, asked: map[int]bool{}}
}

// reset forgets every page and stops the read running: the list or its
// data changed. Pages are then read with fetch; nil reads none.
func (c *pageCache[T]) reset(fetch pageFetch[T]) {
	c.gen++
	if c.cancel != nil {
		c.cancel()
		c.cancel = nil
	}
	c.fetch = fetch
	c.pages, c.asked, c.wanted = map[int][]T{}, map[int]bool{}, nil
}

// put keeps rows, read by other means, as page.
func (c *pageCache[T]) put(page int, rows []T) {
	c.evict(page)
	c.pages[page] = rows
}

// row returns the row at index row, or nil while its page is read.
func (c *pageCache[T]) row(row int) *T {
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
func (c *pageCache[T]) want(page int) {
	if c.asked[page] || c.fetch == nil {
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
func (c *pageCache[T]) next() {
	if c.busy || len(c.wanted) == 0 {
		return
	}
	page := c.wanted[len(c.wanted)-1]
	c.wanted = c.wanted[:len(c.wanted)-1]
	c.busy = true
	ctx, cancel := context.WithCancel(context.Background())
	c.cancel = cancel
	gen, fetch := c.gen, c.fetch
	background(func() ([]T, error) { return fetch(ctx, page*pageSize, pageSize) },
		func(rows []T, err error) {
			cancel()
			c.busy = false
			defer c.next()
			if gen != c.gen {
				return
			}
			c.cancel = nil
			delete(c.asked, page)
			if err != nil {
				c.failed(err)
				return
			}
			c.put(page, rows)
			c.loaded()
		})
}

// evict drops the cached page furthest from page once the cache is full.
func (c *pageCache[T]) evict(page int) {
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
