package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"time"

	"github.com/tdkt/tdkt/api"
	"github.com/tdkt/tdkt/domain/demo"
	"github.com/tdkt/tdkt/eventstore/sqlite"
)

// demoSeed is the seed of the demo sector that tdkt demo and serve --demo
// write: always the same sector, so every newcomer sees the same figures.
const demoSeed = 2024

// demoActor identifies a demo step's recorder: one token each.
type demoActor struct{ subject, role, unit string }

// demoTokens holds the tokens of a demo load: one per recorder in the
// script (used to write it, never printed), and one per role for a person
// to try the API with (printed).
type demoTokens struct {
	records []api.TokenRecord
	byActor map[demoActor]string
	// tryRoles are the printed tokens, in the order of api roles.
	tryRoles []demoTry
}

type demoTry struct {
	role, token, scope, unit string
}

// newDemoTokens makes the tokens for steps.
func newDemoTokens(steps []demo.Step) *demoTokens {
	t := &demoTokens{byActor: map[demoActor]string{}}
	firstUnit := map[string]string{}
	for _, s := range steps {
		for _, role := range demoRoles(s.Actor.Role) {
			a := demoActor{s.Actor.Subject, role, s.Actor.Unit}
			if _, ok := t.byActor[a]; ok || (a.unit == "" && role != "admin" && role != "auditor") {
				continue
			}
			var units []string
			if a.unit != "" && role != "admin" {
				units = []string{a.unit}
			}
			plain, rec := api.GenerateToken(api.Role(a.role), a.subject, units)
			t.records = append(t.records, rec)
			t.byActor[a] = plain
		}
		if _, ok := firstUnit[s.Actor.Role]; !ok && s.Actor.Unit != "" {
			firstUnit[s.Actor.Role] = s.Actor.Unit
		}
	}
	for _, r := range []struct{ role, subject, what string }{
		{"admin", "thu-nghiem-thuong-truc", "Thường trực Hội đồng TĐKT ngành"},
		{"council", "thu-nghiem-hoi-dong", "Hội đồng TĐKT của đơn vị"},
		{"cluster", "thu-nghiem-cum-truong", "cụm trưởng"},
		{"unit", "thu-nghiem-don-vi", "văn thư đơn vị"},
		{"auditor", "thu-nghiem-kiem-toan", "kiểm toán viên (chỉ đọc)"},
	} {
		var units []string
		scope := r.what
		if u := firstUnit[r.role]; u != "" && (r.role == "council" || r.role == "cluster" || r.role == "unit") {
			units = []string{u}
			scope += ", phạm vi " + u
		}
		plain, rec := api.GenerateToken(api.Role(r.role), r.subject, units)
		t.records = append(t.records, rec)
		t.tryRoles = append(t.tryRoles, demoTry{r.role, plain, scope, firstUnit[r.role]})
	}
	return t
}

// demoRoles are the roles a demo step is tried as, in order: the role the
// script gives its recorder, then the unit's council, then the standing
// office. The script says who in the sector does each act (a provincial
// procuracy's office forms its clusters and decides its awards); the
// permission table says which token role may send the command. Where they
// differ, the step is recorded by the same person and unit under the
// narrowest role the table allows.
func demoRoles(role string) []string {
	out := []string{role}
	for _, r := range []string{"council", "admin"} {
		if r != role {
			out = append(out, r)
		}
	}
	return out
}

// print writes the tokens a person may try the API with, and a command to
// try: the unit's token registers its unit for emulation next year; the
// auditor's token, sent the same request, gets 403.
func (t *demoTokens) print(w io.Writer, baseURL string) {
	fmt.Fprintln(w, "Mã truy cập để dùng thử (mới mỗi lần chạy, chỉ dùng cho dữ liệu mẫu):")
	var unitTok, unit string
	for _, tr := range t.tryRoles {
		fmt.Fprintf(w, "  %-8s %s  (%s)\n", tr.role, tr.token, tr.scope)
		if tr.role == "unit" {
			unitTok, unit = tr.token, tr.unit
		}
	}
	if unit != "" {
		fmt.Fprintf(w, "Thử đăng ký thi đua năm 2026 cho đơn vị (với mã auditor thì bị từ chối 403):\n")
		fmt.Fprintf(w, "  curl -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' \\\n", unitTok)
		fmt.Fprintf(w, "    -d '{\"subject\":{\"kind\":\"TAP_THE\",\"id\":\"%s\"},\"year\":2026,\"targets\":[\"TTLDTT\"],\"viaUnitId\":\"%s\"}' \\\n", unit, unit)
		fmt.Fprintf(w, "    %s/api/v1/commands/SubmitRegistration\n", baseURL)
	}
}

// demoResult counts what a demo load did.
type demoResult struct {
	recorded, repeated, refused, events int
}

