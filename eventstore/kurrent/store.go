package kurrent

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/ledger"
	"golang.org/x/mod/sumdb/tlog"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

var (
	_ eventstore.Store  = (*Store)(nil)
	_ ledger.TreeReader = (*Store)(nil)
)

// ErrUnavailable: the KurrentDB node did not answer or was not ready. The
// client rediscovers the cluster on the next call; an Append that fails
// with it may or may not have been written (retry with the same ids).
var ErrUnavailable = errors.New("kurrentdb unavailable")

// ErrIndexHalted: the index consumer met something in $all it cannot put
// in the ledger (an event that is not a tdkt envelope, a duplicate event
// id, an index record that does not chain), so the ledger stops growing.
// It needs an operator; see docs/KURRENTDB.md.
var ErrIndexHalted = errors.New("ledger index halted")

// NotIndexedError reports an Append that KurrentDB acknowledged (the events
// are durable) but that the index consumer had not given seqs to when the
// context ended. Retry the Append with the same ids to get its result.
type NotIndexedError struct {
	Stream string
	// Err is the context's error.
	Err error
}

func (e *NotIndexedError) Error() string {
	return fmt.Sprintf("append %s: the events are durable in KurrentDB but not yet indexed (no seq yet): %v; retry with the same ids to get the result", e.Stream, e.Err)
}

// Unwrap returns the context's error.
func (e *NotIndexedError) Unwrap() error { return e.Err }

// Options configure a Store. A nil *Options, and zero fields, mean the
// defaults, except that one of URL and Config is needed.
type Options struct {
	// URL is a connection string (see ParseURL). Ignored if Config is set.
	URL string
	// Config is a parsed client configuration. Start from ParseURL or
	// esdb.ParseConnectionString: the zero Configuration cannot connect.
	Config *esdb.Configuration
	// StreamPrefix namespaces the ledger in the database: ledger stream X
	// is the KurrentDB stream StreamPrefix+X, and only streams with the
	// prefix are in the ledger. Default "": every user stream is. Several
	// ledgers (or test runs) can then share one database.
	StreamPrefix string
	// IndexStream is the KurrentDB stream of the ledger index. Default
	// StreamPrefix + DefaultIndexStream.
	IndexStream string
	// MaxEventSize is the limit on one event's export line, in bytes.
	// Default eventstore.DefaultMaxEventSize.
	MaxEventSize int
	// MaxIndexBatch is the most events one index record covers. Default
	// 500, which keeps a record well under KurrentDB's 1 MiB append limit.
	MaxIndexBatch int
	// Logger receives the store's logs. Default slog.Default().
	Logger *slog.Logger
}

// Store is the ledger on KurrentDB. Create it with Open.
type Store struct {
	client        *esdb.Client
	tls           bool
	prefix        string
	indexStream   string
	maxEventSize  int
	maxIndexBatch int
	log           *slog.Logger

	closed   atomic.Bool
	cancel   context.CancelFunc
	consumer sync.WaitGroup

	// mu guards the index: everything below. The consumer goroutine is
	// its only writer; the slices only grow, so a reader may keep a slice
	// it took under mu and read the indexes below its length unlocked.
	mu       sync.RWMutex
	entries  []entry
	streams  map[string][]uint64
	ids      map[uuid.UUID]uint64
	hashes   []tlog.Hash
	indexRev int64 // revision of the last index record, -1 for none
	// wake is closed and replaced whenever the index grows or the store
	// closes or halts.
	wake   chan struct{}
	halted error

	// inflight holds the ids of Appends in progress in this process, so
	// two Appends of one id never race each other to KurrentDB.
	inflightMu sync.Mutex
	inflight   map[uuid.UUID]chan struct{}
}

// entry is one event of the ledger index, at seq = its position in
// Store.entries.
type entry struct {
	pos    esdb.Position
	id     uuid.UUID
	stream string
	rev    uint64
	at     time.Time
	leaf   tlog.Hash
}

