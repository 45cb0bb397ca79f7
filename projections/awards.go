package projections

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
)

// AwardsName is the name of the awards register projection.
const AwardsName = "awards"

// awardEntry is what is one award's own: the decision's data is kept once,
// in its awardDecision, which the entry points to.
type awardEntry struct {
	dec        *awardDecision
	AwardID    string           `json:"awardId"`
	Proposal   string           `json:"proposal,omitempty"`
	Subject    domain.Subject   `json:"subject"`
	Kind       domain.AwardKind `json:"kind"`
	Year       int              `json:"year"`
	Revocation *Revocation      `json:"revocation,omitempty"`
	// Amendments are the corrections of this award alone (AwardAmended
	// naming it); the decision's own apply to it too.
	Amendments []Amendment `json:"amendments,omitempty"`
}

// awardDecision is an award decision: what its awards share, and the
// awards. A decision is recorded by one AwardDecided (the decider refuses
// a second one with other content).
type awardDecision struct {
	id         string     // the key in awardsModel.Decisions
	DecisionNo string     `json:"decisionNo"`
	DecidedOn  string     `json:"decidedOn"`
	Issuer     string     `json:"issuer"`
	IssuerRole string     `json:"issuerRole"`
	BasedOnSeq uint64     `json:"basedOnSeq"`
	Basis      *DocRef    `json:"basis,omitempty"`
	Recorded   Recorded   `json:"recorded"`
	Conferred  *Conferral `json:"conferred,omitempty"`
	// Amendments are the corrections of the whole decision (AwardAmended
	// with no awardId): each of its awards shows them.
	Amendments []Amendment   `json:"amendments,omitempty"`
	Awards     []*awardEntry `json:"awards"`
}

// Revocation is the decision that revoked an award.
type Revocation struct {
	DecisionNo        string   `json:"decisionNo"`
	Date              string   `json:"date"`
	Ground            string   `json:"ground"`
	GroundLabel       string   `json:"groundLabel"`
	InsigniaRecovered bool     `json:"insigniaRecovered"`
	CashRecoveredVND  int64    `json:"cashRecoveredVnd"`
	Recorded          Recorded `json:"recorded"`
}

// Amendment is a correction of an award decision.
type Amendment struct {
	Field      string   `json:"field"`
	OldValue   string   `json:"oldValue"`
	NewValue   string   `json:"newValue"`
	DecisionNo string   `json:"decisionNo,omitempty"`
	Recorded   Recorded `json:"recorded"`
}

// Conferral is the ceremony where a decision's awards were handed over.
type Conferral struct {
	Date      string `json:"date"`
	Place     string `json:"place"`
	Presenter string `json:"presenter"`
}

type awardsModel struct {
	N         names                     `json:"names"`
	Decisions map[string]*awardDecision `json:"decisions"`
	// entries indexes the awards of Decisions by award id; it is not
	// persisted but rebuilt at decoding.
	entries map[string]*awardEntry
}

func newAwardsModel() Model {
	return &awardsModel{N: newNames(), Decisions: map[string]*awardDecision{}, entries: map[string]*awardEntry{}}
}

// UnmarshalJSON decodes a persisted state and indexes its awards.
func (m *awardsModel) UnmarshalJSON(b []byte) error {
	type plain awardsModel
	if err := json.Unmarshal(b, (*plain)(m)); err != nil {
		return err
	}
	n := 0
	for _, d := range m.Decisions {
		n += len(d.Awards)
	}
	m.entries = make(map[string]*awardEntry, n)
	for id, d := range m.Decisions {
		d.id = id
		for _, a := range d.Awards {
			a.dec = d
			m.entries[a.AwardID] = a
		}
	}
	return nil
}

// AwardsProjection returns the definition of the awards register.
func AwardsProjection() Projection {
	return Projection{Name: AwardsName, New: newAwardsModel, Unknown: Skip, Version: 1, Types: withTypes(
		domain.EventAwardDecided, domain.EventAwardRevoked, domain.EventAwardAmended, domain.EventAwardConferred)}
}

