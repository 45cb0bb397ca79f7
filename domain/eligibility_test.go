package domain_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/tdkt/tdkt/domain"
)

// Fact builders. Event ids are readable so failures say which fact.

var (
	p1 = domain.Person("p1")
	u1 = domain.Unit("u1")
)

func rating(s domain.Subject, y int, r domain.PerformanceRating) domain.RatingFact {
	return domain.RatingFact{EventID: fmt.Sprintf("ev-rating-%s-%d", s.ID, y), Subject: s, Year: y, Rating: r}
}

func award(s domain.Subject, k domain.AwardKind, y int, b domain.AwardBasis, achievements ...string) domain.AwardFact {
	return domain.AwardFact{EventID: fmt.Sprintf("ev-award-%s-%s-%d", s.ID, k, y), AwardID: fmt.Sprintf("a-%s-%s-%d", s.ID, k, y),
		Subject: s, Kind: k, Year: y, Basis: b, DecidedOn: mustDate(fmt.Sprintf("%d-12-20", y)), Achievements: achievements}
}

func merit(s domain.Subject, k domain.AwardKind, years ...int) []domain.AwardFact {
	var out []domain.AwardFact
	for _, y := range years {
		out = append(out, award(s, k, y, domain.BasisMerit))
	}
	return out
}

func ratings(s domain.Subject, r domain.PerformanceRating, years ...int) []domain.RatingFact {
	var out []domain.RatingFact
	for _, y := range years {
		out = append(out, rating(s, y, r))
	}
	return out
}

func initiative(id, person string, scope domain.InitiativeScope, on string) domain.InitiativeFact {
	return domain.InitiativeFact{EventID: "ev-init-" + id + "-" + scope.String(), InitiativeID: id, Authors: []string{person}, Scope: scope, RecognizedOn: mustDate(on)}
}

// unitFacts builds a unit u1 of n members rated r, with ldtt of them LĐTT
// and cstdcs of them CSTĐCS for year.
func unitFacts(year int, unitRating domain.PerformanceRating, n, ldtt, cstdcs int) domain.Facts {
	f := domain.Facts{Ratings: []domain.RatingFact{rating(u1, year, unitRating)}}
	for i := range n {
		pid := fmt.Sprintf("m%d", i)
		f.UnitMembers = append(f.UnitMembers, domain.UnitMemberFact{EventID: "ev-member-" + pid, UnitID: "u1", PersonID: pid, Year: year})
		f.Ratings = append(f.Ratings, rating(domain.Person(pid), year, domain.RatingGood))
		if i < ldtt {
			f.Awards = append(f.Awards, award(domain.Person(pid), domain.TitleAdvancedWorker, year, domain.BasisMerit))
		}
		if i < cstdcs {
			f.Awards = append(f.Awards, award(domain.Person(pid), domain.TitleGrassrootsEmulationFighter, year, domain.BasisMerit))
		}
	}
	return f
}

type evalCase struct {
	name    string // "R7/pass"
	subject domain.Subject
	kind    domain.AwardKind
	year    int
	facts   domain.Facts
	policy  func(*domain.Policy)
	rule    string
	passed  bool
}

func sectorFighterFacts() domain.Facts {
	return domain.Facts{
		Awards:      merit(p1, domain.TitleGrassrootsEmulationFighter, 2022, 2023, 2024),
		Ratings:     ratings(p1, domain.RatingExcellent, 2022, 2023, 2024),
		Initiatives: []domain.InitiativeFact{initiative("i1", "p1", domain.ScopeSector, "2023-11-01")},
	}
}

