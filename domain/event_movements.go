package domain

// Movements, plans, registrations and covenants (DOMAIN.md §b).

// Wire names of movement, plan, registration and covenant events.
const (
	EventMovementLaunched               = "MovementLaunched"
	EventMovementAdopted                = "MovementAdopted"
	EventEmulationPlanAdopted           = "EmulationPlanAdopted"
	EventMovementReviewHeld             = "MovementReviewHeld"
	EventEmulationRegistrationSubmitted = "EmulationRegistrationSubmitted"
	EventEmulationRegistrationAmended   = "EmulationRegistrationAmended"
	EventEmulationRegistrationWithdrawn = "EmulationRegistrationWithdrawn"
	EventCovenantSigned                 = "CovenantSigned"
)

// MovementLaunched records an emulation movement launched (phát động), e.g.
// by Chỉ thị 02/CT-VKSTC (the envelope's basis). Stream movement-<movementId>.
type MovementLaunched struct {
	MovementID       string        `json:"movementId"`
	Kind             MovementKind  `json:"kind"`
	Scope            MovementScope `json:"scope"`
	LaunchedByUnitID string        `json:"launchedByUnitId"`
	Theme            string        `json:"theme"`
	Period           Period        `json:"period"`
	Criteria         []string      `json:"criteria,omitempty"`
}

// EventType returns the wire name, EventMovementLaunched.
func (MovementLaunched) EventType() string { return EventMovementLaunched }

// SchemaVersion returns the schema version of the data, 1.
func (MovementLaunched) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e MovementLaunched) StreamID() string { return "movement-" + e.MovementID }

// Validate reports every missing or malformed field.
func (e MovementLaunched) Validate() error {
	var c checker
	c.id("movementId", e.MovementID)
	c.set("kind", e.Kind.IsZero())
	c.set("scope", e.Scope.IsZero())
	c.id("launchedByUnitId", e.LaunchedByUnitID)
	c.name("theme", e.Theme)
	e.Period.validate(&c, "period")
	for i, s := range e.Criteria {
		c.reqText(idx("criteria", i), s)
	}
	return c.err()
}

// MovementAdopted records a unit responding to a movement with its own plan.
// Stream movement-<movementId>.
type MovementAdopted struct {
	MovementID  string    `json:"movementId"`
	UnitID      string    `json:"unitId"`
	LocalPlanNo DocNumber `json:"localPlanNo,omitzero"`
}

// EventType returns the wire name, EventMovementAdopted.
func (MovementAdopted) EventType() string { return EventMovementAdopted }

// SchemaVersion returns the schema version of the data, 1.
func (MovementAdopted) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e MovementAdopted) StreamID() string { return "movement-" + e.MovementID }

// Validate reports every missing or malformed field.
func (e MovementAdopted) Validate() error {
	var c checker
	c.id("movementId", e.MovementID)
	c.id("unitId", e.UnitID)
	return c.err()
}

// EmulationPlanAdopted records a unit's annual emulation plan (e.g. KH
// 16/KH-VKS). Stream emulationplan-<planId>.
type EmulationPlanAdopted struct {
	PlanID  string    `json:"planId"`
	UnitID  string    `json:"unitId"`
	Year    int       `json:"year"`
	DocNo   DocNumber `json:"docNo"`
	Targets []string  `json:"targets,omitempty"`
}

// EventType returns the wire name, EventEmulationPlanAdopted.
func (EmulationPlanAdopted) EventType() string { return EventEmulationPlanAdopted }

// SchemaVersion returns the schema version of the data, 1.
func (EmulationPlanAdopted) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e EmulationPlanAdopted) StreamID() string { return "emulationplan-" + e.PlanID }

// EvalYear returns the evaluation year the event is about.
func (e EmulationPlanAdopted) EvalYear() int { return e.Year }

