package domain_test

import (
	"testing"

	"github.com/tdkt/tdkt/domain"
)

func TestDecideUnits(t *testing.T) {
	est := sample[domain.EstablishUnit]()
	runDecide(t, []dcase{
		{name: "EstablishUnit/OK", given: givenUnits()[:1], when: est, then: ev(domain.UnitEstablished{UnitID: xUnitA, Name: est.Name, Level: est.Level, Kind: est.Kind, ParentUnitID: xParent})},
		{name: "EstablishUnit/Idempotent", given: concat(givenUnits()[:1], ev(domain.UnitEstablished{UnitID: xUnitA, Name: est.Name, Level: est.Level, Kind: est.Kind, ParentUnitID: xParent})), when: est},
		{name: "EstablishUnit/ErrConflict", given: givenUnits(), when: est, code: domain.ECONFLICT},
		{name: "EstablishUnit/ErrNoParent", when: est, code: domain.ENOTFOUND},
		{name: "RenameUnit/OK", given: givenUnits(), when: sample[domain.RenameUnit](), then: ev(domain.UnitRenamed{UnitID: xUnitA, OldName: "Đơn vị " + xUnitA[:8], NewName: sample[domain.RenameUnit]().NewName})},
		{name: "MergeUnits/OK", given: givenUnits(), when: sample[domain.MergeUnits](), then: ev(domain.UnitsMerged{SourceUnitIDs: []string{xUnitA, xUnitB}, ResultUnitID: xUnitC, Mode: domain.MergeConsolidation})},
		{name: "MergeUnits/ErrSourceDissolved", given: concat(givenUnits(), ev(domain.UnitDissolved{UnitID: xUnitB})), when: sample[domain.MergeUnits](), code: domain.ENOTFOUND},
		{name: "SplitUnit/OK", given: givenUnits(), when: sample[domain.SplitUnit](), then: ev(domain.UnitSplit{SourceUnitID: xUnitA, ResultUnitIDs: []string{xUnitB, xUnitC}})},
		{name: "DissolveUnit/OK", given: givenUnits(), when: sample[domain.DissolveUnit](), then: ev(domain.UnitDissolved{UnitID: xUnitA, SuccessorUnitIDs: []string{xUnitC}, Reason: "Hợp nhất từ 01/7/2025."})},
		{name: "ReparentUnit/OK", given: givenUnits(), when: sample[domain.ReparentUnit](), then: ev(domain.UnitReparented{UnitID: xUnitA, NewParentUnitID: xUnitB})},
	})
}

func TestDecidePeople(t *testing.T) {
	base := concat(givenUnits(), givenPerson())
	rate := sample[domain.RatePerformance]()
	runDecide(t, []dcase{
		{name: "RecruitPerson/OK", given: givenUnits(), when: sample[domain.RecruitPerson](), then: ev(domain.PersonRecruited{PersonID: xPerson, FullName: "Nguyễn Văn Ánh (hư cấu)", UnitID: xUnitA})},
		{name: "RecruitPerson/Idempotent", given: base, when: sample[domain.RecruitPerson]()},
		{name: "TransferPerson/OK", given: base, when: sample[domain.TransferPerson](), then: ev(domain.PersonTransferred{PersonID: xPerson, FromUnitID: xUnitA, ToUnitID: xUnitB})},
		{name: "TransferPerson/ErrNotFound", given: givenUnits(), when: sample[domain.TransferPerson](), code: domain.ENOTFOUND},
		{name: "SecondPerson/OK", given: base, when: sample[domain.SecondPerson](), then: ev(domain.PersonSeconded{PersonID: xPerson, FromUnitID: xUnitA, ToUnitID: xUnitB, Period: sample[domain.SecondPerson]().Period})},
		{name: "RecordLeave/OK", given: base, when: sample[domain.RecordLeave](), then: ev(domain.PersonLeaveRecorded{PersonID: xPerson, LeaveID: xLeave, Period: sample[domain.RecordLeave]().Period, Reason: domain.LeaveSickness})},
		{name: "RatePerformance/OK", given: base, when: rate, then: ev(domain.PerformanceRated{RatingID: xRating, Subject: domain.Person(xPerson), Year: 2024, Rating: domain.RatingExcellent})},
		{name: "RatePerformance/ErrNoSupersedes", given: concat(base, ev(domain.PerformanceRated{RatingID: uid("x:r0"), Subject: domain.Person(xPerson), Year: 2024, Rating: domain.RatingGood})), when: rate, code: domain.ECONFLICT},
		{name: "ImposeDiscipline/OK", given: base, when: sample[domain.ImposeDiscipline](), then: ev(domain.DisciplineImposed{DisciplineID: xDisc, PersonID: xPerson, Form: domain.DisciplineReprimand, ViolationYear: 2024, DecisionNo: doc("15/QĐ-VKS")})},
		{name: "EndDiscipline/ErrNotFound", given: base, when: sample[domain.EndDiscipline](), code: domain.ENOTFOUND},
		{name: "OpenReviewProceeding/OK", given: base, when: sample[domain.OpenReviewProceeding](), then: ev(domain.ReviewProceedingOpened{ProceedingID: xProc, Subject: domain.Person(xPerson), Kind: domain.ProceedingComplaint})},
		{name: "CloseReviewProceeding/ErrNotOpen", given: base, when: sample[domain.CloseReviewProceeding](), code: domain.ENOTFOUND},
		{name: "PlaceAwardHold/OK", given: base, when: sample[domain.PlaceAwardHold](), then: ev(domain.AwardHoldPlaced{HoldID: xHold, Subject: domain.Person(xPerson), Reason: domain.ProceedingInvestigation})},
		{name: "LiftAwardHold/OK", given: concat(base, ev(domain.AwardHoldPlaced{HoldID: xHold, Subject: domain.Person(xPerson), Reason: domain.ProceedingInvestigation})), when: sample[domain.LiftAwardHold](), then: ev(domain.AwardHoldLifted{HoldID: xHold, Subject: domain.Person(xPerson)})},
	})
}

