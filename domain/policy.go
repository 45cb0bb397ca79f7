package domain

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Thresholds as configuration. Every number a rule reads lives in a Policy,
// keyed by the date it took effect, so Policy.At(date) answers what applied
// on that date: the LĐTT recruitment minimum is 10 months on 30/09/2024 and
// 6 months on 01/10/2024. DefaultPolicy records each default with its source
// and how sure we are of it ([C], [C-old], [U]); values from superseded
// regimes or unconfirmed sources are defaults a council may change, not law.

// Ratio is an exact fraction Num/Den, used for shares (70%), vote
// thresholds (2/3) and bonus multipliers (4,5). Exact integer arithmetic
// keeps "at least 90% of 10 members" from depending on floating point.
type Ratio struct {
	Num, Den int64
}

// Percent returns the Ratio p/100.
func Percent(p int64) Ratio { return Ratio{p, 100} }

// Reached reports whether part/whole ≥ r. A zero whole never reaches a
// threshold.
func (r Ratio) Reached(part, whole int) bool {
	if whole <= 0 || r.Den <= 0 {
		return false
	}
	return int64(part)*r.Den >= r.Num*int64(whole)
}

// String writes r the way Vietnamese documents do: "70%" for hundredths,
// "4,5" for multipliers in tenths, otherwise "2/3".
func (r Ratio) String() string {
	switch {
	case r.Den == 100:
		return strconv.FormatInt(r.Num, 10) + "%"
	case r.Den == 1:
		return strconv.FormatInt(r.Num, 10)
	case r.Den == 10:
		return strconv.FormatInt(r.Num/10, 10) + "," + strconv.FormatInt(r.Num%10, 10)
	}
	return fmt.Sprintf("%d/%d", r.Num, r.Den)
}

// Rounding says how a quota's fractional count is rounded.
type Rounding struct{ s string }

// Roundings.
var (
	// RoundFloor rounds down: 20% of 7 is 1.
	RoundFloor = Rounding{"floor"}
	// RoundCeil rounds up: 20% of 7 is 2.
	RoundCeil = Rounding{"ceil"}
	// RoundHalfUp rounds to nearest, halves up: 20% of 7 (1,4) is 1,
	// 20% of 8 (1,6) is 2.
	RoundHalfUp = Rounding{"halfUp"}
)

// String returns the rounding's code.
func (r Rounding) String() string { return r.s }

// Label returns the Vietnamese name.
func (r Rounding) Label() string {
	switch r {
	case RoundFloor:
		return "làm tròn xuống"
	case RoundCeil:
		return "làm tròn lên"
	case RoundHalfUp:
		return "làm tròn gần nhất"
	}
	return ""
}

// Quota is "at most Share of a pool, rounded, but at least Min (never more
// than the pool)".
type Quota struct {
	Share    Ratio
	Min      int
	Rounding Rounding
	// RoundingStatus says how sure we are of the rounding rule; R13's is
	// [U] (the circular says "20%, if less than 1 then 1" only).
	RoundingStatus RuleStatus
}

// Allowed returns how many of a pool of n may be selected: 0 for an empty
// pool; otherwise Share×n rounded, raised to Min, capped at n.
func (q Quota) Allowed(n int) int {
	if n <= 0 || q.Share.Den <= 0 {
		return 0
	}
	num, den := q.Share.Num*int64(n), q.Share.Den
	var v int64
	switch q.Rounding {
	case RoundCeil:
		v = (num + den - 1) / den
	case RoundHalfUp:
		v = (2*num + den) / (2 * den)
	default:
		v = num / den
	}
	out := int(v)
	out = max(out, q.Min)
	return min(out, n)
}

// String describes q in Vietnamese, e.g. "20%, tối thiểu 1, làm tròn xuống".
func (q Quota) String() string {
	s := q.Share.String()
	if q.Min > 0 {
		s += fmt.Sprintf(", tối thiểu %d", q.Min)
	}
	return s + ", " + q.Rounding.Label()
}

// BonusMultiplier is the cash bonus of one award kind as a multiple of the
// base salary (lương cơ sở).
type BonusMultiplier struct {
	Kind   AwardKind
	Factor Ratio
	Status RuleStatus
}

