package projections

import (
	"context"
	"slices"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
)

// RegistrationsName is the name of the registrations and covenants
// projection: emulation registrations (đăng ký thi đua) with their
// amendments and withdrawals, and the covenants (giao ước) signed in each
// cluster.
const RegistrationsName = "registrations"

type registrationRec struct {
	ID          string              `json:"id"`
	Subject     domain.Subject      `json:"subject"`
	Year        int                 `json:"year"`
	Original    []string            `json:"original"`
	Targets     []string            `json:"targets"`
	ViaUnit     string              `json:"viaUnit,omitempty"`
	ViaCluster  string              `json:"viaCluster,omitempty"`
	SubmittedOn string              `json:"submittedOn"`
	Amendments  []RegistrationEdit  `json:"amendments"`
	Withdrawal  *RegistrationWithdr `json:"withdrawal,omitempty"`
	Recorded    Recorded            `json:"recorded"`
}

// RegistrationEdit is an amendment of a registration's targets.
type RegistrationEdit struct {
	Date     string         `json:"date"`
	Targets  []AwardKindRef `json:"targets"`
	Reason   string         `json:"reason"`
	Recorded Recorded       `json:"recorded"`
}

// RegistrationWithdr is the withdrawal of a registration.
type RegistrationWithdr struct {
	Date     string   `json:"date"`
	Reason   string   `json:"reason"`
	Recorded Recorded `json:"recorded"`
}

type covenantRec struct {
	ID          string             `json:"id"`
	Cluster     string             `json:"cluster"`
	Year        int                `json:"year"`
	Signatories []domain.Signatory `json:"signatories"`
	Targets     []string           `json:"targets,omitempty"`
	Criteria    []string           `json:"criteria,omitempty"`
	SignedOn    string             `json:"signedOn"`
	Basis       *DocRef            `json:"basis,omitempty"`
	Recorded    Recorded           `json:"recorded"`
}

type registrationsModel struct {
	N         names                       `json:"names"`
	Regs      map[string]*registrationRec `json:"regs"`
	Covenants map[string]*covenantRec     `json:"covenants"`
}

func newRegistrationsModel() Model {
	return &registrationsModel{N: newNames(), Regs: map[string]*registrationRec{}, Covenants: map[string]*covenantRec{}}
}

// RegistrationsProjection returns the definition of the registrations and
// covenants projection.
func RegistrationsProjection() Projection {
	return Projection{Name: RegistrationsName, New: newRegistrationsModel, Unknown: Skip, Types: withTypes(
		domain.EventEmulationRegistrationSubmitted, domain.EventEmulationRegistrationAmended,
		domain.EventEmulationRegistrationWithdrawn, domain.EventCovenantSigned)}
}

func (m *registrationsModel) Apply(rec eventstore.RecordedEvent, ev domain.Event) error {
	m.N.apply(rec, ev)
	d := validDate(rec)
	switch e := ev.(type) {
	case domain.EmulationRegistrationSubmitted:
		m.Regs[e.RegistrationID] = &registrationRec{ID: e.RegistrationID, Subject: e.Subject, Year: e.Year, Original: codes(e.Targets),
			Targets: codes(e.Targets), ViaUnit: e.ViaUnitID, ViaCluster: e.ViaClusterID, SubmittedOn: d, Amendments: []RegistrationEdit{}, Recorded: recorded(rec)}
	case domain.EmulationRegistrationAmended:
		if r := m.Regs[e.RegistrationID]; r != nil {
			r.Targets = codes(e.Targets)
			r.Amendments = append(r.Amendments, RegistrationEdit{Date: d, Targets: kindRefs(e.Targets), Reason: e.Reason, Recorded: recorded(rec)})
		}
	case domain.EmulationRegistrationWithdrawn:
		if r := m.Regs[e.RegistrationID]; r != nil {
			r.Withdrawal = &RegistrationWithdr{Date: d, Reason: e.Reason, Recorded: recorded(rec)}
		}
	case domain.CovenantSigned:
		c := &covenantRec{ID: e.CovenantID, Cluster: e.ClusterID, Year: e.Year, Signatories: slices.Clone(e.Signatories),
			Targets: slices.Clone(e.Targets), SignedOn: d, Basis: basisRef(rec), Recorded: recorded(rec)}
		for _, cr := range e.CriteriaRefs {
			c.Criteria = append(c.Criteria, cr.String())
		}
		m.Covenants[e.CovenantID] = c
	}
	return nil
}

// Registration is an emulation registration: the titles a unit or person
// registered for a year, as amended, and whether it was withdrawn.
type Registration struct {
	ID      string     `json:"id"`
	Subject SubjectRef `json:"subject"`
	Year    int        `json:"year"`
	// Targets are the titles registered now (after amendments);
	// Original those first submitted.
	Targets     []AwardKindRef      `json:"targets"`
	Original    []AwardKindRef      `json:"original"`
	Via         *UnitRef            `json:"via,omitempty"`
	Cluster     *ClusterRef         `json:"cluster,omitempty"`
	SubmittedOn string              `json:"submittedOn"`
	Status      string              `json:"status"` // active, withdrawn
	StatusLabel string              `json:"statusLabel"`
	Amendments  []RegistrationEdit  `json:"amendments"`
	Withdrawal  *RegistrationWithdr `json:"withdrawal,omitempty"`
	Recorded    Recorded            `json:"recorded"`
}

