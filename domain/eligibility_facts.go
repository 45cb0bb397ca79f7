package domain

// Facts are what the eligibility evaluator reads: dated facts about
// persons and units, each carrying the id of the event it came from, so
// every rule result can name the events it used. A projection builds Facts
// from the ledger (as of some seq); the evaluator never reads the ledger.
//
// Facts hold only what was recorded. Streaks, initiative scope, cluster
// acclamation, discipline windows and quotas are computed from them.

// RatingFact is an annual rating (PerformanceRated).
type RatingFact struct {
	EventID  string
	RatingID string
	// Supersedes is the RatingID this rating replaces, if any.
	Supersedes string
	Subject    Subject
	Year       int
	Rating     PerformanceRating
}

// AwardFact is a title or form awarded (AwardDecided), with its basis.
type AwardFact struct {
	EventID string
	AwardID string
	Subject Subject
	Kind    AwardKind
	// Year is the evaluation year the award is for (for forms, the year of
	// the decision).
	Year      int
	Basis     AwardBasis
	DecidedOn Date
	// Revoked is true once an AwardRevoked annuls it; revoked awards count
	// for nothing.
	Revoked bool
	// Achievements are the ids of the initiatives or research works the
	// award was based on (R19a, R21).
	Achievements []string
}

// RecruitmentFact is a person's recruitment (PersonRecruited).
type RecruitmentFact struct {
	EventID  string
	PersonID string
	UnitID   string
	On       Date
}

// TransferFact is a permanent move between units (PersonTransferred).
type TransferFact struct {
	EventID    string
	PersonID   string
	FromUnitID string
	ToUnitID   string
	On         Date
}

// LeaveFact is a period away from work (PersonLeaveRecorded).
type LeaveFact struct {
	EventID  string
	PersonID string
	Period   Period
	Reason   LeaveReason
}

// DisciplineFact is a sanction (DisciplineImposed) and, once recorded, its
// end (DisciplineEnded).
type DisciplineFact struct {
	EventID       string
	DisciplineID  string
	PersonID      string
	Form          DisciplineForm
	ViolationYear int
	DecidedOn     Date
	// EndsOn is the scheduled end, if the decision set one.
	EndsOn Date
	// EndedEventID and EndedOn are the DisciplineEnded event, if any.
	EndedEventID string
	EndedOn      Date
}

// ProceedingFact is a review proceeding or an award hold (NĐ 98/2023 Điều
// 4): opened, and closed or lifted if ClosedOn is set.
type ProceedingFact struct {
	EventID       string
	ProceedingID  string
	Subject       Subject
	Kind          ProceedingKind
	OpenedOn      Date
	ClosedEventID string
	ClosedOn      Date
}

// InitiativeFact is one recognition of an initiative (InitiativeRecognized)
// at a scope; an initiative recognized at several scopes has one fact per
// recognition.
type InitiativeFact struct {
	EventID      string
	InitiativeID string
	Authors      []string
	UnitID       string
	Scope        InitiativeScope
	RecognizedOn Date
	// Year is the evaluation year the recognition counts for; 0 means the
	// year of RecognizedOn.
	Year int
	// Revoked is true once InitiativeRecognitionRevoked withdrew it.
	Revoked bool
}

// ResearchFact is an accepted research work (ResearchWorkAccepted).
type ResearchFact struct {
	EventID    string
	WorkID     string
	Authors    []string
	AcceptedOn Date
	Scope      InitiativeScope
	// Year is the evaluation year it counts for; 0 means AcceptedOn's year.
	Year int
}

// ClusterOrganizer is who organises a cluster or block: it decides which
// flag its leader may receive (R14, R17).
type ClusterOrganizer struct{ s string }

// Cluster organizers.
var (
	// OrganizedBySector: a cluster or block organised by the Ngành (HĐTĐKT
	// ngành KSND) — its leader may get the sector flag (R14) and be
	// proposed for the Government flag (R17 k1).
	OrganizedBySector = ClusterOrganizer{"sector"}
	// OrganizedByCentralCouncil: a block organised by HĐTĐKT Trung ương
	// (R17 k2), e.g. Khối Nội chính.
	OrganizedByCentralCouncil = ClusterOrganizer{"central"}
	// OrganizedByUnit: a cluster or block inside a provincial procuracy.
	OrganizedByUnit = ClusterOrganizer{"unit"}
)

