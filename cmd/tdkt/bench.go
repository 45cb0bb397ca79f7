package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/sqlite"
	"github.com/tdkt/tdkt/internal/filelog"
	"github.com/tdkt/tdkt/internal/synth"
	"github.com/tdkt/tdkt/projections"
)

// benchSteps are the parts of tdkt bench, in the order they run; --skip
// names any of them.
var benchSteps = []string{
	"generate", "load", "export", "import", "verify", "replay", "readstream", "projections", "asof",
	"durable", "bulk", "postgres", "serve", "http", "demo",
}

// benchCommand is the usage entry of tdkt bench (usage.go's table).
var benchCommand = command{
	synopsis: "tdkt bench [--profile national|small] [--seed N] [--runs 3] [--data DIR] [--out FILE] [--skip STEP,…] [--postgres DSN] [--cpuprofile-dir DIR] [--doc FILE --template FILE]",
	summary:  "generate a synthetic sector and measure append, import, replay, projections, verify, queries and serve, beside a plain file and PostgreSQL",
	details: `bench generates a synthetic but realistic sector from --seed (national: 34 provincial and
355 regional procuracies, 27 central units, 15,000 people, ten years, about a million
events; small: a few thousand, for tests), loads it into an embedded store, and measures,
each --runs times (min / median / max): generating and loading the sector, export and
import, verify --data and --export, a full replay, a rebuild of every projection, as-of
standings, stream reads, durable appends with 1 and 16 writers and bulk appends beside the
plain-file baseline (append + fsync with group commit) and, with --postgres, an event
table in PostgreSQL; then it starts tdkt serve on the ledger as a child process (the
binary --tdkt, by default this one) for the time to /readyz, its resident memory, and
HTTP queries and commands under a closed-loop load over loopback.

Steps (for --skip): ` + strings.Join(benchSteps, ", ") + `.

--out writes every figure as JSON; --doc renders --template (text/template) into a
Markdown file, as scripts/bench.sh does for docs/BENCHMARKS.md. --cpuprofile-dir keeps a
CPU profile of the last run of each step (and of serve under load).
`,
	flags: func(fs *flag.FlagSet, c *Config) []string {
		b := &c.Bench
		fs.StringVar(&b.Profile, "profile", b.Profile, "sector size: `national` or small")
		fs.Uint64Var(&b.Seed, "seed", b.Seed, "seed of the synthetic sector")
		fs.IntVar(&b.Runs, "runs", b.Runs, "repeat each measurement this many `times`")
		fs.StringVar(&b.Dir, "data", b.Dir, "work `directory` (kept); default a temporary one, removed at the end")
		fs.StringVar(&b.Out, "out", b.Out, "write the figures as JSON to `FILE`")
		fs.Var(stringsFlag{&b.Skip}, "skip", "skip `steps` (comma-separated; may be repeated)")
		fs.StringVar(&b.Postgres, "postgres", b.Postgres, "PostgreSQL `DSN` for the event-table baseline (a throwaway database: bench drops and creates its table)")
		fs.StringVar(&b.CPUProfileDir, "cpuprofile-dir", b.CPUProfileDir, "write CPU profiles into `DIR`")
		fs.DurationVar(&b.Duration, "duration", b.Duration, "length of each timed write and HTTP load (default by profile: 5s national, 300ms small)")
		fs.StringVar(&b.Binary, "tdkt", b.Binary, "tdkt `binary` serve runs from (default: this one)")
		fs.StringVar(&b.Doc, "doc", b.Doc, "render --template into this Markdown `FILE`")
		fs.StringVar(&b.Template, "template", b.Template, "the document's `template` (text/template)")
		fs.StringVar(&b.Command, "command-line", b.Command, "the command line to print in the document (scripts/bench.sh passes its own)")
		return nil
	},
	validate: (*Config).validateBench,
}

// validateBench checks bench's flags.
func (c *Config) validateBench() error {
	b := &c.Bench
	if _, err := synth.Profile(b.Profile, b.Seed); err != nil {
		return err
	}
	if b.Runs < 1 || b.Runs > 100 {
		return fmt.Errorf("invalid --runs %d: 1 to 100", b.Runs)
	}
	var skip []string
	for _, s := range b.Skip {
		for _, p := range strings.Split(s, ",") {
			if p = strings.TrimSpace(p); p == "" {
				continue
			}
			if !slices.Contains(benchSteps, p) {
				return fmt.Errorf("invalid --skip %q: steps are %s", p, strings.Join(benchSteps, ", "))
			}
			skip = append(skip, p)
		}
	}
	b.Skip = skip
	if (b.Doc == "") != (b.Template == "") {
		return errors.New("--doc and --template go together")
	}
	if b.Duration < 0 {
		return errors.New("invalid --duration: negative")
	}
	return nil
}

