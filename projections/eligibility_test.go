package projections_test

import (
	"slices"
	"testing"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/projections"
)

// eligMarks are the notable events of the eligibility ledger.
type eligMarks struct {
	ratingP1, ratingP2, proposal, decision, discipline, revocation eventstore.RecordedEvent
}

// eligLedger builds an office with two officers rated for 2024: Hòa
// (p1) "hoàn thành xuất sắc", Minh (p2) "hoàn thành tốt" with no
// initiative. Hòa is awarded CSTĐCS on 20/01/2025; on 01/03/2025 a
// reprimand for a 2024 violation is recorded, then the award is revoked.
func eligLedger(tb testing.TB) (*ledger, eligMarks) {
	var mk eligMarks
	l := newLedger(tb)
	l.at(day("2024-01-02"))
	l.add(domain.UnitEstablished{UnitID: id("tc"), Name: nameTC, Level: domain.LevelSupreme, Kind: domain.UnitKindProcuracy}, "1960-07-26", "")
	l.add(domain.UnitEstablished{UnitID: id("vp"), Name: nameVP, Level: domain.LevelSupreme, Kind: domain.UnitKindOffice, ParentUnitID: id("tc")}, "2000-01-01", "")
	l.add(domain.PersonRecruited{PersonID: id("p1"), FullName: "Nguyễn Thị Hòa", UnitID: id("vp")}, "2010-09-01", "")
	l.add(domain.PersonRecruited{PersonID: id("p2"), FullName: "Trần Văn Minh", UnitID: id("vp")}, "2012-03-01", "")
	l.at(day("2025-01-08"))
	mk.ratingP1 = l.add(domain.PerformanceRated{RatingID: id("rate-p1"), Subject: domain.Person(id("p1")), Year: 2024, Rating: domain.RatingExcellent}, "2025-01-08", "")
	mk.ratingP2 = l.add(domain.PerformanceRated{RatingID: id("rate-p2"), Subject: domain.Person(id("p2")), Year: 2024, Rating: domain.RatingGood}, "2025-01-08", "")
	l.add(domain.PerformanceRated{RatingID: id("rate-vp"), Subject: domain.Unit(id("vp")), Year: 2024, Rating: domain.RatingGood}, "2025-01-08", "")
	mk.proposal = l.add(domain.AwardProposed{ProposalID: id("prop-p1"), Subject: domain.Person(id("p1")), AwardKind: domain.TitleGrassrootsEmulationFighter,
		Year: 2024, Basis: domain.BasisMerit, ProposerUnitID: id("vp"), Level: domain.AwardLevelUnit, JustificationRefs: []string{mk.ratingP1.ID.String()}}, "2025-01-10", "")
	l.at(day("2025-01-20"))
	mk.decision = l.add(domain.AwardDecided{DecisionID: id("dec-p1"), DecisionNo: doc("20/QĐ-VKSTC"), IssuerUnitID: id("tc"), IssuerRole: "Viện trưởng VKSND tối cao",
		Awards: []domain.DecidedAward{{AwardID: id("award-p1"), ProposalID: id("prop-p1"), Subject: domain.Person(id("p1")),
			AwardKind: domain.TitleGrassrootsEmulationFighter, Year: 2024}}, BasedOnSeq: mk.proposal.Seq}, "2025-01-20", "20/QĐ-VKSTC")
	l.at(day("2025-03-01"))
	mk.discipline = l.add(domain.DisciplineImposed{DisciplineID: id("disc-p1"), PersonID: id("p1"), Form: domain.DisciplineReprimand, ViolationYear: 2024,
		DecisionNo: doc("31/QĐ-VKSTC")}, "2025-03-01", "31/QĐ-VKSTC")
	l.at(day("2025-04-01"))
	mk.revocation = l.add(domain.AwardRevoked{DecisionID: id("dec-p1"), AwardIDs: []string{id("award-p1")}, RevokingDecisionNo: doc("40/QĐ-VKSTC"),
		Ground: domain.GroundViolationFound, InsigniaRecovered: true}, "2025-04-01", "40/QĐ-VKSTC")
	return l, mk
}

