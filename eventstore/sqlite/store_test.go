package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/sqlite"
)

// MustOpenStore opens a store in a fresh temporary directory and closes it
// when the test ends.
func MustOpenStore(tb testing.TB, opts *sqlite.Options) *sqlite.Store {
	tb.Helper()
	return mustOpenDir(tb, tb.TempDir(), opts)
}

func mustOpenDir(tb testing.TB, dir string, opts *sqlite.Options) *sqlite.Store {
	tb.Helper()
	s, err := sqlite.Open(dir, opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func newEvent(typ, data string) eventstore.Event {
	return eventstore.Event{ID: uuid.Must(uuid.NewV7()), Type: typ, Schema: 1, Data: []byte(data)}
}

func mustAppend(tb testing.TB, s eventstore.Store, stream string, exp eventstore.ExpectedRevision, evs ...eventstore.Event) eventstore.AppendResult {
	tb.Helper()
	res, err := s.Append(context.Background(), stream, exp, evs...)
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

func collect(tb testing.TB, it func(func(eventstore.RecordedEvent, error) bool)) []eventstore.RecordedEvent {
	tb.Helper()
	var out []eventstore.RecordedEvent
	for ev, err := range it {
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, ev)
	}
	return out
}

func TestReopenKeepsEventsAndHeads(t *testing.T) {
	dir := t.TempDir()
	s, err := sqlite.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	mustAppend(t, s, "unit-1", eventstore.NoStream, newEvent("UnitEstablished", `{"name":"Viện kiểm sát nhân dân tỉnh Lạng Sơn"}`))
	mustAppend(t, s, "unit-1", eventstore.Exact(0), newEvent("UnitRenamed", `{"name":"VKSND tỉnh Lạng Sơn"}`))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = mustOpenDir(t, dir, nil)
	if h, _ := s.Head(t.Context()); h != 2 {
		t.Fatalf("head after reopen = %d, want 2", h)
	}
	_, err = s.Append(t.Context(), "unit-1", eventstore.Exact(0), newEvent("UnitRenamed", `{}`))
	var ce *eventstore.ConcurrencyError
	if !errors.As(err, &ce) || ce.Actual != 1 {
		t.Fatalf("append at stale revision after reopen: %v", err)
	}
	res := mustAppend(t, s, "unit-1", eventstore.Exact(1), newEvent("UnitDissolved", `{}`))
	if res.Events[0].Seq != 2 || res.Revision != 2 {
		t.Fatalf("got seq %d revision %d, want 2 and 2", res.Events[0].Seq, res.Revision)
	}
}

func TestSecondWriterIsLockedOut(t *testing.T) {
	dir := t.TempDir()
	mustOpenDir(t, dir, nil)
	_, err := sqlite.Open(dir, nil)
	if !errors.Is(err, sqlite.ErrLocked) {
		t.Fatalf("second writer: got %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), "process") {
		t.Errorf("error does not name the holder: %v", err)
	}
	// A reader may open beside the writer.
	r := mustOpenDir(t, dir, &sqlite.Options{ReadOnly: true})
	if _, err := r.Append(t.Context(), "s", eventstore.Any, newEvent("X", `{}`)); !errors.Is(err, eventstore.ErrReadOnly) {
		t.Fatalf("append on read-only store: %v, want ErrReadOnly", err)
	}
}

func TestLockReleasedOnClose(t *testing.T) {
	dir := t.TempDir()
	s, err := sqlite.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	mustOpenDir(t, dir, nil)
}

func TestReadOnlySeesWritersCommits(t *testing.T) {
	dir := t.TempDir()
	w := mustOpenDir(t, dir, nil)
	r := mustOpenDir(t, dir, &sqlite.Options{ReadOnly: true})
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	got := make(chan uint64, 10)
	go func() {
		for ev, err := range r.Subscribe(ctx, 0) {
			if err != nil {
				return
			}
			got <- ev.Seq
		}
	}()
	for i := range 3 {
		mustAppend(t, w, "s", eventstore.Any, newEvent("X", fmt.Sprintf(`{"i":%d}`, i)))
	}
	for want := uint64(0); want < 3; want++ {
		select {
		case seq := <-got:
			if seq != want {
				t.Fatalf("read-only subscriber got seq %d, want %d", seq, want)
			}
		case <-ctx.Done():
			t.Fatal("read-only subscriber did not see the writer's events")
		}
	}
}

func TestOpenReadOnlyWithoutLedger(t *testing.T) {
	_, err := sqlite.Open(t.TempDir(), &sqlite.Options{ReadOnly: true})
	if !errors.Is(err, sqlite.ErrNoLedger) {
		t.Fatalf("got %v, want ErrNoLedger", err)
	}
}

// The file itself refuses edits, deletions and gaps, whoever writes.
func TestTriggersKeepEventsImmutable(t *testing.T) {
	s := MustOpenStore(t, nil)
	mustAppend(t, s, "unit-1", eventstore.NoStream, newEvent("UnitEstablished", `{"name":"A"}`))
	db, err := sql.Open("sqlite", "file:"+s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`UPDATE events SET line = replace(line, '"A"', '"B"')`,
		`DELETE FROM events`,
		`INSERT INTO events(seq, id, stream, revision, line) VALUES (5, 'x', 's', 0, '{}')`,
	} {
		if _, err := db.Exec(q); err == nil || !strings.Contains(err.Error(), "tdkt:") {
			t.Errorf("%s: got %v, want the trigger's abort", q, err)
		}
	}
	evs := collect(t, s.ReadAll(t.Context(), 0))
	if len(evs) != 1 || string(evs[0].Data) != `{"name":"A"}` {
		t.Fatalf("ledger changed: %+v", evs)
	}
}

func TestAuditorView(t *testing.T) {
	s := MustOpenStore(t, nil)
	e := newEvent("UnitEstablished", `{"name":"Viện kiểm sát nhân dân tỉnh Quảng Ninh"}`)
	e.Basis = &eventstore.Basis{Number: "123/QĐ-VKSTC", Date: "2024-03-01", Issuer: "VKSND tối cao"}
	mustAppend(t, s, "unit-qn", eventstore.NoStream, e)
	db, err := sql.Open("sqlite", "file:"+s.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var typ, name, basis string
	err = db.QueryRow(`SELECT type, json_extract(data, '$.name'), json_extract(basis, '$.number') FROM event_view WHERE stream = 'unit-qn'`).Scan(&typ, &name, &basis)
	if err != nil {
		t.Fatal(err)
	}
	if typ != "UnitEstablished" || name != "Viện kiểm sát nhân dân tỉnh Quảng Ninh" || basis != "123/QĐ-VKSTC" {
		t.Fatalf("view gave %q %q %q", typ, name, basis)
	}
}

func TestBackupIsACompleteLedger(t *testing.T) {
	s := MustOpenStore(t, nil)
	for i := range 10 {
		mustAppend(t, s, fmt.Sprintf("s-%d", i%3), eventstore.Any, newEvent("X", fmt.Sprintf(`{"i":%d}`, i)))
	}
	dst := filepath.Join(t.TempDir(), "copy")
	if err := s.Backup(t.Context(), filepath.Join(dst, sqlite.FileName)); err == nil {
		t.Log("backup into a missing directory succeeded") // VACUUM INTO creates only the file
	}
	path := filepath.Join(t.TempDir(), sqlite.FileName)
	if err := s.Backup(t.Context(), path); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(t.Context(), path); err == nil {
		t.Fatal("backup over an existing file succeeded")
	}
	b := mustOpenDir(t, filepath.Dir(path), &sqlite.Options{ReadOnly: true})
	orig := collect(t, s.ReadAll(t.Context(), 0))
	cp := collect(t, b.ReadAll(t.Context(), 0))
	if len(cp) != len(orig) {
		t.Fatalf("backup has %d events, want %d", len(cp), len(orig))
	}
	for i := range orig {
		if string(eventstore.ExportLine(&orig[i])) != string(eventstore.ExportLine(&cp[i])) {
			t.Fatalf("event %d differs in backup", i)
		}
	}
}

// recordedAt never goes backwards in seq order, even when the clock does.
func TestRecordedAtMonotonic(t *testing.T) {
	var mu sync.Mutex
	clock := time.Date(2025, 1, 15, 8, 0, 0, 0, time.UTC)
	steps := []time.Duration{0, -time.Hour, time.Minute}
	i := 0
	s := MustOpenStore(t, &sqlite.Options{Now: func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		clock = clock.Add(steps[i%len(steps)])
		i++
		return clock
	}})
	for range 3 {
		mustAppend(t, s, "s", eventstore.Any, newEvent("X", `{}`))
	}
	evs := collect(t, s.ReadAll(t.Context(), 0))
	for i := 1; i < len(evs); i++ {
		if evs[i].RecordedAt.Before(evs[i-1].RecordedAt) {
			t.Fatalf("recordedAt went backwards at seq %d", i)
		}
	}
}

// A batch in which one append is rejected commits the others.
func TestGroupCommitIsolatesRejectedAppends(t *testing.T) {
	s := MustOpenStore(t, nil)
	mustAppend(t, s, "taken", eventstore.NoStream, newEvent("X", `{}`))
	var wg sync.WaitGroup
	errs := make([]error, 32)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				_, errs[i] = s.Append(context.Background(), "taken", eventstore.NoStream, newEvent("X", `{}`))
			} else {
				_, errs[i] = s.Append(context.Background(), fmt.Sprintf("free-%d", i), eventstore.NoStream, newEvent("X", `{}`))
			}
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if i%2 == 0 && !errors.Is(err, eventstore.ErrConcurrency) {
			t.Errorf("append %d to a taken stream: %v", i, err)
		}
		if i%2 == 1 && err != nil {
			t.Errorf("append %d to a free stream: %v", i, err)
		}
	}
	if h, _ := s.Head(t.Context()); h != 17 {
		t.Fatalf("head = %d, want 17", h)
	}
}

// An append and its retry that land in the same group commit: whichever is
// committed first is the original, and the other must get the original
// result, never a concurrency error.
func TestRetryInSameBatchIsDuplicate(t *testing.T) {
	s := MustOpenStore(t, nil)
	for round := range 100 {
		stream := fmt.Sprintf("registration-%d", round)
		ev := newEvent("RegistrationSubmitted", `{"title":"Tập thể lao động xuất sắc"}`)
		var wg sync.WaitGroup
		res := make([]eventstore.AppendResult, 2)
		errs := make([]error, 2)
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res[i], errs[i] = s.Append(context.Background(), stream, eventstore.NoStream, ev)
			}()
		}
		wg.Wait()
		if errs[0] != nil || errs[1] != nil {
			t.Fatalf("round %d: %v / %v", round, errs[0], errs[1])
		}
		if res[0].Duplicate == res[1].Duplicate || res[0].Events[0].Seq != res[1].Events[0].Seq {
			t.Fatalf("round %d: want one original and one duplicate of it, got %+v and %+v", round, res[0], res[1])
		}
	}
}

// Reads never show an event beyond the head the store has published.
func TestReadsBoundedByPublishedHead(t *testing.T) {
	s := MustOpenStore(t, nil)
	ctx, cancel := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ctx.Err() == nil && i < 300; i++ {
				s.Append(ctx, fmt.Sprintf("s-%d", w), eventstore.Any, newEvent("X", `{}`))
			}
		}()
	}
	deadline := time.Now().Add(time.Second)
	for time.Now().Before(deadline) {
		for w := range 4 {
			var last eventstore.RecordedEvent
			for ev, err := range s.ReadStream(ctx, fmt.Sprintf("s-%d", w), 0) {
				if err != nil {
					t.Fatal(err)
				}
				last = ev
			}
			rev, ok, _ := s.StreamRevision(ctx, fmt.Sprintf("s-%d", w))
			head, _ := s.Head(ctx)
			if last.ID != uuid.Nil && last.Seq >= head {
				t.Fatalf("ReadStream showed seq %d but Head is %d", last.Seq, head)
			}
			if ok && head == 0 {
				t.Fatalf("StreamRevision showed revision %d of an unpublished event", rev)
			}
		}
	}
	cancel()
	wg.Wait()
}