func TestDecideCouncils(t *testing.T) {
	base := concat(givenUnits(), ev(givenCouncil(domain.CouncilKindTDKT, xCouncil)))
	twoChairs := sample[domain.ReconstituteCouncil]()
	twoChairs.Members = append(xMembers(), domain.CouncilMember{PersonID: uid("x:p9"), Role: domain.RoleChair, PositionTitle: "Phó Viện trưởng"})
	chair := sample[domain.AppointCouncilMember]()
	chair.Member.Role = domain.RoleChair
	meeting := sample[domain.HoldCouncilMeeting]()
	stranger := meeting
	stranger.Present = []string{xPerson, uid("x:stranger")}
	runDecide(t, []dcase{
		{name: "ConstituteCouncil/OK", given: givenUnits(), when: sample[domain.ConstituteCouncil](), then: ev(givenCouncil(domain.CouncilKindTDKT, xCouncil).(domain.CouncilConstituted))},
		{name: "ReconstituteCouncil/OK", given: base, when: sample[domain.ReconstituteCouncil](), then: ev(domain.CouncilReconstituted{CouncilID: xCouncil, DecisionNo: doc("123/QĐ-VKSTC"), SupersedesDecision: doc("98/QĐ-VKSTC"), Members: xMembers()})},
		{name: "ReconstituteCouncil/ErrTwoChairs", given: base, when: twoChairs, code: domain.EINVALID},
		{name: "ReconstituteCouncil/ErrNotFound", when: sample[domain.ReconstituteCouncil](), code: domain.ENOTFOUND},
		{name: "AppointCouncilMember/OK", given: base, when: sample[domain.AppointCouncilMember](), then: ev(domain.CouncilMemberAppointed{CouncilID: xCouncil, Member: sample[domain.AppointCouncilMember]().Member})},
		{name: "AppointCouncilMember/ErrSecondChair", given: base, when: chair, code: domain.ECONFLICT},
		{name: "RemoveCouncilMember/OK", given: base, when: sample[domain.RemoveCouncilMember](), then: ev(domain.CouncilMemberRemoved{CouncilID: xCouncil, PersonID: xPerson2, Reason: "Nghỉ hưu."})},
		{name: "DesignateStandingOffice/OK", given: base, when: sample[domain.DesignateStandingOffice](), then: ev(domain.CouncilStandingOfficeDesignated{CouncilID: xCouncil, OfficeUnitID: xUnitB})},
		{name: "AssignCouncilMemberToCluster/OK", given: concat(base, ev(clusterFormed(xCluster, 2024, xUnitA, xUnitB))), when: sample[domain.AssignCouncilMemberToCluster](), then: ev(domain.CouncilMemberAssignedToCluster{CouncilID: xCouncil, PersonID: xPerson2, ClusterID: xCluster, Year: 2024})},
		{name: "HoldCouncilMeeting/OK", given: base, when: meeting, then: ev(domain.CouncilMeetingHeld{MeetingID: xMeeting, CouncilID: xCouncil, Present: meeting.Present})},
		{name: "HoldCouncilMeeting/ErrNotMember", given: base, when: stranger, code: domain.EINVALID},
		{name: "RecordBallot/OK", given: concat(base, ev(domain.CouncilMeetingHeld{MeetingID: xMeeting, CouncilID: xCouncil, Present: meeting.Present})), when: sample[domain.RecordBallot](), then: ev(domain.BallotRecorded{BallotID: xBallot, MeetingID: xMeeting, CouncilID: xCouncil, SubjectRef: xProposal, Kind: domain.BallotSecret, Eligible: 3, Cast: 3, For: 3, Rule: "R8"})},
		{name: "RecordBallot/ErrNoMeeting", given: base, when: sample[domain.RecordBallot](), code: domain.ENOTFOUND},
	})
}

