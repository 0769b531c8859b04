package ui

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"
)

// pagedList is a list whose row i is i. Its reads record their offsets
// and wait for release or for their context to end.
type pagedList struct {
	mu      sync.Mutex
	offsets []int
	release chan struct{}
}

func (s *pagedList) fetch(ctx context.Context, offset, limit int) ([]int, error) {
	s.mu.Lock()
	s.offsets = append(s.offsets, offset)
	s.mu.Unlock()
	select {
	case <-s.release:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	rows := make([]int, limit)
	for i := range rows {
		rows[i] = offset + i
	}
	return rows, nil
}

func (s *pagedList) read() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.offsets)
}

func TestPageCacheReadsTheNewestPagesOnly(t *testing.T) {
	list := &pagedList{release: make(chan struct{})}
	loaded := make(chan struct{}, 100)
	var c *pageCache[int]
	do(func() {
		c = newPageCache[int](func() { loaded <- struct{}{} }, func(err error) { t.Error(err) })
		c.reset(list.fetch)
		// A drag of the scroll bar over twenty pages: page 0 starts
		// loading, the rest queue up.
		for page := 0; page < 20; page++ {
			if c.row(page*pageSize) != nil {
				t.Fatalf("page %d was there before it was read", page)
			}
		}
	})
	for range 1 + maxWanted {
		list.release <- struct{}{}
		<-loaded
	}
	do(func() {
		if row := c.row(19*pageSize + 5); row == nil || *row != 19*pageSize+5 {
			t.Errorf("row %d = %v after loading", 19*pageSize+5, row)
		}
	})
	want := []int{0, 19 * pageSize, 18 * pageSize, 17 * pageSize, 16 * pageSize}
	if got := list.read(); !slices.Equal(got, want) {
		t.Fatalf("read offsets %v, want %v", got, want)
	}
}

func TestPageCacheResetStopsTheRunningRead(t *testing.T) {
	old := &pagedList{release: make(chan struct{})}
	cur := &pagedList{release: make(chan struct{}, 1)}
	loaded := make(chan struct{}, 100)
	var c *pageCache[int]
	do(func() {
		c = newPageCache[int](func() { loaded <- struct{}{} }, func(err error) { t.Errorf("the stopped read failed: %v", err) })
		c.reset(old.fetch)
		c.row(3 * pageSize) // starts reading page 3 of the old list
	})
	waitUntil(t, "the old read to start", func() bool { return len(old.read()) == 1 })
	do(func() {
		// The list changes: the old read is cancelled, and the new list's
		// page waits until the old read has returned.
		c.reset(cur.fetch)
		c.row(0)
	})
	cur.release <- struct{}{}
	<-loaded
	do(func() {
		if row := c.row(7); row == nil || *row != 7 {
			t.Errorf("row 7 = %v, want 7 from the new list", row)
		}
		if c.row(3*pageSize) != nil {
			t.Error("the old list's page was kept")
		}
	})
	if got := cur.read(); !slices.Equal(got, []int{0}) {
		t.Errorf("the new list read offsets %v, want [0]", got)
	}
}

func TestPageCachePutKeepsAPage(t *testing.T) {
	list := &pagedList{release: make(chan struct{})}
	do(func() {
		c := newPageCache[int](func() {}, func(err error) { t.Error(err) })
		c.reset(list.fetch)
		c.put(0, []int{10, 11})
		if row := c.row(1); row == nil || *row != 11 {
			t.Errorf("row 1 = %v, want 11", row)
		}
		if c.row(2) != nil {
			t.Error("a row past the end of the last page is not nil")
		}
	})
	if got := list.read(); len(got) != 0 {
		t.Errorf("a page that was put was read again: offsets %v", got)
	}
}

// waitUntil polls cond until it holds.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitTime)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}
