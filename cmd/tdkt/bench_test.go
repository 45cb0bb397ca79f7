package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBenchSmall runs tdkt bench on the small profile end to end — every
// step but PostgreSQL (no DSN: a reported gap), with serve run as this test
// binary — and checks the report and the rendered document. It takes a few
// seconds; timed assertions are never made.
func TestBenchSmall(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "bench.json")
	tmpl := filepath.Join(dir, "tmpl.md")
	doc := filepath.Join(dir, "BENCHMARKS.md")
	if err := os.WriteFile(tmpl, []byte("# Benchmarks {{.Date}}\n\n{{.R.Machine.CPU}}\n\n{{.Targets}}\n\n{{.Figures}}\n\n{{.Ratios}}\n\n{{.Gaps}}\n\n{{.Profiles}}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr strings.Builder
	m := &Main{Stdout: &stdout, Stderr: &stderr, Config: DefaultConfig()}
	args := []string{"bench", "--profile", "small", "--runs", "1", "--duration", "150ms", "--data", filepath.Join(dir, "work"),
		"--out", out, "--doc", doc, "--template", tmpl, "--cpuprofile-dir", filepath.Join(dir, "profiles")}
	if err := m.ParseFlags(t.Context(), args); err != nil {
		t.Fatal(err)
	}
	m.Config.Bench.BinaryEnv = []string{childEnv + "=main"}
	t0 := time.Now()
	if err := m.Run(t.Context()); err != nil {
		t.Fatalf("bench: %v\n%s", err, stderr.String())
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("bench --profile small took %s", time.Since(t0).Round(time.Millisecond))

	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var r benchReport
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	if r.LedgerEvents < 1500 {
		t.Errorf("ledger has %d events, want the small sector's few thousand", r.LedgerEvents)
	}
	have := map[string]bool{}
	for _, f := range r.Figures {
		have[f.Key] = true
		if f.Median <= 0 && !strings.HasSuffix(f.Key, ".errors") {
			t.Errorf("%s: median %v", f.Key, f.Median)
		}
	}
	for _, k := range []string{"generate", "load", "export", "import", "verify.data", "verify.export", "replay", "projections",
		"readstream.p99", "asof.median", "durable.sqlite.w16", "durable.file.w16", "bulk.sqlite", "bulk.file", "serve.ready", "serve.rss"} {
		if !have[k] {
			t.Errorf("no figure %s", k)
		}
	}
	if len(r.Targets) < 12 {
		t.Errorf("%d targets, want every one the issues name", len(r.Targets))
	}
	gaps := map[string]bool{}
	for _, g := range r.Gaps {
		gaps[g.Step] = true
	}
	if !gaps["postgres"] {
		t.Error("no PostgreSQL DSN but no gap reported")
	}
	for _, f := range r.Figures {
		if strings.HasSuffix(f.Key, ".errors") && f.Median > 0 {
			t.Errorf("%s: %v failed requests", f.Key, f.Median)
		}
	}
	md, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| issue | what |", "tdkt verify --data", "durable append, 16 writers", "postgres"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("document lacks %q", want)
		}
	}
}

// TestBenchFlags: bad flags are usage errors.
func TestBenchFlags(t *testing.T) {
	for _, args := range [][]string{
		{"bench", "--profile", "galactic"},
		{"bench", "--runs", "0"},
		{"bench", "--skip", "everything"},
		{"bench", "--doc", "x.md"},
	} {
		m := &Main{Stdout: &strings.Builder{}, Stderr: &strings.Builder{}, Config: DefaultConfig()}
		if err := m.ParseFlags(t.Context(), args); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}
