package demo_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/domain/demo"
)

const seed = 20240301

var (
	once   sync.Once
	steps  []demo.Step
	ledger *demo.Ledger
	setErr error
)

// replayed returns the demo script for seed and its replay, once.
func replayed(t *testing.T) ([]demo.Step, *demo.Ledger) {
	t.Helper()
	once.Do(func() {
		steps, setErr = demo.Sector(seed)
		if setErr == nil {
			ledger, setErr = demo.Replay(steps)
		}
	})
	if setErr != nil {
		t.Fatal(setErr)
	}
	return steps, ledger
}

// TestReplay: every step but the intended failures succeeds through the
// real deciders; each intended failure fails with its rule and writes
// nothing (Replay checks both).
func TestReplay(t *testing.T) {
	st, l := replayed(t)
	var intended []string
	rules := map[string]bool{}
	for _, s := range st {
		if s.Intended() {
			intended = append(intended, s.Expect.Rule+"/"+s.Expect.Code)
			rules[s.Expect.Rule] = true
		}
	}
	for _, want := range []string{"R8", "R10", "R23", "R25", "R27", "R28", "R31", "R32", "R36"} {
		if !rules[want] {
			t.Errorf("no intended failure of %s among %v", want, intended)
		}
	}
	// Invariants without a rule id: one cluster per unit and year; scores
	// only for members.
	for _, want := range []string{"/" + domain.ECONFLICT, "/" + domain.EINVALID} {
		if !slices.Contains(intended, want) {
			t.Errorf("no intended failure %s among %v", want, intended)
		}
	}
	// Each successful step recorded its events; failures none.
	steps := map[int]bool{}
	for _, e := range l.Events() {
		steps[e.Step] = true
	}
	for i, s := range st {
		if s.Intended() && steps[i] {
			t.Errorf("intended failure %d (%s) wrote events", i, s.CommandName())
		}
	}
	t.Logf("%d steps (%d intended failures), %d events", len(st), len(intended), len(l.Events()))
}

// TestDeterminism: the same seed gives the same events byte for byte; a
// different seed gives different ids.
func TestDeterminism(t *testing.T) {
	_, l := replayed(t)
	again, err := demo.Sector(seed)
	if err != nil {
		t.Fatal(err)
	}
	l2, err := demo.Replay(again)
	if err != nil {
		t.Fatal(err)
	}
	a, b := encodeAll(t, l), encodeAll(t, l2)
	if !bytes.Equal(a, b) {
		t.Fatal("same seed, different events")
	}
	other, err := demo.Sector(seed + 1)
	if err != nil {
		t.Fatal(err)
	}
	l3, err := demo.Replay(other)
	if err != nil {
		t.Fatal(err)
	}
	e1, e3 := l.Events()[0].Event.(domain.UnitEstablished), l3.Events()[0].Event.(domain.UnitEstablished)
	if e1.UnitID == e3.UnitID {
		t.Fatalf("different seeds, same unit id %s", e1.UnitID)
	}
	if bytes.Equal(a, encodeAll(t, l3)) {
		t.Fatal("different seeds, same events")
	}
}

