package demo

import "github.com/tdkt/tdkt/domain"

// The unit catalogue. Unit names are real (public bodies); which district
// procuracies sit in which cluster, the numbering of clusters other than
// Cụm 1, Cụm 13 and Khối 4 of 2024, and the territories of the regional
// procuracies (VKSND khu vực) are illustrative (DOMAIN.md marks them [U]).

type unitDef struct {
	key, name, short string
	level            domain.UnitLevel
	kind             domain.UnitKind
	parent           string
	headTitle        string
}

const vks = "Viện kiểm sát nhân dân "

// supremeDepts are the VKSNDTC units the demo follows (a subset of the 24
// units of 2025).
var supremeDepts = []unitDef{
	{"vp", "Văn phòng Viện kiểm sát nhân dân tối cao", "Văn phòng VKSNDTC", domain.LevelSupreme, domain.UnitKindOffice, "tc", "Chánh Văn phòng"},
	{"tt", "Thanh tra Viện kiểm sát nhân dân tối cao", "Thanh tra VKSNDTC", domain.LevelSupreme, domain.UnitKindInspectorate, "tc", "Chánh Thanh tra"},
	{"v14", "Vụ Pháp chế và Quản lý khoa học", "Vụ 14", domain.LevelSupreme, domain.UnitKindDept, "tc", "Vụ trưởng Vụ Pháp chế và Quản lý khoa học"},
	{"v15", "Vụ Tổ chức cán bộ", "Vụ 15", domain.LevelSupreme, domain.UnitKindDept, "tc", "Vụ trưởng Vụ Tổ chức cán bộ"},
	{"v16", "Vụ Thi đua - Khen thưởng", "Vụ 16", domain.LevelSupreme, domain.UnitKindDept, "tc", "Vụ trưởng Vụ Thi đua - Khen thưởng"},
	{"c2", "Cục Thống kê tội phạm và Công nghệ thông tin", "Cục 2", domain.LevelSupreme, domain.UnitKindBureau, "tc", "Cục trưởng Cục Thống kê tội phạm và Công nghệ thông tin"},
	{"c3", "Cục Kế hoạch - Tài chính", "Cục 3", domain.LevelSupreme, domain.UnitKindBureau, "tc", "Cục trưởng Cục Kế hoạch - Tài chính"},
	{"vkhks", "Viện Khoa học kiểm sát", "Viện KHKS", domain.LevelSupreme, domain.UnitKindInstitute, "tc", "Viện trưởng Viện Khoa học kiểm sát"},
	{"bvpl", "Báo Bảo vệ pháp luật", "Báo BVPL", domain.LevelSupreme, domain.UnitKindPress, "tc", "Tổng Biên tập Báo Bảo vệ pháp luật"},
}

// highProcuracies existed until 30/6/2025 (Luật 82/2025/QH15).
var highProcuracies = []unitDef{
	{"cc1", vks + "cấp cao tại Hà Nội", "VKSND cấp cao tại Hà Nội", domain.LevelHigh, domain.UnitKindProcuracy, "tc", "Viện trưởng VKSND cấp cao tại Hà Nội"},
	{"cc2", vks + "cấp cao tại Đà Nẵng", "VKSND cấp cao tại Đà Nẵng", domain.LevelHigh, domain.UnitKindProcuracy, "tc", "Viện trưởng VKSND cấp cao tại Đà Nẵng"},
	{"cc3", vks + "cấp cao tại Thành phố Hồ Chí Minh", "VKSND cấp cao tại TP HCM", domain.LevelHigh, domain.UnitKindProcuracy, "tc", "Viện trưởng VKSND cấp cao tại TP HCM"},
}

// appellateInstitutes replace them from 1/7/2025 (NQ 1745), under VKSNDTC.
var appellateInstitutes = []unitDef{
	{"pt1", "Viện Công tố và Kiểm sát xét xử phúc thẩm tại Hà Nội", "Viện phúc thẩm tại Hà Nội", domain.LevelAppellateInstitute, domain.UnitKindInstitute, "tc", ""},
	{"pt2", "Viện Công tố và Kiểm sát xét xử phúc thẩm tại Đà Nẵng", "Viện phúc thẩm tại Đà Nẵng", domain.LevelAppellateInstitute, domain.UnitKindInstitute, "tc", ""},
	{"pt3", "Viện Công tố và Kiểm sát xét xử phúc thẩm tại Thành phố Hồ Chí Minh", "Viện phúc thẩm tại TP HCM", domain.LevelAppellateInstitute, domain.UnitKindInstitute, "tc", ""},
}