func evalCases() []evalCase {
	L, CS, CN, TQ := domain.TitleAdvancedWorker, domain.TitleGrassrootsEmulationFighter, domain.TitleSectorEmulationFighter, domain.TitleNationalEmulationFighter
	good := domain.Facts{Ratings: []domain.RatingFact{rating(p1, 2024, domain.RatingGood)}}
	withLeave := func(from, to string, reason domain.LeaveReason) domain.Facts {
		f := good
		f.Leaves = []domain.LeaveFact{{EventID: "ev-leave", PersonID: "p1", Period: domain.Period{From: mustDate(from), To: mustDate(to)}, Reason: reason}}
		return f
	}
	withDiscipline := func(form domain.DisciplineForm, violation int, decided string) domain.Facts {
		f := good
		f.Disciplines = []domain.DisciplineFact{{EventID: "ev-disc", DisciplineID: "d1", PersonID: "p1", Form: form, ViolationYear: violation, DecidedOn: mustDate(decided)}}
		return f
	}
	adhoc := sectorFighterFacts()
	adhoc.Awards = []domain.AwardFact{award(p1, CS, 2022, domain.BasisMerit), award(p1, CS, 2023, domain.BasisAdHoc), award(p1, CS, 2024, domain.BasisMerit)}
	disc := sectorFighterFacts()
	disc.Disciplines = []domain.DisciplineFact{{EventID: "ev-disc", EndedEventID: "ev-disc-end", DisciplineID: "d1", PersonID: "p1", Form: domain.DisciplineReprimand,
		ViolationYear: 2022, DecidedOn: mustDate("2022-07-01"), EndedOn: mustDate("2023-06-30")}}
	national := domain.Facts{Awards: merit(p1, CN, 2023, 2024),
		Initiatives: []domain.InitiativeFact{initiative("i9", "p1", domain.ScopeNational, "2024-06-01")}}
	nationalFail := national
	nationalFail.Initiatives = []domain.InitiativeFact{initiative("i9", "p1", domain.ScopeSector, "2024-06-01")}
	flag := unitFacts(2024, domain.RatingExcellent, 10, 8, 1)
	flag.Acclamations = []domain.AcclamationFact{{EventID: "ev-acc", ClusterID: "cum-13", Year: 2024, UnitID: "u1", Organizer: domain.OrganizedBySector}}
	twoLeaders := flag
	twoLeaders.Acclamations = append(append([]domain.AcclamationFact(nil), flag.Acclamations...),
		domain.AcclamationFact{EventID: "ev-acc-2", ClusterID: "cum-13", Year: 2024, UnitID: "u2", Organizer: domain.OrganizedBySector})
	certB := domain.Facts{Ratings: ratings(p1, domain.RatingExcellent, 2023, 2024),
		Awards: merit(p1, CS, 2024),
		Initiatives: []domain.InitiativeFact{initiative("i1", "p1", domain.ScopeGrassroots, "2023-10-01"),
			initiative("i2", "p1", domain.ScopeGrassroots, "2024-10-01"), initiative("i3", "p1", domain.ScopeGrassroots, "2024-11-01")}}
	certB.Awards[0].Achievements = []string{"i3"}
	certUsed := certB
	certUsed.Initiatives = certB.Initiatives[1:]
	pm := domain.Facts{Ratings: ratings(p1, domain.RatingGood, 2020, 2021, 2022, 2023, 2024),
		Awards: append(merit(p1, CS, 2021, 2022, 2024), award(p1, domain.AwardSectorCertificateOfMerit, 2022, domain.BasisMerit))}
	pmShort := pm
	pmShort.Ratings = pm.Ratings[1:]
	service := func(from string) domain.Facts {
		return domain.Facts{AsOf: mustDate("2024-07-20"), ServiceStarts: []domain.ServiceFact{{EventID: "ev-service", PersonID: "p1", From: mustDate(from)}}}
	}
	open := good
	open.Proceedings = []domain.ProceedingFact{{EventID: "ev-proc", Subject: p1, Kind: domain.ProceedingComplaint, OpenedOn: mustDate("2024-11-01")}}
	closed := good
	closed.Proceedings = []domain.ProceedingFact{{EventID: "ev-proc", Subject: p1, Kind: domain.ProceedingComplaint, OpenedOn: mustDate("2024-03-01"), ClosedOn: mustDate("2024-05-01")}}
	merged := unitFacts(2025, domain.RatingGood, 10, 8, 0)
	for i := range merged.UnitMembers {
		merged.UnitMembers[i].Year = 2025
	}
	merged.UnitChanges = []domain.UnitChangeFact{{EventID: "ev-merge", Kind: domain.UnitChangeMerged, SourceUnitIDs: []string{"u1", "u2"}, ResultUnitID: "u9", Effective: mustDate("2025-07-01")}}
	active := unitFacts(2025, domain.RatingGood, 10, 8, 0)

	return []evalCase{
		{"R1/pass", p1, L, 2024, good, nil, "R1", true},
		{"R1/fail", p1, L, 2024, domain.Facts{Ratings: []domain.RatingFact{rating(p1, 2024, domain.RatingCompleted)}}, nil, "R1", false},
		{"R2/pass", p1, L, 2024, domain.Facts{Recruitments: []domain.RecruitmentFact{{EventID: "ev-rec", PersonID: "p1", On: mustDate("2024-07-01")}}}, nil, "R2", true},
		{"R2/fail", p1, L, 2024, domain.Facts{Recruitments: []domain.RecruitmentFact{{EventID: "ev-rec", PersonID: "p1", On: mustDate("2024-07-02")}}}, nil, "R2", false},
		{"R3/pass", p1, L, 2024, withLeave("2024-01-01", "2024-02-15", domain.LeaveSickness), nil, "R3", true},
		{"R3/pass-maternity", p1, L, 2024, withLeave("2024-03-01", "2024-07-15", domain.LeaveMaternity), nil, "R3", true},
		{"R3/fail", p1, L, 2024, withLeave("2024-02-01", "2024-04-30", domain.LeaveSickness), nil, "R3", false},
		{"R4/pass", p1, L, 2024, good, nil, "R4", true},
		{"R4/pass-already-used", p1, L, 2024, withDiscipline(domain.DisciplineReprimand, 2023, "2024-02-01"), nil, "R4", true},
		{"R4/fail", p1, L, 2024, withDiscipline(domain.DisciplineReprimand, 2024, "2024-05-01"), nil, "R4", false},
		{"R5/pass", p1, CS, 2024, domain.Facts{Ratings: ratings(p1, domain.RatingExcellent, 2024), Awards: merit(p1, L, 2024)}, nil, "R5", true},
		{"R5/pass-initiative", p1, CS, 2024, domain.Facts{Ratings: ratings(p1, domain.RatingGood, 2024), Awards: merit(p1, L, 2024),
			Initiatives: []domain.InitiativeFact{initiative("i1", "p1", domain.ScopeGrassroots, "2024-09-01")}}, nil, "R5", true},
		{"R5/fail", p1, CS, 2024, domain.Facts{Ratings: ratings(p1, domain.RatingGood, 2024), Awards: merit(p1, L, 2024)}, nil, "R5", false},
		{"R7/pass", p1, CN, 2024, sectorFighterFacts(), nil, "R7", true},
		{"R7/fail", p1, CN, 2024, domain.Facts{Awards: merit(p1, CS, 2023, 2024), Initiatives: sectorFighterFacts().Initiatives}, nil, "R7", false},
		{"R9/pass", p1, TQ, 2024, national, nil, "R9", true},
		{"R9/fail", p1, TQ, 2024, nationalFail, nil, "R9", false},
		{"R11/pass", u1, domain.TitleAdvancedCollective, 2024, unitFacts(2024, domain.RatingGood, 10, 7, 0), nil, "R11", true},
		{"R11/fail", u1, domain.TitleAdvancedCollective, 2024, unitFacts(2024, domain.RatingGood, 10, 6, 0), nil, "R11", false},
		{"R12/pass", u1, domain.TitleExcellentCollective, 2024, unitFacts(2024, domain.RatingExcellent, 10, 7, 1), nil, "R12", true},
		{"R12/fail", u1, domain.TitleExcellentCollective, 2024, unitFacts(2024, domain.RatingExcellent, 10, 7, 0), nil, "R12", false},
		{"R14/pass", u1, domain.TitleSectorEmulationFlag, 2024, flag, nil, "R14", true},
		{"R14/fail", u1, domain.TitleSectorEmulationFlag, 2024, unitFacts(2024, domain.RatingExcellent, 10, 8, 1), nil, "R14", false},
		{"R16/pass", u1, domain.TitleSectorEmulationFlag, 2024, flag, nil, "R16", true},
		{"R16/fail", u1, domain.TitleSectorEmulationFlag, 2024, twoLeaders, nil, "R16", false},
		{"R17/pass", u1, domain.TitleGovernmentEmulationFlag, 2024, flag, nil, "R17", true},
		{"R17/fail", u1, domain.TitleGovernmentEmulationFlag, 2024, unitFacts(2024, domain.RatingExcellent, 10, 8, 1), nil, "R17", false},
		{"R19/pass", p1, domain.AwardSectorCertificateOfMerit, 2024, domain.Facts{Awards: merit(p1, CS, 2023, 2024)}, nil, "R19", true},
		{"R19/pass-initiatives", p1, domain.AwardSectorCertificateOfMerit, 2024, certB, nil, "R19", true},
		{"R19/fail", p1, domain.AwardSectorCertificateOfMerit, 2024, domain.Facts{Awards: merit(p1, CS, 2024), Ratings: ratings(p1, domain.RatingGood, 2023, 2024)}, nil, "R19", false},
		{"R19a/pass", p1, domain.AwardSectorCertificateOfMerit, 2024, certB, nil, "R19a", true},
		{"R19a/fail", p1, domain.AwardSectorCertificateOfMerit, 2024, certUsed, nil, "R19a", false},
		{"R19b/pass", p1, domain.AwardPrimeMinisterCertificate, 2024, pm, nil, "R19b", true},
		{"R19b/fail", p1, domain.AwardPrimeMinisterCertificate, 2024, pmShort, nil, "R19b", false},
		{"R20/pass", p1, domain.AwardProcuracyCommemorativeMedal, 2024, service("2009-07-01"), nil, "R20", true},
		{"R20/fail", p1, domain.AwardProcuracyCommemorativeMedal, 2024, service("2009-07-21"), nil, "R20", false},
		{"R22/pass", p1, CN, 2024, sectorFighterFacts(), nil, "R22", true},
		{"R22/fail", p1, CN, 2024, adhoc, nil, "R22", false},
		{"R23/pass", p1, L, 2024, closed, nil, "R23", true},
		{"R23/fail", p1, L, 2024, open, nil, "R23", false},
		{"R24/pass", p1, CN, 2024, sectorFighterFacts(), nil, "R24", true},
		{"R24/fail", p1, CN, 2024, disc, nil, "R24", false},
		{"R36/pass", u1, domain.TitleAdvancedCollective, 2025, active, nil, "R36", true},
		{"R36/fail", u1, domain.TitleAdvancedCollective, 2025, merged, nil, "R36", false},
	}
}

