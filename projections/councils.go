package projections

import (
	"context"
	"slices"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
)

// CouncilsName is the name of the councils projection: each council's
// composition changes by valid date (constituted, reconstituted, members
// appointed and removed, standing office designated), members put in
// charge of clusters, meetings and ballots.
const CouncilsName = "councils"

type councilChange struct {
	Kind       string                 `json:"kind"` // constituted, reconstituted, appointed, removed, standingOffice
	Date       string                 `json:"date"`
	Seq        uint64                 `json:"seq"`
	DecisionNo string                 `json:"decisionNo,omitempty"`
	Supersedes string                 `json:"supersedes,omitempty"`
	Members    []domain.CouncilMember `json:"members,omitempty"`
	Person     string                 `json:"person,omitempty"`
	Reason     string                 `json:"reason,omitempty"`
	Office     string                 `json:"office,omitempty"`
	Basis      *DocRef                `json:"basis,omitempty"`
	Recorded   Recorded               `json:"recorded"`
}

type councilRec struct {
	ID       string           `json:"id"`
	Kind     string           `json:"kind"`
	Owner    string           `json:"owner"`
	Changes  []councilChange  `json:"changes"`
	InCharge []councilCharge  `json:"inCharge"`
	Meetings []councilMeeting `json:"meetings"`
	Ballots  []Ballot         `json:"ballots"`
	Recorded Recorded         `json:"recorded"`
}

type councilCharge struct {
	Person   string   `json:"person"`
	Cluster  string   `json:"cluster"`
	Year     int      `json:"year"`
	Recorded Recorded `json:"recorded"`
}

type councilMeeting struct {
	ID       string   `json:"id"`
	Date     string   `json:"date"`
	Present  []string `json:"present"`
	Absent   []string `json:"absent,omitempty"`
	Agenda   []string `json:"agenda,omitempty"`
	Minutes  string   `json:"minutes,omitempty"`
	Recorded Recorded `json:"recorded"`
}

// Ballot is a recorded vote (BallotRecorded).
type Ballot struct {
	BallotID   string   `json:"ballotId"`
	MeetingID  string   `json:"meetingId"`
	CouncilID  string   `json:"councilId,omitempty"`
	ClusterID  string   `json:"clusterId,omitempty"`
	SubjectRef string   `json:"subjectRef"`
	Kind       string   `json:"kind"`
	KindLabel  string   `json:"kindLabel"`
	Eligible   int      `json:"eligible"`
	Cast       int      `json:"cast"`
	For        int      `json:"for"`
	Against    int      `json:"against"`
	Abstain    int      `json:"abstain"`
	Rule       string   `json:"rule,omitempty"`
	Date       string   `json:"date"`
	Recorded   Recorded `json:"recorded"`
}

func ballotOf(rec eventstore.RecordedEvent, e domain.BallotRecorded) Ballot {
	return Ballot{BallotID: e.BallotID, MeetingID: e.MeetingID, CouncilID: e.CouncilID, ClusterID: e.ClusterID, SubjectRef: e.SubjectRef,
		Kind: e.Kind.String(), KindLabel: e.Kind.Label(), Eligible: e.Eligible, Cast: e.Cast, For: e.For, Against: e.Against,
		Abstain: e.Abstain, Rule: e.Rule, Date: validDate(rec), Recorded: recorded(rec)}
}

type councilsModel struct {
	N        names                  `json:"names"`
	Councils map[string]*councilRec `json:"councils"`
}

func newCouncilsModel() Model {
	return &councilsModel{N: newNames(), Councils: map[string]*councilRec{}}
}

// CouncilsProjection returns the definition of the councils projection.
func CouncilsProjection() Projection {
	return Projection{Name: CouncilsName, New: newCouncilsModel, Unknown: Skip, Types: withTypes(
		domain.EventCouncilReconstituted, domain.EventCouncilMemberAppointed, domain.EventCouncilMemberRemoved,
		domain.EventCouncilStandingOfficeDesignated, domain.EventCouncilMemberAssignedToCluster, domain.EventCouncilMeetingHeld,
		domain.EventBallotRecorded)}
}