// Open connects to KurrentDB, loads the ledger index from its stream,
// starts the index consumer and waits (bounded by ctx) until it has indexed
// every event already in $all. opts must name the server (URL or Config).
func Open(ctx context.Context, opts *Options) (*Store, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	cfg := o.Config
	if cfg == nil {
		if o.URL == "" {
			return nil, errors.New("kurrent: open: Options.URL or Options.Config is required")
		}
		var err error
		if cfg, err = ParseURL(o.URL); err != nil {
			return nil, err
		}
	} else {
		if err := checkConfig(cfg); err != nil {
			return nil, err
		}
		c := *cfg
		cfg = &c
	}
	if isSystemStream(o.StreamPrefix) {
		return nil, fmt.Errorf("kurrent: open: stream prefix %q starts with \"$\", which KurrentDB keeps for system streams", o.StreamPrefix)
	}
	if o.IndexStream == "" {
		o.IndexStream = o.StreamPrefix + DefaultIndexStream
	}
	if isSystemStream(o.IndexStream) {
		return nil, fmt.Errorf("kurrent: open: index stream %q is a system stream ($-prefixed); pick a user stream name", o.IndexStream)
	}
	if o.MaxEventSize <= 0 {
		o.MaxEventSize = eventstore.DefaultMaxEventSize
	}
	if o.MaxIndexBatch <= 0 {
		o.MaxIndexBatch = 500
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if cfg.Logger == nil {
		cfg.Logger = slogLogger(o.Logger)
	}
	client, err := esdb.NewClient(cfg)
	if err != nil {
		return nil, fmt.Errorf("kurrent: open: %w", err)
	}
	s := &Store{
		client:        client,
		tls:           !cfg.DisableTLS,
		prefix:        o.StreamPrefix,
		indexStream:   o.IndexStream,
		maxEventSize:  o.MaxEventSize,
		maxIndexBatch: o.MaxIndexBatch,
		log:           o.Logger,
		streams:       make(map[string][]uint64),
		ids:           make(map[uuid.UUID]uint64),
		indexRev:      -1,
		wake:          make(chan struct{}),
		inflight:      make(map[uuid.UUID]chan struct{}),
	}
	c := &consumer{s: s}
	if err := c.adopt(ctx); err != nil {
		_ = client.Close()
		return nil, fmt.Errorf("kurrent: open: load the ledger index from %q: %w", s.indexStream, err)
	}
	cctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	s.cancel = cancel
	s.consumer.Go(func() { c.run(cctx) })
	if err := s.sync(ctx); err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("kurrent: open: catch up with $all: %w", err)
	}
	return s, nil
}

// Close stops the index consumer and closes the client. Running iterators
// end with ErrClosed. Calling Close again returns nil.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	s.cancel()
	s.mu.Lock()
	close(s.wake)
	s.wake = make(chan struct{})
	s.mu.Unlock()
	s.consumer.Wait()
	return s.client.Close()
}

// Client returns the store's KurrentDB client, for operations outside the
// Store contract (the tests' fault checks, admin tools). Do not close it.
func (s *Store) Client() *esdb.Client { return s.client }

