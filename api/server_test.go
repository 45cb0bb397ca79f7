package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tdkt/tdkt/api"
	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
)

// fakeStore is a Store whose Head is a function field, so each test injects
// the behaviour (and failures) it needs.
type fakeStore struct {
	HeadFn func(ctx context.Context) (uint64, error)
}

func (f *fakeStore) Head(ctx context.Context) (uint64, error) { return f.HeadFn(ctx) }

func headOf(n uint64) *fakeStore {
	return &fakeStore{HeadFn: func(context.Context) (uint64, error) { return n, nil }}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// MustOpenServer opens a server on a free loopback port and closes it when
// the test ends.
func MustOpenServer(tb testing.TB, store api.Store, logs io.Writer) *api.Server {
	tb.Helper()
	s := api.NewServer()
	s.Addr = "127.0.0.1:0"
	s.Store = store
	if logs != nil {
		s.Logger = slog.New(slog.NewJSONHandler(logs, nil))
	}
	if err := s.Open(); err != nil {
		tb.Fatalf("open server: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("close server: %v", err)
		}
	})
	return s
}

type problemBody struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail"`
	Instance string `json:"instance"`
	Rule     string `json:"rule"`
	Citation string `json:"citation"`
}

func decodeProblem(t *testing.T, resp *http.Response, body []byte) problemBody {
	t.Helper()
	if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type = %q, want application/problem+json (body %s)", ct, body)
	}
	var p problemBody
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("decode problem %s: %v", body, err)
	}
	if p.Status != resp.StatusCode {
		t.Errorf("problem status %d, response status %d", p.Status, resp.StatusCode)
	}
	if p.Type == "" || p.Title == "" || p.Detail == "" || p.Instance == "" {
		t.Errorf("problem lacks a member: %+v", p)
	}
	return p
}

func get(t *testing.T, method, url string, header http.Header) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func TestHealthz(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		s := MustOpenServer(t, headOf(0), nil)
		resp, body := get(t, "GET", s.URL()+"/healthz", nil)
		if resp.StatusCode != 200 || strings.TrimSpace(string(body)) != `{"status":"ok"}` {
			t.Fatalf("GET /healthz = %d %s", resp.StatusCode, body)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type = %q", ct)
		}
	})
	t.Run("OKWhileStoreFails", func(t *testing.T) {
		s := MustOpenServer(t, &fakeStore{HeadFn: func(context.Context) (uint64, error) {
			return 0, eventstore.ErrClosed
		}}, nil)
		if resp, body := get(t, "GET", s.URL()+"/healthz", nil); resp.StatusCode != 200 {
			t.Fatalf("GET /healthz = %d %s; liveness must not depend on the store", resp.StatusCode, body)
		}
	})
	t.Run("Head", func(t *testing.T) {
		s := MustOpenServer(t, headOf(0), nil)
		resp, body := get(t, "HEAD", s.URL()+"/healthz", nil)
		if resp.StatusCode != 200 || len(body) != 0 {
			t.Fatalf("HEAD /healthz = %d %q", resp.StatusCode, body)
		}
	})
}

func TestReadyz(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		s := MustOpenServer(t, headOf(42), nil)
		resp, body := get(t, "GET", s.URL()+"/readyz", nil)
		if resp.StatusCode != 200 || strings.TrimSpace(string(body)) != `{"status":"ready","head":42}` {
			t.Fatalf("GET /readyz = %d %s", resp.StatusCode, body)
		}
	})
	t.Run("StoreFails", func(t *testing.T) {
		var logs syncBuffer
		s := MustOpenServer(t, &fakeStore{HeadFn: func(context.Context) (uint64, error) {
			return 0, fmt.Errorf("head: %w", eventstore.ErrClosed)
		}}, &logs)
		resp, body := get(t, "GET", s.URL()+"/readyz", nil)
		if resp.StatusCode != 503 {
			t.Fatalf("GET /readyz = %d %s, want 503", resp.StatusCode, body)
		}
		p := decodeProblem(t, resp, body)
		if !strings.Contains(p.Detail, "store is closed") || p.Type != "urn:tdkt:problem:not-ready" || p.Instance != "/readyz" {
			t.Errorf("problem = %+v", p)
		}
		if !strings.Contains(logs.String(), `"err":"head: store is closed"`) {
			t.Errorf("the store's error is not on the request log line:\n%s", logs.String())
		}
	})
	t.Run("StoreHangs", func(t *testing.T) {
		s := api.NewServer()
		s.Store = &fakeStore{HeadFn: func(ctx context.Context) (uint64, error) {
			<-ctx.Done()
			return 0, ctx.Err()
		}}
		s.ReadyTimeout = 50 * time.Millisecond
		rec := httptest.NewRecorder()
		start := time.Now()
		s.ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
		if rec.Code != 503 || !strings.Contains(rec.Body.String(), "deadline exceeded") {
			t.Fatalf("GET /readyz = %d %s", rec.Code, rec.Body)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("readyz took %v despite a 50ms ReadyTimeout", d)
		}
	})
	t.Run("SetUnready", func(t *testing.T) {
		s := MustOpenServer(t, headOf(7), nil)
		s.SetUnready("draining")
		resp, body := get(t, "GET", s.URL()+"/readyz", nil)
		if resp.StatusCode != 503 {
			t.Fatalf("GET /readyz = %d %s, want 503", resp.StatusCode, body)
		}
		if p := decodeProblem(t, resp, body); p.Detail != "Not ready: draining." {
			t.Errorf("detail = %q", p.Detail)
		}
		s.SetUnready("")
		if resp, body := get(t, "GET", s.URL()+"/readyz", nil); resp.StatusCode != 200 {
			t.Fatalf("after SetUnready(\"\"): GET /readyz = %d %s", resp.StatusCode, body)
		}
	})
}

