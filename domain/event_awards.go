package domain

// Awards: titles and forms (DOMAIN.md §b "Awards"). A proposal and its
// dossier live in award-<proposalId>; a decision (which may cover many
// proposals) and what follows it in decision-<decisionId>; a public
// consultation in consultation-<consultationId>; holds in the subject's
// stream; deadline sets in deadlines-<year>.

// Wire names of award events.
const (
	EventAwardProposed                = "AwardProposed"
	EventDossierFiled                 = "DossierFiled"
	EventDossierReturnedForCompletion = "DossierReturnedForCompletion"
	EventDossierAppraised             = "DossierAppraised"
	EventPublicConsultationOpened     = "PublicConsultationOpened"
	EventPublicConsultationClosed     = "PublicConsultationClosed"
	EventAwardHoldPlaced              = "AwardHoldPlaced"
	EventAwardHoldLifted              = "AwardHoldLifted"
	EventAwardDecided                 = "AwardDecided"
	EventAwardRejected                = "AwardRejected"
	EventAwardConferred               = "AwardConferred"
	EventAwardRevoked                 = "AwardRevoked"
	EventAwardAmended                 = "AwardAmended"
	EventDeadlineSetPublished         = "DeadlineSetPublished"
)

// AwardProposed records a proposal (đề nghị) of a title or form for a
// subject and evaluation year (Luật TĐKT 2022 Điều 8). JustificationRefs are
// the ids of the events the proposal rests on (ratings, titles, initiatives,
// an acclamation), so the rules can show their inputs.
type AwardProposed struct {
	ProposalID        string     `json:"proposalId"`
	Subject           Subject    `json:"subject"`
	AwardKind         AwardKind  `json:"awardKind"`
	Year              int        `json:"year"`
	Basis             AwardBasis `json:"basis"`
	ProposerUnitID    string     `json:"proposerUnitId"`
	Level             AwardLevel `json:"level"`
	JustificationRefs []string   `json:"justificationRefs,omitempty"`
}

// EventType returns the wire name, EventAwardProposed.
func (AwardProposed) EventType() string { return EventAwardProposed }

// SchemaVersion returns the schema version of the data, 1.
func (AwardProposed) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e AwardProposed) StreamID() string { return "award-" + e.ProposalID }

// EvalYear returns the evaluation year the event is about.
func (e AwardProposed) EvalYear() int { return e.Year }

// Validate reports every missing or malformed field.
func (e AwardProposed) Validate() error {
	var c checker
	c.id("proposalId", e.ProposalID)
	c.subject("subject", e.Subject)
	c.set("awardKind", e.AwardKind.IsZero())
	if !e.AwardKind.IsZero() && !e.Subject.Kind.IsZero() && !e.AwardKind.AllowsSubject(e.Subject.Kind) {
		c.fail("awardKind", "%s cannot be given to %s", e.AwardKind, e.Subject.Kind)
	}
	c.year("year", e.Year)
	c.set("basis", e.Basis.IsZero())
	c.id("proposerUnitId", e.ProposerUnitID)
	c.set("level", e.Level.IsZero())
	c.ids("justificationRefs", e.JustificationRefs, 0)
	return c.err()
}

// DossierItem is one document in an award dossier. Hash is the lowercase
// hex SHA-256 of the file, if one was kept.
type DossierItem struct {
	Kind  DossierItemKind `json:"kind"`
	DocNo DocNumber       `json:"docNo,omitzero"`
	Title string          `json:"title"`
	Hash  string          `json:"hash,omitzero"`
}

// DossierFiled records a dossier filed with a council's standing office.
type DossierFiled struct {
	ProposalID       string        `json:"proposalId"`
	Items            []DossierItem `json:"items"`
	FiledToCouncilID string        `json:"filedToCouncilId"`
	Copies           int           `json:"copies"`
}

// EventType returns the wire name, EventDossierFiled.
func (DossierFiled) EventType() string { return EventDossierFiled }

// SchemaVersion returns the schema version of the data, 1.
func (DossierFiled) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e DossierFiled) StreamID() string { return "award-" + e.ProposalID }

