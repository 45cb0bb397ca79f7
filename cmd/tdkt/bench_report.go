package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"time"
)

// benchReport is everything tdkt bench measured (--out writes it as JSON;
// --doc renders it).
type benchReport struct {
	Machine      benchMachine   `json:"machine"`
	Profile      string         `json:"profile"`
	Seed         uint64         `json:"seed"`
	Runs         int            `json:"runs"`
	Duration     string         `json:"duration"` // of each timed load
	Command      string         `json:"command"`
	Started      time.Time      `json:"started"`
	Finished     time.Time      `json:"finished"`
	Elapsed      string         `json:"elapsed"`
	LoadBefore   string         `json:"loadBefore"`
	LoadAfter    string         `json:"loadAfter"`
	Events       int64          `json:"events"`       // generated
	LedgerEvents int64          `json:"ledgerEvents"` // in the loaded ledger
	LedgerBytes  int64          `json:"ledgerBytes"`
	ExportBytes  int64          `json:"exportBytes"`
	Postgres     string         `json:"postgres,omitempty"` // server version
	Figures      []benchFigure  `json:"figures"`
	Ratios       []benchRatio   `json:"ratios"`
	Targets      []benchTarget  `json:"targets"`
	Gaps         []benchGap     `json:"gaps"`
	Profiles     []benchProfile `json:"profiles"`
	Notes        []string       `json:"notes"`
}

type benchMachine struct {
	CPU    string `json:"cpu"`
	Cores  int    `json:"cores"`
	Memory string `json:"memory"`
	Kernel string `json:"kernel"`
	Go     string `json:"go"`
	OS     string `json:"os"`
}

type benchGap struct {
	Step string `json:"step"`
	Why  string `json:"why"`
}

type benchProfile struct {
	Step string `json:"step"`
	File string `json:"file"`
}

// benchFigure is one measured quantity over the runs.
type benchFigure struct {
	Key    string    `json:"key"`
	Group  string    `json:"group"`
	Name   string    `json:"name"`
	Unit   string    `json:"unit"`
	Runs   []float64 `json:"runs"`
	Min    float64   `json:"min"`
	Median float64   `json:"median"`
	Max    float64   `json:"max"`
}

type benchRatio struct {
	Name     string  `json:"name"`
	Key      string  `json:"key"`
	Baseline string  `json:"baseline"`
	Ratio    float64 `json:"ratio"` // medians
}

type benchTarget struct {
	Issue    int     `json:"issue"`
	What     string  `json:"what"`
	Target   string  `json:"target"`
	Measured string  `json:"measured"`
	Value    float64 `json:"value"`
	Result   string  `json:"result"` // "met", "missed", "not measured"
	Why      string  `json:"why,omitempty"`
	Profile  string  `json:"profile,omitempty"`
}

type figureMeta struct{ group, name, unit string }

