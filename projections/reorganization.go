package projections

import (
	"context"
	"slices"

	"github.com/tdkt/tdkt/domain"
)

// ReorganizationReport is the báo cáo phương án tổ chức lại cụm, khối thi
// đua for a year: the clusters and blocks before (as at 31/12 of the year
// before, by valid dates) and after (as at 31/12 of the year), what
// changed, the units flagged, and the plans sent to the sector council's
// standing office with their decisions.
type ReorganizationReport struct {
	Year       int    `json:"year"`
	BeforeDate string `json:"beforeDate"`
	AfterDate  string `json:"afterDate"`
	// AsOfSeq is the number of ledger events the report was built from.
	AsOfSeq uint64              `json:"asOfSeq"`
	Before  []Cluster           `json:"before"`
	After   []Cluster           `json:"after"`
	Changes ReorganizationDelta `json:"changes"`
	Flags   []UnitFlag          `json:"flags"`
	Plans   []Plan              `json:"plans"`
	Summary ReorganizationCount `json:"summary"`
}

// ReorganizationDelta lists what changed between the two dates.
type ReorganizationDelta struct {
	Formed    []ClusterRef   `json:"formed"`
	Dissolved []ClusterRef   `json:"dissolved"`
	Renamed   []ClusterRenam `json:"renamed"`
	Moves     []UnitMove     `json:"moves"`
	Units     []UnitEnded    `json:"units"`
}

// ClusterRef names a cluster or block.
type ClusterRef struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	KindLabel string `json:"kindLabel"`
}

// ClusterRenam is a cluster whose name differs between the two dates.
type ClusterRenam struct {
	ID      string `json:"id"`
	OldName string `json:"oldName"`
	NewName string `json:"newName"`
}

// UnitMove is a unit whose clusters differ between the two dates.
type UnitMove struct {
	Unit UnitRef      `json:"unit"`
	From []ClusterRef `json:"from"`
	To   []ClusterRef `json:"to"`
}

// UnitEnded is a merger, split or dissolution that took effect in the year
// (the 2025 reform: UnitsMerged, UnitDissolved).
type UnitEnded struct {
	Kind      string    `json:"kind"`
	KindLabel string    `json:"kindLabel"`
	Date      string    `json:"date"`
	Units     []UnitRef `json:"units"`
	Result    []UnitRef `json:"result"`
	Reason    string    `json:"reason,omitempty"`
	Basis     *DocRef   `json:"basis,omitempty"`
}

// UnitFlag is a unit in no cluster or in several, at one of the dates.
type UnitFlag struct {
	Unit     UnitRef      `json:"unit"`
	When     string       `json:"when"` // before, after
	Problem  string       `json:"problem"`
	Label    string       `json:"label"`
	Clusters []ClusterRef `json:"clusters,omitempty"`
}

// Plan is a reorganisation plan and its decision.
type Plan struct {
	ID          string         `json:"id"`
	Submitter   UnitRef        `json:"submitter"`
	Recipient   string         `json:"recipient"`
	DocNo       string         `json:"docNo,omitempty"`
	SubmittedOn string         `json:"submittedOn"`
	Proposed    []ProposedPlan `json:"proposed"`
	Decision    *PlanOutcome   `json:"decision,omitempty"`
	Recorded    Recorded       `json:"recorded"`
}

// ProposedPlan is one cluster a plan proposes.
type ProposedPlan struct {
	KindLabel string    `json:"kindLabel"`
	Name      string    `json:"name"`
	Members   []UnitRef `json:"members"`
}

// PlanOutcome is the decision on a plan.
type PlanOutcome struct {
	Decision   string   `json:"decision"`
	Label      string   `json:"label"`
	DecidedBy  UnitRef  `json:"decidedBy"`
	DocNo      string   `json:"docNo,omitempty"`
	DecidedOn  string   `json:"decidedOn"`
	Amendments string   `json:"amendments,omitempty"`
	Reason     string   `json:"reason,omitempty"`
	BasedOnSeq uint64   `json:"basedOnSeq"`
	Recorded   Recorded `json:"recorded"`
}

// ReorganizationCount is the report's summary.
type ReorganizationCount struct {
	ClustersBefore         int `json:"clustersBefore"`
	BlocksBefore           int `json:"blocksBefore"`
	ClustersAfter          int `json:"clustersAfter"`
	BlocksAfter            int `json:"blocksAfter"`
	Formed                 int `json:"formed"`
	Dissolved              int `json:"dissolved"`
	Renamed                int `json:"renamed"`
	UnitsMoved             int `json:"unitsMoved"`
	UnitsMerged            int `json:"unitsMerged"`
	UnitsDissolved         int `json:"unitsDissolved"`
	UnitsWithoutCluster    int `json:"unitsWithoutCluster"`
	UnitsInSeveralClusters int `json:"unitsInSeveralClusters"`
	PlansSubmitted         int `json:"plansSubmitted"`
	PlansApproved          int `json:"plansApproved"`
	PlansRejected          int `json:"plansRejected"`
	PlansPending           int `json:"plansPending"`
}

