package lincheck

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/anishathalye/porcupine"
	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
)

// Recorder records a history of operations. It is safe for concurrent use.
// Times are nanoseconds on the monotonic clock since NewRecorder.
//
// Besides the history porcupine checks per stream, it keeps what each
// answer said of the ledger as a whole, for Check: the seq of every event
// id, which must never change nor be shared, and the seqs of each fresh
// append, which must follow real time (an append that returned before
// another was invoked has the smaller seqs).
type Recorder struct {
	start time.Time

	mu  sync.Mutex
	ops []porcupine.Operation
	// seqs are the seq each answer gave each id, and ids the reverse.
	seqs     map[uuid.UUID]uint64
	ids      map[uint64]uuid.UUID
	problems []string
}

// NewRecorder returns an empty recorder whose clock starts now.
func NewRecorder() *Recorder {
	return &Recorder{start: time.Now(), seqs: make(map[uuid.UUID]uint64), ids: make(map[uint64]uuid.UUID)}
}

// Now returns the recorder's clock.
func (r *Recorder) Now() int64 { return int64(time.Since(r.start)) }

// Op is an operation invoked and not yet returned.
type Op struct {
	r      *Recorder
	client int
	in     Input
	call   int64
}

// Invoke records that client (0-based) invokes in now. Call it immediately
// before the operation; in.IDs must not change afterwards.
func (r *Recorder) Invoke(client int, in Input) *Op {
	return &Op{r: r, client: client, in: in, call: r.Now()}
}

// Return records that the operation returned out now. Call it immediately
// after the operation returns.
func (op *Op) Return(out Output) { op.ReturnAt(out, op.r.Now()) }

// ReturnAt records that the operation returned out at time at: for an
// Unknown outcome, when it was settled at the latest (the server was
// killed), or math.MaxInt64 if never.
func (op *Op) ReturnAt(out Output, at int64) {
	r := op.r
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ops = append(r.ops, porcupine.Operation{ClientId: op.client, Input: op.in, Call: op.call, Output: out, Return: at})
	if out.Result == Malformed {
		r.problems = append(r.problems, fmt.Sprintf("client %d, stream %q: %s", op.client, op.in.Stream, out.Problem))
	}
}

// Len returns the number of operations returned so far.
func (r *Recorder) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.ops)
}

// History returns a copy of the operations recorded so far.
func (r *Recorder) History() []porcupine.Operation {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.ops)
}

// Problems returns what the recorder found wrong without the model: each
// Malformed output, and every id whose seq changed or whose seq another id
// also had.
func (r *Recorder) Problems() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.problems)
}

// noteSeq records that an answer gave id seq. r.mu must be held.
func (r *Recorder) noteSeq(id uuid.UUID, seq uint64) {
	if s, ok := r.seqs[id]; ok && s != seq {
		r.problems = append(r.problems, fmt.Sprintf("event %s was given seq %d, and seq %d elsewhere", id, seq, s))
		return
	}
	if other, ok := r.ids[seq]; ok && other != id {
		r.problems = append(r.problems, fmt.Sprintf("seq %d was given to event %s and to event %s", seq, id, other))
		return
	}
	r.seqs[id], r.ids[seq] = seq, id
}

// NoteEvents notes the seqs of events read otherwise (a ReadAll), for
// Problems.
func (r *Recorder) NoteEvents(evs []eventstore.RecordedEvent) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, ev := range evs {
		r.noteSeq(ev.ID, ev.Seq)
	}
}

// AppendOutput turns what Store.Append returned for in into an Output,
// and notes the seqs it gave. Errors other than ErrConcurrency and
// ErrIDConflict are Unknown: the caller decides whether such an error may
// happen at all.
func (r *Recorder) AppendOutput(in Input, res eventstore.AppendResult, err error) Output {
	var ce *eventstore.ConcurrencyError
	switch {
	case errors.As(err, &ce):
		if ce.Stream != in.Stream {
			return malformed("ConcurrencyError names stream %q, not %q", ce.Stream, in.Stream)
		}
		return Output{Result: Concurrency, Actual: ce.Actual}
	case errors.Is(err, eventstore.ErrConcurrency):
		return malformed("ErrConcurrency is not a *ConcurrencyError: %v", err)
	case errors.Is(err, eventstore.ErrIDConflict):
		return Output{Result: IDConflict}
	case err != nil:
		return Output{Result: Unknown, Problem: err.Error()}
	}
	if res.Stream != in.Stream {
		return malformed("result names stream %q, not %q", res.Stream, in.Stream)
	}
	if len(res.Events) != len(in.IDs) {
		return malformed("result has %d events for %d appended", len(res.Events), len(in.IDs))
	}
	first := res.Events[0]
	for i, ev := range res.Events {
		switch {
		case ev.ID != in.IDs[i]:
			return malformed("result event %d has id %s, appended %s", i, ev.ID, in.IDs[i])
		case ev.Stream != in.Stream:
			return malformed("result event %d has stream %q", i, ev.Stream)
		case ev.Revision != first.Revision+uint64(i) || ev.Seq != first.Seq+uint64(i):
			return malformed("result event %d has seq %d revision %d, not contiguous from seq %d revision %d", i, ev.Seq, ev.Revision, first.Seq, first.Revision)
		}
	}
	if res.Revision != res.Events[len(res.Events)-1].Revision {
		return malformed("result revision %d is not its last event's %d", res.Revision, res.Events[len(res.Events)-1].Revision)
	}
	r.mu.Lock()
	for _, ev := range res.Events {
		r.noteSeq(ev.ID, ev.Seq)
	}
	r.mu.Unlock()
	return Output{Result: OK, First: first.Revision, Last: res.Revision, Duplicate: res.Duplicate,
		FirstSeq: first.Seq, LastSeq: res.Events[len(res.Events)-1].Seq}
}

