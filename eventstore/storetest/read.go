package storetest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"testing"

	"github.com/tdkt/tdkt/eventstore"
)

func (r *runner) readStreamTests(t *testing.T) {
	r.test(t, "OK/MissingStream", testReadStreamMissing)
	r.test(t, "OK/FromRevision", testReadStreamFrom)
	r.test(t, "OK/EarlyBreak", func(f *fixture) {
		f.append("break-1", eventstore.NoStream, numbered("break", 5)...)
		testEarlyBreak(f, "ReadStream", func(ctx context.Context) iter.Seq2[eventstore.RecordedEvent, error] {
			return f.s.ReadStream(ctx, "break-1", 0)
		})
	})
	r.test(t, "OK/AppendWhileIterating", func(f *fixture) {
		f.append("iterating-1", eventstore.NoStream, numbered("before", 3)...)
		testAppendWhileIterating(f, "ReadStream", 3, func(ctx context.Context) iter.Seq2[eventstore.RecordedEvent, error] {
			return f.s.ReadStream(ctx, "iterating-1", 0)
		})
	})
	r.test(t, "ErrCanceled/Before", func(f *fixture) {
		f.append("cancel-1", eventstore.NoStream, numbered("cancel", 3)...)
		testReadCanceled(f, "ReadStream", func(ctx context.Context) iter.Seq2[eventstore.RecordedEvent, error] {
			return f.s.ReadStream(ctx, "cancel-1", 0)
		})
	})
	r.test(t, "ErrCanceled/WhileIterating", func(f *fixture) {
		testCanceledWhileIterating(f, "ReadStream", func(ctx context.Context) iter.Seq2[eventstore.RecordedEvent, error] {
			return f.s.ReadStream(ctx, longStream, 0)
		})
	})
}

func (r *runner) readAllTests(t *testing.T) {
	r.test(t, "OK/Empty", func(f *fixture) {
		for _, from := range []uint64{0, 1, 1 << 40} {
			if got := f.readAll(from); len(got) != 0 {
				f.t.Fatalf("ReadAll(from %d) of an empty store yielded %d events", from, len(got))
			}
		}
	})
	r.test(t, "OK/FromSeq", testReadAllFrom)
	r.test(t, "OK/EarlyBreak", func(f *fixture) {
		f.append("break-1", eventstore.NoStream, numbered("break", 3)...)
		f.append("break-2", eventstore.NoStream, numbered("break", 2)...)
		testEarlyBreak(f, "ReadAll", func(ctx context.Context) iter.Seq2[eventstore.RecordedEvent, error] {
			return f.s.ReadAll(ctx, 0)
		})
	})
	r.test(t, "OK/AppendWhileIterating", func(f *fixture) {
		f.append("iterating-1", eventstore.NoStream, numbered("before", 3)...)
		testAppendWhileIterating(f, "ReadAll", 3, func(ctx context.Context) iter.Seq2[eventstore.RecordedEvent, error] {
			return f.s.ReadAll(ctx, 0)
		})
	})
	r.test(t, "ErrCanceled/Before", func(f *fixture) {
		f.append("cancel-1", eventstore.NoStream, numbered("cancel", 3)...)
		testReadCanceled(f, "ReadAll", func(ctx context.Context) iter.Seq2[eventstore.RecordedEvent, error] {
			return f.s.ReadAll(ctx, 0)
		})
	})
	r.test(t, "ErrCanceled/WhileIterating", func(f *fixture) {
		testCanceledWhileIterating(f, "ReadAll", func(ctx context.Context) iter.Seq2[eventstore.RecordedEvent, error] {
			return f.s.ReadAll(ctx, 0)
		})
	})
}

