package lincheck_test

import (
	"context"
	"iter"
	"math"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"
	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/memstore"
	"github.com/tdkt/tdkt/internal/lincheck"
)

var a, b, c = uuid.MustParse("00000000-0000-7000-8000-00000000000a"),
	uuid.MustParse("00000000-0000-7000-8000-00000000000b"),
	uuid.MustParse("00000000-0000-7000-8000-00000000000c")

func appendIn(exp eventstore.ExpectedRevision, ids ...uuid.UUID) lincheck.Input {
	return lincheck.Input{Kind: lincheck.Append, Stream: "s-1", Expected: exp, IDs: ids}
}

func ok(first, last uint64) lincheck.Output {
	return lincheck.Output{Result: lincheck.OK, First: first, Last: last}
}

func dup(first, last uint64) lincheck.Output {
	return lincheck.Output{Result: lincheck.OK, First: first, Last: last, Duplicate: true}
}

func conc(actual int64) lincheck.Output {
	return lincheck.Output{Result: lincheck.Concurrency, Actual: actual}
}

var (
	read     = lincheck.Input{Kind: lincheck.Read, Stream: "s-1"}
	conflict = lincheck.Output{Result: lincheck.IDConflict}
	unknown  = lincheck.Output{Result: lincheck.Unknown}
)

func readOK(ids ...uuid.UUID) lincheck.Output {
	return lincheck.Output{Result: lincheck.OK, IDs: ids}
}

// step is one operation of a hand-written history.
type step struct {
	client    int
	call, ret int64
	in        lincheck.Input
	out       lincheck.Output
}

func check(steps ...step) porcupine.CheckResult {
	ops := make([]porcupine.Operation, len(steps))
	for i, s := range steps {
		ops[i] = porcupine.Operation{ClientId: s.client, Input: s.in, Call: s.call, Output: s.out, Return: s.ret}
	}
	return porcupine.CheckOperationsTimeout(lincheck.Model(), ops, 10*time.Second)
}

// seq makes a sequential history: step i runs in [2i, 2i+1].
func seq(ops ...step) []step {
	for i := range ops {
		ops[i].call, ops[i].ret = int64(2*i), int64(2*i+1)
	}
	return ops
}

