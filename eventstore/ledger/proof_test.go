package ledger_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/ledger"
	"github.com/tdkt/tdkt/eventstore/sqlite"
	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"golang.org/x/mod/sumdb/tlog"
)

var seedFlag = flag.Uint64("seed", 0, "seed for the random tests (0: from the clock)")

// The embedded store is a TreeReader.
var _ ledger.TreeReader = (*sqlite.Store)(nil)

// newSeed returns the seed of a random test and logs it.
func newSeed(t *testing.T) uint64 {
	t.Helper()
	seed := *seedFlag
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (rerun with -seed=%d)", seed, seed)
	return seed
}

// rngReader is an io.Reader over a seeded source, for reproducible keys.
type rngReader struct{ r *rand.Rand }

func (r rngReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r.r.Uint32())
	}
	return len(p), nil
}

func randHash(rng *rand.Rand) tlog.Hash {
	var h tlog.Hash
	_, _ = rngReader{rng}.Read(h[:])
	return h
}

// randLine returns an export-line-like leaf for seq.
func randLine(rng *rand.Rand, seq uint64) []byte {
	data := make([]byte, rng.IntN(64))
	_, _ = rngReader{rng}.Read(data)
	return fmt.Appendf(nil, `{"seq":%d,"id":"%016x%016x","stream":"record-%d","type":"record.created.v1","schema":1,"revision":0,"recordedAt":"2026-01-02T03:04:05.%09dZ","effective":null,"actor":null,"basis":null,"correlation":null,"causation":null,"data":{"x":"%x"}}`,
		seq, rng.Uint64(), rng.Uint64(), rng.IntN(1000), rng.IntN(1e9), data)
}

// memTree is an in-memory TreeReader: the stored hashes of a tree in
// sumdb/tlog layout, as the sqlite store keeps them.
type memTree struct {
	lines  [][]byte
	hashes []tlog.Hash
	reads  int
}

func (m *memTree) append(tb testing.TB, line []byte) {
	tb.Helper()
	hs, err := tlog.StoredHashes(int64(len(m.lines)), line, tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		return m.read(idx)
	}))
	if err != nil {
		tb.Fatal(err)
	}
	m.lines = append(m.lines, line)
	m.hashes = append(m.hashes, hs...)
}

func (m *memTree) read(idx []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(idx))
	for i, x := range idx {
		if x < 0 || x >= int64(len(m.hashes)) {
			return nil, fmt.Errorf("no stored hash %d", x)
		}
		out[i] = m.hashes[x]
	}
	m.reads += len(idx)
	return out, nil
}

type memReader struct{ m *memTree }

func (r memReader) Head(ctx context.Context) (uint64, error) {
	return uint64(len(r.m.lines)), ctx.Err()
}

func (r memReader) ReadHashes(ctx context.Context, idx []int64) ([]tlog.Hash, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return r.m.read(idx)
}

// buildTree makes a tree of n random leaves and, with an independent
// implementation (transparency-dev/merkle/compact), the root of every
// prefix: roots[k] is the root of the first k leaves.
func buildTree(t *testing.T, rng *rand.Rand, n int) (*memTree, [][]byte) {
	t.Helper()
	m := &memTree{}
	rf := compact.RangeFactory{Hash: rfc6962.DefaultHasher.HashChildren}
	cr := rf.NewEmptyRange(0)
	roots := [][]byte{rfc6962.DefaultHasher.EmptyRoot()}
	for i := range n {
		line := randLine(rng, uint64(i))
		leaf := rfc6962.DefaultHasher.HashLeaf(line)
		if got, want := eventstore.LeafHash(line), tlog.RecordHash(line); got != want || string(leaf) != string(got[:]) {
			t.Fatalf("leaf hashes disagree for %q: eventstore %x, tlog %x, merkle %x", line, got, want, leaf)
		}
		m.append(t, line)
		if err := cr.Append(leaf, nil); err != nil {
			t.Fatal(err)
		}
		root, err := cr.GetRootHash(nil)
		if err != nil {
			t.Fatal(err)
		}
		roots = append(roots, root)
	}
	// Our roots (tlog over the stored hashes) equal the independent ones.
	for k := 1; k <= n; k++ {
		th, err := tlog.TreeHash(int64(k), tlog.HashReaderFunc(m.read))
		if err != nil {
			t.Fatal(err)
		}
		if string(th[:]) != string(roots[k]) {
			t.Fatalf("root of size %d: tlog %x, merkle %x", k, th, roots[k])
		}
	}
	return m, roots
}

func toBytes(p []tlog.Hash) [][]byte {
	out := make([][]byte, len(p))
	for i := range p {
		out[i] = p[i][:]
	}
	return out
}

