package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
	"golang.org/x/mod/sumdb/tlog"
)

type appendReq struct {
	ctx      context.Context
	stream   string
	expected eventstore.ExpectedRevision
	events   []eventstore.Event
	reply    chan appendResp
	// run, if set, is work that needs the writer to itself (Import): the
	// writer runs it between batches instead of appending.
	run func()
}

type appendResp struct {
	res eventstore.AppendResult
	err error
}

// writerState belongs to the writer goroutine.
type writerState struct {
	// heads caches each stream's last revision (-1: no events) as of the
	// last commit. Streams not in it are looked up in the file once.
	heads   map[string]int64
	nextSeq uint64
	lastAt  time.Time

	byID, streamRev   *sql.Stmt
	multi, treeInsert map[int]*sql.Stmt
	lineBuf           []byte
	frontier          frontier
}

func (w *writerState) init(ctx context.Context, s *Store, head uint64, lastAt time.Time) error {
	w.heads = make(map[string]int64)
	w.nextSeq = head
	w.lastAt = lastAt
	var err error
	if w.byID, err = s.wdb.PrepareContext(ctx, `SELECT seq, line FROM events WHERE id = ?`); err != nil {
		return err
	}
	if w.streamRev, err = s.wdb.PrepareContext(ctx, `SELECT max(revision) FROM events WHERE stream = ?`); err != nil {
		return err
	}
	if err := w.prepareMultiInserts(ctx, s.wdb); err != nil {
		return err
	}
	return w.prepareTreeInserts(ctx, s.wdb)
}

// Append appends events to stream; see eventstore.Store.
func (s *Store) Append(ctx context.Context, stream string, expected eventstore.ExpectedRevision, events ...eventstore.Event) (eventstore.AppendResult, error) {
	if s.opts.ReadOnly {
		return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", stream, eventstore.ErrReadOnly)
	}
	if s.closed.Load() {
		return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", stream, eventstore.ErrClosed)
	}
	if err := s.Fault(); err != nil {
		return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", stream, err)
	}
	if err := ctx.Err(); err != nil {
		return eventstore.AppendResult{}, err
	}
	if err := eventstore.ValidateAppend(stream, events); err != nil {
		return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", stream, err)
	}
	own := make([]eventstore.Event, len(events))
	for i, e := range events {
		own[i] = e.Clone()
	}
	req := &appendReq{ctx: ctx, stream: stream, expected: expected, events: own, reply: make(chan appendResp, 1)}
	select {
	case s.reqs <- req:
	case <-s.closing:
		return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", stream, eventstore.ErrClosed)
	case <-ctx.Done():
		return eventstore.AppendResult{}, ctx.Err()
	}
	select {
	case r := <-req.reply:
		return r.res, r.err
	case <-ctx.Done():
		// The writer has the request and may still commit it; a retry
		// with the same ids tells.
		return eventstore.AppendResult{}, ctx.Err()
	}
}

// writer is the one goroutine that writes. It takes every append waiting
// and commits them in one transaction with one fsync (group commit).
func (s *Store) writer() {
	defer s.done.Done()
	var retry <-chan time.Time
	for {
		if f := s.fault.Load(); f != nil && f.recoverable && retry == nil && s.opts.RecoverInterval > 0 {
			retry = time.After(s.opts.RecoverInterval)
		}
		var first *appendReq
		select {
		case first = <-s.reqs:
		case <-s.closing:
			return
		case <-retry:
			retry = nil
			if err := s.recover(); err != nil {
				s.log.Warn("the ledger still cannot be written; will try again", "err", err, "in", s.opts.RecoverInterval)
			}
			continue
		}
		if first.run != nil {
			first.run()
			continue
		}
		batch := []*appendReq{first}
		n := len(first.events)
		var exclusive *appendReq
	drain:
		for n < s.opts.MaxBatchEvents {
			select {
			case r := <-s.reqs:
				if r.run != nil {
					exclusive = r
					break drain
				}
				batch = append(batch, r)
				n += len(r.events)
			default:
				break drain
			}
		}
		s.commitBatch(batch)
		if exclusive != nil {
			exclusive.run()
		}
	}
}

