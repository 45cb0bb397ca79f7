package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/ledger"
	"github.com/tdkt/tdkt/eventstore/sqlite"
	"golang.org/x/mod/sumdb/tlog"
)

// ErrVerify: the ledger or the export file does not verify. tdkt verify
// exits with code 1; the message names the first bad seq (or tree index)
// and what differs.
var ErrVerify = errors.New("verification failed")

// verifySchemaVersion is the ledger schema verify reads (docs/STORAGE.md,
// "Schema (version 2)": events and tree).
const verifySchemaVersion = 3

// minVerifySchemaVersion is the oldest schema verify reads: events and
// tree have not changed since version 2 (version 3 added checkpoints).
const minVerifySchemaVersion = 2

// verifyBatch is how many events verify reads per query; the tree rows of
// the same events are read with them. Memory stays bounded by one batch.
const verifyBatch = 8192

// verifyFail returns the error for a failed check.
func verifyFail(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrVerify, fmt.Sprintf(format, args...))
}

// validateVerify checks verify's flags: exactly one of --data and --export,
// and --key with --checkpoint.
func (c *Config) validateVerify() error {
	if c.Verify.Receipt != "" {
		switch {
		case c.Verify.Key == "":
			return errors.New("--receipt needs --key (the ledger's verifier key, or a file holding it)")
		case c.Verify.Export != "" || c.Verify.DataGiven || len(c.Verify.Checkpoints) > 0:
			return errors.New("--receipt is checked on its own: leave out --data, --export and --checkpoint")
		}
		return nil
	}
	if len(c.Verify.Checkpoints) > 0 && c.Verify.Key == "" {
		return errors.New("--checkpoint needs --key (the ledger's verifier key, or a file holding it)")
	}
	if c.Verify.Key != "" && len(c.Verify.Checkpoints) == 0 {
		return errors.New("--key is for checking --checkpoint files; give at least one")
	}
	if c.Verify.Export != "" && c.Verify.DataGiven {
		return errors.New("give either --data or --export, not both")
	}
	if c.Store.Kind == StoreKurrentDB {
		if c.Verify.Export != "" || c.Verify.DataGiven || c.Verify.Integrity {
			return errors.New("--store verifies the ledger on KurrentDB: leave out --data, --export and --integrity")
		}
		return nil
	}
	if c.Verify.Export == "" {
		return c.validateData()
	}
	return nil
}

// runVerify checks the ledger in --data, or the export file in --export.
func (m *Main) runVerify(ctx context.Context) error {
	// The live heap is a few batches; collecting less often saves about a
	// tenth of the CPU time on a large ledger.
	if old := debug.SetGCPercent(400); old > 400 || old < 0 {
		debug.SetGCPercent(old)
	} else {
		defer debug.SetGCPercent(old)
	}
	if m.Config.Verify.Receipt != "" {
		return m.verifyReceipt(m.Config.Verify.Receipt, m.Config.Verify.Key)
	}
	// Signatures first: they are quick, and a bad one needs no scan.
	cps, err := openCheckpoints(m.Config.Verify.Checkpoints, m.Config.Verify.Key)
	if err != nil {
		return err
	}
	if m.Config.Verify.Export != "" {
		_, err = m.verifyExport(ctx, m.Config.Verify.Export, cps, m.Stdout)
		return err
	}
	if m.Config.Store.Kind == StoreKurrentDB {
		return m.verifyKurrent(ctx, cps)
	}
	return m.verifyData(ctx, m.Config.Store.Dir, cps, m.Stdout, m.Config.Verify.Integrity)
}

// treeBuilder recomputes the ledger's stored hashes (tlog layout) leaf by
// leaf in memory. It keeps only the newest hash of each level: exactly what
// tlog.StoredHashes reads to add the next leaf and tlog.TreeHash reads for
// the root.
type treeBuilder struct {
	n      int64
	newest [64]struct {
		idx int64
		h   tlog.Hash
	}
	reader tlog.HashReader
}

