package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/tdkt/tdkt/api"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/sqlite"
	"github.com/tdkt/tdkt/internal/lincheck"
	"github.com/tdkt/tdkt/projections"
)

// The HTTP crash harness (issue 8 item 1): tdkt serve runs as a child
// process on a temporary data directory; clients record leave periods for
// a few people through POST /api/v1/commands/RecordLeave with expected
// revisions (two clients share one person, so they race and get 409s) and
// an Idempotency-Key per request, logging every acknowledged event id; the
// test kills the server with SIGKILL at a random moment, restarts it, lets
// every client retry its unanswered request with the same key, and checks:
// every acknowledged event is in the ledger exactly once and in stream
// order, no request is recorded twice, seq is dense, tdkt verify passes —
// and the whole history (every request with its invocation and answer
// times, unanswered ones as unknown outcomes) is linearizable per stream
// against the Store contract's model (internal/lincheck, porcupine).
//
// TDKT_HTTP_CRASH_CYCLES sets the cycles (default 10, as CI runs);
// TDKT_HTTP_CRASH_SEED replays a run.

const (
	httpCrashCyclesEnv = "TDKT_HTTP_CRASH_CYCLES"
	httpCrashSeedEnv   = "TDKT_HTTP_CRASH_SEED"
	httpCrashPeople    = 3
)

// crashClient records leaves for one person; several clients may share a
// person.
type crashClient struct {
	id int
	// lin is the client's index in the linearizability history (setup is
	// client 0).
	lin    int
	person string
	rev    int64 // last revision of the person's stream this client saw; -1 none
	// pending is the request the last kill left unanswered, retried first.
	pending *crashRequest
}

type crashRequest struct {
	key      string
	body     []byte
	expected uint64 // the expectedRevision in body
}

// crashAck is one acknowledged request.
type crashAck struct {
	key    string
	stream string
	ids    []string
	seqs   []uint64
}

type crashLog struct {
	mu   sync.Mutex
	acks []crashAck
	// byKey: the events each acknowledged key recorded, to check a retry
	// is answered with the same events.
	byKey map[string][]string
	// conflicts and retries are counted for the log.
	conflicts, retries int
}

func (l *crashLog) add(t *testing.T, a crashAck) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if prev, ok := l.byKey[a.key]; ok {
		if fmt.Sprint(prev) != fmt.Sprint(a.ids) {
			t.Errorf("key %s answered with events %v, earlier with %v", a.key, a.ids, prev)
		}
		return
	}
	l.byKey[a.key] = a.ids
	l.acks = append(l.acks, a)
}

