package eventstore

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// reencodeCanonical is the definition the parser's canonical checks
// implement: a line is canonical iff re-encoding what it parses to gives
// the line back byte for byte.
func reencodeCanonical(line []byte) (parsed, canonical bool) {
	ev, err := parseLine(line)
	if err != nil {
		return false, false
	}
	return true, bytes.Equal(AppendExportLine(nil, &ev), line)
}

func canonicalSeeds() [][]byte {
	ev := RecordedEvent{Seq: 7, Stream: "council-hội-đồng-ngành", Revision: 3,
		RecordedAt: time.Date(2025, 7, 1, 8, 30, 0, 123000000, time.UTC),
		Event: Event{ID: uuid.MustParse("0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f506"), Type: "CouncilReconstituted", Schema: 1,
			Effective:   Effective{Date: "2025-07-01", Year: 2025},
			Actor:       &Actor{Subject: "Trần Thị \"B\"\t(hư cấu)", Role: "admin", Unit: "Văn phòng\\VKSTC"},
			Basis:       &Basis{Number: "19/QĐ-VKSTC", Date: "2025-07-01", Issuer: "Viện trưởng\x01"},
			Correlation: uuid.MustParse("0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f507"),
			Data:        []byte(`{"a":1}`)}}
	good := AppendExportLine(nil, &ev)
	bare := RecordedEvent{Seq: 0, Stream: "x", Event: Event{ID: uuid.MustParse("0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f508"), Type: "T", Schema: 1, Data: []byte(`{}`)}}
	seeds := [][]byte{good, AppendExportLine(nil, &bare)}
	mut := func(old, new string) { seeds = append(seeds, bytes.Replace(good, []byte(old), []byte(new), 1)) }
	mut(`"seq":7`, `"seq":07`)
	mut(`"revision":3`, `"revision":03`)
	mut(`"schema":1`, `"schema":-0`)
	mut(`"year":2025`, `"year":0`)
	mut(`"year":2025`, `"year":null`)
	mut(`"date":"2025-07-01","year":2025`, `"date":null,"year":null`)
	mut(`"role":"admin"`, `"role":""`)
	mut(`"role":"admin"`, `"role":null`)
	mut(`0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f507`, `0192F3A4-5B6C-7D8E-9FA0-B1C2D3E4F507`)
	mut(`"correlation":"0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f507"`, `"correlation":"00000000-0000-0000-0000-000000000000"`)
	mut(`\"B\"`, `\u0022B\u0022`)
	mut(`\t`, `\u0009`)
	mut(`\u0001`, `\u0001`)
	mut(`\u0001`, `\u0001`[:5]+"1")
	mut(`\\VKSTC`, `\/VKSTC`)
	mut(`"Trần`, `"Tr\u1ea7n`)
	mut(`.123000000Z`, `.123Z`)
	mut(`.123000000Z`, `.123000000+00:00`)
	mut(`T08:30`, `t08:30`)
	mut(`"stream":"council`, `"stream": "council`)
	return seeds
}

// TestCanonicalParseAgrees: the parser's canonical checks accept exactly the
// lines whose re-encoding is themselves.
func TestCanonicalParseAgrees(t *testing.T) {
	for _, line := range canonicalSeeds() {
		_, canonical, err := parseLineInto(line, false)
		parsed, want := reencodeCanonical(line)
		if (err == nil) != parsed || (err == nil && canonical != want) {
			t.Errorf("%s\nparser: err=%v canonical=%v; re-encoding: parsed=%v canonical=%v", line, err, canonical, parsed, want)
		}
	}
	if !strings.Contains(string(canonicalSeeds()[0]), `\"B\"\t`) {
		t.Fatal("the seed lost its escapes")
	}
}

// FuzzCanonicalParse checks the parser's canonical-form checks against
// re-encoding on arbitrary lines.
func FuzzCanonicalParse(f *testing.F) {
	for _, s := range canonicalSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		_, canonical, err := parseLineInto(line, false)
		parsed, want := reencodeCanonical(line)
		if (err == nil) != parsed {
			t.Fatalf("parse disagrees: %v vs %v", err, parsed)
		}
		if err == nil && canonical != want {
			t.Fatalf("canonical: parser says %v, re-encoding says %v: %q", canonical, want, line)
		}
		_, borrowedCanonical, berr := parseLineInto(line, true)
		if (berr == nil) != (err == nil) || borrowedCanonical != canonical {
			t.Fatalf("borrowing parse disagrees")
		}
	})
}
