package domain

// Clusters and blocks (cụm, khối thi đua; DOMAIN.md §b), in stream
// cluster-<clusterId>, and reorganisation plans in plan-<planId>.

// Wire names of cluster events.
const (
	EventClusterFormed                      = "ClusterFormed"
	EventClusterRenamed                     = "ClusterRenamed"
	EventUnitAssignedToCluster              = "UnitAssignedToCluster"
	EventUnitRemovedFromCluster             = "UnitRemovedFromCluster"
	EventUnitMovedBetweenClusters           = "UnitMovedBetweenClusters"
	EventClusterLeadershipAssigned          = "ClusterLeadershipAssigned"
	EventClusterDissolved                   = "ClusterDissolved"
	EventClusterReorganizationPlanSubmitted = "ClusterReorganizationPlanSubmitted"
	EventClusterReorganizationPlanDecided   = "ClusterReorganizationPlanDecided"
)

// ClusterFormed records a cụm or khối formed for a year by an organizer (a
// council or a unit), e.g. under HD 09/HD-VKSTC or CV 317/VKS-VP (the
// envelope's basis).
type ClusterFormed struct {
	ClusterID          string      `json:"clusterId"`
	Kind               ClusterKind `json:"kind"`
	Name               string      `json:"name"`
	Number             int         `json:"number,omitzero"`
	Year               int         `json:"year"`
	OrganizerCouncilID string      `json:"organizerCouncilId,omitzero"`
	OrganizerUnitID    string      `json:"organizerUnitId,omitzero"`
	MemberUnitIDs      []string    `json:"memberUnitIds,omitempty"`
}

// EventType returns the wire name, EventClusterFormed.
func (ClusterFormed) EventType() string { return EventClusterFormed }

// SchemaVersion returns the schema version of the data, 1.
func (ClusterFormed) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e ClusterFormed) StreamID() string { return "cluster-" + e.ClusterID }

// EvalYear returns the evaluation year the event is about.
func (e ClusterFormed) EvalYear() int { return e.Year }

// Validate reports every missing or malformed field.
func (e ClusterFormed) Validate() error {
	var c checker
	c.id("clusterId", e.ClusterID)
	c.set("kind", e.Kind.IsZero())
	c.name("name", e.Name)
	c.nonNeg("number", e.Number)
	c.year("year", e.Year)
	if e.OrganizerCouncilID == "" && e.OrganizerUnitID == "" {
		c.fail("organizerCouncilId", "organizerCouncilId or organizerUnitId required")
	}
	c.optID("organizerCouncilId", e.OrganizerCouncilID)
	c.optID("organizerUnitId", e.OrganizerUnitID)
	c.ids("memberUnitIds", e.MemberUnitIDs, 0)
	return c.err()
}

// ClusterRenamed records a new name or number for a cluster (e.g. Cụm 10 of
// 2023 carried on as Cụm 13 in 2024).
type ClusterRenamed struct {
	ClusterID string `json:"clusterId"`
	OldName   string `json:"oldName"`
	NewName   string `json:"newName"`
	NewNumber int    `json:"newNumber,omitzero"`
}

// EventType returns the wire name, EventClusterRenamed.
func (ClusterRenamed) EventType() string { return EventClusterRenamed }

// SchemaVersion returns the schema version of the data, 1.
func (ClusterRenamed) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e ClusterRenamed) StreamID() string { return "cluster-" + e.ClusterID }

// Validate reports every missing or malformed field.
func (e ClusterRenamed) Validate() error {
	var c checker
	c.id("clusterId", e.ClusterID)
	c.name("oldName", e.OldName)
	c.name("newName", e.NewName)
	c.nonNeg("newNumber", e.NewNumber)
	return c.err()
}

// UnitAssignedToCluster records a unit joining a cluster.
type UnitAssignedToCluster struct {
	ClusterID string `json:"clusterId"`
	UnitID    string `json:"unitId"`
}

// EventType returns the wire name, EventUnitAssignedToCluster.
func (UnitAssignedToCluster) EventType() string { return EventUnitAssignedToCluster }

// SchemaVersion returns the schema version of the data, 1.
func (UnitAssignedToCluster) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e UnitAssignedToCluster) StreamID() string { return "cluster-" + e.ClusterID }

