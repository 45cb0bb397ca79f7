package domain

import (
	"fmt"
	"strings"
)

// The per-rule checks of Evaluate. Each returns one RuleResult computed
// from the facts, with the ids of the events it used and a Vietnamese
// explanation.

// outcome is what a multi-year requirement (R7, R9, R19, R19b) found.
type outcome struct {
	passed bool
	detail string
	inputs []string
	info   streakInfo
	what   string
}

// multiYear evaluates a multi-year requirement and, around it, R22 (would
// it pass only by counting ad-hoc or thematic awards?), R24 (only by
// counting years before a discipline ended?) and the R-U notes.
func (e *evaluator) multiYear(req func(view) outcome, id string) {
	first, ended, dIDs := e.disciplineWindow(e.subj.ID)
	actual := req(view{fromYear: first})
	e.add(result(id, actual.passed, actual.inputs, "%s", actual.detail))

	// R22.
	r22 := result("R22", true, nil, "Không dùng kết quả khen thưởng đột xuất, chuyên đề làm căn cứ")
	if !actual.passed {
		if alt := req(view{allBases: true, fromYear: first}); alt.passed {
			var ids, names []string
			for _, in := range alt.inputs {
				for _, a := range e.f.Awards {
					if a.EventID == in && !countsAsMerit(a.Basis) {
						ids = append(ids, a.EventID)
						names = append(names, fmt.Sprintf("%s năm %d (%s)", a.Kind.Label(), a.Year, strings.ToLower(a.Basis.Label())))
					}
				}
			}
			r22 = result("R22", false, ids, "Chỉ đạt điều kiện nếu tính %s; kết quả khen thưởng đột xuất, chuyên đề không được dùng làm căn cứ khen thưởng theo công trạng",
				strings.Join(names, ", "))
		}
	}
	e.add(r22)

	// R24.
	var r24 RuleResult
	switch {
	case first == 0:
		r24 = result("R24", true, nil, "Không có kỷ luật hạn chế thời gian tính thành tích")
	case !actual.passed && req(view{allBases: false}).passed:
		if ended.IsZero() {
			r24 = result("R24", false, dIDs, "Kỷ luật chưa hết thời hạn: thành tích trong thời gian kỷ luật không được tính")
		} else {
			r24 = result("R24", false, dIDs, "Thành tích trước khi hết thời hạn kỷ luật (%s) không được tính; chỉ tính từ năm %d", ended.Label(), first)
		}
	case ended.IsZero():
		r24 = result("R24", true, dIDs, "Kỷ luật chưa hết thời hạn; không có thành tích nào được tính trong thời gian kỷ luật")
	default:
		r24 = result("R24", true, dIDs, "Thành tích được tính từ năm %d (hết thời hạn kỷ luật ngày %s)", first, ended.Label())
	}
	e.add(r24)
	e.add(e.notes(actual.info, actual.what)...)
}

// r1: LĐTT needs a rating of at least "hoàn thành tốt nhiệm vụ".
func (e *evaluator) r1() RuleResult {
	r, ok := e.rating(e.subj, e.year)
	switch {
	case !ok:
		return result("R1", false, nil, "Chưa có kết quả xếp loại năm %d", e.year)
	case !r.Rating.AtLeast(RatingGood):
		return result("R1", false, []string{r.EventID}, "Xếp loại năm %d: %s, chưa đạt “Hoàn thành tốt nhiệm vụ”", e.year, r.Rating.Label())
	}
	return result("R1", true, []string{r.EventID}, "Xếp loại năm %d: %s", e.year, r.Rating.Label())
}

