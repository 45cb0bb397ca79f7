package domain

import "fmt"

// Units and people (DOMAIN.md §b "Units and people").

// Wire names of unit and people events.
const (
	EventUnitEstablished        = "UnitEstablished"
	EventUnitRenamed            = "UnitRenamed"
	EventUnitsMerged            = "UnitsMerged"
	EventUnitSplit              = "UnitSplit"
	EventUnitDissolved          = "UnitDissolved"
	EventUnitReparented         = "UnitReparented"
	EventPersonRecruited        = "PersonRecruited"
	EventPersonTransferred      = "PersonTransferred"
	EventPersonSeconded         = "PersonSeconded"
	EventPersonLeaveRecorded    = "PersonLeaveRecorded"
	EventPerformanceRated       = "PerformanceRated"
	EventDisciplineImposed      = "DisciplineImposed"
	EventDisciplineEnded        = "DisciplineEnded"
	EventReviewProceedingOpened = "ReviewProceedingOpened"
	EventReviewProceedingClosed = "ReviewProceedingClosed"
)

// UnitEstablished records a new unit (NQ 84/2025/UBTVQH15 for the VKSND cấp
// tỉnh and khu vực; NQ 1745 for VKSNDTC units). The date is the envelope's
// effective date. Stream unit-<unitId>.
type UnitEstablished struct {
	UnitID       string    `json:"unitId"`
	Name         string    `json:"name"`
	ShortName    string    `json:"shortName,omitzero"`
	Level        UnitLevel `json:"level"`
	Kind         UnitKind  `json:"kind"`
	ParentUnitID string    `json:"parentUnitId,omitzero"`
}

// EventType returns the wire name, EventUnitEstablished.
func (UnitEstablished) EventType() string { return EventUnitEstablished }

// SchemaVersion returns the schema version of the data, 1.
func (UnitEstablished) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e UnitEstablished) StreamID() string { return "unit-" + e.UnitID }

// Validate reports every missing or malformed field.
func (e UnitEstablished) Validate() error {
	var c checker
	c.id("unitId", e.UnitID)
	c.name("name", e.Name)
	c.optName("shortName", e.ShortName)
	c.set("level", e.Level.IsZero())
	c.set("kind", e.Kind.IsZero())
	c.optID("parentUnitId", e.ParentUnitID)
	if e.ParentUnitID != "" && e.ParentUnitID == e.UnitID {
		c.fail("parentUnitId", "same as unitId")
	}
	return c.err()
}

// UnitRenamed records a new name for a unit. Stream unit-<unitId>.
type UnitRenamed struct {
	UnitID  string `json:"unitId"`
	OldName string `json:"oldName"`
	NewName string `json:"newName"`
}

// EventType returns the wire name, EventUnitRenamed.
func (UnitRenamed) EventType() string { return EventUnitRenamed }

// SchemaVersion returns the schema version of the data, 1.
func (UnitRenamed) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e UnitRenamed) StreamID() string { return "unit-" + e.UnitID }

// Validate reports every missing or malformed field.
func (e UnitRenamed) Validate() error {
	var c checker
	c.id("unitId", e.UnitID)
	c.name("oldName", e.OldName)
	c.name("newName", e.NewName)
	if e.OldName != "" && e.OldName == e.NewName {
		c.fail("newName", "same as oldName")
	}
	return c.err()
}

// UnitsMerged records a merger (hợp nhất or sáp nhập). In an absorption the
// result unit is one of the sources. TitleSuccessionPolicy states, in
// words, how predecessors' titles count for the result (rule R-U3 is
// unsettled, so it is recorded, not inferred). Stream unit-<resultUnitId>.
type UnitsMerged struct {
	SourceUnitIDs         []string  `json:"sourceUnitIds"`
	ResultUnitID          string    `json:"resultUnitId"`
	Mode                  MergeMode `json:"mode"`
	TitleSuccessionPolicy string    `json:"titleSuccessionPolicy,omitzero"`
}

// EventType returns the wire name, EventUnitsMerged.
func (UnitsMerged) EventType() string { return EventUnitsMerged }

// SchemaVersion returns the schema version of the data, 1.
func (UnitsMerged) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e UnitsMerged) StreamID() string { return "unit-" + e.ResultUnitID }

