package projections

import (
	"context"
	"time"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
)

// AuditName is the name of the audit trail projection.
const AuditName = "audit"

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

// auditModel keeps every stream's envelopes. It is append-only, so an
// as-of answer is a prefix of the live model (see Audit.Stream).
type auditModel struct {
	Streams map[string][]AuditEntry `json:"streams"`
}

func newAuditModel() Model { return &auditModel{Streams: map[string][]AuditEntry{}} }

// AuditProjection returns the definition of the audit trail. It reads only
// envelopes, so it keeps every event, known or not.
func AuditProjection() Projection {
	return Projection{Name: AuditName, New: newAuditModel, Raw: true}
}

func (*auditModel) appendOnly() {}

func (m *auditModel) Apply(rec eventstore.RecordedEvent, _ domain.Event) error {
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
	m.Streams[rec.Stream] = append(m.Streams[rec.Stream], e)
	return nil
}

// Audit answers audit-trail queries.
type Audit struct{ r *Runner }

// NewAudit returns the audit trail queries over r.
func NewAudit(r *Runner) *Audit { return &Audit{r} }

// Stream returns the audit trail of stream in revision order, as the ledger
// stood at asOf; a domain error with ENOTFOUND if it has no events then.
func (q *Audit) Stream(ctx context.Context, asOf AsOf, stream string) ([]AuditEntry, error) {
	var out []AuditEntry
	err := q.r.view(ctx, AuditName, asOf, func(mm Model, upTo uint64) error {
		for _, e := range mm.(*auditModel).Streams[stream] {
			if e.Seq < upTo {
				out = append(out, e)
			}
		}
		if len(out) == 0 {
			return domain.Errorf(domain.ENOTFOUND, "stream %s has no events", stream)
		}
		return nil
	})
	return out, err
}
