package ledger_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/ledger"
	"github.com/tdkt/tdkt/eventstore/sqlite"
	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"golang.org/x/mod/sumdb/tlog"
)

// TestSQLiteStore makes proofs and a signed checkpoint from the embedded
// store and checks them the way an outsider would: the export lines, the
// verifier key and transparency-dev/merkle only.
func TestSQLiteStore(t *testing.T) {
	seed := newSeed(t)
	rng := rand.New(rand.NewPCG(seed, 4))
	ctx := t.Context()
	s, err := sqlite.Open(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })

	const n = 37
	for i := range n {
		ev := eventstore.Event{
			ID:     uuid.New(),
			Type:   "RecordCreated",
			Schema: 1,
			Data:   fmt.Appendf(nil, `{"i":%d,"r":%d}`, i, rng.Uint64()),
		}
		if _, err := s.Append(ctx, fmt.Sprintf("record-%d", rng.IntN(5)), eventstore.Any, ev); err != nil {
			t.Fatal(err)
		}
	}

	// The outsider's view: export lines and roots from merkle/compact.
	var lines [][]byte
	for e, err := range s.ReadAll(ctx, 0) {
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, eventstore.ExportLine(&e))
	}
	if len(lines) != n {
		t.Fatalf("read %d events, want %d", len(lines), n)
	}
	rf := compact.RangeFactory{Hash: rfc6962.DefaultHasher.HashChildren}
	cr := rf.NewEmptyRange(0)
	roots := [][]byte{rfc6962.DefaultHasher.EmptyRoot()}
	for _, l := range lines {
		if err := cr.Append(rfc6962.DefaultHasher.HashLeaf(l), nil); err != nil {
			t.Fatal(err)
		}
		r, err := cr.GetRootHash(nil)
		if err != nil {
			t.Fatal(err)
		}
		roots = append(roots, r)
	}

	// The ledger signs a checkpoint of its head.
	const origin = "tdkt.example/ledger"
	signer, verifier, _ := testKeys(t, origin, rng)
	root, err := s.TreeHash(ctx, n)
	if err != nil {
		t.Fatal(err)
	}
	msg, err := ledger.Sign(ledger.Checkpoint{Origin: origin, Size: n, Root: root}, signer)
	if err != nil {
		t.Fatal(err)
	}
	cp, err := ledger.Open(msg, verifier)
	if err != nil {
		t.Fatal(err)
	}
	if string(cp.Root[:]) != string(roots[n]) {
		t.Fatalf("checkpoint root %x, independent root %x", cp.Root, roots[n])
	}

	for seq := range uint64(n) {
		p, err := ledger.InclusionProof(ctx, s, seq, cp.Size)
		if err != nil {
			t.Fatal(err)
		}
		if err := proof.VerifyInclusion(rfc6962.DefaultHasher, seq, cp.Size, rfc6962.DefaultHasher.HashLeaf(lines[seq]), toBytes(p), cp.Root[:]); err != nil {
			t.Fatalf("merkle rejects the store's inclusion proof of seq %d: %v", seq, err)
		}
	}
	for old := range uint64(n + 1) {
		p, err := ledger.ConsistencyProof(ctx, s, old, cp.Size)
		if err != nil {
			t.Fatal(err)
		}
		if err := proof.VerifyConsistency(rfc6962.DefaultHasher, old, cp.Size, toBytes(p), roots[old], cp.Root[:]); err != nil {
			t.Fatalf("merkle rejects the store's consistency proof %d -> %d: %v", old, cp.Size, err)
		}
		if err := ledger.VerifyConsistency(old, cp.Size, p, tlog.Hash(roots[old]), cp.Root); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ledger.InclusionProof(ctx, s, 0, n+1); err == nil {
		t.Fatal("InclusionProof beyond the store's head: no error")
	}
}
