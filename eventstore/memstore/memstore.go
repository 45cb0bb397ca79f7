package memstore

import (
	"context"
	"fmt"
	"iter"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
)

var _ eventstore.Store = (*Store)(nil)

// readBatch is how many events a read copies out under the lock at a time.
const readBatch = 256

// Options configure a Store. A nil *Options, and zero fields, mean the
// defaults.
type Options struct {
	// MaxEventSize is the limit on one event's export line, in bytes. Zero
	// or less means eventstore.DefaultMaxEventSize.
	MaxEventSize int
	// Now is the clock that stamps recordedAt; its result is converted to
	// UTC. Nil means time.Now.
	Now func() time.Time
}

// Store is an in-memory event store. Create it with New.
type Store struct {
	maxEventSize int
	now          func() time.Time

	mu     sync.RWMutex
	closed bool
	// events is the ledger by seq. The store owns these values: they are
	// copied in on Append and copied out on every read.
	events []eventstore.RecordedEvent
	// streams maps a stream to the seq of each of its revisions.
	streams map[string][]uint64
	// ids maps every recorded event id to its seq.
	ids map[uuid.UUID]uint64
	// wake is closed and replaced by every append, and closed by Close:
	// subscriptions waiting for new events wait on it.
	wake chan struct{}
	// line is the scratch buffer for export lines, used under mu.
	line []byte
}

// New returns an empty store. opts may be nil.
func New(opts *Options) *Store {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.MaxEventSize <= 0 {
		o.MaxEventSize = eventstore.DefaultMaxEventSize
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Store{
		maxEventSize: o.MaxEventSize,
		now:          o.Now,
		streams:      make(map[string][]uint64),
		ids:          make(map[uuid.UUID]uint64),
		wake:         make(chan struct{}),
	}
}

// Append appends events to stream; see eventstore.Store.
func (s *Store) Append(ctx context.Context, stream string, expected eventstore.ExpectedRevision, events ...eventstore.Event) (eventstore.AppendResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", stream, eventstore.ErrClosed)
	}
	if err := ctx.Err(); err != nil {
		return eventstore.AppendResult{}, err
	}
	if err := eventstore.ValidateAppend(stream, events); err != nil {
		return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", stream, err)
	}
	if res, dup, err := s.findRetry(stream, events); dup || err != nil {
		if err != nil {
			return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", stream, err)
		}
		return res, nil
	}
	cur := int64(len(s.streams[stream])) - 1 // NoRevision when the stream has no events
	if !expected.Allows(uint64(cur), cur >= 0) {
		return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", stream,
			&eventstore.ConcurrencyError{Stream: stream, Expected: expected, Actual: cur})
	}

	at := s.now().UTC()
	seq := uint64(len(s.events))
	recs := make([]eventstore.RecordedEvent, len(events))
	for i, e := range events {
		recs[i] = eventstore.RecordedEvent{
			Seq:        seq + uint64(i),
			Stream:     stream,
			Revision:   uint64(cur+1) + uint64(i),
			RecordedAt: at,
			Event:      copyEvent(e),
		}
		s.line = eventstore.AppendExportLine(s.line[:0], &recs[i])
		if err := eventstore.CheckSize(e.ID, s.line, s.maxEventSize); err != nil {
			s.dropLargeLine()
			return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", stream, err)
		}
	}
	s.dropLargeLine()

	// Nothing can fail from here on: commit.
	s.events = append(s.events, recs...)
	revs := s.streams[stream]
	for _, r := range recs {
		revs = append(revs, r.Seq)
		s.ids[r.ID] = r.Seq
	}
	s.streams[stream] = revs
	close(s.wake)
	s.wake = make(chan struct{})
	return s.result(stream, recs, false), nil
}

// dropLargeLine lets go of a scratch buffer grown by a large event, so one
// big append does not pin a megabyte for the store's life.
func (s *Store) dropLargeLine() {
	if cap(s.line) > 64<<10 {
		s.line = nil
	}
}

// findRetry decides whether events repeat an earlier append. If none of
// their ids is recorded it is not a retry. If all are, in stream, at
// consecutive seqs in argument order and with the same content, it is one,
// answered with the recorded events. Any other use of a recorded id is an
// *IDConflictError. s.mu must be held.
func (s *Store) findRetry(stream string, events []eventstore.Event) (eventstore.AppendResult, bool, error) {
	first, ok := s.ids[events[0].ID]
	if !ok {
		for i, e := range events[1:] {
			if seq, found := s.ids[e.ID]; found {
				return eventstore.AppendResult{}, false, &eventstore.IDConflictError{ID: e.ID, Seq: seq,
					Reason: fmt.Sprintf("a retry must repeat the original append exactly, but event 0 of this append was not recorded and event %d was", i+1)}
			}
		}
		return eventstore.AppendResult{}, false, nil
	}
	for i, e := range events {
		seq, found := s.ids[e.ID]
		if !found {
			return eventstore.AppendResult{}, false, &eventstore.IDConflictError{ID: events[0].ID, Seq: first,
				Reason: fmt.Sprintf("a retry must repeat the original append exactly, but event %d (%s) of this append was not recorded", i, e.ID)}
		}
		rec := &s.events[seq]
		switch {
		case rec.Stream != stream:
			return eventstore.AppendResult{}, false, &eventstore.IDConflictError{ID: e.ID, Seq: seq,
				Reason: fmt.Sprintf("it is recorded in stream %q", rec.Stream)}
		case !eventstore.SameContent(rec.Event, e):
			return eventstore.AppendResult{}, false, &eventstore.IDConflictError{ID: e.ID, Seq: seq,
				Reason: "it is recorded with other content"}
		case seq != first+uint64(i):
			return eventstore.AppendResult{}, false, &eventstore.IDConflictError{ID: e.ID, Seq: seq,
				Reason: "the ids were not recorded together in this order"}
		}
	}
	return s.result(stream, s.events[first:first+uint64(len(events))], true), true, nil
}

