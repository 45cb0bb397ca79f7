package domain_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/tdkt/tdkt/domain"
)

// update regenerates testdata/events from samples(). Off by default: a
// fixture is a stored event, and changing one must be a deliberate act.
//
//	go test ./domain -run TestFixtures -update
var update = flag.Bool("update", false, "rewrite testdata/events from the sample events")

const fixtureDir = "testdata/events"

var fixtureName = regexp.MustCompile(`^([A-Za-z]+)\.v([0-9]+)\.json$`)

// TestFixtures decodes every stored fixture, re-encodes it and requires the
// same bytes, and validates it. Fixtures are the compact canonical encoding
// (what Encode writes), compared byte for byte, with no trailing newline:
// any change that would alter how a stored event reads fails here.
func TestFixtures(t *testing.T) {
	if *update {
		writeFixtures(t)
	}
	entries, err := os.ReadDir(fixtureDir)
	if err != nil {
		t.Fatal(err)
	}
	known := domain.EventTypes()
	have := map[string]bool{}
	for _, e := range entries {
		m := fixtureName.FindStringSubmatch(e.Name())
		if m == nil {
			t.Errorf("%s: not named <WireName>.v<schema>.json", e.Name())
			continue
		}
		typ := m[1]
		schema, _ := strconv.Atoi(m[2])
		if !slices.Contains(known, typ) {
			t.Errorf("%s: no wire name %q in EventTypes", e.Name(), typ)
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(fixtureDir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			ev, err := domain.Decode(typ, schema, data)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if err := ev.Validate(); err != nil {
				t.Fatalf("Validate: %v", err)
			}
			if ev.EventType() != typ {
				t.Fatalf("EventType = %q, want %q", ev.EventType(), typ)
			}
			// Projections read stored events with DecodeStored: same value.
			if st, err := domain.DecodeStored(typ, schema, data); err != nil || !reflect.DeepEqual(st, ev) {
				t.Fatalf("DecodeStored = %#v, %v; Decode = %#v", st, err, ev)
			}
			gotTyp, gotSchema, got, err := domain.Encode(ev)
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			if gotTyp != typ {
				t.Errorf("Encode type = %q, want %q", gotTyp, typ)
			}
			// Only the current version re-encodes to itself; an older
			// version's fixture is upcast and encodes as the new one.
			if gotSchema == schema && !bytes.Equal(got, data) {
				t.Errorf("re-encoded bytes differ\n got: %s\nwant: %s", got, data)
			}
			if ev.StreamID() == "" || !regexp.MustCompile(`^[a-z]+-[0-9a-f-]+$`).MatchString(ev.StreamID()) {
				t.Errorf("StreamID = %q, want <aggregate>-<id>", ev.StreamID())
			}
			if ev.SchemaVersion() == schema {
				have[typ] = true
			}
		})
	}
	for _, typ := range known {
		if !have[typ] {
			t.Errorf("%s: no fixture for its current schema version", typ)
		}
	}
}

