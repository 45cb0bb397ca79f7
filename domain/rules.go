package domain

import (
	"fmt"
	"time"
)

// The rule catalog: every check of DOMAIN.md §(c) as data — its id, what it
// checks in English and in Vietnamese, the legal citation a user reads, how
// sure we are of the source, whether it blocks (enforce) or warns (flag),
// the regimes and periods it is in force, and the names of the Policy
// thresholds it reads. The checks themselves are in eligibility*.go
// (Evaluate, Streak) and rules_checks.go (CheckQuota and the standalone
// checks).

// RuleStatus says how well a rule's source is established, mirroring the
// status tags of DOMAIN.md.
type RuleStatus struct{ s string }

// Rule statuses.
var (
	// StatusConfirmed ([C]): the rule text was read in a cited page.
	StatusConfirmed = RuleStatus{"confirmed"}
	// StatusConfirmedOld ([C-old]): confirmed, but from a superseded
	// regime; used as a configurable default, not as current law.
	StatusConfirmedOld = RuleStatus{"confirmedOld"}
	// StatusConfirmedExample ([C-ex]): confirmed practice of a unit, not a
	// normative rule.
	StatusConfirmedExample = RuleStatus{"confirmedExample"}
	// StatusUnconfirmed ([U]): not read in a source; inferred or a policy
	// choice.
	StatusUnconfirmed = RuleStatus{"unconfirmed"}
)

// String returns the status code, e.g. "confirmedOld".
func (s RuleStatus) String() string { return s.s }

// Tag returns the DOMAIN.md tag, e.g. "[C-old]".
func (s RuleStatus) Tag() string {
	switch s {
	case StatusConfirmed:
		return "[C]"
	case StatusConfirmedOld:
		return "[C-old]"
	case StatusConfirmedExample:
		return "[C-ex]"
	case StatusUnconfirmed:
		return "[U]"
	}
	return ""
}

// Label returns the Vietnamese name of the status.
func (s RuleStatus) Label() string {
	switch s {
	case StatusConfirmed:
		return "Đã xác nhận"
	case StatusConfirmedOld:
		return "Đã xác nhận (chế độ cũ)"
	case StatusConfirmedExample:
		return "Thực tiễn đã xác nhận"
	case StatusUnconfirmed:
		return "Chưa xác nhận"
	}
	return ""
}

// IsZero reports whether s is the zero value.
func (s RuleStatus) IsZero() bool { return s.s == "" }

// RuleMode says what a failed check does: block the command (enforce) or
// let it through with a warning for a person to judge (flag).
type RuleMode struct{ s string }

// Rule modes.
var (
	ModeEnforce = RuleMode{"enforce"}
	ModeFlag    = RuleMode{"flag"}
)

// String returns "enforce" or "flag".
func (m RuleMode) String() string { return m.s }

// Label returns the Vietnamese name of the mode.
func (m RuleMode) Label() string {
	switch m {
	case ModeEnforce:
		return "Bắt buộc"
	case ModeFlag:
		return "Cảnh báo"
	}
	return ""
}

// IsZero reports whether m is the zero value.
func (m RuleMode) IsZero() bool { return m.s == "" }

// RulePeriod is one regime under which a rule is in force, and when. A
// zero From means the start is not recorded (earlier than anything the
// ledger evaluates); a zero To means still in force.
type RulePeriod struct {
	Regime   Regime
	From     Date
	To       Date
	Citation string
	Status   RuleStatus
}

// Contains reports whether d falls within the period.
func (p RulePeriod) Contains(d Date) bool {
	return (p.From.IsZero() || !d.Before(p.From)) && (p.To.IsZero() || !d.After(p.To))
}

// Rule is one rule check of DOMAIN.md §(c).
type Rule struct {
	// ID is the rule's id, e.g. "R11", "R19a", "R-U1".
	ID string
	// Summary says in English what the rule checks.
	Summary string
	// SummaryVI says it in Vietnamese, for users.
	SummaryVI string
	// Citation is the legal source as a user reads it, e.g. "Luật TĐKT
	// 2022, Điều 28 k1".
	Citation string
	// Status is how well the source is established ([C], [C-old], [C-ex],
	// [U]).
	Status RuleStatus
	// Unconfirmed names the parts of the rule that are [U] even when the
	// rule itself is confirmed (e.g. R13's rounding), or "".
	Unconfirmed string
	// Mode is what a failure does: ModeEnforce blocks, ModeFlag warns.
	Mode RuleMode
	// Periods are the regimes and dates the rule is in force.
	Periods []RulePeriod
	// Thresholds names the Policy values the rule reads (see
	// Policy.Describe).
	Thresholds []string
}

