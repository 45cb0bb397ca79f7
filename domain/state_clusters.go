package domain

import "slices"

// ClusterState is the state of a cluster-<id> stream: one cụm or khối for
// one year.
type ClusterState struct {
	stream     string
	id         string
	version    int
	formed     *ClusterFormed
	name       string
	members    []string
	movedIn    map[string]string // unit → the cluster it came from
	dissolved  bool
	leadership *ClusterLeadershipAssigned
	rankings   map[string]ClusterRankingPublished
	finalized  *ClusterRankingFinalized
	acclaimed  *ClusterLeaderAcclaimed
	ballots    ballots
}

// Stream returns the stream the state was folded from.
func (s ClusterState) Stream() string { return s.stream }

// Version returns how many events have been applied.
func (s ClusterState) Version() int { return s.version }

// ID returns the cluster id.
func (s ClusterState) ID() string { return s.id }

// Exists reports whether the cluster was formed.
func (s ClusterState) Exists() bool { return s.formed != nil }

// Kind returns cụm or khối.
func (s ClusterState) Kind() ClusterKind {
	if s.formed == nil {
		return ClusterKind{}
	}
	return s.formed.Kind
}

// Year returns the year the cluster was formed for.
func (s ClusterState) Year() int {
	if s.formed == nil {
		return 0
	}
	return s.formed.Year
}

// Name returns the current name.
func (s ClusterState) Name() string { return s.name }

// Members returns the member units as this stream knows them, in order of
// joining. A unit moved to another cluster is recorded in the
// destination's stream; see MovedIn.
func (s ClusterState) Members() []string { return slices.Clone(s.members) }

// IsMember reports whether unit is a member as this stream knows it.
func (s ClusterState) IsMember(unit string) bool { return slices.Contains(s.members, unit) }

// MovedIn returns the cluster unit was moved from, if it joined by a move.
func (s ClusterState) MovedIn(unit string) (string, bool) {
	from, ok := s.movedIn[unit]
	return from, ok
}

// Dissolved reports whether the cluster was dissolved.
func (s ClusterState) Dissolved() bool { return s.dissolved }

// Leadership returns the year's leader and deputy, if assigned.
func (s ClusterState) Leadership() (leader, deputy string, ok bool) {
	if s.leadership == nil {
		return "", "", false
	}
	return s.leadership.LeaderUnitID, s.leadership.DeputyUnitID, true
}

// Finalized reports whether the year's ranking was finalized.
func (s ClusterState) Finalized() bool { return s.finalized != nil }

// Acclaimed returns the acclaimed leading unit, if any.
func (s ClusterState) Acclaimed() (string, bool) {
	if s.acclaimed == nil {
		return "", false
	}
	return s.acclaimed.LeadingUnitID, true
}

// Ballot returns the cluster ballot with id, if recorded.
func (s ClusterState) Ballot(id string) (BallotRecorded, bool) { return s.ballots.Ballot(id) }

// BallotsOn returns the cluster ballots on subjectRef.
func (s ClusterState) BallotsOn(ref string) []BallotRecorded { return s.ballots.BallotsOn(ref) }

func evolveCluster(s ClusterState, e Event) State {
	switch e := e.(type) {
	case ClusterFormed:
		s.formed = &e
		s.name = e.Name
		s.members = slices.Clone(e.MemberUnitIDs)
	case ClusterRenamed:
		s.name = e.NewName
	case UnitAssignedToCluster:
		if !slices.Contains(s.members, e.UnitID) {
			s.members = append(slices.Clone(s.members), e.UnitID)
		}
	case UnitRemovedFromCluster:
		s.members = slices.DeleteFunc(slices.Clone(s.members), func(u string) bool { return u == e.UnitID })
	case UnitMovedBetweenClusters:
		if !slices.Contains(s.members, e.UnitID) {
			s.members = append(slices.Clone(s.members), e.UnitID)
		}
		s.movedIn = cloneMap(s.movedIn)
		s.movedIn[e.UnitID] = e.FromClusterID
	case ClusterLeadershipAssigned:
		s.leadership = &e
	case ClusterDissolved:
		s.dissolved = true
	case ClusterRankingPublished:
		s.rankings = cloneMap(s.rankings)
		s.rankings[e.RankingID] = e
	case ClusterRankingFinalized:
		s.finalized = &e
	case ClusterLeaderAcclaimed:
		s.acclaimed = &e
	case BallotRecorded:
		s.ballots = cloneMap(s.ballots)
		s.ballots[e.BallotID] = e
	default:
		return s
	}
	s.version++
	return s
}

// clusterOf returns the cluster of kind that unit sits in for year among
// the cluster states in reads, other than except: a unit counts as gone
// from a cluster when another state read shows it moved from there.
func clusterOf(reads map[string]State, unit string, year int, kind ClusterKind, except string) (string, bool) {
	movedFrom := map[string]bool{}
	for _, st := range reads {
		if c, ok := st.(ClusterState); ok {
			if from, ok := c.MovedIn(unit); ok {
				movedFrom[from] = true
			}
		}
	}
	var found []string
	for _, st := range reads {
		c, ok := st.(ClusterState)
		if !ok || !c.Exists() || c.Dissolved() || c.Year() != year || c.Kind() != kind || c.ID() == except {
			continue
		}
		if c.IsMember(unit) && !movedFrom[c.ID()] {
			found = append(found, c.ID())
		}
	}
	if len(found) == 0 {
		return "", false
	}
	slices.Sort(found)
	return found[0], true
}

