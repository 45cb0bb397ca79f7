package projections

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
)

// AuditEntry is one event of a stream, from its envelope: what, who, when
// (recorded and effective) and on what legal basis.
type AuditEntry struct {
	Seq           uint64    `json:"seq"`
	Revision      uint64    `json:"revision"`
	EventID       string    `json:"eventId"`
	Type          string    `json:"type"`
	RecordedAt    time.Time `json:"recordedAt"`
	EffectiveDate string    `json:"effectiveDate,omitempty"`
	EffectiveYear int       `json:"effectiveYear,omitempty"`
	Actor         *Actor    `json:"actor,omitempty"`
	Basis         *DocRef   `json:"basis,omitempty"`
	Correlation   string    `json:"correlation,omitempty"`
	Causation     string    `json:"causation,omitempty"`
}

// Actor is who recorded an event.
type Actor struct {
	Subject string `json:"subject"`
	Role    string `json:"role"`
	Unit    string `json:"unit,omitempty"`
}

// StreamReader reads one stream of the ledger in revision order; an
// eventstore.Store is one.
type StreamReader interface {
	ReadStream(ctx context.Context, stream string, from uint64) iter.Seq2[eventstore.RecordedEvent, error]
	Head(ctx context.Context) (uint64, error)
}

// Audit answers audit-trail queries. It keeps nothing in memory: a
// stream's trail is its envelopes, read from the ledger itself (the events
// of one stream are in revision order, which is seq order), so it is never
// behind the ledger and costs no projection state — with a million events
// the envelopes held in memory were over a gigabyte (docs/BENCHMARKS.md).
type Audit struct {
	r *Runner
	s StreamReader
}

// NewAudit returns the audit trail queries over r's feed, which must also
// read single streams (StreamReader; every eventstore.Store does).
func NewAudit(r *Runner) *Audit {
	s, _ := r.feed.(StreamReader)
	return &Audit{r: r, s: s}
}

// Head returns the number of events in the ledger: what a latest audit
// trail answers from.
func (q *Audit) Head(ctx context.Context) (uint64, error) {
	if q.s == nil {
		return 0, errors.New("audit: the feed cannot read single streams")
	}
	return q.s.Head(ctx)
}

// Stream returns the audit trail of stream in revision order, as the ledger
// stood at asOf (Latest: the ledger's head when asked); a domain error with
// ENOTFOUND if it has no events then.
func (q *Audit) Stream(ctx context.Context, asOf AsOf, stream string) ([]AuditEntry, error) {
	if q.s == nil {
		return nil, errors.New("audit: the feed cannot read single streams")
	}
	upTo, latest, err := q.r.resolve(ctx, asOf)
	if err != nil {
		return nil, err
	}
	if latest {
		if upTo, err = q.s.Head(ctx); err != nil {
			return nil, fmt.Errorf("audit: head: %w", err)
		}
	}
	var out []AuditEntry
	for rec, err := range q.s.ReadStream(ctx, stream, 0) {
		if err != nil {
			return nil, fmt.Errorf("audit %s: %w", stream, err)
		}
		if rec.Seq >= upTo {
			break
		}
		out = append(out, auditEntry(rec))
	}
	if len(out) == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "stream %s has no events", stream)
	}
	return out, nil
}

func auditEntry(rec eventstore.RecordedEvent) AuditEntry {
	e := AuditEntry{Seq: rec.Seq, Revision: rec.Revision, EventID: rec.ID.String(), Type: rec.Type, RecordedAt: rec.RecordedAt,
		EffectiveDate: rec.Effective.Date, EffectiveYear: rec.Effective.Year, Basis: basisRef(rec)}
	if rec.Actor != nil {
		e.Actor = &Actor{rec.Actor.Subject, rec.Actor.Role, rec.Actor.Unit}
	}
	if rec.Correlation != [16]byte{} {
		e.Correlation = rec.Correlation.String()
	}
	if rec.Causation != [16]byte{} {
		e.Causation = rec.Causation.String()
	}
	return e
}