func TestRouting(t *testing.T) {
	s := MustOpenServer(t, headOf(0), nil)
	t.Run("NotFound", func(t *testing.T) {
		resp, body := get(t, "GET", s.URL()+"/no/such/thing", nil)
		if resp.StatusCode != 404 {
			t.Fatalf("status = %d", resp.StatusCode)
		}
		if p := decodeProblem(t, resp, body); p.Instance != "/no/such/thing" || p.Title != "Not found" {
			t.Errorf("problem = %+v", p)
		}
	})
	for _, method := range []string{"POST", "DELETE", "PUT"} {
		t.Run("MethodNotAllowed"+method, func(t *testing.T) {
			resp, body := get(t, method, s.URL()+"/healthz", nil)
			if resp.StatusCode != 405 {
				t.Fatalf("%s /healthz = %d %s", method, resp.StatusCode, body)
			}
			if allow := resp.Header.Get("Allow"); allow != "GET, HEAD" {
				t.Errorf("Allow = %q, want %q", allow, "GET, HEAD")
			}
			decodeProblem(t, resp, body)
		})
	}
}

func TestErrorMapping(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		status   int
		typ      string
		detail   string // "" = don't check
		rule     string
		citation string
	}{
		{"Invalid", domain.Errorf(domain.EINVALID, "năm %d không hợp lệ", 1800), 400, "urn:tdkt:problem:invalid", "năm 1800 không hợp lệ", "", ""},
		{"NotFound", domain.Errorf(domain.ENOTFOUND, "no unit"), 404, "urn:tdkt:problem:not-found", "no unit", "", ""},
		{"Conflict", domain.Errorf(domain.ECONFLICT, "already"), 409, "urn:tdkt:problem:conflict", "already", "", ""},
		{"Unauthorized", domain.Errorf(domain.EUNAUTHORIZED, "no token"), 401, "urn:tdkt:problem:unauthorized", "no token", "", ""},
		{"Forbidden", domain.Errorf(domain.EFORBIDDEN, "not yours"), 403, "urn:tdkt:problem:forbidden", "not yours", "", ""},
		{"DomainInternal", domain.Errorf(domain.EINTERNAL, "broken"), 500, "urn:tdkt:problem:internal", "broken", "", ""},
		{"UnknownCode", &domain.Error{Code: "weird", Message: "secret detail"}, 500, "urn:tdkt:problem:internal", "Internal error.", "", ""},
		{"Rule", fmt.Errorf("decide: %w", &domain.Error{Code: domain.EINVALID, Message: "chưa đủ điều kiện", Rule: "R11", Citation: "Luật TĐKT 2022, Điều 28 k1"}),
			422, "urn:tdkt:problem:rule-violation", "chưa đủ điều kiện", "R11", "Luật TĐKT 2022, Điều 28 k1"},
		{"Concurrency", fmt.Errorf("append: %w", &eventstore.ConcurrencyError{Stream: "unit-1", Expected: eventstore.Exact(3), Actual: 5}),
			409, "urn:tdkt:problem:wrong-expected-revision", `append: stream "unit-1": expected revision 3, actual revision 5`, "", ""},
		{"IDConflict", &eventstore.IDConflictError{Seq: 9, Reason: "other content"}, 409, "urn:tdkt:problem:event-id-conflict", "", "", ""},
		{"InvalidEvent", &eventstore.InvalidEventError{Index: 0, Field: "type", Reason: "empty"}, 422, "urn:tdkt:problem:invalid-event", "invalid event 0: type: empty", "", ""},
		{"TooLarge", &eventstore.TooLargeError{Size: 2 << 20, Limit: 1 << 20}, 413, "urn:tdkt:problem:event-too-large", "", "", ""},
		{"ReadOnly", fmt.Errorf("append: %w", eventstore.ErrReadOnly), 503, "urn:tdkt:problem:read-only", "append: store is read-only", "", ""},
		{"Closed", eventstore.ErrClosed, 503, "urn:tdkt:problem:unavailable", "", "", ""},
		{"Internal", errors.New("disk I/O error at /var/lib/secret"), 500, "urn:tdkt:problem:internal", "Internal error.", "", ""},
		{"Canceled", context.Canceled, 503, "urn:tdkt:problem:canceled", "context canceled", "", ""},
		{"DeadlineExceeded", fmt.Errorf("append: %w", context.DeadlineExceeded), 503, "urn:tdkt:problem:timeout", "append: context deadline exceeded", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			api.Error(rec, httptest.NewRequest("POST", "/api/v1/commands/X", nil), tt.err)
			resp := rec.Result()
			p := decodeProblem(t, resp, rec.Body.Bytes())
			if resp.StatusCode != tt.status || api.ErrorStatusCode(tt.err) != tt.status {
				t.Errorf("status = %d (ErrorStatusCode %d), want %d", resp.StatusCode, api.ErrorStatusCode(tt.err), tt.status)
			}
			if p.Type != tt.typ {
				t.Errorf("type = %q, want %q", p.Type, tt.typ)
			}
			if tt.detail != "" && p.Detail != tt.detail {
				t.Errorf("detail = %q, want %q", p.Detail, tt.detail)
			}
			if p.Rule != tt.rule || p.Citation != tt.citation {
				t.Errorf("rule, citation = %q, %q; want %q, %q", p.Rule, p.Citation, tt.rule, tt.citation)
			}
			if p.Instance != "/api/v1/commands/X" {
				t.Errorf("instance = %q", p.Instance)
			}
			if tt.status == 500 && strings.Contains(rec.Body.String(), "secret") {
				t.Errorf("internal detail leaked: %s", rec.Body)
			}
			if tt.rule == "" && strings.Contains(rec.Body.String(), `"rule"`) {
				t.Errorf("empty rule member present: %s", rec.Body)
			}
		})
	}
}

