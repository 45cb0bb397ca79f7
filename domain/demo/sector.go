package demo

import (
	"errors"
	"strings"

	"github.com/tdkt/tdkt/domain"
)

// Sector returns the demo sector's script, deterministic from seed: the
// same seed gives the same steps (ids, names, scores), another seed other
// ids, names and scores. The steps are in date order; replayed in order
// through the deciders (Replay) every step succeeds except the intended
// failures, which fail with their rule. The error is non-nil only if the
// script itself is malformed (a bug in this package).
func Sector(seed int64) ([]Step, error) {
	b := newBuilder(seed)
	b.opening()
	b.early2024()
	b.clusters2024()
	b.midYear2024()
	b.yearEnd2024()
	b.early2025()
	b.reform2025()
	b.late2025()
	if len(b.errs) > 0 {
		return nil, errors.Join(b.errs...)
	}
	return b.steps, nil
}

const (
	issuerTC = "Viện trưởng VKSND tối cao"
	issuerLS = "VKSND tỉnh Lạng Sơn"
	issuerAG = "VKSND tỉnh An Giang"
)

var (
	theme2024 = "Đoàn kết, gương mẫu, trách nhiệm, vượt khó, hoàn thành xuất sắc nhiệm vụ"
	theme2025 = "Đoàn kết, đổi mới, trách nhiệm, vượt khó, hiệu quả, hoàn thành xuất sắc nhiệm vụ năm 2025"
)

// ---------------------------------------------------------------------------
// 15/12/2023: the ledger opens with the sector as it stands.

func (b *builder) opening() {
	b.on("2023-12-15")
	b.establish(unitDef{"tc", "Viện kiểm sát nhân dân tối cao", "VKSND tối cao", domain.LevelSupreme, domain.UnitKindProcuracy, "", ""}, nil, "")
	b.recruitHead("tc", "Viện trưởng VKSND tối cao")
	b.recruit("pvt1", "tc", "Phó Viện trưởng thường trực VKSND tối cao")
	b.recruit("pvt2", "tc", "Phó Viện trưởng VKSND tối cao")
	for _, d := range supremeDepts {
		b.establish(d, nil, "")
		b.recruitHead(d.key, d.headTitle)
	}
	b.recruit("v16_pvt", "v16", "Phó Vụ trưởng Vụ Thi đua - Khen thưởng")
	b.recruit("v16_cb", "v16", "Chuyên viên chính Vụ Thi đua - Khen thưởng")
	for _, d := range highProcuracies {
		b.establish(d, nil, "")
		b.recruitHead(d.key, d.headTitle)
	}
	for _, d := range provincesBefore {
		b.establish(d, nil, "")
		b.recruitHead(d.key, d.headTitle)
	}
	for _, d := range append(append(append([]unitDef{}, districtsLS...), districtsAG...), divisionsLS...) {
		b.establish(d, nil, "")
		b.recruitHead(d.key, d.headTitle)
	}
	// Staff the story follows.
	b.recruit("ls_pvt", "ls", "Phó Viện trưởng VKSND tỉnh Lạng Sơn")
	b.recruit("ls_cb", "ls_vp", "Chuyên viên làm công tác thi đua, khen thưởng")
	b.recruit("star", "ls_hl", "Kiểm sát viên trung cấp")
	b.recruit("rev", "ls_tp", "Kiểm sát viên sơ cấp")
	b.recruit("cand2", "ls_p1", "Kiểm sát viên trung cấp")
	b.recruit("ls_s1", "ls_p1", "Kiểm sát viên sơ cấp")
	b.recruit("ls_s2", "ls_p9", "Kiểm tra viên")
	b.recruit("ls_mat", "ls_vp", "Chuyên viên")
	b.recruit("ls_sec", "ls_p1", "Kiểm tra viên chính")
	b.recruit("adhoc", "ls_lb", "Kiểm sát viên sơ cấp")
	b.recruit("ag_pvt", "ag", "Phó Viện trưởng VKSND tỉnh An Giang")
	b.recruit("ag_cb", "ag", "Chuyên viên làm công tác thi đua, khen thưởng")
	b.recruit("ag_author", "ag_ct", "Kiểm sát viên sơ cấp")
	b.recruit("hold", "ag_cd", "Kiểm tra viên")

	// Councils.
	b.constitute("nganh", "Hội đồng Thi đua - Khen thưởng ngành Kiểm sát nhân dân", domain.CouncilKindTDKT, "tc", b.nganh2024(),
		b.illus("120/QĐ-VKSTC", "2023-05-15", issuerTC))
	b.add(domain.DesignateStandingOffice{CouncilID: b.councils["nganh"].id, OfficeUnitID: b.uid("v16")}, b.asUnit("tc"),
		b.illus("120/QĐ-VKSTC", "2023-05-15", issuerTC), "Thường trực Hội đồng TĐKT ngành: Vụ Thi đua - Khen thưởng (Vụ 16)")
	b.office, b.officer = "v16", "v16_cb"
	b.constitute("sk_nganh", "Hội đồng xét, đề nghị công nhận sáng kiến ngành Kiểm sát nhân dân", domain.CouncilKindInitiative, "tc", []domain.CouncilMember{
		b.member("pvt2", domain.RoleChair, "Phó Viện trưởng VKSND tối cao"),
		b.member("head:v14", domain.RoleViceChair, "Vụ trưởng Vụ Pháp chế và Quản lý khoa học"),
		b.member("head:vp", domain.RoleStandingMember, "Chánh Văn phòng VKSND tối cao"),
		b.member("head:vkhks", domain.RoleMember, "Viện trưởng Viện Khoa học kiểm sát"),
		b.member("head:v15", domain.RoleMember, "Vụ trưởng Vụ Tổ chức cán bộ"),
		b.member("head:c2", domain.RoleMember, "Cục trưởng Cục Thống kê tội phạm và Công nghệ thông tin"),
		b.member("v16_pvt", domain.RoleSecretary, "Phó Vụ trưởng Vụ Thi đua - Khen thưởng"),
	}, b.illus("121/QĐ-VKSTC", "2023-05-15", issuerTC))
	b.constitute("hd_ls", "Hội đồng Thi đua - Khen thưởng Viện kiểm sát nhân dân tỉnh Lạng Sơn", domain.CouncilKindTDKT, "ls", b.lsCouncil(false),
		b.illus("45/QĐ-VKS", "2023-03-01", issuerLS))
	b.constitute("sk_ls", "Hội đồng xét, công nhận sáng kiến Viện kiểm sát nhân dân tỉnh Lạng Sơn", domain.CouncilKindInitiative, "ls", []domain.CouncilMember{
		b.member("ls_pvt", domain.RoleChair, "Phó Viện trưởng VKSND tỉnh Lạng Sơn"),
		b.member("head:ls_p1", domain.RoleViceChair, "Trưởng phòng 1"),
		b.member("head:ls_vp", domain.RoleStandingMember, "Chánh Văn phòng"),
		b.member("head:ls_p9", domain.RoleMember, "Trưởng phòng 9"),
		b.member("head:ls_tt", domain.RoleMember, "Chánh Thanh tra"),
		b.member("ls_cb", domain.RoleSecretary, "Chuyên viên Văn phòng"),
	}, b.illus("46/QĐ-VKS", "2023-03-01", issuerLS))
	b.constitute("hd_ag", "Hội đồng Thi đua - Khen thưởng Viện kiểm sát nhân dân tỉnh An Giang", domain.CouncilKindTDKT, "ag", []domain.CouncilMember{
		b.member("head:ag", domain.RoleChair, "Viện trưởng VKSND tỉnh An Giang"),
		b.member("ag_pvt", domain.RoleStandingViceChair, "Phó Viện trưởng VKSND tỉnh An Giang"),
		b.member("head:ag_lx", domain.RoleMember, "Viện trưởng VKSND thành phố Long Xuyên"),
		b.member("head:ag_cd", domain.RoleMember, "Viện trưởng VKSND thành phố Châu Đốc"),
		b.member("ag_cb", domain.RoleSecretary, "Chuyên viên Văn phòng"),
	}, b.illus("30/QĐ-VKS", "2023-02-01", issuerAG))
	b.constitute("sk_ag", "Hội đồng xét, công nhận sáng kiến Viện kiểm sát nhân dân tỉnh An Giang", domain.CouncilKindInitiative, "ag", []domain.CouncilMember{
		b.member("ag_pvt", domain.RoleChair, "Phó Viện trưởng VKSND tỉnh An Giang"),
		b.member("head:ag_lx", domain.RoleViceChair, "Viện trưởng VKSND thành phố Long Xuyên"),
		b.member("head:ag_cd", domain.RoleMember, "Viện trưởng VKSND thành phố Châu Đốc"),
		b.member("head:ag_tt", domain.RoleMember, "Viện trưởng VKSND huyện Tri Tôn"),
		b.member("ag_cb", domain.RoleSecretary, "Chuyên viên Văn phòng"),
	}, b.illus("31/QĐ-VKS", "2023-02-01", issuerAG))

	// Cụm số 1 of An Giang in 2023 (cụm trưởng Phú Tân, cụm phó Châu
	// Thành, as the sector press reported), recorded so the 2024 rotation
	// can be checked against it (R27).
	b.formCluster(&clusterInfo{key: "ag_c1_23", name: "Cụm thi đua số 1 - VKSND tỉnh An Giang", kind: domain.ClusterKindCluster, number: 1, year: 2023,
		organizer: "ag", scheme: "huyen", members: []string{"ag_pt", "ag_ct", "ag_ap", "ag_tc", "ag_cm", "ag_cp"}}, nil)
	b.lead("ag_c1_23", "ag_pt", "ag_ct", domain.LeadershipElection, "", nil)

	// Movements running when the ledger opens.
	b.add(domain.LaunchMovement{MovementID: b.id("movement", "cong-minh"), Kind: domain.MovementThematic, Scope: domain.MovementScopeSector,
		LaunchedByUnitID: b.uid("tc"),
		Theme:            "Rèn luyện theo lời dạy của Chủ tịch Hồ Chí Minh “Công minh, Chính trực, Khách quan, Thận trọng, Khiêm tốn” gắn với phong trào “Cán bộ, công chức, viên chức ngành Kiểm sát nhân dân thi đua thực hiện văn hóa công sở”",
		Period:           domain.Period{From: b.date("2019-01-01"), To: b.date("2025-12-31")}}, b.asOffice(), nil,
		"Phong trào thi đua theo chuyên đề giai đoạn 2019 - 2025 (ghi nhận đầu kỳ)")
	b.on("2023-12-18")
	b.add(domain.LaunchMovement{MovementID: b.id("movement", "2024"), Kind: domain.MovementRegular, Scope: domain.MovementScopeSector,
		LaunchedByUnitID: b.uid("tc"), Theme: theme2024,
		Period:   domain.Period{From: b.date("2024-01-01"), To: b.date("2024-12-31")},
		Criteria: []string{"Thực hiện 6 nội dung trọng tâm của Chỉ thị số 01/CT-VKSTC ngày 18/12/2023", "Chỉ tiêu nghiệp vụ theo Quyết định số 139/QĐ-VKSTC"}},
		b.asOffice(), b.act("02/CT-VKSTC", "2023-12-18", issuerTC), "Phát động phong trào thi đua năm 2024 của ngành Kiểm sát nhân dân")
}

