package domain

// Commands on councils (stream council-<id>); RecordBallot goes to the
// council's stream or, for a cluster meeting, the cluster's.

func normMembers(ms []CouncilMember) []CouncilMember {
	if ms == nil {
		return nil
	}
	out := make([]CouncilMember, len(ms))
	for i, m := range ms {
		m.PositionTitle = nn(m.PositionTitle)
		out[i] = m
	}
	return out
}

// ConstituteCouncil sets up a council with its members (exactly one
// chair). Reads the owner unit.
type ConstituteCouncil struct {
	CouncilID   string          `json:"councilId"`
	Kind        CouncilKind     `json:"kind"`
	Name        string          `json:"name"`
	OwnerUnitID string          `json:"ownerUnitId"`
	DecisionNo  DocNumber       `json:"decisionNo"`
	Members     []CouncilMember `json:"members"`
}

func (ConstituteCouncil) CommandName() string { return "ConstituteCouncil" }
func (c ConstituteCouncil) Stream() string    { return "council-" + c.CouncilID }
func (c ConstituteCouncil) Reads() []string   { return []string{"unit-" + c.OwnerUnitID} }
func (c ConstituteCouncil) Validate() error   { return c.event().Validate() }
func (c ConstituteCouncil) normalized() Command {
	c.Name, c.Members = nn(c.Name), normMembers(c.Members)
	return c
}
func (c ConstituteCouncil) event() CouncilConstituted {
	return CouncilConstituted{CouncilID: c.CouncilID, Kind: c.Kind, Name: c.Name, OwnerUnitID: c.OwnerUnitID, DecisionNo: c.DecisionNo, Members: c.Members}
}

// ReconstituteCouncil (kiện toàn) replaces the whole membership by a new
// decision: Members is the full snapshot, unique, with exactly one chair.
// The superseded decision is taken from the state.
type ReconstituteCouncil struct {
	CouncilID  string          `json:"councilId"`
	DecisionNo DocNumber       `json:"decisionNo"`
	Members    []CouncilMember `json:"members"`
}

func (ReconstituteCouncil) CommandName() string   { return "ReconstituteCouncil" }
func (c ReconstituteCouncil) Stream() string      { return "council-" + c.CouncilID }
func (ReconstituteCouncil) Reads() []string       { return nil }
func (c ReconstituteCouncil) normalized() Command { c.Members = normMembers(c.Members); return c }
func (c ReconstituteCouncil) Validate() error {
	return CouncilReconstituted{CouncilID: c.CouncilID, DecisionNo: c.DecisionNo, Members: c.Members}.Validate()
}

// AppointCouncilMember adds one member.
type AppointCouncilMember struct {
	CouncilID  string        `json:"councilId"`
	Member     CouncilMember `json:"member"`
	DecisionNo DocNumber     `json:"decisionNo,omitzero"`
}

func (AppointCouncilMember) CommandName() string { return "AppointCouncilMember" }
func (c AppointCouncilMember) Stream() string    { return "council-" + c.CouncilID }
func (AppointCouncilMember) Reads() []string     { return nil }
func (c AppointCouncilMember) Validate() error   { return c.event().Validate() }
func (c AppointCouncilMember) normalized() Command {
	c.Member.PositionTitle = nn(c.Member.PositionTitle)
	return c
}
func (c AppointCouncilMember) event() CouncilMemberAppointed {
	return CouncilMemberAppointed{CouncilID: c.CouncilID, Member: c.Member, DecisionNo: c.DecisionNo}
}

// RemoveCouncilMember removes one member (not the chair: a new chair comes
// with a reconstitution).
type RemoveCouncilMember struct {
	CouncilID  string    `json:"councilId"`
	PersonID   string    `json:"personId"`
	Reason     string    `json:"reason"`
	DecisionNo DocNumber `json:"decisionNo,omitzero"`
}

func (RemoveCouncilMember) CommandName() string   { return "RemoveCouncilMember" }
func (c RemoveCouncilMember) Stream() string      { return "council-" + c.CouncilID }
func (RemoveCouncilMember) Reads() []string       { return nil }
func (c RemoveCouncilMember) Validate() error     { return c.event().Validate() }
func (c RemoveCouncilMember) normalized() Command { c.Reason = nt(c.Reason); return c }
func (c RemoveCouncilMember) event() CouncilMemberRemoved {
	return CouncilMemberRemoved{CouncilID: c.CouncilID, PersonID: c.PersonID, Reason: c.Reason, DecisionNo: c.DecisionNo}
}

// DesignateStandingOffice names the unit serving as the council's standing
// office. Reads the unit.
type DesignateStandingOffice struct {
	CouncilID    string `json:"councilId"`
	OfficeUnitID string `json:"officeUnitId"`
}