// InForce reports whether any of the rule's periods contains d.
func (r Rule) InForce(d Date) bool {
	for _, p := range r.Periods {
		if p.Contains(d) {
			return true
		}
	}
	return false
}

// PeriodAt returns the period in force on d, if any.
func (r Rule) PeriodAt(d Date) (RulePeriod, bool) {
	for _, p := range r.Periods {
		if p.Contains(d) {
			return p, true
		}
	}
	return RulePeriod{}, false
}

// Rules returns the rule catalog: R1–R36 (with R19a and R19b) and the open
// policy questions R-U1..R-U3, in order. The slice is a fresh copy.
func Rules() []Rule {
	out := make([]Rule, len(ruleCatalog))
	for i, r := range ruleCatalog {
		r.Periods = append([]RulePeriod(nil), r.Periods...)
		r.Thresholds = append([]string(nil), r.Thresholds...)
		out[i] = r
	}
	return out
}

// RuleByID returns the rule with id, or an *Error with ENOTFOUND.
func RuleByID(id string) (Rule, error) {
	for _, r := range Rules() {
		if r.ID == id {
			return r, nil
		}
	}
	return Rule{}, Errorf(ENOTFOUND, "không có quy tắc %q", id)
}

// mustRule returns the catalog entry for id; the ids used in this package
// are fixed, so a miss is a programming error caught by the tests.
func mustRule(id string) Rule {
	for _, r := range ruleCatalog {
		if r.ID == id {
			return r
		}
	}
	panic("domain: unknown rule " + id)
}

// ruleError returns the *Error for a failed rule: EINVALID, the rule's id
// and citation, and a Vietnamese message that starts with the rule's id and
// citation, e.g. "R28 (Thực tiễn …): cụm phải có …".
func ruleError(id string, format string, args ...any) *Error {
	r := mustRule(id)
	return &Error{
		Code:     EINVALID,
		Message:  fmt.Sprintf("%s (%s): %s", r.ID, r.Citation, fmt.Sprintf(format, args...)),
		Rule:     r.ID,
		Citation: r.Citation,
	}
}

// ruleDate returns y-m-d for the catalog's literal dates, which are valid.
func ruleDate(y int, m time.Month, d int) Date {
	v, err := NewDate(y, m, d)
	if err != nil {
		panic("domain: " + err.Error())
	}
	return v
}

// Key dates of the legal stack (DOMAIN.md §0).
var (
	// law2022From: Luật TĐKT 06/2022/QH15 and NĐ 98/2023/NĐ-CP take effect.
	law2022From = ruleDate(2024, time.January, 1)
	// tt01To: last day of TT 01/2019/TT-VKSTC.
	tt01To = ruleDate(2024, time.September, 30)
	// tt02From: TT 02/2024/TT-VKSTC takes effect.
	tt02From = ruleDate(2024, time.October, 1)
	// nd152From: NĐ 152/2025/NĐ-CP; signed 14/06/2025, its effective date
	// and its repeal of NĐ 98/2023 are [U]; 01/07/2025 is assumed.
	nd152From = ruleDate(2025, time.July, 1)
	// nd98To is the day before nd152From (assumed, see nd152From).
	nd98To = ruleDate(2025, time.June, 30)
	// reorgFrom: Luật 82/2025/QH15 and NQ 84/2025/UBTVQH15 take effect.
	reorgFrom = ruleDate(2025, time.July, 1)
)

// Citations used by several rules.
const (
	citeND98Art4  = "NĐ 98/2023/NĐ-CP, Điều 4; NĐ 152/2025/NĐ-CP"
	citeTT02      = "TT 02/2024/TT-VKSTC"
	citeTT01      = "TT 01/2019/TT-VKSTC"
	citeCluster   = "Hướng dẫn tổ chức cụm, khối thi đua ngành KSND (cpv.org.vn)"
	citeUnsettled = "Chưa có căn cứ — cần quyết định chính sách [U]"
)

