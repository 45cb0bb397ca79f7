package domain

// Commands on movements (movement-<id>), annual plans (emulationplan-<id>),
// registrations (registration-<id>) and covenants (covenant-<id>).

// LaunchMovement launches an emulation movement. Reads the launching unit.
type LaunchMovement struct {
	MovementID       string        `json:"movementId"`
	Kind             MovementKind  `json:"kind"`
	Scope            MovementScope `json:"scope"`
	LaunchedByUnitID string        `json:"launchedByUnitId"`
	Theme            string        `json:"theme"`
	Period           Period        `json:"period"`
	Criteria         []string      `json:"criteria,omitempty"`
}

func (LaunchMovement) CommandName() string { return "LaunchMovement" }
func (c LaunchMovement) Stream() string    { return "movement-" + c.MovementID }
func (c LaunchMovement) Reads() []string   { return []string{"unit-" + c.LaunchedByUnitID} }
func (c LaunchMovement) Validate() error   { return c.event().Validate() }
func (c LaunchMovement) normalized() Command {
	c.Theme, c.Criteria = nn(c.Theme), normTexts(c.Criteria)
	return c
}
func (c LaunchMovement) event() MovementLaunched {
	return MovementLaunched{MovementID: c.MovementID, Kind: c.Kind, Scope: c.Scope, LaunchedByUnitID: c.LaunchedByUnitID, Theme: c.Theme, Period: c.Period, Criteria: c.Criteria}
}

func normTexts(ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = nt(s)
	}
	return out
}

// AdoptMovement records a unit responding to a movement. Reads the unit.
type AdoptMovement struct {
	MovementID  string    `json:"movementId"`
	UnitID      string    `json:"unitId"`
	LocalPlanNo DocNumber `json:"localPlanNo,omitzero"`
}

func (AdoptMovement) CommandName() string { return "AdoptMovement" }
func (c AdoptMovement) Stream() string    { return "movement-" + c.MovementID }
func (c AdoptMovement) Reads() []string   { return []string{"unit-" + c.UnitID} }
func (c AdoptMovement) Validate() error   { return c.event().Validate() }
func (c AdoptMovement) event() MovementAdopted {
	return MovementAdopted{MovementID: c.MovementID, UnitID: c.UnitID, LocalPlanNo: c.LocalPlanNo}
}

// AdoptEmulationPlan records a unit's annual emulation plan. Reads the
// unit.
type AdoptEmulationPlan struct {
	PlanID  string    `json:"planId"`
	UnitID  string    `json:"unitId"`
	Year    int       `json:"year"`
	DocNo   DocNumber `json:"docNo"`
	Targets []string  `json:"targets,omitempty"`
}

func (AdoptEmulationPlan) CommandName() string   { return "AdoptEmulationPlan" }
func (c AdoptEmulationPlan) Stream() string      { return "emulationplan-" + c.PlanID }
func (c AdoptEmulationPlan) Reads() []string     { return []string{"unit-" + c.UnitID} }
func (c AdoptEmulationPlan) Validate() error     { return c.event().Validate() }
func (c AdoptEmulationPlan) normalized() Command { c.Targets = normTexts(c.Targets); return c }
func (c AdoptEmulationPlan) event() EmulationPlanAdopted {
	return EmulationPlanAdopted{PlanID: c.PlanID, UnitID: c.UnitID, Year: c.Year, DocNo: c.DocNo, Targets: c.Targets}
}

// HoldMovementReview records a preliminary or final review of a movement;
// the period covered must lie within the movement's period where it has an
// end.
type HoldMovementReview struct {
	MovementID    string     `json:"movementId"`
	Kind          ReviewKind `json:"kind"`
	PeriodCovered Period     `json:"periodCovered"`
	ReportNo      DocNumber  `json:"reportNo,omitzero"`
}

func (HoldMovementReview) CommandName() string { return "HoldMovementReview" }
func (c HoldMovementReview) Stream() string    { return "movement-" + c.MovementID }
func (HoldMovementReview) Reads() []string     { return nil }
func (c HoldMovementReview) Validate() error   { return c.event().Validate() }
func (c HoldMovementReview) event() MovementReviewHeld {
	return MovementReviewHeld{MovementID: c.MovementID, Kind: c.Kind, PeriodCovered: c.PeriodCovered, ReportNo: c.ReportNo}
}

