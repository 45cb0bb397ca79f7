package demo

import "github.com/tdkt/tdkt/domain"

// ---------------------------------------------------------------------------
// February–June 2025.

func (b *builder) early2025() {
	b.on("2025-02-26")
	b.add(domain.PublishDeadlineSet{DeadlineSetID: b.id("deadlines", "2025"), Regime: domain.RegimeTT02_2024, Year: 2025,
		Deadlines: []domain.Deadline{
			{AwardKind: domain.TitleSectorEmulationFlag, Level: domain.AwardLevelSector, DueOn: b.date("2025-12-12")},
			{AwardKind: domain.TitleSectorEmulationFighter, Level: domain.AwardLevelSector, DueOn: b.date("2025-12-12")},
		}, SourceDocNo: b.doc("02/HD-VKSTC")}, b.asOffice(), b.illus("02/HD-VKSTC", "2025-02-26", issuerTC), "Thời hạn gửi hồ sơ đề nghị khen thưởng năm 2025")
	b.on("2025-02-28")
	c3 := b.pid("head:c3")
	b.add(domain.RemoveCouncilMember{CouncilID: b.councils["nganh"].id, PersonID: c3, Reason: "Nghỉ hưu theo chế độ", DecisionNo: b.doc("55/QĐ-VKSTC")},
		b.asUnit("tc"), b.illus("55/QĐ-VKSTC", "2025-02-28", issuerTC), "Miễn nhiệm thành viên Hội đồng TĐKT ngành")
	// From 1/3/2025 the TĐKT staff are a Phòng of Văn phòng VKSND tối cao.
	b.on("2025-03-01")
	basis := b.illus("52/QĐ-VKSTC", "2025-02-28", issuerTC)
	b.add(domain.RenameUnit{UnitID: b.uid("v16"), NewName: "Phòng Thi đua - Khen thưởng, Văn phòng Viện kiểm sát nhân dân tối cao"}, b.asOffice(), basis,
		"Vụ Thi đua - Khen thưởng trở thành Phòng Thi đua - Khen thưởng thuộc Văn phòng")
	b.add(domain.ReparentUnit{UnitID: b.uid("v16"), NewParentUnitID: b.uid("vp")}, b.asOffice(), basis, "Phòng Thi đua - Khen thưởng trực thuộc Văn phòng VKSND tối cao")
	b.add(domain.DesignateStandingOffice{CouncilID: b.councils["nganh"].id, OfficeUnitID: b.uid("vp")}, b.asUnit("tc"), basis,
		"Thường trực Hội đồng TĐKT ngành: Văn phòng VKSND tối cao (Phòng Thi đua - Khen thưởng)")
	b.office = "vp"
	b.on("2025-03-05")
	b.reconstitute("nganh", b.nganh2025(false), b.illus("60/QĐ-VKSTC", "2025-03-05", issuerTC), "Kiện toàn Hội đồng Thi đua - Khen thưởng ngành Kiểm sát nhân dân")

	// Clusters and blocks for 2025, before the reorganisation.
	b.on("2025-03-10")
	hd := b.illus("05/HD-VKSTC", "2025-03-10", issuerTC)
	for _, c := range b.sectorClusters(2025) {
		b.formCluster(c, hd)
	}
	for _, c := range b.localClusters(2025) {
		basis := b.illus("95/VKS-VP", "2025-03-07", issuerLS)
		if c.organizer == "ag" {
			basis = b.illus("101/VKS-VP", "2025-03-07", issuerAG)
		}
		b.formCluster(c, basis)
	}
	b.on("2025-03-12")
	rot := func(ck25, ck24, leader, deputy string) {
		b.lead(ck25, leader, deputy, domain.LeadershipRotation, ck24, nil)
	}
	rot("k3_25", "k3_24", "vkhks", "bvpl")
	rot("k4_25", "k4_24", "vp", "v15")
	rot("c1_25", "c1_24", "hn", "hcm")
	rot("c2_25", "c2_24", "ls", "cb")
	rot("c11_25", "c11_24", "dn", "bp")
	rot("c12_25", "c12_24", "ag", "dt")
	rot("c13_25", "c13_24", "st", "bt")
	rot("ls_c1_25", "ls_c1_24", "ls_hl", "ls_cl")
	rot("ls_c2_25", "ls_c2_24", "ls_vla", "ls_bs")
	rot("ls_k_25", "ls_k_24", "ls_p1", "ls_p9")
	rot("ag_c2_25", "ag_c2_24", "ag_tt", "ag_cd")
	ag1 := b.clusters["ag_c1_25"]
	b.refuse(domain.AssignClusterLeadership{ClusterID: ag1.id, Year: 2025, LeaderUnitID: b.uid("ag_ct"), DeputyUnitID: b.uid("ag_pt"),
		Method: domain.LeadershipElection, PreviousClusterID: b.clusters["ag_c1_24"].id}, b.asUnit("ag"), "R27", domain.EINVALID,
		"Cụm trưởng luân phiên hằng năm: VKSND huyện Châu Thành đã làm cụm trưởng năm 2024")
	rot("ag_c1_25", "ag_c1_24", "ag_cm", "ag_pt")
	for _, x := range [][2]string{{"k3_25", "head:v15"}, {"k4_25", "head:vp"}, {"c1_25", "pvt1"}, {"c2_25", "pvt2"}, {"c11_25", "head:tt"}, {"c12_25", "head:bvpl"}, {"c13_25", "head:v16"}} {
		b.assignInCharge("nganh", x[1], x[0])
	}
	b.on("2025-03-20")
	b.add(domain.RevokeInitiativeRecognition{InitiativeID: b.id("initiative", "phieu"), Scope: domain.ScopeGrassroots,
		Reason: "Trùng với giải pháp đã được đề nghị trước tại cùng cơ sở, không còn tính mới (Nghị định 13/2012/NĐ-CP, Điều 4)", DecisionNo: b.doc("30/QĐ-VKS")},
		b.asUnit("ag"), b.illus("30/QĐ-VKS", "2025-03-20", issuerAG), "Thu hồi quyết định công nhận sáng kiến")
	keys := append(b.sectorKeys(2025), b.localKeys(2025)...)
	for i, ck := range keys {
		b.on([]string{"2025-03-24", "2025-03-26", "2025-03-28"}[i*3/len(keys)])
		if b.clusters[ck].council != "" {
			b.covenant(ck, []string{"Hoàn thành xuất sắc chỉ tiêu nghiệp vụ năm 2025", "Thực hiện tốt việc sắp xếp tổ chức bộ máy"})
			b.registerUnits(ck, domain.TitleExcellentCollective, domain.TitleSectorEmulationFlag)
		} else {
			b.covenant(ck, []string{"Hoàn thành các chỉ tiêu nghiệp vụ được giao năm 2025"})
			b.registerUnits(ck, domain.TitleAdvancedCollective, domain.TitleExcellentCollective)
		}
	}
	b.on("2025-03-31")
	b.registerPerson("star", 2025, domain.TitleAdvancedWorker, domain.TitleGrassrootsEmulationFighter)
	b.registerPerson("cand2", 2025, domain.TitleAdvancedWorker, domain.TitleGrassrootsEmulationFighter)
	b.registerPerson("hold", 2025, domain.TitleAdvancedWorker)
	b.on("2025-04-02")
	b.add(domain.AmendRegistration{RegistrationID: domain.RegistrationID(domain.Person(b.pid("star")), 2025),
		Targets: []domain.AwardKind{domain.TitleAdvancedWorker, domain.TitleGrassrootsEmulationFighter, domain.TitleSectorEmulationFighter},
		Reason:  "Đăng ký bổ sung Chiến sĩ thi đua ngành Kiểm sát nhân dân"}, b.asUnit("ls_hl"), nil, "Đăng ký bổ sung danh hiệu")

	// An inspection finds a 2024 violation: discipline, and the 2024
	// titles are revoked (Luật TĐKT 2022, Điều 93 k2 d).
	b.on("2025-04-10")
	rev := domain.Person(b.pid("rev"))
	b.add(domain.OpenReviewProceeding{ProceedingID: b.id("proceeding", "rev"), Subject: rev, Kind: domain.ProceedingInspection,
		Description: "Kiểm tra việc giải quyết tin báo, tố giác tội phạm năm 2024"}, b.asUnit("ls"), b.illus("35/QĐ-VKS", "2025-04-10", issuerLS), "Mở cuộc kiểm tra")
	b.on("2025-05-15")
	b.add(domain.CloseReviewProceeding{ProceedingID: b.id("proceeding", "rev"), Subject: rev, Outcome: "Có vi phạm trong năm 2024", ViolationFound: true},
		b.asUnit("ls"), b.illus("40/KL-VKS", "2025-05-15", issuerLS), "Kết luận kiểm tra")
	b.add(domain.ImposeDiscipline{DisciplineID: b.id("discipline", "rev"), PersonID: rev.ID, Form: domain.DisciplineReprimand, ViolationYear: 2024,
		DecisionNo: b.doc("41/QĐ-VKS"), EndsOn: b.date("2025-11-15")}, b.asUnit("ls"), b.illus("41/QĐ-VKS", "2025-05-15", issuerLS), "Kỷ luật khiển trách")
	b.rate(rev, "rev-2024-revised", 2024, domain.RatingCompleted, b.id("rating", "rev-2024"), b.asUnit("ls"))
	b.on("2025-05-20")
	dec := b.id("decision", "ls-2024")
	awards := []string{domain.AwardID(dec, b.proposalID("cstdcs24:rev")), domain.AwardID(dec, b.proposalID("ldtt24:rev"))}
	b.refuse(domain.RevokeAward{DecisionID: dec, AwardIDs: awards, RevokingDecisionNo: b.doc("45/QĐ-VKS")}, b.asUnit("ls"), "R25", domain.EINVALID,
		"Hủy bỏ khen thưởng phải nêu căn cứ tại khoản 2 Điều 93 và ghi nhận việc thu hồi hiện vật, tiền thưởng")
	yes, cash := true, int64(2_340_000+702_000)
	b.add(domain.RevokeAward{DecisionID: dec, AwardIDs: awards, RevokingDecisionNo: b.doc("45/QĐ-VKS"), Ground: domain.GroundViolationFound,
		InsigniaRecovered: &yes, CashRecoveredVND: &cash}, b.asUnit("ls"), b.illus("45/QĐ-VKS", "2025-05-20", issuerLS),
		"Hủy bỏ danh hiệu Chiến sĩ thi đua cơ sở và Lao động tiên tiến năm 2024; thu hồi giấy chứng nhận và tiền thưởng")
	b.on("2025-06-10")
	b.decide("cocp24", "tc", "Thủ tướng Chính phủ", b.illus("1050/QĐ-TTg", "2025-06-10", "Thủ tướng Chính phủ"), 0,
		"Tặng Cờ thi đua của Chính phủ năm 2024 (quyết định của Thủ tướng Chính phủ, ghi nhận qua VKSND tối cao)",
		b.itemCouncilBallot("cocp24", "nganh", b.id("ballot", "cocp24")))
}

