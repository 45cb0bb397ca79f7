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
//  3. in Decode, replace the case with
//
//	case EventUnitRenamed:
//		switch schema {
//		case 1:
//			old, err := decodeStrict[unitRenamedV1](data)
//			if err != nil {
//				return nil, err
//			}
//			return upcastUnitRenamedV1(old), nil
//		case 2:
//			return decodeStrict[UnitRenamed](data)
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
	switch typ {
	case EventUnitEstablished:
		return decodeV1[UnitEstablished](schema, data)
	case EventUnitRenamed:
		return decodeV1[UnitRenamed](schema, data)
	case EventUnitsMerged:
		return decodeV1[UnitsMerged](schema, data)
	case EventUnitSplit:
		return decodeV1[UnitSplit](schema, data)
	case EventUnitDissolved:
		return decodeV1[UnitDissolved](schema, data)
	case EventUnitReparented:
		return decodeV1[UnitReparented](schema, data)
	case EventPersonRecruited:
		return decodeV1[PersonRecruited](schema, data)
	case EventPersonTransferred:
		return decodeV1[PersonTransferred](schema, data)
	case EventPersonSeconded:
		return decodeV1[PersonSeconded](schema, data)
	case EventPersonLeaveRecorded:
		return decodeV1[PersonLeaveRecorded](schema, data)
	case EventPerformanceRated:
		return decodeV1[PerformanceRated](schema, data)
	case EventDisciplineImposed:
		return decodeV1[DisciplineImposed](schema, data)
	case EventDisciplineEnded:
		return decodeV1[DisciplineEnded](schema, data)
	case EventReviewProceedingOpened:
		return decodeV1[ReviewProceedingOpened](schema, data)
	case EventReviewProceedingClosed:
		return decodeV1[ReviewProceedingClosed](schema, data)
	case EventCouncilConstituted:
		return decodeV1[CouncilConstituted](schema, data)
	case EventCouncilReconstituted:
		return decodeV1[CouncilReconstituted](schema, data)
	case EventCouncilMemberAppointed:
		return decodeV1[CouncilMemberAppointed](schema, data)
	case EventCouncilMemberRemoved:
		return decodeV1[CouncilMemberRemoved](schema, data)
	case EventCouncilStandingOfficeDesignated:
		return decodeV1[CouncilStandingOfficeDesignated](schema, data)
	case EventCouncilMemberAssignedToCluster:
		return decodeV1[CouncilMemberAssignedToCluster](schema, data)
	case EventCouncilMeetingHeld:
		return decodeV1[CouncilMeetingHeld](schema, data)
	case EventBallotRecorded:
		return decodeV1[BallotRecorded](schema, data)
	case EventClusterFormed:
		return decodeV1[ClusterFormed](schema, data)
	case EventClusterRenamed:
		return decodeV1[ClusterRenamed](schema, data)
	case EventUnitAssignedToCluster:
		return decodeV1[UnitAssignedToCluster](schema, data)
	case EventUnitRemovedFromCluster:
		return decodeV1[UnitRemovedFromCluster](schema, data)
	case EventUnitMovedBetweenClusters:
		return decodeV1[UnitMovedBetweenClusters](schema, data)
	case EventClusterLeadershipAssigned:
		return decodeV1[ClusterLeadershipAssigned](schema, data)
	case EventClusterDissolved:
		return decodeV1[ClusterDissolved](schema, data)
	case EventClusterReorganizationPlanSubmitted:
		return decodeV1[ClusterReorganizationPlanSubmitted](schema, data)
	case EventClusterReorganizationPlanDecided:
		return decodeV1[ClusterReorganizationPlanDecided](schema, data)
	case EventMovementLaunched:
		return decodeV1[MovementLaunched](schema, data)
	case EventMovementAdopted:
		return decodeV1[MovementAdopted](schema, data)
	case EventEmulationPlanAdopted:
		return decodeV1[EmulationPlanAdopted](schema, data)
	case EventMovementReviewHeld:
		return decodeV1[MovementReviewHeld](schema, data)
	case EventEmulationRegistrationSubmitted:
		return decodeV1[EmulationRegistrationSubmitted](schema, data)
	case EventEmulationRegistrationAmended:
		return decodeV1[EmulationRegistrationAmended](schema, data)
	case EventEmulationRegistrationWithdrawn:
		return decodeV1[EmulationRegistrationWithdrawn](schema, data)
	case EventCovenantSigned:
		return decodeV1[CovenantSigned](schema, data)
	case EventScoringSchemePublished:
		return decodeV1[ScoringSchemePublished](schema, data)
	case EventScoreRecorded:
		return decodeV1[ScoreRecorded](schema, data)
	case EventScoreCorrected:
		return decodeV1[ScoreCorrected](schema, data)
	case EventClusterRankingPublished:
		return decodeV1[ClusterRankingPublished](schema, data)
	case EventClusterRankingFinalized:
		return decodeV1[ClusterRankingFinalized](schema, data)
	case EventClusterLeaderAcclaimed:
		return decodeV1[ClusterLeaderAcclaimed](schema, data)
	case EventInitiativeSubmitted:
		return decodeV1[InitiativeSubmitted](schema, data)
	case EventInitiativeApplied:
		return decodeV1[InitiativeApplied](schema, data)
	case EventInitiativeEvaluated:
		return decodeV1[InitiativeEvaluated](schema, data)
	case EventInitiativeRecognized:
		return decodeV1[InitiativeRecognized](schema, data)
	case EventInitiativeRecognitionRevoked:
		return decodeV1[InitiativeRecognitionRevoked](schema, data)
	case EventResearchWorkAccepted:
		return decodeV1[ResearchWorkAccepted](schema, data)
	case EventAwardProposed:
		return decodeV1[AwardProposed](schema, data)
	case EventDossierFiled:
		return decodeV1[DossierFiled](schema, data)
	case EventDossierReturnedForCompletion:
		return decodeV1[DossierReturnedForCompletion](schema, data)
	case EventDossierAppraised:
		return decodeV1[DossierAppraised](schema, data)
	case EventPublicConsultationOpened:
		return decodeV1[PublicConsultationOpened](schema, data)
	case EventPublicConsultationClosed:
		return decodeV1[PublicConsultationClosed](schema, data)
	case EventAwardHoldPlaced:
		return decodeV1[AwardHoldPlaced](schema, data)
	case EventAwardHoldLifted:
		return decodeV1[AwardHoldLifted](schema, data)
	case EventAwardDecided:
		return decodeV1[AwardDecided](schema, data)
	case EventAwardRejected:
		return decodeV1[AwardRejected](schema, data)
	case EventAwardConferred:
		return decodeV1[AwardConferred](schema, data)
	case EventAwardRevoked:
		return decodeV1[AwardRevoked](schema, data)
	case EventAwardAmended:
		return decodeV1[AwardAmended](schema, data)
	case EventDeadlineSetPublished:
		return decodeV1[DeadlineSetPublished](schema, data)
	}
	return nil, &UnknownEventError{Type: typ, Schema: schema}
}

// decodeV1 decodes an event whose only schema so far is version 1.
func decodeV1[T Event](schema int, data []byte) (Event, error) {
	var zero T
	if schema != 1 {
		return nil, &UnknownEventError{Type: zero.EventType(), Schema: schema}
	}
	v, err := decodeStrict[T](data)
	if err != nil {
		return nil, err
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