func TestDecideClusters(t *testing.T) {
	base := concat(givenUnits(), ev(givenCouncil(domain.CouncilKindTDKT, xCouncil)))
	formed := concat(base, ev(clusterFormed(xCluster, 2024, xUnitA, xUnitB, xUnitC)))
	lead := sample[domain.AssignClusterLeadership]()
	notMember := lead
	notMember.DeputyUnitID = xUnitD
	rotation := lead
	rotation.PreviousClusterID = xPrevCl
	rotationAck := rotation
	rotationAck.AcknowledgedRules = []string{"R27"}
	prev := ev(clusterFormed(xPrevCl, 2023, xUnitA, xUnitB), domain.ClusterLeadershipAssigned{ClusterID: xPrevCl, Year: 2023, LeaderUnitID: xUnitA, DeputyUnitID: xUnitB, Method: domain.LeadershipRotation})
	leadEv := domain.ClusterLeadershipAssigned{ClusterID: xCluster, Year: 2024, LeaderUnitID: xUnitA, DeputyUnitID: xUnitB, Method: domain.LeadershipElection}
	move := sample[domain.MoveUnitBetweenClusters]()
	acclaim := sample[domain.AcclaimClusterLeader]()
	flag := acclaim
	flag.ProposedTitles = []domain.AwardKind{domain.TitleSectorEmulationFlag}
	ranking := sample[domain.PublishClusterRanking]()
	finalized := concat(formed, ev(domain.ClusterRankingPublished{RankingID: xRanking, ClusterID: xCluster, Year: 2024, Ranking: ranking.Ranking, Method: ranking.Method}, domain.ClusterRankingFinalized{RankingID: xRanking, ClusterID: xCluster, Year: 2024, BasedOnSeq: 7}))
	runDecide(t, []dcase{
		{name: "FormCluster/OK", given: base, when: sample[domain.FormCluster](), then: ev(domain.ClusterFormed{ClusterID: xCluster, Kind: domain.ClusterKindCluster, Name: "Cụm thi đua số 1", Number: 1, Year: 2024, OrganizerCouncilID: xCouncil, MemberUnitIDs: []string{xUnitA, xUnitB, xUnitC}})},
		{name: "FormCluster/ErrUnitInOtherCluster", given: concat(base, ev(clusterFormed(xCluster2, 2024, xUnitC))), when: sample[domain.FormCluster](), code: domain.ECONFLICT},
		{name: "RenameCluster/OK", given: formed, when: sample[domain.RenameCluster](), then: ev(domain.ClusterRenamed{ClusterID: xCluster, OldName: "Cụm thi đua", NewName: "Cụm thi đua số 13", NewNumber: 13})},
		{name: "AssignUnitToCluster/OK", given: formed, when: sample[domain.AssignUnitToCluster](), then: ev(domain.UnitAssignedToCluster{ClusterID: xCluster, UnitID: xUnitD})},
		{name: "AssignUnitToCluster/ErrUnitInOtherCluster", given: concat(formed, ev(clusterFormed(xCluster2, 2024, xUnitD))), when: sample[domain.AssignUnitToCluster](), code: domain.ECONFLICT},
		{name: "AssignUnitToCluster/ErrUnitMovedToThirdCluster", given: concat(formed, ev(clusterFormed(xCluster2, 2024, xUnitD), clusterFormed(uid("x:c3"), 2024), domain.UnitMovedBetweenClusters{UnitID: xUnitD, FromClusterID: xCluster2, ToClusterID: uid("x:c3")})), when: domain.AssignUnitToCluster{ClusterID: xCluster, UnitID: xUnitD, Year: 2024}, code: domain.ECONFLICT},
		{name: "RemoveUnitFromCluster/OK", given: formed, when: sample[domain.RemoveUnitFromCluster](), then: ev(domain.UnitRemovedFromCluster{ClusterID: xCluster, UnitID: xUnitC})},
		{name: "MoveUnitBetweenClusters/OK", given: concat(formed, ev(clusterFormed(xCluster2, 2024, xUnitD))), when: move, then: ev(domain.UnitMovedBetweenClusters{UnitID: xUnitC, FromClusterID: xCluster, ToClusterID: xCluster2})},
		{name: "MoveUnitBetweenClusters/ErrNotInSource", given: concat(formed, ev(clusterFormed(xCluster2, 2024, xUnitD))), when: domain.MoveUnitBetweenClusters{UnitID: xUnitD, FromClusterID: xCluster, ToClusterID: xCluster2, Year: 2024}, code: domain.ECONFLICT},
		{name: "AssignClusterLeadership/OK", given: formed, when: lead, then: ev(leadEv)},
		{name: "AssignClusterLeadership/Idempotent", given: concat(formed, ev(leadEv)), when: lead},
		{name: "AssignClusterLeadership/ErrR28NotMember", given: formed, when: notMember, code: domain.EINVALID, rule: "R28"},
		{name: "AssignClusterLeadership/ErrR28SecondLeader", given: concat(formed, ev(leadEv)), when: domain.AssignClusterLeadership{ClusterID: xCluster, Year: 2024, LeaderUnitID: xUnitC, DeputyUnitID: xUnitB, Method: domain.LeadershipElection}, code: domain.ECONFLICT, rule: "R28"},
		{name: "AssignClusterLeadership/ErrR26", given: concat(formed, ev(domain.PerformanceRated{RatingID: uid("x:r-a-2023"), Subject: domain.Unit(xUnitA), Year: 2023, Rating: domain.RatingNotCompleted})), when: lead, code: domain.EINVALID, rule: "R26"},
		{name: "AssignClusterLeadership/ErrR27", given: concat(formed, prev), when: rotation, code: domain.EINVALID, rule: "R27"},
		{name: "AssignClusterLeadership/OKR27Acknowledged", given: concat(formed, prev), when: rotationAck, then: ev(leadEv)},
		{name: "DissolveCluster/OK", given: formed, when: sample[domain.DissolveCluster](), then: ev(domain.ClusterDissolved{ClusterID: xCluster, Reason: "Các đơn vị kết thúc hoạt động."})},
		{name: "PublishClusterRanking/OK", given: formed, when: ranking, then: ev(domain.ClusterRankingPublished{RankingID: xRanking, ClusterID: xCluster, Year: 2024, Ranking: ranking.Ranking, Method: ranking.Method})},
		{name: "PublishClusterRanking/ErrFinalized", given: finalized, when: ranking, code: domain.ECONFLICT},
		{name: "FinalizeClusterRanking/OK", given: concat(formed, ev(domain.ClusterRankingPublished{RankingID: xRanking, ClusterID: xCluster, Year: 2024, Ranking: ranking.Ranking, Method: ranking.Method})), when: sample[domain.FinalizeClusterRanking](), seq: 42, then: ev(domain.ClusterRankingFinalized{RankingID: xRanking, ClusterID: xCluster, Year: 2024, BasedOnSeq: 42})},
		{name: "FinalizeClusterRanking/ErrNotPublished", given: formed, when: sample[domain.FinalizeClusterRanking](), code: domain.ENOTFOUND},
		{name: "AcclaimClusterLeader/OK", given: formed, when: acclaim, seq: 9, then: ev(domain.ClusterLeaderAcclaimed{ClusterID: xCluster, Year: 2024, LeadingUnitID: xUnitA, BasedOnSeq: 9})},
		{name: "AcclaimClusterLeader/ErrR16Second", given: concat(formed, ev(domain.ClusterLeaderAcclaimed{ClusterID: xCluster, Year: 2024, LeadingUnitID: xUnitB})), when: acclaim, code: domain.ECONFLICT, rule: "R16"},
		{name: "AcclaimClusterLeader/ErrR16NotMember", given: formed, when: domain.AcclaimClusterLeader{ClusterID: xCluster, Year: 2024, LeadingUnitID: xUnitD}, code: domain.EINVALID, rule: "R16"},
		{name: "AcclaimClusterLeader/ErrR15NoBallot", given: formed, when: flag, code: domain.EINVALID, rule: "R15"},
		{name: "RecordBallot/OKCluster", given: formed, when: domain.RecordBallot{BallotID: xBallot, MeetingID: xMeeting, ClusterID: xCluster, SubjectRef: xProposal, Kind: domain.BallotShowOfHands, Eligible: 3, Cast: 3, For: 3}, then: ev(domain.BallotRecorded{BallotID: xBallot, MeetingID: xMeeting, ClusterID: xCluster, SubjectRef: xProposal, Kind: domain.BallotShowOfHands, Eligible: 3, Cast: 3, For: 3})},
	})
}