func newTreeBuilder() *treeBuilder {
	b := &treeBuilder{}
	for i := range b.newest {
		b.newest[i].idx = -1
	}
	b.reader = tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		hs := make([]tlog.Hash, len(idx))
		for i, x := range idx {
			level, _ := tlog.SplitStoredHashIndex(x)
			if b.newest[level].idx != x {
				return nil, fmt.Errorf("internal error: tree hash %d is not on the frontier", x)
			}
			hs[i] = b.newest[level].h
		}
		return hs, nil
	})
	return b
}

// add appends the leaf hash (tlog.RecordHash of the export line, seq b.n)
// and returns the stored hashes it completes, which start at index
// tlog.StoredHashIndex(0, seq): the leaf, then its new ancestors.
func (b *treeBuilder) add(leaf tlog.Hash) ([]tlog.Hash, error) {
	hs, err := tlog.StoredHashesForRecordHash(b.n, leaf, b.reader)
	if err != nil {
		return nil, err
	}
	first := tlog.StoredHashIndex(0, b.n)
	for i, h := range hs {
		idx := first + int64(i)
		level, _ := tlog.SplitStoredHashIndex(idx)
		b.newest[level].idx, b.newest[level].h = idx, h
	}
	b.n++
	return hs, nil
}

// root is the RFC 6962 root hash of the leaves added so far.
func (b *treeBuilder) root() (tlog.Hash, error) { return tlog.TreeHash(b.n, b.reader) }

// progress prints a progress line to a terminal about twice a second;
// on anything else it prints nothing.
type progress struct {
	w       io.Writer
	on      bool
	what    string
	total   int64 // events; 0 if unknown
	start   time.Time
	last    time.Time
	printed bool
}

