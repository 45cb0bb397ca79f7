package domain_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/tdkt/tdkt/domain"
)

// Ids and values shared by the command and decider tests.
var (
	xUnitA    = uid("x:unit:a")
	xUnitB    = uid("x:unit:b")
	xUnitC    = uid("x:unit:c")
	xUnitD    = uid("x:unit:d")
	xParent   = uid("x:unit:parent")
	xPerson   = uid("x:person:1")
	xPerson2  = uid("x:person:2")
	xPerson3  = uid("x:person:3")
	xCouncil  = uid("x:council:tdkt")
	xCouncilS = uid("x:council:sk")
	xCluster  = uid("x:cluster:1-2024")
	xCluster2 = uid("x:cluster:2-2024")
	xPrevCl   = uid("x:cluster:1-2023")
	xPlan     = uid("x:plan")
	xMovement = uid("x:movement")
	xEmPlan   = uid("x:emplan")
	xCovenant = uid("x:covenant")
	xScheme   = uid("x:scheme")
	xCard     = uid("x:scorecard")
	xScore    = uid("x:score:1")
	xScore2   = uid("x:score:2")
	xRanking  = uid("x:ranking")
	xInit     = uid("x:initiative")
	xWork     = uid("x:research")
	xProposal = uid("x:proposal")
	xConsult  = uid("x:consultation")
	xDecision = uid("x:decision")
	xMeeting  = uid("x:meeting")
	xBallot   = uid("x:ballot")
	xHold     = uid("x:hold")
	xProc     = uid("x:proceeding")
	xRating   = uid("x:rating")
	xDisc     = uid("x:discipline")
	xLeave    = uid("x:leave")
	xDeadline = uid("x:deadlines")
	xNow      = day(2024, 12, 20)
)

func boolp(b bool) *bool    { return &b }
func int64p(n int64) *int64 { return &n }

func xMembers() []domain.CouncilMember {
	return []domain.CouncilMember{
		{PersonID: xPerson, Role: domain.RoleChair, PositionTitle: "Viện trưởng"},
		{PersonID: xPerson2, Role: domain.RoleMember, PositionTitle: "Chánh Văn phòng"},
		{PersonID: xPerson3, Role: domain.RoleSecretary, PositionTitle: "Trưởng phòng Thi đua - Khen thưởng"},
	}
}