// result returns an AppendResult holding copies of recs.
func (s *Store) result(stream string, recs []eventstore.RecordedEvent, dup bool) eventstore.AppendResult {
	out := make([]eventstore.RecordedEvent, len(recs))
	for i := range recs {
		out[i] = copyRecorded(recs[i])
	}
	return eventstore.AppendResult{Stream: stream, Revision: out[len(out)-1].Revision, Events: out, Duplicate: dup}
}

// ReadStream yields the events of stream from revision from; see
// eventstore.Store.
func (s *Store) ReadStream(ctx context.Context, stream string, from uint64) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(eventstore.RecordedEvent{}, err)
			return
		}
		var batch []eventstore.RecordedEvent
		for rev := from; ; {
			s.mu.RLock()
			if s.closed {
				s.mu.RUnlock()
				yield(eventstore.RecordedEvent{}, eventstore.ErrClosed)
				return
			}
			revs := s.streams[stream]
			batch = batch[:0]
			for r := rev; r < uint64(len(revs)) && len(batch) < readBatch; r++ {
				batch = append(batch, copyRecorded(s.events[revs[r]]))
			}
			s.mu.RUnlock()
			if len(batch) == 0 {
				return
			}
			for _, ev := range batch {
				if err := ctx.Err(); err != nil {
					yield(eventstore.RecordedEvent{}, err)
					return
				}
				if !yield(ev, nil) {
					return
				}
			}
			rev += uint64(len(batch))
		}
	}
}

// ReadAll yields the ledger from seq from up to the head it finds at the
// start; see eventstore.Store.
func (s *Store) ReadAll(ctx context.Context, from uint64) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(eventstore.RecordedEvent{}, err)
			return
		}
		s.mu.RLock()
		head, closed := uint64(len(s.events)), s.closed
		s.mu.RUnlock()
		if closed {
			yield(eventstore.RecordedEvent{}, eventstore.ErrClosed)
			return
		}
		s.yieldRange(ctx, from, head, yield)
	}
}

// Subscribe yields the ledger from seq from, then each new event as it is
// appended; see eventstore.Store.
func (s *Store) Subscribe(ctx context.Context, from uint64) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		next := from
		for {
			// Head and wake-up channel together: an append after this
			// point closes the channel we wait on.
			s.mu.RLock()
			head, closed, wake := uint64(len(s.events)), s.closed, s.wake
			s.mu.RUnlock()
			if closed {
				yield(eventstore.RecordedEvent{}, eventstore.ErrClosed)
				return
			}
			if err := ctx.Err(); err != nil {
				yield(eventstore.RecordedEvent{}, err)
				return
			}
			if next < head {
				var more bool
				if next, more = s.yieldRange(ctx, next, head, yield); !more {
					return
				}
				continue
			}
			select {
			case <-ctx.Done():
			case <-wake:
			}
		}
	}
}

// yieldRange yields the events with seq in [from, to), copying them out in
// batches so the lock is never held while the consumer runs. It returns the
// seq to go on from, and false if it yielded an error or the consumer
// broke out.
func (s *Store) yieldRange(ctx context.Context, from, to uint64, yield func(eventstore.RecordedEvent, error) bool) (uint64, bool) {
	var batch []eventstore.RecordedEvent
	for from < to {
		n := min(to-from, readBatch)
		s.mu.RLock()
		if s.closed {
			s.mu.RUnlock()
			yield(eventstore.RecordedEvent{}, eventstore.ErrClosed)
			return from, false
		}
		batch = batch[:0]
		for _, ev := range s.events[from : from+n] {
			batch = append(batch, copyRecorded(ev))
		}
		s.mu.RUnlock()
		for _, ev := range batch {
			if err := ctx.Err(); err != nil {
				yield(eventstore.RecordedEvent{}, err)
				return from, false
			}
			if !yield(ev, nil) {
				return from, false
			}
			from++
		}
	}
	return from, true
}

// Head returns the number of events in the ledger.
func (s *Store) Head(ctx context.Context) (uint64, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return 0, eventstore.ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return uint64(len(s.events)), nil
}

// StreamRevision returns the revision of the last event in stream, and
// false if it has none.
func (s *Store) StreamRevision(ctx context.Context, stream string) (uint64, bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return 0, false, eventstore.ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return 0, false, err
	}
	revs := s.streams[stream]
	if len(revs) == 0 {
		return 0, false, nil
	}
	return uint64(len(revs) - 1), true, nil
}

// Close drops the events and wakes every subscription, which then ends
// with ErrClosed. Later calls fail with ErrClosed; calling Close again
// returns nil.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	s.events, s.streams, s.ids, s.line = nil, nil, nil, nil
	close(s.wake)
	return nil
}

// copyEvent returns a deep copy of e: its data and the values behind its
// pointers.
func copyEvent(e eventstore.Event) eventstore.Event { return e.Clone() }

func copyRecorded(r eventstore.RecordedEvent) eventstore.RecordedEvent {
	r.Event = copyEvent(r.Event)
	return r
}
