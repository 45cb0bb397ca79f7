package projections

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
)

// StandingsName is the name of the standings projection.
const StandingsName = "standings"

// The standings model is append-only (bitemporal in transaction time):
// every fact, and every change to a fact, carries the seq of the event that
// recorded it, and nothing is overwritten. Its queries take upTo and see
// only what was recorded before it, so the live model answers as of any
// earlier seq exactly as a fold of the ledger truncated there would (see
// appendOnly in runner.go). Marks of a later change (SupersededAt,
// WithdrawnAt, RevokedAt) hold the changing event's seq plus one: 0 is
// "never", since seq 0 is a valid seq.
//
// One assumption: a score, registration or award id is recorded once (the
// deciders refuse a second ScoreRecorded with an existing score id and a
// second, different submission of a registration; award ids are new in each
// decision). A ledger that records an id twice keeps the later record, as
// before; as of a seq between the two, the id is then missing from the
// answer (the earlier record is gone, the later one not yet visible).

type scoreRec struct {
	ID         string             `json:"id"`
	Scorecard  string             `json:"scorecard"`
	Unit       string             `json:"unit"`
	Cluster    string             `json:"cluster"`
	Year       int                `json:"year"`
	Scheme     string             `json:"scheme"`
	Stage      string             `json:"stage"`
	Items      []domain.ItemScore `json:"items"`
	Total      int64              `json:"total"`
	Supersedes string             `json:"supersedes,omitempty"`
	// SupersededAt is the seq+1 of the first correction of this score, 0
	// if none.
	SupersededAt uint64   `json:"supersededAt,omitempty"`
	Reason       string   `json:"reason,omitempty"`
	CorrectBy    string   `json:"correctBy,omitempty"`
	Recorded     Recorded `json:"recorded"`
}

// current reports whether the score was recorded before upTo and not
// corrected before it.
func (sc *scoreRec) current(upTo uint64) bool {
	return sc.Recorded.Seq < upTo && !marked(sc.SupersededAt, upTo)
}

// mark returns the mark of a change at seq: seq+1.
func mark(seq uint64) uint64 { return seq + 1 }

// marked reports whether the mark m (seq+1, or 0 for never) is of a change
// recorded before upTo.
func marked(m, upTo uint64) bool { return m != 0 && m-1 < upTo }

// targetsAt is a registration's targets as submitted or amended at Seq.
type targetsAt struct {
	Seq     uint64   `json:"seq"`
	Targets []string `json:"targets"`
}

type regRec struct {
	Subject domain.Subject `json:"subject"`
	Year    int            `json:"year"`
	// Targets is the submission then each amendment, in seq order.
	Targets     []targetsAt `json:"targets"`
	WithdrawnAt uint64      `json:"withdrawnAt,omitempty"` // seq+1, 0 if never
}

// targets returns the targets as of upTo, or ok false if the registration
// was not yet submitted or was withdrawn before upTo.
func (r *regRec) targets(upTo uint64) (t []string, ok bool) {
	if marked(r.WithdrawnAt, upTo) {
		return nil, false
	}
	for i := len(r.Targets) - 1; i >= 0; i-- {
		if r.Targets[i].Seq < upTo {
			return r.Targets[i].Targets, true
		}
	}
	return nil, false
}

type awardRec struct {
	Subject   domain.Subject `json:"subject"`
	Kind      string         `json:"kind"`
	Year      int            `json:"year"`
	Seq       uint64         `json:"seq"`
	RevokedAt uint64         `json:"revokedAt,omitempty"` // seq+1, 0 if never
}

type acclaimRec struct {
	Cluster  string   `json:"cluster"`
	Year     int      `json:"year"`
	Leader   string   `json:"leader"`
	Minutes  string   `json:"minutes,omitempty"`
	Titles   []string `json:"titles,omitempty"`
	Recorded Recorded `json:"recorded"`
}

// seqString and seqInt are values recorded at Seq, kept in seq order.
type seqString struct {
	Seq   uint64 `json:"seq"`
	Value string `json:"value"`
}

type seqInt struct {
	Seq   uint64 `json:"seq"`
	Value int    `json:"value"`
}

// lastString returns the last value recorded before upTo.
func lastString(l []seqString, upTo uint64) (string, bool) {
	for i := len(l) - 1; i >= 0; i-- {
		if l[i].Seq < upTo {
			return l[i].Value, true
		}
	}
	return "", false
}

func lastInt(l []seqInt, upTo uint64) int {
	for i := len(l) - 1; i >= 0; i-- {
		if l[i].Seq < upTo {
			return l[i].Value
		}
	}
	return 0
}