func TestDecidePlans(t *testing.T) {
	base := concat(givenUnits(), ev(givenCouncil(domain.CouncilKindTDKT, xCouncil)))
	sub := sample[domain.SubmitReorganizationPlan]()
	subEv := domain.ClusterReorganizationPlanSubmitted{PlanID: xPlan, SubmitterUnitID: xUnitA, RecipientCouncilID: xCouncil, Year: 2025, ProposedClusters: sub.ProposedClusters}
	runDecide(t, []dcase{
		{name: "SubmitReorganizationPlan/OK", given: base, when: sub, then: ev(subEv)},
		{name: "SubmitReorganizationPlan/ErrNoCouncil", given: givenUnits(), when: sub, code: domain.ENOTFOUND},
		{name: "DecideReorganizationPlan/OK", given: concat(base, ev(subEv)), when: sample[domain.DecideReorganizationPlan](), seq: 5, then: ev(domain.ClusterReorganizationPlanDecided{PlanID: xPlan, Decision: domain.PlanApproved, DecidedByUnitID: xUnitB, BasedOnSeq: 5})},
		{name: "DecideReorganizationPlan/ErrDecided", given: concat(base, ev(subEv, domain.ClusterReorganizationPlanDecided{PlanID: xPlan, Decision: domain.PlanRejected, DecidedByUnitID: xUnitB, Reason: "Chưa phù hợp."})), when: sample[domain.DecideReorganizationPlan](), code: domain.ECONFLICT},
	})
}