func rule(t *testing.T, e projections.Eligibility, id string) projections.RuleCheck {
	t.Helper()
	for _, r := range e.Rules {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("rule %s not evaluated: %+v", id, e.Rules)
	return projections.RuleCheck{}
}

func TestEligibility(t *testing.T) {
	l, mk := eligLedger(t)
	r := newRunner(t, l, nil)
	runToEnd(t, r)
	ctx := t.Context()
	q := projections.NewEligibility(r, nil)
	beforeDiscipline := projections.AtSeq(mk.discipline.Seq - 1)

	t.Run("PassingCSTDCS", func(t *testing.T) {
		e, err := q.Eligibility(ctx, beforeDiscipline, domain.Person(id("p1")), domain.TitleGrassrootsEmulationFighter, 2024)
		if err != nil {
			t.Fatal(err)
		}
		r5 := rule(t, e, "R5")
		if !e.Eligible || !r5.Passed || r5.Citation == "" || r5.Mode != "enforce" {
			t.Fatalf("p1 = %+v", e)
		}
		if !slices.Contains(r5.Inputs, mk.ratingP1.ID.String()) {
			t.Errorf("R5 inputs %v lack the HTXS rating %s", r5.Inputs, mk.ratingP1.ID)
		}
		if e.Subject.Name != "Nguyễn Thị Hòa" || e.Title.Label != "Chiến sĩ thi đua cơ sở" || e.AsOfSeq != mk.discipline.Seq {
			t.Errorf("header = %+v %+v %d", e.Subject, e.Title, e.AsOfSeq)
		}
		if len(e.Inputs) == 0 || e.Inputs[len(e.Inputs)-1].Type != domain.EventPerformanceRated {
			t.Errorf("inputs = %+v", e.Inputs)
		}
	})

	t.Run("FailingCSTDCS", func(t *testing.T) {
		e, err := q.Eligibility(ctx, projections.Latest(), domain.Person(id("p2")), domain.TitleGrassrootsEmulationFighter, 2024)
		if err != nil {
			t.Fatal(err)
		}
		if e.Eligible || rule(t, e, "R5").Passed {
			t.Fatalf("p2 (HTT, no initiative) = %+v", e)
		}
		// but LĐTT holds.
		e, err = q.Eligibility(ctx, projections.Latest(), domain.Person(id("p2")), domain.TitleAdvancedWorker, 2024)
		if err != nil {
			t.Fatal(err)
		}
		if !e.Eligible || !rule(t, e, "R1").Passed || !slices.Contains(rule(t, e, "R1").Inputs, mk.ratingP2.ID.String()) {
			t.Errorf("p2 LĐTT = %+v", e)
		}
	})

	t.Run("LaterDisciplineChangesLatestOnly", func(t *testing.T) {
		now, err := q.Eligibility(ctx, projections.Latest(), domain.Person(id("p1")), domain.TitleAdvancedWorker, 2024)
		if err != nil {
			t.Fatal(err)
		}
		r4 := rule(t, now, "R4")
		if now.Eligible || r4.Passed || !slices.Equal(r4.Inputs, []string{mk.discipline.ID.String()}) {
			t.Errorf("latest R4 = %+v", r4)
		}
		then, err := q.Eligibility(ctx, beforeDiscipline, domain.Person(id("p1")), domain.TitleAdvancedWorker, 2024)
		if err != nil {
			t.Fatal(err)
		}
		if !then.Eligible || !rule(t, then, "R4").Passed {
			t.Errorf("before the discipline = %+v", then)
		}
		cs, err := q.Eligibility(ctx, projections.Latest(), domain.Person(id("p1")), domain.TitleGrassrootsEmulationFighter, 2024)
		if err != nil {
			t.Fatal(err)
		}
		if cs.Eligible {
			t.Errorf("CSTĐCS after a reprimand = %+v", cs)
		}
	})

	t.Run("UnitTTLDTT", func(t *testing.T) {
		e, err := q.Eligibility(ctx, projections.Latest(), domain.Unit(id("vp")), domain.TitleAdvancedCollective, 2024)
		if err != nil {
			t.Fatal(err)
		}
		// Two members, no LĐTT awarded: 0/2 < 70 %.
		r11 := rule(t, e, "R11")
		if e.Eligible || r11.Passed || len(r11.Inputs) < 3 {
			t.Errorf("R11 = %+v", r11)
		}
	})

	t.Run("Unsupported", func(t *testing.T) {
		e, err := q.Eligibility(ctx, projections.Latest(), domain.Unit(id("vp")), domain.TitleAdvancedWorker, 2024)
		if err != nil {
			t.Fatal(err)
		}
		if e.Eligible || e.Unsupported == "" {
			t.Errorf("unit for LĐTT = %+v", e)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		_, err := q.Eligibility(ctx, projections.Latest(), domain.Subject{}, domain.TitleAdvancedWorker, 2024)
		if domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("err = %v", err)
		}
	})
}

func TestReconstruction(t *testing.T) {
	l, mk := eligLedger(t)
	r := newRunner(t, l, nil)
	runToEnd(t, r)
	ctx := t.Context()
	q := projections.NewEligibility(r, nil)

	t.Run("ChangedSince", func(t *testing.T) {
		rc, err := q.Reconstruction(ctx, projections.Latest(), id("dec-p1"))
		if err != nil {
			t.Fatal(err)
		}
		if rc.DecisionNo != "20/QĐ-VKSTC" || rc.SeenEvents != mk.proposal.Seq+1 || rc.Decision.Seq != mk.decision.Seq || len(rc.Awards) != 1 {
			t.Fatalf("rc = %+v", rc)
		}
		a := rc.Awards[0]
		if !a.Then.Eligible || a.Now.Eligible || !a.OutcomeChanged || !rc.Changed {
			t.Fatalf("then %v now %v changed %v", a.Then.Eligible, a.Now.Eligible, a.OutcomeChanged)
		}
		if len(a.DifferingRules) != 1 || a.DifferingRules[0].ID != "R5" || !a.DifferingRules[0].Then.Passed || a.DifferingRules[0].Now.Passed {
			t.Errorf("differing = %+v", a.DifferingRules)
		}
		if len(a.InputsAdded) != 1 || a.InputsAdded[0].EventID != mk.discipline.ID.String() || a.InputsAdded[0].Type != domain.EventDisciplineImposed {
			t.Errorf("added = %+v", a.InputsAdded)
		}
		if a.Revoked == nil || a.Revoked.EventID != mk.revocation.ID.String() {
			t.Errorf("revoked = %+v", a.Revoked)
		}
		if a.Then.AskedOn != "2025-01-20" || a.Then.AsOfSeq != mk.proposal.Seq+1 {
			t.Errorf("then asked on %s, %d events", a.Then.AskedOn, a.Then.AsOfSeq)
		}
	})

	t.Run("ByAwardAsOfBeforeDiscipline", func(t *testing.T) {
		rc, err := q.Reconstruction(ctx, projections.AtSeq(mk.discipline.Seq-1), id("award-p1"))
		if err != nil {
			t.Fatal(err)
		}
		a := rc.Awards[0]
		if rc.Changed || a.OutcomeChanged || len(a.DifferingRules) != 0 || a.Revoked != nil || len(a.InputsAdded) != 0 {
			t.Errorf("nothing changed yet: %+v", a)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := q.Reconstruction(ctx, projections.AtSeq(mk.proposal.Seq), id("dec-p1"))
		if domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("before the decision: err = %v", err)
		}
	})
}