// Validate reports every missing or malformed field.
func (e UnitsMerged) Validate() error {
	var c checker
	c.ids("sourceUnitIds", e.SourceUnitIDs, 2)
	c.id("resultUnitId", e.ResultUnitID)
	c.set("mode", e.Mode.IsZero())
	in := false
	for _, s := range e.SourceUnitIDs {
		in = in || s == e.ResultUnitID
	}
	switch {
	case e.Mode == MergeAbsorption && !in:
		c.fail("resultUnitId", "must be one of sourceUnitIds for %s", MergeAbsorption)
	case e.Mode == MergeConsolidation && in:
		c.fail("resultUnitId", "must be a new unit for %s", MergeConsolidation)
	}
	c.text("titleSuccessionPolicy", e.TitleSuccessionPolicy)
	return c.err()
}

// UnitSplit records a unit divided into several. Stream unit-<sourceUnitId>.
type UnitSplit struct {
	SourceUnitID  string   `json:"sourceUnitId"`
	ResultUnitIDs []string `json:"resultUnitIds"`
	Allocation    string   `json:"allocation,omitzero"`
}

// EventType returns the wire name, EventUnitSplit.
func (UnitSplit) EventType() string { return EventUnitSplit }

// SchemaVersion returns the schema version of the data, 1.
func (UnitSplit) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e UnitSplit) StreamID() string { return "unit-" + e.SourceUnitID }

// Validate reports every missing or malformed field.
func (e UnitSplit) Validate() error {
	var c checker
	c.id("sourceUnitId", e.SourceUnitID)
	c.ids("resultUnitIds", e.ResultUnitIDs, 2)
	c.text("allocation", e.Allocation)
	return c.err()
}

// UnitDissolved records the end of a unit (e.g. VKSND cấp cao and cấp huyện
// on 1/7/2025, Luật 82/2025/QH15). Stream unit-<unitId>.
type UnitDissolved struct {
	UnitID           string   `json:"unitId"`
	SuccessorUnitIDs []string `json:"successorUnitIds,omitempty"`
	Reason           string   `json:"reason,omitzero"`
}

// EventType returns the wire name, EventUnitDissolved.
func (UnitDissolved) EventType() string { return EventUnitDissolved }

// SchemaVersion returns the schema version of the data, 1.
func (UnitDissolved) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e UnitDissolved) StreamID() string { return "unit-" + e.UnitID }

// Validate reports every missing or malformed field.
func (e UnitDissolved) Validate() error {
	var c checker
	c.id("unitId", e.UnitID)
	c.ids("successorUnitIds", e.SuccessorUnitIDs, 0)
	c.text("reason", e.Reason)
	return c.err()
}

// UnitReparented records a unit moved under a new parent (e.g. the Viện
// phúc thẩm under VKSNDTC). Stream unit-<unitId>.
type UnitReparented struct {
	UnitID          string `json:"unitId"`
	OldParentUnitID string `json:"oldParentUnitId,omitzero"`
	NewParentUnitID string `json:"newParentUnitId"`
}

// EventType returns the wire name, EventUnitReparented.
func (UnitReparented) EventType() string { return EventUnitReparented }

// SchemaVersion returns the schema version of the data, 1.
func (UnitReparented) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e UnitReparented) StreamID() string { return "unit-" + e.UnitID }

// Validate reports every missing or malformed field.
func (e UnitReparented) Validate() error {
	var c checker
	c.id("unitId", e.UnitID)
	c.optID("oldParentUnitId", e.OldParentUnitID)
	c.id("newParentUnitId", e.NewParentUnitID)
	if e.NewParentUnitID == e.UnitID && e.UnitID != "" {
		c.fail("newParentUnitId", "same as unitId")
	}
	return c.err()
}

// PersonRecruited records a person joining a unit; the recruitment date
// (the envelope's effective date) drives rule R2. Stream person-<personId>.
type PersonRecruited struct {
	PersonID      string `json:"personId"`
	FullName      string `json:"fullName"`
	UnitID        string `json:"unitId"`
	PositionTitle string `json:"positionTitle,omitzero"`
}

// EventType returns the wire name, EventPersonRecruited.
func (PersonRecruited) EventType() string { return EventPersonRecruited }

// SchemaVersion returns the schema version of the data, 1.
func (PersonRecruited) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e PersonRecruited) StreamID() string { return "person-" + e.PersonID }

// Validate reports every missing or malformed field.
func (e PersonRecruited) Validate() error {
	var c checker
	c.id("personId", e.PersonID)
	c.name("fullName", e.FullName)
	c.id("unitId", e.UnitID)
	c.optName("positionTitle", e.PositionTitle)
	return c.err()
}

