package projections_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/memstore"
	"github.com/tdkt/tdkt/projections"
)

// id returns a stable UUID for a readable name.
func id(name string) string {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("tdkt-test:"+name)).String()
}

// ledger appends real domain events to a memstore whose clock the test
// sets before each append (transaction time).
type ledger struct {
	tb    testing.TB
	store *memstore.Store
	mu    sync.Mutex
	now   time.Time
	n     int
}

func newLedger(tb testing.TB) *ledger {
	l := &ledger{tb: tb, now: time.Date(2024, 1, 2, 8, 0, 0, 0, time.UTC)}
	l.store = memstore.New(&memstore.Options{Now: func() time.Time {
		l.mu.Lock()
		defer l.mu.Unlock()
		return l.now
	}})
	return l
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t.Add(9 * time.Hour)
}

// at sets the clock: the next events are recorded at t.
func (l *ledger) at(t time.Time) *ledger {
	l.mu.Lock()
	l.now = t
	l.mu.Unlock()
	return l
}

// add records ev effective on date ("" for none) with basis number (""
// for none); it returns the recorded event.
func (l *ledger) add(ev domain.Event, date, basis string) eventstore.RecordedEvent {
	l.tb.Helper()
	typ, schema, data, err := domain.Encode(ev)
	if err != nil {
		l.tb.Fatal(err)
	}
	l.n++
	e := eventstore.Event{ID: uuid.NewSHA1(uuid.NameSpaceOID, []byte{byte(l.n >> 8), byte(l.n)}), Type: typ, Schema: schema,
		Effective: eventstore.Effective{Date: date},
		Actor:     &eventstore.Actor{Subject: "can-bo-v16", Role: "thuong-truc", Unit: id("tc")}, Data: data}
	if y, ok := ev.(domain.YearScoped); ok {
		e.Effective.Year = y.EvalYear()
	}
	if basis != "" {
		e.Basis = &eventstore.Basis{Number: basis, Date: date, Issuer: "VKSND tối cao"}
	}
	res, err := l.store.Append(context.Background(), ev.StreamID(), eventstore.Any, e)
	if err != nil {
		l.tb.Fatal(err)
	}
	return res.Events[0]
}

func doc(s string) domain.DocNumber {
	d, err := domain.ParseDocNumber(s)
	if err != nil {
		panic(err)
	}
	return d
}

