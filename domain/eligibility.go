package domain

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// RuleResult is the outcome of one rule for one subject, award and year:
// whether it passed, whether a failure blocks (ModeEnforce) or warns
// (ModeFlag), the ids of the events it used and a Vietnamese explanation.
type RuleResult struct {
	RuleID   string
	Citation string
	Status   RuleStatus
	Mode     RuleMode
	Passed   bool
	Inputs   []string
	Detail   string
}

// Err returns nil if r passed, else an *Error with EINVALID naming the
// rule, its citation and the detail.
func (r RuleResult) Err() error {
	if r.Passed {
		return nil
	}
	return ruleError(r.RuleID, "%s", r.Detail)
}

// EligibilityResult is every applicable rule's result for one question:
// may Subject receive Kind for Year?
type EligibilityResult struct {
	Subject Subject
	Kind    AwardKind
	Year    int
	// PolicyDate is the day whose thresholds were applied (31/12 of Year).
	PolicyDate Date
	// AsOf is the day the question was asked (Facts.AsOf, or 31/12).
	AsOf    Date
	Results []RuleResult
	// Unsupported explains why no rule applies (e.g. a unit proposed for
	// an individual title), or "".
	Unsupported string
}

// Eligible reports whether every enforced rule passed (flags do not
// block).
func (e EligibilityResult) Eligible() bool {
	if e.Unsupported != "" {
		return false
	}
	for _, r := range e.Results {
		if !r.Passed && r.Mode == ModeEnforce {
			return false
		}
	}
	return true
}

