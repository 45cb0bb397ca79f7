package projections

import (
	"context"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
)

// EligibilityName is the name of the eligibility facts projection: every
// fact domain.Evaluate reads (domain.Facts), each with the id of the event
// it came from, kept as plain JSON and turned into domain.Facts per query.
const EligibilityName = "eligibility"

// The model keeps facts in its own JSON shapes: domain's fact structs
// carry vocabulary values and dates whose zero values do not round-trip
// through encoding/json, which the runner needs (Model).

type efRating struct {
	EventID    string         `json:"eventId"`
	RatingID   string         `json:"ratingId,omitempty"`
	Supersedes string         `json:"supersedes,omitempty"`
	Subject    domain.Subject `json:"subject"`
	Year       int            `json:"year"`
	Rating     string         `json:"rating"`
}

// efAward is an award, kept by its id in eligModel.Awards.
type efAward struct {
	EventID    string         `json:"eventId"`
	DecisionID string         `json:"decisionId"`
	ProposalID string         `json:"proposalId,omitempty"`
	Subject    domain.Subject `json:"subject"`
	Kind       string         `json:"kind"`
	Year       int            `json:"year"`
	DecidedOn  string         `json:"decidedOn"`
	RevokedBy  string         `json:"revokedBy,omitempty"`
}

type efProposal struct {
	Subject domain.Subject `json:"subject"`
	Kind    string         `json:"kind"`
	Year    int            `json:"year"`
	Basis   string         `json:"basis"`
	Refs    []string       `json:"refs,omitempty"`
}

type efPlacement struct {
	EventID string `json:"eventId"`
	Unit    string `json:"unit"`
	From    string `json:"from"`
	Kind    string `json:"kind"` // recruited, transferred
	Prev    string `json:"prev,omitempty"`
}

type efLeave struct {
	EventID string `json:"eventId"`
	From    string `json:"from"`
	To      string `json:"to,omitempty"`
	Reason  string `json:"reason"`
}

type efDiscipline struct {
	EventID       string `json:"eventId"`
	PersonID      string `json:"personId"`
	Form          string `json:"form"`
	ViolationYear int    `json:"violationYear"`
	DecidedOn     string `json:"decidedOn"`
	EndsOn        string `json:"endsOn,omitempty"`
	EndedEventID  string `json:"endedEventId,omitempty"`
	EndedOn       string `json:"endedOn,omitempty"`
}

type efProceeding struct {
	EventID       string         `json:"eventId"`
	ID            string         `json:"id"`
	Subject       domain.Subject `json:"subject"`
	Kind          string         `json:"kind"`
	OpenedOn      string         `json:"openedOn"`
	ClosedEventID string         `json:"closedEventId,omitempty"`
	ClosedOn      string         `json:"closedOn,omitempty"`
}

type efInitiative struct {
	Authors []string `json:"authors"`
	Unit    string   `json:"unit"`
}

type efRecognition struct {
	EventID      string `json:"eventId"`
	InitiativeID string `json:"initiativeId"`
	Scope        string `json:"scope"`
	RecognizedOn string `json:"recognizedOn"`
	Year         int    `json:"year,omitempty"`
	RevokedBy    string `json:"revokedBy,omitempty"`
}

type efResearch struct {
	EventID    string   `json:"eventId"`
	WorkID     string   `json:"workId"`
	Authors    []string `json:"authors"`
	AcceptedOn string   `json:"acceptedOn"`
	Scope      string   `json:"scope,omitempty"`
	Year       int      `json:"year,omitempty"`
}

type efMembership struct {
	EventID string `json:"eventId"`
	Unit    string `json:"unit"`
	From    string `json:"from"`
	Until   string `json:"until,omitempty"`
}

type efCluster struct {
	Organizer string          `json:"organizer"`
	Members   []*efMembership `json:"members"`
}

type efAcclaim struct {
	EventID string `json:"eventId"`
	Cluster string `json:"cluster"`
	Year    int    `json:"year"`
	Unit    string `json:"unit"`
	// The rest is what a reconstruction of the acclamation reads.
	Ballot     string   `json:"ballot,omitempty"`
	Minutes    string   `json:"minutes,omitempty"`
	Titles     []string `json:"titles,omitempty"`
	BasedOnSeq uint64   `json:"basedOnSeq,omitempty"`
	On         string   `json:"on,omitempty"`
}

type efLeadership struct {
	EventID string `json:"eventId"`
	Cluster string `json:"cluster"`
	Year    int    `json:"year"`
	Leader  string `json:"leader"`
	Deputy  string `json:"deputy"`
}

type efChange struct {
	EventID   string   `json:"eventId"`
	Kind      string   `json:"kind"` // merged, dissolved
	Sources   []string `json:"sources"`
	Result    string   `json:"result,omitempty"`
	Effective string   `json:"effective"`
	Inherits  bool     `json:"inherits,omitempty"`
}

type efConsultation struct {
	EventID   string   `json:"eventId"`
	Proposals []string `json:"proposals"`
	From      string   `json:"from"`
	To        string   `json:"to,omitempty"`
	Closed    bool     `json:"closed,omitempty"`
}

