package api_test

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/tdkt/tdkt/api"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/memstore"
)

type sse struct{ id, event, data string }

// readSSE reads events from r into a channel until the stream ends.
func readSSE(r *bufio.Reader) <-chan sse {
	ch := make(chan sse, 16)
	go func() {
		defer close(ch)
		var cur sse
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSuffix(line, "\n")
			switch {
			case line == "":
				if cur.id != "" {
					ch <- cur
				}
				cur = sse{}
			case strings.HasPrefix(line, "id: "):
				cur.id = line[4:]
			case strings.HasPrefix(line, "event: "):
				cur.event = line[7:]
			case strings.HasPrefix(line, "data: "):
				cur.data = line[6:]
			}
		}
	}()
	return ch
}

func appendN(t *testing.T, s *memstore.Store, n int) {
	t.Helper()
	for i := range n {
		ev := eventstore.Event{ID: uuid.New(), Type: "ScoreRecorded", Schema: 1, Data: fmt.Appendf(nil, `{"i":%d}`, i)}
		if _, err := s.Append(context.Background(), "scorecard-1", eventstore.Any, ev); err != nil {
			t.Fatal(err)
		}
	}
}

func openLive(t *testing.T, url, token string, header http.Header) (*http.Response, <-chan sse) {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), "GET", url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("live: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	return resp, readSSE(bufio.NewReader(resp.Body))
}

func next(t *testing.T, ch <-chan sse) sse {
	t.Helper()
	select {
	case e, ok := <-ch:
		if !ok {
			t.Fatal("the live feed ended")
		}
		return e
	case <-time.After(5 * time.Second):
		t.Fatal("no event within 5s")
	}
	return sse{}
}

func TestLiveFeed(t *testing.T) {
	store := memstore.New(nil)
	appendN(t, store, 3)
	tok, rec := api.GenerateToken(api.RoleAuditor, "kiem-toan", nil)
	srv := newServerOn(t, store, []api.TokenRecord{rec}, func(s *api.Server) {
		// Short timeouts: the feed must outlive them.
		s.WriteTimeout = 300 * time.Millisecond
		s.ReadTimeout = 300 * time.Millisecond
		s.HeartbeatInterval = 100 * time.Millisecond
	})
	url := srv.URL() + "/api/v1/events/live"

	t.Run("FromStartThenNew", func(t *testing.T) {
		_, ch := openLive(t, url+"?from=0", tok, nil)
		for i := range 3 {
			e := next(t, ch)
			if e.id != fmt.Sprint(i) || e.event != "ScoreRecorded" {
				t.Fatalf("event %d = %+v", i, e)
			}
			var line []byte
			for r, err := range store.ReadAll(t.Context(), uint64(i)) {
				if err != nil {
					t.Fatal(err)
				}
				line = eventstore.ExportLine(&r)
				break
			}
			if e.data != string(line) {
				t.Errorf("data = %s, want the export line %s", e.data, line)
			}
		}
		// Past the server's write and read timeouts, the feed still flows.
		time.Sleep(700 * time.Millisecond)
		appendN(t, store, 1)
		if e := next(t, ch); e.id != "3" {
			t.Fatalf("after the timeouts: %+v", e)
		}
	})
	t.Run("ResumeWithLastEventID", func(t *testing.T) {
		_, ch := openLive(t, url+"?from=0", tok, http.Header{"Last-Event-Id": {"2"}})
		if e := next(t, ch); e.id != "3" {
			t.Fatalf("resumed at %+v, want seq 3", e)
		}
	})
	t.Run("DefaultIsTheHead", func(t *testing.T) {
		_, ch := openLive(t, url, tok, nil)
		appendN(t, store, 1)
		if e := next(t, ch); e.id != "4" {
			t.Fatalf("first event %+v, want seq 4", e)
		}
	})
	t.Run("Heartbeats", func(t *testing.T) {
		req, _ := http.NewRequestWithContext(t.Context(), "GET", url, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		r := bufio.NewReader(resp.Body)
		deadline := time.Now().Add(3 * time.Second)
		for time.Now().Before(deadline) {
			line, err := r.ReadString('\n')
			if err != nil {
				t.Fatal(err)
			}
			if line == ": heartbeat\n" {
				return
			}
		}
		t.Fatal("no heartbeat")
	})
	t.Run("ErrNoToken", func(t *testing.T) {
		if resp, _ := get(t, "GET", url, nil); resp.StatusCode != 401 {
			t.Fatalf("status %d", resp.StatusCode)
		}
	})
	t.Run("ErrBadLastEventID", func(t *testing.T) {
		resp, body := get(t, "GET", url, http.Header{"Authorization": {"Bearer " + tok}, "Last-Event-Id": {"x"}})
		if resp.StatusCode != 400 {
			t.Fatalf("%d %s", resp.StatusCode, body)
		}
	})
}

func TestLiveFeedEndsOnClose(t *testing.T) {
	store := memstore.New(nil)
	tok, rec := api.GenerateToken(api.RoleAuditor, "kiem-toan", nil)
	s := api.NewServer()
	s.Addr = "127.0.0.1:0"
	s.Store = store
	s.Tokens, _ = api.NewTokens([]api.TokenRecord{rec})
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	_, ch := openLive(t, s.URL()+"/api/v1/events/live", tok, nil)
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- s.Close() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("close: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Close waited on the live feed")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Close took %v", d)
	}
	for range ch { // the stream ends
	}
}