// Append appends events to stream; see eventstore.Store.
//
// The one difference from the embedded store: KurrentDB makes the events
// durable before the index consumer gives them seqs. Append waits, bounded
// by ctx, until they are indexed, so a nil error always comes with seqs;
// if ctx ends while it waits, it returns a *NotIndexedError (errors.Is the
// context's error): the append is durable, and a retry with the same ids
// returns its result.
//
// Any and StreamExists are sent to KurrentDB as the exact revision the
// index says the stream is at (after catching the index up with $all), and
// retried if another writer got there first; see expectedRevision.
func (s *Store) Append(ctx context.Context, stream string, expected eventstore.ExpectedRevision, events ...eventstore.Event) (eventstore.AppendResult, error) {
	if s.closed.Load() {
		return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", stream, eventstore.ErrClosed)
	}
	if err := ctx.Err(); err != nil {
		return eventstore.AppendResult{}, err
	}
	if err := eventstore.ValidateAppend(stream, events); err != nil {
		return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", stream, err)
	}
	if isSystemStream(s.prefix+stream) || s.prefix+stream == s.indexStream || s.prefix+stream == s.checkpointStream() {
		return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", stream, &eventstore.InvalidEventError{Index: -1, Field: "stream",
			Reason: "names starting with \"$\" are KurrentDB system streams, " + s.indexStream + " holds the ledger index and " + s.checkpointStream() + " its signed checkpoints"})
	}
	if err := s.checkSizes(stream, events); err != nil {
		return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", stream, err)
	}
	data := make([]esdb.EventData, len(events))
	for i := range events {
		d, err := eventData(&events[i])
		if err != nil {
			return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", stream, err)
		}
		data[i] = d
	}
	want := make([]eventstore.Event, len(events))
	for i, e := range events {
		want[i] = e.Clone()
	}
	release, err := s.claim(ctx, events)
	if err != nil {
		return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", stream, err)
	}
	defer release()

	for attempt := 0; ; attempt++ {
		if err := s.sync(ctx); err != nil {
			return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", stream, err)
		}
		s.mu.RLock()
		res, dup, err := s.findRetry(stream, want)
		head := uint64(len(s.entries))
		revs := s.streams[stream]
		s.mu.RUnlock()
		if err != nil {
			return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", stream, err)
		}
		if dup {
			return res, nil
		}
		cur, exists := uint64(len(revs))-1, len(revs) > 0
		var er esdb.ExpectedRevision
		switch {
		case expected.IsAny() || expected.IsStreamExists():
			if !expected.Allows(cur, exists) {
				return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", stream,
					&eventstore.ConcurrencyError{Stream: stream, Expected: expected, Actual: eventstore.NoRevision})
			}
			er = exactRevision(cur, exists)
		default:
			er = expectedRevision(expected)
		}
		_, err = s.client.AppendToStream(ctx, s.prefix+stream, esdb.AppendToStreamOptions{ExpectedRevision: er}, data...)
		var esErr *esdb.Error
		switch {
		case err == nil:
			return s.awaitIndexed(ctx, stream, want, head)
		case ctx.Err() != nil:
			return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", stream, ctx.Err())
		case errors.As(err, &esErr) && esErr.Code() == esdb.ErrorCodeWrongExpectedVersion:
			if expected.IsAny() || expected.IsStreamExists() {
				// Another writer moved the stream between our read and
				// our write: read again and retry.
				continue
			}
			actual, aerr := s.lastRevision(ctx, stream)
			if aerr != nil {
				return eventstore.AppendResult{}, fmt.Errorf("append %s: wrong expected revision %s; reading the actual one: %w", stream, expected, aerr)
			}
			return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", stream,
				&eventstore.ConcurrencyError{Stream: stream, Expected: expected, Actual: actual})
		case errors.As(err, &esErr) && esErr.Code() == esdb.ErrorCodeNotLeader && attempt == 0:
			// The client has reconnected to the leader the follower named;
			// retry once there.
			continue
		case errors.As(err, &esErr) && status.Code(esErr.Err()) == codes.InvalidArgument:
			return eventstore.AppendResult{}, fmt.Errorf("append %s: %w (server: %v)", stream, &eventstore.InvalidEventError{Index: -1, Field: "events",
				Reason: "the batch exceeds KurrentDB's maximum append size (MaxAppendSize, 1 MiB by default); split it or raise the server limit"}, esErr.Err())
		default:
			return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", stream, mapErr(err))
		}
	}
}

// mapErr classifies a client error: ErrUnavailable for a node that did not
// answer, the client's error otherwise.
func mapErr(err error) error {
	var esErr *esdb.Error
	if errors.As(err, &esErr) {
		switch esErr.Code() {
		case esdb.ErrorUnavailable, esdb.ErrorCodeConnectionClosed, esdb.ErrorCodeNotLeader, esdb.ErrorCodeDeadlineExceeded:
			return fmt.Errorf("%w: %w", ErrUnavailable, err)
		}
	}
	return err
}

// checkSizes checks each event's export line against the limit. The seq
// is not known before the append, so the line is measured with the seq
// the next event would get now; a seq that gains a digit meanwhile makes
// the stored line at most a few bytes longer.
func (s *Store) checkSizes(stream string, events []eventstore.Event) error {
	s.mu.RLock()
	head := uint64(len(s.entries))
	next := uint64(len(s.streams[stream]))
	s.mu.RUnlock()
	var line []byte
	for i := range events {
		r := eventstore.RecordedEvent{Seq: head + uint64(i), Stream: stream, Revision: next + uint64(i), RecordedAt: time.Unix(0, 0), Event: events[i]}
		line = eventstore.AppendExportLine(line[:0], &r)
		if err := eventstore.CheckSize(events[i].ID, line, s.maxEventSize); err != nil {
			return err
		}
	}
	return nil
}

