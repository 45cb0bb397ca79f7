package eventstore

import (
	"errors"
	"fmt"

	"github.com/google/uuid"
)

// Sentinel errors of the Store contract. Backends return these, or typed
// errors that match them with errors.Is.
var (
	// ErrConcurrency: the stream's revision did not satisfy the expected
	// revision. The concrete error is *ConcurrencyError.
	ErrConcurrency = errors.New("wrong expected revision")
	// ErrIDConflict: an event id is already recorded with other content.
	ErrIDConflict = errors.New("event id already recorded with other content")
	// ErrTooLarge: an event is larger than the configured limit.
	ErrTooLarge = errors.New("event too large")
	// ErrInvalidEvent: a malformed stream name, event or batch.
	ErrInvalidEvent = errors.New("invalid event")
	// ErrReadOnly: the store does not accept writes.
	ErrReadOnly = errors.New("store is read-only")
	// ErrClosed: the store was closed.
	ErrClosed = errors.New("store is closed")
)

// NoRevision is the Actual of a ConcurrencyError when the stream has no
// events.
const NoRevision int64 = -1

// ConcurrencyError reports an expected-revision mismatch.
type ConcurrencyError struct {
	Stream   string
	Expected ExpectedRevision
	// Actual is the stream's current revision, or NoRevision if it has no
	// events.
	Actual int64
}

func (e *ConcurrencyError) Error() string {
	actual := "no stream"
	if e.Actual >= 0 {
		actual = fmt.Sprintf("revision %d", e.Actual)
	}
	return fmt.Sprintf("stream %q: expected revision %s, actual %s", e.Stream, e.Expected, actual)
}

// Is makes errors.Is(err, ErrConcurrency) hold.
func (e *ConcurrencyError) Is(target error) bool { return target == ErrConcurrency }

// IDConflictError reports an event id that is already recorded with other
// content or in another stream, or an append whose ids are only partly
// recorded (a retry must repeat recorded events exactly; see Store.Append).
type IDConflictError struct {
	ID uuid.UUID
	// Seq is where the id is recorded.
	Seq    uint64
	Reason string
}

func (e *IDConflictError) Error() string {
	return fmt.Sprintf("event %s already recorded at seq %d: %s", e.ID, e.Seq, e.Reason)
}

// Is makes errors.Is(err, ErrIDConflict) hold.
func (e *IDConflictError) Is(target error) bool { return target == ErrIDConflict }

// TooLargeError reports an event over the size limit.
type TooLargeError struct {
	ID    uuid.UUID
	Size  int
	Limit int
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("event %s is %d bytes, over the limit of %d bytes", e.ID, e.Size, e.Limit)
}

// Is makes errors.Is(err, ErrTooLarge) hold.
func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

// InvalidEventError reports a malformed event, stream name or batch. Index is
// the event's position in the Append call, or -1 when the problem is not one
// event's.
type InvalidEventError struct {
	Index  int
	Field  string
	Reason string
}

func (e *InvalidEventError) Error() string {
	if e.Index < 0 {
		return fmt.Sprintf("invalid %s: %s", e.Field, e.Reason)
	}
	return fmt.Sprintf("invalid event %d: %s: %s", e.Index, e.Field, e.Reason)
}

// Is makes errors.Is(err, ErrInvalidEvent) hold.
func (e *InvalidEventError) Is(target error) bool { return target == ErrInvalidEvent }
