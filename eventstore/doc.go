// Package eventstore defines the ledger's storage contract: the event
// envelope, the export line, and the Store interface every backend
// implements (the embedded SQLite store in eventstore/sqlite, an in-memory
// fake in eventstore/memstore, KurrentDB in eventstore/kurrent).
//
// # Guarantees every Store gives
//
//   - Events are values. Once appended they are never changed or removed; a
//     correction is a new event.
//   - Every event has a stream revision (0-based, dense within its stream) and
//     a global seq (0-based, dense across the ledger, no gaps). seq is the
//     event's leaf index in the ledger's RFC 6962 Merkle tree.
//   - The events of one Append are atomic (all or none) and contiguous in seq.
//   - Append is idempotent on event ids: a retry with the same ids and the
//     same content returns the original result and writes nothing.
//   - An acknowledged Append is durable (for the embedded store: it survives a
//     SIGKILL and a power cut).
//   - ReadAll and Subscribe yield events strictly in seq order with no gaps
//     and no duplicates.
//
// # The export line
//
// Each recorded event has one canonical byte form, its export line
// (AppendExportLine): a JSON object with keys in a fixed order and data
// verbatim. The Merkle leaf of an event is SHA-256(0x00 || line), so anyone
// holding an export file can rebuild the tree with any RFC 6962
// implementation.
package eventstore
