package projections

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/tdkt/tdkt/domain"
)

// PlanReconstruction is the decision on a reorganisation plan
// (ClusterReorganizationPlanDecided) as the deciding body saw it and as it
// would be judged now (DESIGN.md "Time"): the plan as submitted, the
// clusters it reorganises as they stood the day before the decision, and
// per proposed cluster the members that no longer exist; then from the
// ledger up to the decision's basedOnSeq and now from the ledger at asOf;
// the rules whose result differs, and the events used now but not then (a
// merger, a dissolution, a split recorded since) and the reverse.
//
// R29 (a council member follows each cluster) is not judged: a proposed
// cluster has no id a CouncilMemberAssignedToCluster could name until it
// is formed. R28 is judged as far as a plan allows: each proposed cluster
// has two existing members to be its leader and its deputy.
type PlanReconstruction struct {
	PlanID    string         `json:"planId"`
	Year      int            `json:"year"`
	Submitter UnitRef        `json:"submitter"`
	DocNo     string         `json:"docNo,omitempty"`
	Submitted EventRef       `json:"submitted"`
	Proposed  []ProposedPlan `json:"proposed"`
	// Outcome is the decision; Decision the event that recorded it.
	Outcome  PlanOutcome `json:"outcome"`
	Decision EventRef    `json:"decision"`
	// OnDate is the valid date the clusters are read on: the day before
	// the decision.
	OnDate string `json:"onDate"`
	// BasedOnSeq is what the decision recorded; SeenEvents is the number
	// of events replayed for "then": events 0…basedOnSeq, never the
	// decision itself or anything after it.
	BasedOnSeq uint64 `json:"basedOnSeq"`
	SeenEvents uint64 `json:"seenEvents"`
	// AsOfSeq is the number of events "now" was built from.
	AsOfSeq uint64    `json:"asOfSeq"`
	Then    PlanState `json:"then"`
	Now     PlanState `json:"now"`
	// DifferingRules are the rules whose result differs between then and
	// now.
	DifferingRules []RuleDiff `json:"differingRules"`
	InputsAdded    []EventRef `json:"inputsAdded"`
	InputsDropped  []EventRef `json:"inputsDropped"`
	// Changed is true when any rule's result differs, or the units gone,
	// left out or placed twice differ, between then and now.
	Changed bool `json:"changed"`
}

// PlanState is a plan judged from one point of the ledger.
type PlanState struct {
	// AsOfSeq is the number of ledger events the state was built from.
	AsOfSeq uint64 `json:"asOfSeq"`
	// Clusters are the existing clusters and blocks with a member the
	// plan places: the composition the plan reorganises.
	Clusters []Cluster `json:"clusters"`
	// Proposed is each proposed cluster with its members' status.
	Proposed []PlanCluster `json:"proposed"`
	// LeftOut are existing units of the reorganised clusters that the
	// plan places in no cluster of that kind.
	LeftOut []UnitRef `json:"leftOut"`
	// PlacedTwice are units the plan places that another plan for the
	// year (not rejected) places in a cluster of the same kind.
	PlacedTwice []PlanOverlap `json:"placedTwice"`
	Rules       []RuleCheck   `json:"rules"`
	// Inputs are the events the rules used, in seq order.
	Inputs []EventRef `json:"inputs"`
}

// PlanCluster is one proposed cluster with its members' status.
type PlanCluster struct {
	KindLabel string       `json:"kindLabel"`
	Name      string       `json:"name"`
	Members   []PlanMember `json:"members"`
	// Gone are the members that no longer exist (merged, split,
	// dissolved, or never established).
	Gone []PlanMember `json:"gone"`
}

// PlanMember is a unit a plan places, with its status.
type PlanMember struct {
	Unit UnitRef `json:"unit"`
	// Status is active, merged, split, dissolved or unknown.
	Status string    `json:"status"`
	Ended  string    `json:"ended,omitempty"`
	Into   []UnitRef `json:"into,omitempty"`
	// Event is the merger, split or dissolution that ended the unit.
	Event *EventRef `json:"event,omitempty"`
}

// PlanOverlap is a unit placed by two plans.
type PlanOverlap struct {
	Unit      UnitRef  `json:"unit"`
	KindLabel string   `json:"kindLabel"`
	Cluster   string   `json:"cluster"`
	OtherPlan string   `json:"otherPlan"`
	Other     string   `json:"otherCluster"`
	Event     EventRef `json:"event"`
}

// Ids of the consistency checks of a plan decision.
const (
	CheckPlanMembers = "C-PLAN-MEMBERS"
	CheckPlanOnce    = "C-PLAN-ONCE"
)

