package main

import (
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tdkt/tdkt/eventstore/kurrent/kurrenttest"
	"golang.org/x/text/unicode/norm"
)

// TestDemo writes the demo sector through the HTTP command pipeline into
// an empty data directory: every step accepted as its recorder (or refused
// with its rule, for the intended refusals), the ledger verifies, a second
// run is refused, and the standings and the report read it.
func TestDemo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	code, out, errs := execMain(t.Context(), "demo", "--data", dir)
	if code != 0 || !strings.Contains(out, "demo sector written: 993 commands, 993 events, 11 intended refusals") {
		t.Fatalf("tdkt demo: exit %d\n%s\n%s", code, out, errs)
	}
	if code, out, errs := execMain(t.Context(), "verify", "--data", dir); code != 0 || !strings.Contains(out, "sổ cái hợp lệ: 993 sự kiện") {
		t.Fatalf("verify: %d\n%s\n%s", code, out, errs)
	}
	if code, _, errs := execMain(t.Context(), "demo", "--data", dir); code != 1 || !strings.Contains(errs, "empty data directory") {
		t.Fatalf("a second demo into the same directory: %d %s", code, errs)
	}
	code, out, errs = execMain(t.Context(), "standings", "--data", dir, "--year", "2024")
	if code != 0 || !strings.Contains(out, "BẢNG XẾP HẠNG THI ĐUA NĂM 2024") || !strings.Contains(out, "Viện kiểm sát nhân dân cấp cao tại Thành phố Hồ Chí Minh") {
		t.Fatalf("standings of the demo: %d\n%s\n%s", code, out, errs)
	}
	code, out, errs = execMain(t.Context(), "report", "reorganization", "--data", dir, "--year", "2025", "--format", "csv")
	if code != 0 || !strings.Contains(out, "Viện kiểm sát nhân dân tỉnh An Giang") {
		t.Fatalf("report of the demo: %d\n%.500s\n%s", code, out, errs)
	}
}