func (b *builder) nganh2024() []domain.CouncilMember {
	return []domain.CouncilMember{
		b.member("head:tc", domain.RoleChair, "Viện trưởng VKSND tối cao"),
		b.member("pvt1", domain.RoleStandingViceChair, "Phó Viện trưởng thường trực VKSND tối cao"),
		b.member("pvt2", domain.RoleViceChair, "Phó Viện trưởng VKSND tối cao"),
		b.member("head:v16", domain.RoleStandingMember, "Vụ trưởng Vụ Thi đua - Khen thưởng"),
		b.member("head:vp", domain.RoleMember, "Chánh Văn phòng VKSND tối cao"),
		b.member("head:v15", domain.RoleMember, "Vụ trưởng Vụ Tổ chức cán bộ"),
		b.member("head:tt", domain.RoleMember, "Chánh Thanh tra VKSND tối cao"),
		b.member("head:c3", domain.RoleMember, "Cục trưởng Cục Kế hoạch - Tài chính"),
		b.member("head:cc1", domain.RoleMember, "Viện trưởng VKSND cấp cao tại Hà Nội"),
		b.member("head:cc3", domain.RoleMember, "Viện trưởng VKSND cấp cao tại TP HCM"),
		b.member("v16_pvt", domain.RoleSecretary, "Phó Vụ trưởng Vụ Thi đua - Khen thưởng"),
	}
}

func (b *builder) lsCouncil(withP9 bool) []domain.CouncilMember {
	ms := []domain.CouncilMember{
		b.member("head:ls", domain.RoleChair, "Viện trưởng VKSND tỉnh Lạng Sơn"),
		b.member("ls_pvt", domain.RoleStandingViceChair, "Phó Viện trưởng VKSND tỉnh Lạng Sơn"),
		b.member("head:ls_vp", domain.RoleStandingMember, "Chánh Văn phòng"),
		b.member("head:ls_p1", domain.RoleMember, "Trưởng phòng 1"),
		b.member("head:ls_tt", domain.RoleMember, "Chánh Thanh tra"),
	}
	if withP9 {
		ms = append(ms, b.member("head:ls_p9", domain.RoleMember, "Trưởng phòng 9"))
	}
	return append(ms, b.member("ls_cb", domain.RoleSecretary, "Chuyên viên Văn phòng"))
}

// ---------------------------------------------------------------------------
// January–February 2024.

