package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
)

// richData is an event body that exercises the export line: Vietnamese
// text, every JSON escape, an escaped surrogate pair, a raw emoji, nested
// objects and arrays, and numbers in several forms.
const richData = `{"đơnVị":"Viện kiểm sát nhân dân tỉnh Quảng Ninh",` +
	`"ghiChú":"dòng 1\ndòng 2\t\"trích dẫn\" \\ \/ \b\f\r \u0001 \u1ea0 \ud83d\ude00 😀 <&>",` +
	`"lồngNhau":{"mảng":[1,-2.5,3e10,0.125,true,false,null,{"k":"v"},[]],"rỗng":{}},"số":0}`

// fullEvent returns an event with every envelope field set.
func fullEvent() eventstore.Event {
	return eventstore.Event{
		ID:          uuid.Must(uuid.NewV7()),
		Type:        "council.reconstituted.v1",
		Schema:      3,
		Effective:   eventstore.Effective{Date: "2024-02-29", Year: 2024},
		Actor:       &eventstore.Actor{Subject: "cán-bộ-07", Role: "admin", Unit: "VKSND tỉnh Quảng Ninh"},
		Basis:       &eventstore.Basis{Number: "123/QĐ-VKSTC", Date: "2024-01-15", Issuer: "VKSND tối cao"},
		Correlation: uuid.Must(uuid.NewV7()),
		Causation:   uuid.Must(uuid.NewV7()),
		Data:        []byte(richData),
	}
}

// envelopeVariants returns events that set the optional envelope fields in
// different combinations, so absent and present values both round-trip.
func envelopeVariants() []eventstore.Event {
	full := fullEvent()
	minimal := NewEvent("record.created.v1", `{}`)
	yearOnly := NewEvent("score.assessed.v2", `{"điểm":9.5,"xếpLoại":"Xuất sắc"}`)
	yearOnly.Schema = 2
	yearOnly.Effective = eventstore.Effective{Year: 2023}
	yearOnly.Actor = &eventstore.Actor{Subject: `ông "Nguyễn Văn A" \ phó`}
	yearOnly.Basis = &eventstore.Basis{Number: "01/2023/QĐ"}
	dateOnly := NewEvent("unit_renamed-v1", `{"tênMới":"Viện kiểm sát nhân dân khu vực 3 – Hà Nội","cũ":null}`)
	dateOnly.Effective = eventstore.Effective{Date: "1999-12-31"}
	dateOnly.Actor = &eventstore.Actor{Subject: "sub", Unit: "đơn-vị-Hà-Nội-01"}
	dateOnly.Basis = &eventstore.Basis{Number: "7/TB", Issuer: "Văn phòng VKSND tối cao"}
	dateOnly.Causation = full.ID
	return []eventstore.Event{full, minimal, yearOnly, dateOnly}
}

func (r *runner) appendTests(t *testing.T) {
	r.test(t, "OK/RoundTrip", testRoundTrip)
	r.test(t, "OK/Vietnamese", testVietnamese)
	r.test(t, "OK/StreamNamesAreBytes", testStreamNamesAreBytes)
	r.test(t, "OK/StreamNameAtLimit", testStreamNameAtLimit)
	r.test(t, "OK/CopiesEvents", testAppendCopiesEvents)
	r.test(t, "OK/Batch100", testBatch100)
	r.test(t, "OK/AtSizeLimit", testAtSizeLimit)
	r.test(t, "OK/ConcurrentStreams", testConcurrentStreams)
	r.expectedRevisionTests(t)
	r.test(t, "ErrConcurrency/Race", testRaceOneStream)
	r.idempotencyTests(t)
	r.invalidTests(t)
	r.test(t, "ErrTooLarge/One", testTooLarge)
	r.test(t, "ErrTooLarge/InBatch", testTooLargeInBatch)
	r.test(t, "ErrCanceled", testAppendCanceled)
}

