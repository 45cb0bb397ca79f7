package projections

import (
	"context"
	"fmt"
	"slices"

	"github.com/tdkt/tdkt/domain"
)

// AcclaimReconstruction is a cluster's acclamation of its leading unit
// (ClusterLeaderAcclaimed) as the cluster saw it and as it would be judged
// now (DESIGN.md "Time"): the cluster's members that year, its standings
// and the rules, from the ledger up to the acclamation's basedOnSeq
// ("then") and from the ledger at asOf ("now"); the rules whose result
// differs, and the events used now but not then (a score correction, a
// later acclamation, a merger) and the reverse.
type AcclaimReconstruction struct {
	Cluster        ClusterRef     `json:"cluster"`
	Year           int            `json:"year"`
	LeadingUnit    UnitRef        `json:"leadingUnit"`
	BallotID       string         `json:"ballotId,omitempty"`
	MinutesRef     string         `json:"minutesRef,omitempty"`
	ProposedTitles []AwardKindRef `json:"proposedTitles"`
	// DecidedOn is the day of the acclamation.
	DecidedOn string `json:"decidedOn"`
	// Decision is the ClusterLeaderAcclaimed event.
	Decision EventRef `json:"decision"`
	// BasedOnSeq is what the acclamation recorded; SeenEvents is the number
	// of events replayed for "then": events 0…basedOnSeq, never the
	// acclamation itself or anything after it.
	BasedOnSeq uint64 `json:"basedOnSeq"`
	SeenEvents uint64 `json:"seenEvents"`
	// AsOfSeq is the number of events "now" was built from.
	AsOfSeq uint64       `json:"asOfSeq"`
	Then    AcclaimState `json:"then"`
	Now     AcclaimState `json:"now"`
	// FirstRankedChanged is true when the unit ranked first in the
	// cluster's standings differs between then and now.
	FirstRankedChanged bool `json:"firstRankedChanged"`
	// DifferingRules are the rules whose result differs between then and
	// now (nil on the side where a rule did not apply).
	DifferingRules []RuleDiff `json:"differingRules"`
	// InputsAdded are events the rules use now but did not then;
	// InputsDropped the reverse (e.g. a score since corrected).
	InputsAdded   []EventRef `json:"inputsAdded"`
	InputsDropped []EventRef `json:"inputsDropped"`
	// Changed is true when any rule's result or the first-ranked unit
	// differs between then and now.
	Changed bool `json:"changed"`
}

// AcclaimState is a cluster's year as seen from one point of the ledger.
type AcclaimState struct {
	// AsOfSeq is the number of ledger events the state was built from.
	AsOfSeq uint64 `json:"asOfSeq"`
	// Members are the units that were members of the cluster at some
	// time in the year, with the event that made each a member.
	Members []ClusterMember `json:"members"`
	// Standings rank the cluster's scores for the year by total (the
	// standings read model's ranking, highest stage of scoring first).
	Standings   []StandingLine `json:"standings"`
	FirstRanked *UnitRef       `json:"firstRanked,omitempty"`
	// LeaderRank is the acclaimed unit's rank (0: it has no score);
	// LeaderTotal its total in hundredths of a point.
	LeaderRank  int         `json:"leaderRank"`
	LeaderTotal int64       `json:"leaderTotal"`
	Rules       []RuleCheck `json:"rules"`
	// Inputs are the events the rules used, in seq order.
	Inputs []EventRef `json:"inputs"`
}

// ClusterMember is a unit's membership of a cluster.
type ClusterMember struct {
	Unit    UnitRef `json:"unit"`
	From    string  `json:"from"`
	Until   string  `json:"until,omitempty"`
	EventID string  `json:"eventId"`
}

// StandingLine is one unit's line in a reconstructed ranking.
type StandingLine struct {
	Rank    int     `json:"rank"`
	Unit    UnitRef `json:"unit"`
	Total   int64   `json:"total"`
	Stage   string  `json:"stage"`
	ScoreID string  `json:"scoreId"`
	// EventID is the ScoreRecorded or ScoreCorrected the total comes from.
	EventID string `json:"eventId"`
}

