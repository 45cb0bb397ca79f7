package projections_test

import (
	"slices"
	"testing"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/projections"
)

// acclaimMarks are the notable events of acclaimLedger.
type acclaimMarks struct {
	basedOn    eventstore.RecordedEvent // the last event the cluster saw
	lateScore  eventstore.RecordedEvent // recorded after basedOnSeq, before the acclamation
	acclaim    eventstore.RecordedEvent
	correction eventstore.RecordedEvent // zero unless correct
}

// acclaimLedger: three provincial procuracies in one 2024 cluster; Tuyên
// Quang scores 950, Hà Giang 940; the cluster votes 3/3 and, having seen
// the ledger up to the vote, acclaims Tuyên Quang. Thái Nguyên's score
// (900) is recorded after the seq the cluster saw. With correct, Hà
// Giang's score is corrected to 1000 after the acclamation.
func acclaimLedger(t *testing.T, correct bool) (*ledger, acclaimMarks) {
	l := newLedger(t)
	var mk acclaimMarks
	l.at(day("2024-01-02"))
	l.add(domain.UnitEstablished{UnitID: id("tc"), Name: nameTC, Level: domain.LevelSupreme, Kind: domain.UnitKindProcuracy}, "1960-07-26", "")
	for _, u := range []struct{ k, n string }{{"hg", nameHG}, {"tq", nameTQ}, {"tn", nameTN}} {
		l.add(domain.UnitEstablished{UnitID: id(u.k), Name: u.n, Level: domain.LevelProvincial, Kind: domain.UnitKindProcuracy, ParentUnitID: id("tc")}, "1960-07-26", "")
	}
	l.add(domain.CouncilConstituted{CouncilID: id("c1"), Kind: domain.CouncilKindTDKT, Name: "Hội đồng Thi đua - Khen thưởng ngành Kiểm sát nhân dân",
		OwnerUnitID: id("tc"), DecisionNo: doc("01/QĐ-VKSTC"), Members: []domain.CouncilMember{{PersonID: id("p0"), Role: domain.RoleChair, PositionTitle: "Viện trưởng"}}}, "2024-01-02", "01/QĐ-VKSTC")
	l.add(domain.ClusterFormed{ClusterID: id("cl1"), Kind: domain.ClusterKindCluster, Name: "Cụm thi đua số 1", Number: 1, Year: 2024,
		OrganizerCouncilID: id("c1"), MemberUnitIDs: []string{id("hg"), id("tq"), id("tn")}}, "2024-03-01", "09/HD-VKSTC")
	l.add(domain.ScoringSchemePublished{SchemeID: id("s1"), Version: 1, Table: "VKSND cấp tỉnh",
		Items: []domain.SchemeItem{{Code: "I.1", Title: "Công tác thực hành quyền công tố", MaxPoints: 600}, {Code: "I.2", Title: "Công tác kiểm sát", MaxPoints: 600}}}, "2024-01-01", "424/QĐ-VKSTC")
	l.at(day("2025-01-10"))
	score := func(unit string, a, b domain.Points) eventstore.RecordedEvent {
		return l.add(domain.ScoreRecorded{ScoreID: id("score-" + unit), ScorecardID: id("card-" + unit), SubjectUnitID: id(unit),
			ClusterID: id("cl1"), Year: 2024, SchemeID: id("s1"), SchemeVersion: 1, Stage: domain.StageCluster,
			Items: []domain.ItemScore{{Code: "I.1", Points: a}, {Code: "I.2", Points: b}}, Total: a + b}, "2025-01-10", "")
	}
	score("tq", 500, 450)
	score("hg", 490, 450)
	mk.basedOn = l.add(domain.BallotRecorded{BallotID: id("ballot1"), MeetingID: id("meeting1"), ClusterID: id("cl1"), SubjectRef: id("prop-flag"),
		Kind: domain.BallotShowOfHands, Eligible: 3, Cast: 3, For: 3, Rule: "R15"}, "2025-01-12", "")
	mk.lateScore = score("tn", 450, 450)
	mk.acclaim = l.add(domain.ClusterLeaderAcclaimed{ClusterID: id("cl1"), Year: 2024, LeadingUnitID: id("tq"), BallotID: id("ballot1"),
		MinutesRef: "Biên bản họp cụm ngày 12/01/2025", ProposedTitles: []domain.AwardKind{domain.TitleSectorEmulationFlag},
		BasedOnSeq: mk.basedOn.Seq}, "2025-01-12", "")
	if correct {
		l.at(day("2025-02-10"))
		mk.correction = l.add(domain.ScoreCorrected{ScoreID: id("score-hg-fix"), ScorecardID: id("card-hg"), SupersedesScoreID: id("score-hg"),
			Items: []domain.ItemScore{{Code: "I.2", Points: 510}}, Total: 1000, Reason: "Cộng điểm chỉ tiêu bị bỏ sót", CorrectedByUnitID: id("tc")}, "2025-02-10", "")
	}
	return l, mk
}