func TestRequestLog(t *testing.T) {
	var logs syncBuffer
	s := MustOpenServer(t, headOf(3), &logs)
	get(t, "GET", s.URL()+"/readyz?token=querysecret", http.Header{"Authorization": {"Bearer s3cr3t-token"}})
	get(t, "GET", s.URL()+"/missing", nil)

	type line struct {
		Level    string  `json:"level"`
		Msg      string  `json:"msg"`
		Method   string  `json:"method"`
		Path     string  `json:"path"`
		Status   int     `json:"status"`
		Duration float64 `json:"duration"`
	}
	var got []line
	for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var x line
		if err := json.Unmarshal([]byte(l), &x); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		got = append(got, x)
	}
	if len(got) != 2 {
		t.Fatalf("got %d log lines, want 2:\n%s", len(got), logs.String())
	}
	if g := got[0]; g.Msg != "http request" || g.Method != "GET" || g.Path != "/readyz" || g.Status != 200 || g.Level != "INFO" || g.Duration <= 0 {
		t.Errorf("first line = %+v", g)
	}
	if g := got[1]; g.Path != "/missing" || g.Status != 404 {
		t.Errorf("second line = %+v", g)
	}
	for _, secret := range []string{"s3cr3t-token", "Bearer", "Authorization", "querysecret"} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("log contains %q:\n%s", secret, logs.String())
		}
	}
}

func TestPanicRecovered(t *testing.T) {
	var logs syncBuffer
	s := MustOpenServer(t, &fakeStore{HeadFn: func(context.Context) (uint64, error) { panic("boom") }}, &logs)
	resp, body := get(t, "GET", s.URL()+"/readyz", nil)
	if resp.StatusCode != 500 {
		t.Fatalf("status = %d %s", resp.StatusCode, body)
	}
	if p := decodeProblem(t, resp, body); p.Detail != "Internal error." {
		t.Errorf("detail = %q", p.Detail)
	}
	if !strings.Contains(logs.String(), `"panic":"boom"`) || !strings.Contains(logs.String(), `"level":"ERROR","msg":"http request"`) {
		t.Errorf("panic not logged:\n%s", logs.String())
	}
	// The server still serves.
	if resp, _ := get(t, "GET", s.URL()+"/healthz", nil); resp.StatusCode != 200 {
		t.Errorf("after a panic GET /healthz = %d", resp.StatusCode)
	}
}

