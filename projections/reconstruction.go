package projections

import (
	"context"
	"slices"

	"github.com/tdkt/tdkt/domain"
)

// Reconstruction is an award decision as the deciding body saw it and as
// it would be judged now (DESIGN.md "Time"): for each award, the
// eligibility from the ledger up to the decision's basedOnSeq ("then")
// and from the ledger at asOf ("now"), both asked about the decision's
// evaluation year, the rules whose outcome differs, and the events used
// now but not then (a correction, a discipline, a revocation recorded
// since) and the reverse.
type Reconstruction struct {
	DecisionID string `json:"decisionId"`
	DecisionNo string `json:"decisionNo"`
	DecidedOn  string `json:"decidedOn"`
	// Decision is the AwardDecided event.
	Decision Recorded `json:"decision"`
	// BasedOnSeq is what the decision recorded; SeenEvents is the number
	// of events replayed for "then": events 0…basedOnSeq, never the
	// decision itself or anything after it.
	BasedOnSeq uint64 `json:"basedOnSeq"`
	SeenEvents uint64 `json:"seenEvents"`
	// AsOfSeq is the number of events "now" was built from.
	AsOfSeq uint64                `json:"asOfSeq"`
	Awards  []AwardReconstruction `json:"awards"`
	// Changed is true when the outcome of any award would differ now.
	Changed bool `json:"changed"`
}

// AwardReconstruction is one award of a reconstructed decision.
type AwardReconstruction struct {
	AwardID string       `json:"awardId"`
	Subject SubjectRef   `json:"subject"`
	Title   AwardKindRef `json:"title"`
	Year    int          `json:"year"`
	// Revoked is the AwardRevoked event, if the award was revoked since.
	Revoked *EventRef   `json:"revoked,omitempty"`
	Then    Eligibility `json:"then"`
	Now     Eligibility `json:"now"`
	// OutcomeChanged is true when Then.Eligible differs from Now.Eligible.
	OutcomeChanged bool `json:"outcomeChanged"`
	// DifferingRules are the rules whose result (passed or not, or
	// whether they applied) differs between then and now.
	DifferingRules []RuleDiff `json:"differingRules"`
	// InputsAdded are events the rules use now but did not then;
	// InputsDropped the reverse (e.g. a rating since superseded).
	InputsAdded   []EventRef `json:"inputsAdded"`
	InputsDropped []EventRef `json:"inputsDropped"`
}

// RuleDiff is one rule's result then and now; nil where it did not apply.
type RuleDiff struct {
	ID       string     `json:"id"`
	Citation string     `json:"citation"`
	Then     *RuleCheck `json:"then"`
	Now      *RuleCheck `json:"now"`
}