func ruleByID(rs []projections.RuleCheck, id string) *projections.RuleCheck {
	for i := range rs {
		if rs[i].ID == id {
			return &rs[i]
		}
	}
	return nil
}

func hasEvent(refs []projections.EventRef, id string) bool {
	return slices.ContainsFunc(refs, func(r projections.EventRef) bool { return r.EventID == id })
}

func TestAcclaimReconstruction(t *testing.T) {
	t.Run("CorrectionAfterwardDropsLeaderToSecond", func(t *testing.T) {
		// Given an acclamation of the first-ranked unit and a correction
		// recorded afterwards that ranks another unit first,
		l, mk := acclaimLedger(t, true)
		r := newRunner(t, l, nil)
		runToEnd(t, r)
		// when the acclamation is reconstructed today,
		rc, err := projections.NewEligibility(r, nil).AcclaimReconstruction(t.Context(), projections.Latest(), id("cl1"), 2024)
		if err != nil {
			t.Fatal(err)
		}
		// then it was right then and would differ now.
		if rc.Decision.EventID != mk.acclaim.ID.String() || rc.BasedOnSeq != mk.basedOn.Seq || rc.SeenEvents != mk.basedOn.Seq+1 {
			t.Fatalf("decision %+v basedOn %d seen %d", rc.Decision, rc.BasedOnSeq, rc.SeenEvents)
		}
		if rc.Then.LeaderRank != 1 || rc.Then.LeaderTotal != 950 || rc.Now.LeaderRank != 2 || rc.Now.FirstRanked == nil || rc.Now.FirstRanked.ID != id("hg") {
			t.Errorf("then rank %d (%d), now rank %d first %+v", rc.Then.LeaderRank, rc.Then.LeaderTotal, rc.Now.LeaderRank, rc.Now.FirstRanked)
		}
		if !rc.Changed || !rc.FirstRankedChanged {
			t.Errorf("changed %v, first ranked changed %v", rc.Changed, rc.FirstRankedChanged)
		}
		if len(rc.DifferingRules) != 1 || rc.DifferingRules[0].ID != projections.CheckAcclaimRank || !rc.DifferingRules[0].Then.Passed || rc.DifferingRules[0].Now.Passed {
			t.Errorf("differing = %+v", rc.DifferingRules)
		}
		if d := rc.DifferingRules; len(d) == 1 && d[0].Citation == "" {
			t.Error("the rank check has no citation")
		}
		if !hasEvent(rc.InputsAdded, mk.correction.ID.String()) {
			t.Errorf("the correction %s is not among the inputs added: %+v", mk.correction.ID, rc.InputsAdded)
		}
		for _, in := range rc.InputsAdded {
			if in.EventID == mk.correction.ID.String() && (in.Type != domain.EventScoreCorrected || in.Seq != mk.correction.Seq || in.Stream != "scorecard-"+id("card-hg")) {
				t.Errorf("correction ref = %+v", in)
			}
		}
		if !hasEvent(rc.InputsDropped, rc.Then.Standings[1].EventID) {
			t.Errorf("the superseded score is not among the inputs dropped: %+v", rc.InputsDropped)
		}
		for _, id := range []string{"R15", "R16", "R26", projections.CheckAcclaimMember} {
			if c := ruleByID(rc.Now.Rules, id); c == nil || !c.Passed || c.Citation == "" {
				t.Errorf("now %s = %+v", id, c)
			}
		}
		if c := ruleByID(rc.Now.Rules, "R15"); c == nil || !slices.Contains(c.Inputs, mk.basedOn.ID.String()) {
			t.Errorf("R15 does not use the ballot: %+v", c)
		}
	})

	t.Run("NothingSince", func(t *testing.T) {
		l, mk := acclaimLedger(t, false)
		r := newRunner(t, l, nil)
		runToEnd(t, r)
		rc, err := projections.NewEligibility(r, nil).AcclaimReconstruction(t.Context(), projections.Latest(), id("cl1"), 2024)
		if err != nil {
			t.Fatal(err)
		}
		if rc.Changed || rc.FirstRankedChanged || len(rc.DifferingRules) != 0 {
			t.Errorf("changed %v first %v differing %+v", rc.Changed, rc.FirstRankedChanged, rc.DifferingRules)
		}
		// "Then" stops at basedOnSeq: the score recorded after it and the
		// acclamation itself are not in it.
		if rc.Then.AsOfSeq != mk.basedOn.Seq+1 || len(rc.Then.Standings) != 2 || len(rc.Now.Standings) != 3 {
			t.Errorf("then %d events, %d lines; now %d lines", rc.Then.AsOfSeq, len(rc.Then.Standings), len(rc.Now.Standings))
		}
		for _, in := range rc.Then.Inputs {
			if in.Seq > mk.basedOn.Seq {
				t.Errorf("then uses %s (seq %d), after basedOnSeq %d", in.Type, in.Seq, mk.basedOn.Seq)
			}
		}
		if !hasEvent(rc.InputsAdded, mk.lateScore.ID.String()) || len(rc.InputsDropped) != 0 {
			t.Errorf("added %+v dropped %+v", rc.InputsAdded, rc.InputsDropped)
		}
	})

	t.Run("LaterAcclamationBreaksR16", func(t *testing.T) {
		l, _ := acclaimLedger(t, false)
		late := l.add(domain.ClusterLeaderAcclaimed{ClusterID: id("cl1"), Year: 2024, LeadingUnitID: id("hg"), BasedOnSeq: 3}, "2025-03-01", "")
		r := newRunner(t, l, nil)
		runToEnd(t, r)
		rc, err := projections.NewEligibility(r, nil).AcclaimReconstruction(t.Context(), projections.Latest(), id("cl1"), 2024)
		if err != nil {
			t.Fatal(err)
		}
		if rc.LeadingUnit.ID != id("tq") || !rc.Changed || len(rc.DifferingRules) != 1 || rc.DifferingRules[0].ID != "R16" || !hasEvent(rc.InputsAdded, late.ID.String()) {
			t.Errorf("leader %s changed %v differing %+v added %+v", rc.LeadingUnit.ID, rc.Changed, rc.DifferingRules, rc.InputsAdded)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		l, mk := acclaimLedger(t, false)
		r := newRunner(t, l, nil)
		runToEnd(t, r)
		q := projections.NewEligibility(r, nil)
		if _, err := q.AcclaimReconstruction(t.Context(), projections.AtSeq(mk.acclaim.Seq-1), id("cl1"), 2024); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("before the acclamation: err = %v", err)
		}
		if _, err := q.AcclaimReconstruction(t.Context(), projections.Latest(), id("cl1"), 2023); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("another year: err = %v", err)
		}
	})
}