func newProgress(w io.Writer, what string, total int64) *progress {
	now := time.Now()
	return &progress{w: w, on: isTerminal(w), what: what, total: total, start: now, last: now}
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func (p *progress) update(done int64) {
	if !p.on {
		return
	}
	now := time.Now()
	if now.Sub(p.last) < 500*time.Millisecond {
		return
	}
	p.last = now
	rate := float64(done) / now.Sub(p.start).Seconds()
	if p.total > 0 {
		fmt.Fprintf(p.w, "\r%s: %d / %d events (%.0f%%), %.0f events/s\033[K", p.what, done, p.total, 100*float64(done)/float64(p.total), rate)
	} else {
		fmt.Fprintf(p.w, "\r%s: %d events, %.0f events/s\033[K", p.what, done, rate)
	}
	p.printed = true
}

// done clears the progress line.
func (p *progress) done() {
	if p.printed {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// verifyData checks the embedded store in dir: every row of events is a
// canonical export line of its own seq, seq is dense, and every row of tree
// equals the hash recomputed from the export lines, with no extra rows.
// Everything is read in one read transaction, so a serve appending at the
// same time does not disturb it: verify checks the ledger as it stood when
// the transaction began.
//
// A reader goroutine fetches batches of events and their tree rows; each
// batch's lines are parsed and leaf-hashed in parallel; the tree is then
// advanced and compared in seq order, so the first bad seq is the one
// reported.
func (m *Main) verifyData(ctx context.Context, dir string, cps *checkpointSet, out io.Writer, integrity bool) error {
	path := filepath.Join(dir, sqlite.FileName)
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("open ledger %s: %w", path, sqlite.ErrNoLedger)
		}
		return err
	}
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() +
		"?mode=ro&_pragma=busy_timeout(10000)&_pragma=query_only(1)&_pragma=cache_size(-65536)&_pragma=mmap_size(1073741824)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return fmt.Errorf("open ledger %s: %w", path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("open ledger %s: %w", path, err)
	}
	defer conn.Close()
	// One snapshot for events and tree alike.
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return fmt.Errorf("begin read transaction: %w", err)
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK") //nolint:errcheck // read-only

	var version int
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version < minVerifySchemaVersion || version > verifySchemaVersion {
		return fmt.Errorf("%w: ledger schema version %d, tdkt verify reads %d to %d (open it once for writing to migrate)", sqlite.ErrSchema, version, minVerifySchemaVersion, verifySchemaVersion)
	}
	if version >= 3 {
		if err := m.addStoredCheckpoints(ctx, conn, dir, cps); err != nil {
			return err
		}
	}
	if integrity {
		// SQLite's own page-level check: b-tree structure, indexes, free
		// pages — what the scan below does not read.
		rows, err := conn.QueryContext(ctx, "PRAGMA quick_check")
		if err != nil {
			return verifyFail("SQLite quick_check: %v", err)
		}
		var problems []string
		for rows.Next() {
			var r string
			if err := rows.Scan(&r); err != nil {
				rows.Close()
				return verifyFail("SQLite quick_check: %v", err)
			}
			if r != "ok" {
				problems = append(problems, r)
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return verifyFail("SQLite quick_check: %v", err)
		}
		if len(problems) > 0 {
			return verifyFail("SQLite quick_check finds the file damaged: %s", strings.Join(problems[:min(5, len(problems))], "; "))
		}
	}
	var maxSeq sql.NullInt64
	var negative int64
	if err := conn.QueryRowContext(ctx, "SELECT max(seq), count(*) FILTER (WHERE seq < 0) FROM events").Scan(&maxSeq, &negative); err != nil {
		return fmt.Errorf("read head: %w", err)
	}
	if negative > 0 {
		return verifyFail("gap at seq 0: the events table has %d row(s) with a negative seq", negative)
	}
	var head int64
	if maxSeq.Valid {
		head = maxSeq.Int64 + 1
	}

	eventsQ, err := conn.PrepareContext(ctx, "SELECT seq, id, stream, revision, line FROM events WHERE seq >= ? AND seq < ? ORDER BY seq")
	if err != nil {
		return err
	}
	defer eventsQ.Close()
	treeQ, err := conn.PrepareContext(ctx, "SELECT idx, hash FROM tree WHERE idx >= ? AND idx < ? ORDER BY idx")
	if err != nil {
		return err
	}
	defer treeQ.Close()

	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan *dataBatch, 2)
	readerDone := make(chan struct{})
	go func() {
		defer close(readerDone)
		defer close(batches)
		for from := int64(0); from < head; from += verifyBatch {
			b := readDataBatch(rctx, eventsQ, treeQ, from, min(head, from+verifyBatch))
			select {
			case batches <- b:
			case <-rctx.Done():
				return
			}
			if b.err != nil {
				return
			}
		}
	}()
	// The statements belong to conn: the reader must be done before they
	// are closed (deferred above, so run after this).
	defer func() { cancel(); <-readerDone }()

	tb := newTreeBuilder()
	if err := cps.check(tb, "the ledger"); err != nil {
		return err
	}
	progW := m.Stderr
	if out == io.Discard {
		progW = io.Discard
	}
	prog := newProgress(progW, "verifying", head)
	defer prog.done()
	var nHashes int64
	for b := range batches {
		if b.err != nil {
			return b.err
		}
		parallel(len(b.evs), func(i int) { b.evs[i].check() })
		ti := 0 // next tree row to compare
		for i, seq := 0, b.from; seq < b.to; i, seq = i+1, seq+1 {
			if i >= len(b.evs) {
				return verifyFail("gap at seq %d: the events table has no row for it (%d events by max(seq))", seq, head)
			}
			r := &b.evs[i]
			if r.seq != seq {
				return verifyFail("gap at seq %d: the events table has no row for it (the next row is seq %d)", seq, r.seq)
			}
			if r.err != nil {
				return r.err
			}
			hs, err := tb.add(r.leaf)
			if err != nil {
				return fmt.Errorf("recompute tree hashes of seq %d: %w", seq, err)
			}
			first := tlog.StoredHashIndex(0, seq)
			for k, want := range hs {
				idx := first + int64(k)
				if ti >= len(b.tree) || b.tree[ti].idx != idx {
					return verifyFail("seq %d: %s is missing from the stored tree", seq, describeIndex(idx))
				}
				got := b.tree[ti].hash
				ti++
				if bytes.Equal(got, want[:]) {
					continue
				}
				if k == 0 {
					return verifyFail("leaf of seq %d differs from the stored tree (tree index %d): stored %s, recomputed from the export line %s",
						seq, idx, fmtHash(got), fmtHash(want[:]))
				}
				return verifyFail("seq %d: %s differs: stored %s, recomputed %s", seq, describeIndex(idx), fmtHash(got), fmtHash(want[:]))
			}
			nHashes += int64(len(hs))
			if cps.due(tb.n) {
				if err := cps.check(tb, "the ledger"); err != nil {
					return err
				}
			}
		}
		prog.update(b.to)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if tb.n != head {
		return fmt.Errorf("internal error: verified %d of %d events", tb.n, head)
	}

	// Nothing beyond the tree of head events.
	want := tlog.StoredHashCount(head)
	var extra, total int64
	var firstExtra sql.NullInt64
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FILTER (WHERE idx >= ? OR idx < 0), min(idx) FILTER (WHERE idx >= ? OR idx < 0), count(*) FROM tree", want, want).Scan(&extra, &firstExtra, &total); err != nil {
		return fmt.Errorf("count tree hashes: %w", err)
	}
	if extra > 0 {
		for n := head + 1; tlog.StoredHashCount(n) <= total; n++ {
			if tlog.StoredHashCount(n) == total && total-extra == want {
				return verifyFail("the tree holds the hashes of %d events but the events table ends at seq %d: seq %d to %d are missing (tail truncated?)",
					n, head-1, head, n-1)
			}
		}
		return verifyFail("the tree has %d extra hashes beyond the %d of %d events (first extra: %s)", extra, want, head, describeIndex(firstExtra.Int64))
	}
	if err := cps.rest(head, "the ledger", "events"); err != nil {
		return err
	}
	root, err := tb.root()
	if err != nil {
		return err
	}
	prog.done()
	fmt.Fprintf(out, "sổ cái hợp lệ: %d sự kiện, gốc Merkle %s\n", head, root)
	fmt.Fprintf(out, "ledger verified: %d events, %d tree hashes match the export lines\n", head, nHashes)
	printRoot(out, head, root)
	cps.print(out)
	return nil
}