// PlanReconstruction reconstructs the decision on plan id as the ledger
// stood at asOf ("now"; Latest for today's knowledge). It returns a domain
// error with ENOTFOUND if no decision on the plan was recorded by asOf.
func (q *Reorganization) PlanReconstruction(ctx context.Context, asOf AsOf, id string) (PlanReconstruction, error) {
	var (
		out PlanReconstruction
		pl  planRec
	)
	err := q.r.view(ctx, OrganizationName, asOf, func(mm Model, upTo uint64) error {
		m := mm.(*orgModel)
		p := m.plan(id)
		if p == nil || p.Decision == nil {
			return domain.Errorf(domain.ENOTFOUND, "no decision on reorganization plan %s", id)
		}
		pl = *p
		pl.Proposed = slices.Clone(p.Proposed)
		d := *p.Decision
		pl.Decision = &d
		dec, _ := domain.ParsePlanDecision(d.Decision)
		out = PlanReconstruction{PlanID: p.ID, Year: p.Year, Submitter: m.ref(p.Submitter, p.SubmittedOn), DocNo: p.DocNo,
			Submitted: planRef(p.Recorded, domain.EventClusterReorganizationPlanSubmitted, p.ID, p.SubmittedOn),
			Decision:  planRef(d.Recorded, domain.EventClusterReorganizationPlanDecided, p.ID, d.DecidedOn),
			Outcome: PlanOutcome{Decision: d.Decision, Label: dec.Label(), DecidedBy: m.ref(d.DecidedBy, d.DecidedOn), DecidedOn: d.DecidedOn,
				Amendments: d.Amendments, Reason: d.Reason, BasedOnSeq: d.BasedOnSeq, Recorded: d.Recorded},
			BasedOnSeq: d.BasedOnSeq, SeenEvents: min(d.BasedOnSeq+1, d.Recorded.Seq), AsOfSeq: upTo, Proposed: []ProposedPlan{}}
		if d.Basis != nil {
			out.Outcome.DocNo = d.Basis.Number
			if d.Basis.Date != "" {
				out.Outcome.DecidedOn = d.Basis.Date
			}
		}
		if out.DocNo == "" && p.Basis != nil {
			out.DocNo = p.Basis.Number
		}
		for _, pc := range p.Proposed {
			pp := ProposedPlan{KindLabel: pc.Kind.Label(), Name: pc.Name, Members: m.refs(pc.MemberUnitIDs, p.SubmittedOn)}
			out.Proposed = append(out.Proposed, pp)
		}
		out.Now = m.planState(&pl, planDay(out.Outcome.DecidedOn))
		return nil
	})
	if err != nil {
		return PlanReconstruction{}, err
	}
	out.OnDate = planDay(out.Outcome.DecidedOn)
	out.Now.AsOfSeq = out.AsOfSeq
	if out.SeenEvents == 0 {
		out.Then = newOrgModel().(*orgModel).planState(&pl, out.OnDate)
	} else if err := q.r.view(ctx, OrganizationName, AtSeq(out.SeenEvents-1), func(mm Model, _ uint64) error {
		out.Then = mm.(*orgModel).planState(&pl, out.OnDate)
		return nil
	}); err != nil {
		return PlanReconstruction{}, err
	}
	out.Then.AsOfSeq = out.SeenEvents
	out.DifferingRules = diffRules(out.Then.Rules, out.Now.Rules)
	out.InputsAdded, out.InputsDropped = inputChanges(out.Then.Inputs, out.Now.Inputs)
	out.Changed = len(out.DifferingRules) > 0 || !samePlanFindings(out.Then, out.Now)
	return out, nil
}

// planDay is the day before the decision's date: the composition the
// deciding body had before it, whatever the decision changed that day.
func planDay(decidedOn string) string {
	d, err := domain.ParseDate(decidedOn)
	if err != nil {
		return decidedOn
	}
	return d.AddDays(-1).String()
}

// plan returns the last plan recorded under id, or nil.
func (m *orgModel) plan(id string) *planRec {
	var out *planRec
	for _, p := range m.Plans {
		if p.ID == id {
			out = p
		}
	}
	return out
}

func planRef(r Recorded, typ, planID, effective string) EventRef {
	return EventRef{EventID: r.EventID, Seq: r.Seq, Type: typ, Stream: "plan-" + planID, RecordedAt: r.RecordedAt, Effective: effective}
}

var changeTypes = map[string]string{"merged": domain.EventUnitsMerged, "split": domain.EventUnitSplit, "dissolved": domain.EventUnitDissolved}