func tamperings(p []tlog.Hash) map[string][]tlog.Hash {
	out := map[string][]tlog.Hash{
		"Extended": append(append([]tlog.Hash{}, p...), tlog.Hash{1}),
	}
	if len(p) > 0 {
		out["Truncated"] = append([]tlog.Hash{}, p[:len(p)-1]...)
		for i := range p {
			bad := append([]tlog.Hash{}, p...)
			bad[i][i%tlog.HashSize] ^= 0x01
			out[fmt.Sprintf("Flipped%d", i)] = bad
		}
	}
	if len(p) > 1 {
		bad := append([]tlog.Hash{}, p...)
		bad[0], bad[1] = bad[1], bad[0]
		if bad[0] != bad[1] {
			out["Swapped"] = bad
		}
	}
	return out
}

var sizes = []int{1, 2, 3, 7, 8, 9, 100, 1000}

// exhaustive is the largest tree whose every seq and size pair is tested.
const exhaustive = 9

func TestInclusionProof(t *testing.T) {
	seed := newSeed(t)
	for _, n := range sizes {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, uint64(n)))
			m, roots := buildTree(t, rng, n)
			r := memReader{m}
			type pair struct{ seq, size uint64 }
			var cases []pair
			if n <= exhaustive {
				for size := 1; size <= n; size++ {
					for seq := range size {
						cases = append(cases, pair{uint64(seq), uint64(size)})
					}
				}
			} else {
				cases = append(cases, pair{0, uint64(n)}, pair{uint64(n - 1), uint64(n)}, pair{0, 1})
				for range 200 {
					size := 1 + rng.Uint64N(uint64(n))
					cases = append(cases, pair{rng.Uint64N(size), size})
				}
			}
			for _, c := range cases {
				line := m.lines[c.seq]
				root := tlog.Hash(roots[c.size])
				before := m.reads
				p, err := ledger.InclusionProof(t.Context(), r, c.seq, c.size)
				if err != nil {
					t.Fatalf("InclusionProof(%d, %d): %v", c.seq, c.size, err)
				}
				if reads := m.reads - before; reads > 2*64 {
					t.Fatalf("InclusionProof(%d, %d) read %d hashes", c.seq, c.size, reads)
				}
				// The independent implementation accepts our proof...
				if err := proof.VerifyInclusion(rfc6962.DefaultHasher, c.seq, c.size, rfc6962.DefaultHasher.HashLeaf(line), toBytes(p), root[:]); err != nil {
					t.Fatalf("merkle rejects inclusion proof of %d in %d: %v", c.seq, c.size, err)
				}
				// ...and so do we.
				if err := ledger.VerifyInclusion(line, c.seq, c.size, p, root); err != nil {
					t.Fatalf("VerifyInclusion(%d, %d): %v", c.seq, c.size, err)
				}
				for name, bad := range tamperings(p) {
					if err := ledger.VerifyInclusion(line, c.seq, c.size, bad, root); !errors.Is(err, ledger.ErrProofFailed) {
						t.Fatalf("VerifyInclusion(%d, %d) of %s proof = %v, want ErrProofFailed", c.seq, c.size, name, err)
					}
					if proof.VerifyInclusion(rfc6962.DefaultHasher, c.seq, c.size, rfc6962.DefaultHasher.HashLeaf(line), toBytes(bad), root[:]) == nil {
						t.Fatalf("merkle accepts %s inclusion proof of %d in %d", name, c.seq, c.size)
					}
				}
				changed := append([]byte{}, line...)
				changed[len(changed)/2] ^= 0x01
				if err := ledger.VerifyInclusion(changed, c.seq, c.size, p, root); !errors.Is(err, ledger.ErrProofFailed) {
					t.Fatalf("VerifyInclusion of a changed line = %v", err)
				}
				badRoot := root
				badRoot[31] ^= 0x80
				if err := ledger.VerifyInclusion(line, c.seq, c.size, p, badRoot); !errors.Is(err, ledger.ErrProofFailed) {
					t.Fatalf("VerifyInclusion against another root = %v", err)
				}
				if c.size > 1 {
					other := (c.seq + 1) % c.size
					if err := ledger.VerifyInclusion(line, other, c.size, p, root); !errors.Is(err, ledger.ErrProofFailed) {
						t.Fatalf("VerifyInclusion at seq %d of the proof for %d = %v", other, c.seq, err)
					}
				}
			}
		})
	}
}