func prov(key, kind, place string) unitDef {
	return unitDef{key, vks + kind + " " + place, "VKSND " + short(kind) + " " + place, domain.LevelProvincial, domain.UnitKindProcuracy, "tc", "Viện trưởng VKSND " + short(kind) + " " + place}
}

func short(kind string) string {
	if kind == "thành phố" || kind == "Thành phố" {
		return "TP"
	}
	return kind
}

// provincesBefore are the 26 provincial procuracies the demo follows
// before 1/7/2025 (of 63).
var provincesBefore = []unitDef{
	prov("hn", "thành phố", "Hà Nội"),
	{"hcm", vks + "Thành phố Hồ Chí Minh", "VKSND TP HCM", domain.LevelProvincial, domain.UnitKindProcuracy, "tc", "Viện trưởng VKSND TP HCM"},
	prov("ls", "tỉnh", "Lạng Sơn"), prov("cb", "tỉnh", "Cao Bằng"), prov("hg", "tỉnh", "Hà Giang"),
	prov("tq", "tỉnh", "Tuyên Quang"), prov("bk", "tỉnh", "Bắc Kạn"), prov("tn", "tỉnh", "Thái Nguyên"),
	prov("bd", "tỉnh", "Bình Dương"), prov("brvt", "tỉnh", "Bà Rịa - Vũng Tàu"), prov("dn", "tỉnh", "Đồng Nai"),
	prov("bp", "tỉnh", "Bình Phước"), prov("tni", "tỉnh", "Tây Ninh"), prov("la", "tỉnh", "Long An"),
	prov("ag", "tỉnh", "An Giang"), prov("dt", "tỉnh", "Đồng Tháp"), prov("tg", "tỉnh", "Tiền Giang"),
	prov("vl", "tỉnh", "Vĩnh Long"), prov("ct", "thành phố", "Cần Thơ"), prov("hgi", "tỉnh", "Hậu Giang"),
	prov("tv", "tỉnh", "Trà Vinh"), prov("st", "tỉnh", "Sóc Trăng"), prov("bt", "tỉnh", "Bến Tre"),
	prov("bl", "tỉnh", "Bạc Liêu"), prov("cm", "tỉnh", "Cà Mau"), prov("kg", "tỉnh", "Kiên Giang"),
}

// merger is one consolidation (hợp nhất) of NQ 84/2025/UBTVQH15, effective
// 1/7/2025, following the new provinces (DOMAIN.md §7 table, rows 12, 14,
// 27–34).
type merger struct {
	result  unitDef
	sources []string
}

var mergers = []merger{
	{prov("tq2", "tỉnh", "Tuyên Quang"), []string{"tq", "hg"}},
	{prov("tn2", "tỉnh", "Thái Nguyên"), []string{"tn", "bk"}},
	{unitDef{"hcm2", vks + "Thành phố Hồ Chí Minh", "VKSND TP HCM", domain.LevelProvincial, domain.UnitKindProcuracy, "tc", ""}, []string{"hcm", "bd", "brvt"}},
	{prov("dn2", "tỉnh", "Đồng Nai"), []string{"dn", "bp"}},
	{prov("tni2", "tỉnh", "Tây Ninh"), []string{"tni", "la"}},
	{prov("ct2", "thành phố", "Cần Thơ"), []string{"ct", "st", "hgi"}},
	{prov("vl2", "tỉnh", "Vĩnh Long"), []string{"vl", "bt", "tv"}},
	{prov("dt2", "tỉnh", "Đồng Tháp"), []string{"dt", "tg"}},
	{prov("cm2", "tỉnh", "Cà Mau"), []string{"cm", "bl"}},
	{prov("ag2", "tỉnh", "An Giang"), []string{"ag", "kg"}},
}

func district(key, parent, kind, place string) unitDef {
	return unitDef{key, vks + kind + " " + place, "VKSND " + short(kind) + " " + place, domain.LevelDistrict, domain.UnitKindProcuracy, parent, "Viện trưởng VKSND " + short(kind) + " " + place}
}

// District procuracies of Lạng Sơn (11) and An Giang (11), until 30/6/2025.
var districtsLS = []unitDef{
	district("ls_tp", "ls", "thành phố", "Lạng Sơn"), district("ls_cl", "ls", "huyện", "Cao Lộc"),
	district("ls_lb", "ls", "huyện", "Lộc Bình"), district("ls_dl", "ls", "huyện", "Đình Lập"),
	district("ls_chl", "ls", "huyện", "Chi Lăng"), district("ls_hl", "ls", "huyện", "Hữu Lũng"),
	district("ls_bs", "ls", "huyện", "Bắc Sơn"), district("ls_bg", "ls", "huyện", "Bình Gia"),
	district("ls_vq", "ls", "huyện", "Văn Quan"), district("ls_td", "ls", "huyện", "Tràng Định"),
	district("ls_vla", "ls", "huyện", "Văn Lãng"),
}

