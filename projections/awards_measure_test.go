package projections_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore/memstore"
	"github.com/tdkt/tdkt/internal/synth"
	"github.com/tdkt/tdkt/projections"
)

// TestAwardsMeasure folds the awards register over a synthetic sector and
// prints its persisted state's size, the time to decode it and the heap it
// holds, and a hash of a sample of answers (List, Get, the filters, an
// as-of) to compare two versions of the model. It runs only when asked:
//
//	TDKT_AWM=small go test ./projections -run TestAwardsMeasure -v -count=1
//
// (the national profile takes minutes and a few GiB).
func TestAwardsMeasure(t *testing.T) {
	prof := os.Getenv("TDKT_AWM")
	if prof == "" {
		t.Skip("set TDKT_AWM to a synth profile to measure")
	}
	ctx := context.Background()
	opts, _ := synth.Profile(prof, 1)
	gen, err := synth.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	s := memstore.New(&memstore.Options{Now: func() time.Time { clock = clock.Add(time.Millisecond); return clock }})
	if _, err := gen.AppendTo(ctx, s); err != nil {
		t.Fatal(err)
	}
	head, _ := s.Head(ctx)
	st := projections.NewMemStateStore()
	r, _ := projections.NewRunner(s, st, nil)
	r.Register(projections.AwardsProjection())
	t0 := time.Now()
	if err := r.RunToEnd(ctx); err != nil {
		t.Fatal(err)
	}
	fold := time.Since(t0)
	_, data, _, _ := st.Load(ctx, projections.AwardsName)
	r = nil
	runtime.GC()
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	r2, _ := projections.NewRunner(s, st, nil)
	r2.Register(projections.AwardsProjection())
	t1 := time.Now()
	if err := r2.Load(ctx); err != nil {
		t.Fatal(err)
	}
	load := time.Since(t1)
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m1)
	fmt.Printf("profile=%s events=%d state=%d bytes (%.1f MB) fold=%v load=%v heap(model after load)=%.1f MiB\n", prof, head, len(data), float64(len(data))/1e6, fold, load, float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc))/(1<<20))
	q := projections.NewAwards(r2)
	all, err := q.List(ctx, projections.Latest(), projections.AwardFilter{})
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	b, _ := json.Marshal(all)
	h.Write(b)
	revoked, amended, conferred := 0, 0, 0
	for i, a := range all {
		if a.Revocation != nil {
			revoked++
		}
		if len(a.Amendments) > 0 {
			amended++
		}
		if a.Conferred != nil {
			conferred++
		}
		if i%(len(all)/200+1) == 0 {
			g, _ := q.Get(ctx, projections.Latest(), a.AwardID)
			b, _ := json.Marshal(g)
			h.Write(b)
			for _, f := range []projections.AwardFilter{{Year: a.Year}, {PersonID: a.Subject.ID}, {UnitID: a.Subject.ID}, {Title: mustKind(a.Title.Code), InForceOnly: true}} {
				l, _ := q.List(ctx, projections.Latest(), f)
				b, _ := json.Marshal(l)
				h.Write(b)
			}
			if i%(len(all)/2+1) == 0 {
				l, _ := q.List(ctx, projections.AtSeq(a.Recorded.Seq+1), projections.AwardFilter{})
				b, _ := json.Marshal(l)
				h.Write(b)
			}
		}
	}
	runtime.KeepAlive(r2)
	fmt.Printf("profile=%s events=%d awards=%d revoked=%d amended=%d conferred=%d\n", prof, head, len(all), revoked, amended, conferred)
	fmt.Printf("answers sha256=%x\n", h.Sum(nil))
}

func mustKind(s string) domain.AwardKind { k, _ := domain.ParseAwardKind(s); return k }