func (b *builder) early2024() {
	b.on("2024-01-03")
	b.add(domain.LaunchMovement{MovementID: b.id("movement", "cds"), Kind: domain.MovementThematic, Scope: domain.MovementScopeSector,
		LaunchedByUnitID: b.uid("tc"), Theme: "Chuyển đổi số trong ngành Kiểm sát nhân dân",
		Period: domain.Period{From: b.date("2024-01-01"), To: b.date("2025-12-31")}}, b.asOffice(),
		b.illus("05/KH-VKSTC", "2024-01-03", issuerTC), "Phát động phong trào thi đua chuyên đề “Chuyển đổi số trong ngành Kiểm sát nhân dân”")
	b.on("2024-01-05")
	b.add(domain.AdoptEmulationPlan{PlanID: b.id("emulationplan", "ls-2024"), UnitID: b.uid("ls"), Year: 2024, DocNo: b.doc("16/KH-VKS"),
		Targets: []string{"100% đơn vị đăng ký thi đua", "Hoàn thành vượt mức các chỉ tiêu nghiệp vụ theo Nghị quyết của Quốc hội"}},
		b.asUnit("ls"), b.illus("16/KH-VKS", "2024-01-05", issuerLS), "Kế hoạch công tác thi đua, khen thưởng năm 2024 của VKSND tỉnh Lạng Sơn")
	for _, u := range []string{"ls", "ag", "hn", "c2"} {
		b.add(domain.AdoptMovement{MovementID: b.id("movement", "2024"), UnitID: b.uid(u)}, b.asUnit(u), nil, b.units[u].short+" hưởng ứng phong trào thi đua năm 2024")
	}
	for _, u := range []string{"c2", "ls"} {
		b.add(domain.AdoptMovement{MovementID: b.id("movement", "cds"), UnitID: b.uid(u)}, b.asUnit(u), nil, b.units[u].short+" hưởng ứng phong trào “Chuyển đổi số”")
	}

	// Titles for 2023, decided in January 2024 by VKSND tỉnh Lạng Sơn: the
	// first of the three consecutive CSTĐCS the story's Kiểm sát viên needs.
	b.on("2024-01-08")
	b.rate(domain.Person(b.pid("star")), "star-2023", 2023, domain.RatingExcellent, "", b.asUnit("ls"))
	b.rate(domain.Person(b.pid("ls_s1")), "ls_s1-2023", 2023, domain.RatingGood, "", b.asUnit("ls"))
	b.on("2024-01-09")
	b.propose("cstdcs23:star", domain.Person(b.pid("star")), domain.TitleGrassrootsEmulationFighter, 2023, domain.BasisMerit, "ls_hl", domain.AwardLevelProvince)
	b.propose("ldtt23:star", domain.Person(b.pid("star")), domain.TitleAdvancedWorker, 2023, domain.BasisMerit, "ls_hl", domain.AwardLevelProvince)
	b.propose("ldtt23:ls_s1", domain.Person(b.pid("ls_s1")), domain.TitleAdvancedWorker, 2023, domain.BasisMerit, "ls_p1", domain.AwardLevelProvince)
	b.on("2024-01-12")
	b.meeting("hd_ls", "ls-2024-01", []string{"Xét danh hiệu thi đua năm 2023"})
	b.decide("ls-2023", "ls", "Viện trưởng VKSND tỉnh Lạng Sơn", b.illus("05/QĐ-VKS", "2024-01-12", issuerLS), 0,
		"Quyết định tặng danh hiệu thi đua năm 2023", b.item("cstdcs23:star"), b.item("ldtt23:star"), b.item("ldtt23:ls_s1"))

	b.on("2024-02-20")
	b.reconstitute("hd_ls", b.lsCouncil(true), b.illus("20/QĐ-VKS", "2024-02-20", issuerLS),
		"Kiện toàn Hội đồng Thi đua - Khen thưởng VKSND tỉnh Lạng Sơn (bổ sung Trưởng phòng 9)")
	b.on("2024-02-26")
	b.add(domain.PublishDeadlineSet{DeadlineSetID: b.id("deadlines", "2024"), Regime: domain.RegimeTT01_2019, Year: 2024,
		Deadlines: []domain.Deadline{
			{AwardKind: domain.TitleSectorEmulationFlag, Level: domain.AwardLevelSector, DueOn: b.date("2024-12-15")},
			{AwardKind: domain.TitleSectorEmulationFighter, Level: domain.AwardLevelSector, DueOn: b.date("2024-12-15")},
			{AwardKind: domain.TitleGovernmentEmulationFlag, Level: domain.AwardLevelState, DueOn: b.date("2025-01-31")},
		}, SourceDocNo: b.doc("03/HD-VKSTC")}, b.asOffice(), b.illus("03/HD-VKSTC", "2024-02-26", issuerTC),
		"Thời hạn gửi hồ sơ đề nghị khen thưởng năm 2024")
	b.on("2024-02-28")
	basis424 := b.act("424/QĐ-VKSTC", "2020-11-25", issuerTC)
	b.publishScheme("tinh", "Bảng 1 - Tiêu chí chấm điểm, xếp loại thi đua VKSND cấp tỉnh", provinceItems(), basis424)
	b.publishScheme("caocao", "Bảng 2 - Tiêu chí chấm điểm, xếp loại thi đua VKSND cấp cao", []domain.SchemeItem{
		item("I", "Công tác lãnh đạo, chỉ đạo, điều hành", 1000),
		item("II", "Thực hành quyền công tố, kiểm sát xét xử phúc thẩm, giám đốc thẩm, tái thẩm án hình sự", 4000),
		item("III", "Kiểm sát giải quyết các vụ, việc dân sự, hành chính theo thủ tục phúc thẩm, giám đốc thẩm, tái thẩm", 3000),
		item("IV", "Công tác xây dựng ngành, thi đua, khen thưởng", 2000),
		bonus("TH", "Điểm thưởng", 500), penalty("TR", "Điểm trừ", 500),
	}, basis424)
	b.publishScheme("khoi", "Bảng 3 - Tiêu chí chấm điểm, xếp loại thi đua các đơn vị thuộc VKSND tối cao", []domain.SchemeItem{
		item("I", "Thực hiện chức năng, nhiệm vụ được giao", 5000),
		item("II", "Công tác tham mưu, phối hợp", 2000),
		item("III", "Xây dựng đơn vị, thi đua, khen thưởng", 2000),
		item("IV", "Thực hiện giao ước thi đua của khối", 1000),
		bonus("TH", "Điểm thưởng", 500), penalty("TR", "Điểm trừ", 500),
	}, basis424)
	b.publishScheme("huyen", "Bảng chấm điểm thi đua VKSND cấp huyện và các phòng (áp dụng QĐ 424/QĐ-VKSTC)", provinceItems(), basis424)
}

func provinceItems() []domain.SchemeItem {
	return []domain.SchemeItem{
		item("I", "Công tác lãnh đạo, chỉ đạo, điều hành", 1000),
		item("II", "Thực hành quyền công tố, kiểm sát hoạt động tư pháp trong lĩnh vực hình sự", 3500),
		item("III", "Kiểm sát hoạt động tư pháp trong lĩnh vực dân sự, hành chính, thi hành án", 2500),
		item("IV", "Công tác xây dựng ngành, thi đua, khen thưởng", 2000),
		item("V", "Thực hiện giao ước thi đua của cụm", 1000),
		bonus("TH", "Điểm thưởng", 500), penalty("TR", "Điểm trừ", 500),
	}
}

// ---------------------------------------------------------------------------
// March–April 2024: clusters and blocks for 2024 (HD 09/HD-VKSTC of 1/3/2024).

func (b *builder) sectorCluster(key, name string, kind domain.ClusterKind, number, year int, scheme string, members ...string) *clusterInfo {
	return &clusterInfo{key: key, name: name, kind: kind, number: number, year: year, council: "nganh", scheme: scheme, members: members}
}

