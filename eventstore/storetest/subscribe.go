package storetest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync"
	"testing"
	"time"

	"github.com/tdkt/tdkt/eventstore"
)

// subscription runs Subscribe on its own goroutine and hands over what it
// yields, so a test can wait for it with a time limit.
type subscription struct {
	f      *fixture
	from   uint64
	items  chan subItem
	cancel context.CancelFunc
	stop   chan struct{}
	done   chan struct{}
}

type subItem struct {
	ev  eventstore.RecordedEvent
	err error
}

// subscribe starts a subscription from seq from under ctx. It is stopped
// when the test ends.
func (f *fixture) subscribe(ctx context.Context, from uint64) *subscription {
	ctx, cancel := context.WithCancel(ctx)
	sub := &subscription{f: f, from: from, items: make(chan subItem), cancel: cancel, stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(sub.done)
		defer close(sub.items)
		for ev, err := range f.s.Subscribe(ctx, from) {
			select {
			case sub.items <- subItem{ev, err}:
			case <-sub.stop:
				return
			}
		}
	}()
	f.t.Cleanup(func() {
		close(sub.stop)
		cancel()
		select {
		case <-sub.done:
		case <-time.After(waitTimeout):
			f.t.Errorf("Subscribe(from %d) did not stop within %v of its context's end", from, waitTimeout)
		}
	})
	return sub
}

// next returns the next event, and fails the test on an error, the end of
// the subscription, or a timeout.
func (s *subscription) next() eventstore.RecordedEvent {
	s.f.t.Helper()
	select {
	case it, ok := <-s.items:
		switch {
		case !ok:
			s.f.t.Fatalf("Subscribe(from %d) ended, want an event", s.from)
		case it.err != nil:
			s.f.t.Fatalf("Subscribe(from %d): %v, want an event", s.from, it.err)
		}
		return it.ev
	case <-time.After(waitTimeout):
		s.f.t.Fatalf("Subscribe(from %d) yielded nothing within %v, want an event", s.from, waitTimeout)
	}
	return eventstore.RecordedEvent{} // not reached: Fatalf stops the test
}

// quiet fails the test if the subscription yields anything for a while.
func (s *subscription) quiet() {
	s.f.t.Helper()
	select {
	case it, ok := <-s.items:
		if !ok {
			s.f.t.Fatalf("Subscribe(from %d) ended, want it waiting", s.from)
		}
		s.f.t.Fatalf("Subscribe(from %d) yielded seq %d, %v; want it waiting for new events", s.from, it.ev.Seq, it.err)
	case <-time.After(quietPeriod):
	}
}

// end waits for the subscription to end and returns what it yielded
// meanwhile.
func (s *subscription) end() []subItem {
	s.f.t.Helper()
	var rest []subItem
	deadline := time.After(waitTimeout)
	for {
		select {
		case it, ok := <-s.items:
			if !ok {
				return rest
			}
			rest = append(rest, it)
			if len(rest) > 1000 {
				s.f.t.Fatalf("Subscribe(from %d) keeps yielding after it should have ended: %v", s.from, it.err)
			}
		case <-deadline:
			s.f.t.Fatalf("Subscribe(from %d) did not end within %v", s.from, waitTimeout)
		}
	}
}

// wantEndWith checks that the subscription ends having yielded only err,
// once.
func (s *subscription) wantEndWith(target error) {
	s.f.t.Helper()
	rest := s.end()
	if len(rest) != 1 || !errors.Is(rest[0].err, target) {
		var got []string
		for _, it := range rest {
			got = append(got, fmt.Sprintf("{seq %d, err %v}", it.ev.Seq, it.err))
		}
		s.f.t.Fatalf("Subscribe(from %d) ended with %v; want exactly one error matching %v", s.from, got, target)
	}
}

func (r *runner) subscribeTests(t *testing.T) {
	r.test(t, "OK/CatchUpThenLive", testSubscribeCatchUpThenLive)
	r.test(t, "OK/FromMiddle", testSubscribeFromMiddle)
	r.test(t, "OK/FromAhead", testSubscribeFromAhead)
	r.test(t, "OK/HandOverUnderLoad", testSubscribeHandOver)
	r.test(t, "OK/EarlyBreak", testSubscribeEarlyBreak)
	r.test(t, "ErrCanceled/Waiting", testSubscribeCanceledWaiting)
	r.test(t, "ErrCanceled/CatchingUp", func(f *fixture) {
		testCanceledWhileIterating(f, "Subscribe", func(ctx context.Context) iter.Seq2[eventstore.RecordedEvent, error] {
			return f.s.Subscribe(ctx, 0)
		})
	})
	r.test(t, "ErrCanceled/Before", func(f *fixture) {
		f.append("cancel-1", eventstore.NoStream, numbered("cancel", 3)...)
		ctx, cancel := context.WithCancel(f.ctx)
		cancel()
		var errs []error
		var errLast bool
		f.within("Subscribe with a cancelled context", func() { _, errs, errLast = drain(f.s.Subscribe(ctx, 0), 1000) })
		if len(errs) != 1 || !errLast || !errors.Is(errs[0], context.Canceled) {
			f.t.Fatalf("Subscribe with a cancelled context yielded errors %v (last item an error: %v); want context.Canceled once, last", errs, errLast)
		}
	})
}

