package storetest

import (
	"errors"
	"iter"
	"testing"

	"github.com/tdkt/tdkt/eventstore"
)

func (r *runner) closeTests(t *testing.T) {
	r.test(t, "ErrClosed", testClosed)
	r.test(t, "SubscribeEnds", testCloseEndsSubscribe)
}

// close checks the invariants and closes the store. The fixture's cleanup
// then skips its own check, which needs an open store.
func (f *fixture) close() {
	f.t.Helper()
	CheckInvariants(f.t, f.s)
	f.closed = true
	var err error
	f.within("Close", func() { err = f.s.Close() })
	if err != nil {
		f.t.Fatalf("Close: %v", err)
	}
}

// testClosed: every call after Close fails with ErrClosed, and Close may be
// called again.
func testClosed(f *fixture) {
	evs := numbered("closed", 2)
	f.append("closed-1", eventstore.NoStream, evs...)
	f.close()

	var err error
	f.within("Close again", func() { err = f.s.Close() })
	if err != nil && !errors.Is(err, eventstore.ErrClosed) {
		f.t.Errorf("second Close: %v; want nil or ErrClosed", err)
	}
	ctx := f.waitCtx()
	f.within("calls after Close", func() {
		if _, err := f.s.Append(ctx, "closed-1", eventstore.Any, numbered("after", 1)...); !errors.Is(err, eventstore.ErrClosed) {
			f.t.Errorf("Append after Close: %v; want ErrClosed", err)
		}
		// A retry of a recorded append too: the store cannot answer it.
		if _, err := f.s.Append(ctx, "closed-1", eventstore.Any, evs...); !errors.Is(err, eventstore.ErrClosed) {
			f.t.Errorf("retried Append after Close: %v; want ErrClosed", err)
		}
		if _, err := f.s.Head(ctx); !errors.Is(err, eventstore.ErrClosed) {
			f.t.Errorf("Head after Close: %v; want ErrClosed", err)
		}
		if _, _, err := f.s.StreamRevision(ctx, "closed-1"); !errors.Is(err, eventstore.ErrClosed) {
			f.t.Errorf("StreamRevision after Close: %v; want ErrClosed", err)
		}
		for name, seq := range map[string]iter.Seq2[eventstore.RecordedEvent, error]{
			"ReadAll":    f.s.ReadAll(ctx, 0),
			"ReadStream": f.s.ReadStream(ctx, "closed-1", 0),
			"Subscribe":  f.s.Subscribe(ctx, 0),
		} {
			evs, errs, _ := drain(seq, 100)
			if len(evs) != 0 || len(errs) != 1 || !errors.Is(errs[0], eventstore.ErrClosed) {
				f.t.Errorf("%s after Close yielded %d events and errors %v; want only ErrClosed, once", name, len(evs), errs)
			}
		}
	})
}

// testCloseEndsSubscribe: a subscription waiting for new events ends with
// ErrClosed when the store is closed.
func testCloseEndsSubscribe(f *fixture) {
	want := f.append("closing-1", eventstore.NoStream, numbered("a", 2)...).Events
	sub := f.subscribe(f.ctx, 0)
	for i := range want {
		f.sameEvents("Subscribe", want[i:i+1], []eventstore.RecordedEvent{sub.next()})
	}
	sub.quiet()
	f.close()
	sub.wantEndWith(eventstore.ErrClosed)
}
