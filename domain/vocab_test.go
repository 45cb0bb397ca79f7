package domain_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/tdkt/tdkt/domain"
)

// member is what every vocabulary value offers.
type member interface {
	fmt.Stringer
	Label() string
	IsZero() bool
}

// vocabularies lists every vocabulary with a parser, so the shared
// properties are checked for all of them.
func vocabularies() map[string]struct {
	values []member
	parse  func(string) (member, error)
} {
	type v = struct {
		values []member
		parse  func(string) (member, error)
	}
	out := map[string]v{}
	add := func(name string, values []member, parse func(string) (member, error)) {
		out[name] = v{values, parse}
	}
	add("AwardKind", as(domain.AwardKinds()), wrap(domain.ParseAwardKind))
	add("PerformanceRating", as(domain.PerformanceRatings()), wrap(domain.ParsePerformanceRating))
	add("DisciplineForm", as(domain.DisciplineForms()), wrap(domain.ParseDisciplineForm))
	add("InitiativeScope", as(domain.InitiativeScopes()), wrap(domain.ParseInitiativeScope))
	add("AwardBasis", as(domain.AwardBases()), wrap(domain.ParseAwardBasis))
	add("UnitLevel", as(domain.UnitLevels()), wrap(domain.ParseUnitLevel))
	add("UnitKind", as(domain.UnitKinds()), wrap(domain.ParseUnitKind))
	add("ClusterKind", as(domain.ClusterKinds()), wrap(domain.ParseClusterKind))
	add("ClusterRole", as(domain.ClusterRoles()), wrap(domain.ParseClusterRole))
	add("CouncilKind", as(domain.CouncilKinds()), wrap(domain.ParseCouncilKind))
	add("CouncilRole", as(domain.CouncilRoles()), wrap(domain.ParseCouncilRole))
	add("Regime", as(domain.Regimes()), wrap(domain.ParseRegime))
	add("RevocationGround", as(domain.RevocationGrounds()), wrap(domain.ParseRevocationGround))
	add("ProceedingKind", as(domain.ProceedingKinds()), wrap(domain.ParseProceedingKind))
	add("BallotKind", as(domain.BallotKinds()), wrap(domain.ParseBallotKind))
	add("LeadershipMethod", as(domain.LeadershipMethods()), wrap(domain.ParseLeadershipMethod))
	add("MergeMode", as(domain.MergeModes()), wrap(domain.ParseMergeMode))
	add("PlanDecision", as(domain.PlanDecisions()), wrap(domain.ParsePlanDecision))
	add("ScoreStage", as(domain.ScoreStages()), wrap(domain.ParseScoreStage))
	add("SubjectKind", as(domain.SubjectKinds()), wrap(domain.ParseSubjectKind))
	add("MovementKind", as(domain.MovementKinds()), wrap(domain.ParseMovementKind))
	add("MovementScope", as(domain.MovementScopes()), wrap(domain.ParseMovementScope))
	add("ReviewKind", as(domain.ReviewKinds()), wrap(domain.ParseReviewKind))
	add("Verdict", as(domain.Verdicts()), wrap(domain.ParseVerdict))
	add("AwardLevel", as(domain.AwardLevels()), wrap(domain.ParseAwardLevel))
	add("DossierItemKind", as(domain.DossierItemKinds()), wrap(domain.ParseDossierItemKind))
	add("LeaveReason", as(domain.LeaveReasons()), wrap(domain.ParseLeaveReason))
	return out
}