// RegistrationID returns the id of subject's registration for year. It is
// name-based, so a subject has one registration stream per year: "one
// registration per subject per year" holds by construction, and a
// re-submission lands on the same stream.
func RegistrationID(subject Subject, year int) string {
	return deriveID("registration", subject.Kind.String(), subject.ID, itoa(year))
}

// SubmitRegistration submits a subject's emulation registration for a year
// (stream registration-<RegistrationID(subject, year)>). Refused after the
// registration was withdrawn; an identical re-submission records nothing.
// Reads the subject's stream.
type SubmitRegistration struct {
	Subject      Subject     `json:"subject"`
	Year         int         `json:"year"`
	Targets      []AwardKind `json:"targets"`
	ViaUnitID    string      `json:"viaUnitId,omitzero"`
	ViaClusterID string      `json:"viaClusterId,omitzero"`
}

func (SubmitRegistration) CommandName() string { return "SubmitRegistration" }
func (c SubmitRegistration) Stream() string {
	return "registration-" + RegistrationID(c.Subject, c.Year)
}
func (c SubmitRegistration) Reads() []string {
	if c.Subject.ID == "" {
		return nil
	}
	return []string{c.Subject.stream()}
}
func (c SubmitRegistration) Validate() error { return c.event().Validate() }
func (c SubmitRegistration) event() EmulationRegistrationSubmitted {
	return EmulationRegistrationSubmitted{RegistrationID: RegistrationID(c.Subject, c.Year), Subject: c.Subject, Year: c.Year, Targets: c.Targets, ViaUnitID: c.ViaUnitID, ViaClusterID: c.ViaClusterID}
}

// AmendRegistration replaces a registration's targets.
type AmendRegistration struct {
	RegistrationID string      `json:"registrationId"`
	Targets        []AwardKind `json:"targets"`
	Reason         string      `json:"reason"`
}

func (AmendRegistration) CommandName() string   { return "AmendRegistration" }
func (c AmendRegistration) Stream() string      { return "registration-" + c.RegistrationID }
func (AmendRegistration) Reads() []string       { return nil }
func (c AmendRegistration) normalized() Command { c.Reason = nt(c.Reason); return c }
func (c AmendRegistration) Validate() error {
	var k checker
	k.id("registrationId", c.RegistrationID)
	validateTargets(&k, "targets", c.Targets, SubjectKind{})
	k.reqText("reason", c.Reason)
	return k.err()
}

// WithdrawRegistration withdraws a registration.
type WithdrawRegistration struct {
	RegistrationID string `json:"registrationId"`
	Reason         string `json:"reason"`
}

func (WithdrawRegistration) CommandName() string   { return "WithdrawRegistration" }
func (c WithdrawRegistration) Stream() string      { return "registration-" + c.RegistrationID }
func (WithdrawRegistration) Reads() []string       { return nil }
func (c WithdrawRegistration) normalized() Command { c.Reason = nt(c.Reason); return c }
func (c WithdrawRegistration) Validate() error {
	return EmulationRegistrationWithdrawn{RegistrationID: c.RegistrationID, Reason: c.Reason}.Validate()
}

// SignCovenant records a covenant signed by members of a cluster for its
// year. Reads the cluster.
type SignCovenant struct {
	CovenantID   string      `json:"covenantId"`
	ClusterID    string      `json:"clusterId"`
	Year         int         `json:"year"`
	Signatories  []Signatory `json:"signatories"`
	Targets      []string    `json:"targets,omitempty"`
	CriteriaRefs []DocNumber `json:"criteriaRefs,omitempty"`
}

func (SignCovenant) CommandName() string   { return "SignCovenant" }
func (c SignCovenant) Stream() string      { return "covenant-" + c.CovenantID }
func (c SignCovenant) Reads() []string     { return []string{"cluster-" + c.ClusterID} }
func (c SignCovenant) Validate() error     { return c.event().Validate() }
func (c SignCovenant) normalized() Command { c.Targets = normTexts(c.Targets); return c }
func (c SignCovenant) event() CovenantSigned {
	return CovenantSigned{CovenantID: c.CovenantID, ClusterID: c.ClusterID, Year: c.Year, Signatories: c.Signatories, Targets: c.Targets, CriteriaRefs: c.CriteriaRefs}
}
