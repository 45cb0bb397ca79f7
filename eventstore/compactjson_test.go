package eventstore

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// stdlibCompactObject is the definition checkCompactObject implements, in
// the standard library's terms.
func stdlibCompactObject(d []byte) bool {
	if len(d) < 2 || d[0] != '{' || d[len(d)-1] != '}' || !utf8.Valid(d) || !json.Valid(d) {
		return false
	}
	var buf bytes.Buffer
	if json.Compact(&buf, d) != nil {
		return false
	}
	return bytes.Equal(buf.Bytes(), d)
}

var compactSeeds = []string{
	`{}`, `{"a":1}`, `{"tên":"Viện kiểm sát nhân dân tỉnh Trà Vinh","năm":2024}`,
	`{"a":[1,2,{"b":null}],"c":true,"d":false,"e":-0.5e+10,"f":"\u00e1\n\"\\"}`,
	`{"a": 1}`, `{ "a":1}`, `{"a":1} `, "{\"a\":\"\x01\"}", `{"a":01}`, `{"a":1.}`, `{"a":.5}`,
	`{"a":-}`, `{"a":1e}`, `{"a":"\x"}`, `{"a":"\u12g4"}`, `{"a":tru}`, `[1]`, `"x"`, `{"a":1,}`,
	`{,}`, `{"a"}`, `{"a":1}{}`, "{\"a\":\"\xff\"}", `{"a":[1,]}`, `{"a":[]}`, `{"a":{}}`,
	strings.Repeat(`{"a":`, 600) + `1` + strings.Repeat(`}`, 600),
}

func TestCheckCompactObject(t *testing.T) {
	for _, s := range compactSeeds {
		got := checkCompactObject([]byte(s)) == nil
		want := stdlibCompactObject([]byte(s))
		if strings.HasPrefix(s, strings.Repeat(`{"a":`, 600)) {
			want = false // deeper than maxDataDepth
		}
		if got != want {
			t.Errorf("checkCompactObject(%q) ok=%v, the standard library says %v", s, got, want)
		}
	}
}

// FuzzCheckCompactObject checks the single-pass validator against the
// standard library on arbitrary input.
func FuzzCheckCompactObject(f *testing.F) {
	for _, s := range compactSeeds[:len(compactSeeds)-1] {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, d []byte) {
		got := checkCompactObject(d) == nil
		want := stdlibCompactObject(d)
		if bytes.Count(d, []byte("{"))+bytes.Count(d, []byte("[")) >= maxDataDepth && !got {
			return // may be a depth refusal the standard library does not make
		}
		if got != want {
			t.Fatalf("checkCompactObject(%q) ok=%v, the standard library says %v", d, got, want)
		}
	})
}

func TestAppendRecordedAt(t *testing.T) {
	for _, tm := range []time.Time{
		time.Date(2024, 3, 1, 7, 5, 9, 123456789, time.UTC),
		time.Date(2025, 12, 31, 23, 59, 59, 999999999, time.FixedZone("ICT", 7*3600)),
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 1, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-5, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Unix(0, 0),
	} {
		got := string(appendRecordedAt(nil, tm))
		want := tm.UTC().Format(RecordedAtLayout)
		if got != want {
			t.Errorf("appendRecordedAt(%v) = %q, want %q", tm, got, want)
		}
	}
}
