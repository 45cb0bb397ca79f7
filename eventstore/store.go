package eventstore

import (
	"context"
	"iter"
	"strconv"
)

// DefaultMaxEventSize is the default limit on one event's export line, in
// bytes (1 MiB). Backends make it configurable.
const DefaultMaxEventSize = 1 << 20

// MaxStreamNameLen is the longest stream name, in bytes, any backend accepts.
const MaxStreamNameLen = 512

// MaxTypeLen is the longest event type (wire name), in bytes.
const MaxTypeLen = 128

// MaxEventsPerAppend is the most events one Append may carry.
const MaxEventsPerAppend = 10_000

// Store is the ledger's storage contract. Implementations are safe for
// concurrent use. Conformance is checked by eventstore/storetest.
type Store interface {
	// Append atomically appends events to stream if the stream's current
	// revision satisfies expected, and returns what was recorded. The events
	// get contiguous revisions in the stream and contiguous seqs in the
	// ledger, in argument order. When Append returns nil the events are
	// durable.
	//
	// A retry whose event ids were all already recorded, in this stream,
	// contiguously and with the same content (SameContent), returns the
	// original result, whatever expected says, and writes nothing. (A retry
	// of a contiguous part of an earlier append is answered the same way.)
	// Embedded backends also keep recordedAt non-decreasing in seq order.
	//
	// Errors:
	//   - *ConcurrencyError (errors.Is ErrConcurrency) if expected does not
	//     hold; it carries the stream, expected and actual revision;
	//   - *IDConflictError (errors.Is ErrIDConflict) if an event id is already
	//     recorded with other content or elsewhere, or a retry is partial;
	//   - *TooLargeError (errors.Is ErrTooLarge) if an event's export line
	//     exceeds the configured limit;
	//   - *InvalidEventError (errors.Is ErrInvalidEvent) for a malformed stream
	//     name, event, or an empty or oversized batch;
	//   - ErrReadOnly if the store was opened read-only or was made read-only
	//     after a fault; ErrClosed after Close; the context's error if ctx ends
	//     first (the append may then still have happened: retry with the same
	//     ids to find out).
	// On any error nothing is written.
	Append(ctx context.Context, stream string, expected ExpectedRevision, events ...Event) (AppendResult, error)

	// ReadStream yields the events of stream with revision >= from, in
	// revision order. A stream that does not exist yields nothing. It stops
	// at the first error, which it yields (the context's error included).
	ReadStream(ctx context.Context, stream string, from uint64) iter.Seq2[RecordedEvent, error]

	// ReadAll yields the ledger's events with seq >= from, in seq order, with
	// no gaps, up to the head as it finds it. Events appended while it runs
	// may or may not be included. It stops at the first error, which it
	// yields (the context's error included). Breaking out early is allowed
	// and releases everything it holds.
	ReadAll(ctx context.Context, from uint64) iter.Seq2[RecordedEvent, error]

	// Subscribe yields the ledger's events with seq >= from, in seq order,
	// first catching up with what is recorded and then yielding new events
	// as they are appended, with no gap and no duplicate at the hand-over. It
	// runs until ctx ends, when it yields ctx's error once and stops, or
	// until the consumer breaks out, or a read fails (the error is yielded).
	// Only durable events are yielded.
	Subscribe(ctx context.Context, from uint64) iter.Seq2[RecordedEvent, error]

	// Head returns the number of events in the ledger: the seq the next
	// event will get, and the size of the Merkle tree over the ledger.
	Head(ctx context.Context) (uint64, error)

	// StreamRevision returns the revision of the last event in stream, and
	// false if the stream has no events.
	StreamRevision(ctx context.Context, stream string) (uint64, bool, error)

	// Close releases the store. Calls after Close fail with ErrClosed;
	// running iterators stop with ErrClosed.
	Close() error
}

// AppendResult is what an Append recorded.
type AppendResult struct {
	// Stream is the stream appended to.
	Stream string
	// Revision is the stream's revision after the append: the revision of
	// the last event recorded.
	Revision uint64
	// Events are the recorded events, in order, with seq, revision and
	// recordedAt set.
	Events []RecordedEvent
	// Duplicate is true when the append was a retry that wrote nothing and
	// returned the original result.
	Duplicate bool
}

// ExpectedRevision states what an append expects of its stream. It is a
// closed set: Any, NoStream, StreamExists, or Exact(r). The zero value is
// Any: callers that mean to check concurrency must say so.
type ExpectedRevision struct {
	kind expectKind
	rev  uint64
}

type expectKind uint8

const (
	expectAny expectKind = iota
	expectNoStream
	expectStreamExists
	expectExact
)

var (
	// Any appends whatever the stream's state.
	Any = ExpectedRevision{kind: expectAny}
	// NoStream appends only if the stream has no events.
	NoStream = ExpectedRevision{kind: expectNoStream}
	// StreamExists appends only if the stream has at least one event.
	StreamExists = ExpectedRevision{kind: expectStreamExists}
)

// Exact appends only if the stream's last event has revision rev.
func Exact(rev uint64) ExpectedRevision { return ExpectedRevision{kind: expectExact, rev: rev} }

// Revision returns the exact revision expected, and false for Any, NoStream
// and StreamExists.
func (e ExpectedRevision) Revision() (uint64, bool) { return e.rev, e.kind == expectExact }

// IsAny reports whether e is Any.
func (e ExpectedRevision) IsAny() bool { return e.kind == expectAny }

// IsNoStream reports whether e is NoStream.
func (e ExpectedRevision) IsNoStream() bool { return e.kind == expectNoStream }

// IsStreamExists reports whether e is StreamExists.
func (e ExpectedRevision) IsStreamExists() bool { return e.kind == expectStreamExists }

// Allows reports whether a stream whose last revision is current (exists
// false: the stream has no events) satisfies e.
func (e ExpectedRevision) Allows(current uint64, exists bool) bool {
	switch e.kind {
	case expectAny:
		return true
	case expectNoStream:
		return !exists
	case expectStreamExists:
		return exists
	default:
		return exists && current == e.rev
	}
}

// String returns "any", "no-stream", "stream-exists" or the revision.
func (e ExpectedRevision) String() string {
	switch e.kind {
	case expectAny:
		return "any"
	case expectNoStream:
		return "no-stream"
	case expectStreamExists:
		return "stream-exists"
	default:
		return strconv.FormatUint(e.rev, 10)
	}
}