// r2: LĐTT denied if recruited less than RecruitmentMinMonths before the
// end of the year.
func (e *evaluator) r2() RuleResult {
	th := e.t.RecruitmentMinMonths
	if !th.Known() {
		return result("R2", false, nil, "Chính sách không có ngưỡng thời gian tuyển dụng áp dụng ngày %s", e.t.Date.Label())
	}
	var rec *RecruitmentFact
	for i := range e.f.Recruitments {
		r := &e.f.Recruitments[i]
		if r.PersonID == e.subj.ID && !r.On.After(e.t.Date) && (rec == nil || r.On.After(rec.On)) {
			rec = r
		}
	}
	if rec == nil {
		return result("R2", true, nil, "Không có quyết định tuyển dụng trong hồ sơ; coi như đã công tác trước năm %d", e.year)
	}
	enough := !rec.On.AddMonths(th.Value).After(e.t.Date.AddDays(1))
	if !enough {
		return result("R2", false, []string{rec.EventID}, "Tuyển dụng ngày %s, đến %s chưa đủ %d tháng (%s)",
			rec.On.Label(), e.t.Date.Label(), th.Value, th.Source)
	}
	return result("R2", true, []string{rec.EventID}, "Tuyển dụng ngày %s, đến %s đã đủ %d tháng (%s)",
		rec.On.Label(), e.t.Date.Label(), th.Value, th.Source)
}

// leaveLength adds up the leave periods: whole calendar months of each
// period, plus the leftover days of all periods at 30 days a month (how
// split leave is added up is [U]).
func leaveLength(ps []Period) (months, days int) {
	for _, p := range ps {
		end := p.To.AddDays(1)
		m := 0
		for !p.From.AddMonths(m + 1).After(end) {
			m++
		}
		months += m
		days += p.From.AddMonths(m).DaysUntil(end)
	}
	return months + days/30, days % 30
}

// r3: LĐTT denied for leave of LeaveMinMonths to under LeaveMaxMonths in
// the year; exempt reasons (maternity) do not count as leave.
func (e *evaluator) r3() RuleResult {
	lo, hi, ex := e.t.LeaveMinMonths, e.t.LeaveMaxMonths, e.t.LeaveExemptReasons
	start, end := YearEnd(e.year-1).AddDays(1), YearEnd(e.year)
	var ps []Period
	var ids, exempt []string
	for _, l := range e.f.Leaves {
		if l.PersonID != e.subj.ID || l.Period.From.After(end) || (!l.Period.To.IsZero() && l.Period.To.Before(start)) {
			continue
		}
		if containsReason(ex.Value, l.Reason) {
			exempt = append(exempt, l.EventID)
			continue
		}
		p := l.Period
		if p.From.Before(start) {
			p.From = start
		}
		if p.To.IsZero() || p.To.After(end) {
			p.To = end
		}
		ps = append(ps, p)
		ids = append(ids, l.EventID)
	}
	months, days := leaveLength(ps)
	note := ""
	if len(exempt) > 0 {
		note = "; thời gian nghỉ thai sản theo chế độ được tính là thời gian công tác"
	}
	if months >= lo.Value && months < hi.Value {
		return result("R3", false, ids, "Nghỉ công tác %d tháng %d ngày trong năm %d (từ %d đến dưới %d tháng); trường hợp ngoại lệ tại khoản 2 Điều 15 cần xem xét riêng%s",
			months, days, e.year, lo.Value, hi.Value, note)
	}
	return result("R3", true, append(ids, exempt...), "Nghỉ công tác %d tháng %d ngày trong năm %d, ngoài khoảng từ %d đến dưới %d tháng%s",
		months, days, e.year, lo.Value, hi.Value, note)
}

func containsReason(rs []LeaveReason, r LeaveReason) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// r4: LĐTT denied for a sanction of khiển trách or above attributed to the
// year.
func (e *evaluator) r4() RuleResult {
	ds := e.disciplinesFor(e.subj.ID, e.year, DisciplineReprimand)
	if len(ds) == 0 {
		return result("R4", true, nil, "Không bị kỷ luật từ khiển trách trở lên tính cho năm %d", e.year)
	}
	d := ds[0]
	ids := make([]string, len(ds))
	for i, x := range ds {
		ids[i] = x.EventID
	}
	return result("R4", false, ids, "Bị kỷ luật %s (vi phạm năm %d, quyết định ngày %s) tính cho năm %d",
		strings.ToLower(d.Form.Label()), d.ViolationYear, d.DecidedOn.Label(), e.year)
}

