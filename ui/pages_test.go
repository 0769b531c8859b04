package ui

import (
	"context"
	"sync"
	"testing"

	"catracker/data"
)

// pagedStore answers Incidents with rows numbered by offset and records
// the offsets asked for; release lets a query return.
type pagedStore struct {
	data.Store
	mu      sync.Mutex
	offsets []int
	release chan struct{}
}

func (s *pagedStore) Incidents(_ context.Context, q data.IncidentQuery) ([]data.Incident, error) {
	s.mu.Lock()
	s.offsets = append(s.offsets, q.Offset)
	s.mu.Unlock()
	<-s.release
	rows := make([]data.Incident, q.Limit)
	for i := range rows {
		rows[i].ID = int64(q.Offset + i)
	}
	return rows, nil
}

func TestPageCacheReadsTheNewestPagesOnly(t *testing.T) {
	st := &pagedStore{release: make(chan struct{})}
	loaded := make(chan struct{}, 100)
	var c *pageCache
	do(func() {
		c = newPageCache(func() { loaded <- struct{}{} }, func(err error) { t.Error(err) })
		c.reset(st, data.IncidentQuery{})
		// A drag of the scroll bar over twenty pages: page 0 starts
		// loading, the rest queue up.
		for page := 0; page < 20; page++ {
			if c.row(page*pageSize) != nil {
				t.Fatalf("page %d was there before it was read", page)
			}
		}
	})
	for range 1 + maxWanted {
		st.release <- struct{}{}
		<-loaded
	}
	do(func() {
		if inc := c.row(19*pageSize + 5); inc == nil || inc.ID != 19*pageSize+5 {
			t.Errorf("row %d = %v after loading", 19*pageSize+5, inc)
		}
	})
	st.mu.Lock()
	defer st.mu.Unlock()
	want := []int{0, 19 * pageSize, 18 * pageSize, 17 * pageSize, 16 * pageSize}
	if len(st.offsets) != len(want) {
		t.Fatalf("read offsets %v, want %v", st.offsets, want)
	}
	for i := range want {
		if st.offsets[i] != want[i] {
			t.Fatalf("read offsets %v, want %v", st.offsets, want)
		}
	}
}
