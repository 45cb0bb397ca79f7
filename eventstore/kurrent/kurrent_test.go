package kurrent_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/kurrent"
	"github.com/tdkt/tdkt/eventstore/kurrent/kurrenttest"
	"github.com/tdkt/tdkt/eventstore/ledger"
	"github.com/tdkt/tdkt/eventstore/storetest"
	"golang.org/x/mod/sumdb/tlog"
)

func newEvents(tag string, n int) []eventstore.Event {
	evs := make([]eventstore.Event, n)
	for i := range evs {
		evs[i] = storetest.NewEvent("test.kurrent.v1", fmt.Sprintf(`{"tag":%q,"i":%d}`, tag, i))
	}
	return evs
}

func mustAppend(tb testing.TB, s eventstore.Store, stream string, exp eventstore.ExpectedRevision, evs ...eventstore.Event) eventstore.AppendResult {
	tb.Helper()
	res, err := s.Append(tb.Context(), stream, exp, evs...)
	if err != nil {
		tb.Fatalf("Append(%q): %v", stream, err)
	}
	return res
}

func readAll(tb testing.TB, s eventstore.Store) []eventstore.RecordedEvent {
	tb.Helper()
	var out []eventstore.RecordedEvent
	for ev, err := range s.ReadAll(tb.Context(), 0) {
		if err != nil {
			tb.Fatalf("ReadAll: %v", err)
		}
		out = append(out, ev)
	}
	return out
}

// TestDroppedSubscription: the consumer's subscription to $all is dropped
// (and its first resubscriptions refused) while events arrive; it resumes
// from the last position it received, so the ledger has every event once,
// and a Store.Subscribe running across the drop sees each seq exactly once.
func TestDroppedSubscription(t *testing.T) {
	s, srv := MustOpenStore(t)
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	const rounds, per = 6, 3
	got := make(chan eventstore.RecordedEvent, rounds*per)
	subErr := make(chan error, 1)
	go func() {
		n := 0
		for ev, err := range s.Subscribe(ctx, 0) {
			if err != nil {
				subErr <- err
				return
			}
			got <- ev
			if n++; n == rounds*per {
				subErr <- nil
				return
			}
		}
	}()
	dropped := 0
	for i := range rounds {
		mustAppend(t, s, fmt.Sprintf("drop-%d", i%2), eventstore.Any, newEvents(fmt.Sprint(i), per)...)
		if i%2 == 0 {
			srv.Fail(kurrenttest.OpSubscribe, kurrenttest.Unavailable, 2)
		}
		// The consumer may be between subscriptions (backing off after
		// the last drop), so not every round drops one.
		dropped += srv.DropSubscriptions()
	}
	if dropped == 0 {
		t.Fatal("no subscription was dropped")
	}
	if err := <-subErr; err != nil {
		t.Fatalf("Subscribe: %v", err)
	}
	close(got)
	seq := uint64(0)
	for ev := range got {
		if ev.Seq != seq {
			t.Fatalf("Subscribe yielded seq %d, want %d", ev.Seq, seq)
		}
		seq++
	}
	if h, _ := s.Head(ctx); h != rounds*per {
		t.Fatalf("Head = %d, want %d", h, rounds*per)
	}
	storetest.CheckInvariants(t, s)
}

// TestNotIndexed: KurrentDB has the events but the consumer cannot index
// them before the context ends: the error says the append is durable and
// not yet indexed, and a retry with the same ids returns the result.
func TestNotIndexed(t *testing.T) {
	s, srv := MustOpenStore(t)
	mustAppend(t, s, "n-1", eventstore.NoStream, newEvents("a", 1)...)
	srv.Fail(kurrenttest.OpSubscribe, kurrenttest.Unavailable, 1<<30)
	srv.DropSubscriptions()
	evs := newEvents("b", 2)
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	_, err := s.Append(ctx, "n-1", eventstore.Exact(0), evs...)
	var ni *kurrent.NotIndexedError
	if !errors.As(err, &ni) || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "durable") {
		t.Fatalf("Append the consumer cannot index: %v; want *NotIndexedError matching the deadline", err)
	}
	srv.ClearFaults()
	res, err := s.Append(t.Context(), "n-1", eventstore.Exact(0), evs...)
	if err != nil || !res.Duplicate || res.Events[0].Seq != 1 {
		t.Fatalf("retry: %+v, %v; want the durable events as a duplicate at seq 1", res, err)
	}
	storetest.CheckInvariants(t, s)
}

