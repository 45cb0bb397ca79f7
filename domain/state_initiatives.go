package domain

import "slices"

// InitiativeState is the state of an initiative-<id> stream.
type InitiativeState struct {
	stream      string
	id          string
	version     int
	submitted   *InitiativeSubmitted
	applied     []InitiativeApplied
	evaluations []InitiativeEvaluated
	recognized  map[InitiativeScope]InitiativeRecognized
}

// Stream returns the stream the state was folded from.
func (s InitiativeState) Stream() string { return s.stream }

// Version returns how many events have been applied.
func (s InitiativeState) Version() int { return s.version }

// Submitted reports whether the initiative was submitted.
func (s InitiativeState) Submitted() bool { return s.submitted != nil }

// Authors returns the authors.
func (s InitiativeState) Authors() []string {
	if s.submitted == nil {
		return nil
	}
	return slices.Clone(s.submitted.AuthorIDs)
}

// Applied reports whether the initiative was applied or trial-applied.
func (s InitiativeState) Applied() bool { return len(s.applied) > 0 }

// Passed reports whether the latest council evaluation passed.
func (s InitiativeState) Passed() bool {
	return len(s.evaluations) > 0 && s.evaluations[len(s.evaluations)-1].Result == VerdictPass
}

// RecognizedAt reports whether the initiative is recognized at scope now.
func (s InitiativeState) RecognizedAt(scope InitiativeScope) bool {
	_, ok := s.recognized[scope]
	return ok
}

// Scope returns the widest scope the initiative is recognized at now.
func (s InitiativeState) Scope() (InitiativeScope, bool) {
	var best InitiativeScope
	for sc := range s.recognized {
		if best.IsZero() || sc.Compare(best) > 0 {
			best = sc
		}
	}
	return best, !best.IsZero()
}

func evolveInitiative(s InitiativeState, e Event) State {
	switch e := e.(type) {
	case InitiativeSubmitted:
		s.submitted = &e
	case InitiativeApplied:
		s.applied = append(slices.Clone(s.applied), e)
	case InitiativeEvaluated:
		s.evaluations = append(slices.Clone(s.evaluations), e)
	case InitiativeRecognized:
		s.recognized = cloneMap(s.recognized)
		s.recognized[e.Scope] = e
	case InitiativeRecognitionRevoked:
		s.recognized = cloneMap(s.recognized)
		delete(s.recognized, e.Scope)
	default:
		return s
	}
	s.version++
	return s
}

// ResearchState is the state of a research-<id> stream.
type ResearchState struct {
	stream   string
	id       string
	version  int
	accepted *ResearchWorkAccepted
}

// Stream returns the stream the state was folded from.
func (s ResearchState) Stream() string { return s.stream }

// Version returns how many events have been applied.
func (s ResearchState) Version() int { return s.version }

func evolveResearch(s ResearchState, e Event) State {
	switch e := e.(type) {
	case ResearchWorkAccepted:
		s.accepted = &e
	default:
		return s
	}
	s.version++
	return s
}
