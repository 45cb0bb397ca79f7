package domain

import (
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"
)

// checker collects field failures for an event's Validate. Each failure is
// an *Error with EINVALID whose message names the JSON field, e.g.
// "unitId: required"; err joins them with errors.Join, so ErrorCode of the
// result is EINVALID and every failure is reported at once.
type checker struct {
	errs   []error
	failed int // all failures, listed or not
}

// maxReported is how many failures an error lists; a body with ten
// thousand bad entries gets the first ones and a count, not a megabyte of
// errors.
const maxReported = 20

func (c *checker) fail(field, format string, args ...any) {
	c.failed++
	if len(c.errs) < maxReported {
		c.errs = append(c.errs, Errorf(EINVALID, "%s: %s", field, fmt.Sprintf(format, args...)))
	}
}

func (c *checker) err() error {
	switch len(c.errs) {
	case 0:
		return nil
	case 1:
		return c.errs[0]
	}
	if more := c.failed - len(c.errs); more > 0 {
		return errors.Join(append(c.errs, Errorf(EINVALID, "…: %d more problems not listed", more))...)
	}
	return errors.Join(c.errs...)
}

// id checks a required id: a UUID in canonical lowercase form.
func (c *checker) id(field, v string) {
	if v == "" {
		c.fail(field, "required")
		return
	}
	c.optID(field, v)
}

// optID checks an optional id: empty, or a canonical UUID.
func (c *checker) optID(field, v string) {
	if v == "" {
		return
	}
	if u, err := uuid.Parse(v); err != nil || u.String() != v {
		c.fail(field, "not a canonical UUID")
	}
}

// ids checks a list of ids: each canonical, no duplicates; at least min.
func (c *checker) ids(field string, vs []string, minLen int) {
	if len(vs) < minLen {
		c.fail(field, "at least %d required", minLen)
	}
	seen := make(map[string]bool, len(vs))
	for i, v := range vs {
		f := fmt.Sprintf("%s[%d]", field, i)
		c.id(f, v)
		if seen[v] {
			c.fail(f, "duplicate")
		}
		seen[v] = true
	}
}

// name checks a required name: already in the form NormalizeName gives.
func (c *checker) name(field, v string) {
	if v == "" {
		c.fail(field, "required")
		return
	}
	c.optName(field, v)
}

// optName checks an optional name or free text: empty, or normalized.
func (c *checker) optName(field, v string) {
	if v == "" {
		return
	}
	n, err := NormalizeName(v)
	if err != nil {
		c.fail(field, "%s", strings.TrimPrefix(ErrorMessage(err), "name: "))
		return
	}
	if n != v {
		c.fail(field, "not normalized (NFC, trimmed, single spaces)")
	}
}

// text checks optional free text (notes, reasons, descriptions): valid
// UTF-8 in NFC without control characters other than newline and tab.
func (c *checker) text(field, v string) {
	if v == "" {
		return
	}
	if err := checkText(v); err != nil {
		c.fail(field, "%s", err.Error())
		return
	}
	if len(v) > MaxTextBytes {
		c.fail(field, "%d bytes, at most %d", len(v), MaxTextBytes)
	}
}

// reqText is text that must not be blank.
func (c *checker) reqText(field, v string) {
	if strings.TrimSpace(v) == "" {
		c.fail(field, "required")
		return
	}
	c.text(field, v)
}

// set checks that a required vocabulary value is set.
func (c *checker) set(field string, zero bool) {
	if zero {
		c.fail(field, "required")
	}
}

// date checks a required date.
func (c *checker) date(field string, d Date) {
	if d.IsZero() {
		c.fail(field, "required")
	}
}

// year checks a required evaluation year.
func (c *checker) year(field string, y int) {
	if y < minYear || y > maxYear {
		c.fail(field, "year out of range %d–%d", minYear, maxYear)
	}
}

// doc checks a required document number.
func (c *checker) doc(field string, d DocNumber) {
	if d.IsZero() {
		c.fail(field, "required")
	}
}

// nonNeg checks a count is not negative.
func (c *checker) nonNeg(field string, n int) {
	if n < 0 {
		c.fail(field, "negative")
	}
}

// subject checks a Subject.
func (c *checker) subject(field string, s Subject) {
	c.set(field+".kind", s.Kind.IsZero())
	c.id(field+".id", s.ID)
}
