package storetest

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"iter"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
)

var seedFlag = flag.Uint64("storetest.seed", 0, "seed of the randomized eventstore conformance tests (0: pick one and log it)")

const (
	// testTimeout bounds everything one subtest does with its store, so a
	// backend that deadlocks fails the test instead of hanging it.
	testTimeout = 30 * time.Second
	// waitTimeout bounds one wait for something that must happen soon.
	waitTimeout = 10 * time.Second
	// quietPeriod is how long a check that something does not happen
	// watches.
	quietPeriod = 30 * time.Millisecond
)

// Run runs the conformance suite of the eventstore.Store contract. open
// must return a fresh, empty store with the default size limit, and
// register its Close with tb.Cleanup; see the package documentation.
func Run(t *testing.T, open func(tb testing.TB) eventstore.Store) {
	t.Helper()
	seed := *seedFlag
	if seed == 0 {
		seed = rand.Uint64()
	}
	t.Logf("storetest seed %d (rerun with -storetest.seed=%d)", seed, seed)
	r := &runner{open: open, seed: seed}
	// The groups run one after the other and Run returns only when all
	// their subtests are done, so a caller's deferred cleanup cannot run
	// under a subtest. Inside a group everything runs in parallel.
	t.Run("Append", r.appendTests)
	t.Run("ReadStream", r.readStreamTests)
	t.Run("ReadAll", r.readAllTests)
	t.Run("Head", r.headTests)
	t.Run("StreamRevision", r.streamRevisionTests)
	t.Run("Subscribe", r.subscribeTests)
	t.Run("Close", r.closeTests)
}

type runner struct {
	open func(tb testing.TB) eventstore.Store
	seed uint64
}

// test runs fn as a parallel subtest named name on a fresh store. name may
// hold '/' to nest ("ErrConcurrency/Exact/TooLow"); -run matches it level by
// level.
func (r *runner) test(t *testing.T, name string, fn func(f *fixture)) {
	t.Helper()
	t.Run(name, func(t *testing.T) {
		t.Parallel()
		fn(r.fresh(t))
	})
}

// fixture is one subtest's store and the helpers that use it.
type fixture struct {
	t    *testing.T
	s    eventstore.Store
	ctx  context.Context
	seed uint64
	// closed is set by the Close subtests, which check the invariants
	// themselves before closing.
	closed bool
}

func (r *runner) fresh(t *testing.T) *fixture {
	t.Helper()
	s := r.open(t)
	if s == nil {
		t.Fatal("open returned a nil Store")
	}
	ctx, cancel := context.WithTimeout(t.Context(), testTimeout)
	f := &fixture{t: t, s: s, ctx: ctx, seed: r.seed}
	// Registered after open's Close, so it runs before it.
	t.Cleanup(func() {
		cancel()
		if !f.closed {
			CheckInvariants(t, s)
		}
	})
	if h := f.head(); h != 0 {
		t.Fatalf("open returned a store with %d events; Run needs a fresh, empty one", h)
	}
	return f
}

// rand returns a generator seeded from the suite's seed, and logs it.
func (f *fixture) rand() *rand.Rand {
	f.t.Helper()
	f.t.Logf("random seed %d (rerun with -storetest.seed=%d)", f.seed, f.seed)
	return rand.New(rand.NewPCG(f.seed, 0x9e3779b97f4a7c15))
}

// NewEvent returns a well-formed event of type typ with data as its body, a
// fresh UUIDv7 id, schema 1 and nothing else set. data must be a compact
// JSON object for the event to be valid.
func NewEvent(typ, data string) eventstore.Event {
	return eventstore.Event{ID: uuid.Must(uuid.NewV7()), Type: typ, Schema: 1, Data: []byte(data)}
}

// numbered returns n events of type typ whose data names tag and their
// index.
func numbered(tag string, n int) []eventstore.Event {
	evs := make([]eventstore.Event, n)
	for i := range evs {
		evs[i] = NewEvent("test.numbered.v1", fmt.Sprintf(`{"tag":%q,"i":%d}`, tag, i))
	}
	return evs
}