type efBallot struct {
	EventID  string `json:"eventId"`
	BallotID string `json:"ballotId,omitempty"`
	Cluster  string `json:"cluster,omitempty"`
	Ref      string `json:"ref"`
	Kind     string `json:"kind"`
	Eligible int    `json:"eligible"`
	Cast     int    `json:"cast"`
	For      int    `json:"for"`
}

type efDecision struct {
	DecisionID string   `json:"decisionId"`
	DecisionNo string   `json:"decisionNo"`
	DecidedOn  string   `json:"decidedOn"`
	BasedOnSeq uint64   `json:"basedOnSeq"`
	Awards     []string `json:"awards"`
	Recorded   Recorded `json:"recorded"`
}

// EventRef is an event a fact came from: its id, seq, type and when it was
// recorded.
type EventRef struct {
	EventID    string    `json:"eventId"`
	Seq        uint64    `json:"seq"`
	Type       string    `json:"type"`
	Stream     string    `json:"stream"`
	RecordedAt time.Time `json:"recordedAt"`
	Effective  string    `json:"effective,omitempty"`
}

type eligModel struct {
	N             names                      `json:"names"`
	Ratings       []*efRating                `json:"ratings"`
	Awards        map[string]*efAward        `json:"awards"`
	Proposals     map[string]*efProposal     `json:"proposals"`
	Achievements  map[string]string          `json:"achievements"` // event id → initiative or work id
	Placements    map[string][]efPlacement   `json:"placements"`   // person → placements
	Leaves        map[string][]efLeave       `json:"leaves"`       // person → leaves
	Disciplines   map[string]*efDiscipline   `json:"disciplines"`
	Proceedings   map[string]*efProceeding   `json:"proceedings"`
	Initiatives   map[string]*efInitiative   `json:"initiatives"`
	Recognitions  []*efRecognition           `json:"recognitions"`
	Research      []efResearch               `json:"research"`
	Clusters      map[string]*efCluster      `json:"clusters"`
	Acclaims      []efAcclaim                `json:"acclaims"`
	Leaderships   []efLeadership             `json:"leaderships"`
	UnitLevels    map[string]string          `json:"unitLevels"`
	CouncilOwners map[string]string          `json:"councilOwners"`
	Changes       []efChange                 `json:"changes"`
	Consultations map[string]*efConsultation `json:"consultations"`
	Ballots       []efBallot                 `json:"ballots"`
	Decisions     map[string]*efDecision     `json:"decisions"`
	// Refs are the envelopes of the events whose ids the facts keep (an
	// answer lists them as inputs), by event id; see ref.
	Refs map[string]eventRef `json:"refs"`
	// Strings are the types, streams and effective dates refs name, by
	// index; Strings[0] is "".
	Strings []string  `json:"strings"`
	Last    *EventRef `json:"last,omitempty"`

	// strIndex indexes Strings; Apply builds it from Strings when nil
	// (after a load).
	strIndex map[string]uint32
}

// eventRef is an EventRef as the model keeps it: the event id is the key
// of Refs, recordedAt is Unix nanoseconds (UTC), and the type, stream and
// effective date are indexes into Strings.
type eventRef struct {
	Seq        uint64 `json:"q"`
	RecordedAt int64  `json:"a"`
	Type       uint32 `json:"t"`
	Stream     uint32 `json:"s"`
	Effective  uint32 `json:"e,omitempty"`
}

// zeroTime stands for a zero RecordedAt, which has no Unix nanoseconds.
const zeroTime = math.MinInt64

// intern returns the index of s in Strings, adding it if new.
func (m *eligModel) intern(s string) uint32 {
	if m.strIndex == nil {
		if len(m.Strings) == 0 {
			m.Strings = []string{""}
		}
		m.strIndex = make(map[string]uint32, len(m.Strings))
		for i, x := range m.Strings {
			m.strIndex[x] = uint32(i)
		}
	}
	if i, ok := m.strIndex[s]; ok {
		return i
	}
	i := uint32(len(m.Strings))
	m.Strings = append(m.Strings, s)
	m.strIndex[s] = i
	return i
}

// keep records the envelope of rec, whose id a fact keeps, and returns
// the id.
func (m *eligModel) keep(rec eventstore.RecordedEvent, id string) string {
	if _, ok := m.Refs[id]; ok {
		return id
	}
	at := int64(zeroTime)
	if !rec.RecordedAt.IsZero() {
		at = rec.RecordedAt.UnixNano()
	}
	m.Refs[id] = eventRef{Seq: rec.Seq, RecordedAt: at, Type: m.intern(rec.Type), Stream: m.intern(rec.Stream), Effective: m.intern(rec.Effective.Date)}
	return id
}

// ref returns the envelope of the event id, if a fact keeps its id.
func (m *eligModel) ref(id string) (EventRef, bool) {
	r, ok := m.Refs[id]
	if !ok {
		return EventRef{}, false
	}
	var at time.Time
	if r.RecordedAt != zeroTime {
		at = time.Unix(0, r.RecordedAt).UTC()
	}
	return EventRef{EventID: id, Seq: r.Seq, Type: m.str(r.Type), Stream: m.str(r.Stream), RecordedAt: at, Effective: m.str(r.Effective)}, true
}

func (m *eligModel) str(i uint32) string {
	if int(i) < len(m.Strings) {
		return m.Strings[i]
	}
	return ""
}

