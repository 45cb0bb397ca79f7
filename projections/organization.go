package projections

import (
	"context"
	"slices"
	"strings"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
)

// OrganizationName is the name of the projection behind Units, Clusters and
// Reorganization: units with their lineage, clusters and blocks with their
// memberships, leaderships and council members in charge, and the
// reorganisation plans — all by valid date.
const OrganizationName = "organization"

type orgModel struct {
	N        names                  `json:"names"`
	Units    map[string]*unitRec    `json:"unitRecs"`
	Clusters map[string]*clusterRec `json:"clusterRecs"`
	Plans    []*planRec             `json:"plans"`
	Changes  []unitChange           `json:"changes"`
}

type unitRec struct {
	ID          string   `json:"id"`
	ShortName   string   `json:"shortName,omitempty"`
	Level       string   `json:"level"`
	Kind        string   `json:"kind"`
	Parent      string   `json:"parent,omitempty"`
	Established string   `json:"established"`
	Ended       string   `json:"ended,omitempty"`
	EndKind     string   `json:"endKind,omitempty"`
	MergedInto  string   `json:"mergedInto,omitempty"`
	MergedFrom  []string `json:"mergedFrom,omitempty"`
	SplitFrom   string   `json:"splitFrom,omitempty"`
	SplitInto   []string `json:"splitInto,omitempty"`
	Successors  []string `json:"successors,omitempty"`
	Recorded    Recorded `json:"recorded"`
}

type span struct {
	From  string `json:"from"`
	Until string `json:"until,omitempty"` // exclusive
}

type leadership struct {
	Leader  string `json:"leader"`
	Deputy  string `json:"deputy"`
	Method  string `json:"method"`
	Minutes string `json:"minutes,omitempty"`
}

type inCharge struct {
	Council string `json:"council"`
	Person  string `json:"person"`
}

type clusterRec struct {
	ID             string             `json:"id"`
	Kind           string             `json:"kind"`
	Number         int                `json:"number,omitempty"`
	Year           int                `json:"year"`
	Formed         string             `json:"formed"`
	Dissolved      string             `json:"dissolved,omitempty"`
	DissolveReason string             `json:"dissolveReason,omitempty"`
	Organizer      string             `json:"organizer,omitempty"`
	Members        map[string][]span  `json:"members"`
	Leadership     map[int]leadership `json:"leadership"`
	InCharge       map[int]inCharge   `json:"inCharge"`
	Basis          *DocRef            `json:"basis,omitempty"`
	Recorded       Recorded           `json:"recorded"`
}

type planRec struct {
	ID          string                   `json:"id"`
	Submitter   string                   `json:"submitter"`
	Recipient   string                   `json:"recipient"`
	Year        int                      `json:"year"`
	Proposed    []domain.ProposedCluster `json:"proposed"`
	DocNo       string                   `json:"docNo,omitempty"`
	SubmittedOn string                   `json:"submittedOn"`
	Basis       *DocRef                  `json:"basis,omitempty"`
	Recorded    Recorded                 `json:"recorded"`
	Decision    *planDecision            `json:"decision,omitempty"`
}

type planDecision struct {
	Decision   string   `json:"decision"`
	DecidedBy  string   `json:"decidedBy"`
	Amendments string   `json:"amendments,omitempty"`
	Reason     string   `json:"reason,omitempty"`
	DecidedOn  string   `json:"decidedOn"`
	Basis      *DocRef  `json:"basis,omitempty"`
	BasedOnSeq uint64   `json:"basedOnSeq"`
	Recorded   Recorded `json:"recorded"`
}

type unitChange struct {
	Kind     string   `json:"kind"` // merged, dissolved, split
	Date     string   `json:"date"`
	Units    []string `json:"units"`
	Result   []string `json:"result,omitempty"`
	Mode     string   `json:"mode,omitempty"`
	Reason   string   `json:"reason,omitempty"`
	Basis    *DocRef  `json:"basis,omitempty"`
	Recorded Recorded `json:"recorded"`
}

func newOrgModel() Model {
	return &orgModel{N: newNames(), Units: map[string]*unitRec{}, Clusters: map[string]*clusterRec{}}
}

