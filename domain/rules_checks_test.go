package domain_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/tdkt/tdkt/domain"
)

// checkCase runs a standalone check: err must be nil for pass, and a
// *domain.Error with EINVALID and the rule's id for fail.
type checkCase struct {
	name string // "R28/pass"
	rule string
	err  func() error
	pass bool
}

func quota(rule string, year int, pool, proposed []string, f domain.Facts) func() error {
	return func() error {
		r, err := domain.CheckQuota(domain.DefaultPolicy(), rule, year, pool, proposed, f)
		if r.Citation == "" || r.Detail == "" {
			return fmt.Errorf("quota result lacks citation or detail: %+v", r)
		}
		return err
	}
}

func TestChecks(t *testing.T) {
	p := domain.DefaultPolicy()
	on := mustDate("2024-12-15")
	// R6 pool: 20 persons with LĐTT, 3 CSTĐCS allowed (15%).
	var persons []string
	var r6 domain.Facts
	for i := range 20 {
		id := fmt.Sprintf("q%d", i)
		persons = append(persons, id)
		r6.Awards = append(r6.Awards, award(domain.Person(id), domain.TitleAdvancedWorker, 2024, domain.BasisMerit))
	}
	r6.Awards = append(r6.Awards, merit(domain.Person("q0"), domain.TitleGrassrootsEmulationFighter, 2024)...)
	// R13 pool: 3 units TTLĐTT → 1 TTLĐXS.
	var units []string
	var r13 domain.Facts
	for i := range 3 {
		id := fmt.Sprintf("v%d", i)
		units = append(units, id)
		r13.Awards = append(r13.Awards, award(domain.Unit(id), domain.TitleAdvancedCollective, 2024, domain.BasisMerit))
		r13.Acclamations = append(r13.Acclamations, domain.AcclamationFact{EventID: "ev-acc-" + id, ClusterID: "c" + id, Year: 2024, UnitID: id, Organizer: domain.OrganizedBySector})
	}
	for i := 3; i < 10; i++ {
		id := fmt.Sprintf("v%d", i)
		units = append(units, id)
		r13.Acclamations = append(r13.Acclamations, domain.AcclamationFact{EventID: "ev-acc-" + id, ClusterID: "c" + id, Year: 2024, UnitID: id, Organizer: domain.OrganizedBySector})
	}
	cons := []domain.ConsultationFact{{EventID: "ev-cons", ConsultationID: "lyk-1", ProposalIDs: []string{"prop-1"},
		Window: domain.Period{From: mustDate("2025-09-10"), To: mustDate("2025-09-23")}, Closed: true}}
	ballot := func(k domain.BallotKind, eligible, cast, yes int) domain.BallotFact {
		return domain.BallotFact{EventID: "ev-ballot", Kind: k, Eligible: eligible, Cast: cast, For: yes}
	}
	a := award(p1, domain.TitleGrassrootsEmulationFighter, 2024, domain.BasisMerit, "i1")
	b := award(p1, domain.AwardSectorCertificateOfMerit, 2024, domain.BasisMerit, "i1")
	c := award(p1, domain.AwardSectorCertificateOfMerit, 2024, domain.BasisMerit, "i2")
	lead := func(year int, leader, deputy string) domain.ClusterLeadershipFact {
		return domain.ClusterLeadershipFact{EventID: fmt.Sprint("ev-lead-", year), ClusterID: "cum-1", Year: year, LeaderUnitID: leader, DeputyUnitID: deputy}
	}
	members := []domain.ClusterMemberFact{{ClusterID: "cum-1", Year: 2024, UnitID: "a"}, {ClusterID: "cum-1", Year: 2024, UnitID: "b"}}
	okCluster := domain.Facts{ClusterLeadership: []domain.ClusterLeadershipFact{lead(2023, "b", "a"), lead(2024, "a", "b")}, ClusterMembers: members}
	badCluster := domain.Facts{ClusterLeadership: []domain.ClusterLeadershipFact{lead(2023, "a", "b"), lead(2024, "a", "x")}, ClusterMembers: members}
	bonus := func(kind domain.AwardKind, day string, want int64) func() error {
		return func() error {
			got, err := domain.BonusAmount(p, kind, mustDate(day), 2_340_000)
			if err == nil && got != want {
				return fmt.Errorf("bonus = %d, want %d", got, want)
			}
			return err
		}
	}

	cases := []checkCase{
		{"R6/pass", "R6", quota("R6", 2024, persons, []string{"q1", "q2"}, r6), true},
		{"R6/fail", "R6", quota("R6", 2024, persons, []string{"q1", "q2", "q3"}, r6), false},
		{"R8/pass", "R8", func() error { return domain.CheckBallot(p, "R8", on, ballot(domain.BallotSecret, 10, 10, 9)) }, true},
		{"R8/fail", "R8", func() error { return domain.CheckBallot(p, "R8", on, ballot(domain.BallotSecret, 10, 10, 8)) }, false},
		{"R8/fail-not-secret", "R8", func() error { return domain.CheckBallot(p, "R8", on, ballot(domain.BallotShowOfHands, 10, 10, 10)) }, false},
		{"R10/pass", "R10", func() error { return domain.CheckPublicConsultation(cons, "prop-1", mustDate("2025-09-25")) }, true},
		{"R10/fail", "R10", func() error { return domain.CheckPublicConsultation(cons, "prop-1", mustDate("2025-09-20")) }, false},
		{"R13/pass", "R13", quota("R13", 2024, units, []string{"v0"}, r13), true},
		{"R13/fail", "R13", quota("R13", 2024, units, []string{"v0", "v1"}, r13), false},
		{"R15/pass", "R15", func() error { return domain.CheckBallot(p, "R15", on, ballot(domain.BallotSecret, 5, 5, 4)) }, true},
		{"R15/fail", "R15", func() error { return domain.CheckBallot(p, "R15", on, ballot(domain.BallotSecret, 5, 5, 3)) }, false},
		{"R18/pass", "R18", quota("R18", 2024, units, []string{"v0", "v1"}, r13), true},
		{"R18/fail", "R18", quota("R18", 2024, units, []string{"v0", "v1", "v2"}, r13), false},
		{"R21/pass", "R21", func() error { return domain.CheckOneAchievement([]domain.AwardFact{a}, c) }, true},
		{"R21/fail", "R21", func() error { return domain.CheckOneAchievement([]domain.AwardFact{a}, b) }, false},
		{"R25/pass", "R25", func() error {
			return errors.Join(domain.CheckRevocationGround(domain.GroundFalseDossier), domain.CheckRevocationRecovery(true, true))
		}, true},
		{"R25/fail", "R25", func() error { return domain.CheckRevocationGround(domain.RevocationGround{}) }, false},
		{"R25/fail-recovery", "R25", func() error { return domain.CheckRevocationRecovery(true, false) }, false},
		{"R26/pass", "R26", func() error { return domain.CheckLeaderNotExcluded(lead(2024, "a", "b"), []string{"c"}) }, true},
		{"R26/fail", "R26", func() error { return domain.CheckLeaderNotExcluded(lead(2024, "a", "b"), []string{"b"}) }, false},
		{"R27/pass", "R27", func() error { return domain.CheckLeadershipRotation(okCluster, "cum-1", 2024) }, true},
		{"R27/fail", "R27", func() error { return domain.CheckLeadershipRotation(badCluster, "cum-1", 2024) }, false},
		{"R28/pass", "R28", func() error { return domain.CheckClusterLeadership(okCluster, "cum-1", 2024) }, true},
		{"R28/fail", "R28", func() error { return domain.CheckClusterLeadership(badCluster, "cum-1", 2024) }, false},
		{"R29/pass", "R29", func() error { return domain.CheckClusterSupervision("cum-1", 2024, []string{"hd-7"}) }, true},
		{"R29/fail", "R29", func() error { return domain.CheckClusterSupervision("cum-1", 2024, nil) }, false},
		{"R30/pass", "R30", func() error {
			return domain.CheckInitiativeRecognition(mustDate("2024-03-01"), mustDate("2024-10-01"), false)
		}, true},
		{"R30/fail", "R30", func() error {
			return domain.CheckInitiativeRecognition(mustDate("2024-10-02"), mustDate("2024-10-01"), false)
		}, false},
		{"R31/pass", "R31", func() error { return domain.CheckInitiativeCouncil(p, on, ballot(domain.BallotSecret, 9, 9, 6), false) }, true},
		{"R31/fail", "R31", func() error { return domain.CheckInitiativeCouncil(p, on, ballot(domain.BallotSecret, 9, 9, 5), false) }, false},
		{"R31/fail-author-head", "R31", func() error { return domain.CheckInitiativeCouncil(p, on, ballot(domain.BallotSecret, 9, 9, 9), true) }, false},
		{"R32/pass", "R32", func() error {
			return domain.CheckInitiativeEscalation(domain.ScopeGrassroots, domain.ScopeSector, domain.AwardLevelSector)
		}, true},
		{"R32/fail", "R32", func() error {
			return domain.CheckInitiativeEscalation(domain.ScopeGrassroots, domain.ScopeNational, domain.AwardLevelSector)
		}, false},
		{"R32/fail-recognizer", "R32", func() error {
			return domain.CheckInitiativeEscalation(domain.ScopeGrassroots, domain.ScopeSector, domain.AwardLevelProvince)
		}, false},
		{"R33/pass", "R33", func() error {
			return domain.CheckDossier(domain.TitleSectorEmulationFighter, []domain.DossierItemKind{domain.DossierSubmission,
				domain.DossierAchievementReport, domain.DossierMinutes, domain.DossierInitiativeCert})
		}, true},
		{"R33/fail", "R33", func() error {
			return domain.CheckDossier(domain.TitleGovernmentEmulationFlag, []domain.DossierItemKind{domain.DossierSubmission})
		}, false},
		{"R34/pass", "R34", func() error {
			return domain.CheckIssuerCompetence(domain.DefaultCompetenceMatrix(), domain.AwardLevelProvince, domain.TitleAdvancedWorker)
		}, true},
		{"R34/fail", "R34", func() error {
			return domain.CheckIssuerCompetence(domain.DefaultCompetenceMatrix(), domain.AwardLevelProvince, domain.TitleSectorEmulationFlag)
		}, false},
		{"R35/pass", "R35", bonus(domain.TitleNationalEmulationFighter, "2024-12-20", 10_530_000), true},
		{"R35/pass-ldtt", "R35", bonus(domain.TitleAdvancedWorker, "2025-12-20", 702_000), true},
		{"R35/fail", "R35", bonus(domain.TitleAdvancedWorker, "2023-12-20", 0), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.err()
			if c.pass {
				if err != nil {
					t.Fatalf("want pass, got %v", err)
				}
				return
			}
			var e *domain.Error
			if !errors.As(err, &e) || e.Code != domain.EINVALID || e.Rule != c.rule || e.Citation == "" {
				t.Fatalf("want %s error, got %#v", c.rule, err)
			}
			t.Log(e.Message)
		})
	}
}

