package domain

// Initiatives and research works (DOMAIN.md §5 and §b): stream
// initiative-<initiativeId> and research-<workId>.

// Wire names of initiative and research events.
const (
	EventInitiativeSubmitted          = "InitiativeSubmitted"
	EventInitiativeApplied            = "InitiativeApplied"
	EventInitiativeEvaluated          = "InitiativeEvaluated"
	EventInitiativeRecognized         = "InitiativeRecognized"
	EventInitiativeRecognitionRevoked = "InitiativeRecognitionRevoked"
	EventResearchWorkAccepted         = "ResearchWorkAccepted"
)

// InitiativeSubmitted records an initiative filed with a unit (NĐ 13/2012
// Điều 3–4). The filing date, the envelope's effective date, is the date
// novelty is judged against.
type InitiativeSubmitted struct {
	InitiativeID    string   `json:"initiativeId"`
	Title           string   `json:"title"`
	AuthorIDs       []string `json:"authorIds"`
	UnitID          string   `json:"unitId"`
	Description     string   `json:"description"`
	ClaimedBenefits string   `json:"claimedBenefits,omitzero"`
}

// EventType returns the wire name, EventInitiativeSubmitted.
func (InitiativeSubmitted) EventType() string { return EventInitiativeSubmitted }

// SchemaVersion returns the schema version of the data, 1.
func (InitiativeSubmitted) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e InitiativeSubmitted) StreamID() string { return "initiative-" + e.InitiativeID }

// Validate reports every missing or malformed field.
func (e InitiativeSubmitted) Validate() error {
	var c checker
	c.id("initiativeId", e.InitiativeID)
	c.name("title", e.Title)
	c.ids("authorIds", e.AuthorIDs, 1)
	c.id("unitId", e.UnitID)
	c.reqText("description", e.Description)
	c.text("claimedBenefits", e.ClaimedBenefits)
	return c.err()
}

// InitiativeApplied records an initiative applied, or trial-applied, in a
// unit (NĐ 13/2012 Điều 3 b; rule R30).
type InitiativeApplied struct {
	InitiativeID string `json:"initiativeId"`
	UnitID       string `json:"unitId"`
	Trial        bool   `json:"trial"`
	Result       string `json:"result,omitzero"`
}

// EventType returns the wire name, EventInitiativeApplied.
func (InitiativeApplied) EventType() string { return EventInitiativeApplied }

// SchemaVersion returns the schema version of the data, 1.
func (InitiativeApplied) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e InitiativeApplied) StreamID() string { return "initiative-" + e.InitiativeID }

// Validate reports every missing or malformed field.
func (e InitiativeApplied) Validate() error {
	var c checker
	c.id("initiativeId", e.InitiativeID)
	c.id("unitId", e.UnitID)
	c.text("result", e.Result)
	return c.err()
}

// InitiativeEvaluated records an initiative council's evaluation (TT
// 18/2013/TT-BKHCN Điều 8; rule R31), with the ballot it rests on.
type InitiativeEvaluated struct {
	InitiativeID string  `json:"initiativeId"`
	CouncilID    string  `json:"councilId"`
	BallotID     string  `json:"ballotId"`
	Result       Verdict `json:"result"`
	Notes        string  `json:"notes,omitzero"`
}

// EventType returns the wire name, EventInitiativeEvaluated.
func (InitiativeEvaluated) EventType() string { return EventInitiativeEvaluated }

// SchemaVersion returns the schema version of the data, 1.
func (InitiativeEvaluated) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e InitiativeEvaluated) StreamID() string { return "initiative-" + e.InitiativeID }

// Validate reports every missing or malformed field.
func (e InitiativeEvaluated) Validate() error {
	var c checker
	c.id("initiativeId", e.InitiativeID)
	c.id("councilId", e.CouncilID)
	c.id("ballotId", e.BallotID)
	c.set("result", e.Result.IsZero())
	c.text("notes", e.Notes)
	return c.err()
}

// InitiativeRecognized records recognition of an initiative at a scope by
// the competent recognizer (Luật TĐKT 2022 Điều 21 k2, 22, 23; rule R32).
type InitiativeRecognized struct {
	InitiativeID       string          `json:"initiativeId"`
	Scope              InitiativeScope `json:"scope"`
	RecognizedByUnitID string          `json:"recognizedByUnitId"`
	RecognizerRole     string          `json:"recognizerRole"`
	DecisionNo         DocNumber       `json:"decisionNo"`
}

// EventType returns the wire name, EventInitiativeRecognized.
func (InitiativeRecognized) EventType() string { return EventInitiativeRecognized }

// SchemaVersion returns the schema version of the data, 1.
func (InitiativeRecognized) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e InitiativeRecognized) StreamID() string { return "initiative-" + e.InitiativeID }

// Validate reports every missing or malformed field.
func (e InitiativeRecognized) Validate() error {
	var c checker
	c.id("initiativeId", e.InitiativeID)
	c.set("scope", e.Scope.IsZero())
	c.id("recognizedByUnitId", e.RecognizedByUnitID)
	c.name("recognizerRole", e.RecognizerRole)
	c.doc("decisionNo", e.DecisionNo)
	return c.err()
}

// InitiativeRecognitionRevoked withdraws recognition at a scope (e.g. the
// solution was not new, NĐ 13/2012 Điều 3 c).
type InitiativeRecognitionRevoked struct {
	InitiativeID string          `json:"initiativeId"`
	Scope        InitiativeScope `json:"scope"`
	Reason       string          `json:"reason"`
	DecisionNo   DocNumber       `json:"decisionNo"`
}

// EventType returns the wire name, EventInitiativeRecognitionRevoked.
func (InitiativeRecognitionRevoked) EventType() string { return EventInitiativeRecognitionRevoked }

// SchemaVersion returns the schema version of the data, 1.
func (InitiativeRecognitionRevoked) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e InitiativeRecognitionRevoked) StreamID() string { return "initiative-" + e.InitiativeID }

// Validate reports every missing or malformed field.
func (e InitiativeRecognitionRevoked) Validate() error {
	var c checker
	c.id("initiativeId", e.InitiativeID)
	c.set("scope", e.Scope.IsZero())
	c.reqText("reason", e.Reason)
	c.doc("decisionNo", e.DecisionNo)
	return c.err()
}

// ResearchWorkAccepted records an accepted (nghiệm thu) research project,
// the alternative evidence in Luật TĐKT 2022 Điều 21–23 and 74.
type ResearchWorkAccepted struct {
	WorkID     string          `json:"workId"`
	Title      string          `json:"title"`
	AuthorIDs  []string        `json:"authorIds"`
	UnitID     string          `json:"unitId"`
	Scope      InitiativeScope `json:"scope"`
	AppliedOn  Date            `json:"appliedOn,omitzero"`
	DecisionNo DocNumber       `json:"decisionNo,omitzero"`
}

// EventType returns the wire name, EventResearchWorkAccepted.
func (ResearchWorkAccepted) EventType() string { return EventResearchWorkAccepted }

// SchemaVersion returns the schema version of the data, 1.
func (ResearchWorkAccepted) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e ResearchWorkAccepted) StreamID() string { return "research-" + e.WorkID }

// Validate reports every missing or malformed field.
func (e ResearchWorkAccepted) Validate() error {
	var c checker
	c.id("workId", e.WorkID)
	c.name("title", e.Title)
	c.ids("authorIds", e.AuthorIDs, 1)
	c.id("unitId", e.UnitID)
	c.set("scope", e.Scope.IsZero())
	return c.err()
}
