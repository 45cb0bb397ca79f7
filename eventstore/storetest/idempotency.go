package storetest

import (
	"errors"
	"testing"

	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
)

// idempotencyTests: a retry with the same ids and content returns the
// original result whatever it expects and writes nothing; any other reuse of
// a recorded id is an *IDConflictError and writes nothing.
func (r *runner) idempotencyTests(t *testing.T) {
	r.test(t, "Duplicate/OK", testDuplicate)
	r.test(t, "Duplicate/AnyExpected", testDuplicateAnyExpected)
	conflicts := []struct {
		name   string
		change func(e *eventstore.Event)
	}{
		{"Type", func(e *eventstore.Event) { e.Type = "council.dissolved.v1" }},
		{"Schema", func(e *eventstore.Event) { e.Schema++ }},
		{"EffectiveDate", func(e *eventstore.Event) { e.Effective.Date = "2024-03-01" }},
		{"EffectiveYear", func(e *eventstore.Event) { e.Effective.Year = 0 }},
		{"ActorNil", func(e *eventstore.Event) { e.Actor = nil }},
		{"ActorRole", func(e *eventstore.Event) { e.Actor.Role = "unit" }},
		{"BasisNil", func(e *eventstore.Event) { e.Basis = nil }},
		{"BasisIssuer", func(e *eventstore.Event) { e.Basis.Issuer = "VKSND tỉnh Quảng Ninh" }},
		{"Correlation", func(e *eventstore.Event) { e.Correlation = uuid.Must(uuid.NewV7()) }},
		{"CausationNil", func(e *eventstore.Event) { e.Causation = uuid.Nil }},
		{"DataValue", func(e *eventstore.Event) {
			e.Data = []byte(`{"đơnVị":"Viện kiểm sát nhân dân tỉnh Quảng Ninh"}`)
		}},
		// Same JSON value, other bytes: data is stored verbatim, so it is
		// other content.
		{"DataKeyOrder", func(e *eventstore.Event) { e.Data = []byte(`{"b":2,"a":1}`) }},
	}
	for _, c := range conflicts {
		r.test(t, "ErrIDConflict/OtherContent/"+c.name, func(f *fixture) {
			orig := fullEvent()
			if c.name == "DataKeyOrder" {
				orig.Data = []byte(`{"a":1,"b":2}`)
			}
			res := f.append("conflict-1", eventstore.NoStream, orig)
			changed := cloneEvent(orig)
			c.change(&changed)
			if eventstore.SameContent(orig, changed) {
				f.t.Fatal("test bug: the change left the content the same")
			}
			_, err := f.s.Append(f.ctx, "conflict-1", eventstore.Any, changed)
			wantIDConflict(f.t, err, seqsOf(res))
			f.wantHead(1)
			f.wantRevision("conflict-1", 0)
		})
	}
	r.test(t, "ErrIDConflict/OtherStream", testConflictOtherStream)
	partials := []struct {
		name  string
		batch func(a, b, c eventstore.Event) []eventstore.Event
	}{
		{"NewAtEnd", func(a, b, c eventstore.Event) []eventstore.Event { return []eventstore.Event{a, b, c} }},
		{"NewAtStart", func(a, b, c eventstore.Event) []eventstore.Event { return []eventstore.Event{c, a, b} }},
		{"NewInMiddle", func(a, b, c eventstore.Event) []eventstore.Event { return []eventstore.Event{a, c, b} }},
		{"Reordered", func(a, b, c eventstore.Event) []eventstore.Event { return []eventstore.Event{b, a} }},
		{"Repeated", func(a, b, c eventstore.Event) []eventstore.Event { return []eventstore.Event{a, b, a} }},
	}
	for _, p := range partials {
		r.test(t, "ErrIDConflict/PartialRetry/"+p.name, func(f *fixture) {
			f.append("partial-other", eventstore.NoStream, NewEvent("other.v1", `{}`))
			evs := numbered("partial", 3)
			a, b, c := evs[0], evs[1], evs[2]
			res := f.append("partial-1", eventstore.NoStream, a, b)
			_, err := f.s.Append(f.ctx, "partial-1", eventstore.Any, cloneEvents(p.batch(a, b, c))...)
			if p.name == "Repeated" {
				// An id twice in one append is invalid before it is a
				// conflict; either error is right, and nothing is written.
				if !errors.Is(err, eventstore.ErrInvalidEvent) {
					wantIDConflict(f.t, err, seqsOf(res))
				}
			} else {
				wantIDConflict(f.t, err, seqsOf(res))
			}
			f.wantHead(3)
			f.wantRevision("partial-1", 1)
			// c was not recorded by the failed append.
			f.append("partial-1", eventstore.Exact(1), c)
		})
	}
}