// benchFigures names every figure, in the order of the tables.
var benchFigures = []struct {
	key string
	figureMeta
}{
	{"generate", figureMeta{"sector", "generate the sector (synth, domain.Encode)", "events/s"}},
	{"load", figureMeta{"sector", "load the sector through Store.Append (32 clerks, expected revisions, group commit)", "events/s"}},
	{"export", figureMeta{"sector", "tdkt export (export lines to a file)", "events/s"}},
	{"import", figureMeta{"sector", "tdkt import (verify pass, then Store.Import in one transaction)", "events/s"}},
	{"pg.load", figureMeta{"sector", "PostgreSQL: load the ledger with COPY, 10,000 rows per transaction", "events/s"}},
	{"verify.data", figureMeta{"verify", "tdkt verify --data", "leaves/s"}},
	{"verify.export", figureMeta{"verify", "tdkt verify --export", "leaves/s"}},
	{"replay", figureMeta{"read", "full replay, ReadAll (envelopes, no data decoding)", "events/s"}},
	{"pg.replay", figureMeta{"read", "PostgreSQL: SELECT every row ORDER BY seq", "events/s"}},
	{"projections", figureMeta{"read", "replay with every projection rebuilt (RunToEnd)", "events/s"}},
	{"projections.heap", figureMeta{"read", "heap held by every projection after the rebuild", "MiB"}},
	{"projections.state", figureMeta{"read", "their saved states (JSON, what serve decodes at start-up)", "MiB"}},
	{"readstream.p50", figureMeta{"read", "ReadStream of a sampled stream, p50", "ms"}},
	{"readstream.p99", figureMeta{"read", "ReadStream of a sampled stream, p99", "ms"}},
	{"readstream.p999", figureMeta{"read", "ReadStream of a sampled stream, p99.9", "ms"}},
	{"asof.median", figureMeta{"read", "sector standings as of an earlier seq (the live model filtered by seq), median of 3", "ms"}},
	{"asof.latest", figureMeta{"read", "sector standings, latest (live model)", "ms"}},
	{"durable.sqlite.w1", figureMeta{"write", "durable append, 1 writer, 1 event each: SQLite store", "events/s"}},
	{"durable.file.w1", figureMeta{"write", "durable append, 1 writer: plain file", "events/s"}},
	{"durable.pg.w1", figureMeta{"write", "durable append, 1 writer: PostgreSQL", "events/s"}},
	{"durable.sqlite.w16", figureMeta{"write", "durable append, 16 writers, 1 event each: SQLite store", "events/s"}},
	{"durable.file.w16", figureMeta{"write", "durable append, 16 writers: plain file", "events/s"}},
	{"durable.pg.w16", figureMeta{"write", "durable append, 16 writers: PostgreSQL", "events/s"}},
	{"bulk.sqlite", figureMeta{"write", "bulk append, batches of 1,000: SQLite store", "events/s"}},
	{"bulk.file", figureMeta{"write", "bulk append, batches of 1,000: plain file", "events/s"}},
	{"bulk.pg", figureMeta{"write", "bulk append, batches of 1,000: PostgreSQL (COPY)", "events/s"}},
	{"serve.ready", figureMeta{"serve", "tdkt serve: start to /readyz 200", "s"}},
	{"serve.rss", figureMeta{"serve", "tdkt serve: resident memory (VmRSS) when ready", "MiB"}},
	{"serve.rss.after", figureMeta{"serve", "tdkt serve: resident memory after the HTTP loads", "MiB"}},
	{"serve.hwm", figureMeta{"serve", "tdkt serve: peak resident memory (VmHWM) after the loads", "MiB"}},
	{"serve.rss.anon", figureMeta{"serve", "tdkt serve: of which anonymous (RssAnon: Go heap, stacks) after the loads", "MiB"}},
	{"serve.rss.file", figureMeta{"serve", "tdkt serve: of which file pages (RssFile: the mapped ledger file) after the loads", "MiB"}},
}

func init() {
	for _, q := range append(slices.Clone(httpLoads), demoStandingsLoad) {
		for _, f := range []struct{ suffix, name, unit string }{
			{".rps", "throughput", "req/s"}, {".p50", "p50", "ms"}, {".p99", "p99", "ms"}, {".p999", "p99.9", "ms"}, {".errors", "non-2xx or failed", "count"},
		} {
			benchFigures = append(benchFigures, struct {
				key string
				figureMeta
			}{q.key + f.suffix, figureMeta{"http", q.name + ": " + f.name, f.unit}})
		}
	}
}

func (b *bench) figures() []benchFigure {
	var out []benchFigure
	for _, f := range benchFigures {
		runs := b.values[f.key]
		if len(runs) == 0 {
			continue
		}
		s := slices.Clone(runs)
		slices.Sort(s)
		med := s[len(s)/2]
		if len(s)%2 == 0 {
			med = (s[len(s)/2-1] + s[len(s)/2]) / 2
		}
		out = append(out, benchFigure{Key: f.key, Group: f.group, Name: f.name, Unit: f.unit, Runs: runs, Min: s[0], Median: med, Max: s[len(s)-1]})
	}
	return out
}

func (b *bench) median(key string) (float64, bool) {
	for _, f := range b.report.Figures {
		if f.Key == key {
			return f.Median, true
		}
	}
	return 0, false
}