// Dated is one value of a threshold and the day it took effect.
type Dated[T any] struct {
	// From is the first day the value applies; zero means it applies to
	// every date before the next entry.
	From   Date
	Value  T
	Regime Regime
	Status RuleStatus
	// Source is the citation the value comes from.
	Source string
	// Note explains a default or an open question, or "".
	Note string
}

// Known reports whether the entry holds a value (the zero Dated, returned
// when no entry applies, does not).
func (d Dated[T]) Known() bool { return !d.Status.IsZero() }

// Schedule is a threshold's history: entries in increasing From order.
type Schedule[T any] []Dated[T]

// At returns the entry in force on d: the last one whose From is zero or on
// or before d. ok is false if none applies.
func (s Schedule[T]) At(d Date) (Dated[T], bool) {
	var out Dated[T]
	ok := false
	for _, e := range s {
		if e.From.IsZero() || !e.From.After(d) {
			out, ok = e, true
		}
	}
	return out, ok
}

// GapPolicy answers R-U1: does a year in which the person or unit was not
// evaluated at all (long leave, secondment) break a "consecutive" streak?
type GapPolicy struct{ s string }

// Gap policies.
var (
	// GapBreaksStreak (default, conservative): any year without the title
	// ends the streak.
	GapBreaksStreak = GapPolicy{"breaks"}
	// GapSkipsUnevaluatedYear: a year with no rating at all is passed
	// over; the years on either side count as consecutive.
	GapSkipsUnevaluatedYear = GapPolicy{"skips"}
)

// String returns the option's code.
func (g GapPolicy) String() string { return g.s }

// TransferPolicy answers R-U2: does a person's streak survive a transfer
// between units?
type TransferPolicy struct{ s string }

// Transfer policies.
var (
	// TransferKeepsStreak (default): titles belong to the person, so a
	// transfer within the sector keeps the streak.
	TransferKeepsStreak = TransferPolicy{"keeps"}
	// TransferResetsStreak: only years from the transfer year on count.
	TransferResetsStreak = TransferPolicy{"resets"}
)

// String returns the option's code.
func (t TransferPolicy) String() string { return t.s }

// SuccessionPolicy answers R-U3: does a unit formed by a merger inherit its
// predecessors' titles for streaks?
type SuccessionPolicy struct{ s string }

// Succession policies.
var (
	// SuccessionAsDeclared (default): only when the UnitsMerged event's
	// titleSuccessionPolicy says so (UnitChangeFact.Inherits).
	SuccessionAsDeclared = SuccessionPolicy{"asDeclared"}
	// SuccessionNever: a merged unit starts with no history.
	SuccessionNever = SuccessionPolicy{"never"}
	// SuccessionAlways: a merged unit inherits every predecessor's titles.
	SuccessionAlways = SuccessionPolicy{"always"}
)

// String returns the option's code.
func (s SuccessionPolicy) String() string { return s.s }

// Policy is the configuration the rules read: each threshold's history, and
// the answers to the open questions R-U1..R-U3. Build one with
// DefaultPolicy and change what a council decides otherwise.
type Policy struct {
	// R2: minimum months from recruitment to 31/12 for LĐTT.
	RecruitmentMinMonths Schedule[int]
	// R3: leave of at least LeaveMinMonths and less than LeaveMaxMonths in
	// the year bars LĐTT.
	LeaveMinMonths Schedule[int]
	LeaveMaxMonths Schedule[int]
	// R3: leave reasons that count as working time (not leave).
	LeaveExemptReasons Schedule[[]LeaveReason]
	// R6: CSTĐCS at most this share of the LĐTT.
	GrassrootsFighterCap Schedule[Quota]
	// R7: consecutive CSTĐCS titles for CSTĐ ngành.
	SectorFighterStreak Schedule[int]
	// R8: council vote for CSTĐ ngành, of the total members.
	SectorFighterVote Schedule[Ratio]
	// R9: consecutive CSTĐ ngành titles for CSTĐ toàn quốc.
	NationalFighterStreak Schedule[int]
	// R11, R12: share of members with LĐTT.
	CollectiveAdvancedShare Schedule[Ratio]
	// R13: TTLĐXS quota over the units rated TTLĐTT.
	ExcellentCollectiveQuota Schedule[Quota]
	// R15: cluster vote for the sector flag.
	SectorFlagClusterVote Schedule[Ratio]
	// R18: Cờ CP proposals over the cluster leaders.
	GovernmentFlagQuota Schedule[Quota]
	// R19: consecutive CSTĐCS titles (or HTXS years) for Bằng khen Viện
	// trưởng, and the initiatives needed with the HTXS years.
	CertificateStreak      Schedule[int]
	CertificateInitiatives Schedule[int]
	// R19b: consecutive years rated ≥ HTT, and CSTĐCS titles within them,
	// for Bằng khen Thủ tướng.
	PMCertificateYears            Schedule[int]
	PMCertificateGrassrootsTitles Schedule[int]
	// R20: years of continuous service for the commemorative medal.
	CommemorativeMedalServiceYears Schedule[int]
	// R31: initiative council agreement.
	InitiativeCouncilVote Schedule[Ratio]
	// R35: bonus multipliers by award kind.
	BonusMultipliers Schedule[[]BonusMultiplier]

	// R-U1, R-U2, R-U3: the open questions, answered.
	StreakGap        GapPolicy
	StreakTransfer   TransferPolicy
	MergerSuccession SuccessionPolicy
}

