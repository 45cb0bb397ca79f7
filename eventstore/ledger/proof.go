package ledger

import (
	"context"
	"fmt"
	"math"

	"golang.org/x/mod/sumdb/tlog"
)

// TreeReader is what proofs read: the ledger head and the stored hashes of
// its Merkle tree in sumdb/tlog layout (tlog.StoredHashIndex).
// *sqlite.Store implements it. It is tlog.HashReader plus a context and the
// head, so that requests beyond the tree are refused before any read.
type TreeReader interface {
	// Head returns the number of events in the ledger: the largest tree
	// size the stored hashes cover.
	Head(ctx context.Context) (uint64, error)
	// ReadHashes returns the stored hashes at indexes, in order. It returns
	// an error if any is missing.
	ReadHashes(ctx context.Context, indexes []int64) ([]tlog.Hash, error)
}

// InclusionProof returns the RFC 6962 inclusion proof (audit path) of leaf
// seq in the tree of the first size events. It needs seq < size <=
// r.Head (ErrInvalidRange, ErrBeyondHead) and reads O(log size) hashes.
func InclusionProof(ctx context.Context, r TreeReader, seq, size uint64) ([]tlog.Hash, error) {
	if seq >= size || size > math.MaxInt64 {
		return nil, fmt.Errorf("inclusion proof: %w: seq %d in tree size %d", ErrInvalidRange, seq, size)
	}
	if err := checkHead(ctx, r, size); err != nil {
		return nil, fmt.Errorf("inclusion proof: %w", err)
	}
	p, err := tlog.ProveRecord(int64(size), int64(seq), hashReader(ctx, r))
	if err != nil {
		return nil, fmt.Errorf("inclusion proof of seq %d in tree size %d: %w", seq, size, err)
	}
	return []tlog.Hash(p), nil
}

// ConsistencyProof returns the RFC 6962 consistency proof that the tree of
// size newSize extends the tree of size oldSize. It needs oldSize <=
// newSize <= r.Head (ErrInvalidRange, ErrBeyondHead). The proof from
// oldSize 0, or to an equal size, is empty.
func ConsistencyProof(ctx context.Context, r TreeReader, oldSize, newSize uint64) ([]tlog.Hash, error) {
	if oldSize > newSize || newSize > math.MaxInt64 {
		return nil, fmt.Errorf("consistency proof: %w: from tree size %d to %d", ErrInvalidRange, oldSize, newSize)
	}
	if err := checkHead(ctx, r, newSize); err != nil {
		return nil, fmt.Errorf("consistency proof: %w", err)
	}
	if oldSize == 0 {
		// tlog.ProveTree refuses size 0; every tree extends the empty one.
		return []tlog.Hash{}, nil
	}
	p, err := tlog.ProveTree(int64(newSize), int64(oldSize), hashReader(ctx, r))
	if err != nil {
		return nil, fmt.Errorf("consistency proof from tree size %d to %d: %w", oldSize, newSize, err)
	}
	return []tlog.Hash(p), nil
}

// VerifyInclusion checks that proof proves the export line is leaf seq of
// the tree of the given size with the given root. Errors wrap
// ErrInvalidRange or ErrProofFailed.
func VerifyInclusion(line []byte, seq, size uint64, proof []tlog.Hash, root tlog.Hash) error {
	if seq >= size || size > math.MaxInt64 {
		return fmt.Errorf("verify inclusion: %w: seq %d in tree size %d", ErrInvalidRange, seq, size)
	}
	if err := tlog.CheckRecord(tlog.RecordProof(proof), int64(size), root, int64(seq), tlog.RecordHash(line)); err != nil {
		return fmt.Errorf("verify inclusion of seq %d in tree size %d: %w: %w", seq, size, ErrProofFailed, err)
	}
	return nil
}

// VerifyConsistency checks that proof proves the tree of size newSize and
// root newRoot extends the tree of size oldSize and root oldRoot. From
// oldSize 0 only an empty proof is accepted, whatever oldRoot (see the
// package doc). Errors wrap ErrInvalidRange or ErrProofFailed.
func VerifyConsistency(oldSize, newSize uint64, proof []tlog.Hash, oldRoot, newRoot tlog.Hash) error {
	if oldSize > newSize || newSize > math.MaxInt64 {
		return fmt.Errorf("verify consistency: %w: from tree size %d to %d", ErrInvalidRange, oldSize, newSize)
	}
	if oldSize == 0 {
		if len(proof) != 0 {
			return fmt.Errorf("verify consistency from tree size 0: %w: want an empty proof, got %d hashes", ErrProofFailed, len(proof))
		}
		return nil
	}
	if err := tlog.CheckTree(tlog.TreeProof(proof), int64(newSize), newRoot, int64(oldSize), oldRoot); err != nil {
		return fmt.Errorf("verify consistency from tree size %d to %d: %w: %w", oldSize, newSize, ErrProofFailed, err)
	}
	return nil
}

// checkHead refuses a tree larger than the ledger.
func checkHead(ctx context.Context, r TreeReader, size uint64) error {
	if r == nil {
		return fmt.Errorf("nil tree reader")
	}
	head, err := r.Head(ctx)
	if err != nil {
		return fmt.Errorf("read head: %w", err)
	}
	if size > head {
		return fmt.Errorf("%w: tree size %d, head %d", ErrBeyondHead, size, head)
	}
	return nil
}

// hashReader adapts r to tlog.HashReader, which has no context.
func hashReader(ctx context.Context, r TreeReader) tlog.HashReader {
	return tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		hs, err := r.ReadHashes(ctx, indexes)
		if err != nil {
			return nil, err
		}
		if len(hs) != len(indexes) {
			return nil, fmt.Errorf("read %d tree hashes, got %d", len(indexes), len(hs))
		}
		return hs, nil
	})
}