func newEligModel() Model {
	return &eligModel{N: newNames(), Awards: map[string]*efAward{}, Proposals: map[string]*efProposal{},
		Achievements: map[string]string{}, Placements: map[string][]efPlacement{}, Leaves: map[string][]efLeave{},
		Disciplines: map[string]*efDiscipline{}, Proceedings: map[string]*efProceeding{}, Initiatives: map[string]*efInitiative{},
		Clusters: map[string]*efCluster{}, UnitLevels: map[string]string{}, CouncilOwners: map[string]string{},
		Consultations: map[string]*efConsultation{}, Decisions: map[string]*efDecision{}, Refs: map[string]eventRef{}}
}

// EligibilityProjection returns the definition of the eligibility facts
// projection.
func EligibilityProjection() Projection {
	return Projection{Name: EligibilityName, Version: 1, New: newEligModel, Unknown: Skip, Types: withTypes(
		domain.EventPerformanceRated, domain.EventAwardProposed, domain.EventAwardDecided, domain.EventAwardRevoked,
		domain.EventPersonTransferred, domain.EventPersonLeaveRecorded, domain.EventDisciplineImposed, domain.EventDisciplineEnded,
		domain.EventReviewProceedingOpened, domain.EventReviewProceedingClosed, domain.EventAwardHoldPlaced, domain.EventAwardHoldLifted,
		domain.EventInitiativeSubmitted, domain.EventInitiativeRecognized, domain.EventInitiativeRecognitionRevoked,
		domain.EventResearchWorkAccepted, domain.EventClusterLeaderAcclaimed, domain.EventClusterLeadershipAssigned,
		domain.EventUnitAssignedToCluster, domain.EventUnitRemovedFromCluster, domain.EventUnitMovedBetweenClusters,
		domain.EventClusterDissolved, domain.EventUnitsMerged, domain.EventUnitDissolved,
		domain.EventPublicConsultationOpened, domain.EventPublicConsultationClosed, domain.EventBallotRecorded,
	)}
}

// factDate is the day a fact took effect: the envelope's effective date,
// else the date of its legal basis, else validDate.
func factDate(rec eventstore.RecordedEvent) string {
	if rec.Effective.Date != "" {
		return rec.Effective.Date
	}
	if rec.Basis != nil && rec.Basis.Date != "" {
		if _, err := domain.ParseDate(rec.Basis.Date); err == nil {
			return rec.Basis.Date
		}
	}
	return validDate(rec)
}

// decidedOn is the day a decision was taken: the envelope's effective
// date, else the date of its legal basis, else the day it was recorded (in
// Vietnam) — not the start of its evaluation year, which validDate gives a
// year-scoped event with no date.
func decidedOn(rec eventstore.RecordedEvent) string {
	if rec.Effective.Date != "" {
		return rec.Effective.Date
	}
	if rec.Basis != nil && rec.Basis.Date != "" {
		if _, err := domain.ParseDate(rec.Basis.Date); err == nil {
			return rec.Basis.Date
		}
	}
	return domain.DateOf(rec.RecordedAt.In(vietnam)).String()
}

func dstr(d domain.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func pdate(s string) domain.Date {
	d, _ := domain.ParseDate(s)
	return d
}

// inheritsTitles reads UnitsMerged.titleSuccessionPolicy, which states in
// words whether the predecessors' titles count for the result unit (R-U3
// under SuccessionAsDeclared): any statement counts as "yes" unless it
// says "không" (no) or "not"/"no".
func inheritsTitles(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return false
	}
	for _, neg := range []string{"không", "khong", "not ", "no ", "none", "never"} {
		if strings.Contains(s+" ", neg) {
			return false
		}
	}
	return true
}