// testRoundTrip: every envelope field comes back identical from
// AppendResult, ReadStream, ReadAll and Subscribe, and so does the export
// line.
func testRoundTrip(f *fixture) {
	// Another stream first, so seq and revision differ.
	other := f.append("other-1", eventstore.NoStream, NewEvent("other.v1", `{"x":1}`))
	evs := envelopeVariants()
	want := cloneEvents(evs)
	res := f.append("round-trip-1", eventstore.NoStream, evs...)
	if res.Revision != uint64(len(evs)-1) {
		f.t.Fatalf("result revision %d, want %d", res.Revision, len(evs)-1)
	}
	for i, ev := range res.Events {
		if ev.Seq != uint64(1+i) || ev.Revision != uint64(i) {
			f.t.Fatalf("event %d recorded at seq %d revision %d, want seq %d revision %d", i, ev.Seq, ev.Revision, 1+i, i)
		}
		// The export line of what Append returned decodes to what was
		// appended.
		line := eventstore.ExportLine(&ev)
		back, err := eventstore.ParseExportLine(line)
		if err != nil {
			f.t.Fatalf("event %d: export line of the result does not parse: %v\n%s", i, err, clip(line))
		}
		if !eventstore.SameContent(back.Event, want[i]) || back.Seq != ev.Seq || back.Revision != ev.Revision ||
			back.Stream != ev.Stream || !back.RecordedAt.Equal(ev.RecordedAt) {
			f.t.Fatalf("event %d: export line does not carry the event:\n%s", i, clip(line))
		}
	}

	f.sameEvents("ReadStream", res.Events, f.readStream("round-trip-1", 0))
	all := append(append([]eventstore.RecordedEvent(nil), other.Events...), res.Events...)
	f.sameEvents("ReadAll", all, f.readAll(0))
	f.sameEvents("Subscribe (catch-up)", all, f.subscribeN(0, len(all)))

	// A live event, seen by a subscription that is already waiting.
	sub := f.subscribe(f.ctx, uint64(len(all)))
	sub.quiet()
	more := f.append("round-trip-1", eventstore.Exact(res.Revision), fullEvent())
	f.sameEvents("Subscribe (live)", more.Events, []eventstore.RecordedEvent{sub.next()})
	f.sameEvents("ReadStream after a second append", append(res.Events, more.Events...), f.readStream("round-trip-1", 0))
	f.wantHead(uint64(len(all) + 1))
	f.wantRevision("round-trip-1", int64(len(evs)))
}

// testVietnamese: Vietnamese stream names and text are stored byte for
// byte.
func testVietnamese(f *fixture) {
	streams := []string{"đơn-vị-Hà-Nội-01", "hồ-sơ-Đắk-Lắk-02", "Viện kiểm sát nhân dân tỉnh Quảng Ninh"}
	var all []eventstore.RecordedEvent
	for i, stream := range streams {
		ev := NewEvent("unit.created.v1", fmt.Sprintf(`{"tên":%q,"thứTự":%d,"ghiChú":"Ủy ban – Tòa án – Viện kiểm sát"}`, stream, i))
		ev.Actor = &eventstore.Actor{Subject: "người-dùng-ạ", Role: "đơn vị", Unit: stream}
		ev.Basis = &eventstore.Basis{Number: "45/QĐ-VKSND", Issuer: "Viện trưởng VKSND tỉnh Quảng Ninh"}
		res := f.append(stream, eventstore.NoStream, ev)
		all = append(all, res.Events...)
	}
	for i, stream := range streams {
		f.sameEvents("ReadStream("+stream+")", all[i:i+1], f.readStream(stream, 0))
		f.wantRevision(stream, 0)
	}
	f.sameEvents("ReadAll", all, f.readAll(0))
}

// testStreamNamesAreBytes: stream names are compared as bytes; the store
// does not normalise Unicode or case.
func testStreamNamesAreBytes(f *fixture) {
	streams := []string{
		"\u0111\u01a1n-v\u1ecb-H\u00e0-N\u1ed9i",           // đơn-vị-Hà-Nội, composed (NFC)
		"\u0111o\u031bn-vi\u0323-Ha\u0300-No\u0323\u0302i", // the same text, decomposed (NFD)
		"Stream-A",
		"stream-a",
	}
	for _, stream := range streams {
		res := f.append(stream, eventstore.NoStream, NewEvent("test.v1", fmt.Sprintf(`{"s":%q}`, stream)))
		if res.Events[0].Revision != 0 {
			f.t.Fatalf("stream %q: first event at revision %d; the store took it for another stream", stream, res.Events[0].Revision)
		}
	}
	for _, stream := range streams {
		got := f.readStream(stream, 0)
		if len(got) != 1 || got[0].Stream != stream {
			f.t.Fatalf("ReadStream(%q) yielded %d events (stream %q), want 1 in exactly that stream", stream, len(got), streamOf(got))
		}
	}
}

