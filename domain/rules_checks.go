package domain

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Standalone rule checks for deciders: each returns nil or a *Error with
// EINVALID, the rule's id and citation, and a Vietnamese message that names
// the rule. Checks that find several failures join them with errors.Join.
// A rule in flag mode (see RuleByID) still returns its error; the caller
// decides to warn rather than refuse.

// QuotaResult is a quota computed over a pool (R6, R13, R18).
type QuotaResult struct {
	RuleID   string
	Citation string
	Mode     RuleMode
	Status   RuleStatus
	// Quota is the policy value applied, with its rounding and the
	// rounding's status ([U] for R13).
	Quota Quota
	// Base is the size of the pool the share is taken of, computed from
	// the facts; Allowed is Quota.Allowed(Base); Selected counts the
	// awarded and proposed subjects together.
	Base, Allowed, Selected int
	Passed                  bool
	Inputs                  []string
	Detail                  string
}

// CheckQuota computes the quota of rule ("R6", "R13" or "R18") for year
// over pool, the subject ids (persons for R6, units for R13 and R18) within
// the deciding body's scope, and checks the awarded plus proposed ids
// against it:
//
//   - R6: base = persons in pool with LĐTT for year; selected = CSTĐCS.
//   - R13: base = units in pool with TTLĐTT for year; selected = TTLĐXS.
//   - R18: base = units in pool acclaimed leaders of a sector or central
//     cluster for year; selected = Cờ thi đua của Chính phủ.
//
// It returns the result and, if the quota is exceeded, the rule's error.
func CheckQuota(p Policy, rule string, year int, pool, proposed []string, f Facts) (QuotaResult, error) {
	t := p.At(YearEnd(year))
	var q Dated[Quota]
	var baseKind, selKind AwardKind
	subject := Unit
	switch rule {
	case "R6":
		q, baseKind, selKind, subject = t.GrassrootsFighterCap, TitleAdvancedWorker, TitleGrassrootsEmulationFighter, Person
	case "R13":
		q, baseKind, selKind = t.ExcellentCollectiveQuota, TitleAdvancedCollective, TitleExcellentCollective
	case "R18":
		q, selKind = t.GovernmentFlagQuota, TitleGovernmentEmulationFlag
	default:
		return QuotaResult{}, Errorf(EINVALID, "quy tắc %q không phải là quy tắc tỷ lệ (R6, R13, R18)", rule)
	}
	r := mustRule(rule)
	out := QuotaResult{RuleID: rule, Citation: r.Citation, Mode: r.Mode, Status: r.Status, Quota: q.Value}
	has := func(id string, kind AwardKind) (string, bool) {
		for _, a := range f.Awards {
			if a.Subject == subject(id) && a.Kind == kind && a.Year == year && !a.Revoked {
				return a.EventID, true
			}
		}
		return "", false
	}
	selected := map[string]bool{}
	for _, id := range pool {
		if rule == "R18" {
			for _, a := range f.Acclamations {
				if a.UnitID == id && a.Year == year && (a.Organizer == OrganizedBySector || a.Organizer == OrganizedByCentralCouncil) {
					out.Base++
					out.Inputs = append(out.Inputs, a.EventID)
					break
				}
			}
		} else if ev, ok := has(id, baseKind); ok {
			out.Base++
			out.Inputs = append(out.Inputs, ev)
		}
		if ev, ok := has(id, selKind); ok {
			selected[id] = true
			out.Inputs = append(out.Inputs, ev)
		}
	}
	for _, id := range proposed {
		selected[id] = true
	}
	out.Inputs = compactIDs(out.Inputs)
	out.Selected = len(selected)
	out.Allowed = q.Value.Allowed(out.Base)
	out.Passed = out.Selected <= out.Allowed
	rounding := fmt.Sprintf("%s %s", q.Value.Rounding.Label(), q.Value.RoundingStatus.Tag())
	out.Detail = fmt.Sprintf("Tỷ lệ %s của %d được tối đa %d (%s); đã có và đề nghị %d", q.Value.Share, out.Base, out.Allowed, rounding, out.Selected)
	if !out.Passed {
		return out, ruleError(rule, "vượt tỷ lệ: %s", out.Detail)
	}
	return out, nil
}

