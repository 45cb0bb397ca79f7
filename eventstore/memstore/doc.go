// Package memstore is an in-memory eventstore.Store: the fake other
// packages test with, and a short reference for the contract's semantics.
// It passes the conformance suite in eventstore/storetest.
//
// # Guarantees
//
//   - Every guarantee of the eventstore.Store contract except durability:
//     dense revisions and seqs, atomic appends contiguous in seq, idempotent
//     retries on event ids (the same rule as every backend: all ids
//     recorded, in this stream, at consecutive seqs in argument order, with
//     the same content), and ReadAll and Subscribe in seq order with no gap
//     and no duplicate.
//   - Validation and the size limit are the shared ones: ValidateAppend,
//     and CheckSize on each event's export line.
//   - Safe for concurrent use. One lock orders appends; readers copy events
//     out in short batches and never hold it while the consumer runs, so a
//     consumer may append from inside a read loop, and breaking out of a
//     loop releases nothing because nothing is held.
//   - Values in, values out: Append copies the events it is given (Data,
//     Actor, Basis), and every result and read yields fresh copies, so no
//     caller can change what is recorded.
//   - Subscribe wakes on every append (a channel closed and replaced by
//     each one) and on Close.
//
// # Caveats
//
//   - Not durable: everything lives in the process's memory and is gone on
//     Close or exit. Close drops the events.
//   - recordedAt is Options.Now in UTC, exactly as the clock gives it; a
//     clock that goes backwards gives recordedAt that goes backwards.
//   - Memory grows with the ledger and is never compacted; it is meant for
//     tests and small tools, not for production ledgers.
package memstore
