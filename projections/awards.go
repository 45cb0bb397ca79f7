package projections

import (
	"context"
	"slices"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
)

// AwardsName is the name of the awards register projection.
const AwardsName = "awards"

type awardEntry struct {
	AwardID    string         `json:"awardId"`
	DecisionID string         `json:"decisionId"`
	DecisionNo string         `json:"decisionNo"`
	DecidedOn  string         `json:"decidedOn"`
	Issuer     string         `json:"issuer"`
	IssuerRole string         `json:"issuerRole"`
	Proposal   string         `json:"proposal,omitempty"`
	Subject    domain.Subject `json:"subject"`
	Kind       string         `json:"kind"`
	Year       int            `json:"year"`
	BasedOnSeq uint64         `json:"basedOnSeq"`
	Basis      *DocRef        `json:"basis,omitempty"`
	Recorded   Recorded       `json:"recorded"`
	Revocation *Revocation    `json:"revocation,omitempty"`
	Amendments []Amendment    `json:"amendments,omitempty"`
	Conferred  *Conferral     `json:"conferred,omitempty"`
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
	N         names                  `json:"names"`
	Entries   map[string]*awardEntry `json:"entries"`
	Decisions map[string][]string    `json:"decisions"`
}

func newAwardsModel() Model {
	return &awardsModel{N: newNames(), Entries: map[string]*awardEntry{}, Decisions: map[string][]string{}}
}

// AwardsProjection returns the definition of the awards register.
func AwardsProjection() Projection {
	return Projection{Name: AwardsName, New: newAwardsModel, Unknown: Skip, Types: withTypes(
		domain.EventAwardDecided, domain.EventAwardRevoked, domain.EventAwardAmended, domain.EventAwardConferred)}
}

func (m *awardsModel) Apply(rec eventstore.RecordedEvent, ev domain.Event) error {
	m.N.apply(rec, ev)
	d := validDate(rec)
	switch e := ev.(type) {
	case domain.AwardDecided:
		for _, a := range e.Awards {
			m.Entries[a.AwardID] = &awardEntry{AwardID: a.AwardID, DecisionID: e.DecisionID, DecisionNo: e.DecisionNo.String(),
				DecidedOn: d, Issuer: e.IssuerUnitID, IssuerRole: e.IssuerRole, Proposal: a.ProposalID, Subject: a.Subject,
				Kind: a.AwardKind.String(), Year: a.Year, BasedOnSeq: e.BasedOnSeq, Basis: basisRef(rec), Recorded: recorded(rec)}
			m.Decisions[e.DecisionID] = append(m.Decisions[e.DecisionID], a.AwardID)
		}
	case domain.AwardRevoked:
		for _, id := range e.AwardIDs {
			if a := m.Entries[id]; a != nil {
				a.Revocation = &Revocation{DecisionNo: e.RevokingDecisionNo.String(), Date: d, Ground: e.Ground.String(),
					GroundLabel: e.Ground.Label(), InsigniaRecovered: e.InsigniaRecovered, CashRecoveredVND: e.CashRecoveredVND, Recorded: recorded(rec)}
			}
		}
	case domain.AwardAmended:
		ids := m.Decisions[e.DecisionID]
		if e.AwardID != "" {
			ids = []string{e.AwardID}
		}
		for _, id := range ids {
			if a := m.Entries[id]; a != nil {
				a.Amendments = append(a.Amendments, Amendment{e.Field, e.OldValue, e.NewValue, e.CorrectingDecisionNo.String(), recorded(rec)})
			}
		}
	case domain.AwardConferred:
		for _, id := range m.Decisions[e.DecisionID] {
			if a := m.Entries[id]; a != nil {
				a.Conferred = &Conferral{Date: d, Place: e.Place, Presenter: e.Presenter}
			}
		}
	}
	return nil
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
	k, _ := domain.ParseAwardKind(a.Kind)
	out := Award{AwardID: a.AwardID, Subject: m.N.subject(a.Subject), Title: kindRef(k), IsTitle: k.IsTitle(), Year: a.Year,
		DecisionID: a.DecisionID, DecisionNo: a.DecisionNo, DecidedOn: a.DecidedOn, Issuer: UnitRef{a.Issuer, m.N.unit(a.Issuer, a.DecidedOn)},
		IssuerRole: a.IssuerRole, ProposalID: a.Proposal, BasedOnSeq: a.BasedOnSeq, Status: "inForce", StatusLabel: "Còn hiệu lực",
		Revocation: a.Revocation, Amendments: a.Amendments, Conferred: a.Conferred, Recorded: a.Recorded}
	if a.Basis != nil && a.Basis.Date != "" {
		out.DecidedOn = a.Basis.Date
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
		for _, a := range m.Entries {
			switch {
			case f.Year != 0 && a.Year != f.Year,
				f.UnitID != "" && (a.Subject.Kind != domain.SubjectUnit || a.Subject.ID != f.UnitID),
				f.PersonID != "" && (a.Subject.Kind != domain.SubjectPerson || a.Subject.ID != f.PersonID),
				!f.Title.IsZero() && a.Kind != f.Title.String(),
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
		a := m.Entries[awardID]
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
