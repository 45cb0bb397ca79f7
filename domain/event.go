package domain

import "strconv"

// Event is a fact the ledger records: a value, never changed after it is
// made. Each event type has a stable wire name (its EventType, a constant
// such as EventCouncilReconstituted, never derived from the Go type name), a
// schema version for its JSON body, and the stream of the aggregate it
// belongs to.
//
// # What goes in the data and what in the envelope
//
// The eventstore envelope carries when an act took effect (effective date and
// year), the legal basis (document number, date, issuer), who recorded it and
// when. Event data does not repeat those. It carries what the fact is about:
// ids, names, vocabulary values, intervals (leave from/to, a consultation
// window), and the evaluation year where that year identifies the thing
// evaluated (a rating for 2024 is decided in January 2025). Events that are
// yearly facts implement YearScoped so the writer can fill the envelope's
// effective year from the data rather than type it twice. Decisions keep
// their own decision number where the catalog (DOMAIN.md §b) lists it as
// data, e.g. AwardDecided.DecisionNo, because one envelope basis may cite a
// different document (the regulation the decision applies).
//
// # Streams
//
// StreamID names the aggregate stream, "<aggregate>-<id>":
//
//	unit-<unitId>          units: established, renamed, merged (result unit), split (source unit), dissolved, reparented
//	person-<personId>      people: recruitment, transfer, secondment, leave, discipline
//	person-/unit-<id>      ratings, review proceedings and award holds, by their subject
//	council-<councilId>    councils, their members and meetings; ballots taken by a council
//	cluster-<clusterId>    clusters: formation, membership (a move goes to the destination), leadership, rankings, acclamation; ballots taken in a cluster
//	plan-<planId>          cluster reorganisation plans
//	movement-<movementId>  emulation movements, their adoption and reviews
//	emulationplan-<planId> a unit's annual emulation plan
//	registration-<id>      emulation registrations
//	covenant-<covenantId>  covenants (giao ước)
//	scheme-<schemeId>      scoring schemes (each version is a new event in the same stream)
//	scorecard-<id>         one unit's scores for one cluster and year; corrections supersede in the same stream
//	initiative-<id>        initiatives (sáng kiến)
//	research-<workId>      accepted research works
//	award-<proposalId>     a proposal and its dossier, appraisal, rejection
//	consultation-<id>      public consultations
//	decision-<decisionId>  award decisions: decided, conferred, amended, revoked
//	deadlines-<year>       deadline sets published for a year
type Event interface {
	// EventType returns the stable wire name, e.g. "CouncilReconstituted".
	EventType() string
	// SchemaVersion returns the schema version of the event's data.
	SchemaVersion() int
	// StreamID returns the aggregate stream the event belongs to.
	StreamID() string
	// Validate reports every field that is missing or malformed, as
	// *Error values with EINVALID joined by errors.Join, or nil.
	Validate() error
}

// YearScoped is an event about one evaluation year. The writer sets the
// envelope's effective year to EvalYear.
type YearScoped interface {
	Event
	EvalYear() int
}

// Subject is who a rating, proceeding, hold or award is about: a person or
// a unit.
type Subject struct {
	Kind SubjectKind `json:"kind"`
	ID   string      `json:"id"`
}

// Person returns the Subject for the person with id.
func Person(id string) Subject { return Subject{SubjectPerson, id} }

// Unit returns the Subject for the unit with id.
func Unit(id string) Subject { return Subject{SubjectUnit, id} }

// stream returns the subject's own stream: person-<id> or unit-<id>.
func (s Subject) stream() string {
	if s.Kind == SubjectUnit {
		return "unit-" + s.ID
	}
	return "person-" + s.ID
}

func itoa(n int) string { return strconv.Itoa(n) }
