package domain_test

import (
	"time"

	"github.com/google/uuid"

	"github.com/tdkt/tdkt/domain"
)

// Sample events, one per wire name, with realistic Vietnamese content. All
// people are fictitious and marked "(hư cấu)". Ids are name-based UUIDs
// (v5), so the samples are the same on every run. The fixture files in
// testdata/events are these samples encoded; TestFixtures checks the files,
// not these values, so a change here alone never changes what is stored.

var ns = uuid.MustParse("6f1c1d1e-9a40-4c52-9a0e-2f7b7c0f7a11")

func uid(name string) string { return uuid.NewSHA1(ns, []byte(name)).String() }

func day(y int, m time.Month, d int) domain.Date {
	v, err := domain.NewDate(y, m, d)
	if err != nil {
		panic(err)
	}
	return v
}

func doc(s string) domain.DocNumber {
	d, err := domain.ParseDocNumber(s)
	if err != nil {
		panic(err)
	}
	return d
}

var (
	vksTC     = uid("unit:vksndtc")
	vksAG     = uid("unit:vksnd-tinh-an-giang")
	vksKG     = uid("unit:vksnd-tinh-kien-giang")
	vksAGnew  = uid("unit:vksnd-an-giang-2025")
	vksPhuTan = uid("unit:vksnd-huyen-phu-tan")
	vksChauTh = uid("unit:vksnd-huyen-chau-thanh")
	vksKV1    = uid("unit:vksnd-khu-vuc-1-an-giang")
	vksKV2    = uid("unit:vksnd-khu-vuc-2-an-giang")
	vanPhong  = uid("unit:vksndtc-van-phong")
	vu16      = uid("unit:vksndtc-vu-16")
	vksTV     = uid("unit:vksnd-tinh-tra-vinh")
	vksST     = uid("unit:vksnd-tinh-soc-trang")
	personA   = uid("person:nguyen-van-a")
	personB   = uid("person:tran-thi-b")
	personC   = uid("person:le-van-c")
	personD   = uid("person:pham-thi-d")
	councilTD = uid("council:hdtdkt-nganh")
	councilSK = uid("council:hd-sang-kien-nganh")
	cluster1  = uid("cluster:ag-cum-1-2023")
	cluster13 = uid("cluster:cum-13-2024")
	cluster10 = uid("cluster:cum-10-2023")
	movement  = uid("movement:2024")
	scheme    = uid("scheme:qd424-bang-1")
	scorecard = uid("scorecard:phu-tan-2023")
	initiat   = uid("initiative:so-do-tu-duy")
	proposal  = uid("proposal:cstdcs-nguyen-van-a-2024")
	decision  = uid("decision:qd-khen-2024")
	award1    = uid("award:cstdcs-nguyen-van-a-2024")
	meeting   = uid("meeting:hdtdkt-2024-12")
	ballot    = uid("ballot:cstd-nganh-2024")
	planReorg = uid("plan:reorg-2025")
)