func streamOf(evs []eventstore.RecordedEvent) string {
	if len(evs) == 0 {
		return ""
	}
	return evs[0].Stream
}

// testStreamNameAtLimit: a stream name of exactly MaxStreamNameLen bytes,
// multi-byte letters included, is accepted.
func testStreamNameAtLimit(f *fixture) {
	stream := strings.Repeat("ệ", (eventstore.MaxStreamNameLen-2)/3) + "ab"
	if len(stream) != eventstore.MaxStreamNameLen {
		f.t.Fatalf("test bug: stream name is %d bytes", len(stream))
	}
	res := f.append(stream, eventstore.NoStream, NewEvent("test.v1", `{}`))
	f.sameEvents("ReadStream", res.Events, f.readStream(stream, 0))
}

// testAppendCopiesEvents: what the caller keeps after Append, what Append
// returns and what a read yields do not share memory with the store.
func testAppendCopiesEvents(f *fixture) {
	ev := fullEvent()
	want := cloneEvent(ev)
	res := f.append("copies-1", eventstore.NoStream, ev)
	scribble(&ev)
	scribble(&res.Events[0].Event)
	read := f.readStream("copies-1", 0)
	if len(read) != 1 || !eventstore.SameContent(read[0].Event, want) {
		f.t.Fatalf("after the caller changed its event and the result, ReadStream yields %+v; want the event as appended", read)
	}
	scribble(&read[0].Event)
	for _, got := range [][]eventstore.RecordedEvent{f.readStream("copies-1", 0), f.readAll(0), f.subscribeN(0, 1)} {
		if len(got) != 1 || !eventstore.SameContent(got[0].Event, want) {
			f.t.Fatalf("after a reader changed what it was yielded, a read yields %+v; want the event as appended", got)
		}
	}
}

// scribble overwrites e's data and the fields behind its pointers in place.
func scribble(e *eventstore.Event) {
	for i := range e.Data {
		e.Data[i] = 'X'
	}
	if e.Actor != nil {
		e.Actor.Subject = "scribbled"
	}
	if e.Basis != nil {
		e.Basis.Number = "scribbled"
	}
}

// testBatch100: a batch gets contiguous seqs and revisions, in argument
// order.
func testBatch100(f *fixture) {
	f.append("batch-other", eventstore.NoStream, numbered("other", 3)...)
	first := f.append("batch-1", eventstore.NoStream, numbered("first", 100)...)
	second := f.append("batch-1", eventstore.Exact(99), numbered("second", 100)...)
	for i, ev := range append(first.Events, second.Events...) {
		if ev.Seq != uint64(3+i) || ev.Revision != uint64(i) {
			f.t.Fatalf("event %d at seq %d revision %d, want seq %d revision %d", i, ev.Seq, ev.Revision, 3+i, i)
		}
	}
	if second.Revision != 199 {
		f.t.Fatalf("second batch: result revision %d, want 199", second.Revision)
	}
	f.sameEvents("ReadStream", append(first.Events, second.Events...), f.readStream("batch-1", 0))
	f.wantHead(203)
	f.wantRevision("batch-1", 199)
}

// sizedEvent returns an event whose export line is exactly size bytes when
// recorded in stream at seq and revision.
func sizedEvent(t *testing.T, stream string, seq, rev uint64, size int) eventstore.Event {
	t.Helper()
	ev := NewEvent("test.sized.v1", `{"pad":""}`)
	lineLen := func() int {
		return len(eventstore.ExportLine(&eventstore.RecordedEvent{Seq: seq, Stream: stream, Revision: rev, RecordedAt: time.Now(), Event: ev}))
	}
	pad := size - lineLen()
	if pad < 0 {
		t.Fatalf("test bug: an event cannot be as small as %d bytes", size)
	}
	ev.Data = []byte(`{"pad":"` + strings.Repeat("a", pad) + `"}`)
	if n := lineLen(); n != size {
		t.Fatalf("test bug: sized event is %d bytes, want %d", n, size)
	}
	return ev
}