// testSubscribeCatchUpThenLive: a subscription yields what is recorded, then
// waits, then yields each new append as it happens, in seq order.
func testSubscribeCatchUpThenLive(f *fixture) {
	// From an empty store: live only.
	early := f.subscribe(f.ctx, 0)
	early.quiet()
	want := f.append("sub-1", eventstore.NoStream, numbered("first", 3)...).Events
	// And one from 0 once there is something to catch up with.
	late := f.subscribe(f.ctx, 0)
	for _, sub := range []*subscription{early, late} {
		for i := range want {
			f.sameEvents("Subscribe", want[i:i+1], []eventstore.RecordedEvent{sub.next()})
		}
		sub.quiet()
	}
	for i := range 3 {
		res := f.append(fmt.Sprintf("sub-%d", i%2), eventstore.Any, numbered(fmt.Sprint("live", i), 1+i)...)
		for _, sub := range []*subscription{early, late} {
			for j := range res.Events {
				f.sameEvents("Subscribe (live)", res.Events[j:j+1], []eventstore.RecordedEvent{sub.next()})
			}
		}
		want = append(want, res.Events...)
	}
	early.quiet()
	late.quiet()
	f.sameEvents("ReadAll", want, f.readAll(0))
}

// testSubscribeFromMiddle: a subscription from a recorded seq starts there.
func testSubscribeFromMiddle(f *fixture) {
	var all []eventstore.RecordedEvent
	for i := range 4 {
		all = append(all, f.append(fmt.Sprint("mid-", i), eventstore.NoStream, numbered("x", 2)...).Events...)
	}
	for _, from := range []uint64{1, 4, 7} {
		f.sameEvents(fmt.Sprintf("Subscribe(from %d)", from), all[from:], f.subscribeN(from, len(all)-int(from)))
	}
	sub := f.subscribe(f.ctx, 5)
	for _, want := range all[5:] {
		f.sameEvents("Subscribe(from 5)", []eventstore.RecordedEvent{want}, []eventstore.RecordedEvent{sub.next()})
	}
	sub.quiet()
	res := f.append("mid-0", eventstore.Exact(1), numbered("y", 1)...)
	f.sameEvents("Subscribe(from 5) live", res.Events, []eventstore.RecordedEvent{sub.next()})
}

// testSubscribeFromAhead: a subscription from a seq not yet recorded yields
// nothing until that seq is appended, then yields from exactly there.
func testSubscribeFromAhead(f *fixture) {
	f.append("ahead-1", eventstore.NoStream, numbered("a", 2)...)
	sub := f.subscribe(f.ctx, 4)
	sub.quiet()
	f.append("ahead-1", eventstore.Exact(1), numbered("b", 1)...) // seq 2
	sub.quiet()
	res := f.append("ahead-1", eventstore.Exact(2), numbered("c", 3)...) // seq 3..5
	for _, want := range res.Events[1:] {
		f.sameEvents("Subscribe(from 4)", []eventstore.RecordedEvent{want}, []eventstore.RecordedEvent{sub.next()})
	}
	sub.quiet()
}