// claim registers the ids of an Append in progress, waiting for any other
// Append in this process that uses one of them to finish first.
func (s *Store) claim(ctx context.Context, events []eventstore.Event) (func(), error) {
	for {
		s.inflightMu.Lock()
		var busy chan struct{}
		for _, e := range events {
			if ch, ok := s.inflight[e.ID]; ok {
				busy = ch
				break
			}
		}
		if busy == nil {
			done := make(chan struct{})
			for _, e := range events {
				s.inflight[e.ID] = done
			}
			s.inflightMu.Unlock()
			return func() {
				s.inflightMu.Lock()
				for _, e := range events {
					delete(s.inflight, e.ID)
				}
				s.inflightMu.Unlock()
				close(done)
			}, nil
		}
		s.inflightMu.Unlock()
		select {
		case <-busy:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// findRetry decides whether events repeat an earlier append, as memstore
// does, against the index. s.mu must be held (read).
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
	out := make([]eventstore.RecordedEvent, len(events))
	for i, e := range events {
		seq, found := s.ids[e.ID]
		if !found {
			return eventstore.AppendResult{}, false, &eventstore.IDConflictError{ID: events[0].ID, Seq: first,
				Reason: fmt.Sprintf("a retry must repeat the original append exactly, but event %d (%s) of this append was not recorded", i, e.ID)}
		}
		en := &s.entries[seq]
		rec := recordOf(seq, en, e)
		switch {
		case en.stream != stream:
			return eventstore.AppendResult{}, false, &eventstore.IDConflictError{ID: e.ID, Seq: seq,
				Reason: fmt.Sprintf("it is recorded in stream %q", en.stream)}
		case eventstore.LeafHash(eventstore.ExportLine(&rec)) != en.leaf:
			return eventstore.AppendResult{}, false, &eventstore.IDConflictError{ID: e.ID, Seq: seq,
				Reason: "it is recorded with other content"}
		case seq != first+uint64(i):
			return eventstore.AppendResult{}, false, &eventstore.IDConflictError{ID: e.ID, Seq: seq,
				Reason: "the ids were not recorded together in this order"}
		}
		out[i] = rec
	}
	return eventstore.AppendResult{Stream: stream, Revision: out[len(out)-1].Revision, Events: out, Duplicate: true}, true, nil
}

// recordOf is the recorded event at seq with the content e, as the index
// entry places it.
func recordOf(seq uint64, en *entry, e eventstore.Event) eventstore.RecordedEvent {
	return eventstore.RecordedEvent{Seq: seq, Stream: en.stream, Revision: en.rev, RecordedAt: en.at, Event: e.Clone()}
}

// awaitIndexed waits until the consumer has indexed the appended events
// and returns their result. head is the index head before the append: ids
// indexed below it were there before, so the append was a retry KurrentDB
// answered without writing.
func (s *Store) awaitIndexed(ctx context.Context, stream string, events []eventstore.Event, head uint64) (eventstore.AppendResult, error) {
	for {
		s.mu.RLock()
		_, ok := s.ids[events[len(events)-1].ID]
		var res eventstore.AppendResult
		var dup bool
		var err error
		if ok {
			res, dup, err = s.findRetry(stream, events)
		}
		wake, halted := s.wake, s.halted
		s.mu.RUnlock()
		switch {
		case err != nil:
			return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", stream, err)
		case dup:
			res.Duplicate = res.Events[0].Seq < head
			return res, nil
		case halted != nil:
			return eventstore.AppendResult{}, fmt.Errorf("append %s: the events are durable in KurrentDB but %w", stream, halted)
		case s.closed.Load():
			return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", stream, eventstore.ErrClosed)
		}
		select {
		case <-wake:
		case <-ctx.Done():
			return eventstore.AppendResult{}, &NotIndexedError{Stream: stream, Err: ctx.Err()}
		}
	}
}

// lastRevision reads the revision of the stream's last event from
// KurrentDB, or NoRevision if it has none.
func (s *Store) lastRevision(ctx context.Context, stream string) (int64, error) {
	rs, err := s.client.ReadStream(ctx, s.prefix+stream, esdb.ReadStreamOptions{Direction: esdb.Backwards, From: esdb.End{}}, 1)
	if err != nil {
		return 0, mapErr(err)
	}
	defer rs.Close()
	ev, err := rs.Recv()
	var esErr *esdb.Error
	switch {
	case errors.As(err, &esErr) && esErr.Code() == esdb.ErrorCodeResourceNotFound:
		return eventstore.NoRevision, nil
	case err != nil:
		return 0, mapErr(err)
	}
	return int64(ev.OriginalEvent().EventNumber), nil
}

// sync waits until the index covers every ledger event committed to $all
// before it was called: it finds the newest event of a ledger stream in
// $all and waits for the consumer to index it.
func (s *Store) sync(ctx context.Context) error {
	target, ok, err := s.latestLedgerPosition(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if s.closed.Load() {
			return eventstore.ErrClosed
		}
		return fmt.Errorf("find the head of $all: %w", mapErr(err))
	}
	if !ok {
		return nil
	}
	for {
		s.mu.RLock()
		n := len(s.entries)
		var at esdb.Position
		if n > 0 {
			at = s.entries[n-1].pos
		}
		wake, halted := s.wake, s.halted
		s.mu.RUnlock()
		if n > 0 && !posLess(at, target) {
			return nil
		}
		if halted != nil {
			return halted
		}
		if s.closed.Load() {
			return eventstore.ErrClosed
		}
		select {
		case <-wake:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// latestLedgerPosition returns the $all position of the newest event in a
// ledger stream (not a system stream, not the index stream), reading $all
// backwards from its end a page at a time; false if there is none.
func (s *Store) latestLedgerPosition(ctx context.Context) (esdb.Position, bool, error) {
	const page = 64
	var from esdb.AllPosition = esdb.End{}
	for {
		rs, err := s.client.ReadAll(ctx, esdb.ReadAllOptions{Direction: esdb.Backwards, From: from}, page)
		if err != nil {
			return esdb.Position{}, false, err
		}
		n := 0
		var last esdb.Position
		for {
			ev, err := rs.Recv()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				rs.Close()
				return esdb.Position{}, false, err
			}
			n++
			e := ev.OriginalEvent()
			last = e.Position
			if s.inLedger(e.StreamID) {
				rs.Close()
				return e.Position, true, nil
			}
		}
		rs.Close()
		if n < page {
			return esdb.Position{}, false, nil
		}
		from = last // backwards from a position is exclusive
	}
}

// Head returns the number of events in the ledger index.
func (s *Store) Head(ctx context.Context) (uint64, error) {
	if s.closed.Load() {
		return 0, eventstore.ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return uint64(len(s.entries)), nil
}

// StreamRevision returns the revision of the last indexed event in stream,
// and false if it has none.
func (s *Store) StreamRevision(ctx context.Context, stream string) (uint64, bool, error) {
	if s.closed.Load() {
		return 0, false, eventstore.ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return 0, false, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	revs := s.streams[stream]
	if len(revs) == 0 {
		return 0, false, nil
	}
	return uint64(len(revs) - 1), true, nil
}

// ReadHashes returns stored hashes of the ledger's Merkle tree
// (tlog.StoredHashIndex layout); it implements ledger.TreeReader.
func (s *Store) ReadHashes(ctx context.Context, indexes []int64) ([]tlog.Hash, error) {
	if s.closed.Load() {
		return nil, eventstore.ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]tlog.Hash, len(indexes))
	for i, idx := range indexes {
		if idx < 0 || idx >= int64(len(s.hashes)) {
			return nil, fmt.Errorf("kurrent: tree hash %d is beyond the index (%d hashes)", idx, len(s.hashes))
		}
		out[i] = s.hashes[idx]
	}
	return out, nil
}

// TreeHash returns the RFC 6962 root hash of the ledger's first size
// events.
func (s *Store) TreeHash(ctx context.Context, size uint64) (tlog.Hash, error) {
	return tlog.TreeHash(int64(size), tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		return s.ReadHashes(ctx, idx)
	}))
}

// inLedger reports whether a KurrentDB stream holds ledger events: it has
// the prefix, and is neither a system stream nor the index stream nor the
// checkpoint stream.
func (s *Store) inLedger(kstream string) bool {
	return !isSystemStream(kstream) && kstream != s.indexStream && kstream != s.checkpointStream() && strings.HasPrefix(kstream, s.prefix)
}
