package domain

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// The event codec: wire names and schema versions to Go values and back.
//
// Decoding is an explicit switch on the wire name (STYLE anti-pattern 2: no
// registry keyed by reflect.TypeOf). Renaming a Go type changes nothing on
// the wire; renaming a wire constant breaks the fixture test in
// testdata/events, which is the point.
//
// # Versions and upcasting
//
// Every event is at schema version 1 so far. Stored events are never
// rewritten; when an event's data changes shape, its Go struct moves to the
// new shape, its SchemaVersion returns the new number, and Decode upcasts
// older versions on read. To add version 2 of, say, UnitRenamed:
//
//  1. keep the version-1 shape as an unexported struct, unitRenamedV1;
//  2. change UnitRenamed and make its SchemaVersion return 2;
//  3. in decode (shared by Decode and DecodeStored), replace the case with
//
//	case EventUnitRenamed:
//		switch schema {
//		case 1:
//			old, err := decodeOne[unitRenamedV1](data, stored)
//			if err != nil {
//				return nil, err
//			}
//			return upcastUnitRenamedV1(old), nil
//		case 2:
//			return decodeOne[UnitRenamed](data, stored)
//		}
//		return nil, &UnknownEventError{Type: typ, Schema: schema}
//
//  4. commit a fixture UnitRenamed.v2.json next to the v1 one; both stay.

// UnknownEventError is returned by Decode for a wire name it does not know,
// or a schema version of a known event it cannot read. Projections decide
// whether that is fatal (a newer writer may have recorded it).
type UnknownEventError struct {
	Type   string
	Schema int
}

func (e *UnknownEventError) Error() string {
	return fmt.Sprintf("unknown event %q schema %d", e.Type, e.Schema)
}

