package projections_test

import (
	"testing"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/projections"
)

func TestCouncilsRegistrationsInitiatives(t *testing.T) {
	l, _ := demo(t) // council c1 constituted 02/01/2024 with p0 as chair
	l.at(day("2025-02-01"))
	l.add(domain.CouncilStandingOfficeDesignated{CouncilID: id("c1"), OfficeUnitID: id("vp")}, "2025-02-01", "")
	l.add(domain.CouncilMemberAppointed{CouncilID: id("c1"), Member: domain.CouncilMember{PersonID: id("p1"), Role: domain.RoleStandingMember,
		PositionTitle: "Chánh Văn phòng"}, DecisionNo: doc("50/QĐ-VKSTC")}, "2025-02-01", "50/QĐ-VKSTC")
	l.at(day("2025-09-01"))
	reconst := l.add(domain.CouncilReconstituted{CouncilID: id("c1"), DecisionNo: doc("90/QĐ-VKSTC"), SupersedesDecision: doc("01/QĐ-VKSTC"),
		Members: []domain.CouncilMember{{PersonID: id("p9"), Role: domain.RoleChair, PositionTitle: "Viện trưởng"}}}, "2025-09-01", "90/QĐ-VKSTC")

	l.add(domain.EmulationRegistrationAmended{RegistrationID: id("r-tq"), SubjectKind: domain.SubjectUnit,
		Targets: []domain.AwardKind{domain.TitleExcellentCollective}, Reason: "Điều chỉnh"}, "2025-09-02", "")
	l.add(domain.EmulationRegistrationSubmitted{RegistrationID: id("r-p1"), Subject: domain.Person(id("p1")), Year: 2025,
		Targets: []domain.AwardKind{domain.TitleAdvancedWorker}, ViaUnitID: id("vp")}, "2025-09-02", "")
	l.add(domain.EmulationRegistrationWithdrawn{RegistrationID: id("r-p1"), Reason: "Nghỉ hưu"}, "2025-09-03", "")
	l.add(domain.CovenantSigned{CovenantID: id("cov1"), ClusterID: id("cl1"), Year: 2024,
		Signatories: []domain.Signatory{{UnitID: id("tq"), PersonID: id("p1")}, {UnitID: id("hg"), PersonID: id("p1")}},
		Targets:     []string{"Hoàn thành 100% chỉ tiêu"}}, "2024-03-25", "")

	l.add(domain.InitiativeSubmitted{InitiativeID: id("i1"), Title: "Sổ tay kiểm sát điện tử", AuthorIDs: []string{id("p1")}, UnitID: id("vp"),
		Description: "Tra cứu nhanh"}, "2025-02-01", "")
	l.add(domain.InitiativeApplied{InitiativeID: id("i1"), UnitID: id("vp"), Trial: true}, "2025-03-01", "")
	l.add(domain.BallotRecorded{BallotID: id("b1"), MeetingID: id("m1"), CouncilID: id("c1"), SubjectRef: id("i1"), Kind: domain.BallotSecret,
		Eligible: 9, Cast: 9, For: 8, Against: 1}, "2025-04-01", "")
	l.add(domain.InitiativeEvaluated{InitiativeID: id("i1"), CouncilID: id("c1"), BallotID: id("b1"), Result: domain.VerdictPass}, "2025-04-01", "")
	l.add(domain.InitiativeRecognized{InitiativeID: id("i1"), Scope: domain.ScopeGrassroots, RecognizedByUnitID: id("vp"), RecognizerRole: "Chánh Văn phòng",
		DecisionNo: doc("60/QĐ-VP")}, "2025-04-05", "")
	l.add(domain.InitiativeRecognized{InitiativeID: id("i1"), Scope: domain.ScopeSector, RecognizedByUnitID: id("tc"), RecognizerRole: "Viện trưởng VKSND tối cao",
		DecisionNo: doc("70/QĐ-VKSTC")}, "2025-05-05", "")
	revoke := l.add(domain.InitiativeRecognitionRevoked{InitiativeID: id("i1"), Scope: domain.ScopeSector, Reason: "Trùng sáng kiến đã công nhận",
		DecisionNo: doc("80/QĐ-VKSTC")}, "2025-06-05", "")

	r := newRunner(t, l, nil)
	runToEnd(t, r)
	ctx := t.Context()

	t.Run("Councils", func(t *testing.T) {
		q := projections.NewCouncils(r)
		mid, err := q.Get(ctx, projections.Latest(), id("c1"), mustDate("2025-06-30"))
		if err != nil {
			t.Fatal(err)
		}
		if !mid.Exists || len(mid.Members) != 2 || mid.Chair == nil || mid.Chair.Person.ID != id("p0") || mid.DecisionNo != "01/QĐ-VKSTC" ||
			mid.StandingOffice == nil || mid.StandingOffice.Name != nameVP || mid.Members[1].Person.Name != "Nguyễn Thị Hòa" {
			t.Errorf("on 30/06/2025 = %+v", mid)
		}
		now, err := q.Get(ctx, projections.Latest(), id("c1"), domain.Date{})
		if err != nil {
			t.Fatal(err)
		}
		if len(now.Members) != 1 || now.Chair.Person.ID != id("p9") || now.DecisionNo != "90/QĐ-VKSTC" || len(now.History) != 4 ||
			now.History[3].Kind != "reconstituted" || now.History[3].Supersedes != "01/QĐ-VKSTC" || len(now.InCharge) != 1 || len(now.Ballots) != 1 {
			t.Errorf("latest = %+v", now)
		}
		before, err := q.Get(ctx, projections.AtSeq(reconst.Seq-1), id("c1"), domain.Date{})
		if err != nil {
			t.Fatal(err)
		}
		if before.DecisionNo != "01/QĐ-VKSTC" || len(before.Members) != 2 {
			t.Errorf("as of before the reconstitution = %+v", before)
		}
		if early, _ := q.Get(ctx, projections.Latest(), id("c1"), mustDate("2023-12-31")); early.Exists || len(early.Members) != 0 {
			t.Errorf("before constitution = %+v", early)
		}
		if _, err := q.Get(ctx, projections.Latest(), id("nope"), domain.Date{}); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("err = %v", err)
		}
	})

	t.Run("Registrations", func(t *testing.T) {
		q := projections.NewRegistrations(r)
		regs, err := q.List(ctx, projections.Latest(), projections.RegistrationFilter{Year: 2024, UnitID: id("tq")})
		if err != nil {
			t.Fatal(err)
		}
		if len(regs) != 1 || len(regs[0].Original) != 2 || len(regs[0].Targets) != 1 || len(regs[0].Amendments) != 1 || regs[0].Cluster == nil {
			t.Errorf("tq 2024 = %+v", regs)
		}
		regs, err = q.List(ctx, projections.Latest(), projections.RegistrationFilter{UnitID: id("vp")})
		if err != nil {
			t.Fatal(err)
		}
		if len(regs) != 1 || regs[0].Status != "withdrawn" || regs[0].Withdrawal.Reason != "Nghỉ hưu" {
			t.Errorf("vp = %+v", regs)
		}
		if regs, _ := q.List(ctx, projections.Latest(), projections.RegistrationFilter{UnitID: id("vp"), ActiveOnly: true}); len(regs) != 0 {
			t.Errorf("active = %+v", regs)
		}
		cov, err := q.Covenants(ctx, projections.Latest(), 2024, id("cl1"))
		if err != nil {
			t.Fatal(err)
		}
		if len(cov) != 1 || len(cov[0].Signatories) != 2 || cov[0].Signatories[0].Unit.Name != nameTQ || cov[0].Cluster.Name != "Cụm thi đua số 1" {
			t.Errorf("covenants = %+v", cov)
		}
	})

	t.Run("Initiatives", func(t *testing.T) {
		q := projections.NewInitiatives(r)
		in, err := q.Get(ctx, projections.Latest(), id("i1"))
		if err != nil {
			t.Fatal(err)
		}
		if in.Scope != domain.ScopeGrassroots.String() || len(in.Recognitions) != 2 || in.Recognitions[1].Revoked == nil ||
			len(in.Evaluations) != 1 || in.Evaluations[0].Ballot == nil || in.Evaluations[0].Ballot.For != 8 || in.Authors[0].Name != "Nguyễn Thị Hòa" {
			t.Errorf("latest = %+v", in)
		}
		was, err := q.Get(ctx, projections.AtSeq(revoke.Seq-1), id("i1"))
		if err != nil {
			t.Fatal(err)
		}
		if was.Scope != domain.ScopeSector.String() {
			t.Errorf("before revocation scope = %s", was.Scope)
		}
		sector, err := q.List(ctx, projections.Latest(), projections.InitiativeFilter{Scope: domain.ScopeSector})
		if err != nil || len(sector) != 0 {
			t.Errorf("sector now = %+v, %v", sector, err)
		}
		grass, err := q.List(ctx, projections.Latest(), projections.InitiativeFilter{Scope: domain.ScopeGrassroots, AuthorID: id("p1"), Year: 2025})
		if err != nil || len(grass) != 1 {
			t.Errorf("grassroots = %+v, %v", grass, err)
		}
	})

	t.Run("EligibilityUsesInitiative", func(t *testing.T) {
		// p1's 2025 initiative counts for CSTĐCS 2025 once rated HTT.
		q := projections.NewEligibility(r, nil)
		f, err := q.Facts(ctx, projections.Latest(), domain.Person(id("p1")), 2025, domain.Date{})
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Initiatives) != 2 || !f.Initiatives[1].Revoked || len(f.Recruitments) != 1 {
			t.Errorf("facts = %+v", f)
		}
	})
}