func TestEvaluate(t *testing.T) {
	for _, c := range evalCases() {
		t.Run(c.name, func(t *testing.T) {
			p := domain.DefaultPolicy()
			if c.policy != nil {
				c.policy(&p)
			}
			res := domain.Evaluate(p, c.subject, c.kind, c.year, c.facts)
			r, ok := res.Result(c.rule)
			if !ok {
				t.Fatalf("rule %s not evaluated; results: %+v", c.rule, res.Results)
			}
			if r.Passed != c.passed {
				t.Fatalf("%s passed = %v, want %v: %s", c.rule, r.Passed, c.passed, r.Detail)
			}
			if r.Citation == "" || r.Detail == "" || r.Mode.IsZero() {
				t.Errorf("result lacks citation, detail or mode: %+v", r)
			}
			if !c.passed && r.Mode == domain.ModeEnforce {
				if res.Eligible() {
					t.Error("Eligible() with a failed enforced rule")
				}
				var e *domain.Error
				if err := res.Err(); !errors.As(err, &e) || domain.ErrorCode(err) != domain.EINVALID {
					t.Errorf("Err() = %v", err)
				}
			}
			t.Logf("%s: %s", r.RuleID, r.Detail)
		})
	}
}

func TestEvaluateDetailAndInputs(t *testing.T) {
	res := domain.Evaluate(domain.DefaultPolicy(), p1, domain.TitleSectorEmulationFighter, 2024, sectorFighterFacts())
	r, _ := res.Result("R7")
	if !strings.HasPrefix(r.Detail, "Đạt 3 năm liên tục CSTĐCS: 2022, 2023, 2024") {
		t.Errorf("detail = %q", r.Detail)
	}
	want := []string{"ev-award-p1-CSTDCS-2022", "ev-award-p1-CSTDCS-2023", "ev-award-p1-CSTDCS-2024", "ev-init-i1-NGANH"}
	if fmt.Sprint(r.Inputs) != fmt.Sprint(want) {
		t.Errorf("inputs = %v, want %v", r.Inputs, want)
	}
	if !res.Eligible() || res.Err() != nil {
		t.Errorf("Eligible = %v, Err = %v", res.Eligible(), res.Err())
	}
}