func TestUnavailable(t *testing.T) {
	s, srv := MustOpenStore(t)
	mustAppend(t, s, "u-1", eventstore.NoStream, newEvents("a", 1)...)
	srv.Fail(kurrenttest.OpAppend, kurrenttest.Unavailable, 1)
	_, err := s.Append(t.Context(), "u-1", eventstore.Exact(0), newEvents("b", 1)...)
	if !errors.Is(err, kurrent.ErrUnavailable) || !strings.Contains(err.Error(), "u-1") {
		t.Fatalf("Append against an unavailable node: %v; want ErrUnavailable naming the stream", err)
	}
	// The client rediscovers, and the next call works.
	mustAppend(t, s, "u-1", eventstore.Exact(0), newEvents("c", 1)...)
	storetest.CheckInvariants(t, s)
}

func TestWrongExpectedVersion(t *testing.T) {
	s, srv := MustOpenStore(t)
	mustAppend(t, s, "w-1", eventstore.NoStream, newEvents("a", 2)...)
	srv.Fail(kurrenttest.OpAppend, kurrenttest.WrongExpectedVersion, 1)
	_, err := s.Append(t.Context(), "w-1", eventstore.Exact(1), newEvents("b", 1)...)
	var ce *eventstore.ConcurrencyError
	if !errors.As(err, &ce) || ce.Stream != "w-1" || ce.Expected != eventstore.Exact(1) || ce.Actual != 1 {
		t.Fatalf("Append answered with a wrong expected version: %v; want *ConcurrencyError{w-1, 1, 1}", err)
	}
	// Any is sent as the exact revision and retried on a conflict.
	srv.Fail(kurrenttest.OpAppend, kurrenttest.WrongExpectedVersion, 2)
	res := mustAppend(t, s, "w-1", eventstore.Any, newEvents("c", 1)...)
	if res.Revision != 2 || res.Events[0].Seq != 2 {
		t.Fatalf("Any after two conflicts: revision %d seq %d, want 2 and 2", res.Revision, res.Events[0].Seq)
	}
	storetest.CheckInvariants(t, s)
}

func TestNotLeader(t *testing.T) {
	s, srv := MustOpenStore(t)
	srv.Fail(kurrenttest.OpAppend, kurrenttest.NotLeader, 1)
	mustAppend(t, s, "l-1", eventstore.NoStream, newEvents("a", 1)...)
	srv.Fail(kurrenttest.OpAppend, kurrenttest.NotLeader, 2)
	if _, err := s.Append(t.Context(), "l-1", eventstore.Exact(0), newEvents("b", 1)...); !errors.Is(err, kurrent.ErrUnavailable) {
		t.Fatalf("Append after two not-leader answers: %v; want ErrUnavailable", err)
	}
	storetest.CheckInvariants(t, s)
}

func TestAppendTooLarge(t *testing.T) {
	s, srv := MustOpenStore(t)
	srv.Fail(kurrenttest.OpAppend, kurrenttest.AppendTooLarge, 1)
	_, err := s.Append(t.Context(), "big-1", eventstore.NoStream, newEvents("a", 2)...)
	var ie *eventstore.InvalidEventError
	if !errors.As(err, &ie) || ie.Field != "events" {
		t.Fatalf("Append over the server's limit: %v; want *InvalidEventError on events", err)
	}
	srv.SetMaxAppendSize(200)
	if _, err := s.Append(t.Context(), "big-1", eventstore.NoStream, newEvents("b", 10)...); !errors.Is(err, eventstore.ErrInvalidEvent) {
		t.Fatalf("Append of 10 events over a 200-byte server limit: %v; want ErrInvalidEvent", err)
	}
	if h, _ := s.Head(t.Context()); h != 0 {
		t.Fatalf("Head = %d after refused appends", h)
	}
}