func TestConsistencyProof(t *testing.T) {
	seed := newSeed(t)
	for _, n := range sizes {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, uint64(n)+1000))
			m, roots := buildTree(t, rng, n)
			r := memReader{m}
			type pair struct{ old, new uint64 }
			var cases []pair
			if n <= exhaustive {
				for nw := 0; nw <= n; nw++ {
					for old := 0; old <= nw; old++ {
						cases = append(cases, pair{uint64(old), uint64(nw)})
					}
				}
			} else {
				cases = append(cases, pair{0, uint64(n)}, pair{1, uint64(n)}, pair{uint64(n - 1), uint64(n)}, pair{uint64(n), uint64(n)})
				for range 200 {
					nw := rng.Uint64N(uint64(n) + 1)
					cases = append(cases, pair{rng.Uint64N(nw + 1), nw})
				}
			}
			for _, c := range cases {
				oldRoot, newRoot := tlog.Hash(roots[c.old]), tlog.Hash(roots[c.new])
				p, err := ledger.ConsistencyProof(t.Context(), r, c.old, c.new)
				if err != nil {
					t.Fatalf("ConsistencyProof(%d, %d): %v", c.old, c.new, err)
				}
				if err := proof.VerifyConsistency(rfc6962.DefaultHasher, c.old, c.new, toBytes(p), oldRoot[:], newRoot[:]); err != nil {
					t.Fatalf("merkle rejects consistency proof %d -> %d: %v", c.old, c.new, err)
				}
				if err := ledger.VerifyConsistency(c.old, c.new, p, oldRoot, newRoot); err != nil {
					t.Fatalf("VerifyConsistency(%d, %d): %v", c.old, c.new, err)
				}
				for name, bad := range tamperings(p) {
					if err := ledger.VerifyConsistency(c.old, c.new, bad, oldRoot, newRoot); !errors.Is(err, ledger.ErrProofFailed) {
						t.Fatalf("VerifyConsistency(%d, %d) of %s proof = %v, want ErrProofFailed", c.old, c.new, name, err)
					}
					if proof.VerifyConsistency(rfc6962.DefaultHasher, c.old, c.new, toBytes(bad), oldRoot[:], newRoot[:]) == nil {
						t.Fatalf("merkle accepts %s consistency proof %d -> %d", name, c.old, c.new)
					}
				}
				if c.old == 0 {
					continue // any old root is consistent with the empty tree
				}
				for _, which := range []string{"old", "new"} {
					o, nw := oldRoot, newRoot
					if which == "old" {
						o[0] ^= 0x01
					} else {
						nw[0] ^= 0x01
					}
					if err := ledger.VerifyConsistency(c.old, c.new, p, o, nw); !errors.Is(err, ledger.ErrProofFailed) {
						t.Fatalf("VerifyConsistency(%d, %d) with a changed %s root = %v", c.old, c.new, which, err)
					}
				}
			}
		})
	}
}

func TestProofArguments(t *testing.T) {
	rng := rand.New(rand.NewPCG(newSeed(t), 3))
	m, _ := buildTree(t, rng, 5)
	r := memReader{m}
	ctx := t.Context()
	var h tlog.Hash

	t.Run("ErrInvalidRange", func(t *testing.T) {
		for _, err := range []error{
			func() error { _, err := ledger.InclusionProof(ctx, r, 3, 3); return err }(),
			func() error { _, err := ledger.InclusionProof(ctx, r, 0, 0); return err }(),
			func() error { _, err := ledger.InclusionProof(ctx, r, 0, 1<<63); return err }(),
			func() error { _, err := ledger.ConsistencyProof(ctx, r, 4, 3); return err }(),
			func() error { _, err := ledger.ConsistencyProof(ctx, r, 1, 1<<63); return err }(),
			ledger.VerifyInclusion(nil, 5, 5, nil, h),
			ledger.VerifyInclusion(nil, 0, 1<<63, nil, h),
			ledger.VerifyConsistency(5, 4, nil, h, h),
			ledger.VerifyConsistency(1, 1<<63, nil, h, h),
		} {
			if !errors.Is(err, ledger.ErrInvalidRange) {
				t.Errorf("got %v, want ErrInvalidRange", err)
			}
		}
	})

	t.Run("ErrBeyondHead", func(t *testing.T) {
		before := m.reads
		if _, err := ledger.InclusionProof(ctx, r, 0, 6); !errors.Is(err, ledger.ErrBeyondHead) {
			t.Errorf("InclusionProof beyond head = %v", err)
		}
		if _, err := ledger.ConsistencyProof(ctx, r, 0, 6); !errors.Is(err, ledger.ErrBeyondHead) {
			t.Errorf("ConsistencyProof beyond head = %v", err)
		}
		if m.reads != before {
			t.Errorf("refused requests read %d hashes", m.reads-before)
		}
	})

	t.Run("ContextCanceled", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := ledger.InclusionProof(cctx, r, 1, 5); !errors.Is(err, context.Canceled) {
			t.Errorf("InclusionProof with a canceled context = %v", err)
		}
	})

	t.Run("ReaderError", func(t *testing.T) {
		if _, err := ledger.InclusionProof(ctx, shortReader{r}, 1, 5); err == nil {
			t.Error("InclusionProof with a reader returning too few hashes: no error")
		}
	})
}

// shortReader drops the last hash of every read.
type shortReader struct{ memReader }

func (s shortReader) ReadHashes(ctx context.Context, idx []int64) ([]tlog.Hash, error) {
	hs, err := s.memReader.ReadHashes(ctx, idx)
	if len(hs) > 0 {
		hs = hs[:len(hs)-1]
	}
	return hs, err
}