// CheckBallot checks a vote against rule "R8" (CSTĐ ngành: share of the
// total council members, secret ballot), "R15" (sector flag: share of the
// cluster's members) or "R31" (initiative council: share of the members),
// with the threshold in force on the given date. Eligible is the total
// membership the share is taken of, not the votes cast.
func CheckBallot(p Policy, rule string, on Date, b BallotFact) error {
	t := p.At(on)
	var th Dated[Ratio]
	switch rule {
	case "R8":
		th = t.SectorFighterVote
	case "R15":
		th = t.SectorFlagClusterVote
	case "R31":
		th = t.InitiativeCouncilVote
	default:
		return Errorf(EINVALID, "quy tắc %q không phải là quy tắc biểu quyết (R8, R15, R31)", rule)
	}
	var errs []error
	if b.Eligible <= 0 || b.Cast > b.Eligible || b.For > b.Cast || b.For < 0 {
		errs = append(errs, ruleError(rule, "số liệu biểu quyết không hợp lệ (tổng số %d, bỏ phiếu %d, đồng ý %d)", b.Eligible, b.Cast, b.For))
	} else if !th.Value.Reached(b.For, b.Eligible) {
		errs = append(errs, ruleError(rule, "%d/%d đồng ý, chưa đạt %s tổng số thành viên (%s)", b.For, b.Eligible, th.Value, th.Source))
	}
	if rule == "R8" && b.Kind != BallotSecret {
		errs = append(errs, ruleError(rule, "phải bỏ phiếu kín (hình thức đã dùng: %s)", b.Kind.Label()))
	}
	return errors.Join(errs...)
}

// CheckPublicConsultation checks R10: a proposal for CSTĐ toàn quốc or a
// Huân chương is submitted only after a public consultation covering it
// has closed.
func CheckPublicConsultation(cs []ConsultationFact, proposalID string, submittedOn Date) error {
	for _, c := range cs {
		if !slices.Contains(c.ProposalIDs, proposalID) {
			continue
		}
		if c.Closed && !c.Window.To.IsZero() && c.Window.To.Before(submittedOn) {
			return nil
		}
		return ruleError("R10", "đợt lấy ý kiến nhân dân %s (%s–%s) chưa kết thúc trước ngày trình %s",
			c.ConsultationID, c.Window.From.Label(), c.Window.To.Label(), submittedOn.Label())
	}
	return ruleError("R10", "hồ sơ %s chưa được lấy ý kiến nhân dân trước khi trình", proposalID)
}

// CheckOneAchievement checks R21 (flag): the proposed award may not rest on
// an achievement already backing another unrevoked award of the same
// subject for the same year.
func CheckOneAchievement(existing []AwardFact, proposed AwardFact) error {
	var errs []error
	for _, a := range existing {
		if a.Revoked || a.Subject != proposed.Subject || a.Year != proposed.Year || a.AwardID == proposed.AwardID {
			continue
		}
		for _, x := range proposed.Achievements {
			if slices.Contains(a.Achievements, x) {
				errs = append(errs, ruleError("R21", "thành tích %s đã được dùng cho %s năm %d", x, a.Kind.Label(), a.Year))
			}
		}
	}
	return errors.Join(errs...)
}

// CheckRevocationGround checks R25: a revocation cites one of Điều 93 k2
// a–d.
func CheckRevocationGround(ground RevocationGround) error {
	if slices.Contains(RevocationGrounds(), ground) {
		return nil
	}
	return ruleError("R25", "phải nêu một trong các căn cứ tại điểm a, b, c, d khoản 2 Điều 93")
}

// CheckRevocationRecovery checks R25's second part: the revocation records
// the recovery of the insignia and of the cash bonus.
func CheckRevocationRecovery(insigniaRecorded, cashRecorded bool) error {
	var errs []error
	if !insigniaRecorded {
		errs = append(errs, ruleError("R25", "chưa ghi nhận việc thu hồi hiện vật khen thưởng"))
	}
	if !cashRecorded {
		errs = append(errs, ruleError("R25", "chưa ghi nhận việc thu hồi tiền thưởng"))
	}
	return errors.Join(errs...)
}

// DependentAwards returns the unrevoked awards of the same subject, later
// than the revoked one, whose streaks or prerequisites may have used it
// (R25's flag): higher titles and forms for the same or later years.
func DependentAwards(f Facts, revoked AwardFact) []AwardFact {
	var out []AwardFact
	for _, a := range f.Awards {
		if a.Revoked || a.Subject != revoked.Subject || a.EventID == revoked.EventID || a.Year < revoked.Year || a.Kind == revoked.Kind {
			continue
		}
		if slices.Contains(prerequisitesOf(a.Kind), revoked.Kind) {
			out = append(out, a)
		}
	}
	return out
}

