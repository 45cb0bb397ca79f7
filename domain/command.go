package domain

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Commands: what a caller asks the ledger to record. A command is a value
// with camelCase JSON, a stable name (its CommandName, e.g.
// "ReconstituteCouncil", used in POST /api/v1/commands/{Name}), the stream
// its events are appended to (Stream), the other streams its decider must
// see (Reads), and a Validate that names every bad field.
//
// # How a command is handled
//
//  1. DecodeCommand(name, body) decodes strictly and NFC-normalizes names.
//  2. The caller loads cmd.Stream() and every stream in cmd.Reads() (and,
//     for a command that is a ClustersOfYear reader, every cluster stream
//     of that year), folds each with Fold, and reads the ledger head.
//  3. Decide(state, cmd, now, Env{Reads: states, BasedOnSeq: head,
//     Policy: …}) returns the events to append to cmd.Stream(), all of
//     them in that one stream, or an error.
//
// # Ids and idempotency
//
// Ids of new things (proposalId, scoreId, decisionId, …) are chosen by the
// caller and carried in the command, so a retried command names the same
// thing. Ids the decider derives (the award ids of an AwardDecided) are
// name-based UUIDs (v5) of the command's ids, so they too come out the same
// on a retry. A command that creates something that already exists with
// exactly the same content, or that asks for a state that already holds
// (assign a unit that is already a member), decides no events and no error;
// the same id with different content is ECONFLICT. Commands that add a
// fact each time (a leave, a meeting with a new id) are not deduplicated
// beyond their ids.
type Command interface {
	// CommandName returns the stable name, e.g. "FormCluster".
	CommandName() string
	// Stream returns the stream the command's events go to.
	Stream() string
	// Reads returns the other streams the decider needs, folded into states
	// and passed in Env.Reads. A stream not yet written is passed as absent
	// (or as its empty state).
	Reads() []string
	// Validate reports every missing or malformed field as *Error values
	// with EINVALID joined by errors.Join, or nil.
	Validate() error
}

// ClustersOfYear is implemented by commands whose decider checks that a
// unit sits in at most one cluster and one block per year. The caller
// passes, in Env.Reads, the state of every cluster formed for that year
// (from its cluster projection), besides the streams Reads names.
type ClustersOfYear interface {
	Command
	ClustersYear() int
}

// normalizer is implemented by commands with names or free text: it returns
// a copy with names in NormalizeName form and text in NormalizeText form.
// Values that cannot be normalized are left as they are for Validate to
// report.
type normalizer interface {
	normalized() Command
}

// nn normalizes a name, leaving a bad one for Validate.
func nn(s string) string {
	if v, err := NormalizeName(s); err == nil {
		return v
	}
	return s
}

// nt normalizes free text, leaving bad text for Validate.
func nt(s string) string {
	if v, err := NormalizeText(s); err == nil {
		return v
	}
	return s
}

// CommandSpec is one entry of the command catalog.
type CommandSpec struct {
	// Name is the command's stable name.
	Name string
	// Aggregate is the stream prefix of the command's target stream, e.g.
	// "cluster" for cluster-<id>.
	Aggregate string
	// Summary says in English what the command does (for OpenAPI).
	Summary string
	// New returns the zero command, a value of the command's Go type, to
	// describe its schema.
	New func() Command

	decode func(body []byte) (Command, error)
}

// Decode decodes body strictly into the spec's command and normalizes its
// names; see DecodeCommand.
func (s CommandSpec) Decode(body []byte) (Command, error) { return s.decode(body) }

func spec[T Command](aggregate, summary string) CommandSpec {
	var zero T
	return CommandSpec{
		Name:      zero.CommandName(),
		Aggregate: aggregate,
		Summary:   summary,
		New:       func() Command { var v T; return v },
		decode:    decodeCommand[T],
	}
}

// Commands returns the command catalog, one entry per command, in a stable
// order grouped by aggregate. The slice is a fresh copy.
func Commands() []CommandSpec {
	out := make([]CommandSpec, 0, len(commandCatalog))
	return append(out, commandCatalog...)
}

// CommandByName returns the catalog entry for name, or an *Error with
// ENOTFOUND.
func CommandByName(name string) (CommandSpec, error) {
	for _, s := range commandCatalog {
		if s.Name == name {
			return s, nil
		}
	}
	return CommandSpec{}, Errorf(ENOTFOUND, "không có lệnh %q", name)
}

