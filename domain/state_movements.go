package domain

import "slices"

// MovementState is the state of a movement-<id> stream.
type MovementState struct {
	stream   string
	id       string
	version  int
	launched *MovementLaunched
	adopted  map[string]MovementAdopted
	reviews  []MovementReviewHeld
}

// Stream returns the stream the state was folded from.
func (s MovementState) Stream() string { return s.stream }

// Version returns how many events have been applied.
func (s MovementState) Version() int { return s.version }

// Launched reports whether the movement was launched.
func (s MovementState) Launched() bool { return s.launched != nil }

// AdoptedBy returns the units that adopted the movement, sorted.
func (s MovementState) AdoptedBy() []string { return sortedKeys(s.adopted) }

func evolveMovement(s MovementState, e Event) State {
	switch e := e.(type) {
	case MovementLaunched:
		s.launched = &e
	case MovementAdopted:
		s.adopted = cloneMap(s.adopted)
		s.adopted[e.UnitID] = e
	case MovementReviewHeld:
		s.reviews = append(slices.Clone(s.reviews), e)
	default:
		return s
	}
	s.version++
	return s
}

// EmulationPlanState is the state of an emulationplan-<id> stream.
type EmulationPlanState struct {
	stream  string
	id      string
	version int
	adopted *EmulationPlanAdopted
}

// Stream returns the stream the state was folded from.
func (s EmulationPlanState) Stream() string { return s.stream }

// Version returns how many events have been applied.
func (s EmulationPlanState) Version() int { return s.version }

func evolveEmulationPlan(s EmulationPlanState, e Event) State {
	switch e := e.(type) {
	case EmulationPlanAdopted:
		s.adopted = &e
	default:
		return s
	}
	s.version++
	return s
}

// RegistrationState is the state of a registration-<id> stream.
type RegistrationState struct {
	stream    string
	id        string
	version   int
	submitted *EmulationRegistrationSubmitted
	targets   []AwardKind
	withdrawn bool
}

// Stream returns the stream the state was folded from.
func (s RegistrationState) Stream() string { return s.stream }

// Version returns how many events have been applied.
func (s RegistrationState) Version() int { return s.version }

// Submitted reports whether the registration was submitted.
func (s RegistrationState) Submitted() bool { return s.submitted != nil }

// Targets returns the current targets.
func (s RegistrationState) Targets() []AwardKind { return slices.Clone(s.targets) }

// Withdrawn reports whether the registration was withdrawn.
func (s RegistrationState) Withdrawn() bool { return s.withdrawn }

func evolveRegistration(s RegistrationState, e Event) State {
	switch e := e.(type) {
	case EmulationRegistrationSubmitted:
		s.submitted = &e
		s.targets = slices.Clone(e.Targets)
	case EmulationRegistrationAmended:
		s.targets = slices.Clone(e.Targets)
	case EmulationRegistrationWithdrawn:
		s.withdrawn = true
	default:
		return s
	}
	s.version++
	return s
}

// CovenantState is the state of a covenant-<id> stream.
type CovenantState struct {
	stream  string
	id      string
	version int
	signed  *CovenantSigned
}

// Stream returns the stream the state was folded from.
func (s CovenantState) Stream() string { return s.stream }

// Version returns how many events have been applied.
func (s CovenantState) Version() int { return s.version }

func evolveCovenant(s CovenantState, e Event) State {
	switch e := e.(type) {
	case CovenantSigned:
		s.signed = &e
	default:
		return s
	}
	s.version++
	return s
}
