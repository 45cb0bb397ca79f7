package domain

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/google/uuid"
)

// Deciders: Decide(state, cmd, now, env) checks a command against the
// state of its aggregate (and the states of the streams it reads) and
// returns the events to append; Evolve(state, event) applies one event.
// Both are pure: time, the ledger head and the states of other streams
// come in as arguments.

// State is the folded state of one aggregate stream. Each aggregate has its
// own type (UnitState, PersonState, CouncilState, ClusterState, …) with
// unexported fields behind getters; they change only through Evolve.
type State interface {
	// Stream returns the stream the state was folded from.
	Stream() string
	// Version returns how many events have been applied: 0 for a stream
	// never written.
	Version() int
}

// Env carries what a decision needs besides the aggregate's own state and
// the business date.
type Env struct {
	// Reads holds the folded states of the streams cmd.Reads() names (and,
	// for a ClustersOfYear command, of the clusters of that year), keyed by
	// stream. A missing stream is taken as never written.
	Reads map[string]State
	// BasedOnSeq is the ledger head the caller read the states at; it is
	// recorded on decisions (AwardDecided, AwardRejected,
	// ClusterLeaderAcclaimed, ClusterRankingFinalized,
	// ClusterReorganizationPlanDecided).
	BasedOnSeq uint64
	// Policy holds the thresholds the rules read; nil means DefaultPolicy().
	Policy *Policy
}

func (e Env) policy() Policy {
	if e.Policy != nil {
		return *e.Policy
	}
	return DefaultPolicy()
}

// read returns the state of stream from Reads, or its empty state.
func (e Env) read(stream string) State {
	if s, ok := e.Reads[stream]; ok && s != nil {
		return s
	}
	s, err := NewState(stream)
	if err != nil {
		return nil
	}
	return s
}

// Decide decides cmd against state, the folded state of cmd.Stream() (nil
// for a stream never written), on the business date now. It normalizes and
// validates the command first. It returns the events to append to
// cmd.Stream() — possibly none, when the command is an idempotent repeat —
// or an error: *Error values with EINVALID (malformed command or a rule
// broken, with Rule and Citation), ENOTFOUND (a stream the command needs
// does not exist) or ECONFLICT (the command conflicts with the state),
// joined with errors.Join when several checks fail.
func Decide(state State, cmd Command, now Date, env Env) ([]Event, error) {
	if cmd == nil {
		return nil, Errorf(EINVALID, "command: required")
	}
	if n, ok := cmd.(normalizer); ok {
		cmd = n.normalized()
	}
	if err := cmd.Validate(); err != nil {
		return nil, err
	}
	if now.IsZero() {
		return nil, Errorf(EINVALID, "now: required")
	}
	if state == nil {
		s, err := NewState(cmd.Stream())
		if err != nil {
			return nil, err
		}
		state = s
	}
	if state.Stream() != cmd.Stream() {
		return nil, Errorf(EINVALID, "%s: state is of stream %s, command targets %s", cmd.CommandName(), state.Stream(), cmd.Stream())
	}
	d := decision{now: now, env: env}
	var evs []Event
	var err error
	switch s := state.(type) {
	case UnitState:
		evs, err = decideUnit(s, cmd, d)
	case PersonState:
		evs, err = decidePerson(s, cmd, d)
	case CouncilState:
		evs, err = decideCouncil(s, cmd, d)
	case ClusterState:
		evs, err = decideCluster(s, cmd, d)
	case PlanState:
		evs, err = decidePlan(s, cmd, d)
	case MovementState:
		evs, err = decideMovement(s, cmd, d)
	case EmulationPlanState:
		evs, err = decideEmulationPlan(s, cmd, d)
	case RegistrationState:
		evs, err = decideRegistration(s, cmd, d)
	case CovenantState:
		evs, err = decideCovenant(s, cmd, d)
	case SchemeState:
		evs, err = decideScheme(s, cmd, d)
	case ScorecardState:
		evs, err = decideScorecard(s, cmd, d)
	case InitiativeState:
		evs, err = decideInitiative(s, cmd, d)
	case ResearchState:
		evs, err = decideResearch(s, cmd, d)
	case ProposalState:
		evs, err = decideProposal(s, cmd, d)
	case ConsultationState:
		evs, err = decideConsultation(s, cmd, d)
	case DecisionState:
		evs, err = decideDecision(s, cmd, d)
	case DeadlinesState:
		evs, err = decideDeadlines(s, cmd, d)
	default:
		return nil, Errorf(EINTERNAL, "no decider for state %T", state)
	}
	if err != nil {
		return nil, err
	}
	// Every event must be valid and belong to the command's stream: a
	// decider bug must not reach the ledger.
	for _, e := range evs {
		if e.StreamID() != cmd.Stream() {
			return nil, Errorf(EINTERNAL, "%s: event %s for stream %s, not %s", cmd.CommandName(), e.EventType(), e.StreamID(), cmd.Stream())
		}
		if err := e.Validate(); err != nil {
			return nil, err
		}
	}
	return evs, nil
}

// decision is the context a decider gets.
type decision struct {
	now Date
	env Env
}

