package domain

// Commands on clusters and blocks (stream cluster-<id>) and on
// reorganisation plans (plan-<id>).

// FormCluster forms a cụm or khối for a year with its first members. Each
// member must be an active unit not already in another cluster of the same
// kind that year (a ClustersOfYear command). Reads the members' units and
// the organizer.
type FormCluster struct {
	ClusterID          string      `json:"clusterId"`
	Kind               ClusterKind `json:"kind"`
	Name               string      `json:"name"`
	Number             int         `json:"number,omitzero"`
	Year               int         `json:"year"`
	OrganizerCouncilID string      `json:"organizerCouncilId,omitzero"`
	OrganizerUnitID    string      `json:"organizerUnitId,omitzero"`
	MemberUnitIDs      []string    `json:"memberUnitIds,omitempty"`
}

func (FormCluster) CommandName() string   { return "FormCluster" }
func (c FormCluster) Stream() string      { return "cluster-" + c.ClusterID }
func (c FormCluster) ClustersYear() int   { return c.Year }
func (c FormCluster) Validate() error     { return c.event().Validate() }
func (c FormCluster) normalized() Command { c.Name = nn(c.Name); return c }
func (c FormCluster) Reads() []string {
	out := optStream("council-", c.OrganizerCouncilID)
	out = append(out, optStream("unit-", c.OrganizerUnitID)...)
	for _, u := range c.MemberUnitIDs {
		out = append(out, "unit-"+u)
	}
	return out
}
func (c FormCluster) event() ClusterFormed {
	return ClusterFormed{ClusterID: c.ClusterID, Kind: c.Kind, Name: c.Name, Number: c.Number, Year: c.Year, OrganizerCouncilID: c.OrganizerCouncilID, OrganizerUnitID: c.OrganizerUnitID, MemberUnitIDs: c.MemberUnitIDs}
}

// RenameCluster gives a cluster a new name or number.
type RenameCluster struct {
	ClusterID string `json:"clusterId"`
	NewName   string `json:"newName"`
	NewNumber int    `json:"newNumber,omitzero"`
}

func (RenameCluster) CommandName() string   { return "RenameCluster" }
func (c RenameCluster) Stream() string      { return "cluster-" + c.ClusterID }
func (RenameCluster) Reads() []string       { return nil }
func (c RenameCluster) normalized() Command { c.NewName = nn(c.NewName); return c }
func (c RenameCluster) Validate() error {
	var k checker
	k.id("clusterId", c.ClusterID)
	k.name("newName", c.NewName)
	k.nonNeg("newNumber", c.NewNumber)
	return k.err()
}

// AssignUnitToCluster adds a unit to a cluster; the unit may not be in
// another cluster of the same kind that year (a ClustersOfYear command,
// with the year taken from the cluster's state; Year must match it).
// Reads the unit.
type AssignUnitToCluster struct {
	ClusterID string `json:"clusterId"`
	UnitID    string `json:"unitId"`
	Year      int    `json:"year"`
}

func (AssignUnitToCluster) CommandName() string { return "AssignUnitToCluster" }
func (c AssignUnitToCluster) Stream() string    { return "cluster-" + c.ClusterID }
func (c AssignUnitToCluster) ClustersYear() int { return c.Year }
func (c AssignUnitToCluster) Reads() []string   { return []string{"unit-" + c.UnitID} }
func (c AssignUnitToCluster) Validate() error {
	var k checker
	k.id("clusterId", c.ClusterID)
	k.id("unitId", c.UnitID)
	k.year("year", c.Year)
	return k.err()
}

// RemoveUnitFromCluster removes a member.
type RemoveUnitFromCluster struct {
	ClusterID string `json:"clusterId"`
	UnitID    string `json:"unitId"`
	Reason    string `json:"reason,omitzero"`
}