func (r *runner) headTests(t *testing.T) {
	r.test(t, "OK", func(f *fixture) {
		f.wantHead(0)
		f.append("head-1", eventstore.NoStream, numbered("a", 3)...)
		f.wantHead(3)
		f.append("head-2", eventstore.NoStream, numbered("b", 1)...)
		f.wantHead(4)
		if _, err := f.s.Append(f.ctx, "head-2", eventstore.NoStream, numbered("c", 2)...); err == nil {
			f.t.Fatal("Append expecting no stream to an existing stream succeeded")
		}
		f.wantHead(4)
	})
}

func (r *runner) streamRevisionTests(t *testing.T) {
	r.test(t, "OK", func(f *fixture) {
		const stream = "đơn-vị-Hà-Nội-01"
		f.wantRevision(stream, -1)
		f.append(stream, eventstore.NoStream, numbered("a", 1)...)
		f.wantRevision(stream, 0)
		f.append("other-1", eventstore.NoStream, numbered("b", 3)...)
		f.wantRevision(stream, 0)
		f.append(stream, eventstore.Exact(0), numbered("c", 4)...)
		f.wantRevision(stream, 4)
		f.wantRevision("other-1", 2)
		f.wantRevision("đơn-vị-Hà-Nội-02", -1)
	})
}

// testReadStreamMissing: a stream with no events yields nothing and no
// error.
func testReadStreamMissing(f *fixture) {
	f.append("present-1", eventstore.NoStream, numbered("present", 2)...)
	for _, stream := range []string{"missing-1", "present", "present-1 ", "Present-1"} {
		if got := f.readStream(stream, 0); len(got) != 0 {
			f.t.Fatalf("ReadStream(%q) yielded %d events, want none", stream, len(got))
		}
	}
}

// testReadStreamFrom: ReadStream yields the revisions from from on, with
// their seqs, skipping other streams' events.
func testReadStreamFrom(f *fixture) {
	var want []eventstore.RecordedEvent
	for i := range 5 {
		res := f.append("from-1", eventstore.Any, NewEvent("test.v1", fmt.Sprintf(`{"i":%d}`, i)))
		want = append(want, res.Events...)
		f.append(fmt.Sprintf("other-%d", i%2), eventstore.Any, NewEvent("test.v1", fmt.Sprintf(`{"other":%d}`, i)))
	}
	for _, from := range []uint64{0, 1, 2, 4, 5, 6, 1 << 40} {
		var w []eventstore.RecordedEvent
		if from < uint64(len(want)) {
			w = want[from:]
		}
		f.sameEvents(fmt.Sprintf("ReadStream(from %d)", from), w, f.readStream("from-1", from))
	}
}

// testReadAllFrom: ReadAll yields the ledger from seq from on.
func testReadAllFrom(f *fixture) {
	var want []eventstore.RecordedEvent
	for i := range 4 {
		res := f.append(fmt.Sprintf("from-%d", i%3), eventstore.Any, numbered(fmt.Sprint(i), 1+i%3)...)
		want = append(want, res.Events...)
	}
	n := uint64(len(want))
	for _, from := range []uint64{0, 1, n / 2, n - 1, n, n + 1, 1 << 40} {
		var w []eventstore.RecordedEvent
		if from < n {
			w = want[from:]
		}
		f.sameEvents(fmt.Sprintf("ReadAll(from %d)", from), w, f.readAll(from))
	}
}

// testEarlyBreak: breaking out of an iterator releases what it holds: an
// Append and a full read still work afterwards, within a time limit.
func testEarlyBreak(f *fixture, name string, read func(ctx context.Context) iter.Seq2[eventstore.RecordedEvent, error]) {
	want := f.readAll(0)
	for _, n := range []int{1, 2} {
		f.within(name+" broken out of", func() {
			evs, err := collectN(read(f.waitCtx()), n)
			if err != nil || len(evs) != n {
				f.t.Errorf("%s: %d events, %v; want %d events", name, len(evs), err, n)
			}
		})
	}
	var res eventstore.AppendResult
	var err error
	f.within("Append after breaking out of "+name, func() {
		res, err = f.s.Append(f.waitCtx(), "after-break", eventstore.NoStream, NewEvent("test.v1", `{}`))
	})
	if err != nil {
		f.t.Fatalf("Append after breaking out of %s: %v", name, err)
	}
	f.sameEvents("ReadAll after the break", append(want, res.Events...), f.readAll(0))
}

