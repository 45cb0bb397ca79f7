package projections

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
)

// Feed is the read-only global event feed the runner consumes. It is the
// part of eventstore.Store the projections need (STYLE §5): an
// eventstore.Store satisfies it.
type Feed interface {
	// ReadAll yields the events with seq >= from, in seq order, up to the
	// head as it finds it; it stops at the first error, which it yields.
	ReadAll(ctx context.Context, from uint64) iter.Seq2[eventstore.RecordedEvent, error]
	// Subscribe yields the events with seq >= from and then follows new
	// ones until ctx ends (it yields ctx's error once) or a read fails.
	Subscribe(ctx context.Context, from uint64) iter.Seq2[eventstore.RecordedEvent, error]
	// Head returns the number of events in the ledger.
	Head(ctx context.Context) (uint64, error)
}

var _ Feed = (eventstore.Store)(nil)

// Model is a projection's read model: the state its handler folds events
// into. A Model must round-trip through encoding/json (the runner persists
// it with its checkpoint, and copies it for as-of answers), must not keep
// references to the events it is given (they are shared with the other
// projections), and must not be used outside the runner's locks.
type Model interface {
	// Apply folds one recorded event into the model. rec is the envelope
	// (seq, id, stream, recordedAt, effective, actor, basis); ev is its
	// decoded body. An error stops the projection at that event.
	Apply(rec eventstore.RecordedEvent, ev domain.Event) error
}

// UnknownPolicy says what a projection does with an event the domain codec
// does not know (a newer writer may have recorded it).
type UnknownPolicy uint8

const (
	// Strict stops the projection with an error at an unknown event.
	Strict UnknownPolicy = iota
	// Skip ignores unknown events.
	Skip
)

// Projection defines a read model: a name, a handler (the Model that New
// returns) and, kept by the runner, a checkpoint.
type Projection struct {
	// Name identifies the projection and its persisted state. It must be
	// a non-empty string of letters, digits, '-' and '_'.
	Name string
	// New returns an empty model.
	New func() Model
	// Unknown is the policy for unknown event types; Strict by default.
	Unknown UnknownPolicy
	// Types, when not empty, lists the event types the handler needs;
	// other events are not decoded for it and only advance its checkpoint.
	Types []string
	// Raw handlers read only envelopes: events are not decoded for them
	// and Apply gets a nil domain.Event, for every event, known or not.
	Raw bool
	// Version names the shape of the model's persisted state. A state
	// saved by another version (or by an older runner) is dropped at load
	// and the model is folded again from seq 0, so bump it whenever the
	// model's fields or their meaning change.
	Version int
}

// appendOnly is implemented by models whose state as of an earlier seq is
// a filter of the live state (the handler only appends, tagged by seq): an
// as-of query then reads the live model instead of folding.
type appendOnly interface{ appendOnly() }

// SaveCostFactor bounds the time spent saving states while following the
// feed: the gap between two saves is at least this many times the last
// save's duration (on the national benchmark ledger a save of every state
// takes seconds of CPU, and saving each minute under a write load cost a
// fifth of serve's CPU — docs/BENCHMARKS.md).
const SaveCostFactor = 50

// ErrAlreadyRunning is returned by Run, RunToEnd and Rebuild when the runner
// is already consuming the feed.
var ErrAlreadyRunning = errors.New("projections: runner already running")

// ErrUnknownProjection is returned for a projection name never registered.
var ErrUnknownProjection = errors.New("projections: unknown projection")

// ProjectionError is why a projection stopped: the event it failed on and
// the cause. It names the seq and the event id.
type ProjectionError struct {
	Projection string
	Seq        uint64
	EventID    string
	Type       string
	Err        error
}

func (e *ProjectionError) Error() string {
	return fmt.Sprintf("projection %s: seq %d (event %s, %s): %v", e.Projection, e.Seq, e.EventID, e.Type, e.Err)
}

// Unwrap returns the cause.
func (e *ProjectionError) Unwrap() error { return e.Err }

// Status is one projection's position.
type Status struct {
	Name string `json:"name"`
	// Checkpoint is the number of events folded: the seq of the next
	// event the projection will handle.
	Checkpoint uint64 `json:"checkpoint"`
	// Head is the ledger's head when the status was taken.
	Head uint64 `json:"head"`
	// Lag is Head - Checkpoint.
	Lag uint64 `json:"lag"`
	// Error is why the projection stopped, or "" while it is healthy.
	Error string `json:"error,omitempty"`
}