// TestModel checks the model's verdicts on small histories.
func TestModel(t *testing.T) {
	for _, tc := range []struct {
		name  string
		steps []step
		want  porcupine.CheckResult
	}{
		{"OK/Sequential", seq(
			step{in: read, out: readOK()},
			step{in: appendIn(eventstore.StreamExists, a), out: conc(-1)},
			step{in: appendIn(eventstore.Exact(0), a), out: conc(-1)},
			step{in: appendIn(eventstore.NoStream, a, b), out: ok(0, 1)},
			step{in: appendIn(eventstore.NoStream, c), out: conc(1)},
			step{in: appendIn(eventstore.Exact(0), c), out: conc(1)},
			step{in: read, out: readOK(a, b)},
			step{in: appendIn(eventstore.Exact(1), c), out: ok(2, 2)},
			step{in: read, out: readOK(a, b, c)},
		), porcupine.Ok},
		{"OK/RetryIgnoresExpected", seq(
			step{in: appendIn(eventstore.Any, a, b), out: ok(0, 1)},
			step{in: appendIn(eventstore.NoStream, a, b), out: dup(0, 1)},
			step{in: appendIn(eventstore.Exact(7), b), out: dup(1, 1)},
			step{in: appendIn(eventstore.Any, a), out: dup(0, 0)},
			step{in: read, out: readOK(a, b)},
		), porcupine.Ok},
		{"OK/PartialRetryConflicts", seq(
			step{in: appendIn(eventstore.Any, a), out: ok(0, 0)},
			step{in: appendIn(eventstore.Any, a, b), out: conflict},
			step{in: appendIn(eventstore.Any, b, a), out: conflict},
			step{in: appendIn(eventstore.Any, b), out: ok(1, 1)},
			step{in: appendIn(eventstore.Any, b, a), out: conflict},
		), porcupine.Ok},
		{"OK/ConcurrentAppendsEitherOrder", []step{
			{client: 0, call: 0, ret: 10, in: appendIn(eventstore.NoStream, a), out: conc(0)},
			{client: 1, call: 1, ret: 9, in: appendIn(eventstore.NoStream, b), out: ok(0, 0)},
			{client: 2, call: 2, ret: 3, in: read, out: readOK()},
			{client: 2, call: 11, ret: 12, in: read, out: readOK(b)},
		}, porcupine.Ok},
		{"OK/RetryRacesOriginal", []step{
			// The retry went first, so it wrote and the original found it.
			{client: 0, call: 0, ret: 10, in: appendIn(eventstore.Exact(5), a), out: dup(0, 0)},
			{client: 1, call: 1, ret: 9, in: appendIn(eventstore.Any, a), out: ok(0, 0)},
		}, porcupine.Ok},
		{"OK/UnknownEitherWay", []step{
			{client: 0, call: 0, ret: 1, in: appendIn(eventstore.NoStream, a), out: unknown},
			{client: 0, call: 2, ret: 3, in: appendIn(eventstore.NoStream, b), out: unknown},
			{client: 1, call: 4, ret: 5, in: read, out: readOK(b)},
			{client: 1, call: 6, ret: 7, in: read, out: unknown},
		}, porcupine.Ok},
		{"Illegal/StaleRead", seq(
			step{in: appendIn(eventstore.NoStream, a), out: ok(0, 0)},
			step{in: read, out: readOK()},
		), porcupine.Illegal},
		{"Illegal/LostUpdate", seq(
			step{in: appendIn(eventstore.Exact(0), a), out: conc(-1)},
			step{in: appendIn(eventstore.NoStream, a), out: ok(0, 0)},
			step{in: appendIn(eventstore.NoStream, b), out: ok(0, 0)},
		), porcupine.Illegal},
		{"Illegal/ExactAccepted", seq(
			step{in: appendIn(eventstore.NoStream, a, b), out: ok(0, 1)},
			step{in: appendIn(eventstore.Exact(0), c), out: ok(2, 2)},
		), porcupine.Illegal},
		{"Illegal/WrongActual", seq(
			step{in: appendIn(eventstore.NoStream, a), out: ok(0, 0)},
			step{in: appendIn(eventstore.Exact(3), b), out: conc(3)},
		), porcupine.Illegal},
		{"Illegal/RetryAppendsAgain", seq(
			step{in: appendIn(eventstore.Any, a), out: ok(0, 0)},
			step{in: appendIn(eventstore.Any, a), out: ok(1, 1)},
		), porcupine.Illegal},
		{"Illegal/RetryNotDuplicate", seq(
			step{in: appendIn(eventstore.Any, a), out: ok(0, 0)},
			step{in: appendIn(eventstore.Any, a), out: ok(0, 0)},
		), porcupine.Illegal},
		{"Illegal/RetryWrongRevision", seq(
			step{in: appendIn(eventstore.Any, a, b), out: ok(0, 1)},
			step{in: appendIn(eventstore.Any, b), out: dup(0, 0)},
		), porcupine.Illegal},
		{"Illegal/ReadOrder", seq(
			step{in: appendIn(eventstore.Any, a, b), out: ok(0, 1)},
			step{in: read, out: readOK(b, a)},
		), porcupine.Illegal},
		{"Illegal/Malformed", seq(
			step{in: appendIn(eventstore.Any, a), out: lincheck.Output{Result: lincheck.Malformed, Problem: "test"}},
		), porcupine.Illegal},
		{"Illegal/UnknownThenImpossible", []step{
			{client: 0, call: 0, ret: math.MaxInt64, in: appendIn(eventstore.NoStream, a), out: unknown},
			{client: 1, call: 1, ret: 2, in: read, out: readOK(b)},
		}, porcupine.Illegal},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := check(tc.steps...); got != tc.want {
				t.Fatalf("got %s, want %s", got, tc.want)
			}
		})
	}
}