func (m *eligModel) Apply(rec eventstore.RecordedEvent, ev domain.Event) error {
	m.N.apply(rec, ev)
	eventID := rec.ID.String()
	m.Last = &EventRef{EventID: eventID, Seq: rec.Seq, Type: rec.Type, Stream: rec.Stream, RecordedAt: rec.RecordedAt, Effective: rec.Effective.Date}
	// id is the event's id for a fact to keep: calling it records the
	// event's envelope, which answers list as inputs. A fact must take an
	// event id from id(), or answers will not list that event; events no
	// fact keeps (proposals, names, unit levels) get no envelope.
	id := func() string { return m.keep(rec, eventID) }
	d := factDate(rec)
	switch e := ev.(type) {
	case domain.UnitEstablished:
		m.UnitLevels[e.UnitID] = e.Level.String()
	case domain.CouncilConstituted:
		m.CouncilOwners[e.CouncilID] = e.OwnerUnitID
	case domain.PersonRecruited:
		m.Placements[e.PersonID] = append(m.Placements[e.PersonID], efPlacement{EventID: id(), Unit: e.UnitID, From: d, Kind: "recruited"})
	case domain.PersonTransferred:
		m.Placements[e.PersonID] = append(m.Placements[e.PersonID], efPlacement{EventID: id(), Unit: e.ToUnitID, From: d, Kind: "transferred", Prev: e.FromUnitID})
	case domain.PersonLeaveRecorded:
		m.Leaves[e.PersonID] = append(m.Leaves[e.PersonID], efLeave{EventID: id(), From: dstr(e.Period.From), To: dstr(e.Period.To), Reason: e.Reason.String()})
	case domain.PerformanceRated:
		m.Ratings = append(m.Ratings, &efRating{EventID: id(), RatingID: e.RatingID, Supersedes: e.Supersedes, Subject: e.Subject, Year: e.Year, Rating: e.Rating.String()})
	case domain.DisciplineImposed:
		m.Disciplines[e.DisciplineID] = &efDiscipline{EventID: id(), PersonID: e.PersonID, Form: e.Form.String(), ViolationYear: e.ViolationYear,
			DecidedOn: d, EndsOn: dstr(e.EndsOn)}
	case domain.DisciplineEnded:
		if x := m.Disciplines[e.DisciplineID]; x != nil {
			x.EndedEventID, x.EndedOn = id(), d
		}
	case domain.ReviewProceedingOpened:
		m.Proceedings["p:"+e.ProceedingID] = &efProceeding{EventID: id(), ID: e.ProceedingID, Subject: e.Subject, Kind: e.Kind.String(), OpenedOn: d}
	case domain.ReviewProceedingClosed:
		if x := m.Proceedings["p:"+e.ProceedingID]; x != nil {
			x.ClosedEventID, x.ClosedOn = id(), d
		}
	case domain.AwardHoldPlaced:
		m.Proceedings["h:"+e.HoldID] = &efProceeding{EventID: id(), ID: e.HoldID, Subject: e.Subject, Kind: e.Reason.String(), OpenedOn: d}
	case domain.AwardHoldLifted:
		if x := m.Proceedings["h:"+e.HoldID]; x != nil {
			x.ClosedEventID, x.ClosedOn = id(), d
		}
	case domain.InitiativeSubmitted:
		m.Initiatives[e.InitiativeID] = &efInitiative{Authors: slices.Clone(e.AuthorIDs), Unit: e.UnitID}
	case domain.InitiativeRecognized:
		m.Recognitions = append(m.Recognitions, &efRecognition{EventID: id(), InitiativeID: e.InitiativeID, Scope: e.Scope.String(),
			RecognizedOn: d, Year: rec.Effective.Year})
		m.Achievements[id()] = e.InitiativeID
	case domain.InitiativeRecognitionRevoked:
		for _, r := range m.Recognitions {
			if r.InitiativeID == e.InitiativeID && r.RevokedBy == "" && (e.Scope.IsZero() || r.Scope == e.Scope.String()) {
				r.RevokedBy = id()
			}
		}
	case domain.ResearchWorkAccepted:
		m.Research = append(m.Research, efResearch{EventID: id(), WorkID: e.WorkID, Authors: slices.Clone(e.AuthorIDs), AcceptedOn: d,
			Scope: e.Scope.String(), Year: rec.Effective.Year})
		m.Achievements[id()] = e.WorkID
	case domain.ClusterFormed:
		c := &efCluster{Organizer: m.organizer(e)}
		from := d
		if rec.Effective.Date == "" {
			from = domain.YearEnd(e.Year - 1).AddDays(1).String()
		}
		for _, u := range e.MemberUnitIDs {
			c.Members = append(c.Members, &efMembership{EventID: id(), Unit: u, From: from})
		}
		m.Clusters[e.ClusterID] = c
	case domain.UnitAssignedToCluster:
		m.join(e.ClusterID, e.UnitID, d, id())
	case domain.UnitRemovedFromCluster:
		m.leave(e.ClusterID, e.UnitID, d)
	case domain.UnitMovedBetweenClusters:
		m.leave(e.FromClusterID, e.UnitID, d)
		m.join(e.ToClusterID, e.UnitID, d, id())
	case domain.ClusterDissolved:
		if c := m.Clusters[e.ClusterID]; c != nil {
			for _, ms := range c.Members {
				if ms.Until == "" {
					ms.Until = d
				}
			}
		}
	case domain.ClusterLeaderAcclaimed:
		m.Acclaims = append(m.Acclaims, efAcclaim{EventID: id(), Cluster: e.ClusterID, Year: e.Year, Unit: e.LeadingUnitID,
			Ballot: e.BallotID, Minutes: e.MinutesRef, Titles: codes(e.ProposedTitles), BasedOnSeq: e.BasedOnSeq, On: decidedOn(rec)})
	case domain.ClusterLeadershipAssigned:
		m.Leaderships = append(m.Leaderships, efLeadership{EventID: id(), Cluster: e.ClusterID, Year: e.Year, Leader: e.LeaderUnitID, Deputy: e.DeputyUnitID})
	case domain.UnitsMerged:
		m.Changes = append(m.Changes, efChange{EventID: id(), Kind: domain.UnitChangeMerged.String(), Sources: slices.Clone(e.SourceUnitIDs),
			Result: e.ResultUnitID, Effective: d, Inherits: inheritsTitles(e.TitleSuccessionPolicy)})
		for _, c := range m.Clusters {
			for _, ms := range c.Members {
				if ms.Until == "" && ms.Unit != e.ResultUnitID && slices.Contains(e.SourceUnitIDs, ms.Unit) {
					ms.Until = d
				}
			}
		}
	case domain.UnitDissolved:
		m.Changes = append(m.Changes, efChange{EventID: id(), Kind: domain.UnitChangeDissolved.String(), Sources: []string{e.UnitID}, Effective: d})
		for _, c := range m.Clusters {
			for _, ms := range c.Members {
				if ms.Until == "" && ms.Unit == e.UnitID {
					ms.Until = d
				}
			}
		}
	case domain.PublicConsultationOpened:
		m.Consultations[e.ConsultationID] = &efConsultation{EventID: id(), Proposals: slices.Clone(e.ProposalIDs), From: dstr(e.Window.From), To: dstr(e.Window.To)}
	case domain.PublicConsultationClosed:
		if c := m.Consultations[e.ConsultationID]; c != nil {
			c.Closed = true
		}
	case domain.BallotRecorded:
		m.Ballots = append(m.Ballots, efBallot{EventID: id(), BallotID: e.BallotID, Cluster: e.ClusterID, Ref: e.SubjectRef, Kind: e.Kind.String(), Eligible: e.Eligible, Cast: e.Cast, For: e.For})
	case domain.AwardProposed:
		m.Proposals[e.ProposalID] = &efProposal{Subject: e.Subject, Kind: e.AwardKind.String(), Year: e.Year, Basis: e.Basis.String(), Refs: slices.Clone(e.JustificationRefs)}
	case domain.AwardDecided:
		on := d
		if rec.Basis != nil && rec.Basis.Date != "" {
			if _, err := domain.ParseDate(rec.Basis.Date); err == nil {
				on = rec.Basis.Date
			}
		}
		dec := &efDecision{DecisionID: e.DecisionID, DecisionNo: e.DecisionNo.String(), DecidedOn: on, BasedOnSeq: e.BasedOnSeq, Recorded: recorded(rec)}
		for _, a := range e.Awards {
			m.Awards[a.AwardID] = &efAward{EventID: id(), DecisionID: e.DecisionID, ProposalID: a.ProposalID, Subject: a.Subject,
				Kind: a.AwardKind.String(), Year: a.Year, DecidedOn: on}
			dec.Awards = append(dec.Awards, a.AwardID)
		}
		m.Decisions[e.DecisionID] = dec
	case domain.AwardRevoked:
		for _, aid := range e.AwardIDs {
			if a := m.Awards[aid]; a != nil && a.RevokedBy == "" {
				a.RevokedBy = id()
			}
		}
	}
	return nil
}