// prerequisitesOf lists the award kinds whose holding the rules for kind
// count.
func prerequisitesOf(kind AwardKind) []AwardKind {
	switch kind {
	case TitleGrassrootsEmulationFighter:
		return []AwardKind{TitleAdvancedWorker}
	case TitleSectorEmulationFighter:
		return []AwardKind{TitleAdvancedWorker, TitleGrassrootsEmulationFighter}
	case TitleNationalEmulationFighter:
		return []AwardKind{TitleAdvancedWorker, TitleGrassrootsEmulationFighter, TitleSectorEmulationFighter}
	case TitleExcellentCollective:
		return []AwardKind{TitleAdvancedCollective}
	case TitleSectorEmulationFlag:
		return []AwardKind{TitleAdvancedCollective, TitleExcellentCollective}
	case TitleGovernmentEmulationFlag:
		return []AwardKind{TitleAdvancedCollective, TitleExcellentCollective, TitleSectorEmulationFlag}
	case AwardSectorCertificateOfMerit:
		return []AwardKind{TitleGrassrootsEmulationFighter}
	case AwardPrimeMinisterCertificate:
		return []AwardKind{TitleGrassrootsEmulationFighter, AwardSectorCertificateOfMerit}
	}
	return nil
}

// CheckLeaderNotExcluded checks R26: a cluster's leader or deputy for year
// may not be a unit "không được xét thi đua" in year-1 (notConsidered
// lists those units).
func CheckLeaderNotExcluded(l ClusterLeadershipFact, notConsidered []string) error {
	var errs []error
	for _, u := range []string{l.LeaderUnitID, l.DeputyUnitID} {
		if u != "" && slices.Contains(notConsidered, u) {
			errs = append(errs, ruleError("R26", "đơn vị %s không được xét thi đua năm %d, không được làm cụm trưởng, cụm phó năm %d", u, l.Year-1, l.Year))
		}
	}
	return errors.Join(errs...)
}

// CheckLeadershipRotation checks R27 (flag): the cluster's leader for year
// is not its leader of year-1.
func CheckLeadershipRotation(f Facts, clusterID string, year int) error {
	var prev, cur []string
	for _, l := range f.ClusterLeadership {
		if l.ClusterID != clusterID {
			continue
		}
		switch l.Year {
		case year - 1:
			prev = append(prev, l.LeaderUnitID)
		case year:
			cur = append(cur, l.LeaderUnitID)
		}
	}
	var errs []error
	for _, u := range cur {
		if slices.Contains(prev, u) {
			errs = append(errs, ruleError("R27", "đơn vị %s làm cụm trưởng hai năm liên tiếp (%d, %d); cụm trưởng phải luân phiên", u, year-1, year))
		}
	}
	return errors.Join(errs...)
}

// CheckClusterLeadership checks R28: the cluster has exactly one leader
// and one deputy for year, different units, both members that year.
func CheckClusterLeadership(f Facts, clusterID string, year int) error {
	var ls []ClusterLeadershipFact
	for _, l := range f.ClusterLeadership {
		if l.ClusterID == clusterID && l.Year == year {
			ls = append(ls, l)
		}
	}
	if len(ls) != 1 {
		return ruleError("R28", "cụm phải có đúng một đơn vị trưởng cụm và một đơn vị phó cụm (năm %d có %d bản phân công)", year, len(ls))
	}
	l := ls[0]
	var errs []error
	if l.LeaderUnitID == "" || l.DeputyUnitID == "" || l.LeaderUnitID == l.DeputyUnitID {
		errs = append(errs, ruleError("R28", "cụm phải có đúng một đơn vị trưởng cụm và một đơn vị phó cụm, là hai đơn vị khác nhau"))
	}
	member := func(u string) bool {
		for _, m := range f.ClusterMembers {
			if m.ClusterID == clusterID && m.Year == year && m.UnitID == u {
				return true
			}
		}
		return false
	}
	for _, u := range []string{l.LeaderUnitID, l.DeputyUnitID} {
		if u != "" && !member(u) {
			errs = append(errs, ruleError("R28", "đơn vị %s không phải thành viên của cụm %s năm %d", u, clusterID, year))
		}
	}
	return errors.Join(errs...)
}

