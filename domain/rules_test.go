package domain_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/tdkt/tdkt/domain"
)

func TestRuleCatalog(t *testing.T) {
	var want []string
	for i := 1; i <= 36; i++ {
		want = append(want, "R"+itoa(i))
		if i == 19 {
			want = append(want, "R19a", "R19b")
		}
	}
	want = append(want, "R-U1", "R-U2", "R-U3")
	var got []string
	names := map[string]bool{}
	for _, d := range domain.DefaultPolicy().Describe() {
		names[d.Name] = true
	}
	for _, r := range domain.Rules() {
		got = append(got, r.ID)
		t.Run(r.ID, func(t *testing.T) {
			if r.Citation == "" || r.Summary == "" || r.SummaryVI == "" {
				t.Errorf("rule %s: empty citation or summary", r.ID)
			}
			if r.Status.IsZero() || r.Status.Tag() == "" || r.Mode.IsZero() {
				t.Errorf("rule %s: status %q mode %q", r.ID, r.Status, r.Mode)
			}
			if len(r.Periods) == 0 {
				t.Errorf("rule %s: no period", r.ID)
			}
			for _, n := range r.Thresholds {
				if !names[n] {
					t.Errorf("rule %s: threshold %q not in DefaultPolicy().Describe()", r.ID, n)
				}
			}
			byID, err := domain.RuleByID(r.ID)
			if err != nil || byID.ID != r.ID {
				t.Errorf("RuleByID(%s) = %v, %v", r.ID, byID.ID, err)
			}
		})
	}
	if !slices.Equal(got, want) {
		t.Errorf("catalog ids = %v\nwant %v", got, want)
	}
	if _, err := domain.RuleByID("R99"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("RuleByID(R99) err = %v", err)
	}
}

func TestRuleStatusesFromDomainMD(t *testing.T) {
	for id, want := range map[string]domain.RuleStatus{
		"R6": domain.StatusConfirmedOld, "R8": domain.StatusConfirmedOld, "R10": domain.StatusConfirmedExample,
		"R11": domain.StatusConfirmed, "R28": domain.StatusConfirmedExample, "R-U1": domain.StatusUnconfirmed,
	} {
		r, _ := domain.RuleByID(id)
		if r.Status != want {
			t.Errorf("%s status = %v, want %v", id, r.Status, want)
		}
	}
	r11, _ := domain.RuleByID("R11")
	if r11.Citation != "Luật TĐKT 2022, Điều 28 k1" {
		t.Errorf("R11 citation = %q", r11.Citation)
	}
	r13, _ := domain.RuleByID("R13")
	if r13.Unconfirmed == "" {
		t.Error("R13 must name its unconfirmed rounding")
	}
	r2, _ := domain.RuleByID("R2")
	for _, c := range []struct {
		day    string
		regime domain.Regime
	}{{"2024-09-30", domain.RegimeTT01_2019}, {"2024-10-01", domain.RegimeTT02_2024}} {
		p, ok := r2.PeriodAt(mustDate(c.day))
		if !ok || p.Regime != c.regime {
			t.Errorf("R2 period at %s = %v, %v; want %v", c.day, p.Regime, ok, c.regime)
		}
	}
}

func TestPolicyAt(t *testing.T) {
	p := domain.DefaultPolicy()
	if err := p.Validate(); err != nil {
		t.Fatalf("DefaultPolicy().Validate() = %v", err)
	}
	for _, c := range []struct {
		day    string
		months int
		status domain.RuleStatus
	}{{"2023-12-31", 10, domain.StatusConfirmedOld}, {"2024-09-30", 10, domain.StatusConfirmedOld}, {"2024-10-01", 6, domain.StatusConfirmed}, {"2026-01-01", 6, domain.StatusConfirmed}} {
		got := p.At(mustDate(c.day)).RecruitmentMinMonths
		if got.Value != c.months || got.Status != c.status {
			t.Errorf("At(%s).RecruitmentMinMonths = %d %v, want %d %v", c.day, got.Value, got.Status, c.months, c.status)
		}
	}
	th := p.At(mustDate("2024-12-31"))
	if th.ExcellentCollectiveQuota.Value.RoundingStatus != domain.StatusUnconfirmed {
		t.Error("R13 rounding must be [U]")
	}
	if th.GrassrootsFighterCap.Status != domain.StatusConfirmedOld || th.SectorFighterVote.Value != domain.Percent(90) ||
		th.SectorFlagClusterVote.Value != domain.Percent(80) || th.CollectiveAdvancedShare.Value != domain.Percent(70) ||
		th.CommemorativeMedalServiceYears.Value != 15 || th.InitiativeCouncilVote.Value != (domain.Ratio{Num: 2, Den: 3}) {
		t.Errorf("unexpected defaults: %+v", th)
	}
	if th.StreakGap != domain.GapBreaksStreak || th.StreakTransfer != domain.TransferKeepsStreak || th.MergerSuccession != domain.SuccessionAsDeclared {
		t.Error("R-U defaults are not the conservative ones")
	}
	if _, ok := p.At(mustDate("2023-06-01")).Bonus(domain.TitleAdvancedWorker); ok {
		t.Error("no bonus multiplier should be recorded before NĐ 98/2023")
	}
	bad := p
	bad.RecruitmentMinMonths = domain.Schedule[int]{{From: mustDate("2024-10-01"), Value: 6, Status: domain.StatusConfirmed}, {From: mustDate("2024-01-01"), Value: 10, Status: domain.StatusConfirmed}}
	if err := bad.Validate(); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("Validate of out-of-order schedule = %v", err)
	}
}

func TestQuotaRounding(t *testing.T) {
	q := domain.DefaultPolicy().At(mustDate("2024-12-31")).ExcellentCollectiveQuota.Value
	for _, c := range []struct{ n, want int }{{0, 0}, {1, 1}, {3, 1}, {5, 1}, {9, 1}, {10, 2}, {14, 2}, {15, 3}} {
		if got := q.Allowed(c.n); got != c.want {
			t.Errorf("R13 Allowed(%d) = %d, want %d", c.n, got, c.want)
		}
	}
	ceil := q
	ceil.Rounding = domain.RoundCeil
	half := q
	half.Rounding = domain.RoundHalfUp
	if ceil.Allowed(7) != 2 || half.Allowed(7) != 1 || half.Allowed(8) != 2 {
		t.Errorf("rounding options: ceil(7)=%d half(7)=%d half(8)=%d", ceil.Allowed(7), half.Allowed(7), half.Allowed(8))
	}
	if q.RoundingStatus.Tag() != "[U]" {
		t.Errorf("R13 rounding status tag = %q", q.RoundingStatus.Tag())
	}
}

func TestRuleErrorShape(t *testing.T) {
	err := domain.CheckClusterLeadership(domain.Facts{}, "cum-1", 2024)
	var e *domain.Error
	if !errors.As(err, &e) || e.Code != domain.EINVALID || e.Rule != "R28" || e.Citation == "" {
		t.Fatalf("err = %#v", err)
	}
	if want := "R28 (Thực tiễn cụm, khối thi đua ngành KSND): cụm phải có đúng một đơn vị trưởng cụm và một đơn vị phó cụm"; len(e.Message) < len(want) || e.Message[:len(want)] != want {
		t.Errorf("message = %q", e.Message)
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

func mustDate(s string) domain.Date {
	d, err := domain.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}