var districtsAG = []unitDef{
	district("ag_lx", "ag", "thành phố", "Long Xuyên"), district("ag_cd", "ag", "thành phố", "Châu Đốc"),
	district("ag_tc", "ag", "thị xã", "Tân Châu"), district("ag_tb", "ag", "thị xã", "Tịnh Biên"),
	district("ag_ap", "ag", "huyện", "An Phú"), district("ag_cp", "ag", "huyện", "Châu Phú"),
	district("ag_ct", "ag", "huyện", "Châu Thành"), district("ag_cm", "ag", "huyện", "Chợ Mới"),
	district("ag_pt", "ag", "huyện", "Phú Tân"), district("ag_ts", "ag", "huyện", "Thoại Sơn"),
	district("ag_tt", "ag", "huyện", "Tri Tôn"),
}

// Divisions of VKSND tỉnh Lạng Sơn in its khối thi đua (4 of the 8 phòng
// of CV 317/VKS-VP).
var divisionsLS = []unitDef{
	{"ls_vp", "Văn phòng Viện kiểm sát nhân dân tỉnh Lạng Sơn", "Văn phòng VKSND tỉnh Lạng Sơn", domain.LevelProvincial, domain.UnitKindOffice, "ls", "Chánh Văn phòng VKSND tỉnh Lạng Sơn"},
	{"ls_p1", "Phòng Thực hành quyền công tố và kiểm sát điều tra án hình sự - VKSND tỉnh Lạng Sơn", "Phòng 1 VKSND tỉnh Lạng Sơn", domain.LevelProvincial, domain.UnitKindDivision, "ls", "Trưởng phòng 1 VKSND tỉnh Lạng Sơn"},
	{"ls_p9", "Phòng Kiểm sát việc giải quyết các vụ, việc dân sự, hôn nhân và gia đình - VKSND tỉnh Lạng Sơn", "Phòng 9 VKSND tỉnh Lạng Sơn", domain.LevelProvincial, domain.UnitKindDivision, "ls", "Trưởng phòng 9 VKSND tỉnh Lạng Sơn"},
	{"ls_tt", "Thanh tra Viện kiểm sát nhân dân tỉnh Lạng Sơn", "Thanh tra VKSND tỉnh Lạng Sơn", domain.LevelProvincial, domain.UnitKindInspectorate, "ls", "Chánh Thanh tra VKSND tỉnh Lạng Sơn"},
}

// region is one VKSND khu vực (NQ 84/2025/UBTVQH15, from 1/7/2025) and
// the district procuracies whose territory it takes over. split names a
// district divided between two regions.
type region struct {
	def       unitDef
	districts []string
}

func regional(key, parent, n, province string) unitDef {
	return unitDef{key, vks + "khu vực " + n + " - " + province, "VKSND khu vực " + n + " - " + province, domain.LevelRegional, domain.UnitKindProcuracy, parent, ""}
}

var regionsLS = []region{
	{regional("ls_kv1", "ls", "1", "Lạng Sơn"), []string{"ls_tp", "ls_cl"}},
	{regional("ls_kv2", "ls", "2", "Lạng Sơn"), []string{"ls_lb", "ls_dl"}},
	{regional("ls_kv3", "ls", "3", "Lạng Sơn"), []string{"ls_hl", "ls_chl"}},
	{regional("ls_kv4", "ls", "4", "Lạng Sơn"), []string{"ls_bs", "ls_bg", "ls_vq"}},
	{regional("ls_kv5", "ls", "5", "Lạng Sơn"), []string{"ls_td", "ls_vla"}},
}

var regionsAG = []region{
	{regional("ag_kv1", "ag2", "1", "An Giang"), []string{"ag_lx", "ag_ts"}},
	{regional("ag_kv2", "ag2", "2", "An Giang"), []string{"ag_cd", "ag_ap", "ag_cp"}},
	{regional("ag_kv3", "ag2", "3", "An Giang"), []string{"ag_tc", "ag_pt"}},
	{regional("ag_kv4", "ag2", "4", "An Giang"), []string{"ag_cm", "ag_ct"}},
	{regional("ag_kv5", "ag2", "5", "An Giang"), []string{"ag_tt", "ag_tb", "ag_cp"}},
}

// splitDistrict is divided between two regions (UnitSplit), then dissolved.
const splitDistrict = "ag_cp"