const (
	srcLaw     = "Luật TĐKT 2022"
	srcND98_54 = "NĐ 98/2023/NĐ-CP, Điều 54"
)

// DefaultPolicy returns the defaults, each with its source and status:
//
//   - RecruitmentMinMonths (R2): 10 under TT 01/2019/TT-VKSTC [C-old], 6 from
//     01/10/2024 under TT 02/2024/TT-VKSTC [C].
//   - LeaveMinMonths/LeaveMaxMonths (R3): 3 and 6 from 01/10/2024 [C]; the
//     same values before, as TT 01/2019's rule was not read [U].
//   - LeaveExemptReasons (R3): statutory maternity leave counts as working
//     time (NĐ 98/2023 Điều 4) [C]; the Điều 15 k2 exceptions are [U].
//   - GrassrootsFighterCap (R6): 15%, floor, flag (NĐ 91/2017 Điều 9 k3)
//     [C-old].
//   - SectorFighterStreak 3 (R7, Điều 22), NationalFighterStreak 2 (R9,
//     Điều 21), CertificateStreak 2 and CertificateInitiatives 2 (R19,
//     Điều 74 k1 d), PMCertificateYears 5 and PMCertificateGrassrootsTitles
//     3 (R19b, Điều 73 k1 b): Luật TĐKT 2022 [C].
//   - SectorFighterVote 90% (R8, TT 01/2019 Điều 16) [C-old].
//   - CollectiveAdvancedShare 70% (R11/R12, Điều 27–28) [C].
//   - ExcellentCollectiveQuota (R13): 20%, minimum 1 (TT 02/2024 Điều 18
//     k2) [C]; rounding down [U].
//   - SectorFlagClusterVote 80% (R15, TT 01/2019 Điều 20) [C-old].
//   - GovernmentFlagQuota 20% floor (R18, NĐ 91/2017 Điều 11) [C-old].
//   - CommemorativeMedalServiceYears 15 (R20, TT 01/2019) [C-old].
//   - InitiativeCouncilVote 2/3 (R31, TT 18/2013 Điều 8) [C].
//   - BonusMultipliers (R35): NĐ 98/2023 Điều 54 from 01/01/2024 [C]
//     (CSTĐTQ 4,5; CSTĐ ngành 3,0; CSTĐCS 1,0; LĐTT 0,3; TTLĐXS 1,5; TTLĐTT
//     0,8; Cờ CP 12,0); from 01/07/2025 (NĐ 152/2025, date [U]) the same
//     values, [C] for CSTĐTQ, CSTĐ ngành and LĐTT and [U] for the rest.
//   - StreakGap (R-U1) GapBreaksStreak; StreakTransfer (R-U2)
//     TransferKeepsStreak; MergerSuccession (R-U3) SuccessionAsDeclared —
//     all [U], chosen as the conservative reading.
func DefaultPolicy() Policy {
	nd98 := func(k AwardKind, num int64) BonusMultiplier {
		return BonusMultiplier{Kind: k, Factor: Ratio{num, 10}, Status: StatusConfirmed}
	}
	nd152 := func(k AwardKind, num int64, st RuleStatus) BonusMultiplier {
		return BonusMultiplier{Kind: k, Factor: Ratio{num, 10}, Status: st}
	}
	return Policy{
		RecruitmentMinMonths: Schedule[int]{
			{Value: 10, Regime: RegimeTT01_2019, Status: StatusConfirmedOld, Source: citeTT01},
			{From: tt02From, Value: 6, Regime: RegimeTT02_2024, Status: StatusConfirmed, Source: citeTT02 + "; TT 01/2024/TT-BNV"},
		},
		LeaveMinMonths: Schedule[int]{
			{Value: 3, Regime: RegimeTT01_2019, Status: StatusUnconfirmed, Source: citeTT01, Note: "giá trị của TT 01/2019 chưa đọc được; dùng giá trị của TT 02/2024"},
			{From: tt02From, Value: 3, Regime: RegimeTT02_2024, Status: StatusConfirmed, Source: citeTT02},
		},
		LeaveMaxMonths: Schedule[int]{
			{Value: 6, Regime: RegimeTT01_2019, Status: StatusUnconfirmed, Source: citeTT01, Note: "giá trị của TT 01/2019 chưa đọc được; dùng giá trị của TT 02/2024"},
			{From: tt02From, Value: 6, Regime: RegimeTT02_2024, Status: StatusConfirmed, Source: citeTT02},
		},
		LeaveExemptReasons: Schedule[[]LeaveReason]{
			{Value: []LeaveReason{LeaveMaternity}, Regime: RegimeND98_2023, Status: StatusConfirmed, Source: "NĐ 98/2023/NĐ-CP, Điều 4",
				Note: "thời gian nghỉ thai sản theo chế độ được tính để xét; các ngoại lệ khác tại Điều 15 k2 TT 02/2024 chưa xác nhận"},
		},
		GrassrootsFighterCap: Schedule[Quota]{
			{Value: Quota{Share: Percent(15), Rounding: RoundFloor, RoundingStatus: StatusUnconfirmed}, Regime: RegimeND91_2017, Status: StatusConfirmedOld, Source: "NĐ 91/2017/NĐ-CP, Điều 9 k3",
				Note: "tỷ lệ hiện hành chưa xác nhận; chỉ cảnh báo"},
		},
		SectorFighterStreak:   Schedule[int]{{Value: 3, Regime: RegimeLaw06_2022, Status: StatusConfirmed, Source: srcLaw + ", Điều 22"}},
		SectorFighterVote:     Schedule[Ratio]{{Value: Percent(90), Regime: RegimeTT01_2019, Status: StatusConfirmedOld, Source: citeTT01 + ", Điều 16", Note: "ngưỡng hiện hành chưa xác nhận"}},
		NationalFighterStreak: Schedule[int]{{Value: 2, Regime: RegimeLaw06_2022, Status: StatusConfirmed, Source: srcLaw + ", Điều 21"}},
		CollectiveAdvancedShare: Schedule[Ratio]{
			{Value: Percent(70), Regime: RegimeLaw06_2022, Status: StatusConfirmed, Source: srcLaw + ", Điều 27, Điều 28 k1"},
		},
		ExcellentCollectiveQuota: Schedule[Quota]{
			{Value: Quota{Share: Percent(20), Min: 1, Rounding: RoundFloor, RoundingStatus: StatusUnconfirmed}, Regime: RegimeTT02_2024, Status: StatusConfirmed, Source: citeTT02 + ", Điều 18 k2",
				Note: "cách làm tròn (mặc định làm tròn xuống) và phạm vi tính 20% chưa xác nhận [U]"},
		},
		SectorFlagClusterVote: Schedule[Ratio]{{Value: Percent(80), Regime: RegimeTT01_2019, Status: StatusConfirmedOld, Source: citeTT01 + ", Điều 20"}},
		GovernmentFlagQuota: Schedule[Quota]{
			{Value: Quota{Share: Percent(20), Rounding: RoundFloor, RoundingStatus: StatusUnconfirmed}, Regime: RegimeND91_2017, Status: StatusConfirmedOld, Source: "NĐ 91/2017/NĐ-CP, Điều 11; CV 5007/BNV-TĐKT",
				Note: "tỷ lệ hiện hành chưa xác nhận; chỉ cảnh báo"},
		},
		CertificateStreak:              Schedule[int]{{Value: 2, Regime: RegimeLaw06_2022, Status: StatusConfirmed, Source: srcLaw + ", Điều 74 k1 d"}},
		CertificateInitiatives:         Schedule[int]{{Value: 2, Regime: RegimeLaw06_2022, Status: StatusConfirmed, Source: srcLaw + ", Điều 74 k1 d"}},
		PMCertificateYears:             Schedule[int]{{Value: 5, Regime: RegimeLaw06_2022, Status: StatusConfirmed, Source: srcLaw + ", Điều 73 k1 b"}},
		PMCertificateGrassrootsTitles:  Schedule[int]{{Value: 3, Regime: RegimeLaw06_2022, Status: StatusConfirmed, Source: srcLaw + ", Điều 73 k1 b"}},
		CommemorativeMedalServiceYears: Schedule[int]{{Value: 15, Regime: RegimeTT01_2019, Status: StatusConfirmedOld, Source: citeTT01, Note: "điều kiện theo TT 02/2024 chưa xác nhận"}},
		InitiativeCouncilVote:          Schedule[Ratio]{{Value: Ratio{2, 3}, Status: StatusConfirmed, Source: "TT 18/2013/TT-BKHCN, Điều 8"}},
		BonusMultipliers: Schedule[[]BonusMultiplier]{
			{From: law2022From, Regime: RegimeND98_2023, Status: StatusConfirmed, Source: srcND98_54, Value: []BonusMultiplier{
				nd98(TitleNationalEmulationFighter, 45), nd98(TitleSectorEmulationFighter, 30),
				nd98(TitleGrassrootsEmulationFighter, 10), nd98(TitleAdvancedWorker, 3),
				nd98(TitleExcellentCollective, 15), nd98(TitleAdvancedCollective, 8),
				nd98(TitleGovernmentEmulationFlag, 120),
			}},
			{From: nd152From, Regime: RegimeND152_2025, Status: StatusConfirmed, Source: "NĐ 152/2025/NĐ-CP",
				Note: "ngày hiệu lực 01/7/2025 là giả định; hệ số CSTĐCS, TTLĐXS, TTLĐTT, Cờ CP giữ như NĐ 98 [U]",
				Value: []BonusMultiplier{
					nd152(TitleNationalEmulationFighter, 45, StatusConfirmed), nd152(TitleSectorEmulationFighter, 30, StatusConfirmed),
					nd152(TitleGrassrootsEmulationFighter, 10, StatusUnconfirmed), nd152(TitleAdvancedWorker, 3, StatusConfirmed),
					nd152(TitleExcellentCollective, 15, StatusUnconfirmed), nd152(TitleAdvancedCollective, 8, StatusUnconfirmed),
					nd152(TitleGovernmentEmulationFlag, 120, StatusUnconfirmed),
				}},
		},
		StreakGap:        GapBreaksStreak,
		StreakTransfer:   TransferKeepsStreak,
		MergerSuccession: SuccessionAsDeclared,
	}
}