func samples() []domain.Event {
	return []domain.Event{
		// Units and people.
		domain.UnitEstablished{UnitID: vksAGnew, Name: "Viện kiểm sát nhân dân tỉnh An Giang", ShortName: "VKSND tỉnh An Giang", Level: domain.LevelProvincial, Kind: domain.UnitKindProcuracy, ParentUnitID: vksTC},
		domain.UnitRenamed{UnitID: vu16, OldName: "Vụ Thi đua - Khen thưởng (Vụ 16)", NewName: "Phòng Thi đua - Khen thưởng thuộc Văn phòng"},
		domain.UnitsMerged{SourceUnitIDs: []string{vksAG, vksKG}, ResultUnitID: vksAGnew, Mode: domain.MergeConsolidation, TitleSuccessionPolicy: "Chưa quy định; theo dõi riêng danh hiệu của từng đơn vị trước hợp nhất."},
		domain.UnitSplit{SourceUnitID: vksChauTh, ResultUnitIDs: []string{vksKV1, vksKV2}, Allocation: "Theo địa giới hành chính cấp xã từ 01/7/2025."},
		domain.UnitDissolved{UnitID: vksPhuTan, SuccessorUnitIDs: []string{vksKV1}, Reason: "Kết thúc hoạt động của VKSND cấp huyện theo Luật 82/2025/QH15."},
		domain.UnitReparented{UnitID: vu16, OldParentUnitID: vksTC, NewParentUnitID: vanPhong},
		domain.PersonRecruited{PersonID: personA, FullName: "Nguyễn Văn A (hư cấu)", UnitID: vksPhuTan, PositionTitle: "Kiểm sát viên sơ cấp"},
		domain.PersonTransferred{PersonID: personA, FromUnitID: vksPhuTan, ToUnitID: vksKV1},
		domain.PersonSeconded{PersonID: personB, FromUnitID: vksAG, ToUnitID: vanPhong, Period: domain.Period{From: day(2024, 3, 1), To: day(2024, 8, 31)}},
		domain.PersonLeaveRecorded{PersonID: personB, LeaveID: uid("leave:b-2024"), Period: domain.Period{From: day(2024, 9, 1), To: day(2025, 2, 28)}, Reason: domain.LeaveMaternity, Note: "Nghỉ thai sản theo chế độ."},
		domain.PerformanceRated{RatingID: uid("rating:a-2024"), Subject: domain.Person(personA), Year: 2024, Rating: domain.RatingExcellent},
		domain.DisciplineImposed{DisciplineID: uid("discipline:c-2024"), PersonID: personC, Form: domain.DisciplineReprimand, ViolationYear: 2024, DecisionNo: doc("15/QĐ-VKS"), EndsOn: day(2025, 6, 30)},
		domain.DisciplineEnded{DisciplineID: uid("discipline:c-2024"), PersonID: personC},
		domain.ReviewProceedingOpened{ProceedingID: uid("proceeding:d-2025"), Subject: domain.Person(personD), Kind: domain.ProceedingComplaint, Description: "Đơn tố cáo đang được xác minh (hư cấu)."},
		domain.ReviewProceedingClosed{ProceedingID: uid("proceeding:d-2025"), Subject: domain.Person(personD), Outcome: "Kết luận nội dung tố cáo không có cơ sở.", ViolationFound: false},

		// Councils.
		domain.CouncilConstituted{CouncilID: councilSK, Kind: domain.CouncilKindInitiative, Name: "Hội đồng xét, đề nghị công nhận sáng kiến ngành Kiểm sát nhân dân", OwnerUnitID: vksTC, DecisionNo: doc("19/QĐ-VKSTC"), Members: []domain.CouncilMember{
			{PersonID: personA, Role: domain.RoleChair, PositionTitle: "Phó Viện trưởng VKSNDTC", ExOfficio: true},
			{PersonID: personB, Role: domain.RoleViceChair, PositionTitle: "Vụ trưởng Vụ Pháp chế"},
			{PersonID: personC, Role: domain.RoleStandingMember, PositionTitle: "Chánh Văn phòng", ExOfficio: true},
			{PersonID: personD, Role: domain.RoleSecretary, PositionTitle: "Lãnh đạo Phòng Thi đua - Khen thưởng"},
		}},
		domain.CouncilReconstituted{CouncilID: councilTD, DecisionNo: doc("123/QĐ-VKSTC"), SupersedesDecision: doc("98/QĐ-VKSTC"), Members: []domain.CouncilMember{
			{PersonID: personA, Role: domain.RoleChair, PositionTitle: "Viện trưởng VKSNDTC", ExOfficio: true},
			{PersonID: personB, Role: domain.RoleStandingViceChair, PositionTitle: "Phó Viện trưởng VKSNDTC"},
			{PersonID: personC, Role: domain.RoleStandingMember, PositionTitle: "Chánh Văn phòng VKSNDTC"},
			{PersonID: personD, Role: domain.RoleMember, PositionTitle: "Vụ trưởng Vụ Tổ chức cán bộ"},
		}},
		domain.CouncilMemberAppointed{CouncilID: councilTD, Member: domain.CouncilMember{PersonID: uid("person:hoang-van-e"), Role: domain.RoleMember, PositionTitle: "Tổng Biên tập Báo Bảo vệ pháp luật"}, DecisionNo: doc("131/QĐ-VKSTC")},
		domain.CouncilMemberRemoved{CouncilID: councilTD, PersonID: personD, Reason: "Nghỉ hưu theo chế độ.", DecisionNo: doc("140/QĐ-VKSTC")},
		domain.CouncilStandingOfficeDesignated{CouncilID: councilTD, OfficeUnitID: vanPhong},
		domain.CouncilMemberAssignedToCluster{CouncilID: councilTD, PersonID: personC, ClusterID: cluster13, Year: 2024},
		domain.CouncilMeetingHeld{MeetingID: meeting, CouncilID: councilTD, Present: []string{personA, personB, personC}, AbsentWithWrittenOpinion: []string{personD}, Agenda: []string{"Xét đề nghị danh hiệu Chiến sĩ thi đua ngành năm 2024", "Xét đề nghị Cờ thi đua của ngành năm 2024"}, MinutesRef: "Biên bản họp Hội đồng ngày 10/12/2024"},
		domain.BallotRecorded{BallotID: ballot, MeetingID: meeting, CouncilID: councilTD, SubjectRef: proposal, Kind: domain.BallotSecret, Eligible: 4, Cast: 4, For: 4, Against: 0, Abstain: 0, Rule: "R8"},

		// Clusters and blocks.
		domain.ClusterFormed{ClusterID: cluster13, Kind: domain.ClusterKindCluster, Name: "Cụm thi đua số 13", Number: 13, Year: 2024, OrganizerCouncilID: councilTD, MemberUnitIDs: []string{vksTV, vksST}},
		domain.ClusterRenamed{ClusterID: cluster10, OldName: "Cụm thi đua số 10", NewName: "Cụm thi đua số 13", NewNumber: 13},
		domain.UnitAssignedToCluster{ClusterID: cluster13, UnitID: vksKG},
		domain.UnitRemovedFromCluster{ClusterID: cluster13, UnitID: vksKG, Reason: "Hợp nhất vào VKSND tỉnh An Giang từ 01/7/2025."},
		domain.UnitMovedBetweenClusters{UnitID: vksST, FromClusterID: cluster10, ToClusterID: cluster13, Reason: "Sắp xếp lại cụm thi đua năm 2024."},
		domain.ClusterLeadershipAssigned{ClusterID: cluster13, Year: 2024, LeaderUnitID: vksTV, DeputyUnitID: vksST, Method: domain.LeadershipElection, MinutesRef: "Biên bản hội nghị ký kết giao ước ngày 29/3/2024"},
		domain.ClusterDissolved{ClusterID: cluster1, Reason: "Các đơn vị thành viên kết thúc hoạt động từ 01/7/2025."},
		domain.ClusterReorganizationPlanSubmitted{PlanID: planReorg, SubmitterUnitID: vksAGnew, RecipientCouncilID: councilTD, Year: 2025, ProposedClusters: []domain.ProposedCluster{
			{Kind: domain.ClusterKindCluster, Name: "Cụm thi đua VKSND khu vực số 1", MemberUnitIDs: []string{vksKV1, vksKV2}},
		}, DocNo: doc("317/VKS-VP")},
		domain.ClusterReorganizationPlanDecided{PlanID: planReorg, Decision: domain.PlanApproved, DecidedByUnitID: vanPhong, BasedOnSeq: 1024},

		// Movements, plans, registrations, covenants.
		domain.MovementLaunched{MovementID: movement, Kind: domain.MovementRegular, Scope: domain.MovementScopeSector, LaunchedByUnitID: vksTC, Theme: "Đoàn kết, gương mẫu, trách nhiệm, vượt khó, hoàn thành xuất sắc nhiệm vụ", Period: domain.Period{From: day(2024, 1, 1), To: day(2024, 12, 31)}, Criteria: []string{"Hoàn thành vượt mức các chỉ tiêu nghiệp vụ theo QĐ 139/QĐ-VKSTC"}},
		domain.MovementAdopted{MovementID: movement, UnitID: vksAG, LocalPlanNo: doc("16/KH-VKS")},
		domain.EmulationPlanAdopted{PlanID: uid("emulationplan:ag-2024"), UnitID: vksAG, Year: 2024, DocNo: doc("16/KH-VKS"), Targets: []string{"100% công chức hoàn thành nhiệm vụ", "Đơn vị đạt Tập thể lao động xuất sắc"}},
		domain.MovementReviewHeld{MovementID: movement, Kind: domain.ReviewPreliminary, PeriodCovered: domain.Period{From: day(2024, 1, 1), To: day(2024, 6, 30)}, ReportNo: doc("45/BC-VKS")},
		domain.EmulationRegistrationSubmitted{RegistrationID: uid("registration:a-2024"), Subject: domain.Person(personA), Year: 2024, Targets: []domain.AwardKind{domain.TitleAdvancedWorker, domain.TitleGrassrootsEmulationFighter}, ViaUnitID: vksPhuTan},
		domain.EmulationRegistrationAmended{RegistrationID: uid("registration:a-2024"), SubjectKind: domain.SubjectPerson, Targets: []domain.AwardKind{domain.TitleAdvancedWorker}, Reason: "Điều chỉnh theo kết quả sơ kết 6 tháng."},
		domain.EmulationRegistrationWithdrawn{RegistrationID: uid("registration:a-2024"), Reason: "Chuyển công tác sang đơn vị khác."},
		domain.CovenantSigned{CovenantID: uid("covenant:cum-13-2024"), ClusterID: cluster13, Year: 2024, Signatories: []domain.Signatory{{UnitID: vksTV, PersonID: personA}, {UnitID: vksST, PersonID: personB}}, Targets: []string{"Hoàn thành xuất sắc nhiệm vụ năm 2024"}, CriteriaRefs: []domain.DocNumber{doc("139/QĐ-VKSTC"), doc("424/QĐ-VKSTC")}},

		// Scores and rankings.
		domain.ScoringSchemePublished{SchemeID: scheme, Version: 1, Table: "Bảng 1: VKSND cấp tỉnh", Items: []domain.SchemeItem{
			{Code: "I.1", Title: "Công tác thực hành quyền công tố và kiểm sát điều tra", MaxPoints: 3000},
			{Code: "I.2", Title: "Công tác kiểm sát xét xử hình sự", MaxPoints: 2500},
			{Code: "T.1", Title: "Điểm thưởng: mô hình mới, cách làm hay", MaxPoints: 500, Bonus: true},
			{Code: "P.1", Title: "Điểm trừ: án bị hủy do lỗi chủ quan", MaxPoints: 1000, Penalty: true},
		}},
		domain.ScoreRecorded{ScoreID: uid("score:phu-tan-2023-cum"), ScorecardID: scorecard, SubjectUnitID: vksPhuTan, ClusterID: cluster1, Year: 2023, SchemeID: scheme, SchemeVersion: 1, Stage: domain.StageCluster, Items: []domain.ItemScore{{Code: "I.1", Points: 2850}, {Code: "I.2", Points: 2400}, {Code: "T.1", Points: 300}}, Total: 5550, EvidenceRefs: []string{"Báo cáo tổng kết công tác kiểm sát năm 2023"}},
		domain.ScoreCorrected{ScoreID: uid("score:phu-tan-2023-cum-sua"), ScorecardID: scorecard, SupersedesScoreID: uid("score:phu-tan-2023-cum"), Items: []domain.ItemScore{{Code: "I.2", Points: 2350}}, Total: 5500, Reason: "Cộng nhầm chỉ tiêu kiểm sát xét xử phúc thẩm.", CorrectedByUnitID: vksAG},
		domain.ClusterRankingPublished{RankingID: uid("ranking:ag-cum-1-2023"), ClusterID: cluster1, Year: 2023, Ranking: []domain.RankEntry{{UnitID: vksPhuTan, Total: 5500, Rank: 1}, {UnitID: vksChauTh, Total: 5420, Rank: 2}}, Method: "Chấm điểm theo QĐ 424/QĐ-VKSTC, bình xét tại hội nghị tổng kết cụm"},
		domain.ClusterRankingFinalized{RankingID: uid("ranking:ag-cum-1-2023"), ClusterID: cluster1, Year: 2023, BasedOnSeq: 2048},
		domain.ClusterLeaderAcclaimed{ClusterID: cluster1, Year: 2023, LeadingUnitID: vksPhuTan, BallotID: uid("ballot:ag-cum-1-2023"), MinutesRef: "Biên bản bình xét, suy tôn Cụm số 1 năm 2023", ProposedTitles: []domain.AwardKind{domain.TitleSectorEmulationFlag}, BasedOnSeq: 2050},

		// Initiatives.
		domain.InitiativeSubmitted{InitiativeID: initiat, Title: "Báo cáo án bằng sơ đồ tư duy", AuthorIDs: []string{personA, personB}, UnitID: vksPhuTan, Description: "Trình bày nội dung vụ án bằng sơ đồ tư duy khi báo cáo lãnh đạo.", ClaimedBenefits: "Rút ngắn thời gian báo cáo án."},
		domain.InitiativeApplied{InitiativeID: initiat, UnitID: vksPhuTan, Trial: true, Result: "Áp dụng thử tại 12 vụ án hình sự."},
		domain.InitiativeEvaluated{InitiativeID: initiat, CouncilID: councilSK, BallotID: uid("ballot:sang-kien-so-do"), Result: domain.VerdictPass, Notes: "Đủ điều kiện công nhận phạm vi toàn ngành."},
		domain.InitiativeRecognized{InitiativeID: initiat, Scope: domain.ScopeSector, RecognizedByUnitID: vksTC, RecognizerRole: "Viện trưởng VKSNDTC", DecisionNo: doc("152/QĐ-VKSTC")},
		domain.InitiativeRecognitionRevoked{InitiativeID: initiat, Scope: domain.ScopeSector, Reason: "Giải pháp trùng với sáng kiến đã được công nhận trước đó.", DecisionNo: doc("160/QĐ-VKSTC")},
		domain.ResearchWorkAccepted{WorkID: uid("research:de-tai-2024"), Title: "Nâng cao chất lượng tranh tụng tại phiên tòa hình sự", AuthorIDs: []string{personB}, UnitID: vksAG, Scope: domain.ScopeGrassroots, AppliedOn: day(2024, 10, 1), DecisionNo: doc("77/QĐ-VKS")},

		// Awards.
		domain.AwardProposed{ProposalID: proposal, Subject: domain.Person(personA), AwardKind: domain.TitleGrassrootsEmulationFighter, Year: 2024, Basis: domain.BasisMerit, ProposerUnitID: vksPhuTan, Level: domain.AwardLevelProvince, JustificationRefs: []string{uid("rating:a-2024")}},
		domain.DossierFiled{ProposalID: proposal, Items: []domain.DossierItem{
			{Kind: domain.DossierSubmission, DocNo: doc("09/TTr-VKS"), Title: "Tờ trình đề nghị xét tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2024"},
			{Kind: domain.DossierAchievementReport, Title: "Báo cáo thành tích của Nguyễn Văn A (hư cấu)", Hash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},
		}, FiledToCouncilID: councilTD, Copies: 1},
		domain.DossierReturnedForCompletion{ProposalID: proposal, MissingItems: []domain.DossierItemKind{domain.DossierMinutes}, Note: "Bổ sung biên bản họp Hội đồng cơ sở.", DueOn: day(2025, 1, 15)},
		domain.DossierAppraised{ProposalID: proposal, AppraiserUnitID: vanPhong, Result: domain.VerdictPass, Findings: []string{"Hồ sơ đầy đủ, đúng thẩm quyền."}},
		domain.PublicConsultationOpened{ConsultationID: uid("consultation:2025-09"), ProposalIDs: []string{proposal}, Channels: []string{"Báo Bảo vệ pháp luật", "Cổng thông tin điện tử VKSNDTC"}, Window: domain.Period{From: day(2025, 9, 10), To: day(2025, 9, 23)}},
		domain.PublicConsultationClosed{ConsultationID: uid("consultation:2025-09"), FeedbackCount: 0},
		domain.AwardHoldPlaced{HoldID: uid("hold:d-2025"), Subject: domain.Person(personD), Reason: domain.ProceedingComplaint, SourceEventID: uid("event:proceeding-opened-d")},
		domain.AwardHoldLifted{HoldID: uid("hold:d-2025"), Subject: domain.Person(personD), SourceEventID: uid("event:proceeding-closed-d")},
		domain.AwardDecided{DecisionID: decision, DecisionNo: doc("123/QĐ-VKSTC"), IssuerUnitID: vksAG, IssuerRole: "Viện trưởng VKSND tỉnh", Awards: []domain.DecidedAward{{AwardID: award1, ProposalID: proposal, Subject: domain.Person(personA), AwardKind: domain.TitleGrassrootsEmulationFighter, Year: 2024}}, CashMultiplier: 100, BasedOnSeq: 4096},
		domain.AwardRejected{ProposalID: uid("proposal:ttldxs-chau-thanh-2024"), DecidedByUnitID: vksAG, Reason: "Không đủ tiêu chuẩn: có công chức bị kỷ luật cảnh cáo trong năm.", BasedOnSeq: 4097},
		domain.AwardConferred{DecisionID: decision, Place: "Hội trường VKSND tỉnh An Giang", Presenter: "Viện trưởng VKSND tỉnh An Giang", RecipientsPresent: []string{personA}},
		domain.AwardRevoked{DecisionID: decision, AwardIDs: []string{award1}, RevokingDecisionNo: doc("200/QĐ-VKSTC"), Ground: domain.GroundDishonestDeclaration, InsigniaRecovered: true, CashRecoveredVND: 2340000, ConsequentialReviews: []string{uid("award:bk-nguyen-van-a-2025")}},
		domain.AwardAmended{DecisionID: decision, AwardID: award1, Field: "Họ và tên", OldValue: "Nguyễn Văn À (hư cấu)", NewValue: "Nguyễn Văn A (hư cấu)", CorrectingDecisionNo: doc("130/QĐ-VKSTC")},
		domain.DeadlineSetPublished{DeadlineSetID: uid("deadlines:2024"), Regime: domain.RegimeTT02_2024, Year: 2024, Deadlines: []domain.Deadline{
			{AwardKind: domain.TitleSectorEmulationFighter, Level: domain.AwardLevelSector, DueOn: day(2024, 12, 15)},
			{AwardKind: domain.TitleSectorEmulationFlag, Level: domain.AwardLevelSector, DueOn: day(2024, 12, 15)},
		}, SourceDocNo: doc("33/HD-VKSTC")},
	}
}