// Err joins the errors of every failed enforced rule (errors.Join), or
// returns nil if the subject is eligible.
func (e EligibilityResult) Err() error {
	if e.Unsupported != "" {
		return Errorf(EINVALID, "%s", e.Unsupported)
	}
	var errs []error
	for _, r := range e.Results {
		if r.Mode == ModeEnforce {
			if err := r.Err(); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// Flags returns the failed rules in flag mode: warnings for a person.
func (e EligibilityResult) Flags() []RuleResult {
	var out []RuleResult
	for _, r := range e.Results {
		if !r.Passed && r.Mode == ModeFlag {
			out = append(out, r)
		}
	}
	return out
}

// Result returns the result of rule id, if it was evaluated.
func (e EligibilityResult) Result(id string) (RuleResult, bool) {
	for _, r := range e.Results {
		if r.RuleID == id {
			return r, true
		}
	}
	return RuleResult{}, false
}

// Evaluate answers whether subject may receive kind for year under policy
// p, from facts f. Thresholds are those in force on 31/12 of year (so a
// 2023 LĐTT is judged under TT 01/2019/TT-VKSTC and a 2024 one under TT
// 02/2024/TT-VKSTC); time-dependent facts (open proceedings, dissolved
// units, service length) are judged on f.AsOf, or 31/12 of year if zero.
//
// Rules by award kind:
//
//	LĐTT                      R1, R2, R3, R4, R23
//	CSTĐCS                    R5 (LĐTT standard via R1–R4), R23
//	CSTĐ ngành                R7, R22, R23, R24 (+ R-U1, R-U2 notes)
//	CSTĐ toàn quốc            R9, R22, R23, R24 (+ notes)
//	TTLĐTT                    R11, R23, R36
//	TTLĐXS                    R12, R23, R36
//	Cờ thi đua ngành          R14, R12, R16, R23, R36
//	Cờ thi đua Chính phủ      R17, R23, R36
//	Bằng khen Viện trưởng     R19, R19a, R22, R23, R24 (person); R23, R36 (unit)
//	Bằng khen Thủ tướng       R19b, R22, R23, R24 (person); R23, R36 (unit)
//	KNC "Vì sự nghiệp Kiểm sát" R20, R23
//	other forms               R23 (+ R36 for units)
//
// Quotas (R6, R13, R18) are over a pool, not one subject: see CheckQuota.
func Evaluate(p Policy, subject Subject, kind AwardKind, year int, f Facts) EligibilityResult {
	policyDate := YearEnd(year)
	asOf := f.AsOf
	if asOf.IsZero() {
		asOf = policyDate
	}
	e := &evaluator{t: p.At(policyDate), f: &f, subj: subject, year: year, asOf: asOf}
	res := EligibilityResult{Subject: subject, Kind: kind, Year: year, PolicyDate: policyDate, AsOf: asOf}
	if !kind.AllowsSubject(subject.Kind) {
		res.Unsupported = fmt.Sprintf("%s không áp dụng cho đối tượng %s", kind.Label(), strings.ToLower(subject.Kind.Label()))
		return res
	}
	person := subject.Kind == SubjectPerson
	switch kind {
	case TitleAdvancedWorker:
		e.add(e.r1(), e.r2(), e.r3(), e.r4())
	case TitleGrassrootsEmulationFighter:
		e.add(e.r5())
	case TitleSectorEmulationFighter:
		e.multiYear(e.sectorFighter, "R7")
	case TitleNationalEmulationFighter:
		e.multiYear(e.nationalFighter, "R9")
	case TitleAdvancedCollective:
		e.add(e.r11())
	case TitleExcellentCollective:
		e.add(e.r12())
	case TitleSectorEmulationFlag:
		e.add(e.r14(), e.r12(), e.r16())
	case TitleGovernmentEmulationFlag:
		e.add(e.r17())
	case AwardSectorCertificateOfMerit:
		if person {
			e.multiYear(e.certificate, "R19")
			e.add(e.r19a())
		}
	case AwardPrimeMinisterCertificate:
		if person {
			e.multiYear(e.pmCertificate, "R19b")
		}
	case AwardProcuracyCommemorativeMedal:
		e.add(e.r20())
	}
	e.add(e.r23())
	if !person {
		e.add(e.r36())
	}
	res.Results = e.results
	return res
}

// evaluator holds one question's context.
type evaluator struct {
	t       Thresholds
	f       *Facts
	subj    Subject
	year    int
	asOf    Date
	results []RuleResult
}

func (e *evaluator) add(rs ...RuleResult) { e.results = append(e.results, rs...) }

// result builds a RuleResult for rule id from the catalog.
func result(id string, passed bool, inputs []string, format string, args ...any) RuleResult {
	r := mustRule(id)
	return RuleResult{RuleID: id, Citation: r.Citation, Status: r.Status, Mode: r.Mode, Passed: passed,
		Inputs: compactIDs(inputs), Detail: fmt.Sprintf(format, args...)}
}

// compactIDs drops empty and repeated ids, keeping the first occurrence.
func compactIDs(ids []string) []string {
	var out []string
	for _, id := range ids {
		if id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

func yearsText(ys []int) string {
	s := make([]string, len(ys))
	for i, y := range ys {
		s[i] = strconv.Itoa(y)
	}
	return strings.Join(s, ", ")
}

// ---------------------------------------------------------------------------
// Lookups.

// rating returns subject's current rating for year: the last recorded one
// that no other rating supersedes.
func (e *evaluator) rating(s Subject, year int) (RatingFact, bool) {
	superseded := map[string]bool{}
	for _, r := range e.f.Ratings {
		if r.Supersedes != "" {
			superseded[r.Supersedes] = true
		}
	}
	var out RatingFact
	ok := false
	for _, r := range e.f.Ratings {
		if r.Subject == s && r.Year == year && (r.RatingID == "" || !superseded[r.RatingID]) {
			out, ok = r, true
		}
	}
	return out, ok
}

// view restricts what counts as an achievement: R22 excludes ad-hoc and
// thematic awards (allBases false); R24 excludes years before a discipline
// ended (fromYear).
type view struct {
	allBases bool
	fromYear int
}

// countsAsMerit reports whether an award's basis may serve as the basis of
// a merit proposal (R22): ad-hoc and thematic ones may not.
func countsAsMerit(b AwardBasis) bool { return b != BasisAdHoc && b != BasisMovement }

// award returns s's unrevoked award of kind for year, as seen through v.
func (e *evaluator) award(v view, s Subject, kind AwardKind, year int) (AwardFact, bool) {
	if v.fromYear != 0 && year < v.fromYear {
		return AwardFact{}, false
	}
	for _, a := range e.f.Awards {
		if a.Subject == s && a.Kind == kind && a.Year == year && !a.Revoked && (v.allBases || countsAsMerit(a.Basis)) {
			return a, true
		}
	}
	return AwardFact{}, false
}

func (e *evaluator) holdsAdvancedWorker(personID string, year int) (AwardFact, bool) {
	return e.award(view{allBases: true}, Person(personID), TitleAdvancedWorker, year)
}

// disciplinesFor returns the sanctions of at least minForm attributed to
// year (R4): those for a violation in year, and those decided in year for
// an earlier violation unless that violation already cost the person the
// LĐTT of its own year (no unrevoked LĐTT for it): such a decision is not
// counted again.
func (e *evaluator) disciplinesFor(personID string, year int, minForm DisciplineForm) []DisciplineFact {
	var out []DisciplineFact
	for _, d := range e.f.Disciplines {
		if d.PersonID != personID || !d.Form.AtLeast(minForm) || d.DecidedOn.After(e.asOf) {
			continue
		}
		switch {
		case d.ViolationYear == year:
			out = append(out, d)
		case d.DecidedOn.Year() == year && d.ViolationYear < year:
			if _, had := e.holdsAdvancedWorker(personID, d.ViolationYear); had {
				out = append(out, d)
			}
		}
	}
	return out
}

// disciplineWindow returns the first year whose achievements count after
// the person's disciplines (R24), with the events and the end date that
// set it; 0 if no discipline limits the window. A year counts only if it
// starts on or after the day the discipline ended (conservative reading).
// A discipline still in force at asOf leaves no countable year.
func (e *evaluator) disciplineWindow(personID string) (first int, ended Date, inputs []string) {
	for _, d := range e.f.Disciplines {
		if d.PersonID != personID || d.DecidedOn.After(e.asOf) {
			continue
		}
		end := d.EndedOn
		ids := []string{d.EventID, d.EndedEventID}
		if end.IsZero() && !d.EndsOn.IsZero() && !d.EndsOn.After(e.asOf) {
			end = d.EndsOn
		}
		var y int
		switch {
		case end.IsZero() || end.After(e.asOf):
			y, end = e.asOf.Year()+1, Date{}
		case end.Month() == 1 && end.Day() == 1:
			y = end.Year()
		default:
			y = end.Year() + 1
		}
		if y > first {
			first, ended, inputs = y, end, ids
		}
	}
	return first, ended, inputs
}

// initiatives returns the person's initiatives with scope at least min,
// counted for years in [from, to] and recognized by asOf, not revoked, one
// per initiative (its widest recognition).
func (e *evaluator) initiatives(personID string, minScope InitiativeScope, from, to int) []InitiativeFact {
	best := map[string]InitiativeFact{}
	var order []string
	for _, in := range e.f.Initiatives {
		y := in.Year
		if y == 0 {
			y = in.RecognizedOn.Year()
		}
		if in.Revoked || !slices.Contains(in.Authors, personID) || in.RecognizedOn.After(e.asOf) ||
			y < from || y > to || !in.Scope.AtLeast(minScope) {
			continue
		}
		cur, seen := best[in.InitiativeID]
		if !seen {
			order = append(order, in.InitiativeID)
		}
		if !seen || in.Scope.Compare(cur.Scope) > 0 {
			best[in.InitiativeID] = in
		}
	}
	out := make([]InitiativeFact, 0, len(order))
	for _, id := range order {
		out = append(out, best[id])
	}
	return out
}

// research returns the person's accepted research works of at least
// minScope counted for years in [from, to].
func (e *evaluator) research(personID string, minScope InitiativeScope, from, to int) []ResearchFact {
	var out []ResearchFact
	for _, r := range e.f.Research {
		y := r.Year
		if y == 0 {
			y = r.AcceptedOn.Year()
		}
		if slices.Contains(r.Authors, personID) && !r.AcceptedOn.After(e.asOf) && y >= from && y <= to &&
			(minScope.IsZero() || r.Scope.IsZero() || r.Scope.AtLeast(minScope)) {
			out = append(out, r)
		}
	}
	return out
}

// ---------------------------------------------------------------------------
// Streaks.

// streakInfo is a computed streak and what shaped it (for R-U1..R-U3).
type streakInfo struct {
	years  []int
	inputs []string
	// skipped are unevaluated years passed over (GapSkipsUnevaluatedYear);
	// brokenAt is the unevaluated year that ended the streak
	// (GapBreaksStreak), or 0.
	skipped  []int
	brokenAt int
	// transfer is a transfer inside or at the start of the streak; cut is
	// true when it ended the streak (TransferResetsStreak).
	transfer *TransferFact
	cut      bool
	// merger is a merger forming the subject; inherited says whether
	// predecessors' years were counted.
	merger    *UnitChangeFact
	inherited bool
}

// walk counts back from end while has(y) holds, applying the R-U1 gap
// option and the R-U2 transfer option, and never going below v.fromYear.
func (e *evaluator) walk(v view, s Subject, end int, stopBelow int, has func(y int) ([]string, bool)) streakInfo {
	var info streakInfo
	lowest := max(v.fromYear, stopBelow)
	if s.Kind == SubjectPerson {
		for i := range e.f.Transfers {
			tr := &e.f.Transfers[i]
			if tr.PersonID != s.ID || tr.On.After(e.asOf) || tr.On.Year() > end {
				continue
			}
			if info.transfer == nil || tr.On.After(info.transfer.On) {
				info.transfer = tr
			}
		}
	}
	// earliest bounds the walk: no recorded year before it can count.
	// (Any subject's: a merged unit may count its predecessors' years.)
	earliest := end
	for _, r := range e.f.Ratings {
		earliest = min(earliest, r.Year)
	}
	for _, a := range e.f.Awards {
		earliest = min(earliest, a.Year)
	}
	// own is the subject's first recorded year: a year with no rating is
	// a gap (R-U1) only after it, not before the subject's history began.
	own := end
	for _, r := range e.f.Ratings {
		if r.Subject == s {
			own = min(own, r.Year)
		}
	}
	for _, a := range e.f.Awards {
		if a.Subject == s {
			own = min(own, a.Year)
		}
	}
	var chunks [][]string
	for y := end; y >= earliest && y >= lowest; y-- {
		if info.transfer != nil && e.t.StreakTransfer == TransferResetsStreak && y < info.transfer.On.Year() {
			info.cut = true
			break
		}
		if ids, ok := has(y); ok {
			info.years = append(info.years, y)
			chunks = append(chunks, ids)
			continue
		}
		if _, rated := e.rating(s, y); !rated && y != end && y > own {
			if e.t.StreakGap == GapSkipsUnevaluatedYear {
				info.skipped = append(info.skipped, y)
				continue
			}
			info.brokenAt = y
		}
		break
	}
	slices.Reverse(info.years)
	slices.Reverse(chunks)
	for _, c := range chunks {
		info.inputs = append(info.inputs, c...)
	}
	if info.transfer != nil && len(info.years) > 0 && info.transfer.On.Year() < info.years[0] && !info.cut {
		info.transfer = nil // before the streak: irrelevant
	}
	return info
}

// titleStreak is the streak of kind titles of s ending at end, seen
// through v; for a unit formed by a merger, predecessors' titles count for
// the years before the merger when R-U3 says so.
func (e *evaluator) titleStreak(v view, s Subject, kind AwardKind, end int) streakInfo {
	var merger *UnitChangeFact
	if s.Kind == SubjectUnit {
		for i := range e.f.UnitChanges {
			c := &e.f.UnitChanges[i]
			if c.Kind == UnitChangeMerged && c.ResultUnitID == s.ID && !c.Effective.After(e.asOf) {
				merger = c
			}
		}
	}
	inherit := merger != nil && (e.t.MergerSuccession == SuccessionAlways ||
		(e.t.MergerSuccession == SuccessionAsDeclared && merger.Inherits))
	stopBelow := 0
	if merger != nil && !inherit && merger.ResultUnitID != "" && !slices.Contains(merger.SourceUnitIDs, s.ID) {
		stopBelow = merger.Effective.Year() // a new unit has no history before it was formed
	}
	info := e.walk(v, s, end, stopBelow, func(y int) ([]string, bool) {
		if a, ok := e.award(v, s, kind, y); ok {
			return []string{a.EventID}, true
		}
		if inherit && y < merger.Effective.Year() {
			for _, src := range merger.SourceUnitIDs {
				if a, ok := e.award(v, Unit(src), kind, y); ok {
					return []string{a.EventID, merger.EventID}, true
				}
			}
		}
		return nil, false
	})
	if merger != nil && (len(info.years) == 0 || info.years[0] <= merger.Effective.Year()) {
		info.merger, info.inherited = merger, inherit
	}
	return info
}

// ratingStreak is the streak of years s was rated at least min, ending at
// end.
func (e *evaluator) ratingStreak(v view, s Subject, minRating PerformanceRating, end int) streakInfo {
	return e.walk(v, s, end, 0, func(y int) ([]string, bool) {
		if v.fromYear != 0 && y < v.fromYear {
			return nil, false
		}
		if r, ok := e.rating(s, y); ok && r.Rating.AtLeast(minRating) {
			return []string{r.EventID}, true
		}
		return nil, false
	})
}

// notes turns what shaped a streak into R-U1..R-U3 results.
func (e *evaluator) notes(info streakInfo, what string) []RuleResult {
	var out []RuleResult
	switch {
	case len(info.skipped) > 0:
		out = append(out, result("R-U1", true, nil,
			"Năm %s không được đánh giá; theo lựa chọn chính sách, năm đó không làm gián đoạn chuỗi %s", yearsText(info.skipped), what))
	case info.brokenAt != 0:
		out = append(out, result("R-U1", false, nil,
			"Năm %d không được đánh giá; theo lựa chọn chính sách (mặc định), năm đó làm gián đoạn chuỗi %s", info.brokenAt, what))
	}
	if info.transfer != nil {
		if info.cut {
			out = append(out, result("R-U2", false, []string{info.transfer.EventID},
				"Chuyển công tác ngày %s: theo lựa chọn chính sách, chuỗi %s tính lại từ năm %d", info.transfer.On.Label(), what, info.transfer.On.Year()))
		} else {
			out = append(out, result("R-U2", true, []string{info.transfer.EventID},
				"Chuyển công tác ngày %s: danh hiệu thuộc về cá nhân, chuỗi %s được giữ (mặc định)", info.transfer.On.Label(), what))
		}
	}
	if info.merger != nil {
		if info.inherited {
			out = append(out, result("R-U3", true, []string{info.merger.EventID},
				"Đơn vị hợp nhất từ ngày %s: kế thừa danh hiệu của đơn vị cũ khi tính chuỗi %s", info.merger.Effective.Label(), what))
		} else {
			out = append(out, result("R-U3", false, []string{info.merger.EventID},
				"Đơn vị hợp nhất từ ngày %s: không kế thừa danh hiệu của đơn vị cũ khi tính chuỗi %s (quyết định hợp nhất không nêu)", info.merger.Effective.Label(), what))
		}
	}
	return out
}

// StreakResult is a computed streak of titles: the years (ascending), the
// events used, and notes on the R-U1..R-U3 options that shaped it.
type StreakResult struct {
	Years  []int
	Inputs []string
	Notes  []RuleResult
}

// Streak computes subject's streak of kind titles ending at endYear (merit
// titles only, R22; counting from the end of any discipline, R24), under
// p's R-U1..R-U3 options.
func Streak(p Policy, f Facts, subject Subject, kind AwardKind, endYear int) StreakResult {
	asOf := f.AsOf
	if asOf.IsZero() {
		asOf = YearEnd(endYear)
	}
	e := &evaluator{t: p.At(YearEnd(endYear)), f: &f, subj: subject, year: endYear, asOf: asOf}
	v := view{}
	if subject.Kind == SubjectPerson {
		v.fromYear, _, _ = e.disciplineWindow(subject.ID)
	}
	info := e.titleStreak(v, subject, kind, endYear)
	return StreakResult{Years: info.years, Inputs: compactIDs(info.inputs), Notes: e.notes(info, kind.Label())}
}
