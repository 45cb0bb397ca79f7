package projections

import (
	"slices"
	"time"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
)

// validDate is an event's valid time as a date "YYYY-MM-DD": the envelope's
// effective date; else 1 January of its effective year; else the date of
// recordedAt (transaction time, the best a fact with no valid time has).
func validDate(rec eventstore.RecordedEvent) string {
	if rec.Effective.Date != "" {
		return rec.Effective.Date
	}
	if rec.Effective.Year > 0 {
		return domain.YearEnd(rec.Effective.Year - 1).AddDays(1).String()
	}
	return domain.DateOf(rec.RecordedAt).String()
}

// dateLabel formats "YYYY-MM-DD" as dd/mm/yyyy, or "" for "".
func dateLabel(s string) string {
	d, err := domain.ParseDate(s)
	if err != nil {
		return s
	}
	return d.Label()
}

// DocRef is an official document cited by an event: its number, date and
// issuer.
type DocRef struct {
	Number string `json:"number,omitempty"`
	Date   string `json:"date,omitempty"`
	Issuer string `json:"issuer,omitempty"`
}

func basisRef(rec eventstore.RecordedEvent) *DocRef {
	if rec.Basis == nil {
		return nil
	}
	return &DocRef{Number: rec.Basis.Number, Date: rec.Basis.Date, Issuer: rec.Basis.Issuer}
}

// Recorded is the transaction-time stamp of a fact: the event that
// recorded it.
type Recorded struct {
	Seq        uint64    `json:"seq"`
	EventID    string    `json:"eventId"`
	RecordedAt time.Time `json:"recordedAt"`
}

func recorded(rec eventstore.RecordedEvent) Recorded {
	return Recorded{Seq: rec.Seq, EventID: rec.ID.String(), RecordedAt: rec.RecordedAt}
}

// AwardKindRef is an award kind with its Vietnamese label.
type AwardKindRef struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

func kindRef(k domain.AwardKind) AwardKindRef {
	return AwardKindRef{Code: k.String(), Label: k.Label()}
}

func kindRefs(ks []domain.AwardKind) []AwardKindRef {
	out := make([]AwardKindRef, 0, len(ks))
	for _, k := range ks {
		out = append(out, kindRef(k))
	}
	return out
}

// names keeps the display names of units, people, clusters and councils,
// each with its history by valid date, for models that show names.
type names struct {
	Units    map[string][]dated `json:"units"`
	Persons  map[string]string  `json:"persons"`
	Clusters map[string][]dated `json:"clusters"`
	Councils map[string]string  `json:"councils"`
}

// dated is a value that holds from a valid date on, with the seq of the
// event that recorded it (transaction time, for as-of answers that filter
// the live model: see lastBefore).
type dated struct {
	From  string `json:"from"`
	Value string `json:"value"`
	Seq   uint64 `json:"seq"`
}

func newNames() names {
	return names{Units: map[string][]dated{}, Persons: map[string]string{}, Clusters: map[string][]dated{}, Councils: map[string]string{}}
}

// nameTypes are the event types names needs.
var nameTypes = []string{
	domain.EventUnitEstablished, domain.EventUnitRenamed, domain.EventPersonRecruited,
	domain.EventClusterFormed, domain.EventClusterRenamed, domain.EventCouncilConstituted,
}

func (n *names) apply(rec eventstore.RecordedEvent, ev domain.Event) {
	switch e := ev.(type) {
	case domain.UnitEstablished:
		n.Units[e.UnitID] = append(n.Units[e.UnitID], dated{validDate(rec), e.Name, rec.Seq})
	case domain.UnitRenamed:
		n.Units[e.UnitID] = appendDated(n.Units[e.UnitID], dated{validDate(rec), e.NewName, rec.Seq})
	case domain.PersonRecruited:
		n.Persons[e.PersonID] = e.FullName
	case domain.ClusterFormed:
		n.Clusters[e.ClusterID] = append(n.Clusters[e.ClusterID], dated{validDate(rec), e.Name, rec.Seq})
	case domain.ClusterRenamed:
		n.Clusters[e.ClusterID] = appendDated(n.Clusters[e.ClusterID], dated{validDate(rec), e.NewName, rec.Seq})
	case domain.CouncilConstituted:
		n.Councils[e.CouncilID] = e.Name
	}
}

// appendDated inserts v keeping the list sorted by From (a rename may be
// recorded after a later one, with an earlier effective date); among equal
// dates the later recorded wins.
func appendDated(l []dated, v dated) []dated {
	i := len(l)
	for i > 0 && l[i-1].From > v.From {
		i--
	}
	return slices.Insert(l, i, v)
}

// at returns the value holding on date (the latest if date is ""), or the
// first known value if date is before all of them.
func at(l []dated, date string) string {
	if len(l) == 0 {
		return ""
	}
	if date == "" {
		return l[len(l)-1].Value
	}
	v := l[0].Value
	for _, d := range l {
		if d.From <= date {
			v = d.Value
		}
	}
	return v
}

// lastBefore is at(l, "") as of upTo: the latest value among those recorded
// before seq upTo, or "". Inserting into l never reorders what is already
// there, so l without the values recorded at or after upTo is exactly the
// list a ledger truncated at upTo builds.
func lastBefore(l []dated, upTo uint64) string {
	for i := len(l) - 1; i >= 0; i-- {
		if l[i].Seq < upTo {
			return l[i].Value
		}
	}
	return ""
}

// unitAsOf is unit(id, "") as known from the events before seq upTo.
func (n *names) unitAsOf(id string, upTo uint64) string {
	if v := lastBefore(n.Units[id], upTo); v != "" {
		return v
	}
	return id
}

// clusterAsOf is cluster(id, "") as known from the events before seq upTo.
func (n *names) clusterAsOf(id string, upTo uint64) string {
	if v := lastBefore(n.Clusters[id], upTo); v != "" {
		return v
	}
	return id
}

func (n *names) unit(id, date string) string {
	if v := at(n.Units[id], date); v != "" {
		return v
	}
	return id
}

func (n *names) person(id string) string {
	if v := n.Persons[id]; v != "" {
		return v
	}
	return id
}

func (n *names) cluster(id, date string) string {
	if v := at(n.Clusters[id], date); v != "" {
		return v
	}
	return id
}

func (n *names) council(id string) string {
	if v := n.Councils[id]; v != "" {
		return v
	}
	return id
}

// SubjectRef is a person or unit with its display name.
type SubjectRef struct {
	Kind string `json:"kind"`
	ID   string `json:"id"`
	Name string `json:"name"`
}

func (n *names) subject(s domain.Subject) SubjectRef {
	r := SubjectRef{Kind: s.Kind.String(), ID: s.ID}
	if s.Kind == domain.SubjectUnit {
		r.Name = n.unit(s.ID, "")
	} else {
		r.Name = n.person(s.ID)
	}
	return r
}

// sortByName sorts xs by Vietnamese collation of name(x), then by key(x).
func sortByName[T any](xs []T, name, key func(T) string) {
	slices.SortStableFunc(xs, func(a, b T) int {
		if c := domain.CompareNames(name(a), name(b)); c != 0 {
			return c
		}
		switch ka, kb := key(a), key(b); {
		case ka < kb:
			return -1
		case ka > kb:
			return 1
		}
		return 0
	})
}

func withTypes(extra ...string) []string {
	return append(slices.Clone(nameTypes), extra...)
}
