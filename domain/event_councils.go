package domain

// Councils (DOMAIN.md §b "Councils"), all in stream council-<councilId>
// except ballots taken in a cluster meeting (cluster-<clusterId>).

// Wire names of council events.
const (
	EventCouncilConstituted              = "CouncilConstituted"
	EventCouncilReconstituted            = "CouncilReconstituted"
	EventCouncilMemberAppointed          = "CouncilMemberAppointed"
	EventCouncilMemberRemoved            = "CouncilMemberRemoved"
	EventCouncilStandingOfficeDesignated = "CouncilStandingOfficeDesignated"
	EventCouncilMemberAssignedToCluster  = "CouncilMemberAssignedToCluster"
	EventCouncilMeetingHeld              = "CouncilMeetingHeld"
	EventBallotRecorded                  = "BallotRecorded"
)

// CouncilMember is one seat on a council.
type CouncilMember struct {
	PersonID      string      `json:"personId"`
	Role          CouncilRole `json:"role"`
	PositionTitle string      `json:"positionTitle"`
	// ExOfficio says the seat comes with the position (e.g. Chánh Văn phòng
	// as ủy viên thường trực), not with the person.
	ExOfficio bool `json:"exOfficio,omitzero"`
}

func (m CouncilMember) validate(c *checker, field string) {
	c.id(field+".personId", m.PersonID)
	c.set(field+".role", m.Role.IsZero())
	c.name(field+".positionTitle", m.PositionTitle)
}

// validateMembers checks a full member list: at least one member, exactly
// one chair, no person twice.
func validateMembers(c *checker, field string, ms []CouncilMember) {
	if len(ms) == 0 {
		c.fail(field, "at least 1 required")
		return
	}
	seen := map[string]bool{}
	chairs := 0
	for i, m := range ms {
		f := idx(field, i)
		m.validate(c, f)
		if seen[m.PersonID] && m.PersonID != "" {
			c.fail(f+".personId", "duplicate")
		}
		seen[m.PersonID] = true
		if m.Role == RoleChair {
			chairs++
		}
	}
	if chairs != 1 {
		c.fail(field, "exactly one %s required, got %d", RoleChair, chairs)
	}
}

// CouncilConstituted records a council set up by decision (Luật TĐKT 2022
// Điều 90; QĐ 19/QĐ-VKSTC 2025 for the sector initiative council).
type CouncilConstituted struct {
	CouncilID   string          `json:"councilId"`
	Kind        CouncilKind     `json:"kind"`
	Name        string          `json:"name"`
	OwnerUnitID string          `json:"ownerUnitId"`
	DecisionNo  DocNumber       `json:"decisionNo"`
	Members     []CouncilMember `json:"members"`
}

// EventType returns the wire name, EventCouncilConstituted.
func (CouncilConstituted) EventType() string { return EventCouncilConstituted }

// SchemaVersion returns the schema version of the data, 1.
func (CouncilConstituted) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e CouncilConstituted) StreamID() string { return "council-" + e.CouncilID }

// Validate reports every missing or malformed field.
func (e CouncilConstituted) Validate() error {
	var c checker
	c.id("councilId", e.CouncilID)
	c.set("kind", e.Kind.IsZero())
	c.name("name", e.Name)
	c.id("ownerUnitId", e.OwnerUnitID)
	c.doc("decisionNo", e.DecisionNo)
	validateMembers(&c, "members", e.Members)
	return c.err()
}

// CouncilReconstituted records a "kiện toàn": a new decision replacing the
// council's whole membership. Members is the full snapshot, not a diff, so
// the council as it stood after this decision is readable from this event
// alone.
type CouncilReconstituted struct {
	CouncilID          string          `json:"councilId"`
	DecisionNo         DocNumber       `json:"decisionNo"`
	SupersedesDecision DocNumber       `json:"supersedesDecision,omitzero"`
	Members            []CouncilMember `json:"members"`
}

// EventType returns the wire name, EventCouncilReconstituted.
func (CouncilReconstituted) EventType() string { return EventCouncilReconstituted }

