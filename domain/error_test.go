package domain_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/tdkt/tdkt/domain"
)

func TestErrorCodeAndMessage(t *testing.T) {
	rule := &domain.Error{
		Code:     domain.EINVALID,
		Message:  "Đơn vị chưa đăng ký thi đua năm 2024.",
		Rule:     "R11",
		Citation: "Luật TĐKT 2022, Điều 28 k1",
	}
	tests := []struct {
		name    string
		err     error
		code    string
		message string
	}{
		{"Nil", nil, "", ""},
		{"Invalid", domain.Errorf(domain.EINVALID, "year %d is out of range", 1800), domain.EINVALID, "year 1800 is out of range"},
		{"NotFound", domain.Errorf(domain.ENOTFOUND, "unit %q not found", "unit-42"), domain.ENOTFOUND, `unit "unit-42" not found`},
		{"Conflict", domain.Errorf(domain.ECONFLICT, "already decided"), domain.ECONFLICT, "already decided"},
		{"Unauthorized", domain.Errorf(domain.EUNAUTHORIZED, "no token"), domain.EUNAUTHORIZED, "no token"},
		{"Forbidden", domain.Errorf(domain.EFORBIDDEN, "clerks may not decide awards"), domain.EFORBIDDEN, "clerks may not decide awards"},
		{"Internal", domain.Errorf(domain.EINTERNAL, "oops"), domain.EINTERNAL, "oops"},
		{"Rule", rule, domain.EINVALID, "Đơn vị chưa đăng ký thi đua năm 2024."},
		{"Wrapped", fmt.Errorf("decide award: %w", rule), domain.EINVALID, "Đơn vị chưa đăng ký thi đua năm 2024."},
		{"WrappedTwice", fmt.Errorf("a: %w", fmt.Errorf("b: %w", domain.Errorf(domain.ENOTFOUND, "gone"))), domain.ENOTFOUND, "gone"},
		{"Joined", errors.Join(errors.New("disk"), domain.Errorf(domain.ECONFLICT, "stale")), domain.ECONFLICT, "stale"},
		{"Plain", errors.New("database is locked"), domain.EINTERNAL, "Internal error."},
		{"WrappedPlain", fmt.Errorf("append: %w", errors.New("disk full")), domain.EINTERNAL, "Internal error."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := domain.ErrorCode(tt.err); got != tt.code {
				t.Errorf("ErrorCode = %q, want %q", got, tt.code)
			}
			if got := domain.ErrorMessage(tt.err); got != tt.message {
				t.Errorf("ErrorMessage = %q, want %q", got, tt.message)
			}
		})
	}
}

func TestErrorString(t *testing.T) {
	e := &domain.Error{Code: domain.EINVALID, Message: "too early", Rule: "R3", Citation: "TT 02/2024, Điều 17"}
	want := "tdkt error: code=invalid message=too early rule=R3 citation=TT 02/2024, Điều 17"
	if got := e.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := domain.Errorf(domain.ENOTFOUND, "x %d", 1).Error(), "tdkt error: code=not_found message=x 1"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestErrorfDoesNotWrap(t *testing.T) {
	cause := errors.New("cause")
	err := domain.Errorf(domain.EINVALID, "bad: %v", cause)
	if errors.Is(err, cause) {
		t.Error("Errorf wrapped its argument; an Error carries no cause")
	}
	if err.Message != "bad: cause" {
		t.Errorf("Message = %q", err.Message)
	}
}