func (m *councilsModel) Apply(rec eventstore.RecordedEvent, ev domain.Event) error {
	m.N.apply(rec, ev)
	d := validDate(rec)
	ch := councilChange{Date: d, Seq: rec.Seq, Basis: basisRef(rec), Recorded: recorded(rec)}
	switch e := ev.(type) {
	case domain.CouncilConstituted:
		ch.Kind, ch.DecisionNo, ch.Members = "constituted", e.DecisionNo.String(), slices.Clone(e.Members)
		m.Councils[e.CouncilID] = &councilRec{ID: e.CouncilID, Kind: e.Kind.String(), Owner: e.OwnerUnitID, Changes: []councilChange{ch},
			InCharge: []councilCharge{}, Meetings: []councilMeeting{}, Ballots: []Ballot{}, Recorded: recorded(rec)}
	case domain.CouncilReconstituted:
		ch.Kind, ch.DecisionNo, ch.Supersedes, ch.Members = "reconstituted", e.DecisionNo.String(), e.SupersedesDecision.String(), slices.Clone(e.Members)
		m.change(e.CouncilID, ch)
	case domain.CouncilMemberAppointed:
		ch.Kind, ch.DecisionNo, ch.Members, ch.Person = "appointed", e.DecisionNo.String(), []domain.CouncilMember{e.Member}, e.Member.PersonID
		m.change(e.CouncilID, ch)
	case domain.CouncilMemberRemoved:
		ch.Kind, ch.DecisionNo, ch.Person, ch.Reason = "removed", e.DecisionNo.String(), e.PersonID, e.Reason
		m.change(e.CouncilID, ch)
	case domain.CouncilStandingOfficeDesignated:
		ch.Kind, ch.Office = "standingOffice", e.OfficeUnitID
		m.change(e.CouncilID, ch)
	case domain.CouncilMemberAssignedToCluster:
		if c := m.Councils[e.CouncilID]; c != nil {
			c.InCharge = append(c.InCharge, councilCharge{e.PersonID, e.ClusterID, e.Year, recorded(rec)})
		}
	case domain.CouncilMeetingHeld:
		if c := m.Councils[e.CouncilID]; c != nil {
			c.Meetings = append(c.Meetings, councilMeeting{ID: e.MeetingID, Date: d, Present: e.Present, Absent: e.AbsentWithWrittenOpinion,
				Agenda: e.Agenda, Minutes: e.MinutesRef, Recorded: recorded(rec)})
		}
	case domain.BallotRecorded:
		if c := m.Councils[e.CouncilID]; c != nil {
			c.Ballots = append(c.Ballots, ballotOf(rec, e))
		}
	}
	return nil
}

func (m *councilsModel) change(id string, ch councilChange) {
	if c := m.Councils[id]; c != nil {
		c.Changes = append(c.Changes, ch)
	}
}

// CouncilSeat is one member of a council on a date.
type CouncilSeat struct {
	Person        Person `json:"person"`
	Role          string `json:"role"`
	RoleLabel     string `json:"roleLabel"`
	PositionTitle string `json:"positionTitle"`
	ExOfficio     bool   `json:"exOfficio,omitempty"`
	// Since is the valid date of the act that seated the member, and
	// DecisionNo its decision.
	Since      string `json:"since"`
	DecisionNo string `json:"decisionNo,omitempty"`
}

// CouncilChange is one entry of a council's history: its constitution,
// each reconstitution (with decision numbers), appointments, removals and
// the designation of its standing office.
type CouncilChange struct {
	Kind       string   `json:"kind"`
	KindLabel  string   `json:"kindLabel"`
	Date       string   `json:"date"`
	DecisionNo string   `json:"decisionNo,omitempty"`
	Supersedes string   `json:"supersedes,omitempty"`
	Members    int      `json:"members,omitempty"`
	Person     *Person  `json:"person,omitempty"`
	Reason     string   `json:"reason,omitempty"`
	Office     *UnitRef `json:"office,omitempty"`
	Basis      *DocRef  `json:"basis,omitempty"`
	Recorded   Recorded `json:"recorded"`
}

// ClusterCharge is a council member put in charge of a cluster for a year.
type ClusterCharge struct {
	Person  Person     `json:"person"`
	Cluster ClusterRef `json:"cluster"`
	Year    int        `json:"year"`
}

// Council is a council's composition on a valid date, with its history.
type Council struct {
	ID        string  `json:"id"`
	Name      string  `json:"name"`
	Kind      string  `json:"kind"`
	KindLabel string  `json:"kindLabel"`
	Owner     UnitRef `json:"owner"`
	// OnDate is the valid date the composition is read on.
	OnDate string `json:"onDate"`
	// Exists is false when OnDate is before the council was constituted.
	Exists bool `json:"exists"`
	// DecisionNo is the decision of the composition in force on OnDate
	// (the last constitution or reconstitution).
	DecisionNo     string          `json:"decisionNo,omitempty"`
	Chair          *CouncilSeat    `json:"chair,omitempty"`
	StandingOffice *UnitRef        `json:"standingOffice,omitempty"`
	Members        []CouncilSeat   `json:"members"`
	History        []CouncilChange `json:"history"`
	InCharge       []ClusterCharge `json:"inCharge"`
	Meetings       int             `json:"meetings"`
	Ballots        []Ballot        `json:"ballots"`
	Recorded       Recorded        `json:"recorded"`
}

var councilChangeLabels = map[string]string{"constituted": "Thành lập", "reconstituted": "Kiện toàn", "appointed": "Bổ sung thành viên",
	"removed": "Thôi làm thành viên", "standingOffice": "Giao cơ quan thường trực"}