// DecodeCommand decodes the JSON body of the command called name. Decoding
// is strict: the body must be exactly one JSON object; unknown or misspelt
// fields, a key given twice, wrong types, bad vocabulary codes and trailing
// data are errors (*Error with EINVALID naming the field). Names and text
// are NFC-normalized. DecodeCommand does not call Validate; Decide does.
func DecodeCommand(name string, body []byte) (Command, error) {
	s, err := CommandByName(name)
	if err != nil {
		return nil, err
	}
	return s.decode(body)
}

func decodeCommand[T Command](body []byte) (Command, error) {
	var v T
	name := v.CommandName()
	if i := bytes.IndexFunc(body, func(r rune) bool { return !isJSONSpace(r) }); i < 0 || body[i] != '{' {
		return nil, Errorf(EINVALID, "%s: nội dung phải là một đối tượng JSON", name)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return nil, jsonFieldError(name, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, Errorf(EINVALID, "%s: có dữ liệu thừa sau đối tượng JSON", name)
	}
	in, err := jsonKeys(body)
	if err != nil {
		return nil, Errorf(EINVALID, "%s: %s", name, err.Error())
	}
	canon, err := json.Marshal(v)
	if err != nil {
		return nil, Errorf(EINVALID, "%s: %s", name, err.Error())
	}
	out, err := jsonKeys(canon)
	if err != nil {
		return nil, Errorf(EINVALID, "%s: %s", name, err.Error())
	}
	for k, empty := range in {
		if _, ok := out[k]; !ok && !empty {
			return nil, Errorf(EINVALID, "%s: tên trường không đúng như trong lược đồ của %s", k, name)
		}
	}
	var c Command = v
	if n, ok := c.(normalizer); ok {
		c = n.normalized()
	}
	return c, nil
}

// jsonFieldError turns an encoding/json error into an *Error naming the
// field.
func jsonFieldError(name string, err error) error {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			field = name
		}
		return Errorf(EINVALID, "%s: sai kiểu dữ liệu (cần %s)", field, te.Type)
	case errors.As(err, &se):
		return Errorf(EINVALID, "%s: JSON không hợp lệ tại vị trí %d", name, se.Offset)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return Errorf(EINVALID, "%s: trường không có trong lệnh %s", f, name)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return Errorf(EINVALID, "%s: JSON không đầy đủ", name)
	}
	// Vocabulary and date errors from UnmarshalText: keep their message,
	// which names the value.
	var de *Error
	if errors.As(err, &de) {
		return Errorf(EINVALID, "%s: %s", name, de.Message)
	}
	return Errorf(EINVALID, "%s: %s", name, strings.TrimPrefix(err.Error(), "json: "))
}

