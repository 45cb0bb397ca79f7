package domain

// The closed vocabularies of TĐKT work: titles and forms of commendation,
// ratings, sanctions, scopes, levels, roles and the like.
//
// Each vocabulary is a struct enum (STYLE §6): a type wrapping an unexported
// code, so no caller can invent a value. Every type has:
//
//   - exported package-level values, one per member;
//   - String, returning the wire code: a short, stable ASCII string that is
//     what events store (never change one; add a new member instead);
//   - Label, returning the Vietnamese name shown to users (NFC, with
//     diacritics);
//   - ParseX, turning a wire code into a value or an *Error with EINVALID;
//   - MarshalText and UnmarshalText, so values are JSON strings. Decoding
//     rejects unknown codes and "" (optional fields are omitted from JSON
//     with the omitzero tag, never written as ""); the zero value means "not
//     set", and each event's Validate rejects it where a value is required;
//   - a plural function (e.g. AwardKinds) listing every member in order.
//
// Ordered vocabularies (PerformanceRating, DisciplineForm, InitiativeScope)
// also have Compare and AtLeast. This file holds vocabularies only; the
// rules that use them live elsewhere.

import "fmt"

// vocabEntry is one member of a vocabulary and its Vietnamese label.
type vocabEntry[T comparable] struct {
	v     T
	label string
}

// vocab is the table behind one struct enum: its members in order (the
// order is the ranking for ordered vocabularies) and the Vietnamese name of
// the vocabulary, used in error messages.
type vocab[T interface {
	comparable
	fmt.Stringer
}] struct {
	name    string
	entries []vocabEntry[T]
}

func (vc *vocab[T]) parse(s string) (T, error) {
	for _, e := range vc.entries {
		if e.v.String() == s {
			return e.v, nil
		}
	}
	var zero T
	if s == "" {
		return zero, Errorf(EINVALID, "%s: required", vc.name)
	}
	return zero, Errorf(EINVALID, "%s: unknown code %q", vc.name, s)
}

func (vc *vocab[T]) label(v T) string {
	for _, e := range vc.entries {
		if e.v == v {
			return e.label
		}
	}
	return ""
}

// rank is v's position in the vocabulary, or -1 for the zero value.
func (vc *vocab[T]) rank(v T) int {
	for i, e := range vc.entries {
		if e.v == v {
			return i
		}
	}
	return -1
}

func (vc *vocab[T]) values() []T {
	out := make([]T, len(vc.entries))
	for i, e := range vc.entries {
		out[i] = e.v
	}
	return out
}

// unmarshal decodes a wire code into *dst; "" is an error.
func (vc *vocab[T]) unmarshal(dst *T, text []byte) error {
	v, err := vc.parse(string(text))
	if err != nil {
		return err
	}
	*dst = v
	return nil
}