// Validate reports every missing or malformed field.
func (e EmulationPlanAdopted) Validate() error {
	var c checker
	c.id("planId", e.PlanID)
	c.id("unitId", e.UnitID)
	c.year("year", e.Year)
	c.doc("docNo", e.DocNo)
	for i, s := range e.Targets {
		c.reqText(idx("targets", i), s)
	}
	return c.err()
}

// MovementReviewHeld records a preliminary or final review (sơ kết, tổng
// kết) of a movement (Luật TĐKT 2022 Điều 17 k5). Stream movement-<movementId>.
type MovementReviewHeld struct {
	MovementID    string     `json:"movementId"`
	Kind          ReviewKind `json:"kind"`
	PeriodCovered Period     `json:"periodCovered"`
	ReportNo      DocNumber  `json:"reportNo,omitzero"`
}

// EventType returns the wire name, EventMovementReviewHeld.
func (MovementReviewHeld) EventType() string { return EventMovementReviewHeld }

// SchemaVersion returns the schema version of the data, 1.
func (MovementReviewHeld) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e MovementReviewHeld) StreamID() string { return "movement-" + e.MovementID }

// Validate reports every missing or malformed field.
func (e MovementReviewHeld) Validate() error {
	var c checker
	c.id("movementId", e.MovementID)
	c.set("kind", e.Kind.IsZero())
	e.PeriodCovered.validate(&c, "periodCovered")
	if e.PeriodCovered.To.IsZero() {
		c.fail("periodCovered.to", "required")
	}
	return c.err()
}

// EmulationRegistrationSubmitted records a subject's pledge of the titles
// and forms it aims for in a year ("đăng ký thi đua"), submitted through its
// unit or its cluster. Stream registration-<registrationId>.
type EmulationRegistrationSubmitted struct {
	RegistrationID string      `json:"registrationId"`
	Subject        Subject     `json:"subject"`
	Year           int         `json:"year"`
	Targets        []AwardKind `json:"targets"`
	ViaUnitID      string      `json:"viaUnitId,omitzero"`
	ViaClusterID   string      `json:"viaClusterId,omitzero"`
}

// EventType returns the wire name, EventEmulationRegistrationSubmitted.
func (EmulationRegistrationSubmitted) EventType() string { return EventEmulationRegistrationSubmitted }

// SchemaVersion returns the schema version of the data, 1.
func (EmulationRegistrationSubmitted) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e EmulationRegistrationSubmitted) StreamID() string {
	return "registration-" + e.RegistrationID
}

// EvalYear returns the evaluation year the event is about.
func (e EmulationRegistrationSubmitted) EvalYear() int { return e.Year }

// Validate reports every missing or malformed field.
func (e EmulationRegistrationSubmitted) Validate() error {
	var c checker
	c.id("registrationId", e.RegistrationID)
	c.subject("subject", e.Subject)
	c.year("year", e.Year)
	validateTargets(&c, "targets", e.Targets, e.Subject.Kind)
	if e.ViaUnitID == "" && e.ViaClusterID == "" {
		c.fail("viaUnitId", "viaUnitId or viaClusterId required")
	}
	c.optID("viaUnitId", e.ViaUnitID)
	c.optID("viaClusterId", e.ViaClusterID)
	return c.err()
}

func validateTargets(c *checker, field string, ts []AwardKind, subject SubjectKind) {
	if len(ts) == 0 {
		c.fail(field, "at least 1 required")
	}
	seen := map[AwardKind]bool{}
	for i, t := range ts {
		f := idx(field, i)
		switch {
		case t.IsZero():
			c.fail(f, "required")
		case seen[t]:
			c.fail(f, "duplicate")
		case !subject.IsZero() && !t.AllowsSubject(subject):
			c.fail(f, "%s cannot be given to %s", t, subject)
		}
		seen[t] = true
	}
}