type standingsModel struct {
	N            names                   `json:"names"`
	Kinds        map[string][]seqString  `json:"kinds"`
	Numbers      map[string][]seqInt     `json:"numbers"`
	SchemeTitles map[string][]seqString  `json:"schemeTitles"` // scheme@version/code → title
	Scores       map[string]*scoreRec    `json:"scores"`
	Regs         map[string]*regRec      `json:"regs"`
	Awards       map[string]*awardRec    `json:"awards"`
	Acclaimed    map[string][]acclaimRec `json:"acclaimed"` // cluster/year → acclaims in seq order
	Flags        map[string]uint64       `json:"flags"`     // unit/year → seq of the first flag proposal
}

func newStandingsModel() Model {
	return &standingsModel{N: newNames(), Kinds: map[string][]seqString{}, Numbers: map[string][]seqInt{}, SchemeTitles: map[string][]seqString{},
		Scores: map[string]*scoreRec{}, Regs: map[string]*regRec{}, Awards: map[string]*awardRec{},
		Acclaimed: map[string][]acclaimRec{}, Flags: map[string]uint64{}}
}

// appendOnly: as-of queries filter the live model by seq.
func (*standingsModel) appendOnly() {}

// StandingsProjection returns the definition of the standings projection.
func StandingsProjection() Projection {
	// Version 1 tags every fact with its seq: a state saved by version 0
	// cannot answer as of an earlier seq, and is folded again.
	return Projection{Name: StandingsName, Version: 1, New: newStandingsModel, Unknown: Skip, Types: withTypes(
		domain.EventScoringSchemePublished, domain.EventScoreRecorded, domain.EventScoreCorrected,
		domain.EventEmulationRegistrationSubmitted, domain.EventEmulationRegistrationAmended, domain.EventEmulationRegistrationWithdrawn,
		domain.EventAwardDecided, domain.EventAwardRevoked, domain.EventClusterLeaderAcclaimed, domain.EventAwardProposed,
	)}
}

func ykey(id string, year int) string { return fmt.Sprintf("%s/%d", id, year) }

func (m *standingsModel) Apply(rec eventstore.RecordedEvent, ev domain.Event) error {
	m.N.apply(rec, ev)
	switch e := ev.(type) {
	case domain.ClusterFormed:
		m.Kinds[e.ClusterID] = append(m.Kinds[e.ClusterID], seqString{rec.Seq, e.Kind.String()})
		m.Numbers[e.ClusterID] = append(m.Numbers[e.ClusterID], seqInt{rec.Seq, e.Number})
	case domain.ClusterRenamed:
		if e.NewNumber > 0 {
			m.Numbers[e.ClusterID] = append(m.Numbers[e.ClusterID], seqInt{rec.Seq, e.NewNumber})
		}
	case domain.ScoringSchemePublished:
		for _, it := range e.Items {
			k := fmt.Sprintf("%s@%d/%s", e.SchemeID, e.Version, it.Code)
			m.SchemeTitles[k] = append(m.SchemeTitles[k], seqString{rec.Seq, it.Title})
		}
	case domain.ScoreRecorded:
		m.Scores[e.ScoreID] = &scoreRec{ID: e.ScoreID, Scorecard: e.ScorecardID, Unit: e.SubjectUnitID, Cluster: e.ClusterID,
			Year: e.Year, Scheme: fmt.Sprintf("%s@%d", e.SchemeID, e.SchemeVersion), Stage: e.Stage.String(),
			Items: e.Items, Total: int64(e.Total), Recorded: recorded(rec)}
	case domain.ScoreCorrected:
		old := m.Scores[e.SupersedesScoreID]
		if old == nil {
			return fmt.Errorf("score %s corrects unknown score %s", e.ScoreID, e.SupersedesScoreID)
		}
		if old.SupersededAt == 0 {
			old.SupersededAt = mark(rec.Seq)
		}
		items := slices.Clone(old.Items)
		for _, c := range e.Items {
			i := slices.IndexFunc(items, func(it domain.ItemScore) bool { return it.Code == c.Code })
			if i < 0 {
				items = append(items, c)
			} else {
				items[i] = c
			}
		}
		n := *old
		n.ID, n.Items, n.Total, n.Supersedes, n.SupersededAt = e.ScoreID, items, int64(e.Total), old.ID, 0
		n.Reason, n.CorrectBy, n.Recorded = e.Reason, e.CorrectedByUnitID, recorded(rec)
		m.Scores[e.ScoreID] = &n
	case domain.EmulationRegistrationSubmitted:
		m.Regs[e.RegistrationID] = &regRec{Subject: e.Subject, Year: e.Year, Targets: []targetsAt{{rec.Seq, codes(e.Targets)}}}
	case domain.EmulationRegistrationAmended:
		if r := m.Regs[e.RegistrationID]; r != nil {
			r.Targets = append(r.Targets, targetsAt{rec.Seq, codes(e.Targets)})
		}
	case domain.EmulationRegistrationWithdrawn:
		if r := m.Regs[e.RegistrationID]; r != nil && r.WithdrawnAt == 0 {
			r.WithdrawnAt = mark(rec.Seq)
		}
	case domain.AwardDecided:
		for _, a := range e.Awards {
			m.Awards[a.AwardID] = &awardRec{Subject: a.Subject, Kind: a.AwardKind.String(), Year: a.Year, Seq: rec.Seq}
		}
	case domain.AwardRevoked:
		for _, id := range e.AwardIDs {
			if a := m.Awards[id]; a != nil && a.RevokedAt == 0 {
				a.RevokedAt = mark(rec.Seq)
			}
		}
	case domain.ClusterLeaderAcclaimed:
		k := ykey(e.ClusterID, e.Year)
		m.Acclaimed[k] = append(m.Acclaimed[k], acclaimRec{Cluster: e.ClusterID, Year: e.Year, Leader: e.LeadingUnitID, Minutes: e.MinutesRef, Titles: codes(e.ProposedTitles), Recorded: recorded(rec)})
	case domain.AwardProposed:
		if e.AwardKind == domain.TitleSectorEmulationFlag && e.Subject.Kind == domain.SubjectUnit {
			if _, ok := m.Flags[ykey(e.Subject.ID, e.Year)]; !ok {
				m.Flags[ykey(e.Subject.ID, e.Year)] = rec.Seq
			}
		}
	}
	return nil
}