func cmpRank(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// ---------------------------------------------------------------------------
// Titles and forms of commendation.

// AwardKind is an emulation title (danh hiệu thi đua) or a form of
// commendation (hình thức khen thưởng). One vocabulary covers both because
// proposals, decisions and deadlines name either; IsTitle tells them apart.
type AwardKind struct{ s string }

// Emulation titles for individuals (Luật TĐKT 2022 Điều 21–24; TT 02/2024
// Điều 11).
var (
	TitleAdvancedWorker             = AwardKind{"LDTT"}
	TitleGrassrootsEmulationFighter = AwardKind{"CSTDCS"}
	TitleSectorEmulationFighter     = AwardKind{"CSTD_NGANH"}
	TitleNationalEmulationFighter   = AwardKind{"CSTD_TOAN_QUOC"}
)

// Emulation titles for collectives (Luật TĐKT 2022 Điều 25–28; TT 02/2024
// Điều 11, 17, 18).
var (
	TitleAdvancedCollective      = AwardKind{"TTLDTT"}
	TitleExcellentCollective     = AwardKind{"TTLDXS"}
	TitleSectorEmulationFlag     = AwardKind{"CO_NGANH"}
	TitleGovernmentEmulationFlag = AwardKind{"CO_CHINH_PHU"}
)

// Forms of commendation.
var (
	AwardSectorCertificateOfMerit    = AwardKind{"BK_VIEN_TRUONG"}
	AwardPrimeMinisterCertificate    = AwardKind{"BK_THU_TUONG"}
	AwardUnitCommendation            = AwardKind{"GIAY_KHEN"}
	AwardLabourOrderFirstClass       = AwardKind{"HCLD_1"}
	AwardLabourOrderSecondClass      = AwardKind{"HCLD_2"}
	AwardLabourOrderThirdClass       = AwardKind{"HCLD_3"}
	AwardProcuracyCommemorativeMedal = AwardKind{"KNC_KIEM_SAT"}
)

var awardKinds = vocab[AwardKind]{name: "danh hiệu/hình thức khen thưởng", entries: []vocabEntry[AwardKind]{
	{TitleAdvancedWorker, "Lao động tiên tiến"},
	{TitleGrassrootsEmulationFighter, "Chiến sĩ thi đua cơ sở"},
	{TitleSectorEmulationFighter, "Chiến sĩ thi đua ngành Kiểm sát nhân dân"},
	{TitleNationalEmulationFighter, "Chiến sĩ thi đua toàn quốc"},
	{TitleAdvancedCollective, "Tập thể lao động tiên tiến"},
	{TitleExcellentCollective, "Tập thể lao động xuất sắc"},
	{TitleSectorEmulationFlag, "Cờ thi đua của ngành Kiểm sát nhân dân"},
	{TitleGovernmentEmulationFlag, "Cờ thi đua của Chính phủ"},
	{AwardSectorCertificateOfMerit, "Bằng khen của Viện trưởng Viện kiểm sát nhân dân tối cao"},
	{AwardPrimeMinisterCertificate, "Bằng khen của Thủ tướng Chính phủ"},
	{AwardUnitCommendation, "Giấy khen"},
	{AwardLabourOrderFirstClass, "Huân chương Lao động hạng Nhất"},
	{AwardLabourOrderSecondClass, "Huân chương Lao động hạng Nhì"},
	{AwardLabourOrderThirdClass, "Huân chương Lao động hạng Ba"},
	{AwardProcuracyCommemorativeMedal, "Kỷ niệm chương “Vì sự nghiệp Kiểm sát”"},
}}

// AwardKinds returns every award kind, titles first.
func AwardKinds() []AwardKind { return awardKinds.values() }

// ParseAwardKind returns the award kind with wire code s.
func ParseAwardKind(s string) (AwardKind, error) { return awardKinds.parse(s) }

// String returns the wire code, e.g. "LDTT".
func (k AwardKind) String() string { return k.s }

// Label returns the Vietnamese name, e.g. "Lao động tiên tiến".
func (k AwardKind) Label() string { return awardKinds.label(k) }

// IsZero reports whether k is the zero value (no award kind).
func (k AwardKind) IsZero() bool { return k.s == "" }

// MarshalText encodes k as its wire code.
func (k AwardKind) MarshalText() ([]byte, error) { return []byte(k.s), nil }

// UnmarshalText decodes a wire code.
func (k *AwardKind) UnmarshalText(b []byte) error { return awardKinds.unmarshal(k, b) }

// IsTitle reports whether k is an emulation title (danh hiệu thi đua) rather
// than a form of commendation.
func (k AwardKind) IsTitle() bool {
	switch k {
	case TitleAdvancedWorker, TitleGrassrootsEmulationFighter, TitleSectorEmulationFighter,
		TitleNationalEmulationFighter, TitleAdvancedCollective, TitleExcellentCollective,
		TitleSectorEmulationFlag, TitleGovernmentEmulationFlag:
		return true
	}
	return false
}

// IsForm reports whether k is a form of commendation (hình thức khen thưởng).
func (k AwardKind) IsForm() bool { return !k.IsZero() && !k.IsTitle() }

// ForPerson reports whether k may be given to an individual.
func (k AwardKind) ForPerson() bool {
	switch k {
	case TitleAdvancedWorker, TitleGrassrootsEmulationFighter, TitleSectorEmulationFighter,
		TitleNationalEmulationFighter, AwardSectorCertificateOfMerit, AwardPrimeMinisterCertificate,
		AwardUnitCommendation, AwardLabourOrderFirstClass, AwardLabourOrderSecondClass,
		AwardLabourOrderThirdClass, AwardProcuracyCommemorativeMedal:
		return true
	}
	return false
}

// ForUnit reports whether k may be given to a collective (a unit).
func (k AwardKind) ForUnit() bool {
	switch k {
	case TitleAdvancedCollective, TitleExcellentCollective, TitleSectorEmulationFlag,
		TitleGovernmentEmulationFlag, AwardSectorCertificateOfMerit, AwardPrimeMinisterCertificate,
		AwardUnitCommendation, AwardLabourOrderFirstClass, AwardLabourOrderSecondClass,
		AwardLabourOrderThirdClass:
		return true
	}
	return false
}

// AllowsSubject reports whether k may be given to a subject of kind s.
func (k AwardKind) AllowsSubject(s SubjectKind) bool {
	switch s {
	case SubjectPerson:
		return k.ForPerson()
	case SubjectUnit:
		return k.ForUnit()
	}
	return false
}

// LabourOrderClass returns 1, 2 or 3 for the classes of the Labour Order
// (Huân chương Lao động hạng Nhất/Nhì/Ba) and 0 for any other kind.
func (k AwardKind) LabourOrderClass() int {
	switch k {
	case AwardLabourOrderFirstClass:
		return 1
	case AwardLabourOrderSecondClass:
		return 2
	case AwardLabourOrderThirdClass:
		return 3
	}
	return 0
}

// ---------------------------------------------------------------------------
// Ordered vocabularies.

// PerformanceRating is the annual rating of a person or unit (xếp loại mức
// độ hoàn thành nhiệm vụ). It is ordered: RatingExcellent is the highest.
type PerformanceRating struct{ s string }

// Performance ratings, lowest first.
var (
	RatingNotCompleted = PerformanceRating{"KHT"}
	RatingCompleted    = PerformanceRating{"HT"}
	RatingGood         = PerformanceRating{"HTT"}
	RatingExcellent    = PerformanceRating{"HTXS"}
)

var ratings = vocab[PerformanceRating]{name: "xếp loại", entries: []vocabEntry[PerformanceRating]{
	{RatingNotCompleted, "Không hoàn thành nhiệm vụ"},
	{RatingCompleted, "Hoàn thành nhiệm vụ"},
	{RatingGood, "Hoàn thành tốt nhiệm vụ"},
	{RatingExcellent, "Hoàn thành xuất sắc nhiệm vụ"},
}}

// PerformanceRatings returns every rating, lowest first.
func PerformanceRatings() []PerformanceRating { return ratings.values() }

// ParsePerformanceRating returns the rating with wire code s.
func ParsePerformanceRating(s string) (PerformanceRating, error) { return ratings.parse(s) }

// String returns the wire code, e.g. "HTXS".
func (r PerformanceRating) String() string { return r.s }

// Label returns the Vietnamese name.
func (r PerformanceRating) Label() string { return ratings.label(r) }

// IsZero reports whether r is the zero value (no rating).
func (r PerformanceRating) IsZero() bool { return r.s == "" }

// MarshalText encodes r as its wire code.
func (r PerformanceRating) MarshalText() ([]byte, error) { return []byte(r.s), nil }

// UnmarshalText decodes a wire code.
func (r *PerformanceRating) UnmarshalText(b []byte) error { return ratings.unmarshal(r, b) }

// Compare returns -1, 0 or +1 as r is lower than, equal to or higher than o.
// The zero value is lower than every rating.
func (r PerformanceRating) Compare(o PerformanceRating) int {
	return cmpRank(ratings.rank(r), ratings.rank(o))
}

// AtLeast reports whether r is o or higher, e.g. r.AtLeast(RatingGood) for
// "hoàn thành tốt nhiệm vụ trở lên". The zero value is at least nothing.
func (r PerformanceRating) AtLeast(o PerformanceRating) bool {
	return !r.IsZero() && r.Compare(o) >= 0
}

// DisciplineForm is a disciplinary sanction (hình thức kỷ luật) on a
// civil servant. It is ordered by severity (Luật Cán bộ, công chức Điều 79):
// khiển trách < cảnh cáo < hạ bậc lương < giáng chức < cách chức < buộc thôi
// việc.
type DisciplineForm struct{ s string }

// Disciplinary sanctions, least severe first.
var (
	DisciplineReprimand       = DisciplineForm{"KHIEN_TRACH"}
	DisciplineWarning         = DisciplineForm{"CANH_CAO"}
	DisciplineSalaryDowngrade = DisciplineForm{"HA_BAC_LUONG"}
	DisciplineDemotion        = DisciplineForm{"GIANG_CHUC"}
	DisciplineRemoval         = DisciplineForm{"CACH_CHUC"}
	DisciplineDismissal       = DisciplineForm{"BUOC_THOI_VIEC"}
)

var disciplineForms = vocab[DisciplineForm]{name: "hình thức kỷ luật", entries: []vocabEntry[DisciplineForm]{
	{DisciplineReprimand, "Khiển trách"},
	{DisciplineWarning, "Cảnh cáo"},
	{DisciplineSalaryDowngrade, "Hạ bậc lương"},
	{DisciplineDemotion, "Giáng chức"},
	{DisciplineRemoval, "Cách chức"},
	{DisciplineDismissal, "Buộc thôi việc"},
}}

// DisciplineForms returns every sanction, least severe first.
func DisciplineForms() []DisciplineForm { return disciplineForms.values() }

// ParseDisciplineForm returns the sanction with wire code s.
func ParseDisciplineForm(s string) (DisciplineForm, error) { return disciplineForms.parse(s) }

// String returns the wire code, e.g. "CANH_CAO".
func (d DisciplineForm) String() string { return d.s }

// Label returns the Vietnamese name.
func (d DisciplineForm) Label() string { return disciplineForms.label(d) }

// IsZero reports whether d is the zero value (no sanction).
func (d DisciplineForm) IsZero() bool { return d.s == "" }

// MarshalText encodes d as its wire code.
func (d DisciplineForm) MarshalText() ([]byte, error) { return []byte(d.s), nil }

// UnmarshalText decodes a wire code.
func (d *DisciplineForm) UnmarshalText(b []byte) error { return disciplineForms.unmarshal(d, b) }

// Compare returns -1, 0 or +1 as d is less severe than, as severe as or more
// severe than o. The zero value is less severe than every sanction.
func (d DisciplineForm) Compare(o DisciplineForm) int {
	return cmpRank(disciplineForms.rank(d), disciplineForms.rank(o))
}

// AtLeast reports whether d is o or more severe, e.g.
// d.AtLeast(DisciplineWarning) for "từ cảnh cáo trở lên".
func (d DisciplineForm) AtLeast(o DisciplineForm) bool {
	return !d.IsZero() && d.Compare(o) >= 0
}

// InitiativeScope is the scope of influence (phạm vi ảnh hưởng) of an
// initiative or research work. It is ordered: grassroots < sector < national.
type InitiativeScope struct{ s string }

// Initiative scopes, narrowest first.
var (
	ScopeGrassroots = InitiativeScope{"CO_SO"}
	ScopeSector     = InitiativeScope{"NGANH"}
	ScopeNational   = InitiativeScope{"TOAN_QUOC"}
)

var initiativeScopes = vocab[InitiativeScope]{name: "phạm vi ảnh hưởng", entries: []vocabEntry[InitiativeScope]{
	{ScopeGrassroots, "Cơ sở"},
	{ScopeSector, "Toàn ngành Kiểm sát nhân dân"},
	{ScopeNational, "Toàn quốc"},
}}

// InitiativeScopes returns every scope, narrowest first.
func InitiativeScopes() []InitiativeScope { return initiativeScopes.values() }

// ParseInitiativeScope returns the scope with wire code s.
func ParseInitiativeScope(s string) (InitiativeScope, error) { return initiativeScopes.parse(s) }

// String returns the wire code, e.g. "NGANH".
func (c InitiativeScope) String() string { return c.s }

// Label returns the Vietnamese name.
func (c InitiativeScope) Label() string { return initiativeScopes.label(c) }

// IsZero reports whether c is the zero value (no scope).
func (c InitiativeScope) IsZero() bool { return c.s == "" }

// MarshalText encodes c as its wire code.
func (c InitiativeScope) MarshalText() ([]byte, error) { return []byte(c.s), nil }

// UnmarshalText decodes a wire code.
func (c *InitiativeScope) UnmarshalText(b []byte) error { return initiativeScopes.unmarshal(c, b) }

// Compare returns -1, 0 or +1 as c is narrower than, equal to or wider than
// o. The zero value is narrower than every scope.
func (c InitiativeScope) Compare(o InitiativeScope) int {
	return cmpRank(initiativeScopes.rank(c), initiativeScopes.rank(o))
}

// AtLeast reports whether c is o or wider.
func (c InitiativeScope) AtLeast(o InitiativeScope) bool {
	return !c.IsZero() && c.Compare(o) >= 0
}

// ---------------------------------------------------------------------------
// Unordered vocabularies.

// AwardBasis is the basis of a commendation (loại hình khen thưởng, Luật
// TĐKT 2022 Điều 8).
type AwardBasis struct{ s string }

// Bases of commendation.
var (
	BasisMerit        = AwardBasis{"CONG_TRANG"}
	BasisAdHoc        = AwardBasis{"DOT_XUAT"}
	BasisMovement     = AwardBasis{"CHUYEN_DE"}
	BasisContribution = AwardBasis{"CONG_HIEN"}
	BasisSeniority    = AwardBasis{"NIEN_HAN"}
	BasisForeign      = AwardBasis{"DOI_NGOAI"}
)

var awardBases = vocab[AwardBasis]{name: "loại hình khen thưởng", entries: []vocabEntry[AwardBasis]{
	{BasisMerit, "Khen thưởng theo công trạng và thành tích đạt được"},
	{BasisAdHoc, "Khen thưởng đột xuất"},
	{BasisMovement, "Khen thưởng theo đợt hoặc theo chuyên đề"},
	{BasisContribution, "Khen thưởng quá trình cống hiến"},
	{BasisSeniority, "Khen thưởng theo niên hạn"},
	{BasisForeign, "Khen thưởng đối ngoại"},
}}

// AwardBases returns every basis of commendation.
func AwardBases() []AwardBasis { return awardBases.values() }

// ParseAwardBasis returns the basis with wire code s.
func ParseAwardBasis(s string) (AwardBasis, error) { return awardBases.parse(s) }

// String returns the wire code.
func (b AwardBasis) String() string { return b.s }

// Label returns the Vietnamese name.
func (b AwardBasis) Label() string { return awardBases.label(b) }

// IsZero reports whether b is the zero value.
func (b AwardBasis) IsZero() bool { return b.s == "" }

// MarshalText encodes b as its wire code.
func (b AwardBasis) MarshalText() ([]byte, error) { return []byte(b.s), nil }

// UnmarshalText decodes a wire code.
func (b *AwardBasis) UnmarshalText(t []byte) error { return awardBases.unmarshal(b, t) }

// UnitLevel is the level of a procuracy in the system (cấp), before and
// after the 2025 reorganisation (Luật 82/2025/QH15).
type UnitLevel struct{ s string }

// Unit levels.
var (
	LevelSupreme            = UnitLevel{"TOI_CAO"}
	LevelHigh               = UnitLevel{"CAP_CAO"}
	LevelAppellateInstitute = UnitLevel{"VIEN_PHUC_THAM"}
	LevelProvincial         = UnitLevel{"CAP_TINH"}
	LevelDistrict           = UnitLevel{"CAP_HUYEN"}
	LevelRegional           = UnitLevel{"KHU_VUC"}
	LevelMilitaryCentral    = UnitLevel{"QS_TRUNG_UONG"}
	LevelMilitaryZone       = UnitLevel{"QS_QUAN_KHU"}
	LevelMilitaryRegional   = UnitLevel{"QS_KHU_VUC"}
)

var unitLevels = vocab[UnitLevel]{name: "cấp", entries: []vocabEntry[UnitLevel]{
	{LevelSupreme, "Viện kiểm sát nhân dân tối cao"},
	{LevelHigh, "Viện kiểm sát nhân dân cấp cao"},
	{LevelAppellateInstitute, "Viện Công tố và Kiểm sát xét xử phúc thẩm"},
	{LevelProvincial, "Viện kiểm sát nhân dân cấp tỉnh"},
	{LevelDistrict, "Viện kiểm sát nhân dân cấp huyện"},
	{LevelRegional, "Viện kiểm sát nhân dân khu vực"},
	{LevelMilitaryCentral, "Viện kiểm sát quân sự trung ương"},
	{LevelMilitaryZone, "Viện kiểm sát quân sự quân khu và tương đương"},
	{LevelMilitaryRegional, "Viện kiểm sát quân sự khu vực"},
}}

// UnitLevels returns every unit level.
func UnitLevels() []UnitLevel { return unitLevels.values() }

// ParseUnitLevel returns the level with wire code s.
func ParseUnitLevel(s string) (UnitLevel, error) { return unitLevels.parse(s) }

// String returns the wire code.
func (l UnitLevel) String() string { return l.s }

// Label returns the Vietnamese name.
func (l UnitLevel) Label() string { return unitLevels.label(l) }

// IsZero reports whether l is the zero value.
func (l UnitLevel) IsZero() bool { return l.s == "" }

// MarshalText encodes l as its wire code.
func (l UnitLevel) MarshalText() ([]byte, error) { return []byte(l.s), nil }

// UnmarshalText decodes a wire code.
func (l *UnitLevel) UnmarshalText(b []byte) error { return unitLevels.unmarshal(l, b) }

// UnitKind is what a unit is: a whole procuracy, or a department, bureau,
// division or office inside one.
type UnitKind struct{ s string }

// Unit kinds.
var (
	UnitKindProcuracy    = UnitKind{"VIEN_KIEM_SAT"}
	UnitKindDept         = UnitKind{"VU"}
	UnitKindBureau       = UnitKind{"CUC"}
	UnitKindDivision     = UnitKind{"PHONG"}
	UnitKindOffice       = UnitKind{"VAN_PHONG"}
	UnitKindInspectorate = UnitKind{"THANH_TRA"}
	UnitKindInstitute    = UnitKind{"VIEN"}
	UnitKindSchool       = UnitKind{"TRUONG"}
	UnitKindPress        = UnitKind{"CO_QUAN_BAO_CHI"}
)

var unitKinds = vocab[UnitKind]{name: "loại đơn vị", entries: []vocabEntry[UnitKind]{
	{UnitKindProcuracy, "Viện kiểm sát"},
	{UnitKindDept, "Vụ"},
	{UnitKindBureau, "Cục"},
	{UnitKindDivision, "Phòng"},
	{UnitKindOffice, "Văn phòng"},
	{UnitKindInspectorate, "Thanh tra"},
	{UnitKindInstitute, "Viện"},
	{UnitKindSchool, "Trường"},
	{UnitKindPress, "Cơ quan báo chí"},
}}

// UnitKinds returns every unit kind.
func UnitKinds() []UnitKind { return unitKinds.values() }

// ParseUnitKind returns the unit kind with wire code s.
func ParseUnitKind(s string) (UnitKind, error) { return unitKinds.parse(s) }

// String returns the wire code.
func (k UnitKind) String() string { return k.s }

// Label returns the Vietnamese name.
func (k UnitKind) Label() string { return unitKinds.label(k) }

// IsZero reports whether k is the zero value.
func (k UnitKind) IsZero() bool { return k.s == "" }

// MarshalText encodes k as its wire code.
func (k UnitKind) MarshalText() ([]byte, error) { return []byte(k.s), nil }

// UnmarshalText decodes a wire code.
func (k *UnitKind) UnmarshalText(b []byte) error { return unitKinds.unmarshal(k, b) }

// ClusterKind says whether a grouping is a cụm thi đua (peer procuracies) or
// a khối thi đua (functional departments).
type ClusterKind struct{ s string }

// Cluster kinds.
var (
	ClusterKindCluster = ClusterKind{"CUM"}
	ClusterKindBlock   = ClusterKind{"KHOI"}
)

var clusterKinds = vocab[ClusterKind]{name: "loại cụm, khối", entries: []vocabEntry[ClusterKind]{
	{ClusterKindCluster, "Cụm thi đua"},
	{ClusterKindBlock, "Khối thi đua"},
}}

// ClusterKinds returns every cluster kind.
func ClusterKinds() []ClusterKind { return clusterKinds.values() }

// ParseClusterKind returns the cluster kind with wire code s.
func ParseClusterKind(s string) (ClusterKind, error) { return clusterKinds.parse(s) }

// String returns the wire code.
func (k ClusterKind) String() string { return k.s }

// Label returns the Vietnamese name.
func (k ClusterKind) Label() string { return clusterKinds.label(k) }

// IsZero reports whether k is the zero value.
func (k ClusterKind) IsZero() bool { return k.s == "" }

// MarshalText encodes k as its wire code.
func (k ClusterKind) MarshalText() ([]byte, error) { return []byte(k.s), nil }

// UnmarshalText decodes a wire code.
func (k *ClusterKind) UnmarshalText(b []byte) error { return clusterKinds.unmarshal(k, b) }

// ClusterRole is a unit's role in the leadership of a cụm or khối.
type ClusterRole struct{ s string }

// Cluster roles.
var (
	ClusterRoleLeader = ClusterRole{"TRUONG"}
	ClusterRoleDeputy = ClusterRole{"PHO"}
)

var clusterRoles = vocab[ClusterRole]{name: "vai trò trong cụm, khối", entries: []vocabEntry[ClusterRole]{
	{ClusterRoleLeader, "Cụm trưởng, khối trưởng"},
	{ClusterRoleDeputy, "Cụm phó, khối phó"},
}}

// ClusterRoles returns every cluster role.
func ClusterRoles() []ClusterRole { return clusterRoles.values() }

// ParseClusterRole returns the cluster role with wire code s.
func ParseClusterRole(s string) (ClusterRole, error) { return clusterRoles.parse(s) }

// String returns the wire code.
func (r ClusterRole) String() string { return r.s }

// Label returns the Vietnamese name.
func (r ClusterRole) Label() string { return clusterRoles.label(r) }

// IsZero reports whether r is the zero value.
func (r ClusterRole) IsZero() bool { return r.s == "" }

// MarshalText encodes r as its wire code.
func (r ClusterRole) MarshalText() ([]byte, error) { return []byte(r.s), nil }

// UnmarshalText decodes a wire code.
func (r *ClusterRole) UnmarshalText(b []byte) error { return clusterRoles.unmarshal(r, b) }

// CouncilKind is the kind of council: the emulation and commendation council
// (Hội đồng Thi đua - Khen thưởng) or the initiative council (Hội đồng xét,
// công nhận sáng kiến).
type CouncilKind struct{ s string }

// Council kinds.
var (
	CouncilKindTDKT       = CouncilKind{"TDKT"}
	CouncilKindInitiative = CouncilKind{"SANG_KIEN"}
)

var councilKinds = vocab[CouncilKind]{name: "loại hội đồng", entries: []vocabEntry[CouncilKind]{
	{CouncilKindTDKT, "Hội đồng Thi đua - Khen thưởng"},
	{CouncilKindInitiative, "Hội đồng xét, công nhận sáng kiến"},
}}

// CouncilKinds returns every council kind.
func CouncilKinds() []CouncilKind { return councilKinds.values() }

// ParseCouncilKind returns the council kind with wire code s.
func ParseCouncilKind(s string) (CouncilKind, error) { return councilKinds.parse(s) }

// String returns the wire code.
func (k CouncilKind) String() string { return k.s }

// Label returns the Vietnamese name.
func (k CouncilKind) Label() string { return councilKinds.label(k) }

// IsZero reports whether k is the zero value.
func (k CouncilKind) IsZero() bool { return k.s == "" }

// MarshalText encodes k as its wire code.
func (k CouncilKind) MarshalText() ([]byte, error) { return []byte(k.s), nil }

// UnmarshalText decodes a wire code.
func (k *CouncilKind) UnmarshalText(b []byte) error { return councilKinds.unmarshal(k, b) }

// CouncilRole is a member's role on a council.
type CouncilRole struct{ s string }

// Council roles, from the QĐ 500/QĐ-TTg and QĐ 19/QĐ-VKSTC templates.
var (
	RoleChair             = CouncilRole{"CHU_TICH"}
	RoleStandingViceChair = CouncilRole{"PHO_CHU_TICH_THUONG_TRUC"}
	RoleViceChair         = CouncilRole{"PHO_CHU_TICH"}
	RoleStandingMember    = CouncilRole{"UY_VIEN_THUONG_TRUC"}
	RoleMember            = CouncilRole{"UY_VIEN"}
	RoleSecretary         = CouncilRole{"THU_KY"}
)

var councilRoles = vocab[CouncilRole]{name: "chức danh trong hội đồng", entries: []vocabEntry[CouncilRole]{
	{RoleChair, "Chủ tịch"},
	{RoleStandingViceChair, "Phó Chủ tịch thường trực"},
	{RoleViceChair, "Phó Chủ tịch"},
	{RoleStandingMember, "Ủy viên thường trực"},
	{RoleMember, "Ủy viên"},
	{RoleSecretary, "Thư ký"},
}}

// CouncilRoles returns every council role.
func CouncilRoles() []CouncilRole { return councilRoles.values() }

// ParseCouncilRole returns the council role with wire code s.
func ParseCouncilRole(s string) (CouncilRole, error) { return councilRoles.parse(s) }

// String returns the wire code.
func (r CouncilRole) String() string { return r.s }

// Label returns the Vietnamese name.
func (r CouncilRole) Label() string { return councilRoles.label(r) }

// IsZero reports whether r is the zero value.
func (r CouncilRole) IsZero() bool { return r.s == "" }

// MarshalText encodes r as its wire code.
func (r CouncilRole) MarshalText() ([]byte, error) { return []byte(r.s), nil }

// UnmarshalText decodes a wire code.
func (r *CouncilRole) UnmarshalText(b []byte) error { return councilRoles.unmarshal(r, b) }

// Regime is a version of the legal rules a check or deadline is keyed by
// (DOMAIN.md §0): which circular or decree governed at the effective date.
type Regime struct{ s string }

// Regimes.
var (
	RegimeLaw06_2022 = Regime{"LUAT06_2022"}
	RegimeND91_2017  = Regime{"ND91_2017"}
	RegimeND98_2023  = Regime{"ND98_2023"}
	RegimeND152_2025 = Regime{"ND152_2025"}
	RegimeTT01_2019  = Regime{"TT01_2019"}
	RegimeTT02_2024  = Regime{"TT02_2024"}
)

var regimes = vocab[Regime]{name: "chế độ pháp lý", entries: []vocabEntry[Regime]{
	{RegimeLaw06_2022, "Luật Thi đua, khen thưởng số 06/2022/QH15"},
	{RegimeND91_2017, "Nghị định 91/2017/NĐ-CP"},
	{RegimeND98_2023, "Nghị định 98/2023/NĐ-CP"},
	{RegimeND152_2025, "Nghị định 152/2025/NĐ-CP"},
	{RegimeTT01_2019, "Thông tư 01/2019/TT-VKSTC"},
	{RegimeTT02_2024, "Thông tư 02/2024/TT-VKSTC"},
}}

// Regimes returns every regime.
func Regimes() []Regime { return regimes.values() }

// ParseRegime returns the regime with wire code s.
func ParseRegime(s string) (Regime, error) { return regimes.parse(s) }

// String returns the wire code, e.g. "TT02_2024".
func (r Regime) String() string { return r.s }

// Label returns the Vietnamese name of the instrument.
func (r Regime) Label() string { return regimes.label(r) }

// IsZero reports whether r is the zero value.
func (r Regime) IsZero() bool { return r.s == "" }

// MarshalText encodes r as its wire code.
func (r Regime) MarshalText() ([]byte, error) { return []byte(r.s), nil }

// UnmarshalText decodes a wire code.
func (r *Regime) UnmarshalText(b []byte) error { return regimes.unmarshal(r, b) }

// RevocationGround is a ground for annulling an award decision, Luật TĐKT
// 2022 Điều 93 k2 a–d.
type RevocationGround struct{ s string }

// Revocation grounds.
var (
	GroundDishonestDeclaration = RevocationGround{"D93_K2_A"}
	GroundFalseDossier         = RevocationGround{"D93_K2_B"}
	GroundUnlawfulProcedure    = RevocationGround{"D93_K2_C"}
	GroundViolationFound       = RevocationGround{"D93_K2_D"}
)

var revocationGrounds = vocab[RevocationGround]{name: "căn cứ hủy bỏ", entries: []vocabEntry[RevocationGround]{
	{GroundDishonestDeclaration, "Gian dối trong việc kê khai thành tích"},
	{GroundFalseDossier, "Làm giả hồ sơ, giấy tờ hoặc cung cấp thông tin sai sự thật"},
	{GroundUnlawfulProcedure, "Thẩm định, xét, đề nghị khen thưởng trái pháp luật"},
	{GroundViolationFound, "Có kết luận, quyết định, bản án của cơ quan có thẩm quyền về vi phạm trong thời gian tính thành tích"},
}}

// RevocationGrounds returns every ground.
func RevocationGrounds() []RevocationGround { return revocationGrounds.values() }

// ParseRevocationGround returns the ground with wire code s.
func ParseRevocationGround(s string) (RevocationGround, error) { return revocationGrounds.parse(s) }

// String returns the wire code.
func (g RevocationGround) String() string { return g.s }

// Label returns the Vietnamese description.
func (g RevocationGround) Label() string { return revocationGrounds.label(g) }

// IsZero reports whether g is the zero value.
func (g RevocationGround) IsZero() bool { return g.s == "" }

// MarshalText encodes g as its wire code.
func (g RevocationGround) MarshalText() ([]byte, error) { return []byte(g.s), nil }

// UnmarshalText decodes a wire code.
func (g *RevocationGround) UnmarshalText(b []byte) error { return revocationGrounds.unmarshal(g, b) }

// ProceedingKind is the kind of review proceeding that bars commendation
// while open (NĐ 98/2023 Điều 4; NĐ 152/2025).
type ProceedingKind struct{ s string }

// Proceeding kinds.
var (
	ProceedingDiscipline    = ProceedingKind{"KY_LUAT"}
	ProceedingInvestigation = ProceedingKind{"DIEU_TRA"}
	ProceedingInspection    = ProceedingKind{"THANH_TRA"}
	ProceedingComplaint     = ProceedingKind{"KHIEU_NAI_TO_CAO"}
	ProceedingPress         = ProceedingKind{"BAO_CHI"}
)

var proceedingKinds = vocab[ProceedingKind]{name: "loại vụ việc", entries: []vocabEntry[ProceedingKind]{
	{ProceedingDiscipline, "Đang bị xem xét kỷ luật"},
	{ProceedingInvestigation, "Đang bị điều tra"},
	{ProceedingInspection, "Đang bị thanh tra, kiểm tra có dấu hiệu vi phạm"},
	{ProceedingComplaint, "Có đơn khiếu nại, tố cáo đang được xác minh"},
	{ProceedingPress, "Có vấn đề báo chí nêu đang được xác minh"},
}}

// ProceedingKinds returns every proceeding kind.
func ProceedingKinds() []ProceedingKind { return proceedingKinds.values() }

// ParseProceedingKind returns the proceeding kind with wire code s.
func ParseProceedingKind(s string) (ProceedingKind, error) { return proceedingKinds.parse(s) }

// String returns the wire code.
func (k ProceedingKind) String() string { return k.s }

// Label returns the Vietnamese description.
func (k ProceedingKind) Label() string { return proceedingKinds.label(k) }

// IsZero reports whether k is the zero value.
func (k ProceedingKind) IsZero() bool { return k.s == "" }

// MarshalText encodes k as its wire code.
func (k ProceedingKind) MarshalText() ([]byte, error) { return []byte(k.s), nil }

// UnmarshalText decodes a wire code.
func (k *ProceedingKind) UnmarshalText(b []byte) error { return proceedingKinds.unmarshal(k, b) }

// BallotKind is how a vote was taken.
type BallotKind struct{ s string }

// Ballot kinds.
var (
	BallotSecret      = BallotKind{"BO_PHIEU_KIN"}
	BallotShowOfHands = BallotKind{"GIO_TAY"}
	BallotWritten     = BallotKind{"VAN_BAN"}
)

var ballotKinds = vocab[BallotKind]{name: "hình thức biểu quyết", entries: []vocabEntry[BallotKind]{
	{BallotSecret, "Bỏ phiếu kín"},
	{BallotShowOfHands, "Biểu quyết giơ tay"},
	{BallotWritten, "Lấy ý kiến bằng văn bản"},
}}

// BallotKinds returns every ballot kind.
func BallotKinds() []BallotKind { return ballotKinds.values() }

// ParseBallotKind returns the ballot kind with wire code s.
func ParseBallotKind(s string) (BallotKind, error) { return ballotKinds.parse(s) }

// String returns the wire code.
func (k BallotKind) String() string { return k.s }

// Label returns the Vietnamese name.
func (k BallotKind) Label() string { return ballotKinds.label(k) }

// IsZero reports whether k is the zero value.
func (k BallotKind) IsZero() bool { return k.s == "" }

// MarshalText encodes k as its wire code.
func (k BallotKind) MarshalText() ([]byte, error) { return []byte(k.s), nil }

// UnmarshalText decodes a wire code.
func (k *BallotKind) UnmarshalText(b []byte) error { return ballotKinds.unmarshal(k, b) }

// LeadershipMethod is how a cluster's leader and deputy were chosen.
type LeadershipMethod struct{ s string }

// Leadership methods.
var (
	LeadershipRotation    = LeadershipMethod{"LUAN_PHIEN"}
	LeadershipElection    = LeadershipMethod{"BINH_BAU"}
	LeadershipDesignation = LeadershipMethod{"CHI_DINH"}
)

var leadershipMethods = vocab[LeadershipMethod]{name: "cách chọn cụm trưởng, cụm phó", entries: []vocabEntry[LeadershipMethod]{
	{LeadershipRotation, "Luân phiên"},
	{LeadershipElection, "Bình bầu"},
	{LeadershipDesignation, "Chỉ định"},
}}

// LeadershipMethods returns every leadership method.
func LeadershipMethods() []LeadershipMethod { return leadershipMethods.values() }

// ParseLeadershipMethod returns the method with wire code s.
func ParseLeadershipMethod(s string) (LeadershipMethod, error) { return leadershipMethods.parse(s) }

// String returns the wire code.
func (m LeadershipMethod) String() string { return m.s }

// Label returns the Vietnamese name.
func (m LeadershipMethod) Label() string { return leadershipMethods.label(m) }

// IsZero reports whether m is the zero value.
func (m LeadershipMethod) IsZero() bool { return m.s == "" }

// MarshalText encodes m as its wire code.
func (m LeadershipMethod) MarshalText() ([]byte, error) { return []byte(m.s), nil }

// UnmarshalText decodes a wire code.
func (m *LeadershipMethod) UnmarshalText(b []byte) error { return leadershipMethods.unmarshal(m, b) }

// MergeMode is how units were merged: consolidation (hợp nhất: all sources
// end, a new unit results) or absorption (sáp nhập: one source continues).
type MergeMode struct{ s string }

// Merge modes.
var (
	MergeConsolidation = MergeMode{"HOP_NHAT"}
	MergeAbsorption    = MergeMode{"SAP_NHAP"}
)

var mergeModes = vocab[MergeMode]{name: "hình thức hợp nhất, sáp nhập", entries: []vocabEntry[MergeMode]{
	{MergeConsolidation, "Hợp nhất"},
	{MergeAbsorption, "Sáp nhập"},
}}

// MergeModes returns every merge mode.
func MergeModes() []MergeMode { return mergeModes.values() }

// ParseMergeMode returns the merge mode with wire code s.
func ParseMergeMode(s string) (MergeMode, error) { return mergeModes.parse(s) }

// String returns the wire code.
func (m MergeMode) String() string { return m.s }

// Label returns the Vietnamese name.
func (m MergeMode) Label() string { return mergeModes.label(m) }

// IsZero reports whether m is the zero value.
func (m MergeMode) IsZero() bool { return m.s == "" }

// MarshalText encodes m as its wire code.
func (m MergeMode) MarshalText() ([]byte, error) { return []byte(m.s), nil }

// UnmarshalText decodes a wire code.
func (m *MergeMode) UnmarshalText(b []byte) error { return mergeModes.unmarshal(m, b) }

// PlanDecision is the outcome of a cluster reorganisation plan.
type PlanDecision struct{ s string }

// Plan decisions.
var (
	PlanApproved = PlanDecision{"PHE_DUYET"}
	PlanAmended  = PlanDecision{"DIEU_CHINH"}
	PlanRejected = PlanDecision{"KHONG_PHE_DUYET"}
)

var planDecisions = vocab[PlanDecision]{name: "kết quả xét phương án", entries: []vocabEntry[PlanDecision]{
	{PlanApproved, "Phê duyệt"},
	{PlanAmended, "Phê duyệt có điều chỉnh"},
	{PlanRejected, "Không phê duyệt"},
}}

// PlanDecisions returns every plan decision.
func PlanDecisions() []PlanDecision { return planDecisions.values() }

// ParsePlanDecision returns the plan decision with wire code s.
func ParsePlanDecision(s string) (PlanDecision, error) { return planDecisions.parse(s) }

// String returns the wire code.
func (d PlanDecision) String() string { return d.s }

// Label returns the Vietnamese name.
func (d PlanDecision) Label() string { return planDecisions.label(d) }

// IsZero reports whether d is the zero value.
func (d PlanDecision) IsZero() bool { return d.s == "" }

// MarshalText encodes d as its wire code.
func (d PlanDecision) MarshalText() ([]byte, error) { return []byte(d.s), nil }

// UnmarshalText decodes a wire code.
func (d *PlanDecision) UnmarshalText(b []byte) error { return planDecisions.unmarshal(d, b) }

// ScoreStage is who scored: the unit itself, the cluster, or the council's
// standing office.
type ScoreStage struct{ s string }

// Score stages, in the order they happen.
var (
	StageSelf           = ScoreStage{"TU_CHAM"}
	StageCluster        = ScoreStage{"CUM_CHAM"}
	StageStandingOffice = ScoreStage{"THUONG_TRUC"}
)

var scoreStages = vocab[ScoreStage]{name: "bước chấm điểm", entries: []vocabEntry[ScoreStage]{
	{StageSelf, "Đơn vị tự chấm"},
	{StageCluster, "Cụm, khối chấm"},
	{StageStandingOffice, "Thường trực Hội đồng chấm"},
}}

// ScoreStages returns every score stage in order.
func ScoreStages() []ScoreStage { return scoreStages.values() }

// ParseScoreStage returns the score stage with wire code s.
func ParseScoreStage(s string) (ScoreStage, error) { return scoreStages.parse(s) }

// String returns the wire code.
func (s ScoreStage) String() string { return s.s }

// Label returns the Vietnamese name.
func (s ScoreStage) Label() string { return scoreStages.label(s) }

// IsZero reports whether s is the zero value.
func (s ScoreStage) IsZero() bool { return s.s == "" }

// MarshalText encodes s as its wire code.
func (s ScoreStage) MarshalText() ([]byte, error) { return []byte(s.s), nil }

// UnmarshalText decodes a wire code.
func (s *ScoreStage) UnmarshalText(b []byte) error { return scoreStages.unmarshal(s, b) }

// SubjectKind says whether the subject of a rating, proposal or award is a
// person (cá nhân) or a unit (tập thể).
type SubjectKind struct{ s string }

// Subject kinds.
var (
	SubjectPerson = SubjectKind{"CA_NHAN"}
	SubjectUnit   = SubjectKind{"TAP_THE"}
)

var subjectKinds = vocab[SubjectKind]{name: "đối tượng", entries: []vocabEntry[SubjectKind]{
	{SubjectPerson, "Cá nhân"},
	{SubjectUnit, "Tập thể"},
}}

// SubjectKinds returns every subject kind.
func SubjectKinds() []SubjectKind { return subjectKinds.values() }

// ParseSubjectKind returns the subject kind with wire code s.
func ParseSubjectKind(s string) (SubjectKind, error) { return subjectKinds.parse(s) }

// String returns the wire code.
func (k SubjectKind) String() string { return k.s }

// Label returns the Vietnamese name.
func (k SubjectKind) Label() string { return subjectKinds.label(k) }

// IsZero reports whether k is the zero value.
func (k SubjectKind) IsZero() bool { return k.s == "" }

// MarshalText encodes k as its wire code.
func (k SubjectKind) MarshalText() ([]byte, error) { return []byte(k.s), nil }

// UnmarshalText decodes a wire code.
func (k *SubjectKind) UnmarshalText(b []byte) error { return subjectKinds.unmarshal(k, b) }

// MovementKind is the form of an emulation movement (Luật TĐKT 2022 Điều 16).
type MovementKind struct{ s string }

// Movement kinds.
var (
	MovementRegular  = MovementKind{"THUONG_XUYEN"}
	MovementThematic = MovementKind{"CHUYEN_DE"}
)

var movementKinds = vocab[MovementKind]{name: "hình thức phong trào", entries: []vocabEntry[MovementKind]{
	{MovementRegular, "Thi đua thường xuyên"},
	{MovementThematic, "Thi đua theo chuyên đề"},
}}

// MovementKinds returns every movement kind.
func MovementKinds() []MovementKind { return movementKinds.values() }

// ParseMovementKind returns the movement kind with wire code s.
func ParseMovementKind(s string) (MovementKind, error) { return movementKinds.parse(s) }

// String returns the wire code.
func (k MovementKind) String() string { return k.s }

// Label returns the Vietnamese name.
func (k MovementKind) Label() string { return movementKinds.label(k) }

// IsZero reports whether k is the zero value.
func (k MovementKind) IsZero() bool { return k.s == "" }

// MarshalText encodes k as its wire code.
func (k MovementKind) MarshalText() ([]byte, error) { return []byte(k.s), nil }

// UnmarshalText decodes a wire code.
func (k *MovementKind) UnmarshalText(b []byte) error { return movementKinds.unmarshal(k, b) }

// MovementScope is the scope an emulation movement is launched in (Luật TĐKT
// 2022 Điều 16 k2).
type MovementScope struct{ s string }

// Movement scopes.
var (
	MovementScopeNational = MovementScope{"TOAN_QUOC"}
	MovementScopeSector   = MovementScope{"NGANH"}
	MovementScopeCluster  = MovementScope{"CUM_KHOI"}
	MovementScopeUnit     = MovementScope{"DON_VI"}
)

var movementScopes = vocab[MovementScope]{name: "phạm vi phong trào", entries: []vocabEntry[MovementScope]{
	{MovementScopeNational, "Toàn quốc"},
	{MovementScopeSector, "Toàn ngành"},
	{MovementScopeCluster, "Cụm, khối thi đua"},
	{MovementScopeUnit, "Cơ quan, đơn vị"},
}}

// MovementScopes returns every movement scope.
func MovementScopes() []MovementScope { return movementScopes.values() }

// ParseMovementScope returns the movement scope with wire code s.
func ParseMovementScope(s string) (MovementScope, error) { return movementScopes.parse(s) }

// String returns the wire code.
func (s MovementScope) String() string { return s.s }

// Label returns the Vietnamese name.
func (s MovementScope) Label() string { return movementScopes.label(s) }

// IsZero reports whether s is the zero value.
func (s MovementScope) IsZero() bool { return s.s == "" }

// MarshalText encodes s as its wire code.
func (s MovementScope) MarshalText() ([]byte, error) { return []byte(s.s), nil }

// UnmarshalText decodes a wire code.
func (s *MovementScope) UnmarshalText(b []byte) error { return movementScopes.unmarshal(s, b) }

// ReviewKind is a movement review: preliminary (sơ kết) or final (tổng kết).
type ReviewKind struct{ s string }

// Review kinds.
var (
	ReviewPreliminary = ReviewKind{"SO_KET"}
	ReviewFinal       = ReviewKind{"TONG_KET"}
)

var reviewKinds = vocab[ReviewKind]{name: "loại hội nghị", entries: []vocabEntry[ReviewKind]{
	{ReviewPreliminary, "Sơ kết"},
	{ReviewFinal, "Tổng kết"},
}}

// ReviewKinds returns every review kind.
func ReviewKinds() []ReviewKind { return reviewKinds.values() }

// ParseReviewKind returns the review kind with wire code s.
func ParseReviewKind(s string) (ReviewKind, error) { return reviewKinds.parse(s) }

// String returns the wire code.
func (k ReviewKind) String() string { return k.s }

// Label returns the Vietnamese name.
func (k ReviewKind) Label() string { return reviewKinds.label(k) }

// IsZero reports whether k is the zero value.
func (k ReviewKind) IsZero() bool { return k.s == "" }

// MarshalText encodes k as its wire code.
func (k ReviewKind) MarshalText() ([]byte, error) { return []byte(k.s), nil }

// UnmarshalText decodes a wire code.
func (k *ReviewKind) UnmarshalText(b []byte) error { return reviewKinds.unmarshal(k, b) }

// Verdict is the pass/fail outcome of an appraisal or evaluation (dossier
// appraisal, initiative evaluation).
type Verdict struct{ s string }

// Verdicts.
var (
	VerdictPass = Verdict{"DAT"}
	VerdictFail = Verdict{"KHONG_DAT"}
)

var verdicts = vocab[Verdict]{name: "kết quả", entries: []vocabEntry[Verdict]{
	{VerdictPass, "Đạt"},
	{VerdictFail, "Không đạt"},
}}

// Verdicts returns every verdict.
func Verdicts() []Verdict { return verdicts.values() }

// ParseVerdict returns the verdict with wire code s.
func ParseVerdict(s string) (Verdict, error) { return verdicts.parse(s) }

// String returns the wire code.
func (v Verdict) String() string { return v.s }

// Label returns the Vietnamese name.
func (v Verdict) Label() string { return verdicts.label(v) }

// IsZero reports whether v is the zero value.
func (v Verdict) IsZero() bool { return v.s == "" }

// MarshalText encodes v as its wire code.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.s), nil }

// UnmarshalText decodes a wire code.
func (v *Verdict) UnmarshalText(b []byte) error { return verdicts.unmarshal(v, b) }

// AwardLevel is the level a proposal is decided at.
type AwardLevel struct{ s string }

// Award levels, lowest first.
var (
	AwardLevelUnit     = AwardLevel{"DON_VI"}
	AwardLevelProvince = AwardLevel{"CAP_TINH"}
	AwardLevelSector   = AwardLevel{"NGANH"}
	AwardLevelState    = AwardLevel{"NHA_NUOC"}
)

var awardLevels = vocab[AwardLevel]{name: "cấp khen thưởng", entries: []vocabEntry[AwardLevel]{
	{AwardLevelUnit, "Cấp đơn vị"},
	{AwardLevelProvince, "Cấp tỉnh"},
	{AwardLevelSector, "Cấp ngành"},
	{AwardLevelState, "Cấp Nhà nước"},
}}

// AwardLevels returns every award level, lowest first.
func AwardLevels() []AwardLevel { return awardLevels.values() }

// ParseAwardLevel returns the award level with wire code s.
func ParseAwardLevel(s string) (AwardLevel, error) { return awardLevels.parse(s) }

// String returns the wire code.
func (l AwardLevel) String() string { return l.s }

// Label returns the Vietnamese name.
func (l AwardLevel) Label() string { return awardLevels.label(l) }

// IsZero reports whether l is the zero value.
func (l AwardLevel) IsZero() bool { return l.s == "" }

// MarshalText encodes l as its wire code.
func (l AwardLevel) MarshalText() ([]byte, error) { return []byte(l.s), nil }

// UnmarshalText decodes a wire code.
func (l *AwardLevel) UnmarshalText(b []byte) error { return awardLevels.unmarshal(l, b) }

// DossierItemKind is a kind of document in an award dossier.
type DossierItemKind struct{ s string }

// Dossier item kinds.
var (
	DossierSubmission         = DossierItemKind{"TO_TRINH"}
	DossierAchievementReport  = DossierItemKind{"BAO_CAO_THANH_TICH"}
	DossierMinutes            = DossierItemKind{"BIEN_BAN"}
	DossierBallotResult       = DossierItemKind{"KET_QUA_BO_PHIEU"}
	DossierInitiativeCert     = DossierItemKind{"CHUNG_NHAN_SANG_KIEN"}
	DossierClusterMinutes     = DossierItemKind{"BIEN_BAN_CUM_KHOI"}
	DossierPublicConsultation = DossierItemKind{"LAY_Y_KIEN_NHAN_DAN"}
	DossierOther              = DossierItemKind{"KHAC"}
)

var dossierItemKinds = vocab[DossierItemKind]{name: "thành phần hồ sơ", entries: []vocabEntry[DossierItemKind]{
	{DossierSubmission, "Tờ trình"},
	{DossierAchievementReport, "Báo cáo thành tích"},
	{DossierMinutes, "Biên bản họp Hội đồng"},
	{DossierBallotResult, "Kết quả bỏ phiếu kín"},
	{DossierInitiativeCert, "Giấy chứng nhận sáng kiến, đề tài"},
	{DossierClusterMinutes, "Biên bản bình xét của cụm, khối thi đua"},
	{DossierPublicConsultation, "Kết quả lấy ý kiến nhân dân"},
	{DossierOther, "Tài liệu khác"},
}}

// DossierItemKinds returns every dossier item kind.
func DossierItemKinds() []DossierItemKind { return dossierItemKinds.values() }

// ParseDossierItemKind returns the dossier item kind with wire code s.
func ParseDossierItemKind(s string) (DossierItemKind, error) { return dossierItemKinds.parse(s) }

// String returns the wire code.
func (k DossierItemKind) String() string { return k.s }

// Label returns the Vietnamese name.
func (k DossierItemKind) Label() string { return dossierItemKinds.label(k) }

// IsZero reports whether k is the zero value.
func (k DossierItemKind) IsZero() bool { return k.s == "" }

// MarshalText encodes k as its wire code.
func (k DossierItemKind) MarshalText() ([]byte, error) { return []byte(k.s), nil }

// UnmarshalText decodes a wire code.
func (k *DossierItemKind) UnmarshalText(b []byte) error { return dossierItemKinds.unmarshal(k, b) }

// LeaveReason is why a person was away from work (nghỉ công tác). Some
// reasons count toward evaluation (e.g. statutory maternity leave, NĐ
// 98/2023 Điều 4); which ones is a rule, not part of this vocabulary.
type LeaveReason struct{ s string }

// Leave reasons.
var (
	LeaveMaternity = LeaveReason{"THAI_SAN"}
	LeaveSickness  = LeaveReason{"OM_DAU"}
	LeaveInjury    = LeaveReason{"TAI_NAN"}
	LeaveStudy     = LeaveReason{"HOC_TAP"}
	LeaveUnpaid    = LeaveReason{"KHONG_LUONG"}
	LeaveOther     = LeaveReason{"KHAC"}
)

var leaveReasons = vocab[LeaveReason]{name: "lý do nghỉ", entries: []vocabEntry[LeaveReason]{
	{LeaveMaternity, "Nghỉ thai sản"},
	{LeaveSickness, "Nghỉ ốm đau"},
	{LeaveInjury, "Điều trị thương tích, tai nạn"},
	{LeaveStudy, "Đi học tập, bồi dưỡng"},
	{LeaveUnpaid, "Nghỉ không lương"},
	{LeaveOther, "Lý do khác"},
}}

// LeaveReasons returns every leave reason.
func LeaveReasons() []LeaveReason { return leaveReasons.values() }

// ParseLeaveReason returns the leave reason with wire code s.
func ParseLeaveReason(s string) (LeaveReason, error) { return leaveReasons.parse(s) }

// String returns the wire code.
func (r LeaveReason) String() string { return r.s }

// Label returns the Vietnamese name.
func (r LeaveReason) Label() string { return leaveReasons.label(r) }

// IsZero reports whether r is the zero value.
func (r LeaveReason) IsZero() bool { return r.s == "" }

// MarshalText encodes r as its wire code.
func (r LeaveReason) MarshalText() ([]byte, error) { return []byte(r.s), nil }

// UnmarshalText decodes a wire code.
func (r *LeaveReason) UnmarshalText(b []byte) error { return leaveReasons.unmarshal(r, b) }
