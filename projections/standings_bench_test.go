package projections_test

import (
	"os"
	"testing"

	"github.com/tdkt/tdkt/eventstore/memstore"
	"github.com/tdkt/tdkt/internal/synth"
	"github.com/tdkt/tdkt/projections"
)

// BenchmarkStandingsAsOf times the sector's standings as of the middle of a
// synthetic ledger of about 340,000 events (the national sector's units
// with 8,000 people over six years; TDKT_BENCH_NATIONAL=1 for the whole
// national profile, about a million events), and as of the head. Building
// the ledger and the projection is not timed.
//
//	go test ./projections -run '^$' -bench StandingsAsOf -benchtime 20x
func BenchmarkStandingsAsOf(b *testing.B) {
	opts, err := synth.Profile("national", 1)
	if err != nil {
		b.Fatal(err)
	}
	if os.Getenv("TDKT_BENCH_NATIONAL") == "" {
		opts.People, opts.Years = 8_000, 6
	}
	g, err := synth.New(opts)
	if err != nil {
		b.Fatal(err)
	}
	ctx := b.Context()
	s := memstore.New(nil)
	if _, err := g.AppendTo(ctx, s); err != nil {
		b.Fatal(err)
	}
	head, err := s.Head(ctx)
	if err != nil {
		b.Fatal(err)
	}
	r, err := projections.NewRunner(s, projections.NewMemStateStore(), nil)
	if err != nil {
		b.Fatal(err)
	}
	if err := r.Register(projections.StandingsProjection()); err != nil {
		b.Fatal(err)
	}
	if err := r.RunToEnd(ctx); err != nil {
		b.Fatal(err)
	}
	st := projections.NewStandings(r, nil)
	// The year before the middle one is scored by the middle of the ledger.
	year := opts.FirstYear + opts.Years/2 - 1
	mid := head / 2
	if res, err := st.Sector(ctx, projections.AtSeq(mid), year); err != nil || len(res.Clusters) == 0 {
		b.Fatalf("sector %d as of seq %d: %d clusters, %v", year, mid, len(res.Clusters), err)
	}
	b.Logf("%d events; sector %d as of seq %d", head, year, mid)
	b.Run("mid", func(b *testing.B) {
		// Distinct seqs, so an as-of cache cannot answer.
		i := uint64(0)
		for b.Loop() {
			if _, err := st.Sector(ctx, projections.AtSeq(mid-i), year); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("latest", func(b *testing.B) {
		for b.Loop() {
			if _, err := st.Sector(ctx, projections.Latest(), year); err != nil {
				b.Fatal(err)
			}
		}
	})
}
