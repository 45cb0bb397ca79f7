// Package ledger makes the ledger checkable by outsiders: Ed25519 signing
// keys, signed checkpoints of the ledger's RFC 6962 Merkle tree, and
// inclusion and consistency proofs over the stored tree.
//
// The tree is the one the stores keep (see eventstore/sqlite): leaf seq is
// SHA-256(0x00 || export line) (eventstore.LeafHash), and the stored hashes
// are in the layout of golang.org/x/mod/sumdb/tlog. This package does no
// tree maths of its own: proofs are made and checked by sumdb/tlog, and
// notes are signed and opened by sumdb/note. The tests check the proofs
// with github.com/transparency-dev/merkle, an independent implementation.
//
// # Guarantees
//
//   - Checkpoint.Body is byte-exact C2SP tlog-checkpoint text
//     (https://c2sp.org/tlog-checkpoint): "<origin>\n<size>\n<root>\n", the
//     size in ASCII decimal without leading zeros, the root in standard
//     padded base64. ParseCheckpoint accepts exactly the bytes Body
//     produces and nothing else, so parse and Body round-trip byte for byte.
//   - Sign produces a C2SP signed note (https://c2sp.org/signed-note) with
//     an Ed25519 signature. Open returns a checkpoint only if the note
//     carries a valid signature by the given verifier key; other signatures
//     (witness cosignatures) are allowed and ignored.
//   - The origin is the log's identity, and a checkpoint is signed under
//     it: Sign and Open require the key's name to equal the checkpoint's
//     origin (ErrOriginMismatch). A key generated with GenerateKey(origin,
//     …) therefore signs only that log's checkpoints.
//   - InclusionProof and ConsistencyProof read O(log size) stored hashes,
//     and refuse requests outside the tree the reader holds
//     (ErrInvalidRange, ErrBeyondHead) before reading anything.
//   - VerifyInclusion and VerifyConsistency need nothing but their
//     arguments: an export line, a proof and a checkpoint's root are enough
//     to check an event offline.
//
// # Caveats
//
//   - ParseCheckpoint rejects C2SP extension lines (optional, "NOT
//     RECOMMENDED" in the spec). This ledger never writes them; a body with
//     them did not come from this ledger, and accepting and dropping them
//     would lose signed bytes.
//   - Every tree is consistent with the empty tree: a consistency proof from
//     size 0 is empty and VerifyConsistency accepts it whatever the old root
//     (RFC 9162 section 2.1.4, and transparency-dev/merkle, agree).
//   - Tree sizes and seqs above math.MaxInt64 are rejected (sumdb/tlog
//     counts in int64).
package ledger
