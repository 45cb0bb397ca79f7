package sqlite_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/sqlite"
	"github.com/tdkt/tdkt/eventstore/storetest"
)

// mountTmpfs mounts a tmpfs of size bytes on a temporary directory, or
// skips the test saying why. It needs root (CI runs as root).
func mountTmpfs(t *testing.T, size int) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("the disk-full test mounts a small tmpfs, which needs root; run the tests as root (CI does) to include it")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%d", size), "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v: %s); the disk-full test needs one", err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
	return dir
}

// fill writes a ballast file until the file system is full.
func fill(t *testing.T, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 4096)
	for {
		if _, err := f.Write(chunk); err != nil {
			return
		}
	}
}

// TestDiskFull fills the disk under a store: the append that does not fit
// fails cleanly (nothing of it stored), the store turns read-only with the
// reason, reads keep working, and once space returns the store accepts
// appends again by itself; after a reopen every acknowledged event is there
// once and the Merkle tree matches.
func TestDiskFull(t *testing.T) {
	dir := mountTmpfs(t, 6<<20)
	s, err := sqlite.Open(dir, &sqlite.Options{RecoverInterval: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }() // the store is reassigned below
	ctx := t.Context()
	big := strings.Repeat("Báo cáo thành tích của tập thể đề nghị tặng Cờ thi đua. ", 60)
	event := func(i int) eventstore.Event {
		return storetest.NewEvent("DossierFiled", fmt.Sprintf(`{"i":%d,"text":%q}`, i, big))
	}
	var acked []eventstore.RecordedEvent
	for i := range 10 {
		res, err := s.Append(ctx, "award-1", eventstore.Any, event(i))
		if err != nil {
			t.Fatal(err)
		}
		acked = append(acked, res.Events...)
	}
	ballast := filepath.Join(dir, "ballast")
	fill(t, ballast)

	var failed eventstore.Event
	for i := 10; ; i++ {
		ev := event(i)
		res, err := s.Append(ctx, "award-1", eventstore.Any, ev)
		if err == nil {
			acked = append(acked, res.Events...)
			if i > 10000 {
				t.Fatal("the disk never filled")
			}
			continue
		}
		if !errors.Is(err, eventstore.ErrReadOnly) {
			t.Fatalf("append on a full disk: %v, want an error wrapping ErrReadOnly", err)
		}
		t.Logf("append %d on a full disk: %v", i, err)
		failed = ev
		break
	}
	if s.Fault() == nil {
		t.Fatal("Fault() is nil after a storage fault")
	}
	if _, err := s.Append(ctx, "award-2", eventstore.Any, event(-1)); !errors.Is(err, eventstore.ErrReadOnly) {
		t.Fatalf("append while read-only: %v", err)
	}
	head, _ := s.Head(ctx)
	if head != uint64(len(acked)) {
		t.Fatalf("head %d, acknowledged %d", head, len(acked))
	}
	n := 0
	for _, err := range s.ReadAll(ctx, 0) {
		if err != nil {
			t.Fatalf("reads while read-only: %v", err)
		}
		n++
	}
	if n != len(acked) {
		t.Fatalf("read %d events, acknowledged %d", n, len(acked))
	}

	// Space returns: the store recovers by itself.
	if err := os.Remove(ballast); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for s.Fault() != nil {
		if time.Now().After(deadline) {
			t.Fatalf("still read-only 10 s after space returned: %v", s.Fault())
		}
		time.Sleep(10 * time.Millisecond)
	}
	res, err := s.Append(ctx, "award-1", eventstore.Any, event(99999))
	if err != nil {
		t.Fatalf("append after recovery: %v", err)
	}
	acked = append(acked, res.Events...)
	// The append whose outcome was unknown may be retried with its ids: it
	// is either recorded once or not at all.
	if _, err := s.Append(ctx, "award-1", eventstore.Any, failed); err != nil {
		t.Fatalf("retry of the failed append: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = sqlite.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.QuickCheck(ctx); err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for e, err := range s.ReadAll(ctx, 0) {
		if err != nil {
			t.Fatal(err)
		}
		seen[e.ID.String()]++
	}
	for _, a := range acked {
		if seen[a.ID.String()] != 1 {
			t.Fatalf("acknowledged event %s (seq %d) present %d times", a.ID, a.Seq, seen[a.ID.String()])
		}
	}
	if seen[failed.ID.String()] != 1 {
		t.Fatalf("the retried event is present %d times", seen[failed.ID.String()])
	}
	storetest.CheckInvariants(t, s)
	checkRoots(t, s)
	s.Close()
}
