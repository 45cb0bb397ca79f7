package lincheck

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"
	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/storetest"
)

// Config shapes the workload RunTest runs.
type Config struct {
	// Ops is how many operations the clients run together (the final reads
	// of every stream come on top).
	Ops int
	// Clients is how many goroutines run them.
	Clients int
	// Streams is how many streams the clients share at a time.
	Streams int
	// OpsPerRound is after how many operations the clients move on to
	// Streams fresh streams, so streams (and whole-stream reads) stay short
	// while contention stays high.
	OpsPerRound int
	// Seed seeds every client's choices.
	Seed uint64
	// CheckTimeout bounds porcupine's search; 0 means none.
	CheckTimeout time.Duration
}

// DefaultOps is the default Ops: at least 10,000 operations, per issue 8.
const DefaultOps = 10_000

// ConfigFromEnv returns the default configuration, with Ops from
// TDKT_LIN_OPS and Seed from TDKT_LIN_SEED when they are set (a random seed
// otherwise).
func ConfigFromEnv(tb testing.TB) Config {
	tb.Helper()
	c := Config{Ops: DefaultOps, Clients: 16, Streams: 4, OpsPerRound: 600, Seed: rand.Uint64(), CheckTimeout: 5 * time.Minute}
	if v := os.Getenv("TDKT_LIN_OPS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			tb.Fatalf("TDKT_LIN_OPS=%q: want a positive number of operations", v)
		}
		c.Ops = n
	}
	if v := os.Getenv("TDKT_LIN_SEED"); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			tb.Fatalf("TDKT_LIN_SEED=%q: want an unsigned number", v)
		}
		c.Seed = n
	}
	return c
}

// RunTest drives s, which must be empty, with Run, checks the store's
// invariants (storetest.CheckInvariants) and the history
// (Recorder.Check), and logs the figures. On a violation it writes
// porcupine's picture of the history to a temporary file and fails naming
// it.
func RunTest(t *testing.T, s eventstore.Store, cfg Config) Verdict {
	t.Helper()
	t.Logf("lincheck seed %d, %d ops, %d clients, %d streams at a time (rerun with TDKT_LIN_SEED=%d TDKT_LIN_OPS=%d)",
		cfg.Seed, cfg.Ops, cfg.Clients, cfg.Streams, cfg.Seed, cfg.Ops)
	rec, st, err := Run(t.Context(), s, cfg)
	if err != nil {
		t.Fatal(err)
	}
	storetest.CheckInvariants(t, s)
	v := rec.Check(cfg.CheckTimeout)
	t.Logf("lincheck: %d operations on %d streams by %d clients in %v (%s); checked in %v: %s",
		v.Ops, v.Streams, cfg.Clients, st.Took.Round(time.Millisecond), st, v.Took.Round(time.Millisecond), v.Result)
	for _, p := range v.Problems {
		t.Error(p)
	}
	if v.Result != porcupine.Ok {
		path, err := v.Visualize()
		if err != nil {
			t.Fatalf("history is %s (seed %d); writing the visualization failed: %v", v.Result, cfg.Seed, err)
		}
		if v.Result == porcupine.Unknown {
			t.Fatalf("the check timed out after %v, inconclusive (seed %d); porcupine's visualization: %s", cfg.CheckTimeout, cfg.Seed, path)
		}
		t.Fatalf("history is not linearizable (seed %d); porcupine's visualization: %s", cfg.Seed, path)
	}
	return v
}

// Stats count what Run did.
type Stats struct {
	// Appended, Duplicates, Concurrency and IDConflicts count the appends
	// by outcome; Reads the whole-stream reads (the final ones included).
	Appended, Duplicates, Concurrency, IDConflicts, Reads int64
	// Events is the number of events in the ledger at the end.
	Events int
	// Took is how long the clients ran.
	Took time.Duration
}

func (s Stats) String() string {
	return fmt.Sprintf("%d appends ok, %d duplicates, %d ErrConcurrency, %d ErrIDConflict, %d reads, %d events",
		s.Appended, s.Duplicates, s.Concurrency, s.IDConflicts, s.Reads, s.Events)
}