// Thresholds is a Policy as it stood on one date: each threshold's entry in
// force then (Known() is false where the policy has none), and the R-U
// options.
type Thresholds struct {
	Date                           Date
	RecruitmentMinMonths           Dated[int]
	LeaveMinMonths                 Dated[int]
	LeaveMaxMonths                 Dated[int]
	LeaveExemptReasons             Dated[[]LeaveReason]
	GrassrootsFighterCap           Dated[Quota]
	SectorFighterStreak            Dated[int]
	SectorFighterVote              Dated[Ratio]
	NationalFighterStreak          Dated[int]
	CollectiveAdvancedShare        Dated[Ratio]
	ExcellentCollectiveQuota       Dated[Quota]
	SectorFlagClusterVote          Dated[Ratio]
	GovernmentFlagQuota            Dated[Quota]
	CertificateStreak              Dated[int]
	CertificateInitiatives         Dated[int]
	PMCertificateYears             Dated[int]
	PMCertificateGrassrootsTitles  Dated[int]
	CommemorativeMedalServiceYears Dated[int]
	InitiativeCouncilVote          Dated[Ratio]
	BonusMultipliers               Dated[[]BonusMultiplier]
	StreakGap                      GapPolicy
	StreakTransfer                 TransferPolicy
	MergerSuccession               SuccessionPolicy
}