func TestCheckQuotaShowsUnconfirmedRounding(t *testing.T) {
	var f domain.Facts
	var pool []string
	for i := range 10 {
		id := fmt.Sprintf("v%d", i)
		pool = append(pool, id)
		f.Awards = append(f.Awards, award(domain.Unit(id), domain.TitleAdvancedCollective, 2024, domain.BasisMerit))
	}
	for _, c := range []struct{ n, want int }{{0, 0}, {3, 1}, {10, 2}} {
		r, _ := domain.CheckQuota(domain.DefaultPolicy(), "R13", 2024, pool[:c.n], nil, f)
		if r.Base != c.n || r.Allowed != c.want || r.Quota.RoundingStatus != domain.StatusUnconfirmed {
			t.Errorf("R13 n=%d: %+v, want allowed %d with [U] rounding", c.n, r, c.want)
		}
	}
	if _, err := domain.CheckQuota(domain.DefaultPolicy(), "R7", 2024, nil, nil, f); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("CheckQuota(R7) err = %v", err)
	}
}

func TestDependentAwards(t *testing.T) {
	f := domain.Facts{Awards: append(merit(p1, domain.TitleGrassrootsEmulationFighter, 2022, 2023, 2024), merit(p1, domain.TitleSectorEmulationFighter, 2024)...)}
	deps := domain.DependentAwards(f, f.Awards[1])
	if len(deps) != 1 || deps[0].Kind != domain.TitleSectorEmulationFighter {
		t.Errorf("dependents = %+v", deps)
	}
}