// cloneEvent returns a deep copy of e, with the same id.
func cloneEvent(e eventstore.Event) eventstore.Event { return e.Clone() }

func cloneEvents(evs []eventstore.Event) []eventstore.Event {
	out := make([]eventstore.Event, len(evs))
	for i, e := range evs {
		out[i] = cloneEvent(e)
	}
	return out
}

// append appends events and checks the result is a fresh (not duplicate)
// append of exactly those events. It fails the test on an error.
func (f *fixture) append(stream string, expected eventstore.ExpectedRevision, events ...eventstore.Event) eventstore.AppendResult {
	f.t.Helper()
	want := cloneEvents(events)
	res, err := f.s.Append(f.ctx, stream, expected, events...)
	if err != nil {
		f.t.Fatalf("Append(%q, %v, %d events): %v", stream, expected, len(events), err)
	}
	if res.Duplicate {
		f.t.Fatalf("Append(%q, %v) of new ids: Duplicate is true", stream, expected)
	}
	if msg := checkResult(res, stream, want); msg != "" {
		f.t.Fatalf("Append(%q, %v): %s", stream, expected, msg)
	}
	return res
}

// checkResult checks that res records events in stream with contiguous
// seqs and revisions. It returns what is wrong, or "".
func checkResult(res eventstore.AppendResult, stream string, events []eventstore.Event) string {
	if res.Stream != stream {
		return fmt.Sprintf("result stream %q, want %q", res.Stream, stream)
	}
	if len(res.Events) != len(events) {
		return fmt.Sprintf("result has %d events, want %d", len(res.Events), len(events))
	}
	if len(res.Events) == 0 {
		return ""
	}
	first := res.Events[0]
	for i, ev := range res.Events {
		switch {
		case ev.Stream != stream:
			return fmt.Sprintf("event %d has stream %q, want %q", i, ev.Stream, stream)
		case ev.Seq != first.Seq+uint64(i):
			return fmt.Sprintf("event %d has seq %d, want %d (contiguous from %d)", i, ev.Seq, first.Seq+uint64(i), first.Seq)
		case ev.Revision != first.Revision+uint64(i):
			return fmt.Sprintf("event %d has revision %d, want %d (contiguous from %d)", i, ev.Revision, first.Revision+uint64(i), first.Revision)
		case ev.RecordedAt.IsZero():
			return fmt.Sprintf("event %d has no recordedAt", i)
		case ev.RecordedAt.Location() != time.UTC:
			return fmt.Sprintf("event %d has recordedAt %v, not in UTC", i, ev.RecordedAt)
		case !eventstore.SameContent(ev.Event, events[i]):
			return fmt.Sprintf("event %d content differs from what was appended:\n got %s\nwant %+v", i, clip(eventstore.ExportLine(&ev)), events[i])
		}
	}
	if last := res.Events[len(res.Events)-1]; res.Revision != last.Revision {
		return fmt.Sprintf("result revision %d, want %d (the last event's)", res.Revision, last.Revision)
	}
	return ""
}

// diffRecorded says how got differs from want, or returns "". The export
// line covers every field (recordedAt to the nanosecond); the zone of
// recordedAt is checked apart because the line is always written in UTC.
func diffRecorded(want, got eventstore.RecordedEvent) string {
	wl, gl := eventstore.ExportLine(&want), eventstore.ExportLine(&got)
	if !bytes.Equal(wl, gl) {
		return lineDiff(wl, gl)
	}
	if !eventstore.SameContent(want.Event, got.Event) {
		return fmt.Sprintf("same export line but different content:\n got %+v\nwant %+v", got.Event, want.Event)
	}
	if got.RecordedAt.Location() != time.UTC {
		return fmt.Sprintf("recordedAt %v is not in UTC", got.RecordedAt)
	}
	return ""
}

// lineDiff shows where two export lines first differ.
func lineDiff(want, got []byte) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	from := max(i-60, 0)
	show := func(b []byte) string {
		to := min(i+60, len(b))
		return fmt.Sprintf("…%s… (%d bytes)", b[from:to], len(b))
	}
	return fmt.Sprintf("export lines differ at byte %d:\n got %s\nwant %s", i, show(got), show(want))
}

