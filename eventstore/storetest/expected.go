package storetest

import (
	"errors"
	"strings"
	"testing"

	"github.com/tdkt/tdkt/eventstore"
)

// expectedRevisionTests covers every ExpectedRevision case, on a new and an
// existing stream.
func (r *runner) expectedRevisionTests(t *testing.T) {
	cases := []struct {
		name     string
		existing int // events already in the stream
		expected eventstore.ExpectedRevision
		// actual is the stream's revision in the ConcurrencyError, or
		// ok when the append must succeed.
		actual int64
		ok     bool
	}{
		{name: "OK/Any/NewStream", existing: 0, expected: eventstore.Any, ok: true},
		{name: "OK/Any/ExistingStream", existing: 2, expected: eventstore.Any, ok: true},
		{name: "OK/NoStream", existing: 0, expected: eventstore.NoStream, ok: true},
		{name: "OK/StreamExists", existing: 2, expected: eventstore.StreamExists, ok: true},
		{name: "OK/Exact", existing: 3, expected: eventstore.Exact(2), ok: true},
		{name: "OK/Exact/Zero", existing: 1, expected: eventstore.Exact(0), ok: true},
		{name: "ErrConcurrency/NoStream", existing: 2, expected: eventstore.NoStream, actual: 1},
		{name: "ErrConcurrency/StreamExists", existing: 0, expected: eventstore.StreamExists, actual: eventstore.NoRevision},
		{name: "ErrConcurrency/Exact/TooLow", existing: 3, expected: eventstore.Exact(1), actual: 2},
		{name: "ErrConcurrency/Exact/TooHigh", existing: 2, expected: eventstore.Exact(5), actual: 1},
		{name: "ErrConcurrency/Exact/MissingStream", existing: 0, expected: eventstore.Exact(0), actual: eventstore.NoRevision},
	}
	for _, c := range cases {
		r.test(t, c.name, func(f *fixture) {
			// Events in another stream first, so seq and revision differ.
			f.append("expected-other", eventstore.NoStream, numbered("other", 2)...)
			const stream = "expected-1"
			if c.existing > 0 {
				f.append(stream, eventstore.NoStream, numbered("existing", c.existing)...)
			}
			head := uint64(2 + c.existing)
			evs := numbered("new", 2)
			if c.ok {
				res := f.append(stream, c.expected, evs...)
				for i, ev := range res.Events {
					if ev.Revision != uint64(c.existing+i) || ev.Seq != head+uint64(i) {
						f.t.Fatalf("event %d at revision %d seq %d, want revision %d seq %d", i, ev.Revision, ev.Seq, c.existing+i, head+uint64(i))
					}
				}
				f.wantHead(head + 2)
				f.wantRevision(stream, int64(c.existing+1))
				return
			}
			_, err := f.s.Append(f.ctx, stream, c.expected, evs...)
			wantConcurrencyError(f.t, err, stream, c.expected, c.actual)
			if msg := err.Error(); !strings.Contains(msg, stream) {
				f.t.Errorf("error %q does not name the stream", msg)
			}
			f.wantHead(head)
			f.wantRevision(stream, int64(c.existing-1))
			// The ids of the failed append are still free.
			f.append(stream, eventstore.Any, evs...)
		})
	}
}