func (b *builder) localCluster(key, name string, kind domain.ClusterKind, number, year int, organizer, scheme string, members ...string) *clusterInfo {
	return &clusterInfo{key: key, name: name, kind: kind, number: number, year: year, organizer: organizer, scheme: scheme, members: members}
}

// sectorClusters2024 are the sector-organised clusters and blocks of 2024.
// Cụm 1, Cụm 13 and Khối 4 are as the sector press reported them; Khối 3
// and Cụm 2, 11, 12 are illustrative groupings of real units.
func (b *builder) sectorClusters(year int) []*clusterInfo {
	y := "_" + itoa(year%100)
	k3 := []string{"v14", "v16", "vkhks", "bvpl"}
	if year == 2025 {
		k3 = []string{"v14", "vkhks", "bvpl"} // Vụ 16 became a phòng of Văn phòng
	}
	return []*clusterInfo{
		b.sectorCluster("k3"+y, "Khối thi đua số 3", domain.ClusterKindBlock, 3, year, "khoi", k3...),
		b.sectorCluster("k4"+y, "Khối thi đua số 4", domain.ClusterKindBlock, 4, year, "khoi", "tt", "c2", "v15", "vp", "c3"),
		b.sectorCluster("c1"+y, "Cụm thi đua số 1", domain.ClusterKindCluster, 1, year, "tinh", "cc1", "cc2", "cc3", "hn", "hcm"),
		b.sectorCluster("c2"+y, "Cụm thi đua số 2", domain.ClusterKindCluster, 2, year, "tinh", "ls", "cb", "hg", "tq", "bk", "tn"),
		b.sectorCluster("c11"+y, "Cụm thi đua số 11", domain.ClusterKindCluster, 11, year, "tinh", "bd", "brvt", "dn", "bp", "tni", "la"),
		b.sectorCluster("c12"+y, "Cụm thi đua số 12", domain.ClusterKindCluster, 12, year, "tinh", "ag", "dt", "tg", "vl", "ct", "hgi"),
		b.sectorCluster("c13"+y, "Cụm thi đua số 13", domain.ClusterKindCluster, 13, year, "tinh", "tv", "st", "bt", "bl", "cm", "kg"),
	}
}

func (b *builder) localClusters(year int) []*clusterInfo {
	y := "_" + itoa(year%100)
	return []*clusterInfo{
		b.localCluster("ls_c1"+y, "Cụm thi đua số 1 - VKSND tỉnh Lạng Sơn", domain.ClusterKindCluster, 1, year, "ls", "huyen", "ls_tp", "ls_cl", "ls_lb", "ls_dl", "ls_chl", "ls_hl"),
		b.localCluster("ls_c2"+y, "Cụm thi đua số 2 - VKSND tỉnh Lạng Sơn", domain.ClusterKindCluster, 2, year, "ls", "huyen", "ls_bs", "ls_bg", "ls_vq", "ls_td", "ls_vla"),
		b.localCluster("ls_k"+y, "Khối thi đua các phòng - VKSND tỉnh Lạng Sơn", domain.ClusterKindBlock, 1, year, "ls", "huyen", "ls_vp", "ls_p1", "ls_p9", "ls_tt"),
		b.localCluster("ag_c1"+y, "Cụm thi đua số 1 - VKSND tỉnh An Giang", domain.ClusterKindCluster, 1, year, "ag", "huyen", "ag_pt", "ag_ct", "ag_ap", "ag_tc", "ag_cm", "ag_cp"),
		b.localCluster("ag_c2"+y, "Cụm thi đua số 2 - VKSND tỉnh An Giang", domain.ClusterKindCluster, 2, year, "ag", "huyen", "ag_lx", "ag_cd", "ag_tb", "ag_ts", "ag_tt"),
	}
}

func (b *builder) proposed(cs []*clusterInfo) []domain.ProposedCluster {
	var out []domain.ProposedCluster
	for _, c := range cs {
		out = append(out, domain.ProposedCluster{Kind: c.kind, Name: c.name, MemberUnitIDs: b.uids(c.members...)})
	}
	return out
}

