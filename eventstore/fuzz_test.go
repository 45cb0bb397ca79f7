package eventstore_test

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
)

// FuzzCheckExportLine: CheckExportLine, the verifier's fast path, accepts
// exactly the lines ParseExportLine accepts and reports the same header;
// both reject with ErrMalformedLine; and the header it returns does not
// share the line's memory (the line may be reused at once).
func FuzzCheckExportLine(f *testing.F) {
	full := fullEvent()
	f.Add(eventstore.ExportLine(&full))
	minimal := eventstore.RecordedEvent{
		Stream:     "s",
		RecordedAt: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC),
		Event:      eventstore.Event{ID: uuid.MustParse("00000000-0000-7000-8000-000000000001"), Type: "T", Schema: 1, Data: []byte(`{}`)},
	}
	f.Add(eventstore.ExportLine(&minimal))
	escaped := full
	escaped.Stream = "unit-\"quoted\"\\tên"
	escaped.Actor = &eventstore.Actor{Subject: "a\u00e1", Role: "", Unit: ""}
	escaped.Effective = eventstore.Effective{Year: 2024}
	f.Add(eventstore.ExportLine(&escaped))
	f.Add([]byte(`{"seq":0,"id":"00000000-0000-7000-8000-000000000001","stream":"s","type":"T","schema":1,"revision":0,"recordedAt":"2024-03-01T00:00:00Z","effective":null,"actor":null,"basis":null,"correlation":null,"causation":null,"data":{}}`))
	f.Add([]byte(`{"seq":18446744073709551615,"id":"00000000-0000-0000-0000-000000000000","stream":"","type":"","schema":0,"revision":1,"recordedAt":"","effective":{},"actor":{},"basis":{},"correlation":"","causation":"","data":[]}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		ev, perr := eventstore.ParseExportLine(line)
		buf := bytes.Clone(line)
		hdr, cerr := eventstore.CheckExportLine(buf)
		for i := range buf {
			buf[i] = 'x' // the header must not see this
		}
		if (perr == nil) != (cerr == nil) {
			t.Fatalf("ParseExportLine error %v, CheckExportLine error %v, on %q", perr, cerr, line)
		}
		if perr != nil {
			if !errors.Is(perr, eventstore.ErrMalformedLine) || !errors.Is(cerr, eventstore.ErrMalformedLine) {
				t.Fatalf("errors do not match ErrMalformedLine: %v; %v", perr, cerr)
			}
			return
		}
		want := eventstore.LineHeader{Seq: ev.Seq, ID: ev.ID, Stream: ev.Stream, Revision: ev.Revision}
		if hdr != want {
			t.Fatalf("CheckExportLine header %+v, ParseExportLine %+v, on %q", hdr, want, line)
		}
	})
}