func TestDecideMovements(t *testing.T) {
	launch := sample[domain.LaunchMovement]()
	launched := concat(givenUnits(), ev(domain.MovementLaunched{MovementID: xMovement, Kind: launch.Kind, Scope: launch.Scope, LaunchedByUnitID: xUnitA, Theme: launch.Theme, Period: launch.Period}))
	reg := sample[domain.SubmitRegistration]()
	regID := domain.RegistrationID(reg.Subject, 2024)
	regEv := domain.EmulationRegistrationSubmitted{RegistrationID: regID, Subject: reg.Subject, Year: 2024, Targets: reg.Targets, ViaClusterID: xCluster}
	formed := concat(givenUnits(), ev(givenCouncil(domain.CouncilKindTDKT, xCouncil), clusterFormed(xCluster, 2024, xUnitA, xUnitB)))
	cov := sample[domain.SignCovenant]()
	badCov := cov
	badCov.Signatories = []domain.Signatory{{UnitID: xUnitA, PersonID: xPerson}, {UnitID: xUnitD, PersonID: xPerson2}}
	runDecide(t, []dcase{
		{name: "LaunchMovement/OK", given: givenUnits(), when: launch, then: launched[len(launched)-1:]},
		{name: "AdoptMovement/OK", given: launched, when: sample[domain.AdoptMovement](), then: ev(domain.MovementAdopted{MovementID: xMovement, UnitID: xUnitB})},
		{name: "AdoptMovement/ErrNotLaunched", given: givenUnits(), when: sample[domain.AdoptMovement](), code: domain.ENOTFOUND},
		{name: "HoldMovementReview/OK", given: launched, when: sample[domain.HoldMovementReview](), then: ev(domain.MovementReviewHeld{MovementID: xMovement, Kind: domain.ReviewFinal, PeriodCovered: launch.Period})},
		{name: "AdoptEmulationPlan/OK", given: givenUnits(), when: sample[domain.AdoptEmulationPlan](), then: ev(domain.EmulationPlanAdopted{PlanID: xEmPlan, UnitID: xUnitA, Year: 2024, DocNo: doc("16/KH-VKS")})},
		{name: "SubmitRegistration/OK", given: givenUnits(), when: reg, then: ev(regEv)},
		{name: "SubmitRegistration/Idempotent", given: concat(givenUnits(), ev(regEv)), when: reg},
		{name: "SubmitRegistration/ErrSecond", given: concat(givenUnits(), ev(regEv)), when: domain.SubmitRegistration{Subject: reg.Subject, Year: 2024, Targets: []domain.AwardKind{domain.TitleAdvancedCollective}, ViaUnitID: xParent}, code: domain.ECONFLICT},
		{name: "SubmitRegistration/ErrWithdrawn", given: concat(givenUnits(), ev(regEv, domain.EmulationRegistrationWithdrawn{RegistrationID: regID, Reason: "Rút."})), when: reg, code: domain.ECONFLICT},
		{name: "AmendRegistration/OK", given: concat(givenUnits(), ev(regEv)), when: sample[domain.AmendRegistration](), then: ev(domain.EmulationRegistrationAmended{RegistrationID: regID, SubjectKind: domain.SubjectUnit, Targets: []domain.AwardKind{domain.TitleSectorEmulationFlag}, Reason: "Nâng mục tiêu."})},
		{name: "WithdrawRegistration/OK", given: concat(givenUnits(), ev(regEv)), when: sample[domain.WithdrawRegistration](), then: ev(domain.EmulationRegistrationWithdrawn{RegistrationID: regID, Reason: "Đơn vị hợp nhất."})},
		{name: "SignCovenant/OK", given: formed, when: cov, then: ev(domain.CovenantSigned{CovenantID: xCovenant, ClusterID: xCluster, Year: 2024, Signatories: cov.Signatories})},
		{name: "SignCovenant/ErrNotMember", given: formed, when: badCov, code: domain.EINVALID},
	})
}

func TestDecideScores(t *testing.T) {
	scheme := sample[domain.PublishScoringScheme]()
	schemeEv := domain.ScoringSchemePublished{SchemeID: xScheme, Version: 1, Table: scheme.Table, Items: scheme.Items}
	formed := concat(givenUnits(), ev(givenCouncil(domain.CouncilKindTDKT, xCouncil), clusterFormed(xCluster, 2024, xUnitA, xUnitB), schemeEv))
	rec := sample[domain.RecordScore]()
	recEv := domain.ScoreRecorded{ScoreID: xScore, ScorecardID: xCard, SubjectUnitID: xUnitA, ClusterID: xCluster, Year: 2024, SchemeID: xScheme, SchemeVersion: 1, Stage: domain.StageCluster, Items: rec.Items, Total: 8500}
	notMember := rec
	notMember.SubjectUnitID = xUnitD
	tooMuch := rec
	tooMuch.Items = []domain.ItemScore{{Code: "A1", Points: 6000}}
	final := ev(domain.ClusterRankingPublished{RankingID: xRanking, ClusterID: xCluster, Year: 2024, Ranking: []domain.RankEntry{{UnitID: xUnitA, Total: 8500, Rank: 1}}, Method: "Tổng điểm"}, domain.ClusterRankingFinalized{RankingID: xRanking, ClusterID: xCluster, Year: 2024})
	corr := sample[domain.CorrectScore]()
	corrEv := domain.ScoreCorrected{ScoreID: xScore2, ScorecardID: xCard, SupersedesScoreID: xScore, Items: corr.Items, Total: 8700, Reason: corr.Reason, CorrectedByUnitID: xUnitB}
	again := corr
	again.ScoreID = uid("x:score:3")
	missing := corr
	missing.SupersedesScoreID = uid("x:score:none")
	runDecide(t, []dcase{
		{name: "PublishScoringScheme/OK", when: scheme, then: ev(schemeEv)},
		{name: "PublishScoringScheme/ErrVersionGap", when: domain.PublishScoringScheme{SchemeID: xScheme, Version: 3, Table: scheme.Table, Items: scheme.Items}, code: domain.EINVALID},
		{name: "RecordScore/OK", given: formed, when: rec, then: ev(recEv)},
		{name: "RecordScore/Idempotent", given: concat(formed, ev(recEv)), when: rec},
		{name: "RecordScore/ErrNotMember", given: formed, when: notMember, code: domain.EINVALID},
		{name: "RecordScore/ErrMovedAway", given: concat(formed, ev(clusterFormed(xCluster2, 2024), domain.UnitMovedBetweenClusters{UnitID: xUnitA, FromClusterID: xCluster, ToClusterID: xCluster2})), when: rec, code: domain.EINVALID},
		{name: "RecordScore/ErrOverMax", given: formed, when: tooMuch, code: domain.EINVALID},
		{name: "RecordScore/ErrFinalized", given: concat(formed, final), when: rec, code: domain.ECONFLICT},
		{name: "CorrectScore/OK", given: concat(formed, ev(recEv)), when: corr, then: ev(corrEv)},
		{name: "CorrectScore/ErrAlreadySuperseded", given: concat(formed, ev(recEv, corrEv)), when: again, code: domain.ECONFLICT},
		{name: "CorrectScore/ErrMissing", given: concat(formed, ev(recEv)), when: missing, code: domain.ENOTFOUND},
		{name: "CorrectScore/ErrFinalized", given: concat(formed, ev(recEv), final), when: corr, code: domain.ECONFLICT},
	})
}