func at[T any](s Schedule[T], d Date) Dated[T] {
	v, _ := s.At(d)
	return v
}

// At returns the thresholds in force on d.
func (p Policy) At(d Date) Thresholds {
	return Thresholds{
		Date:                           d,
		RecruitmentMinMonths:           at(p.RecruitmentMinMonths, d),
		LeaveMinMonths:                 at(p.LeaveMinMonths, d),
		LeaveMaxMonths:                 at(p.LeaveMaxMonths, d),
		LeaveExemptReasons:             at(p.LeaveExemptReasons, d),
		GrassrootsFighterCap:           at(p.GrassrootsFighterCap, d),
		SectorFighterStreak:            at(p.SectorFighterStreak, d),
		SectorFighterVote:              at(p.SectorFighterVote, d),
		NationalFighterStreak:          at(p.NationalFighterStreak, d),
		CollectiveAdvancedShare:        at(p.CollectiveAdvancedShare, d),
		ExcellentCollectiveQuota:       at(p.ExcellentCollectiveQuota, d),
		SectorFlagClusterVote:          at(p.SectorFlagClusterVote, d),
		GovernmentFlagQuota:            at(p.GovernmentFlagQuota, d),
		CertificateStreak:              at(p.CertificateStreak, d),
		CertificateInitiatives:         at(p.CertificateInitiatives, d),
		PMCertificateYears:             at(p.PMCertificateYears, d),
		PMCertificateGrassrootsTitles:  at(p.PMCertificateGrassrootsTitles, d),
		CommemorativeMedalServiceYears: at(p.CommemorativeMedalServiceYears, d),
		InitiativeCouncilVote:          at(p.InitiativeCouncilVote, d),
		BonusMultipliers:               at(p.BonusMultipliers, d),
		StreakGap:                      p.StreakGap,
		StreakTransfer:                 p.StreakTransfer,
		MergerSuccession:               p.MergerSuccession,
	}
}

