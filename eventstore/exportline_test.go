package eventstore_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
)

func fullEvent() eventstore.RecordedEvent {
	return eventstore.RecordedEvent{
		Seq:        42,
		Stream:     "council-vksnd-tinh-quang-ninh",
		Revision:   3,
		RecordedAt: time.Date(2025, 1, 15, 8, 30, 0, 120000000, time.FixedZone("ICT", 7*3600)),
		Event: eventstore.Event{
			ID:          uuid.MustParse("0194f8a3-7c2e-7d10-8a5b-1c2d3e4f5a6b"),
			Type:        "CouncilReconstituted",
			Schema:      2,
			Effective:   eventstore.Effective{Date: "2025-01-10", Year: 2025},
			Actor:       &eventstore.Actor{Subject: "thuong-truc-hd", Role: "admin", Unit: "unit-vkstc"},
			Basis:       &eventstore.Basis{Number: "123/QĐ-VKSTC", Date: "2025-01-10", Issuer: "VKSND tối cao"},
			Correlation: uuid.MustParse("0194f8a3-7c2e-7d10-8a5b-000000000001"),
			Causation:   uuid.MustParse("0194f8a3-7c2e-7d10-8a5b-000000000002"),
			Data:        []byte(`{"chair":"Nguyễn Văn A (hư cấu)","members":["Trần Thị B"],"note":"line\nbreak \"quoted\""}`),
		},
	}
}

