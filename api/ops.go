package api

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/gorilla/mux"
)

// registerOpsRoutes registers the operations routes: liveness and
// readiness, for people and for orchestrators.
func (s *Server) registerOpsRoutes(r *mux.Router) {
	r.HandleFunc("/healthz", s.handleHealthz).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/readyz", s.handleReadyz).Methods(http.MethodGet, http.MethodHead)
}

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
	timeout := s.ReadyTimeout
	if timeout <= 0 {
		timeout = DefaultReadyTimeout
	}
	ctx, cancel := context.WithTimeout(r.Context(), timeout)
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
	writeJSON(w, http.StatusOK, readyzResponse{Status: "ready", Head: head, Details: s.ReadyDetails})
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
