package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tdkt/tdkt/eventstore"
	sqlitedrv "modernc.org/sqlite" // also registers the "sqlite" database/sql driver
)

// FileName is the name of the ledger file inside the data directory.
const FileName = "ledger.db"

// LockName is the name of the lock file inside the data directory.
const LockName = "LOCK"

var (
	// ErrLocked: another process has the data directory open for writing.
	ErrLocked = errors.New("data directory is in use by another tdkt process")
	// ErrSchema: the ledger file's schema cannot be used by this build.
	ErrSchema = errors.New("ledger schema mismatch")
	// ErrNoLedger: a read-only open found no ledger file.
	ErrNoLedger = errors.New("no ledger in data directory")
	// ErrCorrupt: the stored ledger contradicts itself (a gap in seq, a row
	// whose columns disagree with its export line).
	ErrCorrupt = errors.New("ledger is corrupt")
)

// Options configure a Store. The zero value, and nil, give the defaults.
type Options struct {
	// ReadOnly opens the ledger for reading only. No lock is taken, so a
	// read-only Store can run beside the writing process (export, backup,
	// verify while serve runs). Append returns eventstore.ErrReadOnly.
	ReadOnly bool
	// MaxEventSize is the largest export line accepted, in bytes;
	// 0 means eventstore.DefaultMaxEventSize (1 MiB).
	MaxEventSize int
	// LockTimeout is how long Open waits for the data directory's lock held
	// by another process; 0 fails at once with ErrLocked.
	LockTimeout time.Duration
	// Logger receives operational logs; nil discards them.
	Logger *slog.Logger
	// Now is the clock for recordedAt; nil means time.Now. recordedAt never
	// goes backwards in seq order even if Now does.
	Now func() time.Time
	// MaxBatchEvents caps the events the writer commits in one transaction
	// (group commit); 0 means 10,000.
	MaxBatchEvents int
	// FullFsync makes commits call fsync(2) instead of fdatasync(2). Both
	// are durable; fdatasync skips timestamp updates and is the default.
	// The switch is process-wide: the last store opened for writing sets it.
	FullFsync bool
	// CheckpointInterval is how often the background checkpointer copies
	// the WAL into the database file; 0 means one second.
	CheckpointInterval time.Duration
	// RecoverInterval is how often, after a storage fault (disk full, a
	// write or fsync error), the writer checks whether the disk takes
	// writes again and, if so, reopens its connection from the file and
	// accepts appends again; 0 means 5 seconds, negative never.
	RecoverInterval time.Duration
}

// Store is the embedded ledger: one SQLite file, <dir>/ledger.db, in WAL
// mode with synchronous=FULL. One writer goroutine group-commits appends;
// reads use a separate pool of read-only connections.
type Store struct {
	dir  string
	path string
	opts Options
	log  *slog.Logger
	now  func() time.Time

	lock  *dirLock
	wdb   *sql.DB // the writer connection (exactly one)
	rdb   *sql.DB // read-only connections
	ckdb  *sql.DB // background checkpoints and backups
	stmts readStmts

	// head is the number of durable events: reads never go past it.
	head atomic.Uint64
	// notify is closed and replaced after every commit to wake subscribers.
	notifyMu sync.Mutex
	notify   chan struct{}

	reqs    chan *appendReq
	closing chan struct{}
	done    sync.WaitGroup
	closed  atomic.Bool
	once    sync.Once
	cerr    error

	// fault is set when a write failed below the append logic (I/O, disk
	// full, fsync): the store then refuses writes.
	fault atomic.Pointer[faultErr]

	// writer-goroutine state (touched only by the writer after Open).
	w writerState
}

var _ eventstore.Store = (*Store)(nil)