// r5: CSTĐCS needs LĐTT in the year and HTXS, a recognized initiative or
// an accepted research work.
func (e *evaluator) r5() RuleResult {
	var ids, parts []string
	ok := true
	if a, has := e.award(view{allBases: true}, e.subj, TitleAdvancedWorker, e.year); has {
		ids = append(ids, a.EventID)
		parts = append(parts, fmt.Sprintf("Đạt Lao động tiên tiến năm %d", e.year))
	} else {
		var failed []string
		for _, r := range []RuleResult{e.r1(), e.r2(), e.r3(), e.r4()} {
			ids = append(ids, r.Inputs...)
			if !r.Passed {
				failed = append(failed, r.RuleID+": "+r.Detail)
			}
		}
		if len(failed) > 0 {
			ok = false
			parts = append(parts, "Chưa đạt tiêu chuẩn Lao động tiên tiến ("+strings.Join(failed, "; ")+")")
		} else {
			parts = append(parts, fmt.Sprintf("Đạt tiêu chuẩn Lao động tiên tiến năm %d", e.year))
		}
	}
	switch r, rated := e.rating(e.subj, e.year); {
	case rated && r.Rating == RatingExcellent:
		ids = append(ids, r.EventID)
		parts = append(parts, "hoàn thành xuất sắc nhiệm vụ")
	default:
		ins := e.initiatives(e.subj.ID, ScopeGrassroots, e.year, e.year)
		res := e.research(e.subj.ID, InitiativeScope{}, e.year, e.year)
		switch {
		case len(ins) > 0:
			ids = append(ids, ins[0].EventID)
			parts = append(parts, fmt.Sprintf("có sáng kiến được công nhận (phạm vi %s, ngày %s)", ins[0].Scope.Label(), ins[0].RecognizedOn.Label()))
		case len(res) > 0:
			ids = append(ids, res[0].EventID)
			parts = append(parts, fmt.Sprintf("có đề tài khoa học nghiệm thu ngày %s", res[0].AcceptedOn.Label()))
		default:
			ok = false
			parts = append(parts, fmt.Sprintf("năm %d không hoàn thành xuất sắc nhiệm vụ, không có sáng kiến được công nhận hay đề tài đã nghiệm thu", e.year))
		}
	}
	return result("R5", ok, ids, "%s", strings.Join(parts, "; "))
}

// streakText describes a streak for a Detail.
func streakText(info streakInfo, n int, abbr string) string {
	if len(info.years) >= n {
		return fmt.Sprintf("Đạt %d năm liên tục %s: %s", len(info.years), abbr, yearsText(info.years))
	}
	if len(info.years) == 0 {
		return fmt.Sprintf("Không có %s năm cuối của chuỗi, cần %d năm liên tục", abbr, n)
	}
	return fmt.Sprintf("Chỉ có %d năm liên tục %s (%s), cần %d", len(info.years), abbr, yearsText(info.years), n)
}

// windowFrom is the first year of the last n years of a streak, or of the
// n years ending at end if the streak is shorter.
func windowFrom(info streakInfo, n, end int) int {
	if len(info.years) >= n && n > 0 {
		return info.years[len(info.years)-n]
	}
	return end - n + 1
}