// Bonus returns the multiplier for kind in t, if any.
func (t Thresholds) Bonus(kind AwardKind) (BonusMultiplier, bool) {
	for _, m := range t.BonusMultipliers.Value {
		if m.Kind == kind {
			return m, true
		}
	}
	return BonusMultiplier{}, false
}

// ThresholdDoc documents one entry of a Policy for people: which threshold,
// which rules read it, from when, its value, regime, status and source.
type ThresholdDoc struct {
	Name   string
	Rules  []string
	From   Date
	Value  string
	Regime Regime
	Status RuleStatus
	Source string
	Note   string
}

func docs[T any](name string, rules []string, s Schedule[T], show func(T) string) []ThresholdDoc {
	out := make([]ThresholdDoc, 0, len(s))
	for _, e := range s {
		out = append(out, ThresholdDoc{Name: name, Rules: rules, From: e.From, Value: show(e.Value),
			Regime: e.Regime, Status: e.Status, Source: e.Source, Note: e.Note})
	}
	return out
}

func showInt(v int) string     { return strconv.Itoa(v) }
func showRatio(v Ratio) string { return v.String() }
func showQuota(v Quota) string { return v.String() }

// Describe lists every entry of p, one ThresholdDoc per dated value, and
// the R-U options, in a fixed order. Every name a Rule lists in Thresholds
// appears here.
func (p Policy) Describe() []ThresholdDoc {
	var out []ThresholdDoc
	add := func(d []ThresholdDoc) { out = append(out, d...) }
	add(docs("RecruitmentMinMonths", []string{"R2"}, p.RecruitmentMinMonths, showInt))
	add(docs("LeaveMinMonths", []string{"R3"}, p.LeaveMinMonths, showInt))
	add(docs("LeaveMaxMonths", []string{"R3"}, p.LeaveMaxMonths, showInt))
	add(docs("LeaveExemptReasons", []string{"R3"}, p.LeaveExemptReasons, func(v []LeaveReason) string {
		s := make([]string, len(v))
		for i, r := range v {
			s[i] = r.Label()
		}
		return strings.Join(s, ", ")
	}))
	add(docs("GrassrootsFighterCap", []string{"R6"}, p.GrassrootsFighterCap, showQuota))
	add(docs("SectorFighterStreak", []string{"R7"}, p.SectorFighterStreak, showInt))
	add(docs("SectorFighterVote", []string{"R8"}, p.SectorFighterVote, showRatio))
	add(docs("NationalFighterStreak", []string{"R9"}, p.NationalFighterStreak, showInt))
	add(docs("CollectiveAdvancedShare", []string{"R11", "R12"}, p.CollectiveAdvancedShare, showRatio))
	add(docs("ExcellentCollectiveQuota", []string{"R13"}, p.ExcellentCollectiveQuota, showQuota))
	add(docs("SectorFlagClusterVote", []string{"R15"}, p.SectorFlagClusterVote, showRatio))
	add(docs("GovernmentFlagQuota", []string{"R18"}, p.GovernmentFlagQuota, showQuota))
	add(docs("CertificateStreak", []string{"R19"}, p.CertificateStreak, showInt))
	add(docs("CertificateInitiatives", []string{"R19", "R19a"}, p.CertificateInitiatives, showInt))
	add(docs("PMCertificateYears", []string{"R19b"}, p.PMCertificateYears, showInt))
	add(docs("PMCertificateGrassrootsTitles", []string{"R19b"}, p.PMCertificateGrassrootsTitles, showInt))
	add(docs("CommemorativeMedalServiceYears", []string{"R20"}, p.CommemorativeMedalServiceYears, showInt))
	add(docs("InitiativeCouncilVote", []string{"R31"}, p.InitiativeCouncilVote, showRatio))
	add(docs("BonusMultipliers", []string{"R35"}, p.BonusMultipliers, func(v []BonusMultiplier) string {
		s := make([]string, len(v))
		for i, m := range v {
			s[i] = m.Kind.Label() + " " + m.Factor.String() + " " + m.Status.Tag()
		}
		return strings.Join(s, "; ")
	}))
	opt := func(name, rule, value, note string) {
		out = append(out, ThresholdDoc{Name: name, Rules: []string{rule}, Value: value,
			Status: StatusUnconfirmed, Source: citeUnsettled, Note: note})
	}
	opt("StreakGap", "R-U1", p.StreakGap.String(), "mặc định: năm không có danh hiệu làm gián đoạn chuỗi liên tục")
	opt("StreakTransfer", "R-U2", p.StreakTransfer.String(), "mặc định: danh hiệu thuộc về cá nhân, chuyển công tác trong ngành vẫn giữ chuỗi")
	opt("MergerSuccession", "R-U3", p.MergerSuccession.String(), "mặc định: đơn vị hợp nhất không kế thừa trừ khi quyết định hợp nhất nêu rõ")
	return out
}