func clip(line []byte) string {
	if len(line) <= 300 {
		return string(line)
	}
	return fmt.Sprintf("%s… (%d bytes)", line[:300], len(line))
}

// sameEvents fails the test unless got and want hold the same recorded
// events in the same order.
func (f *fixture) sameEvents(what string, want, got []eventstore.RecordedEvent) {
	f.t.Helper()
	if msg := diffEvents(want, got); msg != "" {
		f.t.Fatalf("%s: %s", what, msg)
	}
}

func diffEvents(want, got []eventstore.RecordedEvent) string {
	for i := range min(len(want), len(got)) {
		if msg := diffRecorded(want[i], got[i]); msg != "" {
			return fmt.Sprintf("event %d (seq %d): %s", i, want[i].Seq, msg)
		}
	}
	if len(got) != len(want) {
		return fmt.Sprintf("got %d events, want %d", len(got), len(want))
	}
	return ""
}

// collect ranges over seq to its end or its first error.
func collect(seq iter.Seq2[eventstore.RecordedEvent, error]) ([]eventstore.RecordedEvent, error) {
	var out []eventstore.RecordedEvent
	for ev, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, ev)
	}
	return out, nil
}

// collectN ranges over seq until it has n events, then breaks out. It
// returns early on an error or the end of seq.
func collectN(seq iter.Seq2[eventstore.RecordedEvent, error], n int) ([]eventstore.RecordedEvent, error) {
	var out []eventstore.RecordedEvent
	if n <= 0 {
		return out, nil
	}
	for ev, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, ev)
		if len(out) == n {
			break
		}
	}
	return out, nil
}

// drain ranges over seq to its end and returns everything it yielded,
// errors included. It gives up after limit items, so an iterator that
// yields errors forever ends.
func drain(seq iter.Seq2[eventstore.RecordedEvent, error], limit int) (evs []eventstore.RecordedEvent, errs []error, errLast bool) {
	for ev, err := range seq {
		if err != nil {
			errs = append(errs, err)
			errLast = true
		} else {
			evs = append(evs, ev)
			errLast = false
		}
		if len(evs)+len(errs) >= limit {
			break
		}
	}
	return evs, errs, errLast
}

// within runs fn and fails the test if it does not return in time. fn runs
// on its own goroutine, so it must report with t.Error, not t.Fatal. A
// blocked fn is left behind: the test fails rather than hangs.
func (f *fixture) within(what string, fn func()) {
	f.t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	// Longer than waitTimeout, so a backend that honours the context a
	// blocked call was given reports that error first.
	d := waitTimeout + 5*time.Second
	select {
	case <-done:
	case <-time.After(d):
		f.t.Fatalf("%s did not return within %v: a deadlock, or a context that is not honoured", what, d)
	}
}

// waitCtx returns a context for one wait that must end soon.
func (f *fixture) waitCtx() context.Context {
	ctx, cancel := context.WithTimeout(f.ctx, waitTimeout)
	f.t.Cleanup(cancel)
	return ctx
}

func (f *fixture) readAll(from uint64) []eventstore.RecordedEvent {
	f.t.Helper()
	var evs []eventstore.RecordedEvent
	var err error
	f.within("ReadAll", func() { evs, err = collect(f.s.ReadAll(f.waitCtx(), from)) })
	if err != nil {
		f.t.Fatalf("ReadAll(from %d): %v", from, err)
	}
	return evs
}

func (f *fixture) readStream(stream string, from uint64) []eventstore.RecordedEvent {
	f.t.Helper()
	var evs []eventstore.RecordedEvent
	var err error
	f.within("ReadStream", func() { evs, err = collect(f.s.ReadStream(f.waitCtx(), stream, from)) })
	if err != nil {
		f.t.Fatalf("ReadStream(%q, from %d): %v", stream, from, err)
	}
	return evs
}