// Open opens (creating if needed) the ledger in dir. For writing it takes
// an exclusive lock on dir/LOCK first; a second writer gets an error
// wrapping ErrLocked that names the holder's pid. It applies schema
// migrations, then starts the writer and the background checkpointer.
func Open(dir string, opts *Options) (*Store, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.MaxEventSize <= 0 {
		o.MaxEventSize = eventstore.DefaultMaxEventSize
	}
	if o.MaxBatchEvents <= 0 {
		o.MaxBatchEvents = eventstore.MaxEventsPerAppend
	}
	if o.CheckpointInterval <= 0 {
		o.CheckpointInterval = time.Second
	}
	if o.RecoverInterval == 0 {
		o.RecoverInterval = 5 * time.Second
	}
	s := &Store{
		dir:     dir,
		path:    filepath.Join(dir, FileName),
		opts:    o,
		log:     o.Logger,
		now:     o.Now,
		notify:  make(chan struct{}),
		reqs:    make(chan *appendReq),
		closing: make(chan struct{}),
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.now == nil {
		s.now = time.Now
	}
	if err := s.open(); err != nil {
		s.closeResources()
		return nil, fmt.Errorf("open ledger %s: %w", s.path, err)
	}
	return s, nil
}

func (s *Store) open() error {
	ctx := context.Background()
	if s.opts.ReadOnly {
		if _, err := os.Stat(s.path); err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return ErrNoLedger
			}
			return err
		}
	} else {
		if err := os.MkdirAll(s.dir, 0o750); err != nil {
			return err
		}
		l, err := lockDir(filepath.Join(s.dir, LockName), s.opts.LockTimeout)
		if err != nil {
			return err
		}
		s.lock = l
	}

	var err error
	if !s.opts.ReadOnly {
		// Commit with fdatasync(2) rather than fsync(2): it writes the data
		// and the metadata needed to read it back (the file size included),
		// skipping only timestamps, so durability is the same; on ext4 it
		// saves the journal commit fsync forces for the mtime. SQLite's own
		// Linux builds do this; the transpiled library needs the switch.
		// It is process-wide, and harmless for every other connection.
		_, _ = sqlitedrv.Fdatasync(!s.opts.FullFsync)
		// The writer: one connection, WAL, full fsync on every commit, no
		// automatic checkpoints inside commits (the checkpointer does them).
		s.wdb, err = s.openWriterDB()
		if err != nil {
			return err
		}
		if err := migrate(ctx, s.wdb, s.now()); err != nil {
			return err
		}
		s.ckdb, err = sql.Open("sqlite", s.dsn("_pragma=synchronous(FULL)"))
		if err != nil {
			return err
		}
		s.ckdb.SetMaxOpenConns(1)
	}
	s.rdb, err = sql.Open("sqlite", s.dsn(
		"_pragma=query_only(1)",
		"_pragma=cache_size(-16384)",
		fmt.Sprintf("_pragma=mmap_size(%d)", readMmapSize),
	))
	if err != nil {
		return err
	}
	s.rdb.SetMaxOpenConns(8)
	s.rdb.SetMaxIdleConns(8)
	s.rdb.SetConnMaxLifetime(0)

	if s.opts.ReadOnly {
		v, err := currentVersion(ctx, s.rdb)
		if err != nil {
			return err
		}
		if v != schemaVersion {
			return fmt.Errorf("%w: ledger schema version %d, this tdkt reads %d (open it once for writing to migrate)", ErrSchema, v, schemaVersion)
		}
	}
	if err := s.stmts.prepare(ctx, s.rdb); err != nil {
		return err
	}
	head, lastAt, err := s.loadHead(ctx, s.rdb)
	if err != nil {
		return err
	}
	s.head.Store(head)
	if !s.opts.ReadOnly {
		if err := s.w.init(ctx, s, head, lastAt); err != nil {
			return err
		}
		if err := s.backfillTree(ctx, head); err != nil {
			return err
		}
		s.done.Add(2)
		go s.writer()
		go s.checkpointer()
	}
	s.log.Info("ledger opened", "path", s.path, "events", head, "readOnly", s.opts.ReadOnly)
	return nil
}

// readMmapSize is how much of the ledger file each read connection maps:
// reads of a mapped page copy nothing (replay is faster), at the price of
// the pages read counting as the process's resident memory.
const readMmapSize = 1 << 30

// openWriterDB opens the writer's one connection: WAL, full fsync on every
// commit, no automatic checkpoints inside commits (the checkpointer does
// them).
func (s *Store) openWriterDB() (*sql.DB, error) {
	db, err := sql.Open("sqlite", s.dsn(
		"_txlock=immediate",
		"_pragma=journal_mode(WAL)",
		"_pragma=synchronous(FULL)",
		"_pragma=wal_autocheckpoint(0)",
		"_pragma=cache_size(-32768)",
	))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	return db, nil
}

func (s *Store) dsn(params ...string) string {
	q := "_pragma=busy_timeout(10000)"
	for _, p := range params {
		q += "&" + p
	}
	return "file:" + (&url.URL{Path: s.path}).EscapedPath() + "?" + q
}

// loadHead returns the number of events and the recordedAt of the last.
func (s *Store) loadHead(ctx context.Context, db *sql.DB) (uint64, time.Time, error) {
	var seq sql.NullInt64
	var line []byte
	err := db.QueryRowContext(ctx, `SELECT seq, line FROM events ORDER BY seq DESC LIMIT 1`).Scan(&seq, &line)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, time.Time{}, nil
	}
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("read head: %w", err)
	}
	ev, err := eventstore.ParseTrustedExportLine(line)
	if err != nil || ev.Seq != uint64(seq.Int64) {
		return 0, time.Time{}, fmt.Errorf("%w: last event (seq %d) does not parse: %v", ErrCorrupt, seq.Int64, err)
	}
	return uint64(seq.Int64) + 1, ev.RecordedAt, nil
}