// Validate reports a malformed policy: entries out of date order, ratios
// with a non-positive denominator, or an R-U option not set.
func (p Policy) Validate() error {
	var errs []error
	order := func(name string, froms []Date) {
		for i := 1; i < len(froms); i++ {
			if !froms[i].After(froms[i-1]) {
				errs = append(errs, Errorf(EINVALID, "policy %s: entry %d is not after entry %d", name, i, i-1))
			}
		}
	}
	froms := map[string][]Date{}
	for _, d := range p.Describe() {
		if d.Status == StatusUnconfirmed && d.Source == citeUnsettled {
			continue
		}
		froms[d.Name] = append(froms[d.Name], d.From)
	}
	for _, name := range slices.Sorted(maps.Keys(froms)) {
		order(name, froms[name])
	}
	ratio := func(name string, r Ratio) {
		if r.Den <= 0 || r.Num < 0 {
			errs = append(errs, Errorf(EINVALID, "policy %s: ratio %d/%d", name, r.Num, r.Den))
		}
	}
	for _, e := range p.SectorFighterVote {
		ratio("SectorFighterVote", e.Value)
	}
	for _, e := range p.CollectiveAdvancedShare {
		ratio("CollectiveAdvancedShare", e.Value)
	}
	for _, e := range p.SectorFlagClusterVote {
		ratio("SectorFlagClusterVote", e.Value)
	}
	for _, e := range p.InitiativeCouncilVote {
		ratio("InitiativeCouncilVote", e.Value)
	}
	for _, s := range []Schedule[Quota]{p.GrassrootsFighterCap, p.ExcellentCollectiveQuota, p.GovernmentFlagQuota} {
		for _, e := range s {
			ratio("quota", e.Value.Share)
		}
	}
	if p.StreakGap == (GapPolicy{}) || p.StreakTransfer == (TransferPolicy{}) || p.MergerSuccession == (SuccessionPolicy{}) {
		errs = append(errs, Errorf(EINVALID, "policy: R-U1..R-U3 options must be set"))
	}
	return errors.Join(errs...)
}
