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

// Problem kinds the server itself produces.
var (
	notFoundProblem         = problemKind{http.StatusNotFound, "urn:tdkt:problem:no-such-route", "Not found"}
	methodNotAllowedProblem = problemKind{http.StatusMethodNotAllowed, "urn:tdkt:problem:method-not-allowed", "Method not allowed"}
	notReadyProblem         = problemKind{http.StatusServiceUnavailable, "urn:tdkt:problem:not-ready", "Not ready"}
)

// problem is the RFC 9457 body. Rule and Citation are extension members,
// present only when a domain rule failed.
type problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail"`
	Instance string `json:"instance"`
	// Field names the request field or query parameter at fault, if one is.
	Field    string `json:"field,omitempty"`
	Rule     string `json:"rule,omitempty"`
	Citation string `json:"citation,omitempty"`
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

func classify(err error) (problemKind, problem) {
	var de *domain.Error
	if errors.As(err, &de) {
		kind, ok := codeProblems[de.Code]
		if !ok {
			// A code outside the vocabulary is a programming error.
			return codeProblems[domain.EINTERNAL], problem{Detail: "Internal error."}
		}
		return kind, problem{Detail: de.Message, Rule: de.Rule, Citation: de.Citation}
	}
	for _, row := range storeProblems {
		if errors.Is(err, row.err) {
			return row.kind, problem{Detail: err.Error()}
		}
	}
	return codeProblems[domain.EINTERNAL], problem{Detail: domain.ErrorMessage(err)}
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
