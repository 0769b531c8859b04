package ui

import (
	"context"
	"time"

	"catracker/data"
)

// searchDelay is how long a search waits for the user to stop typing.
const searchDelay = 250 * time.Millisecond

// sourceLister reads sources for a view that searches as the user types,
// the Sources tab and the editor's picker: it waits until typing pauses,
// and of several reads keeps only the newest, stopping the one running.
// Its methods run on the UI goroutine.
type sourceLister struct {
	timer  *time.Timer        // the search waiting for typing to stop
	gen    uint64             // bumped by each read and drop, so late results are dropped
	cancel context.CancelFunc // stops the read running, if any
}

// later runs search once the user has stopped typing for searchDelay.
func (s *sourceLister) later(search func()) {
	if s.timer != nil {
		s.timer.Stop()
	}
	s.timer = time.AfterFunc(searchDelay, func() { onUI(search) })
}

// now forgets the search waiting for typing to stop: the caller runs it
// at once, and the waiting one would later run it again and undo what
// the user did with its result meanwhile, such as selecting a row.
func (s *sourceLister) now() {
	if s.timer != nil {
		s.timer.Stop()
	}
}

// drop stops the read running; its result is ignored.
func (s *sourceLister) drop() {
	s.gen++
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
}

// list reads the page q of st's sources in the background and hands it to
// done, unless another list or a drop has come since.
func (s *sourceLister) list(st data.Store, q data.SourceQuery, done func(data.SourcePage, error)) {
	s.drop()
	gen := s.gen
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	background(func() (data.SourcePage, error) { return st.ListSources(ctx, q) },
		func(p data.SourcePage, err error) {
			cancel()
			if gen != s.gen {
				return
			}
			s.cancel = nil
			done(p, err)
		})
}
