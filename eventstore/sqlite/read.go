package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"math"
	"time"

	"github.com/tdkt/tdkt/eventstore"
)

// readBatch is how many rows one read query fetches. Each batch is read
// whole and its rows closed before any event is yielded, so no read
// transaction stays open while the consumer runs (it may append).
const readBatch = 1024

// firstReadBatch is the size of a ReadAll's first batch (readRange).
const firstReadBatch = 32

type readStmts struct {
	all       *sql.Stmt
	stream    *sql.Stmt
	streamRev *sql.Stmt
}

func (r *readStmts) prepare(ctx context.Context, db *sql.DB) error {
	var err error
	if r.all, err = db.PrepareContext(ctx, `SELECT seq, line FROM events WHERE seq >= ? AND seq < ? ORDER BY seq`); err != nil {
		return err
	}
	if r.stream, err = db.PrepareContext(ctx, `SELECT seq, revision, line FROM events WHERE stream = ? AND revision >= ? AND seq < ? ORDER BY revision LIMIT ?`); err != nil {
		return err
	}
	r.streamRev, err = db.PrepareContext(ctx, `SELECT max(revision) FROM events WHERE stream = ? AND seq < ?`)
	return err
}

func (r *readStmts) close() {
	for _, st := range []*sql.Stmt{r.all, r.stream, r.streamRev} {
		if st != nil {
			st.Close()
		}
	}
}

// ReadStream yields stream's events from revision from.
func (s *Store) ReadStream(ctx context.Context, stream string, from uint64) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		next := from
		for {
			if err := s.readErr(ctx); err != nil {
				yield(eventstore.RecordedEvent{}, err)
				return
			}
			batch, err := s.readStreamBatch(ctx, stream, next)
			if err != nil {
				yield(eventstore.RecordedEvent{}, err)
				return
			}
			for i := range batch {
				if batch[i].Revision != next {
					yield(eventstore.RecordedEvent{}, fmt.Errorf("%w: stream %s jumps from revision %d to %d", ErrCorrupt, stream, next, batch[i].Revision))
					return
				}
				next++
				if !yield(batch[i], nil) {
					return
				}
			}
			if len(batch) < readBatch {
				return
			}
		}
	}
}

func (s *Store) readStreamBatch(ctx context.Context, stream string, from uint64) ([]eventstore.RecordedEvent, error) {
	if from > math.MaxInt64 {
		return nil, nil
	}
	rows, err := s.stmts.stream.QueryContext(ctx, stream, int64(from), s.visibleHead(), readBatch)
	if err != nil {
		return nil, fmt.Errorf("read stream %s: %w", stream, err)
	}
	defer rows.Close()
	var out []eventstore.RecordedEvent
	for rows.Next() {
		var seq, rev int64
		var line []byte
		if err := rows.Scan(&seq, &rev, &line); err != nil {
			return nil, fmt.Errorf("read stream %s: %w", stream, err)
		}
		ev, err := decodeRow(seq, line)
		if err != nil {
			return nil, err
		}
		if ev.Stream != stream || ev.Revision != uint64(rev) {
			return nil, fmt.Errorf("%w: seq %d: columns (stream %q, revision %d) disagree with its export line", ErrCorrupt, seq, stream, rev)
		}
		out = append(out, ev)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read stream %s: %w", stream, err)
	}
	return out, nil
}

// ReadAll yields the ledger from seq from, up to the durable head.
func (s *Store) ReadAll(ctx context.Context, from uint64) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		head, err := s.Head(ctx)
		if err != nil {
			yield(eventstore.RecordedEvent{}, err)
			return
		}
		s.readRange(ctx, from, head, yield)
	}
}

