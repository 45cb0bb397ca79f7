package domain

// Commands on units (stream unit-<id>) and people (person-<id>), and the
// subject-scoped ones (ratings, review proceedings, award holds) that go to
// either, by their subject.

// EstablishUnit establishes a unit. Reads the parent unit, if any.
type EstablishUnit struct {
	UnitID       string    `json:"unitId"`
	Name         string    `json:"name"`
	ShortName    string    `json:"shortName,omitzero"`
	Level        UnitLevel `json:"level"`
	Kind         UnitKind  `json:"kind"`
	ParentUnitID string    `json:"parentUnitId,omitzero"`
}

func (EstablishUnit) CommandName() string { return "EstablishUnit" }
func (c EstablishUnit) Stream() string    { return "unit-" + c.UnitID }
func (c EstablishUnit) Reads() []string   { return optStream("unit-", c.ParentUnitID) }
func (c EstablishUnit) Validate() error   { return c.event().Validate() }
func (c EstablishUnit) normalized() Command {
	c.Name, c.ShortName = nn(c.Name), nn(c.ShortName)
	return c
}
func (c EstablishUnit) event() UnitEstablished {
	return UnitEstablished{UnitID: c.UnitID, Name: c.Name, ShortName: c.ShortName, Level: c.Level, Kind: c.Kind, ParentUnitID: c.ParentUnitID}
}

// RenameUnit gives a unit a new name; the old name comes from the state.
type RenameUnit struct {
	UnitID  string `json:"unitId"`
	NewName string `json:"newName"`
}

func (RenameUnit) CommandName() string   { return "RenameUnit" }
func (c RenameUnit) Stream() string      { return "unit-" + c.UnitID }
func (RenameUnit) Reads() []string       { return nil }
func (c RenameUnit) normalized() Command { c.NewName = nn(c.NewName); return c }
func (c RenameUnit) Validate() error {
	var k checker
	k.id("unitId", c.UnitID)
	k.name("newName", c.NewName)
	return k.err()
}

// MergeUnits records a merger into ResultUnitID (which must be established
// first; for an absorption it is one of the sources). Reads every source.
// Sources that cease are then dissolved with DissolveUnit on their own
// streams (one command appends to one stream).
type MergeUnits struct {
	ResultUnitID          string    `json:"resultUnitId"`
	SourceUnitIDs         []string  `json:"sourceUnitIds"`
	Mode                  MergeMode `json:"mode"`
	TitleSuccessionPolicy string    `json:"titleSuccessionPolicy,omitzero"`
}

func (MergeUnits) CommandName() string { return "MergeUnits" }
func (c MergeUnits) Stream() string    { return "unit-" + c.ResultUnitID }
func (c MergeUnits) Reads() []string {
	var out []string
	for _, s := range c.SourceUnitIDs {
		if s != c.ResultUnitID {
			out = append(out, "unit-"+s)
		}
	}
	return out
}
func (c MergeUnits) Validate() error { return c.event().Validate() }
func (c MergeUnits) normalized() Command {
	c.TitleSuccessionPolicy = nt(c.TitleSuccessionPolicy)
	return c
}
func (c MergeUnits) event() UnitsMerged {
	return UnitsMerged{SourceUnitIDs: c.SourceUnitIDs, ResultUnitID: c.ResultUnitID, Mode: c.Mode, TitleSuccessionPolicy: c.TitleSuccessionPolicy}
}

// SplitUnit records a unit divided into several.
type SplitUnit struct {
	SourceUnitID  string   `json:"sourceUnitId"`
	ResultUnitIDs []string `json:"resultUnitIds"`
	Allocation    string   `json:"allocation,omitzero"`
}

func (SplitUnit) CommandName() string   { return "SplitUnit" }
func (c SplitUnit) Stream() string      { return "unit-" + c.SourceUnitID }
func (SplitUnit) Reads() []string       { return nil }
func (c SplitUnit) Validate() error     { return c.event().Validate() }
func (c SplitUnit) normalized() Command { c.Allocation = nt(c.Allocation); return c }
func (c SplitUnit) event() UnitSplit {
	return UnitSplit{SourceUnitID: c.SourceUnitID, ResultUnitIDs: c.ResultUnitIDs, Allocation: c.Allocation}
}

// DissolveUnit ends a unit; it takes no new proposals after (R36).
type DissolveUnit struct {
	UnitID           string   `json:"unitId"`
	SuccessorUnitIDs []string `json:"successorUnitIds,omitempty"`
	Reason           string   `json:"reason,omitzero"`
}

func (DissolveUnit) CommandName() string   { return "DissolveUnit" }
func (c DissolveUnit) Stream() string      { return "unit-" + c.UnitID }
func (DissolveUnit) Reads() []string       { return nil }
func (c DissolveUnit) Validate() error     { return c.event().Validate() }
func (c DissolveUnit) normalized() Command { c.Reason = nt(c.Reason); return c }
func (c DissolveUnit) event() UnitDissolved {
	return UnitDissolved{UnitID: c.UnitID, SuccessorUnitIDs: c.SuccessorUnitIDs, Reason: c.Reason}
}