// CheckClusterSupervision checks R29 (flag): a sector council member is
// assigned to follow the cluster for the year.
func CheckClusterSupervision(clusterID string, year int, assignedMembers []string) error {
	if len(assignedMembers) == 0 {
		return ruleError("R29", "cụm, khối %s năm %d chưa có thành viên Hội đồng TĐKT ngành được phân công theo dõi, phụ trách", clusterID, year)
	}
	return nil
}

// CheckInitiativeRecognition checks R30: the initiative was first (or
// trial) applied before it is recognized (enforced), and no identical
// earlier filing exists in the same unit (novelty; flagged by the caller
// who knows it).
func CheckInitiativeRecognition(firstAppliedOn, recognizedOn Date, earlierIdenticalFiling bool) error {
	var errs []error
	if firstAppliedOn.IsZero() || !firstAppliedOn.Before(recognizedOn) {
		errs = append(errs, ruleError("R30", "sáng kiến phải được áp dụng hoặc áp dụng thử trước ngày công nhận %s", recognizedOn.Label()))
	}
	if earlierIdenticalFiling {
		errs = append(errs, ruleError("R30", "sáng kiến trùng với giải pháp đã nộp trước tại cơ sở, không có tính mới"))
	}
	return errors.Join(errs...)
}

// CheckInitiativeCouncil checks R31: the council's vote reaches the
// threshold of its members, and no unit head who authored the initiative
// sits on it.
func CheckInitiativeCouncil(p Policy, on Date, b BallotFact, authorHeadOnCouncil bool) error {
	var errs []error
	if err := CheckBallot(p, "R31", on, b); err != nil {
		errs = append(errs, err)
	}
	if authorHeadOnCouncil {
		errs = append(errs, ruleError("R31", "thủ trưởng là tác giả sáng kiến không được tham gia Hội đồng sáng kiến"))
	}
	return errors.Join(errs...)
}

// InitiativeRecognizers is R32's competence table as data: the award level
// whose head recognizes each scope (cơ sở: the unit's head; toàn ngành and
// toàn quốc: the head of the sector, Viện trưởng VKSNDTC, Điều 21 k2, 22).
func InitiativeRecognizers() map[InitiativeScope][]AwardLevel {
	return map[InitiativeScope][]AwardLevel{
		ScopeGrassroots: {AwardLevelUnit, AwardLevelProvince, AwardLevelSector},
		ScopeSector:     {AwardLevelSector},
		ScopeNational:   {AwardLevelSector},
	}
}

// CheckInitiativeEscalation checks R32: a recognition moves an initiative
// from scope from (zero: not yet recognized) exactly one step up to to,
// by a recognizer of a competent level.
func CheckInitiativeEscalation(from, to InitiativeScope, by AwardLevel) error {
	scopes := InitiativeScopes()
	want := scopes[0]
	if !from.IsZero() {
		i := slices.Index(scopes, from)
		if i < 0 || i+1 >= len(scopes) {
			return ruleError("R32", "sáng kiến đã ở phạm vi %s, không thể nâng tiếp", from.Label())
		}
		want = scopes[i+1]
	}
	var errs []error
	if to != want {
		errs = append(errs, ruleError("R32", "phạm vi chỉ được nâng từ %s lên %s, không lên %s",
			labelOr(from, "chưa công nhận"), want.Label(), to.Label()))
	}
	if !slices.Contains(InitiativeRecognizers()[to], by) {
		errs = append(errs, ruleError("R32", "%s không có thẩm quyền công nhận sáng kiến phạm vi %s", by.Label(), to.Label()))
	}
	return errors.Join(errs...)
}

func labelOr(s InitiativeScope, none string) string {
	if s.IsZero() {
		return none
	}
	return s.Label()
}

// DossierRequirements is R33's table as data: the items a dossier must
// hold for each award kind. Every dossier needs a submission, an
// achievement report and the council minutes; CSTĐ toàn quốc and Cờ CP add
// the secret-ballot result; the CSTĐ titles add initiative certificates;
// the sector flag adds the cluster's minutes; CSTĐ toàn quốc and Huân
// chương add the public-consultation result (R10).
func DossierRequirements(kind AwardKind) []DossierItemKind {
	req := []DossierItemKind{DossierSubmission, DossierAchievementReport, DossierMinutes}
	switch kind {
	case TitleNationalEmulationFighter:
		req = append(req, DossierBallotResult, DossierInitiativeCert, DossierPublicConsultation)
	case TitleGovernmentEmulationFlag:
		req = append(req, DossierBallotResult, DossierClusterMinutes)
	case TitleSectorEmulationFighter:
		req = append(req, DossierInitiativeCert)
	case TitleSectorEmulationFlag:
		req = append(req, DossierClusterMinutes)
	case AwardLabourOrderFirstClass, AwardLabourOrderSecondClass, AwardLabourOrderThirdClass:
		req = append(req, DossierPublicConsultation)
	}
	return req
}