func (DesignateStandingOffice) CommandName() string { return "DesignateStandingOffice" }
func (c DesignateStandingOffice) Stream() string    { return "council-" + c.CouncilID }
func (c DesignateStandingOffice) Reads() []string   { return []string{"unit-" + c.OfficeUnitID} }
func (c DesignateStandingOffice) Validate() error   { return c.event().Validate() }
func (c DesignateStandingOffice) event() CouncilStandingOfficeDesignated {
	return CouncilStandingOfficeDesignated{CouncilID: c.CouncilID, OfficeUnitID: c.OfficeUnitID}
}

// AssignCouncilMemberToCluster puts a member in charge of following a
// cluster for a year (R29). Reads the cluster.
type AssignCouncilMemberToCluster struct {
	CouncilID string `json:"councilId"`
	PersonID  string `json:"personId"`
	ClusterID string `json:"clusterId"`
	Year      int    `json:"year"`
}

func (AssignCouncilMemberToCluster) CommandName() string { return "AssignCouncilMemberToCluster" }
func (c AssignCouncilMemberToCluster) Stream() string    { return "council-" + c.CouncilID }
func (c AssignCouncilMemberToCluster) Reads() []string   { return []string{"cluster-" + c.ClusterID} }
func (c AssignCouncilMemberToCluster) Validate() error   { return c.event().Validate() }
func (c AssignCouncilMemberToCluster) event() CouncilMemberAssignedToCluster {
	return CouncilMemberAssignedToCluster{CouncilID: c.CouncilID, PersonID: c.PersonID, ClusterID: c.ClusterID, Year: c.Year}
}

// HoldCouncilMeeting records a meeting; those present and those who sent a
// written opinion must be members.
type HoldCouncilMeeting struct {
	MeetingID                string   `json:"meetingId"`
	CouncilID                string   `json:"councilId"`
	Present                  []string `json:"present"`
	AbsentWithWrittenOpinion []string `json:"absentWithWrittenOpinion,omitempty"`
	Agenda                   []string `json:"agenda,omitempty"`
	MinutesRef               string   `json:"minutesRef,omitzero"`
}

func (HoldCouncilMeeting) CommandName() string { return "HoldCouncilMeeting" }
func (c HoldCouncilMeeting) Stream() string    { return "council-" + c.CouncilID }
func (HoldCouncilMeeting) Reads() []string     { return nil }
func (c HoldCouncilMeeting) Validate() error   { return c.event().Validate() }
func (c HoldCouncilMeeting) normalized() Command {
	if c.Agenda != nil {
		a := make([]string, len(c.Agenda))
		for i, s := range c.Agenda {
			a[i] = nt(s)
		}
		c.Agenda = a
	}
	c.MinutesRef = nt(c.MinutesRef)
	return c
}
func (c HoldCouncilMeeting) event() CouncilMeetingHeld {
	return CouncilMeetingHeld{MeetingID: c.MeetingID, CouncilID: c.CouncilID, Present: c.Present, AbsentWithWrittenOpinion: c.AbsentWithWrittenOpinion, Agenda: c.Agenda, MinutesRef: c.MinutesRef}
}

// RecordBallot records a vote of a council meeting (councilId) or a
// cluster meeting (clusterId). SubjectRef is the id of what was voted on
// (a proposal, an initiative); Rule the threshold rule (e.g. "R8").
type RecordBallot struct {
	BallotID   string     `json:"ballotId"`
	MeetingID  string     `json:"meetingId"`
	CouncilID  string     `json:"councilId,omitzero"`
	ClusterID  string     `json:"clusterId,omitzero"`
	SubjectRef string     `json:"subjectRef"`
	Kind       BallotKind `json:"kind"`
	Eligible   int        `json:"eligible"`
	Cast       int        `json:"cast"`
	For        int        `json:"for"`
	Against    int        `json:"against"`
	Abstain    int        `json:"abstain"`
	Rule       string     `json:"rule,omitzero"`
}

func (RecordBallot) CommandName() string   { return "RecordBallot" }
func (c RecordBallot) Stream() string      { return c.event().StreamID() }
func (RecordBallot) Reads() []string       { return nil }
func (c RecordBallot) normalized() Command { c.SubjectRef = nt(c.SubjectRef); return c }
func (c RecordBallot) Validate() error {
	err := c.event().Validate()
	if c.Rule != "" {
		if _, rerr := RuleByID(c.Rule); rerr != nil {
			return joinErr(err, fieldErr("rule", "không có quy tắc %q", c.Rule))
		}
	}
	return err
}
func (c RecordBallot) event() BallotRecorded {
	return BallotRecorded{BallotID: c.BallotID, MeetingID: c.MeetingID, CouncilID: c.CouncilID, ClusterID: c.ClusterID, SubjectRef: c.SubjectRef, Kind: c.Kind, Eligible: c.Eligible, Cast: c.Cast, For: c.For, Against: c.Against, Abstain: c.Abstain, Rule: c.Rule}
}

// joinErr joins errors, skipping nils.
func joinErr(errs ...error) error {
	var p problems
	for _, e := range errs {
		if e != nil {
			p = append(p, e)
		}
	}
	return p.err()
}
