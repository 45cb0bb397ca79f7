package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/tdkt/tdkt/api"
	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/memstore"
)

// Units of the test sector: the supreme procuracy, two provinces and an
// area procuracy under province A.
var (
	unitTC    = uuid.NewSHA1(uuid.NameSpaceURL, []byte("tdkt-test:unit:tc")).String()
	unitA     = uuid.NewSHA1(uuid.NameSpaceURL, []byte("tdkt-test:unit:tinh-a")).String()
	unitB     = uuid.NewSHA1(uuid.NameSpaceURL, []byte("tdkt-test:unit:tinh-b")).String()
	unitKV1   = uuid.NewSHA1(uuid.NameSpaceURL, []byte("tdkt-test:unit:kv1")).String()
	cluster1  = uuid.NewSHA1(uuid.NameSpaceURL, []byte("tdkt-test:cluster:1")).String()
	testClock = time.Date(2025, 1, 14, 20, 30, 0, 0, time.UTC) // 15/01/2025 in Hà Nội
)

// commandEnv is a server on a memstore with one token per role.
type commandEnv struct {
	srv    *api.Server
	store  *memstore.Store
	tokens map[api.Role]string
	recs   []api.TokenRecord
}

func newServerOn(tb testing.TB, store *memstore.Store, recs []api.TokenRecord, configure func(*api.Server)) *api.Server {
	tb.Helper()
	tokens, err := api.NewTokens(recs)
	if err != nil {
		tb.Fatal(err)
	}
	s := api.NewServer()
	s.Addr = "127.0.0.1:0"
	s.Store = store
	s.Tokens = tokens
	s.Now = func() time.Time { return testClock }
	if configure != nil {
		configure(s)
	}
	if err := s.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// MustOpenCommandEnv opens the server and records the test sector's units
// with the admin token.
func MustOpenCommandEnv(tb testing.TB) *commandEnv {
	tb.Helper()
	env := &commandEnv{store: memstore.New(nil), tokens: map[api.Role]string{}}
	units := map[api.Role][]string{api.RoleCouncil: {unitA}, api.RoleCluster: {cluster1}, api.RoleUnit: {unitKV1}}
	for _, role := range api.Roles() {
		tok, rec := api.GenerateToken(role, "test-"+string(role), units[role])
		env.tokens[role] = tok
		env.recs = append(env.recs, rec)
	}
	env.srv = newServerOn(tb, env.store, env.recs, nil)
	tb.Cleanup(func() { checkStoreInvariants(tb, env.store) })
	for _, u := range []struct{ id, parent, level, name string }{
		{unitTC, "", "TOI_CAO", "Viện kiểm sát nhân dân tối cao"},
		{unitA, unitTC, "CAP_TINH", "Viện kiểm sát nhân dân tỉnh A"},
		{unitB, unitTC, "CAP_TINH", "Viện kiểm sát nhân dân tỉnh B"},
		{unitKV1, unitA, "KHU_VUC", "Viện kiểm sát nhân dân khu vực 1"},
	} {
		body := map[string]any{"unitId": u.id, "name": u.name, "level": u.level, "kind": "VIEN_KIEM_SAT"}
		if u.parent != "" {
			body["parentUnitId"] = u.parent
		}
		resp, b := env.post(tb, "EstablishUnit", api.RoleAdmin, mustJSON(tb, body), nil)
		if resp.StatusCode != 201 {
			tb.Fatalf("establish %s: %d %s", u.name, resp.StatusCode, b)
		}
	}
	return env
}

// checkStoreInvariants checks, after each test, that stream revisions are
// contiguous and seqs dense (STYLE §11).
func checkStoreInvariants(tb testing.TB, s *memstore.Store) {
	revs := map[string]uint64{}
	var next uint64
	for e, err := range s.ReadAll(context.Background(), 0) {
		if err != nil {
			tb.Errorf("read all: %v", err)
			return
		}
		if e.Seq != next {
			tb.Errorf("seq %d, want %d", e.Seq, next)
		}
		next++
		if want := revs[e.Stream]; e.Revision != want {
			tb.Errorf("%s: revision %d, want %d", e.Stream, e.Revision, want)
		}
		revs[e.Stream] = e.Revision + 1
	}
}

func mustJSON(tb testing.TB, v any) []byte {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func (env *commandEnv) head(tb testing.TB) uint64 {
	tb.Helper()
	h, err := env.store.Head(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return h
}

// post sends a command with role's token ("" role: no token).
func (env *commandEnv) post(tb testing.TB, name string, role api.Role, body []byte, header http.Header) (*http.Response, []byte) {
	tb.Helper()
	req, err := http.NewRequest("POST", env.srv.URL()+"/api/v1/commands/"+name, bytes.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if role != "" {
		req.Header.Set("Authorization", "Bearer "+env.tokens[role])
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp, b
}

type commandResultBody struct {
	Stream      string  `json:"stream"`
	Revision    *uint64 `json:"revision"`
	Correlation *string `json:"correlation"`
	Events      []struct {
		ID   string `json:"id"`
		Type string `json:"type"`
		Seq  uint64 `json:"seq"`
	} `json:"events"`
}

type fullProblem struct {
	problemBody
	Field            string `json:"field"`
	Offset           *int64 `json:"offset"`
	Role             string `json:"role"`
	Permission       string `json:"permission"`
	Stream           string `json:"stream"`
	CurrentRevision  *int64 `json:"currentRevision"`
	ExpectedRevision string `json:"expectedRevision"`
	Errors           []struct {
		Rule, Citation, Detail, Field string
	} `json:"errors"`
}

func decodeFullProblem(t testing.TB, resp *http.Response, body []byte) fullProblem {
	t.Helper()
	if ct := resp.Header.Get("Content-Type"); ct != api.ProblemContentType {
		t.Fatalf("Content-Type = %q, want problem (status %d, body %s)", ct, resp.StatusCode, body)
	}
	var p fullProblem
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatal(err)
	}
	if p.Status != resp.StatusCode || p.Type == "" || p.Title == "" || p.Detail == "" {
		t.Errorf("problem lacks members or disagrees with the status %d: %s", resp.StatusCode, body)
	}
	return p
}

// registration is a SubmitRegistration body for 2024; via defaults to the
// subject.
func registration(subjectKind, subjectID, via string) []byte {
	return registrationOf(subjectKind, subjectID, via, 2024)
}

func registrationOf(subjectKind, subjectID, via string, year int) []byte {
	if via == "" {
		via = subjectID
	}
	body := map[string]any{"subject": map[string]any{"kind": subjectKind, "id": subjectID}, "year": year, "targets": []string{"TTLDTT"}, "viaUnitId": via}
	b, _ := json.Marshal(body)
	return b
}

func TestCommand(t *testing.T) {
	env := MustOpenCommandEnv(t)
	t.Run("OK", func(t *testing.T) {
		before := env.head(t)
		resp, body := env.post(t, "SubmitRegistration", api.RoleUnit, registration("TAP_THE", unitKV1, ""), nil)
		if resp.StatusCode != 201 {
			t.Fatalf("status %d: %s", resp.StatusCode, body)
		}
		var res commandResultBody
		if err := json.Unmarshal(body, &res); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(res.Stream, "registration-") || res.Revision == nil || *res.Revision != 0 || len(res.Events) != 1 ||
			res.Events[0].Type != domain.EventEmulationRegistrationSubmitted || res.Events[0].Seq != before || res.Correlation == nil {
			t.Fatalf("result = %s", body)
		}
		var got eventstore.RecordedEvent
		for e, err := range env.store.ReadAll(t.Context(), before) {
			if err != nil {
				t.Fatal(err)
			}
			got = e
		}
		if got.ID.String() != res.Events[0].ID || got.ID.Version() != 7 {
			t.Errorf("recorded id %s (v%d), response %s; want a UUIDv7", got.ID, got.ID.Version(), res.Events[0].ID)
		}
		if got.Actor == nil || *got.Actor != (eventstore.Actor{Subject: "test-unit", Role: "unit", Unit: unitKV1}) {
			t.Errorf("actor = %+v, want the token's subject, role and unit", got.Actor)
		}
		if got.Effective != (eventstore.Effective{Date: "2025-01-15", Year: 2024}) {
			t.Errorf("effective = %+v, want the business date in Hà Nội and the evaluation year", got.Effective)
		}
		if got.Correlation.String() != *res.Correlation {
			t.Errorf("correlation %s, response %s", got.Correlation, *res.Correlation)
		}
	})
	t.Run("RepeatRecordsNothing", func(t *testing.T) {
		before := env.head(t)
		resp, body := env.post(t, "SubmitRegistration", api.RoleUnit, registration("TAP_THE", unitKV1, ""), nil)
		if resp.StatusCode != 200 || !strings.Contains(string(body), `"events":[]`) || env.head(t) != before {
			t.Fatalf("repeat: %d %s (head %d → %d)", resp.StatusCode, body, before, env.head(t))
		}
	})
	t.Run("ActorNeverFromBody", func(t *testing.T) {
		before := env.head(t)
		body := []byte(`{"subject":{"kind":"TAP_THE","id":"` + unitKV1 + `"},"year":2023,"targets":["TTLDTT"],"viaUnitId":"` + unitKV1 + `","actor":{"subject":"someone-else"}}`)
		resp, b := env.post(t, "SubmitRegistration", api.RoleUnit, body, nil)
		if resp.StatusCode != 400 || env.head(t) != before {
			t.Fatalf("a body naming an actor: %d %s", resp.StatusCode, b)
		}
		if p := decodeFullProblem(t, resp, b); !strings.Contains(p.Detail, "actor") {
			t.Errorf("detail %q does not name the field", p.Detail)
		}
	})
	t.Run("LegalBasis", func(t *testing.T) {
		before := env.head(t)
		body := `{"subject":{"kind":"TAP_THE","id":"` + unitKV1 + `"},"year":2022,"targets":["TTLDTT"],"viaUnitId":"` + unitKV1 + `","legalBasis":{"number":"123/QĐ-VKSTC","date":"2024-03-01","issuer":"VKSND tối cao"}}`
		resp, b := env.post(t, "SubmitRegistration", api.RoleUnit, []byte(body), nil)
		if resp.StatusCode != 201 {
			t.Fatalf("%d %s", resp.StatusCode, b)
		}
		for e, err := range env.store.ReadAll(t.Context(), before) {
			if err != nil {
				t.Fatal(err)
			}
			if e.Basis == nil || *e.Basis != (eventstore.Basis{Number: "123/QĐ-VKSTC", Date: "2024-03-01", Issuer: "VKSND tối cao"}) {
				t.Errorf("basis = %+v", e.Basis)
			}
		}
	})
}

func TestCommandEffectiveDate(t *testing.T) {
	env := MustOpenCommandEnv(t)
	t.Run("OK", func(t *testing.T) {
		before := env.head(t)
		body := `{"subject":{"kind":"TAP_THE","id":"` + unitKV1 + `"},"year":2021,"targets":["TTLDTT"],"viaUnitId":"` + unitKV1 + `","effectiveDate":"2021-03-29"}`
		resp, b := env.post(t, "SubmitRegistration", api.RoleUnit, []byte(body), nil)
		if resp.StatusCode != 201 {
			t.Fatalf("%d %s", resp.StatusCode, b)
		}
		for e, err := range env.store.ReadAll(t.Context(), before) {
			if err != nil {
				t.Fatal(err)
			}
			if e.Effective != (eventstore.Effective{Date: "2021-03-29", Year: 2021}) {
				t.Errorf("effective = %+v, want the given date", e.Effective)
			}
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		before := env.head(t)
		body := `{"subject":{"kind":"TAP_THE","id":"` + unitKV1 + `"},"year":2020,"targets":["TTLDTT"],"viaUnitId":"` + unitKV1 + `","effectiveDate":"29/03/2020"}`
		resp, b := env.post(t, "SubmitRegistration", api.RoleUnit, []byte(body), nil)
		p := decodeFullProblem(t, resp, b)
		if resp.StatusCode != 400 || p.Field != "effectiveDate" || env.head(t) != before {
			t.Fatalf("%d %s", resp.StatusCode, b)
		}
	})
}

func TestCommandIdempotency(t *testing.T) {
	env := MustOpenCommandEnv(t)
	key := http.Header{"Idempotency-Key": {"dk-2021-kv1"}}
	body := registration("TAP_THE", unitKV1, "")
	resp, first := env.post(t, "SubmitRegistration", api.RoleUnit, body, key)
	if resp.StatusCode != 201 {
		t.Fatalf("%d %s", resp.StatusCode, first)
	}
	head := env.head(t)
	if resp.Header.Get(api.ReplayedHeader) != "" {
		t.Errorf("the first answer says %s", api.ReplayedHeader)
	}
	var firstRes commandResultBody
	json.Unmarshal(first, &firstRes)
	if want := api.IdempotentEventID("test-unit", "dk-2021-kv1", 0).String(); len(firstRes.Events) != 1 || firstRes.Events[0].ID != want {
		t.Errorf("event id %v, want IdempotentEventID %s", firstRes.Events, want)
	}
	t.Run("RetryReturnsTheOriginal", func(t *testing.T) {
		resp, again := env.post(t, "SubmitRegistration", api.RoleUnit, body, key)
		if resp.StatusCode != 201 || !bytes.Equal(again, first) || env.head(t) != head {
			t.Fatalf("retry: %d %s, want %s; head %d → %d", resp.StatusCode, again, first, head, env.head(t))
		}
		if resp.Header.Get(api.ReplayedHeader) != "true" {
			t.Errorf("a replayed answer lacks %s: true", api.ReplayedHeader)
		}
	})
	t.Run("ErrOtherBody", func(t *testing.T) {
		resp, b := env.post(t, "SubmitRegistration", api.RoleUnit, registrationOf("TAP_THE", unitKV1, "", 2020), key)
		if resp.StatusCode != 422 || env.head(t) != head {
			t.Fatalf("same key, other body: %d %s", resp.StatusCode, b)
		}
		if p := decodeFullProblem(t, resp, b); p.Type != "urn:tdkt:problem:idempotency-key-reused" {
			t.Errorf("type = %s", p.Type)
		}
	})
	t.Run("RetryAfterRestart", func(t *testing.T) {
		// A new server on the same store has an empty response cache: the
		// key's derived event ids find what the first try recorded.
		srv2 := newServerOn(t, env.store, env.recs, nil)
		env2 := &commandEnv{srv: srv2, store: env.store, tokens: env.tokens}
		resp, again := env2.post(t, "SubmitRegistration", api.RoleUnit, body, key)
		if resp.StatusCode != 201 || env.head(t) != head {
			t.Fatalf("retry after restart: %d %s; head %d → %d", resp.StatusCode, again, head, env.head(t))
		}
		if !bytes.Equal(again, first) {
			t.Errorf("after restart %s, first %s", again, first)
		}
		if resp.Header.Get(api.ReplayedHeader) != "true" {
			t.Errorf("a replay found in the stream lacks %s: true", api.ReplayedHeader)
		}
		resp, other := env2.post(t, "SubmitRegistration", api.RoleUnit, registrationOf("TAP_THE", unitKV1, "", 2020), key)
		if resp.StatusCode != 422 || env.head(t) != head {
			t.Fatalf("other body after restart: %d %s", resp.StatusCode, other)
		}
	})
	t.Run("KeysArePerSubject", func(t *testing.T) {
		// The admin's key of the same name is another key.
		resp, b := env.post(t, "SubmitRegistration", api.RoleAdmin, registration("TAP_THE", unitB, ""), key)
		if resp.StatusCode != 201 || env.head(t) != head+1 {
			t.Fatalf("%d %s", resp.StatusCode, b)
		}
	})
}

func TestCommandConcurrency(t *testing.T) {
	env := MustOpenCommandEnv(t)
	// unit-A has one event (revision 0).
	rename := func(expected string) []byte {
		return []byte(`{"unitId":"` + unitA + `","newName":"Viện kiểm sát nhân dân tỉnh A mới"` + expected + `}`)
	}
	for _, tc := range []struct {
		name   string
		body   []byte
		header http.Header
	}{
		{"ExpectedRevision", rename(`,"expectedRevision":5`), nil},
		{"IfMatch", rename(""), http.Header{"If-Match": {`"5"`}}},
	} {
		t.Run("ErrConcurrency"+tc.name, func(t *testing.T) {
			before := env.head(t)
			resp, b := env.post(t, "RenameUnit", api.RoleAdmin, tc.body, tc.header)
			if resp.StatusCode != 409 || env.head(t) != before {
				t.Fatalf("%d %s", resp.StatusCode, b)
			}
			p := decodeFullProblem(t, resp, b)
			if p.CurrentRevision == nil || *p.CurrentRevision != 0 || p.Stream != "unit-"+unitA || p.ExpectedRevision != "5" {
				t.Errorf("problem = %s", b)
			}
		})
	}
	t.Run("OK", func(t *testing.T) {
		resp, b := env.post(t, "RenameUnit", api.RoleAdmin, rename(`,"expectedRevision":0`), nil)
		if resp.StatusCode != 201 {
			t.Fatalf("%d %s", resp.StatusCode, b)
		}
	})
}

func TestCommandErrors(t *testing.T) {
	env := MustOpenCommandEnv(t)
	good := registration("TAP_THE", unitKV1, "")
	send := func(t *testing.T, method, path, ct, auth string, body []byte) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest(method, env.srv.URL()+path, bytes.NewReader(body))
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, b
	}
	unitAuth := "Bearer " + env.tokens[api.RoleUnit]
	const path = "/api/v1/commands/SubmitRegistration"
	tests := []struct {
		name                   string
		method, path, ct, auth string
		body                   []byte
		status                 int
		typ                    string
		check                  func(t *testing.T, resp *http.Response, p fullProblem)
	}{
		{name: "UnknownRoute", method: "GET", path: "/api/v1/nothing", status: 404, typ: "urn:tdkt:problem:no-such-route"},
		{name: "WrongMethod", method: "GET", path: path, auth: unitAuth, status: 405, typ: "urn:tdkt:problem:method-not-allowed",
			check: func(t *testing.T, resp *http.Response, _ fullProblem) {
				if resp.Header.Get("Allow") != "POST" {
					t.Errorf("Allow = %q", resp.Header.Get("Allow"))
				}
			}},
		{name: "NoToken", method: "POST", path: path, ct: "application/json", body: good, status: 401, typ: "urn:tdkt:problem:unauthorized",
			check: func(t *testing.T, resp *http.Response, _ fullProblem) {
				if !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
					t.Errorf("WWW-Authenticate = %q", resp.Header.Get("WWW-Authenticate"))
				}
			}},
		{name: "BadToken", method: "POST", path: path, ct: "application/json", auth: "Bearer tdkt_wrong", body: good, status: 401, typ: "urn:tdkt:problem:unauthorized",
			check: func(t *testing.T, resp *http.Response, _ fullProblem) {
				if !strings.Contains(resp.Header.Get("WWW-Authenticate"), `error="invalid_token"`) {
					t.Errorf("WWW-Authenticate = %q", resp.Header.Get("WWW-Authenticate"))
				}
			}},
		{name: "NotBearer", method: "POST", path: path, ct: "application/json", auth: "Basic dXNlcjpwYXNz", body: good, status: 401, typ: "urn:tdkt:problem:unauthorized"},
		{name: "Forbidden", method: "POST", path: path, ct: "application/json", auth: "Bearer " + env.tokens[api.RoleAuditor], body: good, status: 403, typ: "urn:tdkt:problem:forbidden"},
		{name: "UnknownCommand", method: "POST", path: "/api/v1/commands/MakeEveryoneAHero", ct: "application/json", auth: unitAuth, body: good, status: 404, typ: "urn:tdkt:problem:not-found"},
		{name: "WrongContentType", method: "POST", path: path, ct: "text/plain", auth: unitAuth, body: good, status: 415, typ: "urn:tdkt:problem:unsupported-media-type"},
		{name: "NoContentType", method: "POST", path: path, auth: unitAuth, body: good, status: 415, typ: "urn:tdkt:problem:unsupported-media-type"},
		{name: "TooLarge", method: "POST", path: path, ct: "application/json", auth: unitAuth,
			body: []byte(`{"reason":"` + strings.Repeat("x", api.MaxCommandBytes) + `"}`), status: 413, typ: "urn:tdkt:problem:body-too-large"},
		{name: "MalformedJSON", method: "POST", path: path, ct: "application/json", auth: unitAuth, body: []byte(`{"year": 2024,, }`), status: 400, typ: "urn:tdkt:problem:malformed-json",
			check: func(t *testing.T, _ *http.Response, p fullProblem) {
				if p.Offset == nil || *p.Offset != 15 {
					t.Errorf("offset = %v, want 15", p.Offset)
				}
			}},
		{name: "NotAnObject", method: "POST", path: path, ct: "application/json", auth: unitAuth, body: []byte(`[1,2]`), status: 400, typ: "urn:tdkt:problem:malformed-json"},
		{name: "DuplicateMember", method: "POST", path: path, ct: "application/json", auth: unitAuth, body: []byte(`{"year":2024,"year":2025}`), status: 400, typ: "urn:tdkt:problem:malformed-json",
			check: func(t *testing.T, _ *http.Response, p fullProblem) {
				if p.Field != "year" {
					t.Errorf("field = %q", p.Field)
				}
			}},
		{name: "WrongType", method: "POST", path: path, ct: "application/json", auth: unitAuth,
			body: []byte(`{"subject":{"kind":"TAP_THE","id":"` + unitKV1 + `"},"year":"2024","targets":["TTLDTT"]}`), status: 400, typ: "urn:tdkt:problem:invalid",
			check: func(t *testing.T, _ *http.Response, p fullProblem) {
				if !strings.Contains(p.Detail, "year") {
					t.Errorf("detail %q does not name the field", p.Detail)
				}
			}},
		{name: "Invalid", method: "POST", path: "/api/v1/commands/EstablishUnit", ct: "application/json", auth: "Bearer " + env.tokens[api.RoleAdmin],
			body: []byte(`{"unitId":"not-a-uuid","name":"","level":"CAP_TINH","kind":"VIEN_KIEM_SAT"}`), status: 400, typ: "urn:tdkt:problem:invalid",
			check: func(t *testing.T, _ *http.Response, p fullProblem) {
				if len(p.Errors) < 2 {
					t.Errorf("errors = %+v, want every bad field", p.Errors)
				}
				for _, e := range p.Errors {
					if e.Field == "" || e.Detail == "" {
						t.Errorf("error item %+v lacks field or detail", e)
					}
				}
			}},
		{name: "BadExpectedRevision", method: "POST", path: path, ct: "application/json", auth: unitAuth,
			body: []byte(`{"subject":{"kind":"TAP_THE","id":"` + unitKV1 + `"},"year":2024,"targets":["TTLDTT"],"expectedRevision":-1}`), status: 400, typ: "urn:tdkt:problem:malformed-json"},
		{name: "OutOfScope", method: "POST", path: path, ct: "application/json", auth: unitAuth, body: registration("TAP_THE", unitB, ""), status: 403, typ: "urn:tdkt:problem:forbidden",
			check: func(t *testing.T, _ *http.Response, p fullProblem) {
				if p.Role != "unit" || !strings.HasPrefix(p.Permission, "SubmitRegistration: admin;") || !strings.Contains(p.Detail, unitB) {
					t.Errorf("problem = %+v", p)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := env.head(t)
			resp, b := send(t, tt.method, tt.path, tt.ct, tt.auth, tt.body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, b)
			}
			p := decodeFullProblem(t, resp, b)
			if p.Type != tt.typ {
				t.Errorf("type %q, want %q", p.Type, tt.typ)
			}
			if tt.check != nil {
				tt.check(t, resp, p)
			}
			if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("no X-Content-Type-Options")
			}
			if h := env.head(t); h != before {
				t.Errorf("the ledger grew from %d to %d on an error", before, h)
			}
		})
	}
}

func TestRuleViolationsListed(t *testing.T) {
	err := fmt.Errorf("decide: %w", errors.Join(
		&domain.Error{Code: domain.EINVALID, Message: "R11 (Luật TĐKT 2022, Điều 28 k1): chưa đủ 2 năm", Rule: "R11", Citation: "Luật TĐKT 2022, Điều 28 k1"},
		&domain.Error{Code: domain.EINVALID, Message: "year: required"},
		&domain.Error{Code: domain.EINVALID, Message: "R23 (Luật TĐKT 2022, Điều 13): đang bị xem xét", Rule: "R23", Citation: "Luật TĐKT 2022, Điều 13"},
	))
	rec := httptest.NewRecorder()
	api.Error(rec, httptest.NewRequest("POST", "/api/v1/commands/ProposeAward", nil), err)
	if rec.Code != 422 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var p fullProblem
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	if p.Type != "urn:tdkt:problem:rule-violation" || len(p.Errors) != 3 || p.Rule != "R11" {
		t.Fatalf("problem = %s", rec.Body)
	}
	if p.Errors[2].Rule != "R23" || p.Errors[2].Citation != "Luật TĐKT 2022, Điều 13" || p.Errors[1].Field != "year" {
		t.Errorf("errors = %+v", p.Errors)
	}
}