// Validate reports every missing or malformed field.
func (e DossierFiled) Validate() error {
	var c checker
	c.id("proposalId", e.ProposalID)
	if len(e.Items) == 0 {
		c.fail("items", "at least 1 required")
	}
	for i, it := range e.Items {
		f := idx("items", i)
		c.set(f+".kind", it.Kind.IsZero())
		c.name(f+".title", it.Title)
		if it.Hash != "" && !isHexSHA256(it.Hash) {
			c.fail(f+".hash", "not a lowercase hex SHA-256")
		}
	}
	c.id("filedToCouncilId", e.FiledToCouncilID)
	if e.Copies < 1 {
		c.fail("copies", "at least 1 required")
	}
	return c.err()
}

func isHexSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !('0' <= s[i] && s[i] <= '9' || 'a' <= s[i] && s[i] <= 'f') {
			return false
		}
	}
	return true
}

// DossierReturnedForCompletion records a dossier sent back for missing
// items, due again by DueOn.
type DossierReturnedForCompletion struct {
	ProposalID   string            `json:"proposalId"`
	MissingItems []DossierItemKind `json:"missingItems"`
	Note         string            `json:"note,omitzero"`
	DueOn        Date              `json:"dueOn,omitzero"`
}

// EventType returns the wire name, EventDossierReturnedForCompletion.
func (DossierReturnedForCompletion) EventType() string { return EventDossierReturnedForCompletion }

// SchemaVersion returns the schema version of the data, 1.
func (DossierReturnedForCompletion) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e DossierReturnedForCompletion) StreamID() string { return "award-" + e.ProposalID }

// Validate reports every missing or malformed field.
func (e DossierReturnedForCompletion) Validate() error {
	var c checker
	c.id("proposalId", e.ProposalID)
	if len(e.MissingItems) == 0 {
		c.fail("missingItems", "at least 1 required")
	}
	for i, k := range e.MissingItems {
		c.set(idx("missingItems", i), k.IsZero())
	}
	c.text("note", e.Note)
	return c.err()
}

// DossierAppraised records the appraisal (thẩm định) of a dossier (Luật
// TĐKT 2022 Điều 89 k2 đ). RuleViolations are rule ids, e.g. "R11".
type DossierAppraised struct {
	ProposalID      string   `json:"proposalId"`
	AppraiserUnitID string   `json:"appraiserUnitId"`
	Result          Verdict  `json:"result"`
	Findings        []string `json:"findings,omitempty"`
	RuleViolations  []string `json:"ruleViolations,omitempty"`
}

// EventType returns the wire name, EventDossierAppraised.
func (DossierAppraised) EventType() string { return EventDossierAppraised }

// SchemaVersion returns the schema version of the data, 1.
func (DossierAppraised) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e DossierAppraised) StreamID() string { return "award-" + e.ProposalID }

// Validate reports every missing or malformed field.
func (e DossierAppraised) Validate() error {
	var c checker
	c.id("proposalId", e.ProposalID)
	c.id("appraiserUnitId", e.AppraiserUnitID)
	c.set("result", e.Result.IsZero())
	for i, s := range e.Findings {
		c.reqText(idx("findings", i), s)
	}
	for i, s := range e.RuleViolations {
		c.reqText(idx("ruleViolations", i), s)
	}
	if e.Result == VerdictFail && len(e.Findings) == 0 && len(e.RuleViolations) == 0 {
		c.fail("findings", "required when result is %s", VerdictFail)
	}
	return c.err()
}

// PublicConsultationOpened records a public consultation window (lấy ý kiến
// nhân dân) on proposals, required before submitting CSTĐ toàn quốc and
// Huân chương (NĐ 98/2023 Điều 46 k2; NĐ 152/2025 Điều 44 k2; rule R10).
type PublicConsultationOpened struct {
	ConsultationID string   `json:"consultationId"`
	ProposalIDs    []string `json:"proposalIds"`
	Channels       []string `json:"channels"`
	Window         Period   `json:"window"`
}

// EventType returns the wire name, EventPublicConsultationOpened.
func (PublicConsultationOpened) EventType() string { return EventPublicConsultationOpened }

// SchemaVersion returns the schema version of the data, 1.
func (PublicConsultationOpened) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e PublicConsultationOpened) StreamID() string { return "consultation-" + e.ConsultationID }

// Validate reports every missing or malformed field.
func (e PublicConsultationOpened) Validate() error {
	var c checker
	c.id("consultationId", e.ConsultationID)
	c.ids("proposalIds", e.ProposalIDs, 1)
	if len(e.Channels) == 0 {
		c.fail("channels", "at least 1 required")
	}
	for i, s := range e.Channels {
		c.name(idx("channels", i), s)
	}
	e.Window.validate(&c, "window")
	if e.Window.To.IsZero() {
		c.fail("window.to", "required")
	}
	return c.err()
}