func TestEvaluateJoinsFailures(t *testing.T) {
	f := domain.Facts{
		Ratings:      []domain.RatingFact{rating(p1, 2024, domain.RatingCompleted)},
		Recruitments: []domain.RecruitmentFact{{EventID: "ev-rec", PersonID: "p1", On: mustDate("2024-11-01")}},
	}
	err := domain.Evaluate(domain.DefaultPolicy(), p1, domain.TitleAdvancedWorker, 2024, f).Err()
	var rules []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var de *domain.Error
		if errors.As(e, &de) {
			rules = append(rules, de.Rule)
		}
	}
	if fmt.Sprint(rules) != "[R1 R2]" {
		t.Errorf("joined rules = %v (err %v)", rules, err)
	}
}

func TestEvaluateUnsupportedSubject(t *testing.T) {
	res := domain.Evaluate(domain.DefaultPolicy(), u1, domain.TitleAdvancedWorker, 2024, domain.Facts{})
	if res.Eligible() || domain.ErrorCode(res.Err()) != domain.EINVALID {
		t.Errorf("unit for LĐTT: eligible=%v err=%v", res.Eligible(), res.Err())
	}
}

// A person recruited 8 months before year-end: denied LĐTT for 2023 under
// TT 01/2019 (10 months), allowed for 2024 under TT 02/2024 (6 months).
func TestRegimeSwitchRecruitment(t *testing.T) {
	for _, c := range []struct {
		year      int
		recruited string
		passed    bool
		source    string
	}{
		{2023, "2023-04-30", false, "TT 01/2019/TT-VKSTC"},
		{2024, "2024-04-30", true, "TT 02/2024/TT-VKSTC"},
	} {
		t.Run(fmt.Sprint(c.year), func(t *testing.T) {
			f := domain.Facts{
				Ratings:      []domain.RatingFact{rating(p1, c.year, domain.RatingGood)},
				Recruitments: []domain.RecruitmentFact{{EventID: "ev-rec", PersonID: "p1", On: mustDate(c.recruited)}},
			}
			res := domain.Evaluate(domain.DefaultPolicy(), p1, domain.TitleAdvancedWorker, c.year, f)
			r, _ := res.Result("R2")
			if r.Passed != c.passed || res.Eligible() != c.passed {
				t.Errorf("R2 passed=%v eligible=%v, want %v: %s", r.Passed, res.Eligible(), c.passed, r.Detail)
			}
			if !strings.Contains(r.Detail, c.source) {
				t.Errorf("detail %q does not cite %s", r.Detail, c.source)
			}
		})
	}
}

