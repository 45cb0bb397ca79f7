package sqlite_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/sqlite"
	"golang.org/x/mod/sumdb/tlog"
)

// mth is the Merkle Tree Hash of RFC 6962 §2.1, written from the RFC's
// definition and independent of the store's tree code.
func mth(lines [][]byte) [32]byte {
	switch n := len(lines); n {
	case 0:
		return sha256.Sum256(nil)
	case 1:
		return sha256.Sum256(append([]byte{0}, lines[0]...))
	default:
		k := 1
		for k*2 < n {
			k *= 2
		}
		l, r := mth(lines[:k]), mth(lines[k:])
		return sha256.Sum256(append(append([]byte{1}, l[:]...), r[:]...))
	}
}

func exportLines(tb testing.TB, s eventstore.Store) [][]byte {
	tb.Helper()
	var out [][]byte
	for _, ev := range collect(tb, s.ReadAll(context.Background(), 0)) {
		out = append(out, eventstore.ExportLine(&ev))
	}
	return out
}

func checkRoots(t *testing.T, s *sqlite.Store) {
	t.Helper()
	lines := exportLines(t, s)
	for size := 0; size <= len(lines); size++ {
		got, err := s.TreeHash(t.Context(), uint64(size))
		if err != nil {
			t.Fatalf("tree hash of size %d: %v", size, err)
		}
		if want := mth(lines[:size]); got != want {
			t.Fatalf("tree hash of size %d = %x, RFC 6962 says %x", size, got, want)
		}
	}
}

// The stored tree matches RFC 6962 at every size, whatever mix of group
// commits, rejected appends, retries and reopenings built it.
func TestTreeMatchesRFC6962(t *testing.T) {
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	dir := t.TempDir()
	s, err := sqlite.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}

	var wg sync.WaitGroup
	for w := range 8 {
		n := 1 + rng.IntN(4)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 12 {
				evs := make([]eventstore.Event, n)
				for j := range evs {
					evs[j] = newEvent("ScoreRecorded", fmt.Sprintf(`{"w":%d,"i":%d,"j":%d,"đơnVị":"Phòng %d"}`, w, i, j, j))
				}
				stream := fmt.Sprintf("scorecard-%d", w%3)
				if _, err := s.Append(context.Background(), stream, eventstore.Any, evs...); err != nil {
					t.Error(err)
				}
				// A retry (slow path) and a rejected append in the same flow.
				if i%4 == 0 {
					if res, err := s.Append(context.Background(), stream, eventstore.NoStream, evs...); err != nil || !res.Duplicate {
						t.Errorf("retry: %v", err)
					}
					_, err := s.Append(context.Background(), stream, eventstore.NoStream, newEvent("X", `{}`))
					if !errors.Is(err, eventstore.ErrConcurrency) {
						t.Errorf("append to existing stream with NoStream: %v", err)
					}
				}
			}
		}()
	}
	wg.Wait()
	checkRoots(t, s)
	s.Close()

	// Reopened: the writer's cached frontier is gone and must be read back.
	s = mustOpenDir(t, dir, nil)
	for i := range 5 {
		mustAppend(t, s, "after-reopen", eventstore.Any, newEvent("X", fmt.Sprintf(`{"i":%d}`, i)))
	}
	checkRoots(t, s)

	// One append of 1,000 events: many levels complete inside one batch.
	big := make([]eventstore.Event, 1000)
	for i := range big {
		big[i] = newEvent("X", fmt.Sprintf(`{"bulk":%d}`, i))
	}
	mustAppend(t, s, "bulk", eventstore.NoStream, big...)
	lines := exportLines(t, s)
	got, err := s.TreeHash(t.Context(), uint64(len(lines)))
	if err != nil {
		t.Fatal(err)
	}
	if want := mth(lines); got != want {
		t.Fatalf("tree hash after a 1,000-event append = %x, RFC 6962 says %x", got, want)
	}
}

// A ledger whose tree rows are missing (as one written before the tree
// existed) gets them rebuilt at open.
func TestTreeBackfilledAtOpen(t *testing.T) {
	dir := t.TempDir()
	s, err := sqlite.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 37 {
		mustAppend(t, s, fmt.Sprintf("s-%d", i%5), eventstore.Any, newEvent("X", fmt.Sprintf(`{"i":%d}`, i)))
	}
	path := s.Path()
	s.Close()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	cut := tlog.StoredHashIndex(0, 20) // the tree of the first 20 events stays
	for _, q := range []string{`DROP TRIGGER tree_no_delete`, fmt.Sprintf(`DELETE FROM tree WHERE idx >= %d`, cut)} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s = mustOpenDir(t, dir, nil)
	checkRoots(t, s)
	mustAppend(t, s, "s-x", eventstore.Any, newEvent("X", `{}`))
	checkRoots(t, s)
}

// A tree cut in the middle of one event's hashes is damage: open refuses it.
func TestTreePartialRecordIsCorrupt(t *testing.T) {
	dir := t.TempDir()
	s, err := sqlite.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 8 {
		mustAppend(t, s, "s", eventstore.Any, newEvent("X", fmt.Sprintf(`{"i":%d}`, i)))
	}
	path := s.Path()
	s.Close()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	// Record 7 stores 4 hashes (leaf, and levels 1–3); drop its last one.
	last := tlog.StoredHashIndex(0, 7) + 3
	for _, q := range []string{`DROP TRIGGER tree_no_delete`, fmt.Sprintf(`DELETE FROM tree WHERE idx = %d`, last)} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	if _, err := sqlite.Open(dir, nil); !errors.Is(err, sqlite.ErrCorrupt) {
		t.Fatalf("open with a damaged tree: %v, want ErrCorrupt", err)
	}
}