// RegistrationFilter selects registrations; zero fields select everything.
type RegistrationFilter struct {
	Year int
	// UnitID selects the unit's own registrations and those submitted
	// through it (its staff's).
	UnitID    string
	PersonID  string
	ClusterID string
	// ActiveOnly leaves withdrawn registrations out.
	ActiveOnly bool
}

func (m *registrationsModel) registration(r *registrationRec) Registration {
	out := Registration{ID: r.ID, Subject: m.N.subject(r.Subject), Year: r.Year, Targets: kindRefs(parseKinds(r.Targets)),
		Original: kindRefs(parseKinds(r.Original)), SubmittedOn: r.SubmittedOn, Status: "active", StatusLabel: "Đang đăng ký",
		Amendments: r.Amendments, Withdrawal: r.Withdrawal, Recorded: r.Recorded}
	if r.ViaUnit != "" {
		out.Via = &UnitRef{r.ViaUnit, m.N.unit(r.ViaUnit, r.SubmittedOn)}
	}
	if r.ViaCluster != "" {
		out.Cluster = &ClusterRef{ID: r.ViaCluster, Name: m.N.cluster(r.ViaCluster, r.SubmittedOn)}
	}
	if r.Withdrawal != nil {
		out.Status, out.StatusLabel = "withdrawn", "Đã rút đăng ký"
	}
	return out
}

// Registrations answers queries on registrations and covenants.
type Registrations struct{ r *Runner }

// NewRegistrations returns the registration and covenant queries over r.
func NewRegistrations(r *Runner) *Registrations { return &Registrations{r} }

// List returns the registrations that match f, by year then subject name.
func (q *Registrations) List(ctx context.Context, asOf AsOf, f RegistrationFilter) ([]Registration, error) {
	out := []Registration{}
	err := q.r.view(ctx, RegistrationsName, asOf, func(mm Model, _ uint64) error {
		m := mm.(*registrationsModel)
		for _, r := range m.Regs {
			switch {
			case f.Year != 0 && r.Year != f.Year,
				f.UnitID != "" && !(r.Subject == domain.Unit(f.UnitID) || r.ViaUnit == f.UnitID),
				f.PersonID != "" && r.Subject != domain.Person(f.PersonID),
				f.ClusterID != "" && r.ViaCluster != f.ClusterID,
				f.ActiveOnly && r.Withdrawal != nil:
				continue
			}
			out = append(out, m.registration(r))
		}
		return nil
	})
	sortByName(out, func(r Registration) string { return r.Subject.Name }, func(r Registration) string { return r.ID })
	slices.SortStableFunc(out, func(a, b Registration) int { return a.Year - b.Year })
	return out, err
}

// Covenant is a covenant (giao ước thi đua) signed in a cluster for a year.
type Covenant struct {
	ID          string      `json:"id"`
	Cluster     ClusterRef  `json:"cluster"`
	Year        int         `json:"year"`
	SignedOn    string      `json:"signedOn"`
	Signatories []Signatory `json:"signatories"`
	Targets     []string    `json:"targets"`
	Criteria    []string    `json:"criteria"`
	Basis       *DocRef     `json:"basis,omitempty"`
	Recorded    Recorded    `json:"recorded"`
}

// Signatory is a unit and the person who signed for it.
type Signatory struct {
	Unit   UnitRef `json:"unit"`
	Person Person  `json:"person"`
}

// Covenants returns the covenants of year (0: every year) in clusterID
// ("" : every cluster), by cluster name then date.
func (q *Registrations) Covenants(ctx context.Context, asOf AsOf, year int, clusterID string) ([]Covenant, error) {
	out := []Covenant{}
	err := q.r.view(ctx, RegistrationsName, asOf, func(mm Model, _ uint64) error {
		m := mm.(*registrationsModel)
		for _, c := range m.Covenants {
			if year != 0 && c.Year != year || clusterID != "" && c.Cluster != clusterID {
				continue
			}
			cv := Covenant{ID: c.ID, Cluster: ClusterRef{ID: c.Cluster, Name: m.N.cluster(c.Cluster, c.SignedOn)}, Year: c.Year, SignedOn: c.SignedOn,
				Signatories: []Signatory{}, Targets: append([]string{}, c.Targets...), Criteria: append([]string{}, c.Criteria...), Basis: c.Basis, Recorded: c.Recorded}
			for _, s := range c.Signatories {
				cv.Signatories = append(cv.Signatories, Signatory{Unit: UnitRef{s.UnitID, m.N.unit(s.UnitID, c.SignedOn)}, Person: Person{ID: s.PersonID, Name: m.N.person(s.PersonID)}})
			}
			out = append(out, cv)
		}
		return nil
	})
	slices.SortStableFunc(out, func(a, b Covenant) int {
		if c := domain.CompareNames(a.Cluster.Name, b.Cluster.Name); c != 0 {
			return c
		}
		if c := compareStrings(a.SignedOn, b.SignedOn); c != 0 {
			return c
		}
		return compareStrings(a.ID, b.ID)
	})
	return out, err
}
