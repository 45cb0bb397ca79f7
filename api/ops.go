package api

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"strings"
	"time"
)

// opsRoutes are the operations routes: liveness, readiness, metrics and
// the OpenAPI document, for people, orchestrators and scrapers. They are
// public: none of them carries ledger content (/readyz and /metrics show
// the ledger's size, nothing more).
func (s *Server) opsRoutes() []route {
	return []route{
		{Name: "getHealthz", Methods: getHead, Path: "/healthz", Access: accessPublic, Handler: s.handleHealthz, Tag: "operations",
			Summary:   "Liveness: the process serves HTTP",
			Responses: []response{{Status: 200, Body: healthzResponse{}, Example: healthzResponse{Status: "ok"}}}},
		{Name: "getReadyz", Methods: getHead, Path: "/readyz", Access: accessPublic, Handler: s.handleReadyz, Tag: "operations",
			Summary: "Readiness: the store answers and nothing marked the server unready",
			Responses: []response{{Status: 200, Body: readyzResponse{}, Example: readyzResponse{Status: "ready", Head: 42}},
				{Status: 503, Problem: true}}},
		{Name: "getMetrics", Methods: getHead, Path: "/metrics", Access: accessPublic, Handler: s.handleMetrics, Tag: "operations",
			Summary:   "Prometheus metrics: request latency per route, append latency, ledger size, projection lag",
			Responses: []response{{Status: 200, ContentType: "text/plain; version=0.0.4", Text: true}}},
		{Name: "getOpenAPI", Methods: getHead, Path: "/openapi.json", Access: accessPublic, Handler: s.handleOpenAPI, Tag: "operations",
			Summary:   "This document: OpenAPI 3.1, generated from the server's route table and the domain's command catalog",
			Responses: []response{{Status: 200, Body: map[string]any{}}}},
	}
}

var getHead = []string{http.MethodGet, http.MethodHead}

type healthzResponse struct {
	Status string `json:"status"`
}

// handleHealthz answers 200 whenever the process serves HTTP. It checks
// nothing else on purpose: a liveness probe that fails on a slow disk gets
// a healthy process restarted.
func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, healthzResponse{Status: "ok"})
}

// faulter is a store that can stop accepting writes after a storage fault
// (the embedded store does); readiness reports it.
type faulter interface{ Fault() error }

type readyzResponse struct {
	Status string `json:"status"`
	// Head is the number of events in the ledger.
	Head uint64 `json:"head"`
	// Details are facts about the backend (ReadyDetails).
	Details map[string]string `json:"details,omitempty"`
}

// handleReadyz answers 200 with the ledger's head when the store answers
// Head within ReadyTimeout and nothing marked the server unready; otherwise
// 503 with the reason.
func (s *Server) handleReadyz(w http.ResponseWriter, r *http.Request) {
	if reason := s.unreadyReason(); reason != "" {
		writeProblem(w, r, problemOf(notReadyProblem, "Not ready: "+reason+"."))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.readyTimeout())
	defer cancel()
	if f, ok := s.Store.(faulter); ok {
		if err := f.Fault(); err != nil {
			writeProblem(w, r, problemOf(notReadyProblem, "Not ready: the ledger refuses writes: "+err.Error()))
			return
		}
	}
	head, err := s.Store.Head(ctx)
	if err != nil {
		// The reason is the store's own message (closed, timed out, I/O):
		// an operator reading a probe needs it, and it holds no secrets.
		noteError(w, err)
		writeProblem(w, r, problemOf(notReadyProblem, "Not ready: the ledger does not answer: "+err.Error()))
		return
	}
	behind, details, err := s.projectionsReady(ctx, head)
	if err != nil {
		noteError(w, err)
		writeProblem(w, r, problemOf(notReadyProblem, "Not ready: the projections do not answer: "+err.Error()))
		return
	}
	if behind != "" {
		writeProblem(w, r, problemOf(notReadyProblem, "Not ready: "+behind+"."))
		return
	}
	writeJSON(w, http.StatusOK, readyzResponse{Status: "ready", Head: head, Details: details})
}

// projectionsReady says why the projections keep the server unready ("" if
// they do not): until every running projection has folded the events the
// ledger held at Open, once, queries would answer from a stale past. A
// projection that stopped on an error does not hold readiness back (the
// others serve, and commands do not need it); it is named in the details.
func (s *Server) projectionsReady(ctx context.Context, head uint64) (behind string, details map[string]string, err error) {
	details = s.ReadyDetails
	if s.Queries.Projections == nil {
		return "", details, nil
	}
	st, err := s.Queries.Projections.Status(ctx)
	if err != nil {
		return "", nil, err
	}
	low := head
	var stopped []string
	for _, p := range st {
		if p.Error != "" {
			stopped = append(stopped, p.Name+": "+p.Error)
			continue
		}
		low = min(low, p.Checkpoint)
	}
	if len(stopped) > 0 {
		details = maps.Clone(details)
		if details == nil {
			details = map[string]string{}
		}
		details["projectionsStopped"] = strings.Join(stopped, "; ")
	}
	if s.caughtUp.Load() || low >= s.startHead {
		s.caughtUp.Store(true)
		return "", details, nil
	}
	return fmt.Sprintf("projections catching up: %d events behind", head-low), details, nil
}

// writeJSON writes v as a JSON response with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// readyTimeout bounds a store check: ReadyTimeout or DefaultReadyTimeout.
func (s *Server) readyTimeout() time.Duration {
	if s.ReadyTimeout <= 0 {
		return DefaultReadyTimeout
	}
	return s.ReadyTimeout
}