// planLedger: four provincial procuracies in two 2024 clusters; a plan
// puts all four in one cluster for 2025 and is approved, the council
// having seen the ledger up to the plan. With merge, Hà Giang is then
// absorbed into Tuyên Quang.
func planLedger(t *testing.T, merge bool) (*ledger, eventstore.RecordedEvent, eventstore.RecordedEvent) {
	l := newLedger(t)
	l.at(day("2024-01-02"))
	l.add(domain.UnitEstablished{UnitID: id("tc"), Name: nameTC, Level: domain.LevelSupreme, Kind: domain.UnitKindProcuracy}, "1960-07-26", "")
	for _, u := range []struct{ k, n string }{{"hg", nameHG}, {"tq", nameTQ}, {"ls", nameLS}, {"cb", nameCB}} {
		l.add(domain.UnitEstablished{UnitID: id(u.k), Name: u.n, Level: domain.LevelProvincial, Kind: domain.UnitKindProcuracy, ParentUnitID: id("tc")}, "1960-07-26", "")
	}
	l.add(domain.CouncilConstituted{CouncilID: id("c1"), Kind: domain.CouncilKindTDKT, Name: "Hội đồng Thi đua - Khen thưởng ngành Kiểm sát nhân dân",
		OwnerUnitID: id("tc"), DecisionNo: doc("01/QĐ-VKSTC"), Members: []domain.CouncilMember{{PersonID: id("p0"), Role: domain.RoleChair, PositionTitle: "Viện trưởng"}}}, "2024-01-02", "01/QĐ-VKSTC")
	l.add(domain.ClusterFormed{ClusterID: id("cl1"), Kind: domain.ClusterKindCluster, Name: "Cụm thi đua số 1", Number: 1, Year: 2024,
		OrganizerCouncilID: id("c1"), MemberUnitIDs: []string{id("hg"), id("tq")}}, "2024-03-01", "09/HD-VKSTC")
	l.add(domain.ClusterFormed{ClusterID: id("cl2"), Kind: domain.ClusterKindCluster, Name: "Cụm thi đua số 2", Number: 2, Year: 2024,
		OrganizerCouncilID: id("c1"), MemberUnitIDs: []string{id("ls"), id("cb")}}, "2024-03-01", "09/HD-VKSTC")
	l.at(day("2025-02-20"))
	plan := l.add(domain.ClusterReorganizationPlanSubmitted{PlanID: id("plan1"), SubmitterUnitID: id("tq"), RecipientCouncilID: id("c1"), Year: 2025,
		ProposedClusters: []domain.ProposedCluster{{Kind: domain.ClusterKindCluster, Name: "Cụm thi đua khu vực Đông Bắc",
			MemberUnitIDs: []string{id("hg"), id("tq"), id("ls"), id("cb")}}}, DocNo: doc("45/BC-VKS")}, "2025-02-20", "")
	l.at(day("2025-03-01"))
	l.add(domain.ClusterReorganizationPlanDecided{PlanID: id("plan1"), Decision: domain.PlanApproved, DecidedByUnitID: id("tc"), BasedOnSeq: plan.Seq}, "2025-03-01", "12/QĐ-VKSTC")
	var merged eventstore.RecordedEvent
	if merge {
		l.at(day("2025-07-01"))
		merged = l.add(domain.UnitsMerged{SourceUnitIDs: []string{id("hg"), id("tq")}, ResultUnitID: id("tq"), Mode: domain.MergeAbsorption}, "2025-07-01", "84/2025/UBTVQH15")
	}
	return l, plan, merged
}