// TestRecorderSeqOrder: an append that returned before another was invoked
// must have the smaller seqs.
func TestRecorderSeqOrder(t *testing.T) {
	rec := lincheck.NewRecorder()
	later := rec.Invoke(0, appendIn(eventstore.Any, a))
	later.Return(lincheck.Output{Result: lincheck.OK, FirstSeq: 5, LastSeq: 5})
	earlier := rec.Invoke(1, lincheck.Input{Kind: lincheck.Append, Stream: "s-2", Expected: eventstore.Any, IDs: []uuid.UUID{b}})
	earlier.Return(lincheck.Output{Result: lincheck.OK, FirstSeq: 4, LastSeq: 4})
	v := rec.Check(time.Second)
	if v.Result != porcupine.Ok || len(v.Problems) != 1 {
		t.Fatalf("got %s with problems %q, want Ok with one seq-order problem", v.Result, v.Problems)
	}
}

// TestVisualize: a violation can be drawn.
func TestVisualize(t *testing.T) {
	rec := lincheck.NewRecorder()
	op := rec.Invoke(0, appendIn(eventstore.NoStream, a))
	op.Return(ok(0, 0))
	op = rec.Invoke(1, read)
	op.Return(readOK())
	v := rec.Check(time.Second)
	if v.Result != porcupine.Illegal || v.OK() {
		t.Fatalf("got %s, want Illegal", v.Result)
	}
	path, err := v.Visualize()
	if err != nil {
		t.Fatal(err)
	}
	defer os.Remove(path)
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		t.Fatalf("visualization %s: %v (size %d)", path, err, fi.Size())
	}
}

// TestRunFindsFaults runs the workload on stores with a planted fault and
// expects the check to find it: the workload is strong enough to notice.
func TestRunFindsFaults(t *testing.T) {
	for _, tc := range []struct {
		name string
		wrap func(*memstore.Store) eventstore.Store
	}{
		{"StaleReads", func(s *memstore.Store) eventstore.Store {
			return &staleReads{Store: s, cache: map[string][]eventstore.RecordedEvent{}}
		}},
		{"IgnoresExpected", func(s *memstore.Store) eventstore.Store { return &ignoresExpected{Store: s} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := memstore.New(nil)
			defer s.Close()
			cfg := lincheck.Config{Ops: 2000, Clients: 8, Streams: 2, OpsPerRound: 200, Seed: 1, CheckTimeout: time.Minute}
			rec, _, err := lincheck.Run(t.Context(), tc.wrap(s), cfg)
			if err != nil {
				t.Fatal(err)
			}
			if v := rec.Check(cfg.CheckTimeout); v.Result != porcupine.Illegal {
				t.Fatalf("the check says %s of a store with a fault; want Illegal", v.Result)
			}
		})
	}
}

// staleReads answers every other whole-stream read from its previous read.
type staleReads struct {
	*memstore.Store
	mu    sync.Mutex
	n     int
	cache map[string][]eventstore.RecordedEvent
}

func (s *staleReads) ReadStream(ctx context.Context, stream string, from uint64) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		s.mu.Lock()
		s.n++
		old, stale := s.cache[stream]
		stale = stale && s.n%2 == 0
		s.mu.Unlock()
		if stale {
			for _, ev := range old[min(from, uint64(len(old))):] {
				if !yield(ev, nil) {
					return
				}
			}
			return
		}
		var evs []eventstore.RecordedEvent
		for ev, err := range s.Store.ReadStream(ctx, stream, 0) {
			if err != nil {
				yield(ev, err)
				return
			}
			evs = append(evs, ev)
		}
		s.mu.Lock()
		s.cache[stream] = slices.Clone(evs)
		s.mu.Unlock()
		for _, ev := range evs[min(from, uint64(len(evs))):] {
			if !yield(ev, nil) {
				return
			}
		}
	}
}

// ignoresExpected treats one Exact append in four as Any.
type ignoresExpected struct {
	*memstore.Store
	n atomic.Int64
}

func (s *ignoresExpected) Append(ctx context.Context, stream string, expected eventstore.ExpectedRevision, events ...eventstore.Event) (eventstore.AppendResult, error) {
	if _, exact := expected.Revision(); exact && s.n.Add(1)%4 == 0 {
		expected = eventstore.Any
	}
	return s.Store.Append(ctx, stream, expected, events...)
}