// Encode returns the wire name, schema version and compact JSON data of e.
// It refuses an event that fails Validate, so nothing invalid is ever
// written. The JSON is canonical: fields in struct order, optional fields
// omitted when unset, no insignificant white space, and HTML characters
// not escaped, so decoding and re-encoding give the same bytes.
func Encode(e Event) (typ string, schema int, data []byte, err error) {
	if e == nil {
		return "", 0, nil, Errorf(EINVALID, "event: required")
	}
	if err := e.Validate(); err != nil {
		return "", 0, nil, fmt.Errorf("encode %s: %w", e.EventType(), err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(e); err != nil {
		return "", 0, nil, fmt.Errorf("encode %s: %w", e.EventType(), err)
	}
	data = bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	return e.EventType(), e.SchemaVersion(), data, nil
}

// Decode returns the event with wire name typ at schema version schema from
// its JSON data. It returns an *UnknownEventError for an unknown name or an
// unsupported version, and an error for data that is not exactly one JSON
// object of the event's shape: unknown fields, trailing data, wrong types
// and bad vocabulary codes are all rejected. Decode does not call Validate,
// so events recorded under looser rules still load; callers that need it
// call Validate. Decode never panics.
func Decode(typ string, schema int, data []byte) (Event, error) {
	return decode(typ, schema, data, false)
}

// DecodeStored decodes an event read back from a ledger, whose data passed
// Decode's checks when it was appended (the write side encodes with
// Encode). For every input Decode accepts it returns the same value
// (tested on every fixture and the demo ledger, and fuzzed); it skips the
// checks that only matter at the write boundary — canonical form,
// duplicate and unknown keys — which cost Decode a second decoder pass and
// a re-encoding per event: DecodeStored is one json.Unmarshal, 1.6 times
// faster (docs/BENCHMARKS.md). The projections decode every stored event
// with it. It still rejects data that is not a JSON object of the event's
// shape, and unknown types and versions (*UnknownEventError). Use Decode
// for anything not yet recorded.
func DecodeStored(typ string, schema int, data []byte) (Event, error) {
	return decode(typ, schema, data, true)
}

func decode(typ string, schema int, data []byte, stored bool) (Event, error) {
	switch typ {
	case EventUnitEstablished:
		return decodeV1[UnitEstablished](schema, data, stored)
	case EventUnitRenamed:
		return decodeV1[UnitRenamed](schema, data, stored)
	case EventUnitsMerged:
		return decodeV1[UnitsMerged](schema, data, stored)
	case EventUnitSplit:
		return decodeV1[UnitSplit](schema, data, stored)
	case EventUnitDissolved:
		return decodeV1[UnitDissolved](schema, data, stored)
	case EventUnitReparented:
		return decodeV1[UnitReparented](schema, data, stored)
	case EventPersonRecruited:
		return decodeV1[PersonRecruited](schema, data, stored)
	case EventPersonTransferred:
		return decodeV1[PersonTransferred](schema, data, stored)
	case EventPersonSeconded:
		return decodeV1[PersonSeconded](schema, data, stored)
	case EventPersonLeaveRecorded:
		return decodeV1[PersonLeaveRecorded](schema, data, stored)
	case EventPerformanceRated:
		return decodeV1[PerformanceRated](schema, data, stored)
	case EventDisciplineImposed:
		return decodeV1[DisciplineImposed](schema, data, stored)
	case EventDisciplineEnded:
		return decodeV1[DisciplineEnded](schema, data, stored)
	case EventReviewProceedingOpened:
		return decodeV1[ReviewProceedingOpened](schema, data, stored)
	case EventReviewProceedingClosed:
		return decodeV1[ReviewProceedingClosed](schema, data, stored)
	case EventCouncilConstituted:
		return decodeV1[CouncilConstituted](schema, data, stored)
	case EventCouncilReconstituted:
		return decodeV1[CouncilReconstituted](schema, data, stored)
	case EventCouncilMemberAppointed:
		return decodeV1[CouncilMemberAppointed](schema, data, stored)
	case EventCouncilMemberRemoved:
		return decodeV1[CouncilMemberRemoved](schema, data, stored)
	case EventCouncilStandingOfficeDesignated:
		return decodeV1[CouncilStandingOfficeDesignated](schema, data, stored)
	case EventCouncilMemberAssignedToCluster:
		return decodeV1[CouncilMemberAssignedToCluster](schema, data, stored)
	case EventCouncilMeetingHeld:
		return decodeV1[CouncilMeetingHeld](schema, data, stored)
	case EventBallotRecorded:
		return decodeV1[BallotRecorded](schema, data, stored)
	case EventClusterFormed:
		return decodeV1[ClusterFormed](schema, data, stored)
	case EventClusterRenamed:
		return decodeV1[ClusterRenamed](schema, data, stored)
	case EventUnitAssignedToCluster:
		return decodeV1[UnitAssignedToCluster](schema, data, stored)
	case EventUnitRemovedFromCluster:
		return decodeV1[UnitRemovedFromCluster](schema, data, stored)
	case EventUnitMovedBetweenClusters:
		return decodeV1[UnitMovedBetweenClusters](schema, data, stored)
	case EventClusterLeadershipAssigned:
		return decodeV1[ClusterLeadershipAssigned](schema, data, stored)
	case EventClusterDissolved:
		return decodeV1[ClusterDissolved](schema, data, stored)
	case EventClusterReorganizationPlanSubmitted:
		return decodeV1[ClusterReorganizationPlanSubmitted](schema, data, stored)
	case EventClusterReorganizationPlanDecided:
		return decodeV1[ClusterReorganizationPlanDecided](schema, data, stored)
	case EventMovementLaunched:
		return decodeV1[MovementLaunched](schema, data, stored)
	case EventMovementAdopted:
		return decodeV1[MovementAdopted](schema, data, stored)
	case EventEmulationPlanAdopted:
		return decodeV1[EmulationPlanAdopted](schema, data, stored)
	case EventMovementReviewHeld:
		return decodeV1[MovementReviewHeld](schema, data, stored)
	case EventEmulationRegistrationSubmitted:
		return decodeV1[EmulationRegistrationSubmitted](schema, data, stored)
	case EventEmulationRegistrationAmended:
		return decodeV1[EmulationRegistrationAmended](schema, data, stored)
	case EventEmulationRegistrationWithdrawn:
		return decodeV1[EmulationRegistrationWithdrawn](schema, data, stored)
	case EventCovenantSigned:
		return decodeV1[CovenantSigned](schema, data, stored)
	case EventScoringSchemePublished:
		return decodeV1[ScoringSchemePublished](schema, data, stored)
	case EventScoreRecorded:
		return decodeV1[ScoreRecorded](schema, data, stored)
	case EventScoreCorrected:
		return decodeV1[ScoreCorrected](schema, data, stored)
	case EventClusterRankingPublished:
		return decodeV1[ClusterRankingPublished](schema, data, stored)
	case EventClusterRankingFinalized:
		return decodeV1[ClusterRankingFinalized](schema, data, stored)
	case EventClusterLeaderAcclaimed:
		return decodeV1[ClusterLeaderAcclaimed](schema, data, stored)
	case EventInitiativeSubmitted:
		return decodeV1[InitiativeSubmitted](schema, data, stored)
	case EventInitiativeApplied:
		return decodeV1[InitiativeApplied](schema, data, stored)
	case EventInitiativeEvaluated:
		return decodeV1[InitiativeEvaluated](schema, data, stored)
	case EventInitiativeRecognized:
		return decodeV1[InitiativeRecognized](schema, data, stored)
	case EventInitiativeRecognitionRevoked:
		return decodeV1[InitiativeRecognitionRevoked](schema, data, stored)
	case EventResearchWorkAccepted:
		return decodeV1[ResearchWorkAccepted](schema, data, stored)
	case EventAwardProposed:
		return decodeV1[AwardProposed](schema, data, stored)
	case EventDossierFiled:
		return decodeV1[DossierFiled](schema, data, stored)
	case EventDossierReturnedForCompletion:
		return decodeV1[DossierReturnedForCompletion](schema, data, stored)
	case EventDossierAppraised:
		return decodeV1[DossierAppraised](schema, data, stored)
	case EventPublicConsultationOpened:
		return decodeV1[PublicConsultationOpened](schema, data, stored)
	case EventPublicConsultationClosed:
		return decodeV1[PublicConsultationClosed](schema, data, stored)
	case EventAwardHoldPlaced:
		return decodeV1[AwardHoldPlaced](schema, data, stored)
	case EventAwardHoldLifted:
		return decodeV1[AwardHoldLifted](schema, data, stored)
	case EventAwardDecided:
		return decodeV1[AwardDecided](schema, data, stored)
	case EventAwardRejected:
		return decodeV1[AwardRejected](schema, data, stored)
	case EventAwardConferred:
		return decodeV1[AwardConferred](schema, data, stored)
	case EventAwardRevoked:
		return decodeV1[AwardRevoked](schema, data, stored)
	case EventAwardAmended:
		return decodeV1[AwardAmended](schema, data, stored)
	case EventDeadlineSetPublished:
		return decodeV1[DeadlineSetPublished](schema, data, stored)
	}
	return nil, &UnknownEventError{Type: typ, Schema: schema}
}

// decodeV1 decodes an event whose only schema so far is version 1.
func decodeV1[T Event](schema int, data []byte, stored bool) (Event, error) {
	var zero T
	if schema != 1 {
		return nil, &UnknownEventError{Type: zero.EventType(), Schema: schema}
	}
	v, err := decodeOne[T](data, stored)
	if err != nil {
		return nil, err
	}
	return v, nil
}

// decodeOne decodes one JSON object into a T: strictly (decodeStrict), or
// as stored data (decodeStored).
func decodeOne[T any](data []byte, stored bool) (T, error) {
	if stored {
		return decodeStored[T](data)
	}
	return decodeStrict[T](data)
}

// decodeStored decodes one JSON object into a T with json.Unmarshal (which
// copies every string, so a model that keeps one does not keep the event's
// data alive; goccy/go-json, tried, decodes faster but does).
func decodeStored[T any](data []byte) (T, error) {
	var v, zero T
	if i := bytes.IndexFunc(data, func(r rune) bool { return !isJSONSpace(r) }); i < 0 || data[i] != '{' {
		return zero, fmt.Errorf("decode %T: data is not a JSON object", v)
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return zero, fmt.Errorf("decode %T: %w", zero, err)
	}
	return v, nil
}

// decodeStrict decodes exactly one JSON object into a T, rejecting unknown
// fields and anything after the object.
//
// encoding/json matches keys case-insensitively and keeps the last of
// duplicate keys, so DisallowUnknownFields alone would accept {"UNITID":…}
// or a key given twice. decodeStrict therefore also walks the input's keys
// and requires each non-empty one to appear, spelled exactly, in the
// re-encoded value, and no object to repeat a key.
func decodeStrict[T any](data []byte) (T, error) {
	var v, zero T
	if i := bytes.IndexFunc(data, func(r rune) bool { return !isJSONSpace(r) }); i < 0 || data[i] != '{' {
		return zero, fmt.Errorf("decode %T: data is not a JSON object", v)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return zero, fmt.Errorf("decode %T: %w", v, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return zero, fmt.Errorf("decode %T: trailing data after the object", v)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return zero, fmt.Errorf("decode %T: %w", v, err)
	}
	canon := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	// Data written by Encode is its own canonical form: every key once
	// and spelled as in the schema, so the key walk below cannot fail.
	// Events read back from the ledger take this path.
	if bytes.Equal(canon, data) {
		return v, nil
	}
	in, err := jsonKeys(data)
	if err != nil {
		return zero, fmt.Errorf("decode %T: %w", v, err)
	}
	out, err := jsonKeys(canon)
	if err != nil {
		return zero, fmt.Errorf("decode %T: %w", v, err)
	}
	for k, empty := range in {
		if _, ok := out[k]; !ok && !empty {
			return zero, fmt.Errorf("decode %T: field %q is not spelled as in the schema", v, k)
		}
	}
	return v, nil
}

func isJSONSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

// jsonKeys returns every object key path in data ("a.b", arrays as
// "a[].b"), each mapped to whether all its values were empty (null, false,
// 0, "", [] or {}). It fails on a key repeated within one object.
func jsonKeys(data []byte) (map[string]bool, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	keys := map[string]bool{}
	if _, err := walkJSON(dec, "", keys, 0); err != nil {
		return nil, err
	}
	return keys, nil
}

// maxDepth bounds nesting so hostile input cannot exhaust the stack.
const maxDepth = 64

// walkJSON reads one value and reports whether it is empty.
func walkJSON(dec *json.Decoder, path string, keys map[string]bool, depth int) (bool, error) {
	if depth > maxDepth {
		return false, errors.New("nested too deeply")
	}
	tok, err := dec.Token()
	if err != nil {
		return false, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			seen := map[string]bool{}
			empty := true
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return false, err
				}
				k, _ := kt.(string)
				if seen[k] {
					return false, fmt.Errorf("duplicate key %q", k)
				}
				seen[k] = true
				p := k
				if path != "" {
					p = path + "." + k
				}
				e, err := walkJSON(dec, p, keys, depth+1)
				if err != nil {
					return false, err
				}
				if prev, ok := keys[p]; ok {
					e = e && prev
				}
				keys[p] = e
				empty = empty && e
			}
			_, err := dec.Token()
			return empty && len(seen) == 0, err
		case '[':
			n := 0
			for dec.More() {
				if _, err := walkJSON(dec, path+"[]", keys, depth+1); err != nil {
					return false, err
				}
				n++
			}
			_, err := dec.Token()
			return n == 0, err
		}
		return false, errors.New("unexpected delimiter")
	case nil:
		return true, nil
	case bool:
		return !t, nil
	case string:
		return t == "", nil
	case json.Number:
		f, err := t.Float64()
		return err == nil && f == 0, nil
	}
	return false, nil
}