// changeRef is the event of a unit change.
func changeRef(c unitChange) EventRef {
	stream := ""
	switch {
	case c.Kind == "merged" && len(c.Result) > 0:
		stream = "unit-" + c.Result[0]
	case len(c.Units) > 0:
		stream = "unit-" + c.Units[0]
	}
	return EventRef{EventID: c.Recorded.EventID, Seq: c.Recorded.Seq, Type: changeTypes[c.Kind], Stream: stream, RecordedAt: c.Recorded.RecordedAt, Effective: c.Date}
}

// endOf returns the change that ended unit id, if any.
func (m *orgModel) endOf(id string) (unitChange, bool) {
	for _, c := range m.Changes {
		if !slices.Contains(c.Units, id) {
			continue
		}
		if c.Kind == "merged" && slices.Contains(c.Result, id) {
			continue
		}
		return c, true
	}
	return unitChange{}, false
}

// planState judges plan p against m, reading clusters on valid date d.
func (m *orgModel) planState(p *planRec, d string) PlanState {
	out := PlanState{Clusters: []Cluster{}, Proposed: []PlanCluster{}, LeftOut: []UnitRef{}, PlacedTwice: []PlanOverlap{}, Rules: []RuleCheck{}, Inputs: []EventRef{}}
	refs := map[string]EventRef{}
	use := func(r EventRef) string {
		refs[r.EventID] = r
		return r.EventID
	}
	planID := use(planRef(p.Recorded, domain.EventClusterReorganizationPlanSubmitted, p.ID, p.SubmittedOn))

	// Proposed clusters and the status of their members.
	var existIn, goneDetail []string
	var r28In []string
	var r28Short []string
	placed := map[string]map[string]string{} // kind → unit → proposed cluster name
	for _, pc := range p.Proposed {
		c := PlanCluster{KindLabel: pc.Kind.Label(), Name: pc.Name, Members: []PlanMember{}, Gone: []PlanMember{}}
		if placed[pc.Kind.String()] == nil {
			placed[pc.Kind.String()] = map[string]string{}
		}
		alive := 0
		var clusterIn []string
		for _, uid := range pc.MemberUnitIDs {
			placed[pc.Kind.String()][uid] = pc.Name
			pm := PlanMember{Unit: m.ref(uid, d), Status: "unknown"}
			if u := m.Units[uid]; u != nil {
				existIn = append(existIn, use(EventRef{EventID: u.Recorded.EventID, Seq: u.Recorded.Seq, Type: domain.EventUnitEstablished,
					Stream: "unit-" + uid, RecordedAt: u.Recorded.RecordedAt, Effective: u.Established}))
				pm.Status, pm.Ended = "active", u.Ended
				if u.EndKind != "" {
					pm.Status = u.EndKind
				}
				if ch, ok := m.endOf(uid); ok && u.Ended != "" {
					r := changeRef(ch)
					pm.Event = &r
					pm.Into = m.refs(ch.Result, u.Ended)
					id := use(r)
					existIn = append(existIn, id)
					clusterIn = append(clusterIn, id)
				}
			}
			c.Members = append(c.Members, pm)
			if pm.Status == "active" {
				alive++
			} else {
				c.Gone = append(c.Gone, pm)
				goneDetail = append(goneDetail, fmt.Sprintf("%s (%s: %s)", pm.Unit.Name, pc.Name, statusLabel(pm)))
			}
		}
		r28In = append(r28In, clusterIn...)
		if alive < 2 {
			r28Short = append(r28Short, fmt.Sprintf("%s (%d đơn vị còn tồn tại)", pc.Name, alive))
		}
		out.Proposed = append(out.Proposed, c)
	}

	// The clusters the plan reorganises: those with a member, on d, that
	// the plan places in a cluster of the same kind.
	var onceIn []string
	left := map[string]bool{}
	for _, c := range m.Clusters {
		if !c.existsOn(d) || placed[c.Kind] == nil {
			continue
		}
		members := c.membersOn(d)
		if !slices.ContainsFunc(members, func(u string) bool { _, ok := placed[c.Kind][u]; return ok }) {
			continue
		}
		out.Clusters = append(out.Clusters, m.snapshot(c, d, p.Year))
		onceIn = append(onceIn, use(EventRef{EventID: c.Recorded.EventID, Seq: c.Recorded.Seq, Type: domain.EventClusterFormed,
			Stream: "cluster-" + c.ID, RecordedAt: c.Recorded.RecordedAt, Effective: c.Formed}))
		for _, u := range members {
			if _, ok := placed[c.Kind][u]; ok {
				continue
			}
			if un := m.Units[u]; un != nil && un.Ended != "" {
				if ch, ok := m.endOf(u); ok {
					onceIn = append(onceIn, use(changeRef(ch)))
				}
				continue
			}
			left[u] = true
		}
	}
	sortClusters(out.Clusters)
	for u := range left {
		out.LeftOut = append(out.LeftOut, m.ref(u, d))
	}
	sortByName(out.LeftOut, func(u UnitRef) string { return u.Name }, func(u UnitRef) string { return u.ID })

	// Units another live plan for the year places in a cluster of the
	// same kind.
	for _, o := range m.Plans {
		if o.ID == p.ID || o.Year != p.Year || o.Decision != nil && o.Decision.Decision == domain.PlanRejected.String() {
			continue
		}
		for _, oc := range o.Proposed {
			for _, u := range oc.MemberUnitIDs {
				name, ok := placed[oc.Kind.String()][u]
				if !ok {
					continue
				}
				r := planRef(o.Recorded, domain.EventClusterReorganizationPlanSubmitted, o.ID, o.SubmittedOn)
				onceIn = append(onceIn, use(r))
				out.PlacedTwice = append(out.PlacedTwice, PlanOverlap{Unit: m.ref(u, d), KindLabel: oc.Kind.Label(), Cluster: name,
					OtherPlan: o.ID, Other: oc.Name, Event: r})
			}
		}
	}

	// The rules.
	if len(goneDetail) == 0 {
		out.Rules = append(out.Rules, consistencyCheck(CheckPlanMembers, true, append([]string{planID}, existIn...),
			"Mọi đơn vị trong phương án đều đang tồn tại"))
	} else {
		out.Rules = append(out.Rules, consistencyCheck(CheckPlanMembers, false, append([]string{planID}, existIn...),
			"Đơn vị trong phương án không còn tồn tại: "+strings.Join(goneDetail, "; ")))
	}
	var problems []string
	for _, u := range out.LeftOut {
		problems = append(problems, u.Name+" không thuộc cụm, khối nào của phương án")
	}
	for _, o := range out.PlacedTwice {
		problems = append(problems, fmt.Sprintf("%s thuộc cả %s và %s (phương án %s)", o.Unit.Name, o.Cluster, o.Other, o.OtherPlan))
	}
	if len(problems) == 0 {
		out.Rules = append(out.Rules, consistencyCheck(CheckPlanOnce, true, append([]string{planID}, onceIn...),
			"Mỗi đơn vị của các cụm, khối được tổ chức lại ở đúng một cụm, khối cùng loại"))
	} else {
		out.Rules = append(out.Rules, consistencyCheck(CheckPlanOnce, false, append([]string{planID}, onceIn...), strings.Join(problems, "; ")))
	}
	if len(r28Short) == 0 {
		out.Rules = append(out.Rules, ruleCheck("R28", true, append([]string{planID}, r28In...),
			"Mỗi cụm, khối đề xuất có ít nhất hai đơn vị còn tồn tại để chọn đơn vị trưởng và đơn vị phó"))
	} else {
		out.Rules = append(out.Rules, ruleCheck("R28", false, append([]string{planID}, r28In...),
			"Không đủ hai đơn vị còn tồn tại để chọn đơn vị trưởng và đơn vị phó: "+strings.Join(r28Short, "; ")))
	}
	seen := map[string]bool{}
	for _, r := range out.Rules {
		for _, id := range r.Inputs {
			if ref, ok := refs[id]; ok && !seen[id] {
				seen[id] = true
				out.Inputs = append(out.Inputs, ref)
			}
		}
	}
	slices.SortFunc(out.Inputs, func(a, b EventRef) int { return compareU64(a.Seq, b.Seq) })
	return out
}

func statusLabel(pm PlanMember) string {
	switch pm.Status {
	case "unknown":
		return "chưa được thành lập trong sổ cái"
	case "merged":
		return "đã hợp nhất, sáp nhập từ " + pdate(pm.Ended).Label()
	case "split":
		return "đã chia, tách từ " + pdate(pm.Ended).Label()
	case "dissolved":
		return "đã giải thể từ " + pdate(pm.Ended).Label()
	}
	return pm.Status
}

// samePlanFindings reports whether two states find the same units gone,
// left out and placed twice.
func samePlanFindings(a, b PlanState) bool {
	key := func(s PlanState) string {
		var parts []string
		for _, c := range s.Proposed {
			for _, g := range c.Gone {
				parts = append(parts, "gone:"+c.Name+"/"+g.Unit.ID+"/"+g.Status)
			}
		}
		for _, u := range s.LeftOut {
			parts = append(parts, "left:"+u.ID)
		}
		for _, o := range s.PlacedTwice {
			parts = append(parts, "twice:"+o.Unit.ID+"/"+o.OtherPlan)
		}
		slices.Sort(parts)
		return strings.Join(parts, "|")
	}
	return key(a) == key(b)
}