func encodeAll(t *testing.T, l *demo.Ledger) []byte {
	t.Helper()
	var buf bytes.Buffer
	for _, r := range l.Events() {
		typ, schema, data, err := domain.Encode(r.Event)
		if err != nil {
			t.Fatalf("seq %d: %v", r.Seq, err)
		}
		buf.WriteString(r.Stream + " " + typ + " " + r.Date.String() + " ")
		buf.WriteByte(byte('0' + schema))
		buf.Write(data)
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

// TestCoverage: every event type of the catalogue appears at least once.
func TestCoverage(t *testing.T) {
	_, l := replayed(t)
	count := map[string]int{}
	for _, r := range l.Events() {
		count[r.Event.EventType()]++
	}
	for _, typ := range domain.EventTypes() {
		if count[typ] == 0 {
			t.Errorf("event type %s never appears", typ)
		}
	}
	if testing.Verbose() {
		for _, typ := range domain.EventTypes() {
			t.Logf("%-40s %d", typ, count[typ])
		}
	}
}

// TestReform2025: the 2025 reorganisation is in the ledger as DOMAIN.md §7
// says — high-level procuracies end on 1/7/2025 (they worked until
// 30/6/2025), provincial procuracies are consolidated on 1/7/2025, district
// procuracies end and regional ones begin.
func TestReform2025(t *testing.T) {
	_, l := replayed(t)
	julyFirst, _ := domain.ParseDate("2025-07-01")
	units := map[string]domain.UnitEstablished{}
	var merged, regional, highDissolved, districtDissolved int
	for _, r := range l.Events() {
		switch e := r.Event.(type) {
		case domain.UnitEstablished:
			units[e.UnitID] = e
			if e.Level == domain.LevelRegional {
				regional++
				if r.Date != julyFirst {
					t.Errorf("regional procuracy %s established %s", e.Name, r.Date)
				}
			}
		case domain.UnitsMerged:
			merged++
			if r.Date != julyFirst || e.Mode != domain.MergeConsolidation {
				t.Errorf("UnitsMerged %s on %s (%s)", units[e.ResultUnitID].Name, r.Date, e.Mode)
			}
		case domain.UnitDissolved:
			switch units[e.UnitID].Level {
			case domain.LevelHigh:
				highDissolved++
			case domain.LevelDistrict:
				districtDissolved++
			default:
				continue
			}
			if r.Date != julyFirst || len(e.SuccessorUnitIDs) == 0 {
				t.Errorf("%s dissolved %s with successors %v", units[e.UnitID].Name, r.Date, e.SuccessorUnitIDs)
			}
		}
	}
	if merged < 3 || highDissolved != 3 || districtDissolved < 22 || regional < 10 {
		t.Errorf("merged %d, high dissolved %d, district dissolved %d, regional %d", merged, highDissolved, districtDissolved, regional)
	}
	// Provincial procuracies standing after the reform: 3 unchanged + 10
	// consolidated.
	active := 0
	for id, u := range units {
		if st, ok := l.State("unit-" + id).(domain.UnitState); ok && u.Level == domain.LevelProvincial && u.Kind == domain.UnitKindProcuracy && st.Active() {
			active++
		}
	}
	if active != 13 {
		t.Errorf("%d provincial procuracies after 1/7/2025, want 13", active)
	}
}

// TestPeopleFictitious: every person's name is NFC and marked "(hư cấu)",
// in events and in actors.
func TestPeopleFictitious(t *testing.T) {
	st, l := replayed(t)
	const mark = "(hư cấu)"
	check := func(where, name string) {
		if !norm.NFC.IsNormalString(name) {
			t.Errorf("%s: %q not NFC", where, name)
		}
		if !strings.HasSuffix(name, mark) {
			t.Errorf("%s: %q not marked %s", where, name, mark)
		}
	}
	for _, r := range l.Events() {
		switch e := r.Event.(type) {
		case domain.PersonRecruited:
			check("PersonRecruited", e.FullName)
		case domain.AwardConferred:
			check("AwardConferred.presenter", e.Presenter)
		case domain.AwardAmended:
			check("AwardAmended.oldValue", e.OldValue)
			check("AwardAmended.newValue", e.NewValue)
		}
		_, _, data, err := domain.Encode(r.Event)
		if err != nil {
			t.Fatal(err)
		}
		if !norm.NFC.IsNormal(data) {
			t.Errorf("seq %d %s: data not NFC", r.Seq, r.Event.EventType())
		}
	}
	for i, s := range st {
		check("actor of step "+strconv.Itoa(i), s.Actor.Name)
		if s.Actor.Role == "" || s.Actor.Subject == "" {
			t.Errorf("step %d: actor %+v", i, s.Actor)
		}
		if !norm.NFC.IsNormalString(s.Note) || s.Note == "" {
			t.Errorf("step %d: note %q", i, s.Note)
		}
	}
}

// TestStepsFeedARunner: each step's body decodes back to its command under
// its name, dates never go back, and bases carry a parsed number.
func TestStepsFeedARunner(t *testing.T) {
	st, _ := replayed(t)
	var last domain.Date
	for i, s := range st {
		body, err := s.Body()
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		cmd, err := domain.DecodeCommand(s.CommandName(), body)
		if err != nil {
			t.Fatalf("step %d (%s): %v\n%s", i, s.CommandName(), err, body)
		}
		again, _ := json.Marshal(cmd)
		if !bytes.Equal(again, body) {
			t.Fatalf("step %d (%s): body does not round-trip\n%s\n%s", i, s.CommandName(), body, again)
		}
		if s.Date.Before(last) {
			t.Fatalf("step %d: %s before %s", i, s.Date, last)
		}
		last = s.Date
		if s.Basis != nil && (s.Basis.Number.IsZero() || s.Basis.Date.IsZero() || s.Basis.Issuer == "") {
			t.Errorf("step %d: incomplete basis %+v", i, s.Basis)
		}
	}
}

// TestStoredDecoding: every event of the demo sector, encoded as the write
// side stores it, decodes to the same value with DecodeStored (what the
// projections use) as with the strict Decode.
func TestStoredDecoding(t *testing.T) {
	_, l := replayed(t)
	for _, e := range l.Events() {
		typ, schema, data, err := domain.Encode(e.Event)
		if err != nil {
			t.Fatal(err)
		}
		strict, err := domain.Decode(typ, schema, data)
		if err != nil {
			t.Fatalf("seq %d: Decode: %v", e.Seq, err)
		}
		stored, err := domain.DecodeStored(typ, schema, data)
		if err != nil || !reflect.DeepEqual(stored, strict) {
			t.Fatalf("seq %d %s: DecodeStored = %#v, %v; Decode = %#v", e.Seq, typ, stored, err, strict)
		}
	}
}