func TestDecideInitiatives(t *testing.T) {
	sub := sample[domain.SubmitInitiative]()
	subEv := domain.InitiativeSubmitted{InitiativeID: xInit, Title: sub.Title, AuthorIDs: sub.AuthorIDs, UnitID: xUnitA, Description: sub.Description}
	applied := domain.InitiativeApplied{InitiativeID: xInit, UnitID: xUnitA, Trial: true}
	council := givenCouncil(domain.CouncilKindInitiative, xCouncilS)
	others := uid("x:p5")
	meeting := domain.CouncilMeetingHeld{MeetingID: xMeeting, CouncilID: xCouncilS, Present: []string{xPerson2, xPerson3}}
	ballot := func(for_ int) domain.BallotRecorded {
		return domain.BallotRecorded{BallotID: xBallot, MeetingID: xMeeting, CouncilID: xCouncilS, SubjectRef: xInit, Kind: domain.BallotSecret, Eligible: 3, Cast: 2, For: for_, Rule: "R31"}
	}
	_ = others
	withAuthor := domain.CouncilMeetingHeld{MeetingID: xMeeting, CouncilID: xCouncilS, Present: []string{xPerson, xPerson2, xPerson3}}
	evaluated := domain.InitiativeEvaluated{InitiativeID: xInit, CouncilID: xCouncilS, BallotID: xBallot, Result: domain.VerdictPass}
	rec := sample[domain.RecognizeInitiative]()
	recEv := domain.InitiativeRecognized{InitiativeID: xInit, Scope: domain.ScopeGrassroots, RecognizedByUnitID: xUnitA, RecognizerRole: "Viện trưởng", DecisionNo: doc("20/QĐ-VKS")}
	national := rec
	national.Scope = domain.ScopeNational
	base := concat(givenUnits(), ev(council, subEv))
	runDecide(t, []dcase{
		{name: "SubmitInitiative/OK", given: givenUnits(), when: sub, then: ev(subEv)},
		{name: "ApplyInitiative/OK", given: base, when: sample[domain.ApplyInitiative](), then: ev(applied)},
		{name: "EvaluateInitiative/OK", given: concat(base, ev(meeting, ballot(2))), when: sample[domain.EvaluateInitiative](), then: ev(evaluated)},
		{name: "EvaluateInitiative/ErrR31Votes", given: concat(base, ev(meeting, ballot(1))), when: sample[domain.EvaluateInitiative](), code: domain.EINVALID, rule: "R31"},
		{name: "EvaluateInitiative/ErrR31Author", given: concat(base, ev(withAuthor, ballot(3))), when: sample[domain.EvaluateInitiative](), code: domain.EINVALID, rule: "R31"},
		{name: "RecognizeInitiative/OK", given: concat(base, ev(applied, evaluated)), when: rec, then: ev(recEv)},
		{name: "RecognizeInitiative/ErrR30", given: concat(base, ev(evaluated)), when: rec, code: domain.EINVALID, rule: "R30"},
		{name: "RecognizeInitiative/ErrR31NotEvaluated", given: concat(base, ev(applied)), when: rec, code: domain.EINVALID, rule: "R31"},
		{name: "RecognizeInitiative/ErrR32", given: concat(base, ev(applied, evaluated, recEv)), when: national, code: domain.EINVALID, rule: "R32"},
		{name: "RevokeInitiativeRecognition/OK", given: concat(base, ev(applied, evaluated, recEv)), when: sample[domain.RevokeInitiativeRecognition](), then: ev(domain.InitiativeRecognitionRevoked{InitiativeID: xInit, Scope: domain.ScopeGrassroots, Reason: "Không có tính mới.", DecisionNo: doc("21/QĐ-VKS")})},
		{name: "RevokeInitiativeRecognition/ErrNotRecognized", given: base, when: sample[domain.RevokeInitiativeRecognition](), code: domain.ENOTFOUND},
		{name: "AcceptResearchWork/OK", given: givenUnits(), when: sample[domain.AcceptResearchWork](), then: ev(domain.ResearchWorkAccepted{WorkID: xWork, Title: "Đề tài cấp ngành", AuthorIDs: []string{xPerson}, UnitID: xUnitA, Scope: domain.ScopeSector})},
	})
}

