package domain

import "slices"

// subjectState is what unit and person streams share: ratings, review
// proceedings and award holds, by their subject.
type subjectState struct {
	stream  string
	id      string
	version int
	// ratings: year → the current rating and its id.
	ratings   map[int]PerformanceRated
	ratingIDs map[string]bool
	// open proceedings and holds by id; closed ones are remembered so an id
	// is never reused.
	proceedings map[string]ReviewProceedingOpened
	closedProcs map[string]bool
	holds       map[string]AwardHoldPlaced
	liftedHolds map[string]bool
}

// Stream returns the stream the state was folded from.
func (s subjectState) Stream() string { return s.stream }

// Version returns how many events have been applied.
func (s subjectState) Version() int { return s.version }

// ID returns the unit's or person's id.
func (s subjectState) ID() string { return s.id }

// Rating returns the current rating for year, if any.
func (s subjectState) Rating(year int) (PerformanceRating, bool) {
	r, ok := s.ratings[year]
	return r.Rating, ok
}

// OpenProceedings returns the ids of open review proceedings, sorted.
func (s subjectState) OpenProceedings() []string { return sortedKeys(s.proceedings) }

// OpenHolds returns the ids of open award holds, sorted.
func (s subjectState) OpenHolds() []string { return sortedKeys(s.holds) }

// Barred reports whether a proceeding or a hold is open (R23).
func (s subjectState) Barred() bool { return len(s.proceedings)+len(s.holds) > 0 }

// evolveSubject applies the subject-scoped events; ok is false for any
// other event.
func (s subjectState) evolve(e Event) (subjectState, bool) {
	switch e := e.(type) {
	case PerformanceRated:
		s.ratings = cloneMap(s.ratings)
		s.ratings[e.Year] = e
		s.ratingIDs = cloneMap(s.ratingIDs)
		s.ratingIDs[e.RatingID] = true
	case ReviewProceedingOpened:
		s.proceedings = cloneMap(s.proceedings)
		s.proceedings[e.ProceedingID] = e
	case ReviewProceedingClosed:
		s.proceedings = cloneMap(s.proceedings)
		delete(s.proceedings, e.ProceedingID)
		s.closedProcs = cloneMap(s.closedProcs)
		s.closedProcs[e.ProceedingID] = true
	case AwardHoldPlaced:
		s.holds = cloneMap(s.holds)
		s.holds[e.HoldID] = e
	case AwardHoldLifted:
		s.holds = cloneMap(s.holds)
		delete(s.holds, e.HoldID)
		s.liftedHolds = cloneMap(s.liftedHolds)
		s.liftedHolds[e.HoldID] = true
	default:
		return s, false
	}
	s.version++
	return s, true
}

// UnitState is the state of a unit-<id> stream.
type UnitState struct {
	subjectState
	established  *UnitEstablished
	name         string
	parent       string
	dissolved    *UnitDissolved
	merged       *UnitsMerged
	split        *UnitSplit
	reparentedTo string
}

// Exists reports whether the unit was established.
func (s UnitState) Exists() bool { return s.established != nil }

// Name returns the unit's current name.
func (s UnitState) Name() string { return s.name }

// Level returns the unit's level.
func (s UnitState) Level() UnitLevel {
	if s.established == nil {
		return UnitLevel{}
	}
	return s.established.Level
}

// ParentUnitID returns the current parent, or "".
func (s UnitState) ParentUnitID() string { return s.parent }

// Dissolved reports whether the unit was dissolved.
func (s UnitState) Dissolved() bool { return s.dissolved != nil }

// MergedSources returns the units merged into this one, if any.
func (s UnitState) MergedSources() []string {
	if s.merged == nil {
		return nil
	}
	return slices.Clone(s.merged.SourceUnitIDs)
}

// Split reports whether the unit was split.
func (s UnitState) Split() bool { return s.split != nil }

// Active reports whether the unit exists and was not dissolved.
func (s UnitState) Active() bool { return s.Exists() && !s.Dissolved() }

func evolveUnit(s UnitState, e Event) State {
	if ss, ok := s.subjectState.evolve(e); ok {
		s.subjectState = ss
		return s
	}
	switch e := e.(type) {
	case UnitEstablished:
		s.established = &e
		s.name, s.parent = e.Name, e.ParentUnitID
	case UnitRenamed:
		s.name = e.NewName
	case UnitsMerged:
		s.merged = &e
	case UnitSplit:
		s.split = &e
	case UnitDissolved:
		s.dissolved = &e
	case UnitReparented:
		s.parent = e.NewParentUnitID
		s.reparentedTo = e.NewParentUnitID
	default:
		return s
	}
	s.version++
	return s
}

// PersonState is the state of a person-<id> stream.
type PersonState struct {
	subjectState
	recruited   *PersonRecruited
	unitID      string
	secondments []PersonSeconded
	leaves      map[string]PersonLeaveRecorded
	disciplines map[string]DisciplineImposed
	ended       map[string]bool
}

// Exists reports whether the person was recruited.
func (s PersonState) Exists() bool { return s.recruited != nil }

// FullName returns the person's name.
func (s PersonState) FullName() string {
	if s.recruited == nil {
		return ""
	}
	return s.recruited.FullName
}

// UnitID returns the unit the person belongs to now.
func (s PersonState) UnitID() string { return s.unitID }

// OpenDisciplines returns the ids of disciplines not yet ended, sorted.
func (s PersonState) OpenDisciplines() []string {
	var out []string
	for id := range s.disciplines {
		if !s.ended[id] {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

func evolvePerson(s PersonState, e Event) State {
	if ss, ok := s.subjectState.evolve(e); ok {
		s.subjectState = ss
		return s
	}
	switch e := e.(type) {
	case PersonRecruited:
		s.recruited = &e
		s.unitID = e.UnitID
	case PersonTransferred:
		s.unitID = e.ToUnitID
	case PersonSeconded:
		s.secondments = append(slices.Clone(s.secondments), e)
	case PersonLeaveRecorded:
		s.leaves = cloneMap(s.leaves)
		s.leaves[e.LeaveID] = e
	case DisciplineImposed:
		s.disciplines = cloneMap(s.disciplines)
		s.disciplines[e.DisciplineID] = e
	case DisciplineEnded:
		s.ended = cloneMap(s.ended)
		s.ended[e.DisciplineID] = true
	default:
		return s
	}
	s.version++
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
