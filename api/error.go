package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
)

// ProblemContentType is the media type of error responses (RFC 9457).
const ProblemContentType = "application/problem+json"

// problemKind is one row of the error table: what a kind of failure becomes
// on the wire.
type problemKind struct {
	Status int
	// Type is the RFC 9457 problem type URI. Clients branch on it, so it is
	// stable. tdkt has no public documentation site to point at yet, so the
	// types are URNs in tdkt's own namespace rather than invented URLs.
	Type  string
	Title string
}

// codeProblems maps domain error codes to HTTP (the table of STYLE §9).
var codeProblems = map[string]problemKind{
	domain.EINVALID:      {http.StatusBadRequest, "urn:tdkt:problem:invalid", "Invalid request"},
	domain.ENOTFOUND:     {http.StatusNotFound, "urn:tdkt:problem:not-found", "Not found"},
	domain.ECONFLICT:     {http.StatusConflict, "urn:tdkt:problem:conflict", "Conflict"},
	domain.EUNAUTHORIZED: {http.StatusUnauthorized, "urn:tdkt:problem:unauthorized", "Authentication required"},
	domain.EFORBIDDEN:    {http.StatusForbidden, "urn:tdkt:problem:forbidden", "Forbidden"},
	domain.EINTERNAL:     {http.StatusInternalServerError, "urn:tdkt:problem:internal", "Internal error"},
}

// storeProblems maps the eventstore contract's sentinel errors to HTTP,
// checked in order with errors.Is. Their messages name only what the caller
// sent or may know (stream, revisions, event id, sizes), so they are shown
// as the detail.
var storeProblems = []struct {
	err  error
	kind problemKind
}{
	{eventstore.ErrConcurrency, problemKind{http.StatusConflict, "urn:tdkt:problem:wrong-expected-revision", "Wrong expected revision"}},
	{eventstore.ErrIDConflict, problemKind{http.StatusConflict, "urn:tdkt:problem:event-id-conflict", "Event id already recorded"}},
	{eventstore.ErrInvalidEvent, problemKind{http.StatusUnprocessableEntity, "urn:tdkt:problem:invalid-event", "Invalid event"}},
	{eventstore.ErrTooLarge, problemKind{http.StatusRequestEntityTooLarge, "urn:tdkt:problem:event-too-large", "Event too large"}},
	{eventstore.ErrReadOnly, problemKind{http.StatusServiceUnavailable, "urn:tdkt:problem:read-only", "Ledger is read-only"}},
	{eventstore.ErrClosed, problemKind{http.StatusServiceUnavailable, "urn:tdkt:problem:unavailable", "Ledger is closed"}},
	// A request that ran out of time, or whose client went away, is not a
	// server bug: no 500, no error log.
	{context.DeadlineExceeded, problemKind{http.StatusServiceUnavailable, "urn:tdkt:problem:timeout", "Timed out"}},
	{context.Canceled, problemKind{http.StatusServiceUnavailable, "urn:tdkt:problem:canceled", "Request canceled"}},
}

// ruleViolationProblem is a command that is well-formed but breaks at
// least one legal rule of the domain (a *domain.Error with a Rule).
var ruleViolationProblem = problemKind{http.StatusUnprocessableEntity, "urn:tdkt:problem:rule-violation", "Rule violated (Vi phạm quy định)"}

// Problem kinds the server itself produces.
var (
	notFoundProblem         = problemKind{http.StatusNotFound, "urn:tdkt:problem:no-such-route", "Not found"}
	methodNotAllowedProblem = problemKind{http.StatusMethodNotAllowed, "urn:tdkt:problem:method-not-allowed", "Method not allowed"}
	notReadyProblem         = problemKind{http.StatusServiceUnavailable, "urn:tdkt:problem:not-ready", "Not ready"}
)

// problem is the RFC 9457 body. Everything after Instance is an extension
// member, present only where it applies.
type problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail"`
	Instance string `json:"instance"`
	// Field names the request field or query parameter at fault, if one is.
	Field string `json:"field,omitempty"`
	// Offset is the byte offset in the request body where malformed JSON
	// was found.
	Offset *int64 `json:"offset,omitempty"`
	// Rule and Citation name the first broken domain rule (e.g. "R11",
	// "Luật TĐKT 2022, Điều 28 k1").
	Rule     string `json:"rule,omitempty"`
	Citation string `json:"citation,omitempty"`
	// Errors lists every failure when a command failed several checks at
	// once (errors.Join of *domain.Error): each broken rule with its id and
	// citation, each bad field.
	Errors []problemItem `json:"errors,omitempty"`
	// Role and Permission explain a 403 on a command: the caller's role and
	// the row of the permission table that refused it.
	Role       string `json:"role,omitempty"`
	Permission string `json:"permission,omitempty"`
	// Stream, ExpectedRevision and CurrentRevision explain a 409 on a
	// stale expected revision. CurrentRevision is -1 when the stream has
	// no events.
	Stream           string `json:"stream,omitempty"`
	ExpectedRevision string `json:"expectedRevision,omitempty"`
	CurrentRevision  *int64 `json:"currentRevision,omitempty"`
}

// problemItem is one failure in a problem's errors member.
type problemItem struct {
	Rule     string `json:"rule,omitempty"`
	Citation string `json:"citation,omitempty"`
	Detail   string `json:"detail"`
	Field    string `json:"field,omitempty"`
}