// SchemaVersion returns the schema version of the data, 1.
func (CouncilReconstituted) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e CouncilReconstituted) StreamID() string { return "council-" + e.CouncilID }

// Validate reports every missing or malformed field.
func (e CouncilReconstituted) Validate() error {
	var c checker
	c.id("councilId", e.CouncilID)
	c.doc("decisionNo", e.DecisionNo)
	if !e.SupersedesDecision.IsZero() && e.SupersedesDecision == e.DecisionNo {
		c.fail("supersedesDecision", "same as decisionNo")
	}
	validateMembers(&c, "members", e.Members)
	return c.err()
}

// CouncilMemberAppointed records one member added to a council.
type CouncilMemberAppointed struct {
	CouncilID  string        `json:"councilId"`
	Member     CouncilMember `json:"member"`
	DecisionNo DocNumber     `json:"decisionNo,omitzero"`
}

// EventType returns the wire name, EventCouncilMemberAppointed.
func (CouncilMemberAppointed) EventType() string { return EventCouncilMemberAppointed }

// SchemaVersion returns the schema version of the data, 1.
func (CouncilMemberAppointed) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e CouncilMemberAppointed) StreamID() string { return "council-" + e.CouncilID }

// Validate reports every missing or malformed field.
func (e CouncilMemberAppointed) Validate() error {
	var c checker
	c.id("councilId", e.CouncilID)
	e.Member.validate(&c, "member")
	return c.err()
}

// CouncilMemberRemoved records one member leaving a council.
type CouncilMemberRemoved struct {
	CouncilID  string    `json:"councilId"`
	PersonID   string    `json:"personId"`
	Reason     string    `json:"reason"`
	DecisionNo DocNumber `json:"decisionNo,omitzero"`
}

// EventType returns the wire name, EventCouncilMemberRemoved.
func (CouncilMemberRemoved) EventType() string { return EventCouncilMemberRemoved }

// SchemaVersion returns the schema version of the data, 1.
func (CouncilMemberRemoved) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e CouncilMemberRemoved) StreamID() string { return "council-" + e.CouncilID }

// Validate reports every missing or malformed field.
func (e CouncilMemberRemoved) Validate() error {
	var c checker
	c.id("councilId", e.CouncilID)
	c.id("personId", e.PersonID)
	c.reqText("reason", e.Reason)
	return c.err()
}

// CouncilStandingOfficeDesignated records which unit serves as the
// council's standing office (Vụ 16 in 2024; Phòng TĐKT of the Văn phòng in
// 2025).
type CouncilStandingOfficeDesignated struct {
	CouncilID    string `json:"councilId"`
	OfficeUnitID string `json:"officeUnitId"`
}

// EventType returns the wire name, EventCouncilStandingOfficeDesignated.
func (CouncilStandingOfficeDesignated) EventType() string {
	return EventCouncilStandingOfficeDesignated
}

// SchemaVersion returns the schema version of the data, 1.
func (CouncilStandingOfficeDesignated) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e CouncilStandingOfficeDesignated) StreamID() string { return "council-" + e.CouncilID }

// Validate reports every missing or malformed field.
func (e CouncilStandingOfficeDesignated) Validate() error {
	var c checker
	c.id("councilId", e.CouncilID)
	c.id("officeUnitId", e.OfficeUnitID)
	return c.err()
}

// CouncilMemberAssignedToCluster records a council member put in charge of
// following a cluster or block for a year (rule R29).
type CouncilMemberAssignedToCluster struct {
	CouncilID string `json:"councilId"`
	PersonID  string `json:"personId"`
	ClusterID string `json:"clusterId"`
	Year      int    `json:"year"`
}

// EventType returns the wire name, EventCouncilMemberAssignedToCluster.
func (CouncilMemberAssignedToCluster) EventType() string { return EventCouncilMemberAssignedToCluster }

// SchemaVersion returns the schema version of the data, 1.
func (CouncilMemberAssignedToCluster) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e CouncilMemberAssignedToCluster) StreamID() string { return "council-" + e.CouncilID }

// EvalYear returns the evaluation year the event is about.
func (e CouncilMemberAssignedToCluster) EvalYear() int { return e.Year }

