// Package api is tdkt's HTTP interface on gorilla/mux.
//
// It serves the operations routes (/healthz, /readyz, /metrics,
// /openapi.json), the ledger routes (export lines, checkpoints, proofs,
// receipts, the live feed at /api/v1/events/live) and the commands
// (POST /api/v1/commands/{Name}, one per command of domain.Commands()).
// Queries and the Vietnamese pages come with the rest of issue 6.
//
// # Commands
//
// A command is decoded strictly by the domain, validated, checked against
// the permission table (permission.go: role × command, bounded by the
// token's units), decided against the states of the streams it reads
// (folded with domain.Evolve up to the ledger head read first), encoded
// and appended with the revision the decider saw, or the caller's
// expectedRevision / If-Match. The business date is Now in Vietnam
// (UTC+7); the actor on every event is the token's subject, role and unit.
// With an Idempotency-Key, event ids are UUIDv5 of the caller's subject,
// the key and the event's index, and the correlation id also hashes the
// request: a retry — also after a restart — finds the first try's events
// in the stream and gets the original response; another request with the
// same key gets 422.
//
// # Authentication
//
// Bearer tokens from a tokens file, kept as SHA-256 hashes and compared in
// constant time. Public routes (/healthz, /readyz, /metrics, /openapi.json)
// never look at tokens; everything else needs one, except the ledger routes
// when PublicLedger is set and the standings when PublicStandings is set.
//
// # Guarantees
//
//   - Every error response is RFC 9457 application/problem+json with type,
//     title, status, detail and instance, produced by one function, Error,
//     through one table (unknown routes and wrong methods included; a wrong
//     method also gets an Allow header).
//   - Internal details never reach the caller: an error that is neither a
//     domain.Error nor a known eventstore error is a 500 with detail
//     "Internal error.", and is logged once, on the request's log line.
//   - Every request is logged with log/slog (method, path, status, bytes,
//     duration). Request headers are never logged, so neither are bearer
//     tokens.
//   - Nothing is written on any error: every check (auth, content type,
//     size, JSON, the permission table, the domain's rules, the expected
//     revision) runs before the one Append.
//   - Every response carries X-Content-Type-Options: nosniff.
//   - The package depends on interfaces it declares (Store, EventStore,
//     Ledger), never on a concrete backend; cmd/tdkt wires those.
package api