func as[T member](vs []T) []member {
	out := make([]member, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

func wrap[T member](parse func(string) (T, error)) func(string) (member, error) {
	return func(s string) (member, error) { return parse(s) }
}

var wireCode = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)

func TestVocabularies(t *testing.T) {
	for name, v := range vocabularies() {
		t.Run(name, func(t *testing.T) {
			if len(v.values) == 0 {
				t.Fatal("no members")
			}
			seen := map[string]bool{}
			for _, m := range v.values {
				code := m.String()
				if !wireCode.MatchString(code) {
					t.Errorf("code %q is not short upper-case ASCII", code)
				}
				if seen[code] {
					t.Errorf("code %q twice", code)
				}
				seen[code] = true
				if m.IsZero() {
					t.Errorf("%q is zero", code)
				}
				l := m.Label()
				if l == "" || !norm.NFC.IsNormalString(l) {
					t.Errorf("%s: label %q empty or not NFC", code, l)
				}
				got, err := v.parse(code)
				if err != nil || got != m {
					t.Errorf("parse(%q) = %v, %v", code, got, err)
				}
			}
			for _, bad := range []string{"", "nope", " " + v.values[0].String(), lower(v.values[0].String())} {
				if _, err := v.parse(bad); domain.ErrorCode(err) != domain.EINVALID {
					t.Errorf("parse(%q) err = %v, want EINVALID", bad, err)
				}
			}
		})
	}
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func TestAwardKind(t *testing.T) {
	if got := domain.TitleAdvancedWorker.Label(); got != "Lao động tiên tiến" {
		t.Errorf("label = %q", got)
	}
	for _, k := range domain.AwardKinds() {
		if k.IsTitle() == k.IsForm() {
			t.Errorf("%s: IsTitle == IsForm", k)
		}
		if !k.ForPerson() && !k.ForUnit() {
			t.Errorf("%s: for nobody", k)
		}
	}
	if !domain.TitleAdvancedWorker.IsTitle() || domain.TitleAdvancedWorker.ForUnit() {
		t.Error("LĐTT is an individual title")
	}
	if !domain.TitleSectorEmulationFlag.ForUnit() || domain.TitleSectorEmulationFlag.ForPerson() {
		t.Error("Cờ ngành is a collective title")
	}
	if domain.AwardLabourOrderSecondClass.LabourOrderClass() != 2 || domain.AwardUnitCommendation.LabourOrderClass() != 0 {
		t.Error("LabourOrderClass")
	}
	var zero domain.AwardKind
	if zero.IsTitle() || zero.IsForm() || zero.ForPerson() {
		t.Error("zero AwardKind claims a category")
	}
}

func TestOrdered(t *testing.T) {
	if !domain.RatingExcellent.AtLeast(domain.RatingGood) || domain.RatingCompleted.AtLeast(domain.RatingGood) {
		t.Error("rating order")
	}
	if domain.RatingGood.Compare(domain.RatingGood) != 0 || domain.RatingNotCompleted.Compare(domain.RatingCompleted) != -1 {
		t.Error("rating compare")
	}
	var noRating domain.PerformanceRating
	if noRating.AtLeast(domain.RatingNotCompleted) {
		t.Error("zero rating is at least something")
	}
	if !domain.DisciplineDismissal.AtLeast(domain.DisciplineWarning) || domain.DisciplineReprimand.AtLeast(domain.DisciplineWarning) {
		t.Error("discipline order")
	}
	if domain.DisciplineDemotion.Compare(domain.DisciplineRemoval) != -1 {
		t.Error("giáng chức < cách chức")
	}
	if !domain.ScopeNational.AtLeast(domain.ScopeSector) || domain.ScopeGrassroots.AtLeast(domain.ScopeSector) {
		t.Error("scope order")
	}
}

func TestVocabJSON(t *testing.T) {
	type s struct {
		Kind   domain.AwardKind         `json:"kind"`
		Rating domain.PerformanceRating `json:"rating,omitzero"`
	}
	b, err := json.Marshal(s{Kind: domain.TitleExcellentCollective})
	if err != nil || string(b) != `{"kind":"TTLDXS"}` {
		t.Fatalf("%s, %v", b, err)
	}
	var got s
	if err := json.Unmarshal([]byte(`{"kind":"CO_NGANH","rating":"HTT"}`), &got); err != nil {
		t.Fatal(err)
	}
	if got.Kind != domain.TitleSectorEmulationFlag || got.Rating != domain.RatingGood {
		t.Fatalf("%+v", got)
	}
	for _, bad := range []string{`{"kind":"XYZ"}`, `{"kind":""}`, `{"kind":1}`} {
		if err := json.Unmarshal([]byte(bad), &got); err == nil {
			t.Errorf("Unmarshal(%s): want error", bad)
		}
	}
}