func TestCrashHTTP(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the HTTP crash harness starts and kills tdkt serve")
	}
	cycles := 10
	if v := os.Getenv(httpCrashCyclesEnv); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("%s=%q: want a positive integer", httpCrashCyclesEnv, v)
		}
		cycles = n
	}
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv(httpCrashSeedEnv); v != "" {
		var err error
		if seed, err = strconv.ParseUint(v, 10, 64); err != nil {
			t.Fatalf("%s=%q: %v", httpCrashSeedEnv, v, err)
		}
	}
	t.Logf("%d cycles, seed %d (rerun with %s=%d)", cycles, seed, httpCrashSeedEnv, seed)
	rng := rand.New(rand.NewPCG(seed, 1))

	dir := filepath.Join(t.TempDir(), "data")
	token, tokRec := api.GenerateToken(api.RoleAdmin, "crash-harness", nil)
	tokens := filepath.Join(t.TempDir(), "tokens.json")
	b, _ := json.Marshal([]api.TokenRecord{tokRec})
	if err := os.WriteFile(tokens, b, 0o600); err != nil {
		t.Fatal(err)
	}
	serve := func() (*http.Client, string, func(kill bool)) {
		cmd, out, stderr := startChild(t, "serve", "--addr", "127.0.0.1:0", "--data", dir, "--tokens", tokens)
		u := serveURL(t, out, stderr)
		go io.Copy(io.Discard, out)
		return &http.Client{Timeout: 10 * time.Second}, u, func(kill bool) {
			if kill {
				cmd.Process.Kill()
			} else {
				cmd.Process.Signal(syscall.SIGTERM)
			}
			cmd.Wait()
		}
	}
	post := func(c *http.Client, u, name string, key string, body []byte) (int, []byte, error) {
		req, _ := http.NewRequest("POST", u+"/api/v1/commands/"+name, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		if key != "" {
			req.Header.Set("Idempotency-Key", key)
		}
		resp, err := c.Do(req)
		if err != nil {
			return 0, nil, err
		}
		defer resp.Body.Close()
		rb, err := io.ReadAll(resp.Body)
		return resp.StatusCode, rb, err
	}

	rec := lincheck.NewRecorder()
	const subject = "crash-harness"
	// Set up a unit and the people, once. Recruiting a person is the first
	// append to the person's stream, so it goes into the history too.
	unit := uuid.NewString()
	people := make([]string, httpCrashPeople)
	{
		c, u, stop := serve()
		must := func(name string, body any) {
			b, _ := json.Marshal(body)
			code, rb, err := post(c, u, name, "", b)
			if err != nil || code != 201 {
				t.Fatalf("%s: %d %s %v", name, code, rb, err)
			}
		}
		must("EstablishUnit", map[string]any{"unitId": unit, "name": "Viện kiểm sát nhân dân khu vực 1 - Trà Vinh", "level": "KHU_VUC", "kind": "VIEN_KIEM_SAT"})
		for i := range people {
			people[i] = uuid.NewString()
			key := uuid.NewString()
			b, _ := json.Marshal(map[string]any{"personId": people[i], "fullName": fmt.Sprintf("Kiểm sát viên %d (hư cấu)", i), "unitId": unit})
			in := lincheck.Input{Kind: lincheck.Append, Stream: "person-" + people[i], Expected: eventstore.NoStream,
				IDs: []uuid.UUID{api.IdempotentEventID(subject, key, 0)}}
			op := rec.Invoke(0, in)
			code, rb, err := post(c, u, "RecruitPerson", key, b)
			if err != nil || code != 201 {
				t.Fatalf("RecruitPerson: %d %s %v", code, rb, err)
			}
			op.Return(httpAppendOutput(in, code, false, rb))
		}
		stop(false)
	}

	clients := []*crashClient{}
	for i := range httpCrashPeople + 1 {
		// Client 0 and the last client share person 0.
		clients = append(clients, &crashClient{id: i, lin: i + 1, person: people[i%httpCrashPeople], rev: 0})
	}
	log := &crashLog{byKey: map[string][]string{}}
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	var dayMu sync.Mutex
	nextBody := func(cl *crashClient) *crashRequest {
		dayMu.Lock()
		day = day.AddDate(0, 0, 1)
		from := day.Format("2006-01-02")
		dayMu.Unlock()
		body := map[string]any{"personId": cl.person, "leaveId": uuid.NewString(),
			"period": map[string]any{"from": from, "to": from}, "reason": "OM_DAU", "expectedRevision": cl.rev}
		b, _ := json.Marshal(body)
		return &crashRequest{key: uuid.NewString(), body: b, expected: uint64(cl.rev)}
	}

	runClient := func(ctx context.Context, c *http.Client, u string, cl *crashClient) {
		for ctx.Err() == nil {
			r := cl.pending
			retry := r != nil
			if r == nil {
				r = nextBody(cl)
			}
			in := lincheck.Input{Kind: lincheck.Append, Stream: "person-" + cl.person, Expected: eventstore.Exact(r.expected),
				IDs: []uuid.UUID{api.IdempotentEventID(subject, r.key, 0)}}
			op := rec.Invoke(cl.lin, in)
			req, _ := http.NewRequest("POST", u+"/api/v1/commands/RecordLeave", bytes.NewReader(r.body))
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Idempotency-Key", r.key)
			resp, err := c.Do(req)
			var code int
			var rb []byte
			if err == nil {
				code = resp.StatusCode
				rb, err = io.ReadAll(resp.Body)
				resp.Body.Close()
			}
			if err != nil {
				// Unanswered: the server may or may not have it.
				op.Return(lincheck.Output{Result: lincheck.Unknown, Problem: err.Error()})
				cl.pending = r
				return
			}
			op.Return(httpAppendOutput(in, code, resp.Header.Get(api.ReplayedHeader) == "true", rb))
			cl.pending = nil
			switch code {
			case 201:
				var res struct {
					Stream   string  `json:"stream"`
					Revision *uint64 `json:"revision"`
					Events   []struct {
						ID  string `json:"id"`
						Seq uint64 `json:"seq"`
					} `json:"events"`
				}
				if err := json.Unmarshal(rb, &res); err != nil || res.Revision == nil || len(res.Events) != 1 {
					t.Errorf("client %d: 201 with %s", cl.id, rb)
					return
				}
				a := crashAck{key: r.key, stream: res.Stream}
				for _, e := range res.Events {
					a.ids = append(a.ids, e.ID)
					a.seqs = append(a.seqs, e.Seq)
				}
				log.add(t, a)
				if retry {
					log.mu.Lock()
					log.retries++
					log.mu.Unlock()
				}
				cl.rev = int64(*res.Revision)
			case 409:
				// Another client recorded first: take the stream's
				// revision from the problem and try again with a new
				// request.
				var p struct {
					CurrentRevision *int64 `json:"currentRevision"`
				}
				if json.Unmarshal(rb, &p) != nil || p.CurrentRevision == nil {
					t.Errorf("client %d: 409 without currentRevision: %s", cl.id, rb)
					return
				}
				cl.rev = *p.CurrentRevision
				log.mu.Lock()
				log.conflicts++
				log.mu.Unlock()
			case 503:
				// Not ready yet (start-up): wait and retry the same.
				cl.pending = r
				time.Sleep(20 * time.Millisecond)
			default:
				t.Errorf("client %d: status %d: %s", cl.id, code, rb)
				return
			}
		}
	}

	for cycle := range cycles + 1 {
		last := cycle == cycles
		c, u, stop := serve()
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		for _, cl := range clients {
			wg.Add(1)
			go func() { defer wg.Done(); runClient(ctx, c, u, cl) }()
		}
		if last {
			// The last run only resolves what the kills left pending.
			time.Sleep(300 * time.Millisecond)
			cancel()
			wg.Wait()
			stop(false)
			break
		}
		time.Sleep(time.Duration(50+rng.IntN(400)) * time.Millisecond)
		stop(true) // SIGKILL, mid-request
		cancel()
		wg.Wait()
		if t.Failed() {
			t.Fatalf("cycle %d failed; rerun with %s=%d", cycle, httpCrashSeedEnv, seed)
		}
	}
	for _, cl := range clients {
		if cl.pending != nil {
			t.Errorf("client %d still has an unanswered request after the last run", cl.id)
		}
	}

	// The ledger: every acknowledged event once, in stream order; seq
	// dense; each person's revisions dense.
	s, err := sqlite.Open(dir, &sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	revs := map[string]uint64{}
	var n uint64
	for e, err := range s.ReadAll(t.Context(), 0) {
		if err != nil {
			t.Fatal(err)
		}
		if e.Seq != n {
			t.Fatalf("seq %d where %d belongs", e.Seq, n)
		}
		n++
		if e.Revision != revs[e.Stream] {
			t.Fatalf("%s: revision %d where %d belongs", e.Stream, e.Revision, revs[e.Stream])
		}
		revs[e.Stream]++
		seen[e.ID.String()]++
	}
	s.Close()
	for _, a := range log.acks {
		for i, id := range a.ids {
			if seen[id] != 1 {
				t.Errorf("acknowledged event %s (seq %d, key %s) is in the ledger %d times", id, a.seqs[i], a.key, seen[id])
			}
		}
	}
	// Every leave in the ledger was acknowledged to someone (no request
	// recorded twice under two keys: each key's event id is derived from
	// it, so a duplicate would be a second id).
	leaves := 0
	for stream, rv := range revs {
		for _, p := range people {
			if stream == "person-"+p {
				leaves += int(rv) - 1 // minus PersonRecruited
			}
		}
	}
	if leaves != len(log.acks) {
		t.Errorf("the ledger holds %d leave events, %d requests were acknowledged", leaves, len(log.acks))
	}
	// Read every person's stream once more into the history, and check it.
	s, err = sqlite.Open(dir, &sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range people {
		in := lincheck.Input{Kind: lincheck.Read, Stream: "person-" + p}
		op := rec.Invoke(0, in)
		var evs []eventstore.RecordedEvent
		var rerr error
		for e, err := range s.ReadStream(t.Context(), in.Stream, 0) {
			if err != nil {
				rerr = err
				break
			}
			evs = append(evs, e)
		}
		op.Return(rec.ReadOutput(in.Stream, evs, rerr))
	}
	s.Close()
	verdict := rec.Check(time.Minute)
	if !verdict.OK() {
		path, _ := verdict.Visualize()
		t.Fatalf("the history of %d operations on %d streams is not linearizable (%v; problems %v); picture: %s", verdict.Ops, verdict.Streams, verdict.Result, verdict.Problems, path)
	}
	t.Logf("linearizable: %d operations on %d streams across %d kills, checked in %v", verdict.Ops, verdict.Streams, cycles, verdict.Took)

	// Every projection serve persisted across the kills, caught up to the
	// head, equals a rebuild from zero.
	checkProjectionsRebuild(t, dir)

	code, out, errs := execMain(t.Context(), "verify", "--data", dir)
	if code != 0 {
		t.Fatalf("verify after %d kills: exit %d\n%s\n%s", cycles, code, out, errs)
	}
	t.Logf("%d SIGKILLs: %d acknowledged requests all present once, %d retried after a kill, %d conflicts (409), %d events, verify ok",
		cycles, len(log.acks), log.retries, log.conflicts, n)
}

// httpAppendOutput turns a command's HTTP answer into the model's output
// for an append of in: 201 is OK with the revision and seq it names
// (Duplicate when the answer is a replay of the Idempotency-Key), 409 a
// concurrency error with the current revision; anything else is unknown.
func httpAppendOutput(in lincheck.Input, code int, replayed bool, body []byte) lincheck.Output {
	switch code {
	case http.StatusCreated:
		var res struct {
			Stream   string  `json:"stream"`
			Revision *uint64 `json:"revision"`
			Events   []struct {
				ID  string `json:"id"`
				Seq uint64 `json:"seq"`
			} `json:"events"`
		}
		if err := json.Unmarshal(body, &res); err != nil || res.Revision == nil || len(res.Events) != len(in.IDs) || res.Stream != in.Stream {
			return lincheck.Output{Result: lincheck.Malformed, Problem: "201 with " + string(body)}
		}
		for i, e := range res.Events {
			if e.ID != in.IDs[i].String() {
				return lincheck.Output{Result: lincheck.Malformed, Problem: "recorded id " + e.ID + ", sent " + in.IDs[i].String()}
			}
		}
		n := uint64(len(res.Events))
		return lincheck.Output{Result: lincheck.OK, First: *res.Revision + 1 - n, Last: *res.Revision, Duplicate: replayed,
			FirstSeq: res.Events[0].Seq, LastSeq: res.Events[n-1].Seq}
	case http.StatusConflict:
		var p struct {
			CurrentRevision *int64 `json:"currentRevision"`
		}
		if json.Unmarshal(body, &p) != nil || p.CurrentRevision == nil {
			return lincheck.Output{Result: lincheck.Malformed, Problem: "409 without currentRevision: " + string(body)}
		}
		return lincheck.Output{Result: lincheck.Concurrency, Actual: *p.CurrentRevision}
	}
	return lincheck.Output{Result: lincheck.Unknown, Problem: fmt.Sprintf("status %d: %s", code, body)}
}

// checkProjectionsRebuild resumes every projection from the state serve
// persisted in dir/projections (written across SIGKILLs), catches it up to
// the head, and compares its saved state byte for byte with a rebuild from
// zero in memory.
func checkProjectionsRebuild(t *testing.T, dir string) {
	t.Helper()
	ctx := t.Context()
	s, err := sqlite.Open(dir, &sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	persisted, err := projections.NewFileStateStore(filepath.Join(dir, "projections"))
	if err != nil {
		t.Fatal(err)
	}
	fresh := projections.NewMemStateStore()
	var names []string
	for _, states := range []projections.StateStore{persisted, fresh} {
		r, err := projections.NewRunner(s, states, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := projections.RegisterAll(r); err != nil {
			t.Fatal(err)
		}
		if err := r.RunToEnd(ctx); err != nil {
			t.Fatalf("projections: %v", err)
		}
		names = r.Names()
	}
	resumed := 0
	for _, name := range names {
		cp1, st1, ok1, err1 := persisted.Load(ctx, name)
		cp2, st2, ok2, err2 := fresh.Load(ctx, name)
		if err1 != nil || err2 != nil || !ok1 || !ok2 {
			t.Fatalf("projection %s: %v %v %v %v", name, ok1, err1, ok2, err2)
		}
		if cp1 != cp2 || !bytes.Equal(st1, st2) {
			t.Errorf("projection %s resumed from serve's state (checkpoint %d, %d bytes) differs from a rebuild from zero (checkpoint %d, %d bytes)", name, cp1, len(st1), cp2, len(st2))
		}
		resumed++
	}
	t.Logf("%d projections resumed from serve's persisted state equal a rebuild from zero", resumed)
}
