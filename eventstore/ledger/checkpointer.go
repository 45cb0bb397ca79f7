package ledger

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"sync"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// ErrNoCheckpoint: the ledger has not signed any checkpoint yet.
var ErrNoCheckpoint = errors.New("no checkpoint signed yet")

// CheckpointLog keeps every checkpoint the ledger signs. *sqlite.Store
// implements it in the ledger file itself, append-only.
type CheckpointLog interface {
	// SaveCheckpoint records a signed checkpoint note of the tree of size
	// events. Saved checkpoints are never changed or removed.
	SaveCheckpoint(ctx context.Context, size uint64, note []byte) error
	// LatestCheckpoint returns the checkpoint saved last, or an error
	// wrapping ErrNoCheckpoint.
	LatestCheckpoint(ctx context.Context) (size uint64, note []byte, err error)
}

// Root returns the RFC 6962 root of the tree of the first size events, read
// from r's stored hashes (O(log size) reads).
func Root(ctx context.Context, r TreeReader, size uint64) (tlog.Hash, error) {
	if size > math.MaxInt64 {
		return tlog.Hash{}, fmt.Errorf("root: %w: tree size %d", ErrInvalidRange, size)
	}
	if err := checkHead(ctx, r, size); err != nil {
		return tlog.Hash{}, fmt.Errorf("root: %w", err)
	}
	h, err := tlog.TreeHash(int64(size), hashReader(ctx, r))
	if err != nil {
		return tlog.Hash{}, fmt.Errorf("root of tree size %d: %w", size, err)
	}
	return h, nil
}

// Checkpointer signs checkpoints of the ledger's tree and keeps them in a
// CheckpointLog: on a schedule (Run), and on demand (Issue, Covering). It
// signs only when the tree has grown since the last saved checkpoint, so
// every saved checkpoint has a larger size than the one before. Safe for
// concurrent use.
type Checkpointer struct {
	tree   TreeReader
	signer note.Signer
	log    CheckpointLog
	logger *slog.Logger

	mu sync.Mutex // serializes signing and saving
}

// NewCheckpointer returns a Checkpointer signing tree's checkpoints with
// signer (its key name is the origin) and saving them in log. logger may be
// nil.
func NewCheckpointer(tree TreeReader, signer note.Signer, log CheckpointLog, logger *slog.Logger) (*Checkpointer, error) {
	switch {
	case tree == nil:
		return nil, errors.New("new checkpointer: nil tree")
	case signer == nil:
		return nil, errors.New("new checkpointer: nil signer")
	case log == nil:
		return nil, errors.New("new checkpointer: nil checkpoint log")
	}
	if err := checkOrigin(signer.Name()); err != nil {
		return nil, fmt.Errorf("new checkpointer: %w: %w", ErrInvalidKey, err)
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Checkpointer{tree: tree, signer: signer, log: log, logger: logger}, nil
}

// Origin is the origin line of the checkpoints: the signer key's name.
func (c *Checkpointer) Origin() string { return c.signer.Name() }

// Latest returns the newest saved checkpoint note and its parsed body, or
// an error wrapping ErrNoCheckpoint.
func (c *Checkpointer) Latest(ctx context.Context) ([]byte, Checkpoint, error) {
	_, msg, err := c.log.LatestCheckpoint(ctx)
	if err != nil {
		return nil, Checkpoint{}, err
	}
	cp, err := c.parse(msg)
	if err != nil {
		return nil, Checkpoint{}, err
	}
	return msg, cp, nil
}

// Issue signs and saves a checkpoint of the current head if the tree has
// grown since the latest saved checkpoint (or none exists yet), and returns
// the latest checkpoint either way.
func (c *Checkpointer) Issue(ctx context.Context) ([]byte, Checkpoint, error) {
	head, err := c.tree.Head(ctx)
	if err != nil {
		return nil, Checkpoint{}, fmt.Errorf("issue checkpoint: read head: %w", err)
	}
	return c.Covering(ctx, head)
}

// Covering returns the latest saved checkpoint if its tree has at least
// size events; otherwise it signs and saves one of the current head (which
// must then be at least size) and returns that.
func (c *Checkpointer) Covering(ctx context.Context, size uint64) ([]byte, Checkpoint, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	msg, cp, err := c.Latest(ctx)
	switch {
	case err == nil && cp.Size >= size:
		return msg, cp, nil
	case err != nil && !errors.Is(err, ErrNoCheckpoint):
		return nil, Checkpoint{}, err
	}
	head, err := c.tree.Head(ctx)
	if err != nil {
		return nil, Checkpoint{}, fmt.Errorf("issue checkpoint: read head: %w", err)
	}
	if head < size {
		return nil, Checkpoint{}, fmt.Errorf("issue checkpoint: %w: tree size %d, head %d", ErrBeyondHead, size, head)
	}
	root, err := Root(ctx, c.tree, head)
	if err != nil {
		return nil, Checkpoint{}, fmt.Errorf("issue checkpoint: %w", err)
	}
	cp = Checkpoint{Origin: c.signer.Name(), Size: head, Root: root}
	msg, err = Sign(cp, c.signer)
	if err != nil {
		return nil, Checkpoint{}, err
	}
	if err := c.log.SaveCheckpoint(ctx, head, msg); err != nil {
		return nil, Checkpoint{}, fmt.Errorf("save checkpoint of tree size %d: %w", head, err)
	}
	c.logger.Info("checkpoint signed", "origin", cp.Origin, "size", cp.Size, "root", cp.Root.String())
	return msg, cp, nil
}

// parse reads a saved note's body (see ParseUnverified).
func (c *Checkpointer) parse(msg []byte) (Checkpoint, error) { return ParseUnverified(msg) }

// ParseUnverified parses the checkpoint in a signed note without checking
// any signature: for notes this ledger kept itself (possibly signed with an
// earlier key), where what matters is the size and root, or where no
// verifier key is at hand. Use Open to trust a checkpoint.
func ParseUnverified(msg []byte) (Checkpoint, error) {
	n, err := note.Open(msg, note.VerifierList())
	var unverified *note.UnverifiedNoteError
	switch {
	case errors.As(err, &unverified):
		n = unverified.Note
	case err != nil:
		return Checkpoint{}, fmt.Errorf("checkpoint note: %w: %w", ErrSignature, err)
	}
	return ParseCheckpoint([]byte(n.Text))
}

// Run issues a checkpoint every interval while the tree grows, until ctx
// ends; it returns nil then. A failure to sign or save is logged and tried
// again at the next tick: the log never holds a half-saved checkpoint, so
// the next attempt starts clean.
func (c *Checkpointer) Run(ctx context.Context, interval time.Duration) error {
	if interval <= 0 {
		return fmt.Errorf("checkpointer: interval %v must be positive", interval)
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, _, err := c.Issue(ctx); err != nil && ctx.Err() == nil {
			c.logger.Warn("checkpoint not signed", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