// invalidTests: a malformed stream name, event or batch is rejected with an
// *InvalidEventError that points at the problem, and nothing is written.
func (r *runner) invalidTests(t *testing.T) {
	const stream = "invalid-1"
	// batch returns three good events after bad has spoiled one of them.
	batch := func(bad func(evs []eventstore.Event)) func() []eventstore.Event {
		return func() []eventstore.Event {
			evs := numbered("invalid", 3)
			bad(evs)
			return evs
		}
	}
	data := func(i int, d string) func() []eventstore.Event {
		return batch(func(evs []eventstore.Event) { evs[i].Data = []byte(d) })
	}
	cases := []struct {
		name   string
		stream string
		events func() []eventstore.Event
		index  int
		field  string
	}{
		{name: "EmptyBatch", events: func() []eventstore.Event { return nil }, index: -1, field: "events"},
		{name: "TooManyEvents", events: func() []eventstore.Event { return numbered("many", eventstore.MaxEventsPerAppend+1) }, index: -1, field: "events"},
		{name: "NilID", events: batch(func(evs []eventstore.Event) { evs[1].ID = [16]byte{} }), index: 1, field: "id"},
		{name: "DuplicateIDInBatch", events: batch(func(evs []eventstore.Event) { evs[2].ID = evs[0].ID }), index: 2, field: "id"},
		{name: "BadType/Empty", events: batch(func(evs []eventstore.Event) { evs[1].Type = "" }), index: 1, field: "type"},
		{name: "BadType/Chars", events: batch(func(evs []eventstore.Event) { evs[1].Type = "record created!" }), index: 1, field: "type"},
		{name: "BadType/Vietnamese", events: batch(func(evs []eventstore.Event) { evs[0].Type = "hồ-sơ.tạo" }), index: 0, field: "type"},
		{name: "BadType/TooLong", events: batch(func(evs []eventstore.Event) { evs[2].Type = strings.Repeat("t", eventstore.MaxTypeLen+1) }), index: 2, field: "type"},
		{name: "BadSchema", events: batch(func(evs []eventstore.Event) { evs[1].Schema = 0 }), index: 1, field: "schema"},
		{name: "BadEffectiveDate", events: batch(func(evs []eventstore.Event) { evs[1].Effective.Date = "2023-02-29" }), index: 1, field: "effective.date"},
		{name: "BadEffectiveYear", events: batch(func(evs []eventstore.Event) { evs[1].Effective.Year = 99 }), index: 1, field: "effective.year"},
		{name: "ActorWithoutSubject", events: batch(func(evs []eventstore.Event) { evs[1].Actor = &eventstore.Actor{Role: "admin"} }), index: 1, field: "actor.subject"},
		{name: "ActorControlChar", events: batch(func(evs []eventstore.Event) { evs[1].Actor = &eventstore.Actor{Subject: "a\nb"} }), index: 1, field: "actor"},
		{name: "BasisWithoutNumber", events: batch(func(evs []eventstore.Event) { evs[1].Basis = &eventstore.Basis{Issuer: "VKSND tối cao"} }), index: 1, field: "basis.number"},
		{name: "BadData/Empty", events: data(1, ``), index: 1, field: "data"},
		{name: "BadData/NotObject", events: data(1, `[1,2]`), index: 1, field: "data"},
		{name: "BadData/NotJSON", events: data(1, `{"a":}`), index: 1, field: "data"},
		{name: "BadData/NotCompact", events: data(1, `{"a": 1}`), index: 1, field: "data"},
		{name: "BadData/InvalidUTF8", events: data(1, "{\"a\":\"\xff\"}"), index: 1, field: "data"},
		{name: "BadData/TwoValues", events: data(2, `{}{}`), index: 2, field: "data"},
		{name: "StreamName/Empty", stream: "", index: -1, field: "stream"},
		{name: "StreamName/ControlChar", stream: "đơn-vị\x00-01", index: -1, field: "stream"},
		{name: "StreamName/Newline", stream: "đơn-vị\n01", index: -1, field: "stream"},
		{name: "StreamName/InvalidUTF8", stream: "stream-\xff", index: -1, field: "stream"},
		{name: "StreamName/SurroundingSpace", stream: " stream-1", index: -1, field: "stream"},
		{name: "StreamName/TooLong", stream: strings.Repeat("ệ", eventstore.MaxStreamNameLen/3+1), index: -1, field: "stream"},
	}
	for _, c := range cases {
		r.test(t, "ErrInvalidEvent/"+c.name, func(f *fixture) {
			// Seed the stream, so "nothing written" is checked against an
			// existing stream too.
			f.append(stream, eventstore.NoStream, NewEvent("test.v1", `{}`))
			target, events := c.stream, numbered("valid", 2)
			if !strings.HasPrefix(c.name, "StreamName/") {
				target, events = stream, c.events()
			}
			_, err := f.s.Append(f.ctx, target, eventstore.Any, events...)
			if !errors.Is(err, eventstore.ErrInvalidEvent) {
				f.t.Fatalf("Append: %v; want errors.Is ErrInvalidEvent", err)
			}
			var ie *eventstore.InvalidEventError
			if !errors.As(err, &ie) {
				f.t.Fatalf("Append: %v (%T); want errors.As *InvalidEventError", err, err)
			}
			if ie.Index != c.index || ie.Field != c.field {
				f.t.Fatalf("InvalidEventError{Index %d, Field %q} (%v); want Index %d, Field %q", ie.Index, ie.Field, err, c.index, c.field)
			}
			f.wantHead(1)
			f.wantRevision(stream, 0)
		})
	}
}