// Ids of the consistency checks of an acclamation: not rules of DOMAIN.md,
// so they carry no R-number.
const (
	CheckAcclaimMember = "C-MEMBER"
	CheckAcclaimRank   = "C-RANK"
)

// AcclaimReconstruction reconstructs the acclamation of cluster's leading
// unit for year as the ledger stood at asOf ("now"; Latest for today's
// knowledge). If the cluster acclaimed more than once for the year, the
// first acclamation is the decision and the later ones count against R16.
// It returns a domain error with ENOTFOUND if no acclamation was recorded
// by asOf.
//
// "Then" replays the eligibility and standings read models to the
// acclamation's basedOnSeq (stopping before the acclamation itself, as the
// award reconstruction does); "now" reads both at the same point of the
// ledger.
func (q *Eligibilities) AcclaimReconstruction(ctx context.Context, asOf AsOf, clusterID string, year int) (AcclaimReconstruction, error) {
	var (
		out AcclaimReconstruction
		acc efAcclaim
	)
	err := q.r.view(ctx, EligibilityName, asOf, func(mm Model, upTo uint64) error {
		m := mm.(*eligModel)
		i := slices.IndexFunc(m.Acclaims, func(a efAcclaim) bool { return a.Cluster == clusterID && a.Year == year })
		if i < 0 {
			return domain.Errorf(domain.ENOTFOUND, "no acclamation of cluster %s for %d", clusterID, year)
		}
		acc = m.Acclaims[i]
		acc.Titles = slices.Clone(acc.Titles)
		dec, _ := m.ref(acc.EventID)
		out = AcclaimReconstruction{Year: year, LeadingUnit: UnitRef{acc.Unit, m.N.unit(acc.Unit, acc.On)}, BallotID: acc.Ballot,
			MinutesRef: acc.Minutes, ProposedTitles: kindRefs(parseKinds(acc.Titles)), DecidedOn: acc.On, Decision: dec,
			BasedOnSeq: acc.BasedOnSeq, SeenEvents: min(acc.BasedOnSeq+1, dec.Seq), AsOfSeq: upTo,
			Cluster: ClusterRef{ID: clusterID, Name: m.N.cluster(clusterID, acc.On)}}
		return nil
	})
	if err != nil {
		return AcclaimReconstruction{}, err
	}
	// Both points are read from both read models at the same seq: first
	// the ranking (copied out), then the facts, judged inside the view.
	at := func(n uint64) (AcclaimState, string, error) {
		st, err := q.standingsAt(ctx, n, clusterID, year)
		if err != nil {
			return AcclaimState{}, "", err
		}
		var s AcclaimState
		if n == 0 {
			s = q.acclaimState(newEligModel().(*eligModel), st, acc)
		} else if err := q.r.view(ctx, EligibilityName, AtSeq(n-1), func(mm Model, _ uint64) error {
			s = q.acclaimState(mm.(*eligModel), st, acc)
			return nil
		}); err != nil {
			return AcclaimState{}, "", err
		}
		s.AsOfSeq = n
		return s, st.kind, nil
	}
	if out.Then, _, err = at(out.SeenEvents); err != nil {
		return AcclaimReconstruction{}, err
	}
	var kind string
	if out.Now, kind, err = at(out.AsOfSeq); err != nil {
		return AcclaimReconstruction{}, err
	}
	if ck, err := domain.ParseClusterKind(kind); err == nil {
		out.Cluster.KindLabel = ck.Label()
	}
	out.FirstRankedChanged = firstID(out.Then.FirstRanked) != firstID(out.Now.FirstRanked)
	out.DifferingRules = diffRules(out.Then.Rules, out.Now.Rules)
	out.InputsAdded, out.InputsDropped = inputChanges(out.Then.Inputs, out.Now.Inputs)
	out.Changed = out.FirstRankedChanged || len(out.DifferingRules) > 0
	return out, nil
}

func firstID(u *UnitRef) string {
	if u == nil {
		return ""
	}
	return u.ID
}

// clusterRanking is a cluster's ranking for a year copied out of the
// standings model, with the events its totals came from.
type clusterRanking struct {
	kind  string
	lines []StandingLine
	refs  map[string]EventRef
}