// PublicConsultationClosed records the end of a consultation and the
// feedback received.
type PublicConsultationClosed struct {
	ConsultationID  string `json:"consultationId"`
	FeedbackCount   int    `json:"feedbackCount"`
	FeedbackSummary string `json:"feedbackSummary,omitzero"`
}

// EventType returns the wire name, EventPublicConsultationClosed.
func (PublicConsultationClosed) EventType() string { return EventPublicConsultationClosed }

// SchemaVersion returns the schema version of the data, 1.
func (PublicConsultationClosed) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e PublicConsultationClosed) StreamID() string { return "consultation-" + e.ConsultationID }

// Validate reports every missing or malformed field.
func (e PublicConsultationClosed) Validate() error {
	var c checker
	c.id("consultationId", e.ConsultationID)
	c.nonNeg("feedbackCount", e.FeedbackCount)
	c.text("feedbackSummary", e.FeedbackSummary)
	if e.FeedbackCount > 0 && e.FeedbackSummary == "" {
		c.fail("feedbackSummary", "required when there was feedback")
	}
	return c.err()
}

// AwardHoldPlaced records that no award may be proposed or decided for a
// subject while a proceeding is open (rule R23). SourceEventID is the event
// that caused it, e.g. a ReviewProceedingOpened. Stream person-<id> or
// unit-<id>.
type AwardHoldPlaced struct {
	HoldID        string         `json:"holdId"`
	Subject       Subject        `json:"subject"`
	Reason        ProceedingKind `json:"reason"`
	SourceEventID string         `json:"sourceEventId,omitzero"`
}

// EventType returns the wire name, EventAwardHoldPlaced.
func (AwardHoldPlaced) EventType() string { return EventAwardHoldPlaced }

// SchemaVersion returns the schema version of the data, 1.
func (AwardHoldPlaced) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e AwardHoldPlaced) StreamID() string { return e.Subject.stream() }

// Validate reports every missing or malformed field.
func (e AwardHoldPlaced) Validate() error {
	var c checker
	c.id("holdId", e.HoldID)
	c.subject("subject", e.Subject)
	c.set("reason", e.Reason.IsZero())
	c.optID("sourceEventId", e.SourceEventID)
	return c.err()
}

// AwardHoldLifted ends a hold. Stream person-<id> or unit-<id>.
type AwardHoldLifted struct {
	HoldID        string  `json:"holdId"`
	Subject       Subject `json:"subject"`
	SourceEventID string  `json:"sourceEventId,omitzero"`
}

// EventType returns the wire name, EventAwardHoldLifted.
func (AwardHoldLifted) EventType() string { return EventAwardHoldLifted }

// SchemaVersion returns the schema version of the data, 1.
func (AwardHoldLifted) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e AwardHoldLifted) StreamID() string { return e.Subject.stream() }

// Validate reports every missing or malformed field.
func (e AwardHoldLifted) Validate() error {
	var c checker
	c.id("holdId", e.HoldID)
	c.subject("subject", e.Subject)
	c.optID("sourceEventId", e.SourceEventID)
	return c.err()
}

// DecidedAward is one award in a decision. AwardID identifies it for later
// revocation or amendment.
type DecidedAward struct {
	AwardID    string    `json:"awardId"`
	ProposalID string    `json:"proposalId,omitzero"`
	Subject    Subject   `json:"subject"`
	AwardKind  AwardKind `json:"awardKind"`
	Year       int       `json:"year"`
}

// Multiplier is a bonus multiplier of the base salary in hundredths, so
// 4,5 × lương cơ sở is 450 (NĐ 98/2023 Điều 54).
type Multiplier int

// AwardDecided records an award decision (quyết định khen thưởng): its own
// number, the issuing unit and role, the awards, and the bonus multiplier
// where one applies. BasedOnSeq is the last ledger seq the deciding body
// saw; reconstruction replays to it.
type AwardDecided struct {
	DecisionID     string         `json:"decisionId"`
	DecisionNo     DocNumber      `json:"decisionNo"`
	IssuerUnitID   string         `json:"issuerUnitId"`
	IssuerRole     string         `json:"issuerRole"`
	Awards         []DecidedAward `json:"awards"`
	CashMultiplier Multiplier     `json:"cashMultiplier,omitzero"`
	BasedOnSeq     uint64         `json:"basedOnSeq"`
}