// Reusable period lists.
var (
	periodsLaw2022 = []RulePeriod{{Regime: RegimeLaw06_2022, From: law2022From, Citation: "Luật TĐKT 2022", Status: StatusConfirmed}}
	periodsTT02    = []RulePeriod{{Regime: RegimeTT02_2024, From: tt02From, Citation: citeTT02, Status: StatusConfirmed}}
	periodsTT01    = []RulePeriod{
		{Regime: RegimeTT01_2019, To: tt01To, Citation: citeTT01, Status: StatusConfirmedOld},
	}
	periodsND98 = []RulePeriod{
		{Regime: RegimeND98_2023, From: law2022From, To: nd98To, Citation: "NĐ 98/2023/NĐ-CP, Điều 4", Status: StatusConfirmed},
		{Regime: RegimeND152_2025, From: nd152From, Citation: "NĐ 152/2025/NĐ-CP", Status: StatusConfirmed},
	}
	periodsCluster   = []RulePeriod{{Citation: citeCluster, Status: StatusConfirmedOld}}
	periodsPractice  = []RulePeriod{{Citation: "Thực tiễn cụm, khối thi đua ngành KSND", Status: StatusConfirmedExample}}
	periodsUnsettled = []RulePeriod{{Citation: citeUnsettled, Status: StatusUnconfirmed}}
)