// scopedAchievement finds an initiative or research work of at least
// scope in [from, to] and describes it.
func (e *evaluator) scopedAchievement(scope InitiativeScope, from, to int) (string, []string, bool) {
	if ins := e.initiatives(e.subj.ID, scope, from, to); len(ins) > 0 {
		return fmt.Sprintf("có sáng kiến phạm vi %s (công nhận ngày %s)", ins[0].Scope.Label(), ins[0].RecognizedOn.Label()), []string{ins[0].EventID}, true
	}
	if rs := e.research(e.subj.ID, scope, from, to); len(rs) > 0 {
		return fmt.Sprintf("có đề tài khoa học nghiệm thu ngày %s", rs[0].AcceptedOn.Label()), []string{rs[0].EventID}, true
	}
	return fmt.Sprintf("không có sáng kiến, đề tài phạm vi %s trong các năm %d–%d", scope.Label(), from, to), nil, false
}

// sectorFighter is R7 through v.
func (e *evaluator) sectorFighter(v view) outcome {
	n := e.t.SectorFighterStreak.Value
	info := e.titleStreak(v, e.subj, TitleGrassrootsEmulationFighter, e.year)
	from := max(windowFrom(info, n, e.year), v.fromYear)
	text, ids, found := e.scopedAchievement(ScopeSector, from, e.year)
	ok := len(info.years) >= n && found
	return outcome{passed: ok, detail: streakText(info, n, "CSTĐCS") + "; " + text,
		inputs: append(append([]string(nil), info.inputs...), ids...), info: info, what: "Chiến sĩ thi đua cơ sở"}
}

// nationalFighter is R9 through v.
func (e *evaluator) nationalFighter(v view) outcome {
	n := e.t.NationalFighterStreak.Value
	info := e.titleStreak(v, e.subj, TitleSectorEmulationFighter, e.year)
	from := max(windowFrom(info, n, e.year)-e.t.SectorFighterStreak.Value+1, v.fromYear)
	text, ids, found := e.scopedAchievement(ScopeNational, from, e.year)
	ok := len(info.years) >= n && found
	return outcome{passed: ok, detail: streakText(info, n, "CSTĐ ngành") + "; " + text,
		inputs: append(append([]string(nil), info.inputs...), ids...), info: info, what: "Chiến sĩ thi đua ngành"}
}

// usedForGrassroots returns the unrevoked CSTĐCS award of the subject
// based on achievement id (R19a).
func (e *evaluator) usedForGrassroots(id string) (AwardFact, bool) {
	for _, a := range e.f.Awards {
		if a.Subject == e.subj && a.Kind == TitleGrassrootsEmulationFighter && !a.Revoked {
			for _, x := range a.Achievements {
				if x == id {
					return a, true
				}
			}
		}
	}
	return AwardFact{}, false
}

// certificatePathB is Điều 74 k1 d's second alternative: HTXS for n
// consecutive years and k initiatives (or research works) in that span,
// not counting those used for CSTĐCS unless countUsed.
func (e *evaluator) certificatePathB(v view, countUsed bool) (ok bool, detail string, ids []string, used []string, info streakInfo) {
	n, k := e.t.CertificateStreak.Value, e.t.CertificateInitiatives.Value
	info = e.ratingStreak(v, e.subj, RatingExcellent, e.year)
	from := max(windowFrom(info, n, e.year), v.fromYear)
	if len(info.years) > 0 {
		from = max(info.years[0], v.fromYear)
	}
	var counted []string
	for _, in := range e.initiatives(e.subj.ID, ScopeGrassroots, from, e.year) {
		if a, u := e.usedForGrassroots(in.InitiativeID); u {
			used = append(used, in.EventID, a.EventID)
			if !countUsed {
				continue
			}
		}
		counted = append(counted, in.EventID)
	}
	var works []string
	for _, r := range e.research(e.subj.ID, InitiativeScope{}, from, e.year) {
		if a, u := e.usedForGrassroots(r.WorkID); u {
			used = append(used, r.EventID, a.EventID)
			if !countUsed {
				continue
			}
		}
		works = append(works, r.EventID)
	}
	ids = append(append(append([]string(nil), info.inputs...), counted...), works...)
	ok = len(info.years) >= n && (len(counted) >= k || len(works) >= k)
	detail = fmt.Sprintf("%s; %d sáng kiến, %d đề tài được tính (cần %d)", streakText(info, n, "hoàn thành xuất sắc nhiệm vụ"), len(counted), len(works), k)
	return ok, detail, ids, used, info
}

