package domain_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/tdkt/tdkt/domain"
)

func TestDate(t *testing.T) {
	d, err := domain.ParseDate("2024-08-31")
	if err != nil {
		t.Fatal(err)
	}
	if d.String() != "2024-08-31" || d.Label() != "31/08/2024" {
		t.Errorf("%s %s", d, d.Label())
	}
	cases := []struct {
		from   string
		months int
		want   string
	}{
		{"2024-08-31", 6, "2025-02-28"},
		{"2024-01-31", 1, "2024-02-29"},
		{"2024-07-01", -6, "2024-01-01"},
		{"2025-01-15", -1, "2024-12-15"},
		{"2024-12-31", 12, "2025-12-31"},
	}
	for _, c := range cases {
		d, _ := domain.ParseDate(c.from)
		if got := d.AddMonths(c.months).String(); got != c.want {
			t.Errorf("%s + %d months = %s, want %s", c.from, c.months, got, c.want)
		}
	}
	a, _ := domain.ParseDate("2024-06-30")
	b, _ := domain.ParseDate("2024-07-01")
	if !a.Before(b) || a.After(b) || b.Compare(a) != 1 || a.AddDays(1) != b || a.DaysUntil(b) != 1 {
		t.Error("ordering")
	}
	if domain.YearEnd(2024).String() != "2024-12-31" {
		t.Error("YearEnd")
	}
	for _, bad := range []string{"", "2024-02-30", "2024-13-01", "24-01-01", "2024-1-01", "2024/01/01", "1900-01-01", "2024-01-01T00:00:00Z", "２０２４-01-01"} {
		if _, err := domain.ParseDate(bad); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("ParseDate(%q) err = %v", bad, err)
		}
	}
	if _, err := domain.NewDate(2025, time.February, 29); err == nil {
		t.Error("2025-02-29 accepted")
	}
	p := domain.Period{From: a}
	bs, err := json.Marshal(p)
	if err != nil || string(bs) != `{"from":"2024-06-30"}` {
		t.Errorf("%s %v", bs, err)
	}
	if !p.Contains(b) || p.Contains(a.AddDays(-1)) {
		t.Error("Contains")
	}
}
