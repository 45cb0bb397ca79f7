package domain

import "slices"

// ballots are the votes recorded in a council's or a cluster's stream.
type ballots map[string]BallotRecorded

// Ballot returns the ballot with id, if recorded here.
func (b ballots) Ballot(id string) (BallotRecorded, bool) {
	v, ok := b[id]
	return v, ok
}

// BallotsOn returns the ballots whose subjectRef is ref, sorted by id.
func (b ballots) BallotsOn(ref string) []BallotRecorded {
	var out []BallotRecorded
	for _, id := range sortedKeys(b) {
		if b[id].SubjectRef == ref {
			out = append(out, b[id])
		}
	}
	return out
}

// CouncilState is the state of a council-<id> stream.
type CouncilState struct {
	stream      string
	id          string
	version     int
	constituted *CouncilConstituted
	decisionNo  DocNumber
	members     []CouncilMember
	office      string
	assignments map[string]CouncilMemberAssignedToCluster // key clusterId/year/personId
	meetings    map[string]CouncilMeetingHeld
	ballots     ballots
	reconst     []CouncilReconstituted
}

// Stream returns the stream the state was folded from.
func (s CouncilState) Stream() string { return s.stream }

// Version returns how many events have been applied.
func (s CouncilState) Version() int { return s.version }

// ID returns the council id.
func (s CouncilState) ID() string { return s.id }

// Exists reports whether the council was constituted.
func (s CouncilState) Exists() bool { return s.constituted != nil }

// Kind returns the council's kind.
func (s CouncilState) Kind() CouncilKind {
	if s.constituted == nil {
		return CouncilKind{}
	}
	return s.constituted.Kind
}

// DecisionNo returns the decision the current membership rests on.
func (s CouncilState) DecisionNo() DocNumber { return s.decisionNo }

// Members returns the current members, in order of appointment.
func (s CouncilState) Members() []CouncilMember { return slices.Clone(s.members) }

// Member returns the member with personID, if any.
func (s CouncilState) Member(personID string) (CouncilMember, bool) {
	for _, m := range s.members {
		if m.PersonID == personID {
			return m, true
		}
	}
	return CouncilMember{}, false
}

// Chair returns the chair's person id, or "".
func (s CouncilState) Chair() string {
	for _, m := range s.members {
		if m.Role == RoleChair {
			return m.PersonID
		}
	}
	return ""
}

// StandingOfficeUnitID returns the standing office, or "".
func (s CouncilState) StandingOfficeUnitID() string { return s.office }

// Meeting returns the meeting with id, if held.
func (s CouncilState) Meeting(id string) (CouncilMeetingHeld, bool) {
	m, ok := s.meetings[id]
	return m, ok
}

// Ballot returns the ballot with id, if recorded in this council.
func (s CouncilState) Ballot(id string) (BallotRecorded, bool) { return s.ballots.Ballot(id) }

// BallotsOn returns the ballots on subjectRef.
func (s CouncilState) BallotsOn(ref string) []BallotRecorded { return s.ballots.BallotsOn(ref) }

func evolveCouncil(s CouncilState, e Event) State {
	switch e := e.(type) {
	case CouncilConstituted:
		s.constituted = &e
		s.decisionNo = e.DecisionNo
		s.members = slices.Clone(e.Members)
	case CouncilReconstituted:
		s.decisionNo = e.DecisionNo
		s.members = slices.Clone(e.Members)
		s.reconst = append(slices.Clone(s.reconst), e)
	case CouncilMemberAppointed:
		s.members = append(slices.DeleteFunc(slices.Clone(s.members), func(m CouncilMember) bool {
			return m.PersonID == e.Member.PersonID
		}), e.Member)
	case CouncilMemberRemoved:
		s.members = slices.DeleteFunc(slices.Clone(s.members), func(m CouncilMember) bool {
			return m.PersonID == e.PersonID
		})
	case CouncilStandingOfficeDesignated:
		s.office = e.OfficeUnitID
	case CouncilMemberAssignedToCluster:
		s.assignments = cloneMap(s.assignments)
		s.assignments[e.ClusterID+"/"+itoa(e.Year)+"/"+e.PersonID] = e
	case CouncilMeetingHeld:
		s.meetings = cloneMap(s.meetings)
		s.meetings[e.MeetingID] = e
	case BallotRecorded:
		s.ballots = cloneMap(s.ballots)
		s.ballots[e.BallotID] = e
	default:
		return s
	}
	s.version++
	return s
}