// organizer says who organises a cluster: the sector when its organising
// council or unit belongs to the Supreme People's Procuracy (or none is
// named), a unit otherwise. A block of HĐTĐKT Trung ương is not told apart
// by any event yet.
func (m *eligModel) organizer(e domain.ClusterFormed) string {
	owner := e.OrganizerUnitID
	if owner == "" && e.OrganizerCouncilID != "" {
		owner = m.CouncilOwners[e.OrganizerCouncilID]
	}
	if owner == "" || m.UnitLevels[owner] == domain.LevelSupreme.String() || m.UnitLevels[owner] == "" {
		return domain.OrganizedBySector.String()
	}
	return domain.OrganizedByUnit.String()
}

func (m *eligModel) join(cluster, unit, d, id string) {
	c := m.Clusters[cluster]
	if c == nil {
		return
	}
	for _, ms := range c.Members {
		if ms.Unit == unit && ms.From <= d && (ms.Until == "" || d < ms.Until) {
			return
		}
	}
	c.Members = append(c.Members, &efMembership{EventID: id, Unit: unit, From: d})
}

func (m *eligModel) leave(cluster, unit, d string) {
	if c := m.Clusters[cluster]; c != nil {
		for _, ms := range c.Members {
			if ms.Unit == unit && ms.Until == "" && ms.From <= d {
				ms.Until = d
			}
		}
	}
}

// unitOn returns the unit a person belonged to on date d and the event
// that placed them there.
func (m *eligModel) unitOn(person, d string) (unit, eventID string) {
	for _, p := range m.Placements[person] {
		if p.From <= d {
			unit, eventID = p.Unit, p.EventID
		}
	}
	return unit, eventID
}

// successor follows mergers effective on or before d from unit to the unit
// that carries it on.
func (m *eligModel) successor(unit, d string) string {
	for range 16 {
		next := ""
		for _, c := range m.Changes {
			if c.Kind == domain.UnitChangeMerged.String() && c.Result != unit && c.Effective <= d && slices.Contains(c.Sources, unit) {
				next = c.Result
			}
		}
		if next == "" {
			return unit
		}
		unit = next
	}
	return unit
}

// factsOptions narrows what facts carries.
type factsOptions struct {
	// excludeDecision leaves out the awards of a decision (a decision's
	// own awards are its outcome, not its input).
	excludeDecision string
}

