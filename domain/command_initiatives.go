package domain

// Commands on initiatives (initiative-<id>) and research works
// (research-<id>).

// SubmitInitiative files an initiative with a unit. Reads the unit.
type SubmitInitiative struct {
	InitiativeID    string   `json:"initiativeId"`
	Title           string   `json:"title"`
	AuthorIDs       []string `json:"authorIds"`
	UnitID          string   `json:"unitId"`
	Description     string   `json:"description"`
	ClaimedBenefits string   `json:"claimedBenefits,omitzero"`
}

func (SubmitInitiative) CommandName() string { return "SubmitInitiative" }
func (c SubmitInitiative) Stream() string    { return "initiative-" + c.InitiativeID }
func (c SubmitInitiative) Reads() []string   { return []string{"unit-" + c.UnitID} }
func (c SubmitInitiative) Validate() error   { return c.event().Validate() }
func (c SubmitInitiative) normalized() Command {
	c.Title, c.Description, c.ClaimedBenefits = nn(c.Title), nt(c.Description), nt(c.ClaimedBenefits)
	return c
}
func (c SubmitInitiative) event() InitiativeSubmitted {
	return InitiativeSubmitted{InitiativeID: c.InitiativeID, Title: c.Title, AuthorIDs: c.AuthorIDs, UnitID: c.UnitID, Description: c.Description, ClaimedBenefits: c.ClaimedBenefits}
}

// ApplyInitiative records an initiative applied or trial-applied in a unit
// (R30). Reads the unit.
type ApplyInitiative struct {
	InitiativeID string `json:"initiativeId"`
	UnitID       string `json:"unitId"`
	Trial        bool   `json:"trial"`
	Result       string `json:"result,omitzero"`
}

func (ApplyInitiative) CommandName() string   { return "ApplyInitiative" }
func (c ApplyInitiative) Stream() string      { return "initiative-" + c.InitiativeID }
func (c ApplyInitiative) Reads() []string     { return []string{"unit-" + c.UnitID} }
func (c ApplyInitiative) Validate() error     { return c.event().Validate() }
func (c ApplyInitiative) normalized() Command { c.Result = nt(c.Result); return c }
func (c ApplyInitiative) event() InitiativeApplied {
	return InitiativeApplied{InitiativeID: c.InitiativeID, UnitID: c.UnitID, Trial: c.Trial, Result: c.Result}
}

// EvaluateInitiative records an initiative council's evaluation resting on
// a ballot of that council on this initiative. A passing result needs at
// least the policy's share (2/3) of the council's members in favour, and
// no author may have sat in the meeting (R31). Reads the council.
type EvaluateInitiative struct {
	InitiativeID string  `json:"initiativeId"`
	CouncilID    string  `json:"councilId"`
	BallotID     string  `json:"ballotId"`
	Result       Verdict `json:"result"`
	Notes        string  `json:"notes,omitzero"`
}

func (EvaluateInitiative) CommandName() string   { return "EvaluateInitiative" }
func (c EvaluateInitiative) Stream() string      { return "initiative-" + c.InitiativeID }
func (c EvaluateInitiative) Reads() []string     { return []string{"council-" + c.CouncilID} }
func (c EvaluateInitiative) Validate() error     { return c.event().Validate() }
func (c EvaluateInitiative) normalized() Command { c.Notes = nt(c.Notes); return c }
func (c EvaluateInitiative) event() InitiativeEvaluated {
	return InitiativeEvaluated{InitiativeID: c.InitiativeID, CouncilID: c.CouncilID, BallotID: c.BallotID, Result: c.Result, Notes: c.Notes}
}

// RecognizeInitiative recognizes an initiative at a scope: it must have
// been applied or trial-applied before (R30), have passed a council
// evaluation (R31), and hold the scope below (R32: grassroots → sector →
// national).
type RecognizeInitiative struct {
	InitiativeID       string          `json:"initiativeId"`
	Scope              InitiativeScope `json:"scope"`
	RecognizedByUnitID string          `json:"recognizedByUnitId"`
	RecognizerRole     string          `json:"recognizerRole"`
	DecisionNo         DocNumber       `json:"decisionNo"`
}

func (RecognizeInitiative) CommandName() string { return "RecognizeInitiative" }
func (c RecognizeInitiative) Stream() string    { return "initiative-" + c.InitiativeID }
func (RecognizeInitiative) Reads() []string     { return nil }
func (c RecognizeInitiative) Validate() error   { return c.event().Validate() }
func (c RecognizeInitiative) normalized() Command {
	c.RecognizerRole = nn(c.RecognizerRole)
	return c
}
func (c RecognizeInitiative) event() InitiativeRecognized {
	return InitiativeRecognized{InitiativeID: c.InitiativeID, Scope: c.Scope, RecognizedByUnitID: c.RecognizedByUnitID, RecognizerRole: c.RecognizerRole, DecisionNo: c.DecisionNo}
}

// RevokeInitiativeRecognition withdraws recognition at a scope (and, with
// it, any wider scope resting on it must be revoked first).
type RevokeInitiativeRecognition struct {
	InitiativeID string          `json:"initiativeId"`
	Scope        InitiativeScope `json:"scope"`
	Reason       string          `json:"reason"`
	DecisionNo   DocNumber       `json:"decisionNo"`
}

func (RevokeInitiativeRecognition) CommandName() string { return "RevokeInitiativeRecognition" }
func (c RevokeInitiativeRecognition) Stream() string    { return "initiative-" + c.InitiativeID }
func (RevokeInitiativeRecognition) Reads() []string     { return nil }
func (c RevokeInitiativeRecognition) Validate() error   { return c.event().Validate() }
func (c RevokeInitiativeRecognition) normalized() Command {
	c.Reason = nt(c.Reason)
	return c
}
func (c RevokeInitiativeRecognition) event() InitiativeRecognitionRevoked {
	return InitiativeRecognitionRevoked{InitiativeID: c.InitiativeID, Scope: c.Scope, Reason: c.Reason, DecisionNo: c.DecisionNo}
}

// AcceptResearchWork records an accepted research work. Reads the unit.
type AcceptResearchWork struct {
	WorkID     string          `json:"workId"`
	Title      string          `json:"title"`
	AuthorIDs  []string        `json:"authorIds"`
	UnitID     string          `json:"unitId"`
	Scope      InitiativeScope `json:"scope"`
	AppliedOn  Date            `json:"appliedOn,omitzero"`
	DecisionNo DocNumber       `json:"decisionNo,omitzero"`
}

func (AcceptResearchWork) CommandName() string   { return "AcceptResearchWork" }
func (c AcceptResearchWork) Stream() string      { return "research-" + c.WorkID }
func (c AcceptResearchWork) Reads() []string     { return []string{"unit-" + c.UnitID} }
func (c AcceptResearchWork) Validate() error     { return c.event().Validate() }
func (c AcceptResearchWork) normalized() Command { c.Title = nn(c.Title); return c }
func (c AcceptResearchWork) event() ResearchWorkAccepted {
	return ResearchWorkAccepted{WorkID: c.WorkID, Title: c.Title, AuthorIDs: c.AuthorIDs, UnitID: c.UnitID, Scope: c.Scope, AppliedOn: c.AppliedOn, DecisionNo: c.DecisionNo}
}