// standingsAt ranks cluster's scores for year from the first n events of
// the ledger (n = 0: none).
func (q *Eligibilities) standingsAt(ctx context.Context, n uint64, clusterID string, year int) (clusterRanking, error) {
	out := clusterRanking{lines: []StandingLine{}, refs: map[string]EventRef{}}
	if n == 0 {
		return out, nil
	}
	err := q.r.view(ctx, StandingsName, AtSeq(n-1), func(mm Model, upTo uint64) error {
		m := mm.(*standingsModel)
		out.kind, _ = lastString(m.Kinds[clusterID], upTo)
		cs := m.cluster(year, clusterID, q.tie, m.indexYear(year, upTo), upTo)
		for _, u := range cs.Units {
			sc := m.Scores[u.ScoreID]
			out.lines = append(out.lines, StandingLine{Rank: u.Rank, Unit: u.Unit, Total: u.Total, Stage: u.Stage, ScoreID: u.ScoreID, EventID: u.Recorded.EventID})
			typ := domain.EventScoreRecorded
			if sc != nil && sc.Supersedes != "" {
				typ = domain.EventScoreCorrected
			}
			stream := ""
			if sc != nil {
				stream = domain.ScoreRecorded{ScorecardID: sc.Scorecard}.StreamID()
			}
			out.refs[u.Recorded.EventID] = EventRef{EventID: u.Recorded.EventID, Seq: u.Recorded.Seq, Type: typ, Stream: stream, RecordedAt: u.Recorded.RecordedAt}
		}
		return nil
	})
	return out, err
}