// commandCatalog lists every command. Keep it grouped by aggregate.
var commandCatalog = []CommandSpec{
	// Units and people.
	spec[EstablishUnit]("unit", "Establish a unit"),
	spec[RenameUnit]("unit", "Rename a unit"),
	spec[MergeUnits]("unit", "Merge units into a result unit (consolidation or absorption)"),
	spec[SplitUnit]("unit", "Split a unit into several"),
	spec[DissolveUnit]("unit", "Dissolve a unit"),
	spec[ReparentUnit]("unit", "Move a unit under a new parent"),
	spec[RecruitPerson]("person", "Recruit a person into a unit"),
	spec[TransferPerson]("person", "Transfer a person between units"),
	spec[SecondPerson]("person", "Second a person to another unit for a period"),
	spec[RecordLeave]("person", "Record a period of leave"),
	spec[RatePerformance]("person|unit", "Rate a person's or unit's performance for a year"),
	spec[ImposeDiscipline]("person", "Impose a disciplinary sanction"),
	spec[EndDiscipline]("person", "End a disciplinary period"),
	spec[OpenReviewProceeding]("person|unit", "Open a review proceeding (bars commendation, R23)"),
	spec[CloseReviewProceeding]("person|unit", "Close a review proceeding"),
	// Councils.
	spec[ConstituteCouncil]("council", "Constitute a council"),
	spec[ReconstituteCouncil]("council", "Reconstitute a council (kiện toàn) with its full membership"),
	spec[AppointCouncilMember]("council", "Appoint a council member"),
	spec[RemoveCouncilMember]("council", "Remove a council member"),
	spec[DesignateStandingOffice]("council", "Designate the council's standing office"),
	spec[AssignCouncilMemberToCluster]("council", "Assign a council member to follow a cluster for a year (R29)"),
	spec[HoldCouncilMeeting]("council", "Record a council meeting"),
	spec[RecordBallot]("council|cluster", "Record a ballot of a council or a cluster meeting"),
	// Clusters and blocks.
	spec[FormCluster]("cluster", "Form a cluster or block for a year"),
	spec[RenameCluster]("cluster", "Rename or renumber a cluster"),
	spec[AssignUnitToCluster]("cluster", "Assign a unit to a cluster"),
	spec[RemoveUnitFromCluster]("cluster", "Remove a unit from a cluster"),
	spec[MoveUnitBetweenClusters]("cluster", "Move a unit from one cluster to another (recorded in the destination)"),
	spec[AssignClusterLeadership]("cluster", "Assign the year's leader and deputy (R26–R28)"),
	spec[DissolveCluster]("cluster", "Dissolve a cluster"),
	spec[SubmitReorganizationPlan]("plan", "Submit a cluster reorganisation plan"),
	spec[DecideReorganizationPlan]("plan", "Decide a cluster reorganisation plan"),
	// Movements, plans, registrations, covenants.
	spec[LaunchMovement]("movement", "Launch an emulation movement"),
	spec[AdoptMovement]("movement", "Record a unit adopting a movement"),
	spec[AdoptEmulationPlan]("emulationplan", "Adopt a unit's annual emulation plan"),
	spec[HoldMovementReview]("movement", "Record a preliminary or final review of a movement"),
	spec[SubmitRegistration]("registration", "Submit an emulation registration (đăng ký thi đua)"),
	spec[AmendRegistration]("registration", "Amend a registration's targets"),
	spec[WithdrawRegistration]("registration", "Withdraw a registration"),
	spec[SignCovenant]("covenant", "Record a covenant (giao ước) signed in a cluster"),
	// Scores and rankings.
	spec[PublishScoringScheme]("scheme", "Publish a version of a scoring scheme"),
	spec[RecordScore]("scorecard", "Record a unit's score for a cluster and year"),
	spec[CorrectScore]("scorecard", "Correct a score by a new one that supersedes it"),
	spec[PublishClusterRanking]("cluster", "Publish a cluster ranking for the year"),
	spec[FinalizeClusterRanking]("cluster", "Finalize the cluster ranking; scores are locked"),
	spec[AcclaimClusterLeader]("cluster", "Acclaim the cluster's leading unit for the year (R14–R16)"),
	// Initiatives.
	spec[SubmitInitiative]("initiative", "Submit an initiative"),
	spec[ApplyInitiative]("initiative", "Record an initiative applied or trial-applied"),
	spec[EvaluateInitiative]("initiative", "Record an initiative council's evaluation (R31)"),
	spec[RecognizeInitiative]("initiative", "Recognize an initiative at a scope (R30–R32)"),
	spec[RevokeInitiativeRecognition]("initiative", "Revoke an initiative's recognition at a scope"),
	spec[AcceptResearchWork]("research", "Record an accepted research work"),
	// Awards.
	spec[ProposeAward]("award", "Propose a title or form for a subject and year (R23, R36)"),
	spec[FileDossier]("award", "File a proposal's dossier"),
	spec[ReturnDossier]("award", "Return a dossier for completion"),
	spec[AppraiseDossier]("award", "Appraise a dossier"),
	spec[OpenPublicConsultation]("consultation", "Open a public consultation on proposals (R10)"),
	spec[ClosePublicConsultation]("consultation", "Close a public consultation"),
	spec[PlaceAwardHold]("person|unit", "Place an award hold on a subject (R23)"),
	spec[LiftAwardHold]("person|unit", "Lift an award hold"),
	spec[DecideAward]("decision", "Decide awards on proposals (R8, R15, R23, R31 ballots)"),
	spec[RejectAward]("award", "Reject a proposal"),
	spec[ConferAward]("decision", "Record the conferral ceremony of a decision"),
	spec[RevokeAward]("decision", "Revoke awards of a decision on a ground of Điều 93 k2 (R25)"),
	spec[AmendAward]("decision", "Correct a decision"),
	spec[PublishDeadlineSet]("deadlines", "Publish the dossier deadlines for a year"),
}

// fieldErr is a shorthand for an EINVALID field failure in a command's
// Validate.
func fieldErr(field, format string, args ...any) *Error {
	return Errorf(EINVALID, "%s: %s", field, fmt.Sprintf(format, args...))
}