// commandSamples holds one valid command of every name in the catalog.
func commandSamples() []domain.Command {
	period := domain.Period{From: day(2024, 1, 1), To: day(2024, 12, 31)}
	return []domain.Command{
		domain.EstablishUnit{UnitID: xUnitA, Name: "Viện kiểm sát nhân dân tỉnh Trà Vinh (hư cấu)", Level: domain.LevelProvincial, Kind: domain.UnitKindProcuracy, ParentUnitID: xParent},
		domain.RenameUnit{UnitID: xUnitA, NewName: "Viện kiểm sát nhân dân tỉnh Vĩnh Long (hư cấu)"},
		domain.MergeUnits{ResultUnitID: xUnitC, SourceUnitIDs: []string{xUnitA, xUnitB}, Mode: domain.MergeConsolidation},
		domain.SplitUnit{SourceUnitID: xUnitA, ResultUnitIDs: []string{xUnitB, xUnitC}},
		domain.DissolveUnit{UnitID: xUnitA, SuccessorUnitIDs: []string{xUnitC}, Reason: "Hợp nhất từ 01/7/2025."},
		domain.ReparentUnit{UnitID: xUnitA, NewParentUnitID: xUnitB},
		domain.RecruitPerson{PersonID: xPerson, FullName: "Nguyễn Văn Ánh (hư cấu)", UnitID: xUnitA},
		domain.TransferPerson{PersonID: xPerson, ToUnitID: xUnitB},
		domain.SecondPerson{PersonID: xPerson, ToUnitID: xUnitB, Period: period},
		domain.RecordLeave{PersonID: xPerson, LeaveID: xLeave, Period: period, Reason: domain.LeaveSickness},
		domain.RatePerformance{RatingID: xRating, Subject: domain.Person(xPerson), Year: 2024, Rating: domain.RatingExcellent},
		domain.ImposeDiscipline{DisciplineID: xDisc, PersonID: xPerson, Form: domain.DisciplineReprimand, ViolationYear: 2024, DecisionNo: doc("15/QĐ-VKS")},
		domain.EndDiscipline{DisciplineID: xDisc, PersonID: xPerson},
		domain.OpenReviewProceeding{ProceedingID: xProc, Subject: domain.Person(xPerson), Kind: domain.ProceedingComplaint},
		domain.CloseReviewProceeding{ProceedingID: xProc, Subject: domain.Person(xPerson), Outcome: "Không có vi phạm."},
		domain.ConstituteCouncil{CouncilID: xCouncil, Kind: domain.CouncilKindTDKT, Name: "Hội đồng Thi đua - Khen thưởng", OwnerUnitID: xUnitA, DecisionNo: doc("98/QĐ-VKSTC"), Members: xMembers()},
		domain.ReconstituteCouncil{CouncilID: xCouncil, DecisionNo: doc("123/QĐ-VKSTC"), Members: xMembers()},
		domain.AppointCouncilMember{CouncilID: xCouncil, Member: domain.CouncilMember{PersonID: uid("x:person:4"), Role: domain.RoleMember, PositionTitle: "Vụ trưởng"}},
		domain.RemoveCouncilMember{CouncilID: xCouncil, PersonID: xPerson2, Reason: "Nghỉ hưu."},
		domain.DesignateStandingOffice{CouncilID: xCouncil, OfficeUnitID: xUnitB},
		domain.AssignCouncilMemberToCluster{CouncilID: xCouncil, PersonID: xPerson2, ClusterID: xCluster, Year: 2024},
		domain.HoldCouncilMeeting{MeetingID: xMeeting, CouncilID: xCouncil, Present: []string{xPerson, xPerson2, xPerson3}},
		domain.RecordBallot{BallotID: xBallot, MeetingID: xMeeting, CouncilID: xCouncil, SubjectRef: xProposal, Kind: domain.BallotSecret, Eligible: 3, Cast: 3, For: 3, Rule: "R8"},
		domain.FormCluster{ClusterID: xCluster, Kind: domain.ClusterKindCluster, Name: "Cụm thi đua số 1", Number: 1, Year: 2024, OrganizerCouncilID: xCouncil, MemberUnitIDs: []string{xUnitA, xUnitB, xUnitC}},
		domain.RenameCluster{ClusterID: xCluster, NewName: "Cụm thi đua số 13", NewNumber: 13},
		domain.AssignUnitToCluster{ClusterID: xCluster, UnitID: xUnitD, Year: 2024},
		domain.RemoveUnitFromCluster{ClusterID: xCluster, UnitID: xUnitC},
		domain.MoveUnitBetweenClusters{UnitID: xUnitC, FromClusterID: xCluster, ToClusterID: xCluster2, Year: 2024},
		domain.AssignClusterLeadership{ClusterID: xCluster, Year: 2024, LeaderUnitID: xUnitA, DeputyUnitID: xUnitB, Method: domain.LeadershipElection},
		domain.DissolveCluster{ClusterID: xCluster, Reason: "Các đơn vị kết thúc hoạt động."},
		domain.SubmitReorganizationPlan{PlanID: xPlan, SubmitterUnitID: xUnitA, RecipientCouncilID: xCouncil, Year: 2025, ProposedClusters: []domain.ProposedCluster{{Kind: domain.ClusterKindCluster, Name: "Cụm số 1", MemberUnitIDs: []string{xUnitA, xUnitB}}}},
		domain.DecideReorganizationPlan{PlanID: xPlan, Decision: domain.PlanApproved, DecidedByUnitID: xUnitB},
		domain.LaunchMovement{MovementID: xMovement, Kind: domain.MovementRegular, Scope: domain.MovementScopeSector, LaunchedByUnitID: xUnitA, Theme: "Đoàn kết, gương mẫu, trách nhiệm", Period: period},
		domain.AdoptMovement{MovementID: xMovement, UnitID: xUnitB},
		domain.AdoptEmulationPlan{PlanID: xEmPlan, UnitID: xUnitA, Year: 2024, DocNo: doc("16/KH-VKS")},
		domain.HoldMovementReview{MovementID: xMovement, Kind: domain.ReviewFinal, PeriodCovered: period},
		domain.SubmitRegistration{Subject: domain.Unit(xUnitA), Year: 2024, Targets: []domain.AwardKind{domain.TitleExcellentCollective}, ViaClusterID: xCluster},
		domain.AmendRegistration{RegistrationID: domain.RegistrationID(domain.Unit(xUnitA), 2024), Targets: []domain.AwardKind{domain.TitleSectorEmulationFlag}, Reason: "Nâng mục tiêu."},
		domain.WithdrawRegistration{RegistrationID: domain.RegistrationID(domain.Unit(xUnitA), 2024), Reason: "Đơn vị hợp nhất."},
		domain.SignCovenant{CovenantID: xCovenant, ClusterID: xCluster, Year: 2024, Signatories: []domain.Signatory{{UnitID: xUnitA, PersonID: xPerson}, {UnitID: xUnitB, PersonID: xPerson2}}},
		domain.PublishScoringScheme{SchemeID: xScheme, Version: 1, Table: "Bảng 1 — VKSND cấp tỉnh", Items: []domain.SchemeItem{{Code: "A1", Title: "Công tác thực hành quyền công tố", MaxPoints: 5000}, {Code: "A2", Title: "Công tác kiểm sát", MaxPoints: 5000}}},
		domain.RecordScore{ScoreID: xScore, ScorecardID: xCard, SubjectUnitID: xUnitA, ClusterID: xCluster, Year: 2024, SchemeID: xScheme, SchemeVersion: 1, Stage: domain.StageCluster, Items: []domain.ItemScore{{Code: "A1", Points: 4500}, {Code: "A2", Points: 4000}}},
		domain.CorrectScore{ScoreID: xScore2, ScorecardID: xCard, ClusterID: xCluster, SupersedesScoreID: xScore, Items: []domain.ItemScore{{Code: "A2", Points: 4200}}, Reason: "Cộng sai điểm tiêu chí A2.", CorrectedByUnitID: xUnitB},
		domain.PublishClusterRanking{RankingID: xRanking, ClusterID: xCluster, Year: 2024, Ranking: []domain.RankEntry{{UnitID: xUnitA, Total: 8500, Rank: 1}, {UnitID: xUnitB, Total: 8000, Rank: 2}}, Method: "Tổng điểm theo QĐ 424/QĐ-VKSTC"},
		domain.FinalizeClusterRanking{RankingID: xRanking, ClusterID: xCluster, Year: 2024},
		domain.AcclaimClusterLeader{ClusterID: xCluster, Year: 2024, LeadingUnitID: xUnitA},
		domain.SubmitInitiative{InitiativeID: xInit, Title: "Sơ đồ tư duy trong xét xử", AuthorIDs: []string{xPerson}, UnitID: xUnitA, Description: "Giải pháp trình bày sơ đồ tư duy."},
		domain.ApplyInitiative{InitiativeID: xInit, UnitID: xUnitA, Trial: true},
		domain.EvaluateInitiative{InitiativeID: xInit, CouncilID: xCouncilS, BallotID: xBallot, Result: domain.VerdictPass},
		domain.RecognizeInitiative{InitiativeID: xInit, Scope: domain.ScopeGrassroots, RecognizedByUnitID: xUnitA, RecognizerRole: "Viện trưởng", DecisionNo: doc("20/QĐ-VKS")},
		domain.RevokeInitiativeRecognition{InitiativeID: xInit, Scope: domain.ScopeGrassroots, Reason: "Không có tính mới.", DecisionNo: doc("21/QĐ-VKS")},
		domain.AcceptResearchWork{WorkID: xWork, Title: "Đề tài cấp ngành", AuthorIDs: []string{xPerson}, UnitID: xUnitA, Scope: domain.ScopeSector},
		domain.ProposeAward{ProposalID: xProposal, Subject: domain.Person(xPerson), AwardKind: domain.TitleGrassrootsEmulationFighter, Year: 2024, Basis: domain.BasisMerit, ProposerUnitID: xUnitA, Level: domain.AwardLevelUnit},
		domain.FileDossier{ProposalID: xProposal, Items: []domain.DossierItem{{Kind: domain.DossierSubmission, Title: "Tờ trình"}}, FiledToCouncilID: xCouncil, Copies: 1},
		domain.ReturnDossier{ProposalID: xProposal, MissingItems: []domain.DossierItemKind{domain.DossierMinutes}},
		domain.AppraiseDossier{ProposalID: xProposal, AppraiserUnitID: xUnitB, Result: domain.VerdictPass},
		domain.OpenPublicConsultation{ConsultationID: xConsult, ProposalIDs: []string{xProposal}, Channels: []string{"Báo Bảo vệ pháp luật"}, Window: domain.Period{From: day(2024, 9, 10), To: day(2024, 9, 23)}},
		domain.ClosePublicConsultation{ConsultationID: xConsult},
		domain.PlaceAwardHold{HoldID: xHold, Subject: domain.Person(xPerson), Reason: domain.ProceedingInvestigation},
		domain.LiftAwardHold{HoldID: xHold, Subject: domain.Person(xPerson)},
		domain.DecideAward{DecisionID: xDecision, DecisionNo: doc("200/QĐ-VKS"), IssuerUnitID: xUnitA, IssuerRole: "Viện trưởng", Items: []domain.DecisionItem{{ProposalID: xProposal, Subject: domain.Person(xPerson)}}},
		domain.RejectAward{ProposalID: xProposal, DecidedByUnitID: xUnitA, Reason: "Không đủ tiêu chuẩn."},
		domain.ConferAward{DecisionID: xDecision, Place: "Hội trường VKSND tỉnh", Presenter: "Viện trưởng"},
		domain.RevokeAward{DecisionID: xDecision, AwardIDs: []string{domain.AwardID(xDecision, xProposal)}, RevokingDecisionNo: doc("300/QĐ-VKS"), Ground: domain.GroundFalseDossier, InsigniaRecovered: boolp(true), CashRecoveredVND: int64p(2340000)},
		domain.AmendAward{DecisionID: xDecision, Field: "fullName", OldValue: "Nguyễn Văn Anh", NewValue: "Nguyễn Văn Ánh"},
		domain.PublishDeadlineSet{DeadlineSetID: xDeadline, Regime: domain.RegimeTT02_2024, Year: 2024, Deadlines: []domain.Deadline{{AwardKind: domain.TitleSectorEmulationFlag, Level: domain.AwardLevelSector, DueOn: day(2025, 1, 15)}}, SourceDocNo: doc("09/HD-VKSTC")},
	}
}

