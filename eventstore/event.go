package eventstore

import (
	"bytes"
	"time"

	"github.com/google/uuid"
)

// Event is an event a writer proposes to append: everything in the envelope
// except what the store assigns (stream, revision, seq, recordedAt).
//
// Event is a value: the store copies Data before Append returns, and a
// caller must not rely on the store keeping a reference to it.
type Event struct {
	// ID is chosen by the writer and is the idempotency key. It must not be
	// uuid.Nil. Server-made ids are UUIDv7 (time-ordered), which keeps the
	// id index append-mostly.
	ID uuid.UUID
	// Type is the stable wire name, e.g. "CouncilReconstituted".
	Type string
	// Schema is the schema version of Data, 1 or more.
	Schema int
	// Effective is the business (valid) time the fact is about.
	Effective Effective
	// Actor is who recorded it, taken from authentication. Nil means none.
	Actor *Actor
	// Basis is the legal basis of the act, where one exists. Nil means none.
	Basis *Basis
	// Correlation ties together the events of one command; uuid.Nil means none.
	Correlation uuid.UUID
	// Causation is the id of what caused this event; uuid.Nil means none.
	Causation uuid.UUID
	// Data is the event body: a compact JSON object (no insignificant
	// whitespace), stored and exported byte for byte.
	Data []byte
}

// Effective is the valid time of a fact: a calendar date, and for yearly
// facts (scores, rankings, titles) the evaluation year. Either or both may be
// absent.
type Effective struct {
	// Date is an ISO 8601 calendar date, "2006-01-02", or "" for none.
	Date string
	// Year is the evaluation year, or 0 for none.
	Year int
}

// IsZero reports whether neither a date nor a year is set.
func (e Effective) IsZero() bool { return e.Date == "" && e.Year == 0 }

// Actor is who recorded an event.
type Actor struct {
	// Subject identifies the authenticated caller (a token's subject).
	Subject string
	// Role is the caller's role, e.g. "admin", "unit".
	Role string
	// Unit is the unit id the caller acts for, or "" for none.
	Unit string
}

// Basis is the legal basis of an official act.
type Basis struct {
	// Number is the document number as the sector writes it, e.g.
	// "123/QĐ-VKSTC".
	Number string
	// Date is the document's date, "2006-01-02", or "" if unknown.
	Date string
	// Issuer is who issued it, e.g. "VKSND tối cao", or "" if unknown.
	Issuer string
}

// RecordedEvent is an event as the ledger recorded it.
type RecordedEvent struct {
	// Seq is the dense 0-based index in the ledger's global order.
	Seq uint64
	// Stream is the stream the event belongs to, "<aggregate>-<id>".
	Stream string
	// Revision is the 0-based position of the event in its stream.
	Revision uint64
	// RecordedAt is the server clock (UTC) at append: transaction time.
	RecordedAt time.Time
	Event
}

// SameContent reports whether two proposed events carry the same content:
// every field the writer chose. It is what idempotent retries compare.
func SameContent(a, b Event) bool {
	return a.ID == b.ID && a.Type == b.Type && a.Schema == b.Schema &&
		a.Effective == b.Effective && eqActor(a.Actor, b.Actor) &&
		eqBasis(a.Basis, b.Basis) && a.Correlation == b.Correlation &&
		a.Causation == b.Causation && bytes.Equal(a.Data, b.Data)
}

func eqActor(a, b *Actor) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func eqBasis(a, b *Basis) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// Clone returns a deep copy of e: its data and the values behind its
// pointers, so the copy shares no memory with e.
func (e Event) Clone() Event {
	e.Data = bytes.Clone(e.Data)
	if e.Actor != nil {
		a := *e.Actor
		e.Actor = &a
	}
	if e.Basis != nil {
		b := *e.Basis
		e.Basis = &b
	}
	return e
}