func (b *builder) clusters2024() {
	b.on("2024-03-01")
	hd09 := b.act("09/HD-VKSTC", "2024-03-01", issuerTC)
	for _, c := range b.sectorClusters(2024) {
		b.formCluster(c, hd09)
	}
	b.registerPerson("star", 2024, domain.TitleAdvancedWorker, domain.TitleGrassrootsEmulationFighter)
	b.registerPerson("rev", 2024, domain.TitleAdvancedWorker, domain.TitleGrassrootsEmulationFighter)
	b.registerPerson("cand2", 2024, domain.TitleAdvancedWorker, domain.TitleGrassrootsEmulationFighter)
	b.registerPerson("ls_s1", 2024, domain.TitleAdvancedWorker)
	b.registerPerson("ls_mat", 2024, domain.TitleAdvancedWorker)
	b.add(domain.RecordLeave{PersonID: b.pid("ls_mat"), LeaveID: b.id("leave", "ls_mat"), Period: domain.Period{From: b.date("2024-03-01"), To: b.date("2024-08-31")},
		Reason: domain.LeaveMaternity, Note: "Nghỉ thai sản theo chế độ; thời gian nghỉ được tính để xét thi đua"}, b.asUnit("ls_vp"), nil, "Nghỉ thai sản")

	// Lạng Sơn's plan: CV 317/VKS-VP of 11/3/2024, 02 cụm + 01 khối.
	local := b.localClusters(2024)
	b.on("2024-03-11")
	b.add(domain.SubmitReorganizationPlan{PlanID: b.id("plan", "ls-2024"), SubmitterUnitID: b.uid("ls"), RecipientCouncilID: b.councils["nganh"].id,
		Year: 2024, ProposedClusters: b.proposed(local[:3]), DocNo: b.doc("317/VKS-VP")}, b.asUnit("ls"),
		b.act("317/VKS-VP", "2024-03-11", issuerLS), "Báo cáo phương án tổ chức lại cụm, khối thi đua của VKSND tỉnh Lạng Sơn gửi Thường trực Hội đồng TĐKT ngành")
	b.on("2024-03-12")
	b.add(domain.SubmitReorganizationPlan{PlanID: b.id("plan", "ag-2024"), SubmitterUnitID: b.uid("ag"), RecipientCouncilID: b.councils["nganh"].id,
		Year: 2024, ProposedClusters: b.proposed(local[3:]), DocNo: b.doc("112/VKS-VP")}, b.asUnit("ag"),
		b.illus("112/VKS-VP", "2024-03-12", issuerAG), "Báo cáo phương án tổ chức lại cụm, khối thi đua của VKSND tỉnh An Giang")
	b.on("2024-03-14")
	for _, p := range []string{"ls-2024", "ag-2024"} {
		b.add(domain.DecideReorganizationPlan{PlanID: b.id("plan", p), Decision: domain.PlanApproved, DecidedByUnitID: b.uid("v16")}, b.asOffice(),
			b.illus("85/V16", "2024-03-14", "Vụ Thi đua - Khen thưởng"), "Thường trực Hội đồng TĐKT ngành thống nhất phương án")
	}
	b.on("2024-03-15")
	for _, c := range local {
		if c.key == "ag_c2_24" {
			// The first draft put Châu Phú in both clusters of An Giang.
			bad := *c
			bad.members = append([]string{"ag_cp"}, c.members...)
			b.refuse(domain.FormCluster{ClusterID: b.id("cluster", c.key), Kind: c.kind, Name: c.name, Number: c.number, Year: c.year,
				OrganizerUnitID: b.uid("ag"), MemberUnitIDs: b.uids(bad.members...)}, b.asUnit("ag"), "", domain.ECONFLICT,
				"Một đơn vị chỉ ở một cụm thi đua mỗi năm: VKSND huyện Châu Phú đã thuộc Cụm số 1")
		}
		basis := b.act("317/VKS-VP", "2024-03-11", issuerLS)
		if c.organizer == "ag" {
			basis = b.illus("112/VKS-VP", "2024-03-12", issuerAG)
		}
		b.formCluster(c, basis)
	}

	// 19/3/2024: Cụm 1 elects its leader and deputy; the others the same
	// month.
	b.on("2024-03-19")
	leads := [][3]string{
		{"k3_24", "v14", "vkhks"}, {"k4_24", "tt", "c2"}, {"c1_24", "cc3", "hn"}, {"c2_24", "tn", "ls"},
		{"c11_24", "bd", "dn"}, {"c12_24", "ct", "ag"}, {"c13_24", "tv", "st"},
		{"ls_c1_24", "ls_tp", "ls_hl"}, {"ls_c2_24", "ls_td", "ls_vla"}, {"ls_k_24", "ls_vp", "ls_p1"},
		{"ag_c2_24", "ag_lx", "ag_tt"},
	}
	for _, l := range leads {
		b.lead(l[0], l[1], l[2], domain.LeadershipElection, "", nil)
	}
	b.lead("ag_c1_24", "ag_ct", "ag_cm", domain.LeadershipElection, "ag_c1_23", nil)
	c13 := b.clusters["c13_24"]
	b.refuse(domain.AssignClusterLeadership{ClusterID: c13.id, Year: 2024, LeaderUnitID: b.uid("st"), DeputyUnitID: b.uid("bt"), Method: domain.LeadershipElection},
		b.asOffice(), "R28", domain.ECONFLICT, "Mỗi cụm chỉ có một cụm trưởng và một cụm phó mỗi năm: Cụm 13 đã có cụm trưởng")
	inCharge := [][2]string{{"k3_24", "head:v15"}, {"k4_24", "head:vp"}, {"c1_24", "pvt1"}, {"c2_24", "pvt2"}, {"c11_24", "head:tt"}, {"c12_24", "head:c3"}, {"c13_24", "head:v16"}}
	for _, x := range inCharge {
		b.assignInCharge("nganh", x[1], x[0])
	}
	for _, x := range [][2]string{{"ls_c1_24", "ls_pvt"}, {"ls_c2_24", "head:ls_vp"}, {"ls_k_24", "head:ls_tt"}} {
		b.assignInCharge("hd_ls", x[1], x[0])
	}
	for _, x := range [][2]string{{"ag_c1_24", "ag_pvt"}, {"ag_c2_24", "head:ag_lx"}} {
		b.assignInCharge("hd_ag", x[1], x[0])
	}
	sectorTargets := []string{"Hoàn thành vượt mức các chỉ tiêu nghiệp vụ theo Quyết định số 139/QĐ-VKSTC", "Không để xảy ra oan, sai, bỏ lọt tội phạm"}
	localTargets := []string{"Hoàn thành các chỉ tiêu nghiệp vụ được giao", "100% cán bộ đạt danh hiệu Lao động tiên tiến"}
	sectorFlag := []domain.AwardKind{domain.TitleExcellentCollective, domain.TitleSectorEmulationFlag}
	localTitles := []domain.AwardKind{domain.TitleAdvancedCollective, domain.TitleExcellentCollective}
	covenant := func(date, ck string, sector bool) {
		b.on(date)
		if sector {
			b.covenant(ck, sectorTargets)
			b.registerUnits(ck, sectorFlag...)
		} else {
			b.covenant(ck, localTargets)
			b.registerUnits(ck, localTitles...)
		}
	}
	covenant("2024-03-19", "c1_24", true)
	covenant("2024-03-19", "ls_c1_24", false)
	covenant("2024-03-20", "ls_c2_24", false)
	b.add(domain.SubmitInitiative{InitiativeID: b.id("initiative", "sodo"), Title: "Báo cáo án bằng sơ đồ tư duy", AuthorIDs: []string{b.pid("star")},
		UnitID: b.uid("ls_hl"), Description: "Lập báo cáo án hình sự dưới dạng sơ đồ tư duy để trình bày diễn biến, chứng cứ và quan điểm xử lý.",
		ClaimedBenefits: "Rút ngắn thời gian báo cáo án, lãnh đạo nắm nhanh nội dung vụ án"}, b.asUnit("ls_hl"), nil, "Nộp đơn đề nghị công nhận sáng kiến")
	covenant("2024-03-21", "ls_k_24", false)
	covenant("2024-03-22", "c2_24", true)
	covenant("2024-03-25", "ag_c1_24", false)
	covenant("2024-03-25", "ag_c2_24", false)
	covenant("2024-03-26", "c11_24", true)
	covenant("2024-03-27", "c12_24", true)
	covenant("2024-03-29", "c13_24", true)
	covenant("2024-04-01", "k4_24", true)
	covenant("2024-04-02", "k3_24", true)
	b.on("2024-04-05")
	b.add(domain.SubmitInitiative{InitiativeID: b.id("initiative", "phieu"), Title: "Phiếu kiểm sát nhanh hồ sơ tạm đình chỉ điều tra", AuthorIDs: []string{b.pid("ag_author")},
		UnitID: b.uid("ag_ct"), Description: "Mẫu phiếu liệt kê các điểm cần kiểm sát khi nhận quyết định tạm đình chỉ điều tra."}, b.asUnit("ag_ct"), nil, "Nộp đơn đề nghị công nhận sáng kiến")
	b.add(domain.SubmitInitiative{InitiativeID: b.id("initiative", "sothuly"), Title: "Sổ theo dõi thụ lý án dân sự bằng bảng tính dùng chung", AuthorIDs: []string{b.pid("ls_s2")},
		UnitID: b.uid("ls_p9"), Description: "Bảng tính dùng chung để theo dõi thời hạn kiểm sát các vụ, việc dân sự."}, b.asUnit("ls_p9"), nil, "Nộp đơn đề nghị công nhận sáng kiến")
	b.on("2024-04-15")
	b.add(domain.ApplyInitiative{InitiativeID: b.id("initiative", "sodo"), UnitID: b.uid("ls_hl"), Trial: true, Result: "Áp dụng thử tại 12 vụ án"}, b.asUnit("ls_hl"), nil, "Áp dụng thử sáng kiến")
	b.on("2024-05-02")
	b.add(domain.ApplyInitiative{InitiativeID: b.id("initiative", "phieu"), UnitID: b.uid("ag_ct"), Trial: false}, b.asUnit("ag_ct"), nil, "Áp dụng sáng kiến")
	b.add(domain.SecondPerson{PersonID: b.pid("ls_sec"), ToUnitID: b.uid("cb"), Period: domain.Period{From: b.date("2024-05-02"), To: b.date("2024-10-31")}},
		b.asUnit("ls"), b.illus("60/QĐ-VKS", "2024-04-25", issuerLS), "Biệt phái cán bộ sang VKSND tỉnh Cao Bằng")
	b.on("2024-05-10")
	b.add(domain.ApplyInitiative{InitiativeID: b.id("initiative", "sothuly"), UnitID: b.uid("ls_p9"), Trial: true}, b.asUnit("ls_p9"), nil, "Áp dụng thử sáng kiến")
}

