package projections

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
)

// AsOf is the point in transaction time a query answers from: the ledger's
// latest state (the zero value), the ledger as it stood just after the
// event at a seq, or as it stood at an instant (the last seq recorded at or
// before it). It says nothing about valid time: "2024 as we know it now" is
// a query about year 2024 at Latest; "what we believed about 2024 on
// 15/01/2025" is the same query AtTime(15/01/2025).
type AsOf struct {
	kind uint8 // 0 latest, 1 seq, 2 time
	seq  uint64
	t    time.Time
}

// Latest is the ledger as the projection knows it now (its checkpoint; see
// Runner.Status for the lag).
func Latest() AsOf { return AsOf{} }

// AtSeq is the ledger just after the event at seq: events 0…seq.
func AtSeq(seq uint64) AsOf { return AsOf{kind: 1, seq: seq} }

// AtTime is the ledger as it stood at t: every event recorded at or before
// t (by recordedAt, transaction time).
func AtTime(t time.Time) AsOf { return AsOf{kind: 2, t: t} }

// ParseAsOf reads the asOf query parameter: "" for Latest, a decimal seq,
// or an RFC 3339 time. It returns a domain error with EINVALID otherwise.
func ParseAsOf(s string) (AsOf, error) {
	if s == "" {
		return Latest(), nil
	}
	if n, err := strconv.ParseUint(s, 10, 64); err == nil {
		return AtSeq(n), nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return AsOf{}, domain.Errorf(domain.EINVALID, "asOf: %q is neither a seq nor an RFC 3339 time", s)
	}
	return AtTime(t), nil
}

// IsLatest reports whether a is Latest.
func (a AsOf) IsLatest() bool { return a.kind == 0 }

// Seq returns the seq and true for an AtSeq.
func (a AsOf) Seq() (uint64, bool) { return a.seq, a.kind == 1 }

// Time returns the instant and true for an AtTime.
func (a AsOf) Time() (time.Time, bool) { return a.t, a.kind == 2 }

// String returns "latest", the seq, or the RFC 3339 time.
func (a AsOf) String() string {
	switch a.kind {
	case 1:
		return strconv.FormatUint(a.seq, 10)
	case 2:
		return a.t.UTC().Format(time.RFC3339Nano)
	}
	return "latest"
}

// resolve maps asOf to upTo, the number of events to fold (events with
// seq < upTo), or latest.
func (r *Runner) resolve(ctx context.Context, a AsOf) (upTo uint64, latest bool, err error) {
	switch a.kind {
	case 0:
		return 0, true, nil
	case 1:
		head, err := r.feed.Head(ctx)
		if err != nil {
			return 0, false, fmt.Errorf("as of %s: head: %w", a, err)
		}
		if a.seq >= head {
			return 0, false, domain.Errorf(domain.ENOTFOUND, "asOf: seq %d is not recorded yet (head %d)", a.seq, head)
		}
		return a.seq + 1, false, nil
	}
	if err := r.extendIndex(ctx); err != nil {
		return 0, false, err
	}
	return r.index.count(a.t), false, nil
}

// extendIndex brings the seq→recordedAt index up to the head.
func (r *Runner) extendIndex(ctx context.Context) error {
	head, err := r.feed.Head(ctx)
	if err != nil {
		return fmt.Errorf("as of: head: %w", err)
	}
	r.index.extendMu.Lock()
	defer r.index.extendMu.Unlock()
	from := r.index.len()
	if from >= head {
		return nil
	}
	for rec, err := range r.feed.ReadAll(ctx, from) {
		if err != nil {
			return fmt.Errorf("as of: index: %w", err)
		}
		if rec.Seq >= head {
			break
		}
		r.index.add(rec)
	}
	return nil
}

// indexName is the StateStore name of the seq→recordedAt index. The dot
// keeps it apart from projection names.
const indexName = "seqtime.index"

// seqTimeIndex maps seq to recordedAt, compactly: for each seq, the
// greatest recordedAt of events 0…seq (Unix nanoseconds), so it is sorted
// even on a backend whose clock stepped back, and "the ledger at t" is the
// longest prefix recorded entirely at or before t. It is persisted as
// varint deltas.
type seqTimeIndex struct {
	mu       sync.RWMutex
	extendMu sync.Mutex
	times    []int64
	saved    int
}

func (x *seqTimeIndex) len() uint64 {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return uint64(len(x.times))
}

func (x *seqTimeIndex) add(rec eventstore.RecordedEvent) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if rec.Seq != uint64(len(x.times)) {
		return
	}
	t := rec.RecordedAt.UnixNano()
	if n := len(x.times); n > 0 && x.times[n-1] > t {
		t = x.times[n-1]
	}
	x.times = append(x.times, t)
}

// count returns how many events were recorded at or before t.
func (x *seqTimeIndex) count(t time.Time) uint64 {
	x.mu.RLock()
	defer x.mu.RUnlock()
	n := t.UnixNano()
	return uint64(sort.Search(len(x.times), func(i int) bool { return x.times[i] > n }))
}

func (x *seqTimeIndex) save(ctx context.Context, s StateStore, min int) error {
	x.mu.RLock()
	if len(x.times)-x.saved < min || len(x.times) == x.saved {
		x.mu.RUnlock()
		return nil
	}
	buf := make([]byte, 0, len(x.times)*3)
	var prev int64
	for _, t := range x.times {
		buf = binary.AppendVarint(buf, t-prev)
		prev = t
	}
	n := len(x.times)
	x.mu.RUnlock()
	if err := s.Save(ctx, indexName, uint64(n), buf); err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	x.mu.Lock()
	x.saved = n
	x.mu.Unlock()
	return nil
}

func (x *seqTimeIndex) load(ctx context.Context, s StateStore) error {
	n, data, ok, err := s.Load(ctx, indexName)
	if err != nil {
		return fmt.Errorf("load index: %w", err)
	}
	if !ok {
		return nil
	}
	times := make([]int64, 0, n)
	var prev int64
	for len(data) > 0 {
		d, k := binary.Varint(data)
		if k <= 0 {
			return errors.New("load index: corrupt")
		}
		prev += d
		times = append(times, prev)
		data = data[k:]
	}
	if uint64(len(times)) != n {
		return errors.New("load index: length mismatch")
	}
	x.mu.Lock()
	if len(times) > len(x.times) {
		x.times, x.saved = times, len(times)
	}
	x.mu.Unlock()
	return nil
}