func (b *builder) nganh2025(afterReform bool) []domain.CouncilMember {
	cc1, cc3 := "Viện trưởng VKSND cấp cao tại Hà Nội", "Viện trưởng VKSND cấp cao tại TP HCM"
	if afterReform {
		cc1, cc3 = "Viện trưởng Viện Công tố và Kiểm sát xét xử phúc thẩm tại Hà Nội", "Viện trưởng Viện Công tố và Kiểm sát xét xử phúc thẩm tại TP HCM"
	}
	ms := []domain.CouncilMember{
		b.member("head:tc", domain.RoleChair, "Viện trưởng VKSND tối cao"),
		b.member("pvt1", domain.RoleStandingViceChair, "Phó Viện trưởng thường trực VKSND tối cao"),
		b.member("pvt2", domain.RoleViceChair, "Phó Viện trưởng VKSND tối cao"),
		b.member("head:vp", domain.RoleStandingMember, "Chánh Văn phòng VKSND tối cao"),
		b.member("head:v16", domain.RoleMember, "Phó Chánh Văn phòng, phụ trách công tác thi đua, khen thưởng"),
		b.member("head:v15", domain.RoleMember, "Vụ trưởng Vụ Tổ chức cán bộ"),
		b.member("head:tt", domain.RoleMember, "Chánh Thanh tra VKSND tối cao"),
		b.member("head:cc1", domain.RoleMember, cc1),
		b.member("head:cc3", domain.RoleMember, cc3),
		b.member("head:bvpl", domain.RoleMember, "Tổng Biên tập Báo Bảo vệ pháp luật"),
	}
	if afterReform {
		ms = append(ms, b.member("head:c2", domain.RoleMember, "Cục trưởng Cục Thống kê tội phạm và Chuyển đổi số"))
	}
	return append(ms, b.member("v16_pvt", domain.RoleSecretary, "Trưởng phòng Thi đua - Khen thưởng"))
}