func (b *bench) ratios() []benchRatio {
	pairs := []struct{ name, key, base, baseName string }{
		{"durable append, 1 writer", "durable.sqlite.w1", "durable.file.w1", "plain file"},
		{"durable append, 1 writer", "durable.sqlite.w1", "durable.pg.w1", "PostgreSQL"},
		{"durable append, 16 writers", "durable.sqlite.w16", "durable.file.w16", "plain file"},
		{"durable append, 16 writers", "durable.sqlite.w16", "durable.pg.w16", "PostgreSQL"},
		{"bulk append, batches of 1,000", "bulk.sqlite", "bulk.file", "plain file"},
		{"bulk append, batches of 1,000", "bulk.sqlite", "bulk.pg", "PostgreSQL"},
		{"load the whole sector (tdkt import vs COPY)", "import", "pg.load", "PostgreSQL"},
		{"full replay", "replay", "pg.replay", "PostgreSQL"},
	}
	b.report.Figures = b.figures()
	var out []benchRatio
	for _, p := range pairs {
		v, ok1 := b.median(p.key)
		base, ok2 := b.median(p.base)
		if !ok1 || !ok2 || base == 0 {
			continue
		}
		out = append(out, benchRatio{Name: p.name, Key: p.key, Baseline: p.baseName, Ratio: v / base})
	}
	return out
}

// targets are the speed targets the issues name, checked against the
// medians.
func (b *bench) targets() []benchTarget {
	type tgt struct {
		issue     int
		what, key string
		atLeast   bool
		limit     float64
		target    string
		profile   string
		ratioTo   string // key of a baseline: the target is on the ratio
	}
	list := []tgt{
		{2, "durable append, 16 concurrent writers", "durable.sqlite.w16", true, 10_000, "≥ 10,000 events/s", "durable-w16", ""},
		{2, "durable append, 16 writers, × plain file", "durable.sqlite.w16", true, 0.50, "≥ 0.50 × plain file", "durable-w16", "durable.file.w16"},
		{2, "bulk append, batches of 1,000", "bulk.sqlite", true, 30_000, "≥ 30,000 events/s", "bulk", ""},
		{2, "full replay (ReadAll)", "replay", true, 400_000, "≥ 400,000 events/s", "replay", ""},
		{2, "ReadStream p99", "readstream.p99", false, 2, "< 2 ms", "readstream", ""},
		{4, "tdkt verify --data", "verify.data", true, 350_000, "≥ 350,000 leaves/s", "verify-data", ""},
		{4, "tdkt verify --export", "verify.export", true, 1_000_000, "≥ 1,000,000 leaves/s", "verify-export", ""},
		{5, "rebuild of every projection from zero", "projections", true, 150_000, "≥ 150,000 events/s", "projections", ""},
		{5, "sector standings as of an earlier seq (1M-event ledger), median", "asof.median", false, 200, "< 200 ms", "asof", ""},
		{5, "current standings on the demo ledger, p99", "http.demo.standings.p99", false, 5, "< 5 ms", "", ""},
		{6, "GET /api/v1/standings throughput", "http.standings.rps", true, 5_000, "≥ 5,000 req/s", "serve-http", ""},
		{6, "GET /api/v1/standings p99", "http.standings.p99", false, 10, "< 10 ms", "serve-http", ""},
		{6, "command round trip (durable) p99 at 200 req/s", "http.command200.p99", false, 20, "< 20 ms", "serve-http", ""},
		{9, "tdkt serve resident memory, national ledger", "serve.rss.after", false, 1024, "< 1 GiB", "projections-heap", ""},
		{9, "tdkt serve start to /readyz", "serve.ready", false, 5, "< 5 s", "", ""},
	}
	unitOf := map[string]string{}
	for _, f := range benchFigures {
		unitOf[f.key] = f.unit
	}
	var out []benchTarget
	for _, t := range list {
		bt := benchTarget{Issue: t.issue, What: t.what, Target: t.target}
		v, ok := b.median(t.key)
		if ok && t.ratioTo != "" {
			base, ok2 := b.median(t.ratioTo)
			ok = ok2 && base > 0
			if ok {
				v /= base
			}
		}
		if !ok {
			bt.Result = "not measured"
			bt.Why = b.gapFor(t.key)
			out = append(out, bt)
			continue
		}
		bt.Value = v
		if t.ratioTo != "" {
			bt.Measured = fmt.Sprintf("%.2f ×", v)
		} else {
			bt.Measured = fmtValue(v, unitOf[t.key])
		}
		met := v >= t.limit
		if !t.atLeast {
			met = v < t.limit
		}
		bt.Result = "met"
		if !met {
			bt.Result = "missed"
			for _, p := range b.report.Profiles {
				if p.Step == t.profile {
					bt.Profile = p.File
				}
			}
		}
		if b.cfg.Profile != "national" {
			bt.Why = "profile " + b.cfg.Profile + ": the targets are for the national ledger"
		}
		out = append(out, bt)
	}
	return out
}