// ---------------------------------------------------------------------------
// June–November 2024.

func (b *builder) midYear2024() {
	b.on("2024-06-25")
	for _, p := range []string{"head:ls", "head:tn"} {
		unit := b.people[p].unit
		b.propose("knc24:"+p, domain.Person(b.pid(p)), domain.AwardProcuracyCommemorativeMedal, 2024, domain.BasisContribution, unit, domain.AwardLevelSector)
	}
	b.on("2024-07-06")
	b.decide("knc24", "tc", issuerTC, b.illus("150/QĐ-VKSTC", "2024-07-06", issuerTC), 0,
		"Tặng Kỷ niệm chương “Vì sự nghiệp Kiểm sát”", b.item("knc24:head:ls"), b.item("knc24:head:tn"))
	b.on("2024-07-26")
	b.confer("knc24", "Hội trường VKSND tối cao, Lễ kỷ niệm Ngày thành lập ngành Kiểm sát nhân dân (26/7)", "head:tc", b.pid("head:ls"), b.pid("head:tn"))

	// Khen thưởng đột xuất.
	b.on("2024-08-20")
	b.propose("bk24:ls_lb", domain.Unit(b.uid("ls_lb")), domain.AwardSectorCertificateOfMerit, 2024, domain.BasisAdHoc, "ls", domain.AwardLevelSector)
	b.propose("bk24:adhoc", domain.Person(b.pid("adhoc")), domain.AwardSectorCertificateOfMerit, 2024, domain.BasisAdHoc, "ls", domain.AwardLevelSector)
	b.dossier("bk24:ls_lb", "nganh", 1, domain.DossierSubmission, domain.DossierAchievementReport)
	b.dossier("bk24:adhoc", "nganh", 1, domain.DossierSubmission, domain.DossierAchievementReport)
	b.on("2024-08-28")
	b.decide("bk24", "tc", issuerTC, b.illus("210/QĐ-VKSTC", "2024-08-28", issuerTC), 0,
		"Tặng Bằng khen đột xuất của Viện trưởng VKSND tối cao vì thành tích xuất sắc trong giải quyết vụ án", b.item("bk24:ls_lb"), b.item("bk24:adhoc"))
	b.on("2024-09-05")
	b.confer("bk24", "Trụ sở VKSND tỉnh Lạng Sơn", "pvt1", b.pid("adhoc"))
	b.on("2024-09-10")
	m := b.member("head:bvpl", domain.RoleMember, "Tổng Biên tập Báo Bảo vệ pháp luật")
	b.add(domain.AppointCouncilMember{CouncilID: b.councils["nganh"].id, Member: m, DecisionNo: b.doc("260/QĐ-VKSTC")}, b.asUnit("tc"),
		b.illus("260/QĐ-VKSTC", "2024-09-10", issuerTC), "Bổ sung thành viên Hội đồng TĐKT ngành")
	b.councils["nganh"].members = append(b.councils["nganh"].members, m)

	// Initiatives evaluated and recognised at grassroots scope.
	b.on("2024-11-12")
	mt := b.meeting("sk_ls", "sk_ls-2024", []string{"Xét công nhận sáng kiến năm 2024"})
	n := len(b.councils["sk_ls"].members)
	b1 := b.ballot("sk_ls", mt, "sk_ls-sodo", b.id("initiative", "sodo"), domain.BallotSecret, n, "R31", "Bỏ phiếu kín về sáng kiến “Báo cáo án bằng sơ đồ tư duy”")
	b2 := b.ballot("sk_ls", mt, "sk_ls-sothuly", b.id("initiative", "sothuly"), domain.BallotSecret, n/2, "R31", "Bỏ phiếu kín về sáng kiến “Sổ theo dõi thụ lý án dân sự”")
	b.add(domain.EvaluateInitiative{InitiativeID: b.id("initiative", "sodo"), CouncilID: b.councils["sk_ls"].id, BallotID: b1, Result: domain.VerdictPass},
		b.asCouncil("sk_ls"), nil, "Hội đồng sáng kiến đánh giá đạt")
	b.refuse(domain.EvaluateInitiative{InitiativeID: b.id("initiative", "sothuly"), CouncilID: b.councils["sk_ls"].id, BallotID: b2, Result: domain.VerdictPass},
		b.asCouncil("sk_ls"), "R31", domain.EINVALID, "Sáng kiến chỉ được đánh giá đạt khi ít nhất 2/3 thành viên Hội đồng đồng ý")
	b.add(domain.EvaluateInitiative{InitiativeID: b.id("initiative", "sothuly"), CouncilID: b.councils["sk_ls"].id, BallotID: b2, Result: domain.VerdictFail,
		Notes: "Chưa đạt 2/3 số thành viên đồng ý"}, b.asCouncil("sk_ls"), nil, "Hội đồng sáng kiến đánh giá không đạt")
	b.on("2024-11-15")
	mt = b.meeting("sk_ag", "sk_ag-2024", []string{"Xét công nhận sáng kiến năm 2024"})
	b3 := b.ballot("sk_ag", mt, "sk_ag-phieu", b.id("initiative", "phieu"), domain.BallotSecret, len(b.councils["sk_ag"].members), "R31", "Bỏ phiếu kín về sáng kiến “Phiếu kiểm sát nhanh”")
	b.add(domain.EvaluateInitiative{InitiativeID: b.id("initiative", "phieu"), CouncilID: b.councils["sk_ag"].id, BallotID: b3, Result: domain.VerdictPass},
		b.asCouncil("sk_ag"), nil, "Hội đồng sáng kiến đánh giá đạt")
	b.on("2024-11-20")
	b.add(domain.RecognizeInitiative{InitiativeID: b.id("initiative", "sodo"), Scope: domain.ScopeGrassroots, RecognizedByUnitID: b.uid("ls"),
		RecognizerRole: "Viện trưởng VKSND tỉnh Lạng Sơn", DecisionNo: b.doc("125/QĐ-VKS")}, b.asUnit("ls"), b.illus("125/QĐ-VKS", "2024-11-20", issuerLS),
		"Công nhận sáng kiến cấp cơ sở")
	b.add(domain.RecognizeInitiative{InitiativeID: b.id("initiative", "phieu"), Scope: domain.ScopeGrassroots, RecognizedByUnitID: b.uid("ag"),
		RecognizerRole: "Viện trưởng VKSND tỉnh An Giang", DecisionNo: b.doc("98/QĐ-VKS")}, b.asUnit("ag"), b.illus("98/QĐ-VKS", "2024-11-20", issuerAG),
		"Công nhận sáng kiến cấp cơ sở")
	b.on("2024-11-28")
	b.add(domain.AcceptResearchWork{WorkID: b.id("research", "dtkh"), Title: "Đề tài khoa học cấp Bộ: Nâng cao chất lượng tranh tụng của Kiểm sát viên tại phiên tòa hình sự",
		AuthorIDs: []string{b.pid("head:vkhks")}, UnitID: b.uid("vkhks"), Scope: domain.ScopeSector, AppliedOn: b.date("2024-11-28"), DecisionNo: b.doc("300/QĐ-VKSTC")},
		b.asUnit("vkhks"), b.illus("300/QĐ-VKSTC", "2024-11-28", issuerTC), "Nghiệm thu đề tài khoa học cấp Bộ")
}

