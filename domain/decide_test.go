package domain_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/tdkt/tdkt/domain"
)

// A decider test: given events (in any streams), when a command, then the
// events it decides, or an error with a code and, for a rule, the rule id
// and its catalog citation. The caller's part is played here: the target
// stream and every other stream of the given events are folded and passed
// in (so ClustersOfYear commands see every cluster).
type dcase struct {
	name  string
	given []domain.Event
	when  domain.Command
	now   domain.Date
	seq   uint64
	then  []domain.Event
	code  string // expected error code; "" means success
	rule  string // expected rule id of one of the errors
}

func runDecide(t *testing.T, cases []dcase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			byStream := map[string][]domain.Event{}
			for _, e := range tc.given {
				byStream[e.StreamID()] = append(byStream[e.StreamID()], e)
			}
			reads := map[string]domain.State{}
			for s, evs := range byStream {
				st, err := domain.Fold(s, evs...)
				if err != nil {
					t.Fatal(err)
				}
				reads[s] = st
			}
			state, err := domain.NewState(tc.when.Stream())
			if err != nil {
				t.Fatal(err)
			}
			if st, ok := reads[tc.when.Stream()]; ok {
				state = st
			}
			now := tc.now
			if now.IsZero() {
				now = xNow
			}
			got, err := domain.Decide(state, tc.when, now, domain.Env{Reads: reads, BasedOnSeq: tc.seq})
			if tc.code == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if !reflect.DeepEqual(got, tc.then) {
					t.Fatalf("events\n got %#v\nwant %#v", got, tc.then)
				}
				// The events apply: evolving moves the version by their
				// count.
				next := state
				for _, e := range got {
					next = domain.Evolve(next, e)
				}
				if next.Version() != state.Version()+len(got) {
					t.Fatalf("evolve: version %d → %d for %d events", state.Version(), next.Version(), len(got))
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, events %#v", got)
			}
			if c := domain.ErrorCode(err); c != tc.code && !hasCode(err, tc.code) {
				t.Fatalf("code %s, want %s: %v", c, tc.code, err)
			}
			if tc.rule != "" {
				e := findRule(err, tc.rule)
				if e == nil {
					t.Fatalf("no error with rule %s: %v", tc.rule, err)
				}
				r, rerr := domain.RuleByID(tc.rule)
				if rerr != nil {
					t.Fatal(rerr)
				}
				if e.Citation == "" || e.Citation != r.Citation {
					t.Fatalf("citation %q, want %q", e.Citation, r.Citation)
				}
			}
		})
	}
}

// walk yields every *domain.Error in err's tree, through errors.Join.
func walk(err error, f func(*domain.Error)) {
	var de *domain.Error
	if errors.As(err, &de) {
		f(de)
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			walk(e, f)
		}
	}
}

func findRule(err error, rule string) *domain.Error {
	var found *domain.Error
	walk(err, func(e *domain.Error) {
		if e.Rule == rule && found == nil {
			found = e
		}
	})
	return found
}

func hasCode(err error, code string) bool {
	ok := false
	walk(err, func(e *domain.Error) { ok = ok || e.Code == code })
	return ok
}

// Given-event builders.

func established(ids ...string) []domain.Event {
	var out []domain.Event
	for _, id := range ids {
		out = append(out, domain.UnitEstablished{UnitID: id, Name: "Đơn vị " + id[:8], Level: domain.LevelProvincial, Kind: domain.UnitKindProcuracy})
	}
	return out
}

func givenUnits() []domain.Event { return established(xParent, xUnitA, xUnitB, xUnitC, xUnitD) }

func givenPerson() []domain.Event {
	return []domain.Event{domain.PersonRecruited{PersonID: xPerson, FullName: "Nguyễn Văn Ánh (hư cấu)", UnitID: xUnitA}}
}

func givenCouncil(kind domain.CouncilKind, id string) domain.Event {
	return domain.CouncilConstituted{CouncilID: id, Kind: kind, Name: "Hội đồng Thi đua - Khen thưởng", OwnerUnitID: xUnitA, DecisionNo: doc("98/QĐ-VKSTC"), Members: xMembers()}
}

func clusterFormed(id string, year int, members ...string) domain.Event {
	return domain.ClusterFormed{ClusterID: id, Kind: domain.ClusterKindCluster, Name: "Cụm thi đua", Year: year, OrganizerCouncilID: xCouncil, MemberUnitIDs: members}
}

func concat(parts ...[]domain.Event) []domain.Event {
	var out []domain.Event
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func ev(es ...domain.Event) []domain.Event { return es }

// sample returns the sample command of type T from commandSamples.
func sample[T domain.Command]() T {
	for _, c := range commandSamples() {
		if v, ok := c.(T); ok {
			return v
		}
	}
	panic("no sample")
}

// TestEvolveHandlesEveryEvent checks each aggregate's Evolve switch: every
// sample event, applied to the empty state of its own stream, moves the
// version to 1.
func TestEvolveHandlesEveryEvent(t *testing.T) {
	for _, e := range samples() {
		t.Run(e.EventType(), func(t *testing.T) {
			s, err := domain.NewState(e.StreamID())
			if err != nil {
				t.Fatal(err)
			}
			if v := domain.Evolve(s, e).Version(); v != 1 {
				t.Fatalf("%s not handled by the state of %s", e.EventType(), e.StreamID())
			}
			if s.Version() != 0 {
				t.Fatalf("Evolve changed its input")
			}
		})
	}
}
