package synth_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore/memstore"
	"github.com/tdkt/tdkt/internal/synth"
	"github.com/tdkt/tdkt/projections"
)

func smallGenerator(tb testing.TB, seed uint64) *synth.Generator {
	tb.Helper()
	opts, err := synth.Profile("small", seed)
	if err != nil {
		tb.Fatal(err)
	}
	g, err := synth.New(opts)
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

// TestSmall appends the small sector into a store with its expected
// revisions, decodes every event, and folds every projection without an
// error.
func TestSmall(t *testing.T) {
	g := smallGenerator(t, 1)
	s := memstore.New(nil)
	ctx := t.Context()
	n := 0
	types := map[string]int{}
	for a, err := range g.Appends() {
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Append(ctx, a.Stream, a.Expected, a.Events...); err != nil {
			t.Fatalf("append %d to %s: %v", n, a.Stream, err)
		}
		for _, e := range a.Events {
			if _, err := domain.Decode(e.Type, e.Schema, e.Data); err != nil {
				t.Fatalf("decode %s: %v", e.Type, err)
			}
			types[e.Type]++
		}
		n += len(a.Events)
	}
	est := g.Sector().Options.EstimatedEvents()
	t.Logf("%d events (estimate %d), %d types: %v", n, est, len(types), types)
	if n < 1500 || n > 5000 {
		t.Errorf("small sector has %d events, want a few thousand", n)
	}
	if d := float64(n-est) / float64(n); d > 0.25 || d < -0.25 {
		t.Errorf("estimate %d is %.0f%% off %d", est, 100*d, n)
	}
	r, err := projections.NewRunner(s, projections.NewMemStateStore(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := projections.RegisterAll(r); err != nil {
		t.Fatal(err)
	}
	if err := r.RunToEnd(ctx); err != nil {
		t.Fatal(err)
	}
	st, err := projections.NewStandings(r, nil).Sector(ctx, projections.Latest(), 2024)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Clusters) == 0 || len(st.Clusters[0].Units) == 0 {
		t.Errorf("no standings for 2024: %+v", st)
	}
}

// TestDeterministic: the same seed gives the same bytes; another seed
// does not.
func TestDeterministic(t *testing.T) {
	digest := func(seed uint64) []byte {
		var b bytes.Buffer
		for a, err := range smallGenerator(t, seed).Appends() {
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range a.Events {
				b.WriteString(a.Stream)
				b.Write(e.ID[:])
				b.Write(e.Data)
			}
		}
		return b.Bytes()
	}
	a, b, c := digest(7), digest(7), digest(8)
	if !bytes.Equal(a, b) {
		t.Error("seed 7 gave two different sectors")
	}
	if bytes.Equal(a, c) {
		t.Error("seeds 7 and 8 gave the same sector")
	}
}

// TestStop: a consumer may stop early.
func TestStop(t *testing.T) {
	n := 0
	for range smallGenerator(t, 1).Appends() {
		if n++; n == 10 {
			break
		}
	}
	_ = context.Background()
}
