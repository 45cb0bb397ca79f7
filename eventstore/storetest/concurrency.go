package storetest

import (
	"errors"
	"fmt"
	"sync"

	"github.com/tdkt/tdkt/eventstore"
)

// testRaceOneStream: writers racing on one stream with the same Exact
// revision. In each round exactly one wins; every loser gets a
// *ConcurrencyError with the winner's revision as Actual.
func testRaceOneStream(f *fixture) {
	const writers, rounds, stream = 16, 6, "race-1"
	f.append(stream, eventstore.NoStream, NewEvent("race.started.v1", `{}`))
	for round := range uint64(rounds) {
		start := make(chan struct{})
		errs := make([]error, writers)
		results := make([]eventstore.AppendResult, writers)
		var wg sync.WaitGroup
		for w := range writers {
			wg.Go(func() {
				ev := NewEvent("race.appended.v1", fmt.Sprintf(`{"round":%d,"writer":%d}`, round, w))
				<-start
				results[w], errs[w] = f.s.Append(f.ctx, stream, eventstore.Exact(round), ev)
			})
		}
		f.within("racing appends", func() {
			close(start)
			wg.Wait()
		})
		winners := 0
		for w, err := range errs {
			if err == nil {
				winners++
				if ev := results[w].Events; len(ev) != 1 || ev[0].Revision != round+1 || ev[0].Seq != round+1 {
					f.t.Fatalf("round %d: winner recorded %+v, want one event at revision and seq %d", round, ev, round+1)
				}
				continue
			}
			var ce *eventstore.ConcurrencyError
			if !errors.Is(err, eventstore.ErrConcurrency) || !errors.As(err, &ce) {
				f.t.Fatalf("round %d, writer %d: %v; want a *ConcurrencyError", round, w, err)
			}
			if ce.Stream != stream || ce.Expected != eventstore.Exact(round) || ce.Actual != int64(round+1) {
				f.t.Fatalf("round %d, writer %d: ConcurrencyError{%q, %v, %d}, want {%q, %d, %d}",
					round, w, ce.Stream, ce.Expected, ce.Actual, stream, round, round+1)
			}
		}
		if winners != 1 {
			f.t.Fatalf("round %d: %d of %d writers expecting revision %d won, want exactly 1", round, winners, writers, round)
		}
	}
	f.wantHead(rounds + 1)
	f.wantRevision(stream, rounds)
}

// testConcurrentStreams: many writers appending batches to a few shared
// streams at once. seq stays dense, every append's events are contiguous in
// seq and in revision, and what is read is what was returned.
func testConcurrentStreams(f *fixture) {
	rng := f.rand()
	const writers, appends, streams = 16, 8, 5
	type step struct {
		stream string
		events []eventstore.Event
	}
	plans := make([][]step, writers)
	total := 0
	for w := range plans {
		for i := range appends {
			n := 1 + rng.IntN(4)
			plans[w] = append(plans[w], step{
				stream: fmt.Sprintf("conc-%d", rng.IntN(streams)),
				events: numbered(fmt.Sprintf("w%d-a%d", w, i), n),
			})
			total += n
		}
	}
	results := make([][]eventstore.AppendResult, writers)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for w, plan := range plans {
		wg.Go(func() {
			<-start
			for _, st := range plan {
				res, err := f.s.Append(f.ctx, st.stream, eventstore.Any, st.events...)
				if err != nil {
					f.t.Errorf("writer %d: Append(%q): %v", w, st.stream, err)
					return
				}
				if msg := checkResult(res, st.stream, st.events); msg != "" {
					f.t.Errorf("writer %d: Append(%q): %s", w, st.stream, msg)
					return
				}
				results[w] = append(results[w], res)
			}
		})
	}
	f.within("concurrent appends", func() {
		close(start)
		wg.Wait()
	})
	if f.t.Failed() {
		return
	}
	f.wantHead(uint64(total))
	all := f.readAll(0)
	if len(all) != total {
		f.t.Fatalf("ReadAll yielded %d events, want %d", len(all), total)
	}
	seen := make([]bool, total)
	for w, rs := range results {
		for _, res := range rs {
			for _, ev := range res.Events {
				if ev.Seq >= uint64(total) || seen[ev.Seq] {
					f.t.Fatalf("writer %d: seq %d given twice or past the head %d", w, ev.Seq, total)
				}
				seen[ev.Seq] = true
				if msg := diffRecorded(ev, all[ev.Seq]); msg != "" {
					f.t.Fatalf("seq %d: ReadAll disagrees with the Append result: %s", ev.Seq, msg)
				}
			}
		}
	}
}