// dataBatch is the events with seq in [from, to) and the tree rows of
// their stored hashes, as read from the file.
type dataBatch struct {
	from, to int64
	evs      []eventRow
	tree     []treeRow
	err      error // reading failed
}

type eventRow struct {
	seq, rev   int64
	id, stream string
	line       []byte
	// set by check:
	leaf tlog.Hash
	err  error
}

type treeRow struct {
	idx  int64
	hash []byte
}

func readDataBatch(ctx context.Context, eventsQ, treeQ *sql.Stmt, from, to int64) *dataBatch {
	b := &dataBatch{from: from, to: to, evs: make([]eventRow, 0, to-from)}
	rows, err := eventsQ.QueryContext(ctx, from, to)
	if err != nil {
		b.err = fmt.Errorf("read events from seq %d: %w", from, err)
		return b
	}
	for rows.Next() {
		var r eventRow
		if err := rows.Scan(&r.seq, &r.id, &r.stream, &r.rev, &r.line); err != nil {
			rows.Close()
			b.err = fmt.Errorf("read events from seq %d: %w", from, err)
			return b
		}
		b.evs = append(b.evs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		b.err = fmt.Errorf("read events from seq %d: %w", from, err)
		return b
	}
	lo, hi := tlog.StoredHashCount(from), tlog.StoredHashCount(to)
	b.tree = make([]treeRow, 0, hi-lo)
	rows, err = treeQ.QueryContext(ctx, lo, hi)
	if err != nil {
		b.err = fmt.Errorf("read tree from index %d: %w", lo, err)
		return b
	}
	for rows.Next() {
		var r treeRow
		if err := rows.Scan(&r.idx, &r.hash); err != nil {
			rows.Close()
			b.err = fmt.Errorf("read tree from index %d: %w", lo, err)
			return b
		}
		b.tree = append(b.tree, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		b.err = fmt.Errorf("read tree from index %d: %w", lo, err)
	}
	return b
}

// check parses the row's line (canonical form only, so the recomputed
// export line is the stored one byte for byte), checks it against the
// row's columns and computes its leaf hash. Problems go to r.err.
func (r *eventRow) check() {
	ev, err := eventstore.CheckExportLine(r.line)
	switch {
	case err != nil:
		r.err = verifyFail("seq %d: the stored line is not a valid export line: %v", r.seq, err)
	case ev.Seq != uint64(r.seq):
		r.err = verifyFail("row seq %d holds the export line of seq %d", r.seq, ev.Seq)
	case ev.ID.String() != r.id:
		r.err = verifyFail("row seq %d: column id %q disagrees with its export line (%s)", r.seq, r.id, ev.ID)
	case ev.Stream != r.stream:
		r.err = verifyFail("row seq %d: column stream %q disagrees with its export line (%q)", r.seq, r.stream, ev.Stream)
	case ev.Revision != uint64(r.rev):
		r.err = verifyFail("row seq %d: column revision %d disagrees with its export line (%d)", r.seq, r.rev, ev.Revision)
	default:
		r.leaf = tlog.RecordHash(r.line)
	}
}

// parallel runs f(0..n-1) on all CPUs and waits.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), (n+255)/256)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += chunk {
		hi := min(n, lo+chunk)
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				f(i)
			}
		})
	}
	wg.Wait()
}