// acclaimed returns the last acclaim of cluster/year recorded before upTo.
func (m *standingsModel) acclaimed(key string, upTo uint64) (acclaimRec, bool) {
	l := m.Acclaimed[key]
	for i := len(l) - 1; i >= 0; i-- {
		if l[i].Recorded.Seq < upTo {
			return l[i], true
		}
	}
	return acclaimRec{}, false
}

func codes(ks []domain.AwardKind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = k.String()
	}
	return out
}

func parseKinds(cs []string) []domain.AwardKind {
	out := make([]domain.AwardKind, 0, len(cs))
	for _, c := range cs {
		if k, err := domain.ParseAwardKind(c); err == nil {
			out = append(out, k)
		}
	}
	return out
}

// UnitStanding is one unit's line in a cluster's standings.
type UnitStanding struct {
	Rank        int            `json:"rank"`
	Unit        UnitRef        `json:"unit"`
	Total       int64          `json:"total"`
	Stage       string         `json:"stage"`
	StageLabel  string         `json:"stageLabel"`
	ScoreID     string         `json:"scoreId"`
	Items       []ItemLine     `json:"items"`
	Corrections []Correction   `json:"corrections"`
	Registered  []AwardKindRef `json:"registered"`
	Achieved    []AwardKindRef `json:"achieved"`
	// TargetsMet is true when every registered title was achieved.
	TargetsMet   bool     `json:"targetsMet"`
	FlagProposed bool     `json:"flagProposed"`
	Recorded     Recorded `json:"recorded"`
}

// ItemLine is one criterion's points.
type ItemLine struct {
	Code   string `json:"code"`
	Title  string `json:"title,omitempty"`
	Points int64  `json:"points"`
}

// Correction is a ScoreCorrected applied to a unit's score.
type Correction struct {
	ScoreID     string   `json:"scoreId"`
	Supersedes  string   `json:"supersedes"`
	OldTotal    int64    `json:"oldTotal"`
	NewTotal    int64    `json:"newTotal"`
	Reason      string   `json:"reason"`
	CorrectedBy UnitRef  `json:"correctedBy"`
	Recorded    Recorded `json:"recorded"`
}

// ClusterStandings is the standings of one cluster or block for a year.
type ClusterStandings struct {
	Cluster      ClusterRef     `json:"cluster"`
	Year         int            `json:"year"`
	Units        []UnitStanding `json:"units"`
	Leader       *UnitRef       `json:"leader,omitempty"`
	LeaderTitles []AwardKindRef `json:"leaderTitles,omitempty"`
	FlagProposed bool           `json:"flagProposed"`
	AsOfSeq      uint64         `json:"asOfSeq"`
}