// OrganizationProjection returns the definition of the organization
// projection; unknown events are skipped.
func OrganizationProjection() Projection {
	return Projection{Name: OrganizationName, New: newOrgModel, Unknown: Skip, Types: withTypes(
		domain.EventUnitsMerged, domain.EventUnitSplit, domain.EventUnitDissolved, domain.EventUnitReparented,
		domain.EventUnitAssignedToCluster, domain.EventUnitRemovedFromCluster, domain.EventUnitMovedBetweenClusters,
		domain.EventClusterLeadershipAssigned, domain.EventClusterDissolved, domain.EventCouncilMemberAssignedToCluster,
		domain.EventClusterReorganizationPlanSubmitted, domain.EventClusterReorganizationPlanDecided,
	)}
}

func (m *orgModel) Apply(rec eventstore.RecordedEvent, ev domain.Event) error {
	m.N.apply(rec, ev)
	d := validDate(rec)
	switch e := ev.(type) {
	case domain.UnitEstablished:
		m.Units[e.UnitID] = &unitRec{ID: e.UnitID, ShortName: e.ShortName, Level: e.Level.String(), Kind: e.Kind.String(),
			Parent: e.ParentUnitID, Established: d, Recorded: recorded(rec)}
	case domain.UnitReparented:
		if u := m.Units[e.UnitID]; u != nil {
			u.Parent = e.NewParentUnitID
		}
	case domain.UnitsMerged:
		var srcs []string
		for _, s := range e.SourceUnitIDs {
			if s == e.ResultUnitID {
				continue
			}
			srcs = append(srcs, s)
			m.endUnit(s, d, "merged")
			if u := m.Units[s]; u != nil {
				u.MergedInto = e.ResultUnitID
			}
		}
		if u := m.Units[e.ResultUnitID]; u != nil {
			u.MergedFrom = append(u.MergedFrom, srcs...)
		}
		m.Changes = append(m.Changes, unitChange{Kind: "merged", Date: d, Units: e.SourceUnitIDs, Result: []string{e.ResultUnitID},
			Mode: e.Mode.String(), Basis: basisRef(rec), Recorded: recorded(rec)})
	case domain.UnitSplit:
		m.endUnit(e.SourceUnitID, d, "split")
		if u := m.Units[e.SourceUnitID]; u != nil {
			u.SplitInto = e.ResultUnitIDs
		}
		for _, r := range e.ResultUnitIDs {
			if u := m.Units[r]; u != nil {
				u.SplitFrom = e.SourceUnitID
			}
		}
		m.Changes = append(m.Changes, unitChange{Kind: "split", Date: d, Units: []string{e.SourceUnitID}, Result: e.ResultUnitIDs,
			Basis: basisRef(rec), Recorded: recorded(rec)})
	case domain.UnitDissolved:
		m.endUnit(e.UnitID, d, "dissolved")
		if u := m.Units[e.UnitID]; u != nil {
			u.Successors = e.SuccessorUnitIDs
		}
		m.Changes = append(m.Changes, unitChange{Kind: "dissolved", Date: d, Units: []string{e.UnitID}, Result: e.SuccessorUnitIDs,
			Reason: e.Reason, Basis: basisRef(rec), Recorded: recorded(rec)})
	case domain.ClusterFormed:
		c := &clusterRec{ID: e.ClusterID, Kind: e.Kind.String(), Number: e.Number, Year: e.Year, Formed: d,
			Organizer: e.OrganizerUnitID, Members: map[string][]span{}, Leadership: map[int]leadership{},
			InCharge: map[int]inCharge{}, Basis: basisRef(rec), Recorded: recorded(rec)}
		if rec.Effective.Date == "" {
			c.Formed = domain.YearEnd(e.Year - 1).AddDays(1).String()
		}
		for _, u := range e.MemberUnitIDs {
			c.Members[u] = []span{{From: c.Formed}}
		}
		m.Clusters[e.ClusterID] = c
	case domain.ClusterRenamed:
		if c := m.Clusters[e.ClusterID]; c != nil {
			if e.NewNumber > 0 {
				c.Number = e.NewNumber
			}
		}
	case domain.UnitAssignedToCluster:
		m.join(e.ClusterID, e.UnitID, d)
	case domain.UnitRemovedFromCluster:
		m.leave(e.ClusterID, e.UnitID, d)
	case domain.UnitMovedBetweenClusters:
		m.leave(e.FromClusterID, e.UnitID, d)
		m.join(e.ToClusterID, e.UnitID, d)
	case domain.ClusterLeadershipAssigned:
		if c := m.Clusters[e.ClusterID]; c != nil {
			c.Leadership[e.Year] = leadership{e.LeaderUnitID, e.DeputyUnitID, e.Method.String(), e.MinutesRef}
		}
	case domain.ClusterDissolved:
		if c := m.Clusters[e.ClusterID]; c != nil {
			c.Dissolved, c.DissolveReason = d, e.Reason
			for u := range c.Members {
				m.leave(c.ID, u, d)
			}
		}
	case domain.CouncilMemberAssignedToCluster:
		if c := m.Clusters[e.ClusterID]; c != nil {
			c.InCharge[e.Year] = inCharge{e.CouncilID, e.PersonID}
		}
	case domain.ClusterReorganizationPlanSubmitted:
		p := &planRec{ID: e.PlanID, Submitter: e.SubmitterUnitID, Recipient: e.RecipientCouncilID, Year: e.Year,
			Proposed: e.ProposedClusters, DocNo: e.DocNo.String(), SubmittedOn: d, Basis: basisRef(rec), Recorded: recorded(rec)}
		m.Plans = append(m.Plans, p)
	case domain.ClusterReorganizationPlanDecided:
		for _, p := range m.Plans {
			if p.ID == e.PlanID {
				p.Decision = &planDecision{Decision: e.Decision.String(), DecidedBy: e.DecidedByUnitID, Amendments: e.Amendments,
					Reason: e.Reason, DecidedOn: d, Basis: basisRef(rec), BasedOnSeq: e.BasedOnSeq, Recorded: recorded(rec)}
			}
		}
	}
	return nil
}