func TestPlanReconstruction(t *testing.T) {
	t.Run("MemberMergedAfterward", func(t *testing.T) {
		// Given an approved plan and a unit in it merged afterwards,
		l, plan, merged := planLedger(t, true)
		r := newRunner(t, l, nil)
		runToEnd(t, r)
		// when the decision is reconstructed today,
		rc, err := projections.NewReorganization(r).PlanReconstruction(t.Context(), projections.Latest(), id("plan1"))
		if err != nil {
			t.Fatal(err)
		}
		// then it changed, naming the merger.
		if rc.SeenEvents != plan.Seq+1 || rc.Outcome.Decision != domain.PlanApproved.String() || rc.OnDate != "2025-02-28" {
			t.Fatalf("seen %d outcome %+v on %s", rc.SeenEvents, rc.Outcome, rc.OnDate)
		}
		if !rc.Changed {
			t.Error("changed = false")
		}
		if len(rc.DifferingRules) != 1 || rc.DifferingRules[0].ID != projections.CheckPlanMembers || !rc.DifferingRules[0].Then.Passed || rc.DifferingRules[0].Now.Passed {
			t.Errorf("differing = %+v", rc.DifferingRules)
		}
		if len(rc.InputsAdded) != 1 || rc.InputsAdded[0].EventID != merged.ID.String() || rc.InputsAdded[0].Type != domain.EventUnitsMerged {
			t.Errorf("added = %+v", rc.InputsAdded)
		}
		gone := rc.Now.Proposed[0].Gone
		if len(gone) != 1 || gone[0].Unit.ID != id("hg") || gone[0].Status != "merged" || gone[0].Event == nil || gone[0].Event.EventID != merged.ID.String() {
			t.Errorf("gone now = %+v", gone)
		}
		if len(rc.Then.Proposed[0].Gone) != 0 {
			t.Errorf("gone then = %+v", rc.Then.Proposed[0].Gone)
		}
		if len(rc.Then.Clusters) != 2 || len(rc.Then.LeftOut) != 0 || len(rc.Then.PlacedTwice) != 0 {
			t.Errorf("then clusters %d left out %+v twice %+v", len(rc.Then.Clusters), rc.Then.LeftOut, rc.Then.PlacedTwice)
		}
		if c := ruleByID(rc.Now.Rules, "R28"); c == nil || !c.Passed || c.Citation == "" {
			t.Errorf("R28 = %+v", c)
		}
	})

	t.Run("NothingSince", func(t *testing.T) {
		l, _, _ := planLedger(t, false)
		r := newRunner(t, l, nil)
		runToEnd(t, r)
		rc, err := projections.NewReorganization(r).PlanReconstruction(t.Context(), projections.Latest(), id("plan1"))
		if err != nil {
			t.Fatal(err)
		}
		if rc.Changed || len(rc.DifferingRules) != 0 || len(rc.InputsAdded) != 0 || len(rc.InputsDropped) != 0 {
			t.Errorf("changed %v differing %+v added %+v dropped %+v", rc.Changed, rc.DifferingRules, rc.InputsAdded, rc.InputsDropped)
		}
		for _, c := range rc.Now.Rules {
			if !c.Passed {
				t.Errorf("%s failed: %s", c.ID, c.Detail)
			}
		}
	})

	t.Run("PlacedTwiceSince", func(t *testing.T) {
		l, _, _ := planLedger(t, false)
		other := l.add(domain.ClusterReorganizationPlanSubmitted{PlanID: id("plan2"), SubmitterUnitID: id("ls"), RecipientCouncilID: id("c1"), Year: 2025,
			ProposedClusters: []domain.ProposedCluster{{Kind: domain.ClusterKindCluster, Name: "Cụm thi đua biên giới", MemberUnitIDs: []string{id("ls"), id("cb")}}}}, "2025-03-05", "")
		r := newRunner(t, l, nil)
		runToEnd(t, r)
		rc, err := projections.NewReorganization(r).PlanReconstruction(t.Context(), projections.Latest(), id("plan1"))
		if err != nil {
			t.Fatal(err)
		}
		if !rc.Changed || len(rc.DifferingRules) != 1 || rc.DifferingRules[0].ID != projections.CheckPlanOnce || len(rc.Now.PlacedTwice) != 2 || !hasEvent(rc.InputsAdded, other.ID.String()) {
			t.Errorf("changed %v differing %+v twice %+v added %+v", rc.Changed, rc.DifferingRules, rc.Now.PlacedTwice, rc.InputsAdded)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		l, plan, _ := planLedger(t, false)
		r := newRunner(t, l, nil)
		runToEnd(t, r)
		q := projections.NewReorganization(r)
		if _, err := q.PlanReconstruction(t.Context(), projections.AtSeq(plan.Seq), id("plan1")); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("before the decision: err = %v", err)
		}
		if _, err := q.PlanReconstruction(t.Context(), projections.Latest(), id("nope")); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("unknown plan: err = %v", err)
		}
	})
}