// subscribeN subscribes from from and returns the first n events.
func (f *fixture) subscribeN(from uint64, n int) []eventstore.RecordedEvent {
	f.t.Helper()
	var evs []eventstore.RecordedEvent
	var err error
	f.within("Subscribe", func() { evs, err = collectN(f.s.Subscribe(f.waitCtx(), from), n) })
	if err != nil {
		f.t.Fatalf("Subscribe(from %d) after %d of %d events: %v", from, len(evs), n, err)
	}
	if len(evs) != n {
		f.t.Fatalf("Subscribe(from %d) ended after %d events, want %d", from, len(evs), n)
	}
	return evs
}

func (f *fixture) head() uint64 {
	f.t.Helper()
	h, err := f.s.Head(f.ctx)
	if err != nil {
		f.t.Fatalf("Head: %v", err)
	}
	return h
}

func (f *fixture) wantHead(want uint64) {
	f.t.Helper()
	if got := f.head(); got != want {
		f.t.Fatalf("Head = %d, want %d", got, want)
	}
}

// wantRevision checks StreamRevision; rev < 0 means the stream must have
// no events.
func (f *fixture) wantRevision(stream string, rev int64) {
	f.t.Helper()
	got, ok, err := f.s.StreamRevision(f.ctx, stream)
	if err != nil {
		f.t.Fatalf("StreamRevision(%q): %v", stream, err)
	}
	switch {
	case rev < 0 && ok:
		f.t.Fatalf("StreamRevision(%q) = %d, true; want no stream", stream, got)
	case rev >= 0 && (!ok || got != uint64(rev)):
		f.t.Fatalf("StreamRevision(%q) = %d, %v; want %d, true", stream, got, ok, rev)
	}
}

// CheckInvariants checks what every store must hold at rest: ReadAll from 0
// yields exactly seq 0..Head-1; each stream's revisions are dense from 0 in
// seq order; ReadStream and StreamRevision agree with ReadAll; every event
// is valid, has a unique id and a recordedAt in UTC, and its export line
// is canonical. It reports with tb.Error. It runs after each subtest of
// Run, and backends may call it from their own tests.
func CheckInvariants(tb testing.TB, s eventstore.Store) {
	tb.Helper()
	// A test's own context is already cancelled when its cleanups run.
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	done := make(chan struct{})
	var msgs []string
	go func() {
		defer close(done)
		msgs = invariantErrors(ctx, s)
	}()
	select {
	case <-done:
	case <-time.After(waitTimeout + 5*time.Second):
		tb.Errorf("invariants: reading the store did not finish within %v", waitTimeout+5*time.Second)
		return
	}
	for _, m := range msgs {
		tb.Error("invariants: " + m)
	}
}

func invariantErrors(ctx context.Context, s eventstore.Store) []string {
	var msgs []string
	fail := func(format string, args ...any) bool {
		msgs = append(msgs, fmt.Sprintf(format, args...))
		return len(msgs) < 10
	}
	head, err := s.Head(ctx)
	if err != nil {
		fail("Head: %v", err)
		return msgs
	}
	all, err := collect(s.ReadAll(ctx, 0))
	if err != nil {
		fail("ReadAll(0): %v after %d events", err, len(all))
		return msgs
	}
	if uint64(len(all)) != head {
		if !fail("ReadAll(0) yielded %d events, Head is %d", len(all), head) {
			return msgs
		}
	}
	next := make(map[string]uint64)
	byStream := make(map[string][]eventstore.RecordedEvent)
	var order []string
	ids := make(map[uuid.UUID]uint64)
	for i, ev := range all {
		ok := true
		switch {
		case ev.Seq != uint64(i):
			ok = fail("ReadAll(0) yielded seq %d at position %d; seq must be dense from 0", ev.Seq, i)
		case ev.Revision != next[ev.Stream]:
			ok = fail("seq %d: stream %q revision %d, want %d (dense from 0 in seq order)", ev.Seq, ev.Stream, ev.Revision, next[ev.Stream])
		case ev.RecordedAt.IsZero() || ev.RecordedAt.Location() != time.UTC:
			ok = fail("seq %d: recordedAt %v is not a UTC time", ev.Seq, ev.RecordedAt)
		}
		if err := eventstore.ValidateStreamName(ev.Stream); err != nil {
			ok = fail("seq %d: %v", ev.Seq, err)
		}
		if err := eventstore.ValidateEvent(&ev.Event); err != nil {
			ok = fail("seq %d: stored event is not valid: %v", ev.Seq, err)
		}
		if prev, dup := ids[ev.ID]; dup {
			ok = fail("seq %d: id %s is also recorded at seq %d", ev.Seq, ev.ID, prev)
		}
		if _, err := eventstore.ParseExportLine(eventstore.ExportLine(&ev)); err != nil {
			ok = fail("seq %d: export line does not parse back: %v", ev.Seq, err)
		}
		if !ok {
			return msgs
		}
		ids[ev.ID] = ev.Seq
		if _, seen := byStream[ev.Stream]; !seen {
			order = append(order, ev.Stream)
		}
		next[ev.Stream] = ev.Revision + 1
		byStream[ev.Stream] = append(byStream[ev.Stream], ev)
	}
	for _, stream := range order {
		want := byStream[stream]
		got, err := collect(s.ReadStream(ctx, stream, 0))
		if err != nil {
			fail("ReadStream(%q): %v", stream, err)
			return msgs
		}
		if msg := diffEvents(want, got); msg != "" {
			if !fail("ReadStream(%q) disagrees with ReadAll: %s", stream, msg) {
				return msgs
			}
		}
		rev, ok, err := s.StreamRevision(ctx, stream)
		if last := want[len(want)-1].Revision; err != nil || !ok || rev != last {
			if !fail("StreamRevision(%q) = %d, %v, %v; want %d, true, nil", stream, rev, ok, err, last) {
				return msgs
			}
		}
	}
	return msgs
}