// NewState returns the empty state of stream, by its prefix
// ("cluster-…" gives a ClusterState), or an *Error with EINVALID for a
// stream no aggregate owns.
func NewState(stream string) (State, error) {
	prefix, id, ok := strings.Cut(stream, "-")
	if !ok || id == "" {
		return nil, Errorf(EINVALID, "stream %q: not <aggregate>-<id>", stream)
	}
	switch prefix {
	case "unit":
		return UnitState{subjectState: subjectState{stream: stream, id: id}}, nil
	case "person":
		return PersonState{subjectState: subjectState{stream: stream, id: id}}, nil
	case "council":
		return CouncilState{stream: stream, id: id}, nil
	case "cluster":
		return ClusterState{stream: stream, id: id}, nil
	case "plan":
		return PlanState{stream: stream, id: id}, nil
	case "movement":
		return MovementState{stream: stream, id: id}, nil
	case "emulationplan":
		return EmulationPlanState{stream: stream, id: id}, nil
	case "registration":
		return RegistrationState{stream: stream, id: id}, nil
	case "covenant":
		return CovenantState{stream: stream, id: id}, nil
	case "scheme":
		return SchemeState{stream: stream, id: id}, nil
	case "scorecard":
		return ScorecardState{stream: stream, id: id}, nil
	case "initiative":
		return InitiativeState{stream: stream, id: id}, nil
	case "research":
		return ResearchState{stream: stream, id: id}, nil
	case "award":
		return ProposalState{stream: stream, id: id}, nil
	case "consultation":
		return ConsultationState{stream: stream, id: id}, nil
	case "decision":
		return DecisionState{stream: stream, id: id}, nil
	case "deadlines":
		return DeadlinesState{stream: stream, id: id}, nil
	}
	return nil, Errorf(EINVALID, "stream %q: unknown aggregate %q", stream, prefix)
}

// Evolve applies e to s and returns the new state; s itself is not
// changed. An event of another aggregate's type leaves s as it is (its
// Version does not move), so a test can tell that every event type of an
// aggregate is handled.
func Evolve(s State, e Event) State {
	switch s := s.(type) {
	case UnitState:
		return evolveUnit(s, e)
	case PersonState:
		return evolvePerson(s, e)
	case CouncilState:
		return evolveCouncil(s, e)
	case ClusterState:
		return evolveCluster(s, e)
	case PlanState:
		return evolvePlan(s, e)
	case MovementState:
		return evolveMovement(s, e)
	case EmulationPlanState:
		return evolveEmulationPlan(s, e)
	case RegistrationState:
		return evolveRegistration(s, e)
	case CovenantState:
		return evolveCovenant(s, e)
	case SchemeState:
		return evolveScheme(s, e)
	case ScorecardState:
		return evolveScorecard(s, e)
	case InitiativeState:
		return evolveInitiative(s, e)
	case ResearchState:
		return evolveResearch(s, e)
	case ProposalState:
		return evolveProposal(s, e)
	case ConsultationState:
		return evolveConsultation(s, e)
	case DecisionState:
		return evolveDecision(s, e)
	case DeadlinesState:
		return evolveDeadlines(s, e)
	}
	return s
}

// Fold returns the state of stream after events, in stream order.
func Fold(stream string, events ...Event) (State, error) {
	s, err := NewState(stream)
	if err != nil {
		return nil, err
	}
	for _, e := range events {
		s = Evolve(s, e)
	}
	return s, nil
}

// ---------------------------------------------------------------------------
// Errors.

// violation returns the *Error for a broken rule: the rule's id and its
// citation from the catalog (RuleByID), and a Vietnamese message that
// starts with both.
func violation(code, rule, format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...)
	e := &Error{Code: code, Message: msg, Rule: rule}
	if r, err := RuleByID(rule); err == nil {
		e.Citation = r.Citation
		e.Message = fmt.Sprintf("%s (%s): %s", r.ID, r.Citation, msg)
	}
	return e
}

// flagged returns the violation of a flag rule (RuleMode flag) unless the
// command acknowledged it: a person who has read the warning may decide
// anyway, and the acknowledgement is in the command the audit trail keeps.
func flagged(ack []string, code, rule, format string, args ...any) *Error {
	for _, a := range ack {
		if a == rule {
			return nil
		}
	}
	e := violation(code, rule, format, args...)
	e.Message += " (cảnh báo: ghi mã quy tắc trong acknowledgedRules để vẫn thực hiện)"
	return e
}

func conflictf(format string, args ...any) *Error { return Errorf(ECONFLICT, format, args...) }

func notFoundf(format string, args ...any) *Error { return Errorf(ENOTFOUND, format, args...) }

// problems collects the failures of one decision.
type problems []error

func (p *problems) add(err *Error) {
	if err != nil {
		*p = append(*p, err)
	}
}

func (p problems) err() error {
	switch len(p) {
	case 0:
		return nil
	case 1:
		return p[0]
	}
	return errors.Join(p...)
}

// ---------------------------------------------------------------------------
// Helpers shared by the deciders.

// same reports whether a stored creation event equals the one a repeated
// command would create: then the command is an idempotent retry.
func same(stored, fresh Event) bool { return reflect.DeepEqual(stored, fresh) }

// created decides a creation command: no events if the stream already holds
// exactly this creation, ECONFLICT if it holds another, else the event.
func created(version int, stored, fresh Event, what string) ([]Event, error) {
	if version == 0 {
		return []Event{fresh}, nil
	}
	if stored != nil && same(stored, fresh) {
		return nil, nil
	}
	return nil, conflictf("%s đã tồn tại với nội dung khác", what)
}

// awardIDNamespace is the namespace of award ids derived from a decision id
// and a proposal id.
var awardIDNamespace = uuid.MustParse("3b0f7c1e-52a4-4f7e-9a55-6d1f0c2b8e90")

// deriveID returns the name-based UUID (v5) of parts: the same parts give
// the same id on every run, so a retried command yields the same events.
func deriveID(parts ...string) string {
	return uuid.NewSHA1(awardIDNamespace, []byte(strings.Join(parts, "/"))).String()
}

func cloneMap[K comparable, V any](m map[K]V) map[K]V {
	out := make(map[K]V, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

func unknownCommand(state State, cmd Command) error {
	return Errorf(EINVALID, "%s: không áp dụng cho luồng %s", cmd.CommandName(), state.Stream())
}