// testDuplicate: a retry returns the original result, even after other
// appends moved the head, and writes nothing.
func testDuplicate(f *fixture) {
	evs := envelopeVariants()
	res := f.append("dup-1", eventstore.NoStream, evs...)
	f.append("dup-other", eventstore.NoStream, numbered("other", 2)...)
	head := f.head()
	for range 2 {
		again, err := f.s.Append(f.ctx, "dup-1", eventstore.NoStream, cloneEvents(evs)...)
		if err != nil {
			f.t.Fatalf("retry: %v", err)
		}
		wantDuplicateOf(f.t, res, again)
		f.wantHead(head)
	}
	f.wantRevision("dup-1", int64(len(evs)-1))
}

// testDuplicateAnyExpected: a retry is answered with the original result
// whatever it expects: stale, still holding, or never holding.
func testDuplicateAnyExpected(f *fixture) {
	const stream = "dup-1"
	first := numbered("first", 1)
	firstRes := f.append(stream, eventstore.NoStream, first...)
	second := numbered("second", 2)
	secondRes := f.append(stream, eventstore.Exact(0), second...)
	f.append(stream, eventstore.Exact(2), numbered("third", 1)...)
	// The stream is at revision 3 now.
	for _, exp := range []eventstore.ExpectedRevision{
		eventstore.Any, eventstore.NoStream, eventstore.StreamExists,
		eventstore.Exact(0), eventstore.Exact(3), eventstore.Exact(9),
	} {
		again, err := f.s.Append(f.ctx, stream, exp, cloneEvents(first)...)
		if err != nil {
			f.t.Fatalf("retry of the first append expecting %v: %v", exp, err)
		}
		wantDuplicateOf(f.t, firstRes, again)
		again, err = f.s.Append(f.ctx, stream, exp, cloneEvents(second)...)
		if err != nil {
			f.t.Fatalf("retry of the second append expecting %v: %v", exp, err)
		}
		wantDuplicateOf(f.t, secondRes, again)
		f.wantHead(4)
		f.wantRevision(stream, 3)
	}
}

// wantDuplicateOf checks that got is orig returned again as a duplicate.
func wantDuplicateOf(t *testing.T, orig, got eventstore.AppendResult) {
	t.Helper()
	if !got.Duplicate {
		t.Fatalf("retry: Duplicate is false (result %+v)", got)
	}
	if got.Stream != orig.Stream || got.Revision != orig.Revision {
		t.Fatalf("retry: stream %q revision %d, want the original %q revision %d", got.Stream, got.Revision, orig.Stream, orig.Revision)
	}
	if msg := diffEvents(orig.Events, got.Events); msg != "" {
		t.Fatalf("retry: events differ from the original result: %s", msg)
	}
}

// testConflictOtherStream: an id recorded in one stream cannot be appended
// to another.
func testConflictOtherStream(f *fixture) {
	ev := NewEvent("test.v1", `{"x":1}`)
	res := f.append("stream-a", eventstore.NoStream, ev)
	for _, exp := range []eventstore.ExpectedRevision{eventstore.Any, eventstore.NoStream} {
		_, err := f.s.Append(f.ctx, "stream-b", exp, cloneEvent(ev))
		wantIDConflict(f.t, err, seqsOf(res))
		f.wantHead(1)
		f.wantRevision("stream-b", -1)
	}
}