// ruleCatalog is DOMAIN.md §(c), row by row. Citations are the table's
// "source" column written as a user reads it.
var ruleCatalog = []Rule{
	{ID: "R1", Mode: ModeEnforce, Status: StatusConfirmed,
		Summary:   "Advanced Worker requires a rating of at least 'completed well' in the year",
		SummaryVI: "Lao động tiên tiến phải được xếp loại từ “Hoàn thành tốt nhiệm vụ” trở lên trong năm",
		Citation:  "Luật TĐKT 2022, Điều 24 k1 a",
		Periods:   periodsLaw2022},
	{ID: "R2", Mode: ModeEnforce, Status: StatusConfirmed,
		Summary:   "Advanced Worker denied if recruited less than the minimum months before year-end (6 months; 10 months until 30/09/2024)",
		SummaryVI: "Không xét Lao động tiên tiến nếu mới tuyển dụng dưới 06 tháng tính đến cuối năm (dưới 10 tháng đến 30/9/2024)",
		Citation:  "TT 02/2024/TT-VKSTC; TT 01/2024/TT-BNV; TT 01/2019/TT-VKSTC (chế độ cũ)",
		Periods: []RulePeriod{
			{Regime: RegimeTT01_2019, To: tt01To, Citation: citeTT01, Status: StatusConfirmedOld},
			{Regime: RegimeTT02_2024, From: tt02From, Citation: citeTT02 + "; TT 01/2024/TT-BNV", Status: StatusConfirmed},
		},
		Thresholds: []string{"RecruitmentMinMonths"}},
	{ID: "R3", Mode: ModeEnforce, Status: StatusConfirmed,
		Unconfirmed: "the exceptions of Điều 15 k2 TT 02/2024/TT-VKSTC (flagged, not enforced); how split leave is added up",
		Summary:     "Advanced Worker denied if on leave from 3 to less than 6 months in the year, except the cases of Điều 15 k2",
		SummaryVI:   "Không xét Lao động tiên tiến nếu nghỉ công tác từ 03 tháng đến dưới 06 tháng trong năm, trừ trường hợp tại khoản 2 Điều 15",
		Citation:    "TT 02/2024/TT-VKSTC; ngoại lệ: TT 02/2024/TT-VKSTC, Điều 15 k2",
		Periods:     periodsTT02,
		Thresholds:  []string{"LeaveMinMonths", "LeaveMaxMonths", "LeaveExemptReasons"}},
	{ID: "R4", Mode: ModeEnforce, Status: StatusConfirmed,
		Summary:   "Advanced Worker denied if disciplined (reprimand or above) for the year; a later decision for a violation already used is not counted again",
		SummaryVI: "Không xét Lao động tiên tiến nếu bị kỷ luật từ khiển trách trở lên trong năm; quyết định kỷ luật ban hành sau cho vi phạm đã bị tính thì không tính lại",
		Citation:  citeTT02,
		Periods:   periodsTT02},
	{ID: "R5", Mode: ModeEnforce, Status: StatusConfirmed,
		Summary:   "Grassroots Emulation Fighter requires Advanced Worker in the same year and (an excellent rating, a recognized initiative or an accepted research work)",
		SummaryVI: "Chiến sĩ thi đua cơ sở phải đạt Lao động tiên tiến cùng năm và (Hoàn thành xuất sắc nhiệm vụ, hoặc có sáng kiến được công nhận, hoặc đề tài khoa học đã nghiệm thu)",
		Citation:  "Luật TĐKT 2022, Điều 23",
		Periods:   periodsLaw2022},
	{ID: "R6", Mode: ModeFlag, Status: StatusConfirmedOld,
		Unconfirmed: "the current national cap and any TT 02/2024 cap",
		Summary:     "Grassroots Emulation Fighters at most the cap (15%) of the Advanced Workers",
		SummaryVI:   "Số Chiến sĩ thi đua cơ sở không quá tỷ lệ (15%) số cá nhân đạt Lao động tiên tiến",
		Citation:    "NĐ 91/2017/NĐ-CP, Điều 9 k3 (chế độ cũ)",
		Periods:     []RulePeriod{{Regime: RegimeND91_2017, Citation: "NĐ 91/2017/NĐ-CP, Điều 9 k3", Status: StatusConfirmedOld}},
		Thresholds:  []string{"GrassrootsFighterCap"}},
	{ID: "R7", Mode: ModeEnforce, Status: StatusConfirmed,
		Unconfirmed: "who recognizes sector scope under the 2022 law (TT 01/2019 Điều 16: Viện trưởng VKSNDTC)",
		Summary:     "Sector Emulation Fighter requires consecutive Grassroots Emulation Fighter titles ending in the year and an initiative or research of at least sector scope",
		SummaryVI:   "Chiến sĩ thi đua ngành phải có 03 lần liên tục đạt Chiến sĩ thi đua cơ sở tính đến năm xét và sáng kiến (hoặc đề tài) có phạm vi ảnh hưởng toàn ngành",
		Citation:    "Luật TĐKT 2022, Điều 22; TT 01/2019/TT-VKSTC, Điều 16 (cấp công nhận)",
		Periods:     periodsLaw2022,
		Thresholds:  []string{"SectorFighterStreak"}},
	{ID: "R8", Mode: ModeEnforce, Status: StatusConfirmedOld,
		Unconfirmed: "the current threshold under TT 02/2024 and NĐ 98/152",
		Summary:     "Sector Emulation Fighter needs at least 90% of the total council members in favour, by secret ballot",
		SummaryVI:   "Chiến sĩ thi đua ngành phải được từ 90% trở lên tổng số thành viên Hội đồng TĐKT ngành đồng ý, bỏ phiếu kín",
		Citation:    "TT 01/2019/TT-VKSTC, Điều 16; NĐ 91/2017/NĐ-CP, Điều 45 k8 (chế độ cũ)",
		Periods:     periodsTT01,
		Thresholds:  []string{"SectorFighterVote"}},
	{ID: "R9", Mode: ModeEnforce, Status: StatusConfirmed,
		Summary:    "National Emulation Fighter requires consecutive Sector Emulation Fighter titles and an initiative of national scope recognized by the head of the sector",
		SummaryVI:  "Chiến sĩ thi đua toàn quốc phải có 02 lần liên tục đạt Chiến sĩ thi đua ngành và sáng kiến có phạm vi ảnh hưởng toàn quốc do người đứng đầu ngành công nhận",
		Citation:   "Luật TĐKT 2022, Điều 21",
		Periods:    periodsLaw2022,
		Thresholds: []string{"NationalFighterStreak"}},
	{ID: "R10", Mode: ModeEnforce, Status: StatusConfirmedExample,
		Summary:   "National Emulation Fighter and Labour Order proposals need a closed public-consultation window before submission",
		SummaryVI: "Hồ sơ đề nghị Chiến sĩ thi đua toàn quốc, Huân chương phải lấy ý kiến nhân dân và kết thúc trước khi trình",
		Citation:  "NĐ 98/2023/NĐ-CP, Điều 46 k2; NĐ 152/2025/NĐ-CP, Điều 44 k2",
		Periods: []RulePeriod{
			{Regime: RegimeND98_2023, From: law2022From, To: nd98To, Citation: "NĐ 98/2023/NĐ-CP, Điều 46 k2", Status: StatusConfirmedExample},
			{Regime: RegimeND152_2025, From: nd152From, Citation: "NĐ 152/2025/NĐ-CP, Điều 44 k2", Status: StatusConfirmedExample},
		}},
	{ID: "R11", Mode: ModeEnforce, Status: StatusConfirmed,
		Summary:    "Advanced Collective: at least 70% of members Advanced Workers; no member disciplined with a warning or above in the year",
		SummaryVI:  "Tập thể lao động tiên tiến: từ 70% cá nhân đạt Lao động tiên tiến trở lên và không có cá nhân bị kỷ luật từ cảnh cáo trở lên trong năm",
		Citation:   "Luật TĐKT 2022, Điều 28 k1",
		Periods:    periodsLaw2022,
		Thresholds: []string{"CollectiveAdvancedShare"}},
	{ID: "R12", Mode: ModeEnforce, Status: StatusConfirmed,
		Summary:    "Excellent Collective: all members at least 'completed'; at least 70% Advanced Workers; at least one Grassroots Emulation Fighter; unit rated excellent",
		SummaryVI:  "Tập thể lao động xuất sắc: 100% cá nhân hoàn thành nhiệm vụ, từ 70% đạt Lao động tiên tiến, có cá nhân đạt Chiến sĩ thi đua cơ sở, tập thể hoàn thành xuất sắc nhiệm vụ",
		Citation:   "Luật TĐKT 2022, Điều 27; TT 02/2024/TT-VKSTC, Điều 18 k1",
		Periods:    periodsLaw2022,
		Thresholds: []string{"CollectiveAdvancedShare"}},
	{ID: "R13", Mode: ModeEnforce, Status: StatusConfirmed,
		Unconfirmed: "the rounding (floor by default) and the pool the 20% is computed over (flagged)",
		Summary:     "Excellent Collectives at most 20% of the units rated Advanced Collective; if 20% is less than one, one",
		SummaryVI:   "Số Tập thể lao động xuất sắc không quá 20% số tập thể đạt Tập thể lao động tiên tiến; nếu 20% nhỏ hơn 01 thì được 01",
		Citation:    "TT 02/2024/TT-VKSTC, Điều 18 k2",
		Periods:     periodsTT02,
		Thresholds:  []string{"ExcellentCollectiveQuota"}},
	{ID: "R14", Mode: ModeEnforce, Status: StatusConfirmed,
		Summary:   "Sector Emulation Flag only for the acclaimed leader of a sector-organised cluster or block in the year that meets the Excellent Collective standard",
		SummaryVI: "Cờ thi đua của ngành chỉ tặng tập thể dẫn đầu cụm, khối thi đua do Ngành tổ chức trong năm và đạt tiêu chuẩn Tập thể lao động xuất sắc",
		Citation:  "TT 02/2024/TT-VKSTC, Điều 17",
		Periods:   periodsTT02},
	{ID: "R15", Mode: ModeFlag, Status: StatusConfirmedOld,
		Summary:    "Sector Emulation Flag needs at least 80% of the cluster's members in favour",
		SummaryVI:  "Cờ thi đua của ngành phải được từ 80% trở lên số thành viên cụm, khối đồng ý",
		Citation:   "TT 01/2019/TT-VKSTC, Điều 20 (chế độ cũ)",
		Periods:    periodsTT01,
		Thresholds: []string{"SectorFlagClusterVote"}},
	{ID: "R16", Mode: ModeFlag, Status: StatusConfirmed,
		Unconfirmed: "'exactly one' leading unit is an inference",
		Summary:     "At most one leading unit (one Sector Emulation Flag) per cluster or block per year",
		SummaryVI:   "Mỗi cụm, khối thi đua mỗi năm chỉ có một tập thể dẫn đầu (một Cờ thi đua của ngành)",
		Citation:    "TT 02/2024/TT-VKSTC, Điều 17",
		Periods:     periodsTT02},
	{ID: "R17", Mode: ModeEnforce, Status: StatusConfirmed,
		Summary:   "Government Emulation Flag candidate must lead a cluster or block (k1, k2) or a Prime Minister's movement of at least 5 years at its review (k3)",
		SummaryVI: "Cờ thi đua của Chính phủ chỉ xét tập thể dẫn đầu cụm, khối thi đua (k1, k2) hoặc dẫn đầu phong trào thi đua do Thủ tướng phát động từ 05 năm trở lên (k3)",
		Citation:  "Luật TĐKT 2022, Điều 25",
		Periods:   periodsLaw2022},
	{ID: "R18", Mode: ModeFlag, Status: StatusConfirmedOld,
		Unconfirmed: "the current quota",
		Summary:     "Government Emulation Flag proposals at most 20% of the cluster and block leaders; minutes must name the cluster led",
		SummaryVI:   "Số đề nghị Cờ thi đua của Chính phủ không quá 20% số tập thể dẫn đầu cụm, khối; biên bản phải nêu cụm, khối dẫn đầu",
		Citation:    "CV 5007/BNV-TĐKT ngày 05/9/2023; NĐ 91/2017/NĐ-CP, Điều 11 (chế độ cũ)",
		Periods:     []RulePeriod{{Regime: RegimeND91_2017, Citation: "NĐ 91/2017/NĐ-CP, Điều 11", Status: StatusConfirmedOld}},
		Thresholds:  []string{"GovernmentFlagQuota"}},
	{ID: "R19", Mode: ModeEnforce, Status: StatusConfirmed,
		Summary:    "Procurator General's Certificate of Merit (individual, point d): 2 consecutive Grassroots Emulation Fighter titles, or at least 2 consecutive excellent years with 2 grassroots initiatives (or 2 research works) in that span",
		SummaryVI:  "Bằng khen của Viện trưởng VKSNDTC (cá nhân, điểm d): 02 lần liên tục đạt Chiến sĩ thi đua cơ sở, hoặc 02 năm liên tục hoàn thành xuất sắc nhiệm vụ và có 02 sáng kiến (hoặc 02 đề tài) được công nhận trong thời gian đó",
		Citation:   "Luật TĐKT 2022, Điều 74 k1 d",
		Periods:    periodsLaw2022,
		Thresholds: []string{"CertificateStreak", "CertificateInitiatives"}},
	{ID: "R19a", Mode: ModeEnforce, Status: StatusConfirmed,
		Unconfirmed: "it is an interpretation (Bộ Nội vụ's answer), not statute text",
		Summary:     "Initiatives or research already used for a Grassroots Emulation Fighter title do not count again toward the 2 initiatives of Điều 74 k1 d",
		SummaryVI:   "Sáng kiến, đề tài đã dùng làm căn cứ xét Chiến sĩ thi đua cơ sở không được tính lại vào 02 sáng kiến của điểm d khoản 1 Điều 74",
		Citation:    "Luật TĐKT 2022, Điều 74 k1 d (giải đáp của Bộ Nội vụ)",
		Periods:     periodsLaw2022,
		Thresholds:  []string{"CertificateInitiatives"}},
	{ID: "R19b", Mode: ModeEnforce, Status: StatusConfirmed,
		Summary:    "Prime Minister's Certificate of Merit (individual, point b): holds a sector Certificate of Merit; at least 5 consecutive years rated 'completed well' or above up to the proposal; 3 Grassroots Emulation Fighter titles in that window",
		SummaryVI:  "Bằng khen của Thủ tướng Chính phủ (cá nhân, điểm b): đã có Bằng khen cấp bộ, ngành; 05 năm liên tục trở lên hoàn thành tốt nhiệm vụ tính đến thời điểm đề nghị; có 03 lần Chiến sĩ thi đua cơ sở trong thời gian đó",
		Citation:   "Luật TĐKT 2022, Điều 73 k1 b",
		Periods:    periodsLaw2022,
		Thresholds: []string{"PMCertificateYears", "PMCertificateGrassrootsTitles"}},
	{ID: "R20", Mode: ModeEnforce, Status: StatusConfirmedOld,
		Unconfirmed: "the terms under TT 02/2024",
		Summary:     "Commemorative Medal 'For the Procuracy cause': at most once per person; at least 15 years of continuous service",
		SummaryVI:   "Kỷ niệm chương “Vì sự nghiệp Kiểm sát”: mỗi người chỉ được tặng một lần; có từ 15 năm công tác liên tục trở lên",
		Citation:    "TT 01/2019/TT-VKSTC (chế độ cũ)",
		Periods:     []RulePeriod{{Regime: RegimeTT01_2019, Citation: citeTT01, Status: StatusConfirmedOld}},
		Thresholds:  []string{"CommemorativeMedalServiceYears"}},
	{ID: "R21", Mode: ModeFlag, Status: StatusConfirmed,
		Unconfirmed: "the article number",
		Summary:     "One achievement, one award: the same subject, year and achievement may not back two titles or forms",
		SummaryVI:   "Không khen thưởng nhiều lần, nhiều hình thức cho một thành tích đạt được",
		Citation:    "Luật TĐKT 2022, Chương I (nguyên tắc khen thưởng)",
		Periods:     periodsLaw2022},
	{ID: "R22", Mode: ModeEnforce, Status: StatusConfirmed,
		Summary:   "Ad-hoc and thematic awards may not be counted as prerequisites for merit proposals",
		SummaryVI: "Kết quả khen thưởng đột xuất, theo chuyên đề không được dùng làm căn cứ đề nghị khen thưởng theo công trạng",
		Citation:  citeND98Art4,
		Periods:   periodsND98},
	{ID: "R23", Mode: ModeEnforce, Status: StatusConfirmed,
		Summary:   "No proposal or decision while a discipline, investigation, inspection or complaint proceeding is open",
		SummaryVI: "Chưa khen thưởng, đề nghị khen thưởng khi đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc có đơn khiếu nại, tố cáo đang xác minh",
		Citation:  citeND98Art4,
		Periods:   periodsND98},
	{ID: "R24", Mode: ModeEnforce, Status: StatusConfirmed,
		Unconfirmed: "how a year in which the discipline period ended counts (conservatively: it does not)",
		Summary:     "After a discipline period, achievements count from the end of the discipline",
		SummaryVI:   "Sau khi hết thời hạn kỷ luật, thành tích được tính từ khi chấm dứt thời hạn kỷ luật",
		Citation:    citeND98Art4,
		Periods:     periodsND98},
	{ID: "R25", Mode: ModeEnforce, Status: StatusConfirmed,
		Unconfirmed: "the article number (inferred)",
		Summary:     "A revocation must cite one of Điều 93 k2 a–d and record recovery of insignia and cash; dependent awards are flagged for review",
		SummaryVI:   "Hủy bỏ quyết định khen thưởng phải nêu một trong các căn cứ tại điểm a–d khoản 2 Điều 93 và ghi nhận việc thu hồi hiện vật, tiền thưởng",
		Citation:    "Luật TĐKT 2022, Điều 93 k2",
		Periods:     periodsLaw2022},
	{ID: "R26", Mode: ModeEnforce, Status: StatusConfirmedOld,
		Summary:   "A cluster leader or deputy cannot be a unit that was 'not considered for emulation' the previous year",
		SummaryVI: "Đơn vị không được xét thi đua năm trước liền kề không được giới thiệu làm cụm trưởng, cụm phó",
		Citation:  citeCluster,
		Periods:   periodsCluster},
	{ID: "R27", Mode: ModeFlag, Status: StatusConfirmedOld,
		Summary:   "Cluster leadership rotates: the same unit should not lead two consecutive years",
		SummaryVI: "Cụm trưởng, khối trưởng luân phiên hằng năm: một đơn vị không làm cụm trưởng hai năm liên tiếp",
		Citation:  citeCluster,
		Periods:   periodsCluster},
	{ID: "R28", Mode: ModeEnforce, Status: StatusConfirmedExample,
		Summary:   "Each cluster or block has exactly one leader and one deputy per year, both members",
		SummaryVI: "Mỗi cụm, khối mỗi năm có đúng một đơn vị trưởng và một đơn vị phó, đều là thành viên của cụm, khối",
		Citation:  "Thực tiễn cụm, khối thi đua ngành KSND",
		Periods:   periodsPractice},
	{ID: "R29", Mode: ModeFlag, Status: StatusConfirmedOld,
		Summary:   "Every cluster or block has an assigned sector council member for the year",
		SummaryVI: "Mỗi cụm, khối có thành viên Hội đồng TĐKT ngành được phân công theo dõi, phụ trách trong năm",
		Citation:  citeCluster,
		Periods:   periodsCluster},
	{ID: "R30", Mode: ModeEnforce, Status: StatusConfirmed,
		Summary:   "Initiative recognition requires a first or trial application before the recognition date, and novelty against earlier filings in the same unit",
		SummaryVI: "Sáng kiến chỉ được công nhận khi đã được áp dụng hoặc áp dụng thử trước ngày công nhận và có tính mới so với các đơn đã nộp trước tại cơ sở",
		Citation:  "NĐ 13/2012/NĐ-CP, Điều 3–4",
		Periods:   []RulePeriod{{Citation: "NĐ 13/2012/NĐ-CP", From: ruleDate(2012, time.March, 2), Status: StatusConfirmed}}},
	{ID: "R31", Mode: ModeEnforce, Status: StatusConfirmed,
		Summary:    "An initiative council decision needs at least 2/3 of the members; an author who heads the unit is excluded",
		SummaryVI:  "Quyết định của Hội đồng sáng kiến phải được từ 2/3 số thành viên đồng ý; thủ trưởng là tác giả sáng kiến không tham gia Hội đồng",
		Citation:   "TT 18/2013/TT-BKHCN, Điều 8",
		Periods:    []RulePeriod{{Citation: "TT 18/2013/TT-BKHCN", Status: StatusConfirmed}},
		Thresholds: []string{"InitiativeCouncilVote"}},
	{ID: "R32", Mode: ModeEnforce, Status: StatusConfirmed,
		Summary:   "Initiative scope only escalates grassroots → sector → national, each step by the competent recognizer",
		SummaryVI: "Phạm vi ảnh hưởng của sáng kiến chỉ được nâng theo thứ tự cơ sở → toàn ngành → toàn quốc, mỗi bước do cấp có thẩm quyền công nhận",
		Citation:  "Luật TĐKT 2022, Điều 21 k2, Điều 22, Điều 23",
		Periods:   periodsLaw2022},
	{ID: "R33", Mode: ModeEnforce, Status: StatusConfirmed,
		Unconfirmed: "the item list is the older national guidance ([C-old])",
		Summary:     "A dossier must hold the items required for its award kind",
		SummaryVI:   "Hồ sơ đề nghị khen thưởng phải có đủ thành phần theo từng danh hiệu, hình thức",
		Citation:    "NĐ 98/2023/NĐ-CP, Phụ lục I; hướng dẫn của Ban Thi đua - Khen thưởng Trung ương",
		Periods:     periodsND98},
	{ID: "R34", Mode: ModeEnforce, Status: StatusConfirmed,
		Unconfirmed: "the full competence matrix",
		Summary:     "The decision issuer must hold competence for the award (matrix as data)",
		SummaryVI:   "Người ký quyết định khen thưởng phải có thẩm quyền đối với danh hiệu, hình thức đó",
		Citation:    "TT 02/2024/TT-VKSTC (thẩm quyền khen thưởng)",
		Periods:     periodsTT02},
	{ID: "R35", Mode: ModeEnforce, Status: StatusConfirmed,
		Unconfirmed: "the multipliers under NĐ 152/2025 other than CSTĐTQ, CSTĐ ngành and LĐTT",
		Summary:     "Bonus amount = multiplier(regime, award) × base salary at the decision date",
		SummaryVI:   "Tiền thưởng = hệ số (theo chế độ, danh hiệu) × mức lương cơ sở tại ngày quyết định",
		Citation:    "NĐ 98/2023/NĐ-CP, Điều 54",
		Periods: []RulePeriod{
			{Regime: RegimeND98_2023, From: law2022From, To: nd98To, Citation: "NĐ 98/2023/NĐ-CP, Điều 54", Status: StatusConfirmed},
			{Regime: RegimeND152_2025, From: nd152From, Citation: "NĐ 152/2025/NĐ-CP", Status: StatusConfirmed},
		},
		Thresholds: []string{"BonusMultipliers"}},
	{ID: "R36", Mode: ModeEnforce, Status: StatusConfirmed,
		Summary:   "Units dissolved or merged (from 01/07/2025) cannot receive new proposals; streaks need a successor mapping",
		SummaryVI: "Đơn vị đã giải thể, hợp nhất, sáp nhập (từ 01/7/2025) không được đề nghị khen thưởng mới; chuỗi danh hiệu cần có đơn vị kế thừa",
		Citation:  "Luật 82/2025/QH15; NQ 84/2025/UBTVQH15",
		Periods:   []RulePeriod{{From: reorgFrom, Citation: "Luật 82/2025/QH15; NQ 84/2025/UBTVQH15", Status: StatusConfirmed}}},
	{ID: "R-U1", Mode: ModeFlag, Status: StatusUnconfirmed,
		Summary:    "Whether 'consecutive' survives a year with no evaluation (long leave, secondment)",
		SummaryVI:  "Năm không được đánh giá (nghỉ dài, biệt phái) có làm gián đoạn tính “liên tục” hay không",
		Citation:   citeUnsettled,
		Periods:    periodsUnsettled,
		Thresholds: []string{"StreakGap"}},
	{ID: "R-U2", Mode: ModeFlag, Status: StatusUnconfirmed,
		Summary:    "Whether a person's Grassroots Emulation Fighter streak survives a transfer between units",
		SummaryVI:  "Chuỗi Chiến sĩ thi đua cơ sở của cá nhân có được giữ khi điều động, chuyển công tác hay không",
		Citation:   citeUnsettled,
		Periods:    periodsUnsettled,
		Thresholds: []string{"StreakTransfer"}},
	{ID: "R-U3", Mode: ModeFlag, Status: StatusUnconfirmed,
		Summary:    "Whether a merged unit inherits its predecessors' title streaks",
		SummaryVI:  "Đơn vị hợp nhất, sáp nhập có được kế thừa chuỗi danh hiệu của các đơn vị cũ hay không",
		Citation:   citeUnsettled,
		Periods:    periodsUnsettled,
		Thresholds: []string{"MergerSuccession"}},
}