// errFatal marks an error that aborts the whole batch's transaction.
type errFatal struct{ err error }

func (e errFatal) Error() string { return e.err.Error() }
func (e errFatal) Unwrap() error { return e.err }

func (s *Store) commitBatch(batch []*appendReq) {
	resps, bt, err := s.runBatch(batch, true)
	if errors.Is(err, errRetrySlow) {
		// An id in the batch is already recorded: redo the batch checking
		// every id first, so retries are answered and conflicts reported.
		resps, bt, err = s.runBatch(batch, false)
	}
	if err != nil {
		// A storage fault, not one append's rejection. Whether the commit
		// reached the disk is unknown (a failed fsync may leave WAL frames
		// that recovery replays), so the store stops writing: every append
		// of the batch and after gets ErrReadOnly with the cause; after a
		// restart, a retry with the same ids tells what happened.
		s.log.Error("append batch failed; the store is read-only until restarted", "err", err, "appends", len(batch))
		s.fault.CompareAndSwap(nil, &faultErr{cause: err, recoverable: true})
		for _, r := range batch {
			r.reply <- appendResp{err: fmt.Errorf("append %s: outcome unknown (retry with the same ids once the ledger accepts writes again: it tells whether they were recorded): %w", r.stream, s.Fault())}
		}
		return
	}
	// Durable now: publish.
	w := &s.w
	for stream, rev := range bt.overlay {
		w.heads[stream] = rev
	}
	w.nextSeq = bt.seq
	w.lastAt = bt.lastAt
	w.frontier = bt.frontier
	if bt.wrote {
		s.head.Store(bt.seq)
		s.wakeSubscribers()
	}
	for i, r := range batch {
		r.reply <- resps[i]
	}
}

// errRetrySlow: the fast path met an id that is already recorded.
var errRetrySlow = errors.New("an event id in the batch is already recorded")

// runBatch writes a batch in one transaction and commits it. In the fast
// path it checks expected revisions against the head cache and inserts all
// accepted events with multi-row INSERTs, relying on UNIQUE(id) to reveal
// retries (errRetrySlow: the transaction is rolled back). The slow path
// looks every id up first. A returned error fails every append that had not
// already been rejected on its own.
func (s *Store) runBatch(batch []*appendReq, fast bool) ([]appendResp, *batchTx, error) {
	w := &s.w
	resps := make([]appendResp, len(batch))
	ctx := context.Background() // the batch is not any one request's
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	bt := &batchTx{
		tx:        tx,
		byID:      tx.StmtContext(ctx, w.byID),
		streamRev: tx.StmtContext(ctx, w.streamRev),
		overlay:   make(map[string]int64),
		seq:       w.nextSeq,
		lastAt:    w.lastAt,
		fast:      fast,
		frontier:  w.frontier,
	}
	for i, r := range batch {
		if err := r.ctx.Err(); err != nil {
			resps[i].err = err
			continue
		}
		res, err := s.applyOne(ctx, bt, r)
		var fatal errFatal
		if errors.As(err, &fatal) {
			_ = tx.Rollback()
			return resps, nil, fatal.err
		}
		if err != nil {
			resps[i].err = fmt.Errorf("append %s: %w", r.stream, err)
			continue
		}
		bt.wrote = bt.wrote || !res.Duplicate
		resps[i].res = res
		if !fast {
			// Write now, so the next append's id checks see these rows.
			if err := s.flushInserts(ctx, bt); err != nil {
				_ = tx.Rollback()
				return resps, nil, err
			}
		}
	}
	if err := s.flushInserts(ctx, bt); err != nil {
		_ = tx.Rollback()
		return resps, nil, err
	}
	if err := tx.Commit(); err != nil {
		_ = tx.Rollback()
		return resps, nil, fmt.Errorf("commit: %w", err)
	}
	return resps, bt, nil
}

// insertChunk is the most rows one multi-row INSERT carries.
const insertChunk = 64