// testSubscribeHandOver: subscriptions started before, during and after a
// stretch of concurrent appends, from 0 and from middle seqs, each see every
// event from their start exactly once, in dense seq order, with the content
// ReadAll gives.
func testSubscribeHandOver(f *fixture) {
	rng := f.rand()
	const appenders, appends, firstPhase = 4, 20, 6
	type step struct {
		size  int
		pause time.Duration
	}
	plans := make([][]step, appenders)
	total := 0
	for a := range plans {
		for range appends {
			n := 1 + rng.IntN(3)
			plans[a] = append(plans[a], step{size: n, pause: time.Duration(rng.IntN(300)) * time.Microsecond})
			total += n
		}
	}

	type result struct {
		from uint64
		evs  []eventstore.RecordedEvent
		err  error
	}
	results := make(chan result, 4)
	var subs sync.WaitGroup
	subscribeFrom := func(from uint64) {
		subs.Go(func() {
			ctx, cancel := context.WithTimeout(f.ctx, waitTimeout)
			defer cancel()
			evs, err := collectN(f.s.Subscribe(ctx, from), total-int(from))
			results <- result{from, evs, err}
		})
	}
	subscribeFrom(0) // before any append: everything arrives live

	var firstDone, appending sync.WaitGroup
	firstDone.Add(appenders)
	for a, plan := range plans {
		appending.Go(func() {
			var once sync.Once
			defer once.Do(firstDone.Done)
			stream := fmt.Sprintf("handover-%d", a)
			expected := eventstore.NoStream
			for i, st := range plan {
				if i == firstPhase {
					once.Do(firstDone.Done)
				}
				if i >= firstPhase {
					// Spread the rest out, so the subscriptions below catch
					// up while appends still arrive.
					time.Sleep(st.pause)
				}
				res, err := f.s.Append(f.ctx, stream, expected, numbered(fmt.Sprintf("%d-%d", a, i), st.size)...)
				if err != nil {
					f.t.Errorf("appender %d: %v", a, err)
					return
				}
				expected = eventstore.Exact(res.Revision)
			}
		})
	}
	firstDone.Wait()
	mid := f.head()
	f.t.Logf("subscribing mid-way at head %d of %d", mid, total)
	subscribeFrom(0)
	subscribeFrom(mid / 2)
	subscribeFrom(mid)
	f.within("appenders and subscriptions", func() {
		appending.Wait()
		subs.Wait()
	})
	close(results)
	if f.t.Failed() {
		return
	}
	all := f.readAll(0)
	if len(all) != total {
		f.t.Fatalf("ReadAll yielded %d events, want %d", len(all), total)
	}
	for r := range results {
		for i, ev := range r.evs {
			if want := r.from + uint64(i); ev.Seq != want {
				f.t.Fatalf("Subscribe(from %d): event %d has seq %d, want %d (dense, no gap, no duplicate)", r.from, i, ev.Seq, want)
			}
		}
		if r.err != nil {
			f.t.Fatalf("Subscribe(from %d) after %d events: %v", r.from, len(r.evs), r.err)
		}
		if len(r.evs) != total-int(r.from) {
			f.t.Fatalf("Subscribe(from %d) ended after %d events, want %d", r.from, len(r.evs), total-int(r.from))
		}
		f.sameEvents(fmt.Sprintf("Subscribe(from %d) against ReadAll", r.from), all[r.from:], r.evs)
	}
}

// testSubscribeEarlyBreak: breaking out of a subscription, during catch-up
// or on a live event, releases it: appends and new subscriptions still
// work.
func testSubscribeEarlyBreak(f *fixture) {
	f.append("break-1", eventstore.NoStream, numbered("a", 3)...)
	f.within("Subscribe broken out of during catch-up", func() {
		if evs, err := collectN(f.s.Subscribe(f.waitCtx(), 0), 1); err != nil || len(evs) != 1 {
			f.t.Errorf("Subscribe: %d events, %v; want 1 event", len(evs), err)
		}
	})
	f.within("Subscribe broken out of on a live event", func() {
		appended := make(chan error, 1)
		go func() {
			time.Sleep(quietPeriod)
			_, err := f.s.Append(f.waitCtx(), "break-1", eventstore.Exact(2), numbered("b", 2)...)
			appended <- err
		}()
		evs, err := collectN(f.s.Subscribe(f.waitCtx(), 3), 1)
		if err != nil || len(evs) != 1 || evs[0].Seq != 3 {
			f.t.Errorf("Subscribe(from 3): %d events, %v; want the live event at seq 3", len(evs), err)
		}
		if err := <-appended; err != nil {
			f.t.Errorf("Append: %v", err)
		}
	})
	if f.t.Failed() {
		return
	}
	var err error
	f.within("Append after breaking out of Subscribe", func() {
		_, err = f.s.Append(f.waitCtx(), "break-1", eventstore.Exact(4), numbered("c", 1)...)
	})
	if err != nil {
		f.t.Fatalf("Append after breaking out of Subscribe: %v", err)
	}
	f.sameEvents("Subscribe after the breaks", f.readAll(0), f.subscribeN(0, 6))
}

// testSubscribeCanceledWaiting: a subscription waiting for new events stops
// when its context is cancelled, yielding the context's error once.
func testSubscribeCanceledWaiting(f *fixture) {
	want := f.append("cancel-1", eventstore.NoStream, numbered("a", 2)...).Events
	ctx, cancel := context.WithCancel(f.ctx)
	sub := f.subscribe(ctx, 0)
	for i := range want {
		f.sameEvents("Subscribe", want[i:i+1], []eventstore.RecordedEvent{sub.next()})
	}
	sub.quiet()
	cancel()
	sub.wantEndWith(context.Canceled)
	// The store carries on.
	f.append("cancel-1", eventstore.Exact(1), numbered("b", 1)...)
}