// bench is one run of tdkt bench.
type bench struct {
	m      *Main
	cfg    BenchConfig
	ctx    context.Context
	opts   synth.Options
	gen    *synth.Generator
	dir    string
	ledger string // the loaded national ledger's data directory
	export string // its export file
	dur    time.Duration
	log    io.Writer

	report benchReport
	values map[string][]float64
	// streams is a sample of the ledger's streams and their lengths, for
	// the stream reads.
	streams map[string]int
	pool    []eventstore.Event // realistic events for the write benchmarks
	units   []string           // unit ids, for commands
	years   []int
}

// runBench runs tdkt bench.
func (m *Main) runBench(ctx context.Context) error {
	b := &bench{m: m, cfg: m.Config.Bench, ctx: ctx, log: m.Stderr, values: map[string][]float64{}, streams: map[string]int{}}
	opts, _ := synth.Profile(b.cfg.Profile, b.cfg.Seed)
	gen, err := synth.New(opts)
	if err != nil {
		return err
	}
	b.opts, b.gen = opts, gen
	for y := opts.FirstYear; y < opts.FirstYear+opts.Years; y++ {
		b.years = append(b.years, y)
	}
	for _, u := range gen.Sector().Units {
		b.units = append(b.units, u.ID)
	}
	b.dur = b.cfg.Duration
	if b.dur == 0 {
		b.dur = 5 * time.Second
		if b.cfg.Profile == "small" {
			b.dur = 300 * time.Millisecond
		}
	}
	if b.cfg.Dir != "" {
		b.dir = b.cfg.Dir
		if err := os.MkdirAll(b.dir, 0o750); err != nil {
			return err
		}
	} else {
		b.dir, err = os.MkdirTemp("", "tdkt-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(b.dir)
	}
	if b.cfg.CPUProfileDir != "" {
		if err := os.MkdirAll(b.cfg.CPUProfileDir, 0o750); err != nil {
			return err
		}
	}
	b.ledger = filepath.Join(b.dir, "ledger")
	b.export = filepath.Join(b.dir, "ledger.jsonl")
	b.report = benchReport{Machine: machineInfo(), Profile: b.cfg.Profile, Seed: b.cfg.Seed, Runs: b.cfg.Runs,
		Started: time.Now().UTC(), Command: b.cfg.Command, LoadBefore: loadAverage(), Duration: b.dur.String()}
	if b.report.Command == "" {
		b.report.Command = "tdkt " + strings.Join(os.Args[1:], " ")
	}
	fmt.Fprintf(b.log, "tdkt bench: profile %s (seed %d, about %d events), %d runs, work directory %s\n",
		b.cfg.Profile, b.cfg.Seed, opts.EstimatedEvents(), b.cfg.Runs, b.dir)

	steps := []struct {
		name string
		fn   func() error
	}{
		{"generate", b.benchGenerate},
		{"load", b.benchLoad},
		{"export", b.benchExport},
		{"import", b.benchImport},
		{"verify", b.benchVerify},
		{"replay", b.benchReplay},
		{"readstream", b.benchReadStream},
		{"projections", b.benchProjections},
		{"asof", b.benchAsOf},
		{"durable", b.benchDurable},
		{"bulk", b.benchBulk},
		{"postgres", b.benchPostgres},
		{"serve", b.benchServe},
		{"demo", b.benchDemo},
	}
	for _, st := range steps {
		if err := ctx.Err(); err != nil {
			return err
		}
		if b.skipped(st.name) {
			b.gap(st.name, "skipped (--skip "+st.name+")")
			continue
		}
		t0 := time.Now()
		if err := st.fn(); err != nil {
			if errors.Is(err, errBenchGap) {
				continue
			}
			return fmt.Errorf("bench %s: %w", st.name, err)
		}
		fmt.Fprintf(b.log, "  %s done in %s\n", st.name, time.Since(t0).Round(time.Millisecond))
	}
	b.report.Finished = time.Now().UTC()
	b.report.Elapsed = b.report.Finished.Sub(b.report.Started).Round(time.Second).String()
	b.report.LoadAfter = loadAverage()
	b.report.Figures = b.figures()
	b.report.Ratios = b.ratios()
	b.report.Targets = b.targets()
	b.printSummary(m.Stdout)
	if b.cfg.Out != "" {
		data, err := json.MarshalIndent(&b.report, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(b.cfg.Out, append(data, '\n'), 0o644); err != nil {
			return err
		}
	}
	if b.cfg.Doc != "" {
		if err := b.renderDoc(); err != nil {
			return err
		}
	}
	return nil
}

// errBenchGap: a step could not measure something and said so with gap.
var errBenchGap = errors.New("gap")

func (b *bench) skipped(step string) bool { return slices.Contains(b.cfg.Skip, step) }

// gap records something not measured and why.
func (b *bench) gap(step, why string) {
	b.report.Gaps = append(b.report.Gaps, benchGap{Step: step, Why: why})
	fmt.Fprintf(b.log, "  %s: not measured: %s\n", step, why)
}

// put records one run's value of a figure.
func (b *bench) put(key string, v float64) { b.values[key] = append(b.values[key], v) }

// runs calls fn once per --runs, the last run under a CPU profile named
// after the step when --cpuprofile-dir is set.
func (b *bench) runs(step string, fn func(run int) error) error {
	for run := range b.cfg.Runs {
		if err := b.ctx.Err(); err != nil {
			return err
		}
		stop := func() {}
		if b.cfg.CPUProfileDir != "" && run == b.cfg.Runs-1 {
			stop = b.startProfile(step)
		}
		err := fn(run)
		stop()
		if err != nil {
			return err
		}
	}
	return nil
}

func (b *bench) startProfile(step string) func() {
	path := filepath.Join(b.cfg.CPUProfileDir, step+".pprof")
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(b.log, "  cpu profile: %v\n", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		fmt.Fprintf(b.log, "  cpu profile: %v\n", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
		b.report.Profiles = append(b.report.Profiles, benchProfile{Step: step, File: path})
	}
}

// heapProfile writes the live heap (after a collection) as name.pprof in
// the profile directory.
func (b *bench) heapProfile(name string) {
	path := filepath.Join(b.cfg.CPUProfileDir, name+".pprof")
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(b.log, "  heap profile: %v\n", err)
		return
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		fmt.Fprintf(b.log, "  heap profile: %v\n", err)
		return
	}
	b.report.Profiles = append(b.report.Profiles, benchProfile{Step: name, File: path})
}

func (b *bench) note(format string, args ...any) {
	fmt.Fprintf(b.log, "    "+format+"\n", args...)
}

func (b *bench) quiet() *Main {
	sub := &Main{Stdout: io.Discard, Stderr: io.Discard, Config: DefaultConfig(), Logger: b.m.quietLogger()}
	return sub
}

// benchGenerate measures the generator alone and keeps what later steps
// need: a sample of streams and a pool of realistic events.
func (b *bench) benchGenerate() error {
	return b.runs("generate", func(run int) error {
		prog := newProgress(b.log, fmt.Sprintf("generate (run %d/%d)", run+1, b.cfg.Runs), int64(b.opts.EstimatedEvents()))
		defer prog.done()
		t0 := time.Now()
		var n int64
		for a, err := range b.gen.Appends() {
			if err != nil {
				return err
			}
			n += int64(len(a.Events))
			if run == 0 {
				b.sample(a)
			}
			prog.update(n)
		}
		el := time.Since(t0)
		b.report.Events = n
		b.put("generate", float64(n)/el.Seconds())
		b.note("run %d: %d events in %s", run+1, n, el.Round(time.Millisecond))
		return nil
	})
}

// sample keeps every 50th stream (and the first 4,000 events with data
// under 2 KiB for the write pool).
func (b *bench) sample(a synth.Append) {
	h := fnv.New32a()
	h.Write([]byte(a.Stream))
	if h.Sum32()%50 == 0 {
		b.streams[a.Stream] += len(a.Events)
	}
	for _, e := range a.Events {
		if len(b.pool) < 4000 && len(e.Data) < 2048 {
			b.pool = append(b.pool, e)
		}
	}
}

// loadWriters is how many clerks append the sector concurrently.
const loadWriters = 32

// benchLoad appends the sector through Store.Append with its expected
// revisions: 32 concurrent clerks, each stream's appends in order by one
// of them (the streams are dealt out by hash), so group commit can batch.
// The first run's ledger is kept for the later steps.
func (b *bench) benchLoad() error {
	if len(b.pool) == 0 {
		for a, err := range b.gen.Appends() {
			if err != nil {
				return err
			}
			b.sample(a)
		}
	}
	return b.runs("load", func(run int) error {
		dir := b.ledger
		if run > 0 {
			dir = filepath.Join(b.dir, fmt.Sprintf("load-%d", run))
		}
		os.RemoveAll(dir)
		s, err := sqlite.Open(dir, &sqlite.Options{Logger: b.m.quietLogger()})
		if err != nil {
			return err
		}
		defer func() {
			if run > 0 {
				os.RemoveAll(dir)
			}
		}()
		prog := newProgress(b.log, fmt.Sprintf("load via Append (run %d/%d)", run+1, b.cfg.Runs), int64(b.opts.EstimatedEvents()))
		ctx, cancel := context.WithCancel(b.ctx)
		defer cancel()
		chans := make([]chan synth.Append, loadWriters)
		var wg sync.WaitGroup
		var n atomic.Int64
		var firstErr error
		var errOnce sync.Once
		fail := func(err error) { errOnce.Do(func() { firstErr = err; cancel() }) }
		for i := range chans {
			chans[i] = make(chan synth.Append, 64)
			wg.Add(1)
			go func(c chan synth.Append) {
				defer wg.Done()
				for a := range c {
					if ctx.Err() != nil {
						continue
					}
					if _, err := s.Append(ctx, a.Stream, a.Expected, a.Events...); err != nil {
						fail(fmt.Errorf("append to %s: %w", a.Stream, err))
						continue
					}
					prog.update(n.Add(int64(len(a.Events))))
				}
			}(chans[i])
		}
		t0 := time.Now()
		for a, err := range b.gen.Appends() {
			if err != nil {
				fail(err)
				break
			}
			if ctx.Err() != nil {
				break
			}
			h := fnv.New32a()
			h.Write([]byte(a.Stream))
			chans[h.Sum32()%loadWriters] <- a
		}
		for _, c := range chans {
			close(c)
		}
		wg.Wait()
		el := time.Since(t0)
		prog.done()
		cerr := s.Close()
		if firstErr != nil {
			return firstErr
		}
		if cerr != nil {
			return cerr
		}
		b.put("load", float64(n.Load())/el.Seconds())
		b.note("run %d: %d events in %s (generation included)", run+1, n.Load(), el.Round(time.Millisecond))
		return nil
	})
}

// haveLedger checks that the ledger was loaded (or is there from an
// earlier bench with the same --data).
func (b *bench) haveLedger(step string) error {
	s, err := sqlite.Open(b.ledger, &sqlite.Options{ReadOnly: true, Logger: b.m.quietLogger()})
	if err != nil {
		b.gap(step, "no ledger: the load step did not run ("+err.Error()+")")
		return errBenchGap
	}
	defer s.Close()
	head, err := s.Head(b.ctx)
	if err != nil || head == 0 {
		b.gap(step, "no ledger: the load step did not run")
		return errBenchGap
	}
	if b.report.LedgerEvents == 0 {
		b.report.LedgerEvents = int64(head)
		if fi, err := os.Stat(s.Path()); err == nil {
			b.report.LedgerBytes = fi.Size()
		}
	}
	return nil
}

// benchExport writes the ledger's export file, as tdkt export does.
func (b *bench) benchExport() error {
	if err := b.haveLedger("export"); err != nil {
		return err
	}
	return b.runs("export", func(run int) error {
		sub := b.quiet()
		sub.Config.Store.Dir = b.ledger
		f, err := os.Create(b.export)
		if err != nil {
			return err
		}
		sub.Stdout = f
		t0 := time.Now()
		err = sub.runExport(b.ctx)
		el := time.Since(t0)
		if cerr := sub.Close(); err == nil {
			err = cerr
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		b.put("export", float64(b.report.LedgerEvents)/el.Seconds())
		if fi, err := os.Stat(b.export); err == nil {
			b.report.ExportBytes = fi.Size()
		}
		return nil
	})
}

func (b *bench) haveExport(step string) error {
	if _, err := os.Stat(b.export); err != nil {
		b.gap(step, "no export file: the export step did not run")
		return errBenchGap
	}
	return nil
}

// benchImport runs tdkt import (verify pass, then Store.Import in one
// transaction) of the export file into an empty data directory.
func (b *bench) benchImport() error {
	if err := b.haveExport("import"); err != nil {
		return err
	}
	return b.runs("import", func(run int) error {
		dir := filepath.Join(b.dir, "import")
		os.RemoveAll(dir)
		defer os.RemoveAll(dir)
		sub := b.quiet()
		sub.Config.Store.Dir = dir
		sub.Config.ImportFile = b.export
		t0 := time.Now()
		err := sub.runImport(b.ctx)
		el := time.Since(t0)
		if cerr := sub.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		b.put("import", float64(b.report.LedgerEvents)/el.Seconds())
		b.note("run %d: %s", run+1, el.Round(time.Millisecond))
		return nil
	})
}

// benchVerify runs verify --data and verify --export.
func (b *bench) benchVerify() error {
	if err := b.haveLedger("verify"); err != nil {
		return err
	}
	err := b.runs("verify-data", func(run int) error {
		sub := b.quiet()
		t0 := time.Now()
		err := sub.verifyData(b.ctx, b.ledger, &checkpointSet{}, io.Discard, false)
		el := time.Since(t0)
		sub.Close()
		if err != nil {
			return err
		}
		b.put("verify.data", float64(b.report.LedgerEvents)/el.Seconds())
		return nil
	})
	if err != nil {
		return err
	}
	if err := b.haveExport("verify"); err != nil {
		return err
	}
	return b.runs("verify-export", func(run int) error {
		sub := b.quiet()
		t0 := time.Now()
		_, err := sub.verifyExport(b.ctx, b.export, &checkpointSet{}, io.Discard)
		el := time.Since(t0)
		sub.Close()
		if err != nil {
			return err
		}
		b.put("verify.export", float64(b.report.LedgerEvents)/el.Seconds())
		return nil
	})
}

func (b *bench) openLedger() (*sqlite.Store, error) {
	return sqlite.Open(b.ledger, &sqlite.Options{ReadOnly: true, Logger: b.m.quietLogger()})
}

// benchReplay reads the whole ledger with ReadAll.
func (b *bench) benchReplay() error {
	if err := b.haveLedger("replay"); err != nil {
		return err
	}
	s, err := b.openLedger()
	if err != nil {
		return err
	}
	defer s.Close()
	return b.runs("replay", func(run int) error {
		t0 := time.Now()
		var n int64
		for _, err := range s.ReadAll(b.ctx, 0) {
			if err != nil {
				return err
			}
			n++
		}
		b.put("replay", float64(n)/time.Since(t0).Seconds())
		return nil
	})
}

// benchReadStream reads sampled streams of the ledger, one at a time.
func (b *bench) benchReadStream() error {
	if err := b.haveLedger("readstream"); err != nil {
		return err
	}
	if len(b.streams) == 0 {
		b.gap("readstream", "no sample of streams (the generate step did not run)")
		return errBenchGap
	}
	s, err := b.openLedger()
	if err != nil {
		return err
	}
	defer s.Close()
	names := make([]string, 0, len(b.streams))
	for k := range b.streams {
		names = append(names, k)
	}
	slices.Sort(names)
	rng := rand.New(rand.NewPCG(b.cfg.Seed, 3))
	return b.runs("readstream", func(run int) error {
		lat := make([]time.Duration, 0, 2000)
		for range 2000 {
			name := names[rng.IntN(len(names))]
			t0 := time.Now()
			n := 0
			for _, err := range s.ReadStream(b.ctx, name, 0) {
				if err != nil {
					return err
				}
				n++
			}
			lat = append(lat, time.Since(t0))
			if n < b.streams[name] {
				return fmt.Errorf("stream %s: %d events, want at least %d", name, n, b.streams[name])
			}
		}
		b.putLatencies("readstream", lat)
		return nil
	})
}

// putLatencies records p50, p99 and p999 in milliseconds.
func (b *bench) putLatencies(key string, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	q := func(p float64) float64 {
		i := min(len(lat)-1, int(p*float64(len(lat))))
		return float64(lat[i].Microseconds()) / 1000
	}
	b.put(key+".p50", q(0.50))
	b.put(key+".p99", q(0.99))
	b.put(key+".p999", q(0.999))
}

// newRunner returns a projections runner over s with every projection.
func newBenchRunner(s *sqlite.Store) (*projections.Runner, *sizedStates, error) {
	// The states are encoded as a save does (that cost is the rebuild's)
	// but only their sizes are kept, so the heap measured afterwards is
	// the read models' alone.
	states := &sizedStates{sizes: map[string]int{}}
	r, err := projections.NewRunner(s, states, &projections.RunnerOptions{SaveEvery: 250_000})
	if err != nil {
		return nil, nil, err
	}
	return r, states, projections.RegisterAll(r)
}

// sizedStates is a projections.StateStore that keeps the size of each
// saved state and nothing else.
type sizedStates struct {
	mu    sync.Mutex
	sizes map[string]int
}

func (*sizedStates) Load(context.Context, string) (uint64, []byte, bool, error) {
	return 0, nil, false, nil
}

func (s *sizedStates) Save(_ context.Context, name string, _ uint64, data []byte) error {
	s.mu.Lock()
	s.sizes[name] = len(data)
	s.mu.Unlock()
	return nil
}

func (*sizedStates) Delete(context.Context, string) error { return nil }

// total returns the size of the last saved state of every projection.
func (s *sizedStates) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, v := range s.sizes {
		n += v
	}
	return n
}

// benchProjections replays the ledger into every projection and reports
// the heap they hold.
func (b *bench) benchProjections() error {
	if err := b.haveLedger("projections"); err != nil {
		return err
	}
	s, err := b.openLedger()
	if err != nil {
		return err
	}
	defer s.Close()
	return b.runs("projections", func(run int) error {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		r, states, err := newBenchRunner(s)
		if err != nil {
			return err
		}
		t0 := time.Now()
		if err := r.RunToEnd(b.ctx); err != nil {
			return err
		}
		el := time.Since(t0)
		b.put("projections", float64(b.report.LedgerEvents)/el.Seconds())
		// Twice: the first collection moves the encoders' pooled buffers
		// (sync.Pool) to the victim cache, the second frees them.
		runtime.GC()
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		b.put("projections.heap", float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20))
		b.put("projections.state", float64(states.total())/(1<<20))
		if run == b.cfg.Runs-1 && b.cfg.CPUProfileDir != "" {
			// What the read models hold, by the code that allocated it:
			// the profile behind serve's memory.
			b.heapProfile("projections-heap")
		}
		runtime.KeepAlive(r)
		return nil
	})
}

// benchAsOf asks for the sector's standings of the last full year as of
// three earlier points of the ledger (the standings model is append-only:
// the live model answers, filtered by seq) and as of now.
func (b *bench) benchAsOf() error {
	if err := b.haveLedger("asof"); err != nil {
		return err
	}
	s, err := b.openLedger()
	if err != nil {
		return err
	}
	defer s.Close()
	r, _, err := newBenchRunner(s)
	if err != nil {
		return err
	}
	if err := r.RunToEnd(b.ctx); err != nil {
		return err
	}
	st := projections.NewStandings(r, nil)
	head := uint64(b.report.LedgerEvents)
	year := b.years[len(b.years)-1]
	return b.runs("asof", func(run int) error {
		var lat []time.Duration
		for k := uint64(1); k <= 3; k++ {
			seq := head*k/4 - uint64(run) - 1
			t0 := time.Now()
			if _, err := st.Sector(b.ctx, projections.AtSeq(seq), year-int(3-k)); err != nil {
				return err
			}
			lat = append(lat, time.Since(t0))
		}
		slices.Sort(lat)
		b.put("asof.median", float64(lat[1].Microseconds())/1000)
		t0 := time.Now()
		res, err := st.Sector(b.ctx, projections.Latest(), year)
		if err != nil {
			return err
		}
		b.put("asof.latest", float64(time.Since(t0).Microseconds())/1000)
		if len(res.Clusters) == 0 {
			return fmt.Errorf("standings %d: no clusters", year)
		}
		return nil
	})
}

// writeEvent returns the pool's i-th event with a fresh id.
func (b *bench) writeEvent(i int) eventstore.Event {
	e := b.pool[i%len(b.pool)]
	e.ID = uuid.Must(uuid.NewV7())
	return e
}

func (b *bench) writeLine(i int) []byte {
	e := eventstore.RecordedEvent{Seq: uint64(i), Stream: fmt.Sprintf("bench-%d", i%1000), RecordedAt: time.Now(), Event: b.writeEvent(i)}
	return eventstore.ExportLine(&e)
}

// timed runs op on writers goroutines for the bench's duration and
// returns the operations done and the time taken.
func (b *bench) timed(writers int, op func(w, i int) error) (int64, time.Duration, error) {
	var n atomic.Int64
	var wg sync.WaitGroup
	var firstErr error
	var once sync.Once
	deadline := time.Now().Add(b.dur)
	t0 := time.Now()
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; time.Now().Before(deadline) && b.ctx.Err() == nil; i++ {
				if err := op(w, i); err != nil {
					once.Do(func() { firstErr = err })
					return
				}
				n.Add(1)
			}
		}()
	}
	wg.Wait()
	return n.Load(), time.Since(t0), firstErr
}