// endUnit marks a unit ended on d and closes its cluster memberships then:
// a unit that no longer exists is no member of anything.
func (m *orgModel) endUnit(id, d, kind string) {
	if u := m.Units[id]; u != nil {
		u.Ended, u.EndKind = d, kind
	}
	for cid, c := range m.Clusters {
		if _, ok := c.Members[id]; ok {
			m.leave(cid, id, d)
		}
	}
}

func (m *orgModel) join(cluster, unit, d string) {
	c := m.Clusters[cluster]
	if c == nil {
		return
	}
	if c.memberOn(unit, d) {
		return
	}
	c.Members[unit] = append(c.Members[unit], span{From: d})
}

func (m *orgModel) leave(cluster, unit, d string) {
	c := m.Clusters[cluster]
	if c == nil {
		return
	}
	ss := c.Members[unit]
	for i := range ss {
		if ss[i].Until == "" && ss[i].From <= d {
			ss[i].Until = d
		}
	}
}

func (c *clusterRec) memberOn(unit, d string) bool {
	for _, s := range c.Members[unit] {
		if s.From <= d && (s.Until == "" || d < s.Until) {
			return true
		}
	}
	return false
}

func (c *clusterRec) existsOn(d string) bool {
	return c.Formed <= d && (c.Dissolved == "" || d < c.Dissolved)
}

func (c *clusterRec) membersOn(d string) []string {
	var out []string
	for u := range c.Members {
		if c.memberOn(u, d) {
			out = append(out, u)
		}
	}
	slices.Sort(out)
	return out
}

func (m *orgModel) unitActiveOn(u *unitRec, d string) bool {
	return u.Established <= d && (u.Ended == "" || d < u.Ended)
}

// ---------------------------------------------------------------------------
// Units.

// Unit is a unit as of a point in history, with its lineage.
type Unit struct {
	ID          string      `json:"id"`
	Name        string      `json:"name"`
	ShortName   string      `json:"shortName,omitempty"`
	Level       string      `json:"level"`
	LevelLabel  string      `json:"levelLabel"`
	Kind        string      `json:"kind"`
	KindLabel   string      `json:"kindLabel"`
	ParentID    string      `json:"parentId,omitempty"`
	Established string      `json:"established"`
	Status      string      `json:"status"` // active, merged, split, dissolved
	Ended       string      `json:"ended,omitempty"`
	Names       []NameSince `json:"names"`
	MergedFrom  []UnitRef   `json:"mergedFrom,omitempty"`
	MergedInto  *UnitRef    `json:"mergedInto,omitempty"`
	SplitFrom   *UnitRef    `json:"splitFrom,omitempty"`
	SplitInto   []UnitRef   `json:"splitInto,omitempty"`
	Successors  []UnitRef   `json:"successors,omitempty"`
	Recorded    Recorded    `json:"recorded"`
}

