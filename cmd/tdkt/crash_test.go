package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"golang.org/x/mod/sumdb/tlog"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/sqlite"
)

// The kill test (issue 2, "Done when"): a writer process appends to the
// embedded store and prints each event's id the moment Append returns; the
// test kills it with SIGKILL mid-stream, reopens the store and checks that
// every acknowledged event is there exactly once, seq is dense, stream
// revisions are dense and in order, and no append is half there.
//
// TDKT_CRASH_CYCLES sets the number of kill cycles (default 5);
// TDKT_CRASH_SEED replays a run.

const (
	crashDirEnv    = "TDKT_CRASH_DIR"
	crashSeedEnv   = "TDKT_CRASH_SEED"
	crashCyclesEnv = "TDKT_CRASH_CYCLES"
	// crashWriters is how many goroutines of the child append at once, so
	// the kill also lands in the middle of group commits.
	crashWriters = 4
	// crashShared is the stream every writer also appends to (expected
	// revision Any), so one stream gets events from racing appends.
	crashShared = "cluster-cụm-thi-đua-số-13"
	// crashStall is how long the writer may go without acknowledging
	// anything before the test calls it hung.
	crashStall = 20 * time.Second
)

// crashData is the body of the events the child writes; the verifier uses
// it to check each append is whole.
type crashData struct {
	Writer int    `json:"writer"`
	Batch  string `json:"batch"`
	Size   int    `json:"size"`
	Index  int    `json:"index"`
	Note   string `json:"ghi_chú"`
}

// crashWriter is the child: it appends until it is killed and prints
// "ack <id> <stream> <revision> <seq>" for every recorded event right after
// Append returns. Each append's acks go out in one write(2), under
// PIPE_BUF, so a kill never leaves half a line.
func crashWriter() {
	dir := os.Getenv(crashDirEnv)
	seed, _ := strconv.ParseUint(os.Getenv(crashSeedEnv), 10, 64)
	fail := func(format string, args ...any) {
		fmt.Fprintf(os.Stderr, "crash writer: "+format+"\n", args...)
		os.Exit(3)
	}
	// The previous child is dead before this one starts, so its lock is
	// gone (flock is released by the kernel); the timeout is a safety net.
	s, err := sqlite.Open(dir, &sqlite.Options{LockTimeout: 10 * time.Second})
	if err != nil {
		fail("open: %v", err)
	}
	ctx := context.Background()
	var mu sync.Mutex // one ack write at a time
	for w := range crashWriters {
		go func() {
			rng := rand.New(rand.NewPCG(seed, uint64(w)))
			own := fmt.Sprintf("unit-vksnd-huyện-%d", w)
			rev, exists, err := s.StreamRevision(ctx, own)
			if err != nil {
				fail("stream revision: %v", err)
			}
			expected := eventstore.NoStream
			if exists {
				expected = eventstore.Exact(rev)
			}
			var buf []byte
			for {
				stream, exp := own, expected
				if rng.IntN(4) == 0 {
					stream, exp = crashShared, eventstore.Any
				}
				batch := uuid.Must(uuid.NewV7())
				events := make([]eventstore.Event, 1+rng.IntN(3))
				for i := range events {
					data, _ := json.Marshal(crashData{Writer: w, Batch: batch.String(), Size: len(events), Index: i, Note: "đăng ký thi đua năm 2025"})
					events[i] = eventstore.Event{
						ID:          uuid.Must(uuid.NewV7()),
						Type:        "CrashTestRecorded",
						Schema:      1,
						Effective:   eventstore.Effective{Year: 2025},
						Correlation: batch,
						Data:        data,
					}
				}
				res, err := s.Append(ctx, stream, exp, events...)
				if err != nil {
					fail("append to %s: %v", stream, err)
				}
				if stream == own {
					expected = eventstore.Exact(res.Revision)
				}
				buf = buf[:0]
				for _, e := range res.Events {
					buf = fmt.Appendf(buf, "ack %s %s %d %d\n", e.ID, e.Stream, e.Revision, e.Seq)
				}
				mu.Lock()
				_, err = os.Stdout.Write(buf)
				mu.Unlock()
				if err != nil {
					fail("write ack: %v", err)
				}
			}
		}()
	}
	select {} // until SIGKILL
}

// ack is one acknowledged event as the child reported it.
type ack struct {
	stream   string
	revision uint64
	seq      uint64
}