// TestServeDemo is issue 6's "done when": serve --demo loads the demo
// sector, prints a token per role; the 2024 standings page and the 2025
// reorganization report show the demo; the unit token registers for
// emulation and the auditor token, sending the same request, is refused.
func TestServeDemo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	m, stdout, _ := MustRunMain(t, "serve", "--demo", "--addr", "127.0.0.1:0", "--data", dir)
	u := m.HTTPServer.URL()
	out := stdout.String()
	token := func(role string) string {
		for _, l := range strings.Split(out, "\n") {
			if f := strings.Fields(l); len(f) >= 2 && f[0] == role && strings.HasPrefix(f[1], "tdkt_") {
				return f[1]
			}
		}
		t.Fatalf("no %s token printed:\n%s", role, out)
		return ""
	}
	if !strings.Contains(out, "đã nạp ngành mẫu: 993 lệnh, 993 sự kiện") {
		t.Fatalf("serve --demo did not load the demo:\n%s", out)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		if code, _ := httpGet(t, u+"/readyz"); code == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("not ready 20 s after loading the demo")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if code, page := httpGet(t, u+"/bang-xep-hang?nam=2024"); code != 200 || !strings.Contains(page, "Viện kiểm sát nhân dân cấp cao tại Thành phố Hồ Chí Minh") {
		t.Fatalf("standings page: %d\n%.400s", code, page)
	}
	if code, page := httpGet(t, u+"/bao-cao-to-chuc-lai?nam=2025"); code != 200 || !strings.Contains(page, "Viện kiểm sát nhân dân tỉnh An Giang") {
		t.Fatalf("report page: %d\n%.400s", code, page)
	}
	demoReconstructions(t, u, token("auditor"))
	// The printed curl: the unit registers; the auditor may not.
	var unit string
	for _, l := range strings.Split(out, "\n") {
		if i := strings.Index(l, `"viaUnitId":"`); i >= 0 {
			unit = l[i+len(`"viaUnitId":"`) : i+len(`"viaUnitId":"`)+36]
		}
	}
	body := `{"subject":{"kind":"TAP_THE","id":"` + unit + `"},"year":2026,"targets":["TTLDTT"],"viaUnitId":"` + unit + `"}`
	post := func(tok string) int {
		req, _ := http.NewRequest("POST", u+"/api/v1/commands/SubmitRegistration", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post(token("auditor")); code != http.StatusForbidden {
		t.Fatalf("auditor registering: %d, want 403", code)
	}
	if code := post(token("unit")); code != http.StatusCreated {
		t.Fatalf("unit registering: %d, want 201", code)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	// A restart on the same directory does not load the demo twice.
	_, stdout2, _ := MustRunMain(t, "serve", "--demo", "--addr", "127.0.0.1:0", "--data", dir)
	if strings.Contains(stdout2.String(), "đã nạp ngành mẫu") || !strings.Contains(stdout2.String(), "994 sự kiện") {
		t.Fatalf("restart of serve --demo:\n%s", stdout2)
	}
}

// TestServeDemoKurrent is issue 7's "done when": tdkt serve --store
// esdb://… on the protocol test double serves the demo sector end to end —
// commands (the whole demo goes through the command pipeline), standings,
// and verify --store.
func TestServeDemoKurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	db := kurrenttest.Start(t)
	dir := t.TempDir()
	m, stdout, _ := MustRunMain(t, "serve", "--demo", "--addr", "127.0.0.1:0", "--data", dir, "--store", db.URL())
	if !strings.Contains(stdout.String(), "đã nạp ngành mẫu: 993 lệnh, 993 sự kiện") {
		t.Fatalf("serve --demo on KurrentDB:\n%s", stdout)
	}
	u := m.HTTPServer.URL()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if code, _ := httpGet(t, u+"/readyz"); code == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("not ready 30 s after loading the demo on KurrentDB")
		}
		time.Sleep(20 * time.Millisecond)
	}
	code, body := httpGet(t, u+"/api/v1/standings?year=2024")
	if code != 200 || !strings.Contains(body, "Viện kiểm sát nhân dân cấp cao tại Thành phố Hồ Chí Minh") {
		t.Fatalf("standings on KurrentDB: %d %.300s", code, body)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	code, out, errs := execMain(t.Context(), "verify", "--store", db.URL())
	if code != 0 || !strings.Contains(out, "ledger on KurrentDB verified: 993 events") {
		t.Fatalf("verify --store: %d\n%s\n%s", code, out, errs)
	}
}

// demoReconstructions checks, on the demo sector served at u, that a real
// 2024 acclamation (a cluster's leader in the standings) and every 2025
// reorganization plan decision are reconstructed, rule by rule with a
// citation each, and that an unknown plan is a 404 problem.
func demoReconstructions(t *testing.T, u, token string) {
	t.Helper()
	get := func(path string, v any) int {
		t.Helper()
		req, _ := http.NewRequest("GET", u+path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode == 200 && v != nil {
			if err := json.Unmarshal(body, v); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
		} else if resp.StatusCode != 200 && resp.Header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s: %d with %s", path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		return resp.StatusCode
	}
	type rule struct {
		ID       string `json:"id"`
		Citation string `json:"citation"`
		Passed   bool   `json:"passed"`
		Detail   string `json:"detail"`
	}
	var st struct {
		Clusters []struct {
			Cluster struct{ ID string }  `json:"cluster"`
			Leader  *struct{ ID string } `json:"leader"`
		} `json:"clusters"`
	}
	if code := get("/api/v1/standings?year=2024", &st); code != 200 {
		t.Fatalf("standings: %d", code)
	}
	acclaims := 0
	for _, c := range st.Clusters {
		if c.Leader == nil {
			continue
		}
		acclaims++
		var rc struct {
			LeadingUnit struct{ ID string } `json:"leadingUnit"`
			SeenEvents  uint64              `json:"seenEvents"`
			Decision    struct {
				Seq uint64 `json:"seq"`
			} `json:"decision"`
			Then struct {
				LeaderRank int    `json:"leaderRank"`
				Rules      []rule `json:"rules"`
			} `json:"then"`
			Now struct {
				Rules []rule `json:"rules"`
			} `json:"now"`
		}
		path := "/api/v1/clusters/" + c.Cluster.ID + "/acclaims/2024/reconstruction"
		if code := get(path, &rc); code != 200 {
			t.Fatalf("%s: %d", path, code)
		}
		if rc.LeadingUnit.ID != c.Leader.ID || rc.SeenEvents == 0 || rc.SeenEvents > rc.Decision.Seq || len(rc.Now.Rules) < 4 {
			t.Errorf("%s: %+v", path, rc)
		}
		for _, r := range append(rc.Then.Rules, rc.Now.Rules...) {
			if r.Citation == "" || r.Detail == "" || !norm.NFC.IsNormalString(r.Detail) {
				t.Errorf("%s: rule %+v", path, r)
			}
		}
	}
	if acclaims == 0 {
		t.Fatal("no acclaimed leader in the demo's 2024 standings")
	}
	var rep struct {
		Plans []struct {
			ID       string `json:"id"`
			Decision *struct{ Decision string }
		} `json:"plans"`
	}
	if code := get("/api/v1/reports/reorganization?year=2025", &rep); code != 200 {
		t.Fatalf("report: %d", code)
	}
	plans := 0
	for _, p := range rep.Plans {
		if p.Decision == nil {
			continue
		}
		plans++
		var pc struct {
			PlanID   string `json:"planId"`
			Proposed []struct {
				Members []struct{ ID string }
			} `json:"proposed"`
			Now struct {
				Rules []rule `json:"rules"`
			} `json:"now"`
		}
		path := "/api/v1/reorganization-plans/" + p.ID + "/reconstruction"
		if code := get(path, &pc); code != 200 {
			t.Fatalf("%s: %d", path, code)
		}
		if pc.PlanID != p.ID || len(pc.Proposed) == 0 || len(pc.Proposed[0].Members) == 0 || len(pc.Now.Rules) != 3 {
			t.Errorf("%s: %+v", path, pc)
		}
		for _, r := range pc.Now.Rules {
			if r.Citation == "" || !norm.NFC.IsNormalString(r.Detail) {
				t.Errorf("%s: rule %+v", path, r)
			}
		}
	}
	if plans == 0 {
		t.Fatal("no decided plan in the demo's 2025 report")
	}
	if code := get("/api/v1/reorganization-plans/00000000-0000-0000-0000-000000000000/reconstruction", nil); code != 404 {
		t.Errorf("unknown plan: %d, want 404", code)
	}
}