// ---------------------------------------------------------------------------
// December 2024 – February 2025: scores, rankings, acclamation, titles.

func (b *builder) yearEnd2024() {
	b.on("2024-12-02")
	for _, p := range []string{"star", "rev", "cand2", "adhoc"} {
		b.rate(domain.Person(b.pid(p)), p+"-2024", 2024, domain.RatingExcellent, "", b.asUnit(b.people[p].unit))
	}
	for _, p := range []string{"ls_s1", "ls_s2", "ls_mat"} {
		b.rate(domain.Person(b.pid(p)), p+"-2024", 2024, domain.RatingGood, "", b.asUnit(b.people[p].unit))
	}
	all := append(b.sectorKeys(2024), b.localKeys(2024)...)
	for i, ck := range all {
		b.on([]string{"2024-12-03", "2024-12-04", "2024-12-05"}[i*3/len(all)])
		b.scoreCluster(ck)
	}
	b.on("2024-12-06")
	b.correctScore("c13_24", "bl", "II", 50, "Cộng sót kết quả giải quyết tin báo, tố giác tội phạm quý IV")
	b.refuse(domain.RecordScore{ScoreID: b.id("score", "stray"), ScorecardID: b.id("scorecard", "stray"), SubjectUnitID: b.uid("ls"),
		ClusterID: b.clusters["c13_24"].id, Year: 2024, SchemeID: b.schemes()["tinh"].id, SchemeVersion: 1, Stage: domain.StageCluster,
		Items: []domain.ItemScore{{Code: "I", Points: 900}}}, b.asOffice(), "", domain.EINVALID,
		"Chỉ chấm điểm đơn vị là thành viên của cụm trong năm: VKSND tỉnh Lạng Sơn không thuộc Cụm 13")
	b.on("2024-12-09")
	top := map[string]string{}
	for _, ck := range all {
		top[ck] = b.publishRanking(ck, "")
	}
	b.on("2024-12-10")
	for _, ck := range all {
		b.finalizeRanking(ck)
	}
	b.on("2024-12-12")
	b.acclaimAll(2024, all, top)
	b.on("2024-12-13")
	for _, ck := range b.sectorKeys(2024) {
		c := b.clusters[ck]
		b.propose("flag:"+ck, domain.Unit(b.uid(top[ck])), domain.TitleSectorEmulationFlag, c.year, domain.BasisMerit, c.leader, domain.AwardLevelSector, b.id("ranking", ck))
	}
	b.on("2024-12-14")
	for _, ck := range b.sectorKeys(2024) {
		b.dossier("flag:"+ck, "nganh", 1, domain.DossierSubmission, domain.DossierAchievementReport, domain.DossierClusterMinutes)
	}
	b.on("2024-12-16")
	for _, ck := range b.sectorKeys(2024) {
		b.appraise("flag:"+ck, "v16", "Hồ sơ đầy đủ; đơn vị được cụm, khối suy tôn dẫn đầu")
	}
	// Unit ratings in Lạng Sơn, for the collective titles.
	for _, ck := range []string{"ls_c1_24", "ls_c2_24", "ls_k_24"} {
		for _, m := range b.clusters[ck].members {
			r := domain.RatingGood
			if m == top[ck] {
				r = domain.RatingExcellent
			}
			b.rate(domain.Unit(b.uid(m)), m+"-2024", 2024, r, "", b.asUnit("ls"))
		}
	}
	b.on("2024-12-18")
	for _, p := range []string{"star", "rev", "cand2"} {
		b.propose("cstdcs24:"+p, domain.Person(b.pid(p)), domain.TitleGrassrootsEmulationFighter, 2024, domain.BasisMerit, b.people[p].unit, domain.AwardLevelProvince)
	}
	for _, p := range []string{"star", "rev", "cand2", "ls_s1", "ls_s2", "ls_mat", "adhoc"} {
		b.propose("ldtt24:"+p, domain.Person(b.pid(p)), domain.TitleAdvancedWorker, 2024, domain.BasisMerit, b.people[p].unit, domain.AwardLevelProvince)
	}
	for _, ck := range []string{"ls_c1_24", "ls_k_24", "ls_c2_24"} {
		b.propose("ttldxs24:"+top[ck], domain.Unit(b.uid(top[ck])), domain.TitleExcellentCollective, 2024, domain.BasisMerit, "ls", domain.AwardLevelProvince)
	}
	var ttldtt []string
	for _, ck := range []string{"ls_c1_24", "ls_c2_24"} {
		for _, m := range b.clusters[ck].members {
			if m != top[ck] && len(ttldtt) < 6 {
				ttldtt = append(ttldtt, m)
				b.propose("ttldtt24:"+m, domain.Unit(b.uid(m)), domain.TitleAdvancedCollective, 2024, domain.BasisMerit, "ls", domain.AwardLevelProvince)
			}
		}
	}
	b.on("2024-12-20")
	var items []domain.DecisionItem
	for _, ck := range b.sectorKeys(2024) {
		items = append(items, b.itemClusterBallot("flag:"+ck, ck, b.id("ballot", "flag:"+ck)))
	}
	b.decide("flag24", "tc", issuerTC, b.illus("420/QĐ-VKSTC", "2024-12-20", issuerTC), 0,
		"Tặng Cờ thi đua của ngành Kiểm sát nhân dân năm 2024 cho các đơn vị dẫn đầu cụm, khối", items...)
	b.add(domain.HoldMovementReview{MovementID: b.id("movement", "2024"), Kind: domain.ReviewFinal,
		PeriodCovered: domain.Period{From: b.date("2024-01-01"), To: b.date("2024-12-31")}, ReportNo: b.doc("25/BC-VKSTC")},
		b.asOffice(), b.illus("25/BC-VKSTC", "2024-12-20", issuerTC), "Tổng kết phong trào thi đua năm 2024")
	b.add(domain.LaunchMovement{MovementID: b.id("movement", "2025"), Kind: domain.MovementRegular, Scope: domain.MovementScopeSector,
		LaunchedByUnitID: b.uid("tc"), Theme: theme2025, Period: domain.Period{From: b.date("2025-01-01"), To: b.date("2025-12-31")}},
		b.asOffice(), b.illus("02/CT-VKSTC", "2024-12-20", issuerTC), "Phát động phong trào thi đua năm 2025 của ngành Kiểm sát nhân dân")
	b.on("2024-12-26")
	var present []string
	for _, ck := range b.sectorKeys(2024) {
		present = append(present, b.pid(b.units[top[ck]].head))
	}
	b.confer("flag24", "Hội nghị triển khai công tác năm 2025 của ngành Kiểm sát nhân dân", "head:tc", present...)

	// Lạng Sơn's council decides the titles of 2024.
	b.on("2025-01-06")
	b.add(domain.AdoptEmulationPlan{PlanID: b.id("emulationplan", "ls-2025"), UnitID: b.uid("ls"), Year: 2025, DocNo: b.doc("10/KH-VKS"),
		Targets: []string{"Hoàn thành xuất sắc các chỉ tiêu nghiệp vụ năm 2025", "Chuẩn bị sắp xếp tổ chức bộ máy"}},
		b.asUnit("ls"), b.illus("10/KH-VKS", "2025-01-06", issuerLS), "Kế hoạch công tác thi đua, khen thưởng năm 2025 của VKSND tỉnh Lạng Sơn")
	for _, u := range []string{"ls", "ag", "hn"} {
		b.add(domain.AdoptMovement{MovementID: b.id("movement", "2025"), UnitID: b.uid(u)}, b.asUnit(u), nil, b.units[u].short+" hưởng ứng phong trào thi đua năm 2025")
	}
	b.on("2025-01-08")
	b.meeting("hd_ls", "ls-2025-01", []string{"Xét danh hiệu thi đua năm 2024"})
	b.on("2025-01-10")
	items = nil
	for _, p := range []string{"star", "rev", "cand2"} {
		items = append(items, b.item("cstdcs24:"+p))
	}
	for _, p := range []string{"star", "rev", "cand2", "ls_s1", "ls_s2", "ls_mat", "adhoc"} {
		items = append(items, b.item("ldtt24:"+p))
	}
	items = append(items, b.item("ttldxs24:"+top["ls_c1_24"]), b.item("ttldxs24:"+top["ls_k_24"]))
	for _, m := range ttldtt {
		items = append(items, b.item("ttldtt24:"+m))
	}
	b.decide("ls-2024", "ls", "Viện trưởng VKSND tỉnh Lạng Sơn", b.illus("08/QĐ-VKS", "2025-01-10", issuerLS), 0,
		"Quyết định tặng danh hiệu thi đua năm 2024", items...)
	b.add(domain.RejectAward{ProposalID: b.proposalID("ttldxs24:" + top["ls_c2_24"]), DecidedByUnitID: b.uid("ls"),
		Reason: "Vượt tỷ lệ 20% số tập thể đạt Tập thể lao động tiên tiến (Thông tư 02/2024/TT-VKSTC, Điều 18 k2); xét tặng Tập thể lao động tiên tiến"},
		b.asUnit("ls"), nil, "Không xét tặng Tập thể lao động xuất sắc do vượt tỷ lệ")
	b.on("2025-01-15")
	b.confer("ls-2024", "Hội nghị tổng kết công tác năm 2024 của VKSND tỉnh Lạng Sơn", "head:ls", b.pid("star"), b.pid("ls_s1"))
	// Cờ thi đua của Chính phủ for the unit leading Khối 4.
	k4top := top["k4_24"]
	b.propose("cocp24", domain.Unit(b.uid(k4top)), domain.TitleGovernmentEmulationFlag, 2024, domain.BasisMerit, "tc", domain.AwardLevelState,
		domain.AwardID(b.id("decision", "flag24"), b.proposalID("flag:k4_24")))
	b.on("2025-01-20")
	s1 := b.people["ls_s1"]
	parts := strings.Fields(strings.TrimSuffix(s1.name, fictitiousMark))
	typo := parts[0] + " " + parts[len(parts)-1] + fictitiousMark
	b.add(domain.AmendAward{DecisionID: b.id("decision", "ls-2024"), AwardID: domain.AwardID(b.id("decision", "ls-2024"), b.proposalID("ldtt24:ls_s1")),
		Field: "fullName", OldValue: typo, NewValue: s1.name, CorrectingDecisionNo: b.doc("12/QĐ-VKS")}, b.asUnit("ls"),
		b.illus("12/QĐ-VKS", "2025-01-20", issuerLS), "Đính chính họ tên trong quyết định khen thưởng")
	b.on("2025-02-10")
	mt := b.meeting("nganh", "nganh-2025-02", []string{"Xét đề nghị Cờ thi đua của Chính phủ năm 2024"}, b.pid("head:cc1"))
	n := len(b.councils["nganh"].members)
	b.ballot("nganh", mt, "cocp24", b.proposalID("cocp24"), domain.BallotSecret, n-1, "R33", "Bỏ phiếu kín đề nghị Cờ thi đua của Chính phủ")
	b.on("2025-02-12")
	b.dossier("cocp24", "nganh", 2, domain.DossierSubmission, domain.DossierAchievementReport, domain.DossierMinutes, domain.DossierClusterMinutes)
	b.on("2025-02-17")
	b.add(domain.ReturnDossier{ProposalID: b.proposalID("cocp24"), MissingItems: []domain.DossierItemKind{domain.DossierBallotResult},
		Note: "Bổ sung kết quả bỏ phiếu kín của Hội đồng", DueOn: b.date("2025-02-28")}, b.asOffice(), nil, "Trả hồ sơ để bổ sung")
	b.on("2025-02-20")
	b.dossier("cocp24", "nganh", 2, domain.DossierSubmission, domain.DossierAchievementReport, domain.DossierMinutes, domain.DossierClusterMinutes, domain.DossierBallotResult)
	b.on("2025-02-25")
	b.appraise("cocp24", "v16", "Đơn vị dẫn đầu Khối thi đua số 4 và được tặng Cờ thi đua ngành năm 2024")
}