// exportBatch is consecutive lines of an export file.
type exportBatch struct {
	firstLine int64 // line number of lines[0], from 1
	lines     [][]byte
	seqs      []uint64
	leaves    []tlog.Hash
	errs      []error
	err       error // reading failed
}

// verifyExport checks an export file: every line a canonical export line,
// seq dense from 0; it prints the size and RFC 6962 root of the tree over
// the lines. Without a checkpoint an edit that keeps every line valid gives
// a different root, which only a root or checkpoint kept elsewhere reveals.
// Each checkpoint in cps (signatures already checked) must be of at most as
// many events as the file has lines, and its root must equal the root of
// the first Size lines, computed from the in-memory tree when it reaches
// Size.
func (m *Main) verifyExport(ctx context.Context, file string, cps *checkpointSet, out io.Writer) (root tlog.Hash, err error) {
	f, err := os.Open(file)
	if err != nil {
		return root, err
	}
	defer f.Close()
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan *exportBatch, 2)
	readerDone := make(chan struct{})
	go func() {
		defer close(readerDone)
		defer close(batches)
		readExportBatches(rctx, f, file, batches)
	}()
	defer func() { cancel(); <-readerDone }()

	// A pipeline: the reader splits lines; the checker parses and hashes a
	// batch on every CPU; this goroutine grows the tree in seq order. The
	// checker works on the next batch while the tree takes this one.
	checked := make(chan *exportBatch, 2)
	checkerDone := make(chan struct{})
	go func() {
		defer close(checkerDone)
		defer close(checked)
		for b := range batches {
			if b.err == nil {
				b.seqs = make([]uint64, len(b.lines))
				b.leaves = make([]tlog.Hash, len(b.lines))
				b.errs = make([]error, len(b.lines))
				parallel(len(b.lines), func(i int) {
					line := b.lines[i]
					if len(line) == 0 {
						b.errs[i] = errors.New("is empty")
						return
					}
					h, err := eventstore.CheckExportLine(line)
					if err != nil {
						b.errs[i] = fmt.Errorf("is not a valid export line: %w", err)
						return
					}
					b.seqs[i] = h.Seq
					b.leaves[i] = tlog.RecordHash(line)
				})
			}
			select {
			case checked <- b:
			case <-rctx.Done():
				return
			}
		}
	}()
	defer func() { cancel(); <-checkerDone }()

	tb := newTreeBuilder()
	if err := cps.check(tb, file); err != nil {
		return root, err
	}
	prog := newProgress(m.Stderr, "verifying "+file, 0)
	defer prog.done()
	for b := range checked {
		if b.err != nil {
			return root, b.err
		}
		for i := range b.lines {
			lineNo, seq := b.firstLine+int64(i), tb.n
			if b.errs[i] != nil {
				return root, verifyFail("line %d (where seq %d belongs) %v", lineNo, seq, b.errs[i])
			}
			if got := b.seqs[i]; got != uint64(seq) {
				if got > uint64(seq) {
					return root, verifyFail("gap at seq %d: line %d holds seq %d", seq, lineNo, got)
				}
				return root, verifyFail("line %d holds seq %d where seq %d belongs (out of order or repeated)", lineNo, got, seq)
			}
			if _, err := tb.add(b.leaves[i]); err != nil {
				return root, fmt.Errorf("recompute tree hashes of seq %d: %w", seq, err)
			}
			if cps.due(tb.n) {
				if err := cps.check(tb, file); err != nil {
					return root, err
				}
			}
		}
		prog.update(tb.n)
	}
	if err := ctx.Err(); err != nil {
		return root, err
	}
	if err := cps.rest(tb.n, file, "lines"); err != nil {
		return root, err
	}
	root, err = tb.root()
	if err != nil {
		return root, err
	}
	prog.done()
	fmt.Fprintf(out, "tệp xuất hợp lệ: %d sự kiện, gốc Merkle %s\n", tb.n, root)
	fmt.Fprintf(out, "export file verified: %d events, every line canonical, seq dense from 0\n", tb.n)
	printRoot(out, tb.n, root)
	cps.print(out)
	return root, nil
}