// facts builds domain.Facts for a question about subject and year, asked on
// the day on: the subject's own facts and, for a unit, those of its members
// in year (their unit at 31/12, through mergers), of the units merged into
// it, and of the clusters it belongs to or was acclaimed in.
func (m *eligModel) facts(subject domain.Subject, year int, on domain.Date, o factsOptions) domain.Facts {
	f := domain.Facts{AsOf: on}
	yearEnd := domain.YearEnd(year).String()
	persons := map[string]bool{}
	units := map[string]bool{}
	if subject.Kind == domain.SubjectPerson {
		persons[subject.ID] = true
	} else {
		units[subject.ID] = true
		for _, c := range m.Changes {
			if c.Result == subject.ID {
				for _, s := range c.Sources {
					units[s] = true
				}
			}
		}
		var ids []string
		for p := range m.Placements {
			ids = append(ids, p)
		}
		slices.Sort(ids)
		for _, p := range ids {
			u, ev := m.unitOn(p, yearEnd)
			if u == "" {
				continue
			}
			if m.successor(u, yearEnd) == subject.ID {
				persons[p] = true
				f.UnitMembers = append(f.UnitMembers, domain.UnitMemberFact{EventID: ev, UnitID: subject.ID, PersonID: p, Year: year})
			}
		}
	}
	about := func(s domain.Subject) bool {
		if s.Kind == domain.SubjectPerson {
			return persons[s.ID]
		}
		return units[s.ID]
	}
	for _, r := range m.Ratings {
		if about(r.Subject) {
			rt, _ := domain.ParsePerformanceRating(r.Rating)
			f.Ratings = append(f.Ratings, domain.RatingFact{EventID: r.EventID, RatingID: r.RatingID, Supersedes: r.Supersedes, Subject: r.Subject, Year: r.Year, Rating: rt})
		}
	}
	var awardIDs []string
	for aid, a := range m.Awards {
		if about(a.Subject) && (o.excludeDecision == "" || a.DecisionID != o.excludeDecision) {
			awardIDs = append(awardIDs, aid)
		}
	}
	slices.SortFunc(awardIDs, func(a, b string) int {
		x, y := m.Awards[a], m.Awards[b]
		if c := compareStrings(x.DecidedOn, y.DecidedOn); c != 0 {
			return c
		}
		return compareStrings(a, b)
	})
	for _, aid := range awardIDs {
		a := m.Awards[aid]
		k, _ := domain.ParseAwardKind(a.Kind)
		af := domain.AwardFact{EventID: a.EventID, AwardID: aid, Subject: a.Subject, Kind: k, Year: a.Year,
			DecidedOn: pdate(a.DecidedOn), Revoked: a.RevokedBy != ""}
		if p := m.Proposals[a.ProposalID]; p != nil {
			af.Basis, _ = domain.ParseAwardBasis(p.Basis)
			for _, ref := range p.Refs {
				if x, ok := m.Achievements[ref]; ok {
					af.Achievements = append(af.Achievements, x)
				} else if _, ok := m.Initiatives[ref]; ok {
					af.Achievements = append(af.Achievements, ref)
				}
			}
		}
		if af.Basis.IsZero() {
			af.Basis = domain.BasisMerit
		}
		f.Awards = append(f.Awards, af)
	}
	var pids []string
	for p := range persons {
		pids = append(pids, p)
	}
	slices.Sort(pids)
	for _, p := range pids {
		for _, pl := range m.Placements[p] {
			switch pl.Kind {
			case "recruited":
				f.Recruitments = append(f.Recruitments, domain.RecruitmentFact{EventID: pl.EventID, PersonID: p, UnitID: pl.Unit, On: pdate(pl.From)})
			case "transferred":
				f.Transfers = append(f.Transfers, domain.TransferFact{EventID: pl.EventID, PersonID: p, FromUnitID: pl.Prev, ToUnitID: pl.Unit, On: pdate(pl.From)})
			}
		}
		for _, l := range m.Leaves[p] {
			r, _ := domain.ParseLeaveReason(l.Reason)
			f.Leaves = append(f.Leaves, domain.LeaveFact{EventID: l.EventID, PersonID: p, Period: domain.Period{From: pdate(l.From), To: pdate(l.To)}, Reason: r})
		}
	}
	var dids []string
	for k, d := range m.Disciplines {
		if persons[d.PersonID] {
			dids = append(dids, k)
		}
	}
	slices.Sort(dids)
	for _, k := range dids {
		d := m.Disciplines[k]
		form, _ := domain.ParseDisciplineForm(d.Form)
		f.Disciplines = append(f.Disciplines, domain.DisciplineFact{EventID: d.EventID, DisciplineID: k, PersonID: d.PersonID, Form: form,
			ViolationYear: d.ViolationYear, DecidedOn: pdate(d.DecidedOn), EndsOn: pdate(d.EndsOn), EndedEventID: d.EndedEventID, EndedOn: pdate(d.EndedOn)})
	}
	var prids []string
	for k, p := range m.Proceedings {
		if p.Subject == subject {
			prids = append(prids, k)
		}
	}
	slices.Sort(prids)
	for _, k := range prids {
		p := m.Proceedings[k]
		kind, _ := domain.ParseProceedingKind(p.Kind)
		f.Proceedings = append(f.Proceedings, domain.ProceedingFact{EventID: p.EventID, ProceedingID: p.ID, Subject: p.Subject, Kind: kind,
			OpenedOn: pdate(p.OpenedOn), ClosedEventID: p.ClosedEventID, ClosedOn: pdate(p.ClosedOn)})
	}
	authored := func(as []string) bool {
		for _, a := range as {
			if persons[a] {
				return true
			}
		}
		return false
	}
	for _, r := range m.Recognitions {
		in := m.Initiatives[r.InitiativeID]
		if in == nil || !authored(in.Authors) {
			continue
		}
		sc, _ := domain.ParseInitiativeScope(r.Scope)
		f.Initiatives = append(f.Initiatives, domain.InitiativeFact{EventID: r.EventID, InitiativeID: r.InitiativeID, Authors: slices.Clone(in.Authors),
			UnitID: in.Unit, Scope: sc, RecognizedOn: pdate(r.RecognizedOn), Year: r.Year, Revoked: r.RevokedBy != ""})
	}
	for _, r := range m.Research {
		if authored(r.Authors) {
			sc, _ := domain.ParseInitiativeScope(r.Scope)
			f.Research = append(f.Research, domain.ResearchFact{EventID: r.EventID, WorkID: r.WorkID, Authors: slices.Clone(r.Authors),
				AcceptedOn: pdate(r.AcceptedOn), Scope: sc, Year: r.Year})
		}
	}
	if subject.Kind == domain.SubjectUnit {
		clusters := map[string]bool{}
		for _, a := range m.Acclaims {
			if units[a.Unit] {
				clusters[a.Cluster] = true
			}
		}
		for _, a := range m.Acclaims {
			if clusters[a.Cluster] {
				f.Acclamations = append(f.Acclamations, domain.AcclamationFact{EventID: a.EventID, ClusterID: a.Cluster, Year: a.Year, UnitID: a.Unit,
					Organizer: organizerOf(m.Clusters[a.Cluster])})
			}
		}
		for _, l := range m.Leaderships {
			if units[l.Leader] || units[l.Deputy] {
				f.ClusterLeadership = append(f.ClusterLeadership, domain.ClusterLeadershipFact{EventID: l.EventID, ClusterID: l.Cluster, Year: l.Year,
					LeaderUnitID: l.Leader, DeputyUnitID: l.Deputy})
			}
		}
		first, last := domain.YearEnd(year-1).AddDays(1).String(), yearEnd
		var cids []string
		for cid := range m.Clusters {
			cids = append(cids, cid)
		}
		slices.Sort(cids)
		for _, cid := range cids {
			for _, ms := range m.Clusters[cid].Members {
				if units[ms.Unit] && ms.From <= last && (ms.Until == "" || ms.Until > first) {
					f.ClusterMembers = append(f.ClusterMembers, domain.ClusterMemberFact{EventID: ms.EventID, ClusterID: cid, Year: year, UnitID: ms.Unit})
				}
			}
		}
	}
	for _, c := range m.Changes {
		involved := units[c.Result] && c.Result != ""
		for _, s := range c.Sources {
			involved = involved || units[s]
		}
		if !involved {
			continue
		}
		kind := domain.UnitChangeMerged
		if c.Kind == domain.UnitChangeDissolved.String() {
			kind = domain.UnitChangeDissolved
		}
		f.UnitChanges = append(f.UnitChanges, domain.UnitChangeFact{EventID: c.EventID, Kind: kind, SourceUnitIDs: slices.Clone(c.Sources),
			ResultUnitID: c.Result, Effective: pdate(c.Effective), Inherits: c.Inherits})
	}
	props := map[string]bool{subject.ID: true}
	for pid, p := range m.Proposals {
		if p.Subject == subject {
			props[pid] = true
		}
	}
	var consIDs []string
	for cid, c := range m.Consultations {
		for _, p := range c.Proposals {
			if props[p] {
				consIDs = append(consIDs, cid)
				break
			}
		}
	}
	slices.Sort(consIDs)
	for _, cid := range consIDs {
		c := m.Consultations[cid]
		f.Consultations = append(f.Consultations, domain.ConsultationFact{EventID: c.EventID, ConsultationID: cid, ProposalIDs: slices.Clone(c.Proposals),
			Window: domain.Period{From: pdate(c.From), To: pdate(c.To)}, Closed: c.Closed})
	}
	for _, b := range m.Ballots {
		if props[b.Ref] {
			k, _ := domain.ParseBallotKind(b.Kind)
			f.Ballots = append(f.Ballots, domain.BallotFact{EventID: b.EventID, SubjectRef: b.Ref, Kind: k, Eligible: b.Eligible, Cast: b.Cast, For: b.For})
		}
	}
	return f
}