// council is c as on valid date d ("" for the latest composition).
func (m *councilsModel) council(c *councilRec, d string) Council {
	k, _ := domain.ParseCouncilKind(c.Kind)
	out := Council{ID: c.ID, Name: m.N.council(c.ID), Kind: c.Kind, KindLabel: k.Label(), Owner: UnitRef{c.Owner, m.N.unit(c.Owner, d)},
		OnDate: d, Members: []CouncilSeat{}, History: []CouncilChange{}, InCharge: []ClusterCharge{}, Ballots: []Ballot{},
		Meetings: len(c.Meetings), Recorded: c.Recorded}
	changes := slices.Clone(c.Changes)
	slices.SortStableFunc(changes, func(a, b councilChange) int {
		if x := compareStrings(a.Date, b.Date); x != 0 {
			return x
		}
		return compareU64(a.Seq, b.Seq)
	})
	type seat struct {
		m          domain.CouncilMember
		since, doc string
	}
	var seats []seat
	for _, ch := range changes {
		if d != "" && ch.Date > d {
			continue
		}
		out.Exists = true
		switch ch.Kind {
		case "constituted", "reconstituted":
			seats = seats[:0]
			for _, mb := range ch.Members {
				seats = append(seats, seat{mb, ch.Date, ch.DecisionNo})
			}
			out.DecisionNo = ch.DecisionNo
		case "appointed":
			seats = slices.DeleteFunc(seats, func(s seat) bool { return s.m.PersonID == ch.Person })
			seats = append(seats, seat{ch.Members[0], ch.Date, ch.DecisionNo})
		case "removed":
			seats = slices.DeleteFunc(seats, func(s seat) bool { return s.m.PersonID == ch.Person })
		case "standingOffice":
			r := UnitRef{ch.Office, m.N.unit(ch.Office, d)}
			out.StandingOffice = &r
		}
	}
	rank := map[string]int{}
	for i, r := range domain.CouncilRoles() {
		rank[r.String()] = i
	}
	for _, s := range seats {
		cs := CouncilSeat{Person: Person{ID: s.m.PersonID, Name: m.N.person(s.m.PersonID)}, Role: s.m.Role.String(), RoleLabel: s.m.Role.Label(),
			PositionTitle: s.m.PositionTitle, ExOfficio: s.m.ExOfficio, Since: s.since, DecisionNo: s.doc}
		out.Members = append(out.Members, cs)
	}
	slices.SortStableFunc(out.Members, func(a, b CouncilSeat) int {
		if ra, rb := rank[a.Role], rank[b.Role]; ra != rb {
			return ra - rb
		}
		return domain.CompareNames(a.Person.Name, b.Person.Name)
	})
	for i := range out.Members {
		if out.Members[i].Role == domain.RoleChair.String() {
			ch := out.Members[i]
			out.Chair = &ch
			break
		}
	}
	for _, ch := range changes {
		h := CouncilChange{Kind: ch.Kind, KindLabel: councilChangeLabels[ch.Kind], Date: ch.Date, DecisionNo: ch.DecisionNo,
			Supersedes: ch.Supersedes, Reason: ch.Reason, Basis: ch.Basis, Recorded: ch.Recorded}
		if ch.Kind == "constituted" || ch.Kind == "reconstituted" {
			h.Members = len(ch.Members)
		}
		if ch.Person != "" {
			h.Person = &Person{ID: ch.Person, Name: m.N.person(ch.Person)}
		}
		if ch.Office != "" {
			h.Office = &UnitRef{ch.Office, m.N.unit(ch.Office, ch.Date)}
		}
		out.History = append(out.History, h)
	}
	for _, ic := range c.InCharge {
		out.InCharge = append(out.InCharge, ClusterCharge{Person: Person{ID: ic.Person, Name: m.N.person(ic.Person)},
			Cluster: ClusterRef{ID: ic.Cluster, Name: m.N.cluster(ic.Cluster, domain.YearEnd(ic.Year).String())}, Year: ic.Year})
	}
	out.Ballots = append(out.Ballots, c.Ballots...)
	return out
}

// Councils answers queries about councils (Hội đồng Thi đua - Khen thưởng,
// Hội đồng sáng kiến).
type Councils struct{ r *Runner }

// NewCouncils returns the council queries over r.
func NewCouncils(r *Runner) *Councils { return &Councils{r} }

// List returns every council as on valid date on (zero: its latest
// composition), from the ledger as it stood at asOf, by name.
func (q *Councils) List(ctx context.Context, asOf AsOf, on domain.Date) ([]Council, error) {
	out := []Council{}
	err := q.r.view(ctx, CouncilsName, asOf, func(mm Model, _ uint64) error {
		m := mm.(*councilsModel)
		for _, c := range m.Councils {
			out = append(out, m.council(c, dstr(on)))
		}
		return nil
	})
	sortByName(out, func(c Council) string { return c.Name }, func(c Council) string { return c.ID })
	return out, err
}

// Get returns one council as on valid date on (zero: latest), or a domain
// error with ENOTFOUND.
func (q *Councils) Get(ctx context.Context, asOf AsOf, id string, on domain.Date) (Council, error) {
	var out Council
	err := q.r.view(ctx, CouncilsName, asOf, func(mm Model, _ uint64) error {
		m := mm.(*councilsModel)
		c := m.Councils[id]
		if c == nil {
			return domain.Errorf(domain.ENOTFOUND, "council %s not found", id)
		}
		out = m.council(c, dstr(on))
		return nil
	})
	return out, err
}