// SectorStandings is every cluster's standings for a year.
type SectorStandings struct {
	Year     int                `json:"year"`
	Clusters []ClusterStandings `json:"clusters"`
	AsOfSeq  uint64             `json:"asOfSeq"`
}

// TieBreak orders two units with a rank decided; it returns < 0 if a ranks
// before b.
type TieBreak func(a, b UnitStanding) int

// DefaultTieBreak ranks by higher total, then Vietnamese name order, then
// unit id.
func DefaultTieBreak(a, b UnitStanding) int {
	if a.Total != b.Total {
		if a.Total > b.Total {
			return -1
		}
		return 1
	}
	if c := domain.CompareNames(a.Unit.Name, b.Unit.Name); c != 0 {
		return c
	}
	switch {
	case a.Unit.ID < b.Unit.ID:
		return -1
	case a.Unit.ID > b.Unit.ID:
		return 1
	}
	return 0
}

// StandingsOptions configures standings queries.
type StandingsOptions struct {
	// TieBreak orders units; nil means DefaultTieBreak.
	TieBreak TieBreak
}

// Standings answers standings queries.
type Standings struct {
	r    *Runner
	tie  TieBreak
	name string
}

// NewStandings returns the standings queries over r. opts may be nil.
func NewStandings(r *Runner, opts *StandingsOptions) *Standings {
	s := &Standings{r: r, tie: DefaultTieBreak, name: StandingsName}
	if opts != nil && opts.TieBreak != nil {
		s.tie = opts.TieBreak
	}
	return s
}

var stageRank = map[string]int{domain.StageSelf.String(): 1, domain.StageCluster.String(): 2, domain.StageStandingOffice.String(): 3}

// Cluster returns the standings of one cluster or block for year. A cluster
// with no scores yet has no units.
func (s *Standings) Cluster(ctx context.Context, asOf AsOf, year int, clusterID string) (ClusterStandings, error) {
	var out ClusterStandings
	err := s.r.view(ctx, s.name, asOf, func(mm Model, upTo uint64) error {
		m := mm.(*standingsModel)
		out = m.cluster(year, clusterID, s.tie, m.indexYear(year, upTo), upTo)
		out.AsOfSeq = upTo
		return nil
	})
	return out, err
}

// Sector returns the standings of every cluster and block with scores or
// an acclaimed leader for year, clusters first, by number then name.
func (s *Standings) Sector(ctx context.Context, asOf AsOf, year int) (SectorStandings, error) {
	out := SectorStandings{Year: year, Clusters: []ClusterStandings{}}
	err := s.r.view(ctx, s.name, asOf, func(mm Model, upTo uint64) error {
		m := mm.(*standingsModel)
		out.AsOfSeq = upTo
		ids := map[string]bool{}
		for _, sc := range m.Scores {
			if sc.Year == year && sc.Recorded.Seq < upTo {
				ids[sc.Cluster] = true
			}
		}
		for _, l := range m.Acclaimed {
			if len(l) > 0 && l[0].Year == year && l[0].Recorded.Seq < upTo {
				ids[l[0].Cluster] = true
			}
		}
		ix := m.indexYear(year, upTo)
		for id := range ids {
			cs := m.cluster(year, id, s.tie, ix, upTo)
			cs.AsOfSeq = upTo
			out.Clusters = append(out.Clusters, cs)
		}
		slices.SortFunc(out.Clusters, func(a, b ClusterStandings) int {
			ka, _ := lastString(m.Kinds[a.Cluster.ID], upTo)
			kb, _ := lastString(m.Kinds[b.Cluster.ID], upTo)
			if ka != kb {
				if ka == domain.ClusterKindCluster.String() {
					return -1
				}
				return 1
			}
			if na, nb := lastInt(m.Numbers[a.Cluster.ID], upTo), lastInt(m.Numbers[b.Cluster.ID], upTo); na != nb {
				return na - nb
			}
			if c := domain.CompareNames(a.Cluster.Name, b.Cluster.Name); c != 0 {
				return c
			}
			return strings.Compare(a.Cluster.ID, b.Cluster.ID)
		})
		return nil
	})
	return out, err
}

// yearIndex groups one year's current scores by cluster and its
// registrations' targets and awards by unit, as of upTo: built once per query, so the standings of a sector with
// hundreds of clusters cost one pass over the model, not one per cluster.
type yearIndex struct {
	scores map[string][]*scoreRec
	regs   map[string][][]string
	awards map[string][]*awardRec
}