func (RemoveUnitFromCluster) CommandName() string   { return "RemoveUnitFromCluster" }
func (c RemoveUnitFromCluster) Stream() string      { return "cluster-" + c.ClusterID }
func (RemoveUnitFromCluster) Reads() []string       { return nil }
func (c RemoveUnitFromCluster) Validate() error     { return c.event().Validate() }
func (c RemoveUnitFromCluster) normalized() Command { c.Reason = nt(c.Reason); return c }
func (c RemoveUnitFromCluster) event() UnitRemovedFromCluster {
	return UnitRemovedFromCluster{ClusterID: c.ClusterID, UnitID: c.UnitID, Reason: c.Reason}
}

// MoveUnitBetweenClusters moves a unit from one cluster to another of the
// same kind and year in one act; it is recorded in the destination's
// stream, and the unit counts as gone from the source wherever both states
// are read. Reads the source cluster; a ClustersOfYear command.
type MoveUnitBetweenClusters struct {
	UnitID        string `json:"unitId"`
	FromClusterID string `json:"fromClusterId"`
	ToClusterID   string `json:"toClusterId"`
	Year          int    `json:"year"`
	Reason        string `json:"reason,omitzero"`
}

func (MoveUnitBetweenClusters) CommandName() string { return "MoveUnitBetweenClusters" }
func (c MoveUnitBetweenClusters) Stream() string    { return "cluster-" + c.ToClusterID }
func (c MoveUnitBetweenClusters) ClustersYear() int { return c.Year }
func (c MoveUnitBetweenClusters) Reads() []string {
	return []string{"cluster-" + c.FromClusterID, "unit-" + c.UnitID}
}
func (c MoveUnitBetweenClusters) normalized() Command { c.Reason = nt(c.Reason); return c }
func (c MoveUnitBetweenClusters) Validate() error {
	var k checker
	k.year("year", c.Year)
	return joinErr(c.event().Validate(), k.err())
}
func (c MoveUnitBetweenClusters) event() UnitMovedBetweenClusters {
	return UnitMovedBetweenClusters{UnitID: c.UnitID, FromClusterID: c.FromClusterID, ToClusterID: c.ToClusterID, Reason: c.Reason}
}

// AssignClusterLeadership assigns the year's leader (cụm/khối trưởng) and
// deputy (phó): exactly one each, both members (R28), neither "không được
// xét thi đua" the previous year where the ledger knows it (R26: rated
// "không hoàn thành nhiệm vụ"). If PreviousClusterID names last year's
// cluster, a leader who led it too is flagged (R27); list "R27" in
// AcknowledgedRules to assign anyway. Reads the leader's and deputy's
// units and the previous cluster.
type AssignClusterLeadership struct {
	ClusterID         string           `json:"clusterId"`
	Year              int              `json:"year"`
	LeaderUnitID      string           `json:"leaderUnitId"`
	DeputyUnitID      string           `json:"deputyUnitId"`
	Method            LeadershipMethod `json:"method"`
	MinutesRef        string           `json:"minutesRef,omitzero"`
	PreviousClusterID string           `json:"previousClusterId,omitzero"`
	AcknowledgedRules []string         `json:"acknowledgedRules,omitempty"`
}

func (AssignClusterLeadership) CommandName() string { return "AssignClusterLeadership" }
func (c AssignClusterLeadership) Stream() string    { return "cluster-" + c.ClusterID }
func (c AssignClusterLeadership) Reads() []string {
	out := []string{"unit-" + c.LeaderUnitID, "unit-" + c.DeputyUnitID}
	return append(out, optStream("cluster-", c.PreviousClusterID)...)
}
func (c AssignClusterLeadership) normalized() Command { c.MinutesRef = nt(c.MinutesRef); return c }
func (c AssignClusterLeadership) Validate() error {
	var k checker
	k.optID("previousClusterId", c.PreviousClusterID)
	validateAck(&k, c.AcknowledgedRules)
	return joinErr(c.event().Validate(), k.err())
}
func (c AssignClusterLeadership) event() ClusterLeadershipAssigned {
	return ClusterLeadershipAssigned{ClusterID: c.ClusterID, Year: c.Year, LeaderUnitID: c.LeaderUnitID, DeputyUnitID: c.DeputyUnitID, Method: c.Method, MinutesRef: c.MinutesRef}
}

