package domain

// Commands on award proposals (award-<proposalId>), public consultations
// (consultation-<id>), decisions (decision-<id>) and deadline sets
// (deadlines-<year>). Award holds go to the subject's stream
// (command_units.go).

// ProposeAward proposes a title or form for a subject and year. Refused
// while the subject has an open hold or proceeding (R23) and for a
// dissolved unit (R36). Reads the subject's stream and the proposer unit.
type ProposeAward struct {
	ProposalID        string     `json:"proposalId"`
	Subject           Subject    `json:"subject"`
	AwardKind         AwardKind  `json:"awardKind"`
	Year              int        `json:"year"`
	Basis             AwardBasis `json:"basis"`
	ProposerUnitID    string     `json:"proposerUnitId"`
	Level             AwardLevel `json:"level"`
	JustificationRefs []string   `json:"justificationRefs,omitempty"`
}

func (ProposeAward) CommandName() string { return "ProposeAward" }
func (c ProposeAward) Stream() string    { return "award-" + c.ProposalID }
func (c ProposeAward) Reads() []string {
	out := []string{"unit-" + c.ProposerUnitID}
	if c.Subject.ID != "" && !(c.Subject.Kind == SubjectUnit && c.Subject.ID == c.ProposerUnitID) {
		out = append(out, c.Subject.stream())
	}
	return out
}
func (c ProposeAward) Validate() error { return c.event().Validate() }
func (c ProposeAward) event() AwardProposed {
	return AwardProposed{ProposalID: c.ProposalID, Subject: c.Subject, AwardKind: c.AwardKind, Year: c.Year, Basis: c.Basis, ProposerUnitID: c.ProposerUnitID, Level: c.Level, JustificationRefs: c.JustificationRefs}
}

// FileDossier files a proposal's dossier with a council's standing office.
// Reads the council.
type FileDossier struct {
	ProposalID       string        `json:"proposalId"`
	Items            []DossierItem `json:"items"`
	FiledToCouncilID string        `json:"filedToCouncilId"`
	Copies           int           `json:"copies"`
}

func (FileDossier) CommandName() string { return "FileDossier" }
func (c FileDossier) Stream() string    { return "award-" + c.ProposalID }
func (c FileDossier) Reads() []string   { return []string{"council-" + c.FiledToCouncilID} }
func (c FileDossier) Validate() error   { return c.event().Validate() }
func (c FileDossier) normalized() Command {
	if c.Items != nil {
		items := make([]DossierItem, len(c.Items))
		for i, it := range c.Items {
			it.Title = nn(it.Title)
			items[i] = it
		}
		c.Items = items
	}
	return c
}
func (c FileDossier) event() DossierFiled {
	return DossierFiled{ProposalID: c.ProposalID, Items: c.Items, FiledToCouncilID: c.FiledToCouncilID, Copies: c.Copies}
}

// ReturnDossier sends a filed dossier back for completion.
type ReturnDossier struct {
	ProposalID   string            `json:"proposalId"`
	MissingItems []DossierItemKind `json:"missingItems"`
	Note         string            `json:"note,omitzero"`
	DueOn        Date              `json:"dueOn,omitzero"`
}

func (ReturnDossier) CommandName() string   { return "ReturnDossier" }
func (c ReturnDossier) Stream() string      { return "award-" + c.ProposalID }
func (ReturnDossier) Reads() []string       { return nil }
func (c ReturnDossier) Validate() error     { return c.event().Validate() }
func (c ReturnDossier) normalized() Command { c.Note = nt(c.Note); return c }
func (c ReturnDossier) event() DossierReturnedForCompletion {
	return DossierReturnedForCompletion{ProposalID: c.ProposalID, MissingItems: c.MissingItems, Note: c.Note, DueOn: c.DueOn}
}

// AppraiseDossier records the appraisal of a filed dossier.
type AppraiseDossier struct {
	ProposalID      string   `json:"proposalId"`
	AppraiserUnitID string   `json:"appraiserUnitId"`
	Result          Verdict  `json:"result"`
	Findings        []string `json:"findings,omitempty"`
	RuleViolations  []string `json:"ruleViolations,omitempty"`
}