// testAppendWhileIterating: a consumer may append while it iterates
// without deadlocking. The iterator yields dense events, and may or may not
// include the ones appended meanwhile.
func testAppendWhileIterating(f *fixture, name string, before int, read func(ctx context.Context) iter.Seq2[eventstore.RecordedEvent, error]) {
	var got []eventstore.RecordedEvent
	f.within(name+" with an Append in its loop", func() {
		ctx := f.waitCtx()
		for ev, err := range read(ctx) {
			if err != nil {
				f.t.Errorf("%s: %v", name, err)
				return
			}
			got = append(got, ev)
			if len(got) == 1 {
				if _, err := f.s.Append(ctx, "iterating-1", eventstore.Any, numbered("during", 2)...); err != nil {
					f.t.Errorf("Append inside the %s loop: %v", name, err)
					return
				}
			}
		}
	})
	if f.t.Failed() {
		return
	}
	if len(got) != before && len(got) != before+2 {
		f.t.Fatalf("%s yielded %d events, want %d (before the append) or %d (after)", name, len(got), before, before+2)
	}
	all := f.readStream("iterating-1", 0)
	f.sameEvents(name+" while appending", all[:len(got)], got)
}

// testReadCanceled: a read with a cancelled context yields the context's
// error, once, as the last thing it yields.
func testReadCanceled(f *fixture, name string, read func(ctx context.Context) iter.Seq2[eventstore.RecordedEvent, error]) {
	ctx, cancel := context.WithCancel(f.ctx)
	cancel()
	var errs []error
	var errLast bool
	f.within(name+" with a cancelled context", func() { _, errs, errLast = drain(read(ctx), 1000) })
	if len(errs) != 1 || !errLast || !errors.Is(errs[0], context.Canceled) {
		f.t.Fatalf("%s with a cancelled context yielded errors %v (last item an error: %v); want context.Canceled once, last", name, errs, errLast)
	}
}

// longStream and longLen size the ledger of the cancel-while-iterating
// tests: more events than any backend should read without looking at its
// context (STYLE: long loops check ctx.Done()).
const (
	longStream = "long-1"
	longLen    = 3000
)

// testCanceledWhileIterating: cancelling the context of a long read while
// it runs stops it before the end, and it yields the context's error, once,
// as the last thing it yields.
func testCanceledWhileIterating(f *fixture, name string, read func(ctx context.Context) iter.Seq2[eventstore.RecordedEvent, error]) {
	f.append(longStream, eventstore.NoStream, numbered("long", longLen)...)
	ctx, cancel := context.WithCancel(f.ctx)
	defer cancel()
	n := 0
	var errs []error
	errLast := false
	f.within(name+" cancelled while iterating", func() {
		for ev, err := range read(ctx) {
			if err != nil {
				errs = append(errs, err)
				errLast = true
				if len(errs) > 10 {
					break
				}
				continue
			}
			if ev.Seq != uint64(n) {
				f.t.Errorf("%s: event %d has seq %d", name, n, ev.Seq)
				return
			}
			n++
			errLast = false
			if n == 1 {
				cancel()
			}
		}
	})
	if len(errs) != 1 || !errLast || !errors.Is(errs[0], context.Canceled) {
		f.t.Fatalf("%s cancelled after its first event yielded errors %v (last item an error: %v); want context.Canceled once, last", name, errs, errLast)
	}
	if n >= longLen {
		f.t.Fatalf("%s yielded all %d events after its context was cancelled at the first; want it to stop early", name, n)
	}
	f.t.Logf("%s stopped %d events after the cancel", name, n-1)
}
