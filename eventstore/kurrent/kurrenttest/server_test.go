package kurrenttest_test

import (
	"errors"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore/kurrent/kurrenttest"
)

func client(t *testing.T) (*esdb.Client, *kurrenttest.Server) {
	t.Helper()
	srv := kurrenttest.Start(t)
	cfg, err := esdb.ParseConnectionString(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	cfg.Logger = esdb.NoopLogging()
	c, err := esdb.NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c, srv
}

func ev(typ string) esdb.EventData {
	return esdb.EventData{EventID: uuid.New(), EventType: typ, ContentType: esdb.ContentTypeJson, Data: []byte(`{}`)}
}

// reader returns a function that reads a ReadStream to its end.
func reader(t *testing.T) func(rs *esdb.ReadStream, err error) []*esdb.RecordedEvent {
	return func(rs *esdb.ReadStream, err error) []*esdb.RecordedEvent {
		t.Helper()
		return readAll(t, rs, err)
	}
}

func readAll(t *testing.T, rs *esdb.ReadStream, err error) []*esdb.RecordedEvent {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	var out []*esdb.RecordedEvent
	for {
		e, err := rs.Recv()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, e.OriginalEvent())
	}
}

func TestAppendAndRead(t *testing.T) {
	c, _ := client(t)
	ctx := t.Context()
	read := reader(t)
	a, b := ev("a"), ev("b")
	res, err := c.AppendToStream(ctx, "s-1", esdb.AppendToStreamOptions{ExpectedRevision: esdb.NoStream{}}, a, b)
	if err != nil || res.NextExpectedVersion != 1 {
		t.Fatalf("append: %+v, %v", res, err)
	}
	// Idempotent retry with an explicit revision: no write, same revision.
	res, err = c.AppendToStream(ctx, "s-1", esdb.AppendToStreamOptions{ExpectedRevision: esdb.NoStream{}}, a, b)
	if err != nil || res.NextExpectedVersion != 1 {
		t.Fatalf("retry: %+v, %v", res, err)
	}
	// Partial match: wrong expected version.
	_, err = c.AppendToStream(ctx, "s-1", esdb.AppendToStreamOptions{ExpectedRevision: esdb.NoStream{}}, a, ev("c"))
	var esErr *esdb.Error
	if !errors.As(err, &esErr) || esErr.Code() != esdb.ErrorCodeWrongExpectedVersion {
		t.Fatalf("partial retry: %v", err)
	}
	if _, err := c.AppendToStream(ctx, "s-2", esdb.AppendToStreamOptions{ExpectedRevision: esdb.Revision(0)}, ev("x")); err == nil {
		t.Fatal("Revision(0) on a missing stream succeeded")
	}
	if _, err := c.AppendToStream(ctx, "s-2", esdb.AppendToStreamOptions{}, ev("x"), ev("y")); err != nil {
		t.Fatal(err)
	}
	fwd := read(c.ReadStream(ctx, "s-1", esdb.ReadStreamOptions{From: esdb.Revision(1)}, 10))
	if len(fwd) != 1 || fwd[0].EventID != b.EventID {
		t.Fatalf("forwards from revision 1 (inclusive): %d events", len(fwd))
	}
	back := read(c.ReadStream(ctx, "s-1", esdb.ReadStreamOptions{Direction: esdb.Backwards, From: esdb.End{}}, 1))
	if len(back) != 1 || back[0].EventNumber != 1 {
		t.Fatalf("backwards from the end: %+v", back)
	}
	rs, err := c.ReadStream(ctx, "missing", esdb.ReadStreamOptions{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rs.Recv(); !errors.As(err, &esErr) || esErr.Code() != esdb.ErrorCodeResourceNotFound {
		t.Fatalf("missing stream: %v", err)
	}
	all := read(c.ReadAll(ctx, esdb.ReadAllOptions{}, 100))
	if len(all) != 4 {
		t.Fatalf("$all has %d events, want 4", len(all))
	}
	for i := 1; i < len(all); i++ {
		p, q := all[i-1].Position, all[i].Position
		if q.Commit <= p.Commit+1 || q.Commit != q.Prepare {
			t.Fatalf("positions %v then %v: want increasing, not contiguous, commit == prepare", p, q)
		}
		if all[i].CreatedDate.IsZero() {
			t.Fatal("no created date")
		}
	}
	// $all forwards from a position is inclusive, backwards exclusive.
	from := read(c.ReadAll(ctx, esdb.ReadAllOptions{From: all[2].Position}, 100))
	if len(from) != 2 || from[0].EventID != all[2].EventID {
		t.Fatalf("forwards from position 2: %d events", len(from))
	}
	before := read(c.ReadAll(ctx, esdb.ReadAllOptions{Direction: esdb.Backwards, From: all[2].Position}, 100))
	if len(before) != 2 || before[0].EventID != all[1].EventID {
		t.Fatalf("backwards from position 2: %d events", len(before))
	}
}

func TestSubscribeToAllFiltered(t *testing.T) {
	c, srv := client(t)
	ctx := t.Context()
	read := reader(t)
	for i := range 40 {
		stream := fmt.Sprintf("ledger-%d", i%2)
		if i%3 == 0 {
			stream = "$$ledger-0"
		}
		if _, err := c.AppendToStream(ctx, stream, esdb.AppendToStreamOptions{}, ev("t")); err != nil {
			t.Fatal(err)
		}
	}
	all := read(c.ReadAll(ctx, esdb.ReadAllOptions{}, 100))
	start := all[4].Position
	sub, err := c.SubscribeToAll(ctx, esdb.SubscribeToAllOptions{From: start, MaxSearchWindow: 8,
		Filter: &esdb.SubscriptionFilter{Type: esdb.StreamFilterType, Regex: `^[^$]`}})
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Close()
	var got []*esdb.RecordedEvent
	checkpoints, caughtUp := 0, false
	for !caughtUp {
		e := sub.Recv()
		switch {
		case e.EventAppeared != nil:
			got = append(got, e.EventAppeared.OriginalEvent())
		case e.CheckPointReached != nil:
			checkpoints++
		case e.CaughtUp != nil:
			caughtUp = true
		case e.SubscriptionDropped != nil:
			t.Fatal(e.SubscriptionDropped.Error)
		}
	}
	var want []*esdb.RecordedEvent
	for _, e := range all[5:] { // the start is exclusive
		if e.StreamID[0] != '$' {
			want = append(want, e)
		}
	}
	if len(got) != len(want) || got[0].EventID != want[0].EventID {
		t.Fatalf("catch-up delivered %d events, want %d from after the start", len(got), len(want))
	}
	if checkpoints == 0 {
		t.Fatal("no checkpoint in 35 considered events with a window of 8")
	}
	// Live, then dropped.
	live := ev("live")
	if _, err := c.AppendToStream(ctx, "ledger-9", esdb.AppendToStreamOptions{}, live); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(5 * time.Second)
	for {
		e := sub.Recv()
		if e.EventAppeared != nil {
			if e.EventAppeared.OriginalEvent().EventID != live.EventID {
				t.Fatal("unexpected live event")
			}
			break
		}
		select {
		case <-deadline:
			t.Fatal("no live event")
		default:
		}
	}
	if n := srv.DropSubscriptions(); n != 1 {
		t.Fatalf("dropped %d subscriptions, want 1", n)
	}
	for {
		if e := sub.Recv(); e.SubscriptionDropped != nil {
			break
		}
	}
}

func TestFaults(t *testing.T) {
	c, srv := client(t)
	ctx := t.Context()
	var esErr *esdb.Error
	srv.Fail(kurrenttest.OpAppend, kurrenttest.Unavailable, 1)
	if _, err := c.AppendToStream(ctx, "f", esdb.AppendToStreamOptions{}, ev("a")); !errors.As(err, &esErr) || esErr.Code() != esdb.ErrorUnavailable {
		t.Fatalf("unavailable: %v", err)
	}
	srv.Fail(kurrenttest.OpAppend, kurrenttest.NotLeader, 1)
	if _, err := c.AppendToStream(ctx, "f", esdb.AppendToStreamOptions{}, ev("a")); !errors.As(err, &esErr) || esErr.Code() != esdb.ErrorCodeNotLeader {
		t.Fatalf("not leader: %v", err)
	}
	srv.Fail(kurrenttest.OpAppend, kurrenttest.WrongExpectedVersion, 1)
	if _, err := c.AppendToStream(ctx, "f", esdb.AppendToStreamOptions{}, ev("a")); !errors.As(err, &esErr) || esErr.Code() != esdb.ErrorCodeWrongExpectedVersion {
		t.Fatalf("wrong expected version: %v", err)
	}
	srv.Fail(kurrenttest.OpAppend, kurrenttest.AppendTooLarge, 1)
	if _, err := c.AppendToStream(ctx, "f", esdb.AppendToStreamOptions{}, ev("a")); !errors.As(err, &esErr) || esErr.Code() != esdb.ErrorCodeUnknown {
		t.Fatalf("too large: %v", err)
	}
	srv.Fail(kurrenttest.OpRead, kurrenttest.Unavailable, 1)
	rs, err := c.ReadAll(ctx, esdb.ReadAllOptions{}, 10)
	if err == nil {
		_, err = rs.Recv()
		rs.Close()
	}
	if !errors.As(err, &esErr) || esErr.Code() != esdb.ErrorUnavailable {
		t.Fatalf("read unavailable: %v", err)
	}
	if _, err := c.AppendToStream(ctx, "f", esdb.AppendToStreamOptions{}, ev("a")); err != nil {
		t.Fatalf("after the faults: %v", err)
	}
	if srv.Len() != 1 {
		t.Fatalf("%d records, want 1", srv.Len())
	}
}