// PersonTransferred records a permanent move between units. Stream
// person-<personId>.
type PersonTransferred struct {
	PersonID   string `json:"personId"`
	FromUnitID string `json:"fromUnitId"`
	ToUnitID   string `json:"toUnitId"`
}

// EventType returns the wire name, EventPersonTransferred.
func (PersonTransferred) EventType() string { return EventPersonTransferred }

// SchemaVersion returns the schema version of the data, 1.
func (PersonTransferred) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e PersonTransferred) StreamID() string { return "person-" + e.PersonID }

// Validate reports every missing or malformed field.
func (e PersonTransferred) Validate() error {
	var c checker
	c.id("personId", e.PersonID)
	c.id("fromUnitId", e.FromUnitID)
	c.id("toUnitId", e.ToUnitID)
	if e.FromUnitID != "" && e.FromUnitID == e.ToUnitID {
		c.fail("toUnitId", "same as fromUnitId")
	}
	return c.err()
}

// PersonSeconded records a secondment (biệt phái) for a period; under TT
// 15/2025/TT-BNV Điều 2 k5 the receiving unit rates the person. Stream
// person-<personId>.
type PersonSeconded struct {
	PersonID   string `json:"personId"`
	FromUnitID string `json:"fromUnitId"`
	ToUnitID   string `json:"toUnitId"`
	Period     Period `json:"period"`
}

// EventType returns the wire name, EventPersonSeconded.
func (PersonSeconded) EventType() string { return EventPersonSeconded }

// SchemaVersion returns the schema version of the data, 1.
func (PersonSeconded) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e PersonSeconded) StreamID() string { return "person-" + e.PersonID }

// Validate reports every missing or malformed field.
func (e PersonSeconded) Validate() error {
	var c checker
	c.id("personId", e.PersonID)
	c.id("fromUnitId", e.FromUnitID)
	c.id("toUnitId", e.ToUnitID)
	if e.FromUnitID != "" && e.FromUnitID == e.ToUnitID {
		c.fail("toUnitId", "same as fromUnitId")
	}
	e.Period.validate(&c, "period")
	return c.err()
}

// PersonLeaveRecorded records a period away from work (rule R3). Stream
// person-<personId>.
type PersonLeaveRecorded struct {
	PersonID string      `json:"personId"`
	LeaveID  string      `json:"leaveId"`
	Period   Period      `json:"period"`
	Reason   LeaveReason `json:"reason"`
	Note     string      `json:"note,omitzero"`
}

// EventType returns the wire name, EventPersonLeaveRecorded.
func (PersonLeaveRecorded) EventType() string { return EventPersonLeaveRecorded }

// SchemaVersion returns the schema version of the data, 1.
func (PersonLeaveRecorded) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e PersonLeaveRecorded) StreamID() string { return "person-" + e.PersonID }

// Validate reports every missing or malformed field.
func (e PersonLeaveRecorded) Validate() error {
	var c checker
	c.id("personId", e.PersonID)
	c.id("leaveId", e.LeaveID)
	e.Period.validate(&c, "period")
	if e.Period.To.IsZero() {
		c.fail("period.to", "required")
	}
	c.set("reason", e.Reason.IsZero())
	c.text("note", e.Note)
	return c.err()
}

// PerformanceRated records the annual rating of a person or unit (Luật TĐKT
// 2022 Điều 23, 24, 27, 28). Stream person-<id> or unit-<id>.
type PerformanceRated struct {
	RatingID string            `json:"ratingId"`
	Subject  Subject           `json:"subject"`
	Year     int               `json:"year"`
	Rating   PerformanceRating `json:"rating"`
	// Supersedes is the id of an earlier rating of the same subject and
	// year that this one replaces, if any.
	Supersedes string `json:"supersedes,omitzero"`
}

// EventType returns the wire name, EventPerformanceRated.
func (PerformanceRated) EventType() string { return EventPerformanceRated }

// SchemaVersion returns the schema version of the data, 1.
func (PerformanceRated) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e PerformanceRated) StreamID() string { return e.Subject.stream() }

// EvalYear returns the evaluation year the event is about.
func (e PerformanceRated) EvalYear() int { return e.Year }