// readExportBatches splits the file at '\n' into batches of verifyBatch
// lines (the last line may lack its '\n') and sends them on out.
func readExportBatches(ctx context.Context, f io.Reader, file string, out chan<- *exportBatch) {
	// Each batch owns one chunk of the file and its lines are slices of it:
	// no copy or allocation per line. A line cut by the chunk's end moves
	// to the next chunk.
	const chunkSize = 4 << 20
	lineNo := int64(1)
	var carry []byte
	for {
		buf := make([]byte, len(carry), max(chunkSize, 2*len(carry)))
		copy(buf, carry)
		n, err := io.ReadFull(f, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		eof := errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
		b := &exportBatch{firstLine: lineNo, lines: make([][]byte, 0, verifyBatch)}
		if err != nil && !eof {
			b.err = fmt.Errorf("read %s: %w", file, err)
		} else {
			rest := buf
			for {
				i := bytes.IndexByte(rest, '\n')
				if i < 0 {
					break
				}
				b.lines = append(b.lines, rest[:i:i])
				rest = rest[i+1:]
			}
			carry = rest
			if eof && len(carry) > 0 {
				// The last line may lack its '\n'.
				b.lines = append(b.lines, carry)
				carry = nil
			}
			lineNo += int64(len(b.lines))
		}
		if len(b.lines) > 0 || b.err != nil {
			select {
			case out <- b:
			case <-ctx.Done():
				return
			}
		}
		if eof || b.err != nil {
			return
		}
	}
}

func printRoot(w io.Writer, size int64, root tlog.Hash) {
	fmt.Fprintf(w, "tree size: %d\nroot (base64): %s\nroot (hex): %s\n", size, base64.StdEncoding.EncodeToString(root[:]), hex.EncodeToString(root[:]))
}

// describeIndex names a stored hash: "tree hash index I (level L, node K)".
func describeIndex(idx int64) string {
	if idx < 0 {
		return fmt.Sprintf("tree hash index %d", idx)
	}
	level, n := tlog.SplitStoredHashIndex(idx)
	return fmt.Sprintf("tree hash index %d (level %d, node %d)", idx, level, n)
}

func fmtHash(b []byte) string {
	if len(b) != tlog.HashSize {
		return fmt.Sprintf("a %d-byte value", len(b))
	}
	return hex.EncodeToString(b)
}

// addStoredCheckpoints adds the checkpoints kept in the ledger file (the
// checkpoints table) to cps, so that verify checks each root against the
// recomputed tree. Signatures are checked with --key if given, else with
// the data directory's ledger.vkey; with neither, only the roots are
// compared (and verify says so).
func (m *Main) addStoredCheckpoints(ctx context.Context, conn *sql.Conn, dir string, cps *checkpointSet) error {
	v := cps.verifier
	how := "signatures checked with --key"
	if v == nil {
		if kv, _, err := readVerifierKeyFile(dir); err == nil {
			v, how = kv, "signatures checked with "+filepath.Join(dir, verifierKeyFile)
		} else {
			how = "roots compared; signatures NOT checked: no --key and no " + verifierKeyFile
		}
	}
	rows, err := conn.QueryContext(ctx, "SELECT size, note FROM checkpoints ORDER BY size")
	if err != nil {
		return fmt.Errorf("read the ledger's checkpoints: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var size int64
		var msg []byte
		if err := rows.Scan(&size, &msg); err != nil {
			return fmt.Errorf("read the ledger's checkpoints: %w", err)
		}
		name := fmt.Sprintf("kept in the ledger (size %d)", size)
		var cp ledger.Checkpoint
		if v != nil {
			cp, err = ledger.Open(msg, v)
		} else {
			cp, err = ledger.ParseUnverified(msg)
		}
		if err != nil {
			return verifyFail("checkpoint %s: %v", name, err)
		}
		if int64(cp.Size) != size {
			return verifyFail("checkpoint %s holds a checkpoint of size %d", name, cp.Size)
		}
		cps.list = append(cps.list, givenCheckpoint{file: name, cp: cp, stored: true})
		cps.stored++
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read the ledger's checkpoints: %w", err)
	}
	cps.storedHow = how
	cps.sort()
	return nil
}

// verifyReceipt checks a receipt file offline: the checkpoint's signature
// by key, the export line, and the inclusion proof from the line's leaf to
// the signed root.
func (m *Main) verifyReceipt(file, key string) error {
	v, err := loadVerifierKey(key)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	_, ev, cp, err := ledger.VerifyReceipt(data, v)
	if err != nil {
		return verifyFail("receipt %s: %v", file, err)
	}
	fmt.Fprintf(m.Stdout, "biên nhận hợp lệ: sự kiện seq %d (%s, %s) nằm trong sổ cái %s gồm %d sự kiện, gốc Merkle %s\n",
		ev.Seq, ev.Type, ev.Stream, cp.Origin, cp.Size, cp.Root)
	fmt.Fprintf(m.Stdout, "receipt verified: event seq %d (id %s, type %s, stream %s, recorded %s) is leaf %d of the tree of %d events signed by %s+%08x\n",
		ev.Seq, ev.ID, ev.Type, ev.Stream, ev.RecordedAt.Format(time.RFC3339Nano), ev.Seq, cp.Size, v.Name(), v.KeyHash())
	printRoot(m.Stdout, int64(cp.Size), cp.Root)
	return nil
}