// acclaimState judges acc against the facts in m and the ranking st.
func (q *Eligibilities) acclaimState(m *eligModel, st clusterRanking, acc efAcclaim) AcclaimState {
	out := AcclaimState{Members: []ClusterMember{}, Standings: st.lines, Rules: []RuleCheck{}, Inputs: []EventRef{}}
	year, leader := acc.Year, acc.Unit
	first, last := domain.YearEnd(year-1).AddDays(1).String(), domain.YearEnd(year).String()
	if c := m.Clusters[acc.Cluster]; c != nil {
		for _, ms := range c.Members {
			if ms.From <= last && (ms.Until == "" || ms.Until > first) {
				out.Members = append(out.Members, ClusterMember{Unit: UnitRef{ms.Unit, m.N.unit(ms.Unit, last)}, From: ms.From, Until: ms.Until, EventID: ms.EventID})
			}
		}
	}
	sortByName(out.Members, func(c ClusterMember) string { return c.Unit.Name }, func(c ClusterMember) string { return c.Unit.ID + c.From })
	if len(st.lines) > 0 {
		u := st.lines[0].Unit
		out.FirstRanked = &u
	}
	for _, l := range st.lines {
		if l.Unit.ID == leader {
			out.LeaderRank, out.LeaderTotal = l.Rank, l.Total
		}
	}
	on := pdate(acc.On)
	if on.IsZero() {
		on = domain.YearEnd(year)
	}
	add := func(c RuleCheck) { out.Rules = append(out.Rules, c) }

	// R15: the cluster's vote, when the sector flag is proposed or a
	// ballot is named.
	if acc.Ballot != "" || slices.Contains(acc.Titles, domain.TitleSectorEmulationFlag.String()) {
		var b *efBallot
		for i := range m.Ballots {
			if acc.Ballot != "" && m.Ballots[i].BallotID == acc.Ballot {
				b = &m.Ballots[i]
			}
		}
		switch {
		case b == nil && acc.Ballot != "":
			add(ruleCheck("R15", false, nil, fmt.Sprintf("Chưa ghi nhận phiếu biểu quyết %s của cụm, khối", acc.Ballot)))
		case b == nil:
			add(ruleCheck("R15", false, nil, "Đề nghị Cờ thi đua của ngành nhưng chưa có kết quả biểu quyết của cụm, khối"))
		default:
			k, _ := domain.ParseBallotKind(b.Kind)
			err := domain.CheckBallot(q.policy, "R15", on, domain.BallotFact{EventID: b.EventID, SubjectRef: b.Ref, Kind: k, Eligible: b.Eligible, Cast: b.Cast, For: b.For})
			detail := fmt.Sprintf("%d/%d thành viên cụm, khối đồng ý (%d bỏ phiếu)", b.For, b.Eligible, b.Cast)
			if err != nil {
				detail = domain.ErrorMessage(err)
			}
			add(ruleCheck("R15", err == nil, []string{b.EventID}, detail))
		}
	}

	// R16: one leading unit per cluster and year.
	var others []string
	for _, a := range m.Acclaims {
		if a.Cluster == acc.Cluster && a.Year == year && a.EventID != acc.EventID {
			others = append(others, a.EventID)
		}
	}
	if len(others) == 0 {
		add(ruleCheck("R16", true, nil, fmt.Sprintf("Cụm, khối chỉ suy tôn một tập thể dẫn đầu năm %d", year)))
	} else {
		add(ruleCheck("R16", false, others, fmt.Sprintf("Cụm, khối còn %d lần suy tôn dẫn đầu khác năm %d; mỗi năm chỉ một tập thể dẫn đầu", len(others), year)))
	}

	// R26: the leader was not "không được xét thi đua" the year before.
	var excluded []string
	var ratingInputs []string
	if r, ok := m.unitRating(leader, year-1); ok {
		ratingInputs = []string{r.EventID}
		if r.Rating == domain.RatingNotCompleted.String() {
			excluded = []string{leader}
		}
	}
	if err := domain.CheckLeaderNotExcluded(domain.ClusterLeadershipFact{EventID: acc.EventID, ClusterID: acc.Cluster, Year: year, LeaderUnitID: leader}, excluded); err != nil {
		add(ruleCheck("R26", false, ratingInputs, domain.ErrorMessage(err)))
	} else if len(ratingInputs) > 0 {
		add(ruleCheck("R26", true, ratingInputs, fmt.Sprintf("Đơn vị %s được xét thi đua năm %d", out.unitName(m, leader, last), year-1)))
	} else {
		add(ruleCheck("R26", true, nil, fmt.Sprintf("Sổ cái chưa ghi nhận xếp loại năm %d của đơn vị %s", year-1, out.unitName(m, leader, last))))
	}

	// The acclaimed unit is a member of the cluster that year.
	var memberIDs []string
	member := false
	for _, ms := range out.Members {
		if ms.Unit.ID == leader {
			member = true
			memberIDs = append(memberIDs, ms.EventID)
		}
	}
	for _, c := range m.Changes {
		if slices.Contains(c.Sources, leader) && c.Result != leader && c.Effective <= last {
			memberIDs = append(memberIDs, c.EventID)
		}
	}
	if member {
		add(consistencyCheck(CheckAcclaimMember, true, memberIDs, fmt.Sprintf("Đơn vị %s là thành viên cụm, khối năm %d", out.unitName(m, leader, last), year)))
	} else {
		add(consistencyCheck(CheckAcclaimMember, false, memberIDs, fmt.Sprintf("Đơn vị %s không phải thành viên cụm, khối năm %d", out.unitName(m, leader, last), year)))
	}

	// The acclaimed unit ranks first in the cluster's standings.
	var scoreIDs []string
	for _, l := range st.lines {
		scoreIDs = append(scoreIDs, l.EventID)
	}
	switch {
	case out.LeaderRank == 1:
		add(consistencyCheck(CheckAcclaimRank, true, scoreIDs, fmt.Sprintf("Đơn vị được suy tôn xếp thứ nhất của cụm, khối với %s điểm", points(out.LeaderTotal))))
	case out.LeaderRank == 0:
		add(consistencyCheck(CheckAcclaimRank, false, scoreIDs, "Đơn vị được suy tôn chưa có điểm chấm trong bảng xếp hạng của cụm, khối"))
	default:
		add(consistencyCheck(CheckAcclaimRank, false, scoreIDs, fmt.Sprintf("Đơn vị được suy tôn xếp thứ %d với %s điểm; đơn vị %s xếp thứ nhất với %s điểm",
			out.LeaderRank, points(out.LeaderTotal), st.lines[0].Unit.Name, points(st.lines[0].Total))))
	}

	seen := map[string]bool{}
	for _, r := range out.Rules {
		for _, id := range r.Inputs {
			if seen[id] {
				continue
			}
			ref, ok := m.ref(id)
			if !ok {
				ref, ok = st.refs[id]
			}
			if ok {
				seen[id] = true
				out.Inputs = append(out.Inputs, ref)
			}
		}
	}
	slices.SortFunc(out.Inputs, func(a, b EventRef) int { return compareU64(a.Seq, b.Seq) })
	return out
}