func TestCrashKill(t *testing.T) {
	cycles := 5
	if v := os.Getenv(crashCyclesEnv); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("%s=%q: want a positive integer", crashCyclesEnv, v)
		}
		cycles = n
	}
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv(crashSeedEnv); v != "" {
		var err error
		if seed, err = strconv.ParseUint(v, 10, 64); err != nil {
			t.Fatalf("%s=%q: %v", crashSeedEnv, v, err)
		}
	}
	t.Logf("%d cycles, seed %d (rerun with %s=%d)", cycles, seed, crashSeedEnv, seed)
	rng := rand.New(rand.NewPCG(seed, 0))

	dir := t.TempDir()
	acked := make(map[uuid.UUID]ack)
	for c := range cycles {
		// Kill after a random number of acks: sometimes at once, sometimes
		// well into the run.
		killAfter := 1 + rng.IntN(200)
		if rng.IntN(4) == 0 {
			killAfter = 1 + rng.IntN(5)
		}
		n := runCrashCycle(t, dir, seed+uint64(c)+1, killAfter, acked)
		head := verifyCrashedStore(t, dir, acked)
		t.Logf("cycle %d: killed after %d acks (asked %d); %d acknowledged in all, %d events in the ledger", c, n, killAfter, len(acked), head)
		if t.Failed() {
			t.Fatalf("cycle %d failed; rerun with %s=%d", c, crashSeedEnv, seed)
		}
	}
}

// runCrashCycle starts a writer on dir, kills it with SIGKILL once it has
// acknowledged killAfter events, reads every ack it printed before dying
// into acked, and returns how many that cycle acknowledged.
func runCrashCycle(t *testing.T, dir string, seed uint64, killAfter int, acked map[uuid.UUID]ack) int {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=crash-writer", crashDirEnv+"="+dir, fmt.Sprintf("%s=%d", crashSeedEnv, seed))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// A writer that stops acknowledging must not hang the suite: after
	// crashStall without an ack it gets SIGQUIT, which makes the Go runtime
	// print every goroutine to its stderr before it exits.
	var stalled atomic.Bool
	watchdog := time.AfterFunc(crashStall, func() {
		stalled.Store(true)
		cmd.Process.Signal(syscall.SIGQUIT)
	})
	defer watchdog.Stop()

	r := bufio.NewReader(stdout)
	n := 0
	killed := false
	for {
		line, err := r.ReadString('\n')
		if err == io.EOF {
			if line != "" {
				t.Errorf("a partial ack line %q: acks must be written whole", line)
			}
			break
		}
		if err != nil {
			t.Fatalf("read acks: %v", err)
		}
		f := strings.Fields(line)
		if len(f) != 5 || f[0] != "ack" {
			t.Fatalf("bad ack line %q", line)
		}
		id := uuid.MustParse(f[1])
		rev, _ := strconv.ParseUint(f[3], 10, 64)
		seq, _ := strconv.ParseUint(f[4], 10, 64)
		if _, dup := acked[id]; dup {
			t.Fatalf("event %s acknowledged twice", id)
		}
		acked[id] = ack{stream: f[2], revision: rev, seq: seq}
		n++
		watchdog.Reset(crashStall)
		if n == killAfter && !killed {
			// The writer is still appending: this lands mid-stream.
			if err := syscall.Kill(cmd.Process.Pid, syscall.SIGKILL); err != nil {
				t.Fatalf("kill: %v", err)
			}
			killed = true
		}
	}
	err = cmd.Wait()
	if stalled.Load() {
		t.Fatalf("the writer acknowledged nothing for %v after %d acks (a hang in Open or Append?); its goroutines:\n%s", crashStall, n, stderr.String())
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("writer: %v, want it killed\nstderr:\n%s", err, stderr.String())
	}
	if ws, ok := exit.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL || !killed {
		t.Fatalf("writer ended with %v, not by our SIGKILL\nstderr:\n%s", err, stderr.String())
	}
	return n
}

// verifyCrashedStore reopens dir after a kill, checks the ledger and
// returns its head. It opens read-only first, as export would right after a
// crash, then for writing (recovery) and checks again.
func verifyCrashedStore(t *testing.T, dir string, acked map[uuid.UUID]ack) uint64 {
	t.Helper()
	var head uint64
	for _, readOnly := range []bool{true, false} {
		s, err := sqlite.Open(dir, &sqlite.Options{ReadOnly: readOnly})
		if err != nil {
			t.Fatalf("reopen (read-only %v) after SIGKILL: %v", readOnly, err)
		}
		head = checkLedger(t, s, acked)
		if err := s.Close(); err != nil {
			t.Fatalf("close: %v", err)
		}
	}
	return head
}

