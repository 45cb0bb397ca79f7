package projections_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/projections"
)

// counter counts the events it is given; calls counts Apply calls across
// restarts (it is not part of the persisted state).
type counter struct {
	Count int    `json:"count"`
	Fail  string `json:"-"`
	calls *atomic.Int64
}

func (c *counter) Apply(rec eventstore.RecordedEvent, ev domain.Event) error {
	c.calls.Add(1)
	if c.Fail != "" && rec.Type == c.Fail {
		return fmt.Errorf("cannot handle %s", rec.Type)
	}
	c.Count++
	return nil
}

func counting(name, fail string, calls *atomic.Int64, unknown projections.UnknownPolicy) projections.Projection {
	return projections.Projection{Name: name, Unknown: unknown, New: func() projections.Model { return &counter{Fail: fail, calls: calls} }}
}

func TestRestartResumesFromCheckpoint(t *testing.T) {
	l, _ := demo(t)
	dir := t.TempDir()
	store, err := projections.NewFileStateStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	var calls atomic.Int64
	r1 := newRunner(t, l, store)
	if err := r1.Register(counting("count", "", &calls, projections.Strict)); err != nil {
		t.Fatal(err)
	}
	runToEnd(t, r1)
	head, _ := l.store.Head(t.Context())
	if calls.Load() != int64(head) {
		t.Fatalf("calls = %d, head %d", calls.Load(), head)
	}
	want, _ := projections.NewReorganization(r1).Report(t.Context(), projections.Latest(), 2025)

	// New events after the restart.
	l.at(day("2025-10-01"))
	l.add(domain.UnitRenamed{UnitID: id("cb"), OldName: nameCB, NewName: "Viện kiểm sát nhân dân tỉnh Cao Bằng (mới)"}, "2025-10-01", "")
	l.add(domain.UnitRemovedFromCluster{ClusterID: id("blk1"), UnitID: id("cb")}, "2025-10-01", "")

	calls.Store(0)
	store2, _ := projections.NewFileStateStore(dir)
	r2 := newRunner(t, l, store2)
	if err := r2.Register(counting("count", "", &calls, projections.Strict)); err != nil {
		t.Fatal(err)
	}
	st, err := r2.Status(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range st {
		if s.Checkpoint != head || s.Lag != 2 {
			t.Errorf("resumed %s at %d lag %d, want %d and 2", s.Name, s.Checkpoint, s.Lag, head)
		}
	}
	// Before running, the persisted state answers as of its checkpoint.
	got, _ := projections.NewReorganization(r2).Report(t.Context(), projections.Latest(), 2025)
	if a, b := mustJSON(t, got), mustJSON(t, want); a != b {
		t.Errorf("restored report differs")
	}
	runToEnd(t, r2)
	if calls.Load() != 2 {
		t.Errorf("handler called %d times after restart, want 2 (new events only)", calls.Load())
	}
	rep, _ := projections.NewReorganization(r2).Report(t.Context(), projections.Latest(), 2025)
	if rep.Summary.UnitsInSeveralClusters != 0 {
		t.Errorf("summary after resume = %+v", rep.Summary)
	}
	// The time index survived too.
	early, err := projections.NewStandings(r2, nil).Cluster(t.Context(), projections.AtTime(day("2025-01-15")), 2024, id("cl1"))
	if err != nil || early.Units[2].Total != 940 {
		t.Errorf("as of time after restart: %+v, %v", early.Units, err)
	}
}

// TestStateOfAnotherVersionIsRefolded: a state saved by another Version of
// a model (its fields changed) is not loaded into the new model — it is
// folded again from seq 0.
func TestStateOfAnotherVersionIsRefolded(t *testing.T) {
	l, _ := demo(t)
	store := projections.NewMemStateStore()
	head, _ := l.store.Head(t.Context())
	var calls atomic.Int64
	run := func(version int) *projections.Runner {
		r, err := projections.NewRunner(l.store, store, nil)
		if err != nil {
			t.Fatal(err)
		}
		p := counting("count", "", &calls, projections.Strict)
		p.Version = version
		if err := r.Register(p); err != nil {
			t.Fatal(err)
		}
		runToEnd(t, r)
		return r
	}
	run(1)
	calls.Store(0)
	run(1)
	if calls.Load() != 0 {
		t.Errorf("same version: %d events folded again, want 0", calls.Load())
	}
	run(2)
	if calls.Load() != int64(head) {
		t.Errorf("new version: %d events folded, want all %d", calls.Load(), head)
	}
	_, data, _, _ := store.Load(t.Context(), "count")
	if !strings.HasPrefix(string(data), "tdkt-state 2 2\n{") {
		t.Errorf("saved state starts %q", data[:min(len(data), 20)])
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestIncrementalRebuildAndAsOfHeadAgree is the property: a projection
// built incrementally, one rebuilt from zero and one computed as of the
// head give the same answers; and as of a mid-history seq equals a ledger
// truncated there.
func TestIncrementalRebuildAndAsOfHeadAgree(t *testing.T) {
	l, mk := demo(t)
	ctx := t.Context()
	inc := newRunner(t, l, nil)
	// Incremental: run after every few events by replaying in steps.
	full := newRunner(t, l, nil)
	runToEnd(t, full)
	head, _ := l.store.Head(ctx)

	// Build a second ledger event by event, running after each append.
	l2 := newLedger(t)
	inc = newRunner(t, l2, nil)
	for rec, err := range l.store.ReadAll(ctx, 0) {
		if err != nil {
			t.Fatal(err)
		}
		l2.at(rec.RecordedAt)
		if _, err := l2.store.Append(ctx, rec.Stream, eventstore.Any, rec.Event); err != nil {
			t.Fatal(err)
		}
		runToEnd(t, inc)
	}
	if err := full.Rebuild(ctx, projections.StandingsName); err != nil {
		t.Fatal(err)
	}
	if err := full.Rebuild(ctx, projections.OrganizationName); err != nil {
		t.Fatal(err)
	}
	for _, asOf := range []projections.AsOf{projections.Latest(), projections.AtSeq(head - 1)} {
		a, _ := projections.NewStandings(inc, nil).Sector(ctx, projections.Latest(), 2024)
		b, _ := projections.NewStandings(full, nil).Sector(ctx, asOf, 2024)
		if mustJSON(t, a) != mustJSON(t, b) {
			t.Errorf("standings differ at %s", asOf)
		}
		c, _ := projections.NewReorganization(inc).Report(ctx, projections.Latest(), 2025)
		d, _ := projections.NewReorganization(full).Report(ctx, asOf, 2025)
		if mustJSON(t, c) != mustJSON(t, d) {
			t.Errorf("reports differ at %s", asOf)
		}
	}

	// As of a mid-history seq equals a ledger truncated at that seq.
	cut := mk.lastOf2024.Seq
	l3 := newLedger(t)
	for rec, err := range l.store.ReadAll(ctx, 0) {
		if err != nil {
			t.Fatal(err)
		}
		if rec.Seq > cut {
			break
		}
		l3.at(rec.RecordedAt)
		l3.store.Append(ctx, rec.Stream, eventstore.Any, rec.Event)
	}
	trunc := newRunner(t, l3, nil)
	runToEnd(t, trunc)
	a, _ := projections.NewStandings(trunc, nil).Sector(ctx, projections.Latest(), 2024)
	b, _ := projections.NewStandings(full, nil).Sector(ctx, projections.AtSeq(cut), 2024)
	if mustJSON(t, a) != mustJSON(t, b) {
		t.Errorf("as of seq %d differs from the truncated ledger:\n%s\n%s", cut, mustJSON(t, a), mustJSON(t, b))
	}
	x, _ := projections.NewAwards(trunc).List(ctx, projections.Latest(), projections.AwardFilter{})
	y, _ := projections.NewAwards(full).List(ctx, projections.AtSeq(cut), projections.AwardFilter{})
	if mustJSON(t, x) != mustJSON(t, y) {
		t.Errorf("awards as of seq %d differ from the truncated ledger", cut)
	}
}

func TestFailingProjectionDoesNotStopOthers(t *testing.T) {
	l, mk := demo(t)
	var calls atomic.Int64
	r := newRunner(t, l, nil)
	if err := r.Register(counting("fragile", domain.EventAwardRevoked, &calls, projections.Strict)); err != nil {
		t.Fatal(err)
	}
	err := r.RunToEnd(t.Context())
	var pe *projections.ProjectionError
	if !errors.As(err, &pe) || pe.Projection != "fragile" || pe.Seq != mk.revocation.Seq || pe.EventID != mk.revocation.ID.String() {
		t.Fatalf("err = %v", err)
	}
	msg := err.Error()
	if want := fmt.Sprintf("seq %d (event %s", mk.revocation.Seq, mk.revocation.ID); !strings.Contains(msg, want) {
		t.Errorf("error %q does not name %q", msg, want)
	}
	st, _ := r.Status(t.Context())
	head, _ := l.store.Head(t.Context())
	for _, s := range st {
		switch {
		case s.Name == "fragile" && (s.Checkpoint != mk.revocation.Seq || s.Error == ""):
			t.Errorf("fragile = %+v", s)
		case s.Name != "fragile" && (s.Checkpoint != head || s.Lag != 0 || s.Error != ""):
			t.Errorf("%s = %+v", s.Name, s)
		}
	}
	// The others serve; the failed one reports its error.
	if _, err := projections.NewAwards(r).List(t.Context(), projections.Latest(), projections.AwardFilter{}); err != nil {
		t.Error(err)
	}
	if !errors.As(r.Err("fragile"), &pe) {
		t.Errorf("Err = %v", r.Err("fragile"))
	}
}

func TestUnknownEventPolicy(t *testing.T) {
	l, _ := demo(t)
	res, err := l.store.Append(context.Background(), "unit-"+id("tq"), eventstore.Any, eventstore.Event{
		ID: uuid.New(), Type: "UnitRebranded", Schema: 1, Data: []byte(`{"unitId":"x"}`)})
	if err != nil {
		t.Fatal(err)
	}
	var calls atomic.Int64
	r := newRunner(t, l, nil)
	r.Register(counting("strict", "", &calls, projections.Strict))
	r.Register(counting("lenient", "", &calls, projections.Skip))
	err = r.RunToEnd(t.Context())
	var pe *projections.ProjectionError
	var unknown *domain.UnknownEventError
	if !errors.As(err, &pe) || pe.Projection != "strict" || pe.Seq != res.Events[0].Seq || !errors.As(err, &unknown) {
		t.Fatalf("err = %v", err)
	}
	if r.Err("lenient") != nil {
		t.Errorf("lenient: %v", r.Err("lenient"))
	}
	trail, err := projections.NewAudit(r).Stream(t.Context(), projections.Latest(), "unit-"+id("tq"))
	if err != nil || trail[len(trail)-1].Type != "UnitRebranded" {
		t.Errorf("audit keeps unknown events: %v", err)
	}
}

func TestRunFollowsAndRefusesToRunTwice(t *testing.T) {
	l, _ := demo(t)
	r := newRunner(t, l, nil)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	waitFor(t, func() bool {
		lag, _ := r.Lag(t.Context())
		return lag[projections.StandingsName] == 0 && len(lag) > 0
	})
	if err := r.Run(t.Context()); !errors.Is(err, projections.ErrAlreadyRunning) {
		t.Errorf("second Run = %v", err)
	}
	if err := r.RunToEnd(t.Context()); !errors.Is(err, projections.ErrAlreadyRunning) {
		t.Errorf("RunToEnd while running = %v", err)
	}
	l.at(day("2025-12-01"))
	rec := l.add(domain.UnitRenamed{UnitID: id("ls"), OldName: nameLS, NewName: "Viện kiểm sát nhân dân tỉnh Lạng Sơn mới"}, "2025-12-01", "")
	waitFor(t, func() bool {
		u, err := projections.NewUnits(r).Get(t.Context(), projections.Latest(), id("ls"))
		return err == nil && u.Name == "Viện kiểm sát nhân dân tỉnh Lạng Sơn mới"
	})
	// Rebuild while running is folded beside the live model and swapped in.
	if err := r.Rebuild(t.Context(), projections.OrganizationName); err != nil {
		t.Fatal(err)
	}
	u, _ := projections.NewUnits(r).Get(t.Context(), projections.Latest(), id("ls"))
	if len(u.Names) != 2 {
		t.Errorf("after rebuild = %+v", u)
	}
	st, _ := r.Status(t.Context())
	for _, s := range st {
		if s.Checkpoint != rec.Seq+1 {
			t.Errorf("%s at %d, want %d", s.Name, s.Checkpoint, rec.Seq+1)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run = %v", err)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