// benchDurable measures durable single-event appends with 1 and 16
// writers into a fresh store, beside the plain file.
func (b *bench) benchDurable() error {
	if len(b.pool) == 0 {
		b.gap("durable", "no event pool (the generate step did not run)")
		return errBenchGap
	}
	for _, writers := range []int{1, 16} {
		step := fmt.Sprintf("durable-w%d", writers)
		err := b.runs(step, func(run int) error {
			dir := filepath.Join(b.dir, "durable")
			os.RemoveAll(dir)
			defer os.RemoveAll(dir)
			s, err := sqlite.Open(dir, &sqlite.Options{Logger: b.m.quietLogger()})
			if err != nil {
				return err
			}
			n, el, err := b.timed(writers, func(w, i int) error {
				_, err := s.Append(b.ctx, fmt.Sprintf("bench-%d-%d", w, i%100), eventstore.Any, b.writeEvent(w*7919+i))
				return err
			})
			if cerr := s.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
			b.put(fmt.Sprintf("durable.sqlite.w%d", writers), float64(n)/el.Seconds())

			l, err := filelog.Open(filepath.Join(b.dir, "baseline.log"))
			if err != nil {
				return err
			}
			defer os.Remove(filepath.Join(b.dir, "baseline.log"))
			n, el, err = b.timed(writers, func(w, i int) error { return l.Append(b.writeLine(w*7919 + i)) })
			if cerr := l.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
			b.put(fmt.Sprintf("durable.file.w%d", writers), float64(n)/el.Seconds())
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

const bulkBatch = 1000

// benchBulk measures appends of 1,000-event batches (one stream each),
// beside the plain file.
func (b *bench) benchBulk() error {
	if len(b.pool) == 0 {
		b.gap("bulk", "no event pool (the generate step did not run)")
		return errBenchGap
	}
	return b.runs("bulk", func(run int) error {
		dir := filepath.Join(b.dir, "bulk")
		os.RemoveAll(dir)
		defer os.RemoveAll(dir)
		s, err := sqlite.Open(dir, &sqlite.Options{Logger: b.m.quietLogger()})
		if err != nil {
			return err
		}
		n, el, err := b.timed(1, func(_, i int) error {
			evs := make([]eventstore.Event, bulkBatch)
			for j := range evs {
				evs[j] = b.writeEvent(i*bulkBatch + j)
			}
			_, err := s.Append(b.ctx, fmt.Sprintf("import-%d", i), eventstore.NoStream, evs...)
			return err
		})
		if cerr := s.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		b.put("bulk.sqlite", float64(n*bulkBatch)/el.Seconds())

		path := filepath.Join(b.dir, "bulk.log")
		defer os.Remove(path)
		l, err := filelog.Open(path)
		if err != nil {
			return err
		}
		n, el, err = b.timed(1, func(_, i int) error {
			recs := make([][]byte, bulkBatch)
			for j := range recs {
				recs[j] = b.writeLine(i*bulkBatch + j)
			}
			return l.Append(recs...)
		})
		if cerr := l.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		b.put("bulk.file", float64(n*bulkBatch)/el.Seconds())
		return nil
	})
}