// ReadOutput turns what a whole-stream ReadStream of stream yielded (its
// events, and its error) into an Output, and notes the seqs it gave. A
// read error is Unknown.
func (r *Recorder) ReadOutput(stream string, evs []eventstore.RecordedEvent, err error) Output {
	if err != nil {
		return Output{Result: Unknown, Problem: err.Error()}
	}
	ids := make([]uuid.UUID, len(evs))
	for i, ev := range evs {
		switch {
		case ev.Stream != stream:
			return malformed("read event %d has stream %q", i, ev.Stream)
		case ev.Revision != uint64(i):
			return malformed("read event %d has revision %d", i, ev.Revision)
		case i > 0 && ev.Seq <= evs[i-1].Seq:
			return malformed("read event %d has seq %d after seq %d", i, ev.Seq, evs[i-1].Seq)
		}
		ids[i] = ev.ID
	}
	r.mu.Lock()
	for _, ev := range evs {
		r.noteSeq(ev.ID, ev.Seq)
	}
	r.mu.Unlock()
	return Output{Result: OK, IDs: ids}
}

func malformed(format string, args ...any) Output {
	return Output{Result: Malformed, Problem: fmt.Sprintf(format, args...)}
}

// Verdict is the outcome of Check.
type Verdict struct {
	// Result is porcupine's: Ok, Illegal, or Unknown if it timed out.
	Result porcupine.CheckResult
	// Ops and Streams count what was checked.
	Ops, Streams int
	// Problems are what the recorder found wrong apart from the model
	// (Problems) and real-time order violations of seqs.
	Problems []string
	// Info is porcupine's account, for Visualize.
	Info porcupine.LinearizationInfo
	// Took is how long the check ran.
	Took time.Duration
}

// OK reports whether the history is linearizable and nothing else was
// found wrong.
func (v *Verdict) OK() bool { return v.Result == porcupine.Ok && len(v.Problems) == 0 }

// Check checks the history recorded: linearizability per stream with Model
// (giving up after timeout; 0 means none), the recorder's Problems, and
// that seqs follow real time.
func (r *Recorder) Check(timeout time.Duration) Verdict {
	start := time.Now()
	hist := r.History()
	v := Verdict{Ops: len(hist), Streams: len(partition(hist))}
	v.Problems = append(r.Problems(), seqOrderProblems(hist)...)
	v.Result, v.Info = porcupine.CheckOperationsVerbose(Model(), hist, timeout)
	v.Took = time.Since(start)
	return v
}

// Visualize writes porcupine's HTML picture of the history checked to a new
// temporary file, and returns its path.
func (v *Verdict) Visualize() (string, error) {
	f, err := os.CreateTemp("", "tdkt-lincheck-*.html")
	if err != nil {
		return "", err
	}
	defer f.Close()
	if err := porcupine.Visualize(Model(), v.Info, f); err != nil {
		return "", err
	}
	return f.Name(), f.Close()
}

// seqOrderProblems checks that fresh appends got seqs in real-time order:
// if A returned before B was invoked, every seq of A is below every seq of
// B. Only OK appends that are not duplicates take part.
func seqOrderProblems(hist []porcupine.Operation) []string {
	type span struct {
		call, ret int64
		lo, hi    uint64
	}
	var spans []span
	for _, op := range hist {
		in, out := op.Input.(Input), op.Output.(Output)
		if in.Kind != Append || out.Result != OK || out.Duplicate {
			continue
		}
		spans = append(spans, span{op.Call, op.Return, out.FirstSeq, out.LastSeq})
	}
	byRet := slices.Clone(spans)
	slices.SortFunc(byRet, func(a, b span) int { return cmp.Compare(a.ret, b.ret) })
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.call, b.call) })
	var problems []string
	j := 0
	var maxHi uint64
	have := false
	for _, b := range spans {
		for j < len(byRet) && byRet[j].ret < b.call {
			if !have || byRet[j].hi > maxHi {
				maxHi, have = byRet[j].hi, true
			}
			j++
		}
		if have && b.lo <= maxHi {
			problems = append(problems, fmt.Sprintf("an append invoked at %v got seq %d, but an append that returned before it got seq %d", time.Duration(b.call), b.lo, maxHi))
			if len(problems) == 10 {
				break
			}
		}
	}
	return problems
}