func TestOpen(t *testing.T) {
	t.Run("ErrNoStore", func(t *testing.T) {
		s := api.NewServer()
		s.Addr = "127.0.0.1:0"
		if err := s.Open(); !errors.Is(err, api.ErrNoStore) {
			t.Fatalf("Open without a store = %v, want ErrNoStore", err)
		}
	})
	t.Run("AddressInUse", func(t *testing.T) {
		first := MustOpenServer(t, headOf(0), nil)
		s := api.NewServer()
		s.Addr = first.ListenAddr()
		s.Store = headOf(0)
		if err := s.Open(); err == nil {
			s.Close()
			t.Fatal("a second server opened on a port in use")
		}
	})
	t.Run("BoundAddress", func(t *testing.T) {
		s := MustOpenServer(t, headOf(0), nil)
		if s.Port() == 0 || !strings.HasPrefix(s.ListenAddr(), "127.0.0.1:") || s.URL() != "http://"+s.ListenAddr() {
			t.Fatalf("Port %d, ListenAddr %q, URL %q", s.Port(), s.ListenAddr(), s.URL())
		}
	})
	t.Run("UnspecifiedHostShownAsLocalhost", func(t *testing.T) {
		s := api.NewServer()
		s.Addr = ":0"
		s.Store = headOf(0)
		if err := s.Open(); err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if want := fmt.Sprintf("http://localhost:%d", s.Port()); s.URL() != want {
			t.Fatalf("URL = %q, want %q", s.URL(), want)
		}
	})
}

func TestClose(t *testing.T) {
	t.Run("WaitsForRequestsInFlight", func(t *testing.T) {
		entered, release := make(chan struct{}), make(chan struct{})
		s := api.NewServer()
		s.Addr = "127.0.0.1:0"
		s.Store = &fakeStore{HeadFn: func(context.Context) (uint64, error) {
			close(entered)
			<-release
			return 5, nil
		}}
		if err := s.Open(); err != nil {
			t.Fatal(err)
		}
		type result struct {
			status int
			body   string
			err    error
		}
		done := make(chan result, 1)
		go func() {
			resp, err := http.Get(s.URL() + "/readyz")
			if err != nil {
				done <- result{err: err}
				return
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			done <- result{status: resp.StatusCode, body: string(b)}
		}()
		<-entered
		closed := make(chan error, 1)
		go func() { closed <- s.Close() }()
		select {
		case err := <-closed:
			t.Fatalf("Close returned (%v) while a request was in flight", err)
		case <-time.After(100 * time.Millisecond):
		}
		close(release)
		if err := <-closed; err != nil {
			t.Fatalf("Close = %v", err)
		}
		r := <-done
		if r.err != nil || r.status != 200 || strings.TrimSpace(r.body) != `{"status":"ready","head":5}` {
			t.Fatalf("request in flight got %d %q %v", r.status, r.body, r.err)
		}
		if _, err := http.Get(s.URL() + "/healthz"); err == nil {
			t.Fatal("server still answers after Close")
		}
	})
	t.Run("ShutdownTimeout", func(t *testing.T) {
		entered := make(chan struct{})
		release := make(chan struct{})
		defer close(release)
		s := api.NewServer()
		s.Addr = "127.0.0.1:0"
		s.ShutdownTimeout = 100 * time.Millisecond
		s.Store = &fakeStore{HeadFn: func(context.Context) (uint64, error) {
			close(entered)
			<-release // ignores its context: a stuck handler
			return 0, nil
		}}
		if err := s.Open(); err != nil {
			t.Fatal(err)
		}
		go http.Get(s.URL() + "/readyz")
		<-entered
		start := time.Now()
		err := s.Close()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Close = %v, want a deadline error", err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("Close took %v with a 100ms ShutdownTimeout", d)
		}
	})
	t.Run("Twice", func(t *testing.T) {
		s := MustOpenServer(t, headOf(0), nil)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatalf("second Close = %v", err)
		}
	})
	t.Run("BeforeOpen", func(t *testing.T) {
		if err := api.NewServer().Close(); err != nil {
			t.Fatalf("Close before Open = %v", err)
		}
	})
}