// EventType returns the wire name, EventAwardDecided.
func (AwardDecided) EventType() string { return EventAwardDecided }

// SchemaVersion returns the schema version of the data, 1.
func (AwardDecided) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e AwardDecided) StreamID() string { return "decision-" + e.DecisionID }

// Validate reports every missing or malformed field.
func (e AwardDecided) Validate() error {
	var c checker
	c.id("decisionId", e.DecisionID)
	c.doc("decisionNo", e.DecisionNo)
	c.id("issuerUnitId", e.IssuerUnitID)
	c.name("issuerRole", e.IssuerRole)
	if len(e.Awards) == 0 {
		c.fail("awards", "at least 1 required")
	}
	seen := map[string]bool{}
	for i, a := range e.Awards {
		f := idx("awards", i)
		c.id(f+".awardId", a.AwardID)
		if seen[a.AwardID] && a.AwardID != "" {
			c.fail(f+".awardId", "duplicate")
		}
		seen[a.AwardID] = true
		c.optID(f+".proposalId", a.ProposalID)
		c.subject(f+".subject", a.Subject)
		c.set(f+".awardKind", a.AwardKind.IsZero())
		if !a.AwardKind.IsZero() && !a.Subject.Kind.IsZero() && !a.AwardKind.AllowsSubject(a.Subject.Kind) {
			c.fail(f+".awardKind", "%s cannot be given to %s", a.AwardKind, a.Subject.Kind)
		}
		c.year(f+".year", a.Year)
	}
	if e.CashMultiplier < 0 {
		c.fail("cashMultiplier", "negative")
	}
	return c.err()
}

// AwardRejected records a proposal turned down ("không đủ tiêu chuẩn/thủ
// tục"). Stream award-<proposalId>.
type AwardRejected struct {
	ProposalID      string `json:"proposalId"`
	DecidedByUnitID string `json:"decidedByUnitId"`
	Reason          string `json:"reason"`
	BasedOnSeq      uint64 `json:"basedOnSeq"`
}

// EventType returns the wire name, EventAwardRejected.
func (AwardRejected) EventType() string { return EventAwardRejected }

// SchemaVersion returns the schema version of the data, 1.
func (AwardRejected) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e AwardRejected) StreamID() string { return "award-" + e.ProposalID }

// Validate reports every missing or malformed field.
func (e AwardRejected) Validate() error {
	var c checker
	c.id("proposalId", e.ProposalID)
	c.id("decidedByUnitId", e.DecidedByUnitID)
	c.reqText("reason", e.Reason)
	return c.err()
}

// AwardConferred records the ceremony at which a decision's awards were
// handed over (NĐ 98/2023 Điều 25; TT 02/2024 Điều 27). The ceremony date is
// the envelope's effective date.
type AwardConferred struct {
	DecisionID        string   `json:"decisionId"`
	Place             string   `json:"place"`
	Presenter         string   `json:"presenter"`
	RecipientsPresent []string `json:"recipientsPresent,omitempty"`
}

// EventType returns the wire name, EventAwardConferred.
func (AwardConferred) EventType() string { return EventAwardConferred }

// SchemaVersion returns the schema version of the data, 1.
func (AwardConferred) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e AwardConferred) StreamID() string { return "decision-" + e.DecisionID }

// Validate reports every missing or malformed field.
func (e AwardConferred) Validate() error {
	var c checker
	c.id("decisionId", e.DecisionID)
	c.name("place", e.Place)
	c.name("presenter", e.Presenter)
	c.ids("recipientsPresent", e.RecipientsPresent, 0)
	return c.err()
}

// AwardRevoked records the annulment of awards in a decision on a ground of
// Luật TĐKT 2022 Điều 93 k2, with the recovery of insignia and cash (rule
// R25). AwardIDs names the awards annulled; ConsequentialReviews are ids of
// other awards that used these as a prerequisite and must be reviewed.
type AwardRevoked struct {
	DecisionID           string           `json:"decisionId"`
	AwardIDs             []string         `json:"awardIds"`
	RevokingDecisionNo   DocNumber        `json:"revokingDecisionNo"`
	Ground               RevocationGround `json:"ground"`
	InsigniaRecovered    bool             `json:"insigniaRecovered"`
	CashRecoveredVND     int64            `json:"cashRecoveredVnd"`
	ConsequentialReviews []string         `json:"consequentialReviews,omitempty"`
}