// ReparentUnit moves a unit under a new parent. Reads the new parent.
type ReparentUnit struct {
	UnitID          string `json:"unitId"`
	NewParentUnitID string `json:"newParentUnitId"`
}

func (ReparentUnit) CommandName() string { return "ReparentUnit" }
func (c ReparentUnit) Stream() string    { return "unit-" + c.UnitID }
func (c ReparentUnit) Reads() []string   { return []string{"unit-" + c.NewParentUnitID} }
func (c ReparentUnit) Validate() error {
	return UnitReparented{UnitID: c.UnitID, NewParentUnitID: c.NewParentUnitID}.Validate()
}

// RecruitPerson records a person joining a unit. Reads the unit.
type RecruitPerson struct {
	PersonID      string `json:"personId"`
	FullName      string `json:"fullName"`
	UnitID        string `json:"unitId"`
	PositionTitle string `json:"positionTitle,omitzero"`
}

func (RecruitPerson) CommandName() string { return "RecruitPerson" }
func (c RecruitPerson) Stream() string    { return "person-" + c.PersonID }
func (c RecruitPerson) Reads() []string   { return []string{"unit-" + c.UnitID} }
func (c RecruitPerson) Validate() error   { return c.event().Validate() }
func (c RecruitPerson) normalized() Command {
	c.FullName, c.PositionTitle = nn(c.FullName), nn(c.PositionTitle)
	return c
}
func (c RecruitPerson) event() PersonRecruited {
	return PersonRecruited{PersonID: c.PersonID, FullName: c.FullName, UnitID: c.UnitID, PositionTitle: c.PositionTitle}
}

// TransferPerson moves a person to another unit for good; the unit they
// leave comes from the state. Reads the new unit.
type TransferPerson struct {
	PersonID string `json:"personId"`
	ToUnitID string `json:"toUnitId"`
}

func (TransferPerson) CommandName() string { return "TransferPerson" }
func (c TransferPerson) Stream() string    { return "person-" + c.PersonID }
func (c TransferPerson) Reads() []string   { return []string{"unit-" + c.ToUnitID} }
func (c TransferPerson) Validate() error {
	var k checker
	k.id("personId", c.PersonID)
	k.id("toUnitId", c.ToUnitID)
	return k.err()
}

// SecondPerson seconds a person to another unit for a period. Reads the
// receiving unit.
type SecondPerson struct {
	PersonID string `json:"personId"`
	ToUnitID string `json:"toUnitId"`
	Period   Period `json:"period"`
}

func (SecondPerson) CommandName() string { return "SecondPerson" }
func (c SecondPerson) Stream() string    { return "person-" + c.PersonID }
func (c SecondPerson) Reads() []string   { return []string{"unit-" + c.ToUnitID} }
func (c SecondPerson) Validate() error {
	var k checker
	k.id("personId", c.PersonID)
	k.id("toUnitId", c.ToUnitID)
	c.Period.validate(&k, "period")
	return k.err()
}

// RecordLeave records a period of leave (R3).
type RecordLeave struct {
	PersonID string      `json:"personId"`
	LeaveID  string      `json:"leaveId"`
	Period   Period      `json:"period"`
	Reason   LeaveReason `json:"reason"`
	Note     string      `json:"note,omitzero"`
}

func (RecordLeave) CommandName() string   { return "RecordLeave" }
func (c RecordLeave) Stream() string      { return "person-" + c.PersonID }
func (RecordLeave) Reads() []string       { return nil }
func (c RecordLeave) Validate() error     { return c.event().Validate() }
func (c RecordLeave) normalized() Command { c.Note = nt(c.Note); return c }
func (c RecordLeave) event() PersonLeaveRecorded {
	return PersonLeaveRecorded{PersonID: c.PersonID, LeaveID: c.LeaveID, Period: c.Period, Reason: c.Reason, Note: c.Note}
}

// RatePerformance records the annual rating of a person or unit. A second
// rating of the same year must name the one it supersedes.
type RatePerformance struct {
	RatingID   string            `json:"ratingId"`
	Subject    Subject           `json:"subject"`
	Year       int               `json:"year"`
	Rating     PerformanceRating `json:"rating"`
	Supersedes string            `json:"supersedes,omitzero"`
}

func (RatePerformance) CommandName() string { return "RatePerformance" }
func (c RatePerformance) Stream() string    { return c.Subject.stream() }
func (RatePerformance) Reads() []string     { return nil }
func (c RatePerformance) Validate() error   { return c.event().Validate() }
func (c RatePerformance) event() PerformanceRated {
	return PerformanceRated{RatingID: c.RatingID, Subject: c.Subject, Year: c.Year, Rating: c.Rating, Supersedes: c.Supersedes}
}

// ImposeDiscipline records a disciplinary sanction on a person.
type ImposeDiscipline struct {
	DisciplineID  string         `json:"disciplineId"`
	PersonID      string         `json:"personId"`
	Form          DisciplineForm `json:"form"`
	ViolationYear int            `json:"violationYear"`
	DecisionNo    DocNumber      `json:"decisionNo"`
	EndsOn        Date           `json:"endsOn,omitzero"`
}