// faultErr is why the store refuses writes. recoverable faults (storage
// errors) are retried by the writer every RecoverInterval; a refusal
// (Refuse: the start-up check failed) lasts until the store is reopened.
type faultErr struct {
	cause       error
	recoverable bool
}

// Fault returns nil while the store accepts writes, and after a storage
// fault an error wrapping eventstore.ErrReadOnly and the cause. Readiness
// checks report it; reads keep working.
func (s *Store) Fault() error {
	if f := s.fault.Load(); f != nil {
		return fmt.Errorf("%w after a storage fault: %w", eventstore.ErrReadOnly, f.cause)
	}
	return nil
}

// Path returns the path of ledger.db.
func (s *Store) Path() string { return s.path }

// Dir returns the data directory.
func (s *Store) Dir() string { return s.dir }

// Head returns the number of durable events.
func (s *Store) Head(ctx context.Context) (uint64, error) {
	if s.closed.Load() {
		return 0, eventstore.ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if s.opts.ReadOnly {
		// Another process may be writing: ask the file.
		head, _, err := s.loadHead(ctx, s.rdb)
		if err != nil {
			return 0, err
		}
		s.head.Store(head)
		return head, nil
	}
	return s.head.Load(), nil
}

// StreamRevision returns the revision of stream's last event.
func (s *Store) StreamRevision(ctx context.Context, stream string) (uint64, bool, error) {
	if s.closed.Load() {
		return 0, false, eventstore.ErrClosed
	}
	var rev sql.NullInt64
	if err := s.stmts.streamRev.QueryRowContext(ctx, stream, s.visibleHead()).Scan(&rev); err != nil {
		return 0, false, fmt.Errorf("stream revision %s: %w", stream, err)
	}
	if !rev.Valid {
		return 0, false, nil
	}
	return uint64(rev.Int64), true, nil
}

// Backup writes a consistent copy of the ledger to path with VACUUM INTO,
// while the store keeps serving. path must not exist yet. The copy is a
// complete ledger.db (no WAL needed) that Open can read.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.closed.Load() {
		return eventstore.ErrClosed
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup: %s already exists", path)
	}
	// A connection of its own: a long backup must not hold the
	// checkpointer's connection (Close would wait for it) nor change the
	// settings of a pooled read connection.
	db, err := sql.Open("sqlite", s.dsn())
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}

// Close stops the writer (appends waiting get ErrClosed), checkpoints the
// WAL into the database file, closes the connections and releases the lock.
// It is safe to call more than once.
func (s *Store) Close() error {
	s.once.Do(func() {
		s.closed.Store(true)
		close(s.closing)
		s.done.Wait()
		if s.wdb != nil {
			if _, err := s.wdb.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
				s.log.Warn("final checkpoint failed", "err", err)
			}
		}
		s.cerr = s.closeResources()
		s.wakeSubscribers()
	})
	return s.cerr
}

func (s *Store) closeResources() error {
	var errs []error
	s.stmts.close()
	for _, db := range []*sql.DB{s.rdb, s.ckdb, s.wdb} {
		if db != nil {
			errs = append(errs, db.Close())
		}
	}
	if s.lock != nil {
		errs = append(errs, s.lock.release())
	}
	return errors.Join(errs...)
}

// checkpointer copies the WAL into the database file in the background so
// commits never pay for it. PASSIVE never blocks the writer or readers.
func (s *Store) checkpointer() {
	defer s.done.Done()
	t := time.NewTicker(s.opts.CheckpointInterval)
	defer t.Stop()
	last := s.head.Load()
	for {
		select {
		case <-s.closing:
			return
		case <-t.C:
		}
		if h := s.head.Load(); h != last {
			last = h
			if _, err := s.ckdb.Exec(`PRAGMA wal_checkpoint(PASSIVE)`); err != nil {
				s.log.Warn("checkpoint failed", "err", err)
			}
		}
	}
}

func (s *Store) notifyChan() chan struct{} {
	s.notifyMu.Lock()
	defer s.notifyMu.Unlock()
	return s.notify
}

func (s *Store) wakeSubscribers() {
	s.notifyMu.Lock()
	close(s.notify)
	s.notify = make(chan struct{})
	s.notifyMu.Unlock()
}
