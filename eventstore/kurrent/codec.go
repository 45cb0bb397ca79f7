package kurrent

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
)

// Stream naming and revisions.
//
// A ledger stream is a KurrentDB stream of the same name, byte for byte;
// names starting with "$" are KurrentDB system streams and are refused, and
// so is the ledger index stream. A KurrentDB event number is the 0-based
// revision of the event in its stream, exactly our Revision, so revisions
// need no offset (unlike the old TCP API's -1/-2 sentinels). The one
// conversion is expectedRevision below.

// DefaultIndexStream is the stream that holds the ledger index: the
// seq → $all position map and the Merkle tree heads. It is a user stream
// (system streams start with "$") written only by the index consumer.
const DefaultIndexStream = "tdkt-ledger-index"

// indexEventType is the event type of one index record.
const indexEventType = "tdkt.ledger.indexed.v1"

// isSystemStream reports whether stream is a KurrentDB system stream
// ($settings, $$x metadata, $stats-…, $>-links, …).
func isSystemStream(stream string) bool { return strings.HasPrefix(stream, "$") }

// expectedRevision converts an ExpectedRevision to the client's. Revisions
// are the same numbers on both sides (0-based revision of the stream's last
// event); Exact(r) is esdb.Revision(r), NoStream is esdb.NoStream{}. Any and
// StreamExists are never sent as such: KurrentDB checks ids for
// idempotency only in a bounded in-memory cache for them, so a retry after
// a cache eviction or a restart would be written twice. Append sends them
// as the exact current revision it read (cur, exists) instead, and retries
// on a conflict; exactRevision does that conversion.
func expectedRevision(e eventstore.ExpectedRevision) esdb.ExpectedRevision {
	if rev, ok := e.Revision(); ok {
		return esdb.Revision(rev)
	}
	return esdb.NoStream{}
}

// exactRevision is the expected revision that holds only for a stream
// whose last revision is cur (exists false: no events).
func exactRevision(cur uint64, exists bool) esdb.ExpectedRevision {
	if !exists {
		return esdb.NoStream{}
	}
	return esdb.Revision(cur)
}

// envelope is the event metadata (KurrentDB "user metadata") that carries
// the fields of the envelope KurrentDB has no place for. The event id, type,
// stream and revision are KurrentDB's own; data is the event's data,
// verbatim; recordedAt is KurrentDB's "created" (server clock, 100 ns).
type envelope struct {
	V           int           `json:"v"`
	Schema      int           `json:"schema"`
	Effective   *effectiveDoc `json:"effective,omitempty"`
	Actor       *actorDoc     `json:"actor,omitempty"`
	Basis       *basisDoc     `json:"basis,omitempty"`
	Correlation *uuid.UUID    `json:"correlation,omitempty"`
	Causation   *uuid.UUID    `json:"causation,omitempty"`
}

type effectiveDoc struct {
	Date string `json:"date,omitempty"`
	Year int    `json:"year,omitempty"`
}

type actorDoc struct {
	Subject string `json:"subject"`
	Role    string `json:"role,omitempty"`
	Unit    string `json:"unit,omitempty"`
}

type basisDoc struct {
	Number string `json:"number"`
	Date   string `json:"date,omitempty"`
	Issuer string `json:"issuer,omitempty"`
}

// envelopeVersion is the version of the metadata document.
const envelopeVersion = 1

// eventData returns the KurrentDB event for e.
func eventData(e *eventstore.Event) (esdb.EventData, error) {
	env := envelope{V: envelopeVersion, Schema: e.Schema}
	if !e.Effective.IsZero() {
		env.Effective = &effectiveDoc{Date: e.Effective.Date, Year: e.Effective.Year}
	}
	if a := e.Actor; a != nil {
		env.Actor = &actorDoc{Subject: a.Subject, Role: a.Role, Unit: a.Unit}
	}
	if b := e.Basis; b != nil {
		env.Basis = &basisDoc{Number: b.Number, Date: b.Date, Issuer: b.Issuer}
	}
	if e.Correlation != uuid.Nil {
		c := e.Correlation
		env.Correlation = &c
	}
	if e.Causation != uuid.Nil {
		c := e.Causation
		env.Causation = &c
	}
	meta, err := json.Marshal(&env)
	if err != nil {
		return esdb.EventData{}, fmt.Errorf("encode envelope of %s: %w", e.ID, err)
	}
	return esdb.EventData{
		EventID:     e.ID,
		EventType:   e.Type,
		ContentType: esdb.ContentTypeJson,
		Data:        e.Data,
		Metadata:    meta,
	}, nil
}

// decodeEvent turns a KurrentDB event of a ledger stream back into a
// recorded event, without its seq, which only the ledger index knows.
func (s *Store) decodeEvent(ev *esdb.RecordedEvent) (eventstore.RecordedEvent, error) {
	var env envelope
	if err := json.Unmarshal(ev.UserMetadata, &env); err != nil {
		return eventstore.RecordedEvent{}, fmt.Errorf("event %s in %q at revision %d: metadata is not a tdkt envelope: %w", ev.EventID, ev.StreamID, ev.EventNumber, err)
	}
	if env.V != envelopeVersion {
		return eventstore.RecordedEvent{}, fmt.Errorf("event %s in %q at revision %d: envelope version %d, want %d", ev.EventID, ev.StreamID, ev.EventNumber, env.V, envelopeVersion)
	}
	r := eventstore.RecordedEvent{
		Stream:     strings.TrimPrefix(ev.StreamID, s.prefix),
		Revision:   ev.EventNumber,
		RecordedAt: ev.CreatedDate.UTC(),
		Event: eventstore.Event{
			ID:     ev.EventID,
			Type:   ev.EventType,
			Schema: env.Schema,
			Data:   ev.Data,
		},
	}
	if d := env.Effective; d != nil {
		r.Effective = eventstore.Effective{Date: d.Date, Year: d.Year}
	}
	if a := env.Actor; a != nil {
		r.Actor = &eventstore.Actor{Subject: a.Subject, Role: a.Role, Unit: a.Unit}
	}
	if b := env.Basis; b != nil {
		r.Basis = &eventstore.Basis{Number: b.Number, Date: b.Date, Issuer: b.Issuer}
	}
	if env.Correlation != nil {
		r.Correlation = *env.Correlation
	}
	if env.Causation != nil {
		r.Causation = *env.Causation
	}
	if r.Data == nil {
		r.Data = []byte{}
	}
	return r, nil
}

// posLess orders $all positions: by commit, then prepare.
func posLess(a, b esdb.Position) bool {
	return a.Commit < b.Commit || (a.Commit == b.Commit && a.Prepare < b.Prepare)
}
