package api_test

import (
	"strings"
	"testing"

	"github.com/tdkt/tdkt/api"
)

func TestMetrics(t *testing.T) {
	env := MustOpenCommandEnv(t) // four EstablishUnit appends
	env.srv.ProjectionLag = func() map[string]uint64 { return map[string]uint64{"standings": 7} }
	get(t, "GET", env.srv.URL()+"/healthz", nil)
	get(t, "GET", env.srv.URL()+"/api/v1/events/3/receipt", nil)
	get(t, "GET", env.srv.URL()+"/no/such/route", nil)
	resp, body := get(t, "GET", env.srv.URL()+"/metrics", nil)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("GET /metrics: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	text := string(body)
	for _, want := range []string{
		`tdkt_http_request_duration_seconds_count{code="200",method="GET",route="/healthz"} 1`,
		`tdkt_http_request_duration_seconds_count{code="201",method="POST",route="/api/v1/commands/{name}"} 4`,
		// The route template, never the raw path.
		`tdkt_http_request_duration_seconds_count{code="401",method="GET",route="/api/v1/events/{seq:[0-9]+}/receipt"} 1`,
		`tdkt_http_request_duration_seconds_count{code="404",method="GET",route="unmatched"} 1`,
		`tdkt_append_duration_seconds_count{outcome="ok"} 4`,
		`tdkt_ledger_size_events 4`,
		`tdkt_projection_lag_events{projection="standings"} 7`,
		`go_goroutines`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(text, "/api/v1/events/3/receipt") {
		t.Errorf("a raw path is a label")
	}
}

func TestTokens(t *testing.T) {
	tok, rec := api.GenerateToken(api.RoleUnit, "vks-kv1", []string{"u1"})
	if !strings.HasPrefix(tok, api.TokenPrefix) || len(tok) < 30 || strings.Contains(rec.TokenHash, tok) {
		t.Fatalf("token %q, record %+v", tok, rec)
	}
	tok2, rec2 := api.GenerateToken(api.RoleUnit, "vks-kv1", []string{"u1"})
	if tok2 == tok {
		t.Fatal("two tokens alike")
	}
	file := `[{"subject":"vks-kv1","role":"unit","units":["u1"],"tokenHash":"` + rec.TokenHash + `"},
		{"subject":"kiem-toan","role":"auditor","units":[],"tokenHash":"` + rec2.TokenHash + `"}]`
	ts, err := api.ParseTokens(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := ts.Authenticate(tok); !ok || p.Subject != "vks-kv1" || p.Role != api.RoleUnit || !p.HasUnit("u1") {
		t.Errorf("Authenticate = %+v, %v", p, ok)
	}
	if p, ok := ts.Authenticate(tok2); !ok || p.Role != api.RoleAuditor {
		t.Errorf("Authenticate = %+v, %v", p, ok)
	}
	for _, bad := range []string{"", tok + "x", rec.TokenHash} {
		if _, ok := ts.Authenticate(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
	for name, file := range map[string]string{
		"UnknownRole":   `[{"subject":"a","role":"root","units":["u"],"tokenHash":"` + rec.TokenHash + `"}]`,
		"NoUnits":       `[{"subject":"a","role":"unit","units":[],"tokenHash":"` + rec.TokenHash + `"}]`,
		"PlainToken":    `[{"subject":"a","role":"admin","units":[],"tokenHash":"` + tok + `"}]`,
		"ShortHash":     `[{"subject":"a","role":"admin","units":[],"tokenHash":"sha256:abcd"}]`,
		"NoSubject":     `[{"subject":" ","role":"admin","units":[],"tokenHash":"` + rec.TokenHash + `"}]`,
		"Duplicate":     `[{"subject":"a","role":"admin","tokenHash":"` + rec.TokenHash + `"},{"subject":"b","role":"admin","tokenHash":"` + rec.TokenHash + `"}]`,
		"UnknownMember": `[{"subject":"a","role":"admin","token":"x","tokenHash":"` + rec.TokenHash + `"}]`,
	} {
		t.Run("Err"+name, func(t *testing.T) {
			if _, err := api.ParseTokens(strings.NewReader(file)); err == nil {
				t.Fatal("accepted")
			}
		})
	}
}

func TestAnonymousAccess(t *testing.T) {
	env := MustOpenCommandEnv(t)
	for path, want := range map[string]int{
		"/healthz": 200, "/readyz": 200, "/openapi.json": 200, "/metrics": 200,
		"/api/v1/events": 401, "/api/v1/ledger/proof/inclusion?seq=0": 401, "/api/v1/events/live": 401,
	} {
		resp, body := get(t, "GET", env.srv.URL()+path, nil)
		if resp.StatusCode != want {
			t.Errorf("anonymous GET %s = %d, want %d: %s", path, resp.StatusCode, want, body)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no X-Content-Type-Options", path)
		}
	}
	// The auditor gets past authentication (a memstore has no Merkle
	// tree, so the ledger routes then answer 503).
	resp, body := get(t, "GET", env.srv.URL()+"/api/v1/events?limit=2", map[string][]string{"Authorization": {"Bearer " + env.tokens[api.RoleAuditor]}})
	if resp.StatusCode != 503 {
		t.Errorf("auditor GET /api/v1/events: %d %s", resp.StatusCode, body)
	}
}