func (b *builder) sectorKeys(year int) []string {
	var out []string
	for _, c := range b.sectorClusters(year) {
		if ci := b.clusters[c.key]; ci != nil && !ci.dissolved {
			out = append(out, c.key)
		}
	}
	return out
}

func (b *builder) localKeys(year int) []string {
	var out []string
	for _, c := range b.localClusters(year) {
		if ci := b.clusters[c.key]; ci != nil && !ci.dissolved {
			out = append(out, c.key)
		}
	}
	return out
}

// acclaimAll records, for each cluster, the members' acclamation of the
// leading unit; sector clusters also vote to propose it for the sector
// flag (R15: at least 80% of members), on the proposal made next.
func (b *builder) acclaimAll(year int, keys []string, top map[string]string) {
	for _, ck := range keys {
		c := b.clusters[ck]
		cmd := domain.AcclaimClusterLeader{ClusterID: c.id, Year: year, LeadingUnitID: b.uid(top[ck]),
			MinutesRef: "Biên bản họp bình xét, suy tôn " + c.name + " năm " + itoa(year)}
		if c.council != "" {
			n := len(c.members)
			votes := n
			if n >= 5 {
				votes = n - 1
			}
			cmd.BallotID = b.clusterBallot(ck, "flag:"+ck, b.proposalID("flag:"+ck), votes, "R15", "Biểu quyết suy tôn và đề nghị Cờ thi đua ngành")
			cmd.ProposedTitles = []domain.AwardKind{domain.TitleSectorEmulationFlag}
		} else {
			cmd.ProposedTitles = []domain.AwardKind{domain.TitleExcellentCollective}
		}
		b.add(cmd, b.asCluster(ck), nil, "Suy tôn "+b.units[top[ck]].short+" dẫn đầu "+c.name+" năm "+itoa(year))
	}
}