// EventType returns the wire name, EventAwardRevoked.
func (AwardRevoked) EventType() string { return EventAwardRevoked }

// SchemaVersion returns the schema version of the data, 1.
func (AwardRevoked) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e AwardRevoked) StreamID() string { return "decision-" + e.DecisionID }

// Validate reports every missing or malformed field.
func (e AwardRevoked) Validate() error {
	var c checker
	c.id("decisionId", e.DecisionID)
	c.ids("awardIds", e.AwardIDs, 1)
	c.doc("revokingDecisionNo", e.RevokingDecisionNo)
	c.set("ground", e.Ground.IsZero())
	if e.CashRecoveredVND < 0 {
		c.fail("cashRecoveredVnd", "negative")
	}
	c.ids("consequentialReviews", e.ConsequentialReviews, 0)
	return c.err()
}

// AwardAmended records a correction to a decision (e.g. a misspelt name or
// unit), by a correcting decision.
type AwardAmended struct {
	DecisionID           string    `json:"decisionId"`
	AwardID              string    `json:"awardId,omitzero"`
	Field                string    `json:"field"`
	OldValue             string    `json:"oldValue"`
	NewValue             string    `json:"newValue"`
	CorrectingDecisionNo DocNumber `json:"correctingDecisionNo,omitzero"`
}

// EventType returns the wire name, EventAwardAmended.
func (AwardAmended) EventType() string { return EventAwardAmended }

// SchemaVersion returns the schema version of the data, 1.
func (AwardAmended) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e AwardAmended) StreamID() string { return "decision-" + e.DecisionID }

// Validate reports every missing or malformed field.
func (e AwardAmended) Validate() error {
	var c checker
	c.id("decisionId", e.DecisionID)
	c.optID("awardId", e.AwardID)
	c.name("field", e.Field)
	c.reqText("oldValue", e.OldValue)
	c.reqText("newValue", e.NewValue)
	if e.OldValue != "" && e.OldValue == e.NewValue {
		c.fail("newValue", "same as oldValue")
	}
	return c.err()
}

// Deadline is the date by which dossiers for an award kind at a level are
// due.
type Deadline struct {
	AwardKind AwardKind  `json:"awardKind"`
	Level     AwardLevel `json:"level"`
	DueOn     Date       `json:"dueOn"`
}

// DeadlineSetPublished records the dossier deadlines for a year under a
// regime, as the annual guidance sets them (DOMAIN.md §6: deadlines are
// data, not constants). Stream deadlines-<year>.
type DeadlineSetPublished struct {
	DeadlineSetID string     `json:"deadlineSetId"`
	Regime        Regime     `json:"regime"`
	Year          int        `json:"year"`
	Deadlines     []Deadline `json:"deadlines"`
	SourceDocNo   DocNumber  `json:"sourceDocNo"`
}

// EventType returns the wire name, EventDeadlineSetPublished.
func (DeadlineSetPublished) EventType() string { return EventDeadlineSetPublished }

// SchemaVersion returns the schema version of the data, 1.
func (DeadlineSetPublished) SchemaVersion() int { return 1 }

// StreamID returns the aggregate stream of the event.
func (e DeadlineSetPublished) StreamID() string { return "deadlines-" + itoa(e.Year) }

// EvalYear returns the evaluation year the event is about.
func (e DeadlineSetPublished) EvalYear() int { return e.Year }

// Validate reports every missing or malformed field.
func (e DeadlineSetPublished) Validate() error {
	var c checker
	c.id("deadlineSetId", e.DeadlineSetID)
	c.set("regime", e.Regime.IsZero())
	c.year("year", e.Year)
	if len(e.Deadlines) == 0 {
		c.fail("deadlines", "at least 1 required")
	}
	type key struct {
		k AwardKind
		l AwardLevel
	}
	seen := map[key]bool{}
	for i, d := range e.Deadlines {
		f := idx("deadlines", i)
		c.set(f+".awardKind", d.AwardKind.IsZero())
		c.set(f+".level", d.Level.IsZero())
		c.date(f+".dueOn", d.DueOn)
		if seen[key{d.AwardKind, d.Level}] {
			c.fail(f, "duplicate awardKind and level")
		}
		seen[key{d.AwardKind, d.Level}] = true
	}
	c.doc("sourceDocNo", e.SourceDocNo)
	return c.err()
}
