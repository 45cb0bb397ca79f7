package kurrent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
	"golang.org/x/mod/sumdb/tlog"
)

// The ledger index.
//
// KurrentDB orders every event in $all, but its positions are byte offsets
// in the transaction log: increasing, not dense. The ledger needs a dense
// seq (the Merkle leaf index), so one ordered consumer of $all gives each
// event of a ledger stream the next seq, in $all order, and advances the
// RFC 6962 tree (sumdb/tlog stored-hash layout, as eventstore/sqlite). It
// records what it did as index records in the index stream
// (DefaultIndexStream), one record per batch of events:
//
//	{"first":12,"entries":[{"c":…,"p":…,"id":…,"s":stream,"r":rev,"t":unixnano,"h":leaf},…],"size":15,"root":…}
//
// Each record is appended with the exact expected revision of the record
// before it, so of several consumers (one per process) only one can advance
// the index; the others get a wrong expected version and adopt the record
// that won (reading it back and checking its tree root), which is the same
// order since $all is totally ordered. A record's id is derived from the
// seqs it covers, so a consumer's retry after an ambiguous failure is
// idempotent on the server. The tree's stored hashes are recomputed in
// memory from the leaves when the index is loaded, and every record's root
// is checked then.

// recordNamespace is the UUIDv5 namespace of index record ids.
var recordNamespace = uuid.MustParse("6f1d3c59-51a3-4f0e-9a47-0b6c2f3e8d21")

type indexRecord struct {
	First   uint64       `json:"first"`
	Entries []indexEntry `json:"entries"`
	Size    uint64       `json:"size"`
	Root    tlog.Hash    `json:"root"`
}

type indexEntry struct {
	Commit  uint64    `json:"c"`
	Prepare uint64    `json:"p"`
	ID      uuid.UUID `json:"id"`
	Stream  string    `json:"s"`
	Rev     uint64    `json:"r"`
	At      int64     `json:"t"`
	Leaf    tlog.Hash `json:"h"`
}

// haltError is a problem the consumer cannot retry its way out of.
type haltError struct{ err error }

func (e *haltError) Error() string { return e.err.Error() }
func (e *haltError) Unwrap() error { return e.err }

func halt(format string, args ...any) error { return &haltError{fmt.Errorf(format, args...)} }

// consumer is the index consumer. Its methods run on one goroutine (Open,
// then run), which is the only writer of the Store's index.
type consumer struct {
	s *Store
	// pending are ledger events received from $all and not yet indexed.
	pending []pendingEvent
	// recv is the last $all position received (event or checkpoint); the
	// subscription resumes after it.
	recv    esdb.Position
	hasRecv bool
}

type pendingEvent struct {
	pos esdb.Position
	rec eventstore.RecordedEvent
}

// run subscribes to $all and indexes until ctx ends, resubscribing after
// a drop from the last position received (subscription starts are
// exclusive, so nothing is seen twice or skipped).
func (c *consumer) run(ctx context.Context) {
	backoff := 10 * time.Millisecond
	for ctx.Err() == nil {
		progressed, err := c.consume(ctx)
		if ctx.Err() != nil {
			return
		}
		var h *haltError
		if errors.As(err, &h) {
			c.s.halt(err)
			return
		}
		if progressed {
			backoff = 10 * time.Millisecond
		}
		c.s.log.Warn("kurrent: index consumer: resubscribing to $all", "err", err, "after", backoff)
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, time.Second)
	}
}

// consume runs one subscription until it drops or a write fails. It
// reports whether it indexed or received anything.
func (c *consumer) consume(ctx context.Context) (bool, error) {
	if err := c.flush(ctx); err != nil {
		return false, err
	}
	var from esdb.AllPosition = esdb.Start{}
	if c.hasRecv {
		from = c.recv
	}
	// Skip system streams ($settings, $$metadata, $stats, …) on the
	// server, and streams outside the prefix; the index stream is skipped
	// here.
	filter := &esdb.SubscriptionFilter{Type: esdb.StreamFilterType, Regex: `^[^$]`}
	if c.s.prefix != "" {
		filter = &esdb.SubscriptionFilter{Type: esdb.StreamFilterType, Prefixes: []string{c.s.prefix}}
	}
	sub, err := c.s.client.SubscribeToAll(ctx, esdb.SubscribeToAllOptions{From: from, Filter: filter})
	if err != nil {
		return false, fmt.Errorf("subscribe to $all: %w", err)
	}
	ch := make(chan *esdb.SubscriptionEvent, 256)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			e := sub.Recv()
			select {
			case ch <- e:
			case <-stop:
				return
			}
			if e.SubscriptionDropped != nil {
				return
			}
		}
	}()
	defer func() {
		close(stop)
		_ = sub.Close()
		<-done
	}()
	progressed := false
	for {
		var batch []*esdb.SubscriptionEvent
		select {
		case e := <-ch:
			batch = append(batch, e)
		case <-ctx.Done():
			return progressed, ctx.Err()
		}
	more:
		for len(batch) < c.s.maxIndexBatch {
			select {
			case e := <-ch:
				batch = append(batch, e)
			default:
				break more
			}
		}
		var dropped error
		adopt := false
		for _, e := range batch {
			switch {
			case e.EventAppeared != nil:
				progressed = true
				ev := e.EventAppeared.OriginalEvent()
				c.recv, c.hasRecv = ev.Position, true
				switch {
				case ev.StreamID == c.s.indexStream:
					// Our own records are at or below indexRev; a newer one
					// was written by another process's consumer.
					adopt = adopt || int64(ev.EventNumber) > c.s.indexRev
				case !c.s.inLedger(ev.StreamID):
				default:
					rec, err := c.s.decodeEvent(ev)
					if err != nil {
						return progressed, &haltError{err}
					}
					c.pending = append(c.pending, pendingEvent{pos: ev.Position, rec: rec})
				}
			case e.CheckPointReached != nil:
				if cp := *e.CheckPointReached; !c.hasRecv || posLess(c.recv, cp) {
					c.recv, c.hasRecv = cp, true
				}
			case e.SubscriptionDropped != nil:
				dropped = e.SubscriptionDropped.Error
			}
		}
		if adopt {
			if err := c.adopt(ctx); err != nil {
				return progressed, err
			}
		}
		if err := c.flush(ctx); err != nil {
			return progressed, err
		}
		if dropped != nil {
			return progressed, fmt.Errorf("subscription dropped: %w", dropped)
		}
	}
}