func (m *awardsModel) Apply(rec eventstore.RecordedEvent, ev domain.Event) error {
	m.N.apply(rec, ev)
	d := validDate(rec)
	switch e := ev.(type) {
	case domain.AwardDecided:
		dec := m.Decisions[e.DecisionID]
		if dec == nil {
			dec = &awardDecision{id: e.DecisionID, Awards: make([]*awardEntry, 0, len(e.Awards))}
			m.Decisions[e.DecisionID] = dec
		}
		dec.DecisionNo, dec.DecidedOn, dec.Issuer, dec.IssuerRole = e.DecisionNo.String(), d, e.IssuerUnitID, e.IssuerRole
		dec.BasedOnSeq, dec.Basis, dec.Recorded = e.BasedOnSeq, basisRef(rec), recorded(rec)
		for _, a := range e.Awards {
			if old := m.entries[a.AwardID]; old != nil {
				// Decided again: the new entry replaces the old one.
				old.dec.Awards = slices.DeleteFunc(old.dec.Awards, func(x *awardEntry) bool { return x == old })
			}
			x := &awardEntry{dec: dec, AwardID: a.AwardID, Proposal: a.ProposalID, Subject: a.Subject, Kind: a.AwardKind, Year: a.Year}
			dec.Awards = append(dec.Awards, x)
			m.entries[a.AwardID] = x
		}
	case domain.AwardRevoked:
		var r *Revocation
		for _, id := range e.AwardIDs {
			if a := m.entries[id]; a != nil {
				if r == nil {
					r = &Revocation{DecisionNo: e.RevokingDecisionNo.String(), Date: d, Ground: e.Ground.String(),
						GroundLabel: e.Ground.Label(), InsigniaRecovered: e.InsigniaRecovered, CashRecoveredVND: e.CashRecoveredVND, Recorded: recorded(rec)}
				}
				a.Revocation = r
			}
		}
	case domain.AwardAmended:
		am := Amendment{e.Field, e.OldValue, e.NewValue, e.CorrectingDecisionNo.String(), recorded(rec)}
		if e.AwardID != "" {
			if a := m.entries[e.AwardID]; a != nil {
				a.Amendments = append(a.Amendments, am)
			}
		} else if dec := m.Decisions[e.DecisionID]; dec != nil && len(dec.Awards) > 0 {
			dec.Amendments = append(dec.Amendments, am)
		}
	case domain.AwardConferred:
		if dec := m.Decisions[e.DecisionID]; dec != nil && len(dec.Awards) > 0 {
			dec.Conferred = &Conferral{Date: d, Place: e.Place, Presenter: e.Presenter}
		}
	}
	return nil
}

// amendments returns a's corrections, its own and its decision's, in the
// order they were recorded.
func (a *awardEntry) amendments() []Amendment {
	own, all := a.Amendments, a.dec.Amendments
	switch {
	case len(all) == 0:
		return own
	case len(own) == 0:
		return all
	}
	out := make([]Amendment, 0, len(own)+len(all))
	for len(own) > 0 && len(all) > 0 {
		if own[0].Recorded.Seq < all[0].Recorded.Seq {
			out, own = append(out, own[0]), own[1:]
		} else {
			out, all = append(out, all[0]), all[1:]
		}
	}
	out = append(out, own...)
	return append(out, all...)
}

// Award is one line of the awards register.
type Award struct {
	AwardID    string       `json:"awardId"`
	Subject    SubjectRef   `json:"subject"`
	Title      AwardKindRef `json:"title"`
	IsTitle    bool         `json:"isTitle"`
	Year       int          `json:"year"`
	DecisionID string       `json:"decisionId"`
	DecisionNo string       `json:"decisionNo"`
	DecidedOn  string       `json:"decidedOn"`
	Issuer     UnitRef      `json:"issuer"`
	IssuerRole string       `json:"issuerRole"`
	ProposalID string       `json:"proposalId,omitempty"`
	BasedOnSeq uint64       `json:"basedOnSeq"`
	// Status is "inForce" or "revoked".
	Status      string      `json:"status"`
	StatusLabel string      `json:"statusLabel"`
	Revocation  *Revocation `json:"revocation,omitempty"`
	Amendments  []Amendment `json:"amendments,omitempty"`
	Conferred   *Conferral  `json:"conferred,omitempty"`
	Recorded    Recorded    `json:"recorded"`
}