// flushInserts writes the collected rows and their Merkle tree hashes.
func (s *Store) flushInserts(ctx context.Context, bt *batchTx) error {
	if len(bt.pending) == 0 {
		return nil
	}
	if err := s.addLeaves(ctx, bt, bt.pending); err != nil {
		return err
	}
	rows := bt.pending
	bt.pending = nil
	for len(rows) > 0 {
		n := min(len(rows), insertChunk)
		st := s.w.multi[n]
		args := make([]any, 0, 5*n)
		for _, r := range rows[:n] {
			args = append(args, int64(r.seq), r.id, r.stream, int64(r.revision), r.line)
		}
		if _, err := bt.tx.StmtContext(ctx, st).ExecContext(ctx, args...); err != nil {
			if isUniqueID(err) {
				return errRetrySlow
			}
			return fmt.Errorf("insert from seq %d: %w", rows[0].seq, err)
		}
		rows = rows[n:]
	}
	return nil
}

// prepareMultiInserts prepares the INSERTs of 1 to insertChunk rows. They
// are prepared at open: the writer's one connection is busy during a batch.
func (w *writerState) prepareMultiInserts(ctx context.Context, db *sql.DB) error {
	w.multi = make(map[int]*sql.Stmt, insertChunk)
	for n := 1; n <= insertChunk; n++ {
		q := "INSERT INTO events(seq, id, stream, revision, line) VALUES " +
			strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?), ", n), ", ")
		st, err := db.PrepareContext(ctx, q)
		if err != nil {
			return err
		}
		w.multi[n] = st
	}
	return nil
}

func isUniqueID(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed: events.id")
}

type pendingRow struct {
	seq      uint64
	id       string
	stream   string
	revision uint64
	line     string
	leaf     tlog.Hash // RFC 6962 leaf hash of line
}

type batchTx struct {
	tx              *sql.Tx
	byID, streamRev *sql.Stmt
	overlay         map[string]int64
	seq             uint64
	lastAt          time.Time
	// fast: check ids only when an expected revision fails, and collect
	// rows in pending for multi-row inserts.
	fast       bool
	pendingIDs map[uuid.UUID]struct{} // ids written earlier in this batch (fast path)
	pending    []pendingRow
	wrote      bool
	frontier   frontier
}

// applyOne checks and writes one append inside the batch transaction. A
// plain error rejects this append only (nothing of it was written); an
// errFatal aborts the batch.
func (s *Store) applyOne(ctx context.Context, bt *batchTx, r *appendReq) (eventstore.AppendResult, error) {
	if !bt.fast {
		if res, dup, err := s.findRetry(ctx, bt, r); dup || err != nil {
			return res, err
		}
	} else {
		// An id written earlier in this batch is not in the file yet: only
		// the slow path, which writes append by append, can answer it.
		for _, e := range r.events {
			if _, ok := bt.pendingIDs[e.ID]; ok {
				return eventstore.AppendResult{}, errFatal{errRetrySlow}
			}
		}
	}
	cur, err := s.streamHead(ctx, bt, r.stream)
	if err != nil {
		return eventstore.AppendResult{}, errFatal{err}
	}
	if !r.expected.Allows(uint64(cur), cur >= 0) {
		if bt.fast {
			// A retry's expected revision is stale by design: look first.
			if res, dup, err := s.findRetry(ctx, bt, r); dup || err != nil {
				return res, err
			}
		}
		return eventstore.AppendResult{}, &eventstore.ConcurrencyError{Stream: r.stream, Expected: r.expected, Actual: cur}
	}
	at := s.now().UTC()
	if at.Before(bt.lastAt) {
		at = bt.lastAt // recordedAt never goes backwards in seq order
	}
	recs := make([]eventstore.RecordedEvent, len(r.events))
	lines := make([]string, len(r.events))
	leaves := make([]tlog.Hash, len(r.events))
	buf := s.w.lineBuf[:0]
	for i, e := range r.events {
		recs[i] = eventstore.RecordedEvent{
			Seq:        bt.seq + uint64(i),
			Stream:     r.stream,
			Revision:   uint64(cur + 1 + int64(i)),
			RecordedAt: at,
			Event:      e,
		}
		buf = eventstore.AppendExportLine(buf[:0], &recs[i])
		if err := eventstore.CheckSize(e.ID, buf, s.opts.MaxEventSize); err != nil {
			return eventstore.AppendResult{}, err
		}
		lines[i] = string(buf)
		leaves[i] = eventstore.LeafHash(buf)
	}
	if cap(buf) <= 1<<16 {
		s.w.lineBuf = buf
	}
	for i := range recs {
		if bt.fast {
			if bt.pendingIDs == nil {
				bt.pendingIDs = make(map[uuid.UUID]struct{})
			}
			bt.pendingIDs[recs[i].ID] = struct{}{}
		}
		bt.pending = append(bt.pending, pendingRow{recs[i].Seq, recs[i].ID.String(), r.stream, recs[i].Revision, lines[i], leaves[i]})
	}
	last := cur + int64(len(recs))
	bt.overlay[r.stream] = last
	bt.seq += uint64(len(recs))
	bt.lastAt = at
	return eventstore.AppendResult{Stream: r.stream, Revision: uint64(last), Events: recs}, nil
}

