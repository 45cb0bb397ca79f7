package projections

import (
	"context"
	"encoding/json"
	"os"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/memstore"
	"github.com/tdkt/tdkt/internal/synth"
)

// TestEligibilityStateSize measures the eligibility model's persisted
// state (by top-level field) and the heap a decoded state holds, on a
// synthetic ledger. It runs only with TDKT_ELIG_SIZE set to a synth
// profile ("small" or "national"):
//
//	TDKT_ELIG_SIZE=small go test ./projections -run TestEligibilityStateSize -v
func TestEligibilityStateSize(t *testing.T) {
	profile := os.Getenv("TDKT_ELIG_SIZE")
	if profile == "" {
		t.Skip("set TDKT_ELIG_SIZE to a synth profile to measure")
	}
	ctx := context.Background()
	opts, err := synth.Profile(profile, 1)
	if err != nil {
		t.Fatal(err)
	}
	gen, err := synth.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	es := memstore.New(nil)
	n, err := gen.AppendTo(ctx, es)
	if err != nil {
		t.Fatal(err)
	}
	states := NewMemStateStore()
	r, err := NewRunner(es, states, &RunnerOptions{SaveEvery: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Register(EligibilityProjection()); err != nil {
		t.Fatal(err)
	}
	if err := r.RunToEnd(ctx); err != nil {
		t.Fatal(err)
	}
	_, data, ok, err := states.Load(ctx, EligibilityName)
	if err != nil || !ok {
		t.Fatalf("load state: %v %v", ok, err)
	}
	t.Logf("%s: %d events; eligibility state %d bytes (%.1f MB)", profile, n, len(data), float64(len(data))/1e6)
	body, _ := stateBody(data, EligibilityProjection().Version)
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range fields {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return len(fields[b]) - len(fields[a]) })
	for _, k := range keys {
		t.Logf("  %-14s %10d bytes", k, len(fields[k]))
	}
	r = nil
	fields = nil
	body = nil
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r2, err := NewRunner(es, states, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := r2.Register(EligibilityProjection()); err != nil {
		t.Fatal(err)
	}
	t0 := time.Now()
	if err := r2.Load(ctx); err != nil {
		t.Fatal(err)
	}
	el := time.Since(t0)
	runtime.GC()
	runtime.ReadMemStats(&after)
	t.Logf("decoded model: load %v, heap %.1f MiB", el.Round(time.Millisecond), float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20))
	runtime.KeepAlive(r2)
	runtime.KeepAlive(data)
}

// TestEligibilityRefRoundTrip checks that the compact envelopes give back
// the EventRef of the event, also after the model's JSON round trip.
func TestEligibilityRefRoundTrip(t *testing.T) {
	m := newEligModel().(*eligModel)
	at := time.Date(2024, 12, 31, 23, 59, 59, 123456789, time.UTC)
	recs := []eventstore.RecordedEvent{
		{Seq: 0, Stream: "person-1", RecordedAt: at, Event: eventstore.Event{ID: uuid.New(), Type: domain.EventPerformanceRated, Effective: eventstore.Effective{Date: "2024-12-31"}}},
		{Seq: 7, Stream: "person-1", Event: eventstore.Event{ID: uuid.New(), Type: domain.EventPersonLeaveRecorded}},
	}
	for _, rec := range recs {
		m.keep(rec, rec.ID.String())
	}
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	m2 := newEligModel().(*eligModel)
	if err := json.Unmarshal(data, m2); err != nil {
		t.Fatal(err)
	}
	for _, mm := range []*eligModel{m, m2} {
		for _, rec := range recs {
			want := EventRef{EventID: rec.ID.String(), Seq: rec.Seq, Type: rec.Type, Stream: rec.Stream, RecordedAt: rec.RecordedAt, Effective: rec.Effective.Date}
			got, ok := mm.ref(rec.ID.String())
			if !ok || got != want {
				t.Errorf("ref = %+v, %v; want %+v", got, ok, want)
			}
		}
		if _, ok := mm.ref("missing"); ok {
			t.Error("ref of an unknown id")
		}
	}
	// A model decoded from its state interns on from its table.
	rec := eventstore.RecordedEvent{Seq: 9, Stream: "person-2", RecordedAt: at, Event: eventstore.Event{ID: uuid.New(), Type: domain.EventPerformanceRated}}
	m2.keep(rec, rec.ID.String())
	if len(m2.Strings) != len(m.Strings)+1 {
		t.Errorf("strings %q after %q", m2.Strings, m.Strings)
	}
}