// TestAnyRetryAfterEviction: KurrentDB checks ids of Any appends only in a
// cache; the store never sends Any, so a retry after the cache is gone is
// still answered as a duplicate and nothing is written twice.
func TestAnyRetryAfterEviction(t *testing.T) {
	s, srv := MustOpenStore(t)
	evs := newEvents("a", 3)
	first := mustAppend(t, s, "any-1", eventstore.Any, evs...)
	records := srv.Len()
	srv.ForgetIDs()
	again := mustAppend(t, s, "any-1", eventstore.Any, evs...)
	if !again.Duplicate || again.Events[0].Seq != first.Events[0].Seq {
		t.Fatalf("retry: Duplicate %v seq %d; want the original result", again.Duplicate, again.Events[0].Seq)
	}
	if n := srv.Len(); n != records {
		t.Fatalf("the retry wrote %d records to the server", n-records)
	}
	// A second process's store on the same database, which has not seen
	// the original append, answers the same.
	other, err := kurrent.Open(t.Context(), &kurrent.Options{URL: srv.URL(), Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	srv.ForgetIDs()
	res, err := other.Append(t.Context(), "any-1", eventstore.Any, evs...)
	if err != nil || !res.Duplicate {
		t.Fatalf("retry through another store: %v, duplicate %v", err, res.Duplicate)
	}
}

// TestTwoStores: two stores (two processes) on one database write through
// the same index stream; the exact expected revision lets one consumer
// advance it at a time, the other adopts, and both see one ledger.
func TestTwoStores(t *testing.T) {
	a, srv := MustOpenStore(t)
	b, err := kurrent.Open(t.Context(), &kurrent.Options{URL: srv.URL(), Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var wg sync.WaitGroup
	for w, s := range []*kurrent.Store{a, b, a, b} {
		wg.Go(func() {
			for i := range 10 {
				if _, err := s.Append(t.Context(), fmt.Sprintf("two-%d", w), eventstore.Any, newEvents(fmt.Sprint(i), 1+i%3)...); err != nil {
					t.Errorf("writer %d: %v", w, err)
					return
				}
			}
		})
	}
	wg.Wait()
	// b may lag a moment behind a's last append: an Append syncs.
	mustAppend(t, a, "two-sync", eventstore.NoStream, newEvents("x", 1)...)
	mustAppend(t, b, "two-sync", eventstore.Exact(0), newEvents("y", 1)...)
	mustAppend(t, a, "two-sync", eventstore.Exact(1), newEvents("z", 1)...)
	ra, rb := readAll(t, a), readAll(t, b)
	if len(ra) != len(rb) || len(ra) != 4*19+3 {
		t.Fatalf("store a has %d events, b %d", len(ra), len(rb))
	}
	for i := range ra {
		if string(eventstore.ExportLine(&ra[i])) != string(eventstore.ExportLine(&rb[i])) {
			t.Fatalf("seq %d differs between the stores", i)
		}
	}
	ha, _ := a.TreeHash(t.Context(), uint64(len(ra)))
	hb, _ := b.TreeHash(t.Context(), uint64(len(rb)))
	if ha != hb {
		t.Fatal("the stores disagree on the tree root")
	}
	storetest.CheckInvariants(t, a)
	storetest.CheckInvariants(t, b)
}

// TestReopenAndTree: a reopened store loads the index from its stream; the
// Merkle tree is the RFC 6962 tree of the export lines, and proofs work
// through ledger.TreeReader.
func TestReopenAndTree(t *testing.T) {
	s, srv := MustOpenStore(t)
	for i := range 7 {
		mustAppend(t, s, fmt.Sprintf("tree-%d", i%3), eventstore.Any, newEvents(fmt.Sprint(i), 1+i%4)...)
	}
	// System events in between are not in the ledger.
	if err := s.Harden(t.Context(), kurrent.Credentials{}, nil); err != nil {
		t.Fatal(err)
	}
	mustAppend(t, s, "tree-0", eventstore.Any, newEvents("after", 2)...)
	all := readAll(t, s)
	var leaves []tlog.Hash
	for i := range all {
		leaves = append(leaves, eventstore.LeafHash(eventstore.ExportLine(&all[i])))
	}
	want := rootOf(leaves)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := kurrent.Open(t.Context(), &kurrent.Options{URL: srv.URL(), Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if h, _ := r.Head(t.Context()); h != uint64(len(all)) {
		t.Fatalf("reopened Head = %d, want %d", h, len(all))
	}
	got, err := r.TreeHash(t.Context(), uint64(len(all)))
	if err != nil || got != want {
		t.Fatalf("TreeHash = %v, %v; want %v", got, err, want)
	}
	proof, err := ledger.InclusionProof(t.Context(), r, 3, uint64(len(all)))
	if err != nil {
		t.Fatal(err)
	}
	if err := tlog.CheckRecord(tlog.RecordProof(proof), int64(len(all)), want, 3, leaves[3]); err != nil {
		t.Fatalf("inclusion proof: %v", err)
	}
	storetest.CheckInvariants(t, r)
}

func rootOf(leaves []tlog.Hash) tlog.Hash {
	var stored []tlog.Hash
	rd := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(idx))
		for i, x := range idx {
			out[i] = stored[x]
		}
		return out, nil
	})
	for i, l := range leaves {
		hs, _ := tlog.StoredHashesForRecordHash(int64(i), l, rd)
		stored = append(stored, hs...)
	}
	h, _ := tlog.TreeHash(int64(len(leaves)), rd)
	return h
}

// TestForeignEventHalts: an event written to a ledger stream behind the
// store's back, not a tdkt envelope, stops the index rather than being
// skipped or guessed at.
func TestForeignEventHalts(t *testing.T) {
	s, _ := MustOpenStore(t)
	mustAppend(t, s, "f-1", eventstore.NoStream, newEvents("a", 1)...)
	_, err := s.Client().AppendToStream(t.Context(), "f-1", esdb.AppendToStreamOptions{},
		esdb.EventData{EventID: uuid.New(), EventType: "foreign", ContentType: esdb.ContentTypeJson, Data: []byte(`{}`), Metadata: []byte(`not json`)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Append(t.Context(), "f-2", eventstore.NoStream, newEvents("b", 1)...)
	if !errors.Is(err, kurrent.ErrIndexHalted) {
		t.Fatalf("Append after a foreign event: %v; want ErrIndexHalted", err)
	}
}

func TestHarden(t *testing.T) {
	s, _ := MustOpenStore(t)
	h, err := s.CheckHardening(t.Context(), kurrent.Credentials{})
	if err != nil || h.OK() || !h.Checked || h.DeleteRestricted {
		t.Fatalf("before Harden: %+v, %v", h, err)
	}
	if err := s.Harden(t.Context(), kurrent.Credentials{Login: "admin", Password: "changeit"}, nil); !errors.Is(err, kurrent.ErrInsecureCredentials) {
		t.Fatalf("Harden with credentials over tls=false: %v; want ErrInsecureCredentials", err)
	}
	if err := s.Harden(t.Context(), kurrent.Credentials{}, &kurrent.HardenPolicy{Writers: []string{"ledger-writer"}}); err != nil {
		t.Fatal(err)
	}
	h, err = s.CheckHardening(t.Context(), kurrent.Credentials{})
	if err != nil || !h.DeleteRestricted || !h.MetadataRestricted || !h.SystemRestricted {
		t.Fatalf("after Harden: %+v, %v", h, err)
	}
	if h.OK() || h.Secure {
		t.Fatalf("a tls=false connection reported as hardened: %+v", h)
	}
	// Settings events are not in the ledger.
	mustAppend(t, s, "h-1", eventstore.NoStream, newEvents("a", 1)...)
	storetest.CheckInvariants(t, s)
}

func TestParseURL(t *testing.T) {
	for _, c := range []struct {
		url string
		ok  bool
	}{
		{"esdb://localhost:2113?tls=false", true},
		{"esdb://admin:changeit@localhost:2113?tls=true", true},
		{"esdb+discover://cluster.internal:2113", true},
		{"kurrentdb://n1:2113,n2:2113,n3:2113?nodePreference=leader", true},
		{"esdb://admin:changeit@localhost:2113?tls=false", false},
		{"http://localhost:2113", false},
	} {
		cfg, err := kurrent.ParseURL(c.url)
		if (err == nil) != c.ok {
			t.Errorf("ParseURL(%q): %v; want ok %v", c.url, err, c.ok)
		}
		if err != nil && strings.Contains(err.Error(), "changeit") {
			t.Errorf("ParseURL(%q) error shows the password: %v", c.url, err)
		}
		if !c.ok && strings.Contains(c.url, "tls=false") && !errors.Is(err, kurrent.ErrInsecureCredentials) {
			t.Errorf("ParseURL(%q): %v; want ErrInsecureCredentials", c.url, err)
		}
		if cfg != nil && strings.Contains(c.url, "discover") && !cfg.DnsDiscover {
			t.Errorf("ParseURL(%q): DnsDiscover is false", c.url)
		}
	}
}

// TestRealServer runs the conformance suite against a real KurrentDB node
// or cluster. Each subtest uses its own stream prefix, so the database
// needs no reset, but it must be one the tests may write to.
func TestRealServer(t *testing.T) {
	url := os.Getenv("TDKT_KURRENTDB_URL")
	if url == "" {
		t.Skip("no real KurrentDB: set TDKT_KURRENTDB_URL to run storetest against one, e.g. " +
			"TDKT_KURRENTDB_URL='esdb://admin:changeit@localhost:2113?tls=true&tlsVerifyCert=false' go test -run TestRealServer ./eventstore/kurrent/ " +
			"against a scratch server (each subtest writes its own prefixed streams); the user must be allowed to read $all")
	}
	storetest.Run(t, func(tb testing.TB) eventstore.Store {
		s, err := kurrent.Open(tb.Context(), &kurrent.Options{URL: url, Logger: quiet,
			StreamPrefix: "t" + strings.ReplaceAll(uuid.NewString(), "-", "")[:12] + "-"})
		if err != nil {
			tb.Fatalf("Open(%s): %v", url, err)
		}
		tb.Cleanup(func() { _ = s.Close() })
		return s
	})
}

// TestCheckpointLog: signed checkpoints kept on KurrentDB, through the
// ledger's Checkpointer; sizes only grow, and the checkpoint stream is not
// a ledger stream.
func TestCheckpointLog(t *testing.T) {
	s, _ := MustOpenStore(t)
	ctx := t.Context()
	skey, vkey, err := ledger.GenerateKey("kurrent.example/ledger", strings.NewReader(strings.Repeat("k", 64)))
	if err != nil {
		t.Fatal(err)
	}
	signer, _ := ledger.NewSigner(skey)
	verifier, _ := ledger.NewVerifier(vkey)
	c, err := ledger.NewCheckpointer(s, signer, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.LatestCheckpoint(ctx); !errors.Is(err, ledger.ErrNoCheckpoint) {
		t.Fatalf("LatestCheckpoint on a new ledger: %v", err)
	}
	mustAppend(t, s, "cp-a", eventstore.NoStream, newEvents("a", 3)...)
	msg, cp, err := c.Issue(ctx)
	if err != nil || cp.Size != 3 {
		t.Fatalf("Issue: %+v %v", cp, err)
	}
	if got, err := ledger.Open(msg, verifier); err != nil || got.Size != 3 {
		t.Fatalf("open: %+v %v", got, err)
	}
	if err := s.SaveCheckpoint(ctx, 2, msg); err == nil {
		t.Fatal("saved a checkpoint smaller than the last")
	}
	mustAppend(t, s, "cp-a", eventstore.Exact(2), newEvents("b", 2)...)
	if _, cp, err := c.Issue(ctx); err != nil || cp.Size != 5 {
		t.Fatalf("second Issue: %+v %v", cp, err)
	}
	if size, _, err := s.LatestCheckpoint(ctx); err != nil || size != 5 {
		t.Fatalf("LatestCheckpoint: %d %v", size, err)
	}
	if n := len(readAll(t, s)); n != 5 {
		t.Fatalf("the ledger holds %d events, want 5 (checkpoints are not ledger events)", n)
	}
}
