package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/tdkt/tdkt/eventstore"
	"golang.org/x/mod/sumdb/tlog"
)

// The ledger's RFC 6962 Merkle tree is kept in the table tree, one row per
// stored hash, in the layout of golang.org/x/mod/sumdb/tlog: the hashes of
// every complete subtree, indexed by tlog.StoredHashIndex(level, n). The
// leaf of seq n is tlog.RecordHash(export line) = SHA-256(0x00 || line).
// The writer adds the hashes of each event in the same transaction as the
// event, so the tree and the events can never disagree after a crash; any
// tree hash or proof then needs O(log n) row reads.

// treeInsertChunk is the most rows one multi-row INSERT into tree carries.
const treeInsertChunk = 128

// frontier caches the two most recent stored hashes of each level:
// exactly what tlog.StoredHashes reads to add the next leaf. Misses (after
// open) fall back to the file. It is a value: a batch works on a copy and
// the writer keeps it only if the batch commits.
type frontier struct {
	byLevel [64][2]frontierSlot // [0] newest, [1] the one before
}

type frontierSlot struct {
	idx  int64
	hash tlog.Hash
	ok   bool
}

func (f *frontier) put(idx int64, h tlog.Hash) {
	level, _ := tlog.SplitStoredHashIndex(idx)
	slots := &f.byLevel[level]
	if slots[0].ok && slots[0].idx == idx {
		slots[0].hash = h
		return
	}
	slots[1] = slots[0]
	slots[0] = frontierSlot{idx, h, true}
}

func (f *frontier) get(idx int64) (tlog.Hash, bool) {
	level, _ := tlog.SplitStoredHashIndex(idx)
	for _, s := range f.byLevel[level] {
		if s.ok && s.idx == idx {
			return s.hash, true
		}
	}
	return tlog.Hash{}, false
}

// treeRow is a stored hash waiting to be inserted.
type treeRow struct {
	idx  int64
	hash tlog.Hash
}

// addLeaves computes the stored hashes for rows (consecutive seqs, in
// order, leaf hashes set) and inserts them within bt's transaction. Adding
// leaf n reads only the newest stored hash of some levels, which the
// frontier holds as soon as it is computed; the file is read only for what
// a fresh frontier lacks (after open).
func (s *Store) addLeaves(ctx context.Context, bt *batchTx, rows []pendingRow) error {
	var out []treeRow
	reader := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		hs := make([]tlog.Hash, len(idx))
		for i, x := range idx {
			if h, ok := bt.frontier.get(x); ok {
				hs[i] = h
			} else {
				h, err := readHash(ctx, bt.tx, x)
				if err != nil {
					return nil, err
				}
				hs[i] = h
			}
		}
		return hs, nil
	})
	for _, r := range rows {
		n := int64(r.seq)
		hs, err := tlog.StoredHashesForRecordHash(n, r.leaf, reader)
		if err != nil {
			return fmt.Errorf("tree hashes for seq %d: %w", n, err)
		}
		first := tlog.StoredHashIndex(0, n)
		for i, h := range hs {
			bt.frontier.put(first+int64(i), h)
			out = append(out, treeRow{first + int64(i), h})
		}
	}
	for len(out) > 0 {
		n := min(len(out), treeInsertChunk)
		args := make([]any, 0, 2*n)
		for _, tr := range out[:n] {
			args = append(args, tr.idx, tr.hash[:])
		}
		if _, err := bt.tx.StmtContext(ctx, s.w.treeInsert[n]).ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("insert tree hashes from index %d: %w", out[0].idx, err)
		}
		out = out[n:]
	}
	return nil
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func readHash(ctx context.Context, q queryer, idx int64) (tlog.Hash, error) {
	var b []byte
	err := q.QueryRowContext(ctx, `SELECT hash FROM tree WHERE idx = ?`, idx).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		level, n := tlog.SplitStoredHashIndex(idx)
		return tlog.Hash{}, fmt.Errorf("%w: tree hash %d (level %d, node %d) is missing", ErrCorrupt, idx, level, n)
	}
	if err != nil {
		return tlog.Hash{}, fmt.Errorf("read tree hash %d: %w", idx, err)
	}
	if len(b) != tlog.HashSize {
		return tlog.Hash{}, fmt.Errorf("%w: tree hash %d has %d bytes", ErrCorrupt, idx, len(b))
	}
	var h tlog.Hash
	copy(h[:], b)
	return h, nil
}

func (w *writerState) prepareTreeInserts(ctx context.Context, db *sql.DB) error {
	w.treeInsert = make(map[int]*sql.Stmt, treeInsertChunk)
	for n := 1; n <= treeInsertChunk; n++ {
		q := "INSERT INTO tree(idx, hash) VALUES " + strings.TrimSuffix(strings.Repeat("(?, ?), ", n), ", ")
		st, err := db.PrepareContext(ctx, q)
		if err != nil {
			return err
		}
		w.treeInsert[n] = st
	}
	return nil
}

// ReadHashes implements tlog.HashReader over the stored tree, for proofs and
// tree hashes. Hashes of a tree larger than Head are not there yet.
func (s *Store) ReadHashes(ctx context.Context, indexes []int64) ([]tlog.Hash, error) {
	hs := make([]tlog.Hash, len(indexes))
	for i, idx := range indexes {
		h, err := readHash(ctx, s.rdb, idx)
		if err != nil {
			return nil, err
		}
		hs[i] = h
	}
	return hs, nil
}

// TreeHash returns the RFC 6962 root hash of the ledger's first size events,
// from the stored tree (O(log size) reads).
func (s *Store) TreeHash(ctx context.Context, size uint64) (tlog.Hash, error) {
	if s.closed.Load() {
		return tlog.Hash{}, eventstore.ErrClosed
	}
	return tlog.TreeHash(int64(size), tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		return s.ReadHashes(ctx, idx)
	}))
}

// backfillTree adds the stored hashes of events that have none (a ledger
// written before the tree existed), in batches, each in its own
// transaction. It runs at open, before the writer starts.
func (s *Store) backfillTree(ctx context.Context, head uint64) error {
	var have int64
	if err := s.wdb.QueryRowContext(ctx, `SELECT count(*) FROM tree`).Scan(&have); err != nil {
		return fmt.Errorf("count tree hashes: %w", err)
	}
	// The tree is written record by record, so it must hold the hashes of
	// exactly the first `from` events; anything else is damage, not lag.
	var from uint64
	for from < head && tlog.StoredHashCount(int64(from+1)) <= have {
		from++
	}
	if tlog.StoredHashCount(int64(from)) != have {
		return fmt.Errorf("%w: the tree has %d hashes, which is not the count for any number of events (%d events)", ErrCorrupt, have, head)
	}
	if from == head {
		return nil
	}
	s.log.Info("building the Merkle tree for existing events", "from", from, "to", head)
	for from < head {
		end := min(head, from+readBatch)
		batch, err := s.readAllBatch(ctx, from, end)
		if err != nil {
			return err
		}
		rows := make([]pendingRow, len(batch))
		for i := range batch {
			rows[i] = pendingRow{seq: batch[i].Seq, leaf: eventstore.LeafHash(eventstore.ExportLine(&batch[i]))}
		}
		tx, err := s.wdb.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		bt := &batchTx{tx: tx, frontier: s.w.frontier}
		if err := s.addLeaves(ctx, bt, rows); err != nil {
			_ = tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		s.w.frontier = bt.frontier
		from = end
	}
	return nil
}