// lastPos returns the position of the last indexed event.
func (c *consumer) lastPos() (esdb.Position, bool) {
	if n := len(c.s.entries); n > 0 {
		return c.s.entries[n-1].pos, true
	}
	return esdb.Position{}, false
}

// dropIndexed forgets pending events another consumer has indexed.
func (c *consumer) dropIndexed() {
	last, ok := c.lastPos()
	if !ok {
		return
	}
	i := 0
	for i < len(c.pending) && !posLess(last, c.pending[i].pos) {
		i++
	}
	c.pending = c.pending[i:]
}

// flush indexes the pending events, one record per batch.
func (c *consumer) flush(ctx context.Context) error {
	s := c.s
	for {
		c.dropIndexed()
		if len(c.pending) == 0 {
			return nil
		}
		n := min(len(c.pending), s.maxIndexBatch)
		first := uint64(len(s.entries))
		rec := indexRecord{First: first, Entries: make([]indexEntry, n)}
		leaves := make([]tlog.Hash, n)
		seen := make(map[uuid.UUID]bool, n)
		nextRev := make(map[string]uint64)
		for i, p := range c.pending[:n] {
			r := p.rec
			r.Seq = first + uint64(i)
			if seq, dup := s.ids[r.ID]; dup || seen[r.ID] {
				return halt("event %s in %q at revision %d (position %d) repeats an event id already in the ledger (seq %d): it was appended twice outside tdkt's idempotency, e.g. by two processes at once to two streams", r.ID, r.Stream, r.Revision, p.pos.Commit, seq)
			}
			seen[r.ID] = true
			want, ok := nextRev[r.Stream]
			if !ok {
				want = uint64(len(s.streams[r.Stream]))
			}
			if r.Revision != want {
				return halt("event %s in %q has revision %d, but the ledger has the stream up to revision %d: events were removed or hidden (deleted, truncated, scavenged)", r.ID, r.Stream, r.Revision, int64(want)-1)
			}
			nextRev[r.Stream] = want + 1
			if err := eventstore.ValidateEvent(&r.Event); err != nil {
				return halt("event %s in %q at revision %d is not a valid ledger event: %w", r.ID, r.Stream, r.Revision, err)
			}
			leaves[i] = eventstore.LeafHash(eventstore.ExportLine(&r))
			rec.Entries[i] = indexEntry{Commit: p.pos.Commit, Prepare: p.pos.Prepare, ID: r.ID, Stream: r.Stream,
				Rev: r.Revision, At: r.RecordedAt.UnixNano(), Leaf: leaves[i]}
		}
		hashes, root, err := c.grow(first, leaves)
		if err != nil {
			return halt("tree: %w", err)
		}
		rec.Size, rec.Root = first+uint64(n), root
		body, err := json.Marshal(&rec)
		if err != nil {
			return fmt.Errorf("encode index record: %w", err)
		}
		id := uuid.NewSHA1(recordNamespace, fmt.Appendf(nil, "%s/%d-%d", s.indexStream, first, first+uint64(n)-1))
		wr, err := s.client.AppendToStream(ctx, s.indexStream,
			esdb.AppendToStreamOptions{ExpectedRevision: exactRevision(uint64(s.indexRev), s.indexRev >= 0)},
			esdb.EventData{EventID: id, EventType: indexEventType, ContentType: esdb.ContentTypeJson, Data: body})
		var esErr *esdb.Error
		switch {
		case errors.As(err, &esErr) && esErr.Code() == esdb.ErrorCodeWrongExpectedVersion:
			// Another consumer advanced the index: adopt its records.
			if err := c.adopt(ctx); err != nil {
				return err
			}
			continue
		case err != nil:
			return fmt.Errorf("write index record for seqs %d..%d: %w", first, first+uint64(n)-1, err)
		}
		c.commit(&rec, hashes, int64(wr.NextExpectedVersion))
		c.pending = c.pending[n:]
	}
}