// EventTypes returns every wire name Decode knows, grouped by family in
// the order of DOMAIN.md §b.
func EventTypes() []string {
	return []string{
		EventUnitEstablished,
		EventUnitRenamed,
		EventUnitsMerged,
		EventUnitSplit,
		EventUnitDissolved,
		EventUnitReparented,
		EventPersonRecruited,
		EventPersonTransferred,
		EventPersonSeconded,
		EventPersonLeaveRecorded,
		EventPerformanceRated,
		EventDisciplineImposed,
		EventDisciplineEnded,
		EventReviewProceedingOpened,
		EventReviewProceedingClosed,
		EventCouncilConstituted,
		EventCouncilReconstituted,
		EventCouncilMemberAppointed,
		EventCouncilMemberRemoved,
		EventCouncilStandingOfficeDesignated,
		EventCouncilMemberAssignedToCluster,
		EventCouncilMeetingHeld,
		EventBallotRecorded,
		EventClusterFormed,
		EventClusterRenamed,
		EventUnitAssignedToCluster,
		EventUnitRemovedFromCluster,
		EventUnitMovedBetweenClusters,
		EventClusterLeadershipAssigned,
		EventClusterDissolved,
		EventClusterReorganizationPlanSubmitted,
		EventClusterReorganizationPlanDecided,
		EventMovementLaunched,
		EventMovementAdopted,
		EventEmulationPlanAdopted,
		EventMovementReviewHeld,
		EventEmulationRegistrationSubmitted,
		EventEmulationRegistrationAmended,
		EventEmulationRegistrationWithdrawn,
		EventCovenantSigned,
		EventScoringSchemePublished,
		EventScoreRecorded,
		EventScoreCorrected,
		EventClusterRankingPublished,
		EventClusterRankingFinalized,
		EventClusterLeaderAcclaimed,
		EventInitiativeSubmitted,
		EventInitiativeApplied,
		EventInitiativeEvaluated,
		EventInitiativeRecognized,
		EventInitiativeRecognitionRevoked,
		EventResearchWorkAccepted,
		EventAwardProposed,
		EventDossierFiled,
		EventDossierReturnedForCompletion,
		EventDossierAppraised,
		EventPublicConsultationOpened,
		EventPublicConsultationClosed,
		EventAwardHoldPlaced,
		EventAwardHoldLifted,
		EventAwardDecided,
		EventAwardRejected,
		EventAwardConferred,
		EventAwardRevoked,
		EventAwardAmended,
		EventDeadlineSetPublished,
	}
}