func (ImposeDiscipline) CommandName() string { return "ImposeDiscipline" }
func (c ImposeDiscipline) Stream() string    { return "person-" + c.PersonID }
func (ImposeDiscipline) Reads() []string     { return nil }
func (c ImposeDiscipline) Validate() error   { return c.event().Validate() }
func (c ImposeDiscipline) event() DisciplineImposed {
	return DisciplineImposed{DisciplineID: c.DisciplineID, PersonID: c.PersonID, Form: c.Form, ViolationYear: c.ViolationYear, DecisionNo: c.DecisionNo, EndsOn: c.EndsOn}
}

// EndDiscipline ends an open disciplinary period (R24).
type EndDiscipline struct {
	DisciplineID string `json:"disciplineId"`
	PersonID     string `json:"personId"`
}

func (EndDiscipline) CommandName() string { return "EndDiscipline" }
func (c EndDiscipline) Stream() string    { return "person-" + c.PersonID }
func (EndDiscipline) Reads() []string     { return nil }
func (c EndDiscipline) Validate() error {
	return DisciplineEnded{DisciplineID: c.DisciplineID, PersonID: c.PersonID}.Validate()
}

// OpenReviewProceeding opens a proceeding against a subject; while open it
// bars proposals and decisions (R23).
type OpenReviewProceeding struct {
	ProceedingID string         `json:"proceedingId"`
	Subject      Subject        `json:"subject"`
	Kind         ProceedingKind `json:"kind"`
	Description  string         `json:"description,omitzero"`
}

func (OpenReviewProceeding) CommandName() string { return "OpenReviewProceeding" }
func (c OpenReviewProceeding) Stream() string    { return c.Subject.stream() }
func (OpenReviewProceeding) Reads() []string     { return nil }
func (c OpenReviewProceeding) Validate() error   { return c.event().Validate() }
func (c OpenReviewProceeding) normalized() Command {
	c.Description = nt(c.Description)
	return c
}
func (c OpenReviewProceeding) event() ReviewProceedingOpened {
	return ReviewProceedingOpened{ProceedingID: c.ProceedingID, Subject: c.Subject, Kind: c.Kind, Description: c.Description}
}

// CloseReviewProceeding closes an open proceeding with its outcome.
type CloseReviewProceeding struct {
	ProceedingID   string  `json:"proceedingId"`
	Subject        Subject `json:"subject"`
	Outcome        string  `json:"outcome"`
	ViolationFound bool    `json:"violationFound"`
}

func (CloseReviewProceeding) CommandName() string   { return "CloseReviewProceeding" }
func (c CloseReviewProceeding) Stream() string      { return c.Subject.stream() }
func (CloseReviewProceeding) Reads() []string       { return nil }
func (c CloseReviewProceeding) Validate() error     { return c.event().Validate() }
func (c CloseReviewProceeding) normalized() Command { c.Outcome = nt(c.Outcome); return c }
func (c CloseReviewProceeding) event() ReviewProceedingClosed {
	return ReviewProceedingClosed{ProceedingID: c.ProceedingID, Subject: c.Subject, Outcome: c.Outcome, ViolationFound: c.ViolationFound}
}

// PlaceAwardHold bars proposals and decisions for a subject (R23).
type PlaceAwardHold struct {
	HoldID        string         `json:"holdId"`
	Subject       Subject        `json:"subject"`
	Reason        ProceedingKind `json:"reason"`
	SourceEventID string         `json:"sourceEventId,omitzero"`
}

func (PlaceAwardHold) CommandName() string { return "PlaceAwardHold" }
func (c PlaceAwardHold) Stream() string    { return c.Subject.stream() }
func (PlaceAwardHold) Reads() []string     { return nil }
func (c PlaceAwardHold) Validate() error   { return c.event().Validate() }
func (c PlaceAwardHold) event() AwardHoldPlaced {
	return AwardHoldPlaced{HoldID: c.HoldID, Subject: c.Subject, Reason: c.Reason, SourceEventID: c.SourceEventID}
}

// LiftAwardHold ends an open hold.
type LiftAwardHold struct {
	HoldID        string  `json:"holdId"`
	Subject       Subject `json:"subject"`
	SourceEventID string  `json:"sourceEventId,omitzero"`
}

func (LiftAwardHold) CommandName() string { return "LiftAwardHold" }
func (c LiftAwardHold) Stream() string    { return c.Subject.stream() }
func (LiftAwardHold) Reads() []string     { return nil }
func (c LiftAwardHold) Validate() error   { return c.event().Validate() }
func (c LiftAwardHold) event() AwardHoldLifted {
	return AwardHoldLifted{HoldID: c.HoldID, Subject: c.Subject, SourceEventID: c.SourceEventID}
}

// optStream returns [prefix+id] for a non-empty id, else nil.
func optStream(prefix, id string) []string {
	if id == "" {
		return nil
	}
	return []string{prefix + id}
}