// Validate reports every missing or malformed field.
func (e CouncilMemberAssignedToCluster) Validate() error {
	var c checker
	c.id("councilId", e.CouncilID)
	c.id("personId", e.PersonID)
	c.id("clusterId", e.ClusterID)
	c.year("year", e.Year)
	return c.err()
}

// CouncilMeetingHeld records a council meeting: who was present and who
// sent a written opinion instead (NĐ 91/2017 Điều 45 k8). The meeting date
// is the envelope's effective date.
type CouncilMeetingHeld struct {
	MeetingID                string   `json:"meetingId"`
	CouncilID                string   `json:"councilId"`
	Present                  []string `json:"present"`
	AbsentWithWrittenOpinion []string `json:"absentWithWrittenOpinion,omitempty"`
	Agenda                   []string `json:"agenda,omitempty"`
	MinutesRef               string   `json:"minutesRef,omitzero"`
}

// EventType returns the wire name, EventCouncilMeetingHeld.
func (CouncilMeetingHeld) EventType() string { return EventCouncilMeetingHeld }

// SchemaVersion returns the schema version of the data, 1.
func (CouncilMeetingHeld) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e CouncilMeetingHeld) StreamID() string { return "council-" + e.CouncilID }

// Validate reports every missing or malformed field.
func (e CouncilMeetingHeld) Validate() error {
	var c checker
	c.id("meetingId", e.MeetingID)
	c.id("councilId", e.CouncilID)
	c.ids("present", e.Present, 1)
	c.ids("absentWithWrittenOpinion", e.AbsentWithWrittenOpinion, 0)
	for _, p := range e.AbsentWithWrittenOpinion {
		for _, q := range e.Present {
			if p == q {
				c.fail("absentWithWrittenOpinion", "%s also present", p)
			}
		}
	}
	for i, a := range e.Agenda {
		c.reqText(idx("agenda", i), a)
	}
	c.text("minutesRef", e.MinutesRef)
	return c.err()
}

// BallotRecorded records a vote: a council's (CouncilID set) or a cluster
// meeting's (ClusterID set), exactly one of the two. SubjectRef names what
// was voted on (a proposal, an initiative, a leader election); Rule names
// the threshold rule the tally is checked against (e.g. "R8"). Eligible is
// the denominator the rule uses (e.g. all council members).
type BallotRecorded struct {
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

// EventType returns the wire name, EventBallotRecorded.
func (BallotRecorded) EventType() string { return EventBallotRecorded }

// SchemaVersion returns the schema version of the data, 1.
func (BallotRecorded) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e BallotRecorded) StreamID() string {
	if e.CouncilID == "" && e.ClusterID != "" {
		return "cluster-" + e.ClusterID
	}
	return "council-" + e.CouncilID
}

// Validate reports every missing or malformed field.
func (e BallotRecorded) Validate() error {
	var c checker
	c.id("ballotId", e.BallotID)
	c.id("meetingId", e.MeetingID)
	switch {
	case e.CouncilID == "" && e.ClusterID == "":
		c.fail("councilId", "councilId or clusterId required")
	case e.CouncilID != "" && e.ClusterID != "":
		c.fail("clusterId", "only one of councilId and clusterId")
	}
	c.optID("councilId", e.CouncilID)
	c.optID("clusterId", e.ClusterID)
	c.reqText("subjectRef", e.SubjectRef)
	c.set("kind", e.Kind.IsZero())
	c.nonNeg("eligible", e.Eligible)
	c.nonNeg("cast", e.Cast)
	c.nonNeg("for", e.For)
	c.nonNeg("against", e.Against)
	c.nonNeg("abstain", e.Abstain)
	if e.Eligible < 1 {
		c.fail("eligible", "at least 1 required")
	}
	if e.Cast > e.Eligible {
		c.fail("cast", "more than eligible")
	}
	if e.For+e.Against+e.Abstain > e.Cast {
		c.fail("for", "for+against+abstain more than cast")
	}
	c.text("rule", e.Rule)
	return c.err()
}