func TestPolicyQuestions(t *testing.T) {
	gap := sectorFighterFacts()
	gap.Awards = merit(p1, domain.TitleGrassrootsEmulationFighter, 2021, 2022, 2024)
	gap.Ratings = ratings(p1, domain.RatingExcellent, 2021, 2022, 2024) // 2023: not evaluated
	transfer := sectorFighterFacts()
	transfer.Transfers = []domain.TransferFact{{EventID: "ev-transfer", PersonID: "p1", FromUnitID: "u1", ToUnitID: "u2", On: mustDate("2023-03-01")}}

	for _, c := range []struct {
		name   string
		facts  domain.Facts
		set    func(*domain.Policy)
		rule   string
		passed bool
	}{
		{"R-U1/default-gap-breaks", gap, nil, "R-U1", false},
		{"R-U1/option-gap-skipped", gap, func(p *domain.Policy) { p.StreakGap = domain.GapSkipsUnevaluatedYear }, "R-U1", true},
		{"R-U2/default-transfer-keeps", transfer, nil, "R-U2", true},
		{"R-U2/option-transfer-resets", transfer, func(p *domain.Policy) { p.StreakTransfer = domain.TransferResetsStreak }, "R-U2", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := domain.DefaultPolicy()
			if c.set != nil {
				c.set(&p)
			}
			res := domain.Evaluate(p, p1, domain.TitleSectorEmulationFighter, 2024, c.facts)
			note, ok := res.Result(c.rule)
			r7, _ := res.Result("R7")
			if !ok || note.Passed != c.passed || r7.Passed != c.passed {
				t.Errorf("%s = %+v (found %v); R7 passed=%v (%s); want %v", c.rule, note, ok, r7.Passed, r7.Detail, c.passed)
			}
			if note.Mode != domain.ModeFlag || note.Status != domain.StatusUnconfirmed {
				t.Errorf("%s mode/status = %v/%v", c.rule, note.Mode, note.Status)
			}
		})
	}

	// R-U3: a unit formed on 01/07/2025 from u-a and u-b; u-a held the
	// sector flag in 2023 and 2024, the new unit in 2025.
	merger := domain.UnitChangeFact{EventID: "ev-merge", Kind: domain.UnitChangeMerged, SourceUnitIDs: []string{"u-a", "u-b"}, ResultUnitID: "u-new", Effective: mustDate("2025-07-01")}
	facts := func(inherits bool) domain.Facts {
		m := merger
		m.Inherits = inherits
		awards := append(merit(domain.Unit("u-a"), domain.TitleSectorEmulationFlag, 2023, 2024), merit(domain.Unit("u-new"), domain.TitleSectorEmulationFlag, 2025)...)
		return domain.Facts{Awards: awards, UnitChanges: []domain.UnitChangeFact{m}}
	}
	for _, c := range []struct {
		name     string
		policy   domain.SuccessionPolicy
		inherits bool
		years    int
	}{
		{"R-U3/default-not-declared", domain.SuccessionAsDeclared, false, 1},
		{"R-U3/default-declared", domain.SuccessionAsDeclared, true, 3},
		{"R-U3/option-never", domain.SuccessionNever, true, 1},
		{"R-U3/option-always", domain.SuccessionAlways, false, 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := domain.DefaultPolicy()
			p.MergerSuccession = c.policy
			s := domain.Streak(p, facts(c.inherits), domain.Unit("u-new"), domain.TitleSectorEmulationFlag, 2025)
			if len(s.Years) != c.years {
				t.Errorf("streak years = %v, want %d", s.Years, c.years)
			}
			if len(s.Notes) != 1 || s.Notes[0].RuleID != "R-U3" || s.Notes[0].Passed != (c.years == 3) {
				t.Errorf("notes = %+v", s.Notes)
			}
		})
	}
}