// testAtSizeLimit: an event whose export line is exactly the limit is
// accepted; the limit is on the line, which is what is hashed and exported.
func testAtSizeLimit(f *fixture) {
	ev := sizedEvent(f.t, "size-1", 0, 0, eventstore.DefaultMaxEventSize)
	res := f.append("size-1", eventstore.NoStream, ev)
	if n := len(eventstore.ExportLine(&res.Events[0])); n != eventstore.DefaultMaxEventSize {
		f.t.Fatalf("recorded export line is %d bytes, want %d", n, eventstore.DefaultMaxEventSize)
	}
	f.sameEvents("ReadStream", res.Events, f.readStream("size-1", 0))
}

func wantTooLarge(t *testing.T, err error, id uuid.UUID) {
	t.Helper()
	if !errors.Is(err, eventstore.ErrTooLarge) {
		t.Fatalf("Append of an oversized event: %v; want errors.Is ErrTooLarge", err)
	}
	var te *eventstore.TooLargeError
	if !errors.As(err, &te) {
		t.Fatalf("Append of an oversized event: %v (%T); want errors.As *TooLargeError", err, err)
	}
	if te.ID != id || te.Limit != eventstore.DefaultMaxEventSize || te.Size <= te.Limit {
		t.Fatalf("TooLargeError{ID %s, Size %d, Limit %d}; want ID %s, Limit %d and Size over it",
			te.ID, te.Size, te.Limit, id, eventstore.DefaultMaxEventSize)
	}
}

// testTooLarge: an event one byte over the limit is rejected and nothing is
// written.
func testTooLarge(f *fixture) {
	ev := sizedEvent(f.t, "size-1", 0, 0, eventstore.DefaultMaxEventSize+1)
	_, err := f.s.Append(f.ctx, "size-1", eventstore.NoStream, ev)
	wantTooLarge(f.t, err, ev.ID)
	f.wantHead(0)
	f.wantRevision("size-1", -1)
	// The id is still free: nothing of the failed append was kept.
	small := NewEvent("test.v1", `{}`)
	small.ID = ev.ID
	f.append("size-1", eventstore.NoStream, small)
}

// testTooLargeInBatch: one oversized event fails the whole batch.
func testTooLargeInBatch(f *fixture) {
	f.append("size-1", eventstore.NoStream, NewEvent("test.v1", `{}`))
	evs := numbered("batch", 3)
	big := sizedEvent(f.t, "size-1", 2, 2, eventstore.DefaultMaxEventSize+1)
	evs = []eventstore.Event{evs[0], big, evs[1], evs[2]}
	_, err := f.s.Append(f.ctx, "size-1", eventstore.Exact(0), evs...)
	wantTooLarge(f.t, err, big.ID)
	f.wantHead(1)
	f.wantRevision("size-1", 0)
	f.append("size-1", eventstore.Exact(0), evs[0], evs[2], evs[3])
}

// testAppendCanceled: an Append with a cancelled context returns the
// context's error. Whether or not the backend wrote it, a retry with the
// same ids must leave the events recorded exactly once.
func testAppendCanceled(f *fixture) {
	ctx, cancel := context.WithCancel(f.ctx)
	cancel()
	evs := numbered("cancel", 2)
	want := cloneEvents(evs)
	_, err := f.s.Append(ctx, "cancel-1", eventstore.NoStream, evs...)
	if !errors.Is(err, context.Canceled) {
		f.t.Fatalf("Append with a cancelled context: %v; want errors.Is context.Canceled", err)
	}
	res, err := f.s.Append(f.ctx, "cancel-1", eventstore.NoStream, evs...)
	if err != nil {
		f.t.Fatalf("retry of the cancelled Append: %v", err)
	}
	if res.Duplicate {
		f.t.Log("the backend wrote the cancelled append; the retry reported it as a duplicate")
	}
	if msg := checkResult(res, "cancel-1", want); msg != "" {
		f.t.Fatalf("retry of the cancelled Append: %s", msg)
	}
	f.wantHead(2)
	f.sameEvents("ReadStream", res.Events, f.readStream("cancel-1", 0))
}