// AwardFilter selects awards; zero fields select everything.
type AwardFilter struct {
	Year     int
	UnitID   string // awards to this unit (a collective subject)
	PersonID string // awards to this person
	Title    domain.AwardKind
	// InForceOnly leaves revoked awards out; by default they are listed,
	// marked revoked, with the revoking decision.
	InForceOnly bool
}

func (m *awardsModel) award(a *awardEntry) Award {
	k, d := a.Kind, a.dec
	out := Award{AwardID: a.AwardID, Subject: m.N.subject(a.Subject), Title: kindRef(k), IsTitle: k.IsTitle(), Year: a.Year,
		DecisionID: d.id, DecisionNo: d.DecisionNo, DecidedOn: d.DecidedOn, Issuer: UnitRef{d.Issuer, m.N.unit(d.Issuer, d.DecidedOn)},
		IssuerRole: d.IssuerRole, ProposalID: a.Proposal, BasedOnSeq: d.BasedOnSeq, Status: "inForce", StatusLabel: "Còn hiệu lực",
		Revocation: a.Revocation, Amendments: a.amendments(), Conferred: d.Conferred, Recorded: d.Recorded}
	if d.Basis != nil && d.Basis.Date != "" {
		out.DecidedOn = d.Basis.Date
	}
	if a.Revocation != nil {
		out.Status, out.StatusLabel = "revoked", "Đã hủy bỏ"
	}
	return out
}

// Awards answers queries on the awards register.
type Awards struct{ r *Runner }

// NewAwards returns the awards register queries over r.
func NewAwards(r *Runner) *Awards { return &Awards{r} }

// List returns the awards that match f, by year, then title order, then
// the subject's Vietnamese name.
func (q *Awards) List(ctx context.Context, asOf AsOf, f AwardFilter) ([]Award, error) {
	out := []Award{}
	err := q.r.view(ctx, AwardsName, asOf, func(mm Model, _ uint64) error {
		m := mm.(*awardsModel)
		for _, a := range m.entries {
			switch {
			case f.Year != 0 && a.Year != f.Year,
				f.UnitID != "" && (a.Subject.Kind != domain.SubjectUnit || a.Subject.ID != f.UnitID),
				f.PersonID != "" && (a.Subject.Kind != domain.SubjectPerson || a.Subject.ID != f.PersonID),
				!f.Title.IsZero() && a.Kind != f.Title,
				f.InForceOnly && a.Revocation != nil:
				continue
			}
			out = append(out, m.award(a))
		}
		return nil
	})
	rank := map[string]int{}
	for i, k := range domain.AwardKinds() {
		rank[k.String()] = i
	}
	slices.SortStableFunc(out, func(a, b Award) int {
		if a.Year != b.Year {
			return a.Year - b.Year
		}
		if ra, rb := rank[a.Title.Code], rank[b.Title.Code]; ra != rb {
			return ra - rb
		}
		if c := domain.CompareNames(a.Subject.Name, b.Subject.Name); c != 0 {
			return c
		}
		return compareStrings(a.AwardID, b.AwardID)
	})
	return out, err
}

// Get returns one award, or a domain error with ENOTFOUND.
func (q *Awards) Get(ctx context.Context, asOf AsOf, awardID string) (Award, error) {
	var out Award
	err := q.r.view(ctx, AwardsName, asOf, func(mm Model, _ uint64) error {
		m := mm.(*awardsModel)
		a := m.entries[awardID]
		if a == nil {
			return domain.Errorf(domain.ENOTFOUND, "award %s not found", awardID)
		}
		out = m.award(a)
		return nil
	})
	return out, err
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