// streamHead returns stream's last revision (-1: none) as the batch sees it.
func (s *Store) streamHead(ctx context.Context, bt *batchTx, stream string) (int64, error) {
	if rev, ok := bt.overlay[stream]; ok {
		return rev, nil
	}
	if rev, ok := s.w.heads[stream]; ok {
		return rev, nil
	}
	var rev sql.NullInt64
	if err := bt.streamRev.QueryRowContext(ctx, stream).Scan(&rev); err != nil {
		return 0, fmt.Errorf("read head of %s: %w", stream, err)
	}
	if !rev.Valid {
		return -1, nil
	}
	return rev.Int64, nil
}

// findRetry looks the append's ids up. None recorded: not a retry. All
// recorded, in this stream, contiguously, with the same content: a retry,
// answered with the original result. Anything else is an IDConflictError.
func (s *Store) findRetry(ctx context.Context, bt *batchTx, r *appendReq) (eventstore.AppendResult, bool, error) {
	var found []eventstore.RecordedEvent
	for i, e := range r.events {
		var seq int64
		var line []byte
		err := bt.byID.QueryRowContext(ctx, e.ID.String()).Scan(&seq, &line)
		if errors.Is(err, sql.ErrNoRows) {
			if len(found) > 0 {
				return eventstore.AppendResult{}, false, &eventstore.IDConflictError{ID: found[0].ID, Seq: found[0].Seq,
					Reason: fmt.Sprintf("a retry must repeat the original append exactly, but event %d (%s) was not part of it", i, e.ID)}
			}
			continue
		}
		if err != nil {
			return eventstore.AppendResult{}, false, errFatal{fmt.Errorf("look up event id %s: %w", e.ID, err)}
		}
		rec, err := decodeRow(seq, line)
		if err != nil {
			return eventstore.AppendResult{}, false, errFatal{err}
		}
		switch {
		case i != len(found):
			return eventstore.AppendResult{}, false, &eventstore.IDConflictError{ID: e.ID, Seq: rec.Seq,
				Reason: fmt.Sprintf("a retry must repeat the original append exactly, but event %d of this append was not recorded", len(found))}
		case rec.Stream != r.stream:
			return eventstore.AppendResult{}, false, &eventstore.IDConflictError{ID: e.ID, Seq: rec.Seq,
				Reason: fmt.Sprintf("it is recorded in stream %q", rec.Stream)}
		case !eventstore.SameContent(rec.Event, e):
			return eventstore.AppendResult{}, false, &eventstore.IDConflictError{ID: e.ID, Seq: rec.Seq,
				Reason: "the recorded event has other content"}
		case i > 0 && (rec.Seq != found[i-1].Seq+1 || rec.Revision != found[i-1].Revision+1):
			return eventstore.AppendResult{}, false, &eventstore.IDConflictError{ID: e.ID, Seq: rec.Seq,
				Reason: "the ids were recorded by different appends"}
		}
		found = append(found, rec)
	}
	if len(found) == 0 {
		return eventstore.AppendResult{}, false, nil
	}
	last := found[len(found)-1]
	return eventstore.AppendResult{Stream: r.stream, Revision: last.Revision, Events: found, Duplicate: true}, true, nil
}