func (AppraiseDossier) CommandName() string   { return "AppraiseDossier" }
func (c AppraiseDossier) Stream() string      { return "award-" + c.ProposalID }
func (AppraiseDossier) Reads() []string       { return nil }
func (c AppraiseDossier) Validate() error     { return c.event().Validate() }
func (c AppraiseDossier) normalized() Command { c.Findings = normTexts(c.Findings); return c }
func (c AppraiseDossier) event() DossierAppraised {
	return DossierAppraised{ProposalID: c.ProposalID, AppraiserUnitID: c.AppraiserUnitID, Result: c.Result, Findings: c.Findings, RuleViolations: c.RuleViolations}
}

// OpenPublicConsultation opens a consultation window on proposals (R10).
// Reads every proposal.
type OpenPublicConsultation struct {
	ConsultationID string   `json:"consultationId"`
	ProposalIDs    []string `json:"proposalIds"`
	Channels       []string `json:"channels"`
	Window         Period   `json:"window"`
}

func (OpenPublicConsultation) CommandName() string { return "OpenPublicConsultation" }
func (c OpenPublicConsultation) Stream() string    { return "consultation-" + c.ConsultationID }
func (c OpenPublicConsultation) Reads() []string {
	out := make([]string, 0, len(c.ProposalIDs))
	for _, p := range c.ProposalIDs {
		out = append(out, "award-"+p)
	}
	return out
}
func (c OpenPublicConsultation) Validate() error { return c.event().Validate() }
func (c OpenPublicConsultation) normalized() Command {
	if c.Channels != nil {
		ch := make([]string, len(c.Channels))
		for i, s := range c.Channels {
			ch[i] = nn(s)
		}
		c.Channels = ch
	}
	return c
}
func (c OpenPublicConsultation) event() PublicConsultationOpened {
	return PublicConsultationOpened{ConsultationID: c.ConsultationID, ProposalIDs: c.ProposalIDs, Channels: c.Channels, Window: c.Window}
}

// ClosePublicConsultation closes an open consultation, not before its
// window ends.
type ClosePublicConsultation struct {
	ConsultationID  string `json:"consultationId"`
	FeedbackCount   int    `json:"feedbackCount"`
	FeedbackSummary string `json:"feedbackSummary,omitzero"`
}

func (ClosePublicConsultation) CommandName() string { return "ClosePublicConsultation" }
func (c ClosePublicConsultation) Stream() string    { return "consultation-" + c.ConsultationID }
func (ClosePublicConsultation) Reads() []string     { return nil }
func (c ClosePublicConsultation) Validate() error   { return c.event().Validate() }
func (c ClosePublicConsultation) normalized() Command {
	c.FeedbackSummary = nt(c.FeedbackSummary)
	return c
}
func (c ClosePublicConsultation) event() PublicConsultationClosed {
	return PublicConsultationClosed{ConsultationID: c.ConsultationID, FeedbackCount: c.FeedbackCount, FeedbackSummary: c.FeedbackSummary}
}

// DecisionItem is one proposal an award decision grants: the proposal, its
// subject (so the subject's stream can be read for holds and dissolution),
// and the ballot its award kind requires, if any, recorded in the council
// or cluster named.
type DecisionItem struct {
	ProposalID      string  `json:"proposalId"`
	Subject         Subject `json:"subject"`
	BallotID        string  `json:"ballotId,omitzero"`
	BallotCouncilID string  `json:"ballotCouncilId,omitzero"`
	BallotClusterID string  `json:"ballotClusterId,omitzero"`
	ConsultationID  string  `json:"consultationId,omitzero"`
}

// DecideAward decides awards on proposals. Each proposal must exist, match
// its subject, and be neither rejected nor in another decision among the
// decision states read; the subject must have no open hold or proceeding
// (R23) and, for a unit, not be dissolved (R36); the award kind's ballot
// must reach the policy threshold (R8 for CSTĐ ngành; R15 for Cờ ngành, a
// flag rule acknowledgeable in AcknowledgedRules; R33 a secret ballot for
// CSTĐ toàn quốc and Cờ Chính phủ) and CSTĐ toàn quốc and Huân chương need
// a closed public consultation covering the proposal (R10). Award ids are
// derived from the decision and proposal ids. The ledger head read is
// recorded.
type DecideAward struct {
	DecisionID        string         `json:"decisionId"`
	DecisionNo        DocNumber      `json:"decisionNo"`
	IssuerUnitID      string         `json:"issuerUnitId"`
	IssuerRole        string         `json:"issuerRole"`
	Items             []DecisionItem `json:"items"`
	CashMultiplier    Multiplier     `json:"cashMultiplier,omitzero"`
	AcknowledgedRules []string       `json:"acknowledgedRules,omitempty"`
}