// RunnerOptions configures a Runner. The zero value is usable.
type RunnerOptions struct {
	// SaveEvery is how many events a projection folds between two saves
	// of its state while catching up; zero means 10 000. The state is
	// also saved when the runner has no event waiting, and on return.
	SaveEvery int
	// SaveInterval is the least time between two saves (a save encodes a
	// projection's whole state); zero means 60 s. The gap also grows to
	// SaveCostFactor times the last save's duration, so that saving takes
	// at most about 1/SaveCostFactor of the time however large the states
	// grow. A restart replays at most about that gap's worth of the feed.
	SaveInterval time.Duration
	// AsOfCache is how many as-of states are cached per projection; zero
	// means 4, negative disables the cache.
	AsOfCache int
}

// Runner feeds registered projections from the global feed, persisting
// each projection's state and checkpoint together in a StateStore.
type Runner struct {
	feed  Feed
	store StateStore
	opts  RunnerOptions

	running atomic.Bool

	mu    sync.Mutex // guards projs and order
	projs map[string]*proj
	order []string

	index  seqTimeIndex
	loaded atomic.Bool
	loadMu sync.Mutex

	rebuildc chan rebuildReq
}

type proj struct {
	def   Projection
	types map[string]bool

	mu    sync.RWMutex
	model Model
	next  uint64
	err   *ProjectionError
	dirty int

	cacheMu sync.Mutex
	cache   []cached
}

type cached struct {
	upTo  uint64
	model Model
}

type rebuildReq struct {
	p     *proj
	model Model
	next  uint64
	done  chan error
}

// NewRunner returns a runner over feed that persists into store. It
// returns an error if either is nil.
func NewRunner(feed Feed, store StateStore, opts *RunnerOptions) (*Runner, error) {
	if feed == nil {
		return nil, errors.New("projections: nil feed")
	}
	if store == nil {
		return nil, errors.New("projections: nil state store")
	}
	r := &Runner{feed: feed, store: store, projs: map[string]*proj{}, rebuildc: make(chan rebuildReq)}
	if opts != nil {
		r.opts = *opts
	}
	if r.opts.SaveInterval <= 0 {
		r.opts.SaveInterval = time.Minute
	}
	if r.opts.SaveEvery <= 0 {
		r.opts.SaveEvery = 10_000
	}
	if r.opts.AsOfCache == 0 {
		r.opts.AsOfCache = 4
	}
	return r, nil
}

// Register adds a projection. It fails if the name is taken or invalid,
// or if the runner is running.
func (r *Runner) Register(p Projection) error {
	if !validName(p.Name) || p.New == nil {
		return fmt.Errorf("projections: register %q: invalid name or nil New", p.Name)
	}
	if r.running.Load() {
		return fmt.Errorf("register %s: %w", p.Name, ErrAlreadyRunning)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.projs[p.Name]; ok || p.Name == indexName {
		return fmt.Errorf("projections: register %q: name taken", p.Name)
	}
	pr := &proj{def: p, model: p.New()}
	if len(p.Types) > 0 {
		pr.types = map[string]bool{}
		for _, t := range p.Types {
			pr.types[t] = true
		}
	}
	r.projs[p.Name] = pr
	r.order = append(r.order, p.Name)
	r.loaded.Store(false)
	return nil
}

func validName(s string) bool {
	if s == "" || len(s) > 100 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func (r *Runner) list() []*proj {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]*proj, 0, len(r.order))
	for _, n := range r.order {
		out = append(out, r.projs[n])
	}
	return out
}

func (r *Runner) get(name string) (*proj, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	p, ok := r.projs[name]
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrUnknownProjection, name)
	}
	return p, nil
}

// Load restores every projection's persisted state and checkpoint, and the
// seq→recordedAt index, once; Run, RunToEnd and every query do it when it
// has not been done. A server calls it first to know when the states are
// in memory (and to release what decoding them left behind).
func (r *Runner) Load(ctx context.Context) error { return r.load(ctx) }

// load restores every projection's persisted state and checkpoint, and the
// seq→recordedAt index, once.
func (r *Runner) load(ctx context.Context) error {
	if r.loaded.Load() {
		return nil
	}
	r.loadMu.Lock()
	defer r.loadMu.Unlock()
	if r.loaded.Load() {
		return nil
	}
	// Each state is one JSON document; they are decoded side by side
	// (start-up time is their decoding).
	if err := onCores(r.list(), func(p *proj) error { return r.loadOne(ctx, p) }); err != nil {
		return err
	}
	if err := r.index.load(ctx, r.store); err != nil {
		return err
	}
	r.loaded.Store(true)
	return nil
}