func TestDecideAwards(t *testing.T) {
	base := concat(givenUnits(), givenPerson(), ev(givenCouncil(domain.CouncilKindTDKT, xCouncil)))
	prop := sample[domain.ProposeAward]()
	propEv := domain.AwardProposed{ProposalID: xProposal, Subject: domain.Person(xPerson), AwardKind: domain.TitleGrassrootsEmulationFighter, Year: 2024, Basis: domain.BasisMerit, ProposerUnitID: xUnitA, Level: domain.AwardLevelUnit}
	hold := domain.AwardHoldPlaced{HoldID: xHold, Subject: domain.Person(xPerson), Reason: domain.ProceedingInvestigation}
	unitProp := domain.ProposeAward{ProposalID: xProposal, Subject: domain.Unit(xUnitB), AwardKind: domain.TitleExcellentCollective, Year: 2025, Basis: domain.BasisMerit, ProposerUnitID: xUnitA, Level: domain.AwardLevelSector}
	decide := sample[domain.DecideAward]()
	awardID := domain.AwardID(xDecision, xProposal)
	decided := domain.AwardDecided{DecisionID: xDecision, DecisionNo: doc("200/QĐ-VKS"), IssuerUnitID: xUnitA, IssuerRole: "Viện trưởng", Awards: []domain.DecidedAward{{AwardID: awardID, ProposalID: xProposal, Subject: domain.Person(xPerson), AwardKind: domain.TitleGrassrootsEmulationFighter, Year: 2024}}, BasedOnSeq: 11}
	// CSTĐ ngành needs the council's secret ballot (R8, 90% of members).
	sectorEv := propEv
	sectorEv.AwardKind = domain.TitleSectorEmulationFighter
	meeting := domain.CouncilMeetingHeld{MeetingID: xMeeting, CouncilID: xCouncil, Present: []string{xPerson, xPerson2, xPerson3}}
	ballot := func(for_ int) domain.BallotRecorded {
		return domain.BallotRecorded{BallotID: xBallot, MeetingID: xMeeting, CouncilID: xCouncil, SubjectRef: xProposal, Kind: domain.BallotSecret, Eligible: 3, Cast: 3, For: for_, Rule: "R8"}
	}
	withBallot := decide
	withBallot.Items = []domain.DecisionItem{{ProposalID: xProposal, Subject: domain.Person(xPerson), BallotID: xBallot, BallotCouncilID: xCouncil}}
	sectorDecided := decided
	sectorDecided.Awards = []domain.DecidedAward{{AwardID: awardID, ProposalID: xProposal, Subject: domain.Person(xPerson), AwardKind: domain.TitleSectorEmulationFighter, Year: 2024}}
	revoke := sample[domain.RevokeAward]()
	noGround := revoke
	noGround.Ground, noGround.InsigniaRecovered, noGround.CashRecoveredVND = domain.RevocationGround{}, nil, nil
	consult := sample[domain.OpenPublicConsultation]()
	consultEv := domain.PublicConsultationOpened{ConsultationID: xConsult, ProposalIDs: []string{xProposal}, Channels: consult.Channels, Window: consult.Window}
	runDecide(t, []dcase{
		{name: "ProposeAward/OK", given: base, when: prop, then: ev(propEv)},
		{name: "ProposeAward/Idempotent", given: concat(base, ev(propEv)), when: prop},
		{name: "ProposeAward/ErrR23", given: concat(base, ev(hold)), when: prop, code: domain.EINVALID, rule: "R23"},
		{name: "ProposeAward/ErrR23Proceeding", given: concat(base, ev(domain.ReviewProceedingOpened{ProceedingID: xProc, Subject: domain.Person(xPerson), Kind: domain.ProceedingComplaint})), when: prop, code: domain.EINVALID, rule: "R23"},
		{name: "ProposeAward/ErrR36", given: concat(base, ev(domain.UnitDissolved{UnitID: xUnitB, SuccessorUnitIDs: []string{xUnitC}})), when: unitProp, now: day(2025, 9, 1), code: domain.EINVALID, rule: "R36"},
		{name: "FileDossier/OK", given: concat(base, ev(propEv)), when: sample[domain.FileDossier](), then: ev(domain.DossierFiled{ProposalID: xProposal, Items: sample[domain.FileDossier]().Items, FiledToCouncilID: xCouncil, Copies: 1})},
		{name: "ReturnDossier/ErrNotFiled", given: concat(base, ev(propEv)), when: sample[domain.ReturnDossier](), code: domain.ENOTFOUND},
		{name: "AppraiseDossier/OK", given: concat(base, ev(propEv, domain.DossierFiled{ProposalID: xProposal, Items: sample[domain.FileDossier]().Items, FiledToCouncilID: xCouncil, Copies: 1})), when: sample[domain.AppraiseDossier](), then: ev(domain.DossierAppraised{ProposalID: xProposal, AppraiserUnitID: xUnitB, Result: domain.VerdictPass})},
		{name: "RejectAward/OK", given: concat(base, ev(propEv)), when: sample[domain.RejectAward](), seq: 3, then: ev(domain.AwardRejected{ProposalID: xProposal, DecidedByUnitID: xUnitA, Reason: "Không đủ tiêu chuẩn.", BasedOnSeq: 3})},
		{name: "OpenPublicConsultation/OK", given: concat(base, ev(propEv)), when: consult, then: ev(consultEv)},
		{name: "ClosePublicConsultation/OK", given: concat(base, ev(propEv, consultEv)), when: sample[domain.ClosePublicConsultation](), now: day(2024, 9, 24), then: ev(domain.PublicConsultationClosed{ConsultationID: xConsult})},
		{name: "ClosePublicConsultation/ErrR10Early", given: concat(base, ev(propEv, consultEv)), when: sample[domain.ClosePublicConsultation](), now: day(2024, 9, 15), code: domain.EINVALID, rule: "R10"},
		{name: "DecideAward/OK", given: concat(base, ev(propEv)), when: decide, seq: 11, then: ev(decided)},
		{name: "DecideAward/ErrNoProposal", given: base, when: decide, code: domain.ENOTFOUND},
		{name: "DecideAward/ErrRejected", given: concat(base, ev(propEv, domain.AwardRejected{ProposalID: xProposal, DecidedByUnitID: xUnitA, Reason: "Không đạt."})), when: decide, code: domain.ECONFLICT},
		{name: "DecideAward/ErrR23", given: concat(base, ev(propEv, hold)), when: decide, code: domain.EINVALID, rule: "R23"},
		{name: "DecideAward/ErrAlreadyDecided", given: concat(base, ev(propEv), ev(domain.AwardDecided{DecisionID: uid("x:d-other"), DecisionNo: doc("199/QĐ-VKS"), IssuerUnitID: xUnitA, IssuerRole: "Viện trưởng", Awards: decided.Awards})), when: decide, code: domain.ECONFLICT},
		{name: "DecideAward/OKR8", given: concat(base, ev(sectorEv, meeting, ballot(3))), when: withBallot, seq: 11, then: ev(sectorDecided)},
		{name: "DecideAward/ErrR8NoBallot", given: concat(base, ev(sectorEv)), when: decide, code: domain.EINVALID, rule: "R8"},
		{name: "DecideAward/ErrR8Threshold", given: concat(base, ev(sectorEv, meeting, ballot(2))), when: withBallot, code: domain.EINVALID, rule: "R8"},
		{name: "ConferAward/OK", given: ev(decided), when: sample[domain.ConferAward](), then: ev(domain.AwardConferred{DecisionID: xDecision, Place: "Hội trường VKSND tỉnh", Presenter: "Viện trưởng"})},
		{name: "ConferAward/ErrNoDecision", when: sample[domain.ConferAward](), code: domain.ENOTFOUND},
		{name: "RevokeAward/OK", given: ev(decided), when: revoke, then: ev(domain.AwardRevoked{DecisionID: xDecision, AwardIDs: []string{awardID}, RevokingDecisionNo: doc("300/QĐ-VKS"), Ground: domain.GroundFalseDossier, InsigniaRecovered: true, CashRecoveredVND: 2340000})},
		{name: "RevokeAward/ErrR25", given: ev(decided), when: noGround, code: domain.EINVALID, rule: "R25"},
		{name: "RevokeAward/ErrUnknownAward", given: ev(decided), when: domain.RevokeAward{DecisionID: xDecision, AwardIDs: []string{uid("x:nope")}, RevokingDecisionNo: doc("300/QĐ-VKS"), Ground: domain.GroundFalseDossier, InsigniaRecovered: boolp(false), CashRecoveredVND: int64p(0)}, code: domain.ENOTFOUND},
		{name: "AmendAward/OK", given: ev(decided), when: sample[domain.AmendAward](), then: ev(domain.AwardAmended{DecisionID: xDecision, Field: "fullName", OldValue: "Nguyễn Văn Anh", NewValue: "Nguyễn Văn Ánh"})},
		{name: "PublishDeadlineSet/OK", when: sample[domain.PublishDeadlineSet](), then: ev(domain.DeadlineSetPublished{DeadlineSetID: xDeadline, Regime: domain.RegimeTT02_2024, Year: 2024, Deadlines: sample[domain.PublishDeadlineSet]().Deadlines, SourceDocNo: doc("09/HD-VKSTC")})},
	})
}

// TestDecideJoinsRuleFailures: a command that breaks several rules reports
// all of them.
func TestDecideJoinsRuleFailures(t *testing.T) {
	given := concat(givenUnits(), ev(clusterFormed(xCluster, 2024, xUnitA, xUnitB),
		domain.PerformanceRated{RatingID: uid("x:r-a"), Subject: domain.Unit(xUnitA), Year: 2023, Rating: domain.RatingNotCompleted}))
	reads := map[string]domain.State{}
	by := map[string][]domain.Event{}
	for _, e := range given {
		by[e.StreamID()] = append(by[e.StreamID()], e)
	}
	for s, evs := range by {
		reads[s], _ = domain.Fold(s, evs...)
	}
	cmd := domain.AssignClusterLeadership{ClusterID: xCluster, Year: 2024, LeaderUnitID: xUnitA, DeputyUnitID: xUnitD, Method: domain.LeadershipElection}
	_, err := domain.Decide(reads["cluster-"+xCluster], cmd, xNow, domain.Env{Reads: reads})
	if findRule(err, "R28") == nil || findRule(err, "R26") == nil {
		t.Fatalf("want R28 and R26, got %v", err)
	}
}