// readRange yields [from, to) and reports the next seq to read and whether
// the consumer wants more.
func (s *Store) readRange(ctx context.Context, from, to uint64, yield func(eventstore.RecordedEvent, error) bool) (uint64, bool) {
	next := from
	// The first batch is small and the next ones double up to readBatch: a
	// reader that wants a page (the events route, a receipt, the start-up
	// check's tail) does not decode a thousand events to use ten.
	size := uint64(firstReadBatch)
	for next < to {
		if err := s.readErr(ctx); err != nil {
			yield(eventstore.RecordedEvent{}, err)
			return next, false
		}
		end := min(to, next+size)
		size = min(2*size, readBatch)
		batch, err := s.readAllBatch(ctx, next, end)
		if err != nil {
			yield(eventstore.RecordedEvent{}, err)
			return next, false
		}
		for i := range batch {
			if batch[i].Seq != next {
				yield(eventstore.RecordedEvent{}, fmt.Errorf("%w: seq %d is missing (next row has seq %d)", ErrCorrupt, next, batch[i].Seq))
				return next, false
			}
			next++
			if !yield(batch[i], nil) {
				return next, false
			}
		}
		if next < end {
			yield(eventstore.RecordedEvent{}, fmt.Errorf("%w: seq %d is missing", ErrCorrupt, next))
			return next, false
		}
	}
	return next, true
}

func (s *Store) readAllBatch(ctx context.Context, from, to uint64) ([]eventstore.RecordedEvent, error) {
	rows, err := s.stmts.all.QueryContext(ctx, int64(from), int64(to))
	if err != nil {
		return nil, fmt.Errorf("read ledger from seq %d: %w", from, err)
	}
	defer rows.Close()
	out := make([]eventstore.RecordedEvent, 0, to-from)
	for rows.Next() {
		var seq int64
		var line []byte
		if err := rows.Scan(&seq, &line); err != nil {
			return nil, fmt.Errorf("read ledger at seq %d: %w", seq, err)
		}
		ev, err := decodeRow(seq, line)
		if err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read ledger from seq %d: %w", from, err)
	}
	return out, nil
}

func decodeRow(seq int64, line []byte) (eventstore.RecordedEvent, error) {
	ev, err := eventstore.ParseTrustedExportLine(line)
	if err != nil {
		return ev, fmt.Errorf("%w: seq %d: %v", ErrCorrupt, seq, err)
	}
	if ev.Seq != uint64(seq) {
		return ev, fmt.Errorf("%w: row seq %d holds the export line of seq %d", ErrCorrupt, seq, ev.Seq)
	}
	return ev, nil
}

// Subscribe catches up from seq from and then follows new commits.
func (s *Store) Subscribe(ctx context.Context, from uint64) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		next := from
		for {
			// Take the wake-up channel before reading the head, so a commit
			// between the two cannot be missed.
			wake := s.notifyChan()
			if err := s.readErr(ctx); err != nil {
				yield(eventstore.RecordedEvent{}, err)
				return
			}
			head, err := s.Head(ctx)
			if err != nil {
				yield(eventstore.RecordedEvent{}, err)
				return
			}
			if next < head {
				var more bool
				if next, more = s.readRange(ctx, next, head, yield); !more {
					return
				}
				continue
			}
			if s.opts.ReadOnly {
				// No commits happen in this process: poll the file.
				select {
				case <-ctx.Done():
				case <-s.closing:
				case <-pollTick():
				}
				continue
			}
			select {
			case <-ctx.Done():
			case <-s.closing:
			case <-wake:
			}
		}
	}
}

// visibleHead bounds reads: a writing store shows only what it has
// published (committed and acknowledged in order); a read-only store shows
// whatever the file holds, which another process committed.
func (s *Store) visibleHead() int64 {
	if s.opts.ReadOnly {
		return math.MaxInt64
	}
	return int64(s.head.Load())
}

func (s *Store) readErr(ctx context.Context) error {
	if s.closed.Load() {
		return eventstore.ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return nil
}

// pollTick paces a read-only Subscribe, which cannot be woken by commits
// made in another process.
func pollTick() <-chan time.Time { return time.After(200 * time.Millisecond) }