// Validate reports every missing or malformed field.
func (e UnitAssignedToCluster) Validate() error {
	var c checker
	c.id("clusterId", e.ClusterID)
	c.id("unitId", e.UnitID)
	return c.err()
}

// UnitRemovedFromCluster records a unit leaving a cluster.
type UnitRemovedFromCluster struct {
	ClusterID string `json:"clusterId"`
	UnitID    string `json:"unitId"`
	Reason    string `json:"reason,omitzero"`
}

// EventType returns the wire name, EventUnitRemovedFromCluster.
func (UnitRemovedFromCluster) EventType() string { return EventUnitRemovedFromCluster }

// SchemaVersion returns the schema version of the data, 1.
func (UnitRemovedFromCluster) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e UnitRemovedFromCluster) StreamID() string { return "cluster-" + e.ClusterID }

// Validate reports every missing or malformed field.
func (e UnitRemovedFromCluster) Validate() error {
	var c checker
	c.id("clusterId", e.ClusterID)
	c.id("unitId", e.UnitID)
	c.text("reason", e.Reason)
	return c.err()
}

// UnitMovedBetweenClusters records a unit leaving one cluster for another
// in one act. It is in the destination's stream, cluster-<toClusterId>.
type UnitMovedBetweenClusters struct {
	UnitID        string `json:"unitId"`
	FromClusterID string `json:"fromClusterId"`
	ToClusterID   string `json:"toClusterId"`
	Reason        string `json:"reason,omitzero"`
}

// EventType returns the wire name, EventUnitMovedBetweenClusters.
func (UnitMovedBetweenClusters) EventType() string { return EventUnitMovedBetweenClusters }

// SchemaVersion returns the schema version of the data, 1.
func (UnitMovedBetweenClusters) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e UnitMovedBetweenClusters) StreamID() string { return "cluster-" + e.ToClusterID }

// Validate reports every missing or malformed field.
func (e UnitMovedBetweenClusters) Validate() error {
	var c checker
	c.id("unitId", e.UnitID)
	c.id("fromClusterId", e.FromClusterID)
	c.id("toClusterId", e.ToClusterID)
	if e.FromClusterID != "" && e.FromClusterID == e.ToClusterID {
		c.fail("toClusterId", "same as fromClusterId")
	}
	c.text("reason", e.Reason)
	return c.err()
}

// ClusterLeadershipAssigned records the year's cụm/khối trưởng and phó
// (rules R26–R28).
type ClusterLeadershipAssigned struct {
	ClusterID    string           `json:"clusterId"`
	Year         int              `json:"year"`
	LeaderUnitID string           `json:"leaderUnitId"`
	DeputyUnitID string           `json:"deputyUnitId"`
	Method       LeadershipMethod `json:"method"`
	MinutesRef   string           `json:"minutesRef,omitzero"`
}

// EventType returns the wire name, EventClusterLeadershipAssigned.
func (ClusterLeadershipAssigned) EventType() string { return EventClusterLeadershipAssigned }

// SchemaVersion returns the schema version of the data, 1.
func (ClusterLeadershipAssigned) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e ClusterLeadershipAssigned) StreamID() string { return "cluster-" + e.ClusterID }

// EvalYear returns the evaluation year the event is about.
func (e ClusterLeadershipAssigned) EvalYear() int { return e.Year }

// Validate reports every missing or malformed field.
func (e ClusterLeadershipAssigned) Validate() error {
	var c checker
	c.id("clusterId", e.ClusterID)
	c.year("year", e.Year)
	c.id("leaderUnitId", e.LeaderUnitID)
	c.id("deputyUnitId", e.DeputyUnitID)
	if e.LeaderUnitID != "" && e.LeaderUnitID == e.DeputyUnitID {
		c.fail("deputyUnitId", "same as leaderUnitId")
	}
	c.set("method", e.Method.IsZero())
	c.text("minutesRef", e.MinutesRef)
	return c.err()
}

// ClusterDissolved records the end of a cluster (e.g. when its members were
// dissolved on 1/7/2025).
type ClusterDissolved struct {
	ClusterID string `json:"clusterId"`
	Reason    string `json:"reason"`
}

// EventType returns the wire name, EventClusterDissolved.
func (ClusterDissolved) EventType() string { return EventClusterDissolved }

// SchemaVersion returns the schema version of the data, 1.
func (ClusterDissolved) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e ClusterDissolved) StreamID() string { return "cluster-" + e.ClusterID }