// ---------------------------------------------------------------------------
// 1/7/2025: Luật 82/2025/QH15 and NQ 84/2025/UBTVQH15.

func (b *builder) reform2025() {
	b.on("2025-07-01")
	luat82 := b.act("82/2025/QH15", "2025-06-24", "Quốc hội")
	nq84 := b.act("84/2025/UBTVQH15", "2025-06-27", "Ủy ban Thường vụ Quốc hội")
	nq1745 := b.illus("1745/NQ-UBTVQH15", "2025-06-27", "Ủy ban Thường vụ Quốc hội")
	for i, d := range appellateInstitutes {
		cc := highProcuracies[i].key
		b.establish(d, nq1745, "Thành lập "+d.name)
		b.transfer("head:"+cc, d.key, nq1745, "Điều động Viện trưởng sang "+d.short)
		b.units[d.key].head = "head:" + cc
		b.dissolve(cc, []string{d.key}, "VKSND cấp cao kết thúc hoạt động từ 01/7/2025 (Luật 82/2025/QH15)", luat82)
	}
	b.add(domain.RenameUnit{UnitID: b.uid("c2"), NewName: "Cục Thống kê tội phạm và Chuyển đổi số"}, b.asOffice(), nq1745, "Đổi tên Cục 2")
	b.units["c2"].name = "Cục Thống kê tội phạm và Chuyển đổi số"
	for _, m := range mergers {
		b.establish(m.result, nq84, "Thành lập "+m.result.name+" trên cơ sở hợp nhất")
		b.add(domain.MergeUnits{ResultUnitID: b.uid(m.result.key), SourceUnitIDs: b.uids(m.sources...), Mode: domain.MergeConsolidation,
			TitleSuccessionPolicy: "Danh hiệu của các đơn vị trước hợp nhất được ghi nhận trong lịch sử; việc tính liên tục cho đơn vị mới chờ quyết định chính sách (R-U3)"},
			b.asOffice(), nq84, "Hợp nhất các VKSND cấp tỉnh từ 01/7/2025")
		for i, s := range m.sources {
			b.transfer("head:"+s, m.result.key, nq84, "Điều động cán bộ lãnh đạo sang "+m.result.short)
			if i == 0 {
				b.units[m.result.key].head = "head:" + s
			}
		}
		for _, s := range m.sources {
			b.dissolve(s, []string{m.result.key}, "Hợp nhất vào "+m.result.short+" từ 01/7/2025", nq84)
		}
	}
	for _, p := range []string{"ag_pvt", "ag_cb"} {
		b.transfer(p, "ag2", nq84, "Điều động cán bộ sang VKSND tỉnh An Giang (mới)")
	}
	b.refuse(b.proposeCmd("ttldtt25:ag", domain.Unit(b.uid("ag")), domain.TitleAdvancedCollective, 2025, domain.BasisMerit, "ag2", domain.AwardLevelProvince),
		b.asUnit("ag2"), "R36", domain.EINVALID, "Đơn vị đã hợp nhất không được đề nghị khen thưởng mới: VKSND tỉnh An Giang (cũ) kết thúc hoạt động từ 01/7/2025")

	// Regional procuracies replace the district ones.
	successors := map[string][]string{}
	for _, r := range append(append([]region{}, regionsLS...), regionsAG...) {
		b.establish(r.def, nq84, "Thành lập "+r.def.name)
		for _, d := range r.districts {
			successors[d] = append(successors[d], r.def.key)
		}
	}
	b.add(domain.SplitUnit{SourceUnitID: b.uid(splitDistrict), ResultUnitIDs: b.uids(successors[splitDistrict]...),
		Allocation: "Địa bàn các xã phía bắc về khu vực 2, phía nam về khu vực 5"}, b.asUnit("ag2"), nq84, "Chia địa bàn VKSND huyện Châu Phú")
	for _, d := range append(append([]unitDef{}, districtsLS...), districtsAG...) {
		to := successors[d.key][0]
		b.transfer("head:"+d.key, to, nq84, "Điều động cán bộ sang "+b.units[to].short)
		if b.units[to].head == "" {
			b.units[to].head = "head:" + d.key
		}
	}
	for _, p := range []string{"star", "rev", "adhoc", "ag_author", "hold"} {
		to := successors[b.people[p].unit][0]
		b.transfer(p, to, nq84, "Điều động cán bộ sang "+b.units[to].short)
	}
	b.add(domain.WithdrawRegistration{RegistrationID: domain.RegistrationID(domain.Unit(b.uid("ag_pt")), 2025),
		Reason: "Đơn vị kết thúc hoạt động từ 01/7/2025"}, b.asUnit("ag2"), nil, "Rút đăng ký thi đua năm 2025")
	for _, d := range append(append([]unitDef{}, districtsLS...), districtsAG...) {
		b.dissolve(d.key, successors[d.key], "VKSND cấp huyện kết thúc hoạt động từ 01/7/2025 (Luật 82/2025/QH15)", luat82)
	}

	// Plans for the clusters after the reorganisation.
	after := b.clustersAfter()
	b.on("2025-07-03")
	b.add(domain.SubmitReorganizationPlan{PlanID: b.id("plan", "nganh-2025"), SubmitterUnitID: b.uid("vp"), RecipientCouncilID: b.councils["nganh"].id,
		Year: 2025, ProposedClusters: append(b.proposed(after[:3]), b.proposedCluster("c2_25", "ls", "cb", "tq2", "tn2")), DocNo: b.doc("520/BC-VP")},
		b.asOffice(), b.illus("520/BC-VP", "2025-07-03", "Văn phòng VKSND tối cao"), "Phương án tổ chức lại cụm, khối thi đua sau sắp xếp")
	b.add(domain.SubmitReorganizationPlan{PlanID: b.id("plan", "ls-2025"), SubmitterUnitID: b.uid("ls"), RecipientCouncilID: b.councils["nganh"].id,
		Year: 2025, ProposedClusters: b.proposed(after[3:4]), DocNo: b.doc("410/VKS-VP")},
		b.asUnit("ls"), b.illus("410/VKS-VP", "2025-07-03", issuerLS), "Phương án tổ chức lại cụm thi đua các VKSND khu vực của VKSND tỉnh Lạng Sơn")
	b.add(domain.SubmitReorganizationPlan{PlanID: b.id("plan", "ag-2025"), SubmitterUnitID: b.uid("ag2"), RecipientCouncilID: b.councils["nganh"].id,
		Year: 2025, ProposedClusters: b.proposed(after[4:5]), DocNo: b.doc("15/VKS-VP")},
		b.asUnit("ag2"), b.illus("15/VKS-VP", "2025-07-03", issuerAG), "Phương án tổ chức cụm thi đua các VKSND khu vực của VKSND tỉnh An Giang")
	b.on("2025-07-08")
	b.add(domain.DecideReorganizationPlan{PlanID: b.id("plan", "nganh-2025"), Decision: domain.PlanAmended, DecidedByUnitID: b.uid("tc"),
		Amendments: "Giữ Cụm thi đua số 2, điều chỉnh thành viên thay vì thành lập cụm mới; Cục Thống kê tội phạm và Chuyển đổi số chuyển sang Khối số 5"},
		b.asUnit("tc"), b.illus("280/QĐ-VKSTC", "2025-07-08", issuerTC), "Quyết định phương án tổ chức lại cụm, khối thi đua")
	for _, p := range []string{"ls-2025", "ag-2025"} {
		b.add(domain.DecideReorganizationPlan{PlanID: b.id("plan", p), Decision: domain.PlanApproved, DecidedByUnitID: b.uid("vp")}, b.asOffice(),
			b.illus("610/VP", "2025-07-08", "Văn phòng VKSND tối cao"), "Thường trực Hội đồng TĐKT ngành thống nhất phương án")
	}
	b.on("2025-07-09")
	b.reconstitute("nganh", b.nganh2025(true), b.illus("285/QĐ-VKSTC", "2025-07-09", issuerTC), "Kiện toàn Hội đồng TĐKT ngành sau sắp xếp tổ chức bộ máy")
	b.constitute("hd_ag2", "Hội đồng Thi đua - Khen thưởng Viện kiểm sát nhân dân tỉnh An Giang", domain.CouncilKindTDKT, "ag2", []domain.CouncilMember{
		b.member("head:ag", domain.RoleChair, "Viện trưởng VKSND tỉnh An Giang"),
		b.member("head:kg", domain.RoleStandingViceChair, "Phó Viện trưởng VKSND tỉnh An Giang"),
		b.member("ag_pvt", domain.RoleViceChair, "Phó Viện trưởng VKSND tỉnh An Giang"),
		b.member("head:ag_lx", domain.RoleMember, "Viện trưởng VKSND khu vực 1 - An Giang"),
		b.member("ag_cb", domain.RoleSecretary, "Chuyên viên Văn phòng"),
	}, b.illus("05/QĐ-VKS", "2025-07-09", issuerAG))

	b.on("2025-07-10")
	why := "Đơn vị kết thúc hoạt động, hợp nhất từ 01/7/2025"
	for _, u := range []string{"hg", "tq", "bk", "tn"} {
		b.removeFromCluster("c2_25", u, why)
	}
	b.assignToCluster("c2_25", "tq2")
	b.assignToCluster("c2_25", "tn2")
	b.add(domain.RenameCluster{ClusterID: b.clusters["c2_25"].id, NewName: "Cụm thi đua số 2 - các tỉnh miền núi phía Bắc", NewNumber: 2}, b.asOffice(), nil, "Đổi tên Cụm thi đua số 2")
	b.clusters["c2_25"].name = "Cụm thi đua số 2 - các tỉnh miền núi phía Bắc"
	for _, c := range after {
		basis := b.illus("280/QĐ-VKSTC", "2025-07-08", issuerTC)
		switch c.organizer {
		case "ls":
			basis = b.illus("410/VKS-VP", "2025-07-03", issuerLS)
		case "ag2":
			basis = b.illus("15/VKS-VP", "2025-07-03", issuerAG)
		}
		b.formCluster(c, basis)
	}
	b.moveUnit("hn", "c1_25", "c1b_25", "Tổ chức lại Cụm thi đua số 1 sau sắp xếp")
	b.moveUnit("c2", "k4_25", "k5_25", "Tổ chức lại khối thi đua sau sắp xếp")
	for _, ck := range []string{"c1_25", "c11_25", "c12_25", "c13_25", "ls_c1_25", "ls_c2_25", "ag_c1_25", "ag_c2_25"} {
		b.dissolveCluster(ck, "Các đơn vị thành viên hợp nhất hoặc kết thúc hoạt động từ 01/7/2025")
	}
	b.on("2025-07-14")
	for _, l := range [][3]string{{"c1b_25", "hn", "hcm2"}, {"k5_25", "pt1", "pt3"}, {"c9_25", "ag2", "cm2"}, {"ls_ckv_25", "ls_kv1", "ls_kv3"}, {"ag_ckv_25", "ag_kv1", "ag_kv2"}} {
		b.lead(l[0], l[1], l[2], domain.LeadershipDesignation, "", nil)
	}
	for _, x := range [][2]string{{"c1b_25", "pvt1"}, {"k5_25", "head:c2"}, {"c9_25", "head:tt"}} {
		b.assignInCharge("nganh", x[1], x[0])
	}
	b.on("2025-07-15")
	b.add(domain.HoldMovementReview{MovementID: b.id("movement", "2025"), Kind: domain.ReviewPreliminary,
		PeriodCovered: domain.Period{From: b.date("2025-01-01"), To: b.date("2025-06-30")}, ReportNo: b.doc("18/BC-VKSTC")},
		b.asOffice(), b.illus("18/BC-VKSTC", "2025-07-15", issuerTC), "Sơ kết 6 tháng đầu năm phong trào thi đua năm 2025")
	b.on("2025-07-18")
	for _, c := range after {
		if c.council != "" {
			b.covenant(c.key, []string{"Ổn định tổ chức, hoàn thành xuất sắc nhiệm vụ 6 tháng cuối năm 2025"})
			b.registerUnits(c.key, domain.TitleExcellentCollective, domain.TitleSectorEmulationFlag)
		} else {
			b.covenant(c.key, []string{"Ổn định tổ chức, hoàn thành các chỉ tiêu nghiệp vụ 6 tháng cuối năm 2025"})
			b.registerUnits(c.key, domain.TitleAdvancedCollective, domain.TitleExcellentCollective)
		}
	}
	for _, u := range []string{"tq2", "tn2"} {
		b.registered[u+"/2025"] = true
		b.add(domain.SubmitRegistration{Subject: domain.Unit(b.uid(u)), Year: 2025, Targets: []domain.AwardKind{domain.TitleExcellentCollective, domain.TitleSectorEmulationFlag},
			ViaClusterID: b.clusters["c2_25"].id}, b.asCluster("c2_25"), nil, "Đăng ký thi đua năm 2025 của "+b.units[u].short)
	}
	b.on("2025-07-20")
	b.publishScheme("tinh", "Bảng 1 - Tiêu chí chấm điểm, xếp loại thi đua VKSND cấp tỉnh (điều chỉnh sau sắp xếp)", provinceItems(), b.illus("275/QĐ-VKSTC", "2025-07-20", issuerTC))
	b.publishScheme("khuvuc", "Bảng chấm điểm thi đua VKSND khu vực", provinceItems(), b.illus("275/QĐ-VKSTC", "2025-07-20", issuerTC))
	// The sector initiative council, kiện toàn by QĐ 19/QĐ-VKSTC of 22/7/2025.
	b.on("2025-07-22")
	b.reconstitute("sk_nganh", []domain.CouncilMember{
		b.member("pvt2", domain.RoleChair, "Phó Viện trưởng VKSND tối cao"),
		b.member("head:v14", domain.RoleViceChair, "Vụ trưởng Vụ Pháp chế và Quản lý khoa học"),
		b.member("head:vp", domain.RoleStandingMember, "Chánh Văn phòng VKSND tối cao"),
		b.member("head:vkhks", domain.RoleMember, "Viện trưởng Viện Khoa học kiểm sát"),
		b.member("head:v15", domain.RoleMember, "Vụ trưởng Vụ Tổ chức cán bộ"),
		b.member("head:c2", domain.RoleMember, "Cục trưởng Cục Thống kê tội phạm và Chuyển đổi số"),
		b.member("head:bvpl", domain.RoleMember, "Tổng Biên tập Báo Bảo vệ pháp luật"),
		b.member("v16_pvt", domain.RoleSecretary, "Trưởng phòng Thi đua - Khen thưởng"),
	}, b.act("19/QĐ-VKSTC", "2025-07-22", issuerTC), "Kiện toàn Hội đồng xét, đề nghị công nhận sáng kiến ngành Kiểm sát nhân dân")
}