// String returns the organizer's code.
func (o ClusterOrganizer) String() string { return o.s }

// AcclamationFact is the unit a cluster acclaimed as its leading unit for a
// year (ClusterLeaderAcclaimed).
type AcclamationFact struct {
	EventID   string
	ClusterID string
	Year      int
	UnitID    string
	Organizer ClusterOrganizer
}

// ClusterLeadershipFact is a cluster's leader and deputy units for a year
// (ClusterLeadershipAssigned).
type ClusterLeadershipFact struct {
	EventID      string
	ClusterID    string
	Year         int
	LeaderUnitID string
	DeputyUnitID string
}

// ClusterMemberFact is a unit's membership of a cluster in a year.
type ClusterMemberFact struct {
	EventID   string
	ClusterID string
	Year      int
	UnitID    string
}

// UnitMemberFact is a person's membership of a unit in a year, for the
// collective rules.
type UnitMemberFact struct {
	EventID  string
	UnitID   string
	PersonID string
	Year     int
}

// UnitChangeKind is what ended a unit's separate existence.
type UnitChangeKind struct{ s string }

// Unit change kinds.
var (
	UnitChangeMerged    = UnitChangeKind{"merged"}
	UnitChangeDissolved = UnitChangeKind{"dissolved"}
)

// String returns the kind's code.
func (k UnitChangeKind) String() string { return k.s }

// UnitChangeFact is a merger (UnitsMerged) or dissolution (UnitDissolved).
type UnitChangeFact struct {
	EventID       string
	Kind          UnitChangeKind
	SourceUnitIDs []string
	// ResultUnitID is the merged unit (for a dissolution, "").
	ResultUnitID string
	Effective    Date
	// Inherits is true when the UnitsMerged event's titleSuccessionPolicy
	// states that the predecessors' titles count for the result unit
	// (R-U3 under SuccessionAsDeclared).
	Inherits bool
}

// ServiceFact is the start of a person's continuous service in the sector
// (R20).
type ServiceFact struct {
	EventID  string
	PersonID string
	From     Date
}

// MovementLeadFact is a unit leading a movement at its review (R17 k3).
type MovementLeadFact struct {
	EventID    string
	MovementID string
	UnitID     string
	Year       int
	// LaunchedByPrimeMinister and Years describe the movement: Điều 25 k3
	// needs a Thủ tướng-launched movement of at least 5 years.
	LaunchedByPrimeMinister bool
	Years                   int
}

// ConsultationFact is a public consultation (R10).
type ConsultationFact struct {
	EventID        string
	ConsultationID string
	ProposalIDs    []string
	Window         Period
	// Closed is true once PublicConsultationClosed is recorded.
	Closed bool
}

// BallotFact is a recorded vote (R8, R15, R31).
type BallotFact struct {
	EventID string
	// SubjectRef is what was voted on (a proposal, an initiative, a
	// leader election).
	SubjectRef string
	Kind       BallotKind
	Eligible   int
	Cast       int
	For        int
}

// Facts is the evaluator's input.
type Facts struct {
	// AsOf is the day the question is asked (the proposal or decision
	// date); zero means 31/12 of the evaluation year.
	AsOf Date

	Ratings           []RatingFact
	Awards            []AwardFact
	Recruitments      []RecruitmentFact
	Transfers         []TransferFact
	Leaves            []LeaveFact
	Disciplines       []DisciplineFact
	Proceedings       []ProceedingFact
	Initiatives       []InitiativeFact
	Research          []ResearchFact
	Acclamations      []AcclamationFact
	ClusterLeadership []ClusterLeadershipFact
	ClusterMembers    []ClusterMemberFact
	UnitMembers       []UnitMemberFact
	UnitChanges       []UnitChangeFact
	ServiceStarts     []ServiceFact
	MovementLeads     []MovementLeadFact
	Consultations     []ConsultationFact
	Ballots           []BallotFact
}