func writeFixtures(t *testing.T) {
	t.Helper()
	for _, e := range samples() {
		typ, schema, data, err := domain.Encode(e)
		if err != nil {
			t.Fatalf("%T: %v", e, err)
		}
		name := filepath.Join(fixtureDir, fmt.Sprintf("%s.v%d.json", typ, schema))
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSamplesCoverEventTypes keeps samples() and EventTypes() in step: one
// sample per wire name, in the same order, and every sample valid.
func TestSamplesCoverEventTypes(t *testing.T) {
	var got []string
	for _, e := range samples() {
		got = append(got, e.EventType())
		if err := e.Validate(); err != nil {
			t.Errorf("%s: %v", e.EventType(), err)
		}
	}
	if want := domain.EventTypes(); !slices.Equal(got, want) {
		t.Errorf("sample types\n got %v\nwant %v", got, want)
	}
	seen := map[string]bool{}
	for _, typ := range domain.EventTypes() {
		if seen[typ] {
			t.Errorf("%s listed twice", typ)
		}
		seen[typ] = true
	}
}

func TestDecode(t *testing.T) {
	valid, err := os.ReadFile(filepath.Join(fixtureDir, "UnitRenamed.v1.json"))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("OK", func(t *testing.T) {
		ev, err := domain.Decode(domain.EventUnitRenamed, 1, valid)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := ev.(domain.UnitRenamed); !ok {
			t.Fatalf("got %T", ev)
		}
	})
	t.Run("UnknownType", func(t *testing.T) {
		_, err := domain.Decode("UnitRenamedd", 1, valid)
		var u *domain.UnknownEventError
		if !errors.As(err, &u) || u.Type != "UnitRenamedd" {
			t.Fatalf("err = %v, want UnknownEventError", err)
		}
	})
	t.Run("UnknownSchema", func(t *testing.T) {
		_, err := domain.Decode(domain.EventUnitRenamed, 2, valid)
		var u *domain.UnknownEventError
		if !errors.As(err, &u) || u.Schema != 2 {
			t.Fatalf("err = %v, want UnknownEventError", err)
		}
	})
	bad := map[string]string{
		"UnknownField": `{"unitId":"x","oldName":"a","newName":"b","extra":1}`,
		"Trailing":     string(valid) + `{}`,
		"TrailingJunk": string(valid) + `x`,
		"CaseMismatch": `{"UNITID":"6c0b3c2a-0d1e-5a1c-8f3b-000000000000","oldName":"a","newName":"b"}`,
		"DuplicateKey": `{"unitId":"a","unitId":"b","oldName":"a","newName":"b"}`,
		"Null":         `null`,
		"Array":        `[]`,
		"Empty":        ``,
		"WrongType":    `{"unitId":1}`,
		"BadEnum":      `{"unitId":"a","name":"x","level":"CAP_XA","kind":"VU"}`,
		"EmptyEnum":    `{"unitId":"a","name":"x","level":"","kind":"VU"}`,
		"BadDate":      `{"personId":"a","fromUnitId":"b","toUnitId":"c","period":{"from":"2024-02-30"}}`,
		"BadDocNumber": `{"councilId":"a","decisionNo":"số 123","members":[]}`,
	}
	types := map[string]string{
		"BadEnum":      domain.EventUnitEstablished,
		"EmptyEnum":    domain.EventUnitEstablished,
		"BadDate":      domain.EventPersonSeconded,
		"BadDocNumber": domain.EventCouncilReconstituted,
	}
	for name, data := range bad {
		t.Run(name, func(t *testing.T) {
			typ := types[name]
			if typ == "" {
				typ = domain.EventUnitRenamed
			}
			if ev, err := domain.Decode(typ, 1, []byte(data)); err == nil {
				t.Fatalf("Decode(%s) = %#v, want error", data, ev)
			}
		})
	}
}

func TestEncodeRejectsInvalid(t *testing.T) {
	_, _, _, err := domain.Encode(domain.UnitRenamed{NewName: "Vụ 16"})
	if domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("err = %v, want EINVALID", err)
	}
	if _, _, _, err := domain.Encode(nil); err == nil {
		t.Fatal("Encode(nil): want error")
	}
}

func TestValidateNamesFields(t *testing.T) {
	err := domain.UnitEstablished{Name: "  "}.Validate()
	if domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("code = %q", domain.ErrorCode(err))
	}
	for _, want := range []string{"unitId: required", "name: blank", "level: required", "kind: required"} {
		if !bytes.Contains([]byte(err.Error()), []byte(want)) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

// FuzzDecode feeds Decode arbitrary data under every wire name; it must
// return an event or an error, never panic, and whatever it accepts must
// encode (if valid) and decode again to the same bytes.
func FuzzDecode(f *testing.F) {
	entries, err := os.ReadDir(fixtureDir)
	if err != nil {
		f.Fatal(err)
	}
	types := domain.EventTypes()
	for _, e := range entries {
		m := fixtureName.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		data, err := os.ReadFile(filepath.Join(fixtureDir, e.Name()))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint16(slices.Index(types, m[1])), data)
	}
	f.Add(uint16(0), []byte(`{"unitId":null}`))
	f.Fuzz(func(t *testing.T, i uint16, data []byte) {
		typ := types[int(i)%len(types)]
		ev, err := domain.Decode(typ, 1, data)
		if err != nil {
			return
		}
		// Whatever Decode accepts, DecodeStored decodes to the same value.
		if st, err := domain.DecodeStored(typ, 1, data); err != nil || !reflect.DeepEqual(st, ev) {
			t.Fatalf("DecodeStored = %#v, %v; Decode = %#v\n%s", st, err, ev, data)
		}
		if ev.Validate() != nil {
			return
		}
		_, _, enc, err := domain.Encode(ev)
		if err != nil {
			t.Fatalf("Encode after Decode: %v", err)
		}
		ev2, err := domain.Decode(typ, 1, enc)
		if err != nil {
			t.Fatalf("Decode after Encode: %v\n%s", err, enc)
		}
		_, _, enc2, err := domain.Encode(ev2)
		if err != nil || !bytes.Equal(enc, enc2) {
			t.Fatalf("not stable: %v\n%s\n%s", err, enc, enc2)
		}
	})
}
