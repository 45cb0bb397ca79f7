package domain

import "slices"

// ProposalState is the state of an award-<proposalId> stream.
type ProposalState struct {
	stream    string
	id        string
	version   int
	proposed  *AwardProposed
	filed     *DossierFiled
	returned  []DossierReturnedForCompletion
	appraised *DossierAppraised
	rejected  *AwardRejected
}

// Stream returns the stream the state was folded from.
func (s ProposalState) Stream() string { return s.stream }

// Version returns how many events have been applied.
func (s ProposalState) Version() int { return s.version }

// Proposed reports whether the proposal exists.
func (s ProposalState) Proposed() bool { return s.proposed != nil }

// Proposal returns the proposal event, if any.
func (s ProposalState) Proposal() (AwardProposed, bool) {
	if s.proposed == nil {
		return AwardProposed{}, false
	}
	return *s.proposed, true
}

// DossierFiled reports whether a dossier was filed.
func (s ProposalState) DossierFiled() bool { return s.filed != nil }

// Rejected reports whether the proposal was rejected.
func (s ProposalState) Rejected() bool { return s.rejected != nil }

func evolveProposal(s ProposalState, e Event) State {
	switch e := e.(type) {
	case AwardProposed:
		s.proposed = &e
	case DossierFiled:
		s.filed = &e
	case DossierReturnedForCompletion:
		s.returned = append(slices.Clone(s.returned), e)
	case DossierAppraised:
		s.appraised = &e
	case AwardRejected:
		s.rejected = &e
	default:
		return s
	}
	s.version++
	return s
}

// ConsultationState is the state of a consultation-<id> stream.
type ConsultationState struct {
	stream  string
	id      string
	version int
	opened  *PublicConsultationOpened
	closed  *PublicConsultationClosed
}

// Stream returns the stream the state was folded from.
func (s ConsultationState) Stream() string { return s.stream }

// Version returns how many events have been applied.
func (s ConsultationState) Version() int { return s.version }

// Closed reports whether the consultation was closed.
func (s ConsultationState) Closed() bool { return s.closed != nil }

// Covers reports whether the consultation was about proposal.
func (s ConsultationState) Covers(proposal string) bool {
	return s.opened != nil && slices.Contains(s.opened.ProposalIDs, proposal)
}

func evolveConsultation(s ConsultationState, e Event) State {
	switch e := e.(type) {
	case PublicConsultationOpened:
		s.opened = &e
	case PublicConsultationClosed:
		s.closed = &e
	default:
		return s
	}
	s.version++
	return s
}

// DecisionState is the state of a decision-<id> stream.
type DecisionState struct {
	stream    string
	id        string
	version   int
	decided   *AwardDecided
	conferred *AwardConferred
	revoked   map[string]AwardRevoked // awardId → revocation
	amended   []AwardAmended
}

// Stream returns the stream the state was folded from.
func (s DecisionState) Stream() string { return s.stream }

// Version returns how many events have been applied.
func (s DecisionState) Version() int { return s.version }

// Decided reports whether the decision was recorded.
func (s DecisionState) Decided() bool { return s.decided != nil }

// Awards returns the decision's awards.
func (s DecisionState) Awards() []DecidedAward {
	if s.decided == nil {
		return nil
	}
	return slices.Clone(s.decided.Awards)
}

// Covers reports whether the decision decided proposal.
func (s DecisionState) Covers(proposal string) bool {
	return slices.ContainsFunc(s.Awards(), func(a DecidedAward) bool { return a.ProposalID == proposal })
}

// Revoked reports whether award was revoked.
func (s DecisionState) Revoked(award string) bool {
	_, ok := s.revoked[award]
	return ok
}

func evolveDecision(s DecisionState, e Event) State {
	switch e := e.(type) {
	case AwardDecided:
		s.decided = &e
	case AwardConferred:
		s.conferred = &e
	case AwardRevoked:
		s.revoked = cloneMap(s.revoked)
		for _, a := range e.AwardIDs {
			s.revoked[a] = e
		}
	case AwardAmended:
		s.amended = append(slices.Clone(s.amended), e)
	default:
		return s
	}
	s.version++
	return s
}

// DeadlinesState is the state of a deadlines-<year> stream.
type DeadlinesState struct {
	stream  string
	id      string
	version int
	sets    map[string]DeadlineSetPublished
}

// Stream returns the stream the state was folded from.
func (s DeadlinesState) Stream() string { return s.stream }

// Version returns how many events have been applied.
func (s DeadlinesState) Version() int { return s.version }

func evolveDeadlines(s DeadlinesState, e Event) State {
	switch e := e.(type) {
	case DeadlineSetPublished:
		s.sets = cloneMap(s.sets)
		s.sets[e.DeadlineSetID] = e
	default:
		return s
	}
	s.version++
	return s
}