func (DecideAward) CommandName() string   { return "DecideAward" }
func (c DecideAward) Stream() string      { return "decision-" + c.DecisionID }
func (c DecideAward) normalized() Command { c.IssuerRole = nn(c.IssuerRole); return c }
func (c DecideAward) Reads() []string {
	out := []string{"unit-" + c.IssuerUnitID}
	seen := map[string]bool{out[0]: true}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, it := range c.Items {
		add("award-" + it.ProposalID)
		if it.Subject.ID != "" {
			add(it.Subject.stream())
		}
		if it.BallotCouncilID != "" {
			add("council-" + it.BallotCouncilID)
		}
		if it.BallotClusterID != "" {
			add("cluster-" + it.BallotClusterID)
		}
		if it.ConsultationID != "" {
			add("consultation-" + it.ConsultationID)
		}
	}
	return out
}
func (c DecideAward) Validate() error {
	var k checker
	k.id("decisionId", c.DecisionID)
	k.doc("decisionNo", c.DecisionNo)
	k.id("issuerUnitId", c.IssuerUnitID)
	k.name("issuerRole", c.IssuerRole)
	if len(c.Items) == 0 {
		k.fail("items", "at least 1 required")
	}
	seen := map[string]bool{}
	for i, it := range c.Items {
		f := idx("items", i)
		k.id(f+".proposalId", it.ProposalID)
		if seen[it.ProposalID] && it.ProposalID != "" {
			k.fail(f+".proposalId", "duplicate")
		}
		seen[it.ProposalID] = true
		k.subject(f+".subject", it.Subject)
		k.optID(f+".ballotId", it.BallotID)
		k.optID(f+".ballotCouncilId", it.BallotCouncilID)
		k.optID(f+".ballotClusterId", it.BallotClusterID)
		k.optID(f+".consultationId", it.ConsultationID)
		if it.BallotID != "" && (it.BallotCouncilID == "") == (it.BallotClusterID == "") {
			k.fail(f+".ballotCouncilId", "exactly one of ballotCouncilId and ballotClusterId required with ballotId")
		}
	}
	if c.CashMultiplier < 0 {
		k.fail("cashMultiplier", "negative")
	}
	validateAck(&k, c.AcknowledgedRules)
	return k.err()
}

// RejectAward turns a proposal down. The ledger head read is recorded.
type RejectAward struct {
	ProposalID      string `json:"proposalId"`
	DecidedByUnitID string `json:"decidedByUnitId"`
	Reason          string `json:"reason"`
}

func (RejectAward) CommandName() string   { return "RejectAward" }
func (c RejectAward) Stream() string      { return "award-" + c.ProposalID }
func (RejectAward) Reads() []string       { return nil }
func (c RejectAward) normalized() Command { c.Reason = nt(c.Reason); return c }
func (c RejectAward) Validate() error     { return c.event(0).Validate() }
func (c RejectAward) event(seq uint64) AwardRejected {
	return AwardRejected{ProposalID: c.ProposalID, DecidedByUnitID: c.DecidedByUnitID, Reason: c.Reason, BasedOnSeq: seq}
}

// ConferAward records the ceremony at which a decision's awards were handed
// over.
type ConferAward struct {
	DecisionID        string   `json:"decisionId"`
	Place             string   `json:"place"`
	Presenter         string   `json:"presenter"`
	RecipientsPresent []string `json:"recipientsPresent,omitempty"`
}