// wantConcurrencyError checks that err is a *ConcurrencyError for stream
// with the given expected and actual revisions.
func wantConcurrencyError(t *testing.T, err error, stream string, expected eventstore.ExpectedRevision, actual int64) {
	t.Helper()
	if err == nil {
		t.Fatalf("Append(%q, %v) succeeded, want ErrConcurrency (actual %d)", stream, expected, actual)
	}
	if !errors.Is(err, eventstore.ErrConcurrency) {
		t.Fatalf("Append(%q, %v): %v; want errors.Is ErrConcurrency", stream, expected, err)
	}
	var ce *eventstore.ConcurrencyError
	if !errors.As(err, &ce) {
		t.Fatalf("Append(%q, %v): %v (%T); want errors.As *ConcurrencyError", stream, expected, err, err)
	}
	if ce.Stream != stream || ce.Expected != expected || ce.Actual != actual {
		t.Fatalf("ConcurrencyError{Stream %q, Expected %v, Actual %d}, want {%q, %v, %d}",
			ce.Stream, ce.Expected, ce.Actual, stream, expected, actual)
	}
}

// wantIDConflict checks that err is an *IDConflictError naming an id that
// is recorded, with the seq it is recorded at. recorded maps the ids the
// test recorded to their seqs.
func wantIDConflict(t *testing.T, err error, recorded map[uuid.UUID]uint64) {
	t.Helper()
	if err == nil {
		t.Fatal("Append succeeded, want ErrIDConflict")
	}
	if !errors.Is(err, eventstore.ErrIDConflict) {
		t.Fatalf("Append: %v; want errors.Is ErrIDConflict", err)
	}
	var ce *eventstore.IDConflictError
	if !errors.As(err, &ce) {
		t.Fatalf("Append: %v (%T); want errors.As *IDConflictError", err, err)
	}
	seq, ok := recorded[ce.ID]
	if !ok {
		t.Fatalf("IDConflictError names id %s, which is not recorded (%v)", ce.ID, err)
	}
	if ce.Seq != seq {
		t.Fatalf("IDConflictError says id %s is at seq %d; it is at seq %d", ce.ID, ce.Seq, seq)
	}
}

// seqsOf maps the ids of recorded events to their seqs.
func seqsOf(results ...eventstore.AppendResult) map[uuid.UUID]uint64 {
	m := make(map[uuid.UUID]uint64)
	for _, r := range results {
		for _, ev := range r.Events {
			m[ev.ID] = ev.Seq
		}
	}
	return m
}
