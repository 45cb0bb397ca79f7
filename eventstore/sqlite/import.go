package sqlite

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
	"golang.org/x/mod/sumdb/tlog"
)

// ErrNotEmpty: Import was asked to write into a ledger that has events.
var ErrNotEmpty = errors.New("the ledger is not empty")

// importBatch is how many events Import inserts per statement group.
const importBatch = 1000

// Import writes events, as recorded elsewhere (an export file), into the
// empty ledger: every field is kept as given — seq, revision and recordedAt
// included — so the ledger's export lines, and so its Merkle root, are the
// source's byte for byte. It checks as it goes: seq dense from 0, each
// stream's revisions dense from 0, recordedAt never going backwards, ids
// unique, each event valid and within the size limit. Everything is written
// in one transaction: on any error, or if ctx ends, nothing is.
//
// progress, if not nil, is called with the number of events written so far
// every importBatch events. Appends during an Import wait for it.
func (s *Store) Import(ctx context.Context, events iter.Seq2[eventstore.RecordedEvent, error], progress func(n uint64)) (uint64, error) {
	if s.closed.Load() {
		return 0, eventstore.ErrClosed
	}
	if s.opts.ReadOnly {
		return 0, eventstore.ErrReadOnly
	}
	if err := s.Fault(); err != nil {
		return 0, err
	}
	// The writer goroutine owns the write connection; run the import as
	// its work so no append interleaves.
	done := make(chan struct{})
	var n uint64
	var err error
	req := &appendReq{ctx: ctx, run: func() {
		defer close(done)
		n, err = s.importTx(ctx, events, progress)
	}}
	select {
	case s.reqs <- req:
	case <-s.closing:
		return 0, eventstore.ErrClosed
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	<-done
	return n, err
}

func (s *Store) importTx(ctx context.Context, events iter.Seq2[eventstore.RecordedEvent, error], progress func(uint64)) (uint64, error) {
	w := &s.w
	if w.nextSeq != 0 {
		return 0, fmt.Errorf("import: %w: it holds %d events; import into an empty data directory", ErrNotEmpty, w.nextSeq)
	}
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("import: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it is a no-op
	bt := &batchTx{tx: tx, fast: true}
	revs := make(map[string]uint64) // next revision per stream
	ids := make(map[uuid.UUID]uint64)
	var seq uint64
	var lastAt time.Time
	var line []byte
	for ev, err := range events {
		if err != nil {
			return 0, fmt.Errorf("import: read seq %d: %w", seq, err)
		}
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		switch {
		case ev.Seq != seq:
			return 0, fmt.Errorf("import: %w: seq %d where seq %d belongs", eventstore.ErrInvalidEvent, ev.Seq, seq)
		case ev.Revision != revs[ev.Stream]:
			return 0, fmt.Errorf("import: %w: seq %d: stream %q revision %d where revision %d belongs", eventstore.ErrInvalidEvent, seq, ev.Stream, ev.Revision, revs[ev.Stream])
		case ev.RecordedAt.Before(lastAt):
			return 0, fmt.Errorf("import: %w: seq %d: recordedAt %s is before the previous event's %s", eventstore.ErrInvalidEvent, seq, ev.RecordedAt.Format(time.RFC3339Nano), lastAt.Format(time.RFC3339Nano))
		}
		if first, dup := ids[ev.ID]; dup {
			return 0, fmt.Errorf("import: %w: seq %d repeats the id %s of seq %d", eventstore.ErrIDConflict, seq, ev.ID, first)
		}
		if err := eventstore.ValidateStreamName(ev.Stream); err != nil {
			return 0, fmt.Errorf("import: seq %d: %w", seq, err)
		}
		if err := eventstore.ValidateEvent(&ev.Event); err != nil {
			return 0, fmt.Errorf("import: seq %d: %w", seq, err)
		}
		line = eventstore.AppendExportLine(line[:0], &ev)
		if err := eventstore.CheckSize(ev.ID, line, s.opts.MaxEventSize); err != nil {
			return 0, fmt.Errorf("import: seq %d: %w", seq, err)
		}
		ids[ev.ID] = seq
		revs[ev.Stream]++
		lastAt = ev.RecordedAt
		bt.pending = append(bt.pending, pendingRow{
			seq: seq, id: ev.ID.String(), stream: ev.Stream, revision: ev.Revision,
			line: string(line), leaf: tlog.RecordHash(line),
		})
		seq++
		if len(bt.pending) == importBatch {
			if err := s.flushImport(ctx, bt); err != nil {
				return 0, err
			}
			if progress != nil {
				progress(seq)
			}
		}
	}
	if err := s.flushImport(ctx, bt); err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("import: commit: %w", err)
	}
	if progress != nil {
		progress(seq)
	}
	// Durable: publish, as a commit of the writer does.
	w.nextSeq = seq
	w.lastAt = lastAt
	w.frontier = bt.frontier
	clear(w.heads)
	s.head.Store(seq)
	s.wakeSubscribers()
	return seq, nil
}

func (s *Store) flushImport(ctx context.Context, bt *batchTx) error {
	if err := s.flushInserts(ctx, bt); err != nil {
		if errors.Is(err, errRetrySlow) {
			return fmt.Errorf("import: %w: an id is recorded twice", eventstore.ErrIDConflict)
		}
		return fmt.Errorf("import: %w", err)
	}
	return nil
}