func (s *AcclaimState) unitName(m *eligModel, id, d string) string {
	for _, ms := range s.Members {
		if ms.Unit.ID == id {
			return ms.Unit.Name
		}
	}
	return m.N.unit(id, d)
}

// unitRating returns unit's current rating for year: the last recorded
// one that no other rating supersedes (as domain's evaluator reads them).
func (m *eligModel) unitRating(unit string, year int) (*efRating, bool) {
	superseded := map[string]bool{}
	for _, r := range m.Ratings {
		if r.Supersedes != "" {
			superseded[r.Supersedes] = true
		}
	}
	var out *efRating
	for _, r := range m.Ratings {
		if r.Subject == domain.Unit(unit) && r.Year == year && (r.RatingID == "" || !superseded[r.RatingID]) {
			out = r
		}
	}
	return out, out != nil
}

// points formats hundredths of a point the Vietnamese way: 97,25.
func points(p int64) string {
	sign := ""
	if p < 0 {
		sign, p = "-", -p
	}
	return fmt.Sprintf("%s%d,%02d", sign, p/100, p%100)
}

// ruleCheck is the result of catalog rule id with its citation and mode.
func ruleCheck(id string, passed bool, inputs []string, detail string) RuleCheck {
	r, err := domain.RuleByID(id)
	if err != nil {
		panic("projections: unknown rule " + id)
	}
	return RuleCheck{ID: id, Citation: r.Citation, Status: r.Status.String(), Passed: passed, Mode: r.Mode.String(), ModeLabel: r.Mode.Label(),
		Inputs: compact(inputs), Detail: detail}
}

// consistencyCitations say where each consistency check comes from. They
// are not rules of DOMAIN.md: a decision that fails one is not unlawful,
// but the ledger and the decision disagree and someone should look.
var consistencyCitations = map[string]string{
	CheckAcclaimMember: "Kiểm tra nhất quán, không phải quy định pháp lý: tập thể dẫn đầu phải là thành viên cụm, khối (TT 02/2024/TT-VKSTC, Điều 17: \u201ctập thể dẫn đầu cụm, khối\u201d)",
	CheckAcclaimRank:   "Kiểm tra nhất quán, không phải quy định pháp lý: đơn vị được suy tôn nên là đơn vị xếp thứ nhất theo bảng điểm thi đua của cụm, khối",
	CheckPlanMembers:   "Kiểm tra nhất quán, không phải quy định pháp lý: thành viên cụm, khối phải là đơn vị đang tồn tại (đơn vị sắp xếp theo Luật 82/2025/QH15; NQ 84/2025/UBTVQH15)",
	CheckPlanOnce:      "Kiểm tra nhất quán, không phải quy định pháp lý: mỗi đơn vị ở đúng một cụm và một khối mỗi năm (Hướng dẫn tổ chức cụm, khối thi đua ngành KSND)",
}

// consistencyCheck is the result of a consistency check: flag mode, no
// legal status of its own.
func consistencyCheck(id string, passed bool, inputs []string, detail string) RuleCheck {
	return RuleCheck{ID: id, Citation: consistencyCitations[id], Status: "consistency", Passed: passed, Mode: domain.ModeFlag.String(),
		ModeLabel: domain.ModeFlag.Label(), Inputs: compact(inputs), Detail: detail}
}

// compact returns ids without repeats, in first-seen order, never nil.
func compact(ids []string) []string {
	out := []string{}
	for _, id := range ids {
		if id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}