// certificate is R19 through v.
func (e *evaluator) certificate(v view) outcome {
	n := e.t.CertificateStreak.Value
	info := e.titleStreak(v, e.subj, TitleGrassrootsEmulationFighter, e.year)
	if len(info.years) >= n {
		return outcome{passed: true, detail: streakText(info, n, "CSTĐCS"), inputs: info.inputs, info: info, what: "Chiến sĩ thi đua cơ sở"}
	}
	ok, detail, ids, _, binfo := e.certificatePathB(v, false)
	text := streakText(info, n, "CSTĐCS") + "; hoặc: " + detail
	if ok {
		return outcome{passed: true, detail: detail, inputs: ids, info: binfo, what: "hoàn thành xuất sắc nhiệm vụ"}
	}
	return outcome{passed: false, detail: text, inputs: append(append([]string(nil), info.inputs...), ids...), info: info, what: "Chiến sĩ thi đua cơ sở"}
}

// r19a: initiatives used for CSTĐCS are not counted again for Điều 74 k1 d.
func (e *evaluator) r19a() RuleResult {
	first, _, _ := e.disciplineWindow(e.subj.ID)
	v := view{fromYear: first}
	okExcl, _, _, used, _ := e.certificatePathB(v, false)
	okIncl, _, _, _, _ := e.certificatePathB(v, true)
	if len(e.titleStreak(v, e.subj, TitleGrassrootsEmulationFighter, e.year).years) >= e.t.CertificateStreak.Value {
		return result("R19a", true, nil, "Đạt theo 02 lần liên tục Chiến sĩ thi đua cơ sở; không cần tính sáng kiến")
	}
	if !okExcl && okIncl {
		return result("R19a", false, used, "Có sáng kiến, đề tài đã dùng làm căn cứ xét Chiến sĩ thi đua cơ sở; không được tính lại, cần thêm sáng kiến khác")
	}
	if len(used) > 0 {
		return result("R19a", true, used, "Sáng kiến đã dùng cho Chiến sĩ thi đua cơ sở không được tính; các sáng kiến còn lại được tính")
	}
	return result("R19a", true, nil, "Không có sáng kiến nào đã dùng làm căn cứ xét Chiến sĩ thi đua cơ sở")
}

// pmCertificate is R19b through v.
func (e *evaluator) pmCertificate(v view) outcome {
	years, titles := e.t.PMCertificateYears.Value, e.t.PMCertificateGrassrootsTitles.Value
	var ids, parts []string
	ok := true
	var bk *AwardFact
	for i := range e.f.Awards {
		a := &e.f.Awards[i]
		if a.Subject == e.subj && a.Kind == AwardSectorCertificateOfMerit && !a.Revoked && a.Year <= e.year &&
			(v.allBases || countsAsMerit(a.Basis)) && (v.fromYear == 0 || a.Year >= v.fromYear) {
			bk = a
		}
	}
	if bk == nil {
		ok = false
		parts = append(parts, "Chưa có Bằng khen cấp bộ, ngành được tính")
	} else {
		ids = append(ids, bk.EventID)
		parts = append(parts, fmt.Sprintf("Đã có Bằng khen của Viện trưởng VKSNDTC năm %d", bk.Year))
	}
	info := e.ratingStreak(v, e.subj, RatingGood, e.year)
	ids = append(ids, info.inputs...)
	parts = append(parts, streakText(info, years, "hoàn thành tốt nhiệm vụ trở lên"))
	if len(info.years) < years {
		ok = false
	}
	var got []int
	for _, y := range info.years {
		if a, has := e.award(v, e.subj, TitleGrassrootsEmulationFighter, y); has {
			got = append(got, y)
			ids = append(ids, a.EventID)
		}
	}
	parts = append(parts, fmt.Sprintf("%d lần CSTĐCS trong thời gian đó (%s), cần %d", len(got), yearsText(got), titles))
	if len(got) < titles {
		ok = false
	}
	return outcome{passed: ok, detail: strings.Join(parts, "; "), inputs: ids, info: info, what: "hoàn thành tốt nhiệm vụ"}
}

