package projections

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"sync"
)

// StateStore persists each projection's state with its checkpoint. One
// Save writes both or neither: that is what makes a resumed projection
// consistent (its state is exactly the fold of the events before its
// checkpoint).
type StateStore interface {
	// Load returns the checkpoint and state saved under name, and ok false
	// if nothing was saved. An error means the store could not be read or
	// what it holds is corrupt.
	Load(ctx context.Context, name string) (checkpoint uint64, state []byte, ok bool, err error)
	// Save atomically replaces what is saved under name.
	Save(ctx context.Context, name string, checkpoint uint64, state []byte) error
	// Delete removes what is saved under name; deleting nothing is not an
	// error.
	Delete(ctx context.Context, name string) error
}

// MemStateStore is a StateStore in memory, for tests and for read models
// that are rebuilt at every start.
type MemStateStore struct {
	mu sync.Mutex
	m  map[string]memState
	// Saves counts Save calls, for tests.
	Saves int
}

type memState struct {
	next uint64
	data []byte
}

var _ StateStore = (*MemStateStore)(nil)

// NewMemStateStore returns an empty in-memory state store.
func NewMemStateStore() *MemStateStore { return &MemStateStore{m: map[string]memState{}} }

// Load returns what was saved under name.
func (s *MemStateStore) Load(ctx context.Context, name string) (uint64, []byte, bool, error) {
	if err := ctx.Err(); err != nil {
		return 0, nil, false, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[name]
	return v.next, bytes.Clone(v.data), ok, nil
}

// Save replaces what is saved under name.
func (s *MemStateStore) Save(ctx context.Context, name string, next uint64, data []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[name] = memState{next, bytes.Clone(data)}
	s.Saves++
	return nil
}

// Delete removes name.
func (s *MemStateStore) Delete(ctx context.Context, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, name)
	return nil
}

// FileStateStore keeps one file per projection, <dir>/<name>.state, holding
// a magic, the checkpoint, the state and a CRC-32C of all three. Save writes
// a temporary file in dir, fsyncs it, renames it over the old one and
// fsyncs the directory, so a crash leaves either the old or the new file.
type FileStateStore struct {
	dir string
}

var _ StateStore = (*FileStateStore)(nil)

// NewFileStateStore returns a store in dir, creating dir if needed.
func NewFileStateStore(dir string) (*FileStateStore, error) {
	if dir == "" {
		return nil, errors.New("projections: state directory required")
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("state store: %w", err)
	}
	return &FileStateStore{dir: dir}, nil
}

var (
	stateMagic = []byte("TDKTPRJ1")
	castagnoli = crc32.MakeTable(crc32.Castagnoli)
)

func (s *FileStateStore) path(name string) string { return filepath.Join(s.dir, name+".state") }

// Load reads <dir>/<name>.state.
func (s *FileStateStore) Load(ctx context.Context, name string) (uint64, []byte, bool, error) {
	if err := ctx.Err(); err != nil {
		return 0, nil, false, err
	}
	b, err := os.ReadFile(s.path(name))
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil, false, nil
	}
	if err != nil {
		return 0, nil, false, fmt.Errorf("load %s: %w", name, err)
	}
	if len(b) < len(stateMagic)+12 || !bytes.Equal(b[:len(stateMagic)], stateMagic) {
		return 0, nil, false, fmt.Errorf("load %s: not a state file", name)
	}
	body, sum := b[:len(b)-4], binary.BigEndian.Uint32(b[len(b)-4:])
	if crc32.Checksum(body, castagnoli) != sum {
		return 0, nil, false, fmt.Errorf("load %s: checksum mismatch", name)
	}
	next := binary.BigEndian.Uint64(body[len(stateMagic):])
	// The state is returned in place: a copy would double the memory a
	// start-up needs for a moment (states are hundreds of megabytes on a
	// national ledger).
	return next, body[len(stateMagic)+8 : len(body) : len(body)], true, nil
}

// Save writes <dir>/<name>.state atomically.
func (s *FileStateStore) Save(ctx context.Context, name string, next uint64, data []byte) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	buf := make([]byte, 0, len(stateMagic)+12+len(data))
	buf = append(buf, stateMagic...)
	buf = binary.BigEndian.AppendUint64(buf, next)
	buf = append(buf, data...)
	buf = binary.BigEndian.AppendUint32(buf, crc32.Checksum(buf, castagnoli))
	f, err := os.CreateTemp(s.dir, name+".*.tmp")
	if err != nil {
		return fmt.Errorf("save %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(buf); err != nil {
		return fmt.Errorf("save %s: %w", name, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("save %s: %w", name, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("save %s: %w", name, err)
	}
	if err = os.Rename(f.Name(), s.path(name)); err != nil {
		return fmt.Errorf("save %s: %w", name, err)
	}
	return syncDir(s.dir)
}

// Delete removes <dir>/<name>.state.
func (s *FileStateStore) Delete(ctx context.Context, name string) error {
	err := os.Remove(s.path(name))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("delete %s: %w", name, err)
	}
	return syncDir(s.dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
