package demo

import "github.com/tdkt/tdkt/domain"

// ---------------------------------------------------------------------------
// August–December 2025.

func (b *builder) late2025() {
	sodo := b.id("initiative", "sodo")
	b.on("2025-08-01")
	for _, u := range []string{"ls", "ag2", "ls_kv1"} {
		b.add(domain.ApplyInitiative{InitiativeID: sodo, UnitID: b.uid(u), Result: "Áp dụng trong báo cáo án hình sự"}, b.asUnit(u), nil,
			b.units[u].short+" áp dụng sáng kiến “Báo cáo án bằng sơ đồ tư duy”")
	}
	b.on("2025-08-20")
	mt := b.meeting("sk_nganh", "sk_nganh-2025-08", []string{"Xét đề nghị công nhận sáng kiến phạm vi toàn ngành"})
	n := len(b.councils["sk_nganh"].members)
	bl := b.ballot("sk_nganh", mt, "sk_nganh-sodo-nganh", sodo, domain.BallotSecret, n, "R31", "Bỏ phiếu kín về sáng kiến “Báo cáo án bằng sơ đồ tư duy”")
	b.add(domain.EvaluateInitiative{InitiativeID: sodo, CouncilID: b.councils["sk_nganh"].id, BallotID: bl, Result: domain.VerdictPass,
		Notes: "Áp dụng hiệu quả, có khả năng nhân rộng trong toàn ngành"}, b.asCouncil("sk_nganh"), nil, "Hội đồng sáng kiến ngành đánh giá đạt")
	b.on("2025-08-21")
	b.refuse(domain.RecognizeInitiative{InitiativeID: sodo, Scope: domain.ScopeNational, RecognizedByUnitID: b.uid("tc"), RecognizerRole: issuerTC,
		DecisionNo: b.doc("340/QĐ-VKSTC")}, b.asUnit("tc"), "R32", domain.EINVALID,
		"Phạm vi ảnh hưởng chỉ mở rộng lần lượt cơ sở → toàn ngành → toàn quốc: chưa công nhận phạm vi toàn ngành")
	b.on("2025-08-25")
	b.add(domain.RecognizeInitiative{InitiativeID: sodo, Scope: domain.ScopeSector, RecognizedByUnitID: b.uid("tc"), RecognizerRole: issuerTC,
		DecisionNo: b.doc("350/QĐ-VKSTC")}, b.asUnit("tc"), b.illus("350/QĐ-VKSTC", "2025-08-25", issuerTC), "Công nhận sáng kiến phạm vi toàn ngành")

	// Huân chương Lao động hạng Ba: public consultation first (R10), as CV
	// 750/VP of 10/9/2025 did for 10–23/9/2025.
	b.on("2025-09-05")
	b.propose("hcld25", domain.Person(b.pid("head:ls")), domain.AwardLabourOrderThirdClass, 2025, domain.BasisContribution, "tc", domain.AwardLevelState)
	b.on("2025-09-10")
	cons := b.id("consultation", "2025")
	b.add(domain.OpenPublicConsultation{ConsultationID: cons, ProposalIDs: []string{b.proposalID("hcld25")},
		Channels: []string{"Cổng thông tin điện tử VKSND tối cao", "Báo Bảo vệ pháp luật"},
		Window:   domain.Period{From: b.date("2025-09-10"), To: b.date("2025-09-23")}}, b.asOffice(),
		b.act("750/VP", "2025-09-10", "Văn phòng VKSND tối cao"), "Lấy ý kiến nhân dân về đề nghị khen thưởng Huân chương")
	b.on("2025-09-20")
	b.refuse(domain.ClosePublicConsultation{ConsultationID: cons, FeedbackCount: 0}, b.asOffice(), "R10", domain.EINVALID,
		"Chưa hết thời hạn lấy ý kiến nhân dân (đến 23/9/2025)")
	b.on("2025-09-24")
	b.add(domain.ClosePublicConsultation{ConsultationID: cons, FeedbackCount: 0, FeedbackSummary: "Không có ý kiến phản ánh"}, b.asOffice(), nil,
		"Kết thúc lấy ý kiến nhân dân")
	b.on("2025-10-01")
	hold := domain.Person(b.pid("hold"))
	b.add(domain.OpenReviewProceeding{ProceedingID: b.id("proceeding", "hold"), Subject: hold, Kind: domain.ProceedingComplaint,
		Description: "Đơn tố cáo đang được xác minh"}, b.asUnit("ag2"), nil, "Thụ lý đơn tố cáo")
	b.add(domain.PlaceAwardHold{HoldID: b.id("hold", "hold"), Subject: hold, Reason: domain.ProceedingComplaint}, b.asUnit("ag2"), nil,
		"Tạm dừng xét khen thưởng trong thời gian xác minh")
	b.on("2025-10-06")
	mt = b.meeting("nganh", "nganh-2025-10", []string{"Xét đề nghị Huân chương Lao động"})
	n = len(b.councils["nganh"].members)
	b.ballot("nganh", mt, "hcld25", b.proposalID("hcld25"), domain.BallotSecret, n, "", "Bỏ phiếu kín đề nghị Huân chương Lao động hạng Ba")
	b.dossier("hcld25", "nganh", 3, domain.DossierSubmission, domain.DossierAchievementReport, domain.DossierMinutes, domain.DossierBallotResult, domain.DossierPublicConsultation)
	b.on("2025-10-10")
	b.appraise("hcld25", "vp", "Đã lấy ý kiến nhân dân từ 10/9 đến 23/9/2025, không có ý kiến phản ánh")
	b.on("2025-11-10")
	mt = b.meeting("sk_nganh", "sk_nganh-2025-11", []string{"Đánh giá phạm vi ảnh hưởng toàn quốc của sáng kiến"})
	bl = b.ballot("sk_nganh", mt, "sk_nganh-sodo-toanquoc", sodo, domain.BallotSecret, len(b.councils["sk_nganh"].members), "R31", "Bỏ phiếu kín về phạm vi toàn quốc")
	b.add(domain.EvaluateInitiative{InitiativeID: sodo, CouncilID: b.councils["sk_nganh"].id, BallotID: bl, Result: domain.VerdictPass,
		Notes: "Hiệu quả, có khả năng nhân rộng trên toàn quốc"}, b.asCouncil("sk_nganh"), nil, "Hội đồng sáng kiến ngành đánh giá phạm vi toàn quốc")
	b.on("2025-11-14")
	b.add(domain.RecognizeInitiative{InitiativeID: sodo, Scope: domain.ScopeNational, RecognizedByUnitID: b.uid("tc"), RecognizerRole: issuerTC,
		DecisionNo: b.doc("480/QĐ-VKSTC")}, b.asUnit("tc"), b.illus("480/QĐ-VKSTC", "2025-11-14", issuerTC),
		"Công nhận hiệu quả áp dụng và phạm vi ảnh hưởng toàn quốc (Luật TĐKT 2022, Điều 21 k2)")
	b.on("2025-11-15")
	b.add(domain.EndDiscipline{DisciplineID: b.id("discipline", "rev"), PersonID: b.pid("rev")}, b.asUnit("ls"), nil, "Hết thời hạn kỷ luật")
	b.on("2025-11-20")
	b.decide("hcld25", "tc", "Chủ tịch nước", b.illus("1500/QĐ-CTN", "2025-11-20", "Chủ tịch nước"), 450,
		"Tặng Huân chương Lao động hạng Ba (quyết định của Chủ tịch nước, ghi nhận qua VKSND tối cao)",
		func() domain.DecisionItem {
			it := b.itemCouncilBallot("hcld25", "nganh", b.id("ballot", "hcld25"))
			it.ConsultationID = cons
			return it
		}())
	b.refuse(b.proposeCmd("ldtt25:hold", hold, domain.TitleAdvancedWorker, 2025, domain.BasisMerit, "ag_kv2", domain.AwardLevelProvince),
		b.asUnit("ag_kv2"), "R23", domain.EINVALID, "Không đề nghị khen thưởng khi đang xem xét đơn tố cáo")
	b.on("2025-12-01")
	b.add(domain.CloseReviewProceeding{ProceedingID: b.id("proceeding", "hold"), Subject: hold, Outcome: "Tố cáo không có cơ sở", ViolationFound: false},
		b.asUnit("ag2"), b.illus("120/KL-VKS", "2025-12-01", issuerAG), "Kết luận xác minh đơn tố cáo")
	b.add(domain.LiftAwardHold{HoldID: b.id("hold", "hold"), Subject: hold}, b.asUnit("ag2"), nil, "Gỡ tạm dừng xét khen thưởng")
	for _, p := range []string{"star", "cand2"} {
		b.rate(domain.Person(b.pid(p)), p+"-2025", 2025, domain.RatingExcellent, "", b.asUnit("ls"))
	}
	b.rate(hold, "hold-2025", 2025, domain.RatingGood, "", b.asUnit("ag2"))
	b.on("2025-12-02")
	b.propose("ldtt25:hold", hold, domain.TitleAdvancedWorker, 2025, domain.BasisMerit, "ag_kv2", domain.AwardLevelProvince)

	// Year-end 2025 for the clusters still standing.
	all := append(b.sectorKeys2025(), "ls_k_25", "ls_ckv_25", "ag_ckv_25")
	for i, ck := range all {
		b.on([]string{"2025-12-02", "2025-12-03", "2025-12-04"}[i*3/len(all)])
		b.scoreCluster(ck)
	}
	b.on("2025-12-08")
	top := map[string]string{}
	for _, ck := range all {
		top[ck] = b.publishRanking(ck, "")
	}
	b.on("2025-12-09")
	for _, ck := range all {
		b.finalizeRanking(ck)
	}
	b.on("2025-12-10")
	b.acclaimAll(2025, all, top)
	for _, p := range []string{"star", "cand2"} {
		b.propose("cstdcs25:"+p, domain.Person(b.pid(p)), domain.TitleGrassrootsEmulationFighter, 2025, domain.BasisMerit, b.people[p].unit, domain.AwardLevelProvince)
		b.propose("ldtt25:"+p, domain.Person(b.pid(p)), domain.TitleAdvancedWorker, 2025, domain.BasisMerit, b.people[p].unit, domain.AwardLevelProvince)
	}
	b.on("2025-12-11")
	for _, ck := range b.sectorKeys2025() {
		c := b.clusters[ck]
		b.propose("flag:"+ck, domain.Unit(b.uid(top[ck])), domain.TitleSectorEmulationFlag, 2025, domain.BasisMerit, c.leader, domain.AwardLevelSector, b.id("ranking", ck))
	}
	b.on("2025-12-12")
	for _, ck := range b.sectorKeys2025() {
		b.dossier("flag:"+ck, "nganh", 1, domain.DossierSubmission, domain.DossierAchievementReport, domain.DossierClusterMinutes)
	}
	b.meeting("hd_ls", "ls-2025-12", []string{"Xét danh hiệu thi đua năm 2025"})
	b.decide("ls-2025", "ls", "Viện trưởng VKSND tỉnh Lạng Sơn", b.illus("160/QĐ-VKS", "2025-12-12", issuerLS), 0,
		"Quyết định tặng danh hiệu thi đua năm 2025", b.item("cstdcs25:star"), b.item("ldtt25:star"), b.item("cstdcs25:cand2"), b.item("ldtt25:cand2"))
	b.decide("ag-2025", "ag2", "Viện trưởng VKSND tỉnh An Giang", b.illus("140/QĐ-VKS", "2025-12-12", issuerAG), 0,
		"Quyết định tặng danh hiệu Lao động tiên tiến năm 2025", b.item("ldtt25:hold"))
	sodoRef := b.id("initiative", "sodo")
	for _, p := range []string{"star", "cand2"} {
		b.propose("cstdn25:"+p, domain.Person(b.pid(p)), domain.TitleSectorEmulationFighter, 2025, domain.BasisMerit, "ls", domain.AwardLevelSector, sodoRef)
		b.dossier("cstdn25:"+p, "nganh", 1, domain.DossierSubmission, domain.DossierAchievementReport, domain.DossierMinutes, domain.DossierInitiativeCert)
	}
	b.on("2025-12-15")
	for _, ck := range b.sectorKeys2025() {
		b.appraise("flag:"+ck, "vp", "Hồ sơ đầy đủ; đơn vị được cụm, khối suy tôn dẫn đầu")
	}
	mt = b.meeting("nganh", "nganh-2025-12", []string{"Xét danh hiệu Chiến sĩ thi đua ngành Kiểm sát nhân dân năm 2025"})
	n = len(b.councils["nganh"].members)
	b.ballot("nganh", mt, "cstdn25:star", b.proposalID("cstdn25:star"), domain.BallotSecret, n, "R8", "Bỏ phiếu kín Chiến sĩ thi đua ngành")
	b.ballot("nganh", mt, "cstdn25:cand2", b.proposalID("cstdn25:cand2"), domain.BallotSecret, n-3, "R8", "Bỏ phiếu kín Chiến sĩ thi đua ngành")
	b.on("2025-12-18")
	b.decide("cstdn25", "tc", issuerTC, b.illus("520/QĐ-VKSTC", "2025-12-18", issuerTC), 0,
		"Tặng danh hiệu Chiến sĩ thi đua ngành Kiểm sát nhân dân năm 2025",
		b.itemCouncilBallot("cstdn25:star", "nganh", b.id("ballot", "cstdn25:star")))
	b.refuse(b.decideCmd("cstdn25b", "tc", issuerTC, b.illus("521/QĐ-VKSTC", "2025-12-18", issuerTC), 0,
		b.itemCouncilBallot("cstdn25:cand2", "nganh", b.id("ballot", "cstdn25:cand2"))), b.asUnit("tc"), "R8", domain.EINVALID,
		"Chiến sĩ thi đua ngành cần ít nhất 90% tổng số thành viên Hội đồng TĐKT ngành đồng ý bằng phiếu kín")
	b.add(domain.RejectAward{ProposalID: b.proposalID("cstdn25:cand2"), DecidedByUnitID: b.uid("tc"),
		Reason: "Không đạt tỷ lệ phiếu đồng ý của Hội đồng Thi đua - Khen thưởng ngành"}, b.asUnit("tc"), nil, "Không xét tặng do không đủ tỷ lệ phiếu")
	b.on("2025-12-19")
	var items []domain.DecisionItem
	for _, ck := range b.sectorKeys2025() {
		items = append(items, b.itemClusterBallot("flag:"+ck, ck, b.id("ballot", "flag:"+ck)))
	}
	b.decide("flag25", "tc", issuerTC, b.illus("530/QĐ-VKSTC", "2025-12-19", issuerTC), 0,
		"Tặng Cờ thi đua của ngành Kiểm sát nhân dân năm 2025 cho các đơn vị dẫn đầu cụm, khối", items...)
	b.on("2025-12-22")
	b.add(domain.HoldMovementReview{MovementID: b.id("movement", "2025"), Kind: domain.ReviewFinal,
		PeriodCovered: domain.Period{From: b.date("2025-01-01"), To: b.date("2025-12-31")}, ReportNo: b.doc("30/BC-VKSTC")},
		b.asOffice(), b.illus("30/BC-VKSTC", "2025-12-22", issuerTC), "Tổng kết phong trào thi đua năm 2025")
	b.add(domain.HoldMovementReview{MovementID: b.id("movement", "cong-minh"), Kind: domain.ReviewFinal,
		PeriodCovered: domain.Period{From: b.date("2019-01-01"), To: b.date("2025-12-31")}, ReportNo: b.doc("31/BC-VKSTC")},
		b.asOffice(), b.illus("31/BC-VKSTC", "2025-12-22", issuerTC), "Tổng kết phong trào thi đua theo chuyên đề giai đoạn 2019 - 2025")
	b.on("2025-12-26")
	place := "Hội nghị triển khai công tác năm 2026 của ngành Kiểm sát nhân dân"
	b.confer("flag25", place, "head:tc")
	b.confer("cstdn25", place, "head:tc", b.pid("star"))
	b.confer("cocp24", place, "head:tc")
	b.confer("hcld25", place, "head:tc", b.pid("head:ls"))
}

// sectorKeys2025 are the sector-organised clusters standing at the end of
// 2025.
func (b *builder) sectorKeys2025() []string {
	return []string{"k3_25", "k4_25", "k5_25", "c1b_25", "c2_25", "c9_25"}
}