// NameSince is a name and the valid date it holds from.
type NameSince struct {
	Name string `json:"name"`
	From string `json:"from"`
}

// UnitRef is a unit id with its current name.
type UnitRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func (m *orgModel) ref(id, date string) UnitRef { return UnitRef{ID: id, Name: m.N.unit(id, date)} }

func (m *orgModel) refs(ids []string, date string) []UnitRef {
	out := make([]UnitRef, 0, len(ids))
	for _, id := range ids {
		out = append(out, m.ref(id, date))
	}
	return out
}

func (m *orgModel) unit(u *unitRec) Unit {
	lv, _ := domain.ParseUnitLevel(u.Level)
	k, _ := domain.ParseUnitKind(u.Kind)
	out := Unit{ID: u.ID, Name: m.N.unit(u.ID, ""), ShortName: u.ShortName, Level: u.Level, LevelLabel: lv.Label(),
		Kind: u.Kind, KindLabel: k.Label(), ParentID: u.Parent, Established: u.Established, Status: "active",
		Ended: u.Ended, Recorded: u.Recorded, MergedFrom: m.refs(u.MergedFrom, ""), SplitInto: m.refs(u.SplitInto, ""),
		Successors: m.refs(u.Successors, "")}
	if u.EndKind != "" {
		out.Status = u.EndKind
	}
	for _, n := range m.N.Units[u.ID] {
		out.Names = append(out.Names, NameSince{n.Value, n.From})
	}
	if u.MergedInto != "" {
		r := m.ref(u.MergedInto, "")
		out.MergedInto = &r
	}
	if u.SplitFrom != "" {
		r := m.ref(u.SplitFrom, "")
		out.SplitFrom = &r
	}
	return out
}

// Units answers queries about units from the organization projection.
type Units struct{ r *Runner }

// NewUnits returns the units queries over r, which must have the
// organization projection registered (see RegisterAll).
func NewUnits(r *Runner) *Units { return &Units{r} }

// List returns every unit ever established, sorted by Vietnamese name.
func (q *Units) List(ctx context.Context, asOf AsOf) ([]Unit, error) {
	var out []Unit
	err := q.r.view(ctx, OrganizationName, asOf, func(mm Model, _ uint64) error {
		m := mm.(*orgModel)
		for _, u := range m.Units {
			out = append(out, m.unit(u))
		}
		return nil
	})
	sortByName(out, func(u Unit) string { return u.Name }, func(u Unit) string { return u.ID })
	return out, err
}

// Get returns one unit, or a domain error with ENOTFOUND.
func (q *Units) Get(ctx context.Context, asOf AsOf, id string) (Unit, error) {
	var out Unit
	err := q.r.view(ctx, OrganizationName, asOf, func(mm Model, _ uint64) error {
		m := mm.(*orgModel)
		u := m.Units[id]
		if u == nil {
			return domain.Errorf(domain.ENOTFOUND, "unit %s not found", id)
		}
		out = m.unit(u)
		return nil
	})
	return out, err
}

// ---------------------------------------------------------------------------
// Clusters.

// Cluster is a cluster (cụm) or block (khối) as at a valid date.
type Cluster struct {
	ID         string    `json:"id"`
	Kind       string    `json:"kind"`
	KindLabel  string    `json:"kindLabel"`
	Name       string    `json:"name"`
	Number     int       `json:"number,omitempty"`
	Formed     string    `json:"formed"`
	Dissolved  string    `json:"dissolved,omitempty"`
	OnDate     string    `json:"onDate"`
	Members    []UnitRef `json:"members"`
	Leader     *UnitRef  `json:"leader,omitempty"`
	Deputy     *UnitRef  `json:"deputy,omitempty"`
	Method     string    `json:"method,omitempty"`
	InCharge   *Person   `json:"inCharge,omitempty"`
	Basis      *DocRef   `json:"basis,omitempty"`
	LeaderYear int       `json:"leaderYear"`
}