// Reconstruction reconstructs the award decision named by id (a decision
// id, or an award id for that one award) as the ledger stood at asOf
// ("now"; Latest for today's knowledge). It returns a domain error with
// ENOTFOUND if no such decision was recorded by asOf.
//
// "Then" replays the ledger to the decision's basedOnSeq — the last seq the
// deciding body saw; if that would reach the decision itself (a writer
// that records the head count), it stops just before it — and asks on the
// decision date. "Now" asks on the later of the decision date and the day
// the last event at asOf was recorded, so a discipline decided after the
// award counts. The decision's own awards are left out of "now" facts:
// they are its outcome, not its input.
func (q *Eligibilities) Reconstruction(ctx context.Context, asOf AsOf, id string) (Reconstruction, error) {
	var (
		out    Reconstruction
		awards []*efAward
	)
	err := q.r.view(ctx, EligibilityName, asOf, func(mm Model, upTo uint64) error {
		m := mm.(*eligModel)
		decID, only := id, ""
		if a, ok := m.Awards[id]; ok {
			decID, only = a.DecisionID, id
		}
		dec := m.Decisions[decID]
		if dec == nil {
			return domain.Errorf(domain.ENOTFOUND, "award decision %s not found", id)
		}
		out = Reconstruction{DecisionID: dec.DecisionID, DecisionNo: dec.DecisionNo, DecidedOn: dec.DecidedOn, Decision: dec.Recorded,
			BasedOnSeq: dec.BasedOnSeq, AsOfSeq: upTo, Awards: []AwardReconstruction{}}
		out.SeenEvents = min(dec.BasedOnSeq+1, dec.Recorded.Seq)
		decided := pdate(dec.DecidedOn)
		for _, aid := range dec.Awards {
			if only != "" && aid != only {
				continue
			}
			a := m.Awards[aid]
			if a == nil {
				continue
			}
			awards = append(awards, a)
			k, _ := domain.ParseAwardKind(a.Kind)
			on := m.askedOn(a.Year)
			if decided.After(on) {
				on = decided
			}
			ar := AwardReconstruction{AwardID: aid, Subject: m.N.subject(a.Subject), Title: kindRef(k), Year: a.Year,
				Now: m.eligibility(q.policy, a.Subject, k, a.Year, on, factsOptions{excludeDecision: dec.DecisionID})}
			ar.Now.AsOfSeq = upTo
			if a.RevokedBy != "" {
				if ref, ok := m.ref(a.RevokedBy); ok {
					ar.Revoked = &ref
				}
			}
			out.Awards = append(out.Awards, ar)
		}
		return nil
	})
	if err != nil {
		return Reconstruction{}, err
	}
	then := func(m *eligModel) {
		for i, a := range awards {
			k, _ := domain.ParseAwardKind(a.Kind)
			on := pdate(out.DecidedOn)
			if on.IsZero() {
				on = domain.YearEnd(a.Year)
			}
			out.Awards[i].Then = m.eligibility(q.policy, a.Subject, k, a.Year, on, factsOptions{excludeDecision: out.DecisionID})
			out.Awards[i].Then.AsOfSeq = out.SeenEvents
		}
	}
	if out.SeenEvents == 0 {
		then(newEligModel().(*eligModel))
	} else if err := q.r.view(ctx, EligibilityName, AtSeq(out.SeenEvents-1), func(mm Model, _ uint64) error {
		then(mm.(*eligModel))
		return nil
	}); err != nil {
		return Reconstruction{}, err
	}
	for i := range out.Awards {
		ar := &out.Awards[i]
		ar.OutcomeChanged = ar.Then.Eligible != ar.Now.Eligible
		ar.DifferingRules = diffRules(ar.Then.Rules, ar.Now.Rules)
		ar.InputsAdded, ar.InputsDropped = inputChanges(ar.Then.Inputs, ar.Now.Inputs)
		out.Changed = out.Changed || ar.OutcomeChanged
	}
	return out, nil
}

func diffRules(then, now []RuleCheck) []RuleDiff {
	out := []RuleDiff{}
	find := func(l []RuleCheck, id string) *RuleCheck {
		for i := range l {
			if l[i].ID == id {
				return &l[i]
			}
		}
		return nil
	}
	var ids []string
	for _, l := range [][]RuleCheck{then, now} {
		for _, r := range l {
			if !slices.Contains(ids, r.ID) {
				ids = append(ids, r.ID)
			}
		}
	}
	for _, id := range ids {
		t, n := find(then, id), find(now, id)
		if t != nil && n != nil && t.Passed == n.Passed {
			continue
		}
		d := RuleDiff{ID: id, Then: t, Now: n}
		if t != nil {
			d.Citation = t.Citation
		} else {
			d.Citation = n.Citation
		}
		out = append(out, d)
	}
	return out
}

// inputChanges returns the events used now but not then, and the reverse.
func inputChanges(then, now []EventRef) (added, dropped []EventRef) {
	return diffInputs(then, now), diffInputs(now, then)
}

// diffInputs returns the events in b that are not in a.
func diffInputs(a, b []EventRef) []EventRef {
	out := []EventRef{}
	for _, x := range b {
		if !slices.ContainsFunc(a, func(y EventRef) bool { return y.EventID == x.EventID }) {
			out = append(out, x)
		}
	}
	return out
}