// CheckDossier checks R33: every required item for kind is present.
func CheckDossier(kind AwardKind, items []DossierItemKind) error {
	var missing []string
	for _, r := range DossierRequirements(kind) {
		if !slices.Contains(items, r) {
			missing = append(missing, r.Label())
		}
	}
	if len(missing) > 0 {
		return ruleError("R33", "hồ sơ đề nghị %s còn thiếu: %s", kind.Label(), strings.Join(missing, ", "))
	}
	return nil
}

// CompetenceEntry says which award kinds the head at one level may decide.
type CompetenceEntry struct {
	Level  AwardLevel
	Kinds  []AwardKind
	Status RuleStatus
	Source string
}

// CompetenceMatrix is R34's competence table as data.
type CompetenceMatrix []CompetenceEntry

// DefaultCompetenceMatrix is the matrix observed in the sector: the
// Viện trưởng VKSND tỉnh decided LĐTT, CSTĐCS, TTLĐTT and TTLĐXS for its
// units in 2023 [C-ex]; the Viện trưởng VKSNDTC decides CSTĐCS (for some
// units), CSTĐ ngành, Cờ ngành, Bằng khen and the KNC; State awards (Cờ
// CP, Bằng khen Thủ tướng, CSTĐ toàn quốc, Huân chương) are decided at
// State level on the Viện trưởng VKSNDTC's proposal. The full matrix is
// [U].
func DefaultCompetenceMatrix() CompetenceMatrix {
	return CompetenceMatrix{
		{Level: AwardLevelUnit, Kinds: []AwardKind{AwardUnitCommendation}, Status: StatusUnconfirmed, Source: "Luật TĐKT 2022 (Giấy khen)"},
		{Level: AwardLevelProvince, Kinds: []AwardKind{TitleAdvancedWorker, TitleGrassrootsEmulationFighter, TitleAdvancedCollective, TitleExcellentCollective, AwardUnitCommendation},
			Status: StatusConfirmedExample, Source: "HĐTĐKT VKSND tỉnh An Giang, 12/2023"},
		{Level: AwardLevelSector, Kinds: []AwardKind{TitleAdvancedWorker, TitleGrassrootsEmulationFighter, TitleSectorEmulationFighter, TitleAdvancedCollective,
			TitleExcellentCollective, TitleSectorEmulationFlag, AwardSectorCertificateOfMerit, AwardProcuracyCommemorativeMedal, AwardUnitCommendation},
			Status: StatusConfirmed, Source: citeTT02 + " (thẩm quyền)"},
		{Level: AwardLevelState, Kinds: []AwardKind{TitleNationalEmulationFighter, TitleGovernmentEmulationFlag, AwardPrimeMinisterCertificate,
			AwardLabourOrderFirstClass, AwardLabourOrderSecondClass, AwardLabourOrderThirdClass},
			Status: StatusConfirmed, Source: citeTT02 + " (Viện trưởng VKSNDTC đề nghị)"},
	}
}

// CheckIssuerCompetence checks R34: an issuer at level may decide kind
// under m.
func CheckIssuerCompetence(m CompetenceMatrix, issuer AwardLevel, kind AwardKind) error {
	for _, e := range m {
		if e.Level == issuer && slices.Contains(e.Kinds, kind) {
			return nil
		}
	}
	return ruleError("R34", "%s không có thẩm quyền quyết định tặng %s", issuer.Label(), kind.Label())
}

// BonusAmount computes R35: the multiplier for kind in force on the
// decision date times the base salary (lương cơ sở, in đồng) in force on
// that date, rounded half up to the đồng.
func BonusAmount(p Policy, kind AwardKind, decidedOn Date, baseSalary int64) (int64, error) {
	if baseSalary <= 0 {
		return 0, ruleError("R35", "mức lương cơ sở phải lớn hơn 0")
	}
	m, ok := p.At(decidedOn).Bonus(kind)
	if !ok {
		return 0, ruleError("R35", "không có hệ số tiền thưởng cho %s tại ngày %s", kind.Label(), decidedOn.Label())
	}
	return (2*baseSalary*m.Factor.Num + m.Factor.Den) / (2 * m.Factor.Den), nil
}