// Validate reports every missing or malformed field.
func (e ClusterDissolved) Validate() error {
	var c checker
	c.id("clusterId", e.ClusterID)
	c.reqText("reason", e.Reason)
	return c.err()
}

// ProposedCluster is one cluster or block in a reorganisation plan.
type ProposedCluster struct {
	Kind          ClusterKind `json:"kind"`
	Name          string      `json:"name"`
	MemberUnitIDs []string    `json:"memberUnitIds"`
}

// ClusterReorganizationPlanSubmitted records a "phương án tổ chức lại cụm,
// khối thi đua" sent to the council's standing office. Stream plan-<planId>.
type ClusterReorganizationPlanSubmitted struct {
	PlanID             string            `json:"planId"`
	SubmitterUnitID    string            `json:"submitterUnitId"`
	RecipientCouncilID string            `json:"recipientCouncilId"`
	Year               int               `json:"year"`
	ProposedClusters   []ProposedCluster `json:"proposedClusters"`
	DocNo              DocNumber         `json:"docNo,omitzero"`
}

// EventType returns the wire name, EventClusterReorganizationPlanSubmitted.
func (ClusterReorganizationPlanSubmitted) EventType() string {
	return EventClusterReorganizationPlanSubmitted
}

// SchemaVersion returns the schema version of the data, 1.
func (ClusterReorganizationPlanSubmitted) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e ClusterReorganizationPlanSubmitted) StreamID() string { return "plan-" + e.PlanID }

// EvalYear returns the evaluation year the event is about.
func (e ClusterReorganizationPlanSubmitted) EvalYear() int { return e.Year }

// Validate reports every missing or malformed field.
func (e ClusterReorganizationPlanSubmitted) Validate() error {
	var c checker
	c.id("planId", e.PlanID)
	c.id("submitterUnitId", e.SubmitterUnitID)
	c.id("recipientCouncilId", e.RecipientCouncilID)
	c.year("year", e.Year)
	if len(e.ProposedClusters) == 0 {
		c.fail("proposedClusters", "at least 1 required")
	}
	seen := map[string]string{}
	for i, p := range e.ProposedClusters {
		f := idx("proposedClusters", i)
		c.set(f+".kind", p.Kind.IsZero())
		c.name(f+".name", p.Name)
		c.ids(f+".memberUnitIds", p.MemberUnitIDs, 1)
		for _, u := range p.MemberUnitIDs {
			if prev, ok := seen[u]; ok && prev != f {
				c.fail(f+".memberUnitIds", "unit %s also in %s", u, prev)
			}
			seen[u] = f
		}
	}
	return c.err()
}

// ClusterReorganizationPlanDecided records the standing office's decision
// on a plan. BasedOnSeq is the last ledger seq the deciding body saw, so the
// decision can be reconstructed as of then. Stream plan-<planId>.
type ClusterReorganizationPlanDecided struct {
	PlanID          string       `json:"planId"`
	Decision        PlanDecision `json:"decision"`
	DecidedByUnitID string       `json:"decidedByUnitId"`
	Amendments      string       `json:"amendments,omitzero"`
	Reason          string       `json:"reason,omitzero"`
	BasedOnSeq      uint64       `json:"basedOnSeq"`
}

// EventType returns the wire name, EventClusterReorganizationPlanDecided.
func (ClusterReorganizationPlanDecided) EventType() string {
	return EventClusterReorganizationPlanDecided
}

// SchemaVersion returns the schema version of the data, 1.
func (ClusterReorganizationPlanDecided) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e ClusterReorganizationPlanDecided) StreamID() string { return "plan-" + e.PlanID }

// Validate reports every missing or malformed field.
func (e ClusterReorganizationPlanDecided) Validate() error {
	var c checker
	c.id("planId", e.PlanID)
	c.set("decision", e.Decision.IsZero())
	c.id("decidedByUnitId", e.DecidedByUnitID)
	c.text("amendments", e.Amendments)
	c.text("reason", e.Reason)
	if e.Decision == PlanAmended && e.Amendments == "" {
		c.fail("amendments", "required when decision is %s", PlanAmended)
	}
	if e.Decision == PlanRejected && e.Reason == "" {
		c.fail("reason", "required when decision is %s", PlanRejected)
	}
	return c.err()
}
