package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
)

// probeSize is how much the recovery probe writes: enough that a disk with
// room for it has room for a group commit of ordinary events.
const probeSize = 1 << 20

// recover runs on the writer goroutine after a recoverable storage fault.
// It checks that the disk takes a durable write again (a probe file written,
// fsynced and removed), then reopens the writer's connection and reloads
// everything the writer keeps in memory from the file — the head, the last
// recordedAt, the Merkle frontier, the stream heads — because a failed
// commit leaves its outcome unknown: it may have reached the disk. Only
// then does the store accept appends again.
func (s *Store) recover() error {
	if err := s.probeDisk(); err != nil {
		return err
	}
	ctx := context.Background()
	s.w.close()
	if s.wdb != nil {
		_ = s.wdb.Close()
	}
	db, err := s.openWriterDB()
	if err != nil {
		return fmt.Errorf("reopen the writer: %w", err)
	}
	s.wdb = db
	head, lastAt, err := s.loadHead(ctx, s.wdb)
	if err != nil {
		return fmt.Errorf("reload the head: %w", err)
	}
	s.w = writerState{}
	if err := s.w.init(ctx, s, head, lastAt); err != nil {
		return fmt.Errorf("reload the writer: %w", err)
	}
	if err := s.backfillTree(ctx, head); err != nil {
		return fmt.Errorf("check the tree: %w", err)
	}
	cause := s.fault.Load()
	s.fault.Store(nil)
	if old := s.head.Load(); head != old {
		// The failed commit had reached the disk after all.
		s.head.Store(head)
		s.wakeSubscribers()
	}
	s.log.Info("the ledger accepts writes again after a storage fault", "head", head, "fault", cause.cause)
	return nil
}

// probeDisk writes, fsyncs and removes a file of probeSize bytes in the
// data directory.
func (s *Store) probeDisk() error {
	path := filepath.Join(s.dir, ".write-probe")
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("probe the disk: %w", err)
	}
	_, err = f.Write(make([]byte, probeSize))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	_ = os.Remove(path)
	if err != nil {
		return fmt.Errorf("probe the disk: %w", err)
	}
	return nil
}

// close closes the writer's prepared statements.
func (w *writerState) close() {
	for _, st := range []*sql.Stmt{w.byID, w.streamRev} {
		if st != nil {
			_ = st.Close()
		}
	}
	for _, m := range []map[int]*sql.Stmt{w.multi, w.treeInsert} {
		for _, st := range m {
			_ = st.Close()
		}
	}
}