// gapFor says why a figure is missing, from the recorded gaps.
func (b *bench) gapFor(key string) string {
	step := strings.Split(key, ".")[0]
	switch step {
	case "durable", "bulk", "replay", "readstream", "verify", "import":
	case "http":
		step = "http"
	case "serve":
		step = "serve"
	}
	var whys []string
	for _, g := range b.report.Gaps {
		if g.Step == step || strings.HasPrefix(key, g.Step) || (step == "http" && g.Step == "serve") {
			whys = append(whys, g.Why)
		}
	}
	if len(whys) == 0 {
		return "not measured in this run"
	}
	return strings.Join(whys, "; ")
}

func fmtValue(v float64, unit string) string {
	switch unit {
	case "ms":
		return fmt.Sprintf("%.3g ms", v)
	case "s":
		return fmt.Sprintf("%.2f s", v)
	case "MiB":
		return fmt.Sprintf("%s MiB", commas(int64(math.Round(v))))
	case "count":
		return commas(int64(v))
	}
	return commas(int64(math.Round(v))) + " " + unit
}

func fmtNum(v float64, unit string) string {
	switch unit {
	case "ms":
		return fmt.Sprintf("%.3g", v)
	case "s":
		return fmt.Sprintf("%.2f", v)
	}
	return commas(int64(math.Round(v)))
}

// commas writes n with thousands separators: 1,234,567.
func commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func (b *bench) printSummary(w io.Writer) {
	fmt.Fprintf(w, "tdkt bench: profile %s, %d events in the ledger, %d runs, %s\n", b.report.Profile, b.report.LedgerEvents, b.report.Runs, b.report.Elapsed)
	for _, f := range b.report.Figures {
		fmt.Fprintf(w, "  %-90s %14s %s (min %s, max %s)\n", f.Name, fmtNum(f.Median, f.Unit), f.Unit, fmtNum(f.Min, f.Unit), fmtNum(f.Max, f.Unit))
	}
	for _, r := range b.report.Ratios {
		fmt.Fprintf(w, "  ratio: %s = %.2f × %s\n", r.Name, r.Ratio, r.Baseline)
	}
	for _, t := range b.report.Targets {
		fmt.Fprintf(w, "  target (issue %d) %s %s: %s %s\n", t.Issue, t.What, t.Target, t.Measured, t.Result)
	}
	for _, g := range b.report.Gaps {
		fmt.Fprintf(w, "  not measured: %s: %s\n", g.Step, g.Why)
	}
}

// machineInfo describes the machine from /proc.
func machineInfo() benchMachine {
	m := benchMachine{Cores: runtime.NumCPU(), Go: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH}
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
		f.Close()
	}
	if f, err := os.Open("/proc/meminfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && k == "MemTotal" {
				kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
				m.Memory = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
				break
			}
		}
		f.Close()
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = strings.TrimSpace(string(b))
	}
	return m
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// docData is what the document template sees.
type docData struct {
	R        *benchReport
	Date     string
	Figures  string // Markdown tables
	Ratios   string
	Targets  string
	Gaps     string
	Profiles string
}

func (b *bench) renderDoc() error {
	funcs := template.FuncMap{
		"commas": commas,
		"mib":    func(n int64) string { return fmt.Sprintf("%s MiB", commas(n>>20)) },
	}
	tmpl, err := template.New(filepath.Base(b.cfg.Template)).Funcs(funcs).ParseFiles(b.cfg.Template)
	if err != nil {
		return err
	}
	d := docData{R: &b.report, Date: b.report.Started.Format("2006-01-02")}
	d.Figures = b.figureTables()
	d.Ratios = b.ratioTable()
	d.Targets = b.targetTable()
	d.Gaps = b.gapList()
	d.Profiles = b.profileSummaries()
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, &d); err != nil {
		return err
	}
	return os.WriteFile(b.cfg.Doc, buf.Bytes(), 0o644)
}

var groupTitles = map[string]string{
	"sector": "The sector: generate, load, export, import",
	"verify": "Verification",
	"read":   "Reads, projections and as-of queries",
	"write":  "Writes, beside the plain file and PostgreSQL",
	"serve":  "tdkt serve",
	"http":   "HTTP under load (closed loop over loopback)",
}