// grow computes the stored hashes the leaves add to the tree of size
// first, and the new root.
func (c *consumer) grow(first uint64, leaves []tlog.Hash) ([]tlog.Hash, tlog.Hash, error) {
	have := c.s.hashes
	var added []tlog.Hash
	reader := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(idx))
		for i, x := range idx {
			switch {
			case x < int64(len(have)):
				out[i] = have[x]
			case x-int64(len(have)) < int64(len(added)):
				out[i] = added[x-int64(len(have))]
			default:
				return nil, fmt.Errorf("stored hash %d is missing", x)
			}
		}
		return out, nil
	})
	for i, leaf := range leaves {
		hs, err := tlog.StoredHashesForRecordHash(int64(first)+int64(i), leaf, reader)
		if err != nil {
			return nil, tlog.Hash{}, err
		}
		added = append(added, hs...)
	}
	root, err := tlog.TreeHash(int64(first)+int64(len(leaves)), reader)
	if err != nil {
		return nil, tlog.Hash{}, err
	}
	return added, root, nil
}

// commit publishes an index record written or adopted at revision rev.
func (c *consumer) commit(rec *indexRecord, hashes []tlog.Hash, rev int64) {
	s := c.s
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, e := range rec.Entries {
		seq := rec.First + uint64(i)
		s.entries = append(s.entries, entry{pos: esdb.Position{Commit: e.Commit, Prepare: e.Prepare}, id: e.ID,
			stream: e.Stream, rev: e.Rev, at: time.Unix(0, e.At).UTC(), leaf: e.Leaf})
		s.streams[e.Stream] = append(s.streams[e.Stream], seq)
		s.ids[e.ID] = seq
	}
	s.hashes = append(s.hashes, hashes...)
	s.indexRev = rev
	if last, ok := c.lastPos(); ok && (!c.hasRecv || posLess(c.recv, last)) {
		c.recv, c.hasRecv = last, true
	}
	close(s.wake)
	s.wake = make(chan struct{})
}

// adopt reads the index records after indexRev and applies them, checking
// that each continues the index and that its root is the tree's.
func (c *consumer) adopt(ctx context.Context) error {
	s := c.s
	var from esdb.StreamPosition = esdb.Start{}
	if s.indexRev >= 0 {
		from = esdb.Revision(uint64(s.indexRev) + 1)
	}
	rs, err := s.client.ReadStream(ctx, s.indexStream, esdb.ReadStreamOptions{From: from}, ^uint64(0))
	if err != nil {
		return fmt.Errorf("read %s: %w", s.indexStream, err)
	}
	defer rs.Close()
	for {
		ev, err := rs.Recv()
		var esErr *esdb.Error
		switch {
		case errors.Is(err, io.EOF):
			return nil
		case errors.As(err, &esErr) && esErr.Code() == esdb.ErrorCodeResourceNotFound:
			return nil
		case err != nil:
			return fmt.Errorf("read %s: %w", s.indexStream, err)
		}
		e := ev.OriginalEvent()
		var rec indexRecord
		if err := json.Unmarshal(e.Data, &rec); err != nil || e.EventType != indexEventType {
			return halt("%s revision %d is not an index record (type %q): %v", s.indexStream, e.EventNumber, e.EventType, err)
		}
		if rec.First != uint64(len(s.entries)) || rec.Size != rec.First+uint64(len(rec.Entries)) || len(rec.Entries) == 0 {
			return halt("%s revision %d covers seqs %d..%d, but the index has %d events: the index stream does not chain", s.indexStream, e.EventNumber, rec.First, int64(rec.Size)-1, len(s.entries))
		}
		leaves := make([]tlog.Hash, len(rec.Entries))
		for i, en := range rec.Entries {
			if _, dup := s.ids[en.ID]; dup {
				return halt("%s revision %d indexes event %s a second time", s.indexStream, e.EventNumber, en.ID)
			}
			leaves[i] = en.Leaf
		}
		hashes, root, err := c.grow(rec.First, leaves)
		if err != nil {
			return halt("tree: %w", err)
		}
		if root != rec.Root {
			return halt("%s revision %d: tree root of size %d is %s, the record says %s", s.indexStream, e.EventNumber, rec.Size, root, rec.Root)
		}
		c.commit(&rec, hashes, int64(e.EventNumber))
		c.dropIndexed()
	}
}

// halt stops the ledger from growing: Appends fail with err from now on.
func (s *Store) halt(err error) {
	s.log.Error("kurrent: the ledger index has halted; the ledger needs an operator", "err", err)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.halted = fmt.Errorf("%w: %w", ErrIndexHalted, err)
	close(s.wake)
	s.wake = make(chan struct{})
}