// Person is a person id with a name.
type Person struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	CouncilID string `json:"councilId,omitempty"`
	Council   string `json:"council,omitempty"`
}

// snapshot is the cluster as on date d, with the leadership and council
// member in charge for year.
func (m *orgModel) snapshot(c *clusterRec, d string, year int) Cluster {
	k, _ := domain.ParseClusterKind(c.Kind)
	out := Cluster{ID: c.ID, Kind: c.Kind, KindLabel: k.Label(), Name: m.N.cluster(c.ID, d), Number: c.Number,
		Formed: c.Formed, Dissolved: c.Dissolved, OnDate: d, Basis: c.Basis, LeaderYear: year, Members: []UnitRef{}}
	for _, u := range c.membersOn(d) {
		out.Members = append(out.Members, m.ref(u, d))
	}
	sortByName(out.Members, func(u UnitRef) string { return u.Name }, func(u UnitRef) string { return u.ID })
	if l, ok := c.Leadership[year]; ok {
		lr, dr := m.ref(l.Leader, d), m.ref(l.Deputy, d)
		out.Leader, out.Deputy = &lr, &dr
		if mt, err := domain.ParseLeadershipMethod(l.Method); err == nil {
			out.Method = mt.Label()
		}
	}
	if ic, ok := c.InCharge[year]; ok {
		out.InCharge = &Person{ID: ic.Person, Name: m.N.person(ic.Person), CouncilID: ic.Council, Council: m.N.council(ic.Council)}
	}
	return out
}

func sortClusters(cs []Cluster) {
	slices.SortStableFunc(cs, func(a, b Cluster) int {
		if a.Kind != b.Kind {
			if a.Kind == domain.ClusterKindCluster.String() {
				return -1
			}
			return 1
		}
		if a.Number != b.Number {
			if a.Number == 0 {
				return 1
			}
			if b.Number == 0 {
				return -1
			}
			return a.Number - b.Number
		}
		if c := domain.CompareNames(a.Name, b.Name); c != 0 {
			return c
		}
		// Two clusters of one name (a 2024 cluster and its 2025
		// successor): the earlier formed first, then by id, so the order
		// never depends on map iteration.
		if c := strings.Compare(a.Formed, b.Formed); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// Clusters answers queries about clusters and blocks.
type Clusters struct{ r *Runner }

// NewClusters returns the cluster queries over r.
func NewClusters(r *Runner) *Clusters { return &Clusters{r} }

// yearDate is the date a year's membership is read on: 31/12 of the year,
// or the day before the cluster was dissolved if that is earlier.
func yearDate(c *clusterRec, year int) string {
	d := domain.YearEnd(year).String()
	if c.Dissolved != "" && c.Dissolved <= d {
		dd, _ := domain.ParseDate(c.Dissolved)
		d = dd.AddDays(-1).String()
	}
	return d
}

func activeIn(c *clusterRec, year int) bool {
	first := domain.YearEnd(year - 1).AddDays(1).String()
	last := domain.YearEnd(year).String()
	return c.Formed <= last && (c.Dissolved == "" || c.Dissolved > first)
}

// List returns the clusters and blocks that existed during year, each with
// its members as at 31/12 of year (or its last day), clusters first, by
// number then name.
func (q *Clusters) List(ctx context.Context, asOf AsOf, year int) ([]Cluster, error) {
	out := []Cluster{}
	err := q.r.view(ctx, OrganizationName, asOf, func(mm Model, _ uint64) error {
		m := mm.(*orgModel)
		for _, c := range m.Clusters {
			if activeIn(c, year) {
				out = append(out, m.snapshot(c, yearDate(c, year), year))
			}
		}
		return nil
	})
	sortClusters(out)
	return out, err
}

// Get returns one cluster for year, or a domain error with ENOTFOUND.
func (q *Clusters) Get(ctx context.Context, asOf AsOf, id string, year int) (Cluster, error) {
	var out Cluster
	err := q.r.view(ctx, OrganizationName, asOf, func(mm Model, _ uint64) error {
		m := mm.(*orgModel)
		c := m.Clusters[id]
		if c == nil {
			return domain.Errorf(domain.ENOTFOUND, "cluster %s not found", id)
		}
		out = m.snapshot(c, yearDate(c, year), year)
		return nil
	})
	return out, err
}
