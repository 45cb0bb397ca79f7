package api_test

import (
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tdkt/tdkt/api"
	"github.com/tdkt/tdkt/eventstore/memstore"
)

// TestAuthFailureLimit: guessing tokens from one address is stopped after
// api.DefaultAuthFailures invalid ones, for that address only, until the
// window ends; and no token, valid or guessed, reaches the request log.
func TestAuthFailureLimit(t *testing.T) {
	good, rec := api.GenerateToken(api.RoleAuditor, "kiểm-toán-viên", nil)
	var mu sync.Mutex
	now := time.Date(2025, 1, 15, 8, 0, 0, 0, time.UTC)
	logs := &syncBuffer{}
	srv := newServerOn(t, memstore.New(nil), []api.TokenRecord{rec}, func(s *api.Server) {
		s.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
		s.Logger = slog.New(slog.NewTextHandler(logs, nil))
	})
	// An auditor may not run commands: a valid token gets 403, a bad one
	// 401, a blocked address 429.
	get := func(token string) *http.Response {
		req, _ := http.NewRequest("POST", srv.URL()+"/api/v1/commands/SubmitRegistration", strings.NewReader(`{}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if r := get(good); r.StatusCode != 403 {
		t.Fatalf("a valid token: %d", r.StatusCode)
	}
	for i := range api.DefaultAuthFailures {
		if r := get("tdkt_guess" + strings.Repeat("x", i)); r.StatusCode != 401 {
			t.Fatalf("guess %d: %d, want 401", i, r.StatusCode)
		}
	}
	r := get("tdkt_one-more-guess")
	if r.StatusCode != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" {
		t.Fatalf("guess %d: %d (Retry-After %q), want 429 with Retry-After", api.DefaultAuthFailures+1, r.StatusCode, r.Header.Get("Retry-After"))
	}
	if r := get(good); r.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("a valid token from the blocked address: %d, want 429 (or guessing would go on)", r.StatusCode)
	}
	// Health is not affected.
	if resp, err := http.Get(srv.URL() + "/healthz"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz while blocked: %v %v", resp, err)
	}
	mu.Lock()
	now = now.Add(api.DefaultAuthWindow + time.Second)
	mu.Unlock()
	if r := get(good); r.StatusCode != 403 {
		t.Fatalf("a valid token after the window: %d", r.StatusCode)
	}
	out := logs.String()
	if strings.Contains(out, good) || strings.Contains(out, "tdkt_guess") || strings.Contains(out, "Bearer") {
		t.Errorf("a token reached the log:\n%s", out)
	}
	if !strings.Contains(out, "status=429") {
		t.Errorf("the 429s are not logged:\n%s", out)
	}
}
