package demo

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tdkt/tdkt/domain"
)

// Ledger is an in-memory ledger the demo replays into: the events in their
// global order, and each stream's events and folded state. It is the
// smallest command runner that does what the api's pipeline does — fold
// the target stream and the streams the command reads, decide, append —
// without storage, ids of envelopes or authentication.
type Ledger struct {
	events   []Recorded
	streams  map[string][]domain.Event
	states   map[string]domain.State
	clusters []string // cluster streams, in the order they were first written
}

// Recorded is one event as the Ledger recorded it.
type Recorded struct {
	// Seq is the event's 0-based position in the ledger.
	Seq uint64
	// Step is the index of the step that produced it.
	Step int
	// Stream is the event's stream; Revision its 0-based position there.
	Stream   string
	Revision int
	// Date is the step's date: the event's effective date.
	Date  domain.Date
	Event domain.Event
}

// NewLedger returns an empty ledger.
func NewLedger() *Ledger {
	return &Ledger{streams: map[string][]domain.Event{}, states: map[string]domain.State{}}
}

// Events returns the recorded events in order. The slice is a copy.
func (l *Ledger) Events() []Recorded { return slices.Clone(l.events) }

// Stream returns the events of stream, in order. The slice is a copy.
func (l *Ledger) Stream(stream string) []domain.Event { return slices.Clone(l.streams[stream]) }

// State returns the folded state of stream (its empty state if never
// written), or nil for a stream no aggregate owns.
func (l *Ledger) State(stream string) domain.State {
	if s, ok := l.states[stream]; ok {
		return s
	}
	s, err := domain.NewState(stream)
	if err != nil {
		return nil
	}
	return s
}

// Apply decides step's command against the ledger and appends the events
// it returns. The decider sees the folded target stream, every stream the
// command reads, and — for a domain.ClustersOfYear command — every cluster
// formed for that year; now is the step's date and Env.BasedOnSeq the
// number of events recorded so far. On error nothing is written.
func (l *Ledger) Apply(index int, step Step) ([]domain.Event, error) {
	cmd := step.Command
	if cmd == nil {
		return nil, domain.Errorf(domain.EINVALID, "command: required")
	}
	reads := map[string]domain.State{}
	for _, s := range cmd.Reads() {
		if st := l.State(s); st != nil {
			reads[s] = st
		}
	}
	if c, ok := cmd.(domain.ClustersOfYear); ok {
		for _, s := range l.clusters {
			if cs, ok := l.states[s].(domain.ClusterState); ok && cs.Year() == c.ClustersYear() {
				reads[s] = cs
			}
		}
	}
	target := cmd.Stream()
	state := l.State(target)
	if state == nil {
		return nil, domain.Errorf(domain.EINVALID, "stream %q: unknown aggregate", target)
	}
	evs, err := domain.Decide(state, cmd, step.Date, domain.Env{Reads: reads, BasedOnSeq: uint64(len(l.events))})
	if err != nil {
		return nil, err
	}
	for _, e := range evs {
		if _, ok := l.states[target]; !ok && strings.HasPrefix(target, "cluster-") {
			l.clusters = append(l.clusters, target)
		}
		l.events = append(l.events, Recorded{Seq: uint64(len(l.events)), Step: index, Stream: target, Revision: len(l.streams[target]), Date: step.Date, Event: e})
		l.streams[target] = append(l.streams[target], e)
		state = domain.Evolve(state, e)
		l.states[target] = state
	}
	return evs, nil
}

// Replay applies steps in order to a new Ledger. Every step without Expect
// must succeed; every step with Expect must fail as it says (and so writes
// nothing). The first step that does otherwise stops the replay with an
// error naming it; the ledger is returned as it stood.
func Replay(steps []Step) (*Ledger, error) {
	l := NewLedger()
	var last domain.Date
	for i, s := range steps {
		if s.Date.IsZero() || s.Date.Before(last) {
			return l, fmt.Errorf("bước %d (%s): ngày %s trước bước trước (%s)", i, s.CommandName(), s.Date, last)
		}
		last = s.Date
		_, err := l.Apply(i, s)
		switch {
		case s.Expect == nil && err != nil:
			return l, fmt.Errorf("bước %d (%s, %s, %s): %w", i, s.CommandName(), s.Date, s.Note, err)
		case s.Expect != nil:
			if merr := s.Expect.Match(err); merr != nil {
				return l, fmt.Errorf("bước %d (%s, %s, %s): %w", i, s.CommandName(), s.Date, s.Note, merr)
			}
		}
	}
	return l, nil
}
