package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tdkt/tdkt/eventstore/ledger"
	"golang.org/x/mod/sumdb/note"
)

// Key files in the data directory.
const (
	// signerKeyFile holds the secret signer key (mode 0600).
	signerKeyFile = "ledger.key"
	// verifierKeyFile holds the public verifier key (mode 0644).
	verifierKeyFile = "ledger.vkey"
	// defaultOrigin is the key name, and so the checkpoint origin, that
	// keys generate uses without --origin.
	defaultOrigin = "tdkt.local/ledger"
)

// KeysConfig is the configuration of tdkt keys.
type KeysConfig struct {
	// Action is "generate" or "show".
	Action string
	// Origin is --origin: the key name and checkpoint origin for generate;
	// "" means defaultOrigin.
	Origin string
}

// validateKeys checks keys' action and flags.
func (c *Config) validateKeys() error {
	switch c.Keys.Action {
	case "generate":
	case "show":
		if c.Keys.Origin != "" {
			return errors.New("--origin is for keys generate")
		}
	default:
		return fmt.Errorf("unknown action %q: want generate or show", c.Keys.Action)
	}
	return c.validateData()
}

// runKeys generates or shows the ledger's key.
func (m *Main) runKeys(context.Context) error {
	dir := m.Config.Store.Dir
	if m.Config.Keys.Action == "show" {
		_, vkey, err := readVerifierKeyFile(dir)
		if err != nil {
			return err
		}
		fmt.Fprintln(m.Stdout, vkey)
		return nil
	}
	origin := m.Config.Keys.Origin
	if origin == "" {
		origin = defaultOrigin
	}
	skey, vkey, err := ledger.GenerateKey(origin, rand.Reader)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	kpath, vpath := filepath.Join(dir, signerKeyFile), filepath.Join(dir, verifierKeyFile)
	for _, p := range []string{kpath, vpath} {
		if _, err := os.Lstat(p); err == nil {
			return fmt.Errorf("%s already exists: refusing to overwrite the ledger's key (checkpoints signed with it would no longer verify against a new one); move it away first if you really mean to replace it", p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if err := writeNewFile(kpath, skey+"\n", 0o600); err != nil {
		return err
	}
	if err := writeNewFile(vpath, vkey+"\n", 0o644); err != nil {
		os.Remove(kpath)
		return err
	}
	fmt.Fprintln(m.Stdout, vkey)
	return nil
}

// writeNewFile creates path with perm (refusing an existing file) and
// writes s to it durably.
func writeNewFile(path, s string, perm os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists: refusing to overwrite it", path)
		}
		return err
	}
	// The umask may have narrowed perm; 0644 for the verifier key is meant.
	err = f.Chmod(perm)
	if _, werr := f.WriteString(s); err == nil {
		err = werr
	}
	if serr := f.Sync(); err == nil {
		err = serr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// readVerifierKeyFile reads and parses dir/ledger.vkey.
func readVerifierKeyFile(dir string) (note.Verifier, string, error) {
	path := filepath.Join(dir, verifierKeyFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", fmt.Errorf("no verifier key: %s does not exist (run tdkt keys generate --data %s)", path, dir)
	}
	if err != nil {
		return nil, "", err
	}
	vkey := strings.TrimSpace(string(b))
	v, err := ledger.NewVerifier(vkey)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	return v, vkey, nil
}

// readSignerKeyFile reads and parses dir/ledger.key. Errors never contain
// the key.
func readSignerKeyFile(dir string) (note.Signer, error) {
	path := filepath.Join(dir, signerKeyFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no signer key: %s does not exist (run tdkt keys generate --data %s)", path, dir)
	}
	if err != nil {
		return nil, err
	}
	s, err := ledger.NewSigner(string(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// runCheckpoint signs a checkpoint of the ledger's current head with the
// key in the data directory and prints the signed note.
func (m *Main) runCheckpoint(ctx context.Context) error {
	signer, err := readSignerKeyFile(m.Config.Store.Dir)
	if err != nil {
		return err
	}
	s, err := m.openReadOnly()
	if err != nil {
		return err
	}
	head, err := s.Head(ctx)
	if err != nil {
		return fmt.Errorf("read head: %w", err)
	}
	root, err := s.TreeHash(ctx, head)
	if err != nil {
		return fmt.Errorf("read tree hash of %d events: %w", head, err)
	}
	msg, err := ledger.Sign(ledger.Checkpoint{Origin: signer.Name(), Size: head, Root: root}, signer)
	if err != nil {
		return err
	}
	_, err = m.Stdout.Write(msg)
	return err
}

// givenCheckpoint is a --checkpoint file whose signature verified.
type givenCheckpoint struct {
	file   string
	cp     ledger.Checkpoint
	stored bool // kept in the ledger file, not given on the command line
}

// checkpointSet is verify's checkpoints in size order; next is the first
// whose root has not been compared yet.
type checkpointSet struct {
	list []givenCheckpoint
	next int
	// verifier is --key, if given.
	verifier note.Verifier
	// stored counts the checkpoints read from the ledger file; storedHow
	// says whether their signatures were checked.
	stored    int
	storedHow string
}

// sort orders the checkpoints by size (stable: command-line order within
// a size).
func (s *checkpointSet) sort() {
	slices.SortStableFunc(s.list, func(a, b givenCheckpoint) int {
		switch {
		case a.cp.Size < b.cp.Size:
			return -1
		case a.cp.Size > b.cp.Size:
			return 1
		}
		return 0
	})
}

// loadVerifierKey parses --key: a verifier key, or a file holding one.
func loadVerifierKey(key string) (note.Verifier, error) {
	if fi, err := os.Stat(key); err == nil && fi.Mode().IsRegular() {
		b, err := os.ReadFile(key)
		if err != nil {
			return nil, err
		}
		v, err := ledger.NewVerifier(string(b))
		if err != nil {
			return nil, fmt.Errorf("--key %s: %w", key, err)
		}
		return v, nil
	}
	v, err := ledger.NewVerifier(key)
	if err != nil {
		if !strings.Contains(key, "+") {
			return nil, fmt.Errorf("--key %q: no such file, and not a verifier key", key)
		}
		return nil, fmt.Errorf("--key: %w", err)
	}
	return v, nil
}

// openCheckpoints reads --checkpoint files and checks their signatures
// with the --key verifier. A bad signature or body fails verification.
func openCheckpoints(files []string, key string) (*checkpointSet, error) {
	if len(files) == 0 {
		return &checkpointSet{}, nil
	}
	v, err := loadVerifierKey(key)
	if err != nil {
		return nil, err
	}
	set := &checkpointSet{}
	for _, file := range files {
		msg, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		cp, err := ledger.Open(msg, v)
		switch {
		case errors.Is(err, ledger.ErrSignature):
			return nil, verifyFail("checkpoint %s: signature does not verify with key %s+%08x (%v)", file, v.Name(), v.KeyHash(), err)
		case err != nil:
			return nil, verifyFail("checkpoint %s: %v", file, err)
		}
		set.list = append(set.list, givenCheckpoint{file: file, cp: cp})
	}
	set.verifier = v
	set.sort()
	return set, nil
}

// due reports whether a checkpoint is of the n leaves added so far.
func (s *checkpointSet) due(n int64) bool {
	return s.next < len(s.list) && s.list[s.next].cp.Size == uint64(n)
}

// check compares the checkpoints of tb's size with tb's root. what names
// the source ("the ledger", "the export file").
func (s *checkpointSet) check(tb *treeBuilder, what string) error {
	if !s.due(tb.n) {
		return nil
	}
	root, err := tb.root()
	if err != nil {
		return err
	}
	for ; s.due(tb.n); s.next++ {
		g := s.list[s.next]
		if g.cp.Root != root {
			return verifyFail("checkpoint %s: the root of the first %d events of %s differs: checkpoint %s, recomputed %s (an event up to seq %d was changed, or the checkpoint is of another ledger)",
				g.file, g.cp.Size, what, g.cp.Root, root, int64(g.cp.Size)-1)
		}
	}
	return nil
}

// rest fails for checkpoints larger than the n leaves verified.
func (s *checkpointSet) rest(n int64, what, unit string) error {
	if s.next < len(s.list) {
		g := s.list[len(s.list)-1]
		return verifyFail("checkpoint %s is of %d events, but %s has only %d %s (truncated, or a checkpoint of another ledger?)", g.file, g.cp.Size, what, n, unit)
	}
	return nil
}

// print lists the checkpoints that held.
func (s *checkpointSet) print(w io.Writer) {
	if s.stored > 0 {
		fmt.Fprintf(w, "%d checkpoint(s) kept in the ledger hold (%s)\n", s.stored, s.storedHow)
	}
	for _, g := range s.list {
		if g.stored {
			continue
		}
		fmt.Fprintf(w, "checkpoint %s holds: %s, size %d, root %s\n", g.file, g.cp.Origin, g.cp.Size, g.cp.Root)
	}
}
