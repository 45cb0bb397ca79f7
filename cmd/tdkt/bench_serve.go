package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/google/uuid"

	"github.com/tdkt/tdkt/api"
)

// httpLoad is one HTTP load tdkt bench puts on serve.
type httpLoad struct {
	key, name string
	// rate is the paced request rate (requests/s); 0 means a closed loop
	// of conns connections, each sending its next request when the last
	// one is answered.
	rate  int
	conns int
	// route must appear in /openapi.json for the load to run.
	route string
	req   func(b *bench, base string, i int) (*http.Request, error)
}

var httpLoads = []httpLoad{
	{key: "http.standings", name: "GET /api/v1/standings?year=Y (16 connections)", conns: 16, route: "/api/v1/standings",
		req: func(b *bench, base string, i int) (*http.Request, error) {
			y := b.years[len(b.years)-1-i%min(3, len(b.years))]
			return http.NewRequest("GET", fmt.Sprintf("%s/api/v1/standings?year=%d", base, y), nil)
		}},
	{key: "http.events", name: "GET /api/v1/events?from=N&limit=10 (export lines; 16 connections)", conns: 16, route: "/api/v1/events",
		req: func(b *bench, base string, i int) (*http.Request, error) {
			from := uint64(i*7919) % uint64(max(1, b.report.LedgerEvents-10))
			return http.NewRequest("GET", fmt.Sprintf("%s/api/v1/events?from=%d&limit=10", base, from), nil)
		}},
	{key: "http.command", name: "POST /api/v1/commands/RecruitPerson, durable (16 connections)", conns: 16, route: "/api/v1/commands/",
		req: commandRequest},
	{key: "http.command200", name: "POST /api/v1/commands/RecruitPerson, durable, paced at 200 req/s", rate: 200, route: "/api/v1/commands/",
		req: commandRequest},
}

func commandRequest(b *bench, base string, i int) (*http.Request, error) {
	body, _ := json.Marshal(map[string]string{
		"personId": uuid.Must(uuid.NewRandom()).String(), "fullName": "Nguyễn Thị Thử Tải", "unitId": b.units[1+i%(len(b.units)-1)], "positionTitle": "Chuyên viên",
	})
	r, err := http.NewRequest("POST", base+"/api/v1/commands/RecruitPerson", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	r.Header.Set("Content-Type", "application/json")
	return r, nil
}

// benchServe starts tdkt serve on the ledger (a child process), measures
// the time to /readyz and its memory, and puts the HTTP loads on it.
func (b *bench) benchServe() error {
	if err := b.haveLedger("serve"); err != nil {
		return err
	}
	bin := b.cfg.Binary
	if bin == "" {
		exe, err := os.Executable()
		if err != nil {
			return err
		}
		bin = exe
	}
	token, rec := api.GenerateToken(api.RoleAdmin, "bench-admin", nil)
	tokFile := filepath.Join(b.dir, "bench-tokens.json")
	data, _ := json.Marshal([]api.TokenRecord{rec})
	if err := os.WriteFile(tokFile, data, 0o600); err != nil {
		return err
	}
	routesChecked := false
	return b.runs("serve", func(run int) error {
		args := []string{"serve", "--addr", "127.0.0.1:0", "--data", b.ledger, "--tokens", tokFile, "--public-standings", "--check", "quick"}
		cmd := exec.CommandContext(b.ctx, bin, args...)
		cmd.Env = append(os.Environ(), b.cfg.BinaryEnv...)
		profile := ""
		if b.cfg.CPUProfileDir != "" && run == b.cfg.Runs-1 {
			profile = filepath.Join(b.cfg.CPUProfileDir, "serve-http.pprof")
			cmd.Env = append(cmd.Env, "TDKT_CPUPROFILE="+profile)
		}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			return err
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		t0 := time.Now()
		if err := cmd.Start(); err != nil {
			return err
		}
		stopped := false
		stop := func() error {
			if stopped {
				return nil
			}
			stopped = true
			cmd.Process.Signal(syscall.SIGINT)
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				return err
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				<-done
				return fmt.Errorf("serve did not stop within 30s of SIGINT")
			}
		}
		defer stop()
		base, err := readServeURL(stdout)
		if err != nil {
			return fmt.Errorf("serve: %w\n%s", err, stderr.String())
		}
		go io.Copy(io.Discard, stdout)
		if err := waitReady(b.ctx, base, 5*time.Minute); err != nil {
			return fmt.Errorf("serve: %w\n%s", err, lastLines(stderr.String(), 10))
		}
		b.put("serve.ready", time.Since(t0).Seconds())
		pid := cmd.Process.Pid
		if pm, err := procMemory(pid); err == nil {
			b.put("serve.rss", pm.rss)
		}
		if b.skipped("http") {
			if run == 0 {
				b.gap("http", "skipped (--skip http)")
			}
		} else {
			doc := fetchOpenAPI(base)
			for _, l := range httpLoads {
				if !strings.Contains(doc, `"`+l.route) {
					if !routesChecked {
						b.gap(l.key, fmt.Sprintf("%s: this build of serve has no %s route (not in /openapi.json), so there is nothing to load", l.name, l.route))
					}
					continue
				}
				if err := b.httpLoad(base, token, l); err != nil {
					return fmt.Errorf("%s: %w", l.name, err)
				}
			}
			routesChecked = true
		}
		if pm, err := procMemory(pid); err == nil {
			b.put("serve.rss.after", pm.rss)
			b.put("serve.hwm", pm.hwm)
			b.put("serve.rss.anon", pm.anon)
			b.put("serve.rss.file", pm.file)
		}
		if err := stop(); err != nil {
			return fmt.Errorf("serve: %w\n%s", err, lastLines(stderr.String(), 10))
		}
		if profile != "" {
			b.report.Profiles = append(b.report.Profiles, benchProfile{Step: "serve-http", File: profile})
		}
		return nil
	})
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// readServeURL reads serve's start-up line ("tdkt đang phục vụ tại URL
// (…") and returns the URL.
func readServeURL(r io.Reader) (string, error) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.Index(line, "http://"); i >= 0 {
			return strings.Fields(line[i:])[0], nil
		}
	}
	return "", fmt.Errorf("serve exited without printing its address")
}