// DissolveCluster ends a cluster.
type DissolveCluster struct {
	ClusterID string `json:"clusterId"`
	Reason    string `json:"reason"`
}

func (DissolveCluster) CommandName() string   { return "DissolveCluster" }
func (c DissolveCluster) Stream() string      { return "cluster-" + c.ClusterID }
func (DissolveCluster) Reads() []string       { return nil }
func (c DissolveCluster) Validate() error     { return c.event().Validate() }
func (c DissolveCluster) normalized() Command { c.Reason = nt(c.Reason); return c }
func (c DissolveCluster) event() ClusterDissolved {
	return ClusterDissolved{ClusterID: c.ClusterID, Reason: c.Reason}
}

// SubmitReorganizationPlan submits a "phương án tổ chức lại cụm, khối thi
// đua" to a council's standing office. Reads the recipient council.
type SubmitReorganizationPlan struct {
	PlanID             string            `json:"planId"`
	SubmitterUnitID    string            `json:"submitterUnitId"`
	RecipientCouncilID string            `json:"recipientCouncilId"`
	Year               int               `json:"year"`
	ProposedClusters   []ProposedCluster `json:"proposedClusters"`
	DocNo              DocNumber         `json:"docNo,omitzero"`
}

func (SubmitReorganizationPlan) CommandName() string { return "SubmitReorganizationPlan" }
func (c SubmitReorganizationPlan) Stream() string    { return "plan-" + c.PlanID }
func (c SubmitReorganizationPlan) Reads() []string {
	return []string{"council-" + c.RecipientCouncilID}
}
func (c SubmitReorganizationPlan) Validate() error { return c.event().Validate() }
func (c SubmitReorganizationPlan) normalized() Command {
	if c.ProposedClusters != nil {
		ps := make([]ProposedCluster, len(c.ProposedClusters))
		for i, p := range c.ProposedClusters {
			p.Name = nn(p.Name)
			ps[i] = p
		}
		c.ProposedClusters = ps
	}
	return c
}
func (c SubmitReorganizationPlan) event() ClusterReorganizationPlanSubmitted {
	return ClusterReorganizationPlanSubmitted{PlanID: c.PlanID, SubmitterUnitID: c.SubmitterUnitID, RecipientCouncilID: c.RecipientCouncilID, Year: c.Year, ProposedClusters: c.ProposedClusters, DocNo: c.DocNo}
}

// DecideReorganizationPlan records the decision on a submitted plan, once.
// The ledger head read (Env.BasedOnSeq) is recorded.
type DecideReorganizationPlan struct {
	PlanID          string       `json:"planId"`
	Decision        PlanDecision `json:"decision"`
	DecidedByUnitID string       `json:"decidedByUnitId"`
	Amendments      string       `json:"amendments,omitzero"`
	Reason          string       `json:"reason,omitzero"`
}

func (DecideReorganizationPlan) CommandName() string { return "DecideReorganizationPlan" }
func (c DecideReorganizationPlan) Stream() string    { return "plan-" + c.PlanID }
func (DecideReorganizationPlan) Reads() []string     { return nil }
func (c DecideReorganizationPlan) Validate() error   { return c.event(0).Validate() }
func (c DecideReorganizationPlan) normalized() Command {
	c.Amendments, c.Reason = nt(c.Amendments), nt(c.Reason)
	return c
}
func (c DecideReorganizationPlan) event(seq uint64) ClusterReorganizationPlanDecided {
	return ClusterReorganizationPlanDecided{PlanID: c.PlanID, Decision: c.Decision, DecidedByUnitID: c.DecidedByUnitID, Amendments: c.Amendments, Reason: c.Reason, BasedOnSeq: seq}
}

// validateAck checks acknowledged rule ids: each in the catalog, no
// duplicates.
func validateAck(k *checker, ack []string) {
	seen := map[string]bool{}
	for i, id := range ack {
		f := idx("acknowledgedRules", i)
		if _, err := RuleByID(id); err != nil {
			k.fail(f, "không có quy tắc %q", id)
		}
		if seen[id] {
			k.fail(f, "duplicate")
		}
		seen[id] = true
	}
}