// members returns the unit's members in year.
func (e *evaluator) members() []UnitMemberFact {
	var out []UnitMemberFact
	for _, m := range e.f.UnitMembers {
		if m.UnitID == e.subj.ID && m.Year == e.year {
			out = append(out, m)
		}
	}
	return out
}

// r11: TTLĐTT — unit rated at least HTT, LĐTT share of the members, no
// member with a sanction of cảnh cáo or above attributed to the year.
func (e *evaluator) r11() RuleResult {
	share := e.t.CollectiveAdvancedShare.Value
	var ids, parts []string
	ok := true
	if r, rated := e.rating(e.subj, e.year); !rated || !r.Rating.AtLeast(RatingGood) {
		ok = false
		parts = append(parts, fmt.Sprintf("Tập thể chưa được xếp loại từ hoàn thành tốt nhiệm vụ năm %d", e.year))
		if rated {
			ids = append(ids, r.EventID)
		}
	} else {
		ids = append(ids, r.EventID)
	}
	ms := e.members()
	ldtt := 0
	var disciplined []string
	for _, m := range ms {
		ids = append(ids, m.EventID)
		if a, has := e.holdsAdvancedWorker(m.PersonID, e.year); has {
			ldtt++
			ids = append(ids, a.EventID)
		}
		for _, d := range e.disciplinesFor(m.PersonID, e.year, DisciplineWarning) {
			disciplined = append(disciplined, m.PersonID)
			ids = append(ids, d.EventID)
		}
	}
	if !share.Reached(ldtt, len(ms)) {
		ok = false
	}
	parts = append(parts, fmt.Sprintf("%d/%d cá nhân đạt Lao động tiên tiến (cần từ %s)", ldtt, len(ms), share))
	if len(disciplined) > 0 {
		ok = false
		parts = append(parts, fmt.Sprintf("có %d cá nhân bị kỷ luật từ cảnh cáo trở lên trong năm", len(disciplined)))
	} else {
		parts = append(parts, "không có cá nhân bị kỷ luật từ cảnh cáo trở lên")
	}
	return result("R11", ok, ids, "%s", strings.Join(parts, "; "))
}

// r12: TTLĐXS.
func (e *evaluator) r12() RuleResult {
	share := e.t.CollectiveAdvancedShare.Value
	var ids, parts []string
	ok := true
	if r, rated := e.rating(e.subj, e.year); !rated || r.Rating != RatingExcellent {
		ok = false
		parts = append(parts, fmt.Sprintf("Tập thể chưa hoàn thành xuất sắc nhiệm vụ năm %d", e.year))
		if rated {
			ids = append(ids, r.EventID)
		}
	} else {
		ids = append(ids, r.EventID)
		parts = append(parts, fmt.Sprintf("Tập thể hoàn thành xuất sắc nhiệm vụ năm %d", e.year))
	}
	ms := e.members()
	ldtt, completed, cstdcs := 0, 0, 0
	for _, m := range ms {
		ids = append(ids, m.EventID)
		if r, rated := e.rating(Person(m.PersonID), e.year); rated && r.Rating.AtLeast(RatingCompleted) {
			completed++
			ids = append(ids, r.EventID)
		}
		if a, has := e.holdsAdvancedWorker(m.PersonID, e.year); has {
			ldtt++
			ids = append(ids, a.EventID)
		}
		if a, has := e.award(view{allBases: true}, Person(m.PersonID), TitleGrassrootsEmulationFighter, e.year); has {
			cstdcs++
			ids = append(ids, a.EventID)
		}
	}
	if len(ms) == 0 || completed < len(ms) {
		ok = false
	}
	parts = append(parts, fmt.Sprintf("%d/%d cá nhân hoàn thành nhiệm vụ (cần 100%%)", completed, len(ms)))
	if !share.Reached(ldtt, len(ms)) {
		ok = false
	}
	parts = append(parts, fmt.Sprintf("%d/%d đạt Lao động tiên tiến (cần từ %s)", ldtt, len(ms), share))
	if cstdcs == 0 {
		ok = false
	}
	parts = append(parts, fmt.Sprintf("%d cá nhân đạt Chiến sĩ thi đua cơ sở (cần ít nhất 1)", cstdcs))
	return result("R12", ok, ids, "%s", strings.Join(parts, "; "))
}