func TestCommandsCatalog(t *testing.T) {
	specs := domain.Commands()
	seen := map[string]bool{}
	for _, s := range specs {
		if seen[s.Name] {
			t.Errorf("duplicate command name %s", s.Name)
		}
		seen[s.Name] = true
		if s.New().CommandName() != s.Name {
			t.Errorf("%s: New returns %s", s.Name, s.New().CommandName())
		}
	}
	samples := map[string]domain.Command{}
	for _, c := range commandSamples() {
		samples[c.CommandName()] = c
	}
	for _, s := range specs {
		t.Run(s.Name, func(t *testing.T) {
			c, ok := samples[s.Name]
			if !ok {
				t.Fatalf("no sample")
			}
			body, err := json.Marshal(c)
			if err != nil {
				t.Fatal(err)
			}
			got, err := domain.DecodeCommand(s.Name, body)
			if err != nil {
				t.Fatalf("decode %s: %v", body, err)
			}
			if !reflect.DeepEqual(got, c) {
				t.Fatalf("decoded %#v, want %#v", got, c)
			}
			if err := got.Validate(); err != nil {
				t.Fatalf("validate: %v", err)
			}
			if got.Stream() == "" || strings.HasSuffix(got.Stream(), "-") {
				t.Fatalf("stream %q", got.Stream())
			}
			if _, err := domain.NewState(got.Stream()); err != nil {
				t.Fatalf("stream %s: %v", got.Stream(), err)
			}
			if pre, _, _ := strings.Cut(got.Stream(), "-"); !strings.Contains(s.Aggregate, pre) {
				t.Fatalf("stream %s not in aggregate %s", got.Stream(), s.Aggregate)
			}
		})
	}
	if len(samples) != len(specs) {
		t.Errorf("%d samples for %d commands", len(samples), len(specs))
	}
}