// loadOne restores p's persisted state, if any was saved by this version.
func (r *Runner) loadOne(ctx context.Context, p *proj) error {
	next, data, ok, err := r.store.Load(ctx, p.def.Name)
	if err != nil {
		return fmt.Errorf("load %s: %w", p.def.Name, err)
	}
	if !ok {
		return nil
	}
	body, ok := stateBody(data, p.def.Version)
	if !ok {
		// Saved by another version of the model: fold it again.
		return nil
	}
	m := p.def.New()
	if err := json.Unmarshal(body, m); err != nil {
		return fmt.Errorf("load %s: decode state: %w", p.def.Name, err)
	}
	p.mu.Lock()
	p.model, p.next, p.err, p.dirty = m, next, nil, 0
	p.mu.Unlock()
	return nil
}

// RunToEnd folds every event up to the head as found at the start into
// every projection, saves their states and returns. It returns
// ErrAlreadyRunning if the runner is running, the feed's error, or the
// errors (joined *ProjectionError values) of the projections that stopped;
// the other projections are then still up to date.
func (r *Runner) RunToEnd(ctx context.Context) error {
	if !r.running.CompareAndSwap(false, true) {
		return ErrAlreadyRunning
	}
	defer r.running.Store(false)
	head, err := r.feed.Head(ctx)
	if err != nil {
		return fmt.Errorf("run to end: head: %w", err)
	}
	return r.loop(ctx, false, head)
}

// Run follows the feed until ctx ends, folding each new event into every
// projection. A projection that fails stops (see Status) while the others
// keep going. Run saves the states on return and returns nil when ctx
// ends, ErrAlreadyRunning if the runner is running, or the feed's error.
func (r *Runner) Run(ctx context.Context) error {
	if !r.running.CompareAndSwap(false, true) {
		return ErrAlreadyRunning
	}
	defer r.running.Store(false)
	err := r.loop(ctx, true, 0)
	var pe *ProjectionError
	if errors.As(err, &pe) {
		err = nil // reported by Status; Run keeps serving the others
	}
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		return nil
	}
	return err
}

type item struct {
	rec eventstore.RecordedEvent
	err error
	// ev and derr are rec decoded, when decoded is set (by the decoding
	// stage, for the types some projection folds).
	ev      domain.Event
	derr    error
	decoded bool
}

// decodeNeeds returns which event types some projection of projs decodes:
// all is set when one takes every type.
func decodeNeeds(projs []*proj) (types map[string]bool, all bool) {
	types = map[string]bool{}
	for _, p := range projs {
		switch {
		case p.def.Raw:
		case p.types == nil:
			return nil, true
		default:
			for t := range p.types {
				types[t] = true
			}
		}
	}
	return types, false
}

