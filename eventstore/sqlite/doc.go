// Package sqlite is the embedded ledger backend: one SQLite file,
// <data dir>/ledger.db, through modernc.org/sqlite (pure Go, no cgo).
// docs/STORAGE-CHOICE.md says why; docs/STORAGE.md documents the schema for
// auditors.
//
// # Guarantees
//
//   - Durable on acknowledgement: WAL mode with synchronous=FULL; Append
//     returns only after the commit's fsync. A process killed at any instant
//     reopens with every acknowledged event and no partial append.
//   - Visible only when durable: readers never see an event before its
//     commit is on disk, and never past the published head.
//   - One writer: an exclusive flock on <dir>/LOCK. A second process that
//     opens the directory for writing gets ErrLocked naming the holder.
//     Read-only opens take no lock and can run beside the writer.
//   - Group commit: one writer goroutine takes every pending append and
//     commits them in one transaction and one fsync. Each append is still
//     atomic: an append rejected by the contract (wrong revision, id
//     conflict, too large) writes nothing and does not affect the others in
//     its batch. A storage fault (I/O error, disk full, failed fsync) fails
//     the whole batch and turns the store read-only (Fault) until restart.
//   - Append-only in the file itself: triggers abort UPDATE and DELETE on
//     the events table and any INSERT that would leave a gap in seq.
//   - recordedAt never decreases in seq order, so a time maps to a seq.
//
// # Caveats
//
// Stream heads are cached in memory by the writer; the file must not be
// written by anything else while a Store has it open for writing (the lock
// and the triggers enforce that for tdkt and make it hard for anything
// else). Checkpoints of the WAL into the main file run in the background
// every CheckpointInterval and on Close.
package sqlite
