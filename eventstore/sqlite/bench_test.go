package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/sqlite"
	"github.com/tdkt/tdkt/internal/filelog"
)

// Benchmarks of the embedded store, each beside the plain-file baseline
// (internal/filelog: append + fsync with the same group commit, no index),
// which is the physical limit on this disk. Run:
//
//	go test -run '^$' -bench . -benchtime 5s -count 3 ./eventstore/sqlite/
//
// The 1M-event store for the read benchmarks is built once per process
// (TDKT_BENCH_EVENTS overrides the size). Figures go in docs/BENCHMARKS.md.

// benchData is a realistic event body: about 300 bytes of JSON with
// Vietnamese text, so the export line is about 500 bytes.
func benchData(i int) []byte {
	return fmt.Appendf(nil, `{"unitId":"unit-%06d","year":2024,"criterion":"Công tác thực hành quyền công tố và kiểm sát điều tra","points":%d.5,"note":"Hoàn thành xuất sắc chỉ tiêu nghiệp vụ theo Nghị quyết 96/2019/QH14; không có án trả hồ sơ điều tra bổ sung","scorer":"Cụm thi đua số %d"}`, i%400, i%100, i%12)
}

func benchEvent(i int) eventstore.Event {
	return eventstore.Event{
		ID:        uuid.Must(uuid.NewV7()),
		Type:      "ScoreRecorded",
		Schema:    1,
		Effective: eventstore.Effective{Date: "2024-12-15", Year: 2024},
		Actor:     &eventstore.Actor{Subject: "cum-truong-05", Role: "cluster", Unit: "unit-000123"},
		Data:      benchData(i),
	}
}

func benchLine(i int) []byte {
	e := eventstore.RecordedEvent{Seq: uint64(i), Stream: "scorecard-" + strconv.Itoa(i%10000), RecordedAt: time.Now(), Event: benchEvent(i)}
	return eventstore.ExportLine(&e)
}

func reportRate(b *testing.B, events int64) {
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
}

func BenchmarkDurableAppend(b *testing.B) {
	for _, writers := range []int{1, 16} {
		b.Run(fmt.Sprintf("store=sqlite/writers=%d", writers), func(b *testing.B) {
			s := MustOpenStore(b, nil)
			var n atomic.Int64
			runWriters(b, writers, func(w, i int) {
				if _, err := s.Append(context.Background(), fmt.Sprintf("scorecard-%d-%d", w, i%100), eventstore.Any, benchEvent(i)); err != nil {
					b.Error(err)
				}
				n.Add(1)
			})
			reportRate(b, n.Load())
		})
		b.Run(fmt.Sprintf("store=plainfile/writers=%d", writers), func(b *testing.B) {
			l := mustOpenFileLog(b)
			var n atomic.Int64
			runWriters(b, writers, func(w, i int) {
				if err := l.Append(benchLine(i)); err != nil {
					b.Error(err)
				}
				n.Add(1)
			})
			reportRate(b, n.Load())
		})
	}
}

func BenchmarkBulkAppend(b *testing.B) {
	const batch = 1000
	b.Run("store=sqlite/batch=1000", func(b *testing.B) {
		s := MustOpenStore(b, nil)
		var n int64
		for i := 0; b.Loop(); i++ {
			evs := make([]eventstore.Event, batch)
			for j := range evs {
				evs[j] = benchEvent(j)
			}
			if _, err := s.Append(context.Background(), "import-"+strconv.Itoa(i), eventstore.NoStream, evs...); err != nil {
				b.Fatal(err)
			}
			n += batch
		}
		reportRate(b, n)
	})
	b.Run("store=plainfile/batch=1000", func(b *testing.B) {
		l := mustOpenFileLog(b)
		var n int64
		for b.Loop() {
			recs := make([][]byte, batch)
			for j := range recs {
				recs[j] = benchLine(j)
			}
			if err := l.Append(recs...); err != nil {
				b.Fatal(err)
			}
			n += batch
		}
		reportRate(b, n)
	})
}

// runWriters runs b.N operations over the given number of goroutines.
func runWriters(b *testing.B, writers int, op func(w, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= b.N {
					return
				}
				op(w, i)
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
}

func mustOpenFileLog(b *testing.B) *filelog.Log {
	l, err := filelog.Open(filepath.Join(b.TempDir(), "baseline.log"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { l.Close() })
	return l
}

var big struct {
	once sync.Once
	dir  string
	n    int
	err  error
}

// bigStore returns a store with TDKT_BENCH_EVENTS (default 1,000,000)
// events in 10,000 streams of equal length, interleaved through the ledger
// the way concurrent clerks would write them.
func bigStore(b *testing.B) (*sqlite.Store, int) {
	big.once.Do(func() {
		big.n = 1_000_000
		if v, err := strconv.Atoi(os.Getenv("TDKT_BENCH_EVENTS")); err == nil && v > 0 {
			big.n = v
		}
		big.dir, big.err = os.MkdirTemp("", "tdkt-bench-")
		if big.err != nil {
			return
		}
		s, err := sqlite.Open(big.dir, nil)
		if err != nil {
			big.err = err
			return
		}
		defer s.Close()
		start := time.Now()
		const streams, per = 10_000, 10
		var next atomic.Int64
		var wg sync.WaitGroup
		rounds := big.n / (streams * per)
		for range 32 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					k := int(next.Add(1)) - 1
					if k >= rounds*streams {
						return
					}
					stream := fmt.Sprintf("scorecard-%05d", k%streams)
					evs := make([]eventstore.Event, per)
					for j := range evs {
						evs[j] = benchEvent(k*per + j)
					}
					if _, err := s.Append(context.Background(), stream, eventstore.Any, evs...); err != nil {
						big.err = err
						return
					}
				}
			}()
		}
		wg.Wait()
		fmt.Fprintf(os.Stderr, "built %d-event store in %s (%.0f events/s)\n", big.n, time.Since(start).Round(time.Millisecond), float64(big.n)/time.Since(start).Seconds())
	})
	if big.err != nil {
		b.Fatal(big.err)
	}
	s, err := sqlite.Open(big.dir, &sqlite.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s, big.n
}

func TestMain(m *testing.M) {
	code := m.Run()
	if big.dir != "" {
		os.RemoveAll(big.dir)
	}
	os.Exit(code)
}

// BenchmarkReplay reads the whole ledger with ReadAll: rows, export-line
// envelope decoding, no decoding of data.
func BenchmarkReplay(b *testing.B) {
	s, n := bigStore(b)
	b.ResetTimer()
	var total int64
	for b.Loop() {
		var count int
		for _, err := range s.ReadAll(context.Background(), 0) {
			if err != nil {
				b.Fatal(err)
			}
			count++
		}
		if count != n {
			b.Fatalf("replayed %d events, want %d", count, n)
		}
		total += int64(count)
	}
	reportRate(b, total)
}

// BenchmarkReadStream reads one random 100-event stream of the big store
// per operation and reports latency percentiles.
func BenchmarkReadStream(b *testing.B) {
	s, n := bigStore(b)
	per := n / 10_000
	rng := rand.New(rand.NewPCG(1, 2))
	var lat []time.Duration
	b.ResetTimer()
	for b.Loop() {
		stream := fmt.Sprintf("scorecard-%05d", rng.IntN(10_000))
		t0 := time.Now()
		count := 0
		for _, err := range s.ReadStream(context.Background(), stream, 0) {
			if err != nil {
				b.Fatal(err)
			}
			count++
		}
		lat = append(lat, time.Since(t0))
		if count != per {
			b.Fatalf("stream %s has %d events, want %d", stream, count, per)
		}
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}