// Run drives s, which must be empty, with cfg.Clients concurrent clients
// doing cfg.Ops random operations, then reads every stream once more and
// the whole ledger, and returns the recorder holding the history.
//
// The operations, on a few shared streams at a time: Append with Exact of
// the revision the client last saw (so stale ones fail with
// ErrConcurrency), with NoStream, Any and StreamExists; ReadStream of the
// whole stream; and retries, with any expected revision, of an earlier
// append's exact events, or of a contiguous part of them, possibly while
// the original is still running. Any error but ErrConcurrency and
// ErrIDConflict ends the run with that error, as does a ledger whose seqs
// are not dense.
func Run(ctx context.Context, s eventstore.Store, cfg Config) (*Recorder, Stats, error) {
	rec := NewRecorder()
	w := &workload{cfg: cfg, s: s, rec: rec, streams: make(map[string]bool)}

	began := time.Now()
	var wg sync.WaitGroup
	errs := make([]error, cfg.Clients)
	for c := range cfg.Clients {
		wg.Go(func() {
			if err := w.client(ctx, c); err != nil {
				errs[c] = fmt.Errorf("client %d: %w", c, err)
			}
		})
	}
	wg.Wait()
	st := Stats{Took: time.Since(began)}
	if err := errors.Join(errs...); err != nil {
		return rec, st, err
	}

	// Final reads of every stream, after everything: the last states.
	for stream := range w.streams {
		op := rec.Invoke(0, Input{Kind: Read, Stream: stream})
		evs, err := readStream(ctx, s, stream)
		op.Return(rec.ReadOutput(stream, evs, err))
		if err != nil {
			return rec, st, fmt.Errorf("ReadStream(%q): %w", stream, err)
		}
		w.nRead.Add(1)
	}
	n, err := w.checkLedger(ctx)
	st.Events = n
	st.Appended, st.Duplicates, st.Concurrency, st.IDConflicts, st.Reads = w.nOK.Load(), w.nDup.Load(), w.nConc.Load(), w.nConflict.Load(), w.nRead.Load()
	return rec, st, err
}

type workload struct {
	cfg  Config
	s    eventstore.Store
	rec  *Recorder
	next atomic.Int64

	mu sync.Mutex
	// streams are every stream used.
	streams map[string]bool
	// recent are the last appends' batches, for retries.
	recent []batch

	nOK, nDup, nConc, nConflict, nRead atomic.Int64
}

// batch is one append's stream and events, kept for retries.
type batch struct {
	stream string
	events []eventstore.Event
}

const recentMax = 256

func (w *workload) remember(b batch) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.streams[b.stream] = true
	if len(w.recent) < recentMax {
		w.recent = append(w.recent, b)
		return
	}
	copy(w.recent, w.recent[1:])
	w.recent[len(w.recent)-1] = b
}

func (w *workload) pickRecent(r *rand.Rand) (batch, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.recent) == 0 {
		return batch{}, false
	}
	// Mostly the latest ones, whose originals may still be running.
	n := min(len(w.recent), 32)
	if r.IntN(4) == 0 {
		n = len(w.recent)
	}
	return w.recent[len(w.recent)-1-r.IntN(n)], true
}