// loadDemo writes the demo sector through the HTTP command pipeline of the
// server at baseURL — the same path a clerk's request takes: decode,
// permission table, deciders, one append per command — each step as its
// recorder (a token per recorder), with its effective date and legal
// basis, and an Idempotency-Key derived from the seed and the step, so a
// load interrupted half-way can be run again. Steps that demonstrate a
// rule refusing a command must be refused with that rule, and write
// nothing.
func loadDemo(ctx context.Context, client *http.Client, baseURL string, steps []demo.Step, tokens *demoTokens, prog *progress) (demoResult, error) {
	var res demoResult
	for i, s := range steps {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		body, err := demoBody(s)
		if err != nil {
			return res, fmt.Errorf("demo step %d (%s): %w", i, s.CommandName(), err)
		}
		var resp *http.Response
		var rb []byte
		for _, role := range demoRoles(s.Actor.Role) {
			tok, ok := tokens.byActor[demoActor{s.Actor.Subject, role, s.Actor.Unit}]
			if !ok {
				continue
			}
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, baseURL+"/api/v1/commands/"+s.CommandName(), bytes.NewReader(body))
			if err != nil {
				return res, err
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+tok)
			req.Header.Set("Idempotency-Key", fmt.Sprintf("demo-%d-%d", demoSeed, i))
			resp, err = client.Do(req)
			if err != nil {
				return res, fmt.Errorf("demo step %d (%s): %w", i, s.CommandName(), err)
			}
			rb, err = io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				return res, err
			}
			if resp.StatusCode != http.StatusForbidden {
				break
			}
		}
		if s.Intended() {
			if resp.StatusCode < 400 || resp.StatusCode >= 500 {
				return res, fmt.Errorf("demo step %d (%s) should be refused (%s): %d %s", i, s.CommandName(), s.Expect.Why, resp.StatusCode, rb)
			}
			if s.Expect.Rule != "" && !problemNamesRule(rb, s.Expect.Rule) {
				return res, fmt.Errorf("demo step %d (%s) should be refused by %s: %d %s", i, s.CommandName(), s.Expect.Rule, resp.StatusCode, rb)
			}
			res.refused++
			continue
		}
		switch resp.StatusCode {
		case http.StatusCreated:
			var out struct {
				Events []json.RawMessage `json:"events"`
			}
			_ = json.Unmarshal(rb, &out)
			res.events += len(out.Events)
			if resp.Header.Get(api.ReplayedHeader) == "true" {
				res.repeated++
			} else {
				res.recorded++
			}
		case http.StatusOK:
			res.repeated++
		default:
			return res, fmt.Errorf("demo step %d (%s, %s): %d %s", i, s.CommandName(), s.Date, resp.StatusCode, rb)
		}
		if prog != nil && i%64 == 0 {
			prog.update(int64(i))
		}
	}
	return res, nil
}

// demoBody is the step's command JSON with its effective date and legal
// basis as envelope members.
func demoBody(s demo.Step) ([]byte, error) {
	b, err := s.Body()
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	m["effectiveDate"], _ = json.Marshal(s.Date.String())
	if s.Basis != nil {
		basis := map[string]string{"number": s.Basis.Number.String(), "issuer": s.Basis.Issuer}
		if !s.Basis.Date.IsZero() {
			basis["date"] = s.Basis.Date.String()
		}
		m["legalBasis"], _ = json.Marshal(basis)
	}
	return json.Marshal(m)
}

// problemNamesRule reports whether a problem+json body names rule, as its
// rule member or in its errors list.
func problemNamesRule(body []byte, rule string) bool {
	var p struct {
		Rule   string `json:"rule"`
		Errors []struct {
			Rule string `json:"rule"`
		} `json:"errors"`
	}
	if json.Unmarshal(body, &p) != nil {
		return false
	}
	return p.Rule == rule || slices.ContainsFunc(p.Errors, func(e struct {
		Rule string `json:"rule"`
	}) bool {
		return e.Rule == rule
	})
}

// runDemo is tdkt demo --data DIR: it writes the demo sector into an empty
// data directory through an api.Server on loopback (no projections: the
// commands need none), then closes.
func (m *Main) runDemo(ctx context.Context) error {
	steps, err := demo.Sector(demoSeed)
	if err != nil {
		return fmt.Errorf("the demo sector: %w", err)
	}
	s, err := sqlite.Open(m.Config.Store.Dir, &sqlite.Options{Logger: m.quietLogger()})
	if err != nil {
		return err
	}
	m.Store = s
	head, err := s.Head(ctx)
	if err != nil {
		return err
	}
	if head != 0 {
		return fmt.Errorf("tdkt demo writes into an empty data directory; %s holds %d events", s.Path(), head)
	}
	tokens := newDemoTokens(steps)
	t, err := api.NewTokens(tokens.records)
	if err != nil {
		return err
	}
	srv := api.NewServer()
	srv.Addr = "127.0.0.1:0"
	srv.Store = s
	srv.Tokens = t
	srv.Logger = m.quietLogger()
	if err := srv.Open(); err != nil {
		return err
	}
	// Not m.HTTPServer: Exec would wait for a signal, as for serve.
	defer srv.Close()
	start := time.Now()
	prog := newProgress(m.Stderr, "demo", int64(len(steps)))
	res, err := loadDemo(ctx, &http.Client{Timeout: time.Minute}, srv.URL(), steps, tokens, prog)
	prog.done()
	if err != nil {
		return err
	}
	head, _ = s.Head(ctx)
	fmt.Fprintf(m.Stdout, "đã ghi ngành mẫu vào %s: %d lệnh, %d sự kiện (%d lệnh bị từ chối đúng quy tắc để minh họa), %.1f s\n",
		s.Path(), res.recorded+res.repeated, head, res.refused, time.Since(start).Seconds())
	fmt.Fprintf(m.Stdout, "demo sector written: %d commands, %d events, %d intended refusals\n", res.recorded+res.repeated, head, res.refused)
	return nil
}