func TestDecodeCommandStrict(t *testing.T) {
	for name, tc := range map[string]struct {
		cmd, body, field string
	}{
		"ErrUnknownField": {"FormCluster", `{"clusterId":"x","bogus":1}`, "bogus"},
		"ErrTrailing":     {"RenameUnit", `{"unitId":"a","newName":"b"} {}`, "dữ liệu thừa"},
		"ErrWrongType":    {"FormCluster", `{"year":"2024"}`, "year"},
		"ErrMisspelt":     {"RenameUnit", `{"UNITID":"a"}`, "UNITID"},
		"ErrNotObject":    {"RenameUnit", `[]`, "đối tượng JSON"},
		"ErrBadVocab":     {"FormCluster", `{"kind":"NOPE"}`, "NOPE"},
		"ErrUnknownName":  {"Nope", `{}`, "Nope"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := domain.DecodeCommand(tc.cmd, []byte(tc.body))
			if err == nil {
				t.Fatal("no error")
			}
			var de *domain.Error
			if !errors.As(err, &de) {
				t.Fatalf("not a *domain.Error: %v", err)
			}
			if !strings.Contains(de.Message, tc.field) {
				t.Fatalf("message %q does not name %q", de.Message, tc.field)
			}
		})
	}
}

func TestDecodeCommandNormalizes(t *testing.T) {
	// "Hòa" with a combining grave and extra spaces.
	body := `{"unitId":"` + xUnitA + `","newName":"  Viện  kiểm sát Ho\u0300a Bình "}`
	c, err := domain.DecodeCommand("RenameUnit", []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.(domain.RenameUnit).NewName; got != "Viện kiểm sát Hòa Bình" {
		t.Fatalf("got %q", got)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
}