// The export line is a stable interface: these bytes are what auditors hash.
// A change here breaks every stored Merkle leaf.
func TestExportLinePinnedBytes(t *testing.T) {
	tests := []struct {
		name string
		ev   eventstore.RecordedEvent
		want string
	}{
		{"Full", fullEvent(),
			`{"seq":42,"id":"0194f8a3-7c2e-7d10-8a5b-1c2d3e4f5a6b","stream":"council-vksnd-tinh-quang-ninh","type":"CouncilReconstituted","schema":2,"revision":3,"recordedAt":"2025-01-15T01:30:00.120000000Z","effective":{"date":"2025-01-10","year":2025},"actor":{"subject":"thuong-truc-hd","role":"admin","unit":"unit-vkstc"},"basis":{"number":"123/QĐ-VKSTC","date":"2025-01-10","issuer":"VKSND tối cao"},"correlation":"0194f8a3-7c2e-7d10-8a5b-000000000001","causation":"0194f8a3-7c2e-7d10-8a5b-000000000002","data":{"chair":"Nguyễn Văn A (hư cấu)","members":["Trần Thị B"],"note":"line\nbreak \"quoted\""}}`},
		{"Minimal", eventstore.RecordedEvent{
			Stream:     "unit-1",
			RecordedAt: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC),
			Event:      eventstore.Event{ID: uuid.MustParse("00000000-0000-7000-8000-000000000001"), Type: "UnitEstablished", Schema: 1, Data: []byte(`{}`)},
		}, `{"seq":0,"id":"00000000-0000-7000-8000-000000000001","stream":"unit-1","type":"UnitEstablished","schema":1,"revision":0,"recordedAt":"2024-03-01T00:00:00.000000000Z","effective":null,"actor":null,"basis":null,"correlation":null,"causation":null,"data":{}}`},
		{"PartialObjects", eventstore.RecordedEvent{
			Stream:     `đơn-vị "Hà Nội"\tx`,
			RecordedAt: time.Date(2024, 3, 1, 0, 0, 0, 1, time.UTC),
			Event: eventstore.Event{ID: uuid.MustParse("00000000-0000-7000-8000-000000000002"), Type: "ScoreRecorded", Schema: 1,
				Effective: eventstore.Effective{Year: 2024},
				Actor:     &eventstore.Actor{Subject: "cụm-5"},
				Basis:     &eventstore.Basis{Number: "09/HD-VKSTC"},
				Data:      []byte(`{"a":1}`)},
		}, `{"seq":0,"id":"00000000-0000-7000-8000-000000000002","stream":"đơn-vị \"Hà Nội\"\\tx","type":"ScoreRecorded","schema":1,"revision":0,"recordedAt":"2024-03-01T00:00:00.000000001Z","effective":{"date":null,"year":2024},"actor":{"subject":"cụm-5","role":null,"unit":null},"basis":{"number":"09/HD-VKSTC","date":null,"issuer":null},"correlation":null,"causation":null,"data":{"a":1}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(eventstore.ExportLine(&tt.ev))
			if got != tt.want {
				t.Fatalf("export line\n got: %s\nwant: %s", got, tt.want)
			}
			if !json.Valid([]byte(got)) {
				t.Fatal("export line is not valid JSON")
			}
			back, err := eventstore.ParseExportLine([]byte(got))
			if err != nil {
				t.Fatal(err)
			}
			if again := string(eventstore.ExportLine(&back)); again != got {
				t.Fatalf("round trip changed the line:\n%s", again)
			}
		})
	}
}

// The key order is fixed and data is the last key, verbatim.
func TestExportLineKeyOrder(t *testing.T) {
	ev := fullEvent()
	line := eventstore.ExportLine(&ev)
	dec := json.NewDecoder(bytesReader(line))
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	want := []string{"seq", "id", "stream", "type", "schema", "revision", "recordedAt", "effective", "actor", "basis", "correlation", "causation", "data"}
	for i, k := range want {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		if tok != k {
			t.Fatalf("key %d is %v, want %s", i, tok, k)
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLeafHashIsRFC6962(t *testing.T) {
	line := []byte(`{"seq":0}`)
	want := sha256.Sum256(append([]byte{0}, line...))
	if got := eventstore.LeafHash(line); got != want {
		t.Fatalf("leaf hash %s, want %s", hex.EncodeToString(got[:]), hex.EncodeToString(want[:]))
	}
}

func TestParseExportLineRejectsNonCanonical(t *testing.T) {
	ev := fullEvent()
	good := string(eventstore.ExportLine(&ev))
	bad := map[string]string{
		"Whitespace":     `{"seq": 0,"id":"00000000-0000-7000-8000-000000000001","stream":"s","type":"T","schema":1,"revision":0,"recordedAt":"2024-03-01T00:00:00.000000000Z","effective":null,"actor":null,"basis":null,"correlation":null,"causation":null,"data":{}}`,
		"ShortTime":      `{"seq":0,"id":"00000000-0000-7000-8000-000000000001","stream":"s","type":"T","schema":1,"revision":0,"recordedAt":"2024-03-01T00:00:00Z","effective":null,"actor":null,"basis":null,"correlation":null,"causation":null,"data":{}}`,
		"KeyOrder":       `{"id":"00000000-0000-7000-8000-000000000001","seq":0,"stream":"s","type":"T","schema":1,"revision":0,"recordedAt":"2024-03-01T00:00:00.000000000Z","effective":null,"actor":null,"basis":null,"correlation":null,"causation":null,"data":{}}`,
		"EscapedASCII":   `{"seq":0,"id":"00000000-0000-7000-8000-000000000001","stream":"\u0073","type":"T","schema":1,"revision":0,"recordedAt":"2024-03-01T00:00:00.000000000Z","effective":null,"actor":null,"basis":null,"correlation":null,"causation":null,"data":{}}`,
		"UpperUUID":      `{"seq":0,"id":"0194F8A3-7C2E-7D10-8A5B-1C2D3E4F5A6B","stream":"s","type":"T","schema":1,"revision":0,"recordedAt":"2024-03-01T00:00:00.000000000Z","effective":null,"actor":null,"basis":null,"correlation":null,"causation":null,"data":{}}`,
		"Truncated":      good[:len(good)-20],
		"DataNotObject":  `{"seq":0,"id":"00000000-0000-7000-8000-000000000001","stream":"s","type":"T","schema":1,"revision":0,"recordedAt":"2024-03-01T00:00:00.000000000Z","effective":null,"actor":null,"basis":null,"correlation":null,"causation":null,"data":1}`,
		"EmptyStream":    `{"seq":0,"id":"00000000-0000-7000-8000-000000000001","stream":"","type":"T","schema":1,"revision":0,"recordedAt":"2024-03-01T00:00:00.000000000Z","effective":null,"actor":null,"basis":null,"correlation":null,"causation":null,"data":{}}`,
		"NegativeSchema": `{"seq":0,"id":"00000000-0000-7000-8000-000000000001","stream":"s","type":"T","schema":-5,"revision":0,"recordedAt":"2024-03-01T00:00:00.000000000Z","effective":null,"actor":null,"basis":null,"correlation":null,"causation":null,"data":{}}`,
		"Empty":          ``,
	}
	for name, line := range bad {
		t.Run(name, func(t *testing.T) {
			_, err := eventstore.ParseExportLine([]byte(line))
			if !errors.Is(err, eventstore.ErrMalformedLine) {
				t.Fatalf("got %v, want ErrMalformedLine", err)
			}
		})
	}
}

func FuzzParseExportLine(f *testing.F) {
	ev := fullEvent()
	f.Add(eventstore.ExportLine(&ev))
	f.Add([]byte(`{"seq":0,"id":"00000000-0000-7000-8000-000000000001","stream":"s","type":"T","schema":1,"revision":0,"recordedAt":"2024-03-01T00:00:00.000000000Z","effective":null,"actor":null,"basis":null,"correlation":null,"causation":null,"data":{}}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		ev, err := eventstore.ParseExportLine(line)
		if err != nil {
			return
		}
		if got := eventstore.ExportLine(&ev); string(got) != string(line) {
			t.Fatalf("accepted a line that does not re-encode to itself:\n%q\n%q", line, got)
		}
	})
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