// checkLedger reads the whole ledger and checks it against the acks and the
// store's invariants.
func checkLedger(t *testing.T, s *sqlite.Store, acked map[uuid.UUID]ack) uint64 {
	t.Helper()
	ctx := t.Context()
	head, err := s.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	seen := make(map[uuid.UUID]uint64)
	nextRev := make(map[string]uint64)
	batches := make(map[string][]crashData)
	var want uint64
	var lastAt time.Time
	var lines [][]byte
	for ev, err := range s.ReadAll(ctx, 0) {
		if err != nil {
			t.Fatalf("read seq %d: %v", want, err)
		}
		if ev.Seq != want {
			t.Fatalf("seq jumps from %d to %d", want, ev.Seq)
		}
		want++
		if prev, dup := seen[ev.ID]; dup {
			t.Errorf("event %s recorded twice, at seq %d and %d", ev.ID, prev, ev.Seq)
		}
		seen[ev.ID] = ev.Seq
		lines = append(lines, eventstore.ExportLine(&ev))
		if ev.Revision != nextRev[ev.Stream] {
			t.Errorf("seq %d: stream %s revision %d, want %d", ev.Seq, ev.Stream, ev.Revision, nextRev[ev.Stream])
		}
		nextRev[ev.Stream] = ev.Revision + 1
		if ev.RecordedAt.Before(lastAt) {
			t.Errorf("seq %d: recordedAt %v goes back from %v", ev.Seq, ev.RecordedAt, lastAt)
		}
		lastAt = ev.RecordedAt
		if a, ok := acked[ev.ID]; ok && (a.stream != ev.Stream || a.revision != ev.Revision || a.seq != ev.Seq) {
			t.Errorf("event %s acknowledged as %s@%d seq %d, recorded as %s@%d seq %d", ev.ID, a.stream, a.revision, a.seq, ev.Stream, ev.Revision, ev.Seq)
		}
		var d crashData
		if err := json.Unmarshal(ev.Data, &d); err != nil {
			t.Fatalf("seq %d: data %s: %v", ev.Seq, ev.Data, err)
		}
		if d.Batch != ev.Correlation.String() {
			t.Errorf("seq %d: batch %s, correlation %s", ev.Seq, d.Batch, ev.Correlation)
		}
		batches[d.Batch] = append(batches[d.Batch], d)
	}
	if want != head {
		t.Errorf("ReadAll yielded %d events, Head says %d", want, head)
	}
	for id, a := range acked {
		if _, ok := seen[id]; !ok {
			t.Errorf("acknowledged event %s (%s@%d, seq %d) is missing after SIGKILL", id, a.stream, a.revision, a.seq)
		}
	}
	// Appends are atomic: every batch is whole, its events in order.
	for b, ds := range batches {
		for i, d := range ds {
			if d.Index != i || d.Size != len(ds) {
				t.Errorf("batch %s is not whole: event %d says index %d of %d; %d recorded", b, i, d.Index, d.Size, len(ds))
				break
			}
		}
	}
	// The Merkle tree was written with the events: its root, from the
	// stored hashes, equals the root computed afresh from the export lines.
	got, err := s.TreeHash(ctx, head)
	if err != nil {
		t.Fatalf("tree hash after SIGKILL: %v", err)
	}
	if want := rootOf(t, lines); got != want {
		t.Fatalf("stored tree root %s differs from the root of the %d events %s", got, head, want)
	}
	return head
}

// rootOf computes the RFC 6962 root of lines in memory with tlog.
func rootOf(t *testing.T, lines [][]byte) tlog.Hash {
	t.Helper()
	hashes := make(map[int64]tlog.Hash)
	r := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(idx))
		for i, x := range idx {
			out[i] = hashes[x]
		}
		return out, nil
	})
	for n, line := range lines {
		hs, err := tlog.StoredHashes(int64(n), line, r)
		if err != nil {
			t.Fatal(err)
		}
		for i, h := range hs {
			hashes[tlog.StoredHashIndex(0, int64(n))+int64(i)] = h
		}
	}
	root, err := tlog.TreeHash(int64(len(lines)), r)
	if err != nil {
		t.Fatal(err)
	}
	return root
}