func (m *standingsModel) indexYear(year int, upTo uint64) *yearIndex {
	ix := &yearIndex{scores: map[string][]*scoreRec{}, regs: map[string][][]string{}, awards: map[string][]*awardRec{}}
	for _, sc := range m.Scores {
		if sc.Year == year && sc.current(upTo) {
			ix.scores[sc.Cluster] = append(ix.scores[sc.Cluster], sc)
		}
	}
	for _, r := range m.Regs {
		if r.Year != year || r.Subject.Kind != domain.SubjectUnit {
			continue
		}
		if t, ok := r.targets(upTo); ok {
			ix.regs[r.Subject.ID] = append(ix.regs[r.Subject.ID], t)
		}
	}
	for _, a := range m.Awards {
		if a.Year == year && a.Seq < upTo && !marked(a.RevokedAt, upTo) && a.Subject.Kind == domain.SubjectUnit {
			ix.awards[a.Subject.ID] = append(ix.awards[a.Subject.ID], a)
		}
	}
	return ix
}

func (m *standingsModel) cluster(year int, clusterID string, tie TieBreak, ix *yearIndex, upTo uint64) ClusterStandings {
	kind, _ := lastString(m.Kinds[clusterID], upTo)
	k, _ := domain.ParseClusterKind(kind)
	out := ClusterStandings{Cluster: ClusterRef{clusterID, m.N.clusterAsOf(clusterID, upTo), k.Label()}, Year: year, Units: []UnitStanding{}}
	best := map[string]*scoreRec{}
	for _, sc := range ix.scores[clusterID] {
		b := best[sc.Unit]
		if b == nil || stageRank[sc.Stage] > stageRank[b.Stage] || stageRank[sc.Stage] == stageRank[b.Stage] && sc.Recorded.Seq > b.Recorded.Seq {
			best[sc.Unit] = sc
		}
	}
	for unit, sc := range best {
		st, _ := domain.ParseScoreStage(sc.Stage)
		u := UnitStanding{Unit: UnitRef{unit, m.N.unitAsOf(unit, upTo)}, Total: sc.Total, Stage: sc.Stage, StageLabel: st.Label(),
			ScoreID: sc.ID, Recorded: sc.Recorded, Corrections: []Correction{}}
		for _, it := range sc.Items {
			title, _ := lastString(m.SchemeTitles[sc.Scheme+"/"+it.Code], upTo)
			u.Items = append(u.Items, ItemLine{Code: it.Code, Title: title, Points: int64(it.Points)})
		}
		for c := sc; c != nil && c.Supersedes != ""; c = m.Scores[c.Supersedes] {
			prev := m.Scores[c.Supersedes]
			if prev == nil {
				break
			}
			u.Corrections = append(u.Corrections, Correction{ScoreID: c.ID, Supersedes: prev.ID, OldTotal: prev.Total, NewTotal: c.Total,
				Reason: c.Reason, CorrectedBy: UnitRef{c.CorrectBy, m.N.unitAsOf(c.CorrectBy, upTo)}, Recorded: c.Recorded})
		}
		slices.Reverse(u.Corrections)
		reg := map[string]bool{}
		for _, ts := range ix.regs[unit] {
			for _, t := range ts {
				reg[t] = true
			}
		}
		got := map[string]bool{}
		for _, a := range ix.awards[unit] {
			got[a.Kind] = true
		}
		u.Registered, u.Achieved = kindRefs(sortedKinds(reg)), kindRefs(sortedKinds(got))
		u.TargetsMet = true
		for t := range reg {
			u.TargetsMet = u.TargetsMet && got[t]
		}
		if seq, ok := m.Flags[ykey(unit, year)]; ok && seq < upTo {
			u.FlagProposed = true
		}
		out.FlagProposed = out.FlagProposed || u.FlagProposed
		out.Units = append(out.Units, u)
	}
	slices.SortStableFunc(out.Units, tie)
	for i := range out.Units {
		out.Units[i].Rank = i + 1
	}
	if a, ok := m.acclaimed(ykey(clusterID, year), upTo); ok {
		out.Leader = &UnitRef{a.Leader, m.N.unitAsOf(a.Leader, upTo)}
		out.LeaderTitles = kindRefs(parseKinds(a.Titles))
	}
	return out
}

// sortedKinds returns the kinds in set in vocabulary order.
func sortedKinds(set map[string]bool) []domain.AwardKind {
	out := []domain.AwardKind{}
	for _, k := range domain.AwardKinds() {
		if set[k.String()] {
			out = append(out, k)
		}
	}
	return out
}