func mustDate(s string) domain.Date {
	d, err := domain.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Unit names used by the demo sector below.
const (
	nameTC = "Viện kiểm sát nhân dân tối cao"
	nameHG = "Viện kiểm sát nhân dân tỉnh Hà Giang"
	nameTQ = "Viện kiểm sát nhân dân tỉnh Tuyên Quang"
	nameBK = "Viện kiểm sát nhân dân tỉnh Bắc Kạn"
	nameTN = "Viện kiểm sát nhân dân tỉnh Thái Nguyên"
	nameLS = "Viện kiểm sát nhân dân tỉnh Lạng Sơn"
	nameCB = "Viện kiểm sát nhân dân tỉnh Cao Bằng"
	nameVP = "Văn phòng Viện kiểm sát nhân dân tối cao"
)

// marks are the seqs of notable events in the demo ledger.
type marks struct {
	correction   eventstore.RecordedEvent
	lastOf2024   eventstore.RecordedEvent
	revocation   eventstore.RecordedEvent
	planDecision eventstore.RecordedEvent
}

// demo builds a small sector: six provincial procuracies in two clusters in
// 2024, scores, a correction recorded on 10/02/2025, awards and a
// revocation, then the 2025 reform (two absorptions), a plan and its
// decision, a dissolved cluster, a new block and a unit in two clusters.
func demo(tb testing.TB) (*ledger, marks) {
	l := newLedger(tb)
	var mk marks
	l.at(day("2024-01-02"))
	l.add(domain.UnitEstablished{UnitID: id("tc"), Name: nameTC, Level: domain.LevelSupreme, Kind: domain.UnitKindProcuracy}, "1960-07-26", "")
	for _, u := range []struct{ k, n string }{{"hg", nameHG}, {"tq", nameTQ}, {"bk", nameBK}, {"tn", nameTN}, {"ls", nameLS}, {"cb", nameCB}} {
		l.add(domain.UnitEstablished{UnitID: id(u.k), Name: u.n, Level: domain.LevelProvincial, Kind: domain.UnitKindProcuracy, ParentUnitID: id("tc")}, "1960-07-26", "")
	}
	l.add(domain.UnitEstablished{UnitID: id("vp"), Name: nameVP, Level: domain.LevelSupreme, Kind: domain.UnitKindOffice, ParentUnitID: id("tc")}, "2024-01-01", "")
	l.add(domain.PersonRecruited{PersonID: id("p1"), FullName: "Nguyễn Thị Hòa", UnitID: id("vp")}, "2010-09-01", "")
	l.add(domain.CouncilConstituted{CouncilID: id("c1"), Kind: domain.CouncilKindTDKT, Name: "Hội đồng Thi đua - Khen thưởng ngành Kiểm sát nhân dân",
		OwnerUnitID: id("tc"), DecisionNo: doc("01/QĐ-VKSTC"), Members: []domain.CouncilMember{{PersonID: id("p0"), Role: domain.RoleChair, PositionTitle: "Viện trưởng"}}}, "2024-01-02", "01/QĐ-VKSTC")
	l.at(day("2024-03-01"))
	l.add(domain.ClusterFormed{ClusterID: id("cl1"), Kind: domain.ClusterKindCluster, Name: "Cụm thi đua số 1", Number: 1, Year: 2024,
		OrganizerCouncilID: id("c1"), MemberUnitIDs: []string{id("hg"), id("tq"), id("bk"), id("tn")}}, "2024-03-01", "09/HD-VKSTC")
	l.add(domain.ClusterFormed{ClusterID: id("cl2"), Kind: domain.ClusterKindCluster, Name: "Cụm thi đua số 2", Number: 2, Year: 2024,
		OrganizerCouncilID: id("c1"), MemberUnitIDs: []string{id("ls"), id("cb")}}, "2024-03-01", "09/HD-VKSTC")
	l.add(domain.ClusterLeadershipAssigned{ClusterID: id("cl1"), Year: 2024, LeaderUnitID: id("tq"), DeputyUnitID: id("hg"), Method: domain.LeadershipElection}, "2024-03-19", "")
	l.add(domain.CouncilMemberAssignedToCluster{CouncilID: id("c1"), PersonID: id("p1"), ClusterID: id("cl1"), Year: 2024}, "2024-03-20", "")
	l.add(domain.EmulationRegistrationSubmitted{RegistrationID: id("r-tq"), Subject: domain.Unit(id("tq")), Year: 2024,
		Targets: []domain.AwardKind{domain.TitleExcellentCollective, domain.TitleSectorEmulationFlag}, ViaClusterID: id("cl1")}, "2024-03-29", "")
	l.add(domain.ScoringSchemePublished{SchemeID: id("s1"), Version: 1, Table: "VKSND cấp tỉnh",
		Items: []domain.SchemeItem{{Code: "I.1", Title: "Công tác thực hành quyền công tố", MaxPoints: 600}, {Code: "I.2", Title: "Công tác kiểm sát", MaxPoints: 600}}}, "2024-01-01", "424/QĐ-VKSTC")

	l.at(day("2025-01-10"))
	score := func(unit string, stage domain.ScoreStage, a, b domain.Points) {
		l.add(domain.ScoreRecorded{ScoreID: id("score-" + unit + stage.String()), ScorecardID: id("card-" + unit), SubjectUnitID: id(unit),
			ClusterID: id("cl1"), Year: 2024, SchemeID: id("s1"), SchemeVersion: 1, Stage: stage,
			Items: []domain.ItemScore{{Code: "I.1", Points: a}, {Code: "I.2", Points: b}}, Total: a + b}, "2025-01-10", "")
	}
	score("tq", domain.StageSelf, 500, 480)
	score("tq", domain.StageCluster, 500, 450)
	score("hg", domain.StageCluster, 490, 450)
	score("bk", domain.StageCluster, 480, 470)
	score("tn", domain.StageCluster, 450, 450)
	l.add(domain.ClusterLeaderAcclaimed{ClusterID: id("cl1"), Year: 2024, LeadingUnitID: id("tq"), MinutesRef: "Biên bản họp cụm ngày 12/01/2025",
		ProposedTitles: []domain.AwardKind{domain.TitleSectorEmulationFlag}, BasedOnSeq: 20}, "2025-01-12", "")
	l.add(domain.AwardProposed{ProposalID: id("prop-flag"), Subject: domain.Unit(id("tq")), AwardKind: domain.TitleSectorEmulationFlag, Year: 2024,
		Basis: domain.BasisMerit, ProposerUnitID: id("tq"), Level: domain.AwardLevelSector}, "2025-01-13", "")
	l.at(day("2025-01-20"))
	mk.lastOf2024 = l.add(domain.AwardDecided{DecisionID: id("dec1"), DecisionNo: doc("15/QĐ-VKSTC"), IssuerUnitID: id("tc"), IssuerRole: "Viện trưởng VKSND tối cao",
		Awards: []domain.DecidedAward{
			{AwardID: id("a-tq"), Subject: domain.Unit(id("tq")), AwardKind: domain.TitleExcellentCollective, Year: 2024},
			{AwardID: id("a-hg"), Subject: domain.Unit(id("hg")), AwardKind: domain.TitleAdvancedCollective, Year: 2024},
			{AwardID: id("a-p1"), Subject: domain.Person(id("p1")), AwardKind: domain.TitleGrassrootsEmulationFighter, Year: 2024},
		}, BasedOnSeq: 22}, "2025-01-20", "15/QĐ-VKSTC")

	l.at(day("2025-02-10"))
	mk.correction = l.add(domain.ScoreCorrected{ScoreID: id("score-hg-fix"), ScorecardID: id("card-hg"), SupersedesScoreID: id("score-hg" + domain.StageCluster.String()),
		Items: []domain.ItemScore{{Code: "I.2", Points: 520}}, Total: 1010, Reason: "Cộng điểm chỉ tiêu bị bỏ sót", CorrectedByUnitID: id("vp")}, "2025-02-10", "")
	l.at(day("2025-03-01"))
	mk.revocation = l.add(domain.AwardRevoked{DecisionID: id("dec1"), AwardIDs: []string{id("a-hg")}, RevokingDecisionNo: doc("30/QĐ-VKSTC"),
		Ground: domain.GroundFalseDossier, InsigniaRecovered: true, CashRecoveredVND: 1_872_000}, "2025-03-01", "30/QĐ-VKSTC")

	// The 2025 reform.
	l.at(day("2025-06-20"))
	l.add(domain.ClusterReorganizationPlanSubmitted{PlanID: id("plan1"), SubmitterUnitID: id("tq"), RecipientCouncilID: id("c1"), Year: 2025,
		ProposedClusters: []domain.ProposedCluster{{Kind: domain.ClusterKindCluster, Name: "Cụm thi đua khu vực Đông Bắc",
			MemberUnitIDs: []string{id("tq"), id("tn"), id("ls"), id("cb")}}}, DocNo: doc("45/BC-VKS")}, "2025-06-20", "")
	l.at(day("2025-07-01"))
	l.add(domain.UnitsMerged{SourceUnitIDs: []string{id("hg"), id("tq")}, ResultUnitID: id("tq"), Mode: domain.MergeAbsorption}, "2025-07-01", "84/2025/UBTVQH15")
	l.add(domain.UnitsMerged{SourceUnitIDs: []string{id("bk"), id("tn")}, ResultUnitID: id("tn"), Mode: domain.MergeAbsorption}, "2025-07-01", "84/2025/UBTVQH15")
	l.at(day("2025-08-01"))
	mk.planDecision = l.add(domain.ClusterReorganizationPlanDecided{PlanID: id("plan1"), Decision: domain.PlanApproved, DecidedByUnitID: id("tc"), BasedOnSeq: 30}, "2025-08-01", "12/QĐ-VKSTC")
	l.add(domain.ClusterDissolved{ClusterID: id("cl2"), Reason: "Tổ chức lại theo phương án được phê duyệt"}, "2025-08-01", "12/QĐ-VKSTC")
	l.add(domain.UnitAssignedToCluster{ClusterID: id("cl1"), UnitID: id("ls")}, "2025-08-01", "12/QĐ-VKSTC")
	l.add(domain.UnitAssignedToCluster{ClusterID: id("cl1"), UnitID: id("cb")}, "2025-08-01", "12/QĐ-VKSTC")
	l.add(domain.ClusterRenamed{ClusterID: id("cl1"), OldName: "Cụm thi đua số 1", NewName: "Cụm thi đua khu vực Đông Bắc"}, "2025-08-01", "12/QĐ-VKSTC")
	l.add(domain.ClusterLeadershipAssigned{ClusterID: id("cl1"), Year: 2025, LeaderUnitID: id("tn"), DeputyUnitID: id("ls"), Method: domain.LeadershipDesignation}, "2025-08-05", "")
	l.add(domain.ClusterFormed{ClusterID: id("blk1"), Kind: domain.ClusterKindBlock, Name: "Khối thi đua số 1", Number: 1, Year: 2025,
		OrganizerCouncilID: id("c1"), MemberUnitIDs: []string{id("cb")}}, "2025-09-01", "")
	return l, mk
}

// newRunner returns a runner over l with every read model registered.
func newRunner(tb testing.TB, l *ledger, store projections.StateStore) *projections.Runner {
	tb.Helper()
	if store == nil {
		store = projections.NewMemStateStore()
	}
	r, err := projections.NewRunner(l.store, store, nil)
	if err != nil {
		tb.Fatal(err)
	}
	if err := projections.RegisterAll(r); err != nil {
		tb.Fatal(err)
	}
	return r
}

func runToEnd(tb testing.TB, r *projections.Runner) {
	tb.Helper()
	if err := r.RunToEnd(context.Background()); err != nil {
		tb.Fatal(err)
	}
}
