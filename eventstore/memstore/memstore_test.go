package memstore_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/memstore"
	"github.com/tdkt/tdkt/eventstore/storetest"
)

// MustOpenStore returns a new store that is closed when the test ends.
func MustOpenStore(tb testing.TB, opts *memstore.Options) *memstore.Store {
	tb.Helper()
	s := memstore.New(opts)
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(tb testing.TB) eventstore.Store { return MustOpenStore(tb, nil) })
}

// TestOptions: the clock and the size limit come from Options.
func TestOptions(t *testing.T) {
	t.Run("Now", func(t *testing.T) {
		zone := time.FixedZone("ICT", 7*3600)
		at := time.Date(2024, 3, 15, 9, 30, 0, 123456789, zone)
		s := MustOpenStore(t, &memstore.Options{Now: func() time.Time { return at }})
		res, err := s.Append(t.Context(), "clock-1", eventstore.NoStream, storetest.NewEvent("test.v1", `{}`))
		if err != nil {
			t.Fatal(err)
		}
		got := res.Events[0].RecordedAt
		if !got.Equal(at) || got.Location() != time.UTC {
			t.Fatalf("recordedAt %v, want %v in UTC", got, at.UTC())
		}
		storetest.CheckInvariants(t, s)
	})
	t.Run("MaxEventSize", func(t *testing.T) {
		s := MustOpenStore(t, &memstore.Options{MaxEventSize: 300})
		if _, err := s.Append(t.Context(), "size-1", eventstore.NoStream, storetest.NewEvent("test.v1", `{}`)); err != nil {
			t.Fatalf("small event: %v", err)
		}
		big := storetest.NewEvent("test.v1", `{"pad":"`+strings.Repeat("x", 300)+`"}`)
		_, err := s.Append(t.Context(), "size-1", eventstore.Any, big)
		var te *eventstore.TooLargeError
		if !errors.As(err, &te) || te.Limit != 300 || te.ID != big.ID {
			t.Fatalf("event over a 300-byte limit: %v; want a *TooLargeError with limit 300", err)
		}
		storetest.CheckInvariants(t, s)
	})
	t.Run("Defaults", func(t *testing.T) {
		s := MustOpenStore(t, nil)
		before := time.Now()
		res, err := s.Append(t.Context(), "defaults-1", eventstore.NoStream, storetest.NewEvent("test.v1", `{}`))
		if err != nil {
			t.Fatal(err)
		}
		if at := res.Events[0].RecordedAt; at.Before(before.Add(-time.Second)) || at.After(time.Now().Add(time.Second)) || at.Location() != time.UTC {
			t.Fatalf("recordedAt %v is not the wall clock in UTC", at)
		}
	})
}

func BenchmarkAppend(b *testing.B) {
	s := MustOpenStore(b, nil)
	expected := eventstore.NoStream
	for b.Loop() {
		res, err := s.Append(b.Context(), "bench-1", expected, storetest.NewEvent("bench.appended.v1", `{"đơnVị":"Viện kiểm sát nhân dân tỉnh Quảng Ninh","n":1}`))
		if err != nil {
			b.Fatal(err)
		}
		expected = eventstore.Exact(res.Revision)
	}
}

func BenchmarkReadAll(b *testing.B) {
	s := MustOpenStore(b, nil)
	const n = 10_000
	for i := range n / 100 {
		evs := make([]eventstore.Event, 100)
		for j := range evs {
			evs[j] = storetest.NewEvent("bench.appended.v1", `{"đơnVị":"Viện kiểm sát nhân dân tỉnh Quảng Ninh","n":1}`)
		}
		if _, err := s.Append(b.Context(), fmt.Sprint("bench-", i%10), eventstore.Any, evs...); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		count := 0
		for _, err := range s.ReadAll(b.Context(), 0) {
			if err != nil {
				b.Fatal(err)
			}
			count++
		}
		if count != n {
			b.Fatalf("ReadAll yielded %d events, want %d", count, n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/event")
}