// Validate reports every missing or malformed field.
func (e PerformanceRated) Validate() error {
	var c checker
	c.id("ratingId", e.RatingID)
	c.subject("subject", e.Subject)
	c.year("year", e.Year)
	c.set("rating", e.Rating.IsZero())
	c.optID("supersedes", e.Supersedes)
	return c.err()
}

// DisciplineImposed records a disciplinary sanction. ViolationYear is the
// year the violation is attributed to, which may precede the decision year
// (rule R4). The decision date is the envelope's effective date. Stream
// person-<personId>.
type DisciplineImposed struct {
	DisciplineID  string         `json:"disciplineId"`
	PersonID      string         `json:"personId"`
	Form          DisciplineForm `json:"form"`
	ViolationYear int            `json:"violationYear"`
	DecisionNo    DocNumber      `json:"decisionNo"`
	EndsOn        Date           `json:"endsOn,omitzero"`
}

// EventType returns the wire name, EventDisciplineImposed.
func (DisciplineImposed) EventType() string { return EventDisciplineImposed }

// SchemaVersion returns the schema version of the data, 1.
func (DisciplineImposed) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e DisciplineImposed) StreamID() string { return "person-" + e.PersonID }

// Validate reports every missing or malformed field.
func (e DisciplineImposed) Validate() error {
	var c checker
	c.id("disciplineId", e.DisciplineID)
	c.id("personId", e.PersonID)
	c.set("form", e.Form.IsZero())
	c.year("violationYear", e.ViolationYear)
	c.doc("decisionNo", e.DecisionNo)
	return c.err()
}

// DisciplineEnded records the end of a disciplinary period; achievement
// windows restart from it (rule R24). Stream person-<personId>.
type DisciplineEnded struct {
	DisciplineID string `json:"disciplineId"`
	PersonID     string `json:"personId"`
}

// EventType returns the wire name, EventDisciplineEnded.
func (DisciplineEnded) EventType() string { return EventDisciplineEnded }

// SchemaVersion returns the schema version of the data, 1.
func (DisciplineEnded) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e DisciplineEnded) StreamID() string { return "person-" + e.PersonID }

// Validate reports every missing or malformed field.
func (e DisciplineEnded) Validate() error {
	var c checker
	c.id("disciplineId", e.DisciplineID)
	c.id("personId", e.PersonID)
	return c.err()
}

// ReviewProceedingOpened records a proceeding that bars commendation while
// open (NĐ 98/2023 Điều 4; rule R23). Stream person-<id> or unit-<id>.
type ReviewProceedingOpened struct {
	ProceedingID string         `json:"proceedingId"`
	Subject      Subject        `json:"subject"`
	Kind         ProceedingKind `json:"kind"`
	Description  string         `json:"description,omitzero"`
}

// EventType returns the wire name, EventReviewProceedingOpened.
func (ReviewProceedingOpened) EventType() string { return EventReviewProceedingOpened }

// SchemaVersion returns the schema version of the data, 1.
func (ReviewProceedingOpened) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e ReviewProceedingOpened) StreamID() string { return e.Subject.stream() }

// Validate reports every missing or malformed field.
func (e ReviewProceedingOpened) Validate() error {
	var c checker
	c.id("proceedingId", e.ProceedingID)
	c.subject("subject", e.Subject)
	c.set("kind", e.Kind.IsZero())
	c.text("description", e.Description)
	return c.err()
}

// ReviewProceedingClosed records the close of a proceeding and its outcome.
// Stream person-<id> or unit-<id>.
type ReviewProceedingClosed struct {
	ProceedingID string  `json:"proceedingId"`
	Subject      Subject `json:"subject"`
	Outcome      string  `json:"outcome"`
	// ViolationFound says whether the proceeding found a violation.
	ViolationFound bool `json:"violationFound"`
}

// EventType returns the wire name, EventReviewProceedingClosed.
func (ReviewProceedingClosed) EventType() string { return EventReviewProceedingClosed }

// SchemaVersion returns the schema version of the data, 1.
func (ReviewProceedingClosed) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e ReviewProceedingClosed) StreamID() string { return e.Subject.stream() }

// Validate reports every missing or malformed field.
func (e ReviewProceedingClosed) Validate() error {
	var c checker
	c.id("proceedingId", e.ProceedingID)
	c.subject("subject", e.Subject)
	c.reqText("outcome", e.Outcome)
	return c.err()
}

// idx formats a list element's field name, e.g. "members[2]".
func idx(field string, i int) string { return fmt.Sprintf("%s[%d]", field, i) }