func organizerOf(c *efCluster) domain.ClusterOrganizer {
	if c != nil && c.Organizer == domain.OrganizedByUnit.String() {
		return domain.OrganizedByUnit
	}
	return domain.OrganizedBySector
}

// askedOn is the day a question about year is asked when the ledger is
// read up to its last event: 31/12 of year, or the day the last event was
// recorded (in Vietnam) if later — so facts decided after the year (a
// discipline in January for a violation in the year) count once recorded.
func (m *eligModel) askedOn(year int) domain.Date {
	d := domain.YearEnd(year)
	if m.Last != nil {
		if t := domain.DateOf(m.Last.RecordedAt.In(vietnam)); t.After(d) {
			d = t
		}
	}
	return d
}

// vietnam is the zone business dates are read in (UTC+7, no daylight
// saving time).
var vietnam = time.FixedZone("ICT", 7*60*60)

// ---------------------------------------------------------------------------
// Query results.

// RuleCheck is one rule's result in an eligibility answer.
type RuleCheck struct {
	ID        string   `json:"id"`
	Citation  string   `json:"citation"`
	Status    string   `json:"status"`
	Passed    bool     `json:"passed"`
	Mode      string   `json:"mode"`
	ModeLabel string   `json:"modeLabel"`
	Inputs    []string `json:"inputs"`
	Detail    string   `json:"detail"`
}