// PlanState is the state of a plan-<id> stream (a cluster reorganisation
// plan).
type PlanState struct {
	stream    string
	id        string
	version   int
	submitted *ClusterReorganizationPlanSubmitted
	decided   *ClusterReorganizationPlanDecided
}

// Stream returns the stream the state was folded from.
func (s PlanState) Stream() string { return s.stream }

// Version returns how many events have been applied.
func (s PlanState) Version() int { return s.version }

// Submitted reports whether the plan was submitted.
func (s PlanState) Submitted() bool { return s.submitted != nil }

// Decision returns the decision on the plan, if any.
func (s PlanState) Decision() (PlanDecision, bool) {
	if s.decided == nil {
		return PlanDecision{}, false
	}
	return s.decided.Decision, true
}

func evolvePlan(s PlanState, e Event) State {
	switch e := e.(type) {
	case ClusterReorganizationPlanSubmitted:
		s.submitted = &e
	case ClusterReorganizationPlanDecided:
		s.decided = &e
	default:
		return s
	}
	s.version++
	return s
}

// SchemeState is the state of a scheme-<id> stream: its versions.
type SchemeState struct {
	stream   string
	id       string
	version  int
	versions map[int]ScoringSchemePublished
	latest   int
}

// Stream returns the stream the state was folded from.
func (s SchemeState) Stream() string { return s.stream }

// Version returns how many events have been applied.
func (s SchemeState) Version() int { return s.version }

// Latest returns the latest scheme version number, 0 if none.
func (s SchemeState) Latest() int { return s.latest }

// Items returns the items of scheme version v.
func (s SchemeState) Items(v int) ([]SchemeItem, bool) {
	p, ok := s.versions[v]
	return slices.Clone(p.Items), ok
}

func evolveScheme(s SchemeState, e Event) State {
	switch e := e.(type) {
	case ScoringSchemePublished:
		s.versions = cloneMap(s.versions)
		s.versions[e.Version] = e
		s.latest = max(s.latest, e.Version)
	default:
		return s
	}
	s.version++
	return s
}

// ScorecardState is the state of a scorecard-<id> stream: one unit's scores
// for one cluster and year, with corrections.
type ScorecardState struct {
	stream     string
	id         string
	version    int
	unit       string
	cluster    string
	year       int
	scores     map[string]scoreEntry
	superseded map[string]string // score → the score that superseded it
}

type scoreEntry struct {
	recorded  *ScoreRecorded
	corrected *ScoreCorrected
	items     []ItemScore // effective items after corrections
	total     Points
}

// Stream returns the stream the state was folded from.
func (s ScorecardState) Stream() string { return s.stream }

// Version returns how many events have been applied.
func (s ScorecardState) Version() int { return s.version }

// Unit, Cluster and Year identify what the scorecard scores.
func (s ScorecardState) Unit() string    { return s.unit }
func (s ScorecardState) Cluster() string { return s.cluster }
func (s ScorecardState) Year() int       { return s.year }

// Score returns a score's total and whether it exists.
func (s ScorecardState) Score(id string) (Points, bool) {
	e, ok := s.scores[id]
	return e.total, ok
}

// SupersededBy returns the score that superseded id, if any.
func (s ScorecardState) SupersededBy(id string) (string, bool) {
	v, ok := s.superseded[id]
	return v, ok
}

// Current returns the ids of scores not superseded, sorted.
func (s ScorecardState) Current() []string {
	var out []string
	for id := range s.scores {
		if _, ok := s.superseded[id]; !ok {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

func evolveScorecard(s ScorecardState, e Event) State {
	switch e := e.(type) {
	case ScoreRecorded:
		s.unit, s.cluster, s.year = e.SubjectUnitID, e.ClusterID, e.Year
		s.scores = cloneMap(s.scores)
		s.scores[e.ScoreID] = scoreEntry{recorded: &e, items: slices.Clone(e.Items), total: e.Total}
	case ScoreCorrected:
		old := s.scores[e.SupersedesScoreID]
		s.scores = cloneMap(s.scores)
		s.scores[e.ScoreID] = scoreEntry{corrected: &e, items: applyCorrections(old.items, e.Items), total: e.Total}
		s.superseded = cloneMap(s.superseded)
		s.superseded[e.SupersedesScoreID] = e.ScoreID
	default:
		return s
	}
	s.version++
	return s
}

// applyCorrections returns items with each corrected code's points
// replaced (or added, for a code not scored before).
func applyCorrections(items, corr []ItemScore) []ItemScore {
	out := slices.Clone(items)
	for _, c := range corr {
		i := slices.IndexFunc(out, func(it ItemScore) bool { return it.Code == c.Code })
		if i < 0 {
			out = append(out, c)
		} else {
			out[i] = c
		}
	}
	return out
}

func sumItems(items []ItemScore) Points {
	var t Points
	for _, it := range items {
		t += it.Points
	}
	return t
}