// acclaimed returns the acclamations of the subject in year by clusters
// of organizer o (any organizer if o is zero).
func (e *evaluator) acclaimed(o ClusterOrganizer) []AcclamationFact {
	var out []AcclamationFact
	for _, a := range e.f.Acclamations {
		if a.UnitID == e.subj.ID && a.Year == e.year && (o == ClusterOrganizer{} || a.Organizer == o) {
			out = append(out, a)
		}
	}
	return out
}

// r14: the sector flag goes to the acclaimed leader of a sector-organised
// cluster that meets the TTLĐXS standard.
func (e *evaluator) r14() RuleResult {
	acc := e.acclaimed(OrganizedBySector)
	std := e.r12()
	switch {
	case len(acc) == 0:
		return result("R14", false, nil, "Không được suy tôn dẫn đầu cụm, khối thi đua do Ngành tổ chức năm %d", e.year)
	case !std.Passed:
		return result("R14", false, append([]string{acc[0].EventID}, std.Inputs...), "Dẫn đầu cụm, khối %s năm %d nhưng chưa đạt tiêu chuẩn Tập thể lao động xuất sắc", acc[0].ClusterID, e.year)
	}
	return result("R14", true, append([]string{acc[0].EventID}, std.Inputs...), "Dẫn đầu cụm, khối %s năm %d và đạt tiêu chuẩn Tập thể lao động xuất sắc", acc[0].ClusterID, e.year)
}

// r16: at most one leading unit per cluster and year.
func (e *evaluator) r16() RuleResult {
	for _, mine := range e.acclaimed(OrganizedBySector) {
		var ids []string
		units := map[string]bool{}
		for _, a := range e.f.Acclamations {
			if a.ClusterID == mine.ClusterID && a.Year == e.year {
				units[a.UnitID] = true
				ids = append(ids, a.EventID)
			}
		}
		if len(units) > 1 {
			return result("R16", false, ids, "Cụm, khối %s năm %d có %d tập thể được suy tôn dẫn đầu; chỉ một tập thể được tặng Cờ", mine.ClusterID, e.year, len(units))
		}
	}
	return result("R16", true, nil, "Cụm, khối chỉ có một tập thể dẫn đầu năm %d", e.year)
}

// r17: Cờ CP candidates lead a cluster (k1 sector, k2 central council) or
// a ≥ 5-year Thủ tướng movement at its review (k3).
func (e *evaluator) r17() RuleResult {
	if acc := e.acclaimed(OrganizedBySector); len(acc) > 0 {
		return result("R17", true, []string{acc[0].EventID}, "Dẫn đầu cụm, khối thi đua %s do Ngành tổ chức năm %d (Điều 25 k1)", acc[0].ClusterID, e.year)
	}
	if acc := e.acclaimed(OrganizedByCentralCouncil); len(acc) > 0 {
		return result("R17", true, []string{acc[0].EventID}, "Dẫn đầu cụm, khối thi đua %s do Hội đồng TĐKT Trung ương tổ chức năm %d (Điều 25 k2)", acc[0].ClusterID, e.year)
	}
	for _, m := range e.f.MovementLeads {
		if m.UnitID == e.subj.ID && m.Year == e.year && m.LaunchedByPrimeMinister && m.Years >= 5 {
			return result("R17", true, []string{m.EventID}, "Dẫn đầu phong trào thi đua %s do Thủ tướng phát động, %d năm (Điều 25 k3)", m.MovementID, m.Years)
		}
	}
	return result("R17", false, nil, "Không dẫn đầu cụm, khối thi đua hay phong trào thi đua do Thủ tướng phát động từ 05 năm trở lên năm %d", e.year)
}

