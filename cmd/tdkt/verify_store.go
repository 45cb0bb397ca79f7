package main

import (
	"context"
	"fmt"

	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/kurrent"
	"github.com/tdkt/tdkt/eventstore/ledger"
	"golang.org/x/mod/sumdb/tlog"
)

// verifyKurrent checks the ledger on KurrentDB (--store esdb://…): every
// event read back through the store (which checks it against the ledger
// index: id, $all position, leaf), its export line re-checked and
// re-hashed, every stored tree hash of the index compared with the one
// recomputed, the newest kept checkpoint's root compared, and any
// --checkpoint files.
func (m *Main) verifyKurrent(ctx context.Context, cps *checkpointSet) error {
	s, err := kurrent.Open(ctx, &kurrent.Options{URL: m.Config.Store.URL, Logger: m.quietLogger()})
	if err != nil {
		return err
	}
	m.Kurrent = s
	head, err := s.Head(ctx)
	if err != nil {
		return err
	}
	tb := newTreeBuilder()
	if err := cps.check(tb, "the ledger"); err != nil {
		return err
	}
	prog := newProgress(m.Stderr, "verifying", int64(head))
	defer prog.done()
	var line []byte
	var n int64
	for ev, err := range s.ReadAll(ctx, 0) {
		if err != nil {
			return verifyFail("reading seq %d: %v", n, err)
		}
		if ev.Seq != uint64(n) {
			return verifyFail("gap at seq %d: the next event read is seq %d", n, ev.Seq)
		}
		if uint64(n) >= head {
			break
		}
		line = eventstore.AppendExportLine(line[:0], &ev)
		if _, err := eventstore.CheckExportLine(line); err != nil {
			return verifyFail("seq %d is not a valid event: %v", n, err)
		}
		hs, err := tb.add(tlog.RecordHash(line))
		if err != nil {
			return err
		}
		first := tlog.StoredHashIndex(0, n)
		idx := make([]int64, len(hs))
		for i := range hs {
			idx[i] = first + int64(i)
		}
		stored, err := s.ReadHashes(ctx, idx)
		if err != nil {
			return verifyFail("seq %d: the index's tree hashes: %v", n, err)
		}
		for i, h := range hs {
			if stored[i] != h {
				return verifyFail("seq %d: %s differs: stored %s, recomputed %s", n, describeIndex(idx[i]), stored[i], h)
			}
		}
		n++
		if cps.due(n) {
			if err := cps.check(tb, "the ledger"); err != nil {
				return err
			}
		}
		if n%8192 == 0 {
			prog.update(n)
		}
	}
	if uint64(n) != head {
		return verifyFail("read %d events of %d", n, head)
	}
	if err := cps.rest(n, "the ledger", "events"); err != nil {
		return err
	}
	root, err := tb.root()
	if err != nil {
		return err
	}
	kept := "no checkpoint kept yet"
	if size, msg, err := s.LatestCheckpoint(ctx); err == nil {
		cp, err := ledger.ParseUnverified(msg)
		if err != nil || cp.Size != size {
			return verifyFail("the newest kept checkpoint (size %d) does not parse: %v", size, err)
		}
		r, err := s.TreeHash(ctx, cp.Size)
		if err != nil {
			return err
		}
		if r != cp.Root {
			return verifyFail("the newest kept checkpoint signs root %s at size %d, the tree has %s", cp.Root, cp.Size, r)
		}
		kept = fmt.Sprintf("the newest kept checkpoint (size %d) holds", cp.Size)
	}
	prog.done()
	fmt.Fprintf(m.Stdout, "sổ cái hợp lệ: %d sự kiện, gốc Merkle %s\n", n, root)
	fmt.Fprintf(m.Stdout, "ledger on KurrentDB verified: %d events, every tree hash of the index matches; %s\n", n, kept)
	printRoot(m.Stdout, n, root)
	cps.print(m.Stdout)
	return nil
}
