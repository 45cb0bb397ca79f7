package domain

import (
	"errors"
	"fmt"
)

// Error codes. They name the kind of failure, not its cause; callers branch
// on them (the api package maps each to an HTTP status).
const (
	// EINVALID: the request or command is malformed or breaks a rule.
	EINVALID = "invalid"
	// ENOTFOUND: the thing asked for does not exist.
	ENOTFOUND = "not_found"
	// ECONFLICT: the request conflicts with the current state, e.g. a stale
	// expected revision or a duplicate.
	ECONFLICT = "conflict"
	// EUNAUTHORIZED: the caller is not authenticated.
	EUNAUTHORIZED = "unauthorized"
	// EFORBIDDEN: the caller is authenticated but may not do this.
	EFORBIDDEN = "forbidden"
	// EINTERNAL: anything else; the details are for the logs, not the caller.
	EINTERNAL = "internal"
)

// Error is a failure the domain can explain to a person. Message is safe to
// show to the caller. A failed rule check also names the rule (e.g. "R11")
// and its legal citation (e.g. "Luật TĐKT 2022, Điều 28 k1").
type Error struct {
	// Code is one of EINVALID, ENOTFOUND, ECONFLICT, EUNAUTHORIZED,
	// EFORBIDDEN or EINTERNAL.
	Code string
	// Message is a human-readable explanation for the caller.
	Message string
	// Rule is the id of the rule that failed, or "" if none.
	Rule string
	// Citation is the legal source of Rule, or "" if none.
	Citation string
}

// Error implements the error interface. The text is for logs and tests;
// callers show Message.
func (e *Error) Error() string {
	s := fmt.Sprintf("tdkt error: code=%s message=%s", e.Code, e.Message)
	if e.Rule != "" {
		s += " rule=" + e.Rule
	}
	if e.Citation != "" {
		s += " citation=" + e.Citation
	}
	return s
}

// Errorf returns an *Error with code and a message formatted from format and
// args. The message is built with fmt.Sprintf, so %w does not wrap: an Error
// describes a failure to a person and carries no cause.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, "" if err
// is nil, and EINTERNAL for any other error: an error the domain did not
// describe is an internal one as far as the caller is concerned.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	default:
		return EINTERNAL
	}
}

// ErrorMessage returns the message of the first *Error in err's chain, ""
// if err is nil, and "Internal error." for any other error, so the details
// of unexpected failures never reach the caller.
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Message
	default:
		return "Internal error."
	}
}
