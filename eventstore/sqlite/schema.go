package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// migration is one step of the schema. Steps are applied in order, each in
// its own transaction together with its row in schema_migrations, so a crash
// leaves the schema either before or after a step, never half-way.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations is the schema's history. Never edit a released step: add one.
// docs/STORAGE.md documents the resulting schema for auditors.
var migrations = []migration{
	{1, "events table, immutability triggers, auditor view", `
CREATE TABLE ledger_meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

-- One row per event. line is the event's export line: the canonical bytes
-- its Merkle leaf is computed from. seq, id, stream and revision repeat
-- fields of line so they can be indexed.
CREATE TABLE events (
	seq      INTEGER PRIMARY KEY,
	id       TEXT    NOT NULL UNIQUE,
	stream   TEXT    NOT NULL,
	revision INTEGER NOT NULL,
	line     TEXT    NOT NULL,
	UNIQUE (stream, revision)
) STRICT;

-- The file itself refuses edits and deletions: events are values.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'tdkt: events are immutable; UPDATE is not allowed (record a correction event instead)'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'tdkt: events are immutable; DELETE is not allowed'); END;
-- seq is dense: each new row takes the next seq.
CREATE TRIGGER events_dense_seq BEFORE INSERT ON events
WHEN NEW.seq IS NOT (SELECT coalesce(max(seq) + 1, 0) FROM events)
BEGIN SELECT RAISE(ABORT, 'tdkt: seq must be the next in the ledger'); END;

-- A readable view for auditors using the sqlite3 shell.
CREATE VIEW event_view AS
SELECT seq, id, stream, revision,
	json_extract(line, '$.type')        AS type,
	json_extract(line, '$.schema')      AS schema,
	json_extract(line, '$.recordedAt')  AS recorded_at,
	json_extract(line, '$.effective')   AS effective,
	json_extract(line, '$.actor')       AS actor,
	json_extract(line, '$.basis')       AS basis,
	json_extract(line, '$.correlation') AS correlation,
	json_extract(line, '$.causation')   AS causation,
	json_extract(line, '$.data')        AS data
FROM events;
`},
	{2, "Merkle tree", `
-- The ledger's RFC 6962 Merkle tree in the layout of Go's
-- golang.org/x/mod/sumdb/tlog: one row per stored hash (every complete
-- subtree), idx = tlog.StoredHashIndex(level, n). Leaf n is
-- SHA-256(0x00 || export line of seq n). Written in the same transaction as
-- the events it covers.
CREATE TABLE tree (
	idx  INTEGER PRIMARY KEY,
	hash BLOB    NOT NULL CHECK (length(hash) = 32)
) STRICT;
CREATE TRIGGER tree_no_update BEFORE UPDATE ON tree
BEGIN SELECT RAISE(ABORT, 'tdkt: the Merkle tree is append-only; UPDATE is not allowed'); END;
CREATE TRIGGER tree_no_delete BEFORE DELETE ON tree
BEGIN SELECT RAISE(ABORT, 'tdkt: the Merkle tree is append-only; DELETE is not allowed'); END;
`},
	{3, "signed checkpoints", `
-- Every checkpoint the ledger signed: a C2SP signed note of the tree of
-- size events. Kept for ever, so an auditor can check any of them against
-- the tree later; sizes only grow.
CREATE TABLE checkpoints (
	size      INTEGER PRIMARY KEY,
	note      TEXT    NOT NULL,
	issued_at TEXT    NOT NULL
) STRICT;
CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints
BEGIN SELECT RAISE(ABORT, 'tdkt: signed checkpoints are kept as issued; UPDATE is not allowed'); END;
CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints
BEGIN SELECT RAISE(ABORT, 'tdkt: signed checkpoints are kept as issued; DELETE is not allowed'); END;
CREATE TRIGGER checkpoints_grow BEFORE INSERT ON checkpoints
WHEN NEW.size <= (SELECT coalesce(max(size), -1) FROM checkpoints)
  OR NEW.size > (SELECT coalesce(max(seq) + 1, 0) FROM events)
BEGIN SELECT RAISE(ABORT, 'tdkt: a checkpoint must cover more events than the last one, and no more than the ledger holds'); END;
`},
}

// schemaVersion is the version this code writes and reads.
var schemaVersion = migrations[len(migrations)-1].version

func migrate(ctx context.Context, db *sql.DB, now time.Time) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at TEXT NOT NULL
) STRICT`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	current, err := currentVersion(ctx, db)
	if err != nil {
		return err
	}
	if current > schemaVersion {
		return fmt.Errorf("%w: ledger schema version %d is newer than this tdkt understands (%d); upgrade tdkt", ErrSchema, current, schemaVersion)
	}
	for _, m := range migrations {
		if m.version <= current {
			continue
		}
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("migration %d: %w", m.version, err)
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			_ = tx.Rollback()
			return fmt.Errorf("migration %d (%s): %w", m.version, m.name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)`,
			m.version, m.name, now.UTC().Format(time.RFC3339Nano)); err != nil {
			_ = tx.Rollback()
			return fmt.Errorf("migration %d: %w", m.version, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, m.version)); err != nil {
			_ = tx.Rollback()
			return fmt.Errorf("migration %d: %w", m.version, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %d: %w", m.version, err)
		}
	}
	return nil
}

func currentVersion(ctx context.Context, db *sql.DB) (int, error) {
	var v sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return int(v.Int64), nil
}
