package ui

import (
	"context"
	"fmt"
	"image"
	"sync"

	"catracker/data"
	"catracker/internal/chart"
)

// renderJob asks for one chart: query the store with the filter (unless
// the chart is already known) and draw it with the options.
type renderJob struct {
	gen    uint64
	store  data.Store
	filter data.Filter
	chart  *data.Chart // reused when only the size changed
	opts   chart.Options
}

// renderResult is a drawn chart or the reason it could not be drawn.
type renderResult struct {
	chart  *data.Chart
	img    image.Image
	layout chart.Layout // where img draws each number
	err    error
}

// renderQueue draws charts on one background goroutine, newest request
// first: a request replaces any that has not started yet and cancels the
// query of the one in progress. Results go to done on the worker goroutine.
type renderQueue struct {
	done func(renderJob, renderResult)

	mu      sync.Mutex
	pending *renderJob
	cancel  context.CancelFunc // of the job in progress
	running bool
}

// submit queues j in place of any waiting job.
func (q *renderQueue) submit(j renderJob) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.pending = &j
	if q.cancel != nil {
		q.cancel()
	}
	if !q.running {
		q.running = true
		go q.run()
	}
}

// run draws the pending jobs until there are none.
func (q *renderQueue) run() {
	for {
		q.mu.Lock()
		j := q.pending
		q.pending = nil
		if j == nil {
			q.running, q.cancel = false, nil
			q.mu.Unlock()
			return
		}
		ctx, cancel := context.WithCancel(context.Background())
		q.cancel = cancel
		q.mu.Unlock()
		res := draw(ctx, *j)
		cancel()
		q.done(*j, res)
	}
}

// draw runs one job.
func draw(ctx context.Context, j renderJob) renderResult {
	c := j.chart
	if c == nil {
		var err error
		c, err = j.store.Chart(ctx, j.filter)
		switch {
		case data.ErrorCode(err) == data.EINVALID:
			// The filters are valid, so the store means that they select
			// nothing, such as dates after the last incident: the chart
			// says so itself.
			c = &data.Chart{Filter: j.filter.WithDefaults()}
		case err != nil:
			return renderResult{err: fmt.Errorf("read the chart's data: %w", err)}
		}
	}
	img, layout, err := chart.ImageLayout(c, j.opts)
	if err != nil {
		return renderResult{chart: c, err: err}
	}
	return renderResult{chart: c, img: img, layout: layout}
}