// Error writes err to w as an RFC 9457 problem. A *domain.Error maps by its
// code; the eventstore sentinel errors (ErrConcurrency, ErrIDConflict,
// ErrInvalidEvent, ErrTooLarge, ErrReadOnly, ErrClosed) by their own rows;
// anything else is a 500 whose detail is "Internal error.", and the error
// itself goes to the request's log line, not to the caller.
func Error(w http.ResponseWriter, r *http.Request, err error) {
	kind, p := classify(err)
	if kind.Status >= http.StatusInternalServerError {
		noteError(w, err)
	}
	p.Type, p.Title, p.Status = kind.Type, kind.Title, kind.Status
	writeProblem(w, r, p)
}

// ErrorStatusCode returns the HTTP status Error writes for err.
func ErrorStatusCode(err error) int {
	kind, _ := classify(err)
	return kind.Status
}

// classify finds err's row of the table. Several *domain.Error values
// joined (a command that failed several checks) are all listed in the
// problem's errors member; if any of them names a rule the problem is a
// 422 rule violation, otherwise the first one's code decides.
func classify(err error) (problemKind, problem) {
	if des := domainErrors(err); len(des) > 0 {
		first := des[0]
		for _, de := range des {
			if _, ok := codeProblems[de.Code]; !ok {
				// A code outside the vocabulary is a programming error.
				return codeProblems[domain.EINTERNAL], problem{Detail: "Internal error."}
			}
		}
		kind := codeProblems[first.Code]
		var ruled *domain.Error
		for _, de := range des {
			if de.Rule != "" && (de.Code == domain.EINVALID || de.Code == domain.ECONFLICT) {
				ruled = de
				break
			}
		}
		p := problem{Detail: first.Message, Field: fieldOf(first.Message), Rule: first.Rule, Citation: first.Citation}
		if ruled != nil {
			kind = ruleViolationProblem
			p.Rule, p.Citation = ruled.Rule, ruled.Citation
		}
		if len(des) > 1 || ruled != nil {
			for _, de := range des {
				p.Errors = append(p.Errors, problemItem{Rule: de.Rule, Citation: de.Citation, Detail: de.Message, Field: fieldOf(de.Message)})
			}
		}
		if len(des) > 1 {
			msgs := make([]string, len(des))
			for i, de := range des {
				msgs[i] = de.Message
			}
			p.Detail = strings.Join(msgs, "; ")
		}
		return kind, p
	}
	for _, row := range storeProblems {
		if errors.Is(err, row.err) {
			p := problem{Detail: err.Error()}
			var ce *eventstore.ConcurrencyError
			if errors.As(err, &ce) {
				cur := ce.Actual
				p.Stream, p.ExpectedRevision, p.CurrentRevision = ce.Stream, ce.Expected.String(), &cur
			}
			return row.kind, p
		}
	}
	return codeProblems[domain.EINTERNAL], problem{Detail: domain.ErrorMessage(err)}
}

// domainErrors returns the *domain.Error values in err's tree, depth
// first, in order: one for a plain error, several for errors.Join. It
// stops at the first *domain.Error on each branch, as errors.As would.
func domainErrors(err error) []*domain.Error {
	var out []*domain.Error
	var walk func(error)
	walk = func(err error) {
		if err == nil {
			return
		}
		if de, ok := err.(*domain.Error); ok { //nolint:errorlint // walking the tree by hand
			out = append(out, de)
			return
		}
		switch x := err.(type) { //nolint:errorlint // walking the tree by hand
		case interface{ Unwrap() []error }:
			for _, e := range x.Unwrap() {
				walk(e)
			}
		case interface{ Unwrap() error }:
			walk(x.Unwrap())
		}
	}
	walk(err)
	return out
}

// fieldOf returns the field a domain message starts with ("members[0].role:
// …" gives "members[0].role"), or "". The domain's field errors are written
// "field: why"; *domain.Error has no Field member of its own.
func fieldOf(msg string) string {
	name, _, ok := strings.Cut(msg, ": ")
	if !ok || name == "" {
		return ""
	}
	for i, r := range name {
		switch {
		case r >= 'a' && r <= 'z':
		case i > 0 && r >= 'A' && r <= 'Z':
		case i > 0 && (r >= '0' && r <= '9' || r == '.' || r == '[' || r == ']' || r == '_'):
		default:
			return ""
		}
	}
	return name
}

// writeProblem writes p with its status. instance is the request path: it
// names this occurrence well enough to find it in the request log.
func writeProblem(w http.ResponseWriter, r *http.Request, p problem) {
	p.Instance = r.URL.Path
	h := w.Header()
	h.Set("Content-Type", ProblemContentType)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}

func problemOf(kind problemKind, detail string) problem {
	return problem{Type: kind.Type, Title: kind.Title, Status: kind.Status, Detail: detail}
}

// handleNotFound answers requests that match no route.
func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	writeProblem(w, r, problemOf(notFoundProblem, "No route matches "+r.URL.Path+"."))
}

// allowMethods are the methods checked when building an Allow header.
var allowMethods = []string{
	http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut,
	http.MethodPatch, http.MethodDelete, http.MethodOptions,
}

// handleMethodNotAllowed answers a request whose path matches a route but
// whose method does not. gorilla/mux does not say which methods would have
// matched, so the Allow header (required with 405, RFC 9110 §15.5.6) is
// found by asking the router about each method in turn.
func (s *Server) handleMethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	var allowed []string
	for _, m := range allowMethods {
		probe := r.Clone(r.Context())
		probe.Method = m
		var match mux.RouteMatch
		if s.router.Match(probe, &match) && match.MatchErr == nil {
			allowed = append(allowed, m)
		}
	}
	w.Header().Set("Allow", strings.Join(allowed, ", "))
	writeProblem(w, r, problemOf(methodNotAllowedProblem,
		fmt.Sprintf("%s is not allowed on %s; allowed: %s.", r.Method, r.URL.Path, strings.Join(allowed, ", "))))
}