func waitReady(ctx context.Context, base string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	c := &http.Client{Timeout: 2 * time.Second}
	for time.Now().Before(deadline) {
		if err := ctx.Err(); err != nil {
			return err
		}
		resp, err := c.Get(base + "/readyz")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	return fmt.Errorf("/readyz not 200 within %s", limit)
}

func fetchOpenAPI(base string) string {
	resp, err := http.Get(base + "/openapi.json")
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// procMem is a process's memory from /proc/PID/status, in MiB: VmRSS
// (resident), VmHWM (its peak), and the resident split into anonymous
// memory (the Go heap, stacks) and file pages (the ledger's SQLite file,
// which the store maps — page cache the kernel can take back).
type procMem struct{ rss, hwm, anon, file float64 }

// procMemory returns a process's memory.
func procMemory(pid int) (procMem, error) {
	var m procMem
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return m, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		kb, perr := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
		if perr != nil {
			continue
		}
		switch k {
		case "VmRSS":
			m.rss = kb / 1024
		case "VmHWM":
			m.hwm = kb / 1024
		case "RssAnon":
			m.anon = kb / 1024
		case "RssFile":
			m.file = kb / 1024
		}
	}
	return m, nil
}

// httpLoad runs one load for the bench's duration and records throughput
// and latency percentiles.
func (b *bench) httpLoad(base, token string, l httpLoad) error {
	conns := l.conns
	if l.rate > 0 {
		conns = 64 // enough to keep the pace when a request is slow
	}
	tr := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, IdleConnTimeout: time.Minute}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	var mu sync.Mutex
	var lat []time.Duration
	var errs int
	var firstErr string
	var seq int64
	var seqMu sync.Mutex
	next := func() int {
		seqMu.Lock()
		defer seqMu.Unlock()
		seq++
		return int(seq)
	}
	one := func(i int) {
		req, err := l.req(b, base, i)
		if err != nil {
			return
		}
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		t0 := time.Now()
		resp, err := client.Do(req)
		ok := false
		status := 0
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			status = resp.StatusCode
			ok = status >= 200 && status < 300
		}
		d := time.Since(t0)
		mu.Lock()
		lat = append(lat, d)
		if !ok {
			errs++
			if firstErr == "" {
				if err != nil {
					firstErr = err.Error()
				} else {
					firstErr = "HTTP " + strconv.Itoa(status)
				}
			}
		}
		mu.Unlock()
	}
	start := time.Now()
	end := start.Add(b.dur)
	var wg sync.WaitGroup
	if l.rate == 0 {
		for range conns {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for time.Now().Before(end) && b.ctx.Err() == nil {
					one(next())
				}
			}()
		}
	} else {
		sem := make(chan struct{}, conns)
		interval := time.Second / time.Duration(l.rate)
		for i := 0; b.ctx.Err() == nil; i++ {
			at := start.Add(time.Duration(i) * interval)
			if !at.Before(end) {
				break
			}
			time.Sleep(time.Until(at))
			sem <- struct{}{}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				one(i)
			}()
		}
	}
	wg.Wait()
	el := time.Since(start)
	b.put(l.key+".rps", float64(len(lat)-errs)/el.Seconds())
	b.put(l.key+".errors", float64(errs))
	b.putLatencies(l.key, lat)
	b.note("%s: %d requests in %s, %d failed%s", l.name, len(lat), el.Round(time.Millisecond), errs, map[bool]string{true: " (first: " + firstErr + ")", false: ""}[errs > 0])
	return nil
}

// benchDemo measures the most-read route on the demo ledger (issue 5's
// "current standings on the demo ledger" and issue 6's standings targets):
// tdkt serve --demo on an empty directory, then the standings load.
func (b *bench) benchDemo() error {
	bin := b.cfg.Binary
	if bin == "" {
		exe, err := os.Executable()
		if err != nil {
			return err
		}
		bin = exe
	}
	return b.runs("demo", func(run int) error {
		dir := filepath.Join(b.dir, fmt.Sprintf("demo-%d", run))
		cmd := exec.CommandContext(b.ctx, bin, "serve", "--demo", "--addr", "127.0.0.1:0", "--data", dir)
		cmd.Env = append(os.Environ(), b.cfg.BinaryEnv...)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			return err
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			return err
		}
		defer func() {
			cmd.Process.Signal(syscall.SIGINT)
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				<-done
			}
		}()
		base, err := readServeURL(stdout)
		if err != nil {
			return fmt.Errorf("serve --demo: %w\n%s", err, stderr.String())
		}
		go io.Copy(io.Discard, stdout)
		if err := waitReady(b.ctx, base, 2*time.Minute); err != nil {
			return fmt.Errorf("serve --demo: %w\n%s", err, lastLines(stderr.String(), 10))
		}
		return b.httpLoad(base, "", demoStandingsLoad)
	})
}

// demoStandingsLoad is the standings load on the demo ledger.
var demoStandingsLoad = httpLoad{key: "http.demo.standings", name: "GET /api/v1/standings?year=2024 on the demo ledger (16 connections)",
	conns: 16, route: "/api/v1/standings", req: func(b *bench, base string, i int) (*http.Request, error) {
		return http.NewRequest("GET", base+"/api/v1/standings?year=2024", nil)
	}}
