package kurrent

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/tdkt/tdkt/eventstore"
)

// ErrIndexMismatch: an event read from KurrentDB is not the one the ledger
// index recorded at that seq or revision (other id, other position, or
// content whose leaf hash differs): the database changed under the ledger.
var ErrIndexMismatch = errors.New("KurrentDB disagrees with the ledger index")

// readErr turns a read failure into what the iterator yields: the
// context's error, ErrClosed after Close, or the failure.
func (s *Store) readErr(ctx context.Context, err error) error {
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case s.closed.Load():
		return eventstore.ErrClosed
	}
	return mapErr(err)
}

// check verifies that a recorded event read from KurrentDB is what the
// index holds at seq: same id, stream, revision and leaf hash.
func check(seq uint64, en *entry, r *eventstore.RecordedEvent, pos esdb.Position) error {
	switch {
	case r.ID != en.id || r.Stream != en.stream || r.Revision != en.rev:
		return fmt.Errorf("seq %d: %w: the index has event %s (%q revision %d), KurrentDB has %s (%q revision %d)",
			seq, ErrIndexMismatch, en.id, en.stream, en.rev, r.ID, r.Stream, r.Revision)
	case pos != (esdb.Position{}) && pos != en.pos:
		return fmt.Errorf("seq %d: %w: event %s is at $all position %d, the index says %d", seq, ErrIndexMismatch, r.ID, pos.Commit, en.pos.Commit)
	case eventstore.LeafHash(eventstore.ExportLine(r)) != en.leaf:
		return fmt.Errorf("seq %d: %w: event %s's content does not hash to the indexed leaf", seq, ErrIndexMismatch, r.ID)
	}
	return nil
}

// ReadStream yields the indexed events of stream from revision from; see
// eventstore.Store. Events KurrentDB holds but the consumer has not yet
// indexed are not yielded.
func (s *Store) ReadStream(ctx context.Context, stream string, from uint64) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		if s.closed.Load() {
			yield(eventstore.RecordedEvent{}, eventstore.ErrClosed)
			return
		}
		if err := ctx.Err(); err != nil {
			yield(eventstore.RecordedEvent{}, err)
			return
		}
		s.mu.RLock()
		seqs, entries := s.streams[stream], s.entries
		s.mu.RUnlock()
		if from >= uint64(len(seqs)) {
			return
		}
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		rs, err := s.client.ReadStream(ctx, s.prefix+stream, esdb.ReadStreamOptions{From: esdb.Revision(from)}, uint64(len(seqs))-from)
		if err != nil {
			yield(eventstore.RecordedEvent{}, fmt.Errorf("read %s: %w", stream, s.readErr(ctx, err)))
			return
		}
		defer rs.Close()
		for rev := from; rev < uint64(len(seqs)); rev++ {
			if err := ctx.Err(); err != nil {
				yield(eventstore.RecordedEvent{}, err)
				return
			}
			ev, err := rs.Recv()
			var esErr *esdb.Error
			switch {
			case errors.Is(err, io.EOF):
				err = fmt.Errorf("%w: stream %q ends before revision %d", ErrIndexMismatch, stream, rev)
			case errors.As(err, &esErr) && (esErr.Code() == esdb.ErrorCodeResourceNotFound || esErr.Code() == esdb.ErrorCodeStreamDeleted):
				err = fmt.Errorf("%w: the index has %d events in stream %q, KurrentDB reports it missing or deleted: %w", ErrIndexMismatch, len(seqs), stream, err)
			}
			if err != nil {
				yield(eventstore.RecordedEvent{}, fmt.Errorf("read %s: %w", stream, s.readErr(ctx, err)))
				return
			}
			e := ev.OriginalEvent()
			r, err := s.decodeEvent(e)
			if err == nil {
				r.Seq = seqs[rev]
				err = check(r.Seq, &entries[r.Seq], &r, esdb.Position{})
			}
			if err != nil {
				yield(eventstore.RecordedEvent{}, fmt.Errorf("read %s: %w", stream, err))
				return
			}
			if !yield(r, nil) {
				return
			}
		}
	}
}

// ReadAll yields the ledger from seq from up to the indexed head it finds
// at the start; see eventstore.Store.
func (s *Store) ReadAll(ctx context.Context, from uint64) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		if s.closed.Load() {
			yield(eventstore.RecordedEvent{}, eventstore.ErrClosed)
			return
		}
		if err := ctx.Err(); err != nil {
			yield(eventstore.RecordedEvent{}, err)
			return
		}
		s.mu.RLock()
		head := uint64(len(s.entries))
		s.mu.RUnlock()
		s.yieldRange(ctx, from, head, yield)
	}
}

// Subscribe yields the ledger from seq from, then each event as the
// consumer indexes it; see eventstore.Store. It follows the index, so it
// has no gap and no duplicate whatever happens to the consumer's own
// subscription to $all.
func (s *Store) Subscribe(ctx context.Context, from uint64) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		next := from
		for {
			s.mu.RLock()
			head, wake, halted := uint64(len(s.entries)), s.wake, s.halted
			s.mu.RUnlock()
			if s.closed.Load() {
				yield(eventstore.RecordedEvent{}, eventstore.ErrClosed)
				return
			}
			if err := ctx.Err(); err != nil {
				yield(eventstore.RecordedEvent{}, err)
				return
			}
			if next < head {
				var ok bool
				if next, ok = s.yieldRange(ctx, next, head, yield); !ok {
					return
				}
				continue
			}
			if halted != nil {
				yield(eventstore.RecordedEvent{}, halted)
				return
			}
			select {
			case <-ctx.Done():
			case <-wake:
			}
		}
	}
}

// yieldRange yields the events with seq in [from, to) by reading $all
// forwards from the position of seq from, skipping what is not in the
// ledger (system streams, the index stream) and checking each event against
// the index. It returns the seq to go on from, and false if it yielded an
// error or the consumer broke out.
func (s *Store) yieldRange(ctx context.Context, from, to uint64, yield func(eventstore.RecordedEvent, error) bool) (uint64, bool) {
	if from >= to {
		return from, true
	}
	s.mu.RLock()
	entries := s.entries
	s.mu.RUnlock()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rs, err := s.client.ReadAll(ctx, esdb.ReadAllOptions{From: entries[from].pos}, ^uint64(0))
	if err != nil {
		yield(eventstore.RecordedEvent{}, fmt.Errorf("read $all: %w", s.readErr(ctx, err)))
		return from, false
	}
	defer rs.Close()
	for from < to {
		if err := ctx.Err(); err != nil {
			yield(eventstore.RecordedEvent{}, err)
			return from, false
		}
		ev, err := rs.Recv()
		if errors.Is(err, io.EOF) {
			err = fmt.Errorf("%w: $all ends before seq %d", ErrIndexMismatch, from)
		}
		if err != nil {
			yield(eventstore.RecordedEvent{}, fmt.Errorf("read $all: %w", s.readErr(ctx, err)))
			return from, false
		}
		e := ev.OriginalEvent()
		if !s.inLedger(e.StreamID) {
			continue
		}
		r, err := s.decodeEvent(e)
		if err == nil {
			r.Seq = from
			err = check(from, &entries[from], &r, e.Position)
		}
		if err != nil {
			yield(eventstore.RecordedEvent{}, fmt.Errorf("read $all: %w", err))
			return from, false
		}
		if !yield(r, nil) {
			return from, false
		}
		from++
	}
	return from, true
}