// EmulationRegistrationAmended replaces a registration's targets. Stream
// registration-<registrationId>.
type EmulationRegistrationAmended struct {
	RegistrationID string      `json:"registrationId"`
	SubjectKind    SubjectKind `json:"subjectKind"`
	Targets        []AwardKind `json:"targets"`
	Reason         string      `json:"reason"`
}

// EventType returns the wire name, EventEmulationRegistrationAmended.
func (EmulationRegistrationAmended) EventType() string { return EventEmulationRegistrationAmended }

// SchemaVersion returns the schema version of the data, 1.
func (EmulationRegistrationAmended) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e EmulationRegistrationAmended) StreamID() string {
	return "registration-" + e.RegistrationID
}

// Validate reports every missing or malformed field.
func (e EmulationRegistrationAmended) Validate() error {
	var c checker
	c.id("registrationId", e.RegistrationID)
	c.set("subjectKind", e.SubjectKind.IsZero())
	validateTargets(&c, "targets", e.Targets, e.SubjectKind)
	c.reqText("reason", e.Reason)
	return c.err()
}

// EmulationRegistrationWithdrawn withdraws a registration. Stream
// registration-<registrationId>.
type EmulationRegistrationWithdrawn struct {
	RegistrationID string `json:"registrationId"`
	Reason         string `json:"reason"`
}

// EventType returns the wire name, EventEmulationRegistrationWithdrawn.
func (EmulationRegistrationWithdrawn) EventType() string { return EventEmulationRegistrationWithdrawn }

// SchemaVersion returns the schema version of the data, 1.
func (EmulationRegistrationWithdrawn) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e EmulationRegistrationWithdrawn) StreamID() string {
	return "registration-" + e.RegistrationID
}

// Validate reports every missing or malformed field.
func (e EmulationRegistrationWithdrawn) Validate() error {
	var c checker
	c.id("registrationId", e.RegistrationID)
	c.reqText("reason", e.Reason)
	return c.err()
}

// Signatory is a unit signing a covenant and the person who signed for it.
type Signatory struct {
	UnitID   string `json:"unitId"`
	PersonID string `json:"personId"`
}

// CovenantSigned records a giao ước thi đua signed by the members of a
// cluster for a year, against criteria such as QĐ 139/QĐ-VKSTC and QĐ
// 424/QĐ-VKSTC. Stream covenant-<covenantId>.
type CovenantSigned struct {
	CovenantID   string      `json:"covenantId"`
	ClusterID    string      `json:"clusterId"`
	Year         int         `json:"year"`
	Signatories  []Signatory `json:"signatories"`
	Targets      []string    `json:"targets,omitempty"`
	CriteriaRefs []DocNumber `json:"criteriaRefs,omitempty"`
}

// EventType returns the wire name, EventCovenantSigned.
func (CovenantSigned) EventType() string { return EventCovenantSigned }

// SchemaVersion returns the schema version of the data, 1.
func (CovenantSigned) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e CovenantSigned) StreamID() string { return "covenant-" + e.CovenantID }

// EvalYear returns the evaluation year the event is about.
func (e CovenantSigned) EvalYear() int { return e.Year }

// Validate reports every missing or malformed field.
func (e CovenantSigned) Validate() error {
	var c checker
	c.id("covenantId", e.CovenantID)
	c.id("clusterId", e.ClusterID)
	c.year("year", e.Year)
	if len(e.Signatories) < 2 {
		c.fail("signatories", "at least 2 required")
	}
	seen := map[string]bool{}
	for i, s := range e.Signatories {
		f := idx("signatories", i)
		c.id(f+".unitId", s.UnitID)
		c.id(f+".personId", s.PersonID)
		if seen[s.UnitID] && s.UnitID != "" {
			c.fail(f+".unitId", "duplicate")
		}
		seen[s.UnitID] = true
	}
	for i, s := range e.Targets {
		c.reqText(idx("targets", i), s)
	}
	for i, d := range e.CriteriaRefs {
		c.doc(idx("criteriaRefs", i), d)
	}
	return c.err()
}