// client runs operations until the workload's count is reached.
func (w *workload) client(ctx context.Context, c int) error {
	r := rand.New(rand.NewPCG(w.cfg.Seed, uint64(c)))
	// seen is the last revision of each stream this client knows of.
	seen := make(map[string]uint64)
	for {
		n := int(w.next.Add(1) - 1)
		if n >= w.cfg.Ops {
			return nil
		}
		stream := fmt.Sprintf("lin-%d-%d", n/w.cfg.OpsPerRound, r.IntN(w.cfg.Streams))
		var in Input
		var events []eventstore.Event
		switch p := r.IntN(100); {
		case p < 20:
			in = Input{Kind: Read, Stream: stream}
		case p < 38:
			b, ok := w.pickRecent(r)
			if !ok {
				in = Input{Kind: Read, Stream: stream}
				break
			}
			events = b.events
			if r.IntN(5) == 0 {
				i := r.IntN(len(events))
				events = events[i : i+1+r.IntN(len(events)-i)]
			}
			in = Input{Kind: Append, Stream: b.stream, Expected: randomExpected(r, seen[b.stream])}
		default:
			in = Input{Kind: Append, Stream: stream}
			switch q := r.IntN(100); {
			case q < 65:
				rev, ok := seen[stream]
				switch {
				case !ok:
					in.Expected = eventstore.NoStream
				case r.IntN(8) == 0:
					in.Expected = eventstore.Exact(rev + 1 - uint64(r.IntN(3))) // one ahead, right, or one behind
				default:
					in.Expected = eventstore.Exact(rev)
				}
			case q < 78:
				in.Expected = eventstore.NoStream
			case q < 92:
				in.Expected = eventstore.Any
			default:
				in.Expected = eventstore.StreamExists
			}
			events = make([]eventstore.Event, 1+r.IntN(3))
			for i := range events {
				events[i] = storetest.NewEvent("lin.Appended", fmt.Sprintf(`{"client":%d,"op":%d,"i":%d}`, c, n, i))
			}
			// Remembered before the append runs: a retry may race it.
			w.remember(batch{stream: stream, events: events})
		}

		if in.Kind == Read {
			op := w.rec.Invoke(c, in)
			evs, err := readStream(ctx, w.s, in.Stream)
			out := w.rec.ReadOutput(in.Stream, evs, err)
			op.Return(out)
			if err != nil {
				return fmt.Errorf("ReadStream(%q): %w", in.Stream, err)
			}
			w.nRead.Add(1)
			if len(evs) > 0 {
				seen[in.Stream] = uint64(len(evs) - 1)
			}
			continue
		}
		in.IDs = make([]uuid.UUID, len(events))
		for i, e := range events {
			in.IDs[i] = e.ID
		}
		op := w.rec.Invoke(c, in)
		res, err := w.s.Append(ctx, in.Stream, in.Expected, events...)
		out := w.rec.AppendOutput(in, res, err)
		op.Return(out)
		switch out.Result {
		case OK:
			if out.Duplicate {
				w.nDup.Add(1)
			} else {
				w.nOK.Add(1)
			}
			if cur, ok := seen[in.Stream]; !ok || out.Last > cur {
				seen[in.Stream] = out.Last
			}
		case Concurrency:
			w.nConc.Add(1)
			if out.Actual >= 0 {
				seen[in.Stream] = uint64(out.Actual)
			}
		case IDConflict:
			w.nConflict.Add(1)
		case Unknown:
			return fmt.Errorf("Append(%q, %v): %v", in.Stream, in.Expected, err)
		}
	}
}

func randomExpected(r *rand.Rand, rev uint64) eventstore.ExpectedRevision {
	switch r.IntN(4) {
	case 0:
		return eventstore.Any
	case 1:
		return eventstore.NoStream
	case 2:
		return eventstore.StreamExists
	default:
		return eventstore.Exact(rev)
	}
}

func readStream(ctx context.Context, s eventstore.Store, stream string) ([]eventstore.RecordedEvent, error) {
	var evs []eventstore.RecordedEvent
	for ev, err := range s.ReadStream(ctx, stream, 0) {
		if err != nil {
			return evs, err
		}
		evs = append(evs, ev)
	}
	return evs, nil
}

// checkLedger reads the whole ledger after the run: seqs dense from 0, and
// every event's seq the one the answers gave it (Recorder.Problems). It
// returns the number of events.
func (w *workload) checkLedger(ctx context.Context) (int, error) {
	var evs []eventstore.RecordedEvent
	for ev, err := range w.s.ReadAll(ctx, 0) {
		if err != nil {
			return len(evs), fmt.Errorf("ReadAll: %w", err)
		}
		if ev.Seq != uint64(len(evs)) {
			return len(evs), fmt.Errorf("ReadAll: seq %d where seq %d belongs", ev.Seq, len(evs))
		}
		evs = append(evs, ev)
	}
	w.rec.NoteEvents(evs)
	return len(evs), nil
}