// clustersAfter are the clusters formed after 1/7/2025 (illustrative).
func (b *builder) clustersAfter() []*clusterInfo {
	return []*clusterInfo{
		b.sectorCluster("c1b_25", "Cụm thi đua số 1 - các thành phố trực thuộc Trung ương", domain.ClusterKindCluster, 1, 2025, "tinh", "hcm2", "ct2"),
		b.sectorCluster("k5_25", "Khối thi đua số 5", domain.ClusterKindBlock, 5, 2025, "khoi", "pt1", "pt2", "pt3"),
		b.sectorCluster("c9_25", "Cụm thi đua số 9 - các tỉnh Nam Bộ", domain.ClusterKindCluster, 9, 2025, "tinh", "dn2", "tni2", "dt2", "vl2", "ag2", "cm2"),
		b.localCluster("ls_ckv_25", "Cụm thi đua các VKSND khu vực - VKSND tỉnh Lạng Sơn", domain.ClusterKindCluster, 1, 2025, "ls", "khuvuc", "ls_kv1", "ls_kv2", "ls_kv3", "ls_kv4", "ls_kv5"),
		b.localCluster("ag_ckv_25", "Cụm thi đua các VKSND khu vực - VKSND tỉnh An Giang", domain.ClusterKindCluster, 1, 2025, "ag2", "khuvuc", "ag_kv1", "ag_kv2", "ag_kv3", "ag_kv4", "ag_kv5"),
	}
}

func (b *builder) proposedCluster(ck string, members ...string) domain.ProposedCluster {
	c := b.clusters[ck]
	return domain.ProposedCluster{Kind: c.kind, Name: c.name, MemberUnitIDs: b.uids(members...)}
}