// Reorganization answers the reorganisation report from the organization
// projection.
type Reorganization struct{ r *Runner }

// NewReorganization returns the report queries over r.
func NewReorganization(r *Runner) *Reorganization { return &Reorganization{r} }

// Report builds the report for year as the ledger stood at asOf.
func (q *Reorganization) Report(ctx context.Context, asOf AsOf, year int) (ReorganizationReport, error) {
	var rep ReorganizationReport
	err := q.r.view(ctx, OrganizationName, asOf, func(mm Model, upTo uint64) error {
		rep = mm.(*orgModel).report(year)
		rep.AsOfSeq = upTo
		return nil
	})
	return rep, err
}

var changeLabels = map[string]string{"merged": "Hợp nhất, sáp nhập", "split": "Chia, tách", "dissolved": "Giải thể"}

func (m *orgModel) report(year int) ReorganizationReport {
	before, after := domain.YearEnd(year-1).String(), domain.YearEnd(year).String()
	rep := ReorganizationReport{Year: year, BeforeDate: before, AfterDate: after,
		Before: []Cluster{}, After: []Cluster{}, Flags: []UnitFlag{}, Plans: []Plan{}}
	rep.Changes = ReorganizationDelta{Formed: []ClusterRef{}, Dissolved: []ClusterRef{}, Renamed: []ClusterRenam{}, Moves: []UnitMove{}, Units: []UnitEnded{}}
	inB, inA := map[string][]ClusterRef{}, map[string][]ClusterRef{}
	for _, c := range m.Clusters {
		k, _ := domain.ParseClusterKind(c.Kind)
		eb, ea := c.existsOn(before), c.existsOn(after)
		if eb {
			s := m.snapshot(c, before, year-1)
			rep.Before = append(rep.Before, s)
			for _, u := range s.Members {
				inB[u.ID] = append(inB[u.ID], ClusterRef{c.ID, s.Name, k.Label()})
			}
		}
		if ea {
			s := m.snapshot(c, after, year)
			rep.After = append(rep.After, s)
			for _, u := range s.Members {
				inA[u.ID] = append(inA[u.ID], ClusterRef{c.ID, s.Name, k.Label()})
			}
		}
		switch {
		case !eb && ea:
			rep.Changes.Formed = append(rep.Changes.Formed, ClusterRef{c.ID, m.N.cluster(c.ID, after), k.Label()})
		case eb && !ea && c.Dissolved != "":
			rep.Changes.Dissolved = append(rep.Changes.Dissolved, ClusterRef{c.ID, m.N.cluster(c.ID, before), k.Label()})
		case eb && ea:
			if o, n := m.N.cluster(c.ID, before), m.N.cluster(c.ID, after); o != n {
				rep.Changes.Renamed = append(rep.Changes.Renamed, ClusterRenam{c.ID, o, n})
			}
		}
	}
	sortClusters(rep.Before)
	sortClusters(rep.After)
	for _, l := range [][]ClusterRef{rep.Changes.Formed, rep.Changes.Dissolved} {
		sortByName(l, func(c ClusterRef) string { return c.Name }, func(c ClusterRef) string { return c.ID })
	}
	sortByName(rep.Changes.Renamed, func(c ClusterRenam) string { return c.NewName }, func(c ClusterRenam) string { return c.ID })

	// Moves: units whose set of clusters changed.
	seen := map[string]bool{}
	for _, set := range []map[string][]ClusterRef{inB, inA} {
		for u := range set {
			if seen[u] {
				continue
			}
			seen[u] = true
			if !sameClusters(inB[u], inA[u]) {
				name := m.N.unit(u, after)
				if un := m.Units[u]; un != nil && un.Ended != "" && un.Ended <= after {
					name = m.N.unit(u, before)
				}
				rep.Changes.Moves = append(rep.Changes.Moves, UnitMove{UnitRef{u, name}, nonNil(inB[u]), nonNil(inA[u])})
			}
		}
	}
	sortByName(rep.Changes.Moves, func(x UnitMove) string { return x.Unit.Name }, func(x UnitMove) string { return x.Unit.ID })

	for _, ch := range m.Changes {
		if ch.Date <= before || ch.Date > after {
			continue
		}
		e := UnitEnded{Kind: ch.Kind, KindLabel: changeLabels[ch.Kind], Date: ch.Date, Units: m.refs(ch.Units, before),
			Result: m.refs(ch.Result, after), Reason: ch.Reason, Basis: ch.Basis}
		if ch.Mode != "" {
			if mm, err := domain.ParseMergeMode(ch.Mode); err == nil {
				e.KindLabel = mm.Label()
			}
		}
		sortByName(e.Units, func(u UnitRef) string { return u.Name }, func(u UnitRef) string { return u.ID })
		rep.Changes.Units = append(rep.Changes.Units, e)
		switch ch.Kind {
		case "merged":
			rep.Summary.UnitsMerged += len(ch.Units)
		case "dissolved":
			rep.Summary.UnitsDissolved++
		}
	}

	// Flags: active units (other than roots) in no cluster or in several.
	for _, w := range []struct {
		when, date string
		in         map[string][]ClusterRef
	}{{"before", before, inB}, {"after", after, inA}} {
		var flags []UnitFlag
		for _, u := range m.Units {
			if u.Parent == "" || !m.unitActiveOn(u, w.date) {
				continue
			}
			ref := m.ref(u.ID, w.date)
			switch n := len(w.in[u.ID]); {
			case n == 0:
				flags = append(flags, UnitFlag{Unit: ref, When: w.when, Problem: "noCluster", Label: "Không thuộc cụm, khối nào"})
			case n > 1:
				cs := slices.Clone(w.in[u.ID])
				sortByName(cs, func(c ClusterRef) string { return c.Name }, func(c ClusterRef) string { return c.ID })
				flags = append(flags, UnitFlag{Unit: ref, When: w.when, Problem: "severalClusters", Label: "Thuộc nhiều cụm, khối", Clusters: cs})
			}
		}
		sortByName(flags, func(f UnitFlag) string { return f.Unit.Name }, func(f UnitFlag) string { return f.Unit.ID })
		rep.Flags = append(rep.Flags, flags...)
		if w.when == "after" {
			for _, f := range flags {
				if f.Problem == "noCluster" {
					rep.Summary.UnitsWithoutCluster++
				} else {
					rep.Summary.UnitsInSeveralClusters++
				}
			}
		}
	}

	for _, p := range m.Plans {
		if p.Year != year {
			continue
		}
		pl := Plan{ID: p.ID, Submitter: m.ref(p.Submitter, p.SubmittedOn), Recipient: m.N.council(p.Recipient),
			DocNo: p.DocNo, SubmittedOn: p.SubmittedOn, Recorded: p.Recorded, Proposed: []ProposedPlan{}}
		if pl.DocNo == "" && p.Basis != nil {
			pl.DocNo = p.Basis.Number
		}
		for _, pc := range p.Proposed {
			pp := ProposedPlan{KindLabel: pc.Kind.Label(), Name: pc.Name, Members: m.refs(pc.MemberUnitIDs, after)}
			sortByName(pp.Members, func(u UnitRef) string { return u.Name }, func(u UnitRef) string { return u.ID })
			pl.Proposed = append(pl.Proposed, pp)
		}
		rep.Summary.PlansSubmitted++
		if d := p.Decision; d != nil {
			dec, _ := domain.ParsePlanDecision(d.Decision)
			o := &PlanOutcome{Decision: d.Decision, Label: dec.Label(), DecidedBy: m.ref(d.DecidedBy, d.DecidedOn),
				DecidedOn: d.DecidedOn, Amendments: d.Amendments, Reason: d.Reason, BasedOnSeq: d.BasedOnSeq, Recorded: d.Recorded}
			if d.Basis != nil {
				o.DocNo = d.Basis.Number
				if d.Basis.Date != "" {
					o.DecidedOn = d.Basis.Date
				}
			}
			pl.Decision = o
			if dec == domain.PlanRejected {
				rep.Summary.PlansRejected++
			} else {
				rep.Summary.PlansApproved++
			}
		} else {
			rep.Summary.PlansPending++
		}
		rep.Plans = append(rep.Plans, pl)
	}
	slices.SortStableFunc(rep.Plans, func(a, b Plan) int {
		if a.SubmittedOn != b.SubmittedOn {
			if a.SubmittedOn < b.SubmittedOn {
				return -1
			}
			return 1
		}
		return domain.CompareNames(a.Submitter.Name, b.Submitter.Name)
	})

	for _, c := range rep.Before {
		if c.Kind == domain.ClusterKindBlock.String() {
			rep.Summary.BlocksBefore++
		} else {
			rep.Summary.ClustersBefore++
		}
	}
	for _, c := range rep.After {
		if c.Kind == domain.ClusterKindBlock.String() {
			rep.Summary.BlocksAfter++
		} else {
			rep.Summary.ClustersAfter++
		}
	}
	rep.Summary.Formed = len(rep.Changes.Formed)
	rep.Summary.Dissolved = len(rep.Changes.Dissolved)
	rep.Summary.Renamed = len(rep.Changes.Renamed)
	rep.Summary.UnitsMoved = len(rep.Changes.Moves)
	return rep
}

func nonNil(l []ClusterRef) []ClusterRef {
	if l == nil {
		return []ClusterRef{}
	}
	sortByName(l, func(c ClusterRef) string { return c.Name }, func(c ClusterRef) string { return c.ID })
	return l
}

func sameClusters(a, b []ClusterRef) bool {
	if len(a) != len(b) {
		return false
	}
	ids := map[string]bool{}
	for _, c := range a {
		ids[c.ID] = true
	}
	for _, c := range b {
		if !ids[c.ID] {
			return false
		}
	}
	return true
}
