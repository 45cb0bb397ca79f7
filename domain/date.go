package domain

import (
	"fmt"
	"time"
)

// Date is a civil (calendar) date with no time of day and no time zone: the
// day a decision was signed, a leave began, a deadline falls. The zero value
// means "no date". Dates are comparable with == and encode in JSON as
// "YYYY-MM-DD".
//
// Date does not read the clock; "today" always comes in as an argument.
type Date struct {
	y int
	m time.Month
	d int
}

// minYear and maxYear bound the years a Date may carry: the sector's
// records start after 1945, and a four-digit year keeps the wire form fixed.
const (
	minYear = 1945
	maxYear = 2199
)

// NewDate returns the date y-m-d, or an *Error with EINVALID if there is no
// such day (e.g. 2025-02-29) or the year is outside 1945–2199.
func NewDate(y int, m time.Month, d int) (Date, error) {
	if y < minYear || y > maxYear {
		return Date{}, Errorf(EINVALID, "date: year %d out of range %d–%d", y, minYear, maxYear)
	}
	if m < time.January || m > time.December || d < 1 || d > daysIn(y, m) {
		return Date{}, Errorf(EINVALID, "date: %04d-%02d-%02d is not a calendar day", y, int(m), d)
	}
	return Date{y, m, d}, nil
}

// ParseDate parses "YYYY-MM-DD" (ISO 8601 calendar date, exactly ten
// characters).
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, Errorf(EINVALID, "date: %q is not YYYY-MM-DD", s)
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, Errorf(EINVALID, "date: %q is not YYYY-MM-DD", s)
	}
	return NewDate(y, time.Month(m), d)
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// DateOf returns the civil date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Year returns the year, 0 for the zero Date.
func (d Date) Year() int { return d.y }

// Month returns the month, 0 for the zero Date.
func (d Date) Month() time.Month { return d.m }

// Day returns the day of the month, 0 for the zero Date.
func (d Date) Day() int { return d.d }

// IsZero reports whether d is the zero Date (no date).
func (d Date) IsZero() bool { return d == Date{} }

// String returns "YYYY-MM-DD", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.y, int(d.m), d.d)
}

// Label returns the date as Vietnamese documents write it, "dd/mm/yyyy".
func (d Date) Label() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.d, int(d.m), d.y)
}

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time { return time.Date(d.y, d.m, d.d, 0, 0, 0, 0, time.UTC) }

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int {
	switch {
	case d.y != o.y:
		return cmpRank(d.y, o.y)
	case d.m != o.m:
		return cmpRank(int(d.m), int(o.m))
	}
	return cmpRank(d.d, o.d)
}

// Before reports whether d is strictly before o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is strictly after o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// AddDays returns d moved by n days (n may be negative).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// AddMonths returns d moved by n calendar months (n may be negative). When
// the target month is shorter, the day is clamped to its last day, so
// 2024-08-31 plus 6 months is 2025-02-28, not a day in March: "six months
// after" in the sector's rules never crosses into a seventh month.
func (d Date) AddMonths(n int) Date {
	total := d.y*12 + int(d.m-1) + n
	y, r := total/12, total%12
	if r < 0 {
		y, r = y-1, r+12
	}
	m := time.Month(r + 1)
	return Date{y, m, min(d.d, daysIn(y, m))}
}

// DaysUntil returns the number of days from d to o (negative if o is
// before d).
func (d Date) DaysUntil(o Date) int {
	return int(o.Time().Sub(d.Time()).Hours() / 24)
}

// YearEnd returns 31 December of year y.
func YearEnd(y int) Date { return Date{y, time.December, 31} }

// MarshalText encodes d as "YYYY-MM-DD". The zero Date cannot be encoded:
// optional date fields carry the omitzero tag instead.
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return nil, Errorf(EINVALID, "date: required")
	}
	return []byte(d.String()), nil
}

// UnmarshalText decodes "YYYY-MM-DD".
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Period is a closed interval of dates, both ends included. To may be zero
// for an open-ended period.
type Period struct {
	From Date `json:"from"`
	To   Date `json:"to,omitzero"`
}

// Contains reports whether d falls within p.
func (p Period) Contains(d Date) bool {
	return !d.Before(p.From) && (p.To.IsZero() || !d.After(p.To))
}

// validate checks that From is set and To, if set, is not before From.
func (p Period) validate(c *checker, field string) {
	if p.From.IsZero() {
		c.fail(field+".from", "required")
	}
	if !p.To.IsZero() && p.To.Before(p.From) {
		c.fail(field+".to", "before from")
	}
}