func (r *Runner) loop(ctx context.Context, follow bool, head uint64) (err error) {
	if err := r.load(ctx); err != nil {
		return err
	}
	projs := r.list()
	from := r.index.len()
	for _, p := range projs {
		p.mu.RLock()
		if p.err == nil && p.next < from {
			from = p.next
		}
		p.mu.RUnlock()
	}
	defer func() {
		if serr := r.saveAll(context.WithoutCancel(ctx), projs); serr != nil && err == nil {
			err = serr
		}
		if err == nil {
			err = joinProjectionErrors(projs)
		}
	}()
	if !follow && from >= head {
		return nil
	}
	pctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Three stages, so that reading, decoding and folding use every core:
	// the feed's reader, a decoder (events are decoded once, for every
	// projection that folds their type), and this loop.
	raw := make(chan item, 256)
	ch := make(chan item, 256)
	need, all := decodeNeeds(projs)
	go func() {
		defer close(ch)
		for it := range raw {
			if it.err == nil && (all || need[it.rec.Type]) {
				it.ev, it.derr = domain.DecodeStored(it.rec.Type, it.rec.Schema, it.rec.Data)
				it.decoded = true
			}
			select {
			case ch <- it:
			case <-pctx.Done():
				return
			}
		}
	}()
	go func() {
		defer close(raw)
		var seq iter.Seq2[eventstore.RecordedEvent, error]
		if follow {
			seq = r.feed.Subscribe(pctx, from)
		} else {
			seq = r.feed.ReadAll(pctx, from)
		}
		for rec, err := range seq {
			if err == nil && !follow && rec.Seq >= head {
				return
			}
			select {
			case raw <- item{rec: rec, err: err}:
			case <-pctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()
	pos := from
	// Saving serializes a projection's whole state, so its cost grows with
	// the ledger: saves are spaced by SaveInterval or SaveCostFactor times
	// the last save's duration, whichever is longer (and SaveEvery events),
	// and an idle runner saves what is dirty when the interval has passed
	// (the timer), so a restart replays at most about SaveInterval of
	// events. Without the spacing a catch-up of n events costs O(n²).
	lastSave := time.Now()
	gap := r.opts.SaveInterval
	save := func(min int) error {
		t0 := time.Now()
		if err := r.saveDirty(ctx, projs, min); err != nil {
			return err
		}
		lastSave = time.Now()
		gap = max(r.opts.SaveInterval, SaveCostFactor*lastSave.Sub(t0))
		return nil
	}
	var idle <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case req := <-r.rebuildc:
			req.done <- r.finishRebuild(ctx, req, pos)
		case <-idle:
			idle = nil
			if err := save(1); err != nil {
				return err
			}
		case it, ok := <-ch:
			if !ok {
				if follow {
					return ctx.Err()
				}
				return nil
			}
			if it.err != nil {
				return fmt.Errorf("projections: read feed at %d: %w", pos, it.err)
			}
			rec := it.rec
			if rec.Seq != pos {
				return fmt.Errorf("projections: feed gap: want seq %d, got %d", pos, rec.Seq)
			}
			r.index.add(rec)
			r.dispatch(projs, it)
			pos++
			if since := time.Since(lastSave); since >= gap {
				min := r.opts.SaveEvery
				if len(ch) == 0 && len(raw) == 0 {
					min = 1
				}
				if err := save(min); err != nil {
					return err
				}
				idle = nil
			} else if len(ch) == 0 && len(raw) == 0 && idle == nil {
				idle = time.After(gap - since)
			}
		}
	}
}

// dispatch applies it.rec to every healthy projection whose checkpoint is
// its seq, decoding it (once) if the decoding stage did not.
func (r *Runner) dispatch(projs []*proj, it item) {
	rec, ev, derr, decoded := it.rec, it.ev, it.derr, it.decoded
	for _, p := range projs {
		p.mu.Lock()
		if p.err != nil || p.next != rec.Seq {
			p.mu.Unlock()
			continue
		}
		if p.def.Raw {
			if err := apply(p.def, p.model, rec, nil, nil); err != nil {
				p.err = err
				p.mu.Unlock()
				continue
			}
		} else if p.types == nil || p.types[rec.Type] {
			if !decoded {
				ev, derr = domain.DecodeStored(rec.Type, rec.Schema, rec.Data)
				decoded = true
			}
			if err := apply(p.def, p.model, rec, ev, derr); err != nil {
				p.err = err
				p.mu.Unlock()
				continue
			}
		}
		p.next++
		p.dirty++
		p.mu.Unlock()
	}
}

// apply folds one event into m under def's policy.
func apply(def Projection, m Model, rec eventstore.RecordedEvent, ev domain.Event, derr error) (perr *ProjectionError) {
	fail := func(err error) *ProjectionError {
		return &ProjectionError{Projection: def.Name, Seq: rec.Seq, EventID: rec.ID.String(), Type: rec.Type, Err: err}
	}
	if derr != nil {
		var unknown *domain.UnknownEventError
		if errors.As(derr, &unknown) && def.Unknown == Skip {
			return nil
		}
		return fail(derr)
	}
	defer func() {
		if v := recover(); v != nil {
			perr = fail(fmt.Errorf("panic: %v", v))
		}
	}()
	if err := m.Apply(rec, ev); err != nil {
		return fail(err)
	}
	return nil
}

func joinProjectionErrors(projs []*proj) error {
	var errs []error
	for _, p := range projs {
		p.mu.RLock()
		if p.err != nil {
			errs = append(errs, p.err)
		}
		p.mu.RUnlock()
	}
	return errors.Join(errs...)
}

// saveDirty saves the projections that folded at least min events since
// their last save, and the index.
func (r *Runner) saveDirty(ctx context.Context, projs []*proj, min int) error {
	var dirty []*proj
	for _, p := range projs {
		p.mu.RLock()
		if p.dirty >= min {
			dirty = append(dirty, p)
		}
		p.mu.RUnlock()
	}
	// A save encodes a whole state: they run side by side, one per core.
	err := onCores(dirty, func(p *proj) error { return r.save(ctx, p) })
	return errors.Join(err, r.index.save(ctx, r.store, min))
}

// onCores calls fn for every projection, as many at a time as there are
// cores, and returns their errors joined.
func onCores(projs []*proj, fn func(*proj) error) error {
	errs := make([]error, len(projs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, p := range projs {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			errs[i] = fn(p)
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

func (r *Runner) saveAll(ctx context.Context, projs []*proj) error {
	return r.saveDirty(ctx, projs, 1)
}

// save writes p's model and checkpoint in one StateStore.Save: they are
// persisted together or not at all.
//
// The model is encoded under the read lock, so queries keep being answered
// while it is (the fold, which writes, waits), and written to the store
// with no lock held.
func (r *Runner) save(ctx context.Context, p *proj) error {
	p.mu.RLock()
	data, err := json.Marshal(p.model)
	next, dirty := p.next, p.dirty
	p.mu.RUnlock()
	if err != nil {
		return fmt.Errorf("save %s: encode state: %w", p.def.Name, err)
	}
	data = append(stateHeader(p.def.Version), data...)
	if err := r.store.Save(ctx, p.def.Name, next, data); err != nil {
		return fmt.Errorf("save %s: %w", p.def.Name, err)
	}
	p.mu.Lock()
	p.dirty = max(0, p.dirty-dirty)
	p.mu.Unlock()
	return nil
}

// stateFormat is the runner's own version of the persisted state: the
// model's JSON after a header naming this format and the projection's
// Version.
const stateFormat = 2

func stateHeader(version int) []byte {
	return fmt.Appendf(nil, "tdkt-state %d %d\n", stateFormat, version)
}

// stateBody returns the model's JSON in data, and false if data was saved
// in another format or by another version of the model.
func stateBody(data []byte, version int) ([]byte, bool) {
	h := stateHeader(version)
	if !bytes.HasPrefix(data, h) {
		return nil, false
	}
	return data[len(h):], true
}

// Rebuild drops name's read model and folds it again from seq 0, clearing
// a stopped projection's error. While the runner runs, the new model is
// folded beside the live one and swapped in by the running loop; otherwise
// Rebuild folds up to the head itself.
func (r *Runner) Rebuild(ctx context.Context, name string) error {
	if err := r.load(ctx); err != nil {
		return err
	}
	p, err := r.get(name)
	if err != nil {
		return err
	}
	head, err := r.feed.Head(ctx)
	if err != nil {
		return fmt.Errorf("rebuild %s: head: %w", name, err)
	}
	m := p.def.New()
	if err := r.fold(ctx, p, m, 0, head); err != nil {
		return err
	}
	if r.running.CompareAndSwap(false, true) {
		defer r.running.Store(false)
		p.mu.Lock()
		p.model, p.next, p.err, p.dirty = m, head, nil, 1
		p.mu.Unlock()
		p.dropCache()
		return r.save(ctx, p)
	}
	req := rebuildReq{p: p, model: m, next: head, done: make(chan error, 1)}
	select {
	case r.rebuildc <- req:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-req.done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// finishRebuild runs in the loop: it brings the rebuilt model from req.next
// to the loop's position and swaps it in.
func (r *Runner) finishRebuild(ctx context.Context, req rebuildReq, pos uint64) error {
	if req.next < pos {
		if err := r.fold(ctx, req.p, req.model, req.next, pos); err != nil {
			return err
		}
	} else if req.next > pos {
		// The rebuild read past the loop: fold again up to pos.
		req.model = req.p.def.New()
		if err := r.fold(ctx, req.p, req.model, 0, pos); err != nil {
			return err
		}
	}
	p := req.p
	p.mu.Lock()
	p.model, p.next, p.err, p.dirty = req.model, pos, nil, 1
	p.mu.Unlock()
	p.dropCache()
	return r.save(ctx, p)
}

// fold applies the events with from <= seq < to to m, under p's
// definition (its types and unknown-event policy).
func (r *Runner) fold(ctx context.Context, p *proj, m Model, from, to uint64) error {
	if from >= to {
		return nil
	}
	def, types := p.def, p.types
	for rec, err := range r.feed.ReadAll(ctx, from) {
		if err != nil {
			return fmt.Errorf("projections: fold %s: %w", def.Name, err)
		}
		if rec.Seq >= to {
			break
		}
		r.index.add(rec)
		if types != nil && !types[rec.Type] {
			continue
		}
		var (
			ev   domain.Event
			derr error
		)
		if !def.Raw {
			ev, derr = domain.DecodeStored(rec.Type, rec.Schema, rec.Data)
		}
		if perr := apply(def, m, rec, ev, derr); perr != nil {
			return perr
		}
	}
	return nil
}

// Status returns every projection's checkpoint, lag behind the head and
// error, in registration order.
func (r *Runner) Status(ctx context.Context) ([]Status, error) {
	if err := r.load(ctx); err != nil {
		return nil, err
	}
	head, err := r.feed.Head(ctx)
	if err != nil {
		return nil, fmt.Errorf("status: head: %w", err)
	}
	var out []Status
	for _, p := range r.list() {
		p.mu.RLock()
		s := Status{Name: p.def.Name, Checkpoint: p.next, Head: head}
		if head > p.next {
			s.Lag = head - p.next
		}
		if p.err != nil {
			s.Error = p.err.Error()
		}
		p.mu.RUnlock()
		out = append(out, s)
	}
	return out, nil
}

// Lag returns head - checkpoint for every projection, by name.
func (r *Runner) Lag(ctx context.Context) (map[string]uint64, error) {
	st, err := r.Status(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]uint64, len(st))
	for _, s := range st {
		out[s.Name] = s.Lag
	}
	return out, nil
}

// Err returns why the projection stopped, or nil.
func (r *Runner) Err(name string) error {
	p, err := r.get(name)
	if err != nil {
		return err
	}
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.err == nil {
		return nil
	}
	return p.err
}

// view calls fn with name's model as of asOf. fn must only read the model
// and must not keep it. The live model answers when asOf is Latest or the
// projection's checkpoint; other points are folded into a fresh model
// (from the live one when asOf is ahead of it) and cached.
func (r *Runner) view(ctx context.Context, name string, asOf AsOf, fn func(m Model, upTo uint64) error) error {
	if err := r.load(ctx); err != nil {
		return err
	}
	p, err := r.get(name)
	if err != nil {
		return err
	}
	upTo, latest, err := r.resolve(ctx, asOf)
	if err != nil {
		return err
	}
	p.mu.RLock()
	if p.err != nil && (latest || upTo > p.err.Seq) {
		defer p.mu.RUnlock()
		return p.err
	}
	if latest || upTo == p.next {
		defer p.mu.RUnlock()
		return fn(p.model, p.next)
	}
	if _, ok := p.model.(appendOnly); ok && upTo < p.next {
		defer p.mu.RUnlock()
		return fn(p.model, upTo)
	}
	var (
		m    Model
		from uint64
	)
	if upTo > p.next && p.err == nil {
		data, err := json.Marshal(p.model)
		if err != nil {
			p.mu.RUnlock()
			return fmt.Errorf("as of %s: copy %s: %w", asOf, name, err)
		}
		from = p.next
		p.mu.RUnlock()
		m = p.def.New()
		if err := json.Unmarshal(data, m); err != nil {
			return fmt.Errorf("as of %s: copy %s: %w", asOf, name, err)
		}
	} else {
		p.mu.RUnlock()
		if c, ok := p.cached(upTo); ok {
			return fn(c, upTo)
		}
		m = p.def.New()
	}
	if err := r.fold(ctx, p, m, from, upTo); err != nil {
		return err
	}
	p.remember(upTo, m, r.opts.AsOfCache)
	return fn(m, upTo)
}

func (p *proj) cached(upTo uint64) (Model, bool) {
	p.cacheMu.Lock()
	defer p.cacheMu.Unlock()
	for i, c := range p.cache {
		if c.upTo == upTo {
			// move to front
			copy(p.cache[1:i+1], p.cache[:i])
			p.cache[0] = c
			return c.model, true
		}
	}
	return nil, false
}

func (p *proj) remember(upTo uint64, m Model, size int) {
	if size <= 0 {
		return
	}
	p.cacheMu.Lock()
	defer p.cacheMu.Unlock()
	p.cache = append([]cached{{upTo, m}}, p.cache...)
	if len(p.cache) > size {
		p.cache = p.cache[:size]
	}
}

func (p *proj) dropCache() {
	p.cacheMu.Lock()
	p.cache = nil
	p.cacheMu.Unlock()
}

// Names returns the registered projection names, sorted.
func (r *Runner) Names() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := append([]string(nil), r.order...)
	sort.Strings(out)
	return out
}
