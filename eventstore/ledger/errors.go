package ledger

import "errors"

// Sentinel errors of the package. Returned errors wrap one of them (and,
// where there is one, the underlying cause), so callers branch with
// errors.Is.
var (
	// ErrInvalidKey: a key name, signer key or verifier key is malformed.
	ErrInvalidKey = errors.New("invalid key")
	// ErrMalformedCheckpoint: a checkpoint body is not exactly the C2SP
	// tlog-checkpoint text this package writes, or a Checkpoint cannot be
	// written as one.
	ErrMalformedCheckpoint = errors.New("malformed checkpoint")
	// ErrOriginMismatch: the checkpoint's origin is not the name of the key
	// that signs or verifies it.
	ErrOriginMismatch = errors.New("checkpoint origin does not match the key name")
	// ErrSignature: a signed note is malformed or has no valid signature by
	// the verifier key.
	ErrSignature = errors.New("checkpoint signature not verified")
	// ErrInvalidRange: proof arguments are impossible (seq >= size,
	// oldSize > newSize, sizes beyond int64).
	ErrInvalidRange = errors.New("invalid proof range")
	// ErrBeyondHead: a proof was asked for a tree larger than the ledger.
	ErrBeyondHead = errors.New("tree size beyond the ledger head")
	// ErrProofFailed: a proof does not prove what it was checked against.
	ErrProofFailed = errors.New("proof verification failed")
)