func (b *bench) figureTables() string {
	var w strings.Builder
	for _, g := range []string{"sector", "verify", "read", "write", "serve", "http"} {
		var rows []benchFigure
		for _, f := range b.report.Figures {
			if f.Group == g {
				rows = append(rows, f)
			}
		}
		if len(rows) == 0 {
			continue
		}
		fmt.Fprintf(&w, "### %s\n\n| measurement | median | min | max | unit | runs |\n| --- | ---: | ---: | ---: | --- | --- |\n", groupTitles[g])
		for _, f := range rows {
			var runs []string
			for _, r := range f.Runs {
				runs = append(runs, fmtNum(r, f.Unit))
			}
			fmt.Fprintf(&w, "| %s | %s | %s | %s | %s | %s |\n", f.Name, fmtNum(f.Median, f.Unit), fmtNum(f.Min, f.Unit), fmtNum(f.Max, f.Unit), f.Unit, strings.Join(runs, " · "))
		}
		w.WriteString("\n")
	}
	return strings.TrimSpace(w.String())
}

func (b *bench) ratioTable() string {
	if len(b.report.Ratios) == 0 {
		return "No ratios: the baselines were not measured in this run."
	}
	var w strings.Builder
	w.WriteString("| workload | ours (median) | baseline | baseline (median) | ours ÷ baseline |\n| --- | ---: | --- | ---: | ---: |\n")
	for _, r := range b.report.Ratios {
		v, _ := b.median(r.Key)
		fmt.Fprintf(&w, "| %s | %s | %s | %s | **%.2f** |\n", r.Name, commas(int64(math.Round(v))), r.Baseline, commas(int64(math.Round(v/r.Ratio))), r.Ratio)
	}
	return strings.TrimSpace(w.String())
}

func (b *bench) targetTable() string {
	var w strings.Builder
	w.WriteString("| issue | what | target | measured (median) | result |\n| --- | --- | --- | ---: | --- |\n")
	for _, t := range b.report.Targets {
		res := t.Result
		switch t.Result {
		case "met":
			res = "met"
		case "missed":
			res = "**missed**"
			if t.Profile != "" {
				res += fmt.Sprintf(" — profile [`%s`](%s), summary below", relProfile(t.Profile), relProfile(t.Profile))
			}
		case "not measured":
			res = "**not measured**: " + t.Why
		}
		if t.Why != "" && t.Result != "not measured" {
			res += " (" + t.Why + ")"
		}
		meas := t.Measured
		if meas == "" {
			meas = "—"
		}
		fmt.Fprintf(&w, "| %d | %s | %s | %s | %s |\n", t.Issue, t.What, t.Target, meas, res)
	}
	return strings.TrimSpace(w.String())
}

// relProfile is a profile's path relative to docs/ when it is under it.
func relProfile(p string) string {
	if i := strings.Index(p, "docs/"); i >= 0 {
		return p[i+len("docs/"):]
	}
	return p
}

func (b *bench) gapList() string {
	if len(b.report.Gaps) == 0 {
		return "Nothing: every step ran."
	}
	var w strings.Builder
	for _, g := range b.report.Gaps {
		fmt.Fprintf(&w, "- **%s**: %s\n", g.Step, g.Why)
	}
	return strings.TrimSpace(w.String())
}

// profileSummaries summarizes the profile of every missed target with go
// tool pprof -top (when go is on PATH).
func (b *bench) profileSummaries() string {
	seen := map[string]bool{}
	var w strings.Builder
	for _, t := range b.report.Targets {
		if t.Profile == "" || seen[t.Profile] {
			continue
		}
		seen[t.Profile] = true
		fmt.Fprintf(&w, "#### `%s` (%s)\n\n", relProfile(t.Profile), t.What)
		args := []string{"tool", "pprof", "-top", "-nodecount=25"}
		if strings.HasSuffix(t.Profile, "-heap.pprof") {
			args = append(args, "-sample_index=inuse_space")
		}
		out, err := exec.Command("go", append(args, t.Profile)...).CombinedOutput()
		if err != nil {
			fmt.Fprintf(&w, "(go tool pprof failed: %v)\n\n", err)
			continue
		}
		fmt.Fprintf(&w, "```\n%s```\n\n", out)
	}
	if w.Len() == 0 {
		return "No missed target has a profile in this run."
	}
	return strings.TrimSpace(w.String())
}
