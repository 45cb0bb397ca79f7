// Package kurrent is the ledger's KurrentDB (EventStoreDB) backend, on
// github.com/EventStore/EventStore-Client-Go/v4 (package esdb), which no
// other package imports. Open it with a connection string (ParseURL):
//
//	s, err := kurrent.Open(ctx, &kurrent.Options{URL: "esdb+discover://ledger-db:2113?tlsCAFile=/etc/tdkt/ca.crt"})
//
// # How the ledger maps onto KurrentDB
//
//   - A ledger stream is the KurrentDB stream of the same name (after
//     Options.StreamPrefix); its revisions are KurrentDB event numbers.
//   - An event's id is the KurrentDB event id, its type the event type, its
//     data the event data byte for byte (content type application/json),
//     and the rest of the envelope (schema, effective, actor, basis,
//     correlation, causation) the event metadata as a small JSON document.
//     recordedAt is KurrentDB's "created" time (server clock, 100 ns).
//   - seq and the Merkle tree come from the ledger index: one ordered
//     consumer of $all per process gives each ledger event the next seq in
//     $all order and records batches of the index, with the tree's root, in
//     the index stream (DefaultIndexStream) under an exact expected
//     revision, so the index advances one record at a time whichever
//     process writes it. See index.go.
//
// # Guarantees and the one difference
//
// The store passes eventstore/storetest unchanged. The difference from the
// embedded store is that KurrentDB makes an append durable before its seq
// exists. Append waits (bounded by its context) for the index consumer, so
// a successful Append always carries seqs; if the context ends first it
// returns a *NotIndexedError, which matches the context's error: the events
// are durable, and a retry with the same ids returns their result. Reads,
// Head and Subscribe show only indexed events.
//
// # Idempotency and Any
//
// KurrentDB checks event ids durably only for appends with an explicit
// expected revision; for Any and StreamExists it looks ids up in a bounded
// in-memory cache, so a retry after an eviction or a restart would be
// written twice. The store therefore never sends Any or StreamExists: it
// catches the index up with $all, answers retries of indexed events itself
// (memstore's rules, content compared through the leaf hash), and sends the
// exact revision the index has for the stream, retrying if another writer
// moved it. Appends of the same ids in one process are serialised.
//
// # Caveats
//
//   - The database (or the prefix) must hold only ledger streams: an event
//     in a ledger stream that is not a tdkt envelope, a duplicate id, or a
//     revision gap (a deleted or truncated stream) halts the index
//     (ErrIndexHalted) instead of being skipped.
//   - Reads check every event against the index (id, position, leaf hash)
//     and fail with ErrIndexMismatch if KurrentDB changed under the ledger.
//   - The consumer reads $all, which needs $admins or $r on $$$all.
//   - A client whose first discovery fails is closed for good by esdb; the
//     store does not rebuild it (reopen the store).
package kurrent