// Eligibility is whether a subject may receive a title or form for a
// year, rule by rule, with the events each rule used.
type Eligibility struct {
	Subject SubjectRef   `json:"subject"`
	Title   AwardKindRef `json:"title"`
	Year    int          `json:"year"`
	// PolicyDate is the day whose thresholds applied (31/12 of Year).
	PolicyDate string `json:"policyDate"`
	// AskedOn is the day the question was judged on (open proceedings,
	// disciplines decided by then).
	AskedOn string `json:"askedOn"`
	// AsOfSeq is the number of ledger events the answer was built from.
	AsOfSeq     uint64      `json:"asOfSeq"`
	Eligible    bool        `json:"eligible"`
	Unsupported string      `json:"unsupported,omitempty"`
	Rules       []RuleCheck `json:"rules"`
	// Inputs are the events the rules used, in seq order.
	Inputs []EventRef `json:"inputs"`
}

func (m *eligModel) eligibility(p domain.Policy, subject domain.Subject, kind domain.AwardKind, year int, on domain.Date, o factsOptions) Eligibility {
	res := domain.Evaluate(p, subject, kind, year, m.facts(subject, year, on, o))
	out := Eligibility{Subject: m.N.subject(subject), Title: kindRef(kind), Year: year, PolicyDate: res.PolicyDate.String(),
		AskedOn: res.AsOf.String(), Eligible: res.Eligible(), Unsupported: res.Unsupported, Rules: []RuleCheck{}, Inputs: []EventRef{}}
	seen := map[string]bool{}
	for _, r := range res.Results {
		out.Rules = append(out.Rules, RuleCheck{ID: r.RuleID, Citation: r.Citation, Status: r.Status.String(), Passed: r.Passed,
			Mode: r.Mode.String(), ModeLabel: r.Mode.Label(), Inputs: append([]string{}, r.Inputs...), Detail: r.Detail})
		for _, id := range r.Inputs {
			if ref, ok := m.ref(id); ok && !seen[id] {
				seen[id] = true
				out.Inputs = append(out.Inputs, ref)
			}
		}
	}
	slices.SortFunc(out.Inputs, func(a, b EventRef) int { return compareU64(a.Seq, b.Seq) })
	return out
}

func compareU64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// EligibilityOptions configures eligibility queries.
type EligibilityOptions struct {
	// Policy holds the thresholds; nil means domain.DefaultPolicy().
	Policy *domain.Policy
	// TieBreak orders the standings an acclamation's reconstruction
	// reads; nil means DefaultTieBreak (as the standings queries).
	TieBreak TieBreak
}

// Eligibilities answers eligibility questions and reconstructs award
// decisions and cluster acclamations from the eligibility facts projection.
type Eligibilities struct {
	r      *Runner
	policy domain.Policy
	tie    TieBreak
}

// NewEligibility returns the eligibility queries over r. opts may be nil.
func NewEligibility(r *Runner, opts *EligibilityOptions) *Eligibilities {
	q := &Eligibilities{r: r, policy: domain.DefaultPolicy(), tie: DefaultTieBreak}
	if opts != nil && opts.Policy != nil {
		q.policy = *opts.Policy
	}
	if opts != nil && opts.TieBreak != nil {
		q.tie = opts.TieBreak
	}
	return q
}

// Eligibility answers whether subject may receive kind for year, from the
// ledger as it stood at asOf, judged on the later of 31/12 of year and the
// day the last event then in the ledger was recorded (Vietnam time). Each
// rule comes with its citation, whether it passed, its mode and the ids of
// the events it used. A kind that does not apply to the subject's kind
// answers with Unsupported set and Eligible false.
func (q *Eligibilities) Eligibility(ctx context.Context, asOf AsOf, subject domain.Subject, kind domain.AwardKind, year int) (Eligibility, error) {
	if subject.ID == "" || subject.Kind.IsZero() || kind.IsZero() || year <= 0 {
		return Eligibility{}, domain.Errorf(domain.EINVALID, "eligibility: subject, title and year are required")
	}
	var out Eligibility
	err := q.r.view(ctx, EligibilityName, asOf, func(mm Model, upTo uint64) error {
		m := mm.(*eligModel)
		out = m.eligibility(q.policy, subject, kind, year, m.askedOn(year), factsOptions{})
		out.AsOfSeq = upTo
		return nil
	})
	return out, err
}

// Facts returns the domain.Facts the eligibility of subject for year is
// judged from, as the ledger stood at asOf, asked on the day on (zero: as
// Eligibility chooses).
func (q *Eligibilities) Facts(ctx context.Context, asOf AsOf, subject domain.Subject, year int, on domain.Date) (domain.Facts, error) {
	var out domain.Facts
	err := q.r.view(ctx, EligibilityName, asOf, func(mm Model, _ uint64) error {
		m := mm.(*eligModel)
		if on.IsZero() {
			on = m.askedOn(year)
		}
		out = m.facts(subject, year, on, factsOptions{})
		return nil
	})
	return out, err
}