func (ConferAward) CommandName() string { return "ConferAward" }
func (c ConferAward) Stream() string    { return "decision-" + c.DecisionID }
func (ConferAward) Reads() []string     { return nil }
func (c ConferAward) Validate() error   { return c.event().Validate() }
func (c ConferAward) normalized() Command {
	c.Place, c.Presenter = nn(c.Place), nn(c.Presenter)
	return c
}
func (c ConferAward) event() AwardConferred {
	return AwardConferred{DecisionID: c.DecisionID, Place: c.Place, Presenter: c.Presenter, RecipientsPresent: c.RecipientsPresent}
}

// RevokeAward annuls awards of a decision. It must cite a ground of Luật
// TĐKT 2022 Điều 93 k2 a–d and state the recovery of insignia and cash
// (R25): both recovery fields are required, even when false or 0.
type RevokeAward struct {
	DecisionID           string           `json:"decisionId"`
	AwardIDs             []string         `json:"awardIds"`
	RevokingDecisionNo   DocNumber        `json:"revokingDecisionNo"`
	Ground               RevocationGround `json:"ground,omitzero"`
	InsigniaRecovered    *bool            `json:"insigniaRecovered,omitempty"`
	CashRecoveredVND     *int64           `json:"cashRecoveredVnd,omitempty"`
	ConsequentialReviews []string         `json:"consequentialReviews,omitempty"`
}

func (RevokeAward) CommandName() string { return "RevokeAward" }
func (c RevokeAward) Stream() string    { return "decision-" + c.DecisionID }
func (RevokeAward) Reads() []string     { return nil }

// Validate checks the fields; the R25 requirements (ground, recovery) are
// checked by Decide so their failure carries the rule and citation.
func (c RevokeAward) Validate() error {
	var k checker
	k.id("decisionId", c.DecisionID)
	k.ids("awardIds", c.AwardIDs, 1)
	k.doc("revokingDecisionNo", c.RevokingDecisionNo)
	if c.CashRecoveredVND != nil && *c.CashRecoveredVND < 0 {
		k.fail("cashRecoveredVnd", "negative")
	}
	k.ids("consequentialReviews", c.ConsequentialReviews, 0)
	return k.err()
}

// AmendAward corrects a decision (a misspelt name or unit).
type AmendAward struct {
	DecisionID           string    `json:"decisionId"`
	AwardID              string    `json:"awardId,omitzero"`
	Field                string    `json:"field"`
	OldValue             string    `json:"oldValue"`
	NewValue             string    `json:"newValue"`
	CorrectingDecisionNo DocNumber `json:"correctingDecisionNo,omitzero"`
}

func (AmendAward) CommandName() string { return "AmendAward" }
func (c AmendAward) Stream() string    { return "decision-" + c.DecisionID }
func (AmendAward) Reads() []string     { return nil }
func (c AmendAward) Validate() error   { return c.event().Validate() }
func (c AmendAward) normalized() Command {
	c.Field, c.OldValue, c.NewValue = nn(c.Field), nt(c.OldValue), nt(c.NewValue)
	return c
}
func (c AmendAward) event() AwardAmended {
	return AwardAmended{DecisionID: c.DecisionID, AwardID: c.AwardID, Field: c.Field, OldValue: c.OldValue, NewValue: c.NewValue, CorrectingDecisionNo: c.CorrectingDecisionNo}
}

// PublishDeadlineSet publishes the dossier deadlines for a year.
type PublishDeadlineSet struct {
	DeadlineSetID string     `json:"deadlineSetId"`
	Regime        Regime     `json:"regime"`
	Year          int        `json:"year"`
	Deadlines     []Deadline `json:"deadlines"`
	SourceDocNo   DocNumber  `json:"sourceDocNo"`
}

func (PublishDeadlineSet) CommandName() string { return "PublishDeadlineSet" }
func (c PublishDeadlineSet) Stream() string    { return "deadlines-" + itoa(c.Year) }
func (PublishDeadlineSet) Reads() []string     { return nil }
func (c PublishDeadlineSet) Validate() error   { return c.event().Validate() }
func (c PublishDeadlineSet) event() DeadlineSetPublished {
	return DeadlineSetPublished{DeadlineSetID: c.DeadlineSetID, Regime: c.Regime, Year: c.Year, Deadlines: c.Deadlines, SourceDocNo: c.SourceDocNo}
}