// r20: the commemorative medal: once per person, after enough continuous
// service.
func (e *evaluator) r20() RuleResult {
	n := e.t.CommemorativeMedalServiceYears.Value
	for _, a := range e.f.Awards {
		if a.Subject == e.subj && a.Kind == AwardProcuracyCommemorativeMedal && !a.Revoked {
			return result("R20", false, []string{a.EventID}, "Đã được tặng Kỷ niệm chương năm %d; mỗi người chỉ được tặng một lần", a.Year)
		}
	}
	var from Date
	var id string
	for _, s := range e.f.ServiceStarts {
		if s.PersonID == e.subj.ID && (from.IsZero() || s.From.After(from)) {
			from, id = s.From, s.EventID
		}
	}
	if from.IsZero() {
		for _, r := range e.f.Recruitments {
			if r.PersonID == e.subj.ID && (from.IsZero() || r.On.Before(from)) {
				from, id = r.On, r.EventID
			}
		}
	}
	if from.IsZero() {
		return result("R20", false, nil, "Không có thông tin thời gian công tác liên tục")
	}
	if from.AddMonths(12 * n).After(e.asOf) {
		return result("R20", false, []string{id}, "Công tác liên tục từ ngày %s, đến %s chưa đủ %d năm", from.Label(), e.asOf.Label(), n)
	}
	return result("R20", true, []string{id}, "Công tác liên tục từ ngày %s, đến %s đã đủ %d năm; chưa được tặng Kỷ niệm chương", from.Label(), e.asOf.Label(), n)
}

// r23: no award while a proceeding or hold is open.
func (e *evaluator) r23() RuleResult {
	for _, p := range e.f.Proceedings {
		if p.Subject == e.subj && !p.OpenedOn.After(e.asOf) && (p.ClosedOn.IsZero() || p.ClosedOn.After(e.asOf)) {
			return result("R23", false, []string{p.EventID}, "%s (từ ngày %s); chưa được khen thưởng, đề nghị khen thưởng", p.Kind.Label(), p.OpenedOn.Label())
		}
	}
	return result("R23", true, nil, "Không có vụ việc đang xem xét kỷ luật, điều tra, thanh tra, khiếu nại, tố cáo tại ngày %s", e.asOf.Label())
}

// r36: no new proposal for a unit that has been dissolved or merged into
// another.
func (e *evaluator) r36() RuleResult {
	for _, c := range e.f.UnitChanges {
		if c.Effective.After(e.asOf) || c.ResultUnitID == e.subj.ID {
			continue
		}
		for _, s := range c.SourceUnitIDs {
			if s != e.subj.ID {
				continue
			}
			if c.Kind == UnitChangeDissolved {
				return result("R36", false, []string{c.EventID}, "Đơn vị đã giải thể từ ngày %s; không đề nghị khen thưởng mới", c.Effective.Label())
			}
			return result("R36", false, []string{c.EventID}, "Đơn vị đã hợp nhất, sáp nhập vào đơn vị %s từ ngày %s; đề nghị khen thưởng cho đơn vị kế thừa", c.ResultUnitID, c.Effective.Label())
		}
	}
	return result("R36", true, nil, "Đơn vị đang hoạt động tại ngày %s", e.asOf.Label())
}
